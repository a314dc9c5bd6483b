/*
 * resource.c — kernel32: a module's resources — FindResource(Ex),
 * LoadResource, LockResource, SizeofResource, FreeResource — read from
 * the image as it is mapped (pe/resources.c walks the directory).
 *
 * An HANDLE is the address of the resource's data entry in the image, as
 * on Windows, and the memory LoadResource gives is the resource's own
 * bytes in the image: nothing is copied, nothing needs freeing.  A DLL
 * loaded as a data file or an image resource (datafile.c) is read the
 * same way, through its mapping (a flat file: RVAs go through the
 * section table).  A type
 * or name is an integer (MAKEINTRESOURCE), "#123", or a name compared
 * ignoring case.  Without a language the search tries the neutral ones,
 * then the user's (English, United States, the only one here), then
 * takes the first there is, as Wine does.
 */
#include <stdlib.h>
#include <string.h>

#include "pe/pe.h"
#include "runtime/kernel32/k32int.h"

#define ERROR_RESOURCE_DATA_NOT_FOUND 1812
#define ERROR_RESOURCE_TYPE_NOT_FOUND 1813
#define ERROR_RESOURCE_NAME_NOT_FOUND 1814
#define ERROR_RESOURCE_LANG_NOT_FOUND 1815

/* The image of module h (NULL: the program) as mapped, or of a DLL
 * loaded as a data file (datafile.c; a flat file view unless laid out
 * as an image): 0 when h is neither. */
static int image_of(HMODULE h, struct pe_image *img)
{
	struct ld_view *v;
	struct pe_error err;
	const uint8_t *base;
	size_t len;
	int image;

	if (!h)
		h = ld_module_handle(ld_module_find(0));
	if (rt_k32_datafile_view(h, &base, &len, &image))
		return (image ? pe_parse_mapped(base, len, img, &err)
			      : pe_parse(base, len, img, &err)) == 0;
	v = ld_view_at(h);
	if (!v || (base = ld_view_base(v)) != (const uint8_t *)h)
		return 0;
	return pe_parse_mapped(base, ld_view_size(v), img, &err) == 0;
}

/* A type or name argument as the parser takes it; *owned to free. */
static int res_id(const WCHAR *w, struct pe_res_id *id)
{
	memset(id, 0, sizeof *id);
	if ((uintptr_t)w < 0x10000) {
		id->id = (uint16_t)(uintptr_t)w;
		return 1;
	}
	if (w[0] == '#') {
		unsigned long n = 0;
		const WCHAR *p = w + 1;

		while (*p >= '0' && *p <= '9' && n < 0x10000)
			n = n * 10 + (unsigned long)(*p++ - '0');
		if (*p || p == w + 1 || n >= 0x10000)
			return 0;
		id->id = (uint16_t)n;
		return 1;
	}
	id->name = (const uint16_t *)w;
	while (w[id->len])
		id->len++;
	return 1;
}

int rt_k32_find_resource(HMODULE h, const WCHAR *type, const WCHAR *name,
			 WORD lang, int any_lang, struct pe_resource *res)
{
	/* LANG_NEUTRAL, SUBLANG_DEFAULT, SUBLANG_SYS_DEFAULT, en-US, en. */
	static const uint16_t neutral[] = {0x0000, 0x0400, 0x0800, 0x0409,
					   0x0009};
	uint16_t asked[2] = {lang, (uint16_t)(lang & 0x3ff)};
	struct pe_res_id t, n;
	struct pe_image img;
	struct pe_error err;
	int rc;

	if (!res_id(type, &t) || !res_id(name, &n)) {
		rt_set_last_error(ERROR_RESOURCE_NAME_NOT_FOUND);
		return -1;
	}
	if (!image_of(h, &img)) {
		/* A built-in DLL has no resources to look in. */
		rt_set_last_error(ld_module_from_handle(h)
					  ? ERROR_RESOURCE_TYPE_NOT_FOUND
					  : ERROR_INVALID_HANDLE);
		return -1;
	}
	if (any_lang || !lang) {
		rc = pe_resource_find(&img, &t, &n, neutral, 5, res, &err);
		if (rc == PE_ENOTFOUND && res->missing == 3)
			rc = pe_resource_find(&img, &t, &n, 0, 0, res, &err);
	} else {
		rc = pe_resource_find(&img, &t, &n, asked,
				      asked[1] == lang ? 1 : 2, res, &err);
	}
	pe_image_free(&img);
	if (rc == 0)
		return 0;
	rt_set_last_error(rc != PE_ENOTFOUND	? ERROR_RESOURCE_DATA_NOT_FOUND
			  : res->missing == 0 ? ERROR_RESOURCE_DATA_NOT_FOUND
			  : res->missing == 1 ? ERROR_RESOURCE_TYPE_NOT_FOUND
			  : res->missing == 2 ? ERROR_RESOURCE_NAME_NOT_FOUND
					      : ERROR_RESOURCE_LANG_NOT_FOUND);
	return -1;
}

