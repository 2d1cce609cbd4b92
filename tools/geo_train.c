/*
 * geo_train.c: learns the weights of the geocoder's candidate ranking
 * (src/meaning/place.c) from documents whose places have gold coordinates.
 *
 * usage: geo_train MODEL INPUT.jsonl GOLD.jsonl OUT.weights [HOLDOUT]
 *
 * INPUT: the documents as sitrep reads them ({"id","text","published"}, as
 * ../shared/eval/score_acled.py --input writes them from the ACLED notes).
 * GOLD: one line per document with "id", "latitude", "longitude" and
 * "geo_precision" (the ACLED rows).  Each document goes through sitrep's
 * own pipeline; the place stage hands every ranked name's candidates and
 * their features to this tool (sr_geo_trace).  The right candidate lies
 * where ACLED's scorer counts a place right, within 25 km of the gold point
 * (50 km at ACLED's geo_precision 2, 100 km at 3), never a country; of
 * several, the kind ACLED's precision names (a town at 1, a district at 2,
 * a region at 3: a region and the town at its seat share a point), then the
 * more precise kinds, then the nearest.
 * Names with no right candidate (other places the note names) or only
 * right ones teach nothing and are left out.
 *
 * The model is a conditional logit: P(candidate) = softmax(w . f) over a
 * name's candidates, fitted by batch gradient descent with an L2 penalty
 * to put the probability on the right candidates.  Every HOLDOUT-th
 * document (default 5: the 5th, 10th, ...) is held out of training, and
 * the tool prints the share of held-out names whose best candidate is
 * right, for the learned weights, for place.c's defaults and for the
 * gazetteer's own order (largest first).  Deterministic: the same inputs
 * give the same file.
 */
#include "out/out.h"

#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "geo_train: %s: %s\n", what, msg);
    exit(1);
}

typedef struct group {
    uint32_t first, n; /* rows in the candidate table */
    bool test;
} group;

typedef struct trainer {
    const sitrep_model *m;
    double lat, lon, radius;
    bool test;
    uint32_t nfeat;
    float *f;       /* [row * nfeat] */
    uint8_t *right; /* [row] */
    uint32_t nrows, caprows;
    group *g;
    uint32_t ng, capg;
} trainer;

static double km(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 3.14159265358979 / 180.0;
    double a = sin((lat2 - lat1) * r / 2), b = sin((lon2 - lon1) * r / 2);
    double h = a * a + cos(lat1 * r) * cos(lat2 * r) * b * b;
    return 2 * 6371.0 * asin(sqrt(h < 1 ? h : 1));
}

static void trace(void *ctx, const sr_doc *d, uint32_t entity, const uint32_t *ids, uint32_t n,
                  const float *feats, uint32_t nfeat)
{
    (void)d;
    (void)entity;
    trainer *t = ctx;
    if (n < 2)
        return;
    t->nfeat = nfeat;
    /* the right candidate: of those within the scorer's radius of the
     * gold point, the most precise (a town, then a district, then a
     * region: the town rather than the region of its name), then the
     * nearest */
    /* by ACLED's geo_precision: a town at 1, a district at 2, a region at
     * 3 is the kind of place the coder used; the more precise kinds next */
    static const int precise[3][4] = {
        {[SR_FEATURE_COUNTRY] = 0, [SR_FEATURE_ADMIN1] = 1, [SR_FEATURE_ADMIN2] = 2, [SR_FEATURE_CITY] = 3},
        {[SR_FEATURE_COUNTRY] = 0, [SR_FEATURE_ADMIN1] = 1, [SR_FEATURE_ADMIN2] = 2, [SR_FEATURE_CITY] = 3},
        {[SR_FEATURE_COUNTRY] = 0, [SR_FEATURE_ADMIN1] = 3, [SR_FEATURE_ADMIN2] = 2, [SR_FEATURE_CITY] = 1}};
    int gp = t->radius <= 25 ? 0 : t->radius <= 50 ? 1 : 2;
    uint8_t right[32];
    uint32_t nright = 0, near = 0;
    double best = 1e300;
    int bestp = -1;
    for (uint32_t k = 0; k < n; k++) {
        const sr_place_rec *p = sr_geo_place(t->m, ids[k]);
        right[k] = 0;
        if (!p->has_coords || p->feature == SR_FEATURE_COUNTRY)
            continue;
        double dk = km(p->lat, p->lon, t->lat, t->lon);
        if (dk > t->radius)
            continue;
        int pk = precise[gp][p->feature];
        if (pk > bestp || (pk == bestp && dk < best))
            best = dk, near = k, bestp = pk;
    }
    if (bestp >= 0)
        right[near] = 1, nright = 1;
    if (!nright || nright == n)
        return;
    if (t->nrows + n > t->caprows) {
        t->caprows = t->caprows ? t->caprows * 2 : 65536;
        t->f = realloc(t->f, (size_t)t->caprows * nfeat * sizeof *t->f);
        t->right = realloc(t->right, t->caprows);
        if (!t->f || !t->right)
            die("memory", "out of memory");
    }
    memcpy(t->f + (size_t)t->nrows * nfeat, feats, (size_t)n * nfeat * sizeof *feats);
    memcpy(t->right + t->nrows, right, n);
    if (t->ng == t->capg) {
        t->capg = t->capg ? t->capg * 2 : 16384;
        t->g = realloc(t->g, t->capg * sizeof *t->g);
        if (!t->g)
            die("memory", "out of memory");
    }
    t->g[t->ng++] = (group){t->nrows, n, t->test};
    t->nrows += n;
}

