/*
 * summarize: append an extractive summary of each record's text.
 *
 * The text is split into sentences, and a first line that reads as a
 * headline is set apart from the body.  Each body sentence is scored by
 * its position (news leads carry the story), its similarity to the rest of
 * the text (degree centrality over cosine similarity, as in LexRank), its
 * overlap with the headline and its length; the best are then chosen one
 * by one, each time discounting a sentence by its similarity to those
 * already chosen (maximal marginal relevance).  The chosen sentences are
 * written in document order, one a line, in the `summary' column; with -s
 * every sentence becomes a row of its own, with its offsets and score.
 *
 * Everything is plain byte scanning, so invalid UTF-8 is only ever bytes:
 * no regular expressions are involved.
 */
#include <err.h>
#include <getopt.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "summarize/extern.h"

enum {
	OPT_LEAD = TSV_OPT_FIRST_PRIVATE,
	OPT_STOPWORDS,
	OPT_WEIGHTS
};

static const struct option longopts[] = {
	TSV_COMMON_LONGOPTS,
	{ "abbreviations",	required_argument,	NULL,	'a' },
	{ "count",		required_argument,	NULL,	'n' },
	{ "lead",		no_argument,		NULL,	OPT_LEAD },
	{ "ratio",		required_argument,	NULL,	'r' },
	{ "sentences",		no_argument,		NULL,	's' },
	{ "stopwords",		required_argument,	NULL,	OPT_STOPWORDS },
	{ "weights",		required_argument,	NULL,	OPT_WEIGHTS },
	{ "words",		required_argument,	NULL,	'w' },
	{ NULL,			0,			NULL,	0 }
};

static void	usage(int) __attribute__((noreturn));
static void	parse_weights(struct weights *, const char *);
static void	build_summary(struct doc *, const char *);
static void	add_clean(struct tsv_buf *, const char *, size_t);
static void	summarize(struct doc *, const char *, size_t,
		    const struct weights *, const struct limits *);
static void	doc_free(struct doc *);
static void	write_sentences(struct tsv_writer *, struct tsv_row *,
		    const struct tsv_rec *, const size_t *, size_t,
		    const struct doc *, const char *, struct tsv_buf *);

/* -h prints the synopsis on stdout and succeeds; a usage error fails. */
static void
usage(int status)
{
	fprintf(status == 0 ? stdout : stderr,
	    "usage: %s [-hlsV] [-a file] [-f field] [-n count] [-r percent] "
	    "[-w words]\n"
	    "\t[--id name] [--lead] [--rejects file] [--stats] "
	    "[--stopwords file]\n"
	    "\t[--weights list] [file ...]\n", getprogname());
	exit(status == 0 ? TSV_EXIT_OK : TSV_EXIT_FATAL);
}

/*
 * Parse --weights: a comma-separated list of name=number, each name one of
 * the fields of struct weights.
 */
static void
parse_weights(struct weights *w, const char *arg)
{
	static const char *names[] = { "position", "decay", "centrality",
	    "headline", "length", "redundancy", "norm" };
	double *slot[7];
	const char *p = arg, *eq;
	char *end;
	size_t i, n;
	double v;

	slot[0] = &w->position;
	slot[1] = &w->decay;
	slot[2] = &w->centrality;
	slot[3] = &w->headline;
	slot[4] = &w->length;
	slot[5] = &w->redundancy;
	slot[6] = &w->norm;
	while (*p != '\0') {
		if ((eq = strchr(p, '=')) == NULL)
			errx(TSV_EXIT_FATAL,
			    "--weights %s: expected name=number", arg);
		n = (size_t)(eq - p);
		for (i = 0; i < 7; i++)
			if (strlen(names[i]) == n &&
			    memcmp(names[i], p, n) == 0)
				break;
		if (i == 7)
			errx(TSV_EXIT_FATAL, "--weights: unknown name %.*s",
			    (int)n, p);
		v = strtod(eq + 1, &end);
		if (end == eq + 1 || (*end != ',' && *end != '\0') ||
		    !isfinite(v) || v < 0 || v > 1000)
			errx(TSV_EXIT_FATAL, "--weights %s: bad number for %s",
			    arg, names[i]);
		*slot[i] = v;
		p = *end == ',' ? end + 1 : end;
	}
}

/* Append p[0..n) to b with line ends and TABs turned into spaces. */
static void
add_clean(struct tsv_buf *b, const char *p, size_t n)
{
	size_t i, start = b->len;

	tsv_buf_add(b, p, n);
	for (i = start; i < b->len; i++)
		if (b->buf[i] == '\n' || b->buf[i] == '\r' || b->buf[i] == '\t')
			b->buf[i] = ' ';
}

/* Join the chosen sentences of t, in document order, one a line. */
static void
build_summary(struct doc *d, const char *t)
{
	size_t i;

	d->out.len = 0;
	tsv_buf_reserve(&d->out, 0);
	d->out.buf[0] = '\0';
	for (i = d->hashead ? 1 : 0; i < d->ns; i++) {
		if (!d->s[i].chosen)
			continue;
		if (d->out.len > 0)
			tsv_buf_addc(&d->out, '\n');
		add_clean(&d->out, t + d->s[i].start,
		    d->s[i].end - d->s[i].start);
	}
}

/* Split, score and choose the sentences of text t[0..n) into d. */
static void
summarize(struct doc *d, const char *t, size_t n, const struct weights *w,
    const struct limits *lim)
{
	size_t i;

	split(d, t, n);
	terms_reset(d);
	for (i = 0; i < d->ns; i++)
		tokenize(d, t, &d->s[i], (uint32_t)i + 1);
	find_headline(d, t, n);
	if (d->ocap < d->scap) {
		d->ocap = d->scap;
		d->order = ereallocarray(d->order, d->ocap, sizeof(*d->order));
	}
	score(d, w, lim->lead);
	choose(d, lim, w);
	build_summary(d, t);
}

