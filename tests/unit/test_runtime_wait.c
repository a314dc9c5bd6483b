/*
 * test_runtime_wait.c — WaitForSingleObject and WaitForMultipleObjects
 * over any mix of local objects (threads, unnamed events, mutexes) and
 * named ones in shared memory (kernel32/wait.c, named.c): wait-any and
 * wait-all, their side effects only when satisfied, timeouts, wake-ups
 * by another thread, abandoned named mutexes, names that outlive one
 * handle and go with the last.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runtime/core/core.h"
#include "runtime/kernel32/k32int.h"
#include "tests/unit/cu.h"

static int init(void)
{
	return rt_thread_init();
}

CU_SUITE(wait, init, 0)

static const char *uname(const char *what)
{
	static char buf[4][96];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "dllshare-unit-wait-%d-%s",
		 (int)getpid(), what);
	return buf[k];
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 +
	       (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static DWORD WINAPI set_it(void *h)
{
	return w32_SetEvent(h) ? 0 : 1;
}

/* Wait-all takes nothing until every object is signalled; a timeout
 * lasts its time; then one wait takes all. */
CU_TEST(wait, all_over_local_and_named)
{
	HANDLE local = w32_CreateEventA(0, TRUE, FALSE, 0);
	HANDLE ev = w32_CreateEventA(0, FALSE, TRUE, uname("ev"));
	HANDLE sem = w32_CreateSemaphoreA(0, 1, 5, uname("sem"));
	HANDLE mx = w32_CreateMutexA(0, FALSE, 0);
	HANDLE hs[4] = {sem, ev, local, mx};
	struct timespec t0;
	LONG prev = -1;

	CU_ASSERT_FATAL(local && ev && sem && mx);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CU_ASSERT_EQUAL(w32_WaitForMultipleObjects(4, hs, TRUE, 30),
			WAIT_TIMEOUT);
	CU_ASSERT(ms_since(&t0) >= 29);
	/* Nothing was taken: the event is still set, the count still 1. */
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(ev, 0), WAIT_OBJECT_0);
	CU_ASSERT(w32_SetEvent(ev));
	CU_ASSERT(w32_SetEvent(local));
	CU_ASSERT_EQUAL(w32_WaitForMultipleObjects(4, hs, TRUE, 0),
			WAIT_OBJECT_0);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(ev, 0), WAIT_TIMEOUT);
	CU_ASSERT(w32_ReleaseSemaphore(sem, 1, &prev));
	CU_ASSERT_EQUAL(prev, 0);
	CU_ASSERT(w32_ReleaseMutex(mx));
	CU_ASSERT(!w32_ReleaseMutex(mx));
	for (int i = 0; i < 4; i++)
		CU_ASSERT(w32_CloseHandle(hs[i]));
}

/* Wait-any wakes for a named event another thread sets, and for a
 * thread's end, whichever object comes first in the array. */
CU_TEST(wait, any_woken_by_another_thread)
{
	HANDLE local = w32_CreateEventA(0, FALSE, FALSE, 0);
	HANDLE ev = w32_CreateEventW(0, FALSE, FALSE, 0);
	HANDLE named = w32_CreateEventA(0, FALSE, FALSE, uname("any"));
	HANDLE th, hs[2];

	CU_ASSERT_FATAL(local && ev && named);
	th = w32_CreateThread(0, 0, set_it, named, 0, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(th);
	hs[0] = local;
	hs[1] = named;
	CU_ASSERT_EQUAL(w32_WaitForMultipleObjects(2, hs, FALSE, INFINITE),
			WAIT_OBJECT_0 + 1);
	hs[0] = named;
	hs[1] = th;
	CU_ASSERT_EQUAL(w32_WaitForMultipleObjects(2, hs, FALSE, INFINITE),
			WAIT_OBJECT_0 + 1);
	CU_ASSERT(w32_CloseHandle(th));
	th = w32_CreateThread(0, 0, set_it, local, 0, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(th);
	hs[0] = named;
	hs[1] = local;
	CU_ASSERT_EQUAL(w32_WaitForMultipleObjects(2, hs, FALSE, INFINITE),
			WAIT_OBJECT_0 + 1);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(th, INFINITE), WAIT_OBJECT_0);
	CU_ASSERT(w32_CloseHandle(th));
	CU_ASSERT(w32_CloseHandle(local));
	CU_ASSERT(w32_CloseHandle(ev));
	CU_ASSERT(w32_CloseHandle(named));
}

static DWORD WINAPI take_and_leave(void *h)
{
	return w32_WaitForSingleObject(h, 0);
}

/* A thread that ends holding a named mutex abandons it: the next wait
 * gets WAIT_ABANDONED and owns it.  Recursion counts. */
CU_TEST(wait, named_mutex_abandoned_and_recursive)
{
	HANDLE m = w32_CreateMutexA(0, TRUE, uname("mutex"));
	HANDLE m2, th;
	DWORD code = 99;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	m2 = w32_OpenMutexA(0x100000 /* SYNCHRONIZE */, 0, uname("mutex"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(m2);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(m2, 0), WAIT_OBJECT_0);
	CU_ASSERT(w32_ReleaseMutex(m));
	CU_ASSERT(w32_ReleaseMutex(m2));
	CU_ASSERT(!w32_ReleaseMutex(m));
	th = w32_CreateThread(0, 0, take_and_leave, m, 0, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(th);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(th, INFINITE), WAIT_OBJECT_0);
	CU_ASSERT(w32_GetExitCodeThread(th, &code));
	CU_ASSERT_EQUAL(code, WAIT_OBJECT_0);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(m2, 2000), WAIT_ABANDONED);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(m, 0), WAIT_OBJECT_0);
	CU_ASSERT(w32_ReleaseMutex(m));
	CU_ASSERT(w32_ReleaseMutex(m));
	CU_ASSERT(w32_CloseHandle(th));
	CU_ASSERT(w32_CloseHandle(m));
	CU_ASSERT(w32_CloseHandle(m2));
}

