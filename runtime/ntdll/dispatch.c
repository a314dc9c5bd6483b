/*
 * dispatch.c — the exception dispatcher: where every exception goes,
 * raised by RaiseException or by the CPU.
 *
 * Windows' order (RtlDispatchException, then the thread's top-level
 * filter): the vectored handlers first (vectored.c); then the
 * frame-based handlers, found by unwinding the stack through .pdata
 * (seh.c), innermost first; then the top-level filter a DLL above set
 * with RtlSetUnhandledExceptionFilter (kernel32's
 * UnhandledExceptionFilter, which runs the program's
 * SetUnhandledExceptionFilter filter); then the process ends with the
 * exception code as its status.  A handler that says
 * EXCEPTION_CONTINUE_EXECUTION resumes the thread in the context it
 * leaves, changed or not (a handler that commits memory and retries the
 * faulting instruction, one that steps over an int3), after the
 * vectored continue handlers.
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

#define EXCEPTION_NONCONTINUABLE 0x1

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
	case STATUS_FLOAT_DENORMAL_OPERAND: return "EXCEPTION_FLT_DENORMAL_OPERAND";
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

/* The file mapped at a (from /proc/self/maps), for an in-page error
 * outside the image views (the loader's own mapping of a section file,
 * say); 0 when a is in no file mapping. */
static int mapped_file(uintptr_t a, char *buf, size_t len)
{
	FILE *f = fopen("/proc/self/maps", "re");
	char line[4200];
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		int at = 0;

		if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %n", &lo, &hi, &at) <
			    2 ||
		    a < lo || a >= hi || !at || line[at] != '/')
			continue;
		line[strcspn(line, "\n")] = '\0';
		snprintf(buf, len, "%s", line + at);
		found = 1;
	}
	fclose(f);
	return found;
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
	/* A page of an image that cannot be read: the section file shrank
	 * under the mapping (truncated, or damaged on disk). */
	if (rec->ExceptionCode == STATUS_IN_PAGE_ERROR &&
	    (ld_fault_section_file((void *)rec->ExceptionInformation[1], desc,
				   sizeof desc) ||
	     mapped_file(rec->ExceptionInformation[1], desc, sizeof desc)))
		fprintf(stderr, "dllshare:   section file: %s (shorter than the "
				"image: truncated or damaged)\n",
			desc);
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

	if (rt_call_vectored(&ep)) {
		rt_call_continue_handlers(&ep);
		return;
	}
	r = rt_seh_frames(rec, ctx);
	if (r > 0) {
		rt_call_continue_handlers(&ep);
		return;
	}
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
	/* The top-level filter decides: kernel32's runs the program's
	 * (mingw's own maps exceptions to msvcrt signal handlers, and lets
	 * GCC's C++ exceptions continue so that std::terminate runs).
	 * EXCEPTION_EXECUTE_HANDLER, or no filter at all, ends the process,
	 * as the __except of a Windows thread's start does. */
	if (rt_call_top_filter(&ep) == EXCEPTION_CONTINUE_EXECUTION &&
	    !(rec->ExceptionFlags & EXCEPTION_NONCONTINUABLE))
		return;
	unhandled(rec, ctx);
}

void rt_dispatch_fault(W_EXCEPTION_RECORD *rec, W_CONTEXT *ctx)
{
	rt_dispatch_exception(rec, ctx);
	rt_seh_restore(ctx);
}
