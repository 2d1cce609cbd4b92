/*
 * entity.c: stage "entities".  Input: the name tagger's labels (ner.c),
 * lexicon matches, tags.  Output: doc->mentions, doc->entities (one per
 * referent, with all its mentions), doc->groups (group noun phrases that
 * can act: "the Syrian army", "Kurdish and Arab fighters").
 *
 *   1. Mentions: the tagger's names (PER -> PERSON, ORG -> ORG, LOC ->
 *      GPE, LOC or FAC by the gazetteer and the name's last word, MISC ->
 *      NORP when it is a nationality or group word, else dropped); named
 *      actors, places and nationality words of our lexicons that the
 *      tagger missed; the country or group before a hyphen ("US-backed",
 *      "Iranian-led"); acronyms defined in parentheses.
 *   2. Entities: mentions join by acronym definition, by lexicon entry
 *      (IS and Islamic State are one entry), by place key (Raqqa, Raqqah),
 *      by name, a surname to the full name before or after it, and an
 *      acronym to the organization whose initials it spells.
 *   3. Each entity's name (its longest mention), aliases, a person's title,
 *      role and affiliation, and its actor code (actor.c).
 *   4. Places are put on the map (place.c) using the document's
 *      other places.
 */
#include "meaning/entity_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <xxhash.h>

const char *const sr_ent_type_names[SR_ENT__COUNT] = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"};

/* ---- helpers ---------------------------------------------------------------- */

const char *sr_ent_tv(const sr_doc *d, uint32_t tok, uint32_t *n)
{
    const sr_token *t = &d->tokens.v[tok];
    *n = t->nend - t->nstart;
    return d->norm + t->nstart;
}

bool sr_ent_tok_is(const sr_doc *d, uint32_t tok, const char *w)
{
    uint32_t n;
    const char *s = sr_ent_tv(d, tok, &n);
    if (!n)
        return !w[0];
    return s[0] == w[0] && n == strlen(w) && memcmp(s, w, n) == 0; /* the first byte first */
}

bool sr_ent_tok_is_ci(const sr_doc *d, uint32_t tok, const char *w)
{
    uint32_t n;
    const char *s = sr_ent_tv(d, tok, &n);
    return sr_same_word(s, n, w);
}

bool sr_ent_is_acronym(const char *s, uint32_t n)
{
    uint32_t letters = 0;
    for (uint32_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            letters++;
        else if (c != '.' && c != '&' && !(c >= '0' && c <= '9') && c != '-')
            return false;
    }
    return letters >= 2 && letters <= 8;
}

/* The key two names share when they are the same name: lower case, dots
 * and a leading "the" dropped, spaces squeezed. */
