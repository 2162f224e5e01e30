/*
 * check-records: validate a news-TSV stream and write it out normalised.
 *
 * Every field is unescaped and escaped again, so the output is the input
 * in canonical form (LF line ends, one header); malformed records are
 * reported and set aside.  It is also the pass-through against which the
 * filters' speed is measured.
 */
#include <err.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "tsv.h"

static void	usage(int) __attribute__((noreturn));

static const struct option longopts[] = {
	TSV_COMMON_LONGOPTS,
	{ NULL,			0,			NULL,	0 }
};

/* -h prints the synopsis on stdout and succeeds; a usage error fails. */
static void
usage(int status)
{
	fprintf(status == 0 ? stdout : stderr, "usage: %s [-hlV] [-f field] "
	    "[--id name] [--rejects file] [--stats] [file ...]\n",
	    getprogname());
	exit(status == 0 ? TSV_EXIT_OK : TSV_EXIT_FATAL);
}

int
main(int argc, char *argv[])
{
	struct tsv_common opt;
	struct tsv_reader *in;
	struct tsv_writer *out;
	struct tsv_rec rec;
	struct tsv_buf scratch = { 0 };
	struct tsv_span v;
	size_t i;
	int ch;

	setlocale(LC_ALL, "");
	tsv_common_init(&opt);
	while ((ch = getopt_long(argc, argv, TSV_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1) {
		if (tsv_common_opt(&opt, ch, optarg))
			continue;
		switch (ch) {
		case 'h':
			usage(0);
		default:
			usage(1);
		}
	}
	argc -= optind;
	argv += optind;

	in = tsv_open(argc, argv, &opt);
	tsv_need_column(in, opt.id);
	tsv_need_column(in, opt.field);
	out = tsv_writer_stdout(&opt);
	tsv_write_header(out, tsv_header(in));
	while (tsv_next(in, &rec)) {
		for (i = 0; i < rec.nf; i++) {
			if (i > 0)
				tsv_write_tab(out);
			v = tsv_get(&rec, i, &scratch);
			tsv_write_escaped(out, v.p, v.len);
		}
		tsv_write_eol(out);
	}
	tsv_buf_free(&scratch);
	return tsv_close(in, out);
}
