/* Fuzz target: wire text streamed (wm_convert_stream, the splitter) and
 * read whole (wm_read) give the same articles.
 *
 * The input is pulled in parts whose sizes come from its own bytes, so
 * that every line, framing byte and end mark falls at a part's edge
 * sooner or later; the JSON form of the streamed articles must be the
 * whole read's, byte for byte, and both must find articles or neither
 * (checks.c). */
#include "checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_stream(data, size);
	return 0;
}
