/*
 * export.c: a record's events as rows of other systems' tables.
 *
 *   ACLED-style CSV (SITREP_WRITE_EVENTS_CSV), one row per event that
 *   happened (asserted) and has an ACLED type:
 *     event_id, event_date, event_type, sub_event_type, actor1, actor2,
 *     country, admin1, location, latitude, longitude, geo_precision,
 *     fatalities, source, notes, interaction, cameo, plover, doc_id
 *   GDELT 2.0 events (SITREP_WRITE_EVENTS_GDELT), one tab-separated row of
 *   the 61 columns per event that happened, no header.  Country codes are
 *   ISO 3166-1 (alpha-3 for actors, alpha-2 for places), not FIPS 10-4;
 *   QuadClass and GoldsteinScale follow from the CAMEO root code by the
 *   table in docs/events.md.
 */
#include "out/out.h"

#include <stdlib.h>

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

/* A CSV field: quoted when it holds a comma, quote or line break. */
static void csv_field(sr_buf *b, const char *s, size_t n)
{
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

static void csv_cstr(sr_buf *b, const char *s)
{
    if (s)
        csv_field(b, s, strlen(s));
}

/* A tab-separated field: tabs and line breaks become spaces. */
static void tsv_field(sr_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sr_buf_putc(b, (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') ? ' ' : s[i]);
}

static void tsv_cstr(sr_buf *b, const char *s)
{
    if (s)
        tsv_field(b, s, strlen(s));
}

/* The name of an argument: its entity's name, else its words. */
static void arg_name(const sr_doc *d, const sr_event_arg *a, const char **s, size_t *n)
{
    if (a->entity >= 0) {
        *s = d->entities.v[a->entity].name;
        *n = d->entities.v[a->entity].name_len;
    } else if (a->end > a->start) {
        *s = d->text + a->start;
        *n = a->end - a->start;
    } else {
        *s = "";
        *n = 0;
    }
}

/* ACLED's actor classes (inter codes) from a sector. */
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

static const char *country_name(const sitrep_model *m, const char cc[2])
{
    const sr_place_rec *c = sr_geo_country(m, cc, 2);
    return c ? m->strs + c->name_off : NULL;
}

/* The event's evidence sentence, with line breaks as spaces. */
static void notes(const sr_doc *d, const sr_event *ev, char **s, size_t *n)
{
    *s = (char *)(d->text + ev->start);
    *n = ev->end - ev->start;
}

static bool happened(const sr_event *ev)
{
    return ev->modality == SR_MOD_ASSERTED && !ev->negated;
}

void sr_write_events_csv_header(sr_buf *b)
{
    sr_buf_printf(b, "event_id,event_date,event_type,sub_event_type,actor1,actor2,country,admin1,"
                     "location,latitude,longitude,geo_precision,fatalities,source,notes,"
                     "interaction,cameo,plover,doc_id\n");
}

void sr_write_events_csv(const sr_doc *d, const sitrep_model *m, sr_buf *b)
{
    for (uint32_t i = 0; i < d->events.n; i++) {
        const sr_event *ev = &d->events.v[i];
        if (!happened(ev) || !ev->acled_type)
            continue;
        char id[64];
        snprintf(id, sizeof id, "-v%u", i + 1);
        csv_cstr(b, d->id);
        sr_buf_printf(b, "%s,", id);
        csv_cstr(b, ev->date);
        sr_buf_putc(b, ',');
        csv_cstr(b, sr_acled_type_names[ev->acled_type]);
        sr_buf_putc(b, ',');
        csv_cstr(b, sr_acled_sub_names[ev->acled_sub]);
        sr_buf_putc(b, ',');
        const char *s;
        size_t n;
        arg_name(d, &ev->source, &s, &n);
        csv_field(b, s, n);
        sr_buf_putc(b, ',');
        arg_name(d, &ev->target, &s, &n);
        csv_field(b, s, n);
        sr_buf_putc(b, ',');
        const sr_place_rec *p = sr_entity_place(d, m, ev->location);
        if (p) {
            csv_cstr(b, country_name(m, p->cc));
            sr_buf_putc(b, ',');
            csv_cstr(b, sr_geo_admin1_name(m, p));
            sr_buf_putc(b, ',');
            const sr_entity *le = &d->entities.v[ev->location];
            csv_field(b, le->name, le->name_len);
            if (p->has_coords)
                sr_buf_printf(b, ",%.4f,%.4f,", p->lat, p->lon);
            else
                sr_buf_printf(b, ",,,");
            sr_buf_printf(b, "%d,", p->feature == SR_FEATURE_CITY ? ev->loc_precision : p->feature == SR_FEATURE_ADMIN2 ? 2 : 3);
        } else {
            sr_buf_printf(b, ",,,,,,");
        }
        sr_buf_printf(b, "%d,", ev->has_fatalities ? ev->fat_min : 0);
        if (ev->reported_by >= 0)
            csv_field(b, d->entities.v[ev->reported_by].name, d->entities.v[ev->reported_by].name_len);
        else if (d->meta.url)
            csv_cstr(b, d->meta.url);
        sr_buf_putc(b, ',');
        char *ns;
        notes(d, ev, &ns, &n);
        csv_field(b, ns, n);
        int i1 = inter_code(&ev->source), i2 = inter_code(&ev->target);
        if (i1 && i2)
            sr_buf_printf(b, ",%d%d,", i1 < i2 ? i1 : i2, i1 < i2 ? i2 : i1);
        else
            sr_buf_printf(b, ",%d,", i1 ? i1 * 10 : i2 * 10);
        csv_cstr(b, ev->cameo);
        sr_buf_putc(b, ',');
        csv_cstr(b, ev->plover);
        sr_buf_putc(b, ',');
        csv_cstr(b, d->id);
        sr_buf_putc(b, '\n');
    }
}

/* Eight ISO-coded geo columns: type, full name, country, ADM1, ADM2, lat,
 * long, feature id. */
static void gdelt_geo(sr_buf *b, const sr_doc *d, const sitrep_model *m, int32_t entity)
{
    const sr_place_rec *p = sr_entity_place(d, m, entity);
    if (!p) {
        sr_buf_printf(b, "\t\t\t\t\t\t\t\t");
        return;
    }
    bool us = p->cc[0] == 'U' && p->cc[1] == 'S';
    int type = p->feature == SR_FEATURE_COUNTRY ? 1 : p->feature == SR_FEATURE_ADMIN1 ? (us ? 2 : 5)
                                                                                       : (us ? 3 : 4);
    const sr_entity *en = &d->entities.v[entity];
    sr_buf_printf(b, "\t%d\t", type);
    tsv_field(b, en->name, en->name_len);
    if (p->feature == SR_FEATURE_CITY && p->admin1_off != UINT32_MAX) {
        sr_buf_printf(b, ", ");
        tsv_cstr(b, m->strs + p->admin1_off);
    }
    if (p->feature != SR_FEATURE_COUNTRY) {
        const char *cn = country_name(m, p->cc);
        if (cn) {
            sr_buf_printf(b, ", ");
            tsv_cstr(b, cn);
        }
    }
    sr_buf_printf(b, "\t%.2s\t", p->cc);
    tsv_cstr(b, sr_geo_admin1_name(m, p));
    sr_buf_printf(b, "\t\t");
    if (p->has_coords)
        sr_buf_printf(b, "%.4f\t%.4f", p->lat, p->lon);
    else
        sr_buf_printf(b, "\t");
    sr_buf_printf(b, "\t%u", en->place);
}

static void gdelt_actor(sr_buf *b, const sr_doc *d, const sr_event_arg *a)
{
    const char *s;
    size_t n;
    arg_name(d, a, &s, &n);
    const char *code = a->has_actor ? a->actor.code : "";
    const char *type1 = a->has_actor ? a->actor.sector : "";
    sr_buf_printf(b, "\t%s\t", code);
    tsv_field(b, s, n);
    sr_buf_printf(b, "\t%s\t%s\t\t\t\t%s\t\t", a->has_actor ? a->actor.country : "",
                  a->has_actor && !strncmp(code, "IGO", 3) ? code : "", type1);
}

void sr_write_events_gdelt(const sr_doc *d, const sitrep_model *m, sr_buf *b)
{
    uint32_t first_sentence_end = d->sentences.n ? d->sentences.v[0].end : 0;
    for (uint32_t i = 0; i < d->events.n; i++) {
        const sr_event *ev = &d->events.v[i];
        if (!happened(ev))
            continue;
        /* GLOBALEVENTID: the document's id and the event's number */
        tsv_cstr(b, d->id);
        sr_buf_printf(b, "-v%u\t", i + 1);
        int y = 0, mo = 0, dd = 0;
        if (ev->date[0]) {
            y = atoi(ev->date);
            mo = ev->date[4] == '-' ? atoi(ev->date + 5) : 0;
            dd = ev->date[7] == '-' ? atoi(ev->date + 8) : 0;
        }
        if (y) {
            int doy = mo ? (int)(sr_days_from_civil(y, mo, dd ? dd : 1) - sr_days_from_civil(y, 1, 1)) : 0;
            sr_buf_printf(b, "%04d%02d%02d\t%04d%02d\t%04d\t%.4f", y % 10000, mo % 100, dd % 100, y % 10000,
                          mo % 100, y % 10000, y + doy / 365.0);
        } else {
            sr_buf_printf(b, "\t\t\t");
        }
        gdelt_actor(b, d, &ev->source);
        gdelt_actor(b, d, &ev->target);
        int root = sr_cameo_root(ev->cameo);
        char base[4] = {0};
        memcpy(base, ev->cameo, 3);
        sr_buf_printf(b, "\t%d\t%s\t%s\t%02d\t%d\t%.1f\t1\t1\t1\t0", ev->start < first_sentence_end || i == 0,
                      ev->cameo, base, root, sr_cameo_quad(ev->cameo), sr_cameo_goldstein(ev->cameo));
        gdelt_geo(b, d, m, ev->source.entity);
        gdelt_geo(b, d, m, ev->target.entity);
        gdelt_geo(b, d, m, ev->location);
        sr_buf_putc(b, '\t');
        const char *pub = d->meta.published;
        if (pub && strlen(pub) >= 10) {
            char t[15] = "00000000000000";
            memcpy(t, pub, 4);
            memcpy(t + 4, pub + 5, 2);
            memcpy(t + 6, pub + 8, 2);
            if (strlen(pub) >= 16 && pub[10] == 'T') {
                memcpy(t + 8, pub + 11, 2);
                memcpy(t + 10, pub + 14, 2);
            }
            sr_buf_put(b, t, 14);
        }
        sr_buf_putc(b, '\t');
        tsv_cstr(b, d->meta.url ? d->meta.url : d->id);
        sr_buf_putc(b, '\n');
    }
}
