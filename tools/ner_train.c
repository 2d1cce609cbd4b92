/*
 * ner_train.c: learns the name tagger's weights (src/ner.c) from a
 * CoNLL-style JSONL training set with an averaged perceptron.
 *
 * usage: ner_train MODEL TRAIN.jsonl OUT.weights.gz [EPOCHS [RUNS]]
 *
 * Each training line {"text", "sentences":[{"tokens","tags"}]} goes
 * through sitrep's own pipeline (read, segment, tag, match, exactly as
 * `sitrep extract` runs it) and each of our tokens takes the gold label of
 * the gold token it starts in (IOB1 or IOB2 become BIO).  The features are
 * src/ner.c's own.  Decoding during training is the tagger's: greedy, with
 * its own earlier predictions as the previous labels and the history.
 *
 * The output (gzip): "SRNERW\0\0", u32 version, u32 nlabels, u32 nfeat,
 * float scale, then nfeat records {u64 key, i16 w[nlabels]} sorted by key.
 * Weights are the averaged perceptron's (the mean of RUNS perceptrons,
 * each trained over its own fixed shuffle of the documents), scaled to
 * int16; features whose weights all round to 0 are dropped.
 * Deterministic: the same inputs give the same file.
 */
#include "out/out.h"

#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#define NL SR_NER_NLABELS

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "ner_train: %s: %s\n", what, msg);
    exit(1);
}

/* ---- feature index: u64 key -> dense index ------------------------------- */

typedef struct fmap {
    uint64_t *keys; /* slot keys, 0 empty */
    uint32_t *idx;
    uint32_t *count;
    size_t mask, n;
    uint64_t *bykey; /* index -> key */
} fmap;

static void fmap_init(fmap *m, size_t slots)
{
    m->keys = calloc(slots, 8);
    m->idx = calloc(slots, 4);
    m->count = calloc(slots, 4);
    m->bykey = malloc(slots / 2 * 8);
    m->mask = slots - 1;
    m->n = 0;
    if (!m->keys || !m->idx || !m->count || !m->bykey)
        die("memory", "out of memory");
}

/* Index of key; adds it when `add`; UINT32_MAX when absent. */
static uint32_t fmap_get(fmap *m, uint64_t key, bool add)
{
    size_t i = (size_t)key & m->mask;
    while (m->keys[i]) {
        if (m->keys[i] == key)
            return m->idx[i];
        i = (i + 1) & m->mask;
    }
    if (!add)
        return UINT32_MAX;
    if (m->n >= (m->mask + 1) / 2)
        die("features", "too many features");
    m->keys[i] = key;
    m->idx[i] = (uint32_t)m->n;
    m->bykey[m->n] = key;
    return (uint32_t)m->n++;
}

/* ---- training documents ------------------------------------------------------ */

typedef struct tdoc {
    sr_arena arena;
    sr_nerprep *prep;
    uint32_t ntok;
    uint8_t *gold;
    uint64_t *feats;   /* static features, concatenated */
    uint32_t *foff;    /* token i: feats[foff[i] .. foff[i+1]) */
    uint32_t *ustart;  /* unit start of each token */
} tdoc;

static int gold_label(const char *tag, const char *prevtag)
{
    if (!tag || strcmp(tag, "O") == 0)
        return 0;
    const char *ty = strchr(tag, '-');
    char bio = ty ? tag[0] : 'I';
    ty = ty ? ty + 1 : tag;
    int base;
    if (strcmp(ty, "PER") == 0)
        base = 1;
    else if (strcmp(ty, "ORG") == 0)
        base = 3;
    else if (strcmp(ty, "LOC") == 0)
        base = 5;
    else if (strcmp(ty, "MISC") == 0)
        base = 7;
    else
        return 0;
    bool cont = false;
    if (bio == 'I' && prevtag) {
        const char *pt = strchr(prevtag, '-');
        pt = pt ? pt + 1 : prevtag;
        cont = strcmp(pt, ty) == 0;
    }
    return (bio == 'B' || bio == 'S' || !cont) ? base : base + 1;
}

