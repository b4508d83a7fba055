/* The checks of the fuzz targets: see checks.h. */
#include "checks.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- failing ------------------------------------------------------------- */

#define KEPT 10 /* error messages kept for the report of a failure */

static struct {
	char text[KEPT][400];
	unsigned n;   /* errors seen since the last reset */
	unsigned all; /* messages of any severity, likewise */
} errors;

static void on_diag(const wm_diag *d, void *u)
{
	(void)u;
	errors.all++;
	if (d->severity != WM_SEVERITY_ERROR)
		return;
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
	errors.n = errors.all = 0;
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

static const char article[] =
	"HEADLINE <B> & {{x}}\n\nBy JANE DOE\n\n"
	"PORTLAND, Ore., Feb 26 - First {{#a}} paragraph.\n"
	"    Second paragraph.\n\n              1987      1986\n"
	"    Shr      1.10      0.90\n    Net     4,100     3,300\n\n Reuter\n";

void fuzz_check_template(const uint8_t *data, size_t size)
{
	/* four, as the regressions in tests/fuzz-regressions/template were
	 * found with (NITF and NewsML-G2 escape as TEI does) */
	static const wm_format formats[] = {WM_FORMAT_HTML, WM_FORMAT_TEI,
	                                    WM_FORMAT_JSON, WM_FORMAT_MARKDOWN};
	wm_context *ctx = new_context();
	if (wm_context_set_meta(ctx, "publisher", "P <&>") != WM_OK)
		fail(NULL, 0, "wm_context_set_meta refused publisher");
	wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, article, sizeof article - 1,
	                        "a", 0);
	if (!feed)
		fail(NULL, 0, "the fixed article is not read");
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
	for (size_t i = 0; i < sizeof readers / sizeof *readers; i++)
		if (strcmp(name, readers[i].name) == 0) {
			fuzz_check_reader(readers[i].format, data, size);
			return 0;
		}
	return -1;
}
