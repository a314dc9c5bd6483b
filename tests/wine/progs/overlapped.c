/* overlapped.c — ReadFile/WriteFile with an OVERLAPPED structure on a
 * synchronous handle: the offset in it is used (a write at 100 extends the
 * file to 104, the gap reads as zeros), the file pointer is left after the
 * transfer, Internal/InternalHigh and the event report the result, a read
 * at or past the end fails with ERROR_HANDLE_EOF; GetOverlappedResult. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static DWORD pointer(HANDLE h)
{
	return SetFilePointer(h, 0, NULL, FILE_CURRENT);
}

static void at(OVERLAPPED *ov, DWORD off, HANDLE ev)
{
	memset(ov, 0, sizeof(*ov));
	ov->Offset = off;
	ov->hEvent = ev;
}

int main(void)
{
	HANDLE h, ev;
	OVERLAPPED ov;
	DWORD n, got;
	BOOL ok;
	char buf[256];

	h = CreateFileA("ov.dat", GENERIC_READ | GENERIC_WRITE, 0, NULL,
			CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
	ev = CreateEventA(NULL, TRUE, FALSE, NULL);
	ok = WriteFile(h, "12345678", 8, &n, NULL);
	printf("plain write %d %lu pointer %lu\n", ok, n, pointer(h));

	at(&ov, 100, ev);
	ok = WriteFile(h, "ABCD", 4, &n, &ov);
	printf("write at 100: %d %lu pointer %lu size %lu Internal %lx "
	       "InternalHigh %lu Offset %lu event %lu\n",
	       ok, n, pointer(h), GetFileSize(h, NULL), (DWORD)ov.Internal,
	       (DWORD)ov.InternalHigh, ov.Offset, WaitForSingleObject(ev, 0));
	ok = GetOverlappedResult(h, &ov, &got, FALSE);
	printf("GetOverlappedResult %d %lu\n", ok, got);

	ResetEvent(ev);
	at(&ov, 2, ev);
	memset(buf, 0, sizeof(buf));
	ok = ReadFile(h, buf, 4, &n, &ov);
	printf("read at 2: %d %lu [%s] pointer %lu InternalHigh %lu event %lu\n",
	       ok, n, buf, pointer(h), (DWORD)ov.InternalHigh,
	       WaitForSingleObject(ev, 0));

	at(&ov, 102, NULL);
	memset(buf, 0, sizeof(buf));
	ok = ReadFile(h, buf, 10, &n, &ov);
	printf("read at 102: %d %lu [%s] pointer %lu\n", ok, n, buf,
	       pointer(h));

	at(&ov, 104, NULL);
	n = 99;
	SetLastError(0);
	ok = ReadFile(h, buf, 10, &n, &ov);
	printf("read at end: %d %lu error %lu pointer %lu Internal %lx\n", ok,
	       n, GetLastError(), pointer(h), (DWORD)ov.Internal);
	ok = GetOverlappedResult(h, &ov, &got, FALSE);
	printf("GetOverlappedResult %d %lu error %lu\n", ok, got,
	       GetLastError());

	at(&ov, 300, NULL);
	n = 99;
	ok = ReadFile(h, buf, 10, &n, &ov);
	printf("read past end: %d %lu error %lu\n", ok, n, GetLastError());

	at(&ov, 0, NULL);
	ok = ReadFile(h, buf, sizeof(buf), &n, &ov);
	printf("whole file: %d %lu:", ok, n);
	for (DWORD i = 0; i < n; i++)
		printf(i >= 8 && i < 100 && buf[i] == 0 ? "" : " %02x",
		       (unsigned char)buf[i]);
	printf(" (%lu zero bytes between)\n", n - 12);

	/* A plain read goes on from where the last transfer left the pointer. */
	SetFilePointer(h, 4, NULL, FILE_BEGIN);
	at(&ov, 6, NULL);
	WriteFile(h, "xy", 2, &n, &ov);
	memset(buf, 0, sizeof(buf));
	ok = ReadFile(h, buf, 3, &n, NULL);
	printf("plain read after a write at 6: %d [%.*s] pointer %lu\n", ok,
	       (int)n, buf, pointer(h));

	at(&ov, 0, NULL);
	ov.OffsetHigh = 0;
	ok = WriteFile(h, "", 0, &n, &ov);
	printf("empty write %d %lu size %lu\n", ok, n, GetFileSize(h, NULL));
	CloseHandle(h);
	CloseHandle(ev);
	DeleteFileA("ov.dat");
	return 0;
}
