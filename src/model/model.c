/*
 * model.c: the linguistic model.  The model file (built by tools/mkmodel.c
 * from Debian's data and our lexicons) is mmap'ed and validated whole
 * before use; the segmenter's small tables (abbreviations, sentence
 * starters) are compiled into the library from data/lexicons.
 */
#include "model/model.h"


#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct abbrev_entry {
    const char *form; /* lower case, no period */
    int cls;
};

#include "lexicons.inc"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Compares a table key (lower case, NUL-terminated) with w[0..n) ignoring
 * the case of w. */
static int keycmp(const char *key, const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        unsigned char k = (unsigned char)key[i];
        if (k != c)
            return k < c ? -1 : 1;
    }
    return key[n] ? 1 : 0;
}

int sr_model_abbrev(const sitrep_model *m, const char *w, size_t n)
{
    (void)m;
    if (n == 0 || n > ABBREV_MAXLEN)
        return SR_ABBR_NONE;
    unsigned c0 = (unsigned)(w[0] | 0x20) - 'a';
    if (c0 >= 26 || !((ABBREV_FIRST_LETTERS >> c0) & 1))
        return SR_ABBR_NONE;
    size_t lo = 0, hi = COUNT(abbrev_table);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = keycmp(abbrev_table[mid].form, w, n);
        if (c == 0)
            return abbrev_table[mid].cls;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SR_ABBR_NONE;
}

