/*
 * report.c: the report, one self-contained HTML page (docs/report.md): a
 * map, a timeline by week, a table of incidents that filters with
 * JavaScript and works without, each incident with its reports, and each
 * document's text annotated, every highlight a link to the field it
 * supports.  No resource is loaded from anywhere (the page's own policy
 * forbids it); every string from the data is escaped.
 */
#include "serve.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- escaping -------------------------------------------------------------- */

void sr_html_escape(sr_buf *b, const char *s, size_t n)
{
    size_t i = 0, run = 0; /* bytes [i - run, i) wait to be copied as they are */
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        size_t adv = 1;
        if (c < 0x80) {
            switch (c) {
            case '&': rep = "&amp;"; break;
            case '<': rep = "&lt;"; break;
            case '>': rep = "&gt;"; break;
            case '"': rep = "&quot;"; break;
            case '\'': rep = "&#39;"; break;
            case '\n': case '\t': break;
            case '\r': rep = ""; break;
            default:
                if (c < 0x20 || c == 0x7f)
                    rep = "\xEF\xBF\xBD";
            }
        } else {
            size_t j = i;
            int32_t cp = sr_utf8_decode(s, n, &j);
            adv = j - i;
            if (cp < 0 || (cp >= 0x80 && cp < 0xa0) || (cp >= 0xd800 && cp < 0xe000))
                rep = "\xEF\xBF\xBD";
        }
        if (rep) {
            sr_buf_put(b, s + i - run, run);
            sr_buf_puts(b, rep);
            run = 0;
        } else {
            run += adv;
        }
        i += adv;
    }
    sr_buf_put(b, s + i - run, run);
}

static void esc(sr_buf *b, const char *s)
{
    if (s)
        sr_html_escape(b, s, strlen(s));
}

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool jspan(const cJSON *o, size_t len, uint32_t *s, uint32_t *e)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "start");
    const cJSON *z = cJSON_GetObjectItemCaseSensitive(o, "end");
    if (!cJSON_IsNumber(a) || !cJSON_IsNumber(z) || a->valuedouble < 0 || z->valuedouble <= a->valuedouble ||
        z->valuedouble > (double)len)
        return false;
    *s = (uint32_t)a->valuedouble;
    *e = (uint32_t)z->valuedouble;
    return true;
}

/* ---- annotated text --------------------------------------------------------- */

enum { L_LINK = 0, L_QUOTE = 1 };
typedef struct hl {
    uint32_t s, e;
    uint8_t prio, layer;
    const char *cls;
    char href[40];
    const char *title; /* a tooltip, or NULL */
} hl;
typedef SR_VEC(hl) hl_vec;

static void add_hl(sr_arena *a, hl_vec *v, uint32_t s, uint32_t e, uint8_t prio, uint8_t layer,
                   const char *cls, const char *title, const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));
static void add_hl(sr_arena *a, hl_vec *v, uint32_t s, uint32_t e, uint8_t prio, uint8_t layer,
                   const char *cls, const char *title, const char *fmt, ...)
{
    hl *h = SR_VEC_PUSH(a, v);
    if (!h)
        return;
    h->s = s;
    h->e = e;
    h->prio = prio;
    h->layer = layer;
    h->cls = cls;
    h->title = title;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(h->href, sizeof h->href, fmt, ap);
    va_end(ap);
}

/* What an excerpt's highlights support: the incident's fields. */
typedef struct inc_ctx {
    uint32_t n;          /* the incident's number */
    const cJSON *ev;     /* its event in the record, or NULL */
    uint32_t ts, te;     /* its trigger, or 0 0 */
} inc_ctx;

static bool is_entity(const cJSON *o, const char *k, const char *id)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
    const char *e = jstr(x, "entity");
    return e && id && strcmp(e, id) == 0;
}

static const char *const entity_types[] = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"};
static const char *entity_cls(const char *t)
{
    static const char *const cls[] = {"ent e-per", "ent e-org", "ent e-gpe", "ent e-loc", "ent e-norp",
                                      "ent e-fac"};
    for (size_t i = 0; t && i < 6; i++)
        if (strcmp(t, entity_types[i]) == 0)
            return cls[i];
    return "ent";
}

/* The highlights of document k (its number) within [lo, hi). */
static void collect(sr_arena *a, hl_vec *v, const sr_rdoc *d, uint32_t k, uint32_t lo, uint32_t hi,
                    const inc_ctx *ic)
{
    const cJSON *j = d->json;
    size_t len = d->text_len;
    uint32_t s, e, i;
    const cJSON *x;
#define INSIDE (s >= lo && e <= hi)
    i = 0;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(j, "events")) {
        if (jspan(cJSON_GetObjectItemCaseSensitive(x, "trigger"), len, &s, &e) && INSIDE) {
            if (ic && s == ic->ts && e == ic->te)
                add_hl(a, v, s, e, 0, L_LINK, "trg this", "the event: its type", "#inc-%u-type", ic->n);
            else
                add_hl(a, v, s, e, 0, L_LINK, "trg", "an event", "#d%u-v%u", k, i);
        }
        i++;
    }
    const cJSON *ev = ic ? ic->ev : NULL;
    if (ev) {
        static const char *const sides[] = {"source", "target"};
        for (int sd = 0; sd < 2; sd++)
            if (jspan(cJSON_GetObjectItemCaseSensitive(ev, sides[sd]), len, &s, &e) && INSIDE)
                add_hl(a, v, s, e, 3, L_LINK, "act", "an actor of the incident", "#inc-%u-actors", ic->n);
    }
    const char *basis = jstr(cJSON_GetObjectItemCaseSensitive(ev, "date"), "basis");
    i = 0;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(j, "times")) {
        if (jspan(x, len, &s, &e) && INSIDE) {
            if (ic && basis && strcmp(basis, "text") == 0)
                add_hl(a, v, s, e, 1, L_LINK, "tim", "the incident's date", "#inc-%u-date", ic->n);
            else
                add_hl(a, v, s, e, 1, L_LINK, "tim", "a time", "#d%u-t%u", k, i);
        }
        i++;
    }
    i = 0;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(j, "quantities")) {
        if (jspan(x, len, &s, &e) && INSIDE) {
            const char *cas = jstr(x, "casualty");
            bool killed = cas && (strcmp(cas, "killed") == 0 || strcmp(cas, "dead") == 0 ||
                                  strcmp(cas, "died") == 0);
            if (ic && killed)
                add_hl(a, v, s, e, 2, L_LINK, "qty", "the incident's fatalities", "#inc-%u-fatalities", ic->n);
            else
                add_hl(a, v, s, e, 2, L_LINK, "qty", "a quantity", "#d%u-q%u", k, i);
        }
        i++;
    }
    i = 0;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(j, "entities")) {
        const char *id = jstr(x, "id"), *cls = entity_cls(jstr(x, "type"));
        const cJSON *m;
        bool loc = ev && is_entity(ev, "location", id);
        bool act = ev && (is_entity(ev, "source", id) || is_entity(ev, "target", id));
        cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(x, "mentions")) {
            if (!jspan(m, len, &s, &e) || !INSIDE)
                continue;
            if (loc)
                add_hl(a, v, s, e, 4, L_LINK, cls, "the incident's location", "#inc-%u-location", ic->n);
            else if (act)
                add_hl(a, v, s, e, 4, L_LINK, cls, "an actor of the incident", "#inc-%u-actors", ic->n);
            else
                add_hl(a, v, s, e, 4, L_LINK, cls, jstr(x, "type"), "#d%u-e%u", k, i);
        }
        i++;
    }
    i = 0;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(j, "quotes")) {
        if (jspan(x, len, &s, &e) && INSIDE)
            add_hl(a, v, s, e, 0, L_QUOTE, cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(x, "direct"))
                                               ? "quo rep" : "quo",
                   "a quote", "#d%u-quo%u", k, i);
        i++;
    }
