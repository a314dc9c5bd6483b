/*
 * registry.c — advapi32: opening, creating, closing and deleting keys
 * (each W function with its A twin beside it), over what
 * regkey.c resolves a handle to and the store of regstore.h.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/advapi32/advapi32.h"
#include "runtime/advapi32/regstore.h"

/* What Windows grants for the generic rights and MAXIMUM_ALLOWED. */
static DWORD key_access(DWORD a)
{
	if (a & REG_MAXIMUM_ALLOWED)
		a |= KEY_ALL_ACCESS;
	if (a & 0x80000000u) /* GENERIC_READ */
		a |= KEY_READ;
	if (a & 0x40000000u) /* GENERIC_WRITE */
		a |= KEY_WRITE;
	if (a & 0x20000000u) /* GENERIC_EXECUTE */
		a |= KEY_READ;
	if (a & 0x10000000u) /* GENERIC_ALL */
		a |= KEY_ALL_ACCESS;
	return a;
}

/* What RegOpenKeyEx and RegCreateKeyEx refuse in their options. */
static LONG refuse_options(const char *fn, DWORD opts, DWORD allowed)
{
	if (!(opts & ~allowed))
		return ERROR_SUCCESS;
	rt_refuse_quietly(ERROR_NOT_SUPPORTED, fn,
			  "volatile keys, links and backup-restore opening");
	return ERROR_NOT_SUPPORTED;
}

LONG WINAPI w32_RegOpenKeyExW(HANDLE key, LPCWSTR sub, DWORD opts, DWORD access,
			      HANDLE *out)
{
	REG_ENTRY();
	struct rt_key *rk = 0;
	struct rs_key *k;
	WCHAR *path = 0;
	size_t n;
	LONG r;

	if (!out)
		return ERROR_INVALID_PARAMETER;
	*out = 0;
	if ((r = refuse_options(reg_fn, opts, ~REG_OPTION_OPEN_LINK)))
		return r;
	rs_lock();
	if (!(r = reg_key_get(key, 0, &rk)) &&
	    !(r = reg_subpath(sub, &path, &n)) &&
	    !(r = reg_refuse_view(reg_fn, rk, path, n, access)) &&
	    !(r = rs_sync(reg_hive(rk))) && !(r = reg_key_find(rk, &k))) {
		k = reg_find(k, path, n);
		r = k ? reg_new_handle(rk, path, n, k->id, key_access(access),
				       out)
		      : ERROR_FILE_NOT_FOUND;
	}
	rs_unlock();
	free(path);
	free(rk);
	return r;
}

LONG WINAPI w32_RegOpenKeyExA(HANDLE key, LPCSTR sub, DWORD opts, DWORD access,
			      HANDLE *out)
{
	WNAMES(sub, 0);
	r = w32_RegOpenKeyExW(key, wa, opts, access, out);
	WDONE();
}

/* RegOpenKey and RegCreateKey give the key itself back for no subkey. */
LONG WINAPI w32_RegOpenKeyW(HANDLE key, LPCWSTR sub, HANDLE *out)
{
	REG_ENTRY();
	if (!out)
		return ERROR_INVALID_PARAMETER;
	if (!sub || !*sub) {
		struct rt_key *rk;
		LONG r;

		rs_lock();
		r = reg_key_get(key, 0, &rk);
		rs_unlock();
		free(rk);
		*out = r ? 0 : key;
		return r;
	}
	return reg_refused(
		w32_RegOpenKeyExW(key, sub, 0, REG_MAXIMUM_ALLOWED, out),
		__func__ + 4);
}

LONG WINAPI w32_RegOpenKeyA(HANDLE key, LPCSTR sub, HANDLE *out)
{
	WNAMES(sub, 0);
	r = w32_RegOpenKeyW(key, wa, out);
	WDONE();
}

