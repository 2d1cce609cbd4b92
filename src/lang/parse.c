/*
 * parse.c: stage "parse".  Input: tokens, sentences, tags (tag.c) and
 * lemmas.  Output, per token: a universal part-of-speech tag (d->upos), a
 * head (d->heads) and a relation (d->deprels), Universal Dependencies as
 * English EWT writes them.
 *
 * Two greedy averaged perceptrons, learned by tools/parse_train.c from UD
 * English EWT with exactly the feature functions below:
 *   - a tagger, left to right, whose classes are the (UPOS, treebank tag)
 *     pairs of EWT; its features: the word and its neighbours, affixes,
 *     shape, tag.c's Penn tags around the word, the classes given before;
 *   - an arc-eager transition parser (Nivre 2003) with the root at the
 *     buffer's end (Ballesteros & Nivre 2013), trained with a dynamic
 *     oracle (Goldberg & Nivre 2012); its features are Zhang & Nivre's
 *     (2011) rich templates: words and classes of the stack top, the
 *     buffer's first three, their heads and outer dependents, distance,
 *     valency and label sets, plus the second stack item.  A transition
 *     is scored in two steps: its kind (shift, reduce, left or right arc)
 *     from those features, then, for an arc, its relation from a smaller
 *     set of its own (sr_parse_label_feats).
 * A sentence costs 2n transitions, each a fixed number of features: the
 * parse is linear in the sentence's length.  Its memory comes from the
 * document's arena, sized once for the longest sentence.
 *
 * The weights are the model's PARW section (parse.h has its layout): a
 * feature's 64-bit key is found by probing a slot table from its high
 * bits and checking its low 32 bits; the kinds' slots hold their four
 * int16 weights, the tagger's and relations' point to a run of (class,
 * weight) pairs or a dense int16 row (added with SSE2).  Only the sentences that need
 * it are parsed (sr_parse_run); the rest keep SR_DEP_NONE.
 */
#include "lang/lang.h"

#include <stdlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define XXH_INLINE_ALL
#include <xxhash.h>

const char *const sr_upos_names[SR_UPOS__COUNT] = {
    "_",     "ADJ",  "ADP",   "ADV",   "AUX",   "CCONJ", "DET", "INTJ", "NOUN",
    "NUM",   "PART", "PRON",  "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", /* ORDER UPOS */
};

const char *const sr_dep_names[SR_DEP__COUNT] = {
    "_", "acl", "acl:relcl", "advcl", "advcl:relcl", "advmod", "amod", "appos", "aux",
    "aux:pass", "case", "cc", "cc:preconj", "ccomp", "compound", "compound:prt", "conj", "cop",
    "csubj", "csubj:outer", "csubj:pass", "dep", "det", "det:predet", "discourse", "dislocated",
    "expl", "fixed", "flat", "goeswith", "iobj", "list", "mark", "nmod", "nmod:desc",
    "nmod:poss", "nmod:unmarked", "nsubj", "nsubj:outer", "nsubj:pass", "nummod", "obj", "obl",
    "obl:agent", "obl:unmarked", "orphan", "parataxis", "punct", "reparandum", "root",
    "vocative", "xcomp", /* ORDER DEP */
};

sr_dep sr_dep_find(const char *s, size_t n)
{
    for (int k = 1; k < SR_DEP__COUNT; k++)
        if (strlen(sr_dep_names[k]) == n && memcmp(sr_dep_names[k], s, n) == 0)
            return (sr_dep)k;
    /* a subtype we lack reads as its universal relation */
    const char *colon = memchr(s, ':', n);
    if (colon && colon > s)
        return sr_dep_find(s, (size_t)(colon - s));
    return SR_DEP_DEP;
}

sr_upos sr_upos_find(const char *s, size_t n)
{
    for (int k = 1; k < SR_UPOS__COUNT; k++)
        if (strlen(sr_upos_names[k]) == n && memcmp(sr_upos_names[k], s, n) == 0)
            return (sr_upos)k;
    return SR_UPOS_X;
}

/* ---- hashing -------------------------------------------------------------- */

static inline uint64_t fmix(uint64_t x)
{
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 33;
    return x;
}
static inline uint64_t F1(uint32_t tpl, uint64_t a) { return fmix(a + 0x9e3779b97f4a7c15ULL * (tpl + 1)); }
static inline uint64_t F2(uint32_t tpl, uint64_t a, uint64_t b)
{
    return fmix(F1(tpl, a) ^ (b * 0xff51afd7ed558ccdULL + 0x632be59bd9b4e019ULL));
}
static inline uint64_t F3(uint32_t tpl, uint64_t a, uint64_t b, uint64_t c)
{
    return fmix(F2(tpl, a, b) ^ (c * 0xc4ceb9fe1a85ec53ULL + 0x2545f4914f6cdd1dULL));
}

/* ---- the weights ------------------------------------------------------------ */

typedef struct wslot {
    uint32_t fp; /* the key's low 32 bits */
    uint32_t at; /* the feature's run in ent; 0: an empty slot */
} wslot;

#define DENSE 0x80000000u /* a run of dense weights */

typedef struct wtab {
    uint32_t nfeat, mask, width;
    float scale;
    const wslot *slot;
    const uint32_t *ent; /* runs: n, then n x (class << 16 | (u16)weight) */
} wtab;

/* The transition kinds' table: the four weights in the slot itself, so a
 * feature costs one probe. */
typedef struct kslot {
    uint32_t fp; /* the key's low 32 bits | 1; 0: an empty slot */
    int16_t w[SR_PK__COUNT];
} kslot;

typedef struct ktab {
    uint32_t nfeat, mask;
    float scale;
    const kslot *slot;
} ktab;

typedef struct pview {
    uint32_t nclasses, beam;
    bool joint; /* relations scored in the beam with the kinds */
    wtab tag, lab;
    ktab kind;
    uint32_t vmask;
    const unsigned char *vocab; /* the parser's words (u64), open addressing */
    const unsigned char *classes; /* nclasses x {u8 upos, char xpos[7]} */
} pview;

/* Reads one weight table at p[*at]; false when it does not fit or is
 * inconsistent. */
static bool read_wtab(const unsigned char *p, size_t len, size_t *at, uint32_t width, wtab *t,
                      bool check)
{
    uint32_t h[4];
    if (len - *at < 16)
        return false;
    memcpy(h, p + *at, 16);
    uint32_t nfeat = h[0], nslots = h[1], nent = h[2];
    memcpy(&t->scale, &h[3], 4);
    *at += 16;
    if (!nslots || (nslots & (nslots - 1)) || nfeat >= nslots || !nent)
        return false;
    size_t need = (size_t)nslots * 8 + (size_t)nent * 4;
    if (len - *at < need)
        return false;
    t->nfeat = nfeat;
    t->mask = nslots - 1;
    t->width = width;
    t->slot = (const wslot *)(const void *)(p + *at);
    t->ent = (const uint32_t *)(const void *)(p + *at + (size_t)nslots * 8);
    *at += need;
    if (!check)
        return true;
    uint32_t used = 0;
    for (uint32_t b = 0; b < nslots; b++) {
        uint32_t r = t->slot[b].at;
        if (!r)
            continue;
        used++;
        if (r >= nent)
            return false;
        uint32_t h0 = t->ent[r];
        if (h0 & DENSE) {
            if ((h0 & ~DENSE) != (width + 1) / 2 || (h0 & ~DENSE) > nent - r - 1)
                return false;
            continue;
        }
        if (h0 > nent - r - 1)
            return false;
        for (uint32_t e = 1; e <= h0; e++)
            if ((t->ent[r + e] >> 16) >= width)
                return false;
    }
    return used == nfeat;
}

static bool read_ktab(const unsigned char *p, size_t len, size_t *at, ktab *t, bool check)
{
    uint32_t h[4];
    if (len - *at < 16)
        return false;
    memcpy(h, p + *at, 16);
    uint32_t nfeat = h[0], nslots = h[1];
    memcpy(&t->scale, &h[2], 4);
    *at += 16;
    if (!nslots || (nslots & (nslots - 1)) || nfeat >= nslots || h[3] != 0 ||
        len - *at < (size_t)nslots * sizeof(kslot))
        return false;
    t->nfeat = nfeat;
    t->mask = nslots - 1;
    t->slot = (const kslot *)(const void *)(p + *at);
    *at += (size_t)nslots * sizeof(kslot);
    if (!check)
        return true;
    uint32_t used = 0;
    for (uint32_t b = 0; b < nslots; b++)
        used += t->slot[b].fp != 0;
    return used == nfeat;
}

