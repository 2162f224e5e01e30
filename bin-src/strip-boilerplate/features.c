/*
 * features.c: cut a line into tokens and count what the classifier looks
 * at: words, stop words, capitalised, digit and link-like tokens,
 * separators, punctuation, and whether the line ends like a sentence.
 * One pass over the bytes; no allocation per line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "extern.h"

#define STOP_MAXLEN	15	/* longer tokens are never stop words */
#define FNV_BASIS	1469598103934665603ULL
#define FNV_PRIME	1099511628211ULL

/*
 * The stop-word set: open addressing over lower-case words, each held as
 * a key of two 64-bit halves, its bytes from the low end up and zeros
 * after them, so that a word is found by a hash of two multiplications
 * and compared in two steps, and line_features builds the key of a word
 * in registers as it reads it.  No word holds a NUL, so equal keys are
 * equal words.
 */
struct stop {
	uint64_t	 w[2];		/* 0, 0 marks an empty slot */
};
static struct stop	*stop_tab;
static size_t		 stop_mask;

/*
 * Add byte b at place i (below STOP_MAXLEN + 1) of the key k of a word;
 * in registers, where line_features builds it byte by byte.
 */
static inline void
key_add(uint64_t k[2], size_t i, unsigned b)
{
	if (i < 8)
		k[0] |= (uint64_t)b << (8 * i);
	else
		k[1] |= (uint64_t)b << (8 * (i - 8));
}

static inline size_t
stop_slot(const uint64_t k[2])
{
	uint64_t h;

	h = k[0] * 0x9e3779b97f4a7c15ULL ^ k[1] * 0xc2b2ae3d27d4eb4fULL;
	return (size_t)(h >> 32 ^ h) & stop_mask;
}

static void
stop_add(const char *w, size_t n)
{
	uint64_t k[2] = { 0, 0 };
	size_t i;

	if (n == 0 || n > STOP_MAXLEN)
		return;
	for (i = 0; i < n; i++)
		key_add(k, i, (unsigned char)w[i]);
	for (i = stop_slot(k); stop_tab[i].w[0] != 0; i = (i + 1) & stop_mask)
		if (stop_tab[i].w[0] == k[0] && stop_tab[i].w[1] == k[1])
			return;
	stop_tab[i].w[0] = k[0];
	stop_tab[i].w[1] = k[1];
}

/* Whether the word of key k is a stop word. */
static inline int
stop_has(const uint64_t k[2])
{
	size_t i;

	for (i = stop_slot(k); stop_tab[i].w[0] != 0; i = (i + 1) & stop_mask)
		if (stop_tab[i].w[0] == k[0] && stop_tab[i].w[1] == k[1])
			return 1;
	return 0;
}

/*
 * Build the stop-word set from a word list (one word a line, # comments),
 * lower-casing ASCII letters.  The set is owned here; stop_free frees it.
 */
static void	aclass_init(void);

void
stop_init(const char *text, size_t len)
{
	const char *p = text, *e = text + len, *nl, *end;
	char w[STOP_MAXLEN + 1];
	size_t nwords = 0, cap, i, n;

	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			nwords++;
	for (cap = 256; cap < 4 * (nwords + 1); cap *= 2)
		;
	aclass_init();
	stop_tab = ecalloc(cap, sizeof(*stop_tab));
	stop_mask = cap - 1;
	for (; p < e; p = nl + 1) {
		if ((nl = memchr(p, '\n', e - p)) == NULL)
			nl = e;
		end = nl;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
		    end[-1] == '\r'))
			end--;
		n = end - p;
		if (n == 0 || *p == '#' || n > STOP_MAXLEN)
			continue;
		for (i = 0; i < n; i++)
			w[i] = (p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i];
		stop_add(w, n);
	}
}

void
stop_free(void)
{
	free(stop_tab);
	stop_tab = NULL;
}

/*
 * Decode the UTF-8 sequence at p (at most n bytes) into *cp and return its
 * length; an invalid byte is returned as itself with length 1, so invalid
 * text is read as opaque bytes.
 */
