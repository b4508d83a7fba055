/* What the NITF and NewsML-G2 readers share: see news.h. */
#include "news.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../dateline.h"
#include "../reader.h"
#include "../../tree/calendar.h"
#include "../../util/dash.h"

#define MAX_WARNINGS 10
#define MESSAGE_MAX 512
#define ZONE_MAX 16 /* "+HH:MM", with room to spare for snprintf's check */

void wm_news_start(wm_news *n, wm_news_input *in)
{
	memset(n, 0, sizeof *n);
	n->in = in;
	n->a = wm_article_new();
}

void wm_news_drop(wm_news *n)
{
	wm_article_free(n->a);
	n->a = NULL;
	free(n->dateline_text);
	free(n->date_norm);
	n->dateline_text = n->date_norm = NULL;
}

/* The start of line line of in's bytes (NULL past the end): from the
 * line found last when line is not before it, so that messages in input
 * order cost one pass. */
static const char *line_start(wm_news_input *in, unsigned line)
{
	const char *p = in->bytes, *end = in->bytes + in->len;
	unsigned l = 1;
	if (in->at_line && in->at_line <= line) {
		l = in->at_line;
		p += in->at_off;
	}
	for (; l < line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	in->at_line = l;
	in->at_off = (size_t)(p - in->bytes);
	return p < end ? p : NULL;
}

/* Whether s (before eol) names name, followed by what may end a name. */
static int names(const char *s, const char *eol, const char *name, size_t n)
{
	return s + n < eol && strncmp(s, name, n) == 0 &&
	       (s[n] == '>' || s[n] == '/' || s[n] == ' ' || s[n] == '\t' ||
	        s[n] == '\r');
}

unsigned wm_news_col(wm_news_input *in, const xmlNode *el)
{
	unsigned line = wm_xml_lineno(el);
	const char *p = line && in->bytes ? line_start(in, line) : NULL;
	if (!p)
		return 1;
	const char *end = in->bytes + in->len;
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	eol = eol ? eol : end;
	const char *name = (const char *)el->name;
	size_t n = strlen(name);
	for (const char *q = p; q < eol; q++) {
		if (*q != '<')
			continue;
		const char *colon = memchr(q + 1, ':', (size_t)(eol - q - 1));
		if (names(q + 1, eol, name, n) ||
		    (colon && colon < q + 40 && names(colon + 1, eol, name, n)))
			return (unsigned)(q - p) + 1;
	}
	return 1;
}

static void report(wm_news_input *in, const xmlNode *el, wm_severity sev,
                   wm_diag_code code, const char *fmt, va_list ap)
	WM_PRINTF(5, 0);

static void report(wm_news_input *in, const xmlNode *el, wm_severity sev,
                   wm_diag_code code, const char *fmt, va_list ap)
{
	char msg[MESSAGE_MAX];
	vsnprintf(msg, sizeof msg, fmt, ap);
	unsigned line = wm_xml_lineno(el);
	if (sev == WM_SEVERITY_WARNING)
		wm_report_capped(in->ctx, &in->warnings, MAX_WARNINGS,
		                 " (further warnings of the reader left out)", sev,
		                 code, in->source, line ? line : 1,
		                 wm_news_col(in, el), "%s", msg);
	else
		wm_report(in->ctx, sev, code, in->source, line ? line : 1,
		          wm_news_col(in, el), "%s", msg);
}

void wm_news_warn(wm_news_input *in, const xmlNode *el, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(in, el, WM_SEVERITY_WARNING, WM_DIAG_NOT_READ, fmt, ap);
	va_end(ap);
}

int wm_news_error(wm_news_input *in, const xmlNode *el, wm_diag_code code,
                  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(in, el, WM_SEVERITY_ERROR, code, fmt, ap);
	va_end(ap);
	return 0;
}

void wm_news_meta(wm_news *n, const char *key, char *s)
{
	char *v = s ? wm_xml_one_line(s, strlen(s), 0) : NULL;
	if (v)
		wm_article_set_meta(n->a, key, v);
	free(v);
	free(s);
}

char *wm_news_line(wm_news *n, const xmlNode *el)
{
	wm_xml_text t = {WM_BUF_INIT, 0, NULL};
	static const char *const left_out[] = {"note", "fn", "media", NULL};
	wm_xml_gather(&t, el, WM_XML_BR_SPACE, left_out);
	char *s = wm_xml_one_line(wm_buf_cstr(&t.buf), t.buf.len, 0);
	wm_buf_free(&t.buf);
	if (t.entities && !n->entities)
		n->entity = t.entity;
	n->entities += t.entities;
	return s;
}

void wm_news_block(wm_news *n, wm_block_type type, char *text, unsigned line)
{
	if (!text)
		return;
	wm_article *a = n->a;
	if (a->trailer) { /* a trailer followed by more text was a paragraph */
		wm_article_push_block(a, WM_BLOCK_PARAGRAPH, a->trailer,
		                      a->trailer_line);
		a->trailer = NULL;
	}
	wm_article_push_block(n->a, type, wm_article_take(n->a, text), line);
	n->started = 1;
}

/* ---- blocks -------------------------------------------------------------- */

static void read_children(wm_news *n, const xmlNode *el);

/* A leading span class="dateline" of el (white space before it aside). */
static const xmlNode *leading_dateline(const xmlNode *el)
{
	for (const xmlNode *c = el->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c))
			continue;
		if (wm_xml_is(c, "span") && wm_xml_attr_has(c, "class", "dateline"))
			return c;
		return NULL;
	}
	return NULL;
}

