/* What a compiled template reads: references to data, through accessors.
 *
 * The engine never builds data.  It holds wm_ref values (small structs,
 * copied, never allocated) and asks their class for what a tag names: a
 * map's value for a key, a list's length and items, a container's JSON
 * text (what {{x}} shows of a list or a map).  A writer gives classes that
 * read its document straight from the tree; wm_value_ref wraps a value
 * tree (value.h) for the data that only exists as one (tests, the spec).
 *
 * Names are resolved when a template is compiled: each dotted part of a
 * tag's name becomes a wm_key with its bytes, its hash (wm_value_key_hash)
 * and the id the compiler's key_id function gave it (-1: none), so that a
 * class switches on the id instead of comparing strings.
 *
 * A string a ref points to must stay valid while the section or tag that
 * looked it up is being rendered.
 */
#ifndef WM_TEMPLATE_REF_H
#define WM_TEMPLATE_REF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../util/buf.h"

typedef struct wm_key {
	const char *ptr;
	size_t len;
	uint64_t hash;
	int id;
	uint64_t bit; /* WM_KEY_BIT(id), or WM_OTHER_KEYS for a key with none */
} wm_key;

/* Which keys a class may answer (wm_class.answers): a bit per id below 63,
 * and one for every key without an id.  The lookup asks a class only for
 * the keys it may answer. */
#define WM_KEY_BIT(id) ((uint64_t)1 << (id))
#define WM_OTHER_KEYS WM_KEY_BIT(63)
#define WM_ANY_KEY (~(uint64_t)0)

typedef enum wm_ref_kind {
	WM_REF_ABSENT, /* no such name: the lookup goes on up the stack */
	WM_REF_NULL,   /* present, and null */
	WM_REF_BOOL,
	WM_REF_NUMBER,
	WM_REF_STRING,
	WM_REF_LIST,
	WM_REF_MAP,
	WM_REF_STREAM  /* a list whose items come one at a time (env) */
} wm_ref_kind;

typedef struct wm_class wm_class;

typedef struct wm_ref {
	wm_ref_kind kind;
	int b;             /* BOOL */
	double n;          /* NUMBER */
	const char *s;     /* STRING (not NUL-terminated), or the class's own */
	size_t len;
	const wm_class *cls; /* LIST and MAP */
	const void *obj;
	size_t i;
} wm_ref;

struct wm_class {
	/* maps: sets *out and returns 1 when the map holds key, else 0 */
	int (*get)(const wm_ref *self, const wm_key *key, wm_ref *out);
	/* lists: the number of items, and item i */
	size_t (*count)(const wm_ref *self);
	void (*item)(const wm_ref *self, size_t i, wm_ref *out);
	/* lists and maps: their JSON text */
	void (*json)(const wm_ref *self, wm_buf *out);
	/* maps: the keys get may answer (see wm_key) */
	uint64_t answers;
};

static inline void wm_ref_string(wm_ref *r, const char *s, size_t len)
{
	r->kind = WM_REF_STRING;
	r->s = s;
	r->len = len;
}

static inline void wm_ref_bool(wm_ref *r, int b)
{
	r->kind = WM_REF_BOOL;
	r->b = b != 0;
}

static inline void wm_ref_number(wm_ref *r, double n)
{
	r->kind = WM_REF_NUMBER;
	r->n = n;
}

/* A string, or null when s is NULL. */
static inline void wm_ref_cstr(wm_ref *r, const char *s)
{
	if (s)
		wm_ref_string(r, s, strlen(s));
	else
		r->kind = WM_REF_NULL;
}

static inline void wm_ref_object(wm_ref *r, wm_ref_kind kind,
                                 const wm_class *cls, const void *obj,
                                 size_t i)
{
	r->kind = kind;
	r->cls = cls;
	r->obj = obj;
	r->i = i;
}

/* Mustache truthiness: absent, null, false, "" and [] are false. */
int wm_ref_truthy(const wm_ref *r);

/* Appends what {{x}} shows of r (a number's shortest form, true/false, a
 * container's JSON); returns 0 when that is nothing. */
int wm_ref_text(wm_buf *out, const wm_ref *r);

/* Appends r as JSON (null for absent, non-finite numbers as null). */
void wm_ref_json(wm_buf *out, const wm_ref *r);

/* Appends s[0..len) as a JSON string, quotes included (the escaping of
 * serialised data: wm_value_to_json's). */
void wm_ref_json_string(wm_buf *out, const char *s, size_t len);

#endif
