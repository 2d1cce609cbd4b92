/*
 * query.c: the filters of a request (a URL query string) or of a command
 * line (--name value), parsed and validated strictly into an sr_filter.
 * No allocation: decoded values live in the query's own store.  Linear in
 * the query string.
 */
#include "serve.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

typedef enum { K_LIST, K_TEXT, K_RAW } kind;

static const struct param {
    const char *name;
    uint32_t bit;
    kind k;
} params[] = {
    {"country", SR_QP_COUNTRY, K_LIST},
    {"admin1", SR_QP_ADMIN1, K_LIST},
    {"location", SR_QP_LOCATION, K_LIST},
    {"event_type", SR_QP_EVENT_TYPE, K_LIST},
    {"sub_event_type", SR_QP_SUB_EVENT_TYPE, K_LIST},
    {"source", SR_QP_SOURCE, K_LIST},
    {"actor", SR_QP_ACTOR, K_LIST},
    {"event_date", SR_QP_EVENT_DATE, K_RAW},
    {"event_date_where", SR_QP_EVENT_DATE_WHERE, K_RAW},
    {"year", SR_QP_YEAR, K_RAW},
    {"fatalities", SR_QP_FATALITIES, K_RAW},
    {"fatalities_where", SR_QP_FATALITIES_WHERE, K_RAW},
    {"bbox", SR_QP_BBOX, K_RAW},
    {"q", SR_QP_Q, K_TEXT},
    {"limit", SR_QP_LIMIT, K_RAW},
    {"page", SR_QP_PAGE, K_RAW},
    {"format", SR_QP_FORMAT, K_RAW},
};
#define NPARAMS (sizeof params / sizeof *params)

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
    return -1;
}

void sr_query_init(sr_filter *q)
{
    memset(q, 0, offsetof(sr_filter, store));
    q->store[0] = 0;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

long sr_url_decode(const char *s, size_t n, bool plus, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            if (n - i < 3)
                return -1;
            int h = hexval((unsigned char)s[i + 1]), l = hexval((unsigned char)s[i + 2]);
            if (h < 0 || l < 0)
                return -1;
            c = (unsigned char)(h * 16 + l);
            i += 2;
        } else if (c == '+' && plus) {
            c = ' ';
        }
        if (o + 1 >= cap)
            return -1;
        out[o++] = (char)c;
    }
    if (cap == 0)
        return -1;
    out[o] = 0;
    return (long)o;
}

bool sr_query_text_ok(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        int32_t cp = sr_utf8_decode(s, n, &i);
        /* C1 controls, surrogates and non-characters are no text */
        if (cp < 0 || (cp >= 0x80 && cp < 0xa0) || (cp >= 0xd800 && cp < 0xe000) ||
            cp == 0xfffe || cp == 0xffff || cp > 0x10ffff)
            return false;
    }
    return true;
}

/* The first character of a name or search value that no name holds, or
 * NULL when every one is fine: letters and digits (any script), spaces,
 * and ' - . , ( ) & / : + _; never two '-' in a row.  Quotes other than
 * the apostrophe, ';', '=', '<', '>', '%', '*', '\\' and the like are
 * refused: no place, actor, type or source is spelled with them, and SQL
 * or markup in a filter is turned away rather than searched for. */
static const char *refused_char(const char *s)
{
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            continue;
        if (c == '-' && p[1] == '-')
            return p;
        if (!strchr(" '-.,()&/:+_", c))
            return p;
    }
    return NULL;
}

static int refuse(sr_query_error *err, const char *name, const char *bad)
{
    if (bad[0] == '-')
        return fail(err, 400, name, "parameter '%s' holds '--', which no name holds", name);
    return fail(err, 400, name,
                "parameter '%s' holds '%c', which no name holds (letters, digits, spaces and ' - . , ( ) & / : + _)",
                name, *bad);
}

static const struct param *find_param(const char *name)
{
    for (size_t i = 0; i < NPARAMS; i++)
        if (strcmp(params[i].name, name) == 0)
            return &params[i];
    return NULL;
}

bool sr_query_is_param(const char *name)
{
    char tmp[64];
    size_t n = strlen(name);
    if (n >= sizeof tmp)
        return false;
    for (size_t i = 0; i <= n; i++)
        tmp[i] = name[i] == '-' ? '_' : name[i];
    return find_param(tmp) != NULL;
}

/* Copies a value into the store; NULL when there is no room. */
static char *keep(sr_filter *q, const char *v, size_t n)
{
    if (q->used + n + 1 > sizeof q->store)
        return NULL;
    char *p = q->store + q->used;
    memcpy(p, v, n);
    p[n] = 0;
    q->used += n + 1;
    return p;
}

