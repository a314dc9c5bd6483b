/*
 * process.c — kernel32: processes — the current process (its id and
 * pseudo-handle, ExitProcess, its times, affinity and startup info) and
 * handles on others (OpenProcess, exit codes, TerminateProcess).
 *
 * A child process is a Linux child (spawn.c starts it).  Its end is
 * collected with waitid when someone asks (rt_k32_poll_process: waits,
 * exit codes), and its full 32-bit exit code arrives on a pipe, Linux
 * exit statuses having 8 bits.  Its times are the kernel's: read from
 * /proc while it runs, and kept from the collection (its rusage) once it
 * ended.  The times of a process that is not a child, once it ended, are
 * gone on Linux: that call is refused (RT_PARTIAL in exports.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

HANDLE WINAPI w32_GetCurrentProcess(void)
{
	return PSEUDO_PROCESS;
}

DWORD WINAPI w32_GetCurrentProcessId(void)
{
	return (DWORD)getpid();
}

/* The process handle h for a query: NULL with ERROR_ACCESS_DENIED when h
 * does not grant PROCESS_QUERY_LIMITED_INFORMATION (which
 * PROCESS_QUERY_INFORMATION implies). */
static struct rt_object *queried(HANDLE h)
{
	return rt_handle_get_access(h, RT_H_PROCESS,
				    PROCESS_QUERY_LIMITED_INFORMATION);
}

DWORD WINAPI w32_GetProcessId(HANDLE h)
{
	struct rt_object *o;
	DWORD pid;

	if (h == PSEUDO_PROCESS)
		return (DWORD)getpid();
	o = queried(h);
	if (!o)
		return 0;
	pid = (DWORD)o->pid;
	rt_object_put(o);
	return pid;
}

/* A handle on a process by id: waitable when it is our child.  It grants
 * access (granted whole: no process has a security descriptor here):
 * waiting needs SYNCHRONIZE, TerminateProcess PROCESS_TERMINATE, the
 * queries PROCESS_QUERY_LIMITED_INFORMATION.  inherit makes the handle
 * inheritable (a child cannot use a process handle here: CreateProcess
 * refuses to pass one, inherit.c). */
HANDLE WINAPI w32_OpenProcess(DWORD access, BOOL inherit, DWORD pid)
{
	struct rt_object *o;

	if (pid == 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	o = rt_object_new(RT_H_PROCESS);
	if (!o) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	o->pid = (pid_t)pid;
	o->exit_code = STILL_ACTIVE;
	return rt_handle_new_access(o, inherit ? HANDLE_FLAG_INHERIT : 0,
				    access);
}

/* ---- the program a process runs ----------------------------------------- */

/* The Linux path of what process pid runs: for a dllshare process (its
 * command line "dllshare run [--trace] PROGRAM ...", as CreateProcess
 * and the shell start one) the Windows program, made absolute from the
 * process's directory; for another, its Linux executable.  malloc'd, or
 * NULL with the last error. */
static char *image_of_pid(pid_t pid)
{
	char path[64], buf[8192], *args[4] = {0}, *r = 0;
	ssize_t n;
	int fd, na = 0;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n <= 0) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	buf[n] = 0;
	for (char *p = buf; p < buf + n && na < 4; p += strlen(p) + 1)
		args[na++] = p;
	if (na >= 3 && strstr(args[0], "dllshare") && !strcmp(args[1], "run")) {
		const char *prog = strcmp(args[2], "--trace") ? args[2] : args[3];

		if (prog && prog[0] == '/') {
			r = strdup(prog);
		} else if (prog) {
			char cwd[4096];

			snprintf(path, sizeof(path), "/proc/%d/cwd", (int)pid);
			n = readlink(path, cwd, sizeof(cwd) - 1);
			if (n > 0) {
				cwd[n] = 0;
				if (asprintf(&r, "%s/%s", cwd, prog) < 0)
					r = 0;
			}
		}
	} else {
		char exe[4096];

		snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
		n = readlink(path, exe, sizeof(exe) - 1);
		if (n > 0) {
			exe[n] = 0;
			r = strdup(exe);
		}
	}
	if (!r)
		rt_set_last_error(ERROR_ACCESS_DENIED);
	return r;
}

