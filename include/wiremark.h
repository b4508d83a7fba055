/* wiremark.h: the one public header of libwiremark.
 *
 * libwiremark turns wire-style news articles (plain text as news agencies
 * send it: headline, dateline, byline, paragraphs, trailer) into Markdown,
 * HTML, TEI-XML and JSON.
 *
 *     bytes --read--> document tree --write (template)--> bytes
 *
 * Conventions for every function below:
 * - All types are opaque; they are made and freed only through this API.
 * - Strings in and out are UTF-8 and NUL-terminated unless a length is given.
 *   Strings returned by accessors belong to the object they come from and
 *   live as long as it does; the caller never frees them.
 * - Functions named *_free accept NULL and do nothing with it.
 * - Functions that can fail return NULL or a negative wm_status; the reason
 *   reaches the diagnostic callback of the wm_context in use.
 * - Out of memory aborts the process with a message (one policy, as cmark).
 * - "Since 0.1" marks the version that added each function.
 */
#ifndef WIREMARK_H
#define WIREMARK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define WM_API
#elif defined(__GNUC__)
#define WM_API __attribute__((visibility("default")))
#else
#define WM_API
#endif

#define WM_VERSION_MAJOR 0
#define WM_VERSION_MINOR 1
#define WM_VERSION_PATCH 0
#define WM_VERSION_STRING "0.1.0"

/* The library's version at run time ("0.1.0"). Since 0.1. */
WM_API const char *wm_version(void);

/* ---- Formats ------------------------------------------------------------ */

typedef enum wm_format {
	WM_FORMAT_WIRE,     /* reader only: agency plain text */
	WM_FORMAT_MARKDOWN, /* reader and writer (CommonMark, through cmark) */
	WM_FORMAT_HTML,     /* reader and writer (HTML5; reads wiremark's HTML
	                       and plain article pages) */
	WM_FORMAT_TEI,      /* reader and writer (TEI P5 XML; reads wiremark's
	                       TEI, teiCorpus, and plain TEI news) */
	WM_FORMAT_JSON,     /* reader and writer (one JSON object per article
	                       per line) */
	WM_FORMAT_NITF,     /* IPTC NITF: reader (2.5 to 3.6, with or without
	                       its namespace) and writer (NITF 3.6; a feed in
	                       one output is a NewsML-G2 newsMessage of NITF
	                       items) since 0.2 */
	WM_FORMAT_NEWSML,   /* IPTC NewsML-G2: reader (2.x newsItem,
	                       newsMessage, packageItem; NewsML 1.x around
	                       NITF) and writer (2.35 newsItem, a newsMessage
	                       for a feed) since 0.2 */
	WM_FORMAT_MAX       /* sentinel; not a format */
} wm_format;

/* The format's name ("wire", "markdown", ...); NULL if out of range.
 * Since 0.1. */
WM_API const char *wm_format_name(wm_format f);
/* The format named name (also accepts "md", "commonmark", "xml" and "htm");
 * -1 if unknown.
 * Since 0.1. */
WM_API int wm_format_from_name(const char *name);
/* The format of an input, from its name (may be NULL) and its first
 * bytes (len of them; a few KiB are enough): ".nitf" is NITF; XML (a name
 * ending ".xml", or bytes that start with an XML declaration) by its root
 * element: nitf is NITF, newsItem, newsMessage, packageItem and NewsML
 * 1.x's NewsML are WM_FORMAT_NEWSML, TEI and teiCorpus TEI.  -1 when it
 * cannot tell (the caller's default applies: the wire reader's, for the
 * wiremark program).  Reads nothing but bytes[0..len).  Since 0.2. */
WM_API int wm_format_detect(const char *name, const char *bytes, size_t len);

/* Whether this version can read / write the format. Since 0.1. */
WM_API int wm_format_can_read(wm_format f);
WM_API int wm_format_can_write(wm_format f);

/* ---- Status and diagnostics --------------------------------------------- */

