/*
 * wide.c — msvcrt's wide strings (wchar_t is 16 bits on Windows, so the
 * wcs* functions are written here, not glibc's) and the conversions
 * between bytes and wide characters (mbstowcs, wcstombs, mbtowc, wctomb,
 * mblen and their _l twins) in LC_CTYPE's code page: in the "C" locale a
 * byte is the code point below 256 of the same value; in another locale,
 * its single-byte code page (through kernel32, as msvcrt converts).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/core/codepage.h"
#include "runtime/msvcrt/msvcrt.h"

#define WC_NO_BEST_FIT_CHARS 0x400

WCHAR rt_crt_byte_to_wide(UINT cp, unsigned char b)
{
	WCHAR w = b;

	if (cp && w32_MultiByteToWideChar(cp, 0, (const char *)&b, 1, &w, 1) != 1)
		return b;
	return w;
}

int rt_crt_wide_to_byte(UINT cp, WCHAR w)
{
	BOOL used = FALSE;
	char b;

	if (!cp)
		return w <= 0xff ? w : -1;
	if (w32_WideCharToMultiByte(cp, WC_NO_BEST_FIT_CHARS, &w, 1, &b, 1, 0,
				    &used) != 1 ||
	    used)
		return -1;
	return (unsigned char)b;
}

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

/* wcsncmp answers the difference of the first units that differ (wcscmp
 * only their order), as msvcrt does. */
int WINAPI w32_wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	if (!n)
		return 0;
	while (--n && *a && *a == *b)
		a++, b++;
	return *a - *b;
}

/* The case-insensitive comparisons fold through _towlower_l (ASCII in
 * "C") and return the difference of the folded units, as msvcrt does. */
int WINAPI w32__wcsnicmp_l(const WCHAR *a, const WCHAR *b, size_t n,
			   w32_locale_t l)
{
	int x, y;

	if (!a || !b) {
		*rt_errno_ptr() = W_EINVAL;
		return INT_MAX; /* _NLSCMPERROR */
	}
	if (!n)
		return 0;
	do {
		x = w32__towlower_l(*a++, l);
		y = w32__towlower_l(*b++, l);
	} while (--n && x && x == y);
	return x - y;
}

int WINAPI w32__wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
	return w32__wcsnicmp_l(a, b, n, 0);
}

int WINAPI w32__wcsicmp_l(const WCHAR *a, const WCHAR *b, w32_locale_t l)
{
	return w32__wcsnicmp_l(a, b, (size_t)-1, l);
}

int WINAPI w32__wcsicmp(const WCHAR *a, const WCHAR *b)
{
	return w32__wcsnicmp_l(a, b, (size_t)-1, 0);
}

WCHAR *WINAPI w32__wcslwr_l(WCHAR *s, w32_locale_t l)
{
	for (WCHAR *p = s; *p; p++)
		*p = w32__towlower_l(*p, l);
	return s;
}

WCHAR *WINAPI w32__wcslwr(WCHAR *s)
{
	return w32__wcslwr_l(s, 0);
}

WCHAR *WINAPI w32__wcsupr_l(WCHAR *s, w32_locale_t l)
{
	for (WCHAR *p = s; *p; p++)
		*p = w32__towupper_l(*p, l);
	return s;
}

WCHAR *WINAPI w32__wcsupr(WCHAR *s)
{
	return w32__wcsupr_l(s, 0);
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

/* wcstombs: stops at the first unit LC_CTYPE's code page has no byte
 * for (-1, EILSEQ), or when n bytes are written (no NUL then). */
size_t WINAPI w32__wcstombs_l(char *d, const WCHAR *s, size_t n,
			      w32_locale_t l)
{
	UINT cp = rt_crt_locinfo(l)->lc_codepage;
	size_t i;

	for (i = 0; s[i]; i++) {
		int b = rt_crt_wide_to_byte(cp, s[i]);

		if (b < 0) {
			*rt_errno_ptr() = W_EILSEQ;
			return (size_t)-1;
		}
		if (d) {
			if (i >= n)
				return i;
			d[i] = (char)b;
		}
	}
	if (d && i < n)
		d[i] = 0;
	return i;
}

size_t WINAPI w32_wcstombs(char *d, const WCHAR *s, size_t n)
{
	return w32__wcstombs_l(d, s, n, 0);
}

/* mbstowcs: fails (-1, EILSEQ, d emptied) when a byte it converts (all
 * of them without d, the first n with) is one the code page leaves
 * undefined, as msvcrt converts with MB_ERR_INVALID_CHARS. */
size_t WINAPI w32__mbstowcs_l(WCHAR *d, const char *s, size_t n,
			      w32_locale_t l)
{
	UINT cp = rt_crt_locinfo(l)->lc_codepage;
	const struct rt_codepage *p = cp ? rt_codepage(cp) : 0;
	size_t i;

	for (i = 0; p && p->invalid && s[i] && (!d || i < n); i++)
		if (rt_cp_invalid(p, (unsigned char)s[i])) {
			if (d && n)
				d[0] = 0;
			*rt_errno_ptr() = W_EILSEQ;
			return (size_t)-1;
		}
	for (i = 0; s[i]; i++) {
		if (d) {
			if (i >= n)
				return i;
			d[i] = rt_crt_byte_to_wide(cp, (unsigned char)s[i]);
		}
	}
	if (d && i < n)
		d[i] = 0;
	return i;
}

size_t WINAPI w32_mbstowcs(WCHAR *d, const char *s, size_t n)
{
	return w32__mbstowcs_l(d, s, n, 0);
}

/* One character: a single-byte code page has one byte for each. */
int WINAPI w32__wctomb_l(char *out, WCHAR c, w32_locale_t l)
{
	int b;

	if (!out)
		return 0;
	b = rt_crt_wide_to_byte(rt_crt_locinfo(l)->lc_codepage, c);
	if (b < 0) {
		*rt_errno_ptr() = W_EILSEQ;
		return -1;
	}
	*out = (char)b;
	return 1;
}

int WINAPI w32_wctomb(char *out, WCHAR c)
{
	return w32__wctomb_l(out, c, 0);
}

int WINAPI w32__mbtowc_l(WCHAR *out, const char *s, size_t n,
			 w32_locale_t l)
{
	if (!s || !n)
		return 0;
	if (out)
		*out = rt_crt_byte_to_wide(rt_crt_locinfo(l)->lc_codepage,
					   (unsigned char)*s);
	return *s ? 1 : 0;
}

int WINAPI w32_mbtowc(WCHAR *out, const char *s, size_t n)
{
	return w32__mbtowc_l(out, s, n, 0);
}

int WINAPI w32_mblen(const char *s, size_t n)
{
	return !s || !n ? 0 : *s ? 1 : 0;
}
