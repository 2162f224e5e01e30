/*
 * read.c: reading news-TSV streams from file operands.
 *
 * Each file starts with its own header; the first header read sets the
 * columns and every later file must repeat it exactly.  A line ending in
 * CR LF is read as if it ended in LF.  A malformed record is reported,
 * appended to the rejects file when there is one, and skipped; the other
 * records go on.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan.h"
#include "tsv.h"

#define RBUFSIZE	(1024 * 1024)

struct tsv_reader {
	char		**files;	/* operands; not owned */
	int		  nfiles;
	int		  next;		/* index of the next file to open */
	int		  fd;		/* open input, or -1 */
	int		  ioerr;	/* a read error ended the file */
	int		  eof;		/* read(2) said end of file */
	const char	 *fname;	/* name of the open file for messages */
	size_t		  lineno;
	char		 *buf;		/* read buffer, owned */
	size_t		  cap;		/* room for input; 1 + TSV_PAD more after */
	size_t		  start;	/* first unread byte */
	size_t		  end;		/* end of the bytes read */
	char		 *line;		/* the current line, inside buf */
	struct tsv_span	 *f;		/* field spans, owned */
	size_t		 *fo;		/* field start offsets, owned */
	struct tsv_header *hdr;		/* owned */
	char		 *hdrline;	/* the first header as read, owned */
	size_t		  hdrlen;
	struct tsv_writer *rejects;	/* owned */
	unsigned long long nin, nrej;
	int		  stats;
	int		  rval;
};

static char	 stdin_name[] = "-";
static char	*stdin_operands[] = { stdin_name };

/* Split line[0..len) at TAB into at most max spans; return the count. */
static size_t
split_fields(const char *line, size_t len, struct tsv_span *f, size_t max)
{
	const char *s = line, *e = line + len, *t;
	size_t n = 0;

	for (;;) {
		t = memchr(s, '\t', (size_t)(e - s));
		if (n < max) {
			f[n].p = s;
			f[n].len = (size_t)((t != NULL ? t : e) - s);
		}
		n++;
		if (t == NULL)
			return n;
		s = t + 1;
	}
}

/*
 * What the pass over a record's line has found so far.  The pass may stop
 * at the end of the bytes read and resume after more are read, and the
 * buffer may move in between, so positions are offsets from the line's
 * start.
 */
struct line_scan {
	size_t	 pos;		/* next offset to look at */
	size_t	 skip;		/* offsets before this are settled */
	size_t	 nf;		/* fields seen (TABs + 1 at the end) */
	size_t	*fo;		/* start offsets of fields, max + 1 of them */
	size_t	 max;
	size_t	 nul;		/* offset of the first NUL, or SIZE_MAX */
	size_t	 esc;		/* offset of the first bad backslash, or SIZE_MAX */
	size_t	 escfield;	/* 0-based field of that backslash */
};

/*
 * Act on one LF, TAB, backslash or NUL at line[k] of the avail bytes read.
 * Returns 1 at the LF that ends the line, -1 when a backslash is the last
 * byte read and its letter is still to come, else 0.
 */
static inline int
scan_hit(const char *line, size_t avail, size_t k, int more,
    struct line_scan *ls)
{
	/* Most hits on a page are the backslashes of its line breaks. */
	if (line[k] == '\\') {
		if (k + 1 == avail && more)
			return -1;
		if (k + 1 < avail && unescape_letter(line[k + 1]) != '\0') {
			ls->skip = k + 2;
			return 0;
		}
		if (ls->esc == SIZE_MAX) {
			ls->esc = k;
			ls->escfield = ls->nf;
		}
	} else if (line[k] == '\n')
		return 1;
	else if (line[k] == '\t') {
		/* fo has max + 1 slots: the last ends field max - 1. */
		if (++ls->nf <= ls->max)
			ls->fo[ls->nf] = k + 1;
	} else if (ls->nul == SIZE_MAX)
		ls->nul = k;
	ls->skip = k + 1;
	return 0;
}

/*
 * Look through line[ls->pos..avail) for the LF that ends the line, and on
 * the way split it at TAB and find NUL bytes and bad escapes: one pass, 16
 * bytes at a time, instead of one for each.  Returns 1 with ls->pos at the
 * LF, or 0 with ls->pos where to resume once more bytes are read (more is
 * 0 when no more will come).
 */
