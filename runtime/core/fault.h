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

#endif
