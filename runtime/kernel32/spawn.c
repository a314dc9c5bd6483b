/*
 * spawn.c — kernel32: CreateProcess.
 *
 * A Windows program started by a Windows program runs under dllshare
 * too: the child is `dllshare run PROGRAM ARGS`, exec'd from this very
 * binary (/proc/self/exe).  Windows hands a child one command-line string;
 * dllshare passes it through the environment (DLLSHARE_CMDLINE) so the
 * child's GetCommandLine and argv are exactly what the parent asked for.
 * What else the child gets — its standard handles (those of
 * STARTF_USESTDHANDLES or ours, as fds 0, 1, 2), with bInheritHandles
 * every inheritable handle at its value, and lpReserved2 — inherit.c
 * prepares and passes.
 *
 * Creation flags: a new process group is a Linux one (setpgid), so the
 * terminal's Ctrl-C no longer reaches the child, as on Windows; the
 * priority classes are nice values (raising one needs privilege: without
 * it the call fails with ERROR_ACCESS_DENIED).  The console flags
 * (CREATE_NEW_CONSOLE, CREATE_NO_WINDOW, DETACHED_PROCESS) change
 * nothing: there are no console windows, the child writes where its
 * standard handles lead.  Starting a child suspended or under a
 * debugger, and extended startup information, are refused
 * (ERROR_NOT_SUPPORTED).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/kernel32/kernel32.h"

extern char **environ;

#include "runtime/kernel32/k32int.h"

#define DEBUG_PROCESS		      0x1
#define DEBUG_ONLY_THIS_PROCESS	      0x2
#define CREATE_SUSPENDED	      0x4
#define DETACHED_PROCESS	      0x8
#define CREATE_NEW_CONSOLE	      0x10
#define NORMAL_PRIORITY_CLASS	      0x20
#define IDLE_PRIORITY_CLASS	      0x40
#define HIGH_PRIORITY_CLASS	      0x80
#define REALTIME_PRIORITY_CLASS	      0x100
#define CREATE_NEW_PROCESS_GROUP      0x200
#define CREATE_UNICODE_ENVIRONMENT    0x400
#define CREATE_SEPARATE_WOW_VDM	      0x800
#define CREATE_SHARED_WOW_VDM	      0x1000
#define BELOW_NORMAL_PRIORITY_CLASS   0x4000
#define ABOVE_NORMAL_PRIORITY_CLASS   0x8000
#define INHERIT_PARENT_AFFINITY	      0x10000
#define CREATE_BREAKAWAY_FROM_JOB     0x1000000
#define CREATE_DEFAULT_ERROR_MODE     0x4000000
#define CREATE_NO_WINDOW	      0x8000000

#define PRIORITY_CLASSES                                                 \
	(NORMAL_PRIORITY_CLASS | IDLE_PRIORITY_CLASS | HIGH_PRIORITY_CLASS | \
	 REALTIME_PRIORITY_CLASS | BELOW_NORMAL_PRIORITY_CLASS |         \
	 ABOVE_NORMAL_PRIORITY_CLASS)
/* Done here, or meaningless here (the WOW VDMs: no 16-bit programs; the
 * affinity and error mode are inherited anyway; there are no jobs). */
#define FLAGS_DONE                                                      \
	(CREATE_SUSPENDED | DETACHED_PROCESS | CREATE_NEW_CONSOLE |      \
	 PRIORITY_CLASSES |                                              \
	 CREATE_NEW_PROCESS_GROUP | CREATE_UNICODE_ENVIRONMENT |         \
	 CREATE_SEPARATE_WOW_VDM | CREATE_SHARED_WOW_VDM |               \
	 INHERIT_PARENT_AFFINITY | CREATE_BREAKAWAY_FROM_JOB |           \
	 CREATE_DEFAULT_ERROR_MODE | CREATE_NO_WINDOW)

/* The nice value of the priority class flags name: with more than one,
 * the lowest (Windows and Wine accept several; one wins). */
static int class_nice(DWORD flags)
{
	if (flags & IDLE_PRIORITY_CLASS)
		return 19;
	if (flags & BELOW_NORMAL_PRIORITY_CLASS)
		return 10;
	if (flags & NORMAL_PRIORITY_CLASS)
		return 0;
	if (flags & ABOVE_NORMAL_PRIORITY_CLASS)
		return -5;
	if (flags & HIGH_PRIORITY_CLASS)
		return -10;
	if (flags & REALTIME_PRIORITY_CLASS)
		return -20;
	return 0;
}

