/*
 * find.c — kernel32: directory listing — FindFirstFile, FindNextFile (A
 * and W) and FindClose.
 *
 * A find handle holds a snapshot of the directory's names that match the
 * pattern ('*' and '?', compared without case as Windows does), taken
 * when FindFirstFile runs; "." and ".." are listed like on Windows, and
 * the names come sorted, as NTFS lists them.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "runtime/kernel32/k32int.h"

struct find {
	uint32_t magic;
	char *dir;
	char **names;
	size_t n, next;
};
#define FIND_MAGIC 0x46494e44u

/* Windows wildcard match, case-insensitive. */
static int match(const char *pat, const char *s)
{
	for (; *pat; pat++, s++) {
		if (*pat == '*') {
			while (pat[1] == '*')
				pat++;
			if (!pat[1])
				return 1;
			for (; *s; s++)
				if (match(pat + 1, s))
					return 1;
			return 0;
		}
		if (!*s)
			return 0;
		if (*pat != '?' &&
		    tolower((unsigned char)*pat) != tolower((unsigned char)*s))
			return 0;
	}
	/* "*.*" matches names without a dot too: handled by the caller. */
	return *s == 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void find_free(struct find *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->names[i]);
	free(f->names);
	free(f->dir);
	f->magic = 0;
	free(f);
}

/* Fills data with entry f->next; FALSE (ERROR_NO_MORE_FILES) at the end. */
static BOOL find_fill(struct find *f, WIN32_FIND_DATAA *data)
{
	while (f->next < f->n) {
		const char *name = f->names[f->next++];
		char *path = malloc(strlen(f->dir) + strlen(name) + 2);
		struct stat st;

		if (!path)
			break;
		sprintf(path, "%s/%s", f->dir, name);
		if (stat(path, &st) != 0) {
			free(path);
			continue; /* gone since the snapshot */
		}
		memset(data, 0, sizeof(*data));
		rt_k32_fill_info(&st, (WIN32_FILE_ATTRIBUTE_DATA *)data, path);
		free(path);
		snprintf(data->cFileName, sizeof(data->cFileName), "%s", name);
		return TRUE;
	}
	rt_set_last_error(ERROR_NO_MORE_FILES);
	return FALSE;
}

HANDLE WINAPI w32_FindFirstFileA(LPCSTR spec, WIN32_FIND_DATAA *data)
{
	char *path = rt_unix_path(spec), *slash, *pat;
	struct find *f = 0;
	DIR *d = 0;
	struct dirent *e;
	size_t cap = 0;

	if (!path)
		goto nomem;
	slash = strrchr(path, '/');
	f = calloc(1, sizeof(*f));
	if (!f)
		goto nomem;
	f->magic = FIND_MAGIC;
	f->dir = strdup(slash ? (slash == path ? "/" : path) : ".");
	if (!f->dir)
		goto nomem;
	if (slash && slash != path)
		f->dir[slash - path] = 0;
	pat = slash ? slash + 1 : path;
	d = opendir(f->dir);
	if (!d) {
		rt_set_last_error(errno == ENOENT ? ERROR_PATH_NOT_FOUND
						  : rt_win32_error(errno));
		goto fail;
	}
	while ((e = readdir(d))) {
		int ok = match(pat, e->d_name) ||
			(!strcmp(pat, "*.*") && !strchr(e->d_name, '.'));

		if (!ok)
			continue;
		if (f->n == cap) {
			char **t =
				realloc(f->names,
					(cap ? cap * 2 : 16) * sizeof(char *));
			if (!t)
				goto nomem;
			f->names = t;
			cap = cap ? cap * 2 : 16;
		}
		f->names[f->n] = strdup(e->d_name);
		if (!f->names[f->n])
			goto nomem;
		f->n++;
	}
	closedir(d);
	d = 0;
	/* NTFS lists names in order; the Linux directory does not. */
	qsort(f->names, f->n, sizeof(char *), cmp_names);
	free(path);
	if (!find_fill(f, data)) {
		rt_set_last_error(ERROR_FILE_NOT_FOUND);
		find_free(f);
		return INVALID_HANDLE_VALUE;
	}
	return f;
nomem:
	rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
fail:
	if (d)
		closedir(d);
	if (f)
		find_free(f);
	free(path);
	return INVALID_HANDLE_VALUE;
}

static struct find *find_of(HANDLE h)
{
	struct find *f = h;

	if (!f || h == INVALID_HANDLE_VALUE || f->magic != FIND_MAGIC) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	return f;
}

BOOL WINAPI w32_FindNextFileA(HANDLE h, WIN32_FIND_DATAA *data)
{
	struct find *f = find_of(h);

	return f ? find_fill(f, data) : FALSE;
}

BOOL WINAPI w32_FindClose(HANDLE h)
{
	struct find *f = find_of(h);

	if (!f)
		return FALSE;
	find_free(f);
	return TRUE;
}

static void widen_data(const WIN32_FIND_DATAA *a, WIN32_FIND_DATAW *w)
{
	WCHAR *n = rt_utf16_dup(a->cFileName);

	memset(w, 0, sizeof(*w));
	memcpy(w, a, offsetof(WIN32_FIND_DATAA, cFileName));
	if (n) {
		size_t len = rt_wcslen(n);

		if (len >= MAX_PATH)
			len = MAX_PATH - 1;
		memcpy(w->cFileName, n, len * sizeof(WCHAR));
		free(n);
	}
}

HANDLE WINAPI w32_FindFirstFileW(LPCWSTR spec, WIN32_FIND_DATAW *data)
{
	WIN32_FIND_DATAA a;
	char *s = rt_utf8_dup(spec);
	HANDLE h;

	if (!s) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return INVALID_HANDLE_VALUE;
	}
	h = w32_FindFirstFileA(s, &a);
	free(s);
	if (h != INVALID_HANDLE_VALUE)
		widen_data(&a, data);
	return h;
}

BOOL WINAPI w32_FindNextFileW(HANDLE h, WIN32_FIND_DATAW *data)
{
	WIN32_FIND_DATAA a;

	if (!w32_FindNextFileA(h, &a))
		return FALSE;
	widen_data(&a, data);
	return TRUE;
}
