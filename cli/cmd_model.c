/* cmd_model.c: sitrep model info [FILE] -- check a model and describe it. */
#include "exitcodes.h"

#include <sitrep.h>
#include <stdio.h>
#include <string.h>

int cmd_model(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "info") != 0 || argc > 3) {
        fprintf(argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
                    ? stdout : stderr,
                "usage: sitrep model info [FILE]\n\n"
                "Opens the model (FILE, else the default one: $SITREP_MODEL, else\n"
                "sitrep.model beside the program, else the one the build made), checks\n"
                "it whole (magic, version, sizes, bounds, checksums) and describes its\n"
                "sections.  Exit status 0 when the model is valid, 2 when it is not.\n");
        return argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
                   ? EXIT_ALL_OK : EXIT_USAGE;
    }
    sitrep_model *m;
    char err[512] = "";
    if (sitrep_model_open_err(argc == 3 ? argv[2] : NULL, &m, err, sizeof err) != SITREP_OK) {
        fprintf(stderr, "sitrep model: %s\n", err);
        return EXIT_SOME_FAILED;
    }
    sitrep_status st = sitrep_model_describe(m, stdout);
    sitrep_model_free(m);
    return st == SITREP_OK ? EXIT_ALL_OK : EXIT_SOME_FAILED;
}
