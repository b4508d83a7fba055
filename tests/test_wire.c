/* The wire reader, through the public API: dateline shapes and dates,
 * bylines, trailers, tables, headlines, feeds, paragraph layouts,
 * encodings and control characters, and wm_explain.  Every example is
 * written for these tests. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "read/gazetteer.h"
#include "util/buf.h"

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

/* A lead long enough to follow a dateline of a lone place. */
#define LEAD "The central bank said on Tuesday it would keep rates on hold."

typedef struct want_dateline {
	const char *text, *place, *region, *date, *agency, *dash, *first_words;
} want_dateline;

/* Reads "A HEADLINE\n\n" + para and checks the dateline found in it. */
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

/* The dateline of "H\n\n" + para read with reference date ref. */
static char *iso_of(const char *ref, const char *para)
{
	char buf[512];
	snprintf(buf, sizeof buf, "H\n\n%s\n", para);
	cr_assert_eq(wm_context_set_date(ctx, ref), WM_OK);
	wm_feed *f = test_read(ctx, buf);
	const wm_dateline *d = wm_article_dateline(wm_feed_article(f, 0));
	cr_assert_not_null(d, "no dateline in %s", para);
	const char *iso = wm_dateline_iso_date(d);
	char *r = iso ? strdup(iso) : NULL;
	wm_feed_free(f);
	return r;
}

/* ---- 1. dateline shapes -------------------------------------------------- */

