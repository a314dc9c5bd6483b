/*
 * kept.c — views kept after FreeLibrary, and page-table guards.
 *
 * Windows keeps an image's section after FreeLibrary (module.c keeps the
 * last few: standby), but it unmaps the view, and mapping it again costs
 * the kernel a new mapping, new page tables, a fault for every page
 * touched and the split of the mapping by every protection change, each
 * paid again at the next unmap.  A view at its section's base is kept
 * with its section instead (and unmapped when the section is closed),
 * made what FreeLibrary makes it on Windows, memory the program no longer
 * has:
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
 *
 * This file owns what is kept: a list with at most one entry per section,
 * holding its kept view or its guard.  The dependencies go one way: this
 * file reads sections (section.h) and uses viewmap.c and viewwrite.c;
 * section.c does not know it, and tells it that a section leaves its base
 * or is closed through the function set with ld_section_on_leave, which
 * this file sets when it first lists something.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "loader/view.h"

#define GRANULE 0x10000u

struct ld_kept {
	struct ld_kept *next;
	struct ld_section *sec;
	struct ld_view *view; /* the kept view, or NULL for a guard */
	void *guard;	      /* the guard page, or NULL */
};

static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ld_kept *kept; /* one entry per section, under kept_lock */

/* The address range k's kept view or guard occupies. */
static void kept_span(const struct ld_kept *k, uintptr_t *lo, uintptr_t *hi)
{
	if (k->view) {
		*lo = (uintptr_t)k->view->base;
		*hi = *lo + k->view->len;
	} else {
		*lo = (uintptr_t)k->guard;
		*hi = *lo + LD_PAGE;
	}
}

/* The entry of sec, or NULL (lock held). */
static struct ld_kept *kept_find(const struct ld_section *sec)
{
	struct ld_kept *k = kept;

	while (k && k->sec != sec)
		k = k->next;
	return k;
}

static void kept_drop(struct ld_section *sec);

/* Puts k on the list (lock held; its section has no entry). */
static void kept_link(struct ld_kept *k)
{
	ld_section_on_leave(kept_drop);
	k->next = kept;
	kept = k;
}

/* Takes k off the list (lock held). */
static void kept_unlink(struct ld_kept *k)
{
	for (struct ld_kept **pp = &kept; *pp; pp = &(*pp)->next)
		if (*pp == k) {
			*pp = k->next;
			break;
		}
	k->next = NULL;
}

/* Unmaps what k keeps and frees it (lock held, k unlinked). */
static void kept_unmap(struct ld_kept *k)
{
	if (k->view) {
		munmap(k->view->base, k->view->len);
		ld_view_free(k->view);
	}
	if (k->guard)
		munmap(k->guard, LD_PAGE);
	free(k);
}

/* Unmaps sec's kept view or guard, if it has one: sec leaves its base
 * (ld_section_rebase) or is closed. */
static void kept_drop(struct ld_section *sec)
{
	struct ld_kept *k;

	pthread_mutex_lock(&kept_lock);
	if ((k = kept_find(sec))) {
		kept_unlink(k);
		kept_unmap(k);
	}
	pthread_mutex_unlock(&kept_lock);
}

/* Nonzero when sec has a kept view. */
static int has_kept_view(const struct ld_section *sec)
{
	struct ld_kept *k;
	int has;

	pthread_mutex_lock(&kept_lock);
	k = kept_find(sec);
	has = k && k->view;
	pthread_mutex_unlock(&kept_lock);
	return has;
}

void ld_kept_guard(struct ld_view *v)
{
	struct ld_section *sec = v->sec;
	uintptr_t end = (uintptr_t)v->base + v->len;
	uintptr_t tail = (end + GRANULE - 1) & ~(uintptr_t)(GRANULE - 1);
	struct ld_kept *k;
	void *g;

	if (v->relocated || tail == end || (uintptr_t)v->base != sec->id.base)
		return;
	for (size_t i = 0; i < v->nranges; i++)
		if (v->ranges[i].mapping == PE_MAP_SHARED_RW)
			return; /* such a section is not kept after its view */
	if (!(k = calloc(1, sizeof *k)))
		return;
	pthread_mutex_lock(&kept_lock);
	if (!kept_find(sec) &&
	    (g = ld_map_at((void *)(tail - LD_PAGE), LD_PAGE, PROT_NONE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
			   0)) != MAP_FAILED) {
		k->sec = sec;
		k->guard = g;
		kept_link(k);
		k = NULL; /* listed */
	}
	pthread_mutex_unlock(&kept_lock);
	free(k);
}

/* Discards the private pages of [from, to): the section file's come
 * back. */
static int discard(uintptr_t from, uintptr_t to)
{
	return from < to ? madvise((void *)from, to - from, MADV_DONTNEED) : 0;
}

/* Discards v's private pages but those of import binding, whose RVAs go
 * to v->kept[0..*nkept); counts the discarded ones in *ndiscard.  0 or
 * -1. */
