/*
 * regvalue.c — advapi32: a key's values, its enumeration and
 * RegQueryInfoKey, each W function with its A twin beside it (names and
 * strings converted through the ANSI code page, regansi.c).  The values are kept as the W functions give them: strings as
 * UTF-16 bytes, without a NUL added or one checked for.
 *
 * Where Windows and Wine leave an output alone or set it on a failure,
 * this does what Wine 8 does (tests/wine/progs/registry.c shows each):
 * a missing value sets *size to 0 when no buffer was given, and
 * ERROR_MORE_DATA leaves the buffer untouched.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/advapi32/advapi32.h"
#include "runtime/advapi32/regstore.h"
#include "runtime/kernel32/kernel32.h"

const WCHAR reg_empty[1];

LONG reg_value_get(HANDLE key, const WCHAR *sub, const WCHAR *name, DWORD *type,
		   BYTE **data, DWORD *len, int *keyfound)
{
	return reg_value_get_view(key, sub, name, 0, type, data, len, keyfound);
}

LONG reg_value_get_view(HANDLE key, const WCHAR *sub, const WCHAR *name,
			DWORD view, DWORD *type, BYTE **data, DWORD *len,
			int *keyfound)
{
	struct rt_key *rk = 0;
	struct rs_key *k;
	struct rs_value *v;
	WCHAR *path = 0;
	size_t n;
	LONG r;

	*data = 0;
	if (keyfound)
		*keyfound = 0;
	rs_lock();
	if ((r = reg_subpath(sub, &path, &n)) ||
	    (r = reg_open_read(key, n ? 0 : KEY_QUERY_VALUE, &rk, &k)) ||
	    (r = reg_refuse_view(reg_fn, rk, path, n, view)))
		goto out;
	if (n && !(k = reg_find(k, path, n))) {
		r = ERROR_FILE_NOT_FOUND;
		goto out;
	}
	if (keyfound)
		*keyfound = 1;
	v = rs_val_find(k, name, rt_wcslen(name), 0);
	if (!v) {
		r = ERROR_FILE_NOT_FOUND;
	} else if (v->len && !(*data = malloc(v->len))) {
		r = ERROR_OUTOFMEMORY;
	} else {
		if (v->len)
			memcpy(*data, v->data, v->len);
		*type = v->type;
		*len = v->len;
	}
out:
	rs_unlock();
	free(path);
	free(rk);
	return r;
}

LONG reg_value_set(HANDLE key, const WCHAR *sub, const WCHAR *name, DWORD type,
		   const void *data, DWORD len)
{
	struct rt_key *rk = 0;
	struct rs_key *k;
	WCHAR *path = 0;
	size_t n, nl;
	LONG r;
	int made;

	nl = rt_wcslen(name);
	if (nl > RS_MAX_VALUE_NAME)
		return ERROR_INVALID_PARAMETER;
	if (!data && len)
		return ERROR_NOACCESS;
	rs_lock();
	if ((r = reg_subpath(sub, &path, &n)) ||
	    (r = reg_open_write(key, n ? 0 : KEY_SET_VALUE, &rk, &k)))
		goto out;
	if (n && !reg_find(k, path, n) &&
	    !(reg_access(rk) & KEY_CREATE_SUB_KEY)) {
		rs_commit(reg_hive(rk), 0);
		r = ERROR_ACCESS_DENIED;
		goto out;
	}
	if (!(k = reg_make(reg_hive(rk), k, path, n, &made)) ||
	    rs_val_set(k, name, nl, type, data, len)) {
		reg_hive(rk)->loaded = 0; /* drop the keys made, if any */
		rs_commit(reg_hive(rk), 0);
		r = ERROR_OUTOFMEMORY;
		goto out;
	}
	k->time = rs_now();
	r = rs_commit(reg_hive(rk), 1);
out:
	rs_unlock();
	free(path);
	free(rk);
	return r;
}

static LONG reg_value_delete(HANDLE key, const WCHAR *sub, const WCHAR *name)
{
	struct rt_key *rk = 0;
	struct rs_key *k;
	WCHAR *path = 0;
	size_t n, at;
	LONG r;

	rs_lock();
	if ((r = reg_subpath(sub, &path, &n)) ||
	    (r = reg_open_write(key, n ? 0 : KEY_SET_VALUE, &rk, &k)))
		goto out;
	if (n && !(k = reg_find(k, path, n)))
		r = ERROR_FILE_NOT_FOUND;
	else if (!rs_val_find(k, name, rt_wcslen(name), &at))
		r = ERROR_FILE_NOT_FOUND;
	if (r) {
		rs_commit(reg_hive(rk), 0);
		goto out;
	}
	rs_val_remove(k, at);
	k->time = rs_now();
	r = rs_commit(reg_hive(rk), 1);
out:
	rs_unlock();
	free(path);
	free(rk);
	return r;
}

