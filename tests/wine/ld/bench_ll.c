/* bench_ll.c — warm LoadLibrary: loads and frees a DLL (argv[2], default
 * bench_small.dll) N times (argv[1], default 2000) after one load that
 * creates its image section, and prints the mean nanoseconds per
 * LoadLibrary+GetProcAddress+FreeLibrary round.
 * tests/run/bench_dlopen.c is the ELF twin. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000;
	const char *dll = argc > 2 ? argv[2] : "bench_small.dll";
	LARGE_INTEGER f, a, b;
	HMODULE h = LoadLibraryA(dll);

	if (!h)
		return 1;
	FreeLibrary(h);
	QueryPerformanceFrequency(&f);
	QueryPerformanceCounter(&a);
	for (int i = 0; i < n; i++) {
		h = LoadLibraryA(dll);
		if (!h || !GetProcAddress(h, "small_value"))
			return 2;
		FreeLibrary(h);
	}
	QueryPerformanceCounter(&b);
	printf("%lld\n", (long long)((double)(b.QuadPart - a.QuadPart) * 1e9 /
	                             (double)f.QuadPart / n));
	return 0;
}
