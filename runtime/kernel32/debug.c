/*
 * debug.c — kernel32: the debugger calls, IsDebuggerPresent and
 * OutputDebugString.
 *
 * No debugger is ever attached (a Linux debugger does not speak
 * Windows' debug events): IsDebuggerPresent says FALSE and what
 * OutputDebugString is given goes nowhere, as on Windows when no
 * debugger listens.
 */
#include "runtime/kernel32/kernel32.h"

BOOL WINAPI w32_IsDebuggerPresent(void)
{
	return FALSE;
}

void WINAPI w32_OutputDebugStringA(LPCSTR s)
{
	(void)s; /* no debugger */
}