static uint64_t name_key(const char *s, size_t n, int cls)
{
    char buf[256];
    size_t o = 0;
    if (n > 4 && strncasecmp(s, "the ", 4) == 0)
        s += 4, n -= 4;
    for (size_t i = 0; i < n && o < sizeof buf; i++) {
        char c = s[i];
        if (c == '.')
            continue;
        if (c == ' ' || c == '\n' || c == '\t') {
            if (o && buf[o - 1] != ' ')
                buf[o++] = ' ';
            continue;
        }
        buf[o++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    return XXH3_64bits_withSeed(buf, o, (uint64_t)cls + 1) | 1;
}

/* Entity type classes that may share one referent: people; organizations
 * and groups; places. */
int sr_ent_type_class(int type)
{
    switch (type) {
    case SR_ENT_PERSON: return 0;
    case SR_ENT_ORG: return 1;
    case SR_ENT_NORP: return 3;
    default: return 2;
    }
}

/* ---- mentions ------------------------------------------------------------------ */

static bool country_code_written(const char *name, uint32_t len, const char *code, uint32_t cl);


/* Per token: the lexicon match starting there, and the one covering it
 * (index + 1, 0 for none); matches never overlap. */

static sr_mention *add_mention(ectx *x, uint32_t first, uint32_t n, int type, int src)
{
    sr_doc *d = x->d;
    sr_mention *mn = SR_VEC_PUSH(d->arena, &d->mentions);
    if (!mn)
        return NULL;
    mn->tok_first = first;
    mn->tok_n = n;
    mn->start = d->tokens.v[first].start;
    mn->end = d->tokens.v[first + n - 1].end;
    mn->type = (uint8_t)type;
    mn->src = (uint8_t)src;
    mn->entity = UINT32_MAX;
    return mn;
}

/* The lexicon match that covers exactly tokens [first, first+n), or the
 * one inside them of `kind`, or NULL. */
static const sr_match *match_in(const sr_doc *d, uint32_t first, uint32_t n, int kind)
{
    for (uint32_t i = first; i < first + n; i++) {
        uint32_t k = d->match_start[i];
        if (!k)
            continue;
        const sr_match *mt = &d->matches.v[k - 1];
        if (mt->tok_first + mt->tok_n <= first + n && (kind == 0 || mt->rec->kind == kind))
            return mt;
    }
    return NULL;
}

static const char *const fac_words[] = {"Airport", "Airbase", "Base", "Bridge", "Dam", "Hospital",
                                  "Stadium", "Palace", "Mosque", "Church", "Square", "Street",
                                  "Road", "Highway", "Prison", "Embassy", "Tower", "Port",
                                  "Station", "Camp", NULL};
static const char *const loc_words[] = {"River", "Sea", "Ocean", "Lake", "Mountains", "Mountain",
                                  "Valley", "Gulf", "Desert", "Peninsula", "Bay", "Strait",
                                  "Island", "Islands", "Coast", "Plain", "Basin", NULL};
static const char *const continents[] = {"Europe", "Asia", "Africa", "America", "Americas",
                                   "Middle East", "Latin America", "North America",
                                   "South America", "Central America", "Antarctica", "Oceania",
                                   "Balkans", "Caucasus", "Sahel", "Gulf", "Levant",
                                   "Scandinavia", "Caribbean", "Southeast Asia", NULL};

bool sr_ent_in_list(const char *s, size_t n, const char *const *list)
{
    if (!n)
        return false;
    for (int i = 0; list[i]; i++) {
        const char *w = list[i];
        if (w[0] != s[0])
            continue;
        size_t k = 1; /* a shorter w stops at its end, even where s holds a NUL */
        while (k < n && w[k] && w[k] == s[k])
            k++;
        if (k == n && w[n] == 0)
            return true;
    }
    return false;
}

/* GPE, LOC or FAC for a place name the tagger found. */
static int place_type(ectx *x, uint32_t first, uint32_t n)
{
    const sr_doc *d = x->d;
    uint32_t ln;
    const char *last = sr_ent_tv(d, first + n - 1, &ln);
    if (sr_ent_in_list(last, ln, fac_words))
        return SR_ENT_FAC;
    if (sr_ent_in_list(last, ln, loc_words))
        return SR_ENT_LOC;
    uint32_t a = d->tokens.v[first].nstart, b = d->tokens.v[first + n - 1].nend;
    if (sr_ent_in_list(d->norm + a, b - a, continents))
        return SR_ENT_LOC;
    return SR_ENT_GPE;
}

/* A nationality or group word: in our demonyms, or an adjective whose
 * WordNet pertainym is a country in the gazetteer (Syrian -> Syria). */
static bool norp_word(ectx *x, uint32_t first, uint32_t n)
{
    if (match_in(x->d, first, n, SR_LEX_DEMONYM))
        return true;
    if (n != 1)
        return false;
    uint32_t len;
    const char *s = sr_ent_tv(x->d, first, &len);
    char low[64];
    if (len >= sizeof low)
        return false;
    for (uint32_t i = 0; i < len; i++)
        low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    const char *p = sr_wn_pertainym(x->m, low, len);
    if (!p)
        return false;
    const uint32_t *ids;
    uint32_t c = sr_geo_lookup_doc(x->d, x->m, p, strlen(p), &ids);
    return c && sr_geo_place(x->m, ids[0])->feature == SR_FEATURE_COUNTRY;
}

/* The lexicon match of `kind` that ends just before token i, or NULL. */
static const sr_match *match_ending_at(const sr_doc *d, uint32_t i, int kind)
{
    if (i == 0 || !d->match_cover[i - 1])
        return NULL;
    const sr_match *mt = &d->matches.v[d->match_cover[i - 1] - 1];
    return mt->tok_first + mt->tok_n == i && mt->rec->kind == kind ? mt : NULL;
}

static const sr_match *match_at(const sr_doc *d, uint32_t i, int kind)
{
    if (i >= d->tokens.n || !d->match_start[i])
        return NULL;
    const sr_match *mt = &d->matches.v[d->match_start[i] - 1];
    return kind == 0 || mt->rec->kind == kind ? mt : NULL;
}

/* Lower-case words inside place names: Dayr az Zawr, Ras al Ain. */
static const char *const particles[] = {"al", "el", "ez", "az", "as", "ad", "ar", "an", "at", "ash",
                                  "ed", "es", "de", "del", "la", "le", "di", "da", "do", "dos",
                                  "das", "du", "des", "bin", "ibn", "bani", "abu", "um", "umm",
                                  "wa", "y", "los", "las", "lo", "der", "den", "am", "im", "in",
                                  "ob", "sur", "sous", "en", NULL};

static bool is_particle(const char *s, uint32_t n)
{
    char low[8];
    if (n > 4)
        return false; /* the longest is 4 letters */
    for (uint32_t q = 0; q < n; q++)
        low[q] = (s[q] >= 'A' && s[q] <= 'Z') ? (char)(s[q] + 32) : s[q];
    return sr_ent_in_list(low, n, particles);
}

/* A word that can be part of a place name; `edge`: its first or last word,
 * which is never a particle (At California, FLORIDA AT). */
static bool name_part(const sr_doc *d, uint32_t i, bool edge)
{
    const sr_token *t = &d->tokens.v[i];
    if (t->kind != SR_TOK_WORD)
        return false;
    uint32_t n;
    const char *s = sr_ent_tv(d, i, &n);
    if (t->flags & SR_TF_CAP)
        return !(edge && is_particle(s, n)) && !(!edge && is_particle(s, n) && (t->flags & SR_TF_ALLCAPS));
    const char *h = memchr(s, '-', n);
    if (h && h + 1 < s + n && h[1] >= 'A' && h[1] <= 'Z')
        return true; /* ez-Zor, al-Raqqa */
    return !edge && sr_ent_in_list(s, n, particles);
}

/* "Chilpancingo de los Bravo": an official name the gazetteer lacks,
 * whose part before "de"/"del" it knows as a town (only a town: the region
 * checks of sr_ent_geocode() keep namesakes out).  Returns the town's candidates,
 * or 0. */
static uint32_t official_name_town(const sr_doc *d, const sitrep_model *m, const char *name, uint32_t len,
                                   const uint32_t **ids)
{
    for (uint32_t q = 1; q + 5 < len; q++)
        if (name[q] == ' ' && name[q + 1] == 'd' && name[q + 2] == 'e' &&
            (name[q + 3] == ' ' || (name[q + 3] == 'l' && name[q + 4] == ' '))) {
            uint32_t c = sr_geo_lookup_doc(d, m, name, q, ids);
            for (uint32_t k = 0; k < c; k++)
                if (sr_geo_place(m, (*ids)[k])->feature != SR_FEATURE_CITY)
                    return 0;
            return c;
        }
    return 0;
}

/* Where the gazetteer knows a name of several words that the tagger cut
 * ("Deir" + "ez-Zor", "Dayr" + "az" + "Zawr"), the gazetteer's span wins;
 * returns its length from token i, or 0. */
static uint32_t gazetteer_span(ectx *x, uint32_t i)
{
    sr_doc *d = x->d;
    /* cheap tests first: a capitalized word, labelled or before a word the
     * tagger knows badly (ez-Zor, az) */
    if (!(d->tokens.v[i].flags & SR_TF_CAP) || i + 1 >= d->tokens.n)
        return 0;
    if (!d->ner[i] && !d->ner[i + 1]) {
        /* unlabelled: only before a word the tagger knows badly */
        const sr_token *nx = &d->tokens.v[i + 1];
        if ((nx->flags & SR_TF_CAP) || nx->kind != SR_TOK_WORD)
            return 0;
        uint32_t nl;
        const char *w = sr_ent_tv(d, i + 1, &nl);
        const char *h = (nx->flags & SR_TF_HYPHEN) ? memchr(w, '-', nl) : NULL;
        if (!(h && h + 1 < w + nl && h[1] >= 'A' && h[1] <= 'Z') && !is_particle(w, nl))
            return 0;
    }
    if (!name_part(d, i, true))
        return 0;
    uint32_t maxn = 1;
    bool particle = false; /* "ez-Zor", "az": names the tagger knows badly */
    while (maxn < 6 && i + maxn < d->tokens.n && name_part(d, i + maxn, false) &&
           !memchr(d->text + d->tokens.v[i + maxn - 1].end, '\n',
                   d->tokens.v[i + maxn].start - d->tokens.v[i + maxn - 1].end)) {
        particle |= !(d->tokens.v[i + maxn].flags & SR_TF_CAP);
        maxn++;
    }
    if (maxn < 2 || (!particle && !d->ner[i] && !d->ner[i + 1]))
        return 0;
    for (uint32_t n = maxn; n >= 2; n--) {
        if (!name_part(d, i + n - 1, true))
            continue; /* a name ends in a name word */
        /* only where the tagger split it or missed it, none of its names
         * running out */
        bool out = (i > 0 && d->ner[i] && d->ner[i] % 2 == 0) ||
                   (i + n < d->tokens.n && d->ner[i + n] && d->ner[i + n] % 2 == 0);
        if (out)
            continue;
        uint32_t starts = 0, labelled = 0;
        for (uint32_t j = i; j < i + n; j++) {
            starts += d->ner[j] && (d->ner[j] % 2 == 1);
            labelled += d->ner[j] != 0;
        }
        if (starts < 2 && labelled == n)
            continue; /* the tagger's one name already: keep it */
        if (!labelled && !particle)
            continue;
        const uint32_t *ids;
        uint32_t a = d->tokens.v[i].nstart, b = d->tokens.v[i + n - 1].nend;
        uint32_t c = sr_geo_lookup_doc(d, x->m, d->norm + a, b - a, &ids);
        if (!c)
            c = official_name_town(d, x->m, d->norm + a, b - a, &ids);
        if (!c)
            continue;
        /* a name the tagger missed entirely must be a sizable place */
        const sr_place_rec *p = sr_geo_place(x->m, ids[0]);
        if (!labelled && p->feature == SR_FEATURE_CITY && p->population < 50000)
            continue;
        return n;
    }
    return 0;
}

/* Does the text call this mention a place: "the city of X", "the town of
 * X", "X province", "X governorate"? */
static bool place_cue(const sr_doc *d, const sr_mention *mn)
{
    static const char *const before[] = {"city", "town", "village", "province", "region", "district",
                                   "capital", "governorate", "port", "suburb", "suburbs", "outskirts",
                                   "streets", "centre", "center", "municipality", "county",
                                   "prefecture", "mayor", "residents", NULL};
    static const char *const after[] = {"province", "governorate", "district", "region", "city",
                                        "town", "county", "state", "village", "villages",
                                        "township", "municipality", "commune", "prefecture",
                                        "department", "neighbourhood", "neighborhood", NULL};
    uint32_t i = mn->tok_first;
    if (i >= 2 && sr_ent_tok_is(d, i - 1, "of")) {
        uint32_t n;
        const char *w = sr_ent_tv(d, i - 2, &n);
        if (sr_ent_in_list(w, n, before))
            return true;
    }
    uint32_t j = mn->tok_first + mn->tok_n;
    if (j < d->tokens.n) {
        uint32_t n;
        const char *w = sr_ent_tv(d, j, &n);
        if (sr_ent_in_list(w, n, after))
            return true;
    }
    return false;
}

/* Prepositions of place: "in X", "marched through X". */
static const char *const place_preps[] = {"in", "near", "outside", "through", "across", "around",
                                          "into", "toward", "towards", NULL};

static bool place_prep_at(const sr_doc *d, uint32_t i)
{
    for (int k = 0; place_preps[k]; k++)
        if (sr_ent_tok_is_ci(d, i, place_preps[k]))
            return true;
    return false;
}

/* Do the gazetteer's readings of tokens [i, i + n) and of the region
 * named right after them in brackets or after a comma ("Granby
 * (Quebec)", "Tiaong, Quezon") share a country: the text puts the name
 * in a region that has a place of that name? */
static bool in_stated_region(ectx *x, uint32_t i, uint32_t n)
{
    const sr_doc *d = x->d;
    uint32_t j = i + n;
    if (j + 1 >= d->tokens.n || !(sr_ent_tok_is(d, j, "(") || sr_ent_tok_is(d, j, ",")))
        return false;
    uint32_t a = d->tokens.v[i].nstart, b = d->tokens.v[j - 1].nend, one;
    const uint32_t *ids;
    uint32_t c = sr_ent_resolve_name(x, d->norm + a, b - a, &ids, &one);
    if (!c)
        return false;
    for (uint32_t w = 1; w <= 3 && j + w < d->tokens.n; w++) {
        const sr_token *t = &d->tokens.v[j + w];
        if (t->kind != SR_TOK_WORD || !(t->flags & SR_TF_CAP))
            break;
        uint32_t ra = d->tokens.v[j + 1].nstart, rb = t->nend, rone;
        const uint32_t *rids;
        uint32_t rc = sr_ent_resolve_name(x, d->norm + ra, rb - ra, &rids, &rone);
        for (uint32_t r = 0; r < rc && r < 16; r++) {
            const sr_place_rec *rp = sr_geo_place(x->m, rids[r]);
            if (rp->feature == SR_FEATURE_CITY)
                continue;
            for (uint32_t k = 0; k < c && k < 32; k++) {
                const sr_place_rec *p = sr_geo_place(x->m, ids[k]);
                if (p != rp && memcmp(p->cc, rp->cc, 2) == 0)
                    return true;
            }
        }
    }
    return false;
}

/* A name the tagger gave no type of ours (MISC, not a nationality) that
 * the text puts on the map: after a preposition of place, a name the
 * gazetteer knows ("demonstrated in Granby"); or before a region that
 * has a place of that name ("Granby (Quebec)"). */
static bool misc_place(ectx *x, uint32_t i, uint32_t n)
{
    const sr_doc *d = x->d;
    if (in_stated_region(x, i, n))
        return true;
    if (i == 0 || !place_prep_at(d, i - 1) || (i + n < d->tokens.n && sr_ent_tok_is(d, i + n, "'s")))
        return false;
    uint32_t a = d->tokens.v[i].nstart, b = d->tokens.v[i + n - 1].nend, one;
    const uint32_t *ids;
    return sr_ent_resolve_name(x, d->norm + a, b - a, &ids, &one) != 0;
}

static uint32_t unlabelled_place(ectx *x, uint32_t i)
{
    const sr_doc *d = x->d;
    const sr_token *t = d->tokens.v;
    /* not a sentence's first word: after a word, a comma or a bracket
     * ("(Ye-U township, ...)") */
    if (!(t[i].flags & SR_TF_CAP) || t[i].kind != SR_TOK_WORD || i == 0 ||
        (t[i - 1].kind != SR_TOK_WORD && !sr_ent_tok_is(d, i - 1, ",") && !sr_ent_tok_is(d, i - 1, "(")) ||
        (t[i - 1].flags & SR_TF_SENT_END))
        return 0;
    uint32_t n = 0;
    while (n < 4 && i + n < d->tokens.n && !d->ner[i + n] && t[i + n].kind == SR_TOK_WORD &&
           (t[i + n].flags & SR_TF_CAP) && !(t[i + n].flags & SR_TF_ALLCAPS))
        n++;
    if (!n || i + n >= d->tokens.n)
        return 0;
    uint32_t wl;
    const char *w = sr_ent_tv(d, i + n, &wl);
    /* only the words after the name count here, not "the city of" */
    static const char *const after[] = {"village", "villages", "township", "district",
                                        "province", "governorate", "municipality", "county",
                                        "region", "prefecture", "commune", NULL};
    if (sr_ent_in_list(w, wl, after))
        return n;
    /* "Rajouri city", "Balcad town": only a name the gazetteer knows */
    static const char *const town[] = {"city", "town", NULL};
    if (sr_ent_in_list(w, wl, town)) {
        uint32_t a = t[i].nstart, b = t[i + n - 1].nend;
        const uint32_t *ids;
        if (sr_geo_lookup_doc(d, x->m, d->norm + a, b - a, &ids))
            return n;
    }
    /* "demonstrated in Cahors.", "near Balcad town", "marched through
     * Catskill": after a preposition of place, a name the gazetteer knows
     * as a town or region */
    if (place_prep_at(d, i - 1)) {
        for (uint32_t k = n; k >= 1; k--) {
            uint32_t a = t[i].nstart, b = t[i + k - 1].nend;
            const uint32_t *ids;
            if (sr_geo_lookup_doc(d, x->m, d->norm + a, b - a, &ids))
                return k;
        }
    }
    return 0;
}

/* The tagger's name of label l at tokens [*i, *i + *n) without what is no
 * part of it: a direction before a place the gazetteer lacks ("NORTHERN
 * MALI" in a headline), a title before a person ("Brigadier Ann
 * Mwangi"). */
static void trim_name(ectx *x, int l, uint32_t *i, uint32_t *n)
{
    static const char *const compass[] = {"northern", "southern", "eastern", "western", "central",
                                          "northeastern", "northwestern", "southeastern",
                                          "southwestern", NULL};
    const sr_doc *d = x->d;
    if ((l + 1) / 2 == 3 && *n > 1) {
        uint32_t wl, k = *i + *n;
        const char *w = sr_ent_tv(d, *i, &wl);
        char low[16];
        const uint32_t *ids;
        uint32_t a = d->tokens.v[*i].nstart, b = d->tokens.v[k - 1].nend;
        if (wl < sizeof low) {
            for (uint32_t q = 0; q < wl; q++)
                low[q] = (w[q] >= 'A' && w[q] <= 'Z') ? (char)(w[q] + 32) : w[q];
            if (sr_ent_in_list(low, wl, compass) && !sr_geo_lookup_doc(d, x->m, d->norm + a, b - a, &ids))
                (*i)++, (*n)--;
        }
    }
    /* "U.S. Treasury-bonds": a country and words the gazetteer knows no
     * place of, with or without the country: the country alone */
    if ((l + 1) / 2 == 3 && *n > 1) {
        const uint32_t *ids;
        uint32_t one, a = d->tokens.v[*i].nstart, b = d->tokens.v[*i + *n - 1].nend;
        uint32_t a1 = d->tokens.v[*i].nend, r = d->tokens.v[*i + 1].nstart;
        if (!sr_ent_resolve_name(x, d->norm + a, b - a, &ids, &one) &&
            sr_ent_resolve_name(x, d->norm + a, a1 - a, &ids, &one) &&
            sr_geo_place(x->m, ids[0])->feature == SR_FEATURE_COUNTRY &&
            !sr_ent_resolve_name(x, d->norm + r, b - r, &ids, &one)) {
            *n = 1;
            return;
        }
    }
    if ((l + 1) / 2 == 1 && *n > 1) {
        const sr_match *tm = match_at(d, *i, SR_LEX_TITLE);
        if (tm && tm->tok_n < *n)
            *i += tm->tok_n, *n -= tm->tok_n;
    }
}

/* The entity type of the tagger's name of label l at tokens [i, i + n)
 * (k: the token after the tagger's whole name), or -1 to drop it: PER a
 * person, ORG an organization, LOC a place by place_type, MISC a
 * nationality word or nothing; a landform before "river", "valley" ...;
 * a place whatever the tagger thought when the text says so ("in Kyun
 * Ywar village", "Pauk township", "the city of X"). */
static int name_type(ectx *x, int l, uint32_t i, uint32_t n, uint32_t k)
{
    static const char *const landforms[] = {"river", "valley", "sea", "lake", "mountains", "desert",
                                            "basin", "delta", "gulf", NULL};
    const sr_doc *d = x->d;
    int type;
    switch ((l + 1) / 2) {
    case 1: type = SR_ENT_PERSON; break;
    case 2: type = SR_ENT_ORG; break;
    case 3: type = place_type(x, i, n); break;
    default: type = norp_word(x, i, n) ? SR_ENT_NORP : misc_place(x, i, n) ? SR_ENT_GPE : -1; break;
    }
    if (type == SR_ENT_PERSON && n == 1 && !(d->tokens.v[i].flags & SR_TF_ALLCAPS)) {
        /* one word read as a person that is a nationality ("Gambian
         * President") or a country ("Vietnam is committed") */
        const uint32_t *ids;
        uint32_t a = d->tokens.v[i].nstart, b = d->tokens.v[i].nend;
        if (norp_word(x, i, 1))
            type = SR_ENT_NORP;
        else if (sr_geo_lookup_doc(d, x->m, d->norm + a, b - a, &ids) &&
                 sr_geo_place(x->m, ids[0])->feature == SR_FEATURE_COUNTRY)
            type = SR_ENT_GPE;
    }
    if (type >= 0 && type != SR_ENT_PERSON && k < d->tokens.n) {
        uint32_t wl;
        const char *w = sr_ent_tv(d, k, &wl);
        if (sr_ent_in_list(w, wl, landforms))
            type = SR_ENT_LOC;
    }
    if (type == SR_ENT_PERSON || type == SR_ENT_ORG || type < 0) {
        sr_mention tmp = {.tok_first = i, .tok_n = n};
        if (place_cue(d, &tmp))
            type = SR_ENT_GPE;
    }
    return type;
}

/* Months and weekdays: names of towns too (March, May, Sunday), but a
 * place in the news only on strong evidence: the text calls it one ("the
 * town of May", "March district"). */
static const char *const calendar_words[] = {"January", "February", "March", "April", "May", "June",
                                             "July", "August", "September", "October", "November",
                                             "December", "Monday", "Tuesday", "Wednesday", "Thursday",
                                             "Friday", "Saturday", "Sunday", NULL};

static bool calendar_place_unlikely(const sr_doc *d, uint32_t first, uint32_t n, int type)
{
    if (n != 1 || (type != SR_ENT_GPE && type != SR_ENT_LOC))
        return false;
    uint32_t wl;
    const char *w = sr_ent_tv(d, first, &wl);
    if (!sr_ent_in_list(w, wl, calendar_words))
        return false;
    sr_mention tmp = {.tok_first = first, .tok_n = n};
    return !place_cue(d, &tmp);
}

/* Does the name at tokens [first, first + n) end in an organization cue
 * word: of type ORG when `strong` (a company's legal form, a newspaper:
 * "... Inc", "... SpA", "... Post"), any with a sector else ("... Bank",
 * "... Party")?  A strong cue after one word only when the word is
 * capitalized ("Washington Post", never "Post" alone). */
static bool org_cue_ends(ectx *x, uint32_t first, uint32_t n, bool strong)
{
    const sr_doc *d = x->d;
    uint32_t last = first + n - 1;
    if (n < 2 || !d->match_cover[last])
        return false;
    const sr_match *mt = &d->matches.v[d->match_cover[last] - 1];
    /* a cue of several words may be the whole name ("Armed Forces") */
    if (mt->rec->kind != SR_LEX_ORGCUE || mt->tok_first + mt->tok_n != last + 1 ||
        (mt->tok_first == first && (strong || mt->tok_n < 2)))
        return false;
    return strong ? strcmp(mt->rec->type, "ORG") == 0 : mt->rec->sector[0] != 0;
}

/* "General Motors", "General Electric": a title and after it only plural
 * common nouns (motors, mills) or relational adjectives (electric:
 * electricity).  A person's name after a title is neither ("General
 * Aoun", "President Bush", "General Brown"). */
static bool title_company(ectx *x, uint32_t first, uint32_t n)
{
    const sr_doc *d = x->d;
    const sr_match *tm = match_at(d, first, SR_LEX_TITLE);
    if (!tm || tm->tok_n != 1 || n < 2 || n > 3)
        return false;
    for (uint32_t j = first + 1; j < first + n; j++) {
        uint32_t len;
        const char *s = sr_ent_tv(d, j, &len);
        char low[48];
        if (len < 4 || len >= sizeof low || (d->tokens.v[j].flags & SR_TF_ALLCAPS))
            return false;
        for (uint32_t q = 0; q < len; q++)
            low[q] = (s[q] >= 'A' && s[q] <= 'Z') ? (char)(s[q] + 32) : s[q];
        int cls = low[len - 1] == 's' ? sr_wn_class(x->m, low, len - 1, 'n') : -1;
        bool plural = cls >= 0 && strcmp(sr_wn_class_name(cls), "noun.person") != 0;
        if (!plural && !sr_wn_pertainym(x->m, low, len))
            return false;
    }
    return true;
}

/* Is the word at token i (n == 1) the last word of a person's name of
 * several words among the last 64 mentions ("Billie Jean King" ... "King
 * said"): a surname, not a title alone? */
static bool surname_before(const sr_doc *d, uint32_t i, uint32_t n)
{
    if (n != 1)
        return false;
    uint32_t wl;
    const char *w = sr_ent_tv(d, i, &wl);
    for (uint32_t q = d->mentions.n, seen = 0; q > 0 && seen < 64; q--, seen++) {
        const sr_mention *mn = &d->mentions.v[q - 1];
        if (mn->type != SR_ENT_PERSON || mn->tok_n < 2)
            continue;
        uint32_t ml;
        const char *m = sr_ent_tv(d, mn->tok_first + mn->tok_n - 1, &ml);
        if (ml == wl && memcmp(m, w, wl) == 0)
            return true;
    }
    return false;
}

static bool mentions_from_names(ectx *x)
{
    sr_doc *d = x->d;
    if (!d->ner)
        return true;
    for (uint32_t i = 0; i < d->tokens.n; i++) {
        uint32_t g = gazetteer_span(x, i);
        if (g) {
            if (!add_mention(x, i, g, place_type(x, i, g), SR_MSRC_NAME))
                return false;
            i += g - 1;
            continue;
        }
        int l = d->ner[i];
        if (!l) {
            /* capitalized words the tagger passed over, right before
             * "village", "township", "district" ...: a place */
            uint32_t c = unlabelled_place(x, i);
            if (c && !calendar_place_unlikely(d, i, c, SR_ENT_GPE)) {
                if (!add_mention(x, i, c, SR_ENT_GPE, SR_MSRC_NAME))
                    return false;
                i += c - 1;
            }
            continue;
        }
        uint32_t k = i + 1;
        while (k < d->tokens.n && d->ner[k] == l + (l % 2))
            k++;
        /* a person's name right after a person's name, nothing between, is
         * the same name cut in two ("Marco" + "Tronchetti Provera"): the
         * CoNLL-2003 training set has no two persons' names side by side */
        while ((l + 1) / 2 == 1 && k < d->tokens.n && d->ner[k] == 1 &&
               d->tokens.v[k].start == d->tokens.v[k - 1].end + 1 && d->text[d->tokens.v[k - 1].end] == ' ') {
            k++;
            while (k < d->tokens.n && d->ner[k] == 2)
                k++;
        }
        /* "Movement for" + "Democratic Change": a name never ends in "of",
         * "for" or "&"; where the tagger's does and another name starts
         * right after, they are one name, of the first one's type */
        while (k - i >= 2 && k < d->tokens.n && d->ner[k] && d->ner[k] % 2 == 1 &&
               (sr_ent_tok_is(d, k - 1, "of") || sr_ent_tok_is(d, k - 1, "for") ||
                sr_ent_tok_is(d, k - 1, "&"))) {
            int l2 = d->ner[k];
            k++;
            while (k < d->tokens.n && d->ner[k] == l2 + 1)
                k++;
        }
        /* "Jones Medical" + "Industries Inc": the tagger's name and the
         * capitalized words after it up to a company's legal form or a
         * newspaper's word are one organization */
        uint32_t ext = k;
        for (uint32_t q = k; q < k + 3 && q < d->tokens.n && d->tokens.v[q].kind == SR_TOK_WORD &&
                             (d->tokens.v[q].flags & SR_TF_CAP) &&
                             !memchr(d->text + d->tokens.v[q - 1].end, '\n',
                                     d->tokens.v[q].start - d->tokens.v[q - 1].end);
             q++)
            if (org_cue_ends(x, i, q + 1 - i, true))
                ext = q + 1;
        k = ext;
        uint32_t n = k - i;
        int type;
        if (org_cue_ends(x, i, n, true) || ((l + 1) / 2 == 1 && title_company(x, i, n))) {
            type = SR_ENT_ORG; /* "Jones Medical Industries Inc", "General Motors" */
        } else if ((l + 1) / 2 == 1 && i > 0 && !d->ner[i - 1] && title_company(x, i - 1, n + 1)) {
            i--, n++; /* the title the tagger left out */
            type = SR_ENT_ORG;
        } else if ((l + 1) / 2 == 1 && match_at(d, i, SR_LEX_TITLE) &&
                   match_at(d, i, SR_LEX_TITLE)->tok_n == n && !surname_before(d, i, n)) {
            i = k - 1; /* a title alone ("Brigadier" before the name) is no name */
            continue;
        } else {
            trim_name(x, l, &i, &n);
            type = name_type(x, l, i, n, k);
            if (type == SR_ENT_PERSON && org_cue_ends(x, i, n, false))
                type = SR_ENT_ORG; /* "Mercantile Bank" */
            const sr_match *gm = type == SR_ENT_PERSON ? match_in(d, i, n, SR_LEX_ROLE) : NULL;
            if (gm && gm->tok_first == i && gm->tok_n == n)
                type = SR_ENT_ORG; /* a group noun as a name: "Malian Armed Forces" */
        }
        if (calendar_place_unlikely(d, i, n, type))
            type = -1;
        /* a name has a letter ("Port-au-Prince - Delmas": the dash is none) */
        bool letter = false;
        for (uint32_t q = i; q < i + n && !letter; q++)
            letter = d->tokens.v[q].kind == SR_TOK_WORD;
        if (!letter)
            type = -1;
        if (type >= 0 && !add_mention(x, i, n, type, SR_MSRC_NAME))
            return false;
        i = k - 1;
    }
    return true;
}

static void cover(ectx *x)
{
    sr_doc *d = x->d;
    memset(x->cover, 0, (d->tokens.n + 1) * sizeof *x->cover);
    for (uint32_t k = 0; k < d->mentions.n; k++) {
        const sr_mention *mn = &d->mentions.v[k];
        for (uint32_t j = 0; j < mn->tok_n; j++)
            x->cover[mn->tok_first + j] = k + 1;
    }
}

static bool free_span(ectx *x, uint32_t first, uint32_t n)
{
    for (uint32_t j = 0; j < n; j++)
        if (x->cover[first + j])
            return false;
    return true;
}

/* Do the mentions that cover tokens [first, first+n) all lie inside it? */
static bool inside_only(ectx *x, uint32_t first, uint32_t n)
{
    for (uint32_t j = first; j < first + n; j++) {
        if (!x->cover[j])
            continue;
        const sr_mention *mn = &x->d->mentions.v[x->cover[j] - 1];
        if (mn->tok_first < first || mn->tok_first + mn->tok_n > first + n)
            return false;
    }
    return true;
}

/* Marks the mentions inside tokens [first, first+n) dead (removed by
 * compact()) and frees their tokens. */
#define DEAD 0xFF
static void drop_inside(ectx *x, uint32_t first, uint32_t n)
{
    sr_doc *d = x->d;
    for (uint32_t j = first; j < first + n; j++) {
        if (!x->cover[j])
            continue;
        sr_mention *mn = &d->mentions.v[x->cover[j] - 1];
        mn->type = DEAD;
        for (uint32_t q = 0; q < mn->tok_n; q++)
            x->cover[mn->tok_first + q] = 0;
    }
}

static void compact(ectx *x)
{
    sr_doc *d = x->d;
    uint32_t o = 0;
    for (uint32_t k = 0; k < d->mentions.n; k++)
        if (d->mentions.v[k].type != DEAD)
            d->mentions.v[o++] = d->mentions.v[k];
    d->mentions.n = o;
}

/* Named actors, places and nationality words from our lexicons that the
 * tagger missed, when written as names (capitalized, or as the lexicon
 * writes an acronym). */
static bool mentions_from_lexicon(ectx *x)
{
    sr_doc *d = x->d;
    cover(x);
    uint32_t nm = d->mentions.n;
    for (uint32_t k = 0; k < d->matches.n; k++) {
        const sr_match *mt = &d->matches.v[k];
        int kind = mt->rec->kind;
        if (kind != SR_LEX_ACTOR && kind != SR_LEX_DEMONYM && kind != SR_LEX_PLACE)
            continue;
        const sr_token *t = &d->tokens.v[mt->tok_first];
        /* a lower-case phrase names an actor only when it has several words
         * ("international coalition"), never one ("coalition") */
        if (!(t->flags & SR_TF_CAP) && !mt->rec->cased && !(kind == SR_LEX_ACTOR && mt->tok_n > 1))
            continue;
        if (!free_span(x, mt->tok_first, mt->tok_n)) {
            /* a name of several words in our lexicon wins over the tagger's
             * pieces of it ("Syrian" + "Democratic" inside "Syrian
             * Democratic Forces"), never over a longer name */
            if (mt->tok_n < 2 || kind != SR_LEX_ACTOR || !inside_only(x, mt->tok_first, mt->tok_n))
                continue;
            drop_inside(x, mt->tok_first, mt->tok_n);
        }
        int type = kind == SR_LEX_DEMONYM ? SR_ENT_NORP : kind == SR_LEX_PLACE ? SR_ENT_GPE : SR_ENT_ORG;
        const char *ty = mt->rec->type;
        if (kind == SR_LEX_ACTOR && ty[0])
            for (int q = 0; q < SR_ENT__COUNT; q++)
                if (strcmp(ty, sr_ent_type_names[q]) == 0)
                    type = q;
        /* "so-called Islamic State": the name without the prefix */
        uint32_t first = mt->tok_first, n = mt->tok_n;
        if (n > 1 && sr_ent_tok_is_ci(d, first, "so-called"))
            first++, n--;
        if (!add_mention(x, first, n, type, SR_MSRC_LEXICON))
            return false;
        for (uint32_t q = 0; q < n; q++)
            x->cover[first + q] = d->mentions.n;
    }
    (void)nm;
    compact(x);
    return true;
}

/* "US-backed", "U.S.-led", "Iranian-backed", "SDF-held": the part before
 * the hyphen, when it is a country, a nationality or a named actor. */
static bool mentions_from_prefixes(ectx *x)
{
    sr_doc *d = x->d;
    cover(x);
    for (uint32_t i = 0; i < d->tokens.n; i++) {
        const sr_token *t = &d->tokens.v[i];
        if (!(t->flags & SR_TF_HYPHEN) || x->cover[i])
            continue;
        const char *s = d->norm + t->nstart;
        uint32_t n = t->nend - t->nstart;
        const char *h = memchr(s, '-', n);
        if (!h || h == s || !(s[0] >= 'A' && s[0] <= 'Z'))
            continue;
        uint32_t pl = (uint32_t)(h - s);
        /* only modifiers: the rest is a lower-case word (backed, led) */
        if (pl + 1 >= n || !(h[1] >= 'a' && h[1] <= 'z'))
            continue;
        int type = -1;
        char code[8];
        uint32_t cl = 0;
        for (uint32_t q = 0; q < pl && cl < sizeof code - 1; q++)
            if (s[q] != '.')
                code[cl++] = s[q];
        code[cl] = 0;
        const char *strs;
        const sr_lex_rec *r;
        const uint32_t *ids;
        uint32_t c;
        if ((r = sr_lex_find(x->m, s, pl, SR_LEX_ACTOR, &strs)) != NULL) {
            type = SR_ENT_ORG;
            if (strcmp(r->type, "GPE") == 0)
                type = SR_ENT_GPE;
        } else if ((cl == 2 || cl == 3) && sr_ent_is_acronym(code, cl) &&
                   country_code_written(s, pl, code, cl) && sr_geo_country(x->m, code, cl)) {
            type = SR_ENT_GPE; /* US, U.S., UAE */
        } else if ((c = sr_geo_lookup_doc(d, x->m, s, pl, &ids)) != 0 &&
                   sr_geo_place(x->m, ids[0])->feature == SR_FEATURE_COUNTRY) {
            type = SR_ENT_GPE;
        } else if (sr_lex_find(x->m, s, pl, SR_LEX_DEMONYM, &strs)) {
            type = SR_ENT_NORP;
        }
        if (type < 0)
            continue;
        sr_mention *mn = add_mention(x, i, 1, type, SR_MSRC_PREFIX);
        if (!mn)
            return false;
        mn->end = sr_doc_orig(d, t->nstart + pl);
    }
    return true;
}

/* The initials of a name's capitalized words (of, the, and, for and de
 * skipped; "al-" words give their second part too), at most 16. */
static uint32_t initials(const sr_doc *d, const sr_mention *mn, char ini[16])
{
    uint32_t ni = 0;
    for (uint32_t j = 0; j < mn->tok_n && ni < 16; j++) {
        uint32_t n;
        const char *s = sr_ent_tv(d, mn->tok_first + j, &n);
        if (n == 0 || !(s[0] >= 'A' && s[0] <= 'Z'))
            continue;
        ini[ni++] = s[0];
        /* "Al-Nusra": A or N; "US-backed" is not in a name */
        const char *h = memchr(s, '-', n);
        if (h && h + 1 < s + n && h[1] >= 'A' && h[1] <= 'Z' && ni < 16)
            ini[ni++] = h[1];
    }
    return ni;
}

/* The capital letters of an acronym, at most 16. */
static uint32_t acronym_letters(const char *acr, uint32_t an, char a[16])
{
    uint32_t na = 0;
    for (uint32_t i = 0; i < an && na < 16; i++)
        if (acr[i] >= 'A' && acr[i] <= 'Z')
            a[na++] = acr[i];
    return na;
}

/* Do the initials spell the acronym's letters: in order, first to first,
 * with at most two initials left out? */
static bool spells_letters(const char *ini, uint32_t ni, const char *a, uint32_t na)
{
    if (na < 2 || na > ni || a[0] != ini[0])
        return false;
    uint32_t q = 1;
    for (uint32_t i = 1; i < ni && q < na; i++)
        if (ini[i] == a[q])
            q++;
    return q == na && ni - na <= 2;
}

/* Do the capitalized words of a name spell the acronym? */
static bool spells(const sr_doc *d, const sr_mention *mn, const char *acr, uint32_t an)
{
    char ini[16], a[16];
    uint32_t ni = initials(d, mn, ini), na = acronym_letters(acr, an, a);
    return spells_letters(ini, ni, a, na);
}

/* "Syrian Democratic Forces (SDF)": the acronym after a name, in
 * parentheses. */
static bool acronyms(ectx *x)
{
    sr_doc *d = x->d;
    cover(x);
    uint32_t nm = d->mentions.n;
    for (uint32_t k = 0; k < nm; k++) {
        const sr_mention *mn = &d->mentions.v[k];
        uint32_t i = mn->tok_first + mn->tok_n;
        if (i + 2 >= d->tokens.n || !sr_ent_tok_is(d, i, "(") || !sr_ent_tok_is(d, i + 2, ")"))
            continue;
        uint32_t n;
        const char *s = sr_ent_tv(d, i + 1, &n);
        if (!sr_ent_is_acronym(s, n))
            continue;
        /* an organization's (or a place's) name that the acronym spells from
         * its first letter: not "Pete Sampras ( U.S. )" */
        uint32_t fl;
        const char *f0 = sr_ent_tv(d, mn->tok_first, &fl);
        if (mn->type == SR_ENT_PERSON || mn->tok_n < 2 || f0[0] != s[0] ||
            !(spells(d, mn, s, n) || mn->type == SR_ENT_ORG))
            continue;
        if (x->cover[i + 1]) {
            x->acro[x->cover[i + 1] - 1] = (int32_t)k;
            continue;
        }
        int type = mn->type;
        sr_mention *am = add_mention(x, i + 1, 1, type, SR_MSRC_ACRONYM);
        if (!am)
            return false;
        x->acro[d->mentions.n - 1] = (int32_t)k;
        x->cover[i + 1] = d->mentions.n;
    }
    return true;
}

/* ---- entities ------------------------------------------------------------------ */

static int32_t find(ectx *x, int32_t a)
{
    while (x->parent[a] != a) {
        x->parent[a] = x->parent[x->parent[a]];
        a = x->parent[a];
    }
    return a;
}

static void unite(ectx *x, int32_t a, int32_t b)
{
    a = find(x, a), b = find(x, b);
    if (a == b)
        return;
    /* the earlier mention is the root */
    if (a < b)
        x->parent[b] = a;
    else
        x->parent[a] = b;
}

/* The key a mention joins its entity by, beyond its own name. */
static uint64_t lexicon_key(ectx *x, const sr_mention *mn)
{
    const sr_match *mt = match_in(x->d, mn->tok_first, mn->tok_n, 0);
    if (!mt || (mt->rec->kind != SR_LEX_ACTOR && mt->rec->kind != SR_LEX_PLACE) ||
        mt->tok_n < mn->tok_n - (sr_ent_tok_is_ci(x->d, mn->tok_first, "so-called") ? 1u : 0u))
        return 0;
    const char *name = mt->strs + mt->rec->name_off;
    return XXH3_64bits_withSeed(name, strlen(name), 77) | 1;
}

/* Places join by the gazetteer list their name finds: names whose keys
 * agree (Raqqa, Raqqah, al-Raqqa) find the same list. */
static uint64_t place_key(ectx *x, const sr_mention *mn)
{
    if (sr_ent_type_class(mn->type) != 2)
        return 0;
    const sr_doc *d = x->d;
    uint32_t a = d->tokens.v[mn->tok_first].nstart, b = d->tokens.v[mn->tok_first + mn->tok_n - 1].nend;
    if (mn->src == SR_MSRC_PREFIX)
        b = (uint32_t)((const char *)memchr(d->norm + a, '-', b - a) - d->norm);
    const uint32_t *ids;
    uint32_t one, c = sr_geo_lookup_doc(d, x->m, d->norm + a, b - a, &ids);
    if (!c && sr_ent_is_acronym(d->norm + a, b - a))
        c = sr_ent_resolve_name(x, d->norm + a, b - a, &ids, &one); /* "U.S.", "US" */
    if (!c)
        return 0;
    /* a country by its place: "U.S.", "US" and "United States" are one */
    if (sr_geo_place(x->m, ids[0])->feature == SR_FEATURE_COUNTRY)
        return XXH3_64bits_withSeed(&ids[0], sizeof ids[0], 98) | 1;
    return XXH3_64bits_withSeed(&ids, sizeof ids, 99) | 1;
}

/* The text of a mention in the view. */
const char *sr_ent_mtext(const sr_doc *d, const sr_mention *mn, uint32_t *n)
{
    uint32_t a = d->tokens.v[mn->tok_first].nstart, b = d->tokens.v[mn->tok_first + mn->tok_n - 1].nend;
    if (mn->src == SR_MSRC_PREFIX)
        b = (uint32_t)((const char *)memchr(d->norm + a, '-', b - a) - d->norm);
    *n = b - a;
    return d->norm + a;
}

typedef struct keyslot {
    uint64_t key;
    int32_t mention;
} keyslot;

static int32_t key_get(keyslot *tab, uint32_t mask, uint64_t key, int32_t mention)
{
    uint32_t i = (uint32_t)(key >> 20) & mask;
    while (tab[i].key && tab[i].key != key)
        i = (i + 1) & mask;
    if (!tab[i].key) {
        tab[i].key = key;
        tab[i].mention = mention;
        return -1;
    }
    return tab[i].mention;
}

/* The mention a key was first seen with, or -1 (adds nothing). */
static int32_t key_find(const keyslot *tab, uint32_t mask, uint64_t key)
{
    uint32_t i = (uint32_t)(key >> 20) & mask;
    while (tab[i].key && tab[i].key != key)
        i = (i + 1) & mask;
    return tab[i].key ? tab[i].mention : -1;
}

/* Is a country code written as one: with its dots ("U.S.", "U.K."), or
 * one of the few codes news writes bare (US, UK, UAE)?  Any other two or
 * three capitals are an acronym first: a carmaker's "GM" is no Gambia,
 * the "NLD" no Netherlands. */
static bool country_code_written(const char *name, uint32_t len, const char *code, uint32_t cl)
{
    static const char *const bare[] = {"US", "USA", "UK", "UAE", "DRC", "PRC", "ROK", "DPRK", "KSA", NULL};
    if (memchr(name, '.', len))
        return true;
    return sr_ent_in_list(code, cl, bare);
}

/* Is a name alone one of the codes news writes for a country, bare or
 * with dots ("US", "U.S.", "PRC")? */
static bool bare_country_code(const char *name, uint32_t len)
{
    char code[8];
    uint32_t cl = 0;
    for (uint32_t q = 0; q < len && cl < sizeof code - 1; q++)
        if (name[q] != '.')
            code[cl++] = name[q];
    return (cl == 2 || cl == 3 || cl == 4) && sr_ent_is_acronym(name, len) &&
           country_code_written(name, len, code, cl);
}

/* The places a name may be: a country's code (US, U.S., UAE), our other
 * names of places (places.lex), else the gazetteer. *one holds a single
 * id when the answer is one country. */
uint32_t sr_ent_resolve_name(ectx *x, const char *name, uint32_t len, const uint32_t **ids, uint32_t *one)
{
    const sitrep_model *m = x->m;
    char code[8];
    uint32_t cl = 0;
    for (uint32_t q = 0; q < len && cl < sizeof code - 1; q++)
        if (name[q] != '.')
            code[cl++] = name[q];
    const sr_place_rec *cp;
    if ((cl == 2 || cl == 3) && sr_ent_is_acronym(name, len) && country_code_written(name, len, code, cl) &&
        (cp = sr_geo_country(m, code, cl)) != NULL) {
        *one = (uint32_t)(cp - m->places);
        *ids = one;
        return 1;
    }
    const char *strs;
    const sr_lex_rec *r = sr_lex_find(m, name, len, SR_LEX_PLACE, &strs);
    if (r) {
        const char *nm = strs + r->name_off;
        uint32_t c = sr_geo_lookup_doc(x->d, m, nm, strlen(nm), ids);
        if (c)
            return c;
    }
    uint32_t c = sr_geo_lookup_doc(x->d, m, name, len, ids);
    /* "Seoul City", "Tainan City": the city's own name */
    if (!c && len > 5 && strncasecmp(name + len - 5, " City", 5) == 0)
        c = sr_geo_lookup_doc(x->d, m, name, len - 5, ids);
    if (!c)
        c = official_name_town(x->d, m, name, len, ids);
    /* "Shan-North", "Bago-West": a part of a region the gazetteer has whole */
    static const char *const parts[] = {"-North", "-South", "-East", "-West", " North", " South",
                                        " East", " West", NULL};
    for (int k = 0; !c && parts[k]; k++) {
        size_t pl = strlen(parts[k]);
        if (len > pl + 2 && strncasecmp(name + len - pl, parts[k], pl) == 0) {
            c = sr_geo_lookup_doc(x->d, m, name, len - (uint32_t)pl, ids);
            /* only a region: "Sudan South" is no town of Sudan */
            for (uint32_t q = 0; q < c; q++)
                if (sr_geo_place(m, (*ids)[q])->feature != SR_FEATURE_ADMIN1)
                    c = 0;
        }
    }
    return c;
}

/* The countries the document's place mentions name outright. */
static uint32_t doc_countries(ectx *x, char (*ccs)[2], uint32_t max)
{
    const sr_doc *d = x->d;
    uint32_t n = 0;
    for (uint32_t k = 0; k < d->mentions.n && n < max; k++) {
        const sr_mention *mn = &d->mentions.v[k];
        if (mn->type != SR_ENT_GPE)
            continue;
        uint32_t len, one;
        const char *s = sr_ent_mtext(d, mn, &len);
        const uint32_t *ids;
        if (!sr_ent_resolve_name(x, s, len, &ids, &one))
            continue;
        const sr_place_rec *p = sr_geo_place(x->m, ids[0]);
        if (p->feature != SR_FEATURE_COUNTRY)
            continue;
        bool seen = false;
        for (uint32_t q = 0; q < n && !seen; q++)
            seen = memcmp(ccs[q], p->cc, 2) == 0;
        if (!seen)
            memcpy(ccs[n++], p->cc, 2);
    }
    return n;
}

/* Is the name a country, or a place of 10,000 people or more in one of
 * the document's countries? */
static bool known_place(ectx *x, const char *s, uint32_t n, char (*ccs)[2], uint32_t nccs)
{
    const uint32_t *ids;
    uint32_t one, c = sr_ent_resolve_name(x, s, n, &ids, &one);
    for (uint32_t k = 0; k < c; k++) {
        const sr_place_rec *p = sr_geo_place(x->m, ids[k]);
        if (p->feature == SR_FEATURE_COUNTRY)
            return true;
        if (p->population < 10000)
            continue;
        for (uint32_t q = 0; q < nccs; q++)
            if (memcmp(ccs[q], p->cc, 2) == 0)
                return true;
    }
    return false;
}

/* An index in the arena: 64-bit keys (never 0) to lists of values, each
 * list in the order its values were added. */
typedef struct listslot {
    uint64_t key;
    int32_t head, tail;
} listslot;
typedef struct multimap {
    listslot *slots;
    int32_t *val, *next;
    uint32_t mask, n, cap;
} multimap;

static bool mm_init(multimap *mm, sr_arena *a, uint32_t cap)
{
    uint32_t nb = 64;
    while (nb < 2 * cap)
        nb <<= 1;
    mm->slots = sr_arena_calloc(a, nb, sizeof *mm->slots);
    mm->val = sr_arena_alloc(a, (cap + 1) * sizeof *mm->val);
    mm->next = sr_arena_alloc(a, (cap + 1) * sizeof *mm->next);
    mm->mask = nb - 1;
    mm->n = 0;
    mm->cap = cap;
    return mm->slots && mm->val && mm->next;
}

static listslot *mm_slot(const multimap *mm, uint64_t key)
{
    uint32_t i = (uint32_t)(key >> 20) & mm->mask;
    while (mm->slots[i].key && mm->slots[i].key != key)
        i = (i + 1) & mm->mask;
    return &mm->slots[i];
}

/* Adds v to key's list, unless v was the last value added to it. */
static void mm_add(multimap *mm, uint64_t key, int32_t v)
{
    listslot *s = mm_slot(mm, key);
    if ((s->key && mm->val[s->tail] == v) || mm->n >= mm->cap)
        return;
    int32_t node = (int32_t)mm->n++;
    mm->val[node] = v;
    mm->next[node] = -1;
    if (!s->key) {
        s->key = key;
        s->head = node;
    } else {
        mm->next[s->tail] = node;
    }
    s->tail = node;
}

/* The first node of key's list, or -1; mm->next[node] the one after. */
static int32_t mm_first(const multimap *mm, uint64_t key)
{
    const listslot *s = mm_slot(mm, key);
    return s->key ? s->head : -1;
}

static uint64_t letters_key(const char *s, uint32_t n)
{
    return XXH3_64bits_withSeed(s, n, 'A') | 1;
}

/* How many acronyms index_initials may file a name of ni initials under. */
static uint32_t initials_variants(uint32_t ni)
{
    return ni < 2 || ni > 10 ? 0 : 1 + (ni - 1) + (ni - 1) * (ni - 2) / 2;
}

/* Files an organization under every acronym its initials spell
 * (spells_letters): all its initials, or all but one or two after the
 * first, two to eight letters. */
static void index_initials(multimap *mm, const char *ini, uint32_t ni, int32_t org)
{
    if (!initials_variants(ni))
        return;
    char v[16];
    /* i: the first initial left out (0: none); k: the second (k == i: none) */
    for (uint32_t i = 0; i < ni; i++)
        for (uint32_t k = i; k < (i ? ni : 1); k++) {
            uint32_t len = 0;
            for (uint32_t q = 0; q < ni; q++)
                if (q == 0 || (q != i && q != k))
                    v[len++] = ini[q];
            if (len >= 2 && len <= 8)
                mm_add(mm, letters_key(v, len), org);
        }
}

/* The same name, the same lexicon entry or the same place key: one
 * referent, whatever type the tagger gave each mention (a person's
 * surname excepted, link_partial_names). */
static bool link_by_keys(ectx *x, uint32_t nb)
{
    sr_doc *d = x->d;
    uint32_t nm = d->mentions.n;
    keyslot *tab = sr_arena_calloc(d->arena, nb, sizeof *tab);
    if (!tab)
        return false;
    /* mentions in text order */
    for (uint32_t k = 0; k < nm; k++) {
        const sr_mention *mn = &d->mentions.v[k];
        if (x->acro[k] >= 0)
            unite(x, (int32_t)k, x->acro[k]);
        uint32_t n;
        const char *s = sr_ent_mtext(d, mn, &n);
        int32_t o;
        uint64_t keys[3] = {name_key(s, n, sr_ent_type_class(mn->type)), lexicon_key(x, mn),
                            place_key(x, mn)};
        for (int q = 0; q < 3; q++)
            if (keys[q] && (o = key_get(tab, nb - 1, keys[q], (int32_t)k)) >= 0)
                unite(x, (int32_t)k, o);
    }
    return true;
}

/* "Mohammed Emwazi, better known as Jihadi John", "X, alias Y", "X, also
 * known as Y": one referent. */
static void link_aliases(ectx *x)
{
    static const char *const adverbs[] = {"better", "also", "popularly", "widely", NULL};
    static const char *const alias_words[] = {"alias", "aka", NULL};
    sr_doc *d = x->d;
    uint32_t nm = d->mentions.n;
    for (uint32_t k = 0; k + 1 < nm; k++) {
        const sr_mention *a = &d->mentions.v[k], *b = &d->mentions.v[k + 1];
        uint32_t i = a->tok_first + a->tok_n, j = b->tok_first;
        if (j <= i || j - i > 4 || !sr_ent_tok_is(d, i, ","))
            continue;
        uint32_t q = i + 1, n;
        const char *w;
        if (q < j && (w = sr_ent_tv(d, q, &n), sr_ent_in_list(w, n, adverbs)))
            q++;
        bool alias = (q + 2 == j && sr_ent_tok_is(d, q, "known") && sr_ent_tok_is(d, q + 1, "as")) ||
                     (q + 1 == j && (w = sr_ent_tv(d, q, &n), sr_ent_in_list(w, n, alias_words)));
        if (!alias || sr_ent_type_class(a->type) != sr_ent_type_class(b->type))
            continue;
        unite(x, (int32_t)k, (int32_t)k + 1);
    }
}

/* The same name given two types by the tagger ("Raqqa" a place seven
 * times, an organization three): one referent when most of its mentions
 * (two thirds) agree, or when the gazetteer knows the name as a sizable
 * place in a country the document names; a city that is also a sports
 * team, in a document that names no country, stays two.  Each set of
 * mentions keeps its size, whether one of them has a place cue, and the
 * type its members took when it last joined another (-1: their own), so
 * a join costs no scan of the mentions. */
static bool link_retyped(ectx *x, uint32_t nb)
{
    sr_doc *d = x->d;
    uint32_t nm = d->mentions.n;
    uint32_t *size = sr_arena_calloc(d->arena, nm + 1, sizeof *size);
    int8_t *rtype = sr_arena_alloc(d->arena, nm + 1);
    bool *cue = sr_arena_calloc(d->arena, nm + 1, sizeof *cue);
    keyslot *t2 = sr_arena_calloc(d->arena, nb, sizeof *t2);
    if (!size || !rtype || !cue || !t2)
        return false;
    memset(rtype, -1, nm + 1);
    for (uint32_t k = 0; k < nm; k++) {
        int32_t r = find(x, (int32_t)k);
        size[r]++;
        cue[r] |= place_cue(d, &d->mentions.v[k]);
    }
#define CUR_TYPE(q) (rtype[find(x, (q))] >= 0 ? rtype[find(x, (q))] : d->mentions.v[(q)].type)
    char ccs[32][2];
    uint32_t nccs = doc_countries(x, ccs, 32);
    for (uint32_t k = 0; k < nm; k++) {
        int kt = CUR_TYPE((int32_t)k);
        if (kt == SR_ENT_PERSON || kt == SR_ENT_NORP)
            continue;
        uint32_t n;
        const char *s = sr_ent_mtext(d, &d->mentions.v[k], &n);
        int32_t o = key_get(t2, nb - 1, name_key(s, n, 9), (int32_t)k);
        if (o < 0)
            continue;
        int32_t ra = find(x, o), rb = find(x, (int32_t)k);
        if (ra == rb)
            continue;
        int ta = CUR_TYPE(ra), tb = CUR_TYPE(rb);
        uint32_t big = size[ra] >= size[rb] ? size[ra] : size[rb];
        int type = size[ra] >= size[rb] ? ta : tb;
        bool place = sr_ent_type_class(ta) == 2 || sr_ent_type_class(tb) == 2;
        /* the mentions of the other type, when the tagger gave them two
         * thirds or more: the knowledge of a place overrides them no more
         * ("Nice" the club five times, the city once); a place cue in the
         * text still does */
        uint32_t other = sr_ent_type_class(ta) == 2 ? size[rb] : size[ra];
        bool most_other = 3 * other >= 2 * (size[ra] + size[rb]);
        if (place && (cue[ra] || cue[rb] || (!most_other && known_place(x, s, n, ccs, nccs))))
            type = sr_ent_type_class(ta) == 2 ? ta : tb;
        else if (most_other || 3 * big < 2 * (size[ra] + size[rb]))
            continue;
        bool c = cue[ra] || cue[rb];
        unite(x, ra, rb);
        int32_t r = find(x, ra);
        size[r] = size[ra] + size[rb];
        rtype[r] = (int8_t)type;
        cue[r] = c;
    }
    /* A person with no title, of one word that no person of several
     * words has or of a name of two or three words, is the place of its
     * name when the text calls that one a place ("Rebels attacked Kale
     * (Kale district ...)", "residents of Abu Naama ... killed in Abu
     * Naama"). */
    keyslot *pw = NULL;
    for (uint32_t k = 0; k < nm; k++) {
        const sr_mention *mn = &d->mentions.v[k];
        if (mn->type != SR_ENT_PERSON || mn->tok_n < 2)
            continue;
        if (!pw && !(pw = sr_arena_calloc(d->arena, nb, sizeof *pw)))
            return false;
        for (uint32_t q = 0; q < mn->tok_n; q++) {
            uint32_t wl;
            const char *w = sr_ent_tv(d, mn->tok_first + q, &wl);
            key_get(pw, nb - 1, name_key(w, wl, 9), (int32_t)k);
        }
    }
    for (uint32_t k = 0; k < nm; k++) {
        const sr_mention *mn = &d->mentions.v[k];
        if (CUR_TYPE((int32_t)k) != SR_ENT_PERSON || mn->tok_n > 3 ||
            match_ending_at(d, mn->tok_first, SR_LEX_TITLE))
            continue;
        uint32_t n;
        const char *s = sr_ent_mtext(d, mn, &n);
        uint64_t key = name_key(s, n, 9);
        int32_t o = key_find(t2, nb - 1, key);
        if (o < 0 || (mn->tok_n == 1 && pw && key_find(pw, nb - 1, key) >= 0))
            continue;
        int32_t ra = find(x, o), rb = find(x, (int32_t)k);
        if (ra == rb || sr_ent_type_class(CUR_TYPE(ra)) != 2 || !cue[ra] || size[rb] > size[ra])
            continue;
        int type = CUR_TYPE(ra);
        uint32_t sz = size[ra] + size[rb];
        unite(x, ra, rb);
        int32_t r = find(x, ra);
        size[r] = sz;
        rtype[r] = (int8_t)type;
        cue[r] = true;
    }
    for (uint32_t q = 0; q < nm; q++)
        d->mentions.v[q].type = (uint8_t)CUR_TYPE((int32_t)q);
#undef CUR_TYPE
    return true;
}

/* A surname, a first name or an acronym joins the one longer name it
 * belongs to: people's names indexed by their last and first words,
 * organizations' names of several words by the acronyms their initials
 * spell. */
static bool link_partial_names(ectx *x, uint32_t nb)
{
    sr_doc *d = x->d;
    uint32_t nm = d->mentions.n;
    keyslot *pt = sr_arena_calloc(d->arena, nb, sizeof *pt);
    if (!pt)
        return false;
    uint32_t nvar = 0;
    char ini[16];
    for (uint32_t j = 0; j < nm; j++) {
        const sr_mention *o = &d->mentions.v[j];
        if (o->tok_n >= 2 && o->type == SR_ENT_ORG)
            nvar += initials_variants(initials(d, o, ini));
    }
    multimap orgs;
    if (!mm_init(&orgs, d->arena, nvar))
        return false;
    for (uint32_t j = 0; j < nm; j++) {
        const sr_mention *o = &d->mentions.v[j];
        if (o->tok_n < 2)
            continue;
        if (o->type == SR_ENT_ORG) {
            index_initials(&orgs, ini, initials(d, o, ini), (int32_t)j);
            continue;
        }
        if (o->type != SR_ENT_PERSON)
            continue;
        uint32_t w[2] = {o->tok_first + o->tok_n - 1, o->tok_first};
        for (int q = 0; q < 2; q++) {
            uint32_t ln;
            const char *t = sr_ent_tv(d, w[q], &ln);
            uint64_t key = XXH3_64bits_withSeed(t, ln, q ? 'F' : 'L') | 1;
            int32_t prev = key_get(pt, nb - 1, key, (int32_t)j);
            if (prev >= 0 && find(x, prev) != find(x, (int32_t)j)) {
                /* two people share the word: it names neither */
                uint32_t b2 = (uint32_t)(key >> 20) & (nb - 1);
                while (pt[b2].key != key)
                    b2 = (b2 + 1) & (nb - 1);
                pt[b2].mention = -2;
            }
        }
    }
    for (uint32_t k = 0; k < nm; k++) {
        sr_mention *mn = &d->mentions.v[k];
        if (find(x, (int32_t)k) != (int32_t)k || mn->tok_n != 1)
            continue;
        uint32_t n;
        const char *s = sr_ent_mtext(d, mn, &n);
        int32_t hit = -1;
        bool ambiguous = false;
        if (sr_ent_is_acronym(s, n)) {
            if (mn->type != SR_ENT_ORG && mn->src != SR_MSRC_NAME)
                continue;
            char a[16];
            uint32_t na = acronym_letters(s, n, a);
            for (int32_t node = na >= 2 ? mm_first(&orgs, letters_key(a, na)) : -1; node >= 0;
                 node = orgs.next[node]) {
                int32_t j = orgs.val[node];
                if (find(x, j) == find(x, (int32_t)k) || !spells(d, &d->mentions.v[j], s, n))
                    continue;
                if (hit >= 0 && find(x, hit) != find(x, j))
                    ambiguous = true;
                hit = j;
            }
        } else if (mn->type == SR_ENT_PERSON || (mn->src == SR_MSRC_NAME && mn->type == SR_ENT_ORG)) {
            /* a surname; a first name only for a mention already a person */
            for (int q = 0; q < (mn->type == SR_ENT_PERSON ? 2 : 1); q++) {
                uint64_t key = XXH3_64bits_withSeed(s, n, q ? 'F' : 'L') | 1;
                uint32_t b2 = (uint32_t)(key >> 20) & (nb - 1);
                while (pt[b2].key && pt[b2].key != key)
                    b2 = (b2 + 1) & (nb - 1);
                if (!pt[b2].key)
                    continue;
                int32_t j = pt[b2].mention;
                if (j == -2 || (hit >= 0 && find(x, hit) != find(x, j)))
                    ambiguous = true;
                else if (find(x, j) != find(x, (int32_t)k))
                    hit = j;
            }
        }
        if (hit >= 0 && !ambiguous) {
            mn->type = d->mentions.v[hit].type;
            unite(x, (int32_t)k, hit);
        }
    }
    return true;
}

/* A company's legal form at the end of its name. */
static bool legal_form(const sr_doc *d, uint32_t i)
{
    static const char *const forms[] = {"Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.",
                                        "Plc", "PLC", "plc", "SpA", "AG", "SA", "NV", "AB", "LLC",
                                        "GmbH", "Corporation", "Company", "Limited", "Group", NULL};
    uint32_t n;
    const char *s = sr_ent_tv(d, i, &n);
    return sr_ent_in_list(s, n, forms);
}

/* A company's name without its legal forms ("Apple" of "Apple Inc."),
 * tokens [first, first + *n); false when there is no form or no name
 * left. */
static bool company_core(const sr_doc *d, const sr_mention *mn, uint32_t *n)
{
    uint32_t k = mn->tok_n;
    while (k > 1 && (legal_form(d, mn->tok_first + k - 1) || sr_ent_tok_is(d, mn->tok_first + k - 1, ",") ||
                     sr_ent_tok_is(d, mn->tok_first + k - 1, "&") || sr_ent_tok_is(d, mn->tok_first + k - 1, ".")))
        k--;
    *n = k;
    return k < mn->tok_n && legal_form(d, mn->tok_first + k);
}

static uint64_t core_key(const sr_doc *d, uint32_t first, uint32_t n)
{
    uint32_t a = d->tokens.v[first].nstart, b = d->tokens.v[first + n - 1].nend;
    return name_key(d->norm + a, b - a, 7);
}

/* "Apple", "Apple Inc." and "Apple Computer": a company named with its
 * legal form is also named without it, and by its first word before
 * another ("Apple Computer") when that word is the whole name.  A name
 * two companies share names neither; a person's surname is the person's
 * (link_partial_names ran first). */
static bool link_companies(ectx *x, uint32_t nb)
{
    sr_doc *d = x->d;
    uint32_t nm = d->mentions.n;
    bool any = false;
    for (uint32_t j = 0; j < nm && !any; j++) {
        const sr_mention *o = &d->mentions.v[j];
        any = o->type == SR_ENT_ORG && o->tok_n >= 2 && legal_form(d, o->tok_first + o->tok_n - 1);
    }
    if (!any)
        return true;
    keyslot *ct = sr_arena_calloc(d->arena, nb, sizeof *ct);
    if (!ct)
        return false;
    any = false;
    for (uint32_t j = 0; j < nm; j++) {
        const sr_mention *o = &d->mentions.v[j];
        uint32_t cn;
        if (o->type != SR_ENT_ORG || o->tok_n < 2 || !company_core(d, o, &cn))
            continue;
        uint64_t key = core_key(d, o->tok_first, cn);
        int32_t prev = key_get(ct, nb - 1, key, (int32_t)j);
        if (prev >= 0 && find(x, prev) != find(x, (int32_t)j)) {
            uint32_t b2 = (uint32_t)(key >> 20) & (nb - 1);
            while (ct[b2].key != key)
                b2 = (b2 + 1) & (nb - 1);
            ct[b2].mention = -2; /* two companies */
        }
        any = true;
    }
    if (!any)
        return true;
    for (uint32_t k = 0; k < nm; k++) {
        sr_mention *mn = &d->mentions.v[k];
        if (mn->src == SR_MSRC_PREFIX || sr_ent_type_class(mn->type) == 3)
            continue;
        /* a person of several words, or one already joined to a person, keeps to people */
        if (mn->type == SR_ENT_PERSON && (mn->tok_n > 1 || find(x, (int32_t)k) != (int32_t)k))
            continue;
        uint64_t keys[2] = {core_key(d, mn->tok_first, mn->tok_n),
                            mn->type == SR_ENT_ORG && mn->tok_n > 1 ? core_key(d, mn->tok_first, 1) : 0};
        for (int q = 0; q < 2; q++) {
            if (!keys[q])
                continue;
            uint32_t b2 = (uint32_t)(keys[q] >> 20) & (nb - 1);
            while (ct[b2].key && ct[b2].key != keys[q])
                b2 = (b2 + 1) & (nb - 1);
            int32_t j = ct[b2].key ? ct[b2].mention : -1;
            if (j < 0 || find(x, j) == find(x, (int32_t)k))
                continue;
            mn->type = SR_ENT_ORG;
            unite(x, (int32_t)k, j);
            break;
        }
    }
    return true;
}

/* Words of business beside a name: "Pirelli shares", "Pirelli's cables
 * division", "shares in Pirelli", "tyre giant Pirelli". */
static bool business_context(const sr_doc *d, const sr_mention *mn)
{
    static const char *const after[] = {"shares", "stock", "stake", "subsidiary", "unit", "division",
                                        "shareholders", "stockholders", "earnings", "profit",
                                        "profits", NULL};
    static const char *const before[] = {"giant", "firm", "maker", "makers", "subsidiary", NULL};
    uint32_t j = mn->tok_first + mn->tok_n, n;
    const char *w;
    if (j < d->tokens.n && sr_ent_tok_is(d, j, "'s"))
        j++;
    if (j < d->tokens.n && (w = sr_ent_tv(d, j, &n), sr_ent_in_list(w, n, after)))
        return true;
    uint32_t i = mn->tok_first;
    if (i >= 2 && (sr_ent_tok_is(d, i - 1, "in") || sr_ent_tok_is(d, i - 1, "of")) &&
        (sr_ent_tok_is(d, i - 2, "shares") || sr_ent_tok_is(d, i - 2, "stake")))
        return true;
    return i >= 1 && (w = sr_ent_tv(d, i - 1, &n), sr_ent_in_list(w, n, before));
}

/* A "person" of one word, never with a title nor the surname of a
 * person of several words, in business context is a company, with the
 * names joined to it ("Pirelli shares ... Pirelli is linking with ...",
 * "Pirelli Cables"). */
static bool retype_companies(ectx *x, uint32_t nb)
{
    sr_doc *d = x->d;
    uint32_t nm = d->mentions.n;
    uint8_t *st = sr_arena_calloc(d->arena, nm + 1, 1); /* 1 business, 2 a person's surname or title */
    keyslot *last = sr_arena_calloc(d->arena, nb, sizeof *last);
    if (!st || !last)
        return false;
    /* the last words of people's names of several words ("Marco Tronchetti
     * Provera"): a one-word mention that is one is a surname */
    for (uint32_t k = 0; k < nm; k++) {
        const sr_mention *mn = &d->mentions.v[k];
        if (mn->type == SR_ENT_PERSON && mn->tok_n > 1) {
            uint32_t wl;
            const char *w = sr_ent_tv(d, mn->tok_first + mn->tok_n - 1, &wl);
            key_get(last, nb - 1, name_key(w, wl, 9), (int32_t)k);
        }
    }
    for (uint32_t k = 0; k < nm; k++) {
        const sr_mention *mn = &d->mentions.v[k];
        if (mn->type != SR_ENT_PERSON || mn->tok_n != 1)
            continue;
        int32_t r = find(x, (int32_t)k);
        uint32_t wl;
        const char *w = sr_ent_tv(d, mn->tok_first, &wl);
        if (match_ending_at(d, mn->tok_first, SR_LEX_TITLE) || key_find(last, nb - 1, name_key(w, wl, 9)) >= 0)
            st[r] |= 2;
        else if (business_context(d, mn))
            st[r] |= 1;
    }
    for (uint32_t k = 0; k < nm; k++) {
        sr_mention *mn = &d->mentions.v[k];
        if (mn->type == SR_ENT_PERSON && st[find(x, (int32_t)k)] == 1)
            mn->type = SR_ENT_ORG;
    }
    return true;
}

static bool link_mentions(ectx *x)
{
    uint32_t nm = x->d->mentions.n;
    for (uint32_t k = 0; k < nm; k++)
        x->parent[k] = (int32_t)k;
    uint32_t nb = 64;
    while (nb < 8 * nm)
        nb <<= 1;
    if (!link_by_keys(x, nb))
        return false;
    link_aliases(x);
    return link_retyped(x, nb) && link_partial_names(x, nb) && link_companies(x, nb) && retype_companies(x, nb);
}

/* ---- attributes -------------------------------------------------------------- */

/* The entity of the mention covering token i, or -1. */
static int32_t entity_at(ectx *x, uint32_t i)
{
    return x->cover[i] ? (int32_t)x->d->mentions.v[x->cover[i] - 1].entity : -1;
}

void sr_ent_set_actor(sr_actor *a, const char *country, const char *group, const char *sector,
                      const char *code)
{
    memset(a, 0, sizeof *a);
    if (country && country[0])
        memcpy(a->country, country, 3);
    if (sector && sector[0])
        memcpy(a->sector, sector, 3);
    if (code && code[0]) {
        size_t n = strlen(code);
        memcpy(a->code, code, n < sizeof a->code ? n : sizeof a->code - 1);
        return;
    }
    snprintf(a->code, sizeof a->code, "%s%s",
             country && country[0] ? country : (group ? group : ""), sector ? sector : "");
}

/* The actor a lexicon match stands for, when it names one. */
static bool actor_of_match(const sitrep_model *m, const sr_match *mt, sr_actor *a)
{
    const sr_lex_rec *r = mt->rec;
    if (r->kind == SR_LEX_ACTOR) {
        sr_ent_set_actor(a, r->country, NULL, r->sector, r->code);
        return a->code[0] != 0;
    }
    if (r->kind == SR_LEX_DEMONYM) {
        sr_ent_set_actor(a, r->country, r->group, NULL, NULL);
        return a->code[0] != 0;
    }
    (void)m;
    return false;
}

static bool adjective(ectx *x, uint32_t i);

/* The country of the nationality word that ends just before token i: our
 * demonyms, else a capitalized adjective whose WordNet pertainym is a
 * country ("Gambian"), whatever the tagger made of it; NULL when none. */
static const char *demonym_country(ectx *x, uint32_t i)
{
    const sr_doc *d = x->d;
    const sr_match *dm = match_ending_at(d, i, SR_LEX_DEMONYM);
    if (dm)
        return dm->rec->country[0] ? dm->rec->country : NULL;
    if (i == 0 || !(d->tokens.v[i - 1].flags & SR_TF_CAP) || !norp_word(x, i - 1, 1))
        return NULL;
    uint32_t n;
    const char *s = sr_ent_tv(d, i - 1, &n);
    char low[64];
    for (uint32_t q = 0; q < n; q++)
        low[q] = (s[q] >= 'A' && s[q] <= 'Z') ? (char)(s[q] + 32) : s[q];
    const char *p = sr_wn_pertainym(x->m, low, n);
    const uint32_t *ids;
    if (!p || !sr_geo_lookup_doc(d, x->m, p, strlen(p), &ids))
        return NULL;
    const sr_place_rec *r = sr_geo_place(x->m, ids[0]);
    return r->feature == SR_FEATURE_COUNTRY ? sr_geo_iso3(x->m, r->cc) : NULL;
}

/* Is the mention after a preposition of place, or the region after a
 * name that is ("in Diego Martin, Diego Martin, a masked gunman ...")? */
static bool after_place_prep(ectx *x, const sr_mention *mn)
{
    const sr_doc *d = x->d;
    uint32_t f = mn->tok_first;
    if (f > 0 && place_prep_at(d, f - 1))
        return true;
    if (f < 3 || !sr_ent_tok_is(d, f - 1, ",") || !x->cover[f - 2])
        return false;
    const sr_mention *pm = &d->mentions.v[x->cover[f - 2] - 1];
    return pm->tok_first + pm->tok_n == f - 1 && pm->tok_first > 0 && place_prep_at(d, pm->tok_first - 1);
}

/* A person's title, role and affiliation, from the words around one of
 * its mentions: "coalition spokesman Colonel Ryan Dillon", "an SDF
 * spokesman", "Ryan Dillon, a spokesman for the coalition". */
static void person_context(ectx *x, sr_entity *e, const sr_mention *mn, const char **country,
                           const char **role_sector)
{
    sr_doc *d = x->d;
    uint32_t i = mn->tok_first;
    const sr_match *t = match_ending_at(d, i, SR_LEX_TITLE);
    if (!t && i > 0 && (d->tokens.v[i - 1].flags & SR_TF_CAP) && match_ending_at(d, i, SR_LEX_ROLE) &&
        match_ending_at(d, i, SR_LEX_ROLE)->rec->sector[0])
        t = match_ending_at(d, i, SR_LEX_ROLE); /* "Judge Alejandro Rivera" */
    if (t) {
        if (!e->title)
            e->title = t->strs + t->rec->name_off;
        if (!e->sector[0] && t->rec->sector[0])
            memcpy(e->sector, t->rec->sector, 4);
        i = t->tok_first;
    }
    const sr_match *r = match_ending_at(d, i, SR_LEX_PERSONROLE);
    /* "An MDC spokesman, Jean-Pierre Mbeki": the role before a comma */
    if (!r && !t && i >= 2 && sr_ent_tok_is(d, i - 1, ","))
        r = match_ending_at(d, i - 1, SR_LEX_PERSONROLE);
    uint32_t aff_end = i;
    if (r) {
        if (!e->role)
            e->role = r->strs + r->rec->name_off;
        if (!*role_sector && r->rec->sector[0])
            *role_sector = r->rec->sector;
        aff_end = r->tok_first;
    } else if (!t) {
        aff_end = UINT32_MAX;
    }
    /* after the name: ", a spokesman for the coalition"; not after a
     * preposition of place ("in Diego Martin, a masked gunman shot": the
     * name is a place, the words after the comma a clause's subject) */
    uint32_t j = mn->tok_first + mn->tok_n;
    if (!r && j + 2 < d->tokens.n && sr_ent_tok_is(d, j, ",") && !after_place_prep(x, mn)) {
        uint32_t q = j + 1;
        if (sr_ent_tok_is_ci(d, q, "a") || sr_ent_tok_is_ci(d, q, "an") || sr_ent_tok_is_ci(d, q, "the"))
            q++;
        /* within the apposition: no comma or bracket between ("Mundo
         * Nuevo, Veracruz, workers ...": the workers are no role of his) */
        for (uint32_t lim = q + 3; q < lim && q < d->tokens.n && d->tokens.v[q].kind == SR_TOK_WORD; q++) {
            const sr_match *rr = match_at(d, q, SR_LEX_PERSONROLE);
            const sr_match *gm = rr ? NULL : match_at(d, q, SR_LEX_ROLE);
            if (gm && !e->sector[0] && gm->rec->sector[0])
                memcpy(e->sector, gm->rec->sector, 4); /* ", a Lebanese official", "a military spokesman" */
            if (gm && q > j + 1 && !*country)
                *country = demonym_country(x, q);
            if (!rr)
                continue;
            if (!e->role)
                e->role = rr->strs + rr->rec->name_off;
            if (!*role_sector && rr->rec->sector[0])
                *role_sector = rr->rec->sector;
            /* the affiliation before the role ("an SDF spokesman") or after
             * it ("spokesman for the coalition") */
            if (q > j + 1 && entity_at(x, q - 1) >= 0 && e->affiliation < 0)
                e->affiliation = entity_at(x, q - 1);
            if (q > j + 1 && !*country)
                *country = demonym_country(x, q); /* ", a Lebanese official" */
            uint32_t after = rr->tok_first + rr->tok_n;
            if (after + 1 < d->tokens.n && (sr_ent_tok_is(d, after, "for") || sr_ent_tok_is(d, after, "of"))) {
                after++;
                if (sr_ent_tok_is_ci(d, after, "the") && after + 1 < d->tokens.n)
                    after++;
                /* "for the US-led international coalition": the head, past
                 * its modifiers */
                for (uint32_t stop = after + 4; after < stop && after < d->tokens.n; after++) {
                    int32_t a = entity_at(x, after);
                    if (a >= 0 && d->mentions.v[x->cover[after] - 1].src != SR_MSRC_PREFIX) {
                        if (e->affiliation < 0)
                            e->affiliation = a;
                        break;
                    }
                    if (d->tokens.v[after].kind != SR_TOK_WORD)
                        break;
                }
            }
            break;
        }
    }
    if (aff_end != UINT32_MAX && aff_end > 0) {
        /* "Syrian President": a nationality word before the title, whatever
         * the tagger made of it ("Gambian" read as a name) */
        const char *dc = demonym_country(x, aff_end);
        if (dc || match_ending_at(d, aff_end, SR_LEX_DEMONYM)) {
            if (dc && !*country)
                *country = dc;
        } else {
            /* "Lebanon's new President", "the U.S. Secretary of State": the
             * possessor or the modifier before it, past two adjectives */
            uint32_t b = aff_end;
            for (int k = 0; k < 2 && b > 1 && adjective(x, b - 1); k++)
                b--;
            if (b > 1 && sr_ent_tok_is(d, b - 1, "'s"))
                b--;
            int32_t a = b > 0 ? entity_at(x, b - 1) : -1;
            if (a >= 0 && e->affiliation < 0 && (uint32_t)a != mn->entity &&
                d->entities.v[a].type != SR_ENT_PERSON)
                e->affiliation = a;
        }
    }
    /* "King Hassan of Morocco", "the president of Armenia X": "of" and a
     * place or an organization after the name */
    uint32_t of = mn->tok_first + mn->tok_n;
    if (e->affiliation < 0 && of + 1 < d->tokens.n && sr_ent_tok_is(d, of, "of")) {
        uint32_t q = of + 1;
        if (sr_ent_tok_is_ci(d, q, "the") && q + 1 < d->tokens.n)
            q++;
        int32_t a = entity_at(x, q);
        if (a >= 0 && (uint32_t)a != mn->entity && d->entities.v[a].type != SR_ENT_PERSON &&
            d->entities.v[a].type != SR_ENT_NORP)
            e->affiliation = a;
    }
}

/* A lower-case adjective between a possessor and a title ("new",
 * "former", "acting"). */
static bool adjective(ectx *x, uint32_t i)
{
    const sr_doc *d = x->d;
    const sr_token *t = &d->tokens.v[i];
    return d->tags && t->kind == SR_TOK_WORD && !(t->flags & SR_TF_CAP) &&
           sr_tag_name(x->m, d->tags[i])[0] == 'J';
}

static bool build_entities(ectx *x)
{
    sr_doc *d = x->d;
    uint32_t nm = d->mentions.n;
    /* one entity per root, in order of first mention */
    for (uint32_t k = 0; k < nm; k++) {
        int32_t r = find(x, (int32_t)k);
        if (r == (int32_t)k) {
            sr_entity *e = SR_VEC_PUSH(d->arena, &d->entities);
            if (!e)
                return false;
            e->type = d->mentions.v[k].type;
            e->affiliation = -1;
            e->place = UINT32_MAX;
            d->mentions.v[k].entity = d->entities.n - 1;
        } else {
            d->mentions.v[k].entity = d->mentions.v[r].entity;
        }
    }
    /* mention lists, names, aliases */
    uint32_t *counts = sr_arena_calloc(d->arena, d->entities.n + 1, sizeof *counts);
    if (!counts)
        return false;
    /* per entity and type: how many of its mentions so far have it */
    uint32_t *typed = sr_arena_calloc(d->arena, (size_t)d->entities.n * SR_ENT__COUNT + 1, sizeof *typed);
    if (!typed)
        return false;
    for (uint32_t k = 0; k < nm; k++)
        counts[d->mentions.v[k].entity]++;
    for (uint32_t e = 0; e < d->entities.n; e++) {
        d->entities.v[e].mentions = sr_arena_alloc(d->arena, counts[e] * sizeof(uint32_t) + 4);
        if (!d->entities.v[e].mentions)
            return false;
    }
    for (uint32_t k = 0; k < nm; k++) {
        const sr_mention *mn = &d->mentions.v[k];
        sr_entity *e = &d->entities.v[mn->entity];
        e->mentions[e->nmentions++] = k;
        uint32_t same = ++typed[(size_t)mn->entity * SR_ENT__COUNT + mn->type];
        uint32_t n;
        const char *s = sr_ent_mtext(d, mn, &n);
        bool acr = sr_ent_is_acronym(s, n);
        uint32_t cur = e->name_len;
        if (!e->name || (!e->name_acronym && !acr && n > cur) || (e->name_acronym && !acr) ||
            (e->name_acronym && acr && n > cur)) {
            e->name = s;
            e->name_len = n;
            e->name_acronym = acr;
        }
        /* the type most of its names give */
        if (mn->src == SR_MSRC_NAME && mn->type != e->type && e->nmentions > 1 && same * 2 > e->nmentions)
            e->type = mn->type;
    }
    for (uint32_t e = 0; e < d->entities.n; e++) {
        sr_entity *en = &d->entities.v[e];
        en->aliases = sr_arena_alloc(d->arena, en->nmentions * sizeof(sr_span) + 8);
        if (!en->aliases)
            return false;
        for (uint32_t q = 0; q < en->nmentions; q++) {
            uint32_t n;
            const char *s = sr_ent_mtext(d, &d->mentions.v[en->mentions[q]], &n);
            if (n == en->name_len && memcmp(s, en->name, n) == 0)
                continue;
            bool seen = false;
            for (uint32_t a = 0; a < en->naliases && !seen; a++)
                seen = en->aliases[a].end - en->aliases[a].start == n &&
                       memcmp(d->norm + en->aliases[a].start, s, n) == 0;
            if (!seen && en->naliases < 8)
                en->aliases[en->naliases++] = (sr_span){(uint32_t)(s - d->norm), (uint32_t)(s - d->norm) + n};
        }
    }
    return true;
}

/* The actor a named group's mentions stand for: a lexicon actor or
 * nationality word that is (nearly) the whole mention, or the one before
 * a hyphen ("US-backed"). */
static void actor_from_mentions(ectx *x, sr_entity *en)
{
    const sr_doc *d = x->d;
    const sitrep_model *m = x->m;
    for (uint32_t q = 0; q < en->nmentions && !en->has_actor; q++) {
        const sr_mention *mn = &d->mentions.v[en->mentions[q]];
        if (mn->src == SR_MSRC_PREFIX) {
            uint32_t n;
            const char *s = sr_ent_mtext(d, mn, &n);
            const char *strs;
            const sr_lex_rec *r = sr_lex_find(m, s, n, SR_LEX_ACTOR, &strs);
            if (!r)
                r = sr_lex_find(m, s, n, SR_LEX_DEMONYM, &strs);
            if (r) {
                sr_match tmp = {.rec = r, .strs = strs};
                en->has_actor = actor_of_match(m, &tmp, &en->actor);
            }
            continue;
        }
        const sr_match *mt = match_in(d, mn->tok_first, mn->tok_n, SR_LEX_ACTOR);
        if (!mt && en->type == SR_ENT_NORP)
            mt = match_in(d, mn->tok_first, mn->tok_n, SR_LEX_DEMONYM);
        if (mt && (mt->tok_n + 1 >= mn->tok_n))
            en->has_actor = actor_of_match(m, mt, &en->actor);
    }
}

/* A nationality adjective whose WordNet pertainym is a country: Syrian ->
 * SYR. */
static void norp_actor(ectx *x, sr_entity *en)
{
    const sitrep_model *m = x->m;
    const char *s = en->name;
    uint32_t n = en->name_len;
    char low[64];
    if (n >= sizeof low)
        return;
    for (uint32_t i = 0; i < n; i++)
        low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    const char *p = sr_wn_pertainym(m, low, n);
    const uint32_t *ids;
    if (!p || !sr_geo_lookup_doc(x->d, m, p, strlen(p), &ids))
        return;
    const sr_place_rec *r = sr_geo_place(m, ids[0]);
    const char *c3 = r->feature == SR_FEATURE_COUNTRY ? sr_geo_iso3(m, r->cc) : NULL;
    if (c3) {
        sr_ent_set_actor(&en->actor, c3, NULL, NULL, NULL);
        en->has_actor = true;
    }
}

/* Is token i a word WordNet knows as an adjective ("Central",
 * "Southern", "National")?  Such a word in a name is no place. */
static bool lexical_adjective(ectx *x, uint32_t i)
{
    uint32_t n;
    const char *s = sr_ent_tv(x->d, i, &n);
    char low[32];
    if (n >= sizeof low)
        return false;
    for (uint32_t q = 0; q < n; q++)
        low[q] = (s[q] >= 'A' && s[q] <= 'Z') ? (char)(s[q] + 32) : s[q];
    return sr_wn_class(x->m, low, n, 'a') >= 0;
}

/* "Syrian Democratic Forces": a nationality word or country in an
 * organization's longest name, else a place in it ("Raqqa Civil Council"
 * is Syrian), and the sector its last cue word gives. */
static void org_actor(ectx *x, sr_entity *en)
{
    const sr_doc *d = x->d;
    const sitrep_model *m = x->m;
    const char *country = NULL, *group = NULL, *sector = NULL;
    const sr_mention *mn = NULL;
    for (uint32_t q = 0; q < en->nmentions; q++) {
        const sr_mention *o = &d->mentions.v[en->mentions[q]];
        if (!mn || o->tok_n > mn->tok_n)
            mn = o;
    }
    for (uint32_t j = 0; mn && j < mn->tok_n; j++) {
        const sr_match *mt = match_at(d, mn->tok_first + j, 0);
        if (!mt)
            continue;
        if (mt->rec->kind == SR_LEX_DEMONYM && !country && !group) {
            country = mt->rec->country[0] ? mt->rec->country : NULL;
            group = mt->rec->group[0] ? mt->rec->group : NULL;
        } else if (mt->rec->kind == SR_LEX_ORGCUE && mt->rec->sector[0]) {
            sector = mt->rec->sector;
        }
    }
    /* a place in the name: the longest run of up to three words the
     * gazetteer knows ("New York Stock Exchange" is New York's, not
     * York's); a country's code written as one ("US Congress"); never an
     * adjective alone ("Central Bank", "Southern Command") */
    for (uint32_t j = 0; mn && !country && !group && j < mn->tok_n; j++) {
        const sr_token *t = &d->tokens.v[mn->tok_first + j];
        if (!(t->flags & SR_TF_CAP))
            continue;
        for (uint32_t k = mn->tok_n - j < 3 ? mn->tok_n - j : 3; k >= 1 && !country; k--) {
            uint32_t first = mn->tok_first + j, a = t->nstart, b = d->tokens.v[first + k - 1].nend;
            const sr_token *lt = &d->tokens.v[first + k - 1];
            if (!(lt->flags & SR_TF_CAP) || (k == mn->tok_n && mn->tok_n > 1))
                continue;
            if (k == 1 && lexical_adjective(x, first))
                continue;
            const uint32_t *ids;
            uint32_t one, c;
            if (k == 1 && (t->flags & SR_TF_ALLCAPS))
                c = mn->tok_n > 1 || bare_country_code(d->norm + a, b - a)
                        ? sr_ent_resolve_name(x, d->norm + a, b - a, &ids, &one)
                        : 0; /* "US" alone is the country; "GM" alone no Gambia */
            else
                c = sr_geo_lookup_doc(d, m, d->norm + a, b - a, &ids);
            if (!c)
                continue;
            const sr_place_rec *p = sr_geo_place(m, ids[0]);
            if (p->feature == SR_FEATURE_COUNTRY || p->population >= 100000)
                country = sr_geo_iso3(m, p->cc);
            if (country || k > 1)
                j += k - 1; /* a known place that is no country's: its words are used */
            break;
        }
    }
    if (country || group) {
        sr_ent_set_actor(&en->actor, country, group, sector, NULL);
        en->has_actor = true;
    } else if (sector) {
        sr_ent_set_actor(&en->actor, NULL, NULL, sector, NULL);
        en->has_actor = true;
    }
}

/* A person's title, role and affiliation from each mention's context,
 * then the code: the affiliation's country and sector, or a
 * transnational group's own code for its member. */
static void person_actor(ectx *x, sr_entity *en)
{
    const sr_doc *d = x->d;
    const char *country = NULL, *role_sector = NULL;
    for (uint32_t q = 0; q < en->nmentions; q++)
        person_context(x, en, &d->mentions.v[en->mentions[q]], &country, &role_sector);
    const sr_entity *aff = en->affiliation >= 0 ? &d->entities.v[en->affiliation] : NULL;
    if (aff && aff->has_actor) {
        if (!country && aff->actor.country[0])
            country = aff->actor.country;
        if (!en->sector[0] && aff->actor.sector[0])
            memcpy(en->sector, aff->actor.sector, 4);
    }
    /* "Nigerian foreign minister X", "Niger's ambassador X": the role's
     * own sector when no title or affiliation gave one and a country is
     * whom the role serves; not "the company's president" */
    if (!en->sector[0] && role_sector && country && !(aff && aff->type == SR_ENT_ORG))
        memcpy(en->sector, role_sector, 4);
    if (aff && aff->has_actor && !aff->actor.country[0] && !country) {
        en->actor = aff->actor;
        en->has_actor = true;
    } else if (country || en->sector[0]) {
        sr_ent_set_actor(&en->actor, country, NULL, en->sector[0] ? en->sector : NULL, NULL);
        en->has_actor = true;
    }
}

/* A place entity whose name is a country ("U.S.", "Iraq") takes the
 * country's code now, so the people and organizations it modifies can
 * take it ("the U.S. Secretary of State", "Iraq's interior ministry");
 * other places wait for sr_ent_geocode(). */
static void country_actor(ectx *x, sr_entity *en)
{
    const uint32_t *ids;
    uint32_t one, c = sr_geo_lookup_doc(x->d, x->m, en->name, en->name_len, &ids);
    if (!c && sr_ent_is_acronym(en->name, en->name_len))
        c = sr_ent_resolve_name(x, en->name, en->name_len, &ids, &one); /* "U.S." */
    if (!c)
        return;
    const sr_place_rec *p = sr_geo_place(x->m, ids[0]);
    const char *c3 = p->feature == SR_FEATURE_COUNTRY ? sr_geo_iso3(x->m, p->cc) : NULL;
    if (c3) {
        sr_ent_set_actor(&en->actor, c3, NULL, NULL, NULL);
        en->has_actor = true;
    }
}

/* Actor codes (docs/actors.md): named actors, nationality words and
 * organizations first, since a person's affiliation may be one of them;
 * then people. */
static void code_actors(ectx *x)
{
    sr_doc *d = x->d;
    cover(x);
    for (uint32_t e = 0; e < d->entities.n; e++) {
        sr_entity *en = &d->entities.v[e];
        if (en->type == SR_ENT_PERSON)
            continue;
        actor_from_mentions(x, en);
        if (en->has_actor)
            continue;
        if (en->type == SR_ENT_GPE)
            country_actor(x, en);
        else if (en->type == SR_ENT_NORP)
            norp_actor(x, en);
        else if (en->type == SR_ENT_ORG)
            org_actor(x, en);
    }
    for (uint32_t e = 0; e < d->entities.n; e++)
        if (d->entities.v[e].type == SR_ENT_PERSON)
            person_actor(x, &d->entities.v[e]);
}

/* Is the token range a region or country the gazetteer knows? */
bool sr_ent_region_at(ectx *x, uint32_t first, uint32_t n)
{
    const sr_doc *d = x->d;
    if (first + n > d->tokens.n || !n)
        return false;
    uint32_t a = d->tokens.v[first].nstart, b = d->tokens.v[first + n - 1].nend;
    const uint32_t *ids;
    uint32_t one, c = sr_ent_resolve_name(x, d->norm + a, b - a, &ids, &one);
    for (uint32_t k = 0; k < c; k++)
        if (sr_geo_place(x->m, ids[k])->feature != SR_FEATURE_CITY)
            return true;
    return false;
}

/* The first mention starting at token tok or after (mentions are in text
 * order). */
static uint32_t first_mention_from(const sr_doc *d, uint32_t tok)
{
    uint32_t a = 0, b = d->mentions.n;
    while (a < b) {
        uint32_t mid = (a + b) / 2;
        if (d->mentions.v[mid].tok_first < tok)
            a = mid + 1;
        else
            b = mid;
    }
    return a;
}

/* The mention that starts at token tok, or -1. */
int32_t sr_ent_mention_at_tok(const sr_doc *d, uint32_t tok)
{
    uint32_t a = first_mention_from(d, tok);
    return a < d->mentions.n && d->mentions.v[a].tok_first == tok ? (int32_t)a : -1;
}

/* The mention listed right after token nx - 1: ", Y", or "(Y" when `open`
 * ("X (Y, Z)", "X, Y"); -1 when none. */
int32_t sr_ent_listed_after(const sr_doc *d, uint32_t nx, bool open)
{
    if (nx + 1 >= d->tokens.n || !(sr_ent_tok_is(d, nx, ",") || (open && sr_ent_tok_is(d, nx, "("))))
        return -1;
    return sr_ent_mention_at_tok(d, nx + 1);
}

/* ---- entities by the last word of their names ---------------------------------- */

/* sr_entity_named_by's index, made when the stage ends: under a key (a
 * name's last word in lower case, with its entity's type or with none)
 * the mentions of the entities so named, in text order. */
typedef struct nameslot {
    uint64_t key;
    uint32_t off, n;
} nameslot;
struct sr_entity_index {
    nameslot *slots;
    uint32_t mask;
    uint32_t *mentions;
};

/* The key of a last word (ASCII case folded, as strncasecmp compares)
 * with a type (-1: any). */
static uint64_t last_word_key(const char *s, uint32_t n, int type)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)(type + 2);
    for (uint32_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32u : c)) * 0x100000001b3ULL;
    }
    return h | 1;
}

