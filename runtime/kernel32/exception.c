/*
 * exception.c — kernel32: the unhandled-exception filter.
 *
 * SetUnhandledExceptionFilter keeps the program's top-level filter here,
 * in kernel32, as Windows does.  UnhandledExceptionFilter is what every
 * Windows thread's start runs as the filter of its outermost __except:
 * kernel32 hands it to ntdll at start (RtlSetUnhandledExceptionFilter),
 * and ntdll's dispatcher calls it when no handler takes an exception.
 * Programs call it too (mingw's CRT on a /GS failure).  The vectored
 * handlers live in ntdll (ntdll/vectored.c): kernel32's
 * AddVectoredExceptionHandler and friends are ntdll's functions,
 * exported under kernel32's names (exports.h), as Windows forwards them.
 */
#include "runtime/kernel32/k32int.h"
#include "runtime/ntdll/ntdll.h"

/* The program's filter (SetUnhandledExceptionFilter); NULL: none. */
static void *top_filter;

void *WINAPI w32_SetUnhandledExceptionFilter(void *filter)
{
	return __atomic_exchange_n(&top_filter, filter, __ATOMIC_ACQ_REL);
}

/* As Windows documents it: under a debugger the exception goes on to
 * it (EXCEPTION_CONTINUE_SEARCH); else the program's filter runs, and
 * what it answers is the answer unless it keeps searching; then, with
 * no debugger to start, EXCEPTION_EXECUTE_HANDLER: the caller's
 * __except (a thread's start: the end of the process) runs.  Windows
 * would show its error report first; dllshare reports the exception on
 * stderr when it ends the process (ntdll/dispatch.c). */
LONG WINAPI w32_UnhandledExceptionFilter(W_EXCEPTION_POINTERS *ep)
{
	LONG(WINAPI * f)(W_EXCEPTION_POINTERS *) =
		__atomic_load_n(&top_filter, __ATOMIC_ACQUIRE);

	if (rt_peb.BeingDebugged)
		return EXCEPTION_CONTINUE_SEARCH;
	if (f) {
		LONG r = f(ep);

		if (r != EXCEPTION_CONTINUE_SEARCH)
			return r;
	}
	return EXCEPTION_EXECUTE_HANDLER;
}

void rt_kernel32_attach(void)
{
	rt_k32_resume_wait();
	rt_k32_thread_register_main();
	w32_RtlSetUnhandledExceptionFilter(w32_UnhandledExceptionFilter);
	rt_k32_inherit_take();
}
