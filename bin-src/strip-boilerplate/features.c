/*
 * features.c: cut a line into tokens and count what the classifier looks
 * at: words, stop words, capitalised, digit and link-like tokens,
 * separators, punctuation, and whether the line ends like a sentence.
 * One pass over the bytes; no allocation per line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
 * Add the run of ASCII letters, digits and underscores p[0..r) to the key
 * k of a word that has tl bytes in it (below STOP_MAXLEN + 1), capitals
 * lowered, as key_add would byte by byte; e is the end of the line.
 * Returns the new tl.  Where a word starts with the run and 16 bytes can
 * be read, by arithmetic on eight bytes at once: a byte from 'A' to 'Z'
 * gets 0x20 (a run's bytes are below 0x80, so that the sums carry into
 * the bytes after the run only, which the mask drops).
 */
static size_t
key_run(uint64_t k[2], size_t tl, const unsigned char *p, size_t r,
    const unsigned char *e)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ULL, hi = 0x80 * ones;
	uint64_t v[2], up;
	size_t m, h;

	if (tl == 0 && p + 16 <= e) {
		m = r < STOP_MAXLEN + 1 ? r : STOP_MAXLEN + 1;
		memcpy(v, p, 16);
		for (h = 0; h < 2; h++) {
			up = (v[h] + (0x80 - 'A') * ones) &
			    ~(v[h] + (0x80 - 'Z' - 1) * ones) & hi;
			v[h] |= up >> 2;
		}
		k[0] = m >= 8 ? v[0] : v[0] & (((uint64_t)1 << 8 * m) - 1);
		k[1] = m <= 8 ? 0 : m == 16 ? v[1] :
		    v[1] & (((uint64_t)1 << 8 * (m - 8)) - 1);
		return m;
	}
#else
	(void)e;
#endif
	for (; r > 0 && tl <= STOP_MAXLEN; r--, p++)
		key_add(k, tl++, *p | (aclass[*p] & A_UPPER) << 4);
	return tl;
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
 * Fill the counters of l from its text.  Tokens are runs of word
 * characters, with an apostrophe inside a word kept (so "don't" is one
 * word); link-like tokens are the white-space separated chunks that hold
 * "://", start with "www." or hold an "@" or start with "#".  ASCII bytes
 * go by the table aclass, other characters by their code point.
 *
 * In the same pass, the fingerprint of the line for cross-page counts and
 * duplicates (fp): ASCII letters lower case, every digit the same, runs
 * of white space one space.  Counts and dates that change from page to
 * page thus give the same print.
 */