Test(wire, dateline_place_en_dash)
{
	check_dateline("MOSCOW \xE2\x80\x93 " LEAD,
	               (want_dateline){"MOSCOW \xE2\x80\x93", "MOSCOW", NULL, NULL,
	                               NULL, "\xE2\x80\x93", "The central bank"});
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

Test(wire, dateline_two_regions)
{
	check_dateline("SPRINGFIELD, Clark County, Ohio, May 4 - Voters went.",
	               (want_dateline){"SPRINGFIELD, Clark County, Ohio, May 4 -",
	                               "SPRINGFIELD", "Clark County, Ohio", "May 4",
	                               NULL, "-", "Voters went"});
}

Test(wire, dateline_region_no_comma_before_date)
{
	check_dateline("LAKE SUCCESS, N.Y. March 3 - Shares rose.",
	               (want_dateline){"LAKE SUCCESS, N.Y. March 3 -", "LAKE SUCCESS",
	                               "N.Y.", "March 3", NULL, "-", "Shares rose"});
}

Test(wire, dateline_place_no_comma_before_date)
{
	check_dateline("HOUSTON March 3 - Oil rose.",
	               (want_dateline){"HOUSTON March 3 -", "HOUSTON", NULL,
	                               "March 3", NULL, "-", "Oil rose"});
}

Test(wire, dateline_month_abbreviations)
{
	check_dateline("DETROIT, Jan. 21 - Sales fell.",
	               (want_dateline){"DETROIT, Jan. 21 -", "DETROIT", NULL,
	                               "Jan. 21", NULL, "-", "Sales fell"});
	check_dateline("DENVER, Sept 9 - Snow fell.",
	               (want_dateline){"DENVER, Sept 9 -", "DENVER", NULL,
	                               "Sept 9", NULL, "-", "Snow fell"});
	check_dateline("RENO, Nev., NOVEMBER 30 - Gaming rose.",
	               (want_dateline){"RENO, Nev., NOVEMBER 30 -", "RENO", "Nev.",
	                               "NOVEMBER 30", NULL, "-", "Gaming rose"});
}

Test(wire, dateline_day_month)
{
	check_dateline("AMSTERDAM, 2 March - Dutch banks said.",
	               (want_dateline){"AMSTERDAM, 2 March -", "AMSTERDAM", NULL,
	                               "2 March", NULL, "-", "Dutch banks"});
}

Test(wire, dateline_month_alone)
{
	check_dateline("CHICAGO, April - Grain futures fell.",
	               (want_dateline){"CHICAGO, April -", "CHICAGO", NULL, "April",
	                               NULL, "-", "Grain futures"});
}

Test(wire, dateline_other_language_months)
{
	check_dateline("EL CAIRO, 30 jun (Xinhua) -- Egipto anuncio.",
	               (want_dateline){"EL CAIRO, 30 jun (Xinhua) --", "EL CAIRO",
	                               NULL, "30 jun", "Xinhua", "--", "Egipto"});
	check_dateline("BUENOS AIRES, ABR 7 - Lluvias.",
	               (want_dateline){"BUENOS AIRES, ABR 7 -", "BUENOS AIRES", NULL,
	                               "ABR 7", NULL, "-", "Lluvias"});
	check_dateline("PARIS, 5 f\xC3\xA9vrier (AFP) - La Bourse.",
	               (want_dateline){"PARIS, 5 f\xC3\xA9vrier (AFP) -", "PARIS",
	                               NULL, "5 f\xC3\xA9vrier", "AFP", "-", "La Bourse"});
	cr_expect_eq(diags.count, 0, "foreign months are no typos: %s", diags.last);
}

Test(wire, dateline_month_typos_with_warning)
{
	check_dateline("NEW YORK, Narch 2 - Stocks rose.",
	               (want_dateline){"NEW YORK, Narch 2 -", "NEW YORK", NULL,
	                               "Narch 2", NULL, "-", "Stocks rose"});
	cr_expect_eq(diags.count, 1);
	cr_expect_eq(diags.last_code, WM_DIAG_DATE);
	cr_expect_eq(diags.last_line, 3);
	cr_expect_eq(diags.last_col, 11);
	cr_expect(strstr(diags.last, "March") != NULL, "%s", diags.last);
	check_dateline("ATLANTA, Apri 1 - Sales rose.",
	               (want_dateline){"ATLANTA, Apri 1 -", "ATLANTA", NULL,
	                               "Apri 1", NULL, "-", "Sales rose"});
	check_dateline("ROSEMONT, Ill., Macrh 31 - Profit fell.",
	               (want_dateline){"ROSEMONT, Ill., Macrh 31 -", "ROSEMONT", "Ill.",
	                               "Macrh 31", NULL, "-", "Profit fell"});
	check_dateline("FORT WAYNE, Ind., Marchg 12 - Output rose.",
	               (want_dateline){"FORT WAYNE, Ind., Marchg 12 -", "FORT WAYNE",
	                               "Ind.", "Marchg 12", NULL, "-", "Output rose"});
	cr_expect_eq(diags.count, 4);
}

Test(wire, dateline_month_odd_case_with_warning)
{
	check_dateline("WESTPORT, Conn., FEb 26 - A dividend.",
	               (want_dateline){"WESTPORT, Conn., FEb 26 -", "WESTPORT", "Conn.",
	                               "FEb 26", NULL, "-", "A dividend"});
	cr_expect_eq(diags.count, 1);
	cr_expect_eq(diags.last_code, WM_DIAG_DATE);
	cr_expect_eq(diags.last_col, 18);
	cr_expect(strstr(diags.last, "odd case") != NULL, "%s", diags.last);
}

Test(wire, dateline_day_typos_with_warning)
{
	check_dateline("BELGRADE, March 2O - Prices rose.",
	               (want_dateline){"BELGRADE, March 2O -", "BELGRADE", NULL,
	                               "March 2O", NULL, "-", "Prices rose"});
	cr_expect_eq(diags.count, 1);
	cr_expect(strstr(diags.last, "20") != NULL, "%s", diags.last);
}

Test(wire, ambiguous_month_typo_is_no_date)
{
	/* "Jule" is one letter from June and from July */
	check_no_dateline("DALLAS, Jule 4 - Fireworks went up.");
}

Test(wire, dateline_mixed_case_place_with_date)
{
	check_dateline("Detroit, March 26 - Ford said.",
	               (want_dateline){"Detroit, March 26 -", "Detroit", NULL,
	                               "March 26", NULL, "-", "Ford said"});
	check_dateline("Rio de Janeiro, March 26 - Coffee rose.",
	               (want_dateline){"Rio de Janeiro, March 26 -", "Rio de Janeiro",
	                               NULL, "March 26", NULL, "-", "Coffee rose"});
}

Test(wire, dateline_lower_case_desk)
{
	check_dateline("sioux falls, april 7 - slaughter cattle rose 0.50 dlr.",
	               (want_dateline){"sioux falls, april 7 -", "sioux falls", NULL,
	                               "april 7", NULL, "-", "slaughter cattle"});
	check_dateline("La paz, march 4 - about 1,000 workers marched.",
	               (want_dateline){"La paz, march 4 -", "La paz", NULL, "march 4",
	                               NULL, "-", "about 1,000"});
	/* lower case in the place, but a capitalised month: a sentence */
	check_no_dateline("Analysts said, March 3 - a day late - that it fell.");
}

Test(wire, dateline_stray_symbols_in_place)
{
	check_dateline("****SANTO DOMINGO, March 4 - The sugar council said.",
	               (want_dateline){"****SANTO DOMINGO, March 4 -",
	                               "****SANTO DOMINGO", NULL, "March 4", NULL,
	                               "-", "The sugar"});
	check_dateline("ME}LBOURNE, March 3 - CRA Ltd said.",
	               (want_dateline){"ME}LBOURNE, March 3 -", "ME}LBOURNE", NULL,
	                               "March 3", NULL, "-", "CRA Ltd"});
	check_dateline("Hauppauge, N.Y,. March 13 - Walker Corp said.",
	               (want_dateline){"Hauppauge, N.Y,. March 13 -", "Hauppauge",
	                               "N.Y,.", "March 13", NULL, "-", "Walker"});
}

Test(wire, dateline_accented_capitals)
{
	check_dateline("PARETS DEL VALL\xC3\x88S, Spain - The plant opened.",
	               (want_dateline){"PARETS DEL VALL\xC3\x88S, Spain -",
	                               "PARETS DEL VALL\xC3\x88S", "Spain", NULL, NULL,
	                               "-", "The plant"});
	check_dateline("S\xC3\x83O PAULO, March 26 - Soy rose.",
	               (want_dateline){"S\xC3\x83O PAULO, March 26 -",
	                               "S\xC3\x83O PAULO", NULL, "March 26", NULL,
	                               "-", "Soy rose"});
}

Test(wire, dateline_two_places)
{
	check_dateline("LONDON/PARIS (Reuters) - Talks began.",
	               (want_dateline){"LONDON/PARIS (Reuters) -", "LONDON/PARIS", NULL,
	                               NULL, "Reuters", "-", "Talks began"});
}

Test(wire, dateline_credits_with_any_spacing)
{
	static const struct {
		const char *para, *text, *agency;
	} cases[] = {
		{"NEW YORK  (Reuters) - Stocks rose.", "NEW YORK  (Reuters) -", "Reuters"},
		{"PARIS (AFP) - Stocks rose.", "PARIS (AFP) -", "AFP"},
		{"ATLANTA (CNN) - Stocks rose.", "ATLANTA (CNN) -", "CNN"},
		{"TOKYO (Bloomberg) -- Stocks rose.", "TOKYO (Bloomberg) --", "Bloomberg"},
		{"LONDON (Reuters Life!) - Stocks rose.", "LONDON (Reuters Life!) -",
		 "Reuters Life!"},
		{"BERLIN ( Reuters ) - Stocks rose.", "BERLIN ( Reuters ) -", "Reuters"},
		{"BONN(Reuters) - Stocks rose.", "BONN(Reuters) -", "Reuters"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char buf[256];
		snprintf(buf, sizeof buf, "H\n\n%s\n", cases[i].para);
		wm_feed *f = test_read(ctx, buf);
		const wm_dateline *d = wm_article_dateline(wm_feed_article(f, 0));
		cr_assert_not_null(d, "no dateline in %s", cases[i].para);
		expect_str(wm_dateline_text(d), cases[i].text, "text");
		expect_str(wm_dateline_agency(d), cases[i].agency, "agency");
		expect_str(wm_block_text(wm_article_block(wm_feed_article(f, 0), 0)),
		           "Stocks rose.", "paragraph");
		wm_feed_free(f);
	}
}

Test(wire, dateline_credit_only)
{
	check_dateline("(Reuters) - Oil prices rose.",
	               (want_dateline){"(Reuters) -", NULL, NULL, NULL, "Reuters", "-",
	                               "Oil prices rose"});
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

Test(wire, dateline_with_year_and_slash_credit)
{
	check_dateline("NEW YORK, Jan. 5, 2024 /PRNewswire/ -- Acme Corp said.",
	               (want_dateline){"NEW YORK, Jan. 5, 2024 /PRNewswire/ --",
	                               "NEW YORK", NULL, "Jan. 5, 2024", "PRNewswire",
	                               "--", "Acme Corp"});
}

Test(wire, dateline_dash_before_date)
{
	check_dateline("KANSAS CITY, Mo. - March 13 - Journals Inc said.",
	               (want_dateline){"KANSAS CITY, Mo. - March 13 -", "KANSAS CITY",
	                               "Mo.", "March 13", NULL, "-", "Journals Inc"});
	check_dateline("ROCKVILLE, Md, - March 6 - Profit rose.",
	               (want_dateline){"ROCKVILLE, Md, - March 6 -", "ROCKVILLE", "Md",
	                               "March 6", NULL, "-", "Profit rose"});
}

Test(wire, dateline_ascii_ap_underscore)
{
	check_dateline("WASHINGTON (AP) _ The Senate voted.",
	               (want_dateline){"WASHINGTON (AP) _", "WASHINGTON", NULL, NULL,
	                               "AP", "_", "The Senate"});
}

Test(wire, dateline_place_and_region_only)
{
	check_dateline("BAGUIO, Philippines - Troops were sent.",
	               (want_dateline){"BAGUIO, Philippines -", "BAGUIO", "Philippines",
	                               NULL, NULL, "-", "Troops were"});
}

Test(wire, not_a_dateline)
{
	check_no_dateline("NATO said - after a long meeting - that it agreed.");
	check_no_dateline("The U.S. said it would act.");
	check_no_dateline("U.S. - Japan trade talks resumed on Monday after a break "
	                  "of two months.");
	check_no_dateline("Stocks rose - and then fell.");
	check_no_dateline("Shares in IBM - the computer maker - rose.");
	check_no_dateline("As of April 7 - in bushels");
	check_no_dateline("April 7 - a list follows");
}

Test(wire, labels_of_lists_are_no_datelines)
{
	/* a lone word in capitals needs a lead sentence after it */
	check_no_dateline("GRADINGS - None posted, total to date 20 lots.");
	check_no_dateline("FOB RIVER - NOON CDT APRIL 7");
	check_no_dateline("SILVER - total 156,708 off 323.");
	check_no_dateline("COPPER GRADE A - Cash easier 3months barely steady 3000 "
	                  "(Total 6250) about half carries.");
	check_no_dateline("EXCHANGES CLOSE - April 7");
}

Test(wire, agency_labels_are_no_datelines)
{
	check_no_dateline("URGENT - The Senate has passed the budget bill by a vote "
	                  "of 51 to 49.");
	check_no_dateline("EDITOR'S NOTE - This story contains language that some "
	                  "readers may find offensive.");
}

Test(wire, dateline_alone_on_its_line)
{
	wm_feed *f = test_read(ctx, "COMPANY SEES PROFIT\n\nDALLAS, March 3 -\n"
	                            "    The company said its profit rose.\n"
	                            "    It gave no figures.\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_not_null(wm_article_dateline(a));
	cr_expect_str_eq(wm_dateline_place(wm_article_dateline(a)), "DALLAS");
	cr_assert_eq(wm_article_block_count(a), 2);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)),
	                 "The company said its profit rose.");
	wm_feed_free(f);
}

Test(wire, dateline_alone_before_a_digest)
{
	wm_feed *f = test_read(ctx, "COMPANY 1ST QTR NET\n\nDALLAS, March 3 -\n"
	                            "    Shr loss six cts vs profit 19 cts\n"
	                            "    Net loss 166,000 vs profit 580,000\n"
	                            " Reuter\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_not_null(wm_article_dateline(a));
	cr_assert_eq(wm_article_block_count(a), 1);
	cr_expect_eq(wm_block_type_of(wm_article_block(a, 0)), WM_BLOCK_PREFORMATTED);
	wm_feed_free(f);
}

Test(wire, dateline_over_a_line_break)
{
	check_dateline("SAN FRANCISCO, Calif., March\n3 - The board met.",
	               (want_dateline){"SAN FRANCISCO, Calif., March 3 -",
	                               "SAN FRANCISCO", "Calif.", "March 3", NULL, "-",
	                               "The board met"});
}

/* ---- 2. dates to ISO 8601 ------------------------------------------------ */

Test(wire, iso_date_with_reference_date)
{
	char *iso = iso_of("1987-03-01", "SALVADOR, Feb 26 - Text.");
	expect_str(iso, "1987-02-26", "Feb 26");
	free(iso);
	iso = iso_of("1987-03-01", "LIMA, Dec 30 - Text.");
	expect_str(iso, "1986-12-30", "Dec 30");
	free(iso);
	iso = iso_of("1987-03-01", "LIMA, March 1 - Text.");
	expect_str(iso, "1987-03-01", "the day itself");
	free(iso);
	iso = iso_of("1987-03-01", "LIMA, 29 Feb - Text.");
	expect_str(iso, "1984-02-29", "the last leap year");
	free(iso);
	iso = iso_of("1987-03-01", "OSLO, Narch 2 - Text.");
	expect_str(iso, "1986-03-02", "a typo still resolves");
	free(iso);
	iso = iso_of("1987-03-01", "NEW YORK, Jan. 5, 2024 - Text.");
	expect_str(iso, "2024-01-05", "a year written out");
	free(iso);
	iso = iso_of("1987-03-01", "CHICAGO, April - Text.");
	expect_str(iso, NULL, "no day");
	free(iso);
	cr_expect_eq(wm_context_set_date(ctx, "1987-02-30"), WM_ERR_USAGE);
	cr_expect_eq(wm_context_set_date(ctx, "87-02-01"), WM_ERR_USAGE);
}

Test(wire, no_iso_date_without_reference)
{
	wm_feed *f = test_read(ctx, "H\n\nSALVADOR, Feb 26 - Text.\n");
	cr_expect_null(wm_dateline_iso_date(wm_article_dateline(wm_feed_article(f, 0))));
	wm_feed_free(f);
}

Test(wire, impossible_dates_stay_text_with_a_warning)
{
	static const char *const paras[] = {"BOSTON, March 187 - Shares were sold.",
	                                    "BOSTON, Feb 30 - Shares were sold.",
	                                    "BOSTON, April 31 - Shares were sold."};
	cr_assert_eq(wm_context_set_date(ctx, "1987-06-01"), WM_OK);
	for (size_t i = 0; i < 3; i++) {
		char buf[128];
		snprintf(buf, sizeof buf, "H\n\n%s\n", paras[i]);
		unsigned before = diags.count;
		wm_feed *f = test_read(ctx, buf);
		const wm_dateline *d = wm_article_dateline(wm_feed_article(f, 0));
		cr_assert_not_null(d, "%s", paras[i]);
		cr_expect_null(wm_dateline_iso_date(d), "%s", paras[i]);
		cr_expect_not_null(wm_dateline_date(d));
		cr_expect_eq(diags.count, before + 1, "%s", paras[i]);
		cr_expect_eq(diags.last_code, WM_DIAG_DATE);
		cr_expect(strstr(diags.last, "impossible") != NULL, "%s", diags.last);
		wm_feed_free(f);
	}
}

/* ---- 3. bylines ---------------------------------------------------------- */

static void check_byline(const char *in, const char *want, const char *place)
{
	wm_feed *f = test_read(ctx, in);
	const wm_article *a = wm_feed_article(f, 0);
	expect_str(wm_article_byline(a), want, "byline");
	if (place) {
		cr_assert_not_null(wm_article_dateline(a), "no dateline after %s", want);
		expect_str(wm_dateline_place(wm_article_dateline(a)), place, "place");
	}
	wm_feed_free(f);
}

Test(wire, bylines)
{
	check_byline("Head\n\nBy JANE DOE\n\nLIMA (AP) - Text.\n", "By JANE DOE", "LIMA");
	check_byline("Head\n\nBy  Matt Daily\n\nLIMA (AP) - Text.\n", "By  Matt Daily",
	             "LIMA");
	check_byline("Head\n\nBy Jane Doe, Associated Press Writer\n\nLIMA (AP) - T.\n",
	             "By Jane Doe, Associated Press Writer", "LIMA");
	check_byline("Head\n\nBy Ana Ruiz and Tom O'Brien\n\nLIMA (Reuters) - T.\n",
	             "By Ana Ruiz and Tom O'Brien", "LIMA");
	check_byline("Head\n\nBY TED D'ARCY AND JO LEE-SMITH, REUTERS\n\n"
	             "LIMA, March 3 - T.\n",
	             "BY TED D'ARCY AND JO LEE-SMITH, REUTERS", "LIMA");
	check_byline("Head\n\nby Maggie van der Berg\nLIMA, March 3 - Text.\n",
	             "by Maggie van der Berg", "LIMA");
}

/* A byline sent over two lines keeps its lines: nothing added (no ", "),
 * nothing dropped. */
Test(wire, byline_with_title_line)
{
	check_byline("Senate Passes Budget\n\nBy JANE DOE\nAssociated Press Writer\n\n"
	             "WASHINGTON (AP) _ The Senate voted.\n",
	             "By JANE DOE\nAssociated Press Writer", "WASHINGTON");
	check_byline("Ferry Fares Rise\nBy Olu Adebayo\nBusiness Correspondent\n\n"
	             "   LAGOS (Reuters) - Fares rose.\n",
	             "By Olu Adebayo\nBusiness Correspondent", "LAGOS");
	/* a comma at the end of the name line stays where it was */
	check_byline("Ferry Fares Rise\n\nBy OLU ADEBAYO,\nStaff Writer\n\n"
	             "LAGOS (Reuters) - Fares rose.\n",
	             "By OLU ADEBAYO,\nStaff Writer", "LAGOS");
	/* spaces at the ends of the lines are no part of them */
	check_byline("Ferry Fares Rise\n\nBy Olu Adebayo  \nStaff Writer \n\n"
	             "LAGOS (Reuters) - Fares rose.\n",
	             "By Olu Adebayo\nStaff Writer", "LAGOS");
}

Test(wire, sentences_are_no_bylines)
{
	check_byline("Head\n\nBy Wednesday, the company had sold 300 units.\n\nMore.\n",
	             NULL, NULL);
	check_byline("Head\n\nBy then the market had closed.\n", NULL, NULL);
	check_byline("Head\n\nBy March, traders said, the price would\nhave doubled "
	             "again.\n", NULL, NULL);
}

/* ---- 4. trailers --------------------------------------------------------- */

Test(wire, trailers)
{
	static const char *const trailers[] = {
		"Reuter", "REUTER", "reuter", "Reuters", "-30-", "###", "# # #", "(END)",
		"(MORE)", "More", "REUTER...", "REUTE", "REUETER", "reuter^M",
		"REUTER...^M", "(Reporting by Ann Lee; Editing by Bo Chan)",
		"(Additional reporting by Li Wei in Beijing)",
		"(Writing by Ann Lee; editing by Bo Chan)",
		/* Xinhua's sign-off, the desks' codes of PTI, UNI and AFP */
		"Enditem", "ENDITEM", "PTI ABC DEF", "PTI KR", "UNI XC AS",
		"abc/def", "bur-sst/jj", "kpr/ach/mw",
		/* AP's contributor lines */
		"Associated Press writer Jane Doe contributed to this report.",
		"Associated Press writers Ann Lee in Lima and Bo Chan in Quito "
		"contributed to this report.",
		"Video journalist Tomas Ruiz contributed reporting.",
		"APTN contributor Lia Costa in Porto helped with this story."};
	for (size_t i = 0; i < sizeof trailers / sizeof *trailers; i++) {
		char buf[256];
		snprintf(buf, sizeof buf, "Head\n\nSome text.\n\n%s\n\n", trailers[i]);
		wm_feed *f = test_read(ctx, buf);
		const wm_article *a = wm_feed_article(f, 0);
		expect_str(wm_article_trailer(a), trailers[i], "trailer");
		cr_expect_eq(wm_article_block_count(a), 1, "%s", trailers[i]);
		wm_feed_free(f);
	}
}

Test(wire, trailer_of_several_lines)
{
	wm_feed *f = test_read(ctx, "Head\n\nSome text.\n\n"
	                            "(Additional reporting by Li Wei)\n"
	                            "(Reporting by Ann Lee; Editing by Bo Chan)\n");
	const wm_article *a = wm_feed_article(f, 0);
	expect_str(wm_article_trailer(a), "(Additional reporting by Li Wei) "
	           "(Reporting by Ann Lee; Editing by Bo Chan)", "trailer");
	cr_expect_eq(wm_article_block_count(a), 1);
	wm_feed_free(f);
	f = test_read(ctx, "HEAD\n\nLIMA, March 3 - Text\nmore text.\n"
	                   "    (Reporting by Ann Lee; Editing by\nBo Chan)\n");
	expect_str(wm_article_trailer(wm_feed_article(f, 0)),
	           "(Reporting by Ann Lee; Editing by Bo Chan)", "wrapped credit");
	wm_feed_free(f);
}

Test(wire, trailer_glued_to_the_last_paragraph)
{
	wm_feed *f = test_read(ctx, "Head\n\nGENEVA (Reuters) - First.\n\n"
	                            "The talks end on Friday. (Reporting by Ann Lee; "
	                            "Editing by Bo Chan)\n");
	const wm_article *a = wm_feed_article(f, 0);
	expect_str(wm_article_trailer(a), "(Reporting by Ann Lee; Editing by Bo Chan)",
	           "trailer");
	cr_assert_eq(wm_article_block_count(a), 2);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 1)), "The talks end on Friday.");
	wm_feed_free(f);
	f = test_read(ctx, "Head\n\nText.\n\nThe end. (Additional reporting by Li "
	                   "Wei) (Writing by Ann Lee; Editing by Bo Chan)\n");
	expect_str(wm_article_trailer(wm_feed_article(f, 0)),
	           "(Additional reporting by Li Wei) (Writing by Ann Lee; Editing by "
	           "Bo Chan)", "two glued credits");
	wm_feed_free(f);
}

