/* printf.c — printf/sprintf formatting as msvcrt does it (LLP64 %ld,
 * %I64d, %ls, %p, 3-digit exponents, rounding, widths and flags).
 * wine-test: both-stdio */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

int main(void)
{
	char b[256];
	wchar_t w[128];
	int r;

	printf("[%d][%i][%u][%x][%X][%o]\n", -42, 17, 3000000000u, 255, 255, 8);
	printf("[%ld][%lu][%lx][%I64d][%I64u][%I64x][%lld][%I32d]\n",
	       2147483647L, 4294967295UL, 0xdeadbeefUL, -1234567890123LL,
	       18446744073709551615ULL, 0x123456789abcULL, -9LL, -5);
	printf("[%hd][%hu][%5d][%-5d|][%05d][%+d][% d][%.3d][%8.3d]\n", 70000,
	       70000, 42, 42, -42, 5, 5, 5, -5);
	printf("[%#x][%#X][%#o][%#x][%.0d][%+u]\n", 255, 255, 8, 0, 0, 5);
	printf("[%*d][%-*d][%.*f][%*.*f]\n", 6, 1, 6, 2, 2, 3.14159, -8, 1,
	       2.5);
	printf("[%s][%5.1s][%-6s|][%.0s][%10s]\n", "abc", "abc", "xy", "zz",
	       "right");
	printf("[%c][%5c][%-3c|][%%]\n", 'x', 'y', 'z');
	printf("[%ls][%lc]\n", L"wide", L'q');
	printf("[%p][%p]\n", (void *)0x1234, (void *)0);
	printf("[%e][%E][%.0e][%#.0e][%e][%e]\n", 1.5, 1e-300, 5e10, 5e10, 0.0,
	       -2.5e100);
	printf("[%f][%.10f][%.1f][%.1f][%.0f][%.0f][%.2f]\n", 1e20, 1.0 / 3,
	       0.05, 0.25, 0.5, 1.5, 2.675);
	printf("[%g][%g][%g][%g][%g][%G][%g][%.3g][%#g]\n", 0.0001, 0.00001,
	       123456.0, 1234567.0, 1e100, 1e-10, 0.0, 2.5, 1.0);
	printf("[%08.3f][%-08.3f|][%+08d][% 08d][%+.2e]\n", -3.14159, 3.14159,
	       5, 5, 12345.678);
	printf("[%a][%.2a]\n", 1.0, 3.14159);
	r = sprintf(b, "%s-%d-%5.2f", "x", 7, 2.5);
	printf("sprintf %d [%s]\n", r, b);
	r = _snprintf(b, 5, "123456789");
	printf("_snprintf %d [%.5s]\n", r, b);
	r = _snprintf(b, 5, "1234");
	printf("_snprintf %d [%s]\n", r, b);
	memset(b, 0, sizeof(b));
	r = snprintf(b, 5, "123456789");
	printf("snprintf %d [%s]\n", r, b);
	r = swprintf(w, 128, L"%d %ls %hs", 12, L"wide", "narrow");
	printf("swprintf %d [%ls]\n", r, w);
	r = printf("%s", "");
	printf("empty %d\n", r);
	fprintf(stdout, "fprintf %s %d\n", "to stdout", 1);
	fputs("fputs line\n", stdout);
	puts("puts line");
	putchar('!');
	putchar('\n');
	fwrite("fwrite\n", 1, 7, stdout);
	return 0;
}
