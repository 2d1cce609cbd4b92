/* Fuzzes the source layer: codec and format detection, gzip and zstd
 * decompression, framing, and the limits. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sitrep_source_options opt = {.max_doc_bytes = 1 << 16};
    sitrep_source *src;
    if (sitrep_source_open_memory(data, size, "fuzz", &opt, &src) != SITREP_OK)
        abort();
    const sitrep_record *rec;
    int n = 0;
    while (sitrep_extract_next(fz_extractor(), src, &rec) != SITREP_END && n++ < 10000) {
        if (!rec)
            abort();
        sitrep_record_write(rec, fz_null(), 0);
    }
    sitrep_source_free(src);
    return 0;
}
