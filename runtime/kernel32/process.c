/*
 * k32_proc.c — kernel32: threads, waiting, time, system information.
 *
 * Windows threads are pthreads that get a TEB (teb.c) before running any
 * Windows code.  Waitable objects (threads, processes, events, mutexes)
 * share one lock and condition variable: every state change broadcasts,
 * every waiter re-checks its objects.  Simple, and enough for the
 * handfuls of threads Windows console programs start.
 */
#include <errno.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runtime/kernel32/kernel32.h"

#define PSEUDO_PROCESS	 ((HANDLE)(intptr_t)-1)
#define PSEUDO_THREAD	 ((HANDLE)(intptr_t)-2)
#define CREATE_SUSPENDED 0x4
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x10000


struct thread_start {
	thread_fn fn;
	void *arg;
	size_t reserve, commit; /* its Windows stack */
	struct rt_object *obj;
	int suspended;
};


static __thread jmp_buf *exit_jmp;
static __thread struct rt_object *self_obj;

/* The loader's per-thread work (TLS blocks, DLL_THREAD_ATTACH/DETACH,
 * DLL_PROCESS_DETACH), when it is linked in. */

static void *thread_main(void *p)
{
	struct thread_start st = *(struct thread_start *)p;
	jmp_buf jb;
	DWORD code;

	free(p);
	if (rt_thread_init() < 0)
		abort(); /* no TEB, no Windows code: nothing else to do */
	rt_teb()->ClientIdThread = rt_tid();
	self_obj = st.obj;
	pthread_mutex_lock(&rt_wait_lock);
	st.obj->tid = rt_tid(); /* CreateThread waits for it */
	pthread_cond_broadcast(&rt_wait_cond);
	while (st.obj->count) /* CREATE_SUSPENDED: ResumeThread clears */
		pthread_cond_wait(&rt_wait_cond, &rt_wait_lock);
	pthread_mutex_unlock(&rt_wait_lock);
	if (ld_thread_attach() < 0)
		abort(); /* the loader printed why; no Windows code ran */
	exit_jmp = &jb;
	if (setjmp(jb) == 0) {
		code = rt_stack_run(st.fn, st.arg, st.reserve, st.commit);
	} else {
		code = st.obj->exit_code;
		rt_stack_run_cleanup(); /* ExitThread left its stack */
	}
	exit_jmp = 0;
	ld_thread_detach();
	pthread_mutex_lock(&rt_wait_lock);
	st.obj->exit_code = code;
	st.obj->signaled = 1;
	pthread_cond_broadcast(&rt_wait_cond);
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(st.obj);
	rt_thread_fini();
	return 0;
}

