#include <stdio.h>
#include <string.h>
#include <windows.h>

static void v(const char *what, BOOL r)
{
	printf("%s: %d", what, r);
	if (!r)
		printf(" (error %lu)", GetLastError());
	printf("\n");
}

int main(void)
{
	HANDLE a = HeapCreate(0, 0, 0), b = HeapCreate(HEAP_NO_SERIALIZE, 4096, 0);
	char *pa[64], *pb = HeapAlloc(b, 0, 100), stackbuf[64];
	int ok = 1;

	for (int i = 0; i < 64; i++)
		pa[i] = HeapAlloc(a, i & 1 ? HEAP_ZERO_MEMORY : 0, 16 * i + 1);
	for (int i = 0; i < 64; i++)
		ok &= HeapValidate(a, 0, pa[i]) != 0;
	printf("every block of a valid in a: %d\n", ok);
	v("whole heap a", HeapValidate(a, 0, NULL));
	v("whole process heap", HeapValidate(GetProcessHeap(), 0, NULL));
	SetLastError(0xdead);
	v("block of b in a", HeapValidate(a, 0, pb));
	SetLastError(0xdead);
	v("stack address in a", HeapValidate(a, 0, stackbuf));
	SetLastError(0xdead);
	v("block of a + 16 in a", HeapValidate(a, 0, pa[10] + 16));
	v("block of b in b", HeapValidate(b, 0, pb));
	v("HeapLock a", HeapLock(a));
	v("HeapUnlock a", HeapUnlock(a));
	for (int i = 0; i < 64; i += 2)
		HeapFree(a, 0, pa[i]);
	ok = 1;
	for (int i = 1; i < 64; i += 2)
		ok &= HeapValidate(a, 0, pa[i]) != 0;
	printf("odd blocks still valid: %d\n", ok);
	v("a freed block in a", HeapValidate(a, 0, pa[2]));
	v("whole heap a after frees", HeapValidate(a, 0, NULL));
	printf("size of a block: %lu\n", (unsigned long)HeapSize(a, 0, pa[5]));
	/* Destroying a heap frees its blocks; many rounds must not grow. */
	for (int r = 0; r < 200; r++) {
		HANDLE h = HeapCreate(0, 0, 0);
		for (int i = 0; i < 64; i++)
			HeapAlloc(h, 0, 256 * 1024);
		if (!HeapDestroy(h)) {
			printf("destroy failed\n");
			return 1;
		}
	}
	printf("200 rounds of 16 MiB destroyed\n");
	{
		/* An executable heap's blocks run: mov eax, 42; ret. */
		static const unsigned char code[] = {0xb8, 42, 0, 0, 0, 0xc3};
		HANDLE x = HeapCreate(HEAP_CREATE_ENABLE_EXECUTE, 0, 0);
		unsigned char *c = HeapAlloc(x, 0, 100), *big;

		memcpy(c, code, sizeof code);
		printf("code in an executable heap returns %d\n",
		       ((int (*)(void))c)());
		big = HeapReAlloc(x, 0, c, 100000);
		printf("and after growing: %d, size %lu\n",
		       ((int (*)(void))big)(), (unsigned long)HeapSize(x, 0, big));
		v("valid in x", HeapValidate(x, 0, big));
		v("HeapDestroy x", HeapDestroy(x));
	}
	v("HeapDestroy a", HeapDestroy(a));
	v("HeapDestroy b", HeapDestroy(b));
	return 0;
}
