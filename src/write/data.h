/* Turning the tree into the data templates render.
 *
 * The data is the article's JSON form (DESIGN.md) plus derived values that
 * templates need; docs/templates.md documents every key.  Top level:
 *
 *   articles   list of articles (JSON form + derived, below)
 *   is_feed    true when there is more than one article
 *   title      the first article's headline
 *   lead       the first article (its data, as in articles), for a page's
 *              head: templates go through articles only once, so that a
 *              feed can be written as it is read
 *   idno       a stable identifier: "wm-" and 16 hex digits of a hash
 *              (FNV-1a) of the first article's source and headline (for a
 *              feed, of "feed" and those: not the first article's idno)
 *   lang       meta.lang when it has the shape of a language tag, else "en"
 *   lang_given true when meta.lang was given and used
 *   rtl        true when lang is written right to left (ar, fa, ur, he,
 *              ...); absent otherwise
 *   meta       the -M keys
 *   web        (HTML) the -M URLs the HTML head uses, each only when safe:
 *              canonical (meta.url, http/https), css (meta.css, http/https
 *              or relative), image (meta.image, http/https)
 *   wiremark   {version}
 *   front_matter  (Markdown) Markdown's YAML front matter: a list of {key, yaml_key,
 *              yaml} (the key, and the key and value as YAML writes them)
 *              from the first article and the -M keys (docs/markdown.md)
 *   iptc       (NITF, NewsML-G2) {body_nitf, sent}: whether -M body=nitf
 *              asks for NITF inside NewsML-G2, and a newsMessage's time
 *
 * Each article: headline, deck, byline, dateline, body, trailer, meta (as in
 * the JSON form; meta also holds the -M keys) and derived:
 *   author     the byline without its "By "
 *   json       the article's JSON form, serialised on one line
 *   index      1-based position in the feed; first: true for the first
 *   idno       a stable identifier: "wm-" and 16 hex digits of a hash
 *              (FNV-1a) of the article's source and headline
 *   dateline.parts   the dateline text cut into pieces that together give it
 *                    back exactly: {text, is_place|is_region|is_date|
 *                    is_agency|is_dash|is_other} (is_dash: the dash, the
 *                    last one in the text)
 *   dateline_alone   true when the body does not start with a paragraph (the
 *                    dateline then stands on its own)
 *   body[i]    type, text and is_paragraph, is_preformatted, first, n (the
 *              paragraph number, 1-based, for ids), fence (for Markdown:
 *              a backtick fence longer than any run in the text), lines
 *              (preformatted only: each line as {text}, for TEI rows)
 *   description  (HTML) the first paragraph (else deck, else headline), cut at a
 *                word to at most 160 characters with "…"
 *   word_count   (HTML) words in the body (runs of text holding a letter or digit)
 *   jsonld       (HTML) schema.org NewsArticle as JSON, escaped to stand inside a
 *                <script> as it is: insert it with {{{jsonld}}}
 *   version_created  (NITF, NewsML-G2) the item's versionCreated,
 *                YYYY-MM-DDThh:mm:ssZ: the reference date, else the
 *                dateline's date, else the time now (write/iptc/data.c)
 *   author_parts (NITF, NewsML-G2) the byline's first line cut into pieces
 *                that give it back, each {text, is_person}
 *
 * The values marked (HTML), (Markdown) and (NITF, NewsML-G2) are those
 * formats' own: their data hooks (write/html/data.c, write/markdown/data.c,
 * write/iptc/data.c) add them, for their
 * built-in templates and for templates of one's own (which may use any
 * value), not for the other formats' built-in templates.
 */
#ifndef WM_WRITE_DATA_H
#define WM_WRITE_DATA_H

#include "../context/context.h"
#include "../template/value.h"
#include "../tree/tree.h"
#include "../util/hash.h"

/* Adding key literals to maps known not to hold them yet (most of the data
 * is built in fresh maps): no search for the key, no strlen. */
#define ADD(map, key, val) wm_value_map_add((map), "" key, sizeof(key) - 1, (val))
#define ADD_STR(map, key, s) ADD(map, key, wm_value_cstr(s))

struct wm_view_hooks;

/* A format's own data: what its writer registers (write.c) so that only
 * its values are seen by its templates.  Each may be NULL. */
typedef struct wm_data_hooks {
	/* adds to the top level, from the first article */
	void (*top)(const wm_context *ctx, wm_value *top, const wm_article *lead);
	/* an article's own values, read from the tree (view.h) */
	const struct wm_view_hooks *view;
	/* warns about -M values the format leaves out */
	void (*check_meta)(wm_context *ctx);
} wm_data_hooks;

extern const wm_data_hooks wm_html_data;
extern const wm_data_hooks wm_markdown_data;
extern const wm_data_hooks wm_iptc_data;

/* The value of -M key, or NULL. */
const char *wm_data_meta(const wm_context *ctx, const char *key);

/* The longest key that names an attribute (data-wire-KEY): HTML sets no
 * limit, but parsers do (libxml2's HTML parser reads names of up to 100
 * bytes), and no agency's field name comes near it. */
#define WM_PLAIN_KEY_MAX 64

/* Whether key can name an attribute or a TEI idno type: [a-z0-9_]+, at most
 * WM_PLAIN_KEY_MAX bytes. */
int wm_data_plain_key(const char *key);

/* A stable identifier: "wm-" and 16 hex digits of FNV-1a, from basis on,
 * over a's source ("-" when none) and headline, each with its NUL. */
void wm_data_idno(char out[19], uint64_t basis, const wm_article *a);

/* The data's top level, lead and articles aside (view.c gives those), for
 * a feed whose first article is lead (is_feed: more articles follow it);
 * hooks: the formats' own data to add (NULL-terminated; NULL: none). */
wm_value *wm_data_top(const wm_context *ctx, const wm_article *lead,
                      int is_feed, const wm_data_hooks *const *hooks);

/* Warns about -M values the data leaves out: a lang that is not a language
 * tag (any format), and what the format's own hooks say (own: the hooks
 * of the format written; for HTML, url and image that are not http(s)
 * URLs and a css that is neither that nor relative). */
void wm_data_check_meta(wm_context *ctx, const wm_data_hooks *own);

#endif
