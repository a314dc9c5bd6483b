/*
 * tpwait.c — kernel32: thread pool timers and waits —
 * CreateThreadpoolTimer, SetThreadpoolTimer, IsThreadpoolTimerSet,
 * CreateThreadpoolWait, SetThreadpoolWait and their Wait/Close.
 *
 * One timer thread keeps the set timers in a list sorted by due time and
 * sleeps until the first (a condition variable on CLOCK_MONOTONIC, so
 * that setting an earlier timer wakes it).  Waits live in buckets of 63,
 * each with a thread that sleeps in WaitForMultipleObjects on its waits'
 * handles and its own update event (set whenever a wait of the bucket
 * changes): the handles are any the runtime can wait for, named objects
 * of other processes included (wait.c).  Both threads are made by
 * CreateThread, as they may run a legacy callback themselves
 * (WT_EXECUTEINTIMERTHREAD, WT_EXECUTEINWAITTHREAD); neither ends.
 */
#include <stdlib.h>
#include <time.h>

#include "runtime/kernel32/tpool.h"

#define BUCKET_MAX 63 /* MAXIMUM_WAIT_OBJECTS less the update event */
#define NS_PER_MS  1000000ull

struct tp_bucket {
	HANDLE update; /* auto-reset: a wait of the bucket changed */
	struct rt_tp_object *w[BUCKET_MAX];
	int n;
	struct tp_bucket *next;
};

static struct rt_tp_object *timers; /* set ones, by due time */
static int timer_started;
static pthread_cond_t timer_cond;
static struct tp_bucket *buckets;

uint64_t rt_tp_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t rt_tp_after_ms(DWORD ms)
{
	return rt_tp_now() + ms * NS_PER_MS;
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* now + ticks of 100 ns, short of UINT64_MAX (which means never) however
 * far away. */
static uint64_t later(uint64_t now, uint64_t ticks)
{
	uint64_t room = (UINT64_MAX - 1 - now) / 100u;

	return ticks > room ? UINT64_MAX - 1 : now + ticks * 100u;
}

/* A due time or timeout as Windows gives it: NULL none (UINT64_MAX),
 * negative relative in 100 ns units, else an absolute FILETIME (in the
 * past, 0 among them: now). */
static uint64_t ft_deadline(const FILETIME *ft)
{
	struct timespec rt;
	uint64_t now = rt_tp_now(), now_ft;
	int64_t v;

	if (!ft)
		return UINT64_MAX;
	v = (int64_t)rt_k32_ft64(ft);
	if (v < 0)
		return later(now,
			     (uint64_t)(-(v + 1)) +
				     1); /* -INT64_MIN overflows */
	clock_gettime(CLOCK_REALTIME, &rt);
	now_ft = EPOCH_1601 + (uint64_t)rt.tv_sec * 10000000u +
		(uint64_t)rt.tv_nsec / 100u;
	if ((uint64_t)v <= now_ft)
		return now;
	return later(now, (uint64_t)v - now_ft);
}

/* ---- the timer thread --------------------------------------------------- */

static void timer_insert(struct rt_tp_object *o)
{
	struct rt_tp_object **pp = &timers;

	while (*pp && (*pp)->due <= o->due)
		pp = &(*pp)->tnext;
	o->tnext = *pp;
	*pp = o;
	o->in_timers = 1;
}

static void timer_remove(struct rt_tp_object *o)
{
	struct rt_tp_object **pp = &timers;

	if (!o->in_timers)
		return;
	while (*pp != o)
		pp = &(*pp)->tnext;
	*pp = o->tnext;
	o->tnext = 0;
	o->in_timers = 0;
	rt_tp_put(o); /* the list's reference */
}

/* Fires the timers that are due (a periodic one goes back in the list
 * a period later, or now when it fell behind), then sleeps until the
 * next. */
static DWORD WINAPI timer_thread(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&rt_tp_lock);
	for (;;) {
		struct rt_tp_object *o = timers;
		uint64_t now = rt_tp_now();
		struct timespec until;

		if (o && o->due <= now) {
			int periodic = o->period != 0;

			timers = o->tnext;
			o->tnext = 0;
			o->in_timers = 0;
			if (periodic) {
				o->due += o->period * NS_PER_MS;
				if (o->due <= now)
					o->due = now + 1;
				o->refs++; /* the list's again */
				timer_insert(o);
			}
			if (o->inline_run)
				rt_tp_execute(o, 0);
			else
				rt_tp_submit(o, 0);
			rt_tp_put(o);
			continue;
		}
		if (!o) {
			pthread_cond_wait(&timer_cond, &rt_tp_lock);
			continue;
		}
		until.tv_sec = (time_t)(o->due / 1000000000u);
		until.tv_nsec = (long)(o->due % 1000000000u);
		pthread_cond_timedwait(&timer_cond, &rt_tp_lock, &until);
	}
	return 0;
}

