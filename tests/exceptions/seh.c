/*
 * seh.c — __try/__except/__finally (compiled by clang for mingw: GCC has
 * no SEH keywords), with CPU faults and RaiseException: filters see the
 * code, handlers run, __finally blocks run on the way out, a filter that
 * repairs memory continues at the faulting instruction.
 *
 * (built by clang: tests/exceptions/exceptions.mk)
 */
#include <stdio.h>
#include <windows.h>

static char *spare;

__attribute__((noinline)) static void poke(volatile int *p, int v)
{
	*p = v;
}

__attribute__((noinline)) static int divide(int a, int b)
{
	int q;

	__asm__ volatile("cltd\n\tidivl %%ecx"
			 : "=a"(q)
			 : "a"(a), "c"(b)
			 : "edx", "cc");
	return q;
}

static int show(const char *who, EXCEPTION_POINTERS *ep, int verdict)
{
	printf("%s: %08lx, returns %d\n", who,
	       ep->ExceptionRecord->ExceptionCode, verdict);
	return verdict;
}

__attribute__((noinline)) static void caught_access_violation(void)
{
	__try {
		poke(0, 1);
		printf("not reached\n");
	} __except (show("filter", GetExceptionInformation(),
			 EXCEPTION_EXECUTE_HANDLER)) {
		printf("handler runs\n");
	}
}

__attribute__((noinline)) static void inner_finally(void)
{
	__try {
		poke(0, 2);
	} __finally {
		printf("finally, abnormal %d\n", AbnormalTermination() != 0);
	}
}

__attribute__((noinline)) static void finally_then_outer(void)
{
	__try {
		inner_finally();
	} __except (show("outer filter", GetExceptionInformation(), 1)) {
		printf("outer handler runs\n");
	}
}

__attribute__((noinline)) static void normal_finally(void)
{
	__try {
		printf("body runs\n");
	} __finally {
		printf("finally, abnormal %d\n", AbnormalTermination() != 0);
	}
}

__attribute__((noinline)) static void search_goes_on(void)
{
	__try {
		__try {
			divide(1, 0);
		} __except (show("inner filter", GetExceptionInformation(),
				 EXCEPTION_CONTINUE_SEARCH)) {
			printf("not reached\n");
		}
	} __except (show("outer filter", GetExceptionInformation(),
			 EXCEPTION_EXECUTE_HANDLER)) {
		printf("outer handler runs\n");
	}
}

static int commit_and_retry(EXCEPTION_POINTERS *ep)
{
	ULONG_PTR at = ep->ExceptionRecord->ExceptionInformation[1];

	if (at == (ULONG_PTR)spare &&
	    VirtualAlloc(spare, 4096, MEM_COMMIT, PAGE_READWRITE)) {
		printf("filter commits the page and continues\n");
		return EXCEPTION_CONTINUE_EXECUTION;
	}
	return EXCEPTION_EXECUTE_HANDLER;
}

__attribute__((noinline)) static void continue_execution(void)
{
	spare = VirtualAlloc(NULL, 65536, MEM_RESERVE, PAGE_NOACCESS);
	__try {
		poke((int *)spare, 7);
		printf("the write went through: %d\n", *(int *)spare);
	} __except (commit_and_retry(GetExceptionInformation())) {
		printf("not reached\n");
	}
}

__attribute__((noinline)) static void raised(void)
{
	__try {
		RaiseException(0xe0000042, 0, 0, NULL);
	} __except (GetExceptionCode() == 0xe0000042) {
		printf("raised exception caught\n");
	}
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	caught_access_violation();
	finally_then_outer();
	normal_finally();
	search_goes_on();
	continue_execution();
	raised();
	printf("done\n");
	return 0;
}
