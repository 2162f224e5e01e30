/*
 * show-records: print chosen columns of chosen records unescaped, for a
 * person to read.
 *
 * Each record shown starts with a "==> id <==" line, then each chosen
 * column (under a "[name]" line when more than one is chosen), then a
 * blank line.  Control characters other than TAB and LF are shown in
 * caret notation so that a hostile page cannot drive the terminal.
 */
#include <err.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsv.h"

struct range {
	unsigned long long	lo, hi;
};

static void	usage(int) __attribute__((noreturn));
static void	add_ranges(const char *);
static size_t	*parse_columns(const struct tsv_header *, const char *,
		    size_t *);
static int	selected(const struct tsv_span, unsigned long long);
static void	write_visible(struct tsv_writer *, const char *, size_t);

enum {
	OPT_RAW = TSV_OPT_FIRST_PRIVATE
};

static const struct option longopts[] = {
	TSV_COMMON_LONGOPTS,
	{ "columns",		required_argument,	NULL,	'c' },
	{ "key",		required_argument,	NULL,	'k' },
	{ "number",		required_argument,	NULL,	'n' },
	{ "raw",		no_argument,		NULL,	OPT_RAW },
	{ NULL,			0,			NULL,	0 }
};

static struct range *ranges;
static size_t nranges;
static char **keys;
static size_t nkeys;

static void
usage(int status)
{
	fprintf(status == 0 ? stdout : stderr, "usage: %s [-hlV] "
	    "[-c columns] [-f field] [--id name] [-k id] [-n list] [--raw]\n"
	    "                    [--rejects file] [--stats] [file ...]\n",
	    getprogname());
	exit(status == 0 ? TSV_EXIT_OK : TSV_EXIT_FATAL);
}

/* Parse a list of record numbers and ranges such as "1,4-6,10-". */
static void
add_ranges(const char *list)
{
	char *copy, *item, *dash, *p;
	struct range r;

	copy = p = estrdup(list);
	while ((item = strsep(&p, ",")) != NULL) {
		if ((dash = strchr(item, '-')) != NULL)
			*dash++ = '\0';
		r.lo = (unsigned long long)tsv_number("-n", item, 1,
		    LLONG_MAX);
		if (dash == NULL)
			r.hi = r.lo;
		else if (*dash == '\0')
			r.hi = LLONG_MAX;
		else
			r.hi = (unsigned long long)tsv_number("-n", dash,
			    (long long)r.lo, LLONG_MAX);
		ranges = ereallocarray(ranges, nranges + 1, sizeof(*ranges));
		ranges[nranges++] = r;
	}
	free(copy);
}

/*
 * Resolve a column list ("text", "title,text", "1,3-4") against the
 * header; names and 1-based numbers may be mixed.  Exits 2 on a column the
 * input lacks.  The caller frees the returned array of *n indexes.
 */
static size_t *
parse_columns(const struct tsv_header *h, const char *list, size_t *n)
{
	char *copy, *item, *dash, *p;
	size_t *cols = NULL;
	long lo, hi, k;

	*n = 0;
	copy = p = estrdup(list);
	while ((item = strsep(&p, ",")) != NULL) {
		if ((k = tsv_column(h, item)) != -1) {
			lo = hi = k;
		} else if (strspn(item, "0123456789-") == strlen(item) &&
		    item[0] != '\0' && item[0] != '-') {
			if ((dash = strchr(item, '-')) != NULL)
				*dash++ = '\0';
			lo = (long)tsv_number("-c", item, 1, (long long)h->ncols)
			    - 1;
			hi = dash == NULL ? lo : (long)tsv_number("-c", dash,
			    lo + 1, (long long)h->ncols) - 1;
		} else
			errx(TSV_EXIT_FATAL, "the input has no column '%s'",
			    item);
		for (k = lo; k <= hi; k++) {
			cols = ereallocarray(cols, *n + 1, sizeof(*cols));
			cols[(*n)++] = (size_t)k;
		}
	}
	free(copy);
	return cols;
}

