/* Agency transmissions (src/read/transmission.c, docs/transmissions.md):
 * one rule a test, each with an example written for it; and the splitter
 * (a feed read as its bytes arrive) cutting them as the whole read does. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "read/split.h"
#include "read/transmission.h"
#include "read/wire.h"
#include "tree/tree.h"

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

TestSuite(tx, .init = setup, .fini = teardown);

static const char *meta(const wm_article *a, const char *key)
{
	for (size_t i = 0; i < a->nmeta; i++)
		if (!strcmp(a->meta[i].key, key))
			return a->meta[i].value;
	return NULL;
}

static void expect_meta(const wm_article *a, const char *key, const char *want)
{
	const char *got = meta(a, key);
	if (!want) {
		cr_expect_null(got, "meta.%s: want none, got \"%s\"", key, got);
		return;
	}
	cr_expect_not_null(got, "meta.%s: want \"%s\", got none", key, want);
	if (got)
		cr_expect_str_eq(got, want, "meta.%s", key);
}

#define STORY "QUAY CRANES IDLE\n\nThe dock crews stopped work on Monday.\n"

Test(tx, time_stamp_after_etx_is_metadata_not_an_article)
{
	wm_feed *f = test_read(ctx, "\x01" "0101 ABC\n\x02" STORY "\x03\n"
	                            "131137 GMT Nov 13\n\x04");
	cr_assert_eq(wm_feed_count(f), 1);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(a->headline, "QUAY CRANES IDLE");
	expect_meta(a, "timestamp", "131137 GMT Nov 13");
	wm_feed_free(f);
}

Test(tx, text_after_etx_that_is_no_stamp_is_an_article)
{
	wm_feed *f = test_read(ctx, "\x02" STORY "\x03" "SECOND STORY HEADLINE "
	                            "HERE\n\nMore text.\n");
	cr_expect_eq(wm_feed_count(f), 2);
	wm_feed_free(f);
}

Test(tx, stamp_shape)
{
	cr_expect(wm_tx_is_stamp("131137 GMT Nov 13", 17));
	cr_expect(wm_tx_is_stamp("211259 Nov 18\r", 14));
	cr_expect(wm_tx_is_stamp("AP-WF-11-13-13 1509GMT<", 23));
	cr_expect_not(wm_tx_is_stamp("Shares rose 1234 points", 23));
	cr_expect_not(wm_tx_is_stamp("Nov 13", 6));
}

Test(tx, anpa_header_fields)
{
	wm_feed *f = test_read(ctx, "\x16\x16\x01" "b0412\x1f" "sports\r\n"
	                            "u s\x13\x11 BC-Cup-Final 2ndLd 03-12 0350\r\n"
	                            "\x02" STORY "\x03\x04");
	const wm_article *a = wm_feed_article(f, 0);
	expect_meta(a, "service", "b");
	expect_meta(a, "number", "0412");
	expect_meta(a, "selector", "sports");
	expect_meta(a, "priority", "u");
	expect_meta(a, "category", "s");
	expect_meta(a, "keyword", "BC-Cup-Final");
	expect_meta(a, "take", "2ndLd");
	expect_meta(a, "date", "03-12");
	expect_meta(a, "word_count", "0350");
	cr_expect_null(a->slug);
	wm_feed_free(f);
}

Test(tx, iptc_header_fields)
{
	wm_feed *f = test_read(ctx, "\x01" "xyz0042 2 e 310 xyz 7\r\n\x02" STORY
	                            "\x03\x04");
	const wm_article *a = wm_feed_article(f, 0);
	expect_meta(a, "service", "xyz");
	expect_meta(a, "number", "0042");
	expect_meta(a, "priority", "2");
	expect_meta(a, "category", "e");
	expect_meta(a, "word_count", "310");
	expect_meta(a, "info", "xyz 7");
	wm_feed_free(f);
}

Test(tx, unknown_header_stays_the_slug)
{
	wm_feed *f = test_read(ctx, "\x01" "0417 WXN ECO 0188\n\x02" STORY "\x03");
	cr_expect_str_eq(wm_feed_article(f, 0)->slug, "0417 WXN ECO 0188");
	wm_feed_free(f);
}

Test(tx, ap_header_lines)
{
	wm_feed *f = test_read(ctx,
		"\x02^BC-Dock-Strike,0210<\n"
		"^Dock crews walk out over pay<\n"
		"^AP Photo DOC101<\n"
		"^Eds: Moves on general news.<\n"
		"^By MARA LINDQVIST=\n"
		"^Associated Press Writer=\n"
		"\t   OSLO, Norway (AP) _ Dock crews walked out on Monday over pay.\n"
		"\t   The port said talks would resume.\n"
		"\t   ^END<\n\x03");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(a->slug, "BC-Dock-Strike,0210");
	cr_expect_str_eq(a->headline, "Dock crews walk out over pay");
	cr_expect_str_eq(a->byline, "By MARA LINDQVIST\nAssociated Press Writer");
	expect_meta(a, "photo", "AP Photo DOC101");
	expect_meta(a, "ednote", "Eds: Moves on general news.");
	cr_expect_str_eq(a->trailer, "END");
	cr_assert_not_null(a->dateline);
	cr_expect_str_eq(a->dateline->place, "OSLO");
	wm_feed_free(f);
}

Test(tx, dpa_header_lines)
{
	wm_feed *f = test_read(ctx,
		"\x01" "abc0001 3 i 120 abc 1\n\x02\n"
		"Norway/ports/\n"
		"URGENT\n"
		"2ND LEAD\n"
		"Dock crews walk out over pay\n"
		"By Mara Lindqvist =\n"
		"\n"
		"Oslo (dpa) - Dock crews walked out on Monday over pay.\n"
		"\n"
		"dpa ml kr\n"
		"\x03" "101112 GMT Mar 4\n\x04");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(a->slug, "Norway/ports");
	cr_expect_str_eq(a->headline, "Dock crews walk out over pay");
	cr_expect_str_eq(a->byline, "By Mara Lindqvist");
	expect_meta(a, "take", "URGENT 2ND LEAD");
	expect_meta(a, "desk", "dpa ml kr");
	expect_meta(a, "timestamp", "101112 GMT Mar 4");
	cr_expect_null(a->trailer);
	cr_expect_eq(a->nblocks, 1);
	wm_feed_free(f);
}

/* ---- real transmissions, byte for byte (issue 23, item 6) ----------------
 * Written for these tests in the layouts the wires send: control
 * characters and line ends exactly as they come. */

