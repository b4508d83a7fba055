#include "tree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "../util/buf.h"
#include "../util/utf8.h"

static const char *const block_type_names[WM_BLOCK_MAX] = {
	[WM_BLOCK_PARAGRAPH] = "paragraph",
	[WM_BLOCK_PREFORMATTED] = "preformatted",
};

const char *wm_block_type_name(wm_block_type t)
{
	if ((unsigned)t >= WM_BLOCK_MAX)
		return NULL;
	return block_type_names[t];
}

wm_feed *wm_feed_new(void)
{
	return wm_xcalloc(1, sizeof(wm_feed));
}

void wm_feed_push(wm_feed *feed, wm_article *a)
{
	WM_GROW(feed->articles, feed->count, feed->cap, 4);
	feed->articles[feed->count++] = a;
}

void wm_feed_free(wm_feed *feed)
{
	if (!feed)
		return;
	for (size_t i = 0; i < feed->count; i++)
		wm_article_free(feed->articles[i]);
	free(feed->articles);
	free(feed);
}

void wm_feed_append(wm_feed *dst, wm_feed *src)
{
	if (!src)
		return;
	for (size_t i = 0; i < src->count; i++)
		wm_feed_push(dst, src->articles[i]);
	src->count = 0;
	wm_feed_free(src);
}

void wm_meta_pairs_free(wm_meta_pair *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].value);
	}
	free(v);
}

wm_article *wm_article_new_sized(size_t size)
{
	wm_article *a = wm_xcalloc(1, sizeof(wm_article));
	wm_arena_init(&a->arena, size);
	return a;
}

wm_article *wm_article_new_pooled(size_t size, wm_arena_pool *pool)
{
	wm_article *a = wm_article_new_sized(size);
	if (pool)
		wm_arena_adopt(&a->arena, pool);
	return a;
}

void wm_article_recycle(wm_article *a, wm_arena_pool *pool)
{
	if (a)
		wm_arena_recycle(&a->arena, pool);
	wm_article_free(a);
}

wm_article *wm_article_new(void)
{
	return wm_article_new_sized(0);
}

void wm_article_free(wm_article *a)
{
	if (!a)
		return;
	free(a->blocks);
	free(a->meta);
	wm_arena_release(&a->arena);
	free(a);
}

char *wm_article_strndup(wm_article *a, const char *s, size_t n)
{
	return wm_arena_strndup(&a->arena, s, n);
}

char *wm_article_strdup(wm_article *a, const char *s)
{
	return s ? wm_arena_strndup(&a->arena, s, strlen(s)) : NULL;
}

char *wm_article_take(wm_article *a, char *s)
{
	char *t = wm_article_strdup(a, s);
	free(s);
	return t;
}

void wm_article_set_meta(wm_article *a, const char *key, const char *value)
{
	/* the article's own fields (a->source, a->line), which the JSON form
	 * and the templates show as meta.source and meta.line: a value of
	 * another reader's (a front matter's wire.line, a TEI idno of type
	 * wire.line) would shadow them */
	if (strcmp(key, "source") == 0 || strcmp(key, "line") == 0)
		return;
	for (size_t i = 0; i < a->nmeta; i++)
		if (strcmp(a->meta[i].key, key) == 0) {
			a->meta[i].value = wm_article_strdup(a, value);
			return;
		}
	WM_GROW(a->meta, a->nmeta, a->cap_meta, 4);
	a->meta[a->nmeta].key = wm_article_strdup(a, key);
	a->meta[a->nmeta].value = wm_article_strdup(a, value);
	a->nmeta++;
}

void wm_article_push_block(wm_article *a, wm_block_type type, char *text,
                           unsigned line)
{
	WM_GROW(a->blocks, a->nblocks, a->cap_blocks, 8);
	a->blocks[a->nblocks].type = type;
	a->blocks[a->nblocks].text = text;
	a->blocks[a->nblocks].line = line;
	a->nblocks++;
}

