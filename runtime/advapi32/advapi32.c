/*
 * advapi32.c — the few advapi32 functions console programs import: the
 * user name, random numbers (CryptGenRandom, RtlGenRandom — libssp's
 * stack-protector canary comes from there), and the registry.
 *
 * dllshare has no registry: every key reads as absent
 * (ERROR_FILE_NOT_FOUND), which Windows programs already handle, and
 * creating one is refused (ERROR_ACCESS_DENIED) rather than pretended.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "runtime/advapi32/advapi32.h"

#define PROV_HANDLE ((ULONG_PTR)0x50524f56) /* "PROV" */

BOOL WINAPI w32_GetUserNameA(LPSTR buf, DWORD *size)
{
	struct passwd *pw = getpwuid(getuid());
	const char *name = pw ? pw->pw_name : getenv("USER");
	size_t n;

	if (!name)
		name = "user";
	n = strlen(name);
	if (n + 1 > *size) {
		*size = (DWORD)(n + 1);
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return FALSE;
	}
	memcpy(buf, name, n + 1);
	*size = (DWORD)(n + 1); /* GetUserName counts the NUL */
	return TRUE;
}

BOOL WINAPI w32_GetUserNameW(LPWSTR buf, DWORD *size)
{
	char tmp[256];
	DWORD n = sizeof(tmp);
	WCHAR *w;
	size_t len;

	if (!w32_GetUserNameA(tmp, &n))
		return FALSE;
	w = rt_utf16_dup(tmp);
	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	len = rt_wcslen(w);
	if (len + 1 > *size) {
		*size = (DWORD)(len + 1);
		free(w);
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return FALSE;
	}
	memcpy(buf, w, (len + 1) * sizeof(WCHAR));
	*size = (DWORD)(len + 1);
	free(w);
	return TRUE;
}

/* ---- random numbers -------------------------------------------------- */

static BOOL fill_random(void *buf, size_t n)
{
	uint8_t *p = buf;

	while (n) {
		ssize_t r = getrandom(p, n, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			rt_set_last_error(rt_win32_error(errno));
			return FALSE;
		}
		p += r;
		n -= (size_t)r;
	}
	return TRUE;
}

/* One provider serves every request: the kernel's random source. */
BOOL WINAPI w32_CryptAcquireContextA(ULONG_PTR *prov, LPCSTR container,
				     LPCSTR provider, DWORD type, DWORD flags)
{
	*prov = PROV_HANDLE;
	return TRUE;
}

BOOL WINAPI w32_CryptAcquireContextW(ULONG_PTR *prov, LPCWSTR container,
				     LPCWSTR provider, DWORD type, DWORD flags)
{
	*prov = PROV_HANDLE;
	return TRUE;
}

BOOL WINAPI w32_CryptGenRandom(ULONG_PTR prov, DWORD n, BYTE *buf)
{
	if (prov != PROV_HANDLE) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	return fill_random(buf, n);
}

BOOL WINAPI w32_CryptReleaseContext(ULONG_PTR prov, DWORD flags)
{
	return prov == PROV_HANDLE;
}

/* RtlGenRandom, exported under its internal name. */
BYTE WINAPI w32_SystemFunction036(void *buf, ULONG n)
{
	return fill_random(buf, n) ? 1 : 0;
}

/* ---- the registry: empty ----------------------------------------------- */

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

