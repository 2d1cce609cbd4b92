/* Fuzzes the html reader and every stage after it. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_extract(data, size, SITREP_FORMAT_HTML);
    return 0;
}
