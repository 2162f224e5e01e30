/*
 * tag.c: tag a record sentence by sentence, with what earlier sentences
 * said about each word form as a feature, then turn the labels into
 * mentions and the mentions into entities: one type per entity, and a
 * person's surname alone joined to the full name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "extern.h"

/* How often each form was labelled as each type, or outside names. */
struct seen {
	uint64_t	 key;		/* lower-cased form's hash; 0 empty */
	uint16_t	 count[NE_NTYPES + 1];	/* last: outside a name */
};

struct ne_tagger {
	struct ne_model		*m;
	const struct ne_lex	*lex;
	struct ne_feats		 F;
	uint8_t			*dprev;
	size_t			 dcap;
	struct seen		*seen;
	size_t			 smask, scap;
	uint8_t			 gold[NE_MAXSENT], pred[NE_MAXSENT];
	/*
	 * Decoding only: the scores of recent word forms (direct-mapped by
	 * form, sentence start and headline), and a sentence's copy.
	 */
	uint64_t		*ckey;
	int32_t			(*cacc)[NE_QSTRIDE];
	uint8_t			 cached[NE_MAXSENT];
	int32_t			 form[NE_MAXSENT][NE_QSTRIDE];
};

#define CACHEBITS	14

/*
 * A tagger that decodes with m and lex (neither is copied; they must
 * outlive it).  The caller frees it with ne_tagger_free.
 */
struct ne_tagger *
ne_tagger_new(struct ne_model *m, const struct ne_lex *lex)
{
	struct ne_tagger *tg;

	tg = ecalloc(1, sizeof(*tg));
	tg->m = m;
	tg->lex = lex;
	return tg;
}

void
ne_tagger_free(struct ne_tagger *tg)
{
	if (tg == NULL)
		return;
	ne_feats_free(&tg->F);
	free(tg->ckey);
	free(tg->cacc);
	free(tg->dprev);
	free(tg->seen);
	free(tg);
}

static struct seen *
seen_slot(struct ne_tagger *tg, uint64_t key)
{
	size_t i;

	if (key == 0)
		key = 1;
	i = (size_t)(key ^ key >> 31) & tg->smask;
	while (tg->seen[i].key != 0 && tg->seen[i].key != key)
		i = (i + 1) & tg->smask;
	tg->seen[i].key = key;
	return &tg->seen[i];
}

/* Whether a token is a capitalised word, the kind the history is kept for. */
static int
capword(const struct ne_token *t)
{
	return (t->flags & (NE_TF_UPPER1 | NE_TF_ALLCAPS)) != 0;
}

/* The history feature of a form: its usual type so far, or 5: no name. */
static uint8_t
history(const struct seen *s)
{
	int k, best = -1, bc = 0;

	for (k = 0; k < NE_NTYPES; k++)
		if (s->count[k] > bc) {
			bc = s->count[k];
			best = k;
		}
	if (best >= 0)
		return (uint8_t)(best + 1);
	return s->count[NE_NTYPES] > 0 ? 5 : 0;
}

/* The cache key of a token: its form, and where it stands. */
static uint64_t
form_key(const struct ne_token *t)
{
	uint64_t k = (t->hword ^ (uint64_t)(t->sentinit * 2 + t->headline)) *
	    0x9e3779b97f4a7c15ULL;

	return k != 0 ? k : 1;
}

/*
 * Mark the tokens of [s, e) whose form scores are in the cache, and copy
 * those scores now: filling in the others may take their slots.
 */
static void
form_lookup(struct ne_tagger *tg, const struct ne_doc *d, size_t s,
    size_t e)
{
	size_t i, slot;
	uint64_t k;

	if (tg->ckey == NULL) {
		tg->ckey = ecalloc((size_t)1 << CACHEBITS, sizeof(*tg->ckey));
		tg->cacc = ecalloc((size_t)1 << CACHEBITS, sizeof(*tg->cacc));
	}
	for (i = s; i < e; i++) {
		k = form_key(&d->tok[i]);
		slot = (size_t)(k >> (64 - CACHEBITS));
		tg->cached[i - s] = tg->ckey[slot] == k;
		if (tg->cached[i - s])
			memcpy(tg->form[i - s], tg->cacc[slot],
			    sizeof(tg->form[0]));
	}
}

/*
 * Sum the form scores of the tokens of [s, e) that were not cached, from
 * the form features that ne_features set apart, and cache them.
 */
static void
form_fill(struct ne_tagger *tg, const struct ne_doc *d, size_t s, size_t e)
{
	const struct ne_feats *F = &tg->F;
	size_t i, slot;
	uint64_t k;

	for (i = s; i < e; i++) {
		if (tg->cached[i - s])
			continue;
		k = form_key(&d->tok[i]);
		slot = (size_t)(k >> (64 - CACHEBITS));
		ne_form_scores(tg->m, F->g + F->goff[i - s],
		    F->goff[i - s + 1] - F->goff[i - s], tg->form[i - s]);
		memcpy(tg->cacc[slot], tg->form[i - s], sizeof(tg->form[0]));
		tg->ckey[slot] = k;
	}
}

