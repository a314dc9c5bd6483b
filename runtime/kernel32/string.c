/*
 * string.c — kernel32: the lstr* string functions Windows keeps in
 * kernel32 from its 16-bit days: the C library's string functions with
 * Windows' conventions (lstrlen of NULL is 0, lstrcmp returns -1, 0 or
 * 1).
 */
#include <string.h>
#include <strings.h>

#include "runtime/kernel32/kernel32.h"

INT WINAPI w32_lstrlenA(LPCSTR s)
{
	return s ? (INT)strlen(s) : 0;
}

INT WINAPI w32_lstrlenW(LPCWSTR s)
{
	return s ? (INT)rt_wcslen(s) : 0;
}

INT WINAPI w32_lstrcmpA(LPCSTR a, LPCSTR b)
{
	int r = strcmp(a, b);

	return (r > 0) - (r < 0);
}

INT WINAPI w32_lstrcmpiA(LPCSTR a, LPCSTR b)
{
	int r = strcasecmp(a, b);

	return (r > 0) - (r < 0);
}

LPSTR WINAPI w32_lstrcpyA(LPSTR d, LPCSTR s)
{
	return strcpy(d, s);
}

LPSTR WINAPI w32_lstrcatA(LPSTR d, LPCSTR s)
{
	return strcat(d, s);
}
