/*
 * args.c — the program's command line, as Windows hands it over.
 *
 * Windows passes a process one string, not an argv: GetCommandLine
 * returns it and msvcrt splits it again for main().  dllshare builds that
 * string from its own argv the way Wine does (the EXE as a quoted
 * "Z:\\..." path, arguments quoted when they hold blanks or quotes), so a
 * program sees the same GetCommandLineA() and argv under both.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/core/core.h"

int rt_argc;
char **rt_argv;
const char *rt_exe_unix;
static char *cmdline_a;
static WCHAR *cmdline_w;

char *rt_win_path_of(const char *abs)
{
	char *w = malloc(strlen(abs) + 3), *p;

	if (!w)
		return 0;
	w[0] = 'Z';
	w[1] = ':';
	strcpy(w + 2, abs);
	for (p = w; *p; p++)
		if (*p == '/')
			*p = '\\';
	return w;
}

char *rt_win_path(const char *unix_path)
{
	char *abs = realpath(unix_path, 0), *w;

	if (!abs) {
		/* Not there (yet): absolutize by hand. */
		char cwd[PATH_MAX];
		size_t n;

		if (unix_path[0] == '/') {
			abs = strdup(unix_path);
		} else if (getcwd(cwd, sizeof(cwd))) {
			n = strlen(cwd) + strlen(unix_path) + 2;
			abs = malloc(n);
			if (abs)
				snprintf(abs, n, "%s/%s", cwd, unix_path);
		}
		if (!abs)
			return 0;
	}
	w = rt_win_path_of(abs);
	free(abs);
	return w;
}

/* Windows' normalization of a DOS path (RtlGetFullPathName_U), on the
 * '/'-separated path u in place: runs of separators are one; "." goes
 * and ".." takes the segment before it away, by name, not by following
 * the file system (a ".." past the start of a relative path stays); a
 * segment that ends in a single period loses it ("dir." is "dir"), and
 * the last one, unless a separator follows it, loses all its trailing
 * periods and spaces ("f.txt. ." is "f.txt"). */
static void normalize(char *u)
{
	size_t len = strlen(u);
	int rooted = u[0] == '/', dir = len > 1 && u[len - 1] == '/';
	char *out = u + rooted, *w = out, *keep = out; /* keep: "..".. */
	const char *r = out;

	while (*r) {
		const char *e;
		size_t n;

		while (*r == '/')
			r++;
		if (!*r)
			break;
		e = strchr(r, '/');
		if (!e)
			e = r + strlen(r);
		n = (size_t)(e - r);
		if (n == 1 && r[0] == '.') {
			r = e;
			continue;
		}
		if (n == 2 && r[0] == '.' && r[1] == '.') {
			if (w > keep) { /* back over the last segment */
				while (w > keep && w[-1] != '/')
					w--;
				if (w > keep)
					w--; /* its separator */
			} else if (!rooted) {
				/* Past the start: taken from the current
				 * directory's name (the caller retries). */
				*u = '\0';
				return;
			}
			r = e;
			continue;
		}
		if (!*e && !dir) {
			while (n && (r[n - 1] == '.' || r[n - 1] == ' '))
				n--;
		} else if (n >= 2 && r[n - 1] == '.' && r[n - 2] != '.') {
			n--;
		}
		if (n) {
			if (w > out)
				*w++ = '/';
			memmove(w, r, n);
			w += n;
		}
		r = e;
	}
	if (dir && w > out)
		*w++ = '/';
	if (w == u)
		*w++ = '.';
	*w = '\0';
}

/* normalize(), with a relative path whose ".." goes past its start made
 * absolute first, as Windows makes every path absolute before it takes
 * ".." away.  0 when out of memory. */
static char *normalized(char *u)
{
	char cwd[4096], *a;

	if (u[0] == '/' || !strstr(u, "..")) {
		normalize(u);
		return u;
	}
	a = strdup(u);
	if (!a) {
		free(u);
		return 0;
	}
	normalize(a);
	if (*a) {
		free(u);
		return a;
	}
	free(a);
	if (!getcwd(cwd, sizeof cwd))
		return u; /* Linux resolves the ".." then */
	if (asprintf(&a, "%s/%s", cwd, u) < 0)
		a = 0;
	free(u);
	if (a)
		normalize(a);
	return a;
}

