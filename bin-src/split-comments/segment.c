/*
 * segment.c: find the comment section among a page's classified lines and
 * cut it into comments.
 *
 * A comment section is a run of "anchor" lines close to each other: lines
 * that name a comment's author ("Name says:", "Name said...", "by Name
 * writes:"), or, after a section header ("12 Comments"), lines that give a
 * comment's date with or without a name ("Name | May 2, 2012 at 3:04 pm").
 * Anchors stand at the head of their comment (WordPress, Blogger) or at its
 * tail (Movable Type's "Posted by: Name | date"); which, is read from the
 * page: text between the header and the first anchor means tails.  A page
 * has at most one section; when several runs qualify, the one with the most
 * anchors wins, and a run that cannot be tied to the page's layout is left
 * in the body, since a false section would cut the article.  When no
 * layout is known, a record of a few line shapes (a name, a date or a
 * control, a paragraph) repeated after the article makes the section.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

#define GAP	 60	/* most lines between two anchors of one section */
#define LONGMAX	 240	/* most lines of one comment's sentences between
			   two anchors */
#define HDRWIN	 12	/* most lines from a header to a head anchor */
#define TAILWIN	 40	/* most lines from a header to the first tail anchor */
#define LASTMAX	 60	/* most lines the last comment of a section runs */
#define LINKGAP	 8	/* most lines between two names of a linked list */
#define LONGLINE 100	/* a line this long is prose, not page furniture */
#define TAILMAX	 10	/* most lines of a lone comment over its stamp */
#define SINGLEMAX 10	/* most lines from a "1 Comment" header to the form */
#define FURNMAX	 4000	/* most lines a section's furniture is looked for in */
#define ARTWORDS 250	/* a "comment" this long may be the article */
#define VOCBACK	 5	/* most comments back a "Name, ..." reply answers */
#define GLUEBACK 50	/* most comments back a glued reply target stands */

/* What the lines around an anchor say about its comment. */
struct block {
	struct tsv_span	 author;
	int		 byline;	/* "by Name" */
	int		 num;		/* the comment's number, 0 if none */
};

struct cand {
	size_t		 first, last;	/* first and last anchor */
	size_t		 count;
	long		 hdr;		/* the header line or -1 */
	enum kind	 kind;		/* K_VERB or K_DATE anchors */
	int		 tail;		/* anchors close their comments */
	int		 headless;	/* hdr is the first trailer */
	int		 controls;	/* every comment has a "Reply" */
	int		 weak;		/* no count vouches: ask for
					   prose and people */
	int		 namehead;	/* tails whose names head their
					   comments */
};

static int	name_like(struct page *, size_t);
static int	dash(struct page *, size_t);
static int	subject(struct page *, size_t);
static size_t	block_start(struct page *, size_t, long,
		    struct block *);
static int	repeated(struct page *, size_t);
static int	again_below(struct page *, size_t);
static size_t	profile_start(struct page *, size_t, size_t,
		    struct block *);
static size_t	profile_tail(struct page *, size_t, size_t, size_t *);
static int	is_noise(struct page *, size_t);
static int	shortish(struct page *, size_t);
static long	header_before(struct page *, size_t, size_t, int);
static size_t	cluster(struct page *, size_t, enum kind, size_t *);
static int	has_prose(struct page *, size_t, size_t);
static int	has_saying(struct page *, size_t, size_t);
static int	sentence(struct page *, size_t);
static size_t	dated(struct page *, const struct cand *);
static int	stamped(struct page *, size_t);
static void	find_verb(struct page *, struct cand *);
static int	name_after(struct page *, size_t);
static struct tsv_span name_below(struct page *, size_t, size_t *, int *);
static size_t	authored(struct page *, const struct cand *, size_t *);
static void	alike(struct page *, struct cand *);
static size_t	name_heads(struct page *, const struct cand *);
static size_t	words_between(struct page *, size_t, size_t);
static int	words_under(struct page *, size_t);
static void	find_date(struct page *, struct cand *);
static void	find_numbered(struct page *, struct cand *);
static void	find_names(struct page *, struct cand *);
static void	find_bylines(struct page *, struct cand *);
static void	find_linked(struct page *, struct cand *);
static int	place_line(struct page *, size_t);
static struct tsv_span dash_name(struct page *, size_t);
static int	sign_line(struct page *, size_t);
static struct tsv_span sign_name(struct page *, size_t);
static size_t	prose_above(struct page *, size_t, size_t);
static void	find_places(struct page *, struct cand *);
static int	opens_titled(struct page *, size_t, size_t);
static int	cut_short(struct page *, const struct comment *);
static int	ellipsis(struct page *, size_t);
static void	build_places(struct page *, const struct cand *);
static int	quotations(struct page *, const struct cand *);
static int	named_date(struct page *, size_t);
static int	name_by_date(struct page *, size_t);
static int	by_name(struct page *, size_t);
static size_t	top_name(struct page *, size_t);
static int	controlled(struct page *, size_t, size_t);
static int	answered(struct page *, size_t, size_t, size_t);
static void	find_named_dates(struct page *, struct cand *);
static int	settle(struct page *, const struct cand *);
static void	find_profiles(struct page *, struct cand *);
static void	find_points(struct page *, struct cand *);
static int	points(struct page *, size_t);
static int	full_date(struct tsv_span);
static int	clocked(struct tsv_span);
static int	find_section(struct page *);
static void	join_time(struct page *, struct comment *);
static int	same_lead(struct page *, size_t, size_t);
static int	name_anchor(struct page *, size_t);
static int	has_words(struct page *, size_t, size_t);
static int	bare_last(struct page *, size_t, size_t, size_t);
static int	header_after(struct page *, size_t);
static size_t	head_name(struct page *, size_t, size_t);
static size_t	first_head(struct page *, size_t, size_t);
static int	is_anchor(struct page *, enum kind, size_t);
static struct comment *new_comment(struct page *);
static void	head_start(struct page *, struct comment *, size_t, long,
		    int);
static int	date_over(struct page *, size_t, long);
static size_t	last_end(struct page *, size_t);
static int	end_alike(struct page *, struct comment *,
		    const struct comment *);
static int	has_text(struct page *, size_t, size_t);
static void	mark_furniture(struct page *);
static int	excerpt(struct page *, size_t, size_t);
static int	country(const char *, size_t);
static long	lead_number(const char *, size_t, size_t *);
static void	lead_numbers(struct page *);
static void	drop_tail(struct page *);
static size_t	tail_names(struct page *, size_t);
static void	build_head(struct page *, const struct cand *);
static void	build_tail(struct page *, const struct cand *);
static void	fill_text(struct page *, struct comment *);
static int	name_match(struct tsv_span, struct tsv_span, int);
static int	quoted_verb(struct page *, size_t);
static struct tsv_span vocative(const char *, size_t);
static int	first_only(struct page *, struct tsv_span);
static int	same_name(struct tsv_span, struct tsv_span);
static int	after_author(struct page *, const struct comment *,
		    const char **);
static int	glued_target(struct page *, struct comment *,
		    const struct comment *, const char **);
static int	reply_marked(struct page *, const struct comment *);
static size_t	dotted(struct page *, size_t, const char **);
static long	dotted_parent(struct page *, size_t);
static void	nest(struct page *);
static int	listing(struct page *);
static int	counted_within(struct page *, long, size_t, size_t);
static const char *count_rest(struct page *, size_t, size_t *);
static int	menuish(struct page *, const struct comment *);
static void	cut_last(struct page *);
static int	capitals(struct tsv_span);
static void	caps_tail(struct page *);
static int	counted(struct page *, const struct cand *, size_t);
static int	amid(struct page *, const struct cand *, size_t);
static int	header_counts(struct page *, size_t, size_t);
static int	under_article(struct page *, const struct cand *, size_t);
static int	headlines(struct page *);
static int	headline(struct page *, size_t, int);
static int	titled(struct page *, size_t);
static int	two_words(struct page *, size_t);
static int	little(const char *, size_t);
static int	one_author(struct page *);
static int	quoting(char);
static int	personish(struct tsv_span);
static struct tsv_span posted_by(struct page *, size_t);
static int	single(struct page *);
static int	reports(struct page *, size_t);
static int	lone_signed(struct page *);
static int	form_bound(struct page *, size_t, size_t);
static int	pingback(struct page *, size_t, size_t);
static int	note(const char *, size_t);
static void	halve(struct page *, struct comment *);
static int	same_line(struct page *, size_t, size_t);
static int	signer(struct page *, size_t, struct tsv_span *);
static int	named_above(struct page *, size_t);
static size_t	signed_tail(struct page *, size_t);
static int	split_date(struct page *, size_t, size_t);
static void	sign_tails(struct page *);
static void	find_filed(struct page *, struct cand *);
static void	find_closed(struct page *, struct cand *);
static int	reader_name(struct page *, size_t);
static int	powered(struct page *, size_t);
static int	filed(struct page *, size_t, size_t);
static int	names_self(struct page *, size_t, size_t);
static int	records(struct page *);

/* Could line i be a reader's name standing alone on its line? */
static int
name_like(struct page *pg, size_t i)
{
	return pg->l[i].kind == K_TEXT && page_name(pg, i).len > 0;
}

/* Is line i a dash or a bar alone, parting a name from a place? */
static int
dash(struct page *pg, size_t i)
{
	const char *s = pg->text + pg->l[i].off;
	size_t n = pg->l[i].len;

	return (n == 1 && (*s == '-' || *s == '|')) || (n == 3 &&
	    (memcmp(s, "–", 3) == 0 || memcmp(s, "—", 3) == 0));
}

/*
 * Is line j a comment's subject, answering the post or another comment
 * ("Re: Title", "Re:Cost (Score:1)")?
 */
static int
subject(struct page *pg, size_t j)
{
	const struct line *l = &pg->l[j];
	const char *s = pg->text + l->off;

	return (l->kind == K_TEXT || l->kind == K_REPLY) && l->len > 4 &&
	    l->len <= 160 && (s[0] | 0x20) == 'r' && (s[1] | 0x20) == 'e' &&
	    s[2] == ':';
}

/*
 * The header block of anchor a: the name line above it when the anchor
 * names nobody, a "Posted by:" line above that, and a number above all,
 * none of them at or above line floor.  Fills b with the author and the
 * number; returns the block's first line.
 */
static size_t
block_start(struct page *pg, size_t a, long floor, struct block *b)
{
	struct tsv_span sig;
	size_t hs = a, lo;

	lo = floor < 0 ? 0 : (size_t)floor + 1;
	b->author = pg->l[a].author;
	b->byline = pg->l[a].byline;
	b->num = 0;
	if (b->author.len == 0 && hs > lo && page_fans(pg, hs - 1))
		return profile_start(pg, hs - 1, lo, b);
	/* A badge ("Author", "Moderator") may stand between name and date. */
	if (b->author.len == 0 && hs > lo + 1 && page_glue(pg, hs - 1) &&
	    name_like(pg, hs - 2))
		hs--;
	if (b->author.len == 0 && hs > lo && name_like(pg, hs - 1)) {
		hs--;
		b->author = pg->l[hs].author;
		b->byline |= pg->l[hs].byline;
		if (hs > lo && page_glue(pg, hs - 1)) {
			hs--;
			b->byline = pg->l[hs].byline;
			/* "Name" / "-" / "Town" / "(date)": the name on top */
			if (hs > lo && !b->byline && dash(pg, hs) &&
			    name_like(pg, hs - 1) && page_words(pg, hs - 1) <= 4) {
				hs--;
				b->author = pg->l[hs].author;
			}
		} else if (hs > lo + 1 && name_like(pg, hs - 1) &&
		    page_words(pg, hs - 1) <= 4 &&
		    pg->l[hs - 2].kind == K_NUM) {
			/* "1." / "Name" / "Town" / date: the name on top */
			hs--;
			b->author = pg->l[hs].author;
		}
	} else
		hs = a;
	if (hs > lo && subject(pg, hs - 1))
		hs--;
	if (hs > lo && pg->l[hs - 1].kind == K_NUM) {
		hs--;
		b->num = pg->l[hs].num;
		/* "Name" / "Comment No. 12" / date */
		if (b->author.len == 0 && hs > lo && name_like(pg, hs - 1) &&
		    hs == a - 1 && (b->num < 1900 || b->num > 2099) &&
		    full_date(pg->l[a].date) && !signer(pg, hs - 1, &sig)) {
			hs--;
			b->author = pg->l[hs].author;
		}
	}
	return hs;
}

/* Does the text of line i stand on another line of the page too? */
static int
repeated(struct page *pg, size_t i)
{
	const struct line *l = &pg->l[i];
	size_t j;

	for (j = 0; j < pg->nl; j++)
		if (j != i && pg->l[j].len == l->len && memcmp(pg->text +
		    pg->l[j].off, pg->text + l->off, l->len) == 0)
			return 1;
	return 0;
}

/*
 * Does the text of line i stand again on a line below it?  Below the last
 * comment, only the page's furniture (menus, a newsletter's box) does.
 */
static int
again_below(struct page *pg, size_t i)
{
	const struct line *l = &pg->l[i];
	size_t j;

	for (j = i + 1; j < pg->nl; j++)
		if (pg->l[j].len == l->len && memcmp(pg->text +
		    pg->l[j].off, pg->text + l->off, l->len) == 0)
			return 1;
	return 0;
}

/*
 * The header block of a social profile over a comment's date, from its
 * count of followers at line f up: the name, maybe a motto under it ("iam99"
 * / "To know what you prefer..." / "557 Fans"), maybe a badge over it that
 * every such block repeats ("SUPER USER").  Lines at or above lo-1 are not
 * looked at.  Fills b's author; returns the block's first line.
 */
static size_t
profile_start(struct page *pg, size_t f, size_t lo, struct block *b)
{
	size_t hs = f;

	/*
	 * The line over the count is the name, or a motto under it: when
	 * both could be names, the upper one is, unless it is the furniture
	 * every block repeats.
	 */
	if (hs > lo + 1 && name_like(pg, hs - 2) && (!name_like(pg, hs - 1) ||
	    !repeated(pg, hs - 2)))
		hs -= 2;
	else if (hs > lo && name_like(pg, hs - 1))
		hs--;
	else
		return hs;
	b->author = pg->l[hs].author;
	if (hs > lo && name_like(pg, hs - 1) && repeated(pg, hs - 1))
		hs--;
	return hs;
}

/*
 * The profile closing a comment whose header names nobody: the reader's
 * name over a count of their comments ("Name" / "Total Comments (1465)"),
 * maybe with a town between, among the lines from..to-1 before the next
 * date; the line of the name, 0 when there is none.  *t is set to the
 * line of the count.
 */
static size_t
profile_tail(struct page *pg, size_t from, size_t to, size_t *t)
{
	const struct line *l;
	size_t j, k;

	for (j = from; j < to && j < from + GAP; j++) {
		l = &pg->l[j];
		if (l->kind == K_DATE || l->kind == K_END || l->kind ==
		    K_HEADER)
			return 0;
		if (l->kind != K_NOISE || l->len < 12 || strncasecmp(pg->text +
		    l->off, "total ", 6) != 0)
			continue;
		*t = j;
		for (k = j - 1; k > from && k + 2 >= j; k--)
			if (name_like(pg, k) && !place_line(pg, k))
				return k;
		return 0;
	}
	return 0;
}

/* Is line i a control or glue ("Reply", "Posted by:")? */
static int
is_noise(struct page *pg, size_t i)
{
	return pg->l[i].kind == K_NOISE || page_glue(pg, i);
}

/* Is line i page furniture: a menu entry, a control, a bare number? */
static int
shortish(struct page *pg, size_t i)
{
	const struct line *l = &pg->l[i];

	if (is_noise(pg, i) || l->kind == K_NUM || l->kind == K_DATE)
		return 1;
	return l->kind == K_TEXT && l->len <= 40 && name_like(pg, i) &&
	    page_words(pg, i) <= 4;
}

/*
 * The header line that opens a section whose first comment starts at line
 * hs, looked for at most win lines back; -1 when there is none.  Prose on
 * the way (when prose is not allowed), an end line, an anchor or a "no
 * comments" line stops the search.  Adjacent duplicate headers ("15
 * comments" twice) give the earliest.
 */
static long
header_before(struct page *pg, size_t hs, size_t win, int prose)
{
	long h = -1;
	size_t j;

	for (j = hs; j > 0 && hs - j < win; j--) {
		const struct line *l = &pg->l[j - 1];

		if (l->kind == K_HEADER) {
			h = (long)j - 1;
			break;
		}
		if (l->kind == K_END || l->kind == K_VERB || l->kind ==
		    K_NONE || (!prose && l->kind == K_TEXT && l->len >=
		    LONGLINE))
			return -1;
	}
	while (h > 0 && (pg->l[h - 1].kind == K_HEADER ||
	    (h > 1 && pg->l[h - 2].kind == K_HEADER &&
	    shortish(pg, (size_t)h - 1))))
		h -= pg->l[h - 1].kind == K_HEADER ? 1 : 2;
	return h;
}

/*
 * Is line j the site's footer, a copyright notice ("Copyright 2012 Site.
 * All rights reserved.", "© 2012 Site")?  No reader signs so, and a
 * name-like link above it ("Privacy policy") heads no comment.
 */
static int
footer(struct page *pg, size_t j)
{
	const char *s = pg->text + pg->l[j].off;
	size_t n = pg->l[j].len;

	if (pg->l[j].kind != K_TEXT)
		return 0;
	return (n >= 10 && strncasecmp(s, "copyright ", 10) == 0) ||
	    (n >= 3 && memcmp(s, "\xc2\xa9 ", 3) == 0) ||
	    (n >= 4 && strncasecmp(s, "(c) ", 4) == 0 && ASCII_DIGIT(s[4]));
}

/*
 * From anchor line a, the run of lines of the same kind at most GAP lines
 * apart (dates or verbs up to LONGMAX when the lines between are one
 * comment's sentences: a reader may write at length), not crossing an end
 * line; *last is its last anchor.  Returns the number of anchors.
 */
static size_t
cluster(struct page *pg, size_t a, enum kind k, size_t *last)
{
	size_t j, n = 1, prose = 0, other = 0, upto = a + 1;

	*last = a;
	for (j = a + 1; j < pg->nl; j++) {
		if (j - *last > GAP) {
			if (k == K_TEXT || j - *last > LONGMAX || other > 2)
				break;
			/* sentences are counted only once the gap is long */
			for (; upto < j; upto++)
				prose += pg->l[upto].kind == K_TEXT &&
				    sentence(pg, upto);
			if (prose * 2 < j - *last)
				break;
		}
		/* A count under the first comment starts another list. */
		if (pg->l[j].kind == K_END || (pg->l[j].kind == K_HEADER &&
		    (k == K_TEXT || pg->l[j].num > 0)) || footer(pg, j) ||
		    (k == K_TEXT && j + 1 < pg->nl && footer(pg, j + 1)))
			break;
		if (is_anchor(pg, k, j)) {
			*last = j;
			n++;
			prose = other = 0;
			if (k == K_TEXT)
				j++;	/* the words under a name are no name */
			upto = j + 1;
		} else if (pg->l[j].kind != K_TEXT)
			other++;
	}
	return n;
}

