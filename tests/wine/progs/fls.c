/*
 * fls.c — fiber-local storage callbacks, thread priorities, the thread
 * times and process affinity of kernel32 (compared with Wine).
 *
 * FlsAlloc's callback runs with a thread's non-NULL value when the
 * thread ends, and with every remaining value when the slot is freed;
 * SetThreadPriority takes Windows' levels only and GetThreadPriority
 * returns what was set.
 */
#include <stdio.h>
#include <windows.h>

static DWORD slot;

static void WINAPI on_free(void *v)
{
	printf("callback: %s\n", (const char *)v);
	fflush(stdout);
}

static DWORD WINAPI worker(void *arg)
{
	FlsSetValue(slot, arg);
	return 0;
}

static DWORD WINAPI quiet(void *arg)
{
	(void)arg;
	return 0; /* leaves its value NULL: no callback */
}

static void fls(void)
{
	HANDLE h;

	slot = FlsAlloc(on_free);
	printf("FlsAlloc: %s\n", slot != FLS_OUT_OF_INDEXES ? "ok" : "failed");
	FlsSetValue(slot, "main thread's value");
	h = CreateThread(0, 0, worker, "worker's value", 0, 0);
	WaitForSingleObject(h, INFINITE);
	CloseHandle(h);
	h = CreateThread(0, 0, quiet, 0, 0, 0);
	WaitForSingleObject(h, INFINITE);
	CloseHandle(h);
	printf("freeing\n");
	fflush(stdout);
	printf("FlsFree: %d\n", FlsFree(slot));
	slot = FlsAlloc(0);
	FlsSetValue(slot, "no callback");
	printf("FlsFree without a callback: %d\n", FlsFree(slot));
}

static void priority(void)
{
	static const int levels[] = {-15, -2, -1, 0, 1, 2, 15, 3, -3, 16, 100};
	HANDLE self = GetCurrentThread(), dup;

	for (unsigned i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		SetLastError(0);
		BOOL ok = SetThreadPriority(self, levels[i]);
		DWORD e = GetLastError();
		printf("SetThreadPriority(%d): %d error %lu, now %d\n",
		       levels[i], ok, ok ? 0 : e, GetThreadPriority(self));
	}
	SetThreadPriority(self, 1);
	DuplicateHandle(GetCurrentProcess(), self, GetCurrentProcess(), &dup,
			0, FALSE, DUPLICATE_SAME_ACCESS);
	printf("through a real handle: %d\n", GetThreadPriority(dup));
	SetThreadPriority(dup, -1);
	printf("set through it, read through the pseudo-handle: %d\n",
	       GetThreadPriority(self));
	CloseHandle(dup);
	SetThreadPriority(self, 0);
}

static void times(void)
{
	FILETIME c, e, k, u, pc, pe, pk, pu;

	GetThreadTimes(GetCurrentThread(), &c, &e, &k, &u);
	GetProcessTimes(GetCurrentProcess(), &pc, &pe, &pk, &pu);
	ULARGE_INTEGER tc = {.LowPart = c.dwLowDateTime,
			     .HighPart = c.dwHighDateTime};
	ULARGE_INTEGER pcs = {.LowPart = pc.dwLowDateTime,
			      .HighPart = pc.dwHighDateTime};
	printf("thread and process have a creation time: %d\n",
	       tc.QuadPart != 0 && pcs.QuadPart != 0);
}

static void affinity(void)
{
	DWORD_PTR pm, sm;

	printf("GetProcessAffinityMask: %d\n",
	       GetProcessAffinityMask(GetCurrentProcess(), &pm, &sm));
	printf("process mask within system mask: %d\n",
	       pm != 0 && (pm & ~sm) == 0);
	printf("SetProcessAffinityMask(same): %d\n",
	       SetProcessAffinityMask(GetCurrentProcess(), pm));
	SetLastError(0);
	BOOL ok = SetProcessAffinityMask(GetCurrentProcess(), 0);
	printf("SetProcessAffinityMask(0): %d error %lu\n", ok,
	       GetLastError());
}

int main(void)
{
	fls();
	priority();
	times();
	affinity();
	return 0;
}