Test(wire, ap_separator_before_the_contributors)
{
	wm_feed *f = test_read(ctx, "Head\n\nBERLIN (AP) _ Text.\n\nMore text.\n\n___\n\n"
	                            "Associated Press writer Jane Doe contributed to "
	                            "this report.\n");
	const wm_article *a = wm_feed_article(f, 0);
	expect_str(wm_article_trailer(a), "Associated Press writer Jane Doe "
	           "contributed to this report.", "trailer");
	cr_assert_eq(wm_article_block_count(a), 2, "the separator is no block");
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 1)), "More text.");
	wm_feed_free(f);
	/* a rule with no sign-off after it stays in the text */
	f = test_read(ctx, "Head\n\nText.\n\n___\n\nThe last paragraph.\n");
	cr_expect_null(wm_article_trailer(wm_feed_article(f, 0)));
	cr_expect_eq(wm_article_block_count(wm_feed_article(f, 0)), 3);
	wm_feed_free(f);
}

Test(wire, no_invented_trailer)
{
	static const char *const ends[] = {
		"The last paragraph ends.",
		"It said the news was good (reporting by the company).",
		"Output rose, the official told\nReuters.",
		"He said the router\nrouter",
		/* look like desk codes, initials and contributors, are not */
		"PTI said the plan works.", "PTI abc def", "PTI ABCDEF GH",
		"and/or", "a/b", "http://x.org/abc", "abc/def ghi",
		"Half the staff said they contributed to this report",
		"contributed to this report."};
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
		char buf[256];
		snprintf(buf, sizeof buf, "Head\n\nSome text.\n\n%s\n", ends[i]);
		wm_feed *f = test_read(ctx, buf);
		cr_expect_null(wm_article_trailer(wm_feed_article(f, 0)), "%s", ends[i]);
		wm_feed_free(f);
	}
}

