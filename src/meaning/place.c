/*
 * place.c: places on the map, the second half of stage "entities".  Input:
 * the entities of entity.c.  Output: each place entity's gazetteer place
 * (sr_entity.place), or none.
 *
 * A name the text itself puts on the map (after a preposition of place,
 * alone in brackets after another name, beside a known region) is a place
 * even when the tagger typed it otherwise.  Then each place entity is
 * matched to the gazetteer's candidates for its name, ranked with the
 * document's countries and regions, the places it is listed with ("X (Y,
 * Z)", "X, Y") and the candidates' kind and population.
 */
#include "meaning/entity_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

/* "Anka LGA", "Butuan City", "Kaliganj Upazila": a name that ends in a
 * word of the kind of place it is.  Returns the length of the name
 * before that word (0 when there is none) and the kind: 1 a district, 2 a
 * region, 3 a town.  Used only where the whole name is unknown ("Kansas
 * City", "Quezon City" are names of their own). */
static uint32_t kind_stem(const char *name, uint32_t len, int *kind)
{
    static const char *const district[] = {"lga", "district", "municipality", "upazila", "township", "county",
                                           "tehsil", "regency", "sub-county", "subcounty", "raion", "rayon",
                                           NULL};
    static const char *const region[] = {"province", "state", "region", "governorate", NULL};
    static const char *const town[] = {"city", "town", NULL};
    uint32_t sp = len;
    while (sp > 0 && name[sp - 1] != ' ')
        sp--;
    if (sp < 3 || len - sp > 15)
        return 0;
    char low[16];
    for (uint32_t k = sp; k < len; k++)
        low[k - sp] = (char)(name[k] >= 'A' && name[k] <= 'Z' ? name[k] + 32 : name[k]);
    uint32_t wl = len - sp;
    *kind = sr_ent_in_list(low, wl, district) ? 1 : sr_ent_in_list(low, wl, region) ? 2
            : sr_ent_in_list(low, wl, town)   ? 3
                                                : 0;
    return *kind ? sp - 1 : 0;
}

/* The gazetteer's candidates for the entity's name, else for the name
 * before its word of kind ("Anka LGA": Anka); *used: the length of the
 * name they were found by. */
static uint32_t resolve_entity(ectx *x, const sr_entity *en, const uint32_t **ids, uint32_t *one, uint32_t *used)
{
    *used = en->name_len;
    uint32_t c = sr_ent_resolve_name(x, en->name, en->name_len, ids, one);
    int kind;
    uint32_t sl;
    if (!c && (sl = kind_stem(en->name, en->name_len, &kind)) > 0 &&
        (c = sr_ent_resolve_name(x, en->name, sl, ids, one)) > 0)
        *used = sl;
    return c;
}

/* Does a place of the entity's name lie in the country of the region or
 * country that tokens [first, first + n) name, or in the district they
 * name ("Pervomaisk, Luhansk", "Zarichne, Zaporizhia": yes, the second
 * though GeoNames has no Zarichne of that region; "Essex, Derbyshire and
 * Surrey", "Given, Breen, Staunton": no, names of a list)?  A name only
 * the loose key finds counts too. */
static bool lies_in_at(ectx *x, const sr_entity *en, uint32_t first, uint32_t n)
{
    const sr_doc *d = x->d;
    const sitrep_model *m = x->m;
    if (first + n > d->tokens.n || !n)
        return false;
    uint32_t a = d->tokens.v[first].nstart, b = d->tokens.v[first + n - 1].nend;
    const uint32_t *rids, *ids;
    uint32_t one, rone;
    uint32_t rc = sr_ent_resolve_name(x, d->norm + a, b - a, &rids, &rone);
    if (!rc)
        return false;
    /* the region's candidates are kept apart from the name's: both
     * lookups may hand back the same one-entry buffer */
    uint32_t rbuf[32], nr = 0;
    for (uint32_t k = 0; k < rc && nr < 32; k++)
        rbuf[nr++] = rids[k];
    uint32_t used;
    uint32_t c = resolve_entity(x, en, &ids, &one, &used);
    if (!c)
        c = sr_geo_lookup_loose(m, en->name, en->name_len, &ids);
    for (uint32_t k = 0; k < c; k++) {
        const sr_place_rec *p = sr_geo_place(m, ids[k]);
        if (p->feature == SR_FEATURE_COUNTRY || p->feature == SR_FEATURE_CONTINENT)
            continue;
        for (uint32_t q = 0; q < nr; q++) {
            const sr_place_rec *r = sr_geo_place(m, rbuf[q]);
            if (r == p || memcmp(r->cc, p->cc, 2) != 0)
                continue;
            if (r->feature == SR_FEATURE_COUNTRY || r->feature == SR_FEATURE_ADMIN1 ||
                (r->feature == SR_FEATURE_ADMIN2 && sr_geo_district(m, ids[k]) == rbuf[q]))
                return true;
        }
    }
    return false;
}

/* Does the mention starting at token f follow "coded as" or "coded to",
 * the words with which conflict monitors' notes give the place an event is
 * coded at ("(coded as Nushki)", "coded to zone capital, Shambu"), with
 * at most three words of kind or a comma between? */
static bool coded_place_at(const sr_doc *d, uint32_t f)
{
    uint32_t k = f;
    for (int skip = 0; skip < 3 && k > 2; skip++) {
        if (sr_ent_tok_is(d, k - 1, "as") || sr_ent_tok_is(d, k - 1, "to"))
            break;
        if (!sr_ent_tok_is(d, k - 1, ",") && (d->tokens.v[k - 1].flags & SR_TF_CAP))
            return false;
        k--;
    }
    return k > 1 && (sr_ent_tok_is(d, k - 1, "as") || sr_ent_tok_is(d, k - 1, "to")) &&
           sr_ent_tok_is_ci(d, k - 2, "coded");
}

/* Does the text around one mention put the name on the map: after a
 * preposition of place ("in X", "marched through central X"), alone in
 * brackets after another name, or beside a region the gazetteer knows? */
static bool place_by_context(ectx *x, const sr_entity *en, const sr_mention *mn)
{
    static const char *const preps[] = {"in", "near", "outside", "through", "across", "around",
                                        "into", "toward", "towards", NULL};
    static const char *const area[] = {"central", "downtown", "northern", "southern", "eastern",
                                       "western", "greater", "rural", NULL};
    const sr_doc *d = x->d;
    bool cue = false;
    uint32_t f = mn->tok_first, nx = f + mn->tok_n;
    /* "in X", "marched through central X" */
    uint32_t pv = f;
    if (pv > 1) {
        uint32_t al;
        const char *aw = sr_ent_tv(d, pv - 1, &al);
        if (sr_ent_in_list(aw, al, area))
            pv--;
    }
    for (int k = 0; preps[k] && !cue && pv > 0; k++)
        cue = sr_ent_tok_is_ci(d, pv - 1, preps[k]);
    if (!cue)
        cue = coded_place_at(d, f);
    /* "in front of the Suwon City Hall (Suwon)": a name alone in
     * brackets after another, which the gazetteer knows as a
     * sizable town or a region (not an acronym: "(SDF)") */
    if (!cue && f > 1 && sr_ent_tok_is(d, f - 1, "(") && nx < d->tokens.n &&
        (sr_ent_tok_is(d, nx, ")") || sr_ent_tok_is(d, nx, ",")) && (d->tokens.v[f - 2].flags & SR_TF_CAP) &&
        !sr_ent_is_acronym(en->name, en->name_len)) {
        const uint32_t *ids;
        uint32_t one, c = sr_ent_resolve_name(x, en->name, en->name_len, &ids, &one);
        for (uint32_t k = 0; k < c && !cue; k++) {
            const sr_place_rec *r = sr_geo_place(x->m, ids[k]);
            cue = r->feature == SR_FEATURE_ADMIN1 || r->population >= 10000;
        }
    }
    /* "Cotriguacu (Mato Grosso)", "Pervomaisk, Luhansk": a region
     * after a place */
    if (!cue && f > 1 && sr_ent_tok_is(d, f - 1, "(") &&
        d->tokens.v[f - 2].kind == SR_TOK_WORD && sr_ent_region_at(x, f, mn->tok_n))
        cue = true;
    /* "(Rutshuru, Nord-Kivu)", "Tlaxco, Nuevo Leon": a region after a
     * comma, inside brackets or after a place */
    if (!cue && f > 1 && sr_ent_tok_is(d, f - 1, ",")) {
        bool inside = false;
        for (uint32_t k = f - 1; k > 0 && k + 8 > f && !inside; k--) {
            if (sr_ent_tok_is(d, k - 1, ")") || (d->tokens.v[k - 1].flags & SR_TF_SENT_END))
                break;
            inside = sr_ent_tok_is(d, k - 1, "(");
        }
        /* the mention before the comma: the one starting at most
         * three tokens back that ends there */
        bool after_place = false;
        for (uint32_t back = 2; back <= 4 && back <= f && !after_place; back++) {
            int32_t o = sr_ent_mention_at_tok(d, f - back);
            after_place = o >= 0 && d->mentions.v[o].tok_first + d->mentions.v[o].tok_n + 1 == f &&
                          d->mentions.v[o].type == SR_ENT_GPE;
        }
        if ((inside || after_place) && sr_ent_region_at(x, f, mn->tok_n))
            cue = true;
    }
    if (!cue && nx + 1 < d->tokens.n && (sr_ent_tok_is(d, nx, ",") || sr_ent_tok_is(d, nx, "(")) &&
        (d->tokens.v[nx + 1].flags & SR_TF_CAP) && !d->ner[nx + 1]) {
        /* the region after it, one or two words the tagger left
         * unnamed or named a place */
        for (uint32_t w = 1; w <= 2 && !cue && nx + w < d->tokens.n; w++)
            cue = sr_ent_region_at(x, nx + 1, w) && lies_in_at(x, en, nx + 1, w);
    }
    if (!cue && nx + 1 < d->tokens.n && (sr_ent_tok_is(d, nx, ",") || sr_ent_tok_is(d, nx, "(")) &&
        d->ner[nx + 1]) {
        /* a name after it: a place the gazetteer calls a region */
        uint32_t w = 1;
        while (nx + 1 + w < d->tokens.n && w < 3 && d->ner[nx + 1 + w] &&
               (sr_ner_label_names[d->ner[nx + 1 + w]][0] == 'I'))
            w++;
        cue = sr_ent_region_at(x, nx + 1, w) && lies_in_at(x, en, nx + 1, w);
    }
    return cue;
}

