/*
 * dedupe: drop, or mark, exact and near-duplicate news records in one
 * streaming pass, keeping the first record of each group.
 *
 * Each record's text gets a signature (sig.c): a hash of its normalised
 * words for exact copies and a one-permutation MinHash of its word n-grams,
 * leaving out n-grams that recur in many kept records (a site's page
 * furniture).  The index (index.c) finds earlier records sharing an LSH
 * band key and keeps the best whose estimated containment reaches the
 * threshold, so that a teaser and its full story match in either order.
 */
#include <err.h>
#include <getopt.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "extern.h"

#define DEFAULT_CAP		1000000
#define DEFAULT_NGRAM		5
#define DEFAULT_THRESHOLD	0.4

enum {
	OPT_STATE = TSV_OPT_FIRST_PRIVATE
};

static void	usage(int) __attribute__((noreturn));
static double	fraction(const char *, const char *);
static void	add_sig_columns(struct tsv_row *, const size_t *,
		    const struct dd_sig *, struct tsv_buf *);

static const struct option longopts[] = {
	TSV_COMMON_LONGOPTS,
	{ "cap",		required_argument,	NULL,	'c' },
	{ "exact",		no_argument,		NULL,	'x' },
	{ "mark",		no_argument,		NULL,	'm' },
	{ "ngram",		required_argument,	NULL,	'n' },
	{ "signatures",		no_argument,		NULL,	's' },
	{ "state",		required_argument,	NULL,	OPT_STATE },
	{ "threshold",		required_argument,	NULL,	't' },
	{ NULL,			0,			NULL,	0 }
};

static void
usage(int status)
{
	fprintf(status == 0 ? stdout : stderr, "usage: %s [-hlmsVx] "
	    "[-c count] [-f field] [-n words] [-t threshold] [--id name]\n"
	    "              [--rejects file] [--state file] [--stats] "
	    "[file ...]\n", getprogname());
	exit(status == 0 ? TSV_EXIT_OK : TSV_EXIT_FATAL);
}

/* Parse a number in (0, 1] for option opt, or exit 2. */
static double
fraction(const char *opt, const char *arg)
{
	char *end;
	double v;

	v = strtod(arg, &end);
	if (end == arg || *end != '\0')
		errx(TSV_EXIT_FATAL, "%s %s: not a number", opt, arg);
	if (!(v > 0.0 && v <= 1.0))
		errx(TSV_EXIT_FATAL, "%s %s: not between 0 and 1", opt, arg);
	return v;
}

/*
 * Set the three signature columns of row (indices col[0..3)) from s,
 * formatted into b, which the caller owns and which must outlive the
 * writing of the row.
 */
static void
add_sig_columns(struct tsv_row *row, const size_t *col,
    const struct dd_sig *s, struct tsv_buf *b)
{
	char tmp[32];
	size_t start[3], i;
	uint32_t k;
	int g, n;

	b->len = 0;
	tsv_buf_reserve(b, 16 + DD_BANDS * 12 + DD_BINS * 9);
	start[0] = b->len;
	if (s->exact != 0) {
		n = snprintf(tmp, sizeof(tmp), "%016llx",
		    (unsigned long long)s->exact);
		tsv_buf_add(b, tmp, (size_t)n);
	}
	start[1] = b->len;
	for (g = 0; g < DD_BANDS; g++) {
		if ((k = dd_band_key(s, g)) == DD_EMPTY)
			continue;
		n = snprintf(tmp, sizeof(tmp), "%s%d:%08x",
		    b->len > start[1] ? " " : "", g, k);
		tsv_buf_add(b, tmp, (size_t)n);
	}
	start[2] = b->len;
	for (i = 0; i < DD_BINS; i++) {
		n = snprintf(tmp, sizeof(tmp), "%s%08x", i > 0 ? " " : "",
		    s->bin[i]);
		tsv_buf_add(b, tmp, (size_t)n);
	}
	tsv_row_set(row, col[0], b->buf + start[0], start[1] - start[0]);
	tsv_row_set(row, col[1], b->buf + start[1], start[2] - start[1]);
	tsv_row_set(row, col[2], b->buf + start[2], b->len - start[2]);
}

