/*
 * export.c: events as rows of other systems' tables.
 *
 * sr_xevent_from_doc is the one place where an extracted event becomes
 * columns; the corpus store keeps those columns and gives them back as
 * sr_xevent, so a row written from a document and one written from the
 * store are the same row.  The writers:
 *
 *   ACLED CSV: ACLED's 31 export columns in ACLED's order (formats.md 2a):
 *     event_date is always a whole date (the first day of a month or year
 *     when only that is known, with time_precision 3), interaction codes
 *     from ACLED's scheme (the two inter codes, lower first; a sole actor's
 *     code times ten), iso the ISO 3166-1 numeric code, source the
 *     publication(s), fatalities the incident's conservative figure.
 *   GDELT 2.0: the 61-column event table and the 16-column mentions table.
 *     A partial date never becomes an invalid SQLDATE (2014 -> 20140101,
 *     not 20140000).  Country codes are ISO 3166-1 (alpha-3 for actors,
 *     alpha-2 for places), not FIPS 10-4; QuadClass and GoldsteinScale
 *     follow from the CAMEO root code (docs/events.md).
 *   PLOVER JSONL and GeoJSON features.
 *   The `sitrep events` rows (SITREP_WRITE_EVENTS_CSV / _GDELT).
 */
#include "out/out.h"

#include <math.h>
#include <stdlib.h>

#include "iso_numeric.inc"

/* CAMEO root code (1-20) -> quad class and Goldstein value: sitrep's own
 * root-level table (docs/events.md). */
static const struct { int quad; double goldstein; } roots[21] = {
    {0, 0.0},   {1, 0.0},   {1, 3.0},   {1, 4.0},   {1, 1.0},   {1, 3.5},   {2, 6.0},
    {2, 7.0},   {2, 5.0},   {3, -2.0},  {3, -5.0},  {3, -2.0},  {3, -4.0},  {3, -6.0},
    {4, -6.5},  {4, -7.2},  {4, -4.0},  {4, -7.0},  {4, -9.0},  {4, -10.0}, {4, -10.0}};

int sr_cameo_root(const char *cameo)
{
    if (!cameo || !cameo[0] || !cameo[1])
        return 0;
    int r = (cameo[0] - '0') * 10 + (cameo[1] - '0');
    return r >= 1 && r <= 20 ? r : 0;
}

int sr_cameo_quad(const char *cameo)
{
    return roots[sr_cameo_root(cameo)].quad;
}

double sr_cameo_goldstein(const char *cameo)
{
    return roots[sr_cameo_root(cameo)].goldstein;
}

