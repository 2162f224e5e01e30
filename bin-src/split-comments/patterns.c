/*
 * patterns.c: load the line patterns and classify the lines of a page.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <ctype.h>
#include <err.h>
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "extern.h"


/* Lines longer than this are words, never headers: no pattern runs. */
#define MAXMETA		240
/* At most this many groups of one name in a pattern. */
#define MAXDUP		8
#define REPLYWIN	20	/* lines searched for dates above a "Reply" */
#define ENDWIN		200	/* and above the reply form */
#define RUNGAP		30	/* most lines between repeats of a control */
#define JITAFTER	20	/* lines a line pattern matches before JIT */

enum {
	S_DEFINE, S_HEADER, S_END, S_NOISE, S_VERB, S_REPLY, S_DATE,
	S_GLUE, S_NOTAUTHOR, NSECT
};

static const char *const sectname[NSECT] = {
	"define", "header", "end", "noise", "verb", "reply", "date",
	"glue", "notauthor"
};

/* A group name's numbers in one pattern. */
struct group {
	unsigned	 no[MAXDUP];
	size_t		 n;
};

/* A set of lower-case words: open addressing over a power-of-two table. */
struct words {
	char	**slot;
	size_t	  mask;
	char	**w;		/* the words, for freeing */
	size_t	  n;
	size_t	  longest;	/* the length of the longest word */
	uint32_t  lens[256];	/* bit k: a word of k bytes starts with
				   the byte (bit 31: of 31 or more) */
};

/* Most bytes a line pattern's prefilter looks for; see may_match. */
#define MAXNEED		8
/* Bytes of a line's start that may_match tries, and its answers kept. */
#define PREFIX		3
#define PCACHE_BITS	14
#define PCACHE		(1 << PCACHE_BITS)

/*
 * The answers of a prefilter that asks whether a text's first bytes can
 * start a match (see prefix_may), by those bytes: open addressing.
 */
struct pcache {
	uint32_t	 key[PCACHE];	/* 0 free, else PKEY_MAY and key */
	size_t		 n;
};
#define PKEY_MAY	(1u << 31)

/* Lines whose classification is kept (see memo_find), and their bytes. */
#define MEMO_BITS	14
#define MEMO		(1 << MEMO_BITS)
#define MEMO_TEXT	(MEMO * 32)
#define NOSPAN		0xffff

enum {
	M_NEW,		/* not classified yet */
	M_LINE,		/* classified, not asked whether it is a date */
	M_TEXT,		/* no date line */
	M_DATE		/* a date line */
};

/*
 * What classify and classify_date made of a line, spans as offsets into
 * it (NOSPAN for none): what the next line of the same bytes becomes.
 */
struct memo {
	uint32_t	 toff;		/* its bytes in the memo's text */
	uint16_t	 len;
	unsigned char	 kind, byline, datable;
	unsigned char	 state;		/* M_NEW, M_LINE, M_TEXT, M_DATE */
	unsigned char	 dbyline;
	uint16_t	 fd;
	int		 num;
	uint16_t	 a[2], d[2];	/* author and date: offset, length */
	uint16_t	 da[2], dd[2];	/* the same from classify_date */
	/* page_glue's and page_name's answers, once asked */
	unsigned char	 glued, glue, gbyline;
	unsigned char	 named, nbyline, linked;
	uint16_t	 na[2];
};

/*
 * The end, header, noise and reply patterns, as one pattern per set of
 * alternatives that can start a line with a given byte.
 */
struct linepat {
	pcre2_code		*re;
	pcre2_match_data	*md;
	int			 jit;
	struct group		 a, n;
	/* The prefilter: see may_match. */
	char			 need[MAXNEED + 1];
	size_t			 head;	/* alternatives needing none */
	int			 verbs;	/* the head has (*VERB)s: not tried */
	size_t			 uses;	/* lines matched, see line_match */
};

struct pats {
	struct tsv_buf		 src[NSECT];	/* alternatives, "|"-joined */
	struct tsv_buf		 alt[NSECT];	/* alternatives, NUL-ended */
	int			 given[NSECT];
	pcre2_code		*re[NSECT];
	pcre2_match_data	*md[NSECT];
	struct group		 ga[NSECT], gd[NSECT], gn[NSECT];
	int			 jitted[NSECT];
	struct linepat		*lp;		/* see compile_line */
	size_t			 nlp;
	struct tsv_buf		 heads;		/* see head_may */
	pcre2_code		*hre;		/* heads compiled, when asked */
	short			 bylead[256];	/* first byte -> lp index */
	struct pcache		 pc;		/* see may_match */
	unsigned char		 pc2[128 * 128];	/* see head_may */
	/* Where a date or a verb could start: see start_may. */
	struct pcache		 spc[NSECT];
	int			 sprefix[NSECT];
	pcre2_match_data	*pmd;		/* the prefilters' */
	unsigned char		 verblead[256];	/* bytes that can start a verb */
	pcre2_match_context	*mctx;
	pcre2_jit_stack		*jit;
	struct words		 glue, notauthor;
	struct memo		*memo;		/* see memo_find */
	uint32_t		*mtag;		/* of a slot's hash, 0 if free */
	size_t			 nmemo;
	char			*mtext;
	size_t			 mtlen;
	unsigned		 mgen;		/* bumped when memo is emptied */
};

static void	parse(struct pats *, const char *, size_t, const char *, int);
static void	compile(struct pats *, int, const char *);
static void	groups(const pcre2_code *, const char *, struct group *);
static size_t	word_hash(const char *, size_t);
static void	words(const struct tsv_buf *, struct words *);
static int	in_words(const struct words *, const char *, size_t);
static struct tsv_span span_of(pcre2_match_data *, const struct group *,
		    const char *);
static int	line_match(struct pats *, struct linepat *, const char *,
		    size_t);
static int	run(pcre2_code *, int, pcre2_match_data *, struct pats *,
		    const char *, size_t);
static int	run_at(pcre2_code *, int, pcre2_match_data *, struct pats *,
		    const char *, size_t, size_t);
static int	alpha_word(const char *, size_t, size_t);
static int	date_at(struct pats *, const char *, size_t, size_t, size_t *,
		    size_t *, size_t *);
static int	find_date(struct pats *, const char *, size_t, size_t,
		    size_t *, size_t *);
static size_t	first_digit(const char *, size_t);
static int	calls_groups(const char *, size_t);
static pcre2_code *compile_one(struct pats *, const char *, size_t,
		    const char *, uint32_t, int *);
static void	lead_bytes(const char *, size_t,
		    unsigned char *, int *);
static int	may_match(struct pats *, struct linepat *, const char *,
		    size_t);
static int	head_may(struct pats *, struct linepat *, const char *,
		    size_t);
static int	prefix_may(struct pats *, struct pcache *, pcre2_code *,
		    const char *, size_t, size_t);
static int	start_may(struct pats *, int, const char *, size_t, size_t);
static int	start_prefilter(struct pats *, int);
static size_t	pcache_slot(uint32_t);
static void	compile_line(struct pats *);
static int	is_glue(struct pats *, const char *, size_t);
static int	date_line(struct pats *, const char *, size_t, size_t,
		    struct tsv_span *, struct tsv_span *);
static struct tsv_span first_name(struct pats *, const char *, size_t);
static int	verb_line(struct pats *, const char *, size_t, size_t,
		    struct line *);
static size_t	content_words(struct pats *, const char *, size_t);
static int	glue_only(struct pats *, const char *, size_t);
static int	is_number(const char *, size_t, int *);
static int	has_by(const char *, size_t);
static int	names_comment(const char *, size_t);
static int	points_word(const char *, size_t);
static int	trailer(struct page *, size_t);
static int	replies(struct page *, size_t);
static int	by_block(struct page *, size_t);
static void	repeated_ends(struct page *);
static void	counts_in_controls(struct page *);
static int	comment_number(const char *, size_t);
static int	initial(const char *, size_t);
static int	handle_stop(const char *, size_t);
static size_t	link_len(const char *, size_t);
static void	classify(struct pats *, const char *, size_t, int,
		    struct line *);
static void	classify_date(struct pats *, const char *, size_t,
		    struct line *);
static int	find_verb(struct pats *, const char *, size_t, size_t);
static struct memo *memo_find(struct pats *, const char *, size_t,
		    uint64_t);
static void	span_put(uint16_t *, struct tsv_span, const char *);
static struct tsv_span span_get(const uint16_t *, const char *);
static struct memo *line_memo(struct page *, size_t);
static void	name_of(struct page *, size_t);
static void	classify_line(struct page *, size_t, uint64_t);
static const char *find_lf(const char *, const char *);

/*
 * Parse the pattern text p[0..n) (named file for messages) into sections.
 * With replace set, a section named in the text replaces the one already
 * held; otherwise the text adds to it.
 */
static void
parse(struct pats *pt, const char *p, size_t n, const char *file, int replace)
{
	const char *e = p + n, *nl, *s;
	size_t len, lineno = 0;
	int sec = -1, i;

	while (p < e) {
		lineno++;
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		s = p;
		len = (size_t)(nl - p);
		p = nl < e ? nl + 1 : e;
		while (len > 0 && ASCII_SPACE(s[len - 1]))
			len--;
		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		if (len == 0 || *s == '#')
			continue;
		if (*s == '[' && s[len - 1] == ']') {
			for (sec = -1, i = 0; i < NSECT; i++)
				if (strlen(sectname[i]) == len - 2 &&
				    strncmp(sectname[i], s + 1, len - 2) == 0)
					sec = i;
			if (sec == -1)
				errx(TSV_EXIT_FATAL, "%s:%zu: unknown section "
				    "%.*s", file, lineno, (int)len, s);
			if (replace && !pt->given[sec]) {
				pt->src[sec].len = 0;
				pt->alt[sec].len = 0;
				pt->given[sec] = 1;
			}
			continue;
		}
		if (sec == -1)
			errx(TSV_EXIT_FATAL, "%s:%zu: pattern before any "
			    "[section]", file, lineno);
		if (sec == S_GLUE || sec == S_NOTAUTHOR || sec == S_DEFINE) {
			tsv_buf_add(&pt->src[sec], s, len);
			if (sec != S_DEFINE)
				tsv_buf_addc(&pt->src[sec], '\n');
			continue;
		}
		tsv_buf_add(&pt->alt[sec], s, len);
		tsv_buf_addc(&pt->alt[sec], '\0');
		if (pt->src[sec].len > 0)
			tsv_buf_addc(&pt->src[sec], '|');
		tsv_buf_add(&pt->src[sec], "(?:", 3);
		tsv_buf_add(&pt->src[sec], s, len);
		tsv_buf_addc(&pt->src[sec], ')');
	}
}

