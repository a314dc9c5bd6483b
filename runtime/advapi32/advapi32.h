/*
 * advapi32.h — advapi32.dll as the runtime builds it: every w32_ function its
 * files define, declared here once (the runtime builds with
 * -Wmissing-prototypes, so a definition without its declaration does not
 * compile), one section per file.  Which of them are exported, and under
 * which names, is exports.h.
 */
#ifndef DLLSHARE_ADVAPI32_H
#define DLLSHARE_ADVAPI32_H

#include "runtime/core/core.h"

/* ---- user.c: the user's name --------------------------------------------- */
BOOL WINAPI w32_GetUserNameA(LPSTR buf, DWORD *size);
BOOL WINAPI w32_GetUserNameW(LPWSTR buf, DWORD *size);

/* ---- crypt.c: random numbers --------------------------------------------- */
BOOL WINAPI w32_CryptAcquireContextA(ULONG_PTR *prov, LPCSTR container,
				     LPCSTR provider, DWORD type, DWORD flags);
BOOL WINAPI w32_CryptAcquireContextW(ULONG_PTR *prov, LPCWSTR container,
				     LPCWSTR provider, DWORD type, DWORD flags);
BOOL WINAPI w32_CryptGenRandom(ULONG_PTR prov, DWORD n, BYTE *buf);
BOOL WINAPI w32_CryptReleaseContext(ULONG_PTR prov, DWORD flags);
BYTE WINAPI w32_SystemFunction036(void *buf, ULONG n);

/* ---- registry.c: the registry, empty ------------------------------------- */
LONG WINAPI w32_RegOpenKeyExA(HANDLE key, LPCSTR sub, DWORD opts, DWORD access,
			      HANDLE *out);
LONG WINAPI w32_RegOpenKeyExW(HANDLE key, LPCWSTR sub, DWORD opts, DWORD access,
			      HANDLE *out);
LONG WINAPI w32_RegOpenKeyA(HANDLE key, LPCSTR sub, HANDLE *out);
LONG WINAPI w32_RegCreateKeyExA(HANDLE key, LPCSTR sub, DWORD res, LPSTR cls,
				DWORD opts, DWORD access, void *sa, HANDLE *out,
				DWORD *disp);
LONG WINAPI w32_RegCreateKeyExW(HANDLE key, LPCWSTR sub, DWORD res, LPWSTR cls,
				DWORD opts, DWORD access, void *sa, HANDLE *out,
				DWORD *disp);
LONG WINAPI w32_RegQueryValueExA(HANDLE key, LPCSTR name, DWORD *res,
				 DWORD *type, BYTE *data, DWORD *size);
LONG WINAPI w32_RegQueryValueExW(HANDLE key, LPCWSTR name, DWORD *res,
				 DWORD *type, BYTE *data, DWORD *size);
LONG WINAPI w32_RegGetValueA(HANDLE key, LPCSTR sub, LPCSTR value, DWORD flags,
			     DWORD *type, void *data, DWORD *size);
LONG WINAPI w32_RegCloseKey(HANDLE key);

#endif
