/* The JSON reader: the article JSON form (what -t json writes, DESIGN.md
 * "The JSON form") back to the tree. */
#ifndef WM_READ_JSON_H
#define WM_READ_JSON_H

#include <stddef.h>

#include "../context/context.h"
#include "../tree/tree.h"

/* Reads decoded text (UTF-8, LF line ends): JSON objects, one article each,
 * one after the other (one a line as -t json writes them, or spread over
 * several lines as jq prints them).  An object that does not parse or has a
 * field of the wrong type is reported as an error at its line and column and
 * left out; the others are read.  Returns NULL, with an error reported, when
 * no article could be read. */
wm_feed *wm_read_json(wm_context *ctx, const char *text, size_t len,
                      const char *source);

#endif
