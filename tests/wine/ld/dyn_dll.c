/* dyn_dll.c — loaded at run time by dyn_main; imports dyn_dep.dll. */
#include <stdio.h>
#include <windows.h>

__declspec(dllimport) int dep_value(void);

int dyn_value(void)
{
	return dep_value() + 1;
}

int dyn_three(void)
{
	return 3;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	if (reason <= DLL_PROCESS_ATTACH) {
		printf("dyn_dll: %s (%s)\n", reason ? "attach" : "detach",
		       reserved ? "static or exit" : "dynamic");
		fflush(stdout);
	}
	return TRUE;
}
