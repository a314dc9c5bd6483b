/*
 * fault.c — one CPU fault of the kind argv[1] names, handled as argv[2]
 * says, printing what the program's own handler saw.  Run under Wine and
 * under dllshare by tests/exceptions/runs.txt; stdout and the exit status
 * must agree.
 *
 *   fault.exe KIND none     no handler: the process ends with the code
 *   fault.exe KIND filter   SetUnhandledExceptionFilter's filter prints
 *   fault.exe KIND veh      a vectored handler prints, repairs, continues
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static char *exe_base;
static char *spare; /* committed by the vectored handler */
static volatile char *guard; /* PAGE_GUARD */
static volatile long long divisor; /* of the divisions in memory */
static int divisor_in_rcx = 1;

static void show(const char *who, EXCEPTION_POINTERS *ep)
{
	EXCEPTION_RECORD *r = ep->ExceptionRecord;
	char *a = r->ExceptionAddress;

	printf("%s: code %08lx flags %lx params %lu", who, r->ExceptionCode,
	       r->ExceptionFlags, r->NumberParameters);
	for (DWORD i = 0; i < r->NumberParameters && i < 2; i++) {
		ULONG_PTR v = r->ExceptionInformation[i];
		NT_TIB *tib = (NT_TIB *)NtCurrentTeb();

		/* Addresses that differ from run to run are named. */
		if (i == 1 && v == (ULONG_PTR)spare)
			printf(" [1]=spare");
		else if (i == 1 && v == (ULONG_PTR)guard)
			printf(" [1]=guard");
		else if (i == 1 && v < (ULONG_PTR)tib->StackBase &&
			 v >= (ULONG_PTR)tib->StackBase - (64u << 20))
			printf(" [1]=stack");
		else
			printf(" [%lu]=%llx", i, (unsigned long long)v);
	}
	if (r->ExceptionCode == 0xe0424242)
		printf(" at RaiseException"); /* inside it on Windows */
	else if (a >= exe_base && a < exe_base + 0x1000000)
		printf(" at exe+%llx", (unsigned long long)(a - exe_base));
	else
		printf(" at %p", (void *)a);
	printf(" rip %s\n", (char *)ep->ContextRecord->Rip == a ? "=address"
								 : "differs");
	fflush(stdout);
}

static LONG WINAPI filter(EXCEPTION_POINTERS *ep)
{
	show("filter", ep);
	return EXCEPTION_EXECUTE_HANDLER;
}

/* The instruction after the one that follows the popf that sets the trap
 * flag (step below): where the single-step trap stops. */
extern char fault_step_stop[];

/* Repairs what it can and continues: memory for a bad write, the next
 * instruction for ud2, int3 and hlt, the return address for a call to a
 * bad address, another divisor for a division, masked floating-point
 * exceptions, a clear trap flag. */
