/*
 * heap.c — kernel32: heaps (HeapCreate, HeapAlloc and the rest) and the
 * LocalAlloc/GlobalAlloc of Windows' 16-bit days, which allocate from
 * the process heap.
 *
 * A heap's blocks are malloc blocks, each with a 32-byte header that
 * names its heap, its requested size (HeapSize returns it, as Windows
 * does) and links it into its heap's list: HeapDestroy frees every block
 * left in a heap, HeapValidate finds whether a pointer is one of the
 * heap's blocks (never reading memory that is not: a stray pointer is
 * looked for, not dereferenced), and HeapLock holds the list as Windows
 * holds a heap's lock.  A heap keeps what HeapCreate asked that changes
 * what a program sees: a maximum size (a fixed heap: allocations past it
 * fail) and HEAP_GENERATE_EXCEPTIONS (a failure raises STATUS_NO_MEMORY).
 * HEAP_NO_SERIALIZE is a hint (the lock is always taken, uncontended).
 * An executable heap (HEAP_CREATE_ENABLE_EXECUTE) takes its blocks from
 * mappings of their own, readable, writable and executable, whole pages
 * each (malloc's memory is not executable).  GetProcessHeap also records the process
 * heap in the PEB (ProcessHeap), where Windows keeps it.
 */
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "runtime/kernel32/kernel32.h"
#include "runtime/ntdll/ntdll.h"

#define HEAP_MAGIC		   0x48454150u
#define HEAP_NO_SERIALIZE	   0x1
#define HEAP_GENERATE_EXCEPTIONS   0x4
#define HEAP_ZERO_MEMORY	   0x8
#define HEAP_REALLOC_IN_PLACE_ONLY 0x10
#define HEAP_CREATE_ENABLE_EXECUTE 0x40000
#define STATUS_NO_MEMORY	   0xc0000017u

/* A block's header: 32 bytes, so the data keeps malloc's 16-byte
 * alignment.  The list is circular through the heap's own node. */
struct block {
	struct block *prev, *next;
	struct heap *heap;
	size_t size;
};
struct heap {
	uint32_t magic;
	DWORD flags;		/* HEAP_GENERATE_EXCEPTIONS, HEAP_NO_SERIALIZE */
	size_t max;		/* 0: grows; else the most it holds */
	_Atomic size_t used;	/* bytes in blocks, counted when max != 0 */
	int exec;		/* HEAP_CREATE_ENABLE_EXECUTE: blocks mmap'd */
	pthread_mutex_t lock;	/* the list; recursive, for HeapLock */
	struct block list;	/* its blocks */
};

static struct heap process_heap = {
	.magic = HEAP_MAGIC,
	.lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP,
	.list = {&process_heap.list, &process_heap.list, &process_heap, 0},
};

/* An allocation of size failed: ERROR_NOT_ENOUGH_MEMORY, or the
 * STATUS_NO_MEMORY exception when the heap or the call asks for one. */
static void *no_memory(struct heap *hp, DWORD flags)
{
	rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	if ((flags | hp->flags) & HEAP_GENERATE_EXCEPTIONS)
		w32_RaiseException(STATUS_NO_MEMORY, 1 /* NONCONTINUABLE */,
				   0, 0);
	return 0;
}

/* Counts size more bytes in a fixed heap: FALSE when past its maximum. */
static BOOL take(struct heap *hp, size_t size)
{
	if (!hp->max)
		return TRUE;
	if (atomic_fetch_add(&hp->used, size) + size > hp->max) {
		atomic_fetch_sub(&hp->used, size);
		return FALSE;
	}
	return TRUE;
}

static void give_back(struct heap *hp, size_t size)
{
	if (hp->max)
		atomic_fetch_sub(&hp->used, size);
}

/* The memory of blocks: malloc's, or an executable heap's own pages
 * (mapping sizes are whole pages; the header keeps the size asked). */
static size_t pages(size_t n)
{
	return (n + 4095) & ~(size_t)4095;
}

static struct block *block_alloc(struct heap *hp, size_t n, int zero)
{
	void *p;

	if (!hp->exec)
		return zero ? calloc(1, n) : malloc(n);
	p = mmap(0, pages(n), PROT_READ | PROT_WRITE | PROT_EXEC,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? 0 : p;
}

static void block_free(struct block *b)
{
	if (b->heap->exec)
		munmap(b, pages(sizeof(*b) + b->size));
	else
		free(b);
}

/* Room for n bytes (header included) where b is, without moving it. */
static int block_fits(const struct block *b, size_t n)
{
	return b->heap->exec ? n <= pages(sizeof(*b) + b->size)
			     : n <= malloc_usable_size((void *)b);
}

static struct block *block_realloc(struct block *b, size_t n)
{
	void *p;

