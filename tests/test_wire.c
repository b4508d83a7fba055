/* The wire reader, through the public API: dateline shapes, paragraph
 * layouts, bylines, decks, trailers, encodings, edge cases. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

static test_diags diags;
static wm_context *ctx;

static void setup(void)
{
	ctx = test_context(&diags);
}

static void teardown(void)
{
	wm_context_free(ctx);
}

TestSuite(wire, .init = setup, .fini = teardown);

static void expect_str(const char *got, const char *want, const char *what)
{
	if (!want) {
		cr_expect_null(got, "%s: want none, got \"%s\"", what, got ? got : "");
		return;
	}
	cr_expect_not_null(got, "%s: want \"%s\", got none", what, want);
	if (got)
		cr_expect_str_eq(got, want, "%s: want \"%s\", got \"%s\"", what, want, got);
}

typedef struct want_dateline {
	const char *text, *place, *region, *date, *agency, *dash, *first_words;
} want_dateline;

/* Reads "HEADLINE\n\n" + para and checks the dateline found in it. */
static void check_dateline(const char *para, want_dateline w)
{
	char buf[1024];
	snprintf(buf, sizeof buf, "A HEADLINE\n\n%s\n", para);
	wm_feed *f = test_read(ctx, buf);
	cr_assert_not_null(f, "no feed for %s", para);
	const wm_article *a = wm_feed_article(f, 0);
	const wm_dateline *d = wm_article_dateline(a);
	cr_assert_not_null(d, "no dateline found in \"%s\"", para);
	expect_str(wm_dateline_text(d), w.text, "text");
	expect_str(wm_dateline_place(d), w.place, "place");
	expect_str(wm_dateline_region(d), w.region, "region");
	expect_str(wm_dateline_date(d), w.date, "date");
	expect_str(wm_dateline_agency(d), w.agency, "agency");
	expect_str(wm_dateline_dash(d), w.dash, "dash");
	cr_assert_geq(wm_article_block_count(a), 1);
	const char *t = wm_block_text(wm_article_block(a, 0));
	cr_expect(strncmp(t, w.first_words, strlen(w.first_words)) == 0,
	          "first paragraph starts \"%s\", want \"%s\"", t, w.first_words);
	wm_feed_free(f);
}

static void check_no_dateline(const char *para)
{
	char buf[1024];
	snprintf(buf, sizeof buf, "A HEADLINE\n\n%s\n", para);
	wm_feed *f = test_read(ctx, buf);
	cr_assert_not_null(f);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_null(wm_article_dateline(a), "\"%s\" taken for a dateline (%s)",
	               para, wm_article_dateline(a) ?
	               wm_dateline_text(wm_article_dateline(a)) : "");
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)), para);
	wm_feed_free(f);
}

Test(wire, dateline_place_en_dash)
{
	check_dateline("MOSCOW \xE2\x80\x93 Russian President spoke.",
	               (want_dateline){"MOSCOW \xE2\x80\x93", "MOSCOW", NULL, NULL,
	                               NULL, "\xE2\x80\x93", "Russian President"});
}

Test(wire, dateline_ap_em_dash)
{
	check_dateline("WASHINGTON (AP) \xE2\x80\x94 The Senate voted.",
	               (want_dateline){"WASHINGTON (AP) \xE2\x80\x94", "WASHINGTON",
	                               NULL, NULL, "AP", "\xE2\x80\x94", "The Senate"});
}

Test(wire, dateline_place_date)
{
	check_dateline("SALVADOR, Feb 26 - Showers continued.",
	               (want_dateline){"SALVADOR, Feb 26 -", "SALVADOR", NULL,
	                               "Feb 26", NULL, "-", "Showers continued"});
}

Test(wire, dateline_region_date)
{
	check_dateline("PORTLAND, Ore., Feb 26 - Rain fell.",
	               (want_dateline){"PORTLAND, Ore., Feb 26 -", "PORTLAND", "Ore.",
	                               "Feb 26", NULL, "-", "Rain fell"});
}

Test(wire, dateline_two_word_place_country)
{
	check_dateline("SURFERS PARADISE, Australia, March 23 - The race began.",
	               (want_dateline){"SURFERS PARADISE, Australia, March 23 -",
	                               "SURFERS PARADISE", "Australia", "March 23",
	                               NULL, "-", "The race began"});
}

Test(wire, dateline_region_no_comma_before_date)
{
	check_dateline("LAKE SUCCESS, N.Y. March 3 - Shares rose.",
	               (want_dateline){"LAKE SUCCESS, N.Y. March 3 -", "LAKE SUCCESS",
	                               "N.Y.", "March 3", NULL, "-", "Shares rose"});
}

