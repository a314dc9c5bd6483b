/*
 * test_runtime_tpool.c — the thread pools (kernel32/threadpool.c,
 * tpwait.c, timerqueue.c) from C, under ASan in test-san-runtime: objects
 * closed with callbacks queued are freed only after them, cancelled
 * callbacks never run, a wait on a named event fires when another process
 * sets it, far-away due times do not wrap, timer queues deleted with
 * timers pending, and the refusals.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/core/core.h"
#include "runtime/kernel32/tpool.h"
#include "tests/unit/cu.h"

static int init(void)
{
	return rt_thread_init();
}

CU_SUITE(tpool, init, 0)

static volatile LONG runs;
static HANDLE done;

static void WINAPI count_work(struct rt_tp_instance *in, void *ctx,
			      struct rt_tp_object *o)
{
	__atomic_add_fetch(&runs, 1, __ATOMIC_SEQ_CST);
	if (ctx)
		w32_ReleaseSemaphoreWhenCallbackReturns(in, ctx, 1);
}

static void WINAPI block_work(struct rt_tp_instance *in, void *ctx,
			      struct rt_tp_object *o)
{
	w32_SetEvent(done);
	w32_WaitForSingleObject(ctx, INFINITE);
}

static void WINAPI wait_cb(struct rt_tp_instance *in, void *ctx,
			   struct rt_tp_object *o, DWORD result)
{
	*(DWORD *)ctx = result;
	w32_SetEventWhenCallbackReturns(in, done);
}

static void WINAPI legacy_timer(void *ctx, BOOLEAN fired)
{
	__atomic_add_fetch(&runs, 1, __ATOMIC_SEQ_CST);
}

/* Closed at once with two callbacks queued: both run, then it goes. */
CU_TEST(tpool, close_with_callbacks_queued)
{
	HANDLE sem = w32_CreateSemaphoreA(0, 0, 100, 0);

	runs = 0;
	for (int k = 0; k < 20; k++) {
		struct rt_tp_object *w =
			w32_CreateThreadpoolWork(count_work, sem, 0);

		CU_ASSERT_PTR_NOT_NULL_FATAL(w);
		w32_SubmitThreadpoolWork(w);
		w32_SubmitThreadpoolWork(w);
		w32_CloseThreadpoolWork(w);
	}
	for (int k = 0; k < 40; k++)
		CU_ASSERT_EQUAL(w32_WaitForSingleObject(sem, 5000),
				WAIT_OBJECT_0);
	CU_ASSERT_EQUAL(runs, 40);
	w32_CloseHandle(sem);
}

/* A one-thread pool, its thread held: queued callbacks cancelled by
 * WaitForThreadpoolWorkCallbacks never run; the pool closed with its
 * objects still open goes after them. */
CU_TEST(tpool, cancel_on_a_full_pool)
{
	struct rt_tp_pool *p = w32_CreateThreadpool(0);
	HANDLE gate = w32_CreateEventA(0, TRUE, FALSE, 0);
	W_TP_CALLBACK_ENVIRON env = {
		.Version = 3, .Pool = p, .CallbackPriority = 1};
	struct rt_tp_object *a, *b;

	done = w32_CreateEventA(0, FALSE, FALSE, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	w32_SetThreadpoolThreadMaximum(p, 1);
	a = w32_CreateThreadpoolWork(block_work, gate, &env);
	b = w32_CreateThreadpoolWork(count_work, 0, &env);
	runs = 0;
	w32_SubmitThreadpoolWork(a);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(done, 5000), WAIT_OBJECT_0);
	for (int k = 0; k < 5; k++)
		w32_SubmitThreadpoolWork(b);
	w32_WaitForThreadpoolWorkCallbacks(b, TRUE);
	w32_CloseThreadpool(p);
	w32_SetEvent(gate);
	w32_WaitForThreadpoolWorkCallbacks(a, FALSE);
	CU_ASSERT_EQUAL(runs, 0);
	w32_CloseThreadpoolWork(a);
	w32_CloseThreadpoolWork(b);
	w32_CloseHandle(gate);
	w32_CloseHandle(done);
}

/* A named event set by another process wakes the pool's wait. */
CU_TEST(tpool, wait_on_a_named_event_of_another_process)
{
	char name[64];
	HANDLE ev;
	struct rt_tp_object *w;
	DWORD result = 99;
	int status = -1;
	pid_t pid;

	snprintf(name, sizeof name, "dllshare-unit-tpool-%d", (int)getpid());
	ev = w32_CreateEventA(0, FALSE, FALSE, name);
	done = w32_CreateEventA(0, FALSE, FALSE, 0);
	w = w32_CreateThreadpoolWait(wait_cb, &result, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	w32_SetThreadpoolWait(w, ev, 0);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		HANDLE e = w32_OpenEventA(0x1f0003, FALSE, name);

		_exit(e && w32_SetEvent(e) ? 0 : 1);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_EQUAL(WEXITSTATUS(status), 0);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(done, 5000), WAIT_OBJECT_0);
	w32_WaitForThreadpoolWaitCallbacks(w, FALSE);
	CU_ASSERT_EQUAL(result, WAIT_OBJECT_0);
	w32_CloseThreadpoolWait(w);
	w32_CloseHandle(ev);
	w32_CloseHandle(done);
}

/* Due times and timeouts at the far end of the range do not wrap round
 * into the past. */
