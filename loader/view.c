/*
 * view.c — mapping a view of an image section into this process
 * (Windows: NtMapViewOfSection of a SEC_IMAGE section).
 *
 * At the preferred base, straight there (map_direct: usually one mmap
 * of the whole image and one mprotect for the code); otherwise like
 * OpenBSD's ld.so: reserve SizeOfImage inaccessible at the base, then
 * map each range over the reservation.  Each range gets the protection
 * the plan from layout.c says:
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
 * The loader's writes to memory the program does not write itself (the
 * IAT: ld_view_write) go through /proc/self/mem, the way a debugger
 * plants a breakpoint: the kernel copies the page for this process and
 * writes it, and the mapping keeps its protection, unsplit — no
 * mprotect to make the page writable, no second one to seal it.  (The
 * TLS index is written after ld_view_privatize instead: the C runtime
 * writes its own variables on that page next.)
 *
 * An unmapped view whose section is kept leaves a page-table guard
 * behind (see guard_leave).
 *
 * When the preferred base is taken, the view goes, in this order:
 *   1. to the image's alternative base (ld_section_alt_base: the same in
 *      every process), mapping the section built for that base — it was
 *      relocated once, when it was built, so its pages stay shared
 *      ("rebased"; Windows relocates an image section once too);
 *   2. anywhere free, relocated here: the pages relocation writes become
 *      private to this process (reason "relocation"); untouched pages
 *      still share the page cache.
 * DLLSHARE_REBASE=private skips 1 (to compare the two costs).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "loader/section.h"

struct ld_view {
	struct ld_section *sec;
	uint8_t *base;
	size_t len;              /* page-rounded SizeOfImage */
	int relocated;           /* relocated privately in this process */
	int rebased;             /* the section relocated once for alt base */
	int mapped;              /* place() mapped the ranges (map_direct) */
	int whole;               /* ... with map_whole (or a kept view) */
	int module;              /* record index */
	size_t nranges;
	struct ld_range *ranges;
	int *unsealed;           /* per range: made writable by privatize */
	int uffd;                /* COW ranges write-protected by userfaultfd */
	size_t nregions;
	struct ld_region **regions;
	uint32_t *kept;          /* kept view: pages still private from */
	size_t nkept;            /* import binding (RVAs) */
};

/* mmap exactly at want, never over anything: MAP_FAILED with errno
 * EEXIST when the range is taken. */
static void *map_at(void *want, size_t len, int prot, int flags, int fd,
                    off_t off)
{
	void *p = mmap(want, len, prot, flags | MAP_FIXED_NOREPLACE, fd, off);

	if (p != MAP_FAILED && p != want) {
		munmap(p, len); /* kernels before 4.17 ignore NOREPLACE */
		p = MAP_FAILED;
		errno = EEXIST;
	}
	return p;
}

/* Reserves len bytes exactly at want; MAP_FAILED when that is taken. */
static uint8_t *reserve_at(uint64_t want, size_t len)
{
	return map_at((void *)(uintptr_t)want, len, PROT_NONE,
	              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
}

/* Reserves len bytes anywhere, 64 KiB aligned (Windows' allocation
 * granularity: HMODULEs have their low 16 bits clear). */
static uint8_t *reserve_any(size_t len)
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

/* Ranges one MAP_PRIVATE mapping of the section file can carry. */
static int private_range(const struct ld_range *r)
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

	if (!private_range(&r[i]) || (v->uffd && r[i].mapping == PE_MAP_COW))
		return j;
	while (j < v->nranges && private_range(&r[j]) &&
	       !(v->uffd && r[j].mapping == PE_MAP_COW) &&
	       map_prot(v, &r[j]) == map_prot(v, &r[i]) &&
	       r[j - 1].rva + r[j - 1].size == r[j].rva)
		j++;
	return j;
}

/*
 * DLLSHARE_COW=uffd: copy-on-write ranges are mapped MAP_PRIVATE
 * read/write and write-protected with userfaultfd in WP_ASYNC mode.  A
 * first write, by the program or by the kernel (read() into the page),
 * is resolved by the kernel in the fault itself: the page is copied, no
 * signal, no mprotect, the mapping stays whole.  What is lost: nobody
 * sees the write, so the record cannot say which instruction or thread
 * made the page private (the section says LD_REC_SEC_UFFD; dllmap asks
 * pagemap).  The default ("signal", or unset) is the fault handler.
 * System headers may predate these, so the numbers are spelled here.
 */
#define UF_FEATURE_WP_HUGETLBFS_SHMEM (1ull << 12)
#define UF_FEATURE_WP_UNPOPULATED (1ull << 13)
#define UF_FEATURE_WP_ASYNC (1ull << 15)
#define UF_USER_MODE_ONLY 1 /* flag of userfaultfd(2), Linux 5.11 */
#define UF_WANT (UF_FEATURE_WP_ASYNC | UF_FEATURE_WP_UNPOPULATED | \
                 UF_FEATURE_WP_HUGETLBFS_SHMEM)

