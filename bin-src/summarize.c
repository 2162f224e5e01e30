/*
 * summarize: append an extractive summary of each record's text.
 *
 * The text is split into sentences, and a first line that reads as a
 * headline is set apart from the body.  Each body sentence is scored by
 * its position (news leads carry the story), its similarity to the rest of
 * the text (degree centrality over cosine similarity, as in LexRank), its
 * overlap with the headline and its length; the best are then chosen one
 * by one, each time discounting a sentence by its similarity to those
 * already chosen (maximal marginal relevance).  The chosen sentences are
 * written in document order, one a line, in the `summary' column; with -s
 * every sentence becomes a row of its own, with its offsets and score.
 *
 * Everything is plain byte scanning, so invalid UTF-8 is only ever bytes:
 * no regular expressions are involved.
 */
#include <ctype.h>
#include <err.h>
#include <getopt.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "data/summarize-abbrev.txt.h"
#include "data/summarize-stopwords.txt.h"

/* Classes of a word in the abbreviation list, as bits. */
#define W_TITLE	0x01	/* never ends a sentence */
#define W_NUM	0x02	/* abbreviation before a number */
#define W_END	0x04	/* may end a sentence */
#define W_START	0x08	/* sentence starter */
#define W_STOP	0x10	/* stop word */

/* Redundancy is weighed against this many chosen sentences at most. */
#define MMR_PICKS	32

/* A word list: an open-addressing set of words pointing into a buffer. */
struct wentry {
	const char	*p;
	size_t		 len;
	uint64_t	 h;
	int		 cls;
};
struct wordset {
	struct wentry	*e;
	size_t		 cap;	/* a power of two */
	size_t		 n;
	int		 fold;	/* compare ASCII case-insensitively */
};

/* A sentence: a span of the text and what scoring knows about it. */
struct sent {
	size_t		 start, end;	/* byte offsets into the text */
	size_t		 tfirst, tn;	/* its distinct terms in doc.terms */
	size_t		 words;		/* white-space separated words */
	double		 rel;		/* relevance before redundancy */
	double		 maxsim;	/* similarity to the chosen ones */
	int		 chosen;
	int		 skipped;	/* did not fit the word budget */
};

/*
 * The working state of one text, reused from record to record so that
 * memory is allocated only when a text is larger than all before it.
 */
struct doc {
	struct sent	*s;		/* s[0] is the headline if hashead */
	size_t		 ns, scap;
	int		 hashead;
	uint32_t	*terms;		/* distinct term ids, by sentence */
	size_t		 nterms, tcap;
	/* Term table: hash -> term id. */
	uint64_t	*hkey;
	uint32_t	*hid;
	size_t		 hcap;
	size_t		*hused;		/* slots in use, to clear them */
	size_t		 nused;
	/* Per term id. */
	double		*g;		/* sum of 1/|u| over sentences u */
	uint32_t	*stamp;		/* last sentence (+1) that had it */
	uint32_t	*mark;		/* last pick (+1) that had it */
	unsigned char	*inhead;	/* in the headline */
	size_t		 nid, idcap;
	size_t		*order;		/* scratch for sorting */
	size_t		 ocap;
	struct tsv_buf	 out;		/* the summary being built */
};

/* Scoring parameters (--weights). */
struct weights {
	double	position;	/* weight of the lead position score */
	double	decay;		/* position score is 1/(i+1)^decay */
	double	centrality;	/* weight of centrality */
	double	headline;	/* weight of headline overlap */
	double	length;		/* words below which a sentence is discounted */
	double	redundancy;	/* penalty per unit of similarity to chosen */
	double	norm;		/* centrality divided by |terms|^norm */
};

/* How much to choose. */
struct limits {
	long long	count;		/* sentences, 0 for no limit */
	long long	words;		/* word budget, 0 for none */
	long long	percent;	/* share of the sentences, 0 for none */
	int		lead;		/* the first sentences (baseline) */
};

enum {
	OPT_LEAD = TSV_OPT_FIRST_PRIVATE,
	OPT_STOPWORDS,
	OPT_WEIGHTS
};