/* dpa: take words on lines of their own, no keyword line, the headline
 * closed by " =", then "By ... =" on the next line; CR LF line ends with
 * two lines ending in LF alone in the middle, as mixed feeds send them. */
Test(tx, dpa_take_words_headline_and_byline_as_sent)
{
	wm_feed *f = test_read(ctx,
		"\x01" "ecp0007 4 s 850  dpa-tns 0908\r\n"
		"\x02" "REFILE\r\n"
		"1ST LEAD\n"
		"(Achtung)\r\n"
		"Talks resume in Geneva =\n"
		"By dpa correspondents =\r\n"
		"\r\n"
		"Geneva (dpa) - Talks resumed in Geneva on Monday after a pause of "
		"three weeks, diplomats said.\r\n"
		"\r\n"
		"dpa ab cd\r\n"
		"\x03" "\r\n211259 Nov 18\r\n\x04");
	cr_assert_eq(wm_feed_count(f), 1);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(a->headline, "Talks resume in Geneva");
	cr_expect_str_eq(a->byline, "By dpa correspondents");
	expect_meta(a, "take", "REFILE 1ST LEAD (Achtung)");
	cr_assert_eq(a->nblocks, 1);
	cr_expect_str_eq(a->blocks[0].text, "Talks resumed in Geneva on Monday "
	                 "after a pause of three weeks, diplomats said.");
	expect_meta(a, "desk", "dpa ab cd");
	wm_feed_free(f);
}

