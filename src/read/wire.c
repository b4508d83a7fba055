/* The wire reader: agency plain text to the document tree.
 *
 * A feed holds one or more articles.  They are split
 *   - at form feeds and at the IPTC 7901 / ANPA-1312 control characters
 *     ETX (end of text) and EOT (end of transmission); a header between
 *     SOH and STX is the next article's slug;
 *   - after an end mark ("-30-", "###", "(END)") on a line of its own that
 *     has more text after it: the end mark is the trailer of the article
 *     before, and the text after it is the next article.
 *
 * An article, top to bottom:
 *   slug       optional: a keyword line before the headline
 *              ("BC-Senate-Budget,0456", "US-ECONOMY/JOBS")
 *   headline   the first line(s) up to the first blank line, unless the
 *              lines under the first look like body text (indented, a
 *              dateline, a byline, more than four lines)
 *   deck       optional: one line, then a blank line, then a byline or
 *              dateline
 *   byline     optional: "By NAME", "By Name and Name", "By Name, Title"
 *              on a line of its own, perhaps with a title line under it
 *              ("Associated Press Writer"), kept as a line of its own
 *              (the byline's lines are joined with '\n')
 *   body       blocks of lines between blank lines.  In copy wrapped at a
 *              fixed width (teletype), a line indented past the block's
 *              left edge starts a paragraph and lines further left continue
 *              it.  In copy whose lines are whole paragraphs (most of the
 *              text in lines over 100 columns), each line is a paragraph,
 *              except list items ("- ...") and lines that continue an
 *              unfinished sentence, which join the paragraph before them.
 *              Runs of two or more column-aligned lines (a gap of three
 *              spaces or a tab) or short digest rows with figures
 *              ("Shr 34 cts vs 1.19 dlrs") are preformatted blocks.
 *   dateline   at the start of the first paragraph, or alone on its line
 *              (dateline.c has its grammar)
 *   trailer    optional: the last lines when they are sign-offs ("Reuter"
 *              and its typos, "-30-", "###", "(END)", "(MORE)", "(Reporting
 *              by ...; Editing by ...)", "(Additional reporting by ...)"),
 *              or such credits glued to the end of the last paragraph
 *
 * Every decision can be noted in an explain log (wm_explain).
 */
#include "wire.h"

#include <stdlib.h>
#include <string.h>

#include "../util/utf8.h"
#include "../util/words.h"
#include "dateline.h"
#include "reader.h"
#include "frame.h"
#include "lines.h"
#include "signoff.h"
#include "transmission.h"

#define MAX_HEADLINE_LINES 4
#define MAX_DECK_LEN 200
#define MAX_TRAILER_LINES 3
#define LONG_LINE 100      /* lines longer than this are not wrapped copy */
#define MAX_ROW_LEN 50     /* digest rows are short */
#define LOOKAHEAD 400      /* text a dateline check looks at */

/* ---- the reader's state -------------------------------------------------- */

/* Where a line's text starts in a paragraph built by joining lines. */
typedef struct piece {
	size_t off;
	unsigned line, col;
} piece;

typedef struct pieces {
	piece *v;
	size_t n;
	size_t cap;
} pieces;

typedef struct reader {
	wm_context *ctx;
	const char *source;
	wm_explain_log *log;
	wm_article *a;
	int wrapped;         /* teletype copy wrapped at a fixed width */
	wm_buf para;         /* the paragraph being gathered */
	unsigned para_line;
	pieces para_pieces;  /* where its lines start */
	pieces first_pieces; /* the same for the article's first paragraph */
} reader;

#define NOTE(r, no, kind, ...) wm_explain_add((r)->log, (no), (kind), __VA_ARGS__)

static void pieces_push(pieces *ps, size_t off, const line *l)
{
	WM_GROW(ps->v, ps->n, ps->cap, 16);
	ps->v[ps->n].off = off;
	ps->v[ps->n].line = l->no;
	ps->v[ps->n].col = (unsigned)l->indent + 1;
	ps->n++;
}

static void flush_paragraph(reader *r)
{
	if (r->para.len == 0)
		return;
	if (r->a->nblocks == 0) {
		pieces t = r->first_pieces;
		r->first_pieces = r->para_pieces;
		r->para_pieces = t;
	}
	r->para_pieces.n = 0;
	/* the buffer stays the reader's, for the next paragraph */
	wm_article_push_block(r->a, WM_BLOCK_PARAGRAPH,
	                      wm_article_strndup(r->a, r->para.ptr, r->para.len),
	                      r->para_line);
	wm_buf_truncate(&r->para, 0);
}

static void add_to_paragraph(reader *r, const line *l)
{
	size_t n;
	const char *t = ltext(l, &n);
	if (r->para.len == 0)
		r->para_line = l->no;
	else
		wm_buf_putc(&r->para, ' ');
	pieces_push(&r->para_pieces, r->para.len, l);
	wm_buf_put(&r->para, t, n);
}