typedef struct stated stated;
static void stated_places(ectx *x, const sr_entity *en, stated *st);

/* Does a place of the entity's loose key lie in a region (not only a
 * country) the text puts it in? */
static bool loose_in_stated_region(ectx *x, const sr_entity *en);

/* Names the tagger called a person or an organization that the text puts
 * on the map: "in Markaryd", "shelled Zarichne, Zaporizhia", "Ipiau
 * (Bahia)".  A name with no title, role or actor, that the gazetteer
 * knows, after a preposition of place or before a region the gazetteer
 * knows, is a place. */
void sr_ent_places_by_context(ectx *x)
{
    sr_doc *d = x->d;
    for (uint32_t e = 0; e < d->entities.n; e++) {
        sr_entity *en = &d->entities.v[e];
        /* an actor code that is only a country (guessed from the text) is
         * no evidence of an organization */
        if ((en->type != SR_ENT_PERSON && en->type != SR_ENT_ORG) || en->title || en->role ||
            (en->has_actor && en->actor.sector[0]))
            continue;
        bool cue = false;
        for (uint32_t q = 0; q < en->nmentions && !cue; q++) {
            const sr_mention *mn = &d->mentions.v[en->mentions[q]];
            if (mn->tok_n > 3)
                break;
            cue = place_by_context(x, en, mn);
        }
        if (!cue)
            continue;
        const uint32_t *ids;
        uint32_t one;
        /* the gazetteer knows it, or knows another romanization of it
         * in the region the text puts it in ("Verkhnyotoretske, Donetsk
         * region"; a country is too little: "Dinamo (Russia)") */
        uint32_t used;
        if (!resolve_entity(x, en, &ids, &one, &used) && !loose_in_stated_region(x, en))
            continue;
        en->type = SR_ENT_GPE;
        en->has_actor = false; /* sr_ent_geocode() gives the place's country */
        en->affiliation = -1;
        for (uint32_t q = 0; q < en->nmentions; q++)
            d->mentions.v[en->mentions[q]].type = SR_ENT_GPE;
    }
}

/* Words that say what kind of place a name is ("X village", "X
 * township"), skipped between a name and the places it lies in. */
static const char *const kind_words[] = {
    "village", "villages", "town", "township", "area", "district", "kebele", "payam", "boma",
    "locality", "commune", "sector", "camp", "settlement", "hamlet", "ward", "tract",
    "village-tract", "county", "zone", "woreda", "municipality", "neighbourhood", "neighborhood",
    "suburb", "region", "province", "state", "city", "governorate", "department", "division",
    "subdistrict", "sub-district", "tehsil", "taluk", "mandal", "block", "circle", "union",
    "upazila", "lga", "territory", "chiefdom", "groupement", "cercle", "prefecture", "oblast",
    "raion", "rayon", "hromada", "municipio", "barangay", "regency", "island", NULL};

/* Plural kinds of place: a name alone is not one ("Islands",
 * "Provinces"). */
static const char *const kind_plurals[] = {"islands", "provinces", "districts", "regions", "states",
                                           "counties", "territories", "towns", "cities", NULL};

/* Is the word after a mention ending at token nx one of the kinds of
 * place a village is ("X village", "Y kebele"), in lower case? */
static bool village_kind_at(const sr_doc *d, uint32_t nx)
{
    static const char *const village[] = {"village", "villages", "town", "township", "area", "kebele",
                                          "payam", "boma", "locality", "commune", "settlement",
                                          "hamlet", "ward", "tract", "village-tract", "camp",
                                          "neighbourhood", "neighborhood", "suburb", "barangay",
                                          "hromada", NULL};
    uint32_t n;
    if (nx >= d->tokens.n || (d->tokens.v[nx].flags & SR_TF_CAP))
        return false;
    const char *w = sr_ent_tv(d, nx, &n);
    return sr_ent_in_list(w, n, village);
}

/* The mention a name's mention ending at token nx is put in: after kind
 * words ("village", "township"), a comma or (when open) a bracket; after
 * a kind word also "of" or "in" ("the Hukam Qala village of Giro
 * district", "Osole kebele in Jeldu woreda").  -1 when none. */
static int32_t container_after(const sr_doc *d, uint32_t nx, bool open)
{
    int kinds = 0;
    for (; kinds < 3 && nx < d->tokens.n; kinds++) {
        uint32_t n;
        const char *w = sr_ent_tv(d, nx, &n);
        if ((d->tokens.v[nx].flags & SR_TF_CAP) || !sr_ent_in_list(w, n, kind_words))
            break;
        nx++;
    }
    if (nx + 1 >= d->tokens.n)
        return -1;
    if (sr_ent_tok_is(d, nx, ",") || (open && sr_ent_tok_is(d, nx, "(")) ||
        (kinds && (sr_ent_tok_is(d, nx, "of") || sr_ent_tok_is(d, nx, "in")))) {
        int32_t at = sr_ent_mention_at_tok(d, nx + 1);
        if (at >= 0)
            return at;
        /* a name the tagger missed, with its kind ("(Muse district,
         * Shan-North state)"): the places listed after it */
        uint32_t k = nx + 1, words = 0;
        while (k < d->tokens.n && words < 3 && (d->tokens.v[k].flags & SR_TF_CAP) && !d->ner[k] &&
               sr_ent_mention_at_tok(d, k) < 0)
            k++, words++;
        uint32_t n;
        const char *w = k < d->tokens.n ? sr_ent_tv(d, k, &n) : NULL;
        if (words && w && !(d->tokens.v[k].flags & SR_TF_CAP) && sr_ent_in_list(w, n, kind_words) &&
            k + 2 < d->tokens.n && sr_ent_tok_is(d, k + 1, ","))
            return sr_ent_mention_at_tok(d, k + 2);
    }
    return -1;
}

/* The regions, districts and countries the text puts an entity in: for
 * each mention, the first of the places listed after it ("X (Y, Z)", "X,
 * Y, Z", "X township (Y district, Z region)") that the gazetteer knows as
 * a region or country, with every reading of that name. */
struct stated {
    uint32_t ids[24], n;
};

