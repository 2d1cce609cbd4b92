/*
 * cmd_extract.c: sitrep extract [OPTIONS] [FILE...|-]
 *
 * Writes one record per document, in input order.  A document that cannot
 * be read is reported on stderr as FILE:BYTE: message, written as an error
 * record (so output lines match input documents), and the batch goes on.
 */
#include "exitcodes.h"

#include <errno.h>
#include <stdbool.h>
#include <sitrep.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: sitrep extract [OPTIONS] [FILE...|-]\n"
    "\n"
    "Reads news articles and writes one JSON record per article (JSONL, in\n"
    "input order; the record format is docs/record.md).  With no FILE, or\n"
    "with '-', reads standard input.  Each FILE may be:\n"
    "  plain text  one article: optional section line, headline, metadata\n"
    "              lines (PUBLISHED : ..., By NAME), then paragraphs\n"
    "  JSONL       one article per line: {\"id\",\"text\"} and optionally\n"
    "              \"title\", \"published\", \"updated\", \"url\", \"section\",\n"
    "              \"byline\", \"dateline\", \"language\"\n"
    "  HTML        one web page\n"
    "and may be compressed with gzip or zstd.  The format is chosen from the\n"
    "content; --format overrides it.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     write to FILE instead of standard output\n"
    "  --pretty              indented JSON, for people\n"
    "  --summary             a short readable summary instead of JSON\n"
    "  --format FMT          auto (default), text, jsonl or html\n"
    "  --no-text             leave the \"text\" field out of records\n"
    "  --tokens              add the tokens, with part-of-speech tags and\n"
    "                        lemmas, to records (a debugging aid)\n"
    "  --max-doc-bytes N     largest document or JSONL line (default 64 MiB);\n"
    "                        a larger one is reported and skipped\n"
    "  --until STAGE         stop after a stage: read, segment, tag, match, parse,\n"
    "                        entities\n"
    "                        (default: run them all; read and segment need\n"
    "                        no model and start faster)\n"
    "  --lexicon FILE        add a lexicon of your own (the format of\n"
    "                        data/lexicons/*.lex); repeatable, no rebuild\n"
    "  --model FILE          the model file (default: $SITREP_MODEL, else\n"
    "                        sitrep.model beside the program, else the one\n"
    "                        the build made)\n"
    "  -j, --jobs N          extract on N threads (default: one per core);\n"
    "                        records still come out in input order\n"
    "  -h, --help            show this help\n"
    "\n"
    "Errors: a document that cannot be read is reported on standard error as\n"
    "FILE:BYTE: message (BYTE counts decompressed input), an error record\n"
    "{\"id\",\"error\"} takes its place in the output, and the other documents\n"
    "are processed.\n"
    "\n"
    "Exit status: 0 all documents read, 1 usage error, 2 some documents failed.\n";

static int parse_format(const char *s, sitrep_format *f)
{
    if (strcmp(s, "auto") == 0) *f = SITREP_FORMAT_AUTO;
    else if (strcmp(s, "text") == 0 || strcmp(s, "txt") == 0) *f = SITREP_FORMAT_TEXT;
    else if (strcmp(s, "jsonl") == 0) *f = SITREP_FORMAT_JSONL;
    else if (strcmp(s, "html") == 0) *f = SITREP_FORMAT_HTML;
    else return -1;
    return 0;
}

static const char events_usage[] =
    "usage: sitrep events [OPTIONS] [FILE...|-]\n"
    "\n"
    "Reads news articles as 'sitrep extract' does and writes one row per event\n"
    "that happened (not negated, threatened, intended or hypothetical):\n"
    "  --format acled  (default) CSV with a header: event_id, event_date,\n"
    "                  event_type, sub_event_type, actor1, actor2, country,\n"
    "                  admin1, location, latitude, longitude, geo_precision,\n"
    "                  fatalities, source, notes (the evidence sentence),\n"
    "                  interaction, cameo, plover, doc_id; events with an ACLED\n"
    "                  type only\n"
    "  --format gdelt  the 61 tab-separated GDELT 2.0 event columns, no header\n"
    "                  (QuadClass and GoldsteinScale from the CAMEO code;\n"
    "                  ISO 3166 country codes where GDELT has FIPS)\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE     write to FILE instead of standard output\n"
    "  --input-format FMT    auto (default), text, jsonl or html\n"
    "  --lexicon FILE        add a lexicon of your own (events, actors ...)\n"
    "  --max-doc-bytes N     largest document or JSONL line (default 64 MiB)\n"
    "  --model FILE          the model file\n"
    "  -j, --jobs N          extract on N threads (default: one per core)\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 all documents read, 1 usage error, 2 some documents failed.\n";