/* The last word of an entity's name that names it ("coalition" of "the
 * US-led coalition"): after its last space, with a word before; length
 * 0 when none. */
static const char *name_last_word(const sr_entity *en, uint32_t *n)
{
    const char *sp = en->name_len ? memrchr(en->name, ' ', en->name_len) : NULL;
    *n = sp && sp > en->name ? (uint32_t)(en->name + en->name_len - sp - 1) : 0;
    return sp ? sp + 1 : NULL;
}

static nameslot *name_slot(const struct sr_entity_index *ix, uint64_t key)
{
    uint32_t i = (uint32_t)(key >> 20) & ix->mask;
    while (ix->slots[i].key && ix->slots[i].key != key)
        i = (i + 1) & ix->mask;
    return &ix->slots[i];
}

static bool index_names(sr_doc *d)
{
    uint32_t nm = d->mentions.n, ne = d->entities.n;
    struct sr_entity_index *ix = sr_arena_calloc(d->arena, 1, sizeof *ix);
    uint64_t *keys = sr_arena_alloc(d->arena, (2 * (size_t)ne + 1) * sizeof *keys);
    uint32_t nb = 64;
    while (nb < 4 * ne)
        nb <<= 1;
    if (!ix || !keys || !(ix->slots = sr_arena_calloc(d->arena, nb, sizeof *ix->slots)) ||
        !(ix->mentions = sr_arena_alloc(d->arena, (2 * (size_t)nm + 1) * sizeof *ix->mentions)))
        return false;
    ix->mask = nb - 1;
    for (uint32_t e = 0; e < ne; e++) {
        const sr_entity *en = &d->entities.v[e];
        uint32_t n;
        const char *w = name_last_word(en, &n);
        keys[2 * e] = n ? last_word_key(w, n, -1) : 0;
        keys[2 * e + 1] = n ? last_word_key(w, n, en->type) : 0;
    }
    /* count, place, fill */
    for (uint32_t k = 0; k < nm; k++)
        for (int q = 0; q < 2; q++) {
            uint64_t key = keys[2 * d->mentions.v[k].entity + (uint32_t)q];
            if (!key)
                continue;
            nameslot *s = name_slot(ix, key);
            s->key = key;
            s->n++;
        }
    uint32_t off = 0;
    for (uint32_t i = 0; i < nb; i++) {
        ix->slots[i].off = off;
        off += ix->slots[i].n;
        ix->slots[i].n = 0;
    }
    for (uint32_t k = 0; k < nm; k++)
        for (int q = 0; q < 2; q++) {
            uint64_t key = keys[2 * d->mentions.v[k].entity + (uint32_t)q];
            if (key) {
                nameslot *s = name_slot(ix, key);
                ix->mentions[s->off + s->n++] = k;
            }
        }
    d->entity_index = ix;
    return true;
}

