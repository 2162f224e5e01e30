/*
 * score.c: scoring and choosing sentences for summarize.
 *
 * Each body sentence is scored by its position (news leads carry the
 * story), its similarity to the rest of the text (degree centrality over
 * cosine similarity, as in LexRank), its overlap with the headline and its
 * length; the best are then chosen one by one, each time discounting a
 * sentence by its similarity to those already chosen (maximal marginal
 * relevance).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "tsv.h"
#include "extern.h"

/* Redundancy is weighed against this many chosen sentences at most. */
#define MMR_PICKS	32

static int	by_value(const void *, const void *);
static void	pick(struct doc *, size_t, uint32_t, int);

/*
 * Score the body sentences.  Centrality is the sum of binary cosine
 * similarities to every other sentence, computed through per-term sums so
 * that it costs one pass over the terms, not one per pair.  With lead set
 * the score is position alone.
 */
void
score(struct doc *d, const struct weights *w, int lead)
{
	struct sent *s;
	size_t b, i, j, nh = 0, hit, first = d->hashead ? 1 : 0;
	double norm, sum, maxc = 0, pos, lenf;
	uint32_t id;

	if (d->hashead) {
		s = &d->s[0];
		for (j = 0; j < s->tn; j++)
			d->inhead[d->terms[s->tfirst + j]] = 1;
		nh = s->tn;
	}
	for (i = first; i < d->ns; i++) {
		s = &d->s[i];
		if (s->tn == 0)
			continue;
		norm = 1 / sqrt((double)s->tn);
		for (j = 0; j < s->tn; j++)
			d->g[d->terms[s->tfirst + j]] += norm;
	}
	for (i = first; i < d->ns; i++) {
		s = &d->s[i];
		b = i - first;
		if (lead) {
			s->rel = 1 / (double)(b + 1);
			continue;
		}
		sum = 0;
		hit = 0;
		for (j = 0; j < s->tn; j++) {
			id = d->terms[s->tfirst + j];
			sum += d->g[id];
			hit += d->inhead[id];
		}
		/* The sentence's similarity to itself is 1; leave it out. */
		norm = sqrt((double)s->tn);
		s->maxsim = s->tn == 0 ? 0 : (sum - norm) / (w->norm == 0.5 ?
		    norm : pow((double)s->tn, w->norm));
		if (s->maxsim < 1e-9)
			s->maxsim = 0;
		if (s->maxsim > maxc)
			maxc = s->maxsim;
		pos = w->decay == 1 ? 1 / (double)(b + 1) :
		    pow((double)(b + 1), -w->decay);
		lenf = w->length > 0 && (double)s->words < w->length ?
		    (double)s->words / w->length : 1;
		s->rel = lenf * (w->position * pos +
		    w->headline * (nh == 0 ? 0 : (double)hit / (double)nh));
	}
	/* maxsim held the centrality; normalise it and start MMR afresh. */
	for (i = first; i < d->ns; i++) {
		s = &d->s[i];
		if (!lead && maxc > 0) {
			lenf = w->length > 0 && (double)s->words < w->length ?
			    (double)s->words / w->length : 1;
			s->rel += lenf * w->centrality * s->maxsim / maxc;
		}
		s->maxsim = 0;
	}
}

/* Order sentence indices by value, best first, then by position. */
static const struct doc *sort_doc;
static int
by_value(const void *a, const void *b)
{
	const struct sent *x = &sort_doc->s[*(const size_t *)a];
	const struct sent *y = &sort_doc->s[*(const size_t *)b];

	if (x->rel != y->rel)
		return x->rel > y->rel ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * Add sentence c to the chosen ones and, while picks are few enough and
 * more are to come, update every sentence's similarity to the chosen set.
 */
static void
pick(struct doc *d, size_t c, uint32_t npick, int more)
{
	struct sent *s, *cs = &d->s[c];
	size_t i, j, first = d->hashead ? 1 : 0, hit;
	double sim;

	cs->chosen = 1;
	if (!more || npick > MMR_PICKS || cs->tn == 0)
		return;
	for (j = 0; j < cs->tn; j++)
		d->mark[d->terms[cs->tfirst + j]] = npick;
	for (i = first; i < d->ns; i++) {
		s = &d->s[i];
		if (s->chosen || s->tn == 0)
			continue;
		hit = 0;
		for (j = 0; j < s->tn; j++)
			hit += d->mark[d->terms[s->tfirst + j]] == npick;
		if (hit == 0)
			continue;
		sim = (double)hit / sqrt((double)s->tn * (double)cs->tn);
		if (sim > s->maxsim)
			s->maxsim = sim;
	}
}

/*
 * Choose sentences within the limits: greedily the best relevance minus
 * the redundancy penalty; after MMR_PICKS rounds (a sentence chosen, or
 * passed over for the word budget) the rest are taken in the order of
 * their then fixed value, so that a long text costs no more than a sort.
 */
void
choose(struct doc *d, const struct limits *lim, const struct weights *w)
{
	struct sent *s;
	size_t i, first = d->hashead ? 1 : 0, nbody = d->ns - first;
	size_t want, nchosen = 0, words = 0, best, no, k;
	double v, bestv;
	uint32_t npick = 0, rounds = 0;

	want = nbody;
	if (lim->count > 0 && (size_t)lim->count < want)
		want = (size_t)lim->count;
	if (lim->percent > 0) {
		k = (nbody * (size_t)lim->percent + 50) / 100;
		if (k == 0)
			k = 1;
		if (k < want)
			want = k;
	}
	while (nchosen < want && rounds++ < MMR_PICKS) {
		best = 0;
		bestv = 0;
		for (i = first; i < d->ns; i++) {
			s = &d->s[i];
			if (s->chosen || s->skipped)
				continue;
			v = s->rel - (lim->lead ? 0 :
			    w->redundancy * s->maxsim);
			if (best == 0 || v > bestv) {
				best = i + 1;
				bestv = v;
			}
		}
		if (best == 0)
			return;
		s = &d->s[best - 1];
		if (lim->words > 0 && words + s->words > (size_t)lim->words) {
			s->skipped = 1;
			continue;
		}
		words += s->words;
		nchosen++;
		pick(d, best - 1, ++npick, nchosen < want);
	}
	if (nchosen >= want)
		return;
	/* Many picks: the rest by fixed value, sorted once. */
	no = 0;
	for (i = first; i < d->ns; i++) {
		s = &d->s[i];
		if (s->chosen || s->skipped)
			continue;
		s->rel -= lim->lead ? 0 : w->redundancy * s->maxsim;
		d->order[no++] = i;
	}
	sort_doc = d;
	if (no > 1)
		qsort(d->order, no, sizeof(*d->order), by_value);
	for (i = 0; i < no && nchosen < want; i++) {
		s = &d->s[d->order[i]];
		if (lim->words > 0 && words + s->words > (size_t)lim->words)
			continue;
		s->chosen = 1;
		words += s->words;
		nchosen++;
	}
}