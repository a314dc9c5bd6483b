/* tls_main.c — implicit TLS (the PE TLS directory): a variable placed in
 * the .tls template, reached as Windows code does, through
 * TEB.ThreadLocalStoragePointer[_tls_index], one copy per thread; and a
 * TLS callback (.CRT$XLB), which runs for the EXE after the DLLs'
 * initializers and on every thread start and end.  tls_dll.dll has a TLS
 * callback and a DllMain too.  Threads run one after another so the
 * output has one order.  (__thread is in thread_main.c.) */
#include <stdio.h>
#include <windows.h>

extern ULONG _tls_index;
extern const IMAGE_TLS_DIRECTORY _tls_used;
__declspec(dllimport) int tls_dll_value(void);

__attribute__((section(".tls$AAB"))) int implicit_var = 1000;

static const char *const names[] = {"PROCESS_DETACH", "PROCESS_ATTACH",
                                    "THREAD_ATTACH", "THREAD_DETACH"};

static void NTAPI exe_tls_callback(PVOID h, DWORD reason, PVOID reserved)
{
	printf("tls_main callback: %s\n", names[reason]);
	fflush(stdout);
}
__attribute__((used, section(".CRT$XLB")))
PIMAGE_TLS_CALLBACK exe_tls_callback_ptr = exe_tls_callback;

/* This thread's copy of implicit_var, found the way MSVC code finds it. */
static int *implicit(void)
{
	char **vec;

	__asm__("movq %%gs:0x58, %0" : "=r"(vec));
	return (int *)(vec[_tls_index] + ((ULONG_PTR)&implicit_var -
	                                  _tls_used.StartAddressOfRawData));
}

static DWORD WINAPI worker(LPVOID arg)
{
	int n = (int)(ULONG_PTR)arg;

	*implicit() += n;
	printf("thread %d: implicit %d\n", n, *implicit());
	fflush(stdout);
	return 0;
}

int main(void)
{
	printf("main: tls_dll_value %d\n", tls_dll_value());
	*implicit() += 1;
	for (int i = 1; i <= 3; i++) {
		HANDLE t = CreateThread(NULL, 0, worker, (LPVOID)(ULONG_PTR)i, 0,
		                        NULL);
		WaitForSingleObject(t, INFINITE);
		CloseHandle(t);
	}
	printf("main: implicit %d\n", *implicit());
	fflush(stdout);
	return 0;
}
