/* swap_main.c — loads swap.dll, prints its value and frees it, waits for
 * a line on stdin (meanwhile the test replaces swap.dll), then loads it
 * again: the new file must be what runs, not a section kept from the
 * old one. */
#include <stdio.h>
#include <windows.h>

static int value(void)
{
	HMODULE h = LoadLibraryA("swap.dll");
	FARPROC f = h ? GetProcAddress(h, "swap_value") : NULL;
	int v = f ? ((int (*)(void))f)() : -1;

	if (h)
		FreeLibrary(h);
	return v;
}

int main(void)
{
	char line[16];

	printf("first %d\n", value());
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return 1;
	printf("second %d\n", value());
	return 0;
}
