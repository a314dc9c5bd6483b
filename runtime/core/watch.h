/*
 * watch.h — write watches (watch.c): which pages of a MEM_WRITE_WATCH
 * allocation were written since the last reset.
 */
#ifndef DLLSHARE_RT_WATCH_H
#define DLLSHARE_RT_WATCH_H

#include <stddef.h>
#include <stdint.h>

/* Watches [base, base + size), a reservation: its pages start
 * inaccessible and unwritten.  0, or -1 when out of slots or memory. */
int rt_watch_add(uintptr_t base, size_t size);
/* Forgets the watched reservation at base (MEM_RELEASE). */
void rt_watch_remove(uintptr_t base);
/* Gives the watched pages of [lo, hi) protection prot (PROT_*), less
 * write access on the pages not written since the last reset.  1 done,
 * 0 when lo is not watched (the caller protects), -1 with errno. */
int rt_watch_protect(uintptr_t lo, uintptr_t hi, int prot);
/* The fault handler's part: a write fault at addr that is a watched
 * page's first write: marked, made writable; 1 when so (retry), else 0.
 * Async-signal-safe. */
int rt_watch_fault(uintptr_t addr);
/* Marks the watched pages of [addr, addr + len) written before the
 * kernel writes there for the program (no fault would tell). */
void rt_watch_prepare_write(uintptr_t addr, size_t len);
/* The pages of [lo, hi) written since the last reset, in order, at most
 * max into out (out NULL: only counted); with reset, those listed are
 * unmarked.  The count, or -1 when [lo, hi) is not in one watch. */
long rt_watch_get(uintptr_t lo, uintptr_t hi, int reset, void **out,
		  size_t max);
/* The protection (PROT_*) a watched page was given, or -1. */
int rt_watch_prot(uintptr_t addr);

#endif
