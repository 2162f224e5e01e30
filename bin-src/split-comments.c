/*
 * split-comments: separate a page's article from its reader comments.
 *
 * Each input record becomes one record with part "body" (the page without
 * its comment section) and one record with part "comment" per reader
 * comment, each with the input's other columns.  Appended columns: part,
 * seq (0 for the body, 1.. for comments in page order), parent (the seq of
 * the comment answered, 0 for none), author and date.  The section is found
 * from the text alone (see segment.c); a page without one gives its body
 * record only, unchanged.
 */
#include <err.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "extern.h"
#include "data/split-comments-patterns.txt.h"

enum { C_PART, C_SEQ, C_PARENT, C_AUTHOR, C_DATE, NCOLS };

static const char *const colname[NCOLS] = {
	"part", "seq", "parent", "author", "date"
};

static int bflag;		/* -b: body records only */
static int cflag;		/* -c: comment records only */

static void	usage(int) __attribute__((noreturn));
static size_t	decimal(char *, size_t, size_t);
static void	write_body(struct tsv_writer *, struct tsv_row *,
		    const struct tsv_rec *, const struct page *, size_t,
		    const size_t *, const long *, struct tsv_buf *);
static void	write_comments(struct tsv_writer *, struct tsv_row *,
		    const struct tsv_rec *, const struct page *, size_t,
		    const size_t *);

static const struct option longopts[] = {
	{ "body-only",		no_argument,		NULL,	'b' },
	{ "comments-only",	no_argument,		NULL,	'c' },
	{ "patterns",		required_argument,	NULL,	'p' },
	TSV_COMMON_LONGOPTS,
	{ NULL,			0,			NULL,	0 }
};

/* -h prints the synopsis on stdout and succeeds; a usage error fails. */
static void
usage(int status)
{
	fprintf(status == 0 ? stdout : stderr, "usage: %s [-bchlV] "
	    "[-f field] [-p file] [--id name] [--rejects file] [--stats]\n"
	    "       [file ...]\n", getprogname());
	exit(status == 0 ? TSV_EXIT_OK : TSV_EXIT_FATAL);
}

/*
 * The first byte of line i of the page, its indentation included: the
 * byte after the LF before it, or the text's start (page_lines skips
 * blanks, tabs and CRs only to find a line's words).
 */
static size_t
line_start(const struct page *pg, size_t i)
{
	size_t k = pg->l[i].off;

	while (k > 0 && (pg->text[k - 1] == ' ' || pg->text[k - 1] == '\t' ||
	    pg->text[k - 1] == '\r'))
		k--;
	return k;
}

/*
 * Write the body record: the text without lines rstart..rend-1 of the
 * page, or the raw field untouched when the page has no comments.  The
 * author and date columns keep the input's values when it had them (an
 * article's byline), else they are empty.  buf is scratch owned by the
 * caller.
 */
static void
write_body(struct tsv_writer *out, struct tsv_row *row,
    const struct tsv_rec *rec, const struct page *pg, size_t tcol,
    const size_t *idx, const long *had, struct tsv_buf *buf)
{
	size_t a, b;
	int i;

	tsv_row_from_rec(row, rec);
	if (pg->nc > 0) {
		a = line_start(pg, pg->rstart);
		b = pg->rend < pg->nl ? line_start(pg, pg->rend) : pg->len;
		buf->len = 0;
		tsv_buf_add(buf, pg->text, a);
		tsv_buf_add(buf, pg->text + b, pg->len - b);
		tsv_row_set(row, tcol, buf->buf, buf->len);
	}
	tsv_row_set(row, idx[C_PART], "body", 4);
	tsv_row_set(row, idx[C_SEQ], "0", 1);
	tsv_row_set(row, idx[C_PARENT], "0", 1);
	for (i = C_AUTHOR; i <= C_DATE; i++)
		if (had[i] < 0)
			tsv_row_set(row, idx[i], "", 0);
	tsv_write_row(out, row);
}

/*
 * Write v in decimal at the end of buf[0..sz) (printf costs more than the
 * rest of a comment's columns); returns the offset of its first digit.
 */
