/*
 * incident.c: the report's data: incidents (JSONL, docs/report.md) and the
 * records of their documents, read with cJSON; incidents made from the
 * records' asserted events when no incidents are given; the filters.
 */
#include "serve.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void sr_report_init(sr_report *r)
{
    memset(r, 0, sizeof *r);
    sr_arena_init(&r->arena);
}

void sr_report_free(sr_report *r)
{
    if (!r)
        return;
    for (uint32_t i = 0; i < r->docs.n; i++)
        cJSON_Delete(r->docs.v[i].json);
    free(r->doc_order);
    sr_arena_free(&r->arena);
    memset(r, 0, sizeof *r);
}

static void bad_line(sr_report *r, const char *name, size_t line, const char *why)
{
    if (r->n_bad++ == 0)
        snprintf(r->first_error, sizeof r->first_error, "%s:%zu: %s", name ? name : "-", line, why);
}

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool jnum(const cJSON *o, const char *k, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
        return false;
    *out = v->valuedouble;
    return true;
}

static int64_t jcount(const cJSON *o, const char *k)
{
    double d;
    if (!jnum(o, k, &d) || d < 0 || d > 1e9)
        return -1;
    return (int64_t)d;
}

/* A {start, end} object as a span of a text of len bytes; {0,0} when
 * absent or out of range. */
static sr_span jspan(const cJSON *o, size_t len)
{
    double s, e;
    if (!cJSON_IsObject(o) || !jnum(o, "start", &s) || !jnum(o, "end", &e) || s < 0 || e <= s ||
        (len && e > (double)len) || e > 4e9)
        return (sr_span){0, 0};
    return (sr_span){(uint32_t)s, (uint32_t)e};
}

static const char *dup(sr_report *r, const char *s)
{
    return s ? sr_arena_strndup(&r->arena, s, strlen(s)) : NULL;
}

/* Calls fn on each non-empty line of data. */
typedef bool (*line_fn)(sr_report *r, const char *line, size_t n, const char *name, size_t lineno);
static long each_line(sr_report *r, const char *data, size_t n, const char *name, line_fn fn)
{
    long added = 0;
    size_t i = 0, lineno = 0;
    while (i < n) {
        const char *nl = memchr(data + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - data) : n;
        lineno++;
        size_t a = i, b = e;
        while (a < b && (data[a] == ' ' || data[a] == '\t' || data[a] == '\r'))
            a++;
        while (b > a && (data[b - 1] == ' ' || data[b - 1] == '\t' || data[b - 1] == '\r'))
            b--;
        if (b > a) {
            if (fn(r, data + a, b - a, name, lineno))
                added++;
        }
        i = e + 1;
    }
    return added;
}

/* ---- records --------------------------------------------------------------- */

/* The host of a URL, as the publication when the record names none. */
static const char *url_host(sr_report *r, const char *url)
{
    if (!url)
        return NULL;
    const char *p = strstr(url, "://");
    if (!p)
        return NULL;
    p += 3;
    size_t n = strcspn(p, "/:?#");
    if (n == 0 || n > 200)
        return NULL;
    if (n > 4 && strncasecmp(p, "www.", 4) == 0) {
        p += 4;
        n -= 4;
    }
    return sr_arena_strndup(&r->arena, p, n);
}

static bool add_record(sr_report *r, const char *line, size_t n, const char *name, size_t lineno)
{
    cJSON *j = cJSON_ParseWithLength(line, n);
    if (!j || !cJSON_IsObject(j)) {
        cJSON_Delete(j);
        bad_line(r, name, lineno, "not a JSON object");
        return false;
    }
    const char *id = jstr(j, "id");
    if (!id || cJSON_GetObjectItemCaseSensitive(j, "error")) {
        cJSON_Delete(j);
        bad_line(r, name, lineno, id ? "an error record" : "a record without an id");
        return false;
    }
    sr_rdoc *d = SR_VEC_PUSH(&r->arena, &r->docs);
    if (!d) {
        cJSON_Delete(j);
        return false;
    }
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(j, "meta");
    d->json = j;
    d->id = id;
    d->title = jstr(meta, "title");
    d->published = jstr(meta, "published");
    d->url = jstr(meta, "url");
    d->source = jstr(meta, "agency");
    if (!d->source)
        d->source = url_host(r, d->url);
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "text");
    if (cJSON_IsString(t)) {
        d->text = t->valuestring;
        d->text_len = strlen(t->valuestring);
    }
    return true;
}

