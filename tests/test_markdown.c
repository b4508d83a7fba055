/* Markdown: exact CommonMark whatever the text, read back through cmark.
 *
 *  - escape: minimal escaping, on strings a naive escape-everything fails;
 *  - structure: cmark (the library wiremark links) walks the output of
 *    every sample, the seed and every dev-corpus article, plain, with front
 *    matter and wrapped, and its tree must be wiremark's tree: one level-1
 *    heading, the deck as level 2, the byline and trailer paragraphs in
 *    emphasis, the dateline run in with its place in bold, one paragraph per
 *    paragraph, one code block per table, and nothing else (no raw HTML,
 *    list, quote, heading, break, link, code span, emphasis) with exactly
 *    the article's characters;
 *  - the same for random articles made of the pieces that trouble
 *    Markdown;
 *  - the round trip: the Markdown reader gives the tree back;
 *  - the reader: front matter, and what it keeps as text with a warning.
 */
#define _POSIX_C_SOURCE 200809L
#include <cmark.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "read/dateline.h"
#include "tree/tree.h"
#include "write/escape.h"

#define WHY 1024

/* ---- escaping ------------------------------------------------------------ */

static char *escaped(const char *prefix, const char *in)
{
	wm_buf b = WM_BUF_INIT;
	wm_buf_puts(&b, prefix);
	wm_escape_markdown(&b, in, strlen(in), NULL);
	char *s = strdup(wm_buf_cstr(&b) + strlen(prefix));
	wm_buf_free(&b);
	return s;
}

static void expect_md(const char *prefix, const char *in, const char *want)
{
	char *got = escaped(prefix, in);
	cr_expect_str_eq(got, want, "escaping \"%s\" after \"%s\": got \"%s\", want \"%s\"",
	                 in, prefix, got, want);
	free(got);
}

/* Text that means nothing to CommonMark where it stands stays as it is: a
 * naive escaper that escapes every punctuation character fails here. */
Test(escape, minimal)
{
	const char *plain[] = {
		"AT&T said 2 * 3 = 6 - not 7 + 1.",
		"snake_case and file_name_here",
		"C:\\ARCHIVE\\PATENTS and a \\ alone",
		"a < b > c, 5 <10 pct, <CAWL.L> and <SRD.L>",
		"#SRDdeal, #1 and issue #5",
		"1987. A year, 3) three, - dash, + plus, > more",
		"[bracketed] text and (parentheses) and [a] [b] here",
		"price $5 ^ 2 {x} | y ~ z ! ?",
		"an ampersand & alone, &T and &",
		"tag # inside",
		"C'est l'\xc3\xa9t\xc3\xa9 \xe2\x80\x94 \xe2\x80\x9cquotes\xe2\x80\x9d",
	};
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
		expect_md("x ", plain[i], plain[i]);
	expect_md("", "Plain text.", "Plain text.");
	expect_md("", "1987.5 pct", "1987.5 pct");
	expect_md("", "-30-", "-30-");
	expect_md("", "#SRDdeal", "#SRDdeal");
	expect_md("", "+5 pct", "+5 pct");
	expect_md("", "=== no", "=== no");
	expect_md("", "~~ two", "~~ two");
	expect_md("", "`` two", "`` two");
	expect_md("", "|a|b|", "|a|b|");
	expect_md("# ", "Ends with # sign", "Ends with # sign");
	expect_md("# ", "Ends with#", "Ends with#");
}

/* What would change the structure or the characters is escaped. */
Test(escape, structure)
{
	expect_md("x ", "a *b* _c_ `f` \\*", "a \\*b\\* \\_c\\_ \\`f\\` \\\\\\*");
	expect_md("x ", "AT&T &amp; &#39; &#x41;", "AT&T \\&amp; \\&#39; \\&#x41;");
	expect_md("x ", "see [x](y) and ![i](j)", "see [x\\](y) and ![i\\](j)");
	expect_md("x ", "<SRD> <T> <The Jones Co> </p>",
	          "\\<SRD> \\<T> \\<The Jones Co> \\</p>");
	expect_md("x ", "<http://x.y/z> <a@b.co> <!-- c -->",
	          "\\<http://x.y/z> \\<a@b.co> \\<!-- c -->");
	expect_md("x ", "two ``code`` spans ``here``", "two \\`\\`code\\`\\` spans \\`\\`here\\`\\`");
	expect_md("x ", "one ``tick and `one", "one ``tick and `one");
	expect_md("x ", "one `tick and ``two", "one \\`tick and ``two");
	expect_md("x ", "ends with \\", "ends with \\\\");
	expect_md("x ", "ends with ]", "ends with \\]");
	expect_md("x ", "ends with *", "ends with \\*");
	expect_md("x ", "ends with <", "ends with \\<");
	expect_md("x ", "a**b** c__d__e", "a\\*\\*b\\*\\* c__d__e");
	expect_md("x ", "\"*quoted*\"", "\"\\*quoted\\*\"");
}

Test(escape, line_start)
{
	expect_md("", "1987. A year", "1987\\. A year");
	expect_md("\n", "3) three", "3\\) three");
	expect_md("", "# not a heading", "\\# not a heading");
	expect_md("", "###### six", "\\###### six");
	expect_md("", "####### seven", "####### seven");
	expect_md("", "> not a quote", "\\> not a quote");
	expect_md("", "- not a list", "\\- not a list");
	expect_md("", "+ not a list", "\\+ not a list");
	expect_md("", "* not a list", "\\* not a list");
	expect_md("", "- - -", "\\- - -");
	expect_md("", "___", "\\_\\_\\_");
	expect_md("", "~~~ fence", "\\~~~ fence");
	expect_md("", "```fence", "\\`\\`\\`fence");
	expect_md("", "<div class=x>", "\\<div class=x>");
	expect_md("", "[x]: /url", "\\[x]: /url");
	expect_md("", "    code", "&#32;   code");
	expect_md("", "\tcode", "&#9;code");
	expect_md("para\n", "===", "\\===");
	expect_md("para\n", "--", "\\--");
	expect_md("para\n\n", "===", "===");
}