HANDLE WINAPI w32_CreateThread(void *sa, SIZE_T stack, thread_fn fn, void *arg,
			       DWORD flags, DWORD *tid)
{
	struct thread_start *st = malloc(sizeof(*st));
	struct rt_object *o = rt_object_new(RT_H_THREAD);
	pthread_attr_t attr;
	pthread_t th;
	HANDLE h;

	if (!st || !o)
		goto fail;
	o->exit_code = STILL_ACTIVE;
	o->count = (flags & CREATE_SUSPENDED) != 0;
	o->refs = 2; /* the handle and the thread */
	st->fn = fn;
	st->arg = arg;
	/* dwStackSize is what to commit, or with STACK_SIZE_PARAM_IS_A_
	 * RESERVATION what to reserve; 0 takes the EXE's sizes.  A commit
	 * at or above the reservation becomes the reservation, and
	 * reservations are whole MiB, as on Windows. */
	rt_exe_stack_sizes(&st->reserve, &st->commit);
	if (stack && (flags & STACK_SIZE_PARAM_IS_A_RESERVATION))
		st->reserve = stack;
	else if (stack)
		st->commit = stack;
	if (st->commit >= st->reserve)
		st->reserve = st->commit;
	st->reserve = (st->reserve + (1u << 20) - 1) & ~(size_t)((1u << 20) - 1);
	st->obj = o;
	h = rt_handle_new(o); /* on failure drops the handle's reference */
	if (!h)
		goto fail;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	/* The pthread's own stack runs dllshare's part of the thread (and
	 * DllMain's thread attach); the thread procedure runs on the
	 * Windows stack above. */
	pthread_attr_setstacksize(&attr, 1 << 20);
	if (pthread_create(&th, &attr, thread_main, st) != 0) {
		pthread_attr_destroy(&attr);
		o->refs = 1;
		rt_handle_close(h);
		free(st);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	pthread_attr_destroy(&attr);
	/* The thread id must be known when CreateThread returns. */
	pthread_mutex_lock(&rt_wait_lock);
	while (!o->tid)
		pthread_cond_wait(&rt_wait_cond, &rt_wait_lock);
	pthread_mutex_unlock(&rt_wait_lock);
	if (tid)
		*tid = o->tid;
	return h;
fail:
	free(st);
	if (o)
		rt_object_put(o);
	rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return 0;
}

/* Ends the thread by unwinding to thread_main (pthread_exit would try to
 * unwind through Windows frames, which have no DWARF unwind tables). */
void WINAPI w32_ExitThread(DWORD code)
{
	if (exit_jmp && self_obj) {
		self_obj->exit_code = code;
		longjmp(*exit_jmp, 1);
	}
	/* The main thread: the process ends with its code. */
	w32_ExitProcess(code);
}

DWORD WINAPI w32_ResumeThread(HANDLE h)
{
	struct rt_object *o = rt_handle_get(h, RT_H_THREAD);
	DWORD prev;

	if (!o)
		return (DWORD)-1;
	pthread_mutex_lock(&rt_wait_lock);
	prev = (DWORD)o->count;
	if (o->count)
		o->count--;
	pthread_cond_broadcast(&rt_wait_cond);
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	return prev;
}

BOOL WINAPI w32_GetExitCodeThread(HANDLE h, DWORD *code)
{
	struct rt_object *o = rt_handle_get(h, RT_H_THREAD);

	if (!o)
		return FALSE;
	pthread_mutex_lock(&rt_wait_lock);
	*code = o->signaled ? o->exit_code : STILL_ACTIVE;
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	return TRUE;
}

/* Collects a child's exit status if it has ended; rt_wait_lock held. */
static void poll_process(struct rt_object *o)
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

/* Is o signalled for the calling thread?  rt_wait_lock held. */
static int is_signaled(struct rt_object *o, DWORD me)
{
	switch (o->type) {
	case RT_H_PROCESS: poll_process(o); return o->signaled;
	case RT_H_MUTEX: return o->count == 0 || o->tid == me;
	case RT_H_SEMAPHORE: return o->count > 0;
	default: return o->signaled;
	}
}

/* A successful wait's side effect: auto-reset events reset, mutexes are
 * taken.  rt_wait_lock held. */
static void consume(struct rt_object *o, DWORD me)
{
	if (o->type == RT_H_EVENT && !o->manual_reset)
		o->signaled = 0;
	if (o->type == RT_H_MUTEX) {
		o->tid = me;
		o->count++;
	}
	if (o->type == RT_H_SEMAPHORE)
		o->count--;
}

static DWORD wait_objects(struct rt_object **objs, DWORD n, BOOL all, DWORD ms)
{
	struct timespec deadline;
	DWORD me = rt_tid(), ret = WAIT_TIMEOUT;
	int has_process = 0;

	for (DWORD i = 0; i < n; i++)
		has_process |= objs[i]->type == RT_H_PROCESS;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += ms / 1000;
	deadline.tv_nsec += (long)(ms % 1000) * 1000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&rt_wait_lock);
	for (;;) {
		DWORD ready = 0, first = n;
		struct timespec now, until;

		for (DWORD i = 0; i < n; i++) {
			if (is_signaled(objs[i], me)) {
				ready++;
				if (first == n)
					first = i;
			}
		}
		if (all ? ready == n : ready > 0) {
			if (all) {
				for (DWORD i = 0; i < n; i++)
					consume(objs[i], me);
				ret = WAIT_OBJECT_0;
			} else {
				consume(objs[first], me);
				ret = WAIT_OBJECT_0 + first;
			}
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (ms != INFINITE &&
		    (now.tv_sec > deadline.tv_sec ||
		     (now.tv_sec == deadline.tv_sec &&
		      now.tv_nsec >= deadline.tv_nsec)))
			break;
		/* A child's exit does not broadcast: look again soon. */
		until = now;
		until.tv_sec += 1;
		if (has_process) {
			until = now;
			until.tv_nsec += 2000000;
			if (until.tv_nsec >= 1000000000) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000;
			}
		}
		if (ms != INFINITE &&
		    (until.tv_sec > deadline.tv_sec ||
		     (until.tv_sec == deadline.tv_sec &&
		      until.tv_nsec > deadline.tv_nsec)))
			until = deadline;
		pthread_cond_timedwait(&rt_wait_cond, &rt_wait_lock, &until);
	}
	pthread_mutex_unlock(&rt_wait_lock);
	return ret;
}

