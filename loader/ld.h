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

/* A large table of dllshare's own that starts zeroed: kept apart from
 * .bss, in the x86-64 large-data section .lbss that the linker places
 * after it, so that the small variables every start touches share a few
 * pages instead of lying between tables, a page fault each. */
#define LD_LARGE_BSS __attribute__((section(".lbss")))

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
/* A built-in DLL's export: its name and, for a partial function, what it
 * refuses (RT_PARTIAL; 0: none) as offsets in the module's strings, so
 * that the tables hold no pointer the start of a static-pie program must
 * relocate; the addresses are one array beside them.  Read with
 * ld_export_name, ld_export_partial and ld_export_addr. */
struct ld_builtin_export {
	uint32_t name;
	uint32_t partial;
	uint16_t ordinal; /* 0: none */
};

struct ld_builtin_module {
	const char *name; /* "kernel32.dll", lower case */
	const struct ld_builtin_export *exports;
	void *const *addrs; /* exports[i]'s address */
	const char *strings;
	size_t nexports;
};

static inline const char *ld_export_name(const struct ld_builtin_module *m,
                                         size_t i)
{
	return m->strings + m->exports[i].name;
}

/* What export i refuses, NULL if it is not partial. */
static inline const char *
ld_export_partial(const struct ld_builtin_module *m, size_t i)
{
	return m->exports[i].partial ? m->strings + m->exports[i].partial
	                             : NULL;
}

static inline void *ld_export_addr(const struct ld_builtin_module *m,
                                   size_t i)
{
	return m->addrs[i];
}

/* ------------------------------------------------------------------ */
/* Image sections and views (loader/section.c, view.c, kept.c, ...). */

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
int ld_view_map(struct ld_section *sec, const char *name, struct ld_view **out,
		struct ld_error *err);
uint8_t *ld_view_base(const struct ld_view *v);
uint32_t ld_view_size(const struct ld_view *v);
/* Nonzero when the view is not at its section's base: relocated
 * privately in this process. */
int ld_view_relocated(const struct ld_view *v);
struct ld_section *ld_view_section(const struct ld_view *v);
/* Makes [rva, rva+len) private and writable now, recording why (used by
 * import binding and VirtualProtect).  Read-only sections become
 * writable until ld_view_seal. */
int ld_view_privatize(struct ld_view *v, uint32_t rva, uint32_t len,
		      enum ld_reason why, struct ld_error *err);
/* Writes len bytes from src at rva as the loader (the IAT), recording
 * the pages private for why.  The mappings keep their protections: a
 * read-only page stays read-only (made private by a forced write, see
 * viewwrite.c), so nothing needs sealing afterwards; the program's own first
 * write to such a page then goes through the fault handler.  Returns 0,
 * 1 when nothing needed writing (pages private from an earlier binding of
 * this kept view already hold src), or a negative error. */
int ld_view_write(struct ld_view *v, uint32_t rva, const void *src,
		  uint32_t len, enum ld_reason why, struct ld_error *err);
/* Unmaps the views kept after FreeLibrary and the page-table guards
 * (kept.c) that lie in [addr, addr+len), so that a mapping wanted exactly
 * there can be made; returns how many. */
int ld_view_kept_release(uintptr_t addr, size_t len);
/* Nonzero when [lo, hi) lies in a view kept after FreeLibrary or a
 * page-table guard: memory the program is to see as free. */
int ld_view_kept_at(uintptr_t lo, uintptr_t hi);
/* Marks the copy-on-write pages of [rva, rva+len) made read-only by the
 * program (locked nonzero: VirtualProtect to a protection without write)
 * or writable again: a write to a locked page is an access violation,
 * as on Windows, where the fault handler would otherwise take it for a
 * first write and let it through. */
void ld_view_lock(struct ld_view *v, uint32_t rva, uint32_t len, int locked);
/* How many bytes from page rva on (at most max) share that page's lock
 * state, which goes to *locked (VirtualQuery: a locked page is what
 * the program made it, not PAGE_WRITECOPY). */
uint32_t ld_view_lock_run(struct ld_view *v, uint32_t rva, uint32_t max,
			  int *locked);
/* Restores the final protections of non-writable sections after binding. */
int ld_view_seal(struct ld_view *v, struct ld_error *err);
void ld_view_unmap(struct ld_view *v);

/* ------------------------------------------------------------------ */
/* Write faults (loader/region.c): what the runtime's SIGSEGV handler   */
/* and its kernel-writing calls (ReadFile, _read, recv) build on.        */

