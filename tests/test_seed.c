/* The article the project started from (../shared/samples). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

Test(seed, moscow_article)
{
	const char *shared = test_shared_dir();
	if (!shared)
		cr_skip_test("../shared is absent: the seed article cannot be read");
	char path[4200];
	snprintf(path, sizeof path, "%s/samples/000_13d9be2aa1a7efac.txt", shared);
	size_t len;
	char *bytes = test_slurp(path, &len);
	cr_assert_not_null(bytes, "cannot read %s", path);
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = test_read_n(ctx, bytes, len);
	cr_assert_not_null(f);
	cr_assert_eq(wm_feed_count(f), 1);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(wm_article_headline(a),
	                 "Putin and Xi Discuss Strategic Ties, Ukraine Peace, and "
	                 "Taiwan During Post-Inauguration Call");
	const wm_dateline *dl = wm_article_dateline(a);
	cr_assert_not_null(dl);
	cr_expect_str_eq(wm_dateline_place(dl), "MOSCOW");
	cr_expect_str_eq(wm_dateline_dash(dl), "\xE2\x80\x93");
	cr_expect_str_eq(wm_dateline_text(dl), "MOSCOW \xE2\x80\x93");
	cr_expect_null(wm_article_trailer(a));
	cr_assert_eq(wm_article_block_count(a), 6);
	for (size_t i = 0; i < 6; i++)
		cr_expect_eq(wm_block_type_of(wm_article_block(a, i)), WM_BLOCK_PARAGRAPH);
	const char *p1 = wm_block_text(wm_article_block(a, 0));
	cr_expect(strncmp(p1, "Russian President Vladimir Putin", 32) == 0,
	          "first paragraph starts \"%.40s\"", p1);
	/* curly quotes intact: "no limits" */
	const char *p2 = wm_block_text(wm_article_block(a, 1));
	cr_expect(strstr(p2, "\xE2\x80\x9Cno limits\xE2\x80\x9D") != NULL,
	          "curly quotes lost: %s", p2);
	cr_expect(strstr(p1, "Trump\xE2\x80\x99s") != NULL, "apostrophe lost: %s", p1);
	cr_expect_eq(d.count, 0, "unexpected message: %s", d.last);

	char *out;
	size_t n;
	cr_assert_eq(wm_write(ctx, f, WM_FORMAT_HTML, 0, &out, &n), WM_OK);
	cr_expect(strstr(out, "<span class=\"dateline\"><span class=\"place\">MOSCOW</span> "
	                      "\xE2\x80\x93</span> Russian") != NULL,
	          "HTML dateline not run in:\n%s", out);
	free(out);
	cr_assert_eq(wm_write(ctx, f, WM_FORMAT_MARKDOWN, 0, &out, &n), WM_OK);
	cr_expect(strstr(out, "\n**MOSCOW** \xE2\x80\x93 Russian") != NULL,
	          "Markdown dateline not run in:\n%s", out);
	cr_expect(strncmp(out, "# Putin and Xi", 14) == 0, "Markdown heading:\n%s", out);
	free(out);
	wm_feed_free(f);
	wm_context_free(ctx);
	free(bytes);
}
