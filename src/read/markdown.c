/* The Markdown reader: CommonMark to the document tree, through cmark.
 *
 * It reads what the Markdown writer writes (docs/markdown.md):
 *
 *   ---                     optional YAML front matter: source, line and
 *   source: "x.txt"         slug are the first article's (meta.source,
 *   ---                     meta.line, meta.slug; source is every
 *                           article's), date is the reference date when
 *                           the context has none; other keys are metadata
 *                           the tree has no place for
 *   # Headline              a level-1 heading starts an article
 *   ## Deck                 a level-2 heading right after it
 *   *By Jane Doe*           a paragraph all in emphasis next, unless it is
 *                           the article's last block and no "By ...";
 *                           hard line breaks in it separate its lines
 *   **PLACE**, Feb 26 - ... the first paragraph: a dateline when the
 *                           dateline grammar reads one at its start and
 *                           its place (its agency when it has no place), or
 *                           all of it, is in bold; alone, a dateline only
 *   paragraphs, code blocks (fenced or indented)
 *   *Reuter*                a last paragraph all in emphasis: the trailer
 *   * * *                   between articles (a level-1 heading also
 *                           starts the next)
 *
 * Markdown that the tree has no place for is kept as text, never dropped,
 * with a warning (WM_DIAG_NOT_READ) at its line and column: emphasis, code
 * spans and raw HTML inside paragraphs as their text, a link or an image
 * as its text and its address in parentheses, the paragraphs of lists and
 * block quotes as paragraphs (a list item's marker before its text), other
 * headings as paragraphs, HTML blocks as preformatted blocks.
 */
#include "markdown.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../util/dash.h"
#include "../util/utf8.h"
#include "dateline.h"
#include "libcmark.h"
#include "reader.h"

#define MAX_BOLD 8 /* bold runs of a first paragraph looked at */

/* Where the article being read is. */
typedef enum stage {
	AFTER_HEADLINE,
	AFTER_DECK,
	AFTER_BYLINE,
	IN_BODY
} stage;

typedef struct fm {
	char *source;
	char *line;
	char *slug;
	char *date;
	wm_meta_pair *wire; /* "wire.KEY": the article's own metadata */
	size_t nwire, capwire;
} fm;

typedef struct reader {
	wm_context *ctx;
	const char *source; /* the input's name, in messages */
	unsigned line0;     /* lines of front matter before the Markdown */
	fm front;
	wm_context dates;   /* ctx, with the front matter's date if need be */
	wm_feed *feed;
	wm_article *a;      /* the article being read, or NULL */
	stage at;
} reader;

/* Text with the spans of the bold runs right inside its block. */
typedef struct text {
	wm_buf b;
	struct {
		size_t from, to;
		cmark_node *node;
	} bold[MAX_BOLD];
	size_t nbold;
	cmark_node *lines_in; /* hard line breaks right inside it end a line */
} plain;

/* A line's end in plain text: a NUL, which no cmark literal holds (see
 * wm_join_marked_lines). */
#define LINE_MARK '\0'

/* ---- messages ------------------------------------------------------------ */

static unsigned line_of(const reader *r, cmark_node *n)
{
	while (n && cmark_node_get_start_line(n) == 0)
		n = cmark_node_parent(n);
	return n ? (unsigned)cmark_node_get_start_line(n) + r->line0 : 0;
}

static unsigned col_of(cmark_node *n)
{
	while (n && cmark_node_get_start_line(n) == 0)
		n = cmark_node_parent(n);
	return n ? (unsigned)cmark_node_get_start_column(n) : 0;
}

WM_PRINTF(3, 4)
static void warn_at(reader *r, cmark_node *n, const char *fmt, ...)
{
	wm_buf msg = WM_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	wm_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	wm_report(r->ctx, WM_SEVERITY_WARNING, WM_DIAG_NOT_READ, r->source,
	          line_of(r, n), col_of(n), "%s", wm_buf_cstr(&msg));
	wm_buf_free(&msg);
}