/* The share of groups (test or training ones) whose best candidate by w
 * is right; w NULL: the first candidate (the gazetteer's order). */
static double accuracy(const trainer *t, const double *w, bool test, uint32_t *count)
{
    uint32_t ok = 0, all = 0;
    for (uint32_t i = 0; i < t->ng; i++) {
        const group *g = &t->g[i];
        if (g->test != test)
            continue;
        all++;
        uint32_t best = 0;
        double bs = -1e300;
        for (uint32_t k = 0; w && k < g->n; k++) {
            const float *f = t->f + (size_t)(g->first + k) * t->nfeat;
            double s = -0.001 * k;
            for (uint32_t j = 0; j < t->nfeat; j++)
                s += w[j] * f[j];
            if (s > bs)
                bs = s, best = k;
        }
        ok += t->right[g->first + best];
    }
    *count = all;
    return all ? 100.0 * ok / all : 0;
}

/* Batch gradient descent on the conditional logit's negative log
 * likelihood (the right candidates' total probability) plus l2 |w|^2. */
static void fit(const trainer *t, double *w, int iters, double rate, double l2)
{
    uint32_t nf = t->nfeat;
    double *grad = calloc(nf, sizeof *grad), *m1 = calloc(nf, sizeof *m1), *m2 = calloc(nf, sizeof *m2);
    double sc[32], pr[32];
    for (int it = 1; it <= iters; it++) {
        memset(grad, 0, nf * sizeof *grad);
        uint32_t ntrain = 0;
        for (uint32_t i = 0; i < t->ng; i++) {
            const group *g = &t->g[i];
            if (g->test)
                continue;
            ntrain++;
            double mx = -1e300;
            for (uint32_t k = 0; k < g->n; k++) {
                const float *f = t->f + (size_t)(g->first + k) * nf;
                double s = 0;
                for (uint32_t j = 0; j < nf; j++)
                    s += w[j] * f[j];
                sc[k] = s;
                if (s > mx)
                    mx = s;
            }
            double z = 0, zr = 0;
            for (uint32_t k = 0; k < g->n; k++) {
                pr[k] = exp(sc[k] - mx);
                z += pr[k];
                if (t->right[g->first + k])
                    zr += pr[k];
            }
            /* d(-log(zr/z))/dw = E_all[f] - E_right[f] */
            for (uint32_t k = 0; k < g->n; k++) {
                double c = pr[k] / z - (t->right[g->first + k] ? pr[k] / zr : 0);
                if (c == 0)
                    continue;
                const float *f = t->f + (size_t)(g->first + k) * nf;
                for (uint32_t j = 0; j < nf; j++)
                    grad[j] += c * f[j];
            }
        }
        /* Adam, for features of very different frequencies */
        for (uint32_t j = 0; j < nf; j++) {
            double gj = grad[j] / (ntrain ? ntrain : 1) + 2 * l2 * w[j];
            m1[j] = 0.9 * m1[j] + 0.1 * gj;
            m2[j] = 0.999 * m2[j] + 0.001 * gj * gj;
            double h1 = m1[j] / (1 - pow(0.9, it)), h2 = m2[j] / (1 - pow(0.999, it));
            w[j] -= rate * h1 / (sqrt(h2) + 1e-8);
        }
    }
    free(grad);
    free(m1);
    free(m2);
}

