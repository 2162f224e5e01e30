/*
 * words.c: bytes, words and terms for summarize.
 *
 * Byte classes and ASCII case folding that do not depend on the locale;
 * the word lists (abbreviations for the splitter, stop words for the
 * terms), compiled in or read from files; and the distinct content terms
 * of a sentence, numbered per text through a hash table.
 */
#include <ctype.h>
#include <err.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "extern.h"
#include "data/summarize-abbrev.txt.h"
#include "data/summarize-stopwords.txt.h"

/* Byte classes, filled by init_tables. */
#define B_WORD	0x01	/* ASCII letter or digit, or any byte >= 0x80 */
static unsigned char	bclass[256];
static unsigned char	lower[256];
static unsigned char	wlower[256];	/* lower case of a word byte, or 0 */

struct wordset		abbrevs;	/* abbreviations and starters */
static struct wordset	stops;		/* stop words */
static size_t		stopmax;	/* the length of the longest */
/* A one-hash Bloom filter of the stop words' hashes: most words miss. */
#define STOPBITS_MASK	4095
static unsigned char	stopbits[STOPBITS_MASK + 1];
/* The stop words' hashes (xor length, low bit set), open addressing. */
static uint64_t		*stoph;
static size_t		 stopmask;
/* The word list files read, which the sets point into. */
static struct tsv_buf	abfile, stfile;

static uint64_t	hash_step(uint64_t, unsigned char);
static int	is_stop(uint64_t, size_t);
static int	wordset_find(const struct wordset *, uint64_t, const char *,
		    size_t);
static uint64_t	hash_bytes(const char *, size_t, int);
static void	wordset_add(struct wordset *, const char *, size_t, int);
static void	wordset_load(struct wordset *, const char *, size_t,
		    const char *, int);
static void	stops_index(void);
static int	same_word(const struct wentry *, const char *, size_t, int);
static void	terms_grow(struct doc *);
static uint32_t	term_id(struct doc *, uint64_t);

/* Fill the byte class and lower-case tables. */
void
init_tables(void)
{
	int c;

	for (c = 0; c < 256; c++) {
		lower[c] = c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c;
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || c >= 0x80) {
			bclass[c] |= B_WORD;
			wlower[c] = lower[c];
		}
	}
}

#define FNV_BASIS	0xcbf29ce484222325ULL

/* One step of FNV-1a. */
static inline uint64_t
hash_step(uint64_t h, unsigned char c)
{
	return (h ^ c) * 0x100000001b3ULL;
}

/*
 * Return 1 when a word of len bytes whose folded hash is h is a stop word.
 * Words are told apart by their 64-bit hash and length alone: a collision
 * could only make one more word count as a stop word.
 */
static inline int
is_stop(uint64_t h, size_t len)
{
	size_t j;

	h ^= len;
	h |= 1;
	for (j = h & stopmask; stoph[j] != 0; j = (j + 1) & stopmask)
		if (stoph[j] == h)
			return 1;
	return 0;
}

/* FNV-1a over p[0..n), folding ASCII upper case when fold is set. */
static uint64_t
hash_bytes(const char *p, size_t n, int fold)
{
	uint64_t h = FNV_BASIS;
	size_t i;

	for (i = 0; i < n; i++)
		h = hash_step(h, fold ? lower[(unsigned char)p[i]] :
		    (unsigned char)p[i]);
	return h;
}

/* Compare a word with an entry; the entry's bytes are lower case if fold. */
static int
same_word(const struct wentry *e, const char *p, size_t n, int fold)
{
	size_t i;

	if (e->len != n)
		return 0;
	if (!fold)
		return memcmp(e->p, p, n) == 0;
	for (i = 0; i < n; i++)
		if (lower[(unsigned char)p[i]] != (unsigned char)e->p[i])
			return 0;
	return 1;
}

/*
 * Add the word p[0..n) with the class bits cls to ws; a word listed twice
 * gets both classes.  The set points at p, which must outlive it.
 */