int rt_tp_timer_attach(void)
{
	pthread_condattr_t ca;
	HANDLE h;

	if (timer_started)
		return 0;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&timer_cond, &ca);
	pthread_condattr_destroy(&ca);
	if (!(h = w32_CreateThread(0, 0, timer_thread, 0, 0, 0)))
		return -1;
	w32_CloseHandle(h);
	timer_started = 1;
	return 0;
}

void rt_tp_timer_arm(struct rt_tp_object *o, uint64_t due, DWORD period)
{
	timer_remove(o);
	o->period = period;
	if (due == UINT64_MAX)
		return;
	o->due = due;
	o->refs++;
	timer_insert(o);
	pthread_cond_signal(&timer_cond);
}

/* ---- the wait threads --------------------------------------------------- */

/* Wait o fired with result: unset (a legacy wait without
 * WT_EXECUTEONLYONCE waits again), its callback queued, or noted in
 * run[] to run on this thread.  Lock held. */
static void wait_fired(struct rt_tp_object *o, DWORD result,
		       struct rt_tp_object **run, DWORD *results, int *nrun)
{
	if (o->rearm)
		o->deadline = o->rearm_ms == INFINITE
			? UINT64_MAX
			: rt_tp_after_ms(o->rearm_ms);
	else
		o->handle = 0;
	if (!o->inline_run) {
		rt_tp_submit(o, result);
		return;
	}
	o->refs++;
	results[*nrun] = result;
	run[(*nrun)++] = o;
}

static void run_inline(struct rt_tp_object **run, DWORD *results, int n)
{
	for (int i = 0; i < n; i++) {
		rt_tp_execute(run[i], results[i]);
		rt_tp_put(run[i]);
	}
}

/* One look at a wait whose time is up: a handle signalled now still
 * counts as signalled (the wait's last look), else it timed out; a
 * handle that cannot be waited for (closed under it) unsets the wait.
 * Lock held. */
static void wait_expired(struct rt_tp_object *o, struct rt_tp_object **run,
			 DWORD *results, int *nrun)
{
	DWORD r = w32_WaitForSingleObject(o->handle, 0);

	if (r == WAIT_FAILED) {
		o->handle = 0;
		return;
	}
	wait_fired(o, r == WAIT_TIMEOUT ? WAIT_TIMEOUT : WAIT_OBJECT_0, run,
		   results, nrun);
}

/* A bucket's thread: waits for the handles of its set waits and the
 * first of their timeouts, fires what is signalled or expired, and looks
 * again. */
