/*
 * strip-boilerplate: reduce the text of scraped pages to the article and
 * its reader comments.
 *
 * Each line of the text column is judged from its own features (length,
 * stop words, capitalised, digit and link-like tokens, punctuation), from
 * a compiled-in set of patterns for recurring boilerplate families, from
 * how many pages of the feed it occurs on (with --state), and from its
 * neighbours.  Removed lines can be written to an audit file with the
 * reason for each.
 */
#include <err.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsv.h"
#include "extern.h"
#include "data/strip-boilerplate-model.txt.h"
#include "data/strip-boilerplate-patterns.txt.h"
#include "data/strip-boilerplate-stopwords.txt.h"

/* Lines longer than this (bytes) are judged without the pattern set. */
#define PAT_MAXLEN	400

enum {
	OPT_ADD_PATTERNS = TSV_OPT_FIRST_PRIVATE,
	OPT_DROP_BYLINE,
	OPT_FEATURES,
	OPT_KEEP_BYLINE,
	OPT_KEEP_REPEATS,
	OPT_LEARN,
	OPT_MIN_PAGES,
	OPT_MODEL,
	OPT_PATTERNS,
	OPT_REMOVED,
	OPT_STATE,
	OPT_STOPWORDS
};

static const struct option longopts[] = {
	TSV_COMMON_LONGOPTS,
	{ "add-patterns",	required_argument,	NULL,	OPT_ADD_PATTERNS },
	{ "drop-byline",	no_argument,		NULL,	OPT_DROP_BYLINE },
	{ "features",		required_argument,	NULL,	OPT_FEATURES },
	{ "keep-byline",	no_argument,		NULL,	OPT_KEEP_BYLINE },
	{ "keep-repeats",	no_argument,		NULL,	OPT_KEEP_REPEATS },
	{ "learn",		required_argument,	NULL,	OPT_LEARN },
	{ "min-pages",		required_argument,	NULL,	OPT_MIN_PAGES },
	{ "model",		required_argument,	NULL,	OPT_MODEL },
	{ "patterns",		required_argument,	NULL,	OPT_PATTERNS },
	{ "removed",		required_argument,	NULL,	OPT_REMOVED },
	{ "state",		required_argument,	NULL,	OPT_STATE },
	{ "stopwords",		required_argument,	NULL,	OPT_STOPWORDS },
	{ NULL,			0,			NULL,	0 }
};

/* Per-run settings that the record loop reads. */
struct run {
	struct classify_opts	 copt;
	const char		*learn;
	int			 use_state;
	struct tsv_writer	*removed;
	struct tsv_writer	*features;
};

static void	usage(int) __attribute__((noreturn));
static size_t	split_lines(const char *, size_t, struct line **, size_t *);
static void	judge_lines(struct line *, size_t, int, const struct run *);
static void	join_kept(const struct line *, size_t, struct tsv_buf *);
static void	write_removed(struct tsv_writer *, const struct tsv_span *,
		    const struct line *, size_t);
static void	write_features(struct tsv_writer *, const struct tsv_span *,
		    const struct line *, size_t);
static struct tsv_writer *open_out(const char *, int);

static void
usage(int status)
{
	fprintf(status == 0 ? stdout : stderr, "usage: %s [-hlV] [-f field] "
	    "[--add-patterns file] [--drop-byline | --keep-byline]\n"
	    "\t[--features file] [--id name] [--keep-repeats] "
	    "[--learn statefile]\n\t[--min-pages n]"
	    " [--model file] [--patterns file] [--rejects file]\n"
	    "\t[--removed file]"
	    " [--state statefile] [--stats] [--stopwords file] [file ...]\n",
	    getprogname());
	exit(status == 0 ? TSV_EXIT_OK : TSV_EXIT_FATAL);
}

/* Load a file named on the command line into b or exit. */
static void
load(const char *path, struct tsv_buf *b)
{
	if (tsv_load_file(path, b) == -1)
		err(TSV_EXIT_FATAL, "%s", path);
}