static bool view_of(const unsigned char *p, size_t len, pview *v, bool check)
{
    uint32_t h[5];
    if (!p || len < 8 + sizeof h || memcmp(p, SR_PARW_MAGIC, 8) != 0)
        return false;
    memcpy(h, p + 8, sizeof h);
    if (h[0] != SR_PARSE_VERSION || !h[1] || h[1] > SR_PARSE_MAXCLASS || h[2] != SR_PK__COUNT ||
        h[3] != SR_PARSE_NLABELS || !(h[4] & 0xFF) || (h[4] & 0xFF) > SR_PARSE_MAXBEAM || h[4] >> 9)
        return false;
    v->nclasses = h[1];
    v->beam = h[4] & 0xFF;
    v->joint = h[4] >> 8 & 1;
    size_t at = 8 + sizeof h;
    if (!read_wtab(p, len, &at, v->nclasses, &v->tag, check) || !read_ktab(p, len, &at, &v->kind, check) ||
        !read_wtab(p, len, &at, SR_PARSE_NLABELS, &v->lab, check))
        return false;
    uint32_t nv;
    if (len - at < 8)
        return false;
    memcpy(&nv, p + at, 4);
    at += 8; /* u32 nslots, u32 0 */
    if (!nv || (nv & (nv - 1)) || len - at < (size_t)nv * 8)
        return false;
    v->vmask = nv - 1;
    v->vocab = p + at;
    at += (size_t)nv * 8;
    if (len - at != (size_t)v->nclasses * 8)
        return false;
    v->classes = p + at;
    if (check)
        for (uint32_t c = 0; c < v->nclasses; c++)
            if (v->classes[8 * c] == 0 || v->classes[8 * c] >= SR_UPOS__COUNT ||
                !memchr(v->classes + 8 * c + 1, 0, 7))
                return false;
    return true;
}

bool sr_parse_load(sitrep_model *m)
{
    size_t len;
    const unsigned char *p = sr_model_get_section(m, "PARW", &len);
    m->parw = NULL;
    m->parw_len = 0;
    if (!p)
        return true; /* a model without a parser: nothing is parsed */
    pview v;
    if (!view_of(p, len, &v, true))
        return false;
    m->parw = p;
    m->parw_len = len;
    return true;
}

bool sr_parse_available(const sitrep_model *m) { return m && m->parw != NULL; }

/* score[0..width) += w[0..width): eight at a time (score has room for a
 * multiple of eight). */
static inline void add_dense(int32_t *score, const int16_t *w, uint32_t width)
{
#ifdef __SSE2__
    uint32_t c = 0;
    for (; c + 8 <= width; c += 8) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(w + c));
        __m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16);
        __m128i hi = _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16);
        __m128i *o = (__m128i *)(void *)(score + c);
        _mm_storeu_si128(o, _mm_add_epi32(_mm_loadu_si128(o), lo));
        _mm_storeu_si128(o + 1, _mm_add_epi32(_mm_loadu_si128(o + 1), hi));
    }
    for (; c < width; c++)
        score[c] += w[c];
#else
    for (uint32_t c = 0; c < width; c++)
        score[c] += w[c];
#endif
}

/* Adds the weights of features f to score.  The tables are megabytes
 * wide: every feature's home slot is asked for first, then every run
 * found, so that the cache misses overlap. */
static void add_scores(const wtab *t, const uint64_t *f, uint32_t n, int32_t *score)
{
    uint32_t home[SR_PARSE_MAXFEAT], run[SR_PARSE_MAXFEAT], nr = 0;
    for (uint32_t k = 0; k < n; k++) {
        home[k] = (uint32_t)(f[k] >> 32) & t->mask;
        __builtin_prefetch(&t->slot[home[k]]);
    }
    for (uint32_t k = 0; k < n; k++) {
        uint32_t fp = (uint32_t)f[k];
        for (uint32_t b = home[k];; b = (b + 1) & t->mask) {
            const wslot *sl = &t->slot[b];
            if (!sl->at)
                break;
            if (sl->fp == fp) {
                run[nr++] = sl->at;
                __builtin_prefetch(&t->ent[sl->at]);
                break;
            }
        }
    }
    for (uint32_t k = 0; k < nr; k++) {
        const uint32_t *e = &t->ent[run[k]];
        if (e[0] & DENSE) {
            add_dense(score, (const int16_t *)(const void *)(e + 1), t->width);
            continue;
        }
        for (uint32_t q = 1; q <= e[0]; q++)
            score[e[q] >> 16] += (int16_t)(uint16_t)(e[q] & 0xFFFF);
    }
}

/* Adds the transition kinds' weights of features f to score[4]: every
 * home slot asked for first, then each probed (weights in the slot). */
static void add_kinds(const ktab *t, const uint64_t *f, uint32_t n, int32_t *score)
{
    uint32_t home[SR_PARSE_MAXFEAT];
    for (uint32_t k = 0; k < n; k++) {
        home[k] = (uint32_t)(f[k] >> 32) & t->mask;
        __builtin_prefetch(&t->slot[home[k]]);
    }
    int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t fp = (uint32_t)f[k] | 1u;
        for (uint32_t b = home[k];; b = (b + 1) & t->mask) {
            const kslot *sl = &t->slot[b];
            if (sl->fp == fp) {
                s0 += sl->w[0];
                s1 += sl->w[1];
                s2 += sl->w[2];
                s3 += sl->w[3];
                break;
            }
            if (!sl->fp)
                break;
        }
    }
    score[0] = s0;
    score[1] = s1;
    score[2] = s2;
    score[3] = s3;
}

/* ---- per-token facts ----------------------------------------------------- */

enum { PF_CAP = 1, PF_ALLCAPS = 2, PF_DIGIT = 4, PF_HYPHEN = 8, PF_FIRST = 16, PF_PUNCT = 32 };

#define BOS 0x5a17u /* values standing for positions outside the sentence */
#define EOS 0x5a18u

uint64_t sr_parse_word_key(const char *lw, size_t n)
{
    uint64_t w = XXH3_64bits(lw, n);
    return w + (w < 16); /* never a value standing for no word */
}

size_t sr_parse_word_form(const char *w, size_t len, char *lw)
{
    if (len > 64)
        len = 64;
    for (size_t q = 0; q < len; q++) {
        char c = w[q];
        lw[q] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c >= '0' && c <= '9' ? '0' : c;
    }
    return len;
}

sr_psent *sr_parse_prepare(sr_arena *a, const sr_doc *d, uint32_t first, uint32_t n)
{
    sr_psent *s = sr_arena_alloc(a, sizeof *s);
    if (!s)
        return NULL;
    s->t = sr_arena_calloc(a, n ? n : 1, sizeof *s->t);
    if (!s->t)
        return NULL;
    s->n = n;
    for (uint32_t k = 0; k < n; k++) {
        const sr_token *tok = &d->tokens.v[first + k];
        const char *w = d->norm + tok->nstart;
        size_t len = tok->nend - tok->nstart;
        if (len > 64)
            len = 64;
        char lw[64], sh[16];
        size_t shn = 0;
        char last = 0;
        int run = 0;
        uint8_t fl = k == 0 ? PF_FIRST : 0, up = 0, low = 0, punct = 1;
        for (size_t q = 0; q < len; q++) {
            char c = w[q];
            char x = c >= 'A' && c <= 'Z' ? 'X' : c >= 'a' && c <= 'z' ? 'x' : c >= '0' && c <= '9' ? 'd' : c;
            if ((unsigned char)c >= 0x80)
                x = 'u';
            up += x == 'X';
            low += x == 'x';
            if (x == 'd')
                fl |= PF_DIGIT;
            if (c == '-' && q)
                fl |= PF_HYPHEN;
            if (x == 'X' || x == 'x' || x == 'd' || x == 'u')
                punct = 0;
            lw[q] = x == 'X' ? (char)(c + 32) : x == 'd' ? '0' : c;
            run = x == last ? run + 1 : 1;
            last = x;
            if (run <= 2 && shn < sizeof sh)
                sh[shn++] = x;
        }
        if (len && w[0] >= 'A' && w[0] <= 'Z')
            fl |= PF_CAP;
        if (up >= 2 && !low)
            fl |= PF_ALLCAPS;
        if (punct)
            fl |= PF_PUNCT;
        sr_ptok *t = &s->t[k];
        t->w = sr_parse_word_key(lw, len);
        t->pw = t->w;
        for (size_t q = 1; q <= 4; q++)
            t->sfx[q - 1] = len >= q + 1 ? XXH3_64bits(lw + len - q, q) + q : 0;
        for (size_t q = 1; q <= 3; q++)
            t->pfx[q - 1] = len >= q + 1 ? XXH3_64bits(lw, q) + 7 * q : 0;
        t->shape = XXH3_64bits(sh, shn);
        t->penn = d->tags ? d->tags[first + k] : 0;
        t->flags = fl;
    }
    return s;
}

uint32_t sr_parse_tag_feats(const sr_psent *s, uint32_t i, uint64_t *f)
{
    const sr_ptok *t = s->t;
    uint32_t n = 0;
#define W(j) ((j) < 0 ? (uint64_t)BOS + (uint64_t)(-(j)) : (uint32_t)(j) >= s->n ? (uint64_t)EOS + (j) - s->n : t[(j)].w)
#define PN(j) ((j) < 0 ? (uint64_t)BOS : (uint32_t)(j) >= s->n ? (uint64_t)EOS : (uint64_t)t[(j)].penn)
#define CL(j) ((j) < 0 ? (uint64_t)BOS + (uint64_t)(-(j)) : (uint64_t)t[(j)].cls)
    int ii = (int)i;
    const sr_ptok *c = &t[i];
    f[n++] = F1(0, 0);
    f[n++] = F1(1, c->w);
    f[n++] = F1(2, W(ii - 1));
    f[n++] = F1(3, W(ii + 1));
    f[n++] = F1(4, W(ii - 2));
    f[n++] = F1(5, W(ii + 2));
    for (int q = 0; q < 4; q++)
        if (c->sfx[q])
            f[n++] = F1(6 + (uint32_t)q, c->sfx[q]);
    for (int q = 0; q < 3; q++)
        if (c->pfx[q])
            f[n++] = F1(10 + (uint32_t)q, c->pfx[q]);
    f[n++] = F1(13, c->shape);
    f[n++] = F1(14, c->penn);
    f[n++] = F1(15, PN(ii - 1));
    f[n++] = F1(16, PN(ii + 1));
    f[n++] = F2(17, c->penn, c->w);
    f[n++] = F3(18, PN(ii - 1), c->penn, PN(ii + 1));
    f[n++] = F1(19, CL(ii - 1));
    f[n++] = F2(20, CL(ii - 2), CL(ii - 1));
    f[n++] = F2(21, CL(ii - 1), c->w);
    f[n++] = F2(22, W(ii - 1), c->w);
    f[n++] = F2(23, c->w, W(ii + 1));
    f[n++] = F1(24, i + 1 < s->n ? t[i + 1].sfx[2] : EOS);
    f[n++] = F1(25, i ? t[i - 1].sfx[2] : BOS);
    f[n++] = F1(26, c->flags);
    f[n++] = F2(27, CL(ii - 1), c->penn);
    f[n++] = F2(28, c->flags, c->sfx[1]);
    f[n++] = F2(29, c->penn, c->sfx[2]);
    f[n++] = F2(30, PN(ii + 1), c->w);
    f[n++] = F2(31, PN(ii + 1), PN(ii + 2));
#undef W
#undef PN
#undef CL
    return n;
}