typedef enum wm_status {
	WM_OK = 0,
	WM_ERR_USAGE = -1,    /* bad argument to a library call */
	WM_ERR_INPUT = -2,    /* input could not be converted */
	WM_ERR_TEMPLATE = -3, /* a template failed to parse or render */
	WM_ERR_UNSUPPORTED = -4,
	WM_ERR_OUTPUT = -5    /* the output could not be written (a sink
	                         failed) */
} wm_status;

typedef enum wm_severity {
	WM_SEVERITY_WARNING,
	WM_SEVERITY_ERROR
} wm_severity;

/* Stable diagnostic codes; new ones are added at the end, none is reused. */
typedef enum wm_diag_code {
	WM_DIAG_INVALID_UTF8 = 1,  /* input read as Windows-1252 */
	WM_DIAG_CONTROL_CHAR = 2,  /* a C0 control character in the text */
	WM_DIAG_NUL_BYTE = 3,      /* a NUL byte, dropped */
	WM_DIAG_NO_HEADLINE = 4,   /* empty input, nothing to convert */
	WM_DIAG_TEMPLATE = 5,      /* template syntax or render error */
	WM_DIAG_BAD_OPTION = 6,    /* bad value given to the context */
	WM_DIAG_DATE = 7,          /* a dateline's date read despite a typo or
	                              odd case, or impossible (kept as text) */
	WM_DIAG_MALFORMED = 8,     /* input that does not parse, or a field of
	                              the wrong type (JSON reader); XML that is
	                              not well-formed or declares entities (TEI
	                              reader) */
	WM_DIAG_INVALID_OUTPUT = 9, /* wm_validate: the output is not valid */
	WM_DIAG_NOT_READ = 10,     /* markup a reader has no place for in the
	                              tree: left out, or kept as text */
	WM_DIAG_LIMIT = 11,        /* a limit of the context reached (see
	                              wm_context_set_limit) */
	WM_DIAG_LIBRARY = 12,      /* a library the conversion needs (libxml2
	                              for TEI and HTML, cmark for Markdown,
	                              jansson for JSON), opened on first use,
	                              cannot be loaded or is too old */
	WM_DIAG_CODE_MAX
} wm_diag_code;

/* One message.  file is the source name given to wm_read (may be "-");
 * line and col are 1-based (0 when not tied to a place). */
typedef struct wm_diag {
	wm_severity severity;
	wm_diag_code code;
	const char *file;
	unsigned line;
	unsigned col;
	const char *message;
} wm_diag;

typedef void (*wm_diag_fn)(const wm_diag *diag, void *userdata);

/* ---- Context: settings shared by reading and writing ---------------------- */

typedef struct wm_context wm_context;

/* A new context with defaults: no reference date, no meta, built-in
 * templates, messages printed to stderr as "file:line:col: warning: ...".
 * Free with wm_context_free. Since 0.1.
 *
 * Threads: calls only read a context, so several threads may convert
 * with one context at once (or with one each); the wm_context_set_*
 * functions and wm_context_free must not run while a call on that context
 * runs, and the callback is called from the thread of the call (for a
 * shared context, from several at once).  See wiremark(3). */
WM_API wm_context *wm_context_new(void);
WM_API void wm_context_free(wm_context *ctx);

/* Sends messages to fn instead of stderr; fn NULL silences them. Since 0.1. */
WM_API void wm_context_set_diag(wm_context *ctx, wm_diag_fn fn, void *userdata);

/* The reference date (YYYY-MM-DD) that resolves dates without a year: a date
 * takes the latest year that puts it on or before this one.  NULL clears it.
 * Returns WM_OK, or WM_ERR_USAGE for a malformed or impossible date.
 * Since 0.1. */
WM_API int wm_context_set_date(wm_context *ctx, const char *iso_date);

/* Wraps the paragraphs (byline and trailer included) of Markdown output at
 * columns characters; 0, the default, never wraps.  A line breaks only at
 * a single space before a word that cannot start a block, so a word longer
 * than the width stays whole.  Returns WM_OK. Since 0.1. */
WM_API int wm_context_set_columns(wm_context *ctx, unsigned columns);

