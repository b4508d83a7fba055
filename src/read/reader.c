#include "reader.h"

#include "../util/dl.h"

wm_feed *wm_feed_or_none(wm_context *ctx, wm_feed *feed, const char *source,
                         const char *why)
{
	if (feed->count > 0)
		return feed;
	wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_NO_HEADLINE, source, 1, 1,
	          "no article: %s", why);
	wm_feed_free(feed);
	return NULL;
}

static wm_article *kept(wm_context *ctx, wm_article *a, const char *broken,
                        const char *source, unsigned line, unsigned col)
{
	if (!broken)
		return a;
	wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_NO_HEADLINE, source, line, col,
	          "article left out: %s", broken);
	wm_article_free(a);
	return NULL;
}

wm_article *wm_article_kept(wm_context *ctx, wm_article *a, const char *source,
                            unsigned line, unsigned col)
{
	return kept(ctx, a, wm_article_check(a), source, line, col);
}

wm_article *wm_article_kept_cut(wm_context *ctx, wm_article *a,
                                const char *source, unsigned line, unsigned col)
{
	return kept(ctx, a, wm_article_check_cut(a), source, line, col);
}

wm_feed *wm_feed_kept(wm_context *ctx, wm_feed *feed, const char *source)
{
	size_t n = 0;
	for (size_t i = 0; i < feed->count; i++) {
		wm_article *a = feed->articles[i];
		if ((a = wm_article_kept(ctx, a, source, a->line, 1)) != NULL)
			feed->articles[n++] = a;
	}
	feed->count = n;
	return feed;
}

int wm_library_load(wm_context *ctx, struct wm_dl_library *lib,
                    const char *name, const char *source, const char *need)
{
	if (wm_dl_load(lib))
		return 1;
	wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_LIBRARY, source, 0, 0,
	          "%s needs %s, which cannot be loaded (%s)", need, name,
	          lib->error);
	return 0;
}
