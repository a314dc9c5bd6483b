/*
 * reloc.exe [a|b|ab] — loads reloc_a.dll and/or reloc_b.dll (in that order)
 * with LoadLibraryA, says which of them got the base address they were
 * linked for, checks every relocated pointer, then holds until a line (or
 * the end of input) arrives on stdin, so dllmap can look at it.
 *
 * Both DLLs want the same base.  With "ab" (the default) reloc_a.dll takes
 * it and reloc_b.dll must be relocated; with "b" alone, reloc_b.dll gets
 * its base and nothing is relocated.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

typedef int (*at_base_fn)(void);
typedef long (*sum_fn)(void);

/* GetProcAddress returns a FARPROC; going through void (*)(void) tells
 * the compiler the cast to the real type is meant. */
#define PROC(type, h, name) ((type)(void (*)(void))GetProcAddress(h, name))

static HMODULE load(const char *name)
{
	HMODULE h = LoadLibraryA(name);
	at_base_fn at_base;
	sum_fn sum;

	if (!h) {
		printf("reloc: cannot load %s (error %lu)\n", name, GetLastError());
		return NULL;
	}
	at_base = PROC(at_base_fn, h, "reloc_at_preferred_base");
	sum = PROC(sum_fn, h, "reloc_sum");
	if (!at_base || !sum) {
		printf("reloc: %s lacks its exports\n", name);
		return NULL;
	}
	printf("reloc: %s %s, pointer sum %ld (expected 36864)\n", name,
	       at_base() ? "is at its preferred base" : "was relocated", sum());
	return h;
}

int main(int argc, char **argv)
{
	const char *which = argc > 1 ? argv[1] : "ab";
	char line[64];
	int bad = 0;

	if (strchr(which, 'a') && !load("reloc_a.dll"))
		bad = 1;
	if (strchr(which, 'b') && !load("reloc_b.dll"))
		bad = 1;
	printf("reloc: holding; press Enter to exit\n");
	fflush(stdout);
	fgets(line, sizeof line, stdin);
	printf("reloc: done\n");
	return bad;
}
