/* The TEI reader: TEI P5 (through libxml2) to the document tree.
 *
 * What it reads:
 *   teiCorpus   every TEI in it, nested corpora too
 *   TEI         the articles of text/body (and of the texts of a group).
 *               The header gives the headline when the text has no head
 *               (titleStmt/title) and, when the TEI holds one article, the
 *               source wiremark read it from, its line and its slug
 *               (sourceDesc/bibl: idno type="source", biblScope unit="line"
 *               from, idno type="slug"), so that wiremark's TEI reads back
 *               to the tree it was written from
 *   articles    a body or div holding nothing but divs is looked into;
 *               any other is an article
 *   an article  head: the first is the headline, type="sub" (or a second
 *               head before the body) the deck, later ones paragraphs;
 *               byline or docAuthor; dateline: placeName (type="region":
 *               the region; settlement, region, country inside it), date
 *               (when="YYYY-MM-DD": the ISO date), orgName (the agency), pc
 *               (type="dash", or a dash: the dash) and, when it has no such
 *               markup, the wire dateline grammar; opener: looked into;
 *               p, ab: paragraphs; table: a preformatted block, a line per
 *               row, cells aligned in columns; eg, lg, ab xml:space=
 *               "preserve": preformatted; list: a paragraph per item;
 *               trailer (else closer); a nested div: its text as
 *               paragraphs
 *   left out    note (with a warning), fw, pb, cb, milestone, anchor, gap,
 *               figure, index, interp; entity references (with a warning:
 *               no entity is ever expanded)
 *   text        as written, but that a run of white space holding a line
 *               break becomes one space (in a preformatted block: as
 *               written, lb a line break; in a byline, lb ends a line)
 */
#include "tei.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "safe.h"
#include "text.h"
#include "../dateline.h"
#include "../reader.h"
#include "../../tree/calendar.h"
#include "../../util/dash.h"
#include "../../util/utf8.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"
#define MAX_WARNINGS 10
#define MAX_COLUMNS 64

/* ---- elements ------------------------------------------------------------ */

typedef struct reader {
	wm_context *ctx;
	const char *source; /* the input's name, for messages */
	wm_feed *feed;
	unsigned warnings;
} reader;

static int is_tei(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       (!n->ns || !n->ns->href ||
	        xmlStrEqual(n->ns->href, BAD_CAST TEI_NS));
}

static int named(const xmlNode *n, const char *name)
{
	return is_tei(n) && xmlStrEqual(n->name, BAD_CAST name);
}

static int named_any(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (named(n, *names))
			return 1;
	return 0;
}

/* The first child element called name, or NULL. */
static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

static int attr_is(const xmlNode *n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	int same = v && xmlStrEqual(v, BAD_CAST value);
	xmlFree(v);
	return same;
}

#define warn(r, n, ...)                                                        \
	wm_report_capped((r)->ctx, &(r)->warnings, MAX_WARNINGS,                  \
	                 " (further warnings of the TEI reader left out)",        \
	                 WM_SEVERITY_WARNING, WM_DIAG_NOT_READ, (r)->source,      \
	                 wm_xml_lineno(n), 0, __VA_ARGS__)

/* ---- text ---------------------------------------------------------------- */

/* Elements whose content is no part of the text. */
static const char *const left_out[] = {
	"note", "fw", "pb", "cb", "milestone", "anchor", "gap", "figure",
	"index", "interp", "interpGrp", "graphic", "media", "teiHeader", NULL};

/* gather's third way with lb, for the byline: lb ends a line, marked with
 * a NUL, which no text node holds (libxml2's strings end at one); see
 * wm_join_marked_lines. */
#define LB_ENDS_LINE 2
#define LINE_MARK '\0'

static void gather(reader *r, const xmlNode *n, wm_buf *out, int pre);

