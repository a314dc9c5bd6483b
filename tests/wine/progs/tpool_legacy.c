/* tpool_legacy.c — the thread pool's legacy API: QueueUserWorkItem with
 * its flags, timer queues (the default one and made ones, one-shot and
 * periodic timers, WT_EXECUTEINTIMERTHREAD, ChangeTimerQueueTimer, the
 * deletions with NULL, an event and INVALID_HANDLE_VALUE), registered
 * waits (once, repeated, timeouts, WT_EXECUTEINWAITTHREAD, unregistered
 * from their own callback).  Every callback sets an event the program
 * waits for. */
#include <stdio.h>
#include <windows.h>

/* Exported by kernel32, not declared by mingw's headers. */
HANDLE WINAPI RegisterWaitForSingleObjectEx(HANDLE h, WAITORTIMERCALLBACK fn,
					    PVOID ctx, ULONG ms, ULONG flags);

static HANDLE done_ev;
static volatile LONG calls, target;
static DWORD tids[2];
static HANDLE self_wait;

static DWORD WINAPI work_fn(void *ctx)
{
	printf("  work item %d\n", (int)(INT_PTR)ctx);
	SetEvent(done_ev);
	return 0;
}

static void CALLBACK timer_cb(void *ctx, BOOLEAN fired)
{
	if (InterlockedIncrement(&calls) == target) {
		printf("  timer %d: fired %d\n", (int)(INT_PTR)ctx, fired);
		SetEvent(done_ev);
	}
}

static void CALLBACK thread_cb(void *ctx, BOOLEAN fired)
{
	tids[(INT_PTR)ctx] = GetCurrentThreadId();
	SetEvent(done_ev);
}

static void CALLBACK wait_cb(void *ctx, BOOLEAN timed_out)
{
	printf("  wait %d: timed out %d\n", (int)(INT_PTR)ctx, timed_out);
	InterlockedIncrement(&calls);
	SetEvent(done_ev);
}

static void CALLBACK sem_cb(void *ctx, BOOLEAN timed_out)
{
	if (InterlockedIncrement(&calls) == 2)
		SetEvent(done_ev);
}

static void CALLBACK unregister_cb(void *ctx, BOOLEAN timed_out)
{
	BOOL r;

	SetLastError(0);
	r = UnregisterWait(self_wait);
	printf("  UnregisterWait from its callback: %d, error %lu\n", r,
	       GetLastError());
	SetEvent(done_ev);
}

static void await(const char *what)
{
	printf("%s: wait %lu\n", what, WaitForSingleObject(done_ev, 10000));
}

static void say(const char *what, BOOL r)
{
	printf("%s: %d, error %lu\n", what, r, r ? 0 : GetLastError());
}

/* A call whose callback prints: its answer after the callback's. */
static void fires(const char *what, BOOL r)
{
	DWORD e = r ? 0 : GetLastError();
	DWORD w = WaitForSingleObject(done_ev, 10000);

	printf("%s: %d, error %lu, wait %lu\n", what, r, e, w);
}

static void work_items(void)
{
	fires("QueueUserWorkItem",
	      QueueUserWorkItem(work_fn, (void *)1, WT_EXECUTEDEFAULT));
	fires("QueueUserWorkItem long",
	      QueueUserWorkItem(work_fn, (void *)2, WT_EXECUTELONGFUNCTION));
	fires("QueueUserWorkItem persistent",
	      QueueUserWorkItem(work_fn, (void *)3,
				WT_EXECUTEINPERSISTENTTHREAD));
	fires("QueueUserWorkItem io",
	      QueueUserWorkItem(work_fn, (void *)4, WT_EXECUTEINIOTHREAD));
}

