/*
 * stages.c: time each pipeline stage separately on a JSONL corpus held in
 * memory (no I/O), to see where extraction time goes.
 * usage: stages FILE.jsonl [ROUNDS]
 */
#include "read/read.h"
#include "out/out.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: stages FILE.jsonl [ROUNDS]\n");
        return 1;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    char **texts = NULL;
    size_t n = 0, cap = 0, total = 0, in_bytes = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t k;
    double t0 = now();
    while ((k = getline(&line, &lcap, f)) > 0) {
        in_bytes += (size_t)k;
        cJSON *j = cJSON_ParseWithLength(line, (size_t)k);
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(j, "text");
        if (cJSON_IsString(t)) {
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                texts = realloc(texts, cap * sizeof *texts);
            }
            texts[n++] = strdup(t->valuestring);
            total += strlen(t->valuestring);
        }
        cJSON_Delete(j);
    }
    double t_json = now() - t0;
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
    double best[4] = {1e9, 1e9, 1e9, 1e9};
    size_t ntok = 0, nsent = 0;
    double best_parse = 1e9;
    size_t parsed = 0;
    double best_tag = 1e9, best_match = 1e9, best_ent = 1e9, best_ner = 0, best_tqq = 1e9, best_ev = 1e9;
    for (int r = 0; r < rounds; r++) {
        /* every round one cold pass, as `sitrep extract` makes: the
         * extractor's lookup caches start empty */
        memset(cache, 0, sizeof *cache);
        double acc[4] = {0, 0, 0, 0}, acc_tag = 0, acc_match = 0, acc_ent = 0, acc_ner = 0, acc_tqq = 0,
               acc_ev = 0, acc_parse = 0;
        ntok = nsent = parsed = 0;
        for (size_t i = 0; i < n; i++) {
            sr_arena_reset(&a);
            sr_doc d;
            memset(&d, 0, sizeof d);
            d.arena = &a;
            d.lexcache = cache;
            d.text = texts[i];
            d.len = (uint32_t)strlen(texts[i]);
            double s0 = now();
            sr_read_txt_layout(&d, true);
            double s1 = now();
            sr_text_run(&d);
            double s2 = now();
            sr_segment_run(&d, m);
            double s3a = now();
            sr_tag_run(&d, m);
            sr_lemma_run(&d, m);
            double s3b = now();
            sr_match_run(&d, m);
            double p0 = now();
            sr_parse_run(&d, m, false);
            acc_parse += now() - p0;
            for (uint32_t q = 0; q < d.tokens.n; q++)
                parsed += sr_parsed(&d, q);
            double s3c = now();
            sr_ner_run(&d, m);
            double s3d = now();
            sr_entity_run(&d, m);
            double s3e = now();
            sr_time_run(&d, m);
            sr_quantity_run(&d, m);
            sr_quote_run(&d, m);
            double s3f = now();
            sr_event_run(&d, m);
            double s3 = now();
            acc_ev += s3 - s3f;
            acc_ner += s3d - s3c;
            acc_tqq += s3f - s3e;
            acc_tag += s3b - s3a;
            acc_match += p0 - s3b;
            acc_ent += s3e - s3c;
            sr_buf b;
            sr_buf_init(&b);
            sr_record_write(&d, m, &b, 0);
            sr_buf_free(&b);
            double s4 = now();
            acc[0] += s1 - s0;
            acc[1] += s2 - s1;
            acc[2] += s3a - s2;
            acc[3] += s4 - s3;
            ntok += d.tokens.n;
            nsent += d.sentences.n;
        }
        for (int q = 0; q < 4; q++)
            if (acc[q] < best[q])
                best[q] = acc[q];
        if (acc_tag < best_tag)
            best_tag = acc_tag;
        if (acc_parse < best_parse)
            best_parse = acc_parse;
        if (acc_match < best_match)
            best_match = acc_match;
        if (acc_tqq < best_tqq)
            best_tqq = acc_tqq;
        if (acc_ev < best_ev)
            best_ev = acc_ev;
        if (acc_ent < best_ent) {
            best_ent = acc_ent;
            best_ner = acc_ner;
        }
    }
    const char *names[] = {"layout", "text view", "segment", "write JSON"};
    printf("%zu documents, %.1f MB of text (%.1f MB of JSONL), %zu tokens, %zu sentences\n", n,
           (double)total / 1e6, (double)in_bytes / 1e6, ntok, nsent);
    printf("  %-11s %7.1f ms  %7.1f MB/s of input\n", "read JSON", t_json * 1e3,
           (double)in_bytes / 1e6 / t_json);
    for (int q = 0; q < 4; q++)
        printf("  %-11s %7.1f ms  %7.1f MB/s of text\n", names[q], best[q] * 1e3,
               (double)total / 1e6 / best[q]);
    printf("  %-11s %7.1f ms  %7.1f MB/s of text\n", "tag+lemma", best_tag * 1e3,
           (double)total / 1e6 / best_tag);
    printf("  %-11s %7.1f ms  %7.1f MB/s of text\n", "match", best_match * 1e3,
           (double)total / 1e6 / best_match);
    printf("  %-11s %7.1f ms  %7.1f MB/s of text (%zu tokens parsed, %.0f tokens/s)\n", "parse",
           best_parse * 1e3, (double)total / 1e6 / best_parse, parsed, (double)parsed / best_parse);
    printf("  %-11s %7.1f ms  %7.1f MB/s of text (names, entities, actors, places)\n", "entities",
           best_ent * 1e3, (double)total / 1e6 / best_ent);
    printf("  %-11s %7.1f ms  %7.1f MB/s of text (of which the name tagger)\n", "  names",
           best_ner * 1e3, (double)total / 1e6 / best_ner);
    printf("  %-11s %7.1f ms  %7.1f MB/s of text (times, quantities, quotes)\n", "time+speech",
           best_tqq * 1e3, (double)total / 1e6 / best_tqq);
    printf("  %-11s %7.1f ms  %7.1f MB/s of text\n", "events", best_ev * 1e3,
           (double)total / 1e6 / best_ev);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    free(texts);
    sr_arena_free(&a);
    free(cache);
    sitrep_model_free(m);
    return 0;
}
