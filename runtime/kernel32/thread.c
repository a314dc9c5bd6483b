/*
 * thread.c — kernel32: threads — CreateThread, ExitThread,
 * ResumeThread/SuspendThread, exit codes and ids, priority, context and
 * times.
 *
 * Windows threads are pthreads that get a TEB (core/teb.c) before
 * running any Windows code; a thread's object is signalled when it ends
 * (wait.c).  SuspendThread stops a running thread as Windows' kernel
 * does, wherever it is: a signal sent to it (rt_tgsigqueueinfo, the
 * thread's state in its value) parks it in the handler, which holds the
 * interrupted registers, until ResumeThread brings the count back to 0;
 * GetThreadContext and SetThreadContext read and change those registers,
 * and the thread goes on with them.  A thread created suspended waits at
 * its start instead (thread_main), before any of its code ran.
 */
#include <errno.h>
#include <linux/futex.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "runtime/core/fault.h"
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

/* A thread's state beyond its object (rt_object.thread). */
struct rt_thread_state {
	_Atomic int count;	/* SuspendThread's, beyond the start gate */
	_Atomic int parked;	/* 1 while the handler holds the thread */
	ucontext_t *uc;		/* its registers while parked */
	uint64_t kernel, user;	/* its times once it ended, FILETIME units */
	uint64_t start, end;
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

static void add_ft(uint64_t *ft, const struct timeval *tv)
{
	*ft = (uint64_t)tv->tv_sec * 10000000u + (uint64_t)tv->tv_usec * 10u;
}

/* The thread's times, kept for GetThreadTimes after it is gone. */
static void ended(struct rt_thread_state *t)
{
	struct rusage ru;

	if (!t)
		return;
	getrusage(RUSAGE_THREAD, &ru);
	add_ft(&t->kernel, &ru.ru_stime);
	add_ft(&t->user, &ru.ru_utime);
	t->end = now_ft();
}

/* The live threads of the process, for OpenThread: each entry holds a
 * reference to its object; a thread enters when it starts and leaves
 * when it ends (the main thread at kernel32's attach, for good). */
struct live {
	struct rt_object *o;
	struct live *next;
};
static struct live *live_threads; /* under rt_wait_lock */

/* o enters the list; rt_wait_lock held (a new thread enters where it
 * publishes its id, so OpenThread finds it once CreateThread returns). */
static void live_add_locked(struct rt_object *o)
{
	struct live *l = malloc(sizeof(*l));

	if (!l)
		return; /* OpenThread will not find it: no worse */
	rt_object_get(o);
	l->o = o;
	l->next = live_threads;
	live_threads = l;
}

static void live_remove(struct rt_object *o)
{
	struct live **p, *l = 0;

	pthread_mutex_lock(&rt_wait_lock);
	for (p = &live_threads; *p; p = &(*p)->next)
		if ((*p)->o == o) {
			l = *p;
			*p = l->next;
			break;
		}
	pthread_mutex_unlock(&rt_wait_lock);
	if (l) {
		rt_object_put(l->o);
		free(l);
	}
}

void rt_k32_thread_register_main(void)
{
	struct rt_object *o = rt_current_thread_object();

	if (o) {
		pthread_mutex_lock(&rt_wait_lock);
		live_add_locked(o);
		pthread_mutex_unlock(&rt_wait_lock);
		rt_object_put(o);
	}
}

/* OpenThread: a handle to the live thread tid of this process; another
 * process's thread is refused (ERROR_NOT_SUPPORTED), no thread at all
 * is ERROR_INVALID_PARAMETER. */
HANDLE WINAPI w32_OpenThread(DWORD rights, BOOL inherit, DWORD tid)
{
	struct rt_object *o = 0;
	char path[64];

	pthread_mutex_lock(&rt_wait_lock);
	for (struct live *l = live_threads; l; l = l->next)
		if (l->o->tid == tid) {
			o = l->o;
			rt_object_get(o);
			break;
		}
	pthread_mutex_unlock(&rt_wait_lock);
	(void)rights; /* no thread has a security descriptor */
	if (o)
		return rt_handle_new_flags(o, inherit ? HANDLE_FLAG_INHERIT : 0);
	snprintf(path, sizeof(path), "/proc/%u", (unsigned)tid);
	if (tid && access(path, F_OK) == 0) {
		rt_refuse(ERROR_NOT_SUPPORTED, "OpenThread",
			  "thread %u of another process", (unsigned)tid);
		return 0;
	}
	rt_set_last_error(ERROR_INVALID_PARAMETER);
	return 0;
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
	st.obj->thread->start = self_start;
	if (rt_thread_init() < 0)
		abort(); /* no TEB, no Windows code: nothing else to do */
	rt_teb()->ClientIdThread = rt_tid();
	self_obj = st.obj;
	pthread_mutex_lock(&rt_wait_lock);
	st.obj->tid = rt_tid(); /* CreateThread waits for it */
	live_add_locked(st.obj);
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
	ended(st.obj->thread);
	live_remove(st.obj);
	pthread_mutex_lock(&rt_wait_lock);
	st.obj->exit_code = code;
	st.obj->signaled = 1;
	rt_wait_broadcast();
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
	if (!st || !o || !(o->thread = calloc(1, sizeof(*o->thread))))
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

/* FreeLibraryAndExitThread: a thread that runs in a DLL unloads it and
 * ends without returning into it. */
void WINAPI w32_FreeLibraryAndExitThread(HMODULE h, DWORD code)
{
	w32_FreeLibrary(h);
	w32_ExitThread(code);
}

/* ---- suspending -------------------------------------------------------- */

#define ERROR_SIGNAL_REFUSED 156 /* STATUS_SUSPEND_COUNT_EXCEEDED */

static struct rt_object *thread_object(HANDLE h);

static int suspend_signal(void)
{
	return SIGRTMIN + 3; /* glibc keeps the first ones for itself */
}

static long futex(_Atomic int *addr, int op, int val)
{
	struct timespec ms = {0, 1000000};

	return syscall(SYS_futex, addr, op, val,
		       op == FUTEX_WAIT ? &ms : NULL, NULL, 0);
}

/* In the suspended thread: publish its registers, wait while its count
 * is above 0, and go on with what SetThreadContext made of them. */
static void on_suspend(int sig, siginfo_t *si, void *ctx)
{
	struct rt_thread_state *t = si->si_value.sival_ptr;
	int saved = errno;

	(void)sig;
	if (si->si_code != SI_QUEUE || si->si_pid != getpid() || !t) {
		errno = saved;
		return;
	}
	t->uc = ctx;
	atomic_store(&t->parked, 1);
	futex(&t->parked, FUTEX_WAKE, 1 << 30);
	for (int c; (c = atomic_load(&t->count)) > 0;)
		futex(&t->count, FUTEX_WAIT, c);
	t->uc = 0;
	atomic_store(&t->parked, 0);
	futex(&t->parked, FUTEX_WAKE, 1 << 30);
	errno = saved;
}

static pthread_once_t suspend_once = PTHREAD_ONCE_INIT;
static int suspend_ready;

static void suspend_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_suspend;
	/* System calls it interrupts go on; it runs where faults are
	 * handled, off the thread's (Windows) stack. */
	sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
	sigfillset(&sa.sa_mask);
	suspend_ready = sigaction(suspend_signal(), &sa, 0) == 0;
}

/* Parks the thread of o: 0, or a Windows error. */
static DWORD park(struct rt_object *o)
{
	struct rt_thread_state *t = o->thread;
	siginfo_t si;

	pthread_once(&suspend_once, suspend_install);
	if (!suspend_ready)
		return ERROR_NOT_ENOUGH_MEMORY;
	memset(&si, 0, sizeof si);
	si.si_signo = suspend_signal();
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_value.sival_ptr = t;
	if (syscall(SYS_rt_tgsigqueueinfo, getpid(), (pid_t)o->tid,
		    si.si_signo, &si) != 0)
		return ERROR_ACCESS_DENIED; /* it has ended */
	if ((DWORD)o->tid == rt_tid())
		return 0; /* it was parked and is resumed already */
	/* Windows returns at once; waiting until the thread is held makes
	 * a GetThreadContext right after it exact. */
	while (!atomic_load(&t->parked)) {
		if (syscall(SYS_tgkill, getpid(), (pid_t)o->tid, 0) != 0)
			return 0; /* it ended meanwhile */
		futex(&t->parked, FUTEX_WAIT, 0);
	}
	return 0;
}

/* The count of a thread: its start gate (CREATE_SUSPENDED, o->count)
 * and the parking's.  Windows counts up to MAXIMUM_SUSPEND_COUNT. */
#define MAXIMUM_SUSPEND_COUNT 127

DWORD WINAPI w32_SuspendThread(HANDLE h)
{
	struct rt_object *o = thread_object(h);
	struct rt_thread_state *t;
	DWORD prev, err = 0;

	if (!o)
		return (DWORD)-1;
	if (o->process && !o->count) {
		rt_object_put(o);
		rt_refuse(ERROR_NOT_SUPPORTED, "SuspendThread",
			  "a running thread of another process");
		return (DWORD)-1;
	}
	t = o->thread;
	pthread_mutex_lock(&rt_wait_lock);
	prev = (DWORD)o->count + (t ? (DWORD)atomic_load(&t->count) : 0);
	if (o->process) {
		o->count++; /* created suspended: it has not started */
	} else if (!t) {
		err = ERROR_NOT_ENOUGH_MEMORY;
	} else if (o->signaled) {
		err = ERROR_ACCESS_DENIED; /* as Windows, for an ended thread */
	} else if (prev >= MAXIMUM_SUSPEND_COUNT) {
		err = ERROR_SIGNAL_REFUSED;
	} else if (o->count) {
		o->count++; /* not started: it waits at its start */
	} else if (atomic_fetch_add(&t->count, 1) == 0) {
		rt_object_get(o); /* kept while parked */
		pthread_mutex_unlock(&rt_wait_lock);
		err = park(o);
		if (err) {
			atomic_store(&t->count, 0);
			rt_object_put(o);
		}
		rt_object_put(o);
		if (err) {
			rt_set_last_error(err);
			return (DWORD)-1;
		}
		return prev;
	}
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	if (err) {
		rt_set_last_error(err);
		return (DWORD)-1;
	}
	return prev;
}

DWORD WINAPI w32_ResumeThread(HANDLE h)
{
	struct rt_object *o = thread_object(h);
	struct rt_thread_state *t;
	DWORD prev;
	int unpark = 0;

	if (!o)
		return (DWORD)-1;
	t = o->thread;
	pthread_mutex_lock(&rt_wait_lock);
	prev = (DWORD)o->count + (t ? (DWORD)atomic_load(&t->count) : 0);
	if (o->count) {
		o->count--;
		pthread_cond_broadcast(&rt_wait_cond);
		/* A child created suspended starts (spawn.c). */
		if (!o->count && o->process && o->fd >= 0) {
			ssize_t w = write(o->fd, "r", 1);

			(void)w;
			close(o->fd);
			o->fd = -1;
		}
	} else if (t && atomic_load(&t->count) > 0) {
		unpark = atomic_fetch_sub(&t->count, 1) == 1;
	}
	pthread_mutex_unlock(&rt_wait_lock);
	if (unpark) {
		futex(&t->count, FUTEX_WAKE, 1 << 30);
		rt_object_put(o); /* the parked thread's */
	}
	rt_object_put(o);
	return prev;
}

BOOL WINAPI w32_GetExitCodeThread(HANDLE h, DWORD *code)
{
	struct rt_object *o = rt_handle_get(h, RT_H_THREAD);

	if (!o)
		return FALSE;
	pthread_mutex_lock(&rt_wait_lock);
	if (o->process)
		rt_k32_poll_primary(o);
	*code = o->signaled ? o->exit_code : STILL_ACTIVE;
	pthread_mutex_unlock(&rt_wait_lock);
	rt_object_put(o);
	return TRUE;
}

/* GetThreadId: the id of the thread h names (0 with the last error for
 * a handle that is no thread). */
DWORD WINAPI w32_GetThreadId(HANDLE h)
{
	struct rt_object *o = rt_k32_thread_object(h);
	DWORD tid;

	if (!o)
		return 0;
	tid = o->tid;
	rt_object_put(o);
	return tid;
}

/* GetProcessIdOfThread: the process a thread belongs to — this one, or
 * the child whose primary thread h is (CreateProcess's pi.hThread). */
DWORD WINAPI w32_GetProcessIdOfThread(HANDLE h)
{
	struct rt_object *o = rt_k32_thread_object(h);
	DWORD pid;

	if (!o)
		return 0;
	pid = o->process ? (DWORD)o->process->pid : (DWORD)getpid();
	rt_object_put(o);
	return pid;
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
	FILETIME pc, pe, pk, pu;

	if (!o) {
		o = rt_object_new(RT_H_THREAD);
		if (!o)
			return 0;
		o->thread = calloc(1, sizeof(*o->thread));
		if (o->thread && w32_GetProcessTimes(PSEUDO_PROCESS, &pc, &pe,
						     &pk, &pu))
			o->thread->start = rt_k32_ft64(&pc); /* its process's */
		o->tid = w32_GetCurrentThreadId();
		o->exit_code = STILL_ACTIVE;
		self_obj = o; /* the thread's own reference */
	}
	rt_object_get(o);
	return o;
}

struct rt_object *rt_k32_thread_object(HANDLE h)
{
	return h == PSEUDO_THREAD ? rt_current_thread_object()
				  : rt_handle_get(h, RT_H_THREAD);
}

static struct rt_object *thread_object(HANDLE h)
{
	return rt_k32_thread_object(h);
}

/* ---- context, times ------------------------------------------------------ */

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
/* Another thread's registers: those its suspension holds.  A running
 * thread is suspended for the time of the call, as Wine does: Windows
 * reads a running thread's registers at some instant too. */
static struct rt_object *held_thread(HANDLE h, const char *fn, int *resume)
{
	struct rt_object *o = rt_handle_get(h, RT_H_THREAD);

