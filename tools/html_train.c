/*
 * html_train: learns the HTML block classifier's weights (docs/html.md)
 * from the HTML evaluation set, trafilatura's pages with the segments their
 * main text must ("with") and must not ("without") contain.
 *
 *   html_train DATA.jsonl.gz OUT.weights [--train even|odd|all] [--epochs N] [--l2 X]
 *              [--errors FILE]  (every labelled block of the held-out half, scored)
 *
 * Every page is read as sitrep reads it (sr_read_html_sink), and every
 * block gets the features the reader computes.  A block is labelled body
 * when it holds a "with" segment or is part of one (a block of at least 10
 * bytes inside it), furniture when the same holds for a "without" segment;
 * a block that is both or neither is left out.  Whitespace is squashed on
 * both sides as the scorer does.
 *
 * The pages are split by their id: FNV-1a (32 bits) of the id's bytes,
 * even or odd.  Training uses one half (--train even by default), so the
 * other half's figure is an honest one; both are printed.
 *
 * Logistic regression, AdaGrad, L2, a fixed number of epochs over the
 * examples in an order drawn from a fixed seed: the same data give the
 * same weights.  Written: "index weight" lines, weights under 5e-4 left
 * out.
 */
#include "read/html.h"

#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct example {
    uint32_t foff, nf;
    uint8_t y, half, quarter, heading, base, labelled; /* base: the heuristics said body/section */
    char *what; /* --errors: the page's id and the block's first bytes */
} example;

typedef struct trainer {
    example *ex;
    size_t nex, cap;
    uint32_t *f;
    size_t nfeat, fcap;
    /* the page being read */
    size_t page_first; /* its first example */
    uint32_t *blockof;  /* example -> block, for the page being read */
    size_t bcap;
    uint8_t half, quarter;
} trainer;

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "html_train: %s: %s\n", what, msg);
    exit(1);
}

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 1024;
    while (c < need)
        c *= 2;
    void *q = realloc(p, c * size);
    if (!q)
        die("memory", "out of memory");
    *cap = c;
    return q;
}

/* Feature namespaces left out (--drop N,N...: html_main.c's FN_ numbers),
 * to see what each is worth. */
static bool dropped[256];

static void on_run(void *ctx, uint32_t block, bool heading, const uint32_t *f, const uint8_t *ns, uint32_t nf)
{
    trainer *t = ctx;
    t->ex = grow(t->ex, &t->cap, t->nex + 1, sizeof *t->ex);
    t->f = grow(t->f, &t->fcap, t->nfeat + nf, sizeof *t->f);
    size_t local = t->nex - t->page_first;
    t->blockof = grow(t->blockof, &t->bcap, local + 1, sizeof *t->blockof);
    t->blockof[local] = block;
    uint32_t kept = 0;
    for (uint32_t i = 0; i < nf; i++)
        if (!dropped[ns[i]])
            t->f[t->nfeat + kept++] = f[i];
    nf = kept;
    t->ex[t->nex++] = (example){.foff = (uint32_t)t->nfeat, .nf = nf, .half = t->half, .quarter = t->quarter, .heading = heading};
    t->nfeat += nf;
}

/* Is the code point at p one that Python's \s matches?  Its length, or 0. */
static size_t space_at(const unsigned char *p, size_t n)
{
    if (*p == ' ' || (*p >= 0x09 && *p <= 0x0d) || (*p >= 0x1c && *p <= 0x1f))
        return 1;
    if (n >= 2 && p[0] == 0xC2 && (p[1] == 0x85 || p[1] == 0xA0))
        return 2;
    if (n >= 3 && p[0] == 0xE1 && p[1] == 0x9A && p[2] == 0x80)
        return 3;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
        ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xA8 || p[2] == 0xA9 || p[2] == 0xAF))
        return 3;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F)
        return 3;
    if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
        return 3;
    return 0;
}

