/*
 * module.c — kernel32: modules — LoadLibrary, FreeLibrary, GetProcAddress,
 * GetModuleHandle(Ex), GetModuleFileName, DisableThreadLibraryCalls, on
 * top of the loader's module list (loader/ld.h).
 *
 * An HMODULE is the module's base address (a DLL loaded as data:
 * datafile.c's mapping + 1 or 2).  Names may be Windows paths
 * ("Z:\\dir\\x.dll", "sub\\x.dll"): they are turned into Linux paths
 * before the loader searches for them, through the order dlldir.c
 * builds.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/kernel32/k32int.h"

/* "dir\\x.dll" → "dir/x.dll"; plain names pass unchanged. */
static char *loader_name(const char *name)
{
	if (strchr(name, '\\') || strchr(name, '/') ||
	    (name[0] && name[1] == ':'))
		return rt_unix_path(name);
	return strdup(name);
}

/* The Windows error for a failed load, from the loader's message (its
 * one line says what went wrong; see loader/ld.h): a missing DLL, a
 * missing import, a DllMain that said no, an image that cannot run. */
static DWORD load_error(const char *msg)
{
	if (strstr(msg, "missing import"))
		return ERROR_PROC_NOT_FOUND;
	if (strstr(msg, "DllMain"))
		return 1114; /* ERROR_DLL_INIT_FAILED */
	if (strstr(msg, "cannot run") || strstr(msg, "machine"))
		return 193; /* ERROR_BAD_EXE_FORMAT */
	return ERROR_MOD_NOT_FOUND;
}

#define DONT_RESOLVE_DLL_REFERENCES        0x1
#define LOAD_LIBRARY_AS_DATAFILE           0x2
#define LOAD_IGNORE_CODE_AUTHZ_LEVEL       0x10
#define LOAD_LIBRARY_AS_IMAGE_RESOURCE     0x20
#define LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE 0x40
#define LOAD_LIBRARY_REQUIRE_SIGNED_TARGET 0x80
#define LOAD_LIBRARY_SAFE_CURRENT_DIRS     0x2000
#define AS_DATA (LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_IMAGE_RESOURCE |   \
		 LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE)
#define KNOWN_FLAGS                                                          \
	(DONT_RESOLVE_DLL_REFERENCES | AS_DATA | LOAD_IGNORE_CODE_AUTHZ_LEVEL | \
	 RT_LOAD_WITH_ALTERED_SEARCH_PATH | RT_LOAD_SEARCH_DLL_LOAD_DIR |      \
	 RT_LOAD_SEARCH_APPLICATION_DIR | RT_LOAD_SEARCH_USER_DIRS |           \
	 RT_LOAD_SEARCH_SYSTEM32 | RT_LOAD_SEARCH_DEFAULT_DIRS)

/* A load for resources only (datafile.c): the module itself when one of
 * that name or file is loaded already (a new reference, as Windows and
 * Wine answer), else the file the order finds, mapped as data. */
static HMODULE load_data(const char *n, const struct ld_order *order,
			 DWORD flags)
{
	char path[PATH_MAX];
	struct ld_module *m;
	struct ld_error err;

	if (ld_load_library(n, order, LD_LOAD_LOADED_ONLY, &m, &err) == 0)
		return ld_module_handle(m);
	if (!ld_search_file(n, order, path, sizeof path)) {
		rt_set_last_error(ERROR_FILE_NOT_FOUND);
		return 0;
	}
	return rt_k32_datafile_load(
		path, !!(flags & LOAD_LIBRARY_AS_IMAGE_RESOURCE),
		!!(flags & LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE));
}

/* LoadLibraryEx (LoadLibrary: flags 0).  Where the DLL and its imports
 * are looked for comes from the flags and the DLL directories
 * (dlldir.c); DONT_RESOLVE_DLL_REFERENCES maps the DLL without loading
 * its imports or running it; the AS_DATAFILE / AS_IMAGE_RESOURCE loads
 * map it for its resources only (taking precedence, as in Wine); the
 * code-authorization level has nothing to check here.  Signature checks
 * and the safe load list are refused; a flag Windows does not define,
 * and a file handle (reserved), are ERROR_INVALID_PARAMETER. */
