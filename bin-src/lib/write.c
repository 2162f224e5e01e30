/*
 * write.c: buffered output of news-TSV records.
 *
 * The writer keeps its own buffer and calls write(2) itself so that the
 * escaping loop can copy straight into it.  Every write error is fatal
 * (exit 2) with a message, except a closed pipe, which ends the program
 * quietly as it would have with SIGPIPE.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan.h"
#include "tsv.h"

#define WBUFSIZE	(256 * 1024)

struct tsv_writer {
	char			*buf;
	size_t			 len;
	int			 fd;
	int			 linebuf;
	char			*name;
	unsigned long long	 nrec;
};

/*
 * Make a writer on fd; name is used in messages.  linebuf flushes after
 * every record.  The writer owns a copy of name; tsv_writer_close frees it.
 */
struct tsv_writer *
tsv_writer_fd(int fd, const char *name, int linebuf)
{
	struct tsv_writer *w;

	w = ecalloc(1, sizeof(*w));
	w->buf = emalloc(WBUFSIZE);
	w->fd = fd;
	w->linebuf = linebuf;
	w->name = estrdup(name);
	return w;
}

/*
 * A writer on the file at path, created if need be, appended to when
 * append is set and truncated otherwise.  Failing to open it is fatal:
 * every use is a file the user named for output.
 */
struct tsv_writer *
tsv_writer_file(const char *path, int append)
{
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC),
	    0666);
	if (fd == -1)
		err(TSV_EXIT_FATAL, "%s", path);
	return tsv_writer_fd(fd, path, 0);
}

/*
 * The writer for standard output.  A closed pipe must end the program
 * quietly, so SIGPIPE gets its default action back even when the parent
 * ignored it.
 */
struct tsv_writer *
tsv_writer_stdout(const struct tsv_common *c)
{
	signal(SIGPIPE, SIG_DFL);
	return tsv_writer_fd(STDOUT_FILENO, "stdout", c != NULL && c->linebuf);
}

static void
write_all(struct tsv_writer *w, const char *p, size_t n)
{
	ssize_t k;

	while (n > 0) {
		k = write(w->fd, p, n);
		if (k == -1) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE)
				exit(TSV_EXIT_FATAL);
			err(TSV_EXIT_FATAL, "write error: %s", w->name);
		}
		p += k;
		n -= (size_t)k;
	}
}

void
tsv_write_flush(struct tsv_writer *w)
{
	write_all(w, w->buf, w->len);
	w->len = 0;
}

/* Copy bytes as they are (an already escaped field, a separator). */
void
tsv_write_raw(struct tsv_writer *w, const char *p, size_t n)
{
	size_t k;

	while (n > 0) {
		if (w->len == WBUFSIZE)
			tsv_write_flush(w);
		k = WBUFSIZE - w->len;
		if (k > n)
			k = n;
		memcpy(w->buf + w->len, p, k);
		w->len += k;
		p += k;
		n -= k;
	}
}

/*
 * Write p[0..n) with \\ TAB LF CR escaped, in pieces that fit the buffer
 * with escape_into's worst case.
 */
void
tsv_write_escaped(struct tsv_writer *w, const char *p, size_t n)
{
	size_t k;

	while (n > 0) {
		if (w->len + 2 * 64 + 16 > WBUFSIZE)
			tsv_write_flush(w);
		k = (WBUFSIZE - w->len - 16) / 2;
		if (k > n)
			k = n;
		w->len += escape_into(w->buf + w->len, p, k);
		p += k;
		n -= k;
	}
}

void
tsv_write_tab(struct tsv_writer *w)
{
	if (w->len == WBUFSIZE)
		tsv_write_flush(w);
	w->buf[w->len++] = '\t';
}

/* End a record: LF, count it, and flush when line buffered. */
void
tsv_write_eol(struct tsv_writer *w)
{
	if (w->len == WBUFSIZE)
		tsv_write_flush(w);
	w->buf[w->len++] = '\n';
	w->nrec++;
	if (w->linebuf)
		tsv_write_flush(w);
}

/* Write a header line; a header of no columns (empty input) writes nothing. */
void
tsv_write_header(struct tsv_writer *w, const struct tsv_header *h)
{
	size_t i;

	if (h == NULL || h->ncols == 0)
		return;
	for (i = 0; i < h->ncols; i++) {
		if (i > 0)
			tsv_write_tab(w);
		tsv_write_escaped(w, h->name[i], strlen(h->name[i]));
	}
	tsv_write_eol(w);
	w->nrec--;		/* the header is not a record */
}

void
tsv_write_row(struct tsv_writer *w, const struct tsv_row *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (i > 0)
			tsv_write_tab(w);
		if (r->raw[i])
			tsv_write_raw(w, r->v[i].p, r->v[i].len);
		else
			tsv_write_escaped(w, r->v[i].p, r->v[i].len);
	}
	tsv_write_eol(w);
}

unsigned long long
tsv_writer_records(const struct tsv_writer *w)
{
	return w->nrec;
}

/* Flush, close the descriptor and free the writer; errors are fatal. */
void
tsv_writer_close(struct tsv_writer *w)
{
	if (w == NULL)
		return;
	tsv_write_flush(w);
	if (w->fd != STDOUT_FILENO && close(w->fd) == -1)
		err(TSV_EXIT_FATAL, "close: %s", w->name);
	free(w->name);
	free(w->buf);
	free(w);
}

/* A row of n empty, unescaped slots; the caller frees it with tsv_row_free. */
void
tsv_row_init(struct tsv_row *r, size_t n)
{
	r->n = n;
	r->v = ecalloc(n, sizeof(*r->v));
	r->raw = ecalloc(n, sizeof(*r->raw));
}

/* Fill the first rec->nf slots with the record's raw fields. */
void
tsv_row_from_rec(struct tsv_row *r, const struct tsv_rec *rec)
{
	size_t i, n = rec->nf < r->n ? rec->nf : r->n;

	for (i = 0; i < n; i++) {
		r->v[i] = rec->f[i];
		r->raw[i] = 1;
	}
}

/* Set slot i to an unescaped value; the row only points at it. */
void
tsv_row_set(struct tsv_row *r, size_t i, const char *p, size_t n)
{
	r->v[i].p = p;
	r->v[i].len = n;
	r->raw[i] = 0;
}

/* Set slot i to an already escaped value. */
void
tsv_row_set_raw(struct tsv_row *r, size_t i, const char *p, size_t n)
{
	r->v[i].p = p;
	r->v[i].len = n;
	r->raw[i] = 1;
}

void
tsv_row_free(struct tsv_row *r)
{
	free(r->v);
	free(r->raw);
	r->v = NULL;
	r->raw = NULL;
	r->n = 0;
}