DWORD WINAPI w32_WaitForMultipleObjects(DWORD n, const HANDLE *hs, BOOL all,
					DWORD ms)
{
	struct rt_object *objs[64];
	DWORD ret;

	if (n == 0 || n > 64) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return WAIT_FAILED;
	}
	for (DWORD i = 0; i < n; i++) {
		objs[i] = rt_handle_get(hs[i], 0);
		if (!objs[i] || objs[i]->type == RT_H_FILE ||
		    objs[i]->type == RT_H_HEAP) {
			if (objs[i])
				rt_object_put(objs[i]);
			while (i--)
				rt_object_put(objs[i]);
			rt_set_last_error(ERROR_INVALID_HANDLE);
			return WAIT_FAILED;
		}
	}
	ret = wait_objects(objs, n, all, ms);
	for (DWORD i = 0; i < n; i++)
		rt_object_put(objs[i]);
	return ret;
}

DWORD WINAPI w32_WaitForSingleObject(HANDLE h, DWORD ms)
{
	return w32_WaitForMultipleObjects(1, &h, FALSE, ms);
}

DWORD WINAPI w32_WaitForSingleObjectEx(HANDLE h, DWORD ms, BOOL alertable)
{
	return w32_WaitForMultipleObjects(1, &h, FALSE, ms);
}

BOOL WINAPI w32_CloseHandle(HANDLE h)
{
	if (h == PSEUDO_PROCESS || h == PSEUDO_THREAD)
		return TRUE;
	return rt_handle_close(h) == 0;
}

/* A real handle's object for the calling thread (DuplicateHandle of the
 * GetCurrentThread pseudo-handle): its own object for threads made by
 * CreateThread, a fresh one for the main thread. */
struct rt_object *rt_current_thread_object(void)
{
	struct rt_object *o = self_obj;

	if (o) {
		rt_object_get(o);
		return o;
	}
	o = rt_object_new(RT_H_THREAD);
	if (o) {
		o->tid = w32_GetCurrentThreadId();
		o->exit_code = STILL_ACTIVE;
	}
	return o;
}

HANDLE WINAPI w32_GetCurrentProcess(void)
{
	return PSEUDO_PROCESS;
}

HANDLE WINAPI w32_GetCurrentThread(void)
{
	return PSEUDO_THREAD;
}

DWORD WINAPI w32_GetCurrentProcessId(void)
{
	return (DWORD)getpid();
}

DWORD WINAPI w32_GetCurrentThreadId(void)
{
	struct rt_teb *t = rt_teb();

	return t ? (DWORD)t->ClientIdThread : rt_tid();
}

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
	poll_process(o);
	if (!o->signaled) {
		kill(o->pid, SIGKILL);
		waitpid(o->pid, 0, 0);
		o->exit_code = code;
		o->signaled = 1;
		pthread_cond_broadcast(&rt_wait_cond);
	}
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	return TRUE;
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
	poll_process(o);
	*code = o->signaled ? o->exit_code : STILL_ACTIVE;
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	return TRUE;
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

void WINAPI w32_Sleep(DWORD ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};

	if (ms == 0) {
		sched_yield();
		return;
	}
	if (ms == INFINITE)
		for (;;)
			pause();
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

DWORD WINAPI w32_SleepEx(DWORD ms, BOOL alertable)
{
	w32_Sleep(ms);
	return 0;
}

BOOL WINAPI w32_SwitchToThread(void)
{
	sched_yield();
	return TRUE;
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

DWORD WINAPI w32_GetTickCount(void)
{
	return (DWORD)(mono_ns() / 1000000);
}

ULONGLONG WINAPI w32_GetTickCount64(void)
{
	return mono_ns() / 1000000;
}

/* 10 MHz, as Wine reports. */
BOOL WINAPI w32_QueryPerformanceFrequency(LARGE_INTEGER *f)
{
	*f = 10000000;
	return TRUE;
}

BOOL WINAPI w32_QueryPerformanceCounter(LARGE_INTEGER *c)
{
	*c = (LARGE_INTEGER)(mono_ns() / 100);
	return TRUE;
}

/* FILETIME: 100 ns units since 1601-01-01. */
#define EPOCH_1601 116444736000000000ull

void WINAPI w32_GetSystemTimeAsFileTime(FILETIME *ft)
{
	struct timespec ts;
	uint64_t t;

	clock_gettime(CLOCK_REALTIME, &ts);
	t = EPOCH_1601 + (uint64_t)ts.tv_sec * 10000000u +
		(uint64_t)ts.tv_nsec / 100;
	ft->dwLowDateTime = (DWORD)t;
	ft->dwHighDateTime = (DWORD)(t >> 32);
}

void WINAPI w32_GetSystemTimePreciseAsFileTime(FILETIME *ft)
{
	w32_GetSystemTimeAsFileTime(ft);
}

static void fill_systemtime(SYSTEMTIME *st, int local)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (local)
		localtime_r(&ts.tv_sec, &tm);
	else
		gmtime_r(&ts.tv_sec, &tm);
	st->wYear = (WORD)(tm.tm_year + 1900);
	st->wMonth = (WORD)(tm.tm_mon + 1);
	st->wDayOfWeek = (WORD)tm.tm_wday;
	st->wDay = (WORD)tm.tm_mday;
	st->wHour = (WORD)tm.tm_hour;
	st->wMinute = (WORD)tm.tm_min;
	st->wSecond = (WORD)tm.tm_sec;
	st->wMilliseconds = (WORD)(ts.tv_nsec / 1000000);
}

