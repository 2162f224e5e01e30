/*
 * lex.c: the lexicons (word clusters and gazetteer) and the per-record
 * facts about each word form.  Both lexicons are hash tables keyed by the
 * 64-bit hash of the form; a collision would need two forms with the same
 * 64-bit hash, which we accept.
 */
#include <err.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "extern.h"
#include "data/entities-clusters.txt.h"
#include "data/entities-gazetteer.txt.h"

static struct ne_lex *ne_lex_load(const char *, size_t, const char *,
	    size_t);

/* Longest gazetteer name looked for, in tokens. */
#define MAXPHRASE	6

struct table {
	uint64_t	*key;		/* 0: empty */
	uint32_t	*val;
	size_t		 mask, n;
};

struct ne_lex {
	struct table	 clusters;	/* exact form -> path + 1 */
	struct table	 gaz;		/* lower-cased name -> category bits */
	size_t		 maxphrase;
};

static const char *const gaz_cats[NE_GC_NCAT] = {
	"country", "region", "city", "language", "currency"
};

static void
table_init(struct table *t, size_t n)
{
	size_t size = 64;

	while (size < 2 * n)
		size *= 2;
	t->key = ecalloc(size, sizeof(*t->key));
	t->val = ecalloc(size, sizeof(*t->val));
	t->mask = size - 1;
	t->n = 0;
}

/* The slot of key: where it is, or the empty slot where it would go. */
static size_t
table_slot(const struct table *t, uint64_t key)
{
	size_t i = (size_t)(key ^ (key >> 29)) & t->mask;

	while (t->key[i] != 0 && t->key[i] != key)
		i = (i + 1) & t->mask;
	return i;
}

static uint32_t
table_get(const struct table *t, uint64_t key)
{
	if (key == 0)
		key = 1;
	return t->val[table_slot(t, key)];
}

/* OR val into key's value (the table never fills: see table_init). */
static void
table_or(struct table *t, uint64_t key, uint32_t val)
{
	size_t i;

	if (key == 0)
		key = 1;
	i = table_slot(t, key);
	if (t->key[i] == 0) {
		if (t->n + 1 > t->mask / 2)
			return;
		t->key[i] = key;
		t->n++;
	}
	t->val[i] |= val;
}

/* Count the data lines (not comments, not empty) of a text file. */
static size_t
count_lines(const char *p, size_t n)
{
	const char *e = p + n, *nl;
	size_t count = 0;

	for (; p < e; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		if (nl > p && *p != '#')
			count++;
	}
	return count;
}

/*
 * Parse "word TAB a.b.c [TAB count]" lines into the cluster table.  The
 * path is packed as a << 16 | b << 8 | c, plus one so that 0 is unknown.
 */
static void
load_clusters(struct ne_lex *lex, const char *p, size_t n)
{
	const char *e = p + n, *nl, *tab;
	unsigned long a, b, c;
	char *q;

	table_init(&lex->clusters, count_lines(p, n));
	for (; p < e; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		if (nl == p || *p == '#')
			continue;
		if ((tab = memchr(p, '\t', (size_t)(nl - p))) == NULL ||
		    tab == p)
			continue;
		a = strtoul(tab + 1, &q, 10);
		b = *q == '.' ? strtoul(q + 1, &q, 10) : 0;
		c = *q == '.' ? strtoul(q + 1, &q, 10) : 0;
		table_or(&lex->clusters, ne_hash(p, (size_t)(tab - p)),
		    (uint32_t)(((a & 0xff) << 16 | (b & 0xff) << 8 |
		    (c & 0xff)) + 1));
	}
}

/*
 * Parse "category TAB name" lines.  A one-word "word" entry marks a
 * common lower-case word; other categories give a bit each.
 */
static void
load_gazetteer(struct ne_lex *lex, const char *p, size_t n)
{
	const char *e = p + n, *nl, *tab, *s;
	size_t i, words;
	int cat;

	table_init(&lex->gaz, count_lines(p, n));
	lex->maxphrase = 1;
	for (; p < e; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		if (nl == p || *p == '#')
			continue;
		if ((tab = memchr(p, '\t', (size_t)(nl - p))) == NULL ||
		    tab + 1 >= nl)
			continue;
		cat = -1;
		for (i = 0; i < NE_GC_NCAT; i++)
			if (strlen(gaz_cats[i]) == (size_t)(tab - p) &&
			    memcmp(gaz_cats[i], p, (size_t)(tab - p)) == 0)
				cat = (int)i;
		words = 1;
		for (s = tab + 1; s < nl; s++)
			if (*s == ' ')
				words++;
		if (words > MAXPHRASE)
			continue;
		if (words > lex->maxphrase)
			lex->maxphrase = words;
		if (cat >= 0)
			table_or(&lex->gaz, ne_hash_lower(tab + 1,
			    (size_t)(nl - tab - 1)), 1u << cat);
		else if ((size_t)(tab - p) == 4 && memcmp(p, "word", 4) == 0)
			table_or(&lex->gaz, ne_hash_lower(tab + 1,
			    (size_t)(nl - tab - 1)), NE_G_WORD);
	}
}

/*
 * Load the lexicons from the texts of a cluster file and a gazetteer file
 * (either may be empty).  The caller owns the result and frees it with
 * ne_lex_free; the texts are not kept.
 */
static struct ne_lex *
ne_lex_load(const char *clusters, size_t clen, const char *gaz, size_t glen)
{
	struct ne_lex *lex;

	lex = ecalloc(1, sizeof(*lex));
	load_clusters(lex, clusters, clen);
	load_gazetteer(lex, gaz, glen);
	return lex;
}

