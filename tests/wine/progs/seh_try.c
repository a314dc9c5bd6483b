/* seh_try.c — __try/__except/__finally, as clang compiles them: scope
 * tables that __C_specific_handler walks.  A raised exception caught by
 * an __except, and one that leaves an __finally on its way to the
 * caller's __except (the __finally runs during the unwind).
 * wine-test: clang */
#include <stdio.h>
#include <windows.h>

static __attribute__((noinline)) void inner(void)
{
	__try {
		RaiseException(0xe0000001, 0, 0, NULL);
	} __finally {
		printf("inner __finally\n");
	}
}

static int filter(DWORD code)
{
	printf("filter sees %#lx\n", code);
	return code == 0xe0000001 ? EXCEPTION_EXECUTE_HANDLER
				  : EXCEPTION_CONTINUE_SEARCH;
}

/* In a function of its own: in main, clang lays this __try out right
 * after the call to inner(), so the return address the unwind sees lies
 * in its range; Wine's __C_specific_handler then runs this __finally
 * during that unwind (it does not stop at the target's JumpTarget, which
 * Microsoft's C runtime does), printing it twice. */
static __attribute__((noinline)) void normal_exit(void)
{
	__try {
		printf("body\n");
	} __finally {
		printf("__finally on a normal exit\n");
	}
}

int main(void)
{
	__try {
		RaiseException(0xe0000042, 0, 0, NULL);
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		printf("caught a raised exception\n");
	}
	__try {
		__try {
			inner();
		} __except (filter(0xe0000002)) {
			printf("not reached\n");
		}
	} __except (filter(0xe0000001)) {
		printf("caught it from inner\n");
	}
	normal_exit();
	return 0;
}
