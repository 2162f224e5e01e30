/*
 * patterns.c: the pattern set for recurring boilerplate families.
 *
 * Pattern files hold lines "FAMILY<TAB>PATTERN".  A line is removed by the
 * first pattern in file order that matches it, and the family names the
 * reason.  Each pattern is compiled with PCRE2_UTF for valid text and
 * without for lines that are not valid UTF-8, so that such lines are
 * matched as bytes rather than skipped or rejected; all of them joined
 * into one alternation, each tagged with (*MARK:FAMILY), serve when the
 * faster way below does not apply.
 *
 * Matching every pattern on every line is slow: PCRE2 tries the hundreds
 * of words of the alternatives one after the other.  Most patterns are
 * anchored words, and few of them can start with the first two bytes (or
 * the first character) of a given line: PCRE2 itself tells which, by a
 * partial match of each pattern on those bytes, once per line start.  The
 * patterns that can start anywhere ("^.{0,80}\b(?:...)", breadcrumbs)
 * are guarded instead by key words: literals one of which every match
 * holds (see seq_words); one scan of the line for all key words of all
 * patterns tells which of them can match.  Only the patterns that pass
 * both tests are tried, in order, so the first that matches is the same
 * as with the whole set.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <err.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "extern.h"

/*
 * A compiled alternation: the joined source, and its compilations with
 * and without PCRE2_UTF, JIT-compiled when first used.
 */
struct set {
	struct tsv_buf	 src;
	int		 n;
	pcre2_code	*utf, *bytes;
	int		 jit[2];	/* JIT compile tried, by mode */
};

/* One pattern of the set, with its compilations for partial probes. */
struct pat {
	char		*re;
	char		*fam;
	int		 bit;		/* pass-mask bit if guarded, or -1 */
	pcre2_code	*code[2];	/* PCRE2_UTF, none */
	/*
	 * JIT compile for partial matches (the probes) and for complete ones,
	 * by mode: tried 1, done 2.  A pattern is compiled for complete
	 * matches when first tried on a line, and for partial ones once it
	 * has been probed PROBE_JIT times (probes counts them): a probe of a
	 * few bytes costs the interpreter about 1,000 instructions, the JIT
	 * about 300, and the compilation about 700,000, most of the cost of
	 * a small input.
	 */
	int		 jitp[2], jitc[2];
	unsigned	 probes[2];
};
#define PROBE_JIT	128

/* At most START_MAX patterns are told apart by their line starts. */
#define START_MAX	256
#define START_WORDS	(START_MAX / 64)

/*
 * What is known of a two-byte line start: the patterns that can match,
 * by bit in pattern order.
 */
struct start {
	int		 done;
	uint64_t	 key;		/* in the table of other starts */
	uint64_t	 bits[START_WORDS];
};

/*
 * A key word of a guarded pattern: a literal, lower case, that every
 * match of some alternatives of the pattern holds.
 */
#define LIT_MAX		32
#define LIT_HASH	65536		/* key words by their two first bytes */
struct lit {
	char		 s[LIT_MAX];
	size_t		 len;
	int		 bit;		/* the pattern's bit in the pass mask */
	int		 next;		/* next key word with the same hash */
};

/* What a byte may start, for lit_scan. */
enum {
	SCAN_SHORT = 1,		/* a key word of two or three bytes */
	SCAN_ODD = 2,		/* the Kelvin sign or the long s */
	SCAN_ONE = 4		/* a key word of one byte */
};

enum { M_UTF, M_BYTES };

/*
 * The whole set; the patterns one by one; the subsets made so far, with a
 * hash table of them; what is known of each line start, by mode; the key
 * words, by the hash of their first three bytes; the patterns they guard,
 * by pass-mask bit.
 */
static struct set	 full;
static struct pat	*pat;
static size_t		 npat;
static struct start	*start[2];
static struct start	 start1[2][128];	/* one-byte ASCII starts */
static struct start	*other;		/* OTHER_MAX other starts, by key */
static size_t		 nother;
#define OTHER_MAX	1024
static struct start	*start4;	/* START4_MAX four-byte starts */
static size_t		 nstart4;
#define START4_MAX	32768
static int		 bystart[2];	/* mode can use the subsets */
static struct lit	*lit;
static size_t		 nlit;
static int		*lithead;	/* LIT_HASH entries, -1 ends */
static uint64_t		 onebyte[256];	/* pass masks of one-byte key words */
static uint64_t		 litbits[LIT_HASH / 64];	/* lithead not empty */
static int		*lithead4;	/* by lit_key4, the longer words */
static uint64_t		 litbits4[LIT_HASH / 64];
static unsigned char	 lit4any[LIT_HASH];	/* litbits4, a byte each */
#define SCAN_LIST	8
static unsigned char	 scanlist[SCAN_LIST];	/* the bytes of scanbyte */
static int		 scanlisted;	/* when there are SCAN_LIST or fewer */
#ifdef __SSE2__
static __m128i		 scanvec[SCAN_LIST];	/* each in every lane */
#endif
static unsigned char	 scanbyte[256];
static size_t		 guarded[64];	/* pattern of each pass-mask bit */
static uint64_t		 guardpat[START_WORDS];	/* the guarded patterns */
static int		 nguarded;
static pcre2_match_data	*md;
static pcre2_match_context *mctx;
static pcre2_jit_stack	*jstack;


