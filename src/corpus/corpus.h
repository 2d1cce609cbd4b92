/*
 * corpus/corpus.h: the corpus: a store of articles and their events
 * (SQLite by default, PostgreSQL through libpq; one schema), near-duplicate
 * articles (MinHash over word shingles, an LSH index), incidents merged
 * across reports, and queries with ACLED-style filters.  Uses every layer
 * below it; built as its own archive (libsitrep_corpus.a), linked by the
 * command only, so the core library links neither database.
 * docs/corpus.md describes the schema and the rules.
 */
#ifndef SR_CORPUS_H
#define SR_CORPUS_H

#include "out/out.h"

#include <stdio.h>

/* ---- db.c: SQLite and PostgreSQL behind one interface -------------------- */

enum { SR_DB_SQLITE, SR_DB_PG };
enum { SR_V_NULL, SR_V_INT, SR_V_REAL, SR_V_TEXT, SR_V_BLOB };
#define SR_DB_MAXPARAMS 80
typedef struct sr_db sr_db;
typedef struct sr_val {
    int t;
    int64_t i;
    double f;
    const char *s;
    size_t n;
} sr_val;
static inline sr_val sr_vi(int64_t i) { return (sr_val){.t = SR_V_INT, .i = i}; }
static inline sr_val sr_vf(double f) { return (sr_val){.t = SR_V_REAL, .f = f}; }
/* NULL for a NULL string */
static inline sr_val sr_vs(const char *s) { return s ? (sr_val){.t = SR_V_TEXT, .s = s} : (sr_val){.t = SR_V_NULL}; }
static inline sr_val sr_vb(const void *p, size_t n) { return (sr_val){.t = SR_V_BLOB, .s = p, .n = n}; }
static inline sr_val sr_vnull(void) { return (sr_val){.t = SR_V_NULL}; }
typedef struct sr_rows {
    sr_db *db;
    struct sqlite3_stmt *lite;
    struct pg_result *pg;
    int row, nrows;
    bool own, done, failed;
} sr_rows;
/* A file path (or sqlite://PATH) opens SQLite in WAL mode;
 * postgresql://... or postgres://... connects to PostgreSQL. */
sr_db *sr_db_open(const char *url, char *err, size_t errn);
void sr_db_close(sr_db *db);
int sr_db_kind(const sr_db *db);
const char *sr_db_error(const sr_db *db);
/* Why the last statement failed: PostgreSQL's SQLSTATE ("40P01"), "BUSY"
 * for SQLite's lock, "" otherwise; and whether running the transaction
 * again may succeed (serialization failure, deadlock, a busy database). */
const char *sr_db_sqlstate(const sr_db *db);
bool sr_db_retryable(const sr_db *db);
/* Statements without parameters, ';'-separated (DDL). */
bool sr_db_script(sr_db *db, const char *sql);
/* Runs sql ('?' parameters) with n values; with rows, the caller steps
 * through the result with sr_rows_next and ends it with sr_rows_end.
 * cache: keep the statement prepared (sql must stay at that address). */
bool sr_db_run(sr_db *db, const char *sql, const sr_val *p, int n, sr_rows *rows, bool cache);
bool sr_rows_next(sr_rows *r);
bool sr_rows_null(const sr_rows *r, int col);
int64_t sr_rows_int(const sr_rows *r, int col);
double sr_rows_real(const sr_rows *r, int col);
const char *sr_rows_text(const sr_rows *r, int col); /* "" for NULL; valid until the next step */
size_t sr_rows_blob(const sr_rows *r, int col, void *out, size_t cap);
bool sr_rows_end(sr_rows *r); /* false when stepping failed */
/* The first column of the first row, as an integer. */
bool sr_db_one_int(sr_db *db, const char *sql, const sr_val *p, int n, int64_t *out, bool *found);

/* ---- minhash.c: near-duplicate signatures -------------------------------- */

#define SR_MH_HASHES 128 /* MinHash values per document */
#define SR_MH_BANDS 32   /* LSH bands of SR_MH_ROWS values */
#define SR_MH_ROWS 4
#define SR_MH_SHINGLE 5  /* words per shingle */
#define SR_MH_MIN_SHINGLES 25 /* shorter notices are templates more than stories */
typedef struct sr_minhash {
    uint32_t v[SR_MH_HASHES];
    uint32_t nshingles;
} sr_minhash;
/* The signature of a document's words (its word and number tokens, case
 * folded); false when it has fewer than SR_MH_MIN_SHINGLES shingles. */
bool sr_minhash_doc(const sr_doc *d, sr_minhash *mh);
/* The LSH keys, one per band. */
void sr_minhash_bands(const sr_minhash *mh, int64_t keys[SR_MH_BANDS]);
/* The estimated Jaccard similarity of two signatures' shingle sets. */
double sr_minhash_similarity(const uint32_t *a, const uint32_t *b);

/* ---- store.c: documents, events, incidents ------------------------------- */

