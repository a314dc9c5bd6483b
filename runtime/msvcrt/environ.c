/*
 * environ.c — msvcrt's environment: getenv/_wgetenv, _putenv/_wputenv,
 * _searchenv/_wsearchenv, and the _wenviron table, with Windows' rules:
 * names compare without case, and "NAME=" removes the variable.
 *
 * The narrow table is the process environment itself (_environ points
 * at it again after every change); the wide one, _wenviron, is a copy
 * made on demand (by __wgetmainargs or the first _wgetenv) and made
 * again by every _putenv or _wputenv while it exists, as msvcrt keeps
 * it.  The wide functions convert once and share the narrow code: the
 * ANSI code page is UTF-8, so no name is lost on the way.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "runtime/msvcrt/msvcrt.h"

extern char **environ;

#define MAX_PATH	  260
#define NO_ATTRIBUTES	  0xffffffffu

static pthread_mutex_t wenv_lock = PTHREAD_MUTEX_INITIALIZER;

/* Windows names ignore case. */
char *WINAPI w32_getenv(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (!strncasecmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return 0;
}

/* A wide copy of the environment, one malloc'd string an entry. */
static WCHAR **wide_env(void)
{
	size_t n = 0;
	WCHAR **w;

	while (environ && environ[n])
		n++;
	w = calloc(n + 1, sizeof(*w));
	for (size_t i = 0; w && i < n; i++)
		w[i] = rt_utf16_dup(environ[i]);
	return w;
}

static void free_env(WCHAR **w)
{
	for (size_t i = 0; w && w[i]; i++)
		free(w[i]);
	free(w);
}

/* _wenviron as the environment is now: made when make is set or it
 * already exists.  With wenv_lock held. */
static void refresh_wide(int make)
{
	WCHAR **old = w32__wenviron, **w;

	if (!old && !make)
		return;
	w = wide_env();
	if (!w)
		return;
	w32__wenviron = w;
	if (w32___winitenv != old)
		free_env(old);
}

/* The value of name in _wenviron (made when there is none yet), or NULL;
 * names compare without case, as _wcsicmp compares them. */
WCHAR *WINAPI w32__wgetenv(const WCHAR *name)
{
	size_t n = name ? rt_wcslen(name) : 0;
	WCHAR *v = 0;

	if (!name)
		return 0;
	pthread_mutex_lock(&wenv_lock);
	if (!w32__wenviron)
		refresh_wide(1);
	for (WCHAR **e = w32__wenviron; e && *e && !v; e++)
		if (!w32__wcsnicmp(*e, name, n) && (*e)[n] == '=')
			v = *e + n + 1;
	pthread_mutex_unlock(&wenv_lock);
	return v;
}

/* "NAME=value" sets, "NAME=" removes (a name that is not there too);
 * -1 without a '=' or with an empty name.  _environ and _wenviron
 * follow. */
int WINAPI w32__putenv(const char *s)
{
	const char *eq = s ? strchr(s, '=') : 0;
	char *name;
	int r;

	if (!eq || eq == s)
		return -1;
	name = strndup(s, (size_t)(eq - s));
	if (!name) {
		*rt_errno_ptr() = W_ENOMEM;
		return -1;
	}
	/* kernel32's, so that a name in another case is replaced. */
	r = w32_SetEnvironmentVariableA(name, eq[1] ? eq + 1 : 0) ? 0 : -1;
	free(name);
	w32__environ = environ;
	pthread_mutex_lock(&wenv_lock);
	refresh_wide(0);
	pthread_mutex_unlock(&wenv_lock);
	return r;
}

/* _putenv of the UTF-8 form of s. */
int WINAPI w32__wputenv(const WCHAR *s)
{
	char *a = s ? rt_utf8_dup(s) : 0;
	int r;

	if (!a)
		return -1;
	r = w32__putenv(a);
	free(a);
	return r;
}

/* The file's full path in buf when it is in the current directory;
 * else dir\file for the first directory of the variable env (';'
 * separated) that has it; else "" and errno ENOENT.  buf has MAX_PATH
 * bytes; a directory whose path would not fit there is passed over. */
void WINAPI w32__searchenv(const char *file, const char *env, char *buf)
{
	const char *dirs, *end;
	size_t flen;

	if (!file || !env || !buf) {
		*rt_errno_ptr() = W_EINVAL;
		return;
	}
	*buf = 0;
	flen = strlen(file);
	if (w32_GetFileAttributesA(file) != NO_ATTRIBUTES) {
		w32_GetFullPathNameA(file, MAX_PATH, buf, 0);
		return;
	}
	for (dirs = w32_getenv(env); dirs && *dirs; dirs = end) {
		char path[MAX_PATH];
		size_t n;

		end = dirs + strcspn(dirs, ";");
		n = (size_t)(end - dirs);
		if (*end)
			end++;
		if (!n || n >= MAX_PATH)
			continue;
		memcpy(path, dirs, n);
		if (path[n - 1] != '\\' && path[n - 1] != '/')
			path[n++] = '\\';
		if (n + flen >= MAX_PATH)
			continue;
		memcpy(path + n, file, flen + 1);
		if (w32_GetFileAttributesA(path) != NO_ATTRIBUTES) {
			memcpy(buf, path, n + flen + 1);
			return;
		}
	}
	*rt_errno_ptr() = W_ENOENT;
}

/* _searchenv with UTF-16 names; buf has MAX_PATH units. */
void WINAPI w32__wsearchenv(const WCHAR *file, const WCHAR *env, WCHAR *buf)
{
	char *f = file ? rt_utf8_dup(file) : 0, *e = env ? rt_utf8_dup(env) : 0;
	char found[MAX_PATH * 3];
	WCHAR *w;

	if (!f || !e || !buf) {
		*rt_errno_ptr() = W_EINVAL;
		goto out;
	}
	w32__searchenv(f, e, found);
	w = rt_utf16_dup(found);
	if (w && rt_wcslen(w) < MAX_PATH)
		memcpy(buf, w, (rt_wcslen(w) + 1) * sizeof(WCHAR));
	else
		*buf = 0;
	free(w);
out:
	free(f);
	free(e);
}
