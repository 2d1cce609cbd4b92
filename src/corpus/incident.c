/*
 * incident.c: events of different reports merged into incidents.
 *
 * Two events report one happening when (sr_incident_compatible):
 *   - their merge keys agree (the same ACLED event type, else the same
 *     CAMEO root);
 *   - their dates are within a window that depends on their precision:
 *     the same day when both dates were read from the texts, two days when
 *     either was only the publication date, overlapping when either is a
 *     month;
 *   - their places do not contradict: the same country, and within the
 *     distance of the coarser precision (25 km for a town, 50 km near a
 *     town, 100 km for a region; a country-level place only by its code);
 *   - their actors do not contradict (ACLED's actors are undirected, so
 *     the pairing may cross when a name is found on the other side), and
 *     something beyond type, place and day ties them: the same town (both
 *     at town precision) on the same day, a name (an entity) in common in
 *     the same country on the same day, or the same article.
 * Near-duplicate articles relax the last two: their events of one type
 * join unless their actors or places contradict.
 *
 * An incident is a connected component of that relation: a new event joins
 * every incident holding an event compatible with it, and those incidents
 * become one.  Components do not depend on the order events arrive in; the
 * summary of an incident is recomputed from its reports, sorted by
 * publication, so it does not either.  Candidates come from an index on
 * (merge key, first day) and a box around the place, never from the whole
 * store.  Merges run under the corpus's link lock (store.c), so a merge
 * sees every event merged before it, whichever worker stored it, and two
 * workers never merge into the same incidents at once.
 */
#include "corpus/corpus.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_CANDIDATES 400
#define MAX_LINKS 16

/* ---- the rule ---------------------------------------------------------------- */

static double km(double la1, double lo1, double la2, double lo2)
{
    const double r = M_PI / 180;
    double dla = (la2 - la1) * r, dlo = (lo2 - lo1) * r;
    double h = sin(dla / 2) * sin(dla / 2) + cos(la1 * r) * cos(la2 * r) * sin(dlo / 2) * sin(dlo / 2);
    return 2 * 6371 * asin(fmin(1.0, sqrt(h)));
}

static int radius_km(int precision)
{
    return precision <= 1 ? 25 : precision == 2 ? 50 : 100;
}

/* A_MIXED: a name and a common noun, which may be one actor when the
 * reports are tied by something else */
enum { A_NONE, A_OPEN, A_MIXED, A_AGREE, A_DIFFER };

static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* Is the shorter name inside the longer, at word boundaries (any case)? */
static bool names_overlap(const char *a, const char *b)
{
    char x[160], y[160];
    size_t na = 0, nb = 0;
    for (const char *s = a; *s && na < sizeof x - 1; s++)
        x[na++] = (char)((*s >= 'A' && *s <= 'Z') ? *s + 32 : *s);
    for (const char *s = b; *s && nb < sizeof y - 1; s++)
        y[nb++] = (char)((*s >= 'A' && *s <= 'Z') ? *s + 32 : *s);
    x[na] = y[nb] = 0;
    const char *s = x, *l = y;
    size_t ns = na, nl = nb;
    if (!strncmp(s, "the ", 4)) { s += 4; ns -= 4; }
    if (!strncmp(l, "the ", 4)) { l += 4; nl -= 4; }
    if (ns > nl) {
        const char *t = s; s = l; l = t;
        size_t tn = ns; ns = nl; nl = tn;
    }
    if (ns < 3)
        return false;
    for (const char *p = strstr(l, s); p; p = strstr(p + 1, s))
        if ((p == l || !word_char(p[-1])) && !word_char(p[ns]))
            return true;
    return false;
}

/* Two actors as the reports name them.  Names (entities) tie reports
 * together when one is within the other ("Boko Haram" and "Boko Haram
 * fighters") and set them apart when they differ; a common noun
 * ("residents", "gunmen") only says the actors may be one; two different
 * common nouns ("teachers", "taxi drivers") set them apart.  A code alone
 * (USAGOV: any official) never ties two reports. */
