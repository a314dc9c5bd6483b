/*
 * registry.c — advapi32: the registry (RegOpenKey*, RegCreateKey*,
 * RegQueryValue*, RegGetValue, RegCloseKey).
 *
 * dllshare has no registry: every key reads as absent
 * (ERROR_FILE_NOT_FOUND), which Windows programs already handle, and
 * creating one is refused (ERROR_ACCESS_DENIED) rather than pretended.
 */
#include "runtime/advapi32/advapi32.h"

#define HKEY_CLASSES_ROOT  0x80000000u
#define HKEY_CURRENT_USER  0x80000001u
#define HKEY_LOCAL_MACHINE 0x80000002u

LONG WINAPI w32_RegOpenKeyExA(HANDLE key, LPCSTR sub, DWORD opts, DWORD access,
			      HANDLE *out)
{
	*out = 0;
	return ERROR_FILE_NOT_FOUND;
}

LONG WINAPI w32_RegOpenKeyExW(HANDLE key, LPCWSTR sub, DWORD opts, DWORD access,
			      HANDLE *out)
{
	*out = 0;
	return ERROR_FILE_NOT_FOUND;
}

LONG WINAPI w32_RegOpenKeyA(HANDLE key, LPCSTR sub, HANDLE *out)
{
	*out = 0;
	return ERROR_FILE_NOT_FOUND;
}

LONG WINAPI w32_RegCreateKeyExA(HANDLE key, LPCSTR sub, DWORD res, LPSTR cls,
				DWORD opts, DWORD access, void *sa, HANDLE *out,
				DWORD *disp)
{
	*out = 0;
	return ERROR_ACCESS_DENIED;
}

LONG WINAPI w32_RegCreateKeyExW(HANDLE key, LPCWSTR sub, DWORD res, LPWSTR cls,
				DWORD opts, DWORD access, void *sa, HANDLE *out,
				DWORD *disp)
{
	*out = 0;
	return ERROR_ACCESS_DENIED;
}

/* Keys cannot be opened, so the predefined keys are the only ones a
 * program can hold; their values are absent too. */
LONG WINAPI w32_RegQueryValueExA(HANDLE key, LPCSTR name, DWORD *res,
				 DWORD *type, BYTE *data, DWORD *size)
{
	return ERROR_FILE_NOT_FOUND;
}

LONG WINAPI w32_RegQueryValueExW(HANDLE key, LPCWSTR name, DWORD *res,
				 DWORD *type, BYTE *data, DWORD *size)
{
	return ERROR_FILE_NOT_FOUND;
}

LONG WINAPI w32_RegGetValueA(HANDLE key, LPCSTR sub, LPCSTR value, DWORD flags,
			     DWORD *type, void *data, DWORD *size)
{
	return ERROR_FILE_NOT_FOUND;
}

LONG WINAPI w32_RegCloseKey(HANDLE key)
{
	uintptr_t k = (uintptr_t)key;

	return k >= HKEY_CLASSES_ROOT && k <= 0x80000006u
		? ERROR_SUCCESS
		: ERROR_INVALID_HANDLE;
}
