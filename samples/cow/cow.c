/*
 * cow.exe [PAGE...] — reads all of cow.dll's table, writes one int in each
 * page named on the command line, and holds until a line (or the end of
 * input) arrives on stdin, so dllmap can look at it while it is alive.
 *
 * With no PAGE it writes pages 1, 2 and 3.  Every read page stays shared
 * with every other process that loaded cow.dll; every written page becomes
 * private to this process, and only that page.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

__declspec(dllimport) int cow_pages(void);
__declspec(dllimport) void cow_touch(int page);
__declspec(dllimport) long long cow_sum(void);

int main(int argc, char **argv)
{
	static const char *dflt[] = { "1", "2", "3" };
	const char **pages = (const char **)argv + 1;
	int npages = argc - 1, i;
	char line[64];

	if (npages == 0) {
		pages = dflt;
		npages = 3;
	}
	printf("cow: the table has %d pages\n", cow_pages());
	printf("cow: sum before writing = %I64d\n", cow_sum());
	printf("cow: writing pages");
	for (i = 0; i < npages; i++) {
		int p = atoi(pages[i]);

		if (p < 0 || p >= cow_pages()) {
			printf("\ncow: page %d is outside the table\n", p);
			return 2;
		}
		cow_touch(p);
		printf(" %d", p);
	}
	printf("\ncow: sum after writing  = %I64d\n", cow_sum());
	printf("cow: holding; press Enter to exit\n");
	fflush(stdout);
	fgets(line, sizeof line, stdin);
	printf("cow: done\n");
	return 0;
}
