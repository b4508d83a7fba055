/* The wire reader: agency plain text to the document tree.
 *
 * An article, top to bottom:
 *   headline   the first line(s) up to the first blank line
 *   deck       optional: one line, then a blank line, then a byline or
 *              dateline
 *   byline     optional: a line "By ..." of its own
 *   body       paragraphs separated by blank lines, or (teletype copy) by
 *              indentation with continuation lines further left; runs of
 *              column-aligned lines are preformatted blocks
 *   dateline   at the start of the first paragraph, or alone on its line
 *   trailer    optional: the last line, when it is a sign-off ("Reuter",
 *              "-30-", "###", "(END)", "(Reporting by ...)")
 *
 * A feed holds several articles, split at form feeds and at the IPTC 7901
 * / ANPA-1312 control characters ETX and EOT; a header between SOH and STX
 * is skipped.
 */
#include "wire.h"

#include <stdlib.h>
#include <string.h>

#include "dateline.h"

#define MAX_HEADLINE_LINES 4
#define MAX_BYLINE_LEN 120
#define MAX_DECK_LEN 200

typedef struct line {
	const char *p; /* text without the newline */
	size_t len;
	size_t indent; /* leading spaces and tabs */
	unsigned no;   /* 1-based line number in the input */
	int blank;
} line;

typedef struct lines {
	line *v;
	size_t n;
	size_t cap;
} lines;

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

static void lines_push(lines *ls, const char *p, size_t len, unsigned no)
{
	if (ls->n == ls->cap) {
		ls->cap = ls->cap ? ls->cap * 2 : 64;
		ls->v = wm_xrealloc(ls->v, ls->cap * sizeof(*ls->v));
	}
	line *l = &ls->v[ls->n++];
	size_t ind = 0;
	while (ind < len && is_space(p[ind]))
		ind++;
	size_t e = len;
	while (e > ind && (is_space(p[e - 1]) || (unsigned char)p[e - 1] < 0x20))
		e--;
	l->p = p;
	l->len = e;
	l->indent = ind;
	l->no = no;
	l->blank = ind == e;
}

/* The line's text without leading and trailing space. */
static const char *ltext(const line *l, size_t *n)
{
	*n = l->len - l->indent;
	return l->p + l->indent;
}

static int ltext_is(const line *l, const char *lit)
{
	size_t n;
	const char *t = ltext(l, &n);
	return n == strlen(lit) && memcmp(t, lit, n) == 0;
}

/* ---- trailer, byline ----------------------------------------------------- */

static int ieq_prefix(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lit[i])
			return 0;
	}
	return 1;
}

/* A sign-off line: "Reuter", "REUTER...", "-30-", "###", "(END)", "(MORE)",
 * "(Reporting by ...; Editing by ...)". */
static int is_trailer(const line *l)
{
	size_t n;
	const char *t = ltext(l, &n);
	if (n == 0 || n > 200)
		return 0;
	if (ltext_is(l, "-30-") || ltext_is(l, "###") || ltext_is(l, "# # #"))
		return 1;
	if (t[0] == '(' && t[n - 1] == ')') {
		if (n == 5 && ieq_prefix(t, n, "(end)"))
			return 1;
		if (n == 6 && ieq_prefix(t, n, "(more)"))
			return 1;
		static const char *const credits[] = {
			"(reporting by", "(additional reporting by", "(writing by",
			"(editing by", "(compiled by", "(written by", "(by "};
		for (size_t k = 0; k < sizeof credits / sizeof *credits; k++)
			if (ieq_prefix(t, n, credits[k]))
				return 1;
		return 0;
	}
	/* a single word sign-off, perhaps with dots after it */
	size_t w = n;
	while (w > 0 && t[w - 1] == '.')
		w--;
	static const char *const words[] = {"reuter", "reuters", "more", "end"};
	for (size_t k = 0; k < sizeof words / sizeof *words; k++)
		if (w == strlen(words[k]) && ieq_prefix(t, w, words[k]))
			return 1;
	return 0;
}

/* "By JANE DOE", "By Jane Doe, Associated Press Writer", "By  Matt Daily". */
static int is_byline(const line *l)
{
	size_t n;
	const char *t = ltext(l, &n);
	if (n < 5 || n > MAX_BYLINE_LEN || !ieq_prefix(t, n, "by") ||
	    !is_space(t[2]))
		return 0;
	size_t i = 2;
	while (i < n && is_space(t[i]))
		i++;
	unsigned char c = (unsigned char)t[i];
	if (!((c >= 'A' && c <= 'Z') || c >= 0x80))
		return 0;
	/* a sentence is no byline */
	return t[n - 1] != '.' || (n >= 2 && t[n - 2] >= 'A' && t[n - 2] <= 'Z');
}

