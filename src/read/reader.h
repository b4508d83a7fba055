/* What the readers share. */
#ifndef WM_READ_READER_H
#define WM_READ_READER_H

#include "../context/context.h"
#include "../tree/tree.h"

/* feed, or NULL when it holds no article: then an error "no article: "
 * and why, at line 1 of source, and feed freed. */
wm_feed *wm_feed_or_none(wm_context *ctx, wm_feed *feed, const char *source,
                         const char *why);

/* a when it keeps the tree's rules (wm_article_check, the one check
 * every reader calls); else NULL, with an error "article left out: " and
 * the rule broken at line, col of source, and a freed. */
wm_article *wm_article_kept(wm_context *ctx, wm_article *a, const char *source,
                            unsigned line, unsigned col);

/* wm_article_kept through wm_article_check_cut: for articles whose blocks
 * are cut from wm_decode's text (the wire reader's, read in parts). */
wm_article *wm_article_kept_cut(wm_context *ctx, wm_article *a,
                                const char *source, unsigned line,
                                unsigned col);

/* feed, less the articles that break the tree's rules (each said as
 * wm_article_kept says it, at the article's line). */
wm_feed *wm_feed_kept(wm_context *ctx, wm_feed *feed, const char *source);

struct wm_dl_library;

/* Opens lib (util/dl.h) on first use: 1 when it is there; else 0 and an
 * error of source's: "NEED needs NAME, which cannot be loaded (why)". */
int wm_library_load(wm_context *ctx, struct wm_dl_library *lib,
                    const char *name, const char *source, const char *need);

#endif
