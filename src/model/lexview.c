/*
 * lexview.c: the lexicons as the stages read them: views over the model's
 * sections or a user's file compiled at run time (an overlay), and lookups
 * of a phrase or an event key in all of them, users' lexicons winning.
 */
#include "model/lexicon.h"

#include <stdio.h>
#include <stdlib.h>

bool sr_lexview_init(sr_lexview *v, const char *strs, size_t nstrs, const void *hash, size_t nhash,
                     const uint32_t *lists, size_t nlists, const void *recs, size_t nrecs_bytes)
{
    memset(v, 0, sizeof *v);
    if (!strs || !nstrs || strs[nstrs - 1] != 0 || !hash || !lists || !recs ||
        nrecs_bytes % sizeof(sr_lex_rec))
        return false;
    v->strs = strs;
    v->nstrs = nstrs;
    v->lists = lists;
    v->nlists = nlists;
    v->recs = recs;
    v->nrecs = nrecs_bytes / sizeof(sr_lex_rec);
    /* the hash table, over this lexicon's own strings */
    if (!sr_hash_view_init(&v->keys, hash, nhash, strs, nstrs))
        return false;
    for (uint32_t i = 0; i < v->keys.nentries; i++) {
        const sr_hash_entry *e = &v->keys.entries[i];
        uint32_t at = e->value & ~SR_LEX_PREFIX;
        if (at) {
            at--;
            if (at >= nlists || lists[at] == 0 || lists[at] > nlists - at - 1)
                return false;
            for (uint32_t j = 0; j < lists[at]; j++)
                if (lists[at + 1 + j] >= v->nrecs)
                    return false;
        }
    }
    for (size_t i = 0; i < v->nrecs; i++) {
        const sr_lex_rec *r = &v->recs[i];
        if (r->kind == 0 || r->kind >= SR_LEX__MAX || r->name_off >= nstrs ||
            r->surface_off >= nstrs || !memchr(r->code, 0, sizeof r->code) ||
            !memchr(r->country, 0, sizeof r->country) || !memchr(r->sector, 0, sizeof r->sector) ||
            !memchr(r->type, 0, sizeof r->type) || !memchr(r->group, 0, sizeof r->group))
            return false;
    }
    return true;
}

/* The first word of a key as text tokenizes it: up to a space, or to an
 * apostrophe inside a word (people's -> people). */
static size_t first_word(const char *key, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (key[i] == ' ' || (key[i] == '\'' && i > 0))
            return i;
    return n;
}

void sr_lex_first_words(sitrep_model *m, const sr_lexview *v)
{
    for (uint32_t i = 0; i < v->keys.nentries; i++) {
        const sr_hash_entry *e = &v->keys.entries[i];
        const char *k = v->strs + e->key_off;
        uint32_t h = sr_hash_bytes(k, first_word(k, e->key_len)) & 0xFFFF;
        m->lex_first[h >> 6] |= 1ull << (h & 63);
    }
}

