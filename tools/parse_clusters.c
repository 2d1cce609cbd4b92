/*
 * parse_clusters.c: word clusters for the parser (src/lang/parse.c),
 * learned from unlabeled text by the exchange algorithm (Kneser & Ney
 * 1993; Martin, Liermann & Ney 1998): the words are put in NCLASS classes
 * so that the likelihood of a class bigram model of the text is the
 * highest found, moving one word at a time to the class that raises it
 * most.  The classes are then grouped the same way into NCOARSE coarse
 * classes (the fine classes taken as words, their bigram counts as the
 * text's), so a word has a fine class and a coarse one, as a prefix of a
 * Brown cluster's bit string gives (Koo, Carreras & Collins 2008).
 *
 * usage: parse_clusters MODEL TRAIN.conllu CORPUS.jsonl OUT.txt [NCLASS NCOARSE ITERATIONS MINCOUNT]
 *
 * The text: the words of the CoNLL-U file (its FORM column, no
 * annotation read) and the "text" of each JSONL line, cut into tokens and
 * sentences by sitrep's own segmenter; a word is its parser form (lower
 * case, digits as 0: sr_parse_word_form).  Bigrams within a sentence
 * only.  Words seen fewer than MINCOUNT times are one rare word (it is
 * clustered, not written).  Deterministic: words in order of count (then
 * bytes), fixed first classes (round robin), fixed sweep order, ties to
 * the lower class.
 *
 * Output (text): comment lines "# ...", then one line a word, "FINE
 * COARSE WORD", the classes numbered from 0 (fine classes in order of
 * their coarse class, then of count), the words in order of count.
 */
#include "lang/lang.h"

#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "parse_clusters: %s: %s\n", what, msg);
    exit(1);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the words: key -> id, string, count ------------------------------------ */

typedef struct word {
    char *s;
    uint32_t len;
    uint64_t key, count;
} word;

static word *words;
static size_t nwords, capwords;
static uint32_t *wslot; /* id + 1, 0 empty */
static size_t wmask;

static uint32_t intern(const char *lw, size_t len)
{
    uint64_t key = sr_parse_word_key(lw, len);
    size_t b = (size_t)(key >> 40) & wmask;
    while (wslot[b]) {
        word *w = &words[wslot[b] - 1];
        if (w->key == key && w->len == len && memcmp(w->s, lw, len) == 0)
            return wslot[b] - 1;
        b = (b + 1) & wmask;
    }
    if (nwords >= (wmask + 1) / 2)
        die("words", "too many words");
    if (nwords == capwords) {
        capwords = capwords ? capwords * 2 : 65536;
        words = realloc(words, capwords * sizeof *words);
        if (!words)
            die("memory", "out of memory");
    }
    word *w = &words[nwords];
    w->s = malloc(len + 1);
    if (!w->s)
        die("memory", "out of memory");
    memcpy(w->s, lw, len);
    w->s[len] = 0;
    w->len = (uint32_t)len;
    w->key = key;
    w->count = 0;
    wslot[b] = (uint32_t)++nwords;
    return (uint32_t)(nwords - 1);
}

/* The text as word ids, UINT32_MAX between sentences. */
static uint32_t *text;
static size_t ntext, captext;

static void push(uint32_t id)
{
    if (ntext == captext) {
        captext = captext ? captext * 2 : 1 << 20;
        text = realloc(text, captext * 4);
        if (!text)
            die("memory", "out of memory");
    }
    text[ntext++] = id;
    if (id != UINT32_MAX)
        words[id].count++;
}

static void push_tokens(const sr_doc *d, uint32_t first, uint32_t n)
{
    char lw[64];
    for (uint32_t k = first; k < first + n; k++) {
        const sr_token *t = &d->tokens.v[k];
        size_t len = sr_parse_word_form(d->norm + t->nstart, t->nend - t->nstart, lw);
        if (len)
            push(intern(lw, len));
    }
    push(UINT32_MAX);
}

static void read_conllu(const char *path, const sitrep_model *m)
{
    FILE *in = fopen(path, "r");
    if (!in)
        die(path, "cannot open");
    sr_arena a;
    sr_arena_init(&a);
    sr_conllu_sent cs;
    uint64_t line = 0;
    int r;
    while ((r = sr_conllu_read(in, &a, &cs, &line)) > 0) {
        sr_doc d;
        if (sr_parse_doc_from_words(&d, &a, m, cs.w.v, cs.w.n) != SITREP_OK)
            die(path, "cannot make a document");
        push_tokens(&d, 0, d.tokens.n);
        sr_arena_reset(&a);
    }
    if (r < 0)
        die(path, "malformed CoNLL-U");
    sr_arena_free(&a);
    fclose(in);
}

