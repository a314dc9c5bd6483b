/*
 * except.c — the exception and error handlers the CRT startup code and
 * compiled code reach through msvcrt: __C_specific_handler (the SEH
 * language handler of x64 code), _XcptFilter (the filter around main)
 * and _set_invalid_parameter_handler.  dllshare dispatches no SEH here:
 * the handlers keep the search going and the filter declines.
 */
#include "runtime/msvcrt/msvcrt.h"

/* No SEH dispatch in dllshare: keep searching (EXCEPTION_CONTINUE_SEARCH
 * is ExceptionContinueSearch = 1 for language handlers). */
int WINAPI w32___C_specific_handler(void *rec, void *frame, void *ctx,
				    void *disp)
{
	return 1;
}

int WINAPI w32__XcptFilter(ULONG code, void *info)
{
	return 0;
}

void *WINAPI w32__set_invalid_parameter_handler(void *fn)
{
	static void *handler;

	return __atomic_exchange_n(&handler, fn, __ATOMIC_SEQ_CST);
}
