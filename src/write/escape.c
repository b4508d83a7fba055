#include "escape.h"

#include <string.h>

#include "../util/json.h"
#include "../util/scan.h"
#include "../util/utf8.h"

/* ---- HTML and XML -------------------------------------------------------- */

/* What each ASCII byte becomes in HTML/XML: NULL = itself, "" = left out. */
static const char *const markup_ascii[128] = {
	[0x00] = "", [0x01] = "", [0x02] = "", [0x03] = "", [0x04] = "",
	[0x05] = "", [0x06] = "", [0x07] = "", [0x08] = "", [0x0B] = "",
	[0x0C] = "", [0x0E] = "", [0x0F] = "", [0x10] = "", [0x11] = "",
	[0x12] = "", [0x13] = "", [0x14] = "", [0x15] = "", [0x16] = "",
	[0x17] = "", [0x18] = "", [0x19] = "", [0x1A] = "", [0x1B] = "",
	[0x1C] = "", [0x1D] = "", [0x1E] = "", [0x1F] = "", [0x7F] = "",
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
	['\''] = "&#39;",
};

/* The bytes escape_markup stops at: those markup_ascii changes, and every
 * byte of 0x80 or more (the character is looked at). */
static const unsigned char markup_stop[256] = {
	[0x00] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1,
	[0x10] = WM_STOP16,
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1, [0x7F] = 1,
	[0x80] = WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16,
};

/* A filter for markup_stop: what is below ' ' or at 0x80 and above (one
 * signed compare), and the five characters and DEL. */
WM_SCAN16(scan_markup, ((wm_m16)v < 0x20) | (v == '&') | (v == '<') |
                       (v == '>') | (v == '"') | (v == '\'') | (v == 0x7F))

static void escape_markup(wm_buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	wm_buf_grow(out, len);
	while ((i = scan_markup(s, i, len, markup_stop)) < len) {
		unsigned char c = p[i];
		if (c < 0x80) {
			if (!markup_ascii[c]) { /* a guard: the tables agree */
				i++;
				continue;
			}
			wm_buf_put(out, s + run, i - run);
			wm_buf_puts(out, markup_ascii[c]);
			run = ++i;
			continue;
		}
		size_t at = i;
		uint32_t cp = wm_utf8_next(s, len, &i);
		int drop = (cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE ||
		           cp == 0xFFFF || (cp == 0xFFFD && i - at == 1);
		if (drop) {
			wm_buf_put(out, s + run, at - run);
			run = i;
		}
	}
	wm_buf_put(out, s + run, len - run);
}

void wm_escape_html(wm_buf *out, const char *s, size_t len, void *ctx)
{
	(void)ctx;
	escape_markup(out, s, len);
}

void wm_escape_xml(wm_buf *out, const char *s, size_t len, void *ctx)
{
	(void)ctx;
	escape_markup(out, s, len);
}

/* ---- JSON ---------------------------------------------------------------- */

void wm_escape_json(wm_buf *out, const char *s, size_t len, void *ctx)
{
	(void)ctx;
	wm_json_escape(out, s, len, 0);
}
