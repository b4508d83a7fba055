/* Calling a pull function: see pull.h. */
#include "pull.h"

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

void wm_puller_init(wm_puller *p, wm_pull_fn pull, void *data)
{
	p->pull = pull;
	p->data = data;
	p->ended = 0;
	p->ended_name = NULL;
}

void wm_puller_free(wm_puller *p)
{
	free(p->ended_name);
	p->ended_name = NULL;
	p->ended = 0;
}

long wm_puller_next(wm_puller *p, char *buf, size_t cap, const char **source)
{
	*source = NULL;
	long n = p->pull(buf, cap, source, p->data);
	if (n != 0 || !*source) {
		wm_puller_free(p);
		return n;
	}
	if (p->ended == (uintptr_t)*source && strcmp(p->ended_name, *source) == 0) {
		/* the same source ended twice in a row: the end of the input */
		*source = NULL;
		return 0;
	}
	wm_puller_free(p);
	p->ended = (uintptr_t)*source;
	p->ended_name = wm_xstrdup(*source);
	return 0;
}
