/*
 * serve/serve.h: the report (one self-contained HTML page of incidents) and
 * the HTTP server.  Uses every layer below; built as its own archive
 * (build/libsitrep_serve.a) that the command links, never part of the core
 * library.
 *
 * The pieces, each usable alone:
 *   sr_filter    the filters of a request or a command line, parsed and
 *               validated strictly into a plain struct (query.c)
 *   sr_route    the request path to an endpoint (route.c)
 *   sr_report   incidents and their documents' records, filtered and
 *               written as HTML (incident.c, report.c, map.c)
 *   sr_server   libmicrohttpd: routing, limits, keys, logs (server.c)
 * The store (the corpus layer) plugs in through sr_store: a table of
 * functions the server calls for the endpoints that read or write it.
 */
#ifndef SR_SERVE_H
#define SR_SERVE_H

#include "out/out.h"

#include <stdbool.h>
#include <stdint.h>

/* ---- filters (query.c) ------------------------------------------------------
 *
 * The parameters, named as ACLED's API names them where it has them
 * (docs/serve.md lists them with examples):
 *   country, admin1, location, event_type, sub_event_type, source
 *                   one value or several joined by '|' (any of them);
 *                   compared whole, ignoring ASCII case; a country may be
 *                   named or given as an ISO 3166-1 code
 *   actor           a substring of an actor's name (either side), or
 *                   several joined by '|'
 *   event_date      YYYY-MM-DD (or YYYY-MM, YYYY: the whole month, year);
 *                   two joined by '|' with event_date_where=BETWEEN
 *   event_date_where  = (default) | BETWEEN | > | < | >= | <=
 *   year            YYYY
 *   fatalities      a whole number; fatalities_where >= (default, a
 *                   minimum) | = | > | < | <=
 *   bbox            min_lon,min_lat,max_lon,max_lat (degrees)
 *   q               full-text search: every word must occur
 *   limit           1..5000; page 1..1000000 (1-based)
 *   format          json | csv | geojson
 * Values are percent-decoded ('+' is a space), must be valid UTF-8 without
 * control characters, at most SR_QUERY_MAX_VALUE bytes.  Names and the
 * search (country ... actor, q) hold letters and digits of any script,
 * spaces and ' - . , ( ) & / : + _ only (no "--"): what names are spelled
 * with; a value with a double quote, ';', '=', '<', '%', '*', '\' ... is a
 * 400.  What passes is still data (the store binds it as a statement
 * parameter, the report escapes it).  A parameter given twice, an unknown
 * one, an empty value, a malformed number, date or escape is a 400.
 */
#define SR_QUERY_MAX_VALUES 16   /* values of one list parameter */
#define SR_QUERY_MAX_VALUE 256   /* bytes of one value, decoded */
#define SR_QUERY_STORE 8192      /* bytes of all values, decoded */
#define SR_QUERY_MAX_LIMIT 5000

typedef enum sr_filter_format {
    SR_FMT_NONE = 0, /* not given: the endpoint's default */
    SR_FMT_JSON,
    SR_FMT_CSV,
    SR_FMT_GEOJSON
} sr_filter_format;

typedef enum sr_cmp { SR_CMP_EQ = 0, SR_CMP_GT, SR_CMP_LT, SR_CMP_GE, SR_CMP_LE, SR_CMP_BETWEEN } sr_cmp;

/* One list parameter: n values, each NUL-terminated in the query's store. */
typedef struct sr_strlist {
    const char *v[SR_QUERY_MAX_VALUES];
    uint32_t n;
} sr_strlist;

/* Parameter bits, for sr_filter.given and an endpoint's accepted set. */
enum {
    SR_QP_COUNTRY = 1u << 0, SR_QP_ADMIN1 = 1u << 1, SR_QP_LOCATION = 1u << 2,
    SR_QP_EVENT_TYPE = 1u << 3, SR_QP_SUB_EVENT_TYPE = 1u << 4, SR_QP_SOURCE = 1u << 5,
    SR_QP_ACTOR = 1u << 6, SR_QP_EVENT_DATE = 1u << 7, SR_QP_EVENT_DATE_WHERE = 1u << 8,
    SR_QP_YEAR = 1u << 9, SR_QP_FATALITIES = 1u << 10, SR_QP_FATALITIES_WHERE = 1u << 11,
    SR_QP_BBOX = 1u << 12, SR_QP_Q = 1u << 13, SR_QP_LIMIT = 1u << 14, SR_QP_PAGE = 1u << 15,
    SR_QP_FORMAT = 1u << 16,
    SR_QP_FILTERS = (1u << 14) - 1, /* every filter, no paging or format */
    SR_QP_ALL = (1u << 17) - 1
};

