/* The HTML writer's own escaper: JSON (the JSON-LD of the page's head)
 * made safe to stand inside a script element.  HTML text and attributes
 * go through the markup escaper it shares with TEI (write/escape.c). */
#include <stdint.h>

#include "../../util/utf8.h"
#include "../escape.h"

/* ---- JSON inside an HTML script element ----------------------------------- */

static int script_unsafe(uint32_t cp)
{
	return cp == '<' || cp == '>' || cp == '&' || cp < 0x20 ||
	       (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

/* Appends "\\u" and u (below 0x10000) as four lower-case hex digits
 * (as printf's "%04x" would, without its cost). */
static void put_u4(wm_buf *out, uint32_t u)
{
	static const char hex[] = "0123456789abcdef";
	char b[6] = {'\\', 'u', hex[(u >> 12) & 15], hex[(u >> 8) & 15],
	             hex[(u >> 4) & 15], hex[u & 15]};
	wm_buf_put(out, b, sizeof b);
}

static void put_u_escape(wm_buf *out, uint32_t cp)
{
	if (cp >= 0x10000) {
		cp -= 0x10000;
		put_u4(out, 0xD800 + (cp >> 10));
		put_u4(out, 0xDC00 + (cp & 0x3FF));
		return;
	}
	put_u4(out, cp);
}

/* The bytes wm_escape_json_script stops at: the ASCII ones script_unsafe
 * names, and every byte of 0x80 or more (the character is looked at). */
static const unsigned char script_stop[256] = {
	[0x00] = WM_STOP16, WM_STOP16,
	['<'] = 1, ['>'] = 1, ['&'] = 1, [0x7F] = 1,
	[0x80] = WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16,
};

void wm_escape_json_script(wm_buf *out, const char *s, size_t len, void *ctx)
{
	(void)ctx;
	size_t i = 0, run = 0;
	wm_buf_grow(out, len);
	while ((i = wm_scan_to(s, i, len, script_stop)) < len) {
		size_t at = i;
		uint32_t cp = wm_utf8_next(s, len, &i);
		if (!script_unsafe(cp))
			continue;
		wm_buf_put(out, s + run, at - run);
		put_u_escape(out, cp);
		run = i;
	}
	wm_buf_put(out, s + run, len - run);
}