/* Aligns gold tokens (located in the text in order) with our tokens. */
static bool align(const char *text, cJSON *sents, const sr_doc *d, uint8_t *gold)
{
    size_t tl = strlen(text), cur = 0;
    uint32_t k = 0; /* our token */
    cJSON *s;
    cJSON_ArrayForEach(s, sents)
    {
        cJSON *toks = cJSON_GetObjectItem(s, "tokens"), *tags = cJSON_GetObjectItem(s, "tags");
        int nt = cJSON_GetArraySize(toks);
        const char *prev = NULL;
        for (int i = 0; i < nt; i++) {
            const char *tok = cJSON_GetStringValue(cJSON_GetArrayItem(toks, i));
            const char *tag = cJSON_GetStringValue(cJSON_GetArrayItem(tags, i));
            if (!tok)
                return false;
            const char *at = memmem(text + cur, tl - cur, tok, strlen(tok));
            if (!at)
                return false;
            size_t a = (size_t)(at - text), b = a + strlen(tok);
            cur = b;
            int lab = gold_label(tag, prev);
            prev = tag;
            bool first = true;
            while (k < d->tokens.n && d->tokens.v[k].start < a)
                k++; /* a token of ours outside any gold token: O */
            while (k < d->tokens.n && d->tokens.v[k].start < b) {
                gold[k] = (uint8_t)(first || lab == 0 ? lab : (lab % 2 ? lab + 1 : lab));
                first = false;
                k++;
            }
        }
    }
    return true;
}

/* ---- the perceptron ---------------------------------------------------------- */

static float *W;  /* [feature][label] */
static double *U; /* sum of c * update, for averaging */
static double C = 1;

static void scores(const fmap *fm, const uint64_t *f, uint32_t n, float *sc)
{
    for (uint32_t k = 0; k < n; k++) {
        uint32_t ix = fmap_get((fmap *)fm, f[k], false);
        if (ix == UINT32_MAX)
            continue;
        const float *w = &W[(size_t)ix * NL];
        for (int l = 0; l < NL; l++)
            sc[l] += w[l];
    }
}

static void update(fmap *fm, const uint64_t *f, uint32_t n, int good, int bad, bool add)
{
    for (uint32_t k = 0; k < n; k++) {
        uint32_t ix = fmap_get(fm, f[k], add);
        if (ix == UINT32_MAX)
            continue;
        W[(size_t)ix * NL + good] += 1;
        W[(size_t)ix * NL + bad] -= 1;
        U[(size_t)ix * NL + good] += C;
        U[(size_t)ix * NL + bad] -= C;
    }
}

/* One pass over a document; returns the number of tokens tagged wrong. */
static uint32_t pass(fmap *fm, tdoc *t, bool learn, uint8_t *pred)
{
    sr_ner_forget(t->prep);
    uint64_t dyn[SR_NER_MAXFEAT];
    uint32_t wrong = 0;
    for (uint32_t i = 0; i < t->ntok; i++) {
        uint32_t u = t->ustart[i];
        int y1 = i > u ? pred[i - 1] : -1, y2 = i > u + 1 ? pred[i - 2] : -1;
        if (sr_ner_skip(t->prep, i, y1)) {
            wrong += t->gold[i] != 0;
            pred[i] = 0;
            continue;
        }
        uint32_t nd = sr_ner_dynamic(t->prep, i, y1, y2, dyn);
        float sc[NL] = {0};
        scores(fm, &t->feats[t->foff[i]], t->foff[i + 1] - t->foff[i], sc);
        scores(fm, dyn, nd, sc);
        /* Learning sees every label: a label the decoder rules out here
         * (I-ORG after O) would otherwise never lose weight, and its growing
         * weights would squeeze the others when scaled to int16.  The
         * decoder's choice (among allowed labels) is the one kept. */
        int best = 0, any = 0;
        for (int l = 1; l < NL; l++) {
            if (sc[l] > sc[best] && sr_ner_allowed(y1 < 0 ? 0 : y1, l))
                best = l;
            if (sc[l] > sc[any])
                any = l;
        }
        if (learn && any != t->gold[i]) {
            update(fm, &t->feats[t->foff[i]], t->foff[i + 1] - t->foff[i], t->gold[i], any, false);
            update(fm, dyn, nd, t->gold[i], any, true);
        }
        if (best != t->gold[i]) {
            wrong++;
        }
        if (learn)
            C += 1;
        /* the tagger's own decisions, as at run time */
        pred[i] = (uint8_t)best;
        sr_ner_observe(t->prep, i, best);
    }
    return wrong;
}