/* Does mention k's entity end its name with the word h and have the type? */
static int32_t named_by(const sr_doc *d, uint32_t k, const sr_token *h, int type)
{
    uint32_t hn = h->nend - h->nstart;
    const sr_entity *en = &d->entities.v[d->mentions.v[k].entity];
    if ((type >= 0 && en->type != type) || en->name_len <= hn + 1)
        return -1;
    const char *tail = en->name + en->name_len - hn;
    if (tail[-1] == ' ' && strncasecmp(tail, d->norm + h->nstart, hn) == 0)
        return (int32_t)d->mentions.v[k].entity;
    return -1;
}

/* The latest entity mentioned before token `before` whose name ends with
 * the word at token w, of type `type` (-1: any): "the coalition" after
 * "the US-led coalition".  The index gives the mentions of entities so
 * named; a word no key can be (empty, or with a space) is checked against
 * every earlier mention. */
int32_t sr_entity_named_by(const sr_doc *d, uint32_t before, uint32_t w, int type)
{
    const sr_token *h = &d->tokens.v[w];
    uint32_t hn = h->nend - h->nstart, bound = first_mention_from(d, before);
    const char *hs = d->norm + h->nstart;
    const struct sr_entity_index *ix = d->entity_index;
    if (!ix || !hn || memchr(hs, ' ', hn) || memchr(hs, 0, hn)) {
        for (uint32_t k = bound; k > 0; k--) {
            int32_t e = named_by(d, k - 1, h, type);
            if (e >= 0)
                return e;
        }
        return -1;
    }
    const nameslot *s = name_slot(ix, last_word_key(hs, hn, type));
    if (!s->key)
        return -1;
    const uint32_t *v = ix->mentions + s->off;
    uint32_t a = 0, b = s->n; /* the mentions before `bound` */
    while (a < b) {
        uint32_t mid = (a + b) / 2;
        if (v[mid] < bound)
            a = mid + 1;
        else
            b = mid;
    }
    for (uint32_t i = a; i > 0; i--) {
        int32_t e = named_by(d, v[i - 1], h, type);
        if (e >= 0)
            return e;
    }
    return -1;
}

