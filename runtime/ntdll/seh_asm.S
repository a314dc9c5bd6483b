/*
 * seh_asm.S — register-level pieces of Windows x64 exception handling and of
 * msvcrt's setjmp/longjmp: capturing a CONTEXT, installing one, and the
 * entry points that must see their caller's registers untouched.
 *
 * CONTEXT offsets (winnt.h, x64): ContextFlags 0x30, MxCsr 0x34,
 * EFlags 0x44, Rax 0x78 Rcx 0x80 Rdx 0x88 Rbx 0x90 Rsp 0x98 Rbp 0xa0
 * Rsi 0xa8 Rdi 0xb0 R8..R15 0xb8..0xf0, Rip 0xf8, Xmm0..Xmm15 0x1a0..
 * A captured context is the caller's state "as if the call had
 * returned": Rip is the return address, Rsp points just above it.
 */
	.text

/* CAPTURE base, off: stores the registers into the CONTEXT at off(base);
 * the return address is at (%rsp + ret) when it runs.  Clobbers %rax. */
.macro CAPTURE base, ret
	movq %rcx, 0x80(\base)
	movq %rdx, 0x88(\base)
	movq %rbx, 0x90(\base)
	movq %rbp, 0xa0(\base)
	movq %rsi, 0xa8(\base)
	movq %rdi, 0xb0(\base)
	movq %r8, 0xb8(\base)
	movq %r9, 0xc0(\base)
	movq %r10, 0xc8(\base)
	movq %r11, 0xd0(\base)
	movq %r12, 0xd8(\base)
	movq %r13, 0xe0(\base)
	movq %r14, 0xe8(\base)
	movq %r15, 0xf0(\base)
	movups %xmm0, 0x1a0(\base)
	movups %xmm1, 0x1b0(\base)
	movups %xmm2, 0x1c0(\base)
	movups %xmm3, 0x1d0(\base)
	movups %xmm4, 0x1e0(\base)
	movups %xmm5, 0x1f0(\base)
	movups %xmm6, 0x200(\base)
	movups %xmm7, 0x210(\base)
	movups %xmm8, 0x220(\base)
	movups %xmm9, 0x230(\base)
	movups %xmm10, 0x240(\base)
	movups %xmm11, 0x250(\base)
	movups %xmm12, 0x260(\base)
	movups %xmm13, 0x270(\base)
	movups %xmm14, 0x280(\base)
	movups %xmm15, 0x290(\base)
	stmxcsr 0x34(\base)
	stmxcsr 0x118(\base)          /* FltSave.MxCsr */
	pushfq
	popq %rax
	movl %eax, 0x44(\base)
	movl $0x10001f, 0x30(\base)   /* CONTEXT_ALL minus debug registers */
	movw $0x33, 0x38(\base)       /* SegCs */
	movw $0x2b, 0x42(\base)       /* SegSs */
	movq \ret(%rsp), %rax
	movq %rax, 0xf8(\base)        /* Rip: the return address */
	leaq \ret+8(%rsp), %rax
	movq %rax, 0x98(\base)        /* Rsp: just above it */
	movq $0, 0x78(\base)          /* Rax: not preserved across a call */
.endm

/* void RtlCaptureContext(CONTEXT *ctx)  (ms_abi: %rcx) */
	.section .text.w32_RtlCaptureContext,"ax",@progbits
	.globl w32_RtlCaptureContext
	.type w32_RtlCaptureContext, @function
w32_RtlCaptureContext:
	pushq %rax
	CAPTURE %rcx, 8
	popq %rax
	movq %rax, 0x78(%rcx)
	ret
	.size w32_RtlCaptureContext, .-w32_RtlCaptureContext

/* void rt_seh_restore(const CONTEXT *ctx)  (sysv: %rdi)  — never returns.
 * An iretq frame (Rip, CS, RFlags, Rsp, SS) and ctx's Rax and Rcx go on
 * this stack, the rest is loaded from ctx, and iretq switches to the
 * target's stack, flags and instruction at once: nothing is written
 * near the target stack, and the flags a program may set (carry, parity,
 * adjust, zero, sign, trap, direction, overflow: 0xdd5) are ctx's, a
 * trap flag stopping after the target's first instruction, as Windows'
 * return from an exception does. */
	.section .text.rt_seh_restore,"ax",@progbits
	.globl rt_seh_restore
	.type rt_seh_restore, @function