	*resume = 0;
	if (!o)
		return 0;
	if (o->process) {
		rt_object_put(o);
		rt_refuse(ERROR_NOT_SUPPORTED, fn,
			  "the context of another process's thread");
		return 0;
	}
	if (!o->thread) {
		rt_object_put(o);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	if (!atomic_load(&o->thread->parked)) {
		if (w32_SuspendThread(h) == (DWORD)-1) {
			rt_object_put(o);
			return 0;
		}
		*resume = 1;
		if (!atomic_load(&o->thread->parked)) {
			/* Created suspended: it has no registers yet that
			 * Windows code could see; it ended meanwhile. */
			w32_ResumeThread(h);
			rt_object_put(o);
			rt_set_last_error(ERROR_ACCESS_DENIED);
			return 0;
		}
	}
	return o;
}

static void release_thread(HANDLE h, struct rt_object *o, int resume)
{
	if (resume)
		w32_ResumeThread(h);
	rt_object_put(o);
}

/* Is h the calling thread, by pseudo-handle or a handle of its own? */
static int is_self(HANDLE h)
{
	struct rt_object *o;
	int self;

	if (h == PSEUDO_THREAD)
		return 1;
	o = rt_handle_get(h, RT_H_THREAD);
	if (!o)
		return 0;
	self = (DWORD)o->tid == rt_tid();
	rt_object_put(o);
	return self;
}

/* Copies the parts flags names (CONTEXT_CONTROL, _INTEGER, _SEGMENTS,
 * _FLOATING_POINT; the debug registers are all 0) from src to dst. */
static void copy_parts(W_CONTEXT *dst, const W_CONTEXT *src, DWORD flags)
{
	if (flags & CONTEXT_CONTROL_BIT) {
		dst->gpr[4] = src->gpr[4];
		dst->Rip = src->Rip;
		dst->EFlags = src->EFlags;
		dst->seg[0] = src->seg[0];
		dst->seg[5] = src->seg[5];
	}
	if (flags & CONTEXT_INTEGER_BIT)
		for (int i = 0; i < 16; i++)
			if (i != 4)
				dst->gpr[i] = src->gpr[i];
	if (flags & CONTEXT_SEGMENTS_BIT)
		for (int i = 1; i < 5; i++)
			dst->seg[i] = src->seg[i];
	if (flags & CONTEXT_FLOATING_POINT_BIT) {
		memcpy(dst->flt, src->flt, sizeof dst->flt);
		memcpy(dst->xmm, src->xmm, sizeof dst->xmm);
		dst->MxCsr = src->MxCsr;
	}
	if (flags & 0x10) /* CONTEXT_DEBUG_REGISTERS */
		memset(dst->dr, 0, sizeof dst->dr);
}

BOOL WINAPI w32_GetThreadContext(HANDLE h, void *ctx)
{
	W_CONTEXT *c = ctx, now;
	DWORD flags = c->ContextFlags;
	struct rt_object *o;

	if (is_self(h)) {
		w32_RtlCaptureContext(&now);
	} else {
		int resume;

		if (!(o = held_thread(h, "GetThreadContext", &resume)))
			return FALSE;
		rt_context_from_ucontext(o->thread->uc,
					 (uint64_t)o->thread->uc->uc_mcontext
						 .gregs[REG_RIP],
					 &now);
		release_thread(h, o, resume);
	}
	copy_parts(c, &now, flags);
	return TRUE;
}

BOOL WINAPI w32_SetThreadContext(HANDLE h, const void *ctx)
{
	const W_CONTEXT *c = ctx;
	struct rt_object *o;
	int resume;

	if (is_self(h)) {
		/* The calling thread goes on from the context given; a
		 * context without CONTEXT_CONTROL goes on from here. */
		W_CONTEXT now;
		volatile int again = 0;

		w32_RtlCaptureContext(&now);
		if (again)
			return TRUE;
		again = 1;
		copy_parts(&now, c, c->ContextFlags);
		rt_seh_restore(&now);
	}
	if (!(o = held_thread(h, "SetThreadContext", &resume)))
		return FALSE;
	rt_context_to_ucontext(c, o->thread->uc);
	release_thread(h, o, resume);
	return TRUE;
}

/* /proc counts a thread's CPU time in clock ticks (10 ms), so a thread
 * that ran a few milliseconds reads 0 there: the thread's CPU clock
 * (nanoseconds, this process's threads only) gives the exact total, and
 * what it has beyond the ticks goes to the user time (*u; k is the
 * kernel's share as counted). */
static void exact_total(pid_t tid, uint64_t k, uint64_t *u)
{
	/* The kernel's clock id of a thread's CPU time: its TID, inverted,
	 * shifted, with CPUCLOCK_PERTHREAD and CPUCLOCK_SCHED. */
	clockid_t id = (clockid_t)((~(unsigned)tid << 3) | 4 | 2);
	struct timespec ts;
	uint64_t total;

	if (clock_gettime(id, &ts) != 0)
		return;
	total = (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100;
	if (total > k + *u)
		*u = total - k;
}

/* Another thread's times: what it left when it ended, else the
 * kernel's count for it (clock ticks, /proc/self/task/TID/stat). */
static BOOL other_times(HANDLE h, FILETIME *creation, FILETIME *exit,
			FILETIME *kernel, FILETIME *user)
{
	struct rt_object *o = rt_handle_get(h, RT_H_THREAD);
	struct rt_thread_state *t;
	uint64_t k, u, start;
	int ended_already;

	if (!o)
		return FALSE;
	if (o->process) {
		rt_object_put(o);
		return rt_refuse(ERROR_NOT_SUPPORTED, "GetThreadTimes",
				 "another process's thread");
	}
	t = o->thread;
	pthread_mutex_lock(&rt_wait_lock);
	ended_already = o->signaled;
	pthread_mutex_unlock(&rt_wait_lock);
	if (!t) {
		rt_object_put(o);
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	if (ended_already) {
		k = t->kernel;
		u = t->user;
	} else {
		char path[64];

		snprintf(path, sizeof path, "/proc/self/task/%u/stat",
			 (unsigned)o->tid);
		/* Gone between the check and the read: nothing counted. */
		if (rt_k32_stat_times(path, &start, &k, &u) < 0)
			k = u = 0;
		else
			exact_total(o->tid, k, &u);
	}
	rt_k32_set_ft(creation, t->start);
	rt_k32_set_ft(exit, ended_already ? t->end : 0);
	rt_k32_set_ft(kernel, k);
	rt_k32_set_ft(user, u);
	rt_object_put(o);
	return TRUE;
}

BOOL WINAPI w32_GetThreadTimes(HANDLE h, FILETIME *creation, FILETIME *exit,
			       FILETIME *kernel, FILETIME *user)
{
	struct rusage ru;
	FILETIME pc, pe, pk, pu;

	if (!is_self(h))
		return other_times(h, creation, exit, kernel, user);
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