static size_t
utf8_get(const unsigned char *p, size_t n, uint32_t *cp)
{
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf && n >= 2 && (p[1] & 0xc0) == 0x80) {
		*cp = ((p[0] & 0x1f) << 6) | (p[1] & 0x3f);
		return 2;
	}
	if (p[0] >= 0xe0 && p[0] <= 0xef && n >= 3 &&
	    (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
		*cp = ((p[0] & 0x0f) << 12) | ((p[1] & 0x3f) << 6) |
		    (p[2] & 0x3f);
		return 3;
	}
	if (p[0] >= 0xf0 && p[0] <= 0xf4 && n >= 4 &&
	    (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80 &&
	    (p[3] & 0xc0) == 0x80) {
		*cp = ((p[0] & 0x07) << 18) | ((p[1] & 0x3f) << 12) |
		    ((p[2] & 0x3f) << 6) | (p[3] & 0x3f);
		return 4;
	}
	*cp = 0xfffd;
	return 1;
}

/* Letters and digits of any script count as word characters. */
static int
is_wordcp(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_';
	if (c < 0xc0)
		return 0;	/* Latin-1 punctuation and symbols */
	if (c == 0xd7 || c == 0xf7 || c == 0xfffd)
		return 0;
	if (c >= 0x2000 && c <= 0x2bff)
		return 0;	/* general punctuation, arrows, symbols */
	if (c >= 0x3000 && c <= 0x303f)
		return 0;
	if (c >= 0xfe30 && c <= 0xfe4f)
		return 0;
	if (c >= 0xff00 && c <= 0xff0f)
		return 0;
	return 1;
}

static int
is_sepcp(uint32_t c)
{
	return c == '|' || c == 0xbb || c == 0xab || c == 0x203a ||
	    c == 0x2039 || c == 0xb7 || c == 0x2022 || c == 0x25ba ||
	    c == 0x25b8 || c == 0x2192;
}

static int
is_closecp(uint32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' ||
	    c == 0x201d || c == 0x2019 || c == 0xbb;
}

/*
 * What line_features needs to know of an ASCII byte, looked up rather
 * than tested: most bytes of most pages are ASCII.
 */
enum {
	A_WORD = 1,		/* letter, digit or underscore */
	A_UPPER = 2,
	A_DIGIT = 4,
	A_SPACE = 8,		/* space or TAB: neither word nor punctuation */
	A_COMMA = 16,		/* comma or semicolon */
	A_SEP = 32,		/* | */
	A_CLOSE = 64,		/* may follow a sentence's end */
	A_LINK = 128		/* @ or :, looked at in link-like chunks */
};
static unsigned char	 aclass[256];	/* 0 above 0x7f */
static unsigned char	 fpbyte[128];	/* an ASCII byte in a fingerprint */

static void
aclass_init(void)
{
	int b;

	for (b = 0; b < 128; b++) {
		fpbyte[b] = b >= 'A' && b <= 'Z' ? b + 32 :
		    b >= '0' && b <= '9' ? '0' : b;
		if (is_wordcp(b))
			aclass[b] |= A_WORD;
		if (b >= 'A' && b <= 'Z')
			aclass[b] |= A_UPPER;
		if (b >= '0' && b <= '9')
			aclass[b] |= A_DIGIT;
		if (b == ' ' || b == '\t')
			aclass[b] |= A_SPACE;
		if (b == ',' || b == ';')
			aclass[b] |= A_COMMA;
		if (is_sepcp(b))
			aclass[b] |= A_SEP;
		if (is_closecp(b))
			aclass[b] |= A_CLOSE;
		if (b == '@' || b == ':')
			aclass[b] |= A_LINK;
	}
}

/* A character that continues a word after an apostrophe. */
static int
word_follows(const unsigned char *p, size_t n, size_t j)
{
	return j < n && (p[j] >= 0x80 || (aclass[p[j]] & A_WORD));
}

/*
 * Whether the chunk p[i..e), which holds an "@" when at and a "://" when
 * url, is link-like: a web address, an e-mail or @handle, a #tag.
 */
static int
link_chunk(const unsigned char *p, size_t i, size_t e, int at, int url)
{
	return (e - i > 4 && memcmp(p + i, "www.", 4) == 0) ||
	    (p[i] == '#' && e - i > 1) || url || (at && e - i > 1);
}

/*
 * Set the key k of the word of L bytes (1 to STOP_MAXLEN) at p, lower
 * case already; 16 bytes can be read at p.
 */
static inline void
key_get(uint64_t k[2], const unsigned char *p, size_t L)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define B(n)	(((uint64_t)1 << 8 * (n)) - 1)
	/* The bits of the first L bytes of 16, by L. */
	static const uint64_t keep[STOP_MAXLEN + 1][2] = {
		{ 0, 0 }, { B(1), 0 }, { B(2), 0 }, { B(3), 0 }, { B(4), 0 },
		{ B(5), 0 }, { B(6), 0 }, { B(7), 0 }, { ~(uint64_t)0, 0 },
		{ ~(uint64_t)0, B(1) }, { ~(uint64_t)0, B(2) },
		{ ~(uint64_t)0, B(3) }, { ~(uint64_t)0, B(4) },
		{ ~(uint64_t)0, B(5) }, { ~(uint64_t)0, B(6) },
		{ ~(uint64_t)0, B(7) }
	};
#undef B
	uint64_t v[2];

	memcpy(v, p, 16);
	k[0] = v[0] & keep[L][0];
	k[1] = v[1] & keep[L][1];
#else
	size_t i;

	k[0] = k[1] = 0;
	for (i = 0; i < L; i++)
		key_add(k, i, p[i]);
#endif
}

