/*
 * search.c — where a DLL named by an import or by LoadLibrary is found.
 *
 * The directories come from a struct ld_order (ld.h), which the runtime
 * builds from LoadLibraryEx's flags and the DLL directories; the
 * standard one is the program's directory, the current directory, then
 * each directory of $DLLSHARE_PATH (colon-separated), the system's.
 * Windows file names are case-insensitive, Linux ones are not: in each
 * directory the exact name is tried first (one stat), then the directory
 * is scanned for a name that matches ignoring case.  An absolute path is
 * not searched, nor one that starts with "." or ".." (the current
 * directory's); another relative path ("sub\\x.dll") is looked for under
 * each directory of the order, as Windows does.  Loaded modules (the
 * built-ins among them) are matched by name before any of this
 * (module.c).
 *
 * A candidate's path is built as Windows' GetFullPathName builds one:
 * lexically, against the current directory, never resolving a symlink.
 * That costs no system call; realpath() costs one readlink per path
 * component, on every LoadLibrary.  Two names of one file are told apart
 * by module.c with the stat the search made anyway.
 *
 * The current directory's place in the list is filled in (getcwd) only
 * when the search gets there: a DLL found in the program's directory,
 * the usual case, costs one stat and nothing else.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/module.h"

/* The program's directory, or NULL before the EXE is known; on the heap:
 * a 4 KiB array would spread the loader's start-up state over one more
 * page. */
static char *progdir;

int ld_full_path(const char *cwd, const char *path, char *out, size_t len)
{
	const char *part[2] = {path[0] == '/' ? "" : cwd, path};
	size_t n = 1;

	if (len < 2 || (path[0] != '/' && (!cwd || cwd[0] != '/')))
		return -1;
	out[0] = '/';
	for (int k = 0; k < 2; k++) {
		const char *p = part[k];
		while (*p) {
			const char *e;
			size_t c;
			while (*p == '/')
				p++;
			for (e = p; *e && *e != '/'; e++)
				;
			c = (size_t)(e - p);
			if (c == 0 || (c == 1 && p[0] == '.')) {
				/* nothing, or "." */
			} else if (c == 2 && p[0] == '.' && p[1] == '.') {
				while (n > 1 && out[n - 1] != '/')
					n--;
				if (n > 1)
					n--; /* the slash before it; "/.." is "/" */
			} else {
				if (n + (n > 1) + c + 1 > len)
					return -1;
				if (n > 1)
					out[n++] = '/';
				memcpy(out + n, p, c);
				n += c;
			}
			p = e;
		}
	}
	out[n] = 0;
	return 0;
}

void ld_search_set_progdir(const char *exe_path, int resolved)
{
	const char *slash = strrchr(exe_path, '/');
	size_t n = slash ? (size_t)(slash - exe_path) : 1;
	char *dir, *real;

	if (slash && n == 0)
		n = 1; /* "/prog.exe": the root */
	if (!(dir = malloc(n + 1)))
		return; /* no program directory to search */
	memcpy(dir, slash ? exe_path : ".", n);
	dir[n] = 0;
	free(progdir);
	progdir = dir;
	/* Once per process: the program's directory may be a symlink's
	 * target, as it always was.  The directory of a path realpath()
	 * gave already is one; resolving it again costs a readlink per
	 * component for nothing. */
	if (resolved)
		return;
	if ((real = realpath(progdir, NULL))) {
		free(progdir);
		progdir = real;
	}
}

/* Directory i of the search: NULL for the current directory while it is
 * not known yet. */
static const char *dir_at(const struct ld_search *s, size_t i)
{
	return s->dirs[i] ? s->dirs[i] : s->cwd;
}

/* Nonzero when directory i (known) equals one before it. */
static int seen_before(const struct ld_search *s, size_t i)
{
	const char *d = dir_at(s, i);

	for (size_t j = 0; d && j < i; j++)
		if (dir_at(s, j) && !strcmp(dir_at(s, j), d))
			return 1;
	return 0;
}

