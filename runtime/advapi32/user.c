/*
 * user.c — advapi32: the user's name (GetUserName), the Linux user's:
 * the password database's entry for the real user id, else $USER.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/advapi32/advapi32.h"

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