char *rt_unix_name(const char *win)
{
	char *u, *p;
	const char *s = win;
	int verbatim = 0;

	if (!win)
		return 0;
	/* "\\?\" asks for the path as it is, without normalization. */
	if (s[0] == '\\' && s[1] == '\\' && s[2] == '?' && s[3] == '\\') {
		s += 4;
		verbatim = 1;
	}
	/* Wine maps Z: to the Linux root; other drives are not provided. */
	if ((s[0] == 'Z' || s[0] == 'z') && s[1] == ':')
		s += 2;
	u = strdup(s);
	if (!u)
		return 0;
	for (p = u; *p; p++)
		if (*p == '\\')
			*p = '/';
	/* Device names ("\\\\.\\pipe\\x") are not files: kept. */
	if (!verbatim && *u && strncmp(u, "//./", 4) != 0)
		u = normalized(u);
	return u;
}

/* The name in directory dir (NUL-terminated) that equals the n bytes at
 * name ignoring case, copied over them; 0 when there is none.  Names
 * equal but for case have the same length, so the path keeps its. */
static int fold_name(const char *dir, char *name, size_t n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	while (d && !found && (e = readdir(d)))
		if (strlen(e->d_name) == n && !strncasecmp(e->d_name, name, n) &&
		    strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			memcpy(name, e->d_name, n);
			found = 1;
		}
	if (d)
		closedir(d);
	return found;
}

/* Windows file names are case-insensitive, Linux's are not.  A path that
 * does not exist as spelled is walked component by component, and each
 * one missing is replaced by the name in its directory that matches it
 * ignoring case (as Wine does).  From the first that matches nothing
 * on, the rest is kept as given: a file about to be created keeps its
 * spelling, in the directory found. */
static void fold_case(char *u)
{
	struct stat st;
	char *p = u + (u[0] == '/');

	if (lstat(u, &st) == 0 || errno != ENOENT)
		return;
	while (*p) {
		char *end = strchr(p, '/'), save;
		size_t n = end ? (size_t)(end - p) : strlen(p);
		int found;

		save = p[n];
		p[n] = '\0';
		found = lstat(u, &st) == 0;
		p[n] = save;
		if (!found && n && !(n == 1 && p[0] == '.') &&
		    !(n == 2 && p[0] == '.' && p[1] == '.')) {
			if (p == u) {
				found = fold_name(".", p, n);
			} else if (p == u + 1 && u[0] == '/') {
				found = fold_name("/", p, n);
			} else {
				p[-1] = '\0';
				found = fold_name(u, p, n);
				p[-1] = '/';
			}
			if (!found)
				return;
		}
		if (!end)
			return;
		p = end + 1;
	}
}

char *rt_unix_path(const char *win)
{
	char *u = rt_unix_name(win);

	if (u && *u)
		fold_case(u);
	return u;
}

/* Appends arg quoted as Wine's build_command_line does. */
static char *quote_arg(char *p, const char *a, int force)
{
	int space = !*a || strchr(a, ' ') || strchr(a, '\t') || force;
	int quote = strchr(a, '"') != 0;
	int bs = 0;

	if (space)
		*p++ = '"';
	for (; *a; a++) {
		if ((space || quote) && *a == '"') {
			for (int i = 0; i <= bs; i++)
				*p++ = '\\';
		}
		bs = *a == '\\' ? bs + 1 : 0;
		*p++ = *a;
	}
	if (space) {
		for (int i = 0; i < bs; i++)
			*p++ = '\\';
		*p++ = '"';
	}
	return p;
}

/* Builds "Z:\\path\\prog.exe" args... from the Linux argv. */
static char *build_cmdline(int argc, char **argv, const char *exe0)
{
	size_t n = strlen(exe0) * 2 + 4;
	char *s, *p;

	for (int i = 1; i < argc; i++)
		n += strlen(argv[i]) * 2 + 4;
	s = malloc(n);
	if (!s)
		return 0;
	p = quote_arg(s, exe0, 1);
	for (int i = 1; i < argc; i++) {
		*p++ = ' ';
		p = quote_arg(p, argv[i], 0);
	}
	*p = 0;
	return s;
}

