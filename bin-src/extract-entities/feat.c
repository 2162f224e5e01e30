/*
 * feat.c: the features of each token of a sentence, hashed into the
 * model's buckets.  A feature is a template number and a value (a word's
 * hash, a shape, a cluster path ...); its bucket is a mix of the two
 * masked to the table size, so the model needs no feature dictionary.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "extern.h"

enum {
	T_BIAS = 1, T_W, T_L, T_LM1, T_LP1, T_LM2, T_LP2, T_BIL, T_BIR,
	T_SH, T_SHM1, T_SHP1, T_SH3, T_PRE, T_SUF, T_CASE, T_CL1, T_CL2,
	T_CL3, T_CLM1A, T_CLM1B, T_CLP1A, T_CLP1B, T_GAZ, T_GAZM1, T_GAZP1,
	T_WORD, T_DOC, T_DPREV, T_DPREVC, T_LM1SH, T_SHLP1, T_HL, T_LEN,
	T_CLM2, T_CLP2
};

#define BOS	0x9e3779b97f4a7c15ULL
#define EOS	0xc2b2ae3d27d4eb4fULL

/* The most features one token can have (see ne_features). */
#define MAXFEATS	64

/* Multiply-shift hashing: one multiplication, the high bits kept. */
static inline void
add(struct ne_feats *F, uint32_t mask, uint64_t tmpl, uint64_t v)
{
	F->f[F->n++] = (uint32_t)(((v ^ tmpl * 0x9e3779b97f4a7c15ULL) *
	    0xd6e8feb86659fd93ULL) >> 32) & mask;
}

/*
 * A feature of the word form alone (see ne_features): into F->g when the
 * form features are kept apart, and then only for a token whose form
 * scores are not cached.
 */
#define addform(F, mask, tmpl, v) do {					\
	if (!split)							\
		add(F, mask, tmpl, v);					\
	else if (!skip)							\
		F->g[F->ng++] = (uint32_t)((((uint64_t)(v) ^		\
		    (uint64_t)(tmpl) * 0x9e3779b97f4a7c15ULL) *		\
		    0xd6e8feb86659fd93ULL) >> 32) & (mask);		\
} while (0)

/* A word's shape: X x d for letters and digits, runs collapsed, at most 6. */
static uint64_t
shape(const struct ne_doc *d, size_t i)
{
	const struct ne_token *t = &d->tok[i];
	const unsigned char *p = (const unsigned char *)d->text + t->start;
	size_t n = t->end - t->start, k;
	uint64_t h = 0;
	int c, last = 0, out = 0;

	for (k = 0; k < n && out < 6; k++) {
		c = p[k];
		if (c >= 'A' && c <= 'Z')
			c = 'X';
		else if (c >= 'a' && c <= 'z')
			c = 'x';
		else if (c >= '0' && c <= '9')
			c = 'd';
		else if (c >= 0x80) {
			if ((c & 0xc0) == 0x80)
				continue;
			c = 'u';
		}
		if (c == last)
			continue;
		last = c;
		h = h * 257 + c;
		out++;
	}
	return h + 1;
}

static uint64_t
lower_at(const struct ne_doc *d, long i)
{
	if (i < 0)
		return BOS;
	if ((size_t)i >= d->ntok)
		return EOS;
	return d->tok[i].hlower;
}

/* Gazetteer categories of a token, ignoring places in the name. */
static uint64_t
gaz_cats(uint32_t g)
{
	uint64_t c = 0;
	int k;

	for (k = 0; k < NE_GC_NCAT; k++)
		if (g & 0xfu << (k * 4))
			c |= 1u << k;
	return c;
}

/* Case class: how the token is capitalised and where it stands. */
static uint64_t
case_class(const struct ne_token *t)
{
	return (uint64_t)(t->flags & (NE_TF_UPPER1 | NE_TF_ALLCAPS |
	    NE_TF_DIGIT | NE_TF_ALPHA | NE_TF_PUNCT)) | (uint64_t)t->sentinit
	    << 8 | (uint64_t)t->headline << 9;
}

/*
 * Features of the tokens [s0, s1) of d into F (reset first): the
 * features of token s0 + k are F->f[F->off[k] .. F->off[k + 1]).  With
 * cached set (decoding), the features of the word form alone go to
 * F->g[F->goff[k] .. F->goff[k + 1]) instead, and none for a token whose
 * cached[k] is set: the tagger has their scores already.
 * dprev[i] says how the form of token i was labelled earlier in the
 * record (0 never seen; 1 + type; 5 only outside names).
 */