Test(tx, dpa_urgent_and_correction_without_a_byline)
{
	wm_feed *f = test_read(ctx,
		"\x01" "bdt0412 1 pl 120  dpa 1201\r\n"
		"\x02" "URGENT\r\nCORRECTION\r\nEXTRA\r\n"
		"Parliament passes the budget =\r\n\r\n"
		"Berlin (dpa) - The Bundestag passed the budget on Friday after a "
		"debate of four days.\r\n\x03\x04");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(a->headline, "Parliament passes the budget");
	cr_expect_null(a->byline);
	expect_meta(a, "take", "URGENT CORRECTION EXTRA");
	wm_feed_free(f);
}

/* a headline closed by '=' alone is no sign of dpa: plain copy keeps it */
Test(tx, one_line_closed_by_equals_is_not_a_dpa_header)
{
	wm_feed *f = test_read(ctx, "\x02" "Rates: 2 + 2 =\r\n\r\nThe sum is "
	                            "four, the teacher said.\r\n\x03");
	cr_expect_str_eq(wm_feed_article(f, 0)->headline, "Rates: 2 + 2 =");
	wm_feed_free(f);
}

/* AP: SYN SYN SOH, the two ANPA header lines, STX and the format line
 * alone; an alert of one paragraph; the time stamp closing the text. */
Test(tx, ap_alert_takes_its_sentence_as_headline)
{
	wm_feed *f = test_read(ctx,
		"\x16\x16\x01" "f0231\x1f" "newsalert\r\n"
		"f a\x13\x11 BC-US--Quake     03-12 0032\r\n"
		"\x02" "^BC-US--Quake,0032<\r\n"
		"\t   LOS ANGELES (AP) _ A strong earthquake shook Southern "
		"California on Thursday, the U.S. Geological Survey said. \r\n"
		"\t   AP-WF-03-12-26 1845GMT<\r\n\x03\r\n\x04");
	cr_assert_eq(wm_feed_count(f), 1);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(a->headline, "A strong earthquake shook Southern "
	                 "California on Thursday, the U.S. Geological Survey said.");
	cr_expect_str_eq(a->slug, "BC-US--Quake,0032");
	cr_assert_eq(a->nblocks, 1, "the stamp is no paragraph");
	cr_expect_not_null(a->dateline);
	expect_meta(a, "timestamp", "AP-WF-03-12-26 1845GMT");
	wm_feed_free(f);
}

Test(tx, ap_format_line_is_header_not_headline)
{
	wm_feed *f = test_read(ctx,
		"\x16\x16\x01" "a0450\x1f" "-----\r\n"
		"r i\x13\x11 BC-Eu--Germany-Election     09-27 0450\r\n"
		"\x02" "^BC-Eu--Germany-Election,0450<\r\n"
		"\t   BERLIN (AP) _ Germans voted on Sunday in an election that "
		"polls said was too close to call between the two largest parties. \r\n"
		"\t   Turnout was higher than four years ago, officials of the "
		"federal election office said in the evening. \r\n"
		"\x03\r\n\x04");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(a->slug, "BC-Eu--Germany-Election,0450");
	cr_expect_str_eq(a->headline, "Germans voted on Sunday in an election "
	                 "that polls said was too close to call between the two "
	                 "largest parties.");
	cr_expect_eq(a->nblocks, 2);
	wm_feed_free(f);
}

/* AAP: an indented ZCZC, distribution codes after '%', an empty keyword
 * line ':', '$J' and '*X'; the first text line is the headline. */
