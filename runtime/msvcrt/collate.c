/*
 * collate.c — msvcrt's locale order of strings: strcoll, _stricoll,
 * _strncoll, _strnicoll, their wide twins (wcscoll, ...) and _l forms,
 * strxfrm and wcsxfrm.
 *
 * In the "C" locale they are strcmp, _stricmp, strncmp, ... and strxfrm
 * copies.  In another LC_COLLATE, msvcrt asks kernel32 for the locale's
 * order, and so does this: CompareStringA/W with the locale's LCID
 * (NORM_IGNORECASE for the i forms; the n forms compare the first n
 * characters), and LCMapStringA/W's sort key for strxfrm.  The
 * comparisons return -1, 0 or 1.
 *
 * Known limits: kernel32 knows the weights of Windows-1252's characters
 * only, so a wide string with another character cannot be compared in a
 * locale other than "C": the call fails as msvcrt's do, _NLSCMPERROR
 * (INT_MAX) and errno EINVAL (EILSEQ for wcsxfrm, as msvcrt says).
 */
#include <limits.h>
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

#define NORM_IGNORECASE 0x00000001
#define LCMAP_SORTKEY	0x00000400
#define NLSCMPERROR	INT_MAX

static ULONG collate_lcid(w32_locale_t l)
{
	return rt_crt_locinfo(l)->lc_handle[W_LC_COLLATE];
}

/* CompareString's answer as -1, 0 or 1; its failure (a character it has
 * no weight for) as msvcrt reports it. */
static int order(int r, const char *fn)
{
	if (r)
		return r - 2;
	rt_crt_refuse(W_EINVAL, fn, "a character outside Windows-1252's");
	return NLSCMPERROR;
}

static size_t wnlen(const WCHAR *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i])
		i++;
	return i;
}

/* ---- byte strings --------------------------------------------------- */

int WINAPI w32__strcoll_l(const char *a, const char *b, w32_locale_t l)
{
	ULONG lcid = collate_lcid(l);

	if (!lcid)
		return w32_strcmp(a, b);
	return order(w32_CompareStringA(lcid, 0, a, -1, b, -1), "strcoll");
}

int WINAPI w32_strcoll(const char *a, const char *b)
{
	return w32__strcoll_l(a, b, 0);
}

int WINAPI w32__stricoll_l(const char *a, const char *b, w32_locale_t l)
{
	ULONG lcid = collate_lcid(l);

	if (!lcid)
		return w32__stricmp_l(a, b, l);
	return order(w32_CompareStringA(lcid, NORM_IGNORECASE, a, -1, b, -1),
		     "_stricoll");
}

int WINAPI w32__stricoll(const char *a, const char *b)
{
	return w32__stricoll_l(a, b, 0);
}

int WINAPI w32__strncoll_l(const char *a, const char *b, size_t n,
			   w32_locale_t l)
{
	ULONG lcid = collate_lcid(l);

	if (!lcid)
		return w32_strncmp(a, b, n);
	return order(w32_CompareStringA(lcid, 0, a, (INT)strnlen(a, n), b,
					(INT)strnlen(b, n)),
		     "_strncoll");
}

int WINAPI w32__strncoll(const char *a, const char *b, size_t n)
{
	return w32__strncoll_l(a, b, n, 0);
}

int WINAPI w32__strnicoll_l(const char *a, const char *b, size_t n,
			    w32_locale_t l)
{
	ULONG lcid = collate_lcid(l);

	if (!lcid)
		return w32__strnicmp_l(a, b, n, l);
	return order(w32_CompareStringA(lcid, NORM_IGNORECASE, a,
					(INT)strnlen(a, n), b,
					(INT)strnlen(b, n)),
		     "_strnicoll");
}

int WINAPI w32__strnicoll(const char *a, const char *b, size_t n)
{
	return w32__strnicoll_l(a, b, n, 0);
}

/* strxfrm: the sort key (a copy in "C"); its length without the NUL.
 * When it does not fit in n bytes, d is "" and errno ERANGE. */
size_t WINAPI w32__strxfrm_l(char *d, const char *s, size_t n,
			     w32_locale_t l)
{
	ULONG lcid = collate_lcid(l);
	int r;

	if (n > INT_MAX)
		n = INT_MAX;
	if (!lcid) {
		w32_strncpy(d, s, n);
		return strlen(s);
	}
	r = w32_LCMapStringA(lcid, LCMAP_SORTKEY, s, -1, 0, 0);
	if (!r) {
		if (n)
			d[0] = 0;
		*rt_errno_ptr() = W_EILSEQ;
		return INT_MAX;
	}
	if (!n)
		return (size_t)r - 1;
	if ((size_t)r > n) {
		d[0] = 0;
		*rt_errno_ptr() = W_ERANGE;
		return (size_t)r - 1;
	}
	return (size_t)w32_LCMapStringA(lcid, LCMAP_SORTKEY, s, -1, d,
					(INT)n) -
	       1;
}