/* Is the record with this id and number one the user asked for? */
static int
selected(const struct tsv_span id, unsigned long long num)
{
	size_t i;

	if (nranges == 0 && nkeys == 0)
		return 1;
	for (i = 0; i < nranges; i++)
		if (num >= ranges[i].lo && num <= ranges[i].hi)
			return 1;
	for (i = 0; i < nkeys; i++)
		if (strlen(keys[i]) == id.len &&
		    memcmp(keys[i], id.p, id.len) == 0)
			return 1;
	return 0;
}

/* Write text, control characters but TAB and LF in caret notation. */
static void
write_visible(struct tsv_writer *w, const char *p, size_t n)
{
	const char *s = p, *e = p + n;
	unsigned char c;
	char caret[2] = { '^', '\0' };

	for (; p < e; p++) {
		c = (unsigned char)*p;
		if ((c >= 0x20 && c != 0x7f) || c == '\t' || c == '\n')
			continue;
		tsv_write_raw(w, s, (size_t)(p - s));
		caret[1] = c == 0x7f ? '?' : (char)(c + '@');
		tsv_write_raw(w, caret, 2);
		s = p + 1;
	}
	tsv_write_raw(w, s, (size_t)(e - s));
}

int
main(int argc, char *argv[])
{
	struct tsv_common opt;
	struct tsv_reader *in;
	struct tsv_writer *out;
	struct tsv_rec rec;
	struct tsv_buf scratch = { 0 }, idbuf = { 0 };
	struct tsv_span id, v;
	const struct tsv_header *h;
	const char *columns = NULL;
	unsigned long long num = 0;
	size_t *cols, ncols, i, idcol;
	int ch, raw = 0;

	setlocale(LC_ALL, "");
	tsv_common_init(&opt);
	while ((ch = getopt_long(argc, argv, "c:" TSV_COMMON_SHORTOPTS
	    "k:n:", longopts, NULL)) != -1) {
		if (tsv_common_opt(&opt, ch, optarg))
			continue;
		switch (ch) {
		case 'c':
			columns = optarg;
			break;
		case 'h':
			usage(0);
		case 'k':
			keys = ereallocarray(keys, nkeys + 1, sizeof(*keys));
			keys[nkeys++] = optarg;
			break;
		case 'n':
			add_ranges(optarg);
			break;
		case OPT_RAW:
			raw = 1;
			break;
		default:
			usage(1);
		}
	}
	argc -= optind;
	argv += optind;

	in = tsv_open(argc, argv, &opt);
	h = tsv_header(in);
	idcol = tsv_need_column(in, opt.id);
	cols = parse_columns(h, columns != NULL ? columns : opt.field, &ncols);
	out = tsv_writer_stdout(&opt);
	while (tsv_next(in, &rec)) {
		id = tsv_get(&rec, idcol, &idbuf);
		if (!selected(id, ++num))
			continue;
		tsv_write_raw(out, "==> ", 4);
		write_visible(out, id.p, id.len);
		tsv_write_raw(out, " <==\n", 5);
		for (i = 0; i < ncols; i++) {
			if (ncols > 1) {
				tsv_write_raw(out, "[", 1);
				write_visible(out, h->name[cols[i]],
				    strlen(h->name[cols[i]]));
				tsv_write_raw(out, "]\n", 2);
			}
			v = tsv_get(&rec, cols[i], &scratch);
			if (raw)
				tsv_write_raw(out, v.p, v.len);
			else
				write_visible(out, v.p, v.len);
			if (v.len == 0 || v.p[v.len - 1] != '\n')
				tsv_write_raw(out, "\n", 1);
		}
		tsv_write_eol(out);
	}
	free(cols);
	free(keys);
	free(ranges);
	tsv_buf_free(&scratch);
	tsv_buf_free(&idbuf);
	return tsv_close(in, out);
}
