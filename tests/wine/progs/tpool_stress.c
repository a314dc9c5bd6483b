/* tpool_stress.c — thread pools under contention: threads that create,
 * submit, set, unset and close work, timer and wait objects at once, and
 * objects closed with callbacks still queued.  Only counts that do not
 * depend on timing are printed. */
#include <stdio.h>
#include <windows.h>

#define THREADS 4
#define ROUNDS	200

static volatile LONG works, closed_runs, waits_fired;

static void CALLBACK work_cb(PTP_CALLBACK_INSTANCE i, void *ctx, PTP_WORK w)
{
	InterlockedIncrement(&works);
}

static void CALLBACK late_cb(PTP_CALLBACK_INSTANCE i, void *ctx, PTP_WORK w)
{
	InterlockedIncrement(&closed_runs);
	ReleaseSemaphoreWhenCallbackReturns(i, (HANDLE)ctx, 1);
}

static void CALLBACK timer_cb(PTP_CALLBACK_INSTANCE i, void *ctx, PTP_TIMER t)
{
}

static void CALLBACK wait_cb(PTP_CALLBACK_INSTANCE i, void *ctx, PTP_WAIT w,
			     TP_WAIT_RESULT r)
{
	InterlockedIncrement(&waits_fired);
	SetEventWhenCallbackReturns(i, (HANDLE)ctx);
}

static DWORD WINAPI hammer(void *arg)
{
	HANDLE ev = CreateEventA(NULL, FALSE, FALSE, NULL);
	HANDLE ack = CreateEventA(NULL, FALSE, FALSE, NULL);
	FILETIME ft;
	LARGE_INTEGER li;

	for (int k = 0; k < ROUNDS; k++) {
		PTP_WORK w = CreateThreadpoolWork(work_cb, NULL, NULL);
		PTP_TIMER t = CreateThreadpoolTimer(timer_cb, NULL, NULL);
		PTP_WAIT wt = CreateThreadpoolWait(wait_cb, ack, NULL);

		SubmitThreadpoolWork(w);
		SubmitThreadpoolWork(w);
		li.QuadPart = -(LONGLONG)(k % 3) * 10000;
		ft.dwLowDateTime = li.LowPart;
		ft.dwHighDateTime = li.HighPart;
		SetThreadpoolTimer(t, &ft, k % 2, 0);
		SetThreadpoolWait(wt, ev, NULL);
		SetEvent(ev);
		WaitForSingleObject(ack, INFINITE);
		SetThreadpoolTimer(t, NULL, 0, 0);
		WaitForThreadpoolTimerCallbacks(t, TRUE);
		CloseThreadpoolTimer(t);
		WaitForThreadpoolWorkCallbacks(w, FALSE);
		CloseThreadpoolWork(w);
		WaitForThreadpoolWaitCallbacks(wt, FALSE);
		CloseThreadpoolWait(wt);
	}
	CloseHandle(ev);
	CloseHandle(ack);
	return 0;
}

int main(void)
{
	HANDLE th[THREADS], sem = CreateSemaphoreA(NULL, 0, 1000, NULL);

	for (int k = 0; k < THREADS; k++)
		th[k] = CreateThread(NULL, 0, hammer, NULL, 0, NULL);
	WaitForMultipleObjects(THREADS, th, TRUE, INFINITE);
	printf("work callbacks: %ld, wait callbacks: %ld\n", works,
	       waits_fired);

	/* Closed at once: the queued callbacks still run. */
	for (int k = 0; k < 50; k++) {
		PTP_WORK w = CreateThreadpoolWork(late_cb, sem, NULL);

		SubmitThreadpoolWork(w);
		SubmitThreadpoolWork(w);
		CloseThreadpoolWork(w);
	}
	for (int k = 0; k < 100; k++)
		WaitForSingleObject(sem, INFINITE);
	printf("callbacks of closed objects: %ld\n", closed_runs);
	return 0;
}
