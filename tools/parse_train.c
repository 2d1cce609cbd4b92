/*
 * parse_train.c: learns the parser's weights (src/lang/parse.c) from
 * Universal Dependencies CoNLL-U files with averaged perceptrons.
 *
 * usage: parse_train MODEL TRAIN.conllu DEV.conllu OUT.parw.gz [TAG_EPOCHS PARSE_EPOCHS PRUNE BEAM JOINT]
 *
 * Each sentence's words (the FORM column; multiword-token ranges and empty
 * nodes skipped) become a document of sitrep's own (tokens, tag.c's Penn
 * tags), and the features are parse.c's own.
 *   1. The tagger: classes are the (UPOS, XPOS) pairs seen at least
 *      MIN_PAIR times (a rarer pair counts as its UPOS's most frequent
 *      one); greedy left to right, as it runs.  The training set is tagged
 *      by jackknifing (FOLDS folds, each tagged by a tagger learned from
 *      the others), so the parser learns on tags as good as it will get.
 *   2. The parser: arc-eager with the root last.  With BEAM > 1 (8, the
 *      default) the kinds of transition are learned globally: a
 *      structured perceptron over the whole transition sequence, decoded
 *      with a beam of BEAM items (parse.c's own sr_pbeam_step), updated at
 *      the step of maximal violation (Huang, Fayong & Guo 2012) against the
 *      gold path (the dynamic oracle's zero-cost transitions, left, right,
 *      reduce, shift by preference); the relations are learned locally at
 *      each arc of the gold path (or, JOINT, globally with the kinds, their
 *      scores added in the beam: worse at width 8, see docs/parse.md).
 *      With BEAM 1, greedy: the kinds learned with the dynamic oracle of
 *      Goldberg & Nivre (2012) (the best scored zero-cost kind is the gold
 *      one; after the first epoch the parser follows its own prediction
 *      with probability EXPLORE), a relation at every arc whose head is
 *      right.  Features seen fewer than MIN_FEAT times along the oracle's
 *      paths are left out.
 * Weights are averaged, scaled to int16 per table, and rounded; kinds
 * whose weights all round below PRUNE (600 of 32000) are dropped; tagger
 * and relation features keep their non-zero weights (a run) or a dense
 * row.  The output (gzip) is the PARW section (parse.h), with RUN_BEAM
 * as the run-time default width.  After training, the dev set is tagged
 * and parsed through parse.c's own decoder with the weights as written, at
 * beam widths 1 to 16, and UPOS, UAS and LAS printed (punctuation
 * included).  Deterministic: a fixed seed, fixed orders, one thread.
 */
#include "lang/lang.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <zlib.h>

#define MIN_PAIR 5
#define FOLDS 4
#define EXPLORE 0.9
#define MIN_FEAT 2
#define VOCAB_MIN 2 /* a word seen fewer times is the parser's unknown word */
/* The beam width the parser runs with by default (written in the section;
 * a run-time setting): on EWT dev, kinds learned with a beam of 8 parse
 * with 4 within 0.05 of their UAS at 8, 1.7 times as fast. */
#define RUN_BEAM 4
#define NK SR_PK__COUNT
#define NL SR_PARSE_NLABELS

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "parse_train: %s: %s\n", what, msg);
    exit(1);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* ---- weights: key -> row of `width` int32 weights and their sums ---------- */

typedef struct wtrain {
    uint32_t width;
    uint64_t *keys; /* slot keys (0: empty) */
    uint32_t *row;  /* slot: row + 1, 0 none yet */
    uint32_t *cnt;  /* slot: times seen in the counting pass */
    size_t mask, nkeys;
    int32_t *w;
    int64_t *acc;
    size_t nrows, caprows;
    bool closed; /* only counted keys with cnt >= MIN_FEAT get rows */
} wtrain;

static void wt_init(wtrain *t, uint32_t width, size_t slots)
{
    memset(t, 0, sizeof *t);
    t->width = width;
    t->keys = calloc(slots, 8);
    t->row = calloc(slots, 4);
    t->cnt = calloc(slots, 4);
    t->mask = slots - 1;
    if (!t->keys || !t->row || !t->cnt)
        die("memory", "out of memory");
}

static void wt_free(wtrain *t)
{
    free(t->keys);
    free(t->row);
    free(t->cnt);
    free(t->w);
    free(t->acc);
    memset(t, 0, sizeof *t);
}

static inline uint64_t nz(uint64_t k) { return k ? k : 1; }

/* The slot of key, inserted when `add` (SIZE_MAX when absent). */
static size_t wt_slot(wtrain *t, uint64_t key, bool add)
{
    key = nz(key);
    size_t i = (size_t)(key >> 20) & t->mask;
    while (t->keys[i]) {
        if (t->keys[i] == key)
            return i;
        i = (i + 1) & t->mask;
    }
    if (!add)
        return SIZE_MAX;
    if (t->nkeys >= (t->mask + 1) / 2)
        die("features", "too many features");
    t->keys[i] = key;
    t->nkeys++;
    return i;
}

static int32_t *wt_row(wtrain *t, uint64_t key, bool add, int64_t **acc)
{
    size_t s = wt_slot(t, key, add && !t->closed);
    if (s == SIZE_MAX)
        return NULL;
    if (!t->row[s]) {
        if (!add || (t->closed && t->cnt[s] < MIN_FEAT))
            return NULL;
        if (t->nrows == t->caprows) {
            t->caprows = t->caprows ? t->caprows * 2 : 65536;
            t->w = realloc(t->w, t->caprows * t->width * 4);
            t->acc = realloc(t->acc, t->caprows * t->width * 8);
            if (!t->w || !t->acc)
                die("memory", "out of memory");
        }
        memset(t->w + t->nrows * t->width, 0, (size_t)t->width * 4);
        memset(t->acc + t->nrows * t->width, 0, (size_t)t->width * 8);
        t->row[s] = (uint32_t)++t->nrows;
    }
    if (acc)
        *acc = t->acc + (size_t)(t->row[s] - 1) * t->width;
    return t->w + (size_t)(t->row[s] - 1) * t->width;
}

