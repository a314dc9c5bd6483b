/*
 * reggetvalue.c — advapi32: RegGetValue's part, shared by its A and W
 * forms: the type restrictions (RRF_RT_*), the checks of a REG_BINARY
 * read as a DWORD or QWORD, and the expansion of REG_EXPAND_SZ values
 * (unless RRF_NOEXPAND), which then read as REG_SZ, as Windows and Wine
 * report them.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/advapi32/advapi32.h"
#include "runtime/advapi32/regstore.h"
#include "runtime/kernel32/kernel32.h"

WCHAR *reg_expand(const WCHAR *s, size_t n, size_t *outlen)
{
	size_t cap, m = 0;
	WCHAR *o;

	for (size_t i = 0; i < n; i++)
		if (!s[i])
			n = i; /* the string ends at its NUL */
	cap = n + 64;
	o = malloc(cap * sizeof(WCHAR));

	for (size_t i = 0; o && i < n;) {
		size_t j = i + 1, vl = 0, add;
		WCHAR name[256], val[4096];
		const WCHAR *from = s + i;

		if (s[i] == '%') {
			while (j < n && s[j] && s[j] != '%')
				j++;
			if (j < n && s[j] == '%' && j - i - 1 > 0 &&
			    j - i - 1 < 256) {
				memcpy(name, s + i + 1,
				       (j - i - 1) * sizeof(WCHAR));
				name[j - i - 1] = 0;
				vl = w32_GetEnvironmentVariableW(name, val,
								 4096);
			}
			if (vl && vl < 4096) {
				from = val;
				add = vl;
				j++;
			} else {
				add = 1; /* not a variable: '%' as it is */
				j = i + 1;
			}
		} else {
			add = 1;
		}
		if (m + add + 1 > cap) {
			WCHAR *b;

			cap = (m + add + 1) * 2;
			if (!(b = realloc(o, cap * sizeof(WCHAR)))) {
				free(o);
				return 0;
			}
			o = b;
		}
		memcpy(o + m, from, add * sizeof(WCHAR));
		m += add;
		i = j;
	}
	if (!o && !(o = malloc(sizeof(WCHAR))))
		return 0;
	o[m] = 0;
	*outlen = m;
	return o;
}

LONG reg_get_flags(const void *data, const DWORD *size, DWORD flags)
{
	/* expansion asked for, while the only type allowed is the one it
	 * would change (Wine's and Windows' documented refusal) */
	if ((data && !size) ||
	    ((flags & RRF_RT_ANY) == RRF_RT_REG_EXPAND_SZ &&
	     !(flags & RRF_NOEXPAND)))
		return ERROR_INVALID_PARAMETER;
	return ERROR_SUCCESS;
}

LONG reg_get_restrict(DWORD flags, DWORD type, DWORD len)
{
	static const DWORD bit[] = {
		[REG_NONE] = RRF_RT_REG_NONE,
		[REG_SZ] = RRF_RT_REG_SZ,
		[REG_EXPAND_SZ] = RRF_RT_REG_EXPAND_SZ,
		[REG_BINARY] = RRF_RT_REG_BINARY,
		[REG_DWORD] = RRF_RT_REG_DWORD,
		[REG_MULTI_SZ] = RRF_RT_REG_MULTI_SZ,
		[REG_QWORD] = RRF_RT_REG_QWORD,
	};
	DWORD b = type < sizeof bit / sizeof *bit ? bit[type] : 0;
	DWORD rt = flags & RRF_RT_ANY;

	if (b ? !(flags & b) : rt != RRF_RT_ANY)
		return ERROR_UNSUPPORTED_TYPE;
	/* REG_BINARY read as a DWORD or a QWORD must have its size */
	if (type == REG_BINARY &&
	    ((rt == RRF_RT_DWORD && len != 4) ||
	     (rt == RRF_RT_QWORD && len != 8)))
		return ERROR_DATATYPE_MISMATCH;
	return ERROR_SUCCESS;
}

/* REG_EXPAND_SZ data *v (*len bytes) expanded into REG_SZ, unless
 * RRF_NOEXPAND; ERROR_OUTOFMEMORY leaves *v NULL. */
static LONG expand_unless(DWORD flags, DWORD *t, BYTE **v, DWORD *len)
{
	size_t m;
	WCHAR *e;

	if (*t != REG_EXPAND_SZ || (flags & RRF_NOEXPAND))
		return ERROR_SUCCESS;
	e = reg_expand((const WCHAR *)*v, *len / 2, &m);
	free(*v);
	*v = (BYTE *)e;
	*len = (DWORD)((m + 1) * sizeof(WCHAR));
	*t = REG_SZ;
	return e ? ERROR_SUCCESS : ERROR_OUTOFMEMORY;
}

/* The value (type t, len bytes at v) into data and *size, then what the
 * RRF_RT_ flags restrict overrides success or ERROR_MORE_DATA; *type
 * is t either way. */
static LONG put_value(DWORD flags, DWORD t, const BYTE *v, DWORD len,
		      DWORD *type, void *data, DWORD *size)
{
	LONG r = reg_put_data(v, len, data, size);

	if (!r || r == ERROR_MORE_DATA) {
		LONG x = reg_get_restrict(flags, t, len);

		r = x ? x : r;
	}
	if (type)
		*type = t;
	return r;
}

LONG WINAPI w32_RegGetValueW(HANDLE key, LPCWSTR sub, LPCWSTR name, DWORD flags,
			     DWORD *type, void *data, DWORD *size)
{
	REG_ENTRY();
	DWORD t, len, orig = size ? *size : 0;
	BYTE *v;
	LONG r;
	int found;

	if ((r = reg_get_flags(data, size, flags)))
		return r;
	r = reg_value_get_view(
		key, sub ? sub : reg_empty, name ? name : reg_empty,
		flags & RRF_SUBKEY_WOW6432KEY ? KEY_WOW64_32KEY : 0, &t, &v,
		&len, &found);
	if (r == ERROR_FILE_NOT_FOUND && found && !data && size)
		*size = 0;
	if (!r)
		r = expand_unless(flags, &t, &v, &len);
	if (!r)
		r = put_value(flags, t, v, len, type, data, size);
	free(v);
	if (r && data && (flags & RRF_ZEROONFAILURE))
		memset(data, 0, orig);
	return r;
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
	if (!r)
		r = expand_unless(flags, &t, &v, &len);
	if (!r && !(r = reg_data_to_a(t, &v, &len)))
		r = put_value(flags, t, v, len, type, data, size);
	free(v);
	if (r && data && (flags & RRF_ZEROONFAILURE))
		memset(data, 0, orig);
	WDONE();
}
