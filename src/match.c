/*
 * match.c: stage "match".  Input: tokens.  Output: doc->matches, the
 * lexicon phrases in the text (actors, demonyms, roles, titles, ...),
 * longest match first, left to right, within each sentence and title.
 *
 * A phrase is matched by its key: its tokens lower-cased, joined by a space
 * where the text has one (People + 's -> "people's", as the lexicon writes
 * it).  The lexicon marks keys that longer keys start with, so the scan
 * from a token stops as soon as no entry can follow.  An alias written in
 * capitals (IS, SDF) matches only as written.  Users' lexicons (overlays)
 * are consulted after ours and win on equal length.
 */
#include "lexicon.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_MATCH_TOKENS 8

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

/* The value of a key in a lexicon view (0 when absent). */
static uint32_t lookup(const sr_lexview *v, const char *key, size_t n)
{
    uint32_t val;
    if (!v->keys.nbuckets || !sr_hash_find(&v->keys, key, n, &val))
        return 0;
    return val ? val : 0;
}

/* Does the token sequence read exactly as the alias (for cased aliases)? */
static bool same_case(const sr_doc *d, uint32_t first, uint32_t n, const char *surface)
{
    size_t si = 0;
    for (uint32_t k = 0; k < n; k++) {
        const sr_token *t = &d->tokens.v[first + k];
        if (k && t->start != d->tokens.v[first + k - 1].end) {
            if (surface[si] != ' ')
                return false;
            while (surface[si] == ' ')
                si++;
        }
        size_t tl = t->nend - t->nstart;
        if (strncmp(surface + si, d->norm + t->nstart, tl) != 0)
            return false;
        si += tl;
    }
    return surface[si] == 0;
}

/* The first record of a list that accepts the tokens, or NULL. */
static const sr_lex_rec *accept(const sr_lexview *v, uint32_t val, const sr_doc *d, uint32_t first,
                                uint32_t n)
{
    uint32_t at = val & ~SR_LEX_PREFIX;
    if (!at)
        return NULL;
    at--;
    for (uint32_t j = 0; j < v->lists[at]; j++) {
        const sr_lex_rec *r = &v->recs[v->lists[at + 1 + j]];
        if (r->kind == SR_LEX_EVENT)
            continue; /* event words are looked up by lemma (event.c) */
        if (!r->cased || same_case(d, first, n, v->strs + r->surface_off))
            return r;
    }
    return NULL;
}

static bool match_range(sr_doc *d, const sitrep_model *m, uint32_t a, uint32_t b)
{
    const sr_lexview *views[1 + SR_MAX_OVERLAYS];
    int nv = 0;
    if (m->lexicon.nrecs)
        views[nv++] = &m->lexicon;
    for (int o = 0; o < m->noverlays; o++)
        views[nv++] = &m->overlays[o];
    if (!nv)
        return true;
    char key[512];
    for (uint32_t i = a; i < b;) {
        /* The filter first: does any key start with this word? */
        {
            const sr_token *t = &d->tokens.v[i];
            size_t tl = t->nend - t->nstart;
            char w[64];
            if (tl < sizeof w) {
                for (size_t q = 0; q < tl; q++) {
                    char c = d->norm[t->nstart + q];
                    w[q] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
                }
                uint32_t h = sr_hash_bytes(w, tl) & 0xFFFF;
                if (!(m->lex_first[h >> 6] & (1ull << (h & 63)))) {
                    i++;
                    continue;
                }
            }
        }
        size_t kl = 0;
        uint32_t best_n = 0;
        const sr_lex_rec *best = NULL;
        const char *best_strs = NULL;
        for (uint32_t k = 0; k < MAX_MATCH_TOKENS && i + k < b; k++) {
            const sr_token *t = &d->tokens.v[i + k];
            size_t tl = t->nend - t->nstart;
            if (kl + tl + 2 >= sizeof key)
                break;
            /* a space only where the text has one: People + 's -> people's */
            if (k && t->start != d->tokens.v[i + k - 1].end)
                key[kl++] = ' ';
            for (size_t q = 0; q < tl; q++) {
                char c = d->norm[t->nstart + q];
                key[kl++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
            }
            bool more = false;
            for (int vi = 0; vi < nv; vi++) {
                uint32_t val = lookup(views[vi], key, kl);
                if (val & SR_LEX_PREFIX)
                    more = true;
                const sr_lex_rec *r = accept(views[vi], val, d, i, k + 1);
                if (r) {
                    best = r;
                    best_n = k + 1;
                    best_strs = views[vi]->strs;
                }
            }
            if (!more)
                break;
        }
        if (!best) {
            i++;
            continue;
        }
        sr_match *mt = SR_VEC_PUSH(d->arena, &d->matches);
        if (!mt)
            return false;
        mt->tok_first = i;
        mt->tok_n = best_n;
        mt->start = d->tokens.v[i].start;
        mt->end = d->tokens.v[i + best_n - 1].end;
        mt->rec = best;
        mt->strs = best_strs;
        i += best_n;
    }
    return true;
}

sitrep_status sr_match_run(sr_doc *d, const sitrep_model *m)
{
    /* Every run of tokens within one block: sentences and titles alike
     * (a block's tokens are contiguous; a phrase never crosses blocks or
     * sentences). */
    uint32_t s = 0, blk = 0;
    for (uint32_t i = 0; i < d->tokens.n;) {
        /* the next sentence that starts at or after i */
        while (s < d->sentences.n && d->sentences.v[s].tok_first + d->sentences.v[s].tok_n <= i)
            s++;
        uint32_t end;
        if (s < d->sentences.n && d->sentences.v[s].tok_first <= i)
            end = d->sentences.v[s].tok_first + d->sentences.v[s].tok_n;
        else if (s < d->sentences.n)
            end = d->sentences.v[s].tok_first; /* tokens outside sentences (title, dateline) */
        else
            end = d->tokens.n;
        if (end <= i)
            end = i + 1;
        /* never across a block */
        while (blk < d->blocks.n && d->blocks.v[blk].end <= d->tokens.v[i].start)
            blk++;
        if (blk < d->blocks.n)
            while (end > i + 1 && d->tokens.v[end - 1].start >= d->blocks.v[blk].end)
                end--;
        if (!match_range(d, m, i, end))
            return SITREP_ENOMEM;
        i = end;
    }
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
        uint32_t at = lookup(v, key, n) & ~SR_LEX_PREFIX;
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
        uint32_t val = lookup(v, key, n);
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
