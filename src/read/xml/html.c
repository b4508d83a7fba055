/* The HTML reader: wiremark's own HTML (a fragment or a page) back to the
 * tree it was written from, and a plain article page sensibly.
 *
 * libxml2's HTML parser builds the document (no network; its messages are
 * not printed: it recovers from any input).  Each outermost <article> is an
 * article; a page without one is one article (its <main>, else its <body>).
 * One walk over an article's nodes, without recursion, gives each element a
 * role:
 *
 *   headline   the first <h1> (else the first <h2>..<h6>); without one,
 *              the page's <title>, else the first paragraph
 *   deck, byline, trailer   an element of class "deck", "byline", "trailer"
 *   pre        <pre>: a preformatted block
 *   paragraph  <p>, <li>, <h2>.., <div> and every other block element:
 *              its text, and text between blocks, makes a paragraph
 *   drop       <footer> (but for its trailer), <nav>, <aside>, <script>,
 *              <style>, <form>, hidden elements, ...
 *
 * Text inside a headline, deck, byline, trailer or pre belongs to it
 * whatever elements it is in.  Paragraphs before the headline are dropped
 * (a site's header).
 *
 * White space: but in <pre>, a run of white space holding a line break
 * becomes one space, white space at either end goes, and other runs stay as
 * they are (wiremark writes each paragraph on one line, so its text comes
 * back exactly); <br> is a line break, so a space, but in a byline, whose
 * lines it separates ("\n").  A <pre> keeps its text but for a
 * line break at its start (HTML drops it) and those at its end.
 *
 * The dateline is a <span class="dateline"> at the start of the first
 * paragraph (or in a paragraph of its own before the body).  Its parts come
 * from <span class="place|region|date|agency"> and <time datetime> inside
 * it, else from the wire dateline grammar; a span that gives no dateline
 * stays text of its paragraph.  Without such a span, the first paragraph is
 * read with the dateline grammar, as the wire reader does.
 */
#include "html.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "safe.h"
#include "../dateline.h"
#include "../reader.h"
#include "../../tree/calendar.h"
#include "../../util/dash.h"

/* Open elements at most (the XML parser's limit too: xmlParserMaxDepth). */
#define MAX_HTML_DEPTH 256

/* The first element deeper than MAX_HTML_DEPTH below n, or NULL; walks
 * the tree without recursion. */
static const xmlNode *too_deep(const xmlNode *n)
{
	int depth = 0;
	while (n) {
		if (n->type == XML_ELEMENT_NODE && depth > MAX_HTML_DEPTH)
			return n;
		if (n->children) {
			n = n->children;
			depth++;
			continue;
		}
		while (n && !n->next) {
			n = n->parent;
			depth--;
			if (depth <= 0)
				return NULL;
		}
		if (n)
			n = n->next;
	}
	return NULL;
}

#define HTML_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | \
                      HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                      HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT)

typedef enum wm_role {
	ROLE_PARAGRAPH,
	ROLE_DROP,
	ROLE_HEADLINE, /* this one and those below take all the text inside */
	ROLE_DECK,
	ROLE_BYLINE,
	ROLE_TRAILER,
	ROLE_PRE
} wm_role;

enum part { PART_NONE, PART_PLACE, PART_REGION, PART_DATE, PART_AGENCY, PART_MAX };

/* An element being walked. */
typedef struct frame {
	wm_role role;      /* in effect inside it */
	int block;      /* its text ends a block where it ends */
	int part;       /* the dateline part it marks, or PART_NONE */
	size_t part_at; /* where that part starts in the dateline's text */
	int dateline;   /* it is the dateline's span */
} frame;

typedef struct reader {
	wm_context *ctx;
	const xmlNode *headline_el; /* the headline's element, or NULL */
	int before_headline;        /* headline_el not reached yet */
	wm_article *a;
	wm_buf run;                 /* text of the block being read */
	unsigned run_line;
	int in_dateline;
	int dateline_tried;         /* a dateline was looked for */
	wm_buf dl;                  /* the dateline span's text */
	char *dl_text;              /* that text, waiting for its paragraph */
	char *parts[PART_MAX];      /* its marked parts */
	char *iso;                  /* from its <time datetime> */
	frame *stack;
	size_t depth, cap;
} reader;