size_t WINAPI w32_strxfrm(char *d, const char *s, size_t n)
{
	return w32__strxfrm_l(d, s, n, 0);
}

/* ---- wide strings --------------------------------------------------- */

/* The wide comparisons, each refusal said under fn's name. */
static int wcoll(const char *fn, const WCHAR *a, const WCHAR *b,
		 w32_locale_t l)
{
	ULONG lcid = collate_lcid(l);

	if (!lcid)
		return w32_wcscmp(a, b);
	return order(w32_CompareStringW(lcid, 0, a, -1, b, -1), fn);
}

static int wicoll(const char *fn, const WCHAR *a, const WCHAR *b,
		  w32_locale_t l)
{
	ULONG lcid = collate_lcid(l);

	if (!lcid)
		return w32__wcsicmp_l(a, b, l);
	return order(w32_CompareStringW(lcid, NORM_IGNORECASE, a, -1, b, -1),
		     fn);
}

static int wncoll(const char *fn, const WCHAR *a, const WCHAR *b, size_t n,
		  w32_locale_t l)
{
	ULONG lcid = collate_lcid(l);

	if (!lcid)
		return w32_wcsncmp(a, b, n);
	return order(w32_CompareStringW(lcid, 0, a, (INT)wnlen(a, n), b,
					(INT)wnlen(b, n)),
		     fn);
}

static int wnicoll(const char *fn, const WCHAR *a, const WCHAR *b, size_t n,
		   w32_locale_t l)
{
	ULONG lcid = collate_lcid(l);

	if (!lcid)
		return w32__wcsnicmp_l(a, b, n, l);
	return order(w32_CompareStringW(lcid, NORM_IGNORECASE, a,
					(INT)wnlen(a, n), b, (INT)wnlen(b, n)),
		     fn);
}

int WINAPI w32_wcscoll(const WCHAR *a, const WCHAR *b)
{
	return wcoll("wcscoll", a, b, 0);
}

int WINAPI w32__wcscoll_l(const WCHAR *a, const WCHAR *b, w32_locale_t l)
{
	return wcoll("_wcscoll_l", a, b, l);
}

int WINAPI w32__wcsicoll(const WCHAR *a, const WCHAR *b)
{
	return wicoll("_wcsicoll", a, b, 0);
}

int WINAPI w32__wcsicoll_l(const WCHAR *a, const WCHAR *b, w32_locale_t l)
{
	return wicoll("_wcsicoll_l", a, b, l);
}

int WINAPI w32__wcsncoll(const WCHAR *a, const WCHAR *b, size_t n)
{
	return wncoll("_wcsncoll", a, b, n, 0);
}

int WINAPI w32__wcsncoll_l(const WCHAR *a, const WCHAR *b, size_t n,
			   w32_locale_t l)
{
	return wncoll("_wcsncoll_l", a, b, n, l);
}

int WINAPI w32__wcsnicoll(const WCHAR *a, const WCHAR *b, size_t n)
{
	return wnicoll("_wcsnicoll", a, b, n, 0);
}

int WINAPI w32__wcsnicoll_l(const WCHAR *a, const WCHAR *b, size_t n,
			    w32_locale_t l)
{
	return wnicoll("_wcsnicoll_l", a, b, n, l);
}

/* wcsxfrm: the sort key's bytes, one a unit (as msvcrt widens them). */
static size_t wxfrm(const char *fn, WCHAR *d, const WCHAR *s, size_t n,
		    w32_locale_t l)
{
	ULONG lcid = collate_lcid(l);
	int r;

	if (n > INT_MAX)
		n = INT_MAX;
	if (!lcid) {
		w32_wcsncpy(d, s, n);
		return rt_wcslen(s);
	}
	r = w32_LCMapStringW(lcid, LCMAP_SORTKEY, s, -1, 0, 0);
	if (!r) {
		if (n)
			d[0] = 0;
		rt_crt_refuse(W_EILSEQ, fn,
			      "a character outside Windows-1252's");
		return INT_MAX;
	}
	if (!n)
		return (size_t)r - 1;
	if ((size_t)r > n) {
		d[0] = 0;
		*rt_errno_ptr() = W_ERANGE;
		return (size_t)r - 1;
	}
	r = w32_LCMapStringW(lcid, LCMAP_SORTKEY, s, -1, d, (INT)n) - 1;
	for (int i = r; i >= 0; i--)
		d[i] = ((unsigned char *)d)[i];
	return (size_t)r;
}

size_t WINAPI w32_wcsxfrm(WCHAR *d, const WCHAR *s, size_t n)
{
	return wxfrm("wcsxfrm", d, s, n, 0);
}

size_t WINAPI w32__wcsxfrm_l(WCHAR *d, const WCHAR *s, size_t n,
			     w32_locale_t l)
{
	return wxfrm("_wcsxfrm_l", d, s, n, l);
}
