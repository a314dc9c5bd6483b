/*
 * registry_a.c — advapi32: the registry's A functions.  Names, and the
 * data of the string types (REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ), go
 * through the ANSI code page both ways; the sizes reported are those of
 * the converted bytes, as Windows reports them.  A string set without
 * its NUL is stored with one, as Wine does.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/advapi32/advapi32.h"
#include "runtime/advapi32/regstore.h"
#include "runtime/kernel32/kernel32.h"

#define ACP 0 /* CP_ACP */

static int is_string_type(DWORD t)
{
	return t == REG_SZ || t == REG_EXPAND_SZ || t == REG_MULTI_SZ;
}

/* s in UTF-16 (malloc'd); NULL for NULL, and *bad set when out of
 * memory. */
static WCHAR *to_w(const char *s, int *bad)
{
	int n;
	WCHAR *w;

	if (!s)
		return 0;
	n = w32_MultiByteToWideChar(ACP, 0, s, -1, 0, 0);
	if (n <= 0 || !(w = malloc((size_t)n * sizeof(WCHAR)))) {
		*bad = 1;
		return 0;
	}
	w32_MultiByteToWideChar(ACP, 0, s, -1, w, n);
	return w;
}

/* The UTF-16 units w[0..n) in the ANSI code page, malloc'd with a NUL
 * after them (*len bytes without it). */
static char *to_a(const WCHAR *w, size_t n, DWORD *len)
{
	int m = n ? w32_WideCharToMultiByte(ACP, 0, w, (int)n, 0, 0, 0, 0) : 0;
	char *a = malloc((size_t)m + 1);

	if (!a)
		return 0;
	if (m)
		w32_WideCharToMultiByte(ACP, 0, w, (int)n, a, m, 0, 0);
	a[m] = 0;
	*len = (DWORD)m;
	return a;
}

/* A value's bytes as an A function reports them: *v replaced by its
 * conversion for the string types. */
static LONG data_to_a(DWORD type, BYTE **v, DWORD *len)
{
	char *a;

	if (!is_string_type(type))
		return ERROR_SUCCESS;
	a = to_a((const WCHAR *)*v, *len / 2, len);
	free(*v);
	*v = (BYTE *)a;
	return a ? ERROR_SUCCESS : ERROR_OUTOFMEMORY;
}

#define WNAMES(a, b)                                                           \
	REG_ENTRY();                                                           \
	int bad = 0;                                                           \
	WCHAR *wa = to_w(a, &bad), *wb = to_w(b, &bad);                        \
	LONG r;                                                                \
	if (bad) {                                                             \
		free(wa);                                                      \
		free(wb);                                                      \
		return ERROR_OUTOFMEMORY;                                      \
	}
#define WDONE()                                                                \
	free(wa);                                                              \
	free(wb);                                                              \
	return reg_refused(r, __func__ + 4)

LONG WINAPI w32_RegOpenKeyExA(HANDLE key, LPCSTR sub, DWORD opts, DWORD access,
			      HANDLE *out)
{
	WNAMES(sub, 0);
	r = w32_RegOpenKeyExW(key, wa, opts, access, out);
	WDONE();
}

LONG WINAPI w32_RegOpenKeyA(HANDLE key, LPCSTR sub, HANDLE *out)
{
	WNAMES(sub, 0);
	r = w32_RegOpenKeyW(key, wa, out);
	WDONE();
}

LONG WINAPI w32_RegCreateKeyExA(HANDLE key, LPCSTR sub, DWORD res, LPSTR cls,
				DWORD opts, DWORD access, void *sa, HANDLE *out,
				DWORD *disp)
{
	WNAMES(sub, cls);
	r = w32_RegCreateKeyExW(key, wa, res, wb, opts, access, sa, out, disp);
	WDONE();
}

LONG WINAPI w32_RegCreateKeyA(HANDLE key, LPCSTR sub, HANDLE *out)
{
	WNAMES(sub, 0);
	r = w32_RegCreateKeyW(key, wa, out);
	WDONE();
}

LONG WINAPI w32_RegDeleteKeyA(HANDLE key, LPCSTR sub)
{
	WNAMES(sub, 0);
	r = sub ? w32_RegDeleteKeyW(key, wa) : ERROR_INVALID_PARAMETER;
	WDONE();
}

LONG WINAPI w32_RegDeleteKeyExA(HANDLE key, LPCSTR sub, DWORD access, DWORD res)
{
	WNAMES(sub, 0);
	r = sub ? w32_RegDeleteKeyExW(key, wa, access, res)
		: ERROR_INVALID_PARAMETER;
	WDONE();
}

LONG WINAPI w32_RegDeleteTreeA(HANDLE key, LPCSTR sub)
{
	WNAMES(sub, 0);
	r = w32_RegDeleteTreeW(key, wa);
	WDONE();
}

LONG WINAPI w32_RegDeleteValueA(HANDLE key, LPCSTR name)
{
	WNAMES(name, 0);
	r = w32_RegDeleteValueW(key, wa);
	WDONE();
}

