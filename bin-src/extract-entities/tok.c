/*
 * tok.c: split a text into tokens with byte offsets, much as CoNLL-2003
 * did: words keep inner hyphens, dots and apostrophes (al-Bab, U.S.,
 * O'Brien), the clitics 's n't 're 've 'll 'd 'm stand apart, punctuation
 * is a token of its own, and sentences end at line ends and at . ! ?
 * before a word that is not lower case.
 *
 * Bytes are never changed or skipped inside a token, so offsets are exact
 * on any input: a non-ASCII character counts as a letter unless it is a
 * space or punctuation from Latin-1 or General Punctuation, and a byte
 * that is not part of valid UTF-8 is a punctuation token of its own.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "extern.h"

enum { C_SPACE, C_LINE, C_WORD, C_PUNCT, C_JOIN };

static const char *const abbrevs[] = {
	"Adm", "Ave", "Bros", "Capt", "Cmdr", "Co", "Col", "Corp", "Dr",
	"Feb", "Gen", "Gov", "Inc", "Jan", "Jr", "Lt", "Ltd", "Maj", "Mr",
	"Mrs", "Ms", "Mt", "No", "Nov", "Oct", "Prof", "Rep", "Rev", "Sen",
	"Sep", "Sept", "Sgt", "Sr", "St", "Supt", "Aug", "Dec", "Apr", "Jun",
	"Jul", "Mar", "vs", "Vol", "Ft", "Messrs"
};

/* Length of the UTF-8 character at p (1 for an invalid byte). */
static size_t
charlen(const unsigned char *p, size_t n)
{
	size_t len, i;

	if (p[0] < 0xc2)
		return 1;
	len = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : p[0] < 0xf5 ? 4 : 1;
	if (len > n)
		return 1;
	for (i = 1; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 1;
	return len;
}

/* Class of the character at p of length len. */
static int
charclass(const unsigned char *p, size_t len)
{
	unsigned c = p[0];

	if (len == 1) {
		if (c == '\n')
			return C_LINE;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\v' ||
		    c == '\f')
			return C_SPACE;
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'))
			return C_WORD;
		if (c >= 0x80)
			return C_PUNCT;	/* a byte that is not UTF-8: opaque */
		if (c == '\'' || c == '-' || c == '.' || c == '&')
			return C_JOIN;
		return C_PUNCT;
	}
	if (len == 2 && c == 0xc2) {
		if (p[1] == 0xa0)
			return C_SPACE;
		if (p[1] < 0xc0)	/* Latin-1 punctuation and symbols */
			return C_PUNCT;
	}
	if (len == 3 && c == 0xe2 && p[1] == 0x80) {
		if (p[2] <= 0x8a || p[2] == 0xaf || p[2] == 0xa8 ||
		    p[2] == 0xa9)
			return C_SPACE;
		if (p[2] == 0x99 || p[2] == 0x90 || p[2] == 0x91)
			return C_JOIN;	/* right single quote, hyphens */
		return C_PUNCT;
	}
	if (len == 3 && c == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
		return C_SPACE;
	return C_WORD;
}

static int
classat(const char *t, size_t i, size_t n, size_t *len)
{
	*len = charlen((const unsigned char *)t + i, n - i);
	return charclass((const unsigned char *)t + i, *len);
}

static int
is_abbrev(const char *p, size_t n)
{
	size_t i;

	if (n == 1 && ((p[0] >= 'A' && p[0] <= 'Z') ||
	    (p[0] >= 'a' && p[0] <= 'z')))
		return 1;
	if (memchr(p, '.', n) != NULL)
		return 1;
	for (i = 0; i < sizeof(abbrevs) / sizeof(abbrevs[0]); i++)
		if (strlen(abbrevs[i]) == n && memcmp(abbrevs[i], p, n) == 0)
			return 1;
	return 0;
}

/*
 * Length of a clitic at the end of word p[0..n) ('s, n't, ...), 0 when
 * there is none.
 */
static size_t
clitic(const char *p, size_t n)
{
	static const char *const tails[] = { "s", "S", "re", "ve", "ll", "d",
	    "m", "RE", "VE", "LL", "D", "M" };
	size_t i, tl, al;

	if (n < 2 || (memchr(p + (n > 5 ? n - 5 : 0), '\'', n > 5 ? 5 : n) ==
	    NULL && memchr(p + (n > 6 ? n - 6 : 0), 0xe2, n > 6 ? 6 : n) ==
	    NULL))
		return 0;
	if (n >= 4 && (memcmp(p + n - 3, "n't", 3) == 0 ||
	    memcmp(p + n - 3, "N'T", 3) == 0))
		return 3;
	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		tl = strlen(tails[i]);
		for (al = 1; al <= 3; al += 2) {	/* ' or U+2019 */
			if (n < tl + al + 1)
				continue;
			if (memcmp(p + n - tl, tails[i], tl) != 0)
				continue;
			if ((al == 1 && p[n - tl - 1] == '\'') ||
			    (al == 3 && memcmp(p + n - tl - 3,
			    "\xe2\x80\x99", 3) == 0))
				return tl + al;
		}
	}
	return 0;
}

/* ASCII letters lower-cased, so that the same word in any case matches. */
uint64_t
ne_hash_lower(const char *s, size_t n)
{
	return ne_hash_lower_more(1469598103934665603ULL, s, n);
}

/* Continue the FNV hash h with s[0..n), ASCII letters lower-cased. */
uint64_t
ne_hash_lower_more(uint64_t h, const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		h ^= c;
		h *= 1099511628211ULL;
	}
	return h;
}