/* The Windows path of the program process h runs; malloc'd or NULL. */
static char *image_name(const char *fn, HANDLE h, DWORD flags)
{
	struct rt_object *o = 0;
	pid_t pid = rt_k32_handle_pid(h);
	char *u, *w;

	if (pid < 0)
		return 0;
	if (h != PSEUDO_PROCESS && !(o = queried(h)))
		return 0;
	if (o)
		rt_object_put(o);
	if (flags & 1) { /* PROCESS_NAME_NATIVE */
		rt_refuse(ERROR_NOT_SUPPORTED, fn,
			  "PROCESS_NAME_NATIVE (no Windows volume devices)");
		return 0;
	}
	if (pid == 0 || pid == getpid())
		return rt_win_path(rt_exe_unix);
	u = image_of_pid(pid);
	w = u ? rt_win_path(u) : 0;
	free(u);
	return w;
}

/* QueryFullProcessImageNameA: the Windows path of process h's program in
 * buf (*size characters; on return its length), ERROR_INSUFFICIENT_BUFFER
 * when it does not fit. */
BOOL WINAPI w32_QueryFullProcessImageNameA(HANDLE h, DWORD flags, LPSTR buf,
					   DWORD *size)
{
	char *w = image_name("QueryFullProcessImageNameA", h, flags);
	size_t n;

	if (!w)
		return FALSE;
	n = strlen(w);
	if (n + 1 > *size) {
		free(w);
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return FALSE;
	}
	memcpy(buf, w, n + 1);
	*size = (DWORD)n;
	free(w);
	return TRUE;
}

BOOL WINAPI w32_QueryFullProcessImageNameW(HANDLE h, DWORD flags, LPWSTR buf,
					   DWORD *size)
{
	char *w = image_name("QueryFullProcessImageNameW", h, flags);
	WCHAR *u = w ? rt_utf16_dup(w) : 0;
	size_t n;
	BOOL ok = FALSE;

	if (w && !u) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	} else if (u) {
		n = rt_wcslen(u);
		if (n + 1 > *size) {
			rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		} else {
			memcpy(buf, u, (n + 1) * sizeof(WCHAR));
			*size = (DWORD)n;
			ok = TRUE;
		}
	}
	free(w);
	free(u);
	return ok;
}

/* ---- ending, exit codes -------------------------------------------------- */

/* Wine's msvcrt flushes and closes the streams when it is detached, so
 * ExitProcess flushes too. */
void WINAPI w32_ExitProcess(UINT code)
{
	ld_process_detach();
	rt_exit_hooks_run();
	rt_report_exit(code);
	exit((int)code);
}

static void note_exit_code(pid_t pid, DWORD code);

BOOL WINAPI w32_TerminateProcess(HANDLE h, UINT code)
{
	struct rt_object *o;

	if (h == PSEUDO_PROCESS) {
		rt_report_exit(code);
		_exit((int)code);
	}
	o = rt_handle_get_access(h, RT_H_PROCESS, PROCESS_TERMINATE);
	if (!o)
		return FALSE;
	if (o->pid == getpid()) { /* a real handle to this process */
		rt_report_exit(code);
		_exit((int)code);
	}
	pthread_mutex_lock(&rt_wait_lock);
	rt_k32_poll_process(o);
	if (!o->signaled) {
		siginfo_t si;

		kill(o->pid, SIGKILL);
		/* Its end awaited, then collected with its times. */
		waitid(P_PID, o->pid, &si, WEXITED | WNOWAIT);
		rt_k32_poll_process(o);
		o->exit_code = code;
		note_exit_code(o->pid, code);
		o->signaled = 1;
		rt_wait_broadcast();
	}
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	return TRUE;
}

/* ---- the times of other processes ---------------------------------------- */

/* A process's times in FILETIME units, and, once it ended, its exit
 * code (every handle on it reports that one). */
struct ptimes {
	pid_t pid;
	uint64_t start, end, kernel, user;
	DWORD code;
};

/* Children that ended, newest last (a ring: a process asks about its
 * own children, seldom about more than this many gone ones). */
#define MAX_ENDED 256
static struct ptimes ended_children[MAX_ENDED] LD_LARGE_BSS;
static unsigned nended;

/* The FILETIME of the system's boot (its realtime less the time since). */
static uint64_t boot_ft(void)
{
	struct timespec rt, bt;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_BOOTTIME, &bt);
	return EPOCH_1601 + (uint64_t)(rt.tv_sec - bt.tv_sec) * 10000000u +
	       (uint64_t)((rt.tv_nsec - bt.tv_nsec) / 100);
}