/* ---- group noun phrases --------------------------------------------------------- */

/* "the Syrian army", "US-backed militias", "Kurdish and Arab fighters",
 * "Islamic State fighters", "rebels", "tribal elders": a role noun of our
 * lexicon with the modifiers before it that say whose it is. */
/* A noun of time ("today", "yesterday", "tonight": WordNet's noun.time),
 * which a role noun before it does not modify ("the government today
 * welcomed"). */
static bool time_noun(ectx *x, uint32_t i)
{
    uint32_t n;
    const char *s = sr_ent_tv(x->d, i, &n);
    char low[24];
    if (n >= sizeof low)
        return false;
    for (uint32_t q = 0; q < n; q++)
        low[q] = (s[q] >= 'A' && s[q] <= 'Z') ? (char)(s[q] + 32) : s[q];
    int cls = sr_wn_class(x->m, low, n, 'n');
    return cls >= 0 && strcmp(sr_wn_class_name(cls), "noun.time") == 0;
}

/* Is the mention over the match's first token exactly the match (a
 * capitalized group noun the tagger read as a name)? */
static bool name_is_match(ectx *x, const sr_match *mt)
{
    const sr_mention *mn = &x->d->mentions.v[x->cover[mt->tok_first] - 1];
    return mn->tok_first == mt->tok_first && mn->tok_n == mt->tok_n;
}

