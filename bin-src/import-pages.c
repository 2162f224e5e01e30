/*
 * import-pages: turn scraped pages, one page per file, into news TSV.
 *
 * A file operand becomes one record whose id is the operand as given; a
 * directory operand is walked in name order and each regular file below
 * it becomes a record whose id is its path relative to that directory.
 * The text is the file's contents, byte for byte.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fts.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsv.h"

static void	usage(int) __attribute__((noreturn));
static int	compare_names(const FTSENT **, const FTSENT **);
static int	import_file(const char *, const char *);
static int	import_tree(const char *);
static void	skip_page(const char *);
static int	wanted(const char *);

static const struct option longopts[] = {
	TSV_COMMON_LONGOPTS,
	{ "suffix",		required_argument,	NULL,	's' },
	{ NULL,			0,			NULL,	0 }
};

static struct tsv_writer *out, *rejects;
static struct tsv_buf page;
static const char *suffix;
static unsigned long long npages, nskipped;

static void
usage(int status)
{
	fprintf(status == 0 ? stdout : stderr, "usage: %s [-hlV] [-f field] "
	    "[--id name] [--rejects file] [-s suffix] [--stats] [path ...]\n", getprogname());
	exit(status == 0 ? TSV_EXIT_OK : TSV_EXIT_FATAL);
}

/* Only files whose name ends in the -s suffix, when one was given. */
static int
wanted(const char *name)
{
	size_t n, k;

	if (suffix == NULL)
		return 1;
	n = strlen(name);
	k = strlen(suffix);
	return n >= k && strcmp(name + n - k, suffix) == 0;
}

/* Count a page that was set aside and name it in the rejects file. */
static void
skip_page(const char *path)
{
	nskipped++;
	if (rejects != NULL) {
		tsv_write_raw(rejects, path, strlen(path));
		tsv_write_eol(rejects);
	}
}

/*
 * Write one record for the page in path ("-" is standard input) under the
 * given id.  A page that cannot be read, or that holds a NUL byte (which
 * news TSV cannot carry), is reported and skipped.  Returns the exit
 * status it deserves.
 */
static int
import_file(const char *path, const char *id)
{
	if (strcmp(path, "-") == 0) {
		if (tsv_load_file("/dev/stdin", &page) == -1) {
			warn("stdin");
			return TSV_EXIT_FATAL;
		}
	} else if (tsv_load_file(path, &page) == -1) {
		warn("%s", path);
		skip_page(path);
		return TSV_EXIT_FATAL;
	}
	npages++;
	if (memchr(page.buf, '\0', page.len) != NULL) {
		warnx("%s: NUL byte in page; skipped", path);
		skip_page(path);
		return TSV_EXIT_DATA;
	}
	tsv_write_escaped(out, id, strlen(id));
	tsv_write_tab(out);
	tsv_write_escaped(out, page.buf, page.len);
	tsv_write_eol(out);
	return TSV_EXIT_OK;
}

static int
compare_names(const FTSENT **a, const FTSENT **b)
{
	return strcmp((*a)->fts_name, (*b)->fts_name);
}

/*
 * Import every regular file below dir in name order.  Names starting with
 * a dot (.git, editor files) are not pages and are passed over, as are
 * symbolic links below the top.  Returns the exit status it deserves.
 */
static int
import_tree(const char *dir)
{
	char *paths[2] = { NULL, NULL };
	FTS *fts;
	FTSENT *e;
	size_t skip;
	int rval = TSV_EXIT_OK, r;

	paths[0] = estrdup(dir);
	if ((fts = fts_open(paths, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR,
	    compare_names)) == NULL)
		err(TSV_EXIT_FATAL, "%s", dir);
	skip = strlen(dir);
	while (skip > 1 && dir[skip - 1] == '/')
		skip--;
	while (errno = 0, (e = fts_read(fts)) != NULL) {
		if (e->fts_level > 0 && e->fts_name[0] == '.') {
			if (e->fts_info == FTS_D)
				fts_set(fts, e, FTS_SKIP);
			continue;
		}
		switch (e->fts_info) {
		case FTS_F:
			if (!wanted(e->fts_name))
				break;
			r = import_file(e->fts_path, e->fts_path + skip +
			    (e->fts_path[skip] == '/'));
			if (r > rval)
				rval = r;
			break;
		case FTS_DNR:
		case FTS_ERR:
		case FTS_NS:
			warnx("%s: %s", e->fts_path, strerror(e->fts_errno));
			skip_page(e->fts_path);
			rval = TSV_EXIT_FATAL;
			break;
		default:
			break;
		}
	}
	if (errno != 0) {
		warn("%s", dir);
		rval = TSV_EXIT_FATAL;
	}
	fts_close(fts);
	free(paths[0]);
	return rval;
}

int
main(int argc, char *argv[])
{
	struct tsv_common opt;
	struct tsv_header *hdr;
	struct stat sb;
	const char *names[2];
	char *dash[] = { "-" };
	int ch, i, r, rval = TSV_EXIT_OK;

	setlocale(LC_ALL, "");
	tsv_common_init(&opt);
	while ((ch = getopt_long(argc, argv, TSV_COMMON_SHORTOPTS "s:",
	    longopts, NULL)) != -1) {
		if (tsv_common_opt(&opt, ch, optarg))
			continue;
		switch (ch) {
		case 'h':
			usage(0);
		case 's':
			suffix = optarg;
			break;
		default:
			usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		argc = 1;
		argv = dash;
	}
	if (strcmp(opt.id, opt.field) == 0)
		errx(TSV_EXIT_FATAL, "the id and text columns need two names");

	if (opt.rejects != NULL)
		rejects = tsv_writer_file(opt.rejects, 1);
	out = tsv_writer_stdout(&opt);
	names[0] = opt.id;
	names[1] = opt.field;
	hdr = tsv_header_new(names, 2);
	tsv_write_header(out, hdr);
	tsv_header_free(hdr);
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") != 0 && stat(argv[i], &sb) == 0 &&
		    S_ISDIR(sb.st_mode))
			r = import_tree(argv[i]);
		else
			r = import_file(argv[i], argv[i]);
		if (r > rval)
			rval = r;
	}
	if (opt.stats)
		warnx("%llu pages read, %llu records out, %llu skipped",
		    npages, tsv_writer_records(out), nskipped);
	tsv_writer_close(out);
	tsv_writer_close(rejects);
	tsv_buf_free(&page);
	return rval;
}