/* ---- elements -------------------------------------------------------------- */

static int named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       strcmp((const char *)n->name, name) == 0;
}

static int named_any(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (named(n, *names))
			return 1;
	return 0;
}

static const char *const skipped_names[] = {
	"script", "style", "template", "noscript", "head", "title", "nav", "aside",
	"form", "button", "select", "textarea", "input", "option", "iframe",
	"object", "embed", "svg", "math", "canvas", "audio", "video", "map",
	"dialog", "menu", NULL};

static const char *const block_names[] = {
	"address", "article", "blockquote", "body", "caption", "center", "dd",
	"details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1",
	"h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li",
	"main", "ol", "p", "section", "summary", "table", "tbody", "td", "tfoot",
	"th", "thead", "tr", "ul", "html", NULL};

static const char *const heading_names[] = {"h2", "h3", "h4", "h5", "h6", NULL};

/* Whether the class list cls (may be NULL) holds the word w. */
static int class_has(const char *cls, const char *w)
{
	size_t want = strlen(w);
	for (const char *p = cls; p && *p;) {
		p += strspn(p, " \t\n\r\f");
		size_t k = strcspn(p, " \t\n\r\f");
		if (k == want && memcmp(p, w, k) == 0)
			return 1;
		p += k;
	}
	return 0;
}

/* The class attribute of n (free with xmlFree), or NULL. */
static char *class_of(const xmlNode *n)
{
	return (char *)xmlGetProp(n, (const xmlChar *)"class");
}

static int hidden(const xmlNode *n)
{
	if (xmlHasProp(n, (const xmlChar *)"hidden"))
		return 1;
	xmlChar *v = xmlGetProp(n, (const xmlChar *)"aria-hidden");
	int yes = v && strcmp((const char *)v, "true") == 0;
	xmlFree(v);
	return yes;
}

static int skipped(const xmlNode *n)
{
	return named_any(n, skipped_names) || hidden(n);
}

static unsigned line_of(const xmlNode *n)
{
	long l = xmlGetLineNo(n);
	return l > 0 && l <= (long)UINT_MAX ? (unsigned)l : 0;
}

/* The first element in root's subtree (root included) that match accepts,
 * skipped elements and their subtrees left out. */
static const xmlNode *find_first(const xmlNode *root,
                                 int (*match)(const xmlNode *, const void *),
                                 const void *arg)
{
	const xmlNode *n = root;
	while (n) {
		int elem = n->type == XML_ELEMENT_NODE && !skipped(n);
		if (elem && match(n, arg))
			return n;
		if (elem && n->children) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			return NULL;
		n = n->next;
	}
	return NULL;
}

static int match_name(const xmlNode *n, const void *name)
{
	return named(n, name);
}

static int match_names(const xmlNode *n, const void *names)
{
	return named_any(n, names);
}

/* ---- text ------------------------------------------------------------------ */

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_break(char c)
{
	return c == '\n' || c == '\r' || c == '\f';
}

/* Text outside <pre>, white space collapsed as the top of the file says;
 * NULL when nothing is left. */
static char *normalise(const char *s, size_t len)
{
	wm_buf b = WM_BUF_INIT;
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		int brk = 0;
		while (j < len && is_ws(s[j]))
			brk |= is_break(s[j++]);
		if (j == i) {
			wm_buf_putc(&b, s[i++]);
			continue;
		}
		if (i > 0 && j < len) {
			if (brk)
				wm_buf_putc(&b, ' ');
			else
				wm_buf_put(&b, s + i, j - i);
		}
		i = j;
	}
	if (b.len == 0)
		return NULL;
	return wm_buf_detach(&b, NULL);
}

/* A <br> in a byline: a NUL, which no text node holds (libxml2's strings
 * end at one); see wm_join_marked_lines. */
static const char BYLINE_BREAK[1] = {'\0'};

static char *normalised_line(const char *s, size_t len, void *unused)
{
	(void)unused;
	return normalise(s, len);
}

/* A byline's text: its lines (between <br>s) each normalised, the empty
 * ones left out, joined with '\n'; NULL when nothing is left. */
