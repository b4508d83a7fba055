#include "decode.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../util/scan.h"
#include "../util/utf8.h"

/* Line and column (in characters) of byte offset off. */
static void locate(const unsigned char *s, size_t off, unsigned *line,
                   unsigned *col)
{
	unsigned l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\r') {
			/* as wm_decode reads them: CRs before LF are part of its line
			 * end, others end a line each */
			size_t j = i;
			while (j < off && s[j] == '\r')
				j++;
			if (j == off || s[j] != '\n') {
				l += (unsigned)(j - i);
				c = 1;
			}
			i = j - 1;
		} else if (s[i] == '\n') {
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

/* Where the decoder is: enough to give a line and column, which are only
 * worked out for the few characters that are reported. */
typedef struct position {
	const unsigned char *s;
	size_t line_start; /* offset of the current line's first byte */
	unsigned line;
	int cp1252;        /* every byte is a character */
	size_t lf_upto;    /* LFs before here are counted in line */
} position;

/* Counts the LFs before offset i into pos: the decoder does not stop at
 * LF (it copies runs across lines), so the line is worked out only where
 * it is needed (a CR, a control character reported). */
static void lines_to(position *pos, size_t i)
{
	const unsigned char *p = pos->s + pos->lf_upto, *e = pos->s + i;
	while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		pos->line++;
		p++;
		pos->line_start = (size_t)(p - pos->s);
	}
	if (pos->lf_upto < i)
		pos->lf_upto = i;
}

/* The column (in characters) of byte offset i on the current line.  No
 * line end lies before i on the line; a dropped control character counts
 * as one column, as does a C1 control's two bytes in UTF-8. */
static unsigned column_at(const position *pos, size_t i)
{
	unsigned col = 1;
	for (size_t k = pos->line_start; k < i; k++)
		if (pos->cp1252 || (pos->s[k] & 0xC0) != 0x80)
			col++;
	return col;
}

/* Reports a control character dropped from the text at byte offset i: the
 * first ones each with its place, then a count. */
static void note_control(wm_context *ctx, const char *source,
                         control_count *cc, uint32_t c, position *pos,
                         size_t i)
{
	lines_to(pos, i);
	if (c == 0) {
		if (cc->nul++ == 0)
			wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_NUL_BYTE, source,
			          pos->line, column_at(pos, i), "NUL byte dropped");
		return;
	}
	if (cc->other++ < MAX_CONTROL_REPORTS)
		wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_CONTROL_CHAR, source,
		          pos->line, column_at(pos, i),
		          "control character U+%04X (%s) dropped", (unsigned)c,
		          control_name(c));
	else if (cc->other == MAX_CONTROL_REPORTS + 1)
		wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_CONTROL_CHAR, source,
		          pos->line, column_at(pos, i), "further control characters "
		          "dropped, not reported one by one");
}

/* The bytes the decoder stops at: all but those copied as they are
 * (printable ASCII; the control characters kept in the text: TAB and LF,
 * and the framing of feeds (form feed; SOH, STX, ETX, EOT of IPTC 7901
 * and ANPA-1312), which the wire reader splits articles at; and in UTF-8 input the
 * bytes of multi-byte sequences but C2, which may start a C1 control; the
 * input is valid there); in Windows-1252 input every byte from 0x80. */
#define STOP_C0 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 0, 1, 1, 1, WM_STOP16
#define ZERO16 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
#define ASCII_STOPS STOP_C0, ZERO16, ZERO16, ZERO16, ZERO16, ZERO16, \
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1

static const unsigned char stop_utf8[256] = {
	ASCII_STOPS, ZERO16, ZERO16, ZERO16, ZERO16,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	ZERO16, ZERO16, ZERO16};

static const unsigned char stop_cp1252[256] = {
	ASCII_STOPS, WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16,
	WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16};

/* The first byte at or after i that stop[] marks, or len.  Printable
 * ASCII and LF, the bulk of wire copy, are passed sixteen bytes at a time
 * (scan.h): a block passes when no byte is a C0 control but LF, 0x7F or
 * from 0x80 (every byte a table marks is one of those); the bytes of
 * other blocks are looked up one by one. */