static sr_strlist *list_of(sr_filter *q, uint32_t bit)
{
    switch (bit) {
    case SR_QP_COUNTRY: return &q->country;
    case SR_QP_ADMIN1: return &q->admin1;
    case SR_QP_LOCATION: return &q->location;
    case SR_QP_EVENT_TYPE: return &q->event_type;
    case SR_QP_SUB_EVENT_TYPE: return &q->sub_event_type;
    case SR_QP_SOURCE: return &q->source;
    default: return &q->actor;
    }
}

/* A whole number in [lo, hi], digits only. */
static bool whole(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
    if (!*s || strlen(s) > 12)
        return false;
    int64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (*p - '0');
    }
    if (v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* A decimal number: optional sign, digits, optional fraction; no
 * exponent, hex, inf or nan. */
static bool decimal(const char *s, size_t n, double *out)
{
    char tmp[40];
    if (n == 0 || n >= sizeof tmp)
        return false;
    size_t i = 0, digits = 0;
    if (s[i] == '-' || s[i] == '+')
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') { i++; digits++; }
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') { i++; digits++; }
    }
    if (i != n || digits == 0)
        return false;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    *out = strtod(tmp, NULL);
    return isfinite(*out);
}

/* YYYY-MM-DD, YYYY-MM or YYYY as an inclusive range of days. */
bool sr_serve_date_range(const char *s, size_t n, int64_t *from, int64_t *to)
{
    int y, m = 0, d = 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || ((i == 4 || i == 7) && s[i] == '-')))
            return false;
    if (n != 4 && n != 7 && n != 10)
        return false;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (n >= 7) {
        if (s[4] != '-')
            return false;
        m = (s[5] - '0') * 10 + (s[6] - '0');
        if (m < 1 || m > 12)
            return false;
    }
    if (n == 10) {
        if (s[7] != '-')
            return false;
        d = (s[8] - '0') * 10 + (s[9] - '0');
        int y2, m2, d2;
        sr_civil_from_days(sr_days_from_civil(y, m, d), &y2, &m2, &d2);
        if (d < 1 || y2 != y || m2 != m || d2 != d)
            return false;
    }
    if (n == 4) {
        *from = sr_days_from_civil(y, 1, 1);
        *to = sr_days_from_civil(y + 1, 1, 1) - 1;
    } else if (n == 7) {
        *from = sr_days_from_civil(y, m, 1);
        *to = (m == 12 ? sr_days_from_civil(y + 1, 1, 1) : sr_days_from_civil(y, m + 1, 1)) - 1;
    } else {
        *from = *to = sr_days_from_civil(y, m, d);
    }
    return true;
}

static bool cmp_of(const char *s, bool between_ok, sr_cmp *c)
{
    static const struct { const char *s; sr_cmp c; } ops[] = {
        {"=", SR_CMP_EQ}, {">", SR_CMP_GT}, {"<", SR_CMP_LT}, {">=", SR_CMP_GE},
        {"<=", SR_CMP_LE}, {"BETWEEN", SR_CMP_BETWEEN},
    };
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strcasecmp(s, ops[i].s) == 0 && (between_ok || ops[i].c != SR_CMP_BETWEEN)) {
            *c = ops[i].c;
            return true;
        }
    return false;
}

