/*
 * model.c: the features of a line in its page, and the trees that weigh
 * them.
 *
 * A line is judged with what surrounds it: the features of the lines two
 * before and two after, the prose around it (a prose line has ten words or
 * more and a quarter of them stop words), where the page's prose lies
 * before and after it, its block (the lines with no break between them),
 * where it lies against the page's main run of prose and its headline,
 * whether the line repeats on the page, and how much it shares with the
 * page title (the first line).  The weights are data
 * (strip-boilerplate-model.txt, or --model FILE), learnt from labelled
 * pages with scripts/train-strip-boilerplate over --features output.
 */
#include <err.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

const char *const feat_name[NFEAT] = {
	"words", "chars", "stop", "cap", "digit", "punct", "endpunct",
	"link", "sep", "comma", "wordlen", "pattern", "dup", "titlesim",
	"first", "lowerstart",
	"pos", "prosebefore", "proseafter", "prosedist", "prose", "sandwich",
	"pagewords", "pagelines",
	"p2words", "p2stop", "p2end", "p2cap", "p2exists",
	"p1words", "p1stop", "p1end", "p1cap", "p1exists",
	"n1words", "n1stop", "n1end", "n1cap", "n1exists",
	"n2words", "n2stop", "n2end", "n2cap", "n2exists",
	"winwords", "winstop", "winprose", "localprose",
	"blockwords", "blockstop", "blocklines", "blockend",
	"mainin", "mainbefore", "mainafter", "mainshare", "prosedistw",
	"titlecov", "wordpos", "headdist"
};

const char *const feat2_name[NFEAT2] = {
	"s1", "s1p3", "s1p2", "s1p1", "s1n1", "s1n2", "s1n3", "s1win",
	"s1maxbefore", "s1maxafter", "s1keptbefore", "s1keptafter",
	"words", "stop", "endpunct", "pos",
	"segin", "segbefore", "segafter", "s1block", "s1prevblock",
	"s1nextblock"
};

/*
 * A tree node: an inner node sends x[feat] <= thr left; a leaf has feat
 * -1 and its value in the forest's value array.  The threshold is kept as
 * the largest float not above the trained (double) one, which decides
 * every float feature exactly as the double would, in half the memory.
 */
struct node {
	float		 thr;
	int		 feat;
	unsigned	 left, right;
};

/*
 * The trees not deeper than FLAT_MAXDEPTH are also laid out as perfect
 * binary trees of their depth, in breadth-first order, a leaf above that
 * depth repeated below it: a line then goes down such a tree by index
 * arithmetic, without the branches that the processor would mispredict,
 * to the same leaf.
 */
#define FLAT_MAXDEPTH	10

/*
 * The trees of at most QS_MAXLEAF leaves are also kept in the bitvector
 * layout of QuickScorer (Lucchese et al., SIGIR 2015): a tree's leaves
 * are numbered from left to right, and each inner node holds the mask of
 * the leaves outside its left subtree.  A line's leaf is then the lowest
 * leaf left in the AND of the masks of the nodes it does not pass (whose
 * test is false), over all the nodes of the tree: no path to follow, so
 * that several lines go through a tree in the same vector operations,
 * each node a compare and two logical operations for all of them.
 */
#define QS_MAXLEAF	32
/* Lines scored together, few enough for their features to stay in cache. */
#define FOREST_BLOCK	64
struct qnode {
	float		 thr;
	int		 feat;
	int		 mask;
};

struct forest {
	struct node	*node;
	double		*value;
	size_t		 nnode;
	size_t		*root;
	size_t		 ntree;
	double		 base;
	int		*depth;		/* of each flat tree, 0 if not flat */
	size_t		*off;		/* of each flat tree in ffeat, fthr */
	int		*ffeat;
	float		*fthr;
	double		*fvalue;	/* at off + tree number */
	/* The least and greatest sums the trees from t on can add. */
	double		*restmin, *restmax;
	/*
	 * The bitvector layout: tree t's nodes at qoff[t] to qoff[t + 1] in
	 * qnode, its leaf values at QS_MAXLEAF * t in qval; qoff[t] ==
	 * qoff[t + 1] for a tree that has more leaves (or none inner).
	 */
	struct qnode	*qnode;
	size_t		*qoff;
	double		*qval;
	int		 qs;		/* every tree is in the layout */
	int		*used;		/* the features the trees test */
	int		 nused;
	/*
	 * qnode feat is an index in used, times the bytes of the features
	 * of a block of lines (FOREST_BLOCK floats): the place of the
	 * feature's column in qs_col.
	 */
};

static struct forest	 stage[2];
static double		*zbuf;		/* scratch scores, zcap of them */
static unsigned		*gbuf;		/* scratch counts, zcap of them */
static size_t		 ngrp;		/* groups of prints of the page */
static struct line	**htab;		/* see dup_groups */
static double		*pbuf;		/* sums, see struct page */
#define PBUF_PER	6		/* of them for each line and two */
static size_t		 pcap;
static size_t		 hcap;
static size_t		 zcap;
static uint64_t		*hbuf;		/* the page's hashes, see line_hashes */
static size_t		 hlen, hbcap;
static unsigned char	*lcbuf;		/* a line's bytes as wbyte gives them */
static size_t		 lccap;

/*
 * The features of a chunk of CHUNK lines, for the stage scoring them,
 * few enough to stay in the cache, and the chunk's lines and scores.
 */
#define CHUNK		256
static float		 xc[CHUNK * NFEAT];
static float		 x2c[CHUNK * NFEAT2];
static struct line	*rc[CHUNK];
static const float	*xr[CHUNK];	/* their features */
static double		 zc[CHUNK];
static int		 keep;		/* see model_keep */
static float		*kx, *kx2;
static size_t		 kcap;

static void	flat_make(struct forest *);
static void	qs_make(struct forest *, int);
static void	qs_init(void);
static inline int stage2_done(const struct forest *, double, size_t, double,
		    float *);
/*
 * Trees of stage 2 added between two looks at the bounds, and how far
 * from the threshold a bound must be to decide (far above the rounding of
 * a sum of a hundred terms).
 */
#define STAGE2_STEP	4
#define STAGE2_EPS	1e-4
#define STAGE2_FIRST	8	/* see stage2 */
#define STAGE2_CLEAR	2.5
static void	rest_sums(struct forest *);
static float	lg(double);
#define LG_TAB	4096
static float	lgtab[LG_TAB];
static unsigned char wbyte[256];	/* see hashes_take */

static void
forest_free(struct forest *f)
{
	free(f->node);
	free(f->value);
	free(f->root);
	free(f->depth);
	free(f->off);
	free(f->ffeat);
	free(f->fthr);
	free(f->fvalue);
	free(f->restmin);
	free(f->restmax);
	free(f->qnode);
	free(f->qoff);
	free(f->qval);
	free(f->used);
	memset(f, 0, sizeof(*f));
}

void
model_free(void)
{
	forest_free(&stage[0]);
	forest_free(&stage[1]);
	free(zbuf);
	free(gbuf);
	free(kx);
	free(kx2);
	kx = kx2 = NULL;
	kcap = 0;
	free(htab);
	free(pbuf);
	free(hbuf);
	hbuf = NULL;
	free(lcbuf);
	lcbuf = NULL;
	lccap = 0;
	hlen = hbcap = 0;
	htab = NULL;
	pbuf = NULL;
	pcap = 0;
	hcap = 0;
	zbuf = NULL;
	gbuf = NULL;
	zcap = 0;
}

/*
 * Read the model: "stage N" starts the trees of stage N (1 or 2), "base V"
 * its starting score, "tree" a tree, then one line a node in order:
 * "FEATURE<TAB>THRESHOLD<TAB>LEFT<TAB>RIGHT" (node numbers within the
 * tree) or "leaf<TAB>VALUE".  # starts a comment.  The forests are owned
 * here; model_free frees them.
 */
