/*
 * math.c — msvcrt's math.h and float.h: the double functions (long
 * double is double on Windows) called through the Microsoft convention,
 * _isnan and _finite, the floating-point control words (_controlfp,
 * _clearfp, ...: the real SSE and x87 state, as
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

/* The program's _matherr (mingw's start-up registers one).  msvcrt's
 * math functions here report errors through errno and their result only
 * and never call it — as under Wine, where x86-64 msvcrt's log(-1) or
 * acos(2) does not reach a program's _matherr either. */
void WINAPI w32___setusermatherr(void *fn)
{
	(void)fn;
}

/* ---- floating-point control ------------------------------------------ */

/* msvcrt's control word (float.h): exception masks, rounding, denormal
 * control.  On x64 it is the SSE unit's (MXCSR), which is what compiled
 * code computes with; the x87 unit keeps its own control word, as
 * msvcrt and Wine leave it.  Precision control does not exist on x64 and
 * is ignored, as by msvcrt. */
#define EM_INEXACT    0x00000001u
#define EM_UNDERFLOW  0x00000002u
#define EM_OVERFLOW   0x00000004u
#define EM_ZERODIVIDE 0x00000008u
#define EM_INVALID    0x00000010u
#define EM_DENORMAL   0x00080000u
#define MCW_EM	      0x0008001fu
#define MCW_RC	      0x00000300u
#define MCW_PC	      0x00030000u
#define MCW_IC	      0x00040000u
#define MCW_DN	      0x03000000u
#define DN_FLUSH      0x01000000u
#define DN_FLUSH_OPERANDS_SAVE_RESULTS 0x02000000u
#define DN_SAVE_OPERANDS_FLUSH_RESULTS 0x03000000u

/* MXCSR exception bits, in the order of the EM_ masks above. */
static const struct {
	UINT em;
	unsigned mask, flag;
} fp_bits[] = {
	{EM_INEXACT, 0x1000, 0x20},  {EM_UNDERFLOW, 0x800, 0x10},
	{EM_OVERFLOW, 0x400, 0x08},  {EM_ZERODIVIDE, 0x200, 0x04},
	{EM_INVALID, 0x80, 0x01},    {EM_DENORMAL, 0x100, 0x02},
};

static unsigned get_mxcsr(void)
{
	unsigned m;

	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return m;
}

static void set_mxcsr(unsigned m)
{
	__asm__ volatile("ldmxcsr %0" : : "m"(m));
}

static UINT control_of(unsigned m)
{
	UINT cw = 0;

	for (size_t i = 0; i < sizeof fp_bits / sizeof fp_bits[0]; i++)
		if (m & fp_bits[i].mask)
			cw |= fp_bits[i].em;
	cw |= (UINT)((m >> 13) & 3) << 8; /* RC: near, down, up, chop */
	if ((m & 0x8040) == 0x8040)
		cw |= DN_FLUSH;
	else if (m & 0x40)
		cw |= DN_FLUSH_OPERANDS_SAVE_RESULTS;
	else if (m & 0x8000)
		cw |= DN_SAVE_OPERANDS_FLUSH_RESULTS;
	return cw;
}

static unsigned mxcsr_of(unsigned m, UINT cw, UINT mask)
{
	for (size_t i = 0; i < sizeof fp_bits / sizeof fp_bits[0]; i++)
		if (mask & fp_bits[i].em)
			m = (cw & fp_bits[i].em) ? m | fp_bits[i].mask
						 : m & ~fp_bits[i].mask;
	if (mask & MCW_RC)
		m = (m & ~0x6000u) | ((cw >> 8) & 3) << 13;
	if (mask & MCW_DN) {
		m &= ~0x8040u;
		switch (cw & MCW_DN) {
		case DN_FLUSH: m |= 0x8040; break;
		case DN_FLUSH_OPERANDS_SAVE_RESULTS: m |= 0x40; break;
		case DN_SAVE_OPERANDS_FLUSH_RESULTS: m |= 0x8000; break;
		}
	}
	return m;
}

UINT WINAPI w32__control87(UINT newval, UINT mask)
{
	unsigned m = get_mxcsr();

	mask &= MCW_EM | MCW_RC | MCW_DN;
	if (mask) {
		m = mxcsr_of(m, newval, mask);
		set_mxcsr(m);
	}
	return control_of(m);
}

UINT WINAPI w32__controlfp(UINT newval, UINT mask)
{
	return w32__control87(newval, mask & ~EM_DENORMAL);
}

int WINAPI w32__controlfp_s(UINT *cur, UINT newval, UINT mask)
{
	const UINT all = MCW_EM | MCW_IC | MCW_RC | MCW_PC | MCW_DN;

	if (newval & mask & ~all) {
		if (cur)
			*cur = w32__controlfp(0, 0);
		*rt_errno_ptr() = W_EINVAL;
		return W_EINVAL;
	}
	mask &= ~EM_DENORMAL;
	if (cur)
		*cur = w32__controlfp(newval, mask);
	else
		w32__controlfp(newval, mask);
	return 0;
}

/* msvcrt's status word (_SW_*) uses the EM_ bit values. */
static UINT status_of(unsigned m)
{
	unsigned short sw;
	UINT s = 0;

	__asm__ volatile("fnstsw %0" : "=m"(sw));
	m |= sw & 0x3f; /* x87 flags: IE DE ZE OE UE PE, as MXCSR's */
	for (size_t i = 0; i < sizeof fp_bits / sizeof fp_bits[0]; i++)
		if (m & fp_bits[i].flag)
			s |= fp_bits[i].em;
	return s;
}

UINT WINAPI w32__statusfp(void)
{
	return status_of(get_mxcsr());
}

UINT WINAPI w32__clearfp(void)
{
	unsigned m = get_mxcsr();
	UINT s = status_of(m);

	set_mxcsr(m & ~0x3fu);
	__asm__ volatile("fnclex");
	return s;
}

/* The x87 unit to its initial state (msvcrt leaves the SSE unit). */
void WINAPI w32__fpreset(void)
{
	__asm__ volatile("fninit");
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
