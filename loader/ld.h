/*
 * ld.h — the loader's public interface (the only loader header other
 * layers include).
 *
 * The loader lays images out into image sections, maps views of them,
 * relocates, binds imports and keeps the module list.  It never implements
 * a Win32 function: the runtime hands it the built-in modules (kernel32,
 * msvcrt, ...) as export tables, and the `dllshare` command's main() lives
 * in the runtime, which calls ld_main() with its host hooks.
 */
#ifndef DLLSHARE_LD_H
#define DLLSHARE_LD_H

#include <stddef.h>
#include <stdint.h>

#include "pe/pe.h"

/* Errors are values: 0 or a negative code; the message names file, field
 * and offset or RVA in one line, ready to print after "dllshare: ". */
struct ld_error {
	int code;
	char msg[512];
};

/* ------------------------------------------------------------------ */
/* Built-in modules, provided by the runtime.                          */

/* One export of a built-in module.  For a data export (msvcrt's _acmdln,
 * _fmode, ...) addr is the variable itself, which is what Windows puts in
 * the importer's IAT slot. */
struct ld_builtin_export {
	const char *name;
	void *addr;
	uint16_t ordinal; /* 0: none */
};

struct ld_builtin_module {
	const char *name; /* "kernel32.dll", lower case */
	const struct ld_builtin_export *exports;
	size_t nexports;
};

/* ------------------------------------------------------------------ */
/* Host hooks: what the runtime provides to the `dllshare` command.     */

struct ld_host {
	/* Built-in modules, looked up by case-insensitive name. */
	const struct ld_builtin_module *builtins;
	size_t nbuiltins;
	/* Installs the write-fault handler (SIGSEGV/SIGBUS, alternate
	 * stack) for this thread and the process; 0 or -errno. */
	int (*fault_init)(void);
	/* Prepares the calling thread to run Windows code (TEB at the gs
	 * base, alternate signal stack); 0 or negative. */
	int (*thread_init)(void);
	/* Calls a Windows entry point / DllMain / TLS callback with the
	 * Microsoft x64 convention. */
	int (*call_entry)(void *entry);
	int (*call_dllmain)(void *fn, void *hinst, uint32_t reason,
	                    void *reserved);
	/* Program arguments, for GetCommandLine and __getmainargs. */
	void (*set_args)(int argc, char **argv, const char *exe_path);
};

/* Runs the `dllshare` command: inspect, cache, map, run. */
int ld_main(int argc, char **argv, const struct ld_host *host);

#endif
