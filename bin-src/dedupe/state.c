/*
 * state.c: the state file that carries what dedupe remembers from one run
 * to the next.
 *
 * Format, all integers little-endian:
 *	8 bytes		magic "NTSVDDUP"
 *	u32		format version (2: the hashes of words and n-grams
 *			changed from version 1, so its signatures would match
 *			nothing)
 *	u32		n-gram size
 *	u32		bins, u32 bands, u32 template counter bits,
 *	u32		template threshold (the signature layout)
 *	u64		number of records
 *	u64		n-grams counted since the last halving
 *	1 << bits	template counters
 *	records, oldest first: u64 exact hash, u32 n-gram count,
 *			u32 lead, u32 bins[bins], u32 id length, the id bytes
 *	u64		FNV-1a hash of every byte before it
 * A file that does not check out is never used and never replaced.
 */
#include <err.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsv.h"
#include "extern.h"

#define MAGIC		"NTSVDDUP"
#define FORMAT		2
#define HDRLEN		48
#define NCOUNTERS	((size_t)1 << DD_FREQ_BITS)
#define RECLEN		(8 + 4 + 4 + 4 * DD_BINS + 4)

#define FNV_PRIME	0x100000001b3ULL
#define FNV_BASIS	0xcbf29ce484222325ULL

/* A file being written: stdio stream, its name, and the running hash. */
struct out {
	FILE		*fp;
	const char	*name;
	uint64_t	 sum;
};

