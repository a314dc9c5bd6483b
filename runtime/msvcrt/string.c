/*
 * msvcrt_str.c — msvcrt's string, memory, character-class and number
 * conversion functions, and its malloc.
 *
 * Most are glibc's, called through the Microsoft convention.  Where
 * Windows differs it is spelled out: long is 32 bits (strtol clamps to
 * ±2^31), wchar_t is 16 bits (the wcs* functions are written here), the
 * character classes are msvcrt's "C" locale table with its bit values,
 * and qsort calls an ms_abi comparator.
 */
#include <ctype.h>
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "runtime/msvcrt/msvcrt.h"

/* A Windows-callable wrapper around the glibc function of the same
 * name. */
#define WRAP(ret, name, params, args)                                          \
	ret WINAPI w32_##name params                                           \
	{                                                                      \
		return name args;                                              \
	}

WRAP(size_t, strlen, (const char *s), (s))
WRAP(size_t, strnlen, (const char *s, size_t n), (s, n))
WRAP(char *, strcpy, (char *d, const char *s), (d, s))
WRAP(char *, strncpy, (char *d, const char *s, size_t n), (d, s, n))
WRAP(char *, strcat, (char *d, const char *s), (d, s))
WRAP(char *, strncat, (char *d, const char *s, size_t n), (d, s, n))
WRAP(int, strcmp, (const char *a, const char *b), (a, b))
WRAP(int, strncmp, (const char *a, const char *b, size_t n), (a, b, n))
WRAP(char *, strchr, (const char *s, int c), ((char *)s, c))
WRAP(char *, strrchr, (const char *s, int c), ((char *)s, c))
WRAP(char *, strstr, (const char *a, const char *b), ((char *)a, b))
WRAP(size_t, strspn, (const char *a, const char *b), (a, b))
WRAP(size_t, strcspn, (const char *a, const char *b), (a, b))
WRAP(char *, strpbrk, (const char *a, const char *b), ((char *)a, b))
WRAP(int, strcoll, (const char *a, const char *b), (a, b))
WRAP(size_t, strxfrm, (char *d, const char *s, size_t n), (d, s, n))
WRAP(void *, memcpy, (void *d, const void *s, size_t n), (d, s, n))
WRAP(void *, memmove, (void *d, const void *s, size_t n), (d, s, n))
WRAP(void *, memset, (void *d, int c, size_t n), (d, c, n))
WRAP(int, memcmp, (const void *a, const void *b, size_t n), (a, b, n))
WRAP(void *, memchr, (const void *s, int c, size_t n), ((void *)s, c, n))
WRAP(void *, malloc, (size_t n), (n))
WRAP(void *, calloc, (size_t n, size_t m), (n, m))
WRAP(void *, realloc, (void *p, size_t n), (p, n))
WRAP(int, atoi, (const char *s), (s))
WRAP(int, abs, (int v), (v))

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

void WINAPI w32_free(void *p)
{
	free(p);
}

size_t WINAPI w32__msize(void *p)
{
	return malloc_usable_size(p);
}

char *WINAPI w32__strdup(const char *s)
{
	return s ? strdup(s) : 0;
}

int WINAPI w32__stricmp(const char *a, const char *b)
{
	return strcasecmp(a, b);
}

int WINAPI w32__strnicmp(const char *a, const char *b, size_t n)
{
	return strncasecmp(a, b, n);
}

int64_t WINAPI w32__atoi64(const char *s)
{
	return strtoll(s, 0, 10);
}

int WINAPI w32__memicmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (size_t i = 0; i < n; i++) {
		int d = tolower(x[i]) - tolower(y[i]);

		if (d)
			return d;
	}
	return 0;
}

