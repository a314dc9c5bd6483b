/*
 * heap.c — kernel32: heaps (HeapCreate, HeapAlloc and the rest) and the
 * LocalAlloc/GlobalAlloc of Windows' 16-bit days, which allocate from
 * the process heap.
 *
 * A heap is a tag over malloc: its blocks are malloc blocks, so freeing
 * one through the wrong heap still works, and HeapDestroy cannot free the
 * blocks left in it.  GetProcessHeap also records the process heap in
 * the PEB (ProcessHeap), where Windows keeps it.
 */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/kernel32/kernel32.h"

/* Each block carries its requested size (HeapSize returns it, as
 * Windows does) in a 16-byte header that keeps the 16-byte alignment. */
#define HEAP_MAGIC		   0x48454150u
#define HEAP_ZERO_MEMORY	   0x8
#define HEAP_REALLOC_IN_PLACE_ONLY 0x10
struct heap {
	uint32_t magic;
};
struct block {
	size_t size;
	size_t pad;
};

static struct heap process_heap = {HEAP_MAGIC};

static struct heap *heap_of(HANDLE h)
{
	struct heap *hp = h;

	if (!hp || hp->magic != HEAP_MAGIC) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	return hp;
}

HANDLE WINAPI w32_GetProcessHeap(void)
{
	rt_peb.ProcessHeap = &process_heap;
	return &process_heap;
}

HANDLE WINAPI w32_HeapCreate(DWORD flags, SIZE_T initial, SIZE_T max)
{
	struct heap *h = malloc(sizeof(*h));

	if (!h) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	h->magic = HEAP_MAGIC;
	return h;
}

/* Blocks still allocated in the heap are not freed (they are malloc
 * blocks without a per-heap list): a leak, never a dangling pointer. */
BOOL WINAPI w32_HeapDestroy(HANDLE h)
{
	struct heap *hp = heap_of(h);

	if (!hp)
		return FALSE;
	if (hp != &process_heap) {
		hp->magic = 0;
		free(hp);
	}
	return TRUE;
}

LPVOID WINAPI w32_HeapAlloc(HANDLE h, DWORD flags, SIZE_T size)
{
	struct block *b;

	if (!heap_of(h))
		return 0;
	b = (flags & HEAP_ZERO_MEMORY) ? calloc(1, sizeof(*b) + size)
				       : malloc(sizeof(*b) + size);
	if (!b) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	b->size = size;
	return b + 1;
}

BOOL WINAPI w32_HeapFree(HANDLE h, DWORD flags, LPVOID p)
{
	if (!heap_of(h))
		return FALSE;
	if (p)
		free((struct block *)p - 1);
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
	struct block *b;
	size_t old;

	if (!heap_of(h))
		return 0;
	if (!p)
		return 0;
	b = (struct block *)p - 1;
	old = b->size;
	if (flags & HEAP_REALLOC_IN_PLACE_ONLY) {
		if (size > old && sizeof(*b) + size > malloc_usable_size(b)) {
			rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return 0;
		}
		b->size = size;
		return p;
	}
	b = realloc(b, sizeof(*b) + size);
	if (!b) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	if ((flags & HEAP_ZERO_MEMORY) && size > old)
		memset((char *)(b + 1) + old, 0, size - old);
	b->size = size;
	return b + 1;
}

BOOL WINAPI w32_HeapValidate(HANDLE h, DWORD flags, LPCVOID p)
{
	return heap_of(h) != 0;
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

/* LocalAlloc/GlobalAlloc: the process heap (LMEM_FIXED only). */
#define LMEM_ZEROINIT 0x40

LPVOID WINAPI w32_LocalAlloc(UINT flags, SIZE_T size)
{
	return w32_HeapAlloc(&process_heap,
			     (flags & LMEM_ZEROINIT) ? HEAP_ZERO_MEMORY : 0,
			     size);
}

LPVOID WINAPI w32_LocalFree(LPVOID p)
{
	w32_HeapFree(&process_heap, 0, p);
	return 0;
}

LPVOID WINAPI w32_GlobalAlloc(UINT flags, SIZE_T size)
{
	return w32_LocalAlloc(flags, size);
}

LPVOID WINAPI w32_GlobalFree(LPVOID p)
{
	return w32_LocalFree(p);
}
