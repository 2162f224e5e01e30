/*
 * extract-entities: find the names of people, organisations, places and
 * other things (PER, ORG, LOC, MISC as in CoNLL-2003) in each record's
 * text.
 *
 * The tagger is an averaged perceptron over hashed word, shape, affix,
 * window, word-cluster, gazetteer and record-history features, decoded
 * with Viterbi over BILOU labels (see bin-src/extract-entities/).  By
 * default each record gets an "entities" column listing its distinct
 * entities; with -m each mention is a row of its own with byte offsets.
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
#include "data/entities-model.bin.h"

enum {
	OPT_CLUSTERS = TSV_OPT_FIRST_PRIVATE,
	OPT_GAZETTEER
};

static const struct option longopts[] = {
	TSV_COMMON_LONGOPTS,
	{ "clusters",		required_argument,	NULL,	OPT_CLUSTERS },
	{ "gazetteer",		required_argument,	NULL,	OPT_GAZETTEER },
	{ "key",		required_argument,	NULL,	'k' },
	{ "mentions",		no_argument,		NULL,	'm' },
	{ "model",		required_argument,	NULL,	'M' },
	{ NULL,			0,			NULL,	0 }
};

/* Per-run state of the record loop. */
struct state {
	struct ne_tagger	*tg;
	struct ne_doc		 doc;
	struct ne_mention	*m;
	size_t			 mcap;
	struct ne_entity	*e;
	size_t			 ecap;
	size_t			*order;
	size_t			 ocap;
	struct tsv_buf		 out;
};

static void	usage(int) __attribute__((noreturn));

static void
usage(int status)
{
	fprintf(status == 0 ? stdout : stderr, "usage: %s [-hlmV] "
	    "[-f field] [-k columns] [-M model] [--clusters file]\n"
	    "\t[--gazetteer file] [--id name] [--rejects file] [--stats] "
	    "[file ...]\n", getprogname());
	exit(status == 0 ? TSV_EXIT_OK : TSV_EXIT_FATAL);
}


/* Tag one text and group its mentions; returns the number of mentions. */
static size_t
find_entities(struct state *st, const char *text, size_t len, size_t *ne)
{
	size_t n;

	ne_tokenize(&st->doc, text, len);
	ne_tag(st->tg, &st->doc, 0, NULL);
	n = ne_mentions(&st->doc, &st->m, &st->mcap);
	*ne = ne_entities(&st->doc, st->m, n, &st->e, &st->ecap);
	return n;
}

static const struct ne_entity *sort_ents;

static int
by_frequency(const void *a, const void *b)
{
	const struct ne_entity *x = &sort_ents[*(const size_t *)a];
	const struct ne_entity *y = &sort_ents[*(const size_t *)b];

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/*
 * The entities column: TYPE:name items, most frequent first, joined by
 * "|".  In a name, white space runs become one space and "|" becomes
 * U+00A6 BROKEN BAR, so that the list splits cleanly.
 */
static void
entity_list(struct state *st, const char *text, size_t ne)
{
	const struct ne_entity *e;
	size_t i, k;
	int space;

	st->out.len = 0;
	if (ne > st->ocap) {
		st->ocap = ne;
		st->order = ereallocarray(st->order, ne, sizeof(*st->order));
	}
	for (i = 0; i < ne; i++)
		st->order[i] = i;
	sort_ents = st->e;
	if (ne > 1)
		qsort(st->order, ne, sizeof(*st->order), by_frequency);
	for (i = 0; i < ne; i++) {
		e = &st->e[st->order[i]];
		if (i > 0)
			tsv_buf_addc(&st->out, '|');
		tsv_buf_add(&st->out, ne_type_names[e->type],
		    strlen(ne_type_names[e->type]));
		tsv_buf_addc(&st->out, ':');
		space = 0;
		for (k = e->start; k < e->end; k++) {
			char c = text[k];
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				space = 1;
				continue;
			}
			if (space)
				tsv_buf_addc(&st->out, ' ');
			space = 0;
			if (c == '|')
				tsv_buf_add(&st->out, "\xc2\xa6", 2);
			else
				tsv_buf_addc(&st->out, c);
		}
	}
}

