/* jump.c — setjmp/longjmp (msvcrt's _setjmp with mingw's frame argument)
 * across frames, and callee-saved registers surviving the jump. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static int calls;

static void deep(int n)
{
	calls++;
	if (n <= 0)
		longjmp(env, 17);
	if (n < 100)
		deep(n - 1);
}

int main(void)
{
	volatile int local = 5;
	volatile double d = 2.5;
	int r = setjmp(env);

	printf("setjmp returned %d local %d d %g\n", r, local, d);
	if (r == 0) {
		local = 6;
		d = 3.5;
		deep(10);
	}
	if (r == 17) {
		r = setjmp(env);
		if (r == 0)
			longjmp(env, 0); /* 0 becomes 1 */
		printf("longjmp(0) gives %d, calls %d\n", r, calls);
	}
	return 0;
}