static void gather_element(reader *r, const xmlNode *c, wm_buf *out, int pre)
{
	if (named(c, "lb")) {
		const xmlNode *next = c->next;
		int newline_follows = next && next->type == XML_TEXT_NODE &&
		                      next->content && next->content[0] == '\n';
		if (pre == LB_ENDS_LINE)
			wm_buf_putc(out, LINE_MARK);
		else if (!pre)
			wm_buf_putc(out, ' ');
		else if (!newline_follows)
			wm_buf_putc(out, '\n');
		return;
	}
	if (named(c, "note"))
		warn(r, c, "a note is left out (the tree has no notes)");
	if (named_any(c, left_out))
		return;
	gather(r, c, out, pre);
}

/* Appends the text of n's content (pre: lb as a line break; LB_ENDS_LINE:
 * as LINE_MARK; else as a space). */
static void gather(reader *r, const xmlNode *n, wm_buf *out, int pre)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		switch (c->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (c->content)
				wm_buf_puts(out, (const char *)c->content);
			break;
		case XML_ENTITY_REF_NODE:
			warn(r, c, "entity reference &%s; left out (wiremark expands "
			     "no entity)", (const char *)c->name);
			break;
		case XML_ELEMENT_NODE:
			gather_element(r, c, out, pre);
			break;
		default:
			break;
		}
	}
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The text of n as one line (see one_line), or NULL. */
static char *line_text(reader *r, const xmlNode *n)
{
	wm_buf b = WM_BUF_INIT;
	gather(r, n, &b, 0);
	char *s = wm_xml_one_line(wm_buf_cstr(&b), b.len, 0);
	wm_buf_free(&b);
	return s;
}

/* The text of a byline: its lines (between lb elements) each as
 * line_text gives it, the empty ones left out, joined with '\n'; NULL when
 * nothing is left. */
static char *byline_line(const char *s, size_t len, void *unused)
{
	(void)unused;
	return wm_xml_one_line(s, len, 0);
}

static char *byline_text(reader *r, const xmlNode *n)
{
	wm_buf b = WM_BUF_INIT;
	gather(r, n, &b, LB_ENDS_LINE);
	char *s = wm_join_marked_lines(wm_buf_cstr(&b), b.len, byline_line, NULL);
	wm_buf_free(&b);
	return s;
}

/* The text of n as preformatted lines: as written, without a first line
 * that is blank (the line break after the start tag) and without white
 * space at the end; NULL when nothing is left. */
static char *pre_text(reader *r, const xmlNode *n)
{
	wm_buf b = WM_BUF_INIT;
	gather(r, n, &b, 1);
	const char *s = wm_buf_cstr(&b);
	size_t start = 0, end = b.len;
	while (start < end && (s[start] == ' ' || s[start] == '\t'))
		start++;
	start = start < end && s[start] == '\n' ? start + 1 : 0;
	while (end > start && is_ws(s[end - 1]))
		end--;
	char *t = end > start ? wm_xstrndup(s + start, end - start) : NULL;
	wm_buf_free(&b);
	return t;
}

/* A table cell's text: with xml:space="preserve" as written (a line break
 * as a space), else with white space collapsed. */
static char *cell_text(reader *r, const xmlNode *cell)
{
	wm_buf b = WM_BUF_INIT;
	gather(r, cell, &b, 0);
	char *s;
	if (xmlNodeGetSpacePreserve(cell) == 1) {
		for (size_t i = 0; i < b.len; i++)
			if (b.ptr[i] == '\n' || b.ptr[i] == '\r')
				b.ptr[i] = ' ';
		s = wm_xstrdup(wm_buf_cstr(&b));
	} else {
		s = wm_xml_one_line(wm_buf_cstr(&b), b.len, 1);
		if (!s)
			s = wm_xstrdup("");
	}
	wm_buf_free(&b);
	return s;
}

/* Width of s in code points. */
static size_t width(const char *s)
{
	size_t len = strlen(s), i = 0, n = 0;
	for (; i < len; n++)
		wm_utf8_next(s, len, &i);
	return n;
}

/* ---- the article --------------------------------------------------------- */

typedef struct art {
	wm_article *a;
	int nested;      /* inside a div of the article: heads are paragraphs */
	int started;     /* a body block has been read */
	int tei_lines;   /* line numbers refer to the TEI input */
	unsigned head_line;
} art;

static unsigned block_line(const art *t, const xmlNode *n)
{
	return t->tei_lines ? wm_xml_lineno(n) : 0;
}