/* ---- tables -------------------------------------------------------------- */

/* A line of a table: text, a gap of three or more spaces (or a tab), more
 * text.  The line's text starts and ends with a character that is not
 * space, so any tab or run of three spaces in it lies between texts. */
static int is_tabular(const line *l)
{
	size_t n;
	const char *t = ltext(l, &n);
	if (memchr(t, '\t', n) || wm_wire_is_agate_row(t, n))
		return 1;
	/* t[i] ends a run of three spaces: where t[i] is not a space, no run
	 * ends before i + 3 */
	for (size_t i = 2; i < n;) {
		if (t[i] != ' ')
			i += 3;
		else if (t[i - 1] == ' ' && t[i - 2] == ' ')
			return 1;
		else
			i++;
	}
	return 0;
}

/* A row of an earnings digest or price list: short, from a capital or a
 * digit, with no sentence's end ("Shr 34 cts vs 1.19 dlrs", "Pay April
 * 30"). */
static int is_row_text(const line *l)
{
	size_t n;
	const char *t = ltext(l, &n);
	if (n == 0 || n > MAX_ROW_LEN)
		return 0;
	uint32_t c = first_char(t, n);
	if (!(wm_ucs_case(c) == WM_CASE_UPPER || (c >= '0' && c <= '9')))
		return 0;
	char e = t[n - 1];
	return !(e == '.' || e == '?' || e == '!' || e == ':' || e == ';' ||
	         e == ',' || e == '-' || e == '"');
}

/* The length of the table starting at v[k] (0: none).  In a block whose
 * lines start at different columns (teletype copy), a digest row is an
 * indented line with no continuation line under it, and the digest must
 * end the block: rows with prose after them in the same block can't be
 * told from short paragraphs, and are each a paragraph already. */
static size_t table_run(const line *v, size_t k, size_t n, size_t min_indent,
                        int all_same, int *aligned, size_t *scanned)
{
	size_t run = 0, gaps = 0, digits = 0;
	while (k + run < n) {
		const line *l = &v[k + run];
		size_t tn;
		const char *t = ltext(l, &tn);
		if (is_tabular(l)) {
			gaps++;
		} else if (!is_row_text(l) ||
		           !(all_same || (l->indent > min_indent &&
		                          (k + run + 1 == n ||
		                           v[k + run + 1].indent > min_indent)))) {
			break;
		}
		digits += has_digit(t, tn);
		run++;
	}
	/* when no table starts at k, none starts in the rest of this run of
	 * rows either: the caller skips it (and stays linear) */
	*scanned = run;
	*aligned = gaps >= 2;
	if (!all_same && gaps < run && k + run < n)
		return 0;
	return run >= 2 && (gaps >= 2 || digits) ? run : 0;
}

static void add_preformatted(reader *r, const line *v, size_t n, int aligned)
{
	size_t common = (size_t)-1;
	for (size_t k = 0; k < n; k++)
		if (!v[k].blank && v[k].indent < common)
			common = v[k].indent;
	wm_buf *b = &r->para; /* empty: the paragraph before was flushed */
	for (size_t k = 0; k < n; k++) {
		if (k)
			wm_buf_putc(b, '\n');
		if (!v[k].blank)
			wm_buf_put(b, v[k].p + common, v[k].len - common);
		NOTE(r, v[k].no, k ? "table" : "table start", "%s",
		     aligned ? "column-aligned lines (gaps of three spaces or tabs) "
		               "kept as preformatted text"
		             : "short rows with figures (a digest) kept as "
		               "preformatted text");
	}
	wm_article_push_block(r->a, WM_BLOCK_PREFORMATTED,
	                      wm_article_strndup(r->a, b->ptr, b->len), v[0].no);
	wm_buf_truncate(b, 0);
}

/* ---- paragraphs ---------------------------------------------------------- */

/* A list item: "- ", "* ", "• " before the text. */
static int is_list_item(const line *l)
{
	size_t n;
	const char *t = ltext(l, &n);
	if (n >= 2 && (t[0] == '-' || t[0] == '*') && t[1] == ' ')
		return 1;
	return n >= 4 && !memcmp(t, "\xE2\x80\xA2 ", 4);
}

/* Whether line k of a block of unwrapped copy starts a paragraph; *why
 * says why or why not. */
static int unwrapped_starts(const line *v, size_t k, const char **why)
{
	size_t pn;
	const char *pt = ltext(&v[k - 1], &pn);
	if (is_list_item(&v[k])) {
		if (is_list_item(&v[k - 1]) || (pn && pt[pn - 1] == ':')) {
			*why = "a list item continues the list's paragraph";
			return 0;
		}
		*why = "a list item after a finished line starts a paragraph";
		return 1;
	}
	if (!ends_sentence(pt, pn)) {
		*why = "the line before ends mid-sentence: this one continues it";
		return 0;
	}
	*why = "each line is a paragraph in copy that is not wrapped";
	return 1;
}

