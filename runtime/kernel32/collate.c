/*
 * collate.c — kernel32: the order of strings in a locale as Windows sorts
 * them: CompareStringA/W, and LCMapStringA/W's LCMAP_SORTKEY, the key
 * whose byte order is that order (CompareString compares the keys).
 *
 * A key has a level for each kind of difference, compared in turn: the
 * letters (two-byte primary weights; "ß" has two, as "ss"; hyphens,
 * apostrophes and control characters have none unless SORT_STRINGSORT),
 * then their diacritics, then their case, an empty fourth level, then
 * the special weights of the characters the first level left out, each
 * after its position (0xffff less the primary weights before it), so
 * that "coop" < "co-op" < "cop".  Levels end with 1, the key with 0;
 * trailing diacritic and case weights of 2 (none, lower case) are left
 * out, and French compares diacritics from the end of the string.  Each
 * character's part is measured from Wine (sortkey_data.h, by
 * runtime/nls/regen.sh, which checks that keys composed this way equal
 * Wine's for random strings in every locale and with every flag taken
 * here).
 *
 * Known limits, refused with ERROR_NOT_SUPPORTED: the locales of msvcrt's
 * table only (LOCALE_USER_DEFAULT, LOCALE_SYSTEM_DEFAULT and LANG_NEUTRAL
 * are the defaults of locale.c); flags other than
 * NORM_IGNORECASE and SORT_STRINGSORT; characters outside Windows-1252's
 * repertoire (U+0000-U+00FF and its 27 others); LCMapString mappings
 * other than LCMAP_SORTKEY; special characters after 65535 primary
 * weights.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/kernel32/k32int.h"

#define SORT_STRINGSORT	    0x00001000
#define LCMAP_SORTKEY	    0x00000400
#define ERROR_INVALID_FLAGS 1004
#define ANSI_CP		    1252 /* every locale of the table's */

/* A character's part of a key (see the top): n slots, each a primary
 * weight, a diacritic weight and a case weight (another with
 * NORM_IGNORECASE); with n == 0, a special weight, or nothing (the
 * character is ignored: U+0000, the soft hyphen). */
struct sort_char {
	int n;
	BYTE l1[2][2], l2[2], l3[2], l3ic[2];
	BYTE special;
};

/* A locale whose weight for a character differs from sort_base's. */
struct sort_change {
	ULONG lcid;
	int index;
	struct sort_char c;
};

struct sort_locale {
	ULONG lcid;
	int reverse_diacritics;
};

#include "runtime/kernel32/sortkey_data.h"

#define NSORT_LOCALES (sizeof(sort_locales) / sizeof(sort_locales[0]))
#define MAX_KEY(n)    (12 * (n) + 8) /* bytes: see sort_key */

/* The table's locale for lcid; NULL (refused under fn's name) for
 * another. */
static const struct sort_locale *find_locale(const char *fn, DWORD lcid)
{
	if (lcid == LOCALE_NEUTRAL || lcid == LOCALE_USER_DEFAULT)
		lcid = w32_GetUserDefaultLCID();
	else if (lcid == LOCALE_SYSTEM_DEFAULT)
		lcid = w32_GetSystemDefaultLCID();
	for (size_t i = 0; i < NSORT_LOCALES; i++)
		if (sort_locales[i].lcid == lcid)
			return &sort_locales[i];
	rt_refuse(ERROR_NOT_SUPPORTED, fn,
		  "locale 0x%04x (only the Western locales of msvcrt's table)",
		  lcid);
	return 0;
}

/* TRUE when flags are all implemented; else refused (FALSE). */
static BOOL flags_ok(const char *fn, DWORD flags, DWORD more)
{
	if (!(flags & ~(NORM_IGNORECASE | SORT_STRINGSORT | more)))
		return TRUE;
	return rt_refuse(ERROR_NOT_SUPPORTED, fn, "flags 0x%x",
			 flags & ~(NORM_IGNORECASE | SORT_STRINGSORT | more));
}

/* c's weights in loc; NULL for a character outside the table. */
static const struct sort_char *weights(const struct sort_locale *loc,
				       WCHAR c)
{
	int idx = -1;

	if (c < 0x100) {
		idx = c;
	} else {
		for (int k = 0; k < 27; k++)
			if (sort_extra[k] == c)
				idx = 256 + k;
		if (idx < 0)
			return 0;
	}
	for (size_t i = 0; i < sizeof(sort_changes) / sizeof(sort_changes[0]);
	     i++)
		if (sort_changes[i].lcid == loc->lcid &&
		    sort_changes[i].index == idx)
			return &sort_changes[i].c;
	return &sort_base[idx];
}

