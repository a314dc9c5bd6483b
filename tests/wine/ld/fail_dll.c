/* fail_dll.c — a DLL whose DllMain refuses to load (returns FALSE). */
#include <stdio.h>
#include <windows.h>

__declspec(dllexport) int fail_value(void)
{
	return 1;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	printf("fail_dll: %s\n", reason == DLL_PROCESS_ATTACH   ? "attach, refusing"
	                         : reason == DLL_PROCESS_DETACH ? "detach"
	                                                        : "thread");
	fflush(stdout);
	return reason != DLL_PROCESS_ATTACH;
}
