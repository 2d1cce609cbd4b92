/*
 * cmd_ingest.c: sitrep ingest [--db URL] [OPTIONS] [FILE...|-]
 *
 * Extracts every document (on -j threads, through sitrep_pool: records
 * come back in input order, a bounded number in flight) and stores it in
 * the corpus, a batch of documents per transaction, in input order, so
 * -j N stores what -j 1 does.  A batch the database aborts for a deadlock
 * or a serialization failure is run again (store.c).  A document that
 * cannot be read is reported as FILE:BYTE: message and skipped, as in
 * `extract`.  On a terminal, progress (documents, documents per second,
 * time left) goes to standard error.
 */
#include "exitcodes.h"

#include "corpus/corpus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "usage: sitrep ingest [--db URL] [OPTIONS] [FILE...|-]\n"
    "\n"
    "Reads articles as 'sitrep extract' does, extracts them and stores documents,\n"
    "events and incidents in a corpus (docs/corpus.md).  Ingesting is\n"
    "idempotent: a document already stored (same URL, else same id, and same\n"
    "content) is skipped; with new content it replaces the old version.\n"
    "Near-duplicate articles are linked to their original, and events that\n"
    "report one happening are merged into one incident.\n"
    "\n"
    "Options:\n"
    "  --db URL             the corpus: a file path (SQLite, the default:\n"
    "                       $SITREP_DB, else sitrep.db), or postgresql://...\n"
    "  --batch N            documents per transaction (default 200); a crash\n"
    "                       loses at most the open batch, never half a document\n"
    "  -j, --jobs N         extraction threads (default: one per core); documents\n"
    "                       are stored in input order whatever N is\n"
    "  --source NAME        the publication of every document read (default:\n"
    "                       each document's agency, else its URL's host)\n"
    "  --input-format FMT   auto (default), text, jsonl or html\n"
    "  --max-doc-bytes N    largest document or JSONL line (default 64 MiB)\n"
    "  --lexicon FILE       add a lexicon of your own (repeatable, at most 8)\n"
    "  --model FILE         the model file\n"
    "  -q, --quiet          no summary line\n"
    "  -h, --help           show this help\n"
    "\n"
    "Exit status: 0 all documents stored, 1 usage error, 2 some documents failed\n"
    "or the store could not be written.\n";

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Documents in a file, for the time left: the lines of a plain JSONL file,
 * one for another plain file; 0 (unknown) for compressed input or a pipe. */
