/* Fuzzes the txt reader and every stage after it. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_extract(data, size, SITREP_FORMAT_TEXT);
    return 0;
}
