/*
 * train-entities: train the named-entity model of extract-entities from
 * news TSV texts and their gold mentions.
 *
 * The texts (id, text) are read from the file operands, the mentions (id,
 * start, end, type) from the gold file (-g, or else the last operand).
 * The model is an averaged perceptron over hashed features with Viterbi
 * decoding of BILOU labels; it is trained for a number of passes over the
 * records in a shuffled order and written to the output file.
 */
#include <err.h>
#include <getopt.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"
#include "extract-entities/extern.h"

enum {
	OPT_CLUSTERS = TSV_OPT_FIRST_PRIVATE,
	OPT_GAZETTEER,
	OPT_NOTE
};

static const struct option longopts[] = {
	TSV_COMMON_LONGOPTS,
	{ "bits",		required_argument,	NULL,	'b' },
	{ "clusters",		required_argument,	NULL,	OPT_CLUSTERS },
	{ "epochs",		required_argument,	NULL,	'e' },
	{ "gazetteer",		required_argument,	NULL,	OPT_GAZETTEER },
	{ "gold",		required_argument,	NULL,	'g' },
	{ "note",		required_argument,	NULL,	OPT_NOTE },
	{ "output",		required_argument,	NULL,	'o' },
	{ NULL,			0,			NULL,	0 }
};

/* One gold mention. */
struct gold {
	char		*id;
	size_t		 start, end;
	int		 type;
};

/* One training record: its text (owned) and tokens. */
struct record {
	char		*text;
	struct ne_doc	 doc;
};

static void	usage(int) __attribute__((noreturn));

static void
usage(int status)
{
	fprintf(status == 0 ? stdout : stderr, "usage: %s [-hlV] "
	    "[-b bits] [-e epochs] [-f field] [-g gold] [--clusters file]\n"
	    "\t[--gazetteer file] [--id name] [--note text] [--rejects file] "
	    "[--stats]\n\t-o model [file ...] [gold]\n", getprogname());
	exit(status == 0 ? TSV_EXIT_OK : TSV_EXIT_FATAL);
}

static int
bygold(const void *a, const void *b)
{
	const struct gold *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int
type_number(const char *s, size_t n)
{
	int t;

	for (t = 0; t < NE_NTYPES; t++)
		if (strlen(ne_type_names[t]) == n &&
		    memcmp(ne_type_names[t], s, n) == 0)
			return t;
	return -1;
}

static size_t
span_number(struct tsv_span v, int *ok)
{
	size_t n = 0, i;

	if (v.len == 0 || v.len > 15)
		*ok = 0;
	for (i = 0; i < v.len; i++) {
		if (v.p[i] < '0' || v.p[i] > '9') {
			*ok = 0;
			return 0;
		}
		n = n * 10 + (size_t)(v.p[i] - '0');
	}
	return n;
}

static char *
span_dup(struct tsv_span v)
{
	char *s = emalloc(v.len + 1);

	memcpy(s, v.p, v.len);
	s[v.len] = '\0';
	return s;
}

/*
 * Read the gold mentions of path, sorted by id and start, into *gp (the
 * caller frees each id and the array).  Returns how many; a malformed row
 * is rejected and leaves the exit status 1.
 */
static size_t
read_gold(const char *path, struct gold **gp, int *rval)
{
	struct tsv_common opt;
	struct tsv_reader *in;
	struct tsv_rec rec;
	struct tsv_buf scratch = { 0 };
	struct gold *g = NULL;
	size_t n = 0, cap = 0, cid, cs, ce, ct;
	char *argv[1];
	struct tsv_span v;
	int ok, r;

	tsv_common_init(&opt);
	argv[0] = (char *)path;
	in = tsv_open(1, argv, &opt);
	cid = tsv_need_column(in, "id");
	cs = tsv_need_column(in, "start");
	ce = tsv_need_column(in, "end");
	ct = tsv_need_column(in, "type");
	while (tsv_next(in, &rec)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			g = ereallocarray(g, cap, sizeof(*g));
		}
		ok = 1;
		g[n].start = span_number(tsv_get(&rec, cs, &scratch), &ok);
		g[n].end = span_number(tsv_get(&rec, ce, &scratch), &ok);
		v = tsv_get(&rec, ct, &scratch);
		g[n].type = type_number(v.p, v.len);
		if (!ok || g[n].type < 0 || g[n].end <= g[n].start) {
			tsv_reject(in, &rec, "bad gold mention");
			continue;
		}
		g[n].id = span_dup(tsv_get(&rec, cid, &scratch));
		n++;
	}
	tsv_buf_free(&scratch);
	if ((r = tsv_close(in, NULL)) > *rval)
		*rval = r;
	if (n > 0)
		qsort(g, n, sizeof(*g), bygold);
	*gp = g;
	return n;
}