#undef INSIDE
}

static int by_prio(const void *a, const void *b)
{
    const hl *x = a, *y = b;
    if (x->layer != y->layer)
        return x->layer < y->layer ? -1 : 1;
    if (x->prio != y->prio)
        return x->prio < y->prio ? -1 : 1;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    return x->e > y->e ? -1 : x->e < y->e;
}

typedef struct bound {
    uint32_t pos;
    uint8_t open;  /* 1 open, 0 close */
    uint8_t layer; /* quotes outside links */
    uint32_t h;
} bound;
static int by_pos(const void *a, const void *b)
{
    const bound *x = a, *y = b;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    if (x->open != y->open)
        return x->open < y->open ? -1 : 1; /* closes first */
    /* opens: the quote (outer) first; closes: the link (inner) first */
    if (x->layer != y->layer)
        return x->open ? (x->layer > y->layer ? -1 : 1) : (x->layer < y->layer ? -1 : 1);
    return 0;
}

/* Writes text[lo, hi) with its highlights: links never overlap one another,
 * quotes never overlap one another, and a link never crosses a quote's
 * edge, so the elements nest; the greedy choice takes triggers, times,
 * quantities, actors then entities. */
static void annotated(sr_buf *b, sr_arena *a, const sr_rdoc *d, uint32_t k, uint32_t lo, uint32_t hi,
                      const inc_ctx *ic)
{
    if (!d->text || hi <= lo || hi > d->text_len) {
        sr_buf_puts(b, "<span class=\"missing\">(no text)</span>");
        return;
    }
    hl_vec v = {0};
    collect(a, &v, d, k, lo, hi, ic);
    uint32_t n = hi - lo;
    uint8_t *used = sr_arena_calloc(a, n, 1);     /* byte taken by a link */
    uint16_t *quote = sr_arena_calloc(a, n, sizeof *quote); /* quote number + 1 */
    bool *keep = v.n ? sr_arena_calloc(a, v.n, 1) : NULL;
    bound *bs = v.n ? sr_arena_alloc(a, 2 * v.n * sizeof *bs) : NULL;
    if (!used || !quote || (v.n && (!keep || !bs))) {
        esc(b, "(out of memory)");
        return;
    }
    if (v.n)
        qsort(v.v, v.n, sizeof *v.v, by_prio);
    uint16_t nq = 0;
    for (uint32_t i = 0; i < v.n; i++) { /* quotes come after the links: layer order */
        hl *h = &v.v[i];
        if (h->layer != L_QUOTE)
            continue;
        bool free_ = true;
        for (uint32_t p = h->s; p < h->e && free_; p++)
            free_ = quote[p - lo] == 0;
        if (!free_ || nq == UINT16_MAX)
            continue;
        nq++;
        for (uint32_t p = h->s; p < h->e; p++)
            quote[p - lo] = nq;
        keep[i] = true;
    }
    for (uint32_t i = 0; i < v.n; i++) {
        hl *h = &v.v[i];
        if (h->layer != L_LINK)
            continue;
        bool ok = true;
        for (uint32_t p = h->s; p < h->e && ok; p++)
            ok = !used[p - lo] && quote[p - lo] == quote[h->s - lo];
        if (!ok)
            continue;
        for (uint32_t p = h->s; p < h->e; p++)
            used[p - lo] = 1;
        keep[i] = true;
    }
    uint32_t nb = 0;
    for (uint32_t i = 0; i < v.n; i++)
        if (keep[i]) {
            bs[nb++] = (bound){v.v[i].s, 1, v.v[i].layer, i};
            bs[nb++] = (bound){v.v[i].e, 0, v.v[i].layer, i};
        }
    if (nb)
        qsort(bs, nb, sizeof *bs, by_pos);
    uint32_t pos = lo;
    for (uint32_t i = 0; i < nb; i++) {
        const hl *h = &v.v[bs[i].h];
        if (bs[i].pos > pos) {
            sr_html_escape(b, d->text + pos, bs[i].pos - pos);
            pos = bs[i].pos;
        }
        if (bs[i].open) {
            if (h->layer == L_QUOTE) {
                sr_buf_printf(b, "<span class=\"%s\"><a class=\"qref\" href=\"%s\" title=\"%s\">&#8220;</a>",
                              h->cls, h->href, h->title);
            } else {
                sr_buf_printf(b, "<a class=\"m %s\" href=\"%s\"", h->cls, h->href);
                if (h->title) {
                    sr_buf_puts(b, " title=\"");
                    esc(b, h->title);
                    sr_buf_putc(b, '"');
                }
                sr_buf_putc(b, '>');
            }
        } else {
            sr_buf_puts(b, h->layer == L_QUOTE ? "</span>" : "</a>");
        }
    }
    if (hi > pos)
        sr_html_escape(b, d->text + pos, hi - pos);
}

/* ---- pieces ------------------------------------------------------------------ */