/* What an inline node that the tree has no place for becomes; NULL when
 * it is plain text. */
static const char *kept_as(cmark_node_type t)
{
	switch (t) {
	case CMARK_NODE_EMPH:
		return "emphasis is kept as plain text";
	case CMARK_NODE_STRONG:
		return "bold is kept as plain text";
	case CMARK_NODE_CODE:
		return "a code span is kept as plain text";
	case CMARK_NODE_HTML_INLINE:
		return "raw HTML is kept as text";
	case CMARK_NODE_LINEBREAK:
		return "a hard line break is kept as a space";
	case CMARK_NODE_LINK:
		return "a link is kept as its text and its address in parentheses";
	case CMARK_NODE_IMAGE:
		return "an image is kept as its description and its address in "
		       "parentheses";
	default:
		return NULL;
	}
}

/* ---- text ---------------------------------------------------------------- */

static int is_block(cmark_node_type t)
{
	return t >= CMARK_NODE_FIRST_BLOCK && t <= CMARK_NODE_LAST_BLOCK;
}

static void put_literal(wm_buf *b, cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	if (s)
		wm_buf_puts(b, s);
}

static void enter(reader *r, plain *t, cmark_node *root, cmark_node *n,
                  int warn, cmark_node *quiet)
{
	cmark_node_type type = cmark_node_get_type(n);
	if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE ||
	    type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_CODE_BLOCK ||
	    type == CMARK_NODE_HTML_BLOCK)
		put_literal(&t->b, n);
	int line_end = type == CMARK_NODE_LINEBREAK && t->lines_in &&
	               cmark_node_parent(n) == t->lines_in;
	if (line_end)
		wm_buf_putc(&t->b, LINE_MARK);
	else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
		wm_buf_putc(&t->b, ' ');
	if (type == CMARK_NODE_STRONG && cmark_node_parent(n) == root &&
	    t->nbold < MAX_BOLD) {
		t->bold[t->nbold].from = t->b.len;
		t->bold[t->nbold].node = n;
	}
	if (warn && n != quiet && !line_end && kept_as(type))
		warn_at(r, n, "%s", kept_as(type));
}

static void leave(plain *t, cmark_node *root, cmark_node *n)
{
	cmark_node_type type = cmark_node_get_type(n);
	if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
		const char *url = cmark_node_get_url(n);
		if (url && *url) {
			wm_buf_puts(&t->b, " (");
			wm_buf_puts(&t->b, url);
			wm_buf_putc(&t->b, ')');
		}
	} else if (type == CMARK_NODE_STRONG && cmark_node_parent(n) == root &&
	           t->nbold < MAX_BOLD && t->bold[t->nbold].node == n) {
		t->bold[t->nbold++].to = t->b.len;
	} else if (is_block(type) && t->b.len && t->b.ptr[t->b.len - 1] != ' ') {
		wm_buf_putc(&t->b, ' ');
	}
}

/* The text of root's descendants, as plain text; with warn, a warning for
 * each piece of markup kept as text, but quiet; with lines, a hard line
 * break right inside root ends a line (LINE_MARK). */
static void text_of(reader *r, cmark_node *root, plain *t, int warn,
                    cmark_node *quiet, int lines)
{
	memset(t, 0, sizeof *t);
	t->lines_in = lines ? root : NULL;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (n == root)
			continue;
		if (ev == CMARK_EVENT_ENTER)
			enter(r, t, root, n, warn, quiet);
		else
			leave(t, root, n);
	}
	cmark_iter_free(it);
}

/* s as a line for the tree: line breaks (from references such as &#10;)
 * become spaces; trim drops spaces at the ends too.  NULL when nothing is
 * left. */
