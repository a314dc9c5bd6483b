/*
 * main.c — `dllshare` command dispatch.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

/* dllshare's own pages that a start touches, mapped by three system
 * calls instead of a page fault each, before anything else of ours runs:
 * the code a start runs, read (the link places it first, up to
 * ld_hot_text_end: build/gen/hot.ld, from runtime/hot.txt; without it
 * the whole text), its small variables, written (.bss up to
 * ld_small_bss_end, which runtime/dllshare.ld defines; the large tables
 * after it stay untouched), and the first 32 KiB of the heap, which a
 * run fills (a small program's run uses about 24).  On the virtual
 * machines the benchmarks run on a fault costs about 10 us, the first
 * touch of a page mapped this way 5 (the host fills its own page table
 * then), a page mapped 1 or less.  A kernel without MADV_POPULATE_*
 * (before 5.14) refuses, and the pages fault in as before. */
__attribute__((constructor(101))) static void prefault_self(void)
{
	extern char __executable_start[], etext[], __bss_start[];
	extern char ld_small_bss_end[] __attribute__((weak));
	extern char ld_hot_text_end[] __attribute__((weak));
	uintptr_t m = 4095, text = (uintptr_t)__executable_start;
	uintptr_t end = (uintptr_t)(ld_hot_text_end ? ld_hot_text_end : etext);
	uintptr_t bss = (uintptr_t)__bss_start & ~m, heap, top;

	madvise((void *)text, ((end + m) & ~m) - text, MADV_POPULATE_READ);
	if (ld_small_bss_end)
		madvise((void *)bss, (uintptr_t)ld_small_bss_end - bss,
		        MADV_POPULATE_WRITE);
	/* The heap: what malloc has taken from the break, below it. */
	free(malloc(1));
	top = (uintptr_t)sbrk(0);
	heap = (top - mallinfo2().arena + m) & ~m;
	if (top > heap)
		madvise((void *)heap, top - heap < 32768 ? top - heap : 32768,
		        MADV_POPULATE_WRITE);
}

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
