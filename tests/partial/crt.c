/*
 * crt.c — what the partial built-ins of msvcrt and of kernel32's
 * console, thread, process and handle calls refuse (tests/partial/
 * check.sh; the lead's cases are in partial.c).
 *
 * One CASE per partial function: the call with the argument dllshare
 * does not implement, and what it returned.  The expected output
 * (crt.expected) is dllshare's own: Windows and Wine implement these
 * arguments, so the answers differ from theirs by design.
 */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <share.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <windows.h>

#include "case.h"

static DWORD WINAPI nothing(void *arg)
{
	return (DWORD)(UINT_PTR)arg;
}

/* A process that ended and was never this one's child: this program
 * started again as "mid" starts itself as "leaf", says the leaf's id on
 * stdout and waits for it; the leaf waits to be ended.  A handle on the
 * leaf from OpenProcess, once TerminateProcess ended it. */
static HANDLE ended_grandchild(HANDLE *mid)
{
	SECURITY_ATTRIBUTES inh = {sizeof inh, NULL, TRUE};
	STARTUPINFOA si = {.cb = sizeof si, .dwFlags = STARTF_USESTDHANDLES};
	PROCESS_INFORMATION pi;
	char self[MAX_PATH], cmd[] = "crt.exe mid", line[32] = "";
	HANDLE r, w, leaf;
	DWORD n = 0;

	GetModuleFileNameA(NULL, self, sizeof self);
	CreatePipe(&r, &w, &inh, 0);
	SetHandleInformation(r, HANDLE_FLAG_INHERIT, 0);
	si.hStdOutput = w;
	si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
	if (!CreateProcessA(self, cmd, 0, 0, TRUE, 0, 0, 0, &si, &pi))
		return 0;
	CloseHandle(w);
	CloseHandle(pi.hThread);
	*mid = pi.hProcess;
	ReadFile(r, line, sizeof line - 1, &n, NULL);
	CloseHandle(r);
	leaf = OpenProcess(PROCESS_ALL_ACCESS, FALSE, strtoul(line, 0, 10));
	TerminateProcess(leaf, 9);
	WaitForSingleObject(leaf, INFINITE);
	return leaf;
}

static int mid_or_leaf(const char *mode)
{
	STARTUPINFOA si = {.cb = sizeof si};
	PROCESS_INFORMATION pi;
	char self[MAX_PATH], cmd[] = "crt.exe leaf";

	if (!strcmp(mode, "leaf")) {
		Sleep(INFINITE);
		return 0;
	}
	GetModuleFileNameA(NULL, self, sizeof self);
	if (!CreateProcessA(self, cmd, 0, 0, FALSE, 0, 0, 0, &si, &pi))
		return 1;
	printf("%lu\n", pi.dwProcessId);
	fflush(stdout);
	WaitForSingleObject(pi.hProcess, INFINITE);
	return 0;
}