int sr_query_set(sr_filter *q, const char *name_in, const char *value, size_t vlen, uint32_t accept,
                 sr_query_error *err)
{
    char name[64];
    size_t nl = strlen(name_in);
    if (nl == 0)
        return fail(err, 400, "", "a parameter has no name");
    if (nl >= sizeof name || !sr_query_text_ok(name_in, nl))
        return fail(err, 400, "", "unknown parameter");
    for (size_t i = 0; i <= nl; i++)
        name[i] = name_in[i] == '-' ? '_' : name_in[i];
    const struct param *p = find_param(name);
    if (!p || !(accept & p->bit))
        return fail(err, 400, name, "unknown parameter '%s'%s", name,
                    p ? " (not taken here)" : "");
    if (q->given & p->bit)
        return fail(err, 400, name, "parameter '%s' given twice (join values with '|')", name);
    if (vlen == 0)
        return fail(err, 400, name, "parameter '%s' has an empty value", name);
    if (vlen > SR_QUERY_MAX_VALUE)
        return fail(err, 400, name, "parameter '%s' is longer than %d bytes", name, SR_QUERY_MAX_VALUE);
    if (!sr_query_text_ok(value, vlen))
        return fail(err, 400, name, "parameter '%s' is not valid UTF-8 text (or holds control characters)",
                    name);
    char *v = keep(q, value, vlen);
    if (!v)
        return fail(err, 414, name, "the query is too long");
    q->given |= p->bit;
    switch (p->k) {
    case K_LIST: {
        sr_strlist *l = list_of(q, p->bit);
        char *s = v;
        for (;;) {
            char *bar = strchr(s, '|');
            if (bar)
                *bar = 0;
            /* surrounding spaces are no part of a name */
            while (*s == ' ')
                s++;
            size_t k = strlen(s);
            while (k && s[k - 1] == ' ')
                s[--k] = 0;
            if (!*s)
                return fail(err, 400, name, "parameter '%s' has an empty value between '|'", name);
            const char *bad = refused_char(s);
            if (bad)
                return refuse(err, name, bad);
            if (l->n == SR_QUERY_MAX_VALUES)
                return fail(err, 400, name, "parameter '%s' has more than %d values", name,
                            SR_QUERY_MAX_VALUES);
            l->v[l->n++] = s;
            if (!bar)
                break;
            s = bar + 1;
        }
        return 0;
    }
    case K_TEXT: {
        const char *bad = refused_char(v);
        if (bad)
            return refuse(err, name, bad);
        q->q = v;
        return 0;
    }
    case K_RAW:
        break;
    }
    int64_t x;
    switch (p->bit) {
    case SR_QP_EVENT_DATE: q->raw_date = v; return 0;
    case SR_QP_EVENT_DATE_WHERE: q->raw_date_where = v; return 0;
    case SR_QP_YEAR: q->raw_year = v; return 0;
    case SR_QP_FATALITIES: q->raw_fat = v; return 0;
    case SR_QP_FATALITIES_WHERE: q->raw_fat_where = v; return 0;
    case SR_QP_LIMIT:
        if (!whole(v, 1, SR_QUERY_MAX_LIMIT, &x))
            return fail(err, 400, name, "limit must be a whole number from 1 to %d", SR_QUERY_MAX_LIMIT);
        q->limit = (uint32_t)x;
        return 0;
    case SR_QP_PAGE:
        if (!whole(v, 1, 1000000, &x))
            return fail(err, 400, name, "page must be a whole number from 1 to 1000000");
        q->page = (uint32_t)x;
        return 0;
    case SR_QP_FORMAT:
        if (strcmp(v, "json") == 0) q->format = SR_FMT_JSON;
        else if (strcmp(v, "csv") == 0) q->format = SR_FMT_CSV;
        else if (strcmp(v, "geojson") == 0) q->format = SR_FMT_GEOJSON;
        else return fail(err, 400, name, "format must be json, csv or geojson");
        return 0;
    case SR_QP_BBOX: {
        double b[4];
        const char *s = v;
        for (int i = 0; i < 4; i++) {
            const char *c = strchr(s, ',');
            size_t k = c ? (size_t)(c - s) : strlen(s);
            if ((i < 3) != (c != NULL) || !decimal(s, k, &b[i]))
                return fail(err, 400, name, "bbox must be min_lon,min_lat,max_lon,max_lat in degrees");
            s = c ? c + 1 : s + k;
        }
        if (b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90 || b[0] > b[2] || b[1] > b[3])
            return fail(err, 400, name,
                        "bbox is out of range (longitudes -180..180, latitudes -90..90, min <= max)");
        q->has_bbox = true;
        q->min_lon = b[0];
        q->min_lat = b[1];
        q->max_lon = b[2];
        q->max_lat = b[3];
        return 0;
    }
    default:
        return fail(err, 500, name, "unhandled parameter");
    }
}