rt_seh_restore:
	movq %rdi, %rcx
	movl %ss, %eax
	pushq %rax                    /* SS */
	pushq 0x98(%rcx)              /* Rsp */
	pushfq
	popq %rax
	andq $~0xdd5, %rax
	movl 0x44(%rcx), %edx         /* EFlags */
	andl $0xdd5, %edx
	orq %rdx, %rax
	pushq %rax                    /* RFlags */
	movl %cs, %eax
	pushq %rax                    /* CS */
	pushq 0xf8(%rcx)              /* Rip */
	pushq 0x80(%rcx)              /* Rcx */
	pushq 0x78(%rcx)              /* Rax */
	movups 0x1a0(%rcx), %xmm0
	movups 0x1b0(%rcx), %xmm1
	movups 0x1c0(%rcx), %xmm2
	movups 0x1d0(%rcx), %xmm3
	movups 0x1e0(%rcx), %xmm4
	movups 0x1f0(%rcx), %xmm5
	movups 0x200(%rcx), %xmm6
	movups 0x210(%rcx), %xmm7
	movups 0x220(%rcx), %xmm8
	movups 0x230(%rcx), %xmm9
	movups 0x240(%rcx), %xmm10
	movups 0x250(%rcx), %xmm11
	movups 0x260(%rcx), %xmm12
	movups 0x270(%rcx), %xmm13
	movups 0x280(%rcx), %xmm14
	movups 0x290(%rcx), %xmm15
	ldmxcsr 0x34(%rcx)
	movq 0x90(%rcx), %rbx
	movq 0xa0(%rcx), %rbp
	movq 0xa8(%rcx), %rsi
	movq 0xb0(%rcx), %rdi
	movq 0xb8(%rcx), %r8
	movq 0xc0(%rcx), %r9
	movq 0xc8(%rcx), %r10
	movq 0xd0(%rcx), %r11
	movq 0xd8(%rcx), %r12
	movq 0xe0(%rcx), %r13
	movq 0xe8(%rcx), %r14
	movq 0xf0(%rcx), %r15
	movq 0x88(%rcx), %rdx
	popq %rax
	popq %rcx
	iretq
	.size rt_seh_restore, .-rt_seh_restore

/* void RaiseException(DWORD code, DWORD flags, DWORD nargs,
 *                     const ULONG_PTR *args)  (ms_abi)
 * Captures the caller's context on this frame and dispatches; if a
 * handler says "continue execution", returns by installing it. */
	.section .text.w32_RaiseException,"ax",@progbits
	.globl w32_RaiseException
	.type w32_RaiseException, @function
w32_RaiseException:
	subq $0x4d8, %rsp
	pushq %rax
	leaq 8(%rsp), %rax
	xchgq %rax, (%rsp)
	/* (%rsp) now holds the CONTEXT address, %rax its old value. */
	pushq %rbx
	movq 8(%rsp), %rbx
	CAPTURE %rbx, 0x4d8+16
	popq %rax
	movq %rax, 0x90(%rbx)         /* Rbx as the caller had it */
	addq $8, %rsp
	movq %rsp, %r8                /* ctx (16-byte aligned) */
	movl %ecx, %edi
	movl %edx, %esi
	movl 0xb8(%r8), %edx          /* nargs: the caller's %r8d */
	movq %r9, %rcx
	call rt_seh_raise
	movq %rsp, %rdi
	jmp rt_seh_restore
	.size w32_RaiseException, .-w32_RaiseException

/* void RtlUnwindEx(void *frame, void *ip, EXCEPTION_RECORD *rec,
 *                  void *retval, CONTEXT *ctx, void *history)  (ms_abi)
 * Never returns: control goes to ip in frame. */
	.section .text.w32_RtlUnwindEx,"ax",@progbits
	.globl w32_RtlUnwindEx
	.type w32_RtlUnwindEx, @function
w32_RtlUnwindEx:
	movq 0x28(%rsp), %r10         /* ctx */
	jmp unwind_caller
	.size w32_RtlUnwindEx, .-w32_RtlUnwindEx

/* RtlUnwindEx's work for w32_RtlUnwindEx and w32_longjmp: frame, ip, rec
 * and retval in rcx, rdx, r8, r9 (ms_abi), the context out in r10, the
 * stack as at the entry of a function the program called, whose
 * context is captured before any nonvolatile register changes. */
	.type unwind_caller, @function
unwind_caller:
	subq $0x4d8, %rsp
	pushq %rbx
	leaq 8(%rsp), %rbx
	CAPTURE %rbx, 0x4d8+8
	popq %rax
	movq %rax, 0x90(%rbx)
	movq %rcx, %rdi               /* frame */
	movq %rdx, %rsi               /* ip */
	movq %r8, %rdx                /* rec */
	movq %r9, %rcx                /* retval */
	movq %r10, %r8                /* ctx */
	movq %rbx, %r9                /* the caller's context */
	call rt_seh_unwind
	ud2
	.size unwind_caller, .-unwind_caller

