/*
 * named.c — named events, mutexes, semaphores and file mappings shared
 * between two processes: this program and itself started as a child
 * ("child PID"), which synchronize only through the named objects.  An
 * auto-reset event handshake each way, a mutex the child holds (the
 * parent's wait times out, then succeeds once the child releases it), a
 * semaphore the child counts up, a mapping that outlives its creator's
 * handle while the child holds one, a mutex abandoned by the child's
 * exit (WAIT_ABANDONED), names that exist already (ERROR_ALREADY_EXISTS),
 * belong to another type (ERROR_INVALID_HANDLE), or do not exist
 * (ERROR_FILE_NOT_FOUND); a file opened with FILE_FLAG_DELETE_ON_CLOSE,
 * there until the last handle of any process closes (the child holds
 * one), opened meanwhile only with FILE_SHARE_DELETE while the handle
 * that asked is open (Wine opens it after that close, where Windows
 * would answer STATUS_DELETE_PENDING: not checked); "Local\\" names the same object as no prefix,
 * "Global\\" another (the session-wide namespace: a program runs in
 * session 1 on Windows and in Wine).  An Open* that succeeds leaves the
 * last error alone.  Names carry the parent's process id, so that
 * two runs at once do not meet.
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
	snprintf(buf[k], sizeof buf[k], "%s-%s", base, what);
	return buf[k];
}

static void show(const char *what, HANDLE h)
{
	DWORD e = GetLastError();

	printf("%s: %s, error %lu\n", what, h ? "handle" : "NULL", e);
}

static void waited(const char *what, DWORD r)
{
	printf("%s: %lu\n", what, r);
}

static char docname[64];

static int child(void)
{
	HANDLE to_parent, to_child, m, s, map, f;
	char *v;

	SetLastError(0xdead);
	to_parent = OpenEventA(EVENT_ALL_ACCESS, FALSE, nm("to-parent"));
	show("child OpenEvent to-parent", to_parent);
	to_child = OpenEventA(SYNCHRONIZE, FALSE, nm("to-child"));
	show("child OpenEvent to-child", to_child);
	m = OpenMutexA(SYNCHRONIZE | MUTEX_MODIFY_STATE, FALSE, nm("mutex"));
	show("child OpenMutex", m);
	s = CreateSemaphoreA(NULL, 5, 9, nm("sem"));
	show("child CreateSemaphore (exists)", s);
	map = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, nm("map"));
	show("child OpenFileMapping", map);
	v = MapViewOfFile(map, FILE_MAP_WRITE, 0, 0, 0);
	printf("child reads \"%s\"\n", v ? v : "(no view)");
	strcpy(v + 64, "written by the child");
	UnmapViewOfFile(v);
	f = CreateFileA(docname, GENERIC_READ,
			FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			NULL, OPEN_EXISTING, 0, NULL);
	printf("child opens the delete-on-close file: %s\n",
	       f != INVALID_HANDLE_VALUE ? "yes" : "no");
	waited("child takes the mutex", WaitForSingleObject(m, 0));
	printf("child ReleaseSemaphore 3: %d\n", ReleaseSemaphore(s, 3, NULL));
	fflush(stdout);
	SetEvent(to_parent);
	waited("child waits (1)", WaitForSingleObject(to_child, INFINITE));
	printf("child ReleaseMutex: %d\n", ReleaseMutex(m));
	fflush(stdout);
	SetEvent(to_parent);
	waited("child waits (2)", WaitForSingleObject(to_child, INFINITE));
	waited("child takes the mutex again", WaitForSingleObject(m, 0));
	printf("child exits holding it\n");
	fflush(stdout);
	SetEvent(to_parent);
	return 7;
}

/* Names alone, in the parent. */
static void names(void)
{
	HANDLE e1, e2, h;
	char longname[300];

	SetLastError(0xdead);
	e1 = CreateEventA(NULL, TRUE, FALSE, nm("ev"));
	show("CreateEvent new", e1);
	SetLastError(0xdead);
	e2 = CreateEventW(NULL, FALSE, TRUE, NULL);
	show("CreateEvent unnamed", e2);
	CloseHandle(e2);
	SetLastError(0xdead);
	e2 = CreateEventA(NULL, FALSE, TRUE, nm("ev"));
	show("CreateEvent again", e2);
	printf("  same object: %s\n", e1 != e2 && SetEvent(e2) &&
				      WaitForSingleObject(e1, 0) == 0 &&
				      WaitForSingleObject(e1, 0) == 0 ? "yes" : "no");
	ResetEvent(e1);
	printf("  initial state ignored: %lu\n", WaitForSingleObject(e2, 0));
	SetLastError(0xdead);
	h = CreateMutexA(NULL, FALSE, nm("ev"));
	show("CreateMutex on an event's name", h);
	SetLastError(0xdead);
	h = CreateSemaphoreA(NULL, 0, 1, nm("ev"));
	show("CreateSemaphore on an event's name", h);
	SetLastError(0xdead);
	h = OpenMutexA(SYNCHRONIZE, FALSE, nm("ev"));
	show("OpenMutex of an event", h);
	SetLastError(0xdead);
	h = OpenEventA(SYNCHRONIZE, FALSE, nm("missing"));
	show("OpenEvent missing", h);
	SetLastError(0xdead);
	h = OpenSemaphoreA(SYNCHRONIZE, FALSE, nm("missing"));
	show("OpenSemaphore missing", h);
	snprintf(longname, sizeof longname, "Local\\%s", nm("ev"));
	SetLastError(0xdead);
	h = OpenEventA(SYNCHRONIZE, FALSE, longname);
	show("OpenEvent Local\\ name", h);
	CloseHandle(h);
	snprintf(longname, sizeof longname, "Global\\%s", nm("ev"));
	SetLastError(0xdead);
	h = OpenEventA(SYNCHRONIZE, FALSE, longname);
	show("OpenEvent Global\\ name", h);
	CloseHandle(h);
	snprintf(longname, sizeof longname, "%s", nm("EV"));
	SetLastError(0xdead);
	h = OpenEventA(SYNCHRONIZE, FALSE, longname);
	show("OpenEvent other case", h);
	SetLastError(0xdead);
	h = CreateEventA(NULL, FALSE, FALSE, "no-such-dir\\x");
	show("CreateEvent in a missing directory", h);
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	SetLastError(0xdead);
	h = CreateEventA(NULL, FALSE, FALSE, longname);
	show("CreateEventA 299 characters", h);
	SetLastError(0xdead);
	h = CreateSemaphoreA(NULL, 2, 1, nm("badsem"));
	show("CreateSemaphore initial > max", h);
	SetLastError(0xdead);
	h = OpenEventA(SYNCHRONIZE, FALSE, NULL);
	show("OpenEvent NULL name", h);
	SetLastError(0xdead);
	h = OpenEventA(SYNCHRONIZE, FALSE, "");
	show("OpenEvent empty name", h);
	SetLastError(0xdead);
	h = CreateMutexA(NULL, FALSE, "");
	show("CreateMutex empty name", h);
	CloseHandle(h);
	SetLastError(0xdead);
	h = CreateMutexW(NULL, FALSE, L"");
	show("CreateMutexW empty name", h);
	CloseHandle(h);
	SetLastError(0xdead);
	h = CreateMutexA(NULL, FALSE, "Local\\");
	show("CreateMutex \"Local\\\"", h);
	SetLastError(0xdead);
	h = OpenMutexA(SYNCHRONIZE, FALSE, "Global\\");
	show("OpenMutex \"Global\\\"", h);
	CloseHandle(e1);
	CloseHandle(e2);
	SetLastError(0xdead);
	h = OpenEventA(SYNCHRONIZE, FALSE, nm("ev"));
	show("OpenEvent after the last close", h);
}

