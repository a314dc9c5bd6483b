/*
 * error.c — kernel32: the last error (GetLastError, SetLastError).
 *
 * The last error lives where Windows keeps it, in the TEB
 * (LastErrorValue), so code that reads the TEB directly agrees.
 * FormatMessage, which turns error codes into text, is message.c.
 */

#include "runtime/kernel32/kernel32.h"

DWORD WINAPI w32_GetLastError(void)
{
	struct rt_teb *t = rt_teb();

	return t ? t->LastErrorValue : 0;
}

void WINAPI w32_SetLastError(DWORD e)
{
	rt_set_last_error(e);
}