static HMODULE load_ex(const char *fn, const char *name, HANDLE file,
		       DWORD flags)
{
	struct rt_k32_order o;
	struct ld_module *m;
	struct ld_error err;
	HMODULE h = 0;
	DWORD e;
	char *n;

	if (!name || !*name || file) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (flags & (LOAD_LIBRARY_REQUIRE_SIGNED_TARGET |
		     LOAD_LIBRARY_SAFE_CURRENT_DIRS))
		return (HMODULE)(intptr_t)rt_refuse(
			ERROR_NOT_SUPPORTED, fn, "flags 0x%x",
			flags & (LOAD_LIBRARY_REQUIRE_SIGNED_TARGET |
				 LOAD_LIBRARY_SAFE_CURRENT_DIRS));
	if (flags & ~KNOWN_FLAGS) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (!(n = loader_name(name))) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	if ((e = rt_k32_load_order(name, n, flags, &o)) != 0) {
		free(n);
		rt_set_last_error(e);
		return 0;
	}
	if (flags & AS_DATA) {
		h = load_data(n, &o.order, flags);
	} else {
		err.msg[0] = 0;
		if (ld_load_library(n, &o.order,
				    flags & DONT_RESOLVE_DLL_REFERENCES
					    ? LD_LOAD_NO_RESOLVE
					    : 0,
				    &m, &err) < 0)
			rt_set_last_error(load_error(err.msg));
		else
			h = ld_module_handle(m);
	}
	rt_k32_order_free(&o);
	free(n);
	return h;
}

HMODULE WINAPI w32_LoadLibraryA(LPCSTR name)
{
	return load_ex("LoadLibraryA", name, NULL, 0);
}

HMODULE WINAPI w32_LoadLibraryW(LPCWSTR name)
{
	return w32_LoadLibraryExW(name, NULL, 0);
}

HMODULE WINAPI w32_LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags)
{
	return load_ex("LoadLibraryExA", name, file, flags);
}

HMODULE WINAPI w32_LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags)
{
	char *s;
	HMODULE h;

	if (!name) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (!(s = rt_utf8_dup(name))) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	h = load_ex("LoadLibraryExW", s, file, flags);
	free(s);
	return h;
}

/* A handle with a low bit set is a DLL loaded as data (datafile.c); one
 * that is not (any more) is ERROR_BAD_EXE_FORMAT, as in Wine. */
BOOL WINAPI w32_FreeLibrary(HMODULE h)
{
	struct ld_module *m;

	if ((uintptr_t)h & 3) {
		if (rt_k32_datafile_free(h))
			return TRUE;
		rt_set_last_error(193); /* ERROR_BAD_EXE_FORMAT */
		return FALSE;
	}
	if (!(m = ld_module_from_handle(h))) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	return ld_free_library(m) == 0;
}

FARPROC WINAPI w32_GetProcAddress(HMODULE h, LPCSTR name)
{
	struct ld_module *m;
	struct ld_error err;
	void *p;
	uintptr_t v = (uintptr_t)name;

	/* Not a module (a DLL loaded as data among them): Windows and
	 * Wine answer ERROR_MOD_NOT_FOUND. */
	m = h ? ld_module_from_handle(h) : ld_module_find(0);
	if (!m) {
		rt_set_last_error(ERROR_MOD_NOT_FOUND);
		return 0;
	}
	/* An ordinal is passed as a "name" below 64 KiB (MAKEINTRESOURCE). */
	if (v < 0x10000)
		p = ld_module_proc(m, 0, (uint16_t)v, &err);
	else
		p = ld_module_proc(m, name, 0, &err);
	if (!p)
		rt_set_last_error(ERROR_PROC_NOT_FOUND);
	return p;
}

