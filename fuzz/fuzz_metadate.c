/* Fuzzes the metadata date parser: output is always a short ISO string. */
#include "fuzz_common.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char out[32];
    size_t used = sr_metadate_parse((const char *)data, size, out);
    if (used > size || (used && (strlen(out) < 10 || out[4] != '-')))
        abort();
    return 0;
}
