/* The NITF and NewsML readers (read/xml/nitf.c, newsml.c, news.c) on the
 * variants agencies send, and the detection of their formats.  The
 * samples' whole outputs are in test_expected.c; bad input in
 * bad_input.py and test_xml_safety.c. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "read/xml/news.h"

static wm_feed *read_as(wm_context *ctx, wm_format f, const char *doc)
{
	wm_feed *feed = wm_read(ctx, f, doc, strlen(doc), "t.xml", 0);
	const char *msg = NULL;
	if (feed)
		cr_assert_eq(wm_feed_check(feed, &msg), WM_OK, "%s", msg);
	return feed;
}

static const char *meta_of(const wm_article *a, const char *key)
{
	for (size_t i = 0; i < a->nmeta; i++)
		if (!strcmp(a->meta[i].key, key))
			return a->meta[i].value;
	return NULL;
}

/* ---- dates --------------------------------------------------------------- */

Test(iptc, iso_dates_of_the_three_forms)
{
	static const char *const cases[][2] = {
		{"20131020T192751+1100", "2013-10-20T19:27:51+11:00"},
		{"2016-05-12T00:05:13+02:00", "2016-05-12T00:05:13+02:00"},
		{"2016-04-13 04:52:21+00:00", "2016-04-13T04:52:21+00:00"},
		{"20160512", "2016-05-12"},
		{"20160512T000000Z", "2016-05-12T00:00:00Z"},
		{"2016-05-12T10:00:00.250-05:00", "2016-05-12T10:00:00-05:00"},
		{"20160231", NULL},   /* no such day */
		{"2016-05-12T25:00", NULL},
		{"May 12, 2016", NULL},
		{"2016-05-12T10:00:00+2", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *iso = wm_news_iso(cases[i][0]);
		if (cases[i][1])
			cr_expect_str_eq(iso ? iso : "(null)", cases[i][1], "%s",
			                 cases[i][0]);
		else
			cr_expect_null(iso, "%s gave %s", cases[i][0], iso);
		free(iso);
	}
}

/* ---- encodings ----------------------------------------------------------- */

#define NITF_WITH(decl, text)                                                  \
	"<?xml version=\"1.0\" encoding=\"" decl "\"?>\n<nitf><body><body.head>"  \
	"<hedline><hl1>" text "</hl1></hedline></body.head><body.content><p>"    \
	"Text.</p></body.content></body></nitf>"

Test(iptc, iso_8859_1_that_is_utf8_read_as_utf8_with_a_warning)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_as(ctx, WM_FORMAT_NITF,
	                     NITF_WITH("ISO-8859-1", "Caf\xC3\xA9 owners"));
	cr_assert_not_null(f, "%s", d.last);
	cr_expect_str_eq(wm_article_headline(wm_feed_article(f, 0)),
	                 "Caf\xC3\xA9 owners");
	cr_expect_eq(d.count, 1);
	cr_expect_eq(d.last_code, WM_DIAG_INVALID_UTF8);
	cr_expect(d.last_line == 1 && d.last_col == 31, "%u:%u", d.last_line,
	          d.last_col);
	cr_expect(strstr(d.last, "says ISO-8859-1 but the bytes are UTF-8"),
	          "%s", d.last);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(iptc, true_iso_8859_1_read_as_declared)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_as(ctx, WM_FORMAT_NITF,
	                     NITF_WITH("iso-8859-1", "Caf\xE9 owners"));
	cr_assert_not_null(f, "%s", d.last);
	cr_expect_str_eq(wm_article_headline(wm_feed_article(f, 0)),
	                 "Caf\xC3\xA9 owners");
	cr_expect_eq(d.count, 0, "%s", d.last);
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* ---- NITF ---------------------------------------------------------------- */

#define NITF_BODY(head, content)                                               \
	"<nitf><head><title>Title here</title></head><body><body.head>" head      \
	"</body.head><body.content>" content "</body.content></body></nitf>"

/* The first paragraph repeats the dateline element: printed once. */
Test(iptc, dateline_in_element_and_paragraph_printed_once)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_as(ctx, WM_FORMAT_NITF, NITF_BODY(
		"<hedline><hl1>H</hl1></hedline><dateline>SYDNEY March 22 AAP -"
		"</dateline>", "<p>SYDNEY March 22 AAP - Shares rose.</p>"));
	cr_assert_not_null(f, "%s", d.last);
	const wm_article *a = wm_feed_article(f, 0);
	cr_assert_not_null(wm_article_dateline(a));
	cr_expect_str_eq(wm_dateline_text(wm_article_dateline(a)),
	                 "SYDNEY March 22 AAP -");
	cr_expect_str_eq(wm_dateline_agency(wm_article_dateline(a)), "AAP");
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)), "Shares rose.");
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* The dateline element alone (free text): the paragraph keeps its text. */
Test(iptc, dateline_free_text_and_story_date)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_as(ctx, WM_FORMAT_NITF, NITF_BODY(
		"<hedline><hl1>H</hl1></hedline><dateline><location><city>SALVADOR"
		"</city></location>, <story.date norm=\"19870226T000000-0300\">Feb 26"
		"</story.date> -</dateline>", "<p>Showers continued.</p>"));
	cr_assert_not_null(f, "%s", d.last);
	const wm_dateline *dl = wm_article_dateline(wm_feed_article(f, 0));
	cr_assert_not_null(dl);
	cr_expect_str_eq(wm_dateline_place(dl), "SALVADOR");
	cr_expect_str_eq(wm_dateline_date(dl), "Feb 26");
	cr_expect_str_eq(wm_dateline_iso_date(dl), "1987-02-26");
	cr_expect_str_eq(wm_block_text(wm_article_block(wm_feed_article(f, 0), 0)),
	                 "Showers continued.");
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* A dateline element with no dash and a paragraph that holds none: kept
 * in meta, the paragraph whole. */