LONG WINAPI w32_RegCreateKeyExW(HANDLE key, LPCWSTR sub, DWORD res, LPWSTR cls,
				DWORD opts, DWORD access, void *sa, HANDLE *out,
				DWORD *disp)
{
	REG_ENTRY();
	const SECURITY_ATTRIBUTES *s = sa;
	struct rt_key *rk = 0;
	struct rs_key *k;
	WCHAR *path = 0;
	size_t n;
	LONG r;
	int made = 0;

	if (!out)
		return ERROR_INVALID_PARAMETER;
	*out = 0;
	if ((r = refuse_options(reg_fn, opts, 0)))
		return r;
	if ((cls && *cls) ||
	    (s && (s->lpSecurityDescriptor || s->bInheritHandle)))
		return rt_refuse_quietly(ERROR_NOT_SUPPORTED, reg_fn,
					 "a class, a security descriptor, an "
					 "inheritable handle"),
		       ERROR_NOT_SUPPORTED;
	rs_lock();
	if (!(r = reg_subpath(sub, &path, &n)) &&
	    !(r = reg_key_get(key, 0, &rk)) &&
	    !(r = reg_refuse_view(reg_fn, rk, path, n, access))) {
		free(rk);
		rk = 0;
		r = reg_open_write(key, 0, &rk, &k);
	}
	if (!r) {
		/* the parent's handle needs the right to create only when
		 * a key is made */
		if (!reg_find(k, path, n) && !(rk->access & KEY_CREATE_SUB_KEY))
			r = ERROR_ACCESS_DENIED;
		if (!r && !(k = reg_make(reg_hive(rk), k, path, n, &made))) {
			r = ERROR_OUTOFMEMORY;
			reg_hive(rk)->loaded = 0; /* drop what was made */
		}
		if (!r)
			r = rs_commit(reg_hive(rk), made);
		else
			rs_commit(reg_hive(rk), 0);
		if (!r)
			r = reg_new_handle(rk, path, n, k->id,
					   key_access(access), out);
	}
	rs_unlock();
	if (!r && disp)
		*disp = made ? REG_CREATED_NEW_KEY : REG_OPENED_EXISTING_KEY;
	free(path);
	free(rk);
	(void)res; /* reserved, as Windows has it */
	return r;
}

LONG WINAPI w32_RegCreateKeyExA(HANDLE key, LPCSTR sub, DWORD res, LPSTR cls,
				DWORD opts, DWORD access, void *sa, HANDLE *out,
				DWORD *disp)
{
	WNAMES(sub, cls);
	r = w32_RegCreateKeyExW(key, wa, res, wb, opts, access, sa, out, disp);
	WDONE();
}

LONG WINAPI w32_RegCreateKeyW(HANDLE key, LPCWSTR sub, HANDLE *out)
{
	REG_ENTRY();
	if (!out)
		return ERROR_INVALID_PARAMETER;
	if (!sub || !*sub)
		return reg_refused(w32_RegOpenKeyW(key, sub, out),
				   __func__ + 4);
	return reg_refused(w32_RegCreateKeyExW(key, sub, 0, 0, 0,
					       REG_MAXIMUM_ALLOWED, 0, out, 0),
			   __func__ + 4);
}

LONG WINAPI w32_RegCreateKeyA(HANDLE key, LPCSTR sub, HANDLE *out)
{
	WNAMES(sub, 0);
	r = w32_RegCreateKeyW(key, wa, out);
	WDONE();
}

LONG WINAPI w32_RegOpenCurrentUser(DWORD access, HANDLE *out)
{
	REG_ENTRY();
	return w32_RegOpenKeyExW((HANDLE)(intptr_t)(int32_t)HKEY_CURRENT_USER_V,
				 0, 0, access, out);
}

LONG WINAPI w32_RegCloseKey(HANDLE key)
{
	REG_ENTRY();
	struct rt_object *o;

	if (reg_is_predefined(key))
		return ERROR_SUCCESS;
	if (!(o = reg_key_object(key)))
		return ERROR_INVALID_HANDLE;
	rt_object_put(o);
	return rt_handle_close(key) ? ERROR_INVALID_HANDLE : ERROR_SUCCESS;
}

/* Every change is on disk when its call returns (rs_commit). */
LONG WINAPI w32_RegFlushKey(HANDLE key)
{
	REG_ENTRY();
	struct rt_key *rk;
	LONG r;

	rs_lock();
	r = reg_key_get(key, 0, &rk);
	rs_unlock();
	free(rk);
	return r;
}

/* Deletes the key sub (NULL or "": key itself) under key; with tree,
 * what is under it first (RegDeleteTree: and only that when sub is
 * NULL). */