static const char *const type_names[] = {
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments", NULL /* other */};
#define NTYPES 7
static int type_index(const char *t)
{
    for (int i = 0; i < NTYPES - 1; i++)
        if (t && strcasecmp(t, type_names[i]) == 0)
            return i;
    return NTYPES - 1;
}

static void fatalities(sr_buf *b, const sr_incident *inc)
{
    if (inc->fat_best < 0) {
        sr_buf_puts(b, "<span class=\"na\">unknown</span>");
        return;
    }
    sr_buf_printf(b, "%lld", (long long)inc->fat_best);
    if (inc->fat_low >= 0 && inc->fat_high >= 0 && (inc->fat_low != inc->fat_best || inc->fat_high != inc->fat_best))
        sr_buf_printf(b, " <small>(%lld&#8211;%lld)</small>", (long long)inc->fat_low, (long long)inc->fat_high);
}

static void place(sr_buf *b, const sr_incident *inc)
{
    const char *parts[] = {inc->location, inc->admin1, inc->country};
    bool first = true;
    for (int i = 0; i < 3; i++) {
        bool again = false; /* "Nigeria, Nigeria", "BEIRUT, Beirut" */
        for (int k = 0; k < i && parts[i]; k++)
            again |= parts[k] && strcasecmp(parts[k], parts[i]) == 0;
        if (!parts[i] || again)
            continue;
        if (!first)
            sr_buf_puts(b, ", ");
        esc(b, parts[i]);
        first = false;
    }
    if (first)
        sr_buf_puts(b, "<span class=\"na\">unknown</span>");
}

static void actors(sr_buf *b, const sr_incident *inc)
{
    for (uint32_t i = 0; i < inc->n_actors; i++) {
        if (i)
            sr_buf_puts(b, "; ");
        esc(b, inc->actors[i]);
    }
    if (!inc->n_actors)
        sr_buf_puts(b, "<span class=\"na\">none named</span>");
}

static void type_label(sr_buf *b, const sr_incident *inc)
{
    sr_buf_printf(b, "<span class=\"sw t-%s\"></span>", sr_type_class(inc->event_type));
    if (inc->event_type)
        esc(b, inc->event_type);
    else
        sr_buf_puts(b, "<span class=\"na\">untyped</span>");
}

static void legend(sr_buf *b, const bool *present)
{
    sr_buf_puts(b, "<ul class=\"legend\">");
    for (int t = 0; t < NTYPES; t++) {
        if (!present[t])
            continue;
        sr_buf_printf(b, "<li><span class=\"sw t-%s\"></span>%s</li>", sr_type_class(type_names[t]),
                      type_names[t] ? type_names[t] : "Other (not an ACLED type)");
    }
    sr_buf_puts(b, "</ul>");
}

/* ---- the timeline ------------------------------------------------------------ */

static int64_t week_of(int64_t day) /* weeks start on Monday; 1970-01-01 was a Thursday */
{
    int64_t x = day + 3;
    return x >= 0 ? x / 7 : -((-x + 6) / 7);
}

static void day_label(char *out, size_t n, int64_t day, bool months)
{
    int y, m, d;
    sr_civil_from_days(day, &y, &m, &d);
    if (months)
        snprintf(out, n, "%04d-%02d", y, m);
    else
        snprintf(out, n, "%04d-%02d-%02d", y, m, d);
}

#define MAX_BUCKETS 400
static void timeline(sr_buf *b, const sr_report *r, const uint32_t *sel, uint32_t n)
{
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    uint32_t nday = 0;
    for (uint32_t k = 0; k < n; k++) {
        const sr_incident *inc = &r->inc.v[sel[k]];
        if (inc->day_from == INT64_MIN || inc->day_from != inc->day_to)
            continue;
        nday++;
        if (inc->day_from < lo) lo = inc->day_from;
        if (inc->day_from > hi) hi = inc->day_from;
    }
    if (!nday) {
        sr_buf_puts(b, "<p class=\"na\">No incident has a date to the day.</p>\n");
        return;
    }
    bool months = week_of(hi) - week_of(lo) > 156;
    int y, m, d;
    sr_civil_from_days(lo, &y, &m, &d);
    int64_t b0 = months ? (int64_t)y * 12 + (m - 1) : week_of(lo);
    sr_civil_from_days(hi, &y, &m, &d);
    int64_t b1 = months ? (int64_t)y * 12 + (m - 1) : week_of(hi);
    uint32_t older = 0;
    if (b1 - b0 + 1 > MAX_BUCKETS)
        b0 = b1 - MAX_BUCKETS + 1;
    if (b1 - b0 + 1 < 12) { /* a short span: bars of a readable width, the weeks around it */
        int64_t pad = 12 - (b1 - b0 + 1);
        b0 -= pad / 2;
        b1 += pad - pad / 2;
    }
    uint32_t nb = (uint32_t)(b1 - b0 + 1);
    uint32_t (*cnt)[NTYPES] = calloc(nb, sizeof *cnt);
    uint64_t (*fat)[NTYPES] = calloc(nb, sizeof *fat);
    if (!cnt || !fat) {
        free(cnt);
        free(fat);
        return;
    }
    bool present[NTYPES] = {0};
    for (uint32_t k = 0; k < n; k++) {
        const sr_incident *inc = &r->inc.v[sel[k]];
        if (inc->day_from == INT64_MIN || inc->day_from != inc->day_to)
            continue;
        sr_civil_from_days(inc->day_from, &y, &m, &d);
        int64_t bk = months ? (int64_t)y * 12 + (m - 1) : week_of(inc->day_from);
        if (bk < b0) {
            older++;
            continue;
        }
        int t = type_index(inc->event_type);
        present[t] = true;
        cnt[bk - b0][t]++;
        fat[bk - b0][t] += inc->fat_best > 0 ? (uint64_t)inc->fat_best : 0;
    }
    uint64_t maxc = 1, maxf = 1;
    for (uint32_t i = 0; i < nb; i++) {
        uint64_t sc = 0, sf = 0;
        for (int t = 0; t < NTYPES; t++) {
            sc += cnt[i][t];
            sf += fat[i][t];
        }
        if (sc > maxc) maxc = sc;
        if (sf > maxf) maxf = sf;
    }
    const double W = 960, L = 56, R = 12, PH = 120, GAP = 34, TOP = 16;
    double pw = W - L - R, bw = pw / nb;
    double H = TOP + 2 * PH + 2 * GAP;
    sr_buf_printf(b,
                  "<svg id=\"timeline-svg\" class=\"timeline\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                  "aria-label=\"Incidents and fatalities by %s\" xmlns=\"http://www.w3.org/2000/svg\">\n",
                  W, H, months ? "month" : "week");
    for (int panel = 0; panel < 2; panel++) {
        double top = TOP + panel * (PH + GAP);
        uint64_t mx = panel ? maxf : maxc;
        sr_buf_printf(b, "<text class=\"ptitle\" x=\"%.0f\" y=\"%.0f\">%s by %s</text>\n", L, top - 4,
                      panel ? "Fatalities (best estimate)" : "Incidents", months ? "month" : "week");
        sr_buf_printf(b, "<line class=\"axis\" x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\"/>\n", L,
                      top + PH, W - R, top + PH);
        sr_buf_printf(b, "<line class=\"tick\" x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\"/>\n", L, top,
                      W - R, top);
        sr_buf_printf(b, "<text class=\"ylab\" x=\"%.0f\" y=\"%.1f\">%llu</text>\n", L - 6, top + 4,
                      (unsigned long long)mx);
        sr_buf_printf(b, "<text class=\"ylab\" x=\"%.0f\" y=\"%.1f\">0</text>\n", L - 6, top + PH + 4);
        sr_buf_printf(b, "<g class=\"bars\" data-panel=\"%s\">\n", panel ? "fatalities" : "incidents");
        for (uint32_t i = 0; i < nb; i++) {
            double yb = top + PH;
            char lab[16];
            int64_t start = months ? sr_days_from_civil((int)((b0 + i) / 12), (int)((b0 + i) % 12) + 1, 1)
                                   : (b0 + i) * 7 - 3;
            day_label(lab, sizeof lab, start, months);
            for (int t = 0; t < NTYPES; t++) {
                uint64_t val = panel ? fat[i][t] : cnt[i][t];
                if (!val)
                    continue;
                double h = PH * (double)val / (double)mx;
                yb -= h;
                sr_buf_printf(b,
                              "<rect class=\"t-%s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\">"
                              "<title>%s %s: %llu %s, %s</title></rect>\n",
                              sr_type_class(type_names[t]), L + i * bw + (bw > 3 ? 0.5 : 0), yb,
                              bw > 3 ? bw - 1 : bw, h, months ? "month of" : "week of", lab,
                              (unsigned long long)val, panel ? "killed" : "incidents",
                              type_names[t] ? type_names[t] : "other");
            }
        }
        sr_buf_puts(b, "</g>\n");
    }
    /* dates under the lower panel, about six of them */
    uint32_t every = nb / 6 ? nb / 6 : 1;
    for (uint32_t i = 0; i < nb; i += every) {
        char lab[16];
        int64_t start = months ? sr_days_from_civil((int)((b0 + i) / 12), (int)((b0 + i) % 12) + 1, 1)
                               : (b0 + i) * 7 - 3;
        day_label(lab, sizeof lab, start, months);
        double x = L + i * bw + bw / 2;
        sr_buf_printf(b, "<text class=\"xlab\" x=\"%.1f\" y=\"%.0f\">%s</text>\n", x, H - 8, lab);
    }
    sr_buf_puts(b, "</svg>\n");
    legend(b, present);
    uint32_t undated = n - nday;
    if (undated || older) {
        sr_buf_puts(b, "<p class=\"note\">");
        if (undated)
            sr_buf_printf(b, "%u incident%s with a date to the month or year, or none, %s not drawn. ", undated,
                          undated == 1 ? "" : "s", undated == 1 ? "is" : "are");
        if (older)
            sr_buf_printf(b, "%u older incident%s before the first bar %s not drawn.", older,
                          older == 1 ? "" : "s", older == 1 ? "is" : "are");
        sr_buf_puts(b, "</p>\n");
    }
    free(cnt);
    free(fat);
}

/* ---- the page ---------------------------------------------------------------- */

static const char css[] =
    ":root{--ink:#1c2833;--muted:#5d6d7e;--rule:#d5d8dc;--paper:#fff;--sea:#eaf2f8;--land:#f4f1ea}"
    "*{box-sizing:border-box}"
    "body{margin:0 auto;max-width:1000px;padding:0 16px 40px;font:15px/1.5 'DejaVu Sans',Helvetica,Arial,sans-serif;"
    "color:var(--ink);background:var(--paper)}"
    "header{border-bottom:3px solid var(--ink);padding:18px 0 8px}"
    "h1{font-size:26px;margin:0}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid var(--rule)}"
    "h3{font-size:16px;margin:0 0 6px}h4{font-size:14px;margin:10px 0 4px;color:var(--muted)}"
    ".sub{margin:4px 0;color:var(--muted)}.na{color:var(--muted);font-style:italic}"
    "nav{font-size:14px;margin:8px 0}nav a{margin-right:14px}"
    "a{color:#1a5276}"
    ".stats{display:flex;gap:24px;flex-wrap:wrap;margin:10px 0}.stats div{font-size:13px;color:var(--muted)}"
    ".stats b{display:block;font-size:22px;color:var(--ink)}"
    ".map{width:100%;height:auto;display:block;border:1px solid var(--rule);background:var(--sea)}"
    ".map .sea{fill:var(--sea)}.map .grat{stroke:#d6e4ee;fill:none;vector-effect:non-scaling-stroke;stroke-width:.6}"
    ".map .countries path{fill:var(--land);stroke:#a6acaf;stroke-width:.6;vector-effect:non-scaling-stroke}"
    ".map .countries path.hit{fill:#e8e0cf}"
    ".map .labels text{fill:#7b7d7d;text-anchor:middle;font-style:italic}"
    ".map circle{fill-opacity:.72;stroke:#17202a;stroke-width:.7;vector-effect:non-scaling-stroke}"
    ".map circle.p3{stroke-dasharray:3 2}"
    ".timeline{width:100%;height:auto;display:block}"
    ".timeline .axis{stroke:#566573}.timeline .tick{stroke:var(--rule);stroke-dasharray:2 3}"
    ".timeline text{font-size:11px;fill:var(--muted)}.timeline .ylab{text-anchor:end}"
    ".timeline .xlab{text-anchor:middle}.timeline .ptitle{font-size:12px;fill:var(--ink);font-weight:bold}"
    ".legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px}"
    ".sw{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:5px;vertical-align:-1px;"
    "border:1px solid rgba(0,0,0,.35)}"
    ".note{font-size:13px;color:var(--muted)}"
    "table{border-collapse:collapse;width:100%;font-size:13.5px}"
    "th,td{text-align:left;padding:4px 6px;border-bottom:1px solid var(--rule);vertical-align:top}"
    "th{background:#f2f3f4;position:sticky;top:0}td.n{text-align:right;white-space:nowrap}td.d{white-space:nowrap}"
    "tbody tr:hover{background:#fbfcfc}"
    "form.filter{display:flex;gap:10px;flex-wrap:wrap;align-items:center;margin:6px 0 10px;font-size:14px}"
    "form.filter input,form.filter select{font:inherit;padding:3px 6px}"
    "article{border-top:1px solid var(--rule);padding:12px 0}"
    "dl{display:grid;grid-template-columns:110px 1fr;gap:2px 12px;margin:0;font-size:14px}"
    "dt{color:var(--muted)}dd{margin:0}dd:target,li:target{background:#fcf3cf}"
    "ol.reports{padding-left:20px}ol.reports li{margin:6px 0}"
    "blockquote{margin:4px 0;padding:6px 10px;border-left:3px solid var(--rule);background:#fbfcfc}"
    ".doctext{white-space:pre-wrap;font-size:14.5px;line-height:1.65;max-width:72ch}"
    ".m{color:inherit;text-decoration:none;border-radius:3px;padding:0 1px}"
    ".ent{background:#d6eaf8}.e-per{background:#d4e6f1}.e-org{background:#d1f2eb}"
    ".e-gpe,.e-loc,.e-fac{background:#e8daef}.e-norp{background:#fdebd0}"
    ".tim{background:#d5f5e3}.qty{background:#fad7a0}"
    ".trg{background:#f9e79f;font-weight:bold}.trg.this{outline:2px solid #b7950b}"
    ".act{border-bottom:2px dotted #1a5276}"
    ".quo{font-style:italic;background:#f2f3f4}.quo.rep{font-style:normal;background:none;"
    "border-bottom:1px dashed #95a5a6}.qref{text-decoration:none;color:var(--muted)}"
    ".fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:4px 20px;"
    "font-size:13px;margin-top:8px}.fields ul{margin:2px 0;padding-left:18px}"
    ".key{font-size:13px;color:var(--muted)}.key .m{margin-right:8px}"
    ".t-battles{background:#c0392b;fill:#c0392b}.t-explosions{background:#e67e22;fill:#e67e22}"
    ".t-vac{background:#8e44ad;fill:#8e44ad}.t-protests{background:#2874a6;fill:#2874a6}"
    ".t-riots{background:#148f77;fill:#148f77}.t-strategic{background:#707b7c;fill:#707b7c}"
    ".t-other{background:#b7950b;fill:#b7950b}"
    "footer{margin-top:30px;font-size:12px;color:var(--muted);border-top:1px solid var(--rule);padding-top:8px}"
    "@media print{body{max-width:none;font-size:11pt}nav,form.filter{display:none}"
    "a{color:inherit;text-decoration:none}th{position:static}"
    "article,tr,figure{break-inside:avoid}h2{break-after:avoid}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/* The table's filter, the map's dots following it; a marker for tests. */
static const char js[] =
    "(function(){var d=document,h=d.documentElement;"
    "window.addEventListener('error',function(){h.setAttribute('data-js-error','1')});"
    "var f=d.getElementById('filter');if(f){f.hidden=false;"
    "var rows=[].slice.call(d.querySelectorAll('#inc-table tbody tr')),"
    "dots={},out=d.getElementById('shown');"
    "[].forEach.call(d.querySelectorAll('#map-svg .dots a'),function(a){dots[a.getAttribute('href')]=a});"
    "var run=function(){var s=f.q.value.toLowerCase(),t=f.type.value,m=parseInt(f.fmin.value,10)||0,n=0;"
    "rows.forEach(function(r){var ok=(!s||r.textContent.toLowerCase().indexOf(s)>=0)&&"
    "(!t||r.getAttribute('data-type')===t)&&(+r.getAttribute('data-fat')>=m);r.hidden=!ok;if(ok)n++;"
    "var a=dots['#'+r.getAttribute('data-inc')];if(a)a.style.display=ok?'':'none'});"
    "out.textContent=n+' of '+rows.length+' shown'};"
    "f.addEventListener('input',run);f.addEventListener('submit',function(e){e.preventDefault()});run()}"
    "h.setAttribute('data-js','ok')})();";

static void head(sr_buf *b, const sr_report *r)
{
    sr_buf_puts(b,
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
                "<meta name=\"generator\" content=\"sitrep " SITREP_VERSION "\">\n<title>");
    esc(b, r->title ? r->title : "Situation report");
    sr_buf_puts(b, "</title>\n<style>");
    sr_buf_puts(b, css);
    sr_buf_puts(b, "</style>\n</head>\n<body>\n");
}

static void filters_line(sr_buf *b, const sr_filter *q)
{
    if (!q || !q->given)
        return;
    sr_buf_puts(b, "<p class=\"sub\">Filters: ");
    const struct { const char *name; const sr_strlist *l; } lists[] = {
        {"country", &q->country}, {"admin1", &q->admin1}, {"location", &q->location},
        {"event type", &q->event_type}, {"sub-event type", &q->sub_event_type},
        {"source", &q->source}, {"actor", &q->actor}};
    bool first = true;
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        if (!lists[i].l->n)
            continue;
        sr_buf_printf(b, "%s%s ", first ? "" : "; ", lists[i].name);
        for (uint32_t k = 0; k < lists[i].l->n; k++) {
            sr_buf_puts(b, k ? " or &#8220;" : "&#8220;");
            esc(b, lists[i].l->v[k]);
            sr_buf_puts(b, "&#8221;");
        }
        first = false;
    }
    if (q->has_date) {
        char a[16] = "", z[16] = "";
        if (q->date_from != INT64_MIN)
            day_label(a, sizeof a, q->date_from, false);
        if (q->date_to != INT64_MAX)
            day_label(z, sizeof z, q->date_to, false);
        sr_buf_printf(b, "%sdates %s&#8211;%s", first ? "" : "; ", a, z);
        first = false;
    }
    if (q->has_fatalities) {
        sr_buf_printf(b, "%sfatalities %lld", first ? "" : "; ", (long long)q->fatalities_min);
        if (q->fatalities_max >= 0)
            sr_buf_printf(b, "&#8211;%lld", (long long)q->fatalities_max);
        else
            sr_buf_puts(b, " or more");
        first = false;
    }
    if (q->has_bbox) {
        sr_buf_printf(b, "%sinside %.3f,%.3f,%.3f,%.3f", first ? "" : "; ", q->min_lon, q->min_lat, q->max_lon,
                      q->max_lat);
        first = false;
    }
    if (q->q) {
        sr_buf_printf(b, "%stext &#8220;", first ? "" : "; ");
        esc(b, q->q);
        sr_buf_puts(b, "&#8221;");
        first = false;
    }
    if (q->limit)
        sr_buf_printf(b, "%spage %u of %u a page", first ? "" : "; ", q->page ? q->page : 1, q->limit);
    sr_buf_puts(b, "</p>\n");
}

