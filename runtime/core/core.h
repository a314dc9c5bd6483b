/*
 * core.h — what the runtime's files share among themselves (not a
 * public interface: the loader sees only rt.h).
 */
#ifndef DLLSHARE_RT_CORE_H
#define DLLSHARE_RT_CORE_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "loader/ld.h"
#include "runtime/core/w32.h"

/* ---- TEB/PEB (teb.c) --------------------------------------------- */

/* The TEB and PEB fields the runtime and mingw code use, at the offsets
 * of x64 Windows (winternl.h / Wine's winternl.h TEB64 and PEB64). */
#define RT_TLS_SLOTS	 64
#define RT_TLS_EXPANSION 1024
struct rt_teb {
	void *ExceptionList;		  /* 0x00 */
	void *StackBase;		  /* 0x08 */
	void *StackLimit;		  /* 0x10 */
	void *SubSystemTib;		  /* 0x18 */
	void *FiberData;		  /* 0x20 */
	void *ArbitraryUserPointer;	  /* 0x28 */
	struct rt_teb *Self;		  /* 0x30 */
	void *EnvironmentPointer;	  /* 0x38 */
	uint64_t ClientIdProcess;	  /* 0x40 */
	uint64_t ClientIdThread;	  /* 0x48 */
	void *ActiveRpcHandle;		  /* 0x50 */
	void **ThreadLocalStoragePointer; /* 0x58 */
	struct rt_peb *Peb;		  /* 0x60 */
	DWORD LastErrorValue;		  /* 0x68 */
	uint8_t pad1[0x1478 - 0x6c];
	void *DeallocationStack; /* 0x1478: the stack's reservation */
	void *TlsSlots[RT_TLS_SLOTS]; /* 0x1480 */
	uint8_t pad2[0x1780 - 0x1680];
	void **TlsExpansionSlots; /* 0x1780 */
};

struct rt_peb {
	uint8_t InheritedAddressSpace; /* 0x00 */
	uint8_t ReadImageFileExecOptions;
	uint8_t BeingDebugged; /* 0x02 */
	uint8_t BitField;
	uint8_t pad0[4];
	void *Mutant;		 /* 0x08 */
	void *ImageBaseAddress;	 /* 0x10 */
	void *Ldr;		 /* 0x18 */
	void *ProcessParameters; /* 0x20 */
	void *SubSystemData;	 /* 0x28 */
	void *ProcessHeap;	 /* 0x30 */
	uint8_t pad1[0x118 - 0x38];
	DWORD OSMajorVersion; /* 0x118 */
	DWORD OSMinorVersion; /* 0x11c */
	WORD OSBuildNumber;   /* 0x120 */
	WORD OSCSDVersion;    /* 0x122: service pack major << 8 | minor */
};

extern struct rt_peb rt_peb;

/* The calling thread's TEB (NULL before rt_thread_init). */
struct rt_teb *rt_teb(void);
DWORD rt_tid(void);
/* Builds the calling thread's TEB, points gs at it, installs the alternate
 * signal stack; 0 or -errno. */
int rt_thread_init(void);
/* Calls fn on every live thread's TEB (under a lock: fn must be short). */
void rt_teb_foreach(void (*fn)(struct rt_teb *, void *), void *arg);
/* Frees the calling thread's TEB (thread exit). */
void rt_thread_fini(void);
/* SetLastError for the runtime: the calling thread's TEB LastErrorValue. */
void rt_set_last_error(DWORD e);
/* errno → Windows error code. */
DWORD rt_win32_error(int err);
/* A built-in refusing an argument it does not implement (refuse.c): sets
 * the last error, says what fn refused under --trace, returns 0 (FALSE,
 * NULL). */
