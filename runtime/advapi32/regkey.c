/*
 * regkey.c — what a registry key handle names, for the functions of
 * registry.c, regvalue.c and reggetvalue.c: the predefined keys, the
 * handles of the handle table (RT_H_KEY), subkey paths.
 *
 * A key handle names its key by hive, path and id, with the access it
 * was opened for: the tree may be read again from its file by any call
 * (another process changed it), so a handle keeps no pointer into it,
 * and a key that was deleted, even if one of the same name was created
 * since, is ERROR_KEY_DELETED through its old handles, as on Windows.
 *
 * The predefined keys: HKEY_CURRENT_USER and HKEY_LOCAL_MACHINE are the
 * roots of their hives, HKEY_CLASSES_ROOT is HKLM\Software\Classes (as
 * Wine 8 has it), HKEY_CURRENT_CONFIG is HKLM\System\CurrentControlSet\
 * Hardware Profiles\Current (as Windows links it).  HKEY_USERS would
 * need the user's SID, which dllshare has not: it is refused, with
 * HKEY_PERFORMANCE_DATA and HKEY_DYN_DATA.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/advapi32/advapi32.h"
#include "runtime/advapi32/regstore.h"
#include "runtime/kernel32/kernel32.h"

__thread const char *reg_fn = "registry";

static const struct {
	unsigned hkey;
	int hive;
	const char *path;
} predefined[] = {
	{HKEY_CLASSES_ROOT_V, RS_HKLM, "Software\\Classes"},
	{HKEY_CURRENT_USER_V, RS_HKCU, ""},
	{HKEY_LOCAL_MACHINE_V, RS_HKLM, ""},
	{HKEY_CURRENT_CONFIG_V, RS_HKLM,
	 "System\\CurrentControlSet\\Hardware Profiles\\Current"},
};

int reg_is_predefined(HANDLE key)
{
	intptr_t k = (intptr_t)key;

	/* LONGs cast to a handle: they arrive sign-extended */
	return k >= (int32_t)HKEY_CLASSES_ROOT_V &&
		k <= (int32_t)HKEY_DYN_DATA_V;
}

static struct rt_key *rk_new(int hive, uint64_t id, DWORD access,
			     const WCHAR *path, size_t n)
{
	struct rt_key *k = malloc(sizeof(*k) + (n + 1) * sizeof(WCHAR));

	if (!k)
		return 0;
	k->hive = hive;
	k->id = id;
	k->access = access;
	k->pathlen = n;
	memcpy(k->path, path, n * sizeof(WCHAR));
	k->path[n] = 0;
	return k;
}

struct rs_key *reg_find(struct rs_key *k, const WCHAR *path, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; k && i <= n; i++) {
		if (i < n && path[i] != '\\')
			continue;
		if (i > start)
			k = rs_sub_find(k, path + start, i - start, 0);
		start = i + 1;
	}
	return k;
}

struct rs_key *reg_make(struct rs_hive *h, struct rs_key *k, const WCHAR *path,
			size_t n, int *made)
{
	struct rs_key *s;
	size_t start = 0, at;

	*made = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && path[i] != '\\')
			continue;
		if (i > start) {
			s = rs_sub_find(k, path + start, i - start, &at);
			*made = !s;
			if (!s) {
				if (!(s = rs_key_new(path + start, i - start)))
					return 0;
				if (rs_sub_insert(k, at, s)) {
					rs_key_free(s);
					return 0;
				}
				s->id = h->next_id++;
				s->time = k->time = rs_now();
			}
			k = s;
		}
		start = i + 1;
	}
	return k;
}

struct rt_object *reg_key_object(HANDLE h)
{
	DWORD e = w32_GetLastError();
	struct rt_object *o = rt_handle_get(h, RT_H_KEY);

	rt_set_last_error(e);
	return o;
}

static LONG refuse_root(HANDLE key)
{
	const char *name =
		(uintptr_t)key == (uintptr_t)(intptr_t)(int32_t)HKEY_USERS_V
		? "HKEY_USERS (no user SIDs)"
		: "HKEY_PERFORMANCE_DATA and HKEY_DYN_DATA";

	rt_refuse_quietly(ERROR_NOT_SUPPORTED, reg_fn, name);
	return ERROR_NOT_SUPPORTED;
}

LONG reg_key_get(HANDLE key, DWORD need, struct rt_key **out)
{
	struct rt_object *o;

	*out = 0;
	if (reg_is_predefined(key)) {
		for (size_t i = 0; i < sizeof predefined / sizeof *predefined;
		     i++) {
			WCHAR w[64];
			size_t n = strlen(predefined[i].path);
			struct rs_hive *h = &rs_hives[predefined[i].hive];
			struct rs_key *k;
			LONG r;
			int made;

			if ((uintptr_t)key !=
			    (uintptr_t)(intptr_t)(int32_t)predefined[i].hkey)
				continue;
			for (size_t j = 0; j <= n; j++)
				w[j] = (WCHAR)(unsigned char)predefined[i]
					       .path[j];
			/* a hive's root is always there, with id 1 */
			if (!n) {
				*out = rk_new(predefined[i].hive, 1,
					      KEY_ALL_ACCESS, w, 0);
				return *out ? ERROR_SUCCESS : ERROR_OUTOFMEMORY;
			}
			if ((r = rs_sync(h)))
				return r;
			/* Windows always has them: made on first use */
			if (!(k = reg_find(h->root, w, n))) {
				if ((r = rs_begin(h)))
					return r;
				if (!(k = reg_make(h, h->root, w, n, &made))) {
					h->loaded = 0; /* drop what was made */
					rs_commit(h, 0);
					return ERROR_OUTOFMEMORY;
				}
				if ((r = rs_commit(h, 1)))
					return r;
			}
			*out = rk_new(predefined[i].hive, k->id, KEY_ALL_ACCESS,
				      w, n);
			return *out ? ERROR_SUCCESS : ERROR_OUTOFMEMORY;
		}
		return refuse_root(key);
	}
	if (!(o = reg_key_object(key)))
		return ERROR_INVALID_HANDLE;
	*out = rk_new(o->key->hive, o->key->id, o->key->access, o->key->path,
		      o->key->pathlen);
	rt_object_put(o);
	if (!*out)
		return ERROR_OUTOFMEMORY;
	if (need & ~(*out)->access) {
		free(*out);
		*out = 0;
		return ERROR_ACCESS_DENIED;
	}
	return ERROR_SUCCESS;
}