/* Next to the template's emphasis and heading marks. */
Test(escape, delimiters)
{
	expect_md("*", " By X ", "&#32;By X&#32;");
	expect_md("**", "LONDON", "LONDON");
	expect_md("# ", " lead", "&#32;lead");
	expect_md("# ", "trail ", "trail&#32;");
	expect_md("# ", "the end #", "the end \\#");
	expect_md("# ", "###", "\\###");
	expect_md("**D.C.**", "abc", "&#97;bc");
	expect_md("**D.C.**", ", March 3", ", March 3");
	expect_md("(**", "Reuters", "Reuters");
	expect_md("x &amp", "; y", "\\; y");
	expect_md("x ", "tab\t", "tab&#9;");
}

static void expect_yaml(void (*fn)(wm_buf *, const char *), const char *in,
                        const char *want)
{
	wm_buf b = WM_BUF_INIT;
	fn(&b, in);
	cr_expect_str_eq(wm_buf_cstr(&b), want, "YAML of \"%s\": got %s, want %s",
	                 in, wm_buf_cstr(&b), want);
	wm_buf_free(&b);
}

Test(escape, yaml)
{
	expect_yaml(wm_yaml_value, "1987-02-26", "1987-02-26");
	expect_yaml(wm_yaml_value, "1987-02-2x", "\"1987-02-2x\"");
	expect_yaml(wm_yaml_value, "a: \"b\" \\ c", "\"a: \\\"b\\\" \\\\ c\"");
	expect_yaml(wm_yaml_value, "x\x7fy\xc2\x85z\xe2\x80\xa8", "\"x\\u007Fy\\u0085z\\u2028\"");
	expect_yaml(wm_yaml_key, "title", "title");
	expect_yaml(wm_yaml_key, "yes", "\"yes\"");
	expect_yaml(wm_yaml_key, "No", "\"No\"");
	expect_yaml(wm_yaml_key, "-x", "\"-x\"");
	expect_yaml(wm_yaml_key, "2024", "\"2024\"");
	expect_yaml(wm_yaml_key, "a.b-c_d", "a.b-c_d");
}

/* ---- cmark's tree against wiremark's ------------------------------------- */

typedef struct walk {
	cmark_node *n; /* the next top-level block */
	char why[WHY];
} walk;

WM_PRINTF(2, 3)
static int fail(walk *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->why, sizeof w->why, fmt, ap);
	va_end(ap);
	return 0;
}

/* The text of n's inline children, when they are text and soft breaks
 * only (a soft break reads as a space), and with lines hard line breaks
 * ("\n"); NULL otherwise. */
static char *plain_lines(cmark_node *n, int lines)
{
	wm_buf b = WM_BUF_INIT;
	wm_buf_put(&b, "", 0);
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT) {
			wm_buf_puts(&b, cmark_node_get_literal(c));
		} else if (t == CMARK_NODE_SOFTBREAK) {
			wm_buf_putc(&b, ' ');
		} else if (t == CMARK_NODE_LINEBREAK && lines) {
			wm_buf_putc(&b, '\n');
		} else {
			wm_buf_free(&b);
			return NULL;
		}
	}
	return wm_buf_detach(&b, NULL);
}

static char *plain_text(cmark_node *n)
{
	return plain_lines(n, 0);
}

static int same_lines(walk *w, cmark_node *n, const char *want,
                      const char *what, int lines)
{
	char *got = plain_lines(n, lines);
	int ok = got && strcmp(got, want) == 0;
	if (!ok)
		fail(w, "%s: cmark reads %s%s%s, want \"%s\"", what, got ? "\"" : "",
		     got ? got : "markup that is not plain text", got ? "\"" : "", want);
	free(got);
	return ok;
}

static int same_text(walk *w, cmark_node *n, const char *want, const char *what)
{
	return same_lines(w, n, want, what, 0);
}

static cmark_node *next_block(walk *w, cmark_node_type type, const char *what)
{
	cmark_node *n = w->n;
	if (!n || cmark_node_get_type(n) != type) {
		fail(w, "%s: cmark reads %s at line %d", what,
		     n ? cmark_node_get_type_string(n) : "the end",
		     n ? cmark_node_get_start_line(n) : 0);
		return NULL;
	}
	w->n = cmark_node_next(n);
	return n;
}

static int heading(walk *w, int level, const char *want, const char *what)
{
	cmark_node *n = next_block(w, CMARK_NODE_HEADING, what);
	if (!n)
		return 0;
	if (cmark_node_get_heading_level(n) != level)
		return fail(w, "%s: a level-%d heading", what,
		            cmark_node_get_heading_level(n));
	return same_text(w, n, want, what);
}

/* A paragraph all in emphasis; with lines, its lines split by hard line
 * breaks (the byline's). */
static int emphasised(walk *w, const char *want, const char *what, int lines)
{
	cmark_node *n = next_block(w, CMARK_NODE_PARAGRAPH, what);
	if (!n)
		return 0;
	cmark_node *e = cmark_node_first_child(n);
	if (!e || e != cmark_node_last_child(n) ||
	    cmark_node_get_type(e) != CMARK_NODE_EMPH)
		return fail(w, "%s: not a paragraph all in emphasis", what);
	return same_lines(w, e, want, what, lines);
}

/* Where the data's dateline parts put the part in bold (the place, else
 * the agency): the same search, in the same order. */
