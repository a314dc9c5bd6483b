/*
 * counter.exe — several processes bump the counters of counter.dll.
 *
 *   counter.exe            the parent: bumps once, then starts three
 *                          children one after another, then bumps again
 *   counter.exe child N    a child: bumps once, reports, exits with the
 *                          shared value it saw
 *   counter.exe hold NAME  bumps once, reports, waits for a line (or the
 *                          end) on stdin, bumps again, reports (the demo)
 *
 * Output is deterministic in the first two forms: the parent waits for each
 * child before it starts the next, and it flushes stdout before starting
 * one so their lines cannot interleave.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__declspec(dllimport) LONG counter_bump(void);
__declspec(dllimport) LONG counter_private(void);

#define NCHILD 3

/* Prints the shared value this process's bump produced (InterlockedIncrement
 * returns it), not a fresh read of the counter: another process may bump it
 * between the two. */
static void report(const char *who, LONG shared)
{
	printf("%-8s shared=%ld private=%ld\n", who, shared, counter_private());
	fflush(stdout);
}

/* Starts "<this exe> child N", waits for it, returns its exit code (or -1). */
static long run_child(int n)
{
	char self[MAX_PATH], cmd[MAX_PATH + 32];
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	DWORD code;

	if (GetModuleFileNameA(NULL, self, sizeof self) == 0)
		return -1;
	snprintf(cmd, sizeof cmd, "\"%s\" child %d", self, n);
	memset(&si, 0, sizeof si);
	si.cb = sizeof si;
	if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
		printf("CreateProcessA failed: error %lu\n", GetLastError());
		return -1;
	}
	WaitForSingleObject(pi.hProcess, INFINITE);
	if (!GetExitCodeProcess(pi.hProcess, &code))
		code = (DWORD)-1;
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	return (long)code;
}

int main(int argc, char **argv)
{
	char who[32], line[64];
	int i;

	if (argc == 3 && strcmp(argv[1], "child") == 0) {
		LONG seen = counter_bump();
		snprintf(who, sizeof who, "child %s", argv[2]);
		report(who, seen);
		return (int)seen;
	}
	if (argc == 3 && strcmp(argv[1], "hold") == 0) {
		snprintf(who, sizeof who, "%s", argv[2]);
		report(who, counter_bump());
		fgets(line, sizeof line, stdin);
		report(who, counter_bump());
		return 0;
	}

	report("parent", counter_bump());
	for (i = 1; i <= NCHILD; i++) {
		long code = run_child(i);
		printf("parent   child %d exited with %ld\n", i, code);
		fflush(stdout);
	}
	report("parent", counter_bump());
	return 0;
}
