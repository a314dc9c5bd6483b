/*
 * memory.c — kernel32: virtual memory — VirtualAlloc, VirtualFree,
 * VirtualProtect, VirtualQuery, FlushInstructionCache.
 *
 * VirtualAlloc regions are anonymous mappings aligned to Windows' 64 KiB
 * allocation granularity.  One reserved with MEM_WRITE_WATCH tells which
 * of its pages were written (GetWriteWatch, ResetWriteWatch: core/
 * watch.c keeps them read-only until their first write).  VirtualProtect on an image page is where
 * dllshare's sharing shows: making a copy-on-write page writable must
 * first make it private (ld_view_privatize, reason "protect"), or the
 * write would land in the shared section.  mingw's pseudo-relocation code
 * does exactly that at startup for every image it patches.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runtime/core/watch.h"
#include "runtime/kernel32/kernel32.h"

#define GRANULARITY 0x10000ul
#define PAGE	    0x1000ul

/* Allocation bases and sizes of VirtualAlloc reservations, for
 * VirtualFree(MEM_RELEASE) and VirtualQuery's AllocationBase. */
struct region {
	uintptr_t base;
	size_t size;
	DWORD prot;
};
#define MAX_REGIONS 4096
static struct region regions[MAX_REGIONS] LD_LARGE_BSS;
static pthread_mutex_t regions_lock = PTHREAD_MUTEX_INITIALIZER;

#define PAGE_NOCACHE	  0x200
#define PAGE_WRITECOMBINE 0x400

/* The Linux protection of a Windows one; -1 when it is not one Windows
 * accepts.  PAGE_GUARD is applied apart (set_prot); PAGE_NOCACHE and
 * PAGE_WRITECOMBINE only change caching, which user memory here does not
 * have, and are accepted as on Windows. */
static int prot_to_linux(DWORD p)
{
	if (p & ~0x7ffu)
		return -1;
	if ((p & PAGE_GUARD) && (p & 0xff) == PAGE_NOACCESS)
		return -1; /* Windows: ERROR_INVALID_PARAMETER */
	switch (p & 0xff) {
	case PAGE_NOACCESS: return PROT_NONE;
	case PAGE_READONLY: return PROT_READ;
	case PAGE_READWRITE:
	case PAGE_WRITECOPY: return PROT_READ | PROT_WRITE;
	case PAGE_EXECUTE: return PROT_EXEC;
	case PAGE_EXECUTE_READ: return PROT_READ | PROT_EXEC;
	case PAGE_EXECUTE_READWRITE:
	case PAGE_EXECUTE_WRITECOPY: return PROT_READ | PROT_WRITE | PROT_EXEC;
	default: return -1;
	}
}

static DWORD prot_from_linux(int lp)
{
	if (lp & PROT_EXEC)
		return lp & PROT_WRITE	 ? PAGE_EXECUTE_READWRITE
		       : lp & PROT_READ ? PAGE_EXECUTE_READ
					: PAGE_EXECUTE;
	if (lp & PROT_WRITE)
		return PAGE_READWRITE;
	return lp & PROT_READ ? PAGE_READONLY : PAGE_NOACCESS;
}

/* Gives [lo, hi) protection prot: with PAGE_GUARD the pages become
 * guard pages (inaccessible until their first touch, which raises
 * STATUS_GUARD_PAGE_VIOLATION once and restores the rest); without, any
 * guard on them goes.  0 or -1 with errno. */
static int set_prot(uintptr_t lo, uintptr_t hi, DWORD prot)
{
	int lp = prot_to_linux(prot);

	if (!(prot & PAGE_GUARD)) {
		int w;

		rt_guard_clear(lo, hi);
		w = rt_watch_protect(lo, hi, lp);
		if (w)
			return w < 0 ? -1 : 0;
		return mprotect((void *)lo, hi - lo, lp);
	}
	if (mprotect((void *)lo, hi - lo, PROT_NONE) < 0)
		return -1;
	for (uintptr_t p = lo; p < hi; p += PAGE)
		if (rt_guard_add(p, lp) < 0) {
			errno = ENOMEM;
			return -1;
		}
	return 0;
}