static void stated_places(ectx *x, const sr_entity *en, stated *st)
{
    const sr_doc *d = x->d;
    const sitrep_model *m = x->m;
    st->n = 0;
    for (uint32_t q = 0; q < en->nmentions && q < 8; q++) {
        const sr_mention *mn = &d->mentions.v[en->mentions[q]];
        uint32_t nx = mn->tok_first + mn->tok_n;
        for (int hop = 0; hop < 3; hop++) {
            int32_t after = container_after(d, nx, hop == 0);
            if (after < 0)
                break;
            const sr_mention *rm = &d->mentions.v[after];
            uint32_t rl;
            const char *rs = sr_ent_mtext(d, rm, &rl);
            const uint32_t *rids;
            uint32_t one, rc = sr_ent_resolve_name(x, rs, rl, &rids, &one);
            bool any = false;
            /* "Merida (Merida)": its own name again says the region, not
             * the district every town of the name lies in */
            bool self = rm->entity < d->entities.n && &d->entities.v[rm->entity] == en;
            for (uint32_t k = 0; k < rc; k++) {
                const sr_place_rec *r = sr_geo_place(m, rids[k]);
                if (r->feature == SR_FEATURE_COUNTRY || r->feature == SR_FEATURE_ADMIN1) {
                    any = true;
                    if (st->n < 24)
                        st->ids[st->n++] = rids[k];
                } else if (r->feature == SR_FEATURE_ADMIN2 && st->n < 24 && !self)
                    st->ids[st->n++] = rids[k];
            }
            if (any)
                break;
            nx = rm->tok_first + rm->tok_n;
        }
    }
}

/* Does the place lie in one the text puts it in ("Kamyanka, Kharkiv",
 * "Kale (Kale district, Sagaing region)")?  1 when it does, -1 when the
 * text names a region or country it is not in, 0 when it names none. */
static double approx_km(double lat1, double lon1, double lat2, double lon2);

/* Is pid one of ids[0 .. c), and the only town of them in its country? */
static bool lone_in_country(const sitrep_model *m, const uint32_t *ids, uint32_t c, uint32_t pid)
{
    const sr_place_rec *p = sr_geo_place(m, pid);
    bool in = false;
    for (uint32_t q = 0; q < c; q++) {
        in |= ids[q] == pid;
        if (ids[q] != pid && memcmp(sr_geo_place(m, ids[q])->cc, p->cc, 2) == 0 &&
            sr_geo_place(m, ids[q])->feature == SR_FEATURE_CITY)
            return false;
    }
    return in;
}

static int stated_region(const sitrep_model *m, const stated *st, const sr_place_rec *p, uint32_t pid, bool lone)
{
    if (!st->n)
        return 0;
    uint32_t dist = sr_geo_district(m, pid);
    /* the only town of its name in the country, within 150 km of the
     * region's point, is not judged against: the gazetteer's regions are
     * not always the text's (new provinces, moved borders: Fochville,
     * Gauteng; Ituri, once Orientale); one of several namesakes is */
    bool judged = false, near = false;
    for (uint32_t k = 0; k < st->n; k++) {
        const sr_place_rec *r = sr_geo_place(m, st->ids[k]);
        if (st->ids[k] == pid)
            continue; /* its own name */
        if (r->feature == SR_FEATURE_ADMIN2) {
            if (st->ids[k] == dist)
                return 1;
            continue;
        }
        judged = true;
        if (r->feature == SR_FEATURE_COUNTRY ? memcmp(r->cc, p->cc, 2) == 0
                                             : p->admin1_off == r->name_off && memcmp(r->cc, p->cc, 2) == 0)
            return 1;
        if (r->feature == SR_FEATURE_ADMIN1 && memcmp(r->cc, p->cc, 2) == 0 && r->has_coords && p->has_coords &&
            p->feature == SR_FEATURE_CITY && lone && approx_km(p->lat, p->lon, r->lat, r->lon) <= 150.0)
            near = true;
    }
    return judged && !near ? -1 : 0;
}
static bool loose_in_stated_region(ectx *x, const sr_entity *en)
{
    const sitrep_model *m = x->m;
    const uint32_t *ids;
    uint32_t c = sr_geo_lookup_loose(m, en->name, en->name_len, &ids);
    if (!c)
        return false;
    stated st;
    stated_places(x, en, &st);
    for (uint32_t k = 0; k < c; k++) {
        const sr_place_rec *p = sr_geo_place(m, ids[k]);
        if (p->feature != SR_FEATURE_CITY && p->feature != SR_FEATURE_ADMIN2)
            continue;
        for (uint32_t q = 0; q < st.n; q++) {
            const sr_place_rec *r = sr_geo_place(m, st.ids[q]);
            if (r->feature == SR_FEATURE_ADMIN1 && p->admin1_off == r->name_off && memcmp(r->cc, p->cc, 2) == 0)
                return true;
        }
    }
    return false;
}

static bool has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return true;
    return false;
}

/* Roughly the kilometres between two points (an equirectangular
 * approximation, good to a few percent at the distances it judges). */
static double approx_km(double lat1, double lon1, double lat2, double lon2)
{
    const double rad = 3.14159265358979 / 180.0;
    double dlon = __builtin_fabs(lon1 - lon2);
    if (dlon > 180.0)
        dlon = 360.0 - dlon;
    double xx = dlon * rad * __builtin_cos((lat1 + lat2) / 2 * rad), yy = (lat1 - lat2) * rad;
    return 6371.0 * __builtin_sqrt(xx * xx + yy * yy);
}

/* The place entities the text puts entity e in: "X (Y", "X, Y" with Y a
 * place mention right after one of e's mentions.  Returns how many (at most
 * max) went into out. */
static uint32_t containers(ectx *x, uint32_t e, uint32_t *out, uint32_t max)
{
    const sr_doc *d = x->d;
    const sr_entity *en = &d->entities.v[e];
    uint32_t n = 0;
    for (uint32_t q = 0; q < en->nmentions && n < max; q++) {
        const sr_mention *mn = &d->mentions.v[en->mentions[q]];
        int32_t after = sr_ent_listed_after(d, mn->tok_first + mn->tok_n, true);
        if (after < 0)
            continue;
        uint32_t y = d->mentions.v[after].entity;
        if (y == e || y >= d->entities.n || sr_ent_type_class(d->entities.v[y].type) != 2)
            continue;
        bool dup = false;
        for (uint32_t k = 0; k < n; k++)
            dup |= out[k] == y;
        if (!dup)
            out[n++] = y;
    }
    return n;
}

/* Whether the places ids[0 .. c) all lie in one country. */
static bool one_country(const sitrep_model *m, const uint32_t *ids, uint32_t c)
{
    for (uint32_t k = 1; k < c; k++)
        if (memcmp(sr_geo_place(m, ids[k])->cc, sr_geo_place(m, ids[0])->cc, 2) != 0)
            return false;
    return true;
}

/* Does a name whose places are ids[0 .. c) tell the country of the
 * first?  When all lie in it, or when the first is a city of 100,000 ten
 * times the size of any namesake abroad ("Donetsk"). */
static bool names_country(const sitrep_model *m, const uint32_t *ids, uint32_t c)
{
    const sr_place_rec *p = sr_geo_place(m, ids[0]);
    if (one_country(m, ids, c))
        return true;
    if (p->feature != SR_FEATURE_CITY || p->population < 100000)
        return false;
    for (uint32_t k = 1; k < c; k++) {
        const sr_place_rec *o = sr_geo_place(m, ids[k]);
        if (memcmp(o->cc, p->cc, 2) != 0 && o->population * 10 > p->population)
            return false;
    }
    return true;
}

/* What geocoding knows of the document: the countries and regions it
 * names, and each place entity's candidates, looked up once. */
typedef struct geoctx {
    char ccs[64][2];
    bool by_actor[64]; /* the country came from a person's or group's actor code */
    uint32_t cc_ent[64]; /* the entity that named it */
    uint32_t nccs, nplaced_ccs; /* all, and those not by_actor */
    uint32_t regions[32], nreg;    /* the regions' name offsets */
    uint32_t districts[32], ndist; /* the districts' place ids */
    uint32_t reg_ent[32], dist_ent[32]; /* the entity whose name each is */
    char reg_cc[32][2];                 /* each region's country */
    const uint32_t **res_ids;
    uint32_t *res_c, *res_one;
    uint32_t *res_len; /* the length of the name each entity's candidates were found by */
} geoctx;

/* Is the country named by a place of the document, not only by a
 * person's or group's nationality? */
static bool in_place_countries(const geoctx *g, const char cc[2])
{
    for (uint32_t q = 0; q < g->nccs; q++)
        if (!g->by_actor[q] && memcmp(g->ccs[q], cc, 2) == 0)
            return true;
    return false;
}

static bool in_countries(const geoctx *g, const char cc[2])
{
    for (uint32_t q = 0; q < g->nccs; q++)
        if (memcmp(g->ccs[q], cc, 2) == 0)
            return true;
    return false;
}

/* The countries the document names, by its places, nationality words and
 * actors. */
