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
	       f == WM_FORMAT_TEI || f == WM_FORMAT_JSON;
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
