/*
 * debug.c — kernel32: what a program says to a debugger (there is none:
 * OutputDebugStringA, its neighbour-to-be, is still in find.c).
 */
#include <stdlib.h>

#include "runtime/kernel32/kernel32.h"
#include "runtime/ntdll/ntdll.h"

#define EXCEPTION_BREAKPOINT 0x80000003u

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
	w32_RaiseException(EXCEPTION_BREAKPOINT, 0, 0, 0);
}