/* Record the group numbers of the group called name in re. */
static void
groups(const pcre2_code *re, const char *name, struct group *g)
{
	PCRE2_SPTR first, last;
	uint32_t size;
	int rc;

	g->n = 0;
	rc = pcre2_substring_nametable_scan(re, (PCRE2_SPTR)name, &first,
	    &last);
	if (rc < 0)
		return;
	pcre2_pattern_info(re, PCRE2_INFO_NAMEENTRYSIZE, &size);
	for (; first <= last && g->n < MAXDUP; first += size)
		g->no[g->n++] = (unsigned)(first[0] << 8 | first[1]);
}

/*
 * Could src[0..n) call or refer to a group by name or number, such as
 * the defines' (?&M)?  Any "(?(", "(?&", "(?P", "(?R", "\g", "\k" or
 * "(?" before a digit (maybe signed) says it could.
 */
static int
calls_groups(const char *src, size_t n)
{
	size_t i;

	for (i = 0; i + 2 < n; i++) {
		if (src[i] == '\\' && (src[i + 1] == 'g' || src[i + 1] == 'k'))
			return 1;
		if (src[i] != '(' || src[i + 1] != '?')
			continue;
		if (strchr("(&PR", src[i + 2]) != NULL ||
		    ASCII_DIGIT(src[i + 2]) || ((src[i + 2] == '+' ||
		    src[i + 2] == '-') && i + 3 < n && ASCII_DIGIT(src[i + 3])))
			return 1;
	}
	return 0;
}

/*
 * Compile pattern src[0..n) (for messages: what), with the defines in
 * front when it may call them (a smaller pattern runs faster), and
 * unless jit is NULL, JIT-compile it, *jit telling whether that worked.
 * Returns the code, owned by the caller.
 */
static pcre2_code *
compile_one(struct pats *pt, const char *src, size_t n, const char *what,
    uint32_t opts, int *jit)
{
	struct tsv_buf pat = { 0 };
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE eoff;
	pcre2_code *re;
	int ecode;

	if (calls_groups(src, n))
		tsv_buf_add(&pat, pt->src[S_DEFINE].buf,
		    pt->src[S_DEFINE].len);
	tsv_buf_add(&pat, src, n);
	re = pcre2_compile((PCRE2_SPTR)pat.buf, pat.len, PCRE2_UTF |
	    PCRE2_CASELESS | PCRE2_DUPNAMES | PCRE2_DOLLAR_ENDONLY | opts,
	    &ecode, &eoff, NULL);
	if (re == NULL) {
		pcre2_get_error_message(ecode, msg, sizeof(msg));
		errx(TSV_EXIT_FATAL, "%s pattern: %s", what, (char *)msg);
	}
	if (jit != NULL)
		*jit = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0;
	tsv_buf_free(&pat);
	return re;
}

/*
 * Compile section sec.  The line sections must match a whole trimmed
 * line; the verb runs to the end of the line; the date may stand
 * anywhere.  An empty section never matches.
 */
static void
compile(struct pats *pt, int sec, const char *file)
{
	struct tsv_buf pat = { 0 }, what = { 0 };

	if (pt->src[sec].len == 0)
		tsv_buf_add(&pat, "(*FAIL)", 7);
	else {
		if (sec != S_DATE && sec != S_VERB)
			tsv_buf_addc(&pat, '^');
		tsv_buf_add(&pat, "(?:", 3);
		tsv_buf_add(&pat, pt->src[sec].buf, pt->src[sec].len);
		tsv_buf_addc(&pat, ')');
		if (sec != S_DATE)
			tsv_buf_addc(&pat, '$');
	}
	tsv_buf_add(&what, file, strlen(file));
	tsv_buf_add(&what, ": [", 3);
	tsv_buf_add(&what, sectname[sec], strlen(sectname[sec]));
	tsv_buf_add(&what, "]", 2);
	/*
	 * A date or a verb is tried only where one could start: see
	 * find_date and find_verb.  The whole-line sections are matched
	 * through compile_line's patterns; here they are only checked, so
	 * they need no JIT.  The partial matches of start_may run through
	 * the JIT too.
	 */
	pt->re[sec] = compile_one(pt, pat.buf, pat.len, what.buf,
	    sec == S_DATE || sec == S_VERB ? PCRE2_ANCHORED : 0, NULL);
	if (sec == S_DATE || sec == S_VERB)
		pt->jitted[sec] = pcre2_jit_compile(pt->re[sec],
		    PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD) == 0;
	pt->md[sec] = pcre2_match_data_create_from_pattern(pt->re[sec], NULL);
	if (pt->md[sec] == NULL)
		err(TSV_EXIT_FATAL, "pcre2_match_data_create");
	groups(pt->re[sec], "a", &pt->ga[sec]);
	groups(pt->re[sec], "d", &pt->gd[sec]);
	groups(pt->re[sec], "n", &pt->gn[sec]);
	tsv_buf_free(&pat);
	tsv_buf_free(&what);
}

/*
 * Set in lead the bytes that can start a match of alternative src[0..n):
 * those PCRE2 finds when it studies the pattern, or all of them when it
 * finds none.  Unless need is NULL, set *need to an ASCII byte other than
 * a letter that every match holds (PCRE2's last required code unit), -1
 * when there is none.
 */
static void
lead_bytes(const char *src, size_t n, unsigned char *lead, int *need)
{
	const uint8_t *map = NULL;
	pcre2_code *re;
	uint32_t type = 0, cu = 0;
	PCRE2_SIZE eoff;
	int i, ecode;

	/*
	 * Studied alone: the defines in front would hide its first bytes.
	 * An alternative that needs them starts anywhere.
	 */
	if (need != NULL)
		*need = -1;
	re = pcre2_compile((PCRE2_SPTR)src, n, PCRE2_UTF | PCRE2_CASELESS |
	    PCRE2_DUPNAMES, &ecode, &eoff, NULL);
	if (re == NULL) {
		memset(lead, 1, 256);
		return;
	}
	/*
	 * A letter may match other letters without case, some not ASCII;
	 * and a blank, which nearly every line holds, tells no line apart.
	 */
	pcre2_pattern_info(re, PCRE2_INFO_LASTCODETYPE, &type);
	pcre2_pattern_info(re, PCRE2_INFO_LASTCODEUNIT, &cu);
	if (need != NULL && type == 1 && cu > 0 && cu < 128 &&
	    !ASCII_ALPHA(cu) && !ASCII_SPACE(cu))
		*need = (int)cu;
	type = cu = 0;
	pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type);
	if (type == 1) {
		pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &cu);
		if (cu < 256) {
			lead[cu] = 1;
			lead[tolower((int)cu)] = lead[toupper((int)cu)] = 1;
		} else
			type = 0;
	} else if (type == 0) {
		pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &map);
		if (map != NULL)
			for (i = 0; i < 256; i++)
				if (map[i / 8] & (1u << (i % 8)))
					lead[i] = 1;
	}
	if ((type == 0 && map == NULL) || type == 2)
		memset(lead, 1, 256);
	pcre2_code_free(re);
}

/*
 * Compile the end, header, noise and reply sections into patterns whose
 * marks say which matched, so that a line costs one match; and, since a
 * long alternation is tried one alternative after the other, one pattern
 * for each set of alternatives that can start with the same byte, so that
 * a line tries only those its first byte allows.
 */
