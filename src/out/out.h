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
void sr_json_str_or_null(sr_json *j, const char *s); /* null when s is NULL or "" */
void sr_json_int(sr_json *j, int64_t v);
/* A number with at most `decimals` decimals (null when not finite). */
void sr_json_fixed(sr_json *j, double v, int decimals);
void sr_json_bool(sr_json *j, bool v);
void sr_json_null(sr_json *j);
/* A compact {"start":s,"end":e[,"kind":kind]} on one line even when
 * pretty; kind may be NULL. */
void sr_json_span(sr_json *j, uint32_t s, uint32_t e, const char *kind);

/* record.c */
/* A record already written into its staging buffer (by a pool's worker),
 * with the flags it was written with: sitrep_record_write with the same
 * flags copies those bytes out instead of writing the record again. */
typedef struct sr_prerender {
    bool valid;
    unsigned flags;
    sitrep_status status;
} sr_prerender;
struct sitrep_record {
    sr_doc doc;
    const sitrep_model *model; /* for tag names when writing; may be NULL */
    sr_buf *out;               /* the extractor's output staging buffer */
    sr_prerender *pre;         /* the extractor's; never NULL */
};
sitrep_status sr_record_write(const sr_doc *d, const sitrep_model *m, sr_buf *out, unsigned flags);

/* export.c: events as rows of other systems' tables.
 *
 * sr_xevent is an event flattened for export and for the corpus store: the
 * one place where an sr_event's fields become columns (sr_xevent_from_doc).
 * Strings are NUL-terminated ("" when absent), owned by the document's
 * arena or by whoever filled the struct. */
typedef struct sr_xplace {
    const char *name, *cc, *iso3, *country, *admin1; /* cc: ISO 3166-1 alpha-2 */
    bool has_coords;
    double lat, lon;
    int feature;  /* SR_FEATURE_*, -1: no place */
    int64_t id;   /* gazetteer place, -1 none */
} sr_xplace;
typedef struct sr_xactor {
    const char *name, *code, *country, *sector; /* country: ISO 3166-1 alpha-3 */
    int inter;                                   /* ACLED's inter code, 0 none */
    bool named;                                  /* a name (an entity), not a common noun */
    int64_t start, end;                          /* the words naming it; -1 none */
    sr_xplace geo;                               /* the actor as a place, if it is one */
} sr_xactor;
typedef struct sr_xevent {
    const char *doc_id, *url, *publication, *published, *title; /* the report */
    uint32_t ord;       /* the event's number in its document, from 1 */
    uint32_t mentions;  /* the sentences of its document that tell it (1 at least) */
    uint32_t sentence;  /* the evidence sentence's number, from 0 */
    uint32_t doc_len;
    int64_t start, end, trig_start, trig_end; /* evidence and trigger, in text */
    const char *notes, *trigger;              /* their words */
    const char *cameo, *plover, *mode, *event_type, *sub_event_type, *modality;
    bool happened; /* asserted, not negated */
    float confidence;
    sr_xactor actor1, actor2;
    sr_xplace loc;         /* where it happened */
    int geo_precision;     /* ACLED's: 1 town, 2 near a town, 3 region or country; 0 none */
    char date[11];         /* "2017-10-14", "2017-10", "2017" or "" */
    int date_precision;    /* SR_PREC_*, or -1 when no date */
    int date_basis;        /* SR_DATE_* */
    bool has_fatalities;
    int fat_min, fat_max;
    int64_t fat_start, fat_end;
    const char *reported_by;
} sr_xevent;
/* What an incident adds to an event's row: its number, counts and
 * conservative figures (sr_xincident zeroed: one report, the event's own). */
typedef struct sr_xincident {
    int64_t id;                  /* 0: none */
    int num_mentions, num_sources, num_articles;
    const char *first_reported, *last_reported; /* ISO dates or times */
    bool has_fatalities;
    int fatalities, fat_low, fat_high; /* ACLED's conservative figure, lowest, highest */
    const char *sources;         /* the publications, "; "-joined */
    int64_t timestamp;           /* epoch seconds of the first report, 0 unknown */
} sr_xincident;
/* Fills x from event i of d (strings in d's arena).  False when out of memory. */
bool sr_xevent_from_doc(const sr_doc *d, const sitrep_model *m, uint32_t i, sr_xevent *x);
/* The publication of a document: its agency, else its URL's host, else "". */
const char *sr_doc_publication(const sr_doc *d);
/* The first and last day a date ("2017", "2017-10", "2017-10-14") covers, as
 * days since 1970-01-01; false for "" or a malformed date. */
bool sr_date_range(const char *date, int64_t *first, int64_t *last);
int sr_iso_numeric(const char *cc);
int sr_acled_interaction(int inter1, int inter2);
const char *sr_acled_disorder(const char *event_type, const char *sub_event_type);
int sr_acled_time_precision(const sr_xevent *x);

int sr_cameo_root(const char *cameo);
int sr_cameo_quad(const char *cameo);
double sr_cameo_goldstein(const char *cameo);
/* ACLED's CSV: the 31 columns of its export, in order (formats.md 2a). */
void sr_write_acled_header(sr_buf *b);
void sr_write_acled_row(sr_buf *b, const sr_xevent *x, const sr_xincident *inc);
/* GDELT 2.0: one row of the 61-column event table, one of the 16-column
 * mentions table (byte offsets into the report's text). */
void sr_write_gdelt_event(sr_buf *b, const sr_xevent *x, const sr_xincident *inc, const char *globalid);
void sr_write_gdelt_mention(sr_buf *b, const sr_xevent *x, const sr_xincident *inc, const char *globalid);
/* PLOVER: one JSON object per line. */
void sr_write_plover(sr_buf *b, const sr_xevent *x, const sr_xincident *inc, const char *id);
/* GeoJSON: a Feature (write the FeatureCollection around it). */
void sr_write_geojson_feature(sr_json *j, const sr_xevent *x, const sr_xincident *inc, const char *id);
/* The `sitrep events` rows of a document. */
void sr_write_events_csv_header(sr_buf *b);
void sr_write_events_csv(const sr_doc *d, const sitrep_model *m, sr_buf *b);
void sr_write_events_gdelt(const sr_doc *d, const sitrep_model *m, sr_buf *b);

#endif /* SR_OUT_H */