static void read_p(wm_news *n, const xmlNode *el)
{
	wm_article *a = n->a;
	unsigned line = wm_xml_lineno(el);
	if (!n->started && !a->byline && wm_xml_attr_has(el, "class", "byline")) {
		a->byline = wm_article_take(a, wm_xml_text_lines(el, NULL));
		a->byline_line = line;
		return;
	}
	if (!n->started && wm_xml_attr_has(el, "class", "teaser")) {
		if (!a->deck)
			a->deck = wm_article_take(a, wm_news_line(n, el));
		else
			wm_news_meta(n, "abstract", wm_news_line(n, el));
		return;
	}
	if (wm_xml_attr_has(el, "class", "trailer")) {
		char *t = wm_news_line(n, el);
		if (t && a->trailer)
			wm_news_block(n, WM_BLOCK_PARAGRAPH, wm_xstrdup(a->trailer),
			              a->trailer_line);
		if (t) {
			a->trailer = wm_article_take(a, t);
			a->trailer_line = line;
		}
		return;
	}
	const xmlNode *span = leading_dateline(el);
	if (span && !n->started && !n->dateline_text)
		wm_news_dateline(n, wm_news_line(n, span), line, NULL, NULL);
	wm_news_block(n, WM_BLOCK_PARAGRAPH, wm_news_line(n, el), line);
}

static void read_paragraph(wm_news *n, const xmlNode *el)
{
	wm_news_block(n, WM_BLOCK_PARAGRAPH, wm_news_line(n, el),
	              wm_xml_lineno(el));
}

/* XHTML's h1: the headline when there is none yet, else a subhead (the
 * same headline again is left out). */
static void read_h1(wm_news *n, const xmlNode *el)
{
	char *s = wm_news_line(n, el);
	if (s && !n->a->headline && !n->started) {
		n->a->headline = wm_article_take(n->a, s);
		n->a->line = wm_xml_lineno(el);
	} else if (s && n->a->headline && strcmp(s, n->a->headline) == 0) {
		free(s);
	} else {
		wm_news_block(n, WM_BLOCK_PARAGRAPH, s, wm_xml_lineno(el));
	}
}

static void read_table(wm_news *n, const xmlNode *el)
{
	const xmlNode *caption = wm_xml_child(el, "caption");
	if (caption)
		read_paragraph(n, caption);
	wm_news_block(n, WM_BLOCK_PREFORMATTED, wm_xml_table(el),
	              wm_xml_lineno(el));
}