static int actor_match(const char *n1, const char *c1, const char *cc1, const char *s1, bool p1, const char *n2,
                       const char *c2, const char *cc2, const char *s2, bool p2)
{
    bool k1 = n1[0] || c1[0], k2 = n2[0] || c2[0];
    if (!k1 && !k2)
        return A_NONE;
    if (!k1 || !k2)
        return A_OPEN;
    if (n1[0] && n2[0] && names_overlap(n1, n2))
        return p1 && p2 ? A_AGREE : A_OPEN;
    if (p1 != p2)
        return A_MIXED;
    if (c1[0] && !strcmp(c1, c2))
        return A_OPEN;
    /* one code refines the other (NGA, NGAMIL), or a sector without a country */
    if (c1[0] && c2[0] && (!strncmp(c1, c2, strlen(c1)) || !strncmp(c2, c1, strlen(c2))))
        return A_OPEN;
    if (s1[0] && !strcmp(s1, s2) && (!cc1[0] || !cc2[0] || !strcmp(cc1, cc2)))
        return A_OPEN;
    return A_DIFFER;
}

const char *sr_incident_compatible(const sr_cand *a, const sr_cand *b, bool neardup, char *why, size_t n)
{
    if (!a->mkey[0] || strcmp(a->mkey, b->mkey))
        return NULL;
    size_t w = (size_t)snprintf(why, n, "%s: same type %s", neardup ? "near-duplicate articles" : "reports agree",
                                a->mkey);
#define ADD(...) (w += (w < n ? (size_t)snprintf(why + w, n - w, __VA_ARGS__) : 0))
    /* dates */
    bool da = a->date_precision >= 0 && a->day_last >= a->day_first && a->day_first > -1000000,
         db = b->date_precision >= 0 && b->day_last >= b->day_first && b->day_first > -1000000;
    bool day_both = da && db && a->date_precision == SR_PREC_DAY && b->date_precision == SR_PREC_DAY;
    if (da && db) {
        int64_t lo = a->day_first > b->day_first ? a->day_first : b->day_first;
        int64_t hi = a->day_last < b->day_last ? a->day_last : b->day_last;
        int64_t gap = lo > hi ? lo - hi : 0;
        int64_t limit = neardup ? 3
                        : day_both ? (a->date_basis == SR_DATE_TEXT && b->date_basis == SR_DATE_TEXT ? 0 : 2)
                                   : 0;
        if (gap > limit)
            return NULL;
        ADD("; dates %lld day(s) apart (limit %lld)", (long long)gap, (long long)limit);
    } else if (!neardup) {
        return NULL;
    }
    /* places */
    bool specific = false;
    if (a->cc[0] && b->cc[0] && strcmp(a->cc, b->cc))
        return NULL;
    if (a->has_coords && b->has_coords && a->feature != SR_FEATURE_COUNTRY && b->feature != SR_FEATURE_COUNTRY) {
        int prec = a->geo_precision > b->geo_precision ? a->geo_precision : b->geo_precision;
        int limit = radius_km(prec);
        double d = km(a->lat, a->lon, b->lat, b->lon);
        if (d > limit)
            return NULL;
        specific = a->feature == SR_FEATURE_CITY && b->feature == SR_FEATURE_CITY && a->geo_precision == 1 &&
                   b->geo_precision == 1;
        ADD("; places %.0f km apart (limit %d km)", d, limit);
    } else if (a->cc[0] && b->cc[0]) {
        ADD("; same country %s", a->cc);
    }
    /* actors, either pairing */
#define A1(x) (x)->a1, (x)->a1code, (x)->a1cc, (x)->a1sec, (x)->a1named
#define A2(x) (x)->a2, (x)->a2code, (x)->a2cc, (x)->a2sec, (x)->a2named
    int m11 = actor_match(A1(a), A1(b)), m22 = actor_match(A2(a), A2(b));
    int m12 = actor_match(A1(a), A2(b)), m21 = actor_match(A2(a), A1(b));
#undef A1
#undef A2
    int ag_s = (m11 == A_AGREE) + (m22 == A_AGREE), ag_c = (m12 == A_AGREE) + (m21 == A_AGREE);
    /* crossing is for a name found on the other side, not a way around a
     * contradiction through an empty slot */
    bool straight = m11 != A_DIFFER && m22 != A_DIFFER, crossed = ag_c > 0 && m12 != A_DIFFER && m21 != A_DIFFER;
    if (!straight && !crossed)
        return NULL;
    bool cross = !straight || (crossed && ag_c > ag_s);
    int agree = cross ? ag_c : ag_s;
    bool mixed = cross ? (m12 == A_MIXED || m21 == A_MIXED) : (m11 == A_MIXED || m22 == A_MIXED);
    if (agree) {
        /* the same words whichever of the two is a: of the agreeing pairs,
         * each written smaller name first, the smallest */
        const char *pr[2][2] = {{a->a1, cross ? b->a2 : b->a1}, {a->a2, cross ? b->a1 : b->a2}};
        bool ag[2] = {(cross ? m12 : m11) == A_AGREE, (cross ? m21 : m22) == A_AGREE};
        const char *x = NULL, *y = NULL;
        for (int k = 0; k < 2; k++) {
            if (!ag[k])
                continue;
            const char *u = pr[k][0], *v = pr[k][1];
            if (strcmp(u, v) > 0) {
                const char *t = u; u = v; v = t;
            }
            if (!x || strcmp(u, x) < 0 || (!strcmp(u, x) && strcmp(v, y) < 0)) {
                x = u;
                y = v;
            }
        }
        ADD("; actors agree: %s = %s", x[0] ? x : "?", y[0] ? y : "?");
    }
    if (!neardup) {
        /* Type, place and day alone do not make one incident: the same town
         * on the same day, or an actor named in both in the same country
         * on the same day. */
        bool same_country = a->cc[0] && b->cc[0];
        bool same_doc = a->doc == b->doc;
        if (!(specific && (day_both || agree)) && !(agree && same_country && day_both) && !(same_doc && day_both))
            return NULL;
        /* a name against a common noun needs a name in common, or one article */
        if (mixed && !agree && !same_doc)
            return NULL;
        if (same_doc && !agree && !specific)
            ADD("; the same article, nothing contradicting");
        else if (!agree)
            ADD("; same town, no actor named differently");
    }
#undef ADD
    return why;
}

