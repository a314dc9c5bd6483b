/*
 * cmd.h — the subcommands of `dllshare` (loader-internal).
 * Each takes the arguments after its own name (argv[0] is the subcommand)
 * and returns the process exit status; each answers --help on stdout
 * with status 0.
 */
#ifndef DLLSHARE_LOADER_CMD_H
#define DLLSHARE_LOADER_CMD_H

#include "loader/ld.h"

/* `binfmt`: ./prog.exe through binfmt_misc (cmd_binfmt.c). */
int ld_cmd_binfmt(int argc, char **argv, const struct ld_host *host);
int ld_cmd_inspect(int argc, char **argv, const struct ld_host *host);
int ld_cmd_cache(int argc, char **argv, const struct ld_host *host);
int ld_cmd_map(int argc, char **argv, const struct ld_host *host);
/* `exports`: built-in DLL coverage against mingw-w64's import libraries
 * (cmd_exports.c). */
int ld_cmd_exports(int argc, char **argv, const struct ld_host *host);
int ld_cmd_run(int argc, char **argv, const struct ld_host *host);

#endif
