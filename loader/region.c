/*
 * region.c — the table of mapped ranges the fault handler consults, and
 * privatization itself.
 *
 * The table is an immutable sorted array of region pointers, published
 * through one atomic pointer.  Writers (ld_view_map, ld_view_unmap) copy
 * it under a mutex, change the copy and publish it; readers take no lock
 * and allocate nothing (the fault handler is one), they load the pointer
 * and binary-search.
 *
 * Reclaiming: a reader works inside a section, entered by incrementing
 * one process-wide count before it loads the table pointer and left by
 * decrementing it after its last use of the table or of a region found
 * there (all seq_cst).  A writer publishes the new table, then reads the
 * count: zero means every reader that could have loaded an older table
 * has left, and every later one will load the new table, so the replaced
 * table and the regions it alone held cannot be in anyone's hands and are
 * freed.  Otherwise they wait on a pending list, freed by the next writer
 * that sees zero (it looks before and after its own publish: right after
 * mapping a view, a fault handler is often still in its section, held up
 * by the mmap lock).  Only writers free, under the mutex; a fault handler
 * interrupting a writer on its own thread is a reader like any other (the
 * count is then non-zero and the writer defers).  A region removed by
 * ld_region_remove stays with the table that unpublished it and goes
 * with it.  Sections are short (a lookup, one privatization), so a
 * LoadLibrary/FreeLibrary loop reuses the same few heap blocks instead
 * of growing the heap, and under faults the list waits only until the
 * next quiet moment.
 *
 * Code that finds a region through ld_region_find and uses it afterwards
 * (the view files) relies on the view being alive: a view's regions are removed
 * only when the view is unmapped.
 *
 * Privatizing a page is one mprotect to read/write of a MAP_PRIVATE
 * mapping: the faulting write then retries, and the kernel copies the
 * page atomically (other threads see either the shared page or the
 * finished copy, never a hole).  Two threads faulting on one page both
 * mprotect (harmless) and both retry; the compare-and-swap on the page's
 * state byte lets exactly one of them record the event.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "loader/section.h"

struct table {
	struct table *next; /* on the pending list */
	size_t n;	    /* r[0..n): the regions, sorted by start */
	size_t ndead;	    /* r[n..n+ndead): the ones this table unpublished */
	struct ld_region *r[];
};

static _Atomic(struct table *) current;
static _Atomic long readers;
static pthread_mutex_t writer = PTHREAD_MUTEX_INITIALIZER;
static struct table *pending; /* replaced, not yet freed (under writer) */
/* Mappings added by per-page protections, over all regions. */
static _Atomic long extra_vmas;
/* The process-wide cap: LD_FRAG_PROCESS_VMAS, or a quarter of
 * vm.max_map_count when that is lower (read once, outside the handler). */
static long process_cap = LD_FRAG_PROCESS_VMAS;

static void read_map_count(void)
{
	int fd = open("/proc/sys/vm/max_map_count", O_RDONLY | O_CLOEXEC);
	char buf[32];
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	char *end;
	long v;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return;
	buf[n] = 0;
	v = strtol(buf, &end, 10);
	if (end != buf && v / 4 < process_cap)
		process_cap = v / 4 > 64 ? v / 4 : 64;
}

/* A reader section (see the top of the file); async-signal-safe. */
static void enter(void)
{
	atomic_fetch_add_explicit(&readers, 1, memory_order_seq_cst);
}

static void leave(void)
{
	atomic_fetch_sub_explicit(&readers, 1, memory_order_seq_cst);
}

/* The region of the current table holding addr, or NULL; inside a
 * section. */
static struct ld_region *lookup(uintptr_t addr)
{
	struct table *t = atomic_load_explicit(&current, memory_order_seq_cst);
	size_t lo = 0, hi;

	if (!t)
		return NULL;
	hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		struct ld_region *r = t->r[mid];

		if (addr < r->start)
			hi = mid;
		else if (addr >= r->end)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

struct ld_region *ld_region_find(uintptr_t addr)
{
	struct ld_region *r;

	enter();
	r = lookup(addr);
	leave();
	return r;
}

struct ld_view *ld_region_view(uintptr_t addr)
{
	struct ld_region *r;
	struct ld_view *v;

