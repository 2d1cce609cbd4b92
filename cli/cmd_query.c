/*
 * cmd_query.c: sitrep query [--db URL] [FILTERS] [--format FMT]
 *
 * Incidents (default) or events of a corpus, filtered as ACLED's API
 * filters, written as JSONL, ACLED CSV, GDELT 2.0 events or mentions,
 * PLOVER JSONL or GeoJSON.
 */
#include "exitcodes.h"

#include "corpus/corpus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: sitrep query [--db URL] [FILTERS] [--events] [--format FMT] [-o FILE]\n"
    "\n"
    "Writes the incidents (or, with --events, the events) of a corpus that\n"
    "'sitrep ingest' made, first day first (docs/corpus.md).\n"
    "\n"
    "Filters (all must hold; text matches ignore case):\n"
    "  --country NAME|ISO      country name, ISO 3166-1 alpha-3 or alpha-2\n"
    "  --admin1 NAME           region\n"
    "  --location NAME         place\n"
    "  --from DATE, --to DATE  dates (YYYY, YYYY-MM or YYYY-MM-DD), inclusive\n"
    "  --event-type NAME       ACLED event type (\"Battles\" ...)\n"
    "  --sub-event-type NAME   ACLED sub-event type (\"Armed clash\" ...)\n"
    "  --actor TEXT            an actor's name contains TEXT\n"
    "  --min-fatalities N      at least N deaths (the conservative figure)\n"
    "  --source NAME           reported by this publication\n"
    "  --bbox S,W,N,E          inside the box (latitudes S..N, longitudes W..E)\n"
    "  --text WORDS            articles holding all these words (full-text)\n"
    "  --limit N               at most N rows\n"
    "\n"
    "Output:\n"
    "  --events                events instead of incidents\n"
    "  --format FMT            jsonl (default: incidents with their reports,\n"
    "                          support and why they merged), acled (ACLED's CSV\n"
    "                          columns), gdelt (GDELT 2.0 event table),\n"
    "                          gdelt-mentions (its mentions table, byte offsets),\n"
    "                          plover (PLOVER JSONL), geojson (a FeatureCollection)\n"
    "  --db URL                the corpus (default $SITREP_DB, else sitrep.db)\n"
    "  -o, --output FILE       write to FILE\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: 0 done, 1 usage error, 2 the corpus could not be read.\n";

static bool parse_num(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return !errno && end != s && !*end;
}

int cmd_query(int argc, char **argv)
{
    const char *me = "sitrep query";
    const char *db = getenv("SITREP_DB"), *outpath = NULL;
    if (!db || !*db)
        db = "sitrep.db";
    sr_query q = {.min_fatalities = -1, .incidents = true, .format = SR_QF_JSONL};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage, stdout);
            return EXIT_ALL_OK;
        }
        if (!strcmp(a, "--events")) {
            q.incidents = false;
            continue;
        }
        if (!strcmp(a, "--incidents")) {
            q.incidents = true;
            continue;
        }
        if (a[0] != '-' || i + 1 >= argc) {
            fprintf(stderr, a[0] != '-' ? "%s: unexpected argument '%s'\n" : "%s: option '%s' needs a value\n", me,
                    a);
            return EXIT_USAGE;
        }
        const char *v = argv[++i];
        double num;
        if (!strcmp(a, "--db")) db = v;
        else if (!strcmp(a, "-o") || !strcmp(a, "--output")) outpath = v;
        else if (!strcmp(a, "--country")) q.country = v;
        else if (!strcmp(a, "--admin1")) q.admin1 = v;
        else if (!strcmp(a, "--location")) q.location = v;
        else if (!strcmp(a, "--event-type")) q.event_type = v;
        else if (!strcmp(a, "--sub-event-type")) q.sub_event_type = v;
        else if (!strcmp(a, "--actor")) q.actor = v;
        else if (!strcmp(a, "--source")) q.source = v;
        else if (!strcmp(a, "--text")) q.text = v;
        else if (!strcmp(a, "--from") || !strcmp(a, "--to")) {
            int64_t f, l;
            if (!sr_date_range(v, &f, &l)) {
                fprintf(stderr, "%s: %s needs a date (YYYY, YYYY-MM or YYYY-MM-DD), not '%s'\n", me, a, v);
                return EXIT_USAGE;
            }
            if (!strcmp(a, "--from"))
                q.date_from = v;
            else
                q.date_to = v;
        } else if (!strcmp(a, "--min-fatalities") || !strcmp(a, "--limit")) {
            if (!parse_num(v, &num) || num < 0 || num != (double)(int64_t)num) {
                fprintf(stderr, "%s: %s needs a whole number\n", me, a);
                return EXIT_USAGE;
            }
            if (!strcmp(a, "--limit"))
                q.limit = (int64_t)num;
            else
                q.min_fatalities = (int)num;
        } else if (!strcmp(a, "--bbox")) {
            double b[4];
            char tmp[128];
            snprintf(tmp, sizeof tmp, "%s", v);
            int k = 0;
            for (char *s = strtok(tmp, ","); s && k < 4; s = strtok(NULL, ","))
                if (parse_num(s, &b[k]))
                    k++;
                else
                    k = 9;
            if (k != 4 || b[0] > b[2] || b[1] > b[3]) {
                fprintf(stderr, "%s: --bbox needs S,W,N,E (S <= N, W <= E)\n", me);
                return EXIT_USAGE;
            }
            q.has_bbox = true;
            q.lat_min = b[0];
            q.lon_min = b[1];
            q.lat_max = b[2];
            q.lon_max = b[3];
        } else if (!strcmp(a, "--format")) {
            static const struct { const char *name; int f; } fm[] = {
                {"jsonl", SR_QF_JSONL}, {"acled", SR_QF_ACLED}, {"csv", SR_QF_ACLED}, {"gdelt", SR_QF_GDELT},
                {"gdelt-mentions", SR_QF_GDELT_MENTIONS}, {"plover", SR_QF_PLOVER}, {"geojson", SR_QF_GEOJSON},
            };
            q.format = -1;
            for (size_t k = 0; k < sizeof fm / sizeof *fm; k++)
                if (!strcmp(v, fm[k].name))
                    q.format = fm[k].f;
            if (q.format < 0) {
                fprintf(stderr, "%s: unknown format '%s' (jsonl, acled, gdelt, gdelt-mentions, plover, geojson)\n",
                        me, v);
                return EXIT_USAGE;
            }
        } else {
            fprintf(stderr, "%s: unknown option '%s'\n\n%s", me, a, usage);
            return EXIT_USAGE;
        }
    }
    FILE *out = stdout;
    if (outpath && strcmp(outpath, "-")) {
        out = fopen(outpath, "wb");
        if (!out) {
            fprintf(stderr, "%s: cannot write %s: %s\n", me, outpath, strerror(errno));
            return EXIT_SOME_FAILED;
        }
    }
    char err[600] = "";
    sr_corpus *c = NULL;
    int status = EXIT_ALL_OK;
    if (sr_corpus_open(db, &c, err, sizeof err) != SITREP_OK) {
        fprintf(stderr, "%s: %s\n", me, err);
        status = EXIT_SOME_FAILED;
    } else if (sr_corpus_query(c, &q, out) != SITREP_OK) {
        fprintf(stderr, "%s: %s: %s\n", me, db, sr_corpus_error(c));
        status = EXIT_SOME_FAILED;
    }
    sr_corpus_close(c);
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "%s: write error: %s\n", me, strerror(errno));
        status = EXIT_SOME_FAILED;
    }
    if (out != stdout)
        fclose(out);
    return status;
}
