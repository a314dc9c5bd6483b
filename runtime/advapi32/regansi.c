/*
 * regansi.c — advapi32: what the registry's A functions (each beside its
 * W twin) share.  Names, and the data of the string types (REG_SZ,
 * REG_EXPAND_SZ, REG_MULTI_SZ), go through the ANSI code page both ways;
 * the sizes reported are those of the converted bytes, as Windows reports
 * them.  A string set without its NUL is stored with one, as Wine does.
 */
#include <stdlib.h>

#include "runtime/advapi32/advapi32.h"
#include "runtime/advapi32/regstore.h"
#include "runtime/kernel32/kernel32.h"

int reg_is_string_type(DWORD t)
{
	return t == REG_SZ || t == REG_EXPAND_SZ || t == REG_MULTI_SZ;
}

/* s in UTF-16 (malloc'd); NULL for NULL, and *bad set when out of
 * memory. */
WCHAR *reg_to_w(const char *s, int *bad)
{
	int n;
	WCHAR *w;

	if (!s)
		return 0;
	n = w32_MultiByteToWideChar(REG_ACP, 0, s, -1, 0, 0);
	if (n <= 0 || !(w = malloc((size_t)n * sizeof(WCHAR)))) {
		*bad = 1;
		return 0;
	}
	w32_MultiByteToWideChar(REG_ACP, 0, s, -1, w, n);
	return w;
}

/* The UTF-16 units w[0..n) in the ANSI code page, malloc'd with a NUL
 * after them (*len bytes without it). */
char *reg_to_a(const WCHAR *w, size_t n, DWORD *len)
{
	int m = n ? w32_WideCharToMultiByte(REG_ACP, 0, w, (int)n, 0, 0, 0, 0) : 0;
	char *a = malloc((size_t)m + 1);

	if (!a)
		return 0;
	if (m)
		w32_WideCharToMultiByte(REG_ACP, 0, w, (int)n, a, m, 0, 0);
	a[m] = 0;
	*len = (DWORD)m;
	return a;
}

/* A value's bytes as an A function reports them: *v replaced by its
 * conversion for the string types. */
LONG reg_data_to_a(DWORD type, BYTE **v, DWORD *len)
{
	char *a;

	if (!reg_is_string_type(type))
		return ERROR_SUCCESS;
	a = reg_to_a((const WCHAR *)*v, *len / 2, len);
	free(*v);
	*v = (BYTE *)a;
	return a ? ERROR_SUCCESS : ERROR_OUTOFMEMORY;
}