/* int _setjmp(jmp_buf buf, void *frame)  (ms_abi)
 * msvcrt's _JUMP_BUFFER: Frame 0, Rbx 8, Rsp 16, Rbp 24, Rsi 32, Rdi 40,
 * R12..R15 48..72, Rip 80, MxCsr 88, FpCsr 92, Xmm6..Xmm15 96.. */
	.section .text.w32__setjmp,"ax",@progbits
	.globl w32__setjmp
	.type w32__setjmp, @function
w32__setjmp:
	movq %rdx, 0(%rcx)
	movq %rbx, 8(%rcx)
	leaq 8(%rsp), %rax
	movq %rax, 16(%rcx)
	movq %rbp, 24(%rcx)
	movq %rsi, 32(%rcx)
	movq %rdi, 40(%rcx)
	movq %r12, 48(%rcx)
	movq %r13, 56(%rcx)
	movq %r14, 64(%rcx)
	movq %r15, 72(%rcx)
	movq (%rsp), %rax
	movq %rax, 80(%rcx)
	stmxcsr 88(%rcx)
	fnstcw 92(%rcx)
	movups %xmm6, 96(%rcx)
	movups %xmm7, 112(%rcx)
	movups %xmm8, 128(%rcx)
	movups %xmm9, 144(%rcx)
	movups %xmm10, 160(%rcx)
	movups %xmm11, 176(%rcx)
	movups %xmm12, 192(%rcx)
	movups %xmm13, 208(%rcx)
	movups %xmm14, 224(%rcx)
	movups %xmm15, 240(%rcx)
	xorl %eax, %eax
	ret
	.size w32__setjmp, .-w32__setjmp

/* void longjmp(jmp_buf buf, int value)  (ms_abi)
 * With a Frame in buf (mingw's setjmp passes its caller's frame), the
 * frames in between are unwound as msvcrt unwinds them: RtlUnwindEx to
 * Frame with a STATUS_LONGJUMP record naming buf, so their termination
 * handlers run (__finally, cleanups), and the target's registers come
 * from buf (rt_seh_unwind).  Without one, the registers are restored
 * directly. */
	.section .text.w32_longjmp,"ax",@progbits
	.globl w32_longjmp
	.type w32_longjmp, @function
w32_longjmp:
	movl %edx, %eax
	testl %eax, %eax
	jnz 1f
	movl $1, %eax
1:	cmpq $0, 0(%rcx)
	jne 2f
	movq 8(%rcx), %rbx
	movq 24(%rcx), %rbp
	movq 32(%rcx), %rsi
	movq 40(%rcx), %rdi
	movq 48(%rcx), %r12
	movq 56(%rcx), %r13
	movq 64(%rcx), %r14
	movq 72(%rcx), %r15
	ldmxcsr 88(%rcx)
	fldcw 92(%rcx)
	movups 96(%rcx), %xmm6
	movups 112(%rcx), %xmm7
	movups 128(%rcx), %xmm8
	movups 144(%rcx), %xmm9
	movups 160(%rcx), %xmm10
	movups 176(%rcx), %xmm11
	movups 192(%rcx), %xmm12
	movups 208(%rcx), %xmm13
	movups 224(%rcx), %xmm14
	movups 240(%rcx), %xmm15
	movq 16(%rcx), %rsp
	jmpq *80(%rcx)
	/* The record: rt_longjmp_record (ms_abi: the program's nonvolatile
	 * registers survive it), called with buf and value kept above its
	 * home space; then the stack is as longjmp found it, so the
	 * context captured below is its caller's. */
2:	subq $56, %rsp
	movq %rcx, 40(%rsp)
	movq %rax, 48(%rsp)
	call rt_longjmp_record
	movq %rax, %r8                /* rec */
	movq 40(%rsp), %rax           /* buf */
	movq 0(%rax), %rcx            /* frame */
	movq 80(%rax), %rdx           /* ip */
	movq 48(%rsp), %r9            /* value */
	xorl %r10d, %r10d             /* no context out */
	addq $56, %rsp
	jmp unwind_caller
	.size w32_longjmp, .-w32_longjmp


/* void rt_exception_entry(void) — where the fault handler (core/fault.c)
 * sends a thread that faulted, with %rdi the EXCEPTION_RECORD and %rsi
 * the CONTEXT it built on the thread's stack, %rsp 16-byte aligned (it
 * calls at once).  The frame has no caller: the slot above it is 0. */
	.section .text.rt_exception_entry,"ax",@progbits
	.globl rt_exception_entry
	.type rt_exception_entry, @function
rt_exception_entry:
	call rt_dispatch_fault
	ud2
	.size rt_exception_entry, .-rt_exception_entry

	.section .note.GNU-stack,"",@progbits
