/*
 * geo.c: the gazetteer in the model.  A place name is looked up by its key
 * (placekey.c); the model lists the places under a key best first:
 * countries, then regions, then towns by population.  Choosing among them
 * with the document's context is the geocoding stage's work.
 */
#include "model/model.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

bool sr_geo_load(sitrep_model *m)
{
    size_t n;
    const void *p = sr_model_get_section(m, "PLCS", &n);
    if (!p || n % sizeof(sr_place_rec))
        return false;
    m->places = p;
    m->nplaces = (uint32_t)(n / sizeof(sr_place_rec));
    for (uint32_t i = 0; i < m->nplaces; i++) {
        const sr_place_rec *r = &m->places[i];
        if (r->name_off >= m->nstrs || (r->admin1_off != UINT32_MAX && r->admin1_off >= m->nstrs) ||
            r->feature > SR_FEATURE_CONTINENT)
            return false;
    }
    const uint32_t *lists = sr_model_get_section(m, "PLLS", &n);
    if (!lists || n % 4)
        return false;
    m->place_lists = lists;
    m->nplace_lists = n / 4;
    /* alpha-3 of each country, by its alpha-2 */
    memset(m->iso3, 0, sizeof m->iso3);
    for (uint32_t i = 0; i < m->country_codes.nentries; i++) {
        const sr_hash_entry *e = &m->country_codes.entries[i];
        if (e->key_len != 3 || e->value >= m->nplaces)
            continue;
        const sr_place_rec *r = &m->places[e->value];
        int ix = sr_cc_index(r->cc);
        if (ix >= 0)
            memcpy(m->iso3[ix], m->strs + e->key_off, 3);
    }
    m->place_flags = sr_model_get_section(m, "PLFL", &n);
    if (m->place_flags && n < m->nplaces)
        return false;
    m->place_adm2 = sr_model_get_section(m, "PLA2", &n);
    if (m->place_adm2) {
        if (n != (size_t)m->nplaces * 4)
            return false;
        for (uint32_t i = 0; i < m->nplaces; i++)
            if (m->place_adm2[i] != UINT32_MAX && m->place_adm2[i] >= m->nplaces)
                return false;
    }
    const uint32_t *gw = sr_model_get_section(m, "GEOW", &n);
    m->geo_weights = NULL;
    m->ngeo_weights = 0;
    if (gw) {
        if (n < 4 || n != 4 + (size_t)gw[0] * 4)
            return false;
        m->ngeo_weights = gw[0];
        m->geo_weights = (const float *)(gw + 1);
    }
    m->place_first = sr_model_get_section(m, "PLFW", &n);
    if (m->place_first && n != SR_PLFW_WORDS * 8)
        return false;
    m->place_last = sr_model_get_section(m, "PLLW", &n);
    if (m->place_last && n != SR_PLFW_WORDS * 8)
        return false;
    memset(&m->place_keys_ext, 0, sizeof m->place_keys_ext);
    const void *px = sr_model_get_section(m, "PLKX", &n);
    if (px && !sr_hash_view_init(&m->place_keys_ext, px, n, m->strs, m->nstrs))
        return false;
    memset(&m->place_keys_loose, 0, sizeof m->place_keys_loose);
    const void *pl = sr_model_get_section(m, "PLKL", &n);
    if (pl && !sr_hash_view_init(&m->place_keys_loose, pl, n, m->strs, m->nstrs))
        return false;
    const sr_hash_view *views[] = {&m->place_keys, &m->country_codes, &m->place_keys_ext, &m->place_keys_loose};
    for (int v = 0; v < 4; v++)
        for (uint32_t i = 0; i < views[v]->nentries; i++) {
            uint32_t k = views[v]->entries[i].value;
            if (v == 1) {
                if (k >= m->nplaces)
                    return false;
                continue;
            }
            if (k >= m->nplace_lists || lists[k] > m->nplace_lists - k - 1)
                return false;
            for (uint32_t j = 0; j < lists[k]; j++)
                if (lists[k + 1 + j] >= m->nplaces)
                    return false;
        }
    return true;
}

uint32_t sr_geo_lookup(const sitrep_model *m, const char *name, size_t n, const uint32_t **ids)
{
    char key[256];
    size_t kl = sr_place_key(name, n, key, sizeof key);
    uint32_t at;
    if (!kl || !m->nplaces || !sr_hash_find(&m->place_keys, key, kl, &at))
        return 0;
    *ids = &m->place_lists[at + 1];
    return m->place_lists[at];
}

/* sr_geo_lookup in the wider gazetteer: PLKX's list when the key has one. */
static uint32_t lookup_ext(const sitrep_model *m, const char *name, size_t n, const uint32_t **ids)
{
    char key[256];
    size_t kl = sr_place_key(name, n, key, sizeof key);
    uint32_t at;
    if (!kl || !m->nplaces)
        return 0;
    if ((m->place_keys_ext.nentries && sr_hash_find(&m->place_keys_ext, key, kl, &at)) ||
        sr_hash_find(&m->place_keys, key, kl, &at)) {
        *ids = &m->place_lists[at + 1];
        return m->place_lists[at];
    }
    return 0;
}

uint32_t sr_geo_lookup_loose(const sitrep_model *m, const char *name, size_t n, const uint32_t **ids)
{
    char key[256], lk[256];
    size_t kl = sr_place_key(name, n, key, sizeof key);
    uint32_t at;
    if (kl < 4 || kl >= sizeof key || !m->place_keys_loose.nentries)
        return 0;
    size_t ll = sr_place_key_loose(key, kl, lk, sizeof lk);
    if (ll < 3 || ll >= sizeof lk || !sr_hash_find(&m->place_keys_loose, lk, ll, &at))
        return 0;
    *ids = &m->place_lists[at + 1];
    return m->place_lists[at];
}