static void wt_scores(wtrain *t, const uint64_t *f, uint32_t n, int64_t *score)
{
    for (uint32_t k = 0; k < n; k++) {
        int32_t *r = wt_row(t, f[k], false, NULL);
        if (r)
            for (uint32_t c = 0; c < t->width; c++)
                score[c] += r[c];
    }
}

static void wt_update(wtrain *t, const uint64_t *f, uint32_t n, uint32_t good, uint32_t bad, int64_t step)
{
    for (uint32_t k = 0; k < n; k++) {
        int64_t *acc;
        int32_t *r = wt_row(t, f[k], true, &acc);
        if (!r)
            continue;
        r[good]++;
        acc[good] += step;
        r[bad]--;
        acc[bad] -= step;
    }
}

/* ---- the section writer ------------------------------------------------------ */

typedef struct obuf {
    unsigned char *p;
    size_t n, cap;
} obuf;

static void put(obuf *b, const void *p, size_t n)
{
    if (b->n + n > b->cap) {
        while (b->n + n > b->cap)
            b->cap = b->cap ? b->cap * 2 : 1 << 20;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            die("memory", "out of memory");
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
}
static void put32(obuf *b, uint32_t v) { put(b, &v, 4); }
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Averages (after `steps` steps), scales and writes one table; returns
 * the entries kept. */
static bool verbose = true;

static size_t write_table(obuf *b, wtrain *t, int64_t steps, const char *name)
{
    size_t nw = t->nrows * t->width;
    float *avg = malloc((nw ? nw : 1) * sizeof *avg);
    if (!avg)
        die("memory", "out of memory");
    float maxw = 0;
    for (size_t i = 0; i < nw; i++) {
        avg[i] = (float)((double)t->w[i] - (double)t->acc[i] / (double)steps);
        if (fabsf(avg[i]) > maxw)
            maxw = fabsf(avg[i]);
    }
    float scale = maxw > 0 ? 32000.0f / maxw : 1.0f;
    /* the features with any weight left, in key order */
    uint64_t *keys = malloc((t->nrows + 1) * 16);
    size_t nk = 0, nent = 0;
    for (size_t s = 0; s <= t->mask; s++) {
        if (!t->row[s])
            continue;
        const float *r = avg + (size_t)(t->row[s] - 1) * t->width;
        size_t ne = 0;
        for (uint32_t c = 0; c < t->width; c++)
            ne += lrintf(r[c] * scale) != 0;
        if (!ne)
            continue;
        keys[2 * nk] = t->keys[s];
        keys[2 * nk + 1] = s;
        nk++;
        nent += ne;
    }
    qsort(keys, nk, 16, cmp_u64);
    uint32_t nslots = 16;
    while (nslots < 2 * nk)
        nslots <<= 1;
    uint32_t *slot = calloc(nslots, 8);
    size_t nwords = 1 + nk + nent + nk * ((t->width + 1) / 2), ndense = 0;
    uint32_t *ent = calloc(nwords, 4);
    if (!slot || !ent)
        die("memory", "out of memory");
    size_t e = 1;
    for (size_t k = 0; k < nk; k++) {
        uint64_t key = keys[2 * k];
        const float *r = avg + (size_t)(t->row[keys[2 * k + 1]] - 1) * t->width;
        uint32_t at = (uint32_t)e++;
        size_t ne = 0;
        for (uint32_t c = 0; c < t->width; c++)
            ne += lrintf(r[c] * scale) != 0;
        if (ne * 4 >= t->width) { /* dense: one i16 a class */
            uint32_t m = (t->width + 1) / 2;
            int16_t *w16 = (int16_t *)(void *)(ent + e);
            for (uint32_t c = 0; c < t->width; c++)
                w16[c] = (int16_t)lrintf(r[c] * scale);
            e += m;
            ent[at] = 0x80000000u | m;
            ndense++;
        } else {
            for (uint32_t c = 0; c < t->width; c++) {
                long q = lrintf(r[c] * scale);
                if (q)
                    ent[e++] = c << 16 | (uint16_t)(int16_t)q;
            }
            ent[at] = (uint32_t)(e - at - 1);
        }
        uint32_t sl = (uint32_t)(key >> 32) & (nslots - 1);
        while (slot[2 * sl + 1])
            sl = (sl + 1) & (nslots - 1);
        slot[2 * sl] = (uint32_t)key;
        slot[2 * sl + 1] = at;
    }
    nwords = e;
    put32(b, (uint32_t)nk);
    put32(b, nslots);
    put32(b, (uint32_t)nwords);
    put(b, &scale, 4);
    put(b, slot, (size_t)nslots * 8);
    put(b, ent, nwords * 4);
    if (verbose)
        fprintf(stderr, "parse_train: %s: %zu features kept of %zu, %zu weights, %zu features dense\n", name, nk,
                t->nrows, nent, ndense);
    free(avg);
    free(keys);
    free(slot);
    free(ent);
    return nent;
}

/* Averages, scales and writes the transition kinds' table (dense, the
 * weights in the slots); a feature whose weights all round below `prune`
 * is left out.  Returns the features kept. */
static size_t write_kinds(obuf *b, wtrain *t, int64_t steps, int prune)
{
    size_t nw = t->nrows * NK;
    float *avg = malloc((nw ? nw : 1) * sizeof *avg);
    if (!avg)
        die("memory", "out of memory");
    float maxw = 0;
    for (size_t i = 0; i < nw; i++) {
        avg[i] = (float)((double)t->w[i] - (double)t->acc[i] / (double)steps);
        if (fabsf(avg[i]) > maxw)
            maxw = fabsf(avg[i]);
    }
    float scale = maxw > 0 ? 32000.0f / maxw : 1.0f;
    uint64_t *keys = malloc((t->nrows + 1) * 16);
    size_t nk = 0;
    for (size_t s = 0; s <= t->mask; s++) {
        if (!t->row[s])
            continue;
        const float *r = avg + (size_t)(t->row[s] - 1) * NK;
        long big = 0;
        for (uint32_t c = 0; c < NK; c++)
            if (labs(lrintf(r[c] * scale)) > big)
                big = labs(lrintf(r[c] * scale));
        if (big < prune || big == 0)
            continue;
        keys[2 * nk] = t->keys[s];
        keys[2 * nk + 1] = s;
        nk++;
    }
    qsort(keys, nk, 16, cmp_u64);
    uint32_t nslots = 16;
    while (nslots < nk + nk / 3)
        nslots <<= 1;
    struct { uint32_t fp; int16_t w[NK]; } *slot = calloc(nslots, sizeof *slot);
    if (!slot)
        die("memory", "out of memory");
    for (size_t k = 0; k < nk; k++) {
        uint64_t key = keys[2 * k];
        const float *r = avg + (size_t)(t->row[keys[2 * k + 1]] - 1) * NK;
        uint32_t sl = (uint32_t)(key >> 32) & (nslots - 1);
        while (slot[sl].fp)
            sl = (sl + 1) & (nslots - 1);
        slot[sl].fp = (uint32_t)key | 1u;
        for (uint32_t c = 0; c < NK; c++)
            slot[sl].w[c] = (int16_t)lrintf(r[c] * scale);
    }
    put32(b, (uint32_t)nk);
    put32(b, nslots);
    put(b, &scale, 4);
    put32(b, 0);
    put(b, slot, (size_t)nslots * sizeof *slot);
    if (verbose)
        fprintf(stderr, "parse_train: kinds: %zu features kept of %zu (prune %d), %u slots\n", nk, t->nrows,
                prune, nslots);
    free(avg);
    free(keys);
    free(slot);
    return nk;
}

/* ---- sentences ---------------------------------------------------------------- */

typedef struct sent {
    uint32_t n;
    sr_psent ps;
    uint16_t *pair;  /* gold (UPOS, XPOS) pair index */
    uint8_t *gupos;  /* gold UPOS */
    uint8_t *gcls;   /* gold class */
    uint32_t *gh;    /* gold head: 0..n-1, n the root */
    uint8_t *gl;     /* gold relation */
    uint8_t *jk;     /* the class its held-out tagger gave (jackknifing) */
} sent;

#define MAXPAIRS 1024
static char pairs[MAXPAIRS][24];
static uint32_t pair_count[MAXPAIRS], npairs;
static int16_t pair_class[MAXPAIRS];
static uint8_t class_upos[SR_PARSE_MAXCLASS];
static char class_xpos[SR_PARSE_MAXCLASS][8];
static uint32_t nclasses;

static uint16_t pair_of(const char *upos, const char *xpos, bool train)
{
    char key[24];
    snprintf(key, sizeof key, "%.8s|%.12s", upos, xpos);
    for (uint32_t k = 0; k < npairs; k++)
        if (strcmp(pairs[k], key) == 0) {
            pair_count[k] += train;
            return (uint16_t)k;
        }
    if (npairs == MAXPAIRS)
        die("pairs", "too many (UPOS, XPOS) pairs");
    memcpy(pairs[npairs], key, sizeof key);
    pair_count[npairs] = train;
    return (uint16_t)npairs++;
}

static sent *read_set(const char *path, const sitrep_model *m, sr_arena *keep, size_t *nout,
                      bool train, size_t *ntok)
{
    FILE *in = fopen(path, "r");
    if (!in)
        die(path, "cannot open");
    size_t n = 0, cap = 0;
    sent *v = NULL;
    sr_arena scratch;
    sr_arena_init(&scratch);
    uint64_t line = 0;
    sr_conllu_sent cs;
    int r;
    *ntok = 0;
    while ((r = sr_conllu_read(in, &scratch, &cs, &line)) > 0) {
        sr_doc d;
        if (sr_parse_doc_from_words(&d, &scratch, m, cs.w.v, cs.w.n) != SITREP_OK)
            die(path, "cannot make a document");
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            v = realloc(v, cap * sizeof *v);
            if (!v)
                die("memory", "out of memory");
        }
        sent *s = &v[n++];
        uint32_t k = cs.w.n;
        s->n = k;
        sr_psent *ps = sr_parse_prepare(keep, &d, 0, k);
        s->pair = sr_arena_alloc(keep, (size_t)k * 2 + 2);
        s->gupos = sr_arena_alloc(keep, k + 1);
        s->gcls = sr_arena_alloc(keep, k + 1);
        s->gh = sr_arena_alloc(keep, (size_t)k * 4 + 4);
        s->gl = sr_arena_alloc(keep, k + 1);
        s->jk = sr_arena_alloc(keep, k + 1);
        if (!ps || !s->jk || !s->pair || !s->gupos || !s->gcls || !s->gh || !s->gl)
            die("memory", "out of memory");
        s->ps = *ps;
        for (uint32_t i = 0; i < k; i++) {
            const sr_conllu_word *w = &cs.w.v[i];
            s->pair[i] = pair_of(w->upos, w->xpos, train);
            s->gupos[i] = (uint8_t)sr_upos_find(w->upos, strlen(w->upos));
            if (w->head == UINT32_MAX || w->head > k)
                die(path, "a word without a head");
            s->gh[i] = w->head == 0 ? k : w->head - 1;
            s->gl[i] = (uint8_t)sr_dep_find(w->deprel, strlen(w->deprel));
            if (w->head == 0)
                s->gl[i] = SR_DEP_ROOT;
            else if (s->gl[i] == SR_DEP_ROOT)
                s->gl[i] = SR_DEP_DEP;
        }
        *ntok += k;
        sr_arena_reset(&scratch);
    }
    if (r < 0) {
        char msg[64];
        snprintf(msg, sizeof msg, "malformed CoNLL-U near line %llu", (unsigned long long)line);
        die(path, msg);
    }
    sr_arena_free(&scratch);
    fclose(in);
    *nout = n;
    return v;
}