int rt_k32_stat_times(const char *path, uint64_t *start, uint64_t *kernel,
		      uint64_t *user)
{
	char buf[1024], *p;
	unsigned long long ut, st, ticks;
	uint64_t tick = 10000000u / (uint64_t)sysconf(_SC_CLK_TCK);
	FILE *f;

	if (!(f = fopen(path, "re")))
		return -1;
	p = fgets(buf, sizeof buf, f);
	fclose(f);
	/* After "(comm)": fields 3 on; utime 14, stime 15, starttime 22. */
	if (!p || !(p = strrchr(buf, ')')) ||
	    sscanf(p + 1,
		   " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu "
		   "%*d %*d %*d %*d %*d %*d %llu",
		   &ut, &st, &ticks) != 3)
		return -1;
	*start = boot_ft() + ticks * tick;
	*kernel = st * tick;
	*user = ut * tick;
	return 0;
}

/* The kernel's count for process pid (a zombie too): start, kernel and
 * user time.  0, or -1 when there is no such process. */
static int proc_times(pid_t pid, struct ptimes *t)
{
	char path[40];

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if (rt_k32_stat_times(path, &t->start, &t->kernel, &t->user) < 0)
		return -1;
	t->pid = pid;
	t->end = 0;
	return 0;
}

/* The newest entry of ended_children for pid, or NULL; rt_wait_lock
 * held. */
static struct ptimes *ended_child(pid_t pid)
{
	unsigned n = nended < MAX_ENDED ? nended : MAX_ENDED;

	for (unsigned i = 1; i <= n; i++) {
		struct ptimes *t = &ended_children[(nended - i) % MAX_ENDED];

		if (t->pid == pid)
			return t;
	}
	return NULL;
}

/* A child ended by TerminateProcess: the code it was given is the one
 * every handle reports; rt_wait_lock held. */
static void note_exit_code(pid_t pid, DWORD code)
{
	struct ptimes *t = ended_child(pid);

	if (t)
		t->code = code;
}

/* Collects a child's exit status if it has ended; rt_wait_lock held.
 * Its times are kept: its start while it is a zombie, its CPU times
 * from the collection's rusage. */
void rt_k32_poll_process(struct rt_object *o)
{
	struct ptimes *t;
	struct timespec now;
	struct rusage ru;
	siginfo_t si, reaped;
	DWORD full;

	if (o->signaled || o->pid == getpid())
		return;
	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, o->pid, &si, WEXITED | WNOHANG | WNOWAIT) != 0) {
		/* Not a child, or one another handle collected: it has
		 * ended once it is gone, with the code that handle saw. */
		if (errno == ECHILD && kill(o->pid, 0) != 0 && errno == ESRCH) {
			struct ptimes *t = ended_child(o->pid);

			if (t)
				o->exit_code = t->code;
			o->signaled = 1;
		}
		return;
	}
	if (si.si_pid != o->pid)
		return; /* still running */
	t = &ended_children[nended++ % MAX_ENDED];
	if (proc_times(o->pid, t) < 0)
		memset(t, 0, sizeof *t);
	memset(&ru, 0, sizeof(ru));
	syscall(SYS_waitid, P_PID, o->pid, &reaped, WEXITED | WNOHANG, &ru);
	clock_gettime(CLOCK_REALTIME, &now);
	t->pid = o->pid;
	t->end = EPOCH_1601 + (uint64_t)now.tv_sec * 10000000u +
		 (uint64_t)now.tv_nsec / 100;
	t->kernel = (uint64_t)ru.ru_stime.tv_sec * 10000000u +
		    (uint64_t)ru.ru_stime.tv_usec * 10u;
	t->user = (uint64_t)ru.ru_utime.tv_sec * 10000000u +
		  (uint64_t)ru.ru_utime.tv_usec * 10u;
	if (si.si_code == CLD_EXITED)
		o->exit_code = (DWORD)si.si_status & 0xff;
	else
		o->exit_code = 0xc0000005; /* killed: as a crash */
	/* The child's own 32-bit code, when it could send it. */
	if (o->fd >= 0 &&
	    read(o->fd, &full, sizeof(full)) == (ssize_t)sizeof(full))
		o->exit_code = full;
	t->code = o->exit_code;
	o->signaled = 1;
}

void rt_k32_poll_primary(struct rt_object *t)
{
	rt_k32_poll_process(t->process);
	if (t->process->signaled && !t->signaled) {
		t->exit_code = t->process->exit_code;
		t->signaled = 1;
	}
}

