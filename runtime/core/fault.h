/*
 * fault.h — the write-fault handler (runtime/core/fault.c).
 *
 * The handler privatizes a copy-on-write page of a mapped image on its
 * first write (the decision and the bookkeeping live in the loader,
 * ld_fault_resolve); reports anything else inside an image as Windows
 * does (0xC0000005, exit status 5 as under Wine); and passes faults
 * outside images to the handler that was installed before it.
 */
#ifndef DLLSHARE_RT_FAULT_H
#define DLLSHARE_RT_FAULT_H

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

#include "runtime/core/w32.h"

/* Installs the SIGSEGV/SIGBUS handler (SA_SIGINFO | SA_ONSTACK) for the
 * process, remembering the previous ones, and gives the calling thread
 * an alternate signal stack.  Idempotent.  0 or -errno. */
int rt_fault_init(void);
/* Gives the calling thread an alternate signal stack if it has none
 * (every thread that runs Windows code calls it).  0 or -errno. */
int rt_fault_thread_init(void);
/* Privatizes the still-shared copy-on-write pages of [addr, addr+len)
 * before the kernel writes there on the program's behalf (read(),
 * recv()): the kernel does not raise a fault for those, it returns
 * EFAULT.  Memory outside images is left alone.  0 or -errno. */
int rt_fault_prepare_write(void *addr, size_t len);
/* 1 once rt_fault_init installed the handler (Windows stacks and guard
 * pages need it), else 0. */
int rt_fault_active(void);

/* A thread's registers, as a signal handler sees them, as the Windows
 * CONTEXT of x64 (every part but the debug registers; rip given apart,
 * as a fault may report another address than the kernel's) ... */
void rt_context_from_ucontext(const ucontext_t *uc, uint64_t rip,
			      W_CONTEXT *c);
/* ... and back: the parts c->ContextFlags names (CONTEXT_CONTROL,
 * _INTEGER, _FLOATING_POINT; segments cannot change). */
#define CONTEXT_CONTROL_BIT	   0x1
#define CONTEXT_INTEGER_BIT	   0x2
#define CONTEXT_SEGMENTS_BIT	   0x4
#define CONTEXT_FLOATING_POINT_BIT 0x8
void rt_context_to_ucontext(const W_CONTEXT *c, ucontext_t *uc);

#endif
