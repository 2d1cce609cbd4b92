/*
 * stages.c: time each pipeline stage separately on a JSONL corpus held in
 * memory (no I/O), to see where extraction time goes.
 * usage: stages FILE.jsonl [ROUNDS] [--until STAGE] [--skip STAGE,...]
 * --until stops after a stage (layout ... events); --skip leaves stages
 * out (e.g. --skip entity,event to time the others on a long document
 * while those two are slow).  Each round is one cold pass; the best round
 * of each stage is reported.
 */
#include "read/read.h"
#include "out/out.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The thread's CPU time: on a machine shared with other jobs, time spent
 * waiting for a core is not the stage's. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

enum { S_JSONL, S_LAYOUT, S_TEXT, S_SEGMENT, S_TAG, S_LEMMA, S_MATCH, S_PARSE, S_NER, S_ENTITY,
       S_TIME, S_QUANTITY, S_QUOTE, S_EVENT, S_RECORD, S__COUNT };
static const char *const stage_names[S__COUNT] = {
    "jsonl", "layout", "text", "segment", "tag", "lemma", "match", "parse", "ner",
    "entity", "time", "quantity", "quote", "event", "record",
};

static int stage_index(const char *s, size_t n)
{
    for (int q = 0; q < S__COUNT; q++)
        if (strlen(stage_names[q]) == n && !memcmp(stage_names[q], s, n))
            return q;
    fprintf(stderr, "stages: unknown stage \"%.*s\"\n", (int)n, s);
    exit(1);
}

/* One stage of one document on d, the stage q. */
static void run_stage(int q, sr_doc *d, const sitrep_model *m, sr_buf *b)
{
    switch (q) {
    case S_LAYOUT: sr_read_txt_layout(d, true); break;
    case S_TEXT: sr_text_run(d); break;
    case S_SEGMENT: sr_segment_run(d, m); break;
    case S_TAG: sr_tag_run(d, m); break;
    case S_LEMMA: sr_lemma_run(d, m); break;
    case S_MATCH: sr_match_run(d, m); break;
    case S_PARSE: sr_parse_run(d, m, false); break; /* the sentences with a candidate event */
    case S_NER: sr_ner_run(d, m); break;
    case S_ENTITY: sr_entity_run(d, m); break;
    case S_TIME: sr_time_run(d, m); break;
    case S_QUANTITY: sr_quantity_run(d, m); break;
    case S_QUOTE: sr_quote_run(d, m); break;
    case S_EVENT: sr_event_run(d, m); break;
    case S_RECORD:
        b->n = 0;
        sr_record_write(d, m, b, 0);
        break;
    default: break;
    }
}

/* Document `line` into d, read afresh in arena a with the caches given:
 * false when the line has no text string. */