LONG reg_enum(HANDLE key, int values, DWORD i, WCHAR **name, size_t *nl,
	      DWORD *type, BYTE **data, DWORD *len, uint64_t *time)
{
	struct rt_key *rk = 0;
	struct rs_key *k;
	LONG r;

	*name = 0;
	*data = 0;
	rs_lock();
	if ((r = reg_open_read(
		     key, values ? KEY_QUERY_VALUE : KEY_ENUMERATE_SUB_KEYS,
		     &rk, &k)))
		goto out;
	if (i >= (values ? k->nvals : k->nsubs)) {
		r = ERROR_NO_MORE_ITEMS;
	} else if (values) {
		struct rs_value *v = &k->vals[i];

		*name = malloc((v->namelen + 1) * sizeof(WCHAR));
		*data = v->len ? malloc(v->len) : 0;
		if (!*name || (v->len && !*data)) {
			r = ERROR_OUTOFMEMORY;
			goto out;
		}
		memcpy(*name, v->name, (v->namelen + 1) * sizeof(WCHAR));
		*nl = v->namelen;
		if (v->len)
			memcpy(*data, v->data, v->len);
		*type = v->type;
		*len = v->len;
	} else {
		struct rs_key *s = k->subs[i];

		if (!(*name = malloc((s->namelen + 1) * sizeof(WCHAR)))) {
			r = ERROR_OUTOFMEMORY;
			goto out;
		}
		memcpy(*name, s->name, (s->namelen + 1) * sizeof(WCHAR));
		*nl = s->namelen;
		*time = s->time;
	}
out:
	rs_unlock();
	free(rk);
	return r;
}

LONG reg_info(HANDLE key, struct reg_info *in)
{
	struct rt_key *rk = 0;
	struct rs_key *k;
	LONG r;

	memset(in, 0, sizeof(*in));
	rs_lock();
	if (!(r = reg_open_read(key, KEY_QUERY_VALUE, &rk, &k))) {
		in->subs = (DWORD)k->nsubs;
		in->vals = (DWORD)k->nvals;
		in->time = k->time;
		for (size_t i = 0; i < k->nsubs; i++)
			if (k->subs[i]->namelen > in->maxsub)
				in->maxsub = (DWORD)k->subs[i]->namelen;
		for (size_t i = 0; i < k->nvals; i++) {
			if (k->vals[i].namelen > in->maxvname)
				in->maxvname = (DWORD)k->vals[i].namelen;
			if (k->vals[i].len > in->maxvlen)
				in->maxvlen = k->vals[i].len;
		}
	}
	rs_unlock();
	free(rk);
	return r;
}

/* ---- the W functions --------------------------------------------------- */

/* Windows' answer for a value in a caller's buffer: ERROR_MORE_DATA
 * (buffer untouched) when it is too small; *size becomes the size. */
LONG reg_put_data(const void *src, DWORD len, BYTE *data, DWORD *size)
{
	LONG r = ERROR_SUCCESS;

	if (data && len > *size)
		r = ERROR_MORE_DATA;
	else if (data && len)
		memcpy(data, src, len);
	if (size)
		*size = len;
	return r;
}

LONG WINAPI w32_RegQueryValueExW(HANDLE key, LPCWSTR name, DWORD *res,
				 DWORD *type, BYTE *data, DWORD *size)
{
	REG_ENTRY();
	BYTE *v;
	DWORD t, len;
	LONG r;
	int found;

	if ((data && !size) || res)
		return ERROR_INVALID_PARAMETER;

	r = reg_value_get(key, reg_empty, name ? name : reg_empty, &t, &v, &len,
			  &found);
	if (r) {
		if (found && !data && size)
			*size = 0;
		return r;
	}
	if (type)
		*type = t;
	r = reg_put_data(v, len, data, size);
	free(v);
	return r;
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
	if (!r && !(r = reg_data_to_a(t, &v, &len))) {
		if (type)
			*type = t;
		r = reg_put_data(v, len, data, size);
	}
	free(v);
	WDONE();
}