enum ld_access { LD_ACCESS_READ, LD_ACCESS_WRITE, LD_ACCESS_EXEC };
enum ld_fault {
	LD_FAULT_NOT_OURS = 0,	/* not in a mapped image: chain the handler */
	LD_FAULT_RESOLVED = 1,	/* copy-on-write page privatized: retry */
	LD_FAULT_VIOLATION = 2, /* in an image but not allowed: 0xC0000005 */
};
/* Decides a fault at addr by instruction pc: privatizes the page of a
 * first write to a copy-on-write range (recording the event), else says
 * whose it is.  Async-signal-safe, lock-free. */
enum ld_fault ld_fault_resolve(void *addr, enum ld_access access, void *pc);
/* Writes "counter.dll!.rdata+0x10 (RVA 0x3010)" for addr into buf (always
 * NUL-terminated); returns the length.  Async-signal-safe. */
size_t ld_fault_describe(const void *addr, char *buf, size_t len);
/* Writes the section file mapped at addr ("/dev/shm/dllshare-0/x.dll.
 * 0123456789abcdef.sec", or "(private memory: the cache was full)") into
 * buf (always NUL-terminated); returns its length, 0 when addr is in no
 * image.  For the report of a failed image page read (SIGBUS: the file
 * was truncated under the mapping).  Async-signal-safe. */
size_t ld_fault_section_file(const void *addr, char *buf, size_t len);
/* Privatizes the still-shared copy-on-write pages of [addr, addr+len)
 * (reason "syscall"), so a kernel write into them (read(), recv()) does
 * not fail with EFAULT.  Memory outside images is ignored.  0 or -errno. */
int ld_prepare_write(void *addr, size_t len);
/* Removes this process's record (<cache>/proc/<pid>): at exit, and from
 * the fault handler before it ends the process.  Async-signal-safe. */
void ld_record_remove(void);

/* ------------------------------------------------------------------ */
/* Windows thread stacks in the record (loader/recstack.c): the runtime */
/* makes the stacks (runtime/core/stack.c); the record says, for dllmap, */
/* where each is, which pages are committed and why.                    */

/* Why stack pages became committed: the values of LD_REC_STACK_*. */
enum ld_stack_reason {
	LD_STACK_INITIAL = 16,	/* SizeOfStackCommit / CreateThread's size */
	LD_STACK_GUARD = 17,	/* the guard page was touched */
	LD_STACK_FRAME = 18,	/* an unprobed frame below the guard */
	LD_STACK_OVERFLOW = 19, /* the overflow room, STATUS_STACK_OVERFLOW */
	LD_STACK_DISPATCH = 20, /* room for an exception's dispatch */
};

/* Records a stack of the calling thread: reserved [lo, hi), committed
 * [limit, hi) (reason initial), the guard page below limit, room bytes
 * kept for an overflow.  Returns its index, or -1 when there is no
 * record or no room in it (the stack works, unrecorded).  Takes a
 * mutex: not for the fault handler. */
int ld_stack_record_new(uintptr_t lo, uintptr_t hi, uintptr_t limit,
			uintptr_t room);
/* Records that [from, to) of stack idx became committed for why, by the
 * instruction pc (0: none), and that the committed part now begins at
 * limit, with the guard page at guard (0: none left).  idx < 0 is
 * ignored.  Async-signal-safe. */
void ld_stack_record_commit(int idx, uintptr_t from, uintptr_t to,
			    enum ld_stack_reason why, uintptr_t pc,
			    uintptr_t limit, uintptr_t guard);
/* The overflow room of stack idx is now room bytes (SetThreadStackGuarantee). */
void ld_stack_record_room(int idx, uintptr_t room);
/* The stack's thread ended: its entry and page bytes may be reused. */
void ld_stack_record_free(int idx);

/* ------------------------------------------------------------------ */
/* Modules (loader/module.c): what LoadLibrary and friends build on.   */

/* A loaded module: a mapped image or a built-in.  Its handle (HMODULE) is
 * its base address. */
struct ld_module;

/* Where a load looks for a DLL that no loaded module answers by name, and
 * for the DLLs it imports: directories in order.  The runtime builds it
 * from LoadLibraryEx's flags and the process's DLL directories; the
 * loader knows no Win32 name.  A relative path with a separator
 * ("sub\\x.dll") is looked for under each directory; one that starts
 * with "." or ".." and an absolute one are taken as they are. */
