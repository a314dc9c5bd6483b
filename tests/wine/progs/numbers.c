/* numbers.c — number parsing as msvcrt does it: strtod, strtol, strtoul,
 * atof (no inf/nan/hex, "d" exponents), atoi, and scanf conversions on
 * good and bad input (what is consumed, what is returned, errno). */
#define __USE_MINGW_ANSI_STDIO 0
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
int main(void)
{
	const char *s[] = {"1.5",      "  -2.25e3xyz",
			   "inf",      "-infinity",
			   "nan",      "nan(123)",
			   "0x1p3",    "0x10",
			   "1e400",    "1e-400",
			   ".5",       "5.",
			   "+.e1",     "1e",
			   "1e+",      "0.1e-2",
			   "  12abc",  "",
			   "-",	       "1.7976931348623157e308",
			   "4.9e-324", "1,5",
			   "1d5",      "1D-2",
			   "0X1A"};
	for (unsigned i = 0; i < sizeof s / sizeof *s; i++) {
		char *end;
		errno = 0;
		double d = strtod(s[i], &end);
		long l = strtol(s[i], &end, 0);
		int e2 = errno;
		errno = 0;
		unsigned long ul = strtoul(s[i], NULL, 0);
		double f = 0;
		int n1 = sscanf(s[i], "%lf", &f);
		int iv = -7;
		int n2 = sscanf(s[i], "%i", &iv);
		char w[16] = "-";
		int n3 = sscanf(s[i], "%3s", w);
		printf("%-26s d=%.17g end=%d errno=%d l=%ld e=%d ul=%lu | %d "
		       "%.17g | %d %d | %d %s | atof %g atoi %d\n",
		       s[i], d, (int)(end - s[i]), errno, l, e2, ul, n1, f, n2,
		       iv, n3, w, atof(s[i]), atoi(s[i]));
	}
	int a, b;
	char c[10];
	float ff;
	unsigned u;
	short sh;
	long long ll;
	int n = sscanf("10 20 word 3.5 ff -5 123456789012",
		       "%d %d %s %f %x %hd %lld", &a, &b, c, &ff, &u, &sh, &ll);
	printf("%d %d %d %s %g %u %d %lld\n", n, a, b, c, ff, u, sh, ll);
	n = sscanf("abc def", "%[a-c] %c%c", c, c + 5, c + 6);
	printf("%d %s %c%c\n", n, c, c[5], c[6]);
	n = sscanf("12:34:56", "%d:%d:%d", &a, &b, &u);
	printf("%d %d %d %u\n", n, a, b, u);
	n = sscanf("x=5,y=7", "x=%d,y=%d", &a, &b);
	printf("%d %d %d\n", n, a, b);
	n = sscanf("  42", "%2d", &a);
	printf("%d %d\n", n, a);
	n = sscanf("4200", "%2d%d", &a, &b);
	printf("%d %d %d\n", n, a, b);
	n = sscanf("0x1f 077 -0", "%i %i %i", &a, &b, (int *)&u);
	printf("%d %d %d %d\n", n, a, b, (int)u);
	n = sscanf("%abc", "%%%s", c);
	printf("%d %s\n", n, c);
	{
		double dd = 0;
		n = sscanf("1.5e3 2.5", "%lf%n %f", &dd, &a, &ff);
		printf("%d %g %d %g\n", n, dd, a, ff);
	}
	return 0;
}