/* ---- 5. tables ----------------------------------------------------------- */

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

Test(wire, earnings_digest_is_preformatted)
{
	wm_feed *f = test_read(ctx, "ACME CORP 1ST QTR NET\n\nTULSA, Okla., March 3 -\n"
	                            "    Shr 34 cts vs 1.19 dlrs\n"
	                            "    Net 1.1 mln vs 2.3 mln\n"
	                            "    Revs 12.3 mln vs 10.1 mln\n"
	                            "    Nine mths\n"
	                            "    Shr 1.01 dlrs vs 2.50 dlrs\n"
	                            " Reuter\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_eq(wm_article_block_count(a), 1);
	cr_expect_eq(wm_block_type_of(wm_article_block(a, 0)), WM_BLOCK_PREFORMATTED);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)),
	                 "Shr 34 cts vs 1.19 dlrs\nNet 1.1 mln vs 2.3 mln\n"
	                 "Revs 12.3 mln vs 10.1 mln\nNine mths\nShr 1.01 dlrs vs 2.50 dlrs");
	expect_str(wm_article_trailer(a), "Reuter", "trailer");
	wm_feed_free(f);
}

Test(wire, digest_rows_in_unindented_copy)
{
	wm_feed *f = test_read(ctx, "ACME NET\n\nTULSA (Reuters) - Acme said:\n\n"
	                            "Shr 34 cts vs 1.19 dlrs\nNet 1.1 mln vs 2.3 mln\n\n"
	                            "The quarter ended March 31.\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_eq(wm_article_block_count(a), 3);
	cr_expect_eq(wm_block_type_of(wm_article_block(a, 1)), WM_BLOCK_PREFORMATTED);
	wm_feed_free(f);
}

Test(wire, digest_rows_followed_by_notes_stay_paragraphs)
{
	/* in teletype copy, rows with prose after them in the same block are
	 * short paragraphs already */
	wm_feed *f = test_read(ctx, "ACME NET\n\nTULSA, Okla., March 3 -\n"
	                            "    Shr 34 cts vs 1.19 dlrs\n"
	                            "    Net 1.1 mln vs 2.3 mln\n"
	                            "    NOTE: Net includes a gain of 1.2 mln dlrs from\n"
	                            "the sale of a unit.\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_eq(wm_article_block_count(a), 3);
	for (size_t i = 0; i < 3; i++)
		cr_expect_eq(wm_block_type_of(wm_article_block(a, i)), WM_BLOCK_PARAGRAPH);
	wm_feed_free(f);
}

Test(wire, short_paragraphs_are_no_table)
{
	wm_feed *f = test_read(ctx, "HEAD\n\nLIMA, March 3 - The board met.\n"
	                            "    It said nothing.\n    Nor did the bank.\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_eq(wm_article_block_count(a), 3);
	cr_expect_eq(wm_block_type_of(wm_article_block(a, 1)), WM_BLOCK_PARAGRAPH);
	wm_feed_free(f);
}

/* ---- 6. headlines -------------------------------------------------------- */

Test(wire, headline_over_two_lines)
{
	wm_feed *f = test_read(ctx, "N.Z. TRADING BANK DEPOSIT\nGROWTH RISES SLIGHTLY\n\n"
	                            "WELLINGTON, March 3 - Deposits rose.\n");
	expect_str(wm_article_headline(wm_feed_article(f, 0)),
	           "N.Z. TRADING BANK DEPOSIT GROWTH RISES SLIGHTLY", "headline");
	wm_feed_free(f);
}

Test(wire, headline_then_body_without_blank_line)
{
	wm_feed *f = test_read(ctx, "OIL PRICES FALL\n    LONDON, March 3 - Oil fell.\n"
	                            "    Traders said so.\n");
	const wm_article *a = wm_feed_article(f, 0);
	expect_str(wm_article_headline(a), "OIL PRICES FALL", "headline");
	cr_expect_not_null(wm_article_dateline(a));
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

Test(wire, slug_line_before_the_headline)
{
	static const struct {
		const char *slug, *headline;
	} cases[] = {
		{"BC-Senate-Budget,0456", "Senate Passes Budget"},
		{"^BC-Senate-Budget 1stLd-Writethru 03-26 0789", "Senate Passes Budget"},
		{"HEALTH-VACCINE/EUROPE", "EU regulator backs vaccine"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char buf[512];
		snprintf(buf, sizeof buf, "%s\n%s\n\nWASHINGTON (AP) _ The Senate voted.\n",
		         cases[i].slug, cases[i].headline);
		wm_feed *f = test_read(ctx, buf);
		const wm_article *a = wm_feed_article(f, 0);
		expect_str(wm_article_slug(a), cases[i].slug, "slug");
		expect_str(wm_article_headline(a), cases[i].headline, "headline");
		cr_expect_eq(wm_article_line(a), 2);
		wm_feed_free(f);
	}
}

Test(wire, hyphenated_headlines_are_no_slugs)
{
	static const char *const heads[] = {"U.S.-JAPAN TALKS RESUME",
	                                    "COCA-COLA <KO> SETS PAYOUT",
	                                    "TX/W OKLA FEEDLOT CATTLE UP 0.50 DLR"};
	for (size_t i = 0; i < 3; i++) {
		char buf[256];
		snprintf(buf, sizeof buf, "%s\n\nTOKYO, March 3 - Talks began.\n", heads[i]);
		wm_feed *f = test_read(ctx, buf);
		const wm_article *a = wm_feed_article(f, 0);
		expect_str(wm_article_slug(a), NULL, "slug");
		expect_str(wm_article_headline(a), heads[i], "headline");
		wm_feed_free(f);
	}
	/* a keyword alone above the body is the headline */
	wm_feed *f = test_read(ctx, "GENCORP/AFG\n\nAKRON, Ohio, March 3 - GenCorp said.\n");
	expect_str(wm_article_headline(wm_feed_article(f, 0)), "GENCORP/AFG", "headline");
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

/* ---- 7. feeds ------------------------------------------------------------ */

Test(wire, feed_split_by_form_feed_and_etx)
{
	wm_feed *f = test_read(ctx, "First\n\nText one.\n\fSecond\n\nText two.\n\x03\x04"
	                            "\x01header\x02Third\n\nText three.\n\x03");
	cr_assert_eq(wm_feed_count(f), 3);
	expect_str(wm_article_headline(wm_feed_article(f, 1)), "Second", "headline 2");
	expect_str(wm_article_headline(wm_feed_article(f, 2)), "Third", "headline 3");
	expect_str(wm_article_slug(wm_feed_article(f, 2)), "header", "IPTC header");
	cr_expect_eq(diags.count, 0, "framing is no control character: %s", diags.last);
	wm_feed_free(f);
}

Test(wire, feed_in_iptc_framing_with_lines)
{
	wm_feed *f = test_read(ctx, "\x01" "0001 AP-NY 03-26 0412\n\x02"
	                            "BUDGET PASSES\n\nWASHINGTON (AP) _ Text.\n\x03\x04"
	                            "\x01" "0002 AP-NY 03-26 0213\n\x02"
	                            "STORM HITS\n\nMIAMI (AP) _ Text.\n\x03\x04");
	cr_assert_eq(wm_feed_count(f), 2);
	const wm_article *a = wm_feed_article(f, 1);
	expect_str(wm_article_slug(a), "0002 AP-NY 03-26 0213", "slug");
	expect_str(wm_article_headline(a), "STORM HITS", "headline");
	cr_expect_eq(wm_article_line(a), 6);
	cr_expect_eq(wm_article_line(wm_feed_article(f, 0)), 2);
	wm_feed_free(f);
}

Test(wire, feed_split_by_end_marks)
{
	wm_feed *f = test_read(ctx, "FIRST STORY\n\nBOSTON (AP) _ One.\n\n-30-\n\n"
	                            "SECOND STORY\n\nLIMA (AP) _ Two.\n\n###\n"
	                            "THIRD STORY\n\nText three.\n(END)\n\n"
	                            "FOURTH STORY\n\nText four.\n\n(END)\n");
	cr_assert_eq(wm_feed_count(f), 4);
	static const char *const heads[] = {"FIRST STORY", "SECOND STORY",
	                                    "THIRD STORY", "FOURTH STORY"};
	static const char *const ends[] = {"-30-", "###", "(END)", "(END)"};
	static const unsigned lines[] = {1, 7, 12, 17};
	for (size_t i = 0; i < 4; i++) {
		const wm_article *a = wm_feed_article(f, i);
		expect_str(wm_article_headline(a), heads[i], "headline");
		expect_str(wm_article_trailer(a), ends[i], "trailer");
		cr_expect_eq(wm_article_line(a), lines[i], "article %zu line", i + 1);
		cr_expect_eq(wm_article_block_count(a), 1);
	}
	wm_feed_free(f);
}

Test(wire, feed_gives_one_json_line_per_article)
{
	wm_feed *f = test_read(ctx, "ONE\n\nText.\n-30-\nTWO\n\nText.\n\fTHREE\n\nText.\n");
	cr_assert_eq(wm_feed_count(f), 3);
	char *out;
	size_t len;
	cr_assert_eq(wm_write(ctx, f, WM_FORMAT_JSON, 0, &out, &len), WM_OK);
	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += out[i] == '\n';
	cr_expect_eq(lines, 3);
	free(out);
	wm_feed_free(f);
}

/* ---- paragraph layouts --------------------------------------------------- */

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

/* Lines of unwrapped copy: whole paragraphs, longer than 100 columns. */
#define LONG1 "The committee met on Tuesday and agreed, after a debate that ran " \
              "late into the night, to raise the limit."
#define LONG2 "Members said the change would take effect next month, once the " \
              "full assembly has voted on the measure."

Test(wire, unwrapped_copy_lines_are_paragraphs)
{
	wm_feed *f = test_read(ctx, "Head\n\n" LONG1 "\n" LONG2 "\n\n" LONG1 "\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_eq(wm_article_block_count(a), 3);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 1)), LONG2);
	wm_feed_free(f);
}

Test(wire, unwrapped_list_items_stay_with_their_paragraph)
{
	wm_feed *f = test_read(ctx, "Head\n\n" LONG1 "\n\n"
	                            "- Increased spending on schools \n"
	                            " - Cut duties on capital goods \n"
	                            " - Raised the tax threshold\n\n" LONG2 "\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_eq(wm_article_block_count(a), 3);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 1)),
	                 "- Increased spending on schools - Cut duties on capital goods "
	                 "- Raised the tax threshold");
	wm_feed_free(f);
}

Test(wire, teletype_list_items_are_paragraphs)
{
	wm_feed *f = test_read(ctx, "HEAD\n\nTOKYO, March 3 - Plans are:\n"
	                            "    - NEC will cut output of chips\nby ten pct.\n"
	                            "    - Hitachi will cut output.\n"
	                            "    - Toshiba will too.\n");
	cr_expect_eq(wm_article_block_count(wm_feed_article(f, 0)), 4);
	wm_feed_free(f);
}

/* ---- encodings, control characters --------------------------------------- */

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
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)), "MOSCOW - One two.");
	cr_expect_eq(wm_block_line(wm_article_block(a, 1)), 6);
	cr_expect_eq(diags.count, 0);
	wm_feed_free(f);
}

Test(wire, lone_cr)
{
	wm_feed *f = test_read(ctx, "Head\r\rOne.\r\rTwo.\r");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_eq(wm_article_block_count(a), 2);
	cr_expect_eq(diags.count, 0);
	wm_feed_free(f);
}

Test(wire, cr_lf_and_crlf_mixed_each_end_a_line)
{
	/* CR CR LF is one line end; a bare CR in LF copy ends a line too */
	wm_feed *f = test_read(ctx, "Head\r\r\n\r\r\nOne\rline.\r\r\nTwo.\nThree.\r\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_eq(wm_article_block_count(a), 1);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)),
	                 "One line. Two. Three.");
	cr_expect_eq(diags.count, 0);
	wm_feed_free(f);
}

Test(wire, control_character_between_words_leaves_a_space)
{
	wm_feed *f = test_read(ctx, "Head\n\nW2870\x1f" "asian and tex\x7Ftile "
	                            "and\x1f\x1f" "more.\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)),
	                 "W2870 asian and textile and more.");
	wm_feed_free(f);
}

Test(wire, control_characters_dropped_with_warning)
{
	wm_feed *f = test_read(ctx, "Head\n\nThe \x1B[1mbank\x7F said \xC2\x85so.\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)), "The [1mbank said so.");
	cr_expect_eq(diags.count, 3);
	cr_expect_eq(diags.last_code, WM_DIAG_CONTROL_CHAR);
	cr_expect_eq(diags.last_line, 3);
	cr_expect_eq(diags.last_col, 20);
	wm_feed_free(f);
}

Test(wire, many_control_characters_are_counted)
{
	char in[512] = "Head\n\nText";
	size_t n = strlen(in);
	for (int i = 0; i < 30; i++)
		in[n++] = '\x1B';
	/* text enough that 30 are fewer than one byte in ten (not binary) */
	for (int i = 0; i < 25; i++, n += 13)
		memcpy(in + n, " more text...", 13);
	memcpy(in + n, " end.\n", 7);
	wm_feed *f = test_read(ctx, in);
	cr_expect_eq(diags.count, 12, "ten, a note, a count; got %u", diags.count);
	cr_expect(strstr(diags.last, "30") != NULL, "%s", diags.last);
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

/* Past the first block (where a NUL byte means binary data), a NUL byte is
 * dropped with a warning. */
Test(wire, nul_bytes_dropped_with_warning)
{
	wm_buf in = WM_BUF_INIT;
	wm_buf_puts(&in, "Head\n\n");
	for (int i = 0; i < 600; i++) /* 4,800 bytes */
		wm_buf_puts(&in, "Filler. ");
	wm_buf_put(&in, "\n\nA\0B.\n", 7);
	wm_feed *f = test_read_n(ctx, in.ptr, in.len);
	cr_assert_not_null(f);
	cr_expect_str_eq(wm_block_text(wm_article_block(wm_feed_article(f, 0), 1)), "AB.");
	cr_expect_eq(diags.last_code, WM_DIAG_NUL_BYTE);
	cr_expect_eq(diags.last_line, 5, "%u: %s", diags.last_line, diags.last);
	wm_feed_free(f);
	wm_buf_free(&in);
}

/* Binary data (an executable, an image, compressed data: a NUL byte or a
 * large share of control characters in the first 4 KiB) is one error, not
 * articles of junk; text with a few control characters is text. */
Test(wire, binary_refused)
{
	static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0";
	cr_expect_null(wm_read(ctx, WM_FORMAT_WIRE, elf, sizeof elf - 1, "prog", 0));
	cr_expect_eq(diags.errors, 1);
	cr_expect_eq(diags.count, 1, "one message, not one per byte");
	cr_expect_str_eq(diags.last, "binary file (a NUL byte at byte 8), "
	                             "not wire text");
	char ctl[400];
	for (size_t i = 0; i < sizeof ctl; i++)
		ctl[i] = i % 4 == 0 ? '\x1b' : i % 4 == 1 ? '\x07' : 'a';
	cr_expect_null(wm_read(ctx, WM_FORMAT_WIRE, ctl, sizeof ctl, "ctl", 0));
	cr_expect_str_eq(diags.last, "binary file (200 of its first 400 bytes are "
	                             "control characters), not wire text");
	cr_expect_null(wm_read(ctx, WM_FORMAT_MARKDOWN, elf, sizeof elf - 1, "x", 0));
	cr_expect_str_eq(diags.last, "binary file (a NUL byte at byte 8), "
	                             "not markdown text");
	/* seven control characters are few, whatever the length; and one in
	 * ten is not more than one in ten */
	static const char few[] = "\x01\x02\x03\x04\x16\x1b\x7f" "HEAD\n";
	wm_feed *f = wm_read(ctx, WM_FORMAT_WIRE, few, sizeof few - 1, "few", 0);
	cr_expect_not_null(f);
	wm_feed_free(f);
	char tenth[80];
	for (size_t i = 0; i < sizeof tenth; i++)
		tenth[i] = i % 10 == 5 ? '\x1b' : 'A';
	f = wm_read(ctx, WM_FORMAT_WIRE, tenth, sizeof tenth, "tenth", 0);
	cr_expect_not_null(f);
	wm_feed_free(f);
}

Test(wire, utf16_refused)
{
	wm_feed *f = wm_read(ctx, WM_FORMAT_WIRE, "\xff\xfeH\0", 4, "x", 0);
	cr_expect_null(f);
	cr_expect_eq(diags.errors, 1);
}

Test(wire, source_and_lines_kept)
{
	wm_feed *f = test_read(ctx, "\n\nHead\n\nMOSCOW (Reuters) - Text.\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_eq(wm_article_line(a), 3);
	cr_assert_not_null(wm_article_dateline(a));
	cr_expect_eq(wm_dateline_line(wm_article_dateline(a)), 5);
	cr_expect_str_eq(wm_article_source(a), "test.txt");
	wm_feed_free(f);
}

/* ---- 9. explain ---------------------------------------------------------- */

Test(wire, explain_says_how_each_line_was_read)
{
	static const char in[] = "BC-Oil-Prices,0210\nOIL FALLS\n\nBy JANE DOE\n\n"
	                         "LONDON, Narch 3 - Oil fell\nsharply.\n"
	                         "    Traders said so.\n Reuter\n";
	char *out = NULL;
	size_t len = 0;
	cr_assert_eq(wm_explain(ctx, in, sizeof in - 1, "oil.txt", 0, &out, &len), WM_OK);
	cr_assert_not_null(out);
	cr_expect_eq(strlen(out), len);
	static const char *const want[] = {
		"oil.txt: 1 article", "    1 | BC-Oil-Prices,0210", "= slug:",
		"    2 | OIL FALLS", "= headline:", "= byline:", "= dateline: \"LONDON, Narch 3 -\"",
		"= warning: month \"Narch\"", "= continuation:", "= paragraph: indented",
		"= trailer:"};
	const char *at = out;
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		const char *hit = strstr(at, want[i]);
		cr_expect_not_null(hit, "\"%s\" missing (or out of order) in:\n%s", want[i], out);
		if (hit)
			at = hit;
	}
	free(out);
}

Test(wire, explain_says_why_no_dateline)
{
	static const char in[] = "H\n\nNATO said - it agreed.\n";
	char *out = NULL;
	cr_assert_eq(wm_explain(ctx, in, sizeof in - 1, NULL, 0, &out, NULL), WM_OK);
	cr_expect(strstr(out, "= no dateline: not a place: \"said\"") != NULL, "%s", out);
	free(out);
}

Test(wire, explain_of_nothing_fails)
{
	char *out = (char *)"x";
	cr_expect_eq(wm_explain(ctx, "", 0, "e.txt", 0, &out, NULL), WM_ERR_INPUT);
	cr_expect_null(out);
	cr_expect_eq(wm_explain(ctx, "H\n", 2, "e.txt", 0, NULL, NULL), WM_ERR_USAGE);
}

/* ---- the world's agencies (docs/datelines.md) ---------------------------- */

Test(wire, credit_of_the_table_needs_no_dash)
{
	check_dateline("PUNE, Jan 9 (PTI) Farmers in the district began the harvest early.",
	               (want_dateline){"PUNE, Jan 9 (PTI)", "PUNE", NULL, "Jan 9",
	                               "PTI", NULL, "Farmers in the"});
	check_dateline("BOISE (AP) Lawmakers passed the budget late on Friday.",
	               (want_dateline){"BOISE (AP)", "BOISE", NULL, NULL, "AP", NULL,
	                               "Lawmakers passed the"});
	check_dateline("Lucknow, Feb 2 (IANS) \"We will appeal,\" the minister said.",
	               (want_dateline){"Lucknow, Feb 2 (IANS)", "Lucknow", NULL,
	                               "Feb 2", "IANS", NULL, "\"We will appeal,\""});
}

Test(wire, unknown_credit_needs_a_dash)
{
	/* not in the table: read with a dash, not without */
	check_dateline("GAROUA, March 4 (CRTV) - Floods cut the road north.",
	               (want_dateline){"GAROUA, March 4 (CRTV) -", "GAROUA", NULL,
	                               "March 4", "CRTV", "-", "Floods cut the"});
	check_no_dateline("GAROUA (CRTV) Floods cut the road north on Monday.");
}

Test(wire, parentheses_that_are_no_credit)
{
	check_no_dateline("Widgetco (WDG.O) said on Monday its profit rose.");
	check_no_dateline("The IMF (International Monetary Fund) said growth would slow.");
	check_no_dateline("OPEC (the producers' group) Ministers meet in Vienna next week.");
	/* an acronym being spelled out is no credit, even one of the table */
	check_no_dateline("Kenya News Agency (KNA) Director Samuel Maina said on Monday.");
	check_no_dateline("Press Trust of India (PTI) Chairman spoke at the event.");
}

Test(wire, bare_and_slashed_credits)
{
	check_dateline("SENDAI, Jan. 12 Kyodo - Snow halted trains across the region.",
	               (want_dateline){"SENDAI, Jan. 12 Kyodo -", "SENDAI", NULL,
	                               "Jan. 12", "Kyodo", "-", "Snow halted trains"});
	check_dateline("OMSK, January 12. /TASS/. Frost closed schools in the city.",
	               (want_dateline){"OMSK, January 12. /TASS/.", "OMSK", NULL,
	                               "January 12", "TASS", ".", "Frost closed schools"});
	check_dateline("Kiel (abc/dpa) - Der Hafen bleibt geschlossen.",
	               (want_dateline){"Kiel (abc/dpa) -", "Kiel", NULL, NULL,
	                               "abc/dpa", "-", "Der Hafen bleibt"});
	/* a bare credit stands after a date, never alone */
	check_no_dateline("SHARES-Kyodo Holdings rose 3 percent on the day.");
}

Test(wire, credit_first)
{
	check_dateline("(ANSA) - BARI, 14 GEN - Il porto riapre domani.",
	               (want_dateline){"(ANSA) - BARI, 14 GEN -", "BARI", NULL,
	                               "14 GEN", "ANSA", "-", "Il porto riapre"});
	/* the credit alone when no place follows */
	check_dateline("(Reuters) - Widgetco said on Monday it would cut jobs.",
	               (want_dateline){"(Reuters) -", NULL, NULL, NULL, "Reuters",
	                               "-", "Widgetco said on"});
}

Test(wire, dates_with_a_year_and_other_languages)
{
	check_dateline("BERGEN, 7 January 2027 (NTB) - The ferry resumed service.",
	               (want_dateline){"BERGEN, 7 January 2027 (NTB) -", "BERGEN", NULL,
	                               "7 January 2027", "NTB", "-", "The ferry resumed"});
	check_dateline("CUSCO, Jan 7, 2027 (Andina) - Tourists returned.",
	               (want_dateline){"CUSCO, Jan 7, 2027 (Andina) -", "CUSCO", NULL,
	                               "Jan 7, 2027", "Andina", "-", "Tourists returned."});
	check_dateline("BREMEN, 7. Januar (dpa) - Der Sturm ist vorbei.",
	               (want_dateline){"BREMEN, 7. Januar (dpa) -", "BREMEN", NULL,
	                               "7. Januar", "dpa", "-", "Der Sturm ist"});
	check_dateline("CALI, 7 ene (EFE).- El alcalde renunció hoy.",
	               (want_dateline){"CALI, 7 ene (EFE).-", "CALI", NULL, "7 ene",
	                               "EFE", ".-", "El alcalde renunció"});
	check_dateline("NANTES, 1er janvier 2027 (AFP) - Le port est fermé.",
	               (want_dateline){"NANTES, 1er janvier 2027 (AFP) -", "NANTES",
	                               NULL, "1er janvier 2027", "AFP", "-", "Le port est"});
	check_dateline("Recife, 7 de janeiro de 2027 (Lusa) - O porto reabriu.",
	               (want_dateline){"Recife, 7 de janeiro de 2027 (Lusa) -", "Recife",
	                               NULL, "7 de janeiro de 2027", "Lusa", "-",
	                               "O porto reabriu."});
	check_dateline("TORINO, 7 gen (ANSA) - Il sindaco ha firmato.",
	               (want_dateline){"TORINO, 7 gen (ANSA) -", "TORINO", NULL,
	                               "7 gen", "ANSA", "-", "Il sindaco ha"});
	char *iso = iso_of("2027-03-01", "BERGEN, 7 January 2025 (NTB) - The ferry resumed.");
	cr_expect_str_eq(iso, "2025-01-07");
	free(iso);
}

Test(wire, period_after_the_place)
{
	check_dateline("LVIV. Jan 7 (Interfax-Ukraine) - The mayor said.",
	               (want_dateline){"LVIV. Jan 7 (Interfax-Ukraine) -", "LVIV", NULL,
	                               "Jan 7", "Interfax-Ukraine", "-", "The mayor said."});
	/* initials keep their period */
	check_dateline("LAKE PLACID, N.Y. Jan 7 - The games opened.",
	               (want_dateline){"LAKE PLACID, N.Y. Jan 7 -", "LAKE PLACID", "N.Y.",
	                               "Jan 7", NULL, "-", "The games opened."});
}

Test(wire, other_marks_for_the_dash)
{
	check_dateline("IPOH: Heavy rain flooded more than forty homes in the town on Sunday night.",
	               (want_dateline){"IPOH:", "IPOH", NULL, NULL, NULL, ":",
	                               "Heavy rain flooded"});
	check_dateline("KARACHI, Jan 7 (APP): The port reopened.",
	               (want_dateline){"KARACHI, Jan 7 (APP):", "KARACHI", NULL, "Jan 7",
	                               "APP", ":", "The port reopened."});
	check_dateline("Hanoi, Vietnam | VNA | The government approved a new plan for the coast.",
	               (want_dateline){"Hanoi, Vietnam | VNA |", "Hanoi", "Vietnam", NULL,
	                               "VNA", "|", "The government approved"});
	check_dateline("IPOH (January 7): Heavy rain flooded homes.",
	               (want_dateline){"IPOH (January 7):", "IPOH", NULL, "January 7",
	                               NULL, ":", "Heavy rain flooded"});
	check_dateline("MATANZAS._ The sugar harvest began this week across the whole province.",
	               (want_dateline){"MATANZAS._", "MATANZAS", NULL, NULL, NULL, "._",
	                               "The sugar harvest"});
	check_dateline("TRIPOLI Jan 7 Libya's oil output rose in December, officials said.",
	               (want_dateline){"TRIPOLI Jan 7", "TRIPOLI", NULL, "Jan 7", NULL,
	                               NULL, "Libya's oil output"});
}

Test(wire, mixed_case_place_with_a_dash_and_a_lead)
{
	check_dateline("Gdansk - The shipyard said on Monday it had won a large new order.",
	               (want_dateline){"Gdansk -", "Gdansk", NULL, NULL, NULL, "-",
	                               "The shipyard said"});
	/* a headline-like phrase is not: no lead sentence follows */
	check_no_dateline("Gdansk - shipyard wins order");
	check_no_dateline("Gdansk: Shipyard wins a large new order from Norway this week");
}

/* issue 23, item 5: with no date nor credit, a place in mixed case is
 * one the gazetteer knows (GeoNames' cities, src/read/gazetteer.txt) */
Test(wire, mixed_case_place_known_to_the_gazetteer)
{
	check_dateline("Kyiv - The ministry said on Monday it had banned grain exports to the west.",
	               (want_dateline){"Kyiv -", "Kyiv", NULL, NULL, NULL, "-",
	                               "The ministry said"});
	check_dateline("Zurich - The bank said on Monday it would cut two thousand jobs this year.",
	               (want_dateline){"Zurich -", "Zurich", NULL, NULL, NULL, "-",
	                               "The bank said"});
	check_dateline("Rio de Janeiro – The carnival parade was called off on Sunday because of rain.",
	               (want_dateline){"Rio de Janeiro –", "Rio de Janeiro", NULL, NULL,
	                               NULL, "–", "The carnival parade"});
	check_dateline("Lagos/Accra - The two central banks said on Friday they would share data.",
	               (want_dateline){"Lagos/Accra -", "Lagos/Accra", NULL, NULL, NULL,
	                               "-", "The two central"});
	check_dateline("Nairobi | The health ministry said on Monday that cases had risen again.",
	               (want_dateline){"Nairobi |", "Nairobi", NULL, NULL, NULL, "|",
	                               "The health ministry"});
}

Test(wire, titles_and_names_before_a_dash_are_not_places)
{
	check_no_dateline("Silent Harbour - The film about a fishing town won the top prize on Sunday.");
	check_no_dateline("Acme Capital - Shares of the fund manager rose sharply in early trading today.");
	check_no_dateline("Maria Lopez - The singer said on Monday that she would tour Europe next year.");
	check_no_dateline("\"Harbour Lights\" - The musical opens in the West End next week after a delay.");
	check_no_dateline("Blue Finch | The company said on Monday that it would launch its rocket soon.");
	check_no_dateline("Lagos/Widgetville - The two firms said on Friday they would share their data.");
	/* stronger evidence than the gazetteer: a date or a credit */
	check_dateline("Silent Harbour, Dec 3 - The town council said it would rebuild the pier.",
	               (want_dateline){"Silent Harbour, Dec 3 -", "Silent Harbour", NULL,
	                               "Dec 3", NULL, "-", "The town council"});
	check_dateline("Acme Springs (Reuters) - The town council said it would rebuild the pier.",
	               (want_dateline){"Acme Springs (Reuters) -", "Acme Springs", NULL,
	                               NULL, "Reuters", "-", "The town council"});
	/* nor does a region after the place: more than the dash alone */
	check_dateline("Acme Springs, Maine - The town council said on Monday it would rebuild the pier.",
	               (want_dateline){"Acme Springs, Maine -", "Acme Springs", "Maine",
	                               NULL, NULL, "-", "The town council"});
	/* a place in capitals needs no gazetteer (the rule before this one) */
	check_dateline("PORT HARCOURT - The oil company said on Monday it had reopened the pipeline.",
	               (want_dateline){"PORT HARCOURT -", "PORT HARCOURT", NULL, NULL,
	                               NULL, "-", "The oil company"});
}

Test(wire, gazetteer_lookup)
{
	cr_expect(wm_gazetteer_has("Kyiv", 4));
	cr_expect(wm_gazetteer_has("KYIV", 4));
	cr_expect(wm_gazetteer_has("Zürich", strlen("Zürich")));
	cr_expect(wm_gazetteer_has("Rio de  Janeiro", 15), "runs of spaces as one");
	cr_expect(wm_gazetteer_has("Aachen", 6), "near the start of the list");
	cr_expect(wm_gazetteer_has("Zwolle", 6));
	cr_expect_not(wm_gazetteer_has("Silent Harbour", 14));
	cr_expect_not(wm_gazetteer_has("Kyi", 3), "a prefix of a name");
	cr_expect_not(wm_gazetteer_has("Kyivv", 5));
	cr_expect_not(wm_gazetteer_has("", 0));
	char longname[200];
	memset(longname, 'a', sizeof longname);
	cr_expect_not(wm_gazetteer_has(longname, sizeof longname));
}

Test(wire, labels_are_never_datelines)
{
	check_no_dateline("FLASH - Widgetco says it will buy Gizmo Inc for two billion dollars.");
	check_no_dateline("UPDATE 2 - Widgetco says it will buy Gizmo Inc for two billion dollars.");
	check_no_dateline("BRIEF-Widgetco Q4 profit rises");
	check_no_dateline("Exclusive - Widgetco is in talks to buy Gizmo Inc, sources said on Friday.");
	check_no_dateline("WRAPUP - Storms across the south left thousands without power on Sunday.");
	check_no_dateline("FACTBOX: What we know about the storms that hit the south on Sunday.");
	check_no_dateline("THE TAKEAWAY: Widgetco is betting that shoppers will return after the holidays.");
}