static int
scan_record(const char *line, size_t avail, int more, struct line_scan *ls)
{
	size_t i = ls->pos, k;
	int hit;

#ifdef __SSE2__
	const __m128i lf = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
	const __m128i bs = _mm_set1_epi8('\\'), nul = _mm_setzero_si128();
	__m128i v;
	unsigned int mask;

	for (; i + 16 <= avail; i += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(line + i));
		mask = (unsigned int)_mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, tab)),
		    _mm_or_si128(_mm_cmpeq_epi8(v, bs),
		    _mm_cmpeq_epi8(v, nul))));
		while (mask != 0) {
			k = i + (size_t)__builtin_ctz(mask);
			mask &= mask - 1;
			if (k < ls->skip)
				continue;
			if ((hit = scan_hit(line, avail, k, more, ls)) != 0) {
				ls->pos = k;
				return hit > 0;
			}
		}
	}
#endif
	for (; i < avail; i++) {
		if (i < ls->skip || (line[i] != '\n' && line[i] != '\t' &&
		    line[i] != '\\' && line[i] != '\0'))
			continue;
		if ((hit = scan_hit(line, avail, i, more, ls)) != 0) {
			ls->pos = i;
			return hit > 0;
		}
	}
	ls->pos = avail;
	return 0;
}

/* Trim the LF, and a CR before it, from a line just read. */
static size_t
chomp(char *line, size_t len)
{
	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (len > 0 && line[len - 1] == '\r')
		len--;
	line[len] = '\0';
	return len;
}

/*
 * Open the next operand; returns 0 when there are none left.  A file that
 * cannot be opened is reported and the run goes on, exiting 2 at the end.
 */
static int
open_next(struct tsv_reader *r)
{
	const char *name;

	while (r->next < r->nfiles) {
		name = r->files[r->next++];
		r->lineno = 0;
		r->start = r->end = 0;
		r->ioerr = r->eof = 0;
		if (strcmp(name, "-") == 0) {
			r->fd = STDIN_FILENO;
			r->fname = "stdin";
		} else if ((r->fd = open(name, O_RDONLY)) == -1) {
			warn("%s", name);
			r->rval = TSV_EXIT_FATAL;
			continue;
		} else
			r->fname = name;
		return 1;
	}
	return 0;
}

static void
close_current(struct tsv_reader *r)
{
	if (r->ioerr) {
		warnx("%s: read error: %s", r->fname, strerror(r->ioerr));
		r->rval = TSV_EXIT_FATAL;
	}
	if (r->fd != STDIN_FILENO)
		close(r->fd);
	r->fd = -1;
}

/*
 * Read more input after the unread bytes, moving them to the front first
 * and doubling the buffer when a line fills it, so the buffer grows to the
 * longest line and no further.  Returns the number of bytes read, 0 at end
 * of file or after a read error (kept in r->ioerr).
 */
static size_t
fill(struct tsv_reader *r)
{
	ssize_t n;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {
		if (r->cap > SIZE_MAX / 2 - 1)
			errx(TSV_EXIT_FATAL, "%s:%zu: line too long", r->fname,
			    r->lineno + 1);
		r->cap = r->cap == 0 ? RBUFSIZE : r->cap * 2;
		/* One byte for a last LF, then the pad of tsv.h. */
		r->buf = erealloc(r->buf, r->cap + 1 + TSV_PAD);
	}
	for (;;) {
		n = read(r->fd, r->buf + r->end, r->cap - r->end);
		if (n >= 0)
			break;
		if (errno != EINTR) {
			r->ioerr = errno;
			return 0;
		}
	}
	r->end += (size_t)n;
	memset(r->buf + r->end, 0, 1 + TSV_PAD);
	if (n == 0)
		r->eof = 1;
	return (size_t)n;
}

/*
 * Point r->line at the next line, NUL-terminated in place; returns its
 * length without LF (or CR LF), or -1 at end of file.  This reader, not
 * getline(3), because handing out lines inside the read buffer saves a
 * copy of every byte, which is a good part of a pass-through's time.
 */
static ssize_t
read_line(struct tsv_reader *r)
{
	size_t scanned = 0, len;
	char *nl;

	for (;;) {
		if (r->end - r->start > scanned && (nl = memchr(r->buf +
		    r->start + scanned, '\n', r->end - r->start - scanned)) !=
		    NULL)
			break;
		scanned = r->end - r->start;
		if (r->ioerr || r->eof || fill(r) == 0) {
			if (r->end == r->start)
				return -1;
			/* A last line without LF gets one in the spare byte. */
			nl = r->buf + r->end++;
			*nl = '\n';
			break;
		}
	}
	r->line = r->buf + r->start;
	len = (size_t)(nl - r->line) + 1;
	r->start += len;
	r->lineno++;
	return (ssize_t)chomp(r->line, len);
}

