/* References to data (ref.h): their truth, their text, and the class that
 * reads a value tree through them. */
#include "ref.h"

#include <math.h>

#include "../util/json.h"
#include "value.h"

int wm_ref_truthy(const wm_ref *r)
{
	switch (r->kind) {
	case WM_REF_ABSENT:
	case WM_REF_NULL:
		return 0;
	case WM_REF_BOOL:
		return r->b;
	case WM_REF_STRING:
		return r->len > 0;
	case WM_REF_LIST:
		return r->cls->count(r) > 0;
	default:
		return 1;
	}
}

void wm_ref_json_string(wm_buf *out, const char *s, size_t len)
{
	wm_buf_putc(out, '"');
	wm_json_escape(out, s, len, WM_JSON_SHORT_BF);
	wm_buf_putc(out, '"');
}

void wm_ref_json(wm_buf *out, const wm_ref *r)
{
	switch (r->kind) {
	case WM_REF_BOOL:
		wm_buf_puts(out, r->b ? "true" : "false");
		return;
	case WM_REF_NUMBER:
		if (isfinite(r->n))
			wm_value_format_number(out, r->n);
		else
			wm_buf_puts(out, "null");
		return;
	case WM_REF_STRING:
		wm_ref_json_string(out, r->s, r->len);
		return;
	case WM_REF_LIST:
	case WM_REF_MAP:
		r->cls->json(r, out);
		return;
	default:
		wm_buf_puts(out, "null");
		return;
	}
}

int wm_ref_text(wm_buf *out, const wm_ref *r)
{
	switch (r->kind) {
	case WM_REF_STRING:
		wm_buf_put(out, r->s, r->len);
		return r->len > 0;
	case WM_REF_NUMBER:
		wm_value_format_number(out, r->n);
		return 1;
	case WM_REF_BOOL:
		wm_buf_puts(out, r->b ? "true" : "false");
		return 1;
	case WM_REF_LIST:
	case WM_REF_MAP:
		r->cls->json(r, out);
		return 1;
	default:
		return 0;
	}
}

/* ---- a value tree read through refs ---- */

static int value_get(const wm_ref *self, const wm_key *key, wm_ref *out)
{
	const wm_value *v = wm_value_map_geth(self->obj, key->ptr, key->len,
	                                      key->hash);
	if (!v)
		return 0;
	wm_value_ref(v, out);
	return 1;
}

static size_t value_count(const wm_ref *self)
{
	return wm_value_list_len(self->obj);
}

static void value_item(const wm_ref *self, size_t i, wm_ref *out)
{
	wm_value_ref(wm_value_list_at(self->obj, i), out);
}

static void value_json(const wm_ref *self, wm_buf *out)
{
	wm_value_to_json(out, self->obj);
}

static const wm_class value_class = {value_get, value_count, value_item,
                                     value_json, WM_ANY_KEY};

void wm_value_ref(const wm_value *v, wm_ref *out)
{
	size_t len;
	const char *s;

	switch (wm_value_type_of(v)) {
	case WM_VALUE_NULL:
		out->kind = v ? WM_REF_NULL : WM_REF_ABSENT;
		return;
	case WM_VALUE_BOOL:
		wm_ref_bool(out, wm_value_bool_of(v));
		return;
	case WM_VALUE_NUMBER:
		wm_ref_number(out, wm_value_number_of(v));
		return;
	case WM_VALUE_STRING:
		s = wm_value_string_of(v, &len);
		wm_ref_string(out, s, len);
		return;
	case WM_VALUE_LIST:
		wm_ref_object(out, WM_REF_LIST, &value_class, v, 0);
		return;
	case WM_VALUE_MAP:
		wm_ref_object(out, WM_REF_MAP, &value_class, v, 0);
		return;
	default:
		out->kind = WM_REF_ABSENT;
		return;
	}
}
