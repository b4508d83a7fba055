/* Plain JSON Lines records, read without the JSON library (record.h). */
#include "record.h"

#include <stdint.h>
#include <string.h>

#include "../util/scan.h"
#include "../util/utf8.h"

typedef struct cursor {
	const char *s;
	size_t i, len;
	wm_record *rec; /* where a refusal is written (refuse) */
	int refused;    /* a string is not UTF-8: the record is refused */
} cursor;

static void skip_ws(cursor *c)
{
	while (c->i < c->len && (c->s[c->i] == ' ' || c->s[c->i] == '\t' ||
	                         c->s[c->i] == '\n' || c->s[c->i] == '\r'))
		c->i++;
}

static int hex4(const char *p, uint32_t *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++) {
		char h = p[k];
		uint32_t d;
		if (h >= '0' && h <= '9')
			d = (uint32_t)(h - '0');
		else if ((h | 0x20) >= 'a' && (h | 0x20) <= 'f')
			d = (uint32_t)((h | 0x20) - 'a' + 10);
		else
			return 0;
		*v = *v << 4 | d;
	}
	return 1;
}

/* An escape after the backslash at c->i; 0 when unsure. */
static int read_escape(cursor *c, wm_buf *out)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	if (c->i + 1 >= c->len)
		return 0;
	char e = c->s[c->i + 1];
	const char *k = e ? strchr(from, e) : NULL;
	if (k) {
		if (out)
			wm_buf_putc(out, to[k - from]);
		c->i += 2;
		return 1;
	}
	uint32_t cp, lo;
	if (e != 'u' || c->len - c->i < 6 || !hex4(c->s + c->i + 2, &cp) || cp == 0)
		return 0;
	c->i += 6;
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return 0;
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (c->len - c->i < 6 || c->s[c->i] != '\\' || c->s[c->i + 1] != 'u' ||
		    !hex4(c->s + c->i + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
			return 0;
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		c->i += 6;
	}
	if (out)
		wm_utf8_put(out, cp);
	return 1;
}

/* The bytes a string's run stops at: its end, an escape, a control, and
 * what is not ASCII (checked as UTF-8). */
static const unsigned char string_stop[256] = {
	[0x00] = WM_STOP16, [0x10] = WM_STOP16, ['"'] = 1, ['\\'] = 1,
	[0x80] = WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16, WM_STOP16,
	WM_STOP16, WM_STOP16,
};

WM_SCAN16(scan_string, ((wm_m16)v < 0x20) | (v == '"') | (v == '\\'))

/* How many characters jansson has counted before s[at]: the bytes that
 * are not UTF-8 continuation bytes (all before at are valid UTF-8). */
static unsigned column_at(const char *s, size_t at)
{
	unsigned col = 0;
	for (size_t k = 0; k < at; k++)
		col += ((unsigned char)s[k] & 0xC0) != 0x80;
	return col;
}

/* The string opened at quote holds bytes that are not UTF-8 at c->i: the
 * record is refused with the message jansson gives (its lexer's text of
 * the token so far, the string from its quote, when 20 bytes at most). */
static int refuse(cursor *c, size_t quote)
{
	enum { JANSSON_CONTEXT_MAX = 20 };
	wm_record *r = c->rec;
	unsigned char b = (unsigned char)c->s[c->i];
	size_t seen = c->i - quote;
	r->error_col = column_at(c->s, c->i);
	wm_buf_truncate(&r->error, 0);
	wm_buf_printf(&r->error, "unable to decode byte 0x%x", b);
	if (seen <= JANSSON_CONTEXT_MAX)
		wm_buf_printf(&r->error, " near '%.*s'", (int)seen, c->s + quote);
	c->refused = 1;
	return 0;
}

/* The string at c->i (its opening quote); decoded into out when not NULL;
 * *escaped set when it held an escape. */
static int read_string(cursor *c, wm_buf *out, int *escaped)
{
	size_t quote = c->i;
	c->i++;
	for (;;) {
		size_t run = c->i;
		c->i = scan_string(c->s, c->i, c->len, string_stop);
		if (out)
			wm_buf_put(out, c->s + run, c->i - run);
		if (c->i >= c->len)
			return 0;
		unsigned char b = (unsigned char)c->s[c->i];
		if (b == '"') {
			c->i++;
			return 1;
		}
		if (b < 0x20)
			return 0;
		if (b == '\\') {
			*escaped = 1;
			if (!read_escape(c, out))
				return 0;
			continue;
		}
		uint32_t cp;
		size_t n = wm_utf8_seq((const unsigned char *)c->s + c->i,
		                       c->len - c->i, &cp);
		if (!n)
			return refuse(c, quote);
		if (out)
			wm_buf_put(out, c->s + c->i, n);
		c->i += n;
	}
}

/* An integer of at most 18 digits (no fraction, no exponent). */
static int read_integer(cursor *c, wm_buf *digits)
{
	size_t start = c->i;
	if (c->s[c->i] == '-')
		c->i++;
	size_t d = c->i;
	while (c->i < c->len && c->s[c->i] >= '0' && c->s[c->i] <= '9')
		c->i++;
	size_t n = c->i - d;
	if (n == 0 || n > 18 || (n > 1 && c->s[d] == '0'))
		return 0;
	if (c->i < c->len && (c->s[c->i] == '.' || c->s[c->i] == 'e' ||
	                      c->s[c->i] == 'E'))
		return 0;
	if (digits) {
		/* -0 is the integer 0 */
		int zero = n == 1 && c->s[d] == '0';
		wm_buf_put(digits, c->s + (zero ? d : start), c->i - (zero ? d : start));
	}
	return 1;
}