static char *byline_text(const char *s, size_t len)
{
	return wm_join_marked_lines(s, len, normalised_line, NULL);
}

/* The text of a <pre>, or NULL when empty. */
static char *pre_text(const char *s, size_t len)
{
	if (len && s[0] == '\n')
		s++, len--;
	while (len && s[len - 1] == '\n')
		len--;
	return len ? wm_xstrndup(s, len) : NULL;
}

/* ---- the dateline ---------------------------------------------------------- */

/* A date, perhaps with a time after it (datetime="2026-03-02T10:00"). */
static int is_iso_date(const char *s)
{
	return wm_iso_date_at(s) && /* stops at a NUL: no overread */
	       (!s[10] || s[10] == 'T' || s[10] == ' ');
}

/* The dash that ends a dateline's text, or NULL. */
static char *trailing_dash(const char *text)
{
	const char *sp = strrchr(text, ' ');
	const char *last = sp ? sp + 1 : text;
	return wm_is_dash(last) ? wm_xstrdup(last) : NULL;
}

/* The dateline the span's marked parts give (text: the span's text). */
static wm_dateline *marked_dateline(reader *r, const char *text,
                                    const wm_dateline *parsed)
{
	wm_article *a = r->a;
	wm_dateline *d = wm_dateline_new(&a->arena);
	d->text = wm_article_strdup(a, text);
	d->place = wm_article_take(a, r->parts[PART_PLACE]);
	d->region = wm_article_take(a, r->parts[PART_REGION]);
	d->date = wm_article_take(a, r->parts[PART_DATE]);
	d->agency = wm_article_take(a, r->parts[PART_AGENCY]);
	memset(r->parts, 0, sizeof r->parts);
	if (parsed)
		d->dash = wm_article_strdup(a, parsed->dash);
	else
		d->dash = wm_article_take(a, trailing_dash(text));
	if (r->iso) {
		d->iso_date = wm_article_strndup(a, r->iso, 10);
	} else if (parsed && parsed->iso_date && parsed->date && d->date &&
	           strcmp(parsed->date, d->date) == 0) {
		d->iso_date = wm_article_strdup(a, parsed->iso_date);
	}
	return d;
}

/* The dateline of the span's text, given the paragraph text after it
 * (rest, may be NULL): the grammar reads both, as in the wire text; the
 * parts marked in the span win over what it finds.  NULL when neither
 * gives a dateline. */
static wm_dateline *span_dateline(reader *r, const char *text, const char *rest)
{
	wm_buf full = WM_BUF_INIT;
	wm_buf_puts(&full, text);
	if (rest) {
		wm_buf_putc(&full, ' ');
		wm_buf_puts(&full, rest);
	}
	wm_dateline *parsed = NULL, *d;
	/* a dateline left out stays in the article's arena until it goes */
	wm_dateline_parse(r->ctx, full.ptr, full.len, &r->a->arena, &parsed);
	wm_buf_free(&full);
	if (parsed && strcmp(parsed->text, text) != 0)
		parsed = NULL;
	int marked = r->iso != NULL;
	for (int k = 0; k < PART_MAX; k++)
		marked |= r->parts[k] != NULL;
	d = marked ? marked_dateline(r, text, parsed) : parsed;
	if (d && !wm_dateline_anchored(d))
		d = NULL;
	return d;
}

static void clear_parts(reader *r)
{
	for (int k = 0; k < PART_MAX; k++) {
		free(r->parts[k]);
		r->parts[k] = NULL;
	}
	free(r->iso);
	r->iso = NULL;
}

static void start_dateline(reader *r, const xmlNode *n, frame *f)
{
	f->dateline = 1;
	r->in_dateline = 1;
	r->dateline_tried = 1;
	r->run_line = line_of(n);
	wm_buf_truncate(&r->dl, 0);
	clear_parts(r);
}

/* The span ends: its text waits for the paragraph's (resolve_dateline). */
static void end_dateline(reader *r)
{
	r->in_dateline = 0;
	r->dl_text = normalise(r->dl.ptr, r->dl.len);
}