/* s's sort key (n units) into out, which has MAX_KEY(n) bytes; its
 * length with the final 0, or 0 (refused under fn's name) when a
 * character is outside the table. */
static size_t sort_key(const char *fn, const struct sort_locale *loc,
		       DWORD flags, const WCHAR *s, size_t n, BYTE *out)
{
	/* The levels after the first go after it in out; they are built
	 * in scratch space at its end first. */
	BYTE *l2 = out + 4 * n + 8, *l3 = l2 + 2 * n, *sp = l3 + 2 * n;
	size_t k = 0, n2 = 0, n3 = 0, nsp = 0, units = 0;

	for (size_t i = 0; i < n; i++) {
		const struct sort_char *c = weights(loc, s[i]);

		if (!c) {
			rt_refuse(ERROR_NOT_SUPPORTED, fn,
				  "character U+%04X (only Windows-1252's)",
				  s[i]);
			return 0;
		}
		if (c->special && (flags & SORT_STRINGSORT)) {
			out[k++] = 6;
			out[k++] = c->special;
			l2[n2++] = 2;
			l3[n3++] = 2;
			units++;
		} else if (c->special) {
			if (units > 0xffff) {
				rt_refuse(ERROR_NOT_SUPPORTED, fn,
					  "a special character after 65535 "
					  "letters");
				return 0;
			}
			sp[nsp++] = (BYTE)((0xffff - units) >> 8);
			sp[nsp++] = (BYTE)(0xffff - units);
			sp[nsp++] = c->special;
			sp[nsp++] = 0x12;
		}
		for (int j = 0; j < c->n; j++) {
			out[k++] = c->l1[j][0];
			out[k++] = c->l1[j][1];
			l2[n2++] = c->l2[j];
			l3[n3++] = flags & NORM_IGNORECASE ? c->l3ic[j]
							   : c->l3[j];
			units++;
		}
	}
	if (loc->reverse_diacritics)
		for (size_t i = 0; i < n2 / 2; i++) {
			BYTE t = l2[i];

			l2[i] = l2[n2 - 1 - i];
			l2[n2 - 1 - i] = t;
		}
	while (n2 && l2[n2 - 1] == 2)
		n2--;
	while (n3 && l3[n3 - 1] == 2)
		n3--;
	/* k <= 4n, so each part moves down (or stays) as it is placed. */
	out[k++] = 1;
	memmove(out + k, l2, n2);
	k += n2;
	out[k++] = 1;
	memmove(out + k, l3, n3);
	k += n3;
	out[k++] = 1;
	out[k++] = 1;
	memmove(out + k, sp, nsp);
	k += nsp;
	out[k++] = 0;
	return k;
}

/* A block for the key of n units: buf when it is big enough, else
 * malloc'd (NULL with ERROR_NOT_ENOUGH_MEMORY). */
static BYTE *key_space(size_t n, BYTE *buf, size_t size)
{
	BYTE *p;

	if (MAX_KEY(n) <= size)
		return buf;
	p = malloc(MAX_KEY(n));
	if (!p)
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return p;
}

static size_t wlen(const WCHAR *s, int n)
{
	return n < 0 ? rt_wcslen(s) : (size_t)n;
}

static int compare(const char *fn, DWORD lcid, DWORD flags, const WCHAR *a,
		   size_t na, const WCHAR *b, size_t nb)
{
	const struct sort_locale *loc = find_locale(fn, lcid);
	BYTE abuf[1024], bbuf[1024], *ka = 0, *kb = 0;
	size_t la, lb;
	int r = 0, m;

	if (!loc || !flags_ok(fn, flags, 0))
		return 0;
	ka = key_space(na, abuf, sizeof(abuf));
	kb = key_space(nb, bbuf, sizeof(bbuf));
	if (!ka || !kb)
		goto out;
	la = sort_key(fn, loc, flags, a, na, ka);
	lb = la ? sort_key(fn, loc, flags, b, nb, kb) : 0;
	if (!la || !lb)
		goto out;
	m = memcmp(ka, kb, la < lb ? la : lb);
	if (!m)
		m = la < lb ? -1 : la > lb;
	r = m < 0 ? CSTR_LESS_THAN : m > 0 ? CSTR_GREATER_THAN : CSTR_EQUAL;
out:
	if (ka != abuf)
		free(ka);
	if (kb != bbuf)
		free(kb);
	return r;
}

/* CompareStringW: 1, 2 or 3 (CSTR_LESS_THAN, CSTR_EQUAL,
 * CSTR_GREATER_THAN) as a sorts before, with or after b; a length of -1
 * reads up to the NUL.  0 with the last error on a bad argument or one
 * refused (see the top). */
