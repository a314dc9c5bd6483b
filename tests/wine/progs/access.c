/*
 * access.c — a handle grants the access it was opened or duplicated
 * with, and nothing more: OpenEvent/OpenMutex/OpenSemaphore and the
 * Create*Ex forms with SYNCHRONIZE only cannot set the event or release
 * the semaphore (ERROR_ACCESS_DENIED) but can wait, with the modify right
 * only they can set but not wait; ReleaseMutex asks no right; a file
 * handle duplicated with GENERIC_READ (or FILE_WRITE_DATA) cannot write
 * (read), DUPLICATE_SAME_ACCESS keeps what the source grants; ReadFile on
 * a GENERIC_WRITE handle, WriteFile on a GENERIC_READ one, either on a
 * handle opened with no access, and the wrong end of a pipe are all
 * ERROR_ACCESS_DENIED, while FILE_APPEND_DATA writes; OpenProcess of a
 * child with PROCESS_QUERY_LIMITED_INFORMATION queries but cannot
 * terminate or wait, with SYNCHRONIZE it waits but cannot query.
 * Started with "child" the program only sleeps, to be that child.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static char base[64];

static const char *nm(const char *what)
{
	static char buf[4][128];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "access-%s-%s", base, what);
	return buf[k];
}

/* One line: what, the result, the last error when it failed. */
static void ok(const char *what, BOOL r)
{
	DWORD e = GetLastError();

	if (r)
		printf("%s: ok\n", what);
	else
		printf("%s: failed, error %lu\n", what, e);
}

static void waited(const char *what, HANDLE h)
{
	DWORD r, e;

	SetLastError(0);
	r = WaitForSingleObject(h, 0);
	e = GetLastError();
	printf("%s: wait 0x%lx, error %lu\n", what, r, e);
}