/*
 * Label the tokens of d.  Decoding writes each token's label, unless
 * train is set: then the labels in d are the gold ones, the model is
 * updated where its prediction differs, and *clock counts the updates'
 * sentences for the averaging.
 */
void
ne_tag(struct ne_tagger *tg, struct ne_doc *d, int train, double *clock)
{
	size_t s, e, i, n, size;
	struct seen *sl;
	const uint8_t *lab;

	ne_lex_annotate(tg->lex, d);
	ne_doc_facts(d);
	if (d->ntok > tg->dcap) {
		tg->dcap = d->ntok;
		tg->dprev = erealloc(tg->dprev, tg->dcap);
	}
	size = 64;
	while (size < 2 * d->ntok)
		size *= 2;
	/* Sized for this record: a huge one before must not slow the rest. */
	if (size > tg->scap) {
		free(tg->seen);
		tg->seen = ecalloc(size, sizeof(*tg->seen));
		tg->scap = size;
	} else
		memset(tg->seen, 0, size * sizeof(*tg->seen));
	tg->smask = size - 1;
	for (s = 0; s < d->ntok; s = e) {
		for (e = s; e < d->ntok && !(d->tok[e].flags & NE_TF_SENTEND);
		    e++)
			;
		if (e < d->ntok)
			e++;
		n = e - s;
		for (i = s; i < e; i++)
			tg->dprev[i] = capword(&d->tok[i]) ?
			    history(seen_slot(tg, d->tok[i].hlower)) : 0;
		if (train || tg->m->q == NULL) {
			ne_features(d, s, e, tg->dprev, NULL, &tg->F,
			    tg->m->mask);
			ne_viterbi(tg->m, &tg->F, n, NULL, tg->pred);
		} else {
			form_lookup(tg, d, s, e);
			ne_features(d, s, e, tg->dprev, tg->cached, &tg->F,
			    tg->m->mask);
			form_fill(tg, d, s, e);
			ne_viterbi(tg->m, &tg->F, n,
			    (const int32_t (*)[NE_QSTRIDE])tg->form, tg->pred);
		}
		if (train) {
			for (i = 0; i < n; i++)
				tg->gold[i] = d->tok[s + i].label;
			if (memcmp(tg->gold, tg->pred, n) != 0)
				ne_update(tg->m, &tg->F, n, tg->gold, tg->pred,
				    *clock);
			*clock += 1;
		} else
			for (i = 0; i < n; i++)
				d->tok[s + i].label = tg->pred[i];
		lab = tg->pred;
		for (i = 0; i < n; i++) {
			if (!capword(&d->tok[s + i]))
				continue;
			sl = seen_slot(tg, d->tok[s + i].hlower);
			if (sl->count[lab[i] ? NE_LTYPE(lab[i]) :
			    NE_NTYPES] < UINT16_MAX)
				sl->count[lab[i] ? NE_LTYPE(lab[i]) :
				    NE_NTYPES]++;
		}
	}
}

/*
 * The mentions that d's labels spell, in text order, into *mp (grown as
 * needed; the caller owns it).  Returns how many.  A name begun and not
 * closed still counts up to where it stops.
 */
size_t
ne_mentions(const struct ne_doc *d, struct ne_mention **mp, size_t *cap)
{
	size_t i, j, n = 0;
	int l, type;

	for (i = 0; i < d->ntok; i = j) {
		l = d->tok[i].label;
		j = i + 1;
		if (l == 0)
			continue;
		type = NE_LTYPE(l);
		if (NE_LPOS(l) != NE_U)
			while (j < d->ntok && d->tok[j - 1].label !=
			    NE_LABEL(type, NE_L) && !(d->tok[j - 1].flags &
			    NE_TF_SENTEND) && (d->tok[j].label ==
			    NE_LABEL(type, NE_I) || d->tok[j].label ==
			    NE_LABEL(type, NE_L)))
				j++;
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*mp = ereallocarray(*mp, *cap, sizeof(**mp));
		}
		(*mp)[n].start = d->tok[i].start;
		(*mp)[n].end = d->tok[j - 1].end;
		(*mp)[n].tok0 = i;
		(*mp)[n].tok1 = j;
		(*mp)[n].type = type;
		(*mp)[n].entity = -1;
		n++;
	}
	return n;
}

/* A map from 64-bit keys to ints, for one call. */
struct imap {
	uint64_t	*key;
	int		*val;
	size_t		 mask;
};

static void
imap_init(struct imap *h, size_t n)
{
	size_t size = 64;

	while (size < 2 * n + 2)
		size *= 2;
	h->key = ecalloc(size, sizeof(*h->key));
	h->val = ecalloc(size, sizeof(*h->val));
	h->mask = size - 1;
}

/* The value slot of key, created holding -1 if new. */
static int *
imap_at(struct imap *h, uint64_t key)
{
	size_t i;

	if (key == 0)
		key = 1;
	i = (size_t)(key ^ key >> 29) & h->mask;
	while (h->key[i] != 0 && h->key[i] != key)
		i = (i + 1) & h->mask;
	if (h->key[i] == 0) {
		h->key[i] = key;
		h->val[i] = -1;
	}
	return &h->val[i];
}

