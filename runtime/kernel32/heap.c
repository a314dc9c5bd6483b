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
 * HEAP_NO_SERIALIZE is a hint (the lock is always taken, uncontended);
 * executable heaps are refused.  GetProcessHeap also records the process
 * heap in the PEB (ProcessHeap), where Windows keeps it.
 */
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

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

	if (flags & HEAP_CREATE_ENABLE_EXECUTE)
		return (HANDLE)(intptr_t)rt_refuse(ERROR_NOT_SUPPORTED,
						   "HeapCreate",
						   "an executable heap");
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
		free(b);
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
	b = (flags & HEAP_ZERO_MEMORY) ? calloc(1, sizeof(*b) + size)
				       : malloc(sizeof(*b) + size);
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
		free(b);
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
		if (size > old && sizeof(*b) + size > malloc_usable_size(b)) {
			give_back(hp, size - old);
			return no_memory(hp, flags);
		}
		give_back(hp, size < old ? old - size : 0);
		b->size = size;
		return p;
	}
	/* Out of the list while realloc may move it. */
	unlink_block(b);
	nb = realloc(b, sizeof(*b) + size);
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

/* LocalAlloc/GlobalAlloc: fixed blocks of the process heap.  Moveable
 * memory (a handle to lock before use) is refused; the other flags are
 * no-ops on Win32 too (no-compact, no-discard, share). */
#define LMEM_MOVEABLE 0x2
#define LMEM_ZEROINIT 0x40

static LPVOID local_alloc(const char *fn, UINT flags, SIZE_T size)
{
	if (flags & LMEM_MOVEABLE)
		return (LPVOID)(intptr_t)rt_refuse(ERROR_NOT_SUPPORTED, fn,
						   "moveable memory");
	return w32_HeapAlloc(&process_heap,
			     (flags & LMEM_ZEROINIT) ? HEAP_ZERO_MEMORY : 0,
			     size);
}

LPVOID WINAPI w32_LocalAlloc(UINT flags, SIZE_T size)
{
	return local_alloc("LocalAlloc", flags, size);
}

LPVOID WINAPI w32_LocalFree(LPVOID p)
{
	w32_HeapFree(&process_heap, 0, p);
	return 0;
}

LPVOID WINAPI w32_GlobalAlloc(UINT flags, SIZE_T size)
{
	return local_alloc("GlobalAlloc", flags, size);
}

LPVOID WINAPI w32_GlobalFree(LPVOID p)
{
	return w32_LocalFree(p);
}