int
main(int argc, char *argv[])
{
	struct tsv_common opt;
	struct tsv_reader *in;
	struct tsv_writer *out;
	struct tsv_rec rec;
	struct tsv_row row;
	struct tsv_buf scratch = { 0 }, text = { 0 }, file = { 0 };
	struct tsv_buf page = { 0 };
	struct tsv_span v;
	struct line *lines = NULL;
	struct run run;
	const char *patterns = NULL, *stopwords = NULL, *removed = NULL;
	const char *model = NULL, *features = NULL;
	const char *state = NULL, **addpat = NULL;
	size_t nadd = 0, i, nlines, linecap = 0, textcol, idcol;
	int ch;

	setlocale(LC_ALL, "");
	tsv_common_init(&opt);
	memset(&run, 0, sizeof(run));
	run.copt.keep_byline = 1;
	run.copt.min_pages = 5;
	while ((ch = getopt_long(argc, argv, TSV_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (tsv_common_opt(&opt, ch, optarg))
			continue;
		switch (ch) {
		case OPT_ADD_PATTERNS:
			addpat = ereallocarray(addpat, nadd + 1,
			    sizeof(*addpat));
			addpat[nadd++] = optarg;
			break;
		case OPT_DROP_BYLINE:
			run.copt.keep_byline = 0;
			break;
		case OPT_FEATURES:
			features = optarg;
			run.copt.onepass = 1;
			model_keep();
			break;
		case OPT_KEEP_BYLINE:
			run.copt.keep_byline = 1;
			break;
		case OPT_KEEP_REPEATS:
			run.copt.keep_repeats = 1;
			break;
		case OPT_LEARN:
			run.learn = optarg;
			break;
		case OPT_MIN_PAGES:
			run.copt.min_pages = (int)tsv_number("--min-pages",
			    optarg, 1, 1000000);
			break;
		case OPT_MODEL:
			model = optarg;
			break;
		case OPT_PATTERNS:
			patterns = optarg;
			break;
		case OPT_REMOVED:
			removed = optarg;
			break;
		case OPT_STATE:
			state = optarg;
			break;
		case OPT_STOPWORDS:
			stopwords = optarg;
			break;
		case 'h':
			usage(0);
		default:
			usage(1);
		}
	}
	argc -= optind;
	argv += optind;

	if (stopwords != NULL) {
		load(stopwords, &file);
		stop_init(file.buf, file.len);
	} else
		stop_init(data_strip_boilerplate_stopwords_txt,
		    data_strip_boilerplate_stopwords_txt_len);
	if (model != NULL) {
		load(model, &file);
		model_init(file.buf, file.len, model);
	} else
		model_init(data_strip_boilerplate_model_txt,
		    data_strip_boilerplate_model_txt_len,
		    "strip-boilerplate-model.txt");
	if (patterns != NULL) {
		load(patterns, &file);
		pat_add(file.buf, file.len, patterns, run.copt.keep_byline);
	} else
		pat_add(data_strip_boilerplate_patterns_txt,
		    data_strip_boilerplate_patterns_txt_len,
		    "strip-boilerplate-patterns.txt", run.copt.keep_byline);
	for (i = 0; i < nadd; i++) {
		load(addpat[i], &file);
		pat_add(file.buf, file.len, addpat[i], run.copt.keep_byline);
	}
	pat_compile();
	cache_init();
	tsv_buf_free(&file);
	if (state != NULL) {
		state_load(state);
		run.use_state = 1;
	}

	in = tsv_open(argc, argv, &opt);
	idcol = tsv_need_column(in, opt.id);
	textcol = tsv_need_column(in, opt.field);
	out = tsv_writer_stdout(&opt);
	if (removed != NULL) {
		run.removed = open_out(removed, opt.linebuf);
		tsv_write_raw(run.removed, "id\tline\treason\ttext", 19);
		tsv_write_eol(run.removed);
	}
	if (features != NULL) {
		run.features = open_out(features, opt.linebuf);
		tsv_write_raw(run.features, "id\tline\tpattern\ttext", 20);
		for (i = 0; i < NFEAT; i++) {
			tsv_write_tab(run.features);
			tsv_write_raw(run.features, feat_name[i],
			    strlen(feat_name[i]));
		}
		for (i = 0; i < NFEAT2; i++) {
			tsv_write_tab(run.features);
			tsv_write_raw(run.features, "2:", 2);
			tsv_write_raw(run.features, feat2_name[i],
			    strlen(feat2_name[i]));
		}
		tsv_write_eol(run.features);
	}
	tsv_write_header(out, tsv_header(in));
	tsv_row_init(&row, tsv_header(in)->ncols);
	while (tsv_next(in, &rec)) {
		v = tsv_get(&rec, textcol, &scratch);
		page.len = 0;
		tsv_buf_add(&page, v.p, v.len);
		tsv_buf_reserve(&page, LINE_PAD);
		memset(page.buf + page.len, 0, LINE_PAD);
		nlines = split_lines(page.buf, page.len, &lines, &linecap);
		judge_lines(lines, nlines, tsv_utf8_valid(v.p, v.len), &run);
		join_kept(lines, nlines, &text);
		if (run.removed != NULL)
			write_removed(run.removed, &rec.f[idcol], lines,
			    nlines);
		if (run.features != NULL)
			write_features(run.features, &rec.f[idcol], lines,
			    nlines);
		tsv_row_from_rec(&row, &rec);
		tsv_row_set(&row, textcol, text.buf == NULL ? "" : text.buf,
		    text.len);
		tsv_write_row(out, &row);
	}
	if (run.learn != NULL)
		state_save(run.learn);
	if (run.removed != NULL)
		tsv_writer_close(run.removed);
	if (run.features != NULL)
		tsv_writer_close(run.features);
	tsv_row_free(&row);
	tsv_buf_free(&scratch);
	tsv_buf_free(&text);
	tsv_buf_free(&page);
	free(lines);
	free(addpat);
	cache_free();
	pat_free();
	model_free();
	stop_free();
	state_free();
	return tsv_close(in, out);
}

/*
 * Cut text into its non-blank lines, trimmed, in *lines (grown as needed,
 * owned by the caller; the lines point into text).  Returns their number.
 */
static size_t
split_lines(const char *text, size_t len, struct line **lines, size_t *cap)
{
	const char *p = text, *e = text + len, *nl, *s, *t;
	size_t n = 0, lineno = 0;
	int gap = 0;

	for (; p < e; p = nl + 1) {
		lineno++;
		if ((nl = memchr(p, '\n', e - p)) == NULL)
			nl = e;
		s = p;
		t = nl;
		while (s < t && (*s == ' ' || *s == '\t' || *s == '\r' ||
		    *s == '\f' || *s == '\v'))
			s++;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t' ||
		    t[-1] == '\r' || t[-1] == '\f' || t[-1] == '\v'))
			t--;
		if (s == t) {
			gap = 1;
			if (nl == e)
				break;
			continue;
		}
		if (n == *cap) {
			*cap = *cap == 0 ? 256 : *cap * 2;
			*lines = ereallocarray(*lines, *cap, sizeof(**lines));
		}
		memset(&(*lines)[n], 0, sizeof(**lines));
		(*lines)[n].p = s;
		(*lines)[n].len = t - s;
		(*lines)[n].lineno = lineno;
		(*lines)[n].gap = gap;
		n++;
		gap = 0;
		if (nl == e)
			break;
	}
	return n;
}

