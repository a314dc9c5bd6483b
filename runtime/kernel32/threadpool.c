/*
 * threadpool.c — kernel32: thread pools, their work objects, callback
 * instances and cleanup groups — CreateThreadpool, SetThreadpoolThread-
 * Maximum/Minimum, CreateThreadpoolWork and its kin,
 * TrySubmitThreadpoolCallback, the *WhenCallbackReturns functions,
 * CreateThreadpoolCleanupGroup and CloseThreadpoolCleanupGroupMembers.
 * Timers and waits fire through tpwait.c; the legacy API is timerqueue.c.
 *
 * A pool's threads are made by CreateThread, so each has its TEB and the
 * loader's per-thread attach before it runs a callback.  A thread is
 * started when a callback is queued and no idle thread is left (up to the
 * pool's maximum); one idle for 5 s ends, down to the minimum, as
 * Windows' and Wine's do.  An object is in its pool's queue (one of three,
 * by priority) while it has callbacks queued, once however many.
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "runtime/kernel32/tpool.h"

#define IDLE_NS	       5000000000ull /* an idle thread ends after 5 s */
#define DEFAULT_MAX    500	     /* Windows' default pool maximum */
#define PRIO_NORMAL    1
#define ENV_LONG       0x1 /* TP_CALLBACK_ENVIRON.u.s.LongFunction */
#define ENV_PERSISTENT 0x2 /* .Persistent */

pthread_mutex_t rt_tp_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t rt_tp_done = PTHREAD_COND_INITIALIZER;

static struct rt_tp_pool *default_pool, *persistent_pool;

/* ---- pools ------------------------------------------------------------- */

static struct rt_tp_pool *pool_new(DWORD max)
{
	struct rt_tp_pool *p = calloc(1, sizeof(*p));
	pthread_condattr_t ca;

	if (!p)
		return 0;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->cond, &ca);
	pthread_condattr_destroy(&ca);
	p->refs = 1;
	p->max = max;
	return p;
}

static void pool_put(struct rt_tp_pool *p)
{
	if (--p->refs == 0) {
		pthread_cond_destroy(&p->cond);
		free(p);
	}
}

static struct rt_tp_object *dequeue(struct rt_tp_pool *p)
{
	for (int i = 0; i < TP_PRIORITIES; i++) {
		struct rt_tp_object *o = p->head[i];

		if (o) {
			if (!(p->head[i] = o->qnext))
				p->tail[i] = 0;
			o->qnext = 0;
			return o;
		}
	}
	return 0;
}

static void enqueue(struct rt_tp_pool *p, struct rt_tp_object *o)
{
	if (p->tail[o->prio])
		p->tail[o->prio]->qnext = o;
	else
		p->head[o->prio] = o;
	p->tail[o->prio] = o;
}

static void unqueue(struct rt_tp_pool *p, struct rt_tp_object *o)
{
	struct rt_tp_object **pp = &p->head[o->prio], *prev = 0;

	while (*pp && *pp != o) {
		prev = *pp;
		pp = &(*pp)->qnext;
	}
	if (!*pp)
		return;
	*pp = o->qnext;
	if (p->tail[o->prio] == o)
		p->tail[o->prio] = prev;
	o->qnext = 0;
}

static DWORD WINAPI worker(void *arg);

/* Starts one thread of p; 0, or -1 with the last error.  Lock held. */
static int start_thread(struct rt_tp_pool *p)
{
	HANDLE h;

	p->refs++;
	p->threads++;
	p->idle++;
	h = w32_CreateThread(0, 0, worker, p, 0, 0);
	if (!h) {
		p->threads--;
		p->idle--;
		p->refs--;
		return -1;
	}
	w32_CloseHandle(h);
	return 0;
}

/* A pool thread: runs queued callbacks; ends when idle too long (above
 * the minimum), above the maximum, or when its closed pool has no object
 * left. */
