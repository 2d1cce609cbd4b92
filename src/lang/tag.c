/*
 * tag.c: stage "tag".  Input: tokens and sentences (and title blocks).
 * Output: a Penn Treebank part-of-speech tag per token (doc->tags).
 *
 * A first-order HMM decoded with Viterbi.  Statistics come from the model
 * (tools/mkmodel.c compiles them from Debian's Lingua::EN::Tagger tables):
 *   - known words: log P(word | tag) for the tags the word was seen with;
 *   - unknown words: log P(tag | shape class + suffix) - log P(tag), learned
 *     from rare words, for the longest suffix the model knows;
 *   - transitions log P(tag | previous tag), and from sentence start.
 * Only a token's candidate tags enter Viterbi, so a step costs a few
 * products, not ntags^2.  Headline case: in a title, and for a capitalized
 * first word, a word is looked up in lower case first when that form is
 * known; an all-capitals word also tries its capitalized form.
 *
 * Emission records (section EMIS, u32 words): at index k, n = emis[k], then
 * n triples (tag, float bits, lemma): the lemma is an offset into STRS of
 * the word's WordNet lemma for that tag, computed by the model compiler, or
 * NO_LEMMA.  LEXH and SUFH map keys to record indexes.
 *
 * Frequent words dominate news text, so lexicon lookups go through a small
 * direct-mapped cache that the extractor keeps across documents.
 */
#include "lang/lang.h"

#include <math.h>
#include <strings.h>
#include <stdio.h>

#define MAX_CANDIDATES 8
#define NO_LEMMA 0xFFFFFFFFu

const char sr_lemma_self[] = "";

bool sr_tag_model_load(sitrep_model *m, char *err, size_t errn)
{
    size_t n;
    const void *names = sr_model_get_section(m, "TGNM", &n);
    if (!names || n % 8 || n / 8 == 0 || n / 8 > SR_MAX_TAGS) {
        snprintf(err, errn, "tag names");
        return false;
    }
    m->ntags = (uint32_t)(n / 8);
    m->tag_names = names;
    for (uint32_t t = 0; t < m->ntags; t++)
        if (memchr(m->tag_names[t], 0, 8) == NULL)
            return false;
    m->trans = sr_model_get_section(m, "TRAN", &n);
    if (!m->trans || n != (size_t)m->ntags * m->ntags * sizeof(float))
        return false;
    m->start = sr_model_get_section(m, "TSTA", &n);
    if (!m->start || n != (size_t)m->ntags * sizeof(float))
        return false;
    m->emis = sr_model_get_section(m, "EMIS", &n);
    if (!m->emis || n % 4)
        return false;
    m->nemis = n / 4;
    m->t_vbn = (int8_t)sr_tag_find(m, "VBN");
    m->t_vbd = (int8_t)sr_tag_find(m, "VBD");
    m->t_nn = (int8_t)sr_tag_find(m, "NN");
    m->t_cc = (int8_t)sr_tag_find(m, "CC");
    m->t_wdt = (int8_t)sr_tag_find(m, "WDT");
    m->t_wp = (int8_t)sr_tag_find(m, "WP");
    if (m->t_vbn < 0 || m->t_vbd < 0 || m->t_nn < 0 || m->t_cc < 0 || m->t_wdt < 0 || m->t_wp < 0)
        return false;
    /* Every record that a key points to lies inside EMIS and names real
     * tags. */
    const sr_hash_view *views[] = {&m->lex, &m->suffix};
    for (int v = 0; v < 2; v++)
        for (uint32_t i = 0; i < views[v]->nentries; i++) {
            uint32_t k = views[v]->entries[i].value;
            if (k >= m->nemis || m->emis[k] > m->ntags || k + 1 + 3 * (size_t)m->emis[k] > m->nemis)
                return false;
            for (uint32_t j = 0; j < m->emis[k]; j++) {
                uint32_t lem = m->emis[k + 3 + 3 * j];
                if (m->emis[k + 1 + 3 * j] >= m->ntags || (lem != NO_LEMMA && lem >= m->nstrs))
                    return false;
            }
        }
    return true;
}

int sr_tag_find(const sitrep_model *m, const char *name)
{
    for (uint32_t t = 0; t < m->ntags; t++)
        if (strcmp(m->tag_names[t], name) == 0)
            return (int)t;
    return -1;
}

