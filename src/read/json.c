/* The JSON reader: the article JSON form back to the tree.
 *
 * The input is JSON objects separated by white space: one a line as -t json
 * writes them, or spread over several lines as jq prints them.  Each object
 * is one article (DESIGN.md, "The JSON form"):
 *
 *   headline                 string (required)
 *   deck, byline, trailer,
 *   slug                     string or null (absent: null); the byline
 *                            may hold lines joined by "\n"
 *   dateline                 null, or an object: text and dash strings;
 *                            place, region, date, iso_date, agency string
 *                            or null
 *   body                     array of {"type": "paragraph" or
 *                            "preformatted", "text": string}
 *   meta                     object: source string, line whole number, any
 *                            other key a string (kept with the article)
 *
 * jansson parses one object at a time; this file checks the shape and builds
 * the article, then the tree's rules are checked.  Unknown fields are
 * warned about and ignored.  Messages name the line and column of the value
 * they are about: jansson keeps no positions, so locate() walks the (valid)
 * JSON text along the field's path.  After a syntax error, reading goes on
 * at the next line that starts with '{' (or '['), where the next object
 * starts in both layouts.
 */
#include "json.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../tree/calendar.h"
#include "../util/buf.h"
#include "libjansson.h"

#define NOT_FOUND ((size_t)-1)

/* ---- paths to fields ----------------------------------------------------- */

/* One step into a value: a key, or (key NULL) an index into an array. */
typedef struct step {
	const char *key;
	size_t index;
} step;

/* Where a field is: "dateline.place" is {dateline, place}; "body[2].type"
 * is {body, 2, type}.  The empty path is the article object. */
typedef struct path {
	step s[3];
	size_t n;
} path;

static const path root_path = {{{NULL, 0}}, 0};

static path path_step(const path *p, const char *key, size_t index)
{
	path q = *p;
	if (q.n < sizeof q.s / sizeof *q.s) {
		q.s[q.n].key = key;
		q.s[q.n].index = index;
		q.n++;
	}
	return q;
}

static path path_key(const path *p, const char *key)
{
	return path_step(p, key, 0);
}

static path path_index(const path *p, size_t index)
{
	return path_step(p, NULL, index);
}

static void path_name(wm_buf *b, const path *p)
{
	for (size_t i = 0; i < p->n; i++) {
		if (p->s[i].key)
			wm_buf_printf(b, "%s%s", i ? "." : "", p->s[i].key);
		else
			wm_buf_printf(b, "[%zu]", p->s[i].index);
	}
}

/* ---- finding a value in the JSON text ------------------------------------ */

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t skip_ws(const char *t, size_t len, size_t i)
{
	while (i < len && is_ws(t[i]))
		i++;
	return i;
}

/* Past the string that starts at t[i] (a '"'). */
static size_t skip_string(const char *t, size_t len, size_t i)
{
	for (i++; i < len && t[i] != '"'; i++)
		if (t[i] == '\\')
			i++;
	return i < len ? i + 1 : len;
}

static int scalar_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' ||
	       c == '+' || c == '.' || c == 'E';
}

/* Past the value that starts at t[i]; the text is valid JSON. */
static size_t skip_value(const char *t, size_t len, size_t i)
{
	if (i < len && t[i] != '{' && t[i] != '[' && t[i] != '"') {
		while (i < len && scalar_char(t[i]))
			i++;
		return i;
	}
	size_t depth = 0;
	while (i < len) {
		char c = t[i];
		if (c == '"') {
			i = skip_string(t, len, i);
		} else {
			i++;
			if (c == '{' || c == '[')
				depth++;
			else if (c == '}' || c == ']')
				depth--;
		}
		if (depth == 0)
			break;
	}
	return i;
}

/* Past the ',' after a member or element, or NOT_FOUND at the end. */
static size_t next_item(const char *t, size_t len, size_t i)
{
	i = skip_ws(t, len, skip_value(t, len, i));
	return i < len && t[i] == ',' ? skip_ws(t, len, i + 1) : NOT_FOUND;
}

