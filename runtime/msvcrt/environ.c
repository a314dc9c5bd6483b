/*
 * environ.c — msvcrt's getenv and _putenv over the process environment,
 * with Windows' rules: names compare without case, and "NAME=" removes
 * the variable.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "runtime/msvcrt/msvcrt.h"

extern char **environ;

/* Windows names ignore case. */
char *WINAPI w32_getenv(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (!strncasecmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return 0;
}

/* "NAME=value" sets, "NAME=" removes. */
int WINAPI w32__putenv(const char *s)
{
	const char *eq = strchr(s, '=');
	char *name;
	int r;

	if (!eq || eq == s) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	name = strndup(s, (size_t)(eq - s));
	if (!name)
		return -1;
	r = eq[1] ? setenv(name, eq + 1, 1) : unsetenv(name);
	free(name);
	return r ? -1 : 0;
}
