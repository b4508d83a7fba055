#include "reader.h"

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
