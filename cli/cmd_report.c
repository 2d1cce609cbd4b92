/*
 * cmd_report.c: sitrep report [--db URL | --incidents FILE --records FILE]
 *               [filters] [-o report.html]
 *
 * One self-contained HTML page of incidents (docs/report.md): a map, a
 * timeline, a table, each incident's reports with their text annotated.
 */
#include "exitcodes.h"
#include "serve_cmds.h"

#include "serve/serve.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: sitrep report [--db URL | --incidents FILE.jsonl --records FILE.jsonl] [FILTERS] [-o FILE]\n"
    "\n"
    "Writes one self-contained HTML page (no network needed to view it): a map\n"
    "of incidents sized by fatalities and coloured by type, a timeline by week,\n"
    "a table that filters as you type, and each incident's reports with the\n"
    "article text annotated (docs/report.md).\n"
    "  --db URL          the store's incidents (a SQLite file or postgresql://...,\n"
    "                    as 'sitrep ingest' makes it), the filters and the page\n"
    "                    applied by the store (at most 200 incidents without\n"
    "                    --limit); each document's record is made again from\n"
    "                    its stored text\n"
    "  --model FILE      the model (with --db)\n"
    "  --incidents FILE  incidents, one JSON object a line (docs/report.md)\n"
    "  --records FILE    the documents' records, as 'sitrep extract' writes\n"
    "                    them; without --incidents, each event that happened\n"
    "                    is an incident of its own\n"
    "                    (both repeatable; '-' is standard input)\n"
    "  -o, --output FILE write to FILE instead of standard output\n"
    "  --title TEXT      the page's title\n"
    "\n"
    "Filters (as the HTTP API's, docs/serve.md; '|' joins alternatives):\n"
    "  --country C  --admin1 A  --location L  --event-type T  --sub-event-type S\n"
    "  --source S  --actor TEXT  --event-date D[|D] --event-date-where OP\n"
    "  --year Y  --fatalities N --fatalities-where OP  --bbox W,S,E,N\n"
    "  --q WORDS  --limit N --page N\n"
    "\n"
    "Exit status: 0 written, 1 usage error, 2 some input lines or files could\n"
    "not be read (the page is still written).\n";

/* The whole of a file ("-": standard input); NULL on failure. */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *p = malloc(cap);
    while (p) {
        size_t got = fread(p + len, 1, cap - len, f);
        len += got;
        if (len < cap) {
            if (ferror(f)) {
                free(p);
                p = NULL;
            }
            break;
        }
        char *q = realloc(p, cap * 2);
        if (!q) {
            free(p);
            p = NULL;
            break;
        }
        p = q;
        cap *= 2;
    }
    if (f != stdin)
        fclose(f);
    *n = len;
    return p;
}