static sr_geocache_entry lookup_cached(const sr_doc *d, const sitrep_model *m, const char *name, size_t n,
                                       uint8_t word)
{
    /* A word's entry also says whether longer names start or end with it,
     * so the kind of lookup is part of the entry's identity.  (It was once
     * told apart by the hash's seed alone, and XXH3's short inputs under
     * seeds 7 and 8 collide when they differ in a few low bits: "May"
     * found "Mav"'s word entry, and a record depended on the documents
     * read before it.) */
    uint64_t key = XXH3_64bits(name, n) | 1;
    uint64_t slot = (key ^ (word == 1 ? 0x9E3779B97F4A7C15ull : word == 2 ? 0xC2B2AE3D27D4EB4Full : 0)) >> 40;
    sr_geocache_entry *ce = d->lexcache ? &d->lexcache->g[slot % SR_GEOCACHE_SIZE] : NULL;
    if (ce && ce->key == key && ce->word == word)
        return *ce;
    const uint32_t *ids;
    sr_geocache_entry r = {key, 0, word, false, false, 0};
    uint32_t c = word == 1   ? sr_geo_lookup_word(m, name, n, &ids, &r.longer, &r.ends)
               : word == 2 ? lookup_ext(m, name, n, &ids)
                           : sr_geo_lookup(m, name, n, &ids);
    if (c) {
        r.at = (uint32_t)(ids - m->place_lists);
        r.cls = sr_geo_class(m, ids[0]);
    }
    if (ce)
        *ce = r;
    return r;
}

sr_geocache_entry sr_geo_lookup_cached(const sr_doc *d, const sitrep_model *m, const char *name, size_t n,
                                       bool word)
{
    return lookup_cached(d, m, name, n, word ? 1 : 0);
}

uint32_t sr_geo_lookup_doc(const sr_doc *d, const sitrep_model *m, const char *name, size_t n,
                           const uint32_t **ids)
{
    sr_geocache_entry r = lookup_cached(d, m, name, n, 2);
    if (!r.at)
        return 0;
    *ids = &m->place_lists[r.at];
    return m->place_lists[r.at - 1];
}

uint32_t sr_geo_lookup_word(const sitrep_model *m, const char *name, size_t n, const uint32_t **ids,
                            bool *longer, bool *ends)
{
    char key[256];
    size_t kl = sr_place_key(name, n, key, sizeof key);
    *longer = *ends = false;
    if (!kl || !m->nplaces)
        return 0;
    const char *sp = memchr(key, ' ', kl);
    uint32_t h = sr_hash_bytes(key, sp ? (size_t)(sp - key) : kl) % (SR_PLFW_WORDS * 64);
    *longer = !m->place_first || (m->place_first[h / 64] >> (h % 64) & 1);
    const char *lsp = memrchr(key, ' ', kl);
    const char *lw = lsp ? lsp + 1 : key;
    h = sr_hash_bytes(lw, kl - (size_t)(lw - key)) % (SR_PLFW_WORDS * 64);
    *ends = !m->place_last || (m->place_last[h / 64] >> (h % 64) & 1);
    uint32_t at;
    if (!sr_hash_find(&m->place_keys, key, kl, &at))
        return 0;
    *ids = &m->place_lists[at + 1];
    return m->place_lists[at];
}

const sr_place_rec *sr_geo_place(const sitrep_model *m, uint32_t id)
{
    return id < m->nplaces ? &m->places[id] : NULL;
}

uint8_t sr_geo_class(const sitrep_model *m, uint32_t id)
{
    const sr_place_rec *r = sr_geo_place(m, id);
    if (!r)
        return 0;
    int size = r->population >= 1000000 ? 4 : r->population >= 100000 ? 3
             : r->population >= 10000   ? 2 : r->population ? 1 : 0;
    /* a district is a town to the name tagger (its weights know three kinds) */
    int feature = r->feature == SR_FEATURE_ADMIN2 ? SR_FEATURE_CITY : r->feature;
    return (uint8_t)(feature * 5 + size);
}

uint8_t sr_geo_flags(const sitrep_model *m, uint32_t id)
{
    return m->place_flags && id < m->nplaces ? m->place_flags[id] : 0;
}

uint32_t sr_geo_district(const sitrep_model *m, uint32_t id)
{
    return m->place_adm2 && id < m->nplaces ? m->place_adm2[id] : UINT32_MAX;
}

const char *sr_geo_admin1_name(const sitrep_model *m, const sr_place_rec *p)
{
    if ((p->feature == SR_FEATURE_CITY || p->feature == SR_FEATURE_ADMIN2) && p->admin1_off != UINT32_MAX)
        return m->strs + p->admin1_off;
    return p->feature == SR_FEATURE_ADMIN1 ? m->strs + p->name_off : NULL;
}

const char *sr_geo_iso3(const sitrep_model *m, const char cc[2])
{
    int ix = sr_cc_index(cc);
    return ix >= 0 && m->iso3[ix][0] ? m->iso3[ix] : NULL;
}

const sr_place_rec *sr_geo_country(const sitrep_model *m, const char *code, size_t n)
{
    uint32_t id;
    if (!sr_hash_find(&m->country_codes, code, n, &id))
        return NULL;
    return sr_geo_place(m, id);
}