static void named_countries(ectx *x, geoctx *g)
{
    const sr_doc *d = x->d;
    const sitrep_model *m = x->m;
    for (uint32_t e = 0; e < d->entities.n && g->nccs < 64; e++) {
        const sr_entity *en = &d->entities.v[e];
        const char *c3 = en->has_actor && en->actor.country[0] ? en->actor.country : NULL;
        if (c3) {
            const sr_place_rec *c = sr_geo_country(m, c3, 3);
            if (c) {
                /* a people's or group's country only ("Russian forces"
                 * in a story of Donetsk) is weaker evidence than a place's */
                g->by_actor[g->nccs] = sr_ent_type_class(en->type) != 2;
                g->cc_ent[g->nccs] = e;
                memcpy(g->ccs[g->nccs++], c->cc, 2);
                continue;
            }
        }
        if (sr_ent_type_class(en->type) == 2 && en->nmentions) {
            /* a place of one country only ("Sai Buri", "Pattani") names
             * that country */
            const uint32_t *ids;
            uint32_t c = sr_geo_lookup_doc(d, m, en->name, en->name_len, &ids);
            if (c && sr_geo_place(m, ids[0])->cc[0] &&
                (sr_geo_place(m, ids[0])->feature == SR_FEATURE_COUNTRY || names_country(m, ids, c))) {
                g->cc_ent[g->nccs] = e;
                memcpy(g->ccs[g->nccs++], sr_geo_place(m, ids[0])->cc, 2);
            }
        }
    }
}

/* Each place entity's candidates; the regions they may be ("Amherst
 * (Massachusetts)": a town in one of them is that town); a region of one
 * country only ("Mato Grosso") names that country, when no place of its
 * name lies elsewhere ("Hannover" is no evidence of Jamaica's Hanover
 * parish). */
/* "Freiburg (Elbe)", "Homberg (Ohm)", "Dagon Myothit (North)": a name
 * with the word in brackets after it that the gazetteer knows as one name
 * (GeoNames keeps such names among the other spellings).  Returns how
 * many candidates that name has, 0 when none. */
static uint32_t qualified_name(ectx *x, const sr_entity *en, const uint32_t **ids, uint32_t *one)
{
    const sr_doc *d = x->d;
    for (uint32_t q = 0; q < en->nmentions && q < 4; q++) {
        const sr_mention *mn = &d->mentions.v[en->mentions[q]];
        uint32_t nx = mn->tok_first + mn->tok_n;
        if (nx + 2 >= d->tokens.n || !sr_ent_tok_is(d, nx, "(") || !sr_ent_tok_is(d, nx + 2, ")") ||
            d->tokens.v[nx + 1].kind != SR_TOK_WORD)
            continue;
        uint32_t wl;
        const char *w = sr_ent_tv(d, nx + 1, &wl);
        char buf[128];
        if (en->name_len + wl + 3 >= sizeof buf)
            continue;
        memcpy(buf, en->name, en->name_len);
        memcpy(buf + en->name_len, " (", 2);
        memcpy(buf + en->name_len + 2, w, wl);
        buf[en->name_len + 2 + wl] = ')';
        uint32_t c = sr_ent_resolve_name(x, buf, en->name_len + wl + 3, ids, one);
        if (c)
            return c;
    }
    return 0;
}

static bool place_candidates(ectx *x, geoctx *g)
{
    sr_doc *d = x->d;
    const sitrep_model *m = x->m;
    uint32_t ne = d->entities.n;
    g->res_ids = sr_arena_alloc(d->arena, (ne + 1) * sizeof *g->res_ids);
    g->res_c = sr_arena_alloc(d->arena, (ne + 1) * sizeof *g->res_c);
    g->res_one = sr_arena_alloc(d->arena, (ne + 1) * sizeof *g->res_one);
    g->res_len = sr_arena_alloc(d->arena, (ne + 1) * sizeof *g->res_len);
    if (!g->res_ids || !g->res_c || !g->res_one || !g->res_len)
        return false;
    for (uint32_t e = 0; e < ne; e++) {
        const sr_entity *en = &d->entities.v[e];
        g->res_c[e] = 0;
        g->res_ids[e] = NULL;
        g->res_len[e] = en->name_len;
        if (sr_ent_type_class(en->type) != 2)
            continue;
        const uint32_t *ids;
        uint32_t c = qualified_name(x, en, &ids, &g->res_one[e]);
        if (!c)
            c = resolve_entity(x, en, &ids, &g->res_one[e], &g->res_len[e]);
        /* an abbreviation of our other names of places (places.lex) that
         * names several ("D.C.": Washington's or Bogota's district): all of
         * them, the first written first, for the ranking to choose (not a
         * name such as "Russia", whose key towns share) */
        const char *strs;
        const uint32_t *all;
        uint32_t call;
        if (c && memchr(en->name, '.', en->name_len) &&
            sr_lex_find(m, en->name, en->name_len, SR_LEX_PLACE, &strs) &&
            (call = sr_geo_lookup_doc(d, m, en->name, en->name_len, &all)) > c) {
            ids = all;
            c = call;
        }
        g->res_ids[e] = ids == &g->res_one[e] ? &g->res_one[e] : ids;
        g->res_c[e] = c;
        uint32_t nadm = 0;
        for (uint32_t k = 0; k < c; k++) {
            const sr_place_rec *p = sr_geo_place(m, ids[k]);
            if (p->feature == SR_FEATURE_ADMIN1 && g->nreg < 32) {
                g->reg_ent[g->nreg] = e;
                memcpy(g->reg_cc[g->nreg], p->cc, 2);
                g->regions[g->nreg++] = p->name_off, nadm++;
            }
            if (p->feature == SR_FEATURE_ADMIN2 && g->ndist < 32) {
                g->dist_ent[g->ndist] = e;
                g->districts[g->ndist++] = ids[k];
            }
        }
        if (nadm == 1 && g->nccs < 64 && one_country(m, ids, c)) {
            g->cc_ent[g->nccs] = e;
            memcpy(g->ccs[g->nccs++], sr_geo_place(m, ids[0])->cc, 2);
        }
    }
    return true;
}

/* Does a mention of the entity stand before one of the words? */
static bool followed_by(const sr_doc *d, const sr_entity *en, const char *const *words)
{
    for (uint32_t q = 0; q < en->nmentions; q++) {
        const sr_mention *mn = &d->mentions.v[en->mentions[q]];
        uint32_t nx = mn->tok_first + mn->tok_n, n;
        if (nx >= d->tokens.n)
            continue;
        const char *w = sr_ent_tv(d, nx, &n);
        if (sr_ent_in_list(w, n, words))
            return true;
    }
    return false;
}

/* Can the entity be a place of the gazetteer at all?  Rivers and
 * facilities are no towns of it (continents are the gazetteer's own); a
 * direction alone ("(South) township", "South Eastern Tigray") is part of
 * some other name unless
 * the text says "the South region"; a region called a location ("Sahel",
 * "Lower Shabelle") is one of the gazetteer's when it lies in a country
 * the document names. */
static bool placeable(ectx *x, const geoctx *g, uint32_t e)
{
    static const char *const compass[] = {"North", "South", "East", "West", "Central", "Centre",
                                          "Center", "Northeast", "Northwest", "Southeast",
                                          "Southwest", NULL};
    static const char *const region_words[] = {"region", "province", "state", NULL};
    static const char *const grammar_words[] = {"In", "On", "At", "Of", "By", "To", "For", "From", "With",
                                                "The", "An", "And", "But", "Or", "As", "If", "Is",
                                                "It", "We", "He", "She", "They", "This", "That", NULL};
    const sr_doc *d = x->d;
    const sitrep_model *m = x->m;
    const sr_entity *en = &d->entities.v[e];
    if (en->type == SR_ENT_FAC)
        return false;
    /* "<VLOF.PA>": an exchange's suffix of a ticker, no place */
    for (uint32_t q = 0; q < en->nmentions; q++) {
        const sr_mention *mn = &d->mentions.v[en->mentions[q]];
        if (mn->start > 0 && d->text[mn->start - 1] == '.' && mn->start > 1 && d->text[mn->start - 2] != ' ' &&
            d->text[mn->start - 2] != '.')
            return false;
    }
    if (sr_ent_in_list(en->name, en->name_len, compass) && !followed_by(d, en, region_words))
        return false;
    /* a kind of place alone ("Lamu County" cut to "County", "Islands") is
     * the end of a name the tagger split, never a town so called */
    if (en->name_len < 24) {
        char low[24];
        for (uint32_t k = 0; k < en->name_len; k++)
            low[k] = (char)(en->name[k] >= 'A' && en->name[k] <= 'Z' ? en->name[k] + 32 : en->name[k]);
        if (sr_ent_in_list(low, en->name_len, kind_words) || sr_ent_in_list(low, en->name_len, kind_plurals))
            return false;
    }
    /* a word of grammar the tagger took for a name ("In Taw village":
     * "In"), though towns are so called too */
    if (sr_ent_in_list(en->name, en->name_len, grammar_words))
        return false;
    const char *strs;
    if (en->type == SR_ENT_LOC && !sr_lex_find(m, en->name, en->name_len, SR_LEX_PLACE, &strs)) {
        /* or a town of its own name in the region the text puts it in
         * ("Whitefish Bay (Wisconsin)", "Nkhata Bay (..., Northern)") */
        stated st;
        bool have_st = false;
        for (uint32_t k = 0; k < g->res_c[e]; k++) {
            const sr_place_rec *p = sr_geo_place(m, g->res_ids[e][k]);
            if ((p->feature == SR_FEATURE_ADMIN1 && in_countries(g, p->cc)) || p->feature == SR_FEATURE_CONTINENT)
                return true;
            if (p->feature != SR_FEATURE_CITY || strncasecmp(m->strs + p->name_off, en->name, en->name_len) != 0 ||
                m->strs[p->name_off + en->name_len] != 0)
                continue;
            if (!have_st)
                stated_places(x, en, &st), have_st = true;
            if (stated_region(m, &st, p, g->res_ids[e][k], false) > 0)
                return true;
        }
        return false;
    }
    return true;
}