/* Add one alternative, tagged with the family when fam is not NULL. */
static void
set_add(struct set *s, const char *re, size_t n, const char *fam,
    size_t famlen)
{
	if (s->n++ > 0)
		tsv_buf_addc(&s->src, '|');
	tsv_buf_add(&s->src, "(?:", 3);
	tsv_buf_add(&s->src, re, n);
	tsv_buf_add(&s->src, ")", 1);
	if (fam != NULL) {
		tsv_buf_add(&s->src, "(*MARK:", 7);
		tsv_buf_add(&s->src, fam, famlen);
		tsv_buf_add(&s->src, ")", 1);
	}
}

/*
 * The length of the group at p[0..n), which starts with '(': up to its
 * matching ')', skipping escapes and character classes; 0 if unbalanced.
 */
static size_t
group_len(const char *p, size_t n)
{
	size_t i;
	int depth = 0, cls = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '\\') {
			i++;
			continue;
		}
		if (cls) {
			if (p[i] == ']')
				cls = 0;
			continue;
		}
		if (p[i] == '[') {
			cls = 1;
			if (i + 1 < n && p[i + 1] == '^')
				i++;
			if (i + 1 < n && p[i + 1] == ']')
				i++;
		} else if (p[i] == '(')
			depth++;
		else if (p[i] == ')' && --depth == 0)
			return i + 1;
	}
	return 0;
}

/*
 * The length of the character class at p[0..n), which starts with '[';
 * 0 if it does not end.
 */
static size_t
class_len(const char *p, size_t n)
{
	size_t i = 1;

	if (i < n && p[i] == '^')
		i++;
	if (i < n && p[i] == ']')
		i++;
	for (; i < n; i++) {
		if (p[i] == '\\')
			i++;
		else if (p[i] == '[' && i + 1 < n && p[i + 1] == ':') {
			for (i += 2; i + 1 < n && !(p[i] == ':' &&
			    p[i + 1] == ']'); i++)
				;
			i++;
		} else if (p[i] == ']')
			return i + 1;
	}
	return 0;
}

/*
 * Whether the pattern p[0..n) can be guarded by its key words: extended
 * mode and \Q...\E would change what is literal.
 */
static int
guard_ok(const char *p, size_t n)
{
	size_t k;

	for (k = 0; k + 1 < n; k++)
		if ((p[k] == '\\' && p[k + 1] == 'Q') ||
		    (p[k] == '(' && p[k + 1] == '?' &&
		    memchr(p + k + 2, 'x', strspn(p + k + 2, "imnsxJU^-")) !=
		    NULL))
			return 0;
	return 1;
}

/*
 * Whether the character at p (of n bytes) is a non-ASCII character
 * without case variants, which a caseless match compares byte for byte:
 * Latin-1 signs (not the micro sign) and general punctuation.  Returns its
 * length, or 0.
 */
static size_t
caseless_symbol(const unsigned char *p, size_t n)
{
	if (n >= 2 && p[0] == 0xc2 && p[1] >= 0xa0 && p[1] <= 0xbf &&
	    p[1] != 0xb5)
		return 2;
	if (n >= 3 && p[0] == 0xe2 && (p[1] == 0x80 || (p[1] == 0x81 &&
	    p[2] <= 0x9f)) && p[2] >= 0x80 && p[2] <= 0xbf)
		return 3;
	return 0;
}

/*
 * The length of the escape at a[0..n) (a backslash and a letter or digit),
 * with its argument: hex digits, a name or number in braces or brackets.
 */
static size_t
escape_len(const char *a, size_t n)
{
	size_t i = 2;
	char c, close;

	if (n < 2)
		return n;
	c = a[1];
	if (i < n && (a[i] == '{' || ((c == 'k' || c == 'g') &&
	    (a[i] == '<' || a[i] == '\''))) && strchr("xopPNgk", c) != NULL) {
		close = a[i] == '{' ? '}' : a[i] == '<' ? '>' : '\'';
		while (i < n && a[i] != close)
			i++;
		return i < n ? i + 1 : n;
	}
	if (c == 'x')
		while (i < n && i < 4 && a[i] != '\0' &&
		    strchr("0123456789abcdefABCDEF", a[i]) != NULL)
			i++;
	else if (c == 'c' || c == 'p' || c == 'P')
		i += i < n;
	else if ((c >= '0' && c <= '9') || c == 'g') {
		if (c == 'g' && i < n && (a[i] == '-' || a[i] == '+'))
			i++;
		while (i < n && a[i] >= '0' && a[i] <= '9')
			i++;
	}
	return i;
}

/* Key words of one pattern, gathered by seq_words. */
#define WORDS_MAX	64
struct words {
	char	 s[WORDS_MAX][LIT_MAX];
	size_t	 len[WORDS_MAX];
	size_t	 n;
};

static int	words_of(const char *, size_t, int, struct words *);