/*
 * Does any text line in from..to-1 run to longw words, or to shortw words
 * and end with one of the bytes of ends?
 */
static int
long_or_ended(struct page *pg, size_t from, size_t to, size_t shortw,
    size_t longw, const char *ends)
{
	const struct line *l;
	size_t j, w;

	for (j = from; j < to; j++) {
		l = &pg->l[j];
		if (l->kind != K_TEXT)
			continue;
		w = page_words(pg, j);
		if (w >= longw || (w >= shortw && strchr(ends,
		    pg->text[l->off + l->len - 1]) != NULL))
			return 1;
	}
	return 0;
}

/*
 * Does any line in from..to-1 hold prose: five words or more ending a
 * sentence, or fifteen words or more?  (A title has no full stop.)
 */
static int
has_prose(struct page *pg, size_t from, size_t to)
{
	return long_or_ended(pg, from, to, 5, 15, ".!?\")");
}

/* Does line j end a sentence of two words or more, or run to fifteen? */
static int
sentence(struct page *pg, size_t j)
{
	const struct line *l = &pg->l[j];
	size_t w = page_words(pg, j);

	return w >= 15 || (w >= 2 && strchr(".!?\")", pg->text[l->off +
	    l->len - 1]) != NULL);
}

/*
 * Does any line in from..to-1 say something: two words or more ending a
 * sentence ("Very impressive!"), or eight words or more?  Menu entries
 * and headings do not.
 */
static int
has_saying(struct page *pg, size_t from, size_t to)
{
	return long_or_ended(pg, from, to, 2, 8, ".!?");
}

/*
 * Does any line in from..to-1 hold words that are neither a name nor
 * glue: a comment's text above its trailer?
 */
static int
has_words(struct page *pg, size_t from, size_t to)
{
	size_t j, k;

	/* "21. Continuation of #20": a numbered title is words */
	for (j = from; j < to; j++)
		if (pg->l[j].kind == K_TEXT && (!name_like(pg, j) ||
		    lead_number(pg->text + pg->l[j].off, pg->l[j].len,
		    &k) >= 0) && !page_glue(pg, j))
			return 1;
	return 0;
}

/*
 * Do lines from..to-1, over the first anchor's block, hold a short line
 * of text (a short comment looks like a name: "hot"), while the reply form
 * stands right under the last anchor, at line last, with no words under
 * it?  Then the anchors close their comments: heading them, the last
 * would have none.
 */
static int
bare_last(struct page *pg, size_t from, size_t to, size_t last)
{
	size_t j;

	for (j = from; j < to && (pg->l[j].kind != K_TEXT ||
	    page_glue(pg, j)); j++)
		;
	if (j == to)
		return 0;
	for (j = last + 1; j < pg->nl && j <= last + 3 &&
	    (is_noise(pg, j) || pg->l[j].kind == K_NUM); j++)
		;
	return j < pg->nl && j <= last + 3 && pg->l[j].kind == K_END;
}

/*
 * Is line j a name standing over a comment's words, in a section that
 * shows no dates: a short name-like line followed by a line of words?
 */
static int
name_anchor(struct page *pg, size_t j)
{
	const struct line *l = &pg->l[j];
	size_t off, len;
	char last;

	if (!name_like(pg, j) || j + 1 >= pg->nl)
		return 0;
	/* A linked name is measured without its link. */
	off = l->linked ? (size_t)(l->author.p - pg->text) : l->off;
	len = l->off + l->len - off;
	if (len > 40 || nwords(pg->text + off, len) > 4)
		return 0;
	last = pg->text[l->off + l->len - 1];
	if (last == ',' || last == ':')
		return 0;
	/* Under a linked name, a short reply ("Cool! –Julie") is words. */
	return pg->l[j + 1].kind == K_TEXT && (!name_like(pg, j + 1) ||
	    page_words(pg, j + 1) >= 5 ||
	    (l->linked && !pg->l[j + 1].linked));
}

/*
 * Does a name head the comment whose lines start at j, before line e:
 * a name over words, maybe with a control between them ("Name" /
 * "Follow" / words), or a rank and a control?  Returns the lines name,
 * rank and control take, 0 when there is no name.
 */
static size_t
head_name(struct page *pg, size_t j, size_t e)
{
	if (name_anchor(pg, j))
		return 1;
	if (j + 2 < e && pg->l[j + 1].kind == K_NOISE && name_like(pg, j) &&
	    page_words(pg, j) <= 4 &&
	    pg->l[j + 2].kind == K_TEXT && !page_glue(pg, j + 2))
		return 2;
	/*
	 * "Name" / a rank ("Senior Member") / "jump to post" / words, the
	 * name right under the date or control before it: under a log-in
	 * prompt's links ("or" / "Twitter" / "Name" / "Follow") the name
	 * is the one over the control.
	 */
	if (j + 3 < e && pg->l[j + 2].kind == K_NOISE &&
	    (j == 0 || pg->l[j - 1].kind != K_TEXT) && name_like(pg, j) &&
	    page_words(pg, j) <= 4 && pg->l[j + 1].kind == K_TEXT &&
	    page_words(pg, j + 1) <= 4 && !sentence(pg, j + 1) &&
	    pg->l[j + 3].kind == K_TEXT && !page_glue(pg, j + 3))
		return 3;
	return 0;
}

/*
 * The first comment of a list whose comments start with names may stand
 * under a log-in prompt and its links ("To comment, log in with" /
 * "Facebook" / "or" / "Twitter"): the first line from "from" on, before
 * line e, that is a name heading words with no sentence above it; "from"
 * when there is none.
 */
static size_t
first_head(struct page *pg, size_t from, size_t e)
{
	size_t k;

	for (k = from; k + 1 < e && k - from < 8; k++) {
		if (head_name(pg, k, e) > 0)
			return k;
		if (pg->l[k].kind == K_TEXT && (has_prose(pg, k, k + 1) ||
		    page_words(pg, k) > 12))
			break;
	}
	return from;
}

/*
 * Is line j a comment's score under its author's name, over its words
 * ("Name" / "5 pts" / words)?
 */
static int
points(struct page *pg, size_t j)
{
	const struct line *l = &pg->l[j];
	const char *s = pg->text + l->off;

	if (l->kind != K_NOISE || l->len < 5 || !isdigit((unsigned char)*s) ||
	    (strncasecmp(s + l->len - 4, " pts", 4) != 0 &&
	    (l->len < 8 || strncasecmp(s + l->len - 7, " points", 7) != 0)))
		return 0;
	return j > 0 && j + 1 < pg->nl && name_like(pg, j - 1) &&
	    pg->l[j + 1].kind == K_TEXT && !page_glue(pg, j + 1);
}

/*
 * Is line j an anchor of the candidate's kind?  K_NOISE anchors are
 * scores under names.
 */
static int
is_anchor(struct page *pg, enum kind k, size_t j)
{
	if (k == K_TEXT)
		return name_anchor(pg, j);
	if (k == K_NOISE)
		return points(pg, j);
	return pg->l[j].kind == k;
}

/* How many of the candidate's anchors have a date on or under them. */
static size_t
dated(struct page *pg, const struct cand *c)
{
	size_t j, n = 0;

	for (j = c->first; j <= c->last; j++)
		if (pg->l[j].kind == c->kind && (pg->l[j].date.len > 0 ||
		    (j + 1 < pg->nl && pg->l[j + 1].kind == K_DATE)))
			n++;
	return n;
}

/*
 * Does the comment under "Name said..." anchor a end with its time stamp
 * right over the reply form ("Name said..." / words / "10 August 2012
 * 01:19" / "Post a Comment"), within TAILMAX lines, as Blogger's last
 * comment does?  A post's footer names its author ("Posted by Name at
 * date"): the stamp names nobody.
 */
static int
stamped(struct page *pg, size_t a)
{
	size_t j;

	for (j = a + 1; j + 1 < pg->nl && j - a <= TAILMAX; j++) {
		if (pg->l[j].kind == K_DATE)
			return j > a + 1 && pg->l[j + 1].kind == K_END &&
			    has_prose(pg, a + 1, j) &&
			    pg->l[j].author.len == 0 && !pg->l[j].byline &&
			    full_date(pg->l[j].date);
		if (pg->l[j].kind != K_TEXT)
			return 0;
	}
	return 0;
}

/*
 * Are comment c's words cut short: does the longest of its lines end in
 * an ellipsis (and not a "Loading comments…" under them)?
 */
static int
cut_short(struct page *pg, const struct comment *c)
{
	size_t j, best = c->last;

	for (j = c->first; j < c->last; j++)
		if (pg->l[j].kind == K_TEXT && (best == c->last ||
		    pg->l[j].len > pg->l[best].len))
			best = j;
	return best < c->last && ellipsis(pg, best);
}

/* Does line j end in an ellipsis ("Name said...")? */
static int
ellipsis(struct page *pg, size_t j)
{
	const char *s = pg->text + pg->l[j].off;
	size_t n = pg->l[j].len;

	if (n < 3)
		return 0;
	return memcmp(s + n - 3, "...", 3) == 0 ||
	    memcmp(s + n - 3, "\xe2\x80\xa6", 3) == 0;
}

/*
 * Are c's anchors Blogger's, "Name said..." over words closed by a time
 * stamp, the last stamp right over the reply form?  An article quotes
 * with no ellipsis after "said" and no stamp under every quotation,
 * whatever the names.
 */
static int
blogger_run(struct page *pg, const struct cand *c)
{
	size_t j;
	int stamp = 1;

	for (j = c->first; j <= c->last; j++) {
		if (pg->l[j].kind == K_DATE)
			stamp = 1;
		if (pg->l[j].kind != K_VERB)
			continue;
		if (!stamp || !ellipsis(pg, j))
			return 0;
		stamp = 0;
	}
	for (j = c->last + 1; j + 1 < pg->nl && j - c->last <= TAILMAX; j++) {
		if (pg->l[j].kind == K_DATE)
			return j > c->last + 1 && pg->l[j + 1].kind == K_END;
		if (pg->l[j].kind != K_TEXT && pg->l[j].kind != K_NOISE)
			return 0;
	}
	return 0;
}

/*
 * Does each of the verb anchors of c, but the page's first line, stand
 * over words that open with a quotation mark?
 */
static int
quotations(struct page *pg, const struct cand *c)
{
	const char *s;
	size_t i, n = 0;

	for (i = c->first; i <= c->last; i++) {
		if (pg->l[i].kind != K_VERB || i == 0)
			continue;
		if (i + 1 >= pg->nl || pg->l[i + 1].kind != K_TEXT)
			return 0;
		s = pg->text + pg->l[i + 1].off;
		if (*s != '"' && *s != '\'' && (pg->l[i + 1].len < 3 ||
		    memcmp(s, "\xe2\x80", 2) != 0 || ((unsigned char)s[2] !=
		    0x9c && (unsigned char)s[2] != 0x98)))
			return 0;
		n++;
	}
	return n > 0;
}

/*
 * The best run of "Name says:" anchors: at least two, or one under a
 * header, or one whose time stamp stands over the reply form.
 */
static void
find_verb(struct page *pg, struct cand *best)
{
	struct block b;
	struct cand c;
	size_t i, hs;

	if (pg->nkind[K_VERB] == 0)
		return;
	for (i = 0; i < pg->nl; i++) {
		if (pg->l[i].kind != K_VERB)
			continue;
		memset(&c, 0, sizeof(c));
		c.kind = K_VERB;
		c.first = i;
		c.count = cluster(pg, i, K_VERB, &c.last);
		hs = block_start(pg, i, (long)i - 4, &b);
		c.hdr = header_before(pg, hs, HDRWIN, 0);
		/*
		 * Without a header, two "X said:" lines may be an article's
		 * quotations, or a headline's "Study Says": ask for three,
		 * or for dates by the names and a person's name.
		 */
		if (c.hdr < 0 && c.count < 3 && ((dated(pg, &c) * 2 < c.count &&
		    !stamped(pg, c.last)) || !personish(b.author)) &&
		    (c.count < 2 || !blogger_run(pg, &c)))
			continue;
		/*
		 * Nor are "Name says:" lines over quotations, with no header,
		 * readers' comments: an article quotes people so.
		 */
		if (c.hdr < 0 && quotations(pg, &c))
			continue;
		/*
		 * "Added: date" over "Name, Town" closes a comment that the
		 * signature names (see find_places); it heads none.
		 */
		if (b.author.len == 0 && i + 1 < pg->nl && sign_line(pg, i + 1))
			continue;
		if (c.count > best->count)
			*best = c;
		i = c.last;
	}
}

/*
 * Does the name of date anchor a stand on the line under it, with the
 * comment's words under that ("3 hours ago / Name / words")?
 */
static int
name_after(struct page *pg, size_t a)
{
	return a + 2 < pg->nl && name_like(pg, a + 1) &&
	    pg->l[a + 2].kind == K_TEXT && !name_like(pg, a + 2);
}

/*
 * The name under date anchor a, on the next line or after a glue line
 * ("posted on May 2" / "by" / "Name"); sets *n to the lines it takes and
 * *by when "by" stands before it.  An empty span when there is none.
 */
static struct tsv_span
name_below(struct page *pg, size_t a, size_t *n, int *by)
{
	struct tsv_span none = { NULL, 0 };

	*n = 0;
	*by = 0;
	if (a + 1 < pg->nl && name_like(pg, a + 1)) {
		*n = 1;
		*by = pg->l[a + 1].byline;
		return pg->l[a + 1].author;
	}
	if (a + 2 < pg->nl && page_glue(pg, a + 1) && name_like(pg, a + 2)) {
		*n = 2;
		*by = pg->l[a + 1].byline;
		return pg->l[a + 2].author;
	}
	return none;
}

/*
 * How many of the candidate's anchors name an author; *by counts those
 * that do so after "by".
 */
static size_t
authored(struct page *pg, const struct cand *c, size_t *by)
{
	struct block b;
	size_t j, n = 0, skip;
	long floor = (long)c->first - 4;

	*by = 0;
	for (j = c->first; j <= c->last; j++) {
		if (pg->l[j].kind != c->kind)
			continue;
		block_start(pg, j, floor, &b);
		if (b.author.len == 0)
			b.author = name_below(pg, j, &skip, &b.byline);
		n += b.author.len > 0;
		*by += b.author.len > 0 && b.byline;
		floor = (long)j;
	}
	return n;
}

/*
 * How many lines in from..to-1 are words, neither controls nor the
 * reply form's lines?
 */
static size_t
words_between(struct page *pg, size_t from, size_t to)
{
	size_t n = 0;

	for (; from < to; from++)
		n += pg->l[from].kind == K_TEXT && !page_glue(pg, from);
	return n;
}

/* How many words do the lines of words in from..to-1 hold? */
static size_t
text_words(struct page *pg, size_t from, size_t to)
{
	size_t n = 0;

	for (; from < to; from++)
		if (pg->l[from].kind == K_TEXT)
			n += page_words(pg, from);
	return n;
}

/*
 * How many of the candidate's tail anchors are dates alone closing a
 * comment whose first line is its author's name over its words ("Name" /
 * words / "53 minutes ago" / "Reply").
 */
static size_t
name_heads(struct page *pg, const struct cand *c)
{
	size_t j, from, n = 0, skip;
	int by;

	/*
	 * The first comment starts with a name and no name stands under the
	 * last date; else the names under the dates begin the next comments
	 * ("posted on May 2" / "Name").
	 */
	if (name_below(pg, c->last, &skip, &by).len > 0 &&
	    name_anchor(pg, c->last + skip))
		return 0;

	from = c->hdr < 0 ? c->first : (size_t)c->hdr + 1;
	for (j = c->first; j <= c->last; j++) {
		if (pg->l[j].kind != K_DATE)
			continue;
		while (from < j && pg->l[from].kind != K_TEXT)
			from++;
		if (j == c->first)
			from = first_head(pg, from, j);
		if (pg->l[j].author.len == 0 && from + 1 < j &&
		    head_name(pg, from, j) > 0)
			n++;
		else if (j == c->first)
			return 0;
		for (from = j + 1; from < pg->nl && (is_noise(pg, from) ||
		    pg->l[from].kind == K_NUM); from++)
			;
	}
	return n;
}

/*
 * Trailers are written alike: when the first names its author on its own
 * line ("Posted by: Name | date"), a run of three or more such ends at
 * the last trailer that starts with the same words: dates after it are
 * no trailers (an advertisement below the comment form).
 */
static void
alike(struct page *pg, struct cand *c)
{
	size_t j, last = c->first, n = 1, k = 1;

	if (pg->l[c->first].author.len == 0)
		return;
	for (j = c->first + 1; j <= c->last; j++) {
		if (pg->l[j].kind != K_DATE)
			continue;
		k++;
		if (same_lead(pg, c->first, j)) {
			last = j;
			n = k;
		}
	}
	if (n >= 3) {
		c->last = last;
		c->count = n;
	}
}

/*
 * Is the first line of words under line a, past controls and a reply
 * line, a sentence?
 */
static int
words_under(struct page *pg, size_t a)
{
	size_t j;

	for (j = a + 1; j < pg->nl && j <= a + 3; j++) {
		if (pg->l[j].kind == K_TEXT)
			return has_prose(pg, j, j + 1);
		if (pg->l[j].kind != K_NOISE && pg->l[j].kind != K_NUM &&
		    pg->l[j].kind != K_REPLY)
			return 0;
	}
	return 0;
}

/*
 * The best run of date anchors under a section header.  Text between the
 * header and the first anchor makes the anchors tails of their comments.
 */