int sr_query_finish(sr_filter *q, sr_query_error *err)
{
    int64_t lo = INT64_MIN, hi = INT64_MAX;
    if (q->raw_date_where && !q->raw_date)
        return fail(err, 400, "event_date_where", "event_date_where needs event_date");
    if (q->raw_date) {
        sr_cmp c = SR_CMP_EQ;
        if (q->raw_date_where && !cmp_of(q->raw_date_where, true, &c))
            return fail(err, 400, "event_date_where",
                        "event_date_where must be =, >, <, >=, <= or BETWEEN");
        const char *bar = strchr(q->raw_date, '|');
        if ((c == SR_CMP_BETWEEN) != (bar != NULL))
            return fail(err, 400, "event_date",
                        c == SR_CMP_BETWEEN ? "BETWEEN takes two dates: event_date=FROM|TO"
                                            : "two dates need event_date_where=BETWEEN");
        int64_t f1, t1, f2, t2;
        char first[16];
        size_t k = bar ? (size_t)(bar - q->raw_date) : strlen(q->raw_date);
        if (k >= sizeof first)
            return fail(err, 400, "event_date", "event_date must be YYYY-MM-DD (or YYYY-MM, YYYY)");
        memcpy(first, q->raw_date, k);
        first[k] = 0;
        if (!sr_serve_date_range(first, strlen(first), &f1, &t1) ||
            (bar && !sr_serve_date_range(bar + 1, strlen(bar + 1), &f2, &t2)))
            return fail(err, 400, "event_date", "event_date must be a real date YYYY-MM-DD (or YYYY-MM, YYYY)");
        switch (c) {
        case SR_CMP_EQ: lo = f1; hi = t1; break;
        case SR_CMP_GT: lo = t1 + 1; break;
        case SR_CMP_GE: lo = f1; break;
        case SR_CMP_LT: hi = f1 - 1; break;
        case SR_CMP_LE: hi = t1; break;
        case SR_CMP_BETWEEN:
            lo = f1;
            hi = t2;
            if (lo > hi)
                return fail(err, 400, "event_date", "event_date: FROM is after TO");
            break;
        }
        q->has_date = true;
    }
    if (q->raw_year) {
        int64_t y;
        if (!whole(q->raw_year, 1, 9999, &y))
            return fail(err, 400, "year", "year must be YYYY");
        int64_t f = sr_days_from_civil((int)y, 1, 1), t = sr_days_from_civil((int)y + 1, 1, 1) - 1;
        if (f > lo) lo = f;
        if (t < hi) hi = t;
        q->has_date = true;
    }
    if (q->has_date) {
        q->date_from = lo;
        q->date_to = hi;
    }
    if (q->raw_fat_where && !q->raw_fat)
        return fail(err, 400, "fatalities_where", "fatalities_where needs fatalities");
    if (q->raw_fat) {
        sr_cmp c = SR_CMP_GE;
        int64_t v;
        if (q->raw_fat_where && !cmp_of(q->raw_fat_where, false, &c))
            return fail(err, 400, "fatalities_where", "fatalities_where must be >=, =, >, < or <=");
        if (!whole(q->raw_fat, 0, 100000000, &v))
            return fail(err, 400, "fatalities", "fatalities must be a whole number");
        q->fatalities_min = 0;
        q->fatalities_max = -1;
        switch (c) {
        case SR_CMP_EQ: q->fatalities_min = q->fatalities_max = v; break;
        case SR_CMP_GT: q->fatalities_min = v + 1; break;
        case SR_CMP_GE: q->fatalities_min = v; break;
        case SR_CMP_LT:
            if (v == 0)
                return fail(err, 400, "fatalities", "no count is below 0");
            q->fatalities_max = v - 1;
            break;
        case SR_CMP_LE: q->fatalities_max = v; break;
        case SR_CMP_BETWEEN: break;
        }
        q->has_fatalities = true;
    }
    return 0;
}

int sr_query_parse(sr_filter *q, const char *qs, size_t n, uint32_t accept, sr_query_error *err)
{
    char name[64], value[SR_QUERY_MAX_VALUE + 1];
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && qs[j] != '&')
            j++;
        if (j > i) { /* an empty pair (a&&b, a trailing &) is nothing */
            size_t eq = i;
            while (eq < j && qs[eq] != '=')
                eq++;
            if (eq == j) {
                char shown[40];
                long k = sr_url_decode(qs + i, j - i < 32 ? j - i : 32, true, shown, sizeof shown);
                bool show = k > 0 && sr_query_text_ok(shown, (size_t)k);
                return fail(err, 400, show ? shown : "", "parameter '%s' has no value (name=value)",
                            show ? shown : "?");
            }
            long nk = sr_url_decode(qs + i, eq - i, true, name, sizeof name);
            if (nk < 0)
                return fail(err, 400, "", "a parameter name is malformed or too long");
            if ((size_t)nk != strlen(name) || !sr_query_text_ok(name, (size_t)nk))
                return fail(err, 400, "", "a parameter name is not text");
            if (j - eq - 1 > 3 * SR_QUERY_MAX_VALUE)
                return fail(err, 400, name, "parameter '%s' is longer than %d bytes", name,
                            SR_QUERY_MAX_VALUE);
            long nv = sr_url_decode(qs + eq + 1, j - eq - 1, true, value, sizeof value);
            if (nv < 0)
                return fail(err, 400, name,
                            "parameter '%s' has a malformed %%-escape or is longer than %d bytes",
                            name, SR_QUERY_MAX_VALUE);
            if (sr_query_set(q, name, value, (size_t)nv, accept, err) != 0)
                return -1;
        }
        i = j + 1;
    }
    return sr_query_finish(q, err);
}
