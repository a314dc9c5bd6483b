/*
 * sys.h — raw system calls for the fault handler and what it calls
 * (fault.c, stack.c): no errno, no libc wrapper, async-signal-safe
 * (STYLE.md, rule 9).  Each returns the kernel's result, -errno on
 * failure.
 */
#ifndef DLLSHARE_RT_SYS_H
#define DLLSHARE_RT_SYS_H

static inline long rt_sys6(long n, long a, long b, long c, long d, long e,
			   long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

static inline long rt_sys3(long n, long a, long b, long c)
{
	return rt_sys6(n, a, b, c, 0, 0, 0);
}

#endif
