/* exits.c — how a process ends: return from main, exit, _exit,
 * ExitProcess, TerminateProcess, abort, ExitThread, an atexit handler;
 * which of them flush the stdout buffer, and the exit code the parent
 * sees.  The program runs itself as a child once per way, reading the
 * child's stdout through a pipe.
 * wine-test: both-stdio */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static void bye(void)
{
	printf("[atexit ran]");
}

static DWORD WINAPI ender(LPVOID arg)
{
	ExitProcess(21);
	return 0;
}

static int child(const char *how)
{
	atexit(bye);
	printf("child %s:", how); /* stays in the buffer: stdout is a pipe */
	if (!strcmp(how, "return"))
		return 300; /* the parent sees 300: Windows keeps 32 bits */
	if (!strcmp(how, "exit"))
		exit(6);
	if (!strcmp(how, "_exit"))
		_exit(7);
	if (!strcmp(how, "ExitProcess"))
		ExitProcess(8);
	if (!strcmp(how, "TerminateProcess"))
		TerminateProcess(GetCurrentProcess(), 9);
	if (!strcmp(how, "thread")) {
		WaitForSingleObject(CreateThread(NULL, 0, ender, NULL, 0, NULL),
				    INFINITE);
		return 1;
	}
	if (!strcmp(how, "ExitThread"))
		ExitThread(10);
	return 2;
}

int main(int argc, char **argv)
{
	static const char *const ways[] = {
		"return",	    "exit",   "_exit",	    "ExitProcess",
		"TerminateProcess", "thread", "ExitThread",
	};
	SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
	char self[MAX_PATH], cmd[MAX_PATH + 64], buf[256];

	if (argc > 1)
		return child(argv[1]);
	GetModuleFileNameA(NULL, self, sizeof(self));
	for (unsigned i = 0; i < sizeof(ways) / sizeof(ways[0]); i++) {
		STARTUPINFOA si;
		PROCESS_INFORMATION pi;
		HANDLE rd, wr;
		DWORD got, total = 0, code = 0;

		CreatePipe(&rd, &wr, &sa, 0);
		memset(&si, 0, sizeof(si));
		si.cb = sizeof(si);
		si.dwFlags = STARTF_USESTDHANDLES;
		si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
		si.hStdOutput = wr;
		si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
		snprintf(cmd, sizeof(cmd), "\"%s\" %s", self, ways[i]);
		if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL,
				    &si, &pi)) {
			printf("%s: CreateProcess failed %lu\n", ways[i],
			       GetLastError());
			continue;
		}
		CloseHandle(wr);
		while (total < sizeof(buf) - 1 &&
		       ReadFile(rd, buf + total, sizeof(buf) - 1 - total, &got,
				NULL) &&
		       got)
			total += got;
		buf[total] = 0;
		WaitForSingleObject(pi.hProcess, INFINITE);
		GetExitCodeProcess(pi.hProcess, &code);
		printf("%-16s exit %3lu output <%s>\n", ways[i], code, buf);
		CloseHandle(pi.hProcess);
		CloseHandle(pi.hThread);
		CloseHandle(rd);
	}
	return 0;
}
