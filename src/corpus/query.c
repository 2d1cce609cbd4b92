/*
 * query.c: `sitrep query`: incidents or events selected with ACLED-API
 * style filters, written as JSONL, ACLED CSV, GDELT 2.0 events or mentions,
 * PLOVER JSONL or GeoJSON.
 *
 * The statement is assembled from fixed fragments, one per filter given,
 * and every value is a parameter.  Rows come out ordered by first day and
 * id (integers, so SQLite and PostgreSQL agree; NULLs are mapped to a
 * number first because the two sort them differently).
 */
#include "corpus/corpus.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define EV_COLS SR_EV_COLS
#define EV_NCOLS SR_EV_NCOLS
#define INC_COLS SR_INC_COLS
#define EV_FROM SR_EV_FROM


typedef struct out_ctx {
    sr_corpus *c;
    const sr_query *q;
    FILE *out;
    sr_buf b;
    sr_arena a;
    uint64_t n;
} out_ctx;

static bool flush(out_ctx *o)
{
    if (o->b.failed)
        return false;
    if (o->b.n && fwrite(o->b.p, 1, o->b.n, o->out) != o->b.n)
        return false;
    o->b.n = 0;
    return true;
}

/* ---- one JSONL incident ---------------------------------------------------- */

static const char sql_reports[] = "SELECT " EV_COLS " FROM event e" EV_FROM " WHERE e.incident = ? ORDER BY e.id";

/* ---- the statement ------------------------------------------------------------ */

typedef struct qb {
    sr_buf sql;
    sr_val p[SR_DB_MAXPARAMS];
    int np;
    sr_arena *a;
} qb;

static void add(qb *b, const char *frag, int nvals, ...)
{
    sr_buf_puts(&b->sql, " AND ");
    sr_buf_puts(&b->sql, frag);
    va_list ap;
    va_start(ap, nvals);
    for (int i = 0; i < nvals && b->np < SR_DB_MAXPARAMS; i++)
        b->p[b->np++] = va_arg(ap, sr_val);
    va_end(ap);
}

