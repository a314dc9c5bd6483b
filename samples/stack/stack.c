/*
 * stack.exe [COMMAND...] — a Windows stack growing through its guard page,
 * page by page, to the limit and the stack-overflow exception.
 *
 *	show        the main thread's stack as sizes: reserved, committed,
 *	            the guard page, what is only reserved (TEB and VirtualQuery)
 *	down N      descend N KiB more (one frame of N KiB, touched page by
 *	            page by ___chkstk_ms) and stay there for the next command
 *	up          return from the last `down`
 *	where       the addresses behind `show`, for /proc/PID/maps and
 *	            dllmap, after touching 64 KiB below (what the program
 *	            calls while it waits for the next command stays above:
 *	            the stack does not grow behind the addresses printed)
 *	hold        print "stack: holding" (for a script that waits for it
 *	            before it looks, e.g. with dllmap)
 *	thread N    a CreateThread thread with N KiB reserved descends 40
 *	            KiB and waits there, printing its stack as `show` does
 *	            (`twhere`: its addresses); it ends at `join` or the end
 *	overflow    a CreateThread thread (1 MiB reserved) recurses without
 *	            end; a vectored handler sees EXCEPTION_STACK_OVERFLOW and
 *	            ends the thread; the program goes on
 *
 * Commands come from the command line, then one a line from stdin until
 * its end or `quit`; after each command from stdin it prints "stack: ok"
 * (a test waits for it).  Everything printed is a size, never an address
 * (`where` excepted), so the output is the same on every run.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef STACK_SIZE_PARAM_IS_A_RESERVATION
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x10000
#endif
#define THREAD_RESERVE (1024 * 1024) /* reservations are whole MiB */

static char **args;
static int nargs, next_arg, pending_ok;

/* TEB.DeallocationStack (winternl.h, x64): the reservation's bottom. */
static char *stack_bottom(void)
{
	return *(char **)((char *)NtCurrentTeb() + 0x1478);
}

static char *stack_top(void)
{
	return ((NT_TIB *)NtCurrentTeb())->StackBase;
}

static char *stack_limit(void)
{
	return ((NT_TIB *)NtCurrentTeb())->StackLimit;
}

/* The main thread's stack, as sizes: what the TEB says, then the three
 * regions VirtualQuery sees below StackBase. */
static void show(int depth)
{
	MEMORY_BASIC_INFORMATION used, guard, rest;
	char *top, *limit, *bottom;

	/* VirtualQuery may itself take stack: once first, so that the limit
	 * read after it is the one the queries see. */
	VirtualQuery(stack_limit(), &used, sizeof used);
	top = stack_top();
	limit = stack_limit();
	bottom = stack_bottom();
	VirtualQuery(limit, &used, sizeof used);
	VirtualQuery(limit - 4096, &guard, sizeof guard);
	VirtualQuery(bottom, &rest, sizeof rest);
	printf("stack: %d KiB deep: reserved %lu KiB, committed %lu KiB, "
	       "%lu KiB left below\n",
	       depth, (unsigned long)((top - bottom) >> 10),
	       (unsigned long)((top - limit) >> 10),
	       (unsigned long)((limit - bottom) >> 10));
	printf("stack:   VirtualQuery: committed %lu KiB %s, guard %lu KiB %s, "
	       "reserved %lu KiB %s, one allocation %s\n",
	       (unsigned long)(used.RegionSize >> 10),
	       used.State == MEM_COMMIT && used.Protect == PAGE_READWRITE
		       ? "read-write"
		       : "other",
	       (unsigned long)(guard.RegionSize >> 10),
	       guard.State == MEM_COMMIT &&
			       guard.Protect == (PAGE_READWRITE | PAGE_GUARD)
		       ? "read-write+guard"
		       : "other",
	       (unsigned long)(rest.RegionSize >> 10),
	       rest.State == MEM_RESERVE ? "reserved" : "other",
	       used.AllocationBase == bottom &&
			       guard.AllocationBase == bottom &&
			       rest.AllocationBase == bottom
		       ? "yes"
		       : "no");
}

/* What the vectored handler saw; the thread resumes in overflow_done on
 * the stack it kept aside at its start. */
static volatile DWORD ov_tid, ov_code, ov_write;
static volatile int ov_inside, ov_levels;
static char *volatile ov_bottom, *volatile ov_top, *volatile ov_resume_sp;
static volatile LONG ov_depth;