static DWORD WINAPI worker(void *arg)
{
	struct rt_tp_pool *p = arg;
	struct rt_tp_object *o;

	pthread_mutex_lock(&rt_tp_lock);
	for (;;) {
		if (p->threads > p->max)
			break;
		if ((o = dequeue(p))) {
			o->queued = 0;
			p->idle--;
			if (o->pending > 1) { /* the rest wait their turn */
				o->queued = 1;
				o->refs++;
				enqueue(p, o);
			}
			rt_tp_execute(o, ~0u);
			p->idle++;
			rt_tp_put(o); /* the queue's reference */
			continue;
		}
		if (p->closed && !p->objects)
			break;
		if (p->persistent || p->threads <= p->min) {
			pthread_cond_wait(&p->cond, &rt_tp_lock);
		} else {
			struct timespec until;
			uint64_t t = rt_tp_now() + IDLE_NS;

			until.tv_sec = (time_t)(t / 1000000000u);
			until.tv_nsec = (long)(t % 1000000000u);
			if (pthread_cond_timedwait(&p->cond, &rt_tp_lock,
						   &until) == ETIMEDOUT &&
			    !p->head[0] && !p->head[1] && !p->head[2] &&
			    p->threads > p->min)
				break;
		}
	}
	p->threads--;
	p->idle--;
	pool_put(p);
	pthread_mutex_unlock(&rt_tp_lock);
	return 0;
}

/* The default pool, made at its first use; lock held. */
static struct rt_tp_pool *get_default(void)
{
	if (!default_pool)
		default_pool = pool_new(DEFAULT_MAX);
	return default_pool;
}

struct rt_tp_pool *rt_tp_persistent_pool(void)
{
	if (!persistent_pool && (persistent_pool = pool_new(1))) {
		persistent_pool->persistent = 1;
		persistent_pool->min = 1;
	}
	if (!persistent_pool)
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return persistent_pool;
}

/* CreateThreadpool: a private pool, at most 500 threads, none at first
 * (reserved must be NULL). */
struct rt_tp_pool *WINAPI w32_CreateThreadpool(void *reserved)
{
	struct rt_tp_pool *p;

	if (reserved) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (!(p = pool_new(DEFAULT_MAX)))
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return p;
}

/* CloseThreadpool: the pool goes once its objects have; its threads end
 * when they find it closed and empty. */
void WINAPI w32_CloseThreadpool(struct rt_tp_pool *p)
{
	pthread_mutex_lock(&rt_tp_lock);
	p->closed = 1;
	pthread_cond_broadcast(&p->cond);
	pool_put(p);
	pthread_mutex_unlock(&rt_tp_lock);
}

/* SetThreadpoolThreadMaximum: at most n threads (at least 1); a minimum
 * above it comes down to it.  Threads above it end when they are next
 * free. */
void WINAPI w32_SetThreadpoolThreadMaximum(struct rt_tp_pool *p, DWORD n)
{
	pthread_mutex_lock(&rt_tp_lock);
	p->max = n ? n : 1;
	if (p->min > p->max)
		p->min = p->max;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&rt_tp_lock);
}

/* SetThreadpoolThreadMinimum: at least n threads, started now (the
 * maximum rises to n); FALSE with the last error when one cannot be. */
BOOL WINAPI w32_SetThreadpoolThreadMinimum(struct rt_tp_pool *p, DWORD n)
{
	BOOL ok = TRUE;

	pthread_mutex_lock(&rt_tp_lock);
	while (p->threads < n)
		if (start_thread(p) < 0) {
			ok = FALSE;
			break;
		}
	if (ok) {
		p->min = n;
		if (p->max < n)
			p->max = n;
	}
	pthread_mutex_unlock(&rt_tp_lock);
	return ok;
}

/* ---- objects ------------------------------------------------------------ */

static void group_add(struct rt_tp_group *g, struct rt_tp_object *o)
{
	o->group = g;
	o->gnext = g->first;
	if (g->first)
		g->first->gprev = o;
	g->first = o;
}

static void group_remove(struct rt_tp_object *o)
{
	if (!o->group)
		return;
	if (o->gprev)
		o->gprev->gnext = o->gnext;
	else
		o->group->first = o->gnext;
	if (o->gnext)
		o->gnext->gprev = o->gprev;
	o->group = 0;
	o->gprev = o->gnext = 0;
}

