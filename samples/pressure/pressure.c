/*
 * pressure.exe [N] — what sharing saves when memory is short.
 *
 * Reads every page of pressure.dll's read-only table (256 pages) and writes
 * the first N pages (default 16) of its writable scratch area (64 pages),
 * then waits for a line on stdin.  Meanwhile memory pressure can be applied
 * from outside (samples/pressure/pageout, a Linux program: a Windows
 * program cannot ask Linux to page it out).  On the line it reads both
 * again and checks them, then waits for one more line, so the pages can be
 * looked at again, and ends.  At the end of stdin it does not wait.
 *
 * What it prints never depends on what was in memory: a page dropped under
 * pressure reads back the same.  Where the pages were is for dllmap and
 * /proc/PID/pagemap to show.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

__declspec(dllimport) const int *pressure_page(char which, int page);
__declspec(dllimport) int pressure_pages(char which);

#define PAGE_INTS (4096 / sizeof(int))

/* The sum of every int of the table: each page read whole. */
static long long table_sum(void)
{
	long long sum = 0;

	for (int p = 0; p < pressure_pages('t'); p++) {
		const volatile int *v = pressure_page('t', p);
		for (unsigned i = 0; i < PAGE_INTS; i++)
			sum += v[i];
	}
	return sum;
}

/* How many of scratch pages 0..n-1 hold what write_scratch wrote. */
static int scratch_kept(int n)
{
	int kept = 0;

	for (int p = 0; p < n; p++)
		kept += *(const volatile int *)pressure_page('s', p) == 1000 + p;
	return kept;
}

static void write_scratch(int n)
{
	for (int p = 0; p < n; p++)
		*(volatile int *)pressure_page('s', p) = 1000 + p;
}

/* Prints why it waits and reads one line (nothing at the end of stdin). */
static void hold(const char *why)
{
	char line[64];

	printf("pressure: waiting for a line (%s)\n", why);
	fflush(stdout);
	fgets(line, sizeof line, stdin);
}

int main(int argc, char **argv)
{
	int pages = pressure_pages('t'), n = 16;
	long long sum, again;
	char *end;

	if (argc > 1) {
		n = strtol(argv[1], &end, 10);
		if (*end || n < 0 || n > pressure_pages('s')) {
			printf("pressure: N must be 0 to %d\n", pressure_pages('s'));
			return 2;
		}
	}
	printf("pressure: table %d pages read-only, scratch %d pages writable\n",
	       pages, pressure_pages('s'));
	sum = table_sum();
	printf("pressure: read the table: %d pages, sum %I64d\n", pages, sum);
	write_scratch(n);
	printf("pressure: wrote scratch pages 0 to %d (%d pages)\n", n - 1, n);
	hold("apply pressure now");

	again = table_sum();
	printf("pressure: read the table again: %d pages, sum %I64d, %s\n",
	       pages, again, again == sum ? "the same" : "DIFFERENT");
	printf("pressure: scratch pages kept their writes: %d of %d\n",
	       scratch_kept(n), n);
	hold("look at the pages again now");
	printf("pressure: done\n");
	return again == sum && scratch_kept(n) == n ? 0 : 1;
}