	if (!b->heap->exec)
		return realloc(b, n);
	p = mremap(b, pages(sizeof(*b) + b->size), pages(n), MREMAP_MAYMOVE);
	return p == MAP_FAILED ? 0 : p;
}

static struct heap *heap_of(HANDLE h)
{
	struct heap *hp = h;

	if (!hp || hp->magic != HEAP_MAGIC) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	return hp;
}

static void link_block(struct heap *hp, struct block *b)
{
	b->heap = hp;
	pthread_mutex_lock(&hp->lock);
	b->prev = &hp->list;
	b->next = hp->list.next;
	hp->list.next->prev = b;
	hp->list.next = b;
	pthread_mutex_unlock(&hp->lock);
}

static void unlink_block(struct block *b)
{
	struct heap *hp = b->heap;

	pthread_mutex_lock(&hp->lock);
	b->prev->next = b->next;
	b->next->prev = b->prev;
	pthread_mutex_unlock(&hp->lock);
}

/* Is p the data of one of hp's blocks?  (The list is searched: p itself
 * is never read.)  With p null, is every block's header intact? */
static BOOL valid_in(struct heap *hp, LPCVOID p)
{
	BOOL ok = p == 0;

	pthread_mutex_lock(&hp->lock);
	for (struct block *b = hp->list.next; b != &hp->list; b = b->next) {
		if (b->heap != hp || b->next->prev != b) {
			ok = FALSE;
			break;
		}
		if (p && (LPCVOID)(b + 1) == p) {
			ok = TRUE;
			break;
		}
	}
	pthread_mutex_unlock(&hp->lock);
	return ok;
}

HANDLE WINAPI w32_GetProcessHeap(void)
{
	rt_peb.ProcessHeap = &process_heap;
	return &process_heap;
}

/* initial is how much to commit up front: malloc commits on demand,
 * which no program can tell apart. */
HANDLE WINAPI w32_HeapCreate(DWORD flags, SIZE_T initial, SIZE_T max)
{
	pthread_mutexattr_t attr;
	struct heap *h;

	if (max && initial > max) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (!(h = calloc(1, sizeof(*h)))) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	h->magic = HEAP_MAGIC;
	h->flags = flags & (HEAP_GENERATE_EXCEPTIONS | HEAP_NO_SERIALIZE);
	h->max = max;
	h->exec = (flags & HEAP_CREATE_ENABLE_EXECUTE) != 0;
	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&h->lock, &attr);
	pthread_mutexattr_destroy(&attr);
	h->list.prev = h->list.next = &h->list;
	h->list.heap = h;
	return h;
}

/* Frees the heap and every block still in it.  The process heap stays
 * (Windows' HeapDestroy of it succeeds and destroys nothing). */
BOOL WINAPI w32_HeapDestroy(HANDLE h)
{
	struct heap *hp = heap_of(h);

	if (!hp)
		return FALSE;
	if (hp == &process_heap)
		return TRUE;
	hp->magic = 0;
	for (struct block *b = hp->list.next, *next; b != &hp->list; b = next) {
		next = b->next;
		block_free(b);
	}
	pthread_mutex_destroy(&hp->lock);
	free(hp);
	return TRUE;
}

LPVOID WINAPI w32_HeapAlloc(HANDLE h, DWORD flags, SIZE_T size)
{
	struct heap *hp = heap_of(h);
	struct block *b;

	if (!hp)
		return 0;
	if (size > PTRDIFF_MAX - sizeof(*b) || !take(hp, size))
		return no_memory(hp, flags);
	b = block_alloc(hp, sizeof(*b) + size, (flags & HEAP_ZERO_MEMORY) != 0);
	if (!b) {
		give_back(hp, size);
		return no_memory(hp, flags);
	}
	b->size = size;
	link_block(hp, b);
	return b + 1;
}

/* A block freed through another heap's handle goes from its own. */
BOOL WINAPI w32_HeapFree(HANDLE h, DWORD flags, LPVOID p)
{
	struct block *b = (struct block *)p - 1;

	if (!heap_of(h))
		return FALSE;
	if (p) {
		unlink_block(b);
		give_back(b->heap, b->size);
		block_free(b);
	}
	return TRUE;
}