Test(wire, dateline_month_with_dot)
{
	check_dateline("DETROIT, Jan. 21 - Sales fell.",
	               (want_dateline){"DETROIT, Jan. 21 -", "DETROIT", NULL,
	                               "Jan. 21", NULL, "-", "Sales fell"});
}

Test(wire, dateline_reuters_credit_double_space)
{
	check_dateline("NEW YORK  (Reuters) - Stocks rose.",
	               (want_dateline){"NEW YORK  (Reuters) -", "NEW YORK", NULL, NULL,
	                               "Reuters", "-", "Stocks rose"});
}

Test(wire, dateline_credit_only)
{
	check_dateline("(Reuters) - Oil prices rose.",
	               (want_dateline){"(Reuters) -", NULL, NULL, NULL, "Reuters", "-",
	                               "Oil prices rose"});
}

Test(wire, dateline_two_places)
{
	check_dateline("LONDON/PARIS (Reuters) - Talks began.",
	               (want_dateline){"LONDON/PARIS (Reuters) -", "LONDON/PARIS", NULL,
	                               NULL, "Reuters", "-", "Talks began"});
}

Test(wire, dateline_date_then_credit_double_hyphen)
{
	check_dateline("BEIJING, March 31 (Xinhua) -- China said.",
	               (want_dateline){"BEIJING, March 31 (Xinhua) --", "BEIJING", NULL,
	                               "March 31", "Xinhua", "--", "China said"});
}

Test(wire, dateline_comma_reuter)
{
	check_dateline("BUDAPEST, April 7, Reuter - Hungary said.",
	               (want_dateline){"BUDAPEST, April 7, Reuter -", "BUDAPEST", NULL,
	                               "April 7", "Reuter", "-", "Hungary said"});
}

Test(wire, dateline_day_month)
{
	check_dateline("AMSTERDAM, 2 March - Dutch banks said.",
	               (want_dateline){"AMSTERDAM, 2 March -", "AMSTERDAM", NULL,
	                               "2 March", NULL, "-", "Dutch banks"});
}

Test(wire, dateline_ascii_ap_underscore)
{
	check_dateline("WASHINGTON (AP) _ The Senate voted.",
	               (want_dateline){"WASHINGTON (AP) _", "WASHINGTON", NULL, NULL,
	                               "AP", "_", "The Senate"});
}

Test(wire, dateline_mixed_case_place_with_date)
{
	check_dateline("Detroit, March 26 - Ford said.",
	               (want_dateline){"Detroit, March 26 -", "Detroit", NULL,
	                               "March 26", NULL, "-", "Ford said"});
}

Test(wire, dateline_accented_capitals)
{
	check_dateline("PARETS DEL VALL\xC3\x88S, Spain - The plant opened.",
	               (want_dateline){"PARETS DEL VALL\xC3\x88S, Spain -",
	                               "PARETS DEL VALL\xC3\x88S", "Spain", NULL, NULL,
	                               "-", "The plant"});
}

Test(wire, not_a_dateline)
{
	check_no_dateline("NATO said - after a long meeting - that it agreed.");
	check_no_dateline("The U.S. said it would act.");
	check_no_dateline("Stocks rose - and then fell.");
	check_no_dateline("Shares in IBM - the computer maker - rose.");
}

Test(wire, iso_date_with_reference_date)
{
	cr_assert_eq(wm_context_set_date(ctx, "1987-03-01"), WM_OK);
	wm_feed *f = test_read(ctx, "H\n\nSALVADOR, Feb 26 - Text.\n\nLIMA, Dec 30 - x.\n");
	const wm_dateline *d = wm_article_dateline(wm_feed_article(f, 0));
	cr_assert_not_null(d);
	cr_expect_str_eq(wm_dateline_iso_date(d), "1987-02-26");
	wm_feed_free(f);
	f = test_read(ctx, "H\n\nLIMA, Dec 30 - Text.\n");
	d = wm_article_dateline(wm_feed_article(f, 0));
	cr_expect_str_eq(wm_dateline_iso_date(d), "1986-12-30");
	wm_feed_free(f);
	cr_expect_eq(wm_context_set_date(ctx, "1987-02-30"), WM_ERR_USAGE);
	cr_expect_eq(wm_context_set_date(ctx, "87-02-01"), WM_ERR_USAGE);
}