Test(tx, aap_routing_and_format_lines_are_header)
{
	wm_feed *f = test_read(ctx,
		"   ZCZC AAP\n%MNETALL MFI MGD\n$J\n:\n:Harbour Authority\n*X\n"
		"Media release: Port traffic rises in the September quarter\n\n"
		"The authority today released its traffic figures for the "
		"quarter.\n\nNNNN\n");
	cr_assert_eq(wm_feed_count(f), 1);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(a->headline, "Media release: Port traffic rises in the "
	                 "September quarter");
	expect_meta(a, "routing", "AAP MNETALL MFI MGD");
	expect_meta(a, "category", "J");
	expect_meta(a, "format", "X");
	cr_expect_str_eq(a->slug, "Harbour Authority");
	cr_expect_eq(a->nblocks, 1);
	wm_feed_free(f);
}

/* ZCZC with no '^' line: the first line of text alone is the headline,
 * the lines under it are text; a line of short codes is routing, a
 * headline in capitals is not */
Test(tx, zczc_first_text_line_is_the_headline)
{
	wm_feed *f = test_read(ctx, "ZCZC FMG001\nYY TDR\nSAILING : Harbour Cup "
	                            "ENTRIES Friday\nWind: Light\nSea: Calm\n\nNNNN\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(a->headline, "SAILING : Harbour Cup ENTRIES Friday");
	expect_meta(a, "routing", "FMG001 YY TDR");
	cr_assert_eq(a->nblocks, 1);
	cr_expect_str_eq(a->blocks[0].text, "Wind: Light Sea: Calm");
	wm_feed_free(f);
	f = test_read(ctx, "ZCZC X1\nQUAY CRANES IDLE\n\nThe crews stopped work.\nNNNN\n");
	a = wm_feed_article(f, 0);
	cr_expect_str_eq(a->headline, "QUAY CRANES IDLE");
	expect_meta(a, "routing", "X1");
	wm_feed_free(f);
}

Test(tx, note_not_for_publication_is_metadata)
{
	wm_feed *f = test_read(ctx,
		"\x02" STORY "\n* * * *\nThis note is not for publication\n"
		"Call the desk.\n\x03");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_eq(a->nblocks, 1);
	expect_meta(a, "ednote", "* * * * This note is not for publication "
	                         "Call the desk.");
	wm_feed_free(f);
}

Test(tx, plain_copy_keeps_its_last_lines)
{
	/* no framing: a lower-case last line is text, not a desk's initials */
	wm_feed *f = test_read(ctx, STORY "\nand so on ok\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_eq(a->nblocks, 2);
	cr_expect_null(meta(a, "desk"));
	wm_feed_free(f);
}

Test(tx, zczc_messages)
{
	wm_feed *f = test_read(ctx,
		"ZCZC ADL101\nYY GEN\n$a\n:Port-Strike\n^Dock crews walk out\n\n"
		"The crews walked out on Monday.\n\nNNNN\n"
		"ZCZC ADL102\n^Talks to resume\n\nTalks resume on Tuesday.\n");
	cr_assert_eq(wm_feed_count(f), 2);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(a->headline, "Dock crews walk out");
	cr_expect_str_eq(a->slug, "Port-Strike");
	cr_expect_str_eq(a->trailer, "NNNN");
	expect_meta(a, "routing", "ADL101 YY GEN");
	expect_meta(a, "category", "a");
	const wm_article *b = wm_feed_article(f, 1);
	cr_expect_str_eq(b->headline, "Talks to resume");
	expect_meta(b, "routing", "ADL102");
	wm_feed_free(f);
}

Test(tx, end_marks_one_after_another_close_one_story)
{
	wm_feed *f = test_read(ctx, "ZCZC X1\n" STORY "(END)\nNNNN\n"
	                            "ZCZC X2\nSECOND\n\nText two.\nNNNN\n");
	cr_assert_eq(wm_feed_count(f), 2);
	cr_expect_str_eq(wm_feed_article(f, 0)->trailer, "(END) NNNN");
	cr_expect_str_eq(wm_feed_article(f, 1)->headline, "SECOND");
	wm_feed_free(f);
}

Test(tx, agate_rows_stay_preformatted)
{
	wm_feed *f = test_read(ctx, "STANDINGS\n\nTeam;W;L;Pct\nAlpha;3;1;.750\n"
	                            "Beta;1;3;.250\n");
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_eq(a->nblocks, 1);
	cr_expect_eq(a->blocks[0].type, WM_BLOCK_PREFORMATTED);
	cr_expect_str_eq(a->blocks[0].text, "Team;W;L;Pct\nAlpha;3;1;.750\n"
	                                    "Beta;1;3;.250");
	static const char credit[] = "(Reporting by A; Editing by B; C; D)";
	cr_expect_not(wm_wire_is_agate_row(credit, sizeof credit - 1));
	wm_feed_free(f);
}

/* The same feed read whole and as its bytes arrive, one at a time. */
static void same_when_streamed(const char *bytes, size_t len)
{
	wm_feed *whole = wm_read(ctx, WM_FORMAT_WIRE, bytes, len, "x", 0);
	cr_assert_not_null(whole);
	wm_splitter *sp = wm_splitter_new(ctx, WM_FORMAT_WIRE, 0, wm_read);
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		wm_splitter_push(sp, bytes + i, 1, "x");
	wm_splitter_end_source(sp, NULL);
	wm_article *a;
	while ((a = wm_splitter_next(sp)) != NULL) {
		cr_assert_lt(n, wm_feed_count(whole), "more articles streamed");
		const wm_article *w = wm_feed_article(whole, n++);
		cr_expect_str_eq(a->headline, w->headline);
		cr_expect_eq(a->nmeta, w->nmeta, "%s: meta", a->headline);
		cr_expect_eq(a->nblocks, w->nblocks, "%s: blocks", a->headline);
		wm_article_free(a);
	}
	cr_expect_eq(n, wm_feed_count(whole));
	wm_splitter_free(sp);
	wm_feed_free(whole);
}

Test(tx, streamed_as_read_whole)
{
	static const char feed[] =
		"\x01" "abc0001 3 i 120 abc 1\r\n\x02" STORY "\x03\r\n\r\n"
		"131137 GMT Nov 13\r\n\x04"
		"\x01" "abc0002 3 i 120 abc 2\r\n\x02" STORY "\x03" "AP-WF-1 2345<\x04"
		"\x02" STORY "\x03" "NEXT ONE\n\nBody.\n"
		"ZCZC A\n" STORY "(END)\n\nNNNN\nZCZC B\nLAST\n\nText.\nNNNN\n";
	same_when_streamed(feed, sizeof feed - 1);
}

/* The splitter's articles (their blocks cut from the decoded text, checked
 * by wm_article_check_cut as they are made) hold every rule of
 * wm_article_check: the samples joined by form feeds, with a transmission
 * after them, pushed in parts of several sizes; the articles handed back
 * for reuse (wm_splitter_recycle) as a stream does. */
/* Checks the articles sp has ready, counting them in *n, and hands them
 * back. */
static void check_ready(wm_splitter *sp, size_t part, size_t *n)
{
	wm_article *a;
	while ((a = wm_splitter_next(sp)) != NULL) {
		const char *why = wm_article_check(a);
		cr_expect_null(why, "part %zu, article %zu (%s): %s", part, *n,
		               a->headline, why ? why : "");
		(*n)++;
		wm_splitter_recycle(sp, a);
	}
}

static void check_streamed(const char *bytes, size_t len, size_t part)
{
	wm_splitter *sp = wm_splitter_new(ctx, WM_FORMAT_WIRE, 0, wm_read);
	size_t n = 0;
	for (size_t i = 0; i < len; i += part) {
		wm_splitter_push(sp, bytes + i, len - i < part ? len - i : part, "x");
		check_ready(sp, part, &n);
	}
	wm_splitter_end_source(sp, NULL);
	check_ready(sp, part, &n);
	cr_expect_gt(n, 30, "part %zu: %zu articles", part, n);
	wm_splitter_free(sp);
}

/* Appends a sample and a form feed between lines to the feed arg. */
static void append_sample(const char *path, void *arg)
{
	size_t n;
	char *bytes = test_slurp(path, &n);
	cr_assert_not_null(bytes, "cannot read %s", path);
	wm_buf_put(arg, bytes, n);
	wm_buf_put(arg, "\n\f\n", 3);
	free(bytes);
}

Test(tx, streamed_articles_pass_article_check)
{
	wm_buf feed = WM_BUF_INIT;
	test_each_sample(append_sample, &feed);
	static const char tx[] =
		"\x01" "abc0001 3 i 120 abc 1\r\n\x02" STORY "\x03\r\n\r\n"
		"131137 GMT Nov 13\r\n\x04"
		"ZCZC A\n" STORY "(END)\n\nNNNN\nZCZC B\nLAST\n\nText.\nNNNN\n";
	wm_buf_put(&feed, tx, sizeof tx - 1);
	size_t len = feed.len;
	static const size_t parts[] = {1, 7, 4096, (size_t)-1};
	for (size_t k = 0; k < sizeof parts / sizeof *parts; k++)
		check_streamed(feed.ptr, len, parts[k] == (size_t)-1 ? len : parts[k]);
	wm_buf_free(&feed);
}

/* ---- streamed and whole reads agree (issue 22, item 5) ------------------ */

typedef struct parts {
	const char *bytes;
	size_t len, at, part;
} parts;

/* Pulls the bytes part bytes at a time, then the end of all input. */
static long pull_parts(char *buf, size_t cap, const char **source, void *p)
{
	parts *pt = p;
	size_t n = pt->len - pt->at;
	if (n > pt->part)
		n = pt->part;
	if (n > cap)
		n = cap;
	memcpy(buf, pt->bytes + pt->at, n);
	pt->at += n;
	*source = n ? "x" : NULL;
	return (long)n;
}

static int sink_buf(const char *bytes, size_t len, void *p)
{
	wm_buf_put(p, bytes, len);
	return 0;
}

/* The JSON form of bytes read whole (wm_read, wm_write) and streamed in
 * parts of 1, 2, 3 and 4096 bytes (wm_convert_stream): byte for byte. */
static void same_json_streamed(const char *bytes, size_t len)
{
	wm_feed *whole = wm_read(ctx, WM_FORMAT_WIRE, bytes, len, "x", 0);
	char *out = NULL;
	size_t outlen = 0;
	if (whole)
		cr_assert_eq(wm_write(ctx, whole, WM_FORMAT_JSON, 0, &out, &outlen),
		             WM_OK);
	static const size_t sizes[] = {1, 2, 3, 4096};
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		parts pt = {bytes, len, 0, sizes[k]};
		wm_buf got = WM_BUF_INIT;
		int rc = wm_convert_stream(ctx, WM_FORMAT_WIRE, 0, pull_parts, &pt,
		                           WM_FORMAT_JSON, 0, sink_buf, &got);
		cr_expect_eq(rc, whole ? WM_OK : WM_ERR_INPUT, "parts of %zu", sizes[k]);
		cr_expect(got.len == outlen && (!outlen || !memcmp(got.ptr, out, outlen)),
		          "parts of %zu: streamed\n%.*s\nwhole\n%.*s", sizes[k],
		          (int)got.len, got.ptr ? got.ptr : "", (int)outlen,
		          out ? out : "");
		wm_buf_free(&got);
	}
	free(out);
	wm_feed_free(whole);
}

/* Bytes the decoder drops or changes (DEL, C1 controls, a lone CR, a byte
 * order mark inside the input) make a line blank, or two lines of one:
 * the splitter judges the lines the reader reads. */
Test(tx, streamed_as_whole_after_decoding)
{
#define SAME(lit) same_json_streamed(lit, sizeof lit - 1)
	SAME("\x7f\n###\n#\n");                      /* DEL: a blank line */
	SAME("S\x02\n###\no");
	SAME("\xc2\x85\n###\n#\n");                  /* NEL: likewise */
	SAME("HEAD\n\nText.\n###\n\xc2\x85\nNEXT\n\nMore.\n");
	SAME("HEAD\n\nText.\n###\n\x16\x7f \nNEXT\n\nMore.\n");
	SAME("HEAD\n\nText.\r###\rNEXT\r\rMore.\n");          /* lone CRs */
	SAME("HEAD\n\nText.\r\r\n###\r\r\nNEXT\n\nMore.\n");
	SAME("HEAD\n\nText.\n\x04\xef\xbb\xbf\nNEXT\n\nMore.\n"); /* BOM */
	SAME("HEAD\n\nText.\n\x04\xef\xbb\xbfNEXT\n\nMore.\n");
	SAME("HEAD\n\nText.\n#\x7f##\nNEXT\n\nMore.\n");
#undef SAME
}

/* ---- the end of a pull (issue 22, item 6) -------------------------------- */

typedef struct over_file {
	FILE *f;
	unsigned calls;
	char name[8]; /* the name of each source, in one buffer */
} over_file;

/* A pull written over fread, naming its source on every call, at the end
 * too; it gives up (-1) after 100 calls, where a conversion that never ends
 * would go on for ever. */
static long pull_fread(char *buf, size_t cap, const char **source, void *p)
{
	over_file *o = p;
	if (++o->calls > 100)
		return -1;
	*source = "feed";
	return (long)fread(buf, 1, cap, o->f);
}

static unsigned stream_over(const char *text, wm_pull_fn pull, int *rc)
{
	over_file o = {fmemopen((void *)text, strlen(text) ? strlen(text) : 1, "r"),
	               0, ""};
	cr_assert_not_null(o.f);
	if (!*text)
		fgetc(o.f); /* fmemopen takes no empty buffer: read its byte */
	wm_buf out = WM_BUF_INIT;
	diags.count = diags.errors = 0;
	*rc = wm_convert_stream(ctx, WM_FORMAT_WIRE, 0, pull, &o, WM_FORMAT_JSON,
	                        0, sink_buf, &out);
	fclose(o.f);
	wm_buf_free(&out);
	return o.calls;
}

/* The second end of the same source in a row is the end of the input. */
Test(tx, pull_naming_its_source_at_the_end_ends)
{
	int rc;
	unsigned calls = stream_over("HEAD\n\nText.\n", pull_fread, &rc);
	cr_expect_eq(rc, WM_OK);
	cr_expect_eq(calls, 3, "%u calls", calls);
	cr_expect_eq(diags.count, 0, "%u messages: %s", diags.count, diags.last);
	calls = stream_over("", pull_fread, &rc);
	cr_expect_eq(rc, WM_ERR_INPUT);
	cr_expect_eq(calls, 2, "%u calls", calls);
	cr_expect_eq(diags.errors, 1, "%u errors: %s", diags.errors, diags.last);
	cr_expect(strstr(diags.last, "no article"), "%s", diags.last);
}

/* Sources of other names (in the same buffer) that end with no byte each
 * are sources, not the end: "a" and "b" are empty, "c" is read. */
static long pull_named(char *buf, size_t cap, const char **source, void *p)
{
	over_file *o = p;
	if (++o->calls > 100)
		return -1;
	const char *names = "abcc";
	o->name[0] = o->calls <= 4 ? names[o->calls - 1] : 'c';
	o->name[1] = '\0';
	*source = o->name;
	return o->calls == 3 ? (long)fread(buf, 1, cap, o->f) : 0;
}

Test(tx, pull_empty_sources_of_other_names_go_on)
{
	int rc;
	unsigned calls = stream_over("HEAD\n\nText.\n", pull_named, &rc);
	cr_expect_eq(rc, WM_OK);
	cr_expect_eq(calls, 5, "%u calls", calls);
	cr_expect_eq(diags.errors, 2, "%u errors (a, b empty)", diags.errors);
}
