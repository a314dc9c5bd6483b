/*
 * stack.c — Windows thread stacks and guard pages.
 *
 * A Windows thread stack is reserved whole (SizeOfStackReserve, or what
 * CreateThread asks) and committed from the top: SizeOfStackCommit is
 * usable, and the page below it is a guard page.  A touch of the guard
 * page commits it and makes the page below the new guard, so the stack
 * grows a page at a time as the program descends (__chkstk probes each
 * page of a large frame for that reason).  When the guard would reach the
 * bottom of the reservation, the thread gets STATUS_STACK_OVERFLOW
 * instead, with the room that is left to handle it; past that, the last
 * page is never committed, and a touch of it ends the process.
 *
 * Here the reservation is one PROT_NONE mapping; "committed" is the part
 * made read-write from the top, and the guard page is the PROT_NONE page
 * just below it.  The fault handler (fault.c) calls rt_guard_fault for
 * every page fault it does not privatize: it finds the stack or guard
 * page in a table it reads without locks, commits, and says whether to
 * retry or to raise.  The same table holds the program's own guard pages
 * (PAGE_GUARD of VirtualAlloc and VirtualProtect): PROT_NONE pages whose
 * first touch restores their protection and raises
 * STATUS_GUARD_PAGE_VIOLATION, once.
 *
 * Each stack is written down in the process record, through the
 * loader's public hooks (ld_stack_record_*: loader/recstack.c): where it
 * is, and why each page became committed (the initial commit, the guard
 * page touched by an instruction, the overflow room, a dispatch), so
 * that dllmap can draw it.  The fault handler's part is async-signal-safe.
 *
 * Windows leaves a handler a few pages after an overflow
 * (SetThreadStackGuarantee raises that); dllshare's dispatcher and the
 * program's filter run on that room too, in C code compiled for Linux,
 * so the room is at least RT_STACK_ROOM.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "runtime/core/core.h"
#include "runtime/core/sys.h"
#include "runtime/core/fault.h"

#define PAGE	      4096u
#define MAX_AREAS     4096 /* live stacks and guard pages at once */
#define RT_STACK_ROOM (64u * 1024)
/* A fault this far below the stack pointer still grows the stack: code
 * compiled for Linux (dllshare's own, running on a Windows stack for the
 * program) does not probe its frames page by page. */
#define UNPROBED_FRAME (64u * 1024)

enum area_kind { AREA_FREE, AREA_STACK, AREA_GUARD };

/* One stack or one guard page.  The fault handler reads these without a
 * lock: an area is filled, then published by storing its kind; it is
 * removed by storing AREA_FREE first. */
struct area {
	_Atomic int kind;
	uintptr_t lo, hi;	 /* reservation, or the guard page */
	_Atomic uintptr_t limit; /* stacks: lowest committed address */
	uintptr_t room;		 /* stacks: bytes kept for an overflow */
	_Atomic int overflowed;	 /* stacks: STATUS_STACK_OVERFLOW raised */
	int prot;		 /* guard pages: protection after the touch */
	struct rt_teb *teb;	 /* stacks: the thread's TEB, or NULL */
	int rec;		 /* stacks: index in the process record, or -1 */
};

/* The table of areas, in two parts: the first few in the binary, beside
 * the lock, and the rest mapped when one of them is first needed (then
 * published with a release store, for the fault handler's lock-free
 * reads).  A program with a few threads never maps the rest: a 256 KiB
 * array in the bss had the lock and the first entry on a page of their
 * own, a page fault at every start. */
#define FIRST_AREAS 8
static struct area first_areas[FIRST_AREAS];
static struct area *_Atomic more_areas; /* MAX_AREAS - FIRST_AREAS */
static pthread_mutex_t areas_lock = PTHREAD_MUTEX_INITIALIZER;

/* Area i of the table, or NULL when it lies in the part not mapped yet
 * (async-signal-safe). */
static struct area *area_i(int i)
{
	struct area *more;

	if (i < FIRST_AREAS)
		return &first_areas[i];
	more = atomic_load_explicit(&more_areas, memory_order_acquire);
	return more ? &more[i - FIRST_AREAS] : NULL;
}

/* A free area, mapping the rest of the table when the first are taken;
 * NULL when none is left.  Under areas_lock. */
