/*
 * rows.c: the rows of events and incidents as queries read them back, and
 * the JSON of a report; shared by `sitrep query` (query.c) and the server
 * (serve/store_corpus.c), so both give the same objects.
 */
#include "corpus/corpus.h"

#include <stdio.h>
#include <stdlib.h>

const char *sr_rows_copy(sr_arena *a, const char *s)
{
    char *r = sr_arena_strndup(a, s, strlen(s));
    return r ? r : "";
}

/* The place columns an event row and an incident row share, from column
 * k: name, cc, iso3, country, admin1, has_coords, lat, lon.  Returns the
 * column after them. */
static int place_cols(sr_arena *a, const sr_rows *r, int k, sr_xplace *p)
{
    p->name = sr_rows_copy(a, sr_rows_text(r, k++));
    p->cc = sr_rows_copy(a, sr_rows_text(r, k++));
    p->iso3 = sr_rows_copy(a, sr_rows_text(r, k++));
    p->country = sr_rows_copy(a, sr_rows_text(r, k++));
    p->admin1 = sr_rows_copy(a, sr_rows_text(r, k++));
    p->has_coords = sr_rows_int(r, k++) != 0 && !sr_rows_null(r, k);
    p->lat = sr_rows_real(r, k++);
    p->lon = sr_rows_real(r, k++);
    return k;
}

void sr_rows_event(sr_arena *a, const sr_rows *r, sr_xevent *x, int64_t *id, int64_t *incident,
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
    x->notes = sr_rows_copy(a, sr_rows_text(r, k++));
    x->trigger = sr_rows_copy(a, sr_rows_text(r, k++));
    x->cameo = sr_rows_copy(a, sr_rows_text(r, k++));
    x->plover = sr_rows_copy(a, sr_rows_text(r, k++));
    x->mode = sr_rows_copy(a, sr_rows_text(r, k++));
    x->event_type = sr_rows_copy(a, sr_rows_text(r, k++));
    x->sub_event_type = sr_rows_copy(a, sr_rows_text(r, k++));
    x->modality = sr_rows_copy(a, sr_rows_text(r, k++));
    x->happened = sr_rows_int(r, k++) != 0;
    x->confidence = (float)sr_rows_real(r, k++);
    sr_xactor *ac[2] = {&x->actor1, &x->actor2};
    for (int i = 0; i < 2; i++) {
        ac[i]->name = sr_rows_copy(a, sr_rows_text(r, k++));
        ac[i]->code = sr_rows_copy(a, sr_rows_text(r, k++));
        ac[i]->country = sr_rows_copy(a, sr_rows_text(r, k++));
        ac[i]->sector = sr_rows_copy(a, sr_rows_text(r, k++));
        ac[i]->inter = (int)sr_rows_int(r, k++);
        ac[i]->start = sr_rows_int(r, k++);
        ac[i]->end = sr_rows_int(r, k++);
        ac[i]->geo = (sr_xplace){"", "", "", "", "", false, 0, 0, -1, -1};
    }
    k = place_cols(a, r, k, &x->loc);
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
    x->reported_by = sr_rows_copy(a, sr_rows_text(r, k++));
    *incident = sr_rows_null(r, k) ? 0 : sr_rows_int(r, k);
    k++;
    x->doc_id = sr_rows_copy(a, sr_rows_text(r, k++));
    x->url = sr_rows_copy(a, sr_rows_text(r, k++));
    x->publication = sr_rows_copy(a, sr_rows_text(r, k++));
    x->published = sr_rows_copy(a, sr_rows_text(r, k++));
    x->title = sr_rows_copy(a, sr_rows_text(r, k++));
    x->doc_len = (uint32_t)sr_rows_int(r, k++);
    *dup_of = sr_rows_copy(a, sr_rows_text(r, k++));
}