static void build(qb *b, sr_corpus *c, const sr_query *q)
{
    bool inc = q->incidents;
    bool pg = sr_db_kind(c->db) == SR_DB_PG;
    sr_buf_puts(&b->sql, "SELECT " EV_COLS ", " INC_COLS);
    if (inc)
        sr_buf_puts(&b->sql, " FROM incident i JOIN event e ON e.id = i.rep_event" EV_FROM " WHERE 1 = 1");
    else
        sr_buf_puts(&b->sql, " FROM event e" EV_FROM " LEFT JOIN incident i ON i.id = e.incident WHERE e.happened = 1");
    /* the row's columns: the incident's chosen values, or the event's */
    const char *X = inc ? "i." : "e.";
    char f[512];
#define COL(frag_inc, frag_ev) (inc ? (frag_inc) : (frag_ev))
    if (q->country) {
        snprintf(f, sizeof f, "(lower(%scountry) = lower(?) OR %siso3 = upper(?) OR %scc = upper(?))", X, X, X);
        add(b, f, 3, sr_vs(q->country), sr_vs(q->country), sr_vs(q->country));
    }
    if (q->admin1) {
        snprintf(f, sizeof f, "lower(%sadmin1) = lower(?)", X);
        add(b, f, 1, sr_vs(q->admin1));
    }
    if (q->location)
        add(b, COL("lower(i.location) = lower(?)", "lower(e.loc_name) = lower(?)"), 1, sr_vs(q->location));
    if (q->event_type) {
        snprintf(f, sizeof f, "lower(%sevent_type) = lower(?)", X);
        add(b, f, 1, sr_vs(q->event_type));
    }
    if (q->sub_event_type) {
        snprintf(f, sizeof f, "lower(%ssub_event_type) = lower(?)", X);
        add(b, f, 1, sr_vs(q->sub_event_type));
    }
    if (q->actor) {
        const char *pat = sr_like_pattern(b->a, q->actor);
        add(b, COL("(lower(i.actor1) LIKE ? ESCAPE '\\' OR lower(i.actor2) LIKE ? ESCAPE '\\')",
                   "(lower(e.a1_name) LIKE ? ESCAPE '\\' OR lower(e.a2_name) LIKE ? ESCAPE '\\')"),
            2, sr_vs(pat), sr_vs(pat));
    }
    int64_t f0, l0;
    if (q->date_from && sr_date_range(q->date_from, &f0, &l0)) {
        snprintf(f, sizeof f, "%sday_last >= ?", X);
        add(b, f, 1, sr_vi(f0));
    }
    if (q->date_to && sr_date_range(q->date_to, &f0, &l0)) {
        snprintf(f, sizeof f, "%sday_first <= ?", X);
        add(b, f, 1, sr_vi(l0));
    }
    if (q->min_fatalities >= 0)
        add(b, COL("i.has_fat = 1 AND i.fatalities >= ?", "e.has_fat = 1 AND e.fat_min >= ?"), 1,
            sr_vi(q->min_fatalities));
    if (q->has_bbox) {
        snprintf(f, sizeof f, "%shas_coords = 1 AND %slat >= ? AND %slat <= ? AND %slon >= ? AND %slon <= ?", X, X, X,
                 X, X);
        add(b, f, 4, sr_vf(q->lat_min), sr_vf(q->lat_max), sr_vf(q->lon_min), sr_vf(q->lon_max));
    }
    if (q->source)
        add(b, COL("EXISTS (SELECT 1 FROM event x JOIN document y ON y.id = x.doc WHERE x.incident = i.id"
                   " AND lower(y.publication) = lower(?))",
                   "lower(d.publication) = lower(?)"),
            1, sr_vs(q->source));
    if (q->text) {
        const char *m = pg ? "y.tsv @@ plainto_tsquery('english', ?)"
                           : "y.id IN (SELECT rowid FROM document_fts WHERE document_fts MATCH ?)";
        if (inc)
            snprintf(f, sizeof f, "EXISTS (SELECT 1 FROM event x JOIN document y ON y.id = x.doc WHERE x.incident = i.id AND %s)",
                     m);
        else
            snprintf(f, sizeof f, "EXISTS (SELECT 1 FROM document y WHERE y.id = d.id AND %s)", m);
        add(b, f, 1, sr_vs(pg ? q->text : sr_fts5_query(b->a, q->text)));
    }
#undef COL
    snprintf(f, sizeof f, " ORDER BY coalesce(%sday_first, -99999999), %sid", X, X);
    sr_buf_puts(&b->sql, f);
    if (q->limit > 0) {
        sr_buf_puts(&b->sql, " LIMIT ?");
        b->p[b->np++] = sr_vi(q->limit);
    }
    sr_buf_putc(&b->sql, 0);
}