static int read_literal(cursor *c, wm_buf *out)
{
	static const char *const words[] = {"true", "false", "null"};
	for (size_t k = 0; k < 3; k++) {
		size_t n = strlen(words[k]);
		if (c->len - c->i >= n && !memcmp(c->s + c->i, words[k], n)) {
			if (out)
				wm_buf_put(out, words[k], n);
			c->i += n;
			return 1;
		}
	}
	return 0;
}

enum { KEY_OTHER, KEY_ID, KEY_TEXT };

/* A member's value; those of "id" and "text" kept in r. */
static int read_value(cursor *c, int key, wm_record *r)
{
	int escaped = 0;
	char b = c->s[c->i];
	wm_buf *id = key == KEY_ID ? &r->id : NULL;
	if (b == '"') {
		wm_buf *to = key == KEY_TEXT ? &r->text : id;
		if (key == KEY_ID)
			r->id_kind = WM_RECORD_ID_STRING;
		r->has_text |= key == KEY_TEXT;
		return read_string(c, to, &escaped);
	}
	r->text_other |= key == KEY_TEXT;
	if (b == '-' || (b >= '0' && b <= '9')) {
		if (key == KEY_ID)
			r->id_kind = WM_RECORD_ID_INTEGER;
		return read_integer(c, id);
	}
	if (key == KEY_ID)
		r->id_kind = WM_RECORD_ID_LITERAL;
	return read_literal(c, id);
}

#define MAX_KEYS 32

/* One "key": value member; 0 when unsure (a key seen before included). */
static int read_member(cursor *c, wm_record *r, size_t keys[][2],
                       size_t *nkeys)
{
	int escaped = 0;
	if (c->i >= c->len || c->s[c->i] != '"' || *nkeys == MAX_KEYS)
		return 0;
	size_t k0 = c->i + 1;
	if (!read_string(c, NULL, &escaped) || escaped)
		return 0;
	size_t kn = c->i - 1 - k0;
	for (size_t k = 0; k < *nkeys; k++)
		if (keys[k][1] == kn && !memcmp(c->s + keys[k][0], c->s + k0, kn))
			return 0;
	keys[*nkeys][0] = k0;
	keys[*nkeys][1] = kn;
	(*nkeys)++;
	int key = kn == 2 && !memcmp(c->s + k0, "id", 2) ? KEY_ID
	        : kn == 4 && !memcmp(c->s + k0, "text", 4) ? KEY_TEXT : KEY_OTHER;
	skip_ws(c);
	if (c->i >= c->len || c->s[c->i] != ':')
		return 0;
	c->i++;
	skip_ws(c);
	return c->i < c->len && read_value(c, key, r);
}

/* The record after its opening brace. */
static int read_members(cursor *c, wm_record *r)
{
	size_t keys[MAX_KEYS][2], nkeys = 0;
	if (c->i < c->len && c->s[c->i] == '}') {
		c->i++;
		return 1;
	}
	for (;;) {
		if (!read_member(c, r, keys, &nkeys))
			return 0;
		skip_ws(c);
		if (c->i < c->len && c->s[c->i] == ',') {
			c->i++;
			skip_ws(c);
			continue;
		}
		if (c->i < c->len && c->s[c->i] == '}') {
			c->i++;
			return 1;
		}
		return 0;
	}
}

wm_record_read_result wm_record_read(wm_record *r, const char *line,
                                     size_t len)
{
	cursor c = {line, 0, len, r, 0};
	r->id_kind = WM_RECORD_ID_NONE;
	r->has_text = r->text_other = 0;
	wm_buf_truncate(&r->id, 0);
	wm_buf_truncate(&r->text, 0);
	skip_ws(&c);
	if (c.i >= len || line[c.i] != '{')
		return WM_RECORD_UNSURE;
	c.i++;
	skip_ws(&c);
	int whole = read_members(&c, r);
	if (c.refused)
		return WM_RECORD_REFUSED;
	skip_ws(&c);
	return whole && c.i == len ? WM_RECORD_READ : WM_RECORD_UNSURE;
}

void wm_record_free(wm_record *r)
{
	wm_buf_free(&r->id);
	wm_buf_free(&r->text);
	wm_buf_free(&r->error);
}

/* What jansson escapes: controls, '"' and '\\'. */
static const unsigned char escape_stop[256] = {
	[0x00] = WM_STOP16, [0x10] = WM_STOP16, ['"'] = 1, ['\\'] = 1,
};

WM_SCAN16(scan_escape, (v < 0x20) | (v == '"') | (v == '\\'))

void wm_record_string(wm_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	wm_buf_grow(out, len + 2);
	wm_buf_putc(out, '"');
	size_t run = 0;
	for (size_t i = 0; (i = scan_escape(s, i, len, escape_stop)) < len; i++) {
		unsigned char b = (unsigned char)s[i];
		wm_buf_put(out, s + run, i - run);
		run = i + 1;
		const char *e = b == '"' ? "\\\"" : b == '\\' ? "\\\\" : b == '\b' ? "\\b"
		              : b == '\f' ? "\\f" : b == '\n' ? "\\n" : b == '\r' ? "\\r"
		              : b == '\t' ? "\\t" : NULL;
		if (e) {
			wm_buf_puts(out, e);
			continue;
		}
		char u[6] = {'\\', 'u', '0', '0', hex[b >> 4], hex[b & 15]};
		wm_buf_put(out, u, sizeof u);
	}
	wm_buf_put(out, s + run, len - run);
	wm_buf_putc(out, '"');
}