static void
doc_free(struct doc *d)
{
	free(d->s);
	free(d->terms);
	free(d->hkey);
	free(d->hid);
	free(d->hused);
	free(d->g);
	free(d->stamp);
	free(d->mark);
	free(d->inhead);
	free(d->order);
	tsv_buf_free(&d->out);
}

/*
 * Write one row per sentence of the text t: the key columns of rec
 * (indices key[0..nkey)), then the sentence's number (0 for a headline),
 * offsets, score, role and text.
 */
static void
write_sentences(struct tsv_writer *out, struct tsv_row *row,
    const struct tsv_rec *rec, const size_t *key, size_t nkey,
    const struct doc *d, const char *t, struct tsv_buf *clean)
{
	char num[32], start[32], end[32], sc[32];
	const struct sent *s;
	const char *role;
	size_t i, j;

	for (i = 0; i < d->ns; i++) {
		s = &d->s[i];
		for (j = 0; j < nkey; j++)
			tsv_row_set_raw(row, j, rec->f[key[j]].p,
			    rec->f[key[j]].len);
		snprintf(num, sizeof(num), "%zu", d->hashead ? i : i + 1);
		snprintf(start, sizeof(start), "%zu", s->start);
		snprintf(end, sizeof(end), "%zu", s->end);
		if (d->hashead && i == 0) {
			role = "headline";
			sc[0] = '\0';
		} else {
			role = s->chosen ? "summary" : "body";
			snprintf(sc, sizeof(sc), "%.4f", s->rel);
		}
		clean->len = 0;
		add_clean(clean, t + s->start, s->end - s->start);
		tsv_row_set(row, nkey, num, strlen(num));
		tsv_row_set(row, nkey + 1, start, strlen(start));
		tsv_row_set(row, nkey + 2, end, strlen(end));
		tsv_row_set(row, nkey + 3, sc, strlen(sc));
		tsv_row_set(row, nkey + 4, role, strlen(role));
		tsv_row_set(row, nkey + 5, clean->buf, clean->len);
		tsv_write_row(out, row);
	}
}

int
main(int argc, char *argv[])
{
	static const char *sumcol[] = { "summary" };
	static const char *sentcols[] = { "n", "start", "end", "score",
	    "role", "sentence" };
	struct tsv_common opt;
	struct tsv_reader *in;
	struct tsv_writer *out;
	struct tsv_header *hdr;
	struct tsv_rec rec;
	struct tsv_row row;
	struct tsv_buf scratch = { 0 }, clean = { 0 };
	struct tsv_span text;
	struct doc d;
	struct weights w = { 1.0, 1.0, 0.5, 1.0, 15.0, 1.0, 0.5 };
	struct limits lim = { 0, 0, 0, 0 };
	const char *abpath = NULL, *stpath = NULL, *names[9];
	size_t key[3], nkey, sumidx, textcol, i;
	int ch, sflag = 0, nset = 0;

	setlocale(LC_ALL, "");
	init_tables();
	tsv_common_init(&opt);
	while ((ch = getopt_long(argc, argv, TSV_COMMON_SHORTOPTS "a:n:r:sw:",
	    longopts, NULL)) != -1) {
		if (tsv_common_opt(&opt, ch, optarg))
			continue;
		switch (ch) {
		case 'a':
			abpath = optarg;
			break;
		case 'h':
			usage(0);
		case 'n':
			lim.count = tsv_number("-n", optarg, 1, 1000000);
			nset = 1;
			break;
		case 'r':
			lim.percent = tsv_number("-r", optarg, 1, 100);
			break;
		case 's':
			sflag = 1;
			break;
		case 'w':
			lim.words = tsv_number("-w", optarg, 1, 100000000);
			break;
		case OPT_LEAD:
			lim.lead = 1;
			break;
		case OPT_STOPWORDS:
			stpath = optarg;
			break;
		case OPT_WEIGHTS:
			parse_weights(&w, optarg);
			break;
		default:
			usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (!nset && lim.words == 0 && lim.percent == 0)
		lim.count = 3;

	lists_load(abpath, stpath);

	in = tsv_open(argc, argv, &opt);
	tsv_need_column(in, opt.id);
	textcol = tsv_need_column(in, opt.field);
	out = tsv_writer_stdout(&opt);
	if (sflag) {
		nkey = tsv_key_columns(in, opt.id, NULL, key, names, 3);
		for (i = 0; i < 6; i++)
			names[nkey + i] = sentcols[i];
		hdr = tsv_header_new(names, nkey + 6);
		sumidx = 0;
	} else {
		nkey = 0;
		hdr = tsv_header_extend(tsv_header(in), sumcol, 1, &sumidx);
	}
	tsv_write_header(out, hdr);
	tsv_row_init(&row, hdr->ncols);
	memset(&d, 0, sizeof(d));
	while (tsv_next(in, &rec)) {
		text = tsv_get(&rec, textcol, &scratch);
		summarize(&d, text.p, text.len, &w, &lim);
		if (sflag) {
			write_sentences(out, &row, &rec, key, nkey, &d, text.p,
			    &clean);
			continue;
		}
		tsv_row_from_rec(&row, &rec);
		tsv_row_set(&row, sumidx, d.out.buf, d.out.len);
		tsv_write_row(out, &row);
	}
	doc_free(&d);
	tsv_row_free(&row);
	tsv_header_free(hdr);
	tsv_buf_free(&scratch);
	tsv_buf_free(&clean);
	lists_free();
	return tsv_close(in, out);
}