static pthread_once_t uf_once = PTHREAD_ONCE_INIT;
static int uf_fd = -1;  /* the process's one userfaultfd, or -1 */

/* Opens the userfaultfd with every feature in UF_WANT; says once on
 * stderr why not when it cannot.  The fd is not inherited by exec (it
 * would mean nothing there); a child that maps views opens its own. */
static void uf_open(void)
{
	struct uffdio_api api = {.api = UFFD_API};
	const char *why = NULL;
	char buf[160];
	int fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | UF_USER_MODE_ONLY);

	if (fd < 0) {
		snprintf(buf, sizeof buf, "userfaultfd(): %s", strerror(errno));
		why = buf;
	} else if (ioctl(fd, UFFDIO_API, &api) < 0) {
		snprintf(buf, sizeof buf, "UFFDIO_API: %s", strerror(errno));
		why = buf;
	} else if ((api.features & UF_WANT) != UF_WANT) {
		snprintf(buf, sizeof buf, "the kernel lacks userfaultfd feature "
		         "bits 0x%llx (WP_ASYNC needs Linux 6.7)",
		         (unsigned long long)(UF_WANT & ~api.features));
		why = buf;
	}
	if (fd >= 0) /* features 0 only asked; UFFDIO_API works once per fd */
		close(fd);
	if (!why) {
		fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | UF_USER_MODE_ONLY);
		api = (struct uffdio_api){.api = UFFD_API, .features = UF_WANT};
		if (fd < 0 || ioctl(fd, UFFDIO_API, &api) < 0) {
			snprintf(buf, sizeof buf, "UFFDIO_API 0x%llx: %s",
			         (unsigned long long)UF_WANT, strerror(errno));
			why = buf;
			if (fd >= 0)
				close(fd);
		} else {
			uf_fd = fd;
		}
	}
	if (why)
		fprintf(stderr, "dllshare: DLLSHARE_COW=uffd: %s; using the "
		        "fault handler\n", why);
}

/* Which copy-on-write backend views use: 1 userfaultfd, 0 the fault
 * handler, or a negative error for a value we do not know. */
static int cow_backend(struct ld_error *err)
{
	const char *e = getenv("DLLSHARE_COW");

	if (!e || !*e || !strcmp(e, "signal"))
		return 0;
	if (strcmp(e, "uffd"))
		return ld_errf(err, -EINVAL, "DLLSHARE_COW=%.100s: unknown value "
		               "(accepted: signal, the default, or uffd)", e);
	pthread_once(&uf_once, uf_open);
	return uf_fd >= 0;
}

/* Registers [p, p+len) with the userfaultfd in WP mode and protects it. */
static int uf_protect(void *p, size_t len)
{
	struct uffdio_register reg = {
		.range = {(uintptr_t)p, len}, .mode = UFFDIO_REGISTER_MODE_WP};
	struct uffdio_writeprotect wp = {
		.range = {(uintptr_t)p, len}, .mode = UFFDIO_WRITEPROTECT_MODE_WP};

	if (ioctl(uf_fd, UFFDIO_REGISTER, &reg) < 0 ||
	    ioctl(uf_fd, UFFDIO_WRITEPROTECT, &wp) < 0)
		return -errno;
	return 0;
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
		p = map_at(base + r->rva, len, prot, flags, fd, off);
	if (p == MAP_FAILED && fixed == MAP_FIXED_NOREPLACE && errno == EEXIST)
		return -EEXIST;
	if (p == MAP_FAILED)
		return ld_errf(err, -errno, "%s: mapping RVA 0x%x size 0x%zx: %s",
		               v->sec->path, r->rva, len, strerror(errno));
	/* Protected before the view is published: nothing knows the
	 * address yet, so nothing has written. */
	if (r->mapping == PE_MAP_COW && v->uffd && (errno = -uf_protect(p, len)))
		return ld_errf(err, -errno, "%s: RVA 0x%x size 0x%zx: "
		               "userfaultfd write protection: %s", v->sec->path,
		               r->rva, len, strerror(errno));
	return 0;
}

/* Maps every run over the reservation at v->base. */
static int map_runs(struct ld_view *v, struct ld_error *err)
{
	int rc;

	for (size_t i = 0, j; i < v->nranges; i = j) {
		j = run_end(v, i);
		if ((rc = map_run(v, v->base, i, j, MAP_FIXED, err)) < 0)
			return rc;
	}
	return 0;
}

/* Gives the runs of the whole-image mapping at base that are not
 * read-only (the code, usually) their protection. */
static int protect_runs(struct ld_view *v, uint8_t *base, struct ld_error *err)
{
	for (size_t i = 0, j; i < v->nranges; i = j) {
		const struct ld_range *r = &v->ranges[i];
		size_t len;

		j = run_end(v, i);
		len = v->ranges[j - 1].rva + v->ranges[j - 1].size - r->rva;
		if (map_prot(v, r) != PROT_READ &&
		    mprotect(base + r->rva, len, map_prot(v, r)) < 0)
			return ld_errf(err, -errno, "%s: protecting RVA 0x%x size "
			               "0x%zx: %s", v->sec->path, r->rva, len,
			               strerror(errno));
	}
	return 0;
}