static DWORD WINAPI bucket_thread(void *arg)
{
	struct tp_bucket *b = arg;
	HANDLE hs[BUCKET_MAX + 1];
	struct rt_tp_object *objs[BUCKET_MAX], *run[BUCKET_MAX];
	uint32_t gens[BUCKET_MAX];
	DWORD results[BUCKET_MAX];

	hs[0] = b->update;
	pthread_mutex_lock(&rt_tp_lock);
	for (;;) {
		uint64_t now = rt_tp_now(), next = UINT64_MAX;
		int n = 0, nrun = 0;
		DWORD ms = INFINITE, r, i;

		for (int k = 0; k < b->n; k++) {
			struct rt_tp_object *o = b->w[k];

			if (!o->handle)
				continue;
			if (o->deadline <= now) {
				wait_expired(o, run, results, &nrun);
				if (!o->handle)
					continue;
			}
			if (o->deadline < next)
				next = o->deadline;
			o->refs++;
			objs[n] = o;
			gens[n] = o->gen;
			hs[1 + n++] = o->handle;
		}
		if (nrun) { /* the bucket may change while they run */
			while (n)
				rt_tp_put(objs[--n]);
			run_inline(run, results, nrun);
			continue;
		}
		pthread_mutex_unlock(&rt_tp_lock);
		if (next != UINT64_MAX) /* an hour at most: then look again */
			ms = (DWORD)min_u64((next - now + NS_PER_MS - 1) /
						    NS_PER_MS,
					    3600000u);
		r = w32_WaitForMultipleObjects((DWORD)n + 1, hs, FALSE, ms);
		pthread_mutex_lock(&rt_tp_lock);
		i = r >= WAIT_ABANDONED ? r - WAIT_ABANDONED
					: r - WAIT_OBJECT_0;
		if (r != WAIT_FAILED && r != WAIT_TIMEOUT && i >= 1 &&
		    i <= (DWORD)n) {
			struct rt_tp_object *o = objs[i - 1];

			if (o->handle && o->gen == gens[i - 1])
				wait_fired(o, WAIT_OBJECT_0, run, results,
					   &nrun);
		} else if (r == WAIT_FAILED) {
			/* A handle closed under its wait: find it. */
			for (int k = 0; k < n; k++)
				if (objs[k]->handle && objs[k]->gen == gens[k])
					wait_expired(objs[k], run, results,
						     &nrun);
		}
		while (n)
			rt_tp_put(objs[--n]);
		run_inline(run, results, nrun);
	}
	return 0;
}

int rt_tp_wait_attach(struct rt_tp_object *o)
{
	struct tp_bucket *b;
	HANDLE h;

	for (b = buckets; b && b->n == BUCKET_MAX; b = b->next)
		;
	if (!b) {
		if (!(b = calloc(1, sizeof(*b)))) {
			rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return -1;
		}
		if (!(b->update = w32_CreateEventW(0, FALSE, FALSE, 0))) {
			free(b);
			return -1;
		}
		if (!(h = w32_CreateThread(0, 0, bucket_thread, b, 0, 0))) {
			w32_CloseHandle(b->update);
			free(b);
			return -1;
		}
		w32_CloseHandle(h);
		b->next = buckets;
		buckets = b;
	}
	b->w[b->n++] = o;
	o->bucket = b;
	return 0;
}

void rt_tp_wait_arm(struct rt_tp_object *o, HANDLE h, uint64_t deadline)
{
	o->handle = h;
	o->deadline = deadline;
	o->gen++;
	w32_SetEvent(o->bucket->update);
}

void rt_tp_unlink(struct rt_tp_object *o)
{
	struct tp_bucket *b = o->bucket;

	if (o->kind == TP_TIMER) {
		o->timer_set = 0;
		timer_remove(o);
	}
	if (!b)
		return;
	o->handle = 0;
	o->bucket = 0;
	for (int k = 0; k < b->n; k++)
		if (b->w[k] == o) {
			b->w[k] = b->w[--b->n];
			break;
		}
	w32_SetEvent(b->update);
}

/* ---- timers ------------------------------------------------------------- */

/* CreateThreadpoolTimer: a timer object, not set; NULL with the last
 * error. */
struct rt_tp_object *WINAPI
w32_CreateThreadpoolTimer(tp_work_fn fn, void *ctx, W_TP_CALLBACK_ENVIRON *env)
{
	return rt_tp_object_new("CreateThreadpoolTimer", TP_TIMER, (void *)fn,
				ctx, env);
}

/* SetThreadpoolTimer: fires at due (relative when negative, absolute
 * otherwise), then every period ms (0: once); due NULL stops it (queued
 * callbacks still run).  The window is how late Windows may fire it to
 * save wake-ups: firing on time is within it. */
void WINAPI w32_SetThreadpoolTimer(struct rt_tp_object *t, FILETIME *due,
				   DWORD period, DWORD window)
{
	(void)window; /* a permission to be late, not a request */
	pthread_mutex_lock(&rt_tp_lock);
	t->timer_set = due != 0;
	rt_tp_timer_arm(t, ft_deadline(due), period);
	pthread_mutex_unlock(&rt_tp_lock);
}

