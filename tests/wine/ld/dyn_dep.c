/* dyn_dep.c — dyn_dll.dll's dependency: loaded and unloaded with it. */
#include <stdio.h>
#include <windows.h>

__declspec(dllexport) int dep_value(void)
{
	return 99;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	if (reason <= DLL_PROCESS_ATTACH) {
		printf("dyn_dep: %s\n", reason ? "attach" : "detach");
		fflush(stdout);
	}
	return TRUE;
}