/* ---- candidates from the store ----------------------------------------------- */

#define CAND_COLS                                                                                              \
    "e.id, e.doc, e.incident, e.mkey, e.a1_name, e.a1_code, e.a1_country, e.a1_sector, e.a2_name, e.a2_code,"  \
    " e.a2_country, e.a2_sector, e.cc, e.has_coords, e.lat, e.lon, e.geo_precision, e.feature, e.day_first,"  \
    " e.day_last, e.date_precision, e.date_basis, e.a1_named, e.a2_named"

static void cand_from(const sr_rows *r, sr_cand *c)
{
    memset(c, 0, sizeof *c);
    c->id = sr_rows_int(r, 0);
    c->doc = sr_rows_int(r, 1);
    c->incident = sr_rows_null(r, 2) ? 0 : sr_rows_int(r, 2);
    snprintf(c->mkey, sizeof c->mkey, "%s", sr_rows_text(r, 3));
    snprintf(c->a1, sizeof c->a1, "%s", sr_rows_text(r, 4));
    snprintf(c->a1code, sizeof c->a1code, "%s", sr_rows_text(r, 5));
    snprintf(c->a1cc, sizeof c->a1cc, "%s", sr_rows_text(r, 6));
    snprintf(c->a1sec, sizeof c->a1sec, "%s", sr_rows_text(r, 7));
    snprintf(c->a2, sizeof c->a2, "%s", sr_rows_text(r, 8));
    snprintf(c->a2code, sizeof c->a2code, "%s", sr_rows_text(r, 9));
    snprintf(c->a2cc, sizeof c->a2cc, "%s", sr_rows_text(r, 10));
    snprintf(c->a2sec, sizeof c->a2sec, "%s", sr_rows_text(r, 11));
    snprintf(c->cc, sizeof c->cc, "%s", sr_rows_text(r, 12));
    c->has_coords = sr_rows_int(r, 13) != 0 && !sr_rows_null(r, 14);
    c->lat = sr_rows_real(r, 14);
    c->lon = sr_rows_real(r, 15);
    c->geo_precision = (int)sr_rows_int(r, 16);
    c->feature = (int)sr_rows_int(r, 17);
    bool dated = !sr_rows_null(r, 18);
    c->day_first = dated ? sr_rows_int(r, 18) : -2000000;
    c->day_last = dated ? sr_rows_int(r, 19) : -2000000;
    c->date_precision = dated ? (int)sr_rows_int(r, 20) : -1;
    c->date_basis = (int)sr_rows_int(r, 21);
    c->a1named = sr_rows_int(r, 22) != 0;
    c->a2named = sr_rows_int(r, 23) != 0;
}