	enter();
	r = lookup(addr);
	v = r ? r->view : NULL;
	leave();
	return v;
}

static void free_dead(struct table *t)
{
	for (size_t i = 0; i < t->ndead; i++)
		free(t->r[t->n + i]);
	t->ndead = 0;
}

/* Under the writer mutex, cur the published table: frees what no reader
 * can hold any more, or leaves it for a later writer. */
static void reclaim(struct table *cur)
{
	struct table *t, *next;

	if (atomic_load_explicit(&readers, memory_order_seq_cst) != 0)
		return;
	for (t = pending; t; t = next) {
		next = t->next;
		free_dead(t);
		free(t);
	}
	pending = NULL;
	/* Readers never look past cur->n. */
	free_dead(cur);
}

/* Builds the table that keeps the regions of the current one outside
 * [rm_start, rm_end), plus add[0..nadd), sorted; publishes it; frees
 * what it can. */
static int publish(struct ld_region **add, size_t nadd, uintptr_t rm_start,
		   uintptr_t rm_end)
{
	struct table *old, *t;
	size_t n = 0, dead, cap;

	pthread_mutex_lock(&writer);
	old = atomic_load_explicit(&current, memory_order_relaxed);
	if (!old)
		read_map_count();
	else /* one more chance for what the last writer left */
		reclaim(old);
	cap = (old ? old->n : 0) + nadd;
	t = malloc(sizeof *t + cap * sizeof t->r[0]);
	if (!t) {
		pthread_mutex_unlock(&writer);
		return -ENOMEM;
	}
	/* Kept regions from the front, removed ones from the back; the
	 * mappings a removed region was split into are gone with it. */
	dead = cap;
	for (size_t i = 0; old && i < old->n; i++)
		if (old->r[i]->start >= rm_end || old->r[i]->end <= rm_start) {
			t->r[n++] = old->r[i];
		} else {
			t->r[--dead] = old->r[i];
			atomic_fetch_sub(&extra_vmas,
					 atomic_load(&old->r[i]->vmas) - 1);
		}
	for (size_t i = 0; i < nadd; i++) {
		size_t j = n++;

		while (j > 0 && t->r[j - 1]->start > add[i]->start) {
			t->r[j] = t->r[j - 1];
			j--;
		}
		t->r[j] = add[i];
	}
	t->n = n;
	t->ndead = cap - dead;
	atomic_store_explicit(&current, t, memory_order_seq_cst);
	if (old) {
		old->next = pending;
		pending = old;
	}
	reclaim(t);
	pthread_mutex_unlock(&writer);
	return 0;
}

int ld_region_add(struct ld_region **regs, size_t n)
{
	return publish(regs, n, 0, 0);
}

void ld_region_remove(uintptr_t start, uintptr_t end)
{
	publish(NULL, 0, start, end);
}

/* How privatizing page idx changes the number of mappings the region is
 * split into: +1 for each neighbour still shared, -1 for each private
 * one (the kernel merges adjacent mappings of equal protection). */
static long split_delta(const struct ld_region *r, size_t idx)
{
	size_t npages = (r->end - r->start) / LD_PAGE;
	long d = 0;

	if (idx > 0)
		d += __atomic_load_n(&r->states[idx - 1], __ATOMIC_RELAXED) ? -1
									    : 1;
	if (idx + 1 < npages)
		d += __atomic_load_n(&r->states[idx + 1], __ATOMIC_RELAXED) ? -1
									    : 1;
	return d;
}

/* Too many mappings: make the whole region read/write at once.  The kernel
 * then copies each page on its first write by itself, and the region is
 * one mapping again.  The record says so (LD_REC_SEC_FRAGMENTED). */
static int defragment(struct ld_region *r)
{
	int zero = 0;
	long rc, was;

	if (!atomic_compare_exchange_strong(&r->fragmented, &zero, 1))
		return 0;
	rc = ld_sys(SYS_mprotect, (long)r->start, (long)(r->end - r->start),
		    r->wprot);
	if (rc < 0) {
		atomic_store(&r->fragmented, 0);
		return (int)rc;
	}
	/* What stays split: each run of private pages keeps its own
	 * anonymous memory and cannot merge with the next run, about
	 * half of what the region was split into. */
	was = atomic_load(&r->vmas);
	atomic_store(&r->vmas, was - (was - 1) / 2);
	atomic_fetch_sub(&extra_vmas, (was - 1) / 2);
	if (r->rsec)
		__atomic_fetch_or(&r->rsec->flags, LD_REC_SEC_FRAGMENTED,
				  __ATOMIC_RELAXED);
	if (ld_record())
		__atomic_fetch_add(&ld_record()->fragmented_sections, 1,
				   __ATOMIC_RELAXED);
	return 0;
}

int ld_region_privatize(struct ld_region *r, uintptr_t addr, int reason,
			uintptr_t pc)
{
	uintptr_t page = addr & ~(uintptr_t)(LD_PAGE - 1);
	size_t idx = (page - r->start) / LD_PAGE;
	struct ld_rec_header *h = ld_record();
	struct ld_region *ir;
	uint8_t expect = 0;
	long rc, d;

	if (!atomic_load(&r->fragmented)) {
		rc = ld_sys(SYS_mprotect, (long)page, LD_PAGE, r->wprot);
		/* ENOMEM here is vm.max_map_count: merge instead. */
		if (rc == -ENOMEM)
			rc = defragment(r);
		if (rc < 0)
			return (int)rc;
		atomic_fetch_and(ld_page_flags(r, page),
				 (uint8_t)~LD_PF_RO_PRIVATE);
	}
	if (!r->states ||
	    !__atomic_compare_exchange_n(&r->states[idx], &expect,
					 (uint8_t)reason, 0, __ATOMIC_ACQ_REL,
					 __ATOMIC_RELAXED))
		return 0;
	if (!atomic_load(&r->fragmented)) {
		d = split_delta(r, idx);
		atomic_fetch_add(&r->vmas, d);
		atomic_fetch_add(&extra_vmas, d);
	}
	if (r->rsec)
		__atomic_fetch_add(&r->rsec->private_pages, 1,
				   __ATOMIC_RELAXED);
	if (h)
		__atomic_fetch_add(&h->private_pages[reason & 7], 1,
				   __ATOMIC_RELAXED);
	enter();
	ir = pc ? lookup(pc) : NULL;
	ld_record_event(r->module, r->section,
			r->rva + (uint32_t)(page - r->start),
			ir ? ir->module : LD_REC_NO_MODULE,
			ir ? pc - ir->mod_base : pc, reason);
	leave();
	if (atomic_load(&r->vmas) > LD_FRAG_REGION_VMAS ||
	    atomic_load(&extra_vmas) > process_cap)
		defragment(r);
	return 1;
}

int ld_region_insn(uintptr_t pc, uint16_t *module, uint64_t *off)
{
	struct ld_region *ir;
	int found;

	enter();
	ir = pc ? lookup(pc) : NULL;
	found = ir != NULL;
	*module = ir ? ir->module : LD_REC_NO_MODULE;
	*off = ir ? pc - ir->mod_base : pc;
	leave();
	return found;
}

/* Gives page addr of COW region r back: maps the section file's page
 * (fd at off) again, shared and read-only, and forgets it was private.
 * The tests use it to fault on a fresh page round after round.  Not for
 * the fault handler; the caller blocks signals. */
int ld_region_reshare(struct ld_region *r, uintptr_t addr, int fd, off_t off)
{
	uintptr_t page = addr & ~(uintptr_t)(LD_PAGE - 1);
	size_t idx = (page - r->start) / LD_PAGE;
	long d;

	if (mmap((void *)page, LD_PAGE, r->wprot & ~PROT_WRITE,
		 MAP_PRIVATE | MAP_FIXED, fd, off) == MAP_FAILED)
		return -errno;
	atomic_fetch_and(ld_page_flags(r, page), (uint8_t)~LD_PF_RO_PRIVATE);
	if (!__atomic_exchange_n(&r->states[idx], 0, __ATOMIC_ACQ_REL))
		return 0;
	if (!atomic_load(&r->fragmented)) {
		d = split_delta(r, idx);
		atomic_fetch_sub(&r->vmas, d);
		atomic_fetch_sub(&extra_vmas, d);
	}
	if (r->rsec)
		__atomic_fetch_sub(&r->rsec->private_pages, 1,
				   __ATOMIC_RELAXED);
	return 0;
}

/* ---- the runtime's side (declared in ld.h) ---- */

/* The handler's side of ld_fault_resolve, inside a section. */
static enum ld_fault resolve(struct ld_region *r, void *addr,
			     enum ld_access access, void *pc)
{
	struct ld_rec_header *h = ld_record();

