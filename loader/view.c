/*
 * view.c — mapping a view of an image section into this process
 * (Windows: NtMapViewOfSection of a SEC_IMAGE section): where it goes,
 * publishing its regions and its record entry, and unmapping it.
 *
 * At the preferred base, straight there (map_direct: usually one mmap
 * of the whole image and one mprotect for the code); otherwise like
 * OpenBSD's ld.so: reserve SizeOfImage inaccessible at the base, then
 * map each range over the reservation (viewmap.c says with which
 * protection).
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
 *
 * An unmapped view at its section's base is kept, or leaves a page-table
 * guard behind (kept.c).
 *
 * This file owns a view's life: it allocates, places and frees it.  It
 * uses viewmap.c (the mappings), viewwrite.c (relocation's privatizing),
 * kept.c (taking a kept view again, keeping one) and uffd.c (the
 * backend); none of them calls back into it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "loader/view.h"

/* The fast path, when the ranges cover the whole image with no gap and
 * the section is built for the preferred base: map straight at that
 * base with MAP_FIXED_NOREPLACE (the whole image at once, or each run),
 * with no reservation to map over (mapping over one splits it, which
 * costs as much as the mapping).  Whatever another thread maps meanwhile
 * makes a run fail, not vanish.  Returns 0 (v->base set), -EEXIST when
 * the range is taken (nothing left mapped), or another error. */
static int map_direct(struct ld_view *v, uint64_t at, struct ld_error *err)
{
	uint8_t *base = (uint8_t *)(uintptr_t)at;
	uint32_t end = 0;
	int rc, whole = !v->uffd;

	for (size_t i = 0; i < v->nranges; i++) {
		if (v->ranges[i].rva != end)
			return -EEXIST;
		end += v->ranges[i].size;
		whole &= ld_range_private(&v->ranges[i]);
	}
	if (end != v->len)
		return -EEXIST;
	if (whole) {
		if ((rc = ld_kept_take(v, base, err)) == -ENOENT)
			rc = ld_view_map_whole(v, base, err);
		if (rc < 0)
			return rc;
		v->base = base;
		v->whole = 1;
		return 0;
	}
	if ((rc = ld_view_map_runs(v, base, MAP_FIXED_NOREPLACE, err)) < 0)
		return rc;
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
	ld_kept_release(sec->pref_base, v->len,
			sec->id.base == sec->pref_base && !v->uffd ? sec
								   : NULL);
	if (sec->id.base == sec->pref_base &&
	    (rc = map_direct(v, sec->pref_base, err)) != -EEXIST) {
		v->mapped = rc == 0;
		return rc;
	}
	if ((v->base = ld_reserve_at(sec->pref_base, v->len)) != MAP_FAILED)
		return ld_section_rebase(sec, sec->pref_base, err);
	if (may_rebase(sec)) {
		alt = ld_section_alt_base(sec);
		ld_view_kept_release(alt, v->len);
		if ((v->base = ld_reserve_at(alt, v->len)) != MAP_FAILED) {
			if ((rc = ld_section_rebase(sec, alt, err)) < 0)
				return rc;
			v->rebased = 1;
			return 0;
		}
		ld_trace("view %s: preferred base 0x%llx and alternative base "
			 "0x%llx both taken",
			 sec->path, (unsigned long long)sec->pref_base,
			 (unsigned long long)alt);
	}
	v->relocated = 1;
	if ((v->base = ld_reserve_any(v->len)) == MAP_FAILED)
		return ld_errf(err, -errno, "%s: reserving 0x%zx bytes: %s",
			       sec->path, v->len, strerror(errno));
	return 0;
}

