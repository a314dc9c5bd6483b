/*
 * tls_dll.dll — a DLL that is told about every thread: the loader calls
 * its DllMain with DLL_THREAD_ATTACH in each new thread before the thread's
 * own function runs, and with DLL_THREAD_DETACH as the thread ends.
 */
#include <windows.h>
#include <stdio.h>

static LONG attached;

__declspec(dllexport) LONG tls_dll_threads_seen(void)
{
	return attached;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	switch (reason) {
	case DLL_PROCESS_ATTACH:
		printf("  tls_dll.dll DllMain(PROCESS_ATTACH)\n");
		break;
	case DLL_THREAD_ATTACH:
		attached++;
		printf("  tls_dll.dll DllMain(THREAD_ATTACH)\n");
		break;
	case DLL_THREAD_DETACH:
		printf("  tls_dll.dll DllMain(THREAD_DETACH)\n");
		break;
	case DLL_PROCESS_DETACH:
		printf("  tls_dll.dll DllMain(PROCESS_DETACH)\n");
		break;
	}
	fflush(stdout);
	return TRUE;
}
