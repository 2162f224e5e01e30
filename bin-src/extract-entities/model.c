/*
 * model.c: the averaged perceptron over hashed features, BILOU label
 * transitions with Viterbi decoding, and the model file.
 *
 * The model file is a few text lines, then the weights in binary:
 *
 *	extract-entities model 1
 *	# free text: what it was trained on
 *	bits N
 *	scale S
 *	data
 *	<transitions: (NE_NLABELS + 1) x NE_NLABELS int16>
 *	<buckets: varint gap, varint label mask, int16 per label in the mask>
 *
 * Integers are little-endian; a weight is its int16 times S.  Buckets not
 * listed are zero, which keeps the file small.
 */
#include <err.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "tsv.h"
#include "extern.h"

#define MAGIC	"extract-entities model 1\n"

#define QSTRIDE	NE_QSTRIDE

typedef int16_t v8hi __attribute__((vector_size(16)));
typedef float v4sf __attribute__((vector_size(16)));
typedef int32_t v4si __attribute__((vector_size(16)));

/* The labels that may open a name, and those that close one (or O). */
static const int open_labels[9] = { 0, 1, 4, 5, 8, 9, 12, 13, 16 };
static const int closed_labels[9] = { 0, 3, 4, 7, 8, 11, 12, 15, 16 };
typedef int32_t v8si __attribute__((vector_size(32)));

static void	decode_trans(struct ne_model *);

const char *const ne_type_names[NE_NTYPES] = { "PER", "ORG", "LOC", "MISC" };

/*
 * Whether label cur may follow label prev (NE_NLABELS: the sentence
 * start): a name begun with B goes on with I or ends with L of its type.
 */
int
ne_allowed(int prev, int cur)
{
	int open = prev != NE_NLABELS && prev != 0 &&
	    (NE_LPOS(prev) == NE_B || NE_LPOS(prev) == NE_I);

	if (open)
		return cur != 0 && NE_LTYPE(cur) == NE_LTYPE(prev) &&
		    (NE_LPOS(cur) == NE_I || NE_LPOS(cur) == NE_L);
	return cur == 0 || NE_LPOS(cur) == NE_B || NE_LPOS(cur) == NE_U;
}

/* Whether a sentence may end after label l. */
static int
may_end(int l)
{
	return l == 0 || NE_LPOS(l) == NE_L || NE_LPOS(l) == NE_U;
}

/*
 * A zero model of 1 << bits buckets; with training set, it also has the
 * averaging sums.  The caller frees it with ne_model_free.
 */
struct ne_model *
ne_model_new(unsigned bits, int training)
{
	struct ne_model *m;

	m = ecalloc(1, sizeof(*m));
	m->bits = bits;
	m->mask = (uint32_t)((1ULL << bits) - 1);
	m->w = ecalloc((size_t)1 << bits, NE_NLABELS * sizeof(float));
	if (training)
		m->wsum = ecalloc((size_t)1 << bits,
		    NE_NLABELS * sizeof(double));
	return m;
}

void
ne_model_free(struct ne_model *m)
{
	if (m == NULL)
		return;
	free(m->w);
	free(m->q);
	free(m->wsum);
	free(m->note);
	free(m);
}

static int
get_varint(const unsigned char **pp, const unsigned char *e, uint64_t *v)
{
	const unsigned char *p = *pp;
	int shift = 0;

	*v = 0;
	while (p < e && shift < 64) {
		*v |= (uint64_t)(*p & 0x7f) << shift;
		if (!(*p++ & 0x80)) {
			*pp = p;
			return 1;
		}
		shift += 7;
	}
	return 0;
}

static int
get_i16(const unsigned char **pp, const unsigned char *e, float *v,
    float scale)
{
	const unsigned char *p = *pp;

	if (e - p < 2)
		return 0;
	*v = (float)(int16_t)(uint16_t)(p[0] | p[1] << 8) * scale;
	*pp = p + 2;
	return 1;
}

/*
 * A zeroed array of n rows of int16 weights, on huge pages where the
 * system allows: the rows are read at random, and fewer TLB misses make
 * tagging markedly faster.  Freed with free().
 */