/* Where the value of member key starts in the object at t[i]. */
static size_t find_member(const char *t, size_t len, size_t i, const char *key)
{
	size_t klen = strlen(key);
	i = skip_ws(t, len, i + 1);
	while (i < len && t[i] == '"') {
		size_t end = skip_string(t, len, i);
		int hit = end - i == klen + 2 && memcmp(t + i + 1, key, klen) == 0;
		i = skip_ws(t, len, end);
		i = skip_ws(t, len, i + 1); /* past the ':' */
		if (hit)
			return i;
		if ((i = next_item(t, len, i)) == NOT_FOUND)
			break;
	}
	return NOT_FOUND;
}

/* Where element index starts in the array at t[i]. */
static size_t find_element(const char *t, size_t len, size_t i, size_t index)
{
	i = skip_ws(t, len, i + 1);
	for (size_t k = 0; i < len && t[i] != ']'; k++) {
		if (k == index)
			return i;
		if ((i = next_item(t, len, i)) == NOT_FOUND)
			break;
	}
	return NOT_FOUND;
}

/* ---- the reader ---------------------------------------------------------- */

typedef struct reader {
	wm_context *ctx;
	const char *source;
	const char *text;
	size_t len;
	size_t start;    /* offset of the object being read */
	unsigned line;   /* line of text[line_off] */
	size_t line_off; /* start of the line that holds start */
} reader;

/* Moves the line count forward to the line that holds text[at]. */
static void move_to(reader *r, size_t at)
{
	for (size_t i = r->line_off; i < at; i++)
		if (r->text[i] == '\n') {
			r->line++;
			r->line_off = i + 1;
		}
	r->start = at;
}

/* Line and column (in characters, as jansson counts) of text[at], at not
 * before the object being read. */
static void position(const reader *r, size_t at, unsigned *line,
                     unsigned *col)
{
	*line = r->line;
	*col = 1;
	for (size_t i = r->line_off; i < at && i < r->len; i++) {
		if (r->text[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)r->text[i] & 0xC0) != 0x80) {
			++*col;
		}
	}
}

/* Where the value at p starts in the current object (or the deepest part
 * of p that is there). */
static size_t locate(const reader *r, const path *p)
{
	size_t at = r->start;
	for (size_t i = 0; i < p->n; i++) {
		char open = p->s[i].key ? '{' : '[';
		if (at >= r->len || r->text[at] != open)
			break;
		size_t next = p->s[i].key
		                  ? find_member(r->text, r->len, at, p->s[i].key)
		                  : find_element(r->text, r->len, at, p->s[i].index);
		if (next == NOT_FOUND)
			break;
		at = next;
	}
	return at;
}

static void report_at(const reader *r, wm_severity sev, const path *p,
                      const char *what)
{
	unsigned line, col;
	position(r, locate(r, p), &line, &col);
	if (p->n == 0) {
		wm_report(r->ctx, sev, WM_DIAG_MALFORMED, r->source, line, col, "%s",
		          what);
		return;
	}
	wm_buf name = WM_BUF_INIT;
	path_name(&name, p);
	wm_report(r->ctx, sev, WM_DIAG_MALFORMED, r->source, line, col,
	          "field \"%s\": %s", wm_buf_cstr(&name), what);
	wm_buf_free(&name);
}

static int field_error(const reader *r, const path *p, const char *what)
{
	report_at(r, WM_SEVERITY_ERROR, p, what);
	return -1;
}

static int known_key(const char *key, const char *const *known)
{
	for (; *known; known++)
		if (strcmp(key, *known) == 0)
			return 1;
	return 0;
}

static void warn_unknown(const reader *r, json_t *obj, const path *p,
                         const char *const *known)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		if (!known_key(key, known)) {
			path q = path_key(p, key);
			report_at(r, WM_SEVERITY_WARNING, &q, "unknown, ignored");
		}
	}
}

/* ---- fields -------------------------------------------------------------- */

enum { OPTIONAL, REQUIRED };