/* Adds a block (text NULL: nothing).  A trailer followed by more text was
 * a paragraph. */
static void add_block(art *t, wm_block_type type, char *text, unsigned line)
{
	if (!text)
		return;
	if (t->a->trailer) {
		wm_article_push_block(t->a, WM_BLOCK_PARAGRAPH, t->a->trailer,
		                      t->a->trailer_line);
		t->a->trailer = NULL;
	}
	wm_article_push_block(t->a, type, wm_article_take(t->a, text), line);
	t->started = 1;
}

static void add_paragraph(reader *r, art *t, const xmlNode *n)
{
	add_block(t, WM_BLOCK_PARAGRAPH, line_text(r, n), block_line(t, n));
}

/* Whether a head, byline or dateline still belongs to the article's top. */
static int at_top(const art *t)
{
	return !t->nested && !t->started;
}

static void read_head(reader *r, art *t, const xmlNode *n)
{
	int top = at_top(t) && !t->a->byline && !t->a->dateline;
	if (top && !t->a->headline && !attr_is(n, "type", "sub")) {
		t->a->headline = wm_article_take(t->a, line_text(r, n));
		t->head_line = wm_xml_lineno(n);
	} else if (top && !t->a->deck) {
		t->a->deck = wm_article_take(t->a, line_text(r, n));
	} else {
		add_paragraph(r, t, n);
	}
}

static void read_byline(reader *r, art *t, const xmlNode *n)
{
	if (!at_top(t) || t->a->byline) {
		add_paragraph(r, t, n);
		return;
	}
	t->a->byline = wm_article_take(t->a, byline_text(r, n));
	t->a->byline_line = block_line(t, n);
}

static void read_trailer(reader *r, art *t, const xmlNode *n)
{
	char *s = line_text(r, n);
	if (!s)
		return;
	if (t->a->trailer) { /* two trailers: the first was a paragraph */
		wm_article_push_block(t->a, WM_BLOCK_PARAGRAPH, t->a->trailer,
		                      t->a->trailer_line);
		t->started = 1;
	}
	t->a->trailer = wm_article_take(t->a, s);
	t->a->trailer_line = block_line(t, n);
}

/* ---- the dateline -------------------------------------------------------- */

/* The dash that ends s (spaces after it aside), or NULL. */
static char *trailing_dash(const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	size_t k = wm_dash_suffix(s, n);
	return k ? wm_xstrndup(s + n - k, k) : NULL;
}

/* Stores v in *slot unless the slot is taken (v is then freed). */
static void set_once(char **slot, char *v)
{
	if (*slot || !v)
		free(v);
	else
		*slot = v;
}

/* set_once for a string of a's tree: v goes into a's arena. */
static void set_once_in(wm_article *a, char **slot, char *v)
{
	if (*slot || !v)
		free(v);
	else
		*slot = wm_article_take(a, v);
}

static void read_date(reader *r, wm_article *a, wm_dateline *d,
                      const xmlNode *n)
{
	if (d->date)
		return;
	d->date = wm_article_take(a, line_text(r, n));
	xmlChar *when = xmlGetProp(n, BAD_CAST "when");
	if (d->date && wm_is_iso_date((const char *)when))
		d->iso_date = wm_article_strdup(a, (const char *)when);
	xmlFree(when);
}

static void read_parts(reader *r, wm_article *a, wm_dateline *d,
                       const xmlNode *n);

static void read_place(reader *r, wm_article *a, wm_dateline *d,
                       const xmlNode *n)
{
	if (child(n, "settlement") || child(n, "region") || child(n, "country")) {
		read_parts(r, a, d, n);
		return;
	}
	char *s = line_text(r, n);
	if (attr_is(n, "type", "region") || d->place)
		set_once_in(a, &d->region, s);
	else
		d->place = wm_article_take(a, s);
}

static void read_pc(reader *r, wm_article *a, wm_dateline *d,
                    const xmlNode *n)
{
	char *s = line_text(r, n);
	if (s && (attr_is(n, "type", "dash") || wm_is_dash(s)))
		d->dash = wm_article_take(a, s);
	else
		free(s);
}