static const char *bold_part(const wm_dateline *d, size_t *at)
{
	const char *want[] = {d->place, d->region, d->date, d->agency};
	const char *bold = d->place ? d->place : d->agency;
	size_t from = 0;
	for (size_t k = 0; k < 4; k++) {
		const char *hit = want[k] ? strstr(d->text + from, want[k]) : NULL;
		if (!hit)
			continue;
		if (want[k] == bold) {
			*at = (size_t)(hit - d->text);
			return bold;
		}
		from = (size_t)(hit - d->text) + strlen(want[k]);
	}
	return NULL;
}

/* The paragraph that starts with the dateline (rest: the paragraph's own
 * text, NULL when the dateline stands alone). */
static int dateline_paragraph(walk *w, const wm_dateline *d, const char *rest)
{
	cmark_node *n = next_block(w, CMARK_NODE_PARAGRAPH, "dateline");
	if (!n)
		return 0;
	wm_buf want = WM_BUF_INIT, got = WM_BUF_INIT;
	wm_buf_printf(&want, "%s%s%s", d->text, rest ? " " : "", rest ? rest : "");
	size_t at = 0, got_at = 0, nbold = 0;
	const char *bold = bold_part(d, &at);
	int ok = 1;
	for (cmark_node *c = cmark_node_first_child(n); c && ok; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT) {
			wm_buf_puts(&got, cmark_node_get_literal(c));
		} else if (t == CMARK_NODE_SOFTBREAK) {
			wm_buf_putc(&got, ' ');
		} else if (t == CMARK_NODE_STRONG && nbold++ == 0) {
			char *s = plain_text(c);
			got_at = got.len;
			ok = s && bold && strcmp(s, bold) == 0;
			if (s)
				wm_buf_puts(&got, s);
			free(s);
		} else {
			ok = 0;
		}
	}
	if (!ok || nbold != (bold ? 1 : 0) || (bold && got_at != at) ||
	    strcmp(wm_buf_cstr(&got), wm_buf_cstr(&want)) != 0)
		ok = fail(w, "dateline paragraph: cmark reads \"%s\" (%zu in bold at "
		          "%zu), want \"%s\" with \"%s\" in bold at %zu",
		          wm_buf_cstr(&got), nbold, got_at, wm_buf_cstr(&want),
		          bold ? bold : "(nothing)", at);
	wm_buf_free(&want);
	wm_buf_free(&got);
	return ok;
}

static int body_block(walk *w, const wm_article *a, size_t i)
{
	const wm_block *b = &a->blocks[i];
	if (b->type == WM_BLOCK_PARAGRAPH) {
		if (i == 0 && a->dateline)
			return dateline_paragraph(w, a->dateline, b->text);
		cmark_node *n = next_block(w, CMARK_NODE_PARAGRAPH, "paragraph");
		return n && same_text(w, n, b->text, "paragraph");
	}
	cmark_node *n = next_block(w, CMARK_NODE_CODE_BLOCK, "table");
	if (!n)
		return 0;
	const char *lit = cmark_node_get_literal(n);
	size_t len = strlen(b->text);
	if (strncmp(lit, b->text, len) != 0 || strcmp(lit + len, "\n") != 0)
		return fail(w, "table: cmark reads \"%s\", want \"%s\"", lit, b->text);
	return 1;
}

static int article_blocks(walk *w, const wm_article *a)
{
	if (!heading(w, 1, a->headline, "headline"))
		return 0;
	if (a->deck && !heading(w, 2, a->deck, "deck"))
		return 0;
	if (a->byline && !emphasised(w, a->byline, "byline", 1))
		return 0;
	int alone = a->dateline && (a->nblocks == 0 ||
	                            a->blocks[0].type != WM_BLOCK_PARAGRAPH);
	if (alone && !dateline_paragraph(w, a->dateline, NULL))
		return 0;
	for (size_t i = 0; i < a->nblocks; i++)
		if (!body_block(w, a, i))
			return 0;
	return !a->trailer || emphasised(w, a->trailer, "trailer", 0);
}

/* Past YAML front matter ("---" ... "---"), if md starts with one. */
static const char *after_front_matter(const char *md)
{
	if (strncmp(md, "---\n", 4) != 0)
		return md;
	const char *end = strstr(md + 3, "\n---\n");
	return end ? end + 5 : md;
}

/* Whether cmark reads md as exactly the articles of feed; why, if not. */
static int reads_as(const wm_feed *feed, const char *md, char *why)
{
	const char *body = after_front_matter(md);
	cmark_node *doc = cmark_parse_document(body, strlen(body), CMARK_OPT_DEFAULT);
	walk w = {cmark_node_first_child(doc), ""};
	int ok = 1;
	for (size_t k = 0; k < feed->count && ok; k++) {
		if (k && !next_block(&w, CMARK_NODE_THEMATIC_BREAK, "article break"))
			ok = 0;
		else
			ok = article_blocks(&w, feed->articles[k]);
	}
	if (ok && w.n)
		ok = fail(&w, "cmark reads a %s more, at line %d",
		          cmark_node_get_type_string(w.n), cmark_node_get_start_line(w.n));
	cmark_node_free(doc);
	snprintf(why, WHY, "%s", w.why);
	return ok;
}

static char *markdown_of(wm_context *ctx, const wm_feed *feed, unsigned flags,
                         unsigned columns)
{
	char *out = NULL;
	wm_context_set_columns(ctx, columns);
	int rc = wm_write(ctx, feed, WM_FORMAT_MARKDOWN, flags, &out, NULL);
	wm_context_set_columns(ctx, 0);
	cr_assert_eq(rc, WM_OK, "wm_write markdown failed");
	return out;
}

/* Whether line l[0..n) could have been broken at a space within columns
 * (a single space after a letter, digit or punctuation but a backslash,
 * before a letter, and not after marks alone, which would read as a
 * thematic break). */
