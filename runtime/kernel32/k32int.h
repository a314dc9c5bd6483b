/*
 * k32int.h — what kernel32's files share among themselves and no other
 * DLL needs: the pseudo-handles, FILETIME arithmetic, and the few helpers
 * one subject's file lends another.  Not an interface of the DLL (that is
 * kernel32.h); each helper has one home, named beside it.
 */
#ifndef DLLSHARE_K32INT_H
#define DLLSHARE_K32INT_H

#include <sys/stat.h>

#include "runtime/kernel32/kernel32.h"

/* What GetCurrentProcess and GetCurrentThread return: constants that
 * every call taking a handle accepts, not entries of the handle table. */
/* CreateFile's dispositions and the file attributes. */
#define CREATE_NEW		  1
#define CREATE_ALWAYS		  2
#define OPEN_EXISTING		  3
#define OPEN_ALWAYS		  4
#define TRUNCATE_EXISTING	  5
#define FILE_ATTRIBUTE_READONLY	  0x1
#define FILE_ATTRIBUTE_HIDDEN	  0x2
#define FILE_ATTRIBUTE_SYSTEM	  0x4
#define FILE_ATTRIBUTE_DIRECTORY  0x10
#define FILE_ATTRIBUTE_ARCHIVE	  0x20
#define FILE_ATTRIBUTE_NORMAL	  0x80
#define FILE_ATTRIBUTE_TEMPORARY  0x100
#define FILE_ATTRIBUTE_NOT_CONTENT_INDEXED 0x2000
/* Windows' hidden and system attributes, which Linux files lack, are
 * kept where Wine keeps them, in the extended attribute user.DOSATTRIB
 * ("0x2": hidden), so the two agree on a file either one marked. */
#define DOS_XATTR      "user.DOSATTRIB"
#define DOS_XATTR_BITS (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM)

#define PSEUDO_PROCESS ((HANDLE)(intptr_t)-1)
#define PSEUDO_THREAD  ((HANDLE)(intptr_t)-2)

/* FILETIME: 100 ns units since 1601-01-01; the Unix epoch in them. */
#define EPOCH_1601 116444736000000000ull

static inline uint64_t rt_k32_ft64(const FILETIME *ft)
{
	return (uint64_t)ft->dwHighDateTime << 32 | ft->dwLowDateTime;
}

static inline void rt_k32_set_ft(FILETIME *ft, uint64_t v)
{
	ft->dwLowDateTime = (DWORD)v;
	ft->dwHighDateTime = (DWORD)(v >> 32);
}

/* What a SECURITY_ATTRIBUTES argument may ask of fn: nothing of a
 * security descriptor (dllshare keeps no Windows ACLs; a descriptor is
 * refused with ERROR_NOT_SUPPORTED rather than ignored).  TRUE when sa
 * is acceptable. */
static inline BOOL rt_k32_sa_ok(const char *fn, const void *sa)
{
	const SECURITY_ATTRIBUTES *a = sa;

	if (a && a->lpSecurityDescriptor)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "a security descriptor");
	return TRUE;
}

/* The attributes a new handle gets from a SECURITY_ATTRIBUTES argument
 * (or NULL): inheritable when it asks so. */
static inline DWORD rt_k32_sa_flags(const void *sa)
{
	const SECURITY_ATTRIBUTES *a = sa;

	return a && a->bInheritHandle ? HANDLE_FLAG_INHERIT : 0;
}

/* share.c: the bytes at the end of the offset range that hold sharing
 * modes (LockFile stops below them). */
#define RT_K32_SHARE_BYTES 16
/* share.c: whether the file at path may be deleted or renamed now (no
 * open handle refuses to share deletion); FALSE with the last error. */
BOOL rt_k32_share_delete_ok(const char *path);
/* share.c: the file object o (o->share_fd >= 0) goes: a file opened with
 * FILE_FLAG_DELETE_ON_CLOSE is deleted if o held it last, else it is
 * marked delete-pending and deleted by the last handle's close, in any
 * process (rt_file_free_hook). */
void rt_k32_share_leave(struct rt_object *o);

/* file.c: calls fn on the Linux path of Windows path name; TRUE, or FALSE
 * with the last error from errno (ERROR_INVALID_PARAMETER when the path
 * cannot be made).  DeleteFile, CreateDirectory, SetCurrentDirectory... */