void
model_init(const char *text, size_t len, const char *file)
{
	const char *p = text, *e = text + len, *nl;
	char buf[256], *f[5], *q;
	struct forest *cur = NULL;
	struct node *nd;
	size_t lineno = 0, k, nf, treebase = 0;
	const char *const *names;
	size_t nnames;
	double thr;

	model_free();
	for (; p < e; p = nl + 1) {
		lineno++;
		if ((nl = memchr(p, '\n', e - p)) == NULL)
			nl = e;
		if (nl == p || *p == '#')
			continue;
		if ((size_t)(nl - p) >= sizeof(buf))
			errx(TSV_EXIT_FATAL, "%s:%zu: line too long", file,
			    lineno);
		memcpy(buf, p, nl - p);
		buf[nl - p] = '\0';
		for (nf = 0, q = buf; nf < 5; nf++) {
			f[nf] = strsep(&q, "\t");
			if (q == NULL) {
				nf++;
				break;
			}
		}
		if (strcmp(f[0], "stage") == 0 && nf == 2) {
			k = strtoul(f[1], NULL, 10);
			if (k != 1 && k != 2)
				errx(TSV_EXIT_FATAL, "%s:%zu: stage 1 or 2",
				    file, lineno);
			cur = &stage[k - 1];
			forest_free(cur);
			continue;
		}
		if (cur == NULL)
			errx(TSV_EXIT_FATAL, "%s:%zu: expected stage", file,
			    lineno);
		names = cur == &stage[0] ? feat_name : feat2_name;
		nnames = cur == &stage[0] ? NFEAT : NFEAT2;
		if (strcmp(f[0], "base") == 0 && nf == 2) {
			cur->base = strtod(f[1], NULL);
			continue;
		}
		if (strcmp(f[0], "tree") == 0 && nf == 1) {
			cur->root = ereallocarray(cur->root, cur->ntree + 1,
			    sizeof(*cur->root));
			cur->root[cur->ntree++] = treebase = cur->nnode;
			continue;
		}
		if (cur->ntree == 0)
			errx(TSV_EXIT_FATAL, "%s:%zu: node outside a tree",
			    file, lineno);
		cur->node = ereallocarray(cur->node, cur->nnode + 1,
		    sizeof(*cur->node));
		cur->value = ereallocarray(cur->value, cur->nnode + 1,
		    sizeof(*cur->value));
		cur->value[cur->nnode] = 0;
		nd = &cur->node[cur->nnode++];
		memset(nd, 0, sizeof(*nd));
		if (strcmp(f[0], "leaf") == 0 && nf == 2) {
			nd->feat = -1;
			cur->value[cur->nnode - 1] = strtod(f[1], NULL);
			continue;
		}
		if (nf != 4)
			errx(TSV_EXIT_FATAL, "%s:%zu: expected a node", file,
			    lineno);
		for (k = 0; k < nnames; k++)
			if (strcmp(f[0], names[k]) == 0)
				break;
		if (k == nnames)
			errx(TSV_EXIT_FATAL, "%s:%zu: unknown feature %s",
			    file, lineno, f[0]);
		nd->feat = (int)k;
		thr = strtod(f[1], NULL);
		nd->thr = (float)thr;
		if ((double)nd->thr > thr)
			nd->thr = nextafterf(nd->thr, -INFINITY);
		nd->left = treebase + strtoul(f[2], NULL, 10);
		nd->right = treebase + strtoul(f[3], NULL, 10);
	}
	for (k = 0; k < 2; k++)
		for (nf = 0; nf < stage[k].nnode; nf++)
			if (stage[k].node[nf].feat >= 0 &&
			    (stage[k].node[nf].left >= stage[k].nnode ||
			    stage[k].node[nf].right >= stage[k].nnode ||
			    stage[k].node[nf].left <= nf ||
			    stage[k].node[nf].right <= nf))
				errx(TSV_EXIT_FATAL, "%s: bad node link", file);
	flat_make(&stage[0]);
	flat_make(&stage[1]);
	qs_make(&stage[0], NFEAT);
	qs_make(&stage[1], NFEAT2);
	qs_init();
	for (k = 0; k < LG_TAB; k++)
		lgtab[k] = lg(k);
	for (k = 0; k < 256; k++)
		wbyte[k] = k >= 'A' && k <= 'Z' ? k + 32 :
		    (k >= 'a' && k <= 'z') || (k >= '0' && k <= '9') ||
		    k >= 0x80 ? k : 0;
}

/* The depth of the tree under node i of f. */
static int
tree_depth(const struct forest *f, size_t i)
{
	int l, r;

	if (f->node[i].feat < 0)
		return 0;
	l = tree_depth(f, f->node[i].left);
	r = tree_depth(f, f->node[i].right);
	return 1 + (l > r ? l : r);
}

/*
 * Copy the tree under node i to position p, at depth d, of the flat tree
 * at inner nodes ff, ft and leaves fv, of depth depth.
 */
static void
flat_fill(const struct forest *f, int *ff, float *ft, double *fv, int depth,
    size_t i, size_t p, int d)
{
	size_t ninner = ((size_t)1 << depth) - 1;
	const struct node *nd = &f->node[i];

	if (d == depth) {
		fv[p - ninner] = f->value[i];
		return;
	}
	ff[p] = nd->feat < 0 ? 0 : nd->feat;
	ft[p] = nd->feat < 0 ? 0 : nd->thr;
	flat_fill(f, ff, ft, fv, depth, nd->feat < 0 ? i : nd->left,
	    2 * p + 1, d + 1);
	flat_fill(f, ff, ft, fv, depth, nd->feat < 0 ? i : nd->right,
	    2 * p + 2, d + 1);
}

/*
 * The bounds of what the trees from t on can add to a score, for every
 * t: the sums of their least and of their greatest leaves.
 */
static void
rest_sums(struct forest *f)
{
	size_t t, i, end;
	double lo, hi;

	f->restmin = ereallocarray(NULL, f->ntree + 1, sizeof(*f->restmin));
	f->restmax = ereallocarray(NULL, f->ntree + 1, sizeof(*f->restmax));
	f->restmin[f->ntree] = f->restmax[f->ntree] = 0;
	for (t = f->ntree; t-- > 0;) {
		end = t + 1 < f->ntree ? f->root[t + 1] : f->nnode;
		lo = INFINITY;
		hi = -INFINITY;
		for (i = f->root[t]; i < end; i++)
			if (f->node[i].feat < 0) {
				lo = fmin(lo, f->value[i]);
				hi = fmax(hi, f->value[i]);
			}
		f->restmin[t] = f->restmin[t + 1] + lo;
		f->restmax[t] = f->restmax[t + 1] + hi;
	}
}

/* Make the flat layout of the trees of f that are not too deep. */
static void
flat_make(struct forest *f)
{
	size_t t, tot = 0;
	int d;

	if (f->ntree == 0)
		return;
	f->depth = ereallocarray(NULL, f->ntree, sizeof(*f->depth));
	f->off = ereallocarray(NULL, f->ntree, sizeof(*f->off));
	for (t = 0; t < f->ntree; t++) {
		d = tree_depth(f, f->root[t]);
		f->depth[t] = d > 0 && d <= FLAT_MAXDEPTH ? d : 0;
		f->off[t] = tot;
		if (f->depth[t] > 0)
			tot += (size_t)1 << d;
	}
	f->ffeat = ereallocarray(NULL, tot + 1, sizeof(*f->ffeat));
	f->fthr = ereallocarray(NULL, tot + 1, sizeof(*f->fthr));
	f->fvalue = ereallocarray(NULL, tot + 1, sizeof(*f->fvalue));
	for (t = 0; t < f->ntree; t++)
		if (f->depth[t] > 0)
			flat_fill(f, f->ffeat + f->off[t], f->fthr + f->off[t],
			    f->fvalue + f->off[t], f->depth[t], f->root[t],
			    0, 0);
	rest_sums(f);
}

/* The number of leaves of the tree under node i of f. */
static size_t
tree_leaves(const struct forest *f, size_t i)
{
	if (f->node[i].feat < 0)
		return 1;
	return tree_leaves(f, f->node[i].left) +
	    tree_leaves(f, f->node[i].right);
}

/*
 * Put the tree under node i of f into the bitvector layout: its leaves
 * from *next on into val, its inner nodes at the end of f->qnode (of
 * *nq).  Returns the number of its leaves.
 */
static unsigned
qs_fill(struct forest *f, size_t i, unsigned *next, double *val, size_t *nq)
{
	const struct node *nd = &f->node[i];
	struct qnode *q;
	unsigned lo, n;
	uint64_t left;

	if (nd->feat < 0) {
		val[(*next)++] = f->value[i];
		return 1;
	}
	lo = *next;
	n = qs_fill(f, nd->left, next, val, nq);
	left = (((uint64_t)1 << n) - 1) << lo;
	q = &f->qnode[(*nq)++];
	q->thr = nd->thr;
	q->feat = nd->feat;
	q->mask = (int)(uint32_t)~left;
	return n + qs_fill(f, nd->right, next, val, nq);
}

/* Make the bitvector layout of the trees of f with few enough leaves. */
static void
qs_make(struct forest *f, int nf)
{
	size_t t, nq = 0, i;
	unsigned next;
	int *col, k;

	f->qnode = ereallocarray(NULL, f->nnode + 1, sizeof(*f->qnode));
	f->qoff = ereallocarray(NULL, f->ntree + 1, sizeof(*f->qoff));
	f->qval = ecalloc(f->ntree + 1, QS_MAXLEAF * sizeof(*f->qval));
	for (t = 0; t < f->ntree; t++) {
		f->qoff[t] = nq;
		next = 0;
		if (f->node[f->root[t]].feat >= 0 &&
		    tree_leaves(f, f->root[t]) <= QS_MAXLEAF)
			(void)qs_fill(f, f->root[t], &next,
			    f->qval + QS_MAXLEAF * t, &nq);
	}
	f->qoff[f->ntree] = nq;
	f->qs = 1;
	for (t = 0; t < f->ntree; t++)
		if (f->qoff[t] == f->qoff[t + 1])
			f->qs = 0;
	/* Only the features the trees test go into columns. */
	col = ereallocarray(NULL, nf, sizeof(*col));
	for (k = 0; k < nf; k++)
		col[k] = -1;
	for (i = 0; i < nq; i++)
		col[f->qnode[i].feat] = 0;
	f->used = ereallocarray(NULL, nf, sizeof(*f->used));
	for (k = 0; k < nf; k++)
		if (col[k] == 0) {
			col[k] = f->nused;
			f->used[f->nused++] = k;
		}
	for (i = 0; i < nq; i++)
		f->qnode[i].feat = col[f->qnode[i].feat] * FOREST_BLOCK *
		    (int)sizeof(float);
	free(col);
}


/* One step down a flat tree from inner node i: its child's index. */
static inline size_t
flat_step(const float *x, const int *ff, const float *ft, size_t i)
{
	return 2 * i + 1 + !(x[ff[i]] <= ft[i]);
}

/*
 * The bitvector layout pays where the processor compares eight floats in
 * one instruction (AVX2 on x86-64), which the program asks of it at run
 * time; elsewhere, and for ranges of fewer than QS_MINTREES trees, which
 * do not pay for the columns, the flat layout serves.  Both reach the
 * same leaves.
 */
#define QS_MINTREES	8
#define QS_MINLINES	6	/* nor do fewer lines, for the nodes */
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define QS_LANES	8
#define QS_TARGET	__attribute__((target("avx2")))
typedef float	qs_vf __attribute__((vector_size(4 * QS_LANES)));
typedef int	qs_vi __attribute__((vector_size(4 * QS_LANES)));
#define QS_BROADCAST(type, x)	((type){ x, x, x, x, x, x, x, x })

/*
 * The features of the lines of a block, by feature, QS_LANES lines to a
 * vector.
 */
