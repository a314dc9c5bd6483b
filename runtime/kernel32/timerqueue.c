/*
 * timerqueue.c — kernel32: the thread pool's legacy API, on the same
 * pools, timers and waits (threadpool.c, tpwait.c) — QueueUserWorkItem,
 * CreateTimerQueue/DeleteTimerQueue(Ex), CreateTimerQueueTimer/
 * ChangeTimerQueueTimer/DeleteTimerQueueTimer, RegisterWaitForSingle-
 * Object/UnregisterWait(Ex).
 *
 * The WT_ flags: WT_EXECUTEINTIMERTHREAD and WT_EXECUTEINWAITTHREAD run
 * the callback on the timer or wait thread itself; WT_EXECUTEIN-
 * PERSISTENTTHREAD on a pool whose one thread never ends;
 * WT_EXECUTELONGFUNCTION is CallbackMayRunLong's hint; WT_EXECUTEONLYONCE
 * fires once.  WT_EXECUTEINIOTHREAD asks for a thread that waits
 * alertably, for the APCs of the I/O the callback starts: dllshare queues
 * no APCs, so every thread serves; WT_TRANSFER_IMPERSONATION has no token
 * to transfer.  Other flags are refused.
 */
#include <stdlib.h>

#include "runtime/kernel32/tpool.h"

#define WT_EXECUTEINIOTHREAD	       0x1
#define WT_EXECUTEINWAITTHREAD	       0x4
#define WT_EXECUTEONLYONCE	       0x8
#define WT_EXECUTELONGFUNCTION	       0x10
#define WT_EXECUTEINTIMERTHREAD	       0x20
#define WT_EXECUTEINPERSISTENTIOTHREAD 0x40
#define WT_EXECUTEINPERSISTENTTHREAD   0x80
#define WT_TRANSFER_IMPERSONATION      0x100
#define WT_COMMON                                                              \
	(WT_EXECUTEINIOTHREAD | WT_EXECUTELONGFUNCTION |                       \
	 WT_EXECUTEINPERSISTENTTHREAD | WT_TRANSFER_IMPERSONATION)
#define ERROR_IO_PENDING 997

#define QUEUE_MAGIC 0x51706d54u /* "TmpQ" */

struct queue {
	uint32_t magic;
	DWORD live;	   /* its timers not yet gone */
	int deleting;	   /* 1: freed by its last timer; 2: by a waiter */
	HANDLE done_event; /* set when the last timer went */
	struct qtimer *first;
};

struct qtimer {
	struct queue *q;
	struct rt_tp_object *tp;
	wait_or_timer_fn fn;
	void *arg;
	int once;
	struct qtimer *prev, *next;
};

struct qwait {
	struct rt_tp_object *tp;
	wait_or_timer_fn fn;
	void *arg;
};

struct qwork {
	thread_fn fn;
	void *arg;
};

static struct queue default_queue = {QUEUE_MAGIC, 0, 0, 0, 0};

/* The environment of a legacy object with flags. */
static BOOL flags_env(ULONG flags, W_TP_CALLBACK_ENVIRON *env)
{
	*env = (W_TP_CALLBACK_ENVIRON){.Version = 1};
	if (flags & WT_EXECUTELONGFUNCTION)
		env->Flags |= 1; /* LongFunction */
	if (flags &
	    (WT_EXECUTEINPERSISTENTTHREAD | WT_EXECUTEINPERSISTENTIOTHREAD)) {
		pthread_mutex_lock(&rt_tp_lock);
		env->Pool = rt_tp_persistent_pool();
		pthread_mutex_unlock(&rt_tp_lock);
		if (!env->Pool)
			return FALSE;
	}
	return TRUE;
}

/* ---- QueueUserWorkItem -------------------------------------------------- */

static void WINAPI work_run(struct rt_tp_instance *in, void *ctx)
{
	struct qwork *w = ctx;

	(void)in;
	w->fn(w->arg);
}

/* QueueUserWorkItem: fn(arg) on a pool thread; FALSE with the last
 * error.  The high word of flags (WT_SET_MAX_THREADPOOL_THREADS) is a
 * thread limit that only raises the default pool's maximum, as Windows
 * treats it. */
