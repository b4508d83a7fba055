/* The dateline rules of other scripts and styles (issue 23), as data:
 * tests/datelines/world.tsv holds one example of our own per rule, and
 * the look-alikes each rule refuses.  Every line is read as the first
 * paragraph of an article (reference date 2026-12-05) and its dateline,
 * the rule --explain names and the reporters it names (column byline: the
 * names a Korean, Japanese or Chinese dateline holds, which stay in its
 * text) are compared with the columns:
 *
 *   id  rule  text  place  region  date  iso_date  agency  dash  byline
 *
 * rule "none" means no dateline; place "NONE" too (a look-alike whose
 * rule column is the one that would take it).  An empty cell is a field
 * that must be absent. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "tree/tree.h"

enum { C_ID, C_RULE, C_TEXT, C_PLACE, C_REGION, C_DATE, C_ISO, C_AGENCY,
       C_DASH, C_BYLINE, NCOLS };

static test_diags diags;
static wm_context *ctx;

static void setup(void)
{
	ctx = test_context(&diags);
	cr_assert_eq(wm_context_set_date(ctx, "2026-12-05"), WM_OK);
}

static void teardown(void)
{
	wm_context_free(ctx);
}

TestSuite(datelines, .init = setup, .fini = teardown);

static void expect_field(const char *id, const char *what, const char *got,
                         const char *want)
{
	if (!want[0])
		cr_expect_null(got, "%s: %s: want none, got \"%s\"", id, what,
		               got ? got : "");
	else
		cr_expect(got && !strcmp(got, want), "%s: %s: want \"%s\", got \"%s\"",
		          id, what, want, got ? got : "(none)");
}

/* Whether --explain names rule for the paragraph in doc. */
static int explains(const char *doc, const char *rule)
{
	char *out = NULL;
	size_t len = 0;
	cr_assert_eq(wm_explain(ctx, doc, strlen(doc), "t.txt", 0, &out, &len), WM_OK);
	int found = out && strstr(out, rule) != NULL;
	free(out);
	return found;
}

static void check_row(char **c)
{
	char doc[1024];
	snprintf(doc, sizeof doc, "Headline\n\n%s\n", c[C_TEXT]);
	wm_feed *f = test_read(ctx, doc);
	const wm_article *a = wm_feed_article(f, 0);
	const wm_dateline *d = wm_article_dateline(a);
	int none = !strcmp(c[C_RULE], "none") || !strcmp(c[C_PLACE], "NONE");
	if (none) {
		cr_expect_null(d, "%s: taken for a dateline (%s)", c[C_ID],
		               d ? wm_dateline_text(d) : "");
		wm_feed_free(f);
		return;
	}
	cr_expect_not_null(d, "%s: no dateline in \"%s\"", c[C_ID], c[C_TEXT]);
	if (d) {
		expect_field(c[C_ID], "place", wm_dateline_place(d), c[C_PLACE]);
		expect_field(c[C_ID], "region", wm_dateline_region(d), c[C_REGION]);
		expect_field(c[C_ID], "date", wm_dateline_date(d), c[C_DATE]);
		expect_field(c[C_ID], "iso_date", wm_dateline_iso_date(d), c[C_ISO]);
		expect_field(c[C_ID], "agency", wm_dateline_agency(d), c[C_AGENCY]);
		expect_field(c[C_ID], "dash", wm_dateline_dash(d), c[C_DASH]);
		cr_expect(explains(doc, c[C_RULE]), "%s: --explain does not name \"%s\"",
		          c[C_ID], c[C_RULE]);
	}
	/* the reporters stay in the dateline's text; --explain names them */
	cr_expect_null(wm_article_byline(a), "%s: a byline", c[C_ID]);
	if (c[C_BYLINE][0]) {
		char want[256];
		snprintf(want, sizeof want, "the reporters \"%s\"", c[C_BYLINE]);
		cr_expect(explains(doc, want), "%s: --explain does not name %s",
		          c[C_ID], want);
	}
	cr_expect_null(wm_article_check(a), "%s: the tree breaks a rule", c[C_ID]);
	wm_feed_free(f);
}

Test(datelines, world_tsv)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/datelines/world.tsv", test_source_root());
	size_t len;
	char *all = test_slurp(path, &len);
	cr_assert_not_null(all, "cannot read %s", path);
	unsigned rows = 0;
	char *save = NULL;
	char *line = strtok_r(all, "\n", &save); /* the header */
	while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
		char *c[NCOLS];
		size_t n = 0;
		for (char *p = line; n < NCOLS; n++) {
			c[n] = p;
			char *tab = strchr(p, '\t');
			if (!tab) {
				n++;
				break;
			}
			*tab = '\0';
			p = tab + 1;
		}
		cr_assert_eq(n, NCOLS, "%s: %zu columns", c[0], n);
		check_row(c);
		rows++;
	}
	cr_expect_geq(rows, 40, "only %u rows read", rows);
	free(all);
}