static int16_t *
alloc_weights(size_t n)
{
	size_t size = n * QSTRIDE * sizeof(int16_t), align = 2 << 20;
	void *p;

	size = (size + align - 1) / align * align;
	if (posix_memalign(&p, align, size) != 0)
		err(TSV_EXIT_FATAL, NULL);
#ifdef MADV_HUGEPAGE
	(void)madvise(p, size, MADV_HUGEPAGE);
#endif
	memset(p, 0, size);
	return p;
}

/*
 * Read a model from the bytes buf[0..len) (a file's contents or the
 * embedded default); name is for messages.  A malformed model is fatal.
 * The caller frees the result with ne_model_free.
 */
struct ne_model *
ne_model_read(const char *buf, size_t len, const char *name)
{
	const char *p = buf, *e = buf + len, *nl;
	const unsigned char *u, *ue;
	struct ne_model *m = NULL;
	struct tsv_buf note = { 0 };
	unsigned long bits = 0;
	float scale = 0;
	uint64_t gap, lmask, idx;
	size_t i, j;
	int l;

	if (len < sizeof(MAGIC) - 1 || memcmp(buf, MAGIC,
	    sizeof(MAGIC) - 1) != 0)
		errx(TSV_EXIT_FATAL, "%s: not an extract-entities model", name);
	p += sizeof(MAGIC) - 1;
	for (;;) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			errx(TSV_EXIT_FATAL, "%s: truncated model header",
			    name);
		if (nl - p == 4 && memcmp(p, "data", 4) == 0)
			break;
		if (*p == '#') {
			tsv_buf_add(&note, p, (size_t)(nl - p + 1));
		} else if (nl - p > 5 && memcmp(p, "bits ", 5) == 0) {
			bits = strtoul(p + 5, NULL, 10);
		} else if (nl - p > 6 && memcmp(p, "scale ", 6) == 0) {
			scale = strtof(p + 6, NULL);
		}
		p = nl + 1;
	}
	if (bits < 12 || bits > 24 || !(scale > 0) || !isfinite(scale))
		errx(TSV_EXIT_FATAL, "%s: bad model header", name);
	m = ecalloc(1, sizeof(*m));
	m->bits = (unsigned)bits;
	m->mask = (uint32_t)((1ULL << bits) - 1);
	m->scale = scale;
	m->q = alloc_weights((size_t)1 << bits);
	tsv_buf_addc(&note, '\0');
	m->note = note.buf;
	u = (const unsigned char *)nl + 1;
	ue = (const unsigned char *)e;
	for (i = 0; i <= NE_NLABELS; i++)
		for (j = 0; j < NE_NLABELS; j++)
			if (!get_i16(&u, ue, &m->trans[i][j], scale))
				errx(TSV_EXIT_FATAL, "%s: truncated model",
				    name);
	decode_trans(m);
	idx = (uint64_t)-1;
	while (u < ue) {
		if (!get_varint(&u, ue, &gap) || !get_varint(&u, ue, &lmask) ||
		    gap == 0 || gap > ((uint64_t)1 << bits) ||
		    lmask >> NE_NLABELS != 0)
			errx(TSV_EXIT_FATAL, "%s: corrupt model", name);
		idx += gap;
		if (idx > m->mask)
			errx(TSV_EXIT_FATAL, "%s: corrupt model", name);
		for (l = 0; l < NE_NLABELS; l++) {
			if (!(lmask & 1u << l))
				continue;
			if (ue - u < 2)
				errx(TSV_EXIT_FATAL, "%s: truncated model",
				    name);
			m->q[idx * QSTRIDE + l] = (int16_t)(uint16_t)(u[0] |
			    u[1] << 8);
			u += 2;
		}
	}
	return m;
}

static void
put_varint(FILE *fp, uint64_t v)
{
	while (v >= 0x80) {
		putc((int)(v & 0x7f) | 0x80, fp);
		v >>= 7;
	}
	putc((int)v, fp);
}