static const struct option longopts[] = {
	TSV_COMMON_LONGOPTS,
	{ "abbreviations",	required_argument,	NULL,	'a' },
	{ "count",		required_argument,	NULL,	'n' },
	{ "lead",		no_argument,		NULL,	OPT_LEAD },
	{ "ratio",		required_argument,	NULL,	'r' },
	{ "sentences",		no_argument,		NULL,	's' },
	{ "stopwords",		required_argument,	NULL,	OPT_STOPWORDS },
	{ "weights",		required_argument,	NULL,	OPT_WEIGHTS },
	{ "words",		required_argument,	NULL,	'w' },
	{ NULL,			0,			NULL,	0 }
};

/* ASCII tests that do not depend on the locale. */
#define IS_ALPHA(c)	(((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z')
#define IS_UPPER(c)	((c) >= 'A' && (c) <= 'Z')
#define IS_DIGIT(c)	((c) >= '0' && (c) <= '9')

/* Byte classes, filled by init_tables. */
#define B_WORD	0x01	/* ASCII letter or digit, or any byte >= 0x80 */
static unsigned char	bclass[256];
static unsigned char	lower[256];
static unsigned char	wlower[256];	/* lower case of a word byte, or 0 */

static struct wordset	abbrevs;	/* abbreviations and starters */
static struct wordset	stops;		/* stop words */
static size_t		stopmax;	/* the length of the longest */
/* A one-hash Bloom filter of the stop words' hashes: most words miss. */
#define STOPBITS_MASK	4095
static unsigned char	stopbits[STOPBITS_MASK + 1];
/* The stop words' hashes (xor length, low bit set), open addressing. */
static uint64_t		*stoph;
static size_t		 stopmask;

static void	usage(int) __attribute__((noreturn));
static void	init_tables(void);
static uint64_t	hash_step(uint64_t, unsigned char);
static int	is_stop(uint64_t, size_t);
static int	wordset_find(const struct wordset *, uint64_t, const char *,
		    size_t);
static uint64_t	hash_bytes(const char *, size_t, int);
static void	wordset_add(struct wordset *, const char *, size_t, int);
static int	wordset_get(const struct wordset *, const char *, size_t);
static void	wordset_load(struct wordset *, const char *, size_t,
		    const char *, int);
static void	parse_weights(struct weights *, const char *);
static int	is_space(const char *, size_t, size_t);
static size_t	space_len(const char *, size_t, size_t);
static int	ends_line(const char *, size_t, size_t);
static size_t	closers(const char *, size_t, size_t);
static size_t	terminal_run(const char *, size_t, size_t, size_t *);
static int	is_boundary(const char *, size_t, size_t, size_t, size_t,
		    size_t);
static int	word_byte(const unsigned char *, size_t, size_t);
static void	add_sentence(struct doc *, const char *, size_t, size_t);
static size_t	next_mark(const char *, size_t, size_t, size_t *);
static void	split_segment(struct doc *, const char *, size_t, size_t);
static void	split(struct doc *, const char *, size_t);
static void	find_headline(struct doc *, const char *, size_t);
static void	terms_reset(struct doc *);
static void	terms_grow(struct doc *);
static uint32_t	term_id(struct doc *, uint64_t);
static void	tokenize(struct doc *, const char *, struct sent *, uint32_t);
static void	score(struct doc *, const struct weights *, int);
static void	choose(struct doc *, const struct limits *,
		    const struct weights *);
static void	build_summary(struct doc *, const char *);
static void	add_clean(struct tsv_buf *, const char *, size_t);
static void	summarize(struct doc *, const char *, size_t,
		    const struct weights *, const struct limits *);
static void	doc_free(struct doc *);
static int	same_word(const struct wentry *, const char *, size_t, int);
static int	is_opener(unsigned char);
static int	by_value(const void *, const void *);
static void	pick(struct doc *, size_t, uint32_t, int);
static void	write_sentences(struct tsv_writer *, struct tsv_row *,
		    const struct tsv_rec *, const size_t *, size_t,
		    const struct doc *, const char *, struct tsv_buf *);

