/*
 * util.c: allocation wrappers, byte buffers, the options every program
 * shares, and small text helpers.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan.h"
#include "tsv.h"

#ifndef VERSION
#define VERSION "unknown"
#endif

void *
emalloc(size_t n)
{
	void *p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		err(TSV_EXIT_FATAL, NULL);
	return p;
}

void *
ecalloc(size_t n, size_t size)
{
	void *p;

	if ((p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		err(TSV_EXIT_FATAL, NULL);
	return p;
}

void *
erealloc(void *p, size_t n)
{
	if ((p = realloc(p, n == 0 ? 1 : n)) == NULL)
		err(TSV_EXIT_FATAL, NULL);
	return p;
}

void *
ereallocarray(void *p, size_t n, size_t size)
{
	if ((p = reallocarray(p, n == 0 ? 1 : n, size == 0 ? 1 : size)) == NULL)
		err(TSV_EXIT_FATAL, NULL);
	return p;
}

char *
estrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		err(TSV_EXIT_FATAL, NULL);
	return p;
}

/*
 * Make room for n more bytes after b->len.  Capacity doubles, so appending
 * a byte at a time costs amortised constant time.
 */
void
tsv_buf_reserve(struct tsv_buf *b, size_t n)
{
	size_t cap;

	if (n > SIZE_MAX - b->len - 1)
		errx(TSV_EXIT_FATAL, "buffer size overflow");
	if (b->len + n < b->cap)
		return;
	cap = b->cap < 256 ? 256 : b->cap;
	while (cap <= b->len + n) {
		if (cap > SIZE_MAX / 2)
			cap = b->len + n + 1;
		else
			cap *= 2;
	}
	b->buf = erealloc(b->buf, cap);
	b->cap = cap;
}

void
tsv_buf_add(struct tsv_buf *b, const char *p, size_t n)
{
	tsv_buf_reserve(b, n);
	if (n > 0)
		memcpy(b->buf + b->len, p, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void
tsv_buf_addc(struct tsv_buf *b, char c)
{
	tsv_buf_reserve(b, 1);
	b->buf[b->len++] = c;
	b->buf[b->len] = '\0';
}

void
tsv_buf_free(struct tsv_buf *b)
{
	free(b->buf);
	b->buf = NULL;
	b->len = b->cap = 0;
}

void
tsv_common_init(struct tsv_common *c)
{
	memset(c, 0, sizeof(*c));
	c->field = "text";
	c->id = "id";
}

/*
 * Handle one of the options every program shares.  Returns 1 when ch was
 * one of them, 0 when the program must handle it.  -V exits.
 */
int
tsv_common_opt(struct tsv_common *c, int ch, const char *arg)
{
	switch (ch) {
	case 'f':
		c->field = arg;
		break;
	case 'l':
		c->linebuf = 1;
		break;
	case 'V':
		tsv_version();
		break;
	case TSV_OPT_ID:
		c->id = arg;
		break;
	case TSV_OPT_REJECTS:
		c->rejects = arg;
		break;
	case TSV_OPT_STATS:
		c->stats = 1;
		break;
	default:
		return 0;
	}
	return 1;
}

void
tsv_version(void)
{
	if (printf("%s %s\n", getprogname(), VERSION) < 0 ||
	    fflush(stdout) == EOF)
		err(TSV_EXIT_FATAL, "stdout");
	exit(TSV_EXIT_OK);
}

/*
 * Parse a command-line number within [min, max] or exit with the usage
 * status, naming the option.
 */
long long
tsv_number(const char *opt, const char *arg, long long min, long long max)
{
	const char *errstr;
	long long n;

	n = strtonum(arg, min, max, &errstr);
	if (errstr != NULL)
		errx(TSV_EXIT_FATAL, "%s %s: %s", opt, arg, errstr);
	return n;
}

/*
 * A hash of s[0..n), never 0, for tables that keep lines by their bytes
 * (and compare the bytes, as a hash may be shared): eight bytes at a time,
 * multiplied and folded.  The last bytes are read as whole words that may
 * overlap the bytes before them (n is in the hash), since a short memcpy
 * of a variable length is a call and a stall.
 */
uint64_t
tsv_hash(const char *s, size_t n)
{
	uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ULL, w;
	uint32_t a, b;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	if (i < n) {
		if (n >= 8)
			memcpy(&w, s + n - 8, 8);
		else if (n >= 4) {
			memcpy(&a, s, 4);
			memcpy(&b, s + n - 4, 4);
			w = (uint64_t)a << 32 | b;
		} else
			w = (uint64_t)(unsigned char)s[0] << 16 |
			    (uint64_t)(unsigned char)s[n / 2] << 8 |
			    (unsigned char)s[n - 1];
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h != 0 ? h : 1;
}

/*
 * Return 1 when p[0..n) is well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF), as PCRE2 requires before a match without
 * its own check.
 */
int
tsv_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	unsigned int c;

	while (p < e) {
		/* Plain ASCII, most of a page, is skipped in blocks. */
		p += scan_ascii((const char *)p, (size_t)(e - p));
		if (p == e)
			break;
		c = *p;
		if (c >= 0xc2 && c <= 0xdf) {
			if (e - p < 2 || (p[1] & 0xc0) != 0x80)
				return 0;
			p += 2;
		} else if (c >= 0xe0 && c <= 0xef) {
			if (e - p < 3 || (p[1] & 0xc0) != 0x80 ||
			    (p[2] & 0xc0) != 0x80)
				return 0;
			if (c == 0xe0 && p[1] < 0xa0)
				return 0;
			if (c == 0xed && p[1] > 0x9f)
				return 0;
			p += 3;
		} else if (c >= 0xf0 && c <= 0xf4) {
			if (e - p < 4 || (p[1] & 0xc0) != 0x80 ||
			    (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
				return 0;
			if (c == 0xf0 && p[1] < 0x90)
				return 0;
			if (c == 0xf4 && p[1] > 0x8f)
				return 0;
			p += 4;
		} else
			return 0;
	}
	return 1;
}

/*
 * Read the whole file path into b (replacing its contents).  Returns 0, or
 * -1 with errno set.  The caller owns b.
 */
int
tsv_load_file(const char *path, struct tsv_buf *b)
{
	char chunk[65536];
	ssize_t n;
	int fd;

	b->len = 0;
	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		tsv_buf_add(b, chunk, (size_t)n);
	}
	tsv_buf_reserve(b, 0);
	b->buf[b->len] = '\0';
	close(fd);
	return 0;
}