/* Two handles of one name in one wait lock its state once; the name
 * goes with the last handle, and a second Create of it says it
 * existed. */
CU_TEST(wait, one_name_two_handles)
{
	HANDLE a = w32_CreateSemaphoreA(0, 1, 1, uname("two"));
	HANDLE b, hs[2];

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	b = w32_CreateSemaphoreW(0, 0, 1, (const WCHAR *)L"" /* unnamed */);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT(w32_CloseHandle(b));
	b = w32_CreateSemaphoreA(0, 0, 1, uname("two"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(rt_teb()->LastErrorValue, ERROR_ALREADY_EXISTS);
	hs[0] = a;
	hs[1] = b;
	CU_ASSERT_EQUAL(w32_WaitForMultipleObjects(2, hs, FALSE, 0),
			WAIT_OBJECT_0);
	CU_ASSERT_EQUAL(w32_WaitForMultipleObjects(2, hs, FALSE, 10),
			WAIT_TIMEOUT);
	CU_ASSERT(w32_CloseHandle(a));
	a = w32_OpenSemaphoreA(0, 0, uname("two")); /* b still holds it */
	CU_ASSERT_PTR_NOT_NULL(a);
	CU_ASSERT(w32_CloseHandle(a));
	CU_ASSERT(w32_CloseHandle(b));
	CU_ASSERT_PTR_NULL(w32_OpenSemaphoreA(0, 0, uname("two")));
	CU_ASSERT_EQUAL(rt_teb()->LastErrorValue, ERROR_FILE_NOT_FOUND);
}

/* A process that dies without closing (no exit hook: _exit, as a crash)
 * leaves its name held by no one: the next Create finds the object gone
 * and makes a new one; a mutex it owned is abandoned. */
CU_TEST(wait, holders_that_die)
{
	HANDLE m = w32_CreateMutexA(0, FALSE, uname("dies-m")), e;
	char mname[96], ename[96];
	int status = -1;
	pid_t pid;

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	snprintf(mname, sizeof mname, "%s", uname("dies-m"));
	snprintf(ename, sizeof ename, "%s", uname("dies-e"));
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		HANDLE cm = w32_OpenMutexA(0x100000, 0, mname);
		HANDLE ce = w32_CreateEventA(0, TRUE, TRUE, ename);

		_exit(!cm ? 1 : !ce ? 2 : (int)w32_WaitForSingleObject(cm, 0) + 10);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_EQUAL(WEXITSTATUS(status), 10);
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(m, 0), WAIT_ABANDONED);
	CU_ASSERT(w32_ReleaseMutex(m));
	e = w32_CreateEventA(0, FALSE, FALSE, ename);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(rt_teb()->LastErrorValue, 0); /* a new one */
	CU_ASSERT_EQUAL(w32_WaitForSingleObject(e, 0), WAIT_TIMEOUT);
	CU_ASSERT(w32_CloseHandle(e));
	CU_ASSERT(w32_CloseHandle(m));
}