/* The word counts of a line, kept apart from its other counters. */
struct wordcounts {
	unsigned	 nwords, nstop, ncap, ndigit;
};

/*
 * Count the word that just ended: cap and dig say whether it began with a
 * capital and held a digit; tok[0..tl) is its stop-word key.
 */
static inline void
word_end(struct wordcounts *wc, int cap, int dig, const uint64_t tok[2],
    size_t tl)
{
	wc->nwords++;
	wc->ncap += cap;
	wc->ndigit += dig != 0;
	if (tl <= STOP_MAXLEN && stop_has(tok))
		wc->nstop++;
}

/*
 * Where the token counts of a line stand between two steps: the counts,
 * and the word read so far when one is open (its key in tok[0..tl), tl
 * past STOP_MAXLEN when it cannot be a stop word).
 */
struct tokstate {
	struct wordcounts wc;
	uint64_t	 tok[2];
	size_t		 tl;
	int		 inword, cap, dig, ascii;
	unsigned	 nchars, npunct, ncomma, nsep;
};

/*
 * Count the character at p[i] (of a line of n bytes) one by one, any
 * character: the way for non-ASCII text.  Returns its length in bytes.
 */
static size_t
tok_char(struct tokstate *ts, const unsigned char *p, size_t n, size_t i)
{
	uint32_t c;
	size_t k;
	unsigned a;
	int isw;

	ts->nchars++;
	if (p[i] < 0x80) {
		c = p[i];
		k = 1;
		a = aclass[c];
		isw = (a & A_WORD) || (c == '\'' && ts->inword &&
		    word_follows(p, n, i + 1));
	} else {
		k = utf8_get(p + i, n - i, &c);
		ts->ascii = 0;
		a = 0;
		isw = is_wordcp(c) || (c == 0x2019 && ts->inword &&
		    word_follows(p, n, i + k));
		if (is_closecp(c))
			a |= A_CLOSE;
		if (is_sepcp(c))
			a |= A_SEP;
	}
	if (isw) {
		if (!ts->inword) {
			ts->inword = 1;
			ts->tl = 0;
			ts->tok[0] = ts->tok[1] = 0;
			ts->cap = c < 0x80 ? (a & A_UPPER) != 0 :
			    (c >= 0xc0 && c <= 0xde && c != 0xd7) ||
			    (c >= 0x391 && c <= 0x42f);
			ts->dig = 0;
		}
		ts->dig |= a & A_DIGIT;
		if (ts->tl <= STOP_MAXLEN) {
			if (c < 0x80 || c == 0x2019)
				key_add(ts->tok, ts->tl++, c == 0x2019 ? '\'' :
				    c | (a & A_UPPER ? 32 : 0));
			else
				ts->tl = STOP_MAXLEN + 1;
		}
	} else {
		if (ts->inword) {
			word_end(&ts->wc, ts->cap, ts->dig, ts->tok, ts->tl);
			ts->inword = 0;
		}
		if (!(a & A_SPACE)) {
			ts->npunct++;
			if (a & A_COMMA)
				ts->ncomma++;
			if (a & A_SEP)
				ts->nsep++;
		}
	}
	return k;
}

/*
 * What the counts need of up to 64 bytes, a bit a byte: bytes above 0x7f,
 * word bytes (letters, digits, underscore), capitals, digits, spaces and
 * TABs, apostrophes, commas and semicolons, and "|"; and the bytes with
 * ASCII capitals lowered, for the words' keys, 16 zeros after them.
 */