static void read_pre(wm_news *n, const xmlNode *el)
{
	wm_news_block(n, WM_BLOCK_PREFORMATTED, wm_xml_pre(el), wm_xml_lineno(el));
}

static void read_list(wm_news *n, const xmlNode *el)
{
	for (const xmlNode *c = el->children; c; c = c->next)
		if (wm_xml_is(c, "li") || wm_xml_is(c, "dt") || wm_xml_is(c, "dd"))
			read_paragraph(n, c);
}

/* media (NITF) and figure (XHTML): the caption and the reference into
 * meta (media_caption, media_ref, media_type; media2_... for the next). */
static void read_media(wm_news *n, const xmlNode *el)
{
	char key[32], pre[16];
	n->media++;
	if (n->media == 1)
		snprintf(pre, sizeof pre, "media");
	else
		snprintf(pre, sizeof pre, "media%u", n->media);
	const xmlNode *cap = wm_xml_child(el, "media-caption");
	cap = cap ? cap : wm_xml_child(el, "figcaption");
	snprintf(key, sizeof key, "%s_caption", pre);
	wm_news_meta(n, key, cap ? wm_news_line(n, cap) : NULL);
	const xmlNode *ref = wm_xml_child(el, "media-reference");
	char *src = ref ? wm_xml_attr(ref, "source") : NULL;
	if (!src && wm_xml_child(el, "img"))
		src = wm_xml_attr(wm_xml_child(el, "img"), "src");
	snprintf(key, sizeof key, "%s_ref", pre);
	wm_news_meta(n, key, src);
	snprintf(key, sizeof key, "%s_type", pre);
	wm_news_meta(n, key, wm_xml_attr(el, "media-type"));
}

static void left_out(wm_news *n, const xmlNode *el)
{
	wm_news_warn(n->in, el, "<%s> left out (the tree has no notes)",
	             (const char *)el->name);
}

typedef void (*block_fn)(wm_news *, const xmlNode *);

static const struct {
	const char *name;
	block_fn fn;
} rules[] = {
	{"p", read_p},           {"hl2", read_paragraph},
	{"h1", read_h1},         {"h2", read_paragraph},
	{"h3", read_paragraph},  {"h4", read_paragraph},
	{"h5", read_paragraph},  {"h6", read_paragraph},
	{"table", read_table},   {"pre", read_pre},
	{"ul", read_list},       {"ol", read_list},
	{"dl", read_list},       {"block", read_children},
	{"bq", read_children},   {"blockquote", read_children},
	{"div", read_children},  {"section", read_children},
	{"article", read_children}, {"nitf-table", read_children},
	{"media", read_media},   {"figure", read_media},
	{"note", left_out},      {"fn", left_out},
};

static block_fn rule_of(const xmlNode *el)
{
	for (size_t k = 0; k < sizeof rules / sizeof *rules; k++)
		if (wm_xml_is(el, rules[k].name))
			return rules[k].fn;
	return NULL;
}

/* Whether el holds an element that a rule reads. */
static int holds_blocks(const xmlNode *el)
{
	for (const xmlNode *c = el->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && rule_of(c))
			return 1;
	return 0;
}

static void read_child(wm_news *n, const xmlNode *c)
{
	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
		if (c->content)
			wm_news_block(n, WM_BLOCK_PARAGRAPH,
			              wm_xml_one_line((const char *)c->content,
			                              strlen((const char *)c->content),
			                              0),
			              wm_xml_lineno(c));
		return;
	}
	if (c->type != XML_ELEMENT_NODE)
		return;
	block_fn fn = rule_of(c);
	if (fn)
		fn(n, c);
	else if (holds_blocks(c))
		read_children(n, c);
	else
		read_paragraph(n, c);
}

static void read_children(wm_news *n, const xmlNode *el)
{
	for (const xmlNode *c = el->children; c; c = c->next)
		read_child(n, c);
}

void wm_news_blocks(wm_news *n, const xmlNode *container)
{
	if (container)
		read_children(n, container);
}

/* ---- the dateline -------------------------------------------------------- */

