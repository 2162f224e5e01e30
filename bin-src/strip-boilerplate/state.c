/*
 * state.c: cross-page evidence.  --learn counts, for every line
 * fingerprint, on how many pages of the feed it occurs; --state loads such
 * counts, so that a line found on many pages of a site is known as
 * template.  The state file is text:
 *
 *	# strip-boilerplate state 1
 *	pages<TAB>N
 *	FINGERPRINT<TAB>COUNT		(16 hex digits, decimal)
 *
 * Only fingerprints seen on two pages or more are written.
 */
#include <err.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

struct slot {
	uint64_t	fp;		/* 0 marks an empty slot */
	unsigned	count;
};

static struct slot	*tab;
static size_t		 cap, used;
static unsigned long long pages;
static uint64_t		*scratch;	/* one page's prints, for dedupe */
static size_t		 scratchcap;

static void grow(void);

static struct slot *
lookup(uint64_t fp)
{
	size_t i;

	if (fp == 0)
		fp = 1;
	if (cap == 0)
		return NULL;
	for (i = (fp ^ (fp >> 29)) & (cap - 1); tab[i].fp != 0;
	    i = (i + 1) & (cap - 1))
		if (tab[i].fp == fp)
			return &tab[i];
	return &tab[i];
}

static void
add(uint64_t fp, unsigned n)
{
	struct slot *s;

	if (fp == 0)
		fp = 1;
	if ((used + 1) * 2 > cap)
		grow();
	s = lookup(fp);
	if (s->fp == 0) {
		s->fp = fp;
		used++;
	}
	s->count = s->count + n < s->count ? ~0U : s->count + n;
}

static void
grow(void)
{
	struct slot *old = tab;
	size_t oldcap = cap, i;

	cap = cap == 0 ? 1024 : cap * 2;
	tab = ecalloc(cap, sizeof(*tab));
	used = 0;
	for (i = 0; i < oldcap; i++)
		if (old[i].fp != 0)
			add(old[i].fp, old[i].count);
	free(old);
}

/* Load counts from path, adding to those already held. */
void
state_load(const char *path)
{
	FILE *fp;
	char *line = NULL;
	size_t sz = 0, lineno = 0;
	unsigned long long n;
	uint64_t f;
	unsigned c;

	if ((fp = fopen(path, "r")) == NULL)
		err(TSV_EXIT_FATAL, "%s", path);
	while (getline(&line, &sz, fp) != -1) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "pages\t%llu", &n) == 1)
			pages += n;
		else if (sscanf(line, "%16" SCNx64 "\t%u", &f, &c) == 2)
			add(f, c);
		else
			errx(TSV_EXIT_FATAL, "%s:%zu: not a state line", path,
			    lineno);
	}
	if (ferror(fp))
		err(TSV_EXIT_FATAL, "%s", path);
	free(line);
	fclose(fp);
}

static int
cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Count each distinct fingerprint of one page once. */
void
state_learn_page(const struct line *l, size_t n)
{
	size_t i, k = 0;

	if (n > scratchcap) {
		scratchcap = n;
		scratch = ereallocarray(scratch, scratchcap, sizeof(*scratch));
	}
	for (i = 0; i < n; i++)
		scratch[k++] = l[i].fp;
	qsort(scratch, k, sizeof(*scratch), cmp64);
	for (i = 0; i < k; i++)
		if (i == 0 || scratch[i] != scratch[i - 1])
			add(scratch[i], 1);
	pages++;
}

/* Write the counts to path through a temporary file renamed in place. */
void
state_save(const char *path)
{
	FILE *fp;
	char *tmp;
	size_t i;

	if (asprintf(&tmp, "%s.tmp", path) == -1)
		err(TSV_EXIT_FATAL, NULL);
	if ((fp = fopen(tmp, "w")) == NULL)
		err(TSV_EXIT_FATAL, "%s", tmp);
	fprintf(fp, "# strip-boilerplate state 1\npages\t%llu\n", pages);
	for (i = 0; i < cap; i++)
		if (tab[i].fp != 0 && tab[i].count >= 2)
			fprintf(fp, "%016" PRIx64 "\t%u\n", tab[i].fp,
			    tab[i].count);
	if (fflush(fp) == EOF || ferror(fp)) {
		errno = errno ? errno : EIO;
		err(TSV_EXIT_FATAL, "%s", tmp);
	}
	if (fclose(fp) == EOF)
		err(TSV_EXIT_FATAL, "%s", tmp);
	if (rename(tmp, path) == -1)
		err(TSV_EXIT_FATAL, "rename %s", path);
	free(tmp);
}

/* On how many pages the fingerprint was seen (0 without state). */
unsigned
state_count(uint64_t fp)
{
	struct slot *s = lookup(fp == 0 ? 1 : fp);

	return s == NULL || s->fp == 0 ? 0 : s->count;
}

unsigned long long
state_pages(void)
{
	return pages;
}

void
state_free(void)
{
	free(tab);
	free(scratch);
	tab = NULL;
	scratch = NULL;
	cap = used = scratchcap = 0;
}