	if (!r)
		return LD_FAULT_NOT_OURS;
	/* Under DLLSHARE_COW=uffd the kernel resolves every first write, so
	 * a write fault there is a page made read-only since (VirtualProtect):
	 * a violation, not a page to privatize (it would fault forever).  So
	 * is a write to a page the program itself made read-only. */
	if (r->kind == LD_REGION_COW && access == LD_ACCESS_WRITE &&
	    !(r->rsec && (r->rsec->flags & LD_REC_SEC_UFFD)) &&
	    !(atomic_load(ld_page_flags(r, (uintptr_t)addr)) & LD_PF_LOCKED)) {
		if (ld_region_privatize(r, (uintptr_t)addr, LD_REC_PAGE_WRITE,
					(uintptr_t)pc) >= 0) {
			if (h)
				__atomic_fetch_add(&h->write_faults, 1,
						   __ATOMIC_RELAXED);
			return LD_FAULT_RESOLVED;
		}
	}
	if (h)
		__atomic_fetch_add(&h->access_violations, 1, __ATOMIC_RELAXED);
	return LD_FAULT_VIOLATION;
}

enum ld_fault ld_fault_resolve(void *addr, enum ld_access access, void *pc)
{
	enum ld_fault f;

	enter();
	f = resolve(lookup((uintptr_t)addr), addr, access, pc);
	leave();
	return f;
}

/* Tiny async-signal-safe formatting. */
static size_t put_str(char *buf, size_t len, size_t at, const char *s)
{
	while (s && *s && at + 1 < len)
		buf[at++] = *s++;
	if (at < len)
		buf[at] = '\0';
	return at;
}

static size_t put_hex(char *buf, size_t len, size_t at, uint64_t v)
{
	char tmp[19];
	int i = 18;

	tmp[i] = '\0';
	do {
		tmp[--i] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	tmp[--i] = 'x';
	tmp[--i] = '0';
	return put_str(buf, len, at, tmp + i);
}

/* ld_fault_describe, inside a section. */
static size_t describe(const struct ld_region *r, uintptr_t a, char *buf,
		       size_t len)
{
	size_t at = 0;

	if (!len)
		return 0;
	buf[0] = '\0';
	if (!r)
		return put_str(buf, len, 0, "(not in any image)");
	at = put_str(buf, len, at, r->mod_name);
	if (r->kind == LD_REGION_GAP || !r->sec_name) {
		at = put_str(buf, len, at, "+");
		at = put_hex(buf, len, at, a - r->mod_base);
		return put_str(buf, len, at, " (between sections)");
	}
	at = put_str(buf, len, at, "!");
	at = put_str(buf, len, at, r->sec_name);
	at = put_str(buf, len, at, "+");
	at = put_hex(buf, len, at, a - r->start);
	at = put_str(buf, len, at, " (RVA ");
	at = put_hex(buf, len, at, a - r->mod_base);
	return put_str(buf, len, at, ")");
}

size_t ld_fault_describe(const void *addr, char *buf, size_t len)
{
	size_t n;

	enter();
	n = describe(lookup((uintptr_t)addr), (uintptr_t)addr, buf, len);
	leave();
	return n;
}

/* ld_fault_section_file, inside a section. */
static size_t section_file(const struct ld_region *r, char *buf, size_t len)
{
	const struct ld_rec_module *m;

	if (!len)
		return 0;
	buf[0] = '\0';
	if (!r || !ld_record())
		return 0;
	m = ld_record_module_at(r->module);
	if (__atomic_load_n(&m->flags, __ATOMIC_ACQUIRE) & LD_REC_MOD_UNSHARED)
		return put_str(buf, len, 0,
			       "(private memory: the cache was full)");
	return put_str(buf, len, 0, m->section_file);
}

size_t ld_fault_section_file(const void *addr, char *buf, size_t len)
{
	size_t n;

	enter();
	n = section_file(lookup((uintptr_t)addr), buf, len);
	leave();
	return n;
}

int ld_prepare_write(void *addr, size_t len)
{
	uintptr_t p = (uintptr_t)addr & ~(uintptr_t)(LD_PAGE - 1);
	uintptr_t end = (uintptr_t)addr + len;
	sigset_t all, old;
	int rc = 0;

	if (!len || end < (uintptr_t)addr)
		return len ? -EFAULT : 0;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	enter();
	for (; p < end && rc >= 0; p += LD_PAGE) {
		struct ld_region *r = lookup(p);

		uint8_t f = r && r->kind == LD_REGION_COW
			? atomic_load(ld_page_flags(r, p))
			: 0;

		/* A page already private is writable, unless a forced write
		 * made it private and left it read-only. */
		if (r && r->kind == LD_REGION_COW && r->states &&
		    !atomic_load(&r->fragmented) && !(f & LD_PF_LOCKED) &&
		    (!__atomic_load_n(&r->states[(p - r->start) / LD_PAGE],
				      __ATOMIC_ACQUIRE) ||
		     (f & LD_PF_RO_PRIVATE)))
			rc = ld_region_privatize(
				r, p, LD_REC_PAGE_SYSCALL,
				(uintptr_t)__builtin_return_address(0));
	}
	leave();
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc < 0 ? rc : 0;
}
