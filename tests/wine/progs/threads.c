/* threads.c — threads writing the same DLL's copy-on-write data under a
 * critical section; events, mutexes, waits, exit codes, TLS slots and
 * __thread variables; LoadLibrary/GetProcAddress on the same DLL. */
#include <stdio.h>
#include <windows.h>

__declspec(dllimport) int wt_add(int n);
__declspec(dllimport) int wt_get(void);
__declspec(dllimport) int wt_attached(void);

#define THREADS 4
#define ROUNDS	10000

static HANDLE go, done_event, mutex;
static DWORD slot;
static volatile LONG inter;
static __thread int per_thread = 5;
static int shared_plain;

static DWORD WINAPI worker(LPVOID arg)
{
	int id = (int)(INT_PTR)arg;

	WaitForSingleObject(go, INFINITE);
	TlsSetValue(slot, (LPVOID)(INT_PTR)(id * 10));
	per_thread += id;
	for (int i = 0; i < ROUNDS; i++) {
		wt_add(1);
		InterlockedIncrement(&inter);
		WaitForSingleObject(mutex, INFINITE);
		shared_plain++;
		ReleaseMutex(mutex);
	}
	/* Each thread sees its own slot and __thread copy. */
	if ((INT_PTR)TlsGetValue(slot) != id * 10 || per_thread != 5 + id)
		return 99;
	return 40 + id;
}

static DWORD main_tid;
static HANDLE dup_self;

static DWORD WINAPI quitter(LPVOID arg)
{
	HANDLE self;

	if (GetCurrentThreadId() == main_tid)
		return 1;
	DuplicateHandle(GetCurrentProcess(), GetCurrentThread(),
			GetCurrentProcess(), &self, 0, FALSE,
			DUPLICATE_SAME_ACCESS);
	dup_self = self;
	ExitThread((DWORD)(INT_PTR)arg);
	return 2;
}

static DWORD WINAPI signaller(LPVOID arg)
{
	SetEvent(done_event);
	return 0;
}

int main(void)
{
	HANDLE th[THREADS], s;
	DWORD code, r;
	HMODULE m;
	int (*get)(void);

	printf("attached %d, counter starts at %d\n", wt_attached(), wt_get());
	slot = TlsAlloc();
	TlsSetValue(slot, (LPVOID)7);
	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	mutex = CreateMutexA(NULL, FALSE, NULL);
	for (int i = 0; i < THREADS; i++)
		th[i] = CreateThread(NULL, 0, worker, (LPVOID)(INT_PTR)(i + 1),
				     0, NULL);
	r = WaitForSingleObject(th[0], 0);
	printf("before go: wait timeout %d\n", r == WAIT_TIMEOUT);
	SetEvent(go);
	r = WaitForMultipleObjects(THREADS, th, TRUE, INFINITE);
	printf("all done %lu\n", r);
	for (int i = 0; i < THREADS; i++) {
		GetExitCodeThread(th[i], &code);
		printf("thread %d exit %lu\n", i + 1, code);
		CloseHandle(th[i]);
	}
	printf("counter %d interlocked %ld plain %d\n", wt_get(), inter,
	       shared_plain);
	printf("main slot %d per_thread %d\n", (int)(INT_PTR)TlsGetValue(slot),
	       per_thread);

	done_event = CreateEventA(NULL, FALSE, FALSE, NULL);
	s = CreateThread(NULL, 0, signaller, NULL, 0, NULL);
	r = WaitForSingleObject(done_event, 5000);
	printf("auto-reset event: %lu, again: %lu\n", r,
	       WaitForSingleObject(done_event, 10));
	WaitForSingleObject(s, INFINITE);
	CloseHandle(s);

	main_tid = GetCurrentThreadId();
	s = CreateThread(NULL, 0, quitter, (LPVOID)77, CREATE_SUSPENDED, &r);
	printf("suspended: still active %d, tid differs %d\n",
	       WaitForSingleObject(s, 50) == WAIT_TIMEOUT, r != main_tid);
	printf("ResumeThread %lu\n", ResumeThread(s));
	WaitForSingleObject(s, INFINITE);
	GetExitCodeThread(s, &code);
	printf("ExitThread code %lu\n", code);
	printf("duplicated handle waits too: %lu\n",
	       WaitForSingleObject(dup_self, INFINITE));
	CloseHandle(dup_self);
	CloseHandle(s);
	th[0] = CreateEventA(NULL, TRUE, FALSE, NULL);
	th[1] = CreateEventA(NULL, TRUE, TRUE, NULL);
	printf("wait any: %lu, all with one unset: %lu\n",
	       WaitForMultipleObjects(2, th, FALSE, 0),
	       WaitForMultipleObjects(2, th, TRUE, 0));
	CloseHandle(th[0]);
	CloseHandle(th[1]);

	m = LoadLibraryA("wtcounter.dll");
	get = (int (*)(void))(void (*)(void))GetProcAddress(m, "wt_get");
	printf("LoadLibrary same module %d, GetProcAddress value %d\n",
	       m == GetModuleHandleA("wtcounter"), get ? get() : -1);
	printf("missing proc %p error %lu\n", (void *)GetProcAddress(m, "nope"),
	       GetLastError());
	printf("missing dll %p error %lu\n", (void *)LoadLibraryA("nope.dll"),
	       GetLastError());
	FreeLibrary(m);
	printf("still loaded %d\n", wt_get());
	return 3;
}
