/* nest_main.c — LoadLibrary of a DLL whose DllMain loads another one;
 * FreeLibrary of it unloads both (the inner one from the outer's
 * DLL_PROCESS_DETACH). */
#include <stdio.h>
#include <windows.h>

int main(void)
{
	HMODULE h = LoadLibraryA("nest_outer.dll");
	FARPROC f = h ? GetProcAddress(h, "outer_value") : NULL;

	printf("outer_value() = %d\n", f ? ((int (*)(void))f)() : -1);
	fflush(stdout);
	FreeLibrary(h);
	printf("after free: outer %d inner %d\n",
	       GetModuleHandleA("nest_outer.dll") != NULL,
	       GetModuleHandleA("nest_inner.dll") != NULL);
	return 0;
}