/* A plural common noun for people or a body of them that no lexicon
 * names ("candidates", "landowners", "groups"): the head a role word or a
 * nationality before it makes an actor of ("opposition candidates",
 * "Algerian landowners").  Bodies (noun.group) only when with_groups. */
static bool people_plural(ectx *x, uint32_t i, bool with_groups, bool singular)
{
    const sr_doc *d = x->d;
    if (i >= d->tokens.n || !d->tags || d->tokens.v[i].kind != SR_TOK_WORD ||
        (d->tokens.v[i].flags & SR_TF_CAP) || x->cover[i] ||
        !(strcmp(sr_tag_name(x->m, d->tags[i]), "NNS") == 0 ||
          (singular && strcmp(sr_tag_name(x->m, d->tags[i]), "NN") == 0)) ||
        match_at(d, i, SR_LEX_ROLE) || match_at(d, i, SR_LEX_PERSONROLE) || match_at(d, i, SR_LEX_TITLE))
        return false;
    char lem[64];
    size_t n = sr_lemma_of(d, x->m, i, lem, sizeof lem);
    int cls = -1;
    /* a plural WordNet also knows as a name ("banks": Joseph Banks) is
     * read as its singular first */
    if (n > 3 && lem[n - 1] == 's') {
        if (lem[n - 2] == 'e' && lem[n - 3] == 'i') {
            lem[n - 3] = 'y';
            cls = sr_wn_class(x->m, lem, n - 2, 'n');
            lem[n - 3] = 'i';
        }
        if (cls < 0)
            cls = sr_wn_class(x->m, lem, n - 1, 'n');
    }
    if (cls < 0 && n)
        cls = sr_wn_class(x->m, lem, n, 'n');
    if (cls < 0)
        return false;
    const char *cn = sr_wn_class_name(cls);
    return strcmp(cn, "noun.person") == 0 || (with_groups && strcmp(cn, "noun.group") == 0);
}