static const char sql_event[] = "SELECT " CAND_COLS " FROM event e WHERE e.id = ?";
/* Candidates: events of the same merge key whose first day lies within the
 * window (a month-precision event starts up to 34 days before), in the nine
 * cells around the event's place, or without a place in the same country;
 * for an event placed no finer than a country, all of that country's; and
 * the other events of its own article. */
#define WINDOW " AND e.day_first >= ? AND e.day_first <= ? AND e.day_last >= ? AND e.incident IS NOT NULL AND e.id <> ?"
static const char sql_cells[] = "SELECT " CAND_COLS " FROM event e WHERE e.mkey = ?"
                                " AND e.cell IN (?, ?, ?, ?, ?, ?, ?, ?, ?)" WINDOW " ORDER BY e.id LIMIT 2000";
static const char sql_country_unplaced[] = "SELECT " CAND_COLS " FROM event e WHERE e.mkey = ? AND e.cell = -1"
                                           " AND e.cc = ?" WINDOW " ORDER BY e.id LIMIT 2000";
static const char sql_country[] = "SELECT " CAND_COLS " FROM event e WHERE e.mkey = ? AND e.cc = ?" WINDOW
                                  " ORDER BY e.id LIMIT 2000";
static const char sql_same_doc[] = "SELECT " CAND_COLS " FROM event e WHERE e.doc = ? AND e.mkey = ?"
                                   " AND e.incident IS NOT NULL AND e.id <> ?";
/* the near-duplicates first (CROSS JOIN keeps SQLite's planner to that order) */
static const char sql_neardup[] = "SELECT " CAND_COLS " FROM neardup n CROSS JOIN event e"
                                  " WHERE n.doc = ? AND e.doc = n.other AND e.mkey = ? AND e.incident IS NOT NULL"
                                  " ORDER BY e.id LIMIT 400";

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct link { int64_t other; char why[400]; } link;

static bool scan(sr_corpus *c, const char *sql, const sr_val *p, int np, const sr_cand *e, bool neardup,
                 int64_t *incs, int *ninc, link *links, int *nlinks)
{
    sr_rows r;
    if (!sr_db_run(c->db, sql, p, np, &r, true))
        return false;
    while (sr_rows_next(&r)) {
        sr_cand b;
        cand_from(&r, &b);
        if (b.id == e->id || !b.incident)
            continue;
        char why[400];
        if (!sr_incident_compatible(e, &b, neardup, why, sizeof why))
            continue;
        bool seen = false;
        for (int i = 0; i < *ninc && !seen; i++)
            seen = incs[i] == b.incident;
        if (!seen && *ninc < MAX_CANDIDATES)
            incs[(*ninc)++] = b.incident;
        bool linked = false;
        for (int i = 0; i < *nlinks && !linked; i++)
            linked = links[i].other == b.id;
        if (!linked && *nlinks < MAX_LINKS) {
            links[*nlinks].other = b.id;
            snprintf(links[*nlinks].why, sizeof links[*nlinks].why, "%s", why);
            (*nlinks)++;
        }
    }
    return sr_rows_end(&r);
}

