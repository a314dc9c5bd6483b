/*
 * directory.c — msvcrt's directories and the names in them: _chdir,
 * _mkdir, _rmdir, _getcwd, _fullpath and their wide twins, the
 * _findfirst enumeration in its sizes (_findfirst64 over kernel32's
 * FindFirstFileA; _findfirst with a 32-bit size; on x64 the i64 forms
 * are the 64 ones and the 64i32 forms _findfirst, aliases in exports.h)
 * and its wide twins, and the name operations _unlink, remove, rename
 * and their wide twins.  Paths are Windows paths, translated to Linux
 * ones by the core (rt_unix_path); a wide one is converted once (UTF-8,
 * the ANSI code page) and takes the narrow path.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

static int path_op(const char *name, int (*fn)(const char *))
{
	char *p = rt_unix_path(name);
	int r;

	if (!p) {
		*rt_errno_ptr() = W_ENOMEM;
		return -1;
	}
	r = fn(p);
	if (r != 0)
		rt_set_errno_from(errno);
	free(p);
	return r ? -1 : 0;
}

static int mkdir_default(const char *p)
{
	return mkdir(p, 0777);
}

/* Calls fn with the UTF-8 form of a wide path. */
static int wide_path(const WCHAR *w, int (*fn)(const char *))
{
	char *s = w ? rt_utf8_dup(w) : 0;
	int r;

	if (!s) {
		*rt_errno_ptr() = w ? W_ENOMEM : W_EINVAL;
		return -1;
	}
	r = fn(s);
	free(s);
	return r;
}

static int chdir_w32(const char *s)
{
	return w32__chdir(s);
}

static int mkdir_w32(const char *s)
{
	return w32__mkdir(s);
}

int WINAPI w32__chdir(const char *name)
{
	return path_op(name, chdir);
}

int WINAPI w32__wchdir(const WCHAR *name)
{
	return wide_path(name, chdir_w32);
}

int WINAPI w32__mkdir(const char *name)
{
	return path_op(name, mkdir_default);
}

int WINAPI w32__wmkdir(const WCHAR *name)
{
	return wide_path(name, mkdir_w32);
}

/* Windows says ERROR_DIRECTORY (errno EINVAL) for a file that is not a
 * directory, and a path through a file does not exist. */
static int rmdir_w32(const char *p)
{
	struct stat st;
	int r = rmdir(p);

	if (r != 0 && errno == ENOTDIR)
		errno = stat(p, &st) == 0 ? EINVAL : ENOENT;
	return r;
}

int WINAPI w32__rmdir(const char *name)
{
	return path_op(name, rmdir_w32);
}

static int rmdir_narrow(const char *s)
{
	return w32__rmdir(s);
}

int WINAPI w32__wrmdir(const WCHAR *name)
{
	return wide_path(name, rmdir_narrow);
}

char *WINAPI w32__getcwd(char *buf, int size)
{
	char cwd[4096], *w;
	size_t n;

	if (!getcwd(cwd, sizeof(cwd))) {
		rt_set_errno_from(errno);
		return 0;
	}
	w = rt_win_path(cwd);
	if (!w)
		return 0;
	n = strlen(w);
	if (!buf) {
		/* msvcrt allocates with its malloc: the caller frees. */
		return w;
	}
	if (n + 1 > (size_t)size) {
		free(w);
		*rt_errno_ptr() = W_ERANGE;
		return 0;
	}
	if (rt_prepare_write(buf, n + 1) < 0) {
		free(w);
		return 0;
	}
	memcpy(buf, w, n + 1);
	free(w);
	return buf;
}

WCHAR *WINAPI w32__wgetcwd(WCHAR *buf, int size)
{
	char *c = w32__getcwd(0, 0);
	WCHAR *w;
	size_t n;

	if (!c)
		return 0;
	w = rt_utf16_dup(c);
	free(c);
	if (!w || !buf)
		return w;
	n = rt_wcslen(w);
	if (n + 1 > (size_t)size) {
		free(w);
		*rt_errno_ptr() = W_ERANGE;
		return 0;
	}
	memcpy(buf, w, (n + 1) * sizeof(WCHAR));
	free(w);
	return buf;
}