void
line_features(struct line *l)
{
	const unsigned char *p = (const unsigned char *)l->p;
	size_t n = l->len, i = 0, j, k, tl = 0;
	uint64_t tok[2] = { 0, 0 };
	uint64_t fp = FNV_BASIS;
	uint32_t c, lastreal = 0;
	struct wordcounts wc = { 0, 0, 0, 0 };
	unsigned a, ar, nlink = 0;
	unsigned nsep = 0, nchars = 0, npunct = 0, ncomma = 0;
	int inword = 0, cap = 0, dig = 0, chunkstart = 1, isw, ascii = 1;
	int fpspace = 0, at = 0, url = 0;
	size_t cstart = 0;

	for (; i < n; i += k) {
		a = aclass[p[i]];
		/*
		 * A run of ASCII letters and digits, most bytes of most lines:
		 * the start of a word or more of it.  Inside the run, none of
		 * them ends a chunk, follows a space or may close a sentence.
		 */
		if (a & A_WORD) {
			if (fpspace)
				fp = (fp ^ ' ') * FNV_PRIME;
			fpspace = 0;
			if (chunkstart) {
				cstart = i;
				at = url = 0;
				chunkstart = 0;
			}
			if (!inword) {
				inword = 1;
				tl = 0;
				tok[0] = tok[1] = 0;
				cap = (a & A_UPPER) != 0;
				dig = 0;
			}
			/*
			 * The classes of the run's bytes OR'ed in ar, each
			 * looked up once; the key's first half by a shift.
			 */
			j = i;
			ar = 0;
			for (;;) {
				c = p[j];
				ar |= a;
				fp = (fp ^ fpbyte[c]) * FNV_PRIME;
				if (++j == n || !((a = aclass[p[j]]) & A_WORD))
					break;
			}
			if (tl <= STOP_MAXLEN)
				tl = key_run(tok, tl, p + i, j - i, p + n);
			dig |= ar & A_DIGIT;
			nchars += j - i;
			lastreal = c;
			k = j - i;
			continue;
		}
		/* A space or TAB, most of the other bytes: it ends a word. */
		if (a & A_SPACE) {
			nchars++;
			if (inword) {
				word_end(&wc, cap, dig, tok, tl);
				inword = 0;
			}
			fpspace = 1;
			if (!chunkstart && (at || url || p[cstart] == '#' ||
			    p[cstart] == 'w'))
				nlink += link_chunk(p, cstart, i, at, url);
			chunkstart = 1;
			lastreal = p[i];
			k = 1;
			continue;
		}
		nchars++;
		if (p[i] < 0x80) {
			c = p[i];
			k = 1;
			a = aclass[c];
			isw = (a & A_WORD) || (c == '\'' && inword &&
			    word_follows(p, n, i + 1));
			if (a & A_SPACE)
				fpspace = 1;
			else {
				if (fpspace)
					fp = (fp ^ ' ') * FNV_PRIME;
				fpspace = 0;
				fp = (fp ^ fpbyte[c]) * FNV_PRIME;
			}
		} else {
			k = utf8_get(p + i, n - i, &c);
			ascii = 0;
			if (fpspace)
				fp = (fp ^ ' ') * FNV_PRIME;
			fpspace = 0;
			for (j = 0; j < k; j++)
				fp = (fp ^ p[i + j]) * FNV_PRIME;
			a = 0;
			isw = is_wordcp(c) || (c == 0x2019 && inword &&
			    word_follows(p, n, i + k));
			if (is_closecp(c))
				a |= A_CLOSE;
			if (is_sepcp(c))
				a |= A_SEP;
		}
		if (isw) {
			if (!inword) {
				inword = 1;
				tl = 0;
				tok[0] = tok[1] = 0;
				cap = c < 0x80 ? (a & A_UPPER) != 0 :
				    (c >= 0xc0 && c <= 0xde && c != 0xd7) ||
				    (c >= 0x391 && c <= 0x42f);
				dig = 0;
			}
			dig |= a & A_DIGIT;
			if (tl <= STOP_MAXLEN) {
				if (c < 0x80 || c == 0x2019)
					key_add(tok, tl++, c == 0x2019 ? '\'' :
					    c | (a & A_UPPER ? 32 : 0));
				else
					tl = STOP_MAXLEN + 1;
			}
		} else {
			if (inword) {
				word_end(&wc, cap, dig, tok, tl);
				inword = 0;
			}
			if (!(a & A_SPACE)) {
				npunct++;
				if (a & A_COMMA)
					ncomma++;
				if (a & A_SEP)
					nsep++;
			}
		}
		/*
		 * Link-like chunks: an "@" or a "://" seen on the way, the
		 * start looked at when the chunk ends.
		 */
		if (a & A_SPACE) {
			if (!chunkstart && (at || url || p[cstart] == '#' ||
			    p[cstart] == 'w'))
				nlink += link_chunk(p, cstart, i, at, url);
			chunkstart = 1;
		} else {
			if (chunkstart) {
				cstart = i;
				at = url = 0;
				chunkstart = 0;
			}
			if (a & A_LINK) {
				if (c == '@')
					at = 1;
				else if (i + 2 < n && p[i + 1] == '/' &&
				    p[i + 2] == '/')
					url = 1;
			}
		}
		if (!(a & A_CLOSE))
			lastreal = c;
	}
	if (inword)
		word_end(&wc, cap, dig, tok, tl);
	if (!chunkstart)
		nlink += link_chunk(p, cstart, n, at, url);
	l->nwords = wc.nwords;
	l->nstop = wc.nstop;
	l->ncap = wc.ncap;
	l->ndigit = wc.ndigit;
	l->nlink = nlink;
	l->nsep = nsep;
	l->nchars = nchars;
	l->npunct = npunct;
	l->ncomma = ncomma;
	l->ascii = ascii;
	l->fp = fp;
	l->endpunct = lastreal == '.' || lastreal == '!' || lastreal == '?' ||
	    lastreal == 0x2026 || lastreal == ':';
}
