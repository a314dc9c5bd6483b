/*
 * host.c — the runtime's hooks for the loader (struct ld_host): the
 * built-in modules (builtins.c), thread setup and the calls into Windows code.
 */
#include "runtime/core/fault.h"
#include "runtime/core/rt.h"
#include "runtime/core/core.h"

static int thread_init(void)
{
	return rt_thread_init();
}

typedef int(WINAPI *entry_fn)(void *);
typedef BOOL(WINAPI *dllmain_fn)(void *, DWORD, void *);

/* The process entry point gets the PEB, as from RtlUserThreadStart. */
static int call_entry(void *entry)
{
	struct ld_module *exe = ld_module_find(0);
	int r;

	if (exe)
		rt_peb.ImageBaseAddress = ld_module_handle(exe);
	r = ((entry_fn)entry)(&rt_peb);
	rt_report_exit((DWORD)r);
	return r;
}

static int call_dllmain(void *fn, void *hinst, uint32_t reason, void *reserved)
{
	return ((dllmain_fn)fn)(hinst, reason, reserved);
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