/* Whether the quantifier at q[0..n), if any, allows no repeat. */
static int
optional(const char *q, size_t n)
{
	if (n == 0)
		return 0;
	if (q[0] == '?' || q[0] == '*')
		return 1;
	if (q[0] != '{')
		return 0;
	return n < 2 || q[1] < '1' || q[1] > '9';
}

/*
 * Key words of a class of plain signs c[0..n) (no negation, range,
 * escape or nested class) into w: each sign is one; none otherwise.
 */
static void
class_words(const unsigned char *c, size_t n, struct words *w)
{
	size_t i, k;

	w->n = 0;
	if (n == 0 || c[0] == '^')
		return;
	for (i = 0; i < n; i += k) {
		if (c[i] < 0x80)
			k = strchr("\\-[]^ ", c[i]) == NULL &&
			    !((c[i] >= 'a' && c[i] <= 'z') ||
			    (c[i] >= 'A' && c[i] <= 'Z') ||
			    (c[i] >= '0' && c[i] <= '9')) && c[i] > ' ';
		else
			k = caseless_symbol(c + i, n - i);
		if (k == 0 || w->n == WORDS_MAX) {
			w->n = 0;
			return;
		}
		memcpy(w->s[w->n], c + i, k);
		w->len[w->n++] = k;
	}
}

/* The shortest key word of w (0 when there is none). */
static size_t
words_min(const struct words *w)
{
	size_t i, m = w->n ? LIT_MAX : 0;

	for (i = 0; i < w->n; i++)
		if (w->len[i] < m)
			m = w->len[i];
	return m;
}

/*
 * Key words of the sequence a[0..n) (no top-level bar) into w: literals,
 * lower case, one of which every match of the sequence holds; returns 0
 * when there are none good enough (three bytes, or two for a non-ASCII
 * sign).  The longest run of plain characters at the top level serves;
 * a group, class, escape (other than of punctuation) or wild card ends a
 * run, and a quantifier takes back the character before it.  Without such
 * a run, the key words of the best group that every match goes through.
 */
static int
seq_words(const char *a, size_t n, int depth, struct words *w)
{
	const unsigned char *u = (const unsigned char *)a;
	struct words *cand, *best;
	char run[LIT_MAX], top[LIT_MAX];
	size_t i = 0, rl = 0, tl = 0, last = 0, k, inner;
	int alnum = 0, runalnum = 0;
	unsigned char c;

	while (i <= n) {
		c = i < n ? u[i] : '|';
		k = 0;
		if (c == '\\' && i + 1 < n && u[i + 1] < 0x80 &&
		    !((u[i + 1] >= 'a' && u[i + 1] <= 'z') ||
		    (u[i + 1] >= 'A' && u[i + 1] <= 'Z') ||
		    (u[i + 1] >= '0' && u[i + 1] <= '9'))) {
			c = u[i + 1];
			k = 2;
		} else if (c >= 0x80)
			k = caseless_symbol(u + i, n - i);
		else if (strchr("\\()[].^$|?*+{", c) == NULL)
			k = 1;
		if (k > 0) {
			last = c < 0x80 ? 1 : k;
			if (rl + last > LIT_MAX) {
				i += k;		/* keep the run's start */
				last = 0;
				continue;
			}
			if (c < 0x80) {
				run[rl++] = c >= 'A' && c <= 'Z' ? c + 32 : c;
				if ((c >= 'a' && c <= 'z') ||
				    (c >= 'A' && c <= 'Z') ||
				    (c >= '0' && c <= '9'))
					runalnum = 1;
			} else {
				memcpy(run + rl, u + i, k);
				rl += k;
			}
			i += k;
			continue;
		}
		/* The run ends here. */
		if (c == '?' || c == '*' || c == '+' || c == '{')
			rl -= rl >= last ? last : rl;
		if (rl > tl) {
			tl = rl;
			alnum = runalnum;
			memcpy(top, run, rl);
		}
		rl = last = 0;
		runalnum = 0;
		if (i >= n)
			break;
		if (c == '{') {
			while (i < n && u[i] != '}')
				i++;
			i++;
		} else if (c == '\\')
			i += escape_len(a + i, n - i);
		else if (c == '[') {
			if ((k = class_len(a + i, n - i)) == 0)
				return 0;
			i += k;
		} else if (c == '(') {
			if ((k = group_len(a + i, n - i)) == 0)
				return 0;
			i += k;
		} else
			i++;
	}
	for (k = 0; k < tl && top[k] == ' '; k++)
		;
	if (tl >= 3 || (tl > 0 && !alnum && k < tl)) {
		memcpy(w->s[0], top, tl);
		w->len[0] = tl;
		w->n = 1;
		return 1;
	}
	if (depth >= 4)
		return 0;
	/*
	 * The groups every match goes through, their best key words; or a
	 * class of a few signs, each a key word.
	 */
	cand = emalloc(sizeof(*cand));
	best = emalloc(sizeof(*best));
	best->n = 0;
	for (i = 0; i < n; i++) {
		if (u[i] == '\\') {
			i++;
			continue;
		}
		if (u[i] != '(' && u[i] != '[')
			continue;
		k = u[i] == '(' ? group_len(a + i, n - i) :
		    class_len(a + i, n - i);
		if (k == 0)
			break;
		cand->n = 0;
		if (u[i] == '[')
			inner = 0;
		else if (i + 1 < n && a[i + 1] != '?' && a[i + 1] != '*')
			inner = 1;
		else if (i + 2 < n && strchr(":=>", a[i + 2]) != NULL)
			inner = 3;
		else
			inner = 0;
		if (optional(a + i + k, n - i - k))
			;
		else if (u[i] == '[')
			class_words(u + i + 1, k - 2, cand);
		else if (inner > 0 && k > inner + 1 && !words_of(a + i + inner,
		    k - inner - 1, depth + 1, cand))
			cand->n = 0;
		if (cand->n > 0 && (best->n == 0 ||
		    words_min(cand) > words_min(best) ||
		    (words_min(cand) == words_min(best) && cand->n < best->n)))
			memcpy(best, cand, sizeof(*best));
		i += k - 1;
	}
	memcpy(w, best, sizeof(*w));
	free(cand);
	free(best);
	return w->n > 0;
}