typedef struct sr_filter {
    uint32_t given; /* SR_QP_* of the parameters given */
    sr_strlist country, admin1, location, event_type, sub_event_type, source, actor;
    const char *q; /* full text, or NULL */
    /* event dates: an inclusive range of days since 1970-01-01
     * (sr_days_from_civil); has_date false: no date filter */
    bool has_date;
    int64_t date_from, date_to;
    /* fatalities: an inclusive range; -1 max: no upper bound */
    bool has_fatalities;
    int64_t fatalities_min, fatalities_max;
    bool has_bbox;
    double min_lon, min_lat, max_lon, max_lat;
    uint32_t limit; /* 0: not given */
    uint32_t page;  /* 1-based; 0: not given */
    sr_filter_format format;
    /* internal: values waiting for their _where, and the store */
    const char *raw_date, *raw_date_where, *raw_fat, *raw_fat_where, *raw_year;
    size_t used;
    char store[SR_QUERY_STORE];
} sr_filter;

/* What was wrong, for a 4xx answer: HTTP status, the parameter (may be
 * empty) and a sentence. */
typedef struct sr_query_error {
    int status;
    char param[64];
    char message[200];
} sr_query_error;

void sr_query_init(sr_filter *q);
/* Parses a URL query string (the bytes after '?'; n bytes, not
 * NUL-terminated) accepting the parameters in `accept` (SR_QP_*), and
 * finishes the query.  Returns 0, or -1 with err filled. */
int sr_query_parse(sr_filter *q, const char *qs, size_t n, uint32_t accept, sr_query_error *err);
/* Sets one decoded parameter (the command line's --name value); `name` may
 * use '-' for '_'.  Call sr_query_finish after the last one. */
int sr_query_set(sr_filter *q, const char *name, const char *value, size_t vlen, uint32_t accept,
                 sr_query_error *err);
/* Resolves what depends on two parameters (event_date with its _where,
 * year, fatalities with its _where).  Returns 0 or -1. */
int sr_query_finish(sr_filter *q, sr_query_error *err);
/* Whether `name` is a parameter (for the command line's options). */
bool sr_query_is_param(const char *name);
/* Validates a decoded value: valid UTF-8, no control characters. */
bool sr_query_text_ok(const char *s, size_t n);
/* YYYY-MM-DD, YYYY-MM or YYYY (s[0..n)) as an inclusive range of days
 * since 1970-01-01; false when it is no real date. */
bool sr_serve_date_range(const char *s, size_t n, int64_t *from, int64_t *to);
/* Percent-decodes s[0..n) into out (cap bytes, NUL-terminated; '+' is a
 * space when plus); returns the length, or -1 for a malformed escape or no
 * room. */
long sr_url_decode(const char *s, size_t n, bool plus, char *out, size_t cap);

/* ---- routes (route.c) ------------------------------------------------------ */

typedef enum sr_route_id {
    SR_ROUTE_NONE = 0,
    SR_ROUTE_HEALTH,    /* GET /health */
    SR_ROUTE_EXTRACT,   /* POST /extract */
    SR_ROUTE_INGEST,    /* POST /ingest (a key) */
    SR_ROUTE_REPORT,    /* GET /report */
    SR_ROUTE_EVENTS,    /* GET /events */
    SR_ROUTE_INCIDENTS, /* GET /incidents */
    SR_ROUTE_INCIDENT,  /* GET /incidents/{id} */
    SR_ROUTE_DOCUMENT   /* GET /documents/{id} */
} sr_route_id;

enum { SR_M_GET = 1, SR_M_POST = 2 }; /* HEAD counts as GET */

typedef struct sr_route {
    sr_route_id id;
    unsigned methods;  /* what the path allows (for 405's Allow) */
    uint32_t accept;   /* the query parameters it takes (SR_QP_*) */
    char arg[SR_QUERY_MAX_VALUE + 1]; /* {id}, decoded */
} sr_route;