/* One block of non-blank lines: paragraphs, and tables kept as
 * preformatted text. */
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
	int after_table = 0;
	size_t no_table_before = 0;
	for (size_t k = 0; k < n;) {
		int aligned = 0;
		size_t run = 0, scanned;
		if (k >= no_table_before) {
			run = table_run(v, k, n, min_indent, all_same || !r->wrapped,
			                &aligned, &scanned);
			no_table_before = k + scanned;
		}
		if (run) {
			flush_paragraph(r);
			add_preformatted(r, v + k, run, aligned);
			k += run;
			after_table = 1;
			continue;
		}
		const char *why;
		int start;
		if (k == 0) {
			start = 1;
			why = "the first line of a block (after a blank line or the "
			      "headline)";
		} else if (after_table) {
			start = 1;
			why = "the first line after a table";
		} else if (!r->wrapped) {
			start = unwrapped_starts(v, k, &why);
		} else if (!all_same && v[k].indent > min_indent) {
			start = 1;
			why = "indented past the block's left edge (teletype copy)";
		} else {
			start = 0;
			why = all_same ? "lines indented alike: only the block's first "
			                 "starts a paragraph"
			               : "at the block's left edge: continues the "
			                 "paragraph (teletype copy)";
		}
		after_table = 0;
		if (start)
			flush_paragraph(r);
		NOTE(r, v[k].no, start ? "paragraph" : "continuation", "%s", why);
		add_to_paragraph(r, &v[k]);
		k++;
	}
	flush_paragraph(r);
}

/* Whether most of the text of v[b, e) is in lines longer than LONG_LINE:
 * then lines are whole paragraphs, not wrapped at a fixed width. */
static int is_wrapped(const line *v, size_t b, size_t e)
{
	size_t total = 0, in_long = 0;
	for (size_t k = b; k < e; k++) {
		size_t n = v[k].len - v[k].indent;
		total += n;
		if (v[k].len > LONG_LINE)
			in_long += n;
	}
	return in_long * 2 < total || total == 0;
}

/* ---- the dateline -------------------------------------------------------- */

/* Line and column of offset at in the first paragraph. */
static void locate(const reader *r, const char *text, size_t at,
                   unsigned *line_no, unsigned *col)
{
	const pieces *ps = &r->first_pieces;
	*line_no = r->a->blocks[0].line;
	*col = 1;
	for (size_t k = 0; k < ps->n && ps->v[k].off <= at; k++) {
		*line_no = ps->v[k].line;
		*col = ps->v[k].col;
		for (size_t i = ps->v[k].off; i < at; i++)
			*col += ((unsigned char)text[i] & 0xC0) != 0x80;
	}
}

static void take_dateline(reader *r)
{
	wm_article *a = r->a;
	if (a->nblocks == 0 || a->blocks[0].type != WM_BLOCK_PARAGRAPH) {
		if (a->nblocks)
			NOTE(r, a->blocks[0].line, "no dateline",
			     "the body starts with a table, not a paragraph");
		return;
	}
	char *text = a->blocks[0].text;
	wm_dateline *d = NULL;
	wm_dateline_report rep;
	rep.quiet = r->log == NULL; /* the reasons are for --explain only */
	size_t start = wm_dateline_read(r->ctx, text, strlen(text), &a->arena, &d,
	                                &rep);
	if (d) {
		d->line = a->blocks[0].line;
		a->dateline = d;
		if (rep.byline_e > rep.byline_b)
			/* "홍길동 기자 =": the reporters stay in the dateline's text,
			 * where they stand (a byline of their own would print their
			 * names twice, and out of the input's order) */
			NOTE(r, d->line, "dateline", "the reporters \"%.*s\", kept in "
			     "the dateline's text", (int)(rep.byline_e - rep.byline_b),
			     text + rep.byline_b);
		NOTE(r, d->line, "dateline", "\"%s\", %s: %s", d->text, rep.rule,
		     rep.detail);
	} else {
		NOTE(r, a->blocks[0].line, "no dateline", "%s%s%s", rep.rule,
		     rep.detail[0] ? ": " : "", rep.detail);
	}
	for (size_t k = 0; k < rep.nwarn; k++) {
		unsigned no, col;
		locate(r, text, rep.warn[k].at, &no, &col);
		wm_report(r->ctx, WM_SEVERITY_WARNING, WM_DIAG_DATE, r->source, no,
		          col, "%s", rep.warn[k].msg);
		NOTE(r, no, "warning", "%s", rep.warn[k].msg);
	}
	if (!d)
		return;
	if (text[start]) {
		memmove(text, text + start, strlen(text + start) + 1);
		return;
	}
	/* the dateline stood alone: it runs into the next block */
	NOTE(r, d->line, "dateline", "alone on its line: it runs into the next "
	     "block");
	memmove(a->blocks, a->blocks + 1, (a->nblocks - 1) * sizeof(*a->blocks));
	a->nblocks--;
}