struct bmask {
	uint64_t	 hi, word, upper, digit, space, apos, comma, sep;
	unsigned char	 lc[80];
};

#ifdef __SSE2__
#define EQ(v, c)	_mm_cmpeq_epi8((v), _mm_set1_epi8(c))
#define BITS(x, k)	((uint64_t)(unsigned)_mm_movemask_epi8(x) << 16 * (k))

/* The bytes of v from lo to hi; those above 0x7f are negative, outside. */
static inline __m128i
in_range(__m128i v, char lo, char hi)
{
	return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(lo - 1)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8(hi + 1)));
}

/*
 * The masks of the bytes at b, of which avail are the line's (64 or more:
 * all 64), 16 at a time up to the first 16 that hold a byte above 0x7f;
 * the last 16 may go past the line (LINE_PAD).
 */
static inline void
block_masks(const unsigned char *b, size_t avail, struct bmask *m)
{
	__m128i v, up, dg, wd;
	size_t k;

	m->hi = m->word = m->upper = m->digit = m->space = m->apos = 0;
	m->comma = m->sep = 0;
	for (k = 0; k < 4 && 16 * k < avail; k++) {
		v = _mm_loadu_si128((const __m128i *)(const void *)
		    (b + 16 * k));
		up = in_range(v, 'A', 'Z');
		dg = in_range(v, '0', '9');
		wd = _mm_or_si128(_mm_or_si128(up, dg), _mm_or_si128(
		    in_range(v, 'a', 'z'), EQ(v, '_')));
		_mm_storeu_si128((__m128i *)(void *)(m->lc + 16 * k),
		    _mm_add_epi8(v, _mm_and_si128(up, _mm_set1_epi8(0x20))));
		m->word |= BITS(wd, k);
		m->upper |= BITS(up, k);
		m->digit |= BITS(dg, k);
		m->space |= BITS(_mm_or_si128(EQ(v, ' '), EQ(v, '\t')), k);
		m->apos |= BITS(EQ(v, '\''), k);
		m->comma |= BITS(_mm_or_si128(EQ(v, ','), EQ(v, ';')), k);
		m->sep |= BITS(EQ(v, '|'), k);
		if ((m->hi |= BITS(v, k)) != 0) {
			k++;
			break;
		}
	}
	_mm_storeu_si128((__m128i *)(void *)(m->lc + 16 * k),
	    _mm_setzero_si128());
}
#else
/* The masks of the bytes at b, byte by byte by the table aclass. */
static inline void
block_masks(const unsigned char *b, size_t avail, struct bmask *m)
{
	uint64_t bit;
	unsigned a;
	size_t k;

	m->hi = m->word = m->upper = m->digit = m->space = m->apos = 0;
	m->comma = m->sep = 0;
	memset(m->lc, 0, sizeof(m->lc));
	for (k = 0; k < 64 && k < avail; k++) {
		bit = (uint64_t)1 << k;
		a = aclass[b[k]];
		m->lc[k] = b[k] | (a & A_UPPER) << 4;
		if (b[k] >= 0x80)
			m->hi |= bit;
		if (a & A_WORD)
			m->word |= bit;
		if (a & A_UPPER)
			m->upper |= bit;
		if (a & A_DIGIT)
			m->digit |= bit;
		if (a & A_SPACE)
			m->space |= bit;
		if (b[k] == '\'')
			m->apos |= bit;
		if (a & A_COMMA)
			m->comma |= bit;
		if (a & A_SEP)
			m->sep |= bit;
	}
}
#endif

/* The bits below bit k (k at most 64). */
static inline uint64_t
low_bits(size_t k)
{
	return k >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << k) - 1;
}

/* The bits set in x, where they are few. */
static inline unsigned
few_bits(uint64_t x)
{
	unsigned c;

	for (c = 0; x != 0; x &= x - 1)
		c++;
	return c;
}

