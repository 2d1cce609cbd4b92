/*
 * event_train.c: learns the conflict-sense test of event triggers
 * (src/meaning/event_gate.h) and writes its weights for the model
 * compiler.
 *
 * usage: event_train MODEL OUT.weights.gz ACLED.jsonl PLOVER.jsonl BUSINESS.jsonl
 *                    [CORPUS.jsonl JUDGED.tsv [TEST.tsv...]]
 *
 * Conflict sense: each candidate trigger (a word of an ACLED class or of
 * CAMEO 18-20) the event stage meets is one example, with the features
 * the stage scores:
 *   positive  in ACLED's event notes (the `notes` field), and in PLOVER
 *             sentences coded ASSAULT, PROTEST, COERCE or MOBILIZE
 *   negative  in the Reuters earnings and acquisitions articles (news that
 *             reports no violence)
 *   calm      in the articles of general news (CORPUS.jsonl) that name no
 *             armed men, soldiers, police, war or protesters and have at most
 *             one word of violence or protest (the trigger's own): the other
 *             senses of the words ("attacked the reports", "a rally in
 *             bonds", "the pact they struck"), each weighing CALM_WEIGHT.
 *             Left out: the business articles (already read), the judged
 *             ones, and those of the test fixtures TEST.tsv (the
 *             hand-judged precision draws: never training data)
 *   judged    candidates in general news (Reuters-21578) judged by hand
 *             (tests/fixtures/event_sense.tsv: id, trigger offsets, label;
 *             Y, V conflict sense, R, N none), each weighing JUDGED_WEIGHT:
 *             the hard cases of news of every kind (commodity "rallies",
 *             accidents, labour strikes, a row "defused")
 * Incident type: the first incident the stage makes of each ACLED note,
 * labelled with ACLED's sub-event type; softmax regression.
 * One record in five (by a hash of its id) is held out of training and
 * scored after it; the figures go to standard error.  Logistic regression
 * over hashed features, classes weighted to equal mass, averaged SGD with
 * a fixed order: the same data give the same weights.
 *
 * Weights file: "SREVTW\0\0", then the EVTW section as the model holds it
 * (event_gate.h), gzip.
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
#define JUDGED_WEIGHT 1.0f
#define CALM_WEIGHT 0.5f

typedef struct example {
    uint32_t first, n; /* in feats */
    int8_t label;      /* 1, 0 */
    bool held;
    float weight;
    bool judged; /* a judged candidate of general news */
} example;

typedef struct examples {
    example *v;
    size_t n, cap;
    uint32_t *feats;
    size_t nf, capf;
} examples;

static struct {
    examples gate, type;
    int label;    /* of the record being read, or -1: none */
    int sub;      /* its ACLED sub-event type, or -1 */
    bool typed;   /* its first incident seen */
    bool held;
    bool calm;    /* a calm article of general news (weight CALM_WEIGHT) */
    /* the judged candidates of the record being read (label -3) */
    const struct judged *judged;
    size_t njudged;
} T = {.label = -1, .sub = -1};

typedef struct judged {
    char id[32];
    uint32_t start;
    int8_t label;
} judged;
static judged *J;
static size_t NJ;

static void add_example(examples *x, const uint32_t *f, int n, int label, bool held, float weight);

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "event_train: %s: %s\n", what, msg);
    exit(1);
}

static void add_example(examples *x, const uint32_t *f, int n, int label, bool held, float weight)
{
    if (x->n == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 4096;
        x->v = realloc(x->v, x->cap * sizeof *x->v);
    }
    while (x->nf + (size_t)n > x->capf) {
        x->capf = x->capf ? x->capf * 2 : 1 << 20;
        x->feats = realloc(x->feats, x->capf * sizeof *x->feats);
    }
    if (!x->v || !x->feats)
        die("memory", "out of memory");
    x->v[x->n++] = (example){(uint32_t)x->nf, (uint32_t)n, (int8_t)label, held, weight, T.label == -3};
    memcpy(x->feats + x->nf, f, (size_t)n * sizeof *f);
    x->nf += (size_t)n;
}

