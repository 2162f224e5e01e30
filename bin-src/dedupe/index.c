/*
 * index.c: the records dedupe remembers, and the lookup.
 *
 * Kept records are stored oldest first in slots allocated CHUNK at a time;
 * with a cap, once it is reached the slots form a ring and a new record
 * takes the place of the oldest, which is forgotten.  One open-addressing
 * table (linear probing) maps each record's exact hash, each of its
 * DD_BANDS band keys and its lead key to its slot.  An entry is a 32-bit
 * word: (slot + 1) << 8, four bits of the key's hash (so that most probes
 * need not read the record), and the kind (0..DD_BANDS-1 a band, KIND_EXACT the exact
 * hash, KIND_LEAD the lead key); 0 is an empty entry.  The key itself is
 * read back from the record.  The table grows at a load of 0.8, so each
 * record costs sizeof(struct rec) (152 bytes on LP64) plus at most 10
 * entries of 4 bytes at a load of at least 0.4 (100 bytes): 252 bytes,
 * and its id.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "extern.h"

#define CHUNK		1024
#define KIND_EXACT	DD_BANDS
#define KIND_LEAD	(DD_BANDS + 1)
#define NKINDS		(DD_BANDS + 2)
#define MAX_CAND	64
#define FILTER_WORDS	64	/* 4096 bits */

struct rec {
	struct dd_sig	 sig;
	char		*id;		/* NUL-terminated, owned */
};

struct dd_index {
	struct rec	**chunk;	/* owned, as is every chunk */
	size_t		  nchunk;
	size_t		  cap;		/* most records remembered */
	size_t		  n;		/* records held */
	size_t		  head;		/* oldest slot once the ring is full */
	uint32_t	 *tab;		/* owned */
	size_t		  mask;
	size_t		  used;
	uint32_t	 *set;		/* values of the candidates, owned */
	unsigned char	 *found;	/* per entry of set: in the record, owned */
	uint64_t	  filter[FILTER_WORDS];	/* a bit per value in set */
	size_t		  setcap;	/* entries allocated in set */
	size_t		  setmask;
};

static void	tab_grow(struct dd_index *);

static struct rec *
slot_rec(const struct dd_index *ix, size_t slot)
{
	return &ix->chunk[slot / CHUNK][slot % CHUNK];
}

/* The key of kind k of a signature; 0 means it has none. */
static uint64_t
sig_key(const struct dd_sig *s, int k)
{
	uint32_t v;

	if (k == KIND_EXACT)
		return s->exact;
	v = k == KIND_LEAD ? s->lead : dd_band_key(s, k);
	return v == DD_EMPTY ? 0 : ((uint64_t)(k + 1) << 32) | v;
}

static size_t
home(const struct dd_index *ix, uint64_t key)
{
	return (size_t)mix64(key) & ix->mask;
}

static uint32_t
make_entry(size_t slot, int kind, uint64_t key)
{
	return (uint32_t)((slot + 1) << 8) |
	    (uint32_t)((mix64(key) >> 60) << 4) | (uint32_t)kind;
}

static size_t
entry_slot(uint32_t e)
{
	return (e >> 8) - 1;
}

static int
entry_kind(uint32_t e)
{
	return (int)(e & 15);
}

/* Could e be the entry of kind k for key?  Only reading the record tells. */
static int
entry_may_match(uint32_t e, int k, uint64_t key)
{
	return (e & 0xff) ==
	    (((uint32_t)(mix64(key) >> 60) << 4) | (uint32_t)k);
}

static uint64_t
entry_key(const struct dd_index *ix, uint32_t e)
{
	return sig_key(&slot_rec(ix, entry_slot(e))->sig, entry_kind(e));
}

/*
 * An index for at most cap records (0: as many as an entry can name,
 * DD_MAX_CAP - 1); dd_index_free frees it.
 */
struct dd_index *
dd_index_new(size_t cap)
{
	struct dd_index *ix;

	ix = ecalloc(1, sizeof(*ix));
	ix->cap = cap == 0 || cap >= DD_MAX_CAP ? DD_MAX_CAP - 1 : cap;
	ix->mask = 1023;
	ix->tab = ecalloc(ix->mask + 1, sizeof(*ix->tab));
	return ix;
}

