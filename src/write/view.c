/* The data templates render, read straight from the tree (view.h). */
#include "view.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"

/* ---- keys ---------------------------------------------------------------- */

#define B(id) WM_KEY_BIT(id)
_Static_assert(K_MAX < 63, "a key's bit for each id (template/ref.h)");

static const char *const key_names[K_MAX] = {
#define KEY_NAME(id, name) [id] = name,
	WM_VIEW_KEYS(KEY_NAME)
#undef KEY_NAME
};

/* The ids by the keys' hash (open addressing, built once): a template's
 * compilation resolves a few hundred names. */
#define KEY_SLOTS 128
_Static_assert(K_MAX < KEY_SLOTS / 2, "room in the table of ids");
static signed char key_slots[KEY_SLOTS];
static pthread_once_t key_slots_once = PTHREAD_ONCE_INIT;

static unsigned key_slot(const char *name, size_t len)
{
	return (unsigned)(wm_fnv1a(WM_FNV_BASIS, name, len) >> 32) % KEY_SLOTS;
}

static void fill_key_slots(void)
{
	memset(key_slots, -1, sizeof key_slots);
	for (int k = 0; k < K_MAX; k++) {
		unsigned h = key_slot(key_names[k], strlen(key_names[k]));
		while (key_slots[h] >= 0)
			h = (h + 1) % KEY_SLOTS;
		key_slots[h] = (signed char)k;
	}
}

int wm_view_key_id(const char *name, size_t len)
{
	pthread_once(&key_slots_once, fill_key_slots);
	for (unsigned h = key_slot(name, len); key_slots[h] >= 0;
	     h = (h + 1) % KEY_SLOTS) {
		const char *k = key_names[key_slots[h]];
		if (strlen(k) == len && !memcmp(k, name, len))
			return key_slots[h];
	}
	return -1;
}

/* Writes the JSON object of the keys ids[] (ending with -1) that self
 * holds, in that order. */
static void json_keys(const wm_ref *self, const int *ids, int first,
                      wm_buf *out)
{
	for (size_t k = 0; ids[k] >= 0; k++) {
		wm_key key = {key_names[ids[k]], strlen(key_names[ids[k]]), 0,
		              ids[k], B(ids[k])};
		wm_ref v = {0};
		if (!self->cls->get(self, &key, &v))
			continue;
		wm_buf_putc(out, first ? '{' : ',');
		first = 0;
		wm_ref_json_string(out, key.ptr, key.len);
		wm_buf_putc(out, ':');
		wm_ref_json(out, &v);
	}
	if (first)
		wm_buf_putc(out, '{');
	wm_buf_putc(out, '}');
}

static wm_art *art_of(const wm_ref *self)
{
	return (wm_art *)(uintptr_t)self->obj; /* its caches fill as it is read */
}

/* ---- lines: a byline's ({text, first}) or a preformatted block's ({text}) */

static int line_get(const wm_ref *self, const wm_key *key, wm_ref *out)
{
	if (key->id == K_TEXT) {
		wm_ref_string(out, self->s, self->len);
		return 1;
	}
	if (key->id == K_FIRST && self->i) {
		wm_ref_bool(out, self->b);
		return 1;
	}
	return 0;
}

static void line_json(const wm_ref *self, wm_buf *out)
{
	static const int ids[] = {K_TEXT, K_FIRST, -1};
	json_keys(self, ids, 1, out);
}

static const wm_class line_class = {line_get, NULL, NULL, line_json,
                                    B(K_TEXT) | B(K_FIRST)};

/* The JSON array of a list's items. */
static void list_json(const wm_ref *self, wm_buf *out)
{
	size_t n = self->cls->count(self);
	wm_buf_putc(out, '[');
	for (size_t k = 0; k < n; k++) {
		wm_ref item;
		if (k)
			wm_buf_putc(out, ',');
		self->cls->item(self, k, &item);
		wm_ref_json(out, &item);
	}
	wm_buf_putc(out, ']');
}

