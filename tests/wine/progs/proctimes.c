/* proctimes.c — GetProcessTimes of a child: while it runs (no exit
 * time), and once it ended (created before it ended, some CPU time). */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static ULONGLONG ft(const FILETIME *f)
{
	return (ULONGLONG)f->dwHighDateTime << 32 | f->dwLowDateTime;
}

int main(int argc, char **argv)
{
	STARTUPINFOA si = {.cb = sizeof si};
	PROCESS_INFORMATION pi;
	FILETIME cr, ex, k, u, now;
	char self[MAX_PATH], cmd[] = "proctimes.exe spin";
	volatile unsigned long long x = 0;
	DWORD start;

	if (argc > 1) {
		/* About 300 ms of CPU: the kernel counts in 10 ms ticks. */
		start = GetTickCount();
		while (GetTickCount() - start < 300)
			x++;
		return 0;
	}
	GetModuleFileNameA(NULL, self, sizeof self);
	if (!CreateProcessA(self, cmd, 0, 0, FALSE, 0, 0, 0, &si, &pi))
		return 1;
	GetProcessTimes(pi.hProcess, &cr, &ex, &k, &u);
	GetSystemTimeAsFileTime(&now);
	printf("running: created before now %d, exit time 0 %d\n",
	       ft(&cr) <= ft(&now), ft(&ex) == 0);
	WaitForSingleObject(pi.hProcess, INFINITE);
	printf("times: %d\n", GetProcessTimes(pi.hProcess, &cr, &ex, &k, &u));
	GetSystemTimeAsFileTime(&now);
	/* Not compared: the CPU times of the child that ended, which Wine 8
	 * gives as 0 or not depending on whether its server read them
	 * before the child went (dllshare's come from waitid's rusage). */
	printf("ended: created before it ended %d, ended before now %d, "
	       "ran 0.2 s or more %d\n",
	       ft(&cr) < ft(&ex), ft(&ex) <= ft(&now),
	       ft(&ex) - ft(&cr) >= 2000000);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	return 0;
}
