/* nest_outer.c — a DllMain that loads another library while the loader
 * is busy loading this one (the loader lock is recursive), and frees it
 * again from its DLL_PROCESS_DETACH. */
#include <stdio.h>
#include <windows.h>

static HMODULE inner;

__declspec(dllexport) int outer_value(void)
{
	FARPROC f = inner ? GetProcAddress(inner, "inner_value") : NULL;
	return f ? ((int (*)(void))f)() + 1 : -1;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	if (reason == DLL_PROCESS_ATTACH) {
		printf("nest_outer: attach, loading nest_inner\n");
		fflush(stdout);
		inner = LoadLibraryA("nest_inner.dll");
		printf("nest_outer: nest_inner %s\n", inner ? "loaded" : "missing");
		fflush(stdout);
	} else if (reason == DLL_PROCESS_DETACH) {
		printf("nest_outer: detach, freeing nest_inner\n");
		fflush(stdout);
		if (inner && !reserved)
			FreeLibrary(inner);
	}
	return TRUE;
}