static void
put_i16(FILE *fp, int v)
{
	putc(v & 0xff, fp);
	putc((v >> 8) & 0xff, fp);
}

static int
quant(float w, float scale)
{
	long q = lrintf(w / scale);

	return q > 32767 ? 32767 : q < -32767 ? -32767 : (int)q;
}

/*
 * Write m (its weights already averaged) to the file path, "-" for
 * standard output.  Returns 0, or -1 with errno set.
 */
int
ne_model_write(struct ne_model *m, const char *path)
{
	FILE *fp;
	float maxabs = 0, scale;
	size_t i, j, n = (size_t)1 << m->bits;
	uint64_t last = (uint64_t)-1;
	uint32_t lmask;
	int l, q[NE_NLABELS];

	for (i = 0; i < n * NE_NLABELS; i++)
		if (fabsf(m->w[i]) > maxabs)
			maxabs = fabsf(m->w[i]);
	for (i = 0; i <= NE_NLABELS; i++)
		for (j = 0; j < NE_NLABELS; j++)
			if (fabsf(m->trans[i][j]) > maxabs)
				maxabs = fabsf(m->trans[i][j]);
	scale = maxabs > 0 ? maxabs / 32767 : 1;
	if (strcmp(path, "-") == 0)
		fp = stdout;
	else if ((fp = fopen(path, "wb")) == NULL)
		return -1;
	fputs(MAGIC, fp);
	if (m->note != NULL)
		fputs(m->note, fp);
	fprintf(fp, "bits %u\nscale %.9g\ndata\n", m->bits, scale);
	for (i = 0; i <= NE_NLABELS; i++)
		for (j = 0; j < NE_NLABELS; j++)
			put_i16(fp, quant(m->trans[i][j], scale));
	for (i = 0; i < n; i++) {
		lmask = 0;
		for (l = 0; l < NE_NLABELS; l++) {
			q[l] = quant(m->w[i * NE_NLABELS + l], scale);
			if (q[l] != 0)
				lmask |= 1u << l;
		}
		if (lmask == 0)
			continue;
		put_varint(fp, i - last);
		put_varint(fp, lmask);
		for (l = 0; l < NE_NLABELS; l++)
			if (lmask & 1u << l)
				put_i16(fp, q[l]);
		last = i;
	}
	if (fp == stdout)
		return fflush(fp) == EOF || ferror(fp) ? -1 : 0;
	if (ferror(fp)) {
		fclose(fp);
		return -1;
	}
	return fclose(fp);
}

/*
 * Copy the transitions for decoding: for each label, the labels that may
 * precede it and the weights of those transitions.
 */
static void
decode_trans(struct ne_model *m)
{
	int p, l;

	size_t k, j;

	for (l = 0; l < NE_NLABELS; l++) {
		m->nprev[l] = 0;
		for (p = 0; p < NE_NLABELS; p++)
			if (ne_allowed(p, l)) {
				m->prev[l][m->nprev[l]] = (uint8_t)p;
				m->dtrans[l][m->nprev[l]++] = m->trans[p][l];
			}
	}
	for (k = 0; k < 9; k++)
		for (j = 0; j < 12; j++)
			m->otrans[k][j / 4][j % 4] = j < 9 ?
			    m->trans[closed_labels[k]][open_labels[j]] :
			    -INFINITY;
}

/*
 * Label scores of n tokens from int16 weights (a model read from a file).
 * A row holds QSTRIDE weights, the labels' and zero padding, so that it
 * adds up as three vectors of eight.
 */