static void read_jsonl(const char *path, const sitrep_model *m)
{
    FILE *in = fopen(path, "r");
    if (!in)
        die(path, "cannot open");
    sr_arena a;
    sr_arena_init(&a);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    while ((len = getline(&line, &lcap, in)) > 0) {
        cJSON *j = cJSON_ParseWithLength(line, (size_t)len);
        const char *body = cJSON_GetStringValue(cJSON_GetObjectItem(j, "text"));
        size_t bl = body ? strlen(body) : 0;
        if (bl && bl < UINT32_MAX / 4) {
            sr_doc d;
            memset(&d, 0, sizeof d);
            d.arena = &a;
            d.id = "corpus";
            char *t = sr_arena_alloc(&a, bl + 1);
            if (!t)
                die("memory", "out of memory");
            memcpy(t, body, bl + 1);
            d.text = t;
            d.len = (uint32_t)bl;
            if (sr_text_run(&d) != SITREP_OK || !sr_doc_add_block(&d, 0, d.len, SR_BLOCK_BODY) ||
                sr_segment_run(&d, m) != SITREP_OK)
                die(path, "cannot segment a text");
            for (size_t s = 0; s < d.sentences.n; s++)
                push_tokens(&d, d.sentences.v[s].tok_first, d.sentences.v[s].tok_n);
        }
        cJSON_Delete(j);
        sr_arena_reset(&a);
    }
    free(line);
    sr_arena_free(&a);
    fclose(in);
}

/* ---- bigram counts of items 0..n-1 as lists per item ---------------------------- */

typedef struct graph {
    uint32_t n;
    uint32_t *ro, *rd; /* right neighbours of x: rd[ro[x] .. ro[x+1]), counts rc */
    uint32_t *lo, *ld; /* left neighbours */
    int64_t *rc, *lc;
    int64_t *self;     /* count of (x, x) */
    int64_t *asl, *asr; /* count of x as the left item of a bigram, as the right */
} graph;

typedef struct bigram {
    uint32_t a, b;
    int64_t c;
} bigram;

static int cmp_ab(const void *x, const void *y)
{
    const bigram *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}
static int cmp_ba(const void *x, const void *y)
{
    const bigram *p = x, *q = y;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return p->a < q->a ? -1 : p->a > q->a;
}

/* The graph of bigrams bg[0..nb) (distinct pairs, any order). */
static void make_graph(graph *g, uint32_t n, bigram *bg, size_t nb)
{
    g->n = n;
    g->ro = calloc(n + 1, 4);
    g->lo = calloc(n + 1, 4);
    g->rd = malloc((nb + 1) * 4);
    g->ld = malloc((nb + 1) * 4);
    g->rc = malloc((nb + 1) * 8);
    g->lc = malloc((nb + 1) * 8);
    g->self = calloc(n, 8);
    g->asl = calloc(n, 8);
    g->asr = calloc(n, 8);
    if (!g->ro || !g->lo || !g->rd || !g->ld || !g->rc || !g->lc || !g->self || !g->asl || !g->asr)
        die("memory", "out of memory");
    size_t nr = 0;
    qsort(bg, nb, sizeof *bg, cmp_ab);
    for (size_t k = 0; k < nb; k++) {
        g->asl[bg[k].a] += bg[k].c;
        g->asr[bg[k].b] += bg[k].c;
        if (bg[k].a == bg[k].b) {
            g->self[bg[k].a] += bg[k].c;
            continue;
        }
        g->ro[bg[k].a + 1]++;
        g->rd[nr] = bg[k].b;
        g->rc[nr++] = bg[k].c;
    }
    for (uint32_t x = 0; x < n; x++)
        g->ro[x + 1] += g->ro[x];
    size_t nl = 0;
    qsort(bg, nb, sizeof *bg, cmp_ba);
    for (size_t k = 0; k < nb; k++) {
        if (bg[k].a == bg[k].b)
            continue;
        g->lo[bg[k].b + 1]++;
        g->ld[nl] = bg[k].a;
        g->lc[nl++] = bg[k].c;
    }
    for (uint32_t x = 0; x < n; x++)
        g->lo[x + 1] += g->lo[x];
}