/* The bits set in x, by adding in parallel. */
static inline unsigned
count_bits(uint64_t x)
{
	x -= x >> 1 & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + (x >> 2 & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (unsigned)((x * 0x0101010101010101ULL) >> 56);
}

/*
 * Count the run of ASCII bytes from p[i] (of a line of n bytes), up to 64
 * of them, from bit masks of their classes rather than byte by byte: a
 * word starts where a word byte follows a byte that is not one, and ends
 * where one is followed by a byte that is not.  An apostrophe between
 * word bytes is one of them, as in tok_char.  Only the words' bytes are
 * read again, for their stop-word keys.  Returns the bytes counted.
 */
static size_t
tok_block(struct tokstate *ts, const unsigned char *p, size_t n, size_t i)
{
	const unsigned char *b = p + i;
	struct bmask m;
	uint64_t lm, w, e, st, en, range, k[2];
	size_t avail = n - i, len, s, r, j, L;
	unsigned nxt = 0;

	/* The masks are made 16 bytes at a time, past the end (LINE_PAD). */
	block_masks(b, avail, &m);
	len = avail < 64 ? avail : 64;
	if ((m.hi & low_bits(len)) != 0)
		len = __builtin_ctzll(m.hi);
	lm = low_bits(len);
	if (len < avail)
		nxt = p[i + len] >= 0x80 || (aclass[p[i + len]] & A_WORD);
	w = m.word & lm;
	e = w | (m.apos & lm & (w << 1 | (uint64_t)ts->inword) &
	    (w >> 1 | (uint64_t)nxt << (len - 1)));
	st = e & ~(e << 1 | (uint64_t)ts->inword);
	en = e & ~(e >> 1) & (lm >> 1);

	/* The word that was open goes on with the run of e from bit 0. */
	if (ts->inword) {
		r = ~e == 0 ? 64 : (size_t)__builtin_ctzll(~e);
		if (r > 0) {
			ts->dig |= (m.digit & low_bits(r)) != 0;
			for (j = 0; j < r && ts->tl <= STOP_MAXLEN; j++)
				key_add(ts->tok, ts->tl++, m.lc[j]);
		}
		if (r < len) {
			word_end(&ts->wc, ts->cap, ts->dig, ts->tok, ts->tl);
			ts->inword = 0;
			if (r > 0)
				en &= en - 1;
		}
	}
	for (; st != 0; st &= st - 1) {
		s = __builtin_ctzll(st);
		if (en != 0) {
			j = __builtin_ctzll(en);
			en &= en - 1;
			range = ((uint64_t)2 << j) - ((uint64_t)1 << s);
			L = j - s + 1;
			ts->wc.nwords++;
			ts->wc.ncap += m.upper >> s & 1;
			ts->wc.ndigit += (m.digit & range) != 0;
			if (L <= STOP_MAXLEN) {
				key_get(k, m.lc + s, L);
				ts->wc.nstop += stop_has(k);
			}
		} else {
			/* The last word goes on past the run. */
			ts->inword = 1;
			ts->cap = m.upper >> s & 1;
			ts->dig = (m.digit & lm & ~low_bits(s)) != 0;
			L = len - s;
			ts->tl = L <= STOP_MAXLEN ? L : STOP_MAXLEN + 1;
			if (L <= STOP_MAXLEN)
				key_get(ts->tok, m.lc + s, L);
		}
	}
	ts->nchars += len;
	ts->npunct += count_bits(~e & ~m.space & lm);
	ts->ncomma += few_bits(m.comma & lm);
	ts->nsep += few_bits(m.sep & lm);
	return len;
}

/*
 * The fingerprint of the n bytes at p for cross-page counts and
 * duplicates: ASCII letters lower case, every digit the same, a run of
 * spaces and TABs one space, none at the end.  Counts and dates that
 * change from page to page thus give the same print.  A space or TAB
 * after another is left out; 16 bytes at a time are mapped, and hashed
 * without a test where none is.
 */
static uint64_t
line_print(const unsigned char *p, size_t n)
{
	uint64_t fp = FNV_BASIS;
	size_t i, j, m;
	unsigned sp, skip, prev = 0;
	unsigned char t[16];

	while (n > 0 && (aclass[p[n - 1]] & A_SPACE))
		n--;
	for (i = 0; i < n; i += 16) {
		m = n - i < 16 ? n - i : 16;
#ifdef __SSE2__
		__m128i v, up, dg, sv;

		/* The last 16 go past the end (LINE_PAD). */
		v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		up = in_range(v, 'A', 'Z');
		dg = in_range(v, '0', '9');
		sv = _mm_or_si128(EQ(v, ' '), EQ(v, '\t'));
		v = _mm_add_epi8(v, _mm_and_si128(up, _mm_set1_epi8(0x20)));
		v = _mm_or_si128(_mm_andnot_si128(_mm_or_si128(dg, sv), v),
		    _mm_or_si128(_mm_and_si128(dg, _mm_set1_epi8('0')),
		    _mm_and_si128(sv, _mm_set1_epi8(' '))));
		_mm_storeu_si128((__m128i *)(void *)t, v);
		sp = (unsigned)_mm_movemask_epi8(sv);
#else
		for (sp = 0, j = 0; j < m; j++) {
			t[j] = p[i + j] < 0x80 ? fpbyte[p[i + j]] : p[i + j];
			if (aclass[p[i + j]] & A_SPACE) {
				t[j] = ' ';
				sp |= 1U << j;
			}
		}
#endif
		sp &= (1U << m) - 1;
		skip = sp & (sp << 1 | prev);
		prev = sp >> 15 & 1;
		if (skip == 0 && m == 16) {
#pragma GCC unroll 16
			for (j = 0; j < 16; j++)
				fp = (fp ^ t[j]) * FNV_PRIME;
			continue;
		}
		for (j = 0; j < m; j++)
			if (!(skip >> j & 1))
				fp = (fp ^ t[j]) * FNV_PRIME;
	}
	return fp;
}

/*
 * The link-like chunks of the n bytes at p: the runs of bytes other than
 * space and TAB that link_chunk takes for links.  Only a chunk that holds
 * an "@" or a ":" before "//", or starts with "#" or "w", can be one; the
 * others are not looked at.
 */
static unsigned
line_links(const unsigned char *p, size_t n)
{
	size_t i, j, s, e, c, done = 0;
	unsigned nlink = 0;
	uint32_t cand;
	int at, url;

	for (i = 0; i < n; i += 16) {
#ifdef __SSE2__
		/* The last 16 go past the end (LINE_PAD). */
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
		    (p + i));

		cand = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(EQ(v, '@'), EQ(v, ':')),
		    _mm_or_si128(EQ(v, '#'), EQ(v, 'w'))));
		if (n - i < 16)
			cand &= (1U << (n - i)) - 1;