/*
 * Key words of the alternation a[0..n) into w: those of each alternative;
 * returns 0 when an alternative has none.
 */
static int
words_of(const char *a, size_t n, int depth, struct words *w)
{
	struct words *alt;
	size_t i, j, k;
	int d = 0, ok = 1;

	alt = emalloc(sizeof(*alt));
	w->n = 0;
	for (i = j = 0; i <= n && ok; i++) {
		if (i < n && a[i] == '\\') {
			i++;
			continue;
		}
		if (i < n && a[i] == '[') {
			if ((k = class_len(a + i, n - i)) == 0)
				ok = 0;
			i += k - 1;
			continue;
		}
		if (i < n && a[i] == '(')
			d++;
		else if (i < n && a[i] == ')')
			d--;
		else if (i == n || (a[i] == '|' && d == 0)) {
			if (!seq_words(a + j, i - j, depth, alt) ||
			    w->n + alt->n > WORDS_MAX) {
				ok = 0;
				break;
			}
			for (k = 0; k < alt->n; k++) {
				memcpy(w->s[w->n], alt->s[k], alt->len[k]);
				w->len[w->n++] = alt->len[k];
			}
			j = i + 1;
		}
	}
	free(alt);
	return ok && w->n > 0;
}

/* Guard pattern i by the key words of its part g[0..n), when it has. */
static void
guard_add(size_t i, const char *g, size_t n)
{
	struct words *w;
	size_t k;

	if (nguarded == 64)
		return;
	w = emalloc(sizeof(*w));
	if (words_of(g, n, 0, w)) {
		lit = ereallocarray(lit, nlit + w->n, sizeof(*lit));
		for (k = 0; k < w->n; k++) {
			memcpy(lit[nlit].s, w->s[k], w->len[k]);
			lit[nlit].len = w->len[k];
			lit[nlit].bit = nguarded;
			nlit++;
		}
		pat[i].bit = nguarded;
		guardpat[i / 64] |= (uint64_t)1 << (i % 64);
		guarded[nguarded++] = i;
	}
	free(w);
}

/* The two first bytes of a key word, ASCII letters lower case. */
static unsigned
lit_hash(const unsigned char *p)
{
	unsigned a = p[0], b = p[1];

	if (a >= 'A' && a <= 'Z')
		a += 32;
	if (b >= 'A' && b <= 'Z')
		b += 32;
	return a << 8 | b;
}

/*
 * The hash of the four bytes at p with bit 5 of each set, for key words
 * of four bytes or more: ASCII letters of either case hash alike (and
 * some other bytes with them, which the comparison sorts out).
 */
static unsigned
lit_key4(const unsigned char *p)
{
	uint32_t x;

	memcpy(&x, p, sizeof(x));
	x |= 0x20202020U;
	return (x * 0x9e3779b1U) >> 16;
}

/*
 * Add to *mask the guarded patterns whose key words of one to three bytes
 * start at u[i] (of n bytes); return 1 if a character that a caseless UTF
 * match takes for an ASCII letter (the Kelvin sign, the long s) starts
 * there.  Few bytes can start such a word or character (scanbyte).
 */
static int
lit_short(const unsigned char *u, size_t n, size_t i, int utf,
    uint64_t *mask)
{
	size_t k;
	unsigned key;
	int h;

	*mask |= onebyte[u[i]];
	if (i + 2 > n)
		return 0;
	if (utf && (scanbyte[u[i]] & SCAN_ODD) &&
	    ((u[i] == 0xc5 && u[i + 1] == 0xbf) ||
	    (u[i] == 0xe2 && i + 3 <= n && u[i + 1] == 0x84 &&
	    u[i + 2] == 0xaa)))
		return 1;
	key = lit_hash(u + i);
	if (!(scanbyte[u[i]] & SCAN_SHORT) ||
	    !(litbits[key / 64] >> (key % 64) & 1))
		return 0;
	for (h = lithead[key]; h >= 0; h = lit[h].next) {
		if (lit[h].len > n - i || (*mask >> lit[h].bit & 1))
			continue;
		for (k = 2; k < lit[h].len; k++)
			if ((u[i + k] >= 'A' && u[i + k] <= 'Z' ? u[i + k] + 32 :
			    u[i + k]) != (unsigned char)lit[h].s[k])
				break;
		if (k == lit[h].len)
			*mask |= (uint64_t)1 << lit[h].bit;
	}
	return 0;
}

