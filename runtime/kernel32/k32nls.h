/*
 * k32nls.h — what kernel32's formats share (nlsformat.c, numformat.c):
 * an output buffer and the locale's strings.
 */
#ifndef RUNTIME_KERNEL32_K32NLS_H
#define RUNTIME_KERNEL32_K32NLS_H

#include <stdlib.h>

#include "runtime/kernel32/k32int.h"

#define ERROR_INVALID_FLAGS 1004
#define NLS_NOUSEROVERRIDE  0x80000000
#define NLS_USE_CP_ACP	    0x40000000
/* The longest answer, in units: far beyond any picture's. */
#define NLS_OUT_MAX 1024

struct nls_out {
	WCHAR buf[NLS_OUT_MAX];
	int n, overflow;
};

/* Appends n units of s, a string, one unit, v in at least width digits. */
void nls_put(struct nls_out *o, const WCHAR *s, int n);
void nls_put_str(struct nls_out *o, const WCHAR *s);
void nls_putc(struct nls_out *o, WCHAR c);
void nls_put_num(struct nls_out *o, unsigned v, int width);
/* l's text for an LCTYPE ("" if none). */
const WCHAR *nls_text(const struct nls_locale *l, LCTYPE type);
/* The answer's copy into buf of n units (0: its size), with its NUL; 0
 * with ERROR_INSUFFICIENT_BUFFER. */
INT nls_result(const struct nls_out *o, LPWSTR buf, INT n);
/* s read in code page cp, malloc'd; NULL when out of memory. */
WCHAR *nls_wide(UINT cp, LPCSTR s);
/* k units of w (0: a failure, passed on) written in cp into buf of n
 * bytes (0: the size); the bytes, 0 with the last error. */
INT nls_narrow(UINT cp, const WCHAR *w, INT k, LPSTR buf, INT n);

#endif
