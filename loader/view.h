/*
 * view.h — what the view files share (loader-internal: view.c, viewmap.c,
 * viewwrite.c, kept.c, uffd.c; nothing else includes it).
 *
 * A view is split by concern, each file owning the state it changes:
 *   view.c       placing a view, publishing its regions, unmapping it
 *   viewmap.c    the mmap and mprotect calls that lay its ranges out
 *   viewwrite.c  the loader's writes into it: privatize, forced writes
 *                through /proc/self/mem, seal, lock
 *   kept.c       views kept after FreeLibrary and page-table guards
 *   uffd.c       the userfaultfd copy-on-write backend
 * Calls go one way: view.c uses the four others; kept.c uses viewmap.c and
 * viewwrite.c; viewmap.c uses uffd.c; none calls back into view.c.  All
 * of them use section.h (sections, regions, the record); section.c knows
 * none of them (kept.c hears of a section leaving its base through
 * ld_section_on_leave).
 */
#ifndef DLLSHARE_LOADER_VIEW_H
#define DLLSHARE_LOADER_VIEW_H

#include <stdlib.h>
#include <sys/types.h>

#include "loader/section.h"

struct ld_view {
	struct ld_section *sec;
	uint8_t *base;
	size_t len;    /* page-rounded SizeOfImage */
	int relocated; /* relocated privately in this process */
	int rebased;   /* the section relocated once for alt base */
	int mapped;    /* place() mapped the ranges (map_direct) */
	int whole;     /* ... with map_whole (or a kept view) */
	int module;    /* record index */
	size_t nranges;
	struct ld_range *ranges;
	int *unsealed; /* per range: made writable by privatize */
	int uffd;      /* COW ranges write-protected by userfaultfd */
	size_t nregions;
	struct ld_region **regions;
	uint32_t *kept; /* kept view: pages still private from */
	size_t nkept;	/* import binding (RVAs) */
};

/* Frees v and its arrays; its memory is the caller's to unmap first. */
static inline void ld_view_free(struct ld_view *v)
{
	free(v->regions);
	free(v->ranges);
	free(v->unsealed);
	free(v->kept);
	free(v);
}

/* The name of range r of v: its section's, or "(headers)". */
static inline const char *ld_range_name(const struct ld_view *v,
					const struct ld_range *r)
{
	return r->index < 0 ? "(headers)" : v->sec->pe.sections[r->index].name;
}

/* ---- mapping the ranges (viewmap.c) ---- */

/* mmap exactly at want, never over anything: MAP_FAILED with errno
 * EEXIST when the range is taken. */
void *ld_map_at(void *want, size_t len, int prot, int flags, int fd, off_t off);
/* Reserves len bytes exactly at want; MAP_FAILED when that is taken. */
uint8_t *ld_reserve_at(uint64_t want, size_t len);
/* Reserves len bytes anywhere, 64 KiB aligned; MAP_FAILED on failure. */
uint8_t *ld_reserve_any(size_t len);
/* Nonzero when one MAP_PRIVATE mapping of the section file can carry r. */
int ld_range_private(const struct ld_range *r);
/* Maps every run of v's ranges at base: fixed is MAP_FIXED (over the
 * reservation there) or MAP_FIXED_NOREPLACE (then -EEXIST when a run's
 * range is taken, with the runs before it unmapped again).  0 or a
 * negative error with err filled. */
int ld_view_map_runs(struct ld_view *v, uint8_t *base, int fixed,
		     struct ld_error *err);
/* Maps the whole image at base with one MAP_FIXED_NOREPLACE mmap and
 * gives the runs that differ their protection: 0, -EEXIST when the range
 * is taken, or another error (nothing left mapped on failure). */
int ld_view_map_whole(struct ld_view *v, uint8_t *base, struct ld_error *err);
/* Gives the runs of a whole-image mapping at base that are not read-only
 * their protection.  0 or a negative error with err filled. */
int ld_view_protect_runs(struct ld_view *v, uint8_t *base,
			 struct ld_error *err);

/* ---- page states and forced writes (viewwrite.c) ---- */

/* The state (LD_REASON_*) of page a of region g: what made it private,
 * or 0 while it is the section file's. */
uint8_t ld_page_state(struct ld_region *g, uintptr_t a);
/* Nonzero when page a of region g is a copy-on-write page made private by
 * forced writes only (ld_view_write), never writable since. */
int ld_page_forced_only(struct ld_region *g, uintptr_t a);
/* Records page rva of v private for why after a forced write (v's
 * regions published). */
void ld_view_forced_mark(struct ld_view *v, uint32_t rva, int why);

/* ---- kept views and guards (kept.c) ---- */

/* A view kept after its unmap, or a guard, waiting to be listed. */
struct ld_kept;
/* Makes v a kept view, while its regions are still published (their
 * page states say which pages are private and why).  Returns the entry
 * to hand to ld_kept_add once the regions are gone, or NULL when v cannot
 * be kept (then nothing was changed and the caller unmaps it). */
struct ld_kept *ld_kept_keep(struct ld_view *v);
/* Lists k: from now on its view belongs to the kept-view code, which
 * unmaps and frees it.  Drops the guard an earlier view left. */
void ld_kept_add(struct ld_kept *k);
/* Leaves a page-table guard for v's section, if it has room for one. */
void ld_kept_guard(struct ld_view *v);
/* Takes v's section's kept view for v, if it has one at base, and gives
 * it its protections back: 0 (v->kept filled), or -ENOENT when there is
 * none (or it could not be made usable: then it is unmapped). */
int ld_kept_take(struct ld_view *v, uint8_t *base, struct ld_error *err);
/* A kept view taken again and published: records the pages binding left
 * private as private still, for the same reason, and frees v->kept. */
void ld_kept_mark(struct ld_view *v, const char *name);
/* Unmaps the kept views and guards in [addr, addr+len), but not those of
 * section except (NULL: none spared); returns how many. */
int ld_kept_release(uintptr_t addr, size_t len,
		    const struct ld_section *except);

/* ---- userfaultfd (uffd.c) ---- */

/* Which copy-on-write backend views use: 1 userfaultfd, 0 the fault
 * handler, or a negative error (err filled) for a DLLSHARE_COW value we
 * do not know. */
int ld_uffd_backend(struct ld_error *err);
/* Registers [p, p+len) with the userfaultfd in write-protect mode and
 * protects it: 0 or -errno.  Only when ld_uffd_backend said 1. */
int ld_uffd_protect(void *p, size_t len);

#endif