/* Refuses what CreateProcess does not do; TRUE when it can go on. */
static BOOL check_request(const char *fn, const SECURITY_ATTRIBUTES *psa,
			  const SECURITY_ATTRIBUTES *tsa, DWORD flags)
{
	if (!rt_k32_sa_ok(fn, psa) || !rt_k32_sa_ok(fn, tsa))
		return FALSE;
	if (flags & ~FLAGS_DONE)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "creation flags 0x%x (suspended, debugged, "
				 "extended startup information...)",
				 (unsigned)(flags & ~FLAGS_DONE));
	return TRUE;
}

static int is_file(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Finds the program the way Windows does for a bare name: the parent's
 * directory, then the current directory; ".exe" is added when the name
 * has no extension.  Returns a malloc'd Linux path or NULL. */
static char *find_program(const char *win_name)
{
	char *u = rt_unix_path(win_name), *cand = 0, *dir = 0;
	const char *base;
	size_t n;

	if (!u)
		return 0;
	base = strrchr(u, '/');
	base = base ? base + 1 : u;
	n = strlen(u) + 5;
	cand = malloc(n);
	if (!cand)
		goto fail;
	snprintf(cand, n, "%s%s", u, strchr(base, '.') ? "" : ".exe");
	if (strchr(u, '/') || is_file(cand)) {
		if (!is_file(cand))
			goto fail;
		free(u);
		return cand;
	}
	if (rt_exe_unix) {
		char *slash;
		size_t m;

		dir = strdup(rt_exe_unix);
		if (!dir)
			goto fail;
		slash = strrchr(dir, '/');
		if (slash) {
			*slash = 0;
			m = strlen(dir) + strlen(cand) + 2;
			free(u);
			u = malloc(m);
			if (!u)
				goto fail;
			snprintf(u, m, "%s/%s", dir, cand);
			if (is_file(u)) {
				free(cand);
				free(dir);
				return u;
			}
		}
	}
fail:
	free(u);
	free(cand);
	free(dir);
	return 0;
}

/* Variables of ours that a parent sets for its child only. */
static int is_ours(const char *e)
{
	static const char *const names[] = {
		"DLLSHARE_CMDLINE=", "DLLSHARE_EXIT_FD=", "DLLSHARE_HANDLES=",
		"DLLSHARE_RESERVED2=", "DLLSHARE_RESUME_FD="};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strncmp(e, names[i], strlen(names[i])))
			return 1;
	return 0;
}