#define QS_GROUPS	(FOREST_BLOCK / QS_LANES)
static qs_vf	qs_col[NFEAT][QS_GROUPS];
#if QS_GROUPS > 8
#error "qs_masks takes a block to be at most eight vectors"
#endif
static int	qs_on;		/* the processor has AVX2 */

static void
qs_init(void)
{
	__builtin_cpu_init();
	qs_on = __builtin_cpu_supports("avx2");
}

/*
 * Fill qs_col with the features of the lines v[0..n) (n at most
 * FOREST_BLOCK), at v, that the trees of f test; the lanes
 * past n hold 0.  The lines of a page lie in one array, so that a
 * feature of eight lines is one gather, by their offsets from the first;
 * a page too large for offsets of 32 bits is copied one by one.  The
 * gathers of a feature for all the lines go together, inlined for each
 * number of vectors, so that the offsets stay in registers.
 */
#define QS_GATHER1(NG, g) do {						\
	if ((NG) > (g))							\
		qs_col[j][g] = (qs_vf)_mm256_i32gather_ps(p_, i_[g],	\
		    1);							\
} while (0)
#define QS_GATHER(NG) do {						\
	__m256i i_[QS_GROUPS];						\
	const float *p_;						\
									\
	for (g = 0; g < (NG); g++)					\
		memcpy(&i_[g], off + g * QS_LANES, sizeof(i_[g]));	\
	for (j = 0; j < f->nused; j++) {				\
		p_ = (const float *)base + f->used[j];			\
		QS_GATHER1(NG, 0);					\
		QS_GATHER1(NG, 1);					\
		QS_GATHER1(NG, 2);					\
		QS_GATHER1(NG, 3);					\
		QS_GATHER1(NG, 4);					\
		QS_GATHER1(NG, 5);					\
		QS_GATHER1(NG, 6);					\
		QS_GATHER1(NG, 7);					\
	}								\
} while (0)

QS_TARGET static void
qs_columns(const struct forest *f, const float *const *v, size_t n)
{
	const char *base = (const char *)v[0];
	float *c = (float *)qs_col;
	int32_t off[FOREST_BLOCK];
	ptrdiff_t d;
	size_t k, g, ng = (n + QS_LANES - 1) / QS_LANES;
	int j, far = 0;

	for (k = 0; k < ng * QS_LANES; k++) {
		d = k < n ? (const char *)v[k] - base : 0;
		if (d > INT32_MAX - 4 * NFEAT || d < INT32_MIN)
			far = 1;
		off[k] = (int32_t)d;
	}
	if (far) {
		for (k = 0; k < ng * QS_LANES; k++)
			for (j = 0; j < f->nused; j++)
				c[j * FOREST_BLOCK + k] = k < n ?
				    v[k][f->used[j]] : 0;
		return;
	}
	switch (ng) {
	case 1:
		QS_GATHER(1);
		break;
	case 2:
		QS_GATHER(2);
		break;
	case 3:
		QS_GATHER(3);
		break;
	case 4:
		QS_GATHER(4);
		break;
	case 5:
		QS_GATHER(5);
		break;
	case 6:
		QS_GATHER(6);
		break;
	case 7:
		QS_GATHER(7);
		break;
	default:
		QS_GATHER(8);
		break;
	}
	/* The lanes past n gathered the first line's features. */
	for (k = n; k < ng * QS_LANES; k++)
		for (j = 0; j < f->nused; j++)
			c[j * FOREST_BLOCK + k] = 0;
}

/*
 * The masks of the lines in qs_col for the nodes q[0..qe) of a tree, in
 * NG vectors at acc: the AND of the masks of the nodes whose test a line
 * fails.  A feature that is not a number fails every test, and goes
 * right, as in the other layouts.  Inlined for each NG, so that the
 * vectors stay in registers.  The test x <= thr is taken as thr >= x,
 * the same for every x, so that x is read by the compare itself.
 */
#define QS_AND(NG, g) do {						\
	if ((NG) > (g))							\
		a_[g] &= (qs_vi)_mm256_cmp_ps((__m256)t_,		\
		    *(const __m256 *)(const void *)((const char *)qs_col \
		    + q->feat + sizeof(qs_vf) * (g)), _CMP_GE_OS) | m_;	\
} while (0)
#define QS_MASKS(NG) do {						\
	qs_vi a_[QS_GROUPS], m_;					\
	qs_vf t_;							\
	int g_;								\
									\
	for (g_ = 0; g_ < (NG); g_++)					\
		a_[g_] = (qs_vi){ 0 } - 1;				\
	for (; q < qe; q++) {						\
		t_ = QS_BROADCAST(qs_vf, q->thr);			\
		m_ = QS_BROADCAST(qs_vi, q->mask);			\
		QS_AND(NG, 0);						\
		QS_AND(NG, 1);						\
		QS_AND(NG, 2);						\
		QS_AND(NG, 3);						\
		QS_AND(NG, 4);						\
		QS_AND(NG, 5);						\
		QS_AND(NG, 6);						\
		QS_AND(NG, 7);						\
	}								\
	for (g_ = 0; g_ < (NG); g_++)					\
		acc[g_] = a_[g_];					\
} while (0)

QS_TARGET static void
qs_masks(const struct forest *f, size_t t, size_t ng, qs_vi *acc)
{
	const struct qnode *q = f->qnode + f->qoff[t];
	const struct qnode *qe = f->qnode + f->qoff[t + 1];

	switch (ng) {
	case 1:
		QS_MASKS(1);
		break;
	case 2:
		QS_MASKS(2);
		break;
	case 3:
		QS_MASKS(3);
		break;
	case 4:
		QS_MASKS(4);
		break;
	case 5:
		QS_MASKS(5);
		break;
	case 6:
		QS_MASKS(6);
		break;
	case 7:
		QS_MASKS(7);
		break;
	default:
		QS_MASKS(8);
		break;
	}
}

/*
 * Add the trees [t0, t1) of f, all in the bitvector layout, to the scores
 * z of the lines v[0..n) (n at most FOREST_BLOCK): the masks of up to
 * QS_CHUNK trees, then each line's leaves, added in tree order.
 */
#define QS_CHUNK	64
static qs_vi	qs_acc[QS_CHUNK][QS_GROUPS];

/*
 * The number of the lowest bit set in each lane of a (no lane is 0): the
 * exponent of the float of the bit alone.  A line's leaf in a tree is the
 * lowest leaf its mask keeps.
 */
QS_TARGET static inline __m128i
lowest_bit4(__m128i a)
{
	a = _mm_and_si128(a, _mm_sub_epi32(_mm_setzero_si128(), a));
	a = _mm_castps_si128(_mm_cvtepi32_ps(a));
	return _mm_sub_epi32(_mm_and_si128(_mm_srli_epi32(a, 23),
	    _mm_set1_epi32(0xff)), _mm_set1_epi32(127));
}

/* lowest_bit4 for eight lanes. */
QS_TARGET static inline __m256i
lowest_bit8(__m256i a)
{
	a = _mm256_and_si256(a, _mm256_sub_epi32(_mm256_setzero_si256(), a));
	a = _mm256_castps_si256(_mm256_cvtepi32_ps(a));
	return _mm256_sub_epi32(_mm256_and_si256(_mm256_srli_epi32(a, 23),
	    _mm256_set1_epi32(0xff)), _mm256_set1_epi32(127));
}

/*
 * Add to z[k..k + 4) the leaves of the lines k to k + 3 in the masks of
 * qs_acc of nt trees whose leaf values start at val, four lines to a
 * vector: a leaf's number is the exponent of the float of its mask's
 * lowest bit, and the four values are one gather.  Each line's sum is
 * taken in tree order, as one line at a time would.
 */
QS_TARGET static void
qs_leaves4(const double *val, size_t nt, size_t k, double *z)
{
	__m256d s = _mm256_loadu_pd(z + k);
	__m128i a, e;
	size_t t;

	for (t = 0; t < nt; t++, val += QS_MAXLEAF) {
		a = _mm_loadu_si128((const __m128i *)((const int *)qs_acc[t] +
		    k));
		e = lowest_bit4(a);
		s = _mm256_add_pd(s, _mm256_i32gather_pd(val, e, 8));
	}
	_mm256_storeu_pd(z + k, s);
}

/*
 * qs_leaves4 for the lines k to k + 7: their leaves' numbers in one
 * vector of eight, their values in two gathers of four.
 */
QS_TARGET static void
qs_leaves8(const double *val, size_t nt, size_t k, double *z)
{
	__m256d s0 = _mm256_loadu_pd(z + k), s1 = _mm256_loadu_pd(z + k + 4);
	__m256i a, e;
	size_t t;

	for (t = 0; t < nt; t++, val += QS_MAXLEAF) {
		a = _mm256_loadu_si256((const __m256i *)((const int *)
		    qs_acc[t] + k));
		e = lowest_bit8(a);
		s0 = _mm256_add_pd(s0, _mm256_i32gather_pd(val,
		    _mm256_castsi256_si128(e), 8));
		s1 = _mm256_add_pd(s1, _mm256_i32gather_pd(val,
		    _mm256_extracti128_si256(e, 1), 8));
	}
	_mm256_storeu_pd(z + k, s0);
	_mm256_storeu_pd(z + k + 4, s1);
}

QS_TARGET static void
qs_block(const struct forest *f, const float *const *v, size_t n,
    size_t t0,
    size_t t1, double *z)
{
	const unsigned *a;
	const double *val;
	size_t t, te, k, ng = (n + QS_LANES - 1) / QS_LANES;
	double s;

	qs_columns(f, v, n);
	for (; t0 < t1; t0 = te) {
		te = t1 - t0 > QS_CHUNK ? t0 + QS_CHUNK : t1;
		for (t = t0; t < te; t++)
			qs_masks(f, t, ng, qs_acc[t - t0]);
		for (k = 0; k + 8 <= n; k += 8)
			qs_leaves8(f->qval + QS_MAXLEAF * t0, te - t0, k, z);
		for (; k + 4 <= n; k += 4)
			qs_leaves4(f->qval + QS_MAXLEAF * t0, te - t0, k, z);
		for (; k < n; k++) {
			a = (const unsigned *)qs_acc + k;
			val = f->qval + QS_MAXLEAF * t0;
			s = z[k];
			for (t = t0; t < te; t++) {
				s += val[__builtin_ctz(*a)];
				a += FOREST_BLOCK;
				val += QS_MAXLEAF;
			}
			z[k] = s;
		}
	}
}

