/*
 * module.h — the module list, search, binding and initialization
 * (loader-internal: module.c, search.c, bind.c, init.c, cmd_run.c).
 *
 * A load (the program at start-up, or one LoadLibrary) works on a
 * struct ld_load: every module it maps is put on the module list at once
 * (state LD_MAPPED) before its imports are bound, so a dependency cycle
 * finds the module already there and binds against its exports, which
 * are usable as soon as the image is mapped.  Problems (a missing DLL, a
 * missing import) are collected, not returned at the first one, so the
 * user sees every missing `dll!function` in one go.  Only when the whole
 * graph is bound do initializers run, dependencies first.
 */
#ifndef DLLSHARE_LOADER_MODULE_H
#define DLLSHARE_LOADER_MODULE_H

#include <pthread.h>
#include <sys/stat.h>

#include "loader/ld.h"

/* A forwarder chain (a.dll!f -> b.dll!g -> ...) longer than this is
 * taken for a loop; Windows' own system DLLs forward at most twice. */
#define LD_MAX_FORWARD_DEPTH 16
/* Modules with implicit TLS at once: each thread's TLS vector is
 * allocated at this size once, so loading a DLL with TLS later never
 * moves a vector another thread is using. */
#define LD_MAX_TLS_MODULES 64
/* Problems listed for one load; past it, "... and N more". */
#define LD_MAX_PROBLEMS 256

enum ld_state {
	LD_MAPPED,      /* on the list; imports being bound */
	LD_BOUND,       /* imports bound, initializer not run yet */
	LD_INITIALIZING,/* TLS callbacks / DllMain(PROCESS_ATTACH) running */
	LD_READY,       /* initialized */
	LD_DETACHED,    /* DLL_PROCESS_DETACH delivered */
};

struct ld_module {
	struct ld_module *next, *prev; /* load order */
	char *name;                    /* "libfoo.dll", as found on disk */
	char *path;                    /* full path; built-ins: their name */
	const struct ld_builtin_module *builtin; /* non-NULL: built-in */
	struct ld_section *sec;
	struct ld_view *view;
	const struct pe_image *pe;     /* file layout, owned by sec */
	uint8_t *base;                 /* HMODULE */
	uint32_t size;
	struct pe_exports ex;
	int has_exports;
	struct ld_module **deps;       /* imports, in descriptor order */
	size_t ndeps, capdeps;
	unsigned load_count;           /* LoadLibrary references */
	int is_exe;
	int pinned;                    /* never unloaded (EXE, built-ins) */
	int no_thread_calls;           /* DisableThreadLibraryCalls */
	enum ld_state state;
	int mark;                      /* scratch for walks */
	int tls_index;                 /* -1: no implicit TLS */
	struct pe_tls tls;
	void *dllmain;                 /* NULL: none (EXE, no entry) */
	struct ld_load *load;          /* the load that mapped it */
};

/* One load in progress. */
struct ld_load {
	const char *who;               /* prefix of problem lines */
	struct ld_module **added;      /* mapped by this load, in order */
	size_t nadded, capadded;
	char **problems;
	size_t nproblems, capproblems;
	size_t dropped;                /* problems past LD_MAX_PROBLEMS */
	int static_load;               /* program start-up (reserved != 0) */
	const struct ld_order *order;  /* where DLLs are looked for */
	unsigned flags;                /* LD_LOAD_*, for the load's root */
};

/* module.c */
extern const struct ld_host *ld_host;
extern pthread_mutex_t ld_lock;    /* recursive: DllMain may LoadLibrary */
extern struct ld_module *ld_modules, *ld_exe;

/* Records the runtime's hooks and puts its built-in modules on the list
 * (pinned, never unloaded); later calls do nothing. */
void ld_set_host(const struct ld_host *host);
/* Adds one problem line (no "dllshare: " prefix) to L; past
 * LD_MAX_PROBLEMS it is only counted. */
