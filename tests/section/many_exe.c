/*
 * many.exe N — loads m00.dll ... m<N-1>.dll from its own directory with
 * LoadLibrary, adds what each one's many_value returns, then writes one
 * byte in each of the 2048 pages of its .bss (2048 first writes, each a
 * privatization the process record keeps an event for), prints the
 * results and "holding", and waits for a line on stdin (cache.sh runs
 * dllmap on it then).  Enough modules and events that the record needs
 * more room than it reserves at first: what cache.sh fills the cache
 * against.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGES 2048
static char pages[PAGES * 4096];

int main(int argc, char **argv)
{
	char dir[MAX_PATH], path[MAX_PATH + 16], line[16], *slash;
	int n = argc > 1 ? atoi(argv[1]) : 64, sum = 0, i;
	long total = 0;

	GetModuleFileNameA(NULL, dir, sizeof dir);
	slash = strrchr(dir, '\\');
	if (!slash)
		slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	for (i = 0; i < n; i++) {
		HMODULE m;
		int (*value)(void);

		snprintf(path, sizeof path, "%s\\m%02d.dll", dir, i);
		if (!(m = LoadLibraryA(path))) {
			printf("many: cannot load %s (error %lu)\n", path,
			       GetLastError());
			return 2;
		}
		value = (int (*)(void))(void (*)(void))GetProcAddress(m, "many_value");
		sum += value ? value() : 0;
	}
	for (i = 0; i < PAGES; i++)
		pages[i * 4096] = (char)i;
	for (i = 0; i < PAGES; i++)
		total += pages[i * 4096];
	printf("many: %d DLLs, sum %d; %d pages written, total %ld\n", n,
	       sum, PAGES, total);
	printf("many: holding\n");
	fflush(stdout);
	fgets(line, sizeof line, stdin);
	return 0;
}
