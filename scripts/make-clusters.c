/*
 * make-clusters: hierarchical distributional word clusters for
 * extract-entities, a cheap stand-in for Brown clusters.
 *
 * Reads news TSV (id, text) on stdin, splits the text into words and
 * punctuation much as extract-entities does, keeps the most frequent
 * words, describes each by the distribution of its left and right
 * neighbours among the most frequent context words (square roots of the
 * conditional probabilities, so that cosine compares Hellinger
 * distances), and splits the words by spherical k-means into a tree of
 * K1 x K2 x K3 clusters.  Writes "word TAB path TAB count" lines, where
 * path is "a.b.c" (cluster numbers at each level), most frequent first.
 *
 * Usage: make-clusters [vocabulary [contexts]] < text.tsv > clusters
 * Built and run by scripts/make-clusters; not installed.
 */
#include <ctype.h>
#include <err.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define K1	16
#define K2	16
#define K3	4
#define ITERS	12
#define MINCOUNT 8

struct word {
	char		*s;
	uint64_t	 h;
	long		 count;
	int		 rank;
};

static struct word *words;
static size_t nwords, capwords;
static int32_t *table;		/* open addressing, index into words or -1 */
static size_t tabsize = 1 << 22;
static int32_t *seq;		/* the text as word numbers; -1 ends a line */
static size_t nseq, capseq;

static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int32_t
intern(const char *s, size_t n)
{
	uint64_t h = hash(s, n);
	size_t i = h & (tabsize - 1);

	while (table[i] >= 0) {
		struct word *w = &words[table[i]];
		if (w->h == h && strlen(w->s) == n && memcmp(w->s, s, n) == 0)
			return table[i];
		i = (i + 1) & (tabsize - 1);
	}
	if (nwords == capwords) {
		capwords = capwords ? capwords * 2 : 1 << 16;
		words = realloc(words, capwords * sizeof(*words));
		if (words == NULL)
			err(1, NULL);
	}
	if (nwords >= tabsize / 2)
		errx(1, "too many distinct words");
	words[nwords].s = strndup(s, n);
	words[nwords].h = h;
	words[nwords].count = 0;
	words[nwords].rank = -1;
	table[i] = nwords;
	return nwords++;
}

static void
emit(int32_t id)
{
	if (nseq == capseq) {
		capseq = capseq ? capseq * 2 : 1 << 20;
		seq = realloc(seq, capseq * sizeof(*seq));
		if (seq == NULL)
			err(1, NULL);
	}
	seq[nseq++] = id;
	if (id >= 0)
		words[id].count++;
}

static int
wordbyte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Split one unescaped text into words (letters, digits, inner . - ') and punctuation. */
static void
tokenize(const char *p, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		unsigned char c = p[i];
		if (c == '\n') {
			emit(-1);
			i++;
			continue;
		}
		if (isspace(c)) {
			i++;
			continue;
		}
		j = i;
		if (wordbyte(c)) {
			while (j < n && (wordbyte(p[j]) || ((p[j] == '.' ||
			    p[j] == '-' || p[j] == '\'') && j + 1 < n &&
			    wordbyte(p[j + 1]))))
				j++;
			/* Split a clitic 's as CoNLL does. */
			if (j - i > 2 && p[j - 2] == '\'' &&
			    (p[j - 1] == 's' || p[j - 1] == 'S')) {
				emit(intern(p + i, j - 2 - i));
				emit(intern(p + j - 2, 2));
				i = j;
				continue;
			}
		} else
			j++;
		emit(intern(p + i, j - i));
		i = j;
	}
	emit(-1);
}

static int
bycount(const void *a, const void *b)
{
	const struct word *x = *(struct word *const *)a;
	const struct word *y = *(struct word *const *)b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->s, y->s);
}

/*
 * Spherical k-means of the n rows listed in idx (dimension d) into k
 * clusters; writes each row's cluster into out.
 */
static void
kmeans(const float *vec, size_t d, const int *idx, size_t n, int k, int *out)
{
	float *cen, *sum;
	size_t i, j, c, step;
	int it;

	if ((size_t)k > n)
		k = n;
	cen = calloc((size_t)k * d, sizeof(float));
	sum = calloc((size_t)k * d, sizeof(float));
	if (cen == NULL || sum == NULL)
		err(1, NULL);
	/* Seeds spread over the frequency ranking (rows come most frequent first). */
	step = n / k;
	for (c = 0; c < (size_t)k; c++)
		memcpy(cen + c * d, vec + (size_t)idx[c * step] * d,
		    d * sizeof(float));
	for (it = 0; it < ITERS; it++) {
		memset(sum, 0, (size_t)k * d * sizeof(float));
		for (i = 0; i < n; i++) {
			const float *v = vec + (size_t)idx[i] * d;
			float best = -2;
			int bc = 0;
			for (c = 0; c < (size_t)k; c++) {
				const float *m = cen + c * d;
				float s = 0;
				for (j = 0; j < d; j++)
					s += v[j] * m[j];
				if (s > best) {
					best = s;
					bc = c;
				}
			}
			out[i] = bc;
			for (j = 0; j < d; j++)
				sum[(size_t)bc * d + j] += v[j];
		}
		for (c = 0; c < (size_t)k; c++) {
			float nn = 0;
			for (j = 0; j < d; j++)
				nn += sum[c * d + j] * sum[c * d + j];
			if (nn == 0)
				continue;
			nn = 1 / sqrtf(nn);
			for (j = 0; j < d; j++)
				cen[c * d + j] = sum[c * d + j] * nn;
		}
	}
	free(cen);
	free(sum);
}