static void
compile_line(struct pats *pt)
{
	static const struct { int sec; const char *mark; } part[] = {
		{ S_END, "(*MARK:e)" }, { S_HEADER, "(*MARK:h)" },
		{ S_NOISE, "(*MARK:n)" }, { S_REPLY, "(*MARK:r)" }
	};
	struct {
		const char	*src;
		size_t		 len;
		const char	*mark;
		int		 need;
		int		 head;	/* in a head, without verbs */
	} *alt = NULL;
	unsigned char (*lead)[256] = NULL;
	struct tsv_buf pat = { 0 };
	struct linepat *lp;
	size_t nalt = 0, i, j, b, c, k;
	const char *p, *e;

	for (i = 0; i < sizeof(part) / sizeof(part[0]); i++) {
		p = pt->alt[part[i].sec].buf;
		e = p + pt->alt[part[i].sec].len;
		for (; p < e; p += strlen(p) + 1) {
			alt = ereallocarray(alt, nalt + 1, sizeof(*alt));
			lead = ereallocarray(lead, nalt + 1, sizeof(*lead));
			alt[nalt].src = p;
			alt[nalt].len = strlen(p);
			alt[nalt].mark = part[i].mark;
			alt[nalt].head = 0;
			memset(lead[nalt], 0, sizeof(lead[nalt]));
			lead_bytes(p, alt[nalt].len, lead[nalt],
			    &alt[nalt].need);
			nalt++;
		}
	}
	for (b = 0; b < 256; b++) {
		pt->bylead[b] = -1;
		for (i = 0; i < nalt && !lead[i][b]; i++)
			;
		if (i == nalt)
			continue;
		/* The same set as an earlier byte's shares its pattern. */
		for (c = 0; c < b; c++) {
			if (pt->bylead[c] == -1)
				continue;
			for (j = 0; j < nalt && lead[j][b] == lead[j][c]; j++)
				;
			if (j == nalt)
				break;
		}
		if (c < b) {
			pt->bylead[b] = pt->bylead[c];
			continue;
		}
		pat.len = 0;
		tsv_buf_add(&pat, "^(?:", 4);
		for (j = 0; j < nalt; j++) {
			if (!lead[j][b])
				continue;
			if (pat.len > 4)
				tsv_buf_addc(&pat, '|');
			tsv_buf_add(&pat, "(?:", 3);
			tsv_buf_add(&pat, alt[j].src, alt[j].len);
			tsv_buf_addc(&pat, ')');
			tsv_buf_add(&pat, alt[j].mark, strlen(alt[j].mark));
		}
		tsv_buf_add(&pat, ")$", 2);
		pt->lp = ereallocarray(pt->lp, pt->nlp + 1, sizeof(*pt->lp));
		lp = &pt->lp[pt->nlp];
		memset(lp, 0, sizeof(*lp));
		/*
		 * The prefilter: the bytes the alternatives need, and the
		 * others, the head, whose two first bytes may_match tries.
		 */
		for (j = 0; j < nalt; j++) {
			if (!lead[j][b])
				continue;
			k = strlen(lp->need);
			if (alt[j].need != -1 && (memchr(lp->need,
			    alt[j].need, k) != NULL || k < MAXNEED)) {
				if (memchr(lp->need, alt[j].need, k) == NULL)
					lp->need[k] = (char)alt[j].need;
				continue;
			}
			lp->head++;
			/*
			 * Backtracking verbs ("(*COMMIT)") may end a partial
			 * match early: see head_may.
			 */
			if (memmem(alt[j].src, alt[j].len, "(*", 2) != NULL)
				lp->verbs = 1;
			else
				alt[j].head = 1;
		}
		/* JIT-compiled once it has been used: see line_match. */
		lp->re = compile_one(pt, pat.buf, pat.len, "line",
		    PCRE2_ANCHORED, NULL);
		lp->md = pcre2_match_data_create_from_pattern(lp->re, NULL);
		if (lp->md == NULL)
			err(TSV_EXIT_FATAL, "pcre2_match_data_create");
		groups(lp->re, "a", &lp->a);
		groups(lp->re, "n", &lp->n);
		pt->bylead[b] = (short)pt->nlp++;
	}
	/* All heads in one pattern: see head_may. */
	for (j = 0; j < nalt; j++) {
		if (!alt[j].head)
			continue;
		tsv_buf_add(&pt->heads, pt->heads.len > 0 ? "|(?:" :
		    "^(?:(?:", pt->heads.len > 0 ? 4 : 7);
		tsv_buf_add(&pt->heads, alt[j].src, alt[j].len);
		tsv_buf_addc(&pt->heads, ')');
	}
	if (pt->heads.len > 0)
		tsv_buf_add(&pt->heads, ")$", 2);
	free(alt);
	free(lead);
	tsv_buf_free(&pat);
}

/* FNV-1a of p[0..n) with ASCII letters lower-cased. */
static size_t
word_hash(const char *p, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++) {
		h ^= ASCII_TOLOWER(p[i]);
		h *= 16777619u;
	}
	return h;
}

/*
 * Split a word-list section into lower-case words and index them; w owns
 * the words and the table.
 */
static void
words(const struct tsv_buf *b, struct words *w)
{
	const char *p = b->buf, *e = b->buf + b->len, *nl;
	size_t i, h, size, len;

	memset(w, 0, sizeof(*w));
	while (p < e) {
		nl = memchr(p, '\n', (size_t)(e - p));
		if (nl == NULL)
			nl = e;
		if (nl > p) {
			w->w = ereallocarray(w->w, w->n + 1, sizeof(*w->w));
			w->w[w->n] = emalloc((size_t)(nl - p) + 1);
			for (i = 0; i < (size_t)(nl - p); i++)
				w->w[w->n][i] = (char)tolower(
				    (unsigned char)p[i]);
			w->w[w->n++][i] = '\0';
		}
		p = nl + 1;
	}
	for (i = 0; i < w->n; i++) {
		len = strlen(w->w[i]);
		if (len > w->longest)
			w->longest = len;
		w->lens[(unsigned char)w->w[i][0]] |= 1u <<
		    (len < 31 ? len : 31);
	}
	for (size = 16; size < 2 * w->n + 2; size *= 2)
		;
	w->slot = ecalloc(size, sizeof(*w->slot));
	w->mask = size - 1;
	for (i = 0; i < w->n; i++) {
		h = word_hash(w->w[i], strlen(w->w[i])) & w->mask;
		while (w->slot[h] != NULL)
			h = (h + 1) & w->mask;
		w->slot[h] = w->w[i];
	}
}

/* Is p[0..n) one of the words, ignoring ASCII case? */
static int
in_words(const struct words *w, const char *p, size_t n)
{
	const char *q;
	size_t h, i;

	if (w->slot == NULL || n == 0 || n > w->longest ||
	    (w->lens[ASCII_TOLOWER(*p)] & 1u << (n < 31 ? n : 31)) == 0)
		return 0;
	for (h = word_hash(p, n) & w->mask; (q = w->slot[h]) != NULL;
	    h = (h + 1) & w->mask) {
		for (i = 0; i < n && (unsigned char)q[i] == ASCII_TOLOWER(p[i]);
		    i++)
			;
		if (i == n && q[n] == '\0')
			return 1;
	}
	return 0;
}

/*
 * Load the default patterns def[0..dlen) and, when user is not NULL, the
 * user's file user[0..ulen) over them, and compile them.  The caller owns
 * the result and frees it with pats_free.
 */
struct pats *
pats_load(const char *def, size_t dlen, const char *user, size_t ulen,
    const char *ufile)
{
	struct pats *pt;
	int i;

	pt = ecalloc(1, sizeof(*pt));
	parse(pt, def, dlen, "default patterns", 0);
	if (user != NULL)
		parse(pt, user, ulen, ufile, 1);
	pt->mctx = pcre2_match_context_create(NULL);
	pt->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (pt->mctx == NULL || pt->jit == NULL)
		err(TSV_EXIT_FATAL, "pcre2");
	pcre2_jit_stack_assign(pt->mctx, NULL, pt->jit);
	for (i = S_HEADER; i <= S_DATE; i++)
		compile(pt, i, user != NULL && pt->given[i] ? ufile :
		    "default patterns");
	compile_line(pt);
	if ((pt->pmd = pcre2_match_data_create(1, NULL)) == NULL)
		err(TSV_EXIT_FATAL, "pcre2_match_data_create");
	for (i = S_VERB; i <= S_DATE; i += S_DATE - S_VERB)
		pt->sprefix[i] = start_prefilter(pt, i);
	if (pt->src[S_VERB].len > 0)
		lead_bytes(pt->src[S_VERB].buf, pt->src[S_VERB].len,
		    pt->verblead, NULL);
	words(&pt->src[S_GLUE], &pt->glue);
	words(&pt->src[S_NOTAUTHOR], &pt->notauthor);
	pt->memo = ecalloc(MEMO, sizeof(*pt->memo));
	pt->mtag = ecalloc(MEMO, sizeof(*pt->mtag));
	pt->mtext = emalloc(MEMO_TEXT);
	pt->mgen = 1;
	return pt;
}

void
pats_free(struct pats *pt)
{
	size_t i;

	if (pt == NULL)
		return;
	for (i = 0; i < NSECT; i++) {
		pcre2_match_data_free(pt->md[i]);
		pcre2_code_free(pt->re[i]);
		tsv_buf_free(&pt->src[i]);
	}
	for (i = 0; i < pt->glue.n; i++)
		free(pt->glue.w[i]);
	for (i = 0; i < pt->notauthor.n; i++)
		free(pt->notauthor.w[i]);
	free(pt->glue.w);
	free(pt->notauthor.w);
	free(pt->glue.slot);
	free(pt->notauthor.slot);
	for (i = 0; i < pt->nlp; i++) {
		pcre2_match_data_free(pt->lp[i].md);
		pcre2_code_free(pt->lp[i].re);
	}
	free(pt->lp);
	pcre2_code_free(pt->hre);
	tsv_buf_free(&pt->heads);
	for (i = 0; i < NSECT; i++)
		tsv_buf_free(&pt->alt[i]);
	pcre2_match_data_free(pt->pmd);
	free(pt->memo);
	free(pt->mtag);
	free(pt->mtext);
	pcre2_jit_stack_free(pt->jit);
	pcre2_match_context_free(pt->mctx);
	free(pt);
}

/*
 * Run re on s[0..n) (valid UTF-8) into md, through the JIT when it took
 * the pattern.  A matching error (a hostile line that exhausts the JIT
 * stack) counts as no match.
 */
static int
run(pcre2_code *re, int jit, pcre2_match_data *md, struct pats *pt,
    const char *s, size_t n)
{
	return run_at(re, jit, md, pt, s, n, 0);
}

/* Run re on s[0..n) from offset off, as run does. */
static int
run_at(pcre2_code *re, int jit, pcre2_match_data *md, struct pats *pt,
    const char *s, size_t n, size_t off)
{
	if (jit)
		return pcre2_jit_match(re, (PCRE2_SPTR)s, n, off, 0, md,
		    pt->mctx) > 0;
	return pcre2_match(re, (PCRE2_SPTR)s, n, off, PCRE2_NO_UTF_CHECK, md,
	    pt->mctx) > 0;
}

/*
 * Match the line s[0..n) (valid UTF-8) against lp.  JIT compiling a line
 * pattern costs as much as some 170 matches without it (some 850,000
 * instructions), and all of them most of a short input's time; so a
 * pattern is JIT compiled once JITAFTER lines have been matched against
 * it, as a long input soon does, and the patterns of rare first bytes
 * never are.
 */
static int
line_match(struct pats *pt, struct linepat *lp, const char *s, size_t n)
{
	if (!lp->jit && lp->uses++ == JITAFTER)
		lp->jit = pcre2_jit_compile(lp->re, PCRE2_JIT_COMPLETE) == 0;
	return run(lp->re, lp->jit, lp->md, pt, s, n);
}