void
dd_index_free(struct dd_index *ix)
{
	size_t i;

	if (ix == NULL)
		return;
	for (i = 0; i < ix->n; i++)
		free(slot_rec(ix, i)->id);
	for (i = 0; i < ix->nchunk; i++)
		free(ix->chunk[i]);
	free(ix->chunk);
	free(ix->tab);
	free(ix->set);
	free(ix->found);
	free(ix);
}

size_t
dd_index_count(const struct dd_index *ix)
{
	return ix->n;
}

/*
 * The i-th record remembered, oldest first: its signature, and its id in
 * *id.  Both stay owned by the index.
 */
const struct dd_sig *
dd_index_get(const struct dd_index *ix, size_t i, const char **id)
{
	struct rec *r;

	if (ix->n == ix->cap)
		i = (ix->head + i) % ix->cap;
	r = slot_rec(ix, i);
	*id = r->id;
	return &r->sig;
}

static void
tab_put(struct dd_index *ix, uint32_t e, uint64_t key)
{
	size_t i;

	for (i = home(ix, key); ix->tab[i] != 0; i = (i + 1) & ix->mask)
		continue;
	ix->tab[i] = e;
	ix->used++;
}

static void
tab_insert(struct dd_index *ix, size_t slot)
{
	struct rec *r = slot_rec(ix, slot);
	uint64_t key;
	int k;

	for (k = 0; k < NKINDS; k++) {
		if ((key = sig_key(&r->sig, k)) == 0)
			continue;
		if ((ix->used + 1) * 10 > (ix->mask + 1) * 8)
			tab_grow(ix);
		tab_put(ix, make_entry(slot, k, key), key);
	}
}

static void
tab_grow(struct dd_index *ix)
{
	uint32_t *old = ix->tab, e;
	size_t i, n = ix->mask + 1;

	ix->mask = n * 2 - 1;
	ix->tab = ecalloc(n * 2, sizeof(*ix->tab));
	ix->used = 0;
	for (i = 0; i < n; i++)
		if ((e = old[i]) != 0)
			tab_put(ix, e, entry_key(ix, e));
	free(old);
}

/*
 * Remove the entries of a slot about to be reused.  Linear probing allows
 * a real delete: the entries after the hole that would not be found any
 * more move back into it.
 */
static void
tab_remove(struct dd_index *ix, size_t slot)
{
	struct rec *r = slot_rec(ix, slot);
	uint64_t key;
	uint32_t e;
	size_t i, j, h;
	int k;

	for (k = 0; k < NKINDS; k++) {
		if ((key = sig_key(&r->sig, k)) == 0)
			continue;
		e = make_entry(slot, k, key);
		for (i = home(ix, key); ix->tab[i] != e; i = (i + 1) & ix->mask)
			if (ix->tab[i] == 0)
				abort();
		for (j = i;;) {
			j = (j + 1) & ix->mask;
			if (ix->tab[j] == 0)
				break;
			h = home(ix, entry_key(ix, ix->tab[j]));
			if (i <= j ? (h <= i || h > j) : (h <= i && h > j)) {
				ix->tab[i] = ix->tab[j];
				i = j;
			}
		}
		ix->tab[i] = 0;
		ix->used--;
	}
}

/* Age of a slot: 0 for the oldest record. */
static size_t
age(const struct dd_index *ix, size_t slot)
{
	if (ix->n == ix->cap)
		return (slot + ix->cap - ix->head) % ix->cap;
	return slot;
}

/* Put v into the query set unless it is there, not found yet. */
static void
query_put(struct dd_index *ix, uint32_t v)
{
	size_t j;

	for (j = v & ix->setmask; ix->set[j] != DD_EMPTY;
	    j = (j + 1) & ix->setmask)
		if (ix->set[j] == v)
			return;
	ix->set[j] = v;
	ix->found[j] = 0;
	ix->filter[v / 64 % FILTER_WORDS] |= (uint64_t)1 << (v % 64);
}

/*
 * Find out which values kept by the candidates cand[0..ncand) are among
 * the n-grams sh[0..n) of the record looked up that are not template.
 * The candidates' values (at most DD_BINS + 1 each) go into ix->set, a
 * table kept at most a quarter full, and into ix->filter, a bit map that
 * spares most of the record's n-grams a probe of the table; ix->found
 * marks those met.  That is cheaper than making a set of the record's
 * n-grams, which are many more.
 */
