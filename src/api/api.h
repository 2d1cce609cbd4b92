/*
 * api/api.h: what the api layer's files share.  Not for lower layers.
 */
#ifndef SR_API_H
#define SR_API_H

#include "read/read.h"
#include "out/out.h"

/* Runs the pipeline on one raw document with extractor x (api.c); `file`
 * names the source in errors, `single` says the source holds one document
 * (no "#N" in the fallback id).  *out gets the extractor's record, as
 * sitrep_extract_next gives it. */
sitrep_status sr_api_run(sitrep_extractor *x, const char *file, const sr_rawdoc *raw, bool single,
                         const sitrep_record **out);
/* As sr_api_run, with the lookup caches `cache` (a pool worker's own, kept
 * warm across the slots it runs) in place of the extractor's. */
sitrep_status sr_api_run_cached(sitrep_extractor *x, sr_lexcache *cache, const char *file, const sr_rawdoc *raw,
                                bool single, const sitrep_record **out);

/* An extractor, with lookup caches of its own or (caches false: a pool's
 * slot, run only through sr_api_run_cached) none. */
sitrep_status sr_api_extractor_new(const sitrep_model *model, bool caches, sitrep_extractor **out);

/* Writes x's record into its staging buffer with `flags`, as
 * sitrep_record_write will want it (api.c). */
void sr_api_prerender(sitrep_extractor *x, unsigned flags);

#endif /* SR_API_H */