/* Maps the whole image at base with one mmap, read-only, then gives the
 * runs that differ their protection: one mmap and one mprotect for a
 * typical image, where one mmap per run would be three mmaps.  Only when
 * every range is a MAP_PRIVATE range of the section file and the fault
 * handler does copy-on-write. */
static int map_whole(struct ld_view *v, uint8_t *base, struct ld_error *err)
{
	void *p = map_at(base, v->len, PROT_READ, MAP_PRIVATE, v->sec->fd, 0);
	int rc;

	if (p == MAP_FAILED)
		return errno == EEXIST ? -EEXIST
		       : ld_errf(err, -errno, "%s: mapping 0x%zx bytes: %s",
		                 v->sec->path, v->len, strerror(errno));
	if ((rc = protect_runs(v, base, err)) < 0)
		munmap(base, v->len);
	return rc;
}

/*
 * Kept views.  Windows keeps an image's section after FreeLibrary
 * (module.c keeps the last few: standby), but it unmaps the view, and
 * mapping it again costs the kernel a new mapping, new page tables, a
 * fault for every page touched and the split of the mapping by every
 * protection change, each paid again at the next unmap.  A view at its
 * section's base is kept with its section instead (and unmapped when the
 * section is closed), made what FreeLibrary makes it on Windows, memory
 * the program no longer has:
 *   - its private pages are discarded (MADV_DONTNEED: in a MAP_PRIVATE
 *     mapping the section file's page comes back), so the next load
 *     starts from the file's data exactly as a new mapping would;
 *   - all of it is made inaccessible (PROT_NONE): a call into the freed
 *     DLL faults, as on Windows;
 *   - it leaves the region table and the record: the fault handler,
 *     dllmap, VirtualQuery (MEM_FREE, ld_view_kept_at) do not see it.
 * The next load of the same section gives it its protections back and
 * the page tables of the pages nobody wrote are still filled.  Pages
 * that only import binding wrote (forced writes, never writable since)
 * are kept private: binding the same modules at the same addresses
 * writes the same bytes, and ld_view_write skips a write that would
 * change nothing.
 * Anything that needs the address range (another view, VirtualAlloc at
 * that address) has the kept views there unmapped first
 * (ld_view_kept_release); closing the section unmaps its view.
 *
 * A view that cannot be kept (relocated, rebased, with shared-writable
 * sections, under userfaultfd or fragmented) leaves a page-table guard
 * instead, when it is at its section's base: one inaccessible page in
 * the unused tail of the view's last 64 KiB allocation granule (nothing
 * else can be placed there while the DLL is loaded, Windows'
 * granularity).  The kernel keeps page tables that still cover a
 * mapping, so the next load does not build them anew.
 */
#define GRANULE 0x10000u
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ld_section *kept;   /* sections with a kept view or guard */

/* The address range sec's kept view or guard occupies. */
static void kept_span(const struct ld_section *sec, uintptr_t *lo,
                      uintptr_t *hi)
{
	if (sec->kept_view) {
		*lo = (uintptr_t)sec->kept_view->base;
		*hi = *lo + sec->kept_view->len;
	} else {
		*lo = (uintptr_t)sec->guard;
		*hi = *lo + LD_PAGE;
	}
}

/* Puts sec on the list (its kept view or guard just set). */
static void kept_link(struct ld_section *sec)
{
	pthread_mutex_lock(&kept_lock);
	sec->kept_next = kept;
	kept = sec;
	pthread_mutex_unlock(&kept_lock);
}

/* Takes sec off the list (lock held). */
static void kept_unlink(struct ld_section *sec)
{
	for (struct ld_section **pp = &kept; *pp; pp = &(*pp)->kept_next)
		if (*pp == sec) {
			*pp = sec->kept_next;
			break;
		}
	sec->kept_next = NULL;
}

static void free_view(struct ld_view *v)
{
	free(v->regions);
	free(v->ranges);
	free(v->unsealed);
	free(v->kept);
	free(v);
}

/* Unmaps what sec keeps (lock held, sec unlinked). */
static void kept_unmap(struct ld_section *sec)
{
	if (sec->kept_view) {
		munmap(sec->kept_view->base, sec->kept_view->len);
		free_view(sec->kept_view);
		sec->kept_view = NULL;
	}
	if (sec->guard) {
		munmap(sec->guard, LD_PAGE);
		sec->guard = NULL;
	}
}

