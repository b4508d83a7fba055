/* The JSON reader: the JSON form read back gives the same tree; malformed
 * and ill-typed objects are located, left out, and the rest is read. */
#define _POSIX_C_SOURCE 200809L /* fmemopen */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert/jsonl.h"
#include "helpers.h"
#include "util/buf.h"

/* Every message, one a line, as "FILE:LINE:COL: error|warning: text". */
typedef struct messages {
	char text[8192];
	size_t len;
	unsigned errors;
} messages;

static void collect(const wm_diag *d, void *userdata)
{
	messages *m = userdata;
	if (d->severity == WM_SEVERITY_ERROR)
		m->errors++;
	if (m->len < sizeof m->text)
		m->len += (size_t)snprintf(m->text + m->len, sizeof m->text - m->len,
		                           "%s:%u:%u: %s: %s\n", d->file, d->line,
		                           d->col,
		                           d->severity == WM_SEVERITY_ERROR
		                               ? "error" : "warning",
		                           d->message);
}

static wm_context *json_context(messages *m)
{
	memset(m, 0, sizeof *m);
	wm_context *ctx = wm_context_new();
	wm_context_set_diag(ctx, collect, m);
	return ctx;
}

static wm_feed *read_json(wm_context *ctx, const char *text)
{
	wm_feed *f = wm_read(ctx, WM_FORMAT_JSON, text, strlen(text), "in.jsonl", 0);
	if (f)
		cr_assert_eq(wm_feed_check(f, NULL), WM_OK, "the tree breaks a rule");
	return f;
}

static char *write_json(wm_context *ctx, const wm_feed *f)
{
	char *out = NULL;
	cr_assert_eq(wm_write(ctx, f, WM_FORMAT_JSON, 0, &out, NULL), WM_OK);
	return out;
}

/* wire -> json -> tree -> json: the two JSON texts are the same. */
static void round_trip_file(const char *path)
{
	size_t len;
	char *bytes = test_slurp(path, &len);
	cr_assert_not_null(bytes, "cannot read %s", path);
	messages m;
	wm_context *ctx = json_context(&m);
	wm_context_set_date(ctx, "2000-01-01");
	wm_feed *wire = wm_read(ctx, WM_FORMAT_WIRE, bytes, len, path, 0);
	cr_assert_not_null(wire, "%s: not read", path);
	char *first = write_json(ctx, wire);
	m.len = 0;
	wm_feed *back = read_json(ctx, first);
	cr_assert_not_null(back, "%s: JSON not read back:\n%s", path, m.text);
	cr_expect_eq(m.len, 0, "%s: messages:\n%s", path, m.text);
	char *second = write_json(ctx, back);
	cr_expect_str_eq(second, first, "%s: round trip differs", path);
	free(first);
	free(second);
	wm_feed_free(wire);
	wm_feed_free(back);
	wm_context_free(ctx);
	free(bytes);
}

static void round_trip_fn(const char *path, void *arg)
{
	(void)arg;
	round_trip_file(path);
}

Test(json, round_trip_every_sample)
{
	unsigned n = test_each_sample(round_trip_fn, NULL);
	cr_expect_gt(n, 10, "only %u samples", n);
}

static const char good[] =
	"{\"headline\":\"HARBOUR REOPENS\",\"deck\":null,\"byline\":\"By Ann Lee\","
	"\"dateline\":{\"text\":\"SALVADOR, Feb 26 -\",\"place\":\"SALVADOR\","
	"\"region\":null,\"date\":\"Feb 26\",\"iso_date\":\"1987-02-26\","
	"\"agency\":null,\"dash\":\"-\"},\"body\":[{\"type\":\"paragraph\","
	"\"text\":\"Ships sailed.\"},{\"type\":\"preformatted\",\"text\":"
	"\"a  1\\nb  2\"}],\"trailer\":\"Reuter\",\"meta\":{\"source\":\"x.txt\","
	"\"line\":7}}\n";