static void overflow_done(void)
{
	ExitThread(0);
}

static LONG WINAPI on_overflow(EXCEPTION_POINTERS *ep)
{
	EXCEPTION_RECORD *er = ep->ExceptionRecord;
	char *addr;

	if (GetCurrentThreadId() != ov_tid ||
	    er->ExceptionCode != EXCEPTION_STACK_OVERFLOW)
		return EXCEPTION_CONTINUE_SEARCH;
	addr = (char *)er->ExceptionInformation[1];
	ov_code = er->ExceptionCode;
	ov_write = (DWORD)er->ExceptionInformation[0];
	ov_inside = addr >= ov_bottom && addr < ov_top;
	ov_levels = ov_depth;
	/* Nothing more here: after an overflow Windows leaves only a few
	 * pages.  Resume on the stack set aside at the thread's start, as
	 * if overflow_done had been called from there. */
	ep->ContextRecord->Rsp = (DWORD64)ov_resume_sp;
	ep->ContextRecord->Rip = (DWORD64)overflow_done;
	return EXCEPTION_CONTINUE_EXECUTION;
}

__attribute__((noinline)) static int recurse(int n)
{
	volatile char pad[1024];

	pad[0] = (char)n;
	ov_depth = n;
	return n < 1 << 30 ? recurse(n + 1) + pad[0] : 0;
}

static DWORD WINAPI overflow_thread(void *arg)
{
	volatile char aside[8192];
	MEMORY_BASIC_INFORMATION guard;

	(void)arg;
	ov_tid = GetCurrentThreadId(); /* before any fault can come */
	aside[0] = 0;
	/* A call leaves rsp 8 below a multiple of 16. */
	ov_resume_sp = (char *)((UINT_PTR)(aside + 4096) & ~(UINT_PTR)15) - 8;
	ov_bottom = stack_bottom();
	ov_top = stack_top();
	/* Once to let VirtualQuery take its stack, then the guard page. */
	VirtualQuery(stack_limit(), &guard, sizeof guard);
	VirtualQuery(stack_limit() - 4096, &guard, sizeof guard);
	printf("stack: thread: reserved %lu KiB, guard page below the "
	       "committed part: %s\n",
	       (unsigned long)((ov_top - ov_bottom) >> 10),
	       guard.Protect & PAGE_GUARD ? "yes" : "no");
	fflush(stdout);
	return (DWORD)recurse(0);
}

static void overflow(void)
{
	void *veh = AddVectoredExceptionHandler(1, on_overflow);
	HANDLE h = CreateThread(NULL, THREAD_RESERVE, overflow_thread, NULL,
				STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);

	WaitForSingleObject(h, INFINITE);
	CloseHandle(h);
	RemoveVectoredExceptionHandler(veh);
	printf("stack: thread: vectored handler: code 0x%08lx%s, %s, address "
	       "inside the thread's stack: %s, more than %d KiB deep: %s\n",
	       ov_code,
	       ov_code == EXCEPTION_STACK_OVERFLOW
		       ? " (EXCEPTION_STACK_OVERFLOW)"
		       : "",
	       ov_write ? "a write" : "a read", ov_inside ? "yes" : "no",
	       THREAD_RESERVE / 2048,
	       ov_levels > THREAD_RESERVE / 2048 ? "yes" : "no");
	printf("stack: the thread ended, the program goes on\n");
}

/* Touches kib KiB below the caller and returns: the stack stays
 * committed that deep (Windows gives nothing back). */
__attribute__((noinline)) static int probe(int kib)
{
	volatile char frame[kib * 1024];

	frame[0] = 1;
	return frame[0] - 1;
}

/* The `thread` command's thread: descends, says where it is, and waits
 * for `join`. */
static HANDLE th_ready, th_go, th;
static char *volatile th_top, *volatile th_limit, *volatile th_bottom;
static volatile DWORD th_id;

__attribute__((noinline)) static int thread_wait(int kib)
{
	volatile char frame[kib * 1024];

	frame[0] = probe(64) + 1;
	th_top = stack_top();
	th_limit = stack_limit();
	th_bottom = stack_bottom();
	th_id = GetCurrentThreadId();
	SetEvent(th_ready);
	WaitForSingleObject(th_go, INFINITE);
	return frame[0] - 1;
}