bool sr_incident_merge(sr_corpus *c, int64_t ev)
{
    sr_val pe[] = {sr_vi(ev)};
    sr_rows r;
    if (!sr_db_run(c->db, sql_event, pe, 1, &r, true))
        return false;
    sr_cand e;
    bool found = sr_rows_next(&r);
    if (found)
        cand_from(&r, &e);
    if (!sr_rows_end(&r) || !found)
        return false;
    if (!e.mkey[0])
        return true;
    int64_t *incs = malloc(MAX_CANDIDATES * sizeof *incs);
    link *links = malloc(MAX_LINKS * sizeof *links);
    int ninc = 0, nlinks = 0;
    bool ok = incs && links;
    sr_val w[4] = {sr_vi(e.day_first - 34), sr_vi(e.day_last + 3), sr_vi(e.day_first - 3), sr_vi(e.id)};
    bool placed = e.has_coords && e.feature != SR_FEATURE_COUNTRY;
    if (ok && e.date_precision >= 0 && placed) {
        /* 100 km, the widest radius, is about a cell's side */
        sr_val p[14];
        p[0] = sr_vs(e.mkey);
        int k = 1;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
                p[k++] = sr_vi(sr_geo_cell(e.lat + dy, e.lon + dx));
        memcpy(p + k, w, sizeof w);
        ok = scan(c, sql_cells, p, k + 4, &e, false, incs, &ninc, links, &nlinks);
    }
    if (ok && e.date_precision >= 0 && e.cc[0]) {
        sr_val p[6] = {sr_vs(e.mkey), sr_vs(e.cc), w[0], w[1], w[2], w[3]};
        ok = scan(c, placed ? sql_country_unplaced : sql_country, p, 6, &e, false, incs, &ninc, links, &nlinks);
    }
    if (ok) {
        sr_val p[] = {sr_vi(e.doc), sr_vs(e.mkey), sr_vi(e.id)};
        ok = scan(c, sql_same_doc, p, 3, &e, false, incs, &ninc, links, &nlinks);
    }
    if (ok) {
        sr_val p[] = {sr_vi(e.doc), sr_vs(e.mkey)};
        ok = scan(c, sql_neardup, p, 2, &e, true, incs, &ninc, links, &nlinks);
    }
    int64_t target = 0;
    if (ok && ninc == 0) {
        sr_val p[] = {sr_vs(e.mkey)};
        bool f;
        ok = sr_db_one_int(c->db, "INSERT INTO incident(mkey) VALUES(?) RETURNING id", p, 1, &target, &f) && f;
        c->stats.incidents++;
    } else if (ok) {
        qsort(incs, (size_t)ninc, sizeof *incs, cmp_i64);
        target = incs[0];
        for (int i = 1; ok && i < ninc; i++) {
            sr_val p[] = {sr_vi(target), sr_vi(incs[i])};
            ok = sr_db_run(c->db, "UPDATE event SET incident = ? WHERE incident = ?", p, 2, NULL, true) &&
                 sr_db_run(c->db, "UPDATE merge_link SET incident = ? WHERE incident = ?", p, 2, NULL, true) &&
                 sr_db_run(c->db, "DELETE FROM incident WHERE id = ?", p + 1, 1, NULL, true);
            c->stats.incidents--;
        }
        c->stats.merges++;
    }
    if (ok) {
        sr_val p[] = {sr_vi(target), sr_vi(e.id)};
        ok = sr_db_run(c->db, "UPDATE event SET incident = ? WHERE id = ?", p, 2, NULL, true);
    }
    for (int i = 0; ok && i < nlinks; i++) {
        sr_val p[] = {sr_vi(target), sr_vi(e.id), sr_vi(links[i].other), sr_vs(links[i].why)};
        ok = sr_db_run(c->db, "INSERT INTO merge_link(incident, event, other, reason) VALUES(?, ?, ?, ?)", p, 4,
                       NULL, true);
    }
    free(incs);
    free(links);
    return ok && sr_incident_refresh(c, target);
}

/* ---- an incident's summary ----------------------------------------------------- */

typedef struct rep {
    int64_t id;
    char type[48], sub[48], a1[160], a2[160], loc[160], cc[3], iso3[4], country[80], admin1[80];
    bool has_coords;
    double lat, lon;
    int geo_precision, date_precision, date_basis;
    char date[11];
    int64_t day_first, day_last;
    bool has_fat;
    int fat;
    char pub[120], published[32], doc_key[200];
    int64_t doc, ord;
    int mentions; /* sentences of its article that tell it */
} rep;

/* Reports in publication order (then by document and event), compared
 * bytewise here so that both databases' collations give one order. */
static int rep_cmp(const void *pa, const void *pb)
{
    const rep *a = pa, *b = pb;
    int c = strcmp(a->published, b->published);
    if (!c)
        c = strcmp(a->doc_key, b->doc_key);
    return c ? c : (a->ord > b->ord) - (a->ord < b->ord);
}

