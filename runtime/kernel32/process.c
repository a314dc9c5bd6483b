/*
 * process.c — kernel32: processes — the current process (its id and
 * pseudo-handle, ExitProcess, its times, affinity and startup info) and
 * handles on others (OpenProcess, exit codes, TerminateProcess).
 *
 * A child process is a Linux child (spawn.c starts it).  Its end is
 * collected with waitid when someone asks (rt_k32_poll_process: waits,
 * exit codes), and its full 32-bit exit code arrives on a pipe, Linux
 * exit statuses having 8 bits.  Where Linux cannot do what is asked (the
 * times of another process), the call is refused with
 * ERROR_NOT_SUPPORTED rather than pretending (RT_PARTIAL in exports.h).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
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

DWORD WINAPI w32_GetProcessId(HANDLE h)
{
	struct rt_object *o;
	DWORD pid;

	if (h == PSEUDO_PROCESS)
		return (DWORD)getpid();
	o = rt_handle_get(h, RT_H_PROCESS);
	if (!o)
		return 0;
	pid = (DWORD)o->pid;
	rt_object_put(o);
	return pid;
}

/* A handle on a process by id: waitable when it is our child.  Handles
 * carry every access right, so access asks nothing more; inherit makes
 * the handle inheritable (a child cannot use a process handle here:
 * CreateProcess refuses to pass one, inherit.c). */
HANDLE WINAPI w32_OpenProcess(DWORD access, BOOL inherit, DWORD pid)
{
	struct rt_object *o;

	(void)access;
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
	return rt_handle_new_flags(o, inherit ? HANDLE_FLAG_INHERIT : 0);
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

BOOL WINAPI w32_TerminateProcess(HANDLE h, UINT code)
{
	struct rt_object *o;

	if (h == PSEUDO_PROCESS) {
		rt_report_exit(code);
		_exit((int)code);
	}
	o = rt_handle_get(h, RT_H_PROCESS);
	if (!o)
		return FALSE;
	pthread_mutex_lock(&rt_wait_lock);
	rt_k32_poll_process(o);
	if (!o->signaled) {
		kill(o->pid, SIGKILL);
		waitpid(o->pid, 0, 0);
		o->exit_code = code;
		o->signaled = 1;
		rt_wait_broadcast();
	}
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	return TRUE;
}

/* Collects a child's exit status if it has ended; rt_wait_lock held. */
void rt_k32_poll_process(struct rt_object *o)
{
	siginfo_t si;

	if (o->signaled || o->pid == getpid())
		return;
	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, o->pid, &si, WEXITED | WNOHANG) == 0 &&
	    si.si_pid == o->pid) {
		DWORD full;

		if (si.si_code == CLD_EXITED)
			o->exit_code = (DWORD)si.si_status & 0xff;
		else
			o->exit_code = 0xc0000005; /* killed: as a crash */
		/* The child's own 32-bit code, when it could send it. */
		if (o->fd >= 0 &&
		    read(o->fd, &full, sizeof(full)) == (ssize_t)sizeof(full))
			o->exit_code = full;
		o->signaled = 1;
	} else if (errno == ECHILD) {
		o->signaled = 1;
	}
}

BOOL WINAPI w32_GetExitCodeProcess(HANDLE h, DWORD *code)
{
	struct rt_object *o;

	if (h == PSEUDO_PROCESS) {
		*code = STILL_ACTIVE;
		return TRUE;
	}
	o = rt_handle_get(h, RT_H_PROCESS);
	if (!o)
		return FALSE;
	pthread_mutex_lock(&rt_wait_lock);
	rt_k32_poll_process(o);
	*code = o->signaled ? o->exit_code : STILL_ACTIVE;
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
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

BOOL WINAPI w32_GetProcessTimes(HANDLE h, FILETIME *creation, FILETIME *exit,
				FILETIME *kernel, FILETIME *user)
{
	struct rusage ru;

	if (h != PSEUDO_PROCESS)
		return rt_refuse(ERROR_NOT_SUPPORTED, "GetProcessTimes",
				 "another process's times");
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

/* The system mask is the CPUs this process may use (a cgroup or taskset
 * limits what Windows would call the system). */
BOOL WINAPI w32_GetProcessAffinityMask(HANDLE h, ULONG_PTR *pmask,
				       ULONG_PTR *smask)
{
	cpu_set_t set;
	ULONG_PTR m = 0;
	pid_t pid = rt_k32_handle_pid(h);

	if (pid < 0)
		return FALSE;
	if (sched_getaffinity(pid, sizeof(set), &set) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	for (int i = 0; i < 64; i++)
		if (CPU_ISSET(i, &set))
			m |= 1ull << i;
	*pmask = m;
	*smask = m;
	return TRUE;
}

BOOL WINAPI w32_SetProcessAffinityMask(HANDLE h, ULONG_PTR mask)
{
	cpu_set_t set;
	pid_t pid = rt_k32_handle_pid(h);

	if (pid < 0)
		return FALSE;
	CPU_ZERO(&set);
	for (int i = 0; i < 64; i++)
		if (mask >> i & 1)
			CPU_SET(i, &set);
	if (sched_setaffinity(pid, sizeof(set), &set) != 0) {
		rt_set_last_error(errno == EPERM ? ERROR_ACCESS_DENIED
						 : ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return TRUE;
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
