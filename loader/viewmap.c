/*
 * viewmap.c — the system calls that lay a view's ranges out: reserve the
 * address range, mmap each run of ranges with its initial protection,
 * mprotect what differs.  view.c decides where; this file only does it.
 *
 * Each range gets the protection the plan from layout.c says:
 *   headers, read-only and code   MAP_PRIVATE of the section file, never
 *                                 writable unless VirtualProtect asks
 *   writable                      MAP_PRIVATE, read-only until the first
 *                                 write privatizes the page (region.c)
 *   writable + MEM_SHARED         MAP_SHARED of the shared-data object
 *   SectionAlignment < page       the whole image MAP_PRIVATE RWX
 * A page of a MAP_PRIVATE mapping that nobody wrote is the section file's
 * page-cache page itself, the same frame in every process: read-only
 * ranges share exactly as a MAP_SHARED mapping would, and mapping them
 * the same way as the copy-on-write ranges lets one mmap cover every
 * adjacent range with the same initial protection (headers, code, and
 * usually everything after the code: three mappings for a typical DLL
 * instead of one per section, each a kernel round trip to map, unmap
 * and fault in).  It is also what Windows does: every page of an image
 * view is copy-on-write, VirtualProtect of .rdata to PAGE_READWRITE
 * gives a private page, never a write into the image.
 * Nothing is read or written at map time; pages come in on demand.
 *
 * Uses uffd.c (write-protecting copy-on-write ranges under
 * DLLSHARE_COW=uffd) and section.c (the section file, the shared-data
 * objects); used by view.c and kept.c.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "loader/view.h"

void *ld_map_at(void *want, size_t len, int prot, int flags, int fd, off_t off)
{
	void *p = mmap(want, len, prot, flags | MAP_FIXED_NOREPLACE, fd, off);

	if (p != MAP_FAILED && p != want) {
		munmap(p, len); /* kernels before 4.17 ignore NOREPLACE */
		p = MAP_FAILED;
		errno = EEXIST;
	}
	return p;
}