/* The article's optional field key (*p: its path) into *v: 1, or 0 when
 * it is absent or null, or -1 (an error reported: expected) when it is
 * not of the type. */
static int optional_field(const reader *r, json_t *obj, const char *key,
                          json_type type, const char *expected, path *p,
                          json_t **v)
{
	*p = path_key(&root_path, key);
	*v = json_object_get(obj, key);
	if (!*v || json_is_null(*v))
		return 0;
	if (json_typeof(*v) != type)
		return field_error(r, p, expected);
	return 1;
}

/* Copies the string obj[key] into *out, in the arena of a (NULL: with
 * malloc); an absent or null optional field leaves *out NULL.  Returns
 * 0, or -1 with the error reported. */
static int take_string(const reader *r, json_t *obj, const path *p,
                       const char *key, int required, wm_article *a,
                       char **out)
{
	json_t *v = json_object_get(obj, key);
	path q = path_key(p, key);
	if (!v && required)
		return field_error(r, &q, "missing");
	if (!v || (json_is_null(v) && !required))
		return 0;
	if (!json_is_string(v))
		return field_error(r, &q, "expected a string");
	*out = a ? wm_article_strndup(a, json_string_value(v),
	                              json_string_length(v))
	         : wm_xstrndup(json_string_value(v), json_string_length(v));
	return 0;
}

/* take_string for a one-line field (headline, dateline parts, ...): the
 * string must not be empty or hold a line break (null means none). */
static int take_line(const reader *r, json_t *obj, const path *p,
                     const char *key, int required, wm_article *a, char **out)
{
	if (take_string(r, obj, p, key, required, a, out) != 0)
		return -1;
	if (*out && (!**out || strpbrk(*out, "\r\n"))) {
		path q = path_key(p, key);
		return field_error(r, &q, required
		                   ? "expected a non-empty string on one line"
		                   : "expected a non-empty string on one line, "
		                     "or null");
	}
	return 0;
}

/* take_string for the byline: non-empty lines joined by "\n" (a byline
 * sent over two lines keeps them), no "\r" (null means none). */
static int take_lines(const reader *r, json_t *obj, const path *p,
                      const char *key, wm_article *a, char **out)
{
	if (take_string(r, obj, p, key, OPTIONAL, a, out) != 0)
		return -1;
	if (*out && !wm_good_lines(*out)) {
		path q = path_key(p, key);
		return field_error(r, &q, "expected non-empty lines joined by "
		                   "\"\\n\", or null");
	}
	return 0;
}

static int take_dateline(const reader *r, json_t *obj, wm_article *a)
{
	static const char *const known[] = {"text", "place", "region", "date",
	                                    "iso_date", "agency", "dash", NULL};
	path p;
	json_t *v;
	int got = optional_field(r, obj, "dateline", JSON_OBJECT,
	                         "expected an object or null", &p, &v);
	if (got <= 0)
		return got;
	warn_unknown(r, v, &p, known);
	wm_dateline *d = wm_dateline_new(&a->arena);
	a->dateline = d;
	if (take_line(r, v, &p, "text", REQUIRED, a, &d->text) != 0 ||
	    take_line(r, v, &p, "place", OPTIONAL, a, &d->place) != 0 ||
	    take_line(r, v, &p, "region", OPTIONAL, a, &d->region) != 0 ||
	    take_line(r, v, &p, "date", OPTIONAL, a, &d->date) != 0 ||
	    take_line(r, v, &p, "iso_date", OPTIONAL, a, &d->iso_date) != 0 ||
	    take_line(r, v, &p, "agency", OPTIONAL, a, &d->agency) != 0 ||
	    take_line(r, v, &p, "dash", OPTIONAL, a, &d->dash) != 0)
		return -1;
	if (d->iso_date && !wm_is_iso_date(d->iso_date)) {
		path q = path_key(&p, "iso_date");
		return field_error(r, &q, "expected a real date as YYYY-MM-DD, "
		                   "or null");
	}
	return 0;
}

