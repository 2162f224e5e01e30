/*
 * extern.h: the parts of strip-boilerplate shared between its files.
 *
 * A page is cut into lines; each line gets its features (words, stop
 * words, capitalised, digit and link-like tokens, punctuation), a first
 * class from those features and the pattern set, and a final class after
 * smoothing with its neighbours.
 */
#ifndef STRIP_BOILERPLATE_EXTERN_H
#define STRIP_BOILERPLATE_EXTERN_H

#include <stddef.h>
#include <stdint.h>

#include "tsv.h"

/* Number of model features per line (names in model.c). */
#define NFEAT	60
#define NFEAT2	22
#define NOWN	12	/* features 0 to NOWN - 1 depend on the line alone */

/*
 * Bytes that can be read after the text of a page, zeros: line_features
 * and the word hashes read the bytes of a line 16 at a time, past its end.
 */
#define LINE_PAD	64

struct line {
	const char	*p;		/* trimmed text, in the page buffer
					   (LINE_PAD bytes after it) */
	size_t		 len;
	size_t		 lineno;	/* 1-based line in the input text */
	uint64_t	 fp;		/* fingerprint of the normalised text */
	unsigned	 nwords;	/* word tokens */
	unsigned	 nstop;		/* stop words among them */
	unsigned	 ncap;		/* tokens starting with a capital */
	unsigned	 ndigit;	/* tokens holding a digit */
	unsigned	 nlink;		/* URLs, e-mail, @handles, #tags */
	unsigned	 nsep;		/* | » › · • separators */
	unsigned	 nchars;	/* characters (not bytes) */
	unsigned	 npunct;	/* punctuation characters */
	unsigned	 ncomma;	/* commas and semicolons */
	unsigned char	 gap;		/* a blank line came before it */
	unsigned char	 endpunct;	/* ends like a sentence */
	unsigned char	 ascii;		/* all bytes below 0x80 */
	unsigned char	 keep;		/* final decision */
	/*
	 * Model features 0, 2 and 3 (see model.c), which its neighbours'
	 * features take too: the lg of its words, and its shares of stop
	 * words and of capitalised words.
	 */
	float		 fwords, fstop, fcap;
	/*
	 * Its share of the title's words and longer words (model features 13
	 * and 57), against the title simof.
	 */
	float		 tsim, tcov;
	const struct line *simof;
	/*
	 * The line's word and topic hashes (see model.c), kept for the later
	 * passes of its page, once hashed: the offset of the words' in the
	 * page's hash buffer, the topics' after them, and their counts.
	 */
	size_t		 whoff;
	unsigned char	 nwh, nth;
	unsigned char	 hashed;
	unsigned	 dupgrp;	/* lines of the same print share it */
	uint64_t	 lhead;		/* see letters_head, once lettered */
	unsigned char	 lettered;
	size_t		 block;		/* the index of the first line of its
					   block in the pass (lines with no
					   blank or removed line between) */
	float		 s1;		/* first-stage score */
	float		 score;		/* on the side of the threshold the
					   model score is, > it keeps */
	const char	*reason;	/* why removed, static string */
	const char	*hard;		/* pattern family or template: final */
};

/* cache.c */
void	 cache_init(void);
void	 cache_free(void);
#define CACHE_NONE	((size_t)-1)
size_t	 cache_find(const struct line *);
int	 cache_get(struct line *, size_t);
void	 cache_put(const struct line *, size_t);

/* features.c */
void	 stop_init(const char *, size_t);
void	 stop_free(void);
void	 line_features(struct line *);
uint64_t letters_head(const char *, size_t);
int	 same_letters(const char *, size_t, const char *, size_t);

/* patterns.c */
void	 pat_add(const char *, size_t, const char *, int);
void	 pat_compile(void);
void	 pat_free(void);
/* How pat_match reads a line: ASCII, valid UTF-8, or other bytes. */
enum { PAT_ASCII, PAT_UTF, PAT_BYTES };
const char *pat_match(const char *, size_t, int);

/* classify.c */
struct classify_opts {
	int	 keep_byline;
	int	 min_pages;		/* template threshold for --state */
	double	 threshold;		/* model score needed to keep */
	int	 onepass;		/* no fixed-point loop (--features) */
	int	 keep_repeats;		/* keep repeated paragraphs */
};
void	 classify_page(struct line *, size_t, const struct classify_opts *);

/* model.c */
extern const char *const feat_name[NFEAT];
extern const char *const feat2_name[NFEAT2];
void	 model_init(const char *, size_t, const char *);
void	 model_free(void);
void	 model_features(struct line **, size_t, int);
void	 model_score(struct line **, size_t, double);
void	 model_keep(void);
const float *model_kept(size_t, int);

/* state.c */
void	 state_load(const char *);
void	 state_learn_page(const struct line *, size_t);
void	 state_save(const char *);
unsigned state_count(uint64_t);
unsigned long long state_pages(void);
void	 state_free(void);

#endif /* STRIP_BOILERPLATE_EXTERN_H */
