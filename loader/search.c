/*
 * search.c — where a DLL named by an import or by LoadLibrary is found.
 *
 * Order: the program's directory, the current directory, then each
 * directory of $DLLSHARE_PATH (colon-separated).  Windows file names are
 * case-insensitive, Linux ones are not: in each directory the exact name
 * is tried first (one stat), then the directory is scanned for a name
 * that matches ignoring case.  A name with a slash or backslash is a
 * path and is not searched.  Built-in modules are matched before any of
 * this (module.c).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/module.h"

static char progdir[4096];

void ld_search_set_progdir(const char *exe_path)
{
	const char *slash = strrchr(exe_path, '/');
	char *real;

	if (!slash) {
		snprintf(progdir, sizeof progdir, ".");
	} else {
		size_t n = (size_t)(slash - exe_path);
		if (n == 0)
			n = 1; /* "/prog.exe": the root */
		if (n >= sizeof progdir)
			n = sizeof progdir - 1;
		memcpy(progdir, exe_path, n);
		progdir[n] = 0;
	}
	real = realpath(progdir, NULL);
	if (real) {
		snprintf(progdir, sizeof progdir, "%s", real);
		free(real);
	}
}

static void add_dir(struct ld_search *s, const char *d, char *owned)
{
	if (s->ndirs == sizeof s->dirs / sizeof s->dirs[0] || !*d) {
		free(owned);
		return;
	}
	for (size_t i = 0; i < s->ndirs; i++)
		if (!strcmp(s->dirs[i], d)) { /* searched once is enough */
			free(owned);
			return;
		}
	s->owned[s->ndirs] = owned;
	s->dirs[s->ndirs++] = d;
}

void ld_search_begin(struct ld_search *s, const char *name)
{
	const char *env = getenv("DLLSHARE_PATH");
	char *cwd;

	memset(s, 0, sizeof *s);
	s->name = name;
	if (strchr(name, '/') || strchr(name, '\\'))
		return; /* a path: ld_search_next tries it as it is */
	if (progdir[0])
		add_dir(s, progdir, NULL);
	cwd = getcwd(NULL, 0);
	if (cwd)
		add_dir(s, cwd, cwd);
	while (env && *env) {
		const char *colon = strchr(env, ':');
		size_t n = colon ? (size_t)(colon - env) : strlen(env);
		char *d = strndup(env, n);
		if (d)
			add_dir(s, d, d);
		env = colon ? colon + 1 : NULL;
	}
}

void ld_search_end(struct ld_search *s)
{
	for (size_t i = 0; i < s->ndirs; i++)
		free(s->owned[i]);
	s->ndirs = 0;
}

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The file in dir whose name matches name ignoring case, or 0. */
static int find_in_dir(const char *dir, const char *name, char *path,
                       size_t len)
{
	DIR *d;
	struct dirent *e;
	int found = 0;

	if ((size_t)snprintf(path, len, "%s/%s", dir, name) < len &&
	    is_file(path))
		return 1;
	d = opendir(dir);
	if (!d)
		return 0;
	while (!found && (e = readdir(d)) != NULL) {
		if (strcasecmp(e->d_name, name))
			continue;
		if ((size_t)snprintf(path, len, "%s/%s", dir, e->d_name) < len &&
		    is_file(path))
			found = 1;
	}
	closedir(d);
	return found;
}

int ld_search_next(struct ld_search *s, char *path, size_t len)
{
	if (strchr(s->name, '/') || strchr(s->name, '\\')) {
		/* A path (LoadLibrary("sub\\x.dll")): backslashes are
		 * separators, as on Windows. */
		size_t i;
		if (s->next++ > 0)
			return 0;
		for (i = 0; s->name[i] && i + 1 < len; i++)
			path[i] = s->name[i] == '\\' ? '/' : s->name[i];
		path[i] = 0;
		return is_file(path);
	}
	while (s->next < s->ndirs)
		if (find_in_dir(s->dirs[s->next++], s->name, path, len))
			return 1;
	return 0;
}

void ld_search_dirs(const struct ld_search *s, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = 0;
	if (!s->ndirs) {
		snprintf(buf, len, "%s", s->name);
		return;
	}
	for (size_t i = 0; i < s->ndirs && used < len; i++) {
		int n = snprintf(buf + used, len - used, "%s%s", i ? ", " : "",
		                 s->dirs[i]);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}