/* The marked-up parts of a dateline: placeName, settlement, region,
 * country, date, orgName, pc. */
static void read_parts(reader *r, wm_article *a, wm_dateline *d,
                       const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (named(c, "placeName"))
			read_place(r, a, d, c);
		else if (named(c, "settlement"))
			set_once_in(a, &d->place, line_text(r, c));
		else if (named(c, "region") || named(c, "country"))
			set_once_in(a, &d->region, line_text(r, c));
		else if (named(c, "date"))
			read_date(r, a, d, c);
		else if (named(c, "orgName"))
			set_once_in(a, &d->agency, line_text(r, c));
		else if (named(c, "pc"))
			read_pc(r, a, d, c);
		else if (c->type == XML_ELEMENT_NODE && !named_any(c, left_out))
			read_parts(r, a, d, c);
	}
}

/* A dateline with no markup: the wire grammar reads it, with the next
 * paragraph after it as it would follow in wire copy. */
static wm_dateline *read_by_grammar(reader *r, wm_article *a,
                                    const char *text, const xmlNode *n)
{
	wm_buf b = WM_BUF_INIT;
	wm_buf_puts(&b, text);
	for (const xmlNode *c = n->next; c; c = c->next)
		if (named(c, "p")) {
			char *lead = line_text(r, c);
			if (lead) {
				wm_buf_putc(&b, ' ');
				wm_buf_puts(&b, lead);
			}
			free(lead);
			break;
		}
	wm_dateline *g = NULL;
	/* a reading left out stays in a's arena until a goes */
	wm_dateline_parse(r->ctx, wm_buf_cstr(&b), b.len, &a->arena, &g);
	wm_buf_free(&b);
	if (g && strcmp(g->text, text) != 0)
		g = NULL;
	return g;
}

/* Without markup nor grammar: the place is what stands before the dash. */
static void place_before_dash(wm_article *a, wm_dateline *d)
{
	const char *at = NULL;
	for (const char *p = d->text; (p = strstr(p, d->dash)) != NULL; p++)
		at = p;
	size_t n = (size_t)(at - d->text);
	while (n > 0 && (d->text[n - 1] == ' ' || d->text[n - 1] == ','))
		n--;
	if (n > 0)
		d->place = wm_article_strndup(a, d->text, n);
}

static void read_dateline(reader *r, art *t, const xmlNode *n)
{
	if (!at_top(t) || t->a->dateline) {
		add_paragraph(r, t, n);
		return;
	}
	wm_article *a = t->a;
	char *text = wm_article_take(a, line_text(r, n));
	if (!text)
		return;
	wm_dateline *d = wm_dateline_new(&a->arena);
	d->text = text;
	d->line = block_line(t, n);
	read_parts(r, a, d, n);
	if (!d->dash)
		d->dash = wm_article_take(a, trailing_dash(text));
	wm_dateline *g = !d->place && !d->agency
	                 ? read_by_grammar(r, a, text, n) : NULL;
	if (g) {
		g->line = d->line;
		d = g;
	}
	if (!d->place && !d->agency && d->dash && strstr(d->text, d->dash))
		place_before_dash(a, d);
	if (wm_dateline_anchored(d)) {
		t->a->dateline = d;
		return;
	}
	warn(r, n, "dateline \"%s\" has no place nor agency: read as a paragraph",
	     d->text);
	add_block(t, WM_BLOCK_PARAGRAPH, wm_xstrdup(d->text), d->line);
}

/* ---- blocks -------------------------------------------------------------- */

/* The width of each column of a table (MAX_COLUMNS at most). */
static void column_widths(reader *r, const xmlNode *table, size_t *w)
{
	for (const xmlNode *row = table->children; row; row = row->next) {
		if (!named(row, "row"))
			continue;
		size_t col = 0;
		for (const xmlNode *c = row->children; c; c = c->next) {
			if (!named(c, "cell"))
				continue;
			char *s = cell_text(r, c);
			if (col < MAX_COLUMNS && width(s) > w[col])
				w[col] = width(s);
			free(s);
			col++;
		}
	}
}

/* One row as a line: cells padded to their column's width, two spaces
 * apart. */