/* msvcrt's rules: blanks separate arguments outside quotes; 2n
 * backslashes before a quote give n and the quote toggles quoting; 2n+1
 * give n and a literal quote; "" inside quotes is a literal quote. */
char **rt_split_cmdline(const char *cmd, int *argc)
{
	size_t len = strlen(cmd);
	char **argv = malloc((len / 2 + 2) * sizeof(char *) + len + 1);
	char *d, *start;
	const char *s = cmd;
	int n = 0, inq = 0, bs = 0, inarg = 0;

	if (!argv)
		return 0;
	d = (char *)(argv + len / 2 + 2);
	start = d;
	for (;; s++) {
		char c = *s;

		if (!c || ((c == ' ' || c == '\t') && !inq)) {
			if (inarg) {
				*d++ = 0;
				argv[n++] = start;
				start = d;
				inarg = 0;
			}
			bs = 0;
			if (!c)
				break;
			continue;
		}
		inarg = 1;
		if (c == '\\') {
			*d++ = c;
			bs++;
		} else if (c == '"') {
			d -= bs / 2;
			if (bs & 1) {
				d[-1] = '"';
			} else if (inq && s[1] == '"') {
				*d++ = '"';
				s++;
			} else {
				inq = !inq;
			}
			bs = 0;
		} else {
			*d++ = c;
			bs = 0;
		}
	}
	argv[n] = 0;
	*argc = n;
	return argv;
}

static int exit_fd = -1;

void rt_report_exit(DWORD code)
{
	int fd = __atomic_exchange_n(&exit_fd, -1, __ATOMIC_SEQ_CST);

	if (fd >= 0) {
		ssize_t r = write(fd, &code, sizeof(code));

		(void)r;
		close(fd);
	}
}

/* The pipe a dllshare parent reads our 32-bit exit code from. */
static void take_exit_fd(void)
{
	const char *s = getenv("DLLSHARE_EXIT_FD");
	char *end;
	long fd;

	if (!s)
		return;
	fd = strtol(s, &end, 10);
	if (*end == 0 && fd > 2 && fd < 65536 &&
	    fcntl((int)fd, F_SETFD, FD_CLOEXEC) == 0)
		exit_fd = (int)fd;
	unsetenv("DLLSHARE_EXIT_FD");
}

static void (*args_hook)(void);

static void set_args(int argc, char **argv, const char *exe_path)
{
	char *exe0;

	const char *given = getenv("DLLSHARE_CMDLINE");

	take_exit_fd();
	rt_exe_unix = exe_path ? exe_path : argv[0];
	if (given) {
		/* Started by CreateProcess: its string, verbatim. */
		cmdline_a = strdup(given);
		unsetenv("DLLSHARE_CMDLINE");
	} else {
		/* The loader gives the path realpath() made of it when it
		 * could: absolute, so resolving it again (a readlink per
		 * component) would give the same string. */
		exe0 = exe_path && exe_path[0] == '/' ? rt_win_path_of(exe_path)
		                                      : rt_win_path(rt_exe_unix);
		if (!exe0)
			exe0 = strdup(rt_exe_unix);
		cmdline_a = exe0 ? build_cmdline(argc, argv, exe0) : 0;
		free(exe0);
	}
	if (!cmdline_a)
		cmdline_a = strdup("");
	cmdline_w = rt_utf16_dup(cmdline_a);
	rt_argv = rt_split_cmdline(cmdline_a, &rt_argc);
	if (args_hook)
		args_hook();
}

void rt_args_hook_set(void (*fn)(void))
{
	args_hook = fn;
}

void rt_set_args(int argc, char **argv, const char *exe_path)
{
	set_args(argc, argv, exe_path);
}

const char *rt_cmdline_a(void)
{
	return cmdline_a ? cmdline_a : "";
}

const WCHAR *rt_cmdline_w(void)
{
	static const WCHAR empty[1];

	return cmdline_w ? cmdline_w : empty;
}
