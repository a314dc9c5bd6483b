/*
 * watch.c — write watches: memory VirtualAlloc reserved with
 * MEM_WRITE_WATCH remembers which of its pages were written since the
 * last reset (GetWriteWatch, ResetWriteWatch; garbage collectors ask).
 *
 * A watched page the program may write is kept read-only until its first
 * write after a reset: that write faults, the fault handler (fault.c)
 * marks the page written and gives it the protection the program asked,
 * and the write retries — the same round trip as an image's first write
 * to a copy-on-write page.  A reset takes the write permission away
 * again.  Writes the kernel makes for the program (ReadFile into the
 * memory) do not fault: rt_watch_prepare_write marks those pages first.
 *
 * The table is read by the fault handler, so it is a fixed array of
 * slots whose base is published last; each slot's page bytes are changed
 * under the slot's spin lock (the handler may take it: no code holding it
 * touches watched memory), so a reset never loses a write that raced
 * with it.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "runtime/core/sys.h"
#include "runtime/core/watch.h"

#define PAGE	    4096ul
#define MAX_WATCHES 64
#define WRITTEN	    0x80 /* page byte: written since the last reset */
#define PROT_MASK   0x07 /* page byte: PROT_* the program asked */

struct watch {
	_Atomic uintptr_t base; /* 0: free */
	size_t npages;
	_Atomic uint8_t *page;	/* one byte a page, mmap'd */
	atomic_flag busy;
};

static struct watch watches[MAX_WATCHES];

static void take(struct watch *w)
{
	while (atomic_flag_test_and_set_explicit(&w->busy,
						 memory_order_acquire))
		;
}

static void drop(struct watch *w)
{
	atomic_flag_clear_explicit(&w->busy, memory_order_release);
}

/* The protection a page has now: what was asked, less writing until the
 * page is written. */
static int now_prot(uint8_t b)
{
	int p = b & PROT_MASK;

	return b & WRITTEN ? p : p & ~PROT_WRITE;
}

static struct watch *watch_at(uintptr_t a)
{
	for (int i = 0; i < MAX_WATCHES; i++) {
		uintptr_t b = atomic_load_explicit(&watches[i].base,
						   memory_order_acquire);

		if (b && a >= b && (a - b) / PAGE < watches[i].npages)
			return &watches[i];
	}
	return 0;
}

int rt_watch_add(uintptr_t base, size_t size)
{
	size_t n = (size + PAGE - 1) / PAGE;
	void *bytes = mmap(0, n, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (bytes == MAP_FAILED)
		return -1;
	for (int i = 0; i < MAX_WATCHES; i++) {
		struct watch *w = &watches[i];
		uintptr_t zero = 0;

		take(w);
		if (atomic_load(&w->base)) {
			drop(w);
			continue;
		}
		w->npages = n;
		w->page = bytes;
		/* Published last: the handler sees a whole slot or none. */
		atomic_compare_exchange_strong(&w->base, &zero, base);
		drop(w);
		return 0;
	}
	munmap(bytes, n);
	return -1;
}

void rt_watch_remove(uintptr_t base)
{
	struct watch *w = watch_at(base);
	void *bytes;
	size_t n;

	if (!w)
		return;
	take(w);
	bytes = (void *)w->page;
	n = w->npages;
	atomic_store(&w->base, 0);
	w->page = 0;
	w->npages = 0;
	drop(w);
	munmap(bytes, n);
}

int rt_watch_protect(uintptr_t lo, uintptr_t hi, int prot)
{
	struct watch *w = watch_at(lo);

	if (!w)
		return 0;
	take(w);
	for (uintptr_t a = lo; a < hi; a += PAGE) {
		size_t i = (a - atomic_load(&w->base)) / PAGE;

		if (i >= w->npages)
			break;
		w->page[i] = (uint8_t)((w->page[i] & WRITTEN) |
				       (prot & PROT_MASK));
	}
	/* One call for the run: pages written keep writing. */
	for (uintptr_t a = lo; a < hi;) {
		size_t i = (a - atomic_load(&w->base)) / PAGE;
		uintptr_t e = a + PAGE;
		int p;

		if (i >= w->npages)
			break;
		p = now_prot(w->page[i]);
		while (e < hi && i + (e - a) / PAGE < w->npages &&
		       now_prot(w->page[i + (e - a) / PAGE]) == p)
			e += PAGE;
		if (mprotect((void *)a, e - a, p) != 0) {
			drop(w);
			return -1;
		}
		a = e;
	}
	drop(w);
	return 1;
}

int rt_watch_fault(uintptr_t addr)
{
	struct watch *w = watch_at(addr);
	uintptr_t page = addr & ~(PAGE - 1);
	int ok = 0;

	if (!w)
		return 0;
	take(w);
	/* The slot may have gone to another region meanwhile. */
	if (atomic_load(&w->base) && page >= atomic_load(&w->base)) {
		size_t i = (page - atomic_load(&w->base)) / PAGE;
		uint8_t b = i < w->npages ? w->page[i] : 0;

		if ((b & PROT_WRITE) && !(b & WRITTEN)) {
			w->page[i] = b | WRITTEN;
			ok = rt_sys3(SYS_mprotect, (long)page, PAGE,
				     b & PROT_MASK) == 0;
		} else if ((b & PROT_WRITE) && (b & WRITTEN)) {
			ok = 1; /* another thread's first write won */
		}
	}
	drop(w);
	return ok;
}

void rt_watch_prepare_write(uintptr_t addr, size_t len)
{
	for (uintptr_t a = addr & ~(PAGE - 1); a < addr + len; a += PAGE) {
		struct watch *w = watch_at(a);
		size_t i;

		if (!w)
			continue;
		take(w);
		i = (a - atomic_load(&w->base)) / PAGE;
		if (i < w->npages && (w->page[i] & PROT_WRITE) &&
		    !(w->page[i] & WRITTEN)) {
			w->page[i] |= WRITTEN;
			mprotect((void *)a, PAGE, w->page[i] & PROT_MASK);
		}
		drop(w);
	}
}

long rt_watch_get(uintptr_t lo, uintptr_t hi, int reset, void **out,
		  size_t max)
{
	struct watch *w = watch_at(lo);
	size_t n = 0;

	if (!w)
		return -1;
	take(w);
	if (hi - atomic_load(&w->base) > w->npages * PAGE) {
		drop(w);
		return -1;
	}
	for (uintptr_t a = lo & ~(PAGE - 1); a < hi; a += PAGE) {
		size_t i = (a - atomic_load(&w->base)) / PAGE;

		if (!(w->page[i] & WRITTEN))
			continue;
		if (out && n == max)
			break;
		if (out)
			out[n] = (void *)a;
		n++;
		if (reset) {
			/* Write access goes before the mark does. */
			mprotect((void *)a, PAGE,
				 w->page[i] & PROT_MASK & ~PROT_WRITE);
			w->page[i] &= (uint8_t)~WRITTEN;
		}
	}
	drop(w);
	return (long)n;
}

int rt_watch_prot(uintptr_t addr)
{
	struct watch *w = watch_at(addr);
	int p = -1;

	if (!w)
		return -1;
	take(w);
	if (atomic_load(&w->base)) {
		size_t i = ((addr & ~(PAGE - 1)) - atomic_load(&w->base)) / PAGE;

		if (i < w->npages)
			p = w->page[i] & PROT_MASK;
	}
	drop(w);
	return p;
}
