/* model_write.h: writing model files (see model_format.h). */
#ifndef SR_MODEL_WRITE_H
#define SR_MODEL_WRITE_H

#include "model/model.h"

typedef struct sr_model_writer sr_model_writer;

sr_model_writer *sr_mw_new(void);
/* Adds a section (copied).  Tags are four letters, unique per file. */
bool sr_mw_add(sr_model_writer *w, const char tag[4], const void *data, size_t len);
/* Writes the file atomically (to PATH.tmp, then renamed). */
bool sr_mw_write(sr_model_writer *w, const char *path, char *err, size_t errn);
void sr_mw_free(sr_model_writer *w);

/* A growable pool of NUL-terminated strings (the STRS section). */
typedef struct sr_strpool { char *p; size_t n, cap; } sr_strpool;
bool sr_strpool_add(sr_strpool *p, const char *s, size_t n, uint32_t *off);

/* A string -> index map for building tables (open addressing). */
typedef struct sr_strmap {
    char **keys; /* NUL-terminated copies, index order */
    uint32_t *slots; /* index + 1, 0 empty */
    size_t n, cap, nslots;
} sr_strmap;
/* The index of key k[0..kl); when absent, adds it if `add` (*added set
 * when not NULL), else returns SIZE_MAX.  SIZE_MAX also means out of
 * memory. */
size_t sr_strmap_get(sr_strmap *m, const char *k, size_t kl, bool add, bool *added);
void sr_strmap_free(sr_strmap *m);

/* A hashed string table being built; keys must be unique. */
typedef struct sr_hashb { sr_hash_entry *e; size_t n, cap; } sr_hashb;
bool sr_hashb_put(sr_hashb *h, sr_strpool *pool, const char *key, size_t n, uint32_t value);
/* The section bytes (malloc'ed, caller frees). */
bool sr_hashb_section(const sr_hashb *h, void **out, size_t *outlen);
void sr_hashb_free(sr_hashb *h);

#endif