int sr_iso_numeric(const char *cc)
{
    if (!cc || !cc[0] || !cc[1])
        return 0;
    size_t lo = 0, hi = sizeof iso_numeric / sizeof *iso_numeric;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(iso_numeric[mid].cc, cc, 2);
        if (c == 0)
            return iso_numeric[mid].num;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* ---- the mapping: an extracted event as columns ------------------------- */

/* ACLED's actor classes (inter codes) from a CAMEO sector. */
static int inter_code(const sr_event_arg *a)
{
    if (!a->has_actor)
        return 0;
    const char *s = a->actor.sector;
    if (!strcmp(s, "MIL") || !strcmp(s, "GOV") || !strcmp(s, "COP") || !strcmp(s, "SPY"))
        return a->actor.country[0] ? 1 : 8;
    if (!strcmp(s, "REB") || !strcmp(s, "INS"))
        return 2;
    if (!strcmp(s, "UAF"))
        return 3;
    if (!strcmp(s, "OPP"))
        return 6;
    if (!strcmp(s, "CVL") || !strcmp(s, "REF") || !strcmp(s, "EDU") || !strcmp(s, "MED") ||
        !strcmp(s, "HLH") || !strcmp(s, "LAB") || !strcmp(s, "BUS"))
        return 7;
    if (!strcmp(s, "IGO") || !strcmp(s, "NGO"))
        return 8;
    return 0;
}

int sr_acled_interaction(int i1, int i2)
{
    if (i1 && i2)
        return i1 < i2 ? i1 * 10 + i2 : i2 * 10 + i1;
    return (i1 ? i1 : i2) * 10;
}

const char *sr_acled_disorder(const char *type, const char *sub)
{
    if (!type || !type[0])
        return "";
    if (!strcmp(type, "Protests"))
        return "Demonstrations";
    if (!strcmp(type, "Riots"))
        return sub && !strcmp(sub, "Mob violence") ? "Political violence" : "Demonstrations";
    if (!strcmp(type, "Strategic developments"))
        return "Strategic developments";
    return "Political violence";
}

int sr_acled_time_precision(const sr_xevent *x)
{
    if (x->date_precision != SR_PREC_DAY)
        return 3;
    return x->date_basis == SR_DATE_PUBLISHED ? 2 : 1;
}

static bool valid_ymd(int y, int mo, int d)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
        return false;
    return !(mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

bool sr_date_range(const char *date, int64_t *first, int64_t *last)
{
    if (!date)
        return false;
    size_t n = strlen(date);
    int y = n >= 4 ? sr_digits(date, 4) : -1;
    if (y < 1)
        return false;
    if (n == 4) {
        *first = sr_days_from_civil(y, 1, 1);
        *last = sr_days_from_civil(y, 12, 31);
        return true;
    }
    int mo = n >= 7 && date[4] == '-' ? sr_digits(date + 5, 2) : -1;
    if (mo < 1 || mo > 12)
        return false;
    if (n == 7) {
        *first = sr_days_from_civil(y, mo, 1);
        *last = sr_days_from_civil(mo == 12 ? y + 1 : y, mo == 12 ? 1 : mo + 1, 1) - 1;
        return true;
    }
    int d = n == 10 && date[7] == '-' ? sr_digits(date + 8, 2) : -1;
    if (!valid_ymd(y, mo, d))
        return false;
    *first = *last = sr_days_from_civil(y, mo, d);
    return true;
}

const char *sr_doc_publication(const sr_doc *d)
{
    if (d->meta.agency && d->meta.agency[0])
        return d->meta.agency;
    const char *u = d->meta.url;
    if (!u)
        return "";
    const char *p = strstr(u, "://");
    p = p ? p + 3 : u;
    if (!strncasecmp(p, "www.", 4))
        p += 4;
    size_t n = strcspn(p, "/:?#");
    char *s = sr_arena_strndup(d->arena, p, n);
    return s ? s : "";
}

/* A copy of s[0..n) on one line: each run of spaces, tabs and line breaks
 * as one space (names and sentences broken across lines). */
static const char *dupn(const sr_doc *d, const char *s, size_t n, bool *ok)
{
    if (!s || !n)
        return "";
    char *r = sr_arena_alloc(d->arena, n + 1);
    if (!r) {
        *ok = false;
        return "";
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
        if (c == ' ' && k && r[k - 1] == ' ')
            continue;
        r[k++] = c;
    }
    r[k] = 0;
    return r;
}

static const char *str_or_empty(const char *s)
{
    return s ? s : "";
}

static void place_from(const sr_doc *d, const sitrep_model *m, int32_t e, sr_xplace *p, bool *ok)
{
    *p = (sr_xplace){"", "", "", "", "", false, 0, 0, -1, -1};
    const sr_place_rec *r = m ? sr_entity_place(d, m, e) : NULL;
    if (!r)
        return;
    const sr_entity *en = &d->entities.v[e];
    p->name = dupn(d, en->name, en->name_len, ok);
    p->cc = dupn(d, r->cc, 2, ok);
    p->iso3 = str_or_empty(sr_geo_iso3(m, r->cc));
    const sr_place_rec *c = sr_geo_country(m, r->cc, 2);
    p->country = c ? m->strs + c->name_off : "";
    p->admin1 = str_or_empty(sr_geo_admin1_name(m, r));
    p->has_coords = r->has_coords;
    p->lat = r->lat;
    p->lon = r->lon;
    p->feature = r->feature;
    p->id = en->place;
}

static void actor_from(const sr_doc *d, const sitrep_model *m, const sr_event_arg *a, sr_xactor *x, bool *ok)
{
    if (a->entity >= 0)
        x->name = dupn(d, d->entities.v[a->entity].name, d->entities.v[a->entity].name_len, ok);
    else if (a->end > a->start)
        x->name = dupn(d, d->text + a->start, a->end - a->start, ok);
    else
        x->name = "";
    x->code = a->has_actor ? dupn(d, a->actor.code, strlen(a->actor.code), ok) : "";
    x->country = a->has_actor ? dupn(d, a->actor.country, strlen(a->actor.country), ok) : "";
    x->sector = a->has_actor ? dupn(d, a->actor.sector, strlen(a->actor.sector), ok) : "";
    x->inter = inter_code(a);
    x->named = a->entity >= 0;
    x->start = a->end > a->start ? (int64_t)a->start : -1;
    x->end = a->end > a->start ? (int64_t)a->end : -1;
    place_from(d, m, a->entity, &x->geo, ok);
}

/* The evidence's words on one line. */
static const char *one_line(const sr_doc *d, uint32_t s, uint32_t e, bool *ok)
{
    return e > s ? dupn(d, d->text + s, e - s, ok) : "";
}

bool sr_xevent_from_doc(const sr_doc *d, const sitrep_model *m, uint32_t i, sr_xevent *x)
{
    const sr_event *ev = &d->events.v[i];
    bool ok = true;
    memset(x, 0, sizeof *x);
    x->doc_id = str_or_empty(d->id);
    x->url = str_or_empty(d->meta.url);
    x->publication = sr_doc_publication(d);
    x->published = str_or_empty(d->meta.published);
    x->title = str_or_empty(d->meta.title);
    x->ord = i + 1;
    x->mentions = ev->nmentions ? ev->nmentions : 1;
    x->doc_len = d->len;
    /* the evidence sentence's number: binary search, the sentences in order */
    uint32_t lo = 0, hi = d->sentences.n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (d->sentences.v[mid].end <= ev->start)
            lo = mid + 1;
        else
            hi = mid;
    }
    x->sentence = lo;
    x->start = ev->start;
    x->end = ev->end;
    x->trig_start = ev->trig_start;
    x->trig_end = ev->trig_end;
    x->notes = one_line(d, ev->start, ev->end, &ok);
    x->trigger = one_line(d, ev->trig_start, ev->trig_end, &ok);
    x->cameo = dupn(d, ev->cameo, strlen(ev->cameo), &ok);
    x->plover = str_or_empty(ev->plover);
    x->mode = str_or_empty(ev->mode);
    x->event_type = ev->acled_type ? sr_acled_type_names[ev->acled_type] : "";
    x->sub_event_type = ev->acled_type ? sr_acled_sub_names[ev->acled_sub] : "";
    x->modality = sr_event_modality_names[ev->modality];
    x->happened = ev->modality == SR_MOD_ASSERTED && !ev->negated;
    x->confidence = ev->confidence;
    actor_from(d, m, &ev->source, &x->actor1, &ok);
    actor_from(d, m, &ev->target, &x->actor2, &ok);
    place_from(d, m, ev->location, &x->loc, &ok);
    x->geo_precision = x->loc.feature < 0 ? 0
                      : x->loc.feature == SR_FEATURE_CITY ? ev->loc_precision
                      : x->loc.feature == SR_FEATURE_ADMIN2 ? 2 : 3;
    memcpy(x->date, ev->date, sizeof x->date);
    x->date[sizeof x->date - 1] = 0;
    x->date_precision = ev->date_basis == SR_DATE_NONE || !ev->date[0] ? -1 : ev->date_precision;
    x->date_basis = ev->date_basis;
    x->has_fatalities = ev->has_fatalities;
    x->fat_min = ev->has_fatalities ? ev->fat_min : 0;
    x->fat_max = ev->has_fatalities ? ev->fat_max : 0;
    x->fat_start = ev->has_fatalities ? (int64_t)ev->fat_start : -1;
    x->fat_end = ev->has_fatalities ? (int64_t)ev->fat_end : -1;
    x->reported_by = ev->reported_by >= 0 ? dupn(d, d->entities.v[ev->reported_by].name,
                                                  d->entities.v[ev->reported_by].name_len, &ok)
                                          : "";
    return ok;
}

/* ---- field writers -------------------------------------------------------- */

/* A CSV field: quoted when it holds a comma, quote or line break. */
static void csv_field(sr_buf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    bool q = false;
    for (size_t i = 0; i < n && !q; i++)
        q = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!q) {
        sr_buf_put(b, s, n);
        return;
    }
    sr_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            sr_buf_putc(b, '"');
        sr_buf_putc(b, s[i]);
    }
    sr_buf_putc(b, '"');
}

