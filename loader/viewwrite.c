/*
 * viewwrite.c — the loader's writes into a mapped view, and the page
 * states they leave: ld_view_privatize (binding, VirtualProtect,
 * relocation), ld_view_write (the IAT, a forced write), ld_view_seal,
 * and the program's read-only locks (ld_view_lock).
 *
 * The loader's writes to memory the program does not write itself (the
 * IAT: ld_view_write) go through /proc/self/mem, the way a debugger
 * plants a breakpoint: the kernel copies the page for this process and
 * writes it, and the mapping keeps its protection, unsplit — no
 * mprotect to make the page writable, no second one to seal it.  (The
 * TLS index is written after ld_view_privatize instead: the C runtime
 * writes its own variables on that page next.)
 *
 * This file owns the view's unsealed flags, the /proc/self/mem
 * descriptor, and the per-page states and flags of the view's regions
 * (region.c holds them, the fault handler changes them too).  Uses
 * region.c and record.c; used by view.c and kept.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "loader/view.h"

uint8_t ld_page_state(struct ld_region *g, uintptr_t a)
{
	return g->states ? __atomic_load_n(&g->states[(a - g->start) / LD_PAGE],
					   __ATOMIC_ACQUIRE)
			 : 0;
}

/* Such a page holds the section file's bytes and what the loader wrote,
 * nothing else. */
int ld_page_forced_only(struct ld_region *g, uintptr_t a)
{
	return g->kind == LD_REGION_COW && ld_page_state(g, a) &&
		atomic_load(ld_page_flags(g, a)) == LD_PF_RO_PRIVATE;
}

/* The index of v's range holding rva, or -1. */
static int range_at(const struct ld_view *v, uint32_t rva)
{
	for (size_t i = 0; i < v->nranges; i++)
		if (rva >= v->ranges[i].rva &&
		    rva - v->ranges[i].rva < v->ranges[i].size)
			return (int)i;
	return -1;
}

/* Records page p private for reason why, when the page was made private
 * without ld_region_privatize (a non-COW range, a forced write). */