typedef struct vote { const char *v; int n; int idx; } vote;

/* Counts reports per value of one field (values kept in the reports);
 * returns the number of distinct values. */
static int tally(const rep *reps, int n, size_t off, vote *out)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        const char *v = (const char *)&reps[i] + off;
        if (!v[0])
            continue;
        int j = 0;
        while (j < k && strcmp(out[j].v, v))
            j++;
        if (j == k)
            out[k++] = (vote){v, 0, i};
        out[j].n++;
    }
    return k;
}

/* The best-supported value; ties to the earlier report in publication order. */
static int winner(const vote *v, int k)
{
    int b = -1;
    for (int j = 0; j < k; j++)
        if (b < 0 || v[j].n > v[b].n)
            b = j;
    return b;
}

static void support_json(sr_json *j, const char *key, const vote *v, int k)
{
    sr_json_keyn(j, key, strlen(key));
    sr_json_begin_array(j);
    for (int i = 0; i < k; i++) {
        sr_json_begin_object(j);
        sr_json_key(j, "value");
        sr_json_cstr(j, v[i].v);
        sr_json_key(j, "reports");
        sr_json_int(j, v[i].n);
        sr_json_end_object(j);
    }
    sr_json_end_array(j);
}

static const char sql_reports[] =
    "SELECT e.id, e.event_type, e.sub_event_type, e.a1_name, e.a2_name, e.loc_name, e.cc, e.iso3, e.country,"
    " e.admin1, e.has_coords, e.lat, e.lon, e.geo_precision, e.date, e.date_precision, e.date_basis,"
    " e.day_first, e.day_last, e.has_fat, e.fat_min, d.publication, d.published, d.doc_key, d.id"
    ", e.ord, e.mentions FROM event e JOIN document d ON d.id = e.doc WHERE e.incident = ?";

#define COPY(dst, col) snprintf((dst), sizeof(dst), "%s", sr_rows_text(&r, (col)))

