/*
 * msvcrt_start.c — what mingw-w64's CRT startup code imports from
 * msvcrt: arguments, the initializer and exit tables, exit itself,
 * signal, errno, locale queries, and the data imports (_acmdln, _fmode,
 * __initenv, ...) whose IAT slots point at the variables themselves.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

extern char **environ;


/* ---- data imports -------------------------------------------------- */

char *w32__acmdln;
WCHAR *w32__wcmdln;
int w32__commode;
char **w32___initenv;
WCHAR **w32___winitenv;
char **w32__environ;
WCHAR **w32__wenviron;
int w32___argc;
char **w32___argv;
WCHAR **w32___wargv;
int w32__osver, w32__winver, w32__winmajor, w32__winminor;

/* Filled before the entry point runs: mingw reads _acmdln in
 * __tmainCRTStartup before it calls __getmainargs. */
__attribute__((constructor)) static void init_data(void)
{
	w32__winmajor = 6;
	w32__winminor = 2;
	w32__winver = 0x0602;
	w32__osver = 9200;
}

static void ensure_args(void)
{
	if (!w32__acmdln) {
		w32__acmdln = (char *)rt_cmdline_a();
		w32__wcmdln = (WCHAR *)rt_cmdline_w();
	}
}

void rt_crt_args_ready(void)
{
	w32__acmdln = 0;
	ensure_args();
	w32__environ = environ;
	w32___argc = rt_argc;
	w32___argv = rt_argv;
}

char **WINAPI w32___p__acmdln(void)
{
	ensure_args();
	return &w32__acmdln;
}

WCHAR **WINAPI w32___p__wcmdln(void)
{
	ensure_args();
	return &w32__wcmdln;
}

int *WINAPI w32___p__fmode(void)
{
	return &w32__fmode;
}

int *WINAPI w32___p__commode(void)
{
	return &w32__commode;
}

int *WINAPI w32___p___argc(void)
{
	return &w32___argc;
}

char ***WINAPI w32___p___argv(void)
{
	return &w32___argv;
}

WCHAR ***WINAPI w32___p___wargv(void)
{
	return &w32___wargv;
}

char ***WINAPI w32___p__environ(void)
{
	w32__environ = environ;
	return &w32__environ;
}

/* ---- arguments ----------------------------------------------------- */

/* __getmainargs(&argc, &argv, &envp, expand_wildcards, &startinfo).
 * Wildcards are not expanded (mingw's default _dowildcard is 0). */
int WINAPI w32___getmainargs(int *argc, char ***argv, char ***envp,
			     int wildcards, int *startinfo)
{
	ensure_args();
	if (!rt_argv) {
		static char *none[1];

		rt_argv = none;
		rt_argc = 0;
	}
	w32___argc = rt_argc;
	w32___argv = rt_argv;
	w32__environ = environ;
	w32___initenv = environ;
	*argc = rt_argc;
	*argv = rt_argv;
	*envp = environ;
	return 0;
}

static WCHAR **wide_vec(char **v, int n)
{
	WCHAR **w = calloc((size_t)n + 1, sizeof(WCHAR *));

	if (!w)
		return 0;
	for (int i = 0; i < n; i++)
		w[i] = rt_utf16_dup(v[i]);
	return w;
}

int WINAPI w32___wgetmainargs(int *argc, WCHAR ***argv, WCHAR ***envp,
			      int wildcards, int *startinfo)
{
	char **dummy, **env;
	int n = 0;

	w32___getmainargs(argc, &dummy, &env, wildcards, startinfo);
	if (!w32___wargv)
		w32___wargv = wide_vec(rt_argv, rt_argc);
	for (char **e = environ; *e; e++)
		n++;
	if (!w32__wenviron)
		w32__wenviron = wide_vec(environ, n);
	w32___winitenv = w32__wenviron;
	*argv = w32___wargv;
	*envp = w32__wenviron;
	return w32___wargv && w32__wenviron ? 0 : -1;
}


void WINAPI w32__initterm(pvfv *begin, pvfv *end)
{
	for (; begin < end; begin++)
		if (*begin)
			(*begin)();
}

int WINAPI w32__initterm_e(pifv *begin, pifv *end)
{
	for (; begin < end; begin++) {
		if (*begin) {
			int r = (*begin)();

			if (r)
				return r;
		}
	}
	return 0;
}

