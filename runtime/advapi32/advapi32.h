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

/* ---- the registry's constants (winreg.h, winerror.h) ------------------ */
#define HKEY_CLASSES_ROOT_V	  0x80000000u
#define HKEY_CURRENT_USER_V	  0x80000001u
#define HKEY_LOCAL_MACHINE_V	  0x80000002u
#define HKEY_USERS_V		  0x80000003u
#define HKEY_PERFORMANCE_DATA_V	  0x80000004u
#define HKEY_CURRENT_CONFIG_V	  0x80000005u
#define HKEY_DYN_DATA_V		  0x80000006u
#define REG_NONE		  0
#define REG_SZ			  1
#define REG_EXPAND_SZ		  2
#define REG_BINARY		  3
#define REG_DWORD		  4
#define REG_MULTI_SZ		  7
#define REG_QWORD		  11
#define KEY_QUERY_VALUE		  0x0001
#define KEY_SET_VALUE		  0x0002
#define KEY_CREATE_SUB_KEY	  0x0004
#define KEY_ENUMERATE_SUB_KEYS	  0x0008
#define KEY_WOW64_64KEY		  0x0100
#define KEY_WOW64_32KEY		  0x0200
#define KEY_READ		  0x20019
#define KEY_WRITE		  0x20006
#define KEY_ALL_ACCESS		  0xf003f
#define REG_DELETE		  0x10000 /* DELETE */
#define REG_MAXIMUM_ALLOWED	  0x02000000
#define REG_OPTION_VOLATILE	  0x1
#define REG_OPTION_CREATE_LINK	  0x2
#define REG_OPTION_BACKUP_RESTORE 0x4
#define REG_OPTION_OPEN_LINK	  0x8
#define REG_CREATED_NEW_KEY	  1
#define REG_OPENED_EXISTING_KEY	  2
#define RRF_RT_REG_NONE		  0x0001
#define RRF_RT_REG_SZ		  0x0002
#define RRF_RT_REG_EXPAND_SZ	  0x0004
#define RRF_RT_REG_BINARY	  0x0008
#define RRF_RT_REG_DWORD	  0x0010
#define RRF_RT_REG_MULTI_SZ	  0x0020
#define RRF_RT_REG_QWORD	  0x0040
#define RRF_RT_DWORD		  (RRF_RT_REG_BINARY | RRF_RT_REG_DWORD)
#define RRF_RT_QWORD		  (RRF_RT_REG_BINARY | RRF_RT_REG_QWORD)
#define RRF_RT_ANY		  0xffff
#define RRF_SUBKEY_WOW6464KEY	  0x10000
#define RRF_SUBKEY_WOW6432KEY	  0x20000
#define RRF_NOEXPAND		  0x10000000
#define RRF_ZEROONFAILURE	  0x20000000
#ifndef ERROR_BAD_PATHNAME
#define ERROR_BAD_PATHNAME 161
#endif
#ifndef ERROR_MORE_DATA
#define ERROR_MORE_DATA 234
#endif
#ifndef ERROR_NO_MORE_ITEMS
#define ERROR_NO_MORE_ITEMS 259
#endif
#ifndef ERROR_REGISTRY_CORRUPT
#define ERROR_REGISTRY_CORRUPT 1015
#endif
#ifndef ERROR_REGISTRY_IO_FAILED
#define ERROR_REGISTRY_IO_FAILED 1016
#endif
#ifndef ERROR_KEY_DELETED
#define ERROR_KEY_DELETED 1018
#endif
#ifndef ERROR_DATATYPE_MISMATCH
#define ERROR_DATATYPE_MISMATCH 1629
#endif
#ifndef ERROR_UNSUPPORTED_TYPE
#define ERROR_UNSUPPORTED_TYPE 1630
#endif

/* ---- registry.c, regvalue.c, reggetvalue.c: keys and values, the W
 * functions (over regkey.c and the store, regstore.h) ------------------- */
LONG WINAPI w32_RegOpenKeyExW(HANDLE key, LPCWSTR sub, DWORD opts, DWORD access,
			      HANDLE *out);
LONG WINAPI w32_RegOpenKeyW(HANDLE key, LPCWSTR sub, HANDLE *out);
LONG WINAPI w32_RegCreateKeyExW(HANDLE key, LPCWSTR sub, DWORD res, LPWSTR cls,
				DWORD opts, DWORD access, void *sa, HANDLE *out,
				DWORD *disp);
LONG WINAPI w32_RegCreateKeyW(HANDLE key, LPCWSTR sub, HANDLE *out);
LONG WINAPI w32_RegOpenCurrentUser(DWORD access, HANDLE *out);
LONG WINAPI w32_RegCloseKey(HANDLE key);
LONG WINAPI w32_RegFlushKey(HANDLE key);
LONG WINAPI w32_RegQueryValueExW(HANDLE key, LPCWSTR name, DWORD *res,
				 DWORD *type, BYTE *data, DWORD *size);
LONG WINAPI w32_RegQueryValueW(HANDLE key, LPCWSTR sub, LPWSTR data,
			       LONG *size);
LONG WINAPI w32_RegSetValueExW(HANDLE key, LPCWSTR name, DWORD res, DWORD type,
			       const BYTE *data, DWORD len);