void sr_rows_incident(sr_arena *a, const sr_rows *r, int k, sr_inc_row *x)
{
    memset(x, 0, sizeof *x);
    x->x.id = sr_rows_int(r, k++);
    x->event_type = sr_rows_copy(a, sr_rows_text(r, k++));
    x->sub_event_type = sr_rows_copy(a, sr_rows_text(r, k++));
    x->actor1 = sr_rows_copy(a, sr_rows_text(r, k++));
    x->actor2 = sr_rows_copy(a, sr_rows_text(r, k++));
    k = place_cols(a, r, k, &x->loc);
    x->loc.feature = x->loc.name[0] ? 2 : -1;
    x->loc.id = -1;
    x->geo_precision = (int)sr_rows_int(r, k++);
    snprintf(x->date, sizeof x->date, "%s", sr_rows_text(r, k++));
    x->date_precision = (int)sr_rows_int(r, k++);
    x->date_basis = (int)sr_rows_int(r, k++);
    x->x.num_mentions = (int)sr_rows_int(r, k++);
    x->x.num_articles = (int)sr_rows_int(r, k++);
    x->x.num_sources = (int)sr_rows_int(r, k++);
    x->x.first_reported = sr_rows_copy(a, sr_rows_text(r, k++));
    x->x.last_reported = sr_rows_copy(a, sr_rows_text(r, k++));
    x->x.has_fatalities = sr_rows_int(r, k++) != 0;
    x->x.fatalities = (int)sr_rows_int(r, k++);
    x->has_low = !sr_rows_null(r, k);
    x->x.fat_low = (int)sr_rows_int(r, k++);
    x->low_by = sr_rows_copy(a, sr_rows_text(r, k++));
    x->has_high = !sr_rows_null(r, k);
    x->x.fat_high = (int)sr_rows_int(r, k++);
    x->high_by = sr_rows_copy(a, sr_rows_text(r, k++));
    x->x.sources = sr_rows_copy(a, sr_rows_text(r, k++));
    x->support = sr_rows_copy(a, sr_rows_text(r, k++));
    /* ACLED's timestamp: when the incident was first reported */
    int64_t f, l;
    char day[11];
    snprintf(day, sizeof day, "%.10s", x->x.first_reported);
    x->x.timestamp = sr_date_range(day, &f, &l) ? f * 86400 : 0;
}

/* The incident's chosen values over its representative report. */
void sr_rows_apply_incident(sr_xevent *x, const sr_inc_row *i)
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


void sr_report_json(sr_json *j, const sr_xevent *x, const char *dup_of)
{
    sr_json_begin_object(j);
    sr_json_key(j, "doc_id");
    sr_json_str_or_null(j, x->doc_id);
    sr_json_key(j, "url");
    sr_json_str_or_null(j, x->url);
    sr_json_key(j, "publication");
    sr_json_str_or_null(j, x->publication);
    sr_json_key(j, "published");
    sr_json_str_or_null(j, x->published);
    sr_json_key(j, "near_duplicate_of");
    sr_json_str_or_null(j, dup_of);
    sr_json_key(j, "event");
    char id[16];
    snprintf(id, sizeof id, "v%u", x->ord);
    sr_json_cstr(j, id);
    sr_json_key(j, "event_type");
    sr_json_str_or_null(j, x->event_type);
    sr_json_key(j, "sub_event_type");
    sr_json_str_or_null(j, x->sub_event_type);
    sr_json_key(j, "actor1");
    sr_json_str_or_null(j, x->actor1.name);
    sr_json_key(j, "actor2");
    sr_json_str_or_null(j, x->actor2.name);
    sr_json_key(j, "location");
    sr_json_str_or_null(j, x->loc.name);
    sr_json_key(j, "date");
    sr_json_str_or_null(j, x->date);
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
    sr_json_str_or_null(j, x->notes);
    sr_json_end_object(j);
}

/* '%' + s, lower case, with LIKE's wildcards escaped, + '%' */
const char *sr_like_pattern(sr_arena *a, const char *s)
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
const char *sr_fts5_query(sr_arena *a, const char *s)
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


const char *sr_date_precision_name(int p)
{
    static const char *const prec[] = {"day", "month", "year"};
    return p >= 0 && p <= 2 ? prec[p] : NULL;
}

static const char sql_reports[] = "SELECT " SR_EV_COLS " FROM event e" SR_EV_FROM " WHERE e.incident = ? ORDER BY e.id";
static const char sql_links[] =
    "SELECT m.reason, da.doc_id, ea.ord, db.doc_id, eb.ord FROM merge_link m JOIN event ea ON ea.id = m.event"
    " JOIN document da ON da.id = ea.doc JOIN event eb ON eb.id = m.other JOIN document db ON db.id = eb.doc"
    " WHERE m.incident = ? ORDER BY m.event, m.other";