wm_dateline *wm_dateline_new(wm_arena *arena)
{
	wm_dateline *d = wm_arena_alloc(arena, sizeof *d);
	memset(d, 0, sizeof *d);
	return d;
}

/* ---- accessors ---------------------------------------------------------- */

size_t wm_feed_count(const wm_feed *feed)
{
	return feed ? feed->count : 0;
}

const wm_article *wm_feed_article(const wm_feed *feed, size_t i)
{
	return feed && i < feed->count ? feed->articles[i] : NULL;
}

const char *wm_article_headline(const wm_article *a) { return a->headline; }
const char *wm_article_deck(const wm_article *a) { return a->deck; }
const char *wm_article_byline(const wm_article *a) { return a->byline; }
const wm_dateline *wm_article_dateline(const wm_article *a) { return a->dateline; }
const char *wm_article_trailer(const wm_article *a) { return a->trailer; }
const char *wm_article_slug(const wm_article *a) { return a->slug; }
const char *wm_article_source(const wm_article *a) { return a->source; }
unsigned wm_article_line(const wm_article *a) { return a->line; }
size_t wm_article_block_count(const wm_article *a) { return a->nblocks; }

const wm_block *wm_article_block(const wm_article *a, size_t i)
{
	return i < a->nblocks ? &a->blocks[i] : NULL;
}

wm_block_type wm_block_type_of(const wm_block *b) { return b->type; }
const char *wm_block_text(const wm_block *b) { return b->text; }
unsigned wm_block_line(const wm_block *b) { return b->line; }

const char *wm_dateline_text(const wm_dateline *d) { return d->text; }
const char *wm_dateline_place(const wm_dateline *d) { return d->place; }
const char *wm_dateline_region(const wm_dateline *d) { return d->region; }
const char *wm_dateline_date(const wm_dateline *d) { return d->date; }
const char *wm_dateline_iso_date(const wm_dateline *d) { return d->iso_date; }
const char *wm_dateline_agency(const wm_dateline *d) { return d->agency; }
const char *wm_dateline_dash(const wm_dateline *d) { return d->dash; }
unsigned wm_dateline_line(const wm_dateline *d) { return d->line; }

/* ---- rules -------------------------------------------------------------- */

/* What the rules ask of a string, found in one pass: its length, whether
 * it is valid UTF-8, and whether it holds a '\n' or a '\r'.  ASCII with
 * no control character, the bulk of the text, passes eight bytes at a
 * time. */
typedef struct text_facts {
	size_t len;
	int valid, lf, cr;
} text_facts;

static text_facts facts_of(const char *s)
{
	const uint64_t ones = 0x0101010101010101u, tops = 0x8080808080808080u;
	const unsigned char *p = (const unsigned char *)s;
	text_facts f = {strlen(s), 1, 0, 0};
	size_t i = 0, n = f.len;
	while (i < n) {
		uint64_t w;
		if (n - i >= 8) {
			memcpy(&w, p + i, 8);
			/* no byte below 0x0E, none from 0x80 */
			if (!(((w - ones * 0x0E) | w) & tops)) {
				i += 8;
				continue;
			}
		}
		if (p[i] < 0x80) {
			f.lf |= p[i] == '\n';
			f.cr |= p[i] == '\r';
			i++;
			continue;
		}
		size_t k = wm_utf8_seq(p + i, n - i, NULL);
		if (!k) {
			f.valid = 0;
			k = 1;
		}
		i += k;
	}
	return f;
}

static int good_line(const char *s, int may_be_null)
{
	if (!s)
		return may_be_null;
	text_facts f = facts_of(s);
	return f.len && !f.lf && !f.cr && f.valid;
}

int wm_good_lines(const char *s)
{
	text_facts f = facts_of(s);
	size_t n = f.len;
	if (n == 0 || s[0] == '\n' || s[n - 1] == '\n' || f.cr ||
	    (f.lf && strstr(s, "\n\n")))
		return 0;
	return f.valid;
}