/* The span of the first set group of g in the match held by md. */
static struct tsv_span
span_of(pcre2_match_data *md, const struct group *g, const char *s)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	uint32_t nov = pcre2_get_ovector_count(md);
	struct tsv_span sp = { NULL, 0 };
	size_t i;

	for (i = 0; i < g->n; i++) {
		if (g->no[i] >= nov || ov[2 * g->no[i]] == PCRE2_UNSET)
			continue;
		sp.p = s + ov[2 * g->no[i]];
		sp.len = ov[2 * g->no[i] + 1] - ov[2 * g->no[i]];
		break;
	}
	return sp;
}

/*
 * Could the line s[0..n) match lp?  Most lines are words that no
 * alternative takes, so the match is skipped where two things show that
 * none can: no other alternative than those that need a byte (see
 * lead_bytes), the head, can start with the line's first bytes (see
 * head_may), and the line lacks every byte that those others need.
 */
static int
may_match(struct pats *pt, struct linepat *lp, const char *s, size_t n)
{
	const char *c;

	if (head_may(pt, lp, s, n))
		return 1;
	for (c = lp->need; *c != '\0'; c++)
		if (memchr(s, *c, n) != NULL)
			return 1;
	return 0;
}

/*
 * Can the line s[0..n) start a match of lp's head?  A partial match of
 * the head on the line's first bytes alone (up to PREFIX of them, ASCII)
 * tells (PCRE2_PARTIAL_HARD: "no match" means that no text they start
 * matches).  When in doubt (bytes not ASCII, a head with backtracking
 * verbs, an error) it can.  The match is of the heads of all patterns in
 * one, JIT compiled: its others cannot start with the line's first byte,
 * and a match without the JIT costs as much as some ten with it.
 */
static int
head_may(struct pats *pt, struct linepat *lp, const char *s, size_t n)
{
	size_t k, i;

	if (lp->head == 0)
		return 0;
	if (lp->verbs)
		return 1;
	for (k = 0; k < n && k < PREFIX && (unsigned char)s[k] < 128; k++)
		;
	if (k == 0)
		return 1;
	if (pt->hre == NULL) {
		pt->hre = compile_one(pt, pt->heads.buf, pt->heads.len, "line",
		    PCRE2_ANCHORED, NULL);
		pcre2_jit_compile(pt->hre, PCRE2_JIT_PARTIAL_HARD);
	}
	if (k < 2)
		return prefix_may(pt, &pt->pc, pt->hre, s, 0, k);
	/*
	 * The answers for two bytes, which turn most lines away, are kept
	 * in a small table of their own (pc2: 0 unknown, 1 no, 2 may):
	 * the prefilter's table is large, and seldom in the cache.
	 */
	i = (size_t)(unsigned char)s[0] << 7 | (unsigned char)s[1];
	if (pt->pc2[i] == 0)
		pt->pc2[i] = prefix_may(pt, &pt->pc, pt->hre, s, 0, 2) ? 2 : 1;
	if (pt->pc2[i] == 1 || k == 2)
		return pt->pc2[i] == 2;
	return prefix_may(pt, &pt->pc, pt->hre, s, 0, k);
}

/*
 * The first slot of key in a prefilter's table: the top bits of
 * Fibonacci hashing (the low ones depend on the key's low bits only).
 */
static size_t
pcache_slot(uint32_t key)
{
	return (uint32_t)(key * 2654435761u) >> (32 - PCACHE_BITS);
}

/*
 * Can the k (1..PREFIX) ASCII bytes at s start a match of re, with c (0
 * or 1) bytes before them, s[-1], that it may look behind at?  A partial
 * match of re on them alone tells (PCRE2_PARTIAL_HARD: "no match" means
 * that no text they start matches; an error means it can).  The answers
 * are kept in pc, up to PCACHE of them, keyed by the bytes alone: the
 * caller keeps one pc per pattern, or one for patterns told apart by the
 * first byte.  Bytes whose first two can start none (asked first, and
 * shared by many more) need no match of their own: a partial match
 * costs more than the rest of a line's classification.
 */
static int
prefix_may(struct pats *pt, struct pcache *pc, pcre2_code *re,
    const char *s, size_t c, size_t k)
{
	uint32_t key;
	size_t i, h;
	int may;

	key = (uint32_t)k << 29 | (uint32_t)c << 28;
	if (c > 0)
		key |= (uint32_t)(unsigned char)s[-1] << 21;
	for (i = 0; i < k; i++)
		key |= (uint32_t)(unsigned char)s[i] << (14 - 7 * i);
	for (h = pcache_slot(key); pc->key[h] != 0; h = (h + 1) % PCACHE)
		if ((pc->key[h] & ~PKEY_MAY) == key)
			return (pc->key[h] & PKEY_MAY) != 0;
	if (k > 2 && !prefix_may(pt, pc, re, s, c, 2))
		may = 0;
	else
		may = pcre2_match(re, (PCRE2_SPTR)s - c, k + c, c,
		    PCRE2_PARTIAL_HARD | PCRE2_NO_UTF_CHECK, pt->pmd,
		    pt->mctx) != PCRE2_ERROR_NOMATCH;
	if (pc->n >= PCACHE / 4 * 3) {
		/* Full: start again. */
		memset(pc->key, 0, sizeof(pc->key));
		pc->n = 0;
	}
	for (h = pcache_slot(key); pc->key[h] != 0; h = (h + 1) % PCACHE)
		;
	pc->key[h] = key | (may ? PKEY_MAY : 0);
	pc->n++;
	return may;
}

/*
 * Can start_may ask section sec?  Not when its pattern looks behind more
 * than the one byte it is given, nor with backtracking verbs ("(*COMMIT)"),
 * which may end a partial match early.
 */
static int
start_prefilter(struct pats *pt, int sec)
{
	uint32_t lb = 0;

	if (pt->src[sec].len == 0 || memmem(pt->src[sec].buf,
	    pt->src[sec].len, "(*", 2) != NULL ||
	    memmem(pt->src[S_DEFINE].buf, pt->src[S_DEFINE].len, "(*",
	    2) != NULL)
		return 0;
	return pcre2_pattern_info(pt->re[sec], PCRE2_INFO_MAXLOOKBEHIND,
	    &lb) == 0 && lb <= 1;
}

/*
 * Can section sec's anchored pattern match s[0..n) at off?  Most places
 * where a date or a verb is tried start none, and a partial match on the
 * first bytes there, kept (see prefix_may), tells most of them apart at a
 * fraction of the cost of a match.  The byte before them goes with them,
 * for the patterns that look behind one character (a word boundary,
 * "(?<!\\d)"); start_prefilter keeps out those that look further.
 */
static int
start_may(struct pats *pt, int sec, const char *s, size_t n, size_t off)
{
	size_t k;

	if (!pt->sprefix[sec] || (off > 0 &&
	    (unsigned char)s[off - 1] >= 128))
		return 1;
	for (k = 0; off + k < n && k < PREFIX &&
	    (unsigned char)s[off + k] < 128; k++)
		;
	if (k == 0)
		return 1;
	return prefix_may(pt, &pt->spc[sec], pt->re[sec], s + off,
	    off > 0, k);
}

/*
 * Is the word p[0..n) glue: made of punctuation only, or in the glue list
 * once punctuation at its ends is trimmed?
 */
static int
is_glue(struct pats *pt, const char *p, size_t n)
{
	while (n > 0 && ASCII_PUNCT(p[n - 1]))
		n--;
	while (n > 0 && ASCII_PUNCT(*p)) {
		p++;
		n--;
	}
	return n == 0 || in_words(&pt->glue, p, n);
}

/*
 * Is p[0..n) a comment's number, left out when the author follows it:
 * "1. By Name", "#12 Name", or a reply's "#1.2"?
 */
static int
comment_number(const char *p, size_t n)
{
	size_t i = *p == '#';

	if (n > i && p[n - 1] == '.')
		n--;
	if (n == i || n - i > 8 || !ASCII_DIGIT(p[i]) ||
	    !ASCII_DIGIT(p[n - 1]))
		return 0;
	for (; i < n; i++)
		if (!ASCII_DIGIT(p[i]) && (p[i] != '.' ||
		    p[i - 1] == '.'))
			return 0;
	return 1;
}

/*
 * Is s[0..n) a handle closed by a full stop ("SomeDude68."): one word of
 * letters and digits with a digit or a capital inside it, which a
 * sentence of one word ("Thanks.") never has?
 */
static int
handle_stop(const char *s, size_t n)
{
	size_t i;
	int inner = 0;

	if (n < 3 || n > 31 || s[n - 1] != '.' || !ASCII_ALPHA(*s))
		return 0;
	for (i = 1; i + 1 < n; i++) {
		if (!ASCII_ALNUM(s[i]) && s[i] != '_')
			return 0;
		inner |= ASCII_DIGIT(s[i]) || (ASCII_UPPER(s[i]) && ASCII_LOWER(s[i - 1]));
	}
	return inner;
}

/* Does s[0..n) end with an initial: "Marta K."? */
static int
initial(const char *s, size_t n)
{
	return n >= 3 && s[n - 1] == '.' && ASCII_UPPER(s[n - 2]) &&
	    s[n - 3] == ' ';
}

/*
 * The first run of words in s[0..n) that are not glue: the name in
 * "Posted by: Name | ...".  Trailing commas, colons, a "(1234)" user
 * number and a note in brackets after the name are left out.  The span
 * points into s.
 */
