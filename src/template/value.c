/* The template data model: a small JSON-like value tree.
 *
 * Maps keep their entries in insertion order and, once they hold more than
 * a few keys, an open-addressing hash index over them, so that building and
 * reading big maps stays linear.  Freeing and serialising walk the tree with
 * an explicit stack, so deeply nested data cannot exhaust the C stack.
 *
 * Writers build one tree per article, so allocations are kept few: null,
 * false and true are shared constants, a string's bytes and a map's first
 * entries live in the same block as the value, and a short key in its map
 * entry.
 */
#include "value.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/hash.h"
#include "../util/json.h"

/* Maps with fewer entries than this are searched linearly, without
 * hashing; the hashes are worked out when the index is built. */
#define MAP_INDEX_MIN 8

/* Keys shorter than this are kept in the entry itself. */
#define SMALL_KEY 16

/* Room for this many entries comes with a map's own allocation. */
#define MAP_INLINE 4

struct map_entry {
	size_t keylen;
	uint64_t hash;  /* set once the map has an index */
	wm_value *val;
	union {
		char *heap;              /* keylen >= SMALL_KEY */
		char small[SMALL_KEY];   /* keylen < SMALL_KEY, NUL-terminated */
	} key;
};

static const char *entry_key(const struct map_entry *e)
{
	return e->keylen < SMALL_KEY ? e->key.small : e->key.heap;
}

struct wm_value {
	wm_value_type type;
	union {
		int b;
		double n;
		struct {
			char *ptr;
			size_t len;
		} s;
		struct {
			wm_value **items;
			size_t len;
			size_t cap;
		} list;
		struct {
			struct map_entry *ents;
			size_t len;
			size_t cap;
			size_t *slots;  /* entry index + 1; 0 marks a free slot */
			size_t nslots;  /* 0 (no index yet) or a power of two */
		} map;
	} u;
};

static wm_value *value_new(wm_value_type type)
{
	wm_value *v = wm_xmalloc(sizeof(*v));
	*v = (wm_value){.type = type};
	return v;
}

/* The only null and boolean values: they never change, and freeing them
 * does nothing, so handing out the same ones is safe. */
static wm_value value_null = {.type = WM_VALUE_NULL};
static wm_value value_false = {.type = WM_VALUE_BOOL, .u.b = 0};
static wm_value value_true = {.type = WM_VALUE_BOOL, .u.b = 1};

wm_value *wm_value_null(void)
{
	return &value_null;
}

wm_value *wm_value_bool(int b)
{
	return b ? &value_true : &value_false;
}

wm_value *wm_value_number(double n)
{
	wm_value *v = value_new(WM_VALUE_NUMBER);
	v->u.n = n;
	return v;
}

/* A string value and its bytes are one allocation: the bytes follow the
 * struct (so freeing the value frees them). */
wm_value *wm_value_string(const char *s, size_t len)
{
	if (!s)
		len = 0;
	size_t size = sizeof(wm_value) + len + 1;
	/* on overflow, ask for the impossible: wm_xmalloc aborts */
	wm_value *v = wm_xmalloc(size > len ? size : (size_t)-1);
	v->type = WM_VALUE_STRING;
	v->u.s.ptr = (char *)(v + 1);
	v->u.s.len = len;
	if (len)
		memcpy(v->u.s.ptr, s, len);
	v->u.s.ptr[len] = '\0';
	return v;
}

wm_value *wm_value_cstr(const char *s)
{
	if (!s)
		return wm_value_null();
	return wm_value_string(s, strlen(s));
}

wm_value *wm_value_list(void)
{
	return value_new(WM_VALUE_LIST);
}

/* The entries that come with the map's allocation, after the struct. */
static struct map_entry *map_inline_ents(wm_value *map)
{
	return (struct map_entry *)(void *)(map + 1);
}

wm_value *wm_value_map_sized(size_t n)
{
	if (n < 1 || n > 64)
		n = n < 1 ? 1 : 64;
	wm_value *v = wm_xmalloc(sizeof(*v) + n * sizeof(struct map_entry));
	*v = (wm_value){.type = WM_VALUE_MAP};
	v->u.map.ents = map_inline_ents(v);
	v->u.map.cap = n;
	return v;
}

