/* wm_convert_jsonl with its reader of records chosen: for the fuzz target
 * that holds the reader of plain records (record.c) to jansson's reading
 * of the same lines (fuzz/fuzz_jsonl.c), and for tests.  Not public. */
#ifndef WM_CONVERT_JSONL_H
#define WM_CONVERT_JSONL_H

#include "wiremark.h"

typedef enum wm_jsonl_reader {
	WM_JSONL_PLAIN_FIRST, /* plain records read by record.c, the rest by
	                         jansson (what wm_convert_jsonl does) */
	WM_JSONL_JANSSON_ONLY /* every record read by jansson */
} wm_jsonl_reader;

/* wm_convert_jsonl, its records read by reader. */
int wm_convert_jsonl_with(wm_context *ctx, wm_jsonl_reader reader,
                          wm_pull_fn pull, void *pull_data, wm_format to,
                          unsigned write_options, wm_sink_fn sink,
                          void *sink_data);

#endif