static struct area *area_new(void)
{
	for (int i = 0; i < MAX_AREAS; i++) {
		struct area *a = area_i(i);

		if (!a) {
			a = mmap(NULL, (MAX_AREAS - FIRST_AREAS) * sizeof *a,
				 PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (a == MAP_FAILED)
				return NULL;
			atomic_store_explicit(&more_areas, a,
					      memory_order_release);
			return a;
		}
		if (atomic_load(&a->kind) == AREA_FREE && !a->lo)
			return a;
	}
	return NULL;
}

/* The area holding addr, or NULL; async-signal-safe. */
static struct area *area_at(uintptr_t addr)
{
	for (int i = 0; i < MAX_AREAS; i++) {
		struct area *a = area_i(i);
		int k;

		if (!a)
			break;
		k = atomic_load(&a->kind);
		if (k != AREA_FREE && addr >= a->lo && addr < a->hi)
			return a;
	}
	return NULL;
}

/* ---- thread stacks ----------------------------------------------------- */

int rt_stack_new(size_t reserve, size_t commit, struct rt_stack *out)
{
	struct area *a;
	uint8_t *base;

	reserve = (reserve + 0xffff) & ~(size_t)0xffff; /* 64 KiB granules */
	commit = (commit + PAGE - 1) & ~(size_t)(PAGE - 1);
	if (reserve < RT_STACK_ROOM * 4)
		reserve = RT_STACK_ROOM * 4;
	if (commit < PAGE)
		commit = PAGE;
	if (commit > reserve - RT_STACK_ROOM - 2 * PAGE)
		commit = reserve - RT_STACK_ROOM - 2 * PAGE;
	/* Mapped 64 KiB larger, the top granule unmapped again: the kernel
	 * puts a mapping of whole 2 MiB (the default reserve) at a 2 MiB
	 * boundary, and the stack's top page, which the thread writes
	 * first, would be alone in a 2 MiB region of address space; a
	 * region first touched costs a page-table page, and on a virtual
	 * machine as much as several page faults.  Any other size goes
	 * next to the mappings already there. */
	base = mmap(NULL, reserve + 0x10000, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1,
		    0);
	if (base == MAP_FAILED)
		return -errno;
	munmap(base + reserve, 0x10000);
	if (mprotect(base + reserve - commit, commit, PROT_READ | PROT_WRITE) <
	    0) {
		int e = errno;

		munmap(base, reserve);
		return -e;
	}
	/* The top page, which the thread's first call writes, mapped now
	 * (a page fault costs more than the system call); the rest of the
	 * commit faults in as it is used. */
	madvise(base + reserve - PAGE, PAGE, MADV_POPULATE_WRITE);
	pthread_mutex_lock(&areas_lock);
	a = area_new();
	if (a) {
		a->lo = (uintptr_t)base;
		a->hi = (uintptr_t)base + reserve;
		atomic_store(&a->limit, a->hi - commit);
		a->room = RT_STACK_ROOM;
		atomic_store(&a->overflowed, 0);
		a->teb = NULL;
		a->rec = ld_stack_record_new(a->lo, a->hi, a->hi - commit,
					     a->room);
		atomic_store(&a->kind, AREA_STACK);
	}
	pthread_mutex_unlock(&areas_lock);
	if (!a) {
		munmap(base, reserve);
		return -ENOMEM;
	}
	out->base = base;
	out->size = reserve;
	out->area = a;
	return 0;
}

void rt_stack_free(struct rt_stack *s)
{
	struct area *a = s->area;

	if (!a)
		return;
	pthread_mutex_lock(&areas_lock);
	atomic_store(&a->kind, AREA_FREE);
	a->lo = a->hi = 0;
	ld_stack_record_free(a->rec);
	a->rec = -1;
	pthread_mutex_unlock(&areas_lock);
	munmap(s->base, s->size);
	s->area = NULL;
}

/* The TEB's view of a stack (winternl.h): StackBase is the top,
 * StackLimit the lowest committed address, DeallocationStack the bottom
 * of the reservation. */
static void teb_update(struct area *a)
{
	if (a->teb) {
		a->teb->StackLimit = (void *)atomic_load(&a->limit);
		a->teb->DeallocationStack = (void *)a->lo;
	}
}

void rt_stack_attach(struct rt_stack *s, struct rt_teb *teb,
		     struct rt_stack_saved *saved)
{
	struct area *a = s->area;