void wm_news_dateline(wm_news *n, char *text, unsigned line, const char *city,
                      const char *region)
{
	if (!text || n->dateline_text) {
		free(text);
		return;
	}
	n->dateline_text = text;
	n->dateline_line = line;
	n->city = wm_article_strdup(n->a, city);
	n->region = wm_article_strdup(n->a, region);
}

static wm_block *first_paragraph(wm_article *a)
{
	return a->nblocks && a->blocks[0].type == WM_BLOCK_PARAGRAPH
	       ? &a->blocks[0] : NULL;
}

/* Cuts the first paragraph's first off bytes (and the spaces after
 * them); the block goes when nothing is left of it. */
static void cut_first(wm_article *a, size_t off)
{
	char *t = a->blocks[0].text + off;
	while (*t == ' ')
		t++;
	if (*t) {
		a->blocks[0].text = t;
		return;
	}
	memmove(a->blocks, a->blocks + 1, (a->nblocks - 1) * sizeof *a->blocks);
	a->nblocks--;
}

/* The first paragraph's dateline, as the wire reader reads it, taken
 * from the paragraph; NULL when it has none. */
static wm_dateline *from_paragraph(wm_news *n)
{
	wm_block *b = first_paragraph(n->a);
	if (!b)
		return NULL;
	wm_dateline *d = NULL;
	size_t off = wm_dateline_parse(n->in->ctx, b->text, strlen(b->text),
	                               &n->a->arena, &d);
	if (!d)
		return NULL;
	d->line = b->line;
	cut_first(n->a, off);
	return d;
}

/* text read with the wire grammar, the first paragraph after it as in
 * wire copy; NULL unless the grammar reads all of text as the dateline. */
static wm_dateline *from_grammar(wm_news *n, const char *text)
{
	wm_buf b = WM_BUF_INIT;
	wm_buf_puts(&b, text);
	wm_block *p = first_paragraph(n->a);
	if (p) {
		wm_buf_putc(&b, ' ');
		wm_buf_puts(&b, p->text);
	}
	wm_dateline *g = NULL;
	wm_dateline_parse(n->in->ctx, wm_buf_cstr(&b), b.len, &n->a->arena, &g);
	wm_buf_free(&b);
	return g && strcmp(g->text, text) == 0 ? g : NULL;
}

/* The dash that ends s (spaces after it aside): its length, 0 if none. */
static size_t trailing_dash(const char *s, size_t *at)
{
	size_t len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	size_t k = wm_dash_suffix(s, len);
	*at = len - k;
	return k;
}

/* A dateline from text (which ends with a dash) and the marked-up parts:
 * the place is the city, else what stands before the dash. */
static wm_dateline *from_parts(wm_news *n, const char *text)
{
	size_t at, k = trailing_dash(text, &at);
	if (!k)
		return NULL;
	wm_article *a = n->a;
	wm_dateline *d = wm_dateline_new(&a->arena);
	d->text = wm_article_strdup(a, text);
	d->dash = wm_article_strndup(a, text + at, k);
	size_t end = at;
	while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == ','))
		end--;
	d->place = n->city ? wm_article_strdup(a, n->city)
	           : end ? wm_article_strndup(a, text, end) : NULL;
	d->region = n->region ? wm_article_strdup(a, n->region) : NULL;
	return wm_dateline_anchored(d) ? d : NULL;
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The element's dateline when the first paragraph repeats it: read from
 * the paragraph and cut from it. */
static wm_dateline *repeated(wm_news *n, const char *text)
{
	wm_dateline *d = from_paragraph(n);
	if (!d && (d = from_parts(n, text)) != NULL)
		cut_first(n->a, strlen(text));
	return d;
}

