/*
 * tpool.c — what the thread pool functions marked RT_PARTIAL refuse: a
 * callback environment with an activation context, the Persistent flag
 * or a version other than 1 and 3; WT_ flags outside those documented
 * for the call.
 */
#include <windows.h>

#include "case.h"

/* Exported by kernel32, not declared by mingw's headers. */
HANDLE WINAPI RegisterWaitForSingleObjectEx(HANDLE h, WAITORTIMERCALLBACK fn,
					    PVOID ctx, ULONG ms, ULONG flags);

static void CALLBACK work_cb(PTP_CALLBACK_INSTANCE i, void *c, PTP_WORK w)
{
}

static void CALLBACK simple_cb(PTP_CALLBACK_INSTANCE i, void *c)
{
}

static void CALLBACK wait_cb(PTP_CALLBACK_INSTANCE i, void *c, PTP_WAIT w,
			     TP_WAIT_RESULT r)
{
}

static void CALLBACK timer_cb(PTP_CALLBACK_INSTANCE i, void *c, PTP_TIMER t)
{
}

static void CALLBACK legacy_cb(void *c, BOOLEAN fired)
{
}

static DWORD WINAPI item_fn(void *c)
{
	return 0;
}

int main(void)
{
	TP_CALLBACK_ENVIRON actx, persistent, v2;
	HANDLE h, ev = CreateEventA(NULL, FALSE, FALSE, NULL);

	InitializeThreadpoolEnvironment(&actx);
	actx.ActivationContext = (struct _ACTIVATION_CONTEXT *)0x1000;
	InitializeThreadpoolEnvironment(&persistent);
	persistent.u.s.Persistent = 1;
	InitializeThreadpoolEnvironment(&v2);
	v2.Version = 2;

	CASE("CreateThreadpoolWork",
	     CreateThreadpoolWork(work_cb, NULL, &actx));
	CASE("CreateThreadpoolTimer",
	     CreateThreadpoolTimer(timer_cb, NULL, &persistent));
	CASE("CreateThreadpoolWait", CreateThreadpoolWait(wait_cb, NULL, &v2));
	CASE("TrySubmitThreadpoolCallback",
	     TrySubmitThreadpoolCallback(simple_cb, NULL, &actx));
	CASE("QueueUserWorkItem",
	     QueueUserWorkItem(item_fn, NULL, WT_EXECUTEINWAITTHREAD));
	CASE("CreateTimerQueueTimer",
	     CreateTimerQueueTimer(&h, NULL, legacy_cb, NULL, 1, 0,
				   WT_EXECUTEINWAITTHREAD));
	CASE("RegisterWaitForSingleObject",
	     RegisterWaitForSingleObject(&h, ev, legacy_cb, NULL, INFINITE,
					 WT_EXECUTEINTIMERTHREAD));
	CASE("RegisterWaitForSingleObjectEx",
	     RegisterWaitForSingleObjectEx(ev, legacy_cb, NULL, INFINITE,
					   WT_EXECUTEINTIMERTHREAD));
	return 0;
}
