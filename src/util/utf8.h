/* UTF-8 helpers. */
#ifndef WM_UTIL_UTF8_H
#define WM_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Length of the valid UTF-8 sequence at s[0..len), or 0 when the bytes there
 * do not start a valid, shortest-form sequence of a Unicode scalar value. */
size_t wm_utf8_seq(const unsigned char *s, size_t len, uint32_t *cp);

/* The length of the longest valid UTF-8 prefix of s[0..len): len when all
 * of it is valid, else the offset of the first bad sequence. */
size_t wm_utf8_valid_prefix(const char *s, size_t len);

/* Whether s[0..len) is entirely valid UTF-8. */
int wm_utf8_valid(const char *s, size_t len);

/* Appends code point cp as UTF-8. */
void wm_utf8_put(wm_buf *out, uint32_t cp);

/* Appends s[0..len) with each byte that does not start a valid sequence
 * replaced by U+FFFD: valid UTF-8 whatever s holds (a file name, a message
 * naming one). */
void wm_utf8_put_repaired(wm_buf *out, const char *s, size_t len);

/* The Unicode code point of a Windows-1252 byte (U+FFFD for the five bytes
 * the code page leaves undefined). */
uint32_t wm_cp1252_to_ucs(unsigned char c);

/* Letter case of a code point, for the scripts wire copy uses (Latin,
 * Greek, Cyrillic); everything else is WM_CASE_NONE. */
typedef enum wm_letter_case {
	WM_CASE_NONE,
	WM_CASE_UPPER,
	WM_CASE_LOWER
} wm_letter_case;

wm_letter_case wm_ucs_case(uint32_t cp);

/* The lower-case letter of a capital that wm_ucs_case calls upper in
 * Latin-1, Latin Extended-A and Cyrillic ("İ" gives "i"); any other code
 * point as it is. */
uint32_t wm_ucs_lower(uint32_t cp);

/* wm_utf8_next's out-of-line part, for a byte of 0x80 or more at s[*i]. */
uint32_t wm_utf8_next_multi(const char *s, size_t len, size_t *i);

/* Decodes the code point at s[*i] (advancing *i); invalid bytes decode as
 * U+FFFD one byte at a time.  Inline for ASCII, which most text is. */
static inline uint32_t wm_utf8_next(const char *s, size_t len, size_t *i)
{
	unsigned char c = (unsigned char)s[*i];
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	return wm_utf8_next_multi(s, len, i);
}

/* ASCII letters, and letters and digits, whatever the locale. */
static inline int wm_ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int wm_ascii_alnum(char c)
{
	return wm_ascii_alpha(c) || (c >= '0' && c <= '9');
}

#endif