#define BYLINE_LINES ((size_t)-1)

static const char *lines_text(const wm_ref *self)
{
	const wm_article *a = art_of(self)->a;
	return self->i == BYLINE_LINES ? a->byline : a->blocks[self->i].text;
}

static size_t lines_count(const wm_ref *self)
{
	size_t n = 1;
	for (const char *p = lines_text(self); (p = strchr(p, '\n')); p++)
		n++;
	return n;
}

/* Line k: the lines are read in order, so the search goes on from the
 * line before when it can. */
static void lines_item(const wm_ref *self, size_t k, wm_ref *out)
{
	wm_art *art = art_of(self);
	const char *text = lines_text(self), *p = text;
	size_t at = 0;
	if (art->line_text == text && art->line_k <= k) {
		p = text + art->line_off;
		at = art->line_k;
	}
	for (; at < k; at++)
		p = strchr(p, '\n') + 1;
	art->line_text = text;
	art->line_k = k;
	art->line_off = (size_t)(p - text);
	wm_ref_object(out, WM_REF_MAP, &line_class, art,
	              self->i == BYLINE_LINES);
	out->s = p;
	out->len = strcspn(p, "\n");
	out->b = k == 0;
}

static const wm_class lines_class = {NULL, lines_count, lines_item,
                                     list_json, 0};


/* ---- a dateline and its parts --------------------------------------------- */

static void add_part(wm_art *art, const char *s, size_t n, int flag)
{
	if (n == 0 || art->nparts == sizeof art->parts / sizeof *art->parts)
		return;
	art->parts[art->nparts].s = s;
	art->parts[art->nparts].len = n;
	art->parts[art->nparts].flag = flag;
	art->nparts++;
}

/* Cuts the dateline text into place, region, date, agency and the text
 * between them, in order, so that the parts give the text back. */
static void cut_parts(wm_art *art)
{
	const wm_dateline *d = art->a->dateline;
	struct {
		const char *s;
		int flag;
	} want[] = {{d->place, K_IS_PLACE},
	            {d->region, K_IS_REGION},
	            {d->date, K_IS_DATE},
	            {d->agency, K_IS_AGENCY}};
	const char *t = d->text;
	/* the credit first ("(ANSA) - MILAN, DEC 3 -"): the agency leads */
	const char *ag = d->agency ? strstr(t, d->agency) : NULL;
	const char *pl = d->place ? strstr(t, d->place) : NULL;
	if (ag && pl && ag < pl) {
		want[3] = want[2];
		want[2] = want[1];
		want[1] = want[0];
		want[0].s = d->agency;
		want[0].flag = K_IS_AGENCY;
	}
	size_t at = 0, len = strlen(t);
	for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
		if (!want[k].s)
			continue;
		const char *hit = strstr(t + at, want[k].s);
		if (!hit)
			continue;
		size_t off = (size_t)(hit - t), n = strlen(want[k].s);
		add_part(art, t + at, off - at, K_IS_OTHER);
		add_part(art, hit, n, want[k].flag);
		at = off + n;
	}
	/* the dash: its last occurrence in what is left */
	const char *dash = NULL;
	for (const char *p = t + at; d->dash && (p = strstr(p, d->dash)) != NULL; p++)
		dash = p;
	if (dash) {
		size_t off = (size_t)(dash - t), n = strlen(d->dash);
		add_part(art, t + at, off - at, K_IS_OTHER);
		add_part(art, dash, n, K_IS_DASH);
		at = off + n;
	}
	add_part(art, t + at, len - at, K_IS_OTHER);
}

static int part_get(const wm_ref *self, const wm_key *key, wm_ref *out)
{
	const struct wm_part *p = &art_of(self)->parts[self->i];
	if (key->id == K_TEXT) {
		wm_ref_string(out, p->s, p->len);
		return 1;
	}
	if (key->id == p->flag) {
		wm_ref_bool(out, 1);
		return 1;
	}
	return 0;
}