void
ne_features(const struct ne_doc *d, size_t s0, size_t s1,
    const uint8_t *dprev, const uint8_t *cached, struct ne_feats *F,
    uint32_t mask)
{
	int split = cached != NULL, skip = 0;
	size_t i, k, n, m;
	const struct ne_token *t;
	const char *p;
	uint64_t sh, shm1, shp1, cc, h, shapes[NE_MAXSENT];
	uint32_t g, cl;
	long li;
	int b;

	F->n = F->ng = 0;
	if (F->cap < (s1 - s0) * MAXFEATS) {
		F->cap = (s1 - s0) * MAXFEATS;
		F->f = ereallocarray(F->f, F->cap, sizeof(*F->f));
		F->g = ereallocarray(F->g, F->cap, sizeof(*F->g));
	}
	for (i = s0; i < s1; i++)
		shapes[i - s0] = shape(d, i);
	for (i = s0; i < s1; i++) {
		t = &d->tok[i];
		li = (long)i;
		F->off[i - s0] = F->n;
		F->goff[i - s0] = F->ng;
		if (split)
			skip = cached[i - s0];
		p = d->text + t->start;
		n = t->end - t->start;
		cc = case_class(t);
		sh = shapes[i - s0];
		shm1 = i > s0 ? shapes[i - s0 - 1] : BOS;
		shp1 = i + 1 < s1 ? shapes[i - s0 + 1] : EOS;

		addform(F, mask, T_BIAS, 0);
		addform(F, mask, T_W, t->hword);
		addform(F, mask, T_L, t->hlower);
		add(F, mask, T_LM1, i > s0 ? lower_at(d, li - 1) : BOS);
		add(F, mask, T_LP1, i + 1 < s1 ? lower_at(d, li + 1) : EOS);
		add(F, mask, T_LM2, i > s0 + 1 ? lower_at(d, li - 2) : BOS);
		add(F, mask, T_LP2, i + 2 < s1 ? lower_at(d, li + 2) : EOS);
		add(F, mask, T_BIL, (i > s0 ? lower_at(d, li - 1) : BOS) * 3 +
		    t->hlower);
		add(F, mask, T_BIR, t->hlower * 3 + (i + 1 < s1 ?
		    lower_at(d, li + 1) : EOS));
		addform(F, mask, T_SH, sh);
		add(F, mask, T_SHM1, shm1 * 1000003 + sh);
		add(F, mask, T_SHP1, sh * 1000003 + shp1);
		add(F, mask, T_SH3, (shm1 * 1000003 + sh) * 1000003 + shp1);
		add(F, mask, T_LM1SH, (i > s0 ? lower_at(d, li - 1) : BOS) +
		    sh);
		add(F, mask, T_SHLP1, sh * 7 + (i + 1 < s1 ?
		    lower_at(d, li + 1) : EOS));
		if (!(t->flags & NE_TF_PUNCT)) {
			m = n < 4 ? n : 4;
			for (k = 1; k <= m; k++) {
				addform(F, mask, T_PRE,
				    ne_hash_lower(p, k) + k);
				addform(F, mask, T_SUF,
				    ne_hash_lower(p + n - k, k) + k);
			}
		}
		addform(F, mask, T_CASE, cc);
		addform(F, mask, T_LEN, (n > 8 ? 8 : n) * 1024 + cc);
		if (t->flags & NE_TF_UPPER1)
			addform(F, mask, T_HL, t->hlower * 4 + t->sentinit * 2 +
			    t->headline);
		if ((cl = t->cluster) != 0) {
			cl--;
			addform(F, mask, T_CL1, cl >> 16);
			addform(F, mask, T_CL2, cl >> 8);
			addform(F, mask, T_CL3, cl);
		} else
			addform(F, mask, T_CL1, 0xffffff);
		if (i > s0 && (cl = d->tok[i - 1].cluster) != 0) {
			cl--;
			add(F, mask, T_CLM1A, cl >> 16);
			add(F, mask, T_CLM1B, cl);
		}
		if (i + 1 < s1 && (cl = d->tok[i + 1].cluster) != 0) {
			cl--;
			add(F, mask, T_CLP1A, cl >> 16);
			add(F, mask, T_CLP1B, cl);
		}
		if (i > s0 + 1 && (cl = d->tok[i - 2].cluster) != 0)
			add(F, mask, T_CLM2, (cl - 1) >> 8);
		if (i + 2 < s1 && (cl = d->tok[i + 2].cluster) != 0)
			add(F, mask, T_CLP2, (cl - 1) >> 8);
		for (g = t->gaz & ~NE_G_WORD; g != 0; g &= g - 1) {
			b = __builtin_ctz(g);
			add(F, mask, T_GAZ, (uint64_t)b);
		}
		if (i > s0 && (h = gaz_cats(d->tok[i - 1].gaz)) != 0)
			add(F, mask, T_GAZM1, h);
		if (i + 1 < s1 && (h = gaz_cats(d->tok[i + 1].gaz)) != 0)
			add(F, mask, T_GAZP1, h);
		if (t->gaz & NE_G_WORD)
			addform(F, mask, T_WORD, cc);
		add(F, mask, T_DOC, (uint64_t)t->doc << 12 | cc);
		if (dprev != NULL && dprev[i] != 0) {
			add(F, mask, T_DPREV, dprev[i]);
			add(F, mask, T_DPREVC, (uint64_t)dprev[i] << 12 | cc);
		}
	}
	F->off[s1 - s0] = F->n;
	F->goff[s1 - s0] = F->ng;
}

void
ne_feats_free(struct ne_feats *F)
{
	free(F->f);
	free(F->g);
	F->f = F->g = NULL;
	F->n = F->cap = 0;
}
