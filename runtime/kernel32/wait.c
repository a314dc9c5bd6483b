/*
 * wait.c — kernel32: waiting — WaitForSingleObject(Ex),
 * WaitForMultipleObjects, Sleep, SleepEx, SwitchToThread.
 *
 * Two kinds of waitable objects meet here.  The local ones (threads,
 * processes, unnamed events, mutexes and semaphores) change under one
 * lock, rt_wait_lock, and every change bumps the futex word rt_wait_seq
 * (rt_wait_broadcast).  A named event, mutex or semaphore (named.c)
 * lives in shared memory with its own lock and its own futex word,
 * bumped by whichever process changes it.  A wait takes rt_wait_lock and
 * the locks of its named objects (in the order of their files, the same
 * in every process), so that it sees, and for wait-all takes, all its
 * objects at one instant; it notes every futex word, lets the locks go,
 * and sleeps on all the words at once (futex_waitv, Linux 5.16): any
 * change to any of its objects wakes it, and a change between its look
 * and its sleep makes the sleep return at once.  No polling, with two
 * exceptions: a child process's end changes no word (a wait on one
 * looks again every 2 ms), nor does the death of a thread that held a
 * named mutex (a wait on a mutex another thread holds looks again every
 * 100 ms, to find it abandoned; a process that ends through ExitProcess
 * abandons its mutexes itself, which wakes their waiters at once).  No wait is alertable (there are no
 * APCs).
 */
#include <errno.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

#define MAX_WAIT 64 /* MAXIMUM_WAIT_OBJECTS */

/* Is o signalled for the calling thread?  Its lock held. */
static int is_signaled(struct rt_object *o, DWORD me)
{
	struct rt_named *n = o->named;

	if (n) {
		switch (o->type) {
		case RT_H_EVENT: return n->signaled;
		case RT_H_MUTEX:
			return n->count == 0 || rt_k32_named_mine(n) ||
			       rt_k32_named_abandoned(n);
		default: return n->count > 0;
		}
	}
	switch (o->type) {
	case RT_H_PROCESS: rt_k32_poll_process(o); return o->signaled;
	case RT_H_THREAD:
		if (o->process)
			rt_k32_poll_primary(o);
		return o->signaled;
	case RT_H_MUTEX: return o->count == 0 || o->tid == me;
	case RT_H_SEMAPHORE: return o->count > 0;
	default: return o->signaled;
	}
}

/* A successful wait's side effect: auto-reset events reset, mutexes are
 * taken, semaphores counted down.  1 when o was an abandoned mutex.  Its
 * lock held. */
static int consume(struct rt_object *o, DWORD me)
{
	struct rt_named *n = o->named;
	int abandoned = 0;

	if (n) {
		if (o->type == RT_H_EVENT && !n->manual_reset)
			n->signaled = 0;
		if (o->type == RT_H_MUTEX) {
			if ((abandoned = rt_k32_named_abandoned(n)))
				n->count = 0;
			n->owner_pid = getpid();
			n->owner_tid = (int32_t)me;
			n->count++;
		}
		if (o->type == RT_H_SEMAPHORE)
			n->count--;
		return abandoned;
	}
	if (o->type == RT_H_EVENT && !o->manual_reset)
		o->signaled = 0;
	if (o->type == RT_H_MUTEX) {
		o->tid = me;
		o->count++;
	}
	if (o->type == RT_H_SEMAPHORE)
		o->count--;
	return 0;
}