/* Leaves a guard for v's section, if it has room for one. */
static void guard_leave(struct ld_view *v)
{
	struct ld_section *sec = v->sec;
	uintptr_t end = (uintptr_t)v->base + v->len;
	uintptr_t tail = (end + GRANULE - 1) & ~(uintptr_t)(GRANULE - 1);
	void *g;

	if (sec->guard || sec->kept_view || v->relocated || tail == end ||
	    (uintptr_t)v->base != sec->id.base)
		return;
	for (size_t i = 0; i < v->nranges; i++)
		if (v->ranges[i].mapping == PE_MAP_SHARED_RW)
			return; /* such a section is not kept after its view */
	g = map_at((void *)(tail - LD_PAGE), LD_PAGE, PROT_NONE,
	           MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (g == MAP_FAILED)
		return;
	sec->guard = g;
	kept_link(sec);
}

/* The state (LD_REASON_*) of page a of region g: what made it private,
 * or 0 while it is the section file's. */
static uint8_t page_state(struct ld_region *g, uintptr_t a)
{
	return g->states ? __atomic_load_n(&g->states[(a - g->start) / LD_PAGE],
	                                   __ATOMIC_ACQUIRE)
	                 : 0;
}

/* Nonzero when page a of region g is a copy-on-write page made private by
 * forced writes only (ld_view_write), never writable since: it holds the
 * section file's bytes and what the loader wrote, nothing else. */
static int forced_only(struct ld_region *g, uintptr_t a)
{
	return g->kind == LD_REGION_COW && page_state(g, a) &&
	       atomic_load(ld_page_flags(g, a)) == LD_PF_RO_PRIVATE;
}

/* Discards the private pages of [from, to): the section file's come
 * back. */
static int discard(uintptr_t from, uintptr_t to)
{
	return from < to ? madvise((void *)from, to - from, MADV_DONTNEED) : 0;
}

/* Makes v a kept view (see "Kept views"); the caller hands it to its
 * section once the regions are gone.  0, or -1 when it cannot be kept
 * (then the caller unmaps it).  Called with v's regions still
 * published: their page states say which pages are private and why. */
static int keep_view(struct ld_view *v)
{
	struct ld_section *sec = v->sec;
	uintptr_t run = 0;
	size_t nkept = 0, ndiscard = 0;

	if (!v->whole || v->relocated || v->rebased || sec->kept_view ||
	    (uintptr_t)v->base != sec->id.base)
		return -1;
	for (size_t i = 0; i < v->nregions; i++)
		if (atomic_load(&v->regions[i]->fragmented))
			return -1; /* the kernel made pages private unseen */
	if (!(v->kept = malloc(v->len / LD_PAGE * sizeof *v->kept)))
		return -1;
	for (size_t i = 0; i < v->nregions; i++) {
		struct ld_region *g = v->regions[i];

		for (uintptr_t p = g->start; g->states && p < g->end; p += LD_PAGE) {
			uint8_t st = page_state(g, p);
			int keep = st == LD_REASON_BIND && forced_only(g, p);

			if (st && keep)
				v->kept[nkept++] = (uint32_t)(p - (uintptr_t)v->base);
			ndiscard += st && !keep;
			if (st && !keep && !run)
				run = p;
			if ((!st || keep) && run) {
				if (discard(run, p) < 0)
					return -1;
				run = 0;
			}
		}
		if (run && (i + 1 == v->nregions || v->regions[i + 1]->start != g->end)) {
			if (discard(run, g->end) < 0)
				return -1;
			run = 0;
		}
	}
	if (mprotect(v->base, v->len, PROT_NONE) < 0)
		return -1;
	v->nkept = nkept;
	if (ld_trace_on && v->module >= 0)
		ld_trace("view %s: kept with its section, inaccessible: %zu "
		         "private page%s discarded, %zu of import binding kept",
		         ld_record_module_at(v->module)->name, ndiscard,
		         ndiscard == 1 ? "" : "s", nkept);
	return 0;
}

/* Takes sec's kept view for v, if sec has one at base: gives the view
 * its protections back.  0 (v->base set), or -ENOENT when there is none
 * (or it could not be made usable: then it is unmapped). */
static int take_kept(struct ld_view *v, uint8_t *base, struct ld_error *err)
{
	struct ld_section *sec = v->sec;
	struct ld_view *k;

	pthread_mutex_lock(&kept_lock);
	k = sec->kept_view;
	if (!k || k->base != base || k->len != v->len) {
		pthread_mutex_unlock(&kept_lock);
		return -ENOENT;
	}
	kept_unlink(sec);
	sec->kept_view = NULL;
	pthread_mutex_unlock(&kept_lock);
	if (mprotect(base, v->len, PROT_READ) < 0 ||
	    protect_runs(v, base, err) < 0) {
		munmap(k->base, k->len);
		free_view(k);
		return -ENOENT;
	}
	v->kept = k->kept;
	v->nkept = k->nkept;
	k->kept = NULL;
	free_view(k);
	return 0;
}

void ld_view_kept_drop(struct ld_section *sec)
{
	if (!sec->guard && !sec->kept_view)
		return;
	pthread_mutex_lock(&kept_lock);
	kept_unlink(sec);
	kept_unmap(sec);
	pthread_mutex_unlock(&kept_lock);
}

/* Unmaps the kept views and guards in [addr, addr+len), but not those
 * of section except. */
static int release_kept(uintptr_t addr, size_t len,
                        const struct ld_section *except)
{
	struct ld_section *sec, *next;
	int n = 0;

	pthread_mutex_lock(&kept_lock);
	for (sec = kept; sec; sec = next) {
		uintptr_t lo, hi;

		next = sec->kept_next;
		kept_span(sec, &lo, &hi);
		if (sec != except && lo < addr + len && hi > addr) {
			kept_unlink(sec);
			kept_unmap(sec);
			n++;
		}
	}
	pthread_mutex_unlock(&kept_lock);
	return n;
}

int ld_view_kept_release(uintptr_t addr, size_t len)
{
	return release_kept(addr, len, NULL);
}

int ld_view_kept_at(uintptr_t lo, uintptr_t hi)
{
	int in = 0;

	pthread_mutex_lock(&kept_lock);
	for (struct ld_section *sec = kept; sec && !in; sec = sec->kept_next) {
		uintptr_t a, b;

		kept_span(sec, &a, &b);
		in = lo >= a && hi <= b;
	}
	pthread_mutex_unlock(&kept_lock);
	return in;
}

/* The fast path, when the ranges cover the whole image with no gap and
 * the section is built for the preferred base: map straight at that
 * base with MAP_FIXED_NOREPLACE (map_whole, or each run), with no
 * reservation to map over (mapping over one splits it, which costs as
 * much as the mapping).  Whatever another thread maps meanwhile makes a
 * run fail, not vanish.  Returns 0 (v->base set), -EEXIST when the range
 * is taken (nothing left mapped), or another error. */
static int map_direct(struct ld_view *v, uint64_t at, struct ld_error *err)
{
	uint8_t *base = (uint8_t *)(uintptr_t)at;
	uint32_t end = 0;
	int rc, whole = !v->uffd;

	for (size_t i = 0; i < v->nranges; i++) {
		if (v->ranges[i].rva != end)
			return -EEXIST;
		end += v->ranges[i].size;
		whole &= private_range(&v->ranges[i]);
	}
	if (end != v->len)
		return -EEXIST;
	if (whole) {
		if ((rc = take_kept(v, base, err)) == -ENOENT)
			rc = map_whole(v, base, err);
		if (rc < 0)
			return rc;
		v->base = base;
		v->whole = 1;
		return 0;
	}
	for (size_t i = 0, j; i < v->nranges; i = j) {
		j = run_end(v, i);
		if ((rc = map_run(v, base, i, j, MAP_FIXED_NOREPLACE, err)) < 0) {
			if (v->ranges[i].rva)
				munmap(base, v->ranges[i].rva);
			return rc;
		}
	}
	v->base = base;
	return 0;
}

/* May this view use the section relocated once for the alternative
 * base?  Not when the user asked for private relocation, when the image
 * has no relocations (nothing to share: the preferred section maps as
 * well anywhere) or cannot be relocated, or when relocations reach a
 * shared-writable section (its one shared-data object serves every
 * base). */
static int may_rebase(const struct ld_section *sec)
{
	const char *e = getenv("DLLSHARE_REBASE");

	if (e && !strcmp(e, "private"))
		return 0;
	if (!sec->pe.dirs[PE_DIR_BASERELOC].size ||
	    (sec->pe.file_flags & PE_FILE_RELOCS_STRIPPED))
		return 0;
	return !ld_section_relocs_shared(sec);
}

/* Chooses where the view goes (see the top of this file) and makes sec
 * the section for that base.  Sets v->base, v->relocated, v->rebased. */
static int place(struct ld_view *v, struct ld_error *err)
{
	struct ld_section *sec = v->sec;
	uint64_t alt;
	int rc;

	/* Another image's kept view or guard in the way makes way first
	 * (no system call when there is none, the usual case); this
	 * section's own kept view is taken by map_direct, unless this view
	 * is not mapped whole (DLLSHARE_COW=uffd since it was kept). */
	release_kept(sec->pref_base, v->len,
	             sec->id.base == sec->pref_base && !v->uffd ? sec : NULL);
	if (sec->id.base == sec->pref_base &&
	    (rc = map_direct(v, sec->pref_base, err)) != -EEXIST) {
		v->mapped = rc == 0;
		return rc;
	}
	if ((v->base = reserve_at(sec->pref_base, v->len)) != MAP_FAILED)
		return ld_section_rebase(sec, sec->pref_base, err);
	if (may_rebase(sec)) {
		alt = ld_section_alt_base(sec);
		ld_view_kept_release(alt, v->len);
		if ((v->base = reserve_at(alt, v->len)) != MAP_FAILED) {
			if ((rc = ld_section_rebase(sec, alt, err)) < 0)
				return rc;
			v->rebased = 1;
			return 0;
		}
		ld_trace("view %s: preferred base 0x%llx and alternative base "
		         "0x%llx both taken", sec->path,
		         (unsigned long long)sec->pref_base,
		         (unsigned long long)alt);
	}
	v->relocated = 1;
	if ((v->base = reserve_any(v->len)) == MAP_FAILED)
		return ld_errf(err, -errno, "%s: reserving 0x%zx bytes: %s",
		               sec->path, v->len, strerror(errno));
	return 0;
}

static const char *range_name(const struct ld_view *v, const struct ld_range *r)
{
	return r->index < 0 ? "(headers)" : v->sec->pe.sections[r->index].name;
}

static struct ld_region *new_region(struct ld_view *v, uintptr_t start,
                                    uintptr_t end, int kind, int wprot)
{
	struct ld_region *g = calloc(1, sizeof *g + (end - start) / LD_PAGE);

	if (!g)
		return NULL;
	g->start = start;
	g->end = end;
	g->kind = kind;
	g->wprot = wprot;
	g->mod_base = (uintptr_t)v->base;
	g->mod_name = ld_record_module_at(v->module)->name;
	g->rva = (uint32_t)(start - (uintptr_t)v->base);
	g->module = (uint16_t)v->module;
	g->section = UINT32_MAX;
	g->view = v;
	atomic_store(&g->vmas, 1);
	return g;
}

/* Frees the regions publish built but did not hand to the table. */
static void drop_regions(struct ld_view *v)
{
	for (size_t i = 0; i < v->nregions; i++)
		free(v->regions[i]);
	v->nregions = 0;
}

/* Records the module and its sections, builds one region per range and
 * per gap between ranges, and publishes them. */
static int publish(struct ld_view *v, const char *name, struct ld_error *err)
{
	struct ld_region *g;
	uintptr_t at = (uintptr_t)v->base;
	int rc;

	rc = ld_record_module(name, v->sec, (uintptr_t)v->base,
	                      (v->relocated ? LD_REC_MOD_RELOCATED : 0) |
	                              (v->rebased ? LD_REC_MOD_REBASED : 0),
	                      (uint32_t)v->nranges, err);
	if (rc < 0)
		return rc;
	v->module = rc;
	v->regions = calloc(2 * v->nranges + 1, sizeof *v->regions);
	if (!v->regions)
		return ld_errf(err, -ENOMEM, "%s: out of memory", v->sec->path);
	for (size_t i = 0; i < v->nranges; i++) {
		const struct ld_range *r = &v->ranges[i];
		uintptr_t start = (uintptr_t)v->base + r->rva;
		uint32_t chars = r->index < 0 ? 0 : v->sec->pe.sections[r->index].flags;
		int gi, uffd;

		if (start > at) {
			if (!(g = new_region(v, at, start, LD_REGION_GAP, 0)))
				goto nomem;
			v->regions[v->nregions++] = g;
		}
		uffd = v->uffd && r->mapping == PE_MAP_COW;
		gi = ld_record_section(v->module, (uint32_t)i, range_name(v, r),
		                       r->rva, r->size, chars, r->mapping,
		                       (r->index < 0 ? LD_REC_SEC_HEADERS : 0) |
		                               (v->relocated ? LD_REC_SEC_RELOCATED : 0) |
		                               (uffd ? LD_REC_SEC_UFFD : 0),
		                       err);
		if (gi < 0) {
			drop_regions(v);
			return gi;
		}
		if (!(g = new_region(v, start, start + r->size, r->mapping,
		                     r->prot | PROT_WRITE)))
			goto nomem;
		g->section = gi;
		/* The kernel resolves first writes: the region is handled
		 * as a fragmented one from the start (privatize records the
		 * reason, never mprotects; the fault handler never sees a
		 * first write). */
		atomic_store(&g->fragmented, uffd);
		g->rsec = ld_record_section_at(gi);
		g->sec_name = g->rsec->name;
		g->states = ld_record_states(g->rsec);
		v->regions[v->nregions++] = g;
		at = start + r->size;
	}
	if (at < (uintptr_t)v->base + v->len) {
		if (!(g = new_region(v, at, (uintptr_t)v->base + v->len,
		                     LD_REGION_GAP, 0)))
			goto nomem;
		v->regions[v->nregions++] = g;
	}
	if (ld_region_add(v->regions, v->nregions) < 0)
		goto nomem;
	return 0;
nomem:
	drop_regions(v);
	return ld_errf(err, -ENOMEM, "%s: out of memory", v->sec->path);
}

static const char *prot_str(int p, char *s)
{
	s[0] = p & PROT_READ ? 'r' : '-';
	s[1] = p & PROT_WRITE ? 'w' : '-';
	s[2] = p & PROT_EXEC ? 'x' : '-';
	s[3] = '\0';
	return s;
}

/* `--trace`: the view and how each range is mapped. */
static void trace_view(const struct ld_view *v, const char *name)
{
	char p[4];

	if (!ld_trace_on)
		return;
	if (v->rebased)
		ld_trace("view %s at 0x%llx, 0x%zx bytes (preferred base 0x%llx "
		         "taken: the section relocated once for this base, "
		         "shared)", name, (unsigned long long)(uintptr_t)v->base,
		         v->len, (unsigned long long)v->sec->pref_base);
	else
		ld_trace("view %s at 0x%llx, 0x%zx bytes%s", name,
		         (unsigned long long)(uintptr_t)v->base, v->len,
		         v->relocated ? " (preferred base taken: relocating "
		                        "privately)" : "");
	for (size_t i = 0; i < v->nranges; i++) {
		const struct ld_range *r = &v->ranges[i];

		ld_trace("  %-8s rva 0x%06x size 0x%06x %s %s%s", range_name(v, r),
		         r->rva, r->size, pe_mapping_name(r->mapping),
		         prot_str(r->prot, p),
		         r->mapping == PE_MAP_COW ? " (read-only until first write)"
		         : r->mapping == PE_MAP_WHOLE_COW
		                 ? " (SectionAlignment below a page: whole image RWX)"
		                 : "");
	}
}

static uint64_t module_private(const struct ld_view *v)
{
	uint64_t n = 0;

	for (size_t i = 0; i < v->nregions; i++)
		if (v->regions[i]->rsec)
			n += v->regions[i]->rsec->private_pages;
	return n;
}

static void forced_mark(struct ld_view *v, uint32_t rva, int why);

/* A kept view taken again: the pages binding left private are private
 * still, for the same reason. */
static void mark_kept(struct ld_view *v, const char *name)
{
	for (size_t i = 0; i < v->nkept; i++)
		forced_mark(v, v->kept[i], LD_REASON_BIND);
	ld_trace("view %s: the one kept since its last unmap, accessible "
	         "again; %zu page%s of import binding still private", name,
	         v->nkept, v->nkept == 1 ? "" : "s");
	free(v->kept);
	v->kept = NULL;
	v->nkept = 0;
}

static int reloc_touch(void *ctx, uint32_t page_rva)
{
	struct ld_error err;

	return ld_view_privatize(ctx, page_rva, 1, LD_REASON_RELOC, &err) < 0;
}

int ld_view_map(struct ld_section *sec, const char *name,
                struct ld_view **out, struct ld_error *err)
{
	const struct pe_image *img = &sec->pe;
	struct ld_view *v = calloc(1, sizeof *v);
	int n, rc;
	long nrel;

	if (!v)
		return ld_errf(err, -ENOMEM, "%s: out of memory", sec->path);
	v->sec = sec;
	v->module = -1;
	if ((rc = v->uffd = cow_backend(err)) < 0 ||
	    (rc = ld_record_open(err)) < 0) {
		v->uffd = 0;
		goto fail;
	}
	ld_record_program(sec->path, !img->is_dll);
	v->ranges = calloc(img->nsections + 1, sizeof *v->ranges);
	v->unsealed = calloc(img->nsections + 1, sizeof *v->unsealed);
	if (!v->ranges || !v->unsealed) {
		rc = ld_errf(err, -ENOMEM, "%s: out of memory", sec->path);
		goto fail;
	}
	if ((rc = n = ld_layout_ranges(img, v->ranges, img->nsections + 1,
	                               err)) < 0)
		goto fail;
	v->nranges = n;
	v->len = ((uint64_t)img->size_of_image + LD_PAGE - 1) & ~(uint64_t)(LD_PAGE - 1);
	if ((rc = place(v, err)) < 0) {
		if (v->base == MAP_FAILED)
			v->base = NULL;
		goto fail;
	}
	if (!v->mapped && (rc = map_runs(v, err)) < 0)
		goto fail;
	if ((rc = publish(v, name, err)) < 0)
		goto fail;
	trace_view(v, name);
	if (v->kept)
		mark_kept(v, name);
	if (v->relocated) {
		/* The section's bytes are relocated for its base, which is
		 * not ImageBase when choose_base moved it. */
		struct pe_image from = *img;

		from.image_base = sec->id.base;
		nrel = ld_reloc_apply(&from, v->base, img->size_of_image,
		                      (uintptr_t)v->base, reloc_touch, v, err);
		ld_trace("view %s: relocated by 0x%llx: %ld fixups, %llu pages "
		         "made private", name,
		         (unsigned long long)((uintptr_t)v->base - sec->id.base),
		         nrel < 0 ? 0 : nrel,
		         (unsigned long long)module_private(v));
		if ((rc = (int)(nrel < 0 ? nrel : 0)) < 0 ||
		    (rc = ld_view_seal(v, err)) < 0) {
			if (nrel < 0)
				ld_errf(err, err->code, "%s: %.400s", sec->path,
				        err->msg);
			goto fail;
		}
	}
	*out = v;
	return 0;
fail:
	ld_view_unmap(v);
	return rc;
}

uint8_t *ld_view_base(const struct ld_view *v)
{
	return v->base;
}

uint32_t ld_view_size(const struct ld_view *v)
{
	return v->sec->pe.size_of_image;
}

struct ld_section *ld_view_section(const struct ld_view *v)
{
	return v->sec;
}

struct ld_view *ld_view_at(const void *addr)
{
	return ld_region_view((uintptr_t)addr);
}

int ld_view_relocated(const struct ld_view *v)
{
	return v->relocated;
}

int ld_view_rebased(const struct ld_view *v)
{
	return v->rebased;
}

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
	ld_record_event(g->module, g->section, (uint32_t)(p - (uintptr_t)v->base),
	                LD_REC_NO_MODULE, 0, why);
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
		if (g && !atomic_load(&g->fragmented) && page_state(g, p) &&
		    !(atomic_load(ld_page_flags(g, p)) & LD_PF_RO_PRIVATE))
			return 0;
		if (!g || ld_region_privatize(g, p, why, 0) < 0)
			return ld_errf(err, -EFAULT, "%s: RVA 0x%x: cannot "
			               "privatize: %s", v->sec->path, prva,
			               strerror(errno));
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
	case PE_MAP_WHOLE_COW:
		mark(v, p, why);
		return 0;
	}
	return ld_errf(err, -EPERM, "%s: RVA 0x%x is in shared-writable "
	               "section %s: it cannot be made private", v->sec->path,
	               prva, range_name(v, r));
}