static void
wordset_add(struct wordset *ws, const char *p, size_t n, int cls)
{
	struct wentry *old;
	size_t i, j, oldcap;
	uint64_t h;

	if (2 * (ws->n + 1) > ws->cap) {
		old = ws->e;
		oldcap = ws->cap;
		ws->cap = oldcap == 0 ? 256 : 2 * oldcap;
		ws->e = ecalloc(ws->cap, sizeof(*ws->e));
		for (i = 0; i < oldcap; i++) {
			if (old[i].p == NULL)
				continue;
			j = old[i].h & (ws->cap - 1);
			while (ws->e[j].p != NULL)
				j = (j + 1) & (ws->cap - 1);
			ws->e[j] = old[i];
		}
		free(old);
	}
	h = hash_bytes(p, n, ws->fold);
	for (j = h & (ws->cap - 1); ws->e[j].p != NULL;
	    j = (j + 1) & (ws->cap - 1))
		if (ws->e[j].h == h && same_word(&ws->e[j], p, n, ws->fold)) {
			ws->e[j].cls |= cls;
			return;
		}
	ws->e[j].p = p;
	ws->e[j].len = n;
	ws->e[j].h = h;
	ws->e[j].cls = cls;
	ws->n++;
}

/* Return the class bits of the word p[0..n), 0 when it is not listed. */
int
wordset_get(const struct wordset *ws, const char *p, size_t n)
{
	if (ws->cap == 0 || n == 0)
		return 0;
	return wordset_find(ws, hash_bytes(p, n, ws->fold), p, n);
}

/* Look up the word p[0..n) whose hash (as the set computes it) is h. */
static int
wordset_find(const struct wordset *ws, uint64_t h, const char *p, size_t n)
{
	size_t j;

	if (ws->cap == 0)
		return 0;
	for (j = h & (ws->cap - 1); ws->e[j].p != NULL;
	    j = (j + 1) & (ws->cap - 1))
		if (ws->e[j].h == h && same_word(&ws->e[j], p, n, ws->fold))
			return ws->e[j].cls;
	return 0;
}

/*
 * Fill ws from the list text p[0..n) named name.  Lines are blank,
 * comments (#), or entries.  With cls 0 an entry is "class word" (the
 * abbreviation list); otherwise it is a word given the class cls.  The set
 * points into p, which must outlive it.
 */
static void
wordset_load(struct wordset *ws, const char *p, size_t n, const char *name,
    int cls)
{
	static const struct {
		const char	*name;
		int		 cls;
	} classes[] = {
		{ "title", W_TITLE }, { "num", W_NUM }, { "end", W_END },
		{ "start", W_START }
	};
	const char *e = p + n, *nl, *w, *we, *f, *fe;
	size_t lineno = 0, i;
	int c;

	for (; p < e; p = nl + 1) {
		lineno++;
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		for (f = p; f < nl && isspace((unsigned char)*f); f++)
			continue;
		if (f == nl || *f == '#')
			continue;
		for (fe = f; fe < nl && !isspace((unsigned char)*fe); fe++)
			continue;
		if (cls != 0) {
			wordset_add(ws, f, (size_t)(fe - f), cls);
			continue;
		}
		for (w = fe; w < nl && isspace((unsigned char)*w); w++)
			continue;
		for (we = w; we < nl && !isspace((unsigned char)*we); we++)
			continue;
		c = 0;
		for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
			if (strlen(classes[i].name) == (size_t)(fe - f) &&
			    memcmp(classes[i].name, f, (size_t)(fe - f)) == 0)
				c = classes[i].cls;
		if (c == 0 || w == we)
			errx(TSV_EXIT_FATAL, "%s:%zu: expected a class (title, "
			    "num, end, start) and a word", name, lineno);
		wordset_add(ws, w, (size_t)(we - w), c);
	}
}

/* Empty the term table for the next text, keeping its memory. */
void
terms_reset(struct doc *d)
{
	size_t i;

	if (d->hcap == 0) {
		d->hcap = 4096;
		d->hkey = ecalloc(d->hcap, sizeof(*d->hkey));
		d->hid = ecalloc(d->hcap, sizeof(*d->hid));
		d->hused = ecalloc(d->hcap / 2, sizeof(*d->hused));
	}
	for (i = 0; i < d->nused; i++)
		d->hkey[d->hused[i]] = 0;
	d->nused = 0;
	d->nid = 0;
	d->nterms = 0;
}

