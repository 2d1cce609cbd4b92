/*
 * event_train.c: learns the conflict-sense test of event triggers
 * (src/meaning/event_gate.h) and writes its weights for the model
 * compiler.
 *
 * usage: event_train MODEL OUT.weights.gz ACLED.jsonl PLOVER.jsonl BUSINESS.jsonl
 *
 * Each candidate trigger (a word of an ACLED class or of CAMEO 18-20) the
 * event stage meets is one example, with the features the stage scores:
 *   positive  in ACLED's event notes (the `notes` field), and in PLOVER
 *             sentences coded ASSAULT, PROTEST, COERCE or MOBILIZE
 *   negative  in the Reuters earnings and acquisitions articles (news that
 *             reports no violence)
 * One record in five (by a hash of its id) is held out of training and
 * scored after it; the figures go to standard error.  Logistic regression
 * over hashed features, classes weighted to equal mass, averaged SGD with
 * a fixed order: the same data give the same weights.
 *
 * Weights file: "SREVTW\0\0", then the EVTW section as the model holds it
 * (u32 magic, u32 nslots, float threshold, float weight[nslots]), gzip.
 */
#include "meaning/event_gate.h"
#include "out/out.h"

#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define EPOCHS 12

typedef struct example {
    uint32_t first, n; /* in feats */
    int8_t label;      /* 1, 0 */
    bool held;
} example;

static struct {
    example *v;
    size_t n, cap;
    uint32_t *feats;
    size_t nf, capf;
    int label; /* of the record being read, or -1: none */
    bool held;
} T = {.label = -1};

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "event_train: %s: %s\n", what, msg);
    exit(1);
}

static void trace(void *ctx, const sr_doc *d, const sr_event *ev, const uint32_t *f, int n)
{
    (void)ctx, (void)d, (void)ev;
    if (T.label < 0)
        return;
    if (T.n == T.cap) {
        T.cap = T.cap ? T.cap * 2 : 4096;
        T.v = realloc(T.v, T.cap * sizeof *T.v);
    }
    while (T.nf + (size_t)n > T.capf) {
        T.capf = T.capf ? T.capf * 2 : 1 << 20;
        T.feats = realloc(T.feats, T.capf * sizeof *T.feats);
    }
    if (!T.v || !T.feats)
        die("memory", "out of memory");
    T.v[T.n++] = (example){(uint32_t)T.nf, (uint32_t)n, (int8_t)T.label, T.held};
    memcpy(T.feats + T.nf, f, (size_t)n * sizeof *f);
    T.nf += (size_t)n;
}

static uint32_t id_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

static bool plover_conflict(const cJSON *j)
{
    static const char *const types[] = {"ASSAULT", "FIGHT", "PROTEST", "COERCE", "MOBILIZE", NULL};
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItem(j, "expected"))
    {
        const char *t = cJSON_GetStringValue(cJSON_GetObjectItem(e, "event"));
        for (int k = 0; t && types[k]; k++)
            if (strcmp(t, types[k]) == 0)
                return true;
    }
    return false;
}

/* Reads one set: field `field` holds the text; label 1, 0, or by the
 * PLOVER coding (-2). */
static void read_set(sitrep_extractor *x, const char *path, const char *field, int label)
{
    FILE *in = fopen(path, "r");
    if (!in)
        die(path, "cannot open");
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    size_t before = T.n, recs = 0;
    while ((len = getline(&line, &lcap, in)) > 0) {
        cJSON *j = cJSON_ParseWithLength(line, (size_t)len);
        const cJSON *idj = cJSON_GetObjectItem(j, "id");
        const char *text = cJSON_GetStringValue(cJSON_GetObjectItem(j, field));
        if (!j || !text)
            die(path, "a line without its text");
        char idb[64];
        if (cJSON_IsNumber(idj))
            snprintf(idb, sizeof idb, "%.0f", idj->valuedouble);
        else
            snprintf(idb, sizeof idb, "%s", cJSON_GetStringValue(idj) ? cJSON_GetStringValue(idj) : "");
        T.label = label == -2 ? (plover_conflict(j) ? 1 : -1) : label;
        T.held = id_hash(idb) % 5 == 0;
        cJSON *doc = cJSON_CreateObject();
        cJSON_AddStringToObject(doc, "id", idb);
        cJSON_AddStringToObject(doc, "text", text);
        char *s = cJSON_PrintUnformatted(doc);
        const sitrep_record *rec;
        if (!s || sitrep_extract_buffer(x, s, strlen(s), SITREP_FORMAT_JSONL, "train", &rec) != SITREP_OK)
            die(path, "cannot read a record");
        free(s);
        cJSON_Delete(doc);
        cJSON_Delete(j);
        recs++;
    }
    free(line);
    fclose(in);
    T.label = -1;
    fprintf(stderr, "event_train: %s: %zu records, %zu candidates\n", path, recs, T.n - before);
}

