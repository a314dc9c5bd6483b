/* suspend.c — SuspendThread stops a running thread wherever it is,
 * ResumeThread counts it back, GetThreadContext reads its registers and
 * SetThreadContext sends it elsewhere; a thread blocked in a wait goes on
 * waiting through a suspension; GetThreadTimes of another thread. */
#include <stdio.h>
#include <windows.h>

static volatile LONG64 counter;
static volatile int stop;
static HANDLE wake;

static DWORD WINAPI spin(void *arg)
{
	while (!stop)
		counter++;
	return 7;
}

static DWORD WINAPI waiter(void *arg)
{
	DWORD r = WaitForSingleObject(wake, INFINITE);

	Sleep(20);
	return r == WAIT_OBJECT_0 ? 11 : 12;
}

static void __attribute__((noinline, used)) diverted(void)
{
	ExitThread(42);
}

static DWORD WINAPI quick(void *arg)
{
	return 3;
}

int main(void)
{
	HANDLE t = CreateThread(NULL, 0, spin, NULL, 0, NULL), w;
	CONTEXT ctx = {.ContextFlags = CONTEXT_CONTROL | CONTEXT_INTEGER};
	FILETIME cr, ex, k, u, now;
	LONG64 c1, c2;
	DWORD code;

	while (counter < 1000)
		Sleep(1);
	printf("suspend: %lu\n", SuspendThread(t));
	printf("context: %d\n", GetThreadContext(t, &ctx));
	c1 = counter;
	Sleep(50);
	c2 = counter;
	printf("stopped while suspended: %d\n", c1 == c2);
	printf("rip in the spinning loop: %d\n",
	       ctx.Rip >= (DWORD64)spin && ctx.Rip < (DWORD64)spin + 64);
	printf("suspend again: %lu\n", SuspendThread(t));
	printf("resume: %lu\n", ResumeThread(t));
	Sleep(20);
	printf("still stopped at count 1: %d\n", counter == c2);
	printf("resume: %lu\n", ResumeThread(t));
	while (counter == c2)
		Sleep(1);
	printf("running again\n");
	printf("resume a running thread: %lu\n", ResumeThread(t));

	/* Times of a running thread: some milliseconds of CPU (the kernel
	 * counts in ticks of 10 ms), not ended. */
	while (counter < c2 + 50000000)
		Sleep(1);
	GetThreadTimes(t, &cr, &ex, &k, &u);
	GetSystemTimeAsFileTime(&now);
	printf("running thread's times: created before now %d, ended %d, cpu %d\n",
	       CompareFileTime(&cr, &now) <= 0,
	       ex.dwLowDateTime || ex.dwHighDateTime,
	       k.dwLowDateTime + u.dwLowDateTime > 0);

	/* A context read while it runs: Windows and Wine give one. */
	ctx.ContextFlags = CONTEXT_CONTROL;
	printf("context while running: %d\n", GetThreadContext(t, &ctx));

	/* Sent elsewhere: diverted() ends it with 42. */
	SuspendThread(t);
	ctx.ContextFlags = CONTEXT_CONTROL;
	GetThreadContext(t, &ctx);
	ctx.Rsp = (ctx.Rsp & ~(DWORD64)15) - 40;
	ctx.Rip = (DWORD64)diverted;
	printf("set context: %d\n", SetThreadContext(t, &ctx));
	ResumeThread(t);
	WaitForSingleObject(t, INFINITE);
	GetExitCodeThread(t, &code);
	printf("exit code after the new context: %lu\n", code);
	GetThreadTimes(t, &cr, &ex, &k, &u);
	GetSystemTimeAsFileTime(&now);
	printf("ended thread's times: created before now %d, ended %d, after creation %d\n",
	       CompareFileTime(&cr, &now) <= 0,
	       ex.dwLowDateTime || ex.dwHighDateTime,
	       CompareFileTime(&ex, &cr) >= 0);
	SetLastError(0);
	printf("suspend an ended thread: %ld", (long)SuspendThread(t));
	printf(" (error %lu)\n", GetLastError());
	CloseHandle(t);

	/* A thread waiting in the kernel goes on waiting. */
	wake = CreateEventA(NULL, FALSE, FALSE, NULL);
	w = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
	Sleep(20);
	printf("suspend a waiting thread: %lu\n", SuspendThread(w));
	SetEvent(wake);
	Sleep(30);
	printf("it has not returned: %d\n",
	       WaitForSingleObject(w, 0) == WAIT_TIMEOUT);
	printf("resume: %lu\n", ResumeThread(w));
	WaitForSingleObject(w, INFINITE);
	GetExitCodeThread(w, &code);
	printf("the wait ended normally: %lu\n", code);
	CloseHandle(w);

	/* Created suspended: the counts add up. */
	t = CreateThread(NULL, 0, quick, NULL, CREATE_SUSPENDED, NULL);
	printf("created suspended, suspend: %lu\n", SuspendThread(t));
	printf("resume: %lu\n", ResumeThread(t));
	printf("not started yet: %d\n", WaitForSingleObject(t, 50) == WAIT_TIMEOUT);
	printf("resume: %lu\n", ResumeThread(t));
	WaitForSingleObject(t, INFINITE);
	GetExitCodeThread(t, &code);
	printf("it ran: %lu\n", code);
	CloseHandle(t);
	stop = 1;
	return 0;
}
