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
#include "lang/lang.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_MATCH_TOKENS 8

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
                uint32_t val = sr_lexview_value(views[vi], key, kl);
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
        /* never across a block: the run stops at the first token past the
         * block's end (found forwards, so tokens outside sentences spread
         * over many blocks are each looked at once) */
        while (blk < d->blocks.n && d->blocks.v[blk].end <= d->tokens.v[i].start)
            blk++;
        if (blk < d->blocks.n && d->tokens.v[end - 1].start >= d->blocks.v[blk].end) {
            uint32_t lim = end, bend = d->blocks.v[blk].end;
            for (end = i + 1; end < lim && d->tokens.v[end].start < bend; end++)
                ;
        }
        if (!match_range(d, m, i, end))
            return SITREP_ENOMEM;
        i = end;
    }
    return SITREP_OK;
}
