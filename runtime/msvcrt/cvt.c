/*
 * cvt.c — msvcrt's digit strings of a double: _ecvt (significant
 * digits), _fcvt (digits after the point) and _gcvt (printf's %g into a
 * buffer).
 *
 * The digits are those of msvcrt's printf (format.c: exact binary
 * values, rounded half away from zero, "1.#INF" for an infinity), taken
 * apart as Wine's msvcrt takes them, which decides the corners (where
 * the point goes for a value below the precision, how many digits at
 * most); tests/wine/progs/wcrt_numbers.c compares hundreds of values.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

/* _ecvt and _fcvt answer in one buffer of the thread's, as msvcrt's do:
 * _CVTBUFSIZE (309 + 40) digits and the NUL. */
#define CVT_SIZE 350
#define ECVT_MAX 72 /* the most digits _ecvt gives (Wine's msvcrt) */
static __thread char cvt_buf[CVT_SIZE];

/* v as printf's %.*e or %.*f does it (msvcrt's rounding, its spellings
 * of infinities and NaNs, the locale's point) into text. */
static int print_float(char *text, size_t size, char conv, int prec, double v)
{
	return conv == 'e' ? w32__snprintf(text, size, "%.*e", prec, v)
			   : w32__snprintf(text, size, "%.*f", prec, v);
}

/* _ecvt: the first ndigits significant digits of v (at most 72),
 * rounded, *decpt where the point goes, *sign 1 for a '-'.  They are
 * %e's digits: an infinity gives "1#INF".  Zero has decpt 0; ndigits
 * below 1 gives no digits, decpt of v rounded to two digits, one more
 * when the first of them is 5 or above. */
char *WINAPI w32__ecvt(double v, int ndigits, int *decpt, int *sign)
{
	int prec = ndigits < 1 ? 2 : ndigits > ECVT_MAX ? ECVT_MAX : ndigits;
	char text[CVT_SIZE], *q, *end;
	size_t n;
	long e;

	print_float(text, sizeof(text), 'e', prec - 1, v);
	*sign = text[0] == '-';
	q = text + *sign;
	n = strlen(q);
	if (prec > 1 && n > 1)
		memmove(q + 1, q + 2, n-- - 1);
	/* The exponent follows the digits and the 'e'; "1.#INF" has none
	 * there, and *decpt is counted on from where it was. */
	if ((size_t)prec + 1 < n) {
		e = strtol(q + prec + 1, &end, 10);
		if (end != q + prec + 1)
			*decpt = (int)e;
	}
	(*decpt)++;
	q[prec < (int)n ? prec : (int)n] = 0;
	if (q[0] == '0')
		*decpt = 0;
	if (ndigits < 1) {
		if (q[0] >= '5')
			(*decpt)++;
		q[0] = 0;
	}
	memcpy(cvt_buf, q, strlen(q) + 1);
	return cvt_buf;
}

/* _fcvt: the digits of v with ndigits after the point (%f's), leading
 * zeros left out, *decpt where the point goes, *sign 1 for a '-'.
 * ndigits below 1 cuts as many digits off the end of the integer part.
 * The corners are Wine's msvcrt's: a positive v below 1 whose first
 * significant digit lies beyond ndigits places gives no digits and the
 * decpt of its whole-number logarithm; zero gives ndigits zeros and
 * decpt 0. */
char *WINAPI w32__fcvt(double v, int ndigits, int *decpt, int *sign)
{
	char text[CVT_SIZE + 16], *p, *out = cvt_buf, *first = 0;
	char dp = *rt_crt_locinfo(0)->lconv->decimal_point;
	int prec = ndigits < 0 ? 0 : ndigits, len, cut, dec = 0, small = 0;

	if (prec > CVT_SIZE - 20)
		prec = CVT_SIZE - 20;
	len = print_float(text, sizeof(text), 'f', prec, v);
	if (len < 0)
		len = (int)strlen(text);
	*sign = text[0] == '-';
	p = text + *sign;
	if (v > 0 && v < 1) {
		small = (int)log10(v + 1e-10);
		if (-small <= ndigits)
			small = 0;
	}
	cut = ndigits < 1 ? len + ndigits : len;
	while (*p == '0')
		p++;
	for (; *p && *p != dp; p++, dec++) {
		if (!first)
			first = out;
		if (p - text < cut && out < cvt_buf + CVT_SIZE - 1)
			*out++ = *p;
	}
	if (ndigits > 0 && *p) {
		p++;
		for (; !first && *p == '0'; p++, dec--)
			if (out < cvt_buf + CVT_SIZE - 1)
				*out++ = '0';
		for (; *p && out < cvt_buf + CVT_SIZE - 1; p++) {
			if (!first)
				first = out;
			*out++ = *p;
		}
	}
	*out = 0;
	if (!first) {
		first = v > 0 ? out : cvt_buf;
		if (v <= 0)
			dec = 0;
	}
	*decpt = small ? small : dec;
	return first;
}

/* _gcvt: printf's %.*g of v into buf; NULL with EINVAL without buf,
 * ERANGE for a negative ndigits. */
char *WINAPI w32__gcvt(double v, int ndigits, char *buf)
{
	if (!buf) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	if (ndigits < 0) {
		*rt_errno_ptr() = W_ERANGE;
		return 0;
	}
	w32_sprintf(buf, "%.*g", ndigits, v);
	return buf;
}
