/* Fuzz target: the wire reader and every writer.
 *
 * Any bytes are read as wire copy; if a feed comes out, it must keep the
 * tree's rules, and each writer's output (standalone and fragment) must be
 * well-formed: TEI parses as safe XML and is valid against wiremark's
 * schema, the HTML parses with libxml2's HTML parser without errors that
 * mean broken markup, JSON lines parse, and cmark reads the Markdown with
 * as many top-level blocks as the tree says (checks.c). */
#include "checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_wire(data, size);
	return 0;
}
