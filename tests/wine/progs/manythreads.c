/* manythreads.c — forty threads alive at once, each growing its own stack
 * a page at a time through its guard page and keeping a TLS slot, then
 * TlsFree, which clears that slot in every thread (and the slot's next
 * owner finds it zero everywhere).  More threads than a process usually
 * has: dllshare keeps its first stacks and TEBs in small tables and the
 * rest in tables made when they are needed, and every stack must still
 * grow and every thread's slot still be cleared. */
#include <stdio.h>
#include <windows.h>

#define THREADS 40
#define DEPTH	64 /* frames of 4 KiB: 256 KiB of stack */

static HANDLE go, freed, all_set, all_descended;
static volatile LONG ready, descended, checked;
static DWORD slot;
static int sums[THREADS], cleared[THREADS];

/* Touches a page of stack per frame, from the top down. */
static int descend(int depth, int seed)
{
	volatile char page[4096];

	page[0] = (char)seed;
	page[sizeof page - 1] = (char)depth;
	if (depth == 0)
		return page[0];
	return page[sizeof page - 1] + descend(depth - 1, seed);
}

static DWORD WINAPI worker(LPVOID arg)
{
	int id = (int)(INT_PTR)arg;

	TlsSetValue(slot, (LPVOID)(INT_PTR)(id + 1));
	if (InterlockedIncrement(&ready) == THREADS)
		SetEvent(all_set);
	WaitForSingleObject(go, INFINITE);
	sums[id] = descend(DEPTH, id);
	if (InterlockedIncrement(&descended) == THREADS)
		SetEvent(all_descended);
	WaitForSingleObject(freed, INFINITE);
	cleared[id] = TlsGetValue(slot) == NULL;
	InterlockedIncrement(&checked);
	return 100 + id;
}

int main(void)
{
	HANDLE th[THREADS];
	DWORD code, again;
	int ok = 1;

	slot = TlsAlloc();
	go = CreateEventA(NULL, TRUE, FALSE, NULL);
	freed = CreateEventA(NULL, TRUE, FALSE, NULL);
	all_set = CreateEventA(NULL, TRUE, FALSE, NULL);
	all_descended = CreateEventA(NULL, TRUE, FALSE, NULL);
	for (int i = 0; i < THREADS; i++)
		th[i] = CreateThread(NULL, 0, worker, (LPVOID)(INT_PTR)i, 0,
				     NULL);
	WaitForSingleObject(all_set, INFINITE);
	printf("%d threads alive, each with its slot set\n", (int)ready);
	SetEvent(go);
	/* Freed while every thread holds a value in it; allocated again,
	 * the same index is zero in all of them. */
	WaitForSingleObject(all_descended, INFINITE);
	TlsFree(slot);
	again = TlsAlloc();
	printf("slot allocated again: %s\n", again == slot ? "same" : "other");
	SetEvent(freed);
	WaitForMultipleObjects(THREADS, th, TRUE, INFINITE);
	for (int i = 0; i < THREADS; i++) {
		int want = 0;

		for (int d = 0; d <= DEPTH; d++)
			want += d ? d : i;
		GetExitCodeThread(th[i], &code);
		if (code != (DWORD)(100 + i) || sums[i] != want || !cleared[i]) {
			printf("thread %d: exit %lu, sum %d (want %d), slot %s\n",
			       i, code, sums[i], want,
			       cleared[i] ? "cleared" : "kept");
			ok = 0;
		}
		CloseHandle(th[i]);
	}
	printf("%d threads checked: stacks grew, slots cleared: %s\n",
	       (int)checked, ok ? "yes" : "no");
	return ok ? 0 : 1;
}
