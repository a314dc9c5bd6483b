/*
 * exc_standin.c — what runtime/core/fault.c calls beyond the loader, for
 * the tests and benchmarks that link the fault handler alone (fault_test,
 * cow_bench): no Windows stacks or guard pages, and an exception ends the
 * process with its code, as the runtime's dispatcher does when nothing
 * handles it.
 */
#include <stdio.h>
#include <unistd.h>

#include "runtime/core/core.h"

void standin_unhandled(W_EXCEPTION_RECORD *rec, W_CONTEXT *ctx);

int rt_stack_reserve_for_dispatch(uintptr_t lo, uintptr_t sp, uintptr_t pc)
{
	return 0;
}

enum rt_guard rt_guard_fault(uintptr_t addr, uintptr_t sp, uintptr_t pc,
			     W_EXCEPTION_RECORD *rec)
{
	return RT_GUARD_NONE;
}

void rt_report_exit(DWORD code)
{
}

void standin_unhandled(W_EXCEPTION_RECORD *rec, W_CONTEXT *ctx)
{
	fprintf(stderr, "unhandled exception 0x%08X at %p\n",
		rec->ExceptionCode, rec->ExceptionAddress);
	_exit((int)(rec->ExceptionCode & 0xff));
}

/* The fault handler returns into this with the record in %rdi and the
 * context in %rsi, the stack 16-byte aligned. */
__asm__(".text\n"
	".globl rt_exception_entry\n"
	"rt_exception_entry:\n"
	"\tcall standin_unhandled\n"
	"\tud2\n");
