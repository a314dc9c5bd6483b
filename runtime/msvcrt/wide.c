/*
 * wide.c — msvcrt's wide strings (wchar_t is 16 bits on Windows, so the
 * wcs* functions are written here, not glibc's) and the conversions
 * between bytes and wide characters (mbstowcs, wcstombs, mbtowc, wctomb,
 * mblen) in msvcrt's "C" locale, where a byte is the code point below
 * 256 of the same value.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

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

int WINAPI w32_wcscoll(const WCHAR *a, const WCHAR *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (*a > *b) - (*a < *b);
}

/* The "C" locale's collation is the code-unit order: the key is the
 * string itself. */
size_t WINAPI w32_wcsxfrm(WCHAR *d, const WCHAR *s, size_t n)
{
	size_t len = rt_wcslen(s);

	if (d && len < n)
		memcpy(d, s, (len + 1) * sizeof(WCHAR));
	return len;
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