/* Reads env into o: what it cannot honour is refused. */
static BOOL read_env(const char *fn, const W_TP_CALLBACK_ENVIRON *env,
		     struct rt_tp_object *o)
{
	o->prio = PRIO_NORMAL;
	if (!env)
		return TRUE;
	if (env->Version != 1 && env->Version != 3)
		return rt_refuse(ERROR_INVALID_PARAMETER, fn,
				 "callback environment version %u",
				 (unsigned)env->Version);
	/* dllshare has no activation contexts: none, or "no context". */
	if (env->ActivationContext && env->ActivationContext != (void *)-1)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "an activation context");
	if (env->Flags & ENV_PERSISTENT)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "a persistent callback environment");
	if (env->Version == 3) {
		if (env->CallbackPriority >= TP_PRIORITIES) {
			rt_set_last_error(ERROR_INVALID_PARAMETER);
			return FALSE;
		}
		o->prio = (int)env->CallbackPriority;
	}
	o->may_run_long = (env->Flags & ENV_LONG) != 0;
	o->pool = env->Pool;
	o->group = env->CleanupGroup;
	o->cancel = env->CleanupGroupCancelCallback;
	o->final = env->FinalizationCallback;
	if (env->RaceDll) {
		/* A reference on the DLL while the object lives, so that it
		 * cannot be unloaded under a callback. */
		struct ld_module *m = ld_module_from_handle(env->RaceDll);
		struct ld_error err;

		if (!m ||
		    ld_load_library(ld_module_path(m), 0, LD_LOAD_LOADED_ONLY,
				    &o->race_dll, &err) < 0) {
			rt_set_last_error(ERROR_MOD_NOT_FOUND);
			return FALSE;
		}
	}
	return TRUE;
}

