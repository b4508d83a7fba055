/* Fuzz target: the template engine.  The input is a template, rendered
 * over a fixed article with each format's escaper; it must render or fail
 * with a located error, never crash, hang or leak. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wiremark.h"

static const char article[] =
	"HEADLINE <B> & {{x}}\n\nBy JANE DOE\n\n"
	"PORTLAND, Ore., Feb 26 - First {{#a}} paragraph.\n"
	"    Second paragraph.\n\n              1987      1986\n"
	"    Shr      1.10      0.90\n    Net     4,100     3,300\n\n Reuter\n";

static void silent(const wm_diag *d, void *u)
{
	(void)d;
	(void)u;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const wm_format formats[] = {WM_FORMAT_HTML, WM_FORMAT_TEI,
	                                    WM_FORMAT_JSON, WM_FORMAT_MARKDOWN};
	wm_context *ctx = wm_context_new();
	wm_context_set_diag(ctx, silent, NULL);
	wm_context_set_meta(ctx, "publisher", "P <&>");
	wm_feed *feed = wm_read(ctx, WM_FORMAT_WIRE, article, sizeof article - 1, "a", 0);
	if (!feed)
		abort();
	wm_format f = formats[size % 4];
	if (wm_context_set_template(ctx, f, (const char *)data, size, "fuzz", NULL) == WM_OK) {
		char *out = NULL;
		size_t len;
		int rc = wm_write(ctx, feed, f, 0, &out, &len);
		if ((rc == WM_OK) != (out != NULL))
			abort();
		free(out);
	}
	wm_feed_free(feed);
	wm_context_free(ctx);
	return 0;
}
