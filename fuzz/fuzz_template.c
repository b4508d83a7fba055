/* Fuzz target: the template engine.  The input is a template, rendered
 * over a fixed article with each format's escaper; it must render or fail
 * with a reported error, never crash, hang or leak (checks.c). */
#include "checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_template(data, size);
	return 0;
}
