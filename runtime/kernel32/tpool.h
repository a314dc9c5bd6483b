/*
 * tpool.h — what the thread pool's three files share: the pool, its
 * objects and cleanup groups (threadpool.c), the timer thread and the
 * wait threads (tpwait.c), and the legacy API built on them
 * (timerqueue.c).  Not an interface of the DLL (that is kernel32.h).
 *
 * One lock, rt_tp_lock, guards every pool, object, group, timer list and
 * wait bucket: the pools of a process are few and their bookkeeping is
 * short; no Windows code ever runs with it held.  Under it the runtime
 * only takes locks of its own below (rt_wait_lock through SetEvent and
 * CreateThread, the handle table), never the reverse.
 */
#ifndef DLLSHARE_TPOOL_H
#define DLLSHARE_TPOOL_H

#include <pthread.h>
#include <stdint.h>

#include "runtime/kernel32/k32int.h"

#define TP_PRIORITIES 3 /* TP_CALLBACK_PRIORITY_HIGH, _NORMAL, _LOW */

enum tp_kind { TP_SIMPLE, TP_WORK, TP_TIMER, TP_WAIT };

/* A pool: its queue of objects with callbacks to run, its threads. */
struct rt_tp_pool {
	int refs;	/* the program's, each object's, each thread's */
	int closed;	/* CloseThreadpool was called */
	int persistent; /* its threads never end when idle */
	DWORD max, min; /* SetThreadpoolThreadMaximum/Minimum */
	DWORD threads;	/* started and not ended */
	DWORD idle;	/* of them, not running a callback */
	DWORD queued;	/* callbacks waiting for a thread */
	DWORD objects;	/* objects bound to it */
	struct rt_tp_object *head[TP_PRIORITIES], *tail[TP_PRIORITIES];
	pthread_cond_t cond; /* work queued, or the pool closed */
};

/* A work, timer or wait object, or one TrySubmitThreadpoolCallback. */
struct rt_tp_object {
	enum tp_kind kind;
	int refs;   /* the program's, the queue's, each running callback's,
		     * the timer list's, the wait bucket's, a waiter's */
	int closed; /* the program let it go (a simple one: it ran) */
	struct rt_tp_pool *pool;
	void *callback; /* tp_simple_fn... by kind */
	void *ctx;
	/* From the callback environment. */
	struct rt_tp_group *group;
	struct rt_tp_object *gprev, *gnext;
	tp_cancel_fn cancel;
	tp_simple_fn final;
	struct ld_module *race_dll; /* a reference held */
	int prio;
	int may_run_long;
	/* The pool's queue. */
	struct rt_tp_object *qnext;
	int queued;
	DWORD pending;	  /* callbacks queued */
	DWORD running;	  /* callbacks running */
	DWORD associated; /* of them, not disassociated */
	/* How callbacks run: on the pool, or on the timer or wait thread
	 * that fires them (WT_EXECUTEINTIMERTHREAD, _INWAITTHREAD). */
	int inline_run;
	/* Timers (tpwait.c). */
	int timer_set; /* IsThreadpoolTimerSet */
	int in_timers; /* in the timer list */
	uint64_t due;  /* CLOCK_MONOTONIC ns */
	DWORD period;  /* ms */
	struct rt_tp_object *tnext;
	/* Waits (tpwait.c). */
	struct tp_bucket *bucket;
	HANDLE handle;	   /* what is waited for; NULL: not set */
	uint64_t deadline; /* CLOCK_MONOTONIC ns; UINT64_MAX: none */
	uint32_t gen;	   /* bumped by every SetThreadpoolWait */
	DWORD signaled;	   /* queued callbacks that saw the handle signalled */
	int rearm;	   /* legacy waits without WT_EXECUTEONLYONCE */
	DWORD rearm_ms;
	/* Freeing: an event to set, a destructor of ctx (the legacy API's). */
	HANDLE free_event;
	void (*dtor)(void *ctx);
};

/* A cleanup group: the objects created with it in their environment. */
struct rt_tp_group {
	struct rt_tp_object *first;
};

/* What a running callback may ask to be done when it returns. */
struct rt_tp_instance {
	struct rt_tp_object *obj;
	DWORD tid;
	int associated, may_run_long;
	CRITICAL_SECTION *cs;
	HANDLE mutex, semaphore, event;
	LONG sem_count;
	HMODULE library;
};

extern pthread_mutex_t rt_tp_lock;
/* Broadcast whenever a callback ends or is cancelled, and when a legacy
 * object goes: what WaitFor*Callbacks and the legacy deletions wait on. */
extern pthread_cond_t rt_tp_done;

/* threadpool.c: a new object of kind running fn(ctx) as env says (NULL:
 * the default pool); NULL with the last error (fn names the caller in
 * refusals). */
struct rt_tp_object *rt_tp_object_new(const char *fn, enum tp_kind kind,
				      void *callback, void *ctx,
				      const W_TP_CALLBACK_ENVIRON *env);
/* threadpool.c: queues one callback of o on its pool (result: the wait's
 * for a wait, WAIT_OBJECT_0 counts as signalled).  Lock held. */
void rt_tp_submit(struct rt_tp_object *o, DWORD result);
/* threadpool.c: runs one callback of o on the calling thread (a timer or
 * wait thread); lock held, let go while the callback runs. */
void rt_tp_execute(struct rt_tp_object *o, DWORD result);
/* threadpool.c: drops a reference; frees o at the last.  Lock held (let
 * go for a moment when o held a DLL: its detach may run). */
void rt_tp_put(struct rt_tp_object *o);
/* threadpool.c: cancels o's queued callbacks.  Lock held. */
void rt_tp_cancel(struct rt_tp_object *o);
/* threadpool.c: waits until o has no queued or (associated) running
 * callbacks; lock held. */
void rt_tp_wait_idle(struct rt_tp_object *o, int associated_only);
/* threadpool.c: the program lets o go (Close*): its timer or wait is
 * unset, callbacks queued still run, it is freed after them. */
void rt_tp_close(struct rt_tp_object *o);
/* threadpool.c: the pool of callbacks that must run on a thread that
 * never ends (WT_EXECUTEINPERSISTENTTHREAD); NULL with the last error. */
struct rt_tp_pool *rt_tp_persistent_pool(void);

/* tpwait.c: sets timer o to fire at due (CLOCK_MONOTONIC ns) and then
 * every period ms (0: once); due UINT64_MAX unsets it.  Lock held. */
void rt_tp_timer_arm(struct rt_tp_object *o, uint64_t due, DWORD period);
/* tpwait.c: the timer thread, started at the first timer; 0, or -1 with
 * the last error.  Lock held. */
int rt_tp_timer_attach(void);
/* tpwait.c: a wait object's place on a wait thread, taken at creation;
 * 0, or -1 with the last error.  Lock held. */
int rt_tp_wait_attach(struct rt_tp_object *o);
/* tpwait.c: sets wait o on h until deadline (NULL h: unsets it); lock
 * held. */
void rt_tp_wait_arm(struct rt_tp_object *o, HANDLE h, uint64_t deadline);
/* tpwait.c: o goes: off the timer list or its wait thread; lock held. */
void rt_tp_unlink(struct rt_tp_object *o);
/* tpwait.c: CLOCK_MONOTONIC now, in ns; the time ms from now. */
uint64_t rt_tp_now(void);
uint64_t rt_tp_after_ms(DWORD ms);

#endif
