/*
 * registry.c — advapi32: the registry (RegOpenKey*, RegCreateKey*,
 * RegQueryValue*, RegGetValue, RegCloseKey).
 *
 * dllshare has no registry: every key reads as absent
 * (ERROR_FILE_NOT_FOUND), which Windows programs already handle, and
 * creating one is refused (ERROR_ACCESS_DENIED) rather than pretended.
 * Each such answer is a refusal --trace names; a handle that is not one
 * of the predefined keys (the only ones a program can hold) is
 * ERROR_INVALID_HANDLE.
 */
#include "runtime/advapi32/advapi32.h"

#define HKEY_CLASSES_ROOT  0x80000000u
#define HKEY_CURRENT_USER  0x80000001u
#define HKEY_LOCAL_MACHINE 0x80000002u
#define HKEY_LAST_PREDEFINED 0x80000006u

/* The SDK defines the predefined keys as LONGs cast to a handle: on
 * x86-64 they arrive sign-extended (0xffffffff80000001). */
static int predefined(HANDLE key)
{
	intptr_t k = (intptr_t)key;

	return k >= (int32_t)HKEY_CLASSES_ROOT &&
	       k <= (int32_t)HKEY_LAST_PREDEFINED;
}

/* The answer for a key or value: ERROR_INVALID_HANDLE for a key handle
 * no program can hold, else absent (or, for creating, denied). */
static LONG no_registry(const char *fn, HANDLE key, LONG answer)
{
	if (!predefined(key))
		return ERROR_INVALID_HANDLE;
	rt_refuse_quietly((DWORD)answer, fn, "the registry");
	return answer;
}

LONG WINAPI w32_RegOpenKeyExA(HANDLE key, LPCSTR sub, DWORD opts, DWORD access,
			      HANDLE *out)
{
	*out = 0;
	return no_registry("RegOpenKeyExA", key, ERROR_FILE_NOT_FOUND);
}

LONG WINAPI w32_RegOpenKeyExW(HANDLE key, LPCWSTR sub, DWORD opts, DWORD access,
			      HANDLE *out)
{
	*out = 0;
	return no_registry("RegOpenKeyExW", key, ERROR_FILE_NOT_FOUND);
}

LONG WINAPI w32_RegOpenKeyA(HANDLE key, LPCSTR sub, HANDLE *out)
{
	*out = 0;
	return no_registry("RegOpenKeyA", key, ERROR_FILE_NOT_FOUND);
}

LONG WINAPI w32_RegCreateKeyExA(HANDLE key, LPCSTR sub, DWORD res, LPSTR cls,
				DWORD opts, DWORD access, void *sa, HANDLE *out,
				DWORD *disp)
{
	*out = 0;
	return no_registry("RegCreateKeyExA", key, ERROR_ACCESS_DENIED);
}

LONG WINAPI w32_RegCreateKeyExW(HANDLE key, LPCWSTR sub, DWORD res, LPWSTR cls,
				DWORD opts, DWORD access, void *sa, HANDLE *out,
				DWORD *disp)
{
	*out = 0;
	return no_registry("RegCreateKeyExW", key, ERROR_ACCESS_DENIED);
}

/* Keys cannot be opened, so the predefined keys are the only ones a
 * program can hold; their values are absent too. */
LONG WINAPI w32_RegQueryValueExA(HANDLE key, LPCSTR name, DWORD *res,
				 DWORD *type, BYTE *data, DWORD *size)
{
	return no_registry("RegQueryValueExA", key, ERROR_FILE_NOT_FOUND);
}

LONG WINAPI w32_RegQueryValueExW(HANDLE key, LPCWSTR name, DWORD *res,
				 DWORD *type, BYTE *data, DWORD *size)
{
	return no_registry("RegQueryValueExW", key, ERROR_FILE_NOT_FOUND);
}

LONG WINAPI w32_RegGetValueA(HANDLE key, LPCSTR sub, LPCSTR value, DWORD flags,
			     DWORD *type, void *data, DWORD *size)
{
	return no_registry("RegGetValueA", key, ERROR_FILE_NOT_FOUND);
}

LONG WINAPI w32_RegCloseKey(HANDLE key)
{
	return predefined(key) ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}
