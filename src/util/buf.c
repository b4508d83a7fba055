#include "buf.h"

#include <stdalign.h>
#include <stdint.h>
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

/* ---- arenas ------------------------------------------------------------- */

struct wm_arena_chunk {
	wm_arena_chunk *older;
	size_t size; /* bytes of data after the header */
	alignas(max_align_t) char data[];
};

#define FIRST_CHUNK 4096
#define ALIGN (alignof(max_align_t))

void wm_arena_init(wm_arena *a, size_t first)
{
	a->chunk = NULL;
	a->at = a->end = NULL;
	a->next = first ? first : FIRST_CHUNK;
}

static void free_chunks(wm_arena_chunk *c)
{
	while (c) {
		wm_arena_chunk *older = c->older;
		free(c);
		c = older;
	}
}

void wm_arena_release(wm_arena *a)
{
	free_chunks(a->chunk);
	a->chunk = NULL;
	a->at = a->end = NULL;
}

void wm_arena_reset(wm_arena *a)
{
	wm_arena_chunk *c = a->chunk;
	if (!c)
		return;
	free_chunks(c->older);
	c->older = NULL;
	a->at = c->data;
	a->end = c->data + c->size;
}

/* a's chunks are c (and those older than it): all of it free. */
static void use_chunk(wm_arena *a, wm_arena_chunk *c)
{
	a->chunk = c;
	a->at = c ? c->data : NULL;
	a->end = c ? c->data + c->size : NULL;
}

void wm_arena_pool_free(wm_arena_pool *pool)
{
	free_chunks(pool->free);
	pool->free = NULL;
	pool->n = pool->bytes = 0;
}

void wm_arena_recycle(wm_arena *a, wm_arena_pool *pool)
{
	wm_arena_chunk *c = a->chunk;
	use_chunk(a, NULL);
	if (!c)
		return;
	free_chunks(c->older);
	if (pool->n == WM_ARENA_POOL || c->size > WM_ARENA_POOL_BYTES - pool->bytes) {
		free(c);
		return;
	}
	c->older = pool->free;
	pool->free = c;
	pool->n++;
	pool->bytes += c->size;
}

void wm_arena_adopt(wm_arena *a, wm_arena_pool *pool)
{
	if (a->chunk)
		return;
	wm_arena_chunk **at = &pool->free;
	while (*at && (*at)->size < a->next)
		at = &(*at)->older;
	wm_arena_chunk *c = *at;
	if (!c)
		return;
	*at = c->older;
	c->older = NULL;
	pool->n--;
	pool->bytes -= c->size;
	use_chunk(a, c);
	if (c->size <= (size_t)-1 / 4)
		a->next = c->size * 2; /* as new_chunk would have set it */
}

static void new_chunk(wm_arena *a, size_t n)
{
	size_t size = a->next;
	while (size < n)
		size = size > (size_t)-1 / 4 ? n : size * 2;
	if (size > (size_t)-1 - sizeof(wm_arena_chunk))
		oom();
	wm_arena_chunk *c = wm_xmalloc(sizeof *c + size);
	c->older = a->chunk;
	c->size = size;
	a->chunk = c;
	a->at = c->data;
	a->end = c->data + size;
	if (size <= (size_t)-1 / 4)
		a->next = size * 2; /* each chunk at least as large as the last */
}

static void *bump(wm_arena *a, size_t n, size_t align)
{
	size_t pad = a->at ? (size_t)(-(uintptr_t)a->at) & (align - 1) : 0;
	if (!a->at || (size_t)(a->end - a->at) < n || (size_t)(a->end - a->at) - n < pad) {
		new_chunk(a, n);
		pad = 0;
	}
	void *p = a->at + pad;
	a->at += pad + n;
	return p;
}

void *wm_arena_alloc(wm_arena *a, size_t n)
{
	return bump(a, n ? n : 1, ALIGN);
}

char *wm_arena_strndup(wm_arena *a, const char *s, size_t n)
{
	char *p = bump(a, n + 1, 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

size_t wm_arena_size(const wm_arena *a)
{
	size_t n = 0;
	for (const wm_arena_chunk *c = a->chunk; c; c = c->older)
		n += c->size;
	return n;
}
