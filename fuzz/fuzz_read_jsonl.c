/* Fuzzes JSONL framing and parsing: whatever the input, a good document
 * on the line after it must still be read (one bad line never loses the
 * rest of a batch). */
#include "fuzz_common.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char tail[] = "\n{\"id\":\"sentinel\",\"text\":\"Still read.\"}\n";
    char *buf = malloc(size + sizeof tail);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    memcpy(buf + size, tail, sizeof tail - 1);
    sitrep_source_options opt = {.format = SITREP_FORMAT_JSONL, .max_doc_bytes = 4096};
    sitrep_source *src;
    if (sitrep_source_open_memory(buf, size + sizeof tail - 1, "fuzz.jsonl", &opt, &src) != SITREP_OK)
        abort();
    const sitrep_record *rec;
    char last[32] = "";
    while (sitrep_extract_next(fz_extractor(), src, &rec) != SITREP_END) {
        if (!rec)
            abort();
        sitrep_record_write(rec, fz_null(), 0);
        snprintf(last, sizeof last, "%s", sitrep_record_id(rec));
    }
    if (strcmp(last, "sentinel") != 0)
        abort();
    sitrep_source_free(src);
    free(buf);
    return 0;
}
