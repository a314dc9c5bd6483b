/*
 * sync.c — kernel32: critical sections, events, mutexes, semaphores and
 * the interlocked operations.
 *
 * A CRITICAL_SECTION lives in the program's memory (often its .data or
 * .bss, a copy-on-write page: the first EnterCriticalSection privatizes
 * it like any other write).  The runtime keeps a futex word in LockCount
 * and the owner's thread id in OwningThread, so a critical section needs
 * no allocation and cannot fail.  Events, mutexes and semaphores are
 * waitable objects behind handles (wait.c waits for them), private to
 * their process: a name, which would share one across processes, is
 * refused (ERROR_NOT_SUPPORTED), as is a security descriptor.
 */
#include <errno.h>
#include <linux/futex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

static void futex_wait(LONG *word, LONG val)
{
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, 0, 0, 0);
}

static void futex_wake(LONG *word)
{
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
}

void WINAPI w32_InitializeCriticalSection(CRITICAL_SECTION *cs)
{
	memset(cs, 0, sizeof(*cs));
}

BOOL WINAPI w32_InitializeCriticalSectionAndSpinCount(CRITICAL_SECTION *cs,
						      DWORD spin)
{
	memset(cs, 0, sizeof(*cs));
	cs->SpinCount = spin;
	return TRUE;
}

/* The flags (CRITICAL_SECTION_NO_DEBUG_INFO and the dynamic-spin ones)
 * are hints about debug information and spinning that change nothing a
 * program can observe (Wine accepts any bit, and so does this). */
BOOL WINAPI w32_InitializeCriticalSectionEx(CRITICAL_SECTION *cs, DWORD spin,
					    DWORD flags)
{
	return w32_InitializeCriticalSectionAndSpinCount(cs, spin);
}

void WINAPI w32_DeleteCriticalSection(CRITICAL_SECTION *cs)
{
	(void)cs;
}

static DWORD self_tid(void)
{
	struct rt_teb *t = rt_teb();

	return t ? (DWORD)t->ClientIdThread : rt_tid();
}

