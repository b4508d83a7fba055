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

/* The keys the classes know: each key's id and its name, in one list (the
 * ids index the names; an article's keys come first, before K_TEXT). */
#define WM_VIEW_KEYS(X)                                                        \
	X(K_HEADLINE, "headline") X(K_DECK, "deck") X(K_BYLINE, "byline")         \
	X(K_DATELINE, "dateline") X(K_BODY, "body") X(K_TRAILER, "trailer")       \
	X(K_META, "meta") X(K_WIRE_META, "wire_meta")                             \
	X(K_BYLINE_LINES, "byline_lines") X(K_BY_PREFIX, "by_prefix")             \
	X(K_AUTHOR, "author") X(K_BY_SUFFIX, "by_suffix") X(K_IDNO, "idno")       \
	X(K_INDEX, "index") X(K_FIRST, "first")                                   \
	X(K_DATELINE_ALONE, "dateline_alone") X(K_DESCRIPTION, "description")     \
	X(K_WORD_COUNT, "word_count") X(K_JSONLD, "jsonld") X(K_JSON, "json")     \
	X(K_VERSION_CREATED, "version_created")                                   \
	X(K_AUTHOR_PARTS, "author_parts")                                         \
	/* a dateline's */                                                        \
	X(K_TEXT, "text") X(K_PLACE, "place") X(K_REGION, "region")               \
	X(K_DATE, "date") X(K_ISO_DATE, "iso_date") X(K_AGENCY, "agency")         \
	X(K_DASH, "dash") X(K_PARTS, "parts")                                     \
	/* a part's flags */                                                      \
	X(K_IS_PLACE, "is_place") X(K_IS_REGION, "is_region")                    \
	X(K_IS_DATE, "is_date") X(K_IS_AGENCY, "is_agency")                       \
	X(K_IS_DASH, "is_dash") X(K_IS_OTHER, "is_other")                         \
	/* an author part's (NITF's byline) */                                    \
	X(K_IS_PERSON, "is_person")                                               \
	/* a block's */                                                           \
	X(K_TYPE, "type") X(K_IS_PARAGRAPH, "is_paragraph")                       \
	X(K_IS_PREFORMATTED, "is_preformatted") X(K_N, "n") X(K_FENCE, "fence")   \
	X(K_LINES, "lines")                                                       \
	/* a wire_meta entry's */                                                 \
	X(K_KEY, "key") X(K_VALUE, "value")                                       \
	/* the top level's own */                                                 \
	X(K_ARTICLES, "articles") X(K_LEAD, "lead") X(K_IS_FEED, "is_feed")       \
	X(K_TITLE, "title") X(K_LANG, "lang") X(K_LANG_GIVEN, "lang_given")       \
	X(K_WEB, "web") X(K_FRONT_MATTER, "front_matter")                         \
	X(K_WIREMARK, "wiremark")

/* The ids of the keys the classes know. */
enum wm_view_key {
#define WM_VIEW_KEY_ID(id, name) id,
	WM_VIEW_KEYS(WM_VIEW_KEY_ID)
#undef WM_VIEW_KEY_ID
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

/* Whether the author names[0..len) is two people, "A and B": 1 with *sep
 * the offset of " and " (WM_VIEW_AND_LEN bytes), else 0.  The HTML
 * writer's JSON-LD and NITF's persons read a byline alike. */
#define WM_VIEW_AND_LEN 5
int wm_view_author_pair(const char *names, size_t len, size_t *sep);

#endif
