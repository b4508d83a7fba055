/* The TEI reader (wiremark's TEI read back to the same tree; plain TEI news
 * read sensibly; hostile XML refused) and wm_validate for every format. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* Every message, one a line, as "FILE:LINE:COL: error|warning: text". */
typedef struct messages {
	char text[8192];
	size_t len;
	unsigned errors, warnings;
	wm_diag_code first_error_code;
	unsigned first_error_line, first_error_col;
} messages;

static void collect(const wm_diag *d, void *userdata)
{
	messages *m = userdata;
	if (d->severity == WM_SEVERITY_ERROR && m->errors++ == 0) {
		m->first_error_code = d->code;
		m->first_error_line = d->line;
		m->first_error_col = d->col;
	} else if (d->severity == WM_SEVERITY_WARNING) {
		m->warnings++;
	}
	if (m->len < sizeof m->text)
		m->len += (size_t)snprintf(m->text + m->len, sizeof m->text - m->len,
		                           "%s:%u:%u: %s: %s\n", d->file, d->line,
		                           d->col,
		                           d->severity == WM_SEVERITY_ERROR
		                               ? "error" : "warning",
		                           d->message);
}

static wm_context *context(messages *m)
{
	memset(m, 0, sizeof *m);
	wm_context *ctx = wm_context_new();
	wm_context_set_diag(ctx, collect, m);
	return ctx;
}

static wm_feed *read_tei(wm_context *ctx, const char *xml)
{
	wm_feed *feed = wm_read(ctx, WM_FORMAT_TEI, xml, strlen(xml), "news.xml", 0);
	if (feed) {
		const char *msg = NULL;
		cr_assert_eq(wm_feed_check(feed, &msg), WM_OK, "tree rule broken: %s",
		             msg ? msg : "?");
	}
	return feed;
}

static char *json_of(wm_context *ctx, const wm_feed *feed)
{
	char *out = NULL;
	cr_assert_eq(wm_write(ctx, feed, WM_FORMAT_JSON, 0, &out, NULL), WM_OK);
	return out;
}

#define TEI_START "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">"
#define HEADER                                                                \
	"<teiHeader><fileDesc><titleStmt><title>Header title</title>"            \
	"</titleStmt><publicationStmt><p>x</p></publicationStmt>"                \
	"<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>\n"

/* ---- wiremark's TEI back to the same tree -------------------------------- */

static int is_txt(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

/* Reads wire text, writes TEI, reads it back and compares the JSON forms
 * (source and line included: the TEI header records them). */
static void round_trip(const char *bytes, size_t len, const char *name)
{
	messages m;
	wm_context *ctx = context(&m);
	wm_context_set_date(ctx, "2026-11-28");
	wm_feed *wire = wm_read(ctx, WM_FORMAT_WIRE, bytes, len, name, 0);
	cr_assert_not_null(wire, "%s: %s", name, m.text);
	char *tei = NULL;
	size_t tlen = 0;
	cr_assert_eq(wm_write(ctx, wire, WM_FORMAT_TEI, 0, &tei, &tlen), WM_OK);
	wm_feed *back = wm_read(ctx, WM_FORMAT_TEI, tei, tlen, "back.xml", 0);
	cr_assert_not_null(back, "%s: TEI not read back: %s", name, m.text);
	const char *msg = NULL;
	cr_expect_eq(wm_feed_check(back, &msg), WM_OK, "%s: %s", name, msg);
	char *want = json_of(ctx, wire), *got = json_of(ctx, back);
	cr_expect_str_eq(got, want, "%s: read back differs", name);
	free(want);
	free(got);
	free(tei);
	wm_feed_free(back);
	wm_feed_free(wire);
	wm_context_free(ctx);
}

Test(tei, every_sample_reads_back_to_the_same_tree)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/samples", test_source_root());
	DIR *d = opendir(dir);
	cr_assert_not_null(d);
	struct dirent *e;
	size_t n = 0;
	char feed[1 << 16];
	size_t flen = 0;
	while ((e = readdir(d)) != NULL) {
		if (!is_txt(e->d_name))
			continue;
		char path[4400];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		size_t len;
		char *bytes = test_slurp(path, &len);
		cr_assert_not_null(bytes);
		round_trip(bytes, len, e->d_name);
		if (flen + len + 1 < sizeof feed) { /* all of them, as a feed */
			memcpy(feed + flen, bytes, len);
			flen += len;
			feed[flen++] = '\f';
		}
		free(bytes);
		n++;
	}
	closedir(d);
	cr_expect_geq(n, 10);
	round_trip(feed, flen, "feed.txt");
}