/* Whether the block text from line k on starts with a dateline. */
static int starts_dateline(const wm_context *ctx, const line *v, size_t k,
                           size_t n)
{
	wm_buf b = WM_BUF_INIT;
	size_t e = block_end(v, k, n);
	for (size_t j = k; j < e && b.len < LOOKAHEAD; j++) {
		size_t tn;
		const char *t = ltext(&v[j], &tn);
		if (b.len)
			wm_buf_putc(&b, ' ');
		wm_buf_put(&b, t, tn);
	}
	int found = b.len && wm_dateline_starts(b.ptr, b.len);
	wm_buf_free(&b);
	return found;
}

/* ---- the trailer --------------------------------------------------------- */

/* Finds the trailer lines at the end of v[i, end): sets *tb to the first
 * one (end when none) and returns why, or NULL. */
static const char *find_trailer(const line *v, size_t i, size_t end,
                                size_t *tb)
{
	const char *why = NULL;
	size_t k = end, count = 0;
	*tb = end;
	while (count < MAX_TRAILER_LINES) {
		while (k > i && v[k - 1].blank)
			k--;
		if (k <= i + 1)
			break;
		const line *prev = v[k - 2].blank ? NULL : &v[k - 2];
		const char *kind = wm_wire_trailer_kind(&v[k - 1], prev);
		if (!kind)
			break;
		why = kind;
		*tb = --k;
		count++;
	}
	if (why)
		return why;
	/* a credit wrapped over lines: "(Reporting by ...;\nEditing by ...)" */
	size_t n;
	const char *t = ltext(&v[end - 1], &n);
	if (n == 0 || t[n - 1] != ')')
		return NULL;
	for (size_t b = end - 1; b > i + 1 && b + MAX_TRAILER_LINES >= end; b--) {
		if (v[b - 1].blank)
			break;
		t = ltext(&v[b - 1], &n);
		if (n && t[0] == '(') {
			char *joined = join_lines(v, b - 1, end, " ");
			int credit = wm_wire_credit(joined, strlen(joined));
			free(joined);
			if (!credit)
				return NULL;
			*tb = b - 1;
			return "reporting and editing credits over several lines";
		}
	}
	return NULL;
}

/* Credits glued to the end of the last paragraph, as modern Reuters copy
 * has them: "... on Tuesday. (Reporting by X; Editing by Y)". */
static void take_glued_trailer(reader *r)
{
	wm_article *a = r->a;
	if (a->trailer || a->nblocks == 0 ||
	    a->blocks[a->nblocks - 1].type != WM_BLOCK_PARAGRAPH)
		return;
	wm_block *last = &a->blocks[a->nblocks - 1];
	char *t = last->text;
	size_t n = strlen(t), start = n, e = n;
	while (e > 0 && t[e - 1] == ')') {
		size_t depth = 0, k = e;
		while (k > 0) {
			k--;
			if (t[k] == ')')
				depth++;
			else if (t[k] == '(' && --depth == 0)
				break;
		}
		if (depth != 0 || t[k] != '(')
			break;
		int mark = e - k == 5 && (wm_ascii_iprefix(t + k, 5, "(end)"));
		mark |= e - k == 6 && wm_ascii_iprefix(t + k, 6, "(more)");
		if (!mark && !wm_wire_credit(t + k, e - k))
			break;
		start = k;
		e = k;
		while (e > 0 && t[e - 1] == ' ')
			e--;
	}
	if (start == n || (e > 0 && !ends_sentence(t, e)))
		return;
	a->trailer = wm_article_strdup(a, t + start);
	a->trailer_line = last->line;
	NOTE(r, last->line, "trailer", "credits glued to the end of the last "
	     "paragraph: \"%s\"", a->trailer);
	if (e > 0) {
		t[e] = '\0';
		return;
	}
	a->nblocks--;
}

/* ---- one article --------------------------------------------------------- */

/* The text of lines v[b, e) joined by sep (blank lines left out), in a's
 * arena: join_lines without a buffer. */
static char *join_in(wm_article *a, const line *v, size_t b, size_t e,
                     char sep)
{
	size_t len = 0, n;
	for (size_t k = b; k < e; k++)
		if (ltext(&v[k], &n), n)
			len += n + (len > 0);
	char *out = wm_arena_alloc(&a->arena, len + 1), *at = out;
	for (size_t k = b; k < e; k++) {
		const char *t = ltext(&v[k], &n);
		if (n == 0)
			continue;
		if (at > out)
			*at++ = sep;
		memcpy(at, t, n);
		at += n;
	}
	*at = '\0';
	return out;
}