static struct tsv_span
first_name(struct pats *pt, const char *s, size_t n)
{
	struct tsv_span sp = { NULL, 0 };
	const char *p = s, *e = s + n, *w;
	int glued = 0;

	for (;;) {
		while (p < e && ASCII_SPACE(*p))
			p++;
		if (p == e)
			break;
		w = p;
		while (p < e && !ASCII_SPACE(*p))
			p++;
		/* "(not verified)", "(guest)": a note after the name */
		if (*w == '(' && p[-1] != ')' && sp.p != NULL &&
		    memchr(p, ')', (size_t)(e - p)) != NULL)
			break;
		/* the reader's points after the name: "Name 12p" */
		if (sp.p != NULL && points_word(w, (size_t)(p - w)))
			break;
		/* "Reply from Name on date": "from" after glue is glue */
		if (is_glue(pt, w, (size_t)(p - w)) ||
		    (*w == '(' && p[-1] == ')') || (sp.p == NULL &&
		    comment_number(w, (size_t)(p - w)) && p < e) ||
		    (sp.p == NULL && glued && p - w == 4 &&
		    strncasecmp(w, "from", 4) == 0)) {
			if (sp.p != NULL)
				break;
			glued = 1;
			continue;
		}
		if (sp.p == NULL)
			sp.p = w;
		sp.len = (size_t)(p - sp.p);
	}
	while (sp.len > 0 && strchr(",;:|.-", sp.p[sp.len - 1]) != NULL &&
	    !initial(sp.p, sp.len))
		sp.len--;
	/* a name has a letter: "( 4:28 PM)" after a date is none */
	for (w = sp.p; w != NULL && w < sp.p + sp.len; w++)
		if (ASCII_ALPHA(*w) || (unsigned char)*w >= 0x80)
			break;
	if (sp.len == 0 || w == sp.p + sp.len) {
		sp.p = NULL;
		sp.len = 0;
	}
	return sp;
}

/* Is p[0..n) a count of a reader's points ("12p", "3pts")? */
static int
points_word(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && ASCII_DIGIT(p[i]); i++)
		;
	return i > 0 && i < n && ((n - i == 1 && (p[i] | 0x20) == 'p') ||
	    (n - i == 3 && strncasecmp(p + i, "pts", 3) == 0));
}

/* Does s[0..n) hold the word "by" (a byline: "Posted by: Name")? */
static int
has_by(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if ((s[i] == 'b' || s[i] == 'B') && (s[i + 1] == 'y' ||
		    s[i + 1] == 'Y') && (i == 0 || !ASCII_ALNUM(s[i - 1])) && (i + 2 == n || !ASCII_ALNUM(s[i + 2])))
			return 1;
	return 0;
}

/*
 * Count the words of s[0..n): the bytes that are no space and follow a
 * space or the start.  Sixteen bytes at a time with SSE2, the starts
 * summed by lane; then eight at a time, a byte's high bit standing for
 * it in the masks.
 */
size_t
nwords(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t w, x, blank, word, starts, in = 0;
	size_t i = 0, k = 0;
	int sp;
#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(' ');
	const __m128i tab = _mm_set1_epi8('\t');
	const __m128i four = _mm_set1_epi8('\r' - '\t');
	const __m128i one = _mm_set1_epi8(1);
	__m128i v, c, wv, prev = _mm_setzero_si128(), sum = prev;
	uint64_t part[2];

	if (n >= 16) {
		for (; i + 16 <= n; i += 16) {
			v = _mm_loadu_si128((const __m128i *)(const void *)
			    (s + i));
			/* ' ', and '\t' to '\r': v - '\t' at most 4 */
			c = _mm_sub_epi8(v, tab);
			c = _mm_cmpeq_epi8(_mm_min_epu8(c, four), c);
			c = _mm_or_si128(c, _mm_cmpeq_epi8(v, space));
			/* a start: a word byte after none (the last lane
			   of the bytes before goes first) */
			wv = _mm_andnot_si128(c, _mm_set1_epi8(-1));
			c = _mm_or_si128(_mm_slli_si128(wv, 1),
			    _mm_srli_si128(prev, 15));
			c = _mm_and_si128(_mm_andnot_si128(c, wv), one);
			sum = _mm_add_epi64(sum, _mm_sad_epu8(c,
			    _mm_setzero_si128()));
			prev = wv;
		}
		_mm_storeu_si128((__m128i *)(void *)part, sum);
		k = (size_t)(part[0] + part[1]);
		in = (uint64_t)(_mm_movemask_epi8(prev) >> 15) << 7;
	}
#endif

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		/* the bytes equal to ' ', and those from '\t' to '\r' */
		x = w ^ (ones * ' ');
		blank = ~(((x & ~high) + ~high) | x | ~high);
		blank |= ((w | high) - ones * '\t') &
		    ~((w | high) - ones * ('\r' + 1)) & ~w & high;
		word = ~blank & high;
		/* a word starts where the byte before (lower) is none */
		starts = word & ~(word << 8 | in);
		k += (size_t)(((starts >> 7) * ones) >> 56);
		in = word >> 56;
	}
	for (; i < n; i++) {
		sp = ASCII_SPACE(s[i]);
		k += !sp && !in;
		in = !sp;
	}
	return k;
}

/*
 * The number of words of line i, counted when first asked for (through
 * page_words): the segmenter asks about the same lines many times.
 */
size_t
count_words(struct page *pg, size_t i)
{
	struct line *l = &pg->l[i];

	if (!l->counted) {
		l->counted = 1;
		l->words = nwords(pg->text + l->off, l->len);
	}
	return l->words;
}

/* Is every word of s[0..n) glue? */
static int
glue_only(struct pats *pt, const char *s, size_t n)
{
	const char *p = s, *e = s + n, *w;

	for (;;) {
		while (p < e && ASCII_SPACE(*p))
			p++;
		if (p == e)
			return 1;
		w = p;
		while (p < e && !ASCII_SPACE(*p))
			p++;
		if (!is_glue(pt, w, (size_t)(p - w)))
			return 0;
	}
}

/* Count the words of s[0..n) that are not glue. */
static size_t
content_words(struct pats *pt, const char *s, size_t n)
{
	const char *p = s, *e = s + n, *w;
	size_t k = 0;

	for (;;) {
		while (p < e && ASCII_SPACE(*p))
			p++;
		if (p == e)
			return k;
		w = p;
		while (p < e && !ASCII_SPACE(*p))
			p++;
		if (!is_glue(pt, w, (size_t)(p - w)))
			k++;
	}
}

/*
 * The index of the first digit of s[0..n), n when there is none; sixteen
 * bytes at a time with SSE2, then eight.
 */
static size_t
first_digit(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t w, x;
	size_t i = 0;
#ifdef __SSE2__
	const __m128i zero = _mm_set1_epi8('0');
	const __m128i nine = _mm_set1_epi8(9);
	__m128i c;
	unsigned m;

	for (; i + 16 <= n; i += 16) {
		c = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)
		    (s + i)), zero);
		m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(c,
		    nine), c));
		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#endif

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		/*
		 * A byte of x is below 10 where w holds a digit; bytes of
		 * 0x80 and up never pass, and a borrow can only flag a byte
		 * above a true one.
		 */
		x = w ^ (ones * '0');
		if (((x - ones * 10) & ~x & high) != 0)
			break;
	}
	for (; i < n && (unsigned char)(s[i] - '0') > 9; i++)
		;
	return i;
}

/* Is s[w..e) a word of letters, maybe with a "." or "," after it? */
static int
alpha_word(const char *s, size_t w, size_t e)
{
	if (e > w && (s[e - 1] == '.' || s[e - 1] == ','))
		e--;
	if (e <= w)
		return 0;
	for (; w < e; w++)
		if (!ASCII_ALPHA(s[w]))
			return 0;
	return 1;
}

/*
 * Try the date pattern at the candidate starts around position i of
 * s[0..n): the two words before it when they are words of letters ("Wed,
 * Oct 24"), a capital after a small letter in the word before ("Name
 * October 29" written without a space), and i itself; the earliest start
 * that matches wins.  Counts the tries in *tries.
 */
static int
date_at(struct pats *pt, const char *s, size_t n, size_t i, size_t *tries,
    size_t *ds, size_t *de)
{
	size_t cand[6], nc = 0, j, k, e, x;
	PCRE2_SIZE *ov;

	cand[nc++] = i;
	for (j = i, k = 0; k < 2 && j > 0; k++) {
		e = j;
		while (e > 0 && s[e - 1] == ' ')
			e--;
		for (j = e; j > 0 && !ASCII_SPACE(s[j - 1]); j--)
			;
		if (k == 0 && e == i) {
			/* glued: "McGettigan10/28/12", "ElizabethOctober" */
			for (e = i; e > j + 1; e--)
				if (ASCII_UPPER(s[e - 1]) &&
				    ASCII_LOWER(s[e - 2]))
					break;
			if (e > j + 1)
				cand[nc++] = e - 1;
			break;
		}
		/*
		 * A month glued to the name before it: "cleverpiggyOctober
		 * 29", "Stephie NOctober 29", "Make-upOctober 22".
		 */
		for (x = e - 1; k == 0 && x > j; x--)
			if (ASCII_UPPER(s[x]) &&
			    (ASCII_LOWER(s[x - 1]) ||
			    ASCII_DIGIT(s[x - 1]) || (x + 1 < e &&
			    ASCII_UPPER(s[x - 1]) &&
			    ASCII_LOWER(s[x + 1])))) {
				cand[nc++] = x;
				break;
			}
		if (!alpha_word(s, j, e) || e - j < 3)
			break;
		cand[nc++] = j;
	}
	while (nc > 0) {
		(*tries)++;
		if (start_may(pt, S_DATE, s, n, cand[--nc]) &&
		    run_at(pt->re[S_DATE], pt->jitted[S_DATE], pt->md[S_DATE],
		    pt, s, n, cand[nc])) {
			ov = pcre2_get_ovector_pointer(pt->md[S_DATE]);
			if (ov[1] == ov[0])
				continue;
			*ds = ov[0];
			*de = ov[1];
			return 1;
		}
	}
	return 0;
}

/*
 * Find the leftmost date in s[0..n), whose first digit is at fd (n when
 * it has none): *ds and *de are set to its span.  Every date has a number
 * or ends with "ago", so the date pattern is tried only near numbers and
 * before a final "ago", which keeps a line of words cheap.  Returns 0 when
 * there is none.
 */