/*
 * Add to *mask the guarded patterns whose key words start at u[i] (of n
 * bytes); return 1 if a character that a caseless UTF match takes for an
 * ASCII letter starts there.  Key words of four bytes or more are looked
 * up by their first four bytes, shorter ones only where a byte can start
 * one.
 */
static inline int
lit_at(const unsigned char *u, size_t n, size_t i, int utf, uint64_t *mask)
{
	size_t k;
	unsigned key;
	int h;

	if (scanbyte[u[i]] != 0 && lit_short(u, n, i, utf, mask))
		return 1;
	if (i + 4 > n)
		return 0;
	key = lit_key4(u + i);
	if (!(litbits4[key / 64] >> (key % 64) & 1))
		return 0;
	for (h = lithead4[key]; h >= 0; h = lit[h].next) {
		if (lit[h].len > n - i || (*mask >> lit[h].bit & 1))
			continue;
		for (k = 0; k < lit[h].len; k++)
			if ((u[i + k] >= 'A' && u[i + k] <= 'Z' ?
			    u[i + k] + 32 : u[i + k]) !=
			    (unsigned char)lit[h].s[k])
				break;
		if (k == lit[h].len)
			*mask |= (uint64_t)1 << lit[h].bit;
	}
	return 0;
}

#ifdef __SSE2__
/*
 * The places among the 16 at u (19 bytes can be read) where a key word of
 * four bytes or more may start, as a mask: lit_key4 of the four bytes at
 * each, four places to a vector, the products' bits 16 to 31 its 16-bit
 * words 1 and 5.
 */
static inline unsigned
lit_cand4(const unsigned char *u)
{
	const __m128i fold = _mm_set1_epi32(0x20202020);
	const __m128i mul = _mm_set1_epi32((int)0x9e3779b1U);
	__m128i v, ev, od;
	unsigned cand = 0;
	int o;

	for (o = 0; o < 4; o++) {
		v = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)
		    (u + o)), fold);
		ev = _mm_mul_epu32(v, mul);
		od = _mm_mul_epu32(_mm_srli_epi64(v, 32), mul);
		cand |= (unsigned)lit4any[_mm_extract_epi16(ev, 1)] << o |
		    (unsigned)lit4any[_mm_extract_epi16(od, 1)] << (o + 4) |
		    (unsigned)lit4any[_mm_extract_epi16(ev, 5)] << (o + 8) |
		    (unsigned)lit4any[_mm_extract_epi16(od, 5)] << (o + 12);
	}
	return cand;
}
#endif

/*
 * The guarded patterns whose key words occur in p[0..n), as a mask.  A
 * line holding a character that a caseless UTF match takes for an ASCII
 * letter (the Kelvin sign, the long s) passes every guard.  Sixteen
 * places at a time, only those where a key word may start looked at
 * further (lit_at): a byte that starts a short one, four bytes whose
 * hash a long one has.
 */
static uint64_t
lit_scan(const char *p, size_t n, int utf)
{
	const unsigned char *u = (const unsigned char *)p;
	uint64_t mask = 0;
	size_t i = 0;
#ifdef __SSE2__
	unsigned cand;
	int j;

	__m128i v, eq;

	for (; i + 19 <= n; i += 16) {
		cand = lit_cand4(u + i);
		if (scanlisted) {
			v = _mm_loadu_si128((const __m128i *)(const void *)
			    (u + i));
			eq = _mm_setzero_si128();
			for (j = 0; j < SCAN_LIST; j++)
				eq = _mm_or_si128(eq, _mm_cmpeq_epi8(v,
				    scanvec[j]));
			cand |= (unsigned)_mm_movemask_epi8(eq);
		} else
			for (j = 0; j < 16; j++)
				cand |= (unsigned)(scanbyte[u[i + j]] != 0) <<
				    j;
		for (; cand != 0; cand &= cand - 1)
			if (lit_at(u, n, i + __builtin_ctz(cand), utf, &mask))
				return ~(uint64_t)0;
	}
#endif
	for (; i < n; i++)
		if (lit_at(u, n, i, utf, &mask))
			return ~(uint64_t)0;
	return mask;
}

/*
 * Append the patterns of one file (text of len bytes, named file in
 * messages) to the set.  Families "byline" and "source" are skipped when
 * bylines are kept.  A line without a TAB is an error.
 */