/* "Idlib province", "the state of X": the text asks for the region (a
 * bare name that is both a city and its region, "Damascus", is the city);
 * not "the Hiroshima district court", "Ohio state law", names for
 * something else. */
static bool wants_region(ectx *x, const sr_entity *en)
{
    static const char *const admin_words[] = {"province", "governorate", "region", "state",
                                              "district", "county", NULL};
    const sr_doc *d = x->d;
    for (uint32_t q = 0; q < en->nmentions; q++) {
        const sr_mention *mn = &d->mentions.v[en->mentions[q]];
        uint32_t nx = mn->tok_first + mn->tok_n, n;
        if (nx >= d->tokens.n)
            continue;
        const char *w = sr_ent_tv(d, nx, &n);
        if (!sr_ent_in_list(w, n, admin_words))
            continue;
        if (nx + 1 < d->tokens.n && d->tags && d->tags[nx + 1] &&
            sr_tag_name(x->m, d->tags[nx + 1])[0] == 'N' && !(d->tokens.v[nx + 1].flags & SR_TF_CAP))
            continue;
        return true;
    }
    return false;
}

/* A region's score beside the other candidates: asked for, +3; else
 * -3 when a sizable city of the list lies in it or in its country
 * ("Sofia", the capital, not Sofia province), one elsewhere in the
 * country only when it has at least a twentieth of the region's people
 * (California, Maryland is no reason to doubt the state); -0.5 without a
 * sizable town of its own. */
static double region_score(const sitrep_model *m, const sr_place_rec *p, const uint32_t *ids, uint32_t c,
                           bool want_admin)
{
    double s = 0;
    if (want_admin)
        s += 3.0;
    else
        for (uint32_t q = 0; q < c; q++) {
            const sr_place_rec *o = sr_geo_place(m, ids[q]);
            if (o->feature == SR_FEATURE_CITY && o->population >= 10000 &&
                (o->admin1_off == p->name_off ||
                 (memcmp(o->cc, p->cc, 2) == 0 && (uint64_t)o->population * 20 >= (uint64_t)p->population))) {
                s -= 3.0;
                break;
            }
        }
    if (!p->population)
        s -= 0.5;
    return s;
}

/* Is the candidate the name's own place, not one whose name merely
 * contains it ("Cauca Department", not "Valle del Cauca Department";
 * accents aside: "Orléans" is Orleans' own name)?  ek: the name's key,
 * when a candidate's name is not ASCII (else ekl is 0). */
static bool own_name(const sitrep_model *m, const sr_entity *en, uint32_t nl, const sr_place_rec *p,
                     const char *ek, size_t ekl)
{
    const char *pn = m->strs + p->name_off;
    if (strncasecmp(pn, en->name, nl) == 0 && (pn[nl] == 0 || pn[nl] == ' '))
        return true;
    if (!ekl || !has_non_ascii(pn))
        return false;
    char pk[128];
    size_t pkl = sr_place_key(pn, strlen(pn), pk, sizeof pk);
    return pkl >= ekl && pkl < sizeof pk && memcmp(pk, ek, ekl) == 0 && (pkl == ekl || pk[ekl] == ' ');
}

/* "Linares (Jaen)", "Ajigin (Damboa, Borno)": is the town within 150 km
 * of a town the text puts it in? */
static bool near_container(const sitrep_model *m, const geoctx *g, const sr_place_rec *p, const uint32_t *cont,
                           uint32_t ncont)
{
    if (p->feature != SR_FEATURE_CITY || !p->has_coords)
        return false;
    for (uint32_t q = 0; q < ncont; q++)
        for (uint32_t r = 0; r < g->res_c[cont[q]]; r++) {
            const sr_place_rec *o = sr_geo_place(m, g->res_ids[cont[q]][r]);
            if (o->feature == SR_FEATURE_CITY && o->has_coords && o != p &&
                approx_km(p->lat, p->lon, o->lat, o->lon) <= 150.0)
                return true;
        }
    return false;
}

/* ---- the candidate ranking ------------------------------------------------
 * Each candidate of a name is described by the features below and scored
 * by their weighted sum; the weights are learned by tools/geo_train.c from
 * the ACLED notes' coordinates (data/geo/ranking.weights, section GEOW of
 * the model).  A model without them uses the defaults, which rank as the
 * rules that came before the learned weights did. */
enum {
    GF_COUNTRY, GF_ADMIN1, GF_ADMIN2, GF_CITY, /* the kind of place */
    GF_LOGPOP_TOWN,     /* log10(population) / 7 of a town */
    GF_LOGPOP_REGION,   /* ... of a region or district */
    GF_CAPITAL,         /* a country's capital */
    GF_SEAT1,           /* seat of a first-level region */
    GF_SEAT2,           /* seat of a district */
    GF_VILLAGE,         /* a village under 1,000 people */
    GF_IN_COUNTRY,      /* in a country the document names */
    GF_IN_REGION,       /* in a region the document names */
    GF_IN_DISTRICT,     /* in a district the document names */
    GF_OWN_NAME,        /* the name is its own, not a longer one's */
    GF_NEAR_CONTAINER,  /* within 150 km of a town the text puts it in */
    GF_STATED_YES,      /* in the region or country the text puts it in */
    GF_STATED_NO,       /* the text puts it in a region it is not in */
    GF_WANT_REGION,     /* a region, asked for ("X province") */
    GF_WANT_DISTRICT,   /* a district, asked for ("X district") */
    GF_REGION_BY_TOWN,  /* a region, not asked for, with a sizable town of the name in it */
    GF_FIRST,           /* the gazetteer's first (countries, regions, towns by size) */
    GF_NEAR_OTHERS,     /* close to the document's other places (1 at 0 km, 0 at 500) */
    GF_FAR_ABROAD,      /* outside every named country, the document naming some */
    GF_ALT_SPELLING,    /* found by another spelling only */
    GF_IN_ACTOR_COUNTRY, /* in a country only a person's or group's nationality names */
    GF_N
};
static const char *const gf_names[GF_N] = {
    "country", "admin1", "admin2", "city", "logpop_town", "logpop_region", "capital", "seat1", "seat2",
    "village", "in_country", "in_region", "in_district", "own_name", "near_container", "stated_yes",
    "stated_no", "want_region", "want_district", "region_by_town", "first", "near_others", "far_abroad",
    "alt_spelling", "in_actor_country"};
/* the rules of before, as weights */
static const float gf_default[GF_N] = {
    4.0f, 1.0f, 0.5f, 1.0f, 2.33f, 2.33f, 0.5f, 0.2f, 0.1f, -0.3f, 2.5f, 3.0f, 2.0f, 1.0f, 3.0f,
    2.0f, -2.0f, 3.0f, 3.0f, -3.0f, 0.3f, 1.0f, -0.5f, -0.5f, 2.5f};

const char *const *sr_geo_feature_names(uint32_t *n, const float **defaults)
{
    *n = GF_N;
    if (defaults)
        *defaults = gf_default;
    return gf_names;
}

sr_geo_trace_fn sr_geo_trace;
void *sr_geo_trace_ctx;

/* "Amherst district", "Kale township": the text asks for a district. */
static bool wants_district(ectx *x, const sr_entity *en)
{
    static const char *const words[] = {"district", "county", "township", "regency", "municipality",
                                        "locality", "commune", "department", "lga", "sub-county",
                                        "subcounty", "tehsil", "raion", "rayon", NULL};
    return followed_by(x->d, en, words);
}

/* The closest any other place entity's candidate lies to p, in km (at most
 * 16 entities with at most 4 candidates each are looked at), or 1e9. */
