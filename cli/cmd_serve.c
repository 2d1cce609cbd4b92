/*
 * cmd_serve.c: sitrep serve [--listen ADDR:PORT] [--keys FILE] [--db URL] ...
 *
 * The HTTP API and the report (docs/serve.md), until SIGINT or SIGTERM.
 */
#include "exitcodes.h"
#include "serve_cmds.h"

#include "serve/serve.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: sitrep serve [OPTIONS]\n"
    "\n"
    "Serves the HTTP API and the report (docs/serve.md):\n"
    "  GET  /health              the server's state\n"
    "  POST /extract             records of a text, an HTML page or JSONL (the\n"
    "                            body; Content-Type chooses, else the content)\n"
    "  GET  /report              the report page over the store's incidents\n"
    "                            (with --db), else over --incidents/--records and\n"
    "                            the records extracted since the start; filters\n"
    "                            as query parameters\n"
    "  POST /ingest              store documents (--db; a key needed)\n"
    "  GET  /events, /incidents  the store's events and incidents, filtered, a page\n"
    "                            at a time (limit, page), as JSON, CSV or GeoJSON\n"
    "  GET  /incidents/{id}      an incident with its reports and evidence\n"
    "  GET  /documents/{id}      a stored document and its record\n"
    "\n"
    "Options:\n"
    "  --listen ADDR:PORT    where to listen (default 127.0.0.1:8080; port 0:\n"
    "                        any free one, printed at start)\n"
    "  --keys FILE           keys for POST /ingest, one a line\n"
    "  --db URL              the store: a SQLite file or postgresql://... (as\n"
    "                        'sitrep ingest' makes it); without it the store's\n"
    "                        endpoints answer 503\n"
    "  --incidents FILE      incidents for /report (repeatable)\n"
    "  --records FILE        records for /report (repeatable)\n"
    "  --max-body BYTES      largest POST body (default 1048576)\n"
    "  --max-header BYTES    largest request line and headers (default 16384)\n"
    "  --max-connections N   connections at once (default 256)\n"
    "  --timeout SECONDS     a connection's idle limit (default 15)\n"
    "  --threads N           server threads (default: one per core, 2 at least)\n"
    "  --keep N              extracted records kept for /report (default 200)\n"
    "  --model FILE          the model file\n"
    "  -h, --help            show this help\n"
    "\n"
    "Logs one line a request on standard error.  Exit status: 0 stopped by a\n"
    "signal, 1 usage error, 2 could not start.\n";

static int number(const char *opt, const char *v, unsigned long lo, unsigned long hi, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long x = strtoul(v, &end, 10);
    if (errno || *end || v[0] == '-' || !v[0] || x < lo || x > hi) {
        fprintf(stderr, "sitrep serve: %s needs a number from %lu to %lu\n", opt, lo, hi);
        return -1;
    }
    *out = x;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    sr_server_options o = {0};
    const char **files = calloc((size_t)argc, sizeof *files);
    const char **kinds = calloc((size_t)argc, sizeof *kinds);
    const char *db = NULL;
    int status = EXIT_USAGE;
    if (!files || !kinds)
        goto out;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            status = EXIT_ALL_OK;
            goto out;
        }
        if (i + 1 >= argc || strncmp(a, "--", 2) != 0) {
            fprintf(stderr, "sitrep serve: %s '%s'\n", strncmp(a, "--", 2) ? "unexpected argument" : "no value for", a);
            goto out;
        }
        const char *v = argv[++i];
        unsigned long n;
        if (strcmp(a, "--listen") == 0) o.listen = v;
        else if (strcmp(a, "--keys") == 0) o.keys_file = v;
        else if (strcmp(a, "--db") == 0) db = v;
        else if (strcmp(a, "--model") == 0) o.model_path = v;
        else if (strcmp(a, "--incidents") == 0 || strcmp(a, "--records") == 0) {
            files[o.n_report_files] = v;
            kinds[o.n_report_files++] = a + 2;
        } else if (strcmp(a, "--max-body") == 0) {
            if (number(a, v, 1, 1ul << 30, &n)) goto out;
            o.max_body = n;
        } else if (strcmp(a, "--max-header") == 0) {
            if (number(a, v, 4096, 1ul << 20, &n)) goto out;
            o.max_header = n;
        } else if (strcmp(a, "--max-connections") == 0) {
            if (number(a, v, 1, 100000, &n)) goto out;
            o.max_connections = (unsigned)n;
        } else if (strcmp(a, "--timeout") == 0) {
            if (number(a, v, 1, 3600, &n)) goto out;
            o.timeout = (unsigned)n;
        } else if (strcmp(a, "--threads") == 0) {
            if (number(a, v, 1, 256, &n)) goto out;
            o.threads = (unsigned)n;
        } else if (strcmp(a, "--keep") == 0) {
            if (number(a, v, 1, 100000, &n)) goto out;
            o.keep = (unsigned)n;
        } else {
            fprintf(stderr, "sitrep serve: unknown option '%s'\n", a);
            goto out;
        }
    }
    o.report_files = files;
    o.report_kinds = kinds;
    sitrep_model *model = NULL;
    sr_corpus_store *store = NULL;
    if (db) {
        /* the store: a read-only connection a server thread, and one writer */
        char merr[400];
        if (!o.threads) {
            o.threads = sitrep_default_threads();
            if (o.threads < 2)
                o.threads = 2;
        }
        if (sitrep_model_open_err(o.model_path, &model, merr, sizeof merr) != SITREP_OK ||
            sr_corpus_store_open(db, o.threads, model, &store, merr, sizeof merr) != 0) {
            fprintf(stderr, "sitrep serve: %s\n", merr);
            sitrep_model_free(model);
            status = EXIT_SOME_FAILED;
            goto out;
        }
        o.model = model;
        o.store = sr_corpus_store_api(store);
    }
    /* the signals that stop us are waited for, not handled */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    sr_server *s;
    char err[400];
    if (sr_server_start(&o, &s, err, sizeof err) != 0) {
        fprintf(stderr, "sitrep serve: %s\n", err);
        status = EXIT_SOME_FAILED;
        sr_corpus_store_close(store);
        sitrep_model_free(model);
        goto out;
    }
    fprintf(stderr, "sitrep serve: listening on %s (port %u)\n", o.listen ? o.listen : "127.0.0.1:8080",
            sr_server_port(s));
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "sitrep serve: stopping (signal %d)\n", sig);
    sr_server_stop(s);
    sr_corpus_store_close(store);
    sitrep_model_free(model);
    status = EXIT_ALL_OK;
out:
    free(files);
    free(kinds);
    return status;
}