static void part_json(const wm_ref *self, wm_buf *out)
{
	const int ids[] = {K_TEXT, art_of(self)->parts[self->i].flag, -1};
	json_keys(self, ids, 1, out);
}

static const wm_class part_class = {
	part_get, NULL, NULL, part_json,
	B(K_TEXT) | B(K_IS_PLACE) | B(K_IS_REGION) | B(K_IS_DATE) | B(K_IS_AGENCY) |
	B(K_IS_DASH) | B(K_IS_OTHER)};

static size_t parts_count(const wm_ref *self)
{
	wm_art *art = art_of(self);
	if (!(art->have & ART_PARTS)) {
		art->nparts = 0;
		cut_parts(art);
		art->have |= ART_PARTS;
	}
	return art->nparts;
}

static void parts_item(const wm_ref *self, size_t i, wm_ref *out)
{
	parts_count(self);
	wm_ref_object(out, WM_REF_MAP, &part_class, self->obj, i);
}

static const wm_class parts_class = {NULL, parts_count, parts_item,
                                     list_json, 0};

static int dateline_get(const wm_ref *self, const wm_key *key, wm_ref *out)
{
	const wm_dateline *d = art_of(self)->a->dateline;
	switch (key->id) {
	case K_TEXT: wm_ref_cstr(out, d->text); return 1;
	case K_PLACE: wm_ref_cstr(out, d->place); return 1;
	case K_REGION: wm_ref_cstr(out, d->region); return 1;
	case K_DATE: wm_ref_cstr(out, d->date); return 1;
	case K_ISO_DATE: wm_ref_cstr(out, d->iso_date); return 1;
	case K_AGENCY: wm_ref_cstr(out, d->agency); return 1;
	case K_DASH: wm_ref_cstr(out, d->dash); return 1;
	case K_PARTS:
		wm_ref_object(out, WM_REF_LIST, &parts_class, self->obj, 0);
		return 1;
	default: return 0;
	}
}

static void dateline_json(const wm_ref *self, wm_buf *out)
{
	static const int ids[] = {K_TEXT, K_PLACE, K_REGION, K_DATE, K_ISO_DATE,
	                          K_AGENCY, K_DASH, K_PARTS, -1};
	json_keys(self, ids, 1, out);
}

static const wm_class dateline_class = {
	dateline_get, NULL, NULL, dateline_json,
	B(K_TEXT) | B(K_PLACE) | B(K_REGION) | B(K_DATE) | B(K_ISO_DATE) |
	B(K_AGENCY) | B(K_DASH) | B(K_PARTS)};

/* ---- the body and its blocks ------------------------------------------- */