/* Adds or replaces a metadata value (templates see it as meta.KEY).  The key
 * must be non-empty and made of letters, digits, '_', '-' or '.'; the value
 * must be UTF-8.  Returns WM_OK or WM_ERR_USAGE. Since 0.1. */
WM_API int wm_context_set_meta(wm_context *ctx, const char *key,
                               const char *value);

/* Replaces the built-in template of a writer with src[0..len) (copied).
 * dir, when not NULL, is the folder where its partials are looked up before
 * the built-in ones.  Returns WM_OK, WM_ERR_USAGE (format has no writer) or
 * WM_ERR_TEMPLATE (syntax error, or a NUL byte in src, which would reach
 * the output: reported through the callback, with line and column).
 * Since 0.1. */
WM_API int wm_context_set_template(wm_context *ctx, wm_format format,
                                   const char *src, size_t len,
                                   const char *name, const char *dir);

/* The built-in template of a writer (NUL-terminated, static), NULL when the
 * format has none.  standalone selects the whole-document template.
 * Since 0.1. */
WM_API const char *wm_builtin_template(wm_format format, int standalone);

/* ---- Reading -------------------------------------------------------------- */

/* Reading options: bit flags, 0 is the default. */
#define WM_READ_DEFAULT 0u
/* Treat input that is not valid UTF-8 as an error instead of reading it as
 * Windows-1252. */
#define WM_READ_STRICT_UTF8 (1u << 0)

typedef struct wm_feed wm_feed;
typedef struct wm_article wm_article;
typedef struct wm_dateline wm_dateline;
typedef struct wm_block wm_block;

/* Reads bytes[0..len) in format (one that wm_format_can_read accepts).
 * source names the input in messages and in the JSON form's meta.source
 * (NULL: "-").  Returns a feed the caller frees with wm_feed_free, or NULL
 * when nothing could be read (the reason goes to the callback); a feed with
 * zero articles is never returned.  WM_FORMAT_JSON reads the JSON form
 * (one object per article, one after the other, on one line each or
 * spread over several); an object that does not parse, or has a field of
 * the wrong type, is reported as an error (WM_DIAG_MALFORMED, with its line
 * and column) and left out, and the others are read: count the errors in
 * your callback to tell.  WM_FORMAT_TEI reads the bytes as XML (their own
 * encoding declaration applies; options are ignored) and never loads a
 * DTD, an external entity or anything from the network: XML that is not
 * well-formed, or declares entities, is an error (WM_DIAG_MALFORMED, with
 * line and column) and nothing is read; an article wiremark wrote keeps
 * the source and line its TEI header records.  WM_FORMAT_NITF and
 * WM_FORMAT_NEWSML (since 0.2) parse as safely as TEI, the declared
 * encoding applying but that a declared ISO-8859-1 over bytes that are
 * UTF-8 is read as UTF-8 (a warning, WM_DIAG_INVALID_UTF8); a NewsML
 * item that is not text is skipped with a warning (WM_DIAG_NOT_READ), and
 * a text item with no text, a NITF with an empty body or a root element
 * of another format is an error (docs/nitf.md, docs/newsml.md).
 * WM_FORMAT_MARKDOWN reads
 * CommonMark through cmark: wiremark's Markdown back to the same articles
 * (its front matter gives the source, line and slug), and notes of the same
 * shape; Markdown the tree has no place for (lists, links, emphasis inside
 * a paragraph, ...) is kept as text, with a warning (WM_DIAG_NOT_READ) at
 * its line and column.  Binary data (a NUL byte, or more than one in ten
 * control characters and 8 at least, in the first 4096 bytes) is an error
 * in every format but TEI (WM_DIAG_MALFORMED: "binary file (...), not wire
 * text"), and NULL.  Since 0.1. */
WM_API wm_feed *wm_read(wm_context *ctx, wm_format format, const char *bytes,
                        size_t len, const char *source, unsigned options);

/* Frees a feed and everything in it: its articles and all the strings and
 * blocks the accessors below returned.  NULL does nothing. Since 0.1. */