/* Classes: the frequent pairs, most frequent first; the others fall to
 * their UPOS's most frequent class. */
static void make_classes(void)
{
    uint32_t order[MAXPAIRS];
    for (uint32_t k = 0; k < npairs; k++)
        order[k] = k;
    for (uint32_t a = 1; a < npairs; a++) /* insertion sort: count desc, name */
        for (uint32_t b = a; b > 0; b--) {
            uint32_t x = order[b - 1], y = order[b];
            if (pair_count[x] > pair_count[y] ||
                (pair_count[x] == pair_count[y] && strcmp(pairs[x], pairs[y]) < 0))
                break;
            order[b - 1] = y;
            order[b] = x;
        }
    int upos_class[SR_UPOS__COUNT];
    for (int u = 0; u < SR_UPOS__COUNT; u++)
        upos_class[u] = -1;
    for (uint32_t q = 0; q < npairs; q++) {
        uint32_t k = order[q];
        const char *bar = strchr(pairs[k], '|');
        sr_upos u = sr_upos_find(pairs[k], (size_t)(bar - pairs[k]));
        if ((pair_count[k] >= MIN_PAIR || upos_class[u] < 0) && nclasses < SR_PARSE_MAXCLASS &&
            pair_count[k] > 0) {
            class_upos[nclasses] = (uint8_t)u;
            snprintf(class_xpos[nclasses], 8, "%.7s", bar + 1);
            if (upos_class[u] < 0)
                upos_class[u] = (int)nclasses;
            pair_class[k] = (int16_t)nclasses++;
        } else {
            pair_class[k] = (int16_t)(upos_class[u] >= 0 ? upos_class[u] : 0);
        }
    }
    /* dev-only pairs: their UPOS's class */
    for (uint32_t k = 0; k < npairs; k++)
        if (!pair_count[k]) {
            const char *bar = strchr(pairs[k], '|');
            sr_upos u = sr_upos_find(pairs[k], (size_t)(bar - pairs[k]));
            pair_class[k] = (int16_t)(upos_class[u] >= 0 ? upos_class[u] : 0);
        }
}

