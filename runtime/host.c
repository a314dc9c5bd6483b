/*
 * host.c — the runtime's hooks for the loader (struct ld_host): the
 * built-in modules, thread setup and the calls into Windows code.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/fault.h"
#include "runtime/rt.h"
#include "runtime/rtint.h"

/* Weak: the runtime's unit tests link without the fault handler. */
int rt_fault_init(void) __attribute__((weak));

/* The pieces of each module's export table (one per source file). */
extern const struct rt_exports rt_k32_proc_exports, rt_k32_sync_exports,
	rt_k32_mem_exports, rt_k32_file_exports, rt_k32_env_exports,
	rt_k32_module_exports, rt_crt_start_exports, rt_crt_stdio_exports,
	rt_crt_lowio_exports, rt_crt_str_exports, rt_crt_misc_exports,
	rt_crt_fmt_exports, rt_ntdll_exports, rt_k32_spawn_exports,
	rt_crt_scan_exports, rt_k32_msg_exports, rt_crt_wide_exports,
	rt_seh_exports, rt_crt_jmp_exports, rt_k32_find_exports,
	rt_k32_sync2_exports, rt_k32_misc_exports, rt_crt_more_exports,
	rt_k32_mapping_exports, rt_k32_console_exports, rt_crt_fprintf_exports,
	rt_advapi32_exports;

static const struct rt_exports *const pieces[] = {
	&rt_k32_proc_exports,	 &rt_k32_sync_exports,
	&rt_k32_mem_exports,	 &rt_k32_file_exports,
	&rt_k32_env_exports,	 &rt_k32_module_exports,
	&rt_k32_spawn_exports,	 &rt_crt_start_exports,
	&rt_crt_stdio_exports,	 &rt_crt_lowio_exports,
	&rt_crt_str_exports,	 &rt_crt_misc_exports,
	&rt_crt_fmt_exports,	 &rt_crt_scan_exports,
	&rt_k32_msg_exports,	 &rt_crt_wide_exports,
	&rt_seh_exports,	 &rt_crt_jmp_exports,
	&rt_k32_find_exports,	 &rt_k32_sync2_exports,
	&rt_k32_misc_exports,	 &rt_crt_more_exports,
	&rt_k32_mapping_exports, &rt_k32_console_exports,
	&rt_crt_fprintf_exports, &rt_advapi32_exports,
	&rt_ntdll_exports,
};

static const char *const module_names[] = {
	"kernel32.dll",
	"msvcrt.dll",
	"ntdll.dll",
	"advapi32.dll",
};
#define NMODULES (sizeof(module_names) / sizeof(module_names[0]))
#define NPIECES	 (sizeof(pieces) / sizeof(pieces[0]))

static struct ld_builtin_module modules[NMODULES];

static int cmp_export(const void *a, const void *b)
{
	return strcmp(((const struct ld_builtin_export *)a)->name,
		      ((const struct ld_builtin_export *)b)->name);
}

/* Joins the pieces of each module into one table sorted by name. */
static void build_modules(void)
{
	for (size_t m = 0; m < NMODULES; m++) {
		struct ld_builtin_export *all;
		size_t n = 0, k = 0;

		for (size_t i = 0; i < NPIECES; i++)
			if (!strcmp(pieces[i]->module, module_names[m]))
				n += pieces[i]->n;
		all = calloc(n ? n : 1, sizeof(*all));
		if (!all)
			abort(); /* startup, before any Windows code */
		for (size_t i = 0; i < NPIECES; i++) {
			if (strcmp(pieces[i]->module, module_names[m]))
				continue;
			memcpy(all + k, pieces[i]->list,
			       pieces[i]->n * sizeof(*all));
			k += pieces[i]->n;
		}
		qsort(all, n, sizeof(*all), cmp_export);
		modules[m].name = module_names[m];
		modules[m].exports = all;
		modules[m].nexports = n;
	}
}

static int thread_init(void)
{
	return rt_thread_init();
}

#pragma weak ld_module_find
#pragma weak ld_module_handle

typedef int(WINAPI *entry_fn)(void *);
typedef BOOL(WINAPI *dllmain_fn)(void *, DWORD, void *);

/* The process entry point gets the PEB, as from RtlUserThreadStart. */
static int call_entry(void *entry)
{
	if (ld_module_find && ld_module_handle) {
		struct ld_module *exe = ld_module_find(0);

		if (exe)
			rt_peb.ImageBaseAddress = ld_module_handle(exe);
	}
	{
		int r = ((entry_fn)entry)(&rt_peb);

		rt_report_exit((DWORD)r);
		return r;
	}
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
		build_modules();
		host.builtins = modules;
		host.nbuiltins = NMODULES;
	}
	return &host;
}