BOOL rt_k32_path_call(LPCSTR name, int (*fn)(const char *));
/* (fn failing with errno 0 has set the last error itself.) */
/* file.c: the attributes, times and size of the file st describes, whose
 * Linux path is path, as GetFileAttributesEx and FindFirstFile report
 * them. */
void rt_k32_fill_info(const struct stat *st, WIN32_FILE_ATTRIBUTE_DATA *d,
		      const char *path);

/* collate.c: CompareStringA/W for lstrcmp, refusals under fn's name. */
INT rt_k32_compare_a(const char *fn, DWORD lcid, DWORD flags, LPCSTR a,
		     INT na, LPCSTR b, INT nb);
INT rt_k32_compare_w(const char *fn, DWORD lcid, DWORD flags, LPCWSTR a,
		     INT na, LPCWSTR b, INT nb);

/* locale.c: the locales of the table (nls_data.h, measured from Wine by
 * runtime/nls/regen.sh), in msvcrt's order.  An answer of GetLocaleInfoW:
 * len units (the NUL counted), the number LOCALE_RETURN_NUMBER gives if
 * has_number, and the error of GetLocaleInfoA, which does not know every
 * LCTYPE (0: none); its text and the genitive form of a month's name are
 * read with rt_k32_text and rt_k32_genitive.  The tables hold offsets and
 * indices, no pointer: a static-pie start relocates every pointer of
 * initialized data, dirtying its page. */
struct nls_info {
	LCTYPE type;
	int len;
	unsigned text;
	int has_number;
	DWORD number;
	unsigned genitive;
	DWORD ansi_error;
};
struct nls_locale {
	LCID lcid;
	WCHAR name[16];
	UINT acp, ocp;
	unsigned first, ninfo; /* its answers in the table of all */
	unsigned era;	       /* what GetDateFormat's "g" writes */
};
/* l's answers (ninfo of them, sorted by type). */
const struct nls_info *rt_k32_infos(const struct nls_locale *l);
/* An answer's text; its genitive form, NULL if none; l's era. */
const WCHAR *rt_k32_text(const struct nls_info *i);
const WCHAR *rt_k32_genitive(const struct nls_info *i);
const WCHAR *rt_k32_era(const struct nls_locale *l);
/* The table's locale for lcid (the defaults and a language's neutral LCID
 * resolved); NULL, refused under fn's name (ERROR_INVALID_PARAMETER), for
 * one outside the table. */
const struct nls_locale *rt_k32_locale(const char *fn, LCID lcid);
/* The same for a locale name (NULL: the user's; a neutral name such as
 * "de" is refused); NULL refused. */
const struct nls_locale *rt_k32_locale_named(const char *fn, LPCWSTR name);
/* l's answer for an LCTYPE (flags masked off), NULL if it has none. */
const struct nls_info *rt_k32_info(const struct nls_locale *l, LCTYPE type);
/* The default locale the Linux locale variables give (LC_ALL, the
 * category's LC_MESSAGES or LC_CTYPE, LANG; loadable: whether the C
 * library can load the locale they name), as Wine takes it; English_United
 * States for C, POSIX, nothing, or a locale outside the table (said under
 * --trace). */
const struct nls_locale *rt_k32_unix_locale(const char *all,
					    const char *category,
					    const char *lang, int loadable);
/* The table's locales: n of them. */
const struct nls_locale *rt_k32_locales(size_t *n);

/* thread.c: the object of thread handle h (the pseudo handle: the
 * calling thread's), a reference; NULL with the last error. */
struct rt_object *rt_k32_thread_object(HANDLE h);

/* The descriptor of file handle h, -1 (with the last error) for
 * another; *o holds the object until rt_object_put. */
static inline int rt_k32_file_fd(HANDLE h, struct rt_object **o)
{
	*o = rt_handle_get(h, RT_H_FILE);
	return *o ? (*o)->fd : -1;
}

/* file.c: the attributes Windows reports for the file st describes,
 * whose Linux path is path (NULL: the open file fd). */
DWORD rt_k32_attributes(const struct stat *st, const char *path, int fd);

/* thread.c: the main thread enters the live threads OpenThread finds
 * (kernel32's process attach, on the main thread). */
void rt_k32_thread_register_main(void);

/* copy.c: CopyFile's copy of from to to (CREATE_NEW when
 * fail_if_exists); FALSE with the last error, no target left then. */