int wm_dateline_anchored(const wm_dateline *d)
{
	return d->text && (!d->dash || strstr(d->text, d->dash)) &&
	       (d->place || d->agency);
}

static const char *check_dateline(const wm_dateline *d)
{
	if (!good_line(d->text, 0) || !good_line(d->dash, 1))
		return "rule 4: dateline text must be a non-empty line, its dash NULL "
		       "(a credit or a date ends it) or a non-empty line";
	if (d->dash && !strstr(d->text, d->dash))
		return "rule 4: dateline text must contain its dash";
	if (!d->place && !d->agency)
		return "rule 4: dateline needs a place or an agency";
	if (!good_line(d->place, 1) || !good_line(d->region, 1) ||
	    !good_line(d->date, 1) || !good_line(d->agency, 1))
		return "rule 4: dateline parts must be NULL or non-empty lines";
	if (d->iso_date && !wm_is_iso_date(d->iso_date))
		return "rule 4: iso_date must be a real date, YYYY-MM-DD";
	return NULL;
}

/* Rule 5 for block b, whose text is n bytes long, valid UTF-8 or not, with
 * a line break (LF or CR) or not. */
static const char *block_rule(const wm_block *b, size_t n, int valid,
                              int breaks)
{
	if ((unsigned)b->type >= WM_BLOCK_MAX)
		return "rule 5: unknown block type";
	if (!n || !valid)
		return "rule 5: block text must be non-empty UTF-8";
	if (b->type == WM_BLOCK_PARAGRAPH) {
		if (breaks)
			return "rule 5: paragraph text has a line break";
		if (b->text[0] == ' ' || b->text[n - 1] == ' ')
			return "rule 5: paragraph text has leading or trailing space";
	} else if (b->text[n - 1] == '\n') {
		return "rule 5: preformatted text ends with a newline";
	}
	return NULL;
}

static const char *check_block(const wm_block *b)
{
	text_facts f = {0, 0, 0, 0};
	if (b->text)
		f = facts_of(b->text);
	return block_rule(b, f.len, f.valid, f.lf || f.cr);
}

/* check_block for text cut from valid UTF-8 with no CR (see
 * wm_article_check_cut): only a paragraph is looked at for a line feed. */
static const char *check_cut_block(const wm_block *b)
{
	size_t n = b->text ? strlen(b->text) : 0;
	int breaks = n && b->type == WM_BLOCK_PARAGRAPH && memchr(b->text, '\n', n);
	return block_rule(b, n, 1, breaks);
}

/* Rules 2 to 4: all but the blocks. */
static const char *check_fields(const wm_article *a)
{
	const char *msg;
	if (!a->headline || !good_line(a->headline, 0))
		return "rule 2: headline must be a non-empty line";
	if (!good_line(a->deck, 1) || !good_line(a->trailer, 1) ||
	    !good_line(a->slug, 1))
		return "rule 3: deck, trailer, slug must be NULL or non-empty lines";
	if (a->byline && !wm_good_lines(a->byline))
		return "rule 3: byline must be NULL or non-empty lines joined by '\\n'";
	if (a->dateline && (msg = check_dateline(a->dateline)) != NULL)
		return msg;
	return NULL;
}

const char *wm_article_check(const wm_article *a)
{
	const char *msg = check_fields(a);
	for (size_t i = 0; !msg && i < a->nblocks; i++)
		msg = check_block(&a->blocks[i]);
	return msg;
}

const char *wm_article_check_cut(const wm_article *a)
{
	const char *msg = check_fields(a);
	for (size_t i = 0; !msg && i < a->nblocks; i++)
		msg = check_cut_block(&a->blocks[i]);
	return msg;
}

int wm_feed_check(const wm_feed *feed, const char **msg)
{
	const char *m = NULL;
	if (!feed || feed->count == 0)
		m = "rule 1: a feed holds at least one article";
	for (size_t i = 0; !m && i < feed->count; i++)
		m = wm_article_check(feed->articles[i]);
	if (msg)
		*msg = m;
	return m ? WM_ERR_INPUT : WM_OK;
}