/* Per candidate traced: the gate examples it added, so that a sentence
 * read again can withdraw its first reading's. */
static uint8_t *calls;
static size_t ncalls, capcalls;

static void trace(void *ctx, const sr_doc *d, const sr_event *ev, bool incident, const uint32_t *f, int n)
{
    (void)ctx;
    if (n < 0) {
        for (int k = 0; k < -n && ncalls; k++) {
            T.gate.n -= calls[--ncalls];
            T.gate.nf = T.gate.n ? T.gate.v[T.gate.n - 1].first + T.gate.v[T.gate.n - 1].n : 0;
        }
        return;
    }
    size_t before = T.gate.n;
    if (!incident && T.label >= 0)
        add_example(&T.gate, f, n, T.label, T.held, T.calm ? CALM_WEIGHT : 1.0f);
    if (!incident && T.label == -3)
        for (size_t k = 0; k < T.njudged; k++)
            if (T.judged[k].start == d->tokens.v[ev->trig_tok].start)
                add_example(&T.gate, f, n, T.judged[k].label, T.held, JUDGED_WEIGHT);
    if (!incident) {
        if (ncalls == capcalls) {
            capcalls = capcalls ? capcalls * 2 : 1 << 16;
            calls = realloc(calls, capcalls);
            if (!calls)
                die("memory", "out of memory");
        }
        calls[ncalls++] = (uint8_t)(T.gate.n - before);
    }
    if (incident && T.sub > 0 && !T.typed) {
        add_example(&T.type, f, n, T.sub, T.held, 1.0f);
        T.typed = true;
    }
}

static int sub_index(const char *name)
{
    for (int s = 1; name && s < SR_ACLED_S__COUNT; s++)
        if (strcmp(name, sr_acled_sub_names[s]) == 0)
            return s;
    return -1;
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

/* Ids left out of the calm articles: sorted, for bisection. */
static char **X;
static size_t NX, CX;

static void exclude(const char *id)
{
    if (NX == CX) {
        CX = CX ? CX * 2 : 8192;
        X = realloc(X, CX * sizeof *X);
        if (!X)
            die("memory", "out of memory");
    }
    X[NX] = strdup(id);
    if (!X[NX++])
        die("memory", "out of memory");
}

static int str_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool excluded(const char *id)
{
    return bsearch(&id, X, NX, sizeof *X, str_cmp) != NULL;
}

/* The ids of a fixture (id, start, end, label) or of a JSON-lines set. */
static void exclude_ids(const char *path, bool jsonl)
{
    FILE *in = fopen(path, "r");
    if (!in)
        die(path, "cannot open");
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, in) > 0) {
        if (jsonl) {
            cJSON *j = cJSON_Parse(line);
            const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(j, "id"));
            if (id)
                exclude(id);
            cJSON_Delete(j);
        } else if (line[0] != '#' && line[0] != '\n') {
            line[strcspn(line, "\t\n")] = 0;
            exclude(line);
        }
    }
    free(line);
    fclose(in);
}

/* Words of armed men, war and protesters (none in a calm article), and the
 * beginnings of words of violence or protest (at most one). */
static const char *const armed_words[] = {
    "soldier", "soldiers", "troop", "troops", "army", "armies", "police", "policeman", "policemen",
    "guerrilla", "guerrillas", "guerilla", "guerillas", "rebel", "rebels", "militant", "militants",
    "gunman", "gunmen", "militia", "militias", "insurgent", "insurgents", "terrorist", "terrorists",
    "protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators", "rioter",
    "rioters", "marine", "marines", "navy", "naval", "military", "warship", "warships", "warplane",
    "warplanes", "commando", "commandos", "striker", "strikers", "mob", "mobs", "extremist",
    "extremists", "separatist", "separatists", "contra", "contras", "war", "wars", "wartime", "coup",
    NULL};
