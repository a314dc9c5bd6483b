/*
 * string.c — msvcrt's byte strings and memory: str* and mem*, and
 * msvcrt's own _strdup, _stricmp, _strnicmp, _memicmp, _strlwr, _strupr,
 * _strrev.
 *
 * Most are glibc's, called through the Microsoft convention; the case-
 * insensitive ones compare in the "C" locale, and strtok keeps its
 * position per thread, as msvcrt does.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

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