/* ---- the reader's state -------------------------------------------------- */

typedef struct reader {
	wm_context *ctx;
	const char *source;
	wm_article *a;
	wm_buf para;         /* the paragraph being gathered */
	unsigned para_line;
} reader;

static void flush_paragraph(reader *r)
{
	if (r->para.len == 0)
		return;
	wm_article_push_block(r->a, WM_BLOCK_PARAGRAPH,
	                      wm_buf_detach(&r->para, NULL), r->para_line);
}

static void add_to_paragraph(reader *r, const line *l)
{
	size_t n;
	const char *t = ltext(l, &n);
	if (r->para.len == 0)
		r->para_line = l->no;
	else
		wm_buf_putc(&r->para, ' ');
	wm_buf_put(&r->para, t, n);
}

/* A line of a table: text, a gap of three or more spaces (or a tab), more
 * text. */
static int is_tabular(const line *l)
{
	size_t i = l->indent, gap = 0;
	int seen_text = 0;
	for (; i < l->len; i++) {
		if (l->p[i] == '\t' && seen_text)
			return 1;
		if (l->p[i] == ' ') {
			gap++;
			continue;
		}
		if (seen_text && gap >= 3)
			return 1;
		seen_text = 1;
		gap = 0;
	}
	return 0;
}

static void add_preformatted(reader *r, const line *v, size_t n)
{
	size_t common = (size_t)-1;
	for (size_t k = 0; k < n; k++)
		if (!v[k].blank && v[k].indent < common)
			common = v[k].indent;
	wm_buf b = WM_BUF_INIT;
	for (size_t k = 0; k < n; k++) {
		if (k)
			wm_buf_putc(&b, '\n');
		if (!v[k].blank)
			wm_buf_put(&b, v[k].p + common, v[k].len - common);
	}
	wm_article_push_block(r->a, WM_BLOCK_PREFORMATTED, wm_buf_detach(&b, NULL),
	                      v[0].no);
}

/* One block of non-blank lines: paragraphs split by indentation, tables
 * kept as preformatted text. */
static void read_block(reader *r, const line *v, size_t n)
{
	size_t min_indent = (size_t)-1;
	int all_same = 1;
	for (size_t k = 0; k < n; k++) {
		if (v[k].indent < min_indent)
			min_indent = v[k].indent;
		if (v[k].indent != v[0].indent)
			all_same = 0;
	}
	for (size_t k = 0; k < n;) {
		size_t run = 0;
		while (k + run < n && is_tabular(&v[k + run]))
			run++;
		if (run >= 2) {
			flush_paragraph(r);
			add_preformatted(r, v + k, run);
			k += run;
			continue;
		}
		/* a line indented past the block's left edge starts a paragraph;
		 * in a block all indented alike, only the first line does */
		if (k == 0 || (!all_same && v[k].indent > min_indent))
			flush_paragraph(r);
		add_to_paragraph(r, &v[k]);
		k++;
	}
	flush_paragraph(r);
}

/* ---- the dateline -------------------------------------------------------- */

static void take_dateline(reader *r)
{
	wm_article *a = r->a;
	if (a->nblocks == 0 || a->blocks[0].type != WM_BLOCK_PARAGRAPH)
		return;
	char *text = a->blocks[0].text;
	wm_dateline *d = NULL;
	size_t start = wm_dateline_parse(r->ctx, text, strlen(text), &d);
	if (!d)
		return;
	d->line = a->blocks[0].line;
	a->dateline = d;
	if (text[start]) {
		memmove(text, text + start, strlen(text + start) + 1);
		return;
	}
	/* the dateline stood alone: it runs into the next paragraph */
	free(text);
	memmove(a->blocks, a->blocks + 1, (a->nblocks - 1) * sizeof(*a->blocks));
	a->nblocks--;
}

/* ---- one article --------------------------------------------------------- */

static size_t skip_blank(const line *v, size_t i, size_t n)
{
	while (i < n && v[i].blank)
		i++;
	return i;
}

static int starts_dateline(const wm_context *ctx, const line *l)
{
	size_t n;
	const char *t = ltext(l, &n);
	wm_dateline *d = NULL;
	wm_dateline_parse(ctx, t, n, &d);
	int found = d != NULL;
	wm_dateline_free(d);
	return found;
}

/* Where the headline ends: the first blank line, unless the lines before it
 * look like body text (an indented paragraph start, a dateline, or more
 * lines than a headline has): then the first line alone. */
static size_t headline_end(const wm_context *ctx, const line *v, size_t i,
                           size_t n)
{
	size_t e = i;
	while (e < n && !v[e].blank)
		e++;
	if (e - i > MAX_HEADLINE_LINES)
		return i + 1;
	for (size_t k = i + 1; k < e; k++)
		if (v[k].indent > v[i].indent || starts_dateline(ctx, &v[k]) ||
		    is_byline(&v[k]))
			return i + 1;
	return e;
}