static void need_cwd(struct ld_search *s)
{
	if (!s->cwd)
		s->cwd = getcwd(NULL, 0);
}

/* Adds d (owned: freed with the search), or the current directory's
 * place when d is NULL. */
static void add_dir(struct ld_search *s, const char *d, char *owned)
{
	if (d && !*d) {
		free(owned);
		return;
	}
	if (s->ndirs == s->cap) {
		/* Both arrays grow together; a failed growth leaves the
		 * directory out, as a getcwd() that fails does. */
		size_t cap = s->cap ? 2 * s->cap : 8;
		const char **nd = realloc(s->dirs, cap * sizeof *nd);
		char **no;

		if (nd)
			s->dirs = nd;
		no = nd ? realloc(s->owned, cap * sizeof *no) : NULL;
		if (!no) {
			free(owned);
			return;
		}
		s->owned = no;
		s->cap = cap;
	}
	s->owned[s->ndirs] = owned;
	s->dirs[s->ndirs++] = d;
	if (d && seen_before(s, s->ndirs - 1)) { /* searched once is enough */
		s->ndirs--;
		free(owned);
	}
}

/* Adds directory d (n bytes, maybe relative) as an absolute path; kept as
 * it is when the current directory is unknown. */
static void add_full_dir(struct ld_search *s, const char *d, size_t n)
{
	char *raw = strndup(d, n), *full = NULL;
	size_t len;

	if (!raw || !*raw || !s->cwd) {
		add_dir(s, raw ? raw : "", raw);
		return;
	}
	len = strlen(s->cwd) + n + 2; /* never longer than cwd + "/" + d */
	if ((full = malloc(len)) == NULL ||
	    ld_full_path(s->cwd, raw, full, len) < 0) {
		free(full);
		add_dir(s, raw, raw);
		return;
	}
	free(raw);
	add_dir(s, full, full);
}

static const struct ld_dir standard_dirs[] = {
	{LD_DIR_PROGRAM, NULL},
	{LD_DIR_CURRENT, NULL},
	{LD_DIR_SYSTEM, NULL},
};
const struct ld_order ld_standard_order = {standard_dirs, 3};

/* Adds each directory of $DLLSHARE_PATH, the system's. */
static void add_system_dirs(struct ld_search *s)
{
	const char *env = getenv("DLLSHARE_PATH");

	while (env && *env) {
		const char *colon = strchr(env, ':');
		size_t n = colon ? (size_t)(colon - env) : strlen(env);
		if (n && env[0] != '/')
			need_cwd(s);
		add_full_dir(s, env, n);
		env = colon ? colon + 1 : NULL;
	}
}

/* Whether name, a path, starts with "." or ".." as a whole component:
 * such a path is the current directory's, not searched (as SearchPath
 * takes ".\\x.dll"). */
static int dot_relative(const char *name)
{
	size_t n = name[0] == '.' ? (name[1] == '.' ? 2 : 1) : 0;

	return n && (name[n] == '/' || name[n] == '\\');
}

void ld_search_begin(struct ld_search *s, const char *name,
                     const struct ld_order *order)
{
	memset(s, 0, sizeof *s);
	s->name = name;
	if (!order)
		order = &ld_standard_order;
	if (strchr(name, '/') || strchr(name, '\\')) {
		/* a path: ld_search_next tries it as it is, or under each
		 * directory when it is relative */
		if (name[0] == '/' || name[0] == '\\')
			return;
		need_cwd(s);
		if (dot_relative(name))
			return;
		s->in_dirs = 1;
	}
	for (size_t i = 0; i < order->n; i++) {
		switch (order->dirs[i].kind) {
		case LD_DIR_PROGRAM:
			if (progdir && progdir[0] == '/') {
				add_dir(s, progdir, NULL);
			} else if (progdir && progdir[0]) {
				need_cwd(s);
				add_full_dir(s, progdir, strlen(progdir));
			}
			break;
		case LD_DIR_CURRENT:
			add_dir(s, NULL, NULL); /* filled in when reached */
			break;
		case LD_DIR_SYSTEM:
			add_system_dirs(s);
			break;
		case LD_DIR_PATH:
			if (order->dirs[i].path[0] != '/')
				need_cwd(s);
			add_full_dir(s, order->dirs[i].path,
			             strlen(order->dirs[i].path));
			break;
		}
	}
}