/* Write one row per mention: the key fields as read, offsets, type, text. */
static void
write_mentions(struct tsv_writer *w, const struct tsv_rec *rec,
    const size_t *kidx, size_t nkeys, const struct ne_mention *m, size_t n,
    const char *text)
{
	char num[32];
	size_t i, k;
	int len;

	for (i = 0; i < n; i++) {
		for (k = 0; k < nkeys; k++) {
			tsv_write_raw(w, rec->f[kidx[k]].p, rec->f[kidx[k]].len);
			tsv_write_tab(w);
		}
		len = snprintf(num, sizeof(num), "%zu\t%zu", m[i].start,
		    m[i].end);
		tsv_write_raw(w, num, (size_t)len);
		tsv_write_tab(w);
		tsv_write_raw(w, ne_type_names[m[i].type],
		    strlen(ne_type_names[m[i].type]));
		tsv_write_tab(w);
		tsv_write_escaped(w, text + m[i].start, m[i].end - m[i].start);
		tsv_write_eol(w);
	}
}

int
main(int argc, char *argv[])
{
	struct tsv_common opt;
	struct tsv_reader *in;
	struct tsv_writer *out;
	struct tsv_rec rec;
	struct tsv_header *hdr;
	struct tsv_row row;
	struct tsv_buf scratch = { 0 }, mbuf = { 0 };
	struct tsv_span text;
	struct state st;
	struct ne_model *model;
	struct ne_lex *lex;
	const char *mfile = NULL, *cfile = NULL, *gfile = NULL;
	const char **knames = NULL;
	const char *added[] = { "entities" };
	const char *mcols[] = { "start", "end", "type", "entity" };
	char *keys = NULL;
	size_t *kidx = NULL, nkeys = 0, ctext, cent, n, ne, i;
	int ch, mflag = 0;

	setlocale(LC_ALL, "");
	tsv_common_init(&opt);
	while ((ch = getopt_long(argc, argv, TSV_COMMON_SHORTOPTS "k:M:m",
	    longopts, NULL)) != -1) {
		if (tsv_common_opt(&opt, ch, optarg))
			continue;
		switch (ch) {
		case 'h':
			usage(0);
		case 'k':
			keys = optarg;
			break;
		case 'M':
			mfile = optarg;
			break;
		case 'm':
			mflag = 1;
			break;
		case OPT_CLUSTERS:
			cfile = optarg;
			break;
		case OPT_GAZETTEER:
			gfile = optarg;
			break;
		default:
			usage(1);
		}
	}
	argc -= optind;
	argv += optind;

	if (mfile != NULL) {
		if (tsv_load_file(mfile, &mbuf) == -1)
			err(TSV_EXIT_FATAL, "%s", mfile);
		model = ne_model_read(mbuf.buf, mbuf.len, mfile);
		tsv_buf_free(&mbuf);
	} else
		model = ne_model_read(data_entities_model_bin,
		    data_entities_model_bin_len, "embedded model");
	lex = ne_lex_open(cfile, gfile);
	memset(&st, 0, sizeof(st));
	st.tg = ne_tagger_new(model, lex);

	in = tsv_open(argc, argv, &opt);
	tsv_need_column(in, opt.id);
	ctext = tsv_need_column(in, opt.field);
	out = tsv_writer_stdout(&opt);
	cent = 0;
	if (mflag) {
		n = tsv_header(in)->ncols + 2;
		kidx = ereallocarray(NULL, n, sizeof(*kidx));
		knames = ereallocarray(NULL, n, sizeof(*knames));
		nkeys = tsv_key_columns(in, opt.id, keys, kidx, knames, n);
		knames = ereallocarray(knames, nkeys + 4, sizeof(*knames));
		for (i = 0; i < 4; i++)
			knames[nkeys + i] = mcols[i];
		hdr = tsv_header_new(knames, nkeys + 4);
	} else
		hdr = tsv_header_extend(tsv_header(in), added, 1, &cent);
	if (tsv_header(in)->ncols > 0)
		tsv_write_header(out, hdr);
	tsv_row_init(&row, hdr->ncols);
	while (tsv_next(in, &rec)) {
		text = tsv_get(&rec, ctext, &scratch);
		n = find_entities(&st, text.p, text.len, &ne);
		if (mflag) {
			write_mentions(out, &rec, kidx, nkeys, st.m, n, text.p);
			continue;
		}
		entity_list(&st, text.p, ne);
		tsv_row_from_rec(&row, &rec);
		tsv_row_set(&row, cent, st.out.buf != NULL ? st.out.buf : "",
		    st.out.len);
		tsv_write_row(out, &row);
	}

	tsv_row_free(&row);
	tsv_header_free(hdr);
	free(kidx);
	free(knames);
	tsv_buf_free(&scratch);
	tsv_buf_free(&st.out);
	ne_doc_free(&st.doc);
	free(st.m);
	free(st.e);
	free(st.order);
	ne_tagger_free(st.tg);
	ne_lex_free(lex);
	ne_model_free(model);
	return tsv_close(in, out);
}