void
pat_add(const char *text, size_t len, const char *file, int keep_byline)
{
	const char *p = text, *e = text + len, *nl, *tab, *end;
	size_t lineno = 0;

	for (; p < e; p = nl + 1) {
		lineno++;
		if ((nl = memchr(p, '\n', e - p)) == NULL)
			nl = e;
		end = nl;
		if (end > p && end[-1] == '\r')
			end--;
		if (end == p || *p == '#')
			continue;
		if ((tab = memchr(p, '\t', end - p)) == NULL || tab == p ||
		    tab + 1 == end)
			errx(TSV_EXIT_FATAL,
			    "%s:%zu: expected FAMILY<TAB>PATTERN", file, lineno);
		if (keep_byline && ((tab - p == 6 && memcmp(p, "byline", 6) ==
		    0) || (tab - p == 6 && memcmp(p, "source", 6) == 0)))
			continue;
		if (memchr(p, ')', tab - p) != NULL)
			errx(TSV_EXIT_FATAL, "%s:%zu: family name holds ')'",
			    file, lineno);
		set_add(&full, tab + 1, end - tab - 1, p, tab - p);
		pat = ereallocarray(pat, npat + 1, sizeof(*pat));
		memset(&pat[npat], 0, sizeof(*pat));
		pat[npat].re = emalloc(end - tab);
		memcpy(pat[npat].re, tab + 1, end - tab - 1);
		pat[npat].re[end - tab - 1] = '\0';
		pat[npat].fam = emalloc(tab - p + 1);
		memcpy(pat[npat].fam, p, tab - p);
		pat[npat].fam[tab - p] = '\0';
		pat[npat].bit = -1;
		npat++;
	}
}