void
ne_lex_free(struct ne_lex *lex)
{
	if (lex == NULL)
		return;
	free(lex->clusters.key);
	free(lex->clusters.val);
	free(lex->gaz.key);
	free(lex->gaz.val);
	free(lex);
}

/*
 * The hash of a token's form as it would be written in running text: an
 * all-capitals word (a headline's) is looked up as Titlecase.
 */
static uint64_t
title_hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)p[i];
		if (i > 0 && c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		h ^= c;
		h *= 1099511628211ULL;
	}
	return h;
}

/* Continue an FNV hash of lower-cased text with one space and p[0..n). */
static uint64_t
hash_more(uint64_t h, const char *p, size_t n)
{
	h ^= ' ';
	h *= 1099511628211ULL;
	return ne_hash_lower_more(h, p, n);
}

/*
 * Fill in each token's cluster and gazetteer bits.  Gazetteer names are
 * matched longest first from every capitalised token within a sentence;
 * the bits say category and place (B, I, L, U) in the name.
 */
void
ne_lex_annotate(const struct ne_lex *lex, struct ne_doc *d)
{
	size_t i, k, best;
	uint64_t h;
	uint32_t v, bestv, bits;
	struct ne_token *t;
	const char *p;
	int c;

	for (i = 0; i < d->ntok; i++) {
		t = &d->tok[i];
		p = d->text + t->start;
		t->gaz = 0;
		t->cluster = table_get(&lex->clusters, t->hword);
		if (t->cluster == 0 && t->flags & NE_TF_ALLCAPS)
			t->cluster = table_get(&lex->clusters,
			    title_hash(p, t->end - t->start));
		if (t->cluster == 0 && !(t->flags & NE_TF_PUNCT))
			t->cluster = table_get(&lex->clusters, t->hlower);
		v = table_get(&lex->gaz, t->hlower);
		if (v & NE_G_WORD)
			t->gaz |= NE_G_WORD;
	}
	for (i = 0; i < d->ntok; i++) {
		t = &d->tok[i];
		if (!(t->flags & NE_TF_UPPER1))
			continue;
		h = t->hlower;
		best = 0;
		bestv = 0;
		for (k = 0; k < lex->maxphrase && i + k < d->ntok; k++) {
			if (k > 0) {
				/* Names go on with capitals and short words. */
				if (d->tok[i + k - 1].flags & NE_TF_SENTEND ||
				    (!(d->tok[i + k].flags & NE_TF_UPPER1) &&
				    d->tok[i + k].end - d->tok[i + k].start > 3))
					break;
				h = hash_more(h, d->text + d->tok[i + k].start,
				    d->tok[i + k].end - d->tok[i + k].start);
			}
			v = table_get(&lex->gaz, h) & ~NE_G_WORD;
			if (v != 0) {
				best = k + 1;
				bestv = v;
			}
		}
		for (c = 0; c < NE_GC_NCAT; c++) {
			if (!(bestv & 1u << c))
				continue;
			for (k = 0; k < best; k++) {
				bits = best == 1 ? NE_U : k == 0 ? NE_B :
				    k + 1 == best ? NE_L : NE_I;
				d->tok[i + k].gaz |= 1u << (c * 4 + bits);
			}
		}
	}
}

/*
 * Record-wide facts about each form: whether it also occurs in lower
 * case, whether it occurs capitalised inside a sentence that is not a
 * headline, and whether this is its first occurrence.
 */
void
ne_doc_facts(struct ne_doc *d)
{
	struct table seen;
	size_t i, slot;
	struct ne_token *t;
	uint32_t v;
	const char *p;

	table_init(&seen, d->ntok);
	for (i = 0; i < d->ntok; i++) {
		t = &d->tok[i];
		p = d->text + t->start;
		v = 0;
		if (p[0] >= 'a' && p[0] <= 'z')
			v |= NE_D_LOWER;
		else if (t->flags & NE_TF_UPPER1 && !t->sentinit &&
		    !t->headline)
			v |= NE_D_MIDCAP;
		table_or(&seen, t->hlower, v | 0x100);
	}
	for (i = 0; i < d->ntok; i++) {
		t = &d->tok[i];
		slot = table_slot(&seen, t->hlower ? t->hlower : 1);
		t->doc = seen.val[slot] & (NE_D_LOWER | NE_D_MIDCAP);
		if (!(seen.val[slot] & 0x200)) {
			t->doc |= NE_D_FIRST;
			seen.val[slot] |= 0x200;
		}
	}
	free(seen.key);
	free(seen.val);
}

/*
 * Load the lexicons from the named files, or the compiled-in defaults
 * for a NULL name; an unreadable file is fatal.  The caller frees the
 * result with ne_lex_free.
 */
struct ne_lex *
ne_lex_open(const char *cfile, const char *gfile)
{
	struct tsv_buf cb = { 0 }, gb = { 0 };
	struct ne_lex *lex;

	if (cfile != NULL && tsv_load_file(cfile, &cb) == -1)
		err(TSV_EXIT_FATAL, "%s", cfile);
	if (gfile != NULL && tsv_load_file(gfile, &gb) == -1)
		err(TSV_EXIT_FATAL, "%s", gfile);
	lex = ne_lex_load(cfile != NULL ? cb.buf : data_entities_clusters_txt,
	    cfile != NULL ? cb.len : data_entities_clusters_txt_len,
	    gfile != NULL ? gb.buf : data_entities_gazetteer_txt,
	    gfile != NULL ? gb.len : data_entities_gazetteer_txt_len);
	tsv_buf_free(&cb);
	tsv_buf_free(&gb);
	return lex;
}