static DWORD prot_from_flags(const char *rwx)
{
	int r = rwx[0] == 'r', w = rwx[1] == 'w', x = rwx[2] == 'x';

	if (x)
		return w    ? PAGE_EXECUTE_READWRITE
			: r ? PAGE_EXECUTE_READ
			    : PAGE_EXECUTE;
	if (w)
		return PAGE_READWRITE;
	return r ? PAGE_READONLY : PAGE_NOACCESS;
}

static struct region *find_region(uintptr_t a)
{
	for (int i = 0; i < MAX_REGIONS; i++)
		if (regions[i].size && a >= regions[i].base &&
		    a - regions[i].base < regions[i].size)
			return &regions[i];
	return 0;
}

#define MEM_RESET	  0x80000
#define MEM_TOP_DOWN	  0x100000
#define MEM_WRITE_WATCH	  0x200000
#define MEM_PHYSICAL	  0x400000
#define MEM_RESET_UNDO	  0x1000000
#define MEM_LARGE_PAGES	  0x20000000
#define ERROR_PRIVILEGE_NOT_HELD_ 1314

/* MEM_RESET: the program no longer needs the contents of the committed
 * pages in [addr, addr+size) (whole pages inside it); the kernel may
 * drop them (MADV_FREE) and they read as the old data or as zero. */
static LPVOID reset(LPVOID addr, SIZE_T size)
{
	uintptr_t lo = ((uintptr_t)addr + PAGE - 1) & ~(PAGE - 1);
	uintptr_t hi = ((uintptr_t)addr + size) & ~(PAGE - 1);

	if (!addr || !size) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (hi > lo && madvise((void *)lo, hi - lo, MADV_FREE) != 0) {
		rt_set_last_error(ERROR_INVALID_ADDRESS);
		return 0;
	}
	return addr;
}

/* VirtualAlloc's allocation types beyond reserve and commit: top-down is
 * where mmap puts memory anyway; reset is done; write watches are kept
 * (of a new allocation; a commit in a reservation takes the flag and
 * changes nothing, as Wine); large pages need a privilege no
 * dllshare process holds (as on Windows without it); physical pages and
 * reset-undo are refused.  1: go on, 0: the call failed (last error
 * set), 2: a reset, done. */
static int alloc_type_ok(DWORD type)
{
	if (type & MEM_LARGE_PAGES) {
		rt_set_last_error(ERROR_PRIVILEGE_NOT_HELD_);
		return 0;
	}
	if (type & (MEM_PHYSICAL | MEM_RESET_UNDO))
		return rt_refuse(ERROR_NOT_SUPPORTED, "VirtualAlloc",
				 "allocation type 0x%x",
				 (unsigned)(type & (MEM_PHYSICAL |
						    MEM_RESET_UNDO)));
	if (type & ~(MEM_COMMIT | MEM_RESERVE | MEM_RESET | MEM_TOP_DOWN |
		     MEM_WRITE_WATCH) ||
	    ((type & MEM_RESET) && (type & ~MEM_RESET))) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	return type == MEM_RESET ? 2 : 1;
}