static void
query_build(struct dd_index *ix, const size_t *cand, size_t ncand,
    const uint64_t *sh, size_t n)
{
	const struct dd_sig *a;
	size_t c, i, j, size;
	uint32_t v;
	int k;

	for (size = 64; size < ncand * (DD_BINS + 1) * 4; size *= 2)
		continue;
	if (size > ix->setcap) {
		free(ix->set);
		free(ix->found);
		ix->set = ereallocarray(NULL, size, sizeof(*ix->set));
		ix->found = emalloc(size);
		ix->setcap = size;
	}
	ix->setmask = size - 1;
	memset(ix->set, 0xff, size * sizeof(*ix->set));
	memset(ix->filter, 0, sizeof(ix->filter));
	for (c = 0; c < ncand; c++) {
		a = &slot_rec(ix, cand[c])->sig;
		for (k = 0; k < DD_BINS; k++)
			if (a->bin[k] != DD_EMPTY)
				query_put(ix, a->bin[k]);
		if (a->lead != DD_EMPTY)
			query_put(ix, a->lead);
	}
	for (i = 0; i < n; i++) {
		v = DD_SH_VALUE(sh[i]);
		if (!(ix->filter[v / 64 % FILTER_WORDS] >> (v % 64) & 1) ||
		    (sh[i] & DD_SH_TEMPLATE))
			continue;
		for (j = v & ix->setmask; ix->set[j] != DD_EMPTY;
		    j = (j + 1) & ix->setmask)
			if (ix->set[j] == v) {
				ix->found[j] = 1;
				break;
			}
	}
}

/* Is v, a value of a candidate, among the record's n-grams? */
static int
set_has(const struct dd_index *ix, uint32_t v)
{
	size_t j;

	for (j = v & ix->setmask; ix->set[j] != DD_EMPTY;
	    j = (j + 1) & ix->setmask)
		if (ix->set[j] == v)
			return ix->found[j];
	return 0;
}

/*
 * Estimate how much of the smaller of an earlier record a and the record
 * b being looked up the larger one contains (query_build having marked
 * which of a's values are among b's n-grams).  Each of a's bins holds an
 * n-gram of a drawn at random, so the share of them (and of a's lead)
 * found in b estimates the containment of a in b.  The containment of b
 * in a is estimated twice and the two averaged: from the bins, where b's
 * value equal to a's is shared and b's value below a's (or in a bin a
 * left empty) cannot be in a; and from the number of shared n-grams (the
 * first estimate times a's size) over b's size, both sizes counting the
 * n-grams that were not template, repeats included.  The
 * score is the larger containment.  Bins holding an n-gram that has since
 * become template are left out.  *hits gets the number of a's n-grams
 * found in b, the evidence behind the score.
 */
static double
containment(const struct dd_index *ix, const struct dd_sig *a,
    const struct dd_sig *b, const struct dd_freq *fq, int *hits)
{
	double ca, cb, shared;
	uint32_t va, vb;
	int i, nonempty = 0, usable = 0, in = 0, eq = 0, bonly = 0;

	for (i = 0; i < DD_BINS; i++) {
		vb = b->bin[i];
		if ((va = a->bin[i]) == DD_EMPTY) {
			if (vb != DD_EMPTY)
				bonly++;
			continue;
		}
		nonempty++;
		if (dd_freq_template(fq, va))
			continue;
		usable++;
		in += set_has(ix, va);
		if (vb == va)
			eq++;
		else if (vb < va)
			bonly++;
	}
	/*
	 * The lead is one more n-gram of a, and the one most likely to be in
	 * a teaser, where the bins of a long story seldom are.
	 */
	if (a->lead != DD_EMPTY) {
		nonempty++;
		if (!dd_freq_template(fq, a->lead)) {
			usable++;
			in += set_has(ix, a->lead);
		}
	}
	*hits = in;
	if (in == 0)
		return 0.0;
	ca = (double)in / usable;
	shared = ca * a->nsh * usable / nonempty;
	cb = b->nsh > 0 ? shared / (double)b->nsh : 0.0;
	if (cb > 1.0)
		cb = 1.0;
	cb = (cb + (eq + bonly > 0 ? (double)eq / (eq + bonly) : 0.0)) / 2;
	return ca > cb ? ca : cb;
}