/* Where n bytes at rva of module h are: h + rva in a module or an
 * image-resource DLL; in a data file, where the section table puts
 * them.  NULL when they are not there. */
static const uint8_t *rva_ptr(HMODULE h, uint32_t rva, uint32_t n)
{
	const uint8_t *base, *p;
	size_t len;
	int image;
	struct pe_image img;
	struct pe_error err;

	if (!rt_k32_datafile_view(h, &base, &len, &image))
		return (const uint8_t *)h + rva;
	if (image)
		return rva <= len && n <= len - rva ? base + rva : NULL;
	if (pe_parse(base, len, &img, &err) < 0)
		return NULL;
	p = pe_rva_ptr(&img, rva, n);
	pe_image_free(&img);
	return p;
}

static HANDLE find(HMODULE h, const WCHAR *type, const WCHAR *name, WORD lang,
		  int any_lang)
{
	struct pe_resource res;

	if (!h)
		h = ld_module_handle(ld_module_find(0));
	if (rt_k32_find_resource(h, type, name, lang, any_lang, &res) < 0)
		return 0;
	return (HANDLE)rva_ptr(h, res.entry_rva, 16);
}

/* The A forms' strings as UTF-16; an integer stays one. */
static WCHAR *wide_arg(LPCSTR s)
{
	return (uintptr_t)s < 0x10000 ? (WCHAR *)(uintptr_t)s
				      : rt_utf16_dup(s);
}

static void free_arg(WCHAR *w)
{
	if ((uintptr_t)w >= 0x10000)
		free(w);
}

static HANDLE find_a(HMODULE h, LPCSTR type, LPCSTR name, WORD lang,
		    int any_lang)
{
	WCHAR *t = wide_arg(type), *n = wide_arg(name);
	HANDLE r = 0;

	if (t && n)
		r = find(h, t, n, lang, any_lang);
	else
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	free_arg(t);
	free_arg(n);
	return r;
}

HANDLE WINAPI w32_FindResourceA(HMODULE h, LPCSTR name, LPCSTR type)
{
	return find_a(h, type, name, 0, 1);
}

HANDLE WINAPI w32_FindResourceW(HMODULE h, LPCWSTR name, LPCWSTR type)
{
	return find(h, type, name, 0, 1);
}

HANDLE WINAPI w32_FindResourceExA(HMODULE h, LPCSTR type, LPCSTR name,
				 WORD lang)
{
	return find_a(h, type, name, lang, 0);
}

HANDLE WINAPI w32_FindResourceExW(HMODULE h, LPCWSTR type, LPCWSTR name,
				 WORD lang)
{
	return find(h, type, name, lang, 0);
}

/* The data entry hrsrc names: OffsetToData, Size. */
static const DWORD *data_entry(HANDLE r)
{
	return (const DWORD *)r;
}

HANDLE WINAPI w32_LoadResource(HMODULE h, HANDLE r)
{
	if (!r) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	if (!h)
		h = ld_module_handle(ld_module_find(0));
	return (HANDLE)rva_ptr(h, data_entry(r)[0], data_entry(r)[1]);
}

LPVOID WINAPI w32_LockResource(HANDLE mem)
{
	return mem;
}

DWORD WINAPI w32_SizeofResource(HMODULE h, HANDLE r)
{
	(void)h;
	if (!r) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	return data_entry(r)[1];
}

/* Resources are never freed on Win32: FALSE, as Windows answers. */
BOOL WINAPI w32_FreeResource(HANDLE mem)
{
	(void)mem;
	return FALSE;
}

/* ---- enumeration ---------------------------------------------------------- */