static uint64_t count_docs(const char *path)
{
    if (!strcmp(path, "-"))
        return 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    uint64_t docs = 0;
    if (n >= 4 && (((unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b) ||
                   ((unsigned char)buf[0] == 0x28 && (unsigned char)buf[1] == 0xb5))) {
        fclose(f);
        return 0;
    }
    size_t i = 0;
    while (i < n && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t'))
        i++;
    bool jsonl = i < n && buf[i] == '{';
    if (!jsonl) {
        fclose(f);
        return 1;
    }
    do {
        for (size_t k = 0; k < n; k++)
            docs += buf[k] == '\n';
    } while ((n = fread(buf, 1, sizeof buf, f)) > 0);
    fclose(f);
    return docs;
}

static void progress(uint64_t done, uint64_t total, double t0, bool last)
{
    double el = now() - t0;
    double rate = el > 0 ? (double)done / el : 0;
    fprintf(stderr, "\r%llu", (unsigned long long)done);
    if (total)
        fprintf(stderr, "/%llu", (unsigned long long)total);
    fprintf(stderr, " documents, %.0f/s", rate);
    if (total && rate > 0 && done < total) {
        double left = (double)(total - done) / rate;
        fprintf(stderr, ", %d:%02d left", (int)left / 60, (int)left % 60);
    }
    fprintf(stderr, "   %s", last ? "\n" : "");
    fflush(stderr);
}

static void told_retry(const char *why, int attempt, void *db)
{
    fprintf(stderr, "sitrep ingest: %s: %s; running the batch again (run %d of %d)\n", (const char *)db, why, attempt,
            SR_BATCH_ATTEMPTS);
}

int cmd_ingest(int argc, char **argv)
{
    const char *me = "sitrep ingest";
    const char *db = getenv("SITREP_DB"), *model_path = NULL, *source = NULL;
    if (!db || !*db)
        db = "sitrep.db";
    const char *lexicons[8];
    int nlex = 0;
    long batch = 200;
    unsigned jobs = 0;
    bool quiet = false;
    sitrep_source_options opt = {0};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0;
    if (!files)
        return EXIT_SOME_FAILED;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !strcmp(a, "-")) {
            files[nfiles++] = a;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            free(files);
            return EXIT_ALL_OK;
        }
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = true;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "%s: option '%s' needs a value\n", me, a);
            free(files);
            return EXIT_USAGE;
        }
        const char *v = argv[++i];
        if (!strcmp(a, "--db"))
            db = v;
        else if (!strcmp(a, "--source"))
            source = v;
        else if (!strcmp(a, "--model"))
            model_path = v;
        else if (!strcmp(a, "--lexicon") && nlex < 8)
            lexicons[nlex++] = v;
        else if (!strcmp(a, "--batch") || !strcmp(a, "--max-doc-bytes") || !strcmp(a, "-j") ||
                 !strcmp(a, "--jobs")) {
            char *end;
            errno = 0;
            long long n = strtoll(v, &end, 10);
            if (errno || *end || n <= 0) {
                fprintf(stderr, "%s: %s needs a positive number\n", me, a);
                free(files);
                return EXIT_USAGE;
            }
            if (!strcmp(a, "--batch"))
                batch = (long)n;
            else if (!strcmp(a, "-j") || !strcmp(a, "--jobs"))
                jobs = n > 1024 ? 1024 : (unsigned)n;
            else
                opt.max_doc_bytes = (size_t)n;
        } else if (!strcmp(a, "--input-format")) {
            if (!strcmp(v, "auto")) opt.format = SITREP_FORMAT_AUTO;
            else if (!strcmp(v, "text")) opt.format = SITREP_FORMAT_TEXT;
            else if (!strcmp(v, "jsonl")) opt.format = SITREP_FORMAT_JSONL;
            else if (!strcmp(v, "html")) opt.format = SITREP_FORMAT_HTML;
            else {
                fprintf(stderr, "%s: unknown format '%s' (auto, text, jsonl, html)\n", me, v);
                free(files);
                return EXIT_USAGE;
            }
        } else {
            fprintf(stderr, "%s: unknown option '%s'\n\n%s", me, a, usage);
            free(files);
            return EXIT_USAGE;
        }
    }
    if (nfiles == 0)
        files[nfiles++] = "-";

    int status = EXIT_ALL_OK;
    char err[600] = "";
    sitrep_model *model = NULL;
    sitrep_extractor *x = NULL;
    sitrep_pool *pool = NULL;
    sr_corpus *c = NULL;
    sitrep_status st = sitrep_model_open_err(model_path, &model, err, sizeof err);
    for (int l = 0; st == SITREP_OK && l < nlex; l++)
        st = sitrep_model_add_lexicon(model, lexicons[l], err, sizeof err);
    if (jobs == 0)
        jobs = sitrep_default_threads();
    /* one document at a time on this thread, or a pool (the same records,
     * in the same order) */
    if (st == SITREP_OK && jobs == 1)
        st = sitrep_extractor_new(model, &x);
    else if (st == SITREP_OK)
        st = sitrep_pool_new(model, jobs, 0, &pool);
    if (st == SITREP_OK)
        st = sr_corpus_open(db, &c, err, sizeof err);
    if (st == SITREP_OK && !quiet) {
        c->on_retry = told_retry;
        c->on_retry_arg = (void *)db;
    }
    if (st != SITREP_OK) {
        fprintf(stderr, "%s: %s\n", me, *err ? err : sitrep_status_string(st));
        status = EXIT_SOME_FAILED;
        goto done;
    }
    bool tty = isatty(2);
    uint64_t total = 0;
    if (tty)
        for (int f = 0; f < nfiles; f++)
            total += count_docs(files[f]);
    double t0 = now(), shown = t0;
    uint64_t done_docs = 0, failed = 0;
    long in_batch = 0;
    bool open = false;
    for (int f = 0; f < nfiles; f++) {
        sitrep_source *src = NULL;
        sitrep_error e;
        st = sitrep_source_open_file(files[f], &opt, &src, &e);
        if (st != SITREP_OK) {
            fprintf(stderr, "%s:0: %s\n", files[f], e.message && *e.message ? e.message : sitrep_status_string(st));
            status = EXIT_SOME_FAILED;
            continue;
        }
        const sitrep_record *rec;
        while ((st = x ? sitrep_extract_next(x, src, &rec) : sitrep_pool_next(pool, src, &rec)) != SITREP_END) {
            done_docs++;
            if (st != SITREP_OK || !rec || sitrep_record_is_error(rec)) {
                const sitrep_error *er = x ? sitrep_extractor_error(x) : sitrep_pool_error(pool);
                fprintf(stderr, "%s:%lld: %s\n", er->file ? er->file : files[f],
                        (long long)(er->offset < 0 ? 0 : er->offset), er->message);
                status = EXIT_SOME_FAILED;
                failed++;
                continue;
            }
            if (!open) {
                if ((st = sr_corpus_begin(c)) != SITREP_OK)
                    goto store_failed;
                open = true;
            }
            if ((st = sr_corpus_add(c, rec, source)) != SITREP_OK)
                goto store_failed;
            if (++in_batch >= batch) {
                if ((st = sr_corpus_commit(c)) != SITREP_OK)
                    goto store_failed;
                open = false;
                in_batch = 0;
            }
            if (tty && now() - shown > 0.5) {
                progress(done_docs, total, t0, false);
                shown = now();
            }
        }
        sitrep_source_free(src);
        continue;
    store_failed:
        sitrep_source_free(src);
        fprintf(stderr, "%s: %s: %s\n", me, db, *sr_corpus_error(c) ? sr_corpus_error(c) : sitrep_status_string(st));
        if (open)
            sr_corpus_rollback(c);
        open = false;
        status = EXIT_SOME_FAILED;
        goto done;
    }
    if (open && (st = sr_corpus_commit(c)) != SITREP_OK) {
        fprintf(stderr, "%s: %s: %s\n", me, db, sr_corpus_error(c));
        status = EXIT_SOME_FAILED;
    }
    if (tty)
        progress(done_docs, total, t0, true);
    if (!quiet) {
        const sr_corpus_stats *s = sr_corpus_get_stats(c);
        double el = now() - t0;
        fprintf(stderr,
                "%s: %llu documents in %.1f s (%.0f/s): %llu new, %llu updated, %llu unchanged, %llu failed;"
                " %llu near-duplicates, %llu events, %+lld incidents",
                me, (unsigned long long)done_docs, el, el > 0 ? (double)done_docs / el : 0.0,
                (unsigned long long)s->docs_new, (unsigned long long)s->docs_updated,
                (unsigned long long)s->docs_same, (unsigned long long)failed, (unsigned long long)s->near_dups,
                (unsigned long long)s->events, (long long)s->incidents);
        if (s->retries)
            fprintf(stderr, "; %llu batch runs again", (unsigned long long)s->retries);
        fprintf(stderr, "; stored %.1f s, waited %.1f s for the link lock, linked %.1f s", s->t_store, s->t_wait,
                s->t_link);
        fputc('\n', stderr);
    }
done:
    sr_corpus_close(c);
    sitrep_extractor_free(x);
    sitrep_pool_free(pool);
    sitrep_model_free(model);
    free(files);
    return status;
}