Test(tei, source_and_line_come_from_the_header)
{
	messages m;
	wm_context *ctx = context(&m);
	const char *wire = "\n\nA HEADLINE\n\nLONDON, March 3 - Text.\n\nReuter\n";
	wm_feed *f = wm_read(ctx, WM_FORMAT_WIRE, wire, strlen(wire), "in/a.txt", 0);
	char *tei = NULL;
	cr_assert_eq(wm_write(ctx, f, WM_FORMAT_TEI, 0, &tei, NULL), WM_OK);
	cr_expect(strstr(tei, "<idno type=\"source\">in/a.txt</idno>"), "%s", tei);
	cr_expect(strstr(tei, "<biblScope unit=\"line\" from=\"3\">"), "%s", tei);
	wm_feed *back = read_tei(ctx, tei);
	const wm_article *a = wm_feed_article(back, 0);
	cr_expect_str_eq(wm_article_source(a), "in/a.txt");
	cr_expect_eq(wm_article_line(a), 3);
	free(tei);
	wm_feed_free(back);
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* ---- plain TEI news ------------------------------------------------------ */

static const char plain_news[] =
	"<?xml version=\"1.0\"?>\n" TEI_START "\n" HEADER
	"<text><body>\n"
	"  <div type=\"story\">\n"
	"    <head>Storm Closes\n      Ports</head>\n"
	"    <byline>By <docAuthor>Ann Lee</docAuthor></byline>\n"
	"    <dateline>LONDON, March 3 (Reuters) -</dateline>\n"
	"    <p>Ports shut on <hi rend=\"italic\">Monday</hi><note>a note</note>\n"
	"       as winds rose.</p>\n"
	"    <p>Ferries  stayed in   harbour.</p>\n"
	"    <trailer>Reuter</trailer>\n"
	"  </div>\n"
	"</body></text></TEI>\n";

Test(tei, plain_news_is_read_sensibly)
{
	messages m;
	wm_context *ctx = context(&m);
	wm_context_set_date(ctx, "1987-04-01");
	wm_feed *f = read_tei(ctx, plain_news);
	cr_assert_not_null(f, "%s", m.text);
	cr_assert_eq(wm_feed_count(f), 1);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(wm_article_headline(a), "Storm Closes Ports");
	cr_expect_str_eq(wm_article_byline(a), "By Ann Lee");
	const wm_dateline *d = wm_article_dateline(a);
	cr_assert_not_null(d);
	cr_expect_str_eq(wm_dateline_text(d), "LONDON, March 3 (Reuters) -");
	cr_expect_str_eq(wm_dateline_place(d), "LONDON");
	cr_expect_str_eq(wm_dateline_agency(d), "Reuters");
	cr_expect_str_eq(wm_dateline_dash(d), "-");
	cr_expect_str_eq(wm_dateline_iso_date(d), "1987-03-03");
	cr_assert_eq(wm_article_block_count(a), 2);
	/* a run of white space with a line break is one space; other runs
	 * are kept as written; the note is left out, with a warning */
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)),
	                 "Ports shut on Monday as winds rose.");
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 1)),
	                 "Ferries  stayed in   harbour.");
	cr_expect(strstr(m.text, "note is left out"), "%s", m.text);
	cr_expect_str_eq(wm_article_trailer(a), "Reuter");
	cr_expect_str_eq(wm_article_source(a), "news.xml");
	cr_expect_eq(wm_article_line(a), 6, "the head's line");
	cr_expect_eq(m.errors, 0, "%s", m.text);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(tei, marked_up_dateline_parts)
{
	messages m;
	wm_context *ctx = context(&m);
	wm_feed *f = read_tei(ctx, TEI_START HEADER "<text><body><div><head>H</head>"
	                      "<dateline><placeName><settlement>PORTLAND</settlement>, "
	                      "<region>Ore.</region></placeName>, <date when=\"1987-02-26\">"
	                      "Feb 26</date> <pc>--</pc></dateline><p>Text.</p>"
	                      "</div></body></text></TEI>");
	cr_assert_not_null(f, "%s", m.text);
	const wm_dateline *d = wm_article_dateline(wm_feed_article(f, 0));
	cr_assert_not_null(d);
	cr_expect_str_eq(wm_dateline_text(d), "PORTLAND, Ore., Feb 26 --");
	cr_expect_str_eq(wm_dateline_place(d), "PORTLAND");
	cr_expect_str_eq(wm_dateline_region(d), "Ore.");
	cr_expect_str_eq(wm_dateline_date(d), "Feb 26");
	cr_expect_str_eq(wm_dateline_iso_date(d), "1987-02-26");
	cr_expect_str_eq(wm_dateline_dash(d), "--");
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* A dateline needs no dash (docs/datelines.md: a credit or a date may end
 * it): TEI's <dateline> with none is read as one, its dash NULL. */
Test(tei, dateline_without_dash)
{
	messages m;
	wm_context *ctx = context(&m);
	wm_feed *f = read_tei(ctx, TEI_START HEADER "<text><body><div><head>H</head>"
	                      "<dateline><placeName>Paris</placeName>, "
	                      "<date when=\"2024-05-03\">3 May</date></dateline>"
	                      "<p>Text.</p></div></body></text></TEI>");
	cr_assert_not_null(f, "%s", m.text);
	const wm_article *a = wm_feed_article(f, 0);
	const wm_dateline *d = wm_article_dateline(a);
	cr_assert_not_null(d, "%s", m.text);
	cr_expect_str_eq(wm_dateline_text(d), "Paris, 3 May");
	cr_expect_str_eq(wm_dateline_place(d), "Paris");
	cr_expect_str_eq(wm_dateline_date(d), "3 May");
	cr_expect_str_eq(wm_dateline_iso_date(d), "2024-05-03");
	cr_expect_null(wm_dateline_dash(d));
	cr_assert_eq(wm_article_block_count(a), 1);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)), "Text.");
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* With neither a place nor a credit it is no dateline: a paragraph. */
Test(tei, dateline_without_place_is_a_paragraph)
{
	messages m;
	wm_context *ctx = context(&m);
	wm_feed *f = read_tei(ctx, TEI_START HEADER "<text><body><div><head>H</head>"
	                      "<dateline><date when=\"2024-05-03\">3 May</date></dateline>"
	                      "<p>Text.</p></div></body></text></TEI>");
	cr_assert_not_null(f, "%s", m.text);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_null(wm_article_dateline(a));
	cr_assert_eq(wm_article_block_count(a), 2);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)), "3 May");
	cr_expect(strstr(m.text, "no place nor agency"), "%s", m.text);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(tei, corpus_divs_and_header_title)
{
	messages m;
	wm_context *ctx = context(&m);
	wm_feed *f = read_tei(ctx,
		"<teiCorpus xmlns=\"http://www.tei-c.org/ns/1.0\">" HEADER
		/* a day holding two articles */
		TEI_START HEADER "<text><body><div type=\"day\">"
		"<div><head>One</head><p>a</p></div>"
		"<div><head>Two</head><head type=\"sub\">Deck</head><p>b</p></div>"
		"</div></body></text></TEI>"
		/* no div, no head: the header's title */
		TEI_START HEADER "<text><body><p>c</p><p>d</p></body></text></TEI>"
		"</teiCorpus>");
	cr_assert_not_null(f, "%s", m.text);
	cr_assert_eq(wm_feed_count(f), 3);
	cr_expect_str_eq(wm_article_headline(wm_feed_article(f, 0)), "One");
	cr_expect_str_eq(wm_article_headline(wm_feed_article(f, 1)), "Two");
	cr_expect_str_eq(wm_article_deck(wm_feed_article(f, 1)), "Deck");
	cr_expect_str_eq(wm_article_headline(wm_feed_article(f, 2)), "Header title");
	cr_expect_eq(wm_article_block_count(wm_feed_article(f, 2)), 2);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(tei, table_rows_become_aligned_lines)
{
	messages m;
	wm_context *ctx = context(&m);
	wm_feed *f = read_tei(ctx, TEI_START HEADER "<text><body><div><head>H</head>"
	                      "<table><row><cell>Shr</cell><cell>41 cts</cell></row>"
	                      "<row><cell>Net income</cell><cell>6,120,000</cell></row>"
	                      "</table></div></body></text></TEI>");
	cr_assert_not_null(f, "%s", m.text);
	const wm_block *b = wm_article_block(wm_feed_article(f, 0), 0);
	cr_assert_not_null(b);
	cr_expect_eq(wm_block_type_of(b), WM_BLOCK_PREFORMATTED);
	cr_expect_str_eq(wm_block_text(b), "Shr         41 cts\n"
	                                   "Net income  6,120,000");
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* ---- hostile and broken XML ---------------------------------------------- */

static void expect_refused(const char *xml, unsigned line, const char *what)
{
	messages m;
	wm_context *ctx = context(&m);
	wm_feed *f = read_tei(ctx, xml);
	cr_expect_null(f, "%s was read", what);
	cr_expect_eq(m.first_error_code, WM_DIAG_MALFORMED, "%s: %s", what, m.text);
	cr_expect_eq(m.first_error_line, line, "%s: %s", what, m.text);
	cr_expect(strstr(m.text, "news.xml:"), "%s: %s", what, m.text);
	cr_expect_null(strstr(m.text, "root:"), "%s: a file was read: %s", what,
	               m.text);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(tei, external_entities_are_refused)
{
	expect_refused("<?xml version=\"1.0\"?>\n"
	               "<!DOCTYPE TEI [\n"
	               "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
	               "]>\n" TEI_START HEADER "<text><body><div><head>&xxe;</head>"
	               "<p>x</p></div></body></text></TEI>",
	               3, "an external entity (XXE)");
	expect_refused("<?xml version=\"1.0\"?>\n"
	               "<!DOCTYPE TEI [\n"
	               "<!ENTITY % p SYSTEM \"file:///etc/passwd\">\n"
	               "%p;\n"
	               "]>\n" TEI_START HEADER "<text><body><div><head>H</head>"
	               "<p>x</p></div></body></text></TEI>",
	               3, "an external parameter entity");
}

Test(tei, entity_bombs_are_refused_at_the_first_declaration)
{
	/* "billion laughs": 10^9 "lol" if expanded; refused where the first
	 * entity is declared, before any expansion */
	expect_refused("<?xml version=\"1.0\"?>\n"
	               "<!DOCTYPE TEI [\n"
	               "<!ENTITY lol \"lol\">\n"
	               "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	               "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	               "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	               "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	               "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
	               "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
	               "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
	               "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
	               "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
	               "]>\n" TEI_START HEADER "<text><body><div><head>&lol9;</head>"
	               "<p>x</p></div></body></text></TEI>",
	               3, "billion laughs");
}

Test(tei, external_dtd_is_not_loaded)
{
	/* were the DTD loaded, /etc/passwd would not parse as one */
	messages m;
	wm_context *ctx = context(&m);
	wm_feed *f = read_tei(ctx, "<!DOCTYPE TEI SYSTEM \"file:///etc/passwd\">\n"
	                      TEI_START HEADER "<text><body><div><head>H</head>"
	                      "<p>a &amp; b</p></div></body></text></TEI>");
	cr_assert_not_null(f, "%s", m.text);
	cr_expect_str_eq(wm_block_text(wm_article_block(wm_feed_article(f, 0), 0)),
	                 "a & b");
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(tei, entities_of_an_unread_dtd_are_left_out_with_a_warning)
{
	messages m;
	wm_context *ctx = context(&m);
	wm_feed *f = read_tei(ctx, "<!DOCTYPE TEI SYSTEM \"tei.dtd\">\n"
	                      TEI_START HEADER "<text><body><div><head>H</head>"
	                      "<p>a &mdash; b</p></div></body></text></TEI>");
	cr_assert_not_null(f, "%s", m.text);
	cr_expect_str_eq(wm_block_text(wm_article_block(wm_feed_article(f, 0), 0)),
	                 "a  b");
	cr_expect(strstr(m.text, "&mdash;"), "%s", m.text);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(tei, xinclude_is_not_followed)
{
	messages m;
	wm_context *ctx = context(&m);
	wm_feed *f = read_tei(ctx, TEI_START HEADER "<text><body><div><head>H</head>"
	                      "<p>a<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\""
	                      " href=\"/etc/passwd\" parse=\"text\"/>b</p>"
	                      "</div></body></text></TEI>");
	cr_assert_not_null(f, "%s", m.text);
	cr_expect_str_eq(wm_block_text(wm_article_block(wm_feed_article(f, 0), 0)),
	                 "ab");
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(tei, malformed_xml_is_located)
{
	messages m;
	wm_context *ctx = context(&m);
	wm_feed *f = read_tei(ctx, TEI_START "\n<text>\n<body>\n  <p>x</div>\n");
	cr_expect_null(f);
	cr_expect_eq(m.first_error_code, WM_DIAG_MALFORMED, "%s", m.text);
	cr_expect_eq(m.first_error_line, 4, "%s", m.text);
	cr_expect_gt(m.first_error_col, 0, "%s", m.text);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(tei, not_tei_and_empty_are_errors)
{
	static const char *const bad[] = {
		"<html><body><p>x</p></body></html>",
		"",
		TEI_START HEADER "</TEI>", /* no text: no article */
		"<TEI xmlns=\"http://example.com/\"><text/></TEI>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		messages m;
		wm_context *ctx = context(&m);
		wm_feed *f = read_tei(ctx, bad[i]);
		cr_expect_null(f, "input %zu read", i);
		cr_expect_gt(m.errors, 0, "input %zu: no error", i);
		wm_feed_free(f);
		wm_context_free(ctx);
	}
}

/* ---- wm_validate --------------------------------------------------------- */

static const struct {
	wm_format format;
	unsigned options;
} outputs[] = {
	{WM_FORMAT_TEI, 0},      {WM_FORMAT_HTML, 0},
	{WM_FORMAT_HTML, WM_WRITE_STANDALONE},
	{WM_FORMAT_MARKDOWN, 0}, {WM_FORMAT_MARKDOWN, WM_WRITE_STANDALONE},
	{WM_FORMAT_JSON, 0},
};

static void expect_valid(const char *bytes, size_t len, const char *name)
{
	messages m;
	wm_context *ctx = context(&m);
	wm_context_set_date(ctx, "2026-11-28");
	wm_feed *f = wm_read(ctx, WM_FORMAT_WIRE, bytes, len, name, 0);
	cr_assert_not_null(f);
	for (size_t k = 0; k < sizeof outputs / sizeof *outputs; k++) {
		char *out = NULL;
		size_t olen = 0;
		cr_assert_eq(wm_write(ctx, f, outputs[k].format, outputs[k].options,
		                      &out, &olen), WM_OK);
		int rc = wm_validate(ctx, f, outputs[k].format, outputs[k].options,
		                     out, olen, name);
		cr_expect_eq(rc, WM_OK, "%s as %s (%u): %s", name,
		             wm_format_name(outputs[k].format), outputs[k].options,
		             m.text);
		free(out);
	}
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(validate, every_sample_in_every_format)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/samples", test_source_root());
	DIR *d = opendir(dir);
	cr_assert_not_null(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_txt(e->d_name))
			continue;
		char path[4400];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		size_t len;
		char *bytes = test_slurp(path, &len);
		expect_valid(bytes, len, e->d_name);
		free(bytes);
	}
	closedir(d);
	const char *feed = "ONE\n\nLONDON - a.\n\fTWO\n\nBy X\n\nb.\n\nReuter\n";
	expect_valid(feed, strlen(feed), "feed.txt");
}

/* Validates doc as an output of the one-article feed of wire text. */
static int validate_doc(messages *m, wm_format format, unsigned options,
                        const char *doc)
{
	wm_context *ctx = context(m);
	const char *wire = "A HEADLINE\n\nLONDON - Text.\n\nMore.\n";
	wm_feed *f = wm_read(ctx, WM_FORMAT_WIRE, wire, strlen(wire), "a.txt", 0);
	int rc = wm_validate(ctx, f, format, options, doc, strlen(doc), "out");
	wm_feed_free(f);
	wm_context_free(ctx);
	return rc;
}

Test(validate, problems_are_located)
{
	messages m;
	/* a TEI header without publisher: TEI wants one */
	cr_expect_eq(validate_doc(&m, WM_FORMAT_TEI, 0,
	             "<?xml version=\"1.0\"?>\n" TEI_START "\n<teiHeader>\n<fileDesc>"
	             "\n<titleStmt><title>T</title></titleStmt>\n<publicationStmt>\n"
	             "<p>none</p>\n</publicationStmt>\n<sourceDesc><p>x</p>"
	             "</sourceDesc>\n</fileDesc>\n</teiHeader>\n</TEI>\n"),
	             WM_ERR_INPUT);
	cr_expect_eq(m.first_error_code, WM_DIAG_INVALID_OUTPUT, "%s", m.text);
	cr_expect_eq(m.first_error_line, 7, "%s", m.text);
	cr_expect(strstr(m.text, "out:7:"), "%s", m.text);
	/* not even XML */
	cr_expect_eq(validate_doc(&m, WM_FORMAT_TEI, 0, "<TEI>"), WM_ERR_INPUT);
	/* HTML the parser complains about, and no h1 */
	cr_expect_eq(validate_doc(&m, WM_FORMAT_HTML, 0,
	             "<article>\n<p>a & b</div>\n</article>\n"), WM_ERR_INPUT);
	cr_expect_eq(m.first_error_line, 2, "%s", m.text);
	cr_expect(strstr(m.text, "h1"), "%s", m.text);
	/* Markdown with a list where the article has a paragraph */
	cr_expect_eq(validate_doc(&m, WM_FORMAT_MARKDOWN, 0,
	             "# A HEADLINE\n\n**LONDON** - Text.\n\n- More.\n\nLess.\n"),
	             WM_ERR_INPUT);
	cr_expect(strstr(m.text, "list"), "%s", m.text);
	/* the same, right */
	cr_expect_eq(validate_doc(&m, WM_FORMAT_MARKDOWN, 0,
	             "# A HEADLINE\n\n**LONDON** - Text.\n\nMore.\n"), WM_OK,
	             "%s", m.text);
}

/* ---- a byline over several lines ----------------------------------------- */

Test(tei, byline_lines_are_written_with_lb_and_read_back)
{
	messages m;
	wm_context *ctx = context(&m);
	const char *wire = "Ferry Fares Rise\n\nBy Olu Adebayo\nBusiness Correspondent\n\n"
	                   "LAGOS (Reuters) - Fares rose on Monday.\n";
	wm_feed *f = wm_read(ctx, WM_FORMAT_WIRE, wire, strlen(wire), "a.txt", 0);
	cr_assert_not_null(f);
	char *tei = NULL;
	size_t len = 0;
	cr_assert_eq(wm_write(ctx, f, WM_FORMAT_TEI, 0, &tei, &len), WM_OK);
	cr_expect(strstr(tei, "<byline>By <docAuthor>Olu Adebayo</docAuthor><lb/>"
	                      "Business Correspondent</byline>"), "%s", tei);
	cr_expect(strstr(tei, "<author>Olu Adebayo</author>"), "%s", tei);
	cr_expect_eq(wm_validate(ctx, f, WM_FORMAT_TEI, 0, tei, len, "a.xml"), WM_OK,
	             "%s", m.text);
	wm_feed *back = read_tei(ctx, tei);
	cr_assert_not_null(back, "%s", m.text);
	cr_expect_str_eq(wm_article_byline(wm_feed_article(back, 0)),
	                 "By Olu Adebayo\nBusiness Correspondent");
	cr_expect_eq(m.len, 0, "%s", m.text);
	free(tei);
	wm_feed_free(back);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(tei, lb_in_a_byline_ends_a_line)
{
	messages m;
	wm_context *ctx = context(&m);
	wm_feed *f = read_tei(ctx,
		"<?xml version=\"1.0\"?>\n" TEI_START "\n" HEADER
		"<text><body><div>\n"
		"  <head>Ferry Fares Rise</head>\n"
		"  <byline><lb/>By <docAuthor>Olu\n    Adebayo<lb/></docAuthor>\n"
		"    <lb/> <lb/>Business  Correspondent<lb/></byline>\n"
		"  <p>Fares rose<lb/>on Monday.</p>\n"
		"</div></body></text></TEI>\n");
	cr_assert_not_null(f, "%s", m.text);
	const wm_article *a = wm_feed_article(f, 0);
	/* white space as in a line, each line; no line is empty */
	cr_expect_str_eq(wm_article_byline(a), "By Olu Adebayo\nBusiness  Correspondent");
	/* in a paragraph lb stays a space */
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 0)), "Fares rose on Monday.");
	wm_feed_free(f);
	wm_context_free(ctx);
}