static void sync_objects(void)
{
	HANDLE ev = CreateEventA(0, TRUE, FALSE, nm("ev"));
	HANDLE mx = CreateMutexA(0, FALSE, nm("mx"));
	HANDLE sm = CreateSemaphoreA(0, 0, 5, nm("sm"));
	HANDLE h, two[2];
	LONG prev = -1;
	DWORD r, e;

	h = OpenEventA(SYNCHRONIZE, FALSE, nm("ev"));
	printf("OpenEvent(SYNCHRONIZE): %s\n", h ? "handle" : "none");
	ok("SetEvent, SYNCHRONIZE", SetEvent(h));
	ok("ResetEvent, SYNCHRONIZE", ResetEvent(h));
	waited("event, SYNCHRONIZE", h);
	CloseHandle(h);
	h = OpenEventA(EVENT_MODIFY_STATE, FALSE, nm("ev"));
	ok("SetEvent, EVENT_MODIFY_STATE", SetEvent(h));
	waited("event, EVENT_MODIFY_STATE", h);
	two[0] = ev;
	two[1] = h;
	SetLastError(0);
	r = WaitForMultipleObjects(2, two, FALSE, 0);
	e = GetLastError();
	printf("both events: wait 0x%lx, error %lu\n", r, e);
	CloseHandle(h);
	h = OpenEventA(GENERIC_WRITE, FALSE, nm("ev"));
	ok("ResetEvent, GENERIC_WRITE", ResetEvent(h));
	waited("event, GENERIC_WRITE", h);
	CloseHandle(h);
	h = OpenEventA(GENERIC_EXECUTE, FALSE, nm("ev"));
	ok("SetEvent, GENERIC_EXECUTE", SetEvent(h));
	waited("event, GENERIC_EXECUTE", h);
	CloseHandle(h);
	h = OpenEventA(MAXIMUM_ALLOWED, FALSE, nm("ev"));
	ok("SetEvent, MAXIMUM_ALLOWED", SetEvent(h));
	waited("event, MAXIMUM_ALLOWED", h);
	CloseHandle(h);
	h = CreateEventExA(0, nm("ev"), 0, SYNCHRONIZE);
	ok("SetEvent, CreateEventEx SYNCHRONIZE", SetEvent(h));
	waited("event, CreateEventEx SYNCHRONIZE", h);
	CloseHandle(h);
	h = CreateEventExA(0, 0, CREATE_EVENT_INITIAL_SET, EVENT_ALL_ACCESS);
	ok("SetEvent, CreateEventEx EVENT_ALL_ACCESS", SetEvent(h));
	waited("event, CreateEventEx EVENT_ALL_ACCESS", h);
	CloseHandle(h);
	h = CreateEventExA(0, 0, CREATE_EVENT_INITIAL_SET, EVENT_MODIFY_STATE);
	ok("ResetEvent, CreateEventEx unnamed EVENT_MODIFY_STATE",
	   ResetEvent(h));
	waited("unnamed event, CreateEventEx EVENT_MODIFY_STATE", h);
	CloseHandle(h);

	h = OpenMutexA(SYNCHRONIZE, FALSE, nm("mx"));
	waited("mutex, SYNCHRONIZE", h);
	ok("ReleaseMutex, SYNCHRONIZE", ReleaseMutex(h));
	CloseHandle(h);
	h = OpenMutexA(MUTANT_QUERY_STATE, FALSE, nm("mx"));
	waited("mutex, MUTANT_QUERY_STATE", h);
	WaitForSingleObject(mx, 0);
	ok("ReleaseMutex, MUTANT_QUERY_STATE", ReleaseMutex(h));
	CloseHandle(h);
	h = CreateMutexExA(0, nm("mx"), 0, SYNCHRONIZE);
	waited("mutex, CreateMutexEx SYNCHRONIZE", h);
	ok("ReleaseMutex, CreateMutexEx SYNCHRONIZE", ReleaseMutex(h));
	CloseHandle(h);

	h = OpenSemaphoreA(SYNCHRONIZE, FALSE, nm("sm"));
	ok("ReleaseSemaphore, SYNCHRONIZE", ReleaseSemaphore(h, 1, &prev));
	waited("semaphore, SYNCHRONIZE", h);
	CloseHandle(h);
	h = OpenSemaphoreW(SEMAPHORE_MODIFY_STATE, FALSE,
			   (const WCHAR *)L"no-such-semaphore");
	printf("OpenSemaphoreW of no such name: %s, error %lu\n",
	       h ? "handle" : "none", GetLastError());
	h = OpenSemaphoreA(SEMAPHORE_MODIFY_STATE, FALSE, nm("sm"));
	ok("ReleaseSemaphore, SEMAPHORE_MODIFY_STATE",
	   ReleaseSemaphore(h, 2, &prev));
	printf("previous count %ld\n", prev);
	waited("semaphore, SEMAPHORE_MODIFY_STATE", h);
	CloseHandle(h);
	h = CreateSemaphoreExA(0, 0, 5, nm("sm"), 0, SYNCHRONIZE);
	ok("ReleaseSemaphore, CreateSemaphoreEx SYNCHRONIZE",
	   ReleaseSemaphore(h, 1, 0));
	waited("semaphore, CreateSemaphoreEx SYNCHRONIZE", h);
	CloseHandle(h);
	ok("ReleaseSemaphore, CreateSemaphore", ReleaseSemaphore(sm, 1, 0));
	waited("semaphore, CreateSemaphore", sm);
	CloseHandle(ev);
	CloseHandle(mx);
	CloseHandle(sm);
}