static void table(sr_buf *b, const sr_report *r, const uint32_t *sel, uint32_t n)
{
    bool present[NTYPES] = {0};
    for (uint32_t k = 0; k < n; k++)
        present[type_index(r->inc.v[sel[k]].event_type)] = true;
    sr_buf_puts(b,
                "<form id=\"filter\" class=\"filter\" hidden><label>Search <input name=\"q\" "
                "type=\"search\" placeholder=\"place, actor, words\"></label><label>Type <select "
                "name=\"type\"><option value=\"\">all</option>");
    for (int t = 0; t < NTYPES; t++)
        if (present[t])
            sr_buf_printf(b, "<option value=\"%s\">%s</option>", sr_type_class(type_names[t]),
                          type_names[t] ? type_names[t] : "Other");
    sr_buf_puts(b,
                "</select></label><label>Killed at least <input name=\"fmin\" type=\"number\" min=\"0\" "
                "value=\"0\" style=\"width:6em\"></label><output id=\"shown\"></output></form>\n");
    sr_buf_puts(b,
                "<table id=\"inc-table\">\n<thead><tr><th>#</th><th>Date</th><th>Type</th><th>Where</th>"
                "<th>Killed</th><th>Actors</th><th>Reports</th></tr></thead>\n<tbody>\n");
    for (uint32_t k = 0; k < n; k++) {
        const sr_incident *inc = &r->inc.v[sel[k]];
        uint32_t no = sel[k] + 1;
        sr_buf_printf(b, "<tr data-inc=\"inc-%u\" data-type=\"%s\" data-fat=\"%lld\"><td class=\"n\"><a href=\"#inc-%u\">%u</a></td><td class=\"d\">",
                      no, sr_type_class(inc->event_type), (long long)(inc->fat_best > 0 ? inc->fat_best : 0),
                      no, no);
        if (inc->date)
            esc(b, inc->date);
        else
            sr_buf_puts(b, "<span class=\"na\">none</span>");
        sr_buf_puts(b, "</td><td>");
        type_label(b, inc);
        if (inc->sub_event_type) {
            sr_buf_puts(b, "<br><small>");
            esc(b, inc->sub_event_type);
            sr_buf_puts(b, "</small>");
        }
        sr_buf_puts(b, "</td><td>");
        place(b, inc);
        sr_buf_puts(b, "</td><td class=\"n\">");
        fatalities(b, inc);
        sr_buf_puts(b, "</td><td>");
        actors(b, inc);
        sr_buf_printf(b, "</td><td class=\"n\">%u</td></tr>\n", inc->n_reports);
    }
    sr_buf_puts(b, "</tbody>\n</table>\n");
}

