/*
 * string.c — msvcrt's byte strings and memory: str* and mem*, and
 * msvcrt's own _strdup, _stricmp, _strnicmp, _memicmp, _strlwr, _strupr
 * (and their _l twins); and _strrev, _strset, _strnset with their wide
 * twins _wcsrev, _wcsset, _wcsnset (one implementation for both
 * widths).
 *
 * Most are glibc's, called through the Microsoft convention.  The case-
 * insensitive ones fold case as LC_CTYPE's locale does (in "C", ASCII
 * letters only) and return the difference of the folded bytes, as
 * msvcrt does; strtok keeps its position per thread.  strcoll and
 * strxfrm are collate.c's.
 */
#include <limits.h>
#include <string.h>

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
WRAP(char *, strchr, (const char *s, int c), ((char *)s, c))
WRAP(char *, strrchr, (const char *s, int c), ((char *)s, c))
WRAP(char *, strstr, (const char *a, const char *b), ((char *)a, b))
WRAP(size_t, strspn, (const char *a, const char *b), (a, b))
WRAP(size_t, strcspn, (const char *a, const char *b), (a, b))
WRAP(char *, strpbrk, (const char *a, const char *b), ((char *)a, b))
WRAP(void *, memcpy, (void *d, const void *s, size_t n), (d, s, n))
WRAP(void *, memmove, (void *d, const void *s, size_t n), (d, s, n))
WRAP(void *, memset, (void *d, int c, size_t n), (d, c, n))
WRAP(void *, memchr, (const void *s, int c, size_t n), ((void *)s, c, n))

/* msvcrt's comparisons of bytes answer -1, 0 or 1 (glibc's, the
 * difference). */
static int sign(int v)
{
	return (v > 0) - (v < 0);
}

int WINAPI w32_strcmp(const char *a, const char *b)
{
	return sign(strcmp(a, b));
}

int WINAPI w32_strncmp(const char *a, const char *b, size_t n)
{
	return sign(strncmp(a, b, n));
}

int WINAPI w32_memcmp(const void *a, const void *b, size_t n)
{
	return sign(memcmp(a, b, n));
}

char *WINAPI w32__strdup(const char *s)
{
	return s ? strdup(s) : 0;
}

/* A byte folded to lower case for the case-insensitive comparisons: in
 * "C" (no LCID) msvcrt folds ASCII letters of the byte as a char, which
 * is signed; in a locale, through _tolower_l. */
static int fold(const struct w32_locinfo *li, const char *p)
{
	int c = *p;

	if (!li->lc_handle[W_LC_CTYPE])
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	return li->pclmap[(unsigned char)c];
}

int WINAPI w32__strnicmp_l(const char *a, const char *b, size_t n,
			   w32_locale_t l)
{
	const struct w32_locinfo *li = rt_crt_locinfo(l);
	int x, y;

	if (!a || !b)
		return INT_MAX; /* _NLSCMPERROR */
	if (!n)
		return 0;
	do {
		x = fold(li, a++);
		y = fold(li, b++);
	} while (--n && x && x == y);
	return x - y;
}

int WINAPI w32__strnicmp(const char *a, const char *b, size_t n)
{
	return w32__strnicmp_l(a, b, n, 0);
}

int WINAPI w32__stricmp_l(const char *a, const char *b, w32_locale_t l)
{
	return w32__strnicmp_l(a, b, (size_t)-1, l);
}

int WINAPI w32__stricmp(const char *a, const char *b)
{
	return w32__strnicmp_l(a, b, (size_t)-1, 0);
}

/* _memicmp folds each byte as _tolower_l does a char, which is signed:
 * a byte above 127 takes _tolower_l's path for values beyond a byte
 * (its low byte's case, errno EILSEQ), in "C" too. */