enum ld_dir_kind {
	LD_DIR_PROGRAM, /* the program's directory */
	LD_DIR_CURRENT, /* the current directory, asked for when reached */
	LD_DIR_SYSTEM,  /* each directory of $DLLSHARE_PATH */
	LD_DIR_PATH,    /* path: a directory (relative: from the current one) */
};
struct ld_dir {
	enum ld_dir_kind kind;
	const char *path; /* LD_DIR_PATH only */
};
struct ld_order {
	const struct ld_dir *dirs;
	size_t n;
};
/* The order of a load that gives none (the program's own imports,
 * forwarders): the program's directory, the current one, the system. */
extern const struct ld_order ld_standard_order;

/* ld_load_library's flags. */
#define LD_LOAD_NO_RESOLVE  1 /* the DLL itself: imports not bound, no
				 initializer run, now or on a later load */
#define LD_LOAD_LOADED_ONLY 2 /* only a module loaded already (a new
				 reference to it); nothing is mapped */

/* Loads name (a file name or a Linux path) through order (NULL: the
 * standard one), with what it imports, and runs their initializers; a new
 * reference on success.  0, or -1 with err filled. */
int ld_load_library(const char *name, const struct ld_order *order,
		    unsigned flags, struct ld_module **out,
		    struct ld_error *err);
/* The file a load of name through order would map (".dll" added to a name
 * without an extension, as a load adds it), without mapping it: 1 with
 * its absolute path in path, 0 when there is none. */
int ld_search_file(const char *name, const struct ld_order *order,
		   char *path, size_t len);
int ld_free_library(struct ld_module *m);
/* NULL name: the EXE.  Case-insensitive; ".dll" may be omitted. */
struct ld_module *ld_module_find(const char *name);
struct ld_module *ld_module_from_handle(void *handle);
void *ld_module_handle(const struct ld_module *m);
const char *ld_module_path(const struct ld_module *m);
/* DisableThreadLibraryCalls: m's DllMain no longer sees
 * DLL_THREAD_ATTACH / DLL_THREAD_DETACH (its TLS callbacks still do).
 * Refused (-1) for a module with implicit TLS, whose per-thread blocks
 * depend on those notices: Windows and Wine refuse it too. */
int ld_module_no_thread_calls(struct ld_module *m);
/* Export lookup, following forwarders: by name, or by ordinal when name
 * is NULL.  Returns the address or NULL with err filled. */
void *ld_module_proc(struct ld_module *m, const char *name, uint16_t ordinal,
		     struct ld_error *err);

/* The loaded view that contains addr, or NULL (VirtualProtect and
 * VirtualQuery use it to privatize and describe image pages). */
struct ld_view *ld_view_at(const void *addr);

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
	/* Program arguments, for GetCommandLine and __getmainargs;
	 * exe_path is the EXE's path as realpath() gave it, or as given
	 * when realpath() failed. */
	void (*set_args)(int argc, char **argv, const char *exe_path);
	/* Sets the calling thread's implicit TLS vector, the array of
	 * per-module TLS blocks Windows code reaches through
	 * TEB.ThreadLocalStoragePointer (gs:[0x58]).  NULL: no TLS. */
	void (*set_tls_vector)(void **vector);
};

/* ------------------------------------------------------------------ */
/* Threads and process exit (loader/init.c): what the runtime calls.   */

/* On a new thread, after thread_init and before its start routine:
 * builds the thread's implicit TLS blocks (each module's TLS template),
 * installs them with set_tls_vector, then runs TLS callbacks and
 * DllMain(DLL_THREAD_ATTACH) in initialization order.  0 or negative. */
int ld_thread_attach(void);
/* When a thread ends (ExitThread, return from its routine): TLS
 * callbacks and DllMain(DLL_THREAD_DETACH) in reverse order, then frees
 * the thread's TLS blocks. */
void ld_thread_detach(void);
/* At process exit (ExitProcess, exit, return from main): TLS callbacks
 * and DllMain(DLL_PROCESS_DETACH) in reverse initialization order.
 * Runs once; later calls return at once. */
void ld_process_detach(void);

/* ------------------------------------------------------------------ */
/* Tracing (loader/trace.c).                                            */

/* Nonzero when `dllshare run --trace` was given or DLLSHARE_TRACE=1 is in
 * the environment (so child processes trace too).  A plain int, set
 * before any Windows code runs: the fault handler may read it. */
extern int ld_trace_on;
/* Prints one line "dllshare: <fmt>\n" to stderr when tracing is on.
 * Not async-signal-safe: the fault handler writes its own lines. */
void ld_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints one line "dllshare: <fmt>\n" to stderr whatever the trace flag:
 * a note the user has to see (the cache is full, the default cache
 * directory was taken), for a program that still runs. */
void ld_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs the `dllshare` command: inspect, cache, map, run. */
int ld_main(int argc, char **argv, const struct ld_host *host);

#endif
