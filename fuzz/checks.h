/* The checks of the fuzz targets, shared by the libFuzzer targets
 * (fuzz/fuzz_*.c, clang) and the regression test that replays the inputs
 * of tests/fuzz-regressions/<target>/ (tests/test_fuzz_regressions.c, any
 * compiler).  Each check returns when the input passes and otherwise prints
 * what failed (with the library's messages) and calls abort(). */
#ifndef WM_FUZZ_CHECKS_H
#define WM_FUZZ_CHECKS_H

#include <stddef.h>
#include <stdint.h>

#include "wiremark.h"

/* Wire text: read it; a feed that comes out keeps the tree's rules, and
 * every writer (standalone and fragment) writes it well-formed: TEI is safe
 * XML valid against wiremark-tei.rng, the HTML parses without errors, the
 * JSON is one jansson object per line per article and reads back, the
 * Markdown has the blocks the articles make (wm_validate, and more). */
void fuzz_check_wire(const uint8_t *data, size_t size);

/* The same for a reader of another format (Markdown, TEI, HTML, JSON). */
void fuzz_check_reader(wm_format format, const uint8_t *data, size_t size);

/* Wire text read whole (wm_read) and streamed (wm_convert_stream) in parts
 * of sizes taken from its own bytes: the same articles, their JSON form
 * byte for byte, and the same return (input that is not valid UTF-8 is
 * skipped: a part of it, not the whole, is read as Windows-1252; and so is
 * input found binary by one read, not the other: the stream tells from
 * its first part, the whole read from its first 4 KiB). */
void fuzz_check_stream(const uint8_t *data, size_t size);

/* A random template (the input) rendered over fixed articles (every block
 * type, a table, a two-line byline, datelines, long fences: see checks.c)
 * with one of the writers' escapers (chosen by the input's length): it
 * renders or fails with an error, never crashes. */
void fuzz_check_template(const uint8_t *data, size_t size);

/* JSON Lines (wm_convert_jsonl), the input's first byte choosing the size
 * of the parts pulled, and a second source from its middle on: records read
 * by the reader of plain records (falling back to jansson) and by jansson
 * alone give the same output and messages byte for byte, and each output
 * line is a JSON object. */
void fuzz_check_jsonl(const uint8_t *data, size_t size);

/* The check of the target named name ("wire", "markdown", "tei", "html",
 * "json", "template", "stream", "jsonl"); returns -1, doing nothing, for an unknown name. */
int fuzz_check_named(const char *name, const uint8_t *data, size_t size);

#endif
