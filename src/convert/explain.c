/* wm_explain: the wire reader's account of how it read each line. */
#include "../read/explain.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../context/context.h"
#include "../read/decode.h"
#include "../read/wire.h"

/* Notes in line order, keeping the reader's order within a line. */
static int by_line(const void *pa, const void *pb)
{
	const wm_explain_note *a = pa, *b = pb;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* One input line, control characters shown as their pictures (U+2400). */
static void put_line(wm_buf *out, unsigned no, const char *p, size_t n)
{
	wm_buf_printf(out, "%5u |%s", no, n ? " " : "");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 && c != '\t') {
			wm_buf_putc(out, (char)0xE2);
			wm_buf_putc(out, (char)0x90);
			wm_buf_putc(out, (char)(0x80 + c));
		} else {
			wm_buf_putc(out, (char)c);
		}
	}
	wm_buf_putc(out, '\n');
}

int wm_explain(wm_context *ctx, const char *bytes, size_t len,
               const char *source, unsigned options, char **out,
               size_t *outlen)
{
	if (!out)
		return WM_ERR_USAGE;
	*out = NULL;
	if (outlen)
		*outlen = 0;
	if (!ctx || (!bytes && len))
		return WM_ERR_USAGE;
	if (!source)
		source = "-";
	if (len && wm_check_input_limits(ctx, bytes, len, source) != 0)
		return WM_ERR_INPUT;
	size_t n;
	char *text = wm_decode(ctx, bytes ? bytes : "", len, source, options, &n);
	if (!text)
		return WM_ERR_INPUT;
	wm_explain_log log = {NULL, 0, 0};
	wm_feed *feed = wm_read_wire_logged(ctx, text, n, source, &log);
	if (!feed) {
		wm_explain_log_free(&log);
		free(text);
		return WM_ERR_INPUT;
	}
	if (log.n)
		qsort(log.v, log.n, sizeof *log.v, by_line);

	wm_buf b = WM_BUF_INIT;
	wm_buf_printf(&b, "%s: %zu article%s; each line, then what it was read "
	              "as and why\n", source, feed->count,
	              feed->count == 1 ? "" : "s");
	for (size_t i = 0; i < feed->count; i++) {
		const wm_article *a = feed->articles[i];
		wm_buf_printf(&b, "article %zu at line %u: \"%s\"", i + 1, a->line,
		              a->headline);
		if (a->dateline)
			wm_buf_printf(&b, ", dateline \"%s\"", a->dateline->text);
		wm_buf_printf(&b, ", %zu block%s", a->nblocks,
		              a->nblocks == 1 ? "" : "s");
		if (a->trailer)
			wm_buf_printf(&b, ", trailer \"%s\"", a->trailer);
		wm_buf_putc(&b, '\n');
	}
	size_t note = 0, s = 0;
	unsigned no = 1;
	for (size_t k = 0; k <= n; k++) {
		if (k < n && text[k] != '\n')
			continue;
		if (!(k == n && s == n && n > 0 && text[n - 1] == '\n'))
			put_line(&b, no, text + s, k - s);
		while (note < log.n && log.v[note].line <= no) {
			wm_buf_printf(&b, "      = %s: %s\n", log.v[note].kind,
			              log.v[note].text);
			note++;
		}
		no++;
		s = k + 1;
	}
	for (; note < log.n; note++)
		wm_buf_printf(&b, "      = %s: %s\n", log.v[note].kind,
		              log.v[note].text);
	wm_feed_free(feed);
	wm_explain_log_free(&log);
	free(text);
	*out = wm_buf_detach(&b, outlen);
	return WM_OK;
}