wm_value *wm_value_map(void)
{
	return wm_value_map_sized(MAP_INLINE);
}

/* A stack of values still to free, with room for a few on the C stack. */
struct free_stack {
	wm_value **items;
	size_t len;
	size_t cap;
	wm_value *inline_items[32];
};

static void free_stack_push(struct free_stack *st, wm_value *v)
{
	if (!v)
		return;
	if (st->len == st->cap) {
		size_t cap = st->cap * 2;
		if (st->items == st->inline_items) {
			st->items = wm_xmalloc(cap * sizeof(*st->items));
			memcpy(st->items, st->inline_items, sizeof(st->inline_items));
		} else {
			st->items = wm_xrealloc(st->items, cap * sizeof(*st->items));
		}
		st->cap = cap;
	}
	st->items[st->len++] = v;
}

/* Frees v's own storage and hands its children to the stack. */
static void free_one(struct free_stack *st, wm_value *v)
{
	size_t i;

	switch (v->type) {
	case WM_VALUE_NULL:
	case WM_VALUE_BOOL:
		return; /* the shared constants */
	case WM_VALUE_LIST:
		for (i = 0; i < v->u.list.len; i++)
			free_stack_push(st, v->u.list.items[i]);
		free(v->u.list.items);
		break;
	case WM_VALUE_MAP:
		for (i = 0; i < v->u.map.len; i++) {
			if (v->u.map.ents[i].keylen >= SMALL_KEY)
				free(v->u.map.ents[i].key.heap);
			free_stack_push(st, v->u.map.ents[i].val);
		}
		if (v->u.map.ents != map_inline_ents(v))
			free(v->u.map.ents);
		free(v->u.map.slots);
		break;
	default:
		break;
	}
	free(v);
}

void wm_value_free(wm_value *v)
{
	struct free_stack st;

	st.items = st.inline_items;
	st.len = 0;
	st.cap = sizeof(st.inline_items) / sizeof(st.inline_items[0]);
	free_stack_push(&st, v);
	while (st.len)
		free_one(&st, st.items[--st.len]);
	if (st.items != st.inline_items)
		free(st.items);
}

wm_value_type wm_value_type_of(const wm_value *v)
{
	return v ? v->type : WM_VALUE_NULL;
}

/* 0 unless v is a true boolean. */
int wm_value_bool_of(const wm_value *v)
{
	return v && v->type == WM_VALUE_BOOL && v->u.b;
}

/* 0 unless v is a number. */
double wm_value_number_of(const wm_value *v)
{
	return v && v->type == WM_VALUE_NUMBER ? v->u.n : 0.0;
}

/* NULL (and *len 0) unless v is a string. */
const char *wm_value_string_of(const wm_value *v, size_t *len)
{
	if (!v || v->type != WM_VALUE_STRING) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = v->u.s.len;
	return v->u.s.ptr;
}

/* Pushing onto something that is not a list frees item (ownership was
 * taken either way). */
void wm_value_list_push(wm_value *list, wm_value *item)
{
	if (!list || list->type != WM_VALUE_LIST) {
		wm_value_free(item);
		return;
	}
	WM_GROW(list->u.list.items, list->u.list.len, list->u.list.cap, 8);
	list->u.list.items[list->u.list.len++] = item;
}

size_t wm_value_list_len(const wm_value *list)
{
	return list && list->type == WM_VALUE_LIST ? list->u.list.len : 0;
}

const wm_value *wm_value_list_at(const wm_value *list, size_t i)
{
	if (i >= wm_value_list_len(list))
		return NULL;
	return list->u.list.items[i];
}

/* FNV-1a over the key, seeded from an address (varies with ASLR), then a
 * final avalanche so that the low bits used as slot numbers are mixed. */
static uint64_t hash_key(const char *key, size_t len)
{
	static const char anchor;
	uint64_t h = wm_fnv1a(WM_FNV_BASIS ^ (uint64_t)(uintptr_t)&anchor,
	                      key, len);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	return h;
}

