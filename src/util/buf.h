/* Growable byte buffers and non-owning slices.
 *
 * Error policy (the whole library): memory allocation goes through
 * wm_xmalloc/wm_xrealloc, which abort the process with a message when the
 * system is out of memory (as cmark does).  Every other fallible call returns
 * an error code or NULL and reports through the caller's diagnostic callback.
 */
#ifndef WM_UTIL_BUF_H
#define WM_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#if defined(__GNUC__)
#define WM_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define WM_PRINTF(fmt, args)
#endif

void *wm_xmalloc(size_t n);
void *wm_xcalloc(size_t count, size_t n);
void *wm_xrealloc(void *p, size_t n);
char *wm_xstrndup(const char *s, size_t n);
char *wm_xstrdup(const char *s);

/* An owning buffer: grows geometrically, always NUL-terminated once anything
 * was put in it (ptr may be NULL while len == 0; use wm_buf_cstr). */
typedef struct wm_buf {
	char *ptr;
	size_t len;
	size_t cap;
} wm_buf;

#define WM_BUF_INIT {NULL, 0, 0}

/* Makes room for extra more bytes (and the NUL after them). */
void wm_buf_grow(wm_buf *b, size_t extra);
void wm_buf_printf(wm_buf *b, const char *fmt, ...) WM_PRINTF(2, 3);
void wm_buf_vprintf(wm_buf *b, const char *fmt, va_list ap) WM_PRINTF(2, 0);
void wm_buf_truncate(wm_buf *b, size_t len);
const char *wm_buf_cstr(const wm_buf *b);
/* Hands the storage to the caller (free() it); the buffer is left empty. */
char *wm_buf_detach(wm_buf *b, size_t *len);
void wm_buf_free(wm_buf *b);

/* The lines of s[0..len), cut at each '\0' (the readers mark a line's end
 * so, where no text holds a NUL): each made a line by line(piece, n, arg),
 * which returns a malloc'd string or NULL when nothing is left of it; the
 * lines left joined with '\n'.  NULL when none is left (a byline's lines:
 * tree rule 3). */
char *wm_join_marked_lines(const char *s, size_t len,
                           char *(*line)(const char *, size_t, void *),
                           void *arg);

/* The appends are inline: every writer calls them per run or per byte, and
 * the common case (room left) is a compare and a copy.  Growing stays out
 * of line in wm_buf_grow. */
static inline void wm_buf_put(wm_buf *b, const char *s, size_t n)
{
	if (b->cap - b->len <= n) /* room for n bytes and the NUL? */
		wm_buf_grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

static inline void wm_buf_puts(wm_buf *b, const char *s)
{
	wm_buf_put(b, s, strlen(s));
}

static inline void wm_buf_putc(wm_buf *b, char c)
{
	if (b->cap - b->len <= 1)
		wm_buf_grow(b, 1);
	b->ptr[b->len++] = c;
	b->ptr[b->len] = '\0';
}

/* The one growable array: makes room for one more element in v, which
 * holds n of cap elements, doubling cap (first: the first cap).  Every
 * array the library grows an element at a time grows through it. */
#define WM_GROW(v, n, cap, first)                                          \
	do {                                                               \
		if ((n) == (cap)) {                                        \
			(cap) = (cap) ? (cap) * 2 : (first);               \
			(v) = wm_xrealloc((v), (cap) * sizeof *(v));       \
		}                                                          \
	} while (0)

/* A non-owning view of bytes. */
typedef struct wm_slice {
	const char *ptr;
	size_t len;
} wm_slice;

static inline wm_slice wm_slice_make(const char *p, size_t n)
{
	wm_slice s;
	s.ptr = p;
	s.len = n;
	return s;
}

/* Sixteen marked bytes, for the stop tables of wm_scan_to. */
#define WM_STOP16 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1

/* The offset of the first byte at or after i in s[0..len) that stop[]
 * marks (not 0), or len.  Escapers and decoders copy the bytes before it
 * as one run; the loop is unrolled, as most bytes are not marked. */
static inline size_t wm_scan_to(const char *s, size_t i, size_t len,
                                const unsigned char stop[256])
{
	const unsigned char *p = (const unsigned char *)s;
	for (; len - i >= 4; i += 4) {
		if (stop[p[i]])
			return i;
		if (stop[p[i + 1]])
			return i + 1;
		if (stop[p[i + 2]])
			return i + 2;
		if (stop[p[i + 3]])
			return i + 3;
	}
	while (i < len && !stop[p[i]])
		i++;
	return i;
}

/* ---- arenas ---- */

/* An arena: memory handed out by bumping a pointer through chunks, and
 * given back all at once.  Each article of the tree owns one (tree.h):
 * its strings and its dateline live there and go with it.  Allocation
 * aborts on out of memory, as wm_xmalloc does. */
typedef struct wm_arena_chunk wm_arena_chunk;

typedef struct wm_arena {
	wm_arena_chunk *chunk; /* the chunk being filled; older ones after it */
	char *at, *end;        /* its free bytes */
	size_t next;           /* the size of the next chunk */
} wm_arena;

/* An empty arena whose first chunk will hold about first bytes (0: a
 * default); nothing is allocated until something is asked. */
void wm_arena_init(wm_arena *a, size_t first);

/* Gives back every chunk. */
void wm_arena_release(wm_arena *a);

/* Forgets what was allocated but keeps the newest (largest) chunk for
 * what comes next: one arena reused article after article. */
void wm_arena_reset(wm_arena *a);

/* Chunks given back by arenas, for arenas made after them: a splitter
 * reads a block of input's articles at once, and frees them as they are
 * written, so its pool holds a block's worth (WM_ARENA_POOL chunks and
 * WM_ARENA_POOL_BYTES at most; the others are freed). */
#define WM_ARENA_POOL 64
#define WM_ARENA_POOL_BYTES ((size_t)4 << 20)

typedef struct wm_arena_pool {
	wm_arena_chunk *free; /* linked through their older field */
	size_t n, bytes;
} wm_arena_pool;

#define WM_ARENA_POOL_INIT {NULL, 0, 0}

/* Frees the pool's chunks. */
void wm_arena_pool_free(wm_arena_pool *pool);

/* Hands a's newest (largest) chunk to pool (or frees it when the pool is
 * full); a's other chunks are freed and a is left empty. */
void wm_arena_recycle(wm_arena *a, wm_arena_pool *pool);

/* Gives the empty arena a (just initialised) a chunk of pool that holds
 * at least the first chunk's size that a was initialised with, if any. */
void wm_arena_adopt(wm_arena *a, wm_arena_pool *pool);

/* n bytes aligned for any object; never NULL. */
void *wm_arena_alloc(wm_arena *a, size_t n);

/* A NUL-terminated copy of s[0..n) in the arena (not aligned). */
char *wm_arena_strndup(wm_arena *a, const char *s, size_t n);

/* Bytes the arena holds in its chunks (for tests and measures). */
size_t wm_arena_size(const wm_arena *a);

#endif
