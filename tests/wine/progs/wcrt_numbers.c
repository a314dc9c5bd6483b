/* wcrt_numbers.c — msvcrt's numbers as text in both widths: _itow, _ltow,
 * _ultow, _i64tow, _ui64tow beside their narrow twins (bases 2 to 36: a
 * base outside them crashes or loops in Wine's), the digits _ecvt, _fcvt
 * and _gcvt give for many values and precisions (rounding, zero,
 * negative, huge and tiny values, infinities, 400 pseudo-random values),
 * and the byte and wide string fillers _strset, _strnset, _wcsset,
 * _wcsnset and _wcsrev. */
#define __USE_MINGW_ANSI_STDIO 0
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Prints a wide string as its units, so the output needs no conversion. */
static void pw(const char *what, const wchar_t *w)
{
	printf("%s <", what);
	for (; *w; w++)
		printf(*w < 128 && *w >= 32 ? "%c" : "\\x%x", *w);
	printf(">\n");
}

static void ints(void)
{
	static const int bases[] = {2, 8, 10, 16, 36};
	static const long long vals[] = {0, 1, -1, 255, -255, 2147483647,
					 -2147483647 - 1, 4294967295ll,
					 -9223372036854775807ll - 1,
					 9223372036854775807ll};
	wchar_t w[80];
	char a[80];

	for (unsigned b = 0; b < sizeof bases / sizeof *bases; b++) {
		for (unsigned i = 0; i < sizeof vals / sizeof *vals; i++) {
			long long v = vals[i];
			int r = bases[b];

			printf("base %d value %lld\n", r, v);
			errno = 0;
			wmemset(w, L'#', 79), w[79] = 0;
			memset(a, '#', 79), a[79] = 0;
			_itow((int)v, w, r), _itoa((int)v, a, r);
			pw(" itow", w), printf(" itoa <%s> errno %d\n", a, errno);
			errno = 0;
			wmemset(w, L'#', 79), w[79] = 0;
			_ltow((long)v, w, r);
			pw(" ltow", w), printf(" errno %d\n", errno);
			errno = 0;
			wmemset(w, L'#', 79), w[79] = 0;
			_ultow((unsigned long)v, w, r);
			pw(" ultow", w), printf(" errno %d\n", errno);
			errno = 0;
			wmemset(w, L'#', 79), w[79] = 0;
			_i64tow(v, w, r);
			pw(" i64tow", w), printf(" errno %d\n", errno);
			errno = 0;
			wmemset(w, L'#', 79), w[79] = 0;
			_ui64tow((unsigned long long)v, w, r);
			pw(" ui64tow", w), printf(" errno %d\n", errno);
		}
	}
}