Test(wire, no_iso_date_without_reference)
{
	wm_feed *f = test_read(ctx, "H\n\nSALVADOR, Feb 26 - Text.\n");
	cr_expect_null(wm_dateline_iso_date(wm_article_dateline(wm_feed_article(f, 0))));
	wm_feed_free(f);
}

Test(wire, dateline_alone_on_its_line)
{
	wm_feed *f = test_read(ctx, "COMPANY SEES PROFIT\n\nDALLAS, March 3 -\n"
	                            "    Shr loss six cts vs profit 19 cts\n"
	                            "    Net loss 166,000 vs profit 580,000\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_not_null(wm_article_dateline(a));
	cr_expect_str_eq(wm_dateline_place(wm_article_dateline(a)), "DALLAS");
	cr_assert_eq(wm_article_block_count(a), 2);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)),
	                 "Shr loss six cts vs profit 19 cts");
	wm_feed_free(f);
}

Test(wire, paragraphs_by_blank_lines)
{
	wm_feed *f = test_read(ctx, "Head\n\nOne line\nwrapped here.\n\n\nTwo.\n\nThree.\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_eq(wm_article_block_count(a), 3);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)), "One line wrapped here.");
	cr_expect_eq(wm_block_line(wm_article_block(a, 0)), 3);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 2)), "Three.");
	cr_expect_eq(wm_block_line(wm_article_block(a, 2)), 9);
	wm_feed_free(f);
}

Test(wire, paragraphs_by_indentation)
{
	wm_feed *f = test_read(ctx,
	                       "HEAD\n\nLONDON, March 26 - First para\ncontinues here.\n"
	                       "    Second para\ncontinues.\n    Third.\n Reuter\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_eq(wm_article_block_count(a), 3);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)), "First para continues here.");
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 1)), "Second para continues.");
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 2)), "Third.");
	cr_expect_str_eq(wm_article_trailer(a), "Reuter");
	wm_feed_free(f);
}

Test(wire, table_is_preformatted)
{
	wm_feed *f = test_read(ctx, "HEAD\n\nNEW YORK, March 3 - Results:\n\n"
	                            "              1987      1986\n"
	                            "    Shr      1.10      0.90\n"
	                            "    Net     4,100     3,300\n\nThe end.\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_eq(wm_article_block_count(a), 3);
	const wm_block *b = wm_article_block(a, 1);
	cr_expect_eq(wm_block_type_of(b), WM_BLOCK_PREFORMATTED);
	cr_expect_str_eq(wm_block_text(b), "          1987      1986\n"
	                                   "Shr      1.10      0.90\n"
	                                   "Net     4,100     3,300");
	wm_feed_free(f);
}

Test(wire, trailers)
{
	static const char *const trailers[] = {"Reuter", "REUTER", "-30-", "###",
	                                       "(END)", "(Reporting by Ann Lee; Editing by Bo Chan)",
	                                       "REUTER..."};
	for (size_t i = 0; i < sizeof trailers / sizeof *trailers; i++) {
		char buf[256];
		snprintf(buf, sizeof buf, "Head\n\nSome text.\n\n%s\n\n", trailers[i]);
		wm_feed *f = test_read(ctx, buf);
		const wm_article *a = wm_feed_article(f, 0);
		expect_str(wm_article_trailer(a), trailers[i], "trailer");
		cr_expect_eq(wm_article_block_count(a), 1);
		wm_feed_free(f);
	}
}

Test(wire, no_invented_trailer)
{
	wm_feed *f = test_read(ctx, "Head\n\nSome text.\n\nThe last paragraph ends.\n");
	cr_expect_null(wm_article_trailer(wm_feed_article(f, 0)));
	wm_feed_free(f);
}

Test(wire, byline_and_deck)
{
	wm_feed *f = test_read(ctx, "Big Storm Hits Coast\n\nThousands without power\n\n"
	                            "By  Matt Daily\n\nMIAMI (AP) \xE2\x80\x94 Winds rose.\n");
	const wm_article *a = wm_feed_article(f, 0);
	expect_str(wm_article_headline(a), "Big Storm Hits Coast", "headline");
	expect_str(wm_article_deck(a), "Thousands without power", "deck");
	expect_str(wm_article_byline(a), "By  Matt Daily", "byline");
	cr_expect_str_eq(wm_dateline_place(wm_article_dateline(a)), "MIAMI");
	wm_feed_free(f);
}

Test(wire, headline_over_two_lines)
{
	wm_feed *f = test_read(ctx, "N.Z. TRADING BANK DEPOSIT\nGROWTH RISES SLIGHTLY\n\n"
	                            "WELLINGTON, March 3 - Deposits rose.\n");
	expect_str(wm_article_headline(wm_feed_article(f, 0)),
	           "N.Z. TRADING BANK DEPOSIT GROWTH RISES SLIGHTLY", "headline");
	wm_feed_free(f);
}

Test(wire, only_a_headline)
{
	wm_feed *f = test_read(ctx, "Just a headline\n");
	const wm_article *a = wm_feed_article(f, 0);
	expect_str(wm_article_headline(a), "Just a headline", "headline");
	cr_expect_eq(wm_article_block_count(a), 0);
	cr_expect_null(wm_article_trailer(a));
	wm_feed_free(f);
}

Test(wire, empty_input_is_an_error)
{
	cr_expect_null(wm_read(ctx, WM_FORMAT_WIRE, "", 0, "e.txt", 0));
	cr_expect_eq(diags.errors, 1);
	cr_expect_null(wm_read(ctx, WM_FORMAT_WIRE, " \n\t\n\n", 5, "e.txt", 0));
	cr_expect_eq(diags.errors, 2);
}

Test(wire, bom_and_crlf)
{
	wm_feed *f = test_read(ctx, "\xEF\xBB\xBFHead\r\n\r\nMOSCOW - One\r\ntwo.\r\n\r\nThree.\r\n");
	const wm_article *a = wm_feed_article(f, 0);
	expect_str(wm_article_headline(a), "Head", "headline");
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)), "One two.");
	cr_expect_eq(wm_block_line(wm_article_block(a, 1)), 6);
	cr_expect_eq(diags.count, 0);
	wm_feed_free(f);
}