static void mark(struct ld_view *v, uintptr_t p, int why)
{
	struct ld_region *g = ld_region_find(p);
	uint8_t zero = 0;
	struct ld_rec_header *h = ld_record();

	if (!g || !g->states ||
	    !__atomic_compare_exchange_n(&g->states[(p - g->start) / LD_PAGE],
					 &zero, (uint8_t)why, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return;
	__atomic_fetch_add(&g->rsec->private_pages, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&h->private_pages[why & 7], 1, __ATOMIC_RELAXED);
	ld_record_event(g->module, g->section,
			(uint32_t)(p - (uintptr_t)v->base), LD_REC_NO_MODULE, 0,
			why);
}

/* One page of range ri, outside the fault handler.  Signals need not be
 * blocked: a handler that faults on the same page meanwhile privatizes
 * it itself, and the state byte's compare-and-swap records it once. */
static int privatize_page(struct ld_view *v, int ri, uint32_t prva, int why,
			  struct ld_error *err)
{
	const struct ld_range *r = &v->ranges[ri];
	uintptr_t p = (uintptr_t)v->base + prva;
	struct ld_region *g;

	switch (r->mapping) {
	case PE_MAP_COW:
		g = ld_region_find(p);
		/* Already private (binding writes several IAT blocks of one
		 * page): it is writable, unless VirtualProtect made it
		 * read-only since, and then a write must fail as it would on
		 * Windows, or a forced write made it private and left it
		 * read-only.  Saves an mprotect per import descriptor. */
		if (g && !atomic_load(&g->fragmented) && ld_page_state(g, p) &&
		    !(atomic_load(ld_page_flags(g, p)) & LD_PF_RO_PRIVATE))
			return 0;
		if (!g || ld_region_privatize(g, p, why, 0) < 0)
			return ld_errf(err, -EFAULT,
				       "%s: RVA 0x%x: cannot "
				       "privatize: %s",
				       v->sec->path, prva, strerror(errno));
		return 0;
	case PE_MAP_SHARED_RO:
		/* MAP_PRIVATE like every range: writable, the page is copied
		 * on the first write; ld_view_seal makes the range read-only
		 * again. */
		if (mprotect((void *)p, LD_PAGE, PROT_READ | PROT_WRITE) < 0)
			return ld_errf(err, -errno, "%s: RVA 0x%x: %s",
				       v->sec->path, prva, strerror(errno));
		v->unsealed[ri] = 1;
		mark(v, p, why);
		return 0;
	case PE_MAP_WHOLE_COW: mark(v, p, why); return 0;
	}
	return ld_errf(err, -EPERM,
		       "%s: RVA 0x%x is in shared-writable "
		       "section %s: it cannot be made private",
		       v->sec->path, prva, ld_range_name(v, r));
}

/* Checks that [rva, rva+len) lies inside the image. */
static int check_span(const struct ld_view *v, uint32_t rva, uint32_t len,
		      struct ld_error *err)
{
	if ((uint64_t)rva + len > v->sec->pe.size_of_image)
		return ld_errf(err, -ERANGE,
			       "%s: RVA 0x%x size 0x%x is beyond "
			       "SizeOfImage 0x%x",
			       v->sec->path, rva, len,
			       v->sec->pe.size_of_image);
	return 0;
}

int ld_view_privatize(struct ld_view *v, uint32_t rva, uint32_t len,
		      enum ld_reason why, struct ld_error *err)
{
	uint64_t end = (uint64_t)rva + len;
	int rc;

	if (!len || (rc = check_span(v, rva, len, err)) < 0)
		return len ? rc : 0;
	rc = 0;
	for (uint64_t p = rva & ~(LD_PAGE - 1); p < end && rc == 0;
	     p += LD_PAGE) {
		int ri = range_at(v, (uint32_t)p);

		if (ri < 0)
			rc = ld_errf(err, -EFAULT,
				     "%s: RVA 0x%llx is not in any "
				     "section",
				     v->sec->path, (unsigned long long)p);
		else
			rc = privatize_page(v, ri, (uint32_t)p, why, err);
	}
	return rc;
}

/*
 * Forced writes (ld_view_write): /proc/self/mem, opened once.  A write
 * there is the kernel's forced write, the one debuggers use: into a
 * MAP_PRIVATE page it copies the page for this process first, even when
 * the mapping is read-only, and the mapping keeps its protection.  A
 * fork() child closes the descriptor (it names the parent's memory) and
 * opens its own when it needs one.  A kernel that refuses forced writes
 * (proc_mem.force_override=never) leaves mem_fd at -1: the loader then
 * makes pages writable with mprotect, as ld_view_privatize does.
 */
#define MEM_UNOPENED (-2)
static _Atomic int mem_fd = MEM_UNOPENED;
static _Atomic int mem_atfork_set;

static void mem_child(void)
{
	int fd = atomic_exchange(&mem_fd, MEM_UNOPENED);

	if (fd >= 0)
		close(fd);
}

static int mem_open(void)
{
	int fd = atomic_load(&mem_fd), want = MEM_UNOPENED;

	if (fd != MEM_UNOPENED)
		return fd;
	/* Once per process, before the first open: a flag set once the
	 * handler is registered, not pthread_once, which wakes futex
	 * waiters with a system call even when there are none.  Threads
	 * racing here may each register it; mem_child runs twice then,
	 * and the second finds nothing to close. */
	if (!atomic_load(&mem_atfork_set)) {
		pthread_atfork(NULL, NULL, mem_child);
		atomic_store(&mem_atfork_set, 1);
	}
	fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		fd = -1;
	if (!atomic_compare_exchange_strong(&mem_fd, &want, fd)) {
		if (fd >= 0)
			close(fd); /* another thread opened it first */
		fd = want;
	}
	return fd;
}

/* Writes n bytes at addr with a forced write: 0, or -1 when that did not
 * write them all (then the caller goes page by page; when forced writes
 * do not work here at all, they are never tried again). */
static int forced_write(void *addr, const void *src, size_t n)
{
	int fd = mem_open();
	ssize_t w;

	if (fd < 0)
		return -1;
	w = pwrite(fd, src, n, (off_t)(uintptr_t)addr);
	if (w == (ssize_t)n)
		return 0;
	/* Nothing written at all (EIO, EPERM): forced writes are off.
	 * Part of a span: the caller writes each page again, the same
	 * bytes. */
	if (w <= 0 && atomic_compare_exchange_strong(&mem_fd, &fd, -1))
		close(fd);
	return -1;
}

/* The region of page rva when a forced write may privatize it (a
 * MAP_PRIVATE range of the section file whose pages are still protected
 * one by one), else NULL. */
static struct ld_region *forceable(struct ld_view *v, uint32_t rva)
{
	struct ld_region *g = ld_region_find((uintptr_t)v->base + rva);

	if (!g || atomic_load(&g->fragmented) ||
	    (g->kind != LD_REGION_COW && g->kind != LD_REGION_SHARED_RO))
		return NULL;
	return g;
}

/* Records page rva private after a forced write. */
void ld_view_forced_mark(struct ld_view *v, uint32_t rva, int why)
{
	uintptr_t p = (uintptr_t)v->base + rva;
	struct ld_region *g = ld_region_find(p);

	if (g->kind == LD_REGION_COW)
		atomic_fetch_or(ld_page_flags(g, p), LD_PF_RO_PRIVATE);
	mark(v, p, why);
}

/* Nonzero when [rva, rva+len) already holds src on pages a forced write
 * made private and nothing else wrote: a kept view bound again to the
 * same addresses.  Shared pages are not read (that would fault them in
 * for nothing: they hold the file's bytes). */
static int unchanged(struct ld_view *v, uint32_t rva, const void *src,
		     uint32_t len)
{
	for (uint32_t p = rva & ~(LD_PAGE - 1); p < rva + len; p += LD_PAGE) {
		uintptr_t a = (uintptr_t)v->base + p;
		struct ld_region *g = forceable(v, p);

		if (!g || !ld_page_forced_only(g, a))
			return 0;
	}
	return !memcmp(v->base + rva, src, len);
}

int ld_view_write(struct ld_view *v, uint32_t rva, const void *src,
		  uint32_t len, enum ld_reason why, struct ld_error *err)
{
	const uint8_t *from = src;
	uint32_t at = rva, end = rva + len, first = rva & ~(LD_PAGE - 1), p;
	int rc;

	if (!len || (rc = check_span(v, rva, len, err)) < 0)
		return len ? rc : 0;
	if (unchanged(v, rva, src, len))
		return 1;
	/* Usually one forced write for the whole span. */
	for (p = first; p < end && forceable(v, p); p += LD_PAGE)
		;
	if (p >= end && forced_write(v->base + rva, src, len) == 0) {
		for (p = first; p < end; p += LD_PAGE)
			ld_view_forced_mark(v, p, why);
		return 0;
	}
	/* Else page by page, each the best way it can be. */
	while (at < end) {
		uint32_t page = at & ~(LD_PAGE - 1);
		uint32_t n = (end - at < page + LD_PAGE - at)
			? end - at
			: page + LD_PAGE - at;
		int ri = range_at(v, page);

		if (ri < 0)
			return ld_errf(err, -EFAULT,
				       "%s: RVA 0x%x is not in any "
				       "section",
				       v->sec->path, page);
		if (forceable(v, page) &&
		    forced_write(v->base + at, from, n) == 0) {
			ld_view_forced_mark(v, page, why);
		} else {
			if ((rc = privatize_page(v, ri, page, why, err)) < 0)
				return rc;
			memcpy(v->base + at, from, n);
		}
		from += n;
		at += n;
	}
	return 0;
}

void ld_view_lock(struct ld_view *v, uint32_t rva, uint32_t len, int locked)
{
	uint64_t end = (uint64_t)rva + len;

	if (end > v->len)
		end = v->len;
	for (uint64_t p = rva & ~(LD_PAGE - 1); p < end; p += LD_PAGE) {
		uintptr_t a = (uintptr_t)v->base + p;
		struct ld_region *g = ld_region_find(a);

		if (!g || g->kind != LD_REGION_COW)
			continue;
		if (locked)
			atomic_fetch_or(ld_page_flags(g, a), LD_PF_LOCKED);
		else
			atomic_fetch_and(ld_page_flags(g, a),
					 (uint8_t)~LD_PF_LOCKED);
	}
}

/* LD_PF_LOCKED of page rva (0 outside copy-on-write regions). */
static int locked_at(struct ld_view *v, uint32_t rva)
{
	uintptr_t a = (uintptr_t)v->base + rva;
	struct ld_region *g = ld_region_find(a);

	return g && g->kind == LD_REGION_COW &&
		(atomic_load(ld_page_flags(g, a)) & LD_PF_LOCKED);
}

uint32_t ld_view_lock_run(struct ld_view *v, uint32_t rva, uint32_t max,
			  int *locked)
{
	uint32_t page = rva & ~(LD_PAGE - 1), n = 0;

	*locked = page < v->len && locked_at(v, page);
	while (n < max && page + n < v->len &&
	       locked_at(v, page + n) == *locked)
		n += LD_PAGE;
	return n < max ? n : max;
}

int ld_view_seal(struct ld_view *v, struct ld_error *err)
{
	int rc = 0, any = 0;

	for (size_t i = 0; i < v->nranges; i++)
		any |= v->unsealed[i];
	if (!any) /* the usual case: binding wrote copy-on-write pages only */
		return 0;
	for (size_t i = 0; i < v->nranges && rc == 0; i++) {
		const struct ld_range *r = &v->ranges[i];

		if (!v->unsealed[i])
			continue;
		if (mprotect(v->base + r->rva, r->size, r->prot) < 0)
			rc = ld_errf(err, -errno,
				     "%s: restoring protection of %s: "
				     "%s",
				     v->sec->path, ld_range_name(v, r),
				     strerror(errno));
		v->unsealed[i] = 0;
	}
	return rc;
}
