/*
 * exit.c — how a Windows program ends under msvcrt: the atexit/_onexit
 * table (run in reverse, once, by exit and _cexit), a DLL's own table
 * (__dllonexit), exit, _exit, _cexit, _c_exit, and the abnormal ends
 * with msvcrt's messages and exit codes: abort (3), _assert (3),
 * _amsg_exit (255).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

/* ---- exit tables --------------------------------------------------- */

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

/* ---- ending the process -------------------------------------------- */

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

/* msvcrt's abort: the message, then SIGABRT raised (a handler set with
 * signal() runs; by default, or when the handler returns, exit status
 * 3). */
void WINAPI w32_abort(void)
{
	rt_stdio_flushall();
	fputs("\nabnormal program termination\n", stderr);
	w32_raise(RT_SIGABRT);
	rt_stdio_flushall();
	_exit(3);
}

/* msvcrt's message for a console program, then abort (exit code 3). */
void WINAPI w32__assert(const char *expr, const char *file, unsigned line)
{
	rt_stdio_flushall();
	fprintf(stderr, "Assertion failed: %s, file %s, line %u\n", expr, file,
		line);
	w32_abort();
}