long sr_report_add_records(sr_report *r, const char *data, size_t n, const char *name)
{
    return each_line(r, data, n, name, add_record);
}

/* ---- incidents ------------------------------------------------------------- */

static void set_date(sr_incident *inc)
{
    inc->day_from = inc->day_to = INT64_MIN;
    if (!inc->date)
        return;
    /* "2017-10-14", also with a time after it */
    size_t n = strlen(inc->date);
    if (n > 10 && inc->date[10] == 'T')
        n = 10;
    int64_t f, t;
    if (sr_serve_date_range(inc->date, n, &f, &t)) {
        inc->day_from = f;
        inc->day_to = t;
    }
}

static void set_country(sr_incident *inc)
{
    const sr_map_country *c = inc->country ? sr_map_country_find(inc->country) : NULL;
    inc->cc[0] = 0;
    if (c && c->a2[0])
        memcpy(inc->cc, c->a2, 3);
}

static bool add_incident(sr_report *r, const char *line, size_t n, const char *name, size_t lineno)
{
    cJSON *j = cJSON_ParseWithLength(line, n);
    if (!j || !cJSON_IsObject(j)) {
        cJSON_Delete(j);
        bad_line(r, name, lineno, "not a JSON object");
        return false;
    }
    const char *id = jstr(j, "id");
    if (!id) {
        cJSON_Delete(j);
        bad_line(r, name, lineno, "an incident without an id");
        return false;
    }
    sr_incident *inc = SR_VEC_PUSH(&r->arena, &r->inc);
    if (!inc) {
        cJSON_Delete(j);
        return false;
    }
    inc->id = dup(r, id);
    inc->event_type = dup(r, jstr(j, "event_type"));
    inc->sub_event_type = dup(r, jstr(j, "sub_event_type"));
    inc->date = dup(r, jstr(j, "date"));
    inc->date_precision = dup(r, jstr(j, "date_precision"));
    set_date(inc);
    inc->country = dup(r, jstr(j, "country"));
    set_country(inc);
    inc->admin1 = dup(r, jstr(j, "admin1"));
    inc->location = dup(r, jstr(j, "location"));
    double lat, lon, gp;
    if (jnum(j, "lat", &lat) && jnum(j, "lon", &lon) && fabs(lat) <= 90 && fabs(lon) <= 180) {
        inc->has_geo = true;
        inc->lat = lat;
        inc->lon = lon;
    }
    inc->geo_precision = jnum(j, "geo_precision", &gp) && gp >= 1 && gp <= 3 ? (int)gp : 0;
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(j, "fatalities");
    if (cJSON_IsNumber(f)) {
        inc->fat_best = inc->fat_low = inc->fat_high =
            f->valuedouble >= 0 && f->valuedouble <= 1e9 ? (int64_t)f->valuedouble : -1;
    } else {
        inc->fat_best = jcount(f, "best");
        inc->fat_low = jcount(f, "low");
        inc->fat_high = jcount(f, "high");
    }
    const cJSON *acts = cJSON_GetObjectItemCaseSensitive(j, "actors");
    int na = cJSON_IsArray(acts) ? cJSON_GetArraySize(acts) : 0;
    if (na > 0) {
        inc->actors = sr_arena_calloc(&r->arena, (size_t)na, sizeof *inc->actors);
        const cJSON *a;
        cJSON_ArrayForEach(a, acts) {
            if (inc->actors && cJSON_IsString(a))
                inc->actors[inc->n_actors++] = dup(r, a->valuestring);
        }
    }
    int64_t ns = jcount(j, "sources"), nart = jcount(j, "articles");
    inc->first_reported = dup(r, jstr(j, "first_reported"));
    inc->last_reported = dup(r, jstr(j, "last_reported"));
    inc->notes = dup(r, jstr(j, "notes"));
    const cJSON *reps = cJSON_GetObjectItemCaseSensitive(j, "reports");
    int nr = cJSON_IsArray(reps) ? cJSON_GetArraySize(reps) : 0;
    if (nr > 0) {
        inc->reports = sr_arena_calloc(&r->arena, (size_t)nr, sizeof *inc->reports);
        const cJSON *rp;
        cJSON_ArrayForEach(rp, reps) {
            if (!inc->reports || !cJSON_IsObject(rp))
                continue;
            sr_inc_report *x = &inc->reports[inc->n_reports++];
            x->doc_id = dup(r, jstr(rp, "doc_id"));
            x->event_id = dup(r, jstr(rp, "event_id"));
            x->source = dup(r, jstr(rp, "source"));
            x->evidence = jspan(cJSON_GetObjectItemCaseSensitive(rp, "evidence"), 0);
            x->trigger = jspan(cJSON_GetObjectItemCaseSensitive(rp, "trigger"), 0);
            x->doc = x->event = -1;
        }
    }
    inc->n_articles = nart >= 0 ? (uint32_t)nart : inc->n_reports;
    inc->n_sources = ns >= 0 ? (uint32_t)ns : inc->n_articles;
    cJSON_Delete(j);
    return true;
}