/* Where the headline ends: the first blank line, unless the lines before it
 * look like body text (an indented paragraph start, a dateline, a byline,
 * or more lines than a headline has): then the first line alone. */
static size_t headline_end(const wm_context *ctx, const line *v, size_t i,
                           size_t n, const char **why)
{
	size_t e = block_end(v, i, n);
	*why = e - i > 1 ? "the first lines, up to the first blank line"
	                 : "the first line, up to the first blank line";
	if (e - i > MAX_HEADLINE_LINES) {
		*why = "the first line: more lines follow than a headline has";
		return i + 1;
	}
	for (size_t k = i + 1; k < e; k++) {
		size_t tn;
		const char *t = ltext(&v[k], &tn);
		if (v[k].indent > v[i].indent || starts_dateline(ctx, v, k, n) ||
		    wm_wire_byline_shape(t, tn)) {
			*why = "the first line: the lines under it are body text";
			return i + 1;
		}
	}
	return e;
}

static int is_deck(const wm_context *ctx, const line *v, size_t i, size_t n)
{
	if (i + 2 >= n || !v[i + 1].blank || v[i].indent)
		return 0;
	size_t len;
	const char *t = ltext(&v[i], &len);
	if (len > MAX_DECK_LEN || wm_wire_byline_shape(t, len) ||
	    starts_dateline(ctx, v, i, n))
		return 0;
	size_t next = skip_blank(v, i + 1, n);
	if (next >= n)
		return 0;
	t = ltext(&v[next], &len);
	return wm_wire_byline_shape(t, len) || starts_dateline(ctx, v, next, n);
}

/* A byline at v[i]: its shape, on a line of its own (a blank line, an
 * indented paragraph or a dateline under it, or a title line and then
 * one of those).  Returns the number of lines it takes (0: none). */
static size_t byline_lines(const wm_context *ctx, const line *v, size_t i,
                           size_t n)
{
	size_t len;
	const char *t = ltext(&v[i], &len);
	if (!wm_wire_byline_shape(t, len))
		return 0;
	for (size_t k = i + 1; k <= i + 2; k++) {
		if (k == n || v[k].blank || v[k].indent > v[i].indent ||
		    starts_dateline(ctx, v, k, n))
			return k - i;
		if (k == i + 2 || !wm_wire_byline_title(&v[k]))
			return 0;
	}
	return 0;
}

/* Whether v[k] can start a headline: not body text (a dateline, a byline,
 * a paragraph longer than a headline). */
static int looks_like_headline(const wm_context *ctx, const line *v, size_t k,
                               size_t n)
{
	size_t tn;
	const char *t = ltext(&v[k], &tn);
	return block_end(v, k, n) - k <= MAX_HEADLINE_LINES &&
	       !wm_wire_byline_shape(t, tn) && !starts_dateline(ctx, v, k, n);
}

static void read_header(reader *r, const line *v, size_t *i, size_t end)
{
	wm_article *a = r->a;
	/* slug */
	size_t next = *i + 1 < end ? skip_blank(v, *i + 1, end) : end;
	if (next < end && wm_wire_slug(&v[*i]) && looks_like_headline(r->ctx, v, next, end)) {
		size_t n;
		const char *t = ltext(&v[*i], &n);
		a->slug = wm_article_strndup(a, t, n);
		NOTE(r, v[*i].no, "slug", "a keyword line before the headline "
		     "(parts joined by '-' or '/'), kept as metadata");
		*i = next;
	}
	/* headline */
	a->line = v[*i].no;
	const char *why;
	size_t he = headline_end(r->ctx, v, *i, end, &why);
	a->headline = join_in(a, v, *i, he, ' ');
	for (size_t k = *i; k < he; k++)
		NOTE(r, v[k].no, "headline", "%s", why);
	*i = skip_blank(v, he, end);
	/* deck */
	if (*i < end && is_deck(r->ctx, v, *i, end)) {
		a->deck = join_in(a, v, *i, *i + 1, ' ');
		NOTE(r, v[*i].no, "deck", "one line between blank lines, with a "
		     "byline or dateline after it");
		*i = skip_blank(v, *i + 1, end);
	}
	/* byline */
	size_t bl = *i < end ? byline_lines(r->ctx, v, *i, end) : 0;
	if (bl) {
		a->byline = join_in(a, v, *i, *i + bl, '\n');
		a->byline_line = v[*i].no;
		NOTE(r, v[*i].no, "byline", "\"By\" and a name on a line of its own");
		if (bl > 1)
			NOTE(r, v[*i + 1].no, "byline", "the byline's title line "
			     "(kept as the byline's second line)");
		*i = skip_blank(v, *i + bl, end);
	}
}