static double nearest_other(const sitrep_model *m, const geoctx *g, uint32_t e, const sr_place_rec *p,
                            uint32_t ne)
{
    double best = 1e9;
    uint32_t seen = 0;
    for (uint32_t o = 0; o < ne && seen < 16; o++) {
        if (o == e || !g->res_c[o] || g->res_c[o] > 4)
            continue;
        seen++;
        for (uint32_t r = 0; r < g->res_c[o]; r++) {
            const sr_place_rec *q = sr_geo_place(m, g->res_ids[o][r]);
            /* a region's point (its seat) says nothing of where in it a
             * town lies: being in it is its own feature */
            if (q == p || !q->has_coords || q->feature == SR_FEATURE_COUNTRY || q->feature == SR_FEATURE_ADMIN1)
                continue;
            double km = approx_km(p->lat, p->lon, q->lat, q->lon);
            if (km < best)
                best = km;
        }
    }
    return best;
}

/* The features of candidate k (ids[k]) of entity e, into f[GF_N]. */
static void candidate_features(ectx *x, const geoctx *g, uint32_t e, const uint32_t *ids, uint32_t c,
                               uint32_t k, bool want_admin, bool want_district, const uint32_t *cont,
                               uint32_t ncont, const stated *st, const char *ek, size_t ekl, float *f)
{
    const sitrep_model *m = x->m;
    const sr_entity *en = &x->d->entities.v[e];
    const sr_place_rec *p = sr_geo_place(m, ids[k]);
    uint8_t fl = sr_geo_flags(m, ids[k]);
    for (int i = 0; i < GF_N; i++)
        f[i] = 0;
    f[p->feature == SR_FEATURE_COUNTRY  ? GF_COUNTRY
      : p->feature == SR_FEATURE_ADMIN1 ? GF_ADMIN1
      : p->feature == SR_FEATURE_ADMIN2 ? GF_ADMIN2
                                        : GF_CITY] = 1;
    float lp = p->population ? (float)(__builtin_log10((double)p->population) / 7.0) : 0;
    if (p->feature == SR_FEATURE_CITY)
        f[GF_LOGPOP_TOWN] = lp;
    else if (p->feature != SR_FEATURE_COUNTRY)
        f[GF_LOGPOP_REGION] = lp;
    f[GF_CAPITAL] = (fl & SR_PLACE_CAPITAL) != 0;
    f[GF_SEAT1] = (fl & SR_PLACE_SEAT1) != 0;
    f[GF_SEAT2] = (fl & SR_PLACE_SEAT2) != 0;
    f[GF_VILLAGE] = (fl & SR_PLACE_SMALL) != 0;
    if (p->feature != SR_FEATURE_COUNTRY) {
        bool inc = in_countries(g, p->cc), placed = in_place_countries(g, p->cc);
        f[GF_IN_COUNTRY] = placed;
        f[GF_IN_ACTOR_COUNTRY] = inc && !placed;
        /* abroad: outside the countries the document's places name, when
         * they name some (a nationality alone says less) */
        f[GF_FAR_ABROAD] = !inc && g->nplaced_ccs > 0;
    }
    if (p->feature == SR_FEATURE_CITY || p->feature == SR_FEATURE_ADMIN2) {
        if (p->admin1_off != UINT32_MAX)
            for (uint32_t q = 0; q < g->nreg; q++)
                if (g->regions[q] == p->admin1_off && g->reg_ent[q] != e) {
                    f[GF_IN_REGION] = 1;
                    break;
                }
        uint32_t dist = sr_geo_district(m, ids[k]);
        for (uint32_t q = 0; dist != UINT32_MAX && q < g->ndist; q++)
            if (g->districts[q] == dist && g->dist_ent[q] != e) {
                f[GF_IN_DISTRICT] = 1;
                break;
            }
    }
    f[GF_OWN_NAME] = own_name(m, en, g->res_len[e] && g->res_len[e] < en->name_len ? g->res_len[e] : en->name_len,
                              p, ek, ekl);
    f[GF_ALT_SPELLING] = !f[GF_OWN_NAME] && (fl & SR_PLACE_ALTNAMES);
    f[GF_NEAR_CONTAINER] = near_container(m, g, p, cont, ncont);
    /* the only town of its name, among the name's own candidates (not a
     * loose key's) */
    int sv = stated_region(m, st, p, ids[k], lone_in_country(m, g->res_ids[e], g->res_c[e], ids[k]));
    f[GF_STATED_YES] = sv > 0;
    f[GF_STATED_NO] = sv < 0;
    if (p->feature == SR_FEATURE_ADMIN1) {
        if (want_admin)
            f[GF_WANT_REGION] = 1;
        else
            f[GF_REGION_BY_TOWN] = region_score(m, p, ids, c, false) <= -3.0;
    }
    if (p->feature == SR_FEATURE_ADMIN2 && (want_district || want_admin))
        f[GF_WANT_DISTRICT] = 1;
    f[GF_FIRST] = k == 0;
    if (p->has_coords && p->feature != SR_FEATURE_COUNTRY) {
        double km = nearest_other(m, g, e, p, x->d->entities.n);
        f[GF_NEAR_OTHERS] = km < 500 ? (float)(1.0 - km / 500.0) : 0;
    }
}

/* The best of the candidates ids[0 .. c) for entity e, by the ranking's
 * weights; the model's own order breaks ties. */
static uint32_t best_candidate(ectx *x, const geoctx *g, uint32_t e, const uint32_t *ids, uint32_t c)
{
    const sitrep_model *m = x->m;
    const sr_entity *en = &x->d->entities.v[e];
    bool want_admin = wants_region(x, en), want_district = wants_district(x, en);
    int kind = 0;
    if (g->res_len[e] < en->name_len && kind_stem(en->name, en->name_len, &kind) == g->res_len[e]) {
        want_district |= kind == 1; /* "Anka LGA" */
        want_admin |= kind == 2;
    }
    uint32_t cont[4], ncont = containers(x, e, cont, 4);
    stated st;
    stated_places(x, en, &st);
    char ek[128];
    size_t ekl = 0; /* the name's key, made when a candidate needs it */
    for (uint32_t k = 0; k < c; k++)
        if (has_non_ascii(m->strs + sr_geo_place(m, ids[k])->name_off)) {
            ekl = sr_place_key(en->name, g->res_len[e] ? g->res_len[e] : en->name_len, ek, sizeof ek);
            if (ekl >= sizeof ek)
                ekl = 0;
            break;
        }
    /* A continent's own name is the continent ("Africa", "Western Europe") */
    for (uint32_t k = 0; k < c; k++)
        if (sr_geo_place(m, ids[k])->feature == SR_FEATURE_CONTINENT)
            return ids[k];
    /* A country's own name is the country ("Brazil", "Iran": no Brazil,
     * Indiana, nor Iraan, Texas), unless the document names the country
     * of a region so called ("Georgia" in a US story) or asks for one. */
    for (uint32_t k = 0; k < c; k++) {
        const sr_place_rec *p = sr_geo_place(m, ids[k]);
        if (p->feature != SR_FEATURE_COUNTRY)
            continue;
        /* ... unless the text puts it in a region of another country,
         * where a town of the name lies ("Salvador (Bahia)") */
        if (stated_region(m, &st, p, ids[k], false) < 0) {
            bool town_in = false;
            for (uint32_t q = 0; q < c && !town_in; q++)
                town_in = q != k && sr_geo_place(m, ids[q])->feature != SR_FEATURE_COUNTRY &&
                          stated_region(m, &st, sr_geo_place(m, ids[q]), ids[q], false) > 0;
            if (town_in)
                break;
        }
        for (uint32_t q = 0; q < c; q++) {
            const sr_place_rec *o = sr_geo_place(m, ids[q]);
            if (o->feature == SR_FEATURE_ADMIN1 && memcmp(o->cc, p->cc, 2) != 0 &&
                (in_countries(g, o->cc) || want_admin))
                return ids[q];
        }
        return ids[k];
    }
    /* More candidates than the ranking looks at ("Buenos Aires", a
     * hundred towns): the gazetteer's first, then those in the region or
     * country the text puts the name in, then those in the document's
     * countries, then the rest, each in the gazetteer's order. */
    uint32_t *sel = c > 32 ? sr_arena_alloc(x->d->arena, 32 * sizeof *sel) : NULL;
    if (sel) {
        uint32_t n = 0;
        sel[n++] = ids[0];
        for (int pass = 0; pass < 3 && n < 32; pass++)
            for (uint32_t k = 1; k < c && n < 32; k++) {
                const sr_place_rec *p = sr_geo_place(m, ids[k]);
                bool yes = stated_region(m, &st, p, ids[k], false) > 0, inc = in_countries(g, p->cc);
                if (pass == 0 ? yes : pass == 1 ? !yes && inc : !yes && !inc)
                    sel[n++] = ids[k];
            }
        ids = sel;
        c = n;
    }
    const float *w = m->geo_weights && m->ngeo_weights == GF_N ? m->geo_weights : gf_default;
    float fs[32 * GF_N];
    double best = -1e9;
    uint32_t pick = ids[0];
    for (uint32_t k = 0; k < c && k < 32; k++) {
        float *f = fs + k * GF_N;
        candidate_features(x, g, e, ids, c, k, want_admin, want_district, cont, ncont, &st, ek, ekl, f);
        double s = -0.001 * k;
        for (int i = 0; i < GF_N; i++)
            s += (double)w[i] * f[i];
        if (s > best) {
            best = s;
            pick = ids[k];
        }
    }
    if (sr_geo_trace)
        sr_geo_trace(sr_geo_trace_ctx, x->d, e, ids, c < 32 ? c : 32, fs, GF_N);
    /* a region the text asks for by its kind ("Donetsk region", "Idlib
     * province") is the region, not a town of the name, when the text puts
     * it nowhere else */
    const sr_place_rec *pp = sr_geo_place(m, pick);
    static const char *const region_kinds[] = {"province", "region", "governorate", "oblast", NULL};
    if (pp->feature == SR_FEATURE_CITY && want_admin && followed_by(x->d, en, region_kinds))
        for (uint32_t k = 0; k < c && k < 32; k++)
            if (sr_geo_place(m, ids[k])->feature == SR_FEATURE_ADMIN1 && !fs[k * GF_N + GF_STATED_NO])
                return ids[k];
    /* a region the text does not ask for, named like a sizable town in it,
     * is that town ("New York", "Geneva"): the more precise reading */
    if (pp->feature == SR_FEATURE_ADMIN1 && !want_admin)
        for (uint32_t k = 0; k < c && k < 32; k++) {
            const sr_place_rec *o = sr_geo_place(m, ids[k]);
            if (o->feature == SR_FEATURE_CITY && o->population >= 100000 && o->admin1_off == pp->name_off &&
                memcmp(o->cc, pp->cc, 2) == 0 && !fs[k * GF_N + GF_STATED_NO])
                return ids[k];
        }
    return pick;
}

