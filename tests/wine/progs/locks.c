/* locks.c — LockFile/LockFileEx/UnlockFile/UnlockFileEx: byte ranges
 * locked shared or exclusive, held per handle; a second handle in this
 * process and a second process (this program run as "locks.exe child")
 * contend for them: ERROR_LOCK_VIOLATION with LOCKFILE_FAIL_IMMEDIATELY,
 * and no lock is merged with, split by or upgraded by another.
 *
 * Unlocking a range that is not locked as one piece through this handle
 * fails; Windows says ERROR_NOT_LOCKED (158, STATUS_RANGE_NOT_LOCKED),
 * Wine 8 says ERROR_LOCK_VIOLATION (33), so only the failure is printed.
 * A lock that waits (no LOCKFILE_FAIL_IMMEDIATELY): the child says on a
 * pipe that it is about to wait, the parent then lets go, and the child's
 * wait ends with the lock. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static HANDLE open_db(void)
{
	return CreateFileA("locks.dat", GENERIC_READ | GENERIC_WRITE,
			   FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
			   OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
}

static void report(const char *who, const char *what, BOOL ok)
{
	printf("%s: %s: %s", who, what, ok ? "ok" : "failed");
	if (!ok)
		printf(" (error %lu)", GetLastError());
	printf("\n");
	fflush(stdout);
}

/* An unlock's answer, without the error code (see the top). */
static void report_unlock(const char *who, const char *what, BOOL ok)
{
	printf("%s: %s: %s\n", who, what, ok ? "ok" : "failed");
	fflush(stdout);
}

static BOOL lock_ex(HANDLE h, DWORD flags, DWORD off, DWORD len)
{
	OVERLAPPED ov;

	memset(&ov, 0, sizeof(ov));
	ov.Offset = off;
	return LockFileEx(h, flags, 0, len, 0, &ov);
}

static BOOL unlock_ex(HANDLE h, DWORD off, DWORD len)
{
	OVERLAPPED ov;

	memset(&ov, 0, sizeof(ov));
	ov.Offset = off;
	return UnlockFileEx(h, 0, len, 0, &ov);
}

#define EXCL  LOCKFILE_EXCLUSIVE_LOCK
#define NOWAIT LOCKFILE_FAIL_IMMEDIATELY

static int child(const char *phase)
{
	HANDLE h = open_db();

	if (!strcmp(phase, "1")) {
		report("child", "LockFile 5+1 (inside the exclusive range)",
		       LockFile(h, 5, 0, 1, 0));
		report("child", "shared 0+1, fail immediately",
		       lock_ex(h, NOWAIT, 0, 1));
		report("child", "LockFile 10+5 (next to it)",
		       LockFile(h, 10, 0, 5, 0));
		report_unlock("child", "UnlockFile 10+5",
			      UnlockFile(h, 10, 0, 5, 0));
		report_unlock("child", "UnlockFile 0+10 (the parent's)",
		       UnlockFile(h, 0, 0, 10, 0));
	} else if (!strcmp(phase, "2")) {
		report("child", "shared 20+10 beside the parent's shared",
		       lock_ex(h, NOWAIT, 20, 10));
		report("child", "exclusive 25+1, fail immediately",
		       lock_ex(h, EXCL | NOWAIT, 25, 1));
		report_unlock("child", "unlock 20+10", unlock_ex(h, 20, 10));
	} else {
		report("child", "exclusive 0+10, fail immediately",
		       lock_ex(h, EXCL | NOWAIT, 0, 10));
		printf("child: waiting\n");
		fflush(stdout);
		report("child", "exclusive 0+10, waited for",
		       lock_ex(h, EXCL, 0, 10));
	}
	CloseHandle(h);
	return 0;
}

static void run_child(const char *phase, BOOL wait)
{
	static PROCESS_INFORMATION pi;
	STARTUPINFOA si;
	char cmd[64];

	if (!wait && pi.hProcess) {
		WaitForSingleObject(pi.hProcess, INFINITE);
		CloseHandle(pi.hProcess);
		CloseHandle(pi.hThread);
		pi.hProcess = 0;
		return;
	}
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	snprintf(cmd, sizeof(cmd), "locks.exe child %s", phase);
	fflush(stdout);
	if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si,
			    &pi)) {
		printf("CreateProcess failed %lu\n", GetLastError());
		return;
	}
	if (wait)
		run_child(phase, FALSE);
}

/* Phase 3: the child's stdout is a pipe; once it says it waits, the
 * parent unlocks 0+10 through h, then copies what the child said. */