static void
find_date(struct page *pg, struct cand *best)
{
	struct block b;
	struct cand c;
	size_t i, j, hs, na, nby, skip;
	int after, numbered;

	if (pg->nkind[K_HEADER] == 0)
		return;
	for (i = 0; i < pg->nl; i++) {
		if (pg->l[i].kind != K_HEADER)
			continue;
		/* A "Post a comment" link may stand above the comments. */
		for (j = i + 1; j < pg->nl && j - i <= TAILWIN; j++)
			if (pg->l[j].kind == K_DATE || pg->l[j].kind ==
			    K_VERB || pg->l[j].kind == K_NONE ||
			    pg->l[j].kind == K_HEADER)
				break;
		if (j == pg->nl || j - i > TAILWIN || pg->l[j].kind != K_DATE)
			continue;
		memset(&c, 0, sizeof(c));
		c.kind = K_DATE;
		c.first = j;
		c.count = cluster(pg, j, K_DATE, &c.last);
		c.hdr = header_before(pg, i + 1, 1, 1);
		/*
		 * A header under the first date, over the second, opens the
		 * section: the first was the post's byline under its count.
		 */
		if (c.count > 1 && header_after(pg, j))
			continue;
		hs = block_start(pg, j, (long)i, &b);
		/* "Jul" / "2012" / "6:05pm": a year over a time is no number */
		if (b.num >= 1900 && b.num <= 2099)
			continue;
		after = b.author.len == 0 && name_after(pg, j);
		/*
		 * "Name" / "Comment No. 12" / date blocks head their comments,
		 * whatever stands between the header and the first.
		 */
		numbered = b.num > 0 && (b.num < 1900 || b.num > 2099) &&
		    b.author.len > 0 && pg->l[j].author.len == 0 &&
		    hs + 2 == j && full_date(pg->l[j].date);
		c.tail = !numbered && (has_words(pg, i + 1, hs) ||
		    bare_last(pg, i + 1, hs, c.last));
		/*
		 * Names over dates with words right under the last one head
		 * their comments, whatever notes stand under the header.
		 */
		if (c.tail && b.author.len > 0 && pg->l[j].author.len == 0 &&
		    hs + 1 == j && words_under(pg, c.last))
			c.tail = 0;
		/* so do dates with names under the first and the last */
		if (c.tail && after && c.count > 1 && name_after(pg, c.last))
			c.tail = 0;
		if (c.tail)
			alike(pg, &c);
		na = authored(pg, &c, &nby);
		/*
		 * Dates abound on a page: only a header that counts the
		 * comments, or one right above them, ties them to a comment
		 * section, and they need their authors.  Prose before the
		 * first date makes them trailers ("Posted by: Name | date"),
		 * which a bare "Comments" header announces only when they
		 * say "by".
		 */
		if (c.tail) {
			/*
			 * "Name says:" under a header is the section: dates
			 * elsewhere closing lines of words are links to
			 * posts ("» One Year Ago (July 30th)").
			 */
			if (best->kind == K_VERB && best->hdr >= 0)
				continue;
			/* "Name" / words / "3 hours ago" under a count */
			if (c.count >= 2 && (pg->l[i].num > 0 ?
			    name_heads(pg, &c) * 2 > c.count :
			    name_heads(pg, &c) == c.count))
				c.namehead = 1;
			else if (na * 2 < c.count || (!pg->l[i].num &&
			    nby * 2 < c.count))
				continue;
		} else if ((!pg->l[i].num && ((words_between(pg, i + 1, hs) >
		    2 && (!numbered || c.count < 3)) || c.count < 2)) ||
		    hs - i > HDRWIN || (b.author.len == 0 && !after &&
		    profile_tail(pg, j + 1, pg->nl, &skip) == 0 &&
		    signed_tail(pg, j + 1) == 0))
			continue;
		if (c.count > best->count)
			*best = c;
	}
}

/*
 * Is there a header line between date anchor a and the next date anchor,
 * with prose between them (an article, not a comment's "Comments (2)"
 * reply count)?
 */
static int
header_after(struct page *pg, size_t a)
{
	size_t j;

	for (j = a + 1; j < pg->nl && pg->l[j].kind != K_DATE; j++)
		if (pg->l[j].kind == K_HEADER)
			return has_prose(pg, a + 1, j);
	return 0;
}

/*
 * The best run of date anchors numbered from 1 ("#1 / Name / date"): the
 * numbers tie them to a comment list even without a header.
 */
static void
find_numbered(struct page *pg, struct cand *best)
{
	struct block b1, b2;
	struct cand c;
	size_t i, j;

	if (pg->nkind[K_DATE] == 0)
		return;
	for (i = 0; i < pg->nl; i++) {
		if (pg->l[i].kind != K_DATE)
			continue;
		block_start(pg, i, (long)i - 4, &b1);
		for (j = i + 1; j < pg->nl && j - i <= GAP &&
		    pg->l[j].kind != K_DATE; j++)
			;
		if (b1.num != 1 || b1.author.len == 0 || j == pg->nl ||
		    pg->l[j].kind != K_DATE)
			continue;
		block_start(pg, j, (long)i, &b2);
		if (b2.num != 2 || b2.author.len == 0)
			continue;
		memset(&c, 0, sizeof(c));
		c.kind = K_DATE;
		c.first = i;
		c.hdr = -1;
		c.count = cluster(pg, i, K_DATE, &c.last);
		if (c.count > best->count)
			*best = c;
		i = c.last;
	}
}

/*
 * The best run of dates under social profiles ("Name" / "557 Fans" /
 * "3 minutes ago" / words): two profiles or more, a name in each, at most
 * GAP lines apart; the counts of followers tie them to a comment list
 * even without a header.
 */
static void
find_profiles(struct page *pg, struct cand *best)
{
	struct block b;
	struct cand c;
	size_t i, j, prev;

	if (pg->nkind[K_DATE] == 0)
		return;
	for (i = 1; i < pg->nl; i++) {
		if (pg->l[i].kind != K_DATE || !page_fans(pg, i - 1) ||
		    block_start(pg, i, (long)i - 5, &b) == i - 1 ||
		    b.author.len == 0)
			continue;
		memset(&c, 0, sizeof(c));
		c.kind = K_DATE;
		c.hdr = -1;
		c.controls = 1;
		c.weak = 1;	/* sentences by people, as profiles are */
		c.first = c.last = i;
		c.count = 1;
		for (prev = i, j = i + 1; j < pg->nl && j - prev <= GAP; j++) {
			if (pg->l[j].kind == K_END || pg->l[j].kind == K_HEADER)
				break;
			if (pg->l[j].kind != K_DATE || !page_fans(pg, j - 1))
				continue;
			if (block_start(pg, j, (long)prev, &b) == j - 1 ||
			    b.author.len == 0)
				break;
			c.last = prev = j;
			c.count++;
		}
		i = prev;
		if (c.count >= 2 && c.count > best->count)
			*best = c;
	}
}

/*
 * The best run of names over scores over words ("Name" / "5 pts" /
 * words), a script platform's comment list once rendered: two or more,
 * or as many as a header at most TAILWIN lines above counts, the reply
 * form between them allowed.
 */
static void
find_points(struct page *pg, struct cand *best)
{
	struct cand c;
	size_t i, j;
	int n;

	if (pg->nkind[K_NOISE] == 0)
		return;
	for (i = 1; i < pg->nl; i++) {
		/* as points asks first, without a call */
		if (pg->l[i].kind != K_NOISE || !points(pg, i))
			continue;
		memset(&c, 0, sizeof(c));
		c.kind = K_NOISE;
		c.hdr = -1;
		c.controls = 1;
		c.first = i;
		c.count = cluster(pg, i, K_NOISE, &c.last);
		for (n = 0, j = i; j-- > 0 && i - j <= TAILWIN;) {
			if (pg->l[j].kind == K_HEADER && pg->l[j].num > 0) {
				n = pg->l[j].num;
				break;
			}
			if (pg->l[j].kind == K_TEXT && pg->l[j].len >= LONGLINE)
				break;
		}
		if ((c.count >= 2 || (size_t)n == c.count) &&
		    c.count > best->count)
			*best = c;
		i = c.last;
	}
}

/*
 * Does the date d name a day, not only a time ("6:05pm")?  It has three
 * numbers, or a word of three letters or more (a month, "days ago").
 */
static int
full_date(struct tsv_span d)
{
	size_t i, runs = 0, letters = 0;

	for (i = 0; i < d.len; i++) {
		if (isdigit((unsigned char)d.p[i]))
			runs += i == 0 || !isdigit((unsigned char)d.p[i - 1]);
		if (isalpha((unsigned char)d.p[i])) {
			if (++letters >= 3)
				return 1;
		} else
			letters = 0;
	}
	return runs >= 3;
}

/*
 * Does date d give a time of day ("8:03 am", "14:22")?  Comments are
 * stamped to the minute; the posts of a list are dated by the day.
 */
static int
clocked(struct tsv_span d)
{
	size_t i;

	for (i = 1; i + 2 < d.len; i++)
		if (d.p[i] == ':' && isdigit((unsigned char)d.p[i - 1]) &&
		    isdigit((unsigned char)d.p[i + 1]) &&
		    isdigit((unsigned char)d.p[i + 2]))
			return 1;
	return 0;
}

/*
 * Are the trailers on lines i and j written alike: the same words before
 * the name ("Posted by: A |" and "Posted by: B |")?  An article's byline
 * ("Posted by A on May 2") is not one of a list's trailers.
 */
static int
same_lead(struct page *pg, size_t i, size_t j)
{
	const char *a = pg->text + pg->l[i].off, *b = pg->text + pg->l[j].off;
	size_t n = (size_t)(pg->l[i].author.p - a), m;
	struct block bi, bj;

	/* "BY" / "NAME" / "AT date": blocks of the same lines */
	/*
	 * "Name" / "-" / "Town" / date blocks may leave the town out: blocks
	 * of two lines or more over their dates are alike.
	 */
	if (pg->l[i].author.len == 0 && pg->l[j].author.len == 0) {
		n = i - block_start(pg, i, -1, &bi);
		m = j - block_start(pg, j, (long)i, &bj);
		return (n == m || (!bi.byline && n >= 2 && m >= 2)) &&
		    bi.byline == bj.byline && (bi.byline || n >= 2);
	}
	if (pg->l[i].author.len == 0 || pg->l[j].author.len == 0 ||
	    (size_t)(pg->l[j].author.p - b) != n)
		return 0;
	return strncasecmp(a, b, n) == 0;
}

/*
 * The best run of trailers that name their author after "by" ("Posted
 * by: Name | date", "by Name on" over a date), with words between them,
 * and no header.  The words above the first trailer could be the
 * article's, so the section starts under it: a first comment may be
 * missed, the article is not cut.
 */
static void
find_bylines(struct page *pg, struct cand *best)
{
	struct block b;
	struct cand c;
	size_t i, j, k, prev, n, ctl, hs, hj, most, subj;
	int by;

	if (pg->nkind[K_DATE] == 0)
		return;
	for (i = 0; i < pg->nl; i++) {
		if (pg->l[i].kind != K_DATE)
			continue;
		hs = block_start(pg, i, (long)i - 4, &b);
		if (b.author.len == 0 || (!b.byline && i - hs < 2) ||
		    !full_date(pg->l[i].date))
			continue;
		by = b.byline;
		memset(&c, 0, sizeof(c));
		c.kind = K_DATE;
		c.tail = 1;
		c.hdr = (long)i;
		c.headless = 1;
		n = ctl = most = 0;
		subj = subject(pg, hs);
		for (prev = i, j = i + 1; j < pg->nl && j - prev <= GAP; j++) {
			if (pg->l[j].kind == K_END || pg->l[j].kind == K_HEADER)
				break;
			if (pg->l[j].kind != K_DATE)
				continue;
			hj = block_start(pg, j, (long)prev, &b);
			if (hj <= prev + 1 || b.author.len == 0 ||
			    !same_lead(pg, i, j) || !full_date(pg->l[j].date) ||
			    !(by && pg->l[i].author.len == 0 ? has_text :
			    has_words)(pg, prev + 1, hj))
				break;
			if (n++ == 0)
				c.first = j;
			k = hj - prev - 1;
			if (k > most)
				most = k;
			c.last = prev = j;
			ctl += pg->l[j - 1].kind == K_NOISE;
			subj += subject(pg, hj);
		}
		c.count = n;
		/*
		 * Controls ("Quote | Report") right above the bylines end the
		 * comments before them, and a name on a line of its own
		 * between "By" and the date makes a header block, as does a
		 * signature block ("Name" / "-" / "Town" / date) with no words
		 * above it: then the bylines head their comments, and the
		 * first one starts the section.
		 */
		if ((n >= 2 && (ctl * 2 > n || (pg->l[i].author.len == 0 &&
		    (by || hs == 0 || !has_words(pg, hs - 1, hs))))) ||
		    (n >= 1 && subj == n + 1)) {
			c.tail = 0;
			c.hdr = -1;
			c.first = i;
			c.count++;
		} else if (n >= 2 && !by && (k = prose_above(pg, hs, most)) >
		    0) {
			/*
			 * Signature blocks: the first comment is taken when its
			 * words stand under page furniture, no longer than the
			 * others'.
			 */
			c.first = i;
			c.hdr = (long)(hs - k);
			c.headless = 0;
			c.count++;
		}
		if ((n >= 2 || (n >= 1 && subj == n + 1)) && n > best->count)
			*best = c;
		i = prev;
	}
}

/*
 * The best run of names over words right under a header that counts the
 * comments ("{ 131 comments }" / "Name" / words / "Name" / words): the
 * layout of comment sections that show no dates.
 */
static void
find_names(struct page *pg, struct cand *best)
{
	struct cand c;
	size_t i, j;

	if (pg->nkind[K_HEADER] == 0)
		return;
	for (i = 0; i < pg->nl; i++) {
		if (pg->l[i].kind != K_HEADER)
			continue;
		for (j = i + 1; j < pg->nl && j - i <= 3 && (is_noise(pg, j) ||
		    pg->l[j].kind == K_HEADER || pg->l[j].kind ==
		    K_END); j++)
			;
		if (j == pg->nl || j - i > 3 || !name_anchor(pg, j))
			continue;
		memset(&c, 0, sizeof(c));
		c.kind = K_TEXT;
		c.first = j;
		c.hdr = header_before(pg, i + 1, 1, 1);
		c.count = cluster(pg, j, K_TEXT, &c.last);
		c.weak = pg->l[i].num == 0;
		if (c.count >= (c.weak ? 3 : 2) && c.count > best->count)
			*best = c;
	}
}

/*
 * The best run of names over words in which names follow profile links
 * ("http://example.org Name" / words): the layout a script platform's
 * comment list takes once rendered, with no header, count or date.  Two
 * linked names are asked for; the names are at most LINKGAP lines apart.
 * The run reaches back over names without links only when their
 * comments are short and what stands above them is no sentence, so that
 * an article's subheadings are never taken for names.
 */
static void
find_linked(struct page *pg, struct cand *best)
{
	struct cand c;
	size_t i, j, k, nlink;

	for (i = 0; i < pg->nl; i++) {
		/* cheap test first: a web address starts the line */
		if (pg->l[i].len < 8 || (pg->text[pg->l[i].off] | 0x20) !=
		    'h' || strncasecmp(pg->text + pg->l[i].off, "http", 4) !=
		    0 || !name_anchor(pg, i) ||
		    !pg->l[i].linked)
			continue;
		memset(&c, 0, sizeof(c));
		c.kind = K_TEXT;
		c.hdr = -1;
		c.first = c.last = i;
		c.count = nlink = 1;
		for (j = i + 2; j < pg->nl && j - c.last <= LINKGAP; j++) {
			if (pg->l[j].kind == K_END || pg->l[j].kind ==
			    K_HEADER)
				break;
			if (!name_anchor(pg, j))
				continue;
			c.last = j++;
			c.count++;
			nlink += pg->l[j - 1].linked;
		}
		i = c.last;
		if (nlink < 2)
			continue;
		for (j = c.first; j >= 2; j = k) {
			for (k = j - 2; k > 0 && j - k <= 4 &&
			    !name_anchor(pg, k); k--)
				;
			if (!name_anchor(pg, k) || j - k > 4 ||
			    (has_prose(pg, k - (k > 0), k) &&
			    !named_above(pg, k)) ||
			    page_words(pg, k + 1) > 80)
				break;
			c.first = k;
			c.count++;
		}
		/* Linked names say more than names under a count. */
		if (c.count > best->count || (best->count > 0 &&
		    best->kind == K_TEXT && best->first < c.first))
			*best = c;
	}
}

/*
 * Is line j a reader's signature without a date: a name of three words
 * at most, none of them a title's little word, and where the reader
 * lives, parted by commas ("Ann Lowe, Perth, Australia"), at most eight
 * words, no digits, no sentence?
 */
static int
place_line(struct page *pg, size_t j)
{
	const struct line *l = &pg->l[j];
	const char *s = pg->text + l->off;
	size_t i, k, parts = 1, w = 0, commas = 0;

	/* cheap tests first: most lines have no comma or are long */
	if (l->kind != K_TEXT || l->len > 60 || l->len < 4 ||
	    !isalpha((unsigned char)*s) || memchr(s, ',', l->len) == NULL)
		return 0;
	if (!name_like(pg, j) || page_words(pg, j) > 8)
		return 0;
	for (i = 0; i < l->len; i++) {
		if (isdigit((unsigned char)s[i]) || strchr(":\"()[]|/",
		    s[i]) != NULL)
			return 0;
		if (s[i] == ',') {
			/* the name: three words at most, none a little one */
			if (commas++ == 0 && w > 3)
				return 0;
			if (w > 4)
				return 0;
			w = 0;
			/* a trailing comma ends the name, no part follows */
			for (i++; i < l->len && s[i] == ' '; i++)
				;
			if (i < l->len)
				parts++;
			i--;
		} else if (s[i] != ' ' && (i == 0 || s[i - 1] == ' ')) {
			w++;
			for (k = i; k < l->len && s[k] != ' ' && s[k] != ',';
			    k++)
				;
			if (commas == 0 && little(s + i, k - i))
				return 0;
		}
	}
	return commas > 0 && parts >= 2 && parts <= 4 && w <= 4;
}

/*
 * The name of a signature led by a dash ("— Name" or "- Name, Town") on
 * line j, a person's; an empty span when the line is no such signature.
 */
static struct tsv_span
dash_name(struct page *pg, size_t j)
{
	const struct line *l = &pg->l[j];
	const char *s = pg->text + l->off;
	struct tsv_span a = { NULL, 0 };
	size_t k = 0, e;

	if (l->kind != K_TEXT || l->len > 60 || l->len < 4)
		return a;
	if (*s == '-')
		k = s[1] == '-' ? 2 : 1;
	else if (memcmp(s, "\xe2\x80\x94", 3) == 0 ||
	    memcmp(s, "\xe2\x80\x93", 3) == 0)
		k = 3;
	if (k == 0 || s[k] != ' ')
		return a;
	while (k < l->len && s[k] == ' ')
		k++;
	for (e = k; e < l->len && s[e] != ','; e++)
		if (!isalpha((unsigned char)s[e]) && s[e] != ' ' &&
		    s[e] != '.' && s[e] != '\'' && (unsigned char)s[e] < 0x80)
			return a;
	while (e > k && s[e - 1] == ' ')
		e--;
	a.p = s + k;
	a.len = e - k;
	if (a.len == 0 || !isupper((unsigned char)*a.p) || !personish(a))
		a.len = 0;
	return a;
}

/* Is line j a signature: "Name, Town" (see place_line) or a dash's? */
static int
sign_line(struct page *pg, size_t j)
{
	return place_line(pg, j) || dash_name(pg, j).len > 0;
}

/* The name that signature j (see sign_line) gives. */
static struct tsv_span
sign_name(struct page *pg, size_t j)
{
	struct tsv_span a;

	if ((a = dash_name(pg, j)).len > 0)
		return a;
	/* place_line vouches for a comma after the name */
	a.p = pg->text + pg->l[j].off;
	a.len = (size_t)((const char *)memchr(a.p, ',', pg->l[j].len) - a.p);
	while (a.len > 0 && a.p[a.len - 1] == ' ')
		a.len--;
	return a;
}

/*
 * How many lines of words stand right above line a, at most max, with
 * the date line that may close them ("Added: date"): lines that are no
 * names, over a line that is page furniture (a name, a control, a header)
 * or the top of the page.  0 when there are none or more than max.
 */
static size_t
prose_above(struct page *pg, size_t a, size_t max)
{
	size_t k, top = a;

	if (top > 0 && (pg->l[top - 1].kind == K_VERB ||
	    pg->l[top - 1].kind == K_DATE) && pg->l[top - 1].author.len == 0)
		top--;
	for (k = top; k > 0 && a - k < max && pg->l[k - 1].kind == K_TEXT &&
	    !name_like(pg, k - 1); k--)
		;
	if (k == top || (k > 0 && pg->l[k - 1].kind == K_TEXT &&
	    !name_like(pg, k - 1)))
		return 0;
	return a - k;
}