char *WINAPI w32__strlwr(char *s)
{
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

char *WINAPI w32__strupr(char *s)
{
	for (char *p = s; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return s;
}

char *WINAPI w32__strrev(char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n / 2; i++) {
		char t = s[i];

		s[i] = s[n - 1 - i];
		s[n - 1 - i] = t;
	}
	return s;
}

/* msvcrt keeps strtok's position per thread. */
static __thread char *tok_save;

char *WINAPI w32_strtok(char *s, const char *delim)
{
	return strtok_r(s, delim, &tok_save);
}

/* ---- numbers: long is 32 bits -------------------------------------- */

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

LONG WINAPI w32_atol(const char *s)
{
	return (LONG)strtoll(s, 0, 10);
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


static int qsort_tramp(const void *a, const void *b, void *fn)
{
	return (*(cmp_fn *)fn)(a, b);
}

void WINAPI w32_qsort(void *base, size_t n, size_t size, cmp_fn cmp)
{
	qsort_r(base, n, size, qsort_tramp, &cmp);
}

/* The search msvcrt (and Wine) do: with equal keys, which one is found
 * depends on the probe order, so it is reproduced exactly. */
void *WINAPI w32_bsearch(const void *key, const void *base, size_t n,
			 size_t size, cmp_fn cmp)
{
	ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1;

	while (lo <= hi) {
		ptrdiff_t mid = lo + (hi - lo) / 2;
		const char *p = (const char *)base + (size_t)mid * size;
		int r = cmp(key, p);

		if (r == 0)
			return (void *)p;
		if (r < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return 0;
}

/* ---- character classes (msvcrt's "C" locale table) ----------------- */

#define C_UPPER	  0x1
#define C_LOWER	  0x2
#define C_DIGIT	  0x4
#define C_SPACE	  0x8
#define C_PUNCT	  0x10
#define C_CONTROL 0x20
#define C_BLANK	  0x40
#define C_HEX	  0x80
#define C_ALPHA	  0x100

static unsigned short ctype_table[257]; /* [0] is EOF */
unsigned short *w32__pctype = ctype_table + 1;
int w32___mb_cur_max = 1;

__attribute__((constructor)) static void build_ctype(void)
{
	for (int c = 0; c < 128; c++) {
		unsigned short m = 0;

		if (c >= 'A' && c <= 'Z')
			m |= C_UPPER | C_ALPHA;
		if (c >= 'a' && c <= 'z')
			m |= C_LOWER | C_ALPHA;
		if (c >= '0' && c <= '9')
			m |= C_DIGIT;
		if (c == ' ' || (c >= 9 && c <= 13))
			m |= C_SPACE;
		if (c < 32 || c == 127)
			m |= C_CONTROL;
		if (c == ' ')
			m |= C_BLANK;
		if (c > 32 && c < 127 && !(m & (C_ALPHA | C_DIGIT)))
			m |= C_PUNCT;
		if (isxdigit(c))
			m |= C_HEX;
		ctype_table[c + 1] = m;
	}
}

/* The classes of LC_CTYPE's locale: _pctype is switched by setlocale. */
static int cls(int c, int mask)
{
	if (c < -1 || c > 255)
		return 0;
	return w32__pctype[c] & mask;
}

int WINAPI w32__isctype(int c, int mask)
{
	return cls(c, mask);
}

#define CTYPE(name, mask)                                                      \
	int WINAPI w32_##name(int c)                                           \
	{                                                                      \
		return cls(c, mask);                                           \
	}
CTYPE(isalpha, C_ALPHA | C_UPPER | C_LOWER)
CTYPE(isupper, C_UPPER)
CTYPE(islower, C_LOWER)
CTYPE(isdigit, C_DIGIT)
CTYPE(isxdigit, C_HEX)
CTYPE(isspace, C_SPACE)
CTYPE(ispunct, C_PUNCT)
CTYPE(isalnum, C_ALPHA | C_UPPER | C_LOWER | C_DIGIT)
CTYPE(isprint, C_ALPHA | C_UPPER | C_LOWER | C_DIGIT | C_PUNCT | C_BLANK)
CTYPE(isgraph, C_ALPHA | C_UPPER | C_LOWER | C_DIGIT | C_PUNCT)
CTYPE(iscntrl, C_CONTROL)

int WINAPI w32_toupper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : rt_crt_case_hi(c, 1);
}

int WINAPI w32_tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : rt_crt_case_hi(c, 0);
}

unsigned short *WINAPI w32___pctype_func(void)
{
	return w32__pctype;
}

unsigned short **WINAPI w32___p__pctype(void)
{
	return &w32__pctype;
}

int WINAPI w32___isascii(int c)
{
	return (unsigned)c < 0x80;
}

/* Wide classes: ASCII by the table, the rest by glibc's Unicode data. */
int WINAPI w32_iswalpha(unsigned short c)
{
	return c < 128	      ? cls(c, C_ALPHA | C_UPPER | C_LOWER)
		: iswalpha(c) ? (int)C_ALPHA
			      : 0;
}

int WINAPI w32_iswdigit(unsigned short c)
{
	return c < 128 ? cls(c, C_DIGIT) : 0;
}

int WINAPI w32_iswspace(unsigned short c)
{
	return c < 128 ? cls(c, C_SPACE) : iswspace(c) ? (int)C_SPACE : 0;
}

unsigned short WINAPI w32_towupper(unsigned short c)
{
	return (unsigned short)(c < 128 ? (wint_t)w32_toupper(c) : towupper(c));
}

unsigned short WINAPI w32_towlower(unsigned short c)
{
	return (unsigned short)(c < 128 ? (wint_t)w32_tolower(c) : towlower(c));
}

/* ---- 16-bit wide strings ------------------------------------------- */

size_t WINAPI w32_wcslen(const WCHAR *s)
{
	return rt_wcslen(s);
}

size_t WINAPI w32_wcsnlen(const WCHAR *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i])
		i++;
	return i;
}