static int block_type_from(const char *name)
{
	for (int t = 0; t < WM_BLOCK_MAX; t++)
		if (strcmp(name, wm_block_type_name((wm_block_type)t)) == 0)
			return t;
	return -1;
}

/* "expected \"paragraph\" or \"preformatted\"", from the type names. */
static int block_type_error(const reader *r, const path *p)
{
	wm_buf msg = WM_BUF_INIT;
	wm_buf_puts(&msg, "expected");
	for (int t = 0; t < WM_BLOCK_MAX; t++)
		wm_buf_printf(&msg, "%s\"%s\"",
		              t == 0 ? " " : t == WM_BLOCK_MAX - 1 ? " or " : ", ",
		              wm_block_type_name((wm_block_type)t));
	field_error(r, p, wm_buf_cstr(&msg));
	wm_buf_free(&msg);
	return -1;
}

static int take_block(const reader *r, json_t *b, const path *p,
                      wm_article *a)
{
	static const char *const known[] = {"type", "text", NULL};
	if (!json_is_object(b))
		return field_error(r, p, "expected a block: "
		                   "{\"type\": ..., \"text\": ...}");
	warn_unknown(r, b, p, known);
	char *type = NULL, *text = NULL;
	int rc = -1, t = -1;
	if (take_string(r, b, p, "type", REQUIRED, NULL, &type) != 0)
		goto out;
	if ((t = block_type_from(type)) < 0) {
		path q = path_key(p, "type");
		block_type_error(r, &q);
		goto out;
	}
	if (take_string(r, b, p, "text", REQUIRED, a, &text) != 0)
		goto out;
	wm_article_push_block(a, (wm_block_type)t, text, 0);
	rc = 0;
out:
	free(type);
	return rc;
}

static int take_body(const reader *r, json_t *obj, wm_article *a)
{
	path p;
	json_t *v;
	int got = optional_field(r, obj, "body", JSON_ARRAY,
	                         "expected an array of blocks", &p, &v);
	if (got <= 0)
		return got;
	size_t i;
	json_t *b;
	json_array_foreach(v, i, b) {
		path q = path_index(&p, i);
		if (take_block(r, b, &q, a) != 0)
			return -1;
	}
	return 0;
}

