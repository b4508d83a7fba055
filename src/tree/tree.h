/* The document tree: format-neutral, owned by the library.
 *
 * Rules (checked by wm_feed_check, which every test calls):
 *  1. A feed holds at least one article.
 *  2. An article has a non-empty headline with no line break.
 *  3. deck, trailer and slug are NULL or non-empty, without line breaks.
 *     The byline is NULL or non-empty lines joined by '\n' (a byline sent
 *     over two lines, "By JANE DOE" then "Associated Press Writer", keeps
 *     its lines): no empty line, no '\r'.
 *  4. A dateline, when present, has a non-empty text and dash, and a place or
 *     an agency (or both); text contains the dash; iso_date, when present,
 *     is a real date written YYYY-MM-DD; place, region, date, agency have
 *     no line breaks.
 *  5. Body blocks have a known type and non-empty text; a paragraph's text
 *     has no line break and no leading or trailing space; a preformatted
 *     block's lines are joined with '\n' and it has no trailing newline.
 *  6. A dateline runs into the first block when that is a paragraph; when
 *     the body is empty or starts with a preformatted block, the writers
 *     give the dateline a line of its own ("dateline_alone" in the data).
 *  7. All strings are valid UTF-8 with no NUL byte.
 *  8. Line numbers are 1-based, or 0 where unknown.
 *
 * Memory: an article owns an arena (util/buf.h) that holds its strings
 * (headline, deck, byline, trailer, slug, source, the blocks' text, the
 * metadata) and its dateline with the dateline's strings; wm_article_free
 * gives it back in one go.  Every reader puts the tree's strings there
 * through wm_article_strndup, wm_article_strdup or wm_article_take, and
 * never frees one on its own (a string replaced stays in the arena until
 * the article goes).  The arrays of blocks and metadata grow with
 * realloc, outside the arena.
 */
#ifndef WM_TREE_TREE_H
#define WM_TREE_TREE_H

#include <stddef.h>

#include "wiremark.h"
#include "../util/buf.h"

struct wm_dateline {
	char *text;
	char *place;
	char *region;
	char *date;
	char *iso_date;
	char *agency;
	char *dash;
	unsigned line;
};

struct wm_block {
	wm_block_type type;
	char *text;
	unsigned line;
};

/* A metadata value: a non-empty key and its value, both UTF-8. */
typedef struct wm_meta_pair {
	char *key;
	char *value;
} wm_meta_pair;

struct wm_article {
	char *headline;
	char *deck;
	char *byline;
	wm_dateline *dateline;
	wm_block *blocks;
	size_t nblocks;
	size_t cap_blocks;
	char *trailer;
	char *slug;    /* the slug or transmission header before the headline */
	wm_meta_pair *meta; /* metadata that came with the article (read from
	                       the JSON form's meta, less source and line) */
	size_t nmeta, cap_meta;
	char *source;
	unsigned line;
	unsigned byline_line;
	unsigned trailer_line;
	wm_arena arena; /* holds the strings above and the dateline */
};

struct wm_feed {
	wm_article **articles;
	size_t count;
	size_t cap;
};

wm_feed *wm_feed_new(void);
/* Takes ownership of a. */
void wm_feed_push(wm_feed *feed, wm_article *a);

/* Frees n pairs and the array that holds them. */
void wm_meta_pairs_free(wm_meta_pair *v, size_t n);

wm_article *wm_article_new(void);
/* An article whose arena's first chunk holds about size bytes (a reader
 * that knows how much text the article has). */
wm_article *wm_article_new_sized(size_t size);
/* wm_article_new_sized, its arena's first chunk taken from pool when the
 * chunk there is large enough (wm_arena_adopt); pool may be NULL. */
wm_article *wm_article_new_pooled(size_t size, wm_arena_pool *pool);
void wm_article_free(wm_article *a);
/* wm_article_free, the arena's largest chunk handed to pool for the next
 * article (wm_arena_recycle); NULL a is nothing to do. */
void wm_article_recycle(wm_article *a, wm_arena_pool *pool);

/* A copy of s[0..n), NUL-terminated, in a's arena. */
char *wm_article_strndup(wm_article *a, const char *s, size_t n);
/* A copy of s in a's arena; NULL for NULL. */
char *wm_article_strdup(wm_article *a, const char *s);
/* A copy of s (malloc'd) in a's arena, and s freed; NULL for NULL: for
 * the strings a reader builds with a wm_buf or takes from a library. */
char *wm_article_take(wm_article *a, char *s);

/* Sets the article's metadata value for key (both copied), replacing an
 * earlier value of the same key in its place.  "source" and "line" are the
 * article's own fields (a->source, a->line), never metadata: they are left
 * out. */
void wm_article_set_meta(wm_article *a, const char *key, const char *value);
/* Appends a block; text is in a's arena. */
void wm_article_push_block(wm_article *a, wm_block_type type, char *text,
                           unsigned line);

/* A dateline with nothing in it, in arena (an article's: &a->arena);
 * it goes with the arena. */
wm_dateline *wm_dateline_new(wm_arena *arena);

/* Name of a block type ("paragraph", "preformatted"). */
const char *wm_block_type_name(wm_block_type t);

/* Whether s is non-empty lines joined by '\n' (rule 3's byline): no empty
 * line, no '\r', valid UTF-8.  The readers check a byline with it. */
int wm_good_lines(const char *s);

/* Rule 4's frame: d has a text, which holds its dash (if any), and a
 * place or an agency.  The readers of marked-up formats keep a dateline
 * they read only when it holds; wm_article_check checks it with the rest. */
int wm_dateline_anchored(const wm_dateline *d);

/* Checks one article against every rule of the tree; NULL when it keeps
 * them, else the rule broken.  The readers that take a tree from outside
 * (json, html, tei) call it on every article; wire and markdown build
 * theirs by construction (the seed tests check them with it). */
const char *wm_article_check(const wm_article *a);

/* wm_article_check for an article whose blocks are cut, at character
 * boundaries, from text that is valid UTF-8 with no CR (wm_decode's, as
 * the wire reader cuts them): the same rules, with the scan of the blocks
 * for bad UTF-8 and CRs left out, as their making keeps those rules
 * (tests/test_transmission.c checks the splitter's articles with
 * wm_article_check too).  Every other
 * string of the article is checked as wm_article_check checks it. */
const char *wm_article_check_cut(const wm_article *a);

#endif
