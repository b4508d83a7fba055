/* Calling a pull function (wm_pull_fn, wiremark.h): its contract kept in
 * one place, for wm_convert_stream and wm_convert_jsonl.
 *
 * A pull returns 0 with *source set when that source has ended, and 0 with
 * *source NULL at the end of all input.  A pull written over fread sets
 * *source on every call, at the end too: each call then ends the same
 * source again, for ever.  So a 0 with the source of the 0 just before it
 * (the same pointer and name, no byte between) is the end of all input as
 * well. */
#ifndef WM_CONVERT_PULL_H
#define WM_CONVERT_PULL_H

#include <stddef.h>
#include <stdint.h>

#include "wiremark.h"

typedef struct wm_puller {
	wm_pull_fn pull;
	void *data;
	uintptr_t ended;    /* the source of the last call, when it returned 0
	                       with one (as a number: the name itself may be
	                       gone); else 0 */
	char *ended_name;   /* a copy of its name */
} wm_puller;

void wm_puller_init(wm_puller *p, wm_pull_fn pull, void *data);
void wm_puller_free(wm_puller *p);

/* Calls the pull function: its count of bytes in buf (-1: it failed), and
 * *source, NULL after a 0 at the end of all input (the second end of a
 * source in a row included). */
long wm_puller_next(wm_puller *p, char *buf, size_t cap, const char **source);

#endif
