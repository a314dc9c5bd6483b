/*
 * except.c — the exception and error handlers the CRT startup code and
 * compiled code reach through msvcrt: _set_invalid_parameter_handler
 * (_XcptFilter, the filter around main, is signal.c's).  msvcrt's
 * __C_specific_handler, the language handler of __try blocks, is
 * ntdll's (runtime/ntdll/seh.c), as on Windows where both export one.
 */
#include "runtime/msvcrt/msvcrt.h"

void *WINAPI w32__set_invalid_parameter_handler(void *fn)
{
	static void *handler;

	return __atomic_exchange_n(&handler, fn, __ATOMIC_SEQ_CST);
}