LONG reg_key_find(const struct rt_key *rk, struct rs_key **k)
{
	*k = reg_find(rs_hives[rk->hive].root, rk->path, rk->pathlen);
	if (!*k || (*k)->id != rk->id)
		return ERROR_KEY_DELETED;
	return ERROR_SUCCESS;
}

LONG reg_open_read(HANDLE key, DWORD need, struct rt_key **rk,
		   struct rs_key **k)
{
	LONG r = reg_key_get(key, need, rk);

	if (!r)
		r = rs_sync(&rs_hives[(*rk)->hive]);
	if (!r)
		r = reg_key_find(*rk, k);
	return r;
}

LONG reg_open_write(HANDLE key, DWORD need, struct rt_key **rk,
		    struct rs_key **k)
{
	LONG r = reg_key_get(key, need, rk);

	if (r)
		return r;
	if ((r = rs_begin(&rs_hives[(*rk)->hive])))
		return r;
	if ((r = reg_key_find(*rk, k)))
		rs_commit(&rs_hives[(*rk)->hive], 0);
	return r;
}

LONG reg_subpath(const WCHAR *sub, WCHAR **out, size_t *n)
{
	size_t len = sub ? rt_wcslen(sub) : 0, m = 0, start = 0;
	WCHAR *p;

	*out = 0;
	*n = 0;
	if (len && sub[0] == '\\')
		return ERROR_BAD_PATHNAME;
	if (!(p = malloc((len + 1) * sizeof(WCHAR))))
		return ERROR_OUTOFMEMORY;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && sub[i] != '\\')
			continue;
		if (i - start > RS_MAX_KEY_NAME) {
			free(p);
			return ERROR_INVALID_PARAMETER;
		}
		if (i > start) {
			if (m)
				p[m++] = '\\';
			memcpy(p + m, sub + start, (i - start) * sizeof(WCHAR));
			m += i - start;
		}
		start = i + 1;
	}
	p[m] = 0;
	*out = p;
	*n = m;
	return ERROR_SUCCESS;
}

struct rs_hive *reg_hive(const struct rt_key *rk)
{
	return &rs_hives[rk->hive];
}

DWORD reg_access(const struct rt_key *rk)
{
	return rk->access;
}

LONG reg_new_handle(const struct rt_key *parent, const WCHAR *sub, size_t n,
		    uint64_t id, DWORD access, HANDLE *out)
{
	size_t m = parent->pathlen + (parent->pathlen && n) + n;
	WCHAR *p = malloc((m + 1) * sizeof(WCHAR));
	struct rt_object *o;

	if (!p)
		return ERROR_OUTOFMEMORY;
	memcpy(p, parent->path, parent->pathlen * sizeof(WCHAR));
	if (parent->pathlen && n)
		p[parent->pathlen] = '\\';
	if (n)
		memcpy(p + m - n, sub, n * sizeof(WCHAR));
	o = rt_object_new(RT_H_KEY);
	if (o)
		o->key = rk_new(parent->hive, id, access, p, m);
	free(p);
	if (!o || !o->key) {
		if (o)
			rt_object_put(o);
		return ERROR_OUTOFMEMORY;
	}
	*out = rt_handle_new(o);
	return *out ? ERROR_SUCCESS : ERROR_TOO_MANY_OPEN_FILES;
}

/* KEY_WOW64_32KEY asks a 64-bit program for the 32-bit view, which on
 * Windows is another key under HKLM\Software (Wow6432Node); dllshare has
 * one view only. */
LONG reg_refuse_view(const char *fn, const struct rt_key *rk, const WCHAR *sub,
		     size_t n, DWORD access)
{
	static const WCHAR sw[] = {'S', 'o', 'f', 't', 'w', 'a', 'r', 'e'};
	WCHAR first[9];
	size_t m = 0;

	/* both flags: the 64-bit view (Wine accepts them together) */
	if ((access & (KEY_WOW64_32KEY | KEY_WOW64_64KEY)) != KEY_WOW64_32KEY ||
	    rk->hive != RS_HKLM)
		return ERROR_SUCCESS;
	/* the first name of the full path */
	for (size_t i = 0; i < rk->pathlen && rk->path[i] != '\\' && m < 9; i++)
		first[m++] = rk->path[i];
	for (size_t i = 0; !rk->pathlen && i < n && sub[i] != '\\' && m < 9;
	     i++)
		first[m++] = sub[i];
	if (rs_namecmp(first, m, sw, 8))
		return ERROR_SUCCESS;
	rt_refuse_quietly(ERROR_NOT_SUPPORTED, fn,
			  "KEY_WOW64_32KEY under HKLM\\Software (one view)");
	return ERROR_NOT_SUPPORTED;
}

LONG reg_refused(LONG r, const char *fn)
{
	if (r == ERROR_NOT_SUPPORTED)
		rt_refuse_quietly(ERROR_NOT_SUPPORTED, fn,
				  "what the function it called refused");
	return r;
}