static LONG delete_key(HANDLE key, LPCWSTR sub, int tree)
{
	struct rt_key *rk = 0;
	struct rs_key *k, *parent;
	WCHAR *path = 0;
	size_t n, at;
	LONG r;
	int changed = 0;
	/* RegDeleteTree of the handle's own key reads and empties it */
	DWORD need = tree && !sub
		? KEY_QUERY_VALUE | KEY_ENUMERATE_SUB_KEYS | KEY_SET_VALUE
		: 0;

	rs_lock();
	if ((r = reg_subpath(sub, &path, &n)))
		goto out;
	/* Deleting needs no right of the handle given: Windows opens the
	 * key (even the handle's own, sub "") anew with DELETE. */
	if ((r = reg_open_write(key, need, &rk, &k)))
		goto out;
	parent = k;
	if (n && !(k = reg_find(k, path, n))) {
		r = ERROR_FILE_NOT_FOUND;
	} else if (tree) {
		while (k->nsubs)
			rs_sub_remove(k, k->nsubs - 1);
		while (k->nvals)
			rs_val_remove(k, k->nvals - 1);
		k->time = rs_now();
		changed = 1;
	} else if (k->nsubs) {
		r = ERROR_ACCESS_DENIED; /* Windows deletes leaves only */
	}
	if (!r && !(tree && !sub)) {
		/* the key itself: its parent is path's but the last name */
		size_t last = n;

		if (!n) {
			/* key itself: from its own path */
			parent = reg_hive(rk)->root;
			last = rk->pathlen;
			while (last && rk->path[last - 1] != '\\')
				last--;
			if (!rk->pathlen) {
				r = ERROR_ACCESS_DENIED; /* a hive's root */
				goto done;
			}
			parent =
				reg_find(parent, rk->path, last ? last - 1 : 0);
		} else {
			while (last && path[last - 1] != '\\')
				last--;
			parent = reg_find(parent, path, last ? last - 1 : 0);
		}
		if (rs_sub_find(parent, k->name, k->namelen, &at)) {
			rs_sub_remove(parent, at);
			parent->time = rs_now();
			changed = 1;
		}
	}
done : {
	LONG c = rs_commit(reg_hive(rk), changed);

	r = r ? r : c;
}
out:
	rs_unlock();
	free(path);
	free(rk);
	return r;
}

LONG WINAPI w32_RegDeleteKeyW(HANDLE key, LPCWSTR sub)
{
	REG_ENTRY();
	return sub ? delete_key(key, sub, 0) : ERROR_INVALID_PARAMETER;
}

LONG WINAPI w32_RegDeleteKeyA(HANDLE key, LPCSTR sub)
{
	WNAMES(sub, 0);
	r = sub ? w32_RegDeleteKeyW(key, wa) : ERROR_INVALID_PARAMETER;
	WDONE();
}

LONG WINAPI w32_RegDeleteKeyExW(HANDLE key, LPCWSTR sub, DWORD access,
				DWORD res)
{
	REG_ENTRY();
	struct rt_key *rk = 0;
	LONG r;

	(void)res; /* reserved, as Windows has it */
	rs_lock();
	if (!(r = reg_key_get(key, 0, &rk)))
		r = reg_refuse_view(reg_fn, rk, sub, sub ? rt_wcslen(sub) : 0,
				    access);
	rs_unlock();
	free(rk);
	return r ? r : reg_refused(w32_RegDeleteKeyW(key, sub), __func__ + 4);
}

LONG WINAPI w32_RegDeleteKeyExA(HANDLE key, LPCSTR sub, DWORD access, DWORD res)
{
	WNAMES(sub, 0);
	r = sub ? w32_RegDeleteKeyExW(key, wa, access, res)
		: ERROR_INVALID_PARAMETER;
	WDONE();
}

LONG WINAPI w32_RegDeleteTreeW(HANDLE key, LPCWSTR sub)
{
	REG_ENTRY();
	return delete_key(key, sub, 1);
}

LONG WINAPI w32_RegDeleteTreeA(HANDLE key, LPCSTR sub)
{
	WNAMES(sub, 0);
	r = w32_RegDeleteTreeW(key, wa);
	WDONE();
}
