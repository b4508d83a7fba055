/* The checks of the fuzz targets: see checks.h. */
#include "checks.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/convert/jsonl.h"
#include "../src/util/buf.h"

/* ---- failing ------------------------------------------------------------- */

#define KEPT 10 /* error messages kept for the report of a failure */

static struct {
	char text[KEPT][400];
	unsigned n;   /* errors seen since the last reset */
	unsigned all; /* messages of any severity, likewise */
	unsigned binary; /* "binary file (...)" errors, likewise */
} errors;

static void on_diag(const wm_diag *d, void *u)
{
	(void)u;
	errors.all++;
	if (d->severity != WM_SEVERITY_ERROR)
		return;
	if (d->message && strncmp(d->message, "binary file (", 13) == 0)
		errors.binary++;
	snprintf(errors.text[errors.n % KEPT], sizeof errors.text[0],
	         "%s:%u:%u: error %d: %s", d->file ? d->file : "-", d->line,
	         d->col, (int)d->code, d->message ? d->message : "");
	errors.n++;
}

/* Prints why the input fails, the document concerned (its start), the
 * library's last error messages, and aborts. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4), noreturn))
#endif
static void fail(const char *doc, size_t len, const char *fmt, ...)
{
	va_list ap;
	fputs("fuzz check failed: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	unsigned first = errors.n > KEPT ? errors.n - KEPT : 0;
	for (unsigned i = first; i < errors.n; i++)
		fprintf(stderr, "  %s\n", errors.text[i % KEPT]);
	if (doc) {
		int shown = len > 4000 ? 4000 : (int)len;
		fprintf(stderr, "---- the document (%zu bytes%s) ----\n%.*s\n----\n",
		        len, len > 4000 ? ", first 4000 shown" : "", shown, doc);
	}
	fflush(stderr);
	abort();
}

static wm_context *new_context(void)
{
	wm_context *ctx = wm_context_new();
	wm_context_set_diag(ctx, on_diag, NULL);
	if (wm_context_set_date(ctx, "1987-03-01") != WM_OK)
		fail(NULL, 0, "wm_context_set_date refused 1987-03-01");
	errors.n = errors.all = errors.binary = 0;
	return ctx;
}

/* ---- the writers' output -------------------------------------------------- */

/* TEI, NITF and NewsML-G2, beside wm_validate: plain libxml2 without
 * network, DTD loading or entity substitution reads them, and they declare
 * no DTD or entity. */
static void check_xml(const char *out, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(out, (int)len, "fuzz.xml", NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOERROR |
	                              XML_PARSE_NOWARNING);
	if (!doc)
		fail(out, len, "XML: libxml2 reads no XML document");
	int dtd = doc->intSubset != NULL || doc->extSubset != NULL;
	xmlFreeDoc(doc);
	if (dtd)
		fail(out, len, "XML: the document has a DTD");
}

/* JSON, beside wm_validate: one object per line per article, each line
 * ending with '\n'. */
static void check_json_lines(const wm_feed *feed, const char *out, size_t len)
{
	size_t start = 0, objects = 0;
	for (size_t i = 0; i < len; i++) {
		if (out[i] != '\n')
			continue;
		json_error_t err;
		json_t *j = json_loadb(out + start, i - start, 0, &err);
		if (!j || !json_is_object(j))
			fail(out, len, "JSON: line %zu is not an object (%s)",
			     objects + 1, j ? "another value" : err.text);
		json_decref(j);
		objects++;
		start = i + 1;
	}
	if (start != len)
		fail(out, len, "JSON: the last object does not end its line");
	if (objects != wm_feed_count(feed))
		fail(out, len, "JSON: %zu lines for %zu articles", objects,
		     wm_feed_count(feed));
}

static const struct output {
	wm_format format;
	unsigned options;
	const char *name;
} outputs[] = {
	{WM_FORMAT_HTML, WM_WRITE_STANDALONE, "HTML page"},
	{WM_FORMAT_HTML, 0, "HTML fragment"},
	{WM_FORMAT_TEI, WM_WRITE_STANDALONE, "TEI"},
	{WM_FORMAT_NITF, WM_WRITE_STANDALONE, "NITF"},
	{WM_FORMAT_NEWSML, WM_WRITE_STANDALONE, "NewsML-G2"},
	{WM_FORMAT_JSON, WM_WRITE_STANDALONE, "JSON"},
	{WM_FORMAT_MARKDOWN, WM_WRITE_STANDALONE, "Markdown document"},
	{WM_FORMAT_MARKDOWN, 0, "Markdown fragment"},
};

