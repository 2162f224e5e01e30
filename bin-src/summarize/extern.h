/*
 * extern.h: the parts of summarize.
 *
 * words.c knows words: byte classes, the word lists (abbreviations and
 * stop words), and the content terms of a sentence; split.c cuts a text
 * into sentences and sets a headline apart; score.c scores the sentences
 * and chooses the summary.  summarize.c reads the records and writes them.
 */
#ifndef SUMMARIZE_EXTERN_H
#define SUMMARIZE_EXTERN_H

#include <stddef.h>
#include <stdint.h>

#include "tsv.h"

/* Classes of a word in the abbreviation list, as bits. */
#define W_TITLE	0x01	/* never ends a sentence */
#define W_NUM	0x02	/* abbreviation before a number */
#define W_END	0x04	/* may end a sentence */
#define W_START	0x08	/* sentence starter */
#define W_STOP	0x10	/* stop word */

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

/* words.c */
extern struct wordset	abbrevs;	/* abbreviations and starters */
void	init_tables(void);
void	lists_load(const char *, const char *);
void	lists_free(void);
int	wordset_get(const struct wordset *, const char *, size_t);
int	word_byte(const unsigned char *, size_t, size_t);
void	terms_reset(struct doc *);
void	tokenize(struct doc *, const char *, struct sent *, uint32_t);

/* split.c */
void	split(struct doc *, const char *, size_t);
void	find_headline(struct doc *, const char *, size_t);

/* score.c */
void	score(struct doc *, const struct weights *, int);
void	choose(struct doc *, const struct limits *, const struct weights *);

#endif