/* The lanes of lines done[0..n) still to score, as bits. */
QS_TARGET static inline int
lanes_live(const unsigned char *done, int n)
{
	int j, live = 0;

	for (j = 0; j < n; j++)
		if (!done[j])
			live |= 1 << j;
	return live;
}

/*
 * Of the lanes in bits cand, whose lines k.. have the sums zs after t
 * trees, those that stage2_done lets leave, lowest first: their done set
 * and their sums stored in z.  Returns them as bits.
 */
QS_TARGET static inline int
lanes_leave(const struct forest *f, struct line **r, const double *zs,
    int cand, size_t t, double threshold, size_t k, double *z,
    unsigned char *done)
{
	int j, left = 0;

	for (j = 0; cand >> j != 0; j++)
		if ((cand >> j & 1) && stage2_done(f, zs[j], t, threshold,
		    &r[k + j]->score)) {
			done[k + j] = 1;
			z[k + j] = zs[j];
			left |= 1 << j;
		}
	return left;
}

/* Store the sums zs of the lanes in bits live to z[k..]. */
QS_TARGET static inline void
lanes_store(const double *zs, int live, size_t k, double *z)
{
	int j;

	for (j = 0; live >> j != 0; j++)
		if (live >> j & 1)
			z[k + j] = zs[j];
}

/*
 * The leaves of the lines k to k + 3 in qs_acc, for trees t0 to te (whose
 * leaf values start at val) added to their sums z[k..k + 4), as in
 * qs_leaves4, each line up to where stage2_done lets it leave (after
 * every STAGE2_STEP trees), as qs_stage2 would one line at a time; a line
 * that leaves gets done set and its sum then in z, one already done is
 * left alone.
 */
QS_TARGET static void
qs_stage2_4(const struct forest *f, struct line **r, const double *val,
    size_t t0, size_t te, double threshold, size_t k, double *z,
    unsigned char *done)
{
	__m256d s = _mm256_loadu_pd(z + k);
	__m128i a, e;
	double zs[4];
	size_t t;
	int live = lanes_live(done + k, 4);

	for (t = t0; t < te && live != 0;) {
		a = _mm_loadu_si128((const __m128i *)((const int *)
		    qs_acc[t - t0] + k));
		e = lowest_bit4(a);
		s = _mm256_add_pd(s, _mm256_i32gather_pd(val, e, 8));
		val += QS_MAXLEAF;
		if (++t % STAGE2_STEP != 0)
			continue;
		_mm256_storeu_pd(zs, s);
		live &= ~lanes_leave(f, r, zs, live, t, threshold, k, z,
		    done);
	}
	_mm256_storeu_pd(zs, s);
	lanes_store(zs, live, k, z);
}

/*
 * The lanes of the sums s after the first t1 trees of f (t1 a multiple
 * of STAGE2_STEP, below the number of trees) for which stage2_done would
 * let the line leave, as bits: the same tests on four lines at once, so
 * that stage2_done is asked only where one holds.
 */
QS_TARGET static int
qs_leave4(const struct forest *f, __m256d s, size_t t1, double threshold)
{
	__m256d m;

	m = _mm256_or_pd(_mm256_cmp_pd(_mm256_add_pd(s,
	    _mm256_set1_pd(f->restmax[t1])),
	    _mm256_set1_pd(threshold - STAGE2_EPS), _CMP_LT_OQ),
	    _mm256_cmp_pd(_mm256_add_pd(s, _mm256_set1_pd(f->restmin[t1])),
	    _mm256_set1_pd(threshold + STAGE2_EPS), _CMP_GT_OQ));
	if (t1 >= STAGE2_FIRST)
		m = _mm256_or_pd(m, _mm256_cmp_pd(_mm256_andnot_pd(
		    _mm256_set1_pd(-0.0), _mm256_sub_pd(s,
		    _mm256_set1_pd(threshold))), _mm256_set1_pd(STAGE2_CLEAR),
		    _CMP_GE_OQ));
	return _mm256_movemask_pd(m);
}

/* qs_stage2_4 for the lines k to k + 7, as qs_leaves8 finds leaves. */
QS_TARGET static void
qs_stage2_8(const struct forest *f, struct line **r, const double *val,
    size_t t0, size_t te, double threshold, size_t k, double *z,
    unsigned char *done)
{
	__m256d s0 = _mm256_loadu_pd(z + k), s1 = _mm256_loadu_pd(z + k + 4);
	__m256i a, e;
	double zs[8];
	size_t t;
	int live = lanes_live(done + k, 8), leave;

	for (t = t0; t < te && live != 0;) {
		a = _mm256_loadu_si256((const __m256i *)((const int *)
		    qs_acc[t - t0] + k));
		e = lowest_bit8(a);
		s0 = _mm256_add_pd(s0, _mm256_i32gather_pd(val,
		    _mm256_castsi256_si128(e), 8));
		s1 = _mm256_add_pd(s1, _mm256_i32gather_pd(val,
		    _mm256_extracti128_si256(e, 1), 8));
		val += QS_MAXLEAF;
		if (++t % STAGE2_STEP != 0 || t >= f->ntree)
			continue;
		leave = live & (qs_leave4(f, s0, t, threshold) |
		    qs_leave4(f, s1, t, threshold) << 4);
		if (leave == 0)
			continue;
		_mm256_storeu_pd(zs, s0);
		_mm256_storeu_pd(zs + 4, s1);
		live &= ~lanes_leave(f, r, zs, leave, t, threshold, k, z,
		    done);
	}
	_mm256_storeu_pd(zs, s0);
	_mm256_storeu_pd(zs + 4, s1);
	lanes_store(zs, live, k, z);
}

/*
 * Stage 2 (see stage2) from tree t0 to t1 for the lines r[0..n), their
 * features at x[0..n) (n at most FOREST_BLOCK), their sums so far in
 * z[0..n): the masks of those trees at once, then each line's leaves in
 * tree order, up to where stage2_done lets it leave, as stage2 would;
 * done[k] says whether line k left.
 */
QS_TARGET static void
qs_stage2(const struct forest *f, struct line **r, const float *const *x,
    size_t n, size_t t0, size_t t1, double threshold, double *z,
    unsigned char *done)
{
	const unsigned *a;
	const double *val;
	double sk;
	size_t t, te, k, ng = (n + QS_LANES - 1) / QS_LANES;

	qs_columns(f, x, n);
	memset(done, 0, n);
	for (; t0 < t1; t0 = te) {
		te = t1 - t0 > QS_CHUNK ? t0 + QS_CHUNK : t1;
		for (t = t0; t < te; t++)
			qs_masks(f, t, ng, qs_acc[t - t0]);
		/* stage2_done lets a line leave every STAGE2_STEP trees. */
		for (k = 0; k + 8 <= n; k += 8)
			qs_stage2_8(f, r, f->qval + QS_MAXLEAF * t0, t0, te,
			    threshold, k, z, done);
		for (; k + 4 <= n; k += 4)
			qs_stage2_4(f, r, f->qval + QS_MAXLEAF * t0, t0, te,
			    threshold, k, z, done);
		for (; k < n; k++) {
			if (done[k])
				continue;
			a = (const unsigned *)qs_acc + k;
			val = f->qval + QS_MAXLEAF * t0;
			sk = z[k];
			for (t = t0; t < te;) {
				sk += val[__builtin_ctz(*a)];
				a += FOREST_BLOCK;
				val += QS_MAXLEAF;
				if (++t % STAGE2_STEP == 0 && stage2_done(f, sk,
				    t, threshold, &r[k]->score)) {
					done[k] = 1;
					break;
				}
			}
			z[k] = sk;
		}
	}
}
#else
static const int qs_on = 0;

static void
qs_init(void)
{
}

static void
qs_stage2(const struct forest *f, struct line **r, const float *const *x,
    size_t n, size_t t0, size_t t1, double threshold, double *z,
    unsigned char *done)
{
	(void)f;
	(void)r;
	(void)x;
	(void)n;
	(void)t0;
	(void)t1;
	(void)threshold;
	(void)z;
	(void)done;
}

static void
qs_block(const struct forest *f, const float *const *v, size_t n,
    size_t t0,
    size_t t1, double *z)
{
	(void)f;
	(void)v;
	(void)n;
	(void)t0;
	(void)t1;
	(void)z;
}
#endif

/*
 * Add the trees [t0, t1) of forest f to the raw scores z of the lines
 * whose features for f are at v[0..n).  Tree by tree, so that the lines
 * go down a flat tree together, in steps the processor overlaps;
 * each line's sum is still taken in tree order.  A feature that is not a
 * number goes right, in both layouts.
 */