static pcre2_code *
compile_src(const char *src, size_t len, uint32_t flags, int jit)
{
	pcre2_code *re;
	int errcode;
	PCRE2_SIZE off;

	re = pcre2_compile((PCRE2_SPTR)src, len, PCRE2_CASELESS | flags,
	    &errcode, &off, NULL);
	if (re != NULL && jit)
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

static pcre2_code *
compile(const struct set *s, uint32_t flags, int fatal)
{
	pcre2_code *re;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int errcode;

	re = pcre2_compile((PCRE2_SPTR)s->src.buf, s->src.len,
	    PCRE2_CASELESS | flags, &errcode, &off, NULL);
	if (re == NULL) {
		if (!fatal)
			return NULL;
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		errx(TSV_EXIT_FATAL,
		    "pattern set at offset %zu (near \"%.40s\"): %s", (size_t)off,
		    s->src.buf + (off < s->src.len ? off : s->src.len), msg);
	}
	return re;
}

static void
set_free(struct set *s)
{
	pcre2_code_free(s->utf);
	pcre2_code_free(s->bytes);
	tsv_buf_free(&s->src);
	memset(s, 0, sizeof(*s));
}

/*
 * Compile the set gathered by pat_add; an empty set matches nothing.
 * Each pattern is also compiled alone, for the probes; a mode in which
 * one of them does not compile matches the whole set.
 */
void
pat_compile(void)
{
	size_t i, k;
	unsigned h;
	unsigned char c;
	int m;

	if (full.n == 0)
		return;
	if ((md = pcre2_match_data_create(1, NULL)) == NULL)
		err(TSV_EXIT_FATAL, NULL);
	full.utf = compile(&full, PCRE2_UTF, 1);
	full.bytes = compile(&full, 0, 0);
	for (m = 0; m < 2; m++) {
		bystart[m] = npat <= START_MAX;
		for (i = 0; i < npat && bystart[m]; i++) {
			pat[i].code[m] = compile_src(pat[i].re,
			    PCRE2_ZERO_TERMINATED, m == M_UTF ? PCRE2_UTF : 0,
			    0);
			if (pat[i].code[m] == NULL)
				bystart[m] = 0;
		}
		if (bystart[m])
			start[m] = ecalloc(128 * 128, sizeof(*start[m]));
	}
	other = ecalloc(OTHER_MAX, sizeof(*other));
	start4 = ecalloc(START4_MAX, sizeof(*start4));
	/*
	 * Key words guard the patterns that can start anywhere (those that
	 * can start with two control bytes); the line start sorts out the
	 * others well enough.
	 */
	for (i = 0; i < npat && bystart[M_BYTES]; i++)
		if (guard_ok(pat[i].re, strlen(pat[i].re)) &&
		    pcre2_match(pat[i].code[M_BYTES], (PCRE2_SPTR)"\1\1", 2,
		    0, PCRE2_PARTIAL_HARD, md, NULL) != PCRE2_ERROR_NOMATCH)
			guard_add(i, pat[i].re, strlen(pat[i].re));
	lithead = emalloc(LIT_HASH * sizeof(*lithead));
	lithead4 = emalloc(LIT_HASH * sizeof(*lithead4));
	for (i = 0; i < LIT_HASH; i++)
		lithead[i] = lithead4[i] = -1;
	scanbyte[0xc5] |= SCAN_ODD;
	scanbyte[0xe2] |= SCAN_ODD;
	for (i = nlit; i-- > 0;) {
		c = (unsigned char)lit[i].s[0];
		if (lit[i].len == 1) {
			onebyte[c] |= (uint64_t)1 << lit[i].bit;
			scanbyte[c] |= SCAN_ONE;
			continue;
		}
		if (lit[i].len >= 4) {
			h = lit_key4((unsigned char *)lit[i].s);
			lit[i].next = lithead4[h];
			lithead4[h] = (int)i;
			litbits4[h / 64] |= (uint64_t)1 << (h % 64);
			lit4any[h] = 1;
			continue;
		}
		scanbyte[c] |= SCAN_SHORT;
		if (c >= 'a' && c <= 'z')
			scanbyte[c - 32] |= SCAN_SHORT;
		h = lit_hash((unsigned char *)lit[i].s);
		lit[i].next = lithead[h];
		lithead[h] = (int)i;
		litbits[h / 64] |= (uint64_t)1 << (h % 64);
	}
	/* A list with a byte twice serves as well: unused places repeat. */
	for (i = 0, k = 0; i < 256; i++)
		if (scanbyte[i] != 0 && k++ < SCAN_LIST)
			scanlist[k - 1] = (unsigned char)i;
	scanlisted = k > 0 && k <= SCAN_LIST;
	for (; k > 0 && k < SCAN_LIST; k++)
		scanlist[k] = scanlist[0];
#ifdef __SSE2__
	for (k = 0; k < SCAN_LIST; k++)
		scanvec[k] = _mm_set1_epi8((char)scanlist[k]);
#endif
	mctx = pcre2_match_context_create(NULL);
	jstack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (md == NULL || mctx == NULL || jstack == NULL)
		err(TSV_EXIT_FATAL, NULL);
	pcre2_jit_stack_assign(mctx, NULL, jstack);
	/* Bound the work on one line; a line over the limit is unmatched. */
	pcre2_set_match_limit(mctx, 200000);
}

void
pat_free(void)
{
	size_t i;

	set_free(&full);
	for (i = 0; i < npat; i++) {
		free(pat[i].re);
		free(pat[i].fam);
		pcre2_code_free(pat[i].code[0]);
		pcre2_code_free(pat[i].code[1]);
	}
	free(pat);
	free(start[0]);
	free(start[1]);
	free(other);
	free(start4);
	free(lit);
	free(lithead);
	free(lithead4);
	pcre2_match_data_free(md);
	pcre2_match_context_free(mctx);
	pcre2_jit_stack_free(jstack);
}

/*
 * JIT compile the pattern code for the matches of options (one of
 * PCRE2_JIT_COMPLETE, PCRE2_JIT_PARTIAL_HARD) when *state says it has not
 * been tried; *state becomes 2 when done, else 1.
 */
static void
pat_jit(pcre2_code *code, uint32_t options, int *state)
{
	if (*state == 0)
		*state = pcre2_jit_compile(code, options) == 0 ? 2 : 1;
}

/*
 * Whether pattern q can match, in mode m, a line that starts with
 * s[0..len): its partial match there does not fail.  Also compiles q by
 * the JIT, for partial matches, once it has been probed often enough.
 * The interpreter and the JIT tell the same; a probe of at most four
 * bytes is far from the match limits, where they count differently.
 */
static int
pat_can_start(struct pat *q, int m, const char *s, size_t len)
{
	if (q->jitp[m] == 0 && ++q->probes[m] > PROBE_JIT)
		pat_jit(q->code[m], PCRE2_JIT_PARTIAL_HARD, &q->jitp[m]);
	return (q->jitp[m] == 2 ? pcre2_jit_match(q->code[m], (PCRE2_SPTR)s,
	    len, 0, PCRE2_PARTIAL_HARD, md, NULL) : pcre2_match(q->code[m],
	    (PCRE2_SPTR)s, len, 0, PCRE2_PARTIAL_HARD, md, NULL)) !=
	    PCRE2_ERROR_NOMATCH;
}

/*
 * Fill in what is known of the line start s[0..len) in mode m: a pattern
 * can match such a line when its partial match on those bytes does not
 * fail.  Only the patterns in among are looked at, when it is not NULL:
 * those that can start with a shorter start of s, since a pattern whose
 * partial match fails on a start fails on every longer one.
 */
static void
start_probe(struct start *st, int m, const char *s, size_t len,
    const uint64_t *among)
{
	size_t i;

	memset(st->bits, 0, sizeof(st->bits));
	for (i = 0; i < npat; i++)
		if ((among == NULL || (among[i / 64] >> (i % 64) & 1)) &&
		    pat_can_start(&pat[i], m, s, len))
			st->bits[i / 64] |= (uint64_t)1 << (i % 64);
	st->done = 1;
}

/*
 * What is known of a line p[0..n) (n >= 2) that does not start with two
 * ASCII bytes: its start is its first character (in mode M_UTF, where the
 * line is valid UTF-8) or byte.  NULL when too many such starts were seen.
 */
static struct start *
other_start(int m, const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	uint64_t key;
	size_t len = 1, i, h;

	if (m == M_UTF && u[0] >= 0xc0)
		len = u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : 2;
	if (len > n)
		return NULL;
	key = (uint64_t)m << 1 | 1;
	for (i = 0; i < len; i++)
		key |= (uint64_t)u[i] << (8 * i + 8);
	h = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 40) & (OTHER_MAX - 1);
	for (; other[h].done; h = (h + 1) & (OTHER_MAX - 1))
		if (other[h].key == key)
			return &other[h];
	if (2 * nother >= OTHER_MAX)
		return NULL;
	nother++;
	other[h].key = key;
	start_probe(&other[h], m, p, len, NULL);
	return &other[h];
}

