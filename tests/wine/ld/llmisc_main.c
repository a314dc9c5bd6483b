/* llmisc_main.c — LoadLibrary corner cases: a DllMain that returns FALSE
 * (LoadLibrary fails, the DLL is not left loaded), a dependency cycle
 * loaded and unloaded at run time (both halves detach), and several
 * threads loading and freeing DLLs at once under the loader lock. */
#include <stdio.h>
#include <windows.h>

typedef int (*fn_t)(int);

#define NTHREADS 4
#define ROUNDS 25

static DWORD WINAPI hammer(LPVOID arg)
{
	const char *name = arg;
	int ok = 0;

	for (int i = 0; i < ROUNDS; i++) {
		HMODULE h = LoadLibraryA(name);
		if (h && GetProcAddress(h, "small_value"))
			ok++;
		if (h)
			FreeLibrary(h);
	}
	return ok;
}

int main(void)
{
	HMODULE h;
	HANDLE t[NTHREADS];
	DWORD code, total = 0;
	fn_t f;

	h = LoadLibraryA("fail_dll.dll");
	printf("fail_dll: %s, still loaded %d\n", h ? "loaded" : "NULL",
	       GetModuleHandleA("fail_dll.dll") != NULL);
	fflush(stdout);

	h = LoadLibraryA("cyc_a.dll");
	f = h ? (fn_t)GetProcAddress(h, "a_func") : NULL;
	printf("cycle: a_func(2) = %d, cyc_b loaded %d\n", f ? f(2) : -1,
	       GetModuleHandleA("cyc_b.dll") != NULL);
	fflush(stdout);
	FreeLibrary(h);
	printf("cycle freed: cyc_a %d cyc_b %d\n",
	       GetModuleHandleA("cyc_a.dll") != NULL,
	       GetModuleHandleA("cyc_b.dll") != NULL);
	fflush(stdout);

	for (int i = 0; i < NTHREADS; i++)
		t[i] = CreateThread(NULL, 0, hammer, (LPVOID) "bench_small.dll", 0,
		                    NULL);
	WaitForMultipleObjects(NTHREADS, t, TRUE, INFINITE);
	for (int i = 0; i < NTHREADS; i++) {
		GetExitCodeThread(t[i], &code);
		total += code;
		CloseHandle(t[i]);
	}
	printf("threads: %lu of %d loads found small_value, loaded now %d\n",
	       total, NTHREADS * ROUNDS,
	       GetModuleHandleA("bench_small.dll") != NULL);
	return 0;
}