/* The paragraph that the dateline span began ends with *text (NULL when
 * the span stood alone): the span becomes the article's dateline, or goes
 * back into the text. */
static void resolve_dateline(reader *r, char **text)
{
	char *span = r->dl_text;
	r->dl_text = NULL;
	wm_dateline *d = span_dateline(r, span, *text);
	clear_parts(r);
	if (d) {
		r->a->dateline = d;
		free(span);
		return;
	}
	if (!*text) {
		*text = span;
		return;
	}
	wm_buf b = WM_BUF_INIT;
	wm_buf_puts(&b, span);
	wm_buf_putc(&b, ' ');
	wm_buf_puts(&b, *text);
	free(span);
	free(*text);
	*text = wm_buf_detach(&b, NULL);
}

/* The part of the dateline that element n (of class list cls) marks. */
static int part_of(reader *r, const xmlNode *n, const char *cls)
{
	if (named(n, "time")) {
		xmlChar *dt = xmlGetProp(n, (const xmlChar *)"datetime");
		if (dt && !r->iso && is_iso_date((const char *)dt))
			r->iso = wm_xstrdup((const char *)dt);
		xmlFree(dt);
		return PART_DATE;
	}
	static const char *const classes[PART_MAX] = {
		NULL, "place", "region", "date", "agency"};
	for (int k = PART_PLACE; k < PART_MAX; k++)
		if (class_has(cls, classes[k]))
			return k;
	return PART_NONE;
}

static void end_part(reader *r, const frame *f)
{
	if (r->dl.len <= f->part_at)
		return;
	char *t = normalise(r->dl.ptr + f->part_at, r->dl.len - f->part_at);
	if (t && !r->parts[f->part])
		r->parts[f->part] = t;
	else
		free(t);
}

/* ---- blocks ---------------------------------------------------------------- */

/* Sets *field to text (taking it) when unset; returns 0 when it was set. */
static int take_field(char **field, char *text)
{
	if (*field)
		return 0;
	*field = text;
	return 1;
}

/* A paragraph; the first is read for a dateline when none was marked. */
static void add_paragraph(reader *r, char *text, unsigned line)
{
	wm_article *a = r->a;
	if (!a->dateline && !r->dateline_tried && a->nblocks == 0) {
		r->dateline_tried = 1;
		size_t len = strlen(text);
		size_t at = wm_dateline_parse(r->ctx, text, len, &a->arena,
		                              &a->dateline);
		if (a->dateline) {
			memmove(text, text + at, len - at + 1);
			if (!text[0])
				return;
		}
	}
	wm_article_push_block(a, WM_BLOCK_PARAGRAPH, text, line);
}

/* Ends the block being read; role is the role its text has. */
static void flush(reader *r, wm_role role)
{
	if (r->run.len == 0 && !r->dl_text) {
		r->run_line = 0;
		return;
	}
	unsigned line = r->run_line;
	char *text = role == ROLE_PRE      ? pre_text(r->run.ptr, r->run.len)
	             : role == ROLE_BYLINE ? byline_text(r->run.ptr, r->run.len)
	                                   : normalise(r->run.ptr, r->run.len);
	wm_buf_truncate(&r->run, 0);
	r->run_line = 0;
	if (r->dl_text && role == ROLE_PARAGRAPH)
		resolve_dateline(r, &text);
	if (!text || role == ROLE_DROP ||
	    (r->before_headline && (role == ROLE_PARAGRAPH || role == ROLE_PRE))) {
		free(text);
		return;
	}
	wm_article *a = r->a;
	text = wm_article_take(a, text);
	int taken = 0;
	switch (role) {
	case ROLE_HEADLINE:
		if ((taken = take_field(&a->headline, text)))
			a->line = line;
		break;
	case ROLE_DECK:
		taken = take_field(&a->deck, text);
		break;
	case ROLE_BYLINE:
		if ((taken = take_field(&a->byline, text)))
			a->byline_line = line;
		break;
	case ROLE_TRAILER:
		if ((taken = take_field(&a->trailer, text)))
			a->trailer_line = line;
		break;
	case ROLE_PRE:
		wm_article_push_block(a, WM_BLOCK_PREFORMATTED, text, line);
		taken = 1;
		break;
	default:
		break;
	}
	if (!taken)
		add_paragraph(r, text, line);
}

