/*
 * cmd.c — what msvcrt's _popen and system hand to "cmd.exe /c": a command
 * line interpreted here, in a child process, as Wine's cmd.exe does.
 *
 * There is no cmd.exe under dllshare.  The child forked here reads the
 * line the way cmd does for the part programs use: %VAR% expansion;
 * commands joined by '&', '&&', '||' and '|'; redirections '<', '>', '>>',
 * '2>', '2>>' and 'N>&M' (NUL is /dev/null); '^' outside quotes making the
 * next character an ordinary one (and removed); the built-in commands echo,
 * exit, type, set and rem; and any other command is a Windows program,
 * looked up as cmd looks it up (the current directory, then %PATH%, ".exe"
 * added), and run under dllshare by CreateProcess, so it shares its
 * sections with every other process.  What cmd would do beyond that
 * (other built-ins, batch files, parentheses) is refused with
 * one line on stderr and status 1, never half done.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

extern char **environ;

#define NOT_FOUND_STATUS 9009 /* cmd's status for an unknown command */
#define MAX_PIPELINE	 16

/* The status of the last command (cmd's %ERRORLEVEL%), and whether the
 * programs get the C runtime's descriptors (rt_cmd_line); this process
 * is a child forked for one line, so plain variables do. */
static int errorlevel;
static int pass_crt_fds;

/* Writes a string to Linux fd fd; errors are the reader's problem. */
static void say(int fd, const char *s)
{
	(void)!rt_write_all(fd, s, strlen(s));
}

/* ---- parsing -------------------------------------------------------- */

/* %VAR% expanded from the environment (an unknown one stays as written,
 * as cmd /c leaves it); malloc'd. */
static char *expand_vars(const char *s)
{
	size_t cap = strlen(s) + 1, n = 0;
	char *out = malloc(cap);

	if (!out)
		return 0;
	while (*s) {
		const char *end = *s == '%' ? strchr(s + 1, '%') : 0;
		const char *val = 0;
		size_t len;

		if (end && end > s + 1) {
			char name[256];

			len = (size_t)(end - s - 1);
			if (len < sizeof(name)) {
				memcpy(name, s + 1, len);
				name[len] = 0;
				val = getenv(name);
			}
		}
		len = val ? strlen(val) : 1;
		if (n + len + 1 > cap) {
			char *t;

			cap = (n + len + 1) * 2;
			t = realloc(out, cap);
			if (!t) {
				free(out);
				return 0;
			}
			out = t;
		}
		if (val) {
			memcpy(out + n, val, len);
			n += len;
			s = end + 1;
		} else {
			out[n++] = *s++;
		}
	}
	out[n] = 0;
	return out;
}

/* The file name after a redirection operator at *p (spaces skipped,
 * quotes removed), into name; *p moves past it.  0, or -1 when none. */
static int take_name(char **p, char *name, size_t size)
{
	char *s = *p;
	size_t n = 0;
	int q = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	while (*s && (q || (*s != ' ' && *s != '\t' && *s != '<' &&
			    *s != '>'))) {
		if (*s == '"')
			q = !q;
		else if (*s == '^' && !q && s[1] && n + 1 < size)
			name[n++] = *++s;
		else if (n + 1 < size)
			name[n++] = *s;
		s++;
	}
	name[n] = 0;
	*p = s;
	return n ? 0 : -1;
}

/* Opens a redirection target: NUL is the null device. */
static int open_target(const char *name, int flags)
{
	char *u;
	int fd;

	if (!strcasecmp(name, "nul"))
		return open("/dev/null", flags, 0666);
	u = rt_unix_path(name);
	if (!u)
		return -1;
	fd = open(u, flags | O_CLOEXEC, 0666);
	free(u);
	return fd;
}

/* Takes the redirections out of cmd (in place) and applies them to fds
 * 0..2 of this process.  0, or -1 after saying why on stderr. */
