/* thread_main.c — __thread data with several threads running at once.
 * gcc for mingw-w64 compiles __thread to emulated TLS (libgcc's emutls,
 * on TlsAlloc / TlsGetValue and a semaphore), so this exercises the
 * runtime's TLS slots; tls_main.c covers the PE TLS directory.  Each
 * thread changes its own copy many times; main's copy stays as it was. */
#include <stdio.h>
#include <windows.h>

#define NTHREADS 4

static __thread int counter = 100;
static __thread char tag[16] = "main";
static int results[NTHREADS];

static DWORD WINAPI worker(LPVOID arg)
{
	int n = (int)(ULONG_PTR)arg;

	snprintf(tag, sizeof tag, "worker%d", n);
	for (int i = 0; i < 100000; i++)
		counter += n;
	results[n] = counter;
	return tag[6] == '0' + n ? 0 : 1;
}

int main(void)
{
	HANDLE t[NTHREADS];
	DWORD code;
	int bad = 0;

	counter = 7;
	for (int i = 0; i < NTHREADS; i++)
		t[i] = CreateThread(NULL, 0, worker, (LPVOID)(ULONG_PTR)i, 0, NULL);
	WaitForMultipleObjects(NTHREADS, t, TRUE, INFINITE);
	for (int i = 0; i < NTHREADS; i++) {
		GetExitCodeThread(t[i], &code);
		bad += code != 0;
		CloseHandle(t[i]);
		printf("thread %d: counter %d\n", i, results[i]);
	}
	printf("main: counter %d tag %s, %d bad tags\n", counter, tag, bad);
	return 0;
}