LPVOID WINAPI w32_VirtualAlloc(LPVOID addr, SIZE_T size, DWORD type, DWORD prot)
{
	int lp = prot_to_linux(prot), initial, ok = alloc_type_ok(type);
	uintptr_t a = (uintptr_t)addr;
	struct region *r;
	void *p;

	if (!ok)
		return 0;
	if (ok == 2)
		return reset(addr, size);
	if (lp < 0 || size == 0 || !(type & (MEM_COMMIT | MEM_RESERVE))) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	pthread_mutex_lock(&regions_lock);
	r = a ? find_region(a) : 0;
	if (r && !(type & MEM_RESERVE)) {
		/* Commit inside a reservation: pages become accessible and
		 * read as zero until written. */
		uintptr_t lo = a & ~(PAGE - 1);
		uintptr_t hi = (a + size + PAGE - 1) & ~(PAGE - 1);
		int bad;

		/* r is read and the pages changed under the lock: a
		 * concurrent VirtualFree(MEM_RELEASE) may otherwise unmap
		 * the region, or hand its slot to another, in between. */
		bad = hi < lo || hi - r->base > r->size ||
		      set_prot(lo, hi, prot);
		pthread_mutex_unlock(&regions_lock);
		if (bad) {
			rt_set_last_error(ERROR_INVALID_ADDRESS);
			return 0;
		}
		return (void *)lo;
	}
	pthread_mutex_unlock(&regions_lock);
	if (!(type & MEM_RESERVE) && a) {
		rt_set_last_error(ERROR_INVALID_ADDRESS);
		return 0;
	}
	size = (size + PAGE - 1) & ~(PAGE - 1);
	/* Guard pages start inaccessible (set_prot registers them). */
	initial = (type & MEM_COMMIT) && !(prot & PAGE_GUARD) ? lp : PROT_NONE;
	if (a) {
		a &= ~(GRANULARITY - 1);
		p = mmap((void *)a, size, initial,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1,
			 0);
		/* The loader may keep a freed DLL's view, or a guard page,
		 * there (loader/view.c): free on Windows, so it makes way. */
		if (p == MAP_FAILED && ld_view_kept_release(a, size) > 0)
			p = mmap((void *)a, size,
				 initial,
				 MAP_PRIVATE | MAP_ANONYMOUS |
					 MAP_FIXED_NOREPLACE,
				 -1, 0);
		if (p == MAP_FAILED) {
			rt_set_last_error(ERROR_INVALID_ADDRESS);
			return 0;
		}
	} else {
		/* Over-allocate, then trim to the 64 KiB granularity. */
		uint8_t *q = mmap(0, size + GRANULARITY,
				  initial,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		uintptr_t s, e;

		if (q == MAP_FAILED) {
			rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return 0;
		}
		s = ((uintptr_t)q + GRANULARITY - 1) & ~(GRANULARITY - 1);
		e = (uintptr_t)q + size + GRANULARITY;
		if (s > (uintptr_t)q)
			munmap(q, s - (uintptr_t)q);
		if (e > s + size)
			munmap((void *)(s + size), e - (s + size));
		p = (void *)s;
	}
	pthread_mutex_lock(&regions_lock);
	for (int i = 0; i < MAX_REGIONS; i++) {
		if (!regions[i].size) {
			regions[i].base = (uintptr_t)p;
			regions[i].size = size;
			regions[i].prot = prot;
			if ((type & MEM_WRITE_WATCH) &&
			    rt_watch_add((uintptr_t)p, size) < 0) {
				regions[i].size = 0;
				break;
			}
			/* Guard pages registered, watched ones read-only
			 * until written. */
			if ((type & MEM_COMMIT) &&
			    ((prot & PAGE_GUARD) || (type & MEM_WRITE_WATCH)) &&
			    set_prot((uintptr_t)p, (uintptr_t)p + size, prot) <
				    0) {
				rt_watch_remove((uintptr_t)p);
				regions[i].size = 0;
				break;
			}
			pthread_mutex_unlock(&regions_lock);
			return p;
		}
	}
	pthread_mutex_unlock(&regions_lock);
	/* A region not in the table could never be freed or committed. */
	munmap(p, size);
	rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return 0;
}

BOOL WINAPI w32_VirtualFree(LPVOID addr, SIZE_T size, DWORD type)
{
	uintptr_t a = (uintptr_t)addr;
	struct region *r;

	pthread_mutex_lock(&regions_lock);
	r = find_region(a);
	if (!r) {
		pthread_mutex_unlock(&regions_lock);
		rt_set_last_error(ERROR_INVALID_ADDRESS);
		return FALSE;
	}
	if (type & MEM_RELEASE) {
		if (size != 0 || a != r->base) {
			pthread_mutex_unlock(&regions_lock);
			rt_set_last_error(ERROR_INVALID_PARAMETER);
			return FALSE;
		}
		rt_guard_clear(r->base, r->base + r->size);
		rt_watch_remove(r->base);
		munmap((void *)r->base, r->size);
		r->size = 0;
		pthread_mutex_unlock(&regions_lock);
		return TRUE;
	}
	if (type & MEM_DECOMMIT) {
		/* Under the lock, as in VirtualAlloc: r stays the region. */
		uintptr_t lo = a & ~(PAGE - 1);
		uintptr_t hi = size ? (a + size + PAGE - 1) & ~(PAGE - 1)
				    : r->base + r->size;

		if (hi < lo || hi - r->base > r->size) {
			pthread_mutex_unlock(&regions_lock);
			rt_set_last_error(ERROR_INVALID_PARAMETER);
			return FALSE;
		}
		rt_guard_clear(lo, hi);
		madvise((void *)lo, hi - lo, MADV_DONTNEED);
		if (rt_watch_protect(lo, hi, PROT_NONE) == 0)
			mprotect((void *)lo, hi - lo, PROT_NONE);
		pthread_mutex_unlock(&regions_lock);
		return TRUE;
	}
	pthread_mutex_unlock(&regions_lock);
	rt_set_last_error(ERROR_INVALID_PARAMETER);
	return FALSE;
}

/* An image page as Windows describes it: MEM_IMAGE, the region clipped
 * to its PE section, and the pages of a copy-on-write mapping reported
 * PAGE_WRITECOPY (PAGE_EXECUTE_WRITECOPY), written or not — what Wine
 * reports, and what mingw's pseudo-relocation code looks for before it
 * writes (the fault handler then privatizes the page). */
static void describe_image(struct ld_view *v, uintptr_t a,
			   MEMORY_BASIC_INFORMATION *mbi)
{
	uintptr_t base = (uintptr_t)ld_view_base(v);
	uint32_t rva = (uint32_t)(a - base);
	const struct pe_image *pe = 0;

	mbi->AllocationBase = (void *)base;
	mbi->AllocationProtect = PAGE_EXECUTE_WRITECOPY;
	mbi->Type = MEM_IMAGE;
	pe = ld_section_pe(ld_view_section(v));
	if (!pe)
		return;
	for (int i = 0; i < pe->nsections; i++) {
		const struct pe_section *sec = &pe->sections[i];
		uint32_t end = (sec->vaddr + sec->vsize + PAGE - 1) &
			~(uint32_t)(PAGE - 1);
		int w = (sec->flags & 0x80000000u) != 0; /* MEM_WRITE */
		int x = (sec->flags & 0x20000000u) != 0; /* MEM_EXECUTE */
		int shared = (sec->flags & 0x10000000u) != 0;

		if (rva < sec->vaddr || rva >= end)
			continue;
		if (end - rva < mbi->RegionSize)
			mbi->RegionSize = end - rva;
		if (shared)
			return;
		/* Pages the program made read-only are what it made them
		 * (the mapping's protection), not copy-on-write. */
		if (w) {
			int locked;

			mbi->RegionSize = ld_view_lock_run(
				v, rva, (uint32_t)mbi->RegionSize, &locked);
			if (locked)
				return;
		}
		/* Writable section, or a page VirtualProtect made writable. */
		if (w || mbi->Protect == PAGE_READWRITE ||
		    mbi->Protect == PAGE_EXECUTE_READWRITE)
			mbi->Protect =
				(x || mbi->Protect == PAGE_EXECUTE_READWRITE)
				? PAGE_EXECUTE_WRITECOPY
				: PAGE_WRITECOPY;
		return;
	}
}

/* Describes the mapping around addr from /proc/self/maps. */
/* A Windows thread stack (core/stack.c) is one allocation: reserved
 * below its guard page, the guard page (PAGE_GUARD), and the committed
 * part up to the top. */
static void describe_stack(uintptr_t a, MEMORY_BASIC_INFORMATION *mbi)
{
	uintptr_t lo, hi, limit;

	if (!rt_stack_at(a, &lo, &hi, &limit))
		return;
	mbi->AllocationBase = (void *)lo;
	mbi->AllocationProtect = PAGE_READWRITE;
	mbi->Type = MEM_PRIVATE;
	if (a >= limit) {
		mbi->State = MEM_COMMIT;
		mbi->Protect = PAGE_READWRITE;
		mbi->RegionSize = hi - a;
	} else if (a >= limit - PAGE) {
		mbi->State = MEM_COMMIT;
		mbi->Protect = PAGE_READWRITE | PAGE_GUARD;
		mbi->RegionSize = limit - a;
	} else {
		mbi->State = MEM_RESERVE;
		mbi->Protect = 0;
		mbi->RegionSize = limit - PAGE - a;
	}
}

SIZE_T WINAPI w32_VirtualQuery(LPCVOID addr, MEMORY_BASIC_INFORMATION *mbi,
			       SIZE_T len)
{
	uintptr_t a = (uintptr_t)addr & ~(PAGE - 1), prev_end = 0;
	FILE *f = fopen("/proc/self/maps", "re");
	char line[512];
	int found = 0;

	if (len < sizeof(*mbi)) {
		if (f)
			fclose(f);
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	memset(mbi, 0, sizeof(*mbi));
	mbi->BaseAddress = (void *)a;
	if (!f) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		char rwx[5];

		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, rwx) != 3)
			continue;
		/* A freed DLL's view the loader keeps is free memory. */
		if (rwx[0] == '-' && rwx[1] == '-' && rwx[2] == '-' &&
		    ld_view_kept_at(lo, hi))
			continue;
		if (a < lo) {
			/* A hole between mappings. */
			mbi->AllocationBase = 0;
			mbi->RegionSize = lo - a;
			mbi->State = MEM_FREE;
			mbi->Protect = PAGE_NOACCESS;
			found = 1;
			break;
		}
		if (a >= lo && a < hi) {
			int gp = rt_guard_prot(a), wp;

			mbi->Protect = prot_from_flags(rwx);
			mbi->RegionSize = hi - a;
			mbi->AllocationBase = (void *)lo;
			mbi->AllocationProtect = mbi->Protect;
			mbi->State = MEM_COMMIT;
			mbi->Type = rwx[3] == 's' ? MEM_MAPPED : MEM_PRIVATE;
			if (gp >= 0) {
				/* Guard pages: committed, with the protection
				 * their first touch gives them, as one run. */
				uintptr_t e = a + PAGE;

				while (e < hi && rt_guard_prot(e) == gp)
					e += PAGE;
				mbi->Protect = prot_from_linux(gp) | PAGE_GUARD;
				mbi->RegionSize = e - a;
			} else if ((wp = rt_watch_prot(a)) >= 0) {
				/* A watched page: what the program asked,
				 * written or not (read-only until written). */
				uintptr_t e = a + PAGE;

				while (rt_watch_prot(e) == wp)
					e += PAGE;
				mbi->Protect = prot_from_linux(wp);
				mbi->RegionSize = e - a;
				if (wp == PROT_NONE) {
					mbi->State = MEM_RESERVE;
					mbi->Protect = 0;
				}
			} else if (mbi->Protect == PAGE_NOACCESS) {
				mbi->State = MEM_RESERVE;
				mbi->Protect = 0;
			}
			found = 1;
			break;
		}
		prev_end = hi;
	}
	fclose(f);
	(void)prev_end;
	if (!found) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	pthread_mutex_lock(&regions_lock);
	{
		struct region *r = find_region(a);

		if (r) {
			mbi->AllocationBase = (void *)r->base;
			mbi->AllocationProtect = r->prot;
			mbi->Type = MEM_PRIVATE;
		}
	}
	pthread_mutex_unlock(&regions_lock);
	{
		struct ld_view *v = ld_view_at((const void *)a);

		if (v)
			describe_image(v, a, mbi);
	}
	describe_stack(a, mbi);
	return sizeof(*mbi);
}