	saved->base = teb->StackBase;
	saved->limit = teb->StackLimit;
	saved->dealloc = teb->DeallocationStack;
	a->teb = teb;
	teb->StackBase = (void *)a->hi;
	teb_update(a);
}

void rt_stack_detach(struct rt_stack *s, struct rt_teb *teb,
		     const struct rt_stack_saved *saved)
{
	s->area->teb = NULL;
	teb->StackBase = saved->base;
	teb->StackLimit = saved->limit;
	teb->DeallocationStack = saved->dealloc;
}

/* SetThreadStackGuarantee's value, per thread (on Windows, in the TEB). */
static __thread size_t guarantee;

int rt_stack_guarantee(size_t want, size_t *old)
{
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
	struct area *a = area_at(sp);

	*old = guarantee;
	if (want <= guarantee)
		return 0; /* never lowered */
	want = (want + PAGE - 1) & ~(size_t)(PAGE - 1);
	if (a && atomic_load(&a->kind) == AREA_STACK) {
		/* The room must leave the stack a page to run in. */
		if (want + RT_STACK_ROOM + 2 * PAGE > a->hi - a->lo)
			return -EINVAL;
		a->room = RT_STACK_ROOM + want;
		ld_stack_record_room(a->rec, a->room);
	}
	guarantee = want;
	return 0;
}

/* Commits [from, limit) of stack a (from page-aligned), moving its
 * limit down, and records why (the instruction pc, 0: none); 0 or -1.
 * Called by the fault handler for the faulting thread's own stack, so
 * nothing else moves this limit meanwhile.  After an overflow there is
 * no guard page any more. */
static int commit_down(struct area *a, uintptr_t from,
		       enum ld_stack_reason why, uintptr_t pc)
{
	uintptr_t limit = atomic_load(&a->limit);