static DWORD WINAPI thread_main(void *arg)
{
	return (DWORD)thread_wait((int)(INT_PTR)arg);
}

static void thread_start(int kib)
{
	if (th) {
		printf("stack: a thread is waiting already\n");
		return;
	}
	th_ready = CreateEventA(NULL, FALSE, FALSE, NULL);
	th_go = CreateEventA(NULL, TRUE, FALSE, NULL);
	th = CreateThread(NULL, (SIZE_T)kib * 1024, thread_main,
			  (void *)(INT_PTR)40, STACK_SIZE_PARAM_IS_A_RESERVATION,
			  NULL);
	WaitForSingleObject(th_ready, INFINITE);
	printf("stack: thread: 40 KiB deep: reserved %lu KiB, committed at "
	       "least 40 KiB: %s\n",
	       (unsigned long)((th_top - th_bottom) >> 10),
	       th_top - th_limit >= 40 * 1024 ? "yes" : "no");
}

static void thread_join(void)
{
	if (!th)
		return;
	SetEvent(th_go);
	WaitForSingleObject(th, INFINITE);
	CloseHandle(th);
	CloseHandle(th_go);
	CloseHandle(th_ready);
	th = NULL;
}

/* The next command: from the command line while it lasts, then a line of
 * stdin, after "stack: ok" for the one before.  Returns 0 at the end of
 * both. */
static int next_command(char *cmd, size_t len, int *n)
{
	char line[128];

	*n = 0;
	if (next_arg < nargs) {
		snprintf(cmd, len, "%s", args[next_arg++]);
		if ((!strcmp(cmd, "down") || !strcmp(cmd, "thread")) &&
		    next_arg < nargs)
			*n = atoi(args[next_arg++]);
		return 1;
	}
	if (pending_ok)
		printf("stack: ok\n");
	pending_ok = 0;
	fflush(stdout);
	for (;;) {
		char word[16] = "";
		if (!fgets(line, sizeof line, stdin))
			return 0;
		if (sscanf(line, "%15s %d", word, n) < 1)
			continue;
		snprintf(cmd, len, "%s", word);
		pending_ok = 1;
		return 1;
	}
}

static int loop(int depth);

/* One frame of kib KiB: a variable-length array, which GCC allocates
 * through ___chkstk_ms, touching each page from the top down so that
 * the guard page is never jumped over. */
__attribute__((noinline)) static int go_down(int depth, int kib)
{
	volatile char frame[kib * 1024];

	frame[0] = 1;
	return loop(depth + kib) + frame[0] - 1;
}

/* Runs commands at this depth; 0 after `up`, 1 at the end. */
static int loop(int depth)
{
	char cmd[16];
	int n;

	while (next_command(cmd, sizeof cmd, &n)) {
		int ended = 0;

		if (!strcmp(cmd, "quit"))
			return 1;
		if (!strcmp(cmd, "show"))
			show(depth);
		else if (!strcmp(cmd, "where") && !probe(64))
			printf("stack: top %p, limit %p, bottom %p\n",
			       stack_top(), stack_limit(), stack_bottom());
		else if (!strcmp(cmd, "twhere") && th)
			printf("stack: thread %lu: top %p, limit %p, bottom %p\n",
			       (unsigned long)th_id, th_top, th_limit, th_bottom);
		else if (!strcmp(cmd, "thread") && n >= 256 && n <= 65536)
			thread_start(n);
		else if (!strcmp(cmd, "hold"))
			printf("stack: holding; type a command, or Enter\n");
		else if (!strcmp(cmd, "join"))
			thread_join();
		else if (!strcmp(cmd, "overflow"))
			overflow();
		else if (!strcmp(cmd, "down") && n > 0 && n <= 4096) {
			printf("stack: down %d KiB\n", n);
			ended = go_down(depth, n);
		} else if (!strcmp(cmd, "up") && depth > 0) {
			printf("stack: up from %d KiB deep\n", depth);
			return 0;
		} else
			printf("stack: bad command '%s'\n", cmd);
		if (ended)
			return 1;
	}
	return 1;
}

int main(int argc, char **argv)
{
	args = argv + 1;
	nargs = argc - 1;
	loop(0);
	thread_join();
	return 0;
}