typedef struct cand {
    uint8_t n;
    bool known; /* from the lexicon: lemmas are known too */
    uint32_t last_rec; /* the suffix record used (unknown words) */
    uint8_t tag[MAX_CANDIDATES];
    float emit[MAX_CANDIDATES];
    uint32_t lemma[MAX_CANDIDATES];
} cand;

/* Fills c from an emission record (the compiler keeps at most 8, best
 * first). */
static void from_record(const sitrep_model *m, uint32_t k, cand *c)
{
    uint32_t n = m->emis[k];
    if (n > MAX_CANDIDATES)
        n = MAX_CANDIDATES;
    const uint32_t *r = &m->emis[k + 1];
    for (uint32_t j = 0; j < n; j++) {
        c->tag[j] = (uint8_t)r[3 * j];
        memcpy(&c->emit[j], &r[3 * j + 1], 4);
        c->lemma[j] = r[3 * j + 2];
    }
    c->n = (uint8_t)n;
}

/* Lexicon lookup through the extractor's cache (exact bytes as key). */
static bool lex_record(const sitrep_model *m, sr_lexcache *cache, const char *w, size_t n,
                       uint32_t *rec)
{
    uint32_t h = sr_hash_bytes(w, n);
    sr_lexcache_entry *e = NULL;
    if (cache && n <= sizeof e->key) {
        e = &cache->e[h & (SR_LEXCACHE_SIZE - 1)];
        if (e->hash == h && e->len == n && memcmp(e->key, w, n) == 0) {
            *rec = e->rec;
            return e->rec != NO_LEMMA;
        }
    }
    bool found = sr_hash_find(&m->lex, w, n, rec);
    if (e) {
        e->hash = h;
        e->len = (uint8_t)n;
        memcpy(e->key, w, n);
        e->rec = found ? *rec : NO_LEMMA;
        e->unk = 0;
    }
    return found;
}

static bool lex(const sitrep_model *m, sr_lexcache *cache, const char *w, size_t n, cand *c)
{
    uint32_t k;
    if (!lex_record(m, cache, w, n, &k))
        return false;
    from_record(m, k, c);
    c->known = true;
    return c->n > 0;
}

/* The shape class of an unknown word: D digits, H hyphen, A all capitals,
 * C capitalized, L lower case.  The model compiler keys the unknown-word
 * statistics by it, so both use this one function. */
char sr_shape_class(const char *w, size_t n)
{
    bool digit = false, hyphen = false, upper0 = n && w[0] >= 'A' && w[0] <= 'Z', lower = false;
    size_t uppers = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = w[i];
        if (ch >= '0' && ch <= '9') digit = true;
        else if (ch == '-') hyphen = true;
        else if (ch >= 'a' && ch <= 'z') lower = true;
        else if (ch >= 'A' && ch <= 'Z') uppers++;
    }
    if (digit) return 'D';
    if (hyphen) return 'H';
    if (uppers >= 2 && !lower) return 'A';
    if (upper0) return 'C';
    return 'L';
}

static void unknown_lookup(const sitrep_model *m, const char *w, size_t n, char cls, cand *c);

/* The unknown-word candidates of w, through the cache for its own class. */
static void unknown(const sitrep_model *m, sr_lexcache *cache, const char *w, size_t n, char cls,
                    cand *c)
{
    sr_lexcache_entry *e = NULL;
    if (cache && n <= sizeof e->key && cls == sr_shape_class(w, n)) {
        uint32_t h = sr_hash_bytes(w, n);
        e = &cache->e[h & (SR_LEXCACHE_SIZE - 1)];
        if (!(e->hash == h && e->len == n && memcmp(e->key, w, n) == 0))
            e = NULL; /* lex_record put the word there a moment ago */
        else if (e->unk) {
            from_record(m, e->unk - 1, c);
            c->known = false;
            return;
        }
    }
    unknown_lookup(m, w, n, cls, c);
    if (e && c->last_rec != NO_LEMMA)
        e->unk = c->last_rec + 1;
}

