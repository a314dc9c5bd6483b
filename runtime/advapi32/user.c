/*
 * user.c — advapi32: the user's name (GetUserName), the Linux user's:
 * /etc/passwd's entry for the real user id, else $USER.  The file is read
 * directly, not through getpwuid: dllshare is linked statically (a faster
 * start), and a static glibc's getpwuid would load the NSS modules of the
 * glibc it was built with at run time.  A user known only to a network
 * directory (LDAP, sssd) therefore gets $USER.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/advapi32/advapi32.h"

/* The name of /etc/passwd's line "name:password:UID:..." for uid, in buf;
 * NULL if the file has no such line or cannot be read. */
static const char *passwd_name(uid_t uid, char *buf, size_t size)
{
	FILE *f = fopen("/etc/passwd", "re");
	const char *found = NULL;
	char line[1024];

	if (!f)
		return NULL;
	while (!found && fgets(line, sizeof(line), f)) {
		char *pw = strchr(line, ':');
		char *id = pw ? strchr(pw + 1, ':') : NULL;
		char *end;
		unsigned long v;

		if (!id || pw == line || (size_t)(pw - line) >= size)
			continue;
		v = strtoul(id + 1, &end, 10);
		if (end == id + 1 || *end != ':' || v != uid)
			continue;
		memcpy(buf, line, (size_t)(pw - line));
		buf[pw - line] = 0;
		found = buf;
	}
	fclose(f);
	return found;
}

BOOL WINAPI w32_GetUserNameA(LPSTR buf, DWORD *size)
{
	char pwname[256];
	const char *name = passwd_name(getuid(), pwname, sizeof(pwname));
	size_t n;

	if (!name)
		name = getenv("USER");
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
