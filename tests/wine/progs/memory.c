/* memory.c — VirtualAlloc/Protect/Query/Free, heaps, malloc family. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

int main(void)
{
	MEMORY_BASIC_INFORMATION mbi;
	SYSTEM_INFO si;
	char *p, *q;
	DWORD old;
	HANDLE heap;

	GetSystemInfo(&si);
	printf("page %lu granularity %lu\n", si.dwPageSize,
	       si.dwAllocationGranularity);

	p = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_NOACCESS);
	printf("reserve aligned %d\n", ((ULONG_PTR)p & 0xffff) == 0);
	VirtualQuery(p, &mbi, sizeof(mbi));
	printf("reserved: state %lx base ok %d\n", mbi.State,
	       mbi.AllocationBase == p);
	q = VirtualAlloc(p, 0x2000, MEM_COMMIT, PAGE_READWRITE);
	printf("commit same %d zero %d\n", q == p, p[0] == 0 && p[0x1fff] == 0);
	strcpy(p, "committed");
	VirtualQuery(p, &mbi, sizeof(mbi));
	printf("committed: state %lx protect %lx size %lx\n", mbi.State,
	       mbi.Protect, (unsigned long)mbi.RegionSize);
	VirtualProtect(p, 0x1000, PAGE_READONLY, &old);
	VirtualQuery(p, &mbi, sizeof(mbi));
	printf("protect old %lx new %lx size %lx text %s\n", old, mbi.Protect,
	       (unsigned long)mbi.RegionSize, p);
	VirtualProtect(p, 0x1000, PAGE_READWRITE, &old);
	p[0] = 'C';
	printf("after unprotect %s old %lx\n", p, old);
	printf("free wrong size %d err %lu\n",
	       VirtualFree(p, 0x1000, MEM_RELEASE), GetLastError());
	printf("free %d\n", VirtualFree(p, 0, MEM_RELEASE));

	p = VirtualAlloc(NULL, 100, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
	memset(p, 'v', 100);
	VirtualQuery(p, &mbi, sizeof(mbi));
	printf("small commit: protect %lx type %lx\n", mbi.Protect, mbi.Type);
	VirtualFree(p, 0, MEM_RELEASE);

	heap = GetProcessHeap();
	p = HeapAlloc(heap, HEAP_ZERO_MEMORY, 10);
	printf("heap zero %d size %lu\n", p[9] == 0,
	       (unsigned long)HeapSize(heap, 0, p));
	strcpy(p, "heap");
	p = HeapReAlloc(heap, 0, p, 5000);
	printf("realloc keeps %s size %lu\n", p,
	       (unsigned long)HeapSize(heap, 0, p));
	printf("HeapFree %d\n", HeapFree(heap, 0, p));
	heap = HeapCreate(0, 0, 0);
	p = HeapAlloc(heap, 0, 33);
	printf("private heap size %lu\n", (unsigned long)HeapSize(heap, 0, p));
	HeapFree(heap, 0, p);
	printf("HeapDestroy %d\n", HeapDestroy(heap));

	p = malloc(16);
	strcpy(p, "malloc");
	p = realloc(p, 1 << 20);
	q = calloc(4, 4);
	printf("%s calloc zero %d\n", p, q[15] == 0);
	free(p);
	free(q);
	return 0;
}