void ld_problem(struct ld_load *L, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Frees L's problem lines and list of added modules; the modules stay. */
void ld_load_done(struct ld_load *L);
/* The module name is found by: already loaded (by name), built-in, then
 * searched; mapped and bound if new.  NULL with a problem recorded. */
struct ld_module *ld_load_dep(struct ld_load *L, const char *name,
                              struct ld_module *importer);
/* Maps the image file at path as the program (the EXE) and binds the
 * whole graph; refuses DLLs and images that cannot run here.  0, or -1
 * with problems recorded (*out may then be set). */
int ld_load_exe(struct ld_load *L, const char *path, struct ld_module **out);
/* Records that m needs dep (once; a module never needs itself).  0/-1. */
int ld_add_dep(struct ld_module *m, struct ld_module *dep);
/* "KERNEL32" -> "KERNEL32.dll": the name a module is looked up by. */
void ld_norm_name(const char *in, char *out, size_t len);
/* The live module named norm (case-insensitive), or NULL. */
struct ld_module *ld_find_by_name(const char *norm);
/* Takes m off the module list (library.c unloads with it). */
void ld_list_remove(struct ld_module *m);
/* Unmaps m (its section goes on standby) and frees it. */
void ld_module_free(struct ld_module *m);
/* Makes [rva, rva+len) of m private and writable for a loader write
 * into memory the program itself will likely write too (the TLS index
 * among .bss variables), recording why, and says so under --trace ("for
 * import binding: what").  0, or -1 with a problem recorded in L. */
int ld_module_privatize(struct ld_load *L, struct ld_module *m, uint32_t rva,
                        uint32_t len, enum ld_reason why, const char *what);
/* Writes len bytes from src at rva of m as the loader (ld_view_write:
 * the pages become private but keep their protection — for memory the
 * program does not write, the IAT), recording why, and says so under
 * --trace.  0, or -1 with a problem recorded in L. */
int ld_module_write(struct ld_load *L, struct ld_module *m, uint32_t rva,
                    const void *src, uint32_t len, enum ld_reason why,
                    const char *what);
/* library.c */
/* Undoes a failed load: detaches and unmaps what it added. */
void ld_load_abort(struct ld_load *L);
/* Unloads every module no longer reachable from a pinned module or one
 * with load_count > 0 (dependency cycles included). */
void ld_collect(void);
/* The file name part of a path ('/' or '\\' separated). */
const char *ld_base_name(const char *path);

/* search.c: candidate files for a DLL name, in search order. */
struct ld_search {
	const char *name;
	int in_dirs;                   /* a relative path, under each dir */
	const char **dirs;             /* NULL: the current directory */
	char **owned;                  /* what to free, per directory */
	size_t ndirs, cap, next;
	char *cwd;                     /* getcwd(), or NULL */
};
/* Starts a search for name (a file name, or a path when it holds a
 * separator) through order (NULL: the standard one); ld_search_end frees
 * what it holds.  The order must outlive the search. */
void ld_search_begin(struct ld_search *s, const char *name,
                     const struct ld_order *order);
/* Fills path with the next candidate that is a regular file and *st
 * with what stat() said of it (the file a symlink names); 1, or 0 at the
 * end.  The path is absolute and lexical (ld_full_path): a symlink in it
 * is not resolved, so two candidates may be one file. */
int ld_search_next(struct ld_search *s, char *path, size_t len,
                   struct stat *st);
/* "dir1, dir2, ..." for the error message. */
void ld_search_dirs(const struct ld_search *s, char *buf, size_t len);
void ld_search_end(struct ld_search *s);
/* Directory of the program (set once by the EXE load); resolved: the
 * path came from realpath(), so its directory needs no resolving. */
void ld_search_set_progdir(const char *exe_path, int resolved);
/* path made absolute as GetFullPathName makes it, without asking the
 * file system: a relative path is taken from cwd (absolute), then empty
 * and "." components are dropped and ".." drops the component before it
 * ("/.." is "/").  Only '/' separates.  0, or -1 when out (len bytes) is
 * too small or a relative path has no absolute cwd. */
int ld_full_path(const char *cwd, const char *path, char *out, size_t len);

/* bind.c */
/* Loads what m imports and fills m's IAT; goes on past problems to
 * record them all.  0, or -1 when it recorded any. */
int ld_bind(struct ld_load *L, struct ld_module *m);
/* Export of m by name (hint tried first) or by ordinal (name NULL),
 * following forwarders; requester is who gets forward targets as
 * dependencies.  NULL when absent (problem not recorded); *why set. */
void *ld_resolve(struct ld_load *L, struct ld_module *m, const char *name,
                 uint16_t hint, uint16_t ordinal, struct ld_module *requester,
                 char *why, size_t whylen, char *via, size_t vialen);

/* init.c */
/* Runs the initializers (TLS set-up, TLS callbacks, DllMain) of every
 * LD_BOUND module reachable from root, and of every module L mapped,
 * dependencies first.  0, or -1 with a problem recorded. */
int ld_init_load(struct ld_load *L, struct ld_module *root);
/* DLL_PROCESS_DETACH, in reverse initialization order, for initialized
 * modules whose mark is clear (ld_collect's dead set); how many. */
int ld_detach_unmarked(int process_exit);
/* Frees m's TLS index and every thread's block for it. */
void ld_tls_release(struct ld_module *m);
/* Registers the calling thread and builds its TLS vector, without
 * running callbacks (the main thread, before initializers run). */
int ld_thread_start(void);

#endif
