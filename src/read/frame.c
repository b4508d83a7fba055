#include "frame.h"

#include <string.h>

#include "transmission.h"

const unsigned char wm_frame_stop[256] = {
	['\n'] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, ['\f'] = 1};

static const char frame_bytes[6] = {'\x01', '\x02', '\x03', '\x04', '\f',
                                    '\n'};

static size_t find_byte(const char *p, size_t i, size_t len, char c)
{
	const char *at = i < len ? memchr(p + i, c, len - i) : NULL;
	return at ? (size_t)(at - p) : len;
}

void wm_frame_scan_start(wm_frame_scan *fs, const char *p, size_t len,
                         size_t from, int lf)
{
	fs->p = p;
	fs->len = len;
	fs->nbytes = lf ? 6 : 5;
	fs->other = len;
	for (int k = 0; k < fs->nbytes; k++) {
		fs->next[k] = find_byte(p, from, len, frame_bytes[k]);
		if (k < 5 && fs->next[k] < fs->other)
			fs->other = fs->next[k];
	}
}

size_t wm_frame_scan_next(wm_frame_scan *fs, size_t i)
{
	if (fs->other < i) {
		/* a framing byte passed: the next ones found again */
		fs->other = fs->len;
		for (int k = 0; k < 5; k++) {
			if (fs->next[k] < i)
				fs->next[k] = find_byte(fs->p, i, fs->len, frame_bytes[k]);
			if (fs->next[k] < fs->other)
				fs->other = fs->next[k];
		}
	}
	size_t first = fs->other;
	if (fs->nbytes == 6) {
		if (fs->next[5] < i)
			fs->next[5] = find_byte(fs->p, i, fs->len, '\n');
		if (fs->next[5] < first)
			first = fs->next[5];
	}
	return first;
}

int wm_frame_is_separator(char c)
{
	return c == '\f' || c == '\x02' || c == '\x03' || c == '\x04';
}

int wm_frame_stamp_after(const char *p, size_t from, size_t end, size_t *sb,
                         size_t *se, unsigned *nls)
{
	size_t s = from;
	*nls = 0;
	while (s < end && (p[s] == ' ' || p[s] == '\t' || p[s] == '\n' ||
	                   p[s] == '\r'))
		*nls += p[s++] == '\n';
	size_t e = s;
	while (e < end && p[e] != '\n' && p[e] != '\f' &&
	       !(p[e] >= 0x01 && p[e] <= 0x04))
		e++;
	*sb = s;
	*se = e;
	return e > s && wm_tx_is_stamp(p + s, e - s);
}

int wm_frame_marks_line(wm_frame_marks *marks, int is_mark, size_t after)
{
	if (marks->pending && is_mark) {
		marks->at = after; /* "(END)" then "NNNN": one article's end */
		return 0;
	}
	if (marks->pending)
		return 1;
	if (marks->text && is_mark) {
		marks->pending = 1;
		marks->at = after;
	}
	marks->text = 1;
	return 0;
}

void wm_frame_marks_cut(wm_frame_marks *marks)
{
	marks->text = 0;
	marks->pending = 0;
	marks->at = 0;
}
