/*
 * sig.c: a record's signature, computed from its text alone (and the
 * table of template n-grams), so that it can be made anywhere: in this
 * program before the lookup, or on another machine as the map step of a
 * distributed run.
 *
 * Words are runs of letters, digits and non-ASCII characters, lower-cased;
 * everything else separates them, including the Unicode punctuation of
 * U+2000..U+203F (curly quotes, dashes, special spaces), Latin-1
 * punctuation and symbols (U+00A0..U+00BF) and HTML entities such as
 * "&amp;", which scrapers leave behind.  The exact hash covers the word
 * sequence, so copies that differ only in whitespace, case or punctuation
 * have the same one.  N-grams of words do not cross line breaks: a line is
 * a paragraph or a piece of page furniture, and keeping them apart makes
 * a swapped paragraph cost nothing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "tsv.h"
#include "extern.h"

#define FNV_PRIME	0x100000001b3ULL
#define FNV_BASIS	0xcbf29ce484222325ULL
#define NGRAM_MUL	0x9e3779b97f4a7c15ULL	/* odd, its bits spread */
#define LOW_PAD		16	/* zero bytes after the lowered text */

/* Byte classes: 0 separates words, the others are what a word hashes. */
enum { C_SEP = 0, C_EOL = 1, C_SPECIAL = 2 };

static unsigned char	cls[256];
static int		cls_ready;

static void
cls_init(void)
{
	int c;

	for (c = 0; c < 256; c++) {
		if (c >= 'A' && c <= 'Z')
			cls[c] = (unsigned char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c >= 0x80)
			cls[c] = (unsigned char)c;
		else
			cls[c] = C_SEP;
	}
	cls['\n'] = cls['\r'] = C_EOL;
	cls['&'] = cls[0xc2] = cls[0xe2] = C_SPECIAL;
	cls_ready = 1;
}

static uint64_t
rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/*
 * Return how many bytes at p[0..n) (p[0] being '&', 0xc2 or 0xe2) form a
 * separator, or 0 when p[0] is part of a word after all (a lone byte of
 * invalid UTF-8 is kept as a word byte).
 */
static size_t
special_len(const unsigned char *p, size_t n)
{
	size_t i;

	switch (p[0]) {
	case '&':
		for (i = 1; i < n && i <= 9; i++) {
			if (p[i] == ';')
				return i > 1 ? i + 1 : 1;
			if (!((p[i] >= 'a' && p[i] <= 'z') ||
			    (p[i] >= 'A' && p[i] <= 'Z') ||
			    (p[i] >= '0' && p[i] <= '9') || p[i] == '#'))
				break;
		}
		return 1;
	case 0xc2:
		if (n >= 2 && p[1] >= 0xa0 && p[1] <= 0xbf)
			return 2;
		return 0;
	default:
		if (n >= 3 && p[1] == 0x80 && p[2] >= 0x80 && p[2] <= 0xbf)
			return 3;
		return 0;
	}
}

/* Make room in x->word for at least n more entries. */
static void
word_reserve(struct dd_sigctx *x, size_t n)
{
	if (x->capword - x->nword >= n)
		return;
	while (x->capword - x->nword < n)
		x->capword = x->capword == 0 ? 1024 : x->capword * 2;
	x->word = ereallocarray(x->word, x->capword, sizeof(*x->word));
}

/*
 * Make the scratch of split_words big enough for a text of len bytes and
 * clear its bit masks.
 */
static void
scratch_reserve(struct dd_sigctx *x, size_t len)
{
	size_t nblk = len / 64 + 2;

	if (x->caplow < len + LOW_PAD) {
		free(x->low);
		x->caplow = len + LOW_PAD;
		x->low = emalloc(x->caplow);
	}
	if (x->capblk < nblk) {
		free(x->wmask);
		free(x->emask);
		x->capblk = nblk;
		x->wmask = ereallocarray(NULL, nblk, sizeof(*x->wmask));
		x->emask = ereallocarray(NULL, nblk, sizeof(*x->emask));
	}
	memset(x->wmask, 0, nblk * sizeof(*x->wmask));
	memset(x->emask, 0, nblk * sizeof(*x->emask));
	memset(x->low + len, 0, LOW_PAD);
}