static char *join_lines(const line *v, size_t b, size_t e)
{
	wm_buf out = WM_BUF_INIT;
	for (size_t k = b; k < e; k++) {
		size_t n;
		const char *t = ltext(&v[k], &n);
		if (out.len)
			wm_buf_putc(&out, ' ');
		wm_buf_put(&out, t, n);
	}
	return wm_buf_detach(&out, NULL);
}

static int is_deck(const wm_context *ctx, const line *v, size_t i, size_t n)
{
	if (i + 2 >= n || !v[i + 1].blank || v[i].indent)
		return 0;
	size_t len;
	const char *t = ltext(&v[i], &len);
	if (len > MAX_DECK_LEN || is_byline(&v[i]) || starts_dateline(ctx, &v[i]))
		return 0;
	(void)t;
	size_t next = skip_blank(v, i + 1, n);
	return next < n && (is_byline(&v[next]) || starts_dateline(ctx, &v[next]));
}

static wm_article *read_article(wm_context *ctx, const char *source,
                                const line *v, size_t n)
{
	size_t i = skip_blank(v, 0, n);
	if (i == n)
		return NULL;
	reader r = {ctx, source, wm_article_new(), WM_BUF_INIT, 0};
	wm_article *a = r.a;
	a->source = wm_xstrdup(source);
	a->line = v[i].no;

	/* trailer: the last non-blank line */
	size_t end = n;
	while (end > i && v[end - 1].blank)
		end--;
	if (end - 1 > i && is_trailer(&v[end - 1])) {
		size_t len;
		const char *t = ltext(&v[end - 1], &len);
		a->trailer = wm_xstrndup(t, len);
		a->trailer_line = v[end - 1].no;
		end--;
	}

	size_t he = headline_end(ctx, v, i, end);
	a->headline = join_lines(v, i, he);
	i = skip_blank(v, he, end);

	if (i < end && is_deck(ctx, v, i, end)) {
		a->deck = join_lines(v, i, i + 1);
		i = skip_blank(v, i + 1, end);
	}
	if (i < end && is_byline(&v[i])) {
		size_t len;
		const char *t = ltext(&v[i], &len);
		a->byline = wm_xstrndup(t, len);
		a->byline_line = v[i].no;
		i = skip_blank(v, i + 1, end);
	}

	while (i < end) {
		size_t e = i;
		while (e < end && !v[e].blank)
			e++;
		read_block(&r, v + i, e - i);
		i = skip_blank(v, e, end);
	}
	wm_buf_free(&r.para);
	take_dateline(&r);
	return a;
}

/* ---- the feed ------------------------------------------------------------ */

static int is_separator(char c)
{
	return c == '\f' || c == '\x03' || c == '\x04';
}

/* Splits text[b, e) into lines and reads an article from them. */
static void read_segment(wm_context *ctx, const char *source, wm_feed *feed,
                         const char *text, size_t b, size_t e, unsigned no)
{
	lines ls = {NULL, 0, 0};
	size_t s = b;
	for (size_t k = b; k <= e; k++) {
		if (k < e && text[k] != '\n')
			continue;
		lines_push(&ls, text + s, k - s, no);
		no++;
		s = k + 1;
	}
	wm_article *a = read_article(ctx, source, ls.v, ls.n);
	if (a)
		wm_feed_push(feed, a);
	free(ls.v);
}

wm_feed *wm_read_wire(wm_context *ctx, const char *text, size_t len,
                      const char *source)
{
	wm_feed *feed = wm_feed_new();
	size_t b = 0;
	unsigned line_no = 1, seg_line = 1;
	for (size_t k = 0; k <= len; k++) {
		if (k < len && text[k] == '\x01') {
			/* an IPTC / ANPA header: skip to STX */
			const char *stx = memchr(text + k, '\x02', len - k);
			size_t to = stx ? (size_t)(stx - text) : k;
			read_segment(ctx, source, feed, text, b, k, seg_line);
			for (size_t j = k; j < to; j++)
				if (text[j] == '\n')
					line_no++;
			k = to;
			b = k + 1;
			seg_line = line_no;
			continue;
		}
		if (k == len || is_separator(text[k])) {
			read_segment(ctx, source, feed, text, b, k, seg_line);
			b = k + 1;
			seg_line = line_no;
			continue;
		}
		if (text[k] == '\n')
			line_no++;
	}
	if (feed->count == 0) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_NO_HEADLINE, source, 1, 1,
		          "no article: the input is empty or blank");
		wm_feed_free(feed);
		return NULL;
	}
	return feed;
}
