/*
 * escape.c: the four escapes of news TSV (\\ \t \n \r), as jq's @tsv and
 * PostgreSQL's COPY text format write them.
 */
#include <stddef.h>
#include <string.h>

#include "scan.h"
#include "tsv.h"

/*
 * Check that every backslash in p[0..n) starts one of the four escapes.
 * Returns 1 when they all do; else 0 with *bad set to the offset of the
 * offending backslash.
 */
int
tsv_check_escapes(const char *p, size_t n, size_t *bad)
{
	size_t i = 0;

	while ((i += scan_byte(p + i, n - i, '\\')) < n) {
		if (i + 1 == n || unescape_letter(p[i + 1]) == '\0') {
			*bad = i;
			return 0;
		}
		i += 2;
	}
	return 1;
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
	const char *s = raw.p;
	size_t n = raw.len, i;
	struct tsv_span out;
	char *d;

	if ((i = scan_byte(s, n, '\\')) == n)
		return raw;
	scratch->len = 0;
	tsv_buf_reserve(scratch, n + 16 + TSV_PAD);
	d = scratch->buf;
	memcpy(d, s, i);
	d += i;
#ifdef __SSE2__
	/*
	 * Store 16 bytes at a time and keep those before the first
	 * backslash; one test per block, so dense escapes (a page's line
	 * breaks) cost few mispredicted branches.
	 */
	while (i + 16 < n) {
		__m128i v;
		unsigned int mask, k;

		v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		_mm_storeu_si128((__m128i *)(void *)d, v);
		mask = (unsigned int)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
		    _mm_set1_epi8('\\')));
		if (mask == 0) {
			d += 16;
			i += 16;
			continue;
		}
		k = (unsigned int)__builtin_ctz(mask);
		d += k;
		*d++ = unescape_letter(s[i + k + 1]);
		i += k + 2;
	}
#endif
	while (i < n) {
		if (s[i] == '\\') {
			/* A checked field has a letter after each backslash. */
			*d++ = i + 1 < n ? unescape_letter(s[i + 1]) : '\\';
			i += 2;
		} else
			*d++ = s[i++];
	}
	memset(d, 0, 1 + TSV_PAD);
	scratch->len = (size_t)(d - scratch->buf);
	out.p = scratch->buf;
	out.len = scratch->len;
	return out;
}