/*
 * Find the earlier record that a record duplicates, given its signature
 * s and its n-grams sh[0..nsh) from dd_sig_make: first one with the same
 * exact hash; else, among the records sharing a band key or the lead key
 * with it, the one with the best containment at or above threshold backed
 * by at least minmatch n-grams (the oldest among equals).  The lead key
 * finds a teaser and its full story in either order, where the band keys,
 * each the least n-gram of a whole record, rarely agree.  Returns the id
 * (owned by the index) with *how set to 1 for an exact and 2 for a near
 * duplicate, or NULL.
 */
const char *
dd_index_find(struct dd_index *ix, const struct dd_sig *s,
    const uint64_t *sh, size_t nsh, const struct dd_freq *fq,
    double threshold, int minmatch, int *how)
{
	size_t cand[MAX_CAND], homes[NKINDS], ncand = 0, best = 0, i, c, slot;
	uint64_t key, keys[NKINDS];
	uint32_t e;
	double sim, bestsim = -1.0;
	int k, hits;

	if (s->exact == 0)
		return NULL;
	/* The table is bigger than the cache: ask for every key's line. */
	for (k = 0; k < NKINDS; k++) {
		keys[k] = sig_key(s, k);
		homes[k] = home(ix, keys[k]);
		__builtin_prefetch(&ix->tab[homes[k]]);
	}
	for (i = homes[KIND_EXACT]; (e = ix->tab[i]) != 0;
	    i = (i + 1) & ix->mask)
		if (entry_may_match(e, KIND_EXACT, s->exact) &&
		    slot_rec(ix, entry_slot(e))->sig.exact == s->exact) {
			*how = 1;
			return slot_rec(ix, entry_slot(e))->id;
		}
	if (threshold > 1.0 || ix->n == 0)
		return NULL;
	for (k = 0; k < NKINDS; k++) {
		if (k == KIND_EXACT || (key = keys[k]) == 0)
			continue;
		for (i = homes[k]; (e = ix->tab[i]) != 0;
		    i = (i + 1) & ix->mask) {
			if (!entry_may_match(e, k, key) ||
			    entry_key(ix, e) != key)
				continue;
			slot = entry_slot(e);
			for (c = 0; c < ncand && cand[c] != slot; c++)
				continue;
			if (c == ncand && ncand < MAX_CAND)
				cand[ncand++] = slot;
		}
	}
	if (ncand == 0)
		return NULL;
	query_build(ix, cand, ncand, sh, nsh);
	for (c = 0; c < ncand; c++) {
		slot = cand[c];
		sim = containment(ix, &slot_rec(ix, slot)->sig, s, fq, &hits);
		if (hits < minmatch || sim < threshold)
			continue;
		if (sim > bestsim || (sim == bestsim &&
		    age(ix, slot) < age(ix, best))) {
			bestsim = sim;
			best = slot;
		}
	}
	if (bestsim < 0.0)
		return NULL;
	*how = 2;
	return slot_rec(ix, best)->id;
}

/*
 * Remember a kept record: its signature and a copy of its id (id[0..len),
 * which need not be NUL-terminated).  With the cap reached, the oldest
 * record is forgotten first.
 */
void
dd_index_add(struct dd_index *ix, const struct dd_sig *s, const char *id,
    size_t len)
{
	struct rec *r;
	size_t slot;

	if (ix->n == ix->cap) {
		slot = ix->head;
		tab_remove(ix, slot);
		free(slot_rec(ix, slot)->id);
		ix->head = (ix->head + 1) % ix->cap;
	} else {
		slot = ix->n;
		if (slot / CHUNK == ix->nchunk) {
			ix->chunk = ereallocarray(ix->chunk, ix->nchunk + 1,
			    sizeof(*ix->chunk));
			ix->chunk[ix->nchunk++] = ereallocarray(NULL, CHUNK,
			    sizeof(struct rec));
		}
		ix->n++;
	}
	r = slot_rec(ix, slot);
	r->sig = *s;
	r->id = emalloc(len + 1);
	memcpy(r->id, id, len);
	r->id[len] = '\0';
	tab_insert(ix, slot);
}