/* The futex mutex of Drepper's "Futexes Are Tricky" (mutex2). */
void WINAPI w32_EnterCriticalSection(CRITICAL_SECTION *cs)
{
	DWORD me = self_tid();
	LONG c = 0;

	if ((DWORD)(uintptr_t)cs->OwningThread == me) {
		cs->RecursionCount++;
		return;
	}
	if (!__atomic_compare_exchange_n(&cs->LockCount, &c, 1, 0,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		if (c != 2)
			c = __atomic_exchange_n(&cs->LockCount, 2,
						__ATOMIC_ACQUIRE);
		while (c != 0) {
			futex_wait(&cs->LockCount, 2);
			c = __atomic_exchange_n(&cs->LockCount, 2,
						__ATOMIC_ACQUIRE);
		}
	}
	cs->OwningThread = (HANDLE)(uintptr_t)me;
	cs->RecursionCount = 1;
}

BOOL WINAPI w32_TryEnterCriticalSection(CRITICAL_SECTION *cs)
{
	DWORD me = self_tid();
	LONG c = 0;

	if ((DWORD)(uintptr_t)cs->OwningThread == me) {
		cs->RecursionCount++;
		return TRUE;
	}
	if (!__atomic_compare_exchange_n(&cs->LockCount, &c, 1, 0,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return FALSE;
	cs->OwningThread = (HANDLE)(uintptr_t)me;
	cs->RecursionCount = 1;
	return TRUE;
}

void WINAPI w32_LeaveCriticalSection(CRITICAL_SECTION *cs)
{
	if (--cs->RecursionCount > 0)
		return;
	cs->OwningThread = 0;
	if (__atomic_fetch_sub(&cs->LockCount, 1, __ATOMIC_RELEASE) != 1) {
		__atomic_store_n(&cs->LockCount, 0, __ATOMIC_RELEASE);
		futex_wake(&cs->LockCount);
	}
}

/* ---- events and mutexes -------------------------------------------- */

/* Events, mutexes and semaphores live in this process: a name (which on
 * Windows makes the object shared with every process that opens it) is
 * refused, not dropped.  TRUE when the arguments can be honoured. */
static BOOL unnamed_ok(const char *fn, const void *sa, const void *name)
{
	if (name)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "a named (cross-process) object");
	return rt_k32_sa_ok(fn, sa);
}

static HANDLE create_event(BOOL manual, BOOL initial, DWORD hflags)
{
	struct rt_object *o = rt_object_new(RT_H_EVENT);
	HANDLE h;

	if (!o) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	o->manual_reset = manual != 0;
	o->signaled = initial != 0;
	h = rt_handle_new_flags(o, hflags);
	if (h)
		rt_set_last_error(0);
	return h;
}

HANDLE WINAPI w32_CreateEventA(void *sa, BOOL manual, BOOL initial, LPCSTR name)
{
	if (!unnamed_ok("CreateEventA", sa, name))
		return 0;
	return create_event(manual, initial, rt_k32_sa_flags(sa));
}

HANDLE WINAPI w32_CreateEventW(void *sa, BOOL manual, BOOL initial,
			       LPCWSTR name)
{
	if (!unnamed_ok("CreateEventW", sa, name))
		return 0;
	return create_event(manual, initial, rt_k32_sa_flags(sa));
}

static BOOL set_event(HANDLE h, int state)
{
	struct rt_object *o = rt_handle_get(h, RT_H_EVENT);

	if (!o)
		return FALSE;
	pthread_mutex_lock(&rt_wait_lock);
	o->signaled = state;
	pthread_cond_broadcast(&rt_wait_cond);
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	return TRUE;
}

BOOL WINAPI w32_SetEvent(HANDLE h)
{
	return set_event(h, 1);
}

BOOL WINAPI w32_ResetEvent(HANDLE h)
{
	return set_event(h, 0);
}

static HANDLE create_mutex(BOOL owned, DWORD hflags)
{
	struct rt_object *o = rt_object_new(RT_H_MUTEX);
	HANDLE h;

	if (!o) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	if (owned) {
		o->tid = self_tid();
		o->count = 1;
	}
	h = rt_handle_new_flags(o, hflags);
	if (h)
		rt_set_last_error(0);
	return h;
}

HANDLE WINAPI w32_CreateMutexA(void *sa, BOOL owned, LPCSTR name)
{
	return unnamed_ok("CreateMutexA", sa, name)
		       ? create_mutex(owned, rt_k32_sa_flags(sa))
		       : 0;
}

HANDLE WINAPI w32_CreateMutexW(void *sa, BOOL owned, LPCWSTR name)
{
	return unnamed_ok("CreateMutexW", sa, name)
		       ? create_mutex(owned, rt_k32_sa_flags(sa))
		       : 0;
}

BOOL WINAPI w32_ReleaseMutex(HANDLE h)
{
	struct rt_object *o = rt_handle_get(h, RT_H_MUTEX);
	BOOL ok = FALSE;

	if (!o)
		return FALSE;
	pthread_mutex_lock(&rt_wait_lock);
	if (o->count > 0 && o->tid == self_tid()) {
		if (--o->count == 0)
			o->tid = 0;
		ok = TRUE;
		pthread_cond_broadcast(&rt_wait_cond);
	}
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	if (!ok)
		rt_set_last_error(288); /* ERROR_NOT_OWNER */
	return ok;
}

static HANDLE create_semaphore(LONG initial, LONG max, DWORD hflags)
{
	struct rt_object *o;
	HANDLE h;

	if (max <= 0 || initial < 0 || initial > max) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	o = rt_object_new(RT_H_SEMAPHORE);
	if (!o) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	o->count = initial;
	o->max_count = max;
	h = rt_handle_new_flags(o, hflags);
	if (h)
		rt_set_last_error(0);
	return h;
}

HANDLE WINAPI w32_CreateSemaphoreA(void *sa, LONG initial, LONG max,
				   LPCSTR name)
{
	if (!unnamed_ok("CreateSemaphoreA", sa, name))
		return 0;
	return create_semaphore(initial, max, rt_k32_sa_flags(sa));
}

HANDLE WINAPI w32_CreateSemaphoreW(void *sa, LONG initial, LONG max,
				   LPCWSTR name)
{
	if (!unnamed_ok("CreateSemaphoreW", sa, name))
		return 0;
	return create_semaphore(initial, max, rt_k32_sa_flags(sa));
}

BOOL WINAPI w32_ReleaseSemaphore(HANDLE h, LONG n, LONG *prev)
{
	struct rt_object *o = rt_handle_get(h, RT_H_SEMAPHORE);
	BOOL ok = FALSE;

	if (!o)
		return FALSE;
	pthread_mutex_lock(&rt_wait_lock);
	if (n > 0 && o->count <= o->max_count - n) {
		if (prev)
			*prev = o->count;
		o->count += n;
		ok = TRUE;
		pthread_cond_broadcast(&rt_wait_cond);
	}
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	if (!ok)
		rt_set_last_error(298); /* ERROR_TOO_MANY_POSTS */
	return ok;
}

/* ---- interlocked (intrinsics in Windows headers, exported too) ----- */

LONG WINAPI w32_InterlockedIncrement(LONG volatile *p)
{
	return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST);
}

LONG WINAPI w32_InterlockedDecrement(LONG volatile *p)
{
	return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST);
}

LONG WINAPI w32_InterlockedExchange(LONG volatile *p, LONG v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}

LONG WINAPI w32_InterlockedExchangeAdd(LONG volatile *p, LONG v)
{
	return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}

LONG WINAPI w32_InterlockedCompareExchange(LONG volatile *p, LONG v, LONG cmp)
{
	__atomic_compare_exchange_n(p, &cmp, v, 0, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	return cmp;
}