sitrep_status sitrep_model_add_lexicon(sitrep_model *m, const char *path, char *err, size_t errn)
{
    char tmp[256];
    if (!err) {
        err = tmp;
        errn = sizeof tmp;
    }
    if (m->noverlays == SR_MAX_OVERLAYS) {
        snprintf(err, errn, "%s: at most %d lexicon files", path, SR_MAX_OVERLAYS);
        return SITREP_ELIMIT;
    }
    sr_lexbuild *b = sr_lexbuild_new();
    if (!b)
        return SITREP_ENOMEM;
    if (!sr_lexbuild_add_file(b, path, err, errn)) {
        sr_lexbuild_free(b);
        return SITREP_EFORMAT;
    }
    sr_lex_sections sec;
    bool ok = sr_lexbuild_sections(b, &sec);
    sr_lexbuild_free(b);
    if (!ok)
        return SITREP_ENOMEM;
    /* One block holds the four sections for the model's lifetime. */
    size_t total = sec.nstrs + sec.nhash + sec.nlists * 4 + sec.nrecs * sizeof(sr_lex_rec) + 64;
    unsigned char *mem = malloc(total);
    if (!mem) {
        sr_lex_sections_free(&sec);
        return SITREP_ENOMEM;
    }
    size_t o = 0;
    unsigned char *hash = mem + o;
    memcpy(hash, sec.hash, sec.nhash);
    o = (o + sec.nhash + 15) & ~(size_t)15;
    unsigned char *lists = mem + o;
    memcpy(lists, sec.lists, sec.nlists * 4);
    o = (o + sec.nlists * 4 + 15) & ~(size_t)15;
    unsigned char *recs = mem + o;
    memcpy(recs, sec.recs, sec.nrecs * sizeof(sr_lex_rec));
    o = (o + sec.nrecs * sizeof(sr_lex_rec) + 15) & ~(size_t)15;
    char *strs = (char *)mem + o;
    memcpy(strs, sec.strs, sec.nstrs);
    sr_lexview *v = &m->overlays[m->noverlays];
    ok = sr_lexview_init(v, strs, sec.nstrs, hash, sec.nhash, (const uint32_t *)(void *)lists,
                         sec.nlists, recs, sec.nrecs * sizeof(sr_lex_rec));
    sr_lex_sections_free(&sec);
    if (!ok) {
        free(mem);
        snprintf(err, errn, "%s: could not compile", path);
        return SITREP_EFORMAT;
    }
    m->overlay_mem[m->noverlays++] = mem;
    sr_lex_first_words(m, v);
    return SITREP_OK;
}

const sr_lex_rec *sr_lex_find(const sitrep_model *m, const char *s, size_t n, int kind,
                              const char **strs)
{
    char key[128];
    if (n >= sizeof key)
        return NULL;
    for (size_t q = 0; q < n; q++)
        key[q] = (s[q] >= 'A' && s[q] <= 'Z') ? (char)(s[q] + 32) : s[q];
    const sr_lex_rec *found = NULL;
    /* users' lexicons win: the last view that has it */
    for (int vi = -1; vi < m->noverlays; vi++) {
        const sr_lexview *v = vi < 0 ? &m->lexicon : &m->overlays[vi];
        if (!v->nrecs)
            continue;
        uint32_t at = sr_lexview_value(v, key, n) & ~SR_LEX_PREFIX;
        if (!at)
            continue;
        at--;
        for (uint32_t j = 0; j < v->lists[at]; j++) {
            const sr_lex_rec *r = &v->recs[v->lists[at + 1 + j]];
            if (r->kind != kind)
                continue;
            if (r->cased && (strlen(v->strs + r->surface_off) != n ||
                             memcmp(v->strs + r->surface_off, s, n) != 0))
                continue;
            found = r;
            *strs = v->strs;
            break;
        }
    }
    return found;
}

const sr_lex_rec *sr_lex_find_event(const sitrep_model *m, const char *key, size_t n, int pos,
                                    bool *more)
{
    const sr_lex_rec *found = NULL;
    *more = false;
    /* users' lexicons win: the last view that has it */
    for (int vi = -1; vi < m->noverlays; vi++) {
        const sr_lexview *v = vi < 0 ? &m->lexicon : &m->overlays[vi];
        if (!v->nrecs)
            continue;
        uint32_t val = sr_lexview_value(v, key, n);
        if (val & SR_LEX_PREFIX)
            *more = true;
        uint32_t at = val & ~SR_LEX_PREFIX;
        if (!at)
            continue;
        at--;
        for (uint32_t j = 0; j < v->lists[at]; j++) {
            const sr_lex_rec *r = &v->recs[v->lists[at + 1 + j]];
            if (r->kind != SR_LEX_EVENT || (r->pos && pos && r->pos != pos) || (r->pos && !pos))
                continue;
            found = r;
            break;
        }
    }
    return found;
}