/* -h prints the synopsis on stdout and succeeds; a usage error fails. */
static void
usage(int status)
{
	fprintf(status == 0 ? stdout : stderr,
	    "usage: %s [-hlsV] [-a file] [-f field] [-n count] [-r percent] "
	    "[-w words]\n"
	    "\t[--id name] [--lead] [--rejects file] [--stats] "
	    "[--stopwords file]\n"
	    "\t[--weights list] [file ...]\n", getprogname());
	exit(status == 0 ? TSV_EXIT_OK : TSV_EXIT_FATAL);
}

/* Fill the byte class and lower-case tables. */
static void
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
static int
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

/*
 * Parse --weights: a comma-separated list of name=number, each name one of
 * the fields of struct weights.
 */
static void
parse_weights(struct weights *w, const char *arg)
{
	static const char *names[] = { "position", "decay", "centrality",
	    "headline", "length", "redundancy", "norm" };
	double *slot[7];
	const char *p = arg, *eq;
	char *end;
	size_t i, n;
	double v;

	slot[0] = &w->position;
	slot[1] = &w->decay;
	slot[2] = &w->centrality;
	slot[3] = &w->headline;
	slot[4] = &w->length;
	slot[5] = &w->redundancy;
	slot[6] = &w->norm;
	while (*p != '\0') {
		if ((eq = strchr(p, '=')) == NULL)
			errx(TSV_EXIT_FATAL,
			    "--weights %s: expected name=number", arg);
		n = (size_t)(eq - p);
		for (i = 0; i < 7; i++)
			if (strlen(names[i]) == n &&
			    memcmp(names[i], p, n) == 0)
				break;
		if (i == 7)
			errx(TSV_EXIT_FATAL, "--weights: unknown name %.*s",
			    (int)n, p);
		v = strtod(eq + 1, &end);
		if (end == eq + 1 || (*end != ',' && *end != '\0') ||
		    !isfinite(v) || v < 0 || v > 1000)
			errx(TSV_EXIT_FATAL, "--weights %s: bad number for %s",
			    arg, names[i]);
		*slot[i] = v;
		p = *end == ',' ? end + 1 : end;
	}
}

/*
 * Return 1 when the byte at t[i] (of n) starts white space: ASCII space,
 * TAB, LF, CR, or a no-break space (U+00A0).
 */
static int
is_space(const char *t, size_t n, size_t i)
{
	unsigned char c = (unsigned char)t[i];

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v')
		return 1;
	return c == 0xc2 && i + 1 < n && (unsigned char)t[i + 1] == 0xa0;
}

/* The length of the white space character at t[i]. */
static size_t
space_len(const char *t, size_t n, size_t i)
{
	(void)n;
	return (unsigned char)t[i] == 0xc2 ? 2 : 1;
}

/*
 * Return the number of bytes of closing quotes and brackets at t[i..n):
 * " ' ) ] and the typographic ’ ” » (which may follow a full stop).
 */
static size_t
closers(const char *t, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t j = i;

	for (;;) {
		if (j < n && (u[j] == '"' || u[j] == '\'' || u[j] == ')' ||
		    u[j] == ']'))
			j++;
		else if (j + 2 < n && u[j] == 0xe2 && u[j + 1] == 0x80 &&
		    (u[j + 2] == 0x99 || u[j + 2] == 0x9d))
			j += 3;
		else if (j + 1 < n && u[j] == 0xc2 && u[j + 1] == 0xbb)
			j += 2;
		else
			return j - i;
	}
}

/*
 * At t[i], one of . ! ? or an ellipsis (U+2026), return the end of the run
 * of such marks, and set *dots to the number of marks that were full stops
 * when they were all full stops (else 0).
 */
static size_t
terminal_run(const char *t, size_t n, size_t i, size_t *dots)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t j = i, ndot = 0, other = 0;

	for (;;) {
		if (j < n && u[j] == '.') {
			ndot++;
			j++;
		} else if (j < n && (u[j] == '!' || u[j] == '?')) {
			other++;
			j++;
		} else if (j + 2 < n && u[j] == 0xe2 && u[j + 1] == 0x80 &&
		    u[j + 2] == 0xa6) {
			other++;
			j += 3;
		} else
			break;
	}
	*dots = other == 0 ? ndot : 0;
	return j;
}

