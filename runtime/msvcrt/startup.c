/*
 * startup.c — what mingw-w64's CRT startup code imports from msvcrt
 * before main: the command line and arguments (__getmainargs,
 * __wgetmainargs), the initializer tables (_initterm, _initterm_e),
 * __set_app_type, the data imports (_acmdln, _fmode, __initenv, ...)
 * whose IAT slots point at the variables themselves, and their __p__
 * accessors.
 */
#include <stdlib.h>

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

void WINAPI w32___set_app_type(int type)
{
}
