/*
 * sync.c — kernel32: critical sections, events, mutexes, semaphores and
 * the interlocked operations.
 *
 * A CRITICAL_SECTION lives in the program's memory (often its .data or
 * .bss, a copy-on-write page: the first EnterCriticalSection privatizes
 * it like any other write).  The runtime keeps a futex word in LockCount
 * and the owner's thread id in OwningThread, so a critical section needs
 * no allocation and cannot fail.  Events, mutexes and semaphores are
 * waitable objects behind handles (wait.c waits for them): private to
 * their process, or shared by every process that opens their name
 * (named.c); a security descriptor is refused (ERROR_NOT_SUPPORTED).
 * A handle grants the access its Open* or Create*Ex asked (Create*:
 * every right): setting an event needs EVENT_MODIFY_STATE, releasing a
 * semaphore SEMAPHORE_MODIFY_STATE, a wait SYNCHRONIZE (wait.c);
 * releasing a mutex needs none (Wine's answer, measured).
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

/* ---- events, mutexes, semaphores ------------------------------------ */

/* An unnamed object lives in this process, its state in the rt_object
 * under rt_wait_lock; a named one in shared memory (named.c), its state
 * under its own lock, and so does an unnamed one made inheritable, for a
 * child to share (an unnamed one made inheritable later, by
 * SetHandleInformation or DuplicateHandle, cannot cross: CreateProcess
 * refuses it, inherit.c).  Creating a name that exists opens the existing
 * object (ERROR_ALREADY_EXISTS) and ignores the initial state asked. */

/* The name argument of fn as UTF-8 in *out (NULL: unnamed); FALSE with
 * the last error when it cannot be, or sa asks what is not done. */
static BOOL name_arg(const char *fn, const void *sa, const void *name, int wide,
		     char **out)
{
	DWORD e;

	*out = 0;
	if (!rt_k32_sa_ok(fn, sa))
		return FALSE;
	*out = wide ? rt_k32_name_w(name, &e) : rt_k32_name_a(name, &e);
	if (e)
		rt_set_last_error(e);
	return e == 0;
}

static HANDLE new_local(struct rt_object *o, DWORD hflags)
{
	HANDLE h;

	if (!o) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	h = rt_handle_new_flags(o, hflags);
	if (h)
		rt_set_last_error(0);
	return h;
}

static HANDLE create_event(const char *fn, void *sa, BOOL manual, BOOL initial,
			   const void *name, int wide)
{
	struct rt_named init = {.type = RT_H_EVENT};
	struct rt_object *o;
	char *n;
	HANDLE h;

	if (!name_arg(fn, sa, name, wide, &n))
		return 0;
	if (n) {
		init.manual_reset = manual != 0;
		init.signaled = initial != 0;
		h = rt_k32_named_create(RT_H_EVENT, n, &init,
					rt_k32_sa_flags(sa));
		free(n);
		return h;
	}
	if (rt_k32_sa_flags(sa) & HANDLE_FLAG_INHERIT) {
		init.manual_reset = manual != 0;
		init.signaled = initial != 0;
		return rt_k32_named_anon(RT_H_EVENT, &init, HANDLE_FLAG_INHERIT);
	}
	if ((o = rt_object_new(RT_H_EVENT)) != 0) {
		o->manual_reset = manual != 0;
		o->signaled = initial != 0;
	}
	return new_local(o, rt_k32_sa_flags(sa));
}

HANDLE WINAPI w32_CreateEventA(void *sa, BOOL manual, BOOL initial, LPCSTR name)
{
	return create_event("CreateEventA", sa, manual, initial, name, 0);
}

HANDLE WINAPI w32_CreateEventW(void *sa, BOOL manual, BOOL initial,
			       LPCWSTR name)
{
	return create_event("CreateEventW", sa, manual, initial, name, 1);
}

/* The Ex forms take the options as flags and the access the handle
 * grants (granted whole: no object has a security descriptor); flags
 * other than those named are ignored, as Wine does. */
#define CREATE_EVENT_MANUAL_RESET  0x1
#define CREATE_EVENT_INITIAL_SET   0x2
#define CREATE_MUTEX_INITIAL_OWNER 0x1

/* h made by a Create*Ex, granting access only. */
static HANDLE with_access(HANDLE h, DWORD access)
{
	if (h)
		rt_handle_set_access(h, access);
	return h;
}

HANDLE WINAPI w32_CreateEventExA(void *sa, LPCSTR name, DWORD flags,
				 DWORD access)
{
	return with_access(create_event("CreateEventExA", sa,
					flags & CREATE_EVENT_MANUAL_RESET,
					flags & CREATE_EVENT_INITIAL_SET, name,
					0),
			   access);
}