static uint64_t
fnv(uint64_t h, const unsigned char *p, size_t n)
{
	while (n-- > 0)
		h = (h ^ *p++) * FNV_PRIME;
	return h;
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
get64(const unsigned char *p)
{
	return get32(p) | (uint64_t)get32(p + 4) << 32;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

static void
put64(unsigned char *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

/*
 * Load the state file path, made with n-grams of ngram words, into ix and
 * fq.  A missing file is a first run and leaves both as they are; any
 * other problem is fatal (exit 2) before a record is read, so a bad file
 * is never overwritten.
 */
void
dd_state_load(const char *path, int ngram, struct dd_index *ix,
    struct dd_freq *fq)
{
	struct tsv_buf b = { 0 };
	const unsigned char *p, *e;
	struct dd_sig s;
	uint64_t nrec, i;
	uint32_t idlen, n;
	int k;

	if (tsv_load_file(path, &b) == -1) {
		if (errno == ENOENT) {
			tsv_buf_free(&b);
			return;
		}
		err(TSV_EXIT_FATAL, "%s", path);
	}
	p = (const unsigned char *)b.buf;
	if (b.len < 8 || memcmp(p, MAGIC, 8) != 0)
		errx(TSV_EXIT_FATAL, "%s: not a dedupe state file", path);
	if (b.len < HDRLEN + NCOUNTERS + 8)
		errx(TSV_EXIT_FATAL, "%s: state file truncated", path);
	if ((n = get32(p + 8)) != FORMAT)
		errx(TSV_EXIT_FATAL, "%s: state format version %u, this "
		    "dedupe reads version %d", path, n, FORMAT);
	e = p + b.len - 8;
	if (fnv(FNV_BASIS, p, b.len - 8) != get64(e))
		errx(TSV_EXIT_FATAL, "%s: state file corrupt or truncated "
		    "(checksum mismatch)", path);
	if (get32(p + 16) != DD_BINS || get32(p + 20) != DD_BANDS ||
	    get32(p + 24) != DD_FREQ_BITS || get32(p + 28) != DD_TEMPLATE)
		errx(TSV_EXIT_FATAL, "%s: state file has another signature "
		    "layout", path);
	if ((n = get32(p + 12)) != (uint32_t)ngram)
		errx(TSV_EXIT_FATAL, "%s: state made with -n %u, not -n %d",
		    path, n, ngram);
	nrec = get64(p + 32);
	memcpy(fq->c, p + HDRLEN, NCOUNTERS);
	fq->adds = get64(p + 40);
	p += HDRLEN + NCOUNTERS;
	for (i = 0; i < nrec; i++) {
		if ((size_t)(e - p) < RECLEN)
			errx(TSV_EXIT_FATAL, "%s: state file truncated", path);
		s.exact = get64(p);
		s.nsh = get32(p + 8);
		s.lead = get32(p + 12);
		for (k = 0; k < DD_BINS; k++)
			s.bin[k] = get32(p + 16 + 4 * k);
		idlen = get32(p + RECLEN - 4);
		p += RECLEN;
		if ((size_t)(e - p) < idlen)
			errx(TSV_EXIT_FATAL, "%s: state file truncated", path);
		dd_index_add(ix, &s, (const char *)p, idlen);
		p += idlen;
	}
	if (p != e)
		errx(TSV_EXIT_FATAL, "%s: state file has trailing bytes", path);
	tsv_buf_free(&b);
}

/* Write to the temporary file; on failure remove it and exit 2. */
static void
out_write(struct out *o, const void *p, size_t n)
{
	int saved;

	o->sum = fnv(o->sum, p, n);
	if (fwrite(p, 1, n, o->fp) != n) {
		saved = errno;
		unlink(o->name);
		errno = saved;
		err(TSV_EXIT_FATAL, "%s", o->name);
	}
}

/*
 * Write ix and fq to path atomically: into a new file in the same
 * directory, synced, then renamed over path.  On failure the temporary
 * file is removed, path is untouched, and the program exits 2.
 */
void
dd_state_save(const char *path, int ngram, const struct dd_index *ix,
    const struct dd_freq *fq)
{
	unsigned char hdr[HDRLEN], rec[RECLEN], sum[8];
	const struct dd_sig *s;
	const char *id;
	struct out o;
	char *tmp;
	size_t i, n, len;
	int fd, k, saved;

	if (asprintf(&tmp, "%s.XXXXXX", path) == -1)
		err(TSV_EXIT_FATAL, NULL);
	if ((fd = mkstemp(tmp)) == -1)
		err(TSV_EXIT_FATAL, "%s", tmp);
	if ((o.fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		err(TSV_EXIT_FATAL, "%s", tmp);
	}
	o.name = tmp;
	o.sum = FNV_BASIS;
	n = dd_index_count(ix);
	memset(hdr, 0, sizeof(hdr));
	memcpy(hdr, MAGIC, 8);
	put32(hdr + 8, FORMAT);
	put32(hdr + 12, (uint32_t)ngram);
	put32(hdr + 16, DD_BINS);
	put32(hdr + 20, DD_BANDS);
	put32(hdr + 24, DD_FREQ_BITS);
	put32(hdr + 28, DD_TEMPLATE);
	put64(hdr + 32, n);
	put64(hdr + 40, fq->adds);
	out_write(&o, hdr, sizeof(hdr));
	out_write(&o, fq->c, NCOUNTERS);
	for (i = 0; i < n; i++) {
		s = dd_index_get(ix, i, &id);
		len = strlen(id);
		put64(rec, s->exact);
		put32(rec + 8, s->nsh);
		put32(rec + 12, s->lead);
		for (k = 0; k < DD_BINS; k++)
			put32(rec + 16 + 4 * k, s->bin[k]);
		put32(rec + RECLEN - 4, (uint32_t)len);
		out_write(&o, rec, sizeof(rec));
		out_write(&o, id, len);
	}
	put64(sum, o.sum);
	out_write(&o, sum, sizeof(sum));
	if (fflush(o.fp) == EOF || fsync(fileno(o.fp)) == -1 ||
	    fclose(o.fp) == EOF) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		err(TSV_EXIT_FATAL, "%s", tmp);
	}
	if (rename(tmp, path) == -1) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		err(TSV_EXIT_FATAL, "rename %s to %s", tmp, path);
	}
	free(tmp);
}
