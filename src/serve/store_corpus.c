/*
 * store_corpus.c: the corpus layer's store (SQLite or PostgreSQL, the
 * schema of docs/corpus.md) behind sr_store, for the server and the report.
 *
 * Connections: one writer, used by POST /ingest only and one request at a
 * time, and a pool of readers, one a server thread, each set read-only in
 * the database itself (SQLite's query_only, PostgreSQL's read-only
 * transactions) so that no GET can change the store even by mistake.
 * Each connection has an extractor of its own (ingest extracts; documents
 * are extracted again from their stored text and metadata, since the store
 * keeps the text and the events, not the whole record).
 *
 * Statements: fixed fragments, one per filter given, every value a
 * parameter.  The rows and their JSON are those of `sitrep query`
 * (src/corpus/query.c: the same columns, the same objects), with paging:
 * a page (LIMIT ? OFFSET ?) and the total (count(*)) read in one
 * transaction, so they agree even while an ingest commits.
 */
#include "serve.h"

#include "corpus/corpus.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- the columns (as corpus/query.c reads them) ------------------------------ */

#define EV_COLS SR_EV_COLS ", e.doc"
#define EV_NCOLS (SR_EV_NCOLS + 1)
#define INC_COLS SR_INC_COLS
#define EV_FROM SR_EV_FROM

static const char sql_reports[] = "SELECT " EV_COLS " FROM event e" EV_FROM " WHERE e.incident = ? ORDER BY e.id";
static const char sql_incident[] = "SELECT " EV_COLS ", " INC_COLS " FROM incident i JOIN event e ON e.id = i.rep_event"
                                   EV_FROM " WHERE i.id = ?";
static const char sql_document[] =
    "SELECT d.id, d.doc_id, d.url, d.title, d.published, d.publication, d.language, d.text, d.len, d.hash,"
    " d.version, d.ingested_at, dd.doc_id, d.dup_sim FROM document d LEFT JOIN document dd ON dd.id = d.dup_of"
    " WHERE d.doc_id = ? ORDER BY d.id LIMIT 1";
static const char sql_document_by_row[] =
    "SELECT d.id, d.doc_id, d.url, d.title, d.published, d.publication, d.language, d.text, d.len, d.hash,"
    " d.version, d.ingested_at, dd.doc_id, d.dup_sim FROM document d LEFT JOIN document dd ON dd.id = d.dup_of"
    " WHERE d.id = ?";
static const char sql_doc_events[] =
    "SELECT e.ord, e.incident, e.event_type, e.sub_event_type, e.cameo, e.happened, e.ev_start, e.ev_end,"
    " e.trig_start, e.trig_end FROM event e WHERE e.doc = ? ORDER BY e.ord";
static const char sql_key_events[] =
    "SELECT e.ord, e.incident FROM event e JOIN document d ON d.id = e.doc WHERE d.doc_key = ? ORDER BY e.ord";

/* ---- the pool ------------------------------------------------------------------- */

typedef struct conn {
    sr_corpus *c;
    sitrep_extractor *x;
} conn;

struct sr_corpus_store {
    sr_store api;
    const sitrep_model *model;
    pthread_mutex_t lock, wlock;
    pthread_cond_t free_cv;
    conn writer;
    conn *readers;
    conn **free_r;
    unsigned nr, nfree, cap_r;
};

static conn *take(sr_corpus_store *s)
{
    pthread_mutex_lock(&s->lock);
    while (!s->nfree)
        pthread_cond_wait(&s->free_cv, &s->lock);
    conn *k = s->free_r[--s->nfree];
    pthread_mutex_unlock(&s->lock);
    return k;
}

static void give(sr_corpus_store *s, conn *k)
{
    pthread_mutex_lock(&s->lock);
    s->free_r[s->nfree++] = k;
    pthread_cond_signal(&s->free_cv);
    pthread_mutex_unlock(&s->lock);
}

