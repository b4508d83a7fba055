/* Fuzz target: the JSON reader.
 *
 * Any bytes are read as JSON (the JSON form: one object per article); if a
 * feed comes out, it must keep the tree's rules, and every writer
 * (standalone and fragment) must write it well-formed, as in fuzz_wire.c
 * (checks.c). */
#include "checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_reader(WM_FORMAT_JSON, data, size);
	return 0;
}
