/*
 * tsv.h: the news-TSV record library shared by every program.
 *
 * A stream is a header line naming the columns, then one record per line.
 * Fields are separated by TAB; inside a field only the escapes \\ \t \n \r
 * occur.  The reader splits a line into raw (still escaped) fields that
 * point into its line buffer; a program unescapes only the fields it reads
 * and passes the others through byte for byte.
 */
#ifndef TSV_H
#define TSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses, the same in every program (see news-tsv(5)). */
#define TSV_EXIT_OK	0	/* all records read */
#define TSV_EXIT_DATA	1	/* some records were malformed and rejected */
#define TSV_EXIT_FATAL	2	/* usage, missing column, I/O error */

/*
 * Every span the reader hands out (tsv_get, tsv_unescape, rec->f) is
 * followed by at least TSV_PAD readable, initialised bytes, because
 * PCRE2's JIT may read that far past the end of a subject.
 */
#define TSV_PAD		16

/* A span of bytes owned by someone else. */
struct tsv_span {
	const char	*p;
	size_t		 len;
};

/* A growable byte buffer; the holder owns buf and frees it with tsv_buf_free. */
struct tsv_buf {
	char	*buf;
	size_t	 len;
	size_t	 cap;
};

/* Options every program accepts, filled by tsv_common_opt. */
struct tsv_common {
	const char	*field;		/* -f/--field: text column, "text" */
	const char	*id;		/* --id: id column, "id" */
	const char	*rejects;	/* --rejects FILE or NULL */
	int		 stats;		/* --stats */
	int		 linebuf;	/* -l/--line-buffered */
};

/*
 * Long options shared by every program; a program lists them in its own
 * struct option table with TSV_COMMON_LONGOPTS and passes the returned
 * codes to tsv_common_opt.
 */
enum {
	TSV_OPT_ID = 0x100,
	TSV_OPT_REJECTS,
	TSV_OPT_STATS,
	TSV_OPT_FIRST_PRIVATE	/* programs number their own long options from here */
};
#define TSV_COMMON_LONGOPTS \
	{ "field",		required_argument,	NULL,	'f' }, \
	{ "help",		no_argument,		NULL,	'h' }, \
	{ "id",			required_argument,	NULL,	TSV_OPT_ID }, \
	{ "line-buffered",	no_argument,		NULL,	'l' }, \
	{ "rejects",		required_argument,	NULL,	TSV_OPT_REJECTS }, \
	{ "stats",		no_argument,		NULL,	TSV_OPT_STATS }, \
	{ "version",		no_argument,		NULL,	'V' }
#define TSV_COMMON_SHORTOPTS	"f:hlV"

/*
 * A header: column names, unescaped.  Whoever made it (tsv_open,
 * tsv_header_new, tsv_header_extend) owns it.  An input without any header
 * line gives a header of no columns; writing such a header writes nothing.
 */
struct tsv_header {
	char	**name;
	size_t	  ncols;
};

/* One record as read: raw fields pointing into the reader's line buffer. */
struct tsv_rec {
	const char	*line;		/* the raw line, without LF (or CR LF) */
	size_t		 len;
	size_t		 lineno;	/* 1-based line number in its file */
	const char	*file;		/* name of the file for messages */
	struct tsv_span	*f;		/* ncols raw fields */
	size_t		 nf;
};

struct tsv_reader;
struct tsv_writer;

/* Output record under construction: one slot per output column. */
struct tsv_row {
	struct tsv_span	*v;
	unsigned char	*raw;		/* 1: v[i] is already escaped */
	size_t		 n;
};

/* Allocation wrappers that exit on failure. */
void	*emalloc(size_t);
void	*ecalloc(size_t, size_t);
void	*erealloc(void *, size_t);
void	*ereallocarray(void *, size_t, size_t);
char	*estrdup(const char *);

/* Buffers. */
void	 tsv_buf_reserve(struct tsv_buf *, size_t);
void	 tsv_buf_add(struct tsv_buf *, const char *, size_t);
void	 tsv_buf_addc(struct tsv_buf *, char);
void	 tsv_buf_free(struct tsv_buf *);

/* Escaping. */
struct tsv_span	 tsv_unescape(struct tsv_span, struct tsv_buf *);
int	 tsv_check_escapes(const char *, size_t, size_t *);

/* Command line. */
void	 tsv_common_init(struct tsv_common *);
int	 tsv_common_opt(struct tsv_common *, int, const char *);
void	 tsv_version(void);
long long tsv_number(const char *, const char *, long long, long long);

/* Headers. */
struct tsv_header *tsv_header_new(const char *const *, size_t);
struct tsv_header *tsv_header_extend(const struct tsv_header *,
	    const char *const *, size_t, size_t *);
long	 tsv_column(const struct tsv_header *, const char *);
void	 tsv_header_free(struct tsv_header *);

/* Reading. */
struct tsv_reader *tsv_open(int, char **, const struct tsv_common *);
const struct tsv_header *tsv_header(const struct tsv_reader *);
size_t	 tsv_need_column(const struct tsv_reader *, const char *);
size_t	 tsv_key_columns(const struct tsv_reader *, const char *, char *,
	    size_t *, const char **, size_t);
int	 tsv_next(struct tsv_reader *, struct tsv_rec *);
struct tsv_span tsv_get(const struct tsv_rec *, size_t, struct tsv_buf *);
void	 tsv_reject(struct tsv_reader *, const struct tsv_rec *,
	    const char *, ...) __attribute__((format(printf, 3, 4)));
int	 tsv_close(struct tsv_reader *, struct tsv_writer *);

/* Writing. */
struct tsv_writer *tsv_writer_fd(int, const char *, int);
struct tsv_writer *tsv_writer_file(const char *, int);
struct tsv_writer *tsv_writer_stdout(const struct tsv_common *);
void	 tsv_write_header(struct tsv_writer *, const struct tsv_header *);
void	 tsv_write_raw(struct tsv_writer *, const char *, size_t);
void	 tsv_write_escaped(struct tsv_writer *, const char *, size_t);
void	 tsv_write_tab(struct tsv_writer *);
void	 tsv_write_eol(struct tsv_writer *);
void	 tsv_write_row(struct tsv_writer *, const struct tsv_row *);
void	 tsv_write_flush(struct tsv_writer *);
void	 tsv_writer_close(struct tsv_writer *);
unsigned long long tsv_writer_records(const struct tsv_writer *);

/* Rows. */
void	 tsv_row_init(struct tsv_row *, size_t);
void	 tsv_row_from_rec(struct tsv_row *, const struct tsv_rec *);
void	 tsv_row_set(struct tsv_row *, size_t, const char *, size_t);
void	 tsv_row_set_raw(struct tsv_row *, size_t, const char *, size_t);
void	 tsv_row_free(struct tsv_row *);

/* Text helpers. */
int	 tsv_utf8_valid(const char *, size_t);
uint64_t tsv_hash(const char *, size_t);
int	 tsv_load_file(const char *, struct tsv_buf *);

#endif /* TSV_H */