void WINAPI w32_GetSystemTime(SYSTEMTIME *st)
{
	fill_systemtime(st, 0);
}

void WINAPI w32_GetLocalTime(SYSTEMTIME *st)
{
	fill_systemtime(st, 1);
}

void WINAPI w32_GetSystemInfo(SYSTEM_INFO *si)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	memset(si, 0, sizeof(*si));
	si->wProcessorArchitecture = 9; /* PROCESSOR_ARCHITECTURE_AMD64 */
	si->dwPageSize = 4096;
	si->lpMinimumApplicationAddress = (void *)0x10000;
	si->lpMaximumApplicationAddress = (void *)0x7ffffffeffffull;
	si->dwNumberOfProcessors = n > 0 ? (DWORD)n : 1;
	si->dwActiveProcessorMask = si->dwNumberOfProcessors >= 64
		? ~0ull
		: (1ull << si->dwNumberOfProcessors) - 1;
	si->dwProcessorType = 8664; /* PROCESSOR_AMD_X8664 */
	si->dwAllocationGranularity = 0x10000;
	si->wProcessorLevel = 6;
}

void WINAPI w32_GetNativeSystemInfo(SYSTEM_INFO *si)
{
	w32_GetSystemInfo(si);
}

DWORD WINAPI w32_GetLastError(void)
{
	struct rt_teb *t = rt_teb();

	return t ? t->LastErrorValue : 0;
}

void WINAPI w32_SetLastError(DWORD e)
{
	rt_set_last_error(e);
}

/* Windows 10, build 19045: what Wine reports by default. */
DWORD WINAPI w32_GetVersion(void)
{
	return 10u | 0u << 8 | 19045u << 16;
}


BOOL WINAPI w32_GetVersionExA(OSVERSIONINFOA *vi)
{
	/* Without a manifest Windows reports 6.2 (Windows 8) here. */
	vi->dwMajorVersion = 6;
	vi->dwMinorVersion = 2;
	vi->dwBuildNumber = 9200;
	vi->dwPlatformId = 2; /* VER_PLATFORM_WIN32_NT */
	vi->szCSDVersion[0] = 0;
	return TRUE;
}

BOOL WINAPI w32_IsProcessorFeaturePresent(DWORD feature)
{
	/* SSE, SSE2, SSE3, CMPXCHG16B, RDTSC, NX: every x86-64 Linux box. */
	switch (feature) {
	case 1:
	case 3:
	case 6:
	case 8:
	case 10:
	case 12:
	case 13:
	case 17: return TRUE;
	default: return FALSE;
	}
}

BOOL WINAPI w32_IsDebuggerPresent(void)
{
	return FALSE;
}

void *rt_unhandled_filter;

void *WINAPI w32_SetUnhandledExceptionFilter(void *filter)
{
	return __atomic_exchange_n(&rt_unhandled_filter, filter,
				   __ATOMIC_SEQ_CST);
}

LONG WINAPI w32_UnhandledExceptionFilter(void *info)
{
	return 0; /* EXCEPTION_CONTINUE_SEARCH */
}

void WINAPI w32_GetStartupInfoA(STARTUPINFOA *si)
{
	memset(si, 0, sizeof(*si));
	si->cb = sizeof(*si);
	si->hStdInput = rt_std_handle(0);
	si->hStdOutput = rt_std_handle(1);
	si->hStdError = rt_std_handle(2);
}

void WINAPI w32_GetStartupInfoW(STARTUPINFOA *si)
{
	w32_GetStartupInfoA(si);
}