/* The next stretch of [*lo, hi) that lies in one image view: its view,
 * RVA and length; *lo moves past it.  0 when no image is left. */
static int image_span(uintptr_t *lo, uintptr_t hi, struct ld_view **v,
		      uint32_t *rva, uint32_t *len)
{
	while (*lo < hi) {
		struct ld_view *w = ld_view_at((const void *)*lo);
		uintptr_t base, end;

		if (!w) {
			*lo += PAGE;
			continue;
		}
		base = (uintptr_t)ld_view_base(w);
		end = base + ld_view_size(w);
		end = hi < end ? hi : end;
		*v = w;
		*rva = (uint32_t)(*lo - base);
		*len = (uint32_t)(end - *lo);
		*lo = end;
		return 1;
	}
	return 0;
}

/* Tells the loader which image pages of [lo, hi) the program made
 * read-only (locked) or writable again, for the fault handler. */
static void lock_image(uintptr_t lo, uintptr_t hi, int locked)
{
	struct ld_view *v;
	uint32_t rva, len;

	while (image_span(&lo, hi, &v, &rva, &len))
			ld_view_lock(v, rva, len, locked);
}

/* Privatizes the image pages of [lo, hi) before they become writable. */
static int privatize_image(uintptr_t lo, uintptr_t hi)
{
	struct ld_error err;
	struct ld_view *v;
	uint32_t rva, len;

	while (image_span(&lo, hi, &v, &rva, &len)) {
		if (ld_view_privatize(v, rva, len, LD_REASON_PROTECT, &err) < 0)
			return -1;
		if (ld_trace_on) {
			const char *path = ld_section_path(ld_view_section(v));
			const char *name = strrchr(path, '/');

			ld_trace("privatize %s RVA 0x%x, 0x%x bytes for "
				 "VirtualProtect",
				 name ? name + 1 : path, (unsigned)rva,
				 (unsigned)len);
		}
	}
	return 0;
}