BOOL WINAPI w32_GetExitCodeProcess(HANDLE h, DWORD *code)
{
	struct rt_object *o;

	if (h == PSEUDO_PROCESS) {
		*code = STILL_ACTIVE;
		return TRUE;
	}
	o = queried(h);
	if (!o)
		return FALSE;
	pthread_mutex_lock(&rt_wait_lock);
	rt_k32_poll_process(o);
	*code = o->signaled ? o->exit_code : STILL_ACTIVE;
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	return TRUE;
}

/* IsWow64Process: never (every process here is a 64-bit one), for a
 * process handle that grants a query (else ERROR_ACCESS_DENIED);
 * ERROR_INVALID_HANDLE for another handle. */
BOOL WINAPI w32_IsWow64Process(HANDLE h, BOOL *wow64)
{
	struct rt_object *o;

	if (h != PSEUDO_PROCESS) {
		o = queried(h);
		if (!o)
			return FALSE;
		rt_object_put(o);
	}
	*wow64 = FALSE;
	return TRUE;
}

/* ---- times and affinity -------------------------------------------------- */

static struct timespec proc_start;

__attribute__((constructor)) static void note_start(void)
{
	clock_gettime(CLOCK_REALTIME, &proc_start);
}

static void tv_ft(const struct timeval *tv, FILETIME *ft)
{
	rt_k32_set_ft(ft,
		      (uint64_t)tv->tv_sec * 10000000u +
			      (uint64_t)tv->tv_usec * 10u);
}

/* Another process's times: a child that ended from what its collection
 * kept, a running process from the kernel's count. */
static BOOL other_times(HANDLE h, FILETIME *creation, FILETIME *exit,
			FILETIME *kernel, FILETIME *user)
{
	struct rt_object *o = queried(h);
	struct ptimes t = {0};
	int found = 0;

	if (!o)
		return FALSE;
	pthread_mutex_lock(&rt_wait_lock);
	rt_k32_poll_process(o);
	if (o->signaled) {
		for (unsigned i = nended; i-- > 0 && i + MAX_ENDED >= nended;)
			if (ended_children[i % MAX_ENDED].pid == o->pid) {
				t = ended_children[i % MAX_ENDED];
				found = 1;
				break;
			}
	} else {
		found = proc_times(o->pid, &t) == 0;
	}
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	if (!found)
		return rt_refuse(ERROR_NOT_SUPPORTED, "GetProcessTimes",
				 "the times of a process that ended and was not "
				 "a child");
	rt_k32_set_ft(creation, t.start);
	rt_k32_set_ft(exit, t.end);
	rt_k32_set_ft(kernel, t.kernel);
	rt_k32_set_ft(user, t.user);
	return TRUE;
}

BOOL WINAPI w32_GetProcessTimes(HANDLE h, FILETIME *creation, FILETIME *exit,
				FILETIME *kernel, FILETIME *user)
{
	struct rusage ru;

	if (h != PSEUDO_PROCESS)
		return other_times(h, creation, exit, kernel, user);
	getrusage(RUSAGE_SELF, &ru);
	rt_k32_set_ft(creation,
		      EPOCH_1601 + (uint64_t)proc_start.tv_sec * 10000000u +
			      (uint64_t)proc_start.tv_nsec / 100);
	rt_k32_set_ft(exit, 0);
	tv_ft(&ru.ru_stime, kernel);
	tv_ft(&ru.ru_utime, user);
	return TRUE;
}

pid_t rt_k32_handle_pid(HANDLE h)
{
	struct rt_object *o;
	pid_t pid;

	if (h == PSEUDO_PROCESS)
		return 0;
	o = rt_handle_get(h, RT_H_PROCESS);
	if (!o)
		return -1;
	pid = o->pid;
	rt_object_put(o);
	return pid;
}

/* ---- startup info -------------------------------------------------------- */

/* The standard handles, and the lpReserved2 bytes the parent gave its
 * CreateProcess (a C runtime's descriptor table; inherit.c). */
void WINAPI w32_GetStartupInfoA(STARTUPINFOA *si)
{
	memset(si, 0, sizeof(*si));
	si->cb = sizeof(*si);
	si->lpReserved2 = (BYTE *)rt_k32_reserved2(&si->cbReserved2);
	si->hStdInput = rt_std_handle(0);
	si->hStdOutput = rt_std_handle(1);
	si->hStdError = rt_std_handle(2);
}

void WINAPI w32_GetStartupInfoW(STARTUPINFOA *si)
{
	w32_GetStartupInfoA(si);
}
