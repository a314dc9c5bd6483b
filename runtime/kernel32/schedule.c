/*
 * schedule.c — kernel32: scheduling — thread priorities and priority
 * classes, priority boosts, ideal processors, affinity masks, the
 * processor a thread runs on, thread descriptions, and the barrier
 * FlushProcessWriteBuffers.
 *
 * Priorities, classes, boosts and ideal processors are recorded and read
 * back, as Wine does on Linux: the kernel schedules (raising a nice
 * value needs privileges) and Windows promises no particular schedule
 * either.  Affinity is the kernel's own (sched_setaffinity), and a
 * thread's description is also its Linux name (what ps -L shows).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/membarrier.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

#define THREAD_PRIORITY_IDLE	      (-15)
#define THREAD_PRIORITY_TIME_CRITICAL 15
#define THREAD_PRIORITY_ERROR_RETURN  0x7fffffff
#define MAXIMUM_PROCESSORS	      64

#define IDLE_PRIORITY_CLASS	    0x40
#define BELOW_NORMAL_PRIORITY_CLASS 0x4000
#define NORMAL_PRIORITY_CLASS	    0x20
#define ABOVE_NORMAL_PRIORITY_CLASS 0x8000
#define HIGH_PRIORITY_CLASS	    0x80
#define REALTIME_PRIORITY_CLASS	    0x100

/* ---- thread priorities ---------------------------------------------------- */

int WINAPI w32_GetThreadPriority(HANDLE h)
{
	struct rt_object *o = rt_k32_thread_object(h);
	int prio;

	if (!o)
		return THREAD_PRIORITY_ERROR_RETURN;
	prio = o->priority;
	rt_object_put(o);
	return prio;
}

/* SetThreadPriority: -2..2, THREAD_PRIORITY_IDLE or _TIME_CRITICAL;
 * another value is ERROR_INVALID_PARAMETER. */
BOOL WINAPI w32_SetThreadPriority(HANDLE h, int prio)
{
	struct rt_object *o;

	if ((prio < -2 || prio > 2) && prio != THREAD_PRIORITY_IDLE &&
	    prio != THREAD_PRIORITY_TIME_CRITICAL) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	o = rt_k32_thread_object(h);
	if (!o)
		return FALSE;
	o->priority = prio;
	rt_object_put(o);
	return TRUE;
}

/* ---- priority classes ----------------------------------------------------- */

static int self_class = NORMAL_PRIORITY_CLASS;

/* The object of process handle h, or NULL for this process (the pseudo
 * handle, or a handle of its own pid); *bad set for no process handle. */
static struct rt_object *process_object(HANDLE h, int *bad)
{
	struct rt_object *o;

	*bad = 0;
	if (h == PSEUDO_PROCESS)
		return 0;
	o = rt_handle_get(h, RT_H_PROCESS);
	if (!o) {
		*bad = 1;
		return 0;
	}
	if (o->pid == getpid()) {
		rt_object_put(o);
		return 0;
	}
	return o;
}

/* GetPriorityClass: the class SetPriorityClass gave the process, else
 * NORMAL_PRIORITY_CLASS; 0 for a handle that is no process. */
DWORD WINAPI w32_GetPriorityClass(HANDLE h)
{
	int bad, cls;
	struct rt_object *o = process_object(h, &bad);

	if (bad)
		return 0;
	if (!o)
		return (DWORD)__atomic_load_n(&self_class, __ATOMIC_SEQ_CST);
	cls = o->priority ? o->priority : NORMAL_PRIORITY_CLASS;
	rt_object_put(o);
	return (DWORD)cls;
}

/* SetPriorityClass: one of the six classes (another value, or several:
 * ERROR_INVALID_PARAMETER). */