Test(wire, lone_cr)
{
	wm_feed *f = test_read(ctx, "Head\r\rOne.\r\rTwo.\r");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_eq(wm_article_block_count(a), 2);
	wm_feed_free(f);
}

Test(wire, windows_1252_with_warning)
{
	/* 0x93 0x94 are curly quotes, 0xE9 is e-acute in Windows-1252 */
	wm_feed *f = test_read(ctx, "Head\n\nThe caf\xE9 said \x93yes\x94.\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)),
	                 "The caf\xC3\xA9 said \xE2\x80\x9Cyes\xE2\x80\x9D.");
	cr_expect_eq(diags.count, 1);
	cr_expect_eq(diags.last_code, WM_DIAG_INVALID_UTF8);
	cr_expect_eq(diags.last_line, 3);
	cr_expect_eq(diags.last_col, 8);
	wm_feed_free(f);
}

Test(wire, strict_utf8_refuses)
{
	wm_feed *f = wm_read(ctx, WM_FORMAT_WIRE, "H\n\n\xff\n", 5, "x", WM_READ_STRICT_UTF8);
	cr_expect_null(f);
	cr_expect_eq(diags.errors, 1);
}

Test(wire, nul_bytes_dropped_with_warning)
{
	static const char in[] = "Head\n\nA\0B.\n";
	wm_feed *f = test_read_n(ctx, in, sizeof in - 1);
	cr_expect_str_eq(wm_block_text(wm_article_block(wm_feed_article(f, 0), 0)), "AB.");
	cr_expect_eq(diags.last_code, WM_DIAG_NUL_BYTE);
	wm_feed_free(f);
}

Test(wire, utf16_refused)
{
	wm_feed *f = wm_read(ctx, WM_FORMAT_WIRE, "\xff\xfeH\0", 4, "x", 0);
	cr_expect_null(f);
	cr_expect_eq(diags.errors, 1);
}

Test(wire, feed_split_by_form_feed_and_etx)
{
	wm_feed *f = test_read(ctx, "First\n\nText one.\n\fSecond\n\nText two.\n\x03\x04"
	                            "\x01header\x02Third\n\nText three.\n\x03");
	cr_assert_eq(wm_feed_count(f), 3);
	expect_str(wm_article_headline(wm_feed_article(f, 1)), "Second", "headline 2");
	expect_str(wm_article_headline(wm_feed_article(f, 2)), "Third", "headline 3");
	wm_feed_free(f);
}

Test(wire, source_and_lines_kept)
{
	wm_feed *f = test_read(ctx, "\n\nHead\n\nMOSCOW - Text.\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_eq(wm_article_line(a), 3);
	cr_expect_eq(wm_dateline_line(wm_article_dateline(a)), 5);
	cr_expect_str_eq(wm_article_source(a), "test.txt");
	wm_feed_free(f);
}