WM_API void wm_feed_free(wm_feed *feed);

/* Moves every article of src to the end of dst and frees src (src may be
 * NULL: nothing happens). Since 0.1. */
WM_API void wm_feed_append(wm_feed *dst, wm_feed *src);

/* Explains how the wire reader reads bytes[0..len) (wire text; source and
 * options as for wm_read): every input line, each followed by what it was
 * read as and the rule that decided it ("headline", "paragraph",
 * "dateline", "trailer", ... and, where a dateline was looked for and not
 * found, why not).  Stores malloc'd NUL-terminated text in *out (its length
 * in *outlen when outlen is not NULL); the caller frees it with free().
 * Returns WM_OK, or WM_ERR_INPUT with *out NULL when the input cannot be
 * read (the reason goes to the callback).  Meant for people, not programs:
 * the wording may change between versions. Since 0.1. */
WM_API int wm_explain(wm_context *ctx, const char *bytes, size_t len,
                      const char *source, unsigned options, char **out,
                      size_t *outlen);

/* ---- The document tree (read-only access) --------------------------------- */

/* Articles of a feed, in input order. Since 0.1. */
WM_API size_t wm_feed_count(const wm_feed *feed);
WM_API const wm_article *wm_feed_article(const wm_feed *feed, size_t i);

/* An article's parts; NULL where the article has none.  The headline is
 * never NULL. Since 0.1. */
WM_API const char *wm_article_headline(const wm_article *a);
WM_API const char *wm_article_deck(const wm_article *a);
WM_API const char *wm_article_byline(const wm_article *a);
WM_API const wm_dateline *wm_article_dateline(const wm_article *a);
WM_API const char *wm_article_trailer(const wm_article *a);
WM_API const char *wm_article_source(const wm_article *a);
/* The slug: the keyword line some agencies send before the headline
 * ("BC-Senate-Budget,0456"), or the transmission header between SOH and
 * STX of an IPTC 7901 / ANPA-1312 feed; metadata, as written.  NULL where
 * the article has none. Since 0.1. */
WM_API const char *wm_article_slug(const wm_article *a);
/* Line of the headline in the source (1-based; 0 when unknown), the number
 * of body blocks, and block i (NULL when i is out of range). Since 0.1. */
WM_API unsigned wm_article_line(const wm_article *a);
WM_API size_t wm_article_block_count(const wm_article *a);
WM_API const wm_block *wm_article_block(const wm_article *a, size_t i);

typedef enum wm_block_type {
	WM_BLOCK_PARAGRAPH,
	WM_BLOCK_PREFORMATTED,
	WM_BLOCK_MAX
} wm_block_type;

/* A body block.  The first paragraph's text excludes the dateline.
 * Preformatted text keeps its lines, joined with '\n'. Since 0.1. */
WM_API wm_block_type wm_block_type_of(const wm_block *b);
WM_API const char *wm_block_text(const wm_block *b);
WM_API unsigned wm_block_line(const wm_block *b);

/* The dateline.  text is as written (dash included), place the city (or
 * cities), region what follows it ("Ore.", "Australia"), date as written,
 * iso_date YYYY-MM-DD when the date resolves against the context's reference
 * date, agency the credit ("AP", "Reuters"), dash the dash as written.
 * Each may be NULL but text, place-or-agency, and dash. Since 0.1. */
WM_API const char *wm_dateline_text(const wm_dateline *d);
WM_API const char *wm_dateline_place(const wm_dateline *d);
WM_API const char *wm_dateline_region(const wm_dateline *d);
WM_API const char *wm_dateline_date(const wm_dateline *d);
WM_API const char *wm_dateline_iso_date(const wm_dateline *d);
WM_API const char *wm_dateline_agency(const wm_dateline *d);
WM_API const char *wm_dateline_dash(const wm_dateline *d);
WM_API unsigned wm_dateline_line(const wm_dateline *d);

/* Checks the tree's rules (see src/tree/tree.h); returns WM_OK or
 * WM_ERR_INPUT and, when msg is not NULL, points it at a static text naming
 * the first rule broken.  Since 0.1. */