static void free_strv(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* Appends s (malloc'd, or NULL when that failed) to env at *k, unless it
 * is one of our variables, which only the parent sets; -1 when out of
 * memory. */
static int add_var(char **env, size_t *k, char *s)
{
	if (!s)
		return -1;
	if (is_ours(s))
		free(s);
	else
		env[(*k)++] = s;
	return 0;
}

/* "NAME=value" in a new string, or NULL. */
static char *var(const char *name, const char *value)
{
	char *s = malloc(strlen(name) + strlen(value) + 2);

	if (s)
		sprintf(s, "%s=%s", name, value);
	return s;
}

/* The child's environment: the given block (or ours) plus the command
 * line, the exit-code pipe and what inherit.c hands it (ci's strings).
 * One malloc'd array of malloc'd strings, or NULL when out of memory. */
static char **child_env(const void *block, int unicode, const char *cmdline,
			int exit_fd, int resume_fd,
			const struct rt_k32_inherit *ci)
{
	size_t n = 0, k = 0;
	char **env, fd[16];
	int bad = 0;

	if (block) {
		if (unicode)
			for (const WCHAR *p = block; *p; p += rt_wcslen(p) + 1)
				n++;
		else
			for (const char *p = block; *p; p += strlen(p) + 1)
				n++;
	} else {
		for (char **e = environ; *e; e++)
			n++;
	}
	env = calloc(n + 5, sizeof(char *));
	if (!env)
		return 0;
	if (block && unicode) {
		for (const WCHAR *p = block; *p; p += rt_wcslen(p) + 1)
			bad |= add_var(env, &k, rt_utf8_dup(p));
	} else if (block) {
		for (const char *p = block; *p; p += strlen(p) + 1)
			bad |= add_var(env, &k, strdup(p));
	} else {
		for (char **e = environ; *e; e++)
			bad |= add_var(env, &k, strdup(*e));
	}
	snprintf(fd, sizeof(fd), "%d", exit_fd);
	env[k++] = var("DLLSHARE_CMDLINE", cmdline);
	env[k++] = var("DLLSHARE_EXIT_FD", fd);
	if (resume_fd >= 0) {
		snprintf(fd, sizeof(fd), "%d", resume_fd);
		env[k++] = var("DLLSHARE_RESUME_FD", fd);
	}
	if (ci->handles_env)
		env[k++] = strdup(ci->handles_env);
	if (ci->reserved2_env)
		env[k++] = strdup(ci->reserved2_env);
	for (size_t i = 0; i < k; i++)
		bad |= !env[i];
	if (bad) {
		for (size_t i = 0; i < k; i++)
			free(env[i]);
		free(env);
		return 0;
	}
	return env;
}

/* The child between fork and exec, so async-signal-safe calls only:
 * takes ci's std_fd[i] (when >= 0) as standard stream i, keeps ci's fds
 * and codefd open across exec, applies the creation flags, changes to
 * dir, and execs self; on failure writes errno to errfd (the parent
 * reads it) and exits. */
static void __attribute__((noreturn))
child_exec(const char *self, char **cargv, char **env,
	   const struct rt_k32_inherit *ci, int codefd, int resumefd,
	   const char *dir, DWORD flags, int errfd)
{
	int e, fd[3], nice = class_nice(flags);
	const int *fds = ci->std_fd;

	/* A source that is itself one of 0..2 (stdout and stderr swapped)
	 * would be overwritten by an earlier dup2: move it above 2 first. */
	for (int i = 0; i < 3; i++)
		fd[i] = fds[i] >= 0 && fds[i] < 3 && fds[i] != i
		                ? fcntl(fds[i], F_DUPFD_CLOEXEC, 3)
		                : fds[i];
	for (int i = 0; i < 3; i++) {
		if (fd[i] < 0)
			continue;
		if (fd[i] == i)
			fcntl(i, F_SETFD, 0);
		else
			dup2(fd[i], i);
	}
	fcntl(codefd, F_SETFD, 0);
	if (resumefd >= 0)
		fcntl(resumefd, F_SETFD, 0);
	rt_k32_inherit_keep(ci);
	if ((flags & CREATE_NEW_PROCESS_GROUP) && setpgid(0, 0) != 0)
		goto fail;
	if (nice && setpriority(PRIO_PROCESS, 0, nice) != 0)
		goto fail;
	if (!dir || chdir(dir) == 0)
		execve(self, cargv, env);
fail:
	e = errno;
	write(errfd, &e, sizeof(e));
	_exit(127);
}

/* CreateProcessA's work, for fn (CreateProcessA or CreateProcessW, whose
 * strings are converted already: its refusals name it). */
static BOOL create(const char *fn, LPCSTR app, LPCSTR cmd,
		   const SECURITY_ATTRIBUTES *psa,
		   const SECURITY_ATTRIBUTES *tsa, BOOL inherit, DWORD flags,
		   void *envblock, LPCSTR cwd, const STARTUPINFOA *si,
		   PROCESS_INFORMATION *pi)
{
	char self[PATH_MAX], *prog = 0, **argv = 0, **cargv = 0, **env = 0;
	char *dir = 0;
	const char *cmdline = cmd ? cmd : app;
	int argc = 0, errpipe[2], child_errno = 0;
	int codepipe[2] = {-1, -1}, resume[2] = {-1, -1};
	struct rt_object *po = 0, *to = 0;
	struct rt_k32_inherit ci = {.null_fd = -1};
	BOOL ok = FALSE;
	ssize_t len;
	pid_t pid;

	if (!check_request(fn, psa, tsa, flags))
		return FALSE;
	if (!cmdline) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	argv = rt_split_cmdline(cmdline, &argc);
	if (!argv || (!app && argc == 0)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		goto fail;
	}
	prog = find_program(app ? app : argv[0]);
	if (!prog) {
		rt_set_last_error(ERROR_FILE_NOT_FOUND);
		goto fail;
	}
	if (!rt_k32_inherit_prepare(fn, inherit, si, &ci))
		goto fail;
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len < 0)
		goto fail_errno;
	self[len] = 0;
	/* The child writes its 32-bit exit code here (rt_report_exit). */
	if (pipe2(codepipe, O_CLOEXEC) != 0)
		goto fail_errno;
	cargv = calloc((size_t)argc + 4, sizeof(char *));
	/* Created suspended: the child waits for a byte on this pipe before
	 * any of its code runs (rt_k32_resume_wait); ResumeThread of its
	 * primary thread sends it. */
	if ((flags & CREATE_SUSPENDED) && pipe2(resume, O_CLOEXEC) != 0)
		goto fail_errno;
	env = child_env(envblock, (flags & CREATE_UNICODE_ENVIRONMENT) != 0,
			cmdline, codepipe[1], resume[0], &ci);
	dir = cwd ? rt_unix_path(cwd) : 0;
	if (!cargv || !env || (cwd && !dir)) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		goto fail;
	}
	cargv[0] = "dllshare";
	cargv[1] = "run";
	cargv[2] = prog;
	for (int i = 1; i < argc; i++)
		cargv[i + 2] = argv[i];
	po = rt_object_new(RT_H_PROCESS);
	to = rt_object_new(RT_H_THREAD);
	if (!po || !to || pipe2(errpipe, O_CLOEXEC) != 0) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		goto fail;
	}
	pid = fork();
	if (pid == 0)
		child_exec(self, cargv, env, &ci, codepipe[1], resume[0], dir,
			   flags, errpipe[1]);
	close(errpipe[1]);
	if (pid < 0) {
		close(errpipe[0]);
		goto fail_errno;
	}
	if (read(errpipe[0], &child_errno, sizeof(child_errno)) > 0) {
		close(errpipe[0]);
		waitpid(pid, 0, 0);
		rt_set_last_error(rt_win32_error(child_errno));
		goto fail;
	}
	close(errpipe[0]);
	close(codepipe[1]);
	po->fd = codepipe[0];
	po->pid = pid;
	po->exit_code = STILL_ACTIVE;
	to->tid = (DWORD)pid;
	to->signaled = 0;
	/* The primary thread ends with the process; created suspended, it
	 * holds the pipe that starts it. */
	to->process = po;
	rt_object_get(po);
	if (resume[0] >= 0) {
		close(resume[0]);
		to->fd = resume[1];
		to->count = 1;
		resume[0] = resume[1] = -1;
	}
	pi->dwProcessId = (DWORD)pid;
	pi->dwThreadId = (DWORD)pid;
	pi->hProcess = rt_handle_new_flags(po, rt_k32_sa_flags(psa));
	pi->hThread = rt_handle_new_flags(to, rt_k32_sa_flags(tsa));
	ok = TRUE;
	goto out;