INT WINAPI w32_CompareStringW(DWORD lcid, DWORD flags, LPCWSTR a, INT na,
			      LPCWSTR b, INT nb)
{
	return rt_k32_compare_w("CompareStringW", lcid, flags, a, na, b, nb);
}

INT rt_k32_compare_w(const char *fn, DWORD lcid, DWORD flags, LPCWSTR a,
		     INT na, LPCWSTR b, INT nb)
{
	if (!a || !b) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	return compare(fn, lcid, flags, a, wlen(a, na), b, wlen(b, nb));
}

/* s (n bytes, -1: up to the NUL) as Windows-1252, the table's locales'
 * ANSI code page: a malloc'd string of *len units, NULL when out of
 * memory. */
static WCHAR *widen(LPCSTR s, INT n, size_t *len)
{
	size_t m = n < 0 ? strlen(s) : (size_t)n;
	WCHAR *w = malloc((m + 1) * sizeof(WCHAR));

	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	if (m && w32_MultiByteToWideChar(ANSI_CP, 0, s, (INT)m, w, (INT)m) !=
			 (INT)m) {
		free(w);
		return 0;
	}
	*len = m;
	return w;
}

/* CompareStringA: CompareStringW of the strings as the locale's ANSI
 * code page (1252) reads them. */
INT WINAPI w32_CompareStringA(DWORD lcid, DWORD flags, LPCSTR a, INT na,
			      LPCSTR b, INT nb)
{
	return rt_k32_compare_a("CompareStringA", lcid, flags, a, na, b, nb);
}

INT rt_k32_compare_a(const char *fn, DWORD lcid, DWORD flags, LPCSTR a,
		     INT na, LPCSTR b, INT nb)
{
	WCHAR *wa, *wb;
	size_t la = 0, lb = 0;
	int r = 0;

	if (!a || !b) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	wa = widen(a, na, &la);
	wb = wa ? widen(b, nb, &lb) : 0;
	if (wa && wb)
		r = compare(fn, lcid, flags, wa, la, wb, lb);
	free(wa);
	free(wb);
	return r;
}

/* The sort key of s (n units) into dst (size bytes; 0 asks the size):
 * the bytes written, with the final 0; 0 with the last error. */
static INT map_key(const char *fn, DWORD lcid, DWORD flags, const WCHAR *s,
		   size_t n, BYTE *dst, INT size)
{
	const struct sort_locale *loc = find_locale(fn, lcid);
	BYTE buf[1024], *key;
	size_t len;
	INT r = 0;

	if (!loc)
		return 0;
	key = key_space(n, buf, sizeof(buf));
	if (!key)
		return 0;
	len = sort_key(fn, loc, flags & ~LCMAP_SORTKEY, s, n, key);
	if (len && size && (size_t)size < len) {
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
	} else if (len) {
		if (size)
			memcpy(dst, key, len);
		r = (INT)len;
	}
	if (key != buf)
		free(key);
	return r;
}

/* Whether LCMapString's arguments are ones it takes: LCMAP_SORTKEY only
 * (refused otherwise), a source of at least one unit. */
static BOOL map_args_ok(const char *fn, DWORD flags, const void *src, INT n,
			const void *dst, INT size)
{
	if (!src || n == 0 || size < 0 || (size && !dst)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!(flags & LCMAP_SORTKEY))
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "mapping 0x%x (only LCMAP_SORTKEY)", flags);
	return flags_ok(fn, flags, LCMAP_SORTKEY);
}

/* LCMapStringW with LCMAP_SORTKEY: the key of src (n units, -1: up to
 * and with its NUL) into dst, taken as bytes (size of them; 0 asks the
 * size); the bytes written or needed, 0 with the last error. */
INT WINAPI w32_LCMapStringW(DWORD lcid, DWORD flags, LPCWSTR src, INT n,
			    LPWSTR dst, INT size)
{
	if (!map_args_ok("LCMapStringW", flags, src, n, dst, size))
		return 0;
	return map_key("LCMapStringW", lcid, flags, src,
		       n < 0 ? rt_wcslen(src) + 1 : (size_t)n, (BYTE *)dst,
		       size);
}

/* LCMapStringA with LCMAP_SORTKEY: the key of src read as Windows-1252. */
INT WINAPI w32_LCMapStringA(DWORD lcid, DWORD flags, LPCSTR src, INT n,
			    LPSTR dst, INT size)
{
	WCHAR *w;
	size_t len = 0;
	INT r;

	if (!map_args_ok("LCMapStringA", flags, src, n, dst, size))
		return 0;
	w = widen(src, n < 0 ? (INT)strlen(src) + 1 : n, &len);
	if (!w)
		return 0;
	r = map_key("LCMapStringA", lcid, flags, w, len, (BYTE *)dst, size);
	free(w);
	return r;
}
