/*
 * number.c — msvcrt's conversions between numbers and text (strtol,
 * strtoul, _strtoi64, strtod, atoi, atof, _itoa, ..., and the wide
 * wcstol, wcstod, _wtoi) and its integer arithmetic (abs, labs, div).
 *
 * Where Windows differs it is spelled out: long is 32 bits (strtol
 * clamps to ±2^31, "-1" is 0xffffffff for strtoul), range errors go to
 * msvcrt's errno, and atof and scanf read msvcrt's float syntax
 * (rt_crt_float_text), not glibc's.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

/* ---- text to number: long is 32 bits ------------------------------- */

LONG WINAPI w32_strtol(const char *s, char **end, int base)
{
	long long v;

	errno = 0;
	v = strtoll(s, end, base);
	if (v > INT32_MAX || (errno == ERANGE && v > 0)) {
		*rt_errno_ptr() = W_ERANGE;
		return INT32_MAX;
	}
	if (v < INT32_MIN || (errno == ERANGE && v < 0)) {
		*rt_errno_ptr() = W_ERANGE;
		return INT32_MIN;
	}
	return (LONG)v;
}

ULONG WINAPI w32_strtoul(const char *s, char **end, int base)
{
	unsigned long long v;
	const char *p = s;
	int neg;

	while (isspace((unsigned char)*p))
		p++;
	neg = *p == '-';
	errno = 0;
	v = strtoull(s, end, base);
	/* "-1" is 0xffffffff: the negation happens in 32 bits. */
	if (neg) {
		unsigned long long m = -v;

		if (errno == ERANGE || m > (unsigned long long)UINT32_MAX + 1) {
			*rt_errno_ptr() = W_ERANGE;
			return UINT32_MAX;
		}
		return (ULONG)v;
	}
	if (errno == ERANGE || v > UINT32_MAX) {
		*rt_errno_ptr() = W_ERANGE;
		return UINT32_MAX;
	}
	return (ULONG)v;
}

int WINAPI w32_atoi(const char *s)
{
	return atoi(s);
}

LONG WINAPI w32_atol(const char *s)
{
	return (LONG)strtoll(s, 0, 10);
}

int64_t WINAPI w32__atoi64(const char *s)
{
	return strtoll(s, 0, 10);
}

int64_t WINAPI w32__strtoi64(const char *s, char **end, int base)
{
	int64_t v;

	errno = 0;
	v = strtoll(s, end, base);
	if (errno == ERANGE)
		*rt_errno_ptr() = W_ERANGE;
	return v;
}

uint64_t WINAPI w32__strtoui64(const char *s, char **end, int base)
{
	uint64_t v;

	errno = 0;
	v = strtoull(s, end, base);
	if (errno == ERANGE)
		*rt_errno_ptr() = W_ERANGE;
	return v;
}

/* glibc's strtod reads '.', the "C" locale's point: a copy of s's first
 * size - 1 bytes where LC_NUMERIC's point is '.' and a '.' is not one
 * (it becomes a byte no number contains).  Offsets are unchanged. */
static const char *with_c_point(const char *s, char *buf, size_t size)
{
	char dp = rt_crt_decimal_point();
	size_t i;

	if (dp == '.')
		return s;
	for (i = 0; i + 1 < size && s[i]; i++)
		buf[i] = s[i] == dp ? '.' : s[i] == '.' ? '\x01' : s[i];
	buf[i] = 0;
	return buf;
}

/* strtod reports overflow and underflow in msvcrt's errno, and reads
 * LC_NUMERIC's decimal point. */
double WINAPI w32_strtod(const char *s, char **end)
{
	char buf[512], *e;
	const char *t = with_c_point(s, buf, sizeof(buf));
	double d;

	errno = 0;
	d = strtod(t, &e);
	if (end)
		*end = (char *)s + (e - t);
	/* glibc also says ERANGE for subnormal results; msvcrt only when
	 * the value overflows or vanishes. */
	if (errno == ERANGE &&
	    (d == 0 || d > 1.7976931348623157e308 ||
	     d < -1.7976931348623157e308))
		*rt_errno_ptr() = W_ERANGE;
	return d;
}

/* The number msvcrt's atof and scanf read: [sign] digits [. digits]
 * [e|E|d|D [sign] digits] — no "inf", "nan" or hexadecimal, and 'd' is an
 * exponent marker (a FORTRAN heritage).  Copies it into out with 'e' for
 * the marker; returns the characters consumed, 0 when there is no number
 * and -1 when characters were consumed but do not form one. */