/*
 * The best run of signatures without dates ("Name, Town, Country", "—
 * Name") alternating with lines of words: three signatures at least (two
 * right over the reply form), at most LINKGAP lines apart, each pair with
 * words between them that are no names.  The signatures close their
 * comments, as a run of them shows: words right above the first one and
 * none under the last.  The first comment is taken only when its lines
 * stand under page furniture and are no more than the longest of the
 * others; else the section starts under the first signature, so the
 * article is never cut.
 */
static void
find_places(struct page *pg, struct cand *best)
{
	struct cand c;
	size_t i, j, prev, most, n, dashed, titles;

	for (i = 0; i < pg->nl; i++) {
		/* as sign_line asks first, without a call */
		if (pg->l[i].kind != K_TEXT || pg->l[i].len > 60 ||
		    !sign_line(pg, i))
			continue;
		dashed = !place_line(pg, i);
		memset(&c, 0, sizeof(c));
		c.kind = K_TEXT;
		c.tail = 1;
		c.weak = 1;	/* words and names to be checked */
		c.first = c.last = i;
		most = titles = 0;
		for (n = 1, prev = i, j = i + 1; j < pg->nl &&
		    j - prev <= LINKGAP; j++) {
			if (pg->l[j].kind == K_END || pg->l[j].kind ==
			    K_HEADER)
				break;
			if (pg->l[j].kind != K_TEXT || pg->l[j].len > 60 ||
			    !sign_line(pg, j))
				continue;
			if (!has_words(pg, prev + 1, j))
				break;
			dashed += !place_line(pg, j);
			titles += opens_titled(pg, prev + 1, j);
			if (j - prev - 1 > most)
				most = j - prev - 1;
			c.last = prev = j;
			n++;
		}
		i = c.last;
		/* two are enough right over the reply form */
		if ((n < 3 && (n < 2 || c.last + 1 >= pg->nl ||
		    pg->l[c.last + 1].kind != K_END)) ||
		    has_prose(pg, c.last + 1, c.last + 2))
			continue;
		c.count = n;
		c.hdr = (long)c.first - (long)prose_above(pg, c.first, most);
		c.headless = (size_t)c.hdr == c.first;
		/*
		 * A list of quotations signs them so too ("— Name"): such
		 * signatures need a header right over the first comment.
		 */
		if (dashed > 0 && (c.headless || c.hdr == 0 ||
		    pg->l[c.hdr - 1].kind != K_HEADER))
			continue;
		/*
		 * Letters to the editor are signed so too, each under its
		 * title: most words after a signature opening with a title
		 * are a page of letters, not comments.
		 */
		if (titles >= 2 && titles * 2 >= n - 1)
			continue;
		if (c.count > best->count)
			*best = c;
	}
}

/*
 * Do the lines from..to-1 open with a title: a short line that ends no
 * sentence, over words?  Not with a greeting ("Karla,", "@jj", "Note for
 * readers:"), as replies open.
 */
static int
opens_titled(struct page *pg, size_t from, size_t to)
{
	const char *s = pg->text + pg->l[from].off;
	char last = s[pg->l[from].len - 1];

	return from + 1 < to && pg->l[from].kind == K_TEXT &&
	    page_words(pg, from) <= 8 && !sentence(pg, from) &&
	    *s != '@' && last != ',' && last != ':' && last != ';';
}

/*
 * Cut a run of signatures into comments: each closes the lines above it,
 * from the line under the one before (or the section's first line).
 */
static void
build_places(struct page *pg, const struct cand *cd)
{
	struct comment *c;
	size_t j, from;

	from = (size_t)cd->hdr + (cd->headless ? 1 : 0);
	for (j = cd->first; j <= cd->last; j++) {
		if (!sign_line(pg, j))
			continue;
		if (j > from) {
			c = new_comment(pg);
			c->head = c->first = from;
			c->anchor = j;
			c->last = j;
			c->author = sign_name(pg, j);
		}
		from = j + 1;
	}
	/* the last comment's controls ("Recommended by 2 people") */
	while (from < pg->nl && is_noise(pg, from))
		from++;
	pg->rstart = (size_t)cd->hdr + (cd->headless ? 1 : 0);
	pg->rend = from;
}

/*
 * Is line a a date with its comment's name: a person's on the line
 * itself ("Name 10/8/12 2:59 PM", not a post's "by Name"), or, for a
 * date alone, on the line above or, after no name, on the line under it,
 * or on top of the words over it (see top_name)?
 */
static int
named_date(struct page *pg, size_t a)
{
	return name_by_date(pg, a) || (pg->l[a].kind == K_DATE &&
	    full_date(pg->l[a].date) && pg->l[a].author.len == 0 &&
	    top_name(pg, a) > 0);
}

/* Is line a a date with its comment's name on it, over it or under it? */
static int
name_by_date(struct page *pg, size_t a)
{
	if (pg->l[a].kind != K_DATE || !full_date(pg->l[a].date))
		return 0;
	if (pg->l[a].author.len > 0)
		return !pg->l[a].byline && personish(pg->l[a].author);
	if (a > 0 && name_like(pg, a - 1) && !by_name(pg, a - 1) && (a < 2 ||
	    !name_like(pg, a - 2) || page_words(pg, a - 2) > 4))
		return 1;
	return name_after(pg, a);
}

/*
 * Does line i open with "By" ("By Politics Team"): a post's byline over
 * its date, not a reader's name?
 */
static int
by_name(struct page *pg, size_t i)
{
	const char *s = pg->text + pg->l[i].off;

	return pg->l[i].len > 3 && strncasecmp(s, "by ", 3) == 0;
}

/*
 * The line of the name on top of date anchor a's words, or 0: a date
 * under its comment's words, their author's name on top of them, between
 * two of the comments' controls ("Reply" / "Name" / words / "53 minutes
 * ago" / "Report abuse"); the control above the name may be the list's
 * sort control ("Oldest").  A list of
 * stories shows titles over their teasers and dates too, with "Share"
 * under each: the controls under a comment's date, CTLMAX lines at most,
 * offer to reply to it or to report it, on a line of their own (a
 * "| Reply" after a bar belongs to the "| date" layout, not this one).
 */
#define CTLMAX	6

static size_t
top_name(struct page *pg, size_t a)
{
	const char *s;
	size_t j, k;

	for (j = a + 1; j < pg->nl && j - a <= CTLMAX &&
	    pg->l[j].kind == K_NOISE; j++) {
		s = pg->text + pg->l[j].off;
		if (strncasecmp(s, "reply", 5) == 0 ||
		    strncasecmp(s, "report", 6) == 0)
			break;
	}
	if (j >= pg->nl || j - a > CTLMAX || pg->l[j].kind != K_NOISE)
		return 0;
	for (k = a; k > 0 && a - k < TAILMAX && pg->l[k - 1].kind == K_TEXT;
	    k--)
		;
	return k > 0 && k + 1 < a && pg->l[k - 1].kind == K_NOISE &&
	    reader_name(pg, k) && has_words(pg, k + 1, a) ? k : 0;
}

/*
 * Does the block of lines from..to-1 hold a comment's control ("Reply",
 * "Report") and words?
 */
static int
controlled(struct page *pg, size_t from, size_t to)
{
	size_t j;

	if (!has_words(pg, from, to))
		return 0;
	for (j = from; j < to; j++)
		if (pg->l[j].kind == K_NOISE)
			return 1;
	return 0;
}

/*
 * How do the lines between date anchor a and the block of the next
 * anchor j, starting at line e, show they are a comment: 2 with a control
 * and words (see controlled), 1 with sentences under a date stamped to
 * the minute, the next one stamped so too (see clocked), else 0.
 */
static int
answered(struct page *pg, size_t a, size_t j, size_t e)
{
	if (controlled(pg, a + 1, e))
		return 2;
	return clocked(pg->l[a].date) && clocked(pg->l[j].date) &&
	    has_prose(pg, a + 1, e);
}

/*
 * The best run of comments headed by a name and a date line ("Name" /
 * "3 hours ago" / words / "Reply") with no header: every comment but the
 * last needs a control under its words, since a list of posts also shows
 * titles over dates, but never a "Reply" under each; or sentences, its
 * date and the next stamped to the minute (see clocked), and then the
 * section is weak (settle asks for prose and people).  Three comments are
 * asked for, or two when both have controls.
 */
static void
find_named_dates(struct page *pg, struct cand *best)
{
	struct block b;
	struct cand c;
	size_t i, j, e, prev, ctl, bare, top;
	int k;

	if (pg->nkind[K_DATE] == 0)
		return;
	for (i = 0; i < pg->nl; i++) {
		/* as named_date asks first, without a call */
		if (pg->l[i].kind != K_DATE || !named_date(pg, i))
			continue;
		memset(&c, 0, sizeof(c));
		c.kind = K_DATE;
		c.hdr = -1;
		c.first = c.last = i;
		c.count = 1;
		ctl = bare = 0;
		top = !name_by_date(pg, i);
		for (prev = i, j = i + 1; j < pg->nl && j - prev <= GAP; j++) {
			if (pg->l[j].kind == K_END || pg->l[j].kind == K_HEADER)
				break;
			if (!named_date(pg, j))
				continue;
			/* names on top of all the comments' words, or none */
			if (!name_by_date(pg, j) != (top > 0))
				break;
			top += top > 0;
			e = block_start(pg, j, (long)prev, &b);
			if ((k = answered(pg, prev, j, e)) == 0 ||
			    (top > 0 && k < 2))
				break;
			/* the post's byline and date over the article */
			if (c.count == 1 && text_words(pg, prev + 1, e) >=
			    ARTWORDS)
				break;
			bare += k == 1;
			c.last = prev = j;
			c.count++;
		}
		for (j = prev + 1; j < pg->nl && j - prev <= LASTMAX &&
		    pg->l[j].kind != K_END && !named_date(pg, j); j++)
			;
		ctl = controlled(pg, prev + 1, j);
		i = prev;
		/*
		 * The first comment may stand under a short link ("Get a
		 * Gravatar") that hid its name; not the post's byline and
		 * date over the article.
		 */
		for (j = c.first; top == 0 && j-- > 0 && c.first - j <= GAP;) {
			if (pg->l[j].kind == K_END || pg->l[j].kind == K_HEADER)
				break;
			if (pg->l[j].kind != K_DATE)
				continue;
			e = block_start(pg, c.first, (long)j, &b);
			if (pg->l[j].author.len == 0 && j > 0 &&
			    name_like(pg, j - 1) && !by_name(pg, j - 1) &&
			    full_date(pg->l[j].date) &&
			    (k = answered(pg, j, c.first, e)) > 0 &&
			    text_words(pg, j + 1, e) < ARTWORDS) {
				c.first = j;
				c.count++;
				bare += k == 1;
			}
			break;
		}
		if (c.count + ctl < 3 || (bare > 0 && c.count < 3))
			continue;
		c.controls = bare == 0;
		c.weak = bare > 0;
		/*
		 * Names on top of the words: the dates close their comments,
		 * which start under the control over the first name.
		 */
		if (top > 0) {
			c.tail = c.namehead = 1;
			c.hdr = (long)top_name(pg, c.first) - 1;
		}
		if (c.count > best->count)
			*best = c;
	}
}

static struct comment *
new_comment(struct page *pg)
{
	struct comment *c;

	if (pg->nc == pg->capc) {
		pg->capc = pg->capc ? pg->capc * 2 : 64;
		pg->c = ereallocarray(pg->c, pg->capc, sizeof(*pg->c));
	}
	c = &pg->c[pg->nc++];
	memset(c, 0, sizeof(*c));
	c->parent = -1;
	return c;
}

/*
 * Fill comment c from its head anchor a: author, date, number, its first
 * line (the top of its header block, below line floor) and the first line
 * of its words.
 */
static void
head_start(struct page *pg, struct comment *c, size_t a, long floor,
    int dateheads)
{
	struct block b;

	c->anchor = a;
	c->head = block_start(pg, a, floor, &b);
	c->author = b.author;
	c->num = b.num;
	c->date = pg->l[a].date;
	c->first = a + 1;
	/*
	 * "10. Jul, 2012 /" over "Name says:" dates it, where the dates head
	 * the comments (see build_head).
	 */
	if (dateheads && c->date.len == 0 && c->head == a &&
	    date_over(pg, a, floor)) {
		c->head = a - 1;
		c->date = pg->l[a - 1].date;
	}
	if (c->author.len == 0 && pg->l[a].kind == K_DATE &&
	    name_after(pg, a)) {
		c->author = pg->l[a + 1].author;
		c->first = a + 2;
	} else if (c->author.len == 0 && pg->l[a].kind == K_DATE &&
	    a + 1 < pg->nl && pg->l[a + 1].kind == K_VERB &&
	    pg->l[a + 1].author.len > 0) {
		/* "10. Jul, 2012 /" / "Name says:" */
		c->author = pg->l[a + 1].author;
		c->first = a + 2;
	}
}

/*
 * Is a date right over verb anchor a, under line floor, with no blank line
 * between ("10. Jul, 2012 /" / "Name says:")?  Over a blank line, it
 * closes the comment before.
 */
static int
date_over(struct page *pg, size_t a, long floor)
{
	return pg->l[a].kind == K_VERB && !pg->l[a].blank_before && a > 0 &&
	    (long)a - 1 > floor && pg->l[a - 1].kind == K_DATE &&
	    pg->l[a - 1].author.len == 0;
}

/*
 * Where the section ends after the last head anchor a: at an end line, a
 * header, a run of menu-like lines, or LASTMAX lines on.
 */
static size_t
last_end(struct page *pg, size_t a)
{
	size_t j, k, text;

	for (j = a + 1; j < pg->nl && j - a <= LASTMAX; j++) {
		if (pg->l[j].kind == K_END || pg->l[j].kind == K_HEADER ||
		    pg->l[j].kind == K_NONE || (pg->l[j].kind == K_VERB &&
		    !quoted_verb(pg, j)) || footer(pg, j))
			break;
		for (k = j, text = 0; k < pg->nl && k < j + 4 &&
		    shortish(pg, k); k++)
			text += pg->l[k].kind == K_TEXT;
		if (k == j + 4 && text >= 3)
			break;
		for (k = j; k < pg->nl && k < j + 4 && name_like(pg, k) &&
		    page_words(pg, k) <= 4; k++)
			;
		if (k == j + 4)
			break;
		/* six lines in a row that end no sentence are the page's */
		for (k = j; k < pg->nl && k < j + 6 && (pg->l[k].kind ==
		    K_NOISE || (pg->l[k].kind == K_TEXT &&
		    !sentence(pg, k))); k++)
			;
		if (k == j + 6 && has_text(pg, a + 1, j))
			break;
		/* a line the page repeats below is its furniture */
		if (j > a + 1 && name_like(pg, j) && pg->l[j].len <= 40 &&
		    again_below(pg, j) && has_text(pg, a + 1, j))
			break;
		/* "Reply" under the words closes them */
		if (pg->l[j].kind == K_NOISE && pg->l[j].len == 5 &&
		    strncasecmp(pg->text + pg->l[j].off, "reply", 5) == 0 &&
		    has_text(pg, a + 1, j)) {
			j++;
			break;
		}
		/* a run of five controls under the words closes them */
		for (k = j; k < pg->nl && k < j + 5 && pg->l[k].kind ==
		    K_NOISE; k++)
			;
		if (k == j + 5 && has_text(pg, a + 1, j)) {
			j = k;
			break;
		}
	}
	while (j > a + 1 && (is_noise(pg, j - 1) ||
	    pg->l[j - 1].kind == K_NUM) && j - 1 > a + 1)
		j--;
	return j;
}

/*
 * Comments end alike: when the line that ends comment p ("Report as
 * inappropriate") stands in the last comment c too, c ends with it.
 * Returns whether it does.
 */
static int
end_alike(struct page *pg, struct comment *c, const struct comment *p)
{
	const struct line *e;
	size_t j, k;

	if (p->last == 0 || p->last <= p->first)
		return 0;
	/*
	 * The line may stand over the next comment's date line, which the
	 * cut gave to the comment before: look at p's last three lines.
	 */
	for (k = p->last; k > p->first && p->last - k < 3; k--) {
		e = &pg->l[k - 1];
		/*
		 * A short word may be a comment's own; above p's last line,
		 * a line ends c only under some of c's words.
		 */
		if (((e->kind == K_TEXT || k < p->last) && e->len < 12) ||
		    (e->kind != K_TEXT && e->kind != K_NOISE))
			continue;
		/* It may stand past furniture the cut left out. */
		for (j = c->first; j < pg->nl && (j < c->last || (j <
		    c->last + 8 && shortish(pg, j))); j++)
			if (pg->l[j].len == e->len && memcmp(pg->text +
			    pg->l[j].off, pg->text + e->off, e->len) == 0 &&
			    (k == p->last || has_text(pg, c->first, j))) {
				c->last = j + 1;
				return 1;
			}
	}
	return 0;
}

/*
 * A line that ends every comment alike ("Vote on this comment: I agree or
 * I disagree") is page furniture, not a reader's words: drop it.
 */
static void
drop_tail(struct page *pg)
{
	const struct line *e, *f;
	size_t i;

	if (pg->nc < 2)
		return;
	for (i = 0; i < pg->nc; i++) {
		if (pg->c[i].last < pg->c[i].first + 2)
			return;
		e = &pg->l[pg->c[0].last - 1];
		f = &pg->l[pg->c[i].last - 1];
		if (e->kind != K_TEXT || e->len < 12 || f->len != e->len ||
		    memcmp(pg->text + e->off, pg->text + f->off, e->len) != 0)
			return;
	}
	for (i = 0; i < pg->nc; i++)
		pg->c[i].last--;
}

/* Lines alike among a section's short lines, for mark_furniture. */
struct fgroup {
	size_t		 line;		/* one of them; SIZE_MAX: free slot */
	size_t		 first;		/* the first that is words, or
					   SIZE_MAX */
	size_t		 n;		/* how many are words */
};

/*
 * The slot in pg->fg (mask+1 slots) of the group of lines alike line i,
 * a free one when none holds it yet.
 */
static struct fgroup *
fgroup_of(struct page *pg, size_t mask, size_t i)
{
	const struct line *l = &pg->l[i], *m;
	const char *s = pg->text + l->off;
	struct fgroup *g;
	uint64_t x = tsv_hash(s, l->len);
	size_t h;

	for (h = (size_t)(x ^ x >> 32) & mask;
	    (g = &pg->fg[h])->line != SIZE_MAX; h = (h + 1) & mask) {
		m = &pg->l[g->line];
		if (m->len == l->len && memcmp(pg->text + m->off, s,
		    l->len) == 0)
			break;
	}
	return g;
}

/*
 * Lines of the comments that stand alike in many of them ("Share it",
 * "Loading comments...", a badge) are page furniture, not a reader's
 * words: a short line of words found three times or more, and at least
 * once for every four comments, is marked so, from its first time as
 * words on (its copies of another kind too).  Sections of more than
 * FURNMAX lines are left as they are.
 */
