/*
 * uef.c — kernel32's UnhandledExceptionFilter, called by a program (as
 * mingw's CRT does on a /GS failure): it runs the filter of
 * SetUnhandledExceptionFilter and returns what that says unless it says
 * EXCEPTION_CONTINUE_SEARCH; with no filter (or one that keeps
 * searching), and no debugger, it returns EXCEPTION_EXECUTE_HANDLER.
 *
 *	uef.exe direct   the results, with no filter and with filters
 *	                 returning each answer
 *	uef.exe veh      from a vectored handler during RaiseException
 *	uef.exe gs       what mingw's __report_gsfailure (gs_support.c) does
 *	                 on a /GS cookie mismatch: the filter is taken away,
 *	                 UnhandledExceptionFilter runs, then the process
 *	                 ends with STATUS_STACK_BUFFER_OVERRUN (the
 *	                 toolchain's msvcrt libraries do not link it in)
 *	uef.exe continue the vectored continue handlers (ntdll's), called
 *	                 after a vectored handler continues execution
 *	uef.exe fault    an unhandled fault whose filter calls
 *	                 UnhandledExceptionFilter itself: no recursion, the
 *	                 process ends with the code
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static LONG answer;
static int calls;

static LONG WINAPI filter(EXCEPTION_POINTERS *ep)
{
	calls++;
	printf("filter: code %08lx, answers %ld\n",
	       ep->ExceptionRecord->ExceptionCode, answer);
	return answer;
}

static void direct(void)
{
	static const LONG answers[] = {0, 1, -1, 7};
	EXCEPTION_RECORD r;
	CONTEXT c;
	EXCEPTION_POINTERS ep = {&r, &c};

	memset(&r, 0, sizeof r);
	memset(&c, 0, sizeof c);
	r.ExceptionCode = 0xe0000001;
	printf("no filter: %ld\n", UnhandledExceptionFilter(&ep));
	SetUnhandledExceptionFilter(filter);
	for (int i = 0; i < 4; i++) {
		answer = answers[i];
		printf("filter answering %ld: %ld\n", answer,
		       UnhandledExceptionFilter(&ep));
	}
	printf("previous filter is ours: %s\n",
	       SetUnhandledExceptionFilter(NULL) == filter ? "yes" : "no");
	printf("after removing it: %ld, filter calls %d\n",
	       UnhandledExceptionFilter(&ep), calls);
}

static LONG WINAPI veh(EXCEPTION_POINTERS *ep)
{
	if (ep->ExceptionRecord->ExceptionCode != 0xe0000002)
		return EXCEPTION_CONTINUE_SEARCH;
	printf("veh: UnhandledExceptionFilter says %ld\n",
	       UnhandledExceptionFilter(ep));
	return EXCEPTION_CONTINUE_EXECUTION;
}

static void from_veh(void)
{
	void *h = AddVectoredExceptionHandler(1, veh);

	answer = EXCEPTION_CONTINUE_SEARCH;
	SetUnhandledExceptionFilter(filter);
	RaiseException(0xe0000002, 0, 0, NULL);
	printf("continued after RaiseException, filter calls %d\n", calls);
	RemoveVectoredExceptionHandler(h);
}

static LONG WINAPI repair(EXCEPTION_POINTERS *ep)
{
	if (ep->ExceptionRecord->ExceptionCode != 0xe0000003)
		return EXCEPTION_CONTINUE_SEARCH;
	printf("vectored handler: continue execution\n");
	return EXCEPTION_CONTINUE_EXECUTION;
}

static LONG WINAPI cont1(EXCEPTION_POINTERS *ep)
{
	printf("continue handler 1: code %08lx\n",
	       ep->ExceptionRecord->ExceptionCode);
	return EXCEPTION_CONTINUE_SEARCH;
}

static LONG WINAPI cont2(EXCEPTION_POINTERS *ep)
{
	printf("continue handler 2: code %08lx\n",
	       ep->ExceptionRecord->ExceptionCode);
	return EXCEPTION_CONTINUE_SEARCH;
}

static void continue_handlers(void)
{
	void *v = AddVectoredExceptionHandler(0, repair);
	void *c1 = AddVectoredContinueHandler(0, cont1);
	void *c2 = AddVectoredContinueHandler(1, cont2);

	RaiseException(0xe0000003, 0, 0, NULL);
	printf("removed: %lu %lu\n", RemoveVectoredContinueHandler(c2),
	       RemoveVectoredContinueHandler(c2));
	RaiseException(0xe0000003, 0, 0, NULL);
	RemoveVectoredContinueHandler(c1);
	RemoveVectoredExceptionHandler(v);
	printf("done\n");
}

static void gs(void)
{
	EXCEPTION_RECORD r;
	CONTEXT c;
	EXCEPTION_POINTERS ep = {&r, &c};

	memset(&r, 0, sizeof r);
	memset(&c, 0, sizeof c);
	r.ExceptionCode = STATUS_STACK_BUFFER_OVERRUN;
	r.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
	answer = EXCEPTION_CONTINUE_EXECUTION;
	SetUnhandledExceptionFilter(filter);
	printf("gs: reporting a failure\n");
	SetUnhandledExceptionFilter(NULL);
	printf("gs: UnhandledExceptionFilter says %ld\n",
	       UnhandledExceptionFilter(&ep));
	fflush(stdout);
	TerminateProcess(GetCurrentProcess(), STATUS_STACK_BUFFER_OVERRUN);
	printf("gs: not reached\n");
}

static LONG WINAPI filter_calling_uef(EXCEPTION_POINTERS *ep)
{
	printf("filter: code %08lx, asks UnhandledExceptionFilter\n",
	       ep->ExceptionRecord->ExceptionCode);
	fflush(stdout);
	if (++calls > 1)
		return EXCEPTION_EXECUTE_HANDLER; /* it called us back */
	return UnhandledExceptionFilter(ep);
}

static void fault(void)
{
	SetUnhandledExceptionFilter(filter_calling_uef);
	printf("fault: writing through NULL\n");
	fflush(stdout);
	*(volatile int *)(UINT_PTR)calls = 1;
	printf("fault: not reached\n");
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	if (!strcmp(what, "direct"))
		direct();
	else if (!strcmp(what, "veh"))
		from_veh();
	else if (!strcmp(what, "continue"))
		continue_handlers();
	else if (!strcmp(what, "gs"))
		gs();
	else if (!strcmp(what, "fault"))
		fault();
	else
		printf("usage: uef.exe direct|veh|continue|gs|fault\n");
	return 0;
}
