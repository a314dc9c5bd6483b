/*
 * dlldir.c — kernel32: the DLL directories — SetDllDirectory,
 * GetDllDirectory, AddDllDirectory, RemoveDllDirectory,
 * SetDefaultDllDirectories — and the search order they and
 * LoadLibraryEx's flags give a load (rt_k32_load_order), handed to the
 * loader as a list of directories (struct ld_order, loader/ld.h).
 *
 * Windows' orders, with dllshare's directories in them: "the system"
 * (System32) is the built-in DLLs, which are always loaded and so always
 * found by name first, then $DLLSHARE_PATH, which plays the part of
 * System32's files for DLLs dllshare does not build in.
 *   standard:  the program's directory, the DLL directory if one is set
 *              (else the current directory; SetDllDirectory("") leaves
 *              both out), the system.
 *   LOAD_WITH_ALTERED_SEARCH_PATH: the same with the directory of the
 *              DLL named in place of the program's (none for a bare
 *              name, as in Wine).
 *   LOAD_LIBRARY_SEARCH_* (or SetDefaultDllDirectories' flags when a
 *              load gives none): DLL_LOAD_DIR the DLL's directory,
 *              APPLICATION_DIR the program's, USER_DIRS the
 *              AddDllDirectory directories (the last added first, as
 *              Wine searches them; Windows leaves the order unspecified)
 *              then the SetDllDirectory one, SYSTEM32 the system;
 *              DEFAULT_DIRS is APPLICATION_DIR | USER_DIRS | SYSTEM32.
 *              LOAD_WITH_ALTERED_SEARCH_PATH with default directories
 *              set adds DLL_LOAD_DIR to them.
 * A load's order is also its imports' (Windows: "the DLL and its
 * dependencies").
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "runtime/kernel32/k32int.h"

#define SEARCH_FLAGS                                                         \
	(RT_LOAD_SEARCH_DLL_LOAD_DIR | RT_LOAD_SEARCH_APPLICATION_DIR |      \
	 RT_LOAD_SEARCH_USER_DIRS | RT_LOAD_SEARCH_SYSTEM32 |                \
	 RT_LOAD_SEARCH_DEFAULT_DIRS)

/* An AddDllDirectory directory; its address is the cookie. */
struct user_dir {
	struct user_dir *next;
	char *unix_dir;
};

static pthread_mutex_t dirs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct user_dir *user_dirs; /* the last added first */
static char *dll_dir;              /* SetDllDirectory's, as given; NULL: none */
static DWORD default_flags;        /* SetDefaultDllDirectories'; 0: none */

/* Whether a Windows path is absolute: "C:\\x", "\\x", "\\\\server\\x"
 * (and '/' for '\\'), as AddDllDirectory and DLL_LOAD_DIR require. */
