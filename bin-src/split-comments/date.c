/*
 * date.c: read a comment's date as written and give it in ISO 8601 when
 * that can be done without guessing.
 */
#include <string.h>

#include "extern.h"

static const char *const months[12] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};

static int	month_of(const char *, size_t);
static int	read_time(const char *, const char *, int *, int *);
static char	*digits(char *, int, int);

/* The month (1-12) that the word w[0..n) names, or 0. */
static int
month_of(const char *w, size_t n)
{
	char low[3];
	int i;

	if (n < 3)
		return 0;
	for (i = 0; i < 3; i++)
		low[i] = (char)ASCII_TOLOWER(w[i]);
	for (i = 0; i < 12; i++)
		if (memcmp(low, months[i], 3) == 0)
			return i + 1;
	return 0;
}

/* Write v (0 <= v < 10^width) in width digits at p; returns the end. */
static char *
digits(char *p, int v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + width;
}

/*
 * Read a time "h:mm", "h:mm:ss", "h.mm pm" at p (before e) into *h and *m,
 * on a 24-hour clock.  Returns 1 when read without doubt: with am/pm, or
 * an hour of 0, of 13 to 23, or written with a leading zero; 0 otherwise.
 */
static int
read_time(const char *p, const char *e, int *h, int *m)
{
	int hh = 0, mm, pm = -1, padded;

	if (p >= e || !ASCII_DIGIT(*p))
		return 0;
	padded = *p == '0';
	while (p < e && ASCII_DIGIT(*p))
		hh = hh * 10 + (*p++ - '0');
	if (hh > 23 || p + 3 > e || (*p != ':' && *p != '.') ||
	    !ASCII_DIGIT(p[1]) || !ASCII_DIGIT(p[2]))
		return 0;
	mm = (p[1] - '0') * 10 + (p[2] - '0');
	p += 3;
	if (p + 3 <= e && *p == ':' && ASCII_DIGIT(p[1]))
		p += 3;
	while (p < e && *p == ' ')
		p++;
	if (p < e && (*p == 'a' || *p == 'A' || *p == 'p' || *p == 'P') &&
	    (p + 1 == e || p[1] == 'm' || p[1] == 'M' || p[1] == '.'))
		pm = (*p == 'p' || *p == 'P');
	if (mm > 59)
		return 0;
	if (pm == -1) {
		/* "08:47" is a 24-hour clock; "8:47" could be either */
		if (hh != 0 && hh < 13 && !padded)
			return 0;
	} else {
		if (hh < 1 || hh > 12)
			return 0;
		hh = hh % 12 + (pm ? 12 : 0);
	}
	*h = hh;
	*m = mm;
	return 1;
}

/*
 * Write the date s[0..n) as ISO 8601 into out (size sz): "2012-10-29" or
 * "2012-10-29T14:05".  It must name the month by name or be year-first
 * numeric, or have a day over 12; the year must have four digits; a time
 * must be unambiguous, else it is left out only if there is none.  Returns
 * the length written, 0 when the date is better left as written.
 */
size_t
date_iso(const char *s, size_t n, char *out, size_t sz)
{
	const char *p = s, *e = s + n, *w, *tp = NULL;
	char *o;
	int num[3], nnum = 0, mon = 0, year = 0, day = 0, h = 0, m = 0;
	int v, i, wl, colon;

	while (p < e) {
		if (ASCII_ALPHA(*p)) {
			for (w = p; p < e && ASCII_ALPHA(*p); p++)
				;
			wl = (int)(p - w);
			if ((v = month_of(w, (size_t)wl)) != 0 && mon == 0 &&
			    wl <= 9)
				mon = v;
			continue;
		}
		if (!ASCII_DIGIT(*p)) {
			p++;
			continue;
		}
		for (w = p, v = 0; p < e && ASCII_DIGIT(*p) &&
		    p - w < 5; p++)
			v = v * 10 + (*p - '0');
		colon = p < e && *p == ':';
		if (colon || (p < e && *p == '.' && p + 2 < e &&
		    ASCII_DIGIT(p[1]) && ASCII_DIGIT(p[2]) && (p + 3 == e || !ASCII_DIGIT(p[3])) &&
		    nnum >= 2)) {
			if (tp == NULL)
				tp = w;
			while (p < e && (ASCII_DIGIT(*p) ||
			    *p == ':' || *p == '.'))
				p++;
			continue;
		}
		if (nnum == 3)
			return 0;
		num[nnum++] = (p - w == 4) ? -v : v;	/* years negative */
		while (p < e && ASCII_ALPHA(*p))
			p++;	/* 1st, 2nd, 29th */
	}
	if (mon != 0) {
		for (i = 0; i < nnum; i++) {
			if (num[i] < 0 && year == 0)
				year = -num[i];
			else if (num[i] > 0 && num[i] <= 31 && day == 0)
				day = num[i];
			else
				return 0;
		}
	} else if (nnum == 3 && num[0] < 0) {
		year = -num[0];
		mon = num[1];
		day = num[2];
	} else if (nnum == 3 && num[2] < 0 && num[0] > 0 && num[1] > 0) {
		year = -num[2];
		if (num[0] > 12 && num[1] <= 12) {
			day = num[0];
			mon = num[1];
		} else if (num[1] > 12 && num[0] <= 12) {
			mon = num[0];
			day = num[1];
		} else
			return 0;
	} else
		return 0;
	if (year < 1970 || year > 2100 || mon < 1 || mon > 12 || day < 1 ||
	    day > 31)
		return 0;
	if (tp != NULL && !read_time(tp, e, &h, &m))
		return 0;
	/* "%04d-%02d-%02dT%02d:%02d", without printf's cost */
	if (sz <= (tp != NULL ? 16 : 10))
		return 0;
	o = digits(out, year, 4);
	*o++ = '-';
	o = digits(o, mon, 2);
	*o++ = '-';
	o = digits(o, day, 2);
	if (tp != NULL) {
		*o++ = 'T';
		o = digits(o, h, 2);
		*o++ = ':';
		o = digits(o, m, 2);
	}
	*o = '\0';
	return (size_t)(o - out);
}