/* The feed keeps the tree's rules and every writer writes it well-formed. */
static void check_feed(wm_context *ctx, const wm_feed *feed)
{
	const char *rule = NULL;
	if (wm_feed_check(feed, &rule) != WM_OK)
		fail(NULL, 0, "the feed read breaks the tree's %s",
		     rule ? rule : "rules");
	for (size_t k = 0; k < sizeof outputs / sizeof *outputs; k++) {
		const struct output *o = &outputs[k];
		char *out = NULL;
		size_t len = 0;
		errors.n = 0;
		int rc = wm_write(ctx, feed, o->format, o->options, &out, &len);
		if (rc != WM_OK || !out)
			fail(NULL, 0, "%s: wm_write returns %d", o->name, rc);
		if (strlen(out) != len)
			fail(out, len, "%s: a NUL byte at %zu of %zu", o->name,
			     strlen(out), len);
		if (o->format == WM_FORMAT_TEI || o->format == WM_FORMAT_NITF ||
		    o->format == WM_FORMAT_NEWSML)
			check_xml(out, len);
		else if (o->format == WM_FORMAT_JSON)
			check_json_lines(feed, out, len);
		if (wm_validate(ctx, feed, o->format, o->options, out, len,
		                "fuzz-output") != WM_OK)
			fail(out, len, "%s: wm_validate finds it not valid", o->name);
		free(out);
	}
}

/* ---- the targets ----------------------------------------------------------- */

void fuzz_check_reader(wm_format format, const uint8_t *data, size_t size)
{
	wm_context *ctx = new_context();
	wm_feed *feed = wm_read(ctx, format, (const char *)data, size, "fuzz", 0);
	if (feed)
		check_feed(ctx, feed);
	else if (errors.all == 0)
		fail(NULL, 0, "wm_read (%s) returns no feed and reports nothing",
		     wm_format_name(format));
	wm_feed_free(feed);
	wm_context_free(ctx);
}

void fuzz_check_wire(const uint8_t *data, size_t size)
{
	fuzz_check_reader(WM_FORMAT_WIRE, data, size);
}

/* ---- streaming ------------------------------------------------------------ */

/* The input given to wm_convert_stream in parts whose sizes come from the
 * input's own bytes (1 to 256, and now and then 4096). */
typedef struct parts {
	const uint8_t *data;
	size_t size, at, k;
} parts;

static long pull_parts(char *buf, size_t cap, const char **source, void *p)
{
	parts *pt = p;
	size_t n = 0;
	if (pt->at < pt->size) {
		uint8_t b = pt->data[(pt->k++ * 31) % pt->size];
		n = b == 0xFF ? 4096 : (size_t)(b % 64) + 1;
		if (n > pt->size - pt->at)
			n = pt->size - pt->at;
		if (n > cap)
			n = cap;
		memcpy(buf, pt->data + pt->at, n);
		pt->at += n;
	}
	*source = n ? "fuzz" : NULL;
	return (long)n;
}

static int sink_buf(const char *bytes, size_t len, void *p)
{
	char **out = p;
	size_t have = *out ? strlen(*out) : 0;
	char *more = realloc(*out, have + len + 1);
	if (!more)
		return -1;
	memcpy(more + have, bytes, len);
	more[have + len] = '\0';
	*out = more;
	return 0;
}

/* Whether the input is valid UTF-8 (the one documented difference of the
 * stream: invalid UTF-8 makes a part Windows-1252, not the whole input). */
static int valid_utf8(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len = s[i] < 0x80 ? 1 : s[i] < 0xC2 ? 0 : s[i] < 0xE0 ? 2
		           : s[i] < 0xF0 ? 3 : s[i] < 0xF5 ? 4 : 0;
		if (len == 0 || i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		if ((s[i] == 0xE0 && s[i + 1] < 0xA0) ||
		    (s[i] == 0xED && s[i + 1] > 0x9F) ||
		    (s[i] == 0xF0 && s[i + 1] < 0x90) ||
		    (s[i] == 0xF4 && s[i + 1] > 0x8F))
			return 0;
		i += len;
	}
	return 1;
}

