#include "dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* Held while a library is opened and made ready: one at a time, so that
 * the ready hooks (libxml2's xmlInitParser among them) never run at once. */
static pthread_mutex_t loading = PTHREAD_MUTEX_INITIALIZER;

static void failed(wm_dl_library *lib, const char *why)
{
	snprintf(lib->error, sizeof lib->error, "%s",
	         why ? why : "cannot be opened");
}

static void clear_slots(wm_dl_library *lib)
{
	for (size_t k = 0; k < lib->count; k++)
		memset(lib->symbols[k].slot, 0, sizeof(void *));
}

/* Opens the library, fills every slot and makes it ready; 1, or 0 with
 * every slot NULL. */
static int open_library(wm_dl_library *lib)
{
	void *handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (!handle) {
		failed(lib, dlerror());
		return 0;
	}
	for (size_t i = 0; i < lib->count; i++) {
		dlerror();
		void *p = dlsym(handle, lib->symbols[i].name);
		if (!p && !lib->symbols[i].optional) {
			failed(lib, dlerror());
			clear_slots(lib);
			dlclose(handle);
			return 0;
		}
		/* POSIX: a function's address from dlsym fits a void * */
		memcpy(lib->symbols[i].slot, &p, sizeof p);
	}
	if (lib->ready && !lib->ready(lib->error)) {
		clear_slots(lib);
		dlclose(handle);
		return 0;
	}
	return 1;
}

int wm_dl_load(wm_dl_library *lib)
{
	int state = atomic_load_explicit(&lib->state, memory_order_acquire);
	if (state)
		return state > 0;
	pthread_mutex_lock(&loading);
	state = atomic_load_explicit(&lib->state, memory_order_relaxed);
	if (!state) {
		state = open_library(lib) ? 1 : -1;
		atomic_store_explicit(&lib->state, state, memory_order_release);
	}
	pthread_mutex_unlock(&loading);
	return state > 0;
}

long wm_dl_version_of(const char *text)
{
	long part[3] = {0, 0, 0};
	int k = 0;
	const char *p = text;
	if (!p)
		return -1;
	for (;;) {
		const char *digits = p;
		while (*p >= '0' && *p <= '9')
			if ((part[k] = part[k] * 10 + (*p++ - '0')) >= 100)
				return -1;
		if (p == digits)
			return -1;
		if (++k == 3 || *p != '.')
			break;
		p++;
	}
	return k >= 2 ? WM_DL_VERSION(part[0], part[1], part[2]) : -1;
}

int wm_dl_version_ok(long version, long oldest, char *why)
{
	if (version >= oldest)
		return 1;
	if (version < 0)
		snprintf(why, WM_DL_ERROR_SIZE, "its version cannot be read; "
		         "wiremark needs %ld.%ld.%ld or later", oldest / 10000,
		         oldest / 100 % 100, oldest % 100);
	else
		snprintf(why, WM_DL_ERROR_SIZE, "version %ld.%ld.%ld is older than "
		         "%ld.%ld.%ld, the oldest wiremark works with",
		         version / 10000, version / 100 % 100, version % 100,
		         oldest / 10000, oldest / 100 % 100, oldest % 100);
	return 0;
}