static const char *const violence_stems[] = {
    "kill", "dead", "death", "died", "wound", "injur", "bomb", "shot", "shoot", "gun", "explosion",
    "blast", "attack", "clash", "fight", "fought", "riot", "protest", "demonstrat", "march", "raid",
    "missile", "rocket", "shell", "hostage", "kidnap", "arrest", "seiz", "captur", "violen", "assault",
    "battle", "strike", "struck", "storm", "destroy", "burn", "loot", "massacre", "murder", "execut",
    "ceasefire", "truce", NULL};

static bool calm_text(const char *t)
{
    int violent = 0;
    char w[32];
    while (*t) {
        size_t n = 0;
        while (*t && !((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z')))
            t++;
        while ((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z')) {
            if (n + 1 < sizeof w)
                w[n++] = (char)(*t >= 'A' && *t <= 'Z' ? *t + 32 : *t);
            t++;
        }
        w[n] = 0;
        if (!n)
            continue;
        for (int k = 0; armed_words[k]; k++)
            if (strcmp(w, armed_words[k]) == 0)
                return false;
        for (int k = 0; violence_stems[k]; k++)
            if (strncmp(w, violence_stems[k], strlen(violence_stems[k])) == 0 && ++violent > 1)
                return false;
    }
    return true;
}

static int judged_cmp(const void *a, const void *b)
{
    return strcmp(((const judged *)a)->id, ((const judged *)b)->id);
}

/* Reads the judged candidates: id, trigger start, trigger end, label. */
static void read_judged(const char *path)
{
    FILE *in = fopen(path, "r");
    if (!in)
        die(path, "cannot open");
    char line[256], lab[8];
    size_t cap = 0;
    unsigned st, en;
    while (fgets(line, sizeof line, in)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (NJ == cap) {
            cap = cap ? cap * 2 : 512;
            J = realloc(J, cap * sizeof *J);
            if (!J)
                die("memory", "out of memory");
        }
        judged *q = &J[NJ];
        if (sscanf(line, "%31s %u %u %7s", q->id, &st, &en, lab) != 4)
            die(path, "a malformed line");
        q->start = st;
        q->label = lab[0] == 'Y' || lab[0] == 'V' ? 1 : 0;
        NJ++;
    }
    fclose(in);
    qsort(J, NJ, sizeof *J, judged_cmp);
}

/* Reads one set: field `field` holds the text; label 1, 0, by the
 * PLOVER coding (-2), or by the judged candidates (-3: other records
 * skipped). */
static void read_set(sitrep_extractor *x, const char *path, const char *field, int label)
{
    FILE *in = fopen(path, "r");
    if (!in)
        die(path, "cannot open");
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    size_t before = T.gate.n, recs = 0;
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
        T.label = label == -2 ? (plover_conflict(j) ? 1 : -1) : label == -4 ? 0 : label;
        T.calm = label == -4;
        if (label == -4 && (excluded(idb) || !calm_text(text))) {
            cJSON_Delete(j);
            continue;
        }
        if (label == -3) {
            T.judged = NULL, T.njudged = 0;
            for (size_t k = 0; k < NJ; k++) /* J is sorted by id */
                if (strcmp(J[k].id, idb) == 0) {
                    if (!T.judged)
                        T.judged = &J[k];
                    T.njudged++;
                }
            if (!T.njudged) {
                cJSON_Delete(j);
                continue;
            }
        }
        T.held = id_hash(idb) % 5 == 0;
        T.sub = label == 1 ? sub_index(cJSON_GetStringValue(cJSON_GetObjectItem(j, "sub_event_type"))) : -1;
        T.typed = false;
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
    T.label = -1, T.sub = -1, T.calm = false;
    fprintf(stderr, "event_train: %s: %zu records, %zu candidates\n", path, recs, T.gate.n - before);
}

static double score(const float *w, const example *e)
{
    double s = 0;
    for (uint32_t k = 0; k < e->n; k++)
        s += w[T.gate.feats[e->first + k] & (SR_EVTW_SLOTS - 1)];
    return s;
}

static void shuffle(size_t *order, size_t n, uint64_t *rng)
{
    for (size_t i = n; i > 1; i--) { /* a fixed shuffle */
        *rng = *rng * 6364136223846793005ull + 1442695040888963407ull;
        size_t j = (size_t)(*rng >> 33) % i, t = order[i - 1];
        order[i - 1] = order[j], order[j] = t;
    }
}

#define NC SR_ACLED_S__COUNT

static void type_scores(const float *w, const example *e, double *s)
{
    for (int k = 0; k < NC; k++)
        s[k] = 0;
    for (uint32_t q = 0; q < e->n; q++) {
        const float *row = w + (size_t)(T.type.feats[e->first + q] & (SR_EVTT_SLOTS - 1)) * NC;
        for (int k = 1; k < NC; k++)
            s[k] += row[k];
    }
}

static int argmax(const double *s)
{
    int b = 1;
    for (int k = 2; k < NC; k++)
        if (s[k] > s[b])
            b = k;
    return b;
}

/* Softmax regression of the incident types, averaged over the epochs. */
static float *train_types(void)
{
    size_t nw = (size_t)SR_EVTT_SLOTS * NC;
    float *w = calloc(nw, sizeof *w), *avg = calloc(nw, sizeof *avg);
    double *sum = calloc(nw, sizeof *sum);
    size_t *order = malloc((T.type.n + 1) * sizeof *order), no = 0;
    if (!w || !avg || !sum || !order)
        die("memory", "out of memory");
    for (size_t i = 0; i < T.type.n; i++)
        if (!T.type.v[i].held)
            order[no++] = i;
    uint64_t rng = 0x2545F4914F6CDD1Dull;
    double s[NC], p[NC];
    for (int ep = 0; ep < EPOCHS; ep++) {
        shuffle(order, no, &rng);
        double lr = 0.1 / (1 + ep);
        for (size_t q = 0; q < no; q++) {
            const example *e = &T.type.v[order[q]];
            type_scores(w, e, s);
            double mx = s[1], z = 0;
            for (int k = 2; k < NC; k++)
                mx = s[k] > mx ? s[k] : mx;
            for (int k = 1; k < NC; k++)
                z += p[k] = exp(s[k] - mx);
            for (uint32_t f = 0; f < e->n; f++) {
                float *row = w + (size_t)(T.type.feats[e->first + f] & (SR_EVTT_SLOTS - 1)) * NC;
                for (int k = 1; k < NC; k++)
                    row[k] += (float)(lr * ((k == e->label) - p[k] / z));
            }
        }
        for (size_t b = 0; b < nw; b++)
            sum[b] += w[b];
    }
    for (size_t b = 0; b < nw; b++)
        avg[b] = (float)(sum[b] / EPOCHS);
    size_t right[2] = {0, 0}, all[2] = {0, 0}, rules[2] = {0, 0};
    for (size_t i = 0; i < T.type.n; i++) {
        const example *e = &T.type.v[i];
        type_scores(avg, e, s);
        right[e->held] += argmax(s) == e->label;
        all[e->held]++;
        (void)rules;
    }
    fprintf(stderr, "event_train: incident types: training %zu, %.1f%% right; held out %zu, %.1f%% right\n",
            all[0], 100.0 * right[0] / (all[0] ? all[0] : 1), all[1], 100.0 * right[1] / (all[1] ? all[1] : 1));
    free(w), free(sum), free(order);
    return avg;
}

int main(int argc, char **argv)
{
    if (argc != 6 && argc < 8)
        die("usage", "event_train MODEL OUT.weights.gz ACLED.jsonl PLOVER.jsonl BUSINESS.jsonl "
                     "[CORPUS.jsonl JUDGED.tsv [TEST.tsv...]]");
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
    if (argc >= 8) {
        read_judged(argv[7]);
        read_set(x, argv[6], "text", -3);
        exclude_ids(argv[5], true);
        for (int a = 7; a < argc; a++)
            exclude_ids(argv[a], false);
        qsort(X, NX, sizeof *X, str_cmp);
        read_set(x, argv[6], "text", -4);
        for (size_t k = 0; k < NX; k++)
            free(X[k]);
        free(X);
    }
    sr_event_set_trace(NULL, NULL);

    /* classes of equal mass over the training part */
    double mass[2] = {0, 0};
    size_t ntrain = 0;
    for (size_t i = 0; i < T.gate.n; i++)
        if (!T.gate.v[i].held)
            mass[T.gate.v[i].label] += T.gate.v[i].weight, ntrain++;
    if (!mass[0] || !mass[1])
        die("data", "no examples of one class");
    double tmass = mass[0] + mass[1];
    double cw[2] = {tmass / (2 * mass[0]), tmass / (2 * mass[1])};
    (void)ntrain;
    float *w = calloc(SR_EVTW_SLOTS, sizeof *w), *avg = calloc(SR_EVTW_SLOTS, sizeof *avg);
    double *sum = calloc(SR_EVTW_SLOTS, sizeof *sum);
    size_t *order = malloc((T.gate.n + 1) * sizeof *order);
    if (!w || !avg || !sum || !order)
        die("memory", "out of memory");
    size_t no = 0;
    for (size_t i = 0; i < T.gate.n; i++)
        if (!T.gate.v[i].held)
            order[no++] = i;
    uint64_t rng = 0x9E3779B97F4A7C15ull;
    const double l2 = 1e-6;
    for (int ep = 0; ep < EPOCHS; ep++) {
        shuffle(order, no, &rng);
        double lr = 0.2 / (1 + ep);
        for (size_t q = 0; q < no; q++) {
            const example *e = &T.gate.v[order[q]];
            double s = score(w, e), p = 1 / (1 + exp(-s));
            double g = (e->label - p) * cw[e->label] * e->weight * lr;
            for (uint32_t k = 0; k < e->n; k++) {
                uint32_t b = T.gate.feats[e->first + k] & (SR_EVTW_SLOTS - 1);
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
    for (size_t i = 0; i < T.gate.n; i++) {
        const example *e = &T.gate.v[i];
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
    size_t jc[2][2][2] = {{{0}}}; /* judged: [held][label][kept] */
    for (size_t i = 0; i < T.gate.n; i++) {
        const example *e = &T.gate.v[i];
        if (e->judged)
            jc[e->held][e->label][score(avg, e) >= threshold]++;
    }
    for (int h = 0; h < 2; h++)
        fprintf(stderr, "event_train: judged, %s: %zu conflict, %zu kept; %zu other, %zu rejected\n",
                h ? "held out" : "training", jc[h][1][0] + jc[h][1][1], jc[h][1][1],
                jc[h][0][0] + jc[h][0][1], jc[h][0][0]);

    float *types = train_types(), type_count[NC] = {0};
    for (size_t i = 0; i < T.type.n; i++)
        if (!T.type.v[i].held)
            type_count[T.type.v[i].label] += 1;
    uint32_t th[2] = {SR_EVTT_SLOTS, NC};
    size_t ntw = (size_t)SR_EVTT_SLOTS * NC;
    gzFile out = gzopen(argv[2], "wb9");
    if (!out)
        die(argv[2], "cannot write");
    uint32_t h[2] = {SR_EVTW_MAGIC, SR_EVTW_SLOTS};
    if (gzwrite(out, "SREVTW\0\0", 8) != 8 || gzwrite(out, h, 8) != 8 ||
        gzwrite(out, &threshold, 4) != 4 ||
        gzwrite(out, avg, SR_EVTW_SLOTS * sizeof *avg) != (int)(SR_EVTW_SLOTS * sizeof *avg) ||
        gzwrite(out, th, 8) != 8 || gzwrite(out, types, (unsigned)(ntw * sizeof *types)) != (int)(ntw * sizeof *types) ||
        gzwrite(out, type_count, sizeof type_count) != (int)sizeof type_count ||
        gzclose(out) != Z_OK)
        die(argv[2], "cannot write");
    free(w), free(avg), free(sum), free(order), free(types);
    free(T.gate.v), free(T.gate.feats), free(T.type.v), free(T.type.feats);
    sitrep_extractor_free(x);
    sitrep_model_free(model);
    return 0;
}
