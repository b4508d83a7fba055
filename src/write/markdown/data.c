/* The Markdown writer's own data: the YAML front matter. */
#include <stdio.h>
#include <string.h>

#include "../data.h"
#include "../escape.h"

static void front_entry(wm_value *list, const char *key, const char *val,
                        int number)
{
	if (!val)
		return;
	wm_value *e = wm_value_map_sized(3);
	ADD_STR(e, "key", key);
	wm_buf q = WM_BUF_INIT;
	wm_yaml_key(&q, key);
	ADD(e, "yaml_key", wm_value_string(q.ptr, q.len));
	wm_buf_truncate(&q, 0);
	if (number)
		wm_buf_puts(&q, val);
	else
		wm_yaml_value(&q, val);
	ADD(e, "yaml", wm_value_string(q.ptr, q.len));
	wm_buf_free(&q);
	wm_value_list_push(list, e);
}

/* YAML front matter for Markdown: the first article's title, date (ISO),
 * dateline, place, agency, byline, source, line and slug (where it came
 * from, for the Markdown reader), then every -M key; an -M key of one of
 * those names gives its value.  Each entry: key, yaml_key and yaml (quoted
 * as YAML needs, see wm_yaml_key). */
static void front_matter(const wm_context *ctx, wm_value *top,
                         const wm_article *a)
{
	const wm_dateline *d = a ? a->dateline : NULL;
	char line[24];
	snprintf(line, sizeof line, "%u", a ? a->line : 0);
	const struct {
		const char *key, *val;
	} own[] = {{"title", a ? a->headline : NULL},
	           {"date", d ? d->iso_date : NULL},
	           {"dateline", d ? d->text : NULL},
	           {"place", d ? d->place : NULL},
	           {"agency", d ? d->agency : NULL},
	           {"byline", a ? a->byline : NULL},
	           {"source", a ? a->source : NULL},
	           {"line", a && a->line ? line : NULL},
	           {"slug", a ? a->slug : NULL}};
	size_t nown = sizeof own / sizeof *own;
	wm_value *list = wm_value_list();
	for (size_t k = 0; k < nown; k++) {
		const char *val = own[k].val;
		int number = val == line;
		for (size_t i = 0; i < ctx->nmeta; i++)
			if (strcmp(ctx->meta[i].key, own[k].key) == 0) {
				val = ctx->meta[i].value;
				number = 0;
			}
		front_entry(list, own[k].key, val, number);
	}
	for (size_t i = 0; i < ctx->nmeta; i++) {
		int dup = 0;
		for (size_t k = 0; k < nown; k++)
			dup |= strcmp(ctx->meta[i].key, own[k].key) == 0;
		if (!dup)
			front_entry(list, ctx->meta[i].key, ctx->meta[i].value, 0);
	}
	/* the article's own metadata, as "wire.KEY" (docs/transmissions.md) */
	for (size_t i = 0; a && i < a->nmeta; i++) {
		if (!wm_data_plain_key(a->meta[i].key))
			continue;
		wm_buf k = WM_BUF_INIT;
		wm_buf_printf(&k, "wire.%s", a->meta[i].key);
		front_entry(list, k.ptr, a->meta[i].value, 0);
		wm_buf_free(&k);
	}
	ADD(top, "front_matter", list);
}

const wm_data_hooks wm_markdown_data = {front_matter, NULL, NULL};
