/*
 * math.c — msvcrt's math.h and float.h: the double functions (long
 * double is double on Windows) called through the Microsoft convention,
 * _isnan and _finite, the floating-point control words (_controlfp,
 * _clearfp, ...: the x87/SSE state stays Linux's default, reported as
 * Windows' default), and rand/srand, msvcrt's linear congruential
 * generator (state×214013+2531011, bits 16..30), kept per thread as
 * msvcrt does.
 */
#include <math.h>

#include "runtime/msvcrt/msvcrt.h"

/* ---- math (double only: long double is double on Windows) ---------- */

#define MATH1(name)                                                            \
	double WINAPI w32_##name(double x)                                     \
	{                                                                      \
		return name(x);                                                \
	}
#define MATH2(name)                                                            \
	double WINAPI w32_##name(double x, double y)                           \
	{                                                                      \
		return name(x, y);                                             \
	}
/* One wrapper a line (clang-format would make a staircase). */
/* clang-format off */
MATH1(sqrt)
MATH1(floor)
MATH1(ceil)
MATH1(fabs)
MATH1(sin)
MATH1(cos)
MATH1(tan)
MATH1(asin)
MATH1(acos)
MATH1(atan)
MATH1(exp)
MATH1(log)
MATH1(log10)
MATH1(sinh)
MATH1(cosh)
MATH1(tanh)
MATH2(pow)
MATH2(fmod)
MATH2(atan2)
MATH2(hypot)
/* clang-format on */

double WINAPI w32__hypot(double x, double y)
{
	return hypot(x, y);
}

double WINAPI w32_modf(double x, double *ip)
{
	return modf(x, ip);
}

double WINAPI w32_frexp(double x, int *e)
{
	return frexp(x, e);
}

double WINAPI w32_ldexp(double x, int e)
{
	return ldexp(x, e);
}

int WINAPI w32__isnan(double x)
{
	return isnan(x);
}

int WINAPI w32__finite(double x)
{
	return isfinite(x);
}

void WINAPI w32___setusermatherr(void *fn)
{
}

/* ---- floating-point control (x87/SSE state is Linux's default) ----- */

UINT WINAPI w32__controlfp(UINT newval, UINT mask)
{
	return 0x9001f; /* _PC_53 | _MCW_EM: Windows' default */
}

int WINAPI w32__controlfp_s(UINT *cur, UINT newval, UINT mask)
{
	if (cur)
		*cur = 0x9001f;
	return 0;
}

void WINAPI w32__fpreset(void)
{
}

UINT WINAPI w32__clearfp(void)
{
	return 0;
}

UINT WINAPI w32__statusfp(void)
{
	return 0;
}

/* ---- random numbers ------------------------------------------------ */

static __thread uint32_t rand_state = 1;

void WINAPI w32_srand(unsigned seed)
{
	rand_state = seed;
}

int WINAPI w32_rand(void)
{
	rand_state = rand_state * 214013u + 2531011u;
	return (int)(rand_state >> 16 & 0x7fff);
}
