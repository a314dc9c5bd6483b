/* bench_bare.c — bench_small.c built without the mingw C runtime (entry
 * point DllMain, no TLS directory, no CRT start-up writing its data):
 * what a LoadLibrary costs the loader itself. */
#include <windows.h>

static int calls;

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	return TRUE;
}

__declspec(dllexport) int small_value(void)
{
	return ++calls;
}