int main(int argc, char **argv)
{
	HANDLE to_parent, to_child, m, s, map, map2, local, hs[2], doc, h;
	char self[MAX_PATH], cmd[MAX_PATH + 64], *v;
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;
	DWORD code;
	LONG prev = -1;
	BOOL ok;

	memset(&si, 0, sizeof si);
	si.cb = sizeof si;
	if (argc == 3 && !strcmp(argv[1], "child")) {
		snprintf(base, sizeof base, "dllshare-named-%s", argv[2]);
		snprintf(docname, sizeof docname, "named-%s.tmp", argv[2]);
		return child();
	}
	snprintf(base, sizeof base, "dllshare-named-%lu", GetCurrentProcessId());
	snprintf(docname, sizeof docname, "named-%lu.tmp",
		 GetCurrentProcessId());
	names();
	doc = CreateFileA(docname, GENERIC_READ | GENERIC_WRITE,
			  FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			  NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
	printf("delete-on-close file: %s\n",
	       doc != INVALID_HANDLE_VALUE ? "open" : "failed");
	printf("  there while open: %s\n",
	       GetFileAttributesA(docname) != INVALID_FILE_ATTRIBUTES ? "yes"
								      : "no");
	SetLastError(0xdead);
	h = CreateFileA(docname, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE,
			NULL, OPEN_EXISTING, 0, NULL);
	printf("  open without FILE_SHARE_DELETE: %s, error %lu\n",
	       h != INVALID_HANDLE_VALUE ? "open" : "refused", GetLastError());
	h = CreateFileA(docname, GENERIC_READ,
			FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			NULL, OPEN_EXISTING, 0, NULL);
	printf("  second handle with FILE_SHARE_DELETE: %s\n",
	       h != INVALID_HANDLE_VALUE ? "open" : "refused");
	CloseHandle(doc);
	printf("  there after the first handle's close: %s\n",
	       GetFileAttributesA(docname) != INVALID_FILE_ATTRIBUTES ? "yes"
								      : "no");
	SetLastError(0xdead);
	doc = CreateFileA(docname, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE,
			  NULL, OPEN_EXISTING, 0, NULL);
	printf("  open without FILE_SHARE_DELETE after that close: %s, "
	       "error %lu\n",
	       doc != INVALID_HANDLE_VALUE ? "open" : "refused", GetLastError());
	CloseHandle(doc);
	CloseHandle(h);
	SetLastError(0xdead);
	printf("  there after the last close: %s, error %lu\n",
	       GetFileAttributesA(docname) != INVALID_FILE_ATTRIBUTES ? "yes"
								      : "no",
	       GetLastError());
	doc = CreateFileA(docname, GENERIC_READ | GENERIC_WRITE,
			  FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
			  NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);

	to_parent = CreateEventA(NULL, FALSE, FALSE, nm("to-parent"));
	to_child = CreateEventA(NULL, FALSE, FALSE, nm("to-child"));
	m = CreateMutexA(NULL, FALSE, nm("mutex"));
	s = CreateSemaphoreA(NULL, 0, 10, nm("sem"));
	map = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
				 4096, nm("map"));
	v = MapViewOfFile(map, FILE_MAP_WRITE, 0, 0, 0);
	strcpy(v, "written by the parent");
	UnmapViewOfFile(v);
	printf("objects made: %d\n", to_parent && to_child && m && s && map);
	GetModuleFileNameA(NULL, self, sizeof self);
	snprintf(cmd, sizeof cmd, "\"%s\" child %lu", self,
		 GetCurrentProcessId());
	fflush(stdout);
	if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si,
			    &pi)) {
		printf("CreateProcess failed %lu\n", GetLastError());
		return 1;
	}
	waited("parent waits (1)", WaitForSingleObject(to_parent, INFINITE));
	CloseHandle(doc);
	printf("delete-on-close file there while the child holds it: %s\n",
	       GetFileAttributesA(docname) != INVALID_FILE_ATTRIBUTES ? "yes"
								      : "no");
	waited("mutex held by the child, 50 ms", WaitForSingleObject(m, 50));
	hs[0] = s;
	hs[1] = m;
	waited("any of semaphore, mutex",
	       WaitForMultipleObjects(2, hs, FALSE, 0));
	waited("all of semaphore, mutex, 50 ms",
	       WaitForMultipleObjects(2, hs, TRUE, 50));
	ok = ReleaseSemaphore(s, 1, &prev);
	printf("ReleaseSemaphore 1: %d, previous %ld\n", ok, prev);
	SetLastError(0xdead);
	ok = ReleaseSemaphore(s, 8, &prev);
	printf("ReleaseSemaphore 8: %d, error %lu\n", ok, GetLastError());
	CloseHandle(map);
	map2 = OpenFileMappingA(FILE_MAP_READ, FALSE, nm("map"));
	show("mapping reopened while the child holds it", map2);
	v = MapViewOfFile(map2, FILE_MAP_READ, 0, 0, 0);
	printf("reads \"%s\" and \"%s\"\n", v, v + 64);
	UnmapViewOfFile(v);
	local = CreateEventA(NULL, TRUE, TRUE, NULL);
	hs[0] = local;
	hs[1] = to_parent;
	waited("all of local event, named event",
	       WaitForMultipleObjects(2, hs, TRUE, 0));
	waited("any of named event, local event (named first)",
	       WaitForMultipleObjects(2, (HANDLE[]){to_parent, local}, FALSE,
				      INFINITE));
	fflush(stdout);
	SetEvent(to_child);
	waited("parent waits (2)", WaitForSingleObject(to_parent, INFINITE));
	waited("mutex released by the child",
	       WaitForSingleObject(m, INFINITE));
	printf("parent ReleaseMutex: %d\n", ReleaseMutex(m));
	waited("all of local event, named event",
	       WaitForMultipleObjects(2, hs, TRUE, 0));
	fflush(stdout);
	SetEvent(to_child);
	waited("parent waits (3)", WaitForSingleObject(to_parent, INFINITE));
	waited("waiting for the mutex while the child ends holding it",
	       WaitForSingleObject(m, INFINITE));
	printf("parent ReleaseMutex: %d\n", ReleaseMutex(m));
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	printf("child exit code %lu\n", code);
	printf("delete-on-close file there after the child's end: %s\n",
	       GetFileAttributesA(docname) != INVALID_FILE_ATTRIBUTES ? "yes"
								      : "no");
	waited("mutex again", WaitForSingleObject(m, 0));
	printf("parent ReleaseMutex: %d\n", ReleaseMutex(m));
	SetLastError(0xdead);
	ok = ReleaseMutex(m);
	printf("ReleaseMutex not owned: %d, error %lu\n", ok, GetLastError());
	CloseHandle(map2);
	SetLastError(0xdead);
	map2 = OpenFileMappingA(FILE_MAP_READ, FALSE, nm("map"));
	show("mapping after its last handle", map2);
	CloseHandle(m);
	SetLastError(0xdead);
	m = OpenMutexA(SYNCHRONIZE, FALSE, nm("mutex"));
	show("mutex after its last handle", m);
	return 0;
}