static char *as_line(const char *s, size_t n, int trim)
{
	while (trim && n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (trim && n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return NULL;
	char *out = wm_xstrndup(s, n);
	for (char *p = out; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return out;
}

/* The text of n as one line (NULL when empty); with warn, warning about
 * the markup kept as text. */
static char *text_line(reader *r, cmark_node *n, int trim, int warn)
{
	plain t;
	text_of(r, n, &t, warn, NULL, 0);
	char *s = as_line(wm_buf_cstr(&t.b), t.b.len, trim);
	wm_buf_free(&t.b);
	return s;
}

/* The text of n as lines, split at the hard line breaks right inside it
 * (a byline sent over two lines: "*By JANE DOE\\" newline "Associated
 * Press Writer*"), each a line as text_line gives it (untrimmed), the
 * empty ones left out, joined with '\n'; NULL when nothing is left. */
static char *untrimmed_line(const char *s, size_t n, void *unused)
{
	(void)unused;
	return as_line(s, n, 0);
}

static char *text_lines(reader *r, cmark_node *n, int warn)
{
	plain t;
	text_of(r, n, &t, warn, NULL, 1);
	char *s = wm_join_marked_lines(wm_buf_cstr(&t.b), t.b.len, untrimmed_line,
	                               NULL);
	wm_buf_free(&t.b);
	return s;
}

static char *line_of_node(reader *r, cmark_node *n, int trim)
{
	return text_line(r, n, trim, 1);
}

/* ---- articles ------------------------------------------------------------ */

/* The front matter's line, when it is a number. */
static unsigned front_number(const char *s, unsigned otherwise)
{
	unsigned long v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || v > 100000000)
			return otherwise;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	return (unsigned)v;
}

static void start_article(reader *r, char *headline, cmark_node *n)
{
	wm_article *a = wm_article_new();
	a->headline = wm_article_take(a, headline);
	a->source = wm_article_strdup(a, r->front.source ? r->front.source
	                                                 : r->source);
	a->line = line_of(r, n);
	if (r->feed->count == 0 && r->front.slug)
		a->slug = wm_article_strdup(a, r->front.slug);
	for (size_t i = 0; r->feed->count == 0 && i < r->front.nwire; i++)
		wm_article_set_meta(a, r->front.wire[i].key, r->front.wire[i].value);
	if (r->feed->count == 0 && r->front.line)
		a->line = front_number(r->front.line, a->line);
	wm_feed_push(r->feed, a);
	r->a = a;
	r->at = AFTER_HEADLINE;
}

/* Before any heading: the block's text becomes the headline.  Returns 1
 * when it did. */
static int headline_from(reader *r, cmark_node *n)
{
	if (r->a)
		return 0;
	char *s = line_of_node(r, n, 1);
	if (!s)
		return 1;
	warn_at(r, n, "no level-1 heading (\"# headline\") before this block: "
	              "its text is read as the headline");
	start_article(r, s, n);
	return 1;
}

static void add_paragraph(reader *r, char *s, cmark_node *n)
{
	if (!s)
		return;
	wm_article_push_block(r->a, WM_BLOCK_PARAGRAPH, wm_article_take(r->a, s),
	                      line_of(r, n));
	r->at = IN_BODY;
}

/* Whether n, the block after one, ends the article. */
static int ends_article(cmark_node *n)
{
	if (!n)
		return 1;
	cmark_node_type t = cmark_node_get_type(n);
	return t == CMARK_NODE_THEMATIC_BREAK ||
	       (t == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 1);
}

static int looks_like_byline(const char *s)
{
	return (s[0] == 'B' || s[0] == 'b') && s[1] == 'y' &&
	       (s[2] == ' ' || s[2] == '\t');
}

/* A paragraph all in emphasis: the byline or the trailer.  Returns 1 when
 * it was one. */
static int read_emphasised(reader *r, cmark_node *p)
{
	cmark_node *only = cmark_node_first_child(p);
	if (!only || only != cmark_node_last_child(p) ||
	    cmark_node_get_type(only) != CMARK_NODE_EMPH)
		return 0;
	int last = ends_article(cmark_node_next(p));
	char *s = text_line(r, only, 0, 0);
	if (!s)
		return 0;
	if (r->at <= AFTER_DECK && (!last || looks_like_byline(s))) {
		free(s);
		/* and the warnings */
		r->a->byline = wm_article_take(r->a, text_lines(r, only, 1));
		r->a->byline_line = line_of(r, p);
		r->at = AFTER_BYLINE;
		return 1;
	} else if (last && !r->a->trailer) {
		r->a->trailer = wm_article_take(r->a, s);
		r->a->trailer_line = line_of(r, p);
	} else {
		free(s);
		return 0;
	}
	free(text_line(r, only, 0, 1)); /* the warnings */
	return 1;
}

/* The bold run that marks the dateline d in a paragraph's text t: its
 * place (its agency when it has no place) or all of it. */
static cmark_node *dateline_bold(const wm_dateline *d, const plain *t)
{
	const char *mark = d->place ? d->place : d->agency;
	const char *at = mark ? strstr(d->text, mark) : NULL;
	size_t from = at ? (size_t)(at - d->text) : 0;
	size_t to = at ? from + strlen(mark) : 0;
	for (size_t k = 0; k < t->nbold; k++) {
		if ((at && t->bold[k].from == from && t->bold[k].to == to) ||
		    (t->bold[k].from == 0 && t->bold[k].to == strlen(d->text)))
			return t->bold[k].node;
	}
	return NULL;
}

/* Length of a dash that stands apart at s[i] (a space or ')' before it, a
 * space or the end after it), or 0. */
static size_t dash_at(const char *s, size_t len, size_t i)
{
	if (i == 0 || (s[i - 1] != ' ' && s[i - 1] != ')'))
		return 0;
	size_t n = wm_dash_prefix(s + i, len - i);
	return n && (i + n == len || s[i + n] == ' ') ? n : 0;
}

/* Reads the dateline at the start of s.  The grammar takes a place alone
 * before the dash only when a lead sentence follows; in Markdown the place
 * in bold is evidence enough, so when the grammar reads none, the text up
 * to a dash is tried again before a lead sentence. */
static size_t parse_dateline(reader *r, const char *s, size_t len,
                             wm_dateline **d)
{
	static const char lead[] = " Officials said on Monday that the talks "
	                           "would go on as planned.";
	/* the readings left out stay in the article's arena until it goes */
	wm_arena *arena = &r->a->arena;
	size_t start = wm_dateline_parse(&r->dates, s, len, arena, d);
	for (size_t i = 1; !*d && i < len && i < 200; i++) {
		size_t n = dash_at(s, len, i);
		if (!n)
			continue;
		wm_buf probe = WM_BUF_INIT;
		wm_buf_put(&probe, s, i + n);
		wm_buf_puts(&probe, lead);
		wm_dateline_parse(&r->dates, probe.ptr, probe.len, arena, d);
		wm_buf_free(&probe);
		if (*d && strlen((*d)->text) != i + n)
			*d = NULL;
		for (start = i + n; *d && start < len && s[start] == ' ';)
			start++;
	}
	return *d ? start : 0;
}

/* The first paragraph: a dateline at its start, when its place is in bold.
 * Returns 1 when there was one (and the rest of the paragraph is read). */
static int read_dateline(reader *r, cmark_node *p)
{
	plain t;
	text_of(r, p, &t, 0, NULL, 0);
	wm_dateline *d = NULL;
	size_t start = t.nbold ? parse_dateline(r, wm_buf_cstr(&t.b), t.b.len, &d)
	                       : 0;
	cmark_node *bold = d ? dateline_bold(d, &t) : NULL;
	if (!bold) {
		wm_buf_free(&t.b);
		return 0;
	}
	d->line = line_of(r, p);
	r->a->dateline = d;
	r->at = IN_BODY;
	wm_buf_free(&t.b);
	text_of(r, p, &t, 1, bold, 0); /* again, for the warnings */
	add_paragraph(r, as_line(wm_buf_cstr(&t.b) + start, t.b.len - start, 1),
	              p);
	wm_buf_free(&t.b);
	return 1;
}

static void read_paragraph(reader *r, cmark_node *p)
{
	if (headline_from(r, p) || read_emphasised(r, p))
		return;
	if (r->at < IN_BODY && !r->a->dateline && read_dateline(r, p))
		return;
	add_paragraph(r, line_of_node(r, p, 1), p);
}

static void read_heading(reader *r, cmark_node *h)
{
	int level = cmark_node_get_heading_level(h);
	if (level == 1) {
		char *s = line_of_node(r, h, 0);
		if (s)
			start_article(r, s, h);
		else
			warn_at(r, h, "an empty level-1 heading is left out");
		return;
	}
	if (headline_from(r, h))
		return;
	if (level == 2 && r->at == AFTER_HEADLINE) {
		r->a->deck = wm_article_take(r->a, line_of_node(r, h, 0));
		r->at = AFTER_DECK;
		return;
	}
	warn_at(r, h, "a level-%d heading is kept as a paragraph", level);
	add_paragraph(r, line_of_node(r, h, 1), h);
}

/* A code block (or an HTML block): a preformatted block. */
static void read_literal(reader *r, cmark_node *n)
{
	if (headline_from(r, n))
		return;
	const char *s = cmark_node_get_literal(n);
	size_t len = s ? strlen(s) : 0;
	while (len && s[len - 1] == '\n')
		len--;
	if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK)
		warn_at(r, n, "raw HTML is kept as text (a preformatted block)");
	if (len == 0) {
		warn_at(r, n, "an empty block is left out");
		return;
	}
	wm_article_push_block(r->a, WM_BLOCK_PREFORMATTED,
	                      wm_article_strndup(r->a, s, len), line_of(r, n));
	r->at = IN_BODY;
}

/* A list item's marker: "- ", "3. ", "3) ". */
static void item_marker(cmark_node *item, wm_buf *b)
{
	cmark_node *list = cmark_node_parent(item);
	wm_buf_truncate(b, 0);
	if (cmark_node_get_list_type(list) != CMARK_ORDERED_LIST) {
		wm_buf_puts(b, "- ");
		return;
	}
	int n = cmark_node_get_list_start(list);
	for (cmark_node *c = cmark_node_first_child(list); c && c != item;
	     c = cmark_node_next(c))
		n++;
	wm_buf_printf(b, "%d%c ", n,
	              cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')'
	                                                                  : '.');
}

/* A list or a block quote: its blocks, as paragraphs and preformatted
 * blocks. */
static void read_container(reader *r, cmark_node *c)
{
	if (headline_from(r, c))
		return;
	warn_at(r, c, cmark_node_get_type(c) == CMARK_NODE_LIST
	                  ? "a list is kept as paragraphs"
	                  : "a block quote is kept as paragraphs");
	wm_buf marker = WM_BUF_INIT;
	cmark_iter *it = cmark_iter_new(c);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_ITEM)
			item_marker(n, &marker);
		if (t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK) {
			read_literal(r, n);
			wm_buf_truncate(&marker, 0);
		} else if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) {
			char *s = line_of_node(r, n, 1);
			if (s && marker.len) {
				wm_buf_puts(&marker, s);
				free(s);
				s = wm_buf_detach(&marker, NULL);
			}
			add_paragraph(r, s, n);
			wm_buf_truncate(&marker, 0);
		}
	}
	cmark_iter_free(it);
	wm_buf_free(&marker);
}