WM_SCAN16(scan_text, ((v < 0x20) & (v != '\n')) | (v >= 0x7F))

static size_t scan_stop(const unsigned char *s, size_t i, size_t len,
                        const unsigned char stop[256])
{
	return scan_text((const char *)s, i, len, stop);
}

/* The input's encoding: refuses UTF-16 (NULL), steps over a BOM (*len
 * shortened; both only at the start of the input, not WM_DECODE_INSIDE),
 * and sets *cp1252 when the input is not valid UTF-8 (NULL
 * when it must be). */
static const unsigned char *encoding_of(wm_context *ctx, const char *bytes,
                                        size_t *len, const char *source,
                                        unsigned options, int *cp1252)
{
	const unsigned char *s = (const unsigned char *)bytes;
	int at_start = !(options & WM_DECODE_INSIDE);
	if (at_start && *len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
	                  (s[0] == 0xFE && s[1] == 0xFF))) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_INVALID_UTF8, source, 1, 1,
		          "input is UTF-16; convert it to UTF-8 first "
		          "(iconv -f UTF-16 -t UTF-8)");
		return NULL;
	}
	if (at_start && *len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		s += 3;
		*len -= 3;
	}
	size_t bad = wm_utf8_valid_prefix((const char *)s, *len);
	*cp1252 = bad < *len;
	if (*cp1252) {
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
	return s;
}

/* ---- binary data ---------------------------------------------------------- */

/* The control characters that no text has many of: C0 but TAB, LF, CR and
 * FF (NUL, counted apart, and the framing of feeds, SOH ... EOT, SYN,
 * included: a transmission has a few a story), and DEL. */
static int is_rare_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ||
	       c == 0x7F;
}

int wm_is_binary(const char *bytes, size_t len, char *why, size_t whysize)
{
	const unsigned char *s = (const unsigned char *)bytes;
	size_t n = len < WM_BINARY_BLOCK ? len : WM_BINARY_BLOCK, controls = 0;
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
	               (s[0] == 0xFE && s[1] == 0xFF)))
		return 0; /* UTF-16, which wm_decode refuses with its own words */
	const unsigned char *nul = memchr(s, 0, n);
	if (nul) {
		/* counted in bytes: binary data has no lines nor characters */
		snprintf(why, whysize, "a NUL byte at byte %zu",
		         (size_t)(nul - s) + 1);
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		controls += is_rare_control(s[i]);
	if (controls < WM_BINARY_MIN_CONTROLS ||
	    controls * WM_BINARY_SHARE <= n)
		return 0;
	snprintf(why, whysize, "%zu of its first %zu bytes are control "
	         "characters", controls, n);
	return 1;
}

int wm_refuse_binary(wm_context *ctx, const char *bytes, size_t len,
                     const char *source, const char *format)
{
	char why[96];
	if (!wm_is_binary(bytes, len, why, sizeof why))
		return 0;
	wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_MALFORMED, source, 0, 0,
	          "binary file (%s), not %s text", why, format);
	return 1;
}

/* CR at s[i]: CR LF, or a run of CRs before LF ("CR CR LF" of old
 * teletype copy): the LF ends the line and starts the next run; CRs before
 * anything else end a line each.  Returns where the next run starts. */
static size_t carriage_returns(wm_buf *out, const unsigned char *s,
                               size_t len, size_t i, position *pos)
{
	size_t j = i + 1;
	lines_to(pos, i);
	while (j < len && s[j] == '\r')
		j++;
	if (j == len || s[j] != '\n') {
		for (size_t k = i; k < j; k++)
			wm_buf_putc(out, '\n');
		pos->line += (unsigned)(j - i);
		pos->line_start = j;
		pos->lf_upto = j;
	}
	return j;
}

/* Decodes s[0, len) into out (cp1252: as Windows-1252), reporting the
 * control characters dropped; ctx NULL: quietly. */