static void
imap_free(struct imap *h)
{
	free(h->key);
	free(h->val);
}

/* Hash of the lower-cased tokens [a, b) of d. */
static uint64_t
span_key(const struct ne_doc *d, size_t a, size_t b)
{
	uint64_t h = 0x84222325cbf29ce4ULL;

	for (; a < b; a++)
		h = (h ^ d->tok[a].hlower) * 0x100000001b3ULL;
	return h;
}

static int
find(int *parent, int x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

/* Whether a mention is written in running text (not an all-caps headline). */
static int
mixed_case(const struct ne_doc *d, const struct ne_mention *m)
{
	return !d->tok[m->tok0].headline;
}

/*
 * Group the n mentions of d into entities, into *ep (grown as needed; the
 * caller owns it); returns how many.  Mentions with the same words (in
 * any case) are one entity; a mention that is the last words of a longer
 * person's name joins that person.  Each entity then takes its mentions'
 * most frequent type (the earliest mention's on a tie), and every mention
 * is retyped to it; the entity's name is its longest mention, preferring
 * one in running text.
 */
size_t
ne_entities(const struct ne_doc *d, struct ne_mention *m, size_t n,
    struct ne_entity **ep, size_t *cap)
{
	struct imap groups, suffix;
	int *parent, *root2ent, *votes, *at;
	size_t i, k, len, ne = 0;
	int g, r, best, t, j, mixed;
	struct ne_entity *e;

	if (n == 0)
		return 0;
	imap_init(&groups, n);
	imap_init(&suffix, n * 4);
	parent = ereallocarray(NULL, n, sizeof(*parent));
	/* A group per distinct word sequence: parent[i] starts at its first. */
	for (i = 0; i < n; i++) {
		at = imap_at(&groups, span_key(d, m[i].tok0, m[i].tok1));
		if (*at < 0)
			*at = (int)i;
		parent[i] = *at;
	}
	/* The proper suffixes of persons' names, longest name first. */
	for (i = 0; i < n; i++) {
		len = m[i].tok1 - m[i].tok0;
		if (m[i].type != NE_PER || len < 2)
			continue;
		for (k = 1; k < len && k <= 3; k++) {
			at = imap_at(&suffix, span_key(d, m[i].tok1 - k,
			    m[i].tok1));
			if (*at < 0 || m[*at].tok1 - m[*at].tok0 < len)
				*at = (int)i;
		}
	}
	for (i = 0; i < n; i++) {
		len = m[i].tok1 - m[i].tok0;
		if (len > 3)
			continue;
		at = imap_at(&suffix, span_key(d, m[i].tok0, m[i].tok1));
		if (*at >= 0 && m[*at].tok1 - m[*at].tok0 > len) {
			r = find(parent, (int)i);
			g = find(parent, *at);
			if (r != g)
				parent[r] = g;
		}
	}
	/* Number the entities in order of their first mention. */
	root2ent = ereallocarray(NULL, n, sizeof(*root2ent));
	for (i = 0; i < n; i++)
		root2ent[i] = -1;
	for (i = 0; i < n; i++) {
		r = find(parent, (int)i);
		if (root2ent[r] < 0) {
			if (ne == *cap) {
				*cap = *cap ? *cap * 2 : 32;
				*ep = ereallocarray(*ep, *cap, sizeof(**ep));
			}
			e = &(*ep)[ne];
			memset(e, 0, sizeof(*e));
			e->first = m[i].start;
			e->start = m[i].start;
			e->end = m[i].end;
			root2ent[r] = (int)ne++;
		}
		m[i].entity = root2ent[r];
	}
	votes = ecalloc(ne * NE_NTYPES, sizeof(*votes));
	for (i = 0; i < n; i++) {
		e = &(*ep)[m[i].entity];
		votes[m[i].entity * NE_NTYPES + m[i].type]++;
		if (e->count == 0)
			e->type = m[i].type;
		e->count++;
		/* The longest, in running text if possible. */
		mixed = mixed_case(d, &m[i]);
		if (e->count == 1)
			e->running = mixed;
		else if ((mixed && !e->running) || (mixed == e->running &&
		    m[i].end - m[i].start > e->end - e->start)) {
			e->start = m[i].start;
			e->end = m[i].end;
			e->running = mixed;
		}
	}
	for (j = 0; j < (int)ne; j++) {
		e = &(*ep)[j];
		best = e->type;
		for (t = 0; t < NE_NTYPES; t++)
			if (votes[j * NE_NTYPES + t] >
			    votes[j * NE_NTYPES + best])
				best = t;
		e->type = best;
	}
	for (i = 0; i < n; i++)
		m[i].type = (*ep)[m[i].entity].type;
	free(votes);
	free(root2ent);
	free(parent);
	imap_free(&groups);
	imap_free(&suffix);
	return ne;
}