void fuzz_check_stream(const uint8_t *data, size_t size)
{
	if (!valid_utf8(data, size))
		return;
	wm_context *ctx = new_context();
	wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, (const char *)data, size,
	                        "fuzz", 0);
	char *whole = NULL;
	size_t wlen = 0;
	if (feed && wm_write(ctx, feed, WM_FORMAT_JSON, 0, &whole, &wlen) != WM_OK)
		fail(NULL, 0, "wm_write (json) fails on a feed read whole");
	int have = feed != NULL;
	wm_feed_free(feed);
	parts pt = {data, size, 0, 0};
	char *streamed = NULL;
	unsigned binary = errors.binary;
	errors.binary = 0;
	int rc = wm_convert_stream(ctx, WM_FORMAT_WIRE, 0, pull_parts, &pt,
	                           WM_FORMAT_JSON, 0, sink_buf, &streamed);
	size_t slen = streamed ? strlen(streamed) : 0;
	if (binary != errors.binary) {
		/* binary data is told from the first block read: a stream's first
		 * part here, the first 4 KiB whole (the documented difference) */
		free(streamed);
		free(whole);
		wm_context_free(ctx);
		return;
	}
	if (rc != (have ? WM_OK : WM_ERR_INPUT))
		fail(whole, wlen, "wm_convert_stream returns %d, the whole read %s",
		     rc, have ? "a feed" : "none");
	if (slen != wlen || (wlen && memcmp(streamed, whole, wlen) != 0)) {
		fprintf(stderr, "---- streamed (%zu bytes) ----\n%s\n", slen,
		        streamed ? streamed : "");
		fail(whole, wlen, "the streamed articles differ from the whole "
		     "read's (below)");
	}
	free(streamed);
	free(whole);
	wm_context_free(ctx);
}

/* The articles templates are rendered over: every block type, a table, a
 * byline over two lines, datelines with every part (and one standing
 * alone before a preformatted block), meta of the article's own, and
 * fences longer than the built-in one, two different ones in an article
 * and another in the next (the fence that a section holds must live
 * while the others are looked up). */
static const char wire_articles[] =
	"HEADLINE <B> & {{x}}\n\nBy JANE DOE\nAssociated Press Writer\n\n"
	"PORTLAND, Ore., Feb 26 (AP) - First {{#a}} paragraph.\n"
	"    Second paragraph.\n\n              1987      1986\n"
	"    Shr      1.10      0.90\n    Net     4,100     3,300\n\n Reuter\n"
	"###\n"
	"Second & last\n\nLONDON (Reuters) - A ``` fence \"here\".\n\n-30-\n";

/* n backticks into out (n + 1 bytes) */
static const char *ticks(char *out, size_t n)
{
	memset(out, '`', n);
	out[n] = '\0';
	return out;
}

static wm_feed *json_articles(wm_context *ctx)
{
	char t40[41], t99[100], t50[51], json[1024];
	int n = snprintf(json, sizeof json,
		"{\"headline\":\"Fences & <tables>\",\"deck\":\"A deck <b>\","
		"\"byline\":\"By A. WRITER, Staff\\nand B. OTHER\",\"dateline\":"
		"{\"text\":\"ROME, 3 March (ANSA) --\",\"place\":\"ROME\","
		"\"region\":null,\"date\":\"3 March\",\"iso_date\":\"1987-03-03\","
		"\"agency\":\"ANSA\",\"dash\":\"--\"},\"body\":["
		"{\"type\":\"paragraph\",\"text\":\"Code: ``` and \\\"q\\\".\"},"
		"{\"type\":\"preformatted\",\"text\":\"a %s b\\n  col  2\"},"
		"{\"type\":\"preformatted\",\"text\":\"%s\"},"
		"{\"type\":\"preformatted\",\"text\":\"```\\n<x> & y\"},"
		"{\"type\":\"paragraph\",\"text\":\"Last.\"}],\"trailer\":\"(END)\","
		"\"meta\":{\"source\":\"f.json\",\"line\":1,\"slug\":\"fences\","
		"\"desk\":\"x <y>\"}}\n"
		"{\"headline\":\"Alone\",\"dateline\":{\"text\":\"PARIS -\","
		"\"place\":\"PARIS\",\"dash\":\"-\"},\"body\":[{\"type\":"
		"\"preformatted\",\"text\":\"%s\\nx\"}]}\n",
		ticks(t40, 40), ticks(t99, 99), ticks(t50, 50));
	if (n < 0 || (size_t)n >= sizeof json)
		fail(NULL, 0, "the JSON articles do not fit");
	return wm_read(ctx, WM_FORMAT_JSON, json, (size_t)n, "f.json", 0);
}

