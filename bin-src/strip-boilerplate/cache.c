/*
 * cache.c: what a line's text alone decides, kept for the lines seen
 * before.
 *
 * A site's template (menus, share bars, appeals, comment forms, footers)
 * comes back on every one of its pages, and the pages of a feed come from
 * few sites: on the dev pages, half of the lines are exact repeats of an
 * earlier line.  A line's counts (line_features) and its pattern family
 * (pat_match) depend on its bytes alone, and are most of the cost of a
 * short line, so that a repeat takes them from here.
 *
 * The table is direct mapped and of fixed size, so that memory does not
 * grow with the input; a slot keeps the text it was filled from, so that
 * only an exact repeat is taken.  Lines longer than CACHE_MAXLEN bytes,
 * mostly prose, which rarely repeats, are not kept.
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"

#define CACHE_BITS	14
#define CACHE_SLOTS	((size_t)1 << CACHE_BITS)
#define CACHE_MAXLEN	120

/* One line's text and what it decided; len 0 marks an empty slot. */
struct slot {
	uint64_t	 fp;
	const char	*hard;
	unsigned	 len;
	unsigned	 nwords, nstop, ncap, ndigit, nlink, nsep;
	unsigned	 nchars, npunct, ncomma;
	unsigned char	 endpunct, ascii;
	char		 text[CACHE_MAXLEN];
};

static struct slot	*slots;

/* Make the table, of some 3 MB, owned here until cache_free. */
void
cache_init(void)
{
	slots = ecalloc(CACHE_SLOTS, sizeof(*slots));
}

void
cache_free(void)
{
	free(slots);
	slots = NULL;
}

/* The slot of the text p[0..n). */
static struct slot *
slot_of(const char *p, size_t n)
{
	return &slots[tsv_hash(p, n) >> (64 - CACHE_BITS)];
}

/*
 * Whether the text of l was seen before; if so, give l its counts,
 * fingerprint and pattern family (hard) as they were found then.
 */
int
cache_get(struct line *l)
{
	const struct slot *s;

	if (l->len == 0 || l->len > CACHE_MAXLEN)
		return 0;
	s = slot_of(l->p, l->len);
	if (s->len != l->len || memcmp(s->text, l->p, l->len) != 0)
		return 0;
	l->nwords = s->nwords;
	l->nstop = s->nstop;
	l->ncap = s->ncap;
	l->ndigit = s->ndigit;
	l->nlink = s->nlink;
	l->nsep = s->nsep;
	l->nchars = s->nchars;
	l->npunct = s->npunct;
	l->ncomma = s->ncomma;
	l->endpunct = s->endpunct;
	l->ascii = s->ascii;
	l->fp = s->fp;
	l->hard = s->hard;
	return 1;
}

/*
 * Keep what line_features and pat_match found for l, in place of what its
 * slot held.  hard must be a string that lives until cache_free.
 */
void
cache_put(const struct line *l)
{
	struct slot *s;

	if (l->len == 0 || l->len > CACHE_MAXLEN)
		return;
	s = slot_of(l->p, l->len);
	s->len = (unsigned)l->len;
	memcpy(s->text, l->p, l->len);
	s->nwords = l->nwords;
	s->nstop = l->nstop;
	s->ncap = l->ncap;
	s->ndigit = l->ndigit;
	s->nlink = l->nlink;
	s->nsep = l->nsep;
	s->nchars = l->nchars;
	s->npunct = l->npunct;
	s->ncomma = l->ncomma;
	s->endpunct = (unsigned char)l->endpunct;
	s->ascii = (unsigned char)l->ascii;
	s->fp = l->fp;
	s->hard = l->hard;
}