/* Return 1 when the last visible character before t[e] ends a sentence. */
static int
ends_line(const char *t, size_t s, size_t e)
{
	const unsigned char *u = (const unsigned char *)t;

	while (e > s && (u[e - 1] == '"' || u[e - 1] == '\'' ||
	    u[e - 1] == ')' || (e - s >= 3 && u[e - 3] == 0xe2 &&
	    u[e - 2] == 0x80 && (u[e - 1] == 0x99 || u[e - 1] == 0x9d)))) {
		if (u[e - 1] >= 0x80)
			e -= 2;
		e--;
	}
	if (e == s)
		return 0;
	if (u[e - 1] == '.' || u[e - 1] == '!' || u[e - 1] == '?')
		return 1;
	return e - s >= 3 && u[e - 3] == 0xe2 && u[e - 2] == 0x80 &&
	    u[e - 1] == 0xa6;
}

/* Return 1 for the bytes an opening quote or bracket may start with. */
static int
is_opener(unsigned char c)
{
	return c == '"' || c == '\'' || c == '(' || c == '[';
}

/*
 * Decide whether the terminal marks t[i..j) end the sentence that began at
 * s, the next word beginning at k (< n).  dots is the number of full stops
 * when the marks are only full stops.
 */
static int
is_boundary(const char *t, size_t s, size_t i, size_t dots, size_t k,
    size_t n)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t w, m, e, pieces, plen;
	int cls, dotted;

	if (u[k] >= 'a' && u[k] <= 'z')
		return 0;
	if (dots != 1)
		return 1;
	/* The word before the full stop, without opening quotes. */
	for (w = i; w > s && !is_space(t, n, w - 1) &&
	    !(u[w - 1] == 0xa0 && w - 1 > s && u[w - 2] == 0xc2); w--)
		continue;
	while (w < i && is_opener(u[w]))
		w++;
	while (w + 3 <= i && u[w] == 0xe2 && u[w + 1] == 0x80 &&
	    (u[w + 2] == 0x98 || u[w + 2] == 0x9c))
		w += 3;
	if (w == i)
		return 1;
	cls = wordset_get(&abbrevs, t + w, i - w);
	if (cls & W_TITLE)
		return 0;
	if (cls & W_NUM)
		return !IS_DIGIT(u[k]);
	if (!(cls & W_END)) {
		/* An initial, or letters with dots (a.m, Ph.D)? */
		dotted = 1;
		pieces = 0;
		plen = 0;
		for (m = w; m < i && dotted; m++) {
			if (u[m] == '.') {
				if (plen == 0)
					dotted = 0;
				pieces++;
				plen = 0;
			} else if (IS_ALPHA(u[m]) && plen < 2)
				plen++;
			else
				dotted = 0;
		}
		if (dotted && (pieces > 0 || (plen == 1 && IS_UPPER(u[w]))))
			cls = W_END;
		else if (s == w && i - w <= 3 && IS_DIGIT(u[w]) &&
		    IS_DIGIT(u[i - 1]))
			return 0;	/* "1. " numbering a line */
	}
	if (!(cls & W_END))
		return 1;
	/* After an abbreviation that may end a sentence: is a starter next? */
	while (k < n && is_opener(u[k]))
		k++;
	for (e = k; e < n && IS_ALPHA(u[e]); e++)
		continue;
	return e > k && (wordset_get(&abbrevs, t + k, e - k) & W_START);
}

/* Append the sentence t[a..b), trimmed of white space, if not empty. */
static void
add_sentence(struct doc *d, const char *t, size_t a, size_t b)
{
	struct sent *s;
	size_t i;

	while (a < b && is_space(t, b, a))
		a += space_len(t, b, a);
	while (b > a && (is_space(t, b, b - 1) || (b - a >= 2 &&
	    (unsigned char)t[b - 1] == 0xa0 &&
	    (unsigned char)t[b - 2] == 0xc2)))
		b -= (unsigned char)t[b - 1] == 0xa0 ? 2 : 1;
	for (i = a; i < b; i++)
		if (word_byte((const unsigned char *)t, i, b))
			break;
	if (i == b)
		return;		/* no word: punctuation only */
	if (d->ns == d->scap) {
		d->scap = d->scap == 0 ? 64 : 2 * d->scap;
		d->s = ereallocarray(d->s, d->scap, sizeof(*d->s));
	}
	s = &d->s[d->ns++];
	memset(s, 0, sizeof(*s));
	s->start = a;
	s->end = b;
}