static void row_line(reader *r, const xmlNode *row, const size_t *w,
                     wm_buf *out)
{
	size_t col = 0, pad = 0;
	for (const xmlNode *c = row->children; c; c = c->next) {
		if (!named(c, "cell"))
			continue;
		for (size_t k = 0; col > 0 && k < pad + 2; k++)
			wm_buf_putc(out, ' ');
		char *s = cell_text(r, c);
		wm_buf_puts(out, s);
		pad = col < MAX_COLUMNS ? w[col] - width(s) : 0;
		free(s);
		col++;
	}
}

/* A table: a preformatted block, a line per row (its head, when it has
 * one, a paragraph before it). */
static void read_table(reader *r, art *t, const xmlNode *n)
{
	size_t w[MAX_COLUMNS] = {0};
	column_widths(r, n, w);
	wm_buf b = WM_BUF_INIT;
	int rows = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (named(c, "head"))
			add_paragraph(r, t, c);
		if (!named(c, "row"))
			continue;
		if (rows++)
			wm_buf_putc(&b, '\n');
		row_line(r, c, w, &b);
	}
	size_t end = b.len;
	while (end > 0 && is_ws(b.ptr[end - 1]))
		end--;
	char *text = end ? wm_xstrndup(b.ptr, end) : NULL;
	wm_buf_free(&b);
	add_block(t, WM_BLOCK_PREFORMATTED, text, block_line(t, n));
}

/* lg: its lines (l) as a preformatted block. */
static void read_lines(reader *r, art *t, const xmlNode *n)
{
	wm_buf b = WM_BUF_INIT;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!named(c, "l"))
			continue;
		char *s = line_text(r, c);
		if (b.len)
			wm_buf_putc(&b, '\n');
		wm_buf_puts(&b, s ? s : "");
		free(s);
	}
	size_t end = b.len;
	while (end > 0 && b.ptr[end - 1] == '\n')
		end--;
	char *text = end ? wm_xstrndup(b.ptr, end) : pre_text(r, n);
	wm_buf_free(&b);
	add_block(t, WM_BLOCK_PREFORMATTED, text, block_line(t, n));
}

static void read_list(reader *r, art *t, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (named(c, "item"))
			add_paragraph(r, t, c);
}

static void read_pre(reader *r, art *t, const xmlNode *n)
{
	add_block(t, WM_BLOCK_PREFORMATTED, pre_text(r, n), block_line(t, n));
}

static void read_ab(reader *r, art *t, const xmlNode *n)
{
	if (xmlNodeGetSpacePreserve(n) == 1 || attr_is(n, "type", "preformatted"))
		read_pre(r, t, n);
	else
		add_paragraph(r, t, n);
}

static void read_children(reader *r, art *t, const xmlNode *n);

/* Elements that hold blocks. */
static int holds_blocks(const xmlNode *n)
{
	static const char *const blocks[] = {
		"p", "ab", "table", "list", "lg", "eg", "head", "div", "quote",
		"byline", "dateline", "trailer", "floatingText", "body", "sp", NULL};
	for (const xmlNode *c = n->children; c; c = c->next)
		if (named_any(c, blocks))
			return 1;
	return 0;
}

/* An element the reader has no rule for: looked into when it holds
 * blocks, else a paragraph. */
static void read_other(reader *r, art *t, const xmlNode *n)
{
	if (holds_blocks(n))
		read_children(r, t, n);
	else
		add_paragraph(r, t, n);
}

static void read_nested_div(reader *r, art *t, const xmlNode *n)
{
	int nested = t->nested;
	t->nested = 1;
	read_children(r, t, n);
	t->nested = nested;
}

typedef void (*read_fn)(reader *, art *, const xmlNode *);

static const struct {
	const char *name;
	read_fn fn;
} rules[] = {
	{"head", read_head},        {"byline", read_byline},
	{"docAuthor", read_byline}, {"dateline", read_dateline},
	{"opener", read_children},  {"p", add_paragraph},
	{"ab", read_ab},            {"table", read_table},
	{"eg", read_pre},           {"lg", read_lines},
	{"list", read_list},        {"trailer", read_trailer},
	{"closer", read_trailer},   {"div", read_nested_div},
};

