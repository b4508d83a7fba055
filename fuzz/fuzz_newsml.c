/* Fuzz target: the NewsML reader.
 *
 * Any bytes are read as NewsML (NewsML-G2 items and messages, NewsML 1.x): XML through libxml2 (no DTD, no entity, no
 * network); if a feed comes out, it must keep the tree's rules, and every
 * writer (standalone and fragment) must write it well-formed, as in
 * fuzz_wire.c (checks.c). */
#include "checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_reader(WM_FORMAT_NEWSML, data, size);
	return 0;
}