/* Is the chosen town likely the text's, not a namesake elsewhere (better
 * no place than a wrong one)?  It lies in the region the text puts it
 * in; a hamlet lies in a country the document names ("Lalo village (Sai
 * Buri, Pattani)" is no Lalo of Benin). */
static bool plausible_town(ectx *x, const geoctx *g, const sr_entity *en, const uint32_t *ids, uint32_t c,
                           uint32_t pick)
{
    stated st;
    const sr_place_rec *p = sr_geo_place(x->m, pick);
    if (p->feature != SR_FEATURE_CITY && p->feature != SR_FEATURE_ADMIN2)
        return true;
    stated_places(x, en, &st);
    (void)ids;
    (void)c;
    uint32_t e = (uint32_t)(en - x->d->entities.v);
    int sv = stated_region(x->m, &st, p, pick, lone_in_country(x->m, g->res_ids[e], g->res_c[e], pick));
    if (sv < 0)
        return false;
    if (sv > 0)
        return true; /* in the region the text puts it in: "Nara (Nara, Koulikoro)" */
    return (p->population >= 1000 && !(sr_geo_flags(x->m, (uint32_t)(p - x->m->places)) & SR_PLACE_SMALL)) ||
           !g->nccs || in_countries(g, p->cc);
}

/* Is the town p, of entity en, far from the town the text puts it in
 * ("Lyttelton in Centurion", "University Heights in San Diego": a part of
 * that town, not a namesake 100 km or a continent away)?  The town after
 * "in" right after one of its mentions, when it is placed. */
static bool far_from_town_in(ectx *x, const sr_entity *en, const sr_place_rec *p)
{
    const sr_doc *d = x->d;
    const sitrep_model *m = x->m;
    if (p->feature != SR_FEATURE_CITY || !p->has_coords)
        return false;
    for (uint32_t q = 0; q < en->nmentions && q < 8; q++) {
        const sr_mention *mn = &d->mentions.v[en->mentions[q]];
        uint32_t nx = mn->tok_first + mn->tok_n;
        if (nx + 1 >= d->tokens.n || !sr_ent_tok_is(d, nx, "in"))
            continue;
        int32_t at = sr_ent_mention_at_tok(d, nx + 1);
        if (at < 0)
            continue;
        uint32_t y = d->mentions.v[at].entity;
        if (y >= d->entities.n || &d->entities.v[y] == en || d->entities.v[y].place == UINT32_MAX)
            continue;
        const sr_place_rec *t = sr_geo_place(m, d->entities.v[y].place);
        if (t->feature != SR_FEATURE_CITY || !t->has_coords || t == p)
            continue;
        if (approx_km(p->lat, p->lon, t->lat, t->lon) > 50.0)
            return true;
    }
    return false;
}

/* Is the town p, of entity e, a namesake abroad (GeoNames' Toro of
 * Nigeria for "Tourou town, Mokolo subdivision (Mayo-Tsanaga,
 * Extreme-Nord)", Elmali of Turkey for "Almaly district" of a story of
 * Almaty)?  No place of the document but p's own name names p's country
 * (a nationality alone does not count), no other placed entity lies in it,
 * every other placed town or region lies over STRAY_KM away and one of
 * them lies in a country another name names (a place's or a group's:
 * "the Taliban" and Khost for Yaqobi); a capital or a city of STRAY_POP
 * people or more is known enough abroad to stay ("talks in Geneva"). */
#define STRAY_KM 300.0
#define STRAY_POP 100000u
static bool stray_abroad(ectx *x, const geoctx *g, uint32_t e, const sr_place_rec *p)
{
    const sr_doc *d = x->d;
    const sitrep_model *m = x->m;
    if ((p->feature != SR_FEATURE_CITY && p->feature != SR_FEATURE_ADMIN2) || !p->has_coords ||
        p->population >= STRAY_POP || (sr_geo_flags(m, (uint32_t)(p - m->places)) & SR_PLACE_CAPITAL))
        return false;
    /* p's country, named by a place other than p's own name */
    for (uint32_t c = 0; c < g->nccs; c++)
        if (!g->by_actor[c] && g->cc_ent[c] != e && memcmp(g->ccs[c], p->cc, 2) == 0)
            return false;
    bool other = false;
    /* at most 32 other placed entities looked at: linear in the document */
    for (uint32_t o = 0, seen = 0; o < d->entities.n && seen < 32; o++) {
        const sr_entity *on = &d->entities.v[o];
        if (o == e || on->place == UINT32_MAX)
            continue;
        seen++;
        const sr_place_rec *q = sr_geo_place(m, on->place);
        if (q->feature == SR_FEATURE_CONTINENT || !q->cc[0])
            continue;
        if (memcmp(q->cc, p->cc, 2) == 0)
            return false;
        if (q->feature == SR_FEATURE_COUNTRY || !q->has_coords)
            continue;
        if (approx_km(p->lat, p->lon, q->lat, q->lon) <= STRAY_KM)
            return false;
        /* the evidence against p: a town or region of a country another
         * name of the document names ("Ukraine" alone says nothing of
         * where Como is, nor Laconia, New Hampshire of Skala) */
        for (uint32_t c = 0; c < g->nccs && !other; c++)
            other = g->cc_ent[c] != o && memcmp(g->ccs[c], q->cc, 2) == 0;
    }
    if (!other)
        return false;
    /* in the region the text puts it in ("Rincon (Georgia)") */
    stated st;
    stated_places(x, &d->entities.v[e], &st);
    return stated_region(m, &st, p, (uint32_t)(p - m->places), false) <= 0;
}

/* Puts the entity on the map: a country is a GPE, and a GPE without an
 * actor takes its country's code. */
static void place_entity(ectx *x, sr_entity *en, uint32_t pick)
{
    const sr_place_rec *p = sr_geo_place(x->m, pick);
    en->place = pick;
    if (p->feature == SR_FEATURE_COUNTRY && en->type == SR_ENT_LOC)
        en->type = SR_ENT_GPE;
    if (!en->has_actor && en->type == SR_ENT_GPE) {
        const char *c3 = sr_geo_iso3(x->m, p->cc);
        if (c3) {
            sr_ent_set_actor(&en->actor, c3, NULL, NULL, NULL);
            en->has_actor = true;
        }
    }
}

/* ---- names the gazetteer lacks, placed where the text puts them -------------
 * "in Hukam Qala village of Giro district", "Kyun Ywar village (Kani
 * township, Yinmarbin district, Sagaing region)": a village the gazetteer
 * does not know, inside a district or region the text names, is put at
 * that district (ACLED's geo_precision 2) or region (3), its own name
 * kept: honest about what is known, never a namesake elsewhere at
 * precision 1. */

