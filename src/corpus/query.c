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

#define EV_COLS                                                                                                \
    "e.id, e.ord, e.sentence, e.ev_start, e.ev_end, e.trig_start, e.trig_end, e.notes, e.trigger_text, e.cameo," \
    " e.plover, e.mode, e.event_type, e.sub_event_type, e.modality, e.happened, e.confidence,"                 \
    " e.a1_name, e.a1_code, e.a1_country, e.a1_sector, e.a1_inter, e.a1_start, e.a1_end,"                      \
    " e.a2_name, e.a2_code, e.a2_country, e.a2_sector, e.a2_inter, e.a2_start, e.a2_end,"                      \
    " e.loc_name, e.cc, e.iso3, e.country, e.admin1, e.has_coords, e.lat, e.lon, e.feature, e.place_id,"       \
    " e.geo_precision, e.date, e.date_precision, e.date_basis, e.has_fat, e.fat_min, e.fat_max, e.fat_start,"  \
    " e.fat_end, e.reported_by, e.incident, d.doc_id, d.url, d.publication, d.published, d.title, d.len,"      \
    " dd.doc_id"
#define EV_NCOLS 59
#define INC_COLS                                                                                               \
    "i.id, i.event_type, i.sub_event_type, i.actor1, i.actor2, i.location, i.cc, i.iso3, i.country, i.admin1," \
    " i.has_coords, i.lat, i.lon, i.geo_precision, i.date, i.date_precision, i.date_basis, i.num_mentions,"    \
    " i.num_articles, i.num_sources, i.first_reported, i.last_reported, i.has_fat, i.fatalities, i.fat_low,"   \
    " i.fat_low_by, i.fat_high, i.fat_high_by, i.sources, i.support"
#define EV_FROM " JOIN document d ON d.id = e.doc LEFT JOIN document dd ON dd.id = d.dup_of"

typedef struct out_ctx {
    sr_corpus *c;
    const sr_query *q;
    FILE *out;
    sr_buf b;
    sr_arena a;
    uint64_t n;
} out_ctx;

static const char *cp(sr_arena *a, const char *s)
{
    char *r = sr_arena_strndup(a, s, strlen(s));
    return r ? r : "";
}