static LONG WINAPI vectored(EXCEPTION_POINTERS *ep)
{
	EXCEPTION_RECORD *r = ep->ExceptionRecord;
	CONTEXT *c = ep->ContextRecord;

	show("vectored", ep);
	switch (r->ExceptionCode) {
	case EXCEPTION_ACCESS_VIOLATION:
		if (r->ExceptionInformation[1] == (ULONG_PTR)spare &&
		    VirtualAlloc(spare, 4096, MEM_COMMIT, PAGE_READWRITE))
			return EXCEPTION_CONTINUE_EXECUTION; /* retried */
		/* A call to a bad address: return to the caller. */
		if (r->ExceptionInformation[0] == 8 &&
		    r->ExceptionInformation[1] == c->Rip) {
			c->Rip = *(DWORD64 *)c->Rsp;
			c->Rsp += 8;
			return EXCEPTION_CONTINUE_EXECUTION;
		}
		break;
	case EXCEPTION_ILLEGAL_INSTRUCTION:
		c->Rip += 2; /* ud2 */
		return EXCEPTION_CONTINUE_EXECUTION;
	case EXCEPTION_PRIV_INSTRUCTION:
		c->Rip += 1; /* hlt */
		return EXCEPTION_CONTINUE_EXECUTION;
	case EXCEPTION_SINGLE_STEP:
		printf("trap flag %s, stopped %s\n",
		       c->EFlags & 0x100 ? "set" : "clear",
		       (char *)c->Rip == fault_step_stop ? "after the nop"
							 : "elsewhere");
		c->EFlags &= ~0x100u;
		return EXCEPTION_CONTINUE_EXECUTION;
	case EXCEPTION_FLT_DIVIDE_BY_ZERO:
	case EXCEPTION_FLT_OVERFLOW:
	case EXCEPTION_FLT_UNDERFLOW:
	case EXCEPTION_FLT_INVALID_OPERATION:
	case EXCEPTION_FLT_INEXACT_RESULT:
	case EXCEPTION_FLT_DENORMAL_OPERAND:
		/* SSE: mask every exception, clear the flags, retry. */
		printf("mxcsr %lx\n", c->MxCsr);
		c->MxCsr = (c->MxCsr | 0x1f80) & ~0x3fu;
		c->FltSave.MxCsr = c->MxCsr;
		return EXCEPTION_CONTINUE_EXECUTION;
	case EXCEPTION_BREAKPOINT:
		/* x64 Windows reports the int3 itself; step over it. */
		if (*(unsigned char *)c->Rip == 0xcc)
			c->Rip += 1;
		return EXCEPTION_CONTINUE_EXECUTION;
	case EXCEPTION_INT_DIVIDE_BY_ZERO:
	case EXCEPTION_INT_OVERFLOW:
		if (divisor_in_rcx)
			c->Rcx = 7; /* div_by(), idiv8() */
		else
			divisor = 7; /* the divisions in memory */
		return EXCEPTION_CONTINUE_EXECUTION;
	case EXCEPTION_GUARD_PAGE:
		return EXCEPTION_CONTINUE_EXECUTION; /* the guard is gone */
	}
	return EXCEPTION_CONTINUE_SEARCH;
}

/* Divisions whose divisor is in memory or in a byte register, so that
 * the divide error's decoding (zero divisor or quotient too big) sees
 * each form: 64-bit idiv of a rip-relative operand, 32-bit div through
 * a base register with edx:eax too big, 8-bit idiv of cl. */
__attribute__((noinline)) static long long idiv_mem64(long long a)
{
	long long q;

	__asm__ volatile("cqto\n\tidivq %1" : "=a"(q) : "m"(divisor), "a"(a)
			 : "rdx", "cc");
	return q;
}

__attribute__((noinline)) static unsigned div_hi(unsigned hi, unsigned lo)
{
	unsigned q;

	__asm__ volatile("divl (%2)" : "=a"(q), "+d"(hi)
			 : "D"(&divisor), "a"(lo) : "cc");
	return q;
}

__attribute__((noinline)) static int idiv8(int a, int b)
{
	short q;

	__asm__ volatile("idivb %%cl" : "=a"(q) : "a"((short)a), "c"(b)
			 : "cc");
	return (signed char)q;
}

__attribute__((noinline)) static int div_by(int a, int b)
{
	int q;

	/* idiv with the divisor in ecx, so the handler can change it. */
	__asm__ volatile("cltd\n\tidivl %%ecx"
			 : "=a"(q)
			 : "a"(a), "c"(b)
			 : "edx", "cc");
	return q;
}

#pragma GCC diagnostic ignored "-Winfinite-recursion"
__attribute__((noinline)) static int recurse(int n)
{
	volatile char pad[512];

	pad[0] = (char)n;
	return recurse(n + 1) + pad[0];
}

/* 512 bytes a level, used so that the compiler keeps them. */
__attribute__((noinline)) static int descend(int n)
{
	volatile char pad[512];

	pad[0] = 1;
	return n ? descend(n - 1) + pad[0] : 0;
}

/* An address the compiler cannot see is bad. */
__attribute__((noinline)) static uintptr_t sink_addr(uintptr_t a)
{
	return a;
}