fail_errno:
	rt_set_last_error(rt_win32_error(errno));
fail:
	if (codepipe[0] >= 0) {
		close(codepipe[0]);
		close(codepipe[1]);
	}
	if (resume[0] >= 0) {
		close(resume[0]);
		close(resume[1]);
	}
	if (po)
		rt_object_put(po);
	if (to)
		rt_object_put(to);
out:
	rt_k32_inherit_release(&ci);
	free(prog);
	free(argv);
	free(cargv);
	free(dir);
	free_strv(env);
	return ok;
}

BOOL WINAPI w32_CreateProcessA(LPCSTR app, LPSTR cmd,
			       const SECURITY_ATTRIBUTES *psa,
			       const SECURITY_ATTRIBUTES *tsa,
			       BOOL inherit, DWORD flags, void *envblock,
			       LPCSTR cwd, STARTUPINFOA *si,
			       PROCESS_INFORMATION *pi)
{
	return create("CreateProcessA", app, cmd, psa, tsa, inherit, flags,
		      envblock, cwd, si, pi);
}

/* STARTUPINFOW has STARTUPINFOA's layout, and no string of it is read. */
BOOL WINAPI w32_CreateProcessW(LPCWSTR app, LPWSTR cmd,
			       const SECURITY_ATTRIBUTES *psa,
			       const SECURITY_ATTRIBUTES *tsa,
			       BOOL inherit, DWORD flags, void *envblock,
			       LPCWSTR cwd, STARTUPINFOA *si,
			       PROCESS_INFORMATION *pi)
{
	char *a = rt_utf8_dup(app), *c = rt_utf8_dup(cmd),
	     *d = rt_utf8_dup(cwd);
	BOOL r = create("CreateProcessW", a, c, psa, tsa, inherit, flags,
			envblock, d, si, pi);

	free(a);
	free(c);
	free(d);
	return r;
}

/* A child created suspended (CREATE_SUSPENDED) waits here, at kernel32's
 * process attach, before any of its code runs, for its parent's
 * ResumeThread: a byte on the pipe DLLSHARE_RESUME_FD names.  A parent
 * that ends first closes the pipe, and the child starts then. */
void rt_k32_resume_wait(void)
{
	const char *v = getenv("DLLSHARE_RESUME_FD");
	char c;
	int fd;

	if (!v)
		return;
	fd = atoi(v);
	unsetenv("DLLSHARE_RESUME_FD");
	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
	close(fd);
}
