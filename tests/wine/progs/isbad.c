/*
 * isbad.c — IsBadReadPtr, IsBadWritePtr, IsBadCodePtr and
 * IsBadStringPtrA/W compared with Wine: constants, stack, reserved and
 * committed memory, read-only pages, an image's copy-on-write data,
 * strings that end on a page's last byte or run into a reserved page.
 * (Guard pages are left out: Wine 8 lets their exception escape.)
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static const char konst[] = "read only";
static char data[] = "image data";

int main(void)
{
	char local[16] = "stack";
	char *res = VirtualAlloc(0, 65536, MEM_RESERVE, PAGE_READWRITE);
	char *com = VirtualAlloc(res, 8192, MEM_COMMIT, PAGE_READWRITE);
	char *ro = VirtualAlloc(0, 4096, MEM_COMMIT, PAGE_READWRITE);
	char *nx = VirtualAlloc(0, 4096, MEM_COMMIT, PAGE_EXECUTE);
	DWORD old;

	memset(ro, 'r', 4095);
	VirtualProtect(ro, 4096, PAGE_READONLY, &old);
	memset(com, 'x', 8192);
	printf("read: const %d stack %d NULL %d NULL,0 %d\n",
	       IsBadReadPtr(konst, 4), IsBadReadPtr(local, 16),
	       IsBadReadPtr(0, 1), IsBadReadPtr(0, 0));
	printf("read: committed %d past it %d reserved %d execute-only %d\n",
	       IsBadReadPtr(com, 8192), IsBadReadPtr(com, 8193),
	       IsBadReadPtr(res + 8192, 1), IsBadReadPtr(nx, 1));
	printf("read: wraps %d\n", IsBadReadPtr((void *)-16, 32));
	printf("write: stack %d const %d image data %d read-only %d "
	       "committed %d reserved %d\n",
	       IsBadWritePtr(local, 16), IsBadWritePtr((void *)konst, 4),
	       IsBadWritePtr(data, 4), IsBadWritePtr(ro, 1),
	       IsBadWritePtr(com, 100), IsBadWritePtr(res + 8192, 1));
	printf("huge: %d %d\n", IsBadHugeReadPtr(com, 8192),
	       IsBadHugeWritePtr(ro, 8));
	printf("code: main %d NULL %d\n", IsBadCodePtr((FARPROC)(void *)main),
	       IsBadCodePtr((FARPROC)0));
	printf("string: const %d NULL %d NULL,0 %d wide %d\n",
	       IsBadStringPtrA(konst, 100), IsBadStringPtrA(0, 5),
	       IsBadStringPtrA(0, 0), IsBadStringPtrW(L"wide", 10));
	/* ro's last byte is its NUL; com's run into the reserved page. */
	printf("string: ends on the page %d, runs off %d, max short %d\n",
	       IsBadStringPtrA(ro + 4000, 1000),
	       IsBadStringPtrA(com + 8000, 1000),
	       IsBadStringPtrA(com + 8000, 100));
	printf("string W: runs off %d, max short %d\n",
	       IsBadStringPtrW((WCHAR *)(com + 8000), 1000),
	       IsBadStringPtrW((WCHAR *)(com + 8000), 50));
	return 0;
}
