/*
 * peekpipe.c — PeekNamedPipe on an anonymous pipe (what is there, a
 * part of it copied, nothing taken; the write end; a file; the pipe
 * after its writer went), the I/O cancels with nothing pending, and
 * GetOverlappedResultEx.
 */
#include <stdio.h>
#include <windows.h>

int main(void)
{
	HANDLE r, w, f;
	char buf[16] = {0};
	DWORD n = 99, avail = 99;
	OVERLAPPED ov = {0};
	BOOL ok;

	CreatePipe(&r, &w, 0, 0);
	ok = PeekNamedPipe(r, 0, 0, 0, &avail, 0);
	printf("empty: %d, %lu there\n", ok, avail);
	WriteFile(w, "hello world", 11, &n, 0);
	ok = PeekNamedPipe(r, buf, 5, &n, &avail, 0);
	printf("peek 5: %d, got %lu [%s], %lu there\n", ok, n, buf, avail);
	ok = ReadFile(r, buf, 3, &n, 0);
	printf("read 3: %d %lu [%.3s]\n", ok, n, buf);
	ok = PeekNamedPipe(r, buf, sizeof buf - 1, &n, &avail, 0);
	buf[n] = 0;
	printf("peek all: %d, got %lu [%s], %lu there\n", ok, n, buf, avail);
	SetLastError(0);
	ok = PeekNamedPipe(w, 0, 0, 0, &avail, 0);
	printf("write end: %d %lu\n", ok, GetLastError());
	CloseHandle(w);
	ok = PeekNamedPipe(r, 0, 0, 0, &avail, 0);
	printf("writer gone, data left: %d, %lu there\n", ok, avail);
	ReadFile(r, buf, sizeof buf, &n, 0);
	SetLastError(0);
	ok = PeekNamedPipe(r, 0, 0, 0, &avail, 0);
	printf("writer gone, empty: %d %lu\n", ok, GetLastError());
	CloseHandle(r);

	f = CreateFileA("x.txt", GENERIC_READ | GENERIC_WRITE, 0, 0,
			CREATE_ALWAYS, 0, 0);
	SetLastError(0);
	ok = PeekNamedPipe(f, 0, 0, 0, &avail, 0);
	printf("file: %d %lu\n", ok, GetLastError());
	{
		HANDLE wo = CreateFileA("y.txt", GENERIC_WRITE, 0, 0,
					CREATE_ALWAYS, 0, 0);

		SetLastError(0);
		ok = PeekNamedPipe(wo, 0, 0, 0, &avail, 0);
		printf("write-only file: %d %lu\n", ok, GetLastError());
		CloseHandle(wo);
	}
	SetLastError(0);
	ok = CancelIo(f);
	printf("CancelIo: %d %lu\n", ok, GetLastError());
	SetLastError(0);
	ok = CancelIo((HANDLE)0x1234);
	printf("CancelIo bad handle: %d %lu\n", ok, GetLastError());
	SetLastError(0);
	ok = CancelIoEx((HANDLE)0x1234, 0);
	printf("CancelIoEx bad handle: %d %lu\n", ok, GetLastError());
	SetLastError(0);
	ok = CancelSynchronousIo(GetCurrentThread());
	printf("CancelSynchronousIo: %d %lu\n", ok, GetLastError());
	ov.Offset = 0;
	ok = WriteFile(f, "abc", 3, 0, &ov);
	n = 0;
	ok = GetOverlappedResultEx(f, &ov, &n, 100, FALSE);
	printf("GetOverlappedResultEx: %d %lu\n", ok, n);
	CloseHandle(f);
	return 0;
}
