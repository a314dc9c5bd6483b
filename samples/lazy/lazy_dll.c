/*
 * lazy.dll — two big arrays, one stored in the file and one not.
 *
 * lazy_data is initialized to non-zero values: its 64 pages are bytes of
 * the file (the section .lazyd), laid out once and shared until written.
 * lazy_bss is zero-initialized: 256 pages in .bss that the file does not
 * hold at all; nothing exists for them until a page is first touched.
 */
#include <windows.h>

#define LAZY_PAGE_INTS (4096 / sizeof(int))
#define LAZY_DATA_PAGES 64
#define LAZY_BSS_PAGES 256

__attribute__((section(".lazyd"))) int lazy_data[LAZY_DATA_PAGES * LAZY_PAGE_INTS] = {
	[0 ... LAZY_DATA_PAGES * LAZY_PAGE_INTS - 1] = 3
};
int lazy_bss[LAZY_BSS_PAGES * LAZY_PAGE_INTS];

/* The first int of page `page` of the array named by which ('d' data, 'b'
 * bss), or NULL when out of range. */
__declspec(dllexport) int *lazy_page(char which, int page)
{
	if (which == 'd' && page >= 0 && page < LAZY_DATA_PAGES)
		return &lazy_data[page * LAZY_PAGE_INTS];
	if (which == 'b' && page >= 0 && page < LAZY_BSS_PAGES)
		return &lazy_bss[page * LAZY_PAGE_INTS];
	return NULL;
}

__declspec(dllexport) int lazy_pages(char which)
{
	return which == 'd' ? LAZY_DATA_PAGES : which == 'b' ? LAZY_BSS_PAGES : 0;
}