/*
 * Read the next record's line, finding its end and its fields in the same
 * pass (scan_record); returns its length without LF (or CR LF), or -1 at
 * end of file.  The line stays in the read buffer, NUL-terminated in
 * place.
 */
static ssize_t
read_record(struct tsv_reader *r, struct line_scan *ls)
{
	size_t len;
	char *line;

	ls->pos = ls->skip = 0;
	ls->nf = 0;
	ls->nul = ls->esc = SIZE_MAX;
	ls->fo[0] = 0;
	for (;;) {
		if (scan_record(r->buf + r->start, r->end - r->start,
		    !r->ioerr && !r->eof, ls))
			break;
		if (r->ioerr || r->eof || fill(r) == 0) {
			if (r->end == r->start)
				return -1;
			/* A last line without LF gets one in the spare byte. */
			r->buf[r->end] = '\n';
			ls->pos = r->end++ - r->start;
			break;
		}
	}
	line = r->buf + r->start;
	r->line = line;
	r->start += ls->pos + 1;
	r->lineno++;
	len = chomp(line, ls->pos + 1);
	ls->nf++;
	return (ssize_t)len;
}

/*
 * Parse the first header: names unescaped, no NUL, no duplicates.  A bad
 * header makes the whole stream unusable, so it is fatal.
 */
static struct tsv_header *
parse_header(struct tsv_reader *r, const char *line, size_t len)
{
	struct tsv_header *h;
	struct tsv_span *f, v;
	struct tsv_buf scratch = { 0 };
	size_t i, j, n, bad;

	if (memchr(line, '\0', len) != NULL)
		errx(TSV_EXIT_FATAL, "%s:%zu: NUL byte in header", r->fname,
		    r->lineno);
	if (!tsv_check_escapes(line, len, &bad))
		errx(TSV_EXIT_FATAL, "%s:%zu: bad escape in header at byte %zu",
		    r->fname, r->lineno, bad + 1);
	n = split_fields(line, len, NULL, 0);
	f = ereallocarray(NULL, n, sizeof(*f));
	split_fields(line, len, f, n);
	h = ecalloc(1, sizeof(*h));
	h->ncols = n;
	h->name = ecalloc(n, sizeof(*h->name));
	for (i = 0; i < n; i++) {
		v = tsv_unescape(f[i], &scratch);
		h->name[i] = emalloc(v.len + 1);
		memcpy(h->name[i], v.p, v.len);
		h->name[i][v.len] = '\0';
		for (j = 0; j < i; j++)
			if (strcmp(h->name[j], h->name[i]) == 0)
				errx(TSV_EXIT_FATAL,
				    "%s:%zu: duplicate column name '%s'",
				    r->fname, r->lineno, h->name[i]);
	}
	free(f);
	tsv_buf_free(&scratch);
	return h;
}

/*
 * Read the header of the file just opened.  Returns 1 when there is one
 * (the first sets the columns, later ones must match it), 0 for an empty
 * file or a mismatch, which is reported and skips the file.
 */
static int
read_header(struct tsv_reader *r)
{
	ssize_t n;
	char *line;

	if ((n = read_line(r)) == -1)
		return 0;
	line = r->line;
	/* A byte order mark is an encoding artefact, not part of the name. */
	if (n >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
		line += 3;
		n -= 3;
	}
	if (r->hdr == NULL) {
		r->hdr = parse_header(r, line, (size_t)n);
		r->hdrline = emalloc((size_t)n + 1);
		memcpy(r->hdrline, line, (size_t)n + 1);
		r->hdrlen = (size_t)n;
		r->f = ereallocarray(NULL, r->hdr->ncols, sizeof(*r->f));
		r->fo = ereallocarray(NULL, r->hdr->ncols + 1, sizeof(*r->fo));
		return 1;
	}
	if ((size_t)n == r->hdrlen && memcmp(line, r->hdrline, r->hdrlen) == 0)
		return 1;
	warnx("%s:%zu: header differs from the first file's; file skipped",
	    r->fname, r->lineno);
	r->rval = TSV_EXIT_FATAL;
	return 0;
}

/*
 * Open the input: the operands argv[0..argc), "-" meaning standard input,
 * none meaning standard input alone.  Reads up to the first header so that
 * the program can look up its columns.  The reader owns everything it
 * allocates; tsv_close frees it.
 */
