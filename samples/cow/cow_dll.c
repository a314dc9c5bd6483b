/*
 * cow.dll — one mebibyte of initialized, writable data.
 *
 * The table is initialized to non-zero values, so its bytes are stored in
 * the file (a zero-initialized array would be .bss and cost nothing on
 * disk).  It sits in a section of its own, .table, so that nothing else —
 * the C runtime's own globals in .data, say — shares its pages: every
 * private page dllmap reports in .table is a page cow.exe wrote.
 */
#include <windows.h>

#define COW_PAGE_INTS (4096 / sizeof(int))
#define COW_PAGES 256
#define COW_INTS (COW_PAGES * COW_PAGE_INTS)

__attribute__((section(".table"))) int cow_table[COW_INTS] = {
	[0 ... COW_INTS - 1] = 7
};

__declspec(dllexport) int cow_pages(void)
{
	return COW_PAGES;
}

/* Writes one int in page `page` of the table: this is the first write to
 * that page, so it is the one that makes the page private. */
__declspec(dllexport) void cow_touch(int page)
{
	if (page >= 0 && page < COW_PAGES)
		cow_table[page * COW_PAGE_INTS] += 1;
}

/* Reads every int: all 256 pages become resident, still shared. */
__declspec(dllexport) long long cow_sum(void)
{
	long long sum = 0;
	size_t i;

	for (i = 0; i < COW_INTS; i++)
		sum += cow_table[i];
	return sum;
}
