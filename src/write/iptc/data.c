/* The IPTC writers' own data (NITF and NewsML-G2): the times the schemas
 * want as xs:dateTime, which body NewsML-G2 carries, and the byline's
 * first line cut into the persons it names (docs/nitf.md, docs/newsml.md).
 *
 *   iptc.body_nitf   (top) true with -M body=nitf: NewsML-G2's inlineXML
 *                    holds NITF (else XHTML)
 *   iptc.sent        (top) a newsMessage's header/sent: the reference date
 *                    (--date) at midnight UTC, else the time now
 *   version_created  an item's versionCreated: the reference date, else the
 *                    dateline's date, else the time now (each at midnight
 *                    UTC but the time now)
 *   author_parts     the byline's first line cut into pieces that give it
 *                    back exactly, each {text} with is_person for a name:
 *                    "By " | "JANE DOE" | " and " | "JOHN ROE" | ", AP Writer"
 *
 * "The time now" is SOURCE_DATE_EPOCH's when that is set (reproducible
 * builds' convention), so that a run can be made to give the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../data.h"
#include "../view.h"

#define DATETIME_LEN 20 /* YYYY-MM-DDThh:mm:ssZ */
#define MAX_AUTHOR_PARTS 8

/* ---- times ------------------------------------------------------------- */

/* The time now as YYYY-MM-DDThh:mm:ssZ (SOURCE_DATE_EPOCH's, when set to
 * a number of seconds). */