static void decode_into(wm_context *ctx, const char *source,
                        const unsigned char *s, size_t len, int cp1252,
                        wm_buf *out)
{
	control_count cc = {0, 0};
	const unsigned char *stop = cp1252 ? stop_cp1252 : stop_utf8;
	position pos = {.s = s, .line_start = 0, .line = 1, .cp1252 = cp1252,
	                .lf_upto = 0};
	/* Bytes are copied in runs: a run ends only at a byte that is dropped
	 * or changed.  LF stays in the run (lines_to counts it when a line
	 * number is needed). */
	size_t run = 0;
	const char *text = (const char *)s;
	for (size_t i = 0;; i++) {
		i = scan_stop(s, i, len, stop);
		if (i == len)
			break;
		unsigned char c = s[i];
		/* in UTF-8 input (valid: a continuation byte follows), C2 starts
		 * either a C1 control (C2 80-9F) or an ordinary character */
		int c1 = c == 0xC2 && !cp1252 && i + 1 < len && s[i + 1] <= 0x9F;
		if (c == 0xC2 && !cp1252 && !c1)
			continue;
		wm_buf_put(out, text + run, i - run);
		run = i + 1;
		if (c == '\r') {
			run = carriage_returns(out, s, len, i, &pos);
			i = run - 1;
			continue;
		}
		if (cp1252 && c >= 0x80) {
			wm_utf8_put(out, wm_cp1252_to_ucs(c));
			continue;
		}
		if (c1) {
			/* U+0080-U+009F, the C1 controls, in UTF-8 */
			if (ctx)
				note_control(ctx, source, &cc, s[i + 1], &pos, i);
			i++;
			run = i + 1;
			continue;
		}
		if (ctx)
			note_control(ctx, source, &cc, c, &pos, i);
		/* a control character that stood between two words (ANPA's unit
		 * separator, a DC1 ... DC4 format code) leaves a space; NUL
		 * (padding) and DEL (a rubbed-out character) leave nothing, nor
		 * does one after a space, a line break or a framing byte (where a
		 * feed read in parts may be cut: split.c) */
		if (c != 0 && c < 0x20 && out->len && i + 1 < len &&
		    (unsigned char)out->ptr[out->len - 1] > ' ' && s[i + 1] > ' ' &&
		    s[i + 1] != 0x7F)
			wm_buf_putc(out, ' ');
	}
	wm_buf_put(out, text + run, len - run);
	if (cc.nul > 1)
		wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_NUL_BYTE, source, 0, 0,
		          "%u NUL bytes dropped in all", cc.nul);
	if (cc.other > MAX_CONTROL_REPORTS)
		wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_CONTROL_CHAR, source, 0, 0,
		          "%u control characters dropped in all", cc.other);
}

char *wm_decode(wm_context *ctx, const char *bytes, size_t len,
                const char *source, unsigned options, size_t *outlen)
{
	int cp1252;
	const unsigned char *s = encoding_of(ctx, bytes, &len, source, options,
	                                     &cp1252);
	if (!s)
		return NULL;
	wm_buf out = WM_BUF_INIT;
	wm_buf_grow(&out, len + len / 8);
	decode_into(ctx, source, s, len, cp1252, &out);
	return wm_buf_detach(&out, outlen);
}

const char *wm_decode_line(const char *bytes, size_t len, wm_buf *scratch,
                           size_t *outlen)
{
	const unsigned char *s = (const unsigned char *)bytes;
	if (scan_stop(s, 0, len, stop_utf8) == len) {
		/* nothing to drop or change: the common case (bytes that are not
		 * UTF-8 would become other characters, never spaces nor ASCII) */
		*outlen = len;
		return bytes;
	}
	int cp1252 = wm_utf8_valid_prefix(bytes, len) < len;
	wm_buf_truncate(scratch, 0);
	decode_into(NULL, NULL, s, len, cp1252, scratch);
	*outlen = scratch->len;
	return scratch->len ? scratch->ptr : "";
}