int rt_refuse(DWORD error, const char *fn, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* rt_refuse for functions that return their error (the registry's):
 * the --trace line only, the last error untouched. */
void rt_refuse_quietly(DWORD code, const char *fn, const char *what);
/* rt_refuse's --trace line alone ("error" or "errno" code). */
void rt_trace_refusal(const char *fn, const char *kind, unsigned code,
		      const char *fmt, va_list ap);

/* ---- arguments and environment (args.c) ------------------------- */

extern int rt_argc;
extern char **rt_argv;		/* argv[0] is the Windows path of the EXE */
extern const char *rt_exe_unix; /* the EXE's Linux path */
/* The command line GetCommandLineA/W return; "" before rt_set_args. */
const char *rt_cmdline_a(void);
const WCHAR *rt_cmdline_w(void);
/* Windows path of a Linux path ("Z:\\dir\\x.exe"), symlinks resolved;
 * malloc'd or NULL. */
char *rt_win_path(const char *unix_path);
/* The same of a path already absolute and normal, taken as it is (a
 * module's path: Windows names a module by the path it was loaded
 * through, symlink or not). */
char *rt_win_path_of(const char *abs);
/* Linux path of a Windows path (drive Z: and '\\' handled) for a file
 * to open, create or remove: names are matched ignoring case where the
 * spelling given does not exist, as on Windows; malloc'd. */
char *rt_unix_path(const char *win_path);
/* The same, the names as given (GetFullPathName: no file is asked). */
char *rt_unix_name(const char *win_path);
/* Splits a Windows command line the way msvcrt does; argv malloc'd in
 * one block, NULL on failure. */
char **rt_split_cmdline(const char *cmd, int *argc);
/* The ld_host set_args hook: records argv and builds the command line. */
void rt_set_args(int argc, char **argv, const char *exe_path);
/* Windows exit codes are 32 bits, Linux's 8: a dllshare child started by
 * CreateProcess reports its full code to the parent on a pipe
 * (DLLSHARE_EXIT_FD).  Async-signal-safe; once. */
void rt_report_exit(DWORD code);
/* fn runs each time the arguments are set (msvcrt publishes them in its
 * data imports, _acmdln and __argv): the core calls no DLL above it. */
void rt_args_hook_set(void (*fn)(void));

/* ---- Unicode (unicode.c) ----------------------------------------- */

/* UTF-8 ↔ UTF-16 with malloc; NULL on failure or NULL input. */
WCHAR *rt_utf16_dup(const char *s);
char *rt_utf8_dup(const WCHAR *w);
/* Length of w in code units, without its NUL. */
size_t rt_wcslen(const WCHAR *w);
/* Windows' convention for a string result in a caller's buffer of size
 * units: when s and its NUL fit, copies them and returns the length
 * without NUL; otherwise leaves buf alone and returns the size needed,
 * NUL included. */
DWORD rt_copy_out(char *buf, DWORD size, const char *s);
/* The same for the UTF-8 string s returned as UTF-16; 0 with
 * ERROR_NOT_ENOUGH_MEMORY when the conversion cannot allocate. */
DWORD rt_copy_out_wide(WCHAR *buf, DWORD size, const char *s);
/* Decodes one UTF-8 sequence at s (n bytes); returns its length or -1. */
int rt_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Encodes cp as UTF-8 into out (4 bytes room); returns the length. */
int rt_utf8_encode(uint32_t cp, char *out);

/* ---- handles (handle.c) ------------------------------------------ */

enum rt_htype {
	RT_H_FILE = 1,
	RT_H_THREAD,
	RT_H_PROCESS,
	RT_H_EVENT,
	RT_H_MUTEX,
	RT_H_HEAP,
	RT_H_SEMAPHORE,
	RT_H_MAPPING,
	RT_H_KEY, /* a registry key (advapi32/registry.c) */
};

/* The state of a named event, mutex or semaphore, in shared memory
 * (kernel32/named.c). */
struct rt_named;
#define RT_NAMED_SIZE 4096 /* its mapping: one page */

/* A kernel object.  Waitable ones are signalled under rt_wait_lock and
 * rt_wait_broadcast wakes the waiters on every change; named events,
 * mutexes and semaphores keep their state in shared memory instead
 * (o->named, kernel32/named.c). */
struct rt_object {
	enum rt_htype type;
	int refs;
	int signaled;
	int manual_reset; /* events */
	int fd;		  /* files */
	int share_fd;	  /* files: holds the sharing mode (kernel32/share.c) */
	int overlapped;	  /* files: opened with FILE_FLAG_OVERLAPPED */
	int std_handle;	  /* files: 1 for the three standard handles */
	int delete_on_close; /* files: FILE_FLAG_DELETE_ON_CLOSE */
	DWORD exit_code;  /* threads, processes */
	pid_t pid;	  /* processes */
	DWORD tid;	  /* threads; mutex owner */
	int count;	  /* mutex recursion; semaphore count */
	int max_count;	  /* semaphores */
	int priority;	  /* threads: SetThreadPriority's; processes: the
			   * priority class SetPriorityClass gave (0: none) */
	int boost_off;	  /* threads, processes: priority boost disabled */
	DWORD ideal;	  /* threads: SetThreadIdealProcessor's */
	WCHAR *description; /* threads: SetThreadDescription's, malloc'd */
	void *heap;	  /* heaps */
	/* Named objects and mappings: the file that names the object,
	 * removed when the last handle of any process closes
	 * (lifetime.c), o->fd holding it. */
	char *path;
	struct rt_named *named; /* events, mutexes, semaphores with a name */
	dev_t dev;		/* and their file, for the order of locks */
	ino_t ino;
	/* files: the byte ranges LockFile(Ex) holds through this handle
	 * (kernel32/lock.c), one malloc'd block freed with the object. */
	struct rt_range_lock *locks;
	int nlocks;
	/* threads: SuspendThread's state, the times once it ended
	 * (kernel32/thread.c); freed with the object. */
	struct rt_thread_state *thread;
	/* threads: a child process's primary thread, whose end is the
	 * process's (spawn.c); a reference, put with the object.  Its fd
	 * is the pipe that resumes a child created suspended. */
	struct rt_object *process;
	/* registry keys: which key, malloc'd by advapi32, freed with the
	 * object. */
	struct rt_key *key;
};

/* Access rights beyond the file ones (w32.h): what a handle grants is
 * checked by the functions that need it, ERROR_ACCESS_DENIED when it
 * lacks (winnt.h values). */
#define SYNCHRONIZE			  0x100000u
#define MAXIMUM_ALLOWED			  0x2000000u
#define FILE_READ_ATTRIBUTES		  0x80u
#define FILE_WRITE_ATTRIBUTES		  0x100u
#define EVENT_MODIFY_STATE		  0x2u
#define SEMAPHORE_MODIFY_STATE		  0x2u
#define PROCESS_TERMINATE		  0x1u
#define PROCESS_QUERY_LIMITED_INFORMATION 0x1000u

/* access with its generic rights (GENERIC_READ, ...) replaced by what
 * they mean for an object of type, as Windows maps them; MAXIMUM_ALLOWED
 * is every right of the type (no object has a security descriptor that
 * could deny one). */
DWORD rt_access_map(enum rt_htype type, DWORD access);
/* A new handle for o, taking over the caller's reference to o also on
 * failure: 0 (last error ERROR_TOO_MANY_OPEN_FILES) when the table is
 * full, and o is then released, so a caller never cleans up after it.
 * The handle's attributes are 0 (not inheritable): rt_handle_new_flags
 * gives them (HANDLE_FLAG_INHERIT, HANDLE_FLAG_PROTECT_FROM_CLOSE). */
HANDLE rt_handle_new(struct rt_object *o);
HANDLE rt_handle_new_flags(struct rt_object *o, DWORD flags);
/* The same, the handle granting access (mapped by rt_access_map); the
 * two above grant every right, as a handle of Create* does. */
HANDLE rt_handle_new_access(struct rt_object *o, DWORD flags, DWORD access);
/* Enters o at the value h with attributes flags (a handle inherited from
 * the parent keeps its value, not its access: every right), taking
 * over the reference as rt_handle_new does; 0, or -1 when h is no handle
 * value or is taken. */
int rt_handle_new_at(HANDLE h, struct rt_object *o, DWORD flags);
/* A handle's attributes: 0, or -1 with ERROR_INVALID_HANDLE. */
int rt_handle_flags(HANDLE h, DWORD *flags);
/* Sets the attributes of mask to those of flags. */
int rt_handle_set_flags(HANDLE h, DWORD mask, DWORD flags);
/* One entry of the table. */
struct rt_handle_ref {
	HANDLE h;
	DWORD flags;
	struct rt_object *o; /* with a reference of the caller's */
};
/* Calls fn(o, arg) for the object of every handle (an object with
 * several handles more than once), the table locked: fn must be short
 * and must not use the table. */
void rt_handles_foreach(void (*fn)(struct rt_object *, void *), void *arg);
/* Every inheritable handle, in a malloc'd array of *n entries (NULL when
 * there is none), each with a reference on its object; -1 when out of
 * memory. */
int rt_handles_inheritable(struct rt_handle_ref **out, size_t *n);
/* Looks up h (and takes a reference); NULL with last error set when h is
 * not a handle of that type (type 0: any). */
struct rt_object *rt_handle_get(HANDLE h, int type);
/* rt_handle_get for what needs the rights need (each of them): NULL with
 * ERROR_ACCESS_DENIED when the handle does not grant them all. */
struct rt_object *rt_handle_get_access(HANDLE h, int type, DWORD need);
/* The access handle h grants: 0, or -1 with ERROR_INVALID_HANDLE. */
int rt_handle_access(HANDLE h, DWORD *access);
/* Makes h grant access (mapped by rt_access_map) instead, for a handle
 * made by a path that gives every right (a named object's Open*); 0, or
 * -1 with ERROR_INVALID_HANDLE, the last error untouched on success. */
int rt_handle_set_access(HANDLE h, DWORD access);
/* The Linux fd behind file handle h (the handle keeps it open), or -1
 * with last error set when h is not a file handle. */
int rt_handle_fd(HANDLE h);
/* Take and drop a reference; the last put closes the object's fd (files,
 * processes, mappings other than the standard handles), gives up its
 * hold of a shared name (lifetime.c) and frees it. */
void rt_object_get(struct rt_object *o);
void rt_object_put(struct rt_object *o);
/* The calling thread's object, with a reference (kernel32/thread.c). */
struct rt_object *rt_current_thread_object(void);
/* What kernel32 does when a file object with a sharing state
 * (share_fd >= 0) goes, before its descriptors close: a deletion on
 * close (kernel32/share.c).  Set by kernel32 before it makes one. */
extern void (*rt_file_free_hook)(struct rt_object *o);
/* A new object of type with one reference (and fd -1); NULL when out of
 * memory. */
struct rt_object *rt_object_new(enum rt_htype type);
/* CloseHandle: removes h from the table (and from the standard handles)
 * and drops its reference; 0, or -1 with ERROR_INVALID_HANDLE when h is
 * no handle or is protected from closing (HANDLE_FLAG_PROTECT_FROM_CLOSE:
 * it stays, as on Windows). */
int rt_handle_close(HANDLE h);
/* The handle of a standard stream (0, 1, 2): until SetStdHandle (or a
 * parent, kernel32/inherit.c) names another, one made on first use for
 * Linux fd which, inheritable as a Windows process's first standard
 * handles are. */
HANDLE rt_std_handle(int which);
/* SetStdHandle: h becomes standard stream which (0, 1, 2). */
void rt_set_std_handle(int which, HANDLE h);
extern pthread_mutex_t rt_wait_lock;
extern pthread_cond_t rt_wait_cond;
/* A futex word bumped, under rt_wait_lock, by every change of a local
 * waitable object: a waiter reads it under the lock, then sleeps until
 * it differs (kernel32/wait.c). */
extern uint32_t rt_wait_seq;
/* With rt_wait_lock held: a waitable object changed; wakes every
 * waiter (rt_wait_seq and rt_wait_cond). */
void rt_wait_broadcast(void);
/* Marks o signalled and wakes the waiters. */
void rt_object_signal(struct rt_object *o);

/* The terminal behind a console handle, or -1 (ERROR_INVALID_HANDLE) for
 * a pipe or file: those are not consoles, on Windows either
 * (kernel32/console.c). */
int rt_console_fd(HANDLE h);

/* ---- objects shared through a name (lifetime.c) -------------------- */

/* Takes the calling handle's hold of the shared object open on fd;
 * 0 or -errno. */
int rt_shared_hold(int fd);
/* Opens the shared object path names (open(2) flags) and holds it; the
 * fd, or -errno (-ENOENT: no such object). */
int rt_shared_open(const char *path, int flags);
/* Gives the object built and held under the temporary name tmp its name
 * path, removing tmp: 0, or -EEXIST when path already names one. */
int rt_shared_publish(const char *tmp, const char *path);
/* Whether fd's hold is the last one of any process (it becomes
 * exclusive: no one can take a hold until fd is closed). */
int rt_shared_last(int fd);
/* Gives up fd's hold and closes it; the last holder removes path. */
void rt_shared_close(int fd, const char *path);
/* The exit hook the first hold registers: gives up the holds of every
 * handle of the process (handle.c), removing the names it held last,
 * and the sharing state of its files (rt_file_free_hook: a file to
 * delete on close goes with the process's end, as with CloseHandle). */
void rt_handles_release_shared(void);
/* Registers that hook (once). */
void rt_shared_at_exit(void);

/* ---- memory written by kernel calls -------------------------------- */

/* Makes [p, p+n) writable private memory before a kernel call writes it
 * on the program's behalf (read(2) into a copy-on-write page would fail
 * with EFAULT instead of faulting).  0 or -errno. */
int rt_prepare_write(void *p, size_t n);


/* ---- exit hooks (exit.c) ------------------------------------------- */

/* What a DLL above kernel32 must do when the process ends (msvcrt flushes
 * its streams), registered with the core so that kernel32's ExitProcess
 * and the unhandled-exception exit never call up into msvcrt.  At most
 * RT_EXIT_HOOKS; 0, or -ENOSPC when full. */
#define RT_EXIT_HOOKS 8
int rt_exit_hook_add(void (*fn)(void));
/* Runs the hooks, the last registered first (DLLs detach in the reverse
 * of their load order); each hook runs at most once. */
void rt_exit_hooks_run(void);

/* ---- the built-in DLLs (builtins.c) ---------------------------------- */

/* The table the loader binds imports of built-in DLLs against, made at
 * compile time from each DLL's exports.h; sorted by name. */
extern const struct ld_builtin_module rt_builtins[];
extern const size_t rt_nbuiltins;
/* Each built-in DLL's process attach (msvcrt registers its exit hook);
 * once, before any Windows code runs. */
void rt_builtins_attach(void);

/* ---- faults, exceptions and stacks (fault.c, stack.c) ----------------- */

/* Around every call into Windows code (entry point, DllMain, thread
 * procedure): while the thread is in it, a fault of dllshare's code is
 * the program's exception, not dllshare's internal error. */
void rt_guest_enter(void);
void rt_guest_leave(void);

/* The dispatcher's entry (ntdll/dispatch.c, in assembly): the fault
 * handler makes the faulting thread return into it, on its own stack,
 * with the record and context it built (%rdi, %rsi); it never returns. */
void rt_exception_entry(void);

/* A Windows thread stack (stack.c): reserved whole, committed from the
 * top, a guard page below the committed part. */
struct rt_stack {
	void *base; /* the reservation */
	size_t size;
	struct area *area;
};
struct rt_stack_saved {
	void *base, *limit, *dealloc;
};
/* Reserves reserve bytes, commits the top commit bytes; 0 or -errno. */
int rt_stack_new(size_t reserve, size_t commit, struct rt_stack *out);
/* Unmaps a stack no thread runs on any more. */
void rt_stack_free(struct rt_stack *s);
/* Makes s the stack teb describes (StackBase, StackLimit,
 * DeallocationStack), saving what it described before; detach puts
 * that back. */
void rt_stack_attach(struct rt_stack *s, struct rt_teb *teb,
		     struct rt_stack_saved *saved);
void rt_stack_detach(struct rt_stack *s, struct rt_teb *teb,
		     const struct rt_stack_saved *saved);
/* SetThreadStackGuarantee for the calling thread: raises the room kept
 * for an overflow by want bytes (never lowers it; rounded to pages);
 * *old is the guarantee before.  0, or -EINVAL when the stack is too
 * small for it. */
int rt_stack_guarantee(size_t want, size_t *old);
/* Runs the Windows function fn(arg) on a new Windows stack of reserve
 * and commit bytes (on the current stack when none can be made), with
 * the TEB describing it; returns fn's result.  A thread that leaves fn
 * by ExitThread's longjmp calls rt_stack_run_cleanup afterwards. */
DWORD rt_stack_run(DWORD(WINAPI *fn)(void *), void *arg, size_t reserve,
		   size_t commit);
void rt_stack_run_cleanup(void);
/* The stack sizes of the EXE's headers (host.c). */
void rt_exe_stack_sizes(size_t *reserve, size_t *commit);
/* The Windows stack holding addr: its reservation [lo, hi) and its
 * lowest committed address (the guard page is just below); 0 when addr
 * is in none. */
int rt_stack_at(uintptr_t addr, uintptr_t *lo, uintptr_t *hi,
		uintptr_t *limit);
/* Calls fn(arg) with the stack pointer at top (16-byte aligned), and
 * returns what it returns (stack_asm.S). */
void *rt_call_on_stack(void *(*fn)(void *), void *arg, void *top);

/* The program's guard pages (PAGE_GUARD): page becomes a guard page
 * whose first touch restores prot (PROT_*); clear takes the guards of
 * [lo, hi) away without a touch (one pass over the table); prot gives
 * the protection a guard page will have, or -1 when page is not one. */
int rt_guard_add(uintptr_t page, int prot);
void rt_guard_clear(uintptr_t lo, uintptr_t hi);
int rt_guard_prot(uintptr_t page);

/* For the fault handler: a page fault at addr (stack pointer sp,
 * instruction pc, which the record names for a growth) in a
 * stack or guard page.  RESOLVED: retry (the stack grew); RAISE: raise
 * rec (STATUS_GUARD_PAGE_VIOLATION, STATUS_STACK_OVERFLOW); NONE: not
 * one of those.  Async-signal-safe. */
enum rt_guard { RT_GUARD_NONE, RT_GUARD_RESOLVED, RT_GUARD_RAISE };
enum rt_guard rt_guard_fault(uintptr_t addr, uintptr_t sp, uintptr_t pc,
			     W_EXCEPTION_RECORD *rec);
/* Commits what the dispatcher's frame at [lo, sp) needs on a Windows
 * stack (the record names pc, the faulting instruction); -1 when the
 * stack has no room left.  Async-signal-safe. */
int rt_stack_reserve_for_dispatch(uintptr_t lo, uintptr_t sp, uintptr_t pc);

#endif