static int breakable(const char *l, size_t n, unsigned columns)
{
	size_t cps = 0, marks = strspn(l, "-*_= \t");
	for (size_t i = marks; i < n; i++) {
		if (((unsigned char)l[i] & 0xC0) == 0x80)
			continue;
		if (l[i] == ' ' && i > 0 && i + 1 < n && cps <= columns &&
		    (unsigned char)l[i - 1] > ' ' && (unsigned char)l[i - 1] < 0x7f &&
		    l[i - 1] != '\\' &&
		    ((l[i + 1] >= 'a' && l[i + 1] <= 'z') ||
		     (l[i + 1] >= 'A' && l[i + 1] <= 'Z')))
			return 1;
		cps++;
	}
	return 0;
}

static size_t code_points(const char *l, size_t n)
{
	size_t cps = 0;
	for (size_t i = 0; i < n; i++)
		cps += ((unsigned char)l[i] & 0xC0) != 0x80;
	return cps;
}

/* The lines of paragraphs hold at most columns characters, unless no space
 * before that width allowed a break. */
static int wrapped_within(const char *md, unsigned columns, char *why)
{
	const char *body = after_front_matter(md);
	cmark_node *doc = cmark_parse_document(body, strlen(body), CMARK_OPT_DEFAULT);
	int ok = 1;
	for (cmark_node *p = cmark_node_first_child(doc); p && ok; p = cmark_node_next(p)) {
		if (cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
			continue;
		const char *l = body;
		for (int k = 1; k < cmark_node_get_start_line(p); k++)
			l = strchr(l, '\n') + 1;
		for (int k = cmark_node_get_start_line(p);
		     k <= cmark_node_get_end_line(p) && ok; k++) {
			size_t n = strcspn(l, "\n");
			if (code_points(l, n) > columns && breakable(l, n, columns)) {
				snprintf(why, WHY, "line longer than %u: \"%.*s\"", columns,
				         (int)n, l);
				ok = 0;
			}
			l += n + 1;
		}
	}
	cmark_node_free(doc);
	return ok;
}

/* ---- articles compared --------------------------------------------------- */

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int same_dateline(const wm_dateline *a, const wm_dateline *b)
{
	if (!a || !b)
		return !a && !b;
	return same_str(a->text, b->text) && same_str(a->place, b->place) &&
	       same_str(a->region, b->region) && same_str(a->date, b->date) &&
	       same_str(a->iso_date, b->iso_date) && same_str(a->agency, b->agency) &&
	       same_str(a->dash, b->dash);
}

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

/* Whether b (read back) is a, its content; why, if not. */
static int same_article(const wm_article *a, const wm_article *b, char *why)
{
	const struct {
		const char *what, *was, *is;
	} f[] = {{"headline", a->headline, b->headline},
	         {"deck", a->deck, b->deck},
	         {"byline", a->byline, b->byline},
	         {"trailer", a->trailer, b->trailer}};
	for (size_t k = 0; k < sizeof f / sizeof *f; k++)
		if (!same_str(f[k].was, f[k].is)) {
			snprintf(why, WHY, "%s \"%s\" read back as \"%s\"", f[k].what,
			         or_none(f[k].was), or_none(f[k].is));
			return 0;
		}
	if (!same_dateline(a->dateline, b->dateline)) {
		snprintf(why, WHY, "dateline \"%s\" read back as \"%s\"",
		         or_none(a->dateline ? a->dateline->text : NULL),
		         or_none(b->dateline ? b->dateline->text : NULL));
		return 0;
	}
	if (a->nblocks != b->nblocks) {
		snprintf(why, WHY, "%zu blocks read back as %zu", a->nblocks, b->nblocks);
		return 0;
	}
	for (size_t i = 0; i < a->nblocks; i++)
		if (a->blocks[i].type != b->blocks[i].type ||
		    strcmp(a->blocks[i].text, b->blocks[i].text) != 0) {
			snprintf(why, WHY, "block %zu: \"%s\" read back as \"%s\"", i,
			         a->blocks[i].text, b->blocks[i].text);
			return 0;
		}
	return 1;
}

/* Reads md back and compares; with front matter (standalone) the first
 * article's source, line and slug must come back too. */
static int reads_back(wm_context *ctx, const wm_feed *feed, const char *md,
                      int standalone, char *why)
{
	test_diags d;
	wm_context *quiet = test_context(&d);
	if (ctx)
		wm_context_set_date(quiet, "2026-11-28");
	wm_feed *back = wm_read(quiet, WM_FORMAT_MARKDOWN, md, strlen(md), "back.md", 0);
	int ok = back != NULL && d.count == 0;
	if (!ok)
		snprintf(why, WHY, "read back with %u messages, the last: %s", d.count, d.last);
	const char *msg;
	if (ok && wm_feed_check(back, &msg) != WM_OK)
		ok = 0, snprintf(why, WHY, "read back breaks %s", msg);
	if (ok && back->count != feed->count)
		ok = 0, snprintf(why, WHY, "%zu articles read back, want %zu", back->count,
		                 feed->count);
	for (size_t k = 0; ok && k < feed->count; k++)
		ok = same_article(feed->articles[k], back->articles[k], why);
	if (ok && standalone) {
		const wm_article *a = feed->articles[0], *b = back->articles[0];
		if (!same_str(a->source, b->source) || a->line != b->line ||
		    !same_str(a->slug, b->slug))
			ok = 0, snprintf(why, WHY, "source, line or slug not carried");
	}
	wm_feed_free(back);
	wm_context_free(quiet);
	return ok;
}

/* ---- over files ---------------------------------------------------------- */

typedef struct tally {
	size_t files, articles, structure_bad, wrap_bad, back_bad;
} tally;

/* Every check on one input file. */
static void check_file(const char *path, const char *shown, tally *t)
{
	size_t len;
	char *bytes = test_slurp(path, &len);
	cr_assert_not_null(bytes, "cannot read %s", path);
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_context_set_date(ctx, "2026-11-28");
	wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, bytes, len, shown, 0);
	cr_assert_not_null(feed, "%s: not read", shown);
	t->files++;
	t->articles += feed->count;
	static const unsigned widths[] = {0, 72, 30};
	char why[WHY];
	for (size_t k = 0; k < 3; k++) {
		for (unsigned flags = 0; flags <= WM_WRITE_STANDALONE; flags++) {
			char *md = markdown_of(ctx, feed, flags, widths[k]);
			int ok = reads_as(feed, md, why);
			if (!ok && t->structure_bad++ < 5)
				cr_log_error("%s (columns %u, flags %u): %s", shown, widths[k],
				             flags, why);
			if (widths[k] && !wrapped_within(md, widths[k], why) &&
			    t->wrap_bad++ < 5)
				cr_log_error("%s: %s", shown, why);
			if (!reads_back(ctx, feed, md, flags != 0, why) && t->back_bad++ < 5)
				cr_log_error("%s read back (columns %u, flags %u): %s", shown,
				             widths[k], flags, why);
			free(md);
		}
	}
	wm_feed_free(feed);
	wm_context_free(ctx);
	free(bytes);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Checks every .txt file of dir; returns how many. */
static size_t check_dir(const char *dir, const char *shown_dir, tally *t)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t n = 0, cap = 64;
	char **names = malloc(cap * sizeof *names);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
			continue;
		if (n == cap)
			names = realloc(names, (cap *= 2) * sizeof *names);
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		char path[4096], shown[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		snprintf(shown, sizeof shown, "%s/%s", shown_dir, names[i]);
		check_file(path, shown, t);
		free(names[i]);
	}
	free(names);
	return n;
}