void ld_search_end(struct ld_search *s)
{
	for (size_t i = 0; i < s->ndirs; i++)
		free(s->owned[i]);
	free(s->dirs);
	free(s->owned);
	s->dirs = NULL;
	s->owned = NULL;
	s->ndirs = s->cap = 0;
	free(s->cwd);
	s->cwd = NULL;
}

static int is_file(const char *path, struct stat *st)
{
	return stat(path, st) == 0 && S_ISREG(st->st_mode);
}

/* dir + "/" + name; dir is absolute and normalized, name a plain name. */
static int join(const char *dir, const char *name, char *path, size_t len)
{
	const char *sep = dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/";

	return (size_t)snprintf(path, len, "%s%s%s", dir, sep, name) < len;
}

/* The file in dir whose name matches name ignoring case, or 0. */
static int find_in_dir(const char *dir, const char *name, char *path,
                       size_t len, struct stat *st)
{
	DIR *d;
	struct dirent *e;
	int found = 0;

	if (join(dir, name, path, len) && is_file(path, st))
		return 1;
	d = opendir(dir);
	if (!d)
		return 0;
	while (!found && (e = readdir(d)) != NULL) {
		if (strcasecmp(e->d_name, name))
			continue;
		if (join(dir, e->d_name, path, len) && is_file(path, st))
			found = 1;
	}
	closedir(d);
	return found;
}

/* The Linux form of s->name (backslashes are separators, as on
 * Windows) in raw; 0 when it does not fit. */
static int name_path(const struct ld_search *s, char *raw, size_t len)
{
	size_t i;

	for (i = 0; s->name[i] && i + 1 < len; i++)
		raw[i] = s->name[i] == '\\' ? '/' : s->name[i];
	raw[i] = 0;
	return s->name[i] == 0;
}

int ld_search_next(struct ld_search *s, char *path, size_t len,
                   struct stat *st)
{
	char raw[PATH_MAX];
	int is_path = strchr(s->name, '/') || strchr(s->name, '\\');

	if (is_path && !s->in_dirs) {
		/* A path (LoadLibrary("Z:\\dir\\x.dll"), ".\\x.dll"): a
		 * relative one is taken from the current directory. */
		if (s->next++ > 0 || !name_path(s, raw, sizeof raw))
			return 0;
		if (ld_full_path(s->cwd, raw, path, len) < 0)
			return 0;
		return is_file(path, st);
	}
	if (is_path && !name_path(s, raw, sizeof raw))
		return 0;
	while (s->next < s->ndirs) {
		size_t i = s->next++;

		if (!s->dirs[i])
			need_cwd(s);
		if (!dir_at(s, i) || seen_before(s, i))
			continue;
		if (!is_path) {
			if (find_in_dir(dir_at(s, i), s->name, path, len, st))
				return 1;
		} else if (ld_full_path(dir_at(s, i), raw, path, len) == 0 &&
		           is_file(path, st)) {
			/* "sub\\x.dll" under a directory of the order, as
			 * Windows searches a relative path */
			return 1;
		}
	}
	return 0;
}

void ld_search_dirs(const struct ld_search *s, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = 0;
	if (!s->in_dirs && (strchr(s->name, '/') || strchr(s->name, '\\'))) {
		snprintf(buf, len, "%s", s->name); /* a path: itself */
		return;
	}
	for (size_t i = 0; i < s->ndirs && used < len; i++) {
		int n;

		/* ld_search_next has been through every directory: the
		 * current one is known (or getcwd failed: not searched). */
		if (!dir_at(s, i) || seen_before(s, i))
			continue;
		n = snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
		             dir_at(s, i));
		if (n < 0)
			break;
		used += (size_t)n;
	}
	if (!used)
		snprintf(buf, len, "no directory (the order names none)");
}