static void now_utc(char out[DATETIME_LEN + 1])
{
	time_t t = time(NULL);
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch) {
		char *end;
		long long v = strtoll(epoch, &end, 10);
		if (*end == '\0' && v >= 0)
			t = (time_t)v;
	}
	struct tm tm;
	if (!gmtime_r(&t, &tm) ||
	    strftime(out, DATETIME_LEN + 1, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		memcpy(out, "1970-01-01T00:00:00Z", DATETIME_LEN + 1);
}

/* The reference date at midnight UTC, or the time now. */
static void reference_time(const wm_context *ctx, char out[DATETIME_LEN + 1])
{
	if (!ctx->has_date) {
		now_utc(out);
		return;
	}
	/* unsigned and cut to their widths: the compiler then sees that the
	 * text fits */
	snprintf(out, DATETIME_LEN + 1, "%04u-%02u-%02uT00:00:00Z",
	         (unsigned)ctx->year % 10000u, (unsigned)ctx->month % 100u,
	         (unsigned)ctx->day % 100u);
}

static void version_created(const wm_art *art, char out[DATETIME_LEN + 1])
{
	const wm_dateline *d = art->a->dateline;
	if (!art->view->ctx->has_date && d && d->iso_date) {
		memcpy(out, d->iso_date, 10); /* YYYY-MM-DD (the tree's rule 4) */
		memcpy(out + 10, "T00:00:00Z", 11);
	} else {
		reference_time(art->view->ctx, out);
	}
}

static void iptc_top(const wm_context *ctx, wm_value *top,
                     const wm_article *lead)
{
	(void)lead;
	wm_value *iptc = wm_value_map();
	const char *body = wm_data_meta(ctx, "body");
	ADD(iptc, "body_nitf", wm_value_bool(body && !strcmp(body, "nitf")));
	char sent[DATETIME_LEN + 1];
	reference_time(ctx, sent);
	ADD(iptc, "sent", wm_value_string(sent, DATETIME_LEN));
	ADD(top, "iptc", iptc);
}

/* ---- the byline's persons ---------------------------------------------- */

typedef struct author_part {
	const char *s;
	size_t len;
	int is_person;
} author_part;

/* Cuts the byline's first line into parts (at most MAX_AUTHOR_PARTS): the
 * text before the name ("By "), the names (two for "A and B", as the HTML
 * writer's JSON-LD reads them), the text after; a line that does not
 * start with "By", or names no one after it ("By ,X"), names no person (it
 * is one part: NITF's person may not be empty). */
static size_t cut_author(const char *byline, author_part *parts)
{
	size_t n = strcspn(byline, "\n"), len;
	const char *name = wm_view_author(byline, &len);
	if (len == 0 || (name == byline && len == n)) {
		parts[0] = (author_part){byline, n, 0};
		return 1;
	}
	size_t k = 0;
	parts[k++] = (author_part){byline, (size_t)(name - byline), 0};
	size_t sep;
	if (wm_view_author_pair(name, len, &sep)) {
		size_t second = sep + WM_VIEW_AND_LEN;
		parts[k++] = (author_part){name, sep, 1};
		parts[k++] = (author_part){name + sep, WM_VIEW_AND_LEN, 0};
		parts[k++] = (author_part){name + second, len - second, 1};
	} else {
		parts[k++] = (author_part){name, len, 1};
	}
	const char *end = name + len;
	if (end < byline + n)
		parts[k++] = (author_part){end, (size_t)(byline + n - end), 0};
	return k;
}

static int part_get(const wm_ref *self, const wm_key *key, wm_ref *out)
{
	if (key->id == K_TEXT) {
		wm_ref_string(out, self->s, self->len);
		return 1;
	}
	if (key->id == K_IS_PERSON) {
		wm_ref_bool(out, self->b);
		return 1;
	}
	return 0;
}

static void part_json(const wm_ref *self, wm_buf *out)
{
	wm_buf_puts(out, "{\"text\":");
	wm_ref_json_string(out, self->s, self->len);
	if (self->b)
		wm_buf_puts(out, ",\"is_person\":true");
	wm_buf_putc(out, '}');
}

static const wm_class part_class = {part_get, NULL, NULL, part_json,
                                    WM_KEY_BIT(K_TEXT) |
                                            WM_KEY_BIT(K_IS_PERSON)};

static const wm_art *art_of(const wm_ref *self)
{
	return self->obj;
}

static size_t parts_count(const wm_ref *self)
{
	author_part parts[MAX_AUTHOR_PARTS];
	return cut_author(art_of(self)->a->byline, parts);
}

static void parts_item(const wm_ref *self, size_t i, wm_ref *out)
{
	author_part parts[MAX_AUTHOR_PARTS];
	cut_author(art_of(self)->a->byline, parts);
	wm_ref_object(out, WM_REF_MAP, &part_class, self->obj, i);
	out->s = parts[i].s;
	out->len = parts[i].len;
	out->b = parts[i].is_person;
}

static void parts_json(const wm_ref *self, wm_buf *out)
{
	size_t n = parts_count(self);
	wm_buf_putc(out, '[');
	for (size_t i = 0; i < n; i++) {
		wm_ref item;
		parts_item(self, i, &item);
		if (i)
			wm_buf_putc(out, ',');
		part_json(&item, out);
	}
	wm_buf_putc(out, ']');
}

static const wm_class parts_class = {NULL, parts_count, parts_item,
                                     parts_json, 0};

/* ---- an article's values ------------------------------------------------ */

static int iptc_get(wm_art *art, int id, wm_ref *out)
{
	switch (id) {
	case K_VERSION_CREATED:
		if (!(art->have & ART_VERSION_CREATED)) {
			version_created(art, art->version_created);
			art->have |= ART_VERSION_CREATED;
		}
		wm_ref_string(out, art->version_created, DATETIME_LEN);
		return 1;
	case K_AUTHOR_PARTS:
		if (!art->a->byline)
			return 0;
		wm_ref_object(out, WM_REF_LIST, &parts_class, art, 0);
		return 1;
	default:
		return 0;
	}
}

static const int iptc_keys[] = {K_VERSION_CREATED, K_AUTHOR_PARTS, -1};
static const wm_view_hooks iptc_view = {iptc_get, iptc_keys};

/* -M body is nitf or xhtml (NewsML-G2's body). */
static void check_meta(wm_context *ctx)
{
	const char *body = wm_data_meta(ctx, "body");
	if (body && strcmp(body, "nitf") && strcmp(body, "xhtml"))
		wm_report(ctx, WM_SEVERITY_WARNING, WM_DIAG_BAD_OPTION, NULL, 0, 0,
		          "meta body is neither nitf nor xhtml: using xhtml");
}

const wm_data_hooks wm_iptc_data = {iptc_top, &iptc_view, check_meta};