uint8_t *ld_reserve_at(uint64_t want, size_t len)
{
	return ld_map_at((void *)(uintptr_t)want, len, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
}

/* 64 KiB: Windows' allocation granularity (HMODULEs have their low 16
 * bits clear). */
uint8_t *ld_reserve_any(size_t len)
{
	const int fl = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
	const size_t gran = 0x10000;
	uint8_t *p = mmap(NULL, len + gran, PROT_NONE, fl, -1, 0);
	uintptr_t a;

	if (p == MAP_FAILED)
		return p;
	a = ((uintptr_t)p + gran - 1) & ~(uintptr_t)(gran - 1);
	if (a > (uintptr_t)p)
		munmap(p, a - (uintptr_t)p);
	munmap((uint8_t *)a + len, (uintptr_t)p + gran - a);
	return (uint8_t *)a;
}

/* The protection range r is mapped with: its final one, but for a
 * copy-on-write range under the fault handler, read-only until the first
 * write. */
static int map_prot(const struct ld_view *v, const struct ld_range *r)
{
	if (r->mapping == PE_MAP_COW && !v->uffd)
		return r->prot & ~PROT_WRITE;
	return r->prot;
}

int ld_range_private(const struct ld_range *r)
{
	return r->mapping == PE_MAP_SHARED_RO || r->mapping == PE_MAP_COW;
}

/* The end (exclusive) of the run of ranges starting at i that one mmap
 * can map: adjacent, MAP_PRIVATE of the section file, same initial
 * protection (the section file is laid out in memory order, so they are
 * adjacent in it too).  Under userfaultfd a copy-on-write range is
 * registered on its own.  A shared-writable range is a file of its own:
 * always a run of one. */
static size_t run_end(const struct ld_view *v, size_t i)
{
	const struct ld_range *r = v->ranges;
	size_t j = i + 1;

	if (!ld_range_private(&r[i]) || (v->uffd && r[i].mapping == PE_MAP_COW))
		return j;
	while (j < v->nranges && ld_range_private(&r[j]) &&
	       !(v->uffd && r[j].mapping == PE_MAP_COW) &&
	       map_prot(v, &r[j]) == map_prot(v, &r[i]) &&
	       r[j - 1].rva + r[j - 1].size == r[j].rva)
		j++;
	return j;
}

/* Maps ranges [i, j) at base with one mmap; fixed is MAP_FIXED over the
 * reservation, or MAP_FIXED_NOREPLACE (then -EEXIST when the range is
 * taken, with nothing mapped). */
static int map_run(struct ld_view *v, uint8_t *base, size_t i, size_t j,
		   int fixed, struct ld_error *err)
{
	const struct ld_range *r = &v->ranges[i];
	int fd = v->sec->fd, flags = MAP_PRIVATE, prot = map_prot(v, r);
	size_t len = v->ranges[j - 1].rva + v->ranges[j - 1].size - r->rva;
	off_t off = r->rva;
	void *p;

	if (r->mapping == PE_MAP_SHARED_RW) {
		fd = ld_shared_open(v->sec, r->index, err);
		if (fd < 0)
			return fd;
		flags = MAP_SHARED;
		off = 0;
	}
	if (fixed == MAP_FIXED)
		p = mmap(base + r->rva, len, prot, flags | MAP_FIXED, fd, off);
	else
		p = ld_map_at(base + r->rva, len, prot, flags, fd, off);
	if (p == MAP_FAILED && fixed == MAP_FIXED_NOREPLACE && errno == EEXIST)
		return -EEXIST;
	if (p == MAP_FAILED)
		return ld_errf(err, -errno,
			       "%s: mapping RVA 0x%x size 0x%zx: %s",
			       v->sec->path, r->rva, len, strerror(errno));
	/* Protected before the view is published: nothing knows the
	 * address yet, so nothing has written. */
	if (r->mapping == PE_MAP_COW && v->uffd &&
	    (errno = -ld_uffd_protect(p, len)))
		return ld_errf(err, -errno,
			       "%s: RVA 0x%x size 0x%zx: "
			       "userfaultfd write protection: %s",
			       v->sec->path, r->rva, len, strerror(errno));
	return 0;
}

int ld_view_map_runs(struct ld_view *v, uint8_t *base, int fixed,
		     struct ld_error *err)
{
	int rc;

	for (size_t i = 0, j; i < v->nranges; i = j) {
		j = run_end(v, i);
		if ((rc = map_run(v, base, i, j, fixed, err)) < 0) {
			if (fixed == MAP_FIXED_NOREPLACE && v->ranges[i].rva)
				munmap(base, v->ranges[i].rva);
			return rc;
		}
	}
	return 0;
}

int ld_view_protect_runs(struct ld_view *v, uint8_t *base, struct ld_error *err)
{
	for (size_t i = 0, j; i < v->nranges; i = j) {
		const struct ld_range *r = &v->ranges[i];
		size_t len;

		j = run_end(v, i);
		len = v->ranges[j - 1].rva + v->ranges[j - 1].size - r->rva;
		if (map_prot(v, r) != PROT_READ &&
		    mprotect(base + r->rva, len, map_prot(v, r)) < 0)
			return ld_errf(err, -errno,
				       "%s: protecting RVA 0x%x size "
				       "0x%zx: %s",
				       v->sec->path, r->rva, len,
				       strerror(errno));
	}
	return 0;
}

/* One mmap and one mprotect for a typical image, where one mmap per run
 * would be three mmaps.  Only when every range is a MAP_PRIVATE range of
 * the section file and the fault handler does copy-on-write. */
int ld_view_map_whole(struct ld_view *v, uint8_t *base, struct ld_error *err)
{
	void *p =
		ld_map_at(base, v->len, PROT_READ, MAP_PRIVATE, v->sec->fd, 0);
	int rc;

	if (p == MAP_FAILED)
		return errno == EEXIST
			? -EEXIST
			: ld_errf(err, -errno, "%s: mapping 0x%zx bytes: %s",
				  v->sec->path, v->len, strerror(errno));
	if ((rc = ld_view_protect_runs(v, base, err)) < 0)
		munmap(base, v->len);
	return rc;
}