static void duplicates(void)
{
	HANDLE ev = CreateEventA(0, TRUE, FALSE, 0), d = 0, d2 = 0;

	DuplicateHandle(GetCurrentProcess(), ev, GetCurrentProcess(), &d,
			SYNCHRONIZE, FALSE, 0);
	ok("SetEvent, duplicated SYNCHRONIZE", SetEvent(d));
	waited("event, duplicated SYNCHRONIZE", d);
	DuplicateHandle(GetCurrentProcess(), d, GetCurrentProcess(), &d2, 0,
			FALSE, DUPLICATE_SAME_ACCESS);
	ok("SetEvent, its duplicate with the same access", SetEvent(d2));
	waited("event, its duplicate with the same access", d2);
	CloseHandle(d2);
	DuplicateHandle(GetCurrentProcess(), d, GetCurrentProcess(), &d2,
			EVENT_ALL_ACCESS, FALSE, 0);
	ok("SetEvent, its duplicate with EVENT_ALL_ACCESS", SetEvent(d2));
	CloseHandle(d2);
	DuplicateHandle(GetCurrentProcess(), d, GetCurrentProcess(), &d2,
			EVENT_MODIFY_STATE, FALSE, DUPLICATE_CLOSE_SOURCE);
	ok("ResetEvent, duplicated EVENT_MODIFY_STATE, source closed",
	   ResetEvent(d2));
	waited("event, duplicated EVENT_MODIFY_STATE", d2);
	CloseHandle(d2);
	DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(),
			GetCurrentProcess(), &d, 0, FALSE,
			DUPLICATE_SAME_ACCESS);
	waited("this process duplicated with the same access", d);
	CloseHandle(d);
	DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(),
			GetCurrentProcess(), &d, PROCESS_QUERY_INFORMATION,
			FALSE, 0);
	waited("this process duplicated PROCESS_QUERY_INFORMATION", d);
	printf("its id is ours: %d\n",
	       GetProcessId(d) == GetCurrentProcessId());
	CloseHandle(d);
	CloseHandle(ev);
}

static HANDLE open_file(const char *path, DWORD access, DWORD disp)
{
	return CreateFileA(path, access, FILE_SHARE_READ | FILE_SHARE_WRITE, 0,
			   disp, 0, 0);
}