static void
score_q(const struct ne_model *m, const struct ne_feats *F, size_t n,
    const int32_t (*form)[NE_QSTRIDE], float sc[][NE_NLABELS])
{
	const v8hi *row;
	v8si a0, a1, a2;
	size_t t, k;
	int l;

	/* Ask for every row of the sentence first, so that the loads overlap. */
	for (k = 0; k < F->n; k++) {
		const int16_t *r = m->q + (size_t)F->f[k] * QSTRIDE;
		__builtin_prefetch(r);
		__builtin_prefetch(r + QSTRIDE - 1);
	}
	for (t = 0; t < n; t++) {
		if (form != NULL) {
			memcpy(&a0, form[t], sizeof(a0));
			memcpy(&a1, form[t] + 8, sizeof(a1));
			memcpy(&a2, form[t] + 16, sizeof(a2));
		} else
			a0 = a1 = a2 = (v8si){ 0 };
		for (k = F->off[t]; k < F->off[t + 1]; k++) {
			row = (const v8hi *)(m->q + (size_t)F->f[k] * QSTRIDE);
			a0 += __builtin_convertvector(row[0], v8si);
			a1 += __builtin_convertvector(row[1], v8si);
			a2 += __builtin_convertvector(row[2], v8si);
		}
		for (l = 0; l < 8; l++) {
			sc[t][l] = (float)a0[l] * m->scale;
			sc[t][l + 8] = (float)a1[l] * m->scale;
		}
		sc[t][16] = (float)a2[0] * m->scale;
	}
}

/*
 * The summed int16 weights of the n features f, into out[0..NE_QSTRIDE):
 * the part of a token's scores that depends on its word form alone,
 * which the tagger caches.  Only for a model read from a file.
 */
void
ne_form_scores(const struct ne_model *m, const uint32_t *f, size_t n,
    int32_t *out)
{
	const v8hi *row;
	v8si a0 = { 0 }, a1 = { 0 }, a2 = { 0 };
	size_t k;

	for (k = 0; k < n; k++) {
		row = (const v8hi *)(m->q + (size_t)f[k] * QSTRIDE);
		a0 += __builtin_convertvector(row[0], v8si);
		a1 += __builtin_convertvector(row[1], v8si);
		a2 += __builtin_convertvector(row[2], v8si);
	}
	memcpy(out, &a0, sizeof(a0));
	memcpy(out + 8, &a1, sizeof(a1));
	memcpy(out + 16, &a2, sizeof(a2));
}

/* Label scores of n tokens from float weights (a model in training). */
static void
score_w(const struct ne_model *m, const struct ne_feats *F, size_t n,
    float sc[][NE_NLABELS])
{
	const float *row;
	size_t t, k;
	int l;

	for (t = 0; t < n; t++) {
		for (l = 0; l < NE_NLABELS; l++)
			sc[t][l] = 0;
		for (k = F->off[t]; k < F->off[t + 1]; k++) {
			row = m->w + (size_t)F->f[k] * NE_NLABELS;
			for (l = 0; l < NE_NLABELS; l++)
				sc[t][l] += row[l];
		}
	}
}

/*
 * One Viterbi step: the best scores d[] and back pointers b[] of every
 * label from the previous token's scores prev[] and this token's label
 * scores sc[].  A label that may open a name (O, B, U) can follow only
 * one that closes one (O, L, U): nine by nine, done as vectors of four;
 * I and L follow only B or I of their type.  Ties go to the lowest
 * previous label, as a plain loop over them would choose.
 */
static void
step(const struct ne_model *m, const float *prev, const float *sc, float *d,
    uint8_t *b)
{
	v4sf best[3], cand;
	v4si arg[3], mask, pk;
	size_t k, j;
	int l, p, bl;
	float s, bs;

	for (j = 0; j < 3; j++) {
		best[j] = (v4sf){ -INFINITY, -INFINITY, -INFINITY, -INFINITY };
		arg[j] = (v4si){ 0, 0, 0, 0 };
	}
	for (k = 0; k < 9; k++) {
		p = closed_labels[k];
		pk = (v4si){ p, p, p, p };
		for (j = 0; j < 3; j++) {
			memcpy(&cand, m->otrans[k][j], sizeof(cand));
			cand += prev[p];
			mask = cand > best[j];
			best[j] = (v4sf)(((v4si)cand & mask) |
			    ((v4si)best[j] & ~mask));
			arg[j] = (pk & mask) | (arg[j] & ~mask);
		}
	}
	for (k = 0; k < 9; k++) {
		l = open_labels[k];
		d[l] = best[k / 4][k % 4] + sc[l];
		b[l] = (uint8_t)arg[k / 4][k % 4];
	}
	for (l = 0; l < NE_NLABELS; l++) {
		if (l == 0 || NE_LPOS(l) == NE_B || NE_LPOS(l) == NE_U)
			continue;
		bs = -INFINITY;
		bl = 0;
		for (k = 0; k < m->nprev[l]; k++) {
			p = m->prev[l][k];
			s = prev[p] + m->dtrans[l][k];
			if (s > bs) {
				bs = s;
				bl = p;
			}
		}
		d[l] = bs + sc[l];
		b[l] = (uint8_t)bl;
	}
}

