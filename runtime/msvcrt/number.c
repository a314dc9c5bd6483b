/*
 * number.c — msvcrt's conversions between numbers and text (strtol,
 * strtoul, _strtoi64, strtod, atoi, atof, _itoa, ..., and the wide
 * wcstol, wcstod, _wtoi, _itow, ...) and its integer arithmetic (abs,
 * labs, div).  A double's digit strings (_ecvt, _fcvt, _gcvt) are
 * cvt.c's.
 *
 * Where Windows differs it is spelled out: long is 32 bits (strtol
 * clamps to ±2^31, "-1" is 0xffffffff for strtoul), range errors go to
 * msvcrt's errno, and atof and scanf read msvcrt's float syntax
 * (rt_crt_float_text), not glibc's.  The locale (the current one, or the
 * _l forms' argument) gives the decimal point and, for the integer
 * conversions and atof, the spaces skipped first (a Windows-1252 locale
 * adds the no-break space; msvcrt's strtod skips ASCII's only).  The
 * wide forms read the same syntax, every unit outside ASCII ending the
 * number, after skipping wide spaces.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

/* ---- text to number: long is 32 bits ------------------------------- */

static LONG parse_long(const char *s, char **end, int base)
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

static ULONG parse_ulong(const char *s, char **end, int base)
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

static int64_t parse_i64(const char *s, char **end, int base)
{
	int64_t v;

	errno = 0;
	v = strtoll(s, end, base);
	if (errno == ERANGE)
		*rt_errno_ptr() = W_ERANGE;
	return v;
}

static uint64_t parse_u64(const char *s, char **end, int base)
{
	uint64_t v;

	errno = 0;
	v = strtoull(s, end, base);
	if (errno == ERANGE)
		*rt_errno_ptr() = W_ERANGE;
	return v;
}

/* s after the spaces of locale li's LC_CTYPE, which msvcrt skips before
 * an integer (and atof before a float). */
static const char *skip_spaces(const struct w32_locinfo *li, const char *s)
{
	while (li->pctype[(unsigned char)*s] & 0x8 /* _SPACE */)
		s++;
	return s;
}

/* An integer conversion after the locale's spaces: end is s when nothing
 * was read. */
#define INT_L(ret, name, name_l, conv)                                         \
	ret WINAPI w32_##name_l(const char *s, char **end, int base,           \
				w32_locale_t l)                                \
	{                                                                      \
		const char *p = skip_spaces(rt_crt_locinfo(l), s);             \
		ret v = conv(p, end, base);                                    \
                                                                               \
		if (end && *end == p)                                          \
			*end = (char *)s;                                      \
		return v;                                                      \
	}                                                                      \
	ret WINAPI w32_##name(const char *s, char **end, int base)             \
	{                                                                      \
		return w32_##name_l(s, end, base, 0);                          \
	}
INT_L(LONG, strtol, _strtol_l, parse_long)
INT_L(ULONG, strtoul, _strtoul_l, parse_ulong)
INT_L(int64_t, _strtoi64, _strtoi64_l, parse_i64)
INT_L(uint64_t, _strtoui64, _strtoui64_l, parse_u64)

int WINAPI w32__atoi_l(const char *s, w32_locale_t l)
{
	return atoi(skip_spaces(rt_crt_locinfo(l), s));
}

int WINAPI w32_atoi(const char *s)
{
	return w32__atoi_l(s, 0);
}

LONG WINAPI w32__atol_l(const char *s, w32_locale_t l)
{
	return (LONG)strtoll(skip_spaces(rt_crt_locinfo(l), s), 0, 10);
}

LONG WINAPI w32_atol(const char *s)
{
	return w32__atol_l(s, 0);
}

int64_t WINAPI w32__atoi64_l(const char *s, w32_locale_t l)
{
	return strtoll(skip_spaces(rt_crt_locinfo(l), s), 0, 10);
}

int64_t WINAPI w32__atoi64(const char *s)
{
	return w32__atoi64_l(s, 0);
}

/* glibc's strtod reads '.', the "C" locale's point: a copy of s's first
 * size - 1 bytes where LC_NUMERIC's point is '.' and a '.' is not one
 * (it becomes a byte no number contains).  Offsets are unchanged. */