/* ---- the walk -------------------------------------------------------------- */

static void add_text_len(reader *r, const xmlNode *n, const char *s,
                         size_t len)
{
	if (r->in_dateline) {
		wm_buf_put(&r->dl, s, len);
		return;
	}
	if (r->run.len == 0 && r->run_line == 0)
		r->run_line = line_of(n);
	wm_buf_put(&r->run, s, len);
}

static void add_text(reader *r, const xmlNode *n, const char *s)
{
	add_text_len(r, n, s, strlen(s));
}

/* The role element n (of class list cls) takes of its own, or -1 for an
 * inline element. */
static int role_of(const reader *r, const xmlNode *n, const char *cls)
{
	if (n == r->headline_el)
		return ROLE_HEADLINE;
	if (class_has(cls, "deck"))
		return ROLE_DECK;
	if (class_has(cls, "byline"))
		return ROLE_BYLINE;
	if (class_has(cls, "trailer"))
		return ROLE_TRAILER;
	if (named(n, "pre"))
		return ROLE_PRE;
	if (named(n, "footer"))
		return ROLE_DROP;
	if (named_any(n, block_names))
		return ROLE_PARAGRAPH;
	return -1;
}

static frame *push(reader *r, wm_role role)
{
	WM_GROW(r->stack, r->depth, r->cap, 32);
	frame *f = &r->stack[r->depth++];
	memset(f, 0, sizeof *f);
	f->role = role;
	return f;
}

static int run_blank(const reader *r)
{
	for (size_t i = 0; i < r->run.len; i++)
		if (!is_ws(r->run.ptr[i]))
			return 0;
	return 1;
}

/* An element inside a paragraph's text: <br>, the dateline and its parts. */
static void enter_inline(reader *r, const xmlNode *n, const char *cls, frame *f)
{
	if (named(n, "br")) {
		add_text(r, n, "\n");
		return;
	}
	if (r->in_dateline) {
		f->part = part_of(r, n, cls);
		f->part_at = r->dl.len;
		return;
	}
	if (f->role == ROLE_PARAGRAPH && !r->dateline_tried && !r->before_headline &&
	    r->a->nblocks == 0 && !r->a->dateline && class_has(cls, "dateline") &&
	    run_blank(r))
		start_dateline(r, n, f);
}

/* Returns whether to walk n's children. */
static int enter(reader *r, const xmlNode *n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content && (r->depth == 0 || r->stack[r->depth - 1].role != ROLE_DROP))
			add_text(r, n, (const char *)n->content);
		return 0;
	}
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	wm_role parent = r->depth ? r->stack[r->depth - 1].role : ROLE_PARAGRAPH;
	if (skipped(n)) {
		push(r, ROLE_DROP);
		return 0;
	}
	char *cls = class_of(n);
	int own = role_of(r, n, cls);
	if (parent >= ROLE_HEADLINE) {
		/* all its text is the parent's; blocks inside break lines */
		push(r, parent);
		if (named(n, "br") && parent == ROLE_BYLINE)
			add_text_len(r, n, BYLINE_BREAK, 1);
		else if (named(n, "br") || (own >= 0 && parent != ROLE_PRE))
			add_text(r, n, "\n");
	} else if (own < 0) {
		enter_inline(r, n, cls, push(r, parent));
	} else {
		flush(r, parent);
		if (own == ROLE_PARAGRAPH && parent == ROLE_DROP)
			own = ROLE_DROP;
		push(r, (wm_role)own)->block = 1;
		r->run_line = line_of(n);
	}
	if (n == r->headline_el)
		r->before_headline = 0;
	xmlFree(cls);
	return 1;
}

static void leave(reader *r, const xmlNode *n)
{
	if (n->type != XML_ELEMENT_NODE || r->depth == 0)
		return;
	frame f = r->stack[--r->depth];
	if (f.part)
		end_part(r, &f);
	if (f.dateline)
		end_dateline(r);
	if (f.block)
		flush(r, f.role);
}

