/*
 * directory.c — kernel32: directories — creating and removing them, the
 * current directory, full path names, the temporary directory and
 * temporary file names, and Windows' own directories.
 *
 * Paths are Windows paths (file.c says how they map to Linux ones).  The
 * current directory is the Linux process's own, so a child process starts
 * in it as on Windows.  The wide forms call the narrow ones and convert.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

static int mkdir0777(const char *p)
{
	return mkdir(p, 0777);
}

BOOL WINAPI w32_CreateDirectoryA(LPCSTR name, void *sa)
{
	if (!rt_k32_sa_ok("CreateDirectoryA", sa))
		return FALSE;
	if (!rt_k32_path_call(name, mkdir0777)) {
		if (w32_GetLastError() == ERROR_FILE_EXISTS)
			rt_set_last_error(ERROR_ALREADY_EXISTS);
		return FALSE;
	}
	return TRUE;
}

BOOL WINAPI w32_CreateDirectoryW(LPCWSTR name, void *sa)
{
	char *s;
	BOOL r;

	if (!rt_k32_sa_ok("CreateDirectoryW", sa))
		return FALSE;
	s = rt_utf8_dup(name);
	r = s ? w32_CreateDirectoryA(s, 0) : FALSE;

	free(s);
	return r;
}

BOOL WINAPI w32_RemoveDirectoryA(LPCSTR name)
{
	return rt_k32_path_call(name, rmdir);
}

BOOL WINAPI w32_RemoveDirectoryW(LPCWSTR name)
{
	char *s = rt_utf8_dup(name);
	BOOL r = s ? w32_RemoveDirectoryA(s) : FALSE;

	free(s);
	return r;
}

/* ---- the current directory ----------------------------------------------- */

/* Calls the narrow form a with a buffer of the size it asks for, then
 * converts: the length or the size needed in WCHARs, or 0. */
static DWORD wide_of(DWORD(WINAPI *a)(DWORD, LPSTR), LPWSTR buf, DWORD size)
{
	char *s = 0;
	DWORD n = 0, r;

	/* Again while the result grows between the calls (another thread
	 * changing the directory). */
	while ((r = a(n, s)) >= n) {
		free(s);
		if (!r)
			return 0;
		n = r;
		s = malloc(n);
		if (!s) {
			rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return 0;
		}
	}
	r = r ? rt_copy_out_wide(buf, size, s) : 0;
	free(s);
	return r;
}

DWORD WINAPI w32_GetCurrentDirectoryA(DWORD size, LPSTR buf)
{
	char cwd[4096], *w;
	DWORD r;

	if (!getcwd(cwd, sizeof(cwd))) {
		rt_set_last_error(rt_win32_error(errno));
		return 0;
	}
	w = rt_win_path(cwd);
	if (!w)
		return 0;
	r = rt_copy_out(buf, size, w);
	free(w);
	return r;
}

DWORD WINAPI w32_GetCurrentDirectoryW(DWORD size, LPWSTR buf)
{
	return wide_of(w32_GetCurrentDirectoryA, buf, size);
}

BOOL WINAPI w32_SetCurrentDirectoryA(LPCSTR name)
{
	return rt_k32_path_call(name, chdir);
}

BOOL WINAPI w32_SetCurrentDirectoryW(LPCWSTR name)
{
	char *s = rt_utf8_dup(name);
	BOOL r = s ? w32_SetCurrentDirectoryA(s) : FALSE;

	free(s);
	return r;
}

DWORD WINAPI w32_GetFullPathNameA(LPCSTR name, DWORD size, LPSTR buf,
				  LPSTR *file)
{
	char *u = rt_unix_name(name), *w;
	DWORD r;

	if (!u)
		return 0;
	w = rt_win_path(u);
	free(u);
	if (!w)
		return 0;
	r = rt_copy_out(buf, size, w);
	if (file && r < size) {
		char *slash = strrchr(buf, '\\');

		/* A path ending in a separator has no file part. */
		*file = slash ? (slash[1] ? slash + 1 : 0) : buf;
	}
	free(w);
	return r;
}

/* The wide forms convert the narrow result, whatever its length: a
 * fixed buffer would leave the result unset when the narrow form only
 * reports the size it needs. */