/* The district or region the text puts entity e in, among the placed
 * entities listed after its mentions (up to three hops: "X (Y, Z, W)"):
 * the first district that lies in the first region named (or any, when
 * none is), else that region.  UINT32_MAX when none, or when a town comes
 * first ("In Taw village (Ye-U township, ...)": Ye-U is the point). */
static uint32_t stated_container(ectx *x, uint32_t e)
{
    const sr_doc *d = x->d;
    const sitrep_model *m = x->m;
    const sr_entity *en = &d->entities.v[e];
    uint32_t dist = UINT32_MAX, reg = UINT32_MAX;
    for (uint32_t q = 0; q < en->nmentions && q < 8 && reg == UINT32_MAX; q++) {
        const sr_mention *mn = &d->mentions.v[en->mentions[q]];
        uint32_t nx = mn->tok_first + mn->tok_n;
        for (int hop = 0; hop < 4; hop++) {
            int32_t after = container_after(d, nx, true);
            if (after < 0)
                break;
            const sr_mention *rm = &d->mentions.v[after];
            nx = rm->tok_first + rm->tok_n;
            if (rm->entity == e || rm->entity >= d->entities.n)
                continue;
            uint32_t pid = d->entities.v[rm->entity].place;
            const sr_place_rec *p = pid != UINT32_MAX ? sr_geo_place(m, pid) : NULL;
            if (!p)
                continue;
            /* a town the text puts it in or beside is on the map
             * already, and closer than any district */
            if (p->feature == SR_FEATURE_CITY && dist == UINT32_MAX)
                return UINT32_MAX;
            if (p->feature == SR_FEATURE_ADMIN2 && dist == UINT32_MAX)
                dist = pid;
            else if (p->feature == SR_FEATURE_ADMIN1) {
                reg = pid;
                break;
            } else if (p->feature == SR_FEATURE_COUNTRY)
                break;
        }
    }
    if (dist != UINT32_MAX) {
        const sr_place_rec *dp = sr_geo_place(m, dist);
        const sr_place_rec *rp = reg != UINT32_MAX ? sr_geo_place(m, reg) : NULL;
        if (!rp || (memcmp(dp->cc, rp->cc, 2) == 0 && dp->admin1_off == rp->name_off))
            return dist;
    }
    return reg;
}

/* Names of places the gazetteer lacks (or only has far away), and names
 * the tagger called a person or organization that the text calls a
 * village ("Pana village"), put at the district or region the text puts
 * them in.  After every other entity is placed, so that the containers
 * are. */
static void place_by_container(ectx *x, const geoctx *g)
{
    sr_doc *d = x->d;
    /* decided first, assigned after: a container is a place the
     * gazetteer gave, never another name placed here */
    uint32_t *at = sr_arena_alloc(d->arena, (d->entities.n + 1) * sizeof *at);
    if (!at)
        return;
    for (uint32_t e = 0; e < d->entities.n; e++) {
        sr_entity *en = &d->entities.v[e];
        at[e] = UINT32_MAX;
        if (en->place != UINT32_MAX || en->type == SR_ENT_FAC || en->type == SR_ENT_NORP || !en->nmentions)
            continue;
        bool village = false;
        for (uint32_t q = 0; q < en->nmentions && !village; q++) {
            const sr_mention *mn = &d->mentions.v[en->mentions[q]];
            village = village_kind_at(d, mn->tok_first + mn->tok_n);
        }
        if (sr_ent_type_class(en->type) != 2) {
            /* a person or organization only when the text calls it a
             * village, with no title, role or actor of its own */
            if (!village || en->title || en->role || (en->has_actor && en->actor.sector[0]))
                continue;
        } else if (!placeable(x, g, e))
            continue;
        at[e] = stated_container(x, e);
    }
    for (uint32_t e = 0; e < d->entities.n; e++) {
        sr_entity *en = &d->entities.v[e];
        if (at[e] == UINT32_MAX)
            continue;
        if (sr_ent_type_class(en->type) != 2) {
            en->type = SR_ENT_GPE;
            en->has_actor = false;
            en->affiliation = -1;
            for (uint32_t q = 0; q < en->nmentions; q++)
                d->mentions.v[en->mentions[q]].type = SR_ENT_GPE;
        }
        en->place = at[e]; /* no actor: a village's country says nothing of who acted */
    }
}

/* A name the gazetteer has under no spelling of its key, by its loose key
 * ("Staromykhaylivka" for GeoNames' Staromykhailivka): the towns and
 * districts that share it in a region the document names, or in a
 * country it names within 150 km of its other places (a loose key alone
 * is weak evidence).  Returns how many, into *ids. */
static uint32_t loose_candidates(ectx *x, const geoctx *g, uint32_t e, const uint32_t **ids)
{
    const sr_entity *en = &x->d->entities.v[e];
    const sitrep_model *m = x->m;
    const uint32_t *all;
    uint32_t c = sr_geo_lookup_loose(m, en->name, en->name_len, &all), n = 0;
    if (!c)
        return 0;
    uint32_t *keep = sr_arena_alloc(x->d->arena, c * sizeof *keep);
    if (!keep)
        return 0;
    for (uint32_t k = 0; k < c; k++) {
        const sr_place_rec *p = sr_geo_place(m, all[k]);
        if (p->feature != SR_FEATURE_CITY && p->feature != SR_FEATURE_ADMIN2)
            continue;
        bool in_region = false;
        for (uint32_t q = 0; q < g->nreg && !in_region; q++)
            in_region = g->regions[q] == p->admin1_off && g->reg_ent[q] != e &&
                        memcmp(g->reg_cc[q], p->cc, 2) == 0;
        if (in_region || (in_countries(g, p->cc) && nearest_other(m, g, e, p, x->d->entities.n) <= 150.0))
            keep[n++] = all[k];
    }
    *ids = keep;
    return n;
}

/* Places on the map, after the other entities give the document's
 * countries. */
void sr_ent_geocode(ectx *x)
{
    sr_doc *d = x->d;
    if (!x->m->nplaces)
        return;
    geoctx g = {.nccs = 0};
    named_countries(x, &g);
    if (!place_candidates(x, &g))
        return;
    for (uint32_t q = 0; q < g.nccs; q++)
        g.nplaced_ccs += !g.by_actor[q];
    for (uint32_t e = 0; e < d->entities.n; e++) {
        sr_entity *en = &d->entities.v[e];
        if (sr_ent_type_class(en->type) != 2 || !placeable(x, &g, e))
            continue;
        const uint32_t *ids = g.res_ids[e];
        uint32_t c = g.res_c[e], one_id;
        /* else the first of its other names that the gazetteer knows */
        for (uint32_t q = 0; !c && q < en->nmentions; q++) {
            uint32_t n;
            const char *s = sr_ent_mtext(d, &d->mentions.v[en->mentions[q]], &n);
            c = sr_ent_resolve_name(x, s, n, &ids, &one_id);
        }
        if (!c)
            c = loose_candidates(x, &g, e, &ids);
        if (!c)
            continue;
        uint32_t pick = best_candidate(x, &g, e, ids, c);
        if (plausible_town(x, &g, en, ids, c, pick)) {
            place_entity(x, en, pick);
            continue;
        }
        /* a namesake elsewhere only: another romanization may be here */
        if ((c = loose_candidates(x, &g, e, &ids)) > 0) {
            pick = best_candidate(x, &g, e, ids, c);
            if (plausible_town(x, &g, en, ids, c, pick))
                place_entity(x, en, pick);
        }
    }
    /* a town far from the town the text puts it in is a part of that one
     * the gazetteer lacks: decided first, then taken off the map (with the
     * country code its place gave it) */
    bool *far = sr_arena_alloc(d->arena, (d->entities.n + 1) * sizeof *far);
    for (uint32_t e = 0; far && e < d->entities.n; e++) {
        const sr_entity *en = &d->entities.v[e];
        far[e] = en->place != UINT32_MAX && (far_from_town_in(x, en, sr_geo_place(x->m, en->place)) ||
                                             stray_abroad(x, &g, e, sr_geo_place(x->m, en->place)));
    }
    for (uint32_t e = 0; far && e < d->entities.n; e++) {
        sr_entity *en = &d->entities.v[e];
        if (!far[e])
            continue;
        const char *c3 = sr_geo_iso3(x->m, sr_geo_place(x->m, en->place)->cc);
        if (en->has_actor && c3 && strcmp(en->actor.country, c3) == 0 && !en->actor.sector[0])
            en->has_actor = false;
        en->place = UINT32_MAX;
    }
    place_by_container(x, &g);
}
