/*
 * freq.c: the table of template n-grams.
 *
 * A fixed array of 1 << DD_FREQ_BITS saturating byte counters, indexed by
 * the top bits of an n-gram's 32-bit value.  Only the n-grams of kept
 * records are counted, so the copies of one story do not make its own
 * n-grams look like template, while a site's navigation, banners and
 * footer, repeated around every story it publishes, soon do.
 */
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "extern.h"

#define NCOUNTERS	((size_t)1 << DD_FREQ_BITS)

void
dd_freq_init(struct dd_freq *f)
{
	f->c = ecalloc(NCOUNTERS, 1);
	f->adds = 0;
}

void
dd_freq_free(struct dd_freq *f)
{
	free(f->c);
	f->c = NULL;
}

/*
 * Count the n-grams v[0..n) of a kept record.  Halving every counter
 * once half as many n-grams as there are counters have come in keeps the
 * load low enough that unrelated n-grams sharing a counter rarely reach
 * DD_TEMPLATE, and lets furniture that is no longer used fade out.
 */
void
dd_freq_add(struct dd_freq *f, const uint64_t *v, size_t n)
{
	unsigned char *c;
	size_t i;

	for (i = 0; i < n; i++) {
		c = &f->c[DD_SH_VALUE(v[i]) >> (32 - DD_FREQ_BITS)];
		if (*c < 255)
			(*c)++;
		if (++f->adds >= NCOUNTERS / 2) {
			for (c = f->c; c < f->c + NCOUNTERS; c++)
				*c >>= 1;
			f->adds = 0;
		}
	}
}