struct tsv_reader *
tsv_open(int argc, char **argv, const struct tsv_common *c)
{
	struct tsv_reader *r;
	struct tsv_writer *rejects = NULL;

	/* Opened first: failing to is fatal, with nothing else to free. */
	if (c->rejects != NULL)
		rejects = tsv_writer_file(c->rejects, 1);
	r = ecalloc(1, sizeof(*r));
	r->fd = -1;
	r->rejects = rejects;
	if (argc > 0) {
		r->files = argv;
		r->nfiles = argc;
	} else {
		r->files = stdin_operands;
		r->nfiles = 1;
	}
	r->stats = c->stats;
	while (r->hdr == NULL && open_next(r)) {
		if (!read_header(r))
			close_current(r);
	}
	if (r->hdr == NULL)
		r->hdr = ecalloc(1, sizeof(*r->hdr));
	return r;
}

const struct tsv_header *
tsv_header(const struct tsv_reader *r)
{
	return r->hdr;
}

/*
 * Return the index of a column the program cannot work without; exit 2
 * naming it when the header lacks it.  An empty input has no columns and
 * no records, so there is nothing to complain about.
 */
size_t
tsv_need_column(const struct tsv_reader *r, const char *name)
{
	long i;

	if (r->hdr->ncols == 0)
		return 0;
	if ((i = tsv_column(r->hdr, name)) == -1)
		errx(TSV_EXIT_FATAL, "the input has no column '%s'", name);
	return (size_t)i;
}

/*
 * The key columns of the rows a program writes of its own (one per
 * mention, one per sentence): the columns named in list, comma-separated,
 * or with no list the id column and, when the input has them, part and
 * seq, the columns split-comments adds.  Fills idx and names with at most
 * max entries and returns how many; a listed column the input lacks is
 * fatal.  The names point into the header or into list, which strsep(3)
 * cuts up.
 */
size_t
tsv_key_columns(const struct tsv_reader *r, const char *id, char *list,
    size_t *idx, const char **names, size_t max)
{
	static const char *const split[] = { "part", "seq" };
	size_t n = 0, i;
	char *p;
	long k;

	if (list != NULL) {
		while ((p = strsep(&list, ",")) != NULL && n < max) {
			if (*p == '\0')
				continue;
			idx[n] = tsv_need_column(r, p);
			names[n++] = p;
		}
		return n;
	}
	if (max == 0)
		return 0;
	idx[n] = tsv_need_column(r, id);
	names[n++] = id;
	for (i = 0; i < 2 && n < max; i++)
		if (strcmp(id, split[i]) != 0 &&
		    (k = tsv_column(r->hdr, split[i])) != -1) {
			idx[n] = (size_t)k;
			names[n++] = split[i];
		}
	return n;
}

/*
 * Report a record the program cannot use: a message naming file and line,
 * the raw line to the rejects file, exit status 1 at the end.
 */
void
tsv_reject(struct tsv_reader *r, const struct tsv_rec *rec,
    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warnx("%s:%zu: %s", rec->file, rec->lineno, msg);
	if (r->rejects != NULL) {
		tsv_write_raw(r->rejects, rec->line, rec->len);
		tsv_write_eol(r->rejects);
	}
	r->nrej++;
	if (r->rval < TSV_EXIT_DATA)
		r->rval = TSV_EXIT_DATA;
}

/* Describe the byte at p for a message, made visible when it is not. */
static const char *
show_byte(char *buf, size_t size, const char *p)
{
	unsigned char c = (unsigned char)*p;

	if (c > 0x20 && c < 0x7f)
		snprintf(buf, size, "%c", c);
	else
		snprintf(buf, size, "x%02x", c);
	return buf;
}

/*
 * Judge a record from what scan_line found; returns 1 when it is good,
 * else reports it and returns 0.
 */
static int
check_record(struct tsv_reader *r, struct tsv_rec *rec,
    const struct line_scan *ls)
{
	char vb[8];
	size_t k;

	if (ls->nul != SIZE_MAX) {
		tsv_reject(r, rec, "NUL byte at byte %zu", ls->nul + 1);
		return 0;
	}
	if (ls->nf != r->hdr->ncols) {
		tsv_reject(r, rec, "expected %zu fields, got %zu",
		    r->hdr->ncols, ls->nf);
		return 0;
	}
	if ((k = ls->esc) == SIZE_MAX)
		return 1;
	if (k + 1 < rec->len && rec->line[k + 1] != '\t')
		tsv_reject(r, rec, "field %zu (%s): bad escape '\\%s'",
		    ls->escfield + 1, r->hdr->name[ls->escfield],
		    show_byte(vb, sizeof(vb), rec->line + k + 1));
	else
		tsv_reject(r, rec, "field %zu (%s): backslash at the end of "
		    "the field", ls->escfield + 1, r->hdr->name[ls->escfield]);
	return 0;
}