sitrep_status sr_corpus_query(sr_corpus *c, const sr_query *q, FILE *out)
{
    out_ctx o = {.c = c, .q = q, .out = out};
    sr_buf_init(&o.b);
    sr_arena_init(&o.a);
    sr_arena qa;
    sr_arena_init(&qa);
    qb b = {.a = &qa};
    sr_buf_init(&b.sql);
    build(&b, c, q);
    sitrep_status st = SITREP_OK;
    sr_rows r;
    if (b.sql.failed || !sr_db_run(c->db, b.sql.p, b.p, b.np, &r, false)) {
        snprintf(c->err, sizeof c->err, "%s", b.sql.failed ? "out of memory" : sr_db_error(c->db));
        st = SITREP_EIO;
        goto done;
    }
    if (q->format == SR_QF_ACLED)
        sr_write_acled_header(&o.b);
    if (q->format == SR_QF_GEOJSON)
        sr_buf_puts(&o.b, "{\"type\":\"FeatureCollection\",\"features\":[");
    sr_json gj = {.b = &o.b, .first = true, .depth = 1};
    while (st == SITREP_OK && sr_rows_next(&r)) {
        sr_arena_reset(&o.a);
        sr_xevent x;
        int64_t id, incid;
        const char *dup;
        sr_rows_event(&o.a, &r, &x, &id, &incid, &dup);
        sr_inc_row ir;
        bool has_inc = !sr_rows_null(&r, EV_NCOLS);
        if (has_inc)
            sr_rows_incident(&o.a, &r, EV_NCOLS, &ir);
        else
            memset(&ir, 0, sizeof ir);
        if (q->incidents)
            sr_rows_apply_incident(&x, &ir);
        const sr_xincident *xi = has_inc ? &ir.x : NULL;
        char gid[32];
        snprintf(gid, sizeof gid, "%lld", (long long)(q->incidents ? ir.x.id : id));
        switch (q->format) {
        case SR_QF_JSONL:
            if (q->incidents) {
                sr_json j = {.b = &o.b, .first = true};
                if (!sr_incident_json(&j, c->db, &o.a, &x, &ir)) {
                    snprintf(c->err, sizeof c->err, "%s", sr_db_error(c->db));
                    st = SITREP_EIO;
                }
                sr_buf_putc(&o.b, '\n');
            } else {
                sr_json j = {.b = &o.b, .first = true};
                sr_json_begin_object(&j);
                sr_json_key(&j, "event_id");
                sr_json_int(&j, id);
                sr_json_key(&j, "incident");
                if (incid)
                    sr_json_int(&j, incid);
                else
                    sr_json_null(&j);
                sr_json_key(&j, "cameo");
                sr_json_str_or_null(&j, x.cameo);
                sr_json_key(&j, "plover");
                sr_json_str_or_null(&j, x.plover);
                sr_json_key(&j, "report");
                sr_report_json(&j, &x, dup);
                sr_json_end_object(&j);
                sr_buf_putc(&o.b, '\n');
            }
            break;
        case SR_QF_ACLED:
            if (x.event_type[0]) {
                sr_xincident e1 = {0};
                if (q->incidents)
                    sr_write_acled_row(&o.b, &x, xi);
                else {
                    /* an event's own row, numbered by its id */
                    e1.id = id;
                    e1.has_fatalities = x.has_fatalities;
                    e1.fatalities = x.fat_min;
                    sr_write_acled_row(&o.b, &x, &e1);
                }
            }
            break;
        case SR_QF_GDELT:
            sr_write_gdelt_event(&o.b, &x, xi, gid);
            break;
        case SR_QF_GDELT_MENTIONS:
            if (q->incidents) {
                sr_val p[] = {sr_vi(ir.x.id)};
                sr_rows rr;
                if (!sr_db_run(c->db, sql_reports, p, 1, &rr, true)) {
                    st = SITREP_EIO;
                    break;
                }
                while (sr_rows_next(&rr)) {
                    sr_xevent m;
                    int64_t mid, minc;
                    const char *mdup;
                    sr_rows_event(&o.a, &rr, &m, &mid, &minc, &mdup);
                    sr_write_gdelt_mention(&o.b, &m, xi, gid);
                }
                if (!sr_rows_end(&rr))
                    st = SITREP_EIO;
                if (st != SITREP_OK)
                    snprintf(c->err, sizeof c->err, "%s", sr_db_error(c->db));
            } else
                sr_write_gdelt_mention(&o.b, &x, xi, gid);
            break;
        case SR_QF_PLOVER:
            if (x.plover[0])
                sr_write_plover(&o.b, &x, xi, gid);
            break;
        case SR_QF_GEOJSON:
            sr_write_geojson_feature(&gj, &x, xi, gid);
            break;
        }
        o.n++;
        if (o.b.n > (1 << 16) && !flush(&o)) {
            snprintf(c->err, sizeof c->err, "write error");
            st = SITREP_EIO;
        }
    }
    if (!sr_rows_end(&r) && st == SITREP_OK) {
        snprintf(c->err, sizeof c->err, "%s", sr_db_error(c->db));
        st = SITREP_EIO;
    }
    if (q->format == SR_QF_GEOJSON)
        sr_buf_puts(&o.b, "]}\n");
    if (st == SITREP_OK && !flush(&o)) {
        snprintf(c->err, sizeof c->err, "write error");
        st = SITREP_EIO;
    }
done:
    sr_buf_free(&b.sql);
    sr_buf_free(&o.b);
    sr_arena_free(&o.a);
    sr_arena_free(&qa);
    return st;
}