static void incident_detail(sr_buf *b, sr_arena *a, const sr_report *r, uint32_t idx)
{
    const sr_incident *inc = &r->inc.v[idx];
    uint32_t no = idx + 1;
    sr_buf_printf(b, "<article id=\"inc-%u\" class=\"incident\">\n<h3>%u. ", no, no);
    esc(b, inc->event_type ? inc->event_type : "Event");
    if (inc->location || inc->country) {
        sr_buf_puts(b, " in ");
        esc(b, inc->location ? inc->location : inc->country);
    }
    if (inc->date) {
        sr_buf_puts(b, ", ");
        esc(b, inc->date);
    }
    sr_buf_puts(b, "</h3>\n<dl>\n");
    sr_buf_printf(b, "<dt>Type</dt><dd id=\"inc-%u-type\">", no);
    type_label(b, inc);
    if (inc->sub_event_type) {
        sr_buf_puts(b, " &#8250; ");
        esc(b, inc->sub_event_type);
    }
    sr_buf_printf(b, "</dd>\n<dt>Date</dt><dd id=\"inc-%u-date\">", no);
    if (inc->date) {
        esc(b, inc->date);
        if (inc->date_precision) {
            sr_buf_puts(b, " <small>(to the ");
            esc(b, inc->date_precision);
            sr_buf_puts(b, ")</small>");
        }
    } else {
        sr_buf_puts(b, "<span class=\"na\">unknown</span>");
    }
    sr_buf_printf(b, "</dd>\n<dt>Where</dt><dd id=\"inc-%u-location\">", no);
    place(b, inc);
    if (inc->has_geo)
        sr_buf_printf(b, " <small>(%.4f, %.4f%s%s)</small>", inc->lat, inc->lon,
                      inc->geo_precision ? "; precision " : "",
                      inc->geo_precision == 1 ? "1, the place" : inc->geo_precision == 2 ? "2, near it"
                      : inc->geo_precision == 3 ? "3, the region" : "");
    sr_buf_printf(b, "</dd>\n<dt>Killed</dt><dd id=\"inc-%u-fatalities\">", no);
    fatalities(b, inc);
    sr_buf_printf(b, "</dd>\n<dt>Actors</dt><dd id=\"inc-%u-actors\">", no);
    actors(b, inc);
    sr_buf_printf(b, "</dd>\n<dt>Reported</dt><dd>%u source%s, %u article%s", inc->n_sources,
                  inc->n_sources == 1 ? "" : "s", inc->n_articles, inc->n_articles == 1 ? "" : "s");
    if (inc->first_reported) {
        sr_buf_puts(b, "; first ");
        esc(b, inc->first_reported);
        if (inc->last_reported && strcmp(inc->last_reported, inc->first_reported) != 0) {
            sr_buf_puts(b, ", last ");
            esc(b, inc->last_reported);
        }
    }
    sr_buf_puts(b, "</dd>\n</dl>\n<h4>Reports</h4>\n<ol class=\"reports\">\n");
    for (uint32_t k = 0; k < inc->n_reports; k++) {
        const sr_inc_report *x = &inc->reports[k];
        sr_buf_puts(b, "<li>");
        const sr_rdoc *d = x->doc >= 0 ? &r->docs.v[x->doc] : NULL;
        if (d)
            sr_buf_printf(b, "<a href=\"#doc-%d\">", x->doc + 1);
        esc(b, d && d->title ? d->title : x->doc_id ? x->doc_id : "a report");
        if (d)
            sr_buf_puts(b, "</a>");
        const char *src = x->source ? x->source : d ? d->source : NULL;
        if (src) {
            sr_buf_puts(b, " &#183; ");
            esc(b, src);
        }
        if (d && d->published) {
            sr_buf_puts(b, " &#183; ");
            esc(b, d->published);
        }
        if (d && x->evidence.end > x->evidence.start) {
            const cJSON *ev = x->event >= 0
                                  ? cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(d->json, "events"), x->event)
                                  : NULL;
            inc_ctx ic = {no, ev, x->trigger.start, x->trigger.end};
            sr_buf_puts(b, "\n<blockquote class=\"evidence\">");
            annotated(b, a, d, (uint32_t)x->doc + 1, x->evidence.start, x->evidence.end, &ic);
            sr_buf_puts(b, "</blockquote>");
        } else if (!d) {
            sr_buf_puts(b, " <span class=\"na\">(its record is not in this report)</span>");
        }
        sr_buf_puts(b, "</li>\n");
    }
    sr_buf_puts(b, "</ol>\n</article>\n");
}