/* A backtick fence longer than any run of backticks in text (3 at least). */
static void fence_of(wm_art *art, const char *text, wm_ref *out)
{
	static const char ticks[] = "````````````````````````````````";
	size_t longest = 0, run = 0;
	for (const char *p = text; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	size_t n = longest >= 3 ? longest + 1 : 3;
	if (n < sizeof ticks) {
		wm_ref_string(out, ticks, n);
		return;
	}
	free(art->fence);
	art->fence = wm_xmalloc(n);
	memset(art->fence, '`', n);
	wm_ref_string(out, art->fence, n);
}

static int block_get(const wm_ref *self, const wm_key *key, wm_ref *out)
{
	wm_art *art = art_of(self);
	const wm_block *b = &art->a->blocks[self->i];
	int para = b->type == WM_BLOCK_PARAGRAPH;
	switch (key->id) {
	case K_TYPE: wm_ref_cstr(out, wm_block_type_name(b->type)); return 1;
	case K_TEXT: wm_ref_cstr(out, b->text); return 1;
	case K_IS_PARAGRAPH: wm_ref_bool(out, para); return 1;
	case K_IS_PREFORMATTED: wm_ref_bool(out, !para); return 1;
	case K_FIRST: wm_ref_bool(out, self->i == 0); return 1;
	case K_N: wm_ref_number(out, (double)(self->i + 1)); return 1;
	case K_FENCE:
		if (para)
			return 0;
		fence_of(art, b->text, out);
		return 1;
	case K_LINES:
		if (para)
			return 0;
		wm_ref_object(out, WM_REF_LIST, &lines_class, art, self->i);
		return 1;
	default: return 0;
	}
}

static void block_json(const wm_ref *self, wm_buf *out)
{
	static const int ids[] = {K_TYPE, K_TEXT, K_IS_PARAGRAPH,
	                          K_IS_PREFORMATTED, K_FIRST, K_N, K_FENCE,
	                          K_LINES, -1};
	json_keys(self, ids, 1, out);
}

static const wm_class block_class = {
	block_get, NULL, NULL, block_json,
	B(K_TYPE) | B(K_TEXT) | B(K_IS_PARAGRAPH) | B(K_IS_PREFORMATTED) |
	B(K_FIRST) | B(K_N) | B(K_FENCE) | B(K_LINES)};

static size_t body_count(const wm_ref *self)
{
	return art_of(self)->a->nblocks;
}

static void body_item(const wm_ref *self, size_t i, wm_ref *out)
{
	wm_ref_object(out, WM_REF_MAP, &block_class, self->obj, i);
}

static const wm_class body_class = {NULL, body_count, body_item, list_json, 0};

/* ---- metadata ------------------------------------------------------------ */

/* The article's meta: source, line and slug, then the article's own
 * values, then -M's (but source and line), each replacing a value of the
 * same key where it stands. */
static const char *meta_find(const wm_art *art, const char *key, size_t len)
{
	const wm_context *ctx = art->view->ctx;
	const wm_article *a = art->a;
	for (size_t i = ctx->nmeta; i-- > 0;)
		if (strlen(ctx->meta[i].key) == len &&
		    !memcmp(ctx->meta[i].key, key, len) &&
		    strcmp(ctx->meta[i].key, "source") && strcmp(ctx->meta[i].key, "line"))
			return ctx->meta[i].value;
	for (size_t i = a->nmeta; i-- > 0;)
		if (strlen(a->meta[i].key) == len && !memcmp(a->meta[i].key, key, len))
			return a->meta[i].value;
	if (len == 4 && !memcmp(key, "slug", 4))
		return a->slug;
	if (len == 6 && !memcmp(key, "source", 6))
		return a->source ? a->source : "-";
	return NULL;
}

static int meta_get(const wm_ref *self, const wm_key *key, wm_ref *out)
{
	const wm_art *art = art_of(self);
	const char *v = meta_find(art, key->ptr, key->len);
	if (v) {
		wm_ref_cstr(out, v);
		return 1;
	}
	if (key->len == 4 && !memcmp(key->ptr, "line", 4)) {
		wm_ref_number(out, art->a->line);
		return 1;
	}
	return 0;
}

/* Whether key was given before in the keys meta_json writes. */
static int meta_seen(const wm_art *art, const char *key, size_t upto_article,
                     size_t upto_ctx)
{
	const wm_context *ctx = art->view->ctx;
	const wm_article *a = art->a;
	if (!strcmp(key, "source") || !strcmp(key, "line") ||
	    (art->a->slug && !strcmp(key, "slug")))
		return 1;
	for (size_t i = 0; i < upto_article && i < a->nmeta; i++)
		if (!strcmp(a->meta[i].key, key))
			return 1;
	for (size_t i = 0; i < upto_ctx; i++)
		if (!strcmp(ctx->meta[i].key, key))
			return 1;
	return 0;
}

static void meta_entry(wm_buf *out, const wm_art *art, const char *key)
{
	wm_buf_putc(out, ',');
	wm_ref_json_string(out, key, strlen(key));
	wm_buf_putc(out, ':');
	const char *v = meta_find(art, key, strlen(key));
	wm_ref_json_string(out, v, strlen(v));
}

static void meta_json_of(const wm_art *art, wm_buf *out)
{
	const wm_context *ctx = art->view->ctx;
	const wm_article *a = art->a;
	const char *source = meta_find(art, "source", 6);
	wm_buf_puts(out, "{\"source\":");
	wm_ref_json_string(out, source, strlen(source));
	wm_buf_puts(out, ",\"line\":");
	if (meta_find(art, "line", 4)) {
		const char *v = meta_find(art, "line", 4);
		wm_ref_json_string(out, v, strlen(v));
	} else {
		wm_value_format_number(out, a->line);
	}
	if (a->slug)
		meta_entry(out, art, "slug");
	for (size_t i = 0; i < a->nmeta; i++)
		if (!meta_seen(art, a->meta[i].key, i, 0))
			meta_entry(out, art, a->meta[i].key);
	for (size_t i = 0; i < ctx->nmeta; i++)
		if (!meta_seen(art, ctx->meta[i].key, a->nmeta, i))
			meta_entry(out, art, ctx->meta[i].key);
	wm_buf_putc(out, '}');
}

static void meta_json(const wm_ref *self, wm_buf *out)
{
	meta_json_of(art_of(self), out);
}

/* any key may be a metadata key */
static const wm_class meta_class = {meta_get, NULL, NULL, meta_json,
                                    WM_ANY_KEY};

/* wire_meta: the article's own values whose key is plain, as {key, value} */
static int wmeta_get(const wm_ref *self, const wm_key *key, wm_ref *out)
{
	const wm_meta_pair *m = &art_of(self)->a->meta[self->i];
	if (key->id == K_KEY)
		wm_ref_cstr(out, m->key);
	else if (key->id == K_VALUE)
		wm_ref_cstr(out, m->value);
	else
		return 0;
	return 1;
}

static void wmeta_json(const wm_ref *self, wm_buf *out)
{
	static const int ids[] = {K_KEY, K_VALUE, -1};
	json_keys(self, ids, 1, out);
}

static const wm_class wmeta_class = {wmeta_get, NULL, NULL, wmeta_json,
                                     B(K_KEY) | B(K_VALUE)};

static size_t wmetas_count(const wm_ref *self)
{
	const wm_article *a = art_of(self)->a;
	size_t n = 0;
	for (size_t i = 0; i < a->nmeta; i++)
		n += wm_data_plain_key(a->meta[i].key) != 0;
	return n;
}

static void wmetas_item(const wm_ref *self, size_t k, wm_ref *out)
{
	const wm_article *a = art_of(self)->a;
	size_t i = 0;
	for (;; i++)
		if (wm_data_plain_key(a->meta[i].key) && k-- == 0)
			break;
	wm_ref_object(out, WM_REF_MAP, &wmeta_class, self->obj, i);
}

static const wm_class wmetas_class = {NULL, wmetas_count, wmetas_item,
                                      list_json, 0};

/* ---- an article ---------------------------------------------------------- */

/* Cuts a byline's first line, byline[0..n), into "By ", the name and what
 * follows the name; 0 when it does not start with "By". */
static int split_byline(const char *byline, size_t n, size_t *name_at,
                        size_t *name_end)
{
	if (!(n > 2 && (byline[0] == 'B' || byline[0] == 'b') && byline[1] == 'y' &&
	      (byline[2] == ' ' || byline[2] == '\t')))
		return 0;
	size_t b = 2;
	while (b < n && (byline[b] == ' ' || byline[b] == '\t'))
		b++;
	if (b == n)
		return 0;
	size_t e = b;
	while (e < n && byline[e] != ',')
		e++;
	while (e > b && byline[e - 1] == ' ')
		e--;
	*name_at = b;
	*name_end = e;
	return 1;
}

const char *wm_view_author(const char *byline, size_t *len)
{
	size_t b, e, n = strcspn(byline, "\n");
	if (!split_byline(byline, n, &b, &e)) {
		b = 0;
		e = n;
	}
	*len = e - b;
	return byline + b;
}

int wm_view_author_pair(const char *names, size_t len, size_t *sep)
{
	static const char and[] = " and ";
	_Static_assert(sizeof and - 1 == WM_VIEW_AND_LEN, "the separator's length");
	/* the first " and ", when it has a name on either side */
	for (size_t i = 0; i + WM_VIEW_AND_LEN <= len; i++)
		if (!memcmp(names + i, and, WM_VIEW_AND_LEN)) {
			*sep = i;
			return i > 0 && i + WM_VIEW_AND_LEN < len;
		}
	return 0;
}

/* by_prefix, author and by_suffix: the byline's first line cut. */
static int byline_get(const wm_article *a, int id, wm_ref *out)
{
	size_t b, e, len;
	if (!a->byline)
		return 0;
	const char *s = a->byline;
	if (id == K_AUTHOR) {
		const char *author = wm_view_author(s, &len);
		wm_ref_string(out, author, len);
		return 1;
	}
	size_t n = strcspn(s, "\n");
	if (!split_byline(s, n, &b, &e))
		return 0;
	if (id == K_BY_PREFIX)
		wm_ref_string(out, s, b);
	else if (e < n)
		wm_ref_string(out, s + e, n - e);
	else
		return 0;
	return 1;
}

static int own_get(wm_art *art, int id, wm_ref *out)
{
	const wm_data_hooks *const *hooks = art->view->hooks;
	for (size_t k = 0; hooks && hooks[k]; k++)
		if (hooks[k]->view && hooks[k]->view->get(art, id, out))
			return 1;
	return 0;
}

static int art_get(const wm_ref *self, const wm_key *key, wm_ref *out)
{
	wm_art *art = art_of(self);
	const wm_article *a = art->a;
	switch (key->id) {
	case K_HEADLINE: wm_ref_cstr(out, a->headline); return 1;
	case K_DECK: wm_ref_cstr(out, a->deck); return 1;
	case K_BYLINE: wm_ref_cstr(out, a->byline); return 1;
	case K_TRAILER: wm_ref_cstr(out, a->trailer); return 1;
	case K_DATELINE:
		if (a->dateline)
			wm_ref_object(out, WM_REF_MAP, &dateline_class, art, 0);
		else
			out->kind = WM_REF_NULL;
		return 1;
	case K_BODY: wm_ref_object(out, WM_REF_LIST, &body_class, art, 0); return 1;
	case K_META: wm_ref_object(out, WM_REF_MAP, &meta_class, art, 0); return 1;
	case K_WIRE_META:
		wm_ref_object(out, WM_REF_LIST, &wmetas_class, art, 0);
		return 1;
	case K_BYLINE_LINES:
		if (!a->byline)
			return 0;
		wm_ref_object(out, WM_REF_LIST, &lines_class, art, BYLINE_LINES);
		return 1;
	case K_BY_PREFIX:
	case K_AUTHOR:
	case K_BY_SUFFIX:
		return byline_get(a, key->id, out);
	case K_IDNO:
		if (!(art->have & ART_IDNO)) {
			wm_data_idno(art->idno, WM_FNV_BASIS, a);
			art->have |= ART_IDNO;
		}
		wm_ref_string(out, art->idno, sizeof art->idno);
		return 1;
	case K_INDEX: wm_ref_number(out, (double)art->index + 1); return 1;
	case K_FIRST: wm_ref_bool(out, art->index == 0); return 1;
	case K_DATELINE_ALONE:
		wm_ref_bool(out, a->dateline && (a->nblocks == 0 ||
		            a->blocks[0].type != WM_BLOCK_PARAGRAPH));
		return 1;
	case K_JSON:
		if (!art->want_json)
			return 0;
	{
		const wm_buf *json = wm_art_json(art);
		wm_ref_string(out, json->ptr, json->len);
		return 1;
	}
	default:
		return key->id >= 0 && own_get(art, key->id, out);
	}
}

static void art_json(const wm_ref *self, wm_buf *out)
{
	static const int ids[] = {K_HEADLINE, K_DECK, K_BYLINE, K_DATELINE,
	                          K_BODY, K_TRAILER, K_META, K_WIRE_META,
	                          K_BYLINE_LINES, K_BY_PREFIX, K_AUTHOR,
	                          K_BY_SUFFIX, K_IDNO, K_INDEX, K_FIRST,
	                          K_DATELINE_ALONE, -1};
	static const int json_id[] = {K_JSON, -1};
	const wm_data_hooks *const *hooks = art_of(self)->view->hooks;
	json_keys(self, ids, 1, out);
	for (size_t k = 0; hooks && hooks[k]; k++)
		if (hooks[k]->view) {
			wm_buf_truncate(out, out->len - 1); /* the '}' */
			json_keys(self, hooks[k]->view->keys, 0, out);
		}
	wm_buf_truncate(out, out->len - 1);
	json_keys(self, json_id, 0, out);
}

/* the keys of an article: those before K_TEXT */
static const wm_class art_class = {art_get, NULL, NULL, art_json,
                                   B(K_TEXT) - 1};

void wm_art_ref(wm_art *art, wm_ref *out)
{
	wm_ref_object(out, WM_REF_MAP, &art_class, art, 0);
}

/* name (with its quotes and the ',' or '{' before it), then s as JSON. */
static void put_field(wm_buf *out, const char *name, const char *s)
{
	wm_buf_puts(out, name);
	if (s)
		wm_ref_json_string(out, s, strlen(s));
	else
		wm_buf_puts(out, "null");
}

/* The JSON form: the tree's own fields, nothing derived. */
static void json_form(wm_art *art, wm_buf *out)
{
	const wm_article *a = art->a;
	const wm_dateline *d = a->dateline;
	put_field(out, "{\"headline\":", a->headline);
	put_field(out, ",\"deck\":", a->deck);
	put_field(out, ",\"byline\":", a->byline);
	if (d) {
		put_field(out, ",\"dateline\":{\"text\":", d->text);
		put_field(out, ",\"place\":", d->place);
		put_field(out, ",\"region\":", d->region);
		put_field(out, ",\"date\":", d->date);
		put_field(out, ",\"iso_date\":", d->iso_date);
		put_field(out, ",\"agency\":", d->agency);
		put_field(out, ",\"dash\":", d->dash);
		wm_buf_puts(out, "},\"body\":[");
	} else {
		wm_buf_puts(out, ",\"dateline\":null,\"body\":[");
	}
	for (size_t i = 0; i < a->nblocks; i++) {
		put_field(out, i ? ",{\"type\":" : "{\"type\":",
		          wm_block_type_name(a->blocks[i].type));
		put_field(out, ",\"text\":", a->blocks[i].text);
		wm_buf_putc(out, '}');
	}
	put_field(out, "],\"trailer\":", a->trailer);
	wm_buf_puts(out, ",\"meta\":");
	meta_json_of(art, out);
	wm_buf_putc(out, '}');
}

const wm_buf *wm_art_json(wm_art *art)
{
	if (!(art->have & ART_JSON)) {
		wm_buf_truncate(&art->json, 0);
		json_form(art, &art->json);
		art->have |= ART_JSON;
	}
	wm_buf_cstr(&art->json);
	return &art->json;
}

void wm_art_init(wm_art *art, const wm_view *v)
{
	memset(art, 0, sizeof *art);
	art->view = v;
}

void wm_art_reset(wm_art *art, const wm_article *a, size_t index, int single,
                  int want_json)
{
	art->a = a;
	art->index = index;
	art->single = single;
	art->want_json = want_json;
	art->have = 0;
	art->line_text = NULL;
}

void wm_art_free(wm_art *art)
{
	wm_buf_free(&art->json);
	wm_buf_free(&art->own[0]);
	wm_buf_free(&art->own[1]);
	wm_buf_free(&art->scratch);
	free(art->fence);
	art->fence = NULL;
}

/* ---- the top level ------------------------------------------------------- */

static size_t arts_count(const wm_ref *self)
{
	const wm_view *v = self->obj;
	return v->feed->count;
}

static void arts_item(const wm_ref *self, size_t i, wm_ref *out)
{
	wm_view *v = (wm_view *)(uintptr_t)self->obj;
	wm_art *art = &v->arts[i];
	if (!art->a) {
		wm_art_init(art, v);
		wm_art_reset(art, v->feed->articles[i], i, v->feed->count == 1,
		             v->want_json);
	}
	wm_art_ref(art, out);
}

static const wm_class arts_class = {NULL, arts_count, arts_item, list_json, 0};

static int top_get(const wm_ref *self, const wm_key *key, wm_ref *out)
{
	wm_view *v = (wm_view *)(uintptr_t)self->obj;
	if (key->id == K_LEAD) {
		wm_art_ref(&v->lead, out);
		return 1;
	}
	if (key->id == K_ARTICLES) {
		if (v->feed)
			wm_ref_object(out, WM_REF_LIST, &arts_class, v, 0);
		else
			wm_ref_object(out, WM_REF_STREAM, &arts_class, v, 0);
		return 1;
	}
	const wm_value *val = key->id >= 0 ? v->top_by_id[key->id]
	                    : wm_value_map_geth(v->top, key->ptr, key->len,
	                                        key->hash);
	if (!val)
		return 0;
	wm_value_ref(val, out);
	return 1;
}

static void top_json(const wm_ref *self, wm_buf *out)
{
	const wm_view *v = self->obj;
	wm_ref lead;
	wm_value_to_json(out, v->top);
	wm_buf_truncate(out, out->len - 1);
	wm_buf_puts(out, ",\"lead\":");
	wm_art_ref((wm_art *)(uintptr_t)&v->lead, &lead);
	wm_ref_json(out, &lead);
	wm_buf_puts(out, ",\"articles\":");
	if (v->feed) {
		wm_ref arts;
		wm_ref_object(&arts, WM_REF_LIST, &arts_class, v, 0);
		list_json(&arts, out);
	} else {
		wm_buf_puts(out, "[]");
	}
	wm_buf_putc(out, '}');
}

/* the top level: its own keys, and its map's (ids of their own, and any
 * other key, to be sure) */
static const wm_class top_class = {
	top_get, NULL, NULL, top_json,
	B(K_ARTICLES) | B(K_LEAD) | B(K_IS_FEED) | B(K_TITLE) | B(K_LANG) |
	B(K_LANG_GIVEN) | B(K_WEB) | B(K_FRONT_MATTER) | B(K_WIREMARK) | B(K_IDNO) |
	B(K_META) | WM_OTHER_KEYS};

void wm_view_open(wm_view *v, const wm_context *ctx,
                  const struct wm_data_hooks *const *hooks, int want_json,
                  const wm_article *lead, int is_feed, const wm_feed *feed)
{
	memset(v, 0, sizeof *v);
	v->ctx = ctx;
	v->hooks = hooks;
	v->want_json = want_json;
	v->top = wm_data_top(ctx, lead, is_feed, hooks);
	for (size_t i = 0, n = wm_value_map_len(v->top); i < n; i++) {
		const char *k = wm_value_map_key_at(v->top, i);
		int id = wm_view_key_id(k, strlen(k));
		if (id >= 0)
			v->top_by_id[id] = wm_value_map_value_at(v->top, i);
	}
	wm_art_init(&v->lead, v);
	wm_art_reset(&v->lead, lead, 0, !is_feed, 0);
	v->feed = feed;
	if (feed)
		v->arts = wm_xcalloc(feed->count, sizeof *v->arts);
}

void wm_view_close(wm_view *v)
{
	for (size_t i = 0; v->feed && i < v->feed->count; i++)
		wm_art_free(&v->arts[i]);
	free(v->arts);
	wm_art_free(&v->lead);
	wm_value_free(v->top);
}

void wm_view_root(wm_view *v, wm_ref *out)
{
	wm_ref_object(out, WM_REF_MAP, &top_class, v, 0);
}