BOOL rt_k32_copy_file(LPCSTR from, LPCSTR to, BOOL fail_if_exists);

/* overlapped.c: ReadFile/WriteFile (wr) at ov's offset on a synchronous
 * handle: the count in *count, the file pointer after the bytes, ov
 * filled in. */
BOOL rt_k32_transfer_at(HANDLE h, void *buf, DWORD n, DWORD *count,
			OVERLAPPED *ov, int wr);
/* overlapped.c: a request made with ov has completed: Internal gets the
 * NTSTATUS of ok or of the last error, InternalHigh bytes, and on success
 * hEvent is signalled; the last error is kept. */
void rt_k32_overlapped_done(OVERLAPPED *ov, BOOL ok, DWORD bytes);

/* process.c: collects child process o's exit status if it has ended
 * (o->signaled, o->exit_code); rt_wait_lock held. */
void rt_k32_poll_process(struct rt_object *o);
/* process.c: the Linux pid a process handle names (0: the
 * pseudo-handle, this process), or -1 with ERROR_INVALID_HANDLE. */
pid_t rt_k32_handle_pid(HANDLE h);

/* inherit.c: what CreateProcess hands a child besides its command line:
 * made before the fork, its fds kept by the fork child, released after. */
struct rt_k32_inherit {
	char *handles_env;   /* "DLLSHARE_HANDLES=...", for the environment */
	char *reserved2_env; /* "DLLSHARE_RESERVED2=..." or NULL */
	int std_fd[3];	     /* the fds the child's 0, 1, 2 are made from */
	int *keep;	     /* the fds the child keeps across exec */
	size_t nkeep;
	int *made; /* fds opened for the child (closed by release): keep's,
		    * and /dev/null */
	size_t nmade;
	int null_fd; /* /dev/null, among made, or -1 */
	struct rt_object **refs; /* the standard handles' objects */
	size_t nrefs;
};
/* inherit.c: what fn (CreateProcessA/W) hands its child: with all
 * (bInheritHandles) every inheritable handle, and the standard handles
 * of si (STARTF_USESTDHANDLES) or ours.  TRUE, or FALSE with the last
 * error (ERROR_NOT_SUPPORTED for an inheritable handle of an object that
 * cannot leave this process) and nothing to release. */
BOOL rt_k32_inherit_prepare(const char *fn, BOOL all, const STARTUPINFOA *si,
			    struct rt_k32_inherit *ci);
/* inherit.c: in the fork child before exec (async-signal-safe): keeps
 * the inherited fds open across exec. */
void rt_k32_inherit_keep(const struct rt_k32_inherit *ci);
/* inherit.c: the parent's part after the fork (or a failure). */
void rt_k32_inherit_release(struct rt_k32_inherit *ci);
/* inherit.c: kernel32's process attach: enters the handles a dllshare
 * parent passed and removes their description from the environment. */
void rt_k32_inherit_take(void);
/* inherit.c: the lpReserved2 bytes the parent gave (NULL, *n 0: none). */
const BYTE *rt_k32_reserved2(WORD *n);

/* named.c: the shared state of a named event, mutex or semaphore, one
 * page of a file in the object namespace (/dev/shm/dllshare-obj-UID/),
 * mapped by every process holding a handle.  The fields after lock
 * change only with lock held; seq is bumped (and its waiters woken)
 * after every change a waiter could be waiting for. */
struct rt_named {
	uint32_t magic;	     /* RT_NAMED_MAGIC once built */
	uint32_t type;	     /* enum rt_htype: fixed at creation */
	pthread_mutex_t lock; /* process-shared, robust */
	uint32_t seq;	     /* futex word (shared) */
	int32_t signaled;    /* events */
	int32_t manual_reset;
	int32_t count;	   /* mutex recursion; semaphore count */
	int32_t max_count; /* semaphores */
	int32_t owner_pid; /* mutex owner: Linux process and thread (pid 0
			    * with count > 0: its process ended) */
	int32_t owner_tid;
};
#define RT_NAMED_MAGIC 0x4f4e5244u /* "DRNO" */
/* named.c: CreateEvent/Mutex/Semaphore with a name (UTF-8): opens the
 * object of that name if there is one of type (last error
 * ERROR_ALREADY_EXISTS; init is then ignored), else creates it from init
 * (last error 0).  0 with the last error when the name is bad
 * (ERROR_PATH_NOT_FOUND, ERROR_FILENAME_EXCED_RANGE) or belongs to
 * another type of object (ERROR_INVALID_HANDLE). */