long sr_report_add_incidents(sr_report *r, const char *data, size_t n, const char *name)
{
    r->have_incidents = true;
    return each_line(r, data, n, name, add_incident);
}

/* ---- linking and making incidents ----------------------------------------- */

/* (qsort_r: reports are made on several threads at once) */
static int by_doc_id(const void *a, const void *b, void *arg)
{
    const sr_report *r = arg;
    int c = strcmp(r->docs.v[*(const uint32_t *)a].id, r->docs.v[*(const uint32_t *)b].id);
    return c ? c : (*(const uint32_t *)a > *(const uint32_t *)b) - (*(const uint32_t *)a < *(const uint32_t *)b);
}

static int32_t find_doc(const sr_report *r, const char *id)
{
    if (!id || !r->doc_order)
        return -1;
    size_t lo = 0, hi = r->docs.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(r->docs.v[r->doc_order[mid]].id, id);
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo < r->docs.n && strcmp(r->docs.v[r->doc_order[lo]].id, id) == 0 ? (int32_t)r->doc_order[lo] : -1;
}

static const cJSON *events_of(const sr_rdoc *d)
{
    return cJSON_GetObjectItemCaseSensitive((const cJSON *)d->json, "events");
}

/* An event of a record that happened: not negated, asserted. */
static bool asserted(const cJSON *ev)
{
    const cJSON *neg = cJSON_GetObjectItemCaseSensitive(ev, "negated");
    const char *mod = jstr(ev, "modality");
    return !cJSON_IsTrue(neg) && (!mod || strcmp(mod, "asserted") == 0);
}

static const char *actor_text(const cJSON *a)
{
    if (!cJSON_IsObject(a))
        return NULL;
    const char *t = jstr(a, "text");
    return t && *t ? t : NULL;
}

static void incident_of_event(sr_report *r, uint32_t di, int32_t ei, const cJSON *ev)
{
    sr_rdoc *d = &r->docs.v[di];
    sr_incident *inc = SR_VEC_PUSH(&r->arena, &r->inc);
    if (!inc)
        return;
    const char *eid = jstr(ev, "id");
    inc->id = sr_arena_printf(&r->arena, "%s/%s", d->id, eid ? eid : "?");
    const cJSON *acled = cJSON_GetObjectItemCaseSensitive(ev, "acled");
    const cJSON *plover = cJSON_GetObjectItemCaseSensitive(ev, "plover");
    inc->event_type = jstr(acled, "event_type");
    inc->sub_event_type = jstr(acled, "sub_event_type");
    if (!inc->event_type)
        inc->event_type = jstr(plover, "type");
    const cJSON *date = cJSON_GetObjectItemCaseSensitive(ev, "date");
    inc->date = jstr(date, "value");
    inc->date_precision = jstr(date, "precision");
    set_date(inc);
    const cJSON *loc = cJSON_GetObjectItemCaseSensitive(ev, "location");
    inc->country = jstr(loc, "country");
    set_country(inc);
    const sr_map_country *c = inc->cc[0] ? sr_map_country_find(inc->cc) : NULL;
    if (c)
        inc->country = c->name; /* a name for people, the code kept in cc */
    inc->admin1 = jstr(loc, "admin1");
    inc->location = jstr(loc, "name");
    double lat, lon, gp;
    if (jnum(loc, "lat", &lat) && jnum(loc, "lon", &lon) && fabs(lat) <= 90 && fabs(lon) <= 180) {
        inc->has_geo = true;
        inc->lat = lat;
        inc->lon = lon;
    }
    inc->geo_precision = jnum(loc, "precision", &gp) && gp >= 1 && gp <= 3 ? (int)gp : 0;
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(ev, "fatalities");
    inc->fat_low = jcount(f, "min");
    inc->fat_high = jcount(f, "max");
    if (inc->fat_high < 0)
        inc->fat_high = inc->fat_low;
    inc->fat_best = inc->fat_low; /* ACLED's conservative figure */
    const char *a1 = actor_text(cJSON_GetObjectItemCaseSensitive(ev, "source"));
    const char *a2 = actor_text(cJSON_GetObjectItemCaseSensitive(ev, "target"));
    inc->actors = sr_arena_calloc(&r->arena, 2, sizeof *inc->actors);
    if (inc->actors) {
        if (a1) inc->actors[inc->n_actors++] = a1;
        if (a2) inc->actors[inc->n_actors++] = a2;
    }
    inc->n_sources = inc->n_articles = 1;
    inc->first_reported = inc->last_reported = d->published;
    inc->reports = sr_arena_calloc(&r->arena, 1, sizeof *inc->reports);
    if (inc->reports) {
        sr_inc_report *x = &inc->reports[0];
        inc->n_reports = 1;
        x->doc_id = d->id;
        x->event_id = eid;
        x->source = d->source;
        x->evidence = jspan(ev, d->text_len);
        x->trigger = jspan(cJSON_GetObjectItemCaseSensitive(ev, "trigger"), d->text_len);
        x->doc = (int32_t)di;
        x->event = ei;
    }
    if (d->text && inc->reports && inc->reports[0].evidence.end > inc->reports[0].evidence.start) {
        sr_span e = inc->reports[0].evidence;
        inc->notes = sr_arena_strndup(&r->arena, d->text + e.start, e.end - e.start);
    }
}