/* ---- the tagger ------------------------------------------------------------------ */

static int64_t tag_steps;

/* Tags s greedily with t, learning when `learn`; returns the wrong tags. */
static uint32_t tag_pass(wtrain *t, sent *s, bool learn)
{
    uint64_t f[SR_PARSE_MAXFEAT];
    int64_t score[SR_PARSE_MAXCLASS];
    uint32_t wrong = 0;
    for (uint32_t i = 0; i < s->n; i++) {
        uint32_t nf = sr_parse_tag_feats(&s->ps, i, f);
        memset(score, 0, sizeof score);
        wt_scores(t, f, nf, score);
        uint32_t best = 0;
        for (uint32_t c = 1; c < nclasses; c++)
            if (score[c] > score[best])
                best = c;
        tag_steps++;
        if (best != s->gcls[i]) {
            wrong++;
            if (learn)
                wt_update(t, f, nf, s->gcls[i], best, tag_steps);
        }
        /* the classes before are the tagger's own, as when it runs */
        uint32_t c = best;
        s->ps.t[i].cls = (uint8_t)c;
        s->ps.t[i].upos = class_upos[c];
    }
    return wrong;
}

static void shuffle(uint32_t *order, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = next_rand() % i;
        uint32_t x = order[i - 1];
        order[i - 1] = order[j];
        order[j] = x;
    }
}

/* Trains a tagger on the sentences of `set` not in fold `skip` (-1: all). */
static void train_tagger(wtrain *t, sent *set, size_t n, int skip, int epochs)
{
    uint32_t *order = malloc(n * 4);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if ((int)(i % FOLDS) != skip)
            order[m++] = (uint32_t)i;
    wt_init(t, nclasses, 1 << 23);
    tag_steps = 0;
    for (int e = 0; e < epochs; e++) {
        shuffle(order, m);
        size_t wrong = 0, tot = 0;
        for (size_t k = 0; k < m; k++) {
            wrong += tag_pass(t, &set[order[k]], true);
            tot += set[order[k]].n;
        }
        if (skip < 0)
            fprintf(stderr, "parse_train: tagger epoch %d: %.2f%% wrong\n", e + 1, 100.0 * (double)wrong / (double)tot);
    }
    free(order);
}

/* Makes t's current weights its averaged ones (for tagging held-out data). */
static void average_in_place(wtrain *t, int64_t steps)
{
    for (size_t i = 0; i < t->nrows * t->width; i++)
        t->w[i] = (int32_t)lrint(((double)t->w[i] - (double)t->acc[i] / (double)steps) * 64.0);
}

/* ---- the parser ---------------------------------------------------------------------- */

/* Costs of the four kinds of transition in st for gold heads gh (labels
 * apart): the gold arcs each makes unreachable. */
static void costs(const sr_pstate *st, const sent *s, const uint8_t *instack, int *c)
{
    uint32_t n = st->n, b = st->b;
    const uint32_t *gh = s->gh;
    c[0] = c[1] = c[2] = c[3] = 0;
    uint32_t s0 = st->sp ? st->stack[st->sp - 1] : UINT32_MAX;
    if (b < n) { /* SHIFT: b's head or dependents in the stack */
        for (uint32_t q = 0; q < st->sp; q++) {
            uint32_t k = st->stack[q];
            c[0] += gh[b] == k;
            c[0] += gh[k] == b && st->head[k] == UINT32_MAX;
        }
    }
    if (s0 == UINT32_MAX)
        return;
    for (uint32_t k = b; k < n; k++) /* REDUCE, LEFT: s0's dependents in the buffer */
        c[1] += gh[k] == s0;
    c[2] = c[1] + (gh[s0] != b && gh[s0] >= b); /* LEFT: s0's head further on */
    if (b < n) { /* RIGHT: b's head elsewhere, b's dependents in the stack */
        c[3] = gh[b] != s0 && (gh[b] > b || (gh[b] < n && instack[gh[b]]));
        for (uint32_t q = 0; q < st->sp; q++) {
            uint32_t k = st->stack[q];
            c[3] += gh[k] == b && st->head[k] == UINT32_MAX;
        }
    }
}

static int64_t par_steps, lab_steps;
static uint32_t beam_width = 1; /* the width the kinds are learned with */
static bool joint;              /* the relations learned in the beam, globally, with the kinds */

/* One sentence through the parser (kinds table t, relations table lt);
 * learns when `learn`; returns the updates made.  The kind of each
 * transition is learned from the dynamic oracle; the relation of every arc
 * that is right (its head the gold one) from the gold relation. */