typedef BOOL(WINAPI *enum_type_fn)(HMODULE, void *, LONG_PTR);
typedef BOOL(WINAPI *enum_name_fn)(HMODULE, const void *, void *, LONG_PTR);
typedef BOOL(WINAPI *enum_lang_fn)(HMODULE, const void *, const void *, WORD,
				   LONG_PTR);

/* An entry's name as a callback gets it: an ID as an integer resource,
 * a name as a NUL-terminated copy (UTF-16, or narrow for the A forms);
 * *owned is what to free. */
static void *entry_name(HMODULE h, const struct pe_res_entry *e, int wide,
			void **owned)
{
	const uint8_t *p;
	WCHAR *w;

	*owned = 0;
	if (!e->named)
		return (void *)(uintptr_t)e->id;
	p = rva_ptr(h, e->name_rva, 2u * e->len);
	w = p ? malloc((e->len + 1u) * sizeof(WCHAR)) : 0;
	if (!w)
		return 0;
	memcpy(w, p, 2u * e->len);
	w[e->len] = 0;
	if (wide)
		return *owned = w;
	*owned = rt_utf8_dup(w);
	free(w);
	return *owned;
}

/* Calls fn for each entry of a level of h's resources: the types (type
 * NULL), type's names (name NULL) or the languages of type's name; fn
 * gets targ and narg, the type and name as the caller gave them, and
 * the entries' names in UTF-16 when wide.  TRUE when every entry was
 * given, FALSE when fn stopped it or with the error when the level is
 * not there. */
static BOOL enumerate(HMODULE h, const WCHAR *type, const WCHAR *name,
		      const void *targ, const void *narg, void *fn,
		      LONG_PTR param, int wide)
{
	struct pe_res_id t, n;
	struct pe_res_entry e;
	struct pe_image img;
	struct pe_error err;
	int missing, rc = 0;
	BOOL go = TRUE;
	void *owned, *arg;

	if (!h)
		h = ld_module_handle(ld_module_find(0));
	if (!fn) {
		rt_set_last_error(ERROR_NOACCESS);
		return FALSE;
	}
	if (!image_of(h, &img)) {
		rt_set_last_error(ERROR_RESOURCE_DATA_NOT_FOUND);
		return FALSE;
	}
	if (type)
		res_id(type, &t);
	if (name)
		res_id(name, &n);
	for (uint32_t i = 0; go; i++) {
		rc = pe_resource_entry(&img, type ? &t : 0, name ? &n : 0, i,
				       &e, &missing, &err);
		if (rc < 0)
			break;
		arg = entry_name(h, &e, wide, &owned);
		if (e.named && !arg) {
			rc = -1;
			missing = -1;
			break;
		}
		if (!type)
			go = ((enum_type_fn)fn)(h, arg, param);
		else if (!name)
			go = ((enum_name_fn)fn)(h, targ, arg, param);
		else
			go = ((enum_lang_fn)fn)(h, targ, narg, e.id, param);
		free(owned);
	}
	pe_image_free(&img);
	if (rc == PE_ENOTFOUND && missing == 3)
		return TRUE; /* every entry given */
	if (rc < 0)
		rt_set_last_error(missing < 0	     ? ERROR_NOT_ENOUGH_MEMORY
				  : rc != PE_ENOTFOUND ? ERROR_RESOURCE_DATA_NOT_FOUND
				  : missing == 0    ? ERROR_RESOURCE_DATA_NOT_FOUND
				  : missing == 1    ? ERROR_RESOURCE_TYPE_NOT_FOUND
						    : ERROR_RESOURCE_NAME_NOT_FOUND);
	return FALSE;
}

/* The A forms: the type and name given as narrow strings are passed to
 * the callback as given; those found, converted. */
static BOOL enumerate_a(HMODULE h, LPCSTR type, LPCSTR name, void *fn,
			LONG_PTR param)
{
	/* (Asked for the languages, the name is given; else not.) */
	WCHAR *t = type ? wide_arg(type) : 0, *n = name ? wide_arg(name) : 0;
	BOOL r = FALSE;

	if ((type && !t) || (name && !n))
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	else
		r = enumerate(h, t, n, type, name, fn, param, 0);
	free_arg(t);
	free_arg(n);
	return r;
}

BOOL WINAPI w32_EnumResourceTypesA(HMODULE h, void *fn, LONG_PTR param)
{
	return enumerate_a(h, 0, 0, fn, param);
}

