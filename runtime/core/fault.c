/*
 * fault.c — the CPU's faults: copy-on-write privatization, guard pages,
 * and every other fault made the Windows exception it is.
 *
 * The handler is its own small world (STYLE.md, rule 9): it runs on an
 * alternate stack, reaches loader state only through the lock-free region
 * table, makes raw system calls, keeps errno, and never allocates, prints
 * with stdio or takes a lock.  In order:
 *   - a first write to a copy-on-write page of an image: the loader made
 *     the page writable and recorded it; return, and the write retries
 *     (the kernel then copies the page: Windows' PAGE_WRITECOPY).  The
 *     program never sees these faults;
 *   - a touch of a thread stack's guard page: the stack grows by a page
 *     and the write retries, as Windows' memory manager grows a stack;
 *   - any other fault of Windows code, or of dllshare code running on its
 *     behalf (a bad pointer handed to msvcrt's strlen), is an exception:
 *     the handler builds the EXCEPTION_RECORD and CONTEXT Windows would,
 *     and sends the thread, on its own stack, to the dispatcher
 *     (ntdll/dispatch.c), as Windows' kernel sends it to
 *     KiUserExceptionDispatcher;
 *   - a fault of dllshare's own code (no Windows code is running on the
 *     thread) is an internal error: one line that says so, and status 70,
 *     so that a user can always tell it from a fault of the program.
 * A signal another process sent (kill) is not a fault: it goes to the
 * previous handler.
 */
#include <asm/prctl.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <ucontext.h>
#include <unistd.h>

#include "loader/ld.h"
#include "runtime/core/core.h"
#include "runtime/core/sys.h"
#include "runtime/core/fault.h"
#include "runtime/core/watch.h"

#define ALT_STACK_SIZE (64 * 1024)
/* x86 page-fault error code bits (Intel SDM vol. 3, 4.7). */
#define PF_WRITE 0x2
#define PF_INSN 0x10
/* x86 exception vectors (Intel SDM vol. 3, 6.3.1). */
#define TRAP_DIVIDE 0
#define TRAP_GP 13
#define TRAP_PAGE_FAULT 14
#define TRAP_X87 16
#define TRAP_SIMD 19
/* The x86 flags the dispatcher must not inherit from the faulting code:
 * trap, direction, alignment check. */
#define EFLAGS_TF 0x100
#define EFLAGS_CLEAR (EFLAGS_TF | 0x400 | 0x40000)
#define MXCSR_DEFAULT 0x1f80
#define INTERNAL_STATUS 70 /* EX_SOFTWARE: dllshare itself failed */

/* Windows' access codes in ExceptionInformation[0]. */
#define ACCESS_READ 0
#define ACCESS_WRITE 1
#define ACCESS_EXEC 8

static const int signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP};
#define NSIGNALS (sizeof(signals) / sizeof(signals[0]))
static struct sigaction prev[NSIGNALS];
static int installed;

/* How deep the thread is in Windows code: call_entry, DllMain and
 * thread procedures raise it (rt_guest_enter), so a fault of dllshare's
 * code under them is the program's exception, not dllshare's. */
static __thread int guest_depth;

void rt_guest_enter(void)
{
	guest_depth++;
}

void rt_guest_leave(void)
{
	guest_depth--;
}

