/*
 * srwlock.c — kernel32: slim reader/writer locks, condition variables
 * and one-time initialization (Windows Vista's pointer-sized objects).
 *
 * Each is one machine word in the program's memory, used as a futex:
 *   SRWLOCK:            bit 0 = held exclusively, bits 1.. = reader count
 *   CONDITION_VARIABLE: a wake sequence number
 *   INIT_ONCE:          0 = not run, 1 = running, 2 = done
 * The futex operates on the low 32 bits (x86 is little-endian).
 */
#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "runtime/kernel32/kernel32.h"

#define WORD32(p) ((int32_t *)&(p)->Ptr)

static int fwait(int32_t *w, int32_t val, const struct timespec *rel)
{
	return (int)syscall(SYS_futex, w, FUTEX_WAIT_PRIVATE, val, rel, 0, 0);
}

static void fwake(int32_t *w, int n)
{
	syscall(SYS_futex, w, FUTEX_WAKE_PRIVATE, n, 0, 0, 0);
}

void WINAPI w32_InitializeSRWLock(W_SRWLOCK *l)
{
	l->Ptr = 0;
}

void WINAPI w32_AcquireSRWLockExclusive(W_SRWLOCK *l)
{
	int32_t *w = WORD32(l);

	for (;;) {
		int32_t v = 0;

		if (__atomic_compare_exchange_n(w, &v, 1, 0, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return;
		fwait(w, v, 0);
	}
}

BOOL WINAPI w32_TryAcquireSRWLockExclusive(W_SRWLOCK *l)
{
	int32_t v = 0;

	return __atomic_compare_exchange_n(WORD32(l), &v, 1, 0,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void WINAPI w32_ReleaseSRWLockExclusive(W_SRWLOCK *l)
{
	__atomic_store_n(WORD32(l), 0, __ATOMIC_RELEASE);
	fwake(WORD32(l), 0x7fffffff);
}

void WINAPI w32_AcquireSRWLockShared(W_SRWLOCK *l)
{
	int32_t *w = WORD32(l);

	for (;;) {
		int32_t v = __atomic_load_n(w, __ATOMIC_RELAXED);

		if (!(v & 1)) {
			if (__atomic_compare_exchange_n(w, &v, v + 2, 0,
							__ATOMIC_ACQUIRE,
							__ATOMIC_RELAXED))
				return;
			continue;
		}
		fwait(w, v, 0);
	}
}

BOOL WINAPI w32_TryAcquireSRWLockShared(W_SRWLOCK *l)
{
	int32_t *w = WORD32(l);
	int32_t v = __atomic_load_n(w, __ATOMIC_RELAXED);

	while (!(v & 1))
		if (__atomic_compare_exchange_n(w, &v, v + 2, 0,
						__ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return TRUE;
	return FALSE;
}

void WINAPI w32_ReleaseSRWLockShared(W_SRWLOCK *l)
{
	if (__atomic_sub_fetch(WORD32(l), 2, __ATOMIC_RELEASE) == 0)
		fwake(WORD32(l), 0x7fffffff);
}

void WINAPI w32_InitializeConditionVariable(W_CONDITION_VARIABLE *c)
{
	c->Ptr = 0;
}

void WINAPI w32_WakeConditionVariable(W_CONDITION_VARIABLE *c)
{
	__atomic_add_fetch(WORD32(c), 1, __ATOMIC_RELEASE);
	fwake(WORD32(c), 1);
}

void WINAPI w32_WakeAllConditionVariable(W_CONDITION_VARIABLE *c)
{
	__atomic_add_fetch(WORD32(c), 1, __ATOMIC_RELEASE);
	fwake(WORD32(c), 0x7fffffff);
}

/* Waits for a wake after the lock is dropped; FALSE with ERROR_TIMEOUT
 * when ms ran out.  Wakes may be spurious, as on Windows. */
static BOOL cv_wait(W_CONDITION_VARIABLE *c, DWORD ms, void (*unlock)(void *),
		    void (*lock)(void *), void *arg)
{
	int32_t seq = __atomic_load_n(WORD32(c), __ATOMIC_ACQUIRE);
	struct timespec rel = {ms / 1000, (long)(ms % 1000) * 1000000};
	int r;

	unlock(arg);
	r = fwait(WORD32(c), seq, ms == INFINITE ? 0 : &rel);
	if (r < 0 && errno == ETIMEDOUT) {
		lock(arg);
		rt_set_last_error(ERROR_TIMEOUT);
		return FALSE;
	}
	lock(arg);
	return TRUE;
}


static void cs_lock(void *p)
{
	w32_EnterCriticalSection(p);
}

static void cs_unlock(void *p)
{
	w32_LeaveCriticalSection(p);
}

static void srw_lock_x(void *p)
{
	w32_AcquireSRWLockExclusive(p);
}

static void srw_unlock_x(void *p)
{
	w32_ReleaseSRWLockExclusive(p);
}

static void srw_lock_s(void *p)
{
	w32_AcquireSRWLockShared(p);
}

static void srw_unlock_s(void *p)
{
	w32_ReleaseSRWLockShared(p);
}

BOOL WINAPI w32_SleepConditionVariableCS(W_CONDITION_VARIABLE *c,
					 CRITICAL_SECTION *cs, DWORD ms)
{
	return cv_wait(c, ms, cs_unlock, cs_lock, cs);
}

#define CONDITION_VARIABLE_LOCKMODE_SHARED 0x1

BOOL WINAPI w32_SleepConditionVariableSRW(W_CONDITION_VARIABLE *c, W_SRWLOCK *l,
					  DWORD ms, ULONG flags)
{
	if (flags & CONDITION_VARIABLE_LOCKMODE_SHARED)
		return cv_wait(c, ms, srw_unlock_s, srw_lock_s, l);
	return cv_wait(c, ms, srw_unlock_x, srw_lock_x, l);
}


void WINAPI w32_InitOnceInitialize(W_INIT_ONCE *o)
{
	o->Ptr = 0;
}

/* Runs fn once; other callers wait until it is done.  A failed fn lets
 * the next caller try again, as Windows does. */
BOOL WINAPI w32_InitOnceExecuteOnce(W_INIT_ONCE *o, once_fn fn, void *param,
				    void **ctx)
{
	int32_t *w = WORD32(o);

	for (;;) {
		int32_t v = 0;

		if (__atomic_compare_exchange_n(w, &v, 1, 0, __ATOMIC_ACQUIRE,
						__ATOMIC_ACQUIRE)) {
			BOOL ok = fn(o, param, ctx);

			__atomic_store_n(w, ok ? 2 : 0, __ATOMIC_RELEASE);
			fwake(w, 0x7fffffff);
			return ok;
		}
		if (v == 2)
			return TRUE;
		fwait(w, v, 0);
	}
}

