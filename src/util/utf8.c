#include "utf8.h"

#include <string.h>

size_t wm_utf8_seq(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c;
	size_t n;
	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		c = s[0];
		n = 1;
	} else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		c = s[0] & 0x1F;
		n = 2;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		c = s[0] & 0x0F;
		n = 3;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		c = s[0] & 0x07;
		n = 4;
	} else {
		return 0;
	}
	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	if (cp)
		*cp = c;
	return n;
}

size_t wm_utf8_valid_prefix(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		/* ASCII, the bulk of wire copy, sixteen bytes at a time, then
		 * eight */
		uint64_t w, w2;
		while (len - i >= 16) {
			memcpy(&w, p + i, 8);
			memcpy(&w2, p + i + 8, 8);
			if ((w | w2) & 0x8080808080808080u)
				break;
			i += 16;
		}
		while (len - i >= 8) {
			memcpy(&w, p + i, 8);
			if (w & 0x8080808080808080u)
				break;
			i += 8;
		}
		if (i == len)
			break;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = wm_utf8_seq(p + i, len - i, NULL);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

int wm_utf8_valid(const char *s, size_t len)
{
	return wm_utf8_valid_prefix(s, len) == len;
}

void wm_utf8_put(wm_buf *out, uint32_t cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	wm_buf_put(out, b, n);
}

void wm_utf8_put_repaired(wm_buf *out, const char *s, size_t len)
{
	size_t i = 0;
	for (;;) {
		size_t good = i + wm_utf8_valid_prefix(s + i, len - i);
		wm_buf_put(out, s + i, good - i);
		if (good == len)
			return;
		wm_utf8_put(out, 0xFFFD);
		i = good + 1;
	}
}

/* Windows-1252 0x80..0x9F; 0xFFFD where the code page defines nothing. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

uint32_t wm_cp1252_to_ucs(unsigned char c)
{
	if (c >= 0x80 && c <= 0x9F)
		return cp1252_high[c - 0x80];
	return c;
}

wm_letter_case wm_ucs_case(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return WM_CASE_UPPER;
	if (c >= 'a' && c <= 'z')
		return WM_CASE_LOWER;
	if (c < 0xC0)
		return c == 0xAA || c == 0xB5 || c == 0xBA ? WM_CASE_LOWER
		                                          : WM_CASE_NONE;
	if (c <= 0xDE)
		return c == 0xD7 ? WM_CASE_NONE : WM_CASE_UPPER;
	if (c <= 0xFF)
		return c == 0xF7 ? WM_CASE_NONE : WM_CASE_LOWER;
	if (c <= 0x137 || (c >= 0x14A && c <= 0x177))
		return (c & 1) ? WM_CASE_LOWER : WM_CASE_UPPER;
	if (c == 0x138)
		return WM_CASE_LOWER;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return (c & 1) ? WM_CASE_UPPER : WM_CASE_LOWER;
	if (c == 0x178)
		return WM_CASE_UPPER;
	if (c <= 0x24F)
		return WM_CASE_LOWER; /* rough: Latin Extended-B, mostly lower */
	if (c >= 0x391 && c <= 0x3A9)
		return WM_CASE_UPPER;
	if (c >= 0x3AC && c <= 0x3CE)
		return WM_CASE_LOWER;
	if (c >= 0x400 && c <= 0x42F)
		return WM_CASE_UPPER;
	if (c >= 0x430 && c <= 0x45F)
		return WM_CASE_LOWER;
	return WM_CASE_NONE;
}

uint32_t wm_ucs_lower(uint32_t c)
{
	if (wm_ucs_case(c) != WM_CASE_UPPER)
		return c;
	if (c < 0x80 || (c >= 0xC0 && c <= 0xDE) || (c >= 0x410 && c <= 0x42F))
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if (c == 0x130)
		return 'i';
	if (c == 0x178)
		return 0xFF;
	if (c >= 0x100 && c <= 0x17E)
		return c + 1; /* Latin Extended-A: each capital before its letter */
	return c;
}

uint32_t wm_utf8_next_multi(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	uint32_t cp;
	size_t n = wm_utf8_seq(p, len - *i, &cp);
	if (!n) {
		(*i)++;
		return 0xFFFD;
	}
	*i += n;
	return cp;
}