/* A region of v for [start, end), not yet published. */
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
				      (v->rebased ? LD_REC_MOD_REBASED : 0) |
				      (v->sec->unshared ? LD_REC_MOD_UNSHARED
							: 0),
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
		uint32_t chars =
			r->index < 0 ? 0 : v->sec->pe.sections[r->index].flags;
		int gi, uffd;

		if (start > at) {
			if (!(g = new_region(v, at, start, LD_REGION_GAP, 0)))
				goto nomem;
			v->regions[v->nregions++] = g;
		}
		uffd = v->uffd && r->mapping == PE_MAP_COW;
		gi = ld_record_section(
			v->module, (uint32_t)i, ld_range_name(v, r), r->rva,
			r->size, chars, r->mapping,
			(r->index < 0 ? LD_REC_SEC_HEADERS : 0) |
				(v->relocated ? LD_REC_SEC_RELOCATED : 0) |
				(uffd ? LD_REC_SEC_UFFD : 0) |
				(r->mapping == PE_MAP_SHARED_RW
					 ? ld_shared_unshared(v->sec, r->index)
					 : 0),
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
		ld_trace(
			"view %s at 0x%llx, 0x%zx bytes (preferred base 0x%llx "
			"taken: the section relocated once for this base, "
			"shared)",
			name, (unsigned long long)(uintptr_t)v->base, v->len,
			(unsigned long long)v->sec->pref_base);
	else
		ld_trace("view %s at 0x%llx, 0x%zx bytes%s", name,
			 (unsigned long long)(uintptr_t)v->base, v->len,
			 v->relocated ? " (preferred base taken: relocating "
					"privately)"
				      : "");
	for (size_t i = 0; i < v->nranges; i++) {
		const struct ld_range *r = &v->ranges[i];

		ld_trace("  %-8s rva 0x%06x size 0x%06x %s %s%s",
			 ld_range_name(v, r), r->rva, r->size,
			 pe_mapping_name(r->mapping), prot_str(r->prot, p),
			 r->mapping == PE_MAP_COW
				 ? " (read-only until first write)"
				 : r->mapping == PE_MAP_WHOLE_COW
				 ? " (SectionAlignment below a page: whole "
				   "image RWX)"
				 : "");
	}
}

/* How many of v's pages are private so far (for --trace). */
static uint64_t module_private(const struct ld_view *v)
{
	uint64_t n = 0;

	for (size_t i = 0; i < v->nregions; i++)
		if (v->regions[i]->rsec)
			n += v->regions[i]->rsec->private_pages;
	return n;
}

/* ld_reloc_apply's touch: privatizes a page before relocation writes it. */
static int reloc_touch(void *ctx, uint32_t page_rva)
{
	struct ld_error err;

	return ld_view_privatize(ctx, page_rva, 1, LD_REASON_RELOC, &err) < 0;
}

int ld_view_map(struct ld_section *sec, const char *name, struct ld_view **out,
		struct ld_error *err)
{
	const struct pe_image *img = &sec->pe;
	struct ld_view *v = calloc(1, sizeof *v);
	int n, rc;
	long nrel;

	if (!v)
		return ld_errf(err, -ENOMEM, "%s: out of memory", sec->path);
	v->sec = sec;
	v->module = -1;
	if ((rc = v->uffd = ld_uffd_backend(err)) < 0 ||
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
	v->len = ((uint64_t)img->size_of_image + LD_PAGE - 1) &
		~(uint64_t)(LD_PAGE - 1);
	if ((rc = place(v, err)) < 0) {
		if (v->base == MAP_FAILED)
			v->base = NULL;
		goto fail;
	}
	if (!v->mapped &&
	    (rc = ld_view_map_runs(v, v->base, MAP_FIXED, err)) < 0)
		goto fail;
	if ((rc = publish(v, name, err)) < 0)
		goto fail;
	trace_view(v, name);
	if (v->kept)
		ld_kept_mark(v, name);
	if (v->relocated) {
		/* The section's bytes are relocated for its base, which is
		 * not ImageBase when choose_base moved it. */
		struct pe_image from = *img;

		from.image_base = sec->id.base;
		nrel = ld_reloc_apply(&from, v->base, img->size_of_image,
				      (uintptr_t)v->base, reloc_touch, v, err);
		ld_trace(
			"view %s: relocated by 0x%llx: %ld fixups, %llu pages "
			"made private",
			name,
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

void ld_view_unmap(struct ld_view *v)
{
	struct ld_kept *keep = NULL;

	if (!v)
		return;
	/* Kept, or else a guard, while the regions still say which pages
	 * are private; then the regions go: a fault in the range from now
	 * on is not ours.  region.c frees them once no lookup can still
	 * hold one. */
	if (v->base && v->nregions && !(keep = ld_kept_keep(v)))
		ld_kept_guard(v);
	if (v->nregions)
		ld_region_remove((uintptr_t)v->base,
				 (uintptr_t)v->base + v->len);
	if (v->base && !keep)
		munmap(v->base, v->len);
	if (v->module >= 0)
		__atomic_fetch_or(&ld_record_module_at(v->module)->flags,
				  LD_REC_MOD_UNLOADED, __ATOMIC_RELEASE);
	if (keep) {
		free(v->regions);
		v->regions = NULL;
		v->nregions = 0;
		ld_kept_add(keep); /* v is kept.c's from now on */
		return;
	}
	ld_view_free(v);
}