static void read_child(reader *r, art *t, const xmlNode *c)
{
	if (c->type != XML_ELEMENT_NODE)
		return;
	for (size_t k = 0; k < sizeof rules / sizeof *rules; k++)
		if (named(c, rules[k].name)) {
			rules[k].fn(r, t, c);
			return;
		}
	if (named(c, "note"))
		warn(r, c, "a note is left out (the tree has no notes)");
	if (!named_any(c, left_out))
		read_other(r, t, c);
}

static void read_children(reader *r, art *t, const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		read_child(r, t, c);
}

/* ---- documents ----------------------------------------------------------- */

/* What a TEI header tells the reader. */
typedef struct header {
	char *title;  /* fileDesc/titleStmt/title */
	char *source; /* sourceDesc/bibl/idno[@type="source"] */
	char *slug;   /* sourceDesc/bibl/idno[@type="slug"] */
	wm_meta_pair *wire; /* sourceDesc/bibl/idno[@type="wire.KEY"]: the
	                       article's own metadata */
	size_t nwire, capwire;
	unsigned line; /* sourceDesc/bibl/biblScope[@unit="line"]/@from */
} header;

static unsigned line_number(const char *s)
{
	unsigned long v = 0;
	for (; s && *s >= '0' && *s <= '9' && v <= UINT_MAX / 10; s++)
		v = v * 10 + (unsigned long)(*s - '0');
	return s && !*s && v <= UINT_MAX ? (unsigned)v : 0;
}

/* <idno type="wire.KEY">VALUE</idno>: a metadata value of the article. */
static void read_wire_idno(reader *r, header *h, const xmlNode *c)
{
	xmlChar *type = xmlGetProp(c, BAD_CAST "type");
	if (type && !strncmp((const char *)type, "wire.", 5) && type[5]) {
		char *v = line_text(r, c);
		if (v && *v) {
			WM_GROW(h->wire, h->nwire, h->capwire, 4);
			h->wire[h->nwire].key = wm_xstrdup((const char *)type + 5);
			h->wire[h->nwire].value = v;
			h->nwire++;
		} else {
			free(v);
		}
	}
	xmlFree(type);
}

static void read_bibl(reader *r, header *h, const xmlNode *bibl)
{
	for (const xmlNode *c = bibl ? bibl->children : NULL; c; c = c->next) {
		if (named(c, "idno") && attr_is(c, "type", "source"))
			set_once(&h->source, line_text(r, c));
		else if (named(c, "idno") && attr_is(c, "type", "slug"))
			set_once(&h->slug, line_text(r, c));
		else if (named(c, "idno"))
			read_wire_idno(r, h, c);
		else if (named(c, "biblScope") && attr_is(c, "unit", "line")) {
			xmlChar *from = xmlGetProp(c, BAD_CAST "from");
			h->line = line_number((const char *)from);
			xmlFree(from);
		}
	}
}

static void read_header(reader *r, header *h, const xmlNode *hdr)
{
	memset(h, 0, sizeof *h);
	const xmlNode *file = child(hdr, "fileDesc");
	const xmlNode *title = child(child(file, "titleStmt"), "title");
	if (title)
		h->title = line_text(r, title);
	read_bibl(r, h, child(child(file, "sourceDesc"), "bibl"));
}

static void header_free(header *h)
{
	free(h->title);
	free(h->source);
	free(h->slug);
	wm_meta_pairs_free(h->wire, h->nwire);
}

typedef struct nodes {
	const xmlNode **v;
	size_t n, cap;
} nodes;

static void nodes_push(nodes *ns, const xmlNode *n)
{
	WM_GROW(ns->v, ns->n, ns->cap, 8);
	ns->v[ns->n++] = n;
}

/* Whether n holds nothing but divs (and what the reader leaves out). */
static int only_divs(const xmlNode *n)
{
	int divs = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && !xmlIsBlankNode(c))
			return 0;
		if (c->type != XML_ELEMENT_NODE || named_any(c, left_out))
			continue;
		if (!named(c, "div"))
			return 0;
		divs++;
	}
	return divs > 0;
}

