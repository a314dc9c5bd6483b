/*
 * tls.exe — the two kinds of thread-local storage a Windows program has,
 * and the TLS callbacks the loader calls for every thread.
 *
 * Implicit TLS (what __declspec(thread) compiles to with MSVC): the image's
 * TLS directory names a template, the bytes between StartAddressOfRawData
 * and EndAddressOfRawData.  The loader gives every thread its own copy and
 * puts a pointer to it at index _tls_index of the array the TEB points to
 * at gs:[0x58] (ThreadLocalStoragePointer).  GCC has no __declspec(thread),
 * so tls_var() below does by hand what MSVC's code does.
 *
 * Explicit TLS: TlsAlloc gives a slot index, TlsSetValue/TlsGetValue store
 * one pointer per thread in it.
 *
 * The threads run one after another (each is waited for before the next
 * starts), so the output is the same on every run.
 */
#include <windows.h>
#include <stdio.h>

__declspec(dllimport) LONG tls_dll_threads_seen(void);

extern ULONG _tls_index;                  /* set by the loader */
extern const IMAGE_TLS_DIRECTORY _tls_used; /* this image's TLS directory */

/* Part of the template: every thread starts with its own 100. */
__attribute__((section(".tls$B"))) int counter = 100;

static DWORD slot;

/* This thread's copy of a variable of the TLS template. */
static void *tls_var(void *template_addr)
{
	void **blocks;

	__asm__("movq %%gs:0x58, %0" : "=r"(blocks));
	char *start = (char *)_tls_used.StartAddressOfRawData;

	return (char *)blocks[_tls_index] + ((char *)template_addr - start);
}

static void NTAPI on_tls(PVOID h, DWORD reason, PVOID reserved)
{
	static const char *const names[] = {
		"PROCESS_DETACH", "PROCESS_ATTACH", "THREAD_ATTACH",
		"THREAD_DETACH",
	};

	printf("  TLS callback(%s)\n", reason < 4 ? names[reason] : "?");
	fflush(stdout);
}

/* The loader calls every pointer in .CRT$XL* (between the C runtime's
 * __xl_a and __xl_z), listed by the TLS directory's AddressOfCallBacks. */
__attribute__((section(".CRT$XLF"), used)) const PIMAGE_TLS_CALLBACK
	tls_callback = on_tls;

static DWORD WINAPI worker(LPVOID arg)
{
	int n = (int)(INT_PTR)arg;
	int *mine = tls_var(&counter);
	static int results[4];

	printf("thread %d: my counter starts at %d\n", n, *mine);
	*mine += n;
	results[n] = *mine;
	TlsSetValue(slot, &results[n]);
	printf("thread %d: my counter is now %d, my slot points at %d\n", n,
	       *mine, *(int *)TlsGetValue(slot));
	fflush(stdout);
	return (DWORD)(200 + n);
}

int main(void)
{
	char *start = (char *)_tls_used.StartAddressOfRawData;
	char *end = (char *)_tls_used.EndAddressOfRawData;
	int *mine, n, main_value = -1;
	DWORD code;

	if ((char *)&counter < start || (char *)&counter >= end) {
		printf("tls: counter is not inside the TLS template\n");
		return 1;
	}
	slot = TlsAlloc();
	if (slot == TLS_OUT_OF_INDEXES) {
		printf("tls: TlsAlloc failed\n");
		return 1;
	}
	TlsSetValue(slot, &main_value);
	mine = tls_var(&counter);
	*mine += 1;
	printf("main: my counter is %d\n", *mine);
	fflush(stdout);

	for (n = 1; n <= 3; n++) {
		HANDLE t = CreateThread(NULL, 0, worker, (LPVOID)(INT_PTR)n, 0, NULL);

		if (!t) {
			printf("tls: CreateThread failed\n");
			return 1;
		}
		WaitForSingleObject(t, INFINITE);
		GetExitCodeThread(t, &code);
		CloseHandle(t);
		printf("main: thread %d exited with %lu\n", n, code);
		fflush(stdout);
	}
	printf("main: my counter is still %d, my slot still points at %d\n",
	       *mine, *(int *)TlsGetValue(slot));
	printf("main: tls_dll.dll saw %ld threads start\n", tls_dll_threads_seen());
	fflush(stdout);
	TlsFree(slot);
	return 0;
}