WM_API int wm_feed_check(const wm_feed *feed, const char **msg);

/* ---- Limits ----------------------------------------------------------------- */

/* Limits on what one call may take, so that no input, however large or
 * odd, makes the library use unbounded memory or time.  Reaching one is an
 * error (WM_DIAG_LIMIT) naming the limit, at the place it was passed where
 * there is one; docs/limits.md has them all. */
typedef enum wm_limit {
	WM_LIMIT_INPUT_SIZE,     /* bytes of one input given to wm_read or
	                            wm_explain; default 1 GiB (1073741824).
	                            More: an error, nothing read */
	WM_LIMIT_LINE_LENGTH,    /* bytes of one line of an input (up to '\n'
	                            or '\r'); default 256 MiB (268435456).
	                            Longer: an error at the line and the column
	                            where the limit is passed, nothing read */
	WM_LIMIT_ARTICLES,       /* articles one wm_read call may return;
	                            default 10000000.  More: an error at the
	                            line of the first article too many, nothing
	                            read from that input */
	WM_LIMIT_TEMPLATE_DEPTH, /* nesting of sections, partials, parents and
	                            blocks while wm_write renders; default 64,
	                            at most 1024.  Deeper: a template error */
	WM_LIMIT_MAX             /* sentinel; not a limit */
} wm_limit;

/* Sets a limit of the context; value 0 restores the default.  Returns
 * WM_OK, or WM_ERR_USAGE (which out of range, template depth above 1024).
 * wm_context_limit returns the limit in force (0 for which out of range).
 * Since 0.1. */
WM_API int wm_context_set_limit(wm_context *ctx, wm_limit which, size_t value);
WM_API size_t wm_context_limit(const wm_context *ctx, wm_limit which);

/* ---- Writing -------------------------------------------------------------- */

/* Writing options: bit flags, 0 is the default. */
#define WM_WRITE_DEFAULT 0u
/* A whole document: an HTML page, Markdown with YAML front matter.  TEI and
 * JSON are always whole documents. */
#define WM_WRITE_STANDALONE (1u << 0)

/* Writes feed in format and stores a malloc'd NUL-terminated result in *out
 * (its length in *len when len is not NULL); the caller frees *out with
 * free().  Returns WM_OK, or a negative wm_status with *out set to NULL.
 * Since 0.1. */
WM_API int wm_write(wm_context *ctx, const wm_feed *feed, wm_format format,
                    unsigned options, char **out, size_t *len);

/* Convenience: wm_read of wire text then wm_write. Since 0.1. */
WM_API int wm_convert(wm_context *ctx, const char *bytes, size_t len,
                      const char *source, wm_format format, unsigned options,
                      char **out, size_t *outlen);

/* Checks doc[0..len), written by wm_write for feed in format with options,
 * by reading it back: TEI against wiremark's RELAX NG schema of the TEI it
 * writes (schemas/wiremark-tei.rng, compiled in; libxml2), NITF and
 * NewsML-G2 against its schema of those (schemas/wiremark-iptc.rng), HTML with
 * libxml2's HTML parser (its errors, HTML5 elements aside; one h1 per
 * article), Markdown with cmark (as many blocks as the articles make),
 * JSON with the JSON reader (as many articles).  name (NULL: "-") names
 * doc in the messages: each problem is an error "name:line: ..."
 * (WM_DIAG_INVALID_OUTPUT), ten at most.  Returns WM_OK, WM_ERR_INPUT when
 * doc is not valid, or WM_ERR_USAGE (feed or doc NULL, format has no
 * writer).  Output of a template of your own is checked the same way.
 * Since 0.1. */
WM_API int wm_validate(wm_context *ctx, const wm_feed *feed, wm_format format,
                       unsigned options, const char *doc, size_t len,
                       const char *name);

/* ---- Streaming ------------------------------------------------------------ */