WCHAR *WINAPI w32_wcscpy(WCHAR *d, const WCHAR *s)
{
	size_t i = 0;

	while ((d[i] = s[i]))
		i++;
	return d;
}

WCHAR *WINAPI w32_wcsncpy(WCHAR *d, const WCHAR *s, size_t n)
{
	size_t i = 0;

	for (; i < n && s[i]; i++)
		d[i] = s[i];
	for (; i < n; i++)
		d[i] = 0;
	return d;
}

WCHAR *WINAPI w32_wcscat(WCHAR *d, const WCHAR *s)
{
	w32_wcscpy(d + rt_wcslen(d), s);
	return d;
}

int WINAPI w32_wcscmp(const WCHAR *a, const WCHAR *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (*a > *b) - (*a < *b);
}

int WINAPI w32_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (a[i] != b[i])
			return (a[i] > b[i]) - (a[i] < b[i]);
		if (!a[i])
			break;
	}
	return 0;
}

int WINAPI w32__wcsicmp(const WCHAR *a, const WCHAR *b)
{
	for (;; a++, b++) {
		WCHAR x = w32_towlower(*a), y = w32_towlower(*b);

		if (x != y || !x)
			return (x > y) - (x < y);
	}
}

WCHAR *WINAPI w32_wcschr(const WCHAR *s, WCHAR c)
{
	for (;; s++) {
		if (*s == c)
			return (WCHAR *)s;
		if (!*s)
			return 0;
	}
}

WCHAR *WINAPI w32_wcsrchr(const WCHAR *s, WCHAR c)
{
	const WCHAR *r = 0;

	for (;; s++) {
		if (*s == c)
			r = s;
		if (!*s)
			return (WCHAR *)r;
	}
}

WCHAR *WINAPI w32_wcsstr(const WCHAR *h, const WCHAR *n)
{
	size_t ln = rt_wcslen(n);

	for (; *h; h++)
		if (!memcmp(h, n, ln * sizeof(WCHAR)))
			return (WCHAR *)h;
	return ln ? 0 : (WCHAR *)h;
}

WCHAR *WINAPI w32__wcsdup(const WCHAR *s)
{
	size_t n = (rt_wcslen(s) + 1) * sizeof(WCHAR);
	WCHAR *d = malloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

/* wcstombs/mbstowcs in msvcrt's "C" locale: code points below 256. */
size_t WINAPI w32_wcstombs(char *d, const WCHAR *s, size_t n)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		if (s[i] > 255) {
			*rt_errno_ptr() = W_EILSEQ;
			return (size_t)-1;
		}
		if (d) {
			if (i >= n)
				return i;
			d[i] = (char)s[i];
		}
	}
	if (d && i < n)
		d[i] = 0;
	return i;
}

size_t WINAPI w32_mbstowcs(WCHAR *d, const char *s, size_t n)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		if (d) {
			if (i >= n)
				return i;
			d[i] = (unsigned char)s[i];
		}
	}
	if (d && i < n)
		d[i] = 0;
	return i;
}

/* The "C" locale's one-to-one conversions (see wcstombs). */
int WINAPI w32_wctomb(char *out, WCHAR c)
{
	if (!out)
		return 0;
	if (c > 0xff) {
		*rt_errno_ptr() = W_EILSEQ;
		return -1;
	}
	*out = (char)c;
	return 1;
}

int WINAPI w32_mbtowc(WCHAR *out, const char *s, size_t n)
{
	if (!s || !n)
		return 0;
	if (out)
		*out = (unsigned char)*s;
	return *s ? 1 : 0;
}

int WINAPI w32_mblen(const char *s, size_t n)
{
	return !s || !n ? 0 : *s ? 1 : 0;
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