LONG WINAPI w32_RegQueryValueW(HANDLE key, LPCWSTR sub, LPWSTR data, LONG *size)
{
	REG_ENTRY();
	static const WCHAR none[1];
	BYTE *v = 0;
	DWORD t = REG_SZ, len = sizeof none, sz = size ? (DWORD)*size : 0;
	LONG r;
	int found;

	if (data && !size)
		return ERROR_INVALID_PARAMETER;
	r = reg_value_get(key, sub ? sub : reg_empty, none, &t, &v, &len,
			  &found);
	if (r == ERROR_FILE_NOT_FOUND && found) {
		r = ERROR_SUCCESS; /* a key without a default value: "" */
		t = REG_SZ;
		len = sizeof none;
	}
	if (r)
		return r;
	if (t != REG_SZ) {
		free(v);
		return 13; /* ERROR_INVALID_DATA */
	}
	r = reg_put_data(v ? (void *)v : (void *)none, len, (BYTE *)data, &sz);
	if (size)
		*size = (LONG)sz;
	free(v);
	return r;
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
	if (!r && !(r = reg_data_to_a(t, &v, &len))) {
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

LONG WINAPI w32_RegSetValueExW(HANDLE key, LPCWSTR name, DWORD res, DWORD type,
			       const BYTE *data, DWORD len)
{
	REG_ENTRY();
	(void)res; /* reserved, as Windows has it */
	return reg_value_set(key, reg_empty, name ? name : reg_empty, type,
			     data, len);
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

	if (!reg_is_string_type(type) || !data || !len)
		return reg_value_set(key, sub, name, type, data, len);
	if (!(a = malloc((size_t)len + 1)))
		return ERROR_OUTOFMEMORY;
	memcpy(a, data, len);
	a[len] = 0;
	len += a[len - 1] != 0;
	n = w32_MultiByteToWideChar(REG_ACP, 0, a, (int)len, 0, 0);
	if (!(w = malloc((size_t)n * sizeof(WCHAR) + 1))) {
		free(a);
		return ERROR_OUTOFMEMORY;
	}
	w32_MultiByteToWideChar(REG_ACP, 0, a, (int)len, w, n);
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

LONG WINAPI w32_RegSetValueW(HANDLE key, LPCWSTR sub, DWORD type, LPCWSTR data,
			     DWORD len)
{
	REG_ENTRY();
	(void)len; /* Windows takes the string's length */
	if (type != REG_SZ || !data)
		return ERROR_INVALID_PARAMETER;
	return reg_value_set(key, sub ? sub : reg_empty, reg_empty, REG_SZ,
			     data,
			     (DWORD)((rt_wcslen(data) + 1) * sizeof(WCHAR)));
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

LONG WINAPI w32_RegSetKeyValueW(HANDLE key, LPCWSTR sub, LPCWSTR name,
				DWORD type, const void *data, DWORD len)
{
	REG_ENTRY();
	return reg_value_set(key, sub ? sub : reg_empty,
			     name ? name : reg_empty, type, data, len);
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

LONG WINAPI w32_RegDeleteValueW(HANDLE key, LPCWSTR name)
{
	REG_ENTRY();
	return reg_value_delete(key, reg_empty, name ? name : reg_empty);
}

LONG WINAPI w32_RegDeleteValueA(HANDLE key, LPCSTR name)
{
	WNAMES(name, 0);
	r = w32_RegDeleteValueW(key, wa);
	WDONE();
}

LONG WINAPI w32_RegDeleteKeyValueW(HANDLE key, LPCWSTR sub, LPCWSTR name)
{
	REG_ENTRY();
	return reg_value_delete(key, sub ? sub : reg_empty,
				name ? name : reg_empty);
}

LONG WINAPI w32_RegDeleteKeyValueA(HANDLE key, LPCSTR sub, LPCSTR name)
{
	WNAMES(sub, name);
	r = w32_RegDeleteKeyValueW(key, wa, wb);
	WDONE();
}

/* No key has a class (RegCreateKeyEx): an empty one, of characters of
 * unit bytes, where the caller gave room (*clslen), and length 0. */
static void empty_class(void *cls, size_t unit, DWORD *clslen)
{
	if (cls && *clslen)
		memset(cls, 0, unit);
	*clslen = 0;
}

/* A key's last write time, as a FILETIME when asked for. */
static void put_time(FILETIME *ft, uint64_t time)
{
	if (ft) {
		ft->dwLowDateTime = (DWORD)time;
		ft->dwHighDateTime = (DWORD)(time >> 32);
	}
}

LONG WINAPI w32_RegEnumKeyExW(HANDLE key, DWORD i, LPWSTR name, DWORD *len,
			      DWORD *res, LPWSTR cls, DWORD *clslen,
			      FILETIME *ft)
{
	REG_ENTRY();
	WCHAR *n;
	BYTE *d;
	size_t nl;
	uint64_t time;
	DWORD t, dl;
	LONG r;

	if (!name || !len || res)
		return ERROR_INVALID_PARAMETER;
	if ((r = reg_enum(key, 0, i, &n, &nl, &t, &d, &dl, &time)))
		return r;
	if (nl + 1 > *len) {
		r = ERROR_MORE_DATA;
	} else {
		memcpy(name, n, (nl + 1) * sizeof(WCHAR));
		*len = (DWORD)nl;
		if (clslen)
			empty_class(cls, sizeof *cls, clslen);
		put_time(ft, time);
	}
	free(n);
	return r;
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
	a = reg_to_a(n, nl, &al);
	free(n);
	if (!a)
		return ERROR_OUTOFMEMORY;
	if (al + 1 > *len) {
		r = ERROR_MORE_DATA;
	} else {
		memcpy(name, a, al + 1);
		*len = al;
		if (clslen)
			empty_class(cls, sizeof *cls, clslen);
		put_time(ft, time);
	}
	free(a);
	return r;
}

LONG WINAPI w32_RegEnumKeyW(HANDLE key, DWORD i, LPWSTR name, DWORD len)
{
	REG_ENTRY();
	return reg_refused(w32_RegEnumKeyExW(key, i, name, &len, 0, 0, 0, 0),
			   __func__ + 4);
}

LONG WINAPI w32_RegEnumKeyA(HANDLE key, DWORD i, LPSTR name, DWORD len)
{
	return reg_refused(w32_RegEnumKeyExA(key, i, name, &len, 0, 0, 0, 0),
			   __func__ + 4);
}

LONG WINAPI w32_RegEnumValueW(HANDLE key, DWORD i, LPWSTR name, DWORD *len,
			      DWORD *res, DWORD *type, BYTE *data, DWORD *size)
{
	REG_ENTRY();
	WCHAR *n;
	BYTE *d;
	size_t nl;
	uint64_t time;
	DWORD t, dl;
	LONG r;

	if (!name || !len || res || (data && !size))
		return ERROR_INVALID_PARAMETER;
	if ((r = reg_enum(key, 1, i, &n, &nl, &t, &d, &dl, &time)))
		return r;
	if (nl + 1 > *len || (data && dl > *size)) {
		r = ERROR_MORE_DATA;
		if (size)
			*size = dl;
	} else {
		memcpy(name, n, (nl + 1) * sizeof(WCHAR));
		*len = (DWORD)nl;
		if (type)
			*type = t;
		reg_put_data(d, dl, data, size);
	}
	free(n);
	free(d);
	return r;
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
	a = reg_to_a(n, nl, &al);
	free(n);
	if (!a || reg_data_to_a(t, &d, &dl)) {
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

/* RegQueryInfoKeyA and W: no key has a class, so cls (of units of unit
 * bytes) is only emptied. */
static LONG query_info(HANDLE key, void *cls, size_t unit, DWORD *clslen,
		       DWORD *res, DWORD *subs, DWORD *maxsub, DWORD *maxcls,
		       DWORD *vals, DWORD *maxvname, DWORD *maxvlen, DWORD *sd,
		       FILETIME *ft)
{
	struct reg_info in;
	LONG r;

	if (res || (cls && !clslen))
		return ERROR_INVALID_PARAMETER;
	if ((r = reg_info(key, &in)))
		return r;
	reg_info_out(&in, subs, maxsub, maxcls, vals, maxvname, maxvlen, sd,
		     ft);
	if (clslen)
		empty_class(cls, unit, clslen);
	return ERROR_SUCCESS;
}

LONG WINAPI w32_RegQueryInfoKeyW(HANDLE key, LPWSTR cls, DWORD *clslen,
				 DWORD *res, DWORD *subs, DWORD *maxsub,
				 DWORD *maxcls, DWORD *vals, DWORD *maxvname,
				 DWORD *maxvlen, DWORD *sd, FILETIME *ft)
{
	REG_ENTRY();
	return query_info(key, cls, sizeof *cls, clslen, res, subs, maxsub,
			  maxcls, vals, maxvname, maxvlen, sd, ft);
}

LONG WINAPI w32_RegQueryInfoKeyA(HANDLE key, LPSTR cls, DWORD *clslen,
				 DWORD *res, DWORD *subs, DWORD *maxsub,
				 DWORD *maxcls, DWORD *vals, DWORD *maxvname,
				 DWORD *maxvlen, DWORD *sd, FILETIME *ft)
{
	REG_ENTRY();
	return query_info(key, cls, sizeof *cls, clslen, res, subs, maxsub,
			  maxcls, vals, maxvname, maxvlen, sd, ft);
}

void reg_info_out(const struct reg_info *in, DWORD *subs, DWORD *maxsub,
		  DWORD *maxcls, DWORD *vals, DWORD *maxvname, DWORD *maxvlen,
		  DWORD *sd, FILETIME *ft)
{
	if (subs)
		*subs = in->subs;
	if (maxsub)
		*maxsub = in->maxsub;
	if (maxcls)
		*maxcls = 0; /* no key has a class (RegCreateKeyEx) */
	if (vals)
		*vals = in->vals;
	if (maxvname)
		*maxvname = in->maxvname;
	if (maxvlen)
		*maxvlen = in->maxvlen;
	if (sd)
		*sd = 0; /* no key has a security descriptor of its own */
	put_time(ft, in->time);
}