/* Finds the endpoint of `method` and the path (before '?', raw as sent).
 * Returns 200 with *r set, 404 (no such path), 405 (r->methods says what
 * the path allows) or 400 (a malformed path: bad escape, "." or ".."
 * segments, an encoded '/', invalid UTF-8 or control characters), with
 * err filled. */
int sr_route_find(const char *method, const char *path, size_t n, sr_route *r, sr_query_error *err);

/* ---- incidents and the report (incident.c, report.c, map.c) ----------------
 *
 * The input shapes are docs/report.md's: incidents as JSONL, and the
 * documents' records as `sitrep extract` writes them.  Without incidents,
 * each asserted event of the records is an incident of its own.
 */
typedef struct sr_inc_report {
    const char *doc_id, *event_id, *source; /* source: the publication, or NULL */
    sr_span evidence, trigger;               /* {0,0}: not given */
    int32_t doc;                             /* index into docs, -1: not loaded */
    int32_t event;                           /* index into the record's events, -1: none */
} sr_inc_report;

typedef struct sr_incident {
    const char *id, *event_type, *sub_event_type;
    const char *date, *date_precision; /* "2017-10-14", "day" | "month" | "year"; or NULL */
    int64_t day_from, day_to;          /* the date as days; INT64_MIN when none */
    const char *country, *admin1, *location;
    char cc[3];                        /* the country's alpha-2, "" unknown */
    bool has_geo;
    double lat, lon;
    int geo_precision;                 /* 1..3, 0 unknown */
    int64_t fat_best, fat_low, fat_high; /* -1: unknown */
    const char **actors;
    uint32_t n_actors;
    uint32_t n_sources, n_articles;
    const char *first_reported, *last_reported;
    const char *notes; /* a sentence that tells it, or NULL */
    sr_inc_report *reports;
    uint32_t n_reports;
} sr_incident;

/* A document's record, parsed (the cJSON tree is kept for its fields). */
typedef struct sr_rdoc {
    const char *id, *title, *published, *url, *source;
    const char *text;
    size_t text_len;
    void *json; /* cJSON * */
} sr_rdoc;

typedef struct sr_report {
    sr_arena arena;
    SR_VEC(sr_incident) inc;
    SR_VEC(sr_rdoc) docs;
    uint32_t *doc_order; /* docs sorted by id, for lookups */
    bool have_incidents; /* an incidents file was given */
    /* the store chose the incidents (filters and page applied): the page
     * shows them all; total is how many matched, first the offset of the
     * first of them */
    bool selected;
    uint64_t total, first;
    uint32_t n_bad;      /* lines skipped */
    char first_error[240];
    const char *title;
} sr_report;

void sr_report_init(sr_report *r);
/* Adds records (JSONL, one sitrep record a line) or incidents (JSONL,
 * docs/report.md).  A line that is not one is skipped, counted in n_bad,
 * the first described in first_error as "NAME:LINE: why".  Returns the
 * lines added, or -1 when out of memory. */
long sr_report_add_records(sr_report *r, const char *data, size_t n, const char *name);
long sr_report_add_incidents(sr_report *r, const char *data, size_t n, const char *name);
/* Links reports to their documents; without incidents, makes one of each
 * asserted event of the records.  Call once, after the last add. */
void sr_report_finish(sr_report *r);
/* Whether an incident passes the filters of q (limit and page aside). */
bool sr_incident_matches(const sr_report *r, const sr_incident *inc, const sr_filter *q);
/* Writes the page: the incidents q selects (all with q NULL), at most
 * q->limit of them from q->page, as one self-contained HTML document. */
void sr_report_html(const sr_report *r, const sr_filter *q, sr_buf *out);
void sr_report_free(sr_report *r);

/* HTML text: &<>"' escaped, invalid UTF-8 and control characters (but
 * tab and newline) written as U+FFFD. */
void sr_html_escape(sr_buf *b, const char *s, size_t n);

/* map.c: the countries (ISO 3166-1 and Natural Earth's), and the map. */
typedef struct sr_map_country {
    const char *a2, *a3, *name, *iso_name;
    short x0, y0, x1, y1; /* bounding box in map units, all 0 when not drawn */
    const char *d;        /* SVG path data, or NULL */
} sr_map_country;
/* The country a code (alpha-2, alpha-3) or name (either) stands for, or
 * NULL; ASCII case is ignored. */
