/*
 * module.c — kernel32: modules — LoadLibrary, FreeLibrary, GetProcAddress,
 * GetModuleHandle(Ex), GetModuleFileName, DisableThreadLibraryCalls, on
 * top of the loader's module list (loader/ld.h).
 *
 * An HMODULE is the module's base address.  Names may be Windows paths
 * ("Z:\\dir\\x.dll", "sub\\x.dll"): they are turned into Linux paths
 * before the loader searches for them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/kernel32/kernel32.h"

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

HMODULE WINAPI w32_LoadLibraryA(LPCSTR name)
{
	struct ld_module *m;
	struct ld_error err;
	char *n;
	int r;

	if (!name || !*name) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	n = loader_name(name);
	if (!n) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	err.msg[0] = 0;
	r = ld_load_library(n, &m, &err);
	free(n);
	if (r < 0) {
		rt_set_last_error(load_error(err.msg));
		return 0;
	}
	return ld_module_handle(m);
}

HMODULE WINAPI w32_LoadLibraryW(LPCWSTR name)
{
	char *s = rt_utf8_dup(name);
	HMODULE h;

	if (!s) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	h = w32_LoadLibraryA(s);
	free(s);
	return h;
}

#define LOAD_IGNORE_CODE_AUTHZ_LEVEL  0x10
#define LOAD_LIBRARY_SEARCH_SYSTEM32  0x800

/* Whether name ("KERNEL32", "msvcrt.dll") is a built-in DLL: the
 * System32 of a dllshare process. */
static int builtin_name(const char *name)
{
	size_t n = strcspn(name, ".");

	if (strchr(name, '/') || strchr(name, '\\') ||
	    (name[n] && strcasecmp(name + n, ".dll") != 0))
		return 0;
	for (size_t i = 0; i < rt_nbuiltins; i++)
		if (!strncasecmp(rt_builtins[i].name, name, n) &&
		    !strcasecmp(rt_builtins[i].name + n, ".dll"))
			return 1;
	return 0;
}

/* LoadLibraryEx's flags: the code-authorization level (nothing to
 * ignore here) and a search of System32 alone are done; loading as data
 * or as an image resource, without resolving references, and the other
 * search orders are refused.  file is reserved and must be NULL. */
static HMODULE load_ex(const char *fn, const char *name, HANDLE file,
		       DWORD flags)
{
	if (file) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	flags &= ~LOAD_IGNORE_CODE_AUTHZ_LEVEL;
	if (flags & ~LOAD_LIBRARY_SEARCH_SYSTEM32)
		return (HMODULE)(intptr_t)rt_refuse(
			ERROR_NOT_SUPPORTED, fn, "flags 0x%x",
			flags & ~LOAD_LIBRARY_SEARCH_SYSTEM32);
	if (flags && name && *name && !builtin_name(name)) {
		rt_set_last_error(ERROR_MOD_NOT_FOUND);
		return 0;
	}
	return w32_LoadLibraryA(name);
}

HMODULE WINAPI w32_LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags)
{
	return load_ex("LoadLibraryExA", name, file, flags);
}

HMODULE WINAPI w32_LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags)
{
	char *s = rt_utf8_dup(name);
	HMODULE h;

	if (!s) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	h = load_ex("LoadLibraryExW", s, file, flags);
	free(s);
	return h;
}

BOOL WINAPI w32_FreeLibrary(HMODULE h)
{
	struct ld_module *m = ld_module_from_handle(h);

	if (!m) {
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

	m = h ? ld_module_from_handle(h) : ld_module_find(0);
	if (!m) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
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
