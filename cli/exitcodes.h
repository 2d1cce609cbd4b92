/* exitcodes.h: the exit statuses of the sitrep command. */
#ifndef SITREP_EXITCODES_H
#define SITREP_EXITCODES_H

enum {
    EXIT_ALL_OK = 0,     /* every document was read and written */
    EXIT_USAGE = 1,      /* bad command line */
    EXIT_SOME_FAILED = 2 /* some documents (or the output) failed; the rest were processed */
};

int cmd_extract(int argc, char **argv);
int cmd_model(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);

#endif