LONG WINAPI w32_RegDeleteKeyValueA(HANDLE key, LPCSTR sub, LPCSTR name)
{
	WNAMES(sub, name);
	r = w32_RegDeleteKeyValueW(key, wa, wb);
	WDONE();
}

/* RegSetValueExA and RegSetKeyValueA: strings converted, with their NUL
 * added when the program's bytes lack it. */
static LONG set_a(HANDLE key, const WCHAR *sub, const WCHAR *name, DWORD type,
		  const BYTE *data, DWORD len)
{
	WCHAR *w;
	char *a;
	int n;
	LONG r;

	if (!is_string_type(type) || !data || !len)
		return reg_value_set(key, sub, name, type, data, len);
	if (!(a = malloc((size_t)len + 1)))
		return ERROR_OUTOFMEMORY;
	memcpy(a, data, len);
	a[len] = 0;
	len += a[len - 1] != 0;
	n = w32_MultiByteToWideChar(ACP, 0, a, (int)len, 0, 0);
	if (!(w = malloc((size_t)n * sizeof(WCHAR) + 1))) {
		free(a);
		return ERROR_OUTOFMEMORY;
	}
	w32_MultiByteToWideChar(ACP, 0, a, (int)len, w, n);
	r = reg_value_set(key, sub, name, type, w,
			  (DWORD)((size_t)n * sizeof(WCHAR)));
	free(a);
	free(w);
	return r;
}

LONG WINAPI w32_RegSetValueExA(HANDLE key, LPCSTR name, DWORD res, DWORD type,
			       const BYTE *data, DWORD len)
{
	WNAMES(name, 0);
	(void)res; /* reserved, as Windows has it */
	r = !data && len
		? ERROR_NOACCESS
		: set_a(key, reg_empty, wa ? wa : reg_empty, type, data, len);
	WDONE();
}

LONG WINAPI w32_RegSetKeyValueA(HANDLE key, LPCSTR sub, LPCSTR name, DWORD type,
				const void *data, DWORD len)
{
	WNAMES(sub, name);
	r = !data && len ? ERROR_NOACCESS
			 : set_a(key, wa ? wa : reg_empty, wb ? wb : reg_empty,
				 type, data, len);
	WDONE();
}

LONG WINAPI w32_RegSetValueA(HANDLE key, LPCSTR sub, DWORD type, LPCSTR data,
			     DWORD len)
{
	(void)len; /* Windows takes the string's length */
	if (type != REG_SZ || !data)
		return ERROR_INVALID_PARAMETER;
	WNAMES(sub, 0);
	r = set_a(key, wa ? wa : reg_empty, reg_empty, REG_SZ,
		  (const BYTE *)data, (DWORD)strlen(data) + 1);
	WDONE();
}

LONG WINAPI w32_RegQueryValueExA(HANDLE key, LPCSTR name, DWORD *res,
				 DWORD *type, BYTE *data, DWORD *size)
{
	BYTE *v = 0;
	DWORD t, len;
	int found;

	if ((data && !size) || res)
		return ERROR_INVALID_PARAMETER;
	WNAMES(name, 0);
	r = reg_value_get(key, reg_empty, wa ? wa : reg_empty, &t, &v, &len,
			  &found);
	if (r == ERROR_FILE_NOT_FOUND && found) {
		if (type)
			*type = REG_NONE;
		if (!data && size)
			*size = 0;
	}
	if (!r && !(r = data_to_a(t, &v, &len))) {
		if (type)
			*type = t;
		r = reg_put_data(v, len, data, size);
	}
	free(v);
	WDONE();
}

LONG WINAPI w32_RegQueryValueA(HANDLE key, LPCSTR sub, LPSTR data, LONG *size)
{
	BYTE *v = 0;
	DWORD t = REG_SZ, len = 0, sz = size ? (DWORD)*size : 0;
	int found;

	if (data && !size)
		return ERROR_INVALID_PARAMETER;
	WNAMES(sub, 0);
	r = reg_value_get(key, wa ? wa : reg_empty, reg_empty, &t, &v, &len,
			  &found);
	if (r == ERROR_FILE_NOT_FOUND && found) {
		r = ERROR_SUCCESS; /* a key without a default value: "" */
		t = REG_SZ;
		len = 0;
	}
	if (!r && t != REG_SZ)
		r = 13; /* ERROR_INVALID_DATA */
	if (!r && !(r = data_to_a(t, &v, &len))) {
		if (!len) /* the empty string's NUL */
			len = 1;
		r = reg_put_data(v ? (void *)v : (void *)"", len, (BYTE *)data,
				 &sz);
		if (size)
			*size = (LONG)sz;
	}
	free(v);
	WDONE();
}