int WINAPI w32__memicmp_l(const void *a, const void *b, size_t n,
			  w32_locale_t l)
{
	const signed char *x = a, *y = b;

	if (!a || !b) {
		if (!n)
			return 0;
		*rt_errno_ptr() = W_EINVAL;
		return INT_MAX; /* _NLSCMPERROR */
	}
	for (size_t i = 0; i < n; i++) {
		int d = w32__tolower_l(x[i], l) - w32__tolower_l(y[i], l);

		if (d)
			return d;
	}
	return 0;
}

int WINAPI w32__memicmp(const void *a, const void *b, size_t n)
{
	return w32__memicmp_l(a, b, n, 0);
}

/* _strlwr and _strupr: each byte through the locale's case map (ASCII
 * letters only in "C"). */
char *WINAPI w32__strlwr_l(char *s, w32_locale_t l)
{
	const struct w32_locinfo *li = rt_crt_locinfo(l);

	for (char *p = s; *p; p++)
		*p = (char)(li->lc_handle[W_LC_CTYPE]
				    ? li->pclmap[(unsigned char)*p]
				    : (*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
	return s;
}

char *WINAPI w32__strlwr(char *s)
{
	return w32__strlwr_l(s, 0);
}

char *WINAPI w32__strupr_l(char *s, w32_locale_t l)
{
	const struct w32_locinfo *li = rt_crt_locinfo(l);

	for (char *p = s; *p; p++)
		*p = (char)(li->lc_handle[W_LC_CTYPE]
				    ? li->pcumap[(unsigned char)*p]
				    : (*p >= 'a' && *p <= 'z' ? *p - 32 : *p));
	return s;
}

char *WINAPI w32__strupr(char *s)
{
	return w32__strupr_l(s, 0);
}

/* Unit i of a string of bytes or of UTF-16 units. */
static unsigned unit(const void *s, int wide, size_t i)
{
	return wide ? ((const WCHAR *)s)[i] : (unsigned char)((const char *)s)[i];
}

static void set_unit(void *s, int wide, size_t i, unsigned c)
{
	if (wide)
		((WCHAR *)s)[i] = (WCHAR)c;
	else
		((char *)s)[i] = (char)c;
}

/* Reverses s in place (unit by unit: a surrogate pair is reversed too,
 * as msvcrt does). */
static void *reverse(void *s, int wide)
{
	size_t n = 0;

	while (unit(s, wide, n))
		n++;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned t = unit(s, wide, i);

		set_unit(s, wide, i, unit(s, wide, n - 1 - i));
		set_unit(s, wide, n - 1 - i, t);
	}
	return s;
}

/* Sets the first n units of s (fewer when it is shorter) to c. */
static void *fill(void *s, int wide, unsigned c, size_t n)
{
	for (size_t i = 0; s && i < n && unit(s, wide, i); i++)
		set_unit(s, wide, i, c);
	return s;
}

char *WINAPI w32__strrev(char *s)
{
	return reverse(s, 0);
}

WCHAR *WINAPI w32__wcsrev(WCHAR *s)
{
	return reverse(s, 1);
}

/* _strset: every byte of s is c; s. */
char *WINAPI w32__strset(char *s, int c)
{
	return fill(s, 0, (unsigned char)c, (size_t)-1);
}

/* _strnset: the first n bytes; s (Windows' answer: Wine's msvcrt returns
 * the end of what it set). */
char *WINAPI w32__strnset(char *s, int c, size_t n)
{
	return fill(s, 0, (unsigned char)c, n);
}

WCHAR *WINAPI w32__wcsset(WCHAR *s, WCHAR c)
{
	return fill(s, 1, c, (size_t)-1);
}

WCHAR *WINAPI w32__wcsnset(WCHAR *s, WCHAR c, size_t n)
{
	return fill(s, 1, c, n);
}

/* msvcrt keeps strtok's position per thread. */
static __thread char *tok_save;

char *WINAPI w32_strtok(char *s, const char *delim)
{
	return strtok_r(s, delim, &tok_save);
}