static void
forest_block(const struct forest *f, const float *const *v, size_t n,
    size_t t0,
    size_t t1, double *z)
{
	const struct node *nd;
	const int *ff;
	const float *ft, *x;
	const double *fv;
	size_t t, i, k;
	int d, depth;

	if (qs_on && f->qs && t1 - t0 >= QS_MINTREES && n >= QS_MINLINES) {
		qs_block(f, v, n, t0, t1, z);
		return;
	}
	for (t = t0; t < t1; t++) {
		if ((depth = f->depth[t]) > 0) {
			ff = f->ffeat + f->off[t];
			ft = f->fthr + f->off[t];
			fv = f->fvalue + f->off[t] - (((size_t)1 << depth) - 1);
			/* Eight lines at once: eight chains of loads overlap. */
			for (k = 0; k + 8 <= n; k += 8) {
				const float *x0 = v[k];
				const float *x1 = v[k + 1];
				const float *x2 = v[k + 2];
				const float *x3 = v[k + 3];
				const float *x4 = v[k + 4];
				const float *x5 = v[k + 5];
				const float *x6 = v[k + 6];
				const float *x7 = v[k + 7];
				size_t i0 = 0, i1 = 0, i2 = 0, i3 = 0;
				size_t i4 = 0, i5 = 0, i6 = 0, i7 = 0;

				for (d = 0; d < depth; d++) {
					i0 = flat_step(x0, ff, ft, i0);
					i1 = flat_step(x1, ff, ft, i1);
					i2 = flat_step(x2, ff, ft, i2);
					i3 = flat_step(x3, ff, ft, i3);
					i4 = flat_step(x4, ff, ft, i4);
					i5 = flat_step(x5, ff, ft, i5);
					i6 = flat_step(x6, ff, ft, i6);
					i7 = flat_step(x7, ff, ft, i7);
				}
				z[k] += fv[i0];
				z[k + 1] += fv[i1];
				z[k + 2] += fv[i2];
				z[k + 3] += fv[i3];
				z[k + 4] += fv[i4];
				z[k + 5] += fv[i5];
				z[k + 6] += fv[i6];
				z[k + 7] += fv[i7];
			}
			for (; k < n; k++) {
				x = v[k];
				for (i = 0, d = 0; d < depth; d++)
					i = flat_step(x, ff, ft, i);
				z[k] += fv[i];
			}
			continue;
		}
		for (k = 0; k < n; k++) {
			x = v[k];
			i = f->root[t];
			while ((nd = &f->node[i])->feat >= 0)
				i = x[nd->feat] <= nd->thr ? nd->left :
				    nd->right;
			z[k] += f->value[i];
		}
	}
}

/*
 * forest_block over blocks of lines few enough for their features to
 * stay in the first-level cache while all the trees go over them.
 */
static void
forest_range(const struct forest *f, const float *const *v, size_t n,
    size_t t0,
    size_t t1, double *z)
{
	size_t b;

	for (b = 0; b < n; b += FOREST_BLOCK)
		forest_block(f, v + b, n - b < FOREST_BLOCK ? n - b :
		    FOREST_BLOCK, t0, t1, z + b);
}

static int
is_prose(const struct line *l)
{
	return l->hard == NULL && l->nwords >= 10 && l->nstop * 4 >= l->nwords;
}

static float
lg(double x)
{
	return (float)log2(1 + x);
}

/*
 * lg of a count: looked up for the small ones, which are most, since
 * every pass takes it of every line's words, characters and distance to
 * prose.  The table (filled by model_init) holds lg's own values, so the
 * result is the same.
 */
static float
lgn(size_t k)
{
	return k < LG_TAB ? lgtab[k] : lg(k);
}

/*
 * Number the groups of lines of v[0..n) with equal prints in dupgrp, and
 * their count in ngrp, through a hash table of the first line of each
 * group (htab, grown as needed, owned here).
 */
static void
dup_groups(struct line **v, size_t n)
{
	size_t i, h, cap;

	for (cap = 16; cap < 2 * n; cap *= 2)
		;
	if (cap > hcap) {
		free(htab);
		htab = ereallocarray(NULL, cap, sizeof(*htab));
		hcap = cap;
	}
	memset(htab, 0, cap * sizeof(*htab));
	ngrp = 0;
	for (i = 0; i < n; i++) {
		for (h = (size_t)((v[i]->fp * 0x9e3779b97f4a7c15ULL) >> 32) &
		    (cap - 1); htab[h] != NULL && htab[h]->fp != v[i]->fp;
		    h = (h + 1) & (cap - 1))
			;
		if (htab[h] == NULL) {
			htab[h] = v[i];
			v[i]->dupgrp = ngrp++;
		} else
			v[i]->dupgrp = htab[h]->dupgrp;
	}
}

#define WORDS_MAX	64	/* word hashes kept of a line */
#define TOPICS_MAX	128	/* topic hashes kept of a line */
#define TOPIC_MINLEN	4
#define HASH_MUL	0x9e3779b97f4a7c15ULL

/*
 * A bit for each of a few hashes in a table of BLOOM_BITS, to pass over
 * most of the hashes that are none of them without a look.
 */
#define BLOOM_BITS	4096
#define BLOOM_SET(b, h)	((b)[((h) >> 6) & (BLOOM_BITS / 64 - 1)] |= \
	(uint64_t)1 << ((h) & 63))
#define BLOOM_HAS(b, h)	((b)[((h) >> 6) & (BLOOM_BITS / 64 - 1)] >> \
	((h) & 63) & 1)

/*
 * The hash of the word of len bytes (1 or more) at p, as wbyte gives them,
 * 8 bytes past it readable: eight bytes at a time from the low end up, the
 * last ones with zeros after them, and its length.
 */
static inline uint64_t
word_hash(const unsigned char *p, size_t len)
{
	uint64_t x = 1469598103934665603ULL, chunk = 0;
	size_t i = 0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* The bits of the first k bytes of eight, by k. */
	static const uint64_t lowbytes[8] = { 0, 0xff, 0xffff, 0xffffff,
	    0xffffffffULL, 0xffffffffffULL, 0xffffffffffffULL,
	    0xffffffffffffffULL };

	for (; i + 8 <= len; i += 8) {
		memcpy(&chunk, p + i, 8);
		x = (x ^ chunk) * HASH_MUL;
	}
	memcpy(&chunk, p + i, 8);
	chunk &= lowbytes[len - i];
#else
	unsigned sh;

	for (sh = 0; i < len; i++) {
		chunk |= (uint64_t)p[i] << sh;
		if ((sh += 8) == 64) {
			x = (x ^ chunk) * HASH_MUL;
			chunk = 0;
			sh = 0;
		}
	}
#endif
	x = (x ^ chunk ^ len) * HASH_MUL;
	x ^= x >> 32;
	x ^= x >> 17;
	return x;
}

/*
 * A bit for each of the first 64 bytes at p (of which avail are the
 * line's; the last 16 read may go past it, LINE_PAD) that wbyte does not
 * map to 0, none past avail; the bytes with ASCII capitals lowered (as
 * wbyte gives the bytes of words) into lc, and 16 zeros after them.
 */
static inline uint64_t
word_mask(const unsigned char *p, size_t avail, unsigned char *lc)
{
	uint64_t m = 0;
	size_t k;
#if defined(__SSE2__)
	__m128i v, lo, up;

	/* The last 16 bytes go past the end of the line (LINE_PAD). */
	for (k = 0; k < 4 && 16 * k < avail; k++) {
		v = _mm_loadu_si128((const __m128i *)(const void *)
		    (p + 16 * k));
		up = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
		    _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
		lo = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('a' - 1)),
		    _mm_cmplt_epi8(v, _mm_set1_epi8('z' + 1)));
		m |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(v, _mm_or_si128(up, lo)),
		    _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
		    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1))))) << 16 * k;
		_mm_storeu_si128((__m128i *)(void *)(lc + 16 * k), _mm_add_epi8(
		    v, _mm_and_si128(up, _mm_set1_epi8(0x20))));
	}
	_mm_storeu_si128((__m128i *)(void *)(lc + 16 * k),
	    _mm_setzero_si128());
	if (avail < 64)
		m &= ((uint64_t)1 << avail) - 1;
#else
	memset(lc, 0, 64 + 16);
	for (k = 0; k < 64 && k < avail; k++) {
		lc[k] = wbyte[p[k]];
		if (lc[k] != 0)
			m |= (uint64_t)1 << k;
	}
#endif
	return m;
}

/*
 * The hashes of the words of line l into hbuf (grown as needed): its first
 * WORDS_MAX words at whoff, and its first TOPICS_MAX topic words, those of
 * TOPIC_MINLEN bytes or more, after them.  Most function words are shorter,
 * so that topic words mostly say what a line is about.  A word is a run
 * of ASCII letters and digits and bytes above 0x7f, lower case; wbyte
 * gives each such byte as hashed, 0 for the others.  The bytes go in
 * eight at a time, so that a long line costs few multiplications; only
 * equal hashes count, their low bits a first sieve, mixed in last.
 */
static void
hashes_take(struct line *l)
{
	const unsigned char *p = (const unsigned char *)l->p;
	size_t n = l->len, nw = 0, nt = 0, base, len, s, e, r, ws = 0;
	uint64_t x, *w, *t, m, lm, st, en;
	int open = 0;

	if (hlen + WORDS_MAX + TOPICS_MAX > hbcap) {
		hbcap = 2 * (hlen + WORDS_MAX + TOPICS_MAX);
		hbuf = ereallocarray(hbuf, hbcap, sizeof(*hbuf));
	}
	if (n + 64 + 16 > lccap) {
		lccap = 2 * (n + 64 + 16);
		free(lcbuf);
		lcbuf = emalloc(lccap);
	}
	w = hbuf + hlen;
	t = w + WORDS_MAX;
	/*
	 * The words 64 bytes at a time, by a mask of their bytes: a word
	 * starts where the mask goes from 0 to 1 and ends where it goes from
	 * 1 to 0; one still open at the end of the 64 bytes goes on.
	 */
#define TAKE(s, e)	do {						\
	x = word_hash(lcbuf + (s), (e) - (s));				\
	if (nw < WORDS_MAX)						\
		w[nw++] = x;						\
	if ((e) - (s) >= TOPIC_MINLEN && nt < TOPICS_MAX)		\
		t[nt++] = x;						\
	if (nw == WORDS_MAX && nt == TOPICS_MAX)			\
		goto done;						\
} while (0)
	for (base = 0; base < n; base += 64) {
		len = n - base < 64 ? n - base : 64;
		lm = len == 64 ? ~(uint64_t)0 : ((uint64_t)1 << len) - 1;
		m = word_mask(p + base, n - base, lcbuf + base);
		st = m & ~(m << 1 | (uint64_t)open);
		en = m & ~(m >> 1) & lm >> 1;
		if (open) {
			r = ~m == 0 ? 64 : (size_t)__builtin_ctzll(~m);
			if (r < len) {
				open = 0;
				if (r > 0)
					en &= en - 1;
				TAKE(ws, base + r);
			}
		}
		for (; st != 0; st &= st - 1) {
			s = base + __builtin_ctzll(st);
			if (en == 0) {
				open = 1;
				ws = s;
				break;
			}
			e = base + __builtin_ctzll(en) + 1;
			en &= en - 1;
			TAKE(s, e);
		}
	}
	if (open)
		TAKE(ws, n);