SIZE_T WINAPI w32_HeapSize(HANDLE h, DWORD flags, LPCVOID p)
{
	if (!heap_of(h) || !p)
		return (SIZE_T)-1;
	return ((const struct block *)p - 1)->size;
}

LPVOID WINAPI w32_HeapReAlloc(HANDLE h, DWORD flags, LPVOID p, SIZE_T size)
{
	struct heap *hp = heap_of(h);
	struct block *b, *nb;
	size_t old;

	if (!hp)
		return 0;
	if (!p)
		return 0;
	b = (struct block *)p - 1;
	hp = b->heap;
	old = b->size;
	if (size > PTRDIFF_MAX - sizeof(*b) ||
	    (size > old && !take(hp, size - old)))
		return no_memory(hp, flags);
	if (flags & HEAP_REALLOC_IN_PLACE_ONLY) {
		if (size > old && !block_fits(b, sizeof(*b) + size)) {
			give_back(hp, size - old);
			return no_memory(hp, flags);
		}
		give_back(hp, size < old ? old - size : 0);
		b->size = size;
		return p;
	}
	/* Out of the list while realloc may move it. */
	unlink_block(b);
	nb = block_realloc(b, sizeof(*b) + size);
	if (!nb) {
		link_block(hp, b);
		give_back(hp, size > old ? size - old : 0);
		return no_memory(hp, flags);
	}
	give_back(hp, size < old ? old - size : 0);
	if ((flags & HEAP_ZERO_MEMORY) && size > old)
		memset((char *)(nb + 1) + old, 0, size - old);
	nb->size = size;
	link_block(hp, nb);
	return nb + 1;
}

/* FALSE leaves the last error as it was, as Windows does. */
BOOL WINAPI w32_HeapValidate(HANDLE h, DWORD flags, LPCVOID p)
{
	struct heap *hp = h;

	if (!hp || hp->magic != HEAP_MAGIC)
		return FALSE;
	return valid_in(hp, p);
}

BOOL WINAPI w32_HeapLock(HANDLE h)
{
	struct heap *hp = heap_of(h);

	if (!hp)
		return FALSE;
	pthread_mutex_lock(&hp->lock);
	return TRUE;
}

BOOL WINAPI w32_HeapUnlock(HANDLE h)
{
	struct heap *hp = heap_of(h);

	if (!hp)
		return FALSE;
	pthread_mutex_unlock(&hp->lock);
	return TRUE;
}

/* HeapCompact: gives free memory back to the system (malloc_trim) and
 * returns the largest free block it could report: our heaps sit on
 * malloc, which does not say, so 0 with NO_ERROR, as Wine answers and as
 * Windows answers for a heap with no free block.  A handle that is not a
 * heap fails with ERROR_INVALID_HANDLE. */
SIZE_T WINAPI w32_HeapCompact(HANDLE h, DWORD flags)
{
	if (!heap_of(h)) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	malloc_trim(0);
	rt_set_last_error(ERROR_SUCCESS);
	return 0;
}

/* ---- LocalAlloc and GlobalAlloc ------------------------------------------ */

/* Win32 keeps the two families as one: blocks of the process heap.  A
 * fixed block is its own pointer.  A moveable one is a handle: locked
 * (counted) to get its memory, which may move while it is unlocked
 * (LocalReAlloc), or be discarded (size 0: no memory until reallocated).
 * A handle is a struct moveable's address + 8, never 16-aligned as the
 * process heap's blocks are, and is looked up in the list of them, so a
 * stray value is refused rather than read.  The flags other than these
 * are no-ops on Win32 too (no-compact, no-discard, share). */
#define LMEM_MOVEABLE	 0x2
#define LMEM_ZEROINIT	 0x40
#define LMEM_MODIFY	 0x80
#define LMEM_DISCARDABLE 0xf00 /* GMEM_DISCARDABLE is 0x100 of it */
#define LMEM_DISCARDED	 0x4000
#define LMEM_INVALID	 0x8000
#define LOCK_MAX	 0xff /* the count GlobalFlags has room for */

struct moveable {
	struct moveable *next;
	void *mem;		/* a process heap block, or 0: discarded */
	int lock;
	UINT discardable;	/* LMEM_DISCARDABLE or GMEM_DISCARDABLE */
};

static pthread_mutex_t moveable_lock = PTHREAD_MUTEX_INITIALIZER;
static struct moveable *moveables;

static HANDLE handle_of(struct moveable *m)
{
	return (char *)m + 8;
}