/* ---- the exchange algorithm ---------------------------------------------------------- */

static inline double xlx(int64_t x) { return x > 0 ? (double)x * log((double)x) : 0.0; }

/* Classes cls[0..g->n) (given: the first ones) into C classes, `iters`
 * sweeps at most; returns the moves of the last sweep. */
static size_t exchange(const graph *g, uint32_t C, uint32_t *cls, int iters, const char *name)
{
    int64_t *N = calloc((size_t)C * C, 8), *NT = calloc((size_t)C * C, 8);
    int64_t *NL = calloc(C, 8), *NR = calloc(C, 8), *R = calloc(C, 8), *L = calloc(C, 8);
    uint32_t *rt = malloc(C * 4), *lt = malloc(C * 4);
    if (!N || !NT || !NL || !NR || !R || !L || !rt || !lt)
        die("memory", "out of memory");
    for (uint32_t x = 0; x < g->n; x++) {
        uint32_t a = cls[x];
        for (uint32_t e = g->ro[x]; e < g->ro[x + 1]; e++)
            N[(size_t)a * C + cls[g->rd[e]]] += g->rc[e];
        N[(size_t)a * C + a] += g->self[x];
        NL[a] += g->asl[x];
        NR[a] += g->asr[x];
    }
    for (uint32_t a = 0; a < C; a++)
        for (uint32_t b = 0; b < C; b++)
            NT[(size_t)b * C + a] = N[(size_t)a * C + b];
    size_t moves = 0;
    double t0 = now();
    for (int it = 0; it < iters; it++) {
        moves = 0;
        for (uint32_t x = 0; x < g->n; x++) {
            uint32_t a = cls[x];
            uint32_t nrt = 0, nlt = 0;
            for (uint32_t e = g->ro[x]; e < g->ro[x + 1]; e++) {
                uint32_t d = cls[g->rd[e]];
                if (!R[d])
                    rt[nrt++] = d;
                R[d] += g->rc[e];
            }
            for (uint32_t e = g->lo[x]; e < g->lo[x + 1]; e++) {
                uint32_t c = cls[g->ld[e]];
                if (!L[c])
                    lt[nlt++] = c;
                L[c] += g->lc[e];
            }
            int64_t self = g->self[x], sl = g->asl[x], sr = g->asr[x];
            /* x out of a */
            for (uint32_t q = 0; q < nrt; q++) {
                N[(size_t)a * C + rt[q]] -= R[rt[q]];
                NT[(size_t)rt[q] * C + a] -= R[rt[q]];
            }
            for (uint32_t q = 0; q < nlt; q++) {
                N[(size_t)lt[q] * C + a] -= L[lt[q]];
                NT[(size_t)a * C + lt[q]] -= L[lt[q]];
            }
            N[(size_t)a * C + a] -= self;
            NT[(size_t)a * C + a] -= self;
            NL[a] -= sl;
            NR[a] -= sr;
            /* the gain of x in each class */
            uint32_t best = a;
            double bestg = -INFINITY, ga = 0;
            for (uint32_t b = 0; b < C; b++) {
                const int64_t *row = N + (size_t)b * C, *col = NT + (size_t)b * C;
                double gsum = 0;
                for (uint32_t q = 0; q < nrt; q++) {
                    uint32_t d = rt[q];
                    if (d != b)
                        gsum += xlx(row[d] + R[d]) - xlx(row[d]);
                }
                for (uint32_t q = 0; q < nlt; q++) {
                    uint32_t c = lt[q];
                    if (c != b)
                        gsum += xlx(col[c] + L[c]) - xlx(col[c]);
                }
                gsum += xlx(row[b] + R[b] + L[b] + self) - xlx(row[b]);
                gsum -= xlx(NL[b] + sl) - xlx(NL[b]) + xlx(NR[b] + sr) - xlx(NR[b]);
                if (b == a)
                    ga = gsum;
                if (gsum > bestg) {
                    bestg = gsum;
                    best = b;
                }
            }
            if (bestg <= ga + 1e-9)
                best = a;
            /* x into best */
            uint32_t b = best;
            for (uint32_t q = 0; q < nrt; q++) {
                N[(size_t)b * C + rt[q]] += R[rt[q]];
                NT[(size_t)rt[q] * C + b] += R[rt[q]];
            }
            for (uint32_t q = 0; q < nlt; q++) {
                N[(size_t)lt[q] * C + b] += L[lt[q]];
                NT[(size_t)b * C + lt[q]] += L[lt[q]];
            }
            N[(size_t)b * C + b] += self;
            NT[(size_t)b * C + b] += self;
            NL[b] += sl;
            NR[b] += sr;
            if (b != a) {
                cls[x] = b;
                moves++;
            }
            for (uint32_t q = 0; q < nrt; q++)
                R[rt[q]] = 0;
            for (uint32_t q = 0; q < nlt; q++)
                L[lt[q]] = 0;
        }
        double F = 0;
        for (size_t q = 0; q < (size_t)C * C; q++)
            F += xlx(N[q]);
        for (uint32_t c = 0; c < C; c++)
            F -= xlx(NL[c]) + xlx(NR[c]);
        fprintf(stderr, "parse_clusters: %s: sweep %d: %zu moves, log-likelihood %.6g (%.1fs)\n", name, it + 1,
                moves, F, now() - t0);
        if (!moves)
            break;
    }
    free(N);
    free(NT);
    free(NL);
    free(NR);
    free(R);
    free(L);
    free(rt);
    free(lt);
    return moves;
}