#undef TAKE
done:
	memmove(w + nw, t, nt * sizeof(*t));
	l->whoff = hlen;
	l->nwh = (unsigned char)nw;
	l->nth = (unsigned char)nt;
	l->hashed = 1;
	hlen += nw + nt;
}

/*
 * The word hashes (topic set: the topic hashes) of line l, their count in
 * *np: taken once a page (hbuf is owned here, emptied by model_features
 * for each new page), since every pass whose title changed asks for them
 * again.  The pointer holds until the next call.
 */
static const uint64_t *
line_hashes(struct line *l, int topic, size_t *np)
{
	if (!l->hashed)
		hashes_take(l);
	*np = topic ? l->nth : l->nwh;
	return hbuf + l->whoff + (topic ? l->nwh : 0);
}

/*
 * The run of lines v[*a..*b] whose weights w[] have the greatest sum
 * (Kadane's scan); the first such run, a single line when every weight is
 * negative.
 */
static void
best_run(const double *w, size_t n, size_t *a, size_t *b)
{
	double cur = 0, best = -INFINITY;
	size_t i, start = 0;

	*a = *b = 0;
	for (i = 0; i < n; i++) {
		if (cur <= 0) {
			cur = 0;
			start = i;
		}
		cur += w[i];
		if (cur > best) {
			best = cur;
			*a = start;
			*b = i;
		}
	}
}

/*
 * Where line i of v[0..n) lies against the run v[a..b]: y[0] is 1 inside
 * it, y[1] the lg of the words between the line and the run's start when
 * the line is before it, y[2] the lg of the words between the run's end
 * and the line when after it.  sw holds the words of the lines before
 * each line.
 */
static void
run_place(struct line **v, size_t n, const double *sw, size_t a, size_t b,
    size_t i, float *y)
{
	double end = b + 1 < n ? sw[b + 1] : sw[b] + v[b]->nwords;

	y[0] = i >= a && i <= b;
	y[1] = i < a ? lgn((size_t)(sw[a] - sw[i] - v[i]->nwords)) : 0;
	y[2] = i > b ? lgn((size_t)(sw[i] - end)) : 0;
}

/*
 * The page-wide figures of a pass over the lines v[0..n), which
 * model_features sets and model_score reads to fill each line's features
 * when it scores it: a line's features are not kept, but filled for a
 * chunk of lines at a time (see CHUNK), so that a page's memory is its
 * lines' counts and a few sums for each, not their features.
 *
 * The sums over the lines before each line (from pbuf, n + 1 of each):
 * words (sw), lg words (sx0), stop words (sstop), prose lines (sprose)
 * and prose words (spw).  Every term is a count or the float lg of one,
 * so that every sum, in any order, is exact, the same as added up line
 * by line.  The page's main prose is the run v[a..b] (see
 * model_features), share its share of the page's prose words.
 *
 * For the second stage, model_score sets the rest, in pbuf after sw:
 * the stage-1 scores s1p with three of -8 on each side, each line's
 * weight wt and weighed probability wsg, the probabilities sg and their
 * sum weighed by words tot, the blocks' means (see block_means), and
 * the second stage's main run v[a2..b2].
 */
static struct page {
	struct line	**v;
	size_t		 n;
	double		*sw, *sx0, *sstop, *sprose, *spw;
	double		 totprose;
	float		 lgtotwords, lgpage, share;
	size_t		 a, b;
	size_t		 head;		/* the headline, NONE if none */
	double		*s1p, *wt, *wsg, *sg;
	float		*bmean, *nmean;
	double		 tot;
	size_t		 a2, b2;
} pg;

/*
 * What filling the features of the lines in page order carries from one
 * line to the next: the prose lines before and after the line (NONE, n
 * when none), and the line's block, the lines bs to be with no blank or
 * removed line between them, with its features (x[48..51]).
 */
#define NONE	((size_t)-1)
struct fill {
	size_t		 prev, next;
	size_t		 bs, be;
	float		 bx[4];
};

static void
fill_start(struct fill *it)
{
	it->prev = NONE;
	it->next = 0;
	it->bs = it->be = 0;
}

/*
 * The block that starts at line i: its lines get the index of its first
 * line (block), and its words, stop-word share, lines and share of lines
 * that end like a sentence go into it->bx.
 */
static void
block_at(struct fill *it, size_t i)
{
	struct line **v = pg.v;
	size_t j, n = pg.n;
	double stop = 0, ends = 0, w;

	for (j = i; j < n && (j == i || (!v[j]->gap &&
	    v[j] == v[j - 1] + 1)); j++) {
		stop += v[j]->nstop;
		ends += v[j]->endpunct;
		v[j]->block = i;
	}
	w = pg.sw[j] - pg.sw[i];
	it->bx[0] = lgn((size_t)w);
	it->bx[1] = w > 0 ? stop / w : 0;
	it->bx[2] = lgn(j - i);
	it->bx[3] = ends / (j - i);
	it->bs = i;
	it->be = j;
}

/*
 * The model features of line l that its neighbours take too (see struct
 * line), kept in it.
 */
static void
own_kept(struct line *l)
{
	double nwd = l->nwords ? l->nwords : 1;

	l->fwords = lgn(l->nwords);
	l->fstop = l->nstop / nwd;
	l->fcap = l->ncap / nwd;
}

/* The line's own features, from its counts alone, into x[0..NOWN). */
static void
own_features(const struct line *l, float *x)
{
	double nwd = l->nwords ? l->nwords : 1;

	x[0] = l->fwords;
	x[1] = lgn(l->nchars);
	x[2] = l->fstop;
	x[3] = l->fcap;
	x[4] = l->ndigit / nwd;
	x[5] = l->nchars ? (float)l->npunct / l->nchars : 0;
	x[6] = l->endpunct;
	x[7] = l->nlink / nwd;
	x[8] = l->nsep / nwd;
	x[9] = l->ncomma / nwd;
	x[10] = l->nwords ? fminf((float)l->nchars / l->nwords, 20) / 10 : 0;
	x[11] = l->hard != NULL;
}

/*
 * Fill x[0..NFEAT) with the features of line i of the page (see
 * feat_name); the lines must come in page order, from it as fill_start
 * left it.
 */
static void
feat_fill(struct fill *it, size_t i, float *x)
{
	static const int offs[4] = { -2, -1, 1, 2 };
	struct line **v = pg.v, *l = v[i];
	const double *sw = pg.sw, *sprose = pg.sprose;
	size_t n = pg.n, j, k, lo, hi;
	double ww, pw, sws, nwin;
	float d, *y;
	int o, off, np, pr;

	own_features(l, x);
	x[12] = gbuf[l->dupgrp] > 1;
	x[13] = l->tsim;
	x[57] = l->tcov;
	x[14] = i == 0;
	x[15] = l->len > 0 && l->p[0] >= 'a' && l->p[0] <= 'z';
	x[16] = n > 1 ? (float)i / (n - 1) : 0;
	pr = is_prose(l);
	x[17] = pg.totprose > 0 ? pg.spw[i] / pg.totprose : 0;
	x[18] = pg.totprose > 0 ? (pg.totprose - pg.spw[i + 1]) /
	    pg.totprose : 0;
	x[20] = pr;
	x[22] = pg.lgtotwords;
	x[23] = pg.lgpage;
	/* The nearest other prose lines, both ways. */
	if (it->next <= i) {
		for (j = i + 1; j < n && !is_prose(v[j]); j++)
			;
		it->next = j;
	}
	d = it->prev == NONE ? 1e6f : (float)(i - it->prev);
	if (it->next < n && (float)(it->next - i) < d)
		d = (float)(it->next - i);
	x[19] = d >= 1e6f ? 10 : lgn((size_t)d);
	x[56] = it->prev == NONE ? 20 :
	    lgn((size_t)(sw[i] - sw[it->prev + 1]));
	if (it->next < n)
		x[56] = fminf(x[56], lgn((size_t)(sw[it->next] - sw[i + 1])));
	if (pr)
		it->prev = i;
	/* The neighbours, two each way. */
	for (o = 0; o < 4; o++) {
		y = x + 24 + 5 * o;
		off = offs[o];
		if ((off < 0 && i < (size_t)-off) ||
		    (off > 0 && i + off >= n)) {
			y[0] = y[1] = y[2] = y[3] = y[4] = 0;
			continue;
		}
		j = i + off;
		y[0] = v[j]->fwords;
		y[1] = v[j]->fstop;
		y[2] = v[j]->endpunct;
		y[3] = v[j]->fcap;
		y[4] = 1;
	}
	/* Three lines each way, the line itself left out. */
	lo = i >= 3 ? i - 3 : 0;
	hi = i + 4 < n ? i + 4 : n;
	np = (int)(sprose[hi] - sprose[lo]) - pr;
	x[21] = sprose[i] - sprose[lo] > 0 && sprose[hi] - sprose[i + 1] > 0;
	k = hi - lo - 1;
	ww = pg.sx0[hi] - pg.sx0[lo] - x[0];
	x[44] = k ? ww / k : 0;
	sws = pg.sstop[hi] - pg.sstop[lo] - l->nstop;
	nwin = sw[hi] - sw[lo] - l->nwords;
	x[45] = nwin > 0 ? sws / nwin : 0;
	x[46] = np / 6.0f;
	/* Five lines each way, the line itself in. */
	lo = i >= 5 ? i - 5 : 0;
	hi = i + 6 < n ? i + 6 : n;
	ww = sw[hi] - sw[lo];
	pw = pg.spw[hi] - pg.spw[lo];
	x[47] = ww > 0 ? pw / ww : 0;
	/* The block, then the main run. */
	if (i >= it->be)
		block_at(it, i);
	memcpy(x + 48, it->bx, sizeof(it->bx));
	run_place(v, n, sw, pg.a, pg.b, i, x + 52);
	x[55] = pg.share;
	x[58] = sw[n] > 0 ? sw[i] / sw[n] : 0;
	/* Where the line lies against the headline, in lg words. */
	if (pg.head == NONE)
		x[59] = 30;
	else if (i > pg.head)
		x[59] = lgn((size_t)(sw[i] - sw[pg.head + 1]));
	else if (i < pg.head)
		x[59] = -1 - lgn((size_t)(sw[pg.head] - sw[i + 1]));
	else
		x[59] = 0;
}