uint64_t
ne_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Append the token text[start, end) to d and fill in its form facts. */
static void
add_token(struct ne_doc *d, size_t start, size_t end, int punct)
{
	struct ne_token *t;
	const char *p = d->text + start;
	size_t n = end - start, i;
	int upper = 0, lower = 0;

	if (d->ntok == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->tok = ereallocarray(d->tok, d->cap, sizeof(*d->tok));
	}
	t = &d->tok[d->ntok++];
	memset(t, 0, sizeof(*t));
	t->start = start;
	t->end = end;
	t->hword = ne_hash(p, n);
	t->hlower = ne_hash_lower(p, n);
	if (punct)
		t->flags |= NE_TF_PUNCT;
	for (i = 0; i < n; i++) {
		unsigned char c = p[i];
		if (c >= 'A' && c <= 'Z')
			upper++;
		else if (c >= 'a' && c <= 'z')
			lower++;
		else if (c >= '0' && c <= '9')
			t->flags |= NE_TF_DIGIT;
		else if (c >= 0x80)
			t->flags |= NE_TF_ALPHA;
	}
	if (upper + lower > 0)
		t->flags |= NE_TF_ALPHA;
	if (p[0] >= 'A' && p[0] <= 'Z')
		t->flags |= NE_TF_UPPER1;
	else if ((unsigned char)p[0] == 0xc3 &&
	    n > 1 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] < 0x9f)
		t->flags |= NE_TF_UPPER1;	/* Latin-1 capitals */
	if (upper >= 1 && lower == 0 && (upper > 1 || n == 1))
		t->flags |= NE_TF_ALLCAPS;
}

/* Mark the end of a sentence after the last token. */
static void
end_sentence(struct ne_doc *d)
{
	if (d->ntok > 0)
		d->tok[d->ntok - 1].flags |= NE_TF_SENTEND;
}

/* Set sentinit and headline for every sentence. */
static void
mark_sentences(struct ne_doc *d)
{
	size_t s = 0, e, i;
	int caps, small;

	while (s < d->ntok) {
		for (e = s; e < d->ntok && !(d->tok[e].flags & NE_TF_SENTEND);
		    e++)
			;
		if (e < d->ntok)
			e++;
		caps = small = 0;
		for (i = s; i < e; i++) {
			const char *p = d->text + d->tok[i].start;
			size_t k, n = d->tok[i].end - d->tok[i].start;
			for (k = 0; k < n; k++)
				if (p[k] >= 'a' && p[k] <= 'z') {
					small = 1;
					break;
				}
			if (d->tok[i].flags & NE_TF_ALLCAPS && n > 1)
				caps++;
		}
		for (i = s; i < e; i++) {
			d->tok[i].headline = caps > 0 && !small;
			d->tok[i].sentinit = i == s;
		}
		s = e;
	}
}

/*
 * Tokenise text[0..len) into d, which keeps pointing at text (the caller
 * keeps text alive while d is used).  d's token array is reused from call
 * to call; ne_doc_free frees it.
 */
void
ne_tokenize(struct ne_doc *d, const char *text, size_t len)
{
	size_t i = 0, j, k, cl, cl2, start, n;
	size_t insent = 0;	/* the first token of the current sentence */
	int c;

	d->text = text;
	d->len = len;
	d->ntok = 0;
	while (i < len) {
		c = classat(text, i, len, &cl);
		if (c == C_LINE || c == C_SPACE) {
			if (c == C_LINE)
				end_sentence(d);
			i += cl;
			continue;
		}
		if (d->ntok > 0 && d->tok[d->ntok - 1].flags & NE_TF_SENTEND)
			insent = d->ntok;
		start = i;
		if (c == C_WORD) {
			j = i + cl;
			while (j < len && j - start < NE_MAXTOK) {
				c = classat(text, j, len, &cl);
				if (c == C_WORD) {
					j += cl;
					continue;
				}
				if (c != C_JOIN || j + cl >= len ||
				    classat(text, j + cl, len, &cl2) != C_WORD)
					break;
				j += cl;
			}
			/* A final dot belongs to an abbreviation or initial. */
			if (j < len && text[j] == '.' &&
			    is_abbrev(text + start, j - start))
				j++;
			if ((k = clitic(text + start, j - start)) > 0) {
				add_token(d, start, j - k, 0);
				add_token(d, j - k, j, 0);
			} else
				add_token(d, start, j, 0);
		} else {
			/* Punctuation; a run of one ASCII mark is one token. */
			j = i + cl;
			if (cl == 1)
				while (j < len && text[j] == text[i] &&
				    j - start < NE_MAXTOK)
					j++;
			add_token(d, start, j, 1);
			n = j - start;
			if ((text[start] == '.' || text[start] == '!' ||
			    text[start] == '?') && n <= 3) {
				/* Ends a sentence unless a lower-case word follows. */
				k = j;
				while (k < len && (text[k] == ' ' ||
				    text[k] == '"' || text[k] == '\''))
					k++;
				if (k >= len || !(text[k] >= 'a' &&
				    text[k] <= 'z'))
					end_sentence(d);
			}
		}
		i = j;
		if (d->ntok - insent >= NE_MAXSENT - 2) {
			end_sentence(d);
			insent = d->ntok;
		}
	}
	end_sentence(d);
	mark_sentences(d);
}

void
ne_doc_free(struct ne_doc *d)
{
	free(d->tok);
	d->tok = NULL;
	d->ntok = d->cap = 0;
}