/*
 * Compute the features of every line, match the pattern set and the
 * cross-page counts, learn from the page when asked, and classify.
 * utf says whether the whole text is valid UTF-8; a line's pattern mode
 * still depends on its own bytes alone (a valid text has valid lines),
 * so that what the cache keeps of it holds on any page.
 */
#define AHEAD	4	/* lines whose cache slots are asked for early */

static void
judge_lines(struct line *l, size_t n, int utf, const struct run *run)
{
	size_t slot[AHEAD], i, s;
	unsigned c;

	for (i = 0; i < AHEAD && i < n; i++)
		slot[i] = cache_find(&l[i]);
	for (i = 0; i < n; i++) {
		s = slot[i % AHEAD];
		if (i + AHEAD < n)
			slot[i % AHEAD] = cache_find(&l[i + AHEAD]);
		if (!cache_get(&l[i], s)) {
			line_features(&l[i]);
			if (l[i].len <= PAT_MAXLEN)
				l[i].hard = pat_match(l[i].p, l[i].len,
				    l[i].ascii ? PAT_ASCII : utf ||
				    tsv_utf8_valid(l[i].p, l[i].len) ?
				    PAT_UTF : PAT_BYTES);
			cache_put(&l[i], s);
		}
		if (l[i].hard == NULL && run->use_state) {
			c = state_count(l[i].fp);
			if (c >= (unsigned)run->copt.min_pages &&
			    (l[i].nchars < 200 ||
			    c >= 3 * (unsigned)run->copt.min_pages))
				l[i].hard = "template";
		}
	}
	if (run->learn != NULL)
		state_learn_page(l, n);
	classify_page(l, n, &run->copt);
}

