/*
 * fault.c — SIGSEGV/SIGBUS: copy-on-write privatization and Windows-style
 * access violations.
 *
 * The handler is its own small world (STYLE.md, rule 9): it runs on an
 * alternate stack, reaches loader state only through the lock-free region
 * table (ld_fault_resolve), makes raw system calls, keeps errno, and never
 * allocates, prints with stdio or takes a lock.  Three outcomes:
 *   - a first write to a copy-on-write page of an image: the loader made
 *     the page writable and recorded it; return, and the write retries
 *     (the kernel then copies the page: Windows' PAGE_WRITECOPY);
 *   - any other fault inside an image: an access violation, reported as
 *     Windows names it, and the process ends with 0xC0000005, whose low
 *     8 bits (5) are what Wine's process exits with;
 *   - a fault elsewhere: not ours; the previous handler gets it.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "loader/ld.h"
#include "runtime/core/fault.h"

#define ALT_STACK_SIZE (64 * 1024)
#define STATUS_ACCESS_VIOLATION 0xC0000005u
/* x86 page-fault error code bits (Intel SDM vol. 3, 4.7). */
#define PF_WRITE 0x2
#define PF_INSN 0x10
#define TRAP_PAGE_FAULT 14

static struct sigaction prev_segv, prev_bus;
static int installed;

static long sys3(long n, long a, long b, long c)
{
	long ret;

	__asm__ volatile("syscall"
	                 : "=a"(ret)
	                 : "a"(n), "D"(a), "S"(b), "d"(c)
	                 : "rcx", "r11", "memory");
	return ret;
}

static void out(const char *s)
{
	sys3(SYS_write, 2, (long)s, (long)strlen(s));
}

static char *fmt_hex(char *p, uint64_t v, int digits)
{
	for (int i = digits - 1; i >= 0; i--)
		p[i] = "0123456789ABCDEF"[(v >> (4 * (digits - 1 - i))) & 15];
	p[digits] = '\0';
	return p;
}

static char *fmt_dec(char *p, uint64_t v)
{
	char tmp[21];
	int i = 20;

	tmp[i] = '\0';
	do {
		tmp[--i] = '0' + v % 10;
		v /= 10;
	} while (v);
	memcpy(p, tmp + i, 21 - i);
	return p;
}

/* The report Windows' unhandled-exception path gives, in one write per
 * line so it does not mix with other threads' output. */
static void report(enum ld_access acc, void *addr, void *pc)
{
	static const char *const what[] = {"reading", "writing", "executing"};
	char line[512], num[24], desc[256];

	line[0] = '\0';
	strcat(line, "dllshare: unhandled exception 0xC0000005 "
	             "(EXCEPTION_ACCESS_VIOLATION) ");
	strcat(line, what[acc]);
	strcat(line, " address 0x");
	strcat(line, fmt_hex(num, (uintptr_t)addr, 16));
	strcat(line, ", thread ");
	strcat(line, fmt_dec(num, (uint64_t)sys3(SYS_gettid, 0, 0, 0)));
	strcat(line, "\n");
	out(line);
	ld_fault_describe(addr, desc, sizeof desc);
	line[0] = '\0';
	strcat(line, "dllshare:   address:     ");
	strcat(line, desc);
	strcat(line, "\n");
	out(line);
	ld_fault_describe(pc, desc, sizeof desc);
	line[0] = '\0';
	strcat(line, "dllshare:   instruction: 0x");
	strcat(line, fmt_hex(num, (uintptr_t)pc, 16));
	strcat(line, " ");
	strcat(line, desc);
	strcat(line, "\n");
	out(line);
}

/* `--trace`: one line per privatization, as it happens. */
static void trace(void *addr, void *pc)
{
	char line[600], desc[256], num[24];

	line[0] = '\0';
	strcat(line, "dllshare: privatize ");
	ld_fault_describe(addr, desc, sizeof desc);
	strcat(line, desc);
	strcat(line, " on first write by 0x");
	strcat(line, fmt_hex(num, (uintptr_t)pc, 16));
	strcat(line, " ");
	ld_fault_describe(pc, desc, sizeof desc);
	strcat(line, desc);
	strcat(line, "\n");
	out(line);
}

/* Hands the signal to whoever had it before us. */
static void chain(int sig, siginfo_t *si, void *ctx)
{
	const struct sigaction *old = sig == SIGBUS ? &prev_bus : &prev_segv;
	struct sigaction dfl;

	if (old->sa_flags & SA_SIGINFO) {
		if (old->sa_sigaction) {
			old->sa_sigaction(sig, si, ctx);
			return;
		}
	} else if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
		old->sa_handler(sig);
		return;
	}
	/* Default action: restore it; a fault then recurs on return and
	 * ends the process as it would have without us; a signal sent by
	 * kill() is sent again (it stays blocked until we return). */
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigaction(sig, &dfl, NULL);
	if (si->si_code <= 0)
		sys3(SYS_tgkill, sys3(SYS_getpid, 0, 0, 0),
		     sys3(SYS_gettid, 0, 0, 0), sig);
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	int saved = errno;
	greg_t err = uc->uc_mcontext.gregs[REG_ERR];
	void *pc = (void *)uc->uc_mcontext.gregs[REG_RIP];
	enum ld_access acc = err & PF_INSN    ? LD_ACCESS_EXEC
	                     : err & PF_WRITE ? LD_ACCESS_WRITE
	                                      : LD_ACCESS_READ;
	enum ld_fault f = LD_FAULT_NOT_OURS;

	if (sig == SIGSEGV && si->si_code > 0 &&
	    uc->uc_mcontext.gregs[REG_TRAPNO] == TRAP_PAGE_FAULT)
		f = ld_fault_resolve(si->si_addr, acc, pc);
	switch (f) {
	case LD_FAULT_RESOLVED:
		if (ld_trace_on)
			trace(si->si_addr, pc);
		break;
	case LD_FAULT_VIOLATION:
		report(acc, si->si_addr, pc);
		ld_record_remove();
		sys3(SYS_exit_group, (long)STATUS_ACCESS_VIOLATION, 0, 0);
		break;
	case LD_FAULT_NOT_OURS:
		chain(sig, si, ctx);
		break;
	}
	errno = saved;
}

int rt_fault_thread_init(void)
{
	stack_t ss, cur;

	if (sigaltstack(NULL, &cur) == 0 && !(cur.ss_flags & SS_DISABLE))
		return 0;
	ss.ss_sp = mmap(NULL, ALT_STACK_SIZE, PROT_READ | PROT_WRITE,
	                MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (ss.ss_sp == MAP_FAILED)
		return -errno;
	ss.ss_size = ALT_STACK_SIZE;
	ss.ss_flags = 0;
	if (sigaltstack(&ss, NULL) < 0) {
		int e = errno;

		munmap(ss.ss_sp, ALT_STACK_SIZE);
		return -e;
	}
	return 0;
}

int rt_fault_init(void)
{
	struct sigaction sa;

	if (!__atomic_exchange_n(&installed, 1, __ATOMIC_ACQ_REL)) {
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_fault;
		sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
		sigfillset(&sa.sa_mask);
		if (sigaction(SIGSEGV, &sa, &prev_segv) < 0 ||
		    sigaction(SIGBUS, &sa, &prev_bus) < 0) {
			__atomic_store_n(&installed, 0, __ATOMIC_RELEASE);
			return -errno;
		}
	}
	return rt_fault_thread_init();
}

int rt_fault_prepare_write(void *addr, size_t len)
{
	return ld_prepare_write(addr, len);
}