static void kernel32_cases(void)
{
	char sd[64] = {0}; /* never read: refused before */
	SECURITY_ATTRIBUTES sa = {sizeof sa, sd, FALSE};
	STARTUPINFOA si = {.cb = sizeof si};
	STARTUPINFOW siw = {.cb = sizeof siw};
	PROCESS_INFORMATION pi;
	char cmd[] = "child.exe";
	WCHAR wcmd[] = L"child.exe";
	FILETIME a, b, c, d;
	HANDLE other, dup, local;
	SECURITY_ATTRIBUTES inh = {sizeof inh, NULL, TRUE};
	char self[MAX_PATH];
	WCHAR wself[MAX_PATH];

	CASE("CreateProcessA",
	     CreateProcessA(0, cmd, 0, 0, FALSE, DEBUG_ONLY_THIS_PROCESS, 0, 0,
			    &si, &pi));
	CASE("CreateProcessA",
	     CreateProcessA(0, cmd, 0, 0, FALSE, DEBUG_PROCESS, 0, 0, &si,
			    &pi));
	CASE("CreateProcessA",
	     CreateProcessA(0, cmd, &sa, 0, FALSE, 0, 0, 0, &si, &pi));
	CASE("CreateProcessW",
	     CreateProcessW(0, wcmd, 0, &sa, FALSE, 0, 0, 0, &siw, &pi));
	CASE("CreateProcessW",
	     CreateProcessW(0, wcmd, 0, 0, FALSE,
			    EXTENDED_STARTUPINFO_PRESENT, 0, 0, &siw, &pi));
	/* An inheritable object that lives in this process only (an event
	 * made inheritable after its creation, a thread) cannot reach a
	 * child: bInheritHandles is refused while one exists.  The program
	 * is this one (found; never started). */
	GetModuleFileNameA(NULL, self, sizeof self);
	GetModuleFileNameW(NULL, wself, MAX_PATH);
	local = CreateEventA(NULL, FALSE, FALSE, NULL);
	SetHandleInformation(local, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
	CASE("CreateProcessA",
	     CreateProcessA(self, cmd, 0, 0, TRUE, 0, 0, 0, &si, &pi));
	CloseHandle(local);
	local = CreateThread(&inh, 0, nothing, 0, 0, 0);
	WaitForSingleObject(local, INFINITE);
	CASE("CreateProcessW",
	     CreateProcessW(wself, wcmd, 0, 0, TRUE, 0, 0, 0, &siw, &pi));
	CloseHandle(local);
	CASE("CreateThread", CreateThread(&sa, 0, nothing, 0, 0, 0));

	/* Process 1 (init) is another process, whoever runs this. */
	other = OpenProcess(PROCESS_ALL_ACCESS, FALSE, 1);
	printf("OpenProcess(1): %s\n", other ? "a handle" : "failed");
	{
		/* The primary thread of a child that runs (this program as
		 * "leaf", ended afterwards). */
		STARTUPINFOA csi = {.cb = sizeof csi};
		PROCESS_INFORMATION cpi;
		char self[MAX_PATH], leafcmd[] = "crt.exe leaf";
		CONTEXT ctx = {.ContextFlags = CONTEXT_FULL};

		GetModuleFileNameA(NULL, self, sizeof self);
		if (CreateProcessA(self, leafcmd, 0, 0, FALSE, 0, 0, 0, &csi,
				   &cpi)) {
			CASE("SuspendThread", SuspendThread(cpi.hThread));
			CASE("GetThreadContext",
			     GetThreadContext(cpi.hThread, &ctx));
			CASE("SetThreadContext",
			     SetThreadContext(cpi.hThread, &ctx));
			CASE("GetThreadTimes",
			     GetThreadTimes(cpi.hThread, &a, &b, &c, &d));
			TerminateProcess(cpi.hProcess, 1);
			CloseHandle(cpi.hThread);
			CloseHandle(cpi.hProcess);
		}
	}
	{
		HANDLE mid = 0, leaf = ended_grandchild(&mid);

		printf("a grandchild that ended: %s\n",
		       leaf ? "a handle" : "failed");
		CASE("GetProcessTimes", GetProcessTimes(leaf, &a, &b, &c, &d));
		CloseHandle(leaf);
		WaitForSingleObject(mid, INFINITE);
		CloseHandle(mid);
	}
	printf("times of process 1, running: %d\n",
	       GetProcessTimes(other, &a, &b, &c, &d));
	CASE("DuplicateHandle",
	     DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), other,
			     &dup, 0, FALSE, DUPLICATE_SAME_ACCESS));
	CASE("DuplicateHandle",
	     DuplicateHandle(other, GetCurrentThread(), GetCurrentProcess(),
			     &dup, 0, FALSE, DUPLICATE_SAME_ACCESS));
	CloseHandle(other);

	/* UTF-7 is a Windows code page the runtime does not convert. */
	CASE("SetConsoleOutputCP", SetConsoleOutputCP(65000));
	CASE("SetConsoleCP", SetConsoleCP(65000));
	printf("code pages still %u, %u\n", GetConsoleOutputCP(),
	       GetConsoleCP());
	/* A process group that is not ours: pid 1's. */
	CASE("GenerateConsoleCtrlEvent",
	     GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 1));
}

static void msvcrt_cases(void)
{
	char tmp[MAX_PATH], path[MAX_PATH + 32];
	WCHAR wpath[MAX_PATH + 32];
	int fd;

	GetTempPathA(sizeof tmp, tmp);
	snprintf(path, sizeof path, "%sdllshare-crt-%lu.tmp", tmp,
		 GetCurrentProcessId());
	MultiByteToWideChar(CP_UTF8, 0, path, -1, wpath, MAX_PATH + 32);

	fd = _open(path, _O_WRONLY | _O_CREAT | _O_TRUNC, _S_IWRITE);
	printf("_open plain: %s\n", fd >= 0 ? "ok" : "failed");
	_close(fd);
	CASE("_open", _open(path, _O_RDONLY | _O_U16TEXT));
	CASE("_wopen", _wopen(wpath, _O_WRONLY | _O_U8TEXT));
	CASE("_sopen", _sopen(path, _O_RDONLY | _O_WTEXT, _SH_DENYNO, 0));
	CASE("fopen", fopen(path, "r, ccs=UTF-8"));
	CASE("_wfopen", _wfopen(wpath, L"w,ccs=UNICODE"));
	CASE("freopen", freopen(path, "r,ccs=UTF-16LE", stdin));
	fd = _open(path, _O_RDONLY);
	CASE("_fdopen", _fdopen(fd, "r, ccs=UTF-8"));
	CASE("_setmode", _setmode(fd, _O_U16TEXT));
	CASE("_setmode", _setmode(0, _O_U8TEXT));
	_close(fd);
	_unlink(path);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return mid_or_leaf(argv[1]);
	kernel32_cases();
	msvcrt_cases();
	fflush(stdout);
	return 0;
}