static void files(void)
{
	char path[MAX_PATH + 64], tmp[MAX_PATH], buf[8];
	HANDLE f, d, pr, pw;
	DWORD n;

	GetTempPathA(sizeof tmp, tmp);
	snprintf(path, sizeof path, "%saccess-%s.tmp", tmp, base);
	f = open_file(path, GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
	ok("WriteFile, GENERIC_READ | GENERIC_WRITE",
	   WriteFile(f, "abcd", 4, &n, 0));
	SetFilePointer(f, 0, 0, FILE_BEGIN);

	DuplicateHandle(GetCurrentProcess(), f, GetCurrentProcess(), &d,
			GENERIC_READ, FALSE, 0);
	ok("WriteFile, duplicated GENERIC_READ", WriteFile(d, "x", 1, &n, 0));
	ok("ReadFile, duplicated GENERIC_READ", ReadFile(d, buf, 1, &n, 0));
	printf("read %lu byte(s)\n", n);
	CloseHandle(d);
	DuplicateHandle(GetCurrentProcess(), f, GetCurrentProcess(), &d,
			FILE_WRITE_DATA, FALSE, 0);
	ok("ReadFile, duplicated FILE_WRITE_DATA", ReadFile(d, buf, 1, &n, 0));
	ok("WriteFile, duplicated FILE_WRITE_DATA",
	   WriteFile(d, "y", 1, &n, 0));
	CloseHandle(d);
	DuplicateHandle(GetCurrentProcess(), f, GetCurrentProcess(), &d,
			GENERIC_READ, FALSE, DUPLICATE_SAME_ACCESS);
	ok("WriteFile, duplicated with the same access",
	   WriteFile(d, "z", 1, &n, 0));
	CloseHandle(d);
	DuplicateHandle(GetCurrentProcess(), f, GetCurrentProcess(), &d, 0,
			FALSE, 0);
	ok("ReadFile, duplicated with no access", ReadFile(d, buf, 1, &n, 0));
	CloseHandle(d);
	CloseHandle(f);

	f = open_file(path, GENERIC_WRITE, OPEN_EXISTING);
	ok("ReadFile, GENERIC_WRITE", ReadFile(f, buf, 1, &n, 0));
	ok("WriteFile, GENERIC_WRITE", WriteFile(f, "w", 1, &n, 0));
	CloseHandle(f);
	f = open_file(path, GENERIC_READ, OPEN_EXISTING);
	ok("WriteFile, GENERIC_READ", WriteFile(f, "r", 1, &n, 0));
	ok("ReadFile, GENERIC_READ", ReadFile(f, buf, 2, &n, 0));
	printf("read %lu byte(s): %.2s\n", n, buf);
	CloseHandle(f);
	f = open_file(path, 0, OPEN_EXISTING);
	ok("ReadFile, no access", ReadFile(f, buf, 1, &n, 0));
	ok("WriteFile, no access", WriteFile(f, "n", 1, &n, 0));
	CloseHandle(f);
	f = open_file(path, FILE_APPEND_DATA, OPEN_EXISTING);
	ok("WriteFile, FILE_APPEND_DATA", WriteFile(f, "e", 1, &n, 0));
	ok("ReadFile, FILE_APPEND_DATA", ReadFile(f, buf, 1, &n, 0));
	CloseHandle(f);
	f = open_file(path, GENERIC_READ, OPEN_EXISTING);
	memset(buf, 0, sizeof buf);
	ReadFile(f, buf, sizeof buf - 1, &n, 0);
	printf("the file: %s\n", buf);
	CloseHandle(f);
	DeleteFileA(path);

	CreatePipe(&pr, &pw, 0, 0);
	ok("WriteFile, pipe's read end", WriteFile(pr, "p", 1, &n, 0));
	ok("ReadFile, pipe's write end", ReadFile(pw, buf, 1, &n, 0));
	ok("WriteFile, pipe's write end", WriteFile(pw, "p", 1, &n, 0));
	ok("ReadFile, pipe's read end", ReadFile(pr, buf, 1, &n, 0));
	CloseHandle(pr);
	CloseHandle(pw);
}

/* TerminateProcess through an OpenProcess handle to the caller itself:
 * the process ends, with the code given. */
static void terminate_self(void)
{
	char self[MAX_PATH], cmd[MAX_PATH + 16];
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	DWORD code = 0;

	memset(&si, 0, sizeof si);
	si.cb = sizeof si;
	GetModuleFileNameA(0, self, sizeof self);
	snprintf(cmd, sizeof cmd, "\"%s\" selfterm", self);
	if (!CreateProcessA(0, cmd, 0, 0, FALSE, 0, 0, 0, &si, &pi)) {
		printf("CreateProcess failed, error %lu\n", GetLastError());
		return;
	}
	WaitForSingleObject(pi.hProcess, 10000);
	GetExitCodeProcess(pi.hProcess, &code);
	printf("TerminateProcess of itself: exit code %lu\n", code);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
}

static void processes(void)
{
	char self[MAX_PATH], cmd[MAX_PATH + 16];
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	HANDLE lim, syn, term;
	DWORD code = 0, id;

	memset(&si, 0, sizeof si);
	si.cb = sizeof si;
	GetModuleFileNameA(0, self, sizeof self);
	snprintf(cmd, sizeof cmd, "\"%s\" child", self);
	if (!CreateProcessA(0, cmd, 0, 0, FALSE, 0, 0, 0, &si, &pi)) {
		printf("CreateProcess failed, error %lu\n", GetLastError());
		return;
	}
	lim = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE,
			  pi.dwProcessId);
	syn = OpenProcess(SYNCHRONIZE, FALSE, pi.dwProcessId);
	term = OpenProcess(PROCESS_TERMINATE, FALSE, pi.dwProcessId);
	printf("opened: %d %d %d\n", lim != 0, syn != 0, term != 0);
	ok("TerminateProcess, PROCESS_QUERY_LIMITED_INFORMATION",
	   TerminateProcess(lim, 3));
	waited("child, PROCESS_QUERY_LIMITED_INFORMATION", lim);
	ok("GetExitCodeProcess, PROCESS_QUERY_LIMITED_INFORMATION",
	   GetExitCodeProcess(lim, &code));
	printf("exit code 0x%lx\n", code);
	id = GetProcessId(lim);
	printf("GetProcessId, PROCESS_QUERY_LIMITED_INFORMATION: %s\n",
	       id == pi.dwProcessId ? "the child's" : "other");
	waited("child, SYNCHRONIZE", syn);
	ok("GetExitCodeProcess, SYNCHRONIZE", GetExitCodeProcess(syn, &code));
	SetLastError(0);
	id = GetProcessId(syn);
	printf("GetProcessId, SYNCHRONIZE: %lu, error %lu\n", id,
	       GetLastError());
	ok("TerminateProcess, SYNCHRONIZE", TerminateProcess(syn, 3));
	ok("GetExitCodeProcess, PROCESS_TERMINATE",
	   GetExitCodeProcess(term, &code));
	ok("TerminateProcess, PROCESS_TERMINATE", TerminateProcess(term, 5));
	printf("child ended: 0x%lx\n", WaitForSingleObject(syn, 10000));
	/* Its exit code is the one TerminateProcess gave, through every
	 * handle. */
	code = 0;
	ok("GetExitCodeProcess, PROCESS_QUERY_LIMITED_INFORMATION",
	   GetExitCodeProcess(lim, &code));
	printf("exit code through another handle: %lu\n", code);
	code = 0;
	GetExitCodeProcess(pi.hProcess, &code);
	printf("exit code through CreateProcess's handle: %lu\n", code);
	CloseHandle(lim);
	CloseHandle(syn);
	CloseHandle(term);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
}