/*
 * Join the kept lines into b: one blank line between two kept lines that
 * had a blank line or removed lines between them, a line break otherwise.
 */
static void
join_kept(const struct line *l, size_t n, struct tsv_buf *b)
{
	size_t i, last = 0;
	int any = 0;

	b->len = 0;
	for (i = 0; i < n; i++) {
		if (!l[i].keep)
			continue;
		if (any)
			tsv_buf_add(b, l[i].gap || i != last + 1 ? "\n\n" :
			    "\n", l[i].gap || i != last + 1 ? 2 : 1);
		tsv_buf_add(b, l[i].p, l[i].len);
		last = i;
		any = 1;
	}
}

/* Write one audit row per removed line: id, line number, reason, text. */
static void
write_removed(struct tsv_writer *w, const struct tsv_span *id,
    const struct line *l, size_t n)
{
	char num[32];
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		if (l[i].keep)
			continue;
		tsv_write_raw(w, id->p, id->len);
		tsv_write_tab(w);
		k = snprintf(num, sizeof(num), "%zu", l[i].lineno);
		tsv_write_raw(w, num, (size_t)k);
		tsv_write_tab(w);
		tsv_write_raw(w, l[i].reason, strlen(l[i].reason));
		tsv_write_tab(w);
		tsv_write_escaped(w, l[i].p, l[i].len);
		tsv_write_eol(w);
	}
}

/* Open path for writing news TSV, or exit. */
static struct tsv_writer *
open_out(const char *path, int linebuf)
{
	int fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666)) == -1)
		err(TSV_EXIT_FATAL, "%s", path);
	return tsv_writer_fd(fd, path, linebuf);
}

/*
 * Write one row per line with its model features, for training: id, line
 * number, pattern family (or "-"), text, then the features, as the one
 * pass kept them (model_kept) for the lines the patterns left it, in
 * order, and 0 for the others.
 */
static void
write_features(struct tsv_writer *w, const struct tsv_span *id,
    const struct line *l, size_t n)
{
	static const float zero[NFEAT + NFEAT2];
	const float *x, *x2;
	char num[32];
	size_t i, k, j = 0;
	int len;

	for (i = 0; i < n; i++) {
		if (l[i].hard == NULL) {
			x = model_kept(j, 0);
			x2 = model_kept(j++, 1);
		} else
			x = x2 = zero;
		tsv_write_raw(w, id->p, id->len);
		tsv_write_tab(w);
		len = snprintf(num, sizeof(num), "%zu", l[i].lineno);
		tsv_write_raw(w, num, (size_t)len);
		tsv_write_tab(w);
		tsv_write_raw(w, l[i].hard ? l[i].hard : "-",
		    strlen(l[i].hard ? l[i].hard : "-"));
		tsv_write_tab(w);
		tsv_write_escaped(w, l[i].p, l[i].len);
		for (k = 0; k < NFEAT + NFEAT2; k++) {
			tsv_write_tab(w);
			len = snprintf(num, sizeof(num), "%.9g", k < NFEAT ?
			    x[k] : x2[k - NFEAT]);
			tsv_write_raw(w, num, (size_t)len);
		}
		tsv_write_eol(w);
	}
}
