/* tls_dll.c — a DLL with a TLS callback and a DllMain: the callback
 * runs first, for process and for each thread. */
#include <stdio.h>
#include <windows.h>

static const char *const names[] = {"PROCESS_DETACH", "PROCESS_ATTACH",
                                    "THREAD_ATTACH", "THREAD_DETACH"};

static void NTAPI dll_tls_callback(PVOID h, DWORD reason, PVOID reserved)
{
	printf("tls_dll callback: %s\n", names[reason]);
	fflush(stdout);
}
__attribute__((used, section(".CRT$XLB")))
PIMAGE_TLS_CALLBACK dll_tls_callback_ptr = dll_tls_callback;

__declspec(dllexport) int tls_dll_value(void)
{
	return 77;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	printf("tls_dll DllMain: %s\n", names[reason]);
	fflush(stdout);
	return TRUE;
}