static void map_index_insert(wm_value *map, size_t ent)
{
	size_t mask = map->u.map.nslots - 1;
	size_t i = (size_t)map->u.map.ents[ent].hash & mask;

	while (map->u.map.slots[i])
		i = (i + 1) & mask;
	map->u.map.slots[i] = ent + 1;
}

uint64_t wm_value_key_hash(const char *key, size_t keylen)
{
	return hash_key(key, keylen);
}

/* (Re)builds the index with room for twice the entries the map can hold;
 * the first time, hashes the keys of the entries there are. */
static void map_index_build(wm_value *map)
{
	size_t n = 16;

	while (n < map->u.map.cap * 2)
		n *= 2;
	if (!map->u.map.nslots) {
		for (size_t i = 0; i < map->u.map.len; i++) {
			struct map_entry *e = &map->u.map.ents[i];
			e->hash = hash_key(entry_key(e), e->keylen);
		}
	}
	free(map->u.map.slots);
	map->u.map.slots = wm_xcalloc(n, sizeof(*map->u.map.slots));
	map->u.map.nslots = n;
	for (size_t i = 0; i < map->u.map.len; i++)
		map_index_insert(map, i);
}

static int entry_is(const struct map_entry *e, const char *key, size_t len)
{
	return e->keylen == len && memcmp(entry_key(e), key, len) == 0;
}

/* Index of the entry for key, or (size_t)-1; h is the key's hash (only
 * used when the map has an index). */
static size_t map_find(const wm_value *map, const char *key, size_t len,
                       uint64_t h)
{
	const struct map_entry *ents = map->u.map.ents;

	if (!map->u.map.nslots) {
		for (size_t i = 0; i < map->u.map.len; i++)
			if (entry_is(&ents[i], key, len))
				return i;
		return (size_t)-1;
	}
	size_t mask = map->u.map.nslots - 1;
	for (size_t i = (size_t)h & mask; map->u.map.slots[i]; i = (i + 1) & mask) {
		size_t e = map->u.map.slots[i] - 1;
		if (ents[e].hash == h && entry_is(&ents[e], key, len))
			return e;
	}
	return (size_t)-1;
}

/* Appends an entry (hashing its key if the map has an index). */
static void map_append(wm_value *map, const char *key, size_t len,
                       wm_value *val)
{
	if (map->u.map.len == map->u.map.cap) {
		size_t cap = map->u.map.cap * 2;
		struct map_entry *ents = map->u.map.ents;
		if (ents == map_inline_ents(map)) {
			ents = wm_xmalloc(cap * sizeof(*ents));
			memcpy(ents, map->u.map.ents, map->u.map.len * sizeof(*ents));
		} else {
			ents = wm_xrealloc(ents, cap * sizeof(*ents));
		}
		map->u.map.ents = ents;
		map->u.map.cap = cap;
	}
	size_t i = map->u.map.len++;
	struct map_entry *e = &map->u.map.ents[i];
	e->keylen = len;
	e->hash = map->u.map.nslots ? hash_key(key, len) : 0;
	e->val = val;
	if (len < SMALL_KEY) {
		memcpy(e->key.small, key, len);
		e->key.small[len] = '\0';
	} else {
		e->key.heap = wm_xstrndup(key, len);
	}
	if (map->u.map.nslots && map->u.map.len * 2 <= map->u.map.nslots)
		map_index_insert(map, i);
	else if (map->u.map.len >= MAP_INDEX_MIN)
		map_index_build(map);
}

/* Setting on something that is not a map (or with a NULL key) frees val. */
void wm_value_map_set(wm_value *map, const char *key, wm_value *val)
{
	if (!map || map->type != WM_VALUE_MAP || !key) {
		wm_value_free(val);
		return;
	}
	size_t len = strlen(key);
	uint64_t h = map->u.map.nslots ? hash_key(key, len) : 0;
	size_t i = map_find(map, key, len, h);
	if (i != (size_t)-1) {
		wm_value_free(map->u.map.ents[i].val);
		map->u.map.ents[i].val = val;
		return;
	}
	map_append(map, key, len, val);
}

void wm_value_map_add(wm_value *map, const char *key, size_t keylen,
                      wm_value *val)
{
	if (!map || map->type != WM_VALUE_MAP || !key) {
		wm_value_free(val);
		return;
	}
	map_append(map, key, keylen, val);
}