int cmd_extract(int argc, char **argv)
{
    /* "events": the same reading, rows of events out */
    bool events = strcmp(argv[0], "events") == 0;
    const char *me = events ? "sitrep events" : "sitrep extract";
    const char *outpath = NULL, *model_path = NULL;
    const char *lexicons[8];
    int nlex = 0;
    sitrep_stage last = SITREP_STAGE_ALL;
    unsigned flags = 0;
    sitrep_source_options opt = {0};
    unsigned jobs = 0; /* 0: one per core */
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0;
    int only_files = 0;
    if (!files)
        return EXIT_SOME_FAILED;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            files[nfiles++] = a;
        } else if (strcmp(a, "--") == 0) {
            only_files = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(events ? events_usage : usage, stdout);
            free(files);
            return EXIT_ALL_OK;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (++i >= argc)
                goto missing;
            outpath = argv[i];
        } else if (strcmp(a, "--until") == 0) {
            if (++i >= argc)
                goto missing;
            static const struct { const char *name; sitrep_stage st; } stages[] = {
                {"read", SITREP_STAGE_READ}, {"segment", SITREP_STAGE_SEGMENT},
                {"tag", SITREP_STAGE_TAG},   {"match", SITREP_STAGE_MATCH},
                {"parse", SITREP_STAGE_PARSE}, {"entities", SITREP_STAGE_ENTITIES},
            };
            last = 0;
            for (size_t k = 0; k < sizeof stages / sizeof *stages; k++)
                if (strcmp(argv[i], stages[k].name) == 0)
                    last = stages[k].st;
            if (!last) {
                fprintf(stderr, "%s: unknown stage '%s' (read, segment, tag, match)\n", me,
                        argv[i]);
                free(files);
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--lexicon") == 0) {
            if (++i >= argc)
                goto missing;
            if (nlex == 8) {
                fprintf(stderr, "%s: at most 8 --lexicon files\n", me);
                free(files);
                return EXIT_USAGE;
            }
            lexicons[nlex++] = argv[i];
        } else if (strcmp(a, "--model") == 0) {
            if (++i >= argc)
                goto missing;
            model_path = argv[i];
        } else if (strcmp(a, "--pretty") == 0) {
            flags |= SITREP_WRITE_PRETTY;
        } else if (strcmp(a, "--summary") == 0) {
            flags |= SITREP_WRITE_SUMMARY;
        } else if (strcmp(a, "--no-text") == 0) {
            flags |= SITREP_WRITE_NO_TEXT;
        } else if (strcmp(a, "--tokens") == 0) {
            flags |= SITREP_WRITE_TOKENS;
        } else if (events && strcmp(a, "--format") == 0) {
            if (++i >= argc)
                goto missing;
            if (strcmp(argv[i], "acled") == 0 || strcmp(argv[i], "csv") == 0)
                flags = SITREP_WRITE_EVENTS_CSV;
            else if (strcmp(argv[i], "gdelt") == 0)
                flags = SITREP_WRITE_EVENTS_GDELT;
            else {
                fprintf(stderr, "sitrep events: unknown format '%s' (acled, gdelt)\n", argv[i]);
                free(files);
                return EXIT_USAGE;
            }
        } else if (strcmp(a, events ? "--input-format" : "--format") == 0) {
            if (++i >= argc)
                goto missing;
            if (parse_format(argv[i], &opt.format) != 0) {
                fprintf(stderr, "%s: unknown format '%s' (auto, text, jsonl, html)\n", me,
                        argv[i]);
                free(files);
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) {
            if (++i >= argc)
                goto missing;
            char *end;
            errno = 0;
            unsigned long v = strtoul(argv[i], &end, 10);
            if (errno || *end || v == 0 || v > 256 || argv[i][0] == '-') {
                fprintf(stderr, "%s: --jobs needs a number from 1 to 256\n", me);
                free(files);
                return EXIT_USAGE;
            }
            jobs = (unsigned)v;
        } else if (strcmp(a, "--max-doc-bytes") == 0) {
            if (++i >= argc)
                goto missing;
            char *end;
            errno = 0;
            unsigned long long v = strtoull(argv[i], &end, 10);
            if (errno || *end || v == 0 || argv[i][0] == '-') {
                fprintf(stderr, "%s: --max-doc-bytes needs a positive number\n", me);
                free(files);
                return EXIT_USAGE;
            }
            opt.max_doc_bytes = (size_t)v;
        } else {
            fprintf(stderr, "%s: unknown option '%s'\n\n%s", me, a, events ? events_usage : usage);
            free(files);
            return EXIT_USAGE;
        }
        continue;
    missing:
        fprintf(stderr, "%s: option '%s' needs a value\n", me, a);
        free(files);
        return EXIT_USAGE;
    }
    if (nfiles == 0)
        files[nfiles++] = "-";
    if (events && !(flags & (SITREP_WRITE_EVENTS_CSV | SITREP_WRITE_EVENTS_GDELT)))
        flags = SITREP_WRITE_EVENTS_CSV;
    bool header = events && (flags & SITREP_WRITE_EVENTS_CSV);

    FILE *out = stdout;
    if (outpath && strcmp(outpath, "-") != 0) {
        out = fopen(outpath, "wb");
        if (!out) {
            fprintf(stderr, "%s: cannot write %s: %s\n", me, outpath, strerror(errno));
            free(files);
            return EXIT_SOME_FAILED;
        }
    }
    static char obuf[1 << 16];
    setvbuf(out, obuf, _IOFBF, sizeof obuf);

    int status = EXIT_ALL_OK;
    sitrep_model *model = NULL;
    sitrep_extractor *x = NULL;
    sitrep_pool *pool = NULL;
    char merr[512] = "";
    /* Reading and segmenting need no model: do not load 24 MB for them. */
    bool need_model = last > SITREP_STAGE_SEGMENT || nlex > 0 || model_path;
    sitrep_status st = need_model ? sitrep_model_open_err(model_path, &model, merr, sizeof merr)
                                  : SITREP_OK;
    for (int l = 0; st == SITREP_OK && l < nlex; l++)
        st = sitrep_model_add_lexicon(model, lexicons[l], merr, sizeof merr);
    if (jobs == 0)
        jobs = sitrep_default_threads();
    /* One document at a time on one thread; a pool of threads otherwise
     * (the same records, in the same order). */
    if (st == SITREP_OK && jobs == 1)
        st = sitrep_extractor_new(model, &x);
    else if (st == SITREP_OK)
        st = sitrep_pool_new(model, jobs, 0, &pool);
    if (st == SITREP_OK && x)
        sitrep_extractor_set_last_stage(x, last);
    if (st == SITREP_OK && pool) {
        sitrep_pool_set_last_stage(pool, last);
        /* records written on the workers (the CSV header line, once, here) */
        sitrep_pool_set_write_flags(pool, flags);
    }
    if (st == SITREP_OK && (flags & SITREP_WRITE_TOKENS)) {
        if (x)
            sitrep_extractor_set_parse(x, SITREP_PARSE_ALL);
        else
            sitrep_pool_set_parse(pool, SITREP_PARSE_ALL);
    }
    if (st != SITREP_OK) {
        fprintf(stderr, "%s: %s\n", me, *merr ? merr : sitrep_status_string(st));
        status = EXIT_SOME_FAILED;
        goto done;
    }
    for (int f = 0; f < nfiles; f++) {
        sitrep_source *src = NULL;
        sitrep_error err;
        st = sitrep_source_open_file(files[f], &opt, &src, &err);
        if (st != SITREP_OK) {
            fprintf(stderr, "%s:0: %s\n", files[f],
                    err.message && *err.message ? err.message : sitrep_status_string(st));
            status = EXIT_SOME_FAILED;
            continue;
        }
        const sitrep_record *rec;
        while ((st = x ? sitrep_extract_next(x, src, &rec) : sitrep_pool_next(pool, src, &rec)) !=
               SITREP_END) {
            const sitrep_error *e = x ? sitrep_extractor_error(x) : sitrep_pool_error(pool);
            if (events && rec && sitrep_record_is_error(rec)) {
                /* reported on stderr below; no row stands for it */
                fprintf(stderr, "%s:%lld: %s\n", e->file ? e->file : files[f],
                        (long long)(e->offset < 0 ? 0 : e->offset), e->message);
                status = EXIT_SOME_FAILED;
                continue;
            }
            if (st != SITREP_OK) {
                fprintf(stderr, "%s:%lld: %s\n", e->file ? e->file : files[f],
                        (long long)(e->offset < 0 ? 0 : e->offset), e->message);
                status = EXIT_SOME_FAILED;
            }
            if (rec && sitrep_record_write(rec, out, flags | (header ? SITREP_WRITE_EVENTS_HEADER : 0)) !=
                           SITREP_OK) {
                fprintf(stderr, "%s: write error: %s\n", me, strerror(errno));
                status = EXIT_SOME_FAILED;
                sitrep_source_free(src);
                goto done;
            }
            if (rec)
                header = false;
        }
        sitrep_source_free(src);
    }
done:
    sitrep_extractor_free(x);
    sitrep_pool_free(pool);
    sitrep_model_free(model);
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "%s: write error: %s\n", me, strerror(errno));
        status = EXIT_SOME_FAILED;
    }
    if (out != stdout && fclose(out) != 0) {
        fprintf(stderr, "%s: write error: %s\n", me, strerror(errno));
        status = EXIT_SOME_FAILED;
    }
    free(files);
    return status;
}
