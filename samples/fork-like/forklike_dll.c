/*
 * forklike_dll.dll — 64 pages of initialized, writable data that several
 * copies of forklike.exe divide between them.
 */
#include <windows.h>

#define FL_PAGE_INTS (4096 / sizeof(int))
#define FL_PAGES 64
#define FL_INTS (FL_PAGES * FL_PAGE_INTS)
#define FL_UNTOUCHED 5

__attribute__((section(".pool"))) int fl_pool[FL_INTS] = {
	[0 ... FL_INTS - 1] = FL_UNTOUCHED
};

__declspec(dllexport) int fl_pages(void)
{
	return FL_PAGES;
}

/* Writes `value` into the first int of each page in [first, last). */
__declspec(dllexport) void fl_write(int first, int last, int value)
{
	int p;

	for (p = first; p < last && p < FL_PAGES; p++)
		fl_pool[p * FL_PAGE_INTS] = value;
}

/* The number of pages whose first int is not what this process expects:
 * `value` inside [first, last), the file's value everywhere else. */
__declspec(dllexport) int fl_check(int first, int last, int value)
{
	int p, bad = 0;

	for (p = 0; p < FL_PAGES; p++) {
		int want = p >= first && p < last ? value : FL_UNTOUCHED;

		bad += fl_pool[p * FL_PAGE_INTS] != want;
	}
	return bad;
}