/* Gives a the transmission's fields of lines lo..hi (see
 * transmission.h); returns whether they hold the headline. */
static int take_fields(wm_article *a, wm_tx *tx, unsigned lo,
                       unsigned hi)
{
	int head = 0;
	/* fields are in line order, articles too: each field is looked at
	 * once in all */
	for (; tx && tx->next < tx->n && tx->f[tx->next].line <= hi; tx->next++) {
		const wm_tx_field *f = &tx->f[tx->next];
		char **to = NULL;
		if (f->line < lo)
			continue;
		if (!strcmp(f->key, "slug")) {
			to = &a->slug;
		} else if (!strcmp(f->key, "headline")) {
			to = &a->headline;
			a->line = f->line;
			head = 1;
		} else if (!strcmp(f->key, "deck")) {
			to = &a->deck;
		} else if (!strcmp(f->key, "byline")) {
			to = &a->byline;
			a->byline_line = f->line;
		} else {
			wm_article_set_meta(a, f->key, f->value);
			continue;
		}
		*to = wm_article_strdup(a, f->value);
	}
	return head;
}

static int has_headline(const wm_tx *tx, unsigned lo, unsigned hi)
{
	for (size_t k = tx ? tx->next : 0; tx && k < tx->n && tx->f[k].line <= hi;
	     k++)
		if (tx->f[k].line >= lo && !strcmp(tx->f[k].key, "headline"))
			return 1;
	return 0;
}

/* Takes the trailer from the last non-blank lines of v[i, n), when they
 * are sign-offs, with AP's "___" before them; returns where the body
 * ends. */
static size_t take_trailer(reader *r, const line *v, size_t i, size_t n)
{
	wm_article *a = r->a;
	size_t end = n;
	while (end > i && v[end - 1].blank)
		end--;
	size_t tb;
	const char *twhy = find_trailer(v, i, end, &tb);
	if (!twhy)
		return end;
	a->trailer = join_in(a, v, tb, end, ' ');
	a->trailer_line = v[tb].no;
	for (size_t k = tb; k < end; k++)
		if (!v[k].blank)
			NOTE(r, v[k].no, "trailer", "the last line%s: %s",
			     end - tb > 1 ? "s" : "", twhy);
	end = tb;
	size_t sep = end;
	while (sep > i && v[sep - 1].blank)
		sep--;
	if (sep > i + 1 && wm_wire_rule(&v[sep - 1])) {
		NOTE(r, v[sep - 1].no, "trailer", "AP's separator (\"___\") before "
		     "the closing notes, dropped");
		end = sep - 1;
	}
	return end;
}

static wm_article *read_article(wm_context *ctx, const char *source,
                                wm_explain_log *log, const line *v, size_t n,
                                wm_tx *tx, wm_arena_pool *pool)
{
	size_t i = skip_blank(v, 0, n);
	if (n == 0 || (i == n && !has_headline(tx, v[0].no, v[n - 1].no)))
		return NULL;
	reader r;
	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	r.source = source;
	r.log = log;
	/* the arena's first chunk holds the article's text and a little more:
	 * its strings are that text, rearranged */
	size_t size = (size_t)(v[n - 1].p + v[n - 1].len - v[0].p);
	r.a = wm_article_new_pooled(size + size / 4 + 256, pool);
	wm_article *a = r.a;
	/* a paragraph is at most the article's text, its lines at most n:
	 * room for them once, not grown line by line */
	wm_buf_grow(&r.para, size);
	r.para_pieces.cap = n;
	r.para_pieces.v = wm_xmalloc(n * sizeof *r.para_pieces.v);
	a->source = wm_article_strdup(a, source);
	int head = take_fields(a, tx, v[0].no, v[n - 1].no);

	/* trailer: the last non-blank lines, when they are sign-offs */
	size_t end = take_trailer(&r, v, i, n);

	if (head)
		i = skip_blank(v, i, end); /* the transmission's header said it */
	else
		read_header(&r, v, &i, end);

	r.wrapped = is_wrapped(v, i, end);
	if (i < end && !r.wrapped)
		NOTE(&r, v[i].no, "body", "most of the text is in lines over %d "
		     "columns: lines are paragraphs, not teletype wrapping",
		     LONG_LINE);
	while (i < end) {
		size_t e = block_end(v, i, end);
		read_block(&r, v + i, e - i);
		i = skip_blank(v, e, end);
	}
	wm_buf_free(&r.para);
	take_glued_trailer(&r);
	take_dateline(&r);
	free(r.para_pieces.v);
	free(r.first_pieces.v);
	return a;
}