static void load_event(sr_arena *a, const sr_rows *r, sr_xevent *x, int64_t *id, int64_t *incident,
                       const char **dup_of)
{
    memset(x, 0, sizeof *x);
    int k = 0;
    *id = sr_rows_int(r, k++);
    x->ord = (uint32_t)sr_rows_int(r, k++);
    x->sentence = (uint32_t)sr_rows_int(r, k++);
    x->start = sr_rows_int(r, k++);
    x->end = sr_rows_int(r, k++);
    x->trig_start = sr_rows_int(r, k++);
    x->trig_end = sr_rows_int(r, k++);
    x->notes = cp(a, sr_rows_text(r, k++));
    x->trigger = cp(a, sr_rows_text(r, k++));
    x->cameo = cp(a, sr_rows_text(r, k++));
    x->plover = cp(a, sr_rows_text(r, k++));
    x->mode = cp(a, sr_rows_text(r, k++));
    x->event_type = cp(a, sr_rows_text(r, k++));
    x->sub_event_type = cp(a, sr_rows_text(r, k++));
    x->modality = cp(a, sr_rows_text(r, k++));
    x->happened = sr_rows_int(r, k++) != 0;
    x->confidence = (float)sr_rows_real(r, k++);
    sr_xactor *ac[2] = {&x->actor1, &x->actor2};
    for (int i = 0; i < 2; i++) {
        ac[i]->name = cp(a, sr_rows_text(r, k++));
        ac[i]->code = cp(a, sr_rows_text(r, k++));
        ac[i]->country = cp(a, sr_rows_text(r, k++));
        ac[i]->sector = cp(a, sr_rows_text(r, k++));
        ac[i]->inter = (int)sr_rows_int(r, k++);
        ac[i]->start = sr_rows_int(r, k++);
        ac[i]->end = sr_rows_int(r, k++);
        ac[i]->geo = (sr_xplace){"", "", "", "", "", false, 0, 0, -1, -1};
    }
    x->loc.name = cp(a, sr_rows_text(r, k++));
    x->loc.cc = cp(a, sr_rows_text(r, k++));
    x->loc.iso3 = cp(a, sr_rows_text(r, k++));
    x->loc.country = cp(a, sr_rows_text(r, k++));
    x->loc.admin1 = cp(a, sr_rows_text(r, k++));
    x->loc.has_coords = sr_rows_int(r, k++) != 0 && !sr_rows_null(r, k);
    x->loc.lat = sr_rows_real(r, k++);
    x->loc.lon = sr_rows_real(r, k++);
    x->loc.feature = (int)sr_rows_int(r, k++);
    x->loc.id = sr_rows_int(r, k++);
    x->geo_precision = (int)sr_rows_int(r, k++);
    snprintf(x->date, sizeof x->date, "%s", sr_rows_text(r, k++));
    x->date_precision = (int)sr_rows_int(r, k++);
    x->date_basis = (int)sr_rows_int(r, k++);
    x->has_fatalities = sr_rows_int(r, k++) != 0;
    x->fat_min = (int)sr_rows_int(r, k++);
    x->fat_max = (int)sr_rows_int(r, k++);
    x->fat_start = sr_rows_int(r, k++);
    x->fat_end = sr_rows_int(r, k++);
    x->reported_by = cp(a, sr_rows_text(r, k++));
    *incident = sr_rows_null(r, k) ? 0 : sr_rows_int(r, k);
    k++;
    x->doc_id = cp(a, sr_rows_text(r, k++));
    x->url = cp(a, sr_rows_text(r, k++));
    x->publication = cp(a, sr_rows_text(r, k++));
    x->published = cp(a, sr_rows_text(r, k++));
    x->title = cp(a, sr_rows_text(r, k++));
    x->doc_len = (uint32_t)sr_rows_int(r, k++);
    *dup_of = cp(a, sr_rows_text(r, k++));
}

typedef struct inc_row {
    sr_xincident x;
    const char *event_type, *sub_event_type, *actor1, *actor2;
    sr_xplace loc;
    int geo_precision, date_precision, date_basis;
    char date[11];
    bool has_low, has_high;
    const char *low_by, *high_by, *support;
} inc_row;

static void load_incident(sr_arena *a, const sr_rows *r, int k, inc_row *x)
{
    memset(x, 0, sizeof *x);
    x->x.id = sr_rows_int(r, k++);
    x->event_type = cp(a, sr_rows_text(r, k++));
    x->sub_event_type = cp(a, sr_rows_text(r, k++));
    x->actor1 = cp(a, sr_rows_text(r, k++));
    x->actor2 = cp(a, sr_rows_text(r, k++));
    x->loc.name = cp(a, sr_rows_text(r, k++));
    x->loc.cc = cp(a, sr_rows_text(r, k++));
    x->loc.iso3 = cp(a, sr_rows_text(r, k++));
    x->loc.country = cp(a, sr_rows_text(r, k++));
    x->loc.admin1 = cp(a, sr_rows_text(r, k++));
    x->loc.has_coords = sr_rows_int(r, k++) != 0 && !sr_rows_null(r, k);
    x->loc.lat = sr_rows_real(r, k++);
    x->loc.lon = sr_rows_real(r, k++);
    x->loc.feature = x->loc.name[0] ? 2 : -1;
    x->loc.id = -1;
    x->geo_precision = (int)sr_rows_int(r, k++);
    snprintf(x->date, sizeof x->date, "%s", sr_rows_text(r, k++));
    x->date_precision = (int)sr_rows_int(r, k++);
    x->date_basis = (int)sr_rows_int(r, k++);
    x->x.num_mentions = (int)sr_rows_int(r, k++);
    x->x.num_articles = (int)sr_rows_int(r, k++);
    x->x.num_sources = (int)sr_rows_int(r, k++);
    x->x.first_reported = cp(a, sr_rows_text(r, k++));
    x->x.last_reported = cp(a, sr_rows_text(r, k++));
    x->x.has_fatalities = sr_rows_int(r, k++) != 0;
    x->x.fatalities = (int)sr_rows_int(r, k++);
    x->has_low = !sr_rows_null(r, k);
    x->x.fat_low = (int)sr_rows_int(r, k++);
    x->low_by = cp(a, sr_rows_text(r, k++));
    x->has_high = !sr_rows_null(r, k);
    x->x.fat_high = (int)sr_rows_int(r, k++);
    x->high_by = cp(a, sr_rows_text(r, k++));
    x->x.sources = cp(a, sr_rows_text(r, k++));
    x->support = cp(a, sr_rows_text(r, k++));
    /* ACLED's timestamp: when the incident was first reported */
    int64_t f, l;
    char day[11];
    snprintf(day, sizeof day, "%.10s", x->x.first_reported);
    x->x.timestamp = sr_date_range(day, &f, &l) ? f * 86400 : 0;
}

