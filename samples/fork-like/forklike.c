/*
 * forklike.exe — a parent starts N copies of itself, the way a Unix server
 * forks workers; each copy writes its own share of forklike_dll.dll's 64
 * pages.  Each copy owns privately only the pages it wrote; every other
 * page of the DLL stays one physical page shared by all of them.
 *
 *   forklike.exe [N]       children run one after another (the output
 *                          is the same on every run); N is 1..16, default 4
 *   forklike.exe hold [N]  children run at once; each says "ready" and
 *                          holds until its stdin ends (or gives a line), so
 *                          dllmap can picture them side by side
 *   forklike.exe child I N [hold]   one child (started by the parent)
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__declspec(dllimport) int fl_pages(void);
__declspec(dllimport) void fl_write(int first, int last, int value);
__declspec(dllimport) int fl_check(int first, int last, int value);

#define MAXCHILD 16

static int child(int i, int n, int hold)
{
	int first = i * fl_pages() / n, last = (i + 1) * fl_pages() / n;
	char line[64];
	int bad;

	fl_write(first, last, 1000 + i);
	printf("child %d: wrote pages %d..%d\n", i, first, last - 1);
	/* Reads every page: the ones it did not write are the siblings'
	 * pages too, and must still hold the file's value. */
	bad = fl_check(first, last, 1000 + i);
	printf("child %d: pages that are not as I left them: %d\n", i, bad);
	if (hold) {
		printf("child %d: ready\n", i);
		fflush(stdout);
		fgets(line, sizeof line, stdin);
		/* The siblings wrote their pages meanwhile: none of it shows. */
		bad += fl_check(first, last, 1000 + i);
		printf("child %d: after holding, pages not as I left them: %d\n", i, bad);
	}
	fflush(stdout);
	return bad ? 100 : last - first;
}

static HANDLE start_child(int i, int n, int hold)
{
	char self[MAX_PATH], cmd[MAX_PATH + 48];
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;

	if (GetModuleFileNameA(NULL, self, sizeof self) == 0)
		return NULL;
	snprintf(cmd, sizeof cmd, "\"%s\" child %d %d%s", self, i, n,
		 hold ? " hold" : "");
	memset(&si, 0, sizeof si);
	si.cb = sizeof si;
	if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
		return NULL;
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

static long finish_child(HANDLE h)
{
	DWORD code = (DWORD)-1;

	WaitForSingleObject(h, INFINITE);
	GetExitCodeProcess(h, &code);
	CloseHandle(h);
	return (long)code;
}

int main(int argc, char **argv)
{
	HANDLE kids[MAXCHILD];
	int n = 4, i, hold = 0, failed = 0;

	if (argc >= 4 && strcmp(argv[1], "child") == 0)
		return child(atoi(argv[2]), atoi(argv[3]),
			     argc > 4 && strcmp(argv[4], "hold") == 0);
	if (argc > 1 && strcmp(argv[1], "hold") == 0) {
		hold = 1;
		argv++;
		argc--;
	}
	if (argc > 1)
		n = atoi(argv[1]);
	if (n < 1 || n > MAXCHILD) {
		printf("forklike: N must be 1..%d\n", MAXCHILD);
		return 2;
	}
	printf("parent: %d children share %d pages\n", n, fl_pages());
	fflush(stdout);
	for (i = 0; i < n; i++) {
		kids[i] = start_child(i, n, hold);
		if (!kids[i]) {
			printf("parent: CreateProcessA failed: %lu\n", GetLastError());
			return 1;
		}
		if (!hold) /* one at a time: deterministic output */
			printf("parent: child %d exited with %ld\n", i,
			       finish_child(kids[i]));
		fflush(stdout);
	}
	for (i = 0; hold && i < n; i++) {
		long code = finish_child(kids[i]);

		printf("parent: child %d exited with %ld\n", i, code);
		failed += code >= 100;
	}
	printf("parent: my own pages are untouched: %s\n",
	       fl_check(0, 0, 0) == 0 ? "yes" : "no");
	return failed;
}
