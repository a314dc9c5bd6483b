/*
 * recstack.c — Windows thread stacks in the process record (format:
 * record.h, struct ld_rec_stack and the stack-page bytes).
 *
 * The runtime makes the stacks (runtime/core/stack.c); this file only
 * writes down what it did, for dllmap: the reservation, where the
 * committed part begins, where the guard page is, and for each page why
 * it became committed, with an event in the record's ring naming the
 * instruction that grew the stack.  Entries are added and freed under a
 * mutex by ordinary code; a commit is recorded by the fault handler with
 * plain and atomic stores only.  A freed entry is reused by the next
 * stack that fits in its page bytes, so threads that come and go do not
 * fill the table.
 */
#include <pthread.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "loader/section.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* Page bytes each entry owns (its first stack's npages): a reused entry
 * may hold a smaller stack.  Grown with the table (a static array for
 * every entry is a page of zeros that the first stack's record faults
 * in, beside the page of the loader's other state). */
static uint32_t *capacity, ncapacity;
/* Reserved bytes of the two tables (ld_record_reserve). */
static _Atomic uint64_t stacks_reserved, pages_reserved;

uint64_t ld_record_stack_table_at(struct ld_rec_header *h, uint64_t off)
{
	h->stacks_off = (uint32_t)off;
	h->max_stacks = LD_REC_MAX_STACKS;
	return off + LD_REC_MAX_STACKS * sizeof(struct ld_rec_stack);
}

uint64_t ld_record_stack_pages_at(struct ld_rec_header *h, uint64_t off)
{
	h->stack_pages_off = (uint32_t)off;
	h->max_stack_pages = LD_REC_MAX_STACK_PAGES;
	return off + LD_REC_MAX_STACK_PAGES;
}

/* Sets n page bytes of stack entry s to v, from byte at of them, through
 * the file (ld_record_put): a start does not touch the stack page table,
 * far from the record's other tables (a page fault and a page table). */
static void put_pages(struct ld_rec_header *h, const struct ld_rec_stack *s,
		      uint32_t at, uint32_t n, uint8_t v)
{
	uint8_t buf[256];

	memset(buf, v, sizeof buf);
	for (uint32_t done = 0; done < n;) {
		uint32_t k = n - done < sizeof buf ? n - done : sizeof buf;

		ld_record_put(h->stack_pages_off + s->first_page + at + done,
			      buf, k);
		done += k;
	}
}

static struct ld_rec_stack *stack_at(struct ld_rec_header *h, uint32_t i)
{
	return (struct ld_rec_stack *)((char *)h + h->stacks_off) + i;
}

static uint8_t *pages_of(struct ld_rec_header *h, const struct ld_rec_stack *s)
{
	return (uint8_t *)h + h->stack_pages_off + s->first_page;
}

/* A freed entry whose page bytes hold np pages, or -1. */
static int find_freed(struct ld_rec_header *h, uint32_t np)
{
	for (uint32_t i = 0; i < h->nstacks; i++)
		if ((__atomic_load_n(&stack_at(h, i)->flags, __ATOMIC_ACQUIRE) &
		     LD_REC_STACK_FREED) &&
		    capacity[i] >= np)
			return (int)i;
	return -1;
}

/* A new entry with np page bytes, or -1 when the record is full. */
static int append(struct ld_rec_header *h, uint32_t np)
{
	uint32_t i = h->nstacks;

	if (i >= h->max_stacks || np > h->max_stack_pages - h->nstack_pages)
		return -1;
	if (i >= ncapacity) {
		uint32_t n = ncapacity ? 2 * ncapacity : 16;
		uint32_t *c = realloc(capacity, n * sizeof *c);

		if (!c)
			return -1;
		capacity = c;
		ncapacity = n;
	}
	if (ld_record_reserve(&stacks_reserved, h->stacks_off,
			      (uint64_t)(i + 1) * sizeof(struct ld_rec_stack)) <
		    0 ||
	    ld_record_reserve(&pages_reserved, h->stack_pages_off,
			      (uint64_t)h->nstack_pages + np) < 0)
		return -1;
	stack_at(h, i)->first_page = h->nstack_pages;
	stack_at(h, i)->flags = LD_REC_STACK_FREED; /* not yet published */
	capacity[i] = np;
	h->nstack_pages += np;
	return (int)i;
}

long ld_record_stacks_reserve_first(const struct ld_rec_header *h)
{
	long rc = ld_record_reserve(&stacks_reserved, h->stacks_off, 1);

	return rc < 0 ? rc
		      : ld_record_reserve(&pages_reserved, h->stack_pages_off,
					  1);
}

int ld_stack_record_new(uintptr_t lo, uintptr_t hi, uintptr_t limit,
			uintptr_t room)
{
	struct ld_rec_header *h = ld_record();
	uint32_t np = (uint32_t)((hi - lo) / LD_PAGE);
	uint32_t top = (uint32_t)((limit - lo) / LD_PAGE);
	struct ld_rec_stack *s;
	struct timespec ts;
	int i, fresh;

	if (!h || h->header_size < sizeof *h || hi <= lo || limit > hi)
		return -1;
	pthread_mutex_lock(&lock);
	i = find_freed(h, np);
	fresh = i < 0;
	if (fresh && (i = append(h, np)) < 0) {
		pthread_mutex_unlock(&lock);
		return -1;
	}
	s = stack_at(h, (uint32_t)i);
	clock_gettime(CLOCK_REALTIME, &ts);
	s->tid = ld_record_tid();
	s->lo = lo;
	s->hi = hi;
	s->limit = limit;
	s->guard = limit > lo ? limit - LD_PAGE : 0;
	s->room = room;
	s->time_ns = ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	s->npages = np;
	if (!fresh) /* a new entry's bytes are the file's zeros */
		put_pages(h, s, 0, top, 0);
	put_pages(h, s, top, np - top, LD_REC_STACK_INITIAL);
	__atomic_store_n(&s->flags, 0, __ATOMIC_RELEASE);
	if (fresh)
		__atomic_store_n(&h->nstacks, (uint32_t)i + 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&lock);
	__atomic_fetch_add(&h->stack_commits[0], np - top, __ATOMIC_RELAXED);
	ld_record_event_n(LD_REC_NO_MODULE, (uint32_t)i, (uint32_t)(limit - lo),
			  LD_REC_NO_MODULE, 0, LD_STACK_INITIAL, np - top);
	return i;
}

void ld_stack_record_commit(int idx, uintptr_t from, uintptr_t to,
			    enum ld_stack_reason why, uintptr_t pc,
			    uintptr_t limit, uintptr_t guard)
{
	struct ld_rec_header *h = ld_record();
	struct ld_rec_stack *s;
	uint16_t im;
	uint64_t ioff;
	uint8_t *pg;

	if (!h || idx < 0 || (uint32_t)idx >= h->max_stacks)
		return;
	s = stack_at(h, (uint32_t)idx);
	if (from < s->lo || to > s->hi || from >= to)
		return;
	pg = pages_of(h, s);
	for (uintptr_t a = from; a < to; a += LD_PAGE)
		__atomic_store_n(&pg[(a - s->lo) / LD_PAGE], (uint8_t)why,
				 __ATOMIC_RELAXED);
	__atomic_store_n(&s->limit, limit, __ATOMIC_RELEASE);
	__atomic_store_n(&s->guard, guard, __ATOMIC_RELEASE);
	if (why == LD_STACK_OVERFLOW)
		__atomic_fetch_or(&s->flags, LD_REC_STACK_OVERFLOWED,
				  __ATOMIC_RELEASE);
	__atomic_fetch_add(&h->stack_commits[(why - LD_STACK_INITIAL) & 7],
			   (to - from) / LD_PAGE, __ATOMIC_RELAXED);
	ld_region_insn(pc, &im, &ioff);
	ld_record_event_n(LD_REC_NO_MODULE, (uint32_t)idx,
			  (uint32_t)(from - s->lo), im, ioff, why,
			  (uint32_t)((to - from) / LD_PAGE));
}

void ld_stack_record_room(int idx, uintptr_t room)
{
	struct ld_rec_header *h = ld_record();

	if (h && idx >= 0 && (uint32_t)idx < h->max_stacks)
		__atomic_store_n(&stack_at(h, (uint32_t)idx)->room, room,
				 __ATOMIC_RELEASE);
}

void ld_stack_record_free(int idx)
{
	struct ld_rec_header *h = ld_record();

	if (!h || idx < 0 || (uint32_t)idx >= h->max_stacks)
		return;
	pthread_mutex_lock(&lock);
	__atomic_store_n(&stack_at(h, (uint32_t)idx)->flags,
			 LD_REC_STACK_FREED, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&lock);
}