static pthread_mutex_t exit_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static pvfv *exit_table;
static size_t exit_n, exit_cap;

pvfv WINAPI w32__onexit(pvfv fn)
{
	pthread_mutex_lock(&exit_lock);
	if (exit_n == exit_cap) {
		size_t cap = exit_cap ? exit_cap * 2 : 32;
		pvfv *t = realloc(exit_table, cap * sizeof(*t));

		if (!t) {
			pthread_mutex_unlock(&exit_lock);
			return 0;
		}
		exit_table = t;
		exit_cap = cap;
	}
	exit_table[exit_n++] = fn;
	pthread_mutex_unlock(&exit_lock);
	return fn;
}

int WINAPI w32_atexit(pvfv fn)
{
	return w32__onexit(fn) ? 0 : -1;
}

/* A DLL's own exit table: mingw's DLL startup keeps [*begin, *end) and
 * runs it itself at DLL_PROCESS_DETACH; msvcrt only grows it. */
pvfv WINAPI w32___dllonexit(pvfv fn, pvfv **begin, pvfv **end)
{
	size_t n = (size_t)(*end - *begin);
	pvfv *t = realloc(*begin, (n + 1) * sizeof(*t));

	if (!t)
		return 0;
	t[n] = fn;
	*begin = t;
	*end = t + n + 1;
	return fn;
}

/* Runs the _onexit/atexit table in reverse, once, then flushes. */
void rt_crt_exit_handlers(void)
{
	pthread_mutex_lock(&exit_lock);
	while (exit_n) {
		pvfv fn = exit_table[--exit_n];

		pthread_mutex_unlock(&exit_lock);
		fn();
		pthread_mutex_lock(&exit_lock);
	}
	pthread_mutex_unlock(&exit_lock);
	rt_stdio_flushall();
}


void WINAPI w32_exit(int code)
{
	rt_crt_exit_handlers();
	w32_ExitProcess((UINT)code);
}

/* Wine's _exit ends the process with ExitProcess, and msvcrt's detach
 * flushes the streams then. */
void WINAPI w32__exit(int code)
{
	w32_ExitProcess((UINT)code);
}

void WINAPI w32__cexit(void)
{
	rt_crt_exit_handlers();
}

void WINAPI w32__c_exit(void)
{
}

void WINAPI w32__amsg_exit(int n)
{
	rt_stdio_flushall();
	fprintf(stderr, "runtime error R60%02d\n", n);
	_exit(255);
}

/* msvcrt's abort: the message, then exit status 3. */
void WINAPI w32_abort(void)
{
	rt_stdio_flushall();
	fputs("\nabnormal program termination\n", stderr);
	_exit(3);
}

/* ---- signal (msvcrt numbering; no Linux handler is installed) ------ */

#define W_SIGINT  2
#define W_SIGILL  4
#define W_SIGFPE  8
#define W_SIGSEGV 11
#define W_SIGTERM 15
#define W_SIGABRT 22
#define W_SIG_ERR ((void *)(intptr_t)-1)

typedef void(WINAPI *sig_fn)(int);
static sig_fn handlers[32];

static int sig_ok(int sig)
{
	switch (sig) {
	case W_SIGINT:
	case W_SIGILL:
	case W_SIGFPE:
	case W_SIGSEGV:
	case W_SIGTERM:
	case W_SIGABRT:
	case 21: /* SIGBREAK */ return 1;
	default: return 0;
	}
}

/* The fault handler owns SIGSEGV on Linux; Windows-side handlers are
 * recorded for raise() only. */
void *WINAPI w32_signal(int sig, void *fn)
{
	if (!sig_ok(sig)) {
		*rt_errno_ptr() = W_EINVAL;
		return W_SIG_ERR;
	}
	return __atomic_exchange_n(&handlers[sig], (sig_fn)fn,
				   __ATOMIC_SEQ_CST);
}

int WINAPI w32_raise(int sig)
{
	sig_fn fn;

	if (!sig_ok(sig)) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	fn = handlers[sig];
	if ((uintptr_t)fn == 1) /* SIG_IGN */
		return 0;
	if (fn) {
		handlers[sig] = 0; /* reset to SIG_DFL, as msvcrt does */
		fn(sig);
		return 0;
	}
	if (sig == W_SIGABRT)
		w32_abort();
	rt_stdio_flushall();
	_exit(3);
}

/* ---- small startup imports ----------------------------------------- */