static void read_block(reader *r, cmark_node *b)
{
	switch (cmark_node_get_type(b)) {
	case CMARK_NODE_HEADING:
		read_heading(r, b);
		break;
	case CMARK_NODE_PARAGRAPH:
		read_paragraph(r, b);
		break;
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:
		read_literal(r, b);
		break;
	case CMARK_NODE_LIST:
	case CMARK_NODE_BLOCK_QUOTE:
		read_container(r, b);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		r->a = NULL; /* the next block starts an article */
		break;
	default:
		break;
	}
}

/* ---- front matter -------------------------------------------------------- */

/* Length of the line at s[0..n) without its newline. */
static size_t line_len(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n);
	return nl ? (size_t)(nl - s) : n;
}

static int line_is(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	if (n < k || memcmp(s, lit, k) != 0)
		return 0;
	while (k < n && (s[k] == ' ' || s[k] == '\t'))
		k++;
	return k == n;
}

static int hex_value(const char *s, size_t n, unsigned long *v)
{
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
		        : c >= 'a' && c <= 'f' ? c - 'a' + 10
		        : c >= 'A' && c <= 'F' ? c - 'A' + 10
		                               : -1;
		if (d < 0)
			return 0;
		*v = *v * 16 + (unsigned long)d;
	}
	return 1;
}

