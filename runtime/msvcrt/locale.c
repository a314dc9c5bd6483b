/*
 * locale.c — msvcrt's locale, which is always the "C" locale: setlocale
 * accepts only "C" (or ""), localeconv returns the C conventions, and
 * the queries the CRT makes (___lc_codepage_func, ___mb_cur_max_func,
 * ___lc_handle_func, __mb_cur_max) say one byte per character and no
 * code page.
 */
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

/* MB_CUR_MAX, the data import: one byte per character. */
int w32___mb_cur_max = 1;

/* The "C" locale: no code page, one byte per character. */
UINT WINAPI w32____lc_codepage_func(void)
{
	return 0;
}

int WINAPI w32____mb_cur_max_func(void)
{
	return 1;
}

static LONG lc_handles[6];

LONG *WINAPI w32____lc_handle_func(void)
{
	return lc_handles;
}

static struct w32_lconv c_lconv = {
	".", "",  "",  "",  "",	 "",  "",  "",	"",
	"",  127, 127, 127, 127, 127, 127, 127, 127,
};

struct w32_lconv *WINAPI w32_localeconv(void)
{
	return &c_lconv;
}

/* Only the "C" locale exists; asking for it (or "") succeeds. */
char *WINAPI w32_setlocale(int cat, const char *loc)
{
	if (!loc || !*loc || !strcmp(loc, "C"))
		return "C";
	return 0;
}