void sr_parse_set_class(const sitrep_model *m, sr_psent *s, uint32_t i, uint8_t cls)
{
    pview v;
    s->t[i].cls = cls;
    s->t[i].upos = SR_UPOS_X;
    if (view_of(m->parw, m->parw_len, &v, false) && cls < v.nclasses)
        s->t[i].upos = v.classes[8 * cls];
}

void sr_parse_tag(const sitrep_model *m, sr_psent *s)
{
    pview v;
    if (!view_of(m->parw, m->parw_len, &v, false))
        return;
    uint64_t f[SR_PARSE_MAXFEAT];
    int32_t score[SR_PARSE_MAXCLASS];
    for (uint32_t i = 0; i < s->n; i++) {
        uint32_t nf = sr_parse_tag_feats(s, i, f);
        memset(score, 0, sizeof score);
        add_scores(&v.tag, f, nf, score);
        uint32_t best = 0;
        for (uint32_t c = 1; c < v.nclasses; c++)
            if (score[c] > score[best])
                best = c;
        s->t[i].cls = (uint8_t)best;
        s->t[i].upos = v.classes[8 * best];
    }
    for (uint32_t i = 0; i < s->n; i++) {
        uint64_t w = s->t[i].w;
        s->t[i].pw = SR_PARSE_UNK;
        for (uint32_t b = (uint32_t)(w >> 40) & v.vmask;; b = (b + 1) & v.vmask) {
            uint64_t x;
            memcpy(&x, v.vocab + 8 * (size_t)b, 8); /* the section is 4-byte aligned */
            if (!x)
                break;
            if (x == w) {
                s->t[i].pw = w;
                break;
            }
        }
    }
}

/* ---- the transition system ------------------------------------------------ */

#define NONE UINT32_MAX

bool sr_pstate_init(sr_pstate *st, sr_arena *a, uint32_t n)
{
    uint32_t m = n + 1;
    st->n = st->cap = n;
    st->stack = sr_arena_alloc(a, (size_t)m * 4);
    st->head = sr_arena_alloc(a, (size_t)m * 4 * 5);
    st->label = sr_arena_alloc(a, (size_t)m * 3);
    st->lset = sr_arena_alloc(a, (size_t)m * 16);
    if (!st->stack || !st->head || !st->label || !st->lset)
        return false;
    st->l1 = st->head + m;
    st->l2 = st->l1 + m;
    st->r1 = st->l2 + m;
    st->r2 = st->r1 + m;
    st->nl = st->label + m;
    st->nr = st->nl + m;
    st->rset = st->lset + m;
    sr_pstate_reset(st);
    return true;
}

void sr_pstate_reset(sr_pstate *st)
{
    size_t m = (size_t)st->n + 1;
    st->sp = 0;
    st->b = 0;
    uint32_t *const u32[] = {st->head, st->l1, st->l2, st->r1, st->r2};
    for (int k = 0; k < 5; k++)
        memset(u32[k], 0xFF, m * 4);
    memset(st->label, 0, m);
    memset(st->nl, 0, m);
    memset(st->nr, 0, m);
    memset(st->lset, 0, m * 8);
    memset(st->rset, 0, m * 8);
}

bool sr_pstate_valid(const sr_pstate *st, int a)
{
    if (a == SR_PA_SHIFT)
        return st->b < st->n;
    if (!st->sp)
        return false;
    uint32_t s0 = st->stack[st->sp - 1];
    if (a == SR_PA_REDUCE)
        return st->head[s0] != NONE;
    if (a < SR_PA_RIGHT) {
        bool root = a - SR_PA_LEFT + 1 == SR_DEP_ROOT;
        return st->head[s0] == NONE && root == (st->b == st->n);
    }
    return st->b < st->n && a - SR_PA_RIGHT + 1 != SR_DEP_ROOT;
}

bool sr_pstate_kind_valid(const sr_pstate *st, int k)
{
    if (k == SR_PK_SHIFT)
        return st->b < st->n;
    if (!st->sp)
        return false;
    uint32_t s0 = st->stack[st->sp - 1];
    if (k == SR_PK_REDUCE)
        return st->head[s0] != NONE;
    if (k == SR_PK_LEFT)
        return st->head[s0] == NONE;
    return st->b < st->n;
}

static void attach(sr_pstate *st, uint32_t h, uint32_t d, uint8_t l)
{
    st->head[d] = h;
    st->label[d] = l;
    if (d < h) {
        if (st->l1[h] == NONE || d < st->l1[h]) {
            st->l2[h] = st->l1[h];
            st->l1[h] = d;
        } else if (st->l2[h] == NONE || d < st->l2[h]) {
            st->l2[h] = d;
        }
        if (st->nl[h] < 255)
            st->nl[h]++;
        st->lset[h] |= 1ull << l;
    } else {
        if (st->r1[h] == NONE || d > st->r1[h]) {
            st->r2[h] = st->r1[h];
            st->r1[h] = d;
        } else if (st->r2[h] == NONE || d > st->r2[h]) {
            st->r2[h] = d;
        }
        if (st->nr[h] < 255)
            st->nr[h]++;
        st->rset[h] |= 1ull << l;
    }
}

void sr_pstate_apply(sr_pstate *st, int a)
{
    if (a == SR_PA_SHIFT) {
        st->stack[st->sp++] = st->b++;
    } else if (a == SR_PA_REDUCE) {
        st->sp--;
    } else if (a < SR_PA_RIGHT) {
        attach(st, st->b, st->stack[st->sp - 1], (uint8_t)(a - SR_PA_LEFT + 1));
        st->sp--;
    } else {
        attach(st, st->stack[st->sp - 1], st->b, (uint8_t)(a - SR_PA_RIGHT + 1));
        st->stack[st->sp++] = st->b++;
    }
}

void sr_pstate_one_root(sr_pstate *st)
{
    uint32_t root = NONE;
    for (uint32_t i = 0; i < st->n; i++) {
        if (st->head[i] == NONE) { /* cannot happen in a final state */
            st->head[i] = st->n;
            st->label[i] = SR_DEP_ROOT;
        }
        if (st->head[i] != st->n)
            continue;
        if (root == NONE) {
            root = i;
            st->label[i] = SR_DEP_ROOT;
        } else {
            st->head[i] = root;
            st->label[i] = SR_DEP_PARATAXIS;
        }
    }
}

/* ---- the parser's features ------------------------------------------------- */

/* What the features see of word x of st (x < n, or the root n). */
static void word_of(const sr_pstate *st, uint32_t x, sr_pword *w)
{
    const uint32_t n = st->n;
    w->head = st->head[x];
    w->hhead = w->head != NONE && w->head < n ? st->head[w->head] : NONE;
    w->label = st->label[x];
    w->hlabel = w->head != NONE && w->head < n ? st->label[w->head] : 0;
    w->l1 = st->l1[x];
    w->l2 = st->l2[x];
    w->r1 = st->r1[x];
    w->r2 = st->r2[x];
    w->ll1 = w->l1 == NONE ? 0 : st->label[w->l1];
    w->ll2 = w->l2 == NONE ? 0 : st->label[w->l2];
    w->lr1 = w->r1 == NONE ? 0 : st->label[w->r1];
    w->lr2 = w->r2 == NONE ? 0 : st->label[w->r2];
    w->nl = st->nl[x];
    w->nr = st->nr[x];
    w->lset = st->lset[x];
    w->rset = st->rset[x];
}

/* A configuration as the features see it: the stack's top two words, the
 * buffer's first, what s0 and b have. */
typedef struct pconf {
    uint32_t n, s0, s1, b;
    uint8_t s1label;
    const sr_pword *s0f, *n0f;
} pconf;

