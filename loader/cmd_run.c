/*
 * cmd_run.c — `dllshare run [--trace] PROGRAM.exe [ARGS...]`.
 *
 * Load the EXE and everything it imports from image sections, bind every
 * import, and only then — when nothing is missing — run initializers
 * (dependencies first) and the entry point.  A program that cannot run
 * gets every reason printed, one per line, and exit status 1, before a
 * single instruction of it has executed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loader/cmd.h"
#include "loader/module.h"

static void print_problems(const struct ld_load *L)
{
	for (size_t i = 0; i < L->nproblems; i++)
		fprintf(stderr, "dllshare: %s\n", L->problems[i]);
	if (L->dropped)
		fprintf(stderr, "dllshare: %s: ... and %zu more problems\n",
		        L->who, L->dropped);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: dllshare run [--trace] PROGRAM.exe [ARGS...]\n"
		"  --trace  print each loader step on stderr (sets "
		"DLLSHARE_TRACE=1, so the\n"
		"           programs it starts trace too)\n"
		"Exit status: the program's exit code (low 8 bits); 1 when "
		"it cannot run\n"
		"(every reason is printed first); 2 on a usage error.\n");
}

int ld_cmd_run(int argc, char **argv, const struct ld_host *host)
{
	struct ld_load L = {0};
	struct ld_module *exe;
	const char *prog;
	void *entry;
	int i = 1, rc;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--trace")) {
			fprintf(stderr, "dllshare: run: unknown option '%s'\n",
			        argv[i]);
			return 2;
		}
		/* In the environment too: programs it starts trace as well. */
		ld_trace_on = 1;
		setenv("DLLSHARE_TRACE", "1", 1);
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	prog = argv[i];
	if (access(prog, R_OK) < 0) {
		fprintf(stderr, "dllshare: %s: %s\n", prog, strerror(errno));
		return 1;
	}
	if ((host->fault_init && (rc = host->fault_init()) < 0) ||
	    (host->thread_init && (rc = host->thread_init()) < 0)) {
		fprintf(stderr, "dllshare: %s: cannot prepare this process to run "
		                "Windows code (%d)\n", prog, rc);
		return 1;
	}
	ld_set_host(host);
	L.who = ld_base_name(prog);
	L.static_load = 1;

	pthread_mutex_lock(&ld_lock);
	if (ld_load_exe(&L, prog, &exe) < 0 || L.nproblems)
		goto fail;
	if (!exe->pe->entry_rva || exe->pe->entry_rva >= exe->size) {
		ld_problem(&L, "%s: AddressOfEntryPoint 0x%x is not inside the "
		           "image (SizeOfImage 0x%x)", L.who, exe->pe->entry_rva,
		           exe->size);
		goto fail;
	}
	if (ld_thread_start() < 0) {
		ld_problem(&L, "%s: out of memory for the main thread's TLS",
		           L.who);
		goto fail;
	}
	if (host->set_args)
		host->set_args(argc - i, argv + i, ld_module_path(exe));
	if (ld_init_load(&L, exe) < 0)
		goto fail;
	ld_load_done(&L);
	pthread_mutex_unlock(&ld_lock);

	entry = exe->base + exe->pe->entry_rva;
	ld_trace("run: %s: entry point at %s+0x%x", exe->name, exe->name,
	         exe->pe->entry_rva);
	rc = host->call_entry(entry);
	/* The entry point returned instead of calling ExitProcess: Windows
	 * ends the process with its value all the same. */
	ld_process_detach();
	return rc & 0xff;
fail:
	print_problems(&L);
	pthread_mutex_unlock(&ld_lock);
	return 1;
}
