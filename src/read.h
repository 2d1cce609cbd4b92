/* read.h: the source interface shared by read.c and api.c. */
#ifndef SR_READ_H
#define SR_READ_H

#include "internal.h"

#include <strings.h>

/* One raw document handed out by a source.  `data` stays valid until the
 * next call on the source. */
typedef struct sr_rawdoc {
    const char *data;
    size_t len;
    int64_t offset;       /* stream offset of data[0], or of the error */
    uint64_t index;       /* 1-based position in the source */
    sitrep_format format;
    sitrep_status status; /* SITREP_OK, or why the document is missing */
    const char *error;    /* message when status is an error */
} sr_rawdoc;

/* Next document: SITREP_OK, SITREP_END, or an error for one document
 * (d->error says why; the source is positioned after it). */
sitrep_status sr_source_next(sitrep_source *s, sr_rawdoc *d);
const char *sr_source_name(const sitrep_source *s);
/* Format of a buffer from its first bytes. */
sitrep_format sr_detect_format(const char *p, size_t n);

#endif
