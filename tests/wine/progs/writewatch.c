/* writewatch.c — MEM_WRITE_WATCH: GetWriteWatch lists the pages written
 * since the last reset, in order, at most as many as asked, with or
 * without resetting; ResetWriteWatch; the kernel's writes (ReadFile) and
 * the protection VirtualQuery reports count as Windows counts them. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static char *base;

static void list(const char *what, DWORD flags, SIZE_T size, ULONG_PTR max)
{
	void *addrs[64];
	ULONG_PTR count = max;
	ULONG gran = 0;
	UINT r = GetWriteWatch(flags, base, size, addrs, &count, &gran);

	printf("%-30s", what);
	if (r) {
		printf(" fails, error %lu\n", GetLastError());
		return;
	}
	printf(" %lu page%s (granularity %lu):", (unsigned long)count,
	       count == 1 ? "" : "s", gran);
	for (ULONG_PTR i = 0; i < count; i++)
		printf(" %ld", (long)(((char *)addrs[i] - base) / 4096));
	printf("\n");
}

int main(void)
{
	const SIZE_T size = 16 * 4096;
	MEMORY_BASIC_INFORMATION mbi;
	char path[MAX_PATH], *plain;
	HANDLE f;
	DWORD n;

	{
		/* A commit at no address reserves too: watched. */
		char *c = VirtualAlloc(NULL, size, MEM_COMMIT | MEM_WRITE_WATCH,
				       PAGE_READWRITE);
		void *a[4];
		ULONG_PTR n = 4;
		ULONG g;

		c[4096] = 1;
		GetWriteWatch(0, c, size, a, &n, &g);
		printf("commit alone: %lu written\n", (unsigned long)n);
		SetLastError(0);
		printf("commit in a reservation with MEM_WRITE_WATCH: %d",
		       VirtualAlloc(c, 4096, MEM_COMMIT | MEM_WRITE_WATCH,
				    PAGE_READWRITE) == c);
		printf(", error %lu\n", GetLastError());
		VirtualFree(c, 0, MEM_RELEASE);
	}
	base = VirtualAlloc(NULL, size, MEM_RESERVE | MEM_COMMIT | MEM_WRITE_WATCH,
			    PAGE_READWRITE);
	printf("allocated: %d\n", base != NULL);
	list("nothing written yet", 0, size, 64);
	VirtualQuery(base, &mbi, sizeof mbi);
	printf("unwritten page protect %lx, region %lu pages\n", mbi.Protect,
	       (unsigned long)(mbi.RegionSize / 4096));
	base[0] = 1;
	base[5 * 4096 + 7] = 2;
	printf("read page 3: %d\n", base[3 * 4096]);
	base[9 * 4096] = 3;
	list("pages 0, 5, 9 written", 0, size, 64);
	list("at most 2", 0, size, 2);
	list("the first 6 pages only", 0, 6 * 4096, 64);
	VirtualQuery(base, &mbi, sizeof mbi);
	printf("written page protect %lx\n", mbi.Protect);
	list("listed and reset", WRITE_WATCH_FLAG_RESET, size, 64);
	list("after the reset", 0, size, 64);
	base[5 * 4096] = 4;
	list("page 5 again", 0, size, 64);
	printf("reset: %u\n", ResetWriteWatch(base, size));
	list("after ResetWriteWatch", 0, size, 64);

	/* The kernel writing for the program counts as a write. */
	GetTempPathA(sizeof path, path);
	strcat(path, "writewatch.tmp");
	f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL,
			CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
	WriteFile(f, "0123456789", 10, &n, NULL);
	SetFilePointer(f, 0, NULL, FILE_BEGIN);
	printf("ReadFile into page 12: %d, %lu bytes\n",
	       ReadFile(f, base + 12 * 4096 + 100, 10, &n, NULL), n);
	CloseHandle(f);
	list("page 12 by ReadFile", 0, size, 64);

	/* Read-only and back: still watched. */
	ResetWriteWatch(base, size);
	VirtualProtect(base + 2 * 4096, 4096, PAGE_READONLY, &n);
	printf("old protect %lx\n", n);
	VirtualProtect(base + 2 * 4096, 4096, PAGE_READWRITE, &n);
	base[2 * 4096] = 5;
	list("page 2 after protect", 0, size, 64);

	/* Decommitted and committed again. */
	VirtualFree(base + 7 * 4096, 4096, MEM_DECOMMIT);
	VirtualQuery(base + 7 * 4096, &mbi, sizeof mbi);
	printf("decommitted state %lx\n", mbi.State);
	VirtualAlloc(base + 7 * 4096, 4096, MEM_COMMIT, PAGE_READWRITE);
	base[7 * 4096] = 6;
	list("page 7 recommitted", WRITE_WATCH_FLAG_RESET, size, 64);

	plain = VirtualAlloc(NULL, size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
	{
		void *a[4];
		ULONG_PTR c = 4;
		ULONG g;

		UINT r;

		SetLastError(0);
		r = GetWriteWatch(0, plain, size, a, &c, &g);
		printf("not watched: %u, error %lu\n", r, GetLastError());
		SetLastError(0);
		r = GetWriteWatch(2, base, size, a, &c, &g);
		printf("bad flags: %u, error %lu\n", r, GetLastError());
	}
	printf("release: %d\n", VirtualFree(base, 0, MEM_RELEASE));
	return 0;
}
