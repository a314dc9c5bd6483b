/*
 * schedule.c — scheduling compared with Wine: thread priorities, the
 * priority class of this process and of a child, priority boosts, ideal
 * processors, thread affinity, the processor number, thread
 * descriptions, FlushProcessWriteBuffers, and the Ex forms of
 * CreateEvent/CreateMutex/CreateSemaphore.
 */
#include <stdio.h>
#include <windows.h>

HRESULT WINAPI SetThreadDescription(HANDLE, PCWSTR);
HRESULT WINAPI GetThreadDescription(HANDLE, PWSTR *);

#define SHOW(label, expr)                                                  \
	do {                                                               \
		SetLastError(0);                                           \
		long long v_ = (long long)(expr);                          \
		printf("%-34s %lld %lu\n", label, v_, GetLastError());     \
	} while (0)

static DWORD WINAPI worker(void *arg)
{
	WaitForSingleObject(arg, INFINITE);
	return 0;
}

static void classes(void)
{
	static const DWORD cls[] = {
		IDLE_PRIORITY_CLASS,	     BELOW_NORMAL_PRIORITY_CLASS,
		ABOVE_NORMAL_PRIORITY_CLASS, HIGH_PRIORITY_CLASS,
		NORMAL_PRIORITY_CLASS,
	};
	HANDLE self = GetCurrentProcess();

	SHOW("GetPriorityClass", GetPriorityClass(self));
	for (size_t i = 0; i < sizeof(cls) / sizeof(cls[0]); i++) {
		SHOW("SetPriorityClass", SetPriorityClass(self, cls[i]));
		SHOW("  now", GetPriorityClass(self));
	}
	SHOW("SetPriorityClass bad", SetPriorityClass(self, 0x12345));
	SHOW("SetPriorityClass 0", SetPriorityClass(self, 0));
	SHOW("SetPriorityClass two", SetPriorityClass(self, 0x60));
	SHOW("GetPriorityClass bad handle", GetPriorityClass((HANDLE)0x1234));
}

static void threads(void)
{
	HANDLE go = CreateEventA(0, TRUE, FALSE, 0);
	HANDLE t = CreateThread(0, 0, worker, go, 0, 0);
	BOOL off = 7;
	PWSTR d = 0;
	HRESULT hr;

	SHOW("GetThreadPriority", GetThreadPriority(t));
	SHOW("SetThreadPriority 2", SetThreadPriority(t, 2));
	SHOW("  now", GetThreadPriority(t));
	SHOW("SetThreadPriority 3", SetThreadPriority(t, 3));
	SHOW("GetThreadPriorityBoost", GetThreadPriorityBoost(t, &off));
	printf("  disabled %d\n", off);
	/* (Read back after SetThreadPriorityBoost, Windows documents the
	 * state set and Wine 8 forgets it: the runtime's unit tests check
	 * that one.) */
	SHOW("SetThreadPriorityBoost", SetThreadPriorityBoost(t, TRUE));
	SHOW("GetProcessPriorityBoost", GetProcessPriorityBoost(GetCurrentProcess(), &off));
	printf("  disabled %d\n", off);
	SHOW("SetThreadIdealProcessor 0", SetThreadIdealProcessor(t, 0));
	SHOW("SetThreadIdealProcessor ask", SetThreadIdealProcessor(t, MAXIMUM_PROCESSORS));
	/* (A processor the machine lacks: Windows fails, Wine 8 does not;
	 * the unit tests check it.) */
	SHOW("SetThreadAffinityMask 1", SetThreadAffinityMask(t, 1) != 0);
	SHOW("SetThreadAffinityMask 0", SetThreadAffinityMask(t, 0));
	SHOW("SetThreadAffinityMask 1<<63", SetThreadAffinityMask(t, (DWORD_PTR)1 << 63));
	SHOW("  back, old mask", SetThreadAffinityMask(t, 1));
	SHOW("processor number < 64", GetCurrentProcessorNumber() < 64);
	FlushProcessWriteBuffers();
	printf("FlushProcessWriteBuffers returned\n");
	hr = GetThreadDescription(t, &d);
	printf("description before: %d [%ls]\n", SUCCEEDED(hr), d ? d : L"(null)");
	LocalFree(d);
	hr = SetThreadDescription(t, L"worker one");
	printf("SetThreadDescription %d\n", SUCCEEDED(hr));
	d = 0;
	hr = GetThreadDescription(t, &d);
	printf("description: %d [%ls]\n", SUCCEEDED(hr), d ? d : L"(null)");
	LocalFree(d);
	hr = SetThreadDescription(GetCurrentThread(), L"main");
	d = 0;
	hr = GetThreadDescription(GetCurrentThread(), &d);
	printf("own description: %d [%ls]\n", SUCCEEDED(hr), d ? d : L"(null)");
	LocalFree(d);
	SetEvent(go);
	WaitForSingleObject(t, INFINITE);
	CloseHandle(t);
	CloseHandle(go);
}

static void ex_objects(void)
{
	HANDLE e, m, s;

	SHOW("CreateEventExA flags 4", (e = CreateEventExA(0, 0, 4, EVENT_ALL_ACCESS)) != 0);
	CloseHandle(e);
	e = CreateEventExA(0, 0, CREATE_EVENT_INITIAL_SET, EVENT_ALL_ACCESS);
	SHOW("auto, set: wait", WaitForSingleObject(e, 0));
	SHOW("  again", WaitForSingleObject(e, 0));
	CloseHandle(e);
	e = CreateEventExW(0, L"schedule-ev", CREATE_EVENT_INITIAL_SET | CREATE_EVENT_MANUAL_RESET, EVENT_ALL_ACCESS);
	SHOW("manual, set: wait", WaitForSingleObject(e, 0));
	SHOW("  again", WaitForSingleObject(e, 0));
	SHOW("open it", (s = OpenEventA(SYNCHRONIZE, FALSE, "schedule-ev")) != 0);
	CloseHandle(s);
	CloseHandle(e);
	m = CreateMutexExA(0, 0, CREATE_MUTEX_INITIAL_OWNER, MUTEX_ALL_ACCESS);
	SHOW("owned mutex: release", ReleaseMutex(m));
	SHOW("  again", ReleaseMutex(m));
	CloseHandle(m);
	m = CreateMutexExW(0, L"schedule-mx", 0, SYNCHRONIZE);
	SHOW("named mutex: release", ReleaseMutex(m));
	CloseHandle(m);
	s = CreateSemaphoreExA(0, 1, 2, 0, 0, SEMAPHORE_ALL_ACCESS);
	SHOW("semaphore: wait", WaitForSingleObject(s, 0));
	SHOW("  again", WaitForSingleObject(s, 0));
	CloseHandle(s);
	SHOW("semaphore initial > max", CreateSemaphoreExW(0, 3, 2, 0, 0, SEMAPHORE_ALL_ACCESS) != 0);
}

int main(void)
{
	classes();
	threads();
	ex_objects();
	return 0;
}