char *WINAPI w32__fullpath(char *buf, const char *rel, size_t size)
{
	char tmp[4096];
	DWORD n = w32_GetFullPathNameA(rel && *rel ? rel : ".", sizeof(tmp),
				       tmp, 0);

	if (!n || n >= sizeof(tmp))
		return 0;
	if (!buf)
		return strdup(tmp);
	if (n + 1 > size) {
		*rt_errno_ptr() = W_ERANGE;
		return 0;
	}
	memcpy(buf, tmp, n + 1);
	return buf;
}

WCHAR *WINAPI w32__wfullpath(WCHAR *buf, const WCHAR *rel, size_t size)
{
	char *r = rel ? rt_utf8_dup(rel) : 0, *full = w32__fullpath(0, r, 0);
	WCHAR *w = full ? rt_utf16_dup(full) : 0;
	size_t n;

	free(r);
	free(full);
	if (!w || !buf)
		return w;
	n = rt_wcslen(w);
	if (n + 1 > size) {
		free(w);
		*rt_errno_ptr() = W_ERANGE;
		return 0;
	}
	memcpy(buf, w, (n + 1) * sizeof(WCHAR));
	free(w);
	return buf;
}

int WINAPI w32__unlink(const char *name)
{
	return path_op(name, unlink);
}

/* _unlink with a UTF-16 name. */
int WINAPI w32__wunlink(const WCHAR *name)
{
	char *s = name ? rt_utf8_dup(name) : 0;
	int r;

	if (!s) {
		*rt_errno_ptr() = name ? W_ENOMEM : W_EINVAL;
		return -1;
	}
	r = w32__unlink(s);
	free(s);
	return r;
}

int WINAPI w32_remove(const char *name)
{
	return path_op(name, unlink);
}

static int remove_narrow(const char *s)
{
	return w32_remove(s);
}

int WINAPI w32__wremove(const WCHAR *name)
{
	return wide_path(name, remove_narrow);
}

int WINAPI w32_rename(const char *from, const char *to)
{
	char *a = rt_unix_path(from), *b = rt_unix_path(to);
	struct stat st;
	int r = -1;

	if (a && b) {
		/* Windows refuses to replace an existing file
		 * (ERROR_ALREADY_EXISTS). */
		if (stat(b, &st) == 0)
			*rt_errno_ptr() = W_EEXIST;
		else if (rename(a, b) != 0)
			rt_set_errno_from(errno);
		else
			r = 0;
	}
	if (!a || !b)
		*rt_errno_ptr() = from && to ? W_ENOMEM : W_EINVAL;
	free(a);
	free(b);
	return r;
}

int WINAPI w32__wrename(const WCHAR *from, const WCHAR *to)
{
	char *a = from ? rt_utf8_dup(from) : 0, *b = to ? rt_utf8_dup(to) : 0;
	int r = -1;

	if (a && b)
		r = w32_rename(a, b);
	else
		*rt_errno_ptr() = from && to ? W_ENOMEM : W_EINVAL;
	free(a);
	free(b);
	return r;
}

/* ---- _findfirst64 / _wfindfirst64 ---------------------------------- */

_Static_assert(offsetof(struct finddata64, name) == 40, "_finddata64_t");

static int64_t ft_unix(const FILETIME *ft)
{
	uint64_t v = (uint64_t)ft->dwHighDateTime << 32 | ft->dwLowDateTime;

	return (int64_t)(v / 10000000u) - 11644473600ll;
}

static void conv_find(const WIN32_FIND_DATAA *f, struct finddata64 *o)
{
	memset(o, 0, sizeof(*o));
	o->attrib = f->dwFileAttributes;
	o->time_create = ft_unix(&f->ftCreationTime);
	o->time_access = ft_unix(&f->ftLastAccessTime);
	o->time_write = ft_unix(&f->ftLastWriteTime);
	o->size = (int64_t)((uint64_t)f->nFileSizeHigh << 32 | f->nFileSizeLow);
	memcpy(o->name, f->cFileName, sizeof(o->name));
}

