/*
 * classify.c: decide which lines of a page are article or comment text.
 *
 * Lines matched by the pattern set or known as template are removed.
 * Every other line is scored by the model over its own features and its
 * neighbours' (model.c), so that a short line among article paragraphs (a
 * subheading, a one-line quote, a dateline) stays while the same line in a
 * menu goes.  The decision is repeated on the lines kept until nothing
 * more is removed, so that the program's output is a fixed point: running
 * it again on its output changes nothing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/* A name for the main reason the model removed a line, for the audit. */
static const char *
model_reason(const struct line *l)
{
	if (l->nwords < 5)
		return "short";
	if (l->nstop * 5 < l->nwords)
		return "low-stopwords";
	if (l->nlink * 4 >= l->nwords)
		return "link";
	return "context";
}

/*
 * A heading of the related family ("Related stories", "Most read") is
 * followed by the list it names: the headlines under it, short lines that
 * do not end like sentences, go with it, up to RELATED_MAX of them.
 */
#define RELATED_MAX	12

static void
related_lists(struct line *l, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (l[i].hard == NULL || strcmp(l[i].hard, "related") != 0)
			continue;
		for (j = i + 1; j < n && j <= i + RELATED_MAX; j++) {
			if (l[j].hard != NULL || l[j].nwords > 12 ||
			    l[j].endpunct)
				break;
			l[j].hard = "related";
		}
		i = j - 1;
	}
}

/*
 * An appeal or sign-up box has a heading of its own ("Support our
 * work", "Never miss a post"): a short line that does not end like a
 * sentence, right above a line of those families, goes with the box.
 */
#define APPEAL_HEAD_MAX	6

static void
appeal_heads(struct line *l, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		if (l[i].hard == NULL || (strcmp(l[i].hard, "donate") != 0 &&
		    strcmp(l[i].hard, "subscribe") != 0))
			continue;
		if (l[i - 1].hard == NULL && l[i - 1].nwords > 0 &&
		    l[i - 1].nwords <= APPEAL_HEAD_MAX && l[i - 1].ndigit == 0 &&
		    !l[i - 1].endpunct)
			l[i - 1].hard = l[i].hard;
	}
}

/*
 * A page may hold its article twice, a print version or a copy for its
 * scripts under the first: a kept line of REPEAT_WORDS words or more
 * with the letters and digits of a kept line above it (see same_letters)
 * is a repeat.  Shorter lines ("Thanks for sharing!") recur in comments
 * by right.
 */
#define REPEAT_WORDS	4
/*
 * Lines of the same first letters (see letters_head) share a slot's
 * chain: a page made of thousands of lines that begin alike would make
 * each look at all those before it.  A line looks at REPEAT_PROBES slots
 * at most, and beyond them is taken as no repeat.
 */
#define REPEAT_PROBES	16

static uint64_t
head_of(struct line *l)
{
	if (!l->lettered) {
		l->lhead = letters_head(l->p, l->len);
		l->lettered = 1;
	}
	return l->lhead;
}

static void
drop_repeats(struct line **v, size_t n)
{
	struct line **set, *l;
	size_t i, m, cap, slot, probes;
	uint64_t h;

	for (i = m = 0; i < n; i++)
		m += v[i]->keep && v[i]->nwords >= REPEAT_WORDS;
	if (m < 2)
		return;
	for (cap = 16; cap < 2 * m; cap *= 2)
		;
	set = ecalloc(cap, sizeof(*set));
	for (i = 0; i < n; i++) {
		l = v[i];
		if (!l->keep || l->nwords < REPEAT_WORDS)
			continue;
		h = head_of(l);
		for (slot = h & (cap - 1), probes = 0; set[slot] != NULL &&
		    probes < REPEAT_PROBES; slot = (slot + 1) & (cap - 1),
		    probes++)
			if (set[slot]->lhead == h && same_letters(set[slot]->p,
			    set[slot]->len, l->p, l->len)) {
				l->keep = 0;
				l->reason = "repeat";
				break;
			}
		if (l->keep && set[slot] == NULL)
			set[slot] = l;
	}
	free(set);
}

/*
 * Score and decide the lines v[0..n) once; first says it is the page's
 * first pass.
 */
static void
classify_once(struct line **v, size_t n, int first,
    const struct classify_opts *o)
{
	size_t i;

	model_features(v, n, first);
	model_score(v, n, o->threshold);
	for (i = 0; i < n; i++) {
		if (v[i]->hard != NULL) {
			v[i]->keep = 0;
			v[i]->reason = v[i]->hard;
			continue;
		}
		v[i]->keep = v[i]->score > o->threshold;
		if (!v[i]->keep)
			v[i]->reason = model_reason(v[i]);
	}
}

/*
 * Decide keep for every line of the page l[0..n), setting reason on the
 * removed ones.  With onepass, stop after one pass (for --features, which
 * wants every line scored in its full page).  Each pass removes a line or
 * ends the loop.  Most pages settle in two or three passes and none of the
 * labelled pages needs more than eight, but a page made to remove one line
 * a pass (thousands of equal short lines) would cost time quadratic in its
 * lines: after MAXPASS passes the page is taken as it stands.
 */
#define MAXPASS	32

/*
 * A pass costs time in proportion to the lines it scores, and on a page
 * of a million tiny lines each of them is scored again, as the page-wide
 * features move with every line removed: a page of more than BIGPAGE
 * lines (the labelled pages have fewer than 8,000) gets fewer passes, in
 * proportion, but at least two, so that its passes together cost no more
 * than MAXPASS passes over BIGPAGE lines or two over its own.
 */
#define BIGPAGE	10000

static int
max_passes(size_t n)
{
	size_t m;

	if (n <= BIGPAGE)
		return MAXPASS;
	m = (size_t)MAXPASS * BIGPAGE / n;
	return m < 2 ? 2 : (int)m;
}

void
classify_page(struct line *l, size_t n, const struct classify_opts *o)
{
	struct line **v;
	size_t i, k, prev;
	int first = 1, pass = 0, maxpass;

	if (n == 0)
		return;
	/*
	 * Lines the patterns or the state remove go first, so that the model
	 * sees the same neighbours in a page as in its cleaned output.
	 */
	related_lists(l, n);
	appeal_heads(l, n);
	maxpass = max_passes(n);
	v = ereallocarray(NULL, n, sizeof(*v));
	for (i = k = 0; i < n; i++) {
		l[i].keep = l[i].hard == NULL;
		if (l[i].keep)
			v[k++] = &l[i];
		else
			l[i].reason = l[i].hard;
	}
	do {
		prev = k;
		classify_once(v, k, first, o);
		if (!o->keep_repeats)
			drop_repeats(v, k);
		first = 0;
		for (i = k = 0; i < prev; i++)
			if (v[i]->keep)
				v[k++] = v[i];
	} while (k != prev && k > 0 && !o->onepass && ++pass < maxpass);
	free(v);
}