/* White space runs to one space, ends trimmed (malloc'd). */
static char *squash(const char *s, size_t n)
{
    char *r = malloc(n + 1);
    if (!r)
        die("memory", "out of memory");
    size_t k = 0;
    bool sp = false;
    for (size_t i = 0; i < n;) {
        size_t l = space_at((const unsigned char *)s + i, n - i);
        if (l) {
            sp = k > 0;
            i += l;
            continue;
        }
        if (sp)
            r[k++] = ' ';
        sp = false;
        r[k++] = s[i++];
    }
    r[k] = 0;
    return r;
}

static bool matches(const char *block, char **segs, size_t nseg)
{
    size_t bl = strlen(block);
    for (size_t i = 0; i < nseg; i++) {
        if (!segs[i][0])
            continue;
        if (strstr(block, segs[i]) || (bl >= 10 && strstr(segs[i], block)))
            return true;
    }
    return false;
}

static char **segments(const cJSON *arr, size_t *n)
{
    size_t c = (size_t)cJSON_GetArraySize(arr), k = 0;
    char **v = calloc(c + 1, sizeof *v);
    if (!v)
        die("memory", "out of memory");
    const cJSON *it;
    cJSON_ArrayForEach(it, arr) if (cJSON_IsString(it)) v[k++] =
        squash(it->valuestring, strlen(it->valuestring));
    *n = k;
    return v;
}

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* One line of the gzip'd file into *buf; false at the end. */
static bool gz_line(gzFile g, char **buf, size_t *cap)
{
    size_t n = 0;
    for (;;) {
        if (*cap - n < 2)
            *buf = grow(*buf, cap, *cap * 2, 1);
        if (!gzgets(g, *buf + n, (int)(*cap - n > 1u << 30 ? 1u << 30 : *cap - n)))
            return n > 0;
        n += strlen(*buf + n);
        if (n && (*buf)[n - 1] == '\n')
            return true;
    }
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static double dot(const float *w, const trainer *t, const example *e)
{
    double z = 0;
    for (uint32_t i = 0; i < e->nf; i++)
        z += w[t->f[e->foff + i]];
    return z;
}

/* --errors FILE: every labelled block of the other half, its label, the
 * heuristics' call and the learned score, to read what the model misses. */
static const char *errors_to;

/* Blocks whose score is within the margin of 0 keep the heuristics' kind. */
static double margin = 0;

static double report(const char *what, const float *w, const trainer *t, int half, int quarter)
{
    size_t n = 0, ok = 0, base_ok = 0, pos = 0;
    for (size_t i = 0; i < t->nex; i++) {
        const example *e = &t->ex[i];
        if ((half >= 0 && e->half != half) || (quarter >= 0 && e->quarter != quarter) || !e->labelled)
            continue;
        n++;
        pos += e->y;
        double z = dot(w, t, e);
        bool say = z > margin ? true : z < -margin ? false : e->base;
        ok += say == e->y;
        base_ok += e->base == e->y;
    }
    fprintf(stderr, "html_train: %-12s %6zu labelled blocks (%zu body): learned %.3f, heuristics %.3f\n", what,
            n, pos, n ? (double)ok / (double)n : 0, n ? (double)base_ok / (double)n : 0);
    return n ? (double)ok / (double)n : 0;
}

/* Logistic regression by AdaGrad over the examples of one half (or
 * quarter; -1: any), in an order drawn from a fixed seed. */
static void learn(const trainer *t, float *w, int half, int quarter, int epochs, double lr, double l2,
                  double prior)
{
    size_t nw = (size_t)1 << HTML_FEAT_BITS;
    double *g2 = calloc(nw, sizeof *g2);
    size_t *order = malloc((t->nex + 1) * sizeof *order);
    if (!g2 || !order)
        die("memory", "out of memory");
    memset(w, 0, nw * sizeof *w);
    rng = 0x9e3779b97f4a7c15ull;
    size_t ntrain = 0;
    for (size_t i = 0; i < t->nex; i++)
        if ((half < 0 || t->ex[i].half == half) && (quarter < 0 || t->ex[i].quarter == quarter))
            order[ntrain++] = i;
    for (int ep = 0; ep < epochs; ep++) {
        for (size_t i = ntrain; i > 1; i--) {
            size_t j = (size_t)(next_rand() % i), x = order[i - 1];
            order[i - 1] = order[j];
            order[j] = x;
        }
        for (size_t q = 0; q < ntrain; q++) {
            const example *e = &t->ex[order[q]];
            double z = dot(w, t, e);
            double p = 1.0 / (1.0 + exp(-z));
            double gr = (p - e->y) * (e->labelled ? 1.0 : prior);
            for (uint32_t i = 0; i < e->nf; i++) {
                uint32_t k = t->f[e->foff + i];
                double gi = gr + l2 * w[k];
                g2[k] += gi * gi;
                w[k] -= (float)(lr * gi / sqrt(g2[k] + 1e-8));
            }
        }
    }
    free(g2);
    free(order);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        die("usage", "html_train DATA.jsonl.gz OUT.weights [--train even|odd|all] [--epochs N] [--l2 X]");
    int train_half = 0, epochs = 8; /* epochs, L2 and rate tuned by --tune 1 */
    double prior = 0; /* weight of blocks with no label, taken as the heuristics call them */
    bool tune = false; /* train on a quarter, report on another, both in the training half */
    double l2 = 0.1, lr = 0.03;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--train") == 0)
            train_half = strcmp(argv[i + 1], "even") == 0 ? 0 : strcmp(argv[i + 1], "odd") == 0 ? 1 : -1;
        else if (strcmp(argv[i], "--epochs") == 0)
            epochs = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--l2") == 0)
            l2 = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--tune") == 0)
            tune = atoi(argv[i + 1]) != 0;
        else if (strcmp(argv[i], "--drop") == 0)
            for (char *p = argv[i + 1]; *p;) {
                long v = strtol(p, &p, 10);
                if (v > 0 && v < 256)
                    dropped[v] = true;
                if (*p)
                    p++;
            }
        else if (strcmp(argv[i], "--prior") == 0)
            prior = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--margin") == 0)
            margin = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--errors") == 0)
            errors_to = argv[i + 1];
        else if (strcmp(argv[i], "--lr") == 0)
            lr = atof(argv[i + 1]);
        else
            die(argv[i], "unknown option");
    }
    gzFile g = gzopen(argv[1], "rb");
    if (!g)
        die(argv[1], "cannot open");
    trainer t = {0};
    char *line = NULL;
    size_t lcap = 1 << 20, pages = 0;
    line = malloc(lcap);
    if (!line)
        die("memory", "out of memory");
    hsink sink = {.run = on_run, .ctx = &t};
    while (gz_line(g, &line, &lcap)) {
        cJSON *j = cJSON_Parse(line);
        if (!j)
            continue;
        const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(j, "id"));
        const char *html = cJSON_GetStringValue(cJSON_GetObjectItem(j, "html"));
        if (!id || !html) {
            cJSON_Delete(j);
            continue;
        }
        size_t nw, nwo;
        char **with = segments(cJSON_GetObjectItem(j, "with"), &nw);
        char **without = segments(cJSON_GetObjectItem(j, "without"), &nwo);
        sr_arena arena;
        sr_arena_init(&arena);
        sr_doc d = {.arena = &arena, .id = id, .format = SITREP_FORMAT_HTML};
        t.half = (uint8_t)(fnv1a(id) & 1);
        t.quarter = (uint8_t)(fnv1a(id) & 3);
        t.page_first = t.nex;
        if (sr_read_html_sink(&d, html, strlen(html), &sink) != SITREP_OK)
            die(id, "not read");
        /* label the page's examples; drop those with no clear label */
        size_t keep = t.page_first;
        for (size_t i = t.page_first; i < t.nex; i++) {
            uint32_t b = t.blockof[i - t.page_first];
            const sr_block *bk = &d.blocks.v[b];
            char *bt = squash(d.text + bk->start, bk->end - bk->start);
            bool pos = matches(bt, with, nw), neg = matches(bt, without, nwo);
            example e = t.ex[i];
            if (errors_to && pos != neg && (int)t.half != train_half) {
                size_t l = strlen(bt) < 100 ? strlen(bt) : 100;
                e.what = malloc(strlen(id) + l + 2);
                if (!e.what)
                    die("memory", "out of memory");
                sprintf(e.what, "%s\t%.*s", id, (int)l, bt);
            }
            free(bt);
            e.base = bk->kind == SR_BLOCK_BODY || bk->kind == SR_BLOCK_SECTION;
            e.labelled = pos != neg;
            e.y = e.labelled ? pos : e.base;
            if (!e.labelled && prior <= 0)
                continue;
            t.ex[keep++] = e;
        }
        t.nex = keep;
        for (size_t i = 0; i < nw; i++)
            free(with[i]);
        for (size_t i = 0; i < nwo; i++)
            free(without[i]);
        free(with);
        free(without);
        sr_arena_free(&arena);
        cJSON_Delete(j);
        pages++;
    }
    gzclose(g);
    free(line);
    fprintf(stderr, "html_train: %zu pages, %zu labelled blocks, %zu features\n", pages, t.nex, t.nfeat);

    size_t nw = (size_t)1 << HTML_FEAT_BITS;
    float *w = calloc(nw, sizeof *w);
    if (!w)
        die("memory", "out of memory");
    if (tune) {
        /* two folds inside the training half: its quarters train and test in turn */
        int q0 = train_half < 0 ? 0 : train_half;
        double acc = 0;
        for (int fold = 0; fold < 2; fold++) {
            int q = fold ? q0 + 2 : q0;
            learn(&t, w, -1, q, epochs, lr, l2, prior);
            acc += report(fold ? "tune 2: held" : "tune 1: held", w, &t, -1, fold ? q0 : q0 + 2);
        }
        fprintf(stderr, "html_train: tune: held-out accuracy %.4f\n", acc / 2);
        return 0;
    }
    learn(&t, w, train_half, -1, epochs, lr, l2, prior);
    report("even half", w, &t, 0, -1);
    report("odd half", w, &t, 1, -1);
    report("all", w, &t, -1, -1);

    if (errors_to) {
        /* label, heuristics, score, heading, page, text */
        FILE *ef = fopen(errors_to, "w");
        if (!ef)
            die(errors_to, "cannot write");
        for (size_t i = 0; i < t.nex; i++) {
            const example *e = &t.ex[i];
            if (e->what)
                fprintf(ef, "%d\t%d\t%.2f\t%d\t%s\n", e->y, e->base, dot(w, &t, e), e->heading, e->what);
        }
        if (fclose(ef) != 0)
            die(errors_to, "cannot write");
    }
    FILE *out = fopen(argv[2], "w");
    if (!out)
        die(argv[2], "cannot write");
    fprintf(out, "# The HTML block classifier's weights (src/read/html_main.c), learned by\n"
                 "# tools/html_train.c from the %s of ../shared/eval/data/trafilatura_eval.jsonl.gz\n"
                 "# (make html-train; %d epochs, L2 %g).  Lines: feature index, weight.\n",
            train_half == 0 ? "even half" : train_half == 1 ? "odd half" : "whole", epochs, l2);
    size_t kept = 0;
    for (size_t k = 0; k < nw; k++)
        if (fabsf(w[k]) >= 5e-4f) {
            fprintf(out, "%zu %.4f\n", k, (double)w[k]);
            kept++;
        }
    if (fclose(out) != 0)
        die(argv[2], "cannot write");
    fprintf(stderr, "html_train: %zu weights written to %s\n", kept, argv[2]);
    free(w);
    for (size_t i = 0; i < t.nex; i++)
        free(t.ex[i].what);
    free(t.ex);
    free(t.f);
    free(t.blockof);
    return 0;
}