static int
find_date(struct pats *pt, const char *s, size_t n, size_t fd, size_t *ds,
    size_t *de)
{
	size_t i, e, tries = 0;

	if (fd == n) {
		for (e = n; e > 0 && (ASCII_SPACE(s[e - 1]) ||
		    ASCII_PUNCT(s[e - 1])); e--)
			;
		if (e < 3 || ASCII_TOLOWER(s[e - 1]) != 'o' ||
		    strncasecmp(s + e - 3, "ago", 3) != 0 ||
		    (e > 3 && ASCII_ALPHA(s[e - 4])))
			return 0;
		for (i = e - 3; i > 0 && tries == 0; ) {
			/* start at the first of up to three words before */
			size_t w = 0;

			while (i > 0 && w < 3) {
				while (i > 0 && ASCII_SPACE(s[i - 1]))
					i--;
				while (i > 0 && !ASCII_SPACE(s[i - 1]))
					i--;
				w++;
			}
			tries++;
			for (; i < e - 3; i++) {
				if (i > 0 && !ASCII_SPACE(s[i - 1]))
					continue;
				if (start_may(pt, S_DATE, s, n, i) &&
				    run_at(pt->re[S_DATE], pt->jitted[S_DATE],
				    pt->md[S_DATE], pt, s, n, i)) {
					PCRE2_SIZE *ov;

					ov = pcre2_get_ovector_pointer(
					    pt->md[S_DATE]);
					*ds = ov[0];
					*de = ov[1];
					return ov[1] > ov[0];
				}
			}
		}
		return 0;
	}
	/* at the start of every run of digits */
	for (i = fd; i < n && tries < 8; i += first_digit(s + i, n - i)) {
		if (ASCII_DIGIT(s[i]) && (i == 0 || !ASCII_DIGIT(s[i - 1])) &&
		    date_at(pt, s, n, i, &tries, ds, de))
			return 1;
		while (i < n && ASCII_DIGIT(s[i]))
			i++;
	}
	return 0;
}

/*
 * Is s[0..n) a date line: a date with at most a name and glue words
 * around it?  fd is the offset of its first digit, or (size_t)-1 when
 * not known yet.  On success the date and the name (NULL when none) are
 * set.
 */
static int
date_line(struct pats *pt, const char *s, size_t n, size_t fd,
    struct tsv_span *date, struct tsv_span *name)
{
	size_t ds, de, k;

	if (!find_date(pt, s, n, fd == (size_t)-1 ? first_digit(s, n) : fd,
	    &ds, &de))
		return 0;
	/* a date inside a web address is part of the address */
	if (ds > 0 && s[ds - 1] == '/')
		return 0;
	if (n - (de - ds) > 90)
		return 0;
	/* a question about a day ("Was it taken on May 2?") is words */
	if (s[n - 1] == '?')
		return 0;
	k = content_words(pt, s, ds) + content_words(pt, s + de, n - de);
	if (k > 6)
		return 0;
	date->p = s + ds;
	date->len = de - ds;
	*name = first_name(pt, s, ds);
	if (name->p == NULL)
		*name = first_name(pt, s + de, n - de);
	return 1;
}

/*
 * Find the verb of a "Name says:" line in s[0..n); the verb's match is
 * left in the match data.  The verb ends the line but for punctuation or
 * a date, so it is tried at the start of the last word and, in a line
 * with a digit (the first at fd, n if none), at the starts of the words
 * before the first digit.
 */
static int
find_verb(struct pats *pt, const char *s, size_t n, size_t fd)
{
	size_t e = n, w, i, tries = 0;

	while (e > 0 && !ASCII_ALNUM(s[e - 1]))
		e--;	/* trailing ":", "...", an ellipsis */
	for (w = e; w > 0 && ASCII_ALPHA(s[w - 1]); w--)
		;
	if (w < e && (w == 0 || !ASCII_ALNUM(s[w - 1])) &&
	    pt->verblead[(unsigned char)s[w]] && start_may(pt, S_VERB, s, n,
	    w) && run_at(pt->re[S_VERB],
	    pt->jitted[S_VERB], pt->md[S_VERB], pt, s, n, w))
		return 1;
	if ((i = fd) == n)
		return 0;
	/* at the line's start and after every blank */
	for (w = 0; w < i && tries < 10; w++) {
		if (pt->verblead[(unsigned char)s[w]]) {
			tries++;
			if (start_may(pt, S_VERB, s, n, w) &&
			    run_at(pt->re[S_VERB], pt->jitted[S_VERB],
			    pt->md[S_VERB], pt, s, n, w))
				return 1;
		}
		while (w < i && !ASCII_SPACE(s[w]))
			w++;
	}
	return 0;
}

/*
 * Is s[0..n) a "Name says:" line?  The verb pattern gives the name and
 * what follows the verb, which must be nothing or a date; a name must be
 * short, not a pronoun, and not hold a sentence.  Fills the line's author
 * and date.
 */
static int
verb_line(struct pats *pt, const char *s, size_t n, size_t fd,
    struct line *l)
{
	struct tsv_span a, d, dd, dn;
	const char *r;
	size_t i;

	if (!find_verb(pt, s, n, fd))
		return 0;
	a.p = s;
	a.len = pcre2_get_ovector_pointer(pt->md[S_VERB])[0];
	d = span_of(pt->md[S_VERB], &pt->gd[S_VERB], s);
	l->date.p = NULL;
	l->date.len = 0;
	if (d.len > 0) {
		if (!date_line(pt, d.p, d.len, (size_t)-1, &dd, &dn) ||
		    dn.p != NULL)
			return 0;
		l->date = dd;
	}
	if (a.len > 0 && date_line(pt, a.p, a.len, (size_t)-1, &dd, &dn)) {
		/* "On May 2, 2012 at 2:35am, Rosa said..." */
		l->date = dd;
		a = dn;
	} else if (a.len > 0)
		a = first_name(pt, a.p, a.len);
	/* a blog's note: "Name reblogged this from Other and added:" */
	if (a.len > 0 && (r = memchr(a.p, ' ', a.len)) != NULL &&
	    a.len - (size_t)(r - a.p) > 20 &&
	    strncasecmp(r, " reblogged this from ", 21) == 0)
		a.len = (size_t)(r - a.p);
	if (a.len > 60 || content_words(pt, a.p, a.len) > 6)
		return 0;
	for (i = 0; i + 1 < a.len; i++)
		if (strchr(".!?", a.p[i]) != NULL && a.p[i + 1] == ' ')
			return 0;
	if (a.len > 0 && in_words(&pt->notauthor, a.p, a.len))
		return 0;
	l->author = a;
	return 1;
}

/*
 * Is s[0..n) a number alone, as "12", "12." or "#12", or a comment's
 * number ("Comment No. 12")?  Sets *num.
 */
static int
is_number(const char *s, size_t n, int *num)
{
	size_t i = 0, d, most = 4;

	/* "Comment No. 1034545", "Comment #12": a long number is no year */
	if (n > 8 && ASCII_TOLOWER(*s) == 'c' &&
	    strncasecmp(s, "comment ", 8) == 0) {
		for (i = 8; i < n && s[i] == ' '; i++)
			;
		if (i + 3 < n && strncasecmp(s + i, "no.", 3) == 0)
			i += 3;
		else if (i < n && s[i] == '#')
			i++;
		else
			return 0;
		while (i < n && s[i] == ' ')
			i++;
		most = 9;
	} else if (n > 0 && *s == '#')
		i++;
	if (n > i && s[n - 1] == '.')
		n--;
	for (d = i; d < n && ASCII_DIGIT(s[d]); d++)
		;
	if (d != n || n == i || n - i > most)
		return 0;
	*num = atoi(s + i);
	return 1;
}

/*
 * The number a header's count word names ("Three comments"); 1 for a
 * word the list does not hold, a count all the same.  "No" and "zero"
 * are 0.
 */
static int
count_word(const char *p, size_t n)
{
	static const char *word[] = { "zero", "one", "two", "three", "four",
	    "five", "six", "seven", "eight", "nine", "ten", "eleven",
	    "twelve" };
	size_t k;

	if (n == 2 && strncasecmp(p, "no", 2) == 0)
		return 0;
	for (k = 0; k < sizeof(word) / sizeof(word[0]); k++)
		if (strlen(word[k]) == n && strncasecmp(word[k], p, n) == 0)
			return (int)k;
	return 1;
}

/*
 * Classify the line s[0..n) (trimmed) into l; valid says that the whole
 * page is valid UTF-8, and so the line.
 */
static void
classify(struct pats *pt, const char *s, size_t n, int valid, struct line *l)
{
	struct linepat *lp;
	struct tsv_span g;
	PCRE2_SPTR mark;

	l->kind = K_TEXT;
	if (n > MAXMETA)
		return;
	if (is_number(s, n, &l->num)) {
		l->kind = K_NUM;
		return;
	}
	if (!valid && !tsv_utf8_valid(s, n))
		return;
	lp = pt->bylead[(unsigned char)*s] >= 0 ?
	    &pt->lp[pt->bylead[(unsigned char)*s]] : NULL;
	if (lp != NULL && may_match(pt, lp, s, n) &&
	    line_match(pt, lp, s, n) &&
	    (mark = pcre2_get_mark(lp->md)) != NULL) {
		switch (*mark) {
		case 'e':
			l->kind = K_END;
			return;
		case 'h':
			l->kind = K_HEADER;
			g = span_of(lp->md, &lp->n, s);
			if (g.p == NULL)
				l->num = 0;
			else if (ASCII_DIGIT(*g.p))
				l->num = atoi(g.p);
			else
				l->num = count_word(g.p, g.len);
			if ((g.len == 1 && *g.p == '0') || (g.len == 2 &&
			    strncasecmp(g.p, "no", 2) == 0) || (g.len == 4 &&
			    strncasecmp(g.p, "zero", 4) == 0))
				l->kind = K_NONE;
			return;
		case 'n':
			l->kind = K_NOISE;
			return;
		case 'r':
			l->kind = K_REPLY;
			l->author = span_of(lp->md, &lp->a, s);
			return;
		}
	}
	l->fd = first_digit(s, n);
	if (verb_line(pt, s, n, l->fd, l)) {
		l->kind = K_VERB;
		l->byline = 1;
		return;
	}
	l->datable = 1;
}

