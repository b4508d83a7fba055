/* Fuzz target: the NITF reader.
 *
 * Any bytes are read as NITF (2.5 to 3.6, with or without its namespace): XML through libxml2 (no DTD, no entity, no
 * network); if a feed comes out, it must keep the tree's rules, and every
 * writer (standalone and fragment) must write it well-formed, as in
 * fuzz_wire.c (checks.c). */
#include "checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_reader(WM_FORMAT_NITF, data, size);
	return 0;
}