typedef struct sr_corpus_stats {
    uint64_t docs_new, docs_updated, docs_same, near_dups, events, merges;
    int64_t incidents; /* made less merged away */
    uint64_t retries;  /* batches run again after a deadlock or serialization failure */
    /* seconds (wall): writing documents and events, waiting for the link
     * lock, linking (near-duplicates, merges) and committing */
    double t_store, t_wait, t_link;
} sr_corpus_stats;
typedef struct sr_staged sr_staged; /* a document copied out of its record (store.c) */
typedef struct sr_corpus {
    sr_db *db;
    sr_corpus_stats stats;
    char err[600];
    bool in_batch;
    char band_sql[2048]; /* INSERT INTO band ... SR_MH_BANDS rows */
    char cand_sql[1024]; /* SELECT ... FROM band WHERE key IN (SR_MH_BANDS keys) */
    /* the open batch: its documents, copied, so that it can be run again */
    sr_arena batch;
    sr_staged *staged;
    uint32_t nstaged, capstaged;
    int max_attempts;                       /* runs of a batch at most (default SR_BATCH_ATTEMPTS) */
    void (*on_retry)(const char *why, int attempt, void *arg); /* told before each rerun */
    void *on_retry_arg;
    /* what the last committed batch did with each of its documents, in
     * the order they were added (SR_STORED_*) */
    uint8_t *committed;
    uint32_t ncommitted, capcommitted;
} sr_corpus;
enum { SR_STORED_NEW, SR_STORED_SAME, SR_STORED_UPDATED };
/* What the last sr_corpus_commit did with the i-th document of its batch
 * (SR_STORED_*), or -1 when there is no such document or it failed. */
int sr_corpus_committed(const sr_corpus *c, uint32_t i);
/* A batch that fails with a deadlock or a serialization failure (or
 * finds SQLite locked) is rolled back and run again, this many times at
 * most in all, waiting a little longer each time. */
#define SR_BATCH_ATTEMPTS 8
/* Near-duplicate threshold on the estimated Jaccard similarity. */
#define SR_NEARDUP_THRESHOLD 0.5
/* ... and published at most this many days apart (when both dates are
 * known): the same template on another day is another story */
#define SR_NEARDUP_DAYS 7
sitrep_status sr_corpus_open(const char *url, sr_corpus **out, char *err, size_t errn);
void sr_corpus_close(sr_corpus *c);
const char *sr_corpus_error(const sr_corpus *c);
sr_db *sr_corpus_db(sr_corpus *c);
/* A batch is one transaction.  sr_corpus_add copies a document into the
 * open batch (the record may be reused at once); sr_corpus_commit stores
 * the batch in one transaction, run again when the database says so (a
 * deadlock, a serialization failure), and sr_corpus_rollback drops it.
 * Storing has two parts: documents and their events are written first,
 * without locks; then, under one lock per corpus held to the commit
 * (PostgreSQL: a transaction-scoped advisory lock; SQLite: its write
 * lock), near-duplicates are found and events merged into incidents.
 * So each near-duplicate pair and each merge sees every document and
 * event committed before it, whichever worker stored them, and many
 * workers storing into one corpus give the incidents of one process. */
sitrep_status sr_corpus_begin(sr_corpus *c);
sitrep_status sr_corpus_commit(sr_corpus *c);
void sr_corpus_rollback(sr_corpus *c);
/* Stages one extracted document (inside a batch); `publication` overrides
 * the document's own (its agency, else its URL's host) when not NULL. */
sitrep_status sr_corpus_add(sr_corpus *c, const sitrep_record *rec, const char *publication);
/* PostgreSQL: the advisory lock (two int4 keys) under which near-duplicates
 * and incidents are linked. */
#define SR_LINK_LOCK "7215, 1"
const sr_corpus_stats *sr_corpus_get_stats(const sr_corpus *c);


/* ---- rows.c: events and incidents as queries read them ------------------ */

#define SR_EV_COLS                                                                                                \
    "e.id, e.ord, e.sentence, e.ev_start, e.ev_end, e.trig_start, e.trig_end, e.notes, e.trigger_text, e.cameo," \
    " e.plover, e.mode, e.event_type, e.sub_event_type, e.modality, e.happened, e.confidence,"                 \
    " e.a1_name, e.a1_code, e.a1_country, e.a1_sector, e.a1_inter, e.a1_start, e.a1_end,"                      \
    " e.a2_name, e.a2_code, e.a2_country, e.a2_sector, e.a2_inter, e.a2_start, e.a2_end,"                      \
    " e.loc_name, e.cc, e.iso3, e.country, e.admin1, e.has_coords, e.lat, e.lon, e.feature, e.place_id,"       \
    " e.geo_precision, e.date, e.date_precision, e.date_basis, e.has_fat, e.fat_min, e.fat_max, e.fat_start,"  \
    " e.fat_end, e.reported_by, e.incident, d.doc_id, d.url, d.publication, d.published, d.title, d.len,"      \
    " dd.doc_id"