Test(iptc, dateline_without_dash_kept_in_meta)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_as(ctx, WM_FORMAT_NITF, NITF_BODY(
		"<hedline><hl1>H</hl1></hedline><dateline><location><city>OSLO"
		"</city></location></dateline>", "<p>The fjord froze.</p>"));
	cr_assert_not_null(f, "%s", d.last);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_null(wm_article_dateline(a));
	cr_expect_str_eq(meta_of(a, "dateline"), "OSLO");
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)), "The fjord froze.");
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(iptc, bylines_persons_and_titles)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_as(ctx, WM_FORMAT_NITF, NITF_BODY(
		"<hedline><hl1>H</hl1></hedline>"
		"<byline>By <person>JANE DOE</person> and <person>JOHN ROE</person>"
		"<byttl>Associated Press Writers</byttl></byline>"
		"<byline>Contributing: <person>Ann Lee</person></byline>",
		"<p>Text.</p>"));
	cr_assert_not_null(f, "%s", d.last);
	cr_expect_str_eq(wm_article_byline(wm_feed_article(f, 0)),
	                 "By JANE DOE and JOHN ROE\nAssociated Press Writers\n"
	                 "Contributing: Ann Lee");
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* No hl1: head/title is the headline; hl1 given: a title that differs
 * goes to meta.title. */
Test(iptc, title_when_no_hl1)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_as(ctx, WM_FORMAT_NITF, NITF_BODY("", "<p>Text.</p>"));
	cr_assert_not_null(f, "%s", d.last);
	cr_expect_str_eq(wm_article_headline(wm_feed_article(f, 0)), "Title here");
	wm_feed_free(f);
	f = read_as(ctx, WM_FORMAT_NITF, NITF_BODY(
		"<hedline><hl1>Hl1 here</hl1></hedline>", "<p>Text.</p>"));
	cr_assert_not_null(f, "%s", d.last);
	cr_expect_str_eq(wm_article_headline(wm_feed_article(f, 0)), "Hl1 here");
	cr_expect_str_eq(meta_of(wm_feed_article(f, 0), "title"), "Title here");
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* ---- NewsML-G2 ----------------------------------------------------------- */