static const char *with_c_point(char dp, const char *s, char *buf,
				size_t size)
{
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
double WINAPI w32__strtod_l(const char *s, char **end, w32_locale_t l)
{
	char buf[512], *e;
	const char *t = with_c_point(rt_crt_locinfo(l)->lconv->decimal_point[0],
				     s, buf, sizeof(buf));
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

double WINAPI w32_strtod(const char *s, char **end)
{
	return w32__strtod_l(s, end, 0);
}

/* The number msvcrt's atof and scanf read: [sign] digits [. digits]
 * [e|E|d|D [sign] digits] — no "inf", "nan" or hexadecimal, and 'd' is an
 * exponent marker (a FORTRAN heritage).  Copies it into out with 'e' for
 * the marker; returns the characters consumed, 0 when there is no number
 * and -1 when characters were consumed but do not form one. */
static int float_text(char dp, const char *s, size_t max, char *out,
		      size_t outsz)
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
	if (i < max && s[i] == dp) {
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

int rt_crt_float_text(const char *s, size_t max, char *out, size_t outsz)
{
	return float_text(rt_crt_decimal_point(), s, max, out, outsz);
}

double WINAPI w32__atof_l(const char *s, w32_locale_t l)
{
	const struct w32_locinfo *li = rt_crt_locinfo(l);
	char buf[512];
	double d;

	s = skip_spaces(li, s);
	if (float_text(li->lconv->decimal_point[0], s, strlen(s), buf,
		       sizeof(buf)) < 0) {
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

double WINAPI w32_atof(const char *s)
{
	return w32__atof_l(s, 0);
}

/* _atodbl_l, _atoflt_l: strtod's number into a structure; 0, or
 * _OVERFLOW (3) / _UNDERFLOW (4) when it does not fit or is denormal
 * (msvcrt's; errno is left as it was). */
#define W_OVERFLOW  3
#define W_UNDERFLOW 4

static int ato_status(double d, int range, int is_float)
{
	double lim = is_float ? 3.402823466e38 : 1.7976931348623157e308;
	double tiny = is_float ? 1.175494351e-38 : 2.2250738585072014e-308;

	if (d > lim || d < -lim)
		return W_OVERFLOW;
	if ((d == 0 && range) || (d != 0 && d < tiny && d > -tiny))
		return W_UNDERFLOW;
	return 0;
}

/* strtod's value and whether it said ERANGE, msvcrt's errno kept. */
static double strtod_range(const char *s, w32_locale_t l, int *range)
{
	int saved = *rt_errno_ptr();
	double d;

	*rt_errno_ptr() = 0;
	d = w32__strtod_l(s, 0, l);
	*range = *rt_errno_ptr() == W_ERANGE;
	*rt_errno_ptr() = saved;
	return d;
}

int WINAPI w32__atodbl_l(double *out, char *s, w32_locale_t l)
{
	int range;

	*out = strtod_range(s, l, &range);
	return ato_status(*out, range, 0);
}

int WINAPI w32__atodbl(double *out, char *s)
{
	return w32__atodbl_l(out, s, 0);
}

int WINAPI w32__atoflt_l(float *out, char *s, w32_locale_t l)
{
	int range;
	double d = strtod_range(s, l, &range);

	*out = (float)d;
	return ato_status(d, range || (d != 0 && *out == 0), 1);
}

/* ---- wide text to number ------------------------------------------- */

/* The ASCII prefix of s after its wide spaces, as bytes (the first unit
 * outside ASCII ends it), in buf (size bytes); *skipped units were
 * spaces.  The numbers are ASCII, so a byte is a unit: an end pointer
 * into buf is the same offset into s + *skipped. */
static const char *wide_ascii(const WCHAR *s, char *buf, size_t size,
			      size_t *skipped)
{
	size_t k = 0, i = 0;

	while (w32_iswspace(s[i]))
		i++;
	*skipped = i;
	for (; s[i] && s[i] < 0x80 && k + 1 < size; i++)
		buf[k++] = (char)s[i];
	buf[k] = 0;
	return buf;
}

#define WIDE_INT(ret, name, name_l, conv)                                      \
	ret WINAPI w32_##name_l(const WCHAR *s, WCHAR **end, int base,        \
				w32_locale_t l)                                \
	{                                                                      \
		char buf[512], *e;                                             \
		size_t skip;                                                   \
		const char *p = wide_ascii(s, buf, sizeof(buf), &skip);        \
		ret v = conv(p, &e, base);                                     \
                                                                               \
		(void)l;                                                       \
		if (end)                                                       \
			*end = (WCHAR *)(e == p ? s : s + skip + (e - p));     \
		return v;                                                      \
	}                                                                      \
	ret WINAPI w32_##name(const WCHAR *s, WCHAR **end, int base)          \
	{                                                                      \
		return w32_##name_l(s, end, base, 0);                          \
	}
WIDE_INT(LONG, wcstol, _wcstol_l, parse_long)
WIDE_INT(ULONG, wcstoul, _wcstoul_l, parse_ulong)
WIDE_INT(int64_t, _wcstoi64, _wcstoi64_l, parse_i64)
WIDE_INT(uint64_t, _wcstoui64, _wcstoui64_l, parse_u64)

double WINAPI w32__wcstod_l(const WCHAR *s, WCHAR **end, w32_locale_t l)
{
	char buf[512], *e;
	size_t skip;
	const char *p = wide_ascii(s, buf, sizeof(buf), &skip);
	double v = w32__strtod_l(p, &e, l);

	if (end)
		*end = (WCHAR *)(e == p ? s : s + skip + (e - p));
	return v;
}

double WINAPI w32_wcstod(const WCHAR *s, WCHAR **end)
{
	return w32__wcstod_l(s, end, 0);
}

int WINAPI w32__wtoi_l(const WCHAR *s, w32_locale_t l)
{
	char buf[512];
	size_t skip;

	(void)l;
	return atoi(wide_ascii(s, buf, sizeof(buf), &skip));
}

int WINAPI w32__wtoi(const WCHAR *s)
{
	return w32__wtoi_l(s, 0);
}

LONG WINAPI w32__wtol_l(const WCHAR *s, w32_locale_t l)
{
	char buf[512];
	size_t skip;

	(void)l;
	return (LONG)strtoll(wide_ascii(s, buf, sizeof(buf), &skip), 0, 10);
}

LONG WINAPI w32__wtol(const WCHAR *s)
{
	return w32__wtol_l(s, 0);
}

int64_t WINAPI w32__wtoi64_l(const WCHAR *s, w32_locale_t l)
{
	char buf[512];
	size_t skip;

	(void)l;
	return strtoll(wide_ascii(s, buf, sizeof(buf), &skip), 0, 10);
}

int64_t WINAPI w32__wtoi64(const WCHAR *s)
{
	return w32__wtoi64_l(s, 0);
}

double WINAPI w32__wtof_l(const WCHAR *s, w32_locale_t l)
{
	char buf[512];
	size_t skip;

	return w32__atof_l(wide_ascii(s, buf, sizeof(buf), &skip), l);
}

double WINAPI w32__wtof(const WCHAR *s)
{
	return w32__wtof_l(s, 0);
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

/* The narrow digits widened into w (each is ASCII). */
static WCHAR *widen_digits(const char *a, WCHAR *w)
{
	size_t i = 0;

	if (!w)
		return w;
	do
		w[i] = (unsigned char)a[i];
	while (a[i++]);
	return w;
}

/* _itow and its kin: _itoa's digits (base 2..36) as UTF-16 in buf. */
WCHAR *WINAPI w32__itow(int v, WCHAR *buf, int base)
{
	char a[72];

	return widen_digits(w32__itoa(v, a, base), buf);
}

WCHAR *WINAPI w32__ltow(LONG v, WCHAR *buf, int base)
{
	char a[72];

	return widen_digits(w32__ltoa(v, a, base), buf);
}

WCHAR *WINAPI w32__ultow(ULONG v, WCHAR *buf, int base)
{
	char a[72];

	return widen_digits(w32__ultoa(v, a, base), buf);
}

WCHAR *WINAPI w32__i64tow(int64_t v, WCHAR *buf, int base)
{
	char a[72];

	return widen_digits(w32__i64toa(v, a, base), buf);
}

WCHAR *WINAPI w32__ui64tow(uint64_t v, WCHAR *buf, int base)
{
	char a[72];

	return widen_digits(w32__ui64toa(v, a, base), buf);
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