/* The index of the event of id `eid` in a record's events, or -1. */
static int32_t find_event(const sr_rdoc *d, const char *eid)
{
    if (!eid)
        return -1;
    int32_t i = 0;
    const cJSON *ev;
    cJSON_ArrayForEach(ev, events_of(d)) {
        const char *id = jstr(ev, "id");
        if (id && strcmp(id, eid) == 0)
            return i;
        i++;
    }
    return -1;
}

typedef struct { sr_incident inc; uint32_t pos; } keyed;
static int by_date_pos(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->inc.day_from != y->inc.day_from)
        return x->inc.day_from < y->inc.day_from ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

void sr_report_finish(sr_report *r)
{
    free(r->doc_order);
    r->doc_order = NULL;
    if (r->docs.n) {
        r->doc_order = malloc(r->docs.n * sizeof *r->doc_order);
        if (r->doc_order) {
            for (uint32_t i = 0; i < r->docs.n; i++)
                r->doc_order[i] = i;
            qsort_r(r->doc_order, r->docs.n, sizeof *r->doc_order, by_doc_id, r);
        }
    }
    if (!r->have_incidents) {
        for (uint32_t di = 0; di < r->docs.n; di++) {
            int32_t ei = 0;
            const cJSON *ev;
            cJSON_ArrayForEach(ev, events_of(&r->docs.v[di])) {
                if (asserted(ev))
                    incident_of_event(r, di, ei, ev);
                ei++;
            }
        }
    } else {
        /* each report to its document and event; the offsets checked
         * against the text they point into */
        for (uint32_t i = 0; i < r->inc.n; i++) {
            sr_incident *inc = &r->inc.v[i];
            for (uint32_t k = 0; k < inc->n_reports; k++) {
                sr_inc_report *x = &inc->reports[k];
                x->doc = find_doc(r, x->doc_id);
                if (x->doc < 0)
                    continue;
                const sr_rdoc *d = &r->docs.v[x->doc];
                x->event = find_event(d, x->event_id);
                if (x->evidence.end > d->text_len)
                    x->evidence = (sr_span){0, 0};
                if (x->trigger.end > d->text_len)
                    x->trigger = (sr_span){0, 0};
                if (!x->source)
                    x->source = d->source;
            }
        }
    }
    /* by date, undated last; equal dates keep their order (the sort is
     * made stable by the index) */
    for (uint32_t i = 0; i < r->inc.n; i++)
        if (r->inc.v[i].day_from == INT64_MIN)
            r->inc.v[i].day_from = INT64_MAX; /* undated: last */
    if (r->inc.n > 1) {
        /* stable: the position is the last key */
        keyed *k = malloc(r->inc.n * sizeof *k);
        if (k) {
            for (uint32_t i = 0; i < r->inc.n; i++)
                k[i] = (keyed){r->inc.v[i], i};
            qsort(k, r->inc.n, sizeof *k, by_date_pos);
            for (uint32_t i = 0; i < r->inc.n; i++)
                r->inc.v[i] = k[i].inc;
            free(k);
        }
    }
    for (uint32_t i = 0; i < r->inc.n; i++)
        if (r->inc.v[i].day_from == INT64_MAX)
            r->inc.v[i].day_from = INT64_MIN;
}