static double score(const float *w, const example *e)
{
    double s = 0;
    for (uint32_t k = 0; k < e->n; k++)
        s += w[T.feats[e->first + k] & (SR_EVTW_SLOTS - 1)];
    return s;
}

int main(int argc, char **argv)
{
    if (argc != 6)
        die("usage", "event_train MODEL OUT.weights.gz ACLED.jsonl PLOVER.jsonl BUSINESS.jsonl");
    sitrep_model *model;
    char err[512];
    if (sitrep_model_open_err(argv[1], &model, err, sizeof err) != SITREP_OK)
        die(argv[1], err);
    sitrep_extractor *x;
    if (sitrep_extractor_new(model, &x) != SITREP_OK)
        die("extractor", "out of memory");
    sr_event_set_trace(trace, NULL);
    read_set(x, argv[3], "notes", 1);
    read_set(x, argv[4], "text", -2);
    read_set(x, argv[5], "text", 0);
    sr_event_set_trace(NULL, NULL);

    /* classes of equal mass over the training part */
    double mass[2] = {0, 0};
    size_t ntrain = 0;
    for (size_t i = 0; i < T.n; i++)
        if (!T.v[i].held)
            mass[T.v[i].label] += 1, ntrain++;
    if (!mass[0] || !mass[1])
        die("data", "no examples of one class");
    double cw[2] = {ntrain / (2 * mass[0]), ntrain / (2 * mass[1])};
    float *w = calloc(SR_EVTW_SLOTS, sizeof *w), *avg = calloc(SR_EVTW_SLOTS, sizeof *avg);
    double *sum = calloc(SR_EVTW_SLOTS, sizeof *sum);
    size_t *order = malloc(T.n * sizeof *order);
    if (!w || !avg || !sum || !order)
        die("memory", "out of memory");
    size_t no = 0;
    for (size_t i = 0; i < T.n; i++)
        if (!T.v[i].held)
            order[no++] = i;
    uint64_t rng = 0x9E3779B97F4A7C15ull;
    const double l2 = 1e-6;
    for (int ep = 0; ep < EPOCHS; ep++) {
        for (size_t i = no; i > 1; i--) { /* a fixed shuffle */
            rng = rng * 6364136223846793005ull + 1442695040888963407ull;
            size_t j = (size_t)(rng >> 33) % i, t = order[i - 1];
            order[i - 1] = order[j], order[j] = t;
        }
        double lr = 0.2 / (1 + ep);
        for (size_t q = 0; q < no; q++) {
            const example *e = &T.v[order[q]];
            double s = score(w, e), p = 1 / (1 + exp(-s));
            double g = (e->label - p) * cw[e->label] * lr;
            for (uint32_t k = 0; k < e->n; k++) {
                uint32_t b = T.feats[e->first + k] & (SR_EVTW_SLOTS - 1);
                w[b] += (float)(g - lr * l2 * w[b]);
            }
        }
        for (uint32_t b = 0; b < SR_EVTW_SLOTS; b++) /* averaged over the epochs */
            sum[b] += w[b];
    }
    for (uint32_t b = 0; b < SR_EVTW_SLOTS; b++)
        avg[b] = (float)(sum[b] / EPOCHS);

    /* held-out figures */
    float threshold = 0;
    size_t tp = 0, fn = 0, fp = 0, tn = 0, trp = 0, trn = 0, trtp = 0, trtn = 0;
    for (size_t i = 0; i < T.n; i++) {
        const example *e = &T.v[i];
        bool yes = score(avg, e) >= threshold;
        if (e->held) {
            if (e->label)
                yes ? tp++ : fn++;
            else
                yes ? fp++ : tn++;
        } else if (e->label)
            trp++, trtp += yes;
        else
            trn++, trtn += !yes;
    }
    fprintf(stderr, "event_train: training: %zu positive (%.1f%% kept), %zu negative (%.1f%% rejected)\n",
            trp, 100.0 * trtp / (trp ? trp : 1), trn, 100.0 * trtn / (trn ? trn : 1));
    fprintf(stderr, "event_train: held out: %zu positive, %.1f%% kept; %zu negative, %.1f%% rejected\n",
            tp + fn, 100.0 * tp / (tp + fn ? tp + fn : 1), fp + tn, 100.0 * tn / (fp + tn ? fp + tn : 1));

    gzFile out = gzopen(argv[2], "wb9");
    if (!out)
        die(argv[2], "cannot write");
    uint32_t h[2] = {SR_EVTW_MAGIC, SR_EVTW_SLOTS};
    if (gzwrite(out, "SREVTW\0\0", 8) != 8 || gzwrite(out, h, 8) != 8 ||
        gzwrite(out, &threshold, 4) != 4 ||
        gzwrite(out, avg, SR_EVTW_SLOTS * sizeof *avg) != (int)(SR_EVTW_SLOTS * sizeof *avg) ||
        gzclose(out) != Z_OK)
        die(argv[2], "cannot write");
    free(w), free(avg), free(sum), free(order), free(T.v), free(T.feats);
    sitrep_extractor_free(x);
    sitrep_model_free(model);
    return 0;
}