const wm_value *wm_value_map_geth(const wm_value *map, const char *key,
                                  size_t keylen, uint64_t hash)
{
	if (!map || map->type != WM_VALUE_MAP || !key)
		return NULL;
	size_t i = map_find(map, key, keylen, hash);
	return i == (size_t)-1 ? NULL : map->u.map.ents[i].val;
}

const wm_value *wm_value_map_getn(const wm_value *map, const char *key,
                                  size_t keylen)
{
	if (!map || map->type != WM_VALUE_MAP || !key)
		return NULL;
	uint64_t h = map->u.map.nslots ? hash_key(key, keylen) : 0;
	size_t i = map_find(map, key, keylen, h);
	return i == (size_t)-1 ? NULL : map->u.map.ents[i].val;
}

const wm_value *wm_value_map_get(const wm_value *map, const char *key)
{
	if (!key)
		return NULL;
	return wm_value_map_getn(map, key, strlen(key));
}

wm_value *wm_value_map_get_mut(wm_value *map, const char *key)
{
	return (wm_value *)wm_value_map_get(map, key);
}

size_t wm_value_map_len(const wm_value *map)
{
	return map && map->type == WM_VALUE_MAP ? map->u.map.len : 0;
}

const char *wm_value_map_key_at(const wm_value *map, size_t i)
{
	if (i >= wm_value_map_len(map))
		return NULL;
	return entry_key(&map->u.map.ents[i]);
}

const wm_value *wm_value_map_value_at(const wm_value *map, size_t i)
{
	if (i >= wm_value_map_len(map))
		return NULL;
	return map->u.map.ents[i].val;
}

int wm_value_truthy(const wm_value *v)
{
	if (!v)
		return 0;
	switch (v->type) {
	case WM_VALUE_NULL:
		return 0;
	case WM_VALUE_BOOL:
		return v->u.b;
	case WM_VALUE_STRING:
		return v->u.s.len > 0;
	case WM_VALUE_LIST:
		return v->u.list.len > 0;
	default:
		return 1;
	}
}

/* The decimal digits of a finite, positive n and its decimal exponent:
 * n = 0.DIGITS * 10^point, with the fewest digits that read back as n.
 * A normal double needs 15, 16 or 17 (trailing zeros then dropped); a
 * subnormal one may need fewer.  Only the digits and the exponent are taken
 * from the C library's output, so the locale's decimal separator never
 * shows (strtod reads it back in the same locale). */
static size_t shortest_digits(double n, char digits[20], int *point)
{
	char tmp[64];
	int prec = n < DBL_MIN ? 1 : 15;

	for (; prec < 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, n);
		if (strtod(tmp, NULL) == n)
			break;
	}
	if (prec == 17)
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, n);

	size_t nd = 0;
	const char *p = tmp;
	for (; *p && *p != 'e' && *p != 'E'; p++)
		if (*p >= '0' && *p <= '9' && nd < 19)
			digits[nd++] = *p;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';
	*point = (*p ? atoi(p + 1) : 0) + 1;
	return nd;
}

static void put_zeros(wm_buf *out, int count)
{
	for (int i = 0; i < count; i++)
		wm_buf_putc(out, '0');
}

/* Lays the digits out as JavaScript's Number.prototype.toString does:
 * plain decimals between 1e-7 and 1e21, exponent notation outside. */
static void put_decimal(wm_buf *out, const char *digits, int nd, int point)
{
	if (nd <= point && point <= 21) {
		wm_buf_put(out, digits, (size_t)nd);
		put_zeros(out, point - nd);
	} else if (0 < point && point <= 21) {
		wm_buf_put(out, digits, (size_t)point);
		wm_buf_putc(out, '.');
		wm_buf_put(out, digits + point, (size_t)(nd - point));
	} else if (-6 < point && point <= 0) {
		wm_buf_puts(out, "0.");
		put_zeros(out, -point);
		wm_buf_put(out, digits, (size_t)nd);
	} else {
		wm_buf_putc(out, digits[0]);
		if (nd > 1) {
			wm_buf_putc(out, '.');
			wm_buf_put(out, digits + 1, (size_t)(nd - 1));
		}
		wm_buf_printf(out, "e%c%d", point - 1 >= 0 ? '+' : '-',
		              abs(point - 1));
	}
}

