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

/* Repairs what it can and continues: memory for a bad write, the next
 * instruction for ud2 and int3, another divisor for a division. */
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
		break;
	case EXCEPTION_ILLEGAL_INSTRUCTION:
		c->Rip += 2; /* ud2 */
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
