/* The HTML reader (libxml2's HTML parser; see html.c for what it reads). */
#ifndef WM_READ_XML_HTML_H
#define WM_READ_XML_HTML_H

#include <stddef.h>

#include "../../context/context.h"
#include "../../tree/tree.h"

/* Reads decoded text (UTF-8, LF line ends) holding wiremark's HTML (a
 * fragment or a page) or a plain article page into a feed.  Returns NULL,
 * with an error reported, when there is no article in it. */
wm_feed *wm_read_html(wm_context *ctx, const char *text, size_t len,
                      const char *source);

#endif