static void out(const char *s)
{
	rt_sys3(SYS_write, 2, (long)s, (long)strlen(s));
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

static struct sigaction *prev_of(int sig)
{
	for (size_t i = 0; i < NSIGNALS; i++)
		if (signals[i] == sig)
			return &prev[i];
	return &prev[0];
}

/* Hands the signal to whoever had it before us. */
static void chain(int sig, siginfo_t *si, void *ctx)
{
	const struct sigaction *old = prev_of(sig);
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
	/* Default action: restore it; a signal sent by kill() is sent
	 * again (it stays blocked until we return). */
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigaction(sig, &dfl, NULL);
	if (si->si_code <= 0)
		rt_sys3(SYS_tgkill, rt_sys3(SYS_getpid, 0, 0, 0),
		        rt_sys3(SYS_gettid, 0, 0, 0), sig);
}

/* A fault of dllshare's own code: say so, and end with a status of our
 * own (a sanitizer's handler, when there is one, reports it first). */
static void internal(int sig, siginfo_t *si, ucontext_t *uc)
{
	static const char *const names[] = {
		[SIGSEGV] = "SIGSEGV", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
		[SIGILL] = "SIGILL",   [SIGTRAP] = "SIGTRAP"};
	const struct sigaction *old = prev_of(sig);
	char line[256], num[24];

	line[0] = '\0';
	strcat(line, "dllshare: internal error: ");
	strcat(line, names[sig]);
	strcat(line, " at address 0x");
	strcat(line, fmt_hex(num, (uintptr_t)si->si_addr, 16));
	strcat(line, ", instruction 0x");
	strcat(line, fmt_hex(num, (uint64_t)uc->uc_mcontext.gregs[REG_RIP],
	                     16));
	strcat(line, " in dllshare, thread ");
	strcat(line, fmt_dec(num, (uint64_t)rt_sys3(SYS_gettid, 0, 0, 0)));
	strcat(line, " (a bug in dllshare, not in the program)\n");
	out(line);
	if ((old->sa_flags & SA_SIGINFO) ? old->sa_sigaction != NULL
	                                 : (old->sa_handler != SIG_DFL &&
	                                    old->sa_handler != SIG_IGN)) {
		chain(sig, si, uc);
		return;
	}
	ld_record_remove();
	rt_sys3(SYS_exit_group, INTERNAL_STATUS, 0, 0);
}

/* ---- the exception -------------------------------------------------- */

/* An exception of the program that cannot be dispatched: its stack has
 * no room left (a second overflow).  Windows ends such a process at
 * once, with the exception's code. */
static void unhandled_no_room(const W_EXCEPTION_RECORD *rec, uint64_t rip)
{
	char line[200], num[24];

	line[0] = '\0';
	strcat(line, "dllshare: unhandled exception 0x");
	strcat(line, fmt_hex(num, rec->ExceptionCode, 8));
	strcat(line, " at 0x");
	strcat(line, fmt_hex(num, rip, 16));
	strcat(line, ": no stack left to handle it\n");
	out(line);
	ld_record_remove();
	rt_report_exit(rec->ExceptionCode);
	rt_sys3(SYS_exit_group, rec->ExceptionCode & 0xff, 0, 0);
}

/* The record and context the dispatcher gets, built on the faulting
 * thread's stack below its stack pointer. */
struct hw_frame {
	W_CONTEXT ctx;
	W_EXCEPTION_RECORD rec;
};

/* Reads n bytes at p without faulting, through the kernel (0 on
 * success, -1 when they are not readable). */
static int peek(const void *p, void *buf, size_t n)
{
	struct iovec local = {buf, n}, remote = {(void *)p, n};

	return rt_sys6(SYS_process_vm_readv, rt_sys3(SYS_getpid, 0, 0, 0),
	            (long)&local, 1, (long)&remote, 1, 0) == (long)n
	           ? 0
	           : -1;
}

/* Is the instruction at pc one user mode may not run (#GP rather than a
 * bad address)?  hlt, cli/sti, in/out, clts, and moves to or from
 * control and debug registers: Windows' STATUS_PRIVILEGED_INSTRUCTION. */
static int privileged_at(const uint8_t *pc)
{
	uint8_t b[4];
	int i = 0;

	if (peek(pc, b, sizeof b) < 0)
		return 0;
	while (i < 3 && (b[i] == 0x66 || b[i] == 0xf2 || b[i] == 0xf3 ||
	                 (b[i] & 0xf0) == 0x40))
		i++;
	switch (b[i]) {
	case 0xf4: /* hlt */
	case 0xfa: /* cli */
	case 0xfb: /* sti */
	case 0xe4: case 0xe5: case 0xe6: case 0xe7: /* in/out imm8 */
	case 0xec: case 0xed: case 0xee: case 0xef: /* in/out dx */
	case 0x6c: case 0x6d: case 0x6e: case 0x6f: /* ins/outs */
		return 1;
	case 0x0f:
		return b[i + 1] == 0x06 ||                        /* clts */
		       (b[i + 1] >= 0x20 && b[i + 1] <= 0x23) ||  /* mov cr/dr */
		       b[i + 1] == 0x08 || b[i + 1] == 0x09 ||    /* invd, wbinvd */
		       b[i + 1] == 0x30 || b[i + 1] == 0x32;      /* wrmsr, rdmsr */
	}
	return 0;
}

/* The general registers in the x86 encoding's order (ModRM, SIB), which
 * is also the order of CONTEXT's Rax..R15. */
static const int reg_of[16] = {
	REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
	REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
};

/* Is the divisor of the div or idiv at pc nonzero?  The CPU raises one
 * divide error for a zero divisor and for a quotient too big for its
 * register (INT_MIN / -1); Windows' kernel tells them apart by decoding
 * the instruction and reading the divisor, and reports the second as
 * STATUS_INTEGER_OVERFLOW.  So does this: legacy prefixes, REX, then
 * F6 /6 /7 (8-bit) or F7 /6 /7, the divisor a register or memory
 * (ModRM, SIB, displacement, rip-relative, fs/gs).  0 when the divisor
 * is zero or cannot be read. */
static int divisor_nonzero(const ucontext_t *uc, uint64_t pc)
{
	const greg_t *g = uc->uc_mcontext.gregs;
	uint8_t b[15] = {0};
	int i = 0, rex = 0, opsize = 0, addr32 = 0, seg = 0, len;
	uint64_t ea = 0, v = 0;
	size_t n = 4096 - (pc & 4095); /* not past a page it may not have */

	if (peek((const void *)pc, b, n < sizeof b ? n : sizeof b) < 0)
		return 0;
	for (;; i++) {
		if (i >= 11)
			return 0;
		if (b[i] == 0x66)
			opsize = 1;
		else if (b[i] == 0x67)
			addr32 = 1;
		else if (b[i] == 0x64 || b[i] == 0x65)
			seg = b[i];
		else if (b[i] != 0xf0 && b[i] != 0xf2 && b[i] != 0xf3 &&
		         b[i] != 0x2e && b[i] != 0x36 && b[i] != 0x3e &&
		         b[i] != 0x26)
			break;
	}
	if ((b[i] & 0xf0) == 0x40)
		rex = b[i++];
	if (b[i] != 0xf6 && b[i] != 0xf7)
		return 0;
	len = b[i] == 0xf6 ? 1 : rex & 8 ? 8 : opsize ? 2 : 4;
	uint8_t modrm = b[++i], mod = modrm >> 6, rm = modrm & 7;

	if (((modrm >> 3) & 7) < 6)
		return 0; /* not div or idiv */
	i++;
	if (mod == 3) {
		int r = rm | (rex & 1) << 3;

		v = (uint64_t)g[reg_of[r]];
		if (len == 1 && !rex && rm >= 4)
			v = (uint64_t)g[reg_of[rm - 4]] >> 8; /* ah, ch, dh, bh */
	} else {
		if (rm == 4) { /* SIB */
			uint8_t sib = b[i++];
			int base = (sib & 7) | (rex & 1) << 3;
			int index = (sib >> 3 & 7) | (rex & 2) << 2;

			if (index != 4)
				ea += (uint64_t)g[reg_of[index]] << (sib >> 6);
			if ((sib & 7) == 5 && mod == 0) {
				int32_t d;

				memcpy(&d, b + i, 4);
				ea += (uint64_t)(int64_t)d;
				i += 4;
			} else {
				ea += (uint64_t)g[reg_of[base]];
			}
		} else if (rm == 5 && mod == 0) { /* rip-relative */
			int32_t d;

			memcpy(&d, b + i, 4);
			i += 4;
			ea = pc + (uint64_t)i + (uint64_t)(int64_t)d;
		} else {
			ea = (uint64_t)g[reg_of[rm | (rex & 1) << 3]];
		}
		if (mod == 1) {
			ea += (uint64_t)(int64_t)(int8_t)b[i];
		} else if (mod == 2) {
			int32_t d;

			memcpy(&d, b + i, 4);
			ea += (uint64_t)(int64_t)d;
		}
		if (addr32)
			ea = (uint32_t)ea;
		if (seg) {
			unsigned long base = 0;

			if (rt_sys3(SYS_arch_prctl,
			            seg == 0x64 ? ARCH_GET_FS : ARCH_GET_GS,
			            (long)&base, 0) != 0)
				return 0;
			ea += base;
		}
		if (peek((const void *)ea, &v, (size_t)len) < 0)
			return 0;
	}
	if (len < 8)
		v &= (1ull << (8 * len)) - 1;
	return v != 0;
}

/* Is the floating-point exception a denormal operand and not an
 * underflow?  Of the flags raised, those whose mask is clear: the x87
 * status and control words, or MXCSR (flags in bits 0-5, masks in 7-12);
 * denormal is bit 1, underflow bit 4 in each. */
static int denormal_only(const ucontext_t *uc, greg_t trap)
{
	const struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;
	unsigned raised;

	if (!fp)
		return 0;
	raised = trap == TRAP_SIMD ? fp->mxcsr & ~(fp->mxcsr >> 7)
	                           : (unsigned)fp->swd & ~(unsigned)fp->cwd;
	return (raised & 0x12) == 0x02;
}

/* The Windows exception of a fault, as Windows' kernel fills it (and as
 * Wine does): code, parameters, and the address it names.  0 when the
 * signal is not a fault dllshare turns into an exception. */
static DWORD exception_of(int sig, siginfo_t *si, ucontext_t *uc,
                          W_EXCEPTION_RECORD *rec, uint64_t *rip)
{
	greg_t trap = uc->uc_mcontext.gregs[REG_TRAPNO];
	greg_t err = uc->uc_mcontext.gregs[REG_ERR];

	rec->NumberParameters = 0;
	switch (sig) {
	case SIGSEGV:
	case SIGBUS:
		if (trap == TRAP_GP && privileged_at((const uint8_t *)*rip))
			return rec->ExceptionCode = STATUS_PRIVILEGED_INSTRUCTION;
		rec->NumberParameters = 2;
		rec->ExceptionInformation[0] = err & PF_INSN    ? ACCESS_EXEC
		                               : err & PF_WRITE ? ACCESS_WRITE
		                                                : ACCESS_READ;
		/* A general-protection fault (a non-canonical address) has no
		 * address: Windows says all ones. */
		rec->ExceptionInformation[1] =
			trap == TRAP_PAGE_FAULT ? (ULONG_PTR)si->si_addr
			                        : ~(ULONG_PTR)0;
		if (sig == SIGBUS && si->si_code == BUS_ADRERR) {
			/* A mapped file page that cannot be read (the file
			 * shrank under the mapping). */
			rec->NumberParameters = 3;
			rec->ExceptionInformation[1] = (ULONG_PTR)si->si_addr;
			rec->ExceptionInformation[2] = STATUS_END_OF_FILE;
			return rec->ExceptionCode = STATUS_IN_PAGE_ERROR;
		}
		return rec->ExceptionCode = STATUS_ACCESS_VIOLATION;
	case SIGILL:
		return rec->ExceptionCode = si->si_code == ILL_PRVOPC
		                                    ? STATUS_PRIVILEGED_INSTRUCTION
		                                    : STATUS_ILLEGAL_INSTRUCTION;
	case SIGFPE:
		if (trap == TRAP_DIVIDE || si->si_code == FPE_INTDIV)
			return rec->ExceptionCode =
			               divisor_nonzero(uc, *rip)
			                       ? STATUS_INTEGER_OVERFLOW
			                       : STATUS_INTEGER_DIVIDE_BY_ZERO;
		if (si->si_code == FPE_INTOVF)
			return rec->ExceptionCode = STATUS_INTEGER_OVERFLOW;
		if (trap == TRAP_SIMD) {
			/* SSE: Windows passes 0 and the MXCSR. */
			rec->NumberParameters = 2;
			rec->ExceptionInformation[0] = 0;
			rec->ExceptionInformation[1] =
				uc->uc_mcontext.fpregs
					? uc->uc_mcontext.fpregs->mxcsr
					: 0;
		}
		switch (si->si_code) {
		case FPE_FLTDIV: return rec->ExceptionCode = STATUS_FLOAT_DIVIDE_BY_ZERO;
		case FPE_FLTOVF: return rec->ExceptionCode = STATUS_FLOAT_OVERFLOW;
		case FPE_FLTUND:
			/* Linux says underflow for a denormal operand too;
			 * the unmasked flags tell them apart. */
			return rec->ExceptionCode =
			               denormal_only(uc, trap)
			                       ? STATUS_FLOAT_DENORMAL_OPERAND
			                       : STATUS_FLOAT_UNDERFLOW;
		case FPE_FLTRES: return rec->ExceptionCode = STATUS_FLOAT_INEXACT_RESULT;
		case FPE_FLTSUB: return rec->ExceptionCode = STATUS_ARRAY_BOUNDS_EXCEEDED;
		default: return rec->ExceptionCode = STATUS_FLOAT_INVALID_OPERATION;
		}
	case SIGTRAP:
		if (si->si_code == TRAP_TRACE) {
			/* Windows reports the step with the trap flag clear
			 * in the CONTEXT the handlers see. */
			uc->uc_mcontext.gregs[REG_EFL] &= ~(greg_t)EFLAGS_TF;
			return rec->ExceptionCode = STATUS_SINGLE_STEP;
		}
		/* int3 leaves rip after itself; x64 Windows reports the int3
		 * (and its CONTEXT points there too). */
		if (si->si_code == SI_KERNEL || si->si_code == TRAP_BRKPT)
			(*rip)--;
		rec->NumberParameters = 1;
		rec->ExceptionInformation[0] = 0;
		return rec->ExceptionCode = STATUS_BREAKPOINT;
	}
	return 0;
}

void rt_context_from_ucontext(const ucontext_t *uc, uint64_t rip,
			      W_CONTEXT *c)
{
	const greg_t *g = uc->uc_mcontext.gregs;

	memset(c, 0, sizeof *c);
	c->ContextFlags = 0x10001f; /* CONTEXT_ALL minus debug registers */
	for (int i = 0; i < 16; i++) /* CONTEXT's order is the encoding's */
		c->gpr[i] = (uint64_t)g[reg_of[i]];
	c->Rip = rip;
	c->EFlags = (DWORD)g[REG_EFL];
	c->seg[0] = 0x33; /* SegCs */
	c->seg[1] = 0x2b; /* SegDs */
	c->seg[2] = 0x2b; /* SegEs */
	c->seg[3] = 0x53; /* SegFs */
	c->seg[4] = 0x2b; /* SegGs */
	c->seg[5] = 0x2b; /* SegSs */
	if (uc->uc_mcontext.fpregs) {
		/* FltSave is the FXSAVE image the kernel saved. */
		memcpy(c->flt, uc->uc_mcontext.fpregs, sizeof c->flt);
		memcpy(c->xmm, uc->uc_mcontext.fpregs->_xmm, sizeof c->xmm);
		c->MxCsr = uc->uc_mcontext.fpregs->mxcsr;
	}
}

void rt_context_to_ucontext(const W_CONTEXT *c, ucontext_t *uc)
{
	greg_t *g = uc->uc_mcontext.gregs;
	DWORD f = c->ContextFlags;

	if (f & CONTEXT_CONTROL_BIT) {
		g[REG_RSP] = (greg_t)c->gpr[4];
		g[REG_RIP] = (greg_t)c->Rip;
		/* The flags a program may change (Windows keeps the rest). */
		g[REG_EFL] = (g[REG_EFL] & ~(greg_t)0xcd5) |
			     (greg_t)(c->EFlags & 0xcd5);
	}
	if (f & CONTEXT_INTEGER_BIT)
		for (int i = 0; i < 16; i++)
			if (i != 4)
				g[reg_of[i]] = (greg_t)c->gpr[i];
	if ((f & CONTEXT_FLOATING_POINT_BIT) && uc->uc_mcontext.fpregs) {
		memcpy(uc->uc_mcontext.fpregs, c->flt, sizeof c->flt);
		memcpy(uc->uc_mcontext.fpregs->_xmm, c->xmm, sizeof c->xmm);
		/* The reserved MXCSR bits would fault the return. */
		uc->uc_mcontext.fpregs->mxcsr = c->MxCsr & 0xffff;
	}
}

/* Sends the thread to the dispatcher: the record and context go on its
 * own stack below the faulting stack pointer, and the signal returns
 * into rt_exception_entry with them as arguments.  Windows has no red
 * zone, but dllshare's own code (on the thread's behalf) may: 256 bytes
 * are left alone.  -1 when the stack cannot take the frame. */
static int redirect(ucontext_t *uc, W_EXCEPTION_RECORD *rec, uint64_t rip)
{
	greg_t *g = uc->uc_mcontext.gregs;
	uintptr_t sp = (uintptr_t)g[REG_RSP] - 256;
	struct hw_frame *f;

	sp = (sp - sizeof(*f)) & ~(uintptr_t)63;
	if (rt_stack_reserve_for_dispatch(sp - 64, (uintptr_t)g[REG_RSP],
					  (uintptr_t)rip) < 0)
		return -1;
	f = (struct hw_frame *)sp;
	rt_context_from_ucontext(uc, rip, &f->ctx);
	f->rec = *rec;
	f->rec.ExceptionAddress = (void *)rip;
	/* rt_exception_entry calls the dispatcher: it starts 16-byte
	 * aligned, below an empty slot that ends a stack walk. */
	g[REG_RSP] = (greg_t)(sp - 16);
	*(uint64_t *)(sp - 8) = 0;
	*(uint64_t *)(sp - 16) = 0;
	g[REG_RIP] = (greg_t)rt_exception_entry;
	g[REG_RDI] = (greg_t)&f->rec;
	g[REG_RSI] = (greg_t)&f->ctx;
	g[REG_EFL] &= ~(greg_t)EFLAGS_CLEAR;
	if (uc->uc_mcontext.fpregs) {
		/* The dispatcher runs with masked FP exceptions and clear
		 * flags; the program's own come back with its context. */
		uc->uc_mcontext.fpregs->mxcsr = MXCSR_DEFAULT;
		uc->uc_mcontext.fpregs->cwd = 0x37f;
		uc->uc_mcontext.fpregs->swd = 0;
	}
	return 0;
}

/* Is the fault the program's?  Its code faulted, or dllshare's code that
 * Windows code called, or a call to a bad address from Windows code. */
static int guest_fault(ucontext_t *uc, uint64_t rip)
{
	uint64_t ret;

	if (ld_view_at((const void *)rip))
		return 1;
	if (guest_depth > 0)
		return 1;
	/* A call to an address that is not code: the caller's return
	 * address is on top of the stack. */
	if (peek((const void *)uc->uc_mcontext.gregs[REG_RSP], &ret,
	         sizeof ret) == 0 &&
	    ld_view_at((const void *)ret))
		return 1;
	return 0;
}

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	int saved = errno;
	greg_t err = uc->uc_mcontext.gregs[REG_ERR];
	uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
	W_EXCEPTION_RECORD rec;
	int page_fault = sig == SIGSEGV && si->si_code > 0 &&
	                 uc->uc_mcontext.gregs[REG_TRAPNO] == TRAP_PAGE_FAULT;

	if (si->si_code <= 0 && sig != SIGTRAP) { /* kill(), not a fault */
		chain(sig, si, ctx);
		goto done;
	}
	if (page_fault) {
		enum ld_access acc = err & PF_INSN    ? LD_ACCESS_EXEC
		                     : err & PF_WRITE ? LD_ACCESS_WRITE
		                                      : LD_ACCESS_READ;

		if (ld_fault_resolve(si->si_addr, acc, (void *)rip) ==
		    LD_FAULT_RESOLVED) {
			if (ld_trace_on)
				trace(si->si_addr, (void *)rip);
			goto done;
		}
		switch (rt_guard_fault((uintptr_t)si->si_addr,
		                       (uintptr_t)uc->uc_mcontext.gregs[REG_RSP],
		                       (uintptr_t)rip, &rec)) {
		case RT_GUARD_RESOLVED:
			goto done; /* a stack grew: retry */
		case RT_GUARD_RAISE:
			/* As for an access violation: 0 read, 1 write, 8
			 * execute (the touch that took the guard away). */
			rec.ExceptionInformation[0] = err & PF_INSN    ? ACCESS_EXEC
						      : err & PF_WRITE ? ACCESS_WRITE
								       : ACCESS_READ;
			if (redirect(uc, &rec, rip) == 0)
				goto done;
			/* No room to raise it on: the program's fault. */
			unhandled_no_room(&rec, rip);
			break;
		default:
			break;
		}
		/* A watched page's first write since its last reset. */
		if ((err & PF_WRITE) && rt_watch_fault((uintptr_t)si->si_addr))
			goto done;
	}
	memset(&rec, 0, sizeof rec);
	if (exception_of(sig, si, uc, &rec, &rip) &&
	    (guest_fault(uc, rip) ||
	     (page_fault && ld_view_at(si->si_addr)))) {
		if (redirect(uc, &rec, rip) < 0)
			unhandled_no_room(&rec, rip);
		goto done;
	}
	internal(sig, si, uc);
done:
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
		for (size_t i = 0; i < NSIGNALS; i++)
			if (sigaction(signals[i], &sa, &prev[i]) < 0) {
				__atomic_store_n(&installed, 0,
				                 __ATOMIC_RELEASE);
				return -errno;
			}
	}
	return rt_fault_thread_init();
}

int rt_fault_active(void)
{
	return __atomic_load_n(&installed, __ATOMIC_ACQUIRE);
}

int rt_fault_prepare_write(void *addr, size_t len)
{
	rt_watch_prepare_write((uintptr_t)addr, len);
	return ld_prepare_write(addr, len);
}