/*
 * What is known of a line that starts with four ASCII bytes p[0..4), in
 * mode m, whose two-byte start is st: of the patterns st allows, those
 * whose partial match on the four bytes does not fail, and the guarded
 * ones (which can start anywhere) without a look.  Most lines are prose,
 * whose first word no pattern can start with; the cost of a look is paid
 * once for each four bytes, up to START4_MAX of them, after which st
 * serves.
 */
static const struct start *
start4_get(int m, const struct start *st, const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	struct start *s4;
	uint64_t key, bits;
	size_t h, i;
	int w;

	key = (uint64_t)m << 1 | 1;
	for (i = 0; i < 4; i++)
		key |= (uint64_t)u[i] << (8 * i + 8);
	h = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 40) & (START4_MAX - 1);
	for (; start4[h].done; h = (h + 1) & (START4_MAX - 1))
		if (start4[h].key == key)
			return &start4[h];
	if (4 * nstart4 >= 3 * START4_MAX)
		return st;
	nstart4++;
	s4 = &start4[h];
	s4->key = key;
	s4->done = 1;
	for (w = 0; w < START_WORDS; w++)
		for (bits = st->bits[w]; bits != 0; bits &= bits - 1) {
			i = w * 64 + __builtin_ctzll(bits);
			if (pat[i].bit >= 0 || pat_can_start(&pat[i], m, p, 4))
				s4->bits[w] |= bits & -bits;
		}
	return s4;
}

/*
 * Return the family of the first pattern that matches the line p[0..n),
 * or NULL.  how says whether the line is ASCII, valid UTF-8 or neither;
 * an ASCII line is matched with the set compiled without PCRE2_UTF, which
 * gives the same result for it, faster.  A line that starts with two
 * ASCII bytes is matched with the subset that can match it (see the top
 * of this file).  The string returned lives in the compiled pattern until
 * pat_free.  A match error (such as a line that exhausts the match
 * limits) counts as no match, with a warning once.
 */
const char *
pat_match(const char *p, size_t n, int how)
{
	static int warned;
	pcre2_code *re;
	uint32_t opt = how == PAT_UTF ? PCRE2_NO_UTF_CHECK : 0;
	int m = how == PAT_UTF ? M_UTF : M_BYTES, w, rc;
	uint64_t pass, bits, allow[START_WORDS];
	size_t i;
	const struct start *st;
	struct start *st1, *st2;
	struct pat *q;

	re = m == M_UTF ? full.utf : full.bytes;
	if (re == NULL)
		return NULL;
	if (bystart[m] && n >= 2) {
		if ((unsigned char)p[0] < 0x80 && (unsigned char)p[1] < 0x80) {
			st2 = &start[m][(unsigned char)p[0] << 7 |
			    (unsigned char)p[1]];
			if (!st2->done) {
				st1 = &start1[m][(unsigned char)p[0]];
				if (!st1->done)
					start_probe(st1, m, p, 1, NULL);
				start_probe(st2, m, p, 2, st1->bits);
			}
			st = st2;
			if (n >= 4 && (unsigned char)p[2] < 0x80 &&
			    (unsigned char)p[3] < 0x80)
				st = start4_get(m, st2, p);
		} else if ((st = other_start(m, p, n)) == NULL)
			goto whole;
		/*
		 * Not valid UTF-8: a class of signs matches their bytes one
		 * by one here, so the key words do not guard.
		 */
		pass = how == PAT_BYTES ? ~(uint64_t)0 : nguarded > 0 ?
		    lit_scan(p, n, m == M_UTF) : 0;
		/*
		 * The patterns the start allows, in order, less the guarded
		 * ones whose key words are missing: most lines have none.
		 */
		for (w = 0; w < START_WORDS; w++)
			allow[w] = st->bits[w] & ~guardpat[w];
		if (nguarded < 64)
			pass &= ((uint64_t)1 << nguarded) - 1;
		for (; pass != 0; pass &= pass - 1) {
			i = guarded[__builtin_ctzll(pass)];
			allow[i / 64] |= st->bits[i / 64] &
			    (uint64_t)1 << (i % 64);
		}
		for (w = 0; w < START_WORDS; w++)
			for (bits = allow[w]; bits != 0; bits &= bits - 1) {
				q = &pat[w * 64 + __builtin_ctzll(bits)];
				/* The line is checked: the JIT's entry does. */
				pat_jit(q->code[m], PCRE2_JIT_COMPLETE,
				    &q->jitc[m]);
				rc = q->jitc[m] == 2 ? pcre2_jit_match(
				    q->code[m], (PCRE2_SPTR)p, n, 0, 0, md,
				    mctx) : pcre2_match(q->code[m],
				    (PCRE2_SPTR)p, n, 0, opt, md, mctx);
				if (rc >= 0)
					return q->fam;
				if (rc != PCRE2_ERROR_NOMATCH)
					goto whole;
			}
		return NULL;
	}
whole:
	if (!full.jit[m]) {
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
		full.jit[m] = 1;
	}
	rc = pcre2_match(re, (PCRE2_SPTR)p, n, 0, opt, md, mctx);
	if (rc >= 0)
		return (const char *)pcre2_get_mark(md);
	if (rc != PCRE2_ERROR_NOMATCH && !warned) {
		warned = 1;
		warnx("pattern match error %d; line kept to the other signals",
		    rc);
	}
	return NULL;
}