static size_t
decimal(char *buf, size_t sz, size_t v)
{
	do {
		buf[--sz] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	return sz;
}

/* Write one record per kept comment of the page. */
static void
write_comments(struct tsv_writer *out, struct tsv_row *row,
    const struct tsv_rec *rec, const struct page *pg, size_t tcol,
    const size_t *idx)
{
	const struct comment *c;
	char seq[24], parent[24], iso[32];
	size_t i, n;

	for (i = 0; i < pg->nc; i++) {
		c = &pg->c[i];
		if (c->seq == 0)
			continue;
		tsv_row_from_rec(row, rec);
		tsv_row_set(row, tcol, pg->ctext.buf + c->toff, c->tlen);
		tsv_row_set(row, idx[C_PART], "comment", 7);
		n = decimal(seq, sizeof(seq), c->seq);
		tsv_row_set(row, idx[C_SEQ], seq + n, sizeof(seq) - n);
		n = decimal(parent, sizeof(parent), c->parent >= 0 ?
		    pg->c[c->parent].seq : 0);
		tsv_row_set(row, idx[C_PARENT], parent + n,
		    sizeof(parent) - n);
		tsv_row_set(row, idx[C_AUTHOR], c->author.p, c->author.len);
		if ((n = date_iso(c->date.p, c->date.len, iso,
		    sizeof(iso))) > 0)
			tsv_row_set(row, idx[C_DATE], iso, n);
		else
			tsv_row_set(row, idx[C_DATE], c->date.p, c->date.len);
		tsv_write_row(out, row);
	}
}

int
main(int argc, char *argv[])
{
	struct tsv_common opt;
	struct tsv_reader *in;
	struct tsv_writer *out;
	struct tsv_header *hdr;
	struct tsv_rec rec;
	struct tsv_row row;
	struct tsv_buf scratch = { 0 }, body = { 0 }, user = { 0 };
	struct tsv_span text;
	struct page pg;
	struct pats *pt;
	const char *pfile = NULL;
	size_t idx[NCOLS], tcol;
	long had[NCOLS];
	int ch, i;

	setlocale(LC_ALL, "");
	tsv_common_init(&opt);
	while ((ch = getopt_long(argc, argv, "bc" TSV_COMMON_SHORTOPTS "p:",
	    longopts, NULL)) != -1) {
		if (tsv_common_opt(&opt, ch, optarg))
			continue;
		switch (ch) {
		case 'b':
			bflag = 1;
			break;
		case 'c':
			cflag = 1;
			break;
		case 'h':
			usage(0);
		case 'p':
			pfile = optarg;
			break;
		default:
			usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (bflag && cflag)
		errx(TSV_EXIT_FATAL, "-b and -c exclude each other");

	if (pfile != NULL && tsv_load_file(pfile, &user) == -1)
		err(TSV_EXIT_FATAL, "%s", pfile);
	pt = pats_load(data_split_comments_patterns_txt,
	    data_split_comments_patterns_txt_len, pfile != NULL ? user.buf :
	    NULL, user.len, pfile);
	tsv_buf_free(&user);

	in = tsv_open(argc, argv, &opt);
	tsv_need_column(in, opt.id);
	tcol = tsv_need_column(in, opt.field);
	for (i = 0; i < NCOLS; i++)
		had[i] = tsv_column(tsv_header(in), colname[i]);
	hdr = tsv_header_extend(tsv_header(in), colname, NCOLS, idx);
	out = tsv_writer_stdout(&opt);
	tsv_write_header(out, hdr);
	tsv_row_init(&row, hdr->ncols);
	memset(&pg, 0, sizeof(pg));
	while (tsv_next(in, &rec)) {
		/* The library pads the text for PCRE2's JIT (TSV_PAD). */
		text = tsv_get(&rec, tcol, &scratch);
		page_lines(&pg, text.p, text.len);
		page_classify(&pg, pt);
		if (page_segment(&pg) == 0)
			pg.nc = 0;
		if (!cflag)
			write_body(out, &row, &rec, &pg, tcol, idx, had, &body);
		if (!bflag)
			write_comments(out, &row, &rec, &pg, tcol, idx);
	}
	page_free(&pg);
	pats_free(pt);
	tsv_row_free(&row);
	tsv_header_free(hdr);
	tsv_buf_free(&scratch);
	tsv_buf_free(&body);
	return tsv_close(in, out);
}