bool sr_incident_refresh(sr_corpus *c, int64_t inc)
{
    sr_val p[] = {sr_vi(inc)};
    sr_rows r;
    if (!sr_db_run(c->db, sql_reports, p, 1, &r, true))
        return false;
    int n = 0, cap = 0;
    rep *reps = NULL;
    while (sr_rows_next(&r)) {
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            rep *g = realloc(reps, (size_t)cap * sizeof *reps);
            if (!g) {
                free(reps);
                sr_rows_end(&r);
                return false;
            }
            reps = g;
        }
        rep *x = &reps[n++];
        x->id = sr_rows_int(&r, 0);
        COPY(x->type, 1);
        COPY(x->sub, 2);
        COPY(x->a1, 3);
        COPY(x->a2, 4);
        COPY(x->loc, 5);
        COPY(x->cc, 6);
        COPY(x->iso3, 7);
        COPY(x->country, 8);
        COPY(x->admin1, 9);
        x->has_coords = sr_rows_int(&r, 10) && !sr_rows_null(&r, 11);
        x->lat = sr_rows_real(&r, 11);
        x->lon = sr_rows_real(&r, 12);
        x->geo_precision = (int)sr_rows_int(&r, 13);
        COPY(x->date, 14);
        x->date_precision = (int)sr_rows_int(&r, 15);
        x->date_basis = (int)sr_rows_int(&r, 16);
        x->day_first = sr_rows_int(&r, 17);
        x->day_last = sr_rows_int(&r, 18);
        x->has_fat = sr_rows_int(&r, 19) != 0;
        x->fat = (int)sr_rows_int(&r, 20);
        COPY(x->pub, 21);
        COPY(x->published, 22);
        COPY(x->doc_key, 23);
        x->doc = sr_rows_int(&r, 24);
        x->ord = sr_rows_int(&r, 25);
        x->mentions = sr_rows_null(&r, 26) ? 1 : (int)sr_rows_int(&r, 26);
    }
    if (!sr_rows_end(&r)) {
        free(reps);
        return false;
    }
    if (n == 0) {
        free(reps);
        return sr_db_run(c->db, "DELETE FROM incident WHERE id = ?", p, 1, NULL, true);
    }
    qsort(reps, (size_t)n, sizeof *reps, rep_cmp);
    vote *v = malloc((size_t)n * 6 * sizeof *v);
    if (!v) {
        free(reps);
        return false;
    }
    vote *vt = v, *vs = v + n, *v1 = v + 2 * n, *v2 = v + 3 * n, *vl = v + 4 * n, *vd = v + 5 * n;
    int kt = tally(reps, n, offsetof(rep, type), vt), ks = tally(reps, n, offsetof(rep, sub), vs);
    int k1 = tally(reps, n, offsetof(rep, a1), v1), k2 = tally(reps, n, offsetof(rep, a2), v2);
    int kl = tally(reps, n, offsetof(rep, loc), vl), kd = tally(reps, n, offsetof(rep, date), vd);
    int wt = winner(vt, kt), ws = winner(vs, ks), w1 = winner(v1, k1), w2 = winner(v2, k2);
    /* the place: most reports, then the most precise */
    int wl = -1;
    for (int j = 0; j < kl; j++)
        if (wl < 0 || vl[j].n > vl[wl].n ||
            (vl[j].n == vl[wl].n && reps[vl[j].idx].geo_precision < reps[vl[wl].idx].geo_precision))
            wl = j;
    /* the date: most reports, then day before month, then dates read from the text */
    int wd = -1;
    for (int j = 0; j < kd; j++) {
        const rep *a = &reps[vd[j].idx];
        const rep *b = wd >= 0 ? &reps[vd[wd].idx] : NULL;
        if (!b || vd[j].n > vd[wd].n ||
            (vd[j].n == vd[wd].n && (a->date_precision < b->date_precision ||
                                     (a->date_precision == b->date_precision && a->date_basis < b->date_basis))))
            wd = j;
    }
    const rep *loc = wl >= 0 ? &reps[vl[wl].idx] : NULL;
    const rep *dt = wd >= 0 ? &reps[vd[wd].idx] : NULL;
    /* counts */
    int articles = 0, sources = 0;
    sr_buf srcs;
    sr_buf_init(&srcs);
    for (int i = 0; i < n; i++) {
        bool dup_doc = false, dup_src = false;
        for (int k = 0; k < i; k++) {
            dup_doc |= reps[k].doc == reps[i].doc;
            /* no publication known: each article is its own source */
            dup_src |= reps[i].pub[0] ? !strcmp(reps[k].pub, reps[i].pub) : reps[k].doc == reps[i].doc;
        }
        articles += !dup_doc;
        if (!dup_src)
            sources++;
        if (!dup_src && reps[i].pub[0]) {
            if (srcs.n)
                sr_buf_puts(&srcs, "; ");
            sr_buf_puts(&srcs, reps[i].pub);
        }
    }
    const char *first = NULL, *last = NULL;
    for (int i = 0; i < n; i++) {
        if (!reps[i].published[0])
            continue;
        if (!first || strcmp(reps[i].published, first) < 0)
            first = reps[i].published;
        if (!last || strcmp(reps[i].published, last) > 0)
            last = reps[i].published;
    }
    /* fatalities: ACLED's conservative figure is the lowest of the reports of
     * the latest day that gives one (a later toll updates an earlier one) */
    int lo = -1, hi = -1, cons = -1;
    char lastday[11] = "";
    for (int i = 0; i < n; i++)
        if (reps[i].has_fat && strncmp(reps[i].published, lastday, 10) > 0)
            snprintf(lastday, sizeof lastday, "%.10s", reps[i].published);
    for (int i = 0; i < n; i++) {
        if (!reps[i].has_fat)
            continue;
        if (lo < 0 || reps[i].fat < reps[lo].fat)
            lo = i;
        if (hi < 0 || reps[i].fat > reps[hi].fat)
            hi = i;
        if (!strncmp(reps[i].published, lastday, 10) && (cons < 0 || reps[i].fat < reps[cons].fat))
            cons = i;
    }
    /* support */
    sr_buf sup;
    sr_buf_init(&sup);
    sr_json j = {.b = &sup, .first = true};
    sr_json_begin_object(&j);
    support_json(&j, "event_type", vt, kt);
    support_json(&j, "sub_event_type", vs, ks);
    support_json(&j, "actor1", v1, k1);
    support_json(&j, "actor2", v2, k2);
    support_json(&j, "location", vl, kl);
    support_json(&j, "date", vd, kd);
    sr_json_key(&j, "fatalities");
    sr_json_begin_array(&j);
    for (int i = 0; i < n; i++) {
        if (!reps[i].has_fat)
            continue;
        sr_json_begin_object(&j);
        sr_json_key(&j, "value");
        sr_json_int(&j, reps[i].fat);
        sr_json_key(&j, "source");
        sr_json_cstr(&j, reps[i].pub);
        sr_json_key(&j, "doc");
        sr_json_cstr(&j, reps[i].doc_key);
        sr_json_key(&j, "published");
        sr_json_cstr(&j, reps[i].published[0] ? reps[i].published : NULL);
        sr_json_end_object(&j);
    }
    sr_json_end_array(&j);
    sr_json_end_object(&j);
    sr_buf_putc(&sup, 0);
    sr_buf_putc(&srcs, 0);
    /* GDELT's NumMentions: every sentence that tells it, in every report */
    int nmentions = 0;
    for (int i = 0; i < n; i++)
        nmentions += reps[i].mentions;
    /* the representative report: the first with the chosen place, else the first */
    const rep *rp = loc ? loc : &reps[0];
    sr_val u[] = {
        sr_vi(rp->id), sr_vs(wt >= 0 ? vt[wt].v : ""), sr_vs(ws >= 0 ? vs[ws].v : ""),
        sr_vs(w1 >= 0 ? v1[w1].v : ""), sr_vs(w2 >= 0 ? v2[w2].v : ""), sr_vs(loc ? loc->loc : ""),
        sr_vs(loc ? loc->cc : ""), sr_vs(loc ? loc->iso3 : ""), sr_vs(loc ? loc->country : ""),
        sr_vs(loc ? loc->admin1 : ""), sr_vi(loc && loc->has_coords), loc && loc->has_coords ? sr_vf(loc->lat) : sr_vnull(),
        loc && loc->has_coords ? sr_vf(loc->lon) : sr_vnull(), sr_vi(loc ? loc->geo_precision : 0),
        sr_vs(dt ? dt->date : ""), sr_vi(dt ? dt->date_precision : -1), sr_vi(dt ? dt->date_basis : 0),
        dt ? sr_vi(dt->day_first) : sr_vnull(), dt ? sr_vi(dt->day_last) : sr_vnull(), sr_vi(nmentions), sr_vi(articles),
        sr_vi(sources), sr_vs(first), sr_vs(last), sr_vi(cons >= 0), sr_vi(cons >= 0 ? reps[cons].fat : 0),
        lo >= 0 ? sr_vi(reps[lo].fat) : sr_vnull(), sr_vs(lo >= 0 ? reps[lo].pub : NULL),
        hi >= 0 ? sr_vi(reps[hi].fat) : sr_vnull(), sr_vs(hi >= 0 ? reps[hi].pub : NULL),
        sr_vs(srcs.p ? srcs.p : ""), sr_vs(sup.p ? sup.p : "{}"), sr_vi(inc),
    };
    bool ok = !sup.failed && !srcs.failed &&
              sr_db_run(c->db,
                        "UPDATE incident SET rep_event = ?, event_type = ?, sub_event_type = ?, actor1 = ?, actor2 = ?,"
                        " location = ?, cc = ?, iso3 = ?, country = ?, admin1 = ?, has_coords = ?, lat = ?, lon = ?,"
                        " geo_precision = ?, date = ?, date_precision = ?, date_basis = ?, day_first = ?,"
                        " day_last = ?, num_mentions = ?, num_articles = ?, num_sources = ?, first_reported = ?,"
                        " last_reported = ?, has_fat = ?, fatalities = ?, fat_low = ?, fat_low_by = ?,"
                        " fat_high = ?, fat_high_by = ?, sources = ?, support = ? WHERE id = ?",
                        u, (int)(sizeof u / sizeof *u), NULL, true);
    sr_buf_free(&sup);
    sr_buf_free(&srcs);
    free(v);
    free(reps);
    return ok;
}
