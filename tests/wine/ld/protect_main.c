/* protect_main.c — VirtualProtect on a page of the program's own
 * writable data.  PAGE_READONLY then PAGE_READWRITE: the page is
 * writable again.  PAGE_READONLY, then a write: an access violation, as
 * on Windows — dllshare's copy-on-write fault handler must not take it
 * for a first write and let it through.  Argument "fresh": the page was
 * never written before (still shared), "written": it was (private).
 * VirtualQuery and the old protection VirtualProtect returns say
 * PAGE_WRITECOPY (0x8) for the data, PAGE_READONLY (0x2) once the
 * program made a page read-only. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

struct page {
	volatile int v;
	char pad[4096 - sizeof(int)];
};
/* Each alone on a page of .data. */
static struct page fresh __attribute__((aligned(4096))) = {1};
static struct page written __attribute__((aligned(4096))) = {1};
static struct page again __attribute__((aligned(4096))) = {1};

static DWORD old;

static int protect(struct page *p, DWORD prot)
{
	return VirtualProtect(p, sizeof p->v, prot, &old) != 0;
}

/* VirtualQuery's protection of p's page. */
static DWORD now(struct page *p)
{
	MEMORY_BASIC_INFORMATION m;

	return VirtualQuery(p, &m, sizeof m) ? m.Protect : 0;
}

int main(int argc, char **argv)
{
	struct page *p = argc > 1 && !strcmp(argv[1], "written") ? &written
	                                                          : &fresh;

	int ro, rw;

	written.v = 2;
	printf("data: 0x%lx\n", now(&again));
	ro = protect(&again, PAGE_READONLY);
	printf("read-only: was 0x%lx, now 0x%lx\n", old, now(&again));
	rw = protect(&again, PAGE_READWRITE);
	printf("read/write again: was 0x%lx, now 0x%lx\n", old, now(&again));
	printf("read-only, then read/write again: %d %d\n", ro, rw);
	again.v = 3;
	printf("write after PAGE_READWRITE: %d\n", again.v);
	printf("read-only: %d, value %d\n", protect(p, PAGE_READONLY), p->v);
	fflush(stdout);
	p->v = 4; /* an access violation */
	printf("the write went through: %d\n", p->v);
	return 0;
}