/* The incident's chosen values over its representative report. */
static void apply_incident(sr_xevent *x, const inc_row *i)
{
    x->event_type = i->event_type;
    x->sub_event_type = i->sub_event_type;
    if (strcmp(x->actor1.name, i->actor1))
        x->actor1 = (sr_xactor){i->actor1, "", "", "", x->actor1.inter, false, -1, -1, x->actor1.geo};
    if (strcmp(x->actor2.name, i->actor2))
        x->actor2 = (sr_xactor){i->actor2, "", "", "", x->actor2.inter, false, -1, -1, x->actor2.geo};
    if (strcmp(x->loc.name, i->loc.name)) {
        x->loc = i->loc;
        x->geo_precision = i->geo_precision;
    }
    memcpy(x->date, i->date, sizeof x->date);
    x->date_precision = i->date_precision;
    x->date_basis = i->date_basis;
}

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

static void json_str(sr_json *j, const char *s)
{
    if (s && s[0])
        sr_json_string(j, s, strlen(s));
    else
        sr_json_null(j);
}

static const char sql_reports[] = "SELECT " EV_COLS " FROM event e" EV_FROM " WHERE e.incident = ? ORDER BY e.id";
static const char sql_links[] =
    "SELECT m.reason, da.doc_id, ea.ord, db.doc_id, eb.ord FROM merge_link m JOIN event ea ON ea.id = m.event"
    " JOIN document da ON da.id = ea.doc JOIN event eb ON eb.id = m.other JOIN document db ON db.id = eb.doc"
    " WHERE m.incident = ? ORDER BY m.event, m.other";

static void report_json(sr_json *j, const sr_xevent *x, const char *dup_of)
{
    sr_json_begin_object(j);
    sr_json_key(j, "doc_id");
    json_str(j, x->doc_id);
    sr_json_key(j, "url");
    json_str(j, x->url);
    sr_json_key(j, "publication");
    json_str(j, x->publication);
    sr_json_key(j, "published");
    json_str(j, x->published);
    sr_json_key(j, "near_duplicate_of");
    json_str(j, dup_of);
    sr_json_key(j, "event");
    char id[16];
    snprintf(id, sizeof id, "v%u", x->ord);
    sr_json_cstr(j, id);
    sr_json_key(j, "event_type");
    json_str(j, x->event_type);
    sr_json_key(j, "sub_event_type");
    json_str(j, x->sub_event_type);
    sr_json_key(j, "actor1");
    json_str(j, x->actor1.name);
    sr_json_key(j, "actor2");
    json_str(j, x->actor2.name);
    sr_json_key(j, "location");
    json_str(j, x->loc.name);
    sr_json_key(j, "date");
    json_str(j, x->date);
    sr_json_key(j, "fatalities");
    if (x->has_fatalities)
        sr_json_int(j, x->fat_min);
    else
        sr_json_null(j);
    sr_json_key(j, "start");
    sr_json_int(j, x->start);
    sr_json_key(j, "end");
    sr_json_int(j, x->end);
    sr_json_key(j, "trigger");
    sr_json_span(j, (uint32_t)x->trig_start, (uint32_t)x->trig_end, NULL);
    sr_json_key(j, "evidence");
    json_str(j, x->notes);
    sr_json_end_object(j);
}