BOOL WINAPI w32_QueueUserWorkItem(thread_fn fn, void *arg, ULONG flags)
{
	W_TP_CALLBACK_ENVIRON env;
	struct rt_tp_object *o;
	struct qwork *w;

	if (flags & 0xffff & ~(WT_COMMON | WT_EXECUTEINPERSISTENTIOTHREAD))
		return rt_refuse(ERROR_INVALID_PARAMETER, "QueueUserWorkItem",
				 "flags %#x", (unsigned)(flags & 0xffff));
	if (!flags_env(flags, &env))
		return FALSE;
	if (!(w = malloc(sizeof(*w)))) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	w->fn = fn;
	w->arg = arg;
	o = rt_tp_object_new("QueueUserWorkItem", TP_SIMPLE, (void *)work_run,
			     w, &env);
	if (!o) {
		free(w);
		return FALSE;
	}
	pthread_mutex_lock(&rt_tp_lock);
	if (flags >> 16 && o->pool->max < flags >> 16)
		o->pool->max = flags >> 16;
	o->dtor = free;
	rt_tp_submit(o, 0);
	pthread_mutex_unlock(&rt_tp_lock);
	return TRUE;
}

/* ---- timer queues ------------------------------------------------------- */

/* A timer went (its last callback done): out of its queue, which goes
 * with its last timer when DeleteTimerQueueEx left it to.  Lock held. */
static void qtimer_gone(void *ctx)
{
	struct qtimer *t = ctx;
	struct queue *q = t->q;

	if (t->prev)
		t->prev->next = t->next;
	else
		q->first = t->next;
	if (t->next)
		t->next->prev = t->prev;
	free(t);
	if (--q->live || !q->deleting)
		return;
	if (q->done_event)
		w32_SetEvent(q->done_event);
	if (q->deleting == 1) {
		q->magic = 0;
		free(q);
	}
}

static void WINAPI qtimer_run(struct rt_tp_instance *in, void *ctx,
			      struct rt_tp_object *tp)
{
	struct qtimer *t = ctx;

	(void)in;
	(void)tp;
	t->fn(t->arg, TRUE);
}

static struct queue *get_queue(HANDLE h)
{
	struct queue *q = h ? h : &default_queue;

	if (q->magic != QUEUE_MAGIC || q->deleting) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	return q;
}

/* CreateTimerQueue: an empty queue; NULL with the last error. */
HANDLE WINAPI w32_CreateTimerQueue(void)
{
	struct queue *q = calloc(1, sizeof(*q));

	if (!q) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	q->magic = QUEUE_MAGIC;
	return q;
}

/* CreateTimerQueueTimer: fn(arg, TRUE) due ms from now, then every period
 * ms (0, or WT_EXECUTEONLYONCE: once), in queue q (NULL: the default
 * one); the timer in *out.  FALSE with the last error. */
BOOL WINAPI w32_CreateTimerQueueTimer(HANDLE *out, HANDLE qh,
				      wait_or_timer_fn fn, void *arg, DWORD due,
				      DWORD period, ULONG flags)
{
	ULONG known = WT_COMMON | WT_EXECUTEONLYONCE | WT_EXECUTEINTIMERTHREAD;
	W_TP_CALLBACK_ENVIRON env;
	struct qtimer *t;
	struct queue *q;

	if (flags & ~known)
		return rt_refuse(ERROR_INVALID_PARAMETER,
				 "CreateTimerQueueTimer", "flags %#x",
				 (unsigned)(flags & ~known));
	if (!out || !fn) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!flags_env(flags, &env))
		return FALSE;
	if (!(t = calloc(1, sizeof(*t)))) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	t->fn = fn;
	t->arg = arg;
	t->once = (flags & WT_EXECUTEONLYONCE) != 0;
	t->tp = rt_tp_object_new("CreateTimerQueueTimer", TP_TIMER,
				 (void *)qtimer_run, t, &env);
	if (!t->tp) {
		free(t);
		return FALSE;
	}
	pthread_mutex_lock(&rt_tp_lock);
	if (!(q = get_queue(qh))) {
		pthread_mutex_unlock(&rt_tp_lock);
		rt_tp_close(t->tp);
		free(t);
		return FALSE;
	}
	t->q = q;
	t->next = q->first;
	if (q->first)
		q->first->prev = t;
	q->first = t;
	q->live++;
	t->tp->dtor = qtimer_gone;
	t->tp->inline_run = (flags & WT_EXECUTEINTIMERTHREAD) != 0;
	t->tp->timer_set = 1;
	rt_tp_timer_arm(t->tp, rt_tp_after_ms(due), t->once ? 0 : period);
	pthread_mutex_unlock(&rt_tp_lock);
	*out = t;
	return TRUE;
}

