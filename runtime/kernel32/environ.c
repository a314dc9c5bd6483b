/*
 * environ.c — kernel32: the command line and the environment.
 *
 * GetCommandLine returns the line core/args.c recorded (the parent's own
 * string, for a child started by CreateProcess).  The environment is the
 * process's Linux environment (so child processes inherit it both ways);
 * Windows looks names up case-insensitively.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "runtime/kernel32/kernel32.h"

extern char **environ;

LPSTR WINAPI w32_GetCommandLineA(void)
{
	return (LPSTR)rt_cmdline_a();
}

LPWSTR WINAPI w32_GetCommandLineW(void)
{
	return (LPWSTR)rt_cmdline_w();
}

/* The "NAME=value" entry for name, compared without case. */
static const char *env_find(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (!strncasecmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return 0;
}

DWORD WINAPI w32_GetEnvironmentVariableA(LPCSTR name, LPSTR buf, DWORD size)
{
	const char *v = env_find(name);

	if (!v) {
		rt_set_last_error(ERROR_ENVVAR_NOT_FOUND);
		return 0;
	}
	return rt_copy_out(buf, size, v);
}

DWORD WINAPI w32_GetEnvironmentVariableW(LPCWSTR name, LPWSTR buf, DWORD size)
{
	char *n = rt_utf8_dup(name);
	const char *v = n ? env_find(n) : 0;

	free(n);
	if (!v) {
		rt_set_last_error(ERROR_ENVVAR_NOT_FOUND);
		return 0;
	}
	return rt_copy_out_wide(buf, size, v);
}

/* Removes every spelling of name (Windows names ignore case). */
static void env_unset_all(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e;) {
		if (!strncasecmp(*e, name, n) && (*e)[n] == '=') {
			char *real = strndup(*e, n);

			if (!real)
				return;
			unsetenv(real);
			free(real);
			e = environ;
			continue;
		}
		e++;
	}
}

BOOL WINAPI w32_SetEnvironmentVariableA(LPCSTR name, LPCSTR value)
{
	if (!name || !*name || strchr(name, '=')) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	env_unset_all(name);
	if (value && setenv(name, value, 1) != 0) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	return TRUE;
}

BOOL WINAPI w32_SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value)
{
	char *n = rt_utf8_dup(name), *v = rt_utf8_dup(value);
	BOOL r = n ? w32_SetEnvironmentVariableA(n, value ? v : 0) : FALSE;

	free(n);
	free(v);
	return r;
}

/* "A=1\0B=2\0\0", malloc'd. */
LPSTR WINAPI w32_GetEnvironmentStringsA(void)
{
	size_t n = 1;
	char *b, *p;

	for (char **e = environ; e && *e; e++)
		n += strlen(*e) + 1;
	b = malloc(n);
	if (!b)
		return 0;
	p = b;
	for (char **e = environ; e && *e; e++) {
		size_t l = strlen(*e) + 1;

		memcpy(p, *e, l);
		p += l;
	}
	*p = 0;
	return b;
}

LPSTR WINAPI w32_GetEnvironmentStrings(void)
{
	return w32_GetEnvironmentStringsA();
}

LPWSTR WINAPI w32_GetEnvironmentStringsW(void)
{
	size_t n = 1, k = 0;
	WCHAR *b;

	for (char **e = environ; e && *e; e++)
		n += strlen(*e) + 1;
	b = malloc(n * sizeof(WCHAR));
	if (!b)
		return 0;
	for (char **e = environ; e && *e; e++) {
		WCHAR *w = rt_utf16_dup(*e);
		size_t l;

		if (!w)
			continue;
		l = rt_wcslen(w) + 1;
		memcpy(b + k, w, l * sizeof(WCHAR));
		k += l;
		free(w);
	}
	b[k] = 0;
	return b;
}

BOOL WINAPI w32_FreeEnvironmentStringsA(LPSTR p)
{
	free(p);
	return TRUE;
}

BOOL WINAPI w32_FreeEnvironmentStringsW(LPWSTR p)
{
	free(p);
	return TRUE;
}