/* SetThreadpoolTimerEx: SetThreadpoolTimer, and whether a due time still
 * to come was cancelled by it. */
BOOL WINAPI w32_SetThreadpoolTimerEx(struct rt_tp_object *t, FILETIME *due,
				     DWORD period, DWORD window)
{
	BOOL was;

	(void)window; /* as SetThreadpoolTimer's */
	pthread_mutex_lock(&rt_tp_lock);
	was = t->in_timers;
	t->timer_set = due != 0;
	rt_tp_timer_arm(t, ft_deadline(due), period);
	pthread_mutex_unlock(&rt_tp_lock);
	return was;
}

/* IsThreadpoolTimerSet: TRUE from a SetThreadpoolTimer with a due time
 * until one without (a one-shot timer that fired stays set, as in
 * Windows and Wine). */
BOOL WINAPI w32_IsThreadpoolTimerSet(struct rt_tp_object *t)
{
	BOOL set;

	pthread_mutex_lock(&rt_tp_lock);
	set = t->timer_set;
	pthread_mutex_unlock(&rt_tp_lock);
	return set;
}

void WINAPI w32_WaitForThreadpoolTimerCallbacks(struct rt_tp_object *t,
						BOOL cancel)
{
	w32_WaitForThreadpoolWorkCallbacks(t, cancel);
}

/* CloseThreadpoolTimer: the timer stops and goes once its queued
 * callbacks have run. */
void WINAPI w32_CloseThreadpoolTimer(struct rt_tp_object *t)
{
	rt_tp_close(t);
}

/* ---- waits -------------------------------------------------------------- */

/* CreateThreadpoolWait: a wait object, not set; NULL with the last
 * error. */
struct rt_tp_object *WINAPI w32_CreateThreadpoolWait(tp_wait_fn fn, void *ctx,
						     W_TP_CALLBACK_ENVIRON *env)
{
	return rt_tp_object_new("CreateThreadpoolWait", TP_WAIT, (void *)fn,
				ctx, env);
}

/* SetThreadpoolWait: one callback when h is signalled (WAIT_OBJECT_0;
 * the wait takes what a wait takes: an auto-reset event's signal, a
 * semaphore's count, a mutex) or timeout passes (WAIT_TIMEOUT; NULL: no
 * timeout; relative when negative, absolute otherwise); h NULL unsets
 * it.  A new call replaces the wait set before. */
void WINAPI w32_SetThreadpoolWait(struct rt_tp_object *w, HANDLE h,
				  FILETIME *timeout)
{
	pthread_mutex_lock(&rt_tp_lock);
	w->rearm = 0;
	rt_tp_wait_arm(w, h, h ? ft_deadline(timeout) : UINT64_MAX);
	pthread_mutex_unlock(&rt_tp_lock);
}

/* SetThreadpoolWaitEx: SetThreadpoolWait, and whether a wait that had
 * not fired yet was cancelled by it; reserved must be NULL
 * (ERROR_INVALID_PARAMETER, nothing done). */
BOOL WINAPI w32_SetThreadpoolWaitEx(struct rt_tp_object *w, HANDLE h,
				    FILETIME *timeout, void *reserved)
{
	BOOL was;

	if (reserved) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	pthread_mutex_lock(&rt_tp_lock);
	was = w->handle != 0;
	w->rearm = 0;
	rt_tp_wait_arm(w, h, h ? ft_deadline(timeout) : UINT64_MAX);
	pthread_mutex_unlock(&rt_tp_lock);
	return was;
}

void WINAPI w32_WaitForThreadpoolWaitCallbacks(struct rt_tp_object *w,
					       BOOL cancel)
{
	w32_WaitForThreadpoolWorkCallbacks(w, cancel);
}

/* CloseThreadpoolWait: the wait is unset and goes once its queued
 * callbacks have run. */
void WINAPI w32_CloseThreadpoolWait(struct rt_tp_object *w)
{
	rt_tp_close(w);
}