HANDLE WINAPI w32_CreateEventExW(void *sa, LPCWSTR name, DWORD flags,
				 DWORD access)
{
	return with_access(create_event("CreateEventExW", sa,
					flags & CREATE_EVENT_MANUAL_RESET,
					flags & CREATE_EVENT_INITIAL_SET, name,
					1),
			   access);
}

/* Open* of type: the handle grants access, granted whole (no object has
 * a security descriptor); inherit gives HANDLE_FLAG_INHERIT. */
static HANDLE open_named(enum rt_htype type, DWORD access, BOOL inherit,
			 const void *name, int wide)
{
	char *n = 0;
	DWORD e = 0;
	HANDLE h;

	if (name && (wide ? !*(const WCHAR *)name : !*(const char *)name)) {
		/* "" names the namespace's directory, no event (Wine) */
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	if (name) {
		n = wide ? rt_k32_name_w(name, &e) : rt_k32_name_a(name, &e);
		if (e) {
			rt_set_last_error(e);
			return 0;
		}
	}
	h = rt_k32_named_open(type, n, inherit ? HANDLE_FLAG_INHERIT : 0);
	free(n);
	return with_access(h, access);
}

HANDLE WINAPI w32_OpenEventA(DWORD access, BOOL inherit, LPCSTR name)
{
	return open_named(RT_H_EVENT, access, inherit, name, 0);
}

HANDLE WINAPI w32_OpenEventW(DWORD access, BOOL inherit, LPCWSTR name)
{
	return open_named(RT_H_EVENT, access, inherit, name, 1);
}

HANDLE WINAPI w32_OpenMutexA(DWORD access, BOOL inherit, LPCSTR name)
{
	return open_named(RT_H_MUTEX, access, inherit, name, 0);
}

HANDLE WINAPI w32_OpenMutexW(DWORD access, BOOL inherit, LPCWSTR name)
{
	return open_named(RT_H_MUTEX, access, inherit, name, 1);
}

HANDLE WINAPI w32_OpenSemaphoreA(DWORD access, BOOL inherit, LPCSTR name)
{
	return open_named(RT_H_SEMAPHORE, access, inherit, name, 0);
}

HANDLE WINAPI w32_OpenSemaphoreW(DWORD access, BOOL inherit, LPCWSTR name)
{
	return open_named(RT_H_SEMAPHORE, access, inherit, name, 1);
}

static BOOL set_event(HANDLE h, int state)
{
	struct rt_object *o =
		rt_handle_get_access(h, RT_H_EVENT, EVENT_MODIFY_STATE);

	if (!o)
		return FALSE;
	if (o->named) {
		rt_k32_named_lock(o->named);
		o->named->signaled = state;
		if (state)
			rt_k32_named_changed(o->named);
		rt_k32_named_unlock(o->named);
	} else {
		pthread_mutex_lock(&rt_wait_lock);
		o->signaled = state;
		rt_wait_broadcast();
		pthread_mutex_unlock(&rt_wait_lock);
	}
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

static HANDLE create_mutex(const char *fn, void *sa, BOOL owned,
			   const void *name, int wide)
{
	struct rt_named init = {.type = RT_H_MUTEX};
	struct rt_object *o;
	char *n;
	HANDLE h;

	if (!name_arg(fn, sa, name, wide, &n))
		return 0;
	if (owned) {
		init.count = 1;
		init.owner_pid = getpid();
		init.owner_tid = (int32_t)rt_tid();
	}
	if (n) {
		h = rt_k32_named_create(RT_H_MUTEX, n, &init,
					rt_k32_sa_flags(sa));
		free(n);
		return h;
	}
	if (rt_k32_sa_flags(sa) & HANDLE_FLAG_INHERIT)
		return rt_k32_named_anon(RT_H_MUTEX, &init, HANDLE_FLAG_INHERIT);
	if ((o = rt_object_new(RT_H_MUTEX)) != 0 && owned) {
		o->tid = self_tid();
		o->count = 1;
	}
	return new_local(o, rt_k32_sa_flags(sa));
}

HANDLE WINAPI w32_CreateMutexA(void *sa, BOOL owned, LPCSTR name)
{
	return create_mutex("CreateMutexA", sa, owned, name, 0);
}

HANDLE WINAPI w32_CreateMutexW(void *sa, BOOL owned, LPCWSTR name)
{
	return create_mutex("CreateMutexW", sa, owned, name, 1);
}

HANDLE WINAPI w32_CreateMutexExA(void *sa, LPCSTR name, DWORD flags,
				 DWORD access)
{
	return with_access(create_mutex("CreateMutexExA", sa,
					flags & CREATE_MUTEX_INITIAL_OWNER,
					name, 0),
			   access);
}

HANDLE WINAPI w32_CreateMutexExW(void *sa, LPCWSTR name, DWORD flags,
				 DWORD access)
{
	return with_access(create_mutex("CreateMutexExW", sa,
					flags & CREATE_MUTEX_INITIAL_OWNER,
					name, 1),
			   access);
}

static BOOL release_named_mutex(struct rt_named *n)
{
	BOOL ok = FALSE;

	rt_k32_named_lock(n);
	if (rt_k32_named_mine(n)) {
		if (--n->count == 0) {
			n->owner_pid = 0;
			n->owner_tid = 0;
			rt_k32_named_changed(n);
		}
		ok = TRUE;
	}
	rt_k32_named_unlock(n);
	return ok;
}

BOOL WINAPI w32_ReleaseMutex(HANDLE h)
{
	struct rt_object *o = rt_handle_get(h, RT_H_MUTEX);
	BOOL ok = FALSE;

	if (!o)
		return FALSE;
	if (o->named) {
		ok = release_named_mutex(o->named);
	} else {
		pthread_mutex_lock(&rt_wait_lock);
		if (o->count > 0 && o->tid == self_tid()) {
			if (--o->count == 0)
				o->tid = 0;
			ok = TRUE;
			rt_wait_broadcast();
		}
		pthread_mutex_unlock(&rt_wait_lock);
	}
	rt_object_put(o);
	if (!ok)
		rt_set_last_error(288); /* ERROR_NOT_OWNER */
	return ok;
}

static HANDLE create_semaphore(const char *fn, void *sa, LONG initial, LONG max,
			       const void *name, int wide)
{
	struct rt_named init = {.type = RT_H_SEMAPHORE};
	struct rt_object *o;
	char *n;
	HANDLE h;

	if (max <= 0 || initial < 0 || initial > max) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (!name_arg(fn, sa, name, wide, &n))
		return 0;
	init.count = initial;
	init.max_count = max;
	if (n) {
		h = rt_k32_named_create(RT_H_SEMAPHORE, n, &init,
					rt_k32_sa_flags(sa));
		free(n);
		return h;
	}
	if (rt_k32_sa_flags(sa) & HANDLE_FLAG_INHERIT)
		return rt_k32_named_anon(RT_H_SEMAPHORE, &init,
					 HANDLE_FLAG_INHERIT);
	if ((o = rt_object_new(RT_H_SEMAPHORE)) != 0) {
		o->count = initial;
		o->max_count = max;
	}
	return new_local(o, rt_k32_sa_flags(sa));
}

HANDLE WINAPI w32_CreateSemaphoreA(void *sa, LONG initial, LONG max,
				   LPCSTR name)
{
	return create_semaphore("CreateSemaphoreA", sa, initial, max, name, 0);
}

HANDLE WINAPI w32_CreateSemaphoreW(void *sa, LONG initial, LONG max,
				   LPCWSTR name)
{
	return create_semaphore("CreateSemaphoreW", sa, initial, max, name, 1);
}

HANDLE WINAPI w32_CreateSemaphoreExA(void *sa, LONG initial, LONG max,
				     LPCSTR name, DWORD flags, DWORD access)
{
	return with_access(create_semaphore("CreateSemaphoreExA", sa, initial,
					    max, name, 0),
			   access);
}

HANDLE WINAPI w32_CreateSemaphoreExW(void *sa, LONG initial, LONG max,
				     LPCWSTR name, DWORD flags, DWORD access)
{
	return with_access(create_semaphore("CreateSemaphoreExW", sa, initial,
					    max, name, 1),
			   access);
}

/* Adds n to *count within max; FALSE when it would pass max. */
static BOOL post(int32_t *count, int32_t max, LONG n, LONG *prev)
{
	if (n <= 0 || *count > max - n)
		return FALSE;
	if (prev)
		*prev = *count;
	*count += n;
	return TRUE;
}

BOOL WINAPI w32_ReleaseSemaphore(HANDLE h, LONG n, LONG *prev)
{
	struct rt_object *o =
		rt_handle_get_access(h, RT_H_SEMAPHORE, SEMAPHORE_MODIFY_STATE);
	BOOL ok;

	if (!o)
		return FALSE;
	if (o->named) {
		rt_k32_named_lock(o->named);
		if ((ok = post(&o->named->count, o->named->max_count, n, prev)))
			rt_k32_named_changed(o->named);
		rt_k32_named_unlock(o->named);
	} else {
		pthread_mutex_lock(&rt_wait_lock);
		if ((ok = post(&o->count, o->max_count, n, prev)))
			rt_wait_broadcast();
		pthread_mutex_unlock(&rt_wait_lock);
	}
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