static uint32_t conf_feats(const pconf *c, const sr_psent *s, uint64_t *f)
{
    const uint32_t n = c->n;
    const sr_pword *sf = c->s0f, *nf = c->n0f;
    uint32_t s0 = c->s0, s1 = c->s1;
    uint32_t n0 = c->b;
    uint32_t n1 = n0 + 1 <= n ? n0 + 1 : NONE;
    uint32_t n2 = n0 + 2 <= n ? n0 + 2 : NONE;
    uint32_t n3 = n0 + 3 <= n ? n0 + 3 : NONE;
    uint32_t s0h = s0 != NONE ? sf->head : NONE;
    uint32_t s0h2 = s0h != NONE && s0h < n ? sf->hhead : NONE;
    uint32_t s0l = s0 != NONE ? sf->l1 : NONE, s0l2 = s0 != NONE ? sf->l2 : NONE;
    uint32_t s0r = s0 != NONE ? sf->r1 : NONE, s0r2 = s0 != NONE ? sf->r2 : NONE;
    uint32_t n0l = nf->l1, n0l2 = nf->l2;
#define WV(x) ((x) == NONE ? 1ull : (x) == n ? 2ull : s->t[(x)].pw)
#define PV(x) ((x) == NONE ? 254ull : (x) == n ? 255ull : (uint64_t)s->t[(x)].cls)
#define UV(x) ((x) == NONE ? 254ull : (x) == n ? 255ull : (uint64_t)s->t[(x)].upos)
#define LV(x, l) ((x) == NONE ? 254ull : (uint64_t)(l))
#define WP(x) (WV(x) * 131 + PV(x))
    uint64_t s0w = WV(s0), s0p = PV(s0), n0w = WV(n0), n0p = PV(n0);
    uint64_t n1w = WV(n1), n1p = PV(n1), n2w = WV(n2), n2p = PV(n2);
    uint64_t s0wp = WP(s0), n0wp = WP(n0);
    uint64_t dist = s0 == NONE ? 0 : n0 - s0 > 6 ? 7 : n0 - s0;
    if (s0 != NONE && n0 == n)
        dist = 8; /* the root */
    uint64_t s0vr = s0 == NONE ? 0 : sf->nr, s0vl = s0 == NONE ? 0 : sf->nl;
    uint64_t n0vl = nf->nl;
    uint64_t s0sr = s0 == NONE ? 0 : sf->rset, s0sl = s0 == NONE ? 0 : sf->lset;
    uint64_t n0sl = nf->lset;
    uint64_t s0lab = LV(s0, s0 == NONE ? 0 : sf->label);
    uint64_t s0ll = LV(s0l, sf->ll1), s0rl = LV(s0r, sf->lr1);
    uint32_t k = 0;
    f[k++] = F1(100, 0);
    f[k++] = F1(1, s0wp);
    f[k++] = F1(2, s0w);
    f[k++] = F1(3, s0p);
    f[k++] = F1(4, n0wp);
    f[k++] = F1(5, n0w);
    f[k++] = F1(6, n0p);
    f[k++] = F1(7, WP(n1));
    f[k++] = F1(8, n1w);
    f[k++] = F1(9, n1p);
    f[k++] = F1(10, WP(n2));
    f[k++] = F1(11, n2w);
    f[k++] = F1(12, n2p);
    f[k++] = F2(13, s0wp, n0wp);
    f[k++] = F2(14, s0wp, n0w);
    f[k++] = F2(15, s0w, n0wp);
    f[k++] = F2(16, s0wp, n0p);
    f[k++] = F2(17, s0p, n0wp);
    f[k++] = F2(18, s0w, n0w);
    f[k++] = F2(19, s0p, n0p);
    f[k++] = F2(20, n0p, n1p);
    f[k++] = F3(21, n0p, n1p, n2p);
    f[k++] = F3(22, s0p, n0p, n1p);
    f[k++] = F3(23, PV(s0h), s0p, n0p);
    f[k++] = F3(24, s0p, PV(s0l), n0p);
    f[k++] = F3(25, s0p, PV(s0r), n0p);
    f[k++] = F3(26, s0p, n0p, PV(n0l));
    f[k++] = F2(27, s0w, dist);
    f[k++] = F2(28, s0p, dist);
    f[k++] = F2(29, n0w, dist);
    f[k++] = F2(30, n0p, dist);
    f[k++] = F3(31, s0w, n0w, dist);
    f[k++] = F3(32, s0p, n0p, dist);
    f[k++] = F2(33, s0w, s0vr);
    f[k++] = F2(34, s0p, s0vr);
    f[k++] = F2(35, s0w, s0vl);
    f[k++] = F2(36, s0p, s0vl);
    f[k++] = F2(37, n0w, n0vl);
    f[k++] = F2(38, n0p, n0vl);
    f[k++] = F1(39, WV(s0h));
    f[k++] = F1(40, PV(s0h));
    f[k++] = F1(41, s0lab);
    f[k++] = F1(42, WV(s0l));
    f[k++] = F1(43, PV(s0l));
    f[k++] = F1(44, s0ll);
    f[k++] = F1(45, WV(s0r));
    f[k++] = F1(46, PV(s0r));
    f[k++] = F1(47, s0rl);
    f[k++] = F1(48, WV(n0l));
    f[k++] = F1(49, PV(n0l));
    f[k++] = F1(50, LV(n0l, nf->ll1));
    f[k++] = F1(51, WV(s0h2));
    f[k++] = F1(52, PV(s0h2));
    f[k++] = F1(53, s0h != NONE && s0h < n ? (uint64_t)sf->hlabel : 253);
    f[k++] = F1(54, WV(s0l2));
    f[k++] = F1(55, PV(s0l2));
    f[k++] = F1(56, LV(s0l2, sf->ll2));
    f[k++] = F1(57, WV(s0r2));
    f[k++] = F1(58, PV(s0r2));
    f[k++] = F1(59, LV(s0r2, sf->lr2));
    f[k++] = F1(60, WV(n0l2));
    f[k++] = F1(61, PV(n0l2));
    f[k++] = F1(62, LV(n0l2, nf->ll2));
    f[k++] = F3(63, s0p, PV(s0l), PV(s0l2));
    f[k++] = F3(64, s0p, PV(s0r), PV(s0r2));
    f[k++] = F3(65, s0p, PV(s0h), PV(s0h2));
    f[k++] = F3(66, n0p, PV(n0l), PV(n0l2));
    f[k++] = F2(67, s0w, s0sr);
    f[k++] = F2(68, s0p, s0sr);
    f[k++] = F2(69, s0w, s0sl);
    f[k++] = F2(70, s0p, s0sl);
    f[k++] = F2(71, n0w, n0sl);
    f[k++] = F2(72, n0p, n0sl);
    /* beyond Zhang & Nivre: the second stack item, the fourth word, UPOS */
    f[k++] = F3(73, PV(s1), s0p, n0p);
    f[k++] = F1(74, WV(s1));
    f[k++] = F1(75, PV(s1));
    f[k++] = F2(76, UV(s0), UV(n0));
    f[k++] = F1(77, PV(n3));
    f[k++] = F3(78, s0lab, s0p, n0p);
    f[k++] = F3(79, s0w, n0p, n1p);
    f[k++] = F3(80, s0p, n0w, n1p);
    f[k++] = F3(81, LV(s1, c->s1label), PV(s1), s0p);
    f[k++] = F3(82, PV(s0l), s0ll, n0p);
    f[k++] = F3(83, s0p, PV(s0r), s0rl);
#undef WV
#undef PV
#undef UV
#undef LV
#undef WP
    return k;
}

