/*
 * fvs.dll — the workload's table on the Windows side: 256 pages (1 MiB) of
 * initialized, writable data in its own section, laid out once by dllshare
 * and shared by every process until one writes a page.
 */
#include <windows.h>

#define FVS_PAGE_INTS (4096 / sizeof(int))
#define FVS_PAGES     256

__attribute__((section(".table"))) int fvs_table[FVS_PAGES * FVS_PAGE_INTS] = {
	[0 ... FVS_PAGES * FVS_PAGE_INTS - 1] = 7};

__declspec(dllexport) int *fvs_page(int page)
{
	return page >= 0 && page < FVS_PAGES ? fvs_table + page * FVS_PAGE_INTS
					     : NULL;
}

__declspec(dllexport) int fvs_pages(void)
{
	return FVS_PAGES;
}