/*
 * The share of the title's words (hashes th[0..nt)) among the line's
 * first words (tsim), and of the title's longer words (ch[0..nc), at
 * most 64) that the line's first 128 longer words hold (tcov): an
 * article's paragraphs speak of what its title names.  The blooms hold a
 * bit for each hash of th and ch, to pass over most words.
 */
static void
title_share(struct line *l, const uint64_t *th, size_t nt,
    const uint64_t *tbloom, const uint64_t *ch, size_t nc,
    const uint64_t *cbloom)
{
	const uint64_t *wh;
	uint64_t found = 0;
	size_t j, k, nw, hit = 0;

	l->tsim = 0;
	if (l->nwords <= 40 && nt > 0) {
		wh = line_hashes(l, 0, &nw);
		for (j = 0; j < nw; j++)
			for (k = BLOOM_HAS(tbloom, wh[j]) ? 0 : nt; k < nt;
			    k++)
				if (wh[j] == th[k]) {
					hit++;
					break;
				}
		l->tsim = nw ? (float)hit / nw : 0;
	}
	nw = 0;
	if (nc > 0)
		wh = line_hashes(l, 1, &nw);
	for (j = 0; j < nw; j++)
		if (BLOOM_HAS(cbloom, wh[j]))
			for (k = 0; k < nc; k++)
				if (wh[j] == ch[k])
					found |= (uint64_t)1 << k;
	l->tcov = nc > 0 ? (float)__builtin_popcountll(found) / nc : 0;
}

/*
 * Ready the pass over the lines v[0..n) of a page for model_score, which
 * must follow on the same lines: the sums and figures of pg, each line's
 * count of duplicates, and its share of the title's words (against the
 * first line, as far as that line was not its title already).  The order
 * of v is the page order; fp must be set.  first says v is the page's
 * first set of lines, which gives every line its group of equal prints
 * (dupgrp) and the features its neighbours take; later sets are subsets
 * of it, whose duplicates are counted in their groups.
 *
 * The page's headline (pg.head): of the lines after the first, the one
 * that holds the most of the title's longer words, when it holds half of
 * them or more and half of its own words are the title's; the article
 * starts under it, so that a short article that the prose features miss
 * lies just after it (two-fold CV on dev, both 0.9118 -> 0.9142, body
 * 0.8655 -> 0.8695, over four leaf sizes).
 *
 * The page's main prose: the run of lines where the words of prose lines
 * less the words of the others (and one for each of them) sum highest.
 */
void
model_features(struct line **v, size_t n, int first)
{
	uint64_t th[WORDS_MAX], ch[64];
	uint64_t tbloom[BLOOM_BITS / 64], cbloom[BLOOM_BITS / 64];
	const uint64_t *wh;
	size_t i, k, nt, nc;
	double totprose = 0, totwords = 0, *w;
	int pr;

	if (n == 0)
		return;
	if (n > zcap) {
		zcap = n;
		zbuf = ereallocarray(zbuf, zcap, sizeof(*zbuf));
		gbuf = ereallocarray(gbuf, zcap, sizeof(*gbuf));
	}
	if (PBUF_PER * (n + 2) > pcap) {
		pcap = PBUF_PER * (n + 2);
		pbuf = ereallocarray(pbuf, pcap, sizeof(*pbuf));
	}
	if (first) {
		dup_groups(v, n);
		hlen = 0;
		for (i = 0; i < n; i++) {
			v[i]->hashed = 0;
			own_kept(v[i]);
		}
	}
	/* Duplicates within the page. */
	memset(gbuf, 0, ngrp * sizeof(*gbuf));
	for (i = 0; i < n; i++)
		gbuf[v[i]->dupgrp]++;
	/* The title. */
	wh = line_hashes(v[0], 0, &nt);
	memcpy(th, wh, nt * sizeof(*th));
	memset(tbloom, 0, sizeof(tbloom));
	for (k = 0; k < nt; k++)
		BLOOM_SET(tbloom, th[k]);
	wh = line_hashes(v[0], 1, &nc);
	nc = nc < 64 ? nc : 64;
	memcpy(ch, wh, nc * sizeof(*ch));
	memset(cbloom, 0, sizeof(cbloom));
	for (k = 0; k < nc; k++)
		BLOOM_SET(cbloom, ch[k]);
	v[0]->tsim = v[0]->tcov = 1;
	pg.head = NONE;
	for (i = 1; i < n; i++) {
		if (v[i]->simof != v[0]) {
			title_share(v[i], th, nt, tbloom, ch, nc, cbloom);
			v[i]->simof = v[0];
		}
		if (v[i]->tsim >= 0.5f && v[i]->tcov >= 0.5f &&
		    (pg.head == NONE || v[i]->tcov > v[pg.head]->tcov))
			pg.head = i;
	}
	/* The sums. */
	pg.v = v;
	pg.n = n;
	pg.sw = pbuf;
	pg.sx0 = pg.sw + n + 1;
	pg.sstop = pg.sx0 + n + 1;
	pg.sprose = pg.sstop + n + 1;
	pg.spw = pg.sprose + n + 1;
	pg.sw[0] = pg.sx0[0] = pg.sstop[0] = pg.sprose[0] = pg.spw[0] = 0;
	for (i = 0; i < n; i++) {
		pr = is_prose(v[i]);
		totwords += v[i]->nwords;
		if (pr)
			totprose += v[i]->nwords;
		pg.sx0[i + 1] = pg.sx0[i] + v[i]->fwords;
		pg.sstop[i + 1] = pg.sstop[i] + v[i]->nstop;
		pg.sw[i + 1] = pg.sw[i] + v[i]->nwords;
		pg.sprose[i + 1] = pg.sprose[i] + pr;
		pg.spw[i + 1] = pg.spw[i] + (pr ? v[i]->nwords : 0);
	}
	pg.totprose = totprose;
	pg.lgtotwords = lg(totwords);
	pg.lgpage = lgn(n);
	/* The main run. */
	w = zbuf;
	for (i = 0; i < n; i++)
		w[i] = is_prose(v[i]) ? v[i]->nwords :
		    -(double)v[i]->nwords - 1;
	best_run(w, n, &pg.a, &pg.b);
	pg.share = totprose > 0 ? (pg.spw[pg.b + 1] - pg.spw[pg.a]) /
	    totprose : 0;
}

static double
sigm(double z)
{
	return 1 / (1 + exp(-z));
}

/* Give l its stage-1 score z. */
static void
stage1_set(struct line *l, double z)
{
	l->s1 = l->hard != NULL ? -8 : (float)z;
}


/*
 * Stage 2 for the lines r[0..n), their features at x[0..n): a line leaves
 * as soon as the trees still to come cannot carry its score across
 * threshold either way, with score set to the bound that decided it; or,
 * from STAGE2_FIRST trees on, as soon as its score is STAGE2_CLEAR or more
 * from threshold, with that score.  The others get their full score.  The
 * first way never changes a decision; the second changed none on dev (nor
 * did it at 2), and spares a third of the trees.  Lines are looked at
 * after every STAGE2_STEP trees.  (STAGE2_FIRST and STAGE2_CLEAR are
 * defined at the top, for the bitvector layout.)
 */

/*
 * Whether a line whose sum is z after the first t1 trees of f leaves
 * stage 2 there, with *score set when it does.
 */
static inline int
stage2_done(const struct forest *f, double z, size_t t1, double threshold,
    float *score)
{
	if (t1 % STAGE2_STEP != 0 || t1 >= f->ntree)
		return 0;
	if (z + f->restmax[t1] < threshold - STAGE2_EPS)
		*score = (float)(z + f->restmax[t1]);
	else if (z + f->restmin[t1] > threshold + STAGE2_EPS)
		*score = (float)(z + f->restmin[t1]);
	else if (t1 >= STAGE2_FIRST && fabs(z - threshold) >= STAGE2_CLEAR)
		*score = (float)z;
	else
		return 0;
	return 1;
}

/*
 * Stage 2 by blocks of lines in the bitvector layout, where it serves, the
 * first 2 * STAGE2_FIRST trees, then the rest (on dev, 70% of the lines
 * left by then), else STAGE2_STEP trees at a time; the lines still in go
 * on to the next trees, z as scratch.
 */
