/* cyc_a.c — imports b_func from cyc_b.dll, which imports a_leaf from
 * here: a dependency cycle. */
#include <stdio.h>
#include <windows.h>

__declspec(dllimport) int b_func(int);

__declspec(dllexport) int a_leaf(int x)
{
	return x * 100;
}

__declspec(dllexport) int a_func(int x)
{
	return b_func(x) + 1;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	if (reason <= DLL_PROCESS_ATTACH) {
		printf("cyc_a: %s\n", reason ? "attach" : "detach");
		fflush(stdout);
	}
	return TRUE;
}