static void
mark_furniture(struct page *pg)
{
	size_t a, b, i, size, need;
	struct fgroup *g;
	struct line *l;

	if (pg->nc < 3)
		return;
	a = pg->c[0].first;
	b = pg->c[pg->nc - 1].last;
	for (i = a; i < b; i++)
		pg->l[i].furn = 0;
	if (b - a > FURNMAX)
		return;
	need = pg->nc / 4 > 3 ? pg->nc / 4 : 3;
	for (size = 16; size < 2 * (b - a); size *= 2)
		;
	if (size > pg->capfg) {
		pg->fg = ereallocarray(pg->fg, size, sizeof(*pg->fg));
		pg->capfg = size;
	}
	for (i = 0; i < size; i++)
		pg->fg[i].line = SIZE_MAX;
	for (i = a; i < b; i++) {
		l = &pg->l[i];
		if (l->len > 80)
			continue;
		g = fgroup_of(pg, size - 1, i);
		if (g->line == SIZE_MAX) {
			g->line = i;
			g->first = SIZE_MAX;
			g->n = 0;
		}
		if (l->kind == K_TEXT && g->n++ == 0)
			g->first = i;
	}
	for (i = a; i < b; i++) {
		if (pg->l[i].len > 80)
			continue;
		g = fgroup_of(pg, size - 1, i);
		if (g->n >= need && i >= g->first)
			pg->l[i].furn = 1;
	}
}

/*
 * The number that starts s[0..n) ("28. Words"), -1 when there is none;
 * *k is set to the length of the number, its full stop and the blanks.
 */
static long
lead_number(const char *s, size_t n, size_t *k)
{
	size_t i;

	for (i = 0; i < n && i < 5 && isdigit((unsigned char)s[i]); i++)
		;
	if (i == 0 || i == 5 || i + 2 >= n || s[i] != '.' || s[i + 1] != ' ')
		return -1;
	for (*k = i + 1; *k < n && s[*k] == ' '; (*k)++)
		;
	return strtol(s, NULL, 10);
}

/*
 * Comments whose words start with their numbers ("27. I will respond",
 * "28. No 27 - what a cop out!"), numbers that go up or down by one from
 * comment to comment: the number is the list's, not the reader's words.
 */
static void
lead_numbers(struct page *pg)
{
	size_t i, j, k;
	long prev = -1, cur;

	for (i = 0; i < pg->nc; i++) {
		pg->c[i].lead = 0;
		cur = -1;
		for (j = pg->c[i].first; j < pg->c[i].last; j++)
			if (pg->l[j].kind == K_TEXT && !page_glue(pg, j) &&
			    !pg->l[j].furn) {
				cur = lead_number(pg->text + pg->l[j].off,
				    pg->l[j].len, &k);
				break;
			}
		if (cur >= 0 && prev >= 0 && (cur == prev + 1 ||
		    cur == prev - 1))
			pg->c[i].lead = pg->c[i - 1].lead = 1;
		prev = cur;
	}
}