const sr_map_country *sr_map_country_find(const char *s);
/* The map of the incidents (indices sel[0..n)) as inline SVG. */
void sr_map_svg(sr_buf *b, const sr_report *r, const uint32_t *sel, uint32_t n);
/* The colour and short class of an event type (ACLED's six, else "other"). */
const char *sr_type_colour(const char *event_type);
const char *sr_type_class(const char *event_type);

/* ---- the server (server.c) ------------------------------------------------- */

/* The store: what the corpus layer gives the server.  Every function
 * returns an HTTP status (200 with `out` filled, or an error status with
 * `err` filled); any may be NULL (the endpoint answers 503 "no store").
 * They are called from several threads at once. */
typedef struct sr_store {
    void *ctx;
    /* GET /events (incidents false) and GET /incidents: one page of what q
     * selects in q->format; *total the number selected. */
    int (*query)(void *ctx, bool incidents, const sr_filter *q, sr_buf *out, const char **content_type,
                 uint64_t *total, sr_query_error *err);
    /* GET /incidents/{id} and GET /documents/{id}: JSON */
    int (*incident)(void *ctx, const char *id, sr_buf *out, sr_query_error *err);
    int (*document)(void *ctx, const char *id, sr_buf *out, sr_query_error *err);
    /* POST /ingest: the body as /extract takes it; out: a JSON summary */
    int (*ingest)(void *ctx, const char *body, size_t n, sitrep_format fmt, sr_buf *out,
                  sr_query_error *err);
    /* GET /report: adds what q selects to r (incidents and their records) */
    int (*report)(void *ctx, const sr_filter *q, sr_report *r, sr_query_error *err);
} sr_store;

typedef struct sr_server_options {
    const char *listen;        /* "127.0.0.1:8080" (default), "[::1]:8080", ":8080" all */
    const char *keys_file;     /* one key a line; NULL: /ingest refuses every key */
    const char *model_path;    /* NULL: the default model */
    const sitrep_model *model; /* the model to use (not freed), instead of opening model_path */
    const char **report_files; /* incidents and records for /report, given at start */
    const char **report_kinds; /* "incidents" | "records", one per file */
    unsigned n_report_files;
    size_t max_body;           /* bytes of a POST body (default 1 MiB) */
    size_t max_header;         /* bytes of the request line and headers (default 16 KiB) */
    unsigned max_connections;  /* default 256 */
    unsigned timeout;          /* seconds a connection may idle (default 15) */
    unsigned threads;          /* default: one per core, at least 2 */
    unsigned keep;             /* records extracted kept for /report (default 200) */
    const sr_store *store;     /* NULL: none yet */
} sr_server_options;

/* ---- the corpus as the store (store_corpus.c) ------------------------------
 *
 * The corpus layer's store (a SQLite path or postgresql://...) behind
 * sr_store: one writer connection (POST /ingest, one at a time) and
 * `readers` read-only ones (one a server thread), each with an extractor
 * over m (which must outlive the store).  GET /events and /incidents give
 * the rows and JSON objects of `sitrep query`, a page at a time; a
 * document's record is made again from its stored text and metadata.
 */
#define SR_STORE_DEFAULT_LIMIT 500 /* rows of a page when no limit is given */
#define SR_REPORT_STORE_LIMIT 200  /* incidents of a report when no limit is given */
typedef struct sr_corpus_store sr_corpus_store;
int sr_corpus_store_open(const char *url, unsigned readers, const sitrep_model *m, sr_corpus_store **out,
                         char *err, size_t errn);
const sr_store *sr_corpus_store_api(const sr_corpus_store *s);
void sr_corpus_store_close(sr_corpus_store *s);

typedef struct sr_server sr_server;
/* Starts serving on threads of its own; *err gets a sentence on failure. */
int sr_server_start(const sr_server_options *o, sr_server **out, char *err, size_t errn);
/* The port it listens on (useful after listening on port 0). */
unsigned sr_server_port(const sr_server *s);
void sr_server_stop(sr_server *s);

#endif /* SR_SERVE_H */
