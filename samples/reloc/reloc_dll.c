/*
 * reloc_a.dll and reloc_b.dll — the same source built twice, both linked to
 * want the same base address (RELOC_BASE, set by samples.mk), so that only
 * the first one loaded in a process gets it and the other is relocated.
 *
 * ptrs is 64 KiB (16 pages) of absolute addresses.  The linker wrote them
 * for RELOC_BASE; at any other address the loader must add the difference
 * to every one of them, as the base relocation table (.reloc) says, and so
 * write to all 16 pages.  The table is const, so it lives in .rdata: even a
 * read-only page becomes private when the loader relocates it in this
 * process alone.
 */
#include <windows.h>
#include <stdint.h>

#define RELOC_NPTRS 8192 /* 8192 * 8 bytes = 16 pages */
#define Q (RELOC_NPTRS / 8)

extern IMAGE_DOS_HEADER __ImageBase;

static const int values[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

/* Each eighth of the table points at one of the eight values. */
const int *const ptrs[RELOC_NPTRS] = {
	[0 * Q ... 1 * Q - 1] = &values[0], [1 * Q ... 2 * Q - 1] = &values[1],
	[2 * Q ... 3 * Q - 1] = &values[2], [3 * Q ... 4 * Q - 1] = &values[3],
	[4 * Q ... 5 * Q - 1] = &values[4], [5 * Q ... 6 * Q - 1] = &values[5],
	[6 * Q ... 7 * Q - 1] = &values[6], [7 * Q ... 8 * Q - 1] = &values[7],
};

/* 1 if this image sits at the base it was linked for. */
__declspec(dllexport) int reloc_at_preferred_base(void)
{
	return (uintptr_t)&__ImageBase == (uintptr_t)RELOC_BASE;
}

/* Follows every pointer: the sum is 8192 * 4.5 = 36864 only if each of
 * them was relocated right. */
__declspec(dllexport) long reloc_sum(void)
{
	long sum = 0;
	int i;

	for (i = 0; i < RELOC_NPTRS; i++)
		sum += *ptrs[i];
	return sum;
}
