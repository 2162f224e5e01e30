/*
 * extern.h: the parts of split-comments.
 *
 * patterns.c loads the line patterns and classifies every line of a page;
 * segment.c finds the comment section among the classified lines and cuts
 * it into comments; date.c writes a comment's date in ISO 8601 when it can
 * be read without doubt.
 */
#ifndef SPLIT_COMMENTS_EXTERN_H
#define SPLIT_COMMENTS_EXTERN_H

#include <stddef.h>
#include <stdint.h>

#include "tsv.h"

/*
 * The <ctype.h> classes and tolower(3) of the C locale, without a table
 * lookup: the locales we run in (C, C.UTF-8) class no byte above 0x7f,
 * and a byte of UTF-8 text is not a character anyway.  Arguments are
 * evaluated more than once.
 */
#define ASCII_SPACE(c)	((c) == ' ' || (unsigned char)((c) - '\t') < 5)
#define ASCII_DIGIT(c)	((unsigned char)((c) - '0') < 10)
#define ASCII_UPPER(c)	((unsigned char)((c) - 'A') < 26)
#define ASCII_LOWER(c)	((unsigned char)((c) - 'a') < 26)
#define ASCII_ALPHA(c)	((unsigned char)(((c) | 0x20) - 'a') < 26)
#define ASCII_ALNUM(c)	(ASCII_ALPHA(c) || ASCII_DIGIT(c))
#define ASCII_PUNCT(c)	((unsigned char)((c) - '!') < 94 && !ASCII_ALNUM(c))
#define ASCII_TOLOWER(c) ((unsigned char)(ASCII_UPPER(c) ? (c) + 32 : (c)))

/* What a line of a page is, as far as comment sections go. */
enum kind {
	K_TEXT,		/* anything else: words */
	K_HEADER,	/* opens a comment section ("12 Comments") */
	K_NONE,		/* a section header that says there are none */
	K_END,		/* closes it (the reply form) */
	K_NOISE,	/* controls inside a comment ("Reply", votes) */
	K_NUM,		/* a number alone: a comment's number, or votes */
	K_VERB,		/* "Name says:", "Name said...", "by Name writes:" */
	K_DATE,		/* a date, maybe with a name: "Name | May 2, 2012" */
	K_REPLY		/* "in reply to Name" */
};
#define NKIND	(K_REPLY + 1)

/*
 * One non-blank line of a page; offsets are into the page text.  Its
 * kind and flags are bytes: a page has many lines, the finders pass over
 * them again and again, and page_lines clears them.
 */
struct line {
	size_t		 off;		/* first byte after indentation */
	size_t		 len;		/* trimmed length */
	size_t		 indent;	/* columns of leading white space */
	size_t		 fd;		/* offset of its first digit, or len */
	size_t		 words;
	uint32_t	 memo;		/* its slot in the patterns' memo */
	unsigned	 mgen;		/* while the memo's generation is this */
	int		 num;		/* K_NUM: the number; K_HEADER: the
					   count it gives, 0 if none */
	unsigned char	 kind;		/* an enum kind */
	unsigned char	 blank_before;	/* a blank line precedes it */
	unsigned char	 byline;	/* names its author after "by" */
	unsigned char	 glue, glued;	/* K_TEXT: see page_glue */
	unsigned char	 named;		/* K_TEXT: author holds page_name */
	unsigned char	 linked;	/* K_TEXT: the name follows a web
					   address (a profile link) */
	unsigned char	 datable;	/* K_TEXT: may yet be a date line */
	unsigned char	 furn;		/* K_TEXT: furniture every few
					   comments repeat, no words */
	unsigned char	 counted;	/* words holds page_words */
	struct tsv_span	 author;	/* K_VERB, K_DATE, K_REPLY: a name;
					   K_TEXT: see page_name */
	struct tsv_span	 date;		/* K_VERB, K_DATE: the date as written */
};

/* One comment found on the page, by line indices. */
struct comment {
	size_t		 head;		/* first line of its header block */
	size_t		 anchor;	/* the line that names author or date */
	size_t		 first, last;	/* its text lines, first..last-1 */
	struct tsv_span	 author;
	struct tsv_span	 date;
	struct tsv_span	 replyto;	/* name from "in reply to" or "@name" */
	int		 num;		/* its number in the list, 0 if none */
	int		 lead;		/* its words start with its number
					   ("28. "), which is left out */
	long		 parent;	/* index of the parent comment or -1 */
	size_t		 seq;		/* 1.. in page order; 0 when dropped */
	size_t		 toff, tlen;	/* its text in the page's comment buffer */
};

/* A run of lines of one shape, for the repeated-record detector. */
struct rtok {
	size_t		 first, last;	/* its lines, first..last-1 */
	int		 shape;		/* see records() in segment.c */
};

struct pats;
struct fgroup;

/* A page being split; the arrays are reused from record to record. */
struct page {
	struct pats	*pt;		/* the patterns it is classified by */
	const char	*text;
	size_t		 len;
	int		 valid;		/* the text is valid UTF-8 */
	struct line	*l;
	size_t		 nl, capl;
	struct comment	*c;
	size_t		 nc, capc;
	size_t		 rstart, rend;	/* the section's lines, rstart..rend-1 */
	struct tsv_buf	 ctext;		/* the comments' texts, one after another */
	struct rtok	*tok;		/* the lines' shapes, see records() */
	size_t		 ntok, captok;
	struct fgroup	*fg;		/* see mark_furniture */
	size_t		 capfg;
	size_t		 nkind[NKIND];	/* its lines of each kind, once
					   classified */
};

struct pats;

struct pats	*pats_load(const char *, size_t, const char *, size_t,
		    const char *);
void		 pats_free(struct pats *);
void		 page_lines(struct page *, const char *, size_t);
void		 page_classify(struct page *, struct pats *);
struct tsv_span	 name_line(struct page *, size_t);
int		 glue_line(struct page *, size_t);
int		 page_fans(struct page *, size_t);
int		 page_date(struct page *, size_t);
int		 page_segment(struct page *);
void		 page_free(struct page *);
size_t		 date_iso(const char *, size_t, char *, size_t);
size_t		 nwords(const char *, size_t);
size_t		 count_words(struct page *, size_t);

/*
 * The segmenter asks about the same lines again and again: what a line
 * keeps of them is read without a call.  page_words is the number of
 * words of line i; page_glue whether it is made of glue words only;
 * page_name the name it could be (see glue_line and name_line).
 */
static inline size_t
page_words(struct page *pg, size_t i)
{
	return pg->l[i].counted ? pg->l[i].words : count_words(pg, i);
}

static inline int
page_glue(struct page *pg, size_t i)
{
	const struct line *l = &pg->l[i];

	if (l->kind != K_TEXT)
		return 0;
	return l->glued ? l->glue : glue_line(pg, i);
}

static inline struct tsv_span
page_name(struct page *pg, size_t i)
{
	const struct line *l = &pg->l[i];

	return l->kind != K_TEXT || l->named ? l->author : name_line(pg, i);
}

#endif /* SPLIT_COMMENTS_EXTERN_H */
