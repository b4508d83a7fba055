/* wm_read: decoding, then the reader of the format. */
#include <stdlib.h>

#include "decode.h"
#include "html.h"
#include "json.h"
#include "markdown.h"
#include "tei.h"
#include "wire.h"

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
	/* XML: libxml2 reads the bytes and their declared encoding itself */
	if (format == WM_FORMAT_TEI)
		return wm_read_tei(ctx, bytes, len, source);
	size_t n;
	char *text = wm_decode(ctx, bytes, len, source, options, &n);
	if (!text)
		return NULL;
	wm_feed *feed = read_text(ctx, format, text, n, source);
	free(text);
	return feed;
}