BOOL WINAPI w32_SetPriorityClass(HANDLE h, DWORD cls)
{
	struct rt_object *o;
	int bad;

	switch (cls) {
	case IDLE_PRIORITY_CLASS:
	case BELOW_NORMAL_PRIORITY_CLASS:
	case NORMAL_PRIORITY_CLASS:
	case ABOVE_NORMAL_PRIORITY_CLASS:
	case HIGH_PRIORITY_CLASS:
	case REALTIME_PRIORITY_CLASS:
		break;
	default:
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	o = process_object(h, &bad);
	if (bad)
		return FALSE;
	if (!o) {
		__atomic_store_n(&self_class, (int)cls, __ATOMIC_SEQ_CST);
		return TRUE;
	}
	o->priority = (int)cls;
	rt_object_put(o);
	return TRUE;
}

/* ---- priority boosts ------------------------------------------------------ */

/* Windows raises a thread's priority for a while after a wait ends;
 * disabling that is recorded (Linux's scheduler has no such boost to
 * turn off). */
BOOL WINAPI w32_GetThreadPriorityBoost(HANDLE h, BOOL *off)
{
	struct rt_object *o = rt_k32_thread_object(h);

	if (!o)
		return FALSE;
	*off = o->boost_off;
	rt_object_put(o);
	return TRUE;
}

BOOL WINAPI w32_SetThreadPriorityBoost(HANDLE h, BOOL off)
{
	struct rt_object *o = rt_k32_thread_object(h);

	if (!o)
		return FALSE;
	o->boost_off = off != 0;
	rt_object_put(o);
	return TRUE;
}

static int self_boost_off;

BOOL WINAPI w32_GetProcessPriorityBoost(HANDLE h, BOOL *off)
{
	int bad;
	struct rt_object *o = process_object(h, &bad);

	if (bad)
		return FALSE;
	*off = o ? o->boost_off : __atomic_load_n(&self_boost_off,
						  __ATOMIC_SEQ_CST);
	if (o)
		rt_object_put(o);
	return TRUE;
}

BOOL WINAPI w32_SetProcessPriorityBoost(HANDLE h, BOOL off)
{
	int bad;
	struct rt_object *o = process_object(h, &bad);

	if (bad)
		return FALSE;
	if (o) {
		o->boost_off = off != 0;
		rt_object_put(o);
	} else {
		__atomic_store_n(&self_boost_off, off != 0, __ATOMIC_SEQ_CST);
	}
	return TRUE;
}

/* ---- processors ----------------------------------------------------------- */

static DWORD processors(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);

	return n > 0 ? (DWORD)(n > MAXIMUM_PROCESSORS ? MAXIMUM_PROCESSORS : n)
		     : 1;
}

/* SetThreadIdealProcessor: records the processor the thread prefers (a
 * hint) and returns the one before; MAXIMUM_PROCESSORS only asks; a
 * processor the machine does not have is (DWORD)-1 with
 * ERROR_INVALID_PARAMETER. */
DWORD WINAPI w32_SetThreadIdealProcessor(HANDLE h, DWORD proc)
{
	struct rt_object *o;
	DWORD old;

	if (proc > MAXIMUM_PROCESSORS ||
	    (proc != MAXIMUM_PROCESSORS && proc >= processors())) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return (DWORD)-1;
	}
	o = rt_k32_thread_object(h);
	if (!o)
		return (DWORD)-1;
	old = o->ideal;
	if (proc != MAXIMUM_PROCESSORS)
		o->ideal = proc;
	rt_object_put(o);
	return old;
}

static ULONG_PTR mask_of(const cpu_set_t *set)
{
	ULONG_PTR m = 0;

	for (int i = 0; i < MAXIMUM_PROCESSORS; i++)
		if (CPU_ISSET(i, set))
			m |= 1ull << i;
	return m;
}

static void set_of(ULONG_PTR mask, cpu_set_t *set)
{
	CPU_ZERO(set);
	for (int i = 0; i < MAXIMUM_PROCESSORS; i++)
		if (mask >> i & 1)
			CPU_SET(i, set);
}

/* The system mask is the CPUs this process may use (a cgroup or taskset
 * limits what Windows would call the system). */
