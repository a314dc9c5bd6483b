/*
 * xcptfilter.c — msvcrt's _XcptFilter: the signal handler of an
 * exception is reset and called, SIG_IGN continues, codes with no signal
 * keep the search going.
 */
#include <signal.h>
#include <stdio.h>
#include <windows.h>
int __cdecl _XcptFilter(unsigned long, struct _EXCEPTION_POINTERS *);
static void h(int s)
{
	printf("handler %d\n", s);
}
int main(void)
{
	EXCEPTION_RECORD r = {0};
	CONTEXT c = {0};
	EXCEPTION_POINTERS ep = {&r, &c};
	r.ExceptionCode = 0xc000001d;
	signal(SIGILL, h);
	printf("first %d\n", _XcptFilter(r.ExceptionCode, &ep));
	printf("handler now %s\n",
	       signal(SIGILL, SIG_DFL) == SIG_DFL ? "SIG_DFL" : "kept");
	signal(SIGILL, SIG_IGN);
	printf("ignored %d\n", _XcptFilter(r.ExceptionCode, &ep));
	r.ExceptionCode = 0xc0000094;
	signal(SIGFPE, h);
	printf("fpe %d\n", _XcptFilter(r.ExceptionCode, &ep));
	r.ExceptionCode = 0xe0000001;
	printf("other %d\n", _XcptFilter(r.ExceptionCode, &ep));
	return 0;
}
