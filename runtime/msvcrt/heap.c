/*
 * heap.c — msvcrt's heap: malloc, calloc, realloc, free and _msize are
 * glibc's (a block from one is freed by the other, whichever side
 * allocated it); _aligned_malloc keeps the block's real start just below
 * the aligned pointer it returns.
 */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

/* ---- malloc family ------------------------------------------------- */

void *WINAPI w32_malloc(size_t n)
{
	return malloc(n);
}

void *WINAPI w32_calloc(size_t n, size_t m)
{
	return calloc(n, m);
}

void *WINAPI w32_realloc(void *p, size_t n)
{
	return realloc(p, n);
}

void WINAPI w32_free(void *p)
{
	free(p);
}

size_t WINAPI w32__msize(void *p)
{
	return malloc_usable_size(p);
}

/* ---- aligned allocation: the block's start is kept just below ------ */

void *WINAPI w32__aligned_malloc(size_t size, size_t align)
{
	uint8_t *raw, *p;

	if (align & (align - 1)) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	if (align < sizeof(void *))
		align = sizeof(void *);
	raw = malloc(size + align + sizeof(void *));
	if (!raw) {
		*rt_errno_ptr() = W_ENOMEM;
		return 0;
	}
	p = (uint8_t *)(((uintptr_t)raw + sizeof(void *) + align - 1) &
			~(uintptr_t)(align - 1));
	((void **)p)[-1] = raw;
	return p;
}

void WINAPI w32__aligned_free(void *p)
{
	if (p)
		free(((void **)p)[-1]);
}

void *WINAPI w32__aligned_realloc(void *p, size_t size, size_t align)
{
	void *n;
	size_t old;

	if (!p)
		return w32__aligned_malloc(size, align);
	if (!size) {
		w32__aligned_free(p);
		return 0;
	}
	n = w32__aligned_malloc(size, align);
	if (!n)
		return 0;
	/* The old size is not recorded; copy what the old block can hold. */
	old = malloc_usable_size(((void **)p)[-1]) -
		(size_t)((uint8_t *)p - (uint8_t *)((void **)p)[-1]);
	memcpy(n, p, old < size ? old : size);
	w32__aligned_free(p);
	return n;
}