/* SetTimerQueueTimer (Windows 2000's): CreateTimerQueueTimer's timer,
 * returned; prefer_io asks WT_EXECUTEINIOTHREAD.  NULL with the last
 * error. */
HANDLE WINAPI w32_SetTimerQueueTimer(HANDLE q, wait_or_timer_fn fn, void *arg,
				     DWORD due, DWORD period, BOOL prefer_io)
{
	HANDLE t;

	if (!w32_CreateTimerQueueTimer(&t, q, fn, arg, due, period,
				       prefer_io ? WT_EXECUTEINIOTHREAD : 0))
		return 0;
	return t;
}

/* CancelTimerQueueTimer (Windows 2000's): DeleteTimerQueueTimer without
 * an event. */
BOOL WINAPI w32_CancelTimerQueueTimer(HANDLE q, HANDLE t)
{
	return w32_DeleteTimerQueueTimer(q, t, 0);
}

/* ChangeTimerQueueTimer: the timer fires due ms from now, then every
 * period ms; a one-shot timer that has fired is left as it is, as
 * Windows documents. */
BOOL WINAPI w32_ChangeTimerQueueTimer(HANDLE qh, HANDLE th, ULONG due,
				      ULONG period)
{
	struct qtimer *t = th;

	(void)qh;
	if (!t) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	pthread_mutex_lock(&rt_tp_lock);
	if (t->tp->in_timers)
		rt_tp_timer_arm(t->tp, rt_tp_after_ms(due),
				t->once ? 0 : period);
	pthread_mutex_unlock(&rt_tp_lock);
	return TRUE;
}

/* How DeleteTimerQueueTimer and UnregisterWaitEx end tp (unset already):
 * ev INVALID_HANDLE_VALUE waits for its callbacks; an event is set when
 * they are done; TRUE when none was outstanding, else FALSE with
 * ERROR_IO_PENDING (ev INVALID_HANDLE_VALUE: TRUE).  Lock held. */
static BOOL finish(struct rt_tp_object *tp, HANDLE ev)
{
	int busy;

	if (ev == INVALID_HANDLE_VALUE)
		rt_tp_wait_idle(tp, 0);
	busy = tp->pending || tp->running;
	if (ev != INVALID_HANDLE_VALUE)
		tp->free_event = ev;
	tp->closed = 1;
	rt_tp_put(tp);
	if (busy) {
		rt_set_last_error(ERROR_IO_PENDING);
		return FALSE;
	}
	return TRUE;
}

/* DeleteTimerQueueTimer: the timer stops and goes once its callbacks are
 * done (finish: what ev asks).  Without an event the answer is always
 * FALSE with ERROR_IO_PENDING, as Wine gives it (Windows documents that
 * error as "nothing more to do"). */
BOOL WINAPI w32_DeleteTimerQueueTimer(HANDLE qh, HANDLE th, HANDLE ev)
{
	struct qtimer *t = th;
	BOOL ok;

	(void)qh;
	if (!t) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	pthread_mutex_lock(&rt_tp_lock);
	rt_tp_unlink(t->tp);
	ok = finish(t->tp, ev);
	pthread_mutex_unlock(&rt_tp_lock);
	if (ok && !ev) {
		rt_set_last_error(ERROR_IO_PENDING);
		return FALSE;
	}
	return ok;
}

/* DeleteTimerQueueEx: every timer of q stops; ev INVALID_HANDLE_VALUE
 * waits for their callbacks (TRUE); otherwise q goes when they are done
 * (ev, if any, set then) and the answer is FALSE with ERROR_IO_PENDING,
 * as Windows and Wine give it. */