/* One escape of a YAML double-quoted scalar at s[i] (after the '\');
 * returns how many bytes it took, 0 when it is none. */
static size_t yaml_escape(const char *s, size_t n, size_t i, wm_buf *out)
{
	if (i >= n)
		return 0;
	static const char simple[] = "\"\"\\\\//n\nt\tr\ra\ab\be\x1b" "f\fv\v  ";
	for (size_t k = 0; k + 1 < sizeof simple; k += 2)
		if (s[i] == simple[k]) {
			wm_buf_putc(out, simple[k + 1]);
			return 1;
		}
	size_t digits = s[i] == 'x' ? 2 : s[i] == 'u' ? 4 : s[i] == 'U' ? 8 : 0;
	unsigned long cp = s[i] == 'N' ? 0x85 : s[i] == '_' ? 0xA0
	                   : s[i] == 'L' ? 0x2028 : s[i] == 'P' ? 0x2029 : 0;
	if (cp) {
		wm_utf8_put(out, (uint32_t)cp);
		return 1;
	}
	if (!digits || i + digits >= n || !hex_value(s + i + 1, digits, &cp))
		return 0;
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	wm_utf8_put(out, (uint32_t)cp);
	return digits + 1;
}

/* A quoted YAML scalar at s[0..n) (one line; s[0] is the quote).  Returns
 * malloc'd text, or NULL when it cannot be read. */