static void waiting_child(HANDLE h)
{
	SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
	PROCESS_INFORMATION pi;
	STARTUPINFOA si;
	HANDLE rd, wr;
	char cmd[] = "locks.exe child 3", buf[1024] = "";
	DWORD got, total = 0;

	CreatePipe(&rd, &wr, &sa, 0);
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	si.dwFlags = STARTF_USESTDHANDLES;
	si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si.hStdOutput = wr;
	si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
	if (!CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si,
			    &pi)) {
		printf("CreateProcess failed %lu\n", GetLastError());
		return;
	}
	CloseHandle(wr);
	while (!strstr(buf, "waiting") && total < sizeof(buf) - 1 &&
	       ReadFile(rd, buf + total, sizeof(buf) - 1 - total, &got, NULL) &&
	       got) {
		total += got;
		buf[total] = 0;
	}
	Sleep(300);
	report_unlock("parent", "unlock 0+10 for the waiting child",
		      unlock_ex(h, 0, 10));
	while (total < sizeof(buf) - 1 &&
	       ReadFile(rd, buf + total, sizeof(buf) - 1 - total, &got, NULL) &&
	       got)
		total += got;
	buf[total] = 0;
	WaitForSingleObject(pi.hProcess, INFINITE);
	printf("the child said:\n%s", buf);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	CloseHandle(rd);
}

int main(int argc, char **argv)
{
	HANDLE h, h2;

	if (argc == 3 && !strcmp(argv[1], "child"))
		return child(argv[2]);
	DeleteFileA("locks.dat");
	h = open_db();
	h2 = open_db();
	WriteFile(h, "0123456789abcdefghij", 20, &(DWORD){0}, NULL);

	report("parent", "exclusive 0+10", lock_ex(h, EXCL | NOWAIT, 0, 10));
	report("parent", "same handle, exclusive 0+10 again",
	       lock_ex(h, EXCL | NOWAIT, 0, 10));
	report("parent", "same handle, shared 2+2",
	       lock_ex(h, NOWAIT, 2, 2));
	report("parent", "second handle, LockFile 9+2",
	       LockFile(h2, 9, 0, 2, 0));
	report("parent", "second handle, LockFile 10+2",
	       LockFile(h2, 10, 0, 2, 0));
	report_unlock("parent", "second handle, UnlockFile 10+2",
	       UnlockFile(h2, 10, 0, 2, 0));
	report("parent", "reserved not 0",
	       LockFileEx(h, 0, 1, 1, 0, &(OVERLAPPED){0}));
	run_child("1", TRUE);
	report_unlock("parent", "unlock 0+5 (not a locked range)",
	       unlock_ex(h, 0, 5));
	report_unlock("parent", "unlock 0+10", unlock_ex(h, 0, 10));
	report_unlock("parent", "unlock 0+10 again", unlock_ex(h, 0, 10));

	report("parent", "shared 20+10", lock_ex(h, NOWAIT, 20, 10));
	report("parent", "shared 20+10 again, same handle",
	       lock_ex(h, NOWAIT, 20, 10));
	run_child("2", TRUE);
	report_unlock("parent", "unlock 20+10", unlock_ex(h, 20, 10));
	report_unlock("parent", "unlock 20+10 (the second one)",
		      unlock_ex(h, 20, 10));
	report_unlock("parent", "unlock 20+10 (none left)",
		      unlock_ex(h, 20, 10));

	report("parent", "exclusive 0+10 while shared 2+2 is held",
	       lock_ex(h, EXCL | NOWAIT, 0, 10));
	report_unlock("parent", "unlock 2+2", unlock_ex(h, 2, 2));
	report("parent", "exclusive 0+10", lock_ex(h, EXCL | NOWAIT, 0, 10));
	waiting_child(h);
	report("parent", "exclusive 0+10 after the child exited",
	       lock_ex(h, EXCL | NOWAIT, 0, 10));
	report("parent", "shared 0+20 over it, same handle",
	       lock_ex(h, NOWAIT, 0, 20));
	report("parent", "second handle, shared 15+1",
	       lock_ex(h2, NOWAIT, 15, 1));
	report_unlock("parent", "second handle, unlock 15+1",
		      unlock_ex(h2, 15, 1));
	report("parent", "high offset, LockFile 0x40000000+1",
	       LockFile(h, 0x40000000, 0, 1, 0));
	report("parent", "close with locks held", CloseHandle(h));
	report("parent", "second handle, exclusive 0+30 after the close",
	       lock_ex(h2, EXCL | NOWAIT, 0, 30));
	CloseHandle(h2);
	DeleteFileA("locks.dat");
	return 0;
}
