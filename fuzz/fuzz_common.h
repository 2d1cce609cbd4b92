/* fuzz_common.h: one model and extractor for the whole fuzzing run. */
#ifndef SR_FUZZ_COMMON_H
#define SR_FUZZ_COMMON_H

#include "read/read.h"
#include "out/out.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline sitrep_extractor *fz_extractor(void)
{
    static sitrep_model *m;
    static sitrep_extractor *x;
    if (!x) {
        if (sitrep_model_open(NULL, &m) != SITREP_OK || sitrep_extractor_new(m, &x) != SITREP_OK)
            abort();
    }
    return x;
}

static inline FILE *fz_null(void)
{
    static FILE *f;
    if (!f)
        f = fopen("/dev/null", "w");
    return f;
}

/* Extracts one buffer in a given format and writes the record both ways. */
static inline void fz_extract(const uint8_t *data, size_t size, sitrep_format fmt)
{
    const sitrep_record *rec = NULL;
    sitrep_extract_buffer(fz_extractor(), (const char *)data, size, fmt, "fuzz", &rec);
    if (!rec)
        abort();
    sitrep_record_write(rec, fz_null(), 0);
    sitrep_record_write(rec, fz_null(), SITREP_WRITE_PRETTY | SITREP_WRITE_TOKENS);
    sitrep_record_write(rec, fz_null(), SITREP_WRITE_SUMMARY);
}

#endif