static void report(const char *what, const tally *t)
{
	cr_log_info("%s: %zu files, %zu articles, each written 6 ways (columns "
	            "0, 72, 30; with and without front matter): %zu structure or "
	            "text mismatches (cmark), %zu overlong lines, %zu round-trip "
	            "mismatches", what, t->files, t->articles, t->structure_bad,
	            t->wrap_bad, t->back_bad);
	printf("markdown %s: %zu files, %zu articles: %zu structure/text "
	       "mismatches, %zu overlong lines, %zu round-trip mismatches\n", what,
	       t->files, t->articles, t->structure_bad, t->wrap_bad, t->back_bad);
	cr_expect_eq(t->structure_bad, 0, "%s: cmark reads another tree", what);
	cr_expect_eq(t->wrap_bad, 0, "%s: lines longer than the width", what);
	cr_expect_eq(t->back_bad, 0, "%s: the Markdown reader gives another tree",
	             what);
}

Test(structure, samples)
{
	tally t = {0};
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/samples", test_source_root());
	cr_assert_geq(check_dir(dir, "samples", &t), 10, "samples/ is missing");
	report("samples", &t);
}

Test(structure, corpora)
{
	const char *shared = test_shared_dir();
	if (!shared)
		cr_skip_test("../shared is absent: no seed article, no dev corpora");
	tally t = {0};
	char path[4096];
	snprintf(path, sizeof path, "%s/samples/000_13d9be2aa1a7efac.txt", shared);
	check_file(path, "seed", &t);
	static const char *const corpora[] = {"reuters-dev", "bbc-dev"};
	for (size_t k = 0; k < 2; k++) {
		snprintf(path, sizeof path, "%s/corpora/%s", shared, corpora[k]);
		cr_expect_gt(check_dir(path, corpora[k], &t), 100, "%s: too few files",
		             corpora[k]);
	}
	report("seed and dev corpora", &t);
}

/* ---- random articles ----------------------------------------------------- */

/* Pieces of text that mean something to Markdown somewhere. */
static const char *const pieces[] = {
	"*", "**", "***", "_", "__", "`", "``", "```", "~", "~~~", "<", ">",
	"<a>", "<SRD>", "</p>", "<div", "<!--", "-->", "<?", "<http://x.y/z>",
	"<a@b.co>", "&amp;", "&#32;", "&#x41;", "&", ";", "&T", "#", "##", "# ",
	"\\", "\\\\", "[", "]", "](", "[x]:", "[x]", "(y)", "!", "1.", "1987.",
	"3)", "-", "--", "---", "+", "=", "==", "|", " ", "  ", "\t", "\xc2\xa0",
	"\xc3\xa9", "\xe2\x80\x94", "\xe2\x80\x9c", "\xe2\x82\xac", "x", "word",
	"Word", "1987", ".", ",", "(", ")", ":", "\"", "'", "a_b", "2 * 3",
	"\x1b", "\x7f", "http://x.y", "$", "^", "{", "}", "@", "\xe3\x80\x80",
	"\xef\xbb\xbf", "\f",
};
#define NPIECES (sizeof pieces / sizeof *pieces)

static unsigned long long rng_state = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

/* Whether random text may hold control characters (the decoder drops them,
 * so the round trip through a reader cannot keep them). */
static int with_controls = 1;

static const char *random_piece(void)
{
	for (;;) {
		const char *p = pieces[rnd(NPIECES)];
		if (with_controls || !(p[0] == '\x1b' || p[0] == '\x7f'))
			return p;
	}
}

