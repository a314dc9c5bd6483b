/* globalmem.c — LocalAlloc/GlobalAlloc: fixed blocks are their own
 * pointers; moveable ones are handles, locked to get a pointer, counted,
 * resized and freed through the handle. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void show(const char *what, HGLOBAL h)
{
	printf("%-22s flags %04x size %lu\n", what, GlobalFlags(h),
	       (unsigned long)GlobalSize(h));
}

int main(void)
{
	HGLOBAL f = GlobalAlloc(GMEM_FIXED | GMEM_ZEROINIT, 40), m, m2;
	HLOCAL lm;
	char *p, *q;

	printf("fixed lock is the pointer: %d\n", GlobalLock(f) == f);
	printf("fixed unlock: %d\n", GlobalUnlock(f));
	printf("fixed handle of pointer: %d\n", GlobalHandle(f) == f);
	show("fixed", f);
	m = GlobalAlloc(GMEM_MOVEABLE | GMEM_ZEROINIT, 100);
	printf("moveable is not its memory: %d\n", m != NULL && (void *)m != GlobalLock(m));
	GlobalUnlock(m);
	show("moveable", m);
	p = GlobalLock(m);
	printf("zeroed: %d\n", p[0] == 0 && p[99] == 0);
	strcpy(p, "hello");
	show("locked once", m);
	q = GlobalLock(m);
	printf("same pointer: %d\n", p == q);
	show("locked twice", m);
	printf("handle of the pointer: %d\n", GlobalHandle(p) == m);
	printf("unlock: %d\n", GlobalUnlock(m));
	/* The last error here is checked against Microsoft's documentation
	 * by a unit test: Wine 8 does not set it. */
	printf("unlock: %d\n", GlobalUnlock(m));
	printf("unlock unlocked: %d\n", GlobalUnlock(m));
	m2 = GlobalReAlloc(m, 100000, GMEM_MOVEABLE);
	printf("realloc keeps the handle: %d\n", m2 == m);
	p = GlobalLock(m2);
	printf("contents kept: %s\n", p);
	show("grown", m2);
	GlobalUnlock(m2);
	printf("free: %d\n", GlobalFree(m2) == NULL);
	m = GlobalAlloc(GMEM_MOVEABLE, 0);
	show("zero-size moveable", m);
	printf("lock of discarded: %d\n", GlobalLock(m) == NULL);
	GlobalFree(m);
	lm = LocalAlloc(LMEM_MOVEABLE, 10);
	p = LocalLock(lm);
	strcpy(p, "local");
	printf("local: %s, size %lu, flags %04x\n", p, (unsigned long)LocalSize(lm), LocalFlags(lm));
	LocalUnlock(lm);
	printf("local free: %d\n", LocalFree(lm) == NULL);
	printf("fixed free: %d\n", GlobalFree(f) == NULL);
	return 0;
}