/* FlushFileBuffers wants write access; a pipe whose writer is gone
 * fails a read once empty (ERROR_BROKEN_PIPE), a file at its end reads 0
 * bytes and succeeds. */
static void flush_and_ends(void)
{
	char path[MAX_PATH + 64], tmp[MAX_PATH], buf[8];
	HANDLE f, r, w;
	DWORD n = 99;
	BOOL b;

	GetTempPathA(sizeof tmp, tmp);
	snprintf(path, sizeof path, "%saccess-flush-%s.tmp", tmp, base);
	f = open_file(path, GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
	ok("FlushFileBuffers, GENERIC_READ | GENERIC_WRITE",
	   FlushFileBuffers(f));
	b = ReadFile(f, buf, sizeof buf, &n, 0);
	ok("ReadFile at the end of a file", b);
	printf("  read %lu\n", n);
	CloseHandle(f);
	f = open_file(path, GENERIC_READ, OPEN_EXISTING);
	ok("FlushFileBuffers, GENERIC_READ", FlushFileBuffers(f));
	CloseHandle(f);
	DeleteFileA(path);
	CreatePipe(&r, &w, 0, 0);
	WriteFile(w, "abc", 3, &n, 0);
	CloseHandle(w);
	n = 99;
	b = ReadFile(r, buf, sizeof buf, &n, 0);
	ok("ReadFile, a pipe holding 3 bytes, its writer gone", b);
	printf("  read %lu\n", n);
	n = 99;
	b = ReadFile(r, buf, sizeof buf, &n, 0);
	ok("ReadFile, the same pipe empty", b);
	printf("  read %lu\n", n);
	CloseHandle(r);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "child")) {
		Sleep(30000);
		return 1;
	}
	if (argc > 1 && !strcmp(argv[1], "selfterm")) {
		/* A real handle to this process ends it with the code. */
		HANDLE me = OpenProcess(PROCESS_TERMINATE, FALSE,
					GetCurrentProcessId());
		TerminateProcess(me, 42);
		printf("not reached\n");
		return 1;
	}
	setvbuf(stdout, 0, _IONBF, 0);
	snprintf(base, sizeof base, "%lu", GetCurrentProcessId());
	sync_objects();
	duplicates();
	files();
	flush_and_ends();
	processes();
	terminate_self();
	return 0;
}