bool sr_model_sentence_starter(const sitrep_model *m, const char *w, size_t n)
{
    (void)m;
    size_t lo = 0, hi = COUNT(starter_table);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = keycmp(starter_table[mid], w, n);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* ---- the model file ---------------------------------------------------- */

static bool set_err(char *err, size_t errn, const char *path, const char *why)
{
    snprintf(err, errn, "%s: bad model file (%s)", path, why);
    return false;
}

bool sr_hash_view_init(sr_hash_view *v, const unsigned char *p, size_t len, const char *strs,
                       size_t nstrs)
{
    if (len < 8)
        return false;
    uint32_t nb, ne;
    memcpy(&nb, p, 4);
    memcpy(&ne, p + 4, 4);
    if (nb == 0 || (nb & (nb - 1)) || ne >= nb || (size_t)nb * 4 > len - 8 ||
        (size_t)ne * sizeof(sr_hash_entry) != len - 8 - (size_t)nb * 4)
        return false;
    v->nbuckets = nb;
    v->nentries = ne;
    v->buckets = (const uint32_t *)(const void *)(p + 8);
    v->entries = (const sr_hash_entry *)(const void *)(p + 8 + (size_t)nb * 4);
    v->strs = strs;
    for (uint32_t i = 0; i < nb; i++)
        if (v->buckets[i] > ne)
            return false;
    for (uint32_t i = 0; i < ne; i++) {
        const sr_hash_entry *e = &v->entries[i];
        if ((size_t)e->key_off + e->key_len >= nstrs)
            return false;
    }
    return true;
}

bool sr_hash_find(const sr_hash_view *v, const char *key, size_t n, uint32_t *value)
{
    return sr_hash_lookup(v, key, n, value, NULL);
}

bool sr_hash_lookup(const sr_hash_view *v, const char *key, size_t n, uint32_t *value,
                    const char **stored)
{
    if (!v->nbuckets)
        return false;
    uint32_t h = sr_hash_bytes(key, n);
    uint32_t k = h & (v->nbuckets - 1);
    for (uint32_t probes = 0; probes < v->nbuckets; probes++) {
        uint32_t ix = v->buckets[k];
        if (!ix)
            return false;
        const sr_hash_entry *e = &v->entries[ix - 1];
        if (e->hash == h && e->key_len == n && memcmp(v->strs + e->key_off, key, n) == 0) {
            *value = e->value;
            if (stored)
                *stored = v->strs + e->key_off;
            return true;
        }
        k = (k + 1) & (v->nbuckets - 1);
    }
    return false;
}

const void *sr_model_get_section(const sitrep_model *m, const char tag[4], size_t *len)
{
    for (uint32_t i = 0; i < m->nsections; i++)
        if (memcmp(m->sections[i].tag, tag, 4) == 0) {
            *len = (size_t)m->sections[i].length;
            return m->base + m->sections[i].offset;
        }
    *len = 0;
    return NULL;
}

/* Checks the header, the section table, every section's bounds, alignment
 * and CRC, then the tables the stages use.  Nothing is dereferenced before
 * it is checked. */
bool sr_model_check(sitrep_model *m, const char *path, char *err, size_t errn)
{
    const unsigned char *b = m->base;
    sr_model_header h;
    if (m->size < sizeof h)
        return set_err(err, errn, path, "shorter than its header");
    memcpy(&h, b, sizeof h);
    if (memcmp(h.magic, SR_MODEL_MAGIC, 8) != 0)
        return set_err(err, errn, path, "not a sitrep model");
    if (h.endian != SR_MODEL_ENDIAN)
        return set_err(err, errn, path, "built on a machine of other byte order");
    if (h.version != SR_MODEL_VERSION)
        return set_err(err, errn, path, "format version differs from this sitrep's; rebuild it");
    if (h.size != m->size)
        return set_err(err, errn, path, "size differs from its header: truncated or padded");
    if (h.nsections > 4096 ||
        (size_t)h.nsections * sizeof(sr_model_section) > m->size - sizeof h)
        return set_err(err, errn, path, "section table out of bounds");
    m->sections = (const sr_model_section *)(const void *)(b + sizeof h);
    m->nsections = h.nsections;
    if (sr_model_checksum(m->sections, h.nsections * sizeof(sr_model_section)) != h.table_crc)
        return set_err(err, errn, path, "section table checksum mismatch");
    for (uint32_t i = 0; i < h.nsections; i++) {
        const sr_model_section *s = &m->sections[i];
        if (s->offset % 16 || s->offset > m->size || s->length > m->size - s->offset)
            return set_err(err, errn, path, "section out of bounds");
        if (sr_model_checksum(b + s->offset, (size_t)s->length) != s->crc)
            return set_err(err, errn, path, "section checksum mismatch");
    }
    size_t n;
    const char *strs = sr_model_get_section(m, "STRS", &n);
    if (!strs || n == 0 || strs[n - 1] != 0)
        return set_err(err, errn, path, "no string pool");
    m->strs = strs;
    m->nstrs = n;
    static const struct { const char *tag; size_t field; } hashes[] = {
        {"LEXH", offsetof(sitrep_model, lex)},   {"SUFH", offsetof(sitrep_model, suffix)},
        {"WNIX", offsetof(sitrep_model, wn_index)}, {"WNEX", offsetof(sitrep_model, wn_exc)},
        {"PLKH", offsetof(sitrep_model, place_keys)}, {"CTRH", offsetof(sitrep_model, country_codes)},
        {"WNPT", offsetof(sitrep_model, wn_pert)}, {"WNNV", offsetof(sitrep_model, wn_nv)},
        {"WNVN", offsetof(sitrep_model, wn_vn)},
    };
    for (size_t k = 0; k < sizeof hashes / sizeof *hashes; k++) {
        const void *p = sr_model_get_section(m, hashes[k].tag, &n);
        if (!p || !sr_hash_view_init((sr_hash_view *)(void *)((char *)m + hashes[k].field), p, n,
                                     strs, m->nstrs))
            return set_err(err, errn, path, "bad or missing hash table");
    }
    if (!sr_geo_load(m))
        return set_err(err, errn, path, "bad gazetteer tables");
    size_t ns, nh, nl, nr;
    const char *ls = sr_model_get_section(m, "LXST", &ns);
    const void *lh = sr_model_get_section(m, "LXMH", &nh);
    const void *ll = sr_model_get_section(m, "LXML", &nl);
    const void *lr = sr_model_get_section(m, "LXEN", &nr);
    if (nl % 4 || !sr_lexview_init(&m->lexicon, ls, ns, lh, nh, ll, nl / 4, lr, nr))
        return set_err(err, errn, path, "bad lexicon tables");
    sr_lex_first_words(m, &m->lexicon);
    return true;
}

sitrep_status sitrep_model_describe(const sitrep_model *m, FILE *out)
{
    fprintf(out, "format version %u, %zu bytes, %u sections\n", SR_MODEL_VERSION, m->size,
            m->nsections);
    for (uint32_t i = 0; i < m->nsections; i++) {
        const sr_model_section *s = &m->sections[i];
        fprintf(out, "  %.4s  %10llu bytes  check %08x\n", s->tag, (unsigned long long)s->length,
                s->crc);
    }
    fprintf(out, "tags %u, known words %u, suffix keys %u, WordNet lemmas %u, exceptions %u\n",
            m->ntags, m->lex.nentries, m->suffix.nentries, m->wn_index.nentries,
            m->wn_exc.nentries);
    fprintf(out, "gazetteer: %u places under %u name keys\n", m->nplaces, m->place_keys.nentries);
    fprintf(out, "lexicon: %zu entries under %u keys\n", m->lexicon.nrecs, m->lexicon.keys.nentries);
    size_t n;
    const char *info = sr_model_get_section(m, "INFO", &n);
    if (info)
        fwrite(info, 1, n, out);
    return ferror(out) ? SITREP_EIO : SITREP_OK;
}

void sitrep_model_free(sitrep_model *m)
{
    if (!m)
        return;
    if (m->mapped)
        munmap((void *)(uintptr_t)m->base, m->size);
    for (int i = 0; i < m->noverlays; i++)
        free(m->overlay_mem[i]);
    free(m);
}