/* ---- the feed ------------------------------------------------------------ */

/* Whether line k starts a transmission (ZCZC) that is not the first;
 * lines are asked in order. */
static int starts_transmission(wm_tx *tx, const line *l, size_t k)
{
	while (tx->next_start < tx->nstarts && tx->starts[tx->next_start] < l->no)
		tx->next_start++;
	return k > 0 && tx->next_start < tx->nstarts &&
	       tx->starts[tx->next_start] == l->no;
}

/* A feed being read: where its articles go, and whether its text is
 * wm_decode's (valid UTF-8, no CR: the blocks keep those rules as they
 * are cut from it, and are not scanned for them again). */
typedef struct feed_out {
	wm_feed *feed;
	int decoded;
	wm_arena_pool *pool; /* chunks for the articles' arenas, or NULL */
} feed_out;

/* Reads lines [start, last) as an article into out's feed. */
static void take_article(wm_context *ctx, const char *source,
                         wm_explain_log *log, feed_out *out, const lines *ls,
                         size_t start, size_t last, wm_tx *tx)
{
	wm_article *a = read_article(ctx, source, log, ls->v + start,
	                             last - start, tx, out->pool);
	if (a)
		a = out->decoded ? wm_article_kept_cut(ctx, a, source, a->line, 1)
		                 : wm_article_kept(ctx, a, source, a->line, 1);
	if (a)
		wm_feed_push(out->feed, a);
}

/* Reads the articles in the lines of a segment: cut by end marks (the
 * rule of frame.h) and by transmissions (ZCZC) that are not the first. */
static void cut_articles(wm_context *ctx, const char *source,
                         wm_explain_log *log, feed_out *feed, const lines *ls,
                         wm_tx *tx)
{
	wm_frame_marks marks = {0, 0, 0};
	size_t start = 0;
	for (size_t k = 0; k < ls->n; k++) {
		const line *l = &ls->v[k];
		int mark = !l->blank && wm_wire_end_mark(l);
		int tx_start = starts_transmission(tx, l, k);
		int ends = !l->blank && wm_frame_marks_line(&marks, mark, k + 1);
		if (!ends && tx_start && marks.pending) {
			/* a transmission's first line, blank once its routing is
			 * taken: the text after it decides, as after any blank */
			size_t next = skip_blank(ls->v, k, ls->n);
			ends = next < ls->n && !wm_wire_end_mark(&ls->v[next]);
		}
		if (ends) {
			size_t last = marks.at;
			wm_explain_add(log, ls->v[last - 1].no, "end of article",
			               "an end mark with more text after it: the next "
			               "article starts");
			take_article(ctx, source, log, feed, ls, start, last, tx);
			start = last;
			wm_frame_marks_cut(&marks);
			if (!l->blank) /* the line starts the next article */
				wm_frame_marks_line(&marks, mark, k + 1);
		}
		if (tx_start && k > start) {
			take_article(ctx, source, log, feed, ls, start, k, tx);
			start = k;
			wm_frame_marks_cut(&marks);
			if (!l->blank)
				wm_frame_marks_line(&marks, mark, k + 1);
		}
	}
	take_article(ctx, source, log, feed, ls, start, ls->n, tx);
}

/* Splits text[b, e) into lines and reads the articles in them: one, or
 * several separated by end marks or transmissions.  header: the bytes
 * between SOH and STX before it (hlen of them), or NULL; in_frame: the
 * text came after STX.  Returns the line breaks in text[b, e) (wm_tx_read
 * keeps them where they are). */
static unsigned read_segment(wm_context *ctx, const char *source,
                         wm_explain_log *log, feed_out *feed, const char *text,
                         size_t b, size_t e, unsigned no, const char *header,
                         size_t hlen, int in_frame)
{
	wm_tx tx;
	memset(&tx, 0, sizeof tx);
	if (header)
		wm_tx_header(&tx, header, hlen, no, log);
	wm_tx_read(&tx, text + b, e - b, no, in_frame, log);
	const char *t = tx.text;
	lines ls = {NULL, 0, 0};
	size_t s = 0, len = e - b;
	for (;;) {
		const char *nl = memchr(t + s, '\n', len - s);
		size_t k = nl ? (size_t)(nl - t) : len;
		lines_push(&ls, t + s, k - s, no);
		no++;
		if (!nl)
			break;
		s = k + 1;
	}
	cut_articles(ctx, source, log, feed, &ls, &tx);
	unsigned lfs = (unsigned)(ls.n - 1);
	free(ls.v);
	wm_tx_free(&tx);
	return lfs;
}

static const char *separator_name(char c)
{
	switch (c) {
	case '\f':
		return "a form feed";
	case '\x02':
		return "STX (start of text)";
	case '\x03':
		return "ETX (end of text)";
	default:
		return "EOT (end of transmission)";
	}
}

