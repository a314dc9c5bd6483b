/*
 * spawnflags.c — CreateProcess's creation flags that are done here: a new
 * process group, priority classes, the console flags (no window, no
 * console) and the error mode; the child (child.c) writes through a pipe
 * and exits with 7.  Two priority classes at once are accepted.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void run(const char *what, DWORD flags)
{
	SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	HANDLE rd, wr;
	char cmd[] = "child.exe flags", buf[512];
	DWORD got, code = 0, total = 0;
	BOOL ok;

	CreatePipe(&rd, &wr, &sa, 0);
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	si.dwFlags = STARTF_USESTDHANDLES;
	si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si.hStdOutput = wr;
	si.hStdError = wr;
	SetLastError(0);
	ok = CreateProcessA(NULL, cmd, NULL, NULL, TRUE, flags, NULL, NULL, &si,
			    &pi);
	printf("%s: CreateProcess %d error %lu\n", what, ok,
	       ok ? 0 : GetLastError());
	CloseHandle(wr);
	if (ok) {
		while (ReadFile(rd, buf + total, sizeof(buf) - 1 - total, &got,
				NULL) &&
		       got)
			total += got;
		buf[total] = 0;
		printf("%s", buf);
		WaitForSingleObject(pi.hProcess, INFINITE);
		GetExitCodeProcess(pi.hProcess, &code);
		printf("exit code %lu\n", code);
		CloseHandle(pi.hProcess);
		CloseHandle(pi.hThread);
	}
	CloseHandle(rd);
}

int main(void)
{
	run("new process group", CREATE_NEW_PROCESS_GROUP);
	run("below normal", BELOW_NORMAL_PRIORITY_CLASS);
	run("idle", IDLE_PRIORITY_CLASS);
	run("no window, error mode",
	    CREATE_NO_WINDOW | CREATE_DEFAULT_ERROR_MODE);
	run("detached", DETACHED_PROCESS);
	run("idle and high", IDLE_PRIORITY_CLASS | HIGH_PRIORITY_CLASS);
	return 0;
}
