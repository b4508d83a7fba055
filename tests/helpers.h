/* Helpers shared by the Criterion tests. */
#ifndef WM_TESTS_HELPERS_H
#define WM_TESTS_HELPERS_H

#include <stddef.h>

#include "wiremark.h"

/* Diagnostics gathered by a test context. */
typedef struct test_diags {
	unsigned count;
	unsigned errors;
	char last[512];
	unsigned last_line, last_col;
	wm_diag_code last_code;
} test_diags;

/* A context whose messages are collected in *d (not printed). */
wm_context *test_context(test_diags *d);

/* Reads wire text (NUL-terminated) and checks the tree's rules; fails the
 * test when a rule is broken.  Returns NULL when wm_read does. */
wm_feed *test_read(wm_context *ctx, const char *text);
wm_feed *test_read_n(wm_context *ctx, const char *bytes, size_t len);

/* The shared folder (../shared from the project root) or NULL when absent. */
const char *test_shared_dir(void);
/* The project's source root. */
const char *test_source_root(void);

/* Calls fn with the path of each .txt file in samples/ (in the folder's order);
 * returns how many. */
unsigned test_each_sample(void (*fn)(const char *path, void *arg), void *arg);

/* Reads a whole file; NULL when it cannot. */
char *test_slurp(const char *path, size_t *len);

#endif
