/* tpool_timer.c — thread pool timers: relative, absolute and zero due
 * times, periods, the window length, NULL to stop, IsThreadpoolTimerSet,
 * WaitForThreadpoolTimerCallbacks with cancel, a timer in a cleanup
 * group.  Short due times; every result is waited for on an event the
 * callback sets. */
#include <stdio.h>
#include <windows.h>

static volatile LONG fired, target;
static HANDLE done_ev;

static void CALLBACK timer_cb(PTP_CALLBACK_INSTANCE i, void *ctx, PTP_TIMER t)
{
	if (InterlockedIncrement(&fired) == target)
		SetEvent(done_ev);
}

static void relative(FILETIME *ft, LONGLONG ms)
{
	LARGE_INTEGER li;

	li.QuadPart = -ms * 10000;
	ft->dwLowDateTime = li.LowPart;
	ft->dwHighDateTime = li.HighPart;
}

/* Sets t to fire once at ft and says whether it did. */
static void once(PTP_TIMER t, FILETIME *ft, DWORD window, const char *what)
{
	fired = 0;
	target = 1;
	SetThreadpoolTimer(t, ft, 0, window);
	printf("%s: set %d, wait %lu", what, IsThreadpoolTimerSet(t),
	       WaitForSingleObject(done_ev, 10000));
	WaitForThreadpoolTimerCallbacks(t, FALSE);
	printf(", fired %ld\n", fired);
}

int main(void)
{
	PTP_TIMER t = CreateThreadpoolTimer(timer_cb, NULL, NULL);
	TP_CALLBACK_ENVIRON env;
	PTP_CLEANUP_GROUP g;
	ULARGE_INTEGER abs;
	FILETIME ft;

	done_ev = CreateEventA(NULL, FALSE, FALSE, NULL);
	printf("timer created: %d, set %d\n", t != NULL,
	       IsThreadpoolTimerSet(t));

	relative(&ft, 10);
	once(t, &ft, 0, "relative 10 ms");
	printf("one-shot after firing: set %d\n", IsThreadpoolTimerSet(t));
	relative(&ft, 5);
	once(t, &ft, 100, "relative 5 ms, window 100 ms");
	ft.dwLowDateTime = ft.dwHighDateTime = 0;
	once(t, &ft, 0, "due time 0");
	GetSystemTimeAsFileTime(&ft);
	abs.LowPart = ft.dwLowDateTime;
	abs.HighPart = ft.dwHighDateTime;
	abs.QuadPart += 20 * 10000;
	ft.dwLowDateTime = abs.LowPart;
	ft.dwHighDateTime = abs.HighPart;
	once(t, &ft, 0, "absolute now + 20 ms");
	ft.dwLowDateTime = 1;
	ft.dwHighDateTime = 0;
	once(t, &ft, 0, "absolute in 1601");

	/* A period: three callbacks, then stopped. */
	fired = 0;
	target = 3;
	relative(&ft, 1);
	SetThreadpoolTimer(t, &ft, 2, 0);
	printf("periodic: wait %lu", WaitForSingleObject(done_ev, 10000));
	SetThreadpoolTimer(t, NULL, 0, 0);
	WaitForThreadpoolTimerCallbacks(t, TRUE);
	printf(", at least 3: %d, set %d\n", fired >= 3,
	       IsThreadpoolTimerSet(t));

	/* Stopped before it is due: no callback. */
	fired = 0;
	relative(&ft, 60000);
	SetThreadpoolTimer(t, &ft, 0, 0);
	printf("a minute away: set %d", IsThreadpoolTimerSet(t));
	SetThreadpoolTimer(t, NULL, 0, 0);
	WaitForThreadpoolTimerCallbacks(t, TRUE);
	printf(", stopped: set %d, fired %ld\n", IsThreadpoolTimerSet(t),
	       fired);

	/* Set again replaces the due time. */
	relative(&ft, 60000);
	SetThreadpoolTimer(t, &ft, 0, 0);
	relative(&ft, 1);
	once(t, &ft, 0, "reset from a minute to 1 ms");
	CloseThreadpoolTimer(t);

	/* A periodic timer in a cleanup group: closing the members stops it
	 * and closes it. */
	g = CreateThreadpoolCleanupGroup();
	InitializeThreadpoolEnvironment(&env);
	SetThreadpoolCallbackCleanupGroup(&env, g, NULL);
	t = CreateThreadpoolTimer(timer_cb, NULL, &env);
	fired = 0;
	target = 2;
	relative(&ft, 1);
	SetThreadpoolTimer(t, &ft, 1, 0);
	printf("group timer: wait %lu", WaitForSingleObject(done_ev, 10000));
	CloseThreadpoolCleanupGroupMembers(g, TRUE, NULL);
	target = 0;
	printf(", closed by its group: at least 2: %d\n", fired >= 2);
	CloseThreadpoolCleanupGroup(g);
	printf("done\n");
	return 0;
}
