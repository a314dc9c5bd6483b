/*
 * pressure.dll — what memory pressure can take from an image and what it
 * cannot.
 *
 * pressure_table is 256 pages (1 MiB) of read-only data in its own section,
 * .table: bytes of the file, laid out once in the section and never
 * written, so every page of it stays clean.  pressure_scratch is 64 pages of
 * initialized, writable data (.scratch): shared until a page is written,
 * then that page is the writer's own copy.  Under pressure the kernel can
 * drop a clean page (it is still in the section file) but must keep or
 * swap a written one (it exists nowhere else).
 */
#include <windows.h>

#define PRESSURE_PAGE_INTS     (4096 / sizeof(int))
#define PRESSURE_TABLE_PAGES   256
#define PRESSURE_SCRATCH_PAGES 64

/* Page p holds p + 1 in every int: a page read back wrong shows in the sum. */
#define ROW(p) [(p) * PRESSURE_PAGE_INTS ... ((p) + 1) * PRESSURE_PAGE_INTS - 1] = (p) + 1
#define ROW4(p) ROW(p), ROW((p) + 1), ROW((p) + 2), ROW((p) + 3)
#define ROW16(p) ROW4(p), ROW4((p) + 4), ROW4((p) + 8), ROW4((p) + 12)
#define ROW64(p) ROW16(p), ROW16((p) + 16), ROW16((p) + 32), ROW16((p) + 48)

__attribute__((section(".table")))
const int pressure_table[PRESSURE_TABLE_PAGES * PRESSURE_PAGE_INTS] = {
	ROW64(0), ROW64(64), ROW64(128), ROW64(192)
};
__attribute__((section(".scratch")))
int pressure_scratch[PRESSURE_SCRATCH_PAGES * PRESSURE_PAGE_INTS] = {
	[0 ... PRESSURE_SCRATCH_PAGES * PRESSURE_PAGE_INTS - 1] = 5
};

/* The first int of page `page` of the table ('t') or of the scratch
 * area ('s'), or NULL when out of range. */
__declspec(dllexport) const int *pressure_page(char which, int page)
{
	if (which == 't' && page >= 0 && page < PRESSURE_TABLE_PAGES)
		return &pressure_table[page * PRESSURE_PAGE_INTS];
	if (which == 's' && page >= 0 && page < PRESSURE_SCRATCH_PAGES)
		return &pressure_scratch[page * PRESSURE_PAGE_INTS];
	return NULL;
}

__declspec(dllexport) int pressure_pages(char which)
{
	return which == 't' ? PRESSURE_TABLE_PAGES
	     : which == 's' ? PRESSURE_SCRATCH_PAGES : 0;
}
