/* YAML for Markdown's front matter: keys bare when they read as strings,
 * values bare when they are dates, else double-quoted with every character
 * that YAML 1.1 or 1.2 could misread escaped. */
#include <stdint.h>
#include <string.h>

#include "../../tree/calendar.h"
#include "../../util/utf8.h"
#include "../escape.h"

static int yaml_plain_key(const char *s)
{
	static const char *const words[] = {"y", "n", "yes", "no", "on", "off",
	                                    "true", "false", "null"};
	if (!(wm_ascii_alpha(s[0]) || s[0] == '_'))
		return 0;
	for (const char *p = s; *p; p++)
		if (!wm_ascii_alnum(*p) && !strchr("_.-", *p))
			return 0;
	for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
		size_t i = 0;
		while (words[k][i] && (s[i] | 0x20) == words[k][i])
			i++;
		if (!words[k][i] && !s[i])
			return 0;
	}
	return 1;
}

static void yaml_quoted(wm_buf *out, const char *s)
{
	size_t len = strlen(s);
	wm_buf_putc(out, '"');
	for (size_t i = 0; i < len;) {
		size_t at = i;
		uint32_t cp = wm_utf8_next(s, len, &i);
		if (cp == '"' || cp == '\\') {
			wm_buf_putc(out, '\\');
			wm_buf_putc(out, (char)cp);
		} else if (cp == '\n') {
			wm_buf_puts(out, "\\n");
		} else if (cp == '\t') {
			wm_buf_puts(out, "\\t");
		} else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 ||
		           cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE ||
		           cp == 0xFFFF) {
			wm_buf_printf(out, "\\u%04lX", (unsigned long)cp);
		} else {
			wm_buf_put(out, s + at, i - at);
		}
	}
	wm_buf_putc(out, '"');
}

void wm_yaml_key(wm_buf *out, const char *s)
{
	if (yaml_plain_key(s))
		wm_buf_puts(out, s);
	else
		yaml_quoted(out, s);
}

void wm_yaml_value(wm_buf *out, const char *s)
{
	if (wm_iso_date_shape(s) && s[10] == '\0')
		wm_buf_puts(out, s);
	else
		yaml_quoted(out, s);
}