static int discard_private(struct ld_view *v, size_t *nkept, size_t *ndiscard)
{
	uintptr_t run = 0;

	for (size_t i = 0; i < v->nregions; i++) {
		struct ld_region *g = v->regions[i];

		for (uintptr_t p = g->start; g->states && p < g->end;
		     p += LD_PAGE) {
			uint8_t st = ld_page_state(g, p);
			int keep = st == LD_REASON_BIND &&
				ld_page_forced_only(g, p);

			if (st && keep)
				v->kept[(*nkept)++] =
					(uint32_t)(p - (uintptr_t)v->base);
			*ndiscard += st && !keep;
			if (st && !keep && !run)
				run = p;
			if ((!st || keep) && run) {
				if (discard(run, p) < 0)
					return -1;
				run = 0;
			}
		}
		if (run &&
		    (i + 1 == v->nregions ||
		     v->regions[i + 1]->start != g->end)) {
			if (discard(run, g->end) < 0)
				return -1;
			run = 0;
		}
	}
	return 0;
}

struct ld_kept *ld_kept_keep(struct ld_view *v)
{
	struct ld_section *sec = v->sec;
	struct ld_kept *k;
	size_t nkept = 0, ndiscard = 0;

	if (!v->whole || v->relocated || v->rebased ||
	    (uintptr_t)v->base != sec->id.base || has_kept_view(sec))
		return NULL;
	for (size_t i = 0; i < v->nregions; i++)
		if (atomic_load(&v->regions[i]->fragmented))
			return NULL; /* the kernel made pages private unseen */
	if (!(k = calloc(1, sizeof *k)))
		return NULL;
	if (!(v->kept = malloc(v->len / LD_PAGE * sizeof *v->kept)) ||
	    discard_private(v, &nkept, &ndiscard) < 0 ||
	    mprotect(v->base, v->len, PROT_NONE) < 0) {
		free(k);
		return NULL;
	}
	v->nkept = nkept;
	if (ld_trace_on && v->module >= 0)
		ld_trace("view %s: kept with its section, inaccessible: %zu "
			 "private page%s discarded, %zu of import binding kept",
			 ld_record_module_at(v->module)->name, ndiscard,
			 ndiscard == 1 ? "" : "s", nkept);
	k->sec = sec;
	k->view = v;
	return k;
}

void ld_kept_add(struct ld_kept *k)
{
	struct ld_kept *old;

	pthread_mutex_lock(&kept_lock);
	if ((old = kept_find(k->sec))) { /* a guard left by an earlier view */
		kept_unlink(old);
		kept_unmap(old);
	}
	kept_link(k);
	pthread_mutex_unlock(&kept_lock);
}

int ld_kept_take(struct ld_view *v, uint8_t *base, struct ld_error *err)
{
	struct ld_kept *e;
	struct ld_view *k;

	pthread_mutex_lock(&kept_lock);
	e = kept_find(v->sec);
	k = e ? e->view : NULL;
	if (!k || k->base != base || k->len != v->len) {
		pthread_mutex_unlock(&kept_lock);
		return -ENOENT;
	}
	kept_unlink(e);
	pthread_mutex_unlock(&kept_lock);
	free(e);
	if (mprotect(base, v->len, PROT_READ) < 0 ||
	    ld_view_protect_runs(v, base, err) < 0) {
		munmap(k->base, k->len);
		ld_view_free(k);
		return -ENOENT;
	}
	v->kept = k->kept;
	v->nkept = k->nkept;
	k->kept = NULL;
	ld_view_free(k);
	return 0;
}

void ld_kept_mark(struct ld_view *v, const char *name)
{
	for (size_t i = 0; i < v->nkept; i++)
		ld_view_forced_mark(v, v->kept[i], LD_REASON_BIND);
	ld_trace("view %s: the one kept since its last unmap, accessible "
		 "again; %zu page%s of import binding still private",
		 name, v->nkept, v->nkept == 1 ? "" : "s");
	free(v->kept);
	v->kept = NULL;
	v->nkept = 0;
}

int ld_kept_release(uintptr_t addr, size_t len, const struct ld_section *except)
{
	struct ld_kept *k, *next;
	int n = 0;

	pthread_mutex_lock(&kept_lock);
	for (k = kept; k; k = next) {
		uintptr_t lo, hi;

		next = k->next;
		kept_span(k, &lo, &hi);
		if (k->sec != except && lo < addr + len && hi > addr) {
			kept_unlink(k);
			kept_unmap(k);
			n++;
		}
	}
	pthread_mutex_unlock(&kept_lock);
	return n;
}

int ld_view_kept_release(uintptr_t addr, size_t len)
{
	return ld_kept_release(addr, len, NULL);
}

int ld_view_kept_at(uintptr_t lo, uintptr_t hi)
{
	int in = 0;

	pthread_mutex_lock(&kept_lock);
	for (struct ld_kept *k = kept; k && !in; k = k->next) {
		uintptr_t a, b;

		kept_span(k, &a, &b);
		in = lo >= a && hi <= b;
	}
	pthread_mutex_unlock(&kept_lock);
	return in;
}
