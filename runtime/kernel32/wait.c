/*
 * wait.c — kernel32: waiting — WaitForSingleObject(Ex),
 * WaitForMultipleObjects, Sleep, SleepEx, SwitchToThread.
 *
 * Waitable objects (threads, processes, events, mutexes, semaphores)
 * share one lock and condition variable (rt_wait_lock, rt_wait_cond):
 * every state change broadcasts, every waiter re-checks its objects.
 * Simple, and enough for the handfuls of threads Windows console programs
 * start.  A child process's end broadcasts nothing: a wait on one looks
 * again every 2 ms.  No wait is alertable (there are no APCs).
 */
#include <errno.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

/* Is o signalled for the calling thread?  rt_wait_lock held. */
static int is_signaled(struct rt_object *o, DWORD me)
{
	switch (o->type) {
	case RT_H_PROCESS: rt_k32_poll_process(o); return o->signaled;
	case RT_H_MUTEX: return o->count == 0 || o->tid == me;
	case RT_H_SEMAPHORE: return o->count > 0;
	default: return o->signaled;
	}
}

/* A successful wait's side effect: auto-reset events reset, mutexes are
 * taken.  rt_wait_lock held. */
static void consume(struct rt_object *o, DWORD me)
{
	if (o->type == RT_H_EVENT && !o->manual_reset)
		o->signaled = 0;
	if (o->type == RT_H_MUTEX) {
		o->tid = me;
		o->count++;
	}
	if (o->type == RT_H_SEMAPHORE)
		o->count--;
}

static DWORD wait_objects(struct rt_object **objs, DWORD n, BOOL all, DWORD ms)
{
	struct timespec deadline;
	DWORD me = rt_tid(), ret = WAIT_TIMEOUT;
	int has_process = 0;

	for (DWORD i = 0; i < n; i++)
		has_process |= objs[i]->type == RT_H_PROCESS;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += ms / 1000;
	deadline.tv_nsec += (long)(ms % 1000) * 1000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&rt_wait_lock);
	for (;;) {
		DWORD ready = 0, first = n;
		struct timespec now, until;

		for (DWORD i = 0; i < n; i++) {
			if (is_signaled(objs[i], me)) {
				ready++;
				if (first == n)
					first = i;
			}
		}
		if (all ? ready == n : ready > 0) {
			if (all) {
				for (DWORD i = 0; i < n; i++)
					consume(objs[i], me);
				ret = WAIT_OBJECT_0;
			} else {
				consume(objs[first], me);
				ret = WAIT_OBJECT_0 + first;
			}
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (ms != INFINITE &&
		    (now.tv_sec > deadline.tv_sec ||
		     (now.tv_sec == deadline.tv_sec &&
		      now.tv_nsec >= deadline.tv_nsec)))
			break;
		/* A child's exit does not broadcast: look again soon. */
		until = now;
		until.tv_sec += 1;
		if (has_process) {
			until = now;
			until.tv_nsec += 2000000;
			if (until.tv_nsec >= 1000000000) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000;
			}
		}
		if (ms != INFINITE &&
		    (until.tv_sec > deadline.tv_sec ||
		     (until.tv_sec == deadline.tv_sec &&
		      until.tv_nsec > deadline.tv_nsec)))
			until = deadline;
		pthread_cond_timedwait(&rt_wait_cond, &rt_wait_lock, &until);
	}
	pthread_mutex_unlock(&rt_wait_lock);
	return ret;
}

DWORD WINAPI w32_WaitForMultipleObjects(DWORD n, const HANDLE *hs, BOOL all,
					DWORD ms)
{
	struct rt_object *objs[64];
	DWORD ret;

	if (n == 0 || n > 64) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return WAIT_FAILED;
	}
	for (DWORD i = 0; i < n; i++) {
		objs[i] = rt_handle_get(hs[i], 0);
		if (!objs[i] || objs[i]->type == RT_H_FILE ||
		    objs[i]->type == RT_H_HEAP) {
			if (objs[i])
				rt_object_put(objs[i]);
			while (i--)
				rt_object_put(objs[i]);
			rt_set_last_error(ERROR_INVALID_HANDLE);
			return WAIT_FAILED;
		}
	}
	ret = wait_objects(objs, n, all, ms);
	for (DWORD i = 0; i < n; i++)
		rt_object_put(objs[i]);
	return ret;
}

DWORD WINAPI w32_WaitForSingleObject(HANDLE h, DWORD ms)
{
	return w32_WaitForMultipleObjects(1, &h, FALSE, ms);
}

/* An alertable wait returns WAIT_IO_COMPLETION when an APC ran; none can
 * be queued here (QueueUserAPC, ReadFileEx/WriteFileEx completion
 * routines and the like are not built in), so alertable waits are plain
 * ones, exactly as on Windows for a thread with no APCs. */
DWORD WINAPI w32_WaitForSingleObjectEx(HANDLE h, DWORD ms, BOOL alertable)
{
	(void)alertable;
	return w32_WaitForMultipleObjects(1, &h, FALSE, ms);
}

/* ---- sleeping ------------------------------------------------------------ */

void WINAPI w32_Sleep(DWORD ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};

	if (ms == 0) {
		sched_yield();
		return;
	}
	if (ms == INFINITE)
		for (;;)
			pause();
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Alertable or not, as WaitForSingleObjectEx: no APC can arrive. */
DWORD WINAPI w32_SleepEx(DWORD ms, BOOL alertable)
{
	(void)alertable;
	w32_Sleep(ms);
	return 0;
}

BOOL WINAPI w32_SwitchToThread(void)
{
	sched_yield();
	return TRUE;
}