BOOL WINAPI w32_VirtualProtect(LPVOID addr, SIZE_T size, DWORD prot, DWORD *old)
{
	uintptr_t lo = (uintptr_t)addr & ~(PAGE - 1);
	uintptr_t hi = ((uintptr_t)addr + size + PAGE - 1) & ~(PAGE - 1);
	int lp = prot_to_linux(prot);
	MEMORY_BASIC_INFORMATION mbi;

	if (lp < 0 || size == 0) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (!w32_VirtualQuery(addr, &mbi, sizeof(mbi)) ||
	    mbi.State != MEM_COMMIT) {
		rt_set_last_error(ERROR_INVALID_ADDRESS);
		return FALSE;
	}
	if (old)
		*old = mbi.Protect;
	if ((lp & PROT_WRITE) && privatize_image(lo, hi) < 0) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	/* Locked before the pages become read-only, unlocked once they are
	 * writable: a write in between is never taken for a first write. */
	if (!(lp & PROT_WRITE))
		lock_image(lo, hi, 1);
	if (set_prot(lo, hi, prot) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	if (lp & PROT_WRITE)
		lock_image(lo, hi, 0);
	return TRUE;
}

BOOL WINAPI w32_FlushInstructionCache(HANDLE process, LPCVOID addr, SIZE_T size)
{
	return TRUE; /* x86 caches are coherent */
}

/* ---- write watches ------------------------------------------------------- */

#define WRITE_WATCH_FLAG_RESET 1

/* The pages of [base, base + size), one MEM_WRITE_WATCH reservation,
 * written since the last reset: at most *count addresses, in order;
 * *count says how many, *granularity the page size.  0, or nonzero with
 * ERROR_INVALID_PARAMETER, as Windows answers. */
UINT WINAPI w32_GetWriteWatch(DWORD flags, LPVOID base, SIZE_T size,
			      LPVOID *addrs, ULONG_PTR *count, ULONG *gran)
{
	uintptr_t lo = (uintptr_t)base;
	long n;

	if ((flags & ~WRITE_WATCH_FLAG_RESET) || !size || !count || !gran ||
	    (!addrs && *count) || lo + size < lo) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return (UINT)-1;
	}
	n = rt_watch_get(lo, lo + size, flags & WRITE_WATCH_FLAG_RESET,
			 addrs, *count);
	if (n < 0) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return (UINT)-1;
	}
	*count = (ULONG_PTR)n;
	*gran = (ULONG)PAGE;
	return 0;
}

