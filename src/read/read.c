/* wm_read: decoding, then the reader of the format. */
#include <stdlib.h>

#include "decode.h"
#include "wire.h"

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
	size_t n;
	char *text = wm_decode(ctx, bytes, len, source, options, &n);
	if (!text)
		return NULL;
	wm_feed *feed = wm_read_wire(ctx, text, n, source);
	free(text);
	return feed;
}