BOOL WINAPI w32_EnumResourceTypesW(HMODULE h, void *fn, LONG_PTR param)
{
	return enumerate(h, 0, 0, 0, 0, fn, param, 1);
}

BOOL WINAPI w32_EnumResourceNamesA(HMODULE h, LPCSTR type, void *fn,
				   LONG_PTR param)
{
	if (!type) {
		rt_set_last_error(ERROR_RESOURCE_TYPE_NOT_FOUND);
		return FALSE;
	}
	return enumerate_a(h, type, 0, fn, param);
}

BOOL WINAPI w32_EnumResourceNamesW(HMODULE h, LPCWSTR type, void *fn,
				   LONG_PTR param)
{
	if (!type) {
		rt_set_last_error(ERROR_RESOURCE_TYPE_NOT_FOUND);
		return FALSE;
	}
	return enumerate(h, type, 0, type, 0, fn, param, 1);
}

BOOL WINAPI w32_EnumResourceLanguagesA(HMODULE h, LPCSTR type, LPCSTR name,
				       void *fn, LONG_PTR param)
{
	if (!type || !name) {
		rt_set_last_error(!type ? ERROR_RESOURCE_TYPE_NOT_FOUND
					: ERROR_RESOURCE_NAME_NOT_FOUND);
		return FALSE;
	}
	return enumerate_a(h, type, name, fn, param);
}

BOOL WINAPI w32_EnumResourceLanguagesW(HMODULE h, LPCWSTR type, LPCWSTR name,
				       void *fn, LONG_PTR param)
{
	if (!type || !name) {
		rt_set_last_error(!type ? ERROR_RESOURCE_TYPE_NOT_FOUND
					: ERROR_RESOURCE_NAME_NOT_FOUND);
		return FALSE;
	}
	return enumerate(h, type, name, type, name, fn, param, 1);
}

/* ---- message tables (FormatMessage's FORMAT_MESSAGE_FROM_HMODULE) ------- */

#define RT_MESSAGETABLE 11
#define ERROR_MR_MID_NOT_FOUND_ 317

/* Message id of module h's message table in language lang (0: any), as
 * UTF-8, malloc'd; NULL with the last error set.  The table: a count of
 * blocks {LowId, HighId, OffsetToEntries}, each block's entries one
 * after another {Length, Flags (1: UTF-16), text}. */
char *rt_k32_module_message(HMODULE h, DWORD id, DWORD lang)
{
	struct pe_resource res;
	const uint8_t *base, *p, *end;
	uint32_t nblocks;

	if (!h)
		h = ld_module_handle(ld_module_find(0));
	if (rt_k32_find_resource(h, (const WCHAR *)RT_MESSAGETABLE,
				 (const WCHAR *)1, (WORD)lang, !lang, &res) < 0)
		return 0;
	if (!(base = rva_ptr(h, res.data_rva, res.size)))
		goto missing;
	end = base + res.size;
	if (res.size < 4)
		goto missing;
	memcpy(&nblocks, base, 4);
	for (uint32_t b = 0; b < nblocks && (size_t)(b + 1) * 12 + 4 <= res.size;
	     b++) {
		uint32_t lo, hi, off;

		memcpy(&lo, base + 4 + b * 12, 4);
		memcpy(&hi, base + 8 + b * 12, 4);
		memcpy(&off, base + 12 + b * 12, 4);
		if (id < lo || id > hi || off > res.size)
			continue;
		p = base + off;
		for (uint32_t i = lo;; i++) {
			uint16_t len, flags;

			if (end - p < 4)
				goto missing;
			memcpy(&len, p, 2);
			memcpy(&flags, p + 2, 2);
			if (len < 4 || len > end - p)
				goto missing;
			if (i == id) {
				size_t n = len - 4u;

				if (flags & 1) {
					WCHAR *w = calloc(n / 2 + 1, 2);
					char *u;

					if (!w)
						break;
					memcpy(w, p + 4, n & ~(size_t)1);
					u = rt_utf8_dup(w);
					free(w);
					return u;
				}
				return strndup((const char *)p + 4, n);
			}
			p += len;
		}
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
missing:
	rt_set_last_error(ERROR_MR_MID_NOT_FOUND_);
	return 0;
}
