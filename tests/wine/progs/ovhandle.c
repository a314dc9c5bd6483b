/* ovhandle.c — a file opened with FILE_FLAG_OVERLAPPED: ReadFile and
 * WriteFile need an OVERLAPPED (ERROR_INVALID_PARAMETER without one),
 * transfer at its offset, leave no file pointer behind, signal the event;
 * GetOverlappedResult gives the count.  Requests may complete at once
 * (TRUE) or be pending (ERROR_IO_PENDING): either way the result after
 * GetOverlappedResult is what is printed. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void done(const char *what, HANDLE h, OVERLAPPED *ov, BOOL ok)
{
	DWORD n = 0;
	BOOL r;

	if (!ok && GetLastError() != ERROR_IO_PENDING) {
		printf("%s: failed %lu\n", what, GetLastError());
		return;
	}
	r = GetOverlappedResult(h, ov, &n, TRUE);
	printf("%s: %d %lu %lu, event %lu\n", what, r, n,
	       r ? 0 : GetLastError(), WaitForSingleObject(ov->hEvent, 0));
}

int main(void)
{
	HANDLE h = CreateFileA("ov.bin", GENERIC_READ | GENERIC_WRITE, 0, NULL,
			       CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
	OVERLAPPED ov;
	char buf[16] = {0};
	DWORD n;
	BOOL ok;

	printf("open: %d\n", h != INVALID_HANDLE_VALUE);
	SetLastError(0);
	ok = WriteFile(h, "x", 1, &n, NULL);
	printf("WriteFile without OVERLAPPED: %d %lu\n", ok, GetLastError());
	memset(&ov, 0, sizeof ov);
	ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
	ov.Offset = 4;
	done("write 6 at 4", h, &ov, WriteFile(h, "abcdef", 6, NULL, &ov));
	printf("file pointer: %lu\n", SetFilePointer(h, 0, NULL, FILE_CURRENT));
	printf("size: %lu\n", GetFileSize(h, NULL));
	ResetEvent(ov.hEvent);
	ov.Offset = 6;
	done("read at 6", h, &ov, ReadFile(h, buf, sizeof buf - 1, NULL, &ov));
	printf("read: %s\n", buf);
	ov.Offset = 100;
	done("read at 100", h, &ov, ReadFile(h, buf, 4, NULL, &ov));
	CloseHandle(ov.hEvent);
	CloseHandle(h);
	DeleteFileA("ov.bin");
	return 0;
}