/* A document: its text annotated, then its fields, each an anchor its
 * highlights point to. */
typedef struct evinc { uint32_t doc, ev, inc; } evinc;
static int by_evinc(const void *a, const void *b)
{
    const evinc *x = a, *y = b;
    if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
    if (x->ev != y->ev) return x->ev < y->ev ? -1 : 1;
    return (x->inc > y->inc) - (x->inc < y->inc);
}

static void snippet(sr_buf *b, const sr_rdoc *d, const cJSON *o, size_t max)
{
    uint32_t s, e;
    if (!d->text || !jspan(o, d->text_len, &s, &e))
        return;
    size_t n = e - s;
    bool cut = n > max;
    if (cut) {
        n = max;
        while (n > 0 && ((unsigned char)d->text[s + n] & 0xC0) == 0x80)
            n--; /* not inside a character */
    }
    sr_buf_puts(b, "&#8220;");
    sr_html_escape(b, d->text + s, n);
    sr_buf_puts(b, cut ? "&#8230;&#8221;" : "&#8221;");
}

static void document(sr_buf *b, sr_arena *a, const sr_report *r, uint32_t di, const evinc *ei, size_t nei)
{
    const sr_rdoc *d = &r->docs.v[di];
    uint32_t k = di + 1;
    const cJSON *j = d->json;
    sr_buf_printf(b, "<article id=\"doc-%u\" class=\"document\">\n<h3>", k);
    esc(b, d->title ? d->title : d->id);
    sr_buf_puts(b, "</h3>\n<p class=\"sub\">");
    esc(b, d->id);
    if (d->source) {
        sr_buf_puts(b, " &#183; ");
        esc(b, d->source);
    }
    if (d->published) {
        sr_buf_puts(b, " &#183; ");
        esc(b, d->published);
    }
    if (d->url) {
        sr_buf_puts(b, " &#183; <span class=\"url\">");
        esc(b, d->url);
        sr_buf_puts(b, "</span>");
    }
    sr_buf_puts(b, "</p>\n<div class=\"doctext\">");
    annotated(b, a, d, k, 0, (uint32_t)d->text_len, NULL);
    sr_buf_puts(b, "</div>\n<div class=\"fields\">\n");
    const cJSON *x;
    uint32_t i;
    /* entities */
    sr_buf_puts(b, "<div><h4>Entities</h4><ul>");
    i = 0;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(j, "entities")) {
        sr_buf_printf(b, "<li id=\"d%u-e%u\"><span class=\"m %s\">", k, i, entity_cls(jstr(x, "type")));
        esc(b, jstr(x, "name"));
        sr_buf_puts(b, "</span> <small>");
        esc(b, jstr(x, "type"));
        const char *role = jstr(x, "role"), *title = jstr(x, "title");
        if (title) { sr_buf_puts(b, " &#183; "); esc(b, title); }
        if (role) { sr_buf_puts(b, " &#183; "); esc(b, role); }
        const cJSON *geo = cJSON_GetObjectItemCaseSensitive(x, "geo");
        const char *gp = jstr(geo, "place");
        if (gp) { sr_buf_puts(b, " &#183; "); esc(b, gp); }
        int nm = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(x, "mentions"));
        sr_buf_printf(b, " &#183; %d mention%s</small></li>", nm, nm == 1 ? "" : "s");
        i++;
    }
    if (!i) sr_buf_puts(b, "<li class=\"na\">none</li>");
    sr_buf_puts(b, "</ul></div>\n<div><h4>Times</h4><ul>");
    i = 0;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(j, "times")) {
        sr_buf_printf(b, "<li id=\"d%u-t%u\">", k, i);
        snippet(b, d, x, 60);
        sr_buf_puts(b, " <small>");
        esc(b, jstr(x, "type"));
        sr_buf_puts(b, "</small> ");
        esc(b, jstr(x, "value"));
        sr_buf_puts(b, "</li>");
        i++;
    }
    if (!i) sr_buf_puts(b, "<li class=\"na\">none</li>");
    sr_buf_puts(b, "</ul></div>\n<div><h4>Quantities</h4><ul>");
    i = 0;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(j, "quantities")) {
        sr_buf_printf(b, "<li id=\"d%u-q%u\">", k, i);
        snippet(b, d, x, 60);
        const cJSON *val = cJSON_GetObjectItemCaseSensitive(x, "value");
        const cJSON *mn = cJSON_GetObjectItemCaseSensitive(x, "min"), *mxj = cJSON_GetObjectItemCaseSensitive(x, "max");
        if (cJSON_IsNumber(val))
            sr_buf_printf(b, " = %g", val->valuedouble);
        else if (cJSON_IsNumber(mn) && cJSON_IsNumber(mxj))
            sr_buf_printf(b, " = %g&#8211;%g", mn->valuedouble, mxj->valuedouble);
        const char *unit = jstr(x, "unit"), *cas = jstr(x, "casualty");
        if (unit) { sr_buf_puts(b, " "); esc(b, unit); }
        if (cas) { sr_buf_puts(b, ", "); esc(b, cas); }
        sr_buf_puts(b, "</li>");
        i++;
    }
    if (!i) sr_buf_puts(b, "<li class=\"na\">none</li>");
    sr_buf_puts(b, "</ul></div>\n<div><h4>Quotes</h4><ul>");
    i = 0;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(j, "quotes")) {
        sr_buf_printf(b, "<li id=\"d%u-quo%u\">", k, i);
        const char *who = jstr(x, "speaker_text");
        esc(b, who ? who : "unknown speaker");
        sr_buf_puts(b, cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(x, "direct")) ? " (reported): " : ": ");
        snippet(b, d, x, 90);
        sr_buf_puts(b, "</li>");
        i++;
    }
    if (!i) sr_buf_puts(b, "<li class=\"na\">none</li>");
    sr_buf_puts(b, "</ul></div>\n<div><h4>Events</h4><ul>");
    i = 0;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(j, "events")) {
        sr_buf_printf(b, "<li id=\"d%u-v%u\">", k, i);
        const cJSON *pl = cJSON_GetObjectItemCaseSensitive(x, "plover");
        const cJSON *ac = cJSON_GetObjectItemCaseSensitive(x, "acled");
        const cJSON *tr = cJSON_GetObjectItemCaseSensitive(x, "trigger");
        sr_buf_puts(b, "<b>");
        esc(b, jstr(tr, "text"));
        sr_buf_puts(b, "</b> ");
        esc(b, jstr(pl, "type"));
        if (jstr(ac, "event_type")) {
            sr_buf_puts(b, " &#183; ");
            esc(b, jstr(ac, "event_type"));
        }
        const char *mod = jstr(x, "modality");
        if (mod && strcmp(mod, "asserted") != 0) {
            sr_buf_puts(b, " <small>(");
            esc(b, mod);
            sr_buf_puts(b, ")</small>");
        }
        /* the incidents it is a report of */
        evinc key = {di, i, 0};
        size_t lo = 0, hi = nei;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (by_evinc(&ei[mid], &key) < 0) lo = mid + 1;
            else hi = mid;
        }
        for (; lo < nei && ei[lo].doc == di && ei[lo].ev == i; lo++)
            sr_buf_printf(b, " &#8594; <a href=\"#inc-%u\">incident %u</a>", ei[lo].inc + 1, ei[lo].inc + 1);
        sr_buf_puts(b, "</li>");
        i++;
    }
    if (!i) sr_buf_puts(b, "<li class=\"na\">none</li>");
    sr_buf_puts(b, "</ul></div>\n</div>\n</article>\n");
}