/*
 * Read the next good record into rec; returns 0 at the end of the input.
 * rec points into the reader's buffer and is valid until the next call.
 */
int
tsv_next(struct tsv_reader *r, struct tsv_rec *rec)
{
	struct line_scan ls;
	ssize_t n;
	size_t i, nf;

	if (r->hdr->ncols == 0)
		return 0;
	ls.fo = r->fo;
	ls.max = r->hdr->ncols;
	for (;;) {
		if (r->fd == -1) {
			if (!open_next(r))
				return 0;
			if (!read_header(r)) {
				close_current(r);
				continue;
			}
		}
		if ((n = read_record(r, &ls)) == -1) {
			close_current(r);
			continue;
		}
		rec->line = r->line;
		rec->len = (size_t)n;
		rec->lineno = r->lineno;
		rec->file = r->fname;
		rec->f = r->f;
		nf = ls.nf < ls.max ? ls.nf : ls.max;
		for (i = 0; i < nf; i++) {
			r->f[i].p = r->line + r->fo[i];
			r->f[i].len = (i + 1 < ls.nf ? r->fo[i + 1] - 1 :
			    (size_t)n) - r->fo[i];
		}
		rec->nf = nf;
		r->nin++;
		if (check_record(r, rec, &ls))
			return 1;
	}
}

/* Unescape field i of rec; see tsv_unescape for who owns the result. */
struct tsv_span
tsv_get(const struct tsv_rec *rec, size_t i, struct tsv_buf *scratch)
{
	return tsv_unescape(rec->f[i], scratch);
}

/*
 * End the run: close the writer w (stdout; errors are fatal), print the
 * counts when --stats was given, free the reader and return the exit
 * status.
 */
int
tsv_close(struct tsv_reader *r, struct tsv_writer *w)
{
	unsigned long long nout;
	int rval;

	if (r->fd != -1)
		close_current(r);
	nout = w != NULL ? tsv_writer_records(w) : 0;
	tsv_writer_close(w);
	tsv_writer_close(r->rejects);
	if (r->stats)
		warnx("%llu records in, %llu out, %llu rejected", r->nin, nout,
		    r->nrej);
	rval = r->rval;
	tsv_header_free(r->hdr);
	free(r->hdrline);
	free(r->f);
	free(r->fo);
	free(r->buf);
	free(r);
	return rval;
}

/* A header with the given names; the caller frees it with tsv_header_free. */
struct tsv_header *
tsv_header_new(const char *const *names, size_t n)
{
	struct tsv_header *h;
	size_t i;

	h = ecalloc(1, sizeof(*h));
	h->ncols = n;
	h->name = ecalloc(n, sizeof(*h->name));
	for (i = 0; i < n; i++)
		h->name[i] = estrdup(names[i]);
	return h;
}

/*
 * The output header of a program that adds columns: the input's columns in
 * order, then each added name that is not there yet.  A name already
 * present keeps its place and the program replaces its values, so running
 * a program twice does not repeat columns.  idx[i] receives the output
 * index of add[i].  An empty input header stays empty.  The caller frees
 * the result with tsv_header_free.
 */
struct tsv_header *
tsv_header_extend(const struct tsv_header *in, const char *const *add,
    size_t nadd, size_t *idx)
{
	struct tsv_header *h;
	size_t i;
	long k;

	h = ecalloc(1, sizeof(*h));
	h->name = ecalloc(in->ncols + nadd, sizeof(*h->name));
	for (i = 0; i < in->ncols; i++)
		h->name[h->ncols++] = estrdup(in->name[i]);
	for (i = 0; i < nadd; i++) {
		if ((k = tsv_column(h, add[i])) != -1) {
			idx[i] = (size_t)k;
			continue;
		}
		idx[i] = h->ncols;
		if (in->ncols > 0)
			h->name[h->ncols++] = estrdup(add[i]);
	}
	return h;
}

/* Return the index of the column called name, or -1. */
long
tsv_column(const struct tsv_header *h, const char *name)
{
	size_t i;

	for (i = 0; i < h->ncols; i++)
		if (strcmp(h->name[i], name) == 0)
			return (long)i;
	return -1;
}

void
tsv_header_free(struct tsv_header *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->ncols; i++)
		free(h->name[i]);
	free(h->name);
	free(h);
}