static int win_absolute(const char *p)
{
	if (p[0] == '\\' || p[0] == '/')
		return 1;
	return ((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z') && p[1] == ':' &&
	       (p[2] == '\\' || p[2] == '/');
}

/* Appends a directory to o; a path is owned by o.  0, or -1 when out of
 * memory (path freed; a directory whose path could not be made). */
static int add(struct rt_k32_order *o, enum ld_dir_kind kind, char *path)
{
	if (kind == LD_DIR_PATH && !path)
		return -1;
	if (o->n == o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 8;
		struct ld_dir *d = realloc(o->dirs, cap * sizeof *d);

		if (!d) {
			free(path);
			return -1;
		}
		o->dirs = d;
		o->cap = cap;
	}
	o->dirs[o->n].kind = kind;
	o->dirs[o->n++].path = path;
	return 0;
}

/* The directory part of a Linux path, malloc'd ("x" has none: NULL). */
static char *dir_of(const char *unix_path)
{
	const char *slash = strrchr(unix_path, '/');

	if (!slash)
		return NULL;
	if (slash == unix_path)
		return strdup("/");
	return strndup(unix_path, (size_t)(slash - unix_path));
}

/* The LOAD_LIBRARY_SEARCH_* order of flags (under dirs_lock). */
static int search_order(struct rt_k32_order *o, DWORD flags,
			const char *unix_name)
{
	int rc = 0;

	if (flags & RT_LOAD_SEARCH_DEFAULT_DIRS)
		flags |= RT_LOAD_SEARCH_APPLICATION_DIR |
			 RT_LOAD_SEARCH_USER_DIRS | RT_LOAD_SEARCH_SYSTEM32;
	if (flags & RT_LOAD_SEARCH_DLL_LOAD_DIR)
		rc |= add(o, LD_DIR_PATH, dir_of(unix_name));
	if (flags & RT_LOAD_SEARCH_APPLICATION_DIR)
		rc |= add(o, LD_DIR_PROGRAM, NULL);
	if (flags & RT_LOAD_SEARCH_USER_DIRS) {
		for (struct user_dir *u = user_dirs; u; u = u->next)
			rc |= add(o, LD_DIR_PATH, strdup(u->unix_dir));
		if (dll_dir && *dll_dir)
			rc |= add(o, LD_DIR_PATH, rt_unix_path(dll_dir));
	}
	if (flags & RT_LOAD_SEARCH_SYSTEM32)
		rc |= add(o, LD_DIR_SYSTEM, NULL);
	return rc;
}

/* The standard order, or LOAD_WITH_ALTERED_SEARCH_PATH's (under
 * dirs_lock). */
static int standard_order(struct rt_k32_order *o, int altered,
			  const char *unix_name)
{
	int rc = 0;
	char *dir;

	if (!altered)
		rc |= add(o, LD_DIR_PROGRAM, NULL);
	else if ((dir = dir_of(unix_name)) != NULL)
		rc |= add(o, LD_DIR_PATH, dir);
	if (!dll_dir)
		rc |= add(o, LD_DIR_CURRENT, NULL);
	else if (*dll_dir)
		rc |= add(o, LD_DIR_PATH, rt_unix_path(dll_dir));
	rc |= add(o, LD_DIR_SYSTEM, NULL);
	return rc;
}

DWORD rt_k32_load_order(const char *win_name, const char *unix_name,
			DWORD flags, struct rt_k32_order *o)
{
	DWORD search = flags & SEARCH_FLAGS;
	int rc;

	memset(o, 0, sizeof *o);
	pthread_mutex_lock(&dirs_lock);
	if (flags & RT_LOAD_WITH_ALTERED_SEARCH_PATH) {
		if (search) {
			pthread_mutex_unlock(&dirs_lock);
			return ERROR_INVALID_PARAMETER;
		}
		if (default_flags)
			search = default_flags | RT_LOAD_SEARCH_DLL_LOAD_DIR;
	} else if (!search) {
		search = default_flags;
	}
	if ((search & RT_LOAD_SEARCH_DLL_LOAD_DIR) && !win_absolute(win_name)) {
		pthread_mutex_unlock(&dirs_lock);
		return ERROR_INVALID_PARAMETER; /* "must be a full path" */
	}
	if (!search && !dll_dir && !(flags & RT_LOAD_WITH_ALTERED_SEARCH_PATH)) {
		/* The usual LoadLibrary: the loader's own standard order,
		 * nothing allocated. */
		pthread_mutex_unlock(&dirs_lock);
		o->order = ld_standard_order;
		return 0;
	}
	if (search)
		rc = search_order(o, search, unix_name);
	else
		rc = standard_order(o, !!(flags & RT_LOAD_WITH_ALTERED_SEARCH_PATH),
				    unix_name);
	pthread_mutex_unlock(&dirs_lock);
	o->order.dirs = o->dirs;
	o->order.n = o->n;
	if (rc) {
		rt_k32_order_free(o);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	return 0;
}

void rt_k32_order_free(struct rt_k32_order *o)
{
	for (size_t i = 0; i < o->n; i++)
		free((char *)o->dirs[i].path);
	free(o->dirs);
	memset(o, 0, sizeof *o);
}

/* ---- SetDllDirectory / GetDllDirectory ----------------------------------- */

BOOL WINAPI w32_SetDllDirectoryA(LPCSTR dir)
{
	char *copy = NULL;

	if (dir && !(copy = strdup(dir))) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	pthread_mutex_lock(&dirs_lock);
	free(dll_dir);
	dll_dir = copy;
	pthread_mutex_unlock(&dirs_lock);
	return TRUE;
}

BOOL WINAPI w32_SetDllDirectoryW(LPCWSTR dir)
{
	char *s = dir ? rt_utf8_dup(dir) : NULL;
	BOOL ok;

	if (dir && !s) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	ok = w32_SetDllDirectoryA(s);
	free(s);
	return ok;
}

/* The DLL directory as UTF-8 ("" when none), malloc'd. */
static char *dll_dir_copy(void)
{
	char *s;

	pthread_mutex_lock(&dirs_lock);
	s = strdup(dll_dir ? dll_dir : "");
	pthread_mutex_unlock(&dirs_lock);
	return s;
}

/* GetDllDirectory's answer for a directory of n units (unit bytes each)
 * at s: the length without the NUL when buf (size units) holds it,
 * else the size needed with buf emptied. */
static DWORD give(void *buf, DWORD size, const void *s, size_t n, size_t unit)
{
	if (buf && size > n) {
		memcpy(buf, s, (n + 1) * unit);
		return (DWORD)n;
	}
	if (buf && size)
		memset(buf, 0, unit);
	return (DWORD)n + 1;
}

DWORD WINAPI w32_GetDllDirectoryA(DWORD size, LPSTR buf)
{
	char *s = dll_dir_copy();
	DWORD n;

	if (!s) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	n = give(buf, size, s, strlen(s), 1);
	free(s);
	return n;
}

DWORD WINAPI w32_GetDllDirectoryW(DWORD size, LPWSTR buf)
{
	char *s = dll_dir_copy();
	WCHAR *w = s ? rt_utf16_dup(s) : NULL;
	DWORD n;

	free(s);
	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	n = give(buf, size, w, rt_wcslen(w), sizeof(WCHAR));
	free(w);
	return n;
}

/* ---- AddDllDirectory / RemoveDllDirectory / SetDefaultDllDirectories ---- */

/* The error Windows gives for a directory that does not exist: the path
 * (3) when its parent does not either, else the file (2). */
static DWORD missing_error(const char *unix_dir)
{
	char *parent = dir_of(unix_dir);
	struct stat st;
	DWORD e = ERROR_FILE_NOT_FOUND;

	if (parent && stat(parent, &st) != 0)
		e = ERROR_PATH_NOT_FOUND;
	free(parent);
	return e;
}

void *WINAPI w32_AddDllDirectory(LPCWSTR dir)
{
	char *s = dir ? rt_utf8_dup(dir) : NULL;
	struct user_dir *u = NULL;
	struct stat st;
	DWORD e = ERROR_INVALID_PARAMETER;

	if (!s || !win_absolute(s))
		goto fail;
	e = ERROR_NOT_ENOUGH_MEMORY;
	if (!(u = calloc(1, sizeof *u)) || !(u->unix_dir = rt_unix_path(s)))
		goto fail;
	if (stat(u->unix_dir, &st) != 0) {
		e = errno == ENOENT ? missing_error(u->unix_dir)
				    : rt_win32_error(errno);
		goto fail;
	}
	free(s);
	pthread_mutex_lock(&dirs_lock);
	u->next = user_dirs;
	user_dirs = u;
	pthread_mutex_unlock(&dirs_lock);
	return u;
fail:
	if (u)
		free(u->unix_dir);
	free(u);
	free(s);
	rt_set_last_error(e);
	return NULL;
}

/* A cookie that AddDllDirectory did not give (or already removed) is
 * refused with ERROR_INVALID_PARAMETER rather than freed. */
BOOL WINAPI w32_RemoveDllDirectory(void *cookie)
{
	struct user_dir **p;

	pthread_mutex_lock(&dirs_lock);
	for (p = &user_dirs; *p && *p != cookie; p = &(*p)->next)
		;
	if (!*p) {
		pthread_mutex_unlock(&dirs_lock);
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	*p = ((struct user_dir *)cookie)->next;
	pthread_mutex_unlock(&dirs_lock);
	free(((struct user_dir *)cookie)->unix_dir);
	free(cookie);
	return TRUE;
}

/* DLL_LOAD_DIR names no directory without a DLL: not a default. */
BOOL WINAPI w32_SetDefaultDllDirectories(DWORD flags)
{
	if (!flags || (flags & ~(SEARCH_FLAGS & ~RT_LOAD_SEARCH_DLL_LOAD_DIR))) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	pthread_mutex_lock(&dirs_lock);
	default_flags = flags;
	pthread_mutex_unlock(&dirs_lock);
	return TRUE;
}