DWORD WINAPI w32_GetFullPathNameW(LPCWSTR name, DWORD size, LPWSTR buf,
				  LPWSTR *file)
{
	char *s = rt_utf8_dup(name), *u = s ? rt_unix_name(s) : 0;
	char *w = u ? rt_win_path(u) : 0;
	DWORD r = w ? rt_copy_out_wide(buf, size, w) : 0;

	free(s);
	free(u);
	free(w);
	if (file && r && r < size) {
		LPWSTR p = buf, last = buf;

		for (; *p; p++)
			if (*p == '\\')
				last = p + 1;
		*file = *last ? last : 0;
	}
	return r;
}

/* ---- temporary files ----------------------------------------------------- */

/* The Windows path of $TMPDIR (else /tmp), with a trailing '\\'. */
DWORD WINAPI w32_GetTempPathA(DWORD size, LPSTR buf)
{
	const char *t = getenv("TMPDIR");
	char *w, *s;
	DWORD r;

	w = rt_win_path(t && *t ? t : "/tmp");
	if (!w)
		return 0;
	s = malloc(strlen(w) + 2);
	if (!s) {
		free(w);
		return 0;
	}
	strcpy(s, w);
	if (!*s || s[strlen(s) - 1] != '\\')
		strcat(s, "\\");
	r = rt_copy_out(buf, size, s);
	free(s);
	free(w);
	return r;
}

DWORD WINAPI w32_GetTempPathW(DWORD size, LPWSTR buf)
{
	return wide_of(w32_GetTempPathA, buf, size);
}

/* "<dir>\\<pfx><hex>.tmp" (lower-case hex, as Wine writes it), created
 * empty when unique is 0. */
