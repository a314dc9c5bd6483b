/*
 * except.c — the exception and error handlers the CRT startup code and
 * compiled code reach through msvcrt: _XcptFilter (the filter around
 * main) and _set_invalid_parameter_handler; the filter declines.
 * (__C_specific_handler, which msvcrt exports too, is ntdll's, as on
 * Windows, where msvcrt forwards it there.)
 */
#include "runtime/msvcrt/msvcrt.h"

int WINAPI w32__XcptFilter(ULONG code, void *info)
{
	return 0;
}

void *WINAPI w32__set_invalid_parameter_handler(void *fn)
{
	static void *handler;

	return __atomic_exchange_n(&handler, fn, __ATOMIC_SEQ_CST);
}