static bool incident_json(out_ctx *o, const sr_xevent *rep, const inc_row *i)
{
    sr_json j = {.b = &o->b, .first = true};
    sr_json_begin_object(&j);
    sr_json_key(&j, "incident");
    sr_json_int(&j, i->x.id);
    sr_json_key(&j, "event_type");
    json_str(&j, i->event_type);
    sr_json_key(&j, "sub_event_type");
    json_str(&j, i->sub_event_type);
    sr_json_key(&j, "cameo");
    json_str(&j, rep->cameo);
    sr_json_key(&j, "plover");
    json_str(&j, rep->plover);
    sr_json_key(&j, "actor1");
    json_str(&j, i->actor1);
    sr_json_key(&j, "actor2");
    json_str(&j, i->actor2);
    sr_json_key(&j, "location");
    if (i->loc.name[0]) {
        sr_json_begin_object(&j);
        sr_json_key(&j, "name");
        json_str(&j, i->loc.name);
        sr_json_key(&j, "country");
        json_str(&j, i->loc.country);
        sr_json_key(&j, "iso3");
        json_str(&j, i->loc.iso3);
        sr_json_key(&j, "admin1");
        json_str(&j, i->loc.admin1);
        if (i->loc.has_coords) {
            sr_json_key(&j, "lat");
            sr_json_fixed(&j, i->loc.lat, 4);
            sr_json_key(&j, "lon");
            sr_json_fixed(&j, i->loc.lon, 4);
        }
        sr_json_key(&j, "geo_precision");
        sr_json_int(&j, i->geo_precision);
        sr_json_end_object(&j);
    } else
        sr_json_null(&j);
    sr_json_key(&j, "date");
    if (i->date[0]) {
        static const char *const prec[] = {"day", "month", "year"};
        sr_json_begin_object(&j);
        sr_json_key(&j, "value");
        sr_json_cstr(&j, i->date);
        sr_json_key(&j, "precision");
        sr_json_cstr(&j, i->date_precision >= 0 && i->date_precision <= 2 ? prec[i->date_precision] : NULL);
        sr_json_end_object(&j);
    } else
        sr_json_null(&j);
    sr_json_key(&j, "fatalities");
    if (i->x.has_fatalities) {
        sr_json_begin_object(&j);
        sr_json_key(&j, "conservative");
        sr_json_int(&j, i->x.fatalities);
        sr_json_key(&j, "lowest");
        sr_json_int(&j, i->x.fat_low);
        sr_json_key(&j, "lowest_by");
        json_str(&j, i->low_by);
        sr_json_key(&j, "highest");
        sr_json_int(&j, i->x.fat_high);
        sr_json_key(&j, "highest_by");
        json_str(&j, i->high_by);
        sr_json_end_object(&j);
    } else
        sr_json_null(&j);
    sr_json_key(&j, "num_mentions");
    sr_json_int(&j, i->x.num_mentions);
    sr_json_key(&j, "num_articles");
    sr_json_int(&j, i->x.num_articles);
    sr_json_key(&j, "num_sources");
    sr_json_int(&j, i->x.num_sources);
    sr_json_key(&j, "sources");
    json_str(&j, i->x.sources);
    sr_json_key(&j, "first_reported");
    json_str(&j, i->x.first_reported);
    sr_json_key(&j, "last_reported");
    json_str(&j, i->x.last_reported);
    sr_json_key(&j, "support");
    /* stored as JSON by the merge (incident.c) */
    j.after_key = false;
    sr_buf_puts(&o->b, i->support[0] ? i->support : "null");
    sr_json_key(&j, "reports");
    sr_json_begin_array(&j);
    sr_val p[] = {sr_vi(i->x.id)};
    sr_rows r;
    if (!sr_db_run(o->c->db, sql_reports, p, 1, &r, true))
        return false;
    while (sr_rows_next(&r)) {
        sr_xevent x;
        int64_t id, inc;
        const char *dup;
        load_event(&o->a, &r, &x, &id, &inc, &dup);
        report_json(&j, &x, dup);
    }
    if (!sr_rows_end(&r))
        return false;
    sr_json_end_array(&j);
    sr_json_key(&j, "why");
    sr_json_begin_array(&j);
    if (!sr_db_run(o->c->db, sql_links, p, 1, &r, true))
        return false;
    while (sr_rows_next(&r)) {
        char a[300], b[300];
        snprintf(a, sizeof a, "%s#v%lld", sr_rows_text(&r, 1), (long long)sr_rows_int(&r, 2));
        snprintf(b, sizeof b, "%s#v%lld", sr_rows_text(&r, 3), (long long)sr_rows_int(&r, 4));
        sr_json_begin_object(&j);
        sr_json_key(&j, "event");
        sr_json_cstr(&j, a);
        sr_json_key(&j, "with");
        sr_json_cstr(&j, b);
        sr_json_key(&j, "reason");
        sr_json_cstr(&j, sr_rows_text(&r, 0));
        sr_json_end_object(&j);
    }
    if (!sr_rows_end(&r))
        return false;
    sr_json_end_array(&j);
    sr_json_end_object(&j);
    sr_buf_putc(&o->b, '\n');
    return true;
}

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