static wm_feed *template_articles(wm_context *ctx)
{
	wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, wire_articles,
	                        sizeof wire_articles - 1, "a", 0);
	if (!feed || wm_feed_count(feed) != 2)
		fail(NULL, 0, "the wire articles are not read");
	wm_feed *more = json_articles(ctx);
	if (!more || wm_feed_count(more) != 2 || errors.n)
		fail(NULL, 0, "the JSON articles are not read");
	wm_feed_append(feed, more);
	const wm_article *a = wm_feed_article(feed, 0);
	if (!strchr(wm_article_byline(a), '\n') ||
	    wm_block_type_of(wm_article_block(a, 2)) != WM_BLOCK_PREFORMATTED)
		fail(NULL, 0, "the first article has no two-line byline or table");
	return feed;
}

void fuzz_check_template(const uint8_t *data, size_t size)
{
	/* four, as the regressions in tests/fuzz-regressions/template were
	 * found with (NITF and NewsML-G2 escape as TEI does) */
	static const wm_format formats[] = {WM_FORMAT_HTML, WM_FORMAT_TEI,
	                                    WM_FORMAT_JSON, WM_FORMAT_MARKDOWN};
	wm_context *ctx = new_context();
	if (wm_context_set_meta(ctx, "publisher", "P <&>") != WM_OK)
		fail(NULL, 0, "wm_context_set_meta refused publisher");
	wm_feed *feed = template_articles(ctx);
	wm_format f = formats[size % 4];
	errors.n = errors.all = 0;
	int set = wm_context_set_template(ctx, f, (const char *)data, size,
	                                  "fuzz", NULL);
	if (set != WM_OK && (set != WM_ERR_TEMPLATE || errors.all == 0))
		fail(NULL, 0, "wm_context_set_template returns %d with %u messages",
		     set, errors.all);
	if (set == WM_OK) {
		for (unsigned opts = 0; opts <= WM_WRITE_STANDALONE; opts++) {
			char *out = NULL;
			size_t len = 0;
			errors.n = errors.all = 0;
			int rc = wm_write(ctx, feed, f, opts, &out, &len);
			if ((rc == WM_OK) != (out != NULL))
				fail(NULL, 0, "wm_write returns %d and %s", rc,
				     out ? "a document" : "no document");
			if (rc != WM_OK && errors.all == 0)
				fail(NULL, 0, "wm_write returns %d, reports nothing", rc);
			/* a NUL byte of the template's own text is copied as is */
			if (out && strlen(out) != len && !memchr(data, 0, size))
				fail(out, len, "a NUL byte at %zu of %zu", strlen(out), len);
			free(out);
		}
	}
	wm_feed_free(feed);
	wm_context_free(ctx);
}

int fuzz_check_named(const char *name, const uint8_t *data, size_t size)
{
	static const struct {
		const char *name;
		wm_format format;
	} readers[] = {
		{"wire", WM_FORMAT_WIRE},         {"markdown", WM_FORMAT_MARKDOWN},
		{"tei", WM_FORMAT_TEI},           {"html", WM_FORMAT_HTML},
		{"json", WM_FORMAT_JSON},         {"nitf", WM_FORMAT_NITF},
		{"newsml", WM_FORMAT_NEWSML},
	};
	if (strcmp(name, "template") == 0) {
		fuzz_check_template(data, size);
		return 0;
	}
	if (strcmp(name, "stream") == 0) {
		fuzz_check_stream(data, size);
		return 0;
	}
	if (strcmp(name, "jsonl") == 0) {
		fuzz_check_jsonl(data, size);
		return 0;
	}
	for (size_t i = 0; i < sizeof readers / sizeof *readers; i++)
		if (strcmp(name, readers[i].name) == 0) {
			fuzz_check_reader(readers[i].format, data, size);
			return 0;
		}
	return -1;
}