int main(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "";
	const char *mode = argc > 2 ? argv[2] : "none";
	volatile int sink = 0;

	exe_base = (char *)GetModuleHandleA(NULL);
	setvbuf(stdout, NULL, _IONBF, 0);
	if (!strcmp(mode, "filter"))
		SetUnhandledExceptionFilter(filter);
	else if (!strcmp(mode, "veh"))
		AddVectoredExceptionHandler(1, vectored);
	spare = VirtualAlloc(NULL, 65536, MEM_RESERVE, PAGE_NOACCESS);
	printf("%s %s\n", kind, mode);

	if (!strcmp(kind, "nullw")) {
		*(volatile int *)0 = 1;
	} else if (!strcmp(kind, "nullr")) {
		sink = *(volatile int *)(uintptr_t)sink_addr(16);
	} else if (!strcmp(kind, "reserved")) {
		/* Reserved, not committed: the vectored handler commits it. */
		*(volatile int *)spare = 42;
		printf("after the write: %d\n", *(volatile int *)spare);
	} else if (!strcmp(kind, "flags")) {
		/* The flags set before a fault are the program's after the
		 * handler commits the page and execution continues: carry
		 * and zero set, sign clear, read back after the write. */
		unsigned char cf, zf, sf;

		__asm__ volatile("xorl %%eax, %%eax\n\t"
				 "stc\n\t"
				 "movl $42, (%3)\n\t"
				 "setc %0\n\t"
				 "setz %1\n\t"
				 "sets %2"
				 : "=q"(cf), "=q"(zf), "=q"(sf)
				 : "r"(spare)
				 : "eax", "cc", "memory");
		printf("after the write: cf %d zf %d sf %d, value %d\n", cf, zf,
		       sf, *(volatile int *)spare);
	} else if (!strcmp(kind, "high")) {
		*(volatile int *)0x7e0000000000ull = 1;
	} else if (!strcmp(kind, "noncanon")) {
		sink = *(volatile int *)0x8000000000000000ull;
	} else if (!strcmp(kind, "call")) {
		((void (*)(void))0x10000000)();
	} else if (!strcmp(kind, "div0")) {
		sink = div_by(42, 0);
		printf("quotient %d\n", sink);
	} else if (!strcmp(kind, "ovf")) {
		sink = div_by(INT_MIN, -1);
		printf("quotient %d\n", sink);
	} else if (!strcmp(kind, "div0mem")) {
		divisor_in_rcx = 0;
		divisor = 0;
		printf("quotient %lld\n", idiv_mem64(42));
	} else if (!strcmp(kind, "ovfmem")) {
		divisor_in_rcx = 0;
		divisor = -1;
		printf("quotient %lld\n", idiv_mem64(LLONG_MIN));
	} else if (!strcmp(kind, "ovfhi")) {
		divisor_in_rcx = 0;
		divisor = 1;
		printf("quotient %u\n", div_hi(1, 0));
	} else if (!strcmp(kind, "ovf8")) {
		printf("quotient %d\n", idiv8(-128, -1));
	} else if (!strcmp(kind, "ud2")) {
		__asm__ volatile("ud2");
	} else if (!strcmp(kind, "int3")) {
		__asm__ volatile("int3");
	} else if (!strcmp(kind, "priv")) {
		__asm__ volatile("hlt");
	} else if (!strcmp(kind, "stack")) {
		sink = recurse(0);
	} else if (!strcmp(kind, "deep")) {
		/* 1.5 MiB deep: the stack grows a page at a time through its
		 * guard page, well within the 2 MiB reserved. */
		NT_TIB *tib = (NT_TIB *)NtCurrentTeb();
		char *before = tib->StackLimit;

		sink = descend(3000);
		printf("descended: %d, stack limit moved down %s\n", sink,
		       (char *)tib->StackLimit < before - (1 << 20) ? "over 1 MiB"
								 : "less");
	} else if (!strcmp(kind, "fdiv")) {
		volatile double zero = 0.0, one = 1.0;

		_controlfp(0, _EM_ZERODIVIDE);
		printf("%f\n", one / zero);
	} else if (!strcmp(kind, "guard")) {
		volatile char *g = VirtualAlloc(NULL, 4096, MEM_COMMIT,
						PAGE_READWRITE | PAGE_GUARD);
		MEMORY_BASIC_INFORMATION mbi;

		guard = g;
		VirtualQuery((void *)g, &mbi, sizeof mbi);
		printf("guard protect %lx\n", mbi.Protect);
		g[0] = 1;
		VirtualQuery((void *)g, &mbi, sizeof mbi);
		printf("after protect %lx\n", mbi.Protect);
		g[1] = 2;
		printf("second touch ok %d\n", g[0] + g[1]);
	} else if (!strcmp(kind, "guardvp")) {
		/* PAGE_GUARD added to committed memory by VirtualProtect. */
		volatile char *g = VirtualAlloc(NULL, 4096, MEM_COMMIT,
						PAGE_READWRITE);
		MEMORY_BASIC_INFORMATION mbi;
		DWORD old = 0;

		guard = g;
		g[0] = 5;
		printf("protect %d", VirtualProtect((void *)g, 4096,
						    PAGE_READWRITE | PAGE_GUARD,
						    &old));
		printf(" old %lx\n", old);
		printf("again %d", VirtualProtect((void *)g, 4096,
						  PAGE_READWRITE | PAGE_GUARD,
						  &old));
		printf(" old %lx\n", old);
		VirtualQuery((void *)g, &mbi, sizeof mbi);
		printf("guard protect %lx\n", mbi.Protect);
		sink = g[0];
		VirtualQuery((void *)g, &mbi, sizeof mbi);
		printf("read %d, after protect %lx\n", sink, mbi.Protect);
		g[1] = 2;
		printf("second touch ok %d\n", g[0] + g[1]);
	} else if (!strcmp(kind, "step")) {
		/* The trap flag, set: the CPU stops after the instruction
		 * that follows popf. */
		__asm__ volatile("pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\t"
				 "nop\n"
				 ".globl fault_step_stop\n"
				 "fault_step_stop:\n\t"
				 "nop"
				 ::: "cc", "memory");
		printf("stepped\n");
	} else if (!strcmp(kind, "fovf") || !strcmp(kind, "fund") ||
		   !strcmp(kind, "finv") || !strcmp(kind, "finex")) {
		/* SSE arithmetic, one exception unmasked by _controlfp. */
		volatile double big = DBL_MAX, tiny = DBL_MIN, zero = 0.0,
				three = 3.0, r;
		unsigned em = kind[1] == 'o' ? _EM_OVERFLOW
			      : kind[1] == 'u' ? _EM_UNDERFLOW
			      : kind[2] == 'n' && kind[3] == 'v' ? _EM_INVALID
								 : _EM_INEXACT;

		_controlfp(0, em);
		if (em == _EM_OVERFLOW)
			r = big * three;
		else if (em == _EM_UNDERFLOW)
			r = tiny / big;
		else if (em == _EM_INVALID)
			r = zero / zero;
		else
			r = 1.0 / three;
		printf("result %s\n", isnan(r)   ? "nan"
				      : isinf(r) ? "inf"
				      : r == 0   ? "zero"
				      : r < DBL_MIN ? "denormal"
						      : "normal");
	} else if (!strcmp(kind, "fden")) {
		/* A denormal operand, the exception unmasked in MXCSR. */
		volatile double den = DBL_MIN / 4, one = 1.0, r;
		unsigned csr;

		__asm__ volatile("stmxcsr %0" : "=m"(csr));
		csr &= ~0x100u; /* DM */
		__asm__ volatile("ldmxcsr %0" : : "m"(csr));
		r = den + one;
		printf("result %s\n", r == one ? "one" : "other");
	} else if (!strcmp(kind, "x87den")) {
		/* x87: a denormal double loaded, the exception unmasked in
		 * its control word. */
		volatile double den = DBL_MIN / 4;
		volatile long double r;
		unsigned short cw;

		__asm__ volatile("fnstcw %0" : "=m"(cw));
		cw &= ~0x2; /* DM */
		__asm__ volatile("fldcw %0" : : "m"(cw));
		r = den;
		r = r + 1.0L;
		printf("result %s\n", r == 1.0L ? "one" : "other");
	} else if (!strcmp(kind, "x87ovf")) {
		/* x87: overflow unmasked in its control word (msvcrt's
		 * _controlfp sets only MXCSR on x64), raised by the next x87
		 * instruction that waits. */
		volatile long double big = LDBL_MAX, r;
		unsigned short cw;

		__asm__ volatile("fnstcw %0" : "=m"(cw));
		cw &= ~0x8; /* OM */
		__asm__ volatile("fldcw %0" : : "m"(cw));
		r = big * big;
		printf("result %s\n", isinf(r) ? "inf" : "other");
	} else if (!strcmp(kind, "raise")) {
		ULONG_PTR args[2] = {1, 2};

		RaiseException(0xe0424242, 0, 2, args);
	} else {
		printf("unknown kind\n");
		return 2;
	}
	printf("resumed %d\n", sink);
	return 0;
}