/* A random line of 1 to max pieces; trim: no space or tab at its ends. */
static char *random_line(unsigned max, int trim)
{
	wm_buf b = WM_BUF_INIT;
	do {
		unsigned n = 1 + rnd(max);
		for (unsigned i = 0; i < n; i++)
			wm_buf_puts(&b, rnd(3) ? random_piece() : "word ");
		char *s = b.ptr;
		size_t e = b.len, s0 = 0;
		while (trim && s0 < e && (s[s0] == ' ' || s[s0] == '\t'))
			s0++;
		while (trim && e > s0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		memmove(b.ptr, b.ptr + s0, e - s0);
		wm_buf_truncate(&b, e - s0);
	} while (b.len == 0);
	return wm_buf_detach(&b, NULL);
}

static char *random_lines(void)
{
	wm_buf b = WM_BUF_INIT;
	unsigned n = 1 + rnd(4);
	for (unsigned i = 0; i < n; i++) {
		if (i)
			wm_buf_putc(&b, '\n');
		if (rnd(4)) {
			char *line = random_line(6, 0);
			wm_buf_puts(&b, line);
			free(line);
		}
	}
	while (b.len && b.ptr[b.len - 1] == '\n')
		wm_buf_truncate(&b, b.len - 1);
	if (b.len == 0)
		wm_buf_puts(&b, "x");
	return wm_buf_detach(&b, NULL);
}

static const char *const dashes[] = {"-", "--", "\xe2\x80\x93", "\xe2\x80\x94", "_"};

/* A dateline of random parts (tree rule 4 holds; no grammar). */
static wm_dateline *random_dateline(wm_article *a)
{
	wm_dateline *d = wm_dateline_new(&a->arena);
	d->dash = wm_article_strdup(a, dashes[rnd(5)]);
	wm_buf t = WM_BUF_INIT;
	if (rnd(4)) {
		d->place = wm_article_take(a, random_line(3, 0));
		wm_buf_puts(&t, d->place);
		wm_buf_puts(&t, rnd(2) ? ", " : " ");
	}
	if (!d->place || rnd(2)) {
		d->agency = wm_article_take(a, random_line(2, 0));
		wm_buf_printf(&t, "(%s) ", d->agency);
	}
	wm_buf_puts(&t, d->dash);
	d->text = wm_article_take(a, wm_buf_detach(&t, NULL));
	return d;
}

/* A real dateline, as the grammar reads it before a paragraph. */
static wm_dateline *grammar_dateline(wm_context *ctx, wm_article *a)
{
	static const char *const texts[] = {
		"LONDON, March 26 -", "WASHINGTON (AP) _", "(Reuters) -",
		"PORTLAND, Ore., Feb 26 -", "BEIJING, March 31 (Xinhua) --",
		"NEW YORK  (Reuters) -", "SURFERS PARADISE, Australia, March 23 -",
		"MOSCOW \xe2\x80\x93", "BUDAPEST, April 7, Reuter -",
	};
	const char *t = texts[rnd(sizeof texts / sizeof *texts)];
	char s[256];
	snprintf(s, sizeof s, "%s Officials said on Monday that the plan would "
	         "go ahead as agreed.", t);
	wm_dateline *d = NULL;
	wm_dateline_parse(ctx, s, strlen(s), &a->arena, &d);
	cr_assert_not_null(d, "the grammar reads no dateline in \"%s\"", s);
	return d;
}

static wm_article *random_article(wm_context *ctx, int for_reader)
{
	wm_article *a = wm_article_new();
	a->headline = wm_article_take(a, random_line(8, 0));
	a->source = wm_article_strdup(a, "random");
	a->line = 1;
	if (!rnd(3))
		a->deck = wm_article_take(a, random_line(6, 0));
	if (!rnd(3)) {
		char *s = random_line(5, 0);
		wm_buf b = WM_BUF_INIT;
		wm_buf_printf(&b, "%s%s", for_reader ? "By " : "", s);
		free(s);
		for (unsigned k = rnd(3); k > 0; k--) { /* lines under it */
			s = random_line(4, 0);
			wm_buf_printf(&b, "\n%s", s);
			free(s);
		}
		a->byline = wm_article_take(a, wm_buf_detach(&b, NULL));
	}
	unsigned n = rnd(5);
	for (unsigned i = 0; i < n; i++) {
		int pre = !rnd(4);
		wm_article_push_block(a, pre ? WM_BLOCK_PREFORMATTED : WM_BLOCK_PARAGRAPH,
		                      wm_article_take(a, pre ? random_lines()
		                                             : random_line(12, 1)),
		                      1);
	}
	if (!rnd(2))
		a->dateline = for_reader ? grammar_dateline(ctx, a)
		                         : random_dateline(a);
	if (!rnd(2)) {
		a->trailer = wm_article_take(a, random_line(4, 0));
		if (for_reader && (a->trailer[0] == 'B' || a->trailer[0] == 'b'))
			a->trailer[0] = 'x'; /* never read as a byline */
	}
	return a;
}

static void random_articles(int for_reader, size_t rounds)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_context_set_date(ctx, "2026-11-28");
	with_controls = !for_reader;
	size_t bad = 0, back_bad = 0, wrap_bad = 0;
	char why[WHY];
	for (size_t r = 0; r < rounds; r++) {
		wm_feed *feed = wm_feed_new();
		unsigned n = 1 + (rnd(4) == 0);
		for (unsigned k = 0; k < n; k++)
			wm_feed_push(feed, random_article(ctx, for_reader));
		const char *msg;
		cr_assert_eq(wm_feed_check(feed, &msg), WM_OK, "random tree: %s", msg);
		unsigned columns = rnd(3) ? 0 : 1 + rnd(60);
		unsigned flags = rnd(2) ? WM_WRITE_STANDALONE : 0;
		char *md = markdown_of(ctx, feed, flags, columns);
		if (!reads_as(feed, md, why) && bad++ < 5)
			cr_log_error("random article %zu (columns %u):\n%s\n%s", r, columns,
			             md, why);
		if (columns && !wrapped_within(md, columns, why) && wrap_bad++ < 5)
			cr_log_error("random article %zu: %s", r, why);
		if (for_reader && !reads_back(ctx, feed, md, 0, why) && back_bad++ < 5)
			cr_log_error("random article %zu read back:\n%s\n%s", r, md, why);
		free(md);
		wm_feed_free(feed);
	}
	wm_context_free(ctx);
	printf("markdown random articles (%s): %zu: %zu structure/text mismatches, "
	       "%zu overlong lines, %zu round-trip mismatches\n",
	       for_reader ? "real datelines" : "random datelines", rounds, bad,
	       wrap_bad, back_bad);
	cr_expect_eq(bad, 0, "random articles: cmark reads another tree");
	cr_expect_eq(wrap_bad, 0, "random articles: lines longer than the width");
	cr_expect_eq(back_bad, 0, "random articles: the reader gives another tree");
}

