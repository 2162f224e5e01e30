/*
 * scan.h: the library's inner loops, 16 bytes at a time with SSE2 where
 * the compiler targets it.  Internal to bin-src/lib.
 */
#ifndef SCAN_H
#define SCAN_H

#include <stddef.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Offset of the first c in p[0..n), or n. */
static inline size_t
scan_byte(const char *p, size_t n, char c)
{
	size_t i = 0;

#ifdef __SSE2__
	const __m128i cc = _mm_set1_epi8(c);
	int mask;

	for (; i + 16 <= n; i += 16) {
		mask = _mm_movemask_epi8(_mm_cmpeq_epi8(cc,
		    _mm_loadu_si128((const __m128i *)(const void *)(p + i))));
		if (mask != 0)
			return i + (size_t)__builtin_ctz((unsigned)mask);
	}
#endif
	for (; i < n; i++)
		if (p[i] == c)
			return i;
	return n;
}

/* Offset of the first byte of p[0..n) above 0x7f, or n. */
static inline size_t
scan_ascii(const char *p, size_t n)
{
	size_t i = 0;

#ifdef __SSE2__
	int mask;

	for (; i + 16 <= n; i += 16) {
		mask = _mm_movemask_epi8(_mm_loadu_si128(
		    (const __m128i *)(const void *)(p + i)));
		if (mask != 0)
			return i + (size_t)__builtin_ctz((unsigned)mask);
	}
#endif
	for (; i < n; i++)
		if ((unsigned char)p[i] > 0x7f)
			return i;
	return n;
}

#ifdef __SSE2__
/* Bit mask of the bytes of v that must be escaped: \ TAB LF CR. */
static inline int
specials_mask(__m128i v)
{
	return _mm_movemask_epi8(_mm_or_si128(
	    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))),
	    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')))));
}
#endif

/* The escape letter for a byte that needs one, else 0. */
static inline char
escape_letter(char c)
{
	static const char letter[256] = {
		['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r', ['\\'] = '\\'
	};

	return letter[(unsigned char)c];
}

/* The byte an escape letter stands for (the letter is valid). */
static inline char
unescape_letter(char c)
{
	static const char byte[256] = {
		['t'] = '\t', ['n'] = '\n', ['r'] = '\r', ['\\'] = '\\'
	};

	return byte[(unsigned char)c];
}

/*
 * Escape src[0..n) into dst, which has room for 2 * n + 16 bytes; return
 * the number of bytes written.  Whole 16-byte blocks are stored before
 * they are inspected, hence the slack.
 */
static inline size_t
escape_into(char *dst, const char *src, size_t n)
{
	char *d = dst;
	size_t i = 0;
	char e;

#ifdef __SSE2__
	__m128i v;
	int mask, k;

	while (i + 16 <= n) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(src + i));
		_mm_storeu_si128((__m128i *)(void *)d, v);
		if ((mask = specials_mask(v)) == 0) {
			d += 16;
			i += 16;
			continue;
		}
		k = __builtin_ctz((unsigned)mask);
		d += k;
		*d++ = '\\';
		*d++ = escape_letter(src[i + (size_t)k]);
		i += (size_t)k + 1;
	}
#endif
	for (; i < n; i++) {
		if ((e = escape_letter(src[i])) != 0) {
			*d++ = '\\';
			*d++ = e;
		} else
			*d++ = src[i];
	}
	return (size_t)(d - dst);
}

#endif /* SCAN_H */
