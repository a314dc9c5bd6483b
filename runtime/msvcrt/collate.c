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
 * only, and only in the nine Western locales it was first given (English,
 * German, French, Portuguese, Spanish, Italian, Dutch), so a wide string
 * with another character cannot be compared in a locale other than "C",
 * nor any string in the locales added later (Russian, Polish, Czech,
 * Greek, Turkish, Swedish, Danish, Norwegian, Finnish): the call fails as
 * msvcrt's do, _NLSCMPERROR (INT_MAX) and errno EINVAL (EILSEQ for
 * wcsxfrm, as msvcrt says).
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
	rt_crt_refuse(W_EINVAL, fn,
		      "a locale kernel32 has no sort weights for, or a "
		      "character outside Windows-1252's");
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

/* The comparisons, each refusal said under fn's name: n characters at
 * most when n >= 0, NORM_IGNORECASE with icase. */
static int coll(const char *fn, const char *a, const char *b, long long n,
		int icase, w32_locale_t l)
{
	ULONG lcid = collate_lcid(l);
	size_t m = n < 0 ? (size_t)-1 : (size_t)n;

	if (!lcid) {
		if (icase)
			return n < 0 ? w32__stricmp_l(a, b, l)
				     : w32__strnicmp_l(a, b, m, l);
		return n < 0 ? w32_strcmp(a, b) : w32_strncmp(a, b, m);
	}
	return order(w32_CompareStringA(lcid, icase ? NORM_IGNORECASE : 0, a,
					n < 0 ? -1 : (INT)strnlen(a, m), b,
					n < 0 ? -1 : (INT)strnlen(b, m)),
		     fn);
}

int WINAPI w32__strcoll_l(const char *a, const char *b, w32_locale_t l)
{
	return coll("_strcoll_l", a, b, -1, 0, l);
}

int WINAPI w32_strcoll(const char *a, const char *b)
{
	return coll("strcoll", a, b, -1, 0, 0);
}

int WINAPI w32__stricoll_l(const char *a, const char *b, w32_locale_t l)
{
	return coll("_stricoll_l", a, b, -1, 1, l);
}

int WINAPI w32__stricoll(const char *a, const char *b)
{
	return coll("_stricoll", a, b, -1, 1, 0);
}

int WINAPI w32__strncoll_l(const char *a, const char *b, size_t n,
			   w32_locale_t l)
{
	return coll("_strncoll_l", a, b, (long long)(n > INT_MAX ? INT_MAX : n),
		    0, l);
}

int WINAPI w32__strncoll(const char *a, const char *b, size_t n)
{
	return coll("_strncoll", a, b, (long long)(n > INT_MAX ? INT_MAX : n),
		    0, 0);
}

int WINAPI w32__strnicoll_l(const char *a, const char *b, size_t n,
			    w32_locale_t l)
{
	return coll("_strnicoll_l", a, b,
		    (long long)(n > INT_MAX ? INT_MAX : n), 1, l);
}

int WINAPI w32__strnicoll(const char *a, const char *b, size_t n)
{
	return coll("_strnicoll", a, b,
		    (long long)(n > INT_MAX ? INT_MAX : n), 1, 0);
}

/* strxfrm: the sort key (a copy in "C"); its length without the NUL.
 * When it does not fit in n bytes, d is "" and errno ERANGE. */
static size_t xfrm(const char *fn, char *d, const char *s, size_t n,
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
		rt_crt_refuse(W_EILSEQ, fn,
			      "a locale kernel32 has no sort weights for");
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

size_t WINAPI w32__strxfrm_l(char *d, const char *s, size_t n,
			     w32_locale_t l)
{
	return xfrm("_strxfrm_l", d, s, n, l);
}

size_t WINAPI w32_strxfrm(char *d, const char *s, size_t n)
{
	return xfrm("strxfrm", d, s, n, 0);
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
			      "a locale kernel32 has no sort weights for, or "
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