/* WM_MD_ROUNDS=N runs N articles (default 20000), WM_MD_SEED=S starts
 * the generator elsewhere: for longer searches by hand. */
static size_t rounds(void)
{
	const char *seed = getenv("WM_MD_SEED"), *n = getenv("WM_MD_ROUNDS");
	if (seed && strtoull(seed, NULL, 10))
		rng_state = strtoull(seed, NULL, 10);
	return n && strtoul(n, NULL, 10) ? strtoul(n, NULL, 10) : 20000;
}

Test(structure, random_articles)
{
	random_articles(0, rounds());
}

Test(structure, random_articles_read_back)
{
	random_articles(1, rounds());
}

/* ---- the reader ---------------------------------------------------------- */

static wm_feed *read_md(wm_context *ctx, const char *md)
{
	wm_feed *f = wm_read(ctx, WM_FORMAT_MARKDOWN, md, strlen(md), "note.md", 0);
	if (f) {
		const char *msg;
		cr_assert_eq(wm_feed_check(f, &msg), WM_OK, "tree rule broken: %s", msg);
	}
	return f;
}

Test(reader, article)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_md(ctx,
		"---\n"
		"title: \"ignored: the heading counts\"\n"
		"date: 1987-02-26\n"
		"source: 'wire/x.txt'\n"
		"line: 3\n"
		"slug: \"BC-X\\u00e9\"\n"
		"tags:\n  - a\n"
		"---\n"
		"\n"
		"# OREGON \\*SAWMILL\\*\n\n## The deck\n\n*By Jane Doe*\n\n"
		"**PORTLAND**, Ore., Feb 26 - Cascade Ridge said\nit would reopen.\n\n"
		"```\nShr 34 cts vs 1.19 dlrs\n  Net 1.2 mln\n```\n\n"
		"Second.\n\n*Reuter*\n");
	cr_assert_not_null(f);
	cr_expect_eq(d.count, 0, "%u messages: %s", d.count, d.last);
	const wm_article *a = f->articles[0];
	cr_expect_str_eq(a->headline, "OREGON *SAWMILL*");
	cr_expect_str_eq(a->deck, "The deck");
	cr_expect_str_eq(a->byline, "By Jane Doe");
	cr_assert_not_null(a->dateline);
	cr_expect_str_eq(a->dateline->text, "PORTLAND, Ore., Feb 26 -");
	cr_expect_str_eq(a->dateline->place, "PORTLAND");
	cr_expect_str_eq(a->dateline->iso_date, "1987-02-26",
	                 "the front matter's date resolves the dateline's");
	cr_assert_eq(a->nblocks, 3);
	cr_expect_str_eq(a->blocks[0].text, "Cascade Ridge said it would reopen.");
	cr_expect_eq(a->blocks[1].type, WM_BLOCK_PREFORMATTED);
	cr_expect_str_eq(a->blocks[1].text, "Shr 34 cts vs 1.19 dlrs\n  Net 1.2 mln");
	cr_expect_str_eq(a->trailer, "Reuter");
	cr_expect_str_eq(a->source, "wire/x.txt");
	cr_expect_eq(a->line, 3);
	cr_expect_str_eq(a->slug, "BC-X\xc3\xa9");
	wm_feed_free(f);
	wm_context_free(ctx);
}

Test(reader, feed_and_alone_dateline)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_md(ctx, "# One\n\n(**Reuters**) -\n\n    table\n\n* * *\n\n"
	                          "# Two\n\n*Reuter*\n");
	cr_assert_not_null(f);
	cr_expect_eq(d.count, 0, "%s", d.last);
	cr_assert_eq(f->count, 2);
	cr_assert_not_null(f->articles[0]->dateline);
	cr_expect_str_eq(f->articles[0]->dateline->agency, "Reuters");
	cr_expect_eq(f->articles[0]->nblocks, 1);
	cr_expect_str_eq(f->articles[0]->blocks[0].text, "table");
	cr_expect_null(f->articles[1]->byline, "a last \"Reuter\" is a trailer");
	cr_expect_str_eq(f->articles[1]->trailer, "Reuter");
	cr_expect_eq(f->articles[1]->line, 9);
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* A dateline needs its place in bold: a paragraph that only looks like
 * one stays a paragraph. */
Test(reader, dateline_needs_bold)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_md(ctx, "# H\n\nLONDON, March 3 - Text of the paragraph.\n");
	cr_assert_not_null(f);
	cr_expect_null(f->articles[0]->dateline);
	cr_expect_str_eq(f->articles[0]->blocks[0].text,
	                 "LONDON, March 3 - Text of the paragraph.");
	wm_feed_free(f);
	wm_context_free(ctx);
}

static void expect_kept(const char *md, const char *want_text, unsigned line,
                        unsigned col, const char *want_msg)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_md(ctx, md);
	cr_assert_not_null(f, "%s: not read", md);
	const wm_article *a = f->articles[0];
	cr_assert_geq(a->nblocks, 1, "%s: nothing kept", md);
	cr_expect_str_eq(a->blocks[a->nblocks - 1].text, want_text, "%s", md);
	cr_expect_geq(d.count, 1, "%s: no warning", md);
	cr_expect_eq(d.last_code, WM_DIAG_NOT_READ);
	cr_expect_eq(d.last_line, line, "%s: warning at line %u, want %u", md,
	             d.last_line, line);
	cr_expect_eq(d.last_col, col, "%s: warning at column %u, want %u", md,
	             d.last_col, col);
	cr_expect(strstr(d.last, want_msg) != NULL, "%s: warning \"%s\"", md, d.last);
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* What the tree has no node for is kept as text, with a warning that
 * names its line and column. */