/*
 * Does s[0..n) count comments ("| 14 comments")?  A date line that does
 * is a post's byline ("via name 9 hours ago | 14 comments").
 */
static int
counts_comments(const char *s, size_t n)
{
	size_t i, j;

	for (i = 2; i + 7 <= n; i++) {
		if ((s[i] | 0x20) != 'c' || strncasecmp(s + i, "comment", 7) != 0)
			continue;
		for (j = i; j > 0 && s[j - 1] == ' '; j--)
			;
		if (j < i && j > 0 && ASCII_DIGIT(s[j - 1]))
			return 1;
	}
	return 0;
}

/*
 * Does s[0..n), the words before a name, number a comment or call it
 * one ("Comment #3 by", "Comment by")?  Then the "by" in them names a
 * reader, not the post's author.
 */
static int
names_comment(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '#' && i + 1 < n && ASCII_DIGIT(s[i + 1]))
			return 1;
		if ((s[i] | 0x20) == 'c' && (i == 0 || !ASCII_ALPHA(s[i - 1])) &&
		    i + 7 <= n && strncasecmp(s + i, "comment", 7) == 0)
			return 1;
	}
	return 0;
}

/* Is the line l (s[0..n)), left as words so far, a date line? */
static void
classify_date(struct pats *pt, const char *s, size_t n, struct line *l)
{
	size_t k;

	if (date_line(pt, s, n, l->fd, &l->date, &l->author)) {
		l->kind = K_DATE;
		k = l->author.len > 0 ? (size_t)(l->author.p - s) : 0;
		l->byline = (has_by(s, k) && !names_comment(s, k)) ||
		    counts_comments(s, n);
	}
}

/*
 * Is line i made of glue words only ("Posted by:", "|", an "Author"
 * badge): the furniture of a comment's header?  Worked out when first
 * asked for (through page_glue); sets the line's byline flag too.
 */
int
glue_line(struct page *pg, size_t i)
{
	struct line *l = &pg->l[i];
	const char *s = pg->text + l->off;

	struct memo *m;

	if (l->kind != K_TEXT || l->glued)
		return l->kind == K_TEXT && l->glue;
	l->glued = 1;
	if ((m = line_memo(pg, i)) != NULL && m->glued) {
		l->glue = m->glue;
		l->byline = m->gbyline;
		return l->glue;
	}
	l->glue = l->len <= 60 && page_words(pg, i) <= 3 &&
	    (pg->valid || tsv_utf8_valid(s, l->len)) &&
	    glue_only(pg->pt, s, l->len);
	l->byline = l->glue && has_by(s, l->len);
	if (m != NULL) {
		m->glued = 1;
		m->glue = (unsigned char)l->glue;
		m->gbyline = (unsigned char)l->byline;
	}
	return l->glue;
}

/*
 * The length of the web address and the blanks after it that start
 * s[0..n), when words follow them; 0 otherwise.
 */
static size_t
link_len(const char *s, size_t n)
{
	size_t k;

	if (n <= 7 || ASCII_TOLOWER(*s) != 'h')
		return 0;
	if (strncasecmp(s, "http://", 7) == 0)
		k = 7;
	else if (n > 8 && strncasecmp(s, "https://", 8) == 0)
		k = 8;
	else
		return 0;
	while (k < n && !ASCII_SPACE(s[k]))
		k++;
	while (k < n && ASCII_SPACE(s[k]))
		k++;
	return k < n ? k : 0;
}

/*
 * The name that line i could be, standing alone over or under a
 * comment: a short line of at most six words not ending a sentence, its
 * glue words ("by", "|") left out.  Worked out when first asked for
 * (through page_name); the span points into the page.
 */
struct tsv_span
name_line(struct page *pg, size_t i)
{
	struct line *l = &pg->l[i];
	const char *s = pg->text + l->off;
	struct memo *m;

	if (l->kind != K_TEXT || l->named)
		return l->author;
	l->named = 1;
	if ((m = line_memo(pg, i)) != NULL && m->named) {
		/* what page_glue and name_of set */
		l->glued = 1;
		l->glue = m->glue;
		l->byline = m->nbyline;
		l->linked = m->linked;
		l->author = span_get(m->na, s);
		return l->author;
	}
	name_of(pg, i);
	if (m != NULL) {
		m->named = 1;
		m->glued = 1;
		m->glue = (unsigned char)l->glue;
		m->gbyline = (unsigned char)(l->glue && l->byline);
		m->nbyline = (unsigned char)l->byline;
		m->linked = (unsigned char)l->linked;
		span_put(m->na, l->author, s);
	}
	return l->author;
}

/*
 * The memo slot of line i (see memo_find), NULL when it has none (a long
 * line) or the memo was emptied since.
 */
static struct memo *
line_memo(struct page *pg, size_t i)
{
	const struct line *l = &pg->l[i];

	return l->len <= MAXMETA && l->mgen == pg->pt->mgen ?
	    &pg->pt->memo[l->memo] : NULL;
}

/* Work out page_name for line i, a line of words not asked before. */
static void
name_of(struct page *pg, size_t i)
{
	struct line *l = &pg->l[i];
	const char *s = pg->text + l->off;
	size_t n = l->len, k;

	if (page_glue(pg, i))
		return;
	l->author.p = NULL;
	l->author.len = 0;
	/* A profile link before the name: "http://example.org Name". */
	if ((k = link_len(s, n)) > 0) {
		s += k;
		n -= k;
	}
	/* LiveJournal's "(Anonymous)": the name in parentheses */
	if (k == 0 && n > 2 && s[0] == '(' && s[n - 1] == ')' &&
	    memchr(s + 1, '(', n - 2) == NULL && memchr(s + 1, ')', n - 2) ==
	    NULL) {
		s++;
		n -= 2;
	}
	if (n > 60 || (k > 0 ? nwords(s, n) : page_words(pg, i)) > 6 ||
	    (!pg->valid && !tsv_utf8_valid(s, n)))
		return;
	/* "Amy D." ends with an initial, not a sentence. */
	if (strchr(".!?;", s[n - 1]) == NULL || (n > 3 &&
	    memcmp(s + n - 3, "...", 3) == 0) || initial(s, n) ||
	    handle_stop(s, n)) {
		l->author = first_name(pg->pt, s, n);
		l->byline = has_by(s, n);	/* "by Name on" */
		l->linked = k > 0 && l->author.len > 0;
	}
	return;
}

/*
 * The first LF of p[0..e-p), or e: lines are short, and memchr's call
 * costs more than its search.
 */
static const char *
find_lf(const char *p, const char *e)
{
#ifdef __SSE2__
	const __m128i lf = _mm_set1_epi8('\n');
	unsigned m;

	for (; e - p >= 16; p += 16) {
		m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(
		    (const __m128i *)(const void *)p), lf));
		if (m != 0)
			return p + __builtin_ctz(m);
	}
#endif
	while (p < e && *p != '\n')
		p++;
	return p;
}

/*
 * Cut text[0..len) into its non-blank lines, noting indentation and the
 * blank lines between them.  The page keeps pointers into text.
 */
void
page_lines(struct page *pg, const char *text, size_t len)
{
	const char *p = text, *e = text + len, *nl, *s, *t;
	struct line *l;
	int blank = 0;
	size_t ind;

	pg->text = text;
	pg->len = len;
	pg->nl = 0;
	/* Then every line is valid too: they are cut at ASCII bytes. */
	pg->valid = tsv_utf8_valid(text, len);
	while (p < e) {
		/* Paragraphs are parted by empty lines: half the lines. */
		if (*p == '\n') {
			blank = 1;
			p++;
			continue;
		}
		nl = find_lf(p, e);
		ind = 0;
		for (s = p; s < nl && (*s == ' ' || *s == '\t' ||
		    *s == '\r'); s++)
			ind += *s == '\t' ? 8 - ind % 8 : 1;
		for (t = nl; t > s && ASCII_SPACE(t[-1]); t--)
			;
		if (t == s) {
			blank = 1;
			p = nl < e ? nl + 1 : e;
			continue;
		}
		if (pg->nl == pg->capl) {
			pg->capl = pg->capl ? pg->capl * 2 : 256;
			pg->l = ereallocarray(pg->l, pg->capl, sizeof(*pg->l));
		}
		/* Cleared by stores in line: memset's call costs more. */
		l = &pg->l[pg->nl++];
		*l = (struct line){ 0 };
		l->off = (size_t)(s - text);
		l->len = (size_t)(t - s);
		l->indent = ind;
		l->blank_before = blank;
		blank = 0;
		p = nl < e ? nl + 1 : e;
	}
}

/*
 * Could line i be a comment's "Posted by: Name | date" trailer: a short
 * line of words with a digit and the word "by"?  Such trailers need no
 * header over them.
 */
static int
trailer(struct page *pg, size_t i)
{
	const struct line *l = &pg->l[i];

	return l->datable && l->len <= 120 && l->fd < l->len &&
	    has_by(pg->text + l->off, l->fd);
}

/*
 * Is line i a control that only a comment has: "Reply", "Report"?  The
 * comment's name and date stand at most REPLYWIN lines above it.
 */
static int
replies(struct page *pg, size_t i)
{
	const struct line *l = &pg->l[i];
	const char *s = pg->text + l->off;
	size_t n = l->len;

	if (l->kind != K_NOISE)
		return 0;
	/* after the bar that parts it from the date: "| Reply" */
	if (n > 2 && *s == '|' && s[1] == ' ') {
		s += 2;
		n -= 2;
	}
	return n >= 5 && (strncasecmp(s, "reply", 5) == 0 ||
	    (n >= 6 && strncasecmp(s, "report", 6) == 0));
}