int cmd_report(int argc, char **argv)
{
    const char *outpath = NULL, *db = NULL, *model_path = NULL;
    static sr_filter q;
    sr_query_error qe = {0};
    sr_report r;
    sr_report_init(&r);
    sr_query_init(&q);
    int status = EXIT_ALL_OK;
    const char **inc_files = calloc((size_t)argc, sizeof *inc_files);
    const char **rec_files = calloc((size_t)argc, sizeof *rec_files);
    int ninc = 0, nrec = 0;
    if (!inc_files || !rec_files) {
        free(inc_files);
        free(rec_files);
        return EXIT_SOME_FAILED;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            goto done;
        }
        if (strncmp(a, "--", 2) != 0 && strcmp(a, "-o") != 0) {
            fprintf(stderr, "sitrep report: unexpected argument '%s' (files go after --records or --incidents)\n", a);
            status = EXIT_USAGE;
            goto done;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "sitrep report: %s needs a value\n", a);
            status = EXIT_USAGE;
            goto done;
        }
        const char *v = argv[++i];
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            outpath = v;
        else if (strcmp(a, "--incidents") == 0)
            inc_files[ninc++] = v;
        else if (strcmp(a, "--records") == 0)
            rec_files[nrec++] = v;
        else if (strcmp(a, "--title") == 0)
            r.title = v;
        else if (strcmp(a, "--db") == 0)
            db = v;
        else if (strcmp(a, "--model") == 0)
            model_path = v;
        else if (sr_query_is_param(a + 2)) {
            if (sr_query_set(&q, a + 2, v, strlen(v), SR_QP_FILTERS | SR_QP_LIMIT | SR_QP_PAGE, &qe) != 0) {
                fprintf(stderr, "sitrep report: %s\n", qe.message);
                status = EXIT_USAGE;
                goto done;
            }
        } else {
            fprintf(stderr, "sitrep report: unknown option '%s'\n", a);
            status = EXIT_USAGE;
            goto done;
        }
    }
    if (sr_query_finish(&q, &qe) != 0) {
        fprintf(stderr, "sitrep report: %s\n", qe.message);
        status = EXIT_USAGE;
        goto done;
    }
    if (!ninc && !nrec && !db) {
        fprintf(stderr, "sitrep report: give --db, or --records or --incidents (see --help)\n");
        status = EXIT_USAGE;
        goto done;
    }
    if (db && (ninc || nrec)) {
        fprintf(stderr, "sitrep report: --db reads the store's incidents and records: give no --records "
                        "or --incidents with it\n");
        status = EXIT_USAGE;
        goto done;
    }
    if (db) {
        char err[400];
        sitrep_model *m = NULL;
        sr_corpus_store *st = NULL;
        if (sitrep_model_open_err(model_path, &m, err, sizeof err) != SITREP_OK ||
            sr_corpus_store_open(db, 1, m, &st, err, sizeof err) != 0) {
            fprintf(stderr, "sitrep report: %s\n", err);
            sitrep_model_free(m);
            status = EXIT_SOME_FAILED;
            goto done;
        }
        const sr_store *api = sr_corpus_store_api(st);
        int code = api->report(api->ctx, q.given ? &q : NULL, &r, &qe);
        sr_corpus_store_close(st);
        sitrep_model_free(m);
        if (code != 200) {
            fprintf(stderr, "sitrep report: %s: %s\n", db, qe.message);
            status = code == 400 ? EXIT_USAGE : EXIT_SOME_FAILED;
            goto done;
        }
    }
    for (int k = 0; k < nrec + ninc; k++) {
        bool rec = k < nrec;
        const char *path = rec ? rec_files[k] : inc_files[k - nrec];
        size_t n = 0;
        char *data = slurp(path, &n);
        if (!data) {
            fprintf(stderr, "%s:0: cannot read: %s\n", path, strerror(errno));
            status = EXIT_SOME_FAILED;
            continue;
        }
        uint32_t bad = r.n_bad;
        long got = rec ? sr_report_add_records(&r, data, n, path) : sr_report_add_incidents(&r, data, n, path);
        free(data);
        if (got < 0) {
            fprintf(stderr, "sitrep report: out of memory\n");
            status = EXIT_SOME_FAILED;
            goto done;
        }
        if (r.n_bad > bad)
            status = EXIT_SOME_FAILED;
    }
    if (r.n_bad)
        fprintf(stderr, "%s%s\n", r.first_error, r.n_bad > 1 ? " (and more lines skipped)" : "");
    sr_report_finish(&r);
    sr_buf b;
    sr_buf_init(&b);
    sr_report_html(&r, q.given ? &q : NULL, &b);
    FILE *out = outpath ? fopen(outpath, "wb") : stdout;
    if (!out || b.failed || fwrite(b.p, 1, b.n, out) != b.n || (outpath && fclose(out) != 0)) {
        fprintf(stderr, "sitrep report: cannot write %s\n", outpath ? outpath : "the output");
        status = EXIT_SOME_FAILED;
    } else if (!outpath) {
        fflush(stdout);
    }
    sr_buf_free(&b);
done:
    sr_report_free(&r);
    free(inc_files);
    free(rec_files);
    return status;
}