static int redirect(char *cmd)
{
	char *r = cmd, *w = cmd, name[1024];
	int q = 0;

	while (*r) {
		int target = -1, fd, append = 0, dup_of = -1;

		if (*r == '"')
			q = !q;
		if (!q && *r == '^' && r[1]) { /* an escaped character stays */
			*w++ = *r++;
			*w++ = *r++;
			continue;
		}
		if (q || (*r != '<' && *r != '>' &&
			  !(isdigit((unsigned char)*r) && r[1] == '>'))) {
			*w++ = *r++;
			continue;
		}
		if (isdigit((unsigned char)*r))
			target = *r++ - '0';
		if (*r == '<') {
			target = 0;
			r++;
		} else {
			if (target < 0)
				target = 1;
			r++;
			if (*r == '>') {
				append = 1;
				r++;
			}
			if (*r == '&' && isdigit((unsigned char)r[1])) {
				dup_of = r[1] - '0';
				r += 2;
			}
		}
		if (target > 2) {
			say(2, "The handle could not be duplicated.\r\n");
			return -1;
		}
		if (dup_of >= 0) {
			if (dup_of > 2 || dup2(dup_of, target) < 0)
				return -1;
			continue;
		}
		if (take_name(&r, name, sizeof(name)) < 0) {
			say(2, "The syntax of the command is incorrect.\r\n");
			return -1;
		}
		fd = open_target(name, target == 0 ? O_RDONLY
					: O_WRONLY | O_CREAT |
						  (append ? O_APPEND : O_TRUNC));
		if (fd < 0) {
			say(2, "The system cannot find the file specified.\r\n");
			return -1;
		}
		dup2(fd, target);
		close(fd);
	}
	*w = 0;
	return 0;
}

/* ---- the built-in commands ----------------------------------------- */

static int cmd_echo(const char *args)
{
	if (!*args) {
		say(1, "ECHO is on.\r\n");
		return 0;
	}
	/* The one character after "echo" separates; the rest is said. */
	say(1, args + 1);
	say(1, "\r\n");
	return 0;
}

static int cmd_exit(const char *args)
{
	while (*args == ' ' || *args == '\t')
		args++;
	if (!strncasecmp(args, "/b", 2))
		args += 2;
	return atoi(args);
}