static void unknown_lookup(const sitrep_model *m, const char *w, size_t n, char cls, cand *c)
{
    char key[8];
    c->last_rec = NO_LEMMA;
    key[0] = cls;
    for (size_t k = n < 5 ? n : 5;; k--) {
        for (size_t i = 0; i < k; i++) {
            char ch = w[n - k + i];
            key[1 + i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
        }
        uint32_t rec;
        if (sr_hash_find(&m->suffix, key, k + 1, &rec)) {
            from_record(m, rec, c);
            c->known = false;
            c->last_rec = rec;
            if (c->n)
                return;
        }
        if (k == 0)
            break;
    }
    /* No statistics at all (cannot happen with a complete model): NN. */
    c->n = 1;
    c->known = false;
    c->tag[0] = (uint8_t)m->t_nn;
    c->emit[0] = 0;
    c->lemma[0] = NO_LEMMA;
}

/* The candidate tags of token i. */
static void candidates(const sitrep_model *m, const sr_doc *d, uint32_t i, bool first, bool title,
                       cand *c)
{
    sr_lexcache *cache = d->lexcache;
    const sr_token *t = &d->tokens.v[i];
    const char *w = d->norm + t->nstart;
    size_t n = t->nend - t->nstart;
    char buf[64];
    if (t->kind == SR_TOK_PUNCT) {
        const char *key = NULL;
        if (t->flags & SR_TF_QUOTE)
            key = (t->flags & SR_TF_OPEN) ? "``" : "''";
        else if (w[0] == '(' || w[0] == '[' || w[0] == '{')
            key = "*LRB*";
        else if (w[0] == ')' || w[0] == ']' || w[0] == '}')
            key = "*RRB*";
        else if (w[0] == '-' && n >= 2)
            key = "--";
        else if (w[0] == '.' && n >= 3)
            key = "...";
        else if (w[0] == '!' || w[0] == '?')
            key = ".";
        if (key ? lex(m, cache, key, strlen(key), c) : lex(m, cache, w, n, c))
            return;
    }
    if (t->kind == SR_TOK_NUMBER) {
        /* Plain numbers share one entry; 1990s or 15th may have their own. */
        bool letters = false;
        for (size_t k = 0; k < n; k++)
            letters |= (w[k] | 0x20) >= 'a' && (w[k] | 0x20) <= 'z';
        if ((letters && lex(m, cache, w, n, c)) || lex(m, cache, "*NUM*", 5, c))
            return;
    }
    if (t->kind == SR_TOK_URL) {
        if (lex(m, cache, "-abr-", 5, c))
            return;
    }
    bool cap = w[0] >= 'A' && w[0] <= 'Z';
    bool lowered = false;
    if (cap && n < sizeof buf && (first || title || (t->flags & SR_TF_ALLCAPS))) {
        /* Headline case and sentence starts: the lower-case word first. */
        for (size_t k = 0; k < n; k++)
            buf[k] = (w[k] >= 'A' && w[k] <= 'Z') ? (char)(w[k] + 32) : w[k];
        lowered = true;
        if ((t->flags & SR_TF_ALLCAPS) && !title && !first) {
            /* LONDON -> London before london; CIA stays CIA when known. */
            if (lex(m, cache, w, n, c))
                return;
            char cb[64];
            memcpy(cb, buf, n);
            cb[0] = w[0];
            if (lex(m, cache, cb, n, c))
                return;
        }
        if (lex(m, cache, buf, n, c)) {
            /* A capitalized form also seen as a name ("May", "Turkey" at a
             * sentence start) keeps that reading as a candidate; Viterbi
             * chooses. */
            cand exact;
            if (!title && lex(m, cache, w, n, &exact))
                for (int q = 0; q < exact.n && c->n < MAX_CANDIDATES; q++) {
                    const char *tn = sr_tag_name(m, exact.tag[q]);
                    if (tn[0] != 'N' || tn[1] != 'N' || tn[2] != 'P')
                        continue;
                    bool have = false;
                    for (int k = 0; k < c->n; k++)
                        have |= c->tag[k] == exact.tag[q];
                    if (have)
                        continue;
                    c->tag[c->n] = exact.tag[q];
                    c->emit[c->n] = exact.emit[q];
                    c->lemma[c->n] = exact.lemma[q];
                    c->n++;
                }
            return;
        }
    }
    if (lex(m, cache, w, n, c))
        return;
    if (lowered && (t->flags & SR_TF_ALLCAPS) && lex(m, cache, buf, n, c))
        return;
    char cls = sr_shape_class(w, n);
    unknown(m, cache, w, n, cls, c);
    if ((first || title) && (cls == 'C' || cls == 'A')) {
        /* A capital that the position explains: the word may be a common
         * one too.  Both readings' scores are P(tag|suffix)/P(tag), so
         * the better of the two per tag is fair. */
        cand lc;
        unknown(m, cache, w, n, 'L', &lc);
        for (int q = 0; q < lc.n; q++) {
            int k = 0;
            while (k < c->n && c->tag[k] != lc.tag[q])
                k++;
            if (k < c->n) {
                if (lc.emit[q] > c->emit[k])
                    c->emit[k] = lc.emit[q];
            } else if (c->n < MAX_CANDIDATES) {
                c->tag[c->n] = lc.tag[q];
                c->emit[c->n] = lc.emit[q];
                c->lemma[c->n] = lc.lemma[q];
                c->n++;
            }
        }
    }
}

/* Viterbi's tables, reused from one sentence to the next: a document
 * needs room for its longest unit, not for all its tokens. */
typedef struct vscratch {
    cand *c;
    float *score;
    uint8_t *back;
    uint32_t *slot; /* per token: the cache slots of its word as written and lowered */
    uint32_t cap;
} vscratch;

static bool vscratch_reserve(sr_arena *arena, vscratch *w, uint32_t n)
{
    if (n <= w->cap)
        return true;
    uint32_t cap = w->cap ? w->cap : 64;
    while (cap < n)
        cap = cap > UINT32_MAX / 2 ? n : cap * 2;
    w->c = sr_arena_alloc(arena, (size_t)cap * sizeof(cand));
    w->score = sr_arena_alloc(arena, (size_t)cap * MAX_CANDIDATES * sizeof(float));
    w->back = sr_arena_alloc(arena, (size_t)cap * MAX_CANDIDATES);
    w->slot = sr_arena_alloc(arena, (size_t)cap * 2 * sizeof *w->slot);
    w->cap = w->c && w->score && w->back && w->slot ? cap : 0;
    return w->cap != 0;
}

/* The cache's entries for the words of tokens [a, b), and the emission
 * records of the words found there, asked of memory before the lookups
 * need them.  A lookup's time is mostly waiting for those two loads (the
 * cache and the model are far larger than the processor's caches); asked
 * for a sentence at a time they overlap instead of following one another.
 * Only the loads are early: what candidates() finds is the same. */
static void prefetch_unit(const sitrep_model *m, const sr_doc *d, uint32_t a, uint32_t b, bool title,
                          uint32_t *slot)
{
    sr_lexcache *cache = d->lexcache;
    const uint32_t none = UINT32_MAX;
    for (uint32_t i = a; i < b; i++) {
        const sr_token *t = &d->tokens.v[i];
        const unsigned char *w = (const unsigned char *)d->norm + t->nstart;
        size_t n = t->nend - t->nstart;
        uint32_t *s = &slot[2 * (i - a)];
        s[0] = s[1] = none;
        if (n == 0 || n > sizeof cache->e[0].key)
            continue;
        uint32_t h = 2166136261u, hl = 2166136261u;
        for (size_t k = 0; k < n; k++) {
            h = (h ^ w[k]) * 16777619u;
            hl = (hl ^ (unsigned char)(w[k] >= 'A' && w[k] <= 'Z' ? w[k] + 32 : w[k])) * 16777619u;
        }
        s[0] = h;
        __builtin_prefetch(&cache->e[h & (SR_LEXCACHE_SIZE - 1)]);
        if (hl != h && (i == a || title || (t->flags & SR_TF_ALLCAPS))) {
            s[1] = hl;
            __builtin_prefetch(&cache->e[hl & (SR_LEXCACHE_SIZE - 1)]);
        }
    }
    for (uint32_t i = a; i < b; i++) {
        size_t n = d->tokens.v[i].nend - d->tokens.v[i].nstart;
        for (int q = 0; q < 2; q++) {
            uint32_t h = slot[2 * (i - a) + q];
            if (h == none)
                continue;
            const sr_lexcache_entry *e = &cache->e[h & (SR_LEXCACHE_SIZE - 1)];
            if (e->hash != h || e->len != n)
                continue;
            uint32_t k = e->rec != NO_LEMMA ? e->rec : e->unk ? e->unk - 1 : NO_LEMMA;
            if (k < m->nemis)
                __builtin_prefetch(&m->emis[k]);
        }
    }
}

/* The cache entries of the words of tokens [a, b) as written, asked for
 * while the sentence before is decoded. */
static void prefetch_next(const sr_doc *d, uint32_t a, uint32_t b)
{
    sr_lexcache *cache = d->lexcache;
    for (uint32_t i = a; i < b; i++) {
        const sr_token *t = &d->tokens.v[i];
        const unsigned char *w = (const unsigned char *)d->norm + t->nstart;
        size_t n = t->nend - t->nstart;
        if (n == 0 || n > sizeof cache->e[0].key)
            continue;
        uint32_t h = 2166136261u;
        for (size_t k = 0; k < n; k++)
            h = (h ^ w[k]) * 16777619u;
        __builtin_prefetch(&cache->e[h & (SR_LEXCACHE_SIZE - 1)]);
    }
}

/* Viterbi over tokens [a, b). */
static bool viterbi(const sitrep_model *m, sr_doc *d, uint32_t a, uint32_t b, bool title, vscratch *w)
{
    uint32_t n = b - a;
    if (n == 0)
        return true;
    if (!vscratch_reserve(d->arena, w, n))
        return false;
    cand *c = w->c;
    float *score = w->score;
    uint8_t *back = w->back;
    const uint32_t T = m->ntags;
    if (d->lexcache)
        prefetch_unit(m, d, a, b, title, w->slot);
    for (uint32_t i = 0; i < n; i++)
        candidates(m, d, a + i, i == 0, title, &c[i]);
    for (int q = 0; q < c[0].n; q++) {
        score[q] = m->start[c[0].tag[q]] + c[0].emit[q];
        back[q] = 0;
    }
    for (uint32_t i = 1; i < n; i++) {
        const cand *pc = &c[i - 1], *cc = &c[i];
        const float *ps = &score[(size_t)(i - 1) * MAX_CANDIDATES];
        float *cs = &score[(size_t)i * MAX_CANDIDATES];
        uint8_t *bk = &back[(size_t)i * MAX_CANDIDATES];
        for (int q = 0; q < cc->n; q++) {
            float best = -INFINITY;
            int arg = 0;
            for (int p = 0; p < pc->n; p++) {
                float s = ps[p] + m->trans[pc->tag[p] * T + cc->tag[q]];
                if (s > best) {
                    best = s;
                    arg = p;
                }
            }
            cs[q] = best + cc->emit[q];
            bk[q] = (uint8_t)arg;
        }
    }
    const float *ls = &score[(size_t)(n - 1) * MAX_CANDIDATES];
    int q = 0;
    for (int k = 1; k < c[n - 1].n; k++)
        if (ls[k] > ls[q])
            q = k;
    for (uint32_t i = n; i-- > 0;) {
        d->tags[a + i] = c[i].tag[q];
        if (c[i].known && d->lemmas)
            d->lemmas[a + i] = c[i].lemma[q] == NO_LEMMA ? sr_lemma_self : m->strs + c[i].lemma[q];
        q = back[(size_t)i * MAX_CANDIDATES + q];
    }
    return true;
}

static bool word_is(const sr_doc *d, uint32_t i, const char *const *list)
{
    const sr_token *t = &d->tokens.v[i];
    size_t n = t->nend - t->nstart;
    for (; *list; list++)
        if (sr_same_word(d->norm + t->nstart, n, *list))
            return true;
    return false;
}

/* A first-order model cannot see that no auxiliary stands before a
 * participle: "Police arrested dozens" comes out VBN.  A VBN right after a
 * noun or pronoun, with no form of have, be or get earlier in the clause
 * and no "by" after it ("the man arrested by police" stays VBN), becomes
 * VBD when the lexicon knows the word as VBD. */
static void past_tense_fix(sr_doc *d, const sitrep_model *m, uint32_t a, uint32_t b)
{
    static const char *const aux[] = {"have", "has", "had", "having", "'ve", "'d", "be", "is",
                                      "are", "was", "were", "been", "being", "'s", "'re",
                                      "get", "gets", "got", "gotten", "getting", NULL};
    static const char *const by[] = {"by", NULL};
    int vbn = m->t_vbn, vbd = m->t_vbd;
    /* The look-back keeps its answer: `known` is whether an auxiliary
     * rules the clause at token `known_at`, so each look-back stops where
     * the one before started, and a sentence is looked at once. */
    uint32_t known_at = a;
    bool known = false;
    for (uint32_t i = a + 1; i < b; i++) {
        if (d->tags[i] != vbn)
            continue;
        const char *prev = sr_tag_name(m, d->tags[i - 1]);
        if (!(prev[0] == 'N' && prev[1] == 'N') && strcmp(prev, "PRP") != 0)
            continue;
        if (i + 1 < b && word_is(d, i + 1, by))
            continue;
        bool auxiliary = known, decided = false;
        for (uint32_t k = i; k-- > known_at && !decided;) {
            const char *tg = sr_tag_name(m, d->tags[k]);
            if (tg[0] == ',' || tg[0] == ':' || d->tags[k] == m->t_cc || d->tags[k] == m->t_wdt ||
                d->tags[k] == m->t_wp) {
                auxiliary = false; /* the clause starts here */
                decided = true;
            } else if (word_is(d, k, aux)) {
                auxiliary = true;
                decided = true;
            }
        }
        known_at = i;
        known = auxiliary;
        if (auxiliary)
            continue;
        /* A regular -ed form is both past tense and participle, whatever
         * the lexicon happened to see; others need VBD in the lexicon. */
        const sr_token *t = &d->tokens.v[i];
        size_t n = t->nend - t->nstart;
        const char *w = d->norm + t->nstart;
        if (n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd') {
            d->tags[i] = (uint8_t)vbd; /* same lemma as the participle */
            continue;
        }
        cand c;
        if (lex(m, d->lexcache, w, n, &c))
            for (int q = 0; q < c.n; q++)
                if (c.tag[q] == vbd) {
                    d->tags[i] = (uint8_t)vbd;
                    if (d->lemmas)
                        d->lemmas[i] = c.lemma[q] == NO_LEMMA ? sr_lemma_self : m->strs + c.lemma[q];
                    break;
                }
    }
}

sitrep_status sr_tag_run(sr_doc *d, const sitrep_model *m)
{
    if (!m->ntags || d->tokens.n == 0)
        return SITREP_OK;
    d->tags = sr_arena_calloc(d->arena, d->tokens.n, 1);
    d->lemmas = sr_arena_calloc(d->arena, d->tokens.n, sizeof *d->lemmas);
    if (!d->tags || !d->lemmas)
        return SITREP_ENOMEM;
    /* Sentences first; then every other run of tokens (titles, datelines)
     * as a unit of its own, titles in headline case. */
    uint8_t *done = sr_arena_calloc(d->arena, d->tokens.n, 1);
    if (!done)
        return SITREP_ENOMEM;
    vscratch w = {0};
    for (uint32_t s = 0; s < d->sentences.n; s++) {
        const sr_sentence *sn = &d->sentences.v[s];
        if (d->lexcache && s + 1 < d->sentences.n)
            prefetch_next(d, d->sentences.v[s + 1].tok_first,
                          d->sentences.v[s + 1].tok_first + d->sentences.v[s + 1].tok_n);
        if (!viterbi(m, d, sn->tok_first, sn->tok_first + sn->tok_n, false, &w))
            return SITREP_ENOMEM;
        past_tense_fix(d, m, sn->tok_first, sn->tok_first + sn->tok_n);
        memset(done + sn->tok_first, 1, sn->tok_n);
    }
    uint32_t blk = 0;
    for (uint32_t i = 0; i < d->tokens.n;) {
        if (done[i]) {
            i++;
            continue;
        }
        while (blk < d->blocks.n && d->blocks.v[blk].end <= d->tokens.v[i].start)
            blk++;
        uint32_t bend = blk < d->blocks.n ? d->blocks.v[blk].end : UINT32_MAX;
        uint32_t e = i;
        while (e < d->tokens.n && !done[e] && d->tokens.v[e].end <= bend)
            e++;
        if (e == i)
            e = i + 1;
        bool title = blk < d->blocks.n && d->blocks.v[blk].kind == SR_BLOCK_TITLE;
        if (!viterbi(m, d, i, e, title, &w))
            return SITREP_ENOMEM;
        i = e;
    }
    return SITREP_OK;
}