#else
		for (cand = 0, j = i; j < n && j < i + 16; j++)
			if (p[j] == '@' || p[j] == ':' || p[j] == '#' ||
			    p[j] == 'w')
				cand |= (uint32_t)1 << (j - i);
#endif
		for (; cand != 0; cand &= cand - 1) {
			j = i + __builtin_ctz(cand);
			if (j < done)
				continue;
			if (p[j] == '#' || p[j] == 'w') {
				if (j > 0 && !(aclass[p[j - 1]] & A_SPACE))
					continue;
			} else if (p[j] == ':' && !(j + 2 < n &&
			    p[j + 1] == '/' && p[j + 2] == '/'))
				continue;
			for (s = j; s > 0 && !(aclass[p[s - 1]] & A_SPACE); s--)
				;
			for (e = j; e < n && !(aclass[p[e]] & A_SPACE); e++)
				;
			at = memchr(p + s, '@', e - s) != NULL;
			for (url = 0, c = s; !url && c + 2 < e; c++)
				url = p[c] == ':' && p[c + 1] == '/' &&
				    p[c + 2] == '/';
			nlink += link_chunk(p, s, e, at, url);
			done = e;
		}
	}
	return nlink;
}

/*
 * Whether the n bytes at p end like a sentence: the last character that
 * may not close one (not a quote, bracket or star) is one of . ! ? : or
 * an ellipsis.  Read from the end: a byte from 0xc0 up always starts a
 * character, with the bytes from 0x80 to 0xbf after it (utf8_get), so
 * that the closing characters above 0x7f are known by their bytes.
 */
static int
line_endpunct(const unsigned char *p, size_t n)
{
	for (;;) {
		if (n > 0 && p[n - 1] < 0x80 && (aclass[p[n - 1]] & A_CLOSE))
			n--;
		else if (n >= 3 && p[n - 3] == 0xe2 && p[n - 2] == 0x80 &&
		    (p[n - 1] == 0x9d || p[n - 1] == 0x99))
			n -= 3;		/* U+201D, U+2019 */
		else if (n >= 2 && p[n - 2] == 0xc2 && p[n - 1] == 0xbb)
			n -= 2;		/* U+00BB */
		else
			break;
	}
	if (n == 0)
		return 0;
	if (p[n - 1] < 0x80)
		return p[n - 1] == '.' || p[n - 1] == '!' || p[n - 1] == '?' ||
		    p[n - 1] == ':';
	return n >= 3 && p[n - 3] == 0xe2 && p[n - 2] == 0x80 &&
	    p[n - 1] == 0xa6;		/* U+2026 */
}

