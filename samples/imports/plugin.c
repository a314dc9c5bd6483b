/*
 * plugin.dll — nobody imports it: imports.exe loads it with LoadLibraryA,
 * finds plugin_hello with GetProcAddress and drops it with FreeLibrary,
 * whose last reference runs DllMain(PROCESS_DETACH) right there.
 */
#include <windows.h>
#include <stdio.h>
#include "say.h"

__declspec(dllexport) int plugin_hello(int x)
{
	printf("plugin_hello(%d) called\n", x);
	return x * 2;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	say_reason("plugin.dll", reason);
	return TRUE;
}
