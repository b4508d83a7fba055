/* wm_validate (--validate): an output read back and checked; see
 * validate.c.  The public function is declared in wiremark.h. */
#ifndef WM_CHECK_VALIDATE_H
#define WM_CHECK_VALIDATE_H

#include <stddef.h>

/* schemas/wiremark-tei.rng, compiled in by tools/embed-file.py: the bytes
 * and a NUL; wm_tei_schema_len leaves the NUL out. */
extern const unsigned char wm_tei_schema[];
extern const size_t wm_tei_schema_len;

/* schemas/wiremark-iptc.rng (NITF and NewsML-G2), the same way. */
extern const unsigned char wm_iptc_schema[];
extern const size_t wm_iptc_schema_len;

#endif