/* ---- JSON Lines: the reader of plain records against jansson ------------- */

/* The input pulled in parts of a size its first byte gives, from one
 * source and then (from its middle on) another whose name is not UTF-8,
 * with no end of source between: a new name ends the line pending. */
typedef struct jsonl_input {
	const char *bytes;
	size_t len, at, part;
} jsonl_input;

static long pull_jsonl(char *buf, size_t cap, const char **source, void *p)
{
	jsonl_input *in = p;
	*source = NULL;
	if (in->at == in->len)
		return 0;
	size_t n = in->len - in->at < in->part ? in->len - in->at : in->part;
	if (n > cap)
		n = cap;
	*source = in->at < in->len / 2 ? "in.jsonl" : "caf\xc3\xa9\xff.jsonl";
	memcpy(buf, in->bytes + in->at, n);
	in->at += n;
	return (long)n;
}

static int sink_jsonl(const char *bytes, size_t len, void *p)
{
	wm_buf_put(p, bytes, len);
	return 0;
}

/* Every message as a line "FILE:LINE:COL: SEVERITY CODE: text". */
static void diag_jsonl(const wm_diag *d, void *p)
{
	wm_buf_printf(p, "%s:%u:%u: %d %d: %s\n", d->file ? d->file : "-",
	              d->line, d->col, (int)d->severity, (int)d->code,
	              d->message ? d->message : "");
}

/* wm_convert_jsonl_with reader over the input: its output and messages in
 * out (separated by a line "----"), its return in *rc. */
static void run_jsonl(wm_jsonl_reader reader, const uint8_t *data,
                      size_t size, wm_buf *out, int *rc)
{
	wm_context *ctx = new_context();
	wm_buf msgs = WM_BUF_INIT;
	wm_context_set_diag(ctx, diag_jsonl, &msgs);
	jsonl_input in = {(const char *)data + 1, size - 1, 0, 1 + data[0] % 97u};
	*rc = wm_convert_jsonl_with(ctx, reader, pull_jsonl, &in, WM_FORMAT_JSON,
	                            0, sink_jsonl, out);
	wm_buf_puts(out, "----\n");
	wm_buf_put(out, msgs.ptr, msgs.len);
	wm_buf_free(&msgs);
	wm_context_free(ctx);
}

void fuzz_check_jsonl(const uint8_t *data, size_t size)
{
	if (size < 1)
		return;
	wm_buf plain = WM_BUF_INIT, jansson = WM_BUF_INIT;
	int rc_plain, rc_jansson;
	run_jsonl(WM_JSONL_PLAIN_FIRST, data, size, &plain, &rc_plain);
	run_jsonl(WM_JSONL_JANSSON_ONLY, data, size, &jansson, &rc_jansson);
	if (rc_plain != rc_jansson || plain.len != jansson.len ||
	    memcmp(plain.ptr, jansson.ptr, plain.len) != 0) {
		fprintf(stderr, "---- read by jansson (%d) ----\n%.*s\n", rc_jansson,
		        jansson.len > 4000 ? 4000 : (int)jansson.len, jansson.ptr);
		fail(plain.ptr, plain.len, "JSON Lines: the plain reader (%d, below) "
		     "and jansson disagree", rc_plain);
	}
	/* each output line is JSON (jansson refuses what is not UTF-8) */
	const char *s = wm_buf_cstr(&plain), *end = strstr(s, "----\n");
	for (const char *nl; s < end && (nl = memchr(s, '\n', (size_t)(end - s)));
	     s = nl + 1) {
		json_error_t err;
		json_t *j = json_loadb(s, (size_t)(nl - s), 0, &err);
		if (!j || !json_is_object(j))
			fail(s, (size_t)(nl - s), "JSON Lines: a line that is not a "
			     "JSON object (%s)", err.text);
		json_decref(j);
	}
	if (s != end)
		fail(plain.ptr, plain.len, "JSON Lines: output not ended by a line feed");
	wm_buf_free(&plain);
	wm_buf_free(&jansson);
}