static uint32_t parse_pass(wtrain *t, wtrain *lt, sent *s, sr_pstate *st, uint8_t *instack, bool learn,
                           bool explore, bool count_only)
{
    uint64_t f[SR_PARSE_MAXFEAT], lf[SR_PARSE_MAXFEAT];
    int64_t score[NK], lscore[NL];
    uint32_t updates = 0;
    sr_pstate_reset(st);
    memset(instack, 0, s->n + 1);
    while (!sr_pstate_final(st)) {
        uint32_t nf = sr_parse_feats(st, &s->ps, f);
        int cost[NK];
        costs(st, s, instack, cost);
        uint32_t s0 = st->sp ? st->stack[st->sp - 1] : UINT32_MAX;
        int minc = 1 << 30;
        for (int k = 0; k < NK; k++) {
            if (!sr_pstate_kind_valid(st, k))
                cost[k] = -1;
            else if (cost[k] < minc)
                minc = cost[k];
        }
        int pred = -1, gold = -1;
        if (count_only) {
            /* the static path: left, right, reduce, shift by preference */
            static const int pref[] = {SR_PK_LEFT, SR_PK_RIGHT, SR_PK_REDUCE, SR_PK_SHIFT};
            for (int q = 0; q < 4 && gold < 0; q++)
                if (cost[pref[q]] == minc)
                    gold = pref[q];
            for (uint32_t k = 0; k < nf; k++) {
                size_t sl = wt_slot(t, f[k], true);
                if (t->cnt[sl] < UINT32_MAX)
                    t->cnt[sl]++;
            }
            pred = gold;
        } else {
            memset(score, 0, sizeof score);
            wt_scores(t, f, nf, score);
            for (int k = 0; k < NK; k++) {
                if (cost[k] < 0)
                    continue;
                if (pred < 0 || score[k] > score[pred])
                    pred = k;
                if (cost[k] == minc && (gold < 0 || score[k] > score[gold]))
                    gold = k;
            }
            par_steps++;
            if (cost[pred] > minc) {
                updates++;
                if (learn)
                    wt_update(t, f, nf, (uint32_t)gold, (uint32_t)pred, par_steps);
            }
        }
        bool own = explore && (double)(next_rand() >> 11) / 9007199254740992.0 < EXPLORE;
        int next = own ? pred : gold;
        int rel = 0;
        if (next == SR_PK_LEFT || next == SR_PK_RIGHT) {
            uint32_t h = next == SR_PK_LEFT ? st->b : s0, d = next == SR_PK_LEFT ? s0 : st->b;
            bool right_head = s->gh[d] == h;
            if (sr_pstate_root_arc(st, next)) {
                rel = SR_DEP_ROOT;
            } else {
                uint32_t nlf = sr_parse_label_feats(st, &s->ps, next, lf);
                int plab = -1;
                if (count_only) {
                    for (uint32_t k = 0; k < nlf; k++) {
                        size_t sl = wt_slot(lt, lf[k], true);
                        if (lt->cnt[sl] < UINT32_MAX)
                            lt->cnt[sl]++;
                    }
                } else {
                    memset(lscore, 0, sizeof lscore);
                    wt_scores(lt, lf, nlf, lscore);
                    for (int l = 0; l < NL; l++)
                        if (l + 1 != SR_DEP_ROOT && (plab < 0 || lscore[l] > lscore[plab]))
                            plab = l;
                    lab_steps++;
                    if (right_head && plab + 1 != s->gl[d] && learn)
                        wt_update(lt, lf, nlf, (uint32_t)s->gl[d] - 1, (uint32_t)plab, lab_steps);
                }
                /* the relation followed: the gold one on the oracle's path,
                 * the parser's own when exploring */
                if (right_head && (!own || plab < 0) && s->gl[d] != SR_DEP_ROOT)
                    rel = s->gl[d];
                else
                    rel = plab >= 0 ? plab + 1 : SR_DEP_DEP;
            }
        }
        if (next == SR_PK_SHIFT || next == SR_PK_RIGHT)
            instack[st->b] = 1;
        else
            instack[s0] = 0;
        sr_pstate_apply(st, sr_pstate_action(next, rel));
    }
    return updates;
}

/* ---- the parser with a beam: a global perceptron ------------------------------------ */

static void wt_add(wtrain *t, const uint64_t *f, uint32_t n, uint32_t cls, int32_t delta, int64_t step)
{
    for (uint32_t k = 0; k < n; k++) {
        int64_t *acc;
        int32_t *r = wt_row(t, f[k], true, &acc);
        if (!r)
            continue;
        r[cls] += delta;
        acc[cls] += (int64_t)delta * step;
    }
}

typedef struct tscore {
    wtrain *par, *lab;
} tscore;

static void train_kinds(void *ctx, const uint64_t *f, uint32_t n, int64_t *score)
{
    memset(score, 0, NK * sizeof *score);
    wt_scores(((tscore *)ctx)->par, f, n, score);
}

static int train_label(void *ctx, const uint64_t *f, uint32_t n)
{
    int64_t lscore[NL];
    memset(lscore, 0, sizeof lscore);
    wt_scores(((tscore *)ctx)->lab, f, n, lscore);
    int best = -1;
    for (int l = 0; l < NL; l++)
        if (l + 1 != SR_DEP_ROOT && (best < 0 || lscore[l] > lscore[best]))
            best = l;
    return best + 1;
}

static void train_labels(void *ctx, const uint64_t *f, uint32_t n, int64_t *score)
{
    memset(score, 0, NL * sizeof *score);
    wt_scores(((tscore *)ctx)->lab, f, n, score);
}

static int kind_of(int a)
{
    return a == SR_PA_SHIFT ? SR_PK_SHIFT : a == SR_PA_REDUCE ? SR_PK_REDUCE : a < SR_PA_RIGHT ? SR_PK_LEFT : SR_PK_RIGHT;
}

/* The gold path: the zero-cost (least cost) transitions of the dynamic
 * oracle, preferring left, right, reduce, shift, with the gold relations;
 * returns its length (2n). */