/* ---- filters --------------------------------------------------------------- */

/* Whether needle (NUL-terminated) occurs in hay[0..n), ignoring ASCII case. */
static bool contains_ci(const char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    if (m == 0)
        return true;
    if (!hay || m > n)
        return false;
    for (size_t i = 0; i + m <= n; i++)
        if (strncasecmp(hay + i, needle, m) == 0)
            return true;
    return false;
}

static bool in_list(const sr_strlist *l, const char *v)
{
    if (!v)
        return false;
    for (uint32_t i = 0; i < l->n; i++)
        if (strcasecmp(l->v[i], v) == 0)
            return true;
    return false;
}

static bool country_ok(const sr_incident *inc, const sr_strlist *l)
{
    if (in_list(l, inc->country))
        return true;
    if (!inc->cc[0])
        return false;
    for (uint32_t i = 0; i < l->n; i++) {
        const sr_map_country *c = sr_map_country_find(l->v[i]);
        if (c && strcmp(c->a2, inc->cc) == 0)
            return true;
    }
    return false;
}

/* Every word of q in some field or evidence of the incident. */
static bool text_ok(const sr_report *r, const sr_incident *inc, const char *q)
{
    const char *w = q;
    while (*w) {
        while (*w == ' ')
            w++;
        if (!*w)
            break;
        size_t n = strcspn(w, " ");
        char word[SR_QUERY_MAX_VALUE + 1];
        memcpy(word, w, n);
        word[n] = 0;
        w += n;
        const char *fields[] = {inc->id, inc->event_type, inc->sub_event_type, inc->country,
                                inc->admin1, inc->location, inc->notes};
        bool found = false;
        for (size_t k = 0; k < sizeof fields / sizeof *fields && !found; k++)
            found = fields[k] && contains_ci(fields[k], strlen(fields[k]), word);
        for (uint32_t k = 0; k < inc->n_actors && !found; k++)
            found = contains_ci(inc->actors[k], strlen(inc->actors[k]), word);
        for (uint32_t k = 0; k < inc->n_reports && !found; k++) {
            const sr_inc_report *x = &inc->reports[k];
            if (x->doc < 0)
                continue;
            const sr_rdoc *d = &r->docs.v[x->doc];
            if (d->title)
                found = contains_ci(d->title, strlen(d->title), word);
            if (!found && d->text && x->evidence.end > x->evidence.start)
                found = contains_ci(d->text + x->evidence.start, x->evidence.end - x->evidence.start, word);
        }
        if (!found)
            return false;
    }
    return true;
}

bool sr_incident_matches(const sr_report *r, const sr_incident *inc, const sr_filter *q)
{
    if (!q)
        return true;
    if (q->country.n && !country_ok(inc, &q->country))
        return false;
    if (q->admin1.n && !in_list(&q->admin1, inc->admin1))
        return false;
    if (q->location.n && !in_list(&q->location, inc->location))
        return false;
    if (q->event_type.n && !in_list(&q->event_type, inc->event_type))
        return false;
    if (q->sub_event_type.n && !in_list(&q->sub_event_type, inc->sub_event_type))
        return false;
    if (q->source.n) {
        bool ok = false;
        for (uint32_t k = 0; k < inc->n_reports && !ok; k++)
            ok = in_list(&q->source, inc->reports[k].source);
        if (!ok)
            return false;
    }
    if (q->actor.n) {
        bool ok = false;
        for (uint32_t k = 0; k < inc->n_actors && !ok; k++)
            for (uint32_t i = 0; i < q->actor.n && !ok; i++)
                ok = contains_ci(inc->actors[k], strlen(inc->actors[k]), q->actor.v[i]);
        if (!ok)
            return false;
    }
    if (q->has_date &&
        (inc->day_from == INT64_MIN || inc->day_to < q->date_from || inc->day_from > q->date_to))
        return false;
    if (q->has_fatalities) {
        int64_t f = inc->fat_best < 0 ? 0 : inc->fat_best; /* unknown counts as 0, as ACLED's */
        if (f < q->fatalities_min || (q->fatalities_max >= 0 && f > q->fatalities_max))
            return false;
    }
    if (q->has_bbox && (!inc->has_geo || inc->lon < q->min_lon || inc->lon > q->max_lon ||
                        inc->lat < q->min_lat || inc->lat > q->max_lat))
        return false;
    if (q->q && !text_ok(r, inc, q->q))
        return false;
    return true;
}
