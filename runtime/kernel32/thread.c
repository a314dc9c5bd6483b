/*
 * thread.c — kernel32: threads — CreateThread, ExitThread,
 * ResumeThread/SuspendThread, exit codes and ids, priority, context and
 * times.
 *
 * Windows threads are pthreads that get a TEB (core/teb.c) before
 * running any Windows code; a thread's object is signalled when it ends
 * (wait.c).  Where Linux cannot do what is asked (suspending a running
 * thread, reading or editing another thread's registers or times), the
 * call is refused with ERROR_NOT_SUPPORTED rather than pretending
 * (RT_PARTIAL in exports.h).
 */
#include <setjmp.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"
#include "runtime/ntdll/ntdll.h"

#define CREATE_SUSPENDED		  0x4
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
static __thread uint64_t self_start; /* creation time, FILETIME units */

static uint64_t now_ft(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return EPOCH_1601 + (uint64_t)ts.tv_sec * 10000000u +
	       (uint64_t)ts.tv_nsec / 100;
}

/* A new thread: its TEB, then the loader's per-thread work (TLS blocks,
 * DLL_THREAD_ATTACH), then fn; ExitThread unwinds back here, and the
 * thread's object is signalled when it ends. */
static void *thread_main(void *p)
{
	struct thread_start st = *(struct thread_start *)p;
	jmp_buf jb;
	DWORD code;

	free(p);
	self_start = now_ft();
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
	rt_k32_fls_thread_exit();
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

HANDLE WINAPI w32_CreateThread(const SECURITY_ATTRIBUTES *sa, SIZE_T stack, thread_fn fn, void *arg,
			       DWORD flags, DWORD *tid)
{
	struct thread_start *st = malloc(sizeof(*st));
	struct rt_object *o = rt_object_new(RT_H_THREAD);
	pthread_attr_t attr;
	pthread_t th;
	HANDLE h;

	if (!rt_k32_sa_ok("CreateThread", sa)) {
		free(st);
		if (o)
			rt_object_put(o);
		return 0;
	}
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
	/* on failure drops the handle's reference */
	h = rt_handle_new_flags(o, rt_k32_sa_flags(sa));
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

/* A pthread cannot be stopped from outside at an arbitrary point. */
DWORD WINAPI w32_SuspendThread(HANDLE h)
{
	(void)h;
	rt_refuse(ERROR_NOT_SUPPORTED, "SuspendThread", "suspending a thread");
	return (DWORD)-1;
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

HANDLE WINAPI w32_GetCurrentThread(void)
{
	return PSEUDO_THREAD;
}

DWORD WINAPI w32_GetCurrentThreadId(void)
{
	struct rt_teb *t = rt_teb();

	return t ? (DWORD)t->ClientIdThread : rt_tid();
}

/* The calling thread's object, with a reference for the caller
 * (DuplicateHandle of the GetCurrentThread pseudo-handle, priorities):
 * its own for threads made by CreateThread; the main thread's (or a
 * foreign thread's) is made on first use and kept, so every handle on it
 * sees one priority. */
struct rt_object *rt_current_thread_object(void)
{
	struct rt_object *o = self_obj;

	if (!o) {
		o = rt_object_new(RT_H_THREAD);
		if (!o)
			return 0;
		o->tid = w32_GetCurrentThreadId();
		o->exit_code = STILL_ACTIVE;
		self_obj = o; /* the thread's own reference */
	}
	rt_object_get(o);
	return o;
}

static struct rt_object *thread_object(HANDLE h)
{
	return h == PSEUDO_THREAD ? rt_current_thread_object()
				  : rt_handle_get(h, RT_H_THREAD);
}

/* ---- priority, context, times -------------------------------------------- */

/* Priorities are recorded for GetThreadPriority, as Wine does on Linux:
 * scheduling is the kernel's (raising a thread's nice value needs
 * privileges), and Windows promises no particular schedule either. */
#define THREAD_PRIORITY_IDLE	      (-15)
#define THREAD_PRIORITY_TIME_CRITICAL 15
#define THREAD_PRIORITY_ERROR_RETURN  0x7fffffff

int WINAPI w32_GetThreadPriority(HANDLE h)
{
	struct rt_object *o = thread_object(h);
	int prio;

	if (!o)
		return THREAD_PRIORITY_ERROR_RETURN;
	prio = o->priority;
	rt_object_put(o);
	return prio;
}

/* The stack kept for handling a stack overflow, beyond what dllshare
 * keeps anyway (core/stack.c): *size in is the guarantee asked (0:
 * only ask), out the one before; a smaller one than the current is
 * ignored, one the stack cannot hold fails with ERROR_INVALID_PARAMETER
 * (as Wine). */
BOOL WINAPI w32_SetThreadStackGuarantee(ULONG *size)
{
	size_t old;

	if (!size) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (rt_stack_guarantee(*size, &old) < 0) {
		*size = (ULONG)old;
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	*size = (ULONG)old;
	return TRUE;
}

/* The levels Windows accepts: -2..2, IDLE and TIME_CRITICAL. */
BOOL WINAPI w32_SetThreadPriority(HANDLE h, int prio)
{
	struct rt_object *o;

	if ((prio < -2 || prio > 2) && prio != THREAD_PRIORITY_IDLE &&
	    prio != THREAD_PRIORITY_TIME_CRITICAL) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	o = thread_object(h);
	if (!o)
		return FALSE;
	o->priority = prio;
	rt_object_put(o);
	return TRUE;
}

/* The calling thread's own context only: another thread's registers
 * cannot be read without stopping it. */
BOOL WINAPI w32_GetThreadContext(HANDLE h, void *ctx)
{
	if (h != PSEUDO_THREAD)
		return rt_refuse(ERROR_NOT_SUPPORTED, "GetThreadContext",
				 "another thread's context");
	w32_RtlCaptureContext(ctx);
	return TRUE;
}

BOOL WINAPI w32_SetThreadContext(HANDLE h, const void *ctx)
{
	(void)h;
	(void)ctx;
	return rt_refuse(ERROR_NOT_SUPPORTED, "SetThreadContext",
			 "setting a thread's context");
}

BOOL WINAPI w32_GetThreadTimes(HANDLE h, FILETIME *creation, FILETIME *exit,
			       FILETIME *kernel, FILETIME *user)
{
	struct rusage ru;
	FILETIME pc, pe, pk, pu;

	if (h != PSEUDO_THREAD)
		return rt_refuse(ERROR_NOT_SUPPORTED, "GetThreadTimes",
				 "another thread's times");
	/* The main thread was created with the process. */
	if (!self_start && w32_GetProcessTimes(PSEUDO_PROCESS, &pc, &pe, &pk,
					       &pu))
		self_start = rt_k32_ft64(&pc);
	getrusage(RUSAGE_THREAD, &ru);
	rt_k32_set_ft(creation, self_start);
	rt_k32_set_ft(exit, 0);
	rt_k32_set_ft(kernel, (uint64_t)ru.ru_stime.tv_sec * 10000000u +
				      (uint64_t)ru.ru_stime.tv_usec * 10u);
	rt_k32_set_ft(user, (uint64_t)ru.ru_utime.tv_sec * 10000000u +
				    (uint64_t)ru.ru_utime.tv_usec * 10u);
	return TRUE;
}