/* First token of d whose start is at or after off (binary search). */
static size_t
token_at(const struct ne_doc *d, size_t off)
{
	size_t lo = 0, hi = d->ntok, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (d->tok[mid].start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Label the tokens of d with the gold mentions g[0..n) of its record.
 * Returns how many mentions could not be used: their ends fall inside a
 * token, or they overlap another.
 */
static size_t
label_tokens(struct ne_doc *d, const struct gold *g, size_t n)
{
	size_t i, a, b, k, bad = 0;

	for (k = 0; k < d->ntok; k++)
		d->tok[k].label = 0;
	for (i = 0; i < n; i++) {
		a = token_at(d, g[i].start);
		b = token_at(d, g[i].end);
		if (a >= d->ntok || d->tok[a].start != g[i].start || b == a ||
		    d->tok[b - 1].end != g[i].end) {
			bad++;
			continue;
		}
		for (k = a; k < b; k++)
			if (d->tok[k].label != 0)
				break;
		if (k < b) {
			bad++;
			continue;
		}
		if (b - a == 1)
			d->tok[a].label = NE_LABEL(g[i].type, NE_U);
		else
			for (k = a; k < b; k++)
				d->tok[k].label = NE_LABEL(g[i].type,
				    k == a ? NE_B : k + 1 == b ? NE_L : NE_I);
	}
	return bad;
}

/* A note for the model header: every line starts with "# ". */
static char *
make_note(const char *note, size_t nrec, size_t nment, int epochs,
    unsigned bits)
{
	struct tsv_buf b = { 0 };
	char line[256];
	const char *p;

	if (note != NULL) {
		tsv_buf_add(&b, "# trained on: ", 14);
		for (p = note; *p != '\0'; p++)
			tsv_buf_addc(&b, *p == '\n' || *p == '\r' ? ' ' : *p);
		tsv_buf_addc(&b, '\n');
	}
	snprintf(line, sizeof(line), "# %zu records, %zu mentions, %d epochs, "
	    "%u bits\n", nrec, nment, epochs, bits);
	tsv_buf_add(&b, line, strlen(line));
	tsv_buf_addc(&b, '\0');
	return b.buf;
}

int
main(int argc, char *argv[])
{
	struct tsv_common opt;
	struct tsv_reader *in;
	struct tsv_rec rec;
	struct tsv_buf scratch = { 0 };
	struct tsv_span v;
	struct gold *gold = NULL, key;
	struct record *recs = NULL;
	struct ne_lex *lex;
	struct ne_model *m;
	struct ne_tagger *tg;
	const char *goldpath = NULL, *out = NULL, *cfile = NULL, *gfile = NULL;
	const char *note = NULL;
	size_t ngold, nrec = 0, cap = 0, i, j, lo, hi, bad = 0, used = 0;
	size_t *order;
	unsigned bits = 20;
	uint64_t rnd = 0x2545f4914f6cdd1dULL;
	double clock = 1;
	int ch, epochs = 8, ep, rval = 0, r;
	size_t cid, ctext;

	setlocale(LC_ALL, "");
	tsv_common_init(&opt);
	while ((ch = getopt_long(argc, argv, TSV_COMMON_SHORTOPTS "b:e:g:o:",
	    longopts, NULL)) != -1) {
		if (tsv_common_opt(&opt, ch, optarg))
			continue;
		switch (ch) {
		case 'b':
			bits = (unsigned)tsv_number("-b", optarg, 12, 24);
			break;
		case 'e':
			epochs = (int)tsv_number("-e", optarg, 1, 100);
			break;
		case 'g':
			goldpath = optarg;
			break;
		case 'h':
			usage(0);
		case 'o':
			out = optarg;
			break;
		case OPT_CLUSTERS:
			cfile = optarg;
			break;
		case OPT_GAZETTEER:
			gfile = optarg;
			break;
		case OPT_NOTE:
			note = optarg;
			break;
		default:
			usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	/* Without -g, the gold mentions are the last operand. */
	if (goldpath == NULL && argc >= 2)
		goldpath = argv[--argc];
	if (goldpath == NULL || out == NULL)
		usage(1);

	ngold = read_gold(goldpath, &gold, &rval);
	lex = ne_lex_open(cfile, gfile);
	in = tsv_open(argc, argv, &opt);
	cid = tsv_need_column(in, opt.id);
	ctext = tsv_need_column(in, opt.field);
	while (tsv_next(in, &rec)) {
		if (nrec == cap) {
			cap = cap ? cap * 2 : 256;
			recs = ereallocarray(recs, cap, sizeof(*recs));
		}
		v = tsv_get(&rec, cid, &scratch);
		key.id = span_dup(v);
		v = tsv_get(&rec, ctext, &scratch);
		recs[nrec].text = span_dup(v);
		memset(&recs[nrec].doc, 0, sizeof(recs[nrec].doc));
		ne_tokenize(&recs[nrec].doc, recs[nrec].text, v.len);
		/* The record's gold mentions: a run in the sorted array. */
		key.start = 0;
		lo = 0;
		hi = ngold;
		while (lo < hi) {
			j = lo + (hi - lo) / 2;
			if (bygold(&gold[j], &key) < 0)
				lo = j + 1;
			else
				hi = j;
		}
		for (hi = lo; hi < ngold && strcmp(gold[hi].id, key.id) == 0;
		    hi++)
			;
		bad += label_tokens(&recs[nrec].doc, gold + lo, hi - lo);
		used += hi - lo;
		free(key.id);
		nrec++;
	}
	tsv_buf_free(&scratch);
	if ((r = tsv_close(in, NULL)) > rval)
		rval = r;
	if (bad > 0)
		warnx("%zu of %zu gold mentions do not fall on token "
		    "boundaries or overlap; not used", bad, used);

	m = ne_model_new(bits, 1);
	tg = ne_tagger_new(m, lex);
	order = ereallocarray(NULL, nrec > 0 ? nrec : 1, sizeof(*order));
	for (i = 0; i < nrec; i++)
		order[i] = i;
	for (ep = 0; ep < epochs; ep++) {
		/* A fixed xorshift shuffle, so that training is repeatable. */
		for (i = nrec; i > 1; i--) {
			rnd ^= rnd << 13;
			rnd ^= rnd >> 7;
			rnd ^= rnd << 17;
			j = (size_t)(rnd % i);
			lo = order[i - 1];
			order[i - 1] = order[j];
			order[j] = lo;
		}
		for (i = 0; i < nrec; i++)
			ne_tag(tg, &recs[order[i]].doc, 1, &clock);
		if (opt.stats)
			warnx("epoch %d done", ep + 1);
	}
	ne_average(m, clock);
	m->note = make_note(note, nrec, used - bad, epochs, bits);
	if (ne_model_write(m, out) == -1)
		err(TSV_EXIT_FATAL, "%s", out);

	ne_tagger_free(tg);
	ne_model_free(m);
	ne_lex_free(lex);
	for (i = 0; i < nrec; i++) {
		free(recs[i].text);
		ne_doc_free(&recs[i].doc);
	}
	free(recs);
	free(order);
	for (i = 0; i < ngold; i++)
		free(gold[i].id);
	free(gold);
	return rval;
}