/*
 * Return the offset of the first of . ! ? and the lead byte of an ellipsis
 * at or after t[i] (b when there is none).  nx caches where each was
 * found last (0 at first), so that the text is searched with memchr, a
 * few times per sentence, not byte by byte.
 */
static size_t
next_mark(const char *t, size_t i, size_t b, size_t *nx)
{
	static const char marks[4] = { '.', '!', '?', (char)0xe2 };
	const char *p;
	size_t k, m = b;

	for (k = 0; k < 4; k++) {
		if (nx[k] < i || nx[k] == 0) {
			p = i < b ? memchr(t + i, marks[k], b - i) : NULL;
			nx[k] = p == NULL ? b : (size_t)(p - t);
		}
		if (nx[k] < m)
			m = nx[k];
	}
	return m;
}

/*
 * Split the segment t[a..b) (a paragraph or a run of lines that belong
 * together) into sentences.  A bullet at its start is left out.
 */
static void
split_segment(struct doc *d, const char *t, size_t a, size_t b)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t s, i, j, k, dots, nx[4] = { 0, 0, 0, 0 };

	while (a < b && is_space(t, b, a))
		a += space_len(t, b, a);
	if (a + 1 < b && (u[a] == '-' || u[a] == '*' || u[a] == '+') &&
	    u[a + 1] == ' ')
		a += 2;
	else if (a + 3 < b && u[a] == 0xe2 && u[a + 1] == 0x80 &&
	    (u[a + 2] == 0xa2 || u[a + 2] == 0x93 || u[a + 2] == 0x94) &&
	    u[a + 3] == ' ')
		a += 4;
	else if (a + 2 < b && u[a] == 0xc2 && u[a + 1] == 0xb7 &&
	    u[a + 2] == ' ')
		a += 3;
	s = a;
	for (i = a; (i = next_mark(t, i, b, nx)) < b; i++) {
		if (u[i] == 0xe2 && !(i + 2 < b && u[i + 1] == 0x80 &&
		    u[i + 2] == 0xa6))
			continue;
		j = terminal_run(t, b, i, &dots);
		j += closers(t, b, j);
		if (j < b && !is_space(t, b, j)) {
			i = j - 1;
			continue;
		}
		for (k = j; k < b && is_space(t, b, k); )
			k += space_len(t, b, k);
		if (k < b && !is_boundary(t, s, i, dots, k, b)) {
			i = j - 1;
			continue;
		}
		add_sentence(d, t, s, j);
		s = k;
		i = k - 1;
	}
	add_sentence(d, t, s, b);
}

/*
 * Split text t[0..n) into sentences.  Lines are joined into one segment
 * only when a line does not end a sentence and the next one starts with a
 * lower-case letter (text wrapped at a fixed width); otherwise a line end
 * ends a sentence, so that headings and bullets stand alone.
 */
static void
split(struct doc *d, const char *t, size_t n)
{
	const unsigned char *u = (const unsigned char *)t;
	const char *nl;
	size_t a = 0, e, k;

	d->ns = 0;
	while (a < n) {
		e = a;
		for (;;) {
			nl = memchr(t + e, '\n', n - e);
			e = nl == NULL ? n : (size_t)(nl - t);
			if (e == n)
				break;
			for (k = e + 1; k < n && (u[k] == ' ' || u[k] == '\t');
			    k++)
				continue;
			if (k < n && u[k] >= 'a' && u[k] <= 'z' &&
			    !ends_line(t, a, e) && e > a)
				e = k;
			else
				break;
		}
		split_segment(d, t, a, e);
		a = e + 1;
	}
}

/*
 * Set the first sentence apart as the headline when it is the whole first
 * line, does not end with a full stop or other terminal mark, is short,
 * and a body follows.
 */
