/*
 * debug.c — kernel32: the debugger calls, IsDebuggerPresent,
 * OutputDebugString and DebugBreak.
 *
 * No debugger is ever attached (a Linux debugger does not speak
 * Windows' debug events): IsDebuggerPresent says FALSE and what
 * OutputDebugString is given goes nowhere, as on Windows when no
 * debugger listens.
 */
#include <stdlib.h>

#include "runtime/kernel32/kernel32.h"
#include "runtime/ntdll/ntdll.h"

BOOL WINAPI w32_IsDebuggerPresent(void)
{
	return FALSE;
}

void WINAPI w32_OutputDebugStringA(LPCSTR s)
{
	(void)s; /* no debugger */
}

/* No debugger listens: the string goes to the --trace log only. */
void WINAPI w32_OutputDebugStringW(LPCWSTR s)
{
	char *u;

	if (!ld_trace_on || !s)
		return;
	u = rt_utf8_dup(s);
	if (u)
		ld_trace("OutputDebugString: %s", u);
	free(u);
}

/* A breakpoint exception, which without a debugger is the program's
 * handlers' to catch, or ends it with status 0x80000003 (as int3 does
 * on Windows). */
void WINAPI w32_DebugBreak(void)
{
	w32_RaiseException(STATUS_BREAKPOINT, 0, 0, 0);
}