/* Double the term table, which is half full. */
static void
terms_grow(struct doc *d)
{
	uint64_t *okey = d->hkey;
	uint32_t *oid = d->hid;
	size_t *oused = d->hused, n = d->nused, i, j, o;

	d->hcap *= 2;
	d->hkey = ecalloc(d->hcap, sizeof(*d->hkey));
	d->hid = ecalloc(d->hcap, sizeof(*d->hid));
	d->hused = ecalloc(d->hcap / 2, sizeof(*d->hused));
	for (i = 0; i < n; i++) {
		o = oused[i];
		for (j = okey[o] & (d->hcap - 1); d->hkey[j] != 0;
		    j = (j + 1) & (d->hcap - 1))
			continue;
		d->hkey[j] = okey[o];
		d->hid[j] = oid[o];
		d->hused[i] = j;
	}
	free(okey);
	free(oid);
	free(oused);
}

/* Return the id of the term with hash h, adding it when new. */
static uint32_t
term_id(struct doc *d, uint64_t h)
{
	size_t j;
	uint32_t id;

	h |= 1;		/* 0 marks an empty slot */
	for (j = h & (d->hcap - 1); d->hkey[j] != 0; j = (j + 1) &
	    (d->hcap - 1))
		if (d->hkey[j] == h)
			return d->hid[j];
	if (d->nused + 1 >= d->hcap / 2) {
		terms_grow(d);
		for (j = h & (d->hcap - 1); d->hkey[j] != 0;
		    j = (j + 1) & (d->hcap - 1))
			continue;
	}
	if (d->nid == d->idcap) {
		d->idcap = d->idcap == 0 ? 1024 : 2 * d->idcap;
		d->g = ereallocarray(d->g, d->idcap, sizeof(*d->g));
		d->stamp = ereallocarray(d->stamp, d->idcap,
		    sizeof(*d->stamp));
		d->mark = ereallocarray(d->mark, d->idcap, sizeof(*d->mark));
		d->inhead = ereallocarray(d->inhead, d->idcap,
		    sizeof(*d->inhead));
	}
	id = (uint32_t)d->nid++;
	d->g[id] = 0;
	d->stamp[id] = 0;
	d->mark[id] = 0;
	d->inhead[id] = 0;
	d->hkey[j] = h;
	d->hid[j] = id;
	d->hused[d->nused++] = j;
	return id;
}

/* Return 1 for a byte that is part of a word. */
int
word_byte(const unsigned char *u, size_t i, size_t n)
{
	unsigned char c = u[i];
	size_t l;

	if (c < 0x80)
		return bclass[c] & B_WORD;
	/* Find the lead byte of the character c belongs to. */
	for (l = i; l > 0 && l + 3 > i && (u[l] & 0xc0) == 0x80; l--)
		continue;
	if (l + 1 >= n || (u[l + 1] & 0xc0) != 0x80)
		return 1;	/* not a sequence we know: a word byte */
	/* General punctuation (U+2000-U+206F). */
	if (u[l] == 0xe2 && (u[l + 1] == 0x80 || u[l + 1] == 0x81))
		return 0;
	/* No-break space and guillemets. */
	if (u[l] == 0xc2 && (u[l + 1] == 0xa0 || u[l + 1] == 0xab ||
	    u[l + 1] == 0xbb))
		return 0;
	return 1;
}

/*
 * Record the distinct content terms of sentence s of text t: words of two
 * bytes or more that are not stop words, lower-cased, with a plural -s
 * (or -ies) reduced.  stampv (the sentence number + 1) dedupes them.
 * Count its words (runs of bytes between white space) on the way.
 */
