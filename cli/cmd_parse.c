/*
 * cmd_parse.c: sitrep parse --conllu FILE -- the dependency parser on the
 * words of a CoNLL-U file, written back as CoNLL-U.
 *
 * Every sentence's words (FORM; multiword-token ranges and empty nodes are
 * skipped) become a document of sitrep's own: tag.c tags it, lemma.c
 * lemmatizes it, and the parser (src/lang/parse.c) gives UPOS, HEAD and
 * DEPREL.  The output has one line a word, the comments kept:
 *   ID FORM LEMMA UPOS XPOS(sitrep's Penn tag) _ HEAD DEPREL _ _
 * so that any CoNLL-U scorer can compare it with the input.  The parser
 * is an internal stage, so this command reads the library's own headers.
 */
#include "exitcodes.h"

#include "lang/lang.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: sitrep parse --conllu FILE [-o OUT] [--model FILE] [--beam N]\n"
    "\n"
    "Reads the words of a CoNLL-U file (FILE, or '-' for standard input),\n"
    "parses each sentence with sitrep's dependency parser (learned from\n"
    "Universal Dependencies English EWT; docs/parse.md) and writes CoNLL-U\n"
    "with sitrep's lemma, UPOS, Penn tag (XPOS), HEAD and DEPREL.\n"
    "\n"
    "Options:\n"
    "  --conllu FILE   the input\n"
    "  -o, --output F  write to F instead of standard output\n"
    "  --model FILE    the model file (default as for 'sitrep extract')\n"
    "  --beam N        the parser's beam width (1: greedy; default: the model's)\n"
    "  -h, --help      show this help\n"
    "\n"
    "Exit status: 0 all read, 1 usage error, 2 malformed input or a failure.\n";

static void write_sentence(FILE *out, const sr_doc *d, const sitrep_model *m, const sr_conllu_sent *s)
{
    for (uint32_t c = 0; c < s->comments.n; c++)
        fprintf(out, "%s\n", s->comments.v[c]);
    for (uint32_t k = 0; k < s->w.n; k++) {
        char lemma[64];
        size_t ln = sr_lemma_of(d, m, k, lemma, sizeof lemma);
        if (!ln)
            lemma[ln++] = '_';
        lemma[ln < sizeof lemma ? ln : sizeof lemma - 1] = 0;
        bool parsed = sr_parsed(d, k);
        uint32_t head = parsed && d->heads[k] != SR_NO_HEAD ? d->heads[k] + 1 : 0;
        fprintf(out, "%u\t%s\t%s\t%s\t%s\t_\t%s%u\t%s\t_\t_\n", k + 1, s->w.v[k].form, lemma,
                sr_upos_names[parsed ? d->upos[k] : 0], sr_tag_name(m, d->tags[k]),
                parsed ? "" : "_", parsed ? head : 0, sr_dep_names[parsed ? d->deprels[k] : 0]);
    }
    fputc('\n', out);
}

int cmd_parse(int argc, char **argv)
{
    const char *in_path = NULL, *out_path = NULL, *model_path = NULL;
    uint32_t beam = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            return EXIT_ALL_OK;
        } else if (strcmp(a, "--conllu") == 0 && i + 1 < argc) {
            in_path = argv[++i];
        } else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc) {
            out_path = argv[++i];
        } else if (strcmp(a, "--model") == 0 && i + 1 < argc) {
            model_path = argv[++i];
        } else if (strcmp(a, "--beam") == 0 && i + 1 < argc && atoi(argv[i + 1]) >= 1 &&
                   atoi(argv[i + 1]) <= SR_PARSE_MAXBEAM) {
            beam = (uint32_t)atoi(argv[++i]);
        } else {
            fprintf(stderr, "sitrep parse: unknown or incomplete option '%s'\n\n%s", a, usage);
            return EXIT_USAGE;
        }
    }
    if (!in_path) {
        fprintf(stderr, "sitrep parse: --conllu FILE is required\n\n%s", usage);
        return EXIT_USAGE;
    }
    sitrep_model *m;
    char err[512] = "";
    if (sitrep_model_open_err(model_path, &m, err, sizeof err) != SITREP_OK) {
        fprintf(stderr, "sitrep parse: %s\n", err);
        return EXIT_SOME_FAILED;
    }
    if (!sr_parse_available(m)) {
        fprintf(stderr, "sitrep parse: the model has no parser weights (make parse-train)\n");
        sitrep_model_free(m);
        return EXIT_SOME_FAILED;
    }
    FILE *in = strcmp(in_path, "-") == 0 ? stdin : fopen(in_path, "r");
    FILE *out = out_path ? fopen(out_path, "w") : stdout;
    int status = EXIT_ALL_OK;
    if (!in || !out) {
        fprintf(stderr, "sitrep parse: %s: %s\n", !in ? in_path : out_path, strerror(errno));
        status = EXIT_SOME_FAILED;
    }
    sr_arena a;
    sr_arena_init(&a);
    uint64_t line = 0;
    int r = 0;
    sr_conllu_sent s;
    while (status == EXIT_ALL_OK && (r = sr_conllu_read(in, &a, &s, &line)) > 0) {
        sr_doc d;
        sitrep_status st = sr_parse_doc_from_words(&d, &a, m, s.w.v, s.w.n);
        if (st == SITREP_OK)
            st = sr_parse_run_beam(&d, m, true, beam);
        if (st != SITREP_OK) {
            fprintf(stderr, "sitrep parse: %s:%llu: %s\n", in_path, (unsigned long long)line,
                    sitrep_status_string(st));
            status = EXIT_SOME_FAILED;
            break;
        }
        write_sentence(out, &d, m, &s);
        sr_arena_reset(&a);
    }
    if (r < 0) {
        fprintf(stderr, "sitrep parse: %s:%llu: malformed CoNLL-U line\n", in_path, (unsigned long long)line);
        status = EXIT_SOME_FAILED;
    }
    sr_arena_free(&a);
    if (in && in != stdin)
        fclose(in);
    if (out && out != stdout && fclose(out) != 0)
        status = EXIT_SOME_FAILED;
    if (out == stdout && fflush(stdout) != 0)
        status = EXIT_SOME_FAILED;
    sitrep_model_free(m);
    return status;
}
