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
/* Image sections and views (loader/section.c, loader/view.c).        */

/* An image section: one version of one image file, laid out as in memory
 * in a file of the cache directory (Windows: a SEC_IMAGE section). */
struct ld_section;
/* A view of a section mapped into this process. */
struct ld_view;

/* Why a page of a view is private (recorded in the process record). */
enum ld_reason {
	LD_REASON_NONE = 0,
	LD_REASON_WRITE = 1,   /* first write by the program (fault) */
	LD_REASON_RELOC = 2,   /* relocated privately: base was taken */
	LD_REASON_BIND = 3,    /* import binding wrote the IAT */
	LD_REASON_PROTECT = 4, /* VirtualProtect / pseudo-relocation */
	LD_REASON_SYSCALL = 5, /* privatized before a kernel write (read()) */
};

/* Finds or creates (and publishes) the section for the image file at
 * path.  On success *out holds a reference; the section keeps the file
 * contents and its parsed description (ld_section_pe) for its lifetime. */
int ld_section_open(const char *path, struct ld_section **out,
                    struct ld_error *err);
void ld_section_close(struct ld_section *sec);
/* The parsed headers of the image file (file layout: use pe_rva_ptr). */
const struct pe_image *ld_section_pe(const struct ld_section *sec);
const char *ld_section_path(const struct ld_section *sec);

/* Maps a view of sec into this process (at the section's base when that
 * range is free, else elsewhere with private relocation) and records it
 * in the process record under module name `name`.  Nothing is touched. */
int ld_view_map(struct ld_section *sec, const char *name,
                struct ld_view **out, struct ld_error *err);
uint8_t *ld_view_base(const struct ld_view *v);
uint32_t ld_view_size(const struct ld_view *v);
struct ld_section *ld_view_section(const struct ld_view *v);
/* Makes [rva, rva+len) private and writable now, recording why (used by
 * import binding and VirtualProtect).  Read-only sections become
 * writable until ld_view_seal. */
int ld_view_privatize(struct ld_view *v, uint32_t rva, uint32_t len,
                      enum ld_reason why, struct ld_error *err);
/* Restores the final protections of non-writable sections after binding. */
int ld_view_seal(struct ld_view *v, struct ld_error *err);
void ld_view_unmap(struct ld_view *v);

/* ------------------------------------------------------------------ */
/* Modules (loader/module.c): what LoadLibrary and friends build on.   */

/* A loaded module: a mapped image or a built-in.  Its handle (HMODULE) is
 * its base address. */
struct ld_module;

int ld_load_library(const char *name, struct ld_module **out,
                    struct ld_error *err);
int ld_free_library(struct ld_module *m);
/* NULL name: the EXE.  Case-insensitive; ".dll" may be omitted. */
struct ld_module *ld_module_find(const char *name);
struct ld_module *ld_module_from_handle(void *handle);
void *ld_module_handle(const struct ld_module *m);
const char *ld_module_path(const struct ld_module *m);
/* Export lookup, following forwarders: by name, or by ordinal when name
 * is NULL.  Returns the address or NULL with err filled. */
void *ld_module_proc(struct ld_module *m, const char *name, uint16_t ordinal,
                     struct ld_error *err);

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