int main(int argc, char **argv)
{
    if (argc < 5)
        die("usage", "geo_train MODEL INPUT.jsonl GOLD.jsonl OUT.weights [HOLDOUT]");
    int holdout = argc > 5 ? atoi(argv[5]) : 5;
    char err[256];
    sitrep_model *model;
    if (sitrep_model_open_err(argv[1], &model, err, sizeof err) != SITREP_OK)
        die(argv[1], err);
    sitrep_extractor *x;
    if (sitrep_extractor_new(model, &x) != SITREP_OK)
        die("extractor", "cannot make one");
    /* the gold points, by line: the input's lines follow the gold's */
    FILE *gf = fopen(argv[3], "r"), *in = fopen(argv[2], "r");
    if (!gf || !in)
        die(gf ? argv[2] : argv[3], "cannot open");
    trainer t = {.m = model};
    sr_geo_trace = trace;
    sr_geo_trace_ctx = &t;
    char *gl = NULL, *il = NULL;
    size_t gcap = 0, icap = 0;
    ssize_t glen, ilen;
    long n = 0;
    while ((glen = getline(&gl, &gcap, gf)) > 0 && (ilen = getline(&il, &icap, in)) > 0) {
        cJSON *g = cJSON_ParseWithLength(gl, (size_t)glen);
        if (!g)
            die(argv[3], "a line is not JSON");
        const cJSON *la = cJSON_GetObjectItemCaseSensitive(g, "latitude"),
                    *lo = cJSON_GetObjectItemCaseSensitive(g, "longitude"),
                    *pr = cJSON_GetObjectItemCaseSensitive(g, "geo_precision");
        if (!cJSON_IsNumber(la) || !cJSON_IsNumber(lo))
            die(argv[3], "a line without latitude and longitude");
        t.lat = la->valuedouble;
        t.lon = lo->valuedouble;
        t.radius = !cJSON_IsNumber(pr) || pr->valueint <= 1 ? 25 : pr->valueint == 2 ? 50 : 100;
        t.test = holdout > 0 && n % holdout == holdout - 1;
        cJSON_Delete(g);
        const sitrep_record *rec;
        if (sitrep_extract_buffer(x, il, (size_t)ilen, SITREP_FORMAT_JSONL, "train", &rec) != SITREP_OK)
            die(argv[2], "extraction failed");
        n++;
    }
    free(gl);
    free(il);
    fclose(gf);
    fclose(in);
    sr_geo_trace = NULL;
    uint32_t nf = t.nfeat, nnames;
    const float *defaults;
    const char *const *names = sr_geo_feature_names(&nnames, &defaults);
    if (!t.ng || nf != nnames)
        die(argv[2], "no ambiguous names with a right candidate");
    double *w = calloc(nf, sizeof *w);
    fit(&t, w, 600, 0.05, 1e-4);
    uint32_t ntest, ntrain;
    double def[64];
    for (uint32_t j = 0; j < nf; j++)
        def[j] = 0;
    /* place.c's defaults come with the model when it has no weights */
    const sitrep_model *m = model;
    bool has = m->geo_weights && m->ngeo_weights == nf;
    double acc_w = accuracy(&t, w, true, &ntest), acc_first = accuracy(&t, NULL, true, &ntest);
    for (uint32_t j = 0; j < nf; j++)
        def[j] = defaults[j];
    double acc_def = accuracy(&t, def, true, &ntest);
    double acc_train = accuracy(&t, w, false, &ntrain);
    fprintf(stderr, "geo_train: %ld documents, %u ambiguous names (%u held out: every %dth document)\n", n,
            t.ng, ntest, holdout);
    fprintf(stderr, "geo_train: best candidate right, held out: learned %.1f%%, place.c's defaults %.1f%%, "
                    "gazetteer order %.1f%%", acc_w, acc_def, acc_first);
    if (has) {
        for (uint32_t j = 0; j < nf; j++)
            def[j] = m->geo_weights[j];
        fprintf(stderr, ", the model's weights %.1f%%", accuracy(&t, def, true, &ntest));
    }
    fprintf(stderr, "; training names: learned %.1f%%\n", acc_train);
    FILE *o = fopen(argv[4], "w");
    if (!o)
        die(argv[4], "cannot write");
    fprintf(o, "# The geocoder's candidate ranking (src/meaning/place.c), learned by\n"
               "# tools/geo_train.c (make geo-train) from the ACLED dev notes' coordinates,\n"
               "# every %dth note held out: %u names, %u held out; best candidate right on\n"
               "# held-out names %.1f%% (place.c's defaults %.1f%%, gazetteer order %.1f%%).\n"
               "# NAME WEIGHT, in place.c's order.\n",
            holdout, t.ng, ntest, acc_w, acc_def, acc_first);
    for (uint32_t j = 0; j < nf; j++)
        fprintf(o, "%s %.4f\n", names[j], w[j]);
    fclose(o);
    free(w);
    free(t.f);
    free(t.right);
    free(t.g);
    sitrep_extractor_free(x);
    sitrep_model_free(model);
    return 0;
}