/* Checks that [rva, rva+len) lies inside the image. */
static int check_span(const struct ld_view *v, uint32_t rva, uint32_t len,
                      struct ld_error *err)
{
	if ((uint64_t)rva + len > v->sec->pe.size_of_image)
		return ld_errf(err, -ERANGE, "%s: RVA 0x%x size 0x%x is beyond "
		               "SizeOfImage 0x%x", v->sec->path, rva, len,
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
	for (uint64_t p = rva & ~(LD_PAGE - 1); p < end && rc == 0; p += LD_PAGE) {
		int ri = range_at(v, (uint32_t)p);

		if (ri < 0)
			rc = ld_errf(err, -EFAULT, "%s: RVA 0x%llx is not in any "
			             "section", v->sec->path, (unsigned long long)p);
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
static pthread_once_t mem_atfork_once = PTHREAD_ONCE_INIT;

static void mem_child(void)
{
	int fd = atomic_exchange(&mem_fd, MEM_UNOPENED);

	if (fd >= 0)
		close(fd);
}

static void mem_atfork(void)
{
	pthread_atfork(NULL, NULL, mem_child);
}

static int mem_open(void)
{
	int fd = atomic_load(&mem_fd), want = MEM_UNOPENED;

	if (fd != MEM_UNOPENED)
		return fd;
	pthread_once(&mem_atfork_once, mem_atfork);
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
static void forced_mark(struct ld_view *v, uint32_t rva, int why)
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

		if (!g || !forced_only(g, a))
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
			forced_mark(v, p, why);
		return 0;
	}
	/* Else page by page, each the best way it can be. */
	while (at < end) {
		uint32_t page = at & ~(LD_PAGE - 1);
		uint32_t n = (end - at < page + LD_PAGE - at) ? end - at
		                                                : page + LD_PAGE - at;
		int ri = range_at(v, page);

		if (ri < 0)
			return ld_errf(err, -EFAULT, "%s: RVA 0x%x is not in any "
			               "section", v->sec->path, page);
		if (forceable(v, page) && forced_write(v->base + at, from, n) == 0) {
			forced_mark(v, page, why);
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
			atomic_fetch_and(ld_page_flags(g, a), (uint8_t)~LD_PF_LOCKED);
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
	while (n < max && page + n < v->len && locked_at(v, page + n) == *locked)
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
			rc = ld_errf(err, -errno, "%s: restoring protection of %s: "
			             "%s", v->sec->path, range_name(v, r),
			             strerror(errno));
		v->unsealed[i] = 0;
	}
	return rc;
}

void ld_view_unmap(struct ld_view *v)
{
	int keep;

	if (!v)
		return;
	/* Kept, or else a guard, while the regions still say which pages
	 * are private; then the regions go: a fault in the range from now
	 * on is not ours.  region.c frees them once no lookup can still
	 * hold one. */
	keep = v->base && v->nregions && keep_view(v) == 0;
	if (v->base && v->nregions && !keep)
		guard_leave(v);
	if (v->nregions)
		ld_region_remove((uintptr_t)v->base, (uintptr_t)v->base + v->len);
	if (v->base && !keep)
		munmap(v->base, v->len);
	if (v->module >= 0)
		__atomic_fetch_or(&ld_record_module_at(v->module)->flags,
		                  LD_REC_MOD_UNLOADED, __ATOMIC_RELEASE);
	if (keep) {
		ld_view_kept_drop(v->sec); /* a guard left by an earlier view */
		v->sec->kept_view = v;
		kept_link(v->sec);
		free(v->regions);
		v->regions = NULL;
		v->nregions = 0;
		return;
	}
	free_view(v);
}
