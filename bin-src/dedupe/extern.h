/*
 * extern.h: the parts of dedupe.
 *
 * sig.c turns a text into a signature (a function of the text and of the
 * table of template shingles only); freq.c keeps that table; index.c
 * remembers the signatures of kept records and finds the earlier record a
 * new signature duplicates; state.c saves and loads both across runs.
 */
#ifndef DEDUPE_EXTERN_H
#define DEDUPE_EXTERN_H

#include <stddef.h>
#include <stdint.h>

#define DD_BINS		32	/* one-permutation MinHash bins */
#define DD_BANDS	8	/* LSH band keys per record */
#define DD_BAND_BINS	(DD_BINS / DD_BANDS)
#define DD_EMPTY	UINT32_MAX	/* a bin no n-gram fell into */
#define DD_LEAD		16	/* n-grams that make the lead */
#ifndef DD_FREQ_BITS
#define DD_FREQ_BITS	18	/* 256 KiB of n-gram counters */
#endif
#ifndef DD_TEMPLATE
#define DD_TEMPLATE	4	/* kept records a template n-gram is in */
#endif
#ifndef DD_MIN_MATCH
#define DD_MIN_MATCH	2	/* n-grams found that a near duplicate needs */
#endif
#define DD_MAX_NGRAM	16

#define DD_MAX_CAP	((size_t)1 << 24)

/*
 * A record's signature: the hash of its normalised words (0 when it has
 * none), the number of its n-grams that were not template, per bin the
 * least 32-bit hash of those n-grams that fell into the bin, and the
 * least hash of its lead (its first DD_LEAD such n-grams on lines of at
 * least twice the n-gram size, where a story's first paragraph is);
 * DD_EMPTY stands for none.
 */
struct dd_sig {
	uint64_t	exact;
	uint32_t	nsh;
	uint32_t	lead;
	uint32_t	bin[DD_BINS];
};

/* An n-gram as dd_sig_make leaves it in dd_sigctx.sh. */
#define DD_SH_TEMPLATE	((uint64_t)1 << 63)	/* was template */
#define DD_SH_LONGLINE	((uint64_t)1 << 62)	/* on a line that can lead */
#define DD_SH_VALUE(x)	((uint32_t)(x))
#define DD_SH_BIN(x)	((int)(((x) >> 32) & 0xff))

/*
 * Scratch for computing signatures, reused from record to record; its
 * arrays are owned by it and freed by dd_sigctx_free.  After dd_sig_make,
 * sh[0..nsh) holds every n-gram of the record: its value, its bin, and
 * whether it was template, for the lookup and for dd_freq_add.
 */
struct dd_sigctx {
	int		 ngram;
	uint64_t	 mulpow;	/* NGRAM_MUL to the power ngram */
	uint64_t	*word;		/* word hashes, 0 = line break */
	size_t		 nword, capword;
	unsigned char	*low;		/* the text lower-cased, 0 between words */
	size_t		 caplow;
	uint64_t	*wmask;		/* a bit per byte: in a word */
	uint64_t	*emask;		/* a bit per byte: a line break */
	size_t		 capblk;
	uint64_t	*sh;
	size_t		 nsh, capsh;
};

/*
 * Saturating counts of the n-grams of kept records, halved whenever as
 * many n-grams have been added as half the table has counters, so that
 * it keeps describing the recent stream.  An n-gram counted in
 * DD_TEMPLATE kept records or more is template (site navigation, share
 * bars, banners, footers): it says nothing about the story.
 */
struct dd_freq {
	unsigned char	*c;		/* 1 << DD_FREQ_BITS counters, owned */
	uint64_t	 adds;		/* n-grams added since halving */
};

struct dd_index;

/* sig.c */
void	 dd_sigctx_init(struct dd_sigctx *, int);
void	 dd_sigctx_free(struct dd_sigctx *);
void	 dd_sig_make(struct dd_sigctx *, const struct dd_freq *,
	    const char *, size_t, struct dd_sig *);
uint32_t dd_band_key(const struct dd_sig *, int);

/* freq.c */
void	 dd_freq_init(struct dd_freq *);
void	 dd_freq_free(struct dd_freq *);
void	 dd_freq_add(struct dd_freq *, const uint64_t *, size_t);

/* Is the n-gram of value v template?  Inline: it is asked for each one. */
static inline int
dd_freq_template(const struct dd_freq *f, uint32_t v)
{
	return f->c[v >> (32 - DD_FREQ_BITS)] >= DD_TEMPLATE;
}

static inline void
dd_freq_prefetch(const struct dd_freq *f, uint32_t v)
{
	__builtin_prefetch(&f->c[v >> (32 - DD_FREQ_BITS)]);
}

/* index.c */
struct dd_index *dd_index_new(size_t);
void	 dd_index_free(struct dd_index *);
size_t	 dd_index_count(const struct dd_index *);
const char *dd_index_find(struct dd_index *, const struct dd_sig *,
	    const uint64_t *, size_t, const struct dd_freq *, double, int,
	    int *);
void	 dd_index_add(struct dd_index *, const struct dd_sig *, const char *,
	    size_t);
const struct dd_sig *dd_index_get(const struct dd_index *, size_t,
	    const char **);

/* state.c */
void	 dd_state_load(const char *, int, struct dd_index *, struct dd_freq *);
void	 dd_state_save(const char *, int, const struct dd_index *,
	    const struct dd_freq *);

/* The 64-bit finaliser of MurmurHash3: spreads a hash over all its bits. */
static inline uint64_t
mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

#endif /* DEDUPE_EXTERN_H */