static int by_file(const void *a, const void *b)
{
	const struct rt_object *x = *(struct rt_object *const *)a;
	const struct rt_object *y = *(struct rt_object *const *)b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* The named objects of objs, each file once, in the order their locks
 * are taken; their number. */
static DWORD named_order(struct rt_object **objs, DWORD n,
			 struct rt_object **out)
{
	DWORD k = 0, u = 0;

	for (DWORD i = 0; i < n; i++)
		if (objs[i]->named)
			out[k++] = objs[i];
	qsort(out, k, sizeof(*out), by_file);
	for (DWORD i = 0; i < k; i++)
		if (!u || by_file(&out[u - 1], &out[i]))
			out[u++] = out[i];
	return u;
}

static int before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec ||
	       (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static struct timespec after_ms(struct timespec t, DWORD ms)
{
	t.tv_sec += ms / 1000;
	t.tv_nsec += (long)(ms % 1000) * 1000000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	return t;
}

/* One look at the objects, every lock held: the wait's result if it is
 * satisfied (its side effects done), else WAIT_TIMEOUT with *watch set
 * when a named mutex is held by another thread. */
static DWORD look(struct rt_object **objs, DWORD n, BOOL all, DWORD me,
		  int *watch)
{
	DWORD ready = 0, first = n, ab = n;

	for (DWORD i = 0; i < n; i++) {
		if (is_signaled(objs[i], me)) {
			ready++;
			if (first == n)
				first = i;
		} else if (objs[i]->named && objs[i]->type == RT_H_MUTEX) {
			*watch = 1;
		}
	}
	if (!(all ? ready == n : ready > 0))
		return WAIT_TIMEOUT;
	if (!all)
		return (consume(objs[first], me) ? WAIT_ABANDONED
						 : WAIT_OBJECT_0) + first;
	for (DWORD i = 0; i < n; i++)
		if (consume(objs[i], me) && ab == n)
			ab = i;
	return ab < n ? WAIT_ABANDONED + ab : WAIT_OBJECT_0;
}

static DWORD wait_objects(struct rt_object **objs, DWORD n, BOOL all, DWORD ms)
{
	struct rt_object *named[MAX_WAIT];
	struct futex_waitv fw[MAX_WAIT + 1] = {{0}};
	struct timespec deadline, now, until;
	DWORD me = rt_tid(), ret, nn = named_order(objs, n, named);
	int has_process = 0;

	for (DWORD i = 0; i < n; i++)
		has_process |= objs[i]->type == RT_H_PROCESS ||
			       objs[i]->process;
	fw[0].uaddr = (uintptr_t)&rt_wait_seq;
	fw[0].flags = FUTEX_32 | FUTEX_PRIVATE_FLAG;
	for (DWORD k = 0; k < nn; k++) {
		fw[k + 1].uaddr = (uintptr_t)&named[k]->named->seq;
		fw[k + 1].flags = FUTEX_32; /* shared between processes */
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	deadline = after_ms(now, ms);
	for (;;) {
		int watch = 0;

		pthread_mutex_lock(&rt_wait_lock);
		fw[0].val = rt_wait_seq;
		for (DWORD k = 0; k < nn; k++) {
			rt_k32_named_lock(named[k]->named);
			fw[k + 1].val = named[k]->named->seq;
		}
		ret = look(objs, n, all, me, &watch);
		for (DWORD k = nn; k-- > 0;)
			rt_k32_named_unlock(named[k]->named);
		pthread_mutex_unlock(&rt_wait_lock);
		if (ret != WAIT_TIMEOUT)
			return ret;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (ms != INFINITE && !before(&now, &deadline))
			return WAIT_TIMEOUT;
		until = ms == INFINITE ? after_ms(now, 3600000) : deadline;
		if (has_process) {
			struct timespec soon = after_ms(now, 2);

			if (before(&soon, &until))
				until = soon;
		}
		if (watch) {
			struct timespec soon = after_ms(now, 100);

			if (before(&soon, &until))
				until = soon;
		}
		syscall(SYS_futex_waitv, fw, nn + 1, 0, &until,
			CLOCK_MONOTONIC);
	}
}

DWORD WINAPI w32_WaitForMultipleObjects(DWORD n, const HANDLE *hs, BOOL all,
					DWORD ms)
{
	struct rt_object *objs[MAX_WAIT];
	DWORD ret;

	if (n == 0 || n > MAX_WAIT) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return WAIT_FAILED;
	}
	for (DWORD i = 0; i < n; i++) {
		/* A wait needs SYNCHRONIZE (ERROR_ACCESS_DENIED). */
		objs[i] = rt_handle_get_access(hs[i], 0, SYNCHRONIZE);
		if (!objs[i] || objs[i]->type == RT_H_FILE ||
		    objs[i]->type == RT_H_HEAP) {
			if (objs[i]) {
				rt_object_put(objs[i]);
				rt_set_last_error(ERROR_INVALID_HANDLE);
			}
			while (i--)
				rt_object_put(objs[i]);
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