/* Machines of war that act for the military of a country named before
 * them ("Israeli helicopters and tanks", "Russian aircraft"); alone, or a
 * company's, they are no one's. */
static const char *const war_machines[] = {"aircraft", "warplanes", "warplane", "helicopters", "gunships",
                                           "jets", "tanks", "bulldozers", "bombers", "drones", NULL};

static bool groups(ectx *x)
{
    sr_doc *d = x->d;
    for (uint32_t k = 0; k < d->matches.n; k++) {
        const sr_match *mt = &d->matches.v[k];
        uint32_t after = mt->tok_first + mt->tok_n, last = after - 1, head = last;
        /* a title with no name after it acts as its office ("Taiwan's Vice
         * Foreign Minister visited Russia") */
        bool office = (mt->rec->kind == SR_LEX_TITLE || mt->rec->kind == SR_LEX_PERSONROLE) &&
                      mt->rec->sector[0] &&
                      (after >= d->tokens.n || !(d->tokens.v[after].flags & SR_TF_CAP) ||
                       d->tokens.v[after].kind != SR_TOK_WORD);
        if (mt->rec->kind == SR_LEX_DEMONYM && (mt->rec->country[0] || mt->rec->group[0]) &&
            people_plural(x, after, false, true) &&
            !(mt->tok_first > 0 && d->tags && strcmp(sr_tag_name(x->m, d->tags[mt->tok_first - 1]), "PRP$") == 0)) {
            /* "Algerian landowners", "a Mexican immigrant": people of a
             * nation no role word names are its civilians */
            sr_group *gr = SR_VEC_PUSH(d->arena, &d->groups);
            if (!gr)
                return false;
            gr->tok_first = mt->tok_first;
            gr->tok_n = after + 1 - mt->tok_first;
            gr->start = mt->start;
            gr->end = d->tokens.v[after].end;
            gr->entity = -1;
            sr_ent_set_actor(&gr->actor, mt->rec->country[0] ? mt->rec->country : NULL,
                             mt->rec->group[0] ? mt->rec->group : NULL, "CVL", NULL);
            continue;
        }
        if (mt->rec->kind != SR_LEX_ROLE && !office)
            continue;
        /* a role word inside a name is part of the name; one before a noun
         * modifies it ("civilian casualties") */
        /* (not when the name is the group noun alone: "Malian Armed
         * Forces" of "Armed Forces" read as a name) */
        if ((x->cover[mt->tok_first] && !name_is_match(x, mt)) || (office && x->cover[last]))
            continue;
        /* "Judge Alejandro Rivera": a capitalized role noun before a
         * person's name is the person's title */
        if (!office && (d->tokens.v[mt->tok_first].flags & SR_TF_CAP) && after < d->tokens.n &&
            x->cover[after] && d->mentions.v[x->cover[after] - 1].tok_first == after &&
            d->mentions.v[x->cover[after] - 1].type == SR_ENT_PERSON)
            continue;
        if (after < d->tokens.n && d->tags && sr_tag_name(x->m, d->tags[after])[0] == 'N' &&
            d->tokens.v[after].kind == SR_TOK_WORD &&
            strcmp(sr_tag_name(x->m, d->tags[last]), "NNS") != 0 &&
            strcmp(sr_tag_name(x->m, d->tags[last]), "NNPS") != 0 &&
            !(d->tokens.v[after].flags & SR_TF_CAP) && !time_noun(x, after)) {
            /* "opposition candidates", "government employees": a role
             * word before people no lexicon names gives them its sector;
             * not an armed one ("military informants", "army aspirants",
             * "police guards" are no soldiers, gang members no gang) */
            static const char *const armed_sectors[] = {"MIL", "COP", "REB", "UAF", "SPY", "CRM", NULL};
            if (office || !mt->rec->sector[0] ||
                sr_ent_in_list(mt->rec->sector, strlen(mt->rec->sector), armed_sectors) ||
                !people_plural(x, after, true, false))
                continue;
            head = after++;
        }
        const char *sector = mt->rec->sector;
        const char *country = NULL, *group = NULL, *code = NULL;
        int32_t ent = -1;
        bool mixed = false, coord = false;
        uint32_t first = mt->tok_first;
        for (uint32_t i = mt->tok_first; i > 0;) {
            uint32_t p = i - 1;
            const sr_token *t = &d->tokens.v[p];
            /* never across a line or sentence */
            if (memchr(d->text + t->end, '\n', d->tokens.v[i].start - t->end) ||
                (t->flags & SR_TF_SENT_END))
                break;
            int32_t e = entity_at(x, p);
            const sr_match *dm = match_ending_at(d, i, SR_LEX_DEMONYM);
            const sr_match *am = match_ending_at(d, i, SR_LEX_ACTOR);
            const char *c = NULL, *g = NULL, *cd = NULL;
            uint32_t start = p;
            if (e >= 0 && d->mentions.v[x->cover[p] - 1].src == SR_MSRC_PREFIX) {
                /* "US-backed": the backer, not the group's own country */
                start = p;
            } else if (dm) {
                c = dm->rec->country[0] ? dm->rec->country : NULL;
                g = dm->rec->group[0] ? dm->rec->group : NULL;
                start = dm->tok_first;
            } else if (am) {
                cd = am->rec->code;
                c = am->rec->country[0] ? am->rec->country : NULL;
                start = am->tok_first;
                if (e >= 0)
                    ent = e;
            } else if (e >= 0) {
                const sr_entity *en = &d->entities.v[e];
                const sr_mention *mn = &d->mentions.v[x->cover[p] - 1];
                if (en->has_actor) {
                    if (en->type == SR_ENT_ORG)
                        cd = en->actor.code, ent = e;
                    c = en->actor.country[0] ? en->actor.country : NULL;
                }
                start = mn->tok_first;
            } else if (match_ending_at(d, i, SR_LEX_ROLE) &&
                       (!(t->flags & SR_TF_CAP) || (d->tags && strcmp(sr_tag_name(x->m, d->tags[p]), "NN") == 0)) &&
                       !(d->tags && sr_tag_name(x->m, d->tags[p])[0] == 'V')) {
                /* "government soldiers", "opposition fighters": a role noun
                 * as modifier; the head's sector stands, or is the
                 * modifier's when the head has none ("rebel leaders") */
                if (!sector[0])
                    sector = match_ending_at(d, i, SR_LEX_ROLE)->rec->sector;
                first = match_ending_at(d, i, SR_LEX_ROLE)->tok_first;
                i = first;
                continue;
            } else if (sr_ent_tok_is(d, p, "'s") && p > 0 && entity_at(x, p - 1) >= 0) {
                i = p; /* "Syria's army": the possessor next */
                continue;
            } else if ((sr_ent_tok_is_ci(d, p, "and") || sr_ent_tok_is(d, p, ",")) && p > 0 &&
                       i < mt->tok_first + 1 && first != mt->tok_first &&
                       (match_ending_at(d, p, SR_LEX_DEMONYM) ||
                        (entity_at(x, p - 1) >= 0 &&
                         (d->entities.v[entity_at(x, p - 1)].type == SR_ENT_NORP ||
                          d->entities.v[entity_at(x, p - 1)].type == SR_ENT_GPE)))) {
                i = p;
                coord = true;
                continue;
            } else if (t->kind == SR_TOK_WORD && d->tags &&
                       (sr_tag_name(x->m, d->tags[p])[0] == 'J' ||
                        (t->flags & SR_TF_HYPHEN)) && !(t->flags & SR_TF_CAP)) {
                /* "pro-government", "armed", "tribal": inside the phrase */
                first = p;
                i = p;
                continue;
            } else {
                break;
            }
            if (coord && (c || g || (cd && cd[0]))) {
                /* "Hungarian and Romanian officials": the actors of both,
                 * coded as the first named */
                country = c, group = g, code = cd && cd[0] ? cd : NULL;
                mixed = false;
                first = start;
                i = start;
                continue;
            }
            if ((c || g || cd) && (country || group || code) &&
                !((c && country && strcmp(c, country) == 0) || (g && group && strcmp(g, group) == 0) ||
                  (cd && code && strcmp(cd, code) == 0)))
                mixed = true;
            if (c && !country)
                country = c;
            if (g && !group)
                group = g;
            if (cd && !code && cd[0])
                code = cd;
            first = start;
            i = start;
        }
        /* "rebels in the Ivory Coast", "police in Nairobi", "troops from
         * Chad": a group of no one's, where a country or its town follows */
        /* (not "its forces in Lebanon": whose they are is said before) */
        bool owned = first > 0 && d->tags && strcmp(sr_tag_name(x->m, d->tags[first - 1]), "PRP$") == 0;
        if (!country && !group && !code && !mixed && sector[0] && !owned) {
            uint32_t q = after;
            if (q + 1 < d->tokens.n &&
                (sr_ent_tok_is(d, q, "in") || sr_ent_tok_is(d, q, "from") || sr_ent_tok_is(d, q, "throughout") ||
                 sr_ent_tok_is(d, q, "across"))) {
                q++;
                if (sr_ent_tok_is_ci(d, q, "the") && q + 1 < d->tokens.n)
                    q++;
                int32_t e = entity_at(x, q);
                if (e >= 0 && d->mentions.v[x->cover[q] - 1].tok_first == q) {
                    const sr_entity *en = &d->entities.v[e];
                    if (en->type == SR_ENT_GPE && en->has_actor && en->actor.country[0])
                        country = en->actor.country;
                }
            }
        }
        if (!sector[0] && !country && !group && !code)
            continue; /* "the leaders": no one in particular */
        /* a state's leaders lead it, its commanders its forces
         * ("Palestinian leaders" GOV, "Syrian commanders" MIL) */
        if (!sector[0] && country && !code && mt->tok_n == 1)
            sector = sr_ent_tok_is(d, mt->tok_first, "leaders")      ? "GOV"
                     : sr_ent_tok_is(d, mt->tok_first, "commanders") ? "MIL"
                                                                     : sector;
        if (mt->tok_n == 1 && (!country || code) && !group &&
            sr_ent_in_list(d->norm + d->tokens.v[mt->tok_first].nstart,
                           d->tokens.v[mt->tok_first].nend - d->tokens.v[mt->tok_first].nstart, war_machines))
            continue;
        /* "the storm forces residents": a verb; "market forces", "forces"
         * alone: armed forces only when someone's ("Serbian forces") */
        static const char *const owned_heads[] = {"forces", NULL};
        if (d->tags && sr_tag_name(x->m, d->tags[mt->tok_first])[0] == 'V')
            continue;
        if (first == mt->tok_first && !country && !group && !code && mt->tok_n == 1 &&
            sr_ent_in_list(d->norm + d->tokens.v[mt->tok_first].nstart,
                           d->tokens.v[mt->tok_first].nend - d->tokens.v[mt->tok_first].nstart, owned_heads))
            continue;
        /* "a French minister": a role of the state stands for it with its
         * country; "the president" alone may be a company's */
        if (office && mt->rec->kind == SR_LEX_PERSONROLE && !country)
            continue;
        sr_group *gr = SR_VEC_PUSH(d->arena, &d->groups);
        if (!gr)
            return false;
        gr->tok_first = first;
        gr->tok_n = head + 1 - first;
        gr->start = d->tokens.v[first].start;
        gr->end = d->tokens.v[head].end;
        gr->entity = ent;
        if (mixed)
            sr_ent_set_actor(&gr->actor, NULL, NULL, sector, NULL);
        else if (code && !country)
            sr_ent_set_actor(&gr->actor, NULL, NULL, NULL, code);
        else
            sr_ent_set_actor(&gr->actor, country, group, sector, NULL);
    }
    return true;
}

