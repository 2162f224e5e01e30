/*
 * escape.c: the four escapes of news TSV (\\ \t \n \r), as jq's @tsv and
 * PostgreSQL's COPY text format write them.
 */
#include <stddef.h>
#include <string.h>

#include "tsv.h"

/*
 * Check that every backslash in p[0..n) starts one of the four escapes.
 * Returns 1 when they all do; else 0 with *bad set to the offset of the
 * offending backslash.
 */
int
tsv_check_escapes(const char *p, size_t n, size_t *bad)
{
	const char *s = p, *e = p + n;

	while ((s = memchr(s, '\\', (size_t)(e - s))) != NULL) {
		if (s + 1 == e)
			goto fail;
		switch (s[1]) {
		case '\\':
		case 't':
		case 'n':
		case 'r':
			s += 2;
			continue;
		default:
			goto fail;
		}
	}
	return 1;
fail:
	*bad = (size_t)(s - p);
	return 0;
}

/*
 * Unescape a raw field that has passed tsv_check_escapes.  A field without
 * a backslash is returned as it is, pointing into the same memory;
 * otherwise the result is written to scratch (owned by the caller, reused
 * from call to call) and points there.  The result is valid until scratch
 * or the field's line buffer changes.
 */
struct tsv_span
tsv_unescape(struct tsv_span raw, struct tsv_buf *scratch)
{
	const char *s = raw.p, *e = raw.p + raw.len, *bs;
	struct tsv_span out;
	char *d;

	if (raw.len == 0 || (bs = memchr(s, '\\', raw.len)) == NULL)
		return raw;
	scratch->len = 0;
	tsv_buf_reserve(scratch, raw.len);
	d = scratch->buf;
	do {
		memcpy(d, s, (size_t)(bs - s));
		d += bs - s;
		switch (bs + 1 < e ? bs[1] : '\\') {
		case 't':
			*d++ = '\t';
			break;
		case 'n':
			*d++ = '\n';
			break;
		case 'r':
			*d++ = '\r';
			break;
		default:
			*d++ = '\\';
			break;
		}
		s = bs + 2 <= e ? bs + 2 : e;
	} while (s < e && (bs = memchr(s, '\\', (size_t)(e - s))) != NULL);
	memcpy(d, s, (size_t)(e - s));
	d += e - s;
	*d = '\0';
	scratch->len = (size_t)(d - scratch->buf);
	out.p = scratch->buf;
	out.len = scratch->len;
	return out;
}

/* Return the length of p[0..n) once escaped. */
size_t
tsv_escaped_len(const char *p, size_t n)
{
	size_t i, len = n;

	for (i = 0; i < n; i++)
		switch (p[i]) {
		case '\\':
		case '\t':
		case '\n':
		case '\r':
			len++;
			break;
		}
	return len;
}
