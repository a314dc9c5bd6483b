/*
 * stacks.c — Windows thread stacks: the main thread's and each
 * CreateThread thread's reservation (SizeOfStackReserve, or what
 * CreateThread asks), committed from the top and grown a page at a time
 * through the guard page; VirtualQuery sees the three parts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

#ifndef STACK_SIZE_PARAM_IS_A_RESERVATION
#define STACK_SIZE_PARAM_IS_A_RESERVATION 0x10000
#endif

/* TEB.DeallocationStack (winternl.h, x64): the reservation's bottom. */
static char *dealloc_stack(void)
{
	return *(char **)((char *)NtCurrentTeb() + 0x1478);
}

static void describe(const char *who)
{
	NT_TIB *tib = (NT_TIB *)NtCurrentTeb();
	MEMORY_BASIC_INFORMATION guard, below, used;
	char *top, *limit, *bottom;

	/* VirtualQuery may itself take stack (under dllshare it reads
	 * /proc/self/maps): once first, so that the limit read after it
	 * is the one the queries see. */
	VirtualQuery(tib->StackLimit, &used, sizeof used);
	top = tib->StackBase;
	limit = tib->StackLimit;
	bottom = dealloc_stack();

	VirtualQuery(limit - 4096, &guard, sizeof guard);
	VirtualQuery(bottom, &below, sizeof below);
	VirtualQuery(limit, &used, sizeof used);
	if (getenv("STACKS_DEBUG"))
		printf("limit %p guard state %lx protect %lx base %p size %llx\n",
		       limit, guard.State, guard.Protect, guard.BaseAddress,
		       (unsigned long long)guard.RegionSize);
	printf("%s: reserved %lu KiB; guard page below the committed part: "
	       "%s; one allocation: %s; committed part: %s, ends at the top: "
	       "%s\n",
	       who, (unsigned long)((top - bottom) >> 10),
	       guard.State == MEM_COMMIT && (guard.Protect & PAGE_GUARD)
		       ? "yes"
		       : "no",
	       below.AllocationBase == bottom &&
			       used.AllocationBase == bottom &&
			       guard.AllocationBase == bottom
		       ? "yes"
		       : "no",
	       used.State == MEM_COMMIT && used.Protect == PAGE_READWRITE
		       ? "read-write"
		       : "other",
	       (char *)used.BaseAddress + used.RegionSize == top ? "yes"
								 : "no");
}

__attribute__((noinline)) static int descend(int n)
{
	volatile char pad[1024];

	pad[0] = 1;
	return n ? descend(n - 1) + pad[0] : 0;
}

static DWORD WINAPI worker(void *arg)
{
	int levels;

	describe((const char *)arg);
	/* A stack committed whole cannot move its limit on Windows (Wine
	 * commits lazily whatever the commit size): not asked there. */
	if (*(const char *)arg == '3')
		return 0;
	/* The stack grows as the thread descends, page by page (how far
	 * StackLimit follows differs: Wine commits thread stacks its own
	 * way; fault.exe deep checks the main thread's). */
	levels = descend(300);
	printf("%s: 300 KiB deeper and back: %d levels\n", (const char *)arg,
	       levels);
	return 0;
}

static void run(const char *name, SIZE_T size, DWORD flags)
{
	HANDLE h = CreateThread(NULL, size, worker, (void *)name, flags, NULL);

	WaitForSingleObject(h, INFINITE);
	CloseHandle(h);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	describe("main");
	run("default thread", 0, 0);
	run("256 KiB reserved", 256 * 1024, STACK_SIZE_PARAM_IS_A_RESERVATION);
	run("64 KiB committed", 64 * 1024, 0);
	run("3 MiB committed", 3 * 1024 * 1024, 0);
	return 0;
}