#define ITEM(cls, content)                                                     \
	"<newsItem guid=\"urn:x:" cls "\"><itemMeta><itemClass qcode=\"ninat:"   \
	cls "\"/></itemMeta><contentMeta><headline>Headline of " cls             \
	"</headline></contentMeta><contentSet>" content "</contentSet>"           \
	"</newsItem>"

Test(iptc, remote_content_gives_metadata_only)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_as(ctx, WM_FORMAT_NEWSML, ITEM("text",
		"<remoteContent href=\"https://x.example/a.txt\" "
		"contenttype=\"text/plain\"/>"));
	cr_assert_not_null(f, "%s", d.last);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(wm_article_headline(a), "Headline of text");
	cr_expect_eq(wm_article_block_count(a), 0);
	cr_expect_str_eq(meta_of(a, "remote_href"), "https://x.example/a.txt");
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(iptc, message_of_pictures_only_is_an_error)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_as(ctx, WM_FORMAT_NEWSML,
		"<newsMessage><itemSet>"
		ITEM("picture", "<remoteContent href=\"a.jpg\"/>")
		ITEM("video", "<remoteContent href=\"a.mp4\"/>")
		"</itemSet></newsMessage>");
	cr_expect_null(f);
	cr_expect_eq(d.errors, 1);
	cr_expect(strstr(d.last, "no item of text (every item was skipped)"),
	          "%s", d.last);
	cr_expect_eq(d.count, 3, "two notes and an error: %u", d.count);
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* inlineData that starts with the headline: not given twice. */
Test(iptc, inline_data_with_its_headline)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_as(ctx, WM_FORMAT_NEWSML, ITEM("text",
		"<inlineData contenttype=\"text/plain\">Headline of text\n\n"
		"LONDON, March 3 (Reuters) - Markets fell.\n\nReuter\n</inlineData>"));
	cr_assert_not_null(f, "%s", d.last);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(wm_article_headline(a), "Headline of text");
	cr_expect_eq(wm_article_block_count(a), 1);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)), "Markets fell.");
	cr_expect_str_eq(wm_article_trailer(a), "Reuter");
	cr_expect_str_eq(wm_dateline_agency(wm_article_dateline(a)), "Reuters");
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* ---- detection ----------------------------------------------------------- */

Test(iptc, detect)
{
	static const struct {
		const char *name, *bytes;
		int format;
	} cases[] = {
		{"a.nitf", "", WM_FORMAT_NITF},
		{"a.NITF", "anything", WM_FORMAT_NITF},
		{"a.xml", "<nitf><head/></nitf>", WM_FORMAT_NITF},
		{"a.xml", "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c [ -->\n"
		          "<!DOCTYPE nitf SYSTEM \"nitf.dtd\" [<!ENTITY x \">\">]>"
		          "<nitf>", WM_FORMAT_NITF},
		{"a.xml", "<newsItem guid=\"x\">", WM_FORMAT_NEWSML},
		{"a.xml", "<g2:newsMessage xmlns:g2=\"x\">", WM_FORMAT_NEWSML},
		{"a.xml", "<packageItem>", WM_FORMAT_NEWSML},
		{"a.xml", "<?xml version=\"1.0\"?><NewsML Version=\"1.2\">",
		 WM_FORMAT_NEWSML},
		{"a.xml", "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">", WM_FORMAT_TEI},
		{"feed", "<?xml version=\"1.0\"?>\n<newsItem>", WM_FORMAT_NEWSML},
		{"a.xml", "<rss version=\"2.0\">", -1},
		{"a.txt", "<nitf>", -1},
		{"a.txt", "HEADLINE\n\nText.", -1},
		{NULL, NULL, -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *b = cases[i].bytes;
		cr_expect_eq(wm_format_detect(cases[i].name, b, b ? strlen(b) : 0),
		             cases[i].format, "case %zu (%s)", i,
		             cases[i].name ? cases[i].name : "NULL");
	}
}