static int is_handle(HANDLE h)
{
	return ((uintptr_t)h & 15) == 8;
}

/* The moveable block of h, with moveable_lock held (the caller unlocks);
 * 0 (unlocked, ERROR_INVALID_HANDLE) when h is none. */
static struct moveable *moveable_of(HANDLE h)
{
	pthread_mutex_lock(&moveable_lock);
	for (struct moveable *m = moveables; m; m = m->next)
		if (handle_of(m) == h)
			return m;
	pthread_mutex_unlock(&moveable_lock);
	rt_set_last_error(ERROR_INVALID_HANDLE);
	return 0;
}

static HANDLE mem_alloc(UINT flags, SIZE_T size, UINT discardable)
{
	DWORD hf = (flags & LMEM_ZEROINIT) ? HEAP_ZERO_MEMORY : 0;
	struct moveable *m;

	if (!(flags & LMEM_MOVEABLE))
		return w32_HeapAlloc(&process_heap, hf, size);
	m = calloc(1, sizeof(*m));
	if (!m || (size && !(m->mem = w32_HeapAlloc(&process_heap, hf,
						      size)))) {
		free(m);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	m->discardable = (flags & LMEM_DISCARDABLE) ? discardable : 0;
	pthread_mutex_lock(&moveable_lock);
	m->next = moveables;
	moveables = m;
	pthread_mutex_unlock(&moveable_lock);
	return handle_of(m);
}

/* NULL, or h back when it is not a block (ERROR_INVALID_HANDLE). */
static HANDLE mem_free(HANDLE h)
{
	struct moveable *m, **pp;

	if (!h)
		return 0;
	if (!is_handle(h)) {
		if (!w32_HeapValidate(&process_heap, 0, h)) {
			rt_set_last_error(ERROR_INVALID_HANDLE);
			return h;
		}
		w32_HeapFree(&process_heap, 0, h);
		return 0;
	}
	if (!(m = moveable_of(h)))
		return h;
	for (pp = &moveables; *pp != m; pp = &(*pp)->next)
		;
	*pp = m->next;
	pthread_mutex_unlock(&moveable_lock);
	if (m->mem)
		w32_HeapFree(&process_heap, 0, m->mem);
	free(m);
	return 0;
}

static void *mem_lock(HANDLE h)
{
	struct moveable *m;
	void *p;

	if (!is_handle(h))
		return h; /* fixed: its own memory */
	if (!(m = moveable_of(h)))
		return 0;
	if ((p = m->mem) && m->lock < LOCK_MAX)
		m->lock++;
	pthread_mutex_unlock(&moveable_lock);
	return p;
}

/* TRUE while the block stays locked; FALSE with NO_ERROR once it is
 * not, with ERROR_NOT_LOCKED when it was not (Microsoft's documented
 * answers; Wine 8 leaves the last error). */
static BOOL mem_unlock(HANDLE h)
{
	struct moveable *m;
	BOOL still;

	if (!is_handle(h))
		return TRUE; /* fixed: never unlocked */
	if (!(m = moveable_of(h)))
		return FALSE;
	if (!m->lock) {
		pthread_mutex_unlock(&moveable_lock);
		rt_set_last_error(ERROR_NOT_LOCKED);
		return FALSE;
	}
	if (m->lock < LOCK_MAX) /* a count at its maximum stays */
		m->lock--;
	still = m->lock > 0;
	pthread_mutex_unlock(&moveable_lock);
	if (!still)
		rt_set_last_error(ERROR_SUCCESS);
	return still;
}

static SIZE_T mem_size(HANDLE h)
{
	struct moveable *m;
	SIZE_T n;

	if (!is_handle(h)) {
		if (!h || !w32_HeapValidate(&process_heap, 0, h)) {
			rt_set_last_error(ERROR_INVALID_HANDLE);
			return 0;
		}
		return w32_HeapSize(&process_heap, 0, h);
	}
	if (!(m = moveable_of(h)))
		return 0;
	n = m->mem ? w32_HeapSize(&process_heap, 0, m->mem) : 0;
	pthread_mutex_unlock(&moveable_lock);
	return n;
}

static UINT mem_flags(HANDLE h)
{
	struct moveable *m;
	UINT f;

	if (!is_handle(h))
		return w32_HeapValidate(&process_heap, 0, h) ? 0
							     : LMEM_INVALID;
	if (!(m = moveable_of(h)))
		return LMEM_INVALID;
	f = (UINT)m->lock | m->discardable | (m->mem ? 0 : LMEM_DISCARDED);
	pthread_mutex_unlock(&moveable_lock);
	return f;
}

/* The handle of the memory p: p itself when fixed, else the moveable
 * block whose memory it is. */
static HANDLE mem_handle(LPCVOID p)
{
	HANDLE h = 0;

	if (is_handle((HANDLE)p) && mem_flags((HANDLE)p) != LMEM_INVALID)
		return (HANDLE)p;
	pthread_mutex_lock(&moveable_lock);
	for (struct moveable *m = moveables; m && !h; m = m->next)
		if (m->mem && m->mem == p)
			h = handle_of(m);
	pthread_mutex_unlock(&moveable_lock);
	if (h)
		return h;
	if (w32_HeapValidate(&process_heap, 0, p))
		return (HANDLE)p;
	rt_set_last_error(ERROR_INVALID_HANDLE);
	return 0;
}

/* Resizes (size 0 of an unlocked moveable block discards it), or with
 * LMEM_MODIFY changes the flags only.  A fixed block moves only with
 * LMEM_MOVEABLE; a locked moveable one does not move at all. */
static HANDLE mem_realloc(HANDLE h, SIZE_T size, UINT flags,
			  UINT discardable)
{
	DWORD hf = (flags & LMEM_ZEROINIT) ? HEAP_ZERO_MEMORY : 0;
	struct moveable *m;
	void *p;

	if (!is_handle(h)) {
		if (flags & LMEM_MODIFY)
			return h;
		if (!w32_HeapValidate(&process_heap, 0, h)) {
			rt_set_last_error(ERROR_INVALID_HANDLE);
			return 0;
		}
		if (!(flags & LMEM_MOVEABLE))
			hf |= HEAP_REALLOC_IN_PLACE_ONLY;
		return w32_HeapReAlloc(&process_heap, hf, h, size);
	}
	if (!(m = moveable_of(h)))
		return 0;
	if (flags & LMEM_MODIFY) {
		if (flags & LMEM_DISCARDABLE)
			m->discardable = discardable;
	} else if (!size) {
		if (m->lock) {
			pthread_mutex_unlock(&moveable_lock);
			rt_set_last_error(ERROR_INVALID_PARAMETER);
			return 0;
		}
		if (m->mem)
			w32_HeapFree(&process_heap, 0, m->mem);
		m->mem = 0;
	} else {
		if (m->lock)
			hf |= HEAP_REALLOC_IN_PLACE_ONLY;
		p = m->mem ? w32_HeapReAlloc(&process_heap, hf, m->mem, size)
			   : w32_HeapAlloc(&process_heap, hf, size);
		if (!p) {
			pthread_mutex_unlock(&moveable_lock);
			return 0;
		}
		m->mem = p;
	}
	pthread_mutex_unlock(&moveable_lock);
	return h;
}

#define GMEM_DISCARDABLE 0x100

HANDLE WINAPI w32_LocalAlloc(UINT flags, SIZE_T size)
{
	return mem_alloc(flags, size, LMEM_DISCARDABLE);
}

HANDLE WINAPI w32_LocalFree(HANDLE h)
{
	return mem_free(h);
}

LPVOID WINAPI w32_LocalLock(HANDLE h)
{
	return mem_lock(h);
}

BOOL WINAPI w32_LocalUnlock(HANDLE h)
{
	return mem_unlock(h);
}

SIZE_T WINAPI w32_LocalSize(HANDLE h)
{
	return mem_size(h);
}

UINT WINAPI w32_LocalFlags(HANDLE h)
{
	return mem_flags(h);
}

HANDLE WINAPI w32_LocalHandle(LPCVOID p)
{
	return mem_handle(p);
}

HANDLE WINAPI w32_LocalReAlloc(HANDLE h, SIZE_T size, UINT flags)
{
	return mem_realloc(h, size, flags, LMEM_DISCARDABLE);
}

/* GlobalFree, GlobalLock and the rest are LocalFree's family
 * (exports.h); only what allocates keeps its own discardable flag. */
HANDLE WINAPI w32_GlobalAlloc(UINT flags, SIZE_T size)
{
	return mem_alloc(flags, size, GMEM_DISCARDABLE);
}

HANDLE WINAPI w32_GlobalReAlloc(HANDLE h, SIZE_T size, UINT flags)
{
	return mem_realloc(h, size, flags, GMEM_DISCARDABLE);
}