/* '%' + s, lower case, with LIKE's wildcards escaped, + '%' */
static const char *like_pattern(sr_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *r = sr_arena_alloc(a, 2 * n + 3);
    if (!r)
        return "%";
    size_t k = 0;
    r[k++] = '%';
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%' || c == '_' || c == '\\')
            r[k++] = '\\';
        r[k++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    r[k++] = '%';
    r[k] = 0;
    return r;
}

/* Words of a search as an FTS5 query: each word quoted, all required. */
static const char *fts5_query(sr_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *r = sr_arena_alloc(a, 3 * n + 3);
    if (!r)
        return "";
    size_t k = 0;
    bool in = false;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool w = c && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80);
        if (w && !in) {
            if (k)
                r[k++] = ' ';
            r[k++] = '"';
            in = true;
        } else if (!w && in) {
            r[k++] = '"';
            in = false;
        }
        if (w)
            r[k++] = (char)c;
    }
    r[k] = 0;
    return r;
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
        const char *pat = like_pattern(b->a, q->actor);
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
        add(b, f, 1, sr_vs(pg ? q->text : fts5_query(b->a, q->text)));
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
        load_event(&o.a, &r, &x, &id, &incid, &dup);
        inc_row ir;
        bool has_inc = !sr_rows_null(&r, EV_NCOLS);
        if (has_inc)
            load_incident(&o.a, &r, EV_NCOLS, &ir);
        else
            memset(&ir, 0, sizeof ir);
        if (q->incidents)
            apply_incident(&x, &ir);
        const sr_xincident *xi = has_inc ? &ir.x : NULL;
        char gid[32];
        snprintf(gid, sizeof gid, "%lld", (long long)(q->incidents ? ir.x.id : id));
        switch (q->format) {
        case SR_QF_JSONL:
            if (q->incidents) {
                if (!incident_json(&o, &x, &ir)) {
                    snprintf(c->err, sizeof c->err, "%s", sr_db_error(c->db));
                    st = SITREP_EIO;
                }
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
                json_str(&j, x.cameo);
                sr_json_key(&j, "plover");
                json_str(&j, x.plover);
                sr_json_key(&j, "report");
                report_json(&j, &x, dup);
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
                    load_event(&o.a, &rr, &m, &mid, &minc, &mdup);
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
