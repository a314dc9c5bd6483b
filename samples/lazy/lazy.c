/*
 * lazy.exe [COMMAND...] — demand paging, one page at a time.
 *
 * Memory is given lazily: an image's pages are not in RAM until first
 * touched, and zero-filled memory VirtualAlloc'd and read before it is
 * written is the kernel's one shared zero page (on kernels that map it).  lazy.exe touches exactly
 * the pages it is told to, so dllmap can show each step:
 *
 *	read data|bss|heap N[-M]    read the first int of pages N..M
 *	write data|bss|heap N[-M]   add 1 to it
 *	hold                        print "lazy: holding" and wait for a line
 *	where heap                  print the heap's address (a test reads
 *	                            its pages' frames in /proc/PID/pagemap)
 *
 * data is lazy.dll's 64 initialized pages, bss its 256 zero pages, heap
 * 256 pages this program VirtualAllocs (MEM_COMMIT) at start.  Commands
 * come from the command line, then one a line from stdin until its end;
 * after each command from stdin it prints "lazy: ok" (a test waits for it).
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__declspec(dllimport) int *lazy_page(char which, int page);
__declspec(dllimport) int lazy_pages(char which);

#define HEAP_PAGES 256
static int *heap;

static int *page_of(char which, int page)
{
	if (which == 'h')
		return page >= 0 && page < HEAP_PAGES ? heap + page * 1024 : NULL;
	return lazy_page(which, page);
}

/* Runs one command (verb, what, range); 0, or 1 when it is not one. */
static int run(const char *verb, const char *what, const char *range)
{
	char which = what ? what[0] : 0;
	int lo, hi, n = 0;
	long long sum = 0;

	if (!strcmp(verb, "hold")) {
		char line[64];
		printf("lazy: holding\n");
		fflush(stdout);
		fgets(line, sizeof line, stdin);
		return 0;
	}
	if (!strcmp(verb, "where") && which == 'h') {
		printf("lazy: heap at %p\n", (void *)heap);
		return 0;
	}
	if (!what || !range || (which != 'd' && which != 'b' && which != 'h'))
		return 1;
	if (sscanf(range, "%d-%d", &lo, &hi) == 1)
		hi = lo;
	for (int p = lo; p <= hi; p++) {
		int *v = page_of(which, p);
		if (!v)
			return 1;
		if (!strcmp(verb, "write"))
			*v += 1;
		else if (strcmp(verb, "read"))
			return 1;
		sum += *(volatile int *)v;
		n++;
	}
	printf("lazy: %s %s pages %d-%d (%d pages, sum %I64d)\n", verb, what,
	       lo, hi, n, sum);
	return 0;
}

int main(int argc, char **argv)
{
	char line[128];
	int i = 1;

	heap = VirtualAlloc(NULL, HEAP_PAGES * 4096, MEM_COMMIT | MEM_RESERVE,
	                    PAGE_READWRITE);
	if (!heap) {
		printf("lazy: VirtualAlloc failed\n");
		return 2;
	}
	printf("lazy: data %d pages, bss %d pages, heap %d pages\n",
	       lazy_pages('d'), lazy_pages('b'), HEAP_PAGES);
	while (i < argc) {
		int hold = !strcmp(argv[i], "hold");
		if (run(argv[i], hold ? NULL : argv[i + 1 < argc ? i + 1 : i],
		        hold || i + 2 >= argc ? NULL : argv[i + 2])) {
			printf("lazy: bad command at '%s'\n", argv[i]);
			return 2;
		}
		i += hold ? 1 : 3;
	}
	fflush(stdout);
	while (fgets(line, sizeof line, stdin)) {
		char verb[16] = "", what[16] = "", range[32] = "";
		if (sscanf(line, "%15s %15s %31s", verb, what, range) < 1)
			continue;
		if (!strcmp(verb, "quit"))
			break;
		if (run(verb, what[0] ? what : NULL, range[0] ? range : NULL))
			printf("lazy: bad command '%s'\n", verb);
		printf("lazy: ok\n");
		fflush(stdout);
	}
	return 0;
}