static void timers(void)
{
	HANDLE q = CreateTimerQueue(), t, t2, ev;

	printf("timer queue created: %d\n", q != NULL);
	calls = 0;
	target = 1;
	fires("one-shot",
	      CreateTimerQueueTimer(&t, q, timer_cb, (void *)1, 5, 0, 0));
	/* It has fired: a change leaves it alone. */
	say("change a fired one-shot", ChangeTimerQueueTimer(q, t, 1, 0));
	SetLastError(0);
	say("delete, event INVALID_HANDLE_VALUE",
	    DeleteTimerQueueTimer(q, t, INVALID_HANDLE_VALUE));

	calls = 0;
	target = 3;
	fires("periodic, third call",
	      CreateTimerQueueTimer(&t, q, timer_cb, (void *)2, 1, 2, 0));
	say("delete periodic",
	    DeleteTimerQueueTimer(q, t, INVALID_HANDLE_VALUE));

	calls = 0;
	target = 1;
	say("an hour away",
	    CreateTimerQueueTimer(&t, q, timer_cb, (void *)3, 3600000, 0, 0));
	fires("changed to 1 ms", ChangeTimerQueueTimer(q, t, 1, 0));
	ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	SetLastError(0);
	DeleteTimerQueueTimer(q, t, ev);
	printf("delete with an event: event %lu\n",
	       WaitForSingleObject(ev, 10000));
	CloseHandle(ev);

	calls = 0;
	target = 1;
	fires("only once, default queue",
	      CreateTimerQueueTimer(&t, NULL, timer_cb, (void *)4, 1, 0,
				    WT_EXECUTEONLYONCE));
	say("delete from the default queue",
	    DeleteTimerQueueTimer(NULL, t, INVALID_HANDLE_VALUE));

	fires("in the timer thread",
	      CreateTimerQueueTimer(&t, q, thread_cb, (void *)0, 1, 0,
				    WT_EXECUTEINTIMERTHREAD));
	fires("again in the timer thread",
	      CreateTimerQueueTimer(&t2, q, thread_cb, (void *)1, 1, 0,
				    WT_EXECUTEINTIMERTHREAD));
	printf("same thread: %d, not ours: %d\n", tids[0] == tids[1],
	       tids[0] != GetCurrentThreadId());

	/* A queue deleted with its timers, waiting for them. */
	calls = 0;
	target = 0;
	CreateTimerQueueTimer(&t, q, timer_cb, (void *)5, 3600000, 0, 0);
	say("DeleteTimerQueueEx INVALID_HANDLE_VALUE",
	    DeleteTimerQueueEx(q, INVALID_HANDLE_VALUE));

	q = CreateTimerQueue();
	CreateTimerQueueTimer(&t, q, timer_cb, (void *)6, 3600000, 0, 0);
	ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	SetLastError(0);
	DeleteTimerQueueEx(q, ev);
	printf("DeleteTimerQueueEx with an event: event %lu\n",
	       WaitForSingleObject(ev, 10000));
	CloseHandle(ev);
	SetLastError(0);
	say("DeleteTimerQueueEx NULL", DeleteTimerQueueEx(NULL, NULL));

	/* Deletions that do not wait: an idle timer, then its queue. */
	q = CreateTimerQueue();
	CreateTimerQueueTimer(&t, q, timer_cb, (void *)7, 3600000, 0, 0);
	SetLastError(0);
	say("DeleteTimerQueueTimer NULL, idle",
	    DeleteTimerQueueTimer(q, t, NULL));
	SetLastError(0);
	say("DeleteTimerQueue", DeleteTimerQueue(q));
	printf("calls of deleted timers: %ld\n", calls);
}

static void waits(void)
{
	HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL), w;
	HANDLE sem = CreateSemaphoreA(NULL, 0, 5, NULL);

	say("register once",
	    RegisterWaitForSingleObject(&w, ev, wait_cb, (void *)1, INFINITE,
					WT_EXECUTEONLYONCE));
	SetEvent(ev);
	await("signalled");
	say("unregister, waiting", UnregisterWaitEx(w, INVALID_HANDLE_VALUE));

	fires("register with a timeout",
	      RegisterWaitForSingleObject(&w, ev, wait_cb, (void *)2, 10,
					  WT_EXECUTEONLYONCE));
	say("unregister, waiting", UnregisterWaitEx(w, INVALID_HANDLE_VALUE));

	/* Repeated: each signal is one callback. */
	calls = 0;
	say("register repeated",
	    RegisterWaitForSingleObject(&w, ev, wait_cb, (void *)3, INFINITE,
					WT_EXECUTEDEFAULT));
	for (int k = 0; k < 3; k++) {
		SetEvent(ev);
		await("repeat");
	}
	say("unregister, waiting", UnregisterWaitEx(w, INVALID_HANDLE_VALUE));
	printf("repeated: %ld callbacks\n", calls);

	calls = 0;
	say("register on a semaphore, in the wait thread",
	    RegisterWaitForSingleObject(&w, sem, sem_cb, NULL, INFINITE,
					WT_EXECUTEINWAITTHREAD));
	ReleaseSemaphore(sem, 2, NULL);
	await("both counts");
	say("unregister, waiting", UnregisterWaitEx(w, INVALID_HANDLE_VALUE));

	say("register, unregistered from its callback",
	    RegisterWaitForSingleObject(&self_wait, ev, unregister_cb, NULL,
					INFINITE, WT_EXECUTEONLYONCE));
	SetEvent(ev);
	await("unregistered itself");

	w = RegisterWaitForSingleObjectEx(ev, wait_cb, (void *)6, INFINITE,
					  WT_EXECUTEONLYONCE);
	say("RegisterWaitForSingleObjectEx", w != NULL);
	SetEvent(ev);
	await("signalled");
	say("unregister, waiting", UnregisterWaitEx(w, INVALID_HANDLE_VALUE));

	say("register, then unregister",
	    RegisterWaitForSingleObject(&w, ev, wait_cb, (void *)5, INFINITE,
					WT_EXECUTEONLYONCE));
	SetLastError(0);
	say("UnregisterWait", UnregisterWait(w));
	SetEvent(ev);
	printf("no callback after: %lu\n", WaitForSingleObject(ev, 0));
}

int main(void)
{
	done_ev = CreateEventA(NULL, FALSE, FALSE, NULL);
	work_items();
	timers();
	waits();
	printf("done\n");
	return 0;
}
