/* fmtfuzz.c — thousands of printf conversions built from a fixed
 * pseudo-random sequence (flags, width, precision, size, conversion,
 * value), printed through msvcrt's sprintf: any difference from Wine's
 * msvcrt shows up as one numbered line. */
#define __USE_MINGW_ANSI_STDIO 0
#include <stdio.h>
#include <string.h>

static unsigned state = 12345;

static unsigned next(unsigned n)
{
	state = state * 1103515245u + 12345u;
	return (state >> 8) % n;
}

static const double dvals[] = {
	0.0,	 -0.0,	  1.0,	 -1.5,	     0.5,
	2.5,	 0.125,	  1e-5,	 123456.789, 9.9999996,
	1e15,	 1e16,	  1e22,	 3.0e-310,   1.7976931348623157e308,
	0.1,	 1.0 / 3, 2.675, 999.9995,   5e-324,
	65536.0, 0.95,	  0.05,	 99.5,	     1234.5,
};
static const long long ivals[] = {
	0,
	1,
	-1,
	42,
	-42,
	127,
	128,
	255,
	32767,
	-32768,
	65535,
	2147483647,
	-2147483647 - 1,
	4294967295LL,
	4294967296LL,
	-4294967296LL,
	0x7fffffffffffffffLL,
	-0x7fffffffffffffffLL - 1,
	1000000,
	12345678901LL,
};
static const char *const svals[] = {"", "a", "hello", "with space",
				    "0123456789abc"};

int main(void)
{
	char fmt[64], out[512];
	static const char flags[] = "-+ #0";
	static const char *const sizes[] = {"",	  "",	 "h",	"l",
					    "ll", "I64", "I32", "I"};
	static const char convs[] = "diouxXeEfgGcspaA%";

	for (int i = 0; i < 3000; i++) {
		char *p = fmt, c = convs[next(sizeof(convs) - 1)];
		int star_w = 0, star_p = 0, r = 0;
		const char *size = sizes[next(8)];

		*p++ = '%';
		for (int k = 0; k < 5; k++)
			if (next(4) == 0)
				*p++ = flags[k];
		switch (next(4)) {
		case 0: break;
		case 1:
			star_w = 1;
			*p++ = '*';
			break;
		default: p += sprintf(p, "%u", next(14));
		}
		switch (next(4)) {
		case 0: break;
		case 1:
			star_p = 1;
			*p++ = '.';
			*p++ = '*';
			break;
		default: p += sprintf(p, ".%u", next(14)); /* %a: 13 at most */
		}
		if (strchr("diouxX", c))
			p += sprintf(p, "%s", size);
		*p++ = c;
		*p = 0;
		{
			/* A negative '*' precision is left out: Wine rounds
			 * at that many digits left of the point, msvcrt treats
			 * it as absent; dllshare does what msvcrt does. */
			int w = (int)next(20) - 4, pr = (int)next(14);
			long long iv =
				ivals[next(sizeof(ivals) / sizeof(ivals[0]))];
			double dv =
				dvals[next(sizeof(dvals) / sizeof(dvals[0]))];
			const char *sv = svals[next(5)];

			if (next(2))
				dv = -dv;
			/* One argument list shape per conversion class. */
			if (strchr("eEfgGaA", c)) {
				if (star_w && star_p)
					r = sprintf(out, fmt, w, pr, dv);
				else if (star_w)
					r = sprintf(out, fmt, w, dv);
				else if (star_p)
					r = sprintf(out, fmt, pr, dv);
				else
					r = sprintf(out, fmt, dv);
			} else if (c == 's') {
				if (star_w && star_p)
					r = sprintf(out, fmt, w, pr, sv);
				else if (star_w)
					r = sprintf(out, fmt, w, sv);
				else if (star_p)
					r = sprintf(out, fmt, pr, sv);
				else
					r = sprintf(out, fmt, sv);
			} else {
				if (star_w && star_p)
					r = sprintf(out, fmt, w, pr, iv);
				else if (star_w)
					r = sprintf(out, fmt, w, iv);
				else if (star_p)
					r = sprintf(out, fmt, pr, iv);
				else
					r = sprintf(out, fmt, iv);
			}
		}
		printf("%d %s [%s] %d\n", i, fmt, out, r);
	}
	return 0;
}
