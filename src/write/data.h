/* Turning the tree into the data templates render.
 *
 * The data is the article's JSON form (DESIGN.md) plus derived values that
 * templates need; docs/templates.md documents every key.  Top level:
 *
 *   articles   list of articles (JSON form + derived, below)
 *   is_feed    true when there is more than one article
 *   title      the first article's headline
 *   lang       meta.lang, else "en"
 *   meta       the -M keys
 *   wiremark   {version}
 *
 * Each article: headline, deck, byline, dateline, body, trailer, meta (as in
 * the JSON form; meta also holds the -M keys) and derived:
 *   author     the byline without its "By "
 *   json       the article's JSON form, serialised on one line
 *   index      1-based position in the feed; first: true for the first
 *   dateline.parts   the dateline text cut into pieces that together give it
 *                    back exactly: {text, is_place|is_region|is_date|
 *                    is_agency|is_other}
 *   dateline_alone   true when the body does not start with a paragraph (the
 *                    dateline then stands on its own)
 *   body[i]    type, text and is_paragraph, is_preformatted, first, n (the
 *              paragraph number, 1-based, for ids), fence (for Markdown:
 *              a backtick fence longer than any run in the text)
 */
#ifndef WM_WRITE_DATA_H
#define WM_WRITE_DATA_H

#include "../lib/context.h"
#include "../template/value.h"
#include "../tree/tree.h"

/* The article's JSON form alone (what -t json prints). */
wm_value *wm_article_json_form(const wm_context *ctx, const wm_article *a);

/* The whole data for a feed. */
wm_value *wm_feed_data(const wm_context *ctx, const wm_feed *feed);

#endif
