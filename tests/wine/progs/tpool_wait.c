/* tpool_wait.c — thread pool waits: on events (unnamed and named),
 * semaphores and threads, with timeouts (relative, absolute 0, none),
 * once per SetThreadpoolWait, NULL to unset, more waits than one wait
 * thread holds.  Each callback sets an event the program waits for. */
#include <stdio.h>
#include <windows.h>

#define MANY 70

static volatile LONG calls, results[2];
static HANDLE done_ev, many_done, go;
static volatile LONG many_left;

static void CALLBACK wait_cb(PTP_CALLBACK_INSTANCE i, void *ctx, PTP_WAIT w,
			     TP_WAIT_RESULT r)
{
	InterlockedIncrement(&calls);
	printf("  callback %d: result %lu\n", (int)(INT_PTR)ctx, r);
	SetEvent(done_ev);
}

static void CALLBACK many_cb(PTP_CALLBACK_INSTANCE i, void *ctx, PTP_WAIT w,
			     TP_WAIT_RESULT r)
{
	InterlockedIncrement(&results[r == WAIT_OBJECT_0]);
	if (InterlockedDecrement(&many_left) == 0)
		SetEvent(many_done);
}

static DWORD WINAPI thread_fn(void *arg)
{
	WaitForSingleObject(go, INFINITE);
	return 7;
}

static void relative(FILETIME *ft, LONGLONG ms)
{
	LARGE_INTEGER li;

	li.QuadPart = -ms * 10000;
	ft->dwLowDateTime = li.LowPart;
	ft->dwHighDateTime = li.HighPart;
}

static void await(const char *what)
{
	printf("%s: wait %lu\n", what, WaitForSingleObject(done_ev, 10000));
}

int main(void)
{
	HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
	HANDLE named = CreateEventA(NULL, TRUE, FALSE, "dllshare_tpool_wait");
	HANDLE sem = CreateSemaphoreA(NULL, 0, 5, NULL);
	HANDLE evs[MANY], th;
	PTP_WAIT w = CreateThreadpoolWait(wait_cb, (void *)1, NULL);
	PTP_WAIT ws[MANY];
	FILETIME ft;

	done_ev = CreateEventA(NULL, FALSE, FALSE, NULL);
	many_done = CreateEventA(NULL, FALSE, FALSE, NULL);
	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	printf("wait created: %d\n", w != NULL);

	SetThreadpoolWait(w, ev, NULL);
	SetEvent(ev);
	await("event signalled");
	WaitForThreadpoolWaitCallbacks(w, FALSE);
	/* Once per SetThreadpoolWait: the next signal stays for us. */
	SetEvent(ev);
	printf("not waited for again: %lu\n", WaitForSingleObject(ev, 0));

	relative(&ft, 10);
	SetThreadpoolWait(w, ev, &ft);
	await("timeout 10 ms");
	WaitForThreadpoolWaitCallbacks(w, FALSE);

	ft.dwLowDateTime = ft.dwHighDateTime = 0;
	SetThreadpoolWait(w, ev, &ft);
	await("timeout 0");
	WaitForThreadpoolWaitCallbacks(w, FALSE);

	relative(&ft, 60000);
	SetThreadpoolWait(w, named, &ft);
	SetEvent(named);
	await("named event");
	WaitForThreadpoolWaitCallbacks(w, FALSE);
	printf("manual-reset event still set: %lu\n",
	       WaitForSingleObject(named, 0));

	SetThreadpoolWait(w, sem, NULL);
	ReleaseSemaphore(sem, 1, NULL);
	await("semaphore");
	WaitForThreadpoolWaitCallbacks(w, FALSE);
	printf("the wait took the count: %lu\n", WaitForSingleObject(sem, 0));

	th = CreateThread(NULL, 0, thread_fn, NULL, 0, NULL);
	SetThreadpoolWait(w, th, NULL);
	SetEvent(go);
	await("thread ended");
	WaitForThreadpoolWaitCallbacks(w, FALSE);
	CloseHandle(th);

	/* Unset: a signal no longer reaches the pool. */
	calls = 0;
	SetThreadpoolWait(w, ev, NULL);
	SetThreadpoolWait(w, NULL, NULL);
	SetEvent(ev);
	WaitForThreadpoolWaitCallbacks(w, TRUE);
	printf("unset: %ld callbacks, event left: %lu\n", calls,
	       WaitForSingleObject(ev, 0));
	CloseThreadpoolWait(w);

	/* More waits than one wait thread holds. */
	many_left = MANY;
	for (int k = 0; k < MANY; k++) {
		evs[k] = CreateEventA(NULL, TRUE, FALSE, NULL);
		ws[k] = CreateThreadpoolWait(many_cb, NULL, NULL);
		relative(&ft, 60000);
		SetThreadpoolWait(ws[k], evs[k], k % 10 == 9 ? NULL : &ft);
	}
	for (int k = 0; k < MANY; k++)
		SetEvent(evs[k]);
	printf("%d waits: wait %lu", MANY,
	       WaitForSingleObject(many_done, 10000));
	printf(", signalled %ld, timed out %ld\n", results[1], results[0]);
	for (int k = 0; k < MANY; k++) {
		WaitForThreadpoolWaitCallbacks(ws[k], FALSE);
		CloseThreadpoolWait(ws[k]);
		CloseHandle(evs[k]);
	}
	printf("done\n");
	return 0;
}
