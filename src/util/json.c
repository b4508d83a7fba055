#include "json.h"

#include "scan.h"

/* Whether p starts U+2028 or U+2029 (E2 80 A8, E2 80 A9). */
static int line_sep(const unsigned char *p, const unsigned char *end)
{
	return end - p >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	       (p[2] == 0xa8 || p[2] == 0xa9);
}

/* The bytes the escaper stops at: C0 controls, '"', '\\' and the first
 * byte of U+2028 and U+2029. */
static const unsigned char json_stop[256] = {
	[0x00] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x10] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1, [0xe2] = 1,
};

WM_SCAN16(scan_json, (v < 0x20) | (v == '"') | (v == '\\') | (v == 0xe2))

static void escape_one(wm_buf *out, const unsigned char *p, unsigned flags)
{
	static const char hex[] = "0123456789abcdef";
	int short_bf = (flags & WM_JSON_SHORT_BF) != 0;
	switch (*p) {
	case '"': wm_buf_puts(out, "\\\""); return;
	case '\\': wm_buf_puts(out, "\\\\"); return;
	case '\n': wm_buf_puts(out, "\\n"); return;
	case '\t': wm_buf_puts(out, "\\t"); return;
	case '\r': wm_buf_puts(out, "\\r"); return;
	case '\b': if (short_bf) { wm_buf_puts(out, "\\b"); return; } break;
	case '\f': if (short_bf) { wm_buf_puts(out, "\\f"); return; } break;
	case 0xe2: wm_buf_puts(out, p[2] == 0xa8 ? "\\u2028" : "\\u2029"); return;
	default: break;
	}
	char u[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
	wm_buf_put(out, u, sizeof u);
}

void wm_json_escape(wm_buf *out, const char *s, size_t len, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	size_t run = 0; /* runs of bytes that need no escape are copied whole */
	for (size_t i = 0; (i = scan_json(s, i, len, json_stop)) < len; i++) {
		if (p[i] == 0xe2 && !line_sep(p + i, end))
			continue;
		wm_buf_put(out, s + run, i - run);
		escape_one(out, p + i, flags);
		if (p[i] == 0xe2)
			i += 2;
		run = i + 1;
	}
	wm_buf_put(out, s + run, len - run);
}