UINT WINAPI w32_GetTempFileNameA(LPCSTR dir, LPCSTR prefix, UINT unique,
				 LPSTR out)
{
	char *udir = rt_unix_path(dir);
	UINT n = unique ? unique : ((UINT)getpid() ^ (UINT)time(0)) & 0xffff;

	if (!udir) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	for (int tries = 0; tries < 65536; tries++, n = (n + 1) & 0xffff) {
		char upath[4096];
		int fd;

		if (!n)
			continue;
		snprintf(upath, sizeof(upath), "%s/%.3s%x.tmp", udir,
			 prefix ? prefix : "", n);
		if (unique) {
			snprintf(out, MAX_PATH, "%s\\%.3s%x.tmp", dir,
				 prefix ? prefix : "", n);
			free(udir);
			return n;
		}
		fd = open(upath, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
		if (fd < 0) {
			if (errno == EEXIST)
				continue;
			rt_set_last_error(rt_win32_error(errno));
			break;
		}
		close(fd);
		snprintf(out, MAX_PATH, "%s\\%.3s%x.tmp", dir,
			 prefix ? prefix : "", n);
		free(udir);
		return n;
	}
	free(udir);
	return 0;
}

/* ---- Windows' own directories -------------------------------------------- */

/* Windows' own directories, as Wine's prefix has them. */
UINT WINAPI w32_GetSystemDirectoryA(LPSTR buf, UINT size)
{
	return rt_copy_out(buf, size, "C:\\windows\\system32");
}

UINT WINAPI w32_GetWindowsDirectoryA(LPSTR buf, UINT size)
{
	return rt_copy_out(buf, size, "C:\\windows");
}

UINT WINAPI w32_GetSystemDirectoryW(LPWSTR buf, UINT size)
{
	return rt_copy_out_wide(buf, size, "C:\\windows\\system32");
}

UINT WINAPI w32_GetWindowsDirectoryW(LPWSTR buf, UINT size)
{
	return rt_copy_out_wide(buf, size, "C:\\windows");
}

/* The shared Windows directory of a multi-user system: the same one. */
UINT WINAPI w32_GetSystemWindowsDirectoryA(LPSTR buf, UINT size)
{
	return w32_GetWindowsDirectoryA(buf, size);
}

UINT WINAPI w32_GetSystemWindowsDirectoryW(LPWSTR buf, UINT size)
{
	return w32_GetWindowsDirectoryW(buf, size);
}

UINT WINAPI w32_GetTempFileNameW(LPCWSTR dir, LPCWSTR prefix, UINT unique,
				 LPWSTR out)
{
	char *d = rt_utf8_dup(dir), *p = prefix ? rt_utf8_dup(prefix) : 0;
	char a[MAX_PATH * 3];
	UINT r = 0;

	if (d && (p || !prefix))
		r = w32_GetTempFileNameA(d, p, unique, a);
	if (r && rt_copy_out_wide(out, MAX_PATH, a) >= MAX_PATH) {
		rt_set_last_error(ERROR_FILENAME_EXCED_RANGE);
		r = 0;
	}
	free(d);
	free(p);
	return r;
}

/* ---- SearchPath ---------------------------------------------------------- */

/* Whether a name says where it is (a root, a drive, ".\" or "..\"), so
 * SearchPath looks only there. */
static int names_place(const char *s)
{
	if (s[0] == '\\' || s[0] == '/' || (s[0] && s[1] == ':'))
		return 1;
	if (s[0] == '.' && (s[1] == '\\' || s[1] == '/'))
		return 1;
	return s[0] == '.' && s[1] == '.' && (s[2] == '\\' || s[2] == '/');
}

/* The full Windows path of dir\name (dir NULL: name alone), spelt as
 * given, when such a file or directory exists (names matched without
 * case); malloc'd, else NULL. */
static char *found_at(const char *dir, size_t dlen, const char *name)
{
	char *p, *u, *n, *w = 0;
	struct stat st;

	if (asprintf(&p, "%.*s%s%s", (int)dlen, dir ? dir : "",
		     dlen && !strchr("\\/", dir[dlen - 1]) ? "\\" : "",
		     name) < 0)
		return 0;
	u = rt_unix_path(p);
	n = rt_unix_name(p);
	if (n && n[0] != '/') { /* relative: from the current directory */
		char cwd[4096], *a = 0;

		if (getcwd(cwd, sizeof(cwd)) &&
		    asprintf(&a, "%s%s%s", cwd, strcmp(cwd, "/") ? "/" : "",
			     strcmp(n, ".") ? n : "") < 0)
			a = 0;
		free(n);
		n = a;
	}
	if (u && n && stat(u, &st) == 0)
		w = rt_win_path_of(n);
	free(u);
	free(n);
	free(p);
	return w;
}

/* The directories SearchPath tries without a path of the caller's, as
 * Windows does in its safe search mode: the program's directory, the
 * system and Windows directories, the current directory, then PATH;
 * ';'-separated, malloc'd. */
static char *default_search_path(void)
{
	char exe[MAX_PATH * 3], *slash, *path = 0;
	const char *env = getenv("PATH");

	if (!w32_GetModuleFileNameA(0, exe, sizeof(exe)))
		exe[0] = 0;
	slash = strrchr(exe, '\\');
	if (slash)
		*slash = 0;
	if (asprintf(&path, "%s;C:\\windows\\system32;C:\\windows\\system;"
			    "C:\\windows;.;%s",
		     exe, env ? env : "") < 0)
		return 0;
	/* PATH is a Linux one: ':' between its directories. */
	for (char *p = path + strlen(path) - strlen(env ? env : ""); *p; p++)
		if (*p == ':')
			*p = ';';
	return path;
}

/* SearchPathA: the first of path's ';'-separated directories (NULL: the
 * default order) holding name, ext appended when name has no extension
 * of its own; its full path in buf (size bytes) and *file at its last
 * part.  The length, the size needed when buf is too small, or 0 with
 * ERROR_FILE_NOT_FOUND. */
DWORD WINAPI w32_SearchPathA(LPCSTR path, LPCSTR name, LPCSTR ext, DWORD size,
			     LPSTR buf, LPSTR *file)
{
	const char *base, *q;
	char *full = 0, *want, *dirs;
	DWORD r;

	if (!name || !*name) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	base = name + strlen(name);
	while (base > name && !strchr("\\/", base[-1]))
		base--;
	if (asprintf(&want, "%s%s", name,
		     ext && !strchr(base, '.') ? ext : "") < 0)
		return 0;
	dirs = path ? strdup(path) : default_search_path();
	if (names_place(want))
		full = found_at(0, 0, want);
	else
		for (q = dirs; q && !full; q += *q == ';') {
			size_t n = strcspn(q, ";");

			if (n)
				full = found_at(q, n, want);
			q += n;
			if (!*q)
				break;
		}
	free(want);
	free(dirs);
	if (!full) {
		rt_set_last_error(ERROR_FILE_NOT_FOUND);
		return 0;
	}
	r = rt_copy_out(buf, size, full);
	if (file && r < size)
		*file = strrchr(buf, '\\') + 1;
	free(full);
	return r;
}

DWORD WINAPI w32_SearchPathW(LPCWSTR path, LPCWSTR name, LPCWSTR ext,
			     DWORD size, LPWSTR buf, LPWSTR *file)
{
	char *p = path ? rt_utf8_dup(path) : 0, *n = name ? rt_utf8_dup(name) : 0;
	char *e = ext ? rt_utf8_dup(ext) : 0, *a = 0;
	DWORD r = 0, need;

	if ((path && !p) || (name && !n) || (ext && !e))
		goto out;
	need = w32_SearchPathA(p, n, e, 0, 0, 0);
	if (!need || !(a = malloc(need)))
		goto out;
	if (w32_SearchPathA(p, n, e, need, a, 0) >= need)
		goto out;
	r = rt_copy_out_wide(buf, size, a);
	if (file && r && r < size) {
		WCHAR *last = buf;

		for (WCHAR *q = buf; *q; q++)
			if (*q == '\\')
				last = q + 1;
		*file = last;
	}
out:
	free(p);
	free(n);
	free(e);
	free(a);
	return r;
}

/* ---- long path names ------------------------------------------------------ */

/* Whether the n characters at s could be a DOS 8.3 name: one to eight
 * characters, then perhaps a dot and one to three more, with no blank
 * and none of "+,;=[]" (a name Windows might have made short). */
static int is_short_name(const char *s, size_t n)
{
	const char *dot = memchr(s, '.', n);
	size_t base = dot ? (size_t)(dot - s) : n;

	if (!n || base == 0 || base > 8 || (dot && (n - base - 1 < 1 ||
						     n - base - 1 > 3)))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == ' ' || strchr("+,;=[]", s[i]) ||
		    (s[i] == '.' && s + i != dot))
			return 0;
	return 1;
}