/* Gives the next bytes of input: stores up to cap bytes in buf, points
 * *source at the name of where they come from (messages use it; it must
 * stay valid until the next call) and returns their count.  Returns 0 with
 * *source set to say that source has ended (it may have given no bytes:
 * an empty file); bytes after that start a new source, as a new name
 * does; and a source ends the article before it, as separate files do.
 * Returns 0 with *source left NULL at the end of all input, and -1 on an
 * error (yours to report; the conversion stops, WM_ERR_INPUT).  A second 0
 * in a row with the same *source (the same pointer, the same name) is the
 * end of all input too, so that a pull over fread that names its source on
 * every call ends (examples/stream.c); two empty sources of the same name
 * in a row need names at different addresses.  Since 0.1. */
typedef long (*wm_pull_fn)(char *buf, size_t cap, const char **source,
                           void *userdata);

/* Takes len bytes of output; returns 0, or non-zero when they could not be
 * written (the conversion stops, WM_ERR_OUTPUT).  Since 0.1. */
typedef int (*wm_sink_fn)(const char *bytes, size_t len, void *userdata);

/* Converts input in format from (read as wm_read does, with its options)
 * to format to (written as wm_write does, with its options) as a stream:
 * the bytes come from pull as they come, and each article's output goes
 * to sink as soon as the article is read and the one after it seen (the
 * page or corpus around the articles before the first and after the
 * last).  Wire text (and with it, most feeds) is read in parts, so memory
 * grows with the largest article, not with the input: see src/read/split.h
 * for where a feed is cut and the two differences (invalid UTF-8 makes a
 * part Windows-1252, not the whole file; binary data is told from the
 * first bytes pull gives, up to 4096).  Other formats are read source
 * by source, whole; and a template of your own (wm_context_set_template)
 * is filled with the whole feed at once, as wm_write does, since it may go
 * through the articles more than once.  The output is the same as
 * wm_read then wm_write on all the input.
 * A source with no article is reported (WM_DIAG_NO_HEADLINE) and the
 * others are converted.  Returns WM_OK; WM_ERR_INPUT when no article was
 * read at all (nothing was given to sink) or pull failed;
 * WM_ERR_TEMPLATE; WM_ERR_OUTPUT when sink failed; WM_ERR_USAGE for a
 * bad argument.  Count the errors in your diagnostic callback to tell
 * whether some of the input was left out.  Since 0.1. */
WM_API int wm_convert_stream(wm_context *ctx, wm_format from,
                             unsigned read_options, wm_pull_fn pull,
                             void *pull_data, wm_format to,
                             unsigned write_options, wm_sink_fn sink,
                             void *sink_data);

/* JSON Lines, for data pipelines (Hadoop Streaming, Spark's RDD.pipe(),
 * GNU parallel --pipe): each input line is a record {"id": ..., "text":
 * "wire text"} ("id" optional: any JSON value; a string or integer id is
 * also the articles' meta.id); blank lines are skipped.  Each record gives
 * one output line {"id": ..., "format": "html", "output": "..."} (written
 * as wm_write does, with options), or, when to is WM_FORMAT_JSON, the
 * articles' JSON form, one line each.  A record that cannot be converted
 * (not JSON, no "text", no article, past the line-length limit) is
 * reported (file:line) and gives {"id": ..., "format": ..., "error":
 * "message"}, so outputs stay in step with inputs; the others go on.
 * Every output line is JSON in UTF-8: ids, source names and messages are
 * written whole, and the bytes of a source name that are not UTF-8 as
 * U+FFFD (in the messages too).  A new source name ends the line the
 * source before left without a line feed (its last record).
 * Memory holds one record at a time.  Returns WM_OK; WM_ERR_INPUT when a
 * record failed or pull did; WM_ERR_OUTPUT when sink failed; WM_ERR_USAGE.
 * Since 0.1. */
WM_API int wm_convert_jsonl(wm_context *ctx, wm_pull_fn pull, void *pull_data,
                            wm_format to, unsigned write_options,
                            wm_sink_fn sink, void *sink_data);

#ifdef __cplusplus
}
#endif

#endif
