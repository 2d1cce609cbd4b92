/*
 * out/out.h: records (JSON) and exports (ACLED CSV, GDELT).  Uses
 * meaning and below.
 */
#ifndef SR_OUT_H
#define SR_OUT_H

#include "meaning/meaning.h"

/* json.c: a streaming JSON writer. */
typedef struct sr_json {
    sr_buf *b;
    bool pretty;
    int depth;
    bool first;     /* no member written yet at this depth */
    bool after_key; /* a key was just written; its value follows */
} sr_json;
void sr_json_begin_object(sr_json *j);
void sr_json_end_object(sr_json *j);
void sr_json_begin_array(sr_json *j);
void sr_json_end_array(sr_json *j);
void sr_json_keyn(sr_json *j, const char *key, size_t n);
/* A key given as a string literal (its length known at compile time). */
#define sr_json_key(j, lit) sr_json_keyn((j), "" lit "", sizeof(lit) - 1)
/* A string; invalid UTF-8 bytes are written as '?' so that byte offsets in
 * the decoded string stay equal to offsets in the original bytes. */
void sr_json_string(sr_json *j, const char *s, size_t n);
void sr_json_cstr(sr_json *j, const char *s); /* null when s is NULL */
void sr_json_int(sr_json *j, int64_t v);
/* A number with at most `decimals` decimals (null when not finite). */
void sr_json_fixed(sr_json *j, double v, int decimals);
void sr_json_bool(sr_json *j, bool v);
void sr_json_null(sr_json *j);
/* A compact {"start":s,"end":e[,"kind":kind]} on one line even when
 * pretty; kind may be NULL. */
void sr_json_span(sr_json *j, uint32_t s, uint32_t e, const char *kind);

/* record.c */
struct sitrep_record {
    sr_doc doc;
    const sitrep_model *model; /* for tag names when writing; may be NULL */
    sr_buf *out;               /* the extractor's output staging buffer */
};
sitrep_status sr_record_write(const sr_doc *d, const sitrep_model *m, sr_buf *out, unsigned flags);

/* export.c: events as ACLED-style CSV rows and GDELT 2.0 event rows. */
int sr_cameo_root(const char *cameo);
int sr_cameo_quad(const char *cameo);
double sr_cameo_goldstein(const char *cameo);
void sr_write_events_csv_header(sr_buf *b);
void sr_write_events_csv(const sr_doc *d, const sitrep_model *m, sr_buf *b);
void sr_write_events_gdelt(const sr_doc *d, const sitrep_model *m, sr_buf *b);

#endif /* SR_OUT_H */