static void
stage2(struct line **r, const float **x, size_t n, double threshold,
    double *z)
{
	const struct forest *f = &stage[1];
	unsigned char done[FOREST_BLOCK];
	size_t t0, t1, i, j, k, m;

	for (i = 0; i < n; i++)
		z[i] = f->base;
	for (t0 = 0; t0 < f->ntree && n > 0; t0 = t1) {
		if (qs_on && f->qs && n >= QS_MINLINES) {
			t1 = t0 < 2 * STAGE2_FIRST && f->ntree > 2 *
			    STAGE2_FIRST ? 2 * STAGE2_FIRST : f->ntree;
			for (i = k = 0; i < n; i += m) {
				m = n - i < FOREST_BLOCK ? n - i : FOREST_BLOCK;
				qs_stage2(f, r + i, x + i, m, t0, t1, threshold,
				    z + i, done);
				for (j = 0; j < m; j++)
					if (!done[j]) {
						r[k] = r[i + j];
						x[k] = x[i + j];
						z[k++] = z[i + j];
					}
			}
			n = k;
			continue;
		}
		t1 = t0 + STAGE2_STEP < f->ntree ? t0 + STAGE2_STEP : f->ntree;
		forest_range(f, x, n, t0, t1, z);
		for (i = k = 0; i < n; i++)
			if (!stage2_done(f, z[i], t1, threshold,
			    &r[i]->score)) {
				r[k] = r[i];
				x[k] = x[i];
				z[k++] = z[i];
			}
		n = k;
	}
	for (i = 0; i < n; i++)
		r[i]->score = (float)z[i];
}

/*
 * Stage 1 for the lines r[0..n), their features at x[0..n), with z as
 * scratch: the first STAGE1_FIRST trees for all of them, the rest only for
 * those whose score is then within STAGE1_CLEAR of 0.  The others, most of
 * them, are long prose or plain boilerplate and keep the score of the
 * first trees: the trees after them refine scores near the boundary, and
 * move the clear ones further out.  On dev, 37% of the lines were clear,
 * which took a quarter off stage 1; 19 pages of 1364 came out otherwise,
 * and the F1 figures stayed the same to three places.
 */
#define STAGE1_FIRST	20
#define STAGE1_CLEAR	3.5

static void
stage1(struct line **r, const float **x, size_t n, double *z)
{
	const struct forest *f = &stage[0];
	size_t i, k, t1;

	t1 = f->ntree < STAGE1_FIRST ? f->ntree : STAGE1_FIRST;
	for (i = 0; i < n; i++)
		z[i] = f->base;
	forest_range(f, x, n, 0, t1, z);
	for (i = k = 0; i < n; i++) {
		if (fabs(z[i]) >= STAGE1_CLEAR)
			stage1_set(r[i], z[i]);
		else {
			r[k] = r[i];
			x[k] = x[i];
			z[k++] = z[i];
		}
	}
	forest_range(f, x, k, t1, f->ntree, z);
	for (i = 0; i < k; i++)
		stage1_set(r[i], z[i]);
}

/*
 * The second stage's view of the page: the mean stage-1 probability of
 * each block, its lines weighed by words and one, at the index of its
 * first line in bmean, and that of the block after it in nmean (-1 when
 * none).  sg holds the probabilities.
 */
static void
block_means(struct line **v, size_t n, const double *sg, float *bmean,
    float *nmean)
{
	size_t i, j;
	double ww, wsum;

	for (i = 0; i < n; i = j) {
		ww = wsum = 0;
		for (j = i; j < n && v[j]->block == i; j++) {
			ww += sg[j] * (v[j]->nwords + 1);
			wsum += v[j]->nwords + 1;
		}
		bmean[i] = ww / wsum;
		nmean[i] = -1;
		if (i > 0)
			nmean[v[i - 1]->block] = bmean[i];
	}
}

/*
 * Fill y[0..NFEAT2) with the second-stage features of line i of the page
 * (see feat2_name), from the figures model_score put in pg; the lines
 * must come in page order, *cum 0 at the first (the probability-weighed
 * words before the line).
 */
static void
feat2_fill(size_t i, double *cum, float *y)
{
	struct line **v = pg.v;
	const double *s1p = pg.s1p;
	size_t n = pg.n, j, hi, bs = v[i]->block;
	double ww = 0, wsum = 0, m;

	y[0] = s1p[i + 3];
	y[1] = s1p[i];
	y[2] = s1p[i + 1];
	y[3] = s1p[i + 2];
	y[4] = s1p[i + 4];
	y[5] = s1p[i + 5];
	y[6] = s1p[i + 6];
	/* Five lines each way, weighed by words and one. */
	hi = i + 6 < n ? i + 6 : n;
	for (j = i > 5 ? i - 5 : 0; j < hi; j++) {
		ww += pg.wsg[j];
		wsum += pg.wt[j];
	}
	y[7] = wsum > 0 ? ww / wsum : 0;
	m = -8;
	for (j = i > 5 ? i - 5 : 0; j < i; j++)
		if (s1p[j + 3] > m)
			m = s1p[j + 3];
	y[8] = m;
	m = -8;
	for (j = i + 1; j < hi; j++)
		if (s1p[j + 3] > m)
			m = s1p[j + 3];
	y[9] = m;
	y[10] = pg.tot > 0 ? *cum / pg.tot : 0;
	*cum += pg.sg[i] * v[i]->nwords;
	y[11] = pg.tot > 0 ? (pg.tot - *cum) / pg.tot : 0;
	y[12] = v[i]->fwords;
	y[13] = v[i]->fstop;
	y[14] = v[i]->endpunct;
	y[15] = n > 1 ? (float)i / (n - 1) : 0;
	run_place(v, n, pg.sw, pg.a2, pg.b2, i, y + 16);
	y[19] = pg.bmean[bs];
	y[20] = bs > 0 ? pg.bmean[v[bs - 1]->block] : -1;
	y[21] = pg.nmean[bs];
}

/*
 * Keep the features of every line scored, for model_kept: for --features,
 * which asks for one pass.  The copies are owned here until model_free.
 */
void
model_keep(void)
{
	keep = 1;
}

/*
 * The features for stage second + 1 of line k of the last pass scored,
 * as model_keep asked; NFEAT (NFEAT2) of them.
 */
const float *
model_kept(size_t k, int second)
{
	return second ? kx2 + k * NFEAT2 : kx + k * NFEAT;
}

/*
 * Score the lines v[0..n), which model_features readied: stage 1 from
 * each line's features, then, when the model has a second stage, stage 2
 * from the stage-1 scores of the line and its neighbours, the smoothing
 * step.  l->score ends on the side of threshold where the raw model score
 * is (> threshold keeps).  The features of a stage are filled for CHUNK
 * lines at a time, scored, and dropped.
 *
 * Every line is scored in every pass: a removal moves the page-wide
 * features of every line (its place, the page's words and lines, the
 * share of its main run), and on dev nine lines in ten reached other
 * leaves than in the pass before, so that keeping each line's features
 * to find the tenth cost more time than it saved, and half the memory
 * of a line.
 *
 * The second stage's view of the page's main run: the run of lines where
 * the stage-1 probabilities less one half, weighed by words and one, sum
 * highest (a2, b2).
 */
void
model_score(struct line **v, size_t n, double threshold)
{
	struct fill it;
	double cum = 0, *tw;
	size_t i, i0, k, m;

	if (n == 0)
		return;
	if (keep && n > kcap) {
		kcap = n;
		kx = ereallocarray(kx, kcap, NFEAT * sizeof(*kx));
		kx2 = ereallocarray(kx2, kcap, NFEAT2 * sizeof(*kx2));
	}
	fill_start(&it);
	for (i0 = 0; i0 < n; i0 += m) {
		m = n - i0 < CHUNK ? n - i0 : CHUNK;
		for (k = 0; k < m; k++) {
			feat_fill(&it, i0 + k, xc + k * NFEAT);
			xr[k] = xc + k * NFEAT;
			rc[k] = v[i0 + k];
		}
		if (keep)
			memcpy(kx + i0 * NFEAT, xc, m * NFEAT * sizeof(*xc));
		stage1(rc, xr, m, zc);
	}
	/*
	 * The sums after sw are done with: in their place, the scores with
	 * three of -8 on each side, for the neighbours; each line's weight
	 * and weighed probability, for the window of five lines each way,
	 * summed in page order as before; the probabilities, and the blocks'
	 * means (as the floats the features take).  The weights for the main
	 * run go in zbuf.
	 */
	pg.s1p = pg.sx0;
	pg.wt = pg.s1p + n + 6;
	pg.wsg = pg.wt + n;
	pg.sg = pg.wsg + n;
	pg.bmean = (float *)(pg.sg + n);
	pg.nmean = pg.bmean + n;
	tw = zbuf;
	pg.tot = 0;
	for (i = 0; i < n; i++) {
		pg.sg[i] = sigm(v[i]->s1);
		pg.tot += pg.sg[i] * v[i]->nwords;
	}
	for (i = 0; i < n; i++) {
		pg.s1p[i + 3] = v[i]->s1;
		pg.wt[i] = v[i]->nwords + 1;
		pg.wsg[i] = pg.sg[i] * pg.wt[i];
	}
	pg.s1p[0] = pg.s1p[1] = pg.s1p[2] = -8;
	pg.s1p[n + 3] = pg.s1p[n + 4] = pg.s1p[n + 5] = -8;
	block_means(v, n, pg.sg, pg.bmean, pg.nmean);
	for (i = 0; i < n; i++)
		tw[i] = (pg.sg[i] - 0.5) * (v[i]->nwords + 1);
	best_run(tw, n, &pg.a2, &pg.b2);
	for (i0 = 0; i0 < n; i0 += m) {
		m = n - i0 < CHUNK ? n - i0 : CHUNK;
		for (k = 0; k < m; k++) {
			feat2_fill(i0 + k, &cum, x2c + k * NFEAT2);
			xr[k] = x2c + k * NFEAT2;
			rc[k] = v[i0 + k];
		}
		if (keep)
			memcpy(kx2 + i0 * NFEAT2, x2c,
			    m * NFEAT2 * sizeof(*x2c));
		if (stage[1].ntree > 0)
			stage2(rc, xr, m, threshold, zc);
		else
			for (k = 0; k < m; k++)
				rc[k]->score = rc[k]->s1;
	}
}