static uint32_t gold_path(const sent *s, sr_pstate *st, uint8_t *instack, uint8_t *acts)
{
    sr_pstate_reset(st);
    memset(instack, 0, s->n + 1);
    uint32_t t = 0;
    while (!sr_pstate_final(st)) {
        int cost[NK];
        costs(st, s, instack, cost);
        int gold = -1, minc = 1 << 30;
        static const int pref[] = {SR_PK_LEFT, SR_PK_RIGHT, SR_PK_REDUCE, SR_PK_SHIFT};
        for (int q = 0; q < NK; q++)
            if (sr_pstate_kind_valid(st, pref[q]) && cost[pref[q]] < minc) {
                minc = cost[pref[q]];
                gold = pref[q];
            }
        uint32_t s0 = st->sp ? st->stack[st->sp - 1] : UINT32_MAX;
        int rel = 0;
        if (gold == SR_PK_LEFT || gold == SR_PK_RIGHT) {
            uint32_t d = gold == SR_PK_LEFT ? s0 : st->b;
            rel = sr_pstate_root_arc(st, gold) ? SR_DEP_ROOT : s->gl[d] == SR_DEP_ROOT ? SR_DEP_DEP : s->gl[d];
        }
        if (gold == SR_PK_SHIFT || gold == SR_PK_RIGHT)
            instack[st->b] = 1;
        else
            instack[s0] = 0;
        acts[t++] = (uint8_t)sr_pstate_action(gold, rel);
        sr_pstate_apply(st, acts[t - 1]);
    }
    return t;
}

/* Replays acts[0, to) from the start, adding delta to the kind taken at
 * each step from `from` on (the steps before are shared). */
static void replay_update(wtrain *t, wtrain *lt, const sent *s, sr_pstate *st, const uint8_t *acts, uint32_t from,
                          uint32_t to, int32_t delta)
{
    uint64_t f[SR_PARSE_MAXFEAT];
    sr_pstate_reset(st);
    for (uint32_t q = 0; q < to; q++) {
        int a = acts[q], kind = kind_of(a);
        if (q >= from) {
            wt_add(t, f, sr_parse_feats(st, &s->ps, f), (uint32_t)kind, delta, par_steps);
            if (joint && (kind == SR_PK_LEFT || kind == SR_PK_RIGHT) && !sr_pstate_root_arc(st, kind)) {
                int rel = kind == SR_PK_LEFT ? a - SR_PA_LEFT + 1 : a - SR_PA_RIGHT + 1;
                wt_add(lt, f, sr_parse_label_feats(st, &s->ps, kind, f), (uint32_t)rel - 1, delta, par_steps);
            }
        }
        sr_pstate_apply(st, a);
    }
}

/* One sentence through the beam; learns the kinds with the max-violation
 * update (Huang et al. 2012): at the step where the best item's score
 * exceeds the gold path's the most, the gold prefix's features gain and
 * the best item's lose.  The relations learn at each arc of the gold path.
 * Returns 1 when an update was made. */
static uint32_t beam_pass(wtrain *t, wtrain *lt, sent *s, sr_pbeam *bm, sr_pstate *st, uint8_t *instack,
                          uint8_t *gacts, uint8_t *pacts)
{
    uint64_t f[SR_PARSE_MAXFEAT];
    int64_t score[NK], lscore[NL];
    uint32_t steps = gold_path(s, st, instack, gacts);
    tscore ctx = {t, lt};
    sr_pscorer sc = {train_kinds, train_label, joint ? train_labels : NULL, &ctx};
    sr_pbeam_start(bm, s->n);
    sr_pstate_reset(st);
    int64_t gold_score = 0, worst = 0;
    uint32_t at = 0, jat = 0;
    par_steps++;
    for (uint32_t q = 0; q < steps; q++) {
        int a = gacts[q], kind = kind_of(a);
        memset(score, 0, sizeof score);
        wt_scores(t, f, sr_parse_feats(st, &s->ps, f), score);
        gold_score += score[kind];
        if ((kind == SR_PK_LEFT || kind == SR_PK_RIGHT) && !sr_pstate_root_arc(st, kind)) {
            uint32_t nlf = sr_parse_label_feats(st, &s->ps, kind, f);
            memset(lscore, 0, sizeof lscore);
            wt_scores(lt, f, nlf, lscore);
            int plab = -1;
            for (int l = 0; l < NL; l++)
                if (l + 1 != SR_DEP_ROOT && (plab < 0 || lscore[l] > lscore[plab]))
                    plab = l;
            int gl = kind == SR_PK_LEFT ? a - SR_PA_LEFT + 1 : a - SR_PA_RIGHT + 1;
            lab_steps++;
            if (joint)
                gold_score += lscore[gl - 1];
            else if (plab + 1 != gl)
                wt_update(lt, f, nlf, (uint32_t)gl - 1, (uint32_t)plab, lab_steps);
        }
        sr_pstate_apply(st, a);
        sr_pbeam_step(bm, &s->ps, &sc, kind, a < SR_PA_LEFT ? 0 : kind == SR_PK_LEFT ? a - SR_PA_LEFT + 1 : a - SR_PA_RIGHT + 1);
        if (bm->gold != 0) {
            int64_t v = bm->cur[0].score - gold_score;
            if (!at || v > worst) {
                worst = v;
                at = q + 1;
                jat = 0;
            }
        }
    }
    if (!at)
        return 0;
    sr_pbeam past = *bm;
    past.step = at;
    sr_pbeam_path(&past, jat, pacts);
    uint32_t from = 0;
    while (from < at && pacts[from] == gacts[from])
        from++;
    replay_update(t, lt, s, st, gacts, from, at, 1);
    replay_update(t, lt, s, st, pacts, from, at, -1);
    return 1;
}

/* ---- the parser's vocabulary ---------------------------------------------------- */

static uint64_t *vocab;
static uint32_t *vcount;
static size_t vmask;

static size_t vslot(uint64_t w)
{
    size_t b = (size_t)(w >> 40) & vmask;
    while (vocab[b] && vocab[b] != w)
        b = (b + 1) & vmask;
    return b;
}

/* Counts the training words; each word of `set` then keeps its value for
 * the parser (pw) when seen VOCAB_MIN times, as sr_parse_tag does with
 * the vocabulary written. */
static void make_vocab(sent *set, size_t n)
{
    vmask = (1u << 20) - 1;
    vocab = calloc(vmask + 1, 8);
    vcount = calloc(vmask + 1, 4);
    if (!vocab || !vcount)
        die("memory", "out of memory");
    for (size_t i = 0; i < n; i++)
        for (uint32_t k = 0; k < set[i].n; k++) {
            size_t b = vslot(set[i].ps.t[k].w);
            vocab[b] = set[i].ps.t[k].w;
            vcount[b]++;
        }
    for (size_t i = 0; i < n; i++)
        for (uint32_t k = 0; k < set[i].n; k++) {
            sr_ptok *t = &set[i].ps.t[k];
            t->pw = vcount[vslot(t->w)] >= VOCAB_MIN ? t->w : SR_PARSE_UNK;
        }
}

