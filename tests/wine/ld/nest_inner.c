/* nest_inner.c — loaded by nest_outer.dll's DllMain. */
#include <stdio.h>
#include <windows.h>

__declspec(dllexport) int inner_value(void)
{
	return 41;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	if (reason <= DLL_PROCESS_ATTACH) {
		printf("nest_inner: %s\n", reason ? "attach" : "detach");
		fflush(stdout);
	}
	return TRUE;
}
