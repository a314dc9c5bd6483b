/* quiet_dll.c — a DLL that turns its thread notices off in
 * DLL_PROCESS_ATTACH (DisableThreadLibraryCalls): it must never print a
 * thread attach or detach line. */
#include <stdio.h>
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	switch (reason) {
	case DLL_PROCESS_ATTACH:
		SetLastError(0);
		printf("quiet: process attach, disable: %d",
		       DisableThreadLibraryCalls(h) != 0);
		printf(" (error %lu)\n", GetLastError());
		break;
	case DLL_THREAD_ATTACH: printf("quiet: thread attach\n"); break;
	case DLL_THREAD_DETACH: printf("quiet: thread detach\n"); break;
	case DLL_PROCESS_DETACH: printf("quiet: process detach\n"); break;
	}
	fflush(stdout);
	return TRUE;
}

__declspec(dllexport) int quiet_value(void)
{
	return 7;
}