Test(reader, kept_as_text)
{
	expect_kept("# H\n\nSee [the site](http://x.y) now.\n",
	            "See the site (http://x.y) now.", 3, 5, "link");
	expect_kept("# H\n\nSome *emphasis* here.\n", "Some emphasis here.", 3, 6,
	            "emphasis");
	/* cmark 0.30 places a code span at its text, past the backtick */
	expect_kept("# H\n\nA `code` span.\n", "A code span.", 3, 4, "code span");
	expect_kept("# H\n\nRaw <b>HTML</b>.\n", "Raw <b>HTML</b>.", 3, 12, "raw HTML");
	expect_kept("# H\n\nText.\n\n- one\n- two\n", "- two", 5, 1, "list");
	expect_kept("# H\n\nText.\n\n3. three\n4. four\n", "4. four", 5, 1, "list");
	expect_kept("# H\n\n> quoted\n", "quoted", 3, 1, "block quote");
	expect_kept("# H\n\nText.\n\n### Small\n", "Small", 5, 1, "level-3 heading");
	expect_kept("# H\n\n<div>\nblock\n</div>\n", "<div>\nblock\n</div>", 3, 1,
	            "raw HTML");
	expect_kept("# H\n\n![a chart](c.png)\n", "a chart (c.png)", 3, 1, "image");
}

Test(reader, errors)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	cr_expect_null(read_md(ctx, "\n\n   \n"));
	cr_expect_eq(d.last_code, WM_DIAG_NO_HEADLINE);
	cr_expect_eq(d.errors, 1);
	wm_feed *f = read_md(ctx, "Text before any heading.\n\nMore.\n");
	cr_assert_not_null(f);
	cr_expect_str_eq(f->articles[0]->headline, "Text before any heading.");
	cr_expect_eq(d.last_line, 1);
	wm_feed_free(f);
	f = read_md(ctx, "---\n# H\n\ntext\n");
	cr_assert_not_null(f, "an unclosed front matter is Markdown");
	cr_expect(strstr(d.last, "not closed") != NULL, "%s", d.last);
	wm_feed_free(f);
	f = read_md(ctx, "---\nsource: \"bad\\q\"\n---\n# H\n");
	cr_assert_not_null(f);
	cr_expect_eq(d.last_line, 2);
	cr_expect_str_eq(f->articles[0]->source, "note.md");
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* ---- a byline over several lines ----------------------------------------- */

Test(byline, lines_are_one_emphasis_over_hard_breaks)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = test_read(ctx, "Ferry Fares Rise\n\nBy Olu Adebayo\n"
	                            "Business Correspondent\n\n"
	                            "LAGOS (Reuters) - Fares rose on Monday.\n");
	cr_assert_not_null(f);
	char *md = markdown_of(ctx, f, WM_WRITE_STANDALONE, 0);
	cr_expect_not_null(strstr(md, "\nbyline: \"By Olu Adebayo\\nBusiness Correspondent\"\n"),
	                   "%s", md);
	cr_expect_not_null(strstr(md, "\n\n*By Olu Adebayo\\\nBusiness Correspondent*\n\n"),
	                   "%s", md);
	wm_feed *back = read_md(ctx, md);
	cr_assert_not_null(back);
	cr_expect_str_eq(back->articles[0]->byline, "By Olu Adebayo\nBusiness Correspondent");
	cr_expect_eq(d.count, 0, "%u messages: %s", d.count, d.last);
	free(md);
	wm_feed_free(back);
	wm_feed_free(f);
	wm_context_free(ctx);
}

/* Lines that would start a block, or that end in spaces, come back. */
Test(byline, awkward_lines_come_back)
{
	static const char *const bylines[] = {
		"By Ana Ruiz\n- Staff\n# 2 Desk", "By Ana Ruiz \n  Staff *x*",
		"By Ana Ruiz\\\n1987. Desk\\", "By Ana Ruiz\n---", "By Ana Ruiz\n> Desk",
		"Ana Ruiz\n```", NULL};
	for (const char *const *b = bylines; *b; b++) {
		test_diags d;
		wm_context *ctx = test_context(&d);
		wm_feed *f = wm_feed_new();
		wm_article *a = wm_article_new();
		a->headline = wm_article_strdup(a, "Ferry Fares Rise");
		a->byline = wm_article_strdup(a, *b);
		wm_article_push_block(a, WM_BLOCK_PARAGRAPH,
		                      wm_article_strdup(a, "Fares rose."), 1);
		wm_feed_push(f, a);
		cr_assert_eq(wm_feed_check(f, NULL), WM_OK);
		char *md = markdown_of(ctx, f, 0, *b == bylines[0] ? 8 : 0);
		wm_feed *back = read_md(ctx, md);
		cr_assert_not_null(back);
		cr_expect_str_eq(back->articles[0]->byline, *b, "%s", md);
		cr_expect_eq(back->articles[0]->nblocks, 1, "%s", md);
		free(md);
		wm_feed_free(back);
		wm_feed_free(f);
		wm_context_free(ctx);
	}
}

Test(byline, soft_breaks_are_spaces_and_trailers_stay_one_line)
{
	test_diags d;
	wm_context *ctx = test_context(&d);
	wm_feed *f = read_md(ctx, "# Head\n\n*By Ana\nRuiz\\\n\\\nStaff*\n\nText.\n\n"
	                          "*Reuter\\\nLagos*\n");
	cr_assert_not_null(f);
	/* a soft break is a space; an empty line between hard breaks goes */
	cr_expect_str_eq(f->articles[0]->byline, "By Ana Ruiz\nStaff");
	cr_expect_str_eq(f->articles[0]->trailer, "Reuter Lagos");
	cr_expect_eq(d.count, 1, "the trailer's hard break only: %s", d.last);
	wm_feed_free(f);
	wm_context_free(ctx);
}