BOOL WINAPI w32_GetProcessAffinityMask(HANDLE h, ULONG_PTR *pmask,
				       ULONG_PTR *smask)
{
	cpu_set_t set;
	pid_t pid = rt_k32_handle_pid(h);

	if (pid < 0)
		return FALSE;
	if (sched_getaffinity(pid, sizeof(set), &set) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	*pmask = mask_of(&set);
	*smask = *pmask;
	return TRUE;
}

BOOL WINAPI w32_SetProcessAffinityMask(HANDLE h, ULONG_PTR mask)
{
	cpu_set_t set;
	pid_t pid = rt_k32_handle_pid(h);

	if (pid < 0)
		return FALSE;
	set_of(mask, &set);
	if (sched_setaffinity(pid, sizeof(set), &set) != 0) {
		rt_set_last_error(errno == EPERM ? ERROR_ACCESS_DENIED
						 : ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return TRUE;
}

/* SetThreadAffinityMask: the thread runs on the processors of mask, which
 * must be some of the process's (else 0, ERROR_INVALID_PARAMETER); the
 * mask before, or 0 with the last error. */
DWORD_PTR WINAPI w32_SetThreadAffinityMask(HANDLE h, DWORD_PTR mask)
{
	struct rt_object *o;
	cpu_set_t set, proc;
	DWORD_PTR old = 0;
	pid_t tid;

	if (sched_getaffinity(0, sizeof(proc), &proc) != 0)
		CPU_ZERO(&proc);
	if (!mask || (mask & ~mask_of(&proc))) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	o = rt_k32_thread_object(h);
	if (!o)
		return 0;
	tid = (pid_t)o->tid;
	rt_object_put(o);
	if (sched_getaffinity(tid, sizeof(set), &set) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return 0;
	}
	old = mask_of(&set);
	set_of(mask, &set);
	if (sched_setaffinity(tid, sizeof(set), &set) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return 0;
	}
	return old;
}

/* GetCurrentProcessorNumber: the CPU the calling thread runs on now. */
DWORD WINAPI w32_GetCurrentProcessorNumber(void)
{
	int cpu = sched_getcpu();

	return cpu < 0 ? 0 : (DWORD)cpu;
}

/* FlushProcessWriteBuffers: every thread of the process sees the writes
 * made before the call.  membarrier's private expedited command does it
 * (registered once); without it, changing a page's protection makes the
 * kernel interrupt every CPU that runs one of the process's threads,
 * which is the same barrier. */
void WINAPI w32_FlushProcessWriteBuffers(void)
{
	static int state; /* 0 unknown, 1 membarrier, 2 mprotect */
	static char *page;
	int st = __atomic_load_n(&state, __ATOMIC_ACQUIRE);

	if (!st) {
		st = syscall(SYS_membarrier,
			     MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0,
			     0) == 0 ? 1 : 2;
		if (st == 2)
			page = mmap(0, 4096, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		__atomic_store_n(&state, st, __ATOMIC_RELEASE);
	}
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (st == 1 &&
	    syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) == 0)
		return;
	if (page && page != MAP_FAILED) {
		page[0] = 1; /* resident, so the protection change flushes */
		mprotect(page, 4096, PROT_READ);
		mprotect(page, 4096, PROT_READ | PROT_WRITE);
	}
}

/* ---- descriptions --------------------------------------------------------- */

#define S_OK	  0
#define E_OUTOFMEMORY 0x8007000eu
#define HRESULT_FROM_WIN32(e) ((HRESULT)(0x80070000u | (e)))

/* The thread's Linux name: the description's first 15 bytes of UTF-8,
 * cut at a character's start. */
static void set_comm(pid_t tid, const WCHAR *d)
{
	char *u = rt_utf8_dup(d), path[64];
	size_t n;
	int fd;

	if (!u)
		return;
	n = strlen(u);
	if (n > 15)
		for (n = 15; n && ((unsigned char)u[n] & 0xc0) == 0x80; n--)
			;
	snprintf(path, sizeof(path), "/proc/self/task/%d/comm", (int)tid);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		/* A name is a courtesy to ps, not part of the call. */
		ssize_t r = write(fd, u, n);

		(void)r;
		close(fd);
	}
	free(u);
}

/* SetThreadDescription: the thread's description (a copy), S_OK, or an
 * HRESULT of the error. */
HRESULT WINAPI w32_SetThreadDescription(HANDLE h, LPCWSTR d)
{
	struct rt_object *o;
	WCHAR *copy = 0;
	size_t n;

	if (!d)
		return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
	n = rt_wcslen(d);
	copy = malloc((n + 1) * sizeof(WCHAR));
	if (!copy)
		return (HRESULT)E_OUTOFMEMORY;
	memcpy(copy, d, (n + 1) * sizeof(WCHAR));
	o = rt_k32_thread_object(h);
	if (!o) {
		free(copy);
		return HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE);
	}
	pthread_mutex_lock(&rt_wait_lock);
	free(o->description);
	o->description = copy;
	pthread_mutex_unlock(&rt_wait_lock);
	if (o->tid)
		set_comm((pid_t)o->tid, copy);
	rt_object_put(o);
	return S_OK;
}

/* GetThreadDescription: a LocalAlloc'd copy of the description ("" for
 * a thread without one) in *out, for LocalFree. */
HRESULT WINAPI w32_GetThreadDescription(HANDLE h, LPWSTR *out)
{
	struct rt_object *o = rt_k32_thread_object(h);
	WCHAR *copy;
	size_t n;

	*out = 0;
	if (!o)
		return HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE);
	pthread_mutex_lock(&rt_wait_lock);
	n = o->description ? rt_wcslen(o->description) : 0;
	copy = w32_LocalAlloc(0, (n + 1) * sizeof(WCHAR));
	if (copy) {
		if (n)
			memcpy(copy, o->description, n * sizeof(WCHAR));
		copy[n] = 0;
	}
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	if (!copy)
		return (HRESULT)E_OUTOFMEMORY;
	*out = copy;
	return S_OK;
}
