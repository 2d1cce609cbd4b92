/* serve_cmds.h: the commands over the serve layer (the report, the server). */
#ifndef SITREP_SERVE_CMDS_H
#define SITREP_SERVE_CMDS_H

int cmd_report(int argc, char **argv);
int cmd_serve(int argc, char **argv);

#endif