/* The elements that are articles, in n (a body or div). */
static void collect_articles(const xmlNode *n, nodes *out)
{
	if (!only_divs(n)) {
		nodes_push(out, n);
		return;
	}
	for (const xmlNode *c = n->children; c; c = c->next)
		if (named(c, "div"))
			collect_articles(c, out);
}

/* The bodies of a text, and of the texts of its groups. */
static void collect_text(const xmlNode *text, nodes *out)
{
	for (const xmlNode *c = text->children; c; c = c->next) {
		if (named(c, "body"))
			collect_articles(c, out);
		else if (named(c, "group"))
			collect_text(c, out);
		else if (named(c, "text"))
			collect_text(c, out);
	}
}

/* Where the article says it comes from: the header's source when the TEI
 * holds this article alone and names one, else the TEI input itself. */
static void set_origin(reader *r, art *t, const header *h, int alone,
                       const xmlNode *n)
{
	wm_article *a = t->a;
	if (alone && h->source) {
		a->source = wm_article_strdup(a, h->source);
		a->line = h->line;
	} else {
		a->source = wm_article_strdup(a, r->source);
		a->line = t->head_line ? t->head_line : wm_xml_lineno(n);
	}
	if (alone && h->slug)
		a->slug = wm_article_strdup(a, h->slug);
	for (size_t i = 0; alone && i < h->nwire; i++)
		wm_article_set_meta(a, h->wire[i].key, h->wire[i].value);
}

static void read_article(reader *r, const xmlNode *n, const header *h,
                         int alone)
{
	art t = {wm_article_new(), 0, 0, !(alone && h->source), 0};
	read_children(r, &t, n);
	if (!t.a->headline && h->title)
		t.a->headline = wm_article_strdup(t.a, h->title);
	set_origin(r, &t, h, alone, n);
	if (!t.a->headline) {
		wm_report(r->ctx, WM_SEVERITY_ERROR, WM_DIAG_NO_HEADLINE, r->source,
		          wm_xml_lineno(n), 0, "article left out: no head, and no title "
		          "in the header");
		wm_article_free(t.a);
	} else if ((t.a = wm_article_kept(r->ctx, t.a, r->source, wm_xml_lineno(n),
	                                  0)) != NULL) {
		wm_feed_push(r->feed, t.a);
	}
}

static void read_tei(reader *r, const xmlNode *tei)
{
	header h;
	read_header(r, &h, child(tei, "teiHeader"));
	nodes arts = {NULL, 0, 0};
	const xmlNode *text = child(tei, "text");
	if (text)
		collect_text(text, &arts);
	for (size_t i = 0; i < arts.n; i++)
		read_article(r, arts.v[i], &h, arts.n == 1);
	free(arts.v);
	header_free(&h);
}

static void read_corpus(reader *r, const xmlNode *corpus)
{
	for (const xmlNode *c = corpus->children; c; c = c->next) {
		if (named(c, "TEI"))
			read_tei(r, c);
		else if (named(c, "teiCorpus"))
			read_corpus(r, c);
	}
}

wm_feed *wm_read_tei(wm_context *ctx, const char *bytes, size_t len,
                     const char *source)
{
	xmlDoc *doc = wm_xml_read(ctx, bytes, len, source, WM_DIAG_MALFORMED);
	if (!doc)
		return NULL;
	reader r = {ctx, source, wm_feed_new(), 0};
	const xmlNode *root = xmlDocGetRootElement(doc);
	int tei = named(root, "TEI") || named(root, "teiCorpus");
	if (named(root, "teiCorpus"))
		read_corpus(&r, root);
	else if (tei)
		read_tei(&r, root);
	else
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_MALFORMED, source,
		          wm_xml_lineno(root), 0, "the root element is <%s>, not <TEI> "
		          "nor <teiCorpus> (in the TEI namespace)",
		          root ? (const char *)root->name : "");
	xmlFreeDoc(doc);
	if (r.feed->count == 0) {
		if (tei)
			wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_NO_HEADLINE, source, 0, 0,
			          "no article in the TEI input");
		wm_feed_free(r.feed);
		return NULL;
	}
	return r.feed;
}