static int cmd_type(char *args)
{
	char name[1024], buf[4096];
	char *p = args;
	int status = 0;

	while (take_name(&p, name, sizeof(name)) == 0) {
		int fd = open_target(name, O_RDONLY);
		ssize_t n;

		if (fd < 0) {
			say(2, "The system cannot find the file specified.\r\n");
			status = 1;
			continue;
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			(void)!rt_write_all(1, buf, (size_t)n);
		close(fd);
	}
	return status;
}

static int cmp_env(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* "set" lists the variables whose names start with the argument, sorted
 * as cmd sorts them; "set NAME=VALUE" sets one (for the commands after
 * it on this line). */
static int cmd_set(char *args)
{
	size_t n = 0, k = 0, len;
	char **v;
	char *eq;

	while (*args == ' ' || *args == '\t')
		args++;
	len = strlen(args);
	while (len && (args[len - 1] == ' ' || args[len - 1] == '\t'))
		args[--len] = 0;
	eq = strchr(args, '=');
	if (eq) {
		*eq = 0;
		if (eq[1])
			setenv(args, eq + 1, 1);
		else
			unsetenv(args);
		return 0;
	}
	while (environ[n])
		n++;
	v = calloc(n + 1, sizeof(*v));
	if (!v)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (!strncasecmp(environ[i], args, len))
			v[k++] = environ[i];
	qsort(v, k, sizeof(*v), cmp_env);
	for (size_t i = 0; i < k; i++) {
		say(1, v[i]);
		say(1, "\r\n");
	}
	free(v);
	if (k == 0) {
		say(2, "Environment variable ");
		say(2, args);
		say(2, " not defined\r\n");
		return 1;
	}
	return 0;
}

/* ---- programs ------------------------------------------------------- */

static int is_file(const char *win_name)
{
	char *u = rt_unix_path(win_name);
	struct stat st;
	int r = u && stat(u, &st) == 0 && S_ISREG(st.st_mode);

	free(u);
	return r;
}

/* Where cmd finds program name: as given when it names a directory,
 * else the current directory, then each %PATH% entry; ".exe" added when
 * the name has no extension.  A malloc'd Windows path, or NULL. */
static char *find_command(const char *name)
{
	const char *path = getenv("PATH"), *base = name;
	char buf[4096];
	int has_dir = strpbrk(name, "\\/:") != 0;

	for (const char *p = name; *p; p++)
		if (*p == '\\' || *p == '/' || *p == ':')
			base = p + 1;
	snprintf(buf, sizeof(buf), "%s%s", name, strchr(base, '.') ? "" : ".exe");
	if (is_file(buf))
		return strdup(buf);
	if (has_dir || !path)
		return 0;
	while (*path) {
		const char *end = path + strcspn(path, ";");

		if (end > path) {
			snprintf(buf, sizeof(buf), "%.*s\\%s%s", (int)(end - path),
				 path, name, strchr(base, '.') ? "" : ".exe");
			if (is_file(buf))
				return strdup(buf);
		}
		path = *end ? end + 1 : end;
	}
	return 0;
}

/* Runs a Windows program with this process's fds 0..2 (the child
 * inherits them: no STARTF_USESTDHANDLES) and every inheritable handle,
 * and waits for it.  As cmd.exe passes on the descriptor table msvcrt's
 * system gave it (Wine's _popen gives it none), the program of a
 * system() line gets the descriptors of the C runtime that forked this
 * process, all but the _O_NOINHERIT ones. */
static int run_program(char *cmd)
{
	char name[1024], *p = cmd, *app;
	PROCESS_INFORMATION pi;
	STARTUPINFOA si;
	DWORD code = 1;

	if (take_name(&p, name, sizeof(name)) < 0)
		return 0;
	app = find_command(name);
	if (!app) {
		say(2, "'");
		say(2, name);
		say(2, "' is not recognized as an internal or external command,\r\n"
		       "operable program or batch file.\r\n");
		return NOT_FOUND_STATUS;
	}
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	if (pass_crt_fds)
		si.lpReserved2 = rt_crt_inherit_block(&si.cbReserved2);
	if (!w32_CreateProcessA(app, cmd, 0, 0, TRUE, 0, 0, 0, &si, &pi)) {
		say(2, "dllshare: cmd: cannot start ");
		say(2, app);
		say(2, "\r\n");
		free(si.lpReserved2);
		free(app);
		return 1;
	}
	free(si.lpReserved2);
	free(app);
	w32_WaitForSingleObject(pi.hProcess, 0xffffffffu);
	w32_GetExitCodeProcess(pi.hProcess, &code);
	w32_CloseHandle(pi.hProcess);
	w32_CloseHandle(pi.hThread);
	return (int)code;
}

/* cmd.exe's other built-in commands: refused by name, never looked up as
 * programs (which would say "not recognized", as if cmd had no such
 * command). */
static int is_other_builtin(const char *word)
{
	static const char *const names[] = {
		"assoc", "break", "call",  "cd",	   "chdir", "cls",
		"color", "copy",  "date",  "del",	   "dir",   "endlocal",
		"erase", "for",	  "ftype", "goto",	   "if",    "md",
		"mkdir", "mklink", "move", "path",	   "pause", "popd",
		"prompt", "pushd", "rd",   "ren",	   "rename", "rmdir",
		"setlocal", "shift", "start", "time", "title", "ver",
		"verify", "vol",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcasecmp(word, names[i]))
			return 1;
	return 0;
}

/* Whether cmd has one of the characters of set outside quotes and not
 * escaped by '^'. */
static int has_special(const char *cmd, const char *set)
{
	int q = 0;

	for (; *cmd; cmd++) {
		if (*cmd == '"')
			q = !q;
		else if (!q && *cmd == '^' && cmd[1])
			cmd++;
		else if (!q && strchr(set, *cmd))
			return 1;
	}
	return 0;
}

/* Removes the escaping '^'s outside quotes, in place, as cmd does before
 * it runs a command: "^^" is '^', a '^' that ends the line goes. */
static void unescape(char *cmd)
{
	char *w = cmd;
	int q = 0;

	for (; *cmd; cmd++) {
		if (*cmd == '"')
			q = !q;
		else if (!q && *cmd == '^' && !*++cmd)
			break;
		*w++ = *cmd;
	}
	*w = 0;
}

/* One command (no operators left in it) in this process. *exiting is
 * set by "exit", which ends the whole line. */
static int run_simple(char *cmd, int *exiting)
{
	char word[16];
	size_t n = 0;
	int refuse;
	char *p;

	/* A redirection that fails skips the command and leaves the status
	 * as it was, as Wine's cmd.exe does. */
	if (redirect(cmd) < 0)
		return errorlevel;
	refuse = has_special(cmd, "()");
	unescape(cmd);
	while (*cmd == ' ' || *cmd == '\t' || *cmd == '@')
		cmd++;
	for (p = cmd; *p && n + 1 < sizeof(word) && !strchr(" \t.:;,=/", *p);
	     p++)
		word[n++] = *p;
	word[n] = 0;
	if (!*cmd)
		return 0;
	if (!strcasecmp(word, "echo"))
		return cmd_echo(p);
	if (!strcasecmp(word, "exit")) {
		*exiting = 1;
		return cmd_exit(p);
	}
	if (!strcasecmp(word, "type"))
		return cmd_type(p);
	if (!strcasecmp(word, "set"))
		return cmd_set(p);
	if (!strcasecmp(word, "rem"))
		return 0;
	if (is_other_builtin(word) || refuse) {
		say(2, "dllshare: cmd: not supported: ");
		say(2, cmd);
		say(2, "\r\n");
		return 1;
	}
	return run_program(cmd);
}

/* ---- lines ---------------------------------------------------------- */

/* The next unquoted operator at or after s: '&', "&&", '|' or "||";
 * its length in *len, or NULL at the end of the line. */
static char *next_op(char *s, int *len)
{
	const char *start = s;
	int q = 0;

	for (; *s; s++) {
		if (*s == '"')
			q = !q;
		if (q)
			continue;
		if (*s == '^' && s[1]) {
			s++; /* escaped: an ordinary character */
			continue;
		}
		/* "2>&1" is a redirection, not a separator. */
		if (*s == '&' && s > start && s[-1] == '>')
			continue;
		if (*s == '&' || *s == '|') {
			*len = s[1] == *s ? 2 : 1;
			return s;
		}
	}
	return 0;
}

/* Runs a pipeline of n commands, each in a child of its own, joined by
 * pipes; the status of the last. */
static int run_pipeline(char **cmds, int n, int *exiting)
{
	pid_t pids[MAX_PIPELINE];
	int in = -1, status = 0;

	if (n == 1)
		return run_simple(cmds[0], exiting);
	for (int i = 0; i < n; i++) {
		int pfd[2] = {-1, -1};

		if (i + 1 < n && pipe(pfd) != 0)
			return 1;
		pids[i] = fork();
		if (pids[i] == 0) {
			int ex = 0;

			if (in >= 0) {
				dup2(in, 0);
				close(in);
			}
			if (pfd[1] >= 0) {
				dup2(pfd[1], 1);
				close(pfd[1]);
				close(pfd[0]);
			}
			_exit(run_simple(cmds[i], &ex) & 0xff);
		}
		if (in >= 0)
			close(in);
		if (pfd[1] >= 0)
			close(pfd[1]);
		in = pfd[0];
	}
	for (int i = 0; i < n; i++) {
		int st = 0;

		if (pids[i] > 0 && waitpid(pids[i], &st, 0) == pids[i] &&
		    i == n - 1)
			status = WIFEXITED(st) ? WEXITSTATUS(st) : 1;
	}
	return status;
}

/* Whether line ends in a '^' that escapes nothing: cmd would read the
 * command on from a next line, which "cmd /c" does not have, and Wine's
 * cmd.exe then runs nothing of that last command. */
static int ends_in_caret(const char *line)
{
	int q = 0, esc = 0;

	for (; *line; line++) {
		if (esc)
			esc = 0;
		else if (*line == '"')
			q = !q;
		else if (!q && *line == '^')
			esc = 1;
	}
	return esc;
}

int rt_cmd_line(const char *line, int crt_fds)
{
	char *buf = expand_vars(line), *s, *cmds[MAX_PIPELINE];
	int status = 0, exiting = 0, n = 0, run = 1, cut;

	if (!buf)
		return 1;
	cut = ends_in_caret(buf);
	pass_crt_fds = crt_fds;
	/* A fork of the C runtime's process: Ctrl-C here must not feed the
	 * parent's console control handlers through its inherited pipe. */
	signal(SIGINT, SIG_DFL);
	s = buf;
	while (!exiting) {
		int len = 0;
		char *op = next_op(s, &len), c = op ? *op : 0;

		if (op)
			*op = 0;
		if (n < MAX_PIPELINE)
			cmds[n++] = s;
		if (c == '|' && len == 1) {
			s = op + 1;
			continue;
		}
		if (run && !(cut && !op))
			errorlevel = status = run_pipeline(cmds, n, &exiting);
		n = 0;
		if (!op)
			break;
		/* "a && b" runs b when a succeeded, "a || b" when it failed. */
		run = len == 1 || (c == '&' ? status == 0 : status != 0);
		s = op + len;
	}
	free(buf);
	return status;
}