int
main(int argc, char *argv[])
{
	char *line = NULL, *text;
	size_t cap = 0, i, j, v, nv, nctx, d;
	ssize_t len;
	struct word **order;
	float *vec;
	int *all, *l1, *l2, *l3, *sub, *path1, *path2, *path3;
	int a, b;

	nv = argc > 1 ? strtoul(argv[1], NULL, 10) : 60000;
	nctx = argc > 2 ? strtoul(argv[2], NULL, 10) : 250;
	table = malloc(tabsize * sizeof(*table));
	if (table == NULL)
		err(1, NULL);
	memset(table, 0xff, tabsize * sizeof(*table));
	if (getline(&line, &cap, stdin) < 0)	/* header */
		errx(1, "empty input");
	text = malloc(1);
	while ((len = getline(&line, &cap, stdin)) > 0) {
		char *t = strchr(line, '\t'), *q;
		if (t == NULL)
			continue;
		t++;
		text = realloc(text, len + 1);
		if (text == NULL)
			err(1, NULL);
		for (q = text; *t != '\0' && *t != '\n' && *t != '\t'; t++) {
			if (*t == '\\' && t[1] != '\0') {
				t++;
				*q++ = *t == 'n' ? '\n' : *t == 't' ? '\t' :
				    *t == 'r' ? '\r' : *t;
			} else
				*q++ = *t;
		}
		tokenize(text, q - text);
	}
	free(line);
	free(text);

	order = malloc(nwords * sizeof(*order));
	for (i = 0; i < nwords; i++)
		order[i] = &words[i];
	qsort(order, nwords, sizeof(*order), bycount);
	if (nv > nwords)
		nv = nwords;
	while (nv > 0 && order[nv - 1]->count < MINCOUNT)
		nv--;
	if (nctx > nv)
		nctx = nv;
	for (i = 0; i < nv; i++)
		order[i]->rank = i;

	/* Context counts: left neighbours in [0, nctx), right in [nctx, 2 nctx). */
	d = 2 * nctx;
	vec = calloc(nv * d, sizeof(float));
	if (vec == NULL)
		err(1, NULL);
	for (i = 0; i < nseq; i++) {
		int r, rl, rr;
		if (seq[i] < 0 || (r = words[seq[i]].rank) < 0)
			continue;
		rl = i > 0 && seq[i - 1] >= 0 ? words[seq[i - 1]].rank : -1;
		rr = i + 1 < nseq && seq[i + 1] >= 0 ?
		    words[seq[i + 1]].rank : -1;
		if (rl >= 0 && (size_t)rl < nctx)
			vec[(size_t)r * d + rl] += 1;
		if (rr >= 0 && (size_t)rr < nctx)
			vec[(size_t)r * d + nctx + rr] += 1;
	}
	for (v = 0; v < nv; v++) {
		float *x = vec + v * d, s = 0, nn = 0;
		for (j = 0; j < d; j++)
			s += x[j];
		if (s == 0)
			continue;
		for (j = 0; j < d; j++) {
			x[j] = sqrtf(x[j] / s);
			nn += x[j] * x[j];
		}
		nn = 1 / sqrtf(nn);
		for (j = 0; j < d; j++)
			x[j] *= nn;
	}

	all = malloc(nv * sizeof(int));
	l1 = malloc(nv * sizeof(int));
	l2 = malloc(nv * sizeof(int));
	l3 = malloc(nv * sizeof(int));
	sub = malloc(nv * sizeof(int));
	path1 = calloc(nv, sizeof(int));
	path2 = calloc(nv, sizeof(int));
	path3 = calloc(nv, sizeof(int));
	for (v = 0; v < nv; v++)
		all[v] = v;
	kmeans(vec, d, all, nv, K1, l1);
	for (v = 0; v < nv; v++)
		path1[v] = l1[v];
	for (a = 0; a < K1; a++) {
		size_t n = 0;
		for (v = 0; v < nv; v++)
			if (path1[v] == a)
				sub[n++] = v;
		if (n == 0)
			continue;
		kmeans(vec, d, sub, n, K2, l2);
		for (i = 0; i < n; i++)
			path2[sub[i]] = l2[i];
		for (b = 0; b < K2; b++) {
			size_t m = 0;
			int *sub2 = malloc(n * sizeof(int));
			for (i = 0; i < n; i++)
				if (l2[i] == b)
					sub2[m++] = sub[i];
			if (m > 0) {
				kmeans(vec, d, sub2, m, K3, l3);
				for (i = 0; i < m; i++)
					path3[sub2[i]] = l3[i];
			}
			free(sub2);
		}
	}
	for (v = 0; v < nv; v++)
		printf("%s\t%d.%d.%d\t%ld\n", order[v]->s, path1[v], path2[v],
		    path3[v], order[v]->count);
	return 0;
}