int
main(int argc, char *argv[])
{
	static const char *markcols[] = { "dup_of" };
	static const char *sigcols[] = {
		"dedupe_exact", "dedupe_bands", "dedupe_sig"
	};
	struct tsv_common opt;
	struct tsv_reader *in;
	struct tsv_writer *out;
	struct tsv_header *hdr = NULL;
	struct tsv_row row;
	struct tsv_rec rec;
	struct tsv_buf tscratch = { 0 }, iscratch = { 0 }, sigbuf = { 0 };
	struct tsv_span text, id;
	struct dd_sigctx ctx;
	struct dd_freq fq;
	struct dd_index *ix;
	struct dd_sig sig;
	const char *state = NULL, *dup;
	unsigned long long nkept = 0, nexact = 0, nnear = 0;
	size_t cap = DEFAULT_CAP, fcol, icol, col[3];
	double threshold = DEFAULT_THRESHOLD;
	int ch, mflag = 0, sflag = 0, xflag = 0, ngram = DEFAULT_NGRAM;
	int how, rval;

	setlocale(LC_ALL, "");
	tsv_common_init(&opt);
	while ((ch = getopt_long(argc, argv, TSV_COMMON_SHORTOPTS "c:mn:st:x",
	    longopts, NULL)) != -1) {
		if (tsv_common_opt(&opt, ch, optarg))
			continue;
		switch (ch) {
		case 'c':
			cap = (size_t)tsv_number("-c", optarg, 0,
			    (long long)DD_MAX_CAP - 1);
			break;
		case 'h':
			usage(0);
		case 'm':
			mflag = 1;
			break;
		case 'n':
			ngram = (int)tsv_number("-n", optarg, 1, DD_MAX_NGRAM);
			break;
		case 's':
			sflag = 1;
			break;
		case 't':
			threshold = fraction("-t", optarg);
			break;
		case 'x':
			xflag = 1;
			break;
		case OPT_STATE:
			state = optarg;
			break;
		default:
			usage(1);
		}
	}
	argc -= optind;
	argv += optind;

	dd_sigctx_init(&ctx, ngram);
	dd_freq_init(&fq);
	ix = dd_index_new(cap);
	if (state != NULL)
		dd_state_load(state, ngram, ix, &fq);

	in = tsv_open(argc, argv, &opt);
	icol = tsv_need_column(in, opt.id);
	fcol = tsv_need_column(in, opt.field);
	out = tsv_writer_stdout(&opt);
	if (sflag)
		hdr = tsv_header_extend(tsv_header(in), sigcols, 3, col);
	else if (mflag)
		hdr = tsv_header_extend(tsv_header(in), markcols, 1, col);
	tsv_write_header(out, hdr != NULL ? hdr : tsv_header(in));
	tsv_row_init(&row, hdr != NULL ? hdr->ncols : 0);
	while (tsv_next(in, &rec)) {
		text = tsv_get(&rec, fcol, &tscratch);
		dd_sig_make(&ctx, &fq, text.p, text.len, &sig);
		if (sflag) {
			tsv_row_from_rec(&row, &rec);
			add_sig_columns(&row, col, &sig, &sigbuf);
			tsv_write_row(out, &row);
			continue;
		}
		dup = dd_index_find(ix, &sig, ctx.sh, ctx.nsh, &fq,
		    xflag ? 2.0 : threshold, DD_MIN_MATCH, &how);
		if (dup == NULL) {
			nkept++;
			if (sig.exact != 0) {
				id = tsv_get(&rec, icol, &iscratch);
				dd_index_add(ix, &sig, id.p, id.len);
				dd_freq_add(&fq, ctx.sh, ctx.nsh);
			}
		} else if (how == 1)
			nexact++;
		else
			nnear++;
		if (mflag) {
			tsv_row_from_rec(&row, &rec);
			tsv_row_set(&row, col[0], dup != NULL ? dup : "",
			    dup != NULL ? strlen(dup) : 0);
			tsv_write_row(out, &row);
		} else if (dup == NULL) {
			tsv_write_raw(out, rec.line, rec.len);
			tsv_write_eol(out);
		}
	}
	rval = tsv_close(in, out);
	if (opt.stats && !sflag)
		warnx("%llu kept, %llu dropped (%llu exact, %llu near), "
		    "%zu remembered", nkept, nexact + nnear, nexact, nnear,
		    dd_index_count(ix));
	if (state != NULL && !sflag)
		dd_state_save(state, ngram, ix, &fq);

	tsv_row_free(&row);
	tsv_header_free(hdr);
	tsv_buf_free(&tscratch);
	tsv_buf_free(&iscratch);
	tsv_buf_free(&sigbuf);
	dd_sigctx_free(&ctx);
	dd_freq_free(&fq);
	dd_index_free(ix);
	return rval;
}