static const sr_pword no_word = {NONE, NONE, NONE, NONE, NONE, NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

uint32_t sr_parse_feats(const sr_pstate *st, const sr_psent *s, uint64_t *f)
{
    sr_pword sw = no_word, nw;
    pconf c = {st->n, NONE, NONE, st->b, 0, &sw, &nw};
    if (st->sp) {
        c.s0 = st->stack[st->sp - 1];
        word_of(st, c.s0, &sw);
    }
    if (st->sp > 1) {
        c.s1 = st->stack[st->sp - 2];
        c.s1label = st->label[c.s1];
    }
    word_of(st, st->b, &nw);
    return conf_feats(&c, s, f);
}

/* The features of the relation of the arc of `kind` between s0 (facts
 * sf) and b (facts nf): the head and the dependent (words, classes,
 * affixes), their distance and direction, what is attached to them
 * already (relations, outer dependents) and their neighbours. */
static uint32_t conf_label_feats(const pconf *c, const sr_psent *s, int kind, uint64_t *f)
{
    const uint32_t n = c->n;
    uint32_t s0 = c->s0, b = c->b;
    bool left = kind == SR_PK_LEFT;
    uint32_t h = left ? b : s0, d = left ? s0 : b;
    const sr_pword *hf = left ? c->n0f : c->s0f, *df = left ? c->s0f : c->n0f;
    uint64_t dir = left ? 1 : 2;
#define WV(x) ((x) == NONE ? 1ull : (x) >= n ? 2ull : s->t[(x)].pw)
#define PV(x) ((x) == NONE ? 254ull : (x) >= n ? 255ull : (uint64_t)s->t[(x)].cls)
    uint64_t hw = WV(h), hp = PV(h), dw = WV(d), dp = PV(d);
    uint32_t gap = h > d ? h - d : d - h;
    uint64_t dist = gap > 6 ? (gap > 12 ? 8 : 7) : gap;
    uint32_t hh = h < n ? hf->head : NONE;
    uint32_t dl = df->l1, dr = df->r1;
    uint64_t dsf = d < n ? s->t[d].sfx[2] : 3, dfl = d < n ? s->t[d].flags : 0;
    uint64_t hlab = h < n ? hf->label : 254, dll = dl == NONE ? 254 : df->ll1;
    uint32_t k = 0;
    f[k++] = F1(200, dir);
    f[k++] = F2(201, dir, dw);
    f[k++] = F2(202, dir, dp);
    f[k++] = F2(203, dir, hw);
    f[k++] = F2(204, dir, hp);
    f[k++] = F3(205, dir, hp, dp);
    f[k++] = F3(206, dir, hw, dp);
    f[k++] = F3(207, dir, hp, dw);
    f[k++] = F3(208, dir, hw, dw);
    f[k++] = F3(209, dir, dp, dist);
    f[k++] = F3(210, dir * 16 + dist, hp, dp);
    f[k++] = F3(211, dir, hp, hlab);
    f[k++] = F3(212, dir, hp, hf->lset);
    f[k++] = F3(213, dir, hp, hf->rset);
    f[k++] = F3(214, dir, dp, df->lset);
    f[k++] = F3(215, dir, dp, df->rset);
    f[k++] = F3(216, dir, dp, PV(dl));
    f[k++] = F3(217, dir, dp, WV(dl));
    f[k++] = F3(218, dir, hp, WV(dl));
    f[k++] = F3(219, dir, hp, PV(hh));
    f[k++] = F3(220, dir, dp, d + 1 < n ? s->t[d + 1].cls : 255);
    f[k++] = F3(221, dir, dp, d ? s->t[d - 1].cls : 254);
    f[k++] = F3(222, dir, hp, dsf);
    f[k++] = F3(223, dir, hp, dfl);
    f[k++] = F3(224, dir * 4096 + hp, hf->nl > 3 ? 3 : hf->nl, hf->nr > 3 ? 3 : hf->nr);
    f[k++] = F3(225, dir, dp, dll);
    f[k++] = F3(226, dir, dp, PV(dr));
    f[k++] = F3(227, dir, hw, hf->lset);
    f[k++] = F3(228, dir, dw, hp * 256 + (uint64_t)(hh == NONE ? 254 : hh >= n ? 255 : s->t[hh].cls));
    f[k++] = F3(229, dir, hp * 256 + dp, PV(dl));
#undef WV
#undef PV
    return k;
}

uint32_t sr_parse_label_feats(const sr_pstate *st, const sr_psent *s, int kind, uint64_t *f)
{
    sr_pword sw, nw;
    pconf c = {st->n, st->stack[st->sp - 1], NONE, st->b, 0, &sw, &nw};
    word_of(st, c.s0, &sw);
    word_of(st, st->b, &nw);
    return conf_label_feats(&c, s, kind, f);
}

/* ---- beam search: configurations sharing their stacks ------------------------- */

static inline pconf conf_of_item(const sr_pitem *it)
{
    const sr_pnode *t = it->top;
    pconf c = {it->n, t ? t->w : NONE, t && t->next ? t->next->w : NONE, it->b,
               t && t->next ? t->next->f.label : 0, t ? &t->f : &no_word, &it->n0};
    return c;
}

uint32_t sr_pitem_feats(const sr_pitem *it, const sr_psent *s, uint64_t *f)
{
    pconf c = conf_of_item(it);
    return conf_feats(&c, s, f);
}

uint32_t sr_pitem_label_feats(const sr_pitem *it, const sr_psent *s, int kind, uint64_t *f)
{
    pconf c = conf_of_item(it);
    return conf_label_feats(&c, s, kind, f);
}

bool sr_pitem_kind_valid(const sr_pitem *it, int k)
{
    if (k == SR_PK_SHIFT)
        return it->b < it->n;
    if (!it->top)
        return false;
    if (k == SR_PK_REDUCE)
        return it->top->f.head != NONE;
    if (k == SR_PK_LEFT)
        return it->top->f.head == NONE;
    return it->b < it->n;
}

/* Word w's facts gain dependent d (relation l), as attach() does. */
static void word_attach(sr_pword *w, uint32_t h, uint32_t d, uint8_t l)
{
    if (d < h) {
        if (w->l1 == NONE || d < w->l1) {
            w->l2 = w->l1;
            w->ll2 = w->ll1;
            w->l1 = d;
            w->ll1 = l;
        } else if (w->l2 == NONE || d < w->l2) {
            w->l2 = d;
            w->ll2 = l;
        }
        if (w->nl < 255)
            w->nl++;
        w->lset |= 1ull << l;
    } else {
        if (w->r1 == NONE || d > w->r1) {
            w->r2 = w->r1;
            w->lr2 = w->lr1;
            w->r1 = d;
            w->lr1 = l;
        } else if (w->r2 == NONE || d > w->r2) {
            w->r2 = d;
            w->lr2 = l;
        }
        if (w->nr < 255)
            w->nr++;
        w->rset |= 1ull << l;
    }
}

/* `to` := `from` after transition a; new stack nodes from bm's pool. */
static void item_apply(sr_pbeam *bm, const sr_pitem *from, int a, sr_pitem *to)
{
    *to = *from;
    if (a == SR_PA_SHIFT || a >= SR_PA_RIGHT) {
        sr_pnode *nb = &bm->pool[bm->npool++];
        nb->w = from->b;
        nb->f = from->n0;
        const sr_pnode *below = from->top;
        if (a >= SR_PA_RIGHT) {
            uint8_t l = (uint8_t)(a - SR_PA_RIGHT + 1);
            sr_pnode *ns = &bm->pool[bm->npool++]; /* s0, with its new right dependent */
            *ns = *from->top;
            word_attach(&ns->f, ns->w, from->b, l);
            nb->f.head = ns->w;
            nb->f.label = l;
            nb->f.hhead = ns->f.head;
            nb->f.hlabel = ns->f.label;
            below = ns;
        }
        nb->next = below;
        to->top = nb;
        to->b = from->b + 1;
        to->n0 = no_word;
    } else if (a == SR_PA_REDUCE) {
        to->top = from->top->next;
    } else { /* left arc: s0 <- b */
        uint8_t l = (uint8_t)(a - SR_PA_LEFT + 1);
        word_attach(&to->n0, from->b, from->top->w, l);
        to->top = from->top->next;
    }
}

bool sr_pbeam_init(sr_pbeam *bm, sr_arena *a, uint32_t n, uint32_t width)
{
    if (width < 1)
        width = 1;
    if (width > SR_PARSE_MAXBEAM)
        width = SR_PARSE_MAXBEAM;
    size_t steps = 2 * (size_t)n + 1;
    bm->width = width;
    bm->cap = n;
    bm->pool = sr_arena_alloc(a, steps * width * 2 * sizeof *bm->pool);
    bm->cur = sr_arena_alloc(a, (size_t)width * 2 * sizeof *bm->cur);
    bm->hist = sr_arena_alloc(a, steps * width * 4);
    if (!bm->pool || !bm->cur || !bm->hist)
        return false;
    bm->nxt = bm->cur + width;
    sr_pbeam_start(bm, 0);
    return true;
}

void sr_pbeam_start(sr_pbeam *bm, uint32_t n)
{
    bm->npool = 0;
    bm->ncur = 1;
    bm->step = 0;
    bm->gold = 0;
    sr_pitem *it = &bm->cur[0];
    it->top = NULL;
    it->n = n;
    it->b = 0;
    it->n0 = no_word;
    it->score = 0;
    it->gold = 1;
}

typedef struct cand {
    int64_t score;
    uint32_t parent;
    int kind, rel;
} cand;

/* Does candidate x come before y (higher score; then earlier parent,
 * kind, relation)? */
static inline bool cand_before(const cand *x, const cand *y)
{
    if (x->score != y->score)
        return x->score > y->score;
    if (x->parent != y->parent)
        return x->parent < y->parent;
    if (x->kind != y->kind)
        return x->kind < y->kind;
    return x->rel < y->rel;
}

/* Inserts c among the best (nb of at most width, best first). */
static inline void cand_keep(cand *best, uint32_t *nb, uint32_t width, const cand *c)
{
    if (*nb == width && !cand_before(c, &best[*nb - 1]))
        return;
    uint32_t q = *nb < width ? (*nb)++ : *nb - 1; /* the worst dropped */
    while (q > 0 && cand_before(c, &best[q - 1])) {
        best[q] = best[q - 1];
        q--;
    }
    best[q] = *c;
}

/* The scores of the features of the step's items already scored: items
 * that differ only where the features do not look (deeper in the stack,
 * older relations) have the same features, and the scorers are functions
 * of the features alone, so their scores are looked up, not probed again.
 * A summary (the keys' sum) is compared first, then all the keys. */
#define MEMO 8
typedef struct memo {
    uint32_t n, next;
    uint64_t sum[MEMO];
    uint32_t nf[MEMO];
    int64_t val[MEMO][SR_PK__COUNT];
    uint64_t f[MEMO][SR_PARSE_MAXFEAT];
} memo;

static inline uint64_t feat_sum(const uint64_t *f, uint32_t n)
{
    uint64_t x = n;
    for (uint32_t k = 0; k < n; k++)
        x += f[k];
    return x;
}

/* The entry holding features f (sum x), or NULL. */
static inline const int64_t *memo_find(const memo *mm, const uint64_t *f, uint32_t n, uint64_t x)
{
    for (uint32_t e = 0; e < mm->n; e++)
        if (mm->sum[e] == x && mm->nf[e] == n && memcmp(mm->f[e], f, (size_t)n * 8) == 0)
            return mm->val[e];
    return NULL;
}

static inline void memo_keep(memo *mm, const uint64_t *f, uint32_t n, uint64_t x, const int64_t *val, int nval)
{
    uint32_t e = mm->n < MEMO ? mm->n++ : mm->next++ % MEMO;
    mm->sum[e] = x;
    mm->nf[e] = n;
    memcpy(mm->f[e], f, (size_t)n * 8);
    memcpy(mm->val[e], val, (size_t)nval * sizeof *val);
}

void sr_pbeam_step(sr_pbeam *bm, const sr_psent *s, const sr_pscorer *sc, int gold_kind, int gold_rel)
{
    cand best[SR_PARSE_MAXBEAM + 1];
    uint32_t nb = 0;
    uint64_t f[SR_PARSE_MAXFEAT];
    memo km, lm; /* the kinds' scores, the relations chosen */
    km.n = km.next = lm.n = lm.next = 0;
    for (uint32_t j = 0; j < bm->ncur; j++) {
        const sr_pitem *it = &bm->cur[j];
        int64_t score[SR_PK__COUNT] = {0, 0, 0, 0};
        uint32_t nvalid = 0;
        for (int k = 0; k < SR_PK__COUNT; k++)
            nvalid += sr_pitem_kind_valid(it, k);
        if (nvalid > 1 || bm->width > 1 || gold_kind >= 0) {
            uint32_t nf = sr_pitem_feats(it, s, f);
            uint64_t x = feat_sum(f, nf);
            const int64_t *had = bm->width > 1 ? memo_find(&km, f, nf, x) : NULL;
            if (had) {
                memcpy(score, had, sizeof score);
            } else {
                sc->kinds(sc->ctx, f, nf, score);
                if (bm->width > 1)
                    memo_keep(&km, f, nf, x, score, SR_PK__COUNT);
            }
        }
        for (int k = 0; k < SR_PK__COUNT; k++) {
            if (!sr_pitem_kind_valid(it, k))
                continue;
            cand c = {it->score + score[k], j, k, 0};
            bool arc = k == SR_PK_LEFT || k == SR_PK_RIGHT;
            if (arc && sr_pitem_root_arc(it, k))
                c.rel = SR_DEP_ROOT;
            else if (arc && sc->labels) {
                /* joint: the arc's SR_PARSE_JOINT best relations compete
                 * (and the gold one, training) */
                int64_t ls[SR_PARSE_NLABELS];
                sc->labels(sc->ctx, f, sr_pitem_label_feats(it, s, k, f), ls);
                int top[SR_PARSE_JOINT + 1], nt = 0;
                for (int l = 0; l < SR_PARSE_NLABELS; l++) {
                    if (l + 1 == SR_DEP_ROOT)
                        continue;
                    if (nt == SR_PARSE_JOINT && ls[l] <= ls[top[nt - 1]])
                        continue;
                    int q = nt < SR_PARSE_JOINT ? nt++ : nt - 1;
                    while (q > 0 && ls[l] > ls[top[q - 1]]) {
                        top[q] = top[q - 1];
                        q--;
                    }
                    top[q] = l;
                }
                bool gold_seen = false;
                for (int q = 0; q < nt; q++) {
                    cand cl = {c.score + ls[top[q]], j, k, top[q] + 1};
                    gold_seen |= cl.rel == gold_rel;
                    cand_keep(best, &nb, bm->width, &cl);
                }
                if (it->gold && k == gold_kind && !gold_seen && gold_rel > 0) {
                    cand cl = {c.score + ls[gold_rel - 1], j, k, gold_rel};
                    cand_keep(best, &nb, bm->width, &cl);
                }
                continue;
            }
            cand_keep(best, &nb, bm->width, &c);
        }
    }
    int gold = -1;
    uint32_t *hist = bm->hist + (size_t)bm->step * bm->width;
    for (uint32_t q = 0; q < nb; q++) {
        const sr_pitem *from = &bm->cur[best[q].parent];
        int kind = best[q].kind, rel = best[q].rel;
        bool g = gold_kind >= 0 && from->gold && kind == gold_kind;
        if ((kind == SR_PK_LEFT || kind == SR_PK_RIGHT) && !rel) {
            if (g)
                rel = gold_rel;
            else {
                uint32_t nf = sr_pitem_label_feats(from, s, kind, f);
                uint64_t x = feat_sum(f, nf);
                const int64_t *had = memo_find(&lm, f, nf, x);
                if (had) {
                    rel = (int)had[0];
                } else {
                    int64_t r = rel = sc->label(sc->ctx, f, nf);
                    memo_keep(&lm, f, nf, x, &r, 1);
                }
            }
        }
        if (sc->labels && g && rel != gold_rel && !sr_pitem_root_arc(from, kind))
            g = false;
        int a = sr_pstate_action(kind, rel);
        item_apply(bm, from, a, &bm->nxt[q]);
        bm->nxt[q].score = best[q].score;
        bm->nxt[q].gold = g;
        if (g)
            gold = (int)q;
        hist[q] = best[q].parent << 8 | (uint32_t)a;
    }
    sr_pitem *t = bm->cur;
    bm->cur = bm->nxt;
    bm->nxt = t;
    bm->ncur = nb;
    bm->step++;
    bm->gold = gold;
}

void sr_pbeam_path(const sr_pbeam *bm, uint32_t j, uint8_t *actions)
{
    for (uint32_t t = bm->step; t-- > 0;) {
        uint32_t h = bm->hist[(size_t)t * bm->width + j];
        actions[t] = (uint8_t)(h & 0xFF);
        j = h >> 8;
    }
}

/* The relation of the arc of `kind` in st: the best scored one (never the
 * root's but from the root). */
static int best_label(const pview *v, const sr_pstate *st, const sr_psent *s, int kind)
{
    if (sr_pstate_root_arc(st, kind))
        return SR_DEP_ROOT;
    uint64_t f[SR_PARSE_MAXFEAT];
    int32_t score[SR_PARSE_NLABELS];
    memset(score, 0, sizeof score);
    add_scores(&v->lab, f, sr_parse_label_feats(st, s, kind, f), score);
    int best = -1;
    for (int l = 0; l < SR_PARSE_NLABELS; l++)
        if (l + 1 != SR_DEP_ROOT && (best < 0 || score[l] > score[best]))
            best = l;
    return best + 1;
}

void sr_parse_decode(const sitrep_model *m, const sr_psent *s, sr_pstate *st)
{
    pview v;
    sr_pstate_reset(st);
    bool have = view_of(m->parw, m->parw_len, &v, false);
    uint64_t f[SR_PARSE_MAXFEAT];
    int32_t score[SR_PK__COUNT];
    while (!sr_pstate_final(st)) {
        memset(score, 0, sizeof score);
        if (have)
            add_kinds(&v.kind, f, sr_parse_feats(st, s, f), score);
        int best = -1;
        for (int k = 0; k < SR_PK__COUNT; k++)
            if ((best < 0 || score[k] > score[best]) && sr_pstate_kind_valid(st, k))
                best = k;
        int rel = 0;
        if (best == SR_PK_LEFT || best == SR_PK_RIGHT)
            rel = have ? best_label(&v, st, s, best) : sr_pstate_root_arc(st, best) ? SR_DEP_ROOT : SR_DEP_DEP;
        sr_pstate_apply(st, sr_pstate_action(best, rel));
    }
    sr_pstate_one_root(st);
}

static void model_kinds(void *ctx, const uint64_t *f, uint32_t n, int64_t *score)
{
    int32_t s32[SR_PK__COUNT];
    add_kinds(&((const pview *)ctx)->kind, f, n, s32);
    for (int k = 0; k < SR_PK__COUNT; k++)
        score[k] = s32[k];
}

static void model_labels(void *ctx, const uint64_t *f, uint32_t n, int64_t *score)
{
    int32_t s32[SR_PARSE_NLABELS];
    memset(s32, 0, sizeof s32);
    add_scores(&((const pview *)ctx)->lab, f, n, s32);
    for (int l = 0; l < SR_PARSE_NLABELS; l++)
        score[l] = s32[l];
}

static int model_label(void *ctx, const uint64_t *f, uint32_t n)
{
    int32_t score[SR_PARSE_NLABELS];
    memset(score, 0, sizeof score);
    add_scores(&((const pview *)ctx)->lab, f, n, score);
    int best = -1;
    for (int l = 0; l < SR_PARSE_NLABELS; l++)
        if (l + 1 != SR_DEP_ROOT && (best < 0 || score[l] > score[best]))
            best = l;
    return best + 1;
}

void sr_parse_decode_beam(const sitrep_model *m, const sr_psent *s, sr_pstate *st, sr_pbeam *bm,
                          uint8_t *actions)
{
    pview v;
    if (!view_of(m->parw, m->parw_len, &v, false) || (bm->width <= 1 && !v.joint)) {
        sr_parse_decode(m, s, st);
        return;
    }
    sr_pscorer sc = {model_kinds, model_label, v.joint ? model_labels : NULL, &v};
    sr_pbeam_start(bm, s->n);
    while (!sr_pitem_final(&bm->cur[0]))
        sr_pbeam_step(bm, s, &sc, -1, 0);
    sr_pbeam_path(bm, 0, actions);
    sr_pstate_reset(st);
    for (uint32_t t = 0; t < bm->step; t++)
        sr_pstate_apply(st, actions[t]);
    sr_pstate_one_root(st);
}

uint32_t sr_parse_default_beam(const sitrep_model *m)
{
    pview v;
    return view_of(m->parw, m->parw_len, &v, false) ? v.beam : 1;
}

/* ---- the stage ---------------------------------------------------------------- */

/* Does sentence [a, b) hold a word whose lemma is an event entry (or starts
 * one)?  The event stage's own test, on single words. */
static bool wants_parse(const sr_doc *d, const sitrep_model *m, uint32_t a, uint32_t b)
{
    for (uint32_t i = a; i < b; i++) {
        if (d->tokens.v[i].kind != SR_TOK_WORD)
            continue;
        const char *tn = sr_tag_name(m, d->tags[i]);
        if (tn[0] != 'V' && tn[0] != 'N')
            continue;
        char lb[64];
        size_t ln = sr_lemma_of(d, m, i, lb, sizeof lb);
        if (!ln)
            continue;
        for (size_t q = 0; q < ln; q++)
            lb[q] = (lb[q] >= 'A' && lb[q] <= 'Z') ? (char)(lb[q] + 32) : lb[q];
        uint32_t h = sr_hash_bytes(lb, ln) & 0xFFFF;
        if (!(m->lex_first[h >> 6] & (1ull << (h & 63))))
            continue;
        bool more = false;
        if (sr_lex_find_event(m, lb, ln, tn[0] == 'V' ? SR_POS_VERB : SR_POS_NOUN, &more) || more)
            return true;
    }
    return false;
}

static sitrep_status alloc_out(sr_doc *d)
{
    if (d->deprels)
        return SITREP_OK;
    uint32_t n = d->tokens.n ? d->tokens.n : 1;
    d->upos = sr_arena_calloc(d->arena, n, 1);
    d->deprels = sr_arena_calloc(d->arena, n, 1);
    d->heads = sr_arena_alloc(d->arena, (size_t)n * 4);
    if (!d->upos || !d->deprels || !d->heads)
        return SITREP_ENOMEM;
    memset(d->heads, 0xFF, (size_t)n * 4);
    return SITREP_OK;
}

/* A sentence's scratch: the configuration, the beam, its path. */
typedef struct scratch {
    sr_pstate st;
    sr_pbeam bm;
    uint8_t *actions;
} scratch;

static bool scratch_init(scratch *sc, sr_arena *a, uint32_t n, uint32_t width)
{
    if (!sr_pstate_init(&sc->st, a, n))
        return false;
    sc->actions = sr_arena_alloc(a, 2 * (size_t)n + 1);
    return sc->actions && sr_pbeam_init(&sc->bm, a, n, width);
}

static uint32_t width_of(const sitrep_model *m, uint32_t width)
{
    if (!width)
        width = sr_parse_default_beam(m);
    return width < 1 ? 1 : width > SR_PARSE_MAXBEAM ? SR_PARSE_MAXBEAM : width;
}

/* Parses [first, first + n) with the scratch (sized for n or more). */
static sitrep_status parse_one(sr_doc *d, const sitrep_model *m, uint32_t first, uint32_t n,
                               scratch *sc)
{
    sr_arena *a = d->arena;
    sr_psent *s = sr_parse_prepare(a, d, first, n);
    if (!s)
        return SITREP_ENOMEM;
    sr_parse_tag(m, s);
    sr_pstate *st = &sc->st;
    st->n = n;
    sr_parse_decode_beam(m, s, st, &sc->bm, sc->actions);
    for (uint32_t k = 0; k < n; k++) {
        d->upos[first + k] = s->t[k].upos;
        d->deprels[first + k] = st->label[k] ? st->label[k] : SR_DEP_DEP;
        d->heads[first + k] = st->head[k] >= n ? SR_NO_HEAD : first + st->head[k];
    }
    sr_arena_shrink_last(a, s->t, (size_t)n * sizeof *s->t, 0);
    return SITREP_OK;
}

sitrep_status sr_parse_sentence(sr_doc *d, const sitrep_model *m, uint32_t first, uint32_t n)
{
    if (!sr_parse_available(m) || !d->tags || first + n > d->tokens.n || n > SR_PARSE_MAXLEN)
        return SITREP_OK;
    sitrep_status stt = alloc_out(d);
    if (stt != SITREP_OK)
        return stt;
    scratch sc;
    if (!scratch_init(&sc, d->arena, n, width_of(m, 0)))
        return SITREP_ENOMEM;
    return n ? parse_one(d, m, first, n, &sc) : SITREP_OK;
}

sitrep_status sr_parse_run(sr_doc *d, const sitrep_model *m, bool all)
{
    return sr_parse_run_beam(d, m, all, 0);
}

sitrep_status sr_parse_run_beam(sr_doc *d, const sitrep_model *m, bool all, uint32_t width)
{
    if (!sr_parse_available(m) || !d->tags)
        return SITREP_OK;
    uint32_t longest = 0;
    for (uint32_t s = 0; s < d->sentences.n; s++)
        if (d->sentences.v[s].tok_n > longest && d->sentences.v[s].tok_n <= SR_PARSE_MAXLEN)
            longest = d->sentences.v[s].tok_n;
    sitrep_status stt = alloc_out(d);
    if (stt != SITREP_OK || !longest)
        return stt;
    scratch sc;
    bool ready = false;
    width = width_of(m, width);
    for (uint32_t s = 0; s < d->sentences.n; s++) {
        const sr_sentence *sn = &d->sentences.v[s];
        if (!sn->tok_n || sn->tok_n > SR_PARSE_MAXLEN)
            continue;
        if (!all && !wants_parse(d, m, sn->tok_first, sn->tok_first + sn->tok_n))
            continue;
        if (!ready && !scratch_init(&sc, d->arena, longest, width))
            return SITREP_ENOMEM;
        ready = true;
        stt = parse_one(d, m, sn->tok_first, sn->tok_n, &sc);
        if (stt != SITREP_OK)
            return stt;
    }
    return SITREP_OK;
}

/* ---- questions about the parse ------------------------------------------------ */

/* The sentence [*a, *b) holding token i (binary search). */
static bool sentence_of(const sr_doc *d, uint32_t i, uint32_t *a, uint32_t *b)
{
    uint32_t lo = 0, hi = d->sentences.n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (d->sentences.v[mid].tok_first + d->sentences.v[mid].tok_n <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == d->sentences.n || d->sentences.v[lo].tok_first > i)
        return false;
    *a = d->sentences.v[lo].tok_first;
    *b = *a + d->sentences.v[lo].tok_n;
    return true;
}

uint32_t sr_parse_dependent(const sr_doc *d, uint32_t h, sr_dep rel)
{
    uint32_t a, b;
    if (!sr_parsed(d, h) || !sentence_of(d, h, &a, &b))
        return NONE;
    for (uint32_t k = a; k < b; k++)
        if (d->heads[k] == h && d->deprels[k] == rel)
            return k;
    return NONE;
}

static bool is_relative(const sr_doc *d, uint32_t k)
{
    if (d->upos[k] != SR_UPOS_PRON && d->upos[k] != SR_UPOS_DET)
        return false;
    const sr_token *t = &d->tokens.v[k];
    const char *w = d->norm + t->nstart;
    size_t n = t->nend - t->nstart;
    static const char *const rel[] = {"who", "whom", "which", "that", NULL};
    for (int q = 0; rel[q]; q++)
        if (strlen(rel[q]) == n && strncasecmp(rel[q], w, n) == 0)
            return true;
    return false;
}

/* A relative pronoun stands for the noun its clause modifies. */
static uint32_t resolve_relative(const sr_doc *d, uint32_t v, uint32_t k)
{
    if (k != NONE && (d->deprels[v] == SR_DEP_ACL_RELCL || d->deprels[v] == SR_DEP_ADVCL_RELCL) &&
        is_relative(d, k) && d->heads[v] != SR_NO_HEAD)
        return d->heads[v];
    return k;
}

uint32_t sr_parse_subject(const sr_doc *d, uint32_t v)
{
    for (int hop = 0; hop < 8 && sr_parsed(d, v); hop++) {
        static const sr_dep subj[] = {SR_DEP_NSUBJ, SR_DEP_NSUBJ_PASS, SR_DEP_CSUBJ, SR_DEP_CSUBJ_PASS,
                                      SR_DEP_NSUBJ_OUTER};
        uint32_t a, b;
        if (!sentence_of(d, v, &a, &b))
            return NONE;
        for (int q = 0; q < 5; q++)
            for (uint32_t k = a; k < b; k++)
                if (d->heads[k] == v && d->deprels[k] == subj[q])
                    return resolve_relative(d, v, k);
        uint32_t h = d->heads[v];
        if (h == SR_NO_HEAD)
            return NONE;
        switch (d->deprels[v]) {
        case SR_DEP_CONJ: /* "X attacked and seized Y" */
            v = h;
            break;
        case SR_DEP_XCOMP: { /* "X tried to seize", "X persuaded Y to go" */
            uint32_t o = sr_parse_dependent(d, h, SR_DEP_OBJ);
            if (o != NONE)
                return o;
            v = h;
            break;
        }
        case SR_DEP_ACL: /* "rebels attacking the town", "a convoy seized by ..." */
            return h;
        default:
            return NONE;
        }
    }
    return NONE;
}

uint32_t sr_parse_object(const sr_doc *d, uint32_t v)
{
    uint32_t o = sr_parse_dependent(d, v, SR_DEP_OBJ);
    if (o == NONE)
        o = sr_parse_dependent(d, v, SR_DEP_IOBJ);
    return o == NONE ? NONE : resolve_relative(d, v, o);
}

uint32_t sr_parse_agent(const sr_doc *d, uint32_t v)
{
    return sr_parse_dependent(d, v, SR_DEP_OBL_AGENT);
}

bool sr_parse_is_passive(const sr_doc *d, uint32_t v)
{
    if (!sr_parsed(d, v))
        return false;
    if (sr_parse_dependent(d, v, SR_DEP_AUX_PASS) != NONE ||
        sr_parse_dependent(d, v, SR_DEP_NSUBJ_PASS) != NONE ||
        sr_parse_dependent(d, v, SR_DEP_CSUBJ_PASS) != NONE)
        return true;
    if (d->deprels[v] == SR_DEP_ACL && d->tags) {
        const sr_token *t = &d->tokens.v[v];
        size_t n = t->nend - t->nstart;
        /* a participle after its noun: "-ed"/"-en" forms, or an agent */
        return sr_parse_agent(d, v) != NONE ||
               (n > 2 && (memcmp(d->norm + t->nend - 2, "ed", 2) == 0 ||
                          memcmp(d->norm + t->nend - 2, "en", 2) == 0));
    }
    return false;
}

uint32_t sr_parse_governor(const sr_doc *d, uint32_t i)
{
    if (!sr_parsed(d, i))
        return NONE;
    uint32_t k = d->heads[i];
    for (int hop = 0; hop < SR_PARSE_MAXLEN && k != SR_NO_HEAD; hop++) {
        if (d->upos[k] == SR_UPOS_VERB || sr_parse_dependent(d, k, SR_DEP_COP) != NONE)
            return k;
        k = d->heads[k];
    }
    return NONE;
}

/* ---- CoNLL-U --------------------------------------------------------------------- */

/* The next tab-separated field of *p (NUL-terminated in place). */
static char *field(char **p)
{
    char *s = *p;
    if (!s)
        return NULL;
    char *tab = strchr(s, '\t');
    if (tab) {
        *tab = 0;
        *p = tab + 1;
    } else {
        *p = NULL;
    }
    return s;
}

int sr_conllu_read(FILE *in, sr_arena *a, sr_conllu_sent *s, uint64_t *line)
{
    memset(s, 0, sizeof *s);
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    int got = 0;
    while ((len = getline(&buf, &cap, in)) >= 0) {
        (*line)++;
        while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            buf[--len] = 0;
        if (len == 0) {
            if (got)
                break;
            continue;
        }
        got = 1;
        if (buf[0] == '#') {
            const char **c = SR_VEC_PUSH(a, &s->comments);
            if (!c || !(*c = sr_arena_strndup(a, buf, (size_t)len)))
                goto fail;
            continue;
        }
        char *p = buf;
        char *cols[10];
        for (int k = 0; k < 10; k++)
            cols[k] = field(&p);
        if (!cols[9])
            goto fail;
        if (strchr(cols[0], '-') || strchr(cols[0], '.'))
            continue; /* a multiword token's range, or an empty node */
        char *end;
        unsigned long id = strtoul(cols[0], &end, 10);
        if (*end || id != s->w.n + 1)
            goto fail;
        sr_conllu_word *w = SR_VEC_PUSH(a, &s->w);
        if (!w)
            goto fail;
        w->form = sr_arena_strndup(a, cols[1], strlen(cols[1]));
        w->upos = sr_arena_strndup(a, cols[3], strlen(cols[3]));
        w->xpos = sr_arena_strndup(a, cols[4], strlen(cols[4]));
        w->deprel = sr_arena_strndup(a, cols[7], strlen(cols[7]));
        unsigned long h = strtoul(cols[6], &end, 10);
        w->head = *end || cols[6][0] == 0 ? UINT32_MAX : (uint32_t)h;
        if (!w->form || !w->upos || !w->xpos || !w->deprel || !w->form[0])
            goto fail;
    }
    free(buf);
    return got && s->w.n ? 1 : got ? -1 : 0;
fail:
    free(buf);
    return -1;
}

/* A token's kind and flags, as the segmenter would give them. */
static void classify(sr_token *t, const char *w, size_t n, bool *open_quote)
{
    bool digit = false, alpha = false, other = false, up = false, low = false;
    size_t nup = 0;
    for (size_t q = 0; q < n; q++) {
        unsigned char c = (unsigned char)w[q];
        if (c >= '0' && c <= '9')
            digit = true;
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            alpha = true;
            up |= c <= 'Z';
            nup += c <= 'Z';
            low |= c >= 'a';
        } else if (c >= 0x80)
            alpha = true;
        else if (c != '-' && c != '.' && c != '\'' && c != ',')
            other = true;
    }
    uint16_t fl = 0;
    if (n && w[0] >= 'A' && w[0] <= 'Z')
        fl |= SR_TF_CAP;
    if (nup >= 2 && !low)
        fl |= SR_TF_ALLCAPS;
    (void)up;
    if (!alpha && !digit) {
        bool sym = strchr("$%&@#+=<>*/\\^|~", w[0]) != NULL;
        t->kind = sym ? SR_TOK_SYMBOL : SR_TOK_PUNCT;
        if (w[0] == '"' || w[0] == '`' || (n == 1 && w[0] == '\'') || (n == 2 && w[0] == '\'' && w[1] == '\'')) {
            fl |= SR_TF_QUOTE;
            fl |= (w[0] == '`' || *open_quote) ? SR_TF_OPEN : SR_TF_CLOSE;
            *open_quote = !(fl & SR_TF_OPEN);
        }
        if (w[0] == '(' || w[0] == '[' || w[0] == '{')
            fl |= SR_TF_OPEN;
        if (w[0] == ')' || w[0] == ']' || w[0] == '}')
            fl |= SR_TF_CLOSE;
        if (n == 1 && (w[0] == '.' || w[0] == '!' || w[0] == '?'))
            fl |= SR_TF_SENT_END;
    } else if (digit && !alpha) {
        t->kind = SR_TOK_NUMBER;
    } else if ((n > 4 && strncasecmp(w, "http", 4) == 0) || (n > 4 && strncasecmp(w, "www.", 4) == 0) ||
               (memchr(w, '@', n) && memchr(w, '.', n))) {
        t->kind = SR_TOK_URL;
    } else {
        t->kind = SR_TOK_WORD;
        if (w[0] == '\'' || (n == 3 && strncasecmp(w, "n't", 3) == 0))
            fl |= SR_TF_CLITIC;
        if (n > 1 && w[n - 1] == '.')
            fl |= SR_TF_ABBREV;
        if (memchr(w + 1, '-', n > 1 ? n - 2 : 0))
            fl |= SR_TF_HYPHEN;
    }
    (void)other;
    t->flags = fl;
}