/* One incident with its reports and why they merged. */
bool sr_incident_json(sr_json *j, sr_db *db, sr_arena *a, const sr_xevent *rep, const sr_inc_row *i)
{
    sr_json_begin_object(j);
    sr_json_key(j, "incident");
    sr_json_int(j, i->x.id);
    sr_json_key(j, "event_type");
    sr_json_str_or_null(j, i->event_type);
    sr_json_key(j, "sub_event_type");
    sr_json_str_or_null(j, i->sub_event_type);
    sr_json_key(j, "cameo");
    sr_json_str_or_null(j, rep->cameo);
    sr_json_key(j, "plover");
    sr_json_str_or_null(j, rep->plover);
    sr_json_key(j, "actor1");
    sr_json_str_or_null(j, i->actor1);
    sr_json_key(j, "actor2");
    sr_json_str_or_null(j, i->actor2);
    sr_json_key(j, "location");
    if (i->loc.name[0]) {
        sr_json_begin_object(j);
        sr_json_key(j, "name");
        sr_json_str_or_null(j, i->loc.name);
        sr_json_key(j, "country");
        sr_json_str_or_null(j, i->loc.country);
        sr_json_key(j, "iso3");
        sr_json_str_or_null(j, i->loc.iso3);
        sr_json_key(j, "admin1");
        sr_json_str_or_null(j, i->loc.admin1);
        if (i->loc.has_coords) {
            sr_json_key(j, "lat");
            sr_json_fixed(j, i->loc.lat, 4);
            sr_json_key(j, "lon");
            sr_json_fixed(j, i->loc.lon, 4);
        }
        sr_json_key(j, "geo_precision");
        sr_json_int(j, i->geo_precision);
        sr_json_end_object(j);
    } else
        sr_json_null(j);
    sr_json_key(j, "date");
    if (i->date[0]) {
        sr_json_begin_object(j);
        sr_json_key(j, "value");
        sr_json_cstr(j, i->date);
        sr_json_key(j, "precision");
        sr_json_cstr(j, sr_date_precision_name(i->date_precision));
        sr_json_end_object(j);
    } else
        sr_json_null(j);
    sr_json_key(j, "fatalities");
    if (i->x.has_fatalities) {
        sr_json_begin_object(j);
        sr_json_key(j, "conservative");
        sr_json_int(j, i->x.fatalities);
        sr_json_key(j, "lowest");
        sr_json_int(j, i->x.fat_low);
        sr_json_key(j, "lowest_by");
        sr_json_str_or_null(j, i->low_by);
        sr_json_key(j, "highest");
        sr_json_int(j, i->x.fat_high);
        sr_json_key(j, "highest_by");
        sr_json_str_or_null(j, i->high_by);
        sr_json_end_object(j);
    } else
        sr_json_null(j);
    sr_json_key(j, "num_mentions");
    sr_json_int(j, i->x.num_mentions);
    sr_json_key(j, "num_articles");
    sr_json_int(j, i->x.num_articles);
    sr_json_key(j, "num_sources");
    sr_json_int(j, i->x.num_sources);
    sr_json_key(j, "sources");
    sr_json_str_or_null(j, i->x.sources);
    sr_json_key(j, "first_reported");
    sr_json_str_or_null(j, i->x.first_reported);
    sr_json_key(j, "last_reported");
    sr_json_str_or_null(j, i->x.last_reported);
    sr_json_key(j, "support");
    /* stored as JSON by the merge (corpus/incident.c) */
    j->after_key = false;
    sr_buf_puts(j->b, i->support[0] ? i->support : "null");
    sr_json_key(j, "reports");
    sr_json_begin_array(j);
    sr_val p[] = {sr_vi(i->x.id)};
    sr_rows r;
    if (!sr_db_run(db, sql_reports, p, 1, &r, true))
        return false;
    while (sr_rows_next(&r)) {
        sr_xevent x;
        int64_t id, inc;
        const char *dup;
        sr_rows_event(a, &r, &x, &id, &inc, &dup);
        sr_report_json(j, &x, dup);
    }
    if (!sr_rows_end(&r))
        return false;
    sr_json_end_array(j);
    sr_json_key(j, "why");
    sr_json_begin_array(j);
    if (!sr_db_run(db, sql_links, p, 1, &r, true))
        return false;
    while (sr_rows_next(&r)) {
        char x1[300], x2[300];
        snprintf(x1, sizeof x1, "%s#v%lld", sr_rows_text(&r, 1), (long long)sr_rows_int(&r, 2));
        snprintf(x2, sizeof x2, "%s#v%lld", sr_rows_text(&r, 3), (long long)sr_rows_int(&r, 4));
        sr_json_begin_object(j);
        sr_json_key(j, "event");
        sr_json_cstr(j, x1);
        sr_json_key(j, "with");
        sr_json_cstr(j, x2);
        sr_json_key(j, "reason");
        sr_json_cstr(j, sr_rows_text(&r, 0));
        sr_json_end_object(j);
    }
    if (!sr_rows_end(&r))
        return false;
    sr_json_end_array(j);
    sr_json_end_object(j);
    return true;
}

