/*
 * patterns.c: the pattern set for recurring boilerplate families.
 *
 * Pattern files hold lines "FAMILY<TAB>PATTERN".  All patterns are joined
 * into one alternation, each alternative tagged with (*MARK:FAMILY), and
 * compiled once: a line is then matched in one call, and the mark names
 * the family that matched.  Two compilations are kept, one with PCRE2_UTF
 * for valid text and one without for lines that are not valid UTF-8, so
 * that such lines are matched as bytes rather than skipped or rejected.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <err.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"

static struct tsv_buf	 src;		/* the joined pattern */
static pcre2_code	*re_utf, *re_bytes;
static pcre2_match_data	*md;
static pcre2_match_context *mctx;
static pcre2_jit_stack	*jstack;
static int		 npat;

/*
 * Append the patterns of one file (text of len bytes, named file in
 * messages) to the set.  Families "byline" and "source" are skipped when
 * bylines are kept.  A line without a TAB is an error.
 */
void
pat_add(const char *text, size_t len, const char *file, int keep_byline)
{
	const char *p = text, *e = text + len, *nl, *tab, *end;
	size_t lineno = 0;

	for (; p < e; p = nl + 1) {
		lineno++;
		if ((nl = memchr(p, '\n', e - p)) == NULL)
			nl = e;
		end = nl;
		if (end > p && end[-1] == '\r')
			end--;
		if (end == p || *p == '#')
			continue;
		if ((tab = memchr(p, '\t', end - p)) == NULL || tab == p ||
		    tab + 1 == end)
			errx(TSV_EXIT_FATAL,
			    "%s:%zu: expected FAMILY<TAB>PATTERN", file, lineno);
		if (keep_byline && ((tab - p == 6 && memcmp(p, "byline", 6) ==
		    0) || (tab - p == 6 && memcmp(p, "source", 6) == 0)))
			continue;
		if (memchr(p, ')', tab - p) != NULL)
			errx(TSV_EXIT_FATAL, "%s:%zu: family name holds ')'",
			    file, lineno);
		if (npat > 0)
			tsv_buf_addc(&src, '|');
		tsv_buf_add(&src, "(?:", 3);
		tsv_buf_add(&src, tab + 1, end - tab - 1);
		tsv_buf_add(&src, ")(*MARK:", 8);
		tsv_buf_add(&src, p, tab - p);
		tsv_buf_add(&src, ")", 1);
		npat++;
	}
}

static pcre2_code *
compile(uint32_t flags, int fatal)
{
	pcre2_code *re;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int errcode;

	re = pcre2_compile((PCRE2_SPTR)src.buf, src.len,
	    PCRE2_CASELESS | flags, &errcode, &off, NULL);
	if (re == NULL) {
		if (!fatal)
			return NULL;
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		errx(TSV_EXIT_FATAL,
		    "pattern set at offset %zu (near \"%.40s\"): %s", (size_t)off,
		    src.buf + (off < src.len ? off : src.len), msg);
	}
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

/* Compile the set gathered by pat_add; an empty set matches nothing. */
void
pat_compile(void)
{
	if (npat == 0)
		return;
	re_utf = compile(PCRE2_UTF, 1);
	re_bytes = compile(0, 0);
	md = pcre2_match_data_create(1, NULL);
	mctx = pcre2_match_context_create(NULL);
	jstack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (md == NULL || mctx == NULL || jstack == NULL)
		err(TSV_EXIT_FATAL, NULL);
	pcre2_jit_stack_assign(mctx, NULL, jstack);
	/* Bound the work on one line; a line over the limit is unmatched. */
	pcre2_set_match_limit(mctx, 200000);
}

void
pat_free(void)
{
	pcre2_code_free(re_utf);
	pcre2_code_free(re_bytes);
	pcre2_match_data_free(md);
	pcre2_match_context_free(mctx);
	pcre2_jit_stack_free(jstack);
	tsv_buf_free(&src);
}

/*
 * Return the family of the first pattern that matches the line p[0..n),
 * or NULL.  how says whether the line is ASCII, valid UTF-8 or neither;
 * an ASCII line is matched with the set compiled without PCRE2_UTF, which
 * gives the same result for it, faster.  The string returned
 * lives in the compiled pattern until pat_free.  A match error (such as a
 * line that exhausts the match limits) counts as no match, with a warning
 * once.
 */
const char *
pat_match(const char *p, size_t n, int how)
{
	static int warned;
	pcre2_code *re = how == PAT_UTF ? re_utf : re_bytes;
	int rc;

	if (re == NULL)
		return NULL;
	rc = pcre2_match(re, (PCRE2_SPTR)p, n, 0,
	    how == PAT_UTF ? PCRE2_NO_UTF_CHECK : 0, md, mctx);
	if (rc >= 0)
		return (const char *)pcre2_get_mark(md);
	if (rc != PCRE2_ERROR_NOMATCH && !warned) {
		warned = 1;
		warnx("pattern match error %d; line kept to the other signals",
		    rc);
	}
	return NULL;
}
