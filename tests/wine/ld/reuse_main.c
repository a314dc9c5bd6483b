/* reuse_main.c — the address range of a freed DLL is free again, as on
 * Windows: VirtualQuery says so, memory can be allocated exactly there,
 * another DLL that wants the same base gets it, and a DLL loaded again
 * starts from its file's data (its counter counts from 1 after every
 * load).  Both DLLs are linked for base 0x6c000000.
 * `reuse_main stale` calls into the DLL after freeing it: an access
 * violation, as on Windows. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define BASE ((HMODULE)0x6c000000ull)

/* What VirtualQuery says of address a. */
static void describe(const char *what, const void *a)
{
	MEMORY_BASIC_INFORMATION m;

	if (!VirtualQuery(a, &m, sizeof m)) {
		printf("%s: VirtualQuery failed (%lu)\n", what, GetLastError());
		return;
	}
	printf("%s: %s\n", what,
	       m.State == MEM_FREE ? "free" : m.State == MEM_RESERVE ? "reserved"
	       : "committed");
}

/* Loads name, calls reuse_count, prints what happened, frees it. */
static void load(const char *name)
{
	HMODULE h = LoadLibraryA(name);
	FARPROC f = h ? GetProcAddress(h, "reuse_count") : NULL;

	if (!f) {
		printf("%s: cannot load (%lu)\n", name, GetLastError());
		return;
	}
	printf("%s: at its preferred base: %s, count %d\n", name,
	       h == BASE ? "yes" : "no", ((int (*)(void))f)());
	FreeLibrary(h);
	describe("  after FreeLibrary, its base", h);
	describe("  its code", (void *)f);
}

/* Calls reuse_count after FreeLibrary. */
static int stale(void)
{
	HMODULE h = LoadLibraryA("reuse_a.dll");
	int (*f)(void) = h ? (int (*)(void))GetProcAddress(h, "reuse_count") : 0;

	if (!f)
		return 1;
	printf("count %d; calling it again after FreeLibrary\n", f());
	fflush(stdout);
	FreeLibrary(h);
	printf("returned %d\n", f());
	return 0;
}

int main(int argc, char **argv)
{
	void *p;
	int i;

	if (argc > 1 && !strcmp(argv[1], "stale"))
		return stale();
	load("reuse_a.dll");
	p = VirtualAlloc(BASE, 0x20000, MEM_RESERVE | MEM_COMMIT,
	                 PAGE_READWRITE);
	printf("VirtualAlloc at the freed DLL's base: %s\n",
	       p == (void *)BASE ? "that address" : p ? "elsewhere" : "failed");
	if (p) {
		((volatile char *)p)[0x1ffff] = 1; /* reuse_a.dll ends at 0x1f000 */
		VirtualFree(p, 0, MEM_RELEASE);
	}
	for (i = 0; i < 3; i++)
		load("reuse_a.dll");
	load("reuse_b.dll");
	load("reuse_a.dll");
	return 0;
}
