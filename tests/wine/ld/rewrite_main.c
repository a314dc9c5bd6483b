/* rewrite_main.c PATH — loads the DLL at PATH, says "loaded N" and waits
 * for a line on stdin, while rewrite.sh overwrites PATH in place with a
 * shorter, different DLL.  The module still loaded must answer as before
 * (GetProcAddress must not read the rewritten file: wrong answers, or
 * SIGBUS on its shorter end); once freed, a new LoadLibrary gets the new
 * file. */
#include <stdio.h>
#include <windows.h>

typedef int (*fn)(void);

static int value(HMODULE h)
{
	fn f = (fn)GetProcAddress(h, "rewrite_value");

	return f ? f() : -1;
}

int main(int argc, char **argv)
{
	char line[16];
	HMODULE h, again;

	if (argc < 2)
		return 2;
	h = LoadLibraryA(argv[1]);
	if (!h) {
		printf("LoadLibrary failed %lu\n", GetLastError());
		return 1;
	}
	printf("loaded %d\n", value(h));
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return 1;
	printf("still %d\n", value(h));
	printf("new export %s\n",
	       GetProcAddress(h, "rewrite_new_only") ? "found" : "absent");
	printf("pad export %s\n",
	       GetProcAddress(h, "rewrite_pad") ? "found" : "absent");
	again = LoadLibraryA(argv[1]);
	printf("again %s %d\n", again == h ? "same" : "other", value(again));
	FreeLibrary(again);
	FreeLibrary(h);
	h = LoadLibraryA(argv[1]);
	printf("fresh %d\n", h ? value(h) : -1);
	fflush(stdout);
	return 0;
}