HMODULE WINAPI w32_GetModuleHandleA(LPCSTR name)
{
	struct ld_module *m;
	char *n = 0;

	if (name) {
		const char *base = strrchr(name, '\\');

		n = strdup(base ? base + 1 : name);
		if (!n)
			return 0;
	}
	m = ld_module_find(n);
	free(n);
	if (!m) {
		rt_set_last_error(ERROR_MOD_NOT_FOUND);
		return 0;
	}
	return ld_module_handle(m);
}

HMODULE WINAPI w32_GetModuleHandleW(LPCWSTR name)
{
	char *s = name ? rt_utf8_dup(name) : 0;
	HMODULE h;

	if (name && !s)
		return 0;
	h = w32_GetModuleHandleA(s);
	free(s);
	return h;
}

#define GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS 0x4

BOOL WINAPI w32_GetModuleHandleExA(DWORD flags, LPCSTR name, HMODULE *out)
{
	if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS) {
		/* Find the image whose view holds the address. */
		struct ld_module *m = ld_module_from_handle((void *)name);
		*out = m ? ld_module_handle(m) : 0;
	} else {
		*out = w32_GetModuleHandleA(name);
	}
	return *out != 0;
}

BOOL WINAPI w32_GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE *out)
{
	char *s;
	BOOL r;

	if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS || !name)
		return w32_GetModuleHandleExA(flags, (LPCSTR)name, out);
	s = rt_utf8_dup(name);
	r = s ? w32_GetModuleHandleExA(flags, s, out) : FALSE;
	free(s);
	return r;
}

/* The Windows path of module h (NULL: the EXE), malloc'd. */
static char *module_win_path(HMODULE h)
{
	struct ld_module *m = 0;
	const char *p;

	m = h ? ld_module_from_handle(h) : ld_module_find(0);
	if (!m && h) {
		rt_set_last_error(ERROR_MOD_NOT_FOUND);
		return 0;
	}
	p = m ? ld_module_path(m) : rt_exe_unix;
	if (!p)
		return 0;
	if (p[0] == '/')
		return rt_win_path_of(p);
	return !strchr(p, '\\') ? rt_win_path(p) : strdup(p);
}

/* A name (n units of unit bytes) that does not fit is cut to size units
 * without a NUL, and size is returned with ERROR_INSUFFICIENT_BUFFER
 * (what Wine does; Windows XP did the same). */
static DWORD copy_name(void *buf, DWORD size, const void *s, size_t n,
		       size_t unit)
{
	if (size == 0) {
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	if (n >= size) {
		memcpy(buf, s, size * unit);
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return size;
	}
	memcpy(buf, s, (n + 1) * unit);
	rt_set_last_error(0);
	return (DWORD)n;
}

DWORD WINAPI w32_GetModuleFileNameA(HMODULE h, LPSTR buf, DWORD size)
{
	char *p = module_win_path(h);
	DWORD r;

	if (!p)
		return 0;
	r = copy_name(buf, size, p, strlen(p), 1);
	free(p);
	return r;
}

DWORD WINAPI w32_GetModuleFileNameW(HMODULE h, LPWSTR buf, DWORD size)
{
	char *p = module_win_path(h);
	WCHAR *w = p ? rt_utf16_dup(p) : 0;
	DWORD r;

	free(p);
	if (!w)
		return 0;
	r = copy_name(buf, size, w, rt_wcslen(w), sizeof(WCHAR));
	free(w);
	return r;
}

/* The DLL's DllMain gets no DLL_THREAD_ATTACH/DETACH from now on, unless
 * it has implicit TLS (every DLL the mingw CRT starts has). */
BOOL WINAPI w32_DisableThreadLibraryCalls(HMODULE h)
{
	struct ld_module *m = ld_module_from_handle(h);

	/* Wine answers STATUS_DLL_NOT_FOUND for both refusals. */
	if (!m || ld_module_no_thread_calls(m)) {
		rt_set_last_error(ERROR_MOD_NOT_FOUND);
		return FALSE;
	}
	return TRUE;
}
