/*
 * split.c: sentences for summarize.
 *
 * A text is cut into segments at line ends (lines wrapped at a fixed width
 * are joined again), and each segment after runs of . ! ? or an ellipsis
 * (and closing quotes) that white space and no lower-case letter follow.
 * After a single full stop the word before it decides: a title never ends
 * a sentence, an abbreviation of a number ("No.") ends none before a digit,
 * a line's number ("1.") none, and an abbreviation that may end one (etc.,
 * initials, U.S.) ends it only when a sentence starter follows.
 * Everything is plain byte scanning, so invalid UTF-8 is only ever bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "extern.h"

/* ASCII tests that do not depend on the locale. */
#define IS_ALPHA(c)	(((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z')
#define IS_UPPER(c)	((c) >= 'A' && (c) <= 'Z')
#define IS_DIGIT(c)	((c) >= '0' && (c) <= '9')

static int	is_space(const char *, size_t, size_t);
static size_t	space_len(const char *, size_t, size_t);
static int	ends_line(const char *, size_t, size_t);
static size_t	closers(const char *, size_t, size_t);
static size_t	terminal_run(const char *, size_t, size_t, size_t *);
static int	is_opener(unsigned char);
static int	is_boundary(const char *, size_t, size_t, size_t, size_t,
		    size_t);
static void	add_sentence(struct doc *, const char *, size_t, size_t);
static size_t	next_mark(const char *, size_t, size_t, size_t *);
static void	split_segment(struct doc *, const char *, size_t, size_t);

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
void
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
void
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