/* suspended.c — CreateProcess with CREATE_SUSPENDED: the child runs none
 * of its code until ResumeThread of its primary thread, whose count adds
 * up with SuspendThread's; the primary thread's handle is signalled when
 * the process ends, with its exit code. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

int main(int argc, char **argv)
{
	STARTUPINFOA si = {.cb = sizeof si, .dwFlags = STARTF_USESTDHANDLES};
	SECURITY_ATTRIBUTES inh = {sizeof inh, NULL, TRUE};
	PROCESS_INFORMATION pi;
	char self[MAX_PATH], cmd[] = "suspended.exe child", buf[64] = "";
	HANDLE r, w;
	DWORD n = 0, code;

	if (argc > 1) {
		printf("child ran\n");
		return 42;
	}
	GetModuleFileNameA(NULL, self, sizeof self);
	CreatePipe(&r, &w, &inh, 0);
	SetHandleInformation(r, HANDLE_FLAG_INHERIT, 0);
	si.hStdOutput = w;
	si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
	if (!CreateProcessA(self, cmd, 0, 0, TRUE, CREATE_SUSPENDED, 0, 0, &si,
			    &pi)) {
		printf("CreateProcess failed: %lu\n", GetLastError());
		return 1;
	}
	CloseHandle(w);
	printf("process waits: %d\n",
	       WaitForSingleObject(pi.hProcess, 100) == WAIT_TIMEOUT);
	printf("thread waits: %d\n",
	       WaitForSingleObject(pi.hThread, 0) == WAIT_TIMEOUT);
	GetExitCodeThread(pi.hThread, &code);
	printf("thread still active: %d\n", code == STILL_ACTIVE);
	printf("suspend: %lu\n", SuspendThread(pi.hThread));
	printf("resume: %lu\n", ResumeThread(pi.hThread));
	printf("still waits: %d\n",
	       WaitForSingleObject(pi.hProcess, 100) == WAIT_TIMEOUT);
	printf("resume: %lu\n", ResumeThread(pi.hThread));
	ReadFile(r, buf, sizeof buf - 1, &n, NULL);
	printf("child said: %.*s", (int)n, buf);
	printf("thread ends: %d\n",
	       WaitForSingleObject(pi.hThread, INFINITE) == WAIT_OBJECT_0);
	GetExitCodeThread(pi.hThread, &code);
	printf("thread exit code: %lu\n", code);
	GetExitCodeProcess(pi.hProcess, &code);
	printf("process exit code: %lu\n", code);
	printf("resume an ended thread: %ld\n", (long)ResumeThread(pi.hThread));
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	CloseHandle(r);
	return 0;
}