struct rt_tp_object *rt_tp_object_new(const char *fn, enum tp_kind kind,
				      void *callback, void *ctx,
				      const W_TP_CALLBACK_ENVIRON *env)
{
	struct rt_tp_object *o = calloc(1, sizeof(*o));
	struct rt_tp_group *g;

	if (!o) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	o->kind = kind;
	o->callback = callback;
	o->ctx = ctx;
	o->refs = 1;
	o->deadline = UINT64_MAX;
	if (!read_env(fn, env, o)) {
		free(o);
		return 0;
	}
	g = o->group;
	o->group = 0;
	pthread_mutex_lock(&rt_tp_lock);
	if (!o->pool && !(o->pool = get_default())) {
		pthread_mutex_unlock(&rt_tp_lock);
		if (o->race_dll)
			ld_free_library(o->race_dll);
		free(o);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	if ((kind == TP_WAIT && rt_tp_wait_attach(o) < 0) ||
	    (kind == TP_TIMER && rt_tp_timer_attach() < 0)) {
		pthread_mutex_unlock(&rt_tp_lock);
		if (o->race_dll)
			ld_free_library(o->race_dll);
		free(o);
		return 0;
	}
	o->pool->refs++;
	o->pool->objects++;
	if (g)
		group_add(g, o);
	pthread_mutex_unlock(&rt_tp_lock);
	return o;
}

void rt_tp_put(struct rt_tp_object *o)
{
	struct rt_tp_pool *p = o->pool;

	if (--o->refs)
		return;
	group_remove(o);
	if (o->race_dll) {
		/* The DLL's detach may run: not under the lock. */
		pthread_mutex_unlock(&rt_tp_lock);
		ld_free_library(o->race_dll);
		pthread_mutex_lock(&rt_tp_lock);
	}
	if (o->free_event)
		w32_SetEvent(o->free_event);
	if (o->dtor)
		o->dtor(o->ctx);
	free(o);
	if (--p->objects == 0 && p->closed)
		pthread_cond_broadcast(&p->cond);
	pool_put(p);
	pthread_cond_broadcast(&rt_tp_done);
}

void rt_tp_submit(struct rt_tp_object *o, DWORD result)
{
	struct rt_tp_pool *p = o->pool;

	o->pending++;
	if (result == WAIT_OBJECT_0)
		o->signaled++;
	p->queued++;
	if (!o->queued) {
		o->queued = 1;
		o->refs++;
		enqueue(p, o);
	}
	if (p->idle >= p->queued || p->threads >= p->max || start_thread(p) < 0)
		pthread_cond_signal(&p->cond);
}

void rt_tp_cancel(struct rt_tp_object *o)
{
	struct rt_tp_pool *p = o->pool;

	p->queued -= o->pending;
	o->pending = 0;
	o->signaled = 0;
	if (o->queued) {
		unqueue(p, o);
		o->queued = 0;
		rt_tp_put(o);
	}
	pthread_cond_broadcast(&rt_tp_done);
}

void rt_tp_wait_idle(struct rt_tp_object *o, int associated_only)
{
	while (o->pending || (associated_only ? o->associated : o->running))
		pthread_cond_wait(&rt_tp_done, &rt_tp_lock);
}

void rt_tp_close(struct rt_tp_object *o)
{
	pthread_mutex_lock(&rt_tp_lock);
	rt_tp_unlink(o);
	o->closed = 1;
	rt_tp_put(o);
	pthread_mutex_unlock(&rt_tp_lock);
}

/* The actions a callback asked for on its return, in Windows' order;
 * a failing release ends them, as on Windows. */
static void instance_cleanup(struct rt_tp_instance *in)
{
	if (in->cs)
		w32_LeaveCriticalSection(in->cs);
	if (in->mutex && !w32_ReleaseMutex(in->mutex))
		return;
	if (in->semaphore &&
	    !w32_ReleaseSemaphore(in->semaphore, in->sem_count, 0))
		return;
	if (in->event && !w32_SetEvent(in->event))
		return;
	if (in->library)
		w32_FreeLibrary(in->library);
}

void rt_tp_execute(struct rt_tp_object *o, DWORD result)
{
	struct rt_tp_instance in = {0};

	if (o->pending) {
		o->pending--;
		o->pool->queued--;
	}
	if (o->kind == TP_WAIT && result == ~0u) {
		result = o->signaled ? WAIT_OBJECT_0 : WAIT_TIMEOUT;
		if (o->signaled)
			o->signaled--;
	}
	o->refs++;
	o->running++;
	o->associated++;
	in.obj = o;
	in.tid = rt_tid();
	in.associated = 1;
	in.may_run_long = o->may_run_long;
	pthread_mutex_unlock(&rt_tp_lock);
	switch (o->kind) {
	case TP_SIMPLE: ((tp_simple_fn)o->callback)(&in, o->ctx); break;
	case TP_WORK:
	case TP_TIMER: ((tp_work_fn)o->callback)(&in, o->ctx, o); break;
	case TP_WAIT: ((tp_wait_fn)o->callback)(&in, o->ctx, o, result); break;
	}
	if (o->final)
		o->final(&in, o->ctx);
	instance_cleanup(&in);
	pthread_mutex_lock(&rt_tp_lock);
	if (o->kind == TP_SIMPLE && !o->closed) {
		o->closed = 1; /* it ran: the object was its one callback */
		o->refs--;
	}
	o->running--;
	if (in.associated)
		o->associated--;
	pthread_cond_broadcast(&rt_tp_done);
	rt_tp_put(o);
}

/* ---- work --------------------------------------------------------------- */

/* CreateThreadpoolWork: a work object of env's pool (NULL: the default
 * one); NULL with the last error. */
struct rt_tp_object *WINAPI w32_CreateThreadpoolWork(tp_work_fn fn, void *ctx,
						     W_TP_CALLBACK_ENVIRON *env)
{
	return rt_tp_object_new("CreateThreadpoolWork", TP_WORK, (void *)fn,
				ctx, env);
}

/* SubmitThreadpoolWork: one more callback of w, queued. */
void WINAPI w32_SubmitThreadpoolWork(struct rt_tp_object *w)
{
	pthread_mutex_lock(&rt_tp_lock);
	rt_tp_submit(w, 0);
	pthread_mutex_unlock(&rt_tp_lock);
}

/* WaitForThreadpool{Work,Timer,Wait}Callbacks: returns when w's queued
 * callbacks (cancelled first with cancel) and its running ones (bar those
 * that disassociated themselves) are done. */
void WINAPI w32_WaitForThreadpoolWorkCallbacks(struct rt_tp_object *w,
					       BOOL cancel)
{
	pthread_mutex_lock(&rt_tp_lock);
	if (cancel)
		rt_tp_cancel(w);
	rt_tp_wait_idle(w, 1);
	pthread_mutex_unlock(&rt_tp_lock);
}

/* CloseThreadpoolWork: w goes once its queued callbacks have run. */
void WINAPI w32_CloseThreadpoolWork(struct rt_tp_object *w)
{
	rt_tp_close(w);
}

/* TrySubmitThreadpoolCallback: fn(instance, ctx) queued once, on env's
 * pool; FALSE with the last error. */
BOOL WINAPI w32_TrySubmitThreadpoolCallback(tp_simple_fn fn, void *ctx,
					    W_TP_CALLBACK_ENVIRON *env)
{
	struct rt_tp_object *o = rt_tp_object_new(
		"TrySubmitThreadpoolCallback", TP_SIMPLE, (void *)fn, ctx, env);

	if (!o)
		return FALSE;
	pthread_mutex_lock(&rt_tp_lock);
	rt_tp_submit(o, 0);
	pthread_mutex_unlock(&rt_tp_lock);
	return TRUE;
}

/* ---- callback instances ------------------------------------------------- */

/* CallbackMayRunLong: TRUE when another thread of the pool is idle or
 * can be started (one is, now) to serve the callbacks behind this one;
 * FALSE when every thread is busy and the pool is at its maximum. */
BOOL WINAPI w32_CallbackMayRunLong(struct rt_tp_instance *in)
{
	struct rt_tp_pool *p = in->obj->pool;
	BOOL ok = TRUE;

	if (in->may_run_long)
		return TRUE;
	pthread_mutex_lock(&rt_tp_lock);
	if (p->idle == 0 && (p->threads >= p->max || start_thread(p) < 0))
		ok = FALSE;
	pthread_mutex_unlock(&rt_tp_lock);
	in->may_run_long = ok;
	return ok;
}

/* The *WhenCallbackReturns functions: what the pool does for the callback
 * once it (and the finalization callback) returned. */
void WINAPI w32_SetEventWhenCallbackReturns(struct rt_tp_instance *in,
					    HANDLE ev)
{
	in->event = ev;
}

void WINAPI w32_ReleaseSemaphoreWhenCallbackReturns(struct rt_tp_instance *in,
						    HANDLE sem, DWORD n)
{
	in->semaphore = sem;
	in->sem_count = (LONG)n;
}

void WINAPI w32_ReleaseMutexWhenCallbackReturns(struct rt_tp_instance *in,
						HANDLE mutex)
{
	in->mutex = mutex;
}

void WINAPI w32_LeaveCriticalSectionWhenCallbackReturns(
	struct rt_tp_instance *in, CRITICAL_SECTION *cs)
{
	in->cs = cs;
}

void WINAPI w32_FreeLibraryWhenCallbackReturns(struct rt_tp_instance *in,
					       HMODULE mod)
{
	in->library = mod;
}

/* DisassociateCurrentThreadFromCallback: WaitFor*Callbacks no longer
 * waits for this callback (a cleanup group still does); only the thread
 * running it may ask. */
void WINAPI w32_DisassociateCurrentThreadFromCallback(struct rt_tp_instance *in)
{
	if (!in->associated || in->tid != rt_tid())
		return;
	pthread_mutex_lock(&rt_tp_lock);
	in->associated = 0;
	in->obj->associated--;
	pthread_cond_broadcast(&rt_tp_done);
	pthread_mutex_unlock(&rt_tp_lock);
}

/* ---- cleanup groups ----------------------------------------------------- */

/* CreateThreadpoolCleanupGroup: an empty group; NULL with the last
 * error. */
struct rt_tp_group *WINAPI w32_CreateThreadpoolCleanupGroup(void)
{
	struct rt_tp_group *g = calloc(1, sizeof(*g));

	if (!g)
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return g;
}

/* CloseThreadpoolCleanupGroupMembers: every member's timer and wait
 * unset, its queued callbacks cancelled with cancel, then, once its
 * callbacks are done, the member the program had not closed is closed
 * (with cancel its group cancel callback called first: (its context,
 * ctx)).  The group is empty after. */
void WINAPI w32_CloseThreadpoolCleanupGroupMembers(struct rt_tp_group *g,
						   BOOL cancel, void *ctx)
{
	struct rt_tp_object *o, *list = 0, *next;

	pthread_mutex_lock(&rt_tp_lock);
	while ((o = g->first)) {
		group_remove(o);
		o->refs++;
		o->gnext = list; /* the list of the members taken */
		list = o;
		rt_tp_unlink(o);
		if (cancel)
			rt_tp_cancel(o);
	}
	for (o = list; o; o = next) {
		next = o->gnext;
		o->gnext = 0;
		rt_tp_wait_idle(o, 0);
		if (!o->closed) {
			if (cancel && o->cancel) {
				pthread_mutex_unlock(&rt_tp_lock);
				o->cancel(o->ctx, ctx);
				pthread_mutex_lock(&rt_tp_lock);
			}
			o->closed = 1;
			rt_tp_put(o);
		}
		rt_tp_put(o);
	}
	pthread_mutex_unlock(&rt_tp_lock);
}

/* CloseThreadpoolCleanupGroup: the group goes; members it still has
 * (Windows requires none) stay as they are, out of it. */
void WINAPI w32_CloseThreadpoolCleanupGroup(struct rt_tp_group *g)
{
	pthread_mutex_lock(&rt_tp_lock);
	while (g->first)
		group_remove(g->first);
	pthread_mutex_unlock(&rt_tp_lock);
	free(g);
}
