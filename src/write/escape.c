#include "escape.h"

#include <string.h>

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

static void escape_markup(wm_buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	wm_buf_grow(out, len);
	while (i < len) {
		unsigned char c = p[i];
		if (c < 0x80) {
			if (!markup_ascii[c]) {
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

/* ---- Markdown ------------------------------------------------------------ */

static int at_line_start(const wm_buf *out)
{
	return out->len == 0 || out->ptr[out->len - 1] == '\n';
}

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Whether '&' at s[i] starts something CommonMark reads as an entity or a
 * numeric character reference. */
static int entity_like(const char *s, size_t len, size_t i)
{
	size_t j = i + 1;
	if (j < len && s[j] == '#')
		j++;
	size_t b = j;
	while (j < len && j - b < 32 && is_alnum(s[j]))
		j++;
	return j > b && j < len && s[j] == ';';
}

/* Escapes what would start a block at the start of a line: returns how
 * many bytes of s it wrote. */
static size_t escape_line_start(wm_buf *out, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	char c = s[0];
	if (c == '#' || c == '>' || c == '-' || c == '+' || c == '=' ||
	    c == '|' || c == '~') {
		wm_buf_putc(out, '\\');
		wm_buf_putc(out, c);
		return 1;
	}
	/* "1987." or "3)" would start an ordered list */
	size_t d = 0;
	while (d < len && d < 10 && s[d] >= '0' && s[d] <= '9')
		d++;
	if (d > 0 && d < len && (s[d] == '.' || s[d] == ')')) {
		wm_buf_put(out, s, d);
		wm_buf_putc(out, '\\');
		wm_buf_putc(out, s[d]);
		return d + 1;
	}
	if (c == ' ' || c == '\t') {
		/* leading space would be dropped or make a code block */
		wm_buf_puts(out, c == ' ' ? "&#32;" : "&#9;");
		return 1;
	}
	return 0;
}

void wm_escape_markdown(wm_buf *out, const char *s, size_t len, void *ctx)
{
	(void)ctx;
	size_t i = at_line_start(out) ? escape_line_start(out, s, len) : 0;
	size_t run = i;
	for (; i < len; i++) {
		char c = s[i];
		int esc = c == '\\' || c == '`' || c == '*' || c == '_' ||
		          c == '[' || c == ']' || c == '<' ||
		          (c == '&' && entity_like(s, len, i)) ||
		          (c == '#' && i + 1 == len);
		if (c == '\n') {
			wm_buf_put(out, s + run, i + 1 - run);
			size_t k = escape_line_start(out, s + i + 1, len - i - 1);
			i += k;
			run = i + 1;
			continue;
		}
		if (!esc)
			continue;
		wm_buf_put(out, s + run, i - run);
		wm_buf_putc(out, '\\');
		wm_buf_putc(out, c);
		run = i + 1;
	}
	wm_buf_put(out, s + run, len - run);
}

/* ---- JSON ---------------------------------------------------------------- */

void wm_escape_json(wm_buf *out, const char *s, size_t len, void *ctx)
{
	(void)ctx;
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		char hex[8];
		if (c == '"')
			rep = "\\\"";
		else if (c == '\\')
			rep = "\\\\";
		else if (c == '\n')
			rep = "\\n";
		else if (c == '\t')
			rep = "\\t";
		else if (c == '\r')
			rep = "\\r";
		else if (c < 0x20) {
			static const char digits[] = "0123456789abcdef";
			memcpy(hex, "\\u00", 4);
			hex[4] = digits[c >> 4];
			hex[5] = digits[c & 15];
			hex[6] = '\0';
			rep = hex;
		} else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		           ((unsigned char)s[i + 2] == 0xA8 ||
		            (unsigned char)s[i + 2] == 0xA9)) {
			wm_buf_put(out, s + run, i - run);
			wm_buf_puts(out, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028"
			                                                 : "\\u2029");
			i += 2;
			run = i + 1;
			continue;
		}
		if (!rep)
			continue;
		wm_buf_put(out, s + run, i - run);
		wm_buf_puts(out, rep);
		run = i + 1;
	}
	wm_buf_put(out, s + run, len - run);
}