/* qsort_r (glibc): the mentions come as the argument, so threads sorting
 * their own documents share nothing */
static int cmp_mention(const void *a, const void *b, void *arg)
{
    const sr_mention *mv = arg;
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    uint32_t si = mv[i].start, sj = mv[j].start;
    if (si != sj)
        return si < sj ? -1 : 1;
    return i < j ? -1 : i > j;
}

/* Are mentions k and k + 1 items of one list: one "," or "and" between? */
static bool list_next(const sr_doc *d, uint32_t k)
{
    const sr_mention *a = &d->mentions.v[k], *b = &d->mentions.v[k + 1];
    uint32_t j = a->tok_first + a->tok_n;
    return b->tok_first == j + 1 && (sr_ent_tok_is(d, j, ",") || sr_ent_tok_is(d, j, "and"));
}

/* In a list of three names or more, most of them people's ("Breen ,
 * Staunton , Irwin , McAteer , Harte": a team's line-up), a name of one
 * word is a person too, unless it is a country. */
static void list_types(ectx *x)
{
    sr_doc *d = x->d;
    for (uint32_t a = 0; a < d->mentions.n;) {
        uint32_t b = a + 1;
        while (b < d->mentions.n && list_next(d, b - 1))
            b++;
        uint32_t people = 0;
        for (uint32_t k = a; k < b; k++)
            people += d->mentions.v[k].type == SR_ENT_PERSON;
        if (b - a >= 3 && 2 * people > b - a)
            for (uint32_t k = a; k < b; k++) {
                sr_mention *m = &d->mentions.v[k];
                if (m->type == SR_ENT_PERSON || m->tok_n != 1 || m->src != SR_MSRC_NAME)
                    continue;
                const uint32_t *ids;
                uint32_t s = d->tokens.v[m->tok_first].nstart, e = d->tokens.v[m->tok_first].nend;
                if (sr_geo_lookup_doc(d, x->m, d->norm + s, e - s, &ids) &&
                    sr_geo_place(x->m, ids[0])->feature == SR_FEATURE_COUNTRY)
                    continue;
                m->type = SR_ENT_PERSON;
            }
        a = b;
    }
}

static bool sort_mentions(ectx *x)
{
    sr_doc *d = x->d;
    uint32_t nm = d->mentions.n;
    uint32_t *perm = sr_arena_alloc(d->arena, (nm + 1) * sizeof *perm);
    uint32_t *inv = sr_arena_alloc(d->arena, (nm + 1) * sizeof *inv);
    sr_mention *mv = sr_arena_alloc(d->arena, (nm + 1) * sizeof *mv);
    int32_t *av = sr_arena_alloc(d->arena, (nm + 1) * sizeof *av);
    if (!perm || !inv || !mv || !av)
        return false;
    /* by start, then by position: stable */
    for (uint32_t k = 0; k < nm; k++)
        perm[k] = k;
    qsort_r(perm, nm, sizeof *perm, cmp_mention, d->mentions.v);
    for (uint32_t k = 0; k < nm; k++)
        inv[perm[k]] = k;
    for (uint32_t k = 0; k < nm; k++) {
        mv[k] = d->mentions.v[perm[k]];
        int32_t a = x->acro[perm[k]];
        av[k] = a >= 0 ? (int32_t)inv[a] : -1;
    }
    if (nm) {
        memcpy(d->mentions.v, mv, nm * sizeof *mv);
        memcpy(x->acro, av, nm * sizeof *av);
    }
    return true;
}

sitrep_status sr_entity_run(sr_doc *d, const sitrep_model *m)
{
    if (!m || !d->tokens.n)
        return SITREP_OK;
    d->entity_index = NULL;
    ectx x = {.d = d, .m = m};
    x.cover = sr_arena_calloc(d->arena, d->tokens.n + 1, sizeof *x.cover);
    d->match_start = sr_arena_calloc(d->arena, d->tokens.n + 1, sizeof *d->match_start);
    d->match_cover = sr_arena_calloc(d->arena, d->tokens.n + 1, sizeof *d->match_cover);
    if (!x.cover || !d->match_start || !d->match_cover)
        return SITREP_ENOMEM;
    for (uint32_t k = 0; k < d->matches.n; k++) {
        const sr_match *mt = &d->matches.v[k];
        d->match_start[mt->tok_first] = k + 1;
        for (uint32_t j = 0; j < mt->tok_n; j++)
            d->match_cover[mt->tok_first + j] = k + 1;
    }
    if (!mentions_from_names(&x) || !mentions_from_lexicon(&x) || !mentions_from_prefixes(&x))
        return SITREP_ENOMEM;
    /* acronyms add mentions: room for one per mention */
    uint32_t cap = 2 * d->mentions.n + 1;
    x.acro = sr_arena_alloc(d->arena, cap * sizeof *x.acro);
    x.parent = sr_arena_alloc(d->arena, cap * sizeof *x.parent);
    if (!x.acro || !x.parent)
        return SITREP_ENOMEM;
    for (uint32_t k = 0; k < cap; k++)
        x.acro[k] = -1;
    if (!acronyms(&x))
        return SITREP_ENOMEM;
    /* mentions in text order (lexicon and acronym mentions came later) */
    if (!sort_mentions(&x))
        return SITREP_ENOMEM;
    list_types(&x);
    if (!link_mentions(&x) || !build_entities(&x))
        return SITREP_ENOMEM;
    code_actors(&x);
    sr_ent_places_by_context(&x);
    sr_ent_geocode(&x);
    cover(&x);
    if (!groups(&x) || !index_names(d))
        return SITREP_ENOMEM;
    return SITREP_OK;
}

const sr_place_rec *sr_entity_place(const sr_doc *d, const sitrep_model *m, int32_t e)
{
    if (e < 0 || !m || d->entities.v[e].place == UINT32_MAX)
        return NULL;
    return sr_geo_place(m, d->entities.v[e].place);
}
