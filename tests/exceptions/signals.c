/*
 * signals.c — msvcrt's signal() for CPU faults: mingw's start-up code
 * installs an unhandled-exception filter that calls the handler signal()
 * registered (SIGSEGV for an access violation, SIGFPE for an integer
 * division by zero, SIGILL for an illegal instruction); each handler
 * here jumps back with longjmp.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <windows.h>

static jmp_buf back;

static void on_signal(int sig)
{
	printf("handler: signal %d\n", sig);
	longjmp(back, sig);
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

int main(void)
{
	volatile int r;

	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGSEGV, on_signal);
	signal(SIGFPE, on_signal);
	signal(SIGILL, on_signal);
	if ((r = setjmp(back)) == 0)
		*(volatile int *)(uintptr_t)r = 1;
	printf("back from %d\n", r);
	if ((r = setjmp(back)) == 0)
		r = divide(1, 0);
	printf("back from %d\n", r);
	if ((r = setjmp(back)) == 0)
		__asm__ volatile("ud2");
	printf("back from %d\n", r);
	/* The handler was reset to SIG_DFL before it ran (msvcrt): the next
	 * access violation ends the process. */
	*(volatile int *)(uintptr_t)(r - r) = 1;
	printf("not reached\n");
	return 0;
}