/* GetLongPathNameA: name with each component that could be a short name
 * written as the file system spells it (a Linux file has no separate
 * short name: the one that matches without case is the long name); the
 * other components as given, the same separators.  Every component must
 * exist (ERROR_FILE_NOT_FOUND).  The length, or the size needed. */
DWORD WINAPI w32_GetLongPathNameA(LPCSTR name, LPSTR buf, DWORD size)
{
	char *out, *u;
	size_t len, i = 0;
	DWORD r;
	struct stat st;

	if (!name) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	len = strlen(name);
	out = malloc(len + 1);
	if (!out) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	memcpy(out, name, len + 1);
	/* A drive or a root stays as it is. */
	if (len >= 2 && out[1] == ':')
		i = 2;
	while (i < len) {
		size_t start, n;
		char save;

		while (i < len && strchr("\\/", out[i]))
			i++;
		start = i;
		while (i < len && !strchr("\\/", out[i]))
			i++;
		n = i - start;
		if (!n)
			break;
		save = out[i];
		out[i] = 0;
		u = rt_unix_path(out);
		if (!u || stat(u, &st) != 0) {
			free(u);
			free(out);
			rt_set_last_error(ERROR_FILE_NOT_FOUND);
			return 0;
		}
		if (is_short_name(out + start, n) && strcmp(out + start, ".") &&
		    strcmp(out + start, "..")) {
			const char *base = strrchr(u, '/');

			base = base ? base + 1 : u;
			/* The same length: only the case can differ. */
			if (strlen(base) == n)
				memcpy(out + start, base, n);
		}
		free(u);
		out[i] = save;
	}
	r = rt_copy_out(buf, size, out);
	free(out);
	return r;
}

DWORD WINAPI w32_GetLongPathNameW(LPCWSTR name, LPWSTR buf, DWORD size)
{
	char *s = name ? rt_utf8_dup(name) : 0, *a = 0;
	DWORD need, r = 0;

	if (!name) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	need = s ? w32_GetLongPathNameA(s, 0, 0) : 0;
	if (need && (a = malloc(need)) && w32_GetLongPathNameA(s, a, need) < need)
		r = rt_copy_out_wide(buf, size, a);
	free(s);
	free(a);
	return r;
}