/*
 * Is the byte at p[i] (of n) the start of a character that tells a
 * repeated paragraph from another, and how long is that character (*w)?
 * ASCII letters and digits do, and characters above 0x7f but the
 * punctuation of U+00A0 to U+00BF and U+2000 to U+206F: a page's second
 * copy of its article (a print version, a copy for its scripts) often
 * differs from the first in quotes, dashes, ellipses and spaces only.
 */
static inline int
letter_at(const unsigned char *p, size_t n, size_t i, size_t *w)
{
	*w = 1;
	if (p[i] < 0x80)
		return (aclass[p[i]] & A_WORD) && p[i] != '_';
	if (i + 1 < n && p[i] == 0xc2 && p[i + 1] >= 0xa0 &&
	    p[i + 1] <= 0xbf) {
		*w = 2;
		return 0;
	}
	if (i + 2 < n && p[i] == 0xe2 && (p[i + 1] == 0x80 ||
	    (p[i + 1] == 0x81 && p[i + 2] <= 0xaf))) {
		*w = 3;
		return 0;
	}
	return 1;
}

/* A letter as repeats compare it: ASCII case folded. */
static inline unsigned
letter_fold(unsigned char c)
{
	return c < 0x80 ? c | 0x20 : c;
}

/*
 * The hash of the first LETTERS_HEAD letters of the n bytes at s (see
 * letter_at), ASCII case folded: a sieve for same_letters, that reads a
 * few dozen bytes of a long line, not all of them.
 */
#define LETTERS_HEAD	32

uint64_t
letters_head(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t h = FNV_BASIS;
	size_t i, w, k = 0;

	for (i = 0; i < n && k < LETTERS_HEAD; i += w)
		if (letter_at(p, n, i, &w)) {
			h = (h ^ letter_fold(p[i])) * FNV_PRIME;
			k++;
		}
	return h;
}

/* Do the a bytes at s and the b bytes at t hold the same letters? */
int
same_letters(const char *s, size_t a, const char *t, size_t b)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *q = (const unsigned char *)t;
	size_t i = 0, j = 0, w;

	for (;;) {
		while (i < a && !letter_at(p, a, i, &w))
			i += w;
		while (j < b && !letter_at(q, b, j, &w))
			j += w;
		if (i == a || j == b)
			return i == a && j == b;
		if (letter_fold(p[i]) != letter_fold(q[j]))
			return 0;
		i++;
		j++;
	}
}

/*
 * Fill the counters of l from its text.  Tokens are runs of word
 * characters, with an apostrophe inside a word kept (so "don't" is one
 * word); link-like tokens are the white-space separated chunks that hold
 * "://", start with "www." or hold an "@" or start with "#".  Runs of
 * ASCII go by bit masks of their bytes' classes (tok_block), other
 * characters one by one by their code point (tok_char), and so does an
 * ASCII byte alone between two others.
 */
void
line_features(struct line *l)
{
	const unsigned char *p = (const unsigned char *)l->p;
	size_t n = l->len, i;
	struct tokstate ts;

	memset(&ts, 0, sizeof(ts));
	ts.ascii = 1;
	for (i = 0; i < n;)
		if (p[i] < 0x80 && (i + 1 == n || p[i + 1] < 0x80 ||
		    i == 0 || p[i - 1] < 0x80))
			i += tok_block(&ts, p, n, i);
		else
			i += tok_char(&ts, p, n, i);
	if (ts.inword)
		word_end(&ts.wc, ts.cap, ts.dig, ts.tok, ts.tl);
	l->nwords = ts.wc.nwords;
	l->nstop = ts.wc.nstop;
	l->ncap = ts.wc.ncap;
	l->ndigit = ts.wc.ndigit;
	l->nlink = line_links(p, n);
	l->nsep = ts.nsep;
	l->nchars = ts.nchars;
	l->npunct = ts.npunct;
	l->ncomma = ts.ncomma;
	l->ascii = ts.ascii;
	l->fp = line_print(p, n);
	l->endpunct = line_endpunct(p, n);
}
