/* Fuzz target: the HTML reader.
 *
 * Any bytes are read as HTML (libxml2's HTML parser); if a feed comes out,
 * it must keep the tree's rules, and every writer (standalone and
 * fragment) must write it well-formed, as in fuzz_wire.c (checks.c). */
#include "checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_reader(WM_FORMAT_HTML, data, size);
	return 0;
}