/*
 * Is line i a "By" alone over a name and a line with a digit, a
 * comment's header block ("BY" / "NAME" / "AT 01/08/08 05:30 PM")?
 */
static int
by_block(struct page *pg, size_t i)
{
	const struct line *l = &pg->l[i];

	return l->len <= 3 && l->len >= 2 && i + 2 < pg->nl &&
	    has_by(pg->text + l->off, l->len) && page_glue(pg, i) &&
	    first_digit(pg->text + pg->l[i + 2].off, pg->l[i + 2].len) <
	    pg->l[i + 2].len;
}

/*
 * The reply form and the comments' header come once: an end or header
 * line repeated alike three times or more, each within RUNGAP lines of
 * the one before ("Add a Comment" under every comment, "Comment" under
 * every story of a list), is a control.
 */
static void
repeated_ends(struct page *pg)
{
	size_t i, j, k, prev, n;
	const struct line *a;
	enum kind kind;

	for (i = 0; i < pg->nl; i++) {
		kind = pg->l[i].kind;
		if (kind != K_END && kind != K_HEADER)
			continue;
		a = &pg->l[i];
		for (n = 1, prev = i, j = i + 1; j < pg->nl && j - prev <=
		    RUNGAP; j++)
			if (pg->l[j].kind == kind && pg->l[j].len == a->len &&
			    memcmp(pg->text + pg->l[j].off, pg->text + a->off,
			    a->len) == 0) {
				prev = j;
				n++;
			}
		if (n < 3)
			continue;
		for (k = i; k <= prev; k++)
			if (pg->l[k].kind == kind && pg->l[k].len == a->len &&
			    memcmp(pg->text + pg->l[k].off, pg->text + a->off,
			    a->len) == 0)
				pg->l[k].kind = K_NOISE;
		i = prev;
	}
}

/* Is line i a profile's count of followers ("557 Fans")? */
int
page_fans(struct page *pg, size_t i)
{
	const struct line *l = &pg->l[i];
	const char *s = pg->text + l->off;

	return l->kind == K_NOISE && ASCII_DIGIT(*s) &&
	    ((l->len > 5 && strncasecmp(s + l->len - 5, " fans", 5) == 0) ||
	    (l->len > 10 && strncasecmp(s + l->len - 10, " followers",
	    10) == 0));
}

/*
 * A short count of replies among a comment's controls ("Recommend?" /
 * "(1)" / "Responses (1)" / "Report") is one of them, not a header.
 */
static void
counts_in_controls(struct page *pg)
{
	size_t i;

	for (i = 1; i + 1 < pg->nl; i++)
		if (pg->l[i].kind == K_HEADER && pg->l[i].num > 0 &&
		    pg->l[i].len <= 20 && pg->l[i - 1].kind == K_NOISE &&
		    pg->l[i + 1].kind == K_NOISE)
			pg->l[i].kind = K_NOISE;
}

/*
 * The memo of the line s[0..n) (at most MAXMETA bytes), whose tsv_hash
 * is h: what a line of
 * the same bytes was classified as, or a new slot in state M_NEW for the
 * caller to fill.  Pages of one site repeat their menus, bylines and
 * controls, and a line's classification, the patterns' and the dates'
 * work, depends on its bytes alone.  The memo is emptied when full; its
 * generation tells the lines that point into it that their slots went.
 */
static struct memo *
memo_find(struct pats *pt, const char *s, size_t n, uint64_t h)
{
	uint32_t tag = (uint32_t)h;
	struct memo *m;
	size_t i;

	/* The tags, small, are probed; a slot only when its tag matches. */
	tag += tag == 0;
	for (i = h >> (64 - MEMO_BITS); pt->mtag[i] != 0; i = (i + 1) % MEMO)
		if (pt->mtag[i] == tag && (m = &pt->memo[i])->len == n &&
		    memcmp(pt->mtext + m->toff, s, n) == 0)
			return m;
	if (pt->nmemo >= MEMO / 4 * 3 || pt->mtlen + n > MEMO_TEXT) {
		memset(pt->mtag, 0, MEMO * sizeof(*pt->mtag));
		pt->nmemo = 0;
		pt->mtlen = 0;
		pt->mgen++;
		for (i = h >> (64 - MEMO_BITS); pt->mtag[i] != 0;
		    i = (i + 1) % MEMO)
			;
	}
	pt->nmemo++;
	pt->mtag[i] = tag;
	m = &pt->memo[i];
	memset(m, 0, sizeof(*m));
	m->len = (uint16_t)n;
	m->toff = (uint32_t)pt->mtlen;
	memcpy(pt->mtext + pt->mtlen, s, n);
	pt->mtlen += n;
	return m;
}

/* Keep span sp of the line at s as an offset and a length. */
static void
span_put(uint16_t *m, struct tsv_span sp, const char *s)
{
	if (sp.p == NULL) {
		m[0] = NOSPAN;
		m[1] = (uint16_t)sp.len;
	} else {
		m[0] = (uint16_t)(sp.p - s);
		m[1] = (uint16_t)sp.len;
	}
}

/* The span kept by span_put, in the line at s. */
static struct tsv_span
span_get(const uint16_t *m, const char *s)
{
	struct tsv_span sp;

	sp.p = m[0] == NOSPAN ? NULL : s + m[0];
	sp.len = m[1];
	return sp;
}

/*
 * Classify line i, whose tsv_hash is h when it is short enough to have
 * one, or take the classification of a line of the same bytes from the
 * memo.
 */
static void
classify_line(struct page *pg, size_t i, uint64_t h)
{
	struct line *l = &pg->l[i];
	const char *s = pg->text + l->off;
	struct pats *pt = pg->pt;
	struct memo *m;

	if (l->len > MAXMETA) {
		classify(pt, s, l->len, pg->valid, l);
		return;
	}
	m = memo_find(pt, s, l->len, h);
	if (m->state != M_NEW) {
		l->kind = m->kind;
		l->num = m->num;
		l->fd = m->fd;
		l->byline = m->byline;
		l->datable = m->datable;
		l->author = span_get(m->a, s);
		l->date = span_get(m->d, s);
	} else {
		classify(pt, s, l->len, pg->valid, l);
		m->kind = (unsigned char)l->kind;
		m->num = l->num;
		m->fd = (uint16_t)l->fd;
		m->byline = (unsigned char)l->byline;
		m->datable = (unsigned char)l->datable;
		span_put(m->a, l->author, s);
		span_put(m->d, l->date, s);
		m->state = M_LINE;
	}
	l->memo = (uint32_t)(m - pt->memo);
	l->mgen = pt->mgen;
}

/* Classify every line of the page. */
void
page_classify(struct page *pg, struct pats *pt)
{
	struct line *l;
	size_t i, from;
	uint64_t h, next = 0;

	pg->pt = pt;
	from = pg->nl;
	if (pg->nl > 0 && pg->l[0].len <= MAXMETA)
		next = tsv_hash(pg->text + pg->l[0].off, pg->l[0].len);
	for (i = 0; i < pg->nl; i++) {
		l = &pg->l[i];
		/* The next line's slot is fetched while this one is worked. */
		h = next;
		if (i + 1 < pg->nl && l[1].len <= MAXMETA) {
			next = tsv_hash(pg->text + l[1].off, l[1].len);
			__builtin_prefetch(&pt->mtag[next >> (64 - MEMO_BITS)]);
			__builtin_prefetch(&pt->memo[next >> (64 - MEMO_BITS)]);
		}
		classify_line(pg, i, h);
		if (from == pg->nl && (pg->l[i].kind == K_HEADER ||
		    pg->l[i].kind == K_VERB || (pg->l[i].kind == K_NUM &&
		    pg->l[i].num == 1) || trailer(pg, i) || by_block(pg, i) ||
		    page_fans(pg, i)))
			from = i > 4 ? i - 4 : 0;
		else if (from == pg->nl && replies(pg, i))
			from = i > REPLYWIN ? i - REPLYWIN : 0;
		else if (from == pg->nl && pg->l[i].kind == K_END)
			from = i > ENDWIN ? i - ENDWIN : 0;
	}
	repeated_ends(pg);
	counts_in_controls(pg);
	memset(pg->nkind, 0, sizeof(pg->nkind));
	for (i = 0; i < pg->nl; i++)
		pg->nkind[pg->l[i].kind]++;
	/*
	 * Dates abound and cost the most to find; a section of comments
	 * needs a header, a "Name says:" line, a comment numbered 1, a
	 * byline, a "By" block, a profile's "557 Fans" or a "Reply"
	 * control first, or the reply form under it, so lines above the
	 * first of those (ENDWIN lines above the form) are not searched.
	 */
	for (i = from; i < pg->nl; i++)
		page_date(pg, i);
}

/*
 * Is line i a date line?  Lines left as words that might be one are
 * looked at once, when first asked about (page_classify asks about
 * those under a section's first sign).
 */
int
page_date(struct page *pg, size_t i)
{
	struct line *l = &pg->l[i];
	const char *s = pg->text + l->off;
	struct memo *m;

	if (!l->datable)
		return l->kind == K_DATE;
	l->datable = 0;
	pg->nkind[K_TEXT]--;	/* counted again below */
	m = line_memo(pg, i);
	if (m != NULL && m->state == M_DATE) {
		l->kind = K_DATE;
		l->date = span_get(m->dd, s);
		l->author = span_get(m->da, s);
		l->byline = m->dbyline;
	} else if (m == NULL || m->state == M_LINE) {
		classify_date(pg->pt, s, l->len, l);
		if (m != NULL && l->kind == K_DATE) {
			m->state = M_DATE;
			span_put(m->dd, l->date, s);
			span_put(m->da, l->author, s);
			m->dbyline = (unsigned char)l->byline;
		} else if (m != NULL)
			m->state = M_TEXT;
	}
	pg->nkind[l->kind]++;
	return l->kind == K_DATE;
}

void
page_free(struct page *pg)
{
	free(pg->l);
	free(pg->c);
	free(pg->tok);
	free(pg->fg);
	tsv_buf_free(&pg->ctext);
}
