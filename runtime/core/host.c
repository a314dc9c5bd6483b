/*
 * host.c — the runtime's hooks for the loader (struct ld_host): the
 * built-in modules (builtins.c), thread setup and the calls into Windows code.
 */
#include <stdlib.h>

#include "pe/pe.h"
#include "runtime/core/fault.h"
#include "runtime/core/rt.h"
#include "runtime/core/core.h"

static int thread_init(void)
{
	return rt_thread_init();
}

typedef int(WINAPI *entry_fn)(void *);

/* Zero, through memory the compiler cannot see. */
static volatile uintptr_t rt_test_null;
typedef BOOL(WINAPI *dllmain_fn)(void *, DWORD, void *);

/* The process entry point gets the PEB, as from RtlUserThreadStart. */
static DWORD WINAPI run_entry(void *entry)
{
	return (DWORD)((entry_fn)entry)(&rt_peb);
}

/* The EXE's entry point runs on a Windows stack of the size its headers
 * ask (SizeOfStackReserve, SizeOfStackCommit), as the main thread of a
 * Windows process does. */
static int call_entry(void *entry)
{
	struct ld_module *exe = ld_module_find(0);
	size_t reserve, commit;
	int r;

	if (exe)
		rt_peb.ImageBaseAddress = ld_module_handle(exe);
	/* A test of the internal-error path (tests/exceptions/check.sh):
	 * dllshare's own code faults before any Windows code runs. */
	if (getenv("DLLSHARE_TEST_INTERNAL_FAULT"))
		*(volatile int *)(uintptr_t)rt_test_null = 0;
	rt_exe_stack_sizes(&reserve, &commit);
	r = (int)rt_stack_run(run_entry, entry, reserve, commit);
	rt_report_exit((DWORD)r);
	return r;
}

static int call_dllmain(void *fn, void *hinst, uint32_t reason, void *reserved)
{
	BOOL r;

	rt_guest_enter();
	r = ((dllmain_fn)fn)(hinst, reason, reserved);
	rt_guest_leave();
	return r;
}

void rt_exe_stack_sizes(size_t *reserve, size_t *commit)
{
	struct ld_module *exe = ld_module_find(0);
	struct ld_view *v = exe ? ld_view_at(ld_module_handle(exe)) : NULL;
	const struct pe_image *pe =
		v ? ld_section_pe(ld_view_section(v)) : NULL;

	/* mingw-w64 links 2 MiB reserved, 4 KiB committed. */
	*reserve = pe && pe->stack_reserve ? pe->stack_reserve : 2u << 20;
	*commit = pe && pe->stack_commit ? pe->stack_commit : 4096;
}

static void set_tls_vector(void **vector)
{
	if (rt_teb())
		rt_teb()->ThreadLocalStoragePointer = vector;
}

static struct ld_host host = {
	.fault_init = rt_fault_init,
	.set_tls_vector = set_tls_vector,
	.thread_init = thread_init,
	.call_entry = call_entry,
	.call_dllmain = call_dllmain,
	.set_args = rt_set_args,
};

const struct ld_host *rt_host(void)
{
	if (!host.builtins) {
		rt_builtins_attach();
		host.builtins = rt_builtins;
		host.nbuiltins = rt_nbuiltins;
	}
	return &host;
}