/* A tab-separated field: tabs and line breaks become spaces. */
static void tsv_field(sr_buf *b, const char *s)
{
    for (; s && *s; s++)
        sr_buf_putc(b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

/* The whole date a partial one stands for: its first day (ymd), or false. */
static bool first_day(const char *date, int *y, int *mo, int *d)
{
    int64_t a, z;
    if (!sr_date_range(date, &a, &z))
        return false;
    sr_civil_from_days(a, y, mo, d);
    return true;
}

/* "YYYY-MM-DD[THH:MM[:SS]]" (or a partial date) as YYYYMMDDHHMMSS; "" when none. */
static void stamp14(const char *iso, char out[15])
{
    out[0] = 0;
    if (!iso || strlen(iso) < 4)
        return;
    char day[11] = {0};
    size_t dl = strcspn(iso, "T ");
    memcpy(day, iso, dl < 10 ? dl : 10);
    int y, mo, d;
    if (!first_day(day, &y, &mo, &d))
        return;
    int hh = 0, mi = 0, ss = 0;
    const char *t = iso + dl;
    if (*t && strlen(t) >= 6) {
        hh = sr_digits(t + 1, 2);
        mi = t[3] == ':' ? sr_digits(t + 4, 2) : -1;
        ss = strlen(t) >= 9 && t[6] == ':' ? sr_digits(t + 7, 2) : 0;
        if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 60)
            hh = mi = ss = 0;
    }
    snprintf(out, 15, "%04d%02d%02d%02d%02d%02d", y, mo, d, hh, mi, ss % 60);
}

static int64_t epoch_of(const char *iso)
{
    char s[15];
    stamp14(iso, s);
    if (!s[0])
        return 0;
    int y = sr_digits(s, 4), mo = sr_digits(s + 4, 2), d = sr_digits(s + 6, 2);
    return sr_days_from_civil(y, mo, d) * 86400 + sr_digits(s + 8, 2) * 3600 + sr_digits(s + 10, 2) * 60 +
           sr_digits(s + 12, 2);
}

static const char *iso3_or_xxx(const sr_xevent *x)
{
    return x->loc.iso3[0] ? x->loc.iso3 : "XXX";
}

/* ---- ACLED ------------------------------------------------------------------ */

void sr_write_acled_header(sr_buf *b)
{
    sr_buf_puts(b, "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
                   "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
                   "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
                   "location,latitude,longitude,geo_precision,source,source_scale,notes,"
                   "fatalities,tags,timestamp\n");
}

void sr_write_acled_row(sr_buf *b, const sr_xevent *x, const sr_xincident *inc)
{
    int64_t num = inc && inc->id ? inc->id : x->ord;
    sr_buf_printf(b, "%s%lld,", iso3_or_xxx(x), (long long)num);
    int y, mo, d;
    if (first_day(x->date, &y, &mo, &d))
        sr_buf_printf(b, "%04d-%02d-%02d,%d,%d,", y, mo, d, y, sr_acled_time_precision(x));
    else
        sr_buf_puts(b, ",,,");
    csv_field(b, sr_acled_disorder(x->event_type, x->sub_event_type));
    sr_buf_putc(b, ',');
    csv_field(b, x->event_type);
    sr_buf_putc(b, ',');
    csv_field(b, x->sub_event_type);
    sr_buf_putc(b, ',');
    csv_field(b, x->actor1.name);
    sr_buf_printf(b, ",,%d,", x->actor1.inter);
    csv_field(b, x->actor2.name);
    sr_buf_printf(b, ",,%d,%d,", x->actor2.inter, sr_acled_interaction(x->actor1.inter, x->actor2.inter));
    bool violent = !strcmp(sr_acled_disorder(x->event_type, x->sub_event_type), "Political violence");
    sr_buf_puts(b, violent && x->actor2.inter == 7 ? "Civilian targeting," : ",");
    int iso = sr_iso_numeric(x->loc.cc);
    if (iso)
        sr_buf_printf(b, "%d", iso);
    sr_buf_puts(b, ",,"); /* region: ACLED's own regions, which we do not have */
    csv_field(b, x->loc.country);
    sr_buf_putc(b, ',');
    csv_field(b, x->loc.admin1);
    sr_buf_puts(b, ",,,");
    csv_field(b, x->loc.name);
    if (x->loc.has_coords)
        sr_buf_printf(b, ",%.4f,%.4f,", x->loc.lat, x->loc.lon);
    else
        sr_buf_puts(b, ",,,");
    if (x->geo_precision)
        sr_buf_printf(b, "%d", x->geo_precision);
    sr_buf_putc(b, ',');
    csv_field(b, inc && inc->sources ? inc->sources : x->publication);
    sr_buf_puts(b, ",,");
    csv_field(b, x->notes);
    int fat = inc && inc->id ? (inc->has_fatalities ? inc->fatalities : 0) : x->fat_min;
    int64_t ts = inc && inc->timestamp ? inc->timestamp : epoch_of(x->published);
    sr_buf_printf(b, ",%d,,", fat);
    if (ts)
        sr_buf_printf(b, "%lld", (long long)ts);
    sr_buf_putc(b, '\n');
}

/* ---- GDELT ------------------------------------------------------------------ */

static void gdelt_actor(sr_buf *b, const sr_xactor *a)
{
    sr_buf_putc(b, '\t');
    tsv_field(b, a->code);
    sr_buf_putc(b, '\t');
    tsv_field(b, a->name);
    sr_buf_putc(b, '\t');
    tsv_field(b, a->country);
    sr_buf_putc(b, '\t');
    if (!strncmp(a->code, "IGO", 3))
        tsv_field(b, a->code);
    sr_buf_puts(b, "\t\t\t\t");
    tsv_field(b, a->sector);
    sr_buf_puts(b, "\t\t");
}

/* Eight ISO-coded geo columns: type, full name, country, ADM1, ADM2, lat,
 * long, feature id. */
static void gdelt_geo(sr_buf *b, const sr_xplace *p)
{
    if (p->feature < 0) {
        sr_buf_puts(b, "\t\t\t\t\t\t\t\t");
        return;
    }
    bool us = p->cc[0] == 'U' && p->cc[1] == 'S';
    int type = p->feature == SR_FEATURE_COUNTRY ? 1 : p->feature == SR_FEATURE_ADMIN1 ? (us ? 2 : 5)
                                                                                       : (us ? 3 : 4);
    sr_buf_printf(b, "\t%d\t", type);
    tsv_field(b, p->name);
    if (p->feature == SR_FEATURE_CITY && p->admin1[0]) {
        sr_buf_puts(b, ", ");
        tsv_field(b, p->admin1);
    }
    if (p->feature != SR_FEATURE_COUNTRY && p->country[0]) {
        sr_buf_puts(b, ", ");
        tsv_field(b, p->country);
    }
    sr_buf_putc(b, '\t');
    tsv_field(b, p->cc);
    sr_buf_putc(b, '\t');
    tsv_field(b, p->admin1);
    sr_buf_puts(b, "\t\t");
    if (p->has_coords)
        sr_buf_printf(b, "%.4f\t%.4f", p->lat, p->lon);
    else
        sr_buf_putc(b, '\t');
    sr_buf_printf(b, "\t%lld", (long long)p->id);
}

void sr_write_gdelt_event(sr_buf *b, const sr_xevent *x, const sr_xincident *inc, const char *globalid)
{
    tsv_field(b, globalid);
    sr_buf_putc(b, '\t');
    int y, mo, d;
    if (first_day(x->date, &y, &mo, &d)) {
        int doy = (int)(sr_days_from_civil(y, mo, d) - sr_days_from_civil(y, 1, 1));
        sr_buf_printf(b, "%04d%02d%02d\t%04d%02d\t%04d\t%.4f", y, mo, d, y, mo, y, y + doy / 365.0);
    } else {
        sr_buf_puts(b, "\t\t\t");
    }
    gdelt_actor(b, &x->actor1);
    gdelt_actor(b, &x->actor2);
    int root = sr_cameo_root(x->cameo);
    char base[4] = {0};
    memcpy(base, x->cameo, strnlen(x->cameo, 3));
    int nm = inc && inc->id ? inc->num_mentions : 1, ns = inc && inc->id ? inc->num_sources : 1,
        na = inc && inc->id ? inc->num_articles : 1;
    sr_buf_printf(b, "\t%d\t%s\t%s\t", x->sentence == 0 || x->ord == 1, x->cameo, base);
    if (root)
        sr_buf_printf(b, "%02d", root);
    sr_buf_printf(b, "\t%d\t%.1f\t%d\t%d\t%d\t0", sr_cameo_quad(x->cameo), sr_cameo_goldstein(x->cameo), nm, ns,
                  na);
    gdelt_geo(b, &x->actor1.geo);
    gdelt_geo(b, &x->actor2.geo);
    gdelt_geo(b, &x->loc);
    char t[15];
    stamp14(inc && inc->first_reported ? inc->first_reported : x->published, t);
    sr_buf_printf(b, "\t%s\t", t);
    tsv_field(b, x->url[0] ? x->url : x->doc_id);
    sr_buf_putc(b, '\n');
}

void sr_write_gdelt_mention(sr_buf *b, const sr_xevent *x, const sr_xincident *inc, const char *globalid)
{
    char ev[15], me[15];
    stamp14(inc && inc->first_reported ? inc->first_reported : x->published, ev);
    stamp14(x->published, me);
    tsv_field(b, globalid);
    sr_buf_printf(b, "\t%s\t%s\t1\t", ev, me);
    tsv_field(b, x->publication);
    sr_buf_putc(b, '\t');
    tsv_field(b, x->url[0] ? x->url : x->doc_id);
    sr_buf_printf(b, "\t%u\t%lld\t%lld\t%lld\t1\t%d\t%u\t0\t\t\n", x->sentence + 1, (long long)x->actor1.start,
                  (long long)x->actor2.start, (long long)x->trig_start, (int)lrintf(x->confidence * 100),
                  x->doc_len);
}

/* ---- PLOVER and GeoJSON ----------------------------------------------------- */


static void plover_actor(sr_json *j, const sr_xactor *a)
{
    sr_json_begin_array(j);
    if (a->name[0] || a->code[0]) {
        sr_json_begin_object(j);
        sr_json_key(j, "code");
        sr_json_str_or_null(j, a->country[0] ? a->country : a->code);
        sr_json_key(j, "sector");
        sr_json_str_or_null(j, a->sector);
        sr_json_key(j, "actor_code");
        sr_json_str_or_null(j, a->code);
        sr_json_key(j, "entity_text");
        sr_json_str_or_null(j, a->name);
        sr_json_end_object(j);
    }
    sr_json_end_array(j);
}

static void date_field(sr_json *j, const sr_xevent *x)
{
    int y, mo, d;
    char s[32];
    if (first_day(x->date, &y, &mo, &d)) {
        int n = snprintf(s, sizeof s, "%04d-%02d-%02d", y, mo, d);
        sr_json_string(j, s, (size_t)n);
    } else
        sr_json_null(j);
}

void sr_write_plover(sr_buf *b, const sr_xevent *x, const sr_xincident *inc, const char *id)
{
    sr_json j = {.b = b, .first = true};
    sr_json_begin_object(&j);
    sr_json_key(&j, "id");
    sr_json_str_or_null(&j, id);
    sr_json_key(&j, "date");
    date_field(&j, x);
    sr_json_key(&j, "date_raw");
    sr_json_str_or_null(&j, x->date);
    sr_json_key(&j, "event");
    sr_json_begin_array(&j);
    if (x->plover[0])
        sr_json_cstr(&j, x->plover);
    sr_json_end_array(&j);
    sr_json_key(&j, "mode");
    sr_json_begin_array(&j);
    if (x->mode[0])
        sr_json_cstr(&j, x->mode);
    sr_json_end_array(&j);
    sr_json_key(&j, "actor");
    plover_actor(&j, &x->actor1);
    sr_json_key(&j, "recipient");
    plover_actor(&j, &x->actor2);
    sr_json_key(&j, "event_loc");
    if (x->loc.feature >= 0) {
        sr_json_begin_object(&j);
        sr_json_key(&j, "extracted_place");
        sr_json_str_or_null(&j, x->loc.name);
        sr_json_key(&j, "geonameid");
        sr_json_null(&j);
        sr_json_key(&j, "lat");
        if (x->loc.has_coords)
            sr_json_fixed(&j, x->loc.lat, 4);
        else
            sr_json_null(&j);
        sr_json_key(&j, "lon");
        if (x->loc.has_coords)
            sr_json_fixed(&j, x->loc.lon, 4);
        else
            sr_json_null(&j);
        sr_json_key(&j, "province");
        sr_json_str_or_null(&j, x->loc.admin1);
        sr_json_key(&j, "country");
        sr_json_str_or_null(&j, x->loc.country);
        sr_json_key(&j, "country_code");
        sr_json_str_or_null(&j, x->loc.iso3);
        /* PLOVER's resolution: 1 country ... 4 town */
        sr_json_key(&j, "resolution");
        sr_json_int(&j, x->loc.feature == SR_FEATURE_COUNTRY ? 1 : x->loc.feature == SR_FEATURE_ADMIN1 ? 2 : 4);
        sr_json_end_object(&j);
    } else
        sr_json_null(&j);
    sr_json_key(&j, "event_text");
    sr_json_begin_array(&j);
    sr_json_cstr(&j, x->notes);
    sr_json_end_array(&j);
    sr_json_key(&j, "quad_code");
    sr_json_int(&j, sr_cameo_quad(x->cameo));
    sr_json_key(&j, "event_scale");
    sr_json_fixed(&j, sr_cameo_goldstein(x->cameo), 1);
    sr_json_key(&j, "size");
    sr_json_begin_object(&j);
    sr_json_key(&j, "dead");
    if (inc && inc->id ? inc->has_fatalities : x->has_fatalities)
        sr_json_int(&j, inc && inc->id ? inc->fatalities : x->fat_min);
    else
        sr_json_null(&j);
    sr_json_end_object(&j);
    sr_json_key(&j, "link");
    if (inc && inc->id)
        sr_json_int(&j, inc->id);
    else
        sr_json_null(&j);
    sr_json_key(&j, "has_event");
    sr_json_bool(&j, true);
    sr_json_key(&j, "text_info");
    sr_json_begin_object(&j);
    sr_json_key(&j, "sequence");
    sr_json_int(&j, x->sentence);
    sr_json_key(&j, "start");
    sr_json_int(&j, x->start);
    sr_json_key(&j, "end");
    sr_json_int(&j, x->end);
    sr_json_end_object(&j);
    sr_json_key(&j, "cite_info");
    sr_json_begin_object(&j);
    sr_json_key(&j, "citation");
    sr_json_str_or_null(&j, x->doc_id);
    sr_json_key(&j, "url");
    sr_json_str_or_null(&j, x->url);
    sr_json_key(&j, "title");
    sr_json_str_or_null(&j, x->title);
    sr_json_key(&j, "publication");
    sr_json_str_or_null(&j, x->publication);
    sr_json_key(&j, "codebook");
    sr_json_cstr(&j, "plover-base-0.8");
    sr_json_key(&j, "coder");
    sr_json_cstr(&j, "sitrep " SITREP_VERSION);
    sr_json_end_object(&j);
    sr_json_end_object(&j);
    sr_buf_putc(b, '\n');
}

void sr_write_geojson_feature(sr_json *j, const sr_xevent *x, const sr_xincident *inc, const char *id)
{
    sr_json_begin_object(j);
    sr_json_key(j, "type");
    sr_json_cstr(j, "Feature");
    sr_json_key(j, "id");
    sr_json_str_or_null(j, id);
    sr_json_key(j, "geometry");
    if (x->loc.has_coords) {
        sr_json_begin_object(j);
        sr_json_key(j, "type");
        sr_json_cstr(j, "Point");
        sr_json_key(j, "coordinates");
        sr_json_begin_array(j);
        sr_json_fixed(j, x->loc.lon, 4);
        sr_json_fixed(j, x->loc.lat, 4);
        sr_json_end_array(j);
        sr_json_end_object(j);
    } else
        sr_json_null(j);
    sr_json_key(j, "properties");
    sr_json_begin_object(j);
    sr_json_key(j, "event_date");
    date_field(j, x);
    sr_json_key(j, "date");
    sr_json_str_or_null(j, x->date);
    sr_json_key(j, "event_type");
    sr_json_str_or_null(j, x->event_type);
    sr_json_key(j, "sub_event_type");
    sr_json_str_or_null(j, x->sub_event_type);
    sr_json_key(j, "cameo");
    sr_json_str_or_null(j, x->cameo);
    sr_json_key(j, "plover");
    sr_json_str_or_null(j, x->plover);
    sr_json_key(j, "actor1");
    sr_json_str_or_null(j, x->actor1.name);
    sr_json_key(j, "actor2");
    sr_json_str_or_null(j, x->actor2.name);
    sr_json_key(j, "location");
    sr_json_str_or_null(j, x->loc.name);
    sr_json_key(j, "admin1");
    sr_json_str_or_null(j, x->loc.admin1);
    sr_json_key(j, "country");
    sr_json_str_or_null(j, x->loc.country);
    sr_json_key(j, "geo_precision");
    if (x->geo_precision)
        sr_json_int(j, x->geo_precision);
    else
        sr_json_null(j);
    sr_json_key(j, "fatalities");
    if (inc && inc->id ? inc->has_fatalities : x->has_fatalities)
        sr_json_int(j, inc && inc->id ? inc->fatalities : x->fat_min);
    else
        sr_json_null(j);
    if (inc && inc->id) {
        sr_json_key(j, "incident");
        sr_json_int(j, inc->id);
        sr_json_key(j, "num_articles");
        sr_json_int(j, inc->num_articles);
        sr_json_key(j, "num_sources");
        sr_json_int(j, inc->num_sources);
    }
    sr_json_key(j, "source");
    sr_json_str_or_null(j, inc && inc->sources ? inc->sources : x->publication);
    sr_json_key(j, "notes");
    sr_json_str_or_null(j, x->notes);
    sr_json_key(j, "doc_id");
    sr_json_str_or_null(j, x->doc_id);
    sr_json_end_object(j);
    sr_json_end_object(j);
}

/* ---- `sitrep events` -------------------------------------------------------- */

void sr_write_events_csv_header(sr_buf *b)
{
    sr_buf_printf(b, "event_id,event_date,event_type,sub_event_type,actor1,actor2,country,admin1,"
                     "location,latitude,longitude,geo_precision,fatalities,source,notes,"
                     "interaction,cameo,plover,doc_id\n");
}

void sr_write_events_csv(const sr_doc *d, const sitrep_model *m, sr_buf *b)
{
    for (uint32_t i = 0; i < d->events.n; i++) {
        sr_xevent x;
        if (!sr_xevent_from_doc(d, m, i, &x)) {
            b->failed = true;
            return;
        }
        if (!x.happened || !x.event_type[0])
            continue;
        csv_field(b, x.doc_id);
        sr_buf_printf(b, "-v%u,", x.ord);
        csv_field(b, x.date);
        sr_buf_putc(b, ',');
        csv_field(b, x.event_type);
        sr_buf_putc(b, ',');
        csv_field(b, x.sub_event_type);
        sr_buf_putc(b, ',');
        csv_field(b, x.actor1.name);
        sr_buf_putc(b, ',');
        csv_field(b, x.actor2.name);
        sr_buf_putc(b, ',');
        csv_field(b, x.loc.country);
        sr_buf_putc(b, ',');
        csv_field(b, x.loc.admin1);
        sr_buf_putc(b, ',');
        csv_field(b, x.loc.name);
        if (x.loc.has_coords)
            sr_buf_printf(b, ",%.4f,%.4f,", x.loc.lat, x.loc.lon);
        else
            sr_buf_puts(b, ",,,");
        if (x.geo_precision)
            sr_buf_printf(b, "%d", x.geo_precision);
        sr_buf_printf(b, ",%d,", x.fat_min);
        csv_field(b, x.reported_by[0] ? x.reported_by : x.url);
        sr_buf_putc(b, ',');
        csv_field(b, x.notes);
        sr_buf_printf(b, ",%d,", sr_acled_interaction(x.actor1.inter, x.actor2.inter));
        csv_field(b, x.cameo);
        sr_buf_putc(b, ',');
        csv_field(b, x.plover);
        sr_buf_putc(b, ',');
        csv_field(b, x.doc_id);
        sr_buf_putc(b, '\n');
    }
}

void sr_write_events_gdelt(const sr_doc *d, const sitrep_model *m, sr_buf *b)
{
    for (uint32_t i = 0; i < d->events.n; i++) {
        sr_xevent x;
        if (!sr_xevent_from_doc(d, m, i, &x)) {
            b->failed = true;
            return;
        }
        if (!x.happened)
            continue;
        char *gid = sr_arena_printf(d->arena, "%s-v%u", x.doc_id, x.ord);
        sr_write_gdelt_event(b, &x, NULL, gid ? gid : "");
    }
}