sitrep_status sr_parse_doc_from_words(sr_doc *d, sr_arena *a, const sitrep_model *m,
                                      const sr_conllu_word *w, uint32_t n)
{
    memset(d, 0, sizeof *d);
    d->arena = a;
    d->id = "conllu";
    size_t len = 0;
    for (uint32_t k = 0; k < n; k++)
        len += strlen(w[k].form) + 1;
    if (len > UINT32_MAX / 2)
        return SITREP_ELIMIT;
    char *text = sr_arena_alloc(a, len + 1);
    uint32_t *starts = sr_arena_alloc(a, ((size_t)n + 1) * 4);
    if (!text || !starts)
        return SITREP_ENOMEM;
    size_t at = 0;
    for (uint32_t k = 0; k < n; k++) {
        size_t fl = strlen(w[k].form);
        if (k)
            text[at++] = ' ';
        starts[k] = (uint32_t)at;
        memcpy(text + at, w[k].form, fl);
        at += fl;
    }
    starts[n] = (uint32_t)at + 1;
    text[at] = 0;
    d->text = text;
    d->len = (uint32_t)at;
    sitrep_status st = sr_text_run(d);
    if (st != SITREP_OK)
        return st;
    if (!sr_doc_add_block(d, 0, d->len, SR_BLOCK_BODY))
        return SITREP_ENOMEM;
    bool open_quote = true;
    uint32_t v = 0; /* the view offset, walked forward with the text */
    for (uint32_t k = 0; k < n; k++) {
        sr_token *t = SR_VEC_PUSH(a, &d->tokens);
        if (!t)
            return SITREP_ENOMEM;
        t->start = starts[k];
        t->end = starts[k] + (uint32_t)strlen(w[k].form);
        if (!d->map) {
            t->nstart = t->start;
            t->nend = t->end;
        } else {
            while (v < d->nlen && d->map[v] < t->start)
                v++;
            t->nstart = v;
            while (v < d->nlen && d->map[v] < t->end)
                v++;
            t->nend = v;
        }
        if (t->nend == t->nstart) { /* a form normalization removed: keep its bytes */
            t->nstart = t->start < d->nlen ? t->start : 0;
            t->nend = t->nstart;
        }
        classify(t, d->norm + t->nstart, t->nend - t->nstart, &open_quote);
    }
    sr_sentence *s = SR_VEC_PUSH(a, &d->sentences);
    if (!s)
        return SITREP_ENOMEM;
    s->start = 0;
    s->end = d->len;
    s->tok_first = 0;
    s->tok_n = n;
    if (m) {
        st = sr_tag_run(d, m);
        if (st == SITREP_OK)
            st = sr_lemma_run(d, m);
    }
    return st;
}