#define REPORT_MAX 5000

void sr_report_html(const sr_report *r, const sr_filter *q, sr_buf *b)
{
    sr_arena a;
    sr_arena_init(&a);
    uint32_t *sel = r->inc.n ? malloc(r->inc.n * sizeof *sel) : NULL;
    uint32_t n = 0, matched = 0;
    /* incidents the store chose are shown as they are (filtered and paged
     * there); else the filters and the page are applied here */
    uint64_t skip = !r->selected && q && q->limit ? (uint64_t)(q->page ? q->page - 1 : 0) * q->limit : 0;
    uint32_t cap = !r->selected && q && q->limit ? q->limit : REPORT_MAX;
    for (uint32_t i = 0; i < r->inc.n && sel; i++) {
        if (!r->selected && !sr_incident_matches(r, &r->inc.v[i], q))
            continue;
        matched++;
        if (skip) {
            skip--;
            continue;
        }
        if (n < cap)
            sel[n++] = i;
    }
    head(b, r);
    sr_buf_puts(b, "<header>\n<h1>");
    esc(b, r->title ? r->title : "Situation report");
    sr_buf_puts(b, "</h1>\n");
    /* figures */
    uint64_t killed = 0;
    int64_t d0 = INT64_MAX, d1 = INT64_MIN;
    bool *docs = r->docs.n ? calloc(r->docs.n, 1) : NULL;
    uint32_t ndocs = 0;
    for (uint32_t k = 0; k < n; k++) {
        const sr_incident *inc = &r->inc.v[sel[k]];
        killed += inc->fat_best > 0 ? (uint64_t)inc->fat_best : 0;
        if (inc->day_from != INT64_MIN) {
            if (inc->day_from < d0) d0 = inc->day_from;
            if (inc->day_to > d1) d1 = inc->day_to;
        }
        for (uint32_t x = 0; x < inc->n_reports && docs; x++)
            if (inc->reports[x].doc >= 0 && !docs[inc->reports[x].doc]) {
                docs[inc->reports[x].doc] = true;
                ndocs++;
            }
    }
    char from[16] = "", to[16] = "";
    if (d0 != INT64_MAX) {
        day_label(from, sizeof from, d0, false);
        day_label(to, sizeof to, d1, false);
    }
    sr_buf_printf(b,
                  "<div class=\"stats\"><div><b id=\"n-incidents\">%u</b>incidents%s</div><div><b>%llu</b>killed "
                  "(best estimates)</div><div><b>%u</b>documents</div><div><b>%s%s%s</b>dates</div></div>\n",
                  n, matched > n || (r->selected && r->total > n) ? " shown" : "", (unsigned long long)killed, ndocs, from[0] ? from : "&#8211;",
                  from[0] && strcmp(from, to) ? " &#8211; " : "", from[0] && strcmp(from, to) ? to : "");
    if (r->selected && r->total > n)
        sr_buf_printf(b, "<p class=\"sub\">%llu incidents match; this page shows %u of them, from number %llu.</p>\n",
                      (unsigned long long)r->total, n, (unsigned long long)r->first + 1);
    else if (matched > n)
        sr_buf_printf(b, "<p class=\"sub\">%u incidents match; this page shows %u.</p>\n", matched, n);
    filters_line(b, q);
    if (r->n_bad)
        sr_buf_printf(b, "<p class=\"note\">%u input line%s could not be read and %s left out.</p>\n", r->n_bad,
                      r->n_bad == 1 ? "" : "s", r->n_bad == 1 ? "was" : "were");
    sr_buf_puts(b,
                "<nav><a href=\"#map\">Map</a><a href=\"#timeline\">Timeline</a><a href=\"#incidents\">"
                "Incidents</a><a href=\"#details\">Reports</a><a href=\"#documents\">Documents</a></nav>\n"
                "</header>\n");
    /* map */
    bool present[NTYPES] = {0};
    for (uint32_t k = 0; k < n; k++)
        present[type_index(r->inc.v[sel[k]].event_type)] = true;
    sr_buf_puts(b, "<section id=\"map\">\n<h2>Map</h2>\n<figure style=\"margin:0\">\n");
    sr_map_svg(b, r, sel, n);
    sr_buf_puts(b, "<figcaption>");
    legend(b, present);
    uint32_t nogeo = 0;
    for (uint32_t k = 0; k < n; k++)
        nogeo += !r->inc.v[sel[k]].has_geo;
    sr_buf_puts(b, "<p class=\"note\">A circle's area grows with the fatalities; a dashed edge: placed "
                   "only to the region.");
    if (nogeo)
        sr_buf_printf(b, " %u incident%s without coordinates %s not on the map.", nogeo, nogeo == 1 ? "" : "s",
                      nogeo == 1 ? "is" : "are");
    sr_buf_puts(b, " Borders: Natural Earth 1:110m (world-atlas 2.0.2).</p></figcaption>\n</figure>\n</section>\n");
    /* timeline */
    sr_buf_puts(b, "<section id=\"timeline\">\n<h2>Timeline</h2>\n");
    timeline(b, r, sel, n);
    sr_buf_puts(b, "</section>\n");
    /* table */
    sr_buf_puts(b, "<section id=\"incidents\">\n<h2>Incidents</h2>\n");
    if (n)
        table(b, r, sel, n);
    else
        sr_buf_puts(b, "<p class=\"na\">No incident matches.</p>\n");
    sr_buf_puts(b, "</section>\n");
    /* details */
    sr_buf_puts(b, "<section id=\"details\">\n<h2>Reports of each incident</h2>\n<p class=\"key\">In the text: "
                   "<span class=\"m trg\">event</span><span class=\"m ent\">name</span><span class=\"m tim\">"
                   "time</span><span class=\"m qty\">quantity</span><span class=\"m act\">actor</span><span "
                   "class=\"m quo\">quote</span>&#8212; each a link to the field it supports.</p>\n");
    for (uint32_t k = 0; k < n; k++) {
        incident_detail(b, &a, r, sel[k]);
        sr_arena_reset(&a);
    }
    sr_buf_puts(b, "</section>\n");
    /* documents */
    sr_buf_puts(b, "<section id=\"documents\">\n<h2>Documents</h2>\n");
    size_t nei = 0;
    for (uint32_t k = 0; k < n; k++)
        nei += r->inc.v[sel[k]].n_reports;
    evinc *ei = nei ? malloc(nei * sizeof *ei) : NULL;
    nei = 0;
    for (uint32_t k = 0; k < n && ei; k++) {
        const sr_incident *inc = &r->inc.v[sel[k]];
        for (uint32_t x = 0; x < inc->n_reports; x++)
            if (inc->reports[x].doc >= 0 && inc->reports[x].event >= 0)
                ei[nei++] = (evinc){(uint32_t)inc->reports[x].doc, (uint32_t)inc->reports[x].event, sel[k]};
    }
    if (nei)
        qsort(ei, nei, sizeof *ei, by_evinc);
    for (uint32_t di = 0; di < r->docs.n && docs; di++) {
        if (!docs[di])
            continue;
        document(b, &a, r, di, ei, nei);
        sr_arena_reset(&a);
    }
    if (!ndocs)
        sr_buf_puts(b, "<p class=\"na\">No document records in this report.</p>\n");
    sr_buf_puts(b, "</section>\n<footer>Made by sitrep " SITREP_VERSION " (record schema " SITREP_SCHEMA
                   "). Every highlight is what the extractor read; the page loads nothing from the network."
                   "</footer>\n<script>");
    sr_buf_puts(b, js);
    sr_buf_puts(b, "</script>\n</body>\n</html>\n");
    free(ei);
    free(docs);
    free(sel);
    sr_arena_free(&a);
}