static void write_vocab(obuf *b)
{
    size_t nv = 0;
    for (size_t q = 0; q <= vmask; q++)
        nv += vocab[q] && vcount[q] >= VOCAB_MIN;
    uint32_t nslots = 16;
    while (nslots < 2 * nv)
        nslots <<= 1;
    uint64_t *v = calloc(nslots, 8), *keys = malloc((nv + 1) * 8);
    if (!v || !keys)
        die("memory", "out of memory");
    size_t k = 0;
    for (size_t q = 0; q <= vmask; q++)
        if (vocab[q] && vcount[q] >= VOCAB_MIN)
            keys[k++] = vocab[q];
    qsort(keys, k, 8, cmp_u64);
    for (size_t q = 0; q < k; q++) {
        uint32_t sl = (uint32_t)(keys[q] >> 40) & (nslots - 1);
        while (v[sl])
            sl = (sl + 1) & (nslots - 1);
        v[sl] = keys[q];
    }
    put32(b, nslots);
    put32(b, 0);
    put(b, v, (size_t)nslots * 8);
    if (verbose)
        fprintf(stderr, "parse_train: vocabulary: %zu words\n", k);
    free(v);
    free(keys);
}

/* The PARW section of the weights learned, the kinds' table pruned at
 * `prune`. */
static obuf section(wtrain *tagger, int64_t tagger_steps, wtrain *par, wtrain *lab, int prune)
{
    obuf b = {0};
    put(&b, SR_PARW_MAGIC, 8);
    put32(&b, SR_PARSE_VERSION);
    put32(&b, nclasses);
    put32(&b, NK);
    put32(&b, SR_PARSE_NLABELS);
    put32(&b, (beam_width < RUN_BEAM ? beam_width : RUN_BEAM) | (joint && beam_width > 1 ? 0x100u : 0));
    write_table(&b, tagger, tagger_steps, "tagger");
    write_kinds(&b, par, par_steps, prune);
    write_table(&b, lab, joint && beam_width > 1 ? par_steps : lab_steps, "relations");
    write_vocab(&b);
    for (uint32_t c = 0; c < nclasses; c++) {
        unsigned char rec[8] = {0};
        rec[0] = class_upos[c];
        memcpy(rec + 1, class_xpos[c], strnlen(class_xpos[c], 6));
        put(&b, rec, 8);
    }
    return b;
}

/* ---- scoring on a held-out set through the library's decoder -------------------- */

static void evaluate(const sitrep_model *m, sent *set, size_t n, const char *name, uint32_t width)
{
    sr_arena a;
    sr_arena_init(&a);
    size_t tok = 0, upos = 0, uas = 0, las = 0, ulas = 0;
    for (size_t i = 0; i < n; i++) {
        sent *s = &set[i];
        sr_pstate st;
        sr_pbeam bm;
        uint8_t *acts = sr_arena_alloc(&a, 2 * (size_t)s->n + 1);
        if (!sr_pstate_init(&st, &a, s->n) || !acts || !sr_pbeam_init(&bm, &a, s->n, width))
            die("memory", "out of memory");
        sr_parse_tag(m, &s->ps);
        sr_parse_decode_beam(m, &s->ps, &st, &bm, acts);
        for (uint32_t k = 0; k < s->n; k++) {
            tok++;
            upos += s->ps.t[k].upos == s->gupos[k];
            if (st.head[k] == s->gh[k]) {
                uas++;
                las += st.label[k] == s->gl[k];
                const char *x = sr_dep_names[st.label[k]], *y = sr_dep_names[s->gl[k]];
                ulas += strcspn(x, ":") == strcspn(y, ":") && strncmp(x, y, strcspn(x, ":")) == 0;
            }
        }
        sr_arena_reset(&a);
    }
    sr_arena_free(&a);
    fprintf(stderr, "parse_train: %s, beam %u: %zu words: UPOS %.2f, UAS %.2f, LAS %.2f (universal relations %.2f)\n",
            name, width, tok, 100.0 * (double)upos / (double)tok, 100.0 * (double)uas / (double)tok,
            100.0 * (double)las / (double)tok, 100.0 * (double)ulas / (double)tok);
}