UINT WINAPI w32_ResetWriteWatch(LPVOID base, SIZE_T size)
{
	uintptr_t lo = (uintptr_t)base;

	if (!size || lo + size < lo ||
	    rt_watch_get(lo, lo + size, 1, 0, 0) < 0) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return (UINT)-1;
	}
	return 0;
}

/* ---- IsBad*Ptr ------------------------------------------------------------ */

/* Whether every byte of [p, p + n) is committed memory whose protection
 * lets it be read (write 0) or written (write 1), as VirtualQuery
 * describes it: a copy-on-write image page is writable though Linux maps
 * it read-only until its first write.  A guard page counts as bad and
 * stays guarded (Windows' probe would fire it and return TRUE). */
static BOOL accessible(const void *p, UINT_PTR n, int write)
{
	uintptr_t a = (uintptr_t)p, end = a + n;

	if (end < a)
		return FALSE;
	while (a < end) {
		MEMORY_BASIC_INFORMATION mbi;
		DWORD pr;

		if (!w32_VirtualQuery((void *)a, &mbi, sizeof(mbi)) ||
		    mbi.State != MEM_COMMIT || (mbi.Protect & PAGE_GUARD))
			return FALSE;
		/* (An execute-only page reads: x86-64 has no such pages.) */
		pr = mbi.Protect & 0xff;
		if (pr == PAGE_NOACCESS)
			return FALSE;
		if (write && pr != PAGE_READWRITE && pr != PAGE_WRITECOPY &&
		    pr != PAGE_EXECUTE_READWRITE && pr != PAGE_EXECUTE_WRITECOPY)
			return FALSE;
		a = (uintptr_t)mbi.BaseAddress + mbi.RegionSize;
	}
	return TRUE;
}

