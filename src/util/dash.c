#include "dash.h"

#include <string.h>

const char *const wm_dashes[] = {"--", "-", "\xE2\x80\x93", "\xE2\x80\x94",
                                 "_", NULL};

int wm_is_dash(const char *s)
{
	for (const char *const *d = wm_dashes; *d; d++)
		if (strcmp(s, *d) == 0)
			return 1;
	return 0;
}

size_t wm_dash_prefix(const char *s, size_t len)
{
	for (const char *const *d = wm_dashes; *d; d++) {
		size_t n = strlen(*d);
		if (n <= len && memcmp(s, *d, n) == 0)
			return n;
	}
	return 0;
}

size_t wm_dash_suffix(const char *s, size_t len)
{
	for (const char *const *d = wm_dashes; *d; d++) {
		size_t n = strlen(*d);
		if (n <= len && memcmp(s + len - n, *d, n) == 0)
			return n;
	}
	return 0;
}