static int take_meta_value(const reader *r, const path *p, const char *key,
                           json_t *v, wm_article *a)
{
	if (strcmp(key, "line") == 0) {
		json_int_t n = json_is_integer(v) ? json_integer_value(v) : -1;
		if (n < 0 || n > (json_int_t)UINT_MAX)
			return field_error(r, p, "expected a whole number");
		a->line = (unsigned)n;
		return 0;
	}
	if (json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return field_error(r, p, "expected a string");
	if (strcmp(key, "source") == 0) {
		a->source = wm_article_strndup(a, json_string_value(v),
		                               json_string_length(v));
	} else {
		wm_article_set_meta(a, key, json_string_value(v));
	}
	return 0;
}

/* meta: source and line (default: this input and the object's line), and
 * the article's own values. */
static int take_meta(const reader *r, json_t *obj, wm_article *a)
{
	unsigned col;
	position(r, r->start, &a->line, &col);
	a->source = wm_article_strdup(a, r->source);
	path p;
	json_t *m;
	int got = optional_field(r, obj, "meta", JSON_OBJECT, "expected an object",
	                         &p, &m);
	if (got <= 0)
		return got;
	const char *key;
	json_t *v;
	json_object_foreach(m, key, v) {
		path q = path_key(&p, key);
		if (!*key)
			return field_error(r, &q, "expected a non-empty key");
		if (take_meta_value(r, &q, key, v, a) != 0)
			return -1;
	}
	return 0;
}

/* The article in obj, or NULL with the reason reported. */
static wm_article *article_from(const reader *r, json_t *obj)
{
	static const char *const known[] = {"headline", "deck", "byline",
	                                    "dateline", "body", "trailer",
	                                    "slug", "meta", NULL};
	if (!json_is_object(obj)) {
		field_error(r, &root_path, "expected an article: a JSON object");
		return NULL;
	}
	warn_unknown(r, obj, &root_path, known);
	wm_article *a = wm_article_new();
	const char *rule = NULL;
	if (take_line(r, obj, &root_path, "headline", REQUIRED, a, &a->headline) ||
	    take_line(r, obj, &root_path, "deck", OPTIONAL, a, &a->deck) ||
	    take_lines(r, obj, &root_path, "byline", a, &a->byline) ||
	    take_dateline(r, obj, a) || take_body(r, obj, a) ||
	    take_line(r, obj, &root_path, "trailer", OPTIONAL, a, &a->trailer) ||
	    take_line(r, obj, &root_path, "slug", OPTIONAL, a, &a->slug) ||
	    take_meta(r, obj, a))
		goto fail;
	if ((rule = wm_article_check(a)) != NULL) {
		wm_buf msg = WM_BUF_INIT;
		wm_buf_printf(&msg, "the article breaks the tree's %s", rule);
		field_error(r, &root_path, wm_buf_cstr(&msg));
		wm_buf_free(&msg);
		goto fail;
	}
	return a;
fail:
	wm_article_free(a);
	return NULL;
}

/* ---- the input ----------------------------------------------------------- */

/* The start of the next line after text[at] that starts with '{' (or
 * '[', to report it). */
static size_t resync(const reader *r, size_t at)
{
	for (size_t i = at; i + 1 < r->len; i++)
		if (r->text[i] == '\n' &&
		    (r->text[i + 1] == '{' || r->text[i + 1] == '['))
			return i + 1;
	return r->len;
}

/* Reports the syntax error err of the value at text[at].  An error past
 * the line where the next value starts is an object left open (as a line of
 * JSON Lines cut short): it is reported at the end of that object's text. */
static void syntax_error(const reader *r, size_t at, const json_error_t *err)
{
	unsigned line, col, next_line, next_col;
	size_t bad = at + (err->position > 0 ? (size_t)err->position - 1 : 0);
	size_t next = resync(r, at);
	if (bad < next) {
		position(r, bad, &line, &col);
		wm_report(r->ctx, WM_SEVERITY_ERROR, WM_DIAG_MALFORMED, r->source,
		          line, col, "invalid JSON: %s", err->text);
		return;
	}
	size_t end = next;
	while (end > at && is_ws(r->text[end - 1]))
		end--;
	position(r, end > at ? end - 1 : at, &line, &col);
	position(r, next, &next_line, &next_col);
	wm_report(r->ctx, WM_SEVERITY_ERROR, WM_DIAG_MALFORMED, r->source, line,
	          col, "invalid JSON: the object is not closed before the next "
	          "one (line %u)", next_line);
}

/* Reads the JSON value at text[at] into feed; returns where the next one
 * may start. */
static size_t read_value(reader *r, size_t at, wm_feed *feed)
{
	move_to(r, at);
	json_error_t err;
	json_t *v = json_loadb(r->text + at, r->len - at,
	                       JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES,
	                       &err);
	if (!v) {
		syntax_error(r, at, &err);
		return resync(r, at);
	}
	wm_article *a = article_from(r, v);
	json_decref(v);
	if (a)
		wm_feed_push(feed, a);
	return at + (size_t)err.position;
}

wm_feed *wm_read_json(wm_context *ctx, const char *text, size_t len,
                      const char *source)
{
	if (!wm_libjansson_load(ctx, source, "the JSON reader"))
		return NULL;
	reader r = {ctx, source, text, len, 0, 1, 0};
	wm_feed *feed = wm_feed_new();
	size_t at = skip_ws(text, len, 0);
	if (at == len)
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_NO_HEADLINE, source, 1, 1,
		          "no article: expected JSON objects, one article each");
	while ((at = skip_ws(text, len, at)) < len)
		at = read_value(&r, at, feed);
	if (feed->count == 0) {
		wm_feed_free(feed);
		return NULL;
	}
	return feed;
}