static bool load_doc(sr_doc *d, sr_arena *a, sr_lexcache *cache, const char *line, size_t len)
{
    sr_arena_reset(a);
    memset(d, 0, sizeof *d);
    d->arena = a;
    d->lexcache = cache;
    sr_jsonl_field fl = {.name = "text"};
    sr_jsonl_error jerr;
    if (!sr_jsonl_parse(line, len, a, &fl, 1, &jerr) || fl.type != SR_JSON_STRING)
        return false;
    d->text = fl.value;
    d->len = (uint32_t)fl.len;
    return true;
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    int rounds = 3;
    bool on[S__COUNT];
    for (int q = 0; q < S__COUNT; q++)
        on[q] = true;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--until") && i + 1 < argc) {
            const char *s = argv[++i];
            for (int q = stage_index(s, strlen(s)) + 1; q < S_RECORD; q++)
                on[q] = false;
        } else if (!strcmp(argv[i], "--skip") && i + 1 < argc) {
            for (const char *s = argv[++i]; *s;) {
                size_t n = strcspn(s, ",");
                on[stage_index(s, n)] = false;
                s += n + (s[n] == ',');
            }
        } else if (!path) {
            path = argv[i];
        } else {
            rounds = atoi(argv[i]);
        }
    }
    if (!path || rounds < 1) {
        fprintf(stderr, "usage: stages FILE.jsonl [ROUNDS] [--until STAGE] [--skip STAGE,...]\n");
        return 1;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    char **lines = NULL;
    size_t *lens = NULL;
    size_t n = 0, cap = 0, in_bytes = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t k;
    while ((k = getline(&line, &lcap, f)) > 0) {
        in_bytes += (size_t)k;
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            lines = realloc(lines, cap * sizeof *lines);
            lens = realloc(lens, cap * sizeof *lens);
        }
        lines[n] = malloc((size_t)k + 1);
        memcpy(lines[n], line, (size_t)k + 1);
        lens[n++] = (size_t)k;
    }
    fclose(f);
    free(line);
    sitrep_model *m;
    double l0 = now();
    char merr[512];
    if (sitrep_model_open_err(NULL, &m, merr, sizeof merr) != SITREP_OK) {
        fprintf(stderr, "%s\n", merr);
        return 1;
    }
    printf("model load: %.2f ms\n", (now() - l0) * 1e3);
    sr_arena a;
    sr_arena_init(&a);
    sr_lexcache *cache = calloc(1, sizeof *cache);
    sr_buf b;
    sr_buf_init(&b);
    double best[S__COUNT];
    for (int q = 0; q < S__COUNT; q++)
        best[q] = 1e30;
    size_t ntok = 0, nsent = 0, ndoc = 0, total = 0, arena_peak = 0, parsed = 0;
    for (int r = 0; r < rounds; r++) {
        /* every round one cold pass, as `sitrep extract` makes: the
         * extractor's lookup caches start empty */
        memset(cache, 0, sizeof *cache);
        double acc[S__COUNT] = {0};
        ntok = nsent = ndoc = total = parsed = 0;
        for (size_t i = 0; i < n; i++) {
            sr_doc d;
            double t0 = now();
            bool ok = load_doc(&d, &a, cache, lines[i], lens[i]);
            acc[S_JSONL] += now() - t0;
            if (!ok)
                continue;
            for (int q = S_LAYOUT; q < S__COUNT; q++) {
                if (!on[q])
                    continue;
                double s0 = now();
                run_stage(q, &d, m, &b);
                acc[q] += now() - s0;
            }
            if (a.total > arena_peak)
                arena_peak = a.total;
            for (uint32_t t = 0; on[S_PARSE] && t < d.tokens.n; t++)
                parsed += sr_parsed(&d, t);
            ntok += d.tokens.n;
            nsent += d.sentences.n;
            ndoc++;
            total += d.len;
        }
        for (int q = 0; q < S__COUNT; q++)
            if (acc[q] < best[q])
                best[q] = acc[q];
    }
    printf("%zu documents, %.2f MB of text (%.2f MB of JSONL), %zu tokens, %zu sentences\n", ndoc,
           (double)total / 1e6, (double)in_bytes / 1e6, ntok, nsent);
    printf("  largest document arena: %.1f MB\n", (double)arena_peak / 1e6);
    double sum = 0;
    for (int q = 0; q < S__COUNT; q++) {
        if (!on[q])
            continue;
        sum += best[q];
        printf("  %-9s %9.1f ms  %8.1f MB/s of %s\n", stage_names[q], best[q] * 1e3,
               (double)(q == S_JSONL ? in_bytes : total) / 1e6 / (best[q] > 0 ? best[q] : 1e-9),
               q == S_JSONL ? "input" : "text");
    }
    if (on[S_PARSE])
        printf("  parser: %zu tokens parsed, %.0f tokens/s\n", parsed,
               (double)parsed / (best[S_PARSE] > 0 ? best[S_PARSE] : 1e-9));
    printf("  %-9s %9.1f ms  %8.1f MB/s of text\n", "total", sum * 1e3,
           (double)total / 1e6 / (sum > 0 ? sum : 1e-9));
    /* the parse stage at other beam widths (the stages before it untimed) */
    static const uint32_t widths[] = {1, 2, 4, 8, 16};
    for (size_t w = 0; on[S_PARSE] && w < sizeof widths / sizeof *widths; w++) {
        double t = 0;
        size_t np = 0;
        memset(cache, 0, sizeof *cache);
        for (size_t i = 0; i < n; i++) {
            sr_doc d;
            if (!load_doc(&d, &a, cache, lines[i], lens[i]))
                continue;
            for (int q = S_LAYOUT; q < S_PARSE; q++)
                if (on[q])
                    run_stage(q, &d, m, &b);
            double s0 = now();
            sr_parse_run_beam(&d, m, false, widths[w]);
            t += now() - s0;
            for (uint32_t tk = 0; tk < d.tokens.n; tk++)
                np += sr_parsed(&d, tk);
        }
        printf("  parser, beam %2u%s: %9.1f ms, %.0f tokens/s\n", widths[w],
               widths[w] == sr_parse_default_beam(m) ? " (default)" : "", t * 1e3, (double)np / (t > 0 ? t : 1e-9));
    }
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
    free(lens);
    sr_buf_free(&b);
    sr_arena_free(&a);
    free(cache);
    sitrep_model_free(m);
    return 0;
}