/* Is s[0..n) a country's code alone ("GBR") under a comment's date? */
static int
country(const char *s, size_t n)
{
	size_t i;

	if (n < 2 || n > 3)
		return 0;
	for (i = 0; i < n; i++)
		if (!isupper((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * Is line j a copy of the start of its comment's first line of words f,
 * after the author's handle ("iam99: The President may...")?  Such an
 * excerpt, and a web address under it, belong to a sharing link.
 */
static int
excerpt(struct page *pg, size_t j, size_t f)
{
	const struct line *l = &pg->l[j], *fl = &pg->l[f];
	const char *s = pg->text + l->off, *c;
	size_t k;

	if ((c = memchr(s, ':', l->len < 40 ? l->len : 40)) == NULL ||
	    memchr(s, ' ', (size_t)(c - s)) != NULL)
		return 0;
	k = (size_t)(c - s) + 1;
	while (k < l->len && s[k] == ' ')
		k++;
	return l->len - k >= 10 && l->len - k <= fl->len &&
	    memcmp(s + k, pg->text + fl->off, l->len - k) == 0;
}

/* Is there a line of words in from..to-1? */
static int
has_text(struct page *pg, size_t from, size_t to)
{
	for (; from < to; from++)
		if (pg->l[from].kind == K_TEXT)
			return 1;
	return 0;
}

/*
 * Comments from n0 on whose headers name nobody may close with their
 * readers' profiles ("3" / "Profile" / "Name" / "Total Comments (12)"):
 * the name is the author, and the profile is no comment's words.
 * Returns the line under the last comment's profile, 0 if it has none.
 */
static size_t
tail_names(struct page *pg, size_t n0)
{
	struct comment *c;
	size_t i, k, e, t, end = 0;

	for (i = n0; i < pg->nc; i++) {
		c = &pg->c[i];
		/* the last one's profile may stand under its cut */
		if (c->author.len > 0 || (k = profile_tail(pg, c->first,
		    i + 1 < pg->nc ? c->last : c->last + 6, &t)) == 0)
			continue;
		if (i + 1 == pg->nc)
			end = t + 1;
		c->author = pg->l[k].author;
		/* the profile's controls and number over the name */
		for (e = k; e > c->first + 1 && k - e < 4 &&
		    (pg->l[e - 1].kind == K_NOISE || pg->l[e - 1].kind ==
		    K_NUM || (name_like(pg, e - 1) && page_words(pg, e - 1) == 1)); e--)
			;
		c->last = e;
	}
	return end;
}

/* Cut a section of head anchors into comments. */
static void
build_head(struct page *pg, const struct cand *cd)
{
	struct comment *c;
	size_t j, n0 = pg->nc, pend;
	long floor;
	int dateheads = -1;

	for (j = cd->first; j <= cd->last; j++) {
		if (!is_anchor(pg, cd->kind, j))
			continue;
		/* A date anchor right under another is part of its head. */
		if (pg->nc > n0 && cd->kind == K_DATE &&
		    (j == pg->c[pg->nc - 1].anchor + 1 || split_date(pg,
		    pg->c[pg->nc - 1].anchor, j)))
			continue;
		if (pg->nc > n0 && cd->kind == K_VERB && quoted_verb(pg, j))
			continue;
		if (pg->nc > n0)
			floor = (long)pg->c[pg->nc - 1].anchor;
		else
			floor = cd->hdr >= 0 ? cd->hdr : (long)j -
			    (j > 0 && page_fans(pg, j - 1) ? 5 : 3);
		/*
		 * Dates head the comments when one stands over the first:
		 * else each closes the comment before ("Name said..." /
		 * words / date, as Blogger prints them).
		 */
		if (dateheads < 0)
			dateheads = date_over(pg, j, floor);
		c = new_comment(pg);
		head_start(pg, c, j, floor, dateheads);
		if (pg->nc > n0 + 1)
			pg->c[pg->nc - 2].last = c->head;
	}
	if (pg->nc == n0)
		return;
	c = &pg->c[pg->nc - 1];
	c->last = last_end(pg, c->anchor);
	pend = tail_names(pg, n0);
	/* What follows the last comment is often a link or two. */
	while ((pg->nc == n0 + 1 || !end_alike(pg, c, &pg->c[pg->nc - 2])) &&
	    c->last > c->first && name_like(pg, c->last - 1) &&
	    page_words(pg, c->last - 1) <= 5 && has_text(pg, c->first,
	    c->last - 1))
		c->last--;
	pg->rstart = cd->hdr >= 0 ? (size_t)cd->hdr : pg->c[n0].head;
	/* The last comment's controls ("Reply") go with the section. */
	for (pg->rend = c->last; pg->rend < pg->nl && pg->rend < c->last + 10 &&
	    pg->l[pg->rend].kind == K_NOISE; pg->rend++)
		;
	if (pend > pg->rend && pend <= pg->nl)
		pg->rend = pend;
}

/*
 * Is line j an undated "Name said:" right under a dated one ("Name on
 * date said:")?  It quotes the comment that the one above answers.
 */
static int
quoted_verb(struct page *pg, size_t j)
{
	return j > 0 && pg->l[j].kind == K_VERB && pg->l[j - 1].kind ==
	    K_VERB && pg->l[j].date.len == 0 && pg->l[j - 1].date.len > 0;
}

/* Cut a section of tail anchors ("Posted by: Name | date") into comments. */
static void
build_tail(struct page *pg, const struct cand *cd)
{
	struct comment *c;
	struct block b;
	size_t j, from, skip;
	int by;

	from = (size_t)cd->hdr;
	while (from < cd->first && pg->l[from].kind != K_TEXT)
		from++;
	for (j = cd->first; j <= cd->last; j++) {
		if (pg->l[j].kind != K_DATE)
			continue;
		c = new_comment(pg);
		c->head = c->first = from;
		c->anchor = j;
		c->last = block_start(pg, j, (long)from, &b);
		c->author = b.author;
		c->date = pg->l[j].date;
		from = j + 1;
		/*
		 * Where names head the comments, a short last line of words
		 * over the date ("yeah, switch!:)") is no name when a name
		 * heads this comment too.
		 */
		if (cd->namehead && c->author.len > 0 &&
		    pg->l[j].author.len == 0 && c->last + 1 == j &&
		    head_name(pg, first_head(pg, c->first, j), j) > 0) {
			c->author.p = NULL;
			c->author.len = 0;
			c->last = j;
		}
		if (c->author.len == 0 && cd->namehead) {
			while (c->first < c->last &&
			    pg->l[c->first].kind != K_TEXT)
				c->first++;
			if (j == cd->first)
				c->first = first_head(pg, c->first, c->last);
			if ((skip = head_name(pg, c->first, c->last)) > 0) {
				c->author = pg->l[c->first].author;
				c->first += skip;
			} else if (c->first + 1 < c->last &&
			    name_like(pg, c->first) && page_words(pg, c->first) <= 3 &&
			    has_prose(pg, c->first + 1, c->last)) {
				/*
				 * Most comments of the list start with a
				 * name: one over words is a name even when
				 * the words start with an address ("Some
				 * dude:").
				 */
				c->author = pg->l[c->first].author;
				c->first++;
			}
		} else if (c->author.len == 0) {
			/* "date |" then "Name" under it */
			c->author = name_below(pg, j, &skip, &by);
			from += skip;
		}
		for (; from < pg->nl && (is_noise(pg, from) ||
		    pg->l[from].kind == K_NUM); from++)
			;
	}
	pg->rstart = (size_t)cd->hdr + (cd->headless ? 1 : 0);
	pg->rend = from;
}

/*
 * Gather comment c's words from its lines into the page's comment buffer;
 * dates found on the way fill a missing date, a reply line names the
 * comment answered.
 */
static void
fill_text(struct page *pg, struct comment *c)
{
	const struct line *l;
	size_t j, k, f = 0;
	int n = 0, share = 0;

	c->toff = pg->ctext.len;
	for (j = c->first; j < c->last; j++) {
		l = &pg->l[j];
		switch (l->kind) {
		case K_TEXT:
			if (page_glue(pg, j) || l->furn || (j == c->anchor +
			    1 && country(pg->text + l->off, l->len)) ||
			    note(pg->text + l->off, l->len))
				continue;
			if (n > 0 && excerpt(pg, j, f)) {
				share = 1;
				continue;
			}
			/* the sharing link's address under its excerpt */
			if (share && l->len > 7 && memchr(pg->text + l->off,
			    ' ', l->len) == NULL && strncasecmp(pg->text +
			    l->off, "http", 4) == 0)
				continue;
			share = 0;
			break;
		case K_VERB:
			/*
			 * "Name said:" alone among a comment's words quotes
			 * the comment it answers.
			 */
			if (l->date.len == 0 && l->author.len > 0 &&
			    c->replyto.len == 0) {
				c->replyto = l->author;
				continue;
			}
			/* FALLTHROUGH */
		case K_DATE:	/* and "Added: date" over a signature */
			if (c->date.len == 0)
				c->date = l->date;
			continue;
		case K_REPLY:
			if (c->replyto.len == 0)
				c->replyto = l->author;
			continue;
		default:
			continue;
		}
		if (n == 0) {
			f = j;
			if (c->lead && lead_number(pg->text + l->off, l->len,
			    &k) >= 0) {
				tsv_buf_add(&pg->ctext, pg->text + l->off + k,
				    l->len - k);
				n++;
				continue;
			}
		}
		if (n++ > 0)
			tsv_buf_add(&pg->ctext, l->blank_before ? "\n\n" : "\n",
			    l->blank_before ? 2 : 1);
		else if (pg->text[l->off] == '@' && c->replyto.len == 0) {
			c->replyto.p = pg->text + l->off + 1;
			c->replyto.len = l->len - 1;
		} else if (c->replyto.len == 0)
			c->replyto = vocative(pg->text + l->off, l->len);
		tsv_buf_add(&pg->ctext, pg->text + l->off, l->len);
	}
	c->tlen = pg->ctext.len - c->toff;
}

/* Do lines i and j hold the same text? */
static int
same_line(struct page *pg, size_t i, size_t j)
{
	return pg->l[i].len == pg->l[j].len && memcmp(pg->text +
	    pg->l[i].off, pg->text + pg->l[j].off, pg->l[i].len) == 0;
}

/*
 * A comment's words the page shows twice in a row, whole or first as a
 * teaser of their first lines (lines first..m-1 the same as lines m on),
 * are its words once: the first copy goes.  The first line must be a
 * sentence of 20 bytes or more, which a reader does not repeat.
 */
static void
halve(struct page *pg, struct comment *c)
{
	size_t j, m, k;

	if (c->last < c->first + 2 || pg->l[c->first].kind != K_TEXT ||
	    pg->l[c->first].len < 20)
		return;
	for (m = c->first + 1; m < c->last && !same_line(pg, c->first, m);
	    m++)
		;
	k = m - c->first;
	if (m == c->last || m + k > c->last)
		return;
	for (j = c->first + 1; j < m; j++)
		if (!same_line(pg, j, j + k))
			return;
	c->first = m;
}

/*
 * Is s[0..n) a blog's note on the post, not a reader's words: "name liked
 * this", "name posted this", "name reblogged this from other"?
 */
static int
note(const char *s, size_t n)
{
	const char *sp;
	size_t k;

	if ((sp = memchr(s, ' ', n)) == NULL)
		return 0;
	k = (size_t)(sp - s);
	if (n - k == 11 && (strncasecmp(sp, " liked this", 11) == 0 ||
	    strncasecmp(sp, " posted this", 11) == 0))
		return 1;
	return n - k > 21 && strncasecmp(sp, " reblogged this from ", 21) == 0 &&
	    memchr(sp + 21, ' ', n - k - 21) == NULL;
}

/*
 * Does the name in reply (from "@name ..." when prefix is set, else from
 * "in reply to name") name the author a?
 */
static int
name_match(struct tsv_span reply, struct tsv_span a, int prefix)
{
	const char *sp;
	size_t w;

	/* "@Karla" answers "Karla Mendes": the first name alone */
	if (prefix && a.len > 0 && (sp = memchr(a.p, ' ', a.len)) != NULL &&
	    (w = (size_t)(sp - a.p)) >= 2 && reply.len >= w &&
	    strncasecmp(reply.p, a.p, w) == 0 && (reply.len == w ||
	    !isalnum((unsigned char)reply.p[w])))
		return 1;
	if (a.len == 0 || reply.len < a.len)
		return 0;
	if (strncasecmp(reply.p, a.p, a.len) != 0)
		return 0;
	if (reply.len == a.len)
		return 1;
	if (!prefix)
		return strchr(".,:;!", reply.p[a.len]) != NULL &&
		    reply.len == a.len + 1;
	return !isalnum((unsigned char)reply.p[a.len]);
}

/*
 * Where, after comment c's author on its line, another name may stand:
 * next, or after one word, a badge ("Ann Lowe Mod Bob Hart").  Sets
 * at[0] and at[1], NULL where no capital letter stands.  Returns whether
 * c may name whom it answers so, or within its author (three words or
 * more): most comments cannot, and are not compared with those above.
 */
static int
after_author(struct page *pg, const struct comment *c, const char **at)
{
	const char *s, *e = pg->text + pg->len, *sp;
	int i;

	at[0] = at[1] = NULL;
	if (c->author.len == 0 || c->author.p < pg->text || c->author.p >= e)
		return 0;
	for (s = c->author.p + c->author.len, i = 0; i < 2; i++) {
		while (s < e && *s == ' ')
			s++;
		/* a capital, or a letter of two bytes ("Élodie") */
		if (s < e && (ASCII_UPPER(*s) || ((unsigned char)*s >= 0xc3 &&
		    (unsigned char)*s < 0xe0)))
			at[i] = s;
		while (s < e && *s != ' ' && *s != '\n')
			s++;
	}
	sp = memchr(c->author.p, ' ', c->author.len);
	return at[0] != NULL || at[1] != NULL || (sp != NULL &&
	    memchr(sp + 1, ' ', c->author.len - (size_t)(sp + 1 -
	    c->author.p)) != NULL);
}

/*
 * Does comment c's author end with the name of the earlier comment p's,
 * two words or more, after a name of its own ("Ann Lowe Bob Hart"), or
 * does that name follow c's author, at at[0] or at[1] (see
 * after_author)?  Rendered pages lose the arrow between a reader and
 * whom they answer.  Then c answers p, and its author is cut to its own
 * name.
 */
static int
glued_target(struct page *pg, struct comment *c, const struct comment *p,
    const char **at)
{
	struct tsv_span a = c->author, b = p->author;
	const char *e = pg->text + pg->len;
	int i;

	/* cheap tests first: most pairs differ in the first byte */
	if (a.len == 0 || b.len < 3)
		return 0;
	if (a.len >= b.len + 2 && a.p[a.len - b.len] == *b.p &&
	    a.p[a.len - b.len - 1] == ' ' && memchr(b.p, ' ', b.len) !=
	    NULL && memcmp(a.p + a.len - b.len, b.p, b.len) == 0) {
		a.len -= b.len;
		while (a.len > 0 && a.p[a.len - 1] == ' ')
			a.len--;
		c->author = a;
		return 1;
	}
	for (i = 0; i < 2; i++)
		if (at[i] != NULL && *at[i] == *b.p && (size_t)(e - at[i]) >=
		    b.len && memcmp(at[i], b.p, b.len) == 0 &&
		    (at[i] + b.len == e || !isalnum((unsigned char)
		    at[i][b.len])) && memchr(b.p, ' ', b.len) != NULL)
			return 1;
	return 0;
}

/*
 * The name a comment's first line opens with, addressing a reader ("Ann,
 * you are right"): a capitalised word of three letters or more before a
 * comma.  None (NULL) otherwise.
 */
static struct tsv_span
vocative(const char *s, size_t n)
{
	struct tsv_span v = { NULL, 0 };
	size_t i;

	if (n < 5 || !ASCII_UPPER(s[0]))
		return v;
	for (i = 1; i < n && ASCII_LOWER(s[i]); i++)
		;
	if (i >= 3 && i + 1 < n && s[i] == ',' && s[i + 1] == ' ') {
		v.p = s;
		v.len = i;
	}
	return v;
}

/*
 * May the name r a comment answers be a first name alone: after an "@"
 * ("@Karla") or before a comma ("Karla, ...")?
 */
static int
first_only(struct page *pg, struct tsv_span r)
{
	return (r.p > pg->text && r.p[-1] == '@') ||
	    (r.p + r.len < pg->text + pg->len && r.p[r.len] == ',');
}

/* Are a and b the same name? */
static int
same_name(struct tsv_span a, struct tsv_span b)
{
	return a.len == b.len && a.len > 0 && memcmp(a.p, b.p, a.len) == 0;
}

/*
 * Does a reply mark stand before comment c's name on its line ("↳ Name",
 * "Reply from Name on date")?  Such a comment answers the one above it.
 */
static int
reply_marked(struct page *pg, const struct comment *c)
{
	const char *a = c->author.p, *s;
	size_t n;

	if (a == NULL || a <= pg->text || a >= pg->text + pg->len)
		return 0;
	for (s = a; s > pg->text && s[-1] != '\n'; s--)
		;
	while (s < a && (*s == ' ' || *s == '\t'))
		s++;
	n = (size_t)(a - s);
	return (n >= 3 && (memcmp(s, "\xe2\x86\xb3", 3) == 0 ||
	    memcmp(s, "\xe2\x86\xaa", 3) == 0 ||
	    memcmp(s, "\xe2\xa4\xb7", 3) == 0)) ||
	    (n >= 5 && strncasecmp(s, "reply", 5) == 0);
}

/*
 * The length of the dotted number ("#1.2") that starts the anchor line of
 * comment i, the "#" left out; *p is set to its first digit.  0 when the
 * line starts otherwise.
 */
static size_t
dotted(struct page *pg, size_t i, const char **p)
{
	const struct line *l = &pg->l[pg->c[i].anchor];
	const char *s = pg->text + l->off;
	size_t k, n = l->len;

	if (n < 2 || *s != '#' || !isdigit((unsigned char)s[1]))
		return 0;
	for (k = 1; k < n && (isdigit((unsigned char)s[k]) || (s[k] == '.' &&
	    k + 1 < n && isdigit((unsigned char)s[k + 1]))); k++)
		;
	*p = s + 1;
	return k - 1;
}

/*
 * A reply numbered "#1.2" answers the comment numbered "#1" before it:
 * its index, or -1 when comment i has no such number or no such parent.
 */
static long
dotted_parent(struct page *pg, size_t i)
{
	const char *a, *b;
	size_t n, m, k;

	if ((n = dotted(pg, i, &a)) == 0)
		return -1;
	while (n > 0 && a[n - 1] != '.')
		n--;
	if (n-- == 0)
		return -1;
	for (k = i; k-- > 0;)
		if (pg->c[k].seq != 0 && (m = dotted(pg, k, &b)) == n &&
		    memcmp(a, b, n) == 0)
			return (long)k;
	return -1;
}

/*
 * Give each kept comment its seq and parent: a reply line or "@name"
 * first, else a number that restarts at 1 under a comment, else deeper
 * indentation, else a dotted number ("#1.2" answers "#1").
 */
static void
nest(struct page *pg)
{
	/* a level: its last number, last comment and their parent */
	struct { int num; size_t i; long par; } st[64];
	size_t i, k, seq = 0, nst = 0, minind = (size_t)-1;
	struct comment *c;
	long p;
	int numbered = 0, indented = 0, voc, glue;
	const char *at[2];

	for (i = 0; i < pg->nc; i++) {
		c = &pg->c[i];
		if (c->tlen == 0)
			continue;
		c->seq = ++seq;
		numbered += c->num > 0;
		if (minind != (size_t)-1 && pg->l[c->head].indent != minind)
			indented = 1;
		if (pg->l[c->head].indent < minind)
			minind = pg->l[c->head].indent;
	}
	for (i = 0; i < pg->nc; i++) {
		c = &pg->c[i];
		if (c->seq == 0)
			continue;
		if (numbered >= 2 && c->num > 0) {
			p = -1;
			/*
			 * The level's parent, not the parent its last comment
			 * took from an "@Name" (which answers that comment
			 * alone).
			 */
			if (nst > 0 && c->num == 1 && st[nst - 1].num != 0 &&
			    nst < 64) {
				p = (long)st[nst - 1].i;
				st[nst].num = 1;
				st[nst].par = p;
				st[nst++].i = i;
			} else {
				while (nst > 0 && st[nst - 1].num !=
				    c->num - 1)
					nst--;
				if (nst > 0) {
					p = st[nst - 1].par;
					st[nst - 1].num = c->num;
					st[nst - 1].i = i;
				} else {
					st[0].num = c->num;
					st[0].i = i;
					st[0].par = -1;
					nst = 1;
				}
			}
			c->parent = p;
		} else if (indented) {
			while (nst > 0 && pg->l[pg->c[st[nst - 1].i].head].indent >=
			    pg->l[c->head].indent)
				nst--;
			c->parent = nst > 0 ? (long)st[nst - 1].i : -1;
			if (nst < 64) {
				st[nst].num = 0;
				st[nst].par = c->parent;
				st[nst++].i = i;
			}
		}
		if (c->parent < 0)
			c->parent = dotted_parent(pg, i);
		if (c->parent < 0 && reply_marked(pg, c))
			for (k = i; k-- > 0;)
				if (pg->c[k].seq != 0) {
					c->parent = (long)k;
					break;
				}
		voc = c->replyto.len > 0 && c->replyto.p + c->replyto.len <
		    pg->text + pg->len && c->replyto.p[c->replyto.len] == ',';
		glue = c->parent < 0 && (c->replyto.len == 0 || voc) &&
		    after_author(pg, c, at);
		for (k = i; glue && c->parent < 0 && k-- > 0 &&
		    i - k <= GLUEBACK;)
			if (pg->c[k].seq != 0 &&
			    glued_target(pg, c, &pg->c[k], at))
				c->parent = (long)k;
		/*
		 * A reader named before a comma answers a comment only where
		 * nothing else told, and may be the post's author, answered
		 * in a comment of their own far above: only the last few
		 * comments are looked at.
		 */
		if (c->replyto.len == 0 || (voc && c->parent >= 0))
			continue;
		for (k = i; k-- > 0 && (!voc || i - k <= VOCBACK);)
			if (pg->c[k].seq != 0 && name_match(c->replyto,
			    pg->c[k].author, first_only(pg, c->replyto)) &&
			    !same_name(c->author, pg->c[k].author)) {
				c->parent = (long)k;
				break;
			}
	}
	/* A parent that was dropped hands its children to its own parent. */
	for (i = 0; i < pg->nc; i++)
		while (pg->c[i].parent >= 0 && pg->c[pg->c[i].parent].seq == 0)
			pg->c[i].parent = pg->c[pg->c[i].parent].parent;
}

/*
 * Is this a list of posts, each with its own count ("12 comments", "No
 * comments"), as on a home page?
 */
static int
listing(struct page *pg)
{
	size_t i, n = 0;
	int num, first = 0, differ = 0;

	for (i = 0; i < pg->nl; i++) {
		if (pg->l[i].kind == K_HEADER && pg->l[i].num > 0)
			num = pg->l[i].num;
		else if (pg->l[i].kind == K_NONE)
			num = 0;
		else
			continue;
		if (n++ == 0)
			first = num;
		else if (num != first)
			differ = 1;
	}
	return n >= 2 && differ;
}

/*
 * Does a count of comments worded as the header hdr ("3 comments:" and
 * "0 comments:") stand between lines first and last?  On a list of
 * posts, that is the next post's count; a comment's own count of replies
 * ("Responses (0)") is worded otherwise.
 */
static int
counted_within(struct page *pg, long hdr, size_t first, size_t last)
{
	const char *h, *s;
	size_t i, hn, n;

	if (hdr < 0)
		return 0;
	h = count_rest(pg, (size_t)hdr, &hn);
	for (i = first + 1; i < last; i++) {
		if ((pg->l[i].kind != K_HEADER || pg->l[i].num == 0) &&
		    pg->l[i].kind != K_NONE)
			continue;
		s = count_rest(pg, i, &n);
		if (n == hn && strncasecmp(s, h, n) == 0)
			return 1;
	}
	return 0;
}

/* The words of count line i after its first word ("3", "No"), n bytes. */
static const char *
count_rest(struct page *pg, size_t i, size_t *n)
{
	const char *s = pg->text + pg->l[i].off, *e = s + pg->l[i].len;

	while (s < e && *s != ' ')
		s++;
	*n = (size_t)(e - s);
	return s;
}

/* Is the span written in capitals only, with two letters or more? */
static int
capitals(struct tsv_span a)
{
	size_t i, up = 0;

	for (i = 0; i < a.len; i++)
		if (islower((unsigned char)a.p[i]))
			return 0;
		else
			up += isupper((unsigned char)a.p[i]) != 0;
	return up >= 2;
}

/*
 * Names over words end where the names turn to capitals for good, two or
 * more of them after two readers' names or more in small letters: a
 * sidebar's headings ("NEWSLETTER", "TWITTER") follow the last comment.
 */
static void
caps_tail(struct page *pg)
{
	size_t i, j;

	for (i = 0; i < pg->nc && !capitals(pg->c[i].author); i++)
		;
	for (j = i; j < pg->nc && capitals(pg->c[j].author); j++)
		;
	if (i < 2 || j < pg->nc || j - i < 2)
		return;
	pg->c[i - 1].last = pg->c[i].head;
	pg->rend = pg->c[i].head;
	pg->nc = i;
}

/*
 * In a list with no header and no end line, nothing marks where the last
 * comment ends: it ends before the first line that could be a name, a
 * link or a heading of glue words ("About"), since page furniture follows.
 */
static void
cut_last(struct page *pg)
{
	struct comment *c = &pg->c[pg->nc - 1];
	size_t j;

	for (j = c->first + 1; j < c->last; j++)
		if (name_like(pg, j) || pg->l[j].kind != K_TEXT ||
		    page_glue(pg, j)) {
			c->last = j;
			pg->rend = j;
			break;
		}
}

/*
 * Does comment c hold a menu: four lines in a row of one to four words
 * each that could be names or links?  Comments are sentences; a run of
 * menu entries means the cut went wrong.
 */
static int
menuish(struct page *pg, const struct comment *c)
{
	size_t j, run = 0;

	for (j = c->first; j < c->last; j++) {
		if (name_like(pg, j) && page_words(pg, j) <= 4) {
			if (++run == 4)
				return 1;
		} else
			run = 0;
	}
	return 0;
}

/* Are there three comments or more, all by one named author? */
static int
one_author(struct page *pg)
{
	struct tsv_span a;
	size_t i;

	if (pg->nc < 3 || (a = pg->c[0].author).len == 0)
		return 0;
	for (i = 1; i < pg->nc; i++)
		if (pg->c[i].author.len != a.len ||
		    strncasecmp(pg->c[i].author.p, a.p, a.len) != 0)
			return 0;
	return 1;
}

/* A word of a list and its length, known when compiled. */
#define WORD(w)	{ w, sizeof(w) - 1 }
struct word {
	const char	*w;
	size_t		 n;
};

/* Is p[0..n) one of a title's little words ("The", "of")? */
static int
little(const char *p, size_t n)
{
	static const struct word word[] = { WORD("the"), WORD("a"),
	    WORD("an"), WORD("of"), WORD("and"), WORD("to"), WORD("in"),
	    WORD("for"), WORD("with"), WORD("on"), WORD("is"), WORD("my"),
	    WORD("your"), WORD("more"), WORD("why"), WORD("how"),
	    WORD("what"), WORD("about"), WORD("our"), WORD("new"),
	    WORD("this"), WORD("that") };
	size_t k;

	for (k = 0; k < sizeof(word) / sizeof(word[0]); k++)
		if (word[k].n == n && strncasecmp(word[k].w, p, n) == 0)
			return 1;
	return 0;
}

/*
 * Is c one of the bytes of "\"“”:!?" or its NUL, as strchr finds them:
 * a quote, a colon, an exclamation or a question?
 */
static int
quoting(char c)
{
	switch ((unsigned char)c) {
	case '"': case ':': case '!': case '?': case '\0':
	case 0xe2: case 0x80: case 0x9c: case 0x9d:
		return 1;
	default:
		return 0;
	}
}

/*
 * Could the span be a person's name or handle rather than a title: one
 * word ("h4rm0ny"), or two or three words each starting with a capital
 * ("Jan-Willem Wisgerhof", "Marta K.") or none of them ("jade moss"),
 * none of them a title's little word, no quotes?
 */
static int
personish(struct tsv_span a)
{
	size_t i, j, w = 0, caps = 0;

	if (a.len == 0 || a.len > 40)
		return 0;
	for (i = 0; i < a.len; i = j) {
		while (i < a.len && a.p[i] == ' ')
			i++;
		if (i == a.len)
			break;
		for (j = i; j < a.len && a.p[j] != ' '; j++)
			if (quoting(a.p[j]))
				return 0;
		w++;
		caps += isupper((unsigned char)a.p[i]) != 0;
		if (little(a.p + i, j - i))
			return 0;
	}
	return w == 1 || (w <= 3 && (caps == w || caps == 0));
}

/*
 * Does the section's header count exactly the kept comments, two or more,
 * or, when it counts none, the page's only count above it?  Then the
 * count vouches for the cut, a long comment included.
 */
static int
counted(struct page *pg, const struct cand *cd, size_t kept)
{
	if (cd->hdr < 0 || kept < 2)
		return 0;
	if (pg->l[cd->hdr].num > 0)
		return (size_t)pg->l[cd->hdr].num == kept;
	/* a bare "Comments" under the post's own count */
	return header_counts(pg, (size_t)cd->hdr, kept);
}

/*
 * Does comment i stand between two other comments of a section under a
 * header, its name over its words heading it, a reader's name?
 */
static int
amid(struct page *pg, const struct cand *cd, size_t i)
{
	return cd->hdr >= 0 && !cd->tail && cd->kind == K_TEXT && i > 0 &&
	    i + 1 < pg->nc && pg->c[i - 1].tlen > 0 && pg->c[i + 1].tlen > 0 &&
	    personish(pg->c[i].author);
}

/*
 * Are half of the comments found, three or more, one line of words shaped
 * like a headline?  A list of other posts under their authors and dates
 * is no comment section.
 */
static int
headlines(struct page *pg)
{
	const struct comment *c;
	size_t i, j, t, one, n = 0, other = 0;

	if (pg->nc < 3)
		return 0;
	/* stop as soon as the others are more than half */
	for (i = 0; i < pg->nc && other * 2 <= pg->nc; i++) {
		c = &pg->c[i];
		for (j = c->first, t = 0, one = 0; j < c->last && t < 2; j++)
			if (pg->l[j].kind == K_TEXT && t++ == 0)
				one = j;
		if (t == 1 && headline(pg, one, 0))
			n++;
		else
			other++;
	}
	return n * 2 >= pg->nc;
}

/*
 * Does the article stand above the section's header, a count or a bare
 * "Comments": sentences over it of more words than the longest comment
 * holds?  Then that comment is no article, which would stand under the
 * header (a post's byline with its count of comments) or above it, not
 * both.
 */
static int
under_article(struct page *pg, const struct cand *cd, size_t most)
{
	size_t j, above;

	if (cd->hdr < 0 || cd->tail)
		return 0;
	for (j = 0, above = 0; j < (size_t)cd->hdr && above <= most; j++)
		if (pg->l[j].kind == K_TEXT && sentence(pg, j))
			above += page_words(pg, j);
	return above > most;
}

/*
 * Find the page's comment section and its comments.  Returns the number
 * of comments kept (those with words); 0 leaves the whole page as body.
 * A finder whose anchors are lines of one kind returns at once when the
 * page has none (pg->nkind): most pages have no comments.
 */
static int
find_section(struct page *pg)
{
	struct cand best;
	int kept;

	memset(&best, 0, sizeof(best));
	best.hdr = -1;
	find_verb(pg, &best);
	find_date(pg, &best);
	find_numbered(pg, &best);
	find_profiles(pg, &best);
	find_points(pg, &best);
	if (best.count == 0)
		find_bylines(pg, &best);
	if (best.count == 0)
		find_names(pg, &best);
	find_linked(pg, &best);
	if (best.count == 0)
		find_places(pg, &best);
	if ((kept = settle(pg, &best)) > 0)
		return kept;
	/* Scores under names may lose to dates that make no section. */
	if (best.kind != K_NOISE) {
		memset(&best, 0, sizeof(best));
		find_points(pg, &best);
		if ((kept = settle(pg, &best)) > 0)
			return kept;
	}
	/* Names over dates without a header, then any record repeated
	   after the article, are the last resorts. */
	memset(&best, 0, sizeof(best));
	best.hdr = -1;
	find_named_dates(pg, &best);
	if ((kept = settle(pg, &best)) > 0)
		return kept;
	memset(&best, 0, sizeof(best));
	best.hdr = -1;
	find_closed(pg, &best);
	if ((kept = settle(pg, &best)) > 0)
		return kept;
	memset(&best, 0, sizeof(best));
	best.hdr = -1;
	find_filed(pg, &best);
	if ((kept = settle(pg, &best)) > 0)
		return kept;
	if ((kept = records(pg)) > 0)
		return kept;
	if ((kept = lone_signed(pg)) > 0)
		return kept;
	return single(pg);
}

/*
 * Find the page's comment section and its comments (see find_section);
 * a comment dated to the day whose time stands on the next line
 * ("March 13th, 2025" / "2:22 pm") is dated to the minute.
 */
int
page_segment(struct page *pg)
{
	size_t i;
	int kept;

	if ((kept = find_section(pg)) > 0)
		for (i = 0; i < pg->nc; i++)
			join_time(pg, &pg->c[i]);
	return kept;
}

/*
 * Take into comment c's date the time of day that the line under its
 * date line gives alone, when the two read as one date in ISO 8601.
 */
static void
join_time(struct page *pg, struct comment *c)
{
	const struct line *a, *t;
	struct tsv_span d;
	char iso[32];

	if (c->date.len == 0 || c->anchor + 1 >= pg->nl ||
	    clocked(c->date))
		return;
	a = &pg->l[c->anchor];
	t = &pg->l[c->anchor + 1];
	/* the date stands on the anchor's line */
	if (c->date.p < pg->text + a->off ||
	    c->date.p >= pg->text + a->off + a->len)
		return;
	if (t->kind != K_DATE || t->author.len > 0 || !clocked(t->date) ||
	    full_date(t->date) || t->date.p < c->date.p + c->date.len)
		return;
	d.p = c->date.p;
	d.len = (size_t)(t->date.p + t->date.len - c->date.p);
	if (date_iso(d.p, d.len, iso, sizeof(iso)) > 10)
		c->date = d;
}

/*
 * Does a line in from..to-1 file the post under its categories ("Filed
 * under", "This entry was posted on ... and is filed under"): a blog
 * post's footer, which ends the article, never a reader's words?
 */
static int
filed(struct page *pg, size_t from, size_t to)
{
	const char *s;
	size_t j, k, n;

	for (j = from; j < to; j++) {
		s = pg->text + pg->l[j].off;
		n = pg->l[j].len;
		for (k = 0; k + 11 <= n; k++)
			if ((s[k] | 0x20) == 'f' && strncasecmp(s + k,
			    "filed under", 11) == 0)
				return 1;
	}
	return 0;
}

/*
 * Is line e the closing line of a comment platform's list ("blog comments
 * powered by ...")?
 */
static int
powered(struct page *pg, size_t e)
{
	const char *s = pg->text + pg->l[e].off;
	size_t n = pg->l[e].len;

	if (n > 5 && strncasecmp(s, "blog ", 5) == 0) {
		s += 5;
		n -= 5;
	}
	return n > 21 && strncasecmp(s, "comments powered by ", 20) == 0;
}

/*
 * Is line k a reader's name over words (see name_anchor): a person's
 * alone on its line or after its link, not in capitals?
 */
static int
reader_name(struct page *pg, size_t k)
{
	struct tsv_span a;

	if (!name_anchor(pg, k))
		return 0;
	a = page_name(pg, k);
	/* the name alone, or after its link: "About Name" is a heading */
	if (!pg->l[k].linked && a.len != pg->l[k].len)
		return 0;
	return personish(a) && !capitals(a);
}

/*
 * The run of readers' names over words that ends right at a comment
 * platform's closing line, read from that line up ("Name" / words /
 * "Name" / words / "blog comments powered by ..."): a platform that did
 * render its comments shows them so, with no header, date or control.
 * Each comment's words, at most TAILMAX lines with no heading among them,
 * hold prose; two comments are asked for.
 */
static void
find_closed(struct page *pg, struct cand *best)
{
	struct cand c;
	size_t e, j, k;

	if (pg->nkind[K_END] == 0)
		return;
	for (e = 1; e < pg->nl; e++) {
		if (pg->l[e].kind != K_END || pg->l[e - 1].kind != K_TEXT ||
		    !powered(pg, e))
			continue;
		memset(&c, 0, sizeof(c));
		c.kind = K_TEXT;
		c.hdr = -1;
		for (j = e; j > 1; j = k) {
			/* a heading or a menu entry stops the words */
			for (k = j - 1; k > 0 && j - k <= TAILMAX &&
			    pg->l[k].kind == K_TEXT && !reader_name(pg, k) &&
			    (!name_like(pg, k) || islower((unsigned char)
			    pg->text[pg->l[k].off]) ||
			    page_words(pg, k) > 4); k--)
				;
			if (j - k > TAILMAX || k + 1 >= j ||
			    !reader_name(pg, k) || !has_prose(pg, k + 1, j) ||
			    filed(pg, k + 1, j))
				break;
			if (c.count++ == 0)
				c.last = k;
			c.first = k;
		}
		if (c.count >= 2 && c.count > best->count)
			*best = c;
	}
}

/*
 * The readers' names over words right under a blog post's footer line
 * that files it under its categories ("Filed under T-Shirts |" / "Name" /
 * words): a theme that shows no header, date or control over its
 * comments.  The comments end at the first heading or control; each
 * one's words, at most TAILMAX lines, say something, and do not name
 * their author (an author's biography does).
 */
static void
find_filed(struct page *pg, struct cand *best)
{
	struct cand c;
	size_t f, j, k;

	for (f = 1; f + 2 < pg->nl; f++) {
		/* cheap test first: the footer starts with "Filed under" */
		if (pg->l[f].len < 11 || (pg->text[pg->l[f].off] | 0x20) !=
		    'f' || !filed(pg, f, f + 1) || !reader_name(pg, f + 1))
			continue;
		memset(&c, 0, sizeof(c));
		c.kind = K_TEXT;
		c.hdr = -1;
		for (j = f + 1; j < pg->nl && reader_name(pg, j); j = k) {
			for (k = j + 1; k < pg->nl && k - j <= TAILMAX &&
			    pg->l[k].kind == K_TEXT && !name_like(pg, k); k++)
				;
			if (k - j > TAILMAX || !has_saying(pg, j + 1, k) ||
			    names_self(pg, j, k))
				break;
			if (c.count++ == 0)
				c.first = j;
			c.last = j;
		}
		if (c.count > 0 && c.count > best->count)
			*best = c;
		break;
	}
}

/*
 * Do the words on lines j+1..k-1 hold the first word of the name on line
 * j, as a biography of the post's author does?
 */
static int
names_self(struct page *pg, size_t j, size_t k)
{
	struct tsv_span a = page_name(pg, j);
	const char *s;
	size_t i, n, w, m;

	for (w = 0; w < a.len && a.p[w] != ' '; w++)
		;
	if (w < 2)
		return 0;
	for (i = j + 1; i < k; i++) {
		s = pg->text + pg->l[i].off;
		n = pg->l[i].len;
		for (m = 0; m + w <= n; m++)
			if ((m == 0 || !isalnum((unsigned char)s[m - 1])) &&
			    strncasecmp(s + m, a.p, w) == 0 && (m + w == n ||
			    !isalnum((unsigned char)s[m + w])))
				return 1;
	}
	return 0;
}

/*
 * Does line j sign a comment under its words with a dash ("— Posted by
 * Name, Town")?  Sets *a to the name.
 */
static int
signer(struct page *pg, size_t j, struct tsv_span *a)
{
	const char *s = pg->text + pg->l[j].off;
	size_t k, n = pg->l[j].len;

	if (pg->l[j].kind != K_TEXT)
		return 0;
	for (k = 0; k < n && s[k] != '\0' && strchr("-\xe2\x80\x93\x94 ",
	    s[k]) != NULL; k++)
		;
	if (k == 0 || n - k <= 10 || strncasecmp(s + k, "posted by ", 10) != 0)
		return 0;
	a->p = s + k + 10;
	a->len = n - k - 10;
	return 1;
}

/*
 * Does a name over words (see name_anchor), not in capitals as a heading
 * ("ADVERTISEMENT"), stand at most four lines above line k, so that the
 * words right above k are a comment's?
 */
static int
named_above(struct page *pg, size_t k)
{
	size_t j;

	for (j = k - 1; j > 0 && k - j <= 4; j--)
		if (name_anchor(pg, j - 1) && !capitals(page_name(pg, j - 1)))
			return 1;
	return 0;
}

/*
 * The line that signs a comment under its words (see signer), among the
 * lines of words from a on, before the next date or control; 0 when
 * there is none.
 */
static size_t
signed_tail(struct page *pg, size_t a)
{
	struct tsv_span n;
	size_t j;

	/* the rest of a date split over lines ("2007" / "7:51 pm") */
	while (a < pg->nl && (pg->l[a].kind == K_NUM || pg->l[a].kind ==
	    K_DATE))
		a++;
	for (j = a; j < pg->nl && j - a <= TAILMAX; j++) {
		if (pg->l[j].kind != K_TEXT)
			return 0;
		if (signer(pg, j, &n))
			return j;
	}
	return 0;
}

/*
 * Is date anchor j the rest of anchor a's date, split over lines with
 * the year between ("December 27th," / "2007" / "7:51 pm")?
 */
static int
split_date(struct page *pg, size_t a, size_t j)
{
	return j == a + 2 && pg->l[a + 1].kind == K_NUM &&
	    pg->l[a + 1].num >= 1900 && pg->l[a + 1].num <= 2099;
}

/*
 * A comment whose header names nobody may be signed under its words ("—
 * Posted by Name, Town"): the name is its author, the line and what
 * follows it no words.
 */
static void
sign_tails(struct page *pg)
{
	struct comment *c;
	size_t i, j, e;

	for (i = 0; i < pg->nc; i++) {
		c = &pg->c[i];
		if (c->author.len > 0 || c->last <= c->first + 1)
			continue;
		/* the cut may have left the last one's signature out */
		e = c->last + (i + 1 == pg->nc && c->last < pg->nl);
		for (j = c->first + 1; j < e; j++)
			if (signer(pg, j, &c->author))
				break;
		if (j == e)
			continue;
		/* what follows the last one is the page's */
		if (i + 1 == pg->nc)
			pg->rend = j + 1;
		c->last = j;
	}
}

/*
 * Does a line in from..to-1 start with "Pingback" or "Trackback" and a
 * colon or "by": another blog's link to the post, listed as a comment?
 */
static int
pingback(struct page *pg, size_t from, size_t to)
{
	const char *s;
	size_t j, n;

	for (j = from; j < to; j++) {
		s = pg->text + pg->l[j].off;
		n = pg->l[j].len;
		if (pg->l[j].kind != K_TEXT || n < 12 ||
		    (strncasecmp(s, "pingback", 8) != 0 &&
		    strncasecmp(s, "trackback", 9) != 0))
			continue;
		s += (*s | 0x20) == 'p' ? 8 : 9;
		if (*s == ':' || strncasecmp(s, " by ", 4) == 0)
			return 1;
	}
	return 0;
}

/*
 * Do a section header right above the signed line a and the reply form at
 * line e, with only words between, frame one comment ("Comment(s)" /
 * "Posted by Name - date" / words / "You must log in to post")?
 */
static int
form_bound(struct page *pg, size_t a, size_t e)
{
	return a > 0 && pg->l[a - 1].kind == K_HEADER &&
	    pg->l[e].kind == K_END && e - a <= TAILMAX;
}

/* Is line j a comment's control offering to report it ("Report this")? */
static int
reports(struct page *pg, size_t j)
{
	const char *s = pg->text + pg->l[j].off;
	size_t k, n = pg->l[j].len;

	if (pg->l[j].kind != K_NOISE)
		return 0;
	for (k = 0; k + 6 <= n; k++)
		if ((s[k] == 'r' || s[k] == 'R') && strncasecmp(s + k,
		    "report", 6) == 0 && (k == 0 || s[k - 1] == ' ' ||
		    s[k - 1] == '|'))
			return 1;
	return 0;
}

/*
 * A lone comment under the article, signed on its first line ("Posted by:
 * Name on 5:19pm Tue 1 Jan 08") and closed by a control that reports it
 * ("Quote | Report this post") within LASTMAX lines of words, or framed
 * by a section header and the reply form (see form_bound): no byline of
 * an article has such a control under its text or such a frame.  Taken only under an
 * article of prose (80 words or more above it).  Returns 1 when the
 * comment is taken, else 0.
 */
static int
lone_signed(struct page *pg)
{
	struct comment *c;
	size_t a, e, j, above = 0;
	int prose = 0;

	pg->nc = 0;
	pg->ctext.len = 0;
	for (a = j = 0; a < pg->nl; a++) {
		if (pg->l[a].kind != K_DATE || pg->l[a].author.len == 0 ||
		    !pg->l[a].byline)
			continue;
		/* the words above are counted only for a signed line */
		for (; j < a; j++) {
			if (pg->l[j].kind != K_TEXT)
				continue;
			above += page_words(pg, j);
			prose = prose || has_prose(pg, j, j + 1);
		}
		if (above < 80 || !prose)
			continue;
		for (e = a + 1; e < pg->nl && e - a <= LASTMAX &&
		    pg->l[e].kind == K_TEXT; e++)
			;
		if (e == a + 1 || e == pg->nl || e - a > LASTMAX ||
		    (!reports(pg, e) && !form_bound(pg, a, e)) ||
		    !has_prose(pg, a + 1, e))
			continue;
		c = new_comment(pg);
		c->head = c->anchor = a;
		c->first = a + 1;
		c->last = e;
		c->author = pg->l[a].author;
		c->date = pg->l[a].date;
		halve(pg, c);
		fill_text(pg, c);
		if (c->tlen == 0 || menuish(pg, c)) {
			pg->nc = 0;
			pg->ctext.len = 0;
			continue;
		}
		/* the header goes with the comment, the form stays */
		if (reports(pg, e)) {
			pg->rstart = a;
			pg->rend = e + 1;
		} else {
			pg->rstart = a - 1;
			pg->rend = e;
		}
		c->seq = 1;
		return 1;
	}
	return 0;
}

/*
 * The name in a trailer that the patterns take for a control ("Posted by
 * Name | Report as abusive"), or an empty span.
 */
static struct tsv_span
posted_by(struct page *pg, size_t j)
{
	struct tsv_span a = { NULL, 0 };
	const char *s = pg->text + pg->l[j].off, *bar;
	size_t n = pg->l[j].len;

	if (n < 12 || strncasecmp(s, "posted by ", 10) != 0 ||
	    (bar = memchr(s, '|', n)) == NULL)
		return a;
	a.p = s + 10;
	a.len = (size_t)(bar - a.p);
	while (a.len > 0 && a.p[a.len - 1] == ' ')
		a.len--;
	if (a.len == 0 || a.len > 40 || nwords(a.p, a.len) > 4)
		a.len = 0;
	return a;
}

/*
 * A header that counts one comment ("One comment so far", "1 Comment")
 * right over the reply form vouches for the one comment between them:
 * at most SINGLEMAX lines of fewer than 150 words, under an article of
 * prose (so the header is no post's count of comments over its text).
 * Returns 1 when the comment is taken, else 0.
 */
static int
single(struct page *pg)
{
	struct comment *c;
	size_t h, e, j, w, above;
	long hdr = -1;

	pg->nc = 0;
	pg->ctext.len = 0;
	if (listing(pg))
		return 0;
	for (e = 0; e < pg->nl && pg->l[e].kind != K_END; e++)
		if (pg->l[e].kind == K_HEADER)
			hdr = pg->l[e].num == 1 ? (long)e : -1;
	if (hdr < 0 || e == pg->nl || e - (size_t)hdr > SINGLEMAX)
		return 0;
	h = (size_t)hdr;
	for (j = 0, above = 0; j < h; j++)
		if (pg->l[j].kind == K_TEXT)
			above += page_words(pg, j);
	if (above < 80 || !has_prose(pg, 0, h))
		return 0;
	for (j = h + 1, w = 0; j < e; j++) {
		if (pg->l[j].kind == K_VERB || (pg->l[j].kind == K_HEADER &&
		    pg->l[j].num != 1))
			return 0;
		if (pg->l[j].kind == K_TEXT)
			w += page_words(pg, j);
	}
	/*
	 * The form's links are no comment, nor a title alone; a pingback
	 * ("Pingback: Title | Blog") is one, as the count says.
	 */
	if (w < 3 || w >= 150 || (!has_prose(pg, h + 1, e) &&
	    !pingback(pg, h + 1, e)))
		return 0;
	c = new_comment(pg);
	c->head = c->anchor = c->first = h + 1;
	while (c->first < e && pg->l[c->first].kind == K_HEADER)
		c->first++;
	c->last = e;
	for (j = c->first; j < e; j++) {
		if (c->author.len == 0 && pg->l[j].kind == K_DATE)
			c->author = pg->l[j].author;
		if (c->author.len == 0 && pg->l[j].kind == K_NOISE)
			c->author = posted_by(pg, j);
	}
	fill_text(pg, c);
	if (c->tlen == 0 || menuish(pg, c)) {
		pg->nc = 0;
		return 0;
	}
	pg->rstart = h;
	pg->rend = e;
	c->seq = 1;
	return 1;
}

/*
 * Cut the candidate section into comments and check that they are
 * comments.  Returns the number of comments kept (those with words); 0
 * leaves the whole page as body.
 */
static int
settle(struct page *pg, const struct cand *cd)
{
	struct cand best = *cd;
	size_t i, kept = 0, menus, prose, people, w, total, most, mi;
	size_t titles = 0, cut = 0;
	size_t said = 0;

	pg->nc = 0;
	pg->ctext.len = 0;
	pg->rstart = pg->rend = 0;
	/*
	 * On a list of posts with their own counts, a post's date under its
	 * count is no comment: there a section needs three comments.
	 */
	if (best.count == 0 || (best.kind != K_VERB && (best.count < 3 ||
	    counted_within(pg, best.hdr, best.first, best.last)) &&
	    listing(pg)))
		return 0;
	if (best.kind == K_DATE && best.tail)
		build_tail(pg, &best);
	else if (best.kind == K_TEXT && best.tail)
		build_places(pg, &best);
	else
		build_head(pg, &best);
	if (best.kind == K_TEXT)
		caps_tail(pg);
	if (best.kind == K_TEXT && best.hdr < 0)
		cut_last(pg);
	/*
	 * Comments are sentences: a cut that gives menus, or, on a list of
	 * posts or without a header (or controls under every comment),
	 * titles with few sentences among them, went wrong.  Without a
	 * header, three dated comments or more by one author are a list of
	 * an author's posts, words half of which open with a title are
	 * posts, notices or ads under their bylines, and words three in four
	 * of which, two or more, are cut short ("...") are a sidebar's
	 * teasers of comments elsewhere.
	 */
	for (i = 0, menus = 0, prose = 0, people = 0; i < pg->nc; i++) {
		menus += menuish(pg, &pg->c[i]);
		prose += has_prose(pg, pg->c[i].first, pg->c[i].last);
		said += has_saying(pg, pg->c[i].first, pg->c[i].last);
		people += personish(pg->c[i].author);
		titles += opens_titled(pg, pg->c[i].first, pg->c[i].last);
		cut += cut_short(pg, &pg->c[i]);
	}
	if (menus * 3 > pg->nc || (menus * 10 > pg->nc && !best.controls &&
	    (best.hdr < 0 || pg->l[best.hdr].num == 0)) || (prose * 3 < pg->nc &&
	    listing(pg)) || (best.headless && prose * 2 < pg->nc) ||
	    (best.weak && (prose * 4 < pg->nc * 3 ||
	    people * 4 < pg->nc * 3)) || (best.kind == K_TEXT &&
	    (people * 3 < pg->nc * 2 || said * 3 < pg->nc * 2)) ||
	    (best.hdr < 0 &&
	    best.kind == K_DATE && one_author(pg)) ||
	    ((best.hdr < 0 || best.headless) && titles >= 2 &&
	    titles * 2 >= pg->nc) ||
	    (best.hdr < 0 && cut >= 2 && cut * 4 >= pg->nc * 3)) {
		pg->nc = 0;
		return 0;
	}
	if (headlines(pg)) {
		pg->nc = 0;
		return 0;
	}
	drop_tail(pg);
	sign_tails(pg);
	mark_furniture(pg);
	lead_numbers(pg);
	for (i = 0, total = 0, most = 0, mi = 0; i < pg->nc; i++) {
		halve(pg, &pg->c[i]);
		fill_text(pg, &pg->c[i]);
		kept += pg->c[i].tlen > 0;
		w = nwords(pg->ctext.buf + pg->c[i].toff, pg->c[i].tlen);
		total += w;
		if (w > most) {
			most = w;
			mi = i;
		}
	}
	/*
	 * One long "comment" holding most of the words is the article taken
	 * for a comment: better no section than a cut article.  Unless a
	 * count vouches for it, or it stands between two comments under a
	 * header, headed by a reader's name, or under a header that counts
	 * comments below the article: the article never does.
	 */
	if (kept == 0 || (most >= ARTWORDS && most * 2 >= total &&
	    !counted(pg, &best, kept) && !amid(pg, &best, mi) &&
	    (kept < 3 || !under_article(pg, &best, most)))) {
		pg->nc = 0;
		return 0;
	}
	nest(pg);
	return (int)kept;
}

/*
 * The repeated-record detector, the last resort for a page whose comment
 * section shows no header, verb or layout the finders above know: after
 * the article, the same few line shapes repeat, record after record: a
 * name, a date, a count or a control, and one paragraph of prose.  Each
 * record is a comment; its name line is the author, its date line the
 * date.
 */
enum shape {
	S_BREAK,	/* a header, an end line: no record crosses it */
	S_NAME,		/* a short line that could be a reader's name */
	S_DATE,		/* a date without a name */
	S_NAMED,	/* a date or verb line that names its author */
	S_COUNT,	/* a number alone: votes, a comment's number */
	S_CTL,		/* "Reply", "Report", glue */
	S_PROSE,	/* lines of sentences, one paragraph or more */
	S_OTHER		/* anything else: titles, menu entries */
};

#define RECMIN	 3	/* fewest records of a repeated run */
#define RECMAX	 6	/* most shapes in one record */
#define RECABOVE 100	/* fewest words of prose above the run */
#define RECWIN	 12	/* lines around the reply form a lone record
			   is looked for in */

/*
 * Is line j capitalised like a title: seven in ten of its words of four
 * letters or more (a title's little words are shorter) start with a
 * capital?  Returns the number of those words when it is, else 0.
 */
static int
titled(struct page *pg, size_t j)
{
	const char *s = pg->text + pg->l[j].off;
	size_t n = pg->l[j].len, i, k, w = 0, caps = 0;

	for (i = 0; i < n; i = k) {
		while (i < n && s[i] == ' ')
			i++;
		for (k = i; k < n && s[k] != ' '; k++)
			;
		if (k - i < 4)
			continue;
		w++;
		caps += isupper((unsigned char)s[i]) != 0;
	}
	return w > 0 && caps * 10 >= w * 7 ? (int)w : 0;
}

/*
 * Does line j speak to someone, as readers do and headlines do not: a
 * question, an exclamation, a smiley, a second sentence, a word of the
 * first or second person ("I", "you", "we") or of speech ("don't",
 * "she's", "thanks", "lol")?
 */
static int
remark(struct page *pg, size_t j)
{
	static const char *said[] = { "i", "me", "my", "mine", "myself",
	    "you", "your", "yours", "yourself", "we", "us", "our", "ours",
	    "im", "ive", "id", "ill", "youre", "youve", "youll", "youd",
	    "were", "weve", "hes", "shes", "its", "thats", "theres",
	    "whats", "lets", "thanks", "thank", "lol", "wow", "yes", "yeah",
	    "hmm", "ok", "okay", "please" };
	const struct line *l = &pg->l[j];
	const char *s = pg->text + l->off;
	char w[16];
	size_t n = l->len, i, k, m, x;

	for (i = 0; i < n; i++)
		if (s[i] == '?' || s[i] == '!' || ((s[i] == ':' ||
		    s[i] == ';') && i + 1 < n && strchr(")(DPp-", s[i + 1])) ||
		    (s[i] == '.' && i + 2 < n && s[i + 1] == ' ' &&
		    isupper((unsigned char)s[i + 2])))
			return 1;
	for (i = 0; i < n; i = k) {
		while (i < n && !isalpha((unsigned char)s[i]))
			i++;
		/* a word, its apostrophes ("'", "’") left out */
		for (k = i, m = 0; k < n && (isalpha((unsigned char)s[k]) ||
		    s[k] == '\'' || (unsigned char)s[k] >= 0x80); k++)
			if (isalpha((unsigned char)s[k]) && m < sizeof(w))
				w[m++] = (char)tolower((unsigned char)s[k]);
			else if ((unsigned char)s[k] >= 0x80 && (k + 2 >= n ||
			    memcmp(s + k, "\xe2\x80\x99", 3) != 0))
				m = sizeof(w);
			else if ((unsigned char)s[k] >= 0x80)
				k += 2;
		if (m == sizeof(w) || m == 0)
			continue;
		if (m >= 3 && w[m - 2] == 'n' && w[m - 1] == 't' &&
		    k - i > m)
			return 1;
		for (x = 0; x < sizeof(said) / sizeof(said[0]); x++)
			if (strlen(said[x]) == m && memcmp(said[x], w, m) == 0)
				return 1;
	}
	return 0;
}

/*
 * Does line j, a comment's only line of words, read as a headline rather
 * than a reader's remark: fewer than fifteen words, capitalised like a
 * title (three long words at least: "Great Post!" is a remark), or
 * opening with a label ("Commentary: ..."), or, when bare is set, ending
 * no sentence or saying nothing to anyone?  Readers talk: even their
 * shortest remarks end a sentence and speak to someone, though a section
 * whose comments are vouched for may hold a bare "lol".
 */
static int
headline(struct page *pg, size_t j, int bare)
{
	const struct line *l = &pg->l[j];
	const char *s = pg->text + l->off;
	size_t n = l->len, i, w;

	if (n == 0 || page_words(pg, j) >= 15)
		return 0;
	if (titled(pg, j) >= 3)
		return 1;
	for (i = 0, w = 0; i + 2 < n && w < 3; i++)
		if (s[i] == ' ')
			w++;
		else if (s[i] == ':' && s[i + 1] == ' ' &&
		    isupper((unsigned char)s[i + 2]))
			return 1;
	return bare && (strchr(".!?)\"", s[n - 1]) == NULL ||
	    !remark(pg, j));
}

/*
 * Has line j two words or more?  As page_words(pg, j) >= 2 says, without
 * counting them all: a blank after its first word (it ends with none).
 */
static int
two_words(struct page *pg, size_t j)
{
	const struct line *l = &pg->l[j];
	const char *s = pg->text + l->off;
	size_t i;

	if (l->counted)
		return l->words >= 2;
	for (i = 0; i < l->len && ASCII_SPACE(s[i]); i++)
		;
	for (; i < l->len; i++)
		if (ASCII_SPACE(s[i]))
			return 1;
	return 0;
}

/*
 * The shape of line j in a repeated record; with guess set, short lines
 * with a digit are taken for dates without looking (a quick first pass).
 */
static enum shape
shape(struct page *pg, size_t j, int guess)
{
	struct line *l = &pg->l[j];
	size_t w;
	int stop;

	switch (l->kind) {
	case K_HEADER:
	case K_NONE:
	case K_END:
		return S_BREAK;
	case K_VERB:
	case K_DATE:
		return l->author.len > 0 ? S_NAMED : S_DATE;
	case K_NUM:
		return S_COUNT;
	case K_NOISE:
	case K_REPLY:
		return S_CTL;
	default:
		break;
	}
	if (page_glue(pg, j))
		return S_CTL;
	stop = strchr(".!?\")", pg->text[l->off + l->len - 1]) != NULL;
	/*
	 * Dates above a section's first sign were not looked for; when
	 * guessing, a short line with a number that is no handle's tail
	 * ("jdoe77") might be one.
	 */
	if (l->len <= 60 && l->fd < l->len && (guess ? !stop && l->datable &&
	    (l->fd == 0 || !isalpha((unsigned char)pg->text[l->off +
	    l->fd - 1])) : page_date(pg, j)))
		return guess || l->author.len == 0 ? S_DATE : S_NAMED;
	/* two words or more: prose lines are long, and seldom counted */
	if (stop && two_words(pg, j))
		return S_PROSE;
	w = page_words(pg, j);
	if (w <= 4 && name_like(pg, j))
		return S_NAME;
	/* a teaser's long title has no full stop */
	if (w >= 15 || (w >= 8 && !titled(pg, j)))
		return S_PROSE;
	return S_OTHER;
}

/*
 * Cut the page's lines from..to-1 into shapes (guessing dates when guess
 * is set): lines of prose in a row make one, and so does a short line
 * between two of them ("Hi Ann,").
 */
static void
shapes(struct page *pg, size_t from, size_t to, int guess)
{
	struct rtok *t;
	size_t j;
	enum shape s;

	pg->ntok = 0;
	for (j = from; j < to; j++) {
		s = shape(pg, j, guess);
		t = pg->ntok > 0 ? &pg->tok[pg->ntok - 1] : NULL;
		if (s == S_PROSE && t != NULL && t->shape == S_PROSE) {
			t->last = j + 1;
			continue;
		}
		if (s == S_PROSE && pg->ntok >= 2 && t->shape == S_OTHER &&
		    t->last - t->first == 1 && t[-1].shape == S_PROSE) {
			t[-1].last = j + 1;
			pg->ntok--;
			continue;
		}
		if (pg->ntok == pg->captok) {
			pg->captok = pg->captok ? pg->captok * 2 : 256;
			pg->tok = ereallocarray(pg->tok, pg->captok,
			    sizeof(*pg->tok));
		}
		t = &pg->tok[pg->ntok++];
		t->first = j;
		t->last = j + 1;
		t->shape = s;
	}
}

/*
 * Are the k shapes at t a record: headed by a name or a date, one name,
 * one paragraph of prose, and a date, count or control besides (names
 * over prose alone are an interview's speakers)?  Sets rp[k] to the index
 * of the prose in it plus one, or 0, for every k up to RECMAX and n (the
 * shapes there are), in one pass over them.
 */
static void
record(const struct rtok *t, size_t n, size_t *rp)
{
	size_t i, prose = 0, name = 0, mark = 0, p = 0;

	for (i = 0; i <= RECMAX; i++)
		rp[i] = 0;
	if (t[0].shape != S_NAME && t[0].shape != S_DATE &&
	    t[0].shape != S_NAMED)
		return;
	for (i = 0; i < n && i < RECMAX; i++) {
		switch (t[i].shape) {
		case S_PROSE:
			prose++;
			p = i + 1;
			break;
		case S_NAMED:
			mark++;
			/* FALLTHROUGH */
		case S_NAME:
			name++;
			break;
		case S_DATE:
		case S_COUNT:
		case S_CTL:
			mark++;
			break;
		default:
			return;
		}
		rp[i + 1] = prose == 1 && name == 1 && mark > 0 ? p : 0;
	}
}

/* Do the k shapes at a and at b agree? */
static int
same_shapes(const struct rtok *a, const struct rtok *b, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++)
		if (a[i].shape != b[i].shape)
			return 0;
	return 1;
}

/* Do the k shapes at t hold a date? */
static int
record_dated(const struct rtok *t, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++)
		if (t[i].shape == S_DATE || t[i].shape == S_NAMED)
			return 1;
	return 0;
}

/*
 * Is the run of shapes from..to-1 next to the reply form: does the shape
 * at to, or the one after it when that is a control, open it, or does
 * the shape before from close it?
 */
static int
record_closed(struct page *pg, size_t from, size_t to)
{
	const struct rtok *tok = pg->tok;

	if (from > 0 && tok[from - 1].shape == S_BREAK &&
	    pg->l[tok[from - 1].first].kind == K_END)
		return 1;
	if (to < pg->ntok && tok[to].shape == S_CTL)
		to++;
	return to < pg->ntok && tok[to].shape == S_BREAK &&
	    pg->l[tok[to].first].kind == K_END;
}

/*
 * The longest run of records among the shapes: its first shape in *at,
 * the record's length in *k; returns the number of records (the last may
 * lack the controls after its prose), 0 if there is no run.  A run has
 * RECMIN records, or fewer, dated, right over the reply form.
 */
static size_t
record_run(struct page *pg, size_t *at, size_t *k)
{
	const struct rtok *tok = pg->tok;
	size_t nt = pg->ntok, t, m, r, p, e, n, best = 0, skip;
	size_t rp[RECMAX + 1];
	int part;

	for (t = 0; t < nt; t++) {
		/* as record asks first: most shapes start none */
		if (tok[t].shape != S_NAME && tok[t].shape != S_DATE &&
		    tok[t].shape != S_NAMED)
			continue;
		record(tok + t, nt - t, rp);
		for (m = 2, skip = 0; m <= RECMAX && t + m <= nt; m++) {
			if ((p = rp[m]) == 0)
				continue;
			for (r = 1; t + (r + 1) * m <= nt &&
			    same_shapes(tok + t, tok + t + r * m, m); r++)
				;
			e = t + r * m;
			part = e + p <= nt && same_shapes(tok + t, tok + e, p);
			n = r + part;
			if (n < RECMIN && (!record_dated(tok + t, m) ||
			    !record_closed(pg, t, part ? e + p : e)))
				continue;
			if (n > best) {
				best = n;
				*at = t;
				*k = m;
			}
			if (e > skip)
				skip = e;
		}
		/* a run's records are not looked for again inside it */
		if (skip > 0)
			t = skip - 1;
	}
	return best;
}

/*
 * Is comment c, one of a run of n, a teaser or a headline: quoted, or cut
 * short ("...", "[…]"), or, in a list, shaped like a headline?
 */
static int
teaser(struct page *pg, const struct comment *c, size_t n)
{
	const struct line *l = &pg->l[c->last - 1];
	const char *s = pg->text + l->off;

	if (n >= RECMIN && c->last - c->first == 1 &&
	    headline(pg, c->first, 1))
		return 1;
	return (*s == '"' && s[l->len - 1] == '"') || (l->len >= 3 && memcmp(s + l->len - 3, "...", 3) == 0) ||
	    (l->len >= 3 && memcmp(s + l->len - 3, "…", 3) == 0) ||
	    (l->len >= 5 && memcmp(s + l->len - 5, "[…]", 5) == 0);
}

/*
 * Is the span a unit of time ("2 / days / ago") or an editor's word over
 * a dated note ("Update 9/24/2012:"), no reader's name?
 */
static int
not_reader(struct tsv_span a)
{
	static const struct word unit[] = { WORD("second"),
	    WORD("seconds"), WORD("minute"), WORD("minutes"), WORD("min"),
	    WORD("mins"), WORD("hour"), WORD("hours"), WORD("hr"),
	    WORD("hrs"), WORD("day"), WORD("days"), WORD("week"),
	    WORD("weeks"), WORD("month"), WORD("months"), WORD("year"),
	    WORD("years"), WORD("ago"), WORD("update"), WORD("updated"),
	    WORD("updates"), WORD("edit"), WORD("edited"),
	    WORD("correction"), WORD("clarification"), WORD("note"),
	    WORD("editor's note"), WORD("posted"), WORD("published"),
	    WORD("added") };
	size_t k;

	for (k = 0; k < sizeof(unit) / sizeof(unit[0]); k++)
		if (unit[k].n == a.len &&
		    strncasecmp(unit[k].w, a.p, a.len) == 0)
			return 1;
	return 0;
}

/* How many comments have the author of comment i? */
static size_t
same_author(struct page *pg, size_t i)
{
	struct tsv_span a = pg->c[i].author;
	size_t j, n = 0;

	for (j = 0; j < pg->nc; j++)
		n += pg->c[j].author.len == a.len &&
		    strncasecmp(pg->c[j].author.p, a.p, a.len) == 0;
	return n;
}

/*
 * Does a header above line a count exactly n comments ("1 Comment"), and
 * no other header count otherwise?  Then the count vouches for n records
 * under a short article (a comic's caption, a photo's).
 */
static int
header_counts(struct page *pg, size_t a, size_t n)
{
	size_t j;
	int seen = 0;

	for (j = 0; j < pg->nl; j++)
		if (pg->l[j].kind == K_HEADER && pg->l[j].num > 0) {
			if ((size_t)pg->l[j].num != n)
				return 0;
			seen |= j < a;
		}
	return seen;
}

/*
 * Take the longest run of repeated records after the article as the
 * comment section.  Guards: the article's prose stands above the run (or
 * a header counts exactly its records), the names are people's and more
 * than one or two of them (not a columnist's list of posts), the prose is
 * no teasers' and no menu.  Returns the number of comments kept, 0 to
 * leave the page whole.
 */
static int
records(struct page *pg)
{
	const struct rtok *tok;
	struct comment *c;
	size_t n, at = 0, k = 0, i, t, j, above, people, teasers, w;
	size_t total, most, kept, marks;
	size_t form, from, to;
	int prose;

	pg->nc = 0;
	pg->ctext.len = 0;
	/*
	 * Each record has a line of marks (a date, a count, a control);
	 * dates may not be known yet, but a list has other marks, and a
	 * lone record stands by the reply form.
	 */
	for (j = 0, marks = 0, form = pg->nl; j < pg->nl && marks < RECMIN;
	    j++) {
		if (pg->l[j].kind == K_END && form == pg->nl)
			form = j;
		marks += pg->l[j].kind != K_TEXT &&
		    pg->l[j].kind != K_HEADER && pg->l[j].kind != K_END &&
		    pg->l[j].kind != K_NONE;
	}
	if ((marks < RECMIN && form == pg->nl) || listing(pg))
		return 0;
	from = marks >= RECMIN || form < RECWIN ? 0 : form - RECWIN;
	to = marks >= RECMIN || form + 2 * RECWIN > pg->nl ? pg->nl :
	    form + 2 * RECWIN;
	/* looking for dates costs the most: first see if a run may be */
	shapes(pg, from, to, 1);
	if (record_run(pg, &at, &k) == 0)
		return 0;
	shapes(pg, from, to, 0);
	if ((n = record_run(pg, &at, &k)) == 0)
		return 0;
	tok = pg->tok;
	for (j = 0, above = 0; j < tok[at].first; j++)
		if (pg->l[j].kind == K_TEXT && sentence(pg, j))
			above += page_words(pg, j);
	if (above < RECABOVE && !header_counts(pg, tok[at].first, n))
		return 0;
	for (i = 0, people = 0, teasers = 0; i < n; i++) {
		c = new_comment(pg);
		c->head = tok[at + i * k].first;
		for (t = at + i * k, prose = 0; t < at + (i + 1) * k &&
		    t < pg->ntok; t++) {
			/* the last record may lack what follows its prose */
			if (prose && i + 1 == n && tok[t].shape != S_CTL &&
			    tok[t].shape != S_COUNT)
				break;
			j = tok[t].first;
			switch (tok[t].shape) {
			case S_NAME:
				c->anchor = j;
				c->author = page_name(pg, j);
				break;
			case S_NAMED:
				c->anchor = j;
				c->author = pg->l[j].author;
				c->date = pg->l[j].date;
				break;
			case S_DATE:
				c->date = pg->l[j].date;
				break;
			case S_PROSE:
				c->first = j;
				c->last = tok[t].last;
				prose = 1;
				break;
			default:
				break;
			}
			pg->rend = tok[t].last;
		}
		people += personish(c->author) && !not_reader(c->author);
		teasers += teaser(pg, c, n);
		if (menuish(pg, c))
			goto none;
	}
	/* a columnist's posts have one author, or two taking turns */
	if (people * 4 < n * 3 || teasers * 2 >= n || (n >= RECMIN &&
	    (same_author(pg, 0) * 3 > n * 2 || same_author(pg, 1) * 3 >
	    n * 2)))
		goto none;
	pg->rstart = tok[at].first;
	if (pg->rstart > 0 && pg->l[pg->rstart - 1].kind == K_HEADER)
		pg->rstart--;
	for (i = 0, total = 0, most = 0, kept = 0; i < n; i++) {
		fill_text(pg, &pg->c[i]);
		kept += pg->c[i].tlen > 0;
		w = nwords(pg->ctext.buf + pg->c[i].toff, pg->c[i].tlen);
		total += w;
		if (w > most)
			most = w;
	}
	/* the article taken for a comment */
	if (kept == 0 || (most >= 250 && most * 2 >= total))
		goto none;
	nest(pg);
	return (int)kept;
none:
	pg->nc = 0;
	pg->ctext.len = 0;
	pg->rstart = pg->rend = 0;
	return 0;
}
