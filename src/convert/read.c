/* wm_read: decoding, then the reader of the format. */
#include <stdlib.h>

#include "../read/decode.h"
#include "../read/json.h"
#include "../read/markdown.h"
#include "../read/wire.h"
#include "../read/xml/html.h"
#include "../read/xml/newsml.h"
#include "../read/xml/nitf.h"
#include "../read/xml/tei.h"

/* The reader of the format, on decoded text. */
static wm_feed *read_text(wm_context *ctx, wm_format format, const char *text,
                          size_t n, const char *source)
{
	switch (format) {
	case WM_FORMAT_JSON:
		return wm_read_json(ctx, text, n, source);
	case WM_FORMAT_HTML:
		return wm_read_html(ctx, text, n, source);
	case WM_FORMAT_MARKDOWN:
		return wm_read_markdown(ctx, text, n, source);
	default:
		return wm_read_wire(ctx, text, n, source);
	}
}

/* The feed, or NULL (and an error) when it has more articles than the
 * articles limit: nothing of it is kept, not its first articles, so that
 * a limit never silently shortens an output. */
static wm_feed *too_many(wm_context *ctx, wm_feed *feed, const char *source)
{
	size_t max = wm_context_limit(ctx, WM_LIMIT_ARTICLES);
	if (!feed || wm_feed_count(feed) <= max)
		return feed;
	unsigned line = wm_article_line(wm_feed_article(feed, max));
	wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_LIMIT, source, line,
	          line ? 1 : 0, "more than %zu articles (the articles limit): "
	          "nothing read", max);
	wm_feed_free(feed);
	return NULL;
}

wm_feed *wm_read(wm_context *ctx, wm_format format, const char *bytes,
                 size_t len, const char *source, unsigned options)
{
	if (!source)
		source = "-";
	if (!wm_format_can_read(format)) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_BAD_OPTION, source, 0, 0,
		          "cannot read format %s", wm_format_name(format) ?
		          wm_format_name(format) : "(unknown)");
		return NULL;
	}
	if (wm_check_input_limits(ctx, bytes, len, source) != 0)
		return NULL;
	/* binary data is no text (XML: libxml2 reads UTF-16 and such itself) */
	if (format != WM_FORMAT_TEI &&
	    wm_refuse_binary(ctx, bytes, len, source, wm_format_name(format)))
		return NULL;
	wm_feed *feed;
	/* XML: libxml2 reads the bytes and their declared encoding itself */
	if (format == WM_FORMAT_TEI) {
		feed = wm_read_tei(ctx, bytes, len, source);
	} else if (format == WM_FORMAT_NITF) {
		feed = wm_read_nitf(ctx, bytes, len, source);
	} else if (format == WM_FORMAT_NEWSML) {
		feed = wm_read_newsml(ctx, bytes, len, source);
	} else {
		size_t n;
		char *text = wm_decode(ctx, bytes, len, source, options, &n);
		if (!text)
			return NULL;
		feed = read_text(ctx, format, text, n, source);
		free(text);
	}
	return too_many(ctx, feed, source);
}
