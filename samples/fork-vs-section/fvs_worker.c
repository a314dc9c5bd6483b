/*
 * fvs_worker.exe INDEX K — one Windows worker of fork-vs-section: reads
 * every page of fvs.dll's table (so each is mapped), writes pages
 * INDEX*K .. INDEX*K+K-1 timing each first write, then prints
 *
 *	ready ADDRESS NANOSECONDS
 *
 * (the table's address, for the driver's look at /proc/PID/pagemap, and
 * the time of the K first writes) and waits for a line on stdin, so that
 * every worker is alive while the driver looks.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

__declspec(dllimport) int *fvs_page(int page);
__declspec(dllimport) int fvs_pages(void);

int main(int argc, char **argv)
{
	LARGE_INTEGER freq, t0, t1;
	char line[16];
	long long sum = 0;
	int first, k, p;

	if (argc != 3)
		return 2;
	k = atoi(argv[2]);
	first = atoi(argv[1]) * k;
	for (p = 0; p < fvs_pages(); p++)
		sum += *(volatile int *)fvs_page(p);
	QueryPerformanceFrequency(&freq);
	QueryPerformanceCounter(&t0);
	for (p = first; p < first + k && p < fvs_pages(); p++)
		*(volatile int *)fvs_page(p) += 1;
	QueryPerformanceCounter(&t1);
	printf("ready %p %I64d %I64d\n", (void *)fvs_page(0),
	       (t1.QuadPart - t0.QuadPart) * 1000000000 / freq.QuadPart, sum);
	fflush(stdout);
	fgets(line, sizeof line, stdin);
	return 0;
}