#define SR_EV_NCOLS 59
#define SR_INC_COLS                                                                                               \
    "i.id, i.event_type, i.sub_event_type, i.actor1, i.actor2, i.location, i.cc, i.iso3, i.country, i.admin1," \
    " i.has_coords, i.lat, i.lon, i.geo_precision, i.date, i.date_precision, i.date_basis, i.num_mentions,"    \
    " i.num_articles, i.num_sources, i.first_reported, i.last_reported, i.has_fat, i.fatalities, i.fat_low,"   \
    " i.fat_low_by, i.fat_high, i.fat_high_by, i.sources, i.support"
#define SR_EV_FROM " JOIN document d ON d.id = e.doc LEFT JOIN document dd ON dd.id = d.dup_of"

typedef struct sr_inc_row {
    sr_xincident x;
    const char *event_type, *sub_event_type, *actor1, *actor2;
    sr_xplace loc;
    int geo_precision, date_precision, date_basis;
    char date[11];
    bool has_low, has_high;
    const char *low_by, *high_by, *support;
} sr_inc_row;

/* A copy of s in the arena ("" when out of memory). */
const char *sr_rows_copy(sr_arena *a, const char *s);
/* An event row of SR_EV_COLS: the event, its row id, its incident (0:
 * none) and the id of the document its document copies ("" when none). */
void sr_rows_event(sr_arena *a, const sr_rows *r, sr_xevent *x, int64_t *id, int64_t *incident,
                   const char **dup_of);
/* The incident of SR_INC_COLS from column k on. */
void sr_rows_incident(sr_arena *a, const sr_rows *r, int k, sr_inc_row *x);
/* The incident's chosen values onto its representative event. */
void sr_rows_apply_incident(sr_xevent *x, const sr_inc_row *i);
/* A report of an incident: document, publication, URL, event, evidence. */
void sr_report_json(sr_json *j, const sr_xevent *x, const char *dup_of);
/* A LIKE pattern for a substring (with its escapes), and an FTS5 query of
 * all the words of s. */
const char *sr_like_pattern(sr_arena *a, const char *s);
const char *sr_fts5_query(sr_arena *a, const char *s);
/* "day", "month" or "year" for a date precision (SR_PREC_*), or NULL. */
const char *sr_date_precision_name(int p);
/* An incident as `sitrep query` and the server write it: its chosen
 * values, support, counts, fatalities, every report and why it merged
 * (rep: its representative event); false when the store cannot be read. */
bool sr_incident_json(sr_json *j, sr_db *db, sr_arena *a, const sr_xevent *rep, const sr_inc_row *i);

/* incident.c: merging an event into the incidents it matches. */
typedef struct sr_cand {
    int64_t id, doc, incident;
    char mkey[40];
    char a1[160], a1code[16], a1cc[4], a1sec[4];
    char a2[160], a2code[16], a2cc[4], a2sec[4];
    bool a1named, a2named; /* names (entities), not common nouns */
    char cc[3];
    bool has_coords;
    double lat, lon;
    int geo_precision, feature;
    int64_t day_first, day_last;
    int date_precision, date_basis;
} sr_cand;
/* The 1-degree cell of a point (the merge index's spatial key; -1 for
 * events placed no finer than a country). */
static inline int64_t sr_geo_cell(double lat, double lon)
{
    int64_t y = (int64_t)(lat + 90), x = (int64_t)(lon + 180);
    y = y < 0 ? 0 : y > 179 ? 179 : y;
    x = ((x % 360) + 360) % 360;
    return y * 360 + x;
}
/* Why a and b report one happening, written into why (NULL when they do
 * not).  neardup: their articles are near-duplicates. */
const char *sr_incident_compatible(const sr_cand *a, const sr_cand *b, bool neardup, char *why, size_t n);
/* Joins event `ev` (stored, not yet in an incident) to the incidents it
 * matches, merging them into one, or starts an incident. */
bool sr_incident_merge(sr_corpus *c, int64_t ev);
/* Recomputes an incident's summary from its reports. */
bool sr_incident_refresh(sr_corpus *c, int64_t inc);

/* ---- query.c --------------------------------------------------------------- */

enum { SR_QF_JSONL, SR_QF_ACLED, SR_QF_GDELT, SR_QF_GDELT_MENTIONS, SR_QF_PLOVER, SR_QF_GEOJSON };
typedef struct sr_query {
    const char *country, *admin1, *location, *event_type, *sub_event_type, *actor, *source, *text;
    const char *date_from, *date_to; /* ISO dates, inclusive */
    int min_fatalities;              /* -1: any */
    bool has_bbox;
    double lat_min, lat_max, lon_min, lon_max;
    bool incidents; /* incidents (default) or events */
    int format;     /* SR_QF_* */
    int64_t limit;  /* 0: all */
} sr_query;
sitrep_status sr_corpus_query(sr_corpus *c, const sr_query *q, FILE *out);

#endif /* SR_CORPUS_H */