void WINAPI w32___set_app_type(int type)
{
}

void WINAPI w32___setusermatherr(void *fn)
{
}

static pthread_mutex_t crt_locks[64];
static pthread_once_t locks_once = PTHREAD_ONCE_INIT;

static void init_locks(void)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	for (int i = 0; i < 64; i++)
		pthread_mutex_init(&crt_locks[i], &a);
	pthread_mutexattr_destroy(&a);
}

void WINAPI w32__lock(int n)
{
	pthread_once(&locks_once, init_locks);
	if (n >= 0 && n < 64)
		pthread_mutex_lock(&crt_locks[n]);
}

void WINAPI w32__unlock(int n)
{
	if (n >= 0 && n < 64)
		pthread_mutex_unlock(&crt_locks[n]);
}

/* The "C" locale: no code page, one byte per character. */
UINT WINAPI w32____lc_codepage_func(void)
{
	return 0;
}

int WINAPI w32____mb_cur_max_func(void)
{
	return 1;
}

static LONG lc_handles[6];

LONG *WINAPI w32____lc_handle_func(void)
{
	return lc_handles;
}

int WINAPI w32__XcptFilter(ULONG code, void *info)
{
	return 0;
}

/* ---- errno (per thread, msvcrt numbering) -------------------------- */

static __thread int crt_errno;
static __thread ULONG crt_doserrno;

int *rt_errno_ptr(void)
{
	return &crt_errno;
}

void rt_set_errno_from(int e)
{
	static const int map[][2] = {
		{EDEADLK, 36}, {ENAMETOOLONG, 38}, {ENOLCK, 39},
		{ENOSYS, 40},  {ENOTEMPTY, 41},	   {EILSEQ, 42},
	};

	crt_doserrno = rt_win32_error(e);
	if (e <= 34) {
		crt_errno = e;
		return;
	}
	crt_errno = W_EINVAL;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i][0] == e)
			crt_errno = map[i][1];
}

int *WINAPI w32__errno(void)
{
	return &crt_errno;
}

ULONG *WINAPI w32___doserrno(void)
{
	return &crt_doserrno;
}

/* msvcrt's _sys_errlist as Wine's msvcrt.dll has it (the reference the
 * Wine comparison checks against; Windows words a few differently). */
static const char *const errlist[] = {
	"Success",
	"Operation not permitted",
	"No such file or directory",
	"No such process",
	"Interrupted system call",
	"Input/output error",
	"No such device or address",
	"Argument list too long",
	"Exec format error",
	"Bad file descriptor",
	"No child processes",
	"Resource temporarily unavailable",
	"Cannot allocate memory",
	"Permission denied",
	"Bad address",
	"Unknown error",
	"Device or resource busy",
	"File exists",
	"Invalid cross-device link",
	"No such device",
	"Not a directory",
	"Is a directory",
	"Invalid argument",
	"Too many open files in system",
	"Too many open files",
	"Inappropriate ioctl for device",
	"Unknown error",
	"File too large",
	"No space left on device",
	"Illegal seek",
	"Read-only file system",
	"Too many links",
	"Broken pipe",
	"Numerical argument out of domain",
	"Numerical result out of range",
	"Unknown error",
	"Resource deadlock avoided",
	"Unknown error",
	"File name too long",
	"No locks available",
	"Function not implemented",
	"Directory not empty",
	"Invalid or incomplete multibyte or wide character",
};

const char *WINAPI w32_strerror(int e)
{
	if (e < 0 || (size_t)e >= sizeof(errlist) / sizeof(errlist[0]))
		return "Unknown error";
	return errlist[e];
}

/* ---- floating-point control (x87/SSE state is Linux's default) ---- */

UINT WINAPI w32__controlfp(UINT newval, UINT mask)
{
	return 0x9001f; /* _PC_53 | _MCW_EM: Windows' default */
}

int WINAPI w32__controlfp_s(UINT *cur, UINT newval, UINT mask)
{
	if (cur)
		*cur = 0x9001f;
	return 0;
}

void WINAPI w32__fpreset(void)
{
}

UINT WINAPI w32__clearfp(void)
{
	return 0;
}

UINT WINAPI w32__statusfp(void)
{
	return 0;
}

void *WINAPI w32__set_invalid_parameter_handler(void *fn)
{
	static void *handler;

	return __atomic_exchange_n(&handler, fn, __ATOMIC_SEQ_CST);
}