Test(json, reads_every_field)
{
	messages m;
	wm_context *ctx = json_context(&m);
	wm_feed *f = read_json(ctx, good);
	cr_assert_not_null(f, "%s", m.text);
	const wm_article *a = wm_feed_article(f, 0);
	cr_expect_str_eq(wm_article_headline(a), "HARBOUR REOPENS");
	cr_expect_null(wm_article_deck(a));
	cr_expect_str_eq(wm_article_byline(a), "By Ann Lee");
	cr_expect_str_eq(wm_article_trailer(a), "Reuter");
	cr_expect_str_eq(wm_article_source(a), "x.txt");
	cr_expect_eq(wm_article_line(a), 7);
	const wm_dateline *d = wm_article_dateline(a);
	cr_assert_not_null(d);
	cr_expect_str_eq(wm_dateline_place(d), "SALVADOR");
	cr_expect_null(wm_dateline_region(d));
	cr_expect_str_eq(wm_dateline_iso_date(d), "1987-02-26");
	cr_assert_eq(wm_article_block_count(a), 2);
	cr_expect_eq(wm_block_type_of(wm_article_block(a, 1)), WM_BLOCK_PREFORMATTED);
	cr_expect_str_eq(wm_block_text(wm_article_block(a, 1)), "a  1\nb  2");
	char *out = write_json(ctx, f);
	cr_expect_str_eq(out, good);
	free(out);
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(json, ill_typed_field_is_located_and_the_rest_read)
{
	messages m;
	wm_context *ctx = json_context(&m);
	char text[4096];
	snprintf(text, sizeof text, "%s%s%s", good,
	         "{\"headline\":\"B\",\"dateline\":{\"text\":\"X -\",\"place\":5,"
	         "\"dash\":\"-\"}}\n", good);
	wm_feed *f = read_json(ctx, text);
	cr_assert_not_null(f);
	cr_expect_eq(wm_feed_count(f), 2);
	cr_expect_eq(m.errors, 1);
	cr_expect_str_eq(m.text, "in.jsonl:2:50: error: field \"dateline.place\": "
	                 "expected a string\n");
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* What jq prints by default: one object over several lines. */
Test(json, pretty_printed_objects_are_located)
{
	messages m;
	wm_context *ctx = json_context(&m);
	const char *text = "{\n  \"headline\": \"A\",\n  \"body\": [\n"
	                   "    {\"type\": \"paragraph\", \"text\": \"x\"},\n"
	                   "    {\"type\": \"para\", \"text\": \"y\"}\n  ]\n}\n"
	                   "{\n  \"headline\": \"B\"\n}\n";
	wm_feed *f = read_json(ctx, text);
	cr_assert_not_null(f);
	cr_expect_eq(wm_feed_count(f), 1);
	cr_expect_str_eq(wm_article_headline(wm_feed_article(f, 0)), "B");
	cr_expect_eq(wm_article_line(wm_feed_article(f, 0)), 8,
	             "without meta.line an article's line is its object's");
	cr_expect_str_eq(m.text, "in.jsonl:5:14: error: field \"body[1].type\": "
	                 "expected \"paragraph\" or \"preformatted\"\n");
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(json, syntax_errors_resume_at_the_next_object)
{
	messages m;
	wm_context *ctx = json_context(&m);
	const char *text = "{\"headline\": \"A\"\n"     /* left open */
	                   "{\"headline\": \"B\"}\n"
	                   "{\"headline\": \"C\",,}\n"  /* bad member */
	                   "[1, 2]\n"                   /* not an object */
	                   "{\"headline\": \"D\"} {\"headline\": \"E\"}\n";
	wm_feed *f = read_json(ctx, text);
	cr_assert_not_null(f);
	cr_assert_eq(wm_feed_count(f), 3, "%s", m.text);
	cr_expect_str_eq(wm_article_headline(wm_feed_article(f, 0)), "B");
	cr_expect_str_eq(wm_article_headline(wm_feed_article(f, 2)), "E");
	cr_expect_eq(m.errors, 3, "%s", m.text);
	cr_expect(strstr(m.text, "in.jsonl:1:16: error: invalid JSON: the object "
	                 "is not closed before the next one (line 2)\n") != NULL,
	          "%s", m.text);
	cr_expect(strstr(m.text, "in.jsonl:3:18: error: invalid JSON: ") != NULL,
	          "%s", m.text);
	cr_expect(strstr(m.text, "in.jsonl:4:1: error: expected an article: a "
	                 "JSON object\n") != NULL, "%s", m.text);
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* Each bad document, and the message it gets (line 1 of the input). */
static const struct {
	const char *json;
	const char *message;
} bad_docs[] = {
	{"{\"deck\": \"x\"}", "1:1: error: field \"headline\": missing"},
	{"{\"headline\": 1}", "1:14: error: field \"headline\": expected a string"},
	{"{\"headline\": null}", "1:14: error: field \"headline\": expected a string"},
	{"{\"headline\": \"\"}",
	 "1:14: error: field \"headline\": expected a non-empty string on one line"},
	{"{\"headline\": \"a\\nb\"}",
	 "1:14: error: field \"headline\": expected a non-empty string on one line"},
	{"{\"headline\": \"h\", \"trailer\": \"\"}",
	 "1:30: error: field \"trailer\": expected a non-empty string on one line, "
	 "or null"},
	{"{\"headline\": \"h\", \"dateline\": \"X -\"}",
	 "1:31: error: field \"dateline\": expected an object or null"},
	{"{\"headline\": \"h\", \"dateline\": {\"place\": \"X\", \"dash\": \"-\"}}",
	 "1:31: error: field \"dateline.text\": missing"},
	{"{\"headline\": \"h\", \"body\": {}}",
	 "1:27: error: field \"body\": expected an array of blocks"},
	{"{\"headline\": \"h\", \"body\": [\"text\"]}",
	 "1:28: error: field \"body[0]\": expected a block: {\"type\": ..., "
	 "\"text\": ...}"},
	{"{\"headline\": \"h\", \"body\": [{\"type\": \"paragraph\"}]}",
	 "1:28: error: field \"body[0].text\": missing"},
	{"{\"headline\": \"h\", \"meta\": []}",
	 "1:27: error: field \"meta\": expected an object"},
	{"{\"headline\": \"h\", \"meta\": {\"line\": 1.5}}",
	 "1:36: error: field \"meta.line\": expected a whole number"},
	{"{\"headline\": \"h\", \"meta\": {\"year\": 1987}}",
	 "1:36: error: field \"meta.year\": expected a string"},
	{"{\"headline\": \"h\", \"body\": [{\"type\": \"paragraph\", \"text\": \" x\"}]}",
	 "1:1: error: the article breaks the tree's rule 5: paragraph text has "
	 "leading or trailing space"},
	{"{\"headline\": \"h\", \"headline\": \"i\"}",
	 "1:28: error: invalid JSON: duplicate object key"},
	{"{\"headline\": \"\\u0000\"}", "1:21: error: invalid JSON: "},
	{"\"headline\"", "1:10: error: invalid JSON: '[' or '{' expected"},
	{"   \n\t\n", "1:1: error: no article"},
};

Test(json, bad_documents)
{
	for (size_t i = 0; i < sizeof bad_docs / sizeof *bad_docs; i++) {
		messages m;
		wm_context *ctx = json_context(&m);
		wm_feed *f = read_json(ctx, bad_docs[i].json);
		cr_expect_null(f, "%s: read", bad_docs[i].json);
		char want[512];
		snprintf(want, sizeof want, "in.jsonl:%s", bad_docs[i].message);
		cr_expect(strncmp(m.text, want, strlen(want)) == 0 && m.errors == 1,
		          "%s\nwant: %s\ngot:  %s", bad_docs[i].json, want, m.text);
		wm_feed_free(f);
		wm_context_free(ctx);
	}
}

Test(json, unknown_fields_are_warned_about_and_ignored)
{
	messages m;
	wm_context *ctx = json_context(&m);
	wm_feed *f = read_json(ctx, "{\"headline\": \"h\", \"tags\": [1], "
	                            "\"body\": [{\"type\": \"paragraph\", "
	                            "\"text\": \"x\", \"n\": 1}]}");
	cr_assert_not_null(f);
	cr_expect_eq(m.errors, 0);
	cr_expect_str_eq(m.text,
	                 "in.jsonl:1:27: warning: field \"tags\": unknown, ignored\n"
	                 "in.jsonl:1:81: warning: field \"body[0].n\": unknown, "
	                 "ignored\n");
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* meta values other than source and line stay with the article: a filter
 * can add them; -M (the context's) takes precedence. */
Test(json, article_meta_reaches_the_writers)
{
	messages m;
	wm_context *ctx = json_context(&m);
	wm_feed *f = read_json(ctx, "{\"headline\": \"h\", \"meta\": {\"source\": "
	                            "\"a.txt\", \"line\": 3, \"publisher\": "
	                            "\"Example Archive\", \"desk\": \"x\"}}");
	cr_assert_not_null(f, "%s", m.text);
	char *out = NULL;
	cr_assert_eq(wm_write(ctx, f, WM_FORMAT_TEI, 0, &out, NULL), WM_OK);
	cr_expect(strstr(out, "<publisher>Example Archive</publisher>") != NULL,
	          "%s", out);
	free(out);
	out = write_json(ctx, f);
	cr_expect(strstr(out, "\"meta\":{\"source\":\"a.txt\",\"line\":3,"
	                      "\"publisher\":\"Example Archive\",\"desk\":\"x\"}")
	          != NULL, "%s", out);
	free(out);
	wm_context_set_meta(ctx, "desk", "y");
	out = write_json(ctx, f);
	cr_expect(strstr(out, "\"desk\":\"y\"") != NULL, "%s", out);
	free(out);
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* Deep nesting is an error (jansson's depth limit), not a crash. */
Test(json, deep_nesting)
{
	enum { DEPTH = 100000 };
	char *text = malloc(2 * DEPTH + 64);
	cr_assert_not_null(text);
	size_t n = (size_t)sprintf(text, "{\"headline\": \"h\", \"x\": ");
	for (size_t i = 0; i < DEPTH; i++)
		text[n++] = '[';
	for (size_t i = 0; i < DEPTH; i++)
		text[n++] = ']';
	text[n++] = '}';
	text[n] = '\0';
	messages m;
	wm_context *ctx = json_context(&m);
	wm_feed *f = read_json(ctx, text);
	cr_expect_null(f);
	cr_expect(strstr(m.text, "error: invalid JSON") != NULL, "%s", m.text);
	wm_feed_free(f);
	wm_context_free(ctx);
	free(text);
}

/* A byline over several lines: the string keeps "\n" both ways; an empty
 * line or a "\r" is refused, as is a line break in a one-line field. */
Test(json, byline_lines)
{
	messages m;
	wm_context *ctx = json_context(&m);
	const char *in = "{\"headline\":\"Ferry Fares Rise\",\"deck\":null,"
	                 "\"byline\":\"By Olu Adebayo\\nBusiness Correspondent\","
	                 "\"dateline\":null,\"body\":[],\"trailer\":null,"
	                 "\"meta\":{\"source\":\"x.txt\",\"line\":1}}\n";
	wm_feed *f = read_json(ctx, in);
	cr_assert_not_null(f, "%s", m.text);
	cr_expect_str_eq(wm_article_byline(wm_feed_article(f, 0)),
	                 "By Olu Adebayo\nBusiness Correspondent");
	char *out = write_json(ctx, f);
	cr_expect_str_eq(out, in);
	free(out);
	wm_feed_free(f);
	static const char *const bad[] = {
		"{\"headline\":\"H\",\"byline\":\"By Olu\\n\\nStaff\"}",
		"{\"headline\":\"H\",\"byline\":\"By Olu\\r\\nStaff\"}",
		"{\"headline\":\"H\",\"byline\":\"\\nBy Olu\"}",
		"{\"headline\":\"H\",\"byline\":\"By Olu\\n\"}",
		"{\"headline\":\"H\",\"byline\":\"\"}", NULL};
	for (const char *const *b = bad; *b; b++) {
		m.len = 0;
		m.errors = 0;
		f = wm_read(ctx, WM_FORMAT_JSON, *b, strlen(*b), "in.jsonl", 0);
		cr_expect_null(f, "%s read", *b);
		cr_expect(strstr(m.text, "field \"byline\": expected non-empty lines"),
		          "%s: %s", *b, m.text);
		wm_feed_free(f);
	}
	m.len = 0;
	const char *deck = "{\"headline\":\"H\",\"deck\":\"a\\nb\"}";
	f = wm_read(ctx, WM_FORMAT_JSON, deck, strlen(deck), "in.jsonl", 0);
	cr_expect_null(f);
	cr_expect(strstr(m.text, "field \"deck\": expected a non-empty string on one "
	                 "line"), "%s", m.text);
	wm_context_free(ctx);
}

/* ---- the context is read-only during a call ------------------------------- */

typedef struct pull_once {
	const char *text;
	int done;
} pull_once;

static long pull_text(char *buf, size_t cap, const char **source, void *p)
{
	pull_once *po = p;
	*source = NULL;
	if (po->done)
		return 0;
	size_t n = strlen(po->text);
	cr_assert(n <= cap);
	memcpy(buf, po->text, n);
	po->done = 1;
	*source = "records";
	return (long)n;
}

static int sink_into(const char *bytes, size_t len, void *p)
{
	wm_buf *b = p;
	wm_buf_put(b, bytes, len);
	return 0;
}

/* What wm_convert gives on ctx, as one string: the output and the messages. */
static char *converted(wm_context *ctx, messages *m, wm_format to)
{
	static const char wire[] = "OIL FALLS\n\nLONDON, March 3 (Reuters) - "
	                           "Oil prices fell on Monday.\n\nReuter\n";
	char *out = NULL;
	size_t len = 0;
	m->len = 0;
	m->text[0] = '\0';
	int rc = wm_convert(ctx, wire, sizeof wire - 1, "story.txt", to,
	                    WM_WRITE_STANDALONE, &out, &len);
	cr_assert_eq(rc, WM_OK);
	wm_buf b = WM_BUF_INIT;
	wm_buf_put(&b, out, len);
	wm_buf_puts(&b, "\n--\n");
	wm_buf_puts(&b, m->text);
	free(out);
	return wm_buf_detach(&b, NULL);
}

Test(call, convert_after_jsonl_as_on_a_fresh_context)
{
	static const wm_format formats[] = {WM_FORMAT_JSON, WM_FORMAT_TEI,
	                                    WM_FORMAT_HTML, WM_FORMAT_MARKDOWN};
	for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
		messages m1, m2;
		wm_context *fresh = json_context(&m1);
		wm_context_set_date(fresh, "1987-06-01");
		char *want = converted(fresh, &m1, formats[f]);
		wm_context *used = json_context(&m2);
		wm_context_set_date(used, "1987-06-01");
		/* records with an id, one without, one malformed, one that is
		 * not a feed at all: meta.id set, messages captured per record */
		pull_once po = {
			"{\"id\": \"rec-1\", \"text\": \"FIRST\\n\\nA b c.\\n\"}\n"
			"{\"text\": \"SECOND\\n\\nNEW YORK (AP) - Xyz.\\n\"}\n"
			"not json\n"
			"{\"id\": 7, \"text\": \"\"}\n", 0};
		wm_buf sink = WM_BUF_INIT;
		wm_convert_jsonl(used, pull_text, &po, formats[f], 0, sink_into, &sink);
		cr_expect(strstr(wm_buf_cstr(&sink), "rec-1") != NULL);
		wm_buf_free(&sink);
		char *got = converted(used, &m2, formats[f]);
		cr_expect_str_eq(got, want, "format %d", (int)formats[f]);
		free(want);
		free(got);
		wm_context_free(fresh);
		wm_context_free(used);
	}
}

/* ---- --jsonl: any names and ids, sources one after another ------------- */

/* A part of the input pulled: bytes from source (bytes NULL: the source
 * ends, a 0 naming it). */
typedef struct part {
	const char *source;
	const char *bytes;
} part;

typedef struct parts {
	const part *p;
	size_t n, i;
} parts;

static long pull_parts(char *buf, size_t cap, const char **source, void *p)
{
	parts *ps = p;
	*source = NULL;
	if (ps->i == ps->n)
		return 0;
	const part *pt = &ps->p[ps->i++];
	*source = pt->source;
	if (!pt->bytes)
		return 0;
	size_t n = strlen(pt->bytes);
	cr_assert(n <= cap);
	memcpy(buf, pt->bytes, n);
	return (long)n;
}

/* wm_convert_jsonl over the parts to format to: its output, each line of
 * which must be JSON (jansson refuses what is not UTF-8). */
static char *jsonl_of(const part *p, size_t n, wm_format to, messages *m)
{
	wm_context *ctx = json_context(m);
	parts ps = {p, n, 0};
	wm_buf out = WM_BUF_INIT;
	wm_convert_jsonl(ctx, pull_parts, &ps, to, 0, sink_into, &out);
	wm_context_free(ctx);
	const char *s = wm_buf_cstr(&out);
	for (const char *nl; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
		json_error_t err;
		json_t *j = json_loadb(s, (size_t)(nl - s), 0, &err);
		cr_expect_not_null(j, "not JSON (%s): %.*s", err.text, (int)(nl - s), s);
		json_decref(j);
	}
	cr_expect_eq(*s, '\0', "the output ends with a line feed");
	return wm_buf_detach(&out, NULL);
}

/* n copies of the two-byte character é. */
static char *e_acute(size_t n)
{
	wm_buf b = WM_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		wm_buf_puts(&b, "\xc3\xa9");
	return wm_buf_detach(&b, NULL);
}

#define STORY "\"text\": \"OIL FALLS\\n\\nLONDON (Reuters) - Oil fell.\\n\""

/* Ids of 200 two-byte characters, names of 40 of them, names over 512
 * bytes, a byte 0xFF in a name: whole in the output (U+FFFD for what is
 * not UTF-8), every line JSON. */
Test(jsonl, any_name_and_id_written_whole_as_json)
{
	char *e200 = e_acute(200), *e40 = e_acute(40), *e300 = e_acute(300);
	wm_buf rec = WM_BUF_INIT;
	wm_buf_printf(&rec, "{\"id\": \"%s\", " STORY "}\n{\"text\": 5}\n", e200);
	part p[] = {{e40, wm_buf_cstr(&rec)}, {e40, NULL},
	            {e300, "{\"text\": 5}\n{" STORY "}\n"}, {e300, NULL},
	            {"bad\xff.jsonl", "{\"text\": 5}\n{" STORY "}\n"}};
	static const wm_format formats[] = {WM_FORMAT_JSON, WM_FORMAT_HTML};
	for (size_t f = 0; f < 2; f++) {
		messages m;
		char *out = jsonl_of(p, sizeof p / sizeof *p, formats[f], &m);
		wm_buf want = WM_BUF_INIT;
		wm_buf_printf(&want, "\"%s\"", e200); /* meta.id, or the id */
		cr_expect(strstr(out, want.ptr), "the id whole (format %zu)", f);
		wm_buf_truncate(&want, 0);
		wm_buf_printf(&want, "\"error\":\"%s:2:1: field", e40);
		cr_expect(strstr(out, want.ptr), "the name whole: %s", out);
		wm_buf_truncate(&want, 0);
		wm_buf_printf(&want, "\"error\":\"%s:1:1: field", e300);
		cr_expect(strstr(out, want.ptr), "the long name whole: %s", out);
		cr_expect(strstr(out, "\"error\":\"bad\xef\xbf\xbd.jsonl:1:1: field"),
		          "0xFF as U+FFFD: %s", out);
		if (formats[f] == WM_FORMAT_JSON)
			cr_expect(strstr(out, "\"id\":\"bad\xef\xbf\xbd.jsonl#2\""),
			          "meta.id: %s", out);
		cr_expect_null(strstr(out, "\xff"), "0xFF written raw");
		wm_buf_free(&want);
		free(out);
	}
	wm_buf_free(&rec);
	free(e200);
	free(e40);
	free(e300);
}

/* A new name starts a new source without a 0 first: the line pending (no
 * line feed after it) is the last of the source before. */
Test(jsonl, a_new_name_ends_the_line_of_the_source_before)
{
	part p[] = {{"a.jsonl", "{\"id\": 1, " STORY "}\n{\"id\": 2, " STORY "}"},
	            {"b.jsonl", "{\"id\": 3, " STORY "}\nnot json"},
	            {"c.jsonl", "{\"id\": 4, " STORY "}\n"}};
	messages m;
	char *out = jsonl_of(p, 3, WM_FORMAT_HTML, &m);
	const char *at = out;
	for (int id = 1; id <= 4; id++) {
		char want[64];
		snprintf(want, sizeof want, "{\"id\":%d,\"format\":\"html\",\"output\"", id);
		at = strstr(at, want);
		cr_expect_not_null(at, "record %d converted, in its place: %s", id, out);
		if (!at)
			break;
		at += strlen(want);
	}
	cr_expect_eq(m.errors, 1, "%s", m.text);
	cr_expect(strstr(m.text, "b.jsonl:2:3: error: "), "%s", m.text);
	cr_expect(strstr(out, "\"error\":\"b.jsonl:2:3: "), "%s", out);
	free(out);
}

/* The reader of plain records and jansson refuse a string that is not
 * UTF-8 alike: the same error record either way. */
Test(jsonl, strings_not_utf8_refused_alike_by_both_readers)
{
	static const char *const lines[] = {
		"{\"id\": 1, \"text\": \"ab\xff" "cd\"}\n",
		"{\"id\": 1, \"te\xc3\xa9xt\xff\": \"x\"}\n",
		"{\"text\": \"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xed\xa0\x80\"}\n"};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		wm_buf got[2] = {WM_BUF_INIT, WM_BUF_INIT};
		messages m[2];
		for (int r = 0; r < 2; r++) {
			wm_context *ctx = json_context(&m[r]);
			part p[] = {{"in.jsonl", lines[i]}};
			parts ps = {p, 1, 0};
			wm_convert_jsonl_with(ctx, r ? WM_JSONL_JANSSON_ONLY
			                             : WM_JSONL_PLAIN_FIRST,
			                      pull_parts, &ps, WM_FORMAT_JSON, 0,
			                      sink_into, &got[r]);
			wm_context_free(ctx);
		}
		cr_expect_str_eq(wm_buf_cstr(&got[0]), wm_buf_cstr(&got[1]));
		cr_expect_str_eq(m[0].text, m[1].text);
		cr_expect(strstr(m[0].text, "error: unable to decode byte 0x"), "%s",
		          m[0].text);
		wm_buf_free(&got[0]);
		wm_buf_free(&got[1]);
	}
}

/* ---- the end of a pull (issue 22, item 6) -------------------------------- */

typedef struct over_fread {
	FILE *f;
	unsigned calls;
} over_fread;

/* A pull written over fread, naming its source on every call, at the end
 * too; it gives up (-1) after 100 calls, where a conversion that never ends
 * would go on for ever. */
static long pull_fread(char *buf, size_t cap, const char **source, void *p)
{
	over_fread *o = p;
	if (++o->calls > 100)
		return -1;
	*source = "feed.jsonl";
	return (long)fread(buf, 1, cap, o->f);
}

/* The second end of the same source in a row is the end of the records, as
 * it is of a stream. */
Test(jsonl, pull_naming_its_source_at_the_end_ends)
{
	static const char records[] = "{\"id\": 1, " STORY "}\n{\"id\": 2, " STORY "}";
	messages m;
	wm_context *ctx = json_context(&m);
	over_fread o = {fmemopen((void *)records, sizeof records - 1, "r"), 0};
	cr_assert_not_null(o.f);
	wm_buf out = WM_BUF_INIT;
	int rc = wm_convert_jsonl(ctx, pull_fread, &o, WM_FORMAT_JSON, 0,
	                          sink_into, &out);
	fclose(o.f);
	cr_expect_eq(rc, WM_OK, "rc %d: %s", rc, m.text);
	cr_expect_eq(o.calls, 3, "%u calls", o.calls);
	cr_expect_eq(m.len, 0, "messages: %s", m.text);
	const char *two = wm_buf_cstr(&out);
	cr_expect(strstr(two, "\"id\":\"1\"") && strstr(two, "\"id\":\"2\""),
	          "both records: %s", two);
	wm_buf_free(&out);
	wm_context_free(ctx);
}
