/*
 * main.c — the `dllshare` executable: the loader's command, with the
 * runtime's built-in modules and hooks.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "loader/ld.h"
#include "runtime/core/rt.h"

/* dllshare's own pages that a start touches, mapped by three system
 * calls instead of a page fault each, before anything else of ours runs:
 * the code a start runs, read (the link places it first, up to
 * ld_hot_text_end: build/gen/hot.ld, from runtime/hot.txt; without it
 * the whole text), its small variables, written (.bss up to
 * ld_small_bss_end, which runtime/dllshare.ld defines; the large tables
 * after it stay untouched), and the first 32 KiB of the heap, which a
 * run fills (a small program's run uses about 24).  On the virtual
 * machines the benchmarks run on a fault costs about 10 us, the first
 * touch of a page mapped this way 5 (the host fills its own page table
 * then), a page mapped 1 or less.  A kernel without MADV_POPULATE_*
 * (before 5.14) refuses, and the pages fault in as before. */
__attribute__((constructor(101))) static void prefault_self(void)
{
	extern char __executable_start[], etext[], __bss_start[];
	/* Weak: the sanitizer build (tests/dllshare-san) is linked
	 * without the scripts, and build/hot/dllshare (make hot-list)
	 * without hot.ld. */
	extern char ld_small_bss_end[] __attribute__((weak));
	extern char ld_hot_text_end[] __attribute__((weak));
	uintptr_t m = 4095, text = (uintptr_t)__executable_start;
	uintptr_t end = (uintptr_t)(ld_hot_text_end ? ld_hot_text_end : etext);
	uintptr_t bss = (uintptr_t)__bss_start & ~m, heap, top;

	madvise((void *)text, ((end + m) & ~m) - text, MADV_POPULATE_READ);
	if (ld_small_bss_end)
		madvise((void *)bss, (uintptr_t)ld_small_bss_end - bss,
			MADV_POPULATE_WRITE);
	/* The heap: what malloc has taken from the break, below it. */
	free(malloc(1));
	top = (uintptr_t)sbrk(0);
	heap = (top - mallinfo2().arena + m) & ~m;
	if (top > heap)
		madvise((void *)heap, top - heap < 32768 ? top - heap : 32768,
			MADV_POPULATE_WRITE);
}

int main(int argc, char **argv)
{
	return ld_main(argc, argv, rt_host());
}
