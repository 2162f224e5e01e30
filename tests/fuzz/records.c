/*
 * records.c: libFuzzer target for the record library.  The input is the
 * body of a news-TSV stream under a fixed three-column header (a bad
 * header ends a program, which is not what is fuzzed here); every record
 * the reader accepts is unescaped field by field and written out, and
 * escaping then unescaping it again must give the same bytes.
 * Build and run: make fuzz (clang with -fsanitize=fuzzer).
 */
#include <sys/mman.h>

#include <err.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Escape v into b the way the writer does, through a pipe-free path. */
static void
escape_to(struct tsv_buf *b, struct tsv_span v)
{
	size_t i;

	b->len = 0;
	for (i = 0; i < v.len; i++) {
		switch (v.p[i]) {
		case '\\':
			tsv_buf_add(b, "\\\\", 2);
			break;
		case '\t':
			tsv_buf_add(b, "\\t", 2);
			break;
		case '\n':
			tsv_buf_add(b, "\\n", 2);
			break;
		case '\r':
			tsv_buf_add(b, "\\r", 2);
			break;
		default:
			tsv_buf_addc(b, v.p[i]);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tsv_common opt;
	struct tsv_reader *in;
	struct tsv_writer *out;
	struct tsv_rec rec;
	struct tsv_buf a = { 0 }, esc = { 0 }, b = { 0 };
	struct tsv_span v, w;
	char path[64], *argv[1];
	size_t i;
	int fd, null;

	if ((fd = memfd_create("fuzz", 0)) == -1)
		err(1, "memfd_create");
	if (write(fd, "id\ttext\tx\n", 10) != 10 ||
	    write(fd, data, size) != (ssize_t)size)
		err(1, "write");
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	argv[0] = path;
	tsv_common_init(&opt);
	if ((null = open("/dev/null", O_WRONLY)) == -1)
		err(1, "/dev/null");
	in = tsv_open(1, argv, &opt);
	out = tsv_writer_fd(null, "/dev/null", 0);
	tsv_write_header(out, tsv_header(in));
	while (tsv_next(in, &rec)) {
		for (i = 0; i < rec.nf; i++) {
			v = tsv_get(&rec, i, &a);
			tsv_write_escaped(out, v.p, v.len);
			if (v.len == 0)
				continue;
			/*
			 * A raw CR is data and comes back escaped, so the
			 * property is unescape(escape(v)) == v.
			 */
			escape_to(&esc, v);
			w.p = esc.buf;
			w.len = esc.len;
			w = tsv_unescape(w, &b);
			if (w.len != v.len || memcmp(w.p, v.p, v.len) != 0)
				abort();
		}
		tsv_write_eol(out);
	}
	tsv_close(in, out);
	close(fd);
	tsv_buf_free(&a);
	tsv_buf_free(&esc);
	tsv_buf_free(&b);
	return 0;
}