static void find_dateline(wm_news *n)
{
	wm_article *a = n->a;
	const char *text = n->dateline_text;
	wm_block *b = first_paragraph(a);
	size_t at;
	wm_dateline *d;
	if (text && b && starts_with(b->text, text))
		d = repeated(n, text);
	else if (text && (d = from_grammar(n, text)) != NULL)
		;
	else if (text && trailing_dash(text, &at))
		d = from_parts(n, text);
	else
		d = from_paragraph(n);
	if (!d) {
		if (text)
			wm_article_set_meta(a, "dateline", text);
		return;
	}
	if (!d->line)
		d->line = n->dateline_line;
	char *iso = d->date && !d->iso_date ? wm_news_iso(n->date_norm) : NULL;
	if (iso && strlen(iso) >= 10) {
		iso[10] = '\0';
		if (wm_is_iso_date(iso))
			d->iso_date = wm_article_strdup(a, iso);
	}
	free(iso);
	a->dateline = d;
}

/* ---- dates --------------------------------------------------------------- */

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Reads n digits at *p, with an optional separator sep before them
 * (skipped); -1 when they are not there. */
static int field(const char **p, size_t n, char sep)
{
	if (sep && **p == sep)
		(*p)++;
	if (strlen(*p) < n || !digits(*p, n))
		return -1;
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + ((*p)[i] - '0');
	*p += n;
	return v;
}

/* The zone after a time: "Z", "+HHMM", "+HH:MM", "+HH"; "" when none,
 * NULL when malformed. */
static const char *zone(const char *p, char out[ZONE_MAX])
{
	out[0] = '\0';
	if (*p == 'Z' && !p[1])
		return strcpy(out, "Z");
	if (!*p)
		return out;
	if (*p != '+' && *p != '-')
		return NULL;
	char sign = *p++;
	int h = field(&p, 2, 0), m = *p ? field(&p, 2, ':') : 0;
	if (h < 0 || m < 0 || *p || h > 23 || m > 59)
		return NULL;
	snprintf(out, ZONE_MAX, "%c%02d:%02d", sign, h, m);
	return out;
}

char *wm_news_iso(const char *norm)
{
	if (!norm)
		return NULL;
	const char *p = norm;
	while (*p == ' ')
		p++;
	int y = field(&p, 4, 0), mo = field(&p, 2, '-'), d = field(&p, 2, '-');
	char date[48], z[ZONE_MAX];
	if (y < 0 || mo < 0 || d < 0)
		return NULL;
	snprintf(date, sizeof date, "%04d-%02d-%02d", y, mo, d);
	if (!wm_is_iso_date(date))
		return NULL;
	if (!*p)
		return wm_xstrdup(date);
	if (*p != 'T' && *p != ' ')
		return NULL;
	p++;
	int h = field(&p, 2, 0), mi = field(&p, 2, ':'), s = field(&p, 2, ':');
	if (h < 0 || mi < 0 || h > 23 || mi > 59)
		return NULL;
	s = s < 0 ? 0 : s;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (s > 60 || !zone(p, z))
		return NULL;
	char out[96];
	snprintf(out, sizeof out, "%sT%02d:%02d:%02d%s", date, h, mi, s, z);
	return wm_xstrdup(out);
}

/* ---- the article --------------------------------------------------------- */

wm_article *wm_news_finish(wm_news *n, const xmlNode *el, unsigned line)
{
	wm_article *a = n->a;
	wm_news_input *in = n->in;
	find_dateline(n);
	if (n->entities)
		wm_news_warn(in, n->entity, "%u entity reference%s left out, &%s; "
		             "the first (wiremark expands no entity)", n->entities,
		             n->entities > 1 ? "s" : "",
		             (const char *)n->entity->name);
	if (!a->line)
		a->line = line ? line : wm_xml_lineno(el);
	a->source = wm_article_strdup(a, in->source);
	/* the column only for a message: finding it reads the input */
	unsigned col = wm_article_check(a) ? wm_news_col(in, el) : 1;
	n->a = NULL;
	wm_news_drop(n);
	if (!a->headline) {
		wm_news_error(in, el, WM_DIAG_NO_HEADLINE, "%s article left out: "
		              "it has no headline", in->format);
		wm_article_free(a);
		return NULL;
	}
	return wm_article_kept(in->ctx, a, in->source, wm_xml_lineno(el), col);
}