/* IsBadReadPtr: TRUE when some byte of the n at p cannot be read (n 0:
 * FALSE, whatever p). */
BOOL WINAPI w32_IsBadReadPtr(LPCVOID p, UINT_PTR n)
{
	return n && !accessible(p, n, 0);
}

BOOL WINAPI w32_IsBadWritePtr(LPVOID p, UINT_PTR n)
{
	return n && !accessible(p, n, 1);
}

BOOL WINAPI w32_IsBadHugeReadPtr(LPCVOID p, UINT_PTR n)
{
	return w32_IsBadReadPtr(p, n);
}

BOOL WINAPI w32_IsBadHugeWritePtr(LPVOID p, UINT_PTR n)
{
	return w32_IsBadWritePtr(p, n);
}

/* IsBadCodePtr: whether the byte at a function's address can be read. */
BOOL WINAPI w32_IsBadCodePtr(FARPROC fn)
{
	return w32_IsBadReadPtr((LPCVOID)fn, 1);
}

/* IsBadStringPtr: TRUE when the string at s cannot be read up to its
 * NUL or max units (max 0: FALSE, but NULL is always bad, as in Wine);
 * unit is its size in bytes. */
static BOOL bad_string(const void *s, UINT_PTR max, size_t unit)
{
	uintptr_t a = (uintptr_t)s;

	if (!s)
		return TRUE;
	if (!max)
		return FALSE;
	while (max) {
		/* The units left on this page, read once it is known. */
		uintptr_t page_end = (a | (PAGE - 1)) + 1;
		UINT_PTR here = (page_end - a + unit - 1) / unit;

		if (here > max)
			here = max;
		if (!accessible((const void *)a, here * unit, 0))
			return TRUE;
		for (UINT_PTR i = 0; i < here; i++, a += unit, max--)
			if (unit == 1 ? !*(const char *)a : !*(const WCHAR *)a)
				return FALSE;
	}
	return FALSE;
}

BOOL WINAPI w32_IsBadStringPtrA(LPCSTR s, UINT_PTR max)
{
	return bad_string(s, max, 1);
}

BOOL WINAPI w32_IsBadStringPtrW(LPCWSTR s, UINT_PTR max)
{
	return bad_string(s, max, sizeof(WCHAR));
}