HANDLE rt_k32_named_create(enum rt_htype type, const char *name,
			   const struct rt_named *init, DWORD hflags);
/* named.c: OpenEvent/Mutex/Semaphore: the handle (the last error
 * untouched, as on Windows), or 0 with
 * ERROR_FILE_NOT_FOUND (no such name), ERROR_INVALID_HANDLE (another
 * type), ERROR_INVALID_PARAMETER (no name). */
HANDLE rt_k32_named_open(enum rt_htype type, const char *name, DWORD hflags);
/* named.c: an unnamed object of type whose state is shared memory all
 * the same (a memfd), so that a child can inherit it: what an
 * inheritable CreateEvent/Mutex/Semaphore without a name makes. */
HANDLE rt_k32_named_anon(enum rt_htype type, const struct rt_named *init,
			 DWORD hflags);
/* named.c: a handle for the shared object on fd (taken over, held when
 * path is not NULL: path is its name), if it is of type; 0 with the last
 * error otherwise (inherit.c: what a parent passed). */
HANDLE rt_k32_named_adopt(int fd, const char *path, enum rt_htype type,
			  DWORD hflags);
/* named.c: locks and unlocks n's state; changed() bumps seq and wakes
 * every waiter of any process (lock held). */
void rt_k32_named_lock(struct rt_named *n);
void rt_k32_named_unlock(struct rt_named *n);
void rt_k32_named_changed(struct rt_named *n);
/* named.c: whether the calling thread owns mutex n; whether its owner
 * is a thread that has ended (the mutex is abandoned).  Lock held. */
int rt_k32_named_mine(const struct rt_named *n);
int rt_k32_named_abandoned(const struct rt_named *n);
/* named.c: the name argument of an A or W function as UTF-8 (malloc'd),
 * NULL for no name or "" (an unnamed object); *err is set to
 * ERROR_NOT_ENOUGH_MEMORY or ERROR_FILENAME_EXCED_RANGE when it fails. */
char *rt_k32_name_a(const char *name, DWORD *err);
char *rt_k32_name_w(const WCHAR *name, DWORD *err);

/* tls.c: the calling thread is ending: runs the FLS callbacks on its
 * non-NULL values (thread.c, before DLL_THREAD_DETACH). */
void rt_k32_fls_thread_exit(void);

/* resource.c: the resource type/name (integer, "#n" or a name) of
 * module h in language lang (any_lang or lang 0: the neutral ones, then
 * en-US, then the first); 0, or -1 with the last error Windows gives. */
struct pe_resource;
int rt_k32_find_resource(HMODULE h, const WCHAR *type, const WCHAR *name,
			 WORD lang, int any_lang, struct pe_resource *res);
/* Message id of module h's message table (FormatMessage), as UTF-8,
 * malloc'd; NULL with the last error set. */
char *rt_k32_module_message(HMODULE h, DWORD id, DWORD lang);

/* LoadLibraryEx's flags that choose where a DLL is looked for. */
#define RT_LOAD_WITH_ALTERED_SEARCH_PATH   0x8
#define RT_LOAD_SEARCH_DLL_LOAD_DIR        0x100
#define RT_LOAD_SEARCH_APPLICATION_DIR     0x200
#define RT_LOAD_SEARCH_USER_DIRS           0x400
#define RT_LOAD_SEARCH_SYSTEM32            0x800
#define RT_LOAD_SEARCH_DEFAULT_DIRS        0x1000

/* dlldir.c: a load's search order, owning its directories. */
struct rt_k32_order {
	struct ld_order order;         /* what the loader is given */
	struct ld_dir *dirs;
	size_t n, cap;
};
/* The order LoadLibraryEx's flags and the DLL directories give a load of
 * win_name (as the program gave it; unix_name: as the loader will look
 * for it) into *o, to free with rt_k32_order_free; 0, or the Windows
 * error (ERROR_INVALID_PARAMETER for flags Windows refuses together, or
 * DLL_LOAD_DIR without a full path), nothing then to free. */
DWORD rt_k32_load_order(const char *win_name, const char *unix_name,
			DWORD flags, struct rt_k32_order *o);
