/*
 * inheritsync.c — events, mutexes and semaphores a child inherits
 * (CreateProcess with bInheritHandles): unnamed ones created
 * inheritable and a named mutex, reached in the child at the parent's
 * handle values (passed on its command line: "child E BACK S M").  The
 * child counts the semaphore up, finds the mutex the parent owns, wakes
 * the parent through one event, waits for the other, takes the mutex
 * once the parent releases it and ends holding it (abandoned).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static HANDLE arg(const char *s)
{
	return (HANDLE)(uintptr_t)strtoull(s, NULL, 10);
}

static int child(char **argv)
{
	HANDLE e = arg(argv[2]), back = arg(argv[3]), s = arg(argv[4]);
	HANDLE m = arg(argv[5]);
	LONG prev = -1;
	BOOL ok;

	ok = ReleaseSemaphore(s, 2, &prev);
	printf("child ReleaseSemaphore 2: %d, previous %ld\n", ok, prev);
	printf("child: mutex the parent owns: %lu\n",
	       WaitForSingleObject(m, 0));
	fflush(stdout);
	SetEvent(e);
	printf("child waits: %lu\n", WaitForSingleObject(back, INFINITE));
	printf("child takes the mutex: %lu\n",
	       WaitForSingleObject(m, INFINITE));
	fflush(stdout);
	return 3;
}

int main(int argc, char **argv)
{
	SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	HANDLE e, back, s, m;
	char self[MAX_PATH], cmd[MAX_PATH + 128], name[64];
	DWORD code;

	if (argc == 6 && !strcmp(argv[1], "child"))
		return child(argv);
	e = CreateEventA(&sa, FALSE, FALSE, NULL);
	back = CreateEventA(&sa, FALSE, FALSE, NULL);
	s = CreateSemaphoreA(&sa, 0, 5, NULL);
	snprintf(name, sizeof name, "dllshare-inheritsync-%lu",
		 GetCurrentProcessId());
	m = CreateMutexA(&sa, TRUE, name);
	printf("objects made: %d\n", e && back && s && m);
	GetModuleFileNameA(NULL, self, sizeof self);
	snprintf(cmd, sizeof cmd, "\"%s\" child %llu %llu %llu %llu", self,
		 (unsigned long long)(uintptr_t)e,
		 (unsigned long long)(uintptr_t)back,
		 (unsigned long long)(uintptr_t)s,
		 (unsigned long long)(uintptr_t)m);
	memset(&si, 0, sizeof si);
	si.cb = sizeof si;
	fflush(stdout);
	if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si,
			    &pi)) {
		printf("CreateProcess failed %lu\n", GetLastError());
		return 1;
	}
	printf("parent waits: %lu\n", WaitForSingleObject(e, INFINITE));
	printf("semaphore: %lu", WaitForSingleObject(s, 0));
	printf(" %lu", WaitForSingleObject(s, 0));
	printf(" %lu\n", WaitForSingleObject(s, 0));
	printf("parent ReleaseMutex: %d\n", ReleaseMutex(m));
	fflush(stdout);
	SetEvent(back);
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	printf("child exit code %lu\n", code);
	printf("mutex the child left: %lu\n", WaitForSingleObject(m, 0));
	printf("parent ReleaseMutex: %d\n", ReleaseMutex(m));
	return 0;
}
