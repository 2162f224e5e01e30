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
#include <stdlib.h>
#include <string.h>

#include "extern.h"

/* Passes of the fixed-point loop before giving up (never reached). */
#define MAXPASS		64

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

/* Score and decide the lines v[0..n) once. */
static void
classify_once(struct line **v, size_t n, const struct classify_opts *o)
{
	size_t i;

	model_features(v, n);
	model_score(v, n);
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
 * removed ones.  With first, stop after one pass (for --features, which
 * wants every line scored in its full page).
 */
void
classify_page(struct line *l, size_t n, const struct classify_opts *o)
{
	struct line **v;
	size_t i, k, prev, pass = 0;

	if (n == 0)
		return;
	v = ereallocarray(NULL, n, sizeof(*v));
	for (i = 0; i < n; i++) {
		l[i].keep = 1;
		v[i] = &l[i];
	}
	k = n;
	do {
		prev = k;
		classify_once(v, k, o);
		for (i = k = 0; i < prev; i++)
			if (v[i]->keep)
				v[k++] = v[i];
	} while (k != prev && k > 0 && ++pass < MAXPASS && !o->onepass);
	free(v);
}
