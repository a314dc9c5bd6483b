/*
 * string.c — kernel32: what Windows keeps in kernel32 from its 16-bit
 * days for strings and numbers: the lstr* functions, the C library's
 * with Windows' conventions (lstrlen of NULL is 0; lstrcmp compares as
 * CompareString does in the user's locale, -1, 0 or 1; lstrcpyn always
 * ends its copy), and MulDiv.
 */
#include <string.h>

#include "runtime/kernel32/k32int.h"

INT WINAPI w32_lstrlenA(LPCSTR s)
{
	return s ? (INT)strlen(s) : 0;
}

INT WINAPI w32_lstrlenW(LPCWSTR s)
{
	return s ? (INT)rt_wcslen(s) : 0;
}

/* lstrcmp's order: CompareString's in the user's locale (linguistic:
 * "a" < "B"), case as the tie breaker unless flags ignore it; NULL sorts
 * first.  A comparison CompareString refuses is -2, which is what
 * Windows' lstrcmp returns when CompareString fails. */
static INT lstr_order(INT r)
{
	return r ? r - 2 : -2;
}

INT WINAPI w32_lstrcmpA(LPCSTR a, LPCSTR b)
{
	if (!a || !b)
		return (a != 0) - (b != 0);
	return lstr_order(rt_k32_compare_a("lstrcmpA", LOCALE_USER_DEFAULT, 0,
					   a, -1, b, -1));
}

INT WINAPI w32_lstrcmpW(LPCWSTR a, LPCWSTR b)
{
	if (!a || !b)
		return (a != 0) - (b != 0);
	return lstr_order(rt_k32_compare_w("lstrcmpW", LOCALE_USER_DEFAULT, 0,
					   a, -1, b, -1));
}

INT WINAPI w32_lstrcmpiA(LPCSTR a, LPCSTR b)
{
	if (!a || !b)
		return (a != 0) - (b != 0);
	return lstr_order(rt_k32_compare_a("lstrcmpiA", LOCALE_USER_DEFAULT,
					   NORM_IGNORECASE, a, -1, b, -1));
}

INT WINAPI w32_lstrcmpiW(LPCWSTR a, LPCWSTR b)
{
	if (!a || !b)
		return (a != 0) - (b != 0);
	return lstr_order(rt_k32_compare_w("lstrcmpiW", LOCALE_USER_DEFAULT,
					   NORM_IGNORECASE, a, -1, b, -1));
}

LPSTR WINAPI w32_lstrcpyA(LPSTR d, LPCSTR s)
{
	return strcpy(d, s);
}

LPWSTR WINAPI w32_lstrcpyW(LPWSTR d, LPCWSTR s)
{
	return memcpy(d, s, (rt_wcslen(s) + 1) * sizeof(WCHAR));
}

LPSTR WINAPI w32_lstrcatA(LPSTR d, LPCSTR s)
{
	return strcat(d, s);
}

LPWSTR WINAPI w32_lstrcatW(LPWSTR d, LPCWSTR s)
{
	w32_lstrcpyW(d + rt_wcslen(d), s);
	return d;
}

/* lstrcpyn: at most n - 1 characters of s, then a NUL (n 0 copies
 * nothing); d. */
LPSTR WINAPI w32_lstrcpynA(LPSTR d, LPCSTR s, INT n)
{
	INT i = 0;

	if (n <= 0)
		return d;
	for (; i < n - 1 && s[i]; i++)
		d[i] = s[i];
	d[i] = 0;
	return d;
}

LPWSTR WINAPI w32_lstrcpynW(LPWSTR d, LPCWSTR s, INT n)
{
	INT i = 0;

	if (n <= 0)
		return d;
	for (; i < n - 1 && s[i]; i++)
		d[i] = s[i];
	d[i] = 0;
	return d;
}

/* MulDiv: a * b / c in 64 bits, rounded half away from zero; -1 when c
 * is 0 or the result does not fit an INT. */
INT WINAPI w32_MulDiv(INT a, INT b, INT c)
{
	int64_t p = (int64_t)a * b, q;

	if (!c)
		return -1;
	if (c < 0) {
		p = -p;
		c = -c;
	}
	q = (p >= 0 ? p + c / 2 : p - c / 2) / c;
	if (q > INT32_MAX || q < INT32_MIN)
		return -1;
	return (INT)q;
}