BOOL WINAPI w32_DeleteTimerQueueEx(HANDLE qh, HANDLE ev)
{
	struct queue *q;
	struct qtimer *t, *next;

	pthread_mutex_lock(&rt_tp_lock);
	if (!qh || !(q = get_queue(qh))) {
		pthread_mutex_unlock(&rt_tp_lock);
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	q->deleting = ev == INVALID_HANDLE_VALUE ? 2 : 1;
	q->done_event = ev == INVALID_HANDLE_VALUE ? 0 : ev;
	q->live++; /* held while its timers are let go */
	for (t = q->first; t; t = next) {
		next = t->next;
		if (t->tp->closed)
			continue;
		rt_tp_unlink(t->tp);
		t->tp->closed = 1;
		rt_tp_put(t->tp);
	}
	if (--q->live == 0 && q->done_event)
		w32_SetEvent(q->done_event);
	if (q->deleting == 2) {
		while (q->live)
			pthread_cond_wait(&rt_tp_done, &rt_tp_lock);
	}
	if (!q->live) {
		q->magic = 0;
		free(q);
	}
	pthread_mutex_unlock(&rt_tp_lock);
	if (ev == INVALID_HANDLE_VALUE)
		return TRUE;
	rt_set_last_error(ERROR_IO_PENDING);
	return FALSE;
}

BOOL WINAPI w32_DeleteTimerQueue(HANDLE q)
{
	return w32_DeleteTimerQueueEx(q, 0);
}

/* ---- registered waits --------------------------------------------------- */

static void WINAPI qwait_run(struct rt_tp_instance *in, void *ctx,
			     struct rt_tp_object *tp, DWORD result)
{
	struct qwait *w = ctx;

	(void)in;
	(void)tp;
	w->fn(w->arg, result == WAIT_TIMEOUT);
}

/* A registered wait: fn(arg, FALSE) when h is signalled, fn(arg, TRUE)
 * when ms pass first (INFINITE: never); then it waits again, unless
 * WT_EXECUTEONLYONCE.  The wait in *out; FALSE with the last error
 * (refusals under name). */
static BOOL register_wait(const char *name, HANDLE *out, HANDLE h,
			  wait_or_timer_fn fn, void *arg, ULONG ms, ULONG flags)
{
	ULONG known = WT_COMMON | WT_EXECUTEONLYONCE | WT_EXECUTEINWAITTHREAD;
	W_TP_CALLBACK_ENVIRON env;
	struct qwait *w;

	if (flags & ~known)
		return rt_refuse(ERROR_INVALID_PARAMETER, name, "flags %#x",
				 (unsigned)(flags & ~known));
	if (!out || !fn) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!flags_env(flags, &env))
		return FALSE;
	if (!(w = calloc(1, sizeof(*w)))) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	w->fn = fn;
	w->arg = arg;
	w->tp = rt_tp_object_new(name, TP_WAIT, (void *)qwait_run, w, &env);
	if (!w->tp) {
		free(w);
		return FALSE;
	}
	pthread_mutex_lock(&rt_tp_lock);
	w->tp->dtor = free;
	w->tp->inline_run = (flags & WT_EXECUTEINWAITTHREAD) != 0;
	w->tp->rearm = !(flags & WT_EXECUTEONLYONCE);
	w->tp->rearm_ms = ms;
	rt_tp_wait_arm(w->tp, h,
		       ms == INFINITE ? UINT64_MAX : rt_tp_after_ms(ms));
	pthread_mutex_unlock(&rt_tp_lock);
	*out = w;
	return TRUE;
}

/* RegisterWaitForSingleObject: register_wait's wait in *out. */
BOOL WINAPI w32_RegisterWaitForSingleObject(HANDLE *out, HANDLE h,
					    wait_or_timer_fn fn, void *arg,
					    ULONG ms, ULONG flags)
{
	return register_wait("RegisterWaitForSingleObject", out, h, fn, arg, ms,
			     flags);
}

/* RegisterWaitForSingleObjectEx: RegisterWaitForSingleObject's wait,
 * returned; NULL with the last error. */
HANDLE WINAPI w32_RegisterWaitForSingleObjectEx(HANDLE h, wait_or_timer_fn fn,
						void *arg, ULONG ms,
						ULONG flags)
{
	HANDLE w;

	if (!register_wait("RegisterWaitForSingleObjectEx", &w, h, fn, arg, ms,
			   flags))
		return 0;
	return w;
}

/* UnregisterWaitEx: the wait stops and goes once its callbacks are done
 * (finish: what ev asks; from its own callback, FALSE with
 * ERROR_IO_PENDING). */
BOOL WINAPI w32_UnregisterWaitEx(HANDLE wh, HANDLE ev)
{
	struct qwait *w = wh;
	BOOL ok;

	if (!w) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	pthread_mutex_lock(&rt_tp_lock);
	rt_tp_unlink(w->tp);
	ok = finish(w->tp, ev);
	pthread_mutex_unlock(&rt_tp_lock);
	return ok;
}

BOOL WINAPI w32_UnregisterWait(HANDLE w)
{
	return w32_UnregisterWaitEx(w, 0);
}