static const float *g_mag;
/* larger magnitude first; ties by index, so the order is deterministic */
static int cmp_mag(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (g_mag[x] != g_mag[y])
        return g_mag[x] > g_mag[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 4)
        die("usage", "ner_train MODEL TRAIN.jsonl OUT.weights.gz [EPOCHS [RUNS]]");
    int epochs = argc > 4 ? atoi(argv[4]) : 14;
    int runs = argc > 5 ? atoi(argv[5]) : 5;
    if (epochs < 1 || runs < 1)
        die("usage", "EPOCHS and RUNS are at least 1");
    sitrep_model *model;
    char err[512];
    if (sitrep_model_open_err(argv[1], &model, err, sizeof err) != SITREP_OK)
        die(argv[1], err);
    sitrep_extractor *x;
    if (sitrep_extractor_new(model, &x) != SITREP_OK)
        die("extractor", "out of memory");
    sitrep_extractor_set_last_stage(x, SITREP_STAGE_MATCH);
    FILE *in = fopen(argv[2], "r");
    if (!in)
        die(argv[2], "cannot open");

    size_t ndocs = 0, capdocs = 0;
    tdoc *docs = NULL;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    fmap cnt;
    fmap_init(&cnt, (size_t)1 << 24);
    uint64_t f[SR_NER_MAXFEAT];
    size_t ntok_all = 0, nskipped = 0;
    while ((len = getline(&line, &lcap, in)) > 0) {
        cJSON *j = cJSON_ParseWithLength(line, (size_t)len);
        const char *text = cJSON_GetStringValue(cJSON_GetObjectItem(j, "text"));
        const sitrep_record *rec;
        if (!text || sitrep_extract_buffer(x, line, (size_t)len, SITREP_FORMAT_JSONL, "train",
                                           &rec) != SITREP_OK)
            die(argv[2], "bad training line");
        const sr_doc *d = &rec->doc;
        if (ndocs == capdocs) {
            capdocs = capdocs ? capdocs * 2 : 1024;
            docs = realloc(docs, capdocs * sizeof *docs);
            if (!docs)
                die("memory", "out of memory");
        }
        tdoc *t = &docs[ndocs];
        memset(t, 0, sizeof *t);
        sr_arena_init(&t->arena);
        t->ntok = d->tokens.n;
        t->gold = calloc(t->ntok + 1, 1);
        if (!t->gold || !align(d->text, cJSON_GetObjectItem(j, "sentences"), d, t->gold)) {
            nskipped++;
            cJSON_Delete(j);
            free(t->gold);
            sr_arena_free(&t->arena);
            continue;
        }
        t->prep = sr_ner_prepare(&t->arena, d, model);
        t->foff = malloc((t->ntok + 1) * sizeof *t->foff);
        t->ustart = malloc((t->ntok + 1) * sizeof *t->ustart);
        size_t cap = (size_t)t->ntok * 48 + 64, nf = 0;
        t->feats = malloc(cap * 8);
        if (!t->prep || !t->foff || !t->ustart || !t->feats)
            die("memory", "out of memory");
        for (uint32_t i = 0; i < t->ntok; i++) {
            uint32_t n = sr_ner_static(t->prep, i, f);
            if (nf + n > cap) {
                cap = cap * 2 + n;
                t->feats = realloc(t->feats, cap * 8);
                if (!t->feats)
                    die("memory", "out of memory");
            }
            t->foff[i] = (uint32_t)nf;
            t->ustart[i] = sr_ner_unit_start(t->prep, i);
            for (uint32_t k = 0; k < n; k++) {
                t->feats[nf++] = f[k];
                uint32_t ix = fmap_get(&cnt, f[k], true);
                cnt.count[ix]++;
            }
        }
        t->foff[t->ntok] = (uint32_t)nf;
        ntok_all += t->ntok;
        ndocs++;
        cJSON_Delete(j);
    }
    free(line);
    fclose(in);
    fprintf(stderr, "ner_train: %zu documents, %zu tokens, %zu static features (%zu skipped docs)\n",
            ndocs, ntok_all, cnt.n, nskipped);

    /* Keep static features seen twice or more; every dynamic one. */
    fmap fm;
    fmap_init(&fm, (size_t)1 << 23);
    for (size_t i = 0; i < cnt.n; i++)
        if (cnt.count[i] >= 2)
            fmap_get(&fm, cnt.bykey[i], true);
    /* The dynamic features over all label pairs and words: add them as they
     * appear in a first gold pass. */
    for (size_t di = 0; di < ndocs; di++) {
        tdoc *t = &docs[di];
        sr_ner_forget(t->prep);
        for (uint32_t i = 0; i < t->ntok; i++) {
            uint32_t u = t->ustart[i];
            int y1 = i > u ? t->gold[i - 1] : -1, y2 = i > u + 1 ? t->gold[i - 2] : -1;
            uint32_t n = sr_ner_dynamic(t->prep, i, y1, y2, f);
            for (uint32_t k = 0; k < n; k++)
                fmap_get(&fm, f[k], true);
            sr_ner_observe(t->prep, i, t->gold[i]);
        }
    }
    fprintf(stderr, "ner_train: %zu features kept\n", fm.n);
    /* room for dynamic features first met with wrong labels */
    W = calloc((fm.mask + 1) / 2 * NL, sizeof *W);
    U = calloc((fm.mask + 1) / 2 * NL, sizeof *U);
    uint8_t *pred = malloc(ntok_all + 1); /* one document's */
    size_t *order = malloc(ndocs * sizeof *order);
    if (!W || !U || !pred || !order)
        die("memory", "out of memory");
    for (size_t i = 0; i < ndocs; i++)
        order[i] = i;
    /* RUNS perceptrons, each over its own fixed shuffle, averaged: the
     * weights depend less on the order of the documents (one run's
     * CoNLL dev F1 moves by 0.3 with the shuffle). */
    float *Wsum = calloc((fm.mask + 1) / 2 * NL, sizeof *Wsum);
    if (!Wsum)
        die("memory", "out of memory");
    for (int run = 0; run < runs; run++) {
        memset(W, 0, (fm.mask + 1) / 2 * NL * sizeof *W);
        memset(U, 0, (fm.mask + 1) / 2 * NL * sizeof *U);
        C = 1;
        for (size_t i = 0; i < ndocs; i++)
            order[i] = i;
        uint64_t rng = 0x5eed + (uint64_t)run * 0x9e3779b97f4a7c15ULL;
        for (int e = 0; e < epochs; e++) {
            for (size_t i = ndocs - 1; i > 0; i--) {
                rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
                size_t k = (size_t)(rng >> 33) % (i + 1);
                size_t tmp = order[i];
                order[i] = order[k];
                order[k] = tmp;
            }
            size_t wrong = 0;
            for (size_t i = 0; i < ndocs; i++)
                wrong += pass(&fm, &docs[order[i]], true, pred);
            fprintf(stderr, "ner_train: run %d, epoch %d: %zu of %zu tokens wrong (%.2f%%)\n", run + 1,
                    e + 1, wrong, ntok_all, 100.0 * (double)wrong / (double)ntok_all);
        }
        for (size_t i = 0; i < fm.n * NL; i++)
            Wsum[i] += (float)(W[i] - U[i] / C);
    }
    /* Average, scale, quantize. */
    float maxw = 0;
    for (size_t i = 0; i < fm.n * NL; i++) {
        W[i] = Wsum[i] / (float)runs;
        if (fabsf(W[i]) > maxw)
            maxw = fabsf(W[i]);
    }
    float scale = maxw > 0 ? 32000.0f / maxw : 1.0f;
    uint64_t *keys = malloc(fm.n * 8);
    size_t nk = 0;
    for (size_t i = 0; i < fm.n; i++) {
        bool any = false;
        for (int l = 0; l < NL; l++)
            if (lrintf(W[i * NL + l] * scale) != 0)
                any = true;
        if (any)
            keys[nk++] = fm.bykey[i];
    }
    /* At most MAXFEAT features, those with the largest weights: the table
     * stays small enough for the processor's cache. */
    size_t maxfeat = getenv("NER_MAXFEAT") ? (size_t)atol(getenv("NER_MAXFEAT")) : 48000;
    if (nk > maxfeat) {
        float *mag = malloc(nk * sizeof *mag);
        size_t *ord = malloc(nk * sizeof *ord);
        if (!mag || !ord)
            die("memory", "out of memory");
        for (size_t i = 0; i < nk; i++) {
            uint32_t ix = fmap_get(&fm, keys[i], false);
            float s = 0;
            for (int l = 0; l < NL; l++)
                s += fabsf(W[(size_t)ix * NL + l]);
            mag[i] = s;
            ord[i] = i;
        }
        g_mag = mag;
        qsort(ord, nk, sizeof *ord, cmp_mag);
        uint64_t *kept = malloc(maxfeat * 8);
        if (!kept)
            die("memory", "out of memory");
        for (size_t i = 0; i < maxfeat; i++)
            kept[i] = keys[ord[i]];
        free(keys);
        keys = kept;
        nk = maxfeat;
        free(mag);
        free(ord);
    }
    qsort(keys, nk, 8, cmp_u64);
    gzFile out = gzopen(argv[3], "wb9");
    if (!out)
        die(argv[3], "cannot write");
    uint32_t hdr[3] = {SR_NER_VERSION, NL, (uint32_t)nk};
    gzwrite(out, "SRNERW\0\0", 8);
    gzwrite(out, hdr, sizeof hdr);
    gzwrite(out, &scale, sizeof scale);
    for (size_t i = 0; i < nk; i++) {
        uint32_t ix = fmap_get(&fm, keys[i], false);
        int16_t w[NL];
        for (int l = 0; l < NL; l++)
            w[l] = (int16_t)lrintf(W[(size_t)ix * NL + l] * scale);
        gzwrite(out, &keys[i], 8);
        gzwrite(out, w, sizeof w);
    }
    if (gzclose(out) != Z_OK)
        die(argv[3], "write failed");
    fprintf(stderr, "ner_train: wrote %s: %zu features, scale %g\n", argv[3], nk, (double)scale);
    return 0;
}