LONG WINAPI w32_RegSetValueW(HANDLE key, LPCWSTR sub, DWORD type, LPCWSTR data,
			     DWORD len);
LONG WINAPI w32_RegSetKeyValueW(HANDLE key, LPCWSTR sub, LPCWSTR name,
				DWORD type, const void *data, DWORD len);
LONG WINAPI w32_RegGetValueW(HANDLE key, LPCWSTR sub, LPCWSTR name, DWORD flags,
			     DWORD *type, void *data, DWORD *size);
LONG WINAPI w32_RegDeleteValueW(HANDLE key, LPCWSTR name);
LONG WINAPI w32_RegDeleteKeyValueW(HANDLE key, LPCWSTR sub, LPCWSTR name);
LONG WINAPI w32_RegDeleteKeyW(HANDLE key, LPCWSTR sub);
LONG WINAPI w32_RegDeleteKeyExW(HANDLE key, LPCWSTR sub, DWORD access,
				DWORD res);
LONG WINAPI w32_RegDeleteTreeW(HANDLE key, LPCWSTR sub);
LONG WINAPI w32_RegEnumKeyExW(HANDLE key, DWORD i, LPWSTR name, DWORD *len,
			      DWORD *res, LPWSTR cls, DWORD *clslen,
			      FILETIME *ft);
LONG WINAPI w32_RegEnumKeyW(HANDLE key, DWORD i, LPWSTR name, DWORD len);
LONG WINAPI w32_RegEnumValueW(HANDLE key, DWORD i, LPWSTR name, DWORD *len,
			      DWORD *res, DWORD *type, BYTE *data, DWORD *size);
LONG WINAPI w32_RegQueryInfoKeyW(HANDLE key, LPWSTR cls, DWORD *clslen,
				 DWORD *res, DWORD *subs, DWORD *maxsub,
				 DWORD *maxcls, DWORD *vals, DWORD *maxvname,
				 DWORD *maxvlen, DWORD *sd, FILETIME *ft);

/* ---- the A functions, beside their W twins (registry.c, regvalue.c,
 * reggetvalue.c): names and strings in the ANSI code page ------------- */
LONG WINAPI w32_RegOpenKeyExA(HANDLE key, LPCSTR sub, DWORD opts, DWORD access,
			      HANDLE *out);
LONG WINAPI w32_RegOpenKeyA(HANDLE key, LPCSTR sub, HANDLE *out);
LONG WINAPI w32_RegCreateKeyExA(HANDLE key, LPCSTR sub, DWORD res, LPSTR cls,
				DWORD opts, DWORD access, void *sa, HANDLE *out,
				DWORD *disp);
LONG WINAPI w32_RegCreateKeyA(HANDLE key, LPCSTR sub, HANDLE *out);
LONG WINAPI w32_RegQueryValueExA(HANDLE key, LPCSTR name, DWORD *res,
				 DWORD *type, BYTE *data, DWORD *size);
LONG WINAPI w32_RegQueryValueA(HANDLE key, LPCSTR sub, LPSTR data, LONG *size);
LONG WINAPI w32_RegSetValueExA(HANDLE key, LPCSTR name, DWORD res, DWORD type,
			       const BYTE *data, DWORD len);
LONG WINAPI w32_RegSetValueA(HANDLE key, LPCSTR sub, DWORD type, LPCSTR data,
			     DWORD len);
LONG WINAPI w32_RegSetKeyValueA(HANDLE key, LPCSTR sub, LPCSTR name, DWORD type,
				const void *data, DWORD len);
LONG WINAPI w32_RegGetValueA(HANDLE key, LPCSTR sub, LPCSTR value, DWORD flags,
			     DWORD *type, void *data, DWORD *size);
LONG WINAPI w32_RegDeleteValueA(HANDLE key, LPCSTR name);
LONG WINAPI w32_RegDeleteKeyValueA(HANDLE key, LPCSTR sub, LPCSTR name);
LONG WINAPI w32_RegDeleteKeyA(HANDLE key, LPCSTR sub);
LONG WINAPI w32_RegDeleteKeyExA(HANDLE key, LPCSTR sub, DWORD access,
				DWORD res);
LONG WINAPI w32_RegDeleteTreeA(HANDLE key, LPCSTR sub);
LONG WINAPI w32_RegEnumKeyExA(HANDLE key, DWORD i, LPSTR name, DWORD *len,
			      DWORD *res, LPSTR cls, DWORD *clslen,
			      FILETIME *ft);
LONG WINAPI w32_RegEnumKeyA(HANDLE key, DWORD i, LPSTR name, DWORD len);
LONG WINAPI w32_RegEnumValueA(HANDLE key, DWORD i, LPSTR name, DWORD *len,
			      DWORD *res, DWORD *type, BYTE *data, DWORD *size);
LONG WINAPI w32_RegQueryInfoKeyA(HANDLE key, LPSTR cls, DWORD *clslen,
				 DWORD *res, DWORD *subs, DWORD *maxsub,
				 DWORD *maxcls, DWORD *vals, DWORD *maxvname,
				 DWORD *maxvlen, DWORD *sd, FILETIME *ft);

#endif