static void
find_headline(struct doc *d, const char *t, size_t n)
{
	const char *nl;
	size_t e;

	d->hashead = 0;
	if (d->ns < 2)
		return;
	nl = memchr(t, '\n', n);
	if (nl == NULL)
		return;
	e = (size_t)(nl - t);
	while (e > 0 && is_space(t, n, e - 1))
		e--;
	if (d->s[0].end != e || ends_line(t, d->s[0].start, e) ||
	    d->s[0].words > 25 || d->s[1].start < (size_t)(nl - t))
		return;
	d->hashead = 1;
}

/* Empty the term table for the next text, keeping its memory. */
static void
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
static inline int
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
static void
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
 * Score the body sentences.  Centrality is the sum of binary cosine
 * similarities to every other sentence, computed through per-term sums so
 * that it costs one pass over the terms, not one per pair.  With lead set
 * the score is position alone.
 */
static void
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
static void
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

/* Append p[0..n) to b with line ends and TABs turned into spaces. */
static void
add_clean(struct tsv_buf *b, const char *p, size_t n)
{
	size_t i, start = b->len;

	tsv_buf_add(b, p, n);
	for (i = start; i < b->len; i++)
		if (b->buf[i] == '\n' || b->buf[i] == '\r' || b->buf[i] == '\t')
			b->buf[i] = ' ';
}

/* Join the chosen sentences of t, in document order, one a line. */
static void
build_summary(struct doc *d, const char *t)
{
	size_t i;

	d->out.len = 0;
	tsv_buf_reserve(&d->out, 0);
	d->out.buf[0] = '\0';
	for (i = d->hashead ? 1 : 0; i < d->ns; i++) {
		if (!d->s[i].chosen)
			continue;
		if (d->out.len > 0)
			tsv_buf_addc(&d->out, '\n');
		add_clean(&d->out, t + d->s[i].start,
		    d->s[i].end - d->s[i].start);
	}
}

/* Split, score and choose the sentences of text t[0..n) into d. */
static void
summarize(struct doc *d, const char *t, size_t n, const struct weights *w,
    const struct limits *lim)
{
	size_t i;

	split(d, t, n);
	terms_reset(d);
	for (i = 0; i < d->ns; i++)
		tokenize(d, t, &d->s[i], (uint32_t)i + 1);
	find_headline(d, t, n);
	if (d->ocap < d->scap) {
		d->ocap = d->scap;
		d->order = ereallocarray(d->order, d->ocap, sizeof(*d->order));
	}
	score(d, w, lim->lead);
	choose(d, lim, w);
	build_summary(d, t);
}

static void
doc_free(struct doc *d)
{
	free(d->s);
	free(d->terms);
	free(d->hkey);
	free(d->hid);
	free(d->hused);
	free(d->g);
	free(d->stamp);
	free(d->mark);
	free(d->inhead);
	free(d->order);
	tsv_buf_free(&d->out);
}

/*
 * Write one row per sentence of the text t: the key columns of rec
 * (indices key[0..nkey)), then the sentence's number (0 for a headline),
 * offsets, score, role and text.
 */
static void
write_sentences(struct tsv_writer *out, struct tsv_row *row,
    const struct tsv_rec *rec, const size_t *key, size_t nkey,
    const struct doc *d, const char *t, struct tsv_buf *clean)
{
	char num[32], start[32], end[32], sc[32];
	const struct sent *s;
	const char *role;
	size_t i, j;

	for (i = 0; i < d->ns; i++) {
		s = &d->s[i];
		for (j = 0; j < nkey; j++)
			tsv_row_set_raw(row, j, rec->f[key[j]].p,
			    rec->f[key[j]].len);
		snprintf(num, sizeof(num), "%zu", d->hashead ? i : i + 1);
		snprintf(start, sizeof(start), "%zu", s->start);
		snprintf(end, sizeof(end), "%zu", s->end);
		if (d->hashead && i == 0) {
			role = "headline";
			sc[0] = '\0';
		} else {
			role = s->chosen ? "summary" : "body";
			snprintf(sc, sizeof(sc), "%.4f", s->rel);
		}
		clean->len = 0;
		add_clean(clean, t + s->start, s->end - s->start);
		tsv_row_set(row, nkey, num, strlen(num));
		tsv_row_set(row, nkey + 1, start, strlen(start));
		tsv_row_set(row, nkey + 2, end, strlen(end));
		tsv_row_set(row, nkey + 3, sc, strlen(sc));
		tsv_row_set(row, nkey + 4, role, strlen(role));
		tsv_row_set(row, nkey + 5, clean->buf, clean->len);
		tsv_write_row(out, row);
	}
}

