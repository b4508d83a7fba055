/* The data templates render, read straight from the tree.
 *
 * A template's tags name the values of data.h (docs/templates.md lists
 * them).  No value tree is built for an article: the compiled template
 * holds refs (template/ref.h) to the tree, and the classes here answer
 * each key from the article itself, computing derived values (the
 * dateline's parts, the byline's author, a fence, ...) when asked, and
 * the costly ones (the JSON form, the HTML writer's description and
 * JSON-LD) once per article, kept in the article's view.  The top level
 * (title, lang, meta, the formats' own top values) is a small value tree
 * made once per output.
 *
 * Keys are resolved when a template is compiled (wm_view_key_id): the
 * classes switch on ids.  An article's values appear in the order of
 * data.h; that order is also their JSON order ({{.}} of an article).
 */
#ifndef WM_WRITE_VIEW_H
#define WM_WRITE_VIEW_H

#include "../context/context.h"
#include "../template/ref.h"
#include "../template/value.h"
#include "../tree/tree.h"

/* The ids of the keys the classes know. */
enum wm_view_key {
	K_HEADLINE, K_DECK, K_BYLINE, K_DATELINE, K_BODY, K_TRAILER, K_META,
	K_WIRE_META, K_BYLINE_LINES, K_BY_PREFIX, K_AUTHOR, K_BY_SUFFIX,
	K_IDNO, K_INDEX, K_FIRST, K_DATELINE_ALONE, K_DESCRIPTION,
	K_WORD_COUNT, K_JSONLD, K_JSON, K_VERSION_CREATED, K_AUTHOR_PARTS,
	/* a dateline's */
	K_TEXT, K_PLACE, K_REGION, K_DATE, K_ISO_DATE, K_AGENCY, K_DASH,
	K_PARTS,
	/* a part's flags */
	K_IS_PLACE, K_IS_REGION, K_IS_DATE, K_IS_AGENCY, K_IS_DASH, K_IS_OTHER,
	/* an author part's (NITF's byline) */
	K_IS_PERSON,
	/* a block's */
	K_TYPE, K_IS_PARAGRAPH, K_IS_PREFORMATTED, K_N, K_FENCE, K_LINES,
	/* a wire_meta entry's */
	K_KEY, K_VALUE,
	/* the top level's own */
	K_ARTICLES, K_LEAD, K_IS_FEED, K_TITLE, K_LANG, K_LANG_GIVEN, K_WEB,
	K_FRONT_MATTER, K_WIREMARK,
	K_MAX
};

/* The id of name[0..len), or -1 (for the compiler: env.key_id). */
int wm_view_key_id(const char *name, size_t len);

typedef struct wm_view wm_view;

/* An article seen by templates: the tree, its place in the feed, and the
 * values computed from it so far. */
typedef struct wm_art {
	const wm_view *view;
	const wm_article *a;
	size_t index;     /* 0-based */
	int single;       /* the only article */
	int want_json;    /* has the "json" value */
	unsigned have;    /* which caches below hold their value */
	wm_buf json;      /* the JSON form */
	wm_buf own[2];    /* a format's own values (write/html/data.c) */
	wm_buf scratch;   /* and the room it works in */
	double own_number;
	struct wm_part {
		const char *s;
		size_t len;
		int flag;     /* K_IS_PLACE ... K_IS_OTHER */
	} parts[12];
	size_t nparts;
	char idno[19];
	char version_created[21]; /* YYYY-MM-DDThh:mm:ssZ (write/iptc/data.c) */
	const char *line_text; /* the lines read last: their text, */
	size_t line_k, line_off; /* the line, and where it starts */
	char *fence;      /* a fence longer than the static one */
} wm_art;

enum { ART_JSON = 1, ART_PARTS = 2, ART_OWN0 = 4, ART_OWN1 = 8,
       ART_OWN_NUMBER = 16, ART_IDNO = 32, ART_VERSION_CREATED = 64 };

/* A format's own values of an article (see data.h's wm_data_hooks). */
typedef struct wm_view_hooks {
	/* sets *out to the value of key id for art, returns 1; 0 when the key
	 * is not the format's */
	int (*get)(wm_art *art, int id, wm_ref *out);
	const int *keys; /* the ids it gives, in order, ending with -1 */
} wm_view_hooks;

struct wm_view {
	const wm_context *ctx;
	const struct wm_data_hooks *const *hooks;
	int want_json;     /* articles have "json" */
	wm_value *top;     /* the top level's values but lead and articles */
	const wm_value *top_by_id[K_MAX]; /* those of them whose key has an id */
	wm_art lead;
	const wm_feed *feed; /* the articles, or NULL when they stream */
	wm_art *arts;        /* the feed's views, made as they are used */
	wm_art *current;     /* the streamed article */
};

/* A view of the output whose first article is lead: is_feed when more
 * follow, feed when they are all known (else they stream through
 * wm_view_stream_article). */
void wm_view_open(wm_view *v, const wm_context *ctx,
                  const struct wm_data_hooks *const *hooks, int want_json,
                  const wm_article *lead, int is_feed, const wm_feed *feed);
void wm_view_close(wm_view *v);

/* The ref the template starts from. */
void wm_view_root(wm_view *v, wm_ref *out);

/* Makes art the view of a (index-th, 0-based), reusing its memory;
 * wm_art_init first, wm_art_free last. */
void wm_art_init(wm_art *art, const wm_view *v);
void wm_art_reset(wm_art *art, const wm_article *a, size_t index, int single,
                  int want_json);
void wm_art_free(wm_art *art);
void wm_art_ref(wm_art *art, wm_ref *out);

/* The article's JSON form (what -t json prints), kept in art. */
const wm_buf *wm_art_json(wm_art *art);

/* The author a byline names: its first line without "By " and what
 * follows the name (", Associated Press Writer"), or the whole first line
 * when it does not start with "By"; *len gets its length. */
const char *wm_view_author(const char *byline, size_t *len);

#endif
