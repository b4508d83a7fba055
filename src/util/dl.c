#include "dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t loading = PTHREAD_MUTEX_INITIALIZER;

static void failed(wm_dl_library *lib, const char *why)
{
	snprintf(lib->error, sizeof lib->error, "%s",
	         why ? why : "cannot be opened");
}

/* Opens the library and fills every slot; 1 or 0 (no slot filled). */
static int open_library(wm_dl_library *lib)
{
	void *handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (!handle) {
		failed(lib, dlerror());
		return 0;
	}
	for (size_t i = 0; i < lib->count; i++) {
		void *p = dlsym(handle, lib->symbols[i].name);
		if (!p) {
			failed(lib, dlerror());
			for (size_t k = 0; k < i; k++)
				memset(lib->symbols[k].slot, 0, sizeof p);
			dlclose(handle);
			return 0;
		}
		/* POSIX: a function's address from dlsym fits a void * */
		memcpy(lib->symbols[i].slot, &p, sizeof p);
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
