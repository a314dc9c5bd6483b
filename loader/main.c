/*
 * main.c — `dllshare` command dispatch.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "loader/cmd.h"

static const struct {
	const char *name;
	int (*fn)(int, char **, const struct ld_host *);
	const char *usage;
} cmds[] = {
	{"run", ld_cmd_run, "run [--trace] PROGRAM.exe [ARGS...]"},
	{"binfmt", ld_cmd_binfmt, "binfmt enable|disable|status"},
	{"inspect", ld_cmd_inspect, "inspect [--json] [--imports] FILE"},
	{"map", ld_cmd_map, "map [--hold] [--write SECTION+OFFSET...] FILE"},
	{"cache", ld_cmd_cache, "cache list|gc|path|verify"},
	{"exports", ld_cmd_exports,
	 "exports [--json] [-v] [--libdir DIR] [DLL...] | --image FILE"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage:\n");
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		fprintf(f, "  dllshare %s\n", cmds[i].usage);
	fprintf(f,
		"  dllshare PROGRAM.exe [ARGS...]   (as run; what binfmt "
		"registers)\n"
		"  dllshare COMMAND --help\n"
		"  dllshare --version\n");
}

/* A path to an existing file where a command was expected: the kernel's
 * binfmt_misc handler (`dllshare binfmt enable`) starts `dllshare
 * ./prog.exe ARGS...`, as it starts `wine ./prog.exe ARGS...`. */
static int is_program(const char *arg)
{
	return arg[0] != '-' && strchr(arg, '/') && access(arg, F_OK) == 0;
}

int ld_main(int argc, char **argv, const struct ld_host *host)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("dllshare %s\n", DLLSHARE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1, host);
	if (is_program(argv[1]))
		return ld_cmd_run(argc, argv, host);
	fprintf(stderr, "dllshare: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
