/* Fuzz target: JSON Lines (--jsonl), differential.
 *
 * Any bytes are JSON Lines records, converted twice: records read by the
 * reader of plain records (convert/record.c, jansson for the rest) and by
 * jansson alone (wm_convert_jsonl_with, convert/jsonl.h).  The output and
 * the messages must be the same byte for byte, and each output line a JSON
 * object (checks.c). */
#include "checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_check_jsonl(data, size);
	return 0;
}
