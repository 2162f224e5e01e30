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

/*
 * The slot of the text of l, to give cache_get and cache_put, or
 * CACHE_NONE when l is not kept; the slot is fetched into the processor's
 * cache on the way, since the table is too large to stay there and the
 * lines come one after the other: asked for a few lines ahead, the slot
 * is there when the line comes.
 */
size_t
cache_find(const struct line *l)
{
	size_t h;

	if (l->len == 0 || l->len > CACHE_MAXLEN)
		return CACHE_NONE;
	h = (size_t)(tsv_hash(l->p, l->len) >> (64 - CACHE_BITS));
	__builtin_prefetch(&slots[h]);
	__builtin_prefetch(slots[h].text + 64);
	return h;
}

/*
 * Whether the text of l, whose slot is h, was seen before; if so, give l
 * its counts, fingerprint and pattern family (hard) as they were found
 * then.
 */
int
cache_get(struct line *l, size_t h)
{
	const struct slot *s;

	if (h == CACHE_NONE)
		return 0;
	s = &slots[h];
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
 * Keep what line_features and pat_match found for l, whose slot is h, in
 * place of what the slot held.  hard must be a string that lives until
 * cache_free.
 */
void
cache_put(const struct line *l, size_t h)
{
	struct slot *s;

	if (h == CACHE_NONE)
		return;
	s = &slots[h];
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