int
main(int argc, char *argv[])
{
	static const char *sumcol[] = { "summary" };
	static const char *sentcols[] = { "n", "start", "end", "score",
	    "role", "sentence" };
	struct tsv_common opt;
	struct tsv_reader *in;
	struct tsv_writer *out;
	struct tsv_header *hdr;
	struct tsv_rec rec;
	struct tsv_row row;
	struct tsv_buf scratch = { 0 }, abfile = { 0 }, stfile = { 0 };
	struct tsv_buf clean = { 0 };
	struct tsv_span text;
	struct doc d;
	struct weights w = { 1.0, 1.0, 0.5, 1.0, 15.0, 1.0, 0.5 };
	struct limits lim = { 0, 0, 0, 0 };
	const char *abpath = NULL, *stpath = NULL, *names[9];
	size_t key[3], nkey, sumidx, textcol, i, j;
	uint64_t h;
	int ch, sflag = 0, nset = 0;

	setlocale(LC_ALL, "");
	init_tables();
	tsv_common_init(&opt);
	while ((ch = getopt_long(argc, argv, TSV_COMMON_SHORTOPTS "a:n:r:sw:",
	    longopts, NULL)) != -1) {
		if (tsv_common_opt(&opt, ch, optarg))
			continue;
		switch (ch) {
		case 'a':
			abpath = optarg;
			break;
		case 'h':
			usage(0);
		case 'n':
			lim.count = tsv_number("-n", optarg, 1, 1000000);
			nset = 1;
			break;
		case 'r':
			lim.percent = tsv_number("-r", optarg, 1, 100);
			break;
		case 's':
			sflag = 1;
			break;
		case 'w':
			lim.words = tsv_number("-w", optarg, 1, 100000000);
			break;
		case OPT_LEAD:
			lim.lead = 1;
			break;
		case OPT_STOPWORDS:
			stpath = optarg;
			break;
		case OPT_WEIGHTS:
			parse_weights(&w, optarg);
			break;
		default:
			usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (!nset && lim.words == 0 && lim.percent == 0)
		lim.count = 3;

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
	/* Stop words are compared in lower case; a list may not be. */
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

	in = tsv_open(argc, argv, &opt);
	tsv_need_column(in, opt.id);
	textcol = tsv_need_column(in, opt.field);
	out = tsv_writer_stdout(&opt);
	if (sflag) {
		nkey = tsv_key_columns(in, opt.id, NULL, key, names, 3);
		for (i = 0; i < 6; i++)
			names[nkey + i] = sentcols[i];
		hdr = tsv_header_new(names, nkey + 6);
		sumidx = 0;
	} else {
		nkey = 0;
		hdr = tsv_header_extend(tsv_header(in), sumcol, 1, &sumidx);
	}
	tsv_write_header(out, hdr);
	tsv_row_init(&row, hdr->ncols);
	memset(&d, 0, sizeof(d));
	while (tsv_next(in, &rec)) {
		text = tsv_get(&rec, textcol, &scratch);
		summarize(&d, text.p, text.len, &w, &lim);
		if (sflag) {
			write_sentences(out, &row, &rec, key, nkey, &d, text.p,
			    &clean);
			continue;
		}
		tsv_row_from_rec(&row, &rec);
		tsv_row_set(&row, sumidx, d.out.buf, d.out.len);
		tsv_write_row(out, &row);
	}
	doc_free(&d);
	tsv_row_free(&row);
	tsv_header_free(hdr);
	tsv_buf_free(&scratch);
	tsv_buf_free(&clean);
	free(abbrevs.e);
	free(stops.e);
	free(stoph);
	tsv_buf_free(&abfile);
	tsv_buf_free(&stfile);
	return tsv_close(in, out);
}