static void floats(void)
{
	static const double vals[] = {
		0.0,	 -0.0,	  1.0,	   -1.0,   0.5,	    1.5,     2.5,
		0.25,	 0.125,	  2.675,   1.005,  9.995,   99.5,    999.9999,
		0.96,	 0.05,	  0.0049,  0.0051, 1e-10,   1.23e-5, 123456789.0,
		1e15,	 1e22,	  1.5e300, 1e-300, 3.14159265358979, 2.0 / 3.0,
		-123.456, 5e-324, 1.7976931348623157e308,
	};
	static const int nd[] = {-3, -1, 0, 1, 2, 3, 6, 10, 17, 20};

	for (unsigned i = 0; i < sizeof vals / sizeof *vals; i++) {
		for (unsigned k = 0; k < sizeof nd / sizeof *nd; k++) {
			int dec = -99, sign = -99;
			char *e = _ecvt(vals[i], nd[k], &dec, &sign);

			printf("%.17g nd %d: ecvt <%s> %d %d", vals[i], nd[k],
			       e, dec, sign);
			/* Wine's _fcvt has room for 80 characters. */
			dec = sign = -99;
			e = _fcvt(vals[i], nd[k], &dec, &sign);
			if (vals[i] < 1e60 && vals[i] > -1e60)
				printf(" fcvt <%s> %d %d", e, dec, sign);
			char g[400];

			errno = 0;
			memset(g, 0, sizeof g);
			e = _gcvt(vals[i], nd[k], g);
			printf(" gcvt %s <%s> %d\n", e ? "buf" : "NULL", g,
			       errno);
		}
	}
	/* Infinities and NaNs come out as msvcrt's printf spells them. */
	double inf = HUGE_VAL, nan = inf - inf;
	int dec = 7, sign;
	char g[64], *e;
	/* No exponent follows the digits of "1.#INF": *dec is left as it
	 * was, then counted up. */
	printf("inf ecvt <%s>", _ecvt(inf, 5, &dec, &sign));
	printf(" %d %d", dec, sign);
	printf(" fcvt <%s>", _fcvt(-inf, 3, &dec, &sign));
	printf(" %d %d", dec, sign);
	printf(" gcvt <%s>\n", _gcvt(nan, 4, g));
	dec = 3;
	printf("nan ecvt <%s>", _ecvt(nan, 5, &dec, &sign));
	printf(" %d %d\n", dec, sign);
	errno = 0;
	e = _gcvt(1.0, 3, NULL);
	printf("gcvt NULL buf %p errno %d\n", e, errno);
	for (int n = 70; n < 76; n++)
		printf("ecvt %d digits: %d %d\n", n,
		       (int)strlen(_ecvt(1.0 / 3, n, &dec, &sign)),
		       (int)strlen(_ecvt(-2.0 / 3, n, &dec, &sign)));
	printf("fcvt 1e20 %s", _fcvt(1e20, 2, &dec, &sign));
	printf(" %d\n", dec);
}

/* Pseudo-random doubles (a fixed sequence) of every magnitude from
 * 1e-30 to 1e50, through _ecvt, _fcvt and _gcvt at a few precisions. */
static void sweep(void)
{
	unsigned long long x = 88172645463325252ull;

	for (int i = 0; i < 400; i++) {
		double v;
		int dec, sign, nd = i % 23 - 3;
		char g[400];

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		v = (double)(x >> 11) / 9007199254740992.0;
		v *= pow(10, (int)(x % 81) - 30);
		if (i & 1)
			v = -v;
		if (i % 7 == 0)
			v = floor(v * 1000 + 0.5) / 1000; /* ties of .5 */
		printf("%.17g nd %d:", v, nd);
		printf(" e <%s>", _ecvt(v, nd, &dec, &sign));
		printf(" %d %d", dec, sign);
		printf(" f <%s>", _fcvt(v, nd, &dec, &sign));
		printf(" %d %d", dec, sign);
		printf(" g <%s>\n", nd >= 0 ? _gcvt(v, nd, g) : "-");
	}
}

static void fills(void)
{
	char s[16] = "abcdef";
	wchar_t w[16] = L"abcdef", *r;

	printf("strset %s\n", _strset(s, 'x'));
	strcpy(s, "abcdef");
	/* Wine's _strnset returns the end of what it set, Windows' its
	 * argument (as dllshare's does): the string is printed. */
	_strnset(s, 'y', 3);
	printf("strnset %s\n", s);
	_strnset(s, 'z', 40);
	printf("strnset long %s\n", s);
	strcpy(s, "abc");
	_strnset(s, 'q', 0);
	printf("strnset 0 %s\n", s);
	printf("strset empty <%s>\n", _strset(s + 3, 'x'));
	pw("wcsset", _wcsset(w, L'x'));
	wcscpy(w, L"abcdef");
	pw("wcsnset", _wcsnset(w, L'y', 2));
	pw("wcsnset long", _wcsnset(w, L'z', 99));
	wcscpy(w, L"abcdef");
	r = _wcsrev(w);
	pw("wcsrev", w), printf(" same %d\n", r == w);
	wcscpy(w, L"a");
	pw("wcsrev 1", _wcsrev(w));
	w[0] = 0;
	pw("wcsrev 0", _wcsrev(w));
	wcscpy(w, L"ab\xe9z");
	pw("wcsrev wide", _wcsrev(w));
}

int main(void)
{
	ints();
	floats();
	sweep();
	fills();
	return 0;
}