void rt_k32_order_free(struct rt_k32_order *o);

/* datafile.c: the DLL file at unix_path mapped for its resources only
 * (LOAD_LIBRARY_AS_DATAFILE / _AS_IMAGE_RESOURCE): its handle, the
 * mapping's address + 1 (a flat file view) or + 2 (image: laid out as an
 * image); exclusive keeps the file open, denying writers, until it is
 * freed.  0 with the last error set. */
HMODULE rt_k32_datafile_load(const char *unix_path, int image, int exclusive);
/* For a datafile handle: its mapping and whether it is laid out as an
 * image; 0 when h is none. */
int rt_k32_datafile_view(HMODULE h, const uint8_t **base, size_t *len,
			 int *image);
/* Unmaps the datafile h (and closes an exclusive one's file); 0 when h
 * is none. */
int rt_k32_datafile_free(HMODULE h);
/* console.c: WriteFile and ReadFile on a terminal while the console's
 * output or input code page is not UTF-8 go through that page, as
 * Windows' console converts them.  1 when the call was done here
 * (*result its value, *count the bytes taken or given), 0 to transfer
 * the bytes as they are. */
int rt_k32_console_write(int fd, const void *buf, DWORD n, DWORD *count,
			 BOOL *result);
int rt_k32_console_read(int fd, void *buf, DWORD n, DWORD *count,
			BOOL *result);

/* console.c: the console's screen, for echo and msvcrt's conio: the
 * terminal of the console input (standard input when it is a terminal;
 * written through it, or stdout's or stderr's terminal when it is
 * read-only), or -1 when the process has no console (Wine gives a
 * process whose standard input is no terminal none).  conout_bytes
 * writes UTF-8 there (nothing without a console); conout writes n bytes
 * in the console's output code page (wide: n UTF-16 units), FALSE with
 * ERROR_INVALID_HANDLE without a console. */
int rt_k32_conout_fd(void);
void rt_k32_conout_bytes(const char *s, size_t n);
BOOL rt_k32_conout(const void *buf, DWORD n, int wide);
/* console_input.c: the console input's mode.  Whether fd is an input
 * handle's (standard input, or opened read-only); the mode of input
 * terminal fd; SetConsoleMode on it (undefined bits fail with
 * ERROR_INVALID_PARAMETER). */
int rt_k32_is_input(int fd);
/* console.c: Ctrl-C (SIGINT) from now on goes to the console control
 * handlers, and without one ends the process by ExitProcess(0). */
void rt_k32_ctrl_start(void);
DWORD rt_k32_input_mode(int fd);
BOOL rt_k32_set_input_mode(int fd, DWORD mode);
/* console_read.c: ReadFile on input terminal fd while key records wait in
 * the console's input buffer (or bytes a ReadConsoleA left): ReadConsoleA's
 * bytes.  1 when done here (*result its value), 0 otherwise. */
int rt_k32_input_read(int fd, void *buf, DWORD n, DWORD *got, BOOL *result);

/* process.c: a child's primary thread ends with the child: its object
 * takes the process's end and exit code.  rt_wait_lock held. */
void rt_k32_poll_primary(struct rt_object *t);

/* spawn.c: a child created suspended waits for ResumeThread here. */
void rt_k32_resume_wait(void);

/* process.c: a /proc stat file's (a process's or a thread's) start as
 * a FILETIME, and its kernel and user time in FILETIME units; 0, or -1
 * when it cannot be read (the task is gone). */
int rt_k32_stat_times(const char *path, uint64_t *start, uint64_t *kernel,
		      uint64_t *user);

/* time.c: whether t (100 ns units since 1601; UTC when utc, else tz's
 * local time) is in tz's daylight time under its rules. */
int rt_k32_in_daylight(const TIME_ZONE_INFORMATION *tz, int64_t t, int utc);
/* time.c: the day of month of the n-th (5: the last) weekday wd (0:
 * Sunday) of month m (1-12) of year y, as transition rules name days. */
int rt_k32_nth_weekday(int y, int m, int n, int wd);
/* timezone.c: the process's Windows zone, picked for the Linux one. */
void rt_k32_current_zone(TIME_ZONE_INFORMATION *tz);
/* timezone.c: local time's offset now, seconds east of UTC (Wine's). */
long rt_k32_local_offset(void);
void rt_k32_zone_pin(void);

#endif