static void widen_find(const struct finddata64 *a, struct wfinddata64 *w)
{
	WCHAR *n = rt_utf16_dup(a->name);

	memset(w, 0, sizeof(*w));
	memcpy(w, a, offsetof(struct finddata64, name));
	if (n) {
		size_t len = rt_wcslen(n);

		memcpy(w->name, n, (len < 259 ? len : 259) * sizeof(WCHAR));
		free(n);
	}
}

intptr_t WINAPI w32__findfirst64(const char *spec, struct finddata64 *o)
{
	WIN32_FIND_DATAA f;
	HANDLE h = w32_FindFirstFileA(spec, &f);

	if (h == INVALID_HANDLE_VALUE) {
		*rt_errno_ptr() = W_ENOENT;
		return -1;
	}
	conv_find(&f, o);
	return (intptr_t)h;
}

int WINAPI w32__findnext64(intptr_t h, struct finddata64 *o)
{
	WIN32_FIND_DATAA f;

	if (!w32_FindNextFileA((HANDLE)h, &f)) {
		*rt_errno_ptr() = W_ENOENT;
		return -1;
	}
	conv_find(&f, o);
	return 0;
}

int WINAPI w32__findclose(intptr_t h)
{
	if (!w32_FindClose((HANDLE)h)) {
		*rt_errno_ptr() = W_ENOENT;
		return -1;
	}
	return 0;
}

intptr_t WINAPI w32__wfindfirst64(const WCHAR *spec, struct wfinddata64 *o)
{
	char *s = spec ? rt_utf8_dup(spec) : 0;
	struct finddata64 a;
	intptr_t h;

	if (!s) {
		*rt_errno_ptr() = spec ? W_ENOMEM : W_EINVAL;
		return -1;
	}
	h = w32__findfirst64(s, &a);
	free(s);
	if (h != -1)
		widen_find(&a, o);
	return h;
}

int WINAPI w32__wfindnext64(intptr_t h, struct wfinddata64 *o)
{
	struct finddata64 a;

	if (w32__findnext64(h, &a) < 0)
		return -1;
	widen_find(&a, o);
	return 0;
}

/* ---- _findfirst / _wfindfirst: a 32-bit size ------------------------ */

_Static_assert(offsetof(struct finddata32s, name) == 36, "_finddata_t");
_Static_assert(sizeof(struct wfinddata32s) == 560, "_wfinddata_t");

static void narrow_size(const struct finddata64 *a, struct finddata32s *o)
{
	memset(o, 0, sizeof(*o));
	memcpy(o, a, offsetof(struct finddata64, size));
	o->size = (uint32_t)a->size;
	memcpy(o->name, a->name, sizeof(o->name));
}

static void narrow_wsize(const struct wfinddata64 *a, struct wfinddata32s *o)
{
	memset(o, 0, sizeof(*o));
	memcpy(o, a, offsetof(struct wfinddata64, size));
	o->size = (uint32_t)a->size;
	memcpy(o->name, a->name, sizeof(o->name));
}

intptr_t WINAPI w32__findfirst(const char *spec, struct finddata32s *o)
{
	struct finddata64 a;
	intptr_t h = w32__findfirst64(spec, &a);

	if (h != -1)
		narrow_size(&a, o);
	return h;
}

int WINAPI w32__findnext(intptr_t h, struct finddata32s *o)
{
	struct finddata64 a;

	if (w32__findnext64(h, &a) < 0)
		return -1;
	narrow_size(&a, o);
	return 0;
}

intptr_t WINAPI w32__wfindfirst(const WCHAR *spec, struct wfinddata32s *o)
{
	struct wfinddata64 a;
	intptr_t h = w32__wfindfirst64(spec, &a);

	if (h != -1)
		narrow_wsize(&a, o);
	return h;
}

int WINAPI w32__wfindnext(intptr_t h, struct wfinddata32s *o)
{
	struct wfinddata64 a;

	if (w32__wfindnext64(h, &a) < 0)
		return -1;
	narrow_wsize(&a, o);
	return 0;
}
