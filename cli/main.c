/* main.c: the sitrep command; dispatches to one file per subcommand. */
#include "exitcodes.h"
#include "serve_cmds.h"

#include <sitrep.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: sitrep COMMAND [OPTIONS] [FILE...]\n"
    "\n"
    "sitrep turns news reports into structured, sourced records.\n"
    "\n"
    "Commands:\n"
    "  extract    read articles (text, JSONL, HTML; gzip or zstd) and write one\n"
    "             JSON record per article (see 'sitrep extract --help')\n"
    "  events     the events of articles as rows: ACLED-style CSV, or GDELT 2.0\n"
    "             event rows (see 'sitrep events --help')\n"
    "  model      'sitrep model info [FILE]': check a model file and describe it\n"
    "  parse      'sitrep parse --conllu FILE': dependency parses, as CoNLL-U\n"
    "  ingest     extract articles and store them in a corpus (SQLite or\n"
    "             PostgreSQL): near-duplicates, incidents merged across reports\n"
    "  query      incidents or events of a corpus, with ACLED-style filters, as\n"
    "             JSONL, ACLED CSV, GDELT, PLOVER or GeoJSON\n"
    "  report     one HTML page of incidents: map, timeline, table, annotated\n"
    "             reports (see 'sitrep report --help')\n"
    "  serve      the HTTP API and the report (see 'sitrep serve --help')\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help\n"
    "  --version      show the library and record schema versions\n"
    "\n"
    "Exit status: 0 all documents read, 1 usage error, 2 some documents failed.\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return EXIT_ALL_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("sitrep %s (record schema %s)\n", SITREP_VERSION, SITREP_SCHEMA);
        return EXIT_ALL_OK;
    }
    if (strcmp(cmd, "extract") == 0 || strcmp(cmd, "events") == 0)
        return cmd_extract(argc - 1, argv + 1);
    if (strcmp(cmd, "model") == 0)
        return cmd_model(argc - 1, argv + 1);
    if (strcmp(cmd, "parse") == 0)
        return cmd_parse(argc - 1, argv + 1);
    if (strcmp(cmd, "ingest") == 0)
        return cmd_ingest(argc - 1, argv + 1);
    if (strcmp(cmd, "query") == 0)
        return cmd_query(argc - 1, argv + 1);
    if (strcmp(cmd, "report") == 0)
        return cmd_report(argc - 1, argv + 1);
    if (strcmp(cmd, "serve") == 0)
        return cmd_serve(argc - 1, argv + 1);
    fprintf(stderr, "sitrep: unknown command '%s'\n\n%s", cmd, usage);
    return EXIT_USAGE;
}