static int fail(sr_query_error *err, int status, const char *param, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(sr_query_error *err, int status, const char *param, const char *fmt, ...)
{
    if (err) {
        err->status = status;
        snprintf(err->param, sizeof err->param, "%s", param ? param : "");
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return status;
}

static int db_fail(sr_query_error *err, sr_db *db)
{
    /* the database's words go to the log, not to the client */
    char line[700];
    int n = snprintf(line, sizeof line, "sitrep serve: store: %s\n", sr_db_error(db));
    if (n > 0) {
        ssize_t w = write(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
        (void)w;
    }
    return fail(err, 500, NULL, "the store could not be read");
}

/* ---- rows ------------------------------------------------------------------------- */

typedef struct ev_row {
    sr_xevent x;
    int64_t id, incident, doc;
    const char *dup_of;
} ev_row;

static void load_event(sr_arena *a, const sr_rows *r, ev_row *e)
{
    memset(e, 0, sizeof *e);
    sr_rows_event(a, r, &e->x, &e->id, &e->incident, &e->dup_of);
    e->doc = sr_rows_int(r, SR_EV_NCOLS);
}

/* ---- JSON (the objects of `sitrep query`) ------------------------------------------ */

static void event_json(sr_json *j, const ev_row *e)
{
    sr_json_begin_object(j);
    sr_json_key(j, "event_id");
    sr_json_int(j, e->id);
    sr_json_key(j, "incident");
    if (e->incident)
        sr_json_int(j, e->incident);
    else
        sr_json_null(j);
    sr_json_key(j, "cameo");
    sr_json_str_or_null(j, e->x.cameo);
    sr_json_key(j, "plover");
    sr_json_str_or_null(j, e->x.plover);
    sr_json_key(j, "report");
    sr_report_json(j, &e->x, e->dup_of);
    sr_json_end_object(j);
}

/* ---- the statement ---------------------------------------------------------------- */

typedef struct qb {
    sr_buf sql;
    sr_val p[SR_DB_MAXPARAMS];
    int np;
    sr_arena *a;
} qb;

static void put(qb *b, sr_val v)
{
    if (b->np < SR_DB_MAXPARAMS)
        b->p[b->np++] = v;
}

/* " AND lower(COL) IN (lower(?), ...)" */
static void in_list(qb *b, const char *col, const sr_strlist *l)
{
    if (!l->n)
        return;
    sr_buf_printf(&b->sql, " AND lower(%s) IN (", col);
    for (uint32_t k = 0; k < l->n; k++) {
        sr_buf_puts(&b->sql, k ? ", lower(?)" : "lower(?)");
        put(b, sr_vs(l->v[k]));
    }
    sr_buf_putc(&b->sql, ')');
}

/* The parameters a filter takes, to refuse one that takes more than a
 * statement may have. */
static int params_needed(const sr_filter *q)
{
    return (int)(q->country.n + q->admin1.n + q->location.n + q->event_type.n + q->sub_event_type.n +
                 q->source.n + 2 * q->actor.n) +
           (q->has_date ? 2 : 0) + (q->has_fatalities ? 2 : 0) + (q->has_bbox ? 4 : 0) + (q->q ? 1 : 0) + 2;
}

/* FROM and WHERE of what q selects (events that happened, or incidents);
 * `acled`: only rows with an ACLED type (the CSV's rows). */
static void where(qb *b, sr_db *db, bool inc, const sr_filter *q, bool acled)
{
    bool pg = sr_db_kind(db) == SR_DB_PG;
    if (inc)
        sr_buf_puts(&b->sql, " FROM incident i JOIN event e ON e.id = i.rep_event" EV_FROM " WHERE 1 = 1");
    else
        sr_buf_puts(&b->sql, " FROM event e" EV_FROM " LEFT JOIN incident i ON i.id = e.incident WHERE e.happened = 1");
    const char *X = inc ? "i." : "e.";
    char col[64];
#define C(name) (snprintf(col, sizeof col, "%s%s", X, name), col)
    if (acled)
        sr_buf_printf(&b->sql, " AND coalesce(%sevent_type, '') <> ''", X);
    if (q->country.n) {
        /* a known country by its code, else by the name given */
        uint32_t ncode = 0, nname = 0;
        for (uint32_t k = 0; k < q->country.n; k++) {
            const sr_map_country *m = sr_map_country_find(q->country.v[k]);
            if (m && m->a2[0])
                ncode++;
            else
                nname++;
        }
        sr_buf_puts(&b->sql, " AND (");
        if (ncode) {
            sr_buf_printf(&b->sql, "%s IN (", C("cc"));
            uint32_t w = 0;
            for (uint32_t k = 0; k < q->country.n; k++) {
                const sr_map_country *m = sr_map_country_find(q->country.v[k]);
                if (m && m->a2[0]) {
                    sr_buf_puts(&b->sql, w++ ? ", ?" : "?");
                    put(b, sr_vs(m->a2));
                }
            }
            sr_buf_putc(&b->sql, ')');
        }
        if (nname) {
            sr_buf_printf(&b->sql, "%slower(%s) IN (", ncode ? " OR " : "", C("country"));
            uint32_t w = 0;
            for (uint32_t k = 0; k < q->country.n; k++) {
                const sr_map_country *m = sr_map_country_find(q->country.v[k]);
                if (!(m && m->a2[0])) {
                    sr_buf_puts(&b->sql, w++ ? ", lower(?)" : "lower(?)");
                    put(b, sr_vs(q->country.v[k]));
                }
            }
            sr_buf_putc(&b->sql, ')');
        }
        sr_buf_putc(&b->sql, ')');
    }
    in_list(b, C("admin1"), &q->admin1);
    in_list(b, inc ? "i.location" : "e.loc_name", &q->location);
    in_list(b, C("event_type"), &q->event_type);
    in_list(b, C("sub_event_type"), &q->sub_event_type);
    if (q->actor.n) {
        sr_buf_puts(&b->sql, " AND (");
        for (uint32_t k = 0; k < q->actor.n; k++) {
            const char *pat = sr_like_pattern(b->a, q->actor.v[k]);
            sr_buf_printf(&b->sql, "%slower(%s) LIKE ? ESCAPE '\\' OR lower(%s) LIKE ? ESCAPE '\\'", k ? " OR " : "",
                          inc ? "i.actor1" : "e.a1_name", inc ? "i.actor2" : "e.a2_name");
            put(b, sr_vs(pat));
            put(b, sr_vs(pat));
        }
        sr_buf_putc(&b->sql, ')');
    }
    if (q->has_date) {
        if (q->date_from != INT64_MIN) {
            sr_buf_printf(&b->sql, " AND %s >= ?", C("day_last"));
            put(b, sr_vi(q->date_from));
        }
        if (q->date_to != INT64_MAX) {
            sr_buf_printf(&b->sql, " AND %s <= ?", C("day_first"));
            put(b, sr_vi(q->date_to));
        }
    }
    if (q->has_fatalities) {
        /* unknown counts as 0, as ACLED's */
        const char *f = inc ? "(CASE WHEN i.has_fat = 1 THEN i.fatalities ELSE 0 END)"
                            : "(CASE WHEN e.has_fat = 1 THEN e.fat_min ELSE 0 END)";
        sr_buf_printf(&b->sql, " AND %s >= ?", f);
        put(b, sr_vi(q->fatalities_min));
        if (q->fatalities_max >= 0) {
            sr_buf_printf(&b->sql, " AND %s <= ?", f);
            put(b, sr_vi(q->fatalities_max));
        }
    }
    if (q->has_bbox) {
        sr_buf_printf(&b->sql, " AND %shas_coords = 1 AND %slat >= ? AND %slat <= ? AND %slon >= ? AND %slon <= ?", X,
                      X, X, X, X);
        put(b, sr_vf(q->min_lat));
        put(b, sr_vf(q->max_lat));
        put(b, sr_vf(q->min_lon));
        put(b, sr_vf(q->max_lon));
    }
    if (q->source.n) {
        if (inc)
            sr_buf_puts(&b->sql, " AND EXISTS (SELECT 1 FROM event x JOIN document y ON y.id = x.doc WHERE"
                                 " x.incident = i.id");
        in_list(b, inc ? "y.publication" : "d.publication", &q->source);
        if (inc)
            sr_buf_putc(&b->sql, ')');
    }
    if (q->q) {
        const char *m = pg ? "y.tsv @@ plainto_tsquery('english', ?)"
                           : "y.id IN (SELECT rowid FROM document_fts WHERE document_fts MATCH ?)";
        if (inc)
            sr_buf_printf(&b->sql,
                          " AND EXISTS (SELECT 1 FROM event x JOIN document y ON y.id = x.doc WHERE x.incident = i.id"
                          " AND %s)",
                          m);
        else
            sr_buf_printf(&b->sql, " AND EXISTS (SELECT 1 FROM document y WHERE y.id = d.id AND %s)", m);
        put(b, sr_vs(pg ? q->q : sr_fts5_query(b->a, q->q)));
    }
#undef C
}

/* A search with no word in it matches nothing (FTS5 refuses an empty
 * query; PostgreSQL's plainto_tsquery gives an empty one). */
static bool has_word(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80)
            return true;
    }
    return false;
}

/* ---- GET /events, GET /incidents ------------------------------------------------- */

typedef struct page {
    uint64_t total;
    uint32_t limit, page;
} page;

/* The rows of a page, each handed to fn with the statement's row. */
typedef bool (*row_fn)(void *arg, sr_db *db, sr_arena *a, ev_row *e, bool has_inc, sr_inc_row *ir);

static int run_page(sr_db *db, bool inc, const sr_filter *q, bool acled, uint32_t limit, page *pg, row_fn fn,
                    void *arg, sr_query_error *err)
{
    if (params_needed(q) > SR_DB_MAXPARAMS)
        return fail(err, 400, NULL, "too many values in all (a query takes at most %d)", SR_DB_MAXPARAMS - 2);
    pg->limit = limit;
    pg->page = q->page ? q->page : 1;
    pg->total = 0;
    if (q->q && !has_word(q->q))
        return 200;
    sr_arena a;
    sr_arena_init(&a);
    qb b = {.a = &a};
    sr_buf_init(&b.sql);
    sr_buf_puts(&b.sql, "SELECT count(*)");
    where(&b, db, inc, q, acled);
    sr_buf_putc(&b.sql, 0);
    int status = 200;
    bool in_tx = false;
    int64_t total = 0;
    bool found = false;
    if (b.sql.failed) {
        status = fail(err, 500, NULL, "out of memory");
        goto done;
    }
    /* one snapshot for the total and the page */
    if (!sr_db_script(db, sr_db_kind(db) == SR_DB_PG ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN")) {
        status = db_fail(err, db);
        goto done;
    }
    in_tx = true;
    {
        /* (never sr_db_one_int: it keeps statements by the SQL's address,
         * and this SQL is built a request at a time) */
        sr_rows cr;
        if (!sr_db_run(db, b.sql.p, b.p, b.np, &cr, false)) {
            status = db_fail(err, db);
            goto done;
        }
        found = sr_rows_next(&cr);
        if (found)
            total = sr_rows_int(&cr, 0);
        if (!sr_rows_end(&cr)) {
            status = db_fail(err, db);
            goto done;
        }
    }
    pg->total = found && total > 0 ? (uint64_t)total : 0;
    uint64_t offset = (uint64_t)(pg->page - 1) * limit;
    if (offset < pg->total) {
        b.sql.n = 0;
        b.np = 0;
        sr_buf_puts(&b.sql, "SELECT " EV_COLS ", " INC_COLS);
        where(&b, db, inc, q, acled);
        sr_buf_printf(&b.sql, " ORDER BY coalesce(%sday_first, -99999999), %sid LIMIT ? OFFSET ?", inc ? "i." : "e.",
                      inc ? "i." : "e.");
        sr_buf_putc(&b.sql, 0);
        put(&b, sr_vi(limit));
        put(&b, sr_vi((int64_t)offset));
        sr_rows r;
        if (b.sql.failed) {
            status = fail(err, 500, NULL, "out of memory");
            goto done;
        }
        if (!sr_db_run(db, b.sql.p, b.p, b.np, &r, false)) {
            status = db_fail(err, db);
            goto done;
        }
        sr_arena ra;
        sr_arena_init(&ra);
        bool ok = true;
        while (ok && sr_rows_next(&r)) {
            sr_arena_reset(&ra);
            ev_row e;
            sr_inc_row ir;
            load_event(&ra, &r, &e);
            bool has_inc = !sr_rows_null(&r, EV_NCOLS);
            if (has_inc)
                sr_rows_incident(&ra, &r, EV_NCOLS, &ir);
            else
                memset(&ir, 0, sizeof ir);
            if (inc)
                sr_rows_apply_incident(&e.x, &ir);
            ok = fn(arg, db, &ra, &e, has_inc, &ir);
        }
        ok = sr_rows_end(&r) && ok;
        sr_arena_free(&ra);
        if (!ok) {
            status = db_fail(err, db);
            goto done;
        }
    }
done:
    if (in_tx && !sr_db_script(db, "COMMIT") && status == 200)
        status = db_fail(err, db);
    sr_buf_free(&b.sql);
    sr_arena_free(&a);
    return status;
}

typedef struct out_rows {
    bool incidents;
    sr_filter_format format;
    sr_buf *out;
    sr_json j;
    uint32_t n;
} out_rows;

static bool out_row(void *arg, sr_db *db, sr_arena *a, ev_row *e, bool has_inc, sr_inc_row *ir)
{
    out_rows *o = arg;
    const sr_xincident *xi = has_inc ? &ir->x : NULL;
    char gid[32];
    snprintf(gid, sizeof gid, "%lld", (long long)(o->incidents ? ir->x.id : e->id));
    o->n++;
    switch (o->format) {
    case SR_FMT_CSV:
        if (o->incidents)
            sr_write_acled_row(o->out, &e->x, xi);
        else {
            sr_xincident e1 = {0};
            e1.id = e->id;
            e1.has_fatalities = e->x.has_fatalities;
            e1.fatalities = e->x.fat_min;
            sr_write_acled_row(o->out, &e->x, &e1);
        }
        return true;
    case SR_FMT_GEOJSON:
        sr_write_geojson_feature(&o->j, &e->x, xi, gid);
        return true;
    default:
        if (o->incidents)
            return sr_incident_json(&o->j, db, a, &e->x, ir);
        event_json(&o->j, e);
        return true;
    }
}

static void paging_members(sr_json *j, const page *pg, uint32_t count)
{
    sr_json_key(j, "total");
    sr_json_int(j, (int64_t)pg->total);
    sr_json_key(j, "page");
    sr_json_int(j, pg->page);
    sr_json_key(j, "limit");
    sr_json_int(j, pg->limit);
    sr_json_key(j, "count");
    sr_json_int(j, count);
}

static int st_query(void *ctx, bool incidents, const sr_filter *q, sr_buf *out, const char **content_type,
                    uint64_t *total, sr_query_error *err)
{
    sr_corpus_store *s = ctx;
    sr_filter_format f = q->format ? q->format : SR_FMT_JSON;
    uint32_t limit = q->limit ? q->limit : SR_STORE_DEFAULT_LIMIT;
    out_rows o = {.incidents = incidents, .format = f, .out = out};
    sr_buf rows;
    sr_buf_init(&rows);
    o.out = f == SR_FMT_CSV ? out : &rows;
    o.j = (sr_json){.b = o.out, .first = true, .depth = 1};
    if (f == SR_FMT_CSV)
        sr_write_acled_header(out);
    page pg;
    conn *k = take(s);
    int st = run_page(sr_corpus_db(k->c), incidents, q, f == SR_FMT_CSV, limit, &pg, out_row, &o, err);
    give(s, k);
    if (st == 200 && f != SR_FMT_CSV) {
        /* the envelope, then the rows written at depth 1 */
        sr_json j = {.b = out};
        sr_json_begin_object(&j);
        if (f == SR_FMT_GEOJSON) {
            sr_json_key(&j, "type");
            sr_json_cstr(&j, "FeatureCollection");
        } else {
            sr_json_key(&j, "status");
            sr_json_int(&j, 200);
            sr_json_key(&j, "success");
            sr_json_bool(&j, true);
        }
        paging_members(&j, &pg, o.n);
        if (f == SR_FMT_GEOJSON)
            sr_json_key(&j, "features");
        else
            sr_json_key(&j, "data");
        sr_buf_putc(out, '[');
        sr_buf_put(out, rows.p ? rows.p : "", rows.n);
        sr_buf_puts(out, "]}\n");
    }
    if (rows.failed || out->failed)
        st = fail(err, 500, NULL, "out of memory");
    sr_buf_free(&rows);
    *total = pg.total;
    *content_type = f == SR_FMT_CSV       ? "text/csv; charset=utf-8"
                    : f == SR_FMT_GEOJSON ? "application/geo+json"
                                          : "application/json";
    return st;
}

/* ---- GET /incidents/{id} ---------------------------------------------------------- */

static bool whole_id(const char *s, int64_t *out)
{
    int64_t v = 0;
    if (!*s || strlen(s) > 15)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return v > 0;
}

static int st_incident(void *ctx, const char *id, sr_buf *out, sr_query_error *err)
{
    sr_corpus_store *s = ctx;
    int64_t n;
    if (!whole_id(id, &n))
        return fail(err, 400, NULL, "an incident's id is a whole number (as /incidents gives it)");
    conn *k = take(s);
    sr_db *db = sr_corpus_db(k->c);
    sr_arena a;
    sr_arena_init(&a);
    sr_val p[] = {sr_vi(n)};
    sr_rows r;
    int st = 404;
    if (!sr_db_script(db, sr_db_kind(db) == SR_DB_PG ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN")) {
        st = db_fail(err, db);
        goto out;
    }
    if (!sr_db_run(db, sql_incident, p, 1, &r, true)) {
        st = db_fail(err, db);
    } else {
        bool ok = true;
        if (sr_rows_next(&r)) {
            ev_row e;
            sr_inc_row ir;
            load_event(&a, &r, &e);
            sr_rows_incident(&a, &r, EV_NCOLS, &ir);
            sr_rows_end(&r);
            sr_json j = {.b = out};
            ok = sr_incident_json(&j, db, &a, &e.x, &ir);
            sr_buf_putc(out, '\n');
            st = ok ? 200 : db_fail(err, db);
        } else if (!sr_rows_end(&r)) {
            st = db_fail(err, db);
        }
    }
    sr_db_script(db, "COMMIT");
    if (st == 404)
        fail(err, 404, NULL, "no incident %lld in the store", (long long)n);
out:
    give(s, k);
    sr_arena_free(&a);
    return st;
}

/* ---- documents: the record made again from the stored text ------------------------ */

typedef struct doc_row {
    int64_t row;
    const char *doc_id, *url, *title, *published, *publication, *language, *text, *hash, *dup_of;
    int64_t len, version, ingested_at;
    bool has_dup_sim;
    double dup_sim;
} doc_row;

static void load_doc(sr_arena *a, const sr_rows *r, doc_row *d)
{
    int k = 0;
    d->row = sr_rows_int(r, k++);
    d->doc_id = sr_rows_copy(a, sr_rows_text(r, k++));
    d->url = sr_rows_copy(a, sr_rows_text(r, k++));
    d->title = sr_rows_copy(a, sr_rows_text(r, k++));
    d->published = sr_rows_copy(a, sr_rows_text(r, k++));
    d->publication = sr_rows_copy(a, sr_rows_text(r, k++));
    d->language = sr_rows_copy(a, sr_rows_text(r, k++));
    d->text = sr_rows_copy(a, sr_rows_text(r, k++));
    d->len = sr_rows_int(r, k++);
    d->hash = sr_rows_copy(a, sr_rows_text(r, k++));
    d->version = sr_rows_int(r, k++);
    d->ingested_at = sr_rows_int(r, k++);
    d->dup_of = sr_rows_copy(a, sr_rows_text(r, k++));
    d->has_dup_sim = !sr_rows_null(r, k);
    d->dup_sim = sr_rows_real(r, k++);
}

/* The document's record, one line of JSON, as `sitrep extract` writes it
 * for the stored text and metadata; *same: its text is the stored text. */
static bool record_of(conn *k, const doc_row *d, sr_buf *out, bool *same)
{
    sr_buf in;
    sr_buf_init(&in);
    sr_json j = {.b = &in};
    sr_json_begin_object(&j);
    sr_json_key(&j, "id");
    sr_json_cstr(&j, d->doc_id);
    const struct { const char *k; const char *v; } f[] = {
        {"title", d->title}, {"url", d->url}, {"published", d->published}, {"language", d->language}};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        if (f[i].v[0]) {
            sr_json_keyn(&j, f[i].k, strlen(f[i].k));
            sr_json_cstr(&j, f[i].v);
        }
    sr_json_key(&j, "text");
    sr_json_cstr(&j, d->text);
    sr_json_end_object(&j);
    const sitrep_record *rec = NULL;
    bool ok = !in.failed && sitrep_extract_buffer(k->x, in.p, in.n, SITREP_FORMAT_JSONL, d->doc_id, &rec) == SITREP_OK &&
              rec;
    if (ok) {
        size_t n0 = out->n;
        sr_record_write(&rec->doc, rec->model, out, 0);
        if (out->n > n0 && out->p[out->n - 1] == '\n')
            out->n--;
        *same = rec->doc.len == strlen(d->text) && memcmp(rec->doc.text, d->text, rec->doc.len) == 0;
        ok = !out->failed;
    }
    sr_buf_free(&in);
    return ok;
}

static int st_document(void *ctx, const char *id, sr_buf *out, sr_query_error *err)
{
    sr_corpus_store *s = ctx;
    conn *k = take(s);
    sr_db *db = sr_corpus_db(k->c);
    sr_arena a;
    sr_arena_init(&a);
    sr_val p[] = {sr_vs(id)};
    sr_rows r;
    doc_row d;
    int st = 200;
    bool found = false, in_tx = false;
    if (!sr_db_script(db, sr_db_kind(db) == SR_DB_PG ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN")) {
        st = db_fail(err, db);
        goto out;
    }
    in_tx = true;
    if (!sr_db_run(db, sql_document, p, 1, &r, true)) {
        st = db_fail(err, db);
        goto out;
    }
    if (sr_rows_next(&r)) {
        load_doc(&a, &r, &d);
        found = true;
    }
    if (!sr_rows_end(&r)) {
        st = db_fail(err, db);
        goto out;
    }
    if (!found) {
        st = fail(err, 404, NULL, "no document of that id in the store");
        goto out;
    }
    sr_json j = {.b = out};
    sr_json_begin_object(&j);
    sr_json_key(&j, "document");
    sr_json_begin_object(&j);
    sr_json_key(&j, "id");
    sr_json_cstr(&j, d.doc_id);
    sr_json_key(&j, "url");
    sr_json_str_or_null(&j, d.url);
    sr_json_key(&j, "title");
    sr_json_str_or_null(&j, d.title);
    sr_json_key(&j, "published");
    sr_json_str_or_null(&j, d.published);
    sr_json_key(&j, "publication");
    sr_json_str_or_null(&j, d.publication);
    sr_json_key(&j, "language");
    sr_json_str_or_null(&j, d.language);
    sr_json_key(&j, "length");
    sr_json_int(&j, d.len);
    sr_json_key(&j, "hash");
    sr_json_str_or_null(&j, d.hash);
    sr_json_key(&j, "version");
    sr_json_int(&j, d.version);
    sr_json_key(&j, "ingested_at");
    sr_json_int(&j, d.ingested_at);
    sr_json_key(&j, "near_duplicate_of");
    sr_json_str_or_null(&j, d.dup_of);
    if (d.has_dup_sim) {
        sr_json_key(&j, "similarity");
        sr_json_fixed(&j, d.dup_sim, 3);
    }
    sr_json_end_object(&j);
    /* the events as stored, with their incidents */
    sr_json_key(&j, "events");
    sr_json_begin_array(&j);
    sr_val pr[] = {sr_vi(d.row)};
    if (!sr_db_run(db, sql_doc_events, pr, 1, &r, true)) {
        st = db_fail(err, db);
        goto out;
    }
    while (sr_rows_next(&r)) {
        char eid[24];
        snprintf(eid, sizeof eid, "v%lld", (long long)sr_rows_int(&r, 0));
        sr_json_begin_object(&j);
        sr_json_key(&j, "event");
        sr_json_cstr(&j, eid);
        sr_json_key(&j, "incident");
        if (sr_rows_null(&r, 1))
            sr_json_null(&j);
        else
            sr_json_int(&j, sr_rows_int(&r, 1));
        sr_json_key(&j, "event_type");
        sr_json_str_or_null(&j, sr_rows_text(&r, 2));
        sr_json_key(&j, "sub_event_type");
        sr_json_str_or_null(&j, sr_rows_text(&r, 3));
        sr_json_key(&j, "cameo");
        sr_json_str_or_null(&j, sr_rows_text(&r, 4));
        sr_json_key(&j, "happened");
        sr_json_bool(&j, sr_rows_int(&r, 5) != 0);
        sr_json_key(&j, "evidence");
        sr_json_span(&j, (uint32_t)sr_rows_int(&r, 6), (uint32_t)sr_rows_int(&r, 7), NULL);
        sr_json_key(&j, "trigger");
        sr_json_span(&j, (uint32_t)sr_rows_int(&r, 8), (uint32_t)sr_rows_int(&r, 9), NULL);
        sr_json_end_object(&j);
    }
    if (!sr_rows_end(&r)) {
        st = db_fail(err, db);
        goto out;
    }
    sr_json_end_array(&j);
    sr_json_key(&j, "record");
    j.after_key = false;
    bool same = false;
    if (!record_of(k, &d, out, &same)) {
        st = fail(err, 500, NULL, "the document's record could not be made");
        goto out;
    }
    sr_json_key(&j, "record_text_is_stored_text");
    sr_json_bool(&j, same);
    sr_json_end_object(&j);
    sr_buf_putc(out, '\n');
out:
    if (in_tx)
        sr_db_script(db, "COMMIT");
    give(s, k);
    sr_arena_free(&a);
    if (out->failed && st == 200)
        st = fail(err, 500, NULL, "out of memory");
    return st;
}

/* ---- POST /ingest ----------------------------------------------------------------- */

/* A document of the body, as the answer names it. */
typedef struct staged_doc {
    const char *id, *url, *key;
} staged_doc;

static int st_ingest(void *ctx, const char *body, size_t n, sitrep_format fmt, sr_buf *out, sr_query_error *err)
{
    sr_corpus_store *s = ctx;
    if (n == 0)
        return fail(err, 400, NULL, "the body is empty: send a text, an HTML page or JSONL");
    sitrep_source_options opt = {.format = fmt, .max_doc_bytes = n + 1};
    sitrep_source *src = NULL;
    if (sitrep_source_open_memory(body, n, "body", &opt, &src) != SITREP_OK)
        return fail(err, 500, NULL, "cannot read the body");
    pthread_mutex_lock(&s->wlock);
    conn *k = &s->writer;
    sr_db *db = sr_corpus_db(k->c);
    sr_buf docs, errs;
    sr_buf_init(&docs);
    sr_buf_init(&errs);
    sr_json jd = {.b = &docs, .first = true, .depth = 1}, je = {.b = &errs, .first = true, .depth = 1};
    sr_corpus_stats before = *sr_corpus_get_stats(k->c);
    int st = 200;
    unsigned nread = 0, nbad = 0;
    staged_doc *sd = NULL;
    uint32_t nstaged = 0, capstaged = 0;
    sr_arena names;
    sr_arena_init(&names);
    if (sr_corpus_begin(k->c) != SITREP_OK) {
        st = db_fail(err, db);
        goto out;
    }
    const sitrep_record *rec;
    sitrep_status xs;
    while ((xs = sitrep_extract_next(k->x, src, &rec)) != SITREP_END) {
        const sr_doc *d = &rec->doc;
        if (xs != SITREP_OK || d->error || !d->text) {
            nbad++;
            sr_json_begin_object(&je);
            sr_json_key(&je, "id");
            sr_json_str_or_null(&je, d->id);
            sr_json_key(&je, "message");
            sr_json_cstr(&je, xs != SITREP_OK ? sitrep_extractor_error(k->x)->message : "no text");
            sr_json_end_object(&je);
            continue;
        }
        nread++;
        if (sr_corpus_add(k->c, rec, NULL) != SITREP_OK) {
            st = db_fail(err, db);
            sr_corpus_rollback(k->c);
            goto out;
        }
        /* the store's key (the URL, else the id), to answer with after
         * the commit: the batch is stored then */
        if (nstaged == capstaged) {
            uint32_t nc = capstaged ? 2 * capstaged : 8;
            staged_doc *g = realloc(sd, nc * sizeof *sd);
            if (!g) {
                st = fail(err, 500, NULL, "out of memory");
                sr_corpus_rollback(k->c);
                goto out;
            }
            sd = g;
            capstaged = nc;
        }
        const char *key = d->meta.url && d->meta.url[0] ? d->meta.url : d->id;
        sd[nstaged].id = sr_arena_strndup(&names, d->id ? d->id : "", d->id ? strlen(d->id) : 0);
        sd[nstaged].url = d->meta.url ? sr_arena_strndup(&names, d->meta.url, strlen(d->meta.url)) : NULL;
        sd[nstaged].key = sr_arena_strndup(&names, key ? key : "", key ? strlen(key) : 0);
        if (!sd[nstaged].id || !sd[nstaged].key || (d->meta.url && !sd[nstaged].url)) {
            st = fail(err, 500, NULL, "out of memory");
            sr_corpus_rollback(k->c);
            goto out;
        }
        nstaged++;
    }
    if (!nread) {
        sr_corpus_rollback(k->c);
        st = fail(err, 422, NULL, "no document of the body could be read");
        goto out;
    }
    if (sr_corpus_commit(k->c) != SITREP_OK) {
        st = db_fail(err, db);
        sr_corpus_rollback(k->c);
        goto out;
    }
    for (uint32_t i = 0; i < nstaged; i++) {
        int state = sr_corpus_committed(k->c, i);
        const char *status = state == SR_STORED_NEW       ? "new"
                             : state == SR_STORED_UPDATED ? "updated"
                                                          : "unchanged";
        sr_json_begin_object(&jd);
        sr_json_key(&jd, "id");
        sr_json_str_or_null(&jd, sd[i].id);
        sr_json_key(&jd, "url");
        sr_json_str_or_null(&jd, sd[i].url);
        sr_json_key(&jd, "status");
        sr_json_cstr(&jd, status);
        /* its events as stored now and the incidents they are in */
        sr_val p[] = {sr_vs(sd[i].key)};
        sr_rows r;
        if (!sr_db_run(db, sql_key_events, p, 1, &r, true)) {
            st = db_fail(err, db);
            goto out;
        }
        sr_json_key(&jd, "events");
        sr_json_begin_array(&jd);
        while (sr_rows_next(&r)) {
            char eid[24];
            snprintf(eid, sizeof eid, "v%lld", (long long)sr_rows_int(&r, 0));
            sr_json_begin_object(&jd);
            sr_json_key(&jd, "event");
            sr_json_cstr(&jd, eid);
            sr_json_key(&jd, "incident");
            if (sr_rows_null(&r, 1))
                sr_json_null(&jd);
            else
                sr_json_int(&jd, sr_rows_int(&r, 1));
            sr_json_end_object(&jd);
        }
        if (!sr_rows_end(&r)) {
            st = db_fail(err, db);
            goto out;
        }
        sr_json_end_array(&jd);
        sr_json_end_object(&jd);
    }
    const sr_corpus_stats *a = sr_corpus_get_stats(k->c);
    sr_json j = {.b = out};
    sr_json_begin_object(&j);
    sr_json_key(&j, "status");
    sr_json_int(&j, 200);
    sr_json_key(&j, "read");
    sr_json_int(&j, nread);
    sr_json_key(&j, "new");
    sr_json_int(&j, (int64_t)(a->docs_new - before.docs_new));
    sr_json_key(&j, "updated");
    sr_json_int(&j, (int64_t)(a->docs_updated - before.docs_updated));
    sr_json_key(&j, "unchanged");
    sr_json_int(&j, (int64_t)(a->docs_same - before.docs_same));
    sr_json_key(&j, "near_duplicates");
    sr_json_int(&j, (int64_t)(a->near_dups - before.near_dups));
    sr_json_key(&j, "events");
    sr_json_int(&j, (int64_t)(a->events - before.events));
    sr_json_key(&j, "merges");
    sr_json_int(&j, (int64_t)(a->merges - before.merges));
    sr_json_key(&j, "documents");
    sr_buf_putc(out, '[');
    sr_buf_put(out, docs.p ? docs.p : "", docs.n);
    sr_buf_putc(out, ']');
    j.after_key = false;
    j.first = false;
    sr_json_key(&j, "errors");
    sr_buf_putc(out, '[');
    sr_buf_put(out, errs.p ? errs.p : "", errs.n);
    sr_buf_putc(out, ']');
    j.after_key = false;
    j.first = false;
    sr_json_end_object(&j);
    sr_buf_putc(out, '\n');
    if (out->failed || docs.failed || errs.failed)
        st = fail(err, 500, NULL, "out of memory");
out:
    pthread_mutex_unlock(&s->wlock);
    sitrep_source_free(src);
    sr_buf_free(&docs);
    sr_buf_free(&errs);
    free(sd);
    sr_arena_free(&names);
    (void)nbad;
    return st;
}

/* ---- the report ------------------------------------------------------------------- */

typedef struct rep_ctx {
    sr_buf lines; /* incidents as JSONL (docs/report.md) */
    int64_t *docs; /* the document rows the reports cite */
    size_t ndocs, cap;
    bool oom;
} rep_ctx;

static void add_doc(rep_ctx *c, int64_t row)
{
    for (size_t i = 0; i < c->ndocs; i++)
        if (c->docs[i] == row)
            return;
    if (c->ndocs == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        int64_t *g = realloc(c->docs, cap * sizeof *g);
        if (!g) {
            c->oom = true;
            return;
        }
        c->docs = g;
        c->cap = cap;
    }
    c->docs[c->ndocs++] = row;
}

static bool rep_row(void *arg, sr_db *db, sr_arena *a, ev_row *e, bool has_inc, sr_inc_row *ir)
{
    rep_ctx *c = arg;
    (void)has_inc;
    sr_json j = {.b = &c->lines};
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)ir->x.id);
    sr_json_begin_object(&j);
    sr_json_key(&j, "id");
    sr_json_cstr(&j, id);
    sr_json_key(&j, "event_type");
    sr_json_str_or_null(&j, ir->event_type);
    sr_json_key(&j, "sub_event_type");
    sr_json_str_or_null(&j, ir->sub_event_type);
    if (ir->date[0]) {
        sr_json_key(&j, "date");
        sr_json_cstr(&j, ir->date);
        sr_json_key(&j, "date_precision");
        sr_json_cstr(&j, sr_date_precision_name(ir->date_precision));
    }
    sr_json_key(&j, "country");
    sr_json_str_or_null(&j, ir->loc.country[0] ? ir->loc.country : ir->loc.cc);
    sr_json_key(&j, "admin1");
    sr_json_str_or_null(&j, ir->loc.admin1);
    sr_json_key(&j, "location");
    sr_json_str_or_null(&j, ir->loc.name);
    if (ir->loc.has_coords) {
        sr_json_key(&j, "lat");
        sr_json_fixed(&j, ir->loc.lat, 4);
        sr_json_key(&j, "lon");
        sr_json_fixed(&j, ir->loc.lon, 4);
    }
    sr_json_key(&j, "geo_precision");
    sr_json_int(&j, ir->geo_precision);
    if (ir->x.has_fatalities) {
        sr_json_key(&j, "fatalities");
        sr_json_begin_object(&j);
        sr_json_key(&j, "best");
        sr_json_int(&j, ir->x.fatalities);
        sr_json_key(&j, "low");
        sr_json_int(&j, ir->x.fat_low);
        sr_json_key(&j, "high");
        sr_json_int(&j, ir->x.fat_high);
        sr_json_end_object(&j);
    }
    sr_json_key(&j, "actors");
    sr_json_begin_array(&j);
    if (ir->actor1[0])
        sr_json_cstr(&j, ir->actor1);
    if (ir->actor2[0])
        sr_json_cstr(&j, ir->actor2);
    sr_json_end_array(&j);
    sr_json_key(&j, "sources");
    sr_json_int(&j, ir->x.num_sources);
    sr_json_key(&j, "articles");
    sr_json_int(&j, ir->x.num_articles);
    sr_json_key(&j, "first_reported");
    sr_json_str_or_null(&j, ir->x.first_reported);
    sr_json_key(&j, "last_reported");
    sr_json_str_or_null(&j, ir->x.last_reported);
    sr_json_key(&j, "notes");
    sr_json_str_or_null(&j, e->x.notes);
    sr_json_key(&j, "reports");
    sr_json_begin_array(&j);
    sr_val p[] = {sr_vi(ir->x.id)};
    sr_rows r;
    if (!sr_db_run(db, sql_reports, p, 1, &r, true))
        return false;
    while (sr_rows_next(&r)) {
        ev_row x;
        load_event(a, &r, &x);
        char eid[16];
        snprintf(eid, sizeof eid, "v%u", x.x.ord);
        sr_json_begin_object(&j);
        sr_json_key(&j, "doc_id");
        sr_json_cstr(&j, x.x.doc_id);
        sr_json_key(&j, "event_id");
        sr_json_cstr(&j, eid);
        sr_json_key(&j, "source");
        sr_json_str_or_null(&j, x.x.publication);
        if (x.x.end > x.x.start && x.x.start >= 0) {
            sr_json_key(&j, "evidence");
            sr_json_span(&j, (uint32_t)x.x.start, (uint32_t)x.x.end, NULL);
        }
        if (x.x.trig_end > x.x.trig_start && x.x.trig_start >= 0) {
            sr_json_key(&j, "trigger");
            sr_json_span(&j, (uint32_t)x.x.trig_start, (uint32_t)x.x.trig_end, NULL);
        }
        sr_json_end_object(&j);
        add_doc(c, x.doc);
    }
    if (!sr_rows_end(&r))
        return false;
    sr_json_end_array(&j);
    sr_json_end_object(&j);
    sr_buf_putc(&c->lines, '\n');
    return !c->oom;
}

static int st_report(void *ctx, const sr_filter *q, sr_report *rep, sr_query_error *err)
{
    sr_corpus_store *s = ctx;
    static const sr_filter none;
    if (!q)
        q = &none;
    rep_ctx c = {0};
    sr_buf_init(&c.lines);
    page pg;
    conn *k = take(s);
    sr_db *db = sr_corpus_db(k->c);
    int st = run_page(db, true, q, false, q->limit ? q->limit : SR_REPORT_STORE_LIMIT, &pg, rep_row, &c, err);
    sr_buf recs;
    sr_buf_init(&recs);
    if (st == 200) {
        sr_arena a;
        sr_arena_init(&a);
        for (size_t i = 0; i < c.ndocs && st == 200; i++) {
            sr_val p[] = {sr_vi(c.docs[i])};
            sr_rows r;
            if (!sr_db_run(db, sql_document_by_row, p, 1, &r, true)) {
                st = db_fail(err, db);
                break;
            }
            doc_row d;
            bool found = sr_rows_next(&r);
            if (found)
                load_doc(&a, &r, &d);
            if (!sr_rows_end(&r)) {
                st = db_fail(err, db);
                break;
            }
            bool same;
            if (found && record_of(k, &d, &recs, &same))
                sr_buf_putc(&recs, '\n');
            sr_arena_reset(&a);
        }
        sr_arena_free(&a);
    }
    give(s, k);
    if (st == 200) {
        if (c.lines.failed || recs.failed || c.oom ||
            sr_report_add_incidents(rep, c.lines.p ? c.lines.p : "", c.lines.n, "store") < 0 ||
            sr_report_add_records(rep, recs.p ? recs.p : "", recs.n, "store") < 0)
            st = fail(err, 500, NULL, "out of memory");
        rep->selected = true;
        rep->total = pg.total;
        rep->first = (uint64_t)(pg.page - 1) * pg.limit;
    }
    sr_buf_free(&c.lines);
    sr_buf_free(&recs);
    free(c.docs);
    return st;
}

/* ---- open and close ---------------------------------------------------------------- */

static int open_conn(const char *url, const sitrep_model *m, bool readonly, conn *k, char *err, size_t errn)
{
    if (sr_corpus_open(url, &k->c, err, errn) != SITREP_OK)
        return -1;
    sr_db *db = sr_corpus_db(k->c);
    if (readonly &&
        !sr_db_script(db, sr_db_kind(db) == SR_DB_PG ? "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"
                                                     : "PRAGMA query_only = 1")) {
        snprintf(err, errn, "%s: %s", url, sr_db_error(db));
        return -1;
    }
    if (sitrep_extractor_new(m, &k->x) != SITREP_OK) {
        snprintf(err, errn, "out of memory");
        return -1;
    }
    return 0;
}

static void close_conn(conn *k)
{
    sr_corpus_close(k->c);
    sitrep_extractor_free(k->x);
    k->c = NULL;
    k->x = NULL;
}

int sr_corpus_store_open(const char *url, unsigned readers, const sitrep_model *m, sr_corpus_store **out, char *err,
                         size_t errn)
{
    *out = NULL;
    sr_corpus_store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errn, "out of memory");
        return -1;
    }
    if (!readers)
        readers = 1;
    s->model = m;
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->wlock, NULL);
    pthread_cond_init(&s->free_cv, NULL);
    s->cap_r = readers;
    s->readers = calloc(readers, sizeof *s->readers);
    s->free_r = calloc(readers, sizeof *s->free_r);
    if (!s->readers || !s->free_r) {
        snprintf(err, errn, "out of memory");
        goto fail;
    }
    /* the writer first: it makes (or upgrades) the schema */
    if (open_conn(url, m, false, &s->writer, err, errn) != 0)
        goto fail;
    for (unsigned i = 0; i < readers; i++) {
        if (open_conn(url, m, true, &s->readers[i], err, errn) != 0)
            goto fail;
        s->nr++;
        s->free_r[s->nfree++] = &s->readers[i];
    }
    s->api = (sr_store){.ctx = s, .query = st_query, .incident = st_incident, .document = st_document,
                        .ingest = st_ingest, .report = st_report};
    *out = s;
    return 0;
fail:
    sr_corpus_store_close(s);
    return -1;
}

const sr_store *sr_corpus_store_api(const sr_corpus_store *s)
{
    return s ? &s->api : NULL;
}

void sr_corpus_store_close(sr_corpus_store *s)
{
    if (!s)
        return;
    for (unsigned i = 0; s->readers && i < s->cap_r; i++)
        close_conn(&s->readers[i]);
    close_conn(&s->writer);
    free(s->readers);
    free(s->free_r);
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->wlock);
    pthread_cond_destroy(&s->free_cv);
    free(s);
}