/*
 * Classify text[i..end) one byte at a time into x->low, x->wmask and
 * x->emask (see classify); a separator that starts before end may run
 * past it.  Returns where the next byte to classify is.
 */
static size_t
classify_bytes(struct dd_sigctx *x, const unsigned char *t, size_t i,
    size_t end, size_t len)
{
	size_t sep, k;
	unsigned int c;

	while (i < end) {
		c = cls[t[i]];
		if (c == C_SPECIAL &&
		    (sep = special_len(t + i, len - i)) != 0) {
			for (k = 0; k < sep; k++)
				x->low[i + k] = 0;
			i += sep;
			continue;
		}
		if (c == C_SPECIAL)
			c = t[i];
		else if (c == C_EOL)
			x->emask[i / 64] |= (uint64_t)1 << (i % 64);
		x->low[i] = (unsigned char)(c == C_EOL ? 0 : c);
		if (c > C_SPECIAL)
			x->wmask[i / 64] |= (uint64_t)1 << (i % 64);
		i++;
	}
	return i;
}

#ifdef __SSE2__
/*
 * Correct the classification of the sixteen bytes at text[i..) done as if
 * all were plain, given the bit mask of the bytes among them that may
 * start a longer separator or are line breaks.  A separator may run past
 * the sixteen bytes; returns where the next byte to classify is.
 */
static size_t
fix_specials(struct dd_sigctx *x, const unsigned char *t, size_t i,
    unsigned int sbits, size_t len)
{
	size_t next = i + 16, pos, sep, k;

	for (; sbits != 0; sbits &= sbits - 1) {
		pos = i + (size_t)__builtin_ctz(sbits);
		if (t[pos] == '\n' || t[pos] == '\r') {
			x->emask[pos / 64] |= (uint64_t)1 << (pos % 64);
			continue;
		}
		/* A separator never holds a byte that may start one. */
		if ((sep = special_len(t + pos, len - pos)) == 0)
			continue;
		for (k = pos; k < pos + sep; k++) {
			x->low[k] = 0;
			x->wmask[k / 64] &= ~((uint64_t)1 << (k % 64));
		}
		if (pos + sep > next)
			next = pos + sep;
	}
	return next;
}
#endif

/*
 * The first pass of split_words: x->low[i] gets byte i of the text
 * lower-cased when it belongs to a word, else 0; bit i of x->wmask is set
 * for a word byte, bit i of x->emask for a line break.  With SSE2, sixteen
 * bytes are done at once as if plain, then the few line breaks and bytes
 * that may start a longer separator among them are seen to.
 */
static void
classify(struct dd_sigctx *x, const unsigned char *t, size_t len)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i caseb = _mm_set1_epi8(0x20);
	const __m128i abase = _mm_set1_epi8((char)(0x80 - 'a'));
	const __m128i alim = _mm_set1_epi8((char)(0x80 - 128 + 26 - 128));
	const __m128i dbase = _mm_set1_epi8((char)(0x80 - '0'));
	const __m128i dlim = _mm_set1_epi8((char)(0x80 - 128 + 10 - 128));
	const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
	const __m128i amp = _mm_set1_epi8('&');
	const __m128i c2 = _mm_set1_epi8((char)0xc2);
	const __m128i e2 = _mm_set1_epi8((char)0xe2);
	__m128i v, lower, alpha, word, special;
	uint64_t bits;
	unsigned int sbits;

	while (len - i >= 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		special = _mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr)),
		    _mm_or_si128(_mm_cmpeq_epi8(v, amp),
		    _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2))));
		/* Signed compares: x + 0x80 - lo < lim + 0x80 - 128. */
		lower = _mm_or_si128(v, caseb);
		alpha = _mm_cmplt_epi8(_mm_add_epi8(lower, abase), alim);
		word = _mm_or_si128(_mm_or_si128(alpha,
		    _mm_cmplt_epi8(_mm_add_epi8(v, dbase), dlim)),
		    _mm_cmplt_epi8(v, _mm_setzero_si128()));
		v = _mm_and_si128(_mm_or_si128(v,
		    _mm_and_si128(alpha, caseb)), word);
		_mm_storeu_si128((__m128i *)(void *)(x->low + i), v);
		bits = (uint64_t)(unsigned int)_mm_movemask_epi8(word);
		x->wmask[i / 64] |= bits << (i % 64);
		if (i % 64 > 48)
			x->wmask[i / 64 + 1] |= bits >> (64 - i % 64);
		if ((sbits = (unsigned int)_mm_movemask_epi8(special)) != 0)
			i = fix_specials(x, t, i, sbits, len);
		else
			i += 16;
	}
