/*
 * dispatch.c — the exception dispatcher: where every exception goes,
 * raised by RaiseException or by the CPU.
 *
 * Windows' order (RtlDispatchException, then the thread's top-level
 * filter): the vectored handlers first; then the frame-based handlers,
 * found by unwinding the stack through .pdata (seh.c), innermost first;
 * then the unhandled-exception filter of SetUnhandledExceptionFilter;
 * then the process ends with the exception code as its status.  A
 * handler that says EXCEPTION_CONTINUE_EXECUTION resumes the thread in
 * the context it leaves, changed or not (a handler that commits memory
 * and retries the faulting instruction, one that steps over an int3).
 *
 * A CPU fault reaches rt_dispatch_fault on the faulting thread's own
 * stack, below the frame that faulted: the fault handler (core/fault.c)
 * built the record and context there and returned into
 * rt_exception_entry (seh_asm.S), as Windows' kernel hands a fault to
 * KiUserExceptionDispatcher.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "runtime/ntdll/ntdll.h"

#define EXCEPTION_CONTINUE_EXECUTION (-1)
#define EXCEPTION_NONCONTINUABLE     0x1

extern void *rt_unhandled_filter;

static const char *code_name(DWORD code)
{
	switch (code) {
	case STATUS_ACCESS_VIOLATION: return "EXCEPTION_ACCESS_VIOLATION";
	case STATUS_IN_PAGE_ERROR: return "EXCEPTION_IN_PAGE_ERROR";
	case STATUS_GUARD_PAGE_VIOLATION: return "EXCEPTION_GUARD_PAGE";
	case STATUS_BREAKPOINT: return "EXCEPTION_BREAKPOINT";
	case STATUS_SINGLE_STEP: return "EXCEPTION_SINGLE_STEP";
	case STATUS_ILLEGAL_INSTRUCTION: return "EXCEPTION_ILLEGAL_INSTRUCTION";
	case STATUS_PRIVILEGED_INSTRUCTION: return "EXCEPTION_PRIV_INSTRUCTION";
	case STATUS_INTEGER_DIVIDE_BY_ZERO: return "EXCEPTION_INT_DIVIDE_BY_ZERO";
	case STATUS_INTEGER_OVERFLOW: return "EXCEPTION_INT_OVERFLOW";
	case STATUS_FLOAT_DIVIDE_BY_ZERO: return "EXCEPTION_FLT_DIVIDE_BY_ZERO";
	case STATUS_FLOAT_INVALID_OPERATION: return "EXCEPTION_FLT_INVALID_OPERATION";
	case STATUS_FLOAT_OVERFLOW: return "EXCEPTION_FLT_OVERFLOW";
	case STATUS_FLOAT_UNDERFLOW: return "EXCEPTION_FLT_UNDERFLOW";
	case STATUS_FLOAT_INEXACT_RESULT: return "EXCEPTION_FLT_INEXACT_RESULT";
	case STATUS_STACK_OVERFLOW: return "EXCEPTION_STACK_OVERFLOW";
	case STATUS_NONCONTINUABLE_EXCEPTION: return "EXCEPTION_NONCONTINUABLE_EXCEPTION";
	}
	return NULL;
}

/* The lines Windows' unhandled-exception path would show a user: what,
 * where, and for an access violation what was touched, each address
 * named by the image and section it falls in. */
static void report(const W_EXCEPTION_RECORD *rec, const W_CONTEXT *ctx)
{
	static const char *const how[] = {"reading", "writing", "", "", "",
					  "", "", "", "executing"};
	const char *name = code_name(rec->ExceptionCode);
	char desc[256];

	fprintf(stderr, "dllshare: unhandled exception 0x%08X", rec->ExceptionCode);
	if (name)
		fprintf(stderr, " (%s)", name);
	if ((rec->ExceptionCode == STATUS_ACCESS_VIOLATION ||
	     rec->ExceptionCode == STATUS_IN_PAGE_ERROR) &&
	    rec->NumberParameters >= 2 && rec->ExceptionInformation[0] <= 8) {
		fprintf(stderr, " %s address 0x%016llX",
			how[rec->ExceptionInformation[0]],
			(unsigned long long)rec->ExceptionInformation[1]);
	} else {
		fprintf(stderr, " at 0x%016llX",
			(unsigned long long)(uintptr_t)rec->ExceptionAddress);
	}
	fprintf(stderr, ", thread %u\n", (unsigned)rt_tid());
	if (rec->NumberParameters >= 2 &&
	    (rec->ExceptionCode == STATUS_ACCESS_VIOLATION ||
	     rec->ExceptionCode == STATUS_IN_PAGE_ERROR)) {
		ld_fault_describe((void *)rec->ExceptionInformation[1], desc,
				  sizeof desc);
		fprintf(stderr, "dllshare:   address:     %s\n", desc);
	}
	ld_fault_describe((void *)ctx->Rip, desc, sizeof desc);
	fprintf(stderr, "dllshare:   instruction: 0x%016llX %s\n",
		(unsigned long long)ctx->Rip,
		ld_view_at((void *)ctx->Rip) ? desc
					     : "(in dllshare, called by the "
					       "program)");
}

/* No handler wanted it: the process ends with the code as its status,
 * the full 32 bits to a parent dllshare, the low 8 to Linux.  As on
 * Windows, nothing is detached: what msvcrt still buffers is lost (Wine
 * loses it too). */
static void __attribute__((noreturn))
unhandled(const W_EXCEPTION_RECORD *rec, const W_CONTEXT *ctx)
{
	report(rec, ctx);
	ld_record_remove();
	rt_report_exit(rec->ExceptionCode);
	_exit((int)(rec->ExceptionCode & 0xff));
}

void rt_dispatch_exception(W_EXCEPTION_RECORD *rec, W_CONTEXT *ctx)
{
	W_EXCEPTION_POINTERS ep = {rec, ctx};
	int r;

	if (rt_call_vectored(&ep))
		return;
	r = rt_seh_frames(rec, ctx);
	if (r > 0)
		return;
	if (r < 0) {
		/* A handler tried to continue a noncontinuable exception:
		 * Windows raises this in its place. */
		static __thread W_EXCEPTION_RECORD nested;

		memset(&nested, 0, sizeof nested);
		nested.ExceptionCode = STATUS_NONCONTINUABLE_EXCEPTION;
		nested.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
		nested.ExceptionRecord = rec;
		nested.ExceptionAddress = rec->ExceptionAddress;
		rec = &nested;
		ep.ExceptionRecord = rec;
	}
	/* The filter of SetUnhandledExceptionFilter decides (mingw's own
	 * maps exceptions to msvcrt signal handlers, and lets GCC's C++
	 * exceptions continue so that std::terminate runs). */
	if (rt_unhandled_filter) {
		LONG f = ((LONG(WINAPI *)(W_EXCEPTION_POINTERS *))
				  rt_unhandled_filter)(&ep);

		if (f == EXCEPTION_CONTINUE_EXECUTION &&
		    !(rec->ExceptionFlags & EXCEPTION_NONCONTINUABLE))
			return;
	}
	unhandled(rec, ctx);
}

void rt_dispatch_fault(W_EXCEPTION_RECORD *rec, W_CONTEXT *ctx)
{
	rt_dispatch_exception(rec, ctx);
	rt_seh_restore(ctx);
}