/* Writes v in decimal (as "%.0f" would a double holding it, but without
 * printf's floating-point machinery, which is slow). */
static void put_integer(wm_buf *out, int64_t v)
{
	char tmp[24];
	char *p = tmp + sizeof(tmp);
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	wm_buf_put(out, p, (size_t)(tmp + sizeof(tmp) - p));
}

void wm_value_format_number(wm_buf *out, double n)
{
	char digits[20];
	int point;

	/* the common case (counts, line numbers), before any test of the
	 * double's class: a whole number from 1 to 2^31 */
	if (n >= 1 && n <= 2147483648.0 && n == (double)(int64_t)n) {
		put_integer(out, (int64_t)n);
		return;
	}
	if (isnan(n)) {
		wm_buf_puts(out, "NaN");
		return;
	}
	if (isinf(n)) {
		wm_buf_puts(out, n < 0 ? "-Infinity" : "Infinity");
		return;
	}
	if (n == 0) {
		wm_buf_putc(out, '0');
		return;
	}
	if (n == trunc(n) && fabs(n) < 9007199254740992.0) {
		put_integer(out, (int64_t)n);  /* exact, and no decimal point */
		return;
	}
	if (n < 0)
		wm_buf_putc(out, '-');
	size_t nd = shortest_digits(fabs(n), digits, &point);
	put_decimal(out, digits, (int)nd, point);
}

/* A JSON string; BS and FF as \b and \f. */
static void json_string(wm_buf *out, const char *s, size_t len)
{
	wm_buf_putc(out, '"');
	wm_json_escape(out, s, len, WM_JSON_SHORT_BF);
	wm_buf_putc(out, '"');
}

/* An open list or map during serialisation, and the next child to write. */
struct json_frame {
	const wm_value *v;
	size_t next;
};

struct json_stack {
	struct json_frame *items;
	size_t len;
	size_t cap;
};

/* Writes a scalar, or opens a container and pushes it. */
static void json_begin(wm_buf *out, struct json_stack *st, const wm_value *v)
{
	switch (wm_value_type_of(v)) {
	case WM_VALUE_BOOL:
		wm_buf_puts(out, v->u.b ? "true" : "false");
		return;
	case WM_VALUE_NUMBER:
		if (isfinite(v->u.n))
			wm_value_format_number(out, v->u.n);
		else
			wm_buf_puts(out, "null");
		return;
	case WM_VALUE_STRING:
		json_string(out, v->u.s.ptr, v->u.s.len);
		return;
	case WM_VALUE_LIST:
	case WM_VALUE_MAP:
		break;
	default:
		wm_buf_puts(out, "null");
		return;
	}
	wm_buf_putc(out, v->type == WM_VALUE_LIST ? '[' : '{');
	WM_GROW(st->items, st->len, st->cap, 16);
	st->items[st->len].v = v;
	st->items[st->len].next = 0;
	st->len++;
}

/* Writes the next child of the innermost container, or closes it. */
static void json_step(wm_buf *out, struct json_stack *st)
{
	struct json_frame *f = &st->items[st->len - 1];
	const wm_value *v = f->v;
	int is_list = v->type == WM_VALUE_LIST;
	size_t len = is_list ? v->u.list.len : v->u.map.len;

	if (f->next == len) {
		wm_buf_putc(out, is_list ? ']' : '}');
		st->len--;
		return;
	}
	size_t i = f->next++;
	if (i > 0)
		wm_buf_putc(out, ',');
	if (is_list) {
		json_begin(out, st, v->u.list.items[i]);
		return;
	}
	json_string(out, entry_key(&v->u.map.ents[i]), v->u.map.ents[i].keylen);
	wm_buf_putc(out, ':');
	json_begin(out, st, v->u.map.ents[i].val);
}

void wm_value_to_json(wm_buf *out, const wm_value *v)
{
	struct json_stack st = {NULL, 0, 0};

	json_begin(out, &st, v);
	while (st.len)
		json_step(out, &st);
	free(st.items);
}