/* Calls enter and leave on every node of root's subtree, in document order,
 * without recursion. */
static void walk(reader *r, const xmlNode *root)
{
	const xmlNode *n = root;
	while (n) {
		if (enter(r, n) && n->children) {
			n = n->children;
			continue;
		}
		for (;;) {
			leave(r, n);
			if (n == root)
				return;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* ---- articles -------------------------------------------------------------- */

static void reader_reset(reader *r)
{
	wm_buf_truncate(&r->run, 0);
	wm_buf_truncate(&r->dl, 0);
	clear_parts(r);
	free(r->dl_text);
	r->dl_text = NULL;
	r->depth = 0;
	r->in_dateline = 0;
	r->dateline_tried = 0;
	r->run_line = 0;
}

/* The headline when the article has no heading: title, else the first
 * paragraph (taken out of the body). */
static void fallback_headline(wm_article *a, const char *title)
{
	if (title) {
		a->headline = wm_article_strdup(a, title);
		return;
	}
	for (size_t i = 0; i < a->nblocks; i++) {
		if (a->blocks[i].type != WM_BLOCK_PARAGRAPH)
			continue;
		a->headline = a->blocks[i].text;
		a->line = a->blocks[i].line;
		memmove(&a->blocks[i], &a->blocks[i + 1],
		        (a->nblocks - i - 1) * sizeof(*a->blocks));
		a->nblocks--;
		return;
	}
}

/* The wire slug that wiremark keeps in data-slug, or NULL. */
static char *slug_of(const xmlNode *root)
{
	xmlChar *v = xmlGetProp(root, (const xmlChar *)"data-slug");
	char *slug = v ? normalise((const char *)v, strlen((const char *)v)) : NULL;
	xmlFree(v);
	return slug;
}

/* The article's own metadata that wiremark keeps in data-wire-KEY. */
static void wire_meta_of(const xmlNode *root, wm_article *a)
{
	for (const xmlAttr *at = root->properties; at; at = at->next) {
		const char *name = (const char *)at->name;
		if (strncmp(name, "data-wire-", 10) != 0 || !name[10])
			continue;
		xmlChar *v = xmlGetProp(root, at->name);
		char *value = v ? normalise((const char *)v, strlen((const char *)v))
		                : NULL;
		xmlFree(v);
		if (value && *value)
			wm_article_set_meta(a, name + 10, value);
		free(value);
	}
}

/* Reads one article from root; NULL when it holds no text. */
static wm_article *read_article(reader *r, const xmlNode *root,
                                const char *title, const char *source)
{
	reader_reset(r);
	r->a = wm_article_new();
	r->headline_el = find_first(root, match_name, "h1");
	if (!r->headline_el)
		r->headline_el = find_first(root, match_names, heading_names);
	r->before_headline = r->headline_el != NULL;
	walk(r, root);
	flush(r, ROLE_PARAGRAPH);
	wm_article *a = r->a;
	r->a = NULL;
	if (!a->headline)
		fallback_headline(a, title);
	if (!a->headline) {
		wm_article_free(a);
		return NULL;
	}
	a->source = wm_article_strdup(a, source);
	a->slug = wm_article_take(a, slug_of(root));
	wire_meta_of(root, a);
	return wm_article_kept(r->ctx, a, source, a->line, 1);
}

static int match_article(const xmlNode *n, const void *arg)
{
	(void)arg;
	return named(n, "article");
}

/* The next outermost <article> after n in root's subtree (NULL: the first). */
static const xmlNode *next_article(const xmlNode *root, const xmlNode *n)
{
	if (!n)
		return find_first(root, match_article, NULL);
	for (;;) {
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			return NULL;
		n = n->next;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const xmlNode *hit = find_first(n, match_article, NULL);
		if (hit)
			return hit;
	}
}

static char *page_title(const xmlNode *root)
{
	const xmlNode *t = NULL;
	for (const xmlNode *n = root ? root->children : NULL; n && !t; n = n->next)
		if (named(n, "head"))
			for (const xmlNode *c = n->children; c && !t; c = c->next)
				if (named(c, "title"))
					t = c;
	if (!t)
		return NULL;
	xmlChar *s = xmlNodeGetContent(t);
	char *title = s ? normalise((const char *)s, strlen((const char *)s)) : NULL;
	xmlFree(s);
	return title;
}

static void read_articles(reader *r, wm_feed *feed, const xmlNode *root,
                          const char *source)
{
	const xmlNode *art = next_article(root, NULL);
	if (art) {
		for (; art; art = next_article(root, art)) {
			wm_article *a = read_article(r, art, NULL, source);
			if (a)
				wm_feed_push(feed, a);
		}
		return;
	}
	const xmlNode *body = find_first(root, match_name, "main");
	if (!body)
		body = find_first(root, match_name, "body");
	char *title = page_title(root);
	wm_article *a = read_article(r, body ? body : root, title, source);
	if (a)
		wm_feed_push(feed, a);
	free(title);
}

/* libxml2's structured error handler, while parsing HTML: of its errors
 * (not shown: HTML_PARSE_NOERROR), only excessive depth is noted, for the
 * parser then leaves out the rest of the document. */
typedef struct html_state {
	unsigned deep_line; /* where elements nested too deep */
	unsigned deep_col;
	int deep;
} html_state;

static void on_html_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr p = data;
	html_state *st = p->_private;
	if (!st->deep && e->message &&
	    strncmp(e->message, "Excessive depth", 15) == 0) {
		st->deep = 1;
		st->deep_line = e->line > 0 ? (unsigned)e->line : 1;
		st->deep_col = e->int2 > 0 ? (unsigned)e->int2 : 0;
	}
}

/* Parses text with libxml2's HTML parser, marked as wiremark's so that it
 * loads nothing (wm_xml_init), no network either (HTML_PARSE_NONET).  Past
 * MAX_HTML_DEPTH open elements the document is refused: the reader walks
 * the tree recursively. */
static htmlDocPtr parse_html(wm_context *ctx, const char *text, size_t len,
                             const char *source)
{
	wm_xml_init();
	htmlParserCtxtPtr p = htmlNewParserCtxt();
	if (!p) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_MALFORMED, source, 0, 0,
		          "cannot start the HTML parser");
		return NULL;
	}
	p->sax->initialized = XML_SAX2_MAGIC;
	p->sax->resolveEntity = wm_xml_resolve_nothing;
	p->sax->serror = on_html_error;
	html_state st = {0, 0, 0};
	p->_private = &st;
	htmlDocPtr doc = htmlCtxtReadMemory(p, text, (int)len, source, "UTF-8",
	                                    HTML_OPTIONS);
	htmlFreeParserCtxt(p);
	const xmlNode *deep = doc ? too_deep(xmlDocGetRootElement(doc)) : NULL;
	if (deep && !st.deep) {
		long l = xmlGetLineNo(deep);
		st.deep = 1;
		st.deep_line = l > 0 ? (unsigned)l : 1;
	}
	if (st.deep) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_MALFORMED, source,
		          st.deep_line, st.deep_col, "elements nested more than %d deep: "
		          "refused", MAX_HTML_DEPTH);
		xmlFreeDoc(doc);
		return NULL;
	}
	if (!doc)
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_MALFORMED, source, 1, 1,
		          "the HTML parser read no document");
	return doc;
}

wm_feed *wm_read_html(wm_context *ctx, const char *text, size_t len,
                      const char *source)
{
	if (len > INT_MAX) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_NO_HEADLINE, source, 0, 0,
		          "too large for the HTML parser (%d bytes at most)", INT_MAX);
		return NULL;
	}
	if (!wm_libxml_load(ctx, source, "the HTML reader"))
		return NULL;
	htmlDocPtr doc = len ? parse_html(ctx, text, len, source) : NULL;
	if (len && !doc)
		return NULL;
	wm_feed *feed = wm_feed_new();
	reader r;
	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root)
		read_articles(&r, feed, root, source);
	wm_buf_free(&r.run);
	wm_buf_free(&r.dl);
	clear_parts(&r);
	free(r.dl_text);
	free(r.stack);
	xmlFreeDoc(doc);
	return wm_feed_or_none(ctx, feed, source,
	                       "no heading, title or paragraph with text");
}
