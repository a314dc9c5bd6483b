/*
 * sort.c — msvcrt's qsort and bsearch with a Windows (ms_abi)
 * comparator; bsearch probes in msvcrt's order, so which of several
 * equal keys it finds is msvcrt's answer.
 */
#include <stdlib.h>

#include "runtime/msvcrt/msvcrt.h"

static int qsort_tramp(const void *a, const void *b, void *fn)
{
	return (*(cmp_fn *)fn)(a, b);
}

void WINAPI w32_qsort(void *base, size_t n, size_t size, cmp_fn cmp)
{
	qsort_r(base, n, size, qsort_tramp, &cmp);
}

/* The search msvcrt (and Wine) do: with equal keys, which one is found
 * depends on the probe order, so it is reproduced exactly. */
void *WINAPI w32_bsearch(const void *key, const void *base, size_t n,
			 size_t size, cmp_fn cmp)
{
	ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1;

	while (lo <= hi) {
		ptrdiff_t mid = lo + (hi - lo) / 2;
		const char *p = (const char *)base + (size_t)mid * size;
		int r = cmp(key, p);

		if (r == 0)
			return (void *)p;
		if (r < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return 0;
}