CU_TEST(tpool, far_due_times)
{
	FILETIME far_rel = {0, 0x80000000u}, far_abs = {~0u, 0x7fffffffu};
	struct rt_tp_object *t = w32_CreateThreadpoolTimer(count_work, 0, 0);
	struct rt_tp_object *w = w32_CreateThreadpoolWait(wait_cb, 0, 0);
	HANDLE ev = w32_CreateEventA(0, FALSE, FALSE, 0);
	uint64_t year = 365ull * 86400 * 1000000000;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	w32_SetThreadpoolTimer(t, &far_rel, 0, 0);
	CU_ASSERT(t->due > rt_tp_now() + year);
	w32_SetThreadpoolTimer(t, &far_abs, 1, 0);
	CU_ASSERT(t->due > rt_tp_now() + year);
	CU_ASSERT(w32_IsThreadpoolTimerSet(t));
	w32_SetThreadpoolWait(w, ev, &far_rel);
	CU_ASSERT(w->deadline > rt_tp_now() + year);
	w32_SetThreadpoolTimer(t, 0, 0, 0);
	CU_ASSERT(!w32_IsThreadpoolTimerSet(t));
	CU_ASSERT(!t->in_timers);
	w32_CloseThreadpoolTimer(t);
	w32_CloseThreadpoolWait(w);
	w32_CloseHandle(ev);
}

/* A queue deleted with timers pending: none fires after, every one is
 * freed (ASan), the event is set. */
CU_TEST(tpool, delete_timer_queue_with_timers)
{
	HANDLE q = w32_CreateTimerQueue(), t, ev;

	runs = 0;
	for (int k = 0; k < 10; k++)
		CU_ASSERT(w32_CreateTimerQueueTimer(&t, q, legacy_timer, 0,
						    3600000, 0, 0));
	ev = w32_CreateEventA(0, TRUE, FALSE, 0);
	CU_ASSERT(!w32_DeleteTimerQueueEx(q, ev));
	CU_ASSERT_EQUAL(rt_teb()->LastErrorValue, 997);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(ev, 5000), WAIT_OBJECT_0);
	CU_ASSERT_EQUAL(runs, 0);
	w32_CloseHandle(ev);
}

/* What cannot be honoured is refused. */
CU_TEST(tpool, refusals)
{
	W_TP_CALLBACK_ENVIRON actx = {.Version = 3,
				      .ActivationContext = (void *)0x10},
			      v2 = {.Version = 2},
			      prio = {.Version = 3, .CallbackPriority = 3};
	HANDLE h;

	CU_ASSERT_PTR_NULL(w32_CreateThreadpoolWork(count_work, 0, &actx));
	CU_ASSERT_EQUAL(rt_teb()->LastErrorValue, ERROR_NOT_SUPPORTED);
	CU_ASSERT_PTR_NULL(w32_CreateThreadpoolWork(count_work, 0, &v2));
	CU_ASSERT_EQUAL(rt_teb()->LastErrorValue, ERROR_INVALID_PARAMETER);
	CU_ASSERT_PTR_NULL(w32_CreateThreadpoolWork(count_work, 0, &prio));
	CU_ASSERT_EQUAL(rt_teb()->LastErrorValue, ERROR_INVALID_PARAMETER);
	CU_ASSERT(
		!w32_CreateTimerQueueTimer(&h, 0, legacy_timer, 0, 1, 0, 0x4));
	CU_ASSERT_EQUAL(rt_teb()->LastErrorValue, ERROR_INVALID_PARAMETER);
}

/* The Ex forms say whether they cancelled what was set; Windows 2000's
 * SetTimerQueueTimer/CancelTimerQueueTimer (Wine has neither). */
CU_TEST(tpool, ex_forms_and_windows_2000_timers)
{
	FILETIME minute = {(DWORD)-600000000, ~0u};
	struct rt_tp_object *t = w32_CreateThreadpoolTimer(count_work, 0, 0);
	struct rt_tp_object *w = w32_CreateThreadpoolWait(wait_cb, 0, 0);
	HANDLE ev = w32_CreateEventA(0, FALSE, FALSE, 0), qt;

	CU_ASSERT(!w32_SetThreadpoolTimerEx(t, &minute, 0, 0));
	CU_ASSERT(w32_SetThreadpoolTimerEx(t, &minute, 0, 0));
	CU_ASSERT(w32_SetThreadpoolTimerEx(t, 0, 0, 0));
	CU_ASSERT(!w32_SetThreadpoolTimerEx(t, 0, 0, 0));
	CU_ASSERT(!w32_SetThreadpoolWaitEx(w, ev, &minute, 0));
	CU_ASSERT(w32_SetThreadpoolWaitEx(w, 0, 0, 0));
	CU_ASSERT(!w32_SetThreadpoolWaitEx(w, ev, 0, (void *)1));
	CU_ASSERT_EQUAL(rt_teb()->LastErrorValue, ERROR_INVALID_PARAMETER);
	w32_CloseThreadpoolTimer(t);
	w32_CloseThreadpoolWait(w);

	runs = 0;
	qt = w32_SetTimerQueueTimer(0, legacy_timer, 0, 0, 0, TRUE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(qt);
	while (!__atomic_load_n(&runs, __ATOMIC_SEQ_CST))
		w32_Sleep(1);
	CU_ASSERT(!w32_CancelTimerQueueTimer(0, qt));
	CU_ASSERT_EQUAL(rt_teb()->LastErrorValue, 997);
	w32_CloseHandle(ev);
}