static char *yaml_quoted(const char *s, size_t n)
{
	wm_buf out = WM_BUF_INIT;
	wm_buf_put(&out, "", 0);
	size_t i = 1;
	for (; i < n; i++) {
		if (s[0] == '\'' && s[i] == '\'') {
			if (i + 1 == n || s[i + 1] != '\'')
				break;
			i++; /* '' stands for ' */
		} else if (s[0] == '"' && s[i] == '"') {
			break;
		} else if (s[0] == '"' && s[i] == '\\') {
			size_t k = yaml_escape(s, n, i + 1, &out);
			if (!k)
				break;
			i += k;
			continue;
		}
		wm_buf_putc(&out, s[i]);
	}
	if (i >= n || s[i] != s[0]) {
		wm_buf_free(&out);
		return NULL;
	}
	return wm_buf_detach(&out, NULL);
}

/* A YAML scalar at s[0..n) (one line): quoted or plain (up to a comment). */
static char *yaml_scalar(const char *s, size_t n)
{
	if (n && (s[0] == '"' || s[0] == '\''))
		return yaml_quoted(s, n);
	for (size_t i = 1; i < n; i++)
		if (s[i] == '#' && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			n = i;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return wm_xstrndup(s, n);
}

static void set_field(char **field, char *value)
{
	free(*field);
	*field = value && *value && wm_utf8_valid(value, strlen(value)) ? value
	                                                                : NULL;
	if (!*field)
		free(value);
}

/* One line "key: value" of the front matter; keys other than source, slug
 * and date, nested values and comments are passed over. */
static void front_line(reader *r, const char *s, size_t n, unsigned line)
{
	if (n == 0 || s[0] == ' ' || s[0] == '\t' || s[0] == '#' || s[0] == '-')
		return;
	const char *colon = memchr(s, ':', n);
	if (!colon)
		return;
	size_t k = (size_t)(colon - s), v = k + 1;
	char *key = yaml_scalar(s, k);
	while (v < n && (s[v] == ' ' || s[v] == '\t'))
		v++;
	char **field = !key ? NULL
	               : !strcmp(key, "source") ? &r->front.source
	               : !strcmp(key, "line") ? &r->front.line
	               : !strcmp(key, "slug") ? &r->front.slug
	               : !strcmp(key, "date") ? &r->front.date
	                                      : NULL;
	if (key && !strncmp(key, "wire.", 5) && key[5]) {
		char *value = yaml_scalar(s + v, n - v);
		if (value && *value && wm_utf8_valid(value, strlen(value))) {
			fm *f = &r->front;
			WM_GROW(f->wire, f->nwire, f->capwire, 4);
			f->wire[f->nwire].key = wm_xstrdup(key + 5);
			f->wire[f->nwire].value = value;
			f->nwire++;
		} else {
			free(value);
		}
	} else if (field) {
		char *value = yaml_scalar(s + v, n - v);
		if (!value)
			wm_report(r->ctx, WM_SEVERITY_WARNING, WM_DIAG_NOT_READ,
			          r->source, line, (unsigned)v + 1,
			          "front matter: the value of \"%s\" cannot be read",
			          key);
		set_field(field, value);
	}
	free(key);
}

/* YAML front matter at the start of text: "---", lines of "key: value",
 * then "---" or "...".  Returns where the Markdown starts. */
static size_t read_front_matter(reader *r, const char *text, size_t len)
{
	size_t n = line_len(text, len);
	if (!line_is(text, n, "---"))
		return 0;
	unsigned line = 1;
	for (size_t i = n + 1; i < len; i += n + 1) {
		n = line_len(text + i, len - i);
		line++;
		if (line_is(text + i, n, "---") || line_is(text + i, n, "...")) {
			r->line0 = line;
			return i + n < len ? i + n + 1 : len;
		}
		front_line(r, text + i, n, line);
	}
	wm_report(r->ctx, WM_SEVERITY_WARNING, WM_DIAG_NOT_READ, r->source, 1, 1,
	          "front matter (\"---\") is not closed: read as Markdown");
	set_field(&r->front.source, NULL);
	set_field(&r->front.line, NULL);
	set_field(&r->front.slug, NULL);
	set_field(&r->front.date, NULL);
	return 0;
}

/* ---- the reader ---------------------------------------------------------- */

wm_feed *wm_read_markdown(wm_context *ctx, const char *text, size_t len,
                          const char *source)
{
	if (!wm_libcmark_load(ctx, source, "the Markdown reader"))
		return NULL;
	reader r;
	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	r.source = source;
	r.feed = wm_feed_new();
	size_t from = read_front_matter(&r, text, len);
	r.dates = *ctx;
	if (!ctx->has_date && r.front.date)
		wm_context_set_date(&r.dates, r.front.date); /* a bad one: none */
	cmark_node *doc = cmark_parse_document(text + from, len - from,
	                                       CMARK_OPT_DEFAULT);
	for (cmark_node *b = cmark_node_first_child(doc); b; b = cmark_node_next(b))
		read_block(&r, b);
	cmark_node_free(doc);
	free(r.front.source);
	free(r.front.line);
	free(r.front.slug);
	free(r.front.date);
	wm_meta_pairs_free(r.front.wire, r.front.nwire);
	return wm_feed_or_none(ctx, wm_feed_kept(ctx, r.feed, source), source,
	                       "the Markdown holds no text");
}