#endif
	classify_bytes(x, t, i, len, len);
}

/*
 * The raw hash of the word at low[0..n) (n > 0; 0 follows it, and low is
 * readable eight bytes past it): its bytes, eight at a time, folded with
 * a multiplication; a word of up to eight bytes is its bytes, never 0.
 */
static inline uint64_t
word_hash(const unsigned char *low, size_t n)
{
	uint64_t h = 0, v;

	for (; n > 8; low += 8, n -= 8) {
		memcpy(&v, low, 8);
		h = rotl64((h ^ v) * FNV_PRIME, 29);
	}
	memcpy(&v, low, 8);
	return h ^ (v & (~(uint64_t)0 >> (64 - 8 * n)));
}

/*
 * Split text into words in x->word: per word, a raw hash of its bytes,
 * not yet mixed (dd_sig_make mixes it), and 0 for a line break after a
 * word.  A first pass (classify) marks the word bytes and line breaks in
 * bit masks; this one walks the word starts and line breaks bit by bit,
 * so that word lengths, which no predictor guesses, cost no branch.
 */
static void
split_words(struct dd_sigctx *x, const char *text, size_t len)
{
	const uint64_t *wm, *em;
	uint64_t m, starts, todo, prev = 0, rest;
	size_t b, nblk, pos, end, k, n;
	int i;

	x->nword = 0;
	scratch_reserve(x, len);
	classify(x, (const unsigned char *)text, len);
	wm = x->wmask;
	em = x->emask;
	nblk = (len + 63) / 64;
	n = 0;
	for (b = 0; b < nblk; b++) {
		m = wm[b];
		starts = m & ~(m << 1 | prev);
		prev = m >> 63;
		if ((todo = starts | em[b]) == 0)
			continue;
		x->nword = n;
		word_reserve(x, 64);
		while (todo != 0) {
			i = __builtin_ctzll(todo);
			todo &= todo - 1;
			if (em[b] >> i & 1) {
				if (n > 0 && x->word[n - 1] != 0)
					x->word[n++] = 0;
				continue;
			}
			pos = b * 64 + (size_t)i;
			/* The word ends at the first byte after it not in it. */
			if ((rest = ~m & (~(uint64_t)0 << i)) != 0)
				end = b * 64 + (size_t)__builtin_ctzll(rest);
			else {
				for (k = b + 1; wm[k] == ~(uint64_t)0; k++)
					continue;
				end = k * 64 + (size_t)__builtin_ctzll(~wm[k]);
			}
			x->word[n++] = word_hash(x->low + pos, end - pos);
		}
	}
	x->nword = n;
}

void
dd_sigctx_init(struct dd_sigctx *x, int ngram)
{
	memset(x, 0, sizeof(*x));
	x->ngram = ngram;
	for (x->mulpow = 1; ngram-- > 0;)
		x->mulpow *= NGRAM_MUL;
	if (!cls_ready)
		cls_init();
}