int main(int argc, char **argv)
{
    if (argc < 5)
        die("usage", "parse_train MODEL TRAIN.conllu DEV.conllu OUT.parw.gz [TAG_EPOCHS PARSE_EPOCHS PRUNE BEAM JOINT]");
    int tag_epochs = argc > 5 ? atoi(argv[5]) : 10;
    int par_epochs = argc > 6 ? atoi(argv[6]) : 15;
    int prune = argc > 7 ? atoi(argv[7]) : 600;
    beam_width = argc > 8 ? (uint32_t)atoi(argv[8]) : 8;
    joint = argc > 9 ? atoi(argv[9]) != 0 : false;
    if (beam_width < 1 || beam_width > SR_PARSE_MAXBEAM)
        die("usage", "the beam width is 1 to 64");
    double t0 = now();
    sitrep_model *base;
    char err[512];
    if (sitrep_model_open_err(argv[1], &base, err, sizeof err) != SITREP_OK)
        die(argv[1], err);
    sitrep_model m = *base; /* the weights being learned go into a copy */
    m.parw = NULL;
    m.parw_len = 0;
    sr_arena keep;
    sr_arena_init(&keep);
    size_t ntrain, ndev, ttok, dtok;
    sent *train = read_set(argv[2], &m, &keep, &ntrain, true, &ttok);
    sent *dev = read_set(argv[3], &m, &keep, &ndev, false, &dtok);
    make_classes();
    for (size_t i = 0; i < ntrain; i++)
        for (uint32_t k = 0; k < train[i].n; k++)
            train[i].gcls[k] = (uint8_t)pair_class[train[i].pair[k]];
    for (size_t i = 0; i < ndev; i++)
        for (uint32_t k = 0; k < dev[i].n; k++)
            dev[i].gcls[k] = (uint8_t)pair_class[dev[i].pair[k]];
    make_vocab(train, ntrain);
    fprintf(stderr, "parse_train: %zu training sentences (%zu words), %zu dev (%zu words), %u classes (%.1fs)\n",
            ntrain, ttok, ndev, dtok, nclasses, now() - t0);

    /* 1. the tagger, learned on all the training set; then the training
     * set tagged by jackknifing, for the parser to learn on */
    wtrain tagger;
    train_tagger(&tagger, train, ntrain, -1, tag_epochs);
    int64_t tagger_steps = tag_steps;
    fprintf(stderr, "parse_train: tagger learned (%.1fs)\n", now() - t0);
    for (int fold = 0; fold < FOLDS; fold++) {
        wtrain t;
        train_tagger(&t, train, ntrain, fold, tag_epochs);
        average_in_place(&t, tag_steps);
        size_t wrong = 0, tot = 0;
        for (size_t i = (size_t)fold; i < ntrain; i += FOLDS) {
            wrong += tag_pass(&t, &train[i], false);
            tot += train[i].n;
            for (uint32_t k = 0; k < train[i].n; k++)
                train[i].jk[k] = train[i].ps.t[k].cls;
        }
        fprintf(stderr, "parse_train: fold %d tagged: %.2f%% wrong (%.1fs)\n", fold + 1,
                100.0 * (double)wrong / (double)tot, now() - t0);
        wt_free(&t);
    }
    for (size_t i = 0; i < ntrain; i++)
        for (uint32_t k = 0; k < train[i].n; k++) {
            train[i].ps.t[k].cls = train[i].jk[k];
            train[i].ps.t[k].upos = class_upos[train[i].jk[k]];
        }

    /* 2. the parser on the jackknifed tags */
    wtrain par, lab;
    wt_init(&par, NK, 1 << 25);
    wt_init(&lab, NL, 1 << 24);
    sr_arena sa;
    sr_arena_init(&sa);
    uint32_t maxn = 1;
    for (size_t i = 0; i < ntrain; i++)
        if (train[i].n > maxn)
            maxn = train[i].n;
    sr_pstate st;
    uint8_t *instack = malloc(maxn + 1);
    if (!sr_pstate_init(&st, &sa, maxn) || !instack)
        die("memory", "out of memory");
    for (size_t i = 0; i < ntrain; i++) {
        st.n = train[i].n;
        parse_pass(&par, &lab, &train[i], &st, instack, false, false, true);
    }
    size_t kept = 0, lkept = 0;
    for (size_t sl = 0; sl <= par.mask; sl++)
        kept += par.keys[sl] && par.cnt[sl] >= MIN_FEAT;
    for (size_t sl = 0; sl <= lab.mask; sl++)
        lkept += lab.keys[sl] && lab.cnt[sl] >= MIN_FEAT;
    par.closed = lab.closed = true;
    fprintf(stderr, "parse_train: parser: %zu features seen, %zu kept; relations: %zu seen, %zu kept (%.1fs)\n",
            par.nkeys, kept, lab.nkeys, lkept, now() - t0);
    uint32_t *order = malloc(ntrain * 4);
    for (size_t i = 0; i < ntrain; i++)
        order[i] = (uint32_t)i;
    par_steps = lab_steps = 0;
    sr_pbeam bm;
    uint8_t *gacts = malloc(2 * (size_t)maxn + 2), *pacts = malloc(2 * (size_t)maxn + 2);
    if (!gacts || !pacts || (beam_width > 1 && !sr_pbeam_init(&bm, &sa, maxn, beam_width)))
        die("memory", "out of memory");
    for (int e = 0; e < par_epochs; e++) {
        shuffle(order, ntrain);
        size_t upd = 0;
        for (size_t k = 0; k < ntrain; k++) {
            sent *s = &train[order[k]];
            st.n = s->n;
            if (beam_width > 1)
                upd += beam_pass(&par, &lab, s, &bm, &st, instack, gacts, pacts);
            else
                upd += parse_pass(&par, &lab, s, &st, instack, true, e > 0, false);
        }
        fprintf(stderr, "parse_train: parser epoch %d: %zu updates, %zu rows (%.1fs)\n", e + 1, upd,
                par.nrows, now() - t0);
    }

    /* 3. the section; the dev set through parse.c with the weights as
     * written, at a few pruning levels for the record, then the one asked */
    static const int prunes[] = {100, 300, 1000};
    verbose = false;
    for (size_t q = 0; q < sizeof prunes / sizeof *prunes; q++) {
        obuf t = section(&tagger, tagger_steps, &par, &lab, prunes[q]);
        m.parw = t.p;
        m.parw_len = t.n;
        char name[64];
        snprintf(name, sizeof name, "dev, pruned at %d (%zu bytes)", prunes[q], t.n);
        evaluate(&m, dev, ndev, name, beam_width);
        free(t.p);
    }
    verbose = true;
    obuf b = section(&tagger, tagger_steps, &par, &lab, prune);
    gzFile out = gzopen(argv[4], "wb9");
    if (!out || gzwrite(out, b.p, (unsigned)b.n) != (int)b.n || gzclose(out) != Z_OK)
        die(argv[4], "cannot write");
    fprintf(stderr, "parse_train: wrote %s (%zu bytes before compression) (%.1fs)\n", argv[4], b.n, now() - t0);
    m.parw = b.p;
    m.parw_len = b.n;
    if (!sr_parse_available(&m))
        die(argv[4], "the section does not load");
    static const uint32_t widths[] = {1, 2, 4, 8, 16};
    for (size_t q = 0; q < sizeof widths / sizeof *widths; q++) {
        double t1 = now();
        evaluate(&m, dev, ndev, "dev", widths[q]);
        fprintf(stderr, "parse_train: (%.0f words/s, tagging included)\n", (double)dtok / (now() - t1));
    }
    fprintf(stderr, "parse_train: done (%.1fs)\n", now() - t0);
    free(b.p);
    free(vocab);
    free(vcount);
    free(order);
    free(instack);
    free(gacts);
    free(pacts);
    wt_free(&par);
    wt_free(&lab);
    wt_free(&tagger);
    sr_arena_free(&sa);
    sr_arena_free(&keep);
    free(train);
    free(dev);
    sitrep_model_free(base);
    return 0;
}