/* ---- main ------------------------------------------------------------------------ */

static int cmp_rank(const void *x, const void *y)
{
    const word *p = &words[*(const uint32_t *)x], *q = &words[*(const uint32_t *)y];
    if (p->count != q->count)
        return p->count > q->count ? -1 : 1;
    size_t n = p->len < q->len ? p->len : q->len;
    int c = memcmp(p->s, q->s, n);
    return c ? c : (p->len > q->len) - (p->len < q->len);
}

static uint64_t *fcount, *ccount;
static uint32_t *fine_coarse;
static int cmp_fine(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    uint32_t ca = fine_coarse[a], cb = fine_coarse[b];
    if (ccount[ca] != ccount[cb])
        return ccount[ca] > ccount[cb] ? -1 : 1;
    if (ca != cb)
        return ca < cb ? -1 : 1;
    if (fcount[a] != fcount[b])
        return fcount[a] > fcount[b] ? -1 : 1;
    return a < b ? -1 : a > b;
}

int main(int argc, char **argv)
{
    if (argc < 5)
        die("usage", "parse_clusters MODEL TRAIN.conllu CORPUS.jsonl OUT.txt [NCLASS NCOARSE ITERATIONS MINCOUNT]");
    uint32_t C = argc > 5 ? (uint32_t)atoi(argv[5]) : 256;
    uint32_t K = argc > 6 ? (uint32_t)atoi(argv[6]) : 32;
    int iters = argc > 7 ? atoi(argv[7]) : 12;
    uint64_t minc = argc > 8 ? (uint64_t)atoi(argv[8]) : 3;
    if (C < 2 || C > 4096 || K < 2 || K > C)
        die("usage", "2 <= NCOARSE <= NCLASS <= 4096");
    double t0 = now();
    sitrep_model *m;
    char err[512];
    if (sitrep_model_open_err(argv[1], &m, err, sizeof err) != SITREP_OK)
        die(argv[1], err);
    wmask = (1u << 22) - 1;
    wslot = calloc(wmask + 1, 4);
    if (!wslot)
        die("memory", "out of memory");
    read_conllu(argv[2], m);
    read_jsonl(argv[3], m);
    /* the vocabulary: words seen minc times, by count; the rest one word */
    uint32_t *order = malloc(nwords * 4), *id = malloc(nwords * 4);
    if (!order || !id)
        die("memory", "out of memory");
    for (size_t k = 0; k < nwords; k++)
        order[k] = (uint32_t)k;
    qsort(order, nwords, 4, cmp_rank);
    uint32_t V = 0;
    while (V < nwords && words[order[V]].count >= minc)
        V++;
    for (size_t k = 0; k < nwords; k++)
        id[order[k]] = k < V ? (uint32_t)k : V; /* V: the rare word */
    uint32_t n = V + 1;
    fprintf(stderr, "parse_clusters: %zu tokens, %zu words, %u seen %llu times or more (%.1fs)\n", ntext,
            nwords, V, (unsigned long long)minc, now() - t0);
    /* bigrams: sort the pairs of the text, count the runs */
    size_t nb = 0;
    bigram *bg = malloc(ntext * sizeof *bg);
    if (!bg)
        die("memory", "out of memory");
    for (size_t k = 0; k + 1 < ntext; k++)
        if (text[k] != UINT32_MAX && text[k + 1] != UINT32_MAX)
            bg[nb++] = (bigram){id[text[k]], id[text[k + 1]], 1};
    qsort(bg, nb, sizeof *bg, cmp_ab);
    size_t nd = 0;
    for (size_t k = 0; k < nb; k++) {
        if (nd && bg[nd - 1].a == bg[k].a && bg[nd - 1].b == bg[k].b)
            bg[nd - 1].c++;
        else
            bg[nd++] = bg[k];
    }
    graph g;
    make_graph(&g, n, bg, nd);
    fprintf(stderr, "parse_clusters: %zu bigrams, %zu distinct (%.1fs)\n", nb, nd, now() - t0);
    /* 1. the fine classes */
    uint32_t *cls = malloc(n * 4);
    if (!cls)
        die("memory", "out of memory");
    for (uint32_t x = 0; x < n; x++)
        cls[x] = x % C;
    exchange(&g, C, cls, iters, "fine");
    /* 2. the coarse classes: the fine ones as words */
    bigram *cb = malloc((size_t)C * C * sizeof *cb);
    int64_t *cm = calloc((size_t)C * C, 8);
    if (!cb || !cm)
        die("memory", "out of memory");
    for (uint32_t x = 0; x < n; x++) {
        for (uint32_t e = g.ro[x]; e < g.ro[x + 1]; e++)
            cm[(size_t)cls[x] * C + cls[g.rd[e]]] += g.rc[e];
        cm[(size_t)cls[x] * C + cls[x]] += g.self[x];
    }
    size_t ncb = 0;
    for (uint32_t a = 0; a < C; a++)
        for (uint32_t b = 0; b < C; b++)
            if (cm[(size_t)a * C + b])
                cb[ncb++] = (bigram){a, b, cm[(size_t)a * C + b]};
    graph cg;
    make_graph(&cg, C, cb, ncb);
    fine_coarse = malloc(C * 4);
    for (uint32_t c = 0; c < C; c++)
        fine_coarse[c] = c % K;
    exchange(&cg, K, fine_coarse, 50, "coarse");
    /* numbering: coarse classes by count, fine ones by coarse then count */
    fcount = calloc(C, 8);
    ccount = calloc(K, 8);
    for (uint32_t x = 0; x < V; x++)
        fcount[cls[x]] += words[order[x]].count;
    for (uint32_t c = 0; c < C; c++)
        ccount[fine_coarse[c]] += fcount[c];
    uint32_t *forder = malloc(C * 4), *fnum = malloc(C * 4), *cnum = malloc(K * 4);
    for (uint32_t c = 0; c < C; c++)
        forder[c] = c;
    qsort(forder, C, 4, cmp_fine);
    uint32_t nc = 0;
    for (uint32_t k = 0; k < K; k++)
        cnum[k] = UINT32_MAX;
    for (uint32_t q = 0; q < C; q++) {
        fnum[forder[q]] = q;
        if (cnum[fine_coarse[forder[q]]] == UINT32_MAX)
            cnum[fine_coarse[forder[q]]] = nc++;
    }
    FILE *out = fopen(argv[4], "w");
    if (!out)
        die(argv[4], "cannot write");
    fprintf(out, "# word clusters for the parser, written by tools/parse_clusters.c (make parse-clusters)\n");
    fprintf(out, "# %u classes in %u coarse ones, exchange algorithm, %zu tokens, words seen %llu times or more\n",
            C, K, ntext, (unsigned long long)minc);
    fprintf(out, "# FINE COARSE WORD (lower case, digits as 0)\n");
    for (uint32_t x = 0; x < V; x++)
        fprintf(out, "%u %u %s\n", fnum[cls[x]], cnum[fine_coarse[cls[x]]], words[order[x]].s);
    if (fclose(out) != 0)
        die(argv[4], "cannot write");
    fprintf(stderr, "parse_clusters: wrote %u words (%.1fs)\n", V, now() - t0);
    sitrep_model_free(m);
    return 0;
}
