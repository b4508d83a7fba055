#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
	fputs("wiremark: out of memory\n", stderr);
	abort();
}

void *wm_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *wm_xcalloc(size_t count, size_t n)
{
	void *p = calloc(count ? count : 1, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *wm_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *wm_xstrndup(const char *s, size_t n)
{
	char *p = wm_xmalloc(n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *wm_xstrdup(const char *s)
{
	return wm_xstrndup(s, strlen(s));
}

void wm_buf_grow(wm_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need < b->len)
		oom();
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need) {
		if (cap > (size_t)-1 / 2)
			oom();
		cap *= 2;
	}
	b->ptr = wm_xrealloc(b->ptr, cap);
	b->cap = cap;
}

void wm_buf_vprintf(wm_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	wm_buf_grow(b, 64);
	size_t room = b->cap - b->len;
	int n = vsnprintf(b->ptr + b->len, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->ptr[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		wm_buf_grow(b, (size_t)n);
		vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void wm_buf_printf(wm_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	wm_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void wm_buf_truncate(wm_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}

const char *wm_buf_cstr(const wm_buf *b)
{
	return b->ptr ? b->ptr : "";
}

char *wm_buf_detach(wm_buf *b, size_t *len)
{
	char *p = b->ptr ? b->ptr : wm_xstrndup("", 0);
	if (len)
		*len = b->len;
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

char *wm_join_marked_lines(const char *s, size_t len,
                           char *(*line)(const char *, size_t, void *),
                           void *arg)
{
	wm_buf out = WM_BUF_INIT;
	for (size_t i = 0; i <= len;) {
		const char *mark = memchr(s + i, '\0', len - i);
		size_t e = mark ? (size_t)(mark - s) : len;
		char *l = line(s + i, e - i, arg);
		if (l) {
			if (out.len)
				wm_buf_putc(&out, '\n');
			wm_buf_puts(&out, l);
			free(l);
		}
		i = e + 1;
	}
	if (out.len == 0) {
		wm_buf_free(&out);
		return NULL;
	}
	return wm_buf_detach(&out, NULL);
}

void wm_buf_free(wm_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}
