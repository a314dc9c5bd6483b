/*
 * strtype.c — kernel32: the types of characters, GetStringTypeW/ExW/A/ExA
 * (CT_CTYPE1: upper, lower, digit, space...; CT_CTYPE2: the direction of
 * text; CT_CTYPE3: diacritics, symbols, the kinds of Asian scripts).  The
 * types of every UTF-16 unit are measured from Wine (ctype_data.h, by
 * runtime/nls/regen.sh); they do not depend on the locale, save that the
 * A forms read the bytes in the locale's ANSI code page.  msvcrt's wide
 * classes (iswctype) are CT_CTYPE1's.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/kernel32/k32int.h"

/* From first to the next run's first unit, the type is type. */
struct ctype_run {
	WCHAR first;
	WORD type;
};

#include "runtime/kernel32/ctype_data.h"

#define NRUNS(t) (sizeof(t) / sizeof(t[0]))

static WORD type_of(const struct ctype_run *t, size_t n, WCHAR c)
{
	size_t lo = 0, hi = n;

	/* The last run whose first unit is c or before. */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (t[mid].first <= c)
			lo = mid;
		else
			hi = mid;
	}
	return t[lo].type;
}

/* GetStringTypeW: the type (CT_CTYPE1, CT_CTYPE2 or CT_CTYPE3, one of
 * them) of each of the n units of s (-1: up to and with its NUL) into
 * out; FALSE with ERROR_INVALID_PARAMETER for another type or no
 * string. */
BOOL WINAPI w32_GetStringTypeW(DWORD type, LPCWSTR s, INT n, WORD *out)
{
	const struct ctype_run *t;
	size_t nt;

	if (!s) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (n == -1)
		n = (INT)rt_wcslen(s) + 1;
	switch (type) {
	case CT_CTYPE1:
		t = ctype1_runs, nt = NRUNS(ctype1_runs);
		break;
	case CT_CTYPE2:
		t = ctype2_runs, nt = NRUNS(ctype2_runs);
		break;
	case CT_CTYPE3:
		t = ctype3_runs, nt = NRUNS(ctype3_runs);
		break;
	default:
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	for (INT i = 0; i < n; i++)
		out[i] = type_of(t, nt, s[i]);
	return TRUE;
}

/* GetStringTypeExW: GetStringTypeW; the locale changes nothing. */
BOOL WINAPI w32_GetStringTypeExW(LCID lcid, DWORD type, LPCWSTR s, INT n,
				 WORD *out)
{
	(void)lcid;
	return w32_GetStringTypeW(type, s, n, out);
}

/* The A forms under fn's name: the n bytes of s (-1: with the NUL) read in
 * lcid's ANSI code page, one type each (the table's pages are all single
 * byte).  A locale outside the table is refused. */
static BOOL string_type_a(const char *fn, LCID lcid, DWORD type, LPCSTR s,
			  INT n, WORD *out)
{
	const struct nls_locale *l;
	WCHAR *w;
	INT k;
	BOOL ok;

	if (!s) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	l = rt_k32_locale(fn, lcid);
	if (!l)
		return FALSE;
	if (n == -1)
		n = (INT)strlen(s) + 1;
	if (n == 0)
		return w32_GetStringTypeW(type, (LPCWSTR) "", 0, out);
	w = malloc((size_t)n * sizeof(WCHAR));
	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	k = w32_MultiByteToWideChar(l->acp, 0, s, n, w, n);
	ok = k == n && w32_GetStringTypeW(type, w, k, out);
	free(w);
	return ok;
}

/* GetStringTypeA: the types of the bytes of s in locale lcid's code page
 * (see string_type_a). */
BOOL WINAPI w32_GetStringTypeA(LCID lcid, DWORD type, LPCSTR s, INT n,
			       WORD *out)
{
	return string_type_a("GetStringTypeA", lcid, type, s, n, out);
}

/* GetStringTypeExA: the same. */
BOOL WINAPI w32_GetStringTypeExA(LCID lcid, DWORD type, LPCSTR s, INT n,
				 WORD *out)
{
	return string_type_a("GetStringTypeExA", lcid, type, s, n, out);
}