int rt_crt_float_text(const char *s, size_t max, char *out, size_t outsz)
{
	size_t i = 0, k = 0, digits = 0;

#define TAKE(c)                                                                \
	do {                                                                   \
		if (k + 1 < outsz)                                             \
			out[k++] = (c);                                        \
		i++;                                                           \
	} while (0)
	if (i < max && (s[i] == '+' || s[i] == '-'))
		TAKE(s[i]);
	while (i < max && s[i] >= '0' && s[i] <= '9') {
		TAKE(s[i]);
		digits++;
	}
	if (i < max && s[i] == rt_crt_decimal_point()) {
		TAKE('.');
		while (i < max && s[i] >= '0' && s[i] <= '9') {
			TAKE(s[i]);
			digits++;
		}
	}
	if (!digits) {
		out[0] = 0;
		return i ? -1 : 0;
	}
	if (i < max &&
	    (s[i] == 'e' || s[i] == 'E' || s[i] == 'd' || s[i] == 'D')) {
		size_t edigits = 0;

		TAKE('e');
		if (i < max && (s[i] == '+' || s[i] == '-'))
			TAKE(s[i]);
		while (i < max && s[i] >= '0' && s[i] <= '9') {
			TAKE(s[i]);
			edigits++;
		}
		if (!edigits) {
			out[k] = 0;
			return -1;
		}
	}
#undef TAKE
	out[k] = 0;
	return (int)i;
}

double WINAPI w32_atof(const char *s)
{
	char buf[512];
	double d;

	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	if (rt_crt_float_text(s, strlen(s), buf, sizeof(buf)) < 0) {
		/* "1e": the mantissa alone is the number. */
		char *e = strchr(buf, 'e');

		if (!e)
			return 0;
		*e = 0;
	}
	if (!buf[0])
		return 0;
	errno = 0;
	d = strtod(buf, 0);
	if (errno == ERANGE &&
	    (d == 0 || d > 1.7976931348623157e308 ||
	     d < -1.7976931348623157e308))
		*rt_errno_ptr() = W_ERANGE;
	return d;
}

LONG WINAPI w32_wcstol(const WCHAR *s, WCHAR **end, int base)
{
	char *n = rt_utf8_dup(s), *e;
	LONG v;

	if (!n)
		return 0;
	v = w32_strtol(n, &e, base);
	if (end)
		*end = (WCHAR *)s + (e - n); /* ASCII digits: 1 unit each */
	free(n);
	return v;
}

double WINAPI w32_wcstod(const WCHAR *s, WCHAR **end)
{
	char *n = rt_utf8_dup(s), *e;
	double v;

	if (!n)
		return 0;
	v = strtod(n, &e);
	if (end)
		*end = (WCHAR *)s + (e - n);
	free(n);
	return v;
}

int WINAPI w32__wtoi(const WCHAR *s)
{
	return (int)w32_wcstol(s, 0, 10);
}

/* ---- number to text ------------------------------------------------ */

/* Digits of v in base (2..36) into buf, lower case, as _itoa does. */
static char *utoa_base(uint64_t v, char *buf, int base, int neg)
{
	char tmp[72];
	int n = 0, k = 0;

	if (base < 2 || base > 36) {
		*rt_errno_ptr() = W_EINVAL;
		if (buf)
			buf[0] = 0;
		return buf;
	}
	do {
		int d = (int)(v % (unsigned)base);

		tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= (unsigned)base;
	} while (v);
	if (neg)
		buf[k++] = '-';
	while (n)
		buf[k++] = tmp[--n];
	buf[k] = 0;
	return buf;
}

char *WINAPI w32__itoa(int v, char *buf, int base)
{
	int neg = base == 10 && v < 0;

	return utoa_base(neg ? -(uint64_t)(int64_t)v : (uint32_t)v, buf, base,
			 neg);
}

char *WINAPI w32__ltoa(LONG v, char *buf, int base)
{
	return w32__itoa(v, buf, base);
}

char *WINAPI w32__ultoa(ULONG v, char *buf, int base)
{
	return utoa_base(v, buf, base, 0);
}

char *WINAPI w32__i64toa(int64_t v, char *buf, int base)
{
	int neg = base == 10 && v < 0;

	return utoa_base(neg ? -(uint64_t)v : (uint64_t)v, buf, base, neg);
}

char *WINAPI w32__ui64toa(uint64_t v, char *buf, int base)
{
	return utoa_base(v, buf, base, 0);
}

/* ---- integer arithmetic -------------------------------------------- */

int WINAPI w32_abs(int v)
{
	return abs(v);
}

LONG WINAPI w32_labs(LONG v)
{
	return v < 0 ? -v : v;
}

int64_t WINAPI w32__abs64(int64_t v)
{
	return v < 0 ? -v : v;
}

int64_t WINAPI w32_llabs(int64_t v)
{
	return v < 0 ? -v : v;
}

w32_div_t WINAPI w32_div(int a, int b)
{
	w32_div_t r = {a / b, a % b};

	return r;
}

w32_div_t WINAPI w32_ldiv(LONG a, LONG b)
{
	w32_div_t r = {a / b, a % b};

	return r;
}
