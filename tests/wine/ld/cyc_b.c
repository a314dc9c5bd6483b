/* cyc_b.c — the other half of the cycle. */
#include <stdio.h>
#include <windows.h>

__declspec(dllimport) int a_leaf(int);

__declspec(dllexport) int b_func(int x)
{
	return a_leaf(x) + 20;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	if (reason <= DLL_PROCESS_ATTACH) {
		printf("cyc_b: %s\n", reason ? "attach" : "detach");
		fflush(stdout);
	}
	return TRUE;
}
