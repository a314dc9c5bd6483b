/* share_main.c — prints "ready", then waits for a line on stdin: while
 * several copies wait, a test compares their page frames.
 * `share_main N` first loads reuse_a.dll N times, freeing it after each
 * load but the last (a view kept after FreeLibrary, taken again), and
 * prints what its counter says: 1, its data fresh from the file. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

__declspec(dllimport) int share_value(void);

int main(int argc, char **argv)
{
	int loads = argc > 1 ? atoi(argv[1]) : 0, count = 0;
	char line[64];

	for (int i = 0; i < loads; i++) {
		HMODULE h = LoadLibraryA("reuse_a.dll");
		FARPROC f = h ? GetProcAddress(h, "reuse_count") : NULL;

		if (!f)
			return 2;
		count = ((int (*)(void))f)();
		if (i + 1 < loads)
			FreeLibrary(h);
	}
	if (loads)
		printf("ready %d %d\n", share_value(), count);
	else
		printf("ready %d\n", share_value());
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return 1;
	printf("bye\n");
	return 0;
}
