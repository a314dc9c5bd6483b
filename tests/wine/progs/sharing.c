/* sharing.c — CreateFile's sharing modes: an access another handle does
 * not share and a sharing another handle's access needs are both
 * ERROR_SHARING_VIOLATION (32), within one process and between two;
 * attribute-only opens do not take part; a refused CREATE_ALWAYS does
 * not truncate; DeleteFile, MoveFile and FILE_FLAG_DELETE_ON_CLOSE need
 * every handle to share deletion. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define RW (FILE_SHARE_READ | FILE_SHARE_WRITE)
#define ALL (RW | FILE_SHARE_DELETE)

static HANDLE op(const char *what, DWORD access, DWORD share, DWORD disp,
		 DWORD flags)
{
	HANDLE h = CreateFileA("shared.txt", access, share, NULL, disp, flags,
			       NULL);

	printf("%-40s %s %lu\n", what, h != INVALID_HANDLE_VALUE ? "ok" : "no",
	       h != INVALID_HANDLE_VALUE ? 0 : GetLastError());
	return h;
}

static void child(void)
{
	HANDLE h = op("child: read, share all", GENERIC_READ, ALL,
		      OPEN_EXISTING, 0);

	if (h != INVALID_HANDLE_VALUE)
		CloseHandle(h);
}

static void run_child(void)
{
	char self[MAX_PATH], cmd[MAX_PATH + 16];
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;

	memset(&si, 0, sizeof si);
	si.cb = sizeof si;

	GetModuleFileNameA(NULL, self, sizeof self);
	snprintf(cmd, sizeof cmd, "\"%s\" child", self);
	fflush(stdout);
	if (!CreateProcessA(self, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si,
			    &pi)) {
		printf("CreateProcess failed %lu\n", GetLastError());
		return;
	}
	WaitForSingleObject(pi.hProcess, INFINITE);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
}

int main(int argc, char **argv)
{
	HANDLE a, b, c, d;
	DWORD n;
	BOOL ok;

	if (argc > 1 && !strcmp(argv[1], "child")) {
		child();
		return 0;
	}
	a = op("create, write, share read+write", GENERIC_WRITE, RW,
	       CREATE_ALWAYS, 0);
	WriteFile(a, "hello", 5, &n, NULL);
	CloseHandle(a);

	a = op("A: read, share read", GENERIC_READ, FILE_SHARE_READ,
	       OPEN_EXISTING, 0);
	b = op("B: read, share read", GENERIC_READ, FILE_SHARE_READ,
	       OPEN_EXISTING, 0);
	c = op("C: write, share read+write", GENERIC_WRITE, RW, OPEN_EXISTING,
	       0);
	c = op("D: read, share none", GENERIC_READ, 0, OPEN_EXISTING, 0);
	c = op("E: attributes only, share none", FILE_READ_ATTRIBUTES, 0,
	       OPEN_EXISTING, 0);
	CloseHandle(c);
	SetLastError(0);
	ok = DeleteFileA("shared.txt");
	printf("DeleteFile: %d %lu\n", ok, GetLastError());
	SetLastError(0);
	ok = MoveFileA("shared.txt", "moved.txt");
	printf("MoveFile: %d %lu\n", ok, GetLastError());
	CloseHandle(a);
	CloseHandle(b);

	a = op("F: write, share none", GENERIC_WRITE, 0, OPEN_EXISTING, 0);
	op("G: create always, share all", GENERIC_WRITE, ALL, CREATE_ALWAYS, 0);
	printf("size after refused truncation: %lu\n", GetFileSize(a, NULL));
	op("H: delete on close", GENERIC_READ, ALL, OPEN_EXISTING,
	   FILE_FLAG_DELETE_ON_CLOSE);
	run_child();
	CloseHandle(a);
	run_child();

	d = op("I: read, share all", GENERIC_READ, ALL, OPEN_EXISTING, 0);
	b = op("J: write, share all", GENERIC_WRITE, ALL, OPEN_EXISTING, 0);
	CloseHandle(b);
	CloseHandle(d);
	printf("DeleteFile: %d\n", DeleteFileA("shared.txt"));
	return 0;
}
