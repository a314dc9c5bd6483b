/* spawn.c — CreateProcess of another test program: output through an
 * inherited pipe, then through the inherited stdout, then with stdout and
 * stderr swapped (the child's stderr line lands on our stdout); waiting
 * and exit codes. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

int main(void)
{
	SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	HANDLE rd, wr;
	char cmd[] = "child.exe one \"two words\"", buf[512];
	char cmd2[] = "child.exe inherited", cmd3[] = "no_such_program.exe";
	char cmd4[] = "child.exe swapped";
	DWORD got, code, total = 0;
	BOOL ok;

	CreatePipe(&rd, &wr, &sa, 0);
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	si.dwFlags = STARTF_USESTDHANDLES;
	si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si.hStdOutput = wr;
	si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
	ok = CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si,
			    &pi);
	printf("CreateProcess %d\n", ok);
	CloseHandle(wr);
	while (ReadFile(rd, buf + total, sizeof(buf) - 1 - total, &got, NULL) &&
	       got)
		total += got;
	buf[total] = 0;
	printf("from pipe (%lu bytes):\n%s", total, buf);
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	printf("exit code %lu\n", code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	CloseHandle(rd);

	fflush(stdout);
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	ok = CreateProcessA(NULL, cmd2, NULL, NULL, FALSE, 0, NULL, NULL, &si,
			    &pi);
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	printf("second child %d exit %lu\n", ok, code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);

	fflush(stdout);
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	si.dwFlags = STARTF_USESTDHANDLES;
	si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si.hStdOutput = GetStdHandle(STD_ERROR_HANDLE);
	si.hStdError = GetStdHandle(STD_OUTPUT_HANDLE);
	ok = CreateProcessA(NULL, cmd4, NULL, NULL, TRUE, 0, NULL, NULL, &si,
			    &pi);
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	printf("swapped child %d exit %lu\n", ok, code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);

	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	ok = CreateProcessA(NULL, cmd3, NULL, NULL, FALSE, 0, NULL, NULL, &si,
			    &pi);
	printf("missing program %d error %lu\n", ok, GetLastError());
	return 0;
}