/*
 * The best label sequence for the n tokens whose features are F, under
 * the BILOU constraints; writes it to out[0..n).  form, when not NULL,
 * holds each token's scores from the features of its word form, which F
 * then leaves out (see ne_features).
 */
void
ne_viterbi(const struct ne_model *m, const struct ne_feats *F, size_t n,
    const int32_t (*form)[NE_QSTRIDE], uint8_t *out)
{
	static float sc[NE_MAXSENT][NE_NLABELS];
	static float delta[NE_MAXSENT][NE_NLABELS];
	static uint8_t back[NE_MAXSENT][NE_NLABELS];
	size_t t;
	float best;
	int l, bl;

	if (n == 0)
		return;
	if (m->q != NULL)
		score_q(m, F, n, form, sc);
	else
		score_w(m, F, n, sc);
	for (l = 0; l < NE_NLABELS; l++)
		delta[0][l] = ne_allowed(NE_NLABELS, l) ?
		    sc[0][l] + m->trans[NE_NLABELS][l] : -INFINITY;
	for (t = 1; t < n; t++)
		step(m, delta[t - 1], sc[t], delta[t], back[t]);
	best = -INFINITY;
	bl = 0;
	for (l = 0; l < NE_NLABELS; l++)
		if (may_end(l) && delta[n - 1][l] > best) {
			best = delta[n - 1][l];
			bl = l;
		}
	for (t = n; t-- > 0;) {
		out[t] = (uint8_t)bl;
		if (t > 0)
			bl = back[t][bl];
	}
}

static void
bump(struct ne_model *m, uint32_t f, int l, float d, double clock)
{
	size_t i = (size_t)f * NE_NLABELS + l;

	m->w[i] += d;
	m->wsum[i] += clock * d;
}

/*
 * One perceptron step for a sentence of n tokens: towards the gold labels
 * and away from the predicted ones, where they differ.  clock counts the
 * steps so far, for the averaging.
 */
void
ne_update(struct ne_model *m, const struct ne_feats *F, size_t n,
    const uint8_t *gold, const uint8_t *pred, double clock)
{
	size_t t, k;
	int gp, pp;

	for (t = 0; t < n; t++) {
		gp = t > 0 ? gold[t - 1] : NE_NLABELS;
		pp = t > 0 ? pred[t - 1] : NE_NLABELS;
		if (gold[t] != pred[t]) {
			for (k = F->off[t]; k < F->off[t + 1]; k++) {
				bump(m, F->f[k], gold[t], 1, clock);
				bump(m, F->f[k], pred[t], -1, clock);
			}
		}
		if (gold[t] != pred[t] || gp != pp) {
			m->trans[gp][gold[t]] += 1;
			m->tsum[gp][gold[t]] += clock;
			m->trans[pp][pred[t]] -= 1;
			m->tsum[pp][pred[t]] -= clock;
		}
	}
	decode_trans(m);
}

/* Replace the weights by their averages over clock steps. */
void
ne_average(struct ne_model *m, double clock)
{
	size_t i, j, n = ((size_t)1 << m->bits) * NE_NLABELS;

	for (i = 0; i < n; i++)
		m->w[i] -= (float)(m->wsum[i] / clock);
	for (i = 0; i <= NE_NLABELS; i++)
		for (j = 0; j < NE_NLABELS; j++)
			m->trans[i][j] -= (float)(m->tsum[i][j] / clock);
	decode_trans(m);
}