	if (from >= limit)
		return 0;
	if (rt_sys3(SYS_mprotect, (long)from, (long)(limit - from),
		    PROT_READ | PROT_WRITE) < 0)
		return -1;
	atomic_store(&a->limit, from);
	teb_update(a);
	ld_stack_record_commit(a->rec, from, limit, why, pc, from,
			       atomic_load(&a->overflowed) || from <= a->lo
				       ? 0
				       : from - PAGE);
	return 0;
}

int rt_stack_reserve_for_dispatch(uintptr_t lo, uintptr_t sp, uintptr_t pc)
{
	struct area *a = area_at(sp > 0 ? sp - 1 : sp);

	if (!a || atomic_load(&a->kind) != AREA_STACK)
		return 0; /* a Linux stack: the kernel grows it */
	lo &= ~(uintptr_t)(PAGE - 1);
	if (lo < a->lo + PAGE)
		return -1; /* no room left: the last page stays reserved */
	return commit_down(a, lo, LD_STACK_DISPATCH, pc);
}

int rt_stack_at(uintptr_t addr, uintptr_t *lo, uintptr_t *hi, uintptr_t *limit)
{
	struct area *a = area_at(addr);

	if (!a || atomic_load(&a->kind) != AREA_STACK)
		return 0;
	*lo = a->lo;
	*hi = a->hi;
	*limit = atomic_load(&a->limit);
	return 1;
}

/* ---- guard pages of the program ----------------------------------------- */

int rt_guard_add(uintptr_t page, int prot)
{
	struct area *a;

	pthread_mutex_lock(&areas_lock);
	a = area_at(page);
	if (!a)
		a = area_new();
	if (a) {
		a->lo = page;
		a->hi = page + PAGE;
		a->prot = prot;
		atomic_store(&a->kind, AREA_GUARD);
	}
	pthread_mutex_unlock(&areas_lock);
	return a ? 0 : -ENOMEM;
}

void rt_guard_clear(uintptr_t lo, uintptr_t hi)
{
	pthread_mutex_lock(&areas_lock);
	for (int i = 0; i < MAX_AREAS && area_i(i); i++) {
		struct area *a = area_i(i);

		if (atomic_load(&a->kind) == AREA_GUARD && a->lo >= lo &&
		    a->lo < hi) {
			atomic_store(&a->kind, AREA_FREE);
			a->lo = a->hi = 0;
		}
	}
	pthread_mutex_unlock(&areas_lock);
}

int rt_guard_prot(uintptr_t page)
{
	struct area *a = area_at(page);

	return a && atomic_load(&a->kind) == AREA_GUARD ? a->prot : -1;
}

/* ---- the fault handler's part ----------------------------------------------
 */

enum rt_guard rt_guard_fault(uintptr_t addr, uintptr_t sp, uintptr_t pc,
			     W_EXCEPTION_RECORD *rec)
{
	struct area *a = area_at(addr);
	uintptr_t page = addr & ~(uintptr_t)(PAGE - 1);

	if (!a)
		return RT_GUARD_NONE;
	memset(rec, 0, sizeof *rec);
	if (atomic_load(&a->kind) == AREA_GUARD) {
		int k = AREA_GUARD;

		/* The first touch takes the guard away (once, even when two
		 * threads touch it at once). */
		if (!atomic_compare_exchange_strong(&a->kind, &k, AREA_FREE))
			return RT_GUARD_RESOLVED;
		rt_sys3(SYS_mprotect, (long)a->lo, PAGE, a->prot);
		a->lo = a->hi = 0;
		rec->ExceptionCode = STATUS_GUARD_PAGE_VIOLATION;
		rec->NumberParameters = 2;
		rec->ExceptionInformation[1] = addr; /* [0]: fault.c */
		return RT_GUARD_RAISE;
	}
	/* A stack: the guard page, or an unprobed frame just below it. */
	{
		uintptr_t limit = atomic_load(&a->limit);
		uintptr_t floor = a->lo + a->room + PAGE;

		if (page >= limit)
			return RT_GUARD_NONE; /* committed: not a stack fault */
		if (page < limit - PAGE &&
		    (sp < UNPROBED_FRAME || page < sp - UNPROBED_FRAME))
			return RT_GUARD_NONE; /* below the guard: an AV */
		if (atomic_load(&a->overflowed) || page >= floor) {
			if (page < a->lo + PAGE)
				return RT_GUARD_NONE; /* the last page */
			return commit_down(a, page,
					   page == limit - PAGE ? LD_STACK_GUARD
								: LD_STACK_FRAME,
					   pc) == 0
				       ? RT_GUARD_RESOLVED
				       : RT_GUARD_NONE;
		}
		/* The guard reached the room kept for the overflow: commit
		 * the room and raise, once. */
		atomic_store(&a->overflowed, 1);
		if (commit_down(a, a->lo + PAGE, LD_STACK_OVERFLOW, pc) < 0)
			return RT_GUARD_NONE;
		rec->ExceptionCode = STATUS_STACK_OVERFLOW;
		rec->NumberParameters = 2;
		rec->ExceptionInformation[0] = 1;
		rec->ExceptionInformation[1] = addr;
		return RT_GUARD_RAISE;
	}
}

/* ---- running Windows code on a Windows stack ------------------------------
 */

struct run {
	DWORD(WINAPI *fn)(void *);
	void *arg;
};

/* The thread's Windows stack while it runs on one. */
static __thread struct rt_stack cur_stack;
static __thread struct rt_stack_saved cur_saved;

static void *run_on(void *p)
{
	struct run *r = p;
	DWORD code;

	rt_guest_enter();
	code = r->fn(r->arg);
	rt_guest_leave();
	return (void *)(uintptr_t)code;
}

void rt_stack_run_cleanup(void)
{
	struct rt_teb *teb = rt_teb();

	if (!cur_stack.area)
		return;
	if (teb)
		rt_stack_detach(&cur_stack, teb, &cur_saved);
	rt_stack_free(&cur_stack);
}

DWORD rt_stack_run(DWORD(WINAPI *fn)(void *), void *arg, size_t reserve,
		   size_t commit)
{
	struct rt_teb *teb = rt_teb();
	struct run r = {fn, arg};
	DWORD code;

	/* A Windows stack grows through the fault handler: without it (the
	 * runtime's unit tests), the thread's own stack serves. */
	if (!teb || !rt_fault_active() || cur_stack.area ||
	    rt_stack_new(reserve, commit, &cur_stack) < 0)
		return (DWORD)(uintptr_t)run_on(&r);
	rt_stack_attach(&cur_stack, teb, &cur_saved);
	code = (DWORD)(uintptr_t)rt_call_on_stack(
		run_on, &r, (uint8_t *)cur_stack.base + cur_stack.size);
	rt_stack_run_cleanup();
	return code;
}