LONG WINAPI w32_RegGetValueA(HANDLE key, LPCSTR sub, LPCSTR value, DWORD flags,
			     DWORD *type, void *data, DWORD *size)
{
	DWORD t, len, orig = size ? *size : 0;
	BYTE *v = 0;
	int found;

	if (reg_get_flags(data, size, flags))
		return ERROR_INVALID_PARAMETER;
	WNAMES(sub, value);
	r = reg_value_get_view(key, wa ? wa : reg_empty, wb ? wb : reg_empty,
			       flags & RRF_SUBKEY_WOW6432KEY ? KEY_WOW64_32KEY
							     : 0,
			       &t, &v, &len, &found);
	if (r == ERROR_FILE_NOT_FOUND && found) {
		if (type)
			*type = REG_NONE;
		if (!data && size)
			*size = 0;
	}
	if (!r && t == REG_EXPAND_SZ && !(flags & RRF_NOEXPAND)) {
		size_t m;
		WCHAR *e = reg_expand((const WCHAR *)v, len / 2, &m);

		free(v);
		v = (BYTE *)e;
		len = (DWORD)((m + 1) * sizeof(WCHAR));
		t = REG_SZ;
		if (!e)
			r = ERROR_OUTOFMEMORY;
	}
	if (!r && !(r = data_to_a(t, &v, &len))) {
		r = reg_put_data(v, len, data, size);
		if (!r || r == ERROR_MORE_DATA) {
			LONG x = reg_get_restrict(flags, t, len);

			r = x ? x : r;
		}
		if (type)
			*type = t;
	}
	free(v);
	if (r && data && (flags & RRF_ZEROONFAILURE))
		memset(data, 0, orig);
	WDONE();
}

LONG WINAPI w32_RegEnumKeyExA(HANDLE key, DWORD i, LPSTR name, DWORD *len,
			      DWORD *res, LPSTR cls, DWORD *clslen,
			      FILETIME *ft)
{
	REG_ENTRY();
	WCHAR *n;
	BYTE *d;
	size_t nl;
	uint64_t time;
	DWORD t, dl, al;
	char *a;
	LONG r;

	if (!name || !len || res)
		return ERROR_INVALID_PARAMETER;
	if ((r = reg_enum(key, 0, i, &n, &nl, &t, &d, &dl, &time)))
		return r;
	a = to_a(n, nl, &al);
	free(n);
	if (!a)
		return ERROR_OUTOFMEMORY;
	if (al + 1 > *len) {
		r = ERROR_MORE_DATA;
	} else {
		memcpy(name, a, al + 1);
		*len = al;
		if (cls && clslen && *clslen)
			cls[0] = 0;
		if (clslen)
			*clslen = 0;
		if (ft) {
			ft->dwLowDateTime = (DWORD)time;
			ft->dwHighDateTime = (DWORD)(time >> 32);
		}
	}
	free(a);
	return r;
}

LONG WINAPI w32_RegEnumKeyA(HANDLE key, DWORD i, LPSTR name, DWORD len)
{
	return reg_refused(w32_RegEnumKeyExA(key, i, name, &len, 0, 0, 0, 0),
			   __func__ + 4);
}

LONG WINAPI w32_RegEnumValueA(HANDLE key, DWORD i, LPSTR name, DWORD *len,
			      DWORD *res, DWORD *type, BYTE *data, DWORD *size)
{
	REG_ENTRY();
	WCHAR *n;
	BYTE *d;
	size_t nl;
	uint64_t time;
	DWORD t, dl, al;
	char *a;
	LONG r;

	if (!name || !len || res || (data && !size))
		return ERROR_INVALID_PARAMETER;
	if ((r = reg_enum(key, 1, i, &n, &nl, &t, &d, &dl, &time)))
		return r;
	a = to_a(n, nl, &al);
	free(n);
	if (!a || data_to_a(t, &d, &dl)) {
		free(a);
		free(d);
		return ERROR_OUTOFMEMORY;
	}
	if (al + 1 > *len || (data && dl > *size)) {
		r = ERROR_MORE_DATA;
		if (size)
			*size = dl;
	} else {
		memcpy(name, a, al + 1);
		*len = al;
		if (type)
			*type = t;
		reg_put_data(d, dl, data, size);
	}
	free(a);
	free(d);
	return r;
}

LONG WINAPI w32_RegQueryInfoKeyA(HANDLE key, LPSTR cls, DWORD *clslen,
				 DWORD *res, DWORD *subs, DWORD *maxsub,
				 DWORD *maxcls, DWORD *vals, DWORD *maxvname,
				 DWORD *maxvlen, DWORD *sd, FILETIME *ft)
{
	REG_ENTRY();
	struct reg_info in;
	LONG r;

	if (res || (cls && !clslen))
		return ERROR_INVALID_PARAMETER;
	if ((r = reg_info(key, &in)))
		return r;
	reg_info_out(&in, subs, maxsub, maxcls, vals, maxvname, maxvlen, sd,
		     ft);
	if (cls && *clslen)
		cls[0] = 0;
	if (clslen)
		*clslen = 0;
	return ERROR_SUCCESS;
}
