/*
 * startup.c — what mingw-w64's CRT startup code imports from msvcrt
 * before main: the command line and arguments (__getmainargs,
 * __wgetmainargs), the initializer tables (_initterm, _initterm_e),
 * __set_app_type, the data imports (_acmdln, _fmode, __initenv, ...)
 * whose IAT slots point at the variables themselves, and their __p__
 * accessors.
 */
#include <stdlib.h>
#include <string.h>

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
	OSVERSIONINFOA v;

	/* The version kernel32 reports, as msvcrt reads it. */
	memset(&v, 0, sizeof(v));
	v.dwOSVersionInfoSize = sizeof(v);
	w32_GetVersionExA(&v);
	w32__winmajor = (int)v.dwMajorVersion;
	w32__winminor = (int)v.dwMinorVersion;
	w32__winver = (int)(v.dwMajorVersion << 8 | v.dwMinorVersion);
	w32__osver = (int)v.dwBuildNumber;
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

/* ---- wildcard expansion ------------------------------------------- */

/* Adds s to the vector *v of *n (room *cap); -1 when out of memory. */
static int vec_add(char ***v, int *n, int *cap, char *s)
{
	if (*n + 1 >= *cap) {
		int c = *cap ? *cap * 2 : 16;
		char **nv = realloc(*v, (size_t)c * sizeof(char *));

		if (!nv)
			return -1;
		*v = nv;
		*cap = c;
	}
	(*v)[(*n)++] = s;
	(*v)[*n] = 0;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files pattern names (its last component may hold * and ?), each
 * with the pattern's directory part in front, sorted; none: the pattern
 * itself. */
static int expand_one(char ***v, int *n, int *cap, char *pat)
{
	WIN32_FIND_DATAA fd;
	HANDLE h = w32_FindFirstFileA(pat, &fd);
	const char *slash = 0;
	int first = *n;

	if (h == INVALID_HANDLE_VALUE)
		return vec_add(v, n, cap, pat);
	for (const char *p = pat; *p; p++)
		if (*p == '/' || *p == '\\' || *p == ':')
			slash = p;
	do {
		size_t dl = slash ? (size_t)(slash - pat + 1) : 0;
		char *m;

		if (!strcmp(fd.cFileName, ".") || !strcmp(fd.cFileName, ".."))
			continue;
		m = malloc(dl + strlen(fd.cFileName) + 1);
		if (!m || vec_add(v, n, cap, m) < 0) {
			free(m);
			w32_FindClose(h);
			return -1;
		}
		memcpy(m, pat, dl);
		strcpy(m + dl, fd.cFileName);
	} while (w32_FindNextFileA(h, &fd));
	w32_FindClose(h);
	if (*n == first)
		return vec_add(v, n, cap, pat);
	qsort(*v + first, (size_t)(*n - first), sizeof(char *), by_name);
	return 0;
}

/* msvcrt's wildcard expansion (mingw's _dowildcard, CRT_glob.o): each
 * argument after the program's name that holds * or ? becomes the files
 * it matches.  Quoting does not protect an argument: Wine expands quoted
 * ones too.  rt_argv is replaced once. */
static void expand_wildcards(void)
{
	static int done;
	char **v = 0;
	int n = 0, cap = 0;

	if (done || !rt_argv || rt_argc < 2)
		return;
	done = 1;
	for (int i = 0; i < rt_argc; i++) {
		char *a = rt_argv[i];
		int r = i > 0 && strpbrk(a, "*?")
			    ? expand_one(&v, &n, &cap, a)
			    : vec_add(&v, &n, &cap, a);

		if (r < 0) {
			free(v); /* out of memory: the arguments as they were */
			return;
		}
	}
	rt_argv = v;
	rt_argc = n;
}

/* ---- arguments ----------------------------------------------------- */

/* __getmainargs(&argc, &argv, &envp, expand_wildcards, &startinfo).
 * Wildcards are expanded when asked (mingw passes _dowildcard: 0 unless
 * the program links CRT_glob.o).  startinfo holds the new-handler mode
 * for malloc (_set_new_mode), which concerns C++'s operator new only
 * when msvcrt's new handler is used: no such handler is built in, so the
 * mode has nothing to change. */
int WINAPI w32___getmainargs(int *argc, char ***argv, char ***envp,
			     int wildcards, int *startinfo)
{
	(void)startinfo;
	rt_msvcrt_signal_start(); /* Ctrl-C as Wine's msvcrt takes it */
	ensure_args();
	if (!rt_argv) {
		static char *none[1];

		rt_argv = none;
		rt_argc = 0;
	}
	if (wildcards)
		expand_wildcards();
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

/* ---- initializers and the application type ------------------------- */

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

/* Console or GUI application: msvcrt shows its error messages in a
 * message box for a GUI one.  There are no message boxes here; they go to
 * stderr for both, so the type changes nothing. */
void WINAPI w32___set_app_type(int type)
{
	(void)type;
}
