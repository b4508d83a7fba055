/* The table of formats: their names, which are read and which written,
 * the built-in templates and the templates of one's own. */
#include <stdlib.h>
#include <string.h>

#include "../context/context.h"
#include "../template/mustache.h"
#include "../write/write.h"

static const char *const format_names[WM_FORMAT_MAX] = {
	[WM_FORMAT_WIRE] = "wire",
	[WM_FORMAT_MARKDOWN] = "markdown",
	[WM_FORMAT_HTML] = "html",
	[WM_FORMAT_TEI] = "tei",
	[WM_FORMAT_JSON] = "json",
	[WM_FORMAT_NITF] = "nitf",
	[WM_FORMAT_NEWSML] = "newsml",
};

const char *wm_format_name(wm_format f)
{
	return (unsigned)f < WM_FORMAT_MAX ? format_names[f] : NULL;
}

int wm_format_from_name(const char *name)
{
	if (!name)
		return -1;
	for (int f = 0; f < WM_FORMAT_MAX; f++)
		if (strcmp(name, format_names[f]) == 0)
			return f;
	if (strcmp(name, "md") == 0 || strcmp(name, "commonmark") == 0)
		return WM_FORMAT_MARKDOWN;
	if (strcmp(name, "xml") == 0)
		return WM_FORMAT_TEI;
	if (strcmp(name, "htm") == 0)
		return WM_FORMAT_HTML;
	return -1;
}

int wm_format_can_read(wm_format f)
{
	return f == WM_FORMAT_WIRE || f == WM_FORMAT_HTML ||
	       f == WM_FORMAT_JSON || f == WM_FORMAT_TEI ||
	       f == WM_FORMAT_MARKDOWN || f == WM_FORMAT_NITF ||
	       f == WM_FORMAT_NEWSML;
}

int wm_format_can_write(wm_format f)
{
	return f == WM_FORMAT_MARKDOWN || f == WM_FORMAT_HTML ||
	       f == WM_FORMAT_TEI || f == WM_FORMAT_JSON ||
	       f == WM_FORMAT_NITF || f == WM_FORMAT_NEWSML;
}

const char *wm_builtin_template(wm_format format, int standalone)
{
	if (!wm_format_can_write(format))
		return NULL;
	return wm_writer_builtin(format, standalone);
}

int wm_context_set_template(wm_context *ctx, wm_format format, const char *src,
                            size_t len, const char *name, const char *dir)
{
	if (!wm_format_can_write(format) || !src)
		return WM_ERR_USAGE;
	const char *nul = memchr(src, '\0', len);
	if (nul) {
		/* binary, not a template: a NUL would reach the output */
		unsigned line = 1, col = 1;
		for (const char *p = src; p < nul; p++) {
			if (*p == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)*p & 0xC0) != 0x80) {
				col++;
			}
		}
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_TEMPLATE,
		          name ? name : "template", line, col,
		          "a NUL byte in the template (is it a text file?)");
		return WM_ERR_TEMPLATE;
	}
	wm_mustache_error err;
	if (wm_mustache_check(src, len, name, &err) != 0) {
		wm_report(ctx, WM_SEVERITY_ERROR, WM_DIAG_TEMPLATE,
		          err.name[0] ? err.name : name, err.line, err.col, "%s",
		          err.message);
		return WM_ERR_TEMPLATE;
	}
	wm_template_override *t = &ctx->templates[format];
	free(t->src);
	free(t->name);
	free(t->dir);
	t->src = wm_xstrndup(src, len);
	t->len = len;
	t->name = name ? wm_xstrdup(name) : NULL;
	t->dir = dir ? wm_xstrdup(dir) : NULL;
	wm_compiled_forget(ctx->compiled, format);
	return WM_OK;
}

/* ---- detection ----------------------------------------------------------- */

#define DETECT_SCAN 4096 /* bytes looked at for the root element */

/* Whether name ends with ext (".xml"), letters in either case alike. */
static int ends_with(const char *name, const char *ext)
{
	size_t n = name ? strlen(name) : 0, k = strlen(ext);
	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		char c = name[n - k + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != ext[i])
			return 0;
	}
	return 1;
}

/* The end of the markup at s[i] (a declaration, comment, processing
 * instruction or DOCTYPE, whose internal subset's brackets are counted):
 * past close. */
static size_t past(const char *s, size_t n, size_t i, const char *close,
                   int brackets)
{
	size_t k = strlen(close);
	int depth = 0;
	for (i += 2; i < n; i++) {
		if (brackets)
			depth += s[i] == '[' ? 1 : s[i] == ']' ? -1 : 0;
		if (depth <= 0 && i + k <= n && !memcmp(s + i, close, k))
			return i + k;
	}
	return n;
}

/* Past what may stand before the root element: white space, the XML
 * declaration, comments, processing instructions and a DOCTYPE. */
static size_t past_prolog(const char *s, size_t n)
{
	size_t i = n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		                 s[i] == '\r'))
			i++;
		if (i + 1 >= n || s[i] != '<')
			return i;
		if (s[i + 1] == '?')
			i = past(s, n, i, "?>", 0);
		else if (i + 3 < n && !memcmp(s + i, "<!--", 4))
			i = past(s, n, i, "-->", 0);
		else if (s[i + 1] == '!')
			i = past(s, n, i, ">", 1);
		else
			return i;
	}
	return i;
}

/* The root element's name (its prefix left out) in out; 0 when none. */
static int root_name(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = past_prolog(s, n);
	if (i >= n || s[i] != '<')
		return 0;
	size_t start = ++i, len = 0;
	while (i < n && s[i] != '>' && s[i] != '/' && s[i] != ' ' &&
	       s[i] != '\t' && s[i] != '\n' && s[i] != '\r') {
		if (s[i] == ':')
			start = i + 1;
		i++;
	}
	len = i - start;
	if (len == 0 || len >= cap)
		return 0;
	memcpy(out, s + start, len);
	out[len] = '\0';
	return 1;
}

int wm_format_detect(const char *name, const char *bytes, size_t len)
{
	static const struct {
		const char *root;
		wm_format format;
	} roots[] = {
		{"nitf", WM_FORMAT_NITF},         {"newsItem", WM_FORMAT_NEWSML},
		{"newsMessage", WM_FORMAT_NEWSML}, {"packageItem", WM_FORMAT_NEWSML},
		{"NewsML", WM_FORMAT_NEWSML},     {"TEI", WM_FORMAT_TEI},
		{"teiCorpus", WM_FORMAT_TEI},
	};
	if (ends_with(name, ".nitf"))
		return WM_FORMAT_NITF;
	size_t n = bytes ? (len < DETECT_SCAN ? len : DETECT_SCAN) : 0;
	size_t at = n >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3) ? 3 : 0;
	int xml = ends_with(name, ".xml") ||
	          (n >= at + 5 && !memcmp(bytes + at, "<?xml", 5));
	char root[32];
	if (!xml || !root_name(bytes, n, root, sizeof root))
		return -1;
	for (size_t i = 0; i < sizeof roots / sizeof *roots; i++)
		if (!strcmp(root, roots[i].root))
			return (int)roots[i].format;
	return -1;
}