/* The line breaks in text[b, e). */
static unsigned count_lf(const char *text, size_t b, size_t e)
{
	unsigned n = 0;
	for (const char *p = text + b, *end = text + e;
	     p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		n++;
	return n;
}

/* The articles in text (perhaps none), its first line numbered first;
 * *lfs (when not NULL): the line breaks in text. */
static wm_feed *read_feed(wm_context *ctx, const char *text, size_t len,
                          const char *source, wm_explain_log *log,
                          unsigned first, int decoded, wm_arena_pool *pool,
                          unsigned *lfs)
{
	wm_feed *feed = wm_feed_new();
	feed_out out = {feed, decoded, pool};
	size_t b = 0, hb = 0, hlen = 0;
	unsigned line_no = first, seg_line = first;
	int header = 0, frame = 0;
	wm_frame_scan fs;
	wm_frame_scan_start(&fs, text, len, 0, 0);
	for (size_t k = 0; k <= len; k++) {
		/* the bytes that frame a feed; the segment before them read,
		 * its lines counted (the LFs before b are in line_no) */
		k = wm_frame_scan_next(&fs, k);
		if (k < len && text[k] == '\x01') {
			/* an IPTC / ANPA header: up to STX, the next article's */
			line_no += read_segment(ctx, source, log, &out, text, b, k,
			                        seg_line, header ? text + hb : NULL,
			                        hlen, frame);
			size_t to = k + 1;
			while (to < len && text[to] != '\x01' && !wm_frame_is_separator(text[to]))
				to++;
			if (to == len || text[to] != '\x02')
				to = k; /* no STX: no header */
			header = to > k;
			hb = k + 1;
			hlen = to > k ? to - k - 1 : 0;
			frame = header;
			line_no += count_lf(text, k, to);
			k = to;
			b = k + 1;
			seg_line = line_no;
			continue;
		}
		if (k == len || wm_frame_is_separator(text[k])) {
			size_t before = feed->count;
			line_no += read_segment(ctx, source, log, &out, text, b, k,
			                        seg_line, header ? text + hb : NULL,
			                        hlen, frame);
			header = 0;
			frame = k < len && text[k] == '\x02';
			if (k < len)
				wm_explain_add(log, line_no, "separator", "%s: the article "
				               "ends here", separator_name(text[k]));
			b = k + 1;
			seg_line = line_no;
			size_t sb, se;
			unsigned skipped;
			if (k < len && text[k] == '\x03' && feed->count > before &&
			    wm_frame_stamp_after(text, k + 1, len, &sb, &se, &skipped)) {
				char *v = wm_tx_stamp_value(text + sb, se - sb);
				if (v)
					wm_article_set_meta(feed->articles[feed->count - 1],
					                    "timestamp", v);
				free(v);
				line_no += skipped;
				wm_explain_add(log, line_no, "transmission", "the time stamp "
				               "sent after ETX, kept as metadata "
				               "(meta.timestamp)");
				b = se;
				k = se - 1;
				seg_line = line_no;
			}
			continue;
		}
	}
	if (lfs)
		*lfs = line_no - first;
	return feed;
}

wm_feed *wm_read_wire_logged(wm_context *ctx, const char *text, size_t len,
                             const char *source, wm_explain_log *log)
{
	return wm_feed_or_none(ctx, read_feed(ctx, text, len, source, log, 1, 0, NULL, NULL),
	                       source, "the input is empty or blank");
}

wm_feed *wm_read_wire_part(wm_context *ctx, const char *text, size_t len,
                           const char *source, unsigned first_line,
                           wm_arena_pool *pool, unsigned *lfs)
{
	return read_feed(ctx, text, len, source, NULL, first_line, 1, pool, lfs);
}

wm_wire_line wm_wire_line_kind(const char *p, size_t len)
{
	line l;
	line_set(&l, p, len, 1);
	if (l.blank)
		return WM_WIRE_BLANK;
	return wm_wire_end_mark(&l) ? WM_WIRE_END_MARK : WM_WIRE_TEXT;
}

int wm_wire_is_agate_row(const char *t, size_t n)
{
	/* most lines have no ';' at all: three of them first */
	const char *p = t, *e = t + n;
	for (int k = 0; k < 3; k++, p++)
		if ((p = memchr(p, ';', (size_t)(e - p))) == NULL)
			return 0;
	size_t semis = 0, spaces = 0;
	for (size_t i = 0; i < n; i++) {
		semis += t[i] == ';';
		spaces += t[i] == ' ';
	}
	return semis >= 3 && semis > spaces;
}

wm_feed *wm_read_wire(wm_context *ctx, const char *text, size_t len,
                      const char *source)
{
	return wm_read_wire_logged(ctx, text, len, source, NULL);
}