void
dd_sigctx_free(struct dd_sigctx *x)
{
	free(x->word);
	free(x->sh);
	free(x->low);
	free(x->wmask);
	free(x->emask);
	memset(x, 0, sizeof(*x));
}

/*
 * Compute the signature of text[0..len) into *s.  Every n-gram hash goes
 * into x->sh for counting; only those not yet known as template go into
 * the bins, so that a site's page furniture does not make two of its
 * stories look alike.  A hash is split in two halves: the high one picks
 * the bin, the low one is the value kept, and it also indexes the
 * template table, so that a value stored now can be checked against the
 * table later.
 */
void
dd_sig_make(struct dd_sigctx *x, const struct dd_freq *fq, const char *text,
    size_t len, struct dd_sig *s)
{
	uint64_t e, g, h, w, sh;
	uint32_t v;
	size_t b, i, run, linelen = 0, nlead = 0, n = (size_t)x->ngram;

	split_words(x, text, len);
	if (x->capsh < x->nword) {
		free(x->sh);
		x->capsh = x->nword;
		x->sh = ereallocarray(NULL, x->capsh, sizeof(*x->sh));
	}

	/*
	 * First the n-grams, with the lead mark on long lines.  Each word's
	 * raw hash is mixed and stored back, and an n-gram's hash is the sum
	 * of its words' hashes times the powers of NGRAM_MUL, rolled on from
	 * the previous one in two multiplications, then mixed.
	 */
	x->nsh = 0;
	e = FNV_BASIS;
	h = 0;
	run = 0;
	for (i = 0; i < x->nword; i++) {
		if ((w = x->word[i]) == 0) {
			run = 0;
			h = 0;
			continue;
		}
		x->word[i] = w = mix64(w);
		e = rotl64((e ^ w) * FNV_PRIME, 23);
		if (run == 0)
			for (linelen = 1; i + linelen < x->nword &&
			    x->word[i + linelen] != 0; linelen++)
				continue;
		h = h * NGRAM_MUL + w;
		if (++run > n)
			h -= x->mulpow * x->word[i - n];
		else if (run < n)
			continue;
		g = mix64(h);
		v = (uint32_t)g;
		if (v == DD_EMPTY)
			v--;
		b = (size_t)(((g >> 32) * DD_BINS) >> 32);
		x->sh[x->nsh++] = (linelen >= 2 * n ? DD_SH_LONGLINE : 0) |
		    (uint64_t)b << 32 | v;
	}
	/* A line break is only ever pushed after a word. */
	s->exact = x->nword > 0 ? mix64(e) | 1 : 0;

	/*
	 * Then the bins, looking ahead in the template table: its counters
	 * are spread over more memory than the cache holds.
	 */
	for (b = 0; b < DD_BINS; b++)
		s->bin[b] = DD_EMPTY;
	s->nsh = 0;
	s->lead = DD_EMPTY;
	for (i = 0; i < x->nsh; i++) {
		if (i + 16 < x->nsh)
			dd_freq_prefetch(fq, DD_SH_VALUE(x->sh[i + 16]));
		sh = x->sh[i];
		v = DD_SH_VALUE(sh);
		if (dd_freq_template(fq, v)) {
			x->sh[i] = sh | DD_SH_TEMPLATE;
			continue;
		}
		s->nsh++;
		b = (size_t)DD_SH_BIN(sh);
		if (v < s->bin[b])
			s->bin[b] = v;
		if ((sh & DD_SH_LONGLINE) && nlead < DD_LEAD) {
			nlead++;
			if (v < s->lead)
				s->lead = v;
		}
	}
}

/* The key of band g: the least value of its bins, DD_EMPTY for none. */
uint32_t
dd_band_key(const struct dd_sig *s, int g)
{
	uint32_t k = DD_EMPTY;
	int b;

	for (b = g * DD_BAND_BINS; b < (g + 1) * DD_BAND_BINS; b++)
		if (s->bin[b] < k)
			k = s->bin[b];
	return k;
}
