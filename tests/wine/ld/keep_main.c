/* keep_main.c — a DLL loaded again after FreeLibrary is bound again to
 * where its imports are now: keep_dll.dll calls keep_dep.dll through its
 * IAT, and between loads keep_dep.dll's preferred base is taken by
 * VirtualAlloc, so that it goes elsewhere, then given back. */
#include <stdio.h>
#include <windows.h>

#define DEP_BASE ((HMODULE)0x6e000000ull)

static void load(void)
{
	HMODULE h = LoadLibraryA("keep_dll.dll");
	FARPROC f = h ? GetProcAddress(h, "keep_value") : NULL;
	HMODULE dep = GetModuleHandleA("keep_dep.dll");

	if (!f) {
		printf("cannot load keep_dll.dll (%lu)\n", GetLastError());
		return;
	}
	printf("keep_value %d, keep_dep.dll at its preferred base: %s\n",
	       ((int (*)(void))f)(), dep == DEP_BASE ? "yes" : "no");
	FreeLibrary(h);
}

int main(void)
{
	void *p;

	load();
	load();
	p = VirtualAlloc(DEP_BASE, 0x10000, MEM_RESERVE | MEM_COMMIT,
	                 PAGE_READWRITE);
	printf("VirtualAlloc at keep_dep.dll's base: %s\n",
	       p == (void *)DEP_BASE ? "that address" : p ? "elsewhere" : "failed");
	load();
	load();
	if (p)
		VirtualFree(p, 0, MEM_RELEASE);
	load();
	return 0;
}
