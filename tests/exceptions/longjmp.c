/*
 * longjmp.c — msvcrt's longjmp unwinds the frames it leaves: their
 * termination handlers run, innermost first, and the target gets the
 * registers setjmp saved.  Compiled by clang (for __try/__finally), run
 * under Wine and under dllshare by tests/exceptions/runs.txt.
 *
 *   longjmp.exe finally   through three __finally blocks
 *   longjmp.exe nested    an inner setjmp/longjmp inside an outer one
 *   longjmp.exe zero      longjmp(buf, 0) returns 1 from setjmp
 *   longjmp.exe qsort     out of a qsort comparator
 *   longjmp.exe except    out of an __except block's body
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static jmp_buf outer, inner;
static int depth;

static void __attribute__((noinline)) down(int n, jmp_buf *to, int value)
{
	if (n == 0)
		longjmp(*to, value);
	__try {
		depth++;
		down(n - 1, to, value);
	} __finally {
		printf("finally at level %d, abnormal %d\n", n,
		       AbnormalTermination() ? 1 : 0);
	}
}

static int __attribute__((noinline)) by_first(const void *a, const void *b)
{
	if (*(const int *)a == 3 || *(const int *)b == 3)
		longjmp(outer, 3);
	return *(const int *)a - *(const int *)b;
}

static void nested(void)
{
	volatile int kept = 7;
	int r = setjmp(inner);

	printf("inner setjmp %d, kept %d\n", r, kept);
	if (r == 0) {
		kept = 8;
		down(2, &inner, 5);
	}
	if (r == 5)
		down(1, &outer, 6);
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	volatile int calls = 0;
	volatile double kept = 1.5;
	int r;

	setvbuf(stdout, NULL, _IONBF, 0);
	r = setjmp(outer);
	printf("setjmp %d, kept %.1f\n", r, kept);
	if (calls++)
		goto done;
	kept = 2.5;
	if (!strcmp(what, "finally")) {
		down(3, &outer, 42);
	} else if (!strcmp(what, "nested")) {
		nested();
	} else if (!strcmp(what, "zero")) {
		down(1, &outer, 0);
	} else if (!strcmp(what, "qsort")) {
		int v[] = {5, 1, 4, 3, 2};

		qsort(v, 5, sizeof v[0], by_first);
	} else if (!strcmp(what, "except")) {
		DWORD code = 0;

		__try {
			RaiseException(0xe0001234, 0, 0, NULL);
		} __except (code = GetExceptionCode(), EXCEPTION_EXECUTE_HANDLER) {
			printf("in __except, code %lx\n", code);
			down(1, &outer, 9);
		}
	} else {
		return 2;
	}
	printf("not reached\n");
	return 1;
done:
	printf("back after %d calls, depth %d\n", calls, depth);
	return 0;
}
