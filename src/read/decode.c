#include "decode.h"

#include <string.h>

#include "../util/utf8.h"

/* Finds the first invalid UTF-8 sequence; returns its offset or len. */
static size_t first_invalid(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = wm_utf8_seq(s + i, len - i, NULL);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

/* Line and column (in characters) of byte offset off. */
static void locate(const unsigned char *s, size_t off, unsigned *line,
                   unsigned *col)
{
	unsigned l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n'))) {
			l++;
			c = 1;
		} else if ((s[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

typedef struct control_count {
	unsigned nul;
	unsigned other;
} control_count;

#define MAX_CONTROL_REPORTS 10

static const char *control_name(uint32_t c)
{
	static const char *const c0[32] = {
		"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT",
		"LF", "VT", "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3",
		"DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS",
		"RS", "US"};
	if (c < 32)
		return c0[c];
	return c == 0x7F ? "DEL" : "C1 control";
}

/* Reports a control character dropped from the text: the first ones each
 * with its place, then a count. */
static void note_control(wm_context *ctx, const char *source,
                         control_count *cc, uint32_t c, unsigned line,
                         unsigned col)
{
	if (c == 0) {
		if (cc->nul++ == 0)
			wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_NUL_BYTE, source,
			          line, col, "NUL byte dropped");
		return;
	}
	if (cc->other++ < MAX_CONTROL_REPORTS)
		wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_CONTROL_CHAR, source,
		          line, col, "control character U+%04X (%s) dropped",
		          (unsigned)c, control_name(c));
	else if (cc->other == MAX_CONTROL_REPORTS + 1)
		wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_CONTROL_CHAR, source,
		          line, col, "further control characters dropped, not "
		          "reported one by one");
}

/* Control characters kept in the text: TAB and LF, and the framing of
 * feeds (form feed; SOH, STX, ETX, EOT of IPTC 7901 and ANPA-1312), which
 * the wire reader splits articles at. */
static int kept_control(unsigned char c)
{
	return c == '\t' || c == '\n' || c == '\f' || (c >= 0x01 && c <= 0x04);
}

char *wm_decode(wm_context *ctx, const char *bytes, size_t len,
                const char *source, unsigned options, size_t *outlen)
{
	const unsigned char *s = (const unsigned char *)bytes;
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
	                 (s[0] == 0xFE && s[1] == 0xFF))) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_INVALID_UTF8, source, 1, 1,
		          "input is UTF-16; convert it to UTF-8 first "
		          "(iconv -f UTF-16 -t UTF-8)");
		return NULL;
	}
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		s += 3;
		len -= 3;
	}
	size_t bad = first_invalid(s, len);
	int cp1252 = bad < len;
	if (cp1252) {
		unsigned line, col;
		locate(s, bad, &line, &col);
		if (options & WM_READ_STRICT_UTF8) {
			wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_INVALID_UTF8, source,
			          line, col, "invalid UTF-8 (byte 0x%02X)", s[bad]);
			return NULL;
		}
		wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_INVALID_UTF8, source,
		          line, col,
		          "invalid UTF-8 (byte 0x%02X); reading the input as Windows-1252",
		          s[bad]);
	}

	wm_buf out = WM_BUF_INIT;
	wm_buf_grow(&out, len + len / 8);
	control_count cc = {0, 0};
	/* with LF line ends, a CR on its own is a stray, not a line end */
	int lf_ends = memchr(s, '\n', len) != NULL;
	unsigned line = 1, col = 1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		if (c == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;
		if (c == '\n' || (c == '\r' && !lf_ends)) {
			wm_buf_putc(&out, '\n');
			line++;
			col = 1;
			continue;
		}
		if ((c < 0x20 && !kept_control(c)) || c == 0x7F) {
			note_control(ctx, source, &cc, c, line, col);
			col++;
			continue;
		}
		if (cp1252 && c >= 0x80) {
			wm_utf8_put(&out, wm_cp1252_to_ucs(c));
			col++;
			continue;
		}
		if (c == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F) {
			/* U+0080-U+009F, the C1 controls, in UTF-8 */
			note_control(ctx, source, &cc, s[i + 1], line, col);
			i++;
			col++;
			continue;
		}
		wm_buf_putc(&out, (char)c);
		if ((c & 0xC0) != 0x80)
			col++;
	}
	if (cc.nul > 1)
		wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_NUL_BYTE, source, 0, 0,
		          "%u NUL bytes dropped in all", cc.nul);
	if (cc.other > MAX_CONTROL_REPORTS)
		wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_CONTROL_CHAR, source, 0, 0,
		          "%u control characters dropped in all", cc.other);
	return wm_buf_detach(&out, outlen);
}
