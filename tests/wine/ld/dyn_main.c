/* dyn_main.c — LoadLibrary / GetProcAddress / FreeLibrary at run time:
 * reference counts (two loads, two frees), a dependency loaded and
 * unloaded with its importer, lookups by name, by ordinal and through a
 * forwarder, a DLL that does not exist, and a thousand load/free rounds
 * (the loader must not run out of anything that a free gives back). */
#include <stdio.h>
#include <windows.h>

typedef int (*fn_t)(void);

static int loaded(const char *name)
{
	return GetModuleHandleA(name) != NULL;
}

int main(void)
{
	HMODULE h1, h2, h3, fa;
	fn_t f;
	int i;

	printf("start: dyn_dll %d dyn_dep %d\n", loaded("dyn_dll.dll"),
	       loaded("dyn_dep.dll"));
	fflush(stdout);
	h1 = LoadLibraryA("dyn_dll.dll");
	printf("load 1: %s\n", h1 ? "ok" : "failed");
	fflush(stdout);
	h2 = LoadLibraryA("DYN_DLL");
	printf("load 2: same handle %d\n", h1 == h2);
	f = (fn_t)GetProcAddress(h1, "dyn_value");
	printf("dyn_value() = %d\n", f ? f() : -1);
	f = (fn_t)GetProcAddress(h1, (LPCSTR)3);
	printf("ordinal 3 = %d\n", f ? f() : -1);
	printf("nope: %s\n", GetProcAddress(h1, "nope") ? "found" : "NULL");
	printf("dyn_dep loaded: %d\n", loaded("dyn_dep.dll"));
	fflush(stdout);
	FreeLibrary(h1);
	printf("free 1: dyn_dll %d\n", loaded("dyn_dll.dll"));
	fflush(stdout);
	FreeLibrary(h2);
	printf("free 2: dyn_dll %d dyn_dep %d\n", loaded("dyn_dll.dll"),
	       loaded("dyn_dep.dll"));
	fflush(stdout);

	fa = LoadLibraryA("fwd_a.dll");
	f = fa ? (fn_t)GetProcAddress(fa, "get_value") : NULL;
	printf("forwarded get_value() = %d, fwd_c loaded %d\n", f ? f() : -1,
	       loaded("fwd_c.dll"));
	FreeLibrary(fa);

	printf("no_such.dll: %s\n", LoadLibraryA("no_such.dll") ? "loaded"
	                                                       : "NULL");
	for (i = 0; i < 1000; i++) {
		HMODULE h = LoadLibraryA("ordlib.dll");

		if (!h || !GetProcAddress(h, (LPCSTR)5) || !FreeLibrary(h))
			break;
	}
	printf("1000 load/free rounds: %d done\n", i);
	h3 = LoadLibraryA("dyn_dll.dll");
	printf("load 3: %s\n", h3 ? "ok" : "failed");
	fflush(stdout);
	return 0;
}
