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

#include "runtime/kernel32/k32int.h"

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
	if (!strcasecmp(name, "TZ"))
		rt_k32_zone_pin(); /* the zone stays the one we started with */
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

/* src with each %NAME% of a variable that exists replaced by its value
 * (names without case); "%NAME%" of no variable, and a '%' that closes
 * nothing, stay as they are.  malloc'd, NULL when out of memory. */
static char *expand(const char *src)
{
	size_t cap = strlen(src) + 1, n = 0;
	char *out = malloc(cap);

	while (out && *src) {
		const char *end = *src == '%' ? strchr(src + 1, '%') : 0;
		const char *v = 0, *piece = src;
		size_t len = 1;

		if (end && end > src + 1) {
			char *name = strndup(src + 1, (size_t)(end - src - 1));

			v = name ? env_find(name) : 0;
			free(name);
		}
		if (v) {
			piece = v;
			len = strlen(v);
			src = end + 1;
		} else if (end && end > src + 1) {
			/* No such variable: "%NAME%" stays, both '%' with it. */
			len = (size_t)(end - src + 1);
			src = end + 1;
		} else {
			src++; /* a '%' that closes nothing */
		}
		if (n + len + 1 > cap) {
			char *bigger = realloc(out, cap = 2 * (n + len + 1));

			if (!bigger) {
				free(out);
				return 0;
			}
			out = bigger;
		}
		memcpy(out + n, piece, len);
		n += len;
	}
	if (out)
		out[n] = 0;
	return out;
}

/* ExpandEnvironmentStringsA: src with its %NAME% references expanded
 * into dst (size characters); the size of the result with its NUL, 0
 * with the last error.  A dst too small (the size returned is larger)
 * gets what fits, NUL-terminated, as Wine leaves it. */
DWORD WINAPI w32_ExpandEnvironmentStringsA(LPCSTR src, LPSTR dst, DWORD size)
{
	char *e;
	DWORD r;

	if (!src) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	e = expand(src);
	if (!e) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	r = (DWORD)strlen(e) + 1;
	if (size) {
		DWORD n = r <= size ? r - 1 : size - 1;

		memcpy(dst, e, n);
		dst[n] = 0;
	}
	free(e);
	return r;
}

DWORD WINAPI w32_ExpandEnvironmentStringsW(LPCWSTR src, LPWSTR dst,
					   DWORD size)
{
	char *s = src ? rt_utf8_dup(src) : 0, *e = s ? expand(s) : 0;
	WCHAR *w = e ? rt_utf16_dup(e) : 0;
	DWORD r = 0;

	if (!src)
		rt_set_last_error(ERROR_INVALID_PARAMETER);
	else if (!w)
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	else {
		r = (DWORD)rt_wcslen(w) + 1;
		if (size) {
			DWORD n = r <= size ? r - 1 : size - 1;

			memcpy(dst, w, n * sizeof(WCHAR));
			dst[n] = 0;
		}
	}
	free(s);
	free(e);
	free(w);
	return r;
}