void
tokenize(struct doc *d, const char *t, struct sent *s, uint32_t stampv)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t i, a, len, n = s->end;
	uint64_t h;
	uint32_t id;
	unsigned char c;
	int gap;	/* white space since the last word */

	s->tfirst = d->nterms;
	s->words = 0;
	gap = 1;
	for (i = s->start; i < n; ) {
		c = u[i];
		if (!(bclass[c] & B_WORD) ||
		    (c >= 0x80 && !word_byte(u, i, n))) {
			i++;
			if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
				gap = 1;
			else if (gap) {
				s->words++;
				gap = 0;
			}
			continue;
		}
		if (gap) {
			s->words++;
			gap = 0;
		}
		h = FNV_BASIS;
		/*
		 * Inside a word, a continuation byte belongs to a character
		 * whose lead byte was a word byte; only the leads of
		 * punctuation and spaces (0xc2, 0xe2) need a closer look.
		 */
		for (a = i; i < n; i++) {
			c = wlower[u[i]];
			if (c == 0 || ((c == 0xc2 || c == 0xe2) &&
			    !word_byte(u, i, n)))
				break;
			h = hash_step(h, c);
		}
		len = i - a;
		if (len < 2 || (len <= stopmax &&
		    (stopbits[h & STOPBITS_MASK] & (1U << ((h >> 12) & 7))) &&
		    is_stop(h, len)))
			continue;
		c = lower[u[i - 2]];
		if (len > 4 && lower[u[i - 1]] == 's' && c == 'e' &&
		    lower[u[i - 3]] == 'i')
			h = hash_step(hash_bytes(t + a, len - 3, 1), 'y');
		else if (len > 3 && lower[u[i - 1]] == 's' && c != 's' &&
		    c != 'u' && c != 'i')
			h = hash_bytes(t + a, len - 1, 1);
		id = term_id(d, h);
		if (d->stamp[id] == stampv)
			continue;
		d->stamp[id] = stampv;
		if (d->nterms == d->tcap) {
			d->tcap = d->tcap == 0 ? 4096 : 2 * d->tcap;
			d->terms = ereallocarray(d->terms, d->tcap,
			    sizeof(*d->terms));
		}
		d->terms[d->nterms++] = id;
	}
	s->tn = d->nterms - s->tfirst;
}
/*
 * Load the abbreviation list from the file abpath and the stop words from
 * stpath, each the compiled-in list when its path is NULL.  The lists stay
 * in memory until lists_free.
 */
void
lists_load(const char *abpath, const char *stpath)
{
	if (abpath != NULL) {
		if (tsv_load_file(abpath, &abfile) == -1)
			err(TSV_EXIT_FATAL, "%s", abpath);
		wordset_load(&abbrevs, abfile.buf, abfile.len, abpath, 0);
	} else
		wordset_load(&abbrevs, data_summarize_abbrev_txt,
		    data_summarize_abbrev_txt_len, "summarize-abbrev.txt", 0);
	stops.fold = 1;
	if (stpath != NULL) {
		if (tsv_load_file(stpath, &stfile) == -1)
			err(TSV_EXIT_FATAL, "%s", stpath);
		wordset_load(&stops, stfile.buf, stfile.len, stpath, W_STOP);
	} else
		wordset_load(&stops, data_summarize_stopwords_txt,
		    data_summarize_stopwords_txt_len, "summarize-stopwords.txt",
		    W_STOP);
	stops_index();
}

/*
 * Build the tables is_stop looks in from the stop word set.  Stop words
 * are compared in lower case; a list may not be.
 */
static void
stops_index(void)
{
	size_t i, j;
	uint64_t h;

	stopmask = stops.cap == 0 ? 0 : stops.cap - 1;
	stoph = ecalloc(stopmask + 1, sizeof(*stoph));
	for (i = 0; i < stops.cap; i++) {
		if (stops.e[i].p == NULL)
			continue;
		if (stops.e[i].len > stopmax)
			stopmax = stops.e[i].len;
		stopbits[stops.e[i].h & STOPBITS_MASK] |=
		    1U << ((stops.e[i].h >> 12) & 7);
		h = (stops.e[i].h ^ stops.e[i].len) | 1;
		for (j = h & stopmask; stoph[j] != 0 && stoph[j] != h;
		    j = (j + 1) & stopmask)
			continue;
		stoph[j] = h;
		if (stops.e[i].h != hash_bytes(stops.e[i].p, stops.e[i].len, 0))
			errx(TSV_EXIT_FATAL, "stop word %.*s is not in lower "
			    "case", (int)stops.e[i].len, stops.e[i].p);
	}
}

/* Free the word lists. */
void
lists_free(void)
{
	free(abbrevs.e);
	free(stops.e);
	free(stoph);
	tsv_buf_free(&abfile);
	tsv_buf_free(&stfile);
}
