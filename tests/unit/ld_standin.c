/*
 * ld_standin.c — a stand-in for the loader, for the runtime's unit tests.
 *
 * The runtime calls the loader through loader/ld.h.  Its unit tests run
 * kernel32 and msvcrt functions without any image loaded, so they link
 * this instead of the loader: a process with no modules and no views.
 * Every lookup finds nothing, every load fails as the loader reports a
 * DLL it cannot find, and no fault is the loader's.
 */
#include <errno.h>
#include <stdio.h>

#include "loader/ld.h"

int ld_trace_on;

void ld_trace(const char *fmt, ...)
{
}

/* ---- images: none --------------------------------------------------- */

const struct pe_image *ld_section_pe(const struct ld_section *sec)
{
	return NULL;
}

const char *ld_section_path(const struct ld_section *sec)
{
	return "";
}

struct ld_view *ld_view_at(const void *addr)
{
	return NULL;
}

uint8_t *ld_view_base(const struct ld_view *v)
{
	return NULL;
}

uint32_t ld_view_size(const struct ld_view *v)
{
	return 0;
}

struct ld_section *ld_view_section(const struct ld_view *v)
{
	return NULL;
}

int ld_view_privatize(struct ld_view *v, uint32_t rva, uint32_t len,
		      enum ld_reason why, struct ld_error *err)
{
	return 0;
}

int ld_view_kept_release(uintptr_t addr, size_t len)
{
	return 0;
}

int ld_view_kept_at(uintptr_t lo, uintptr_t hi)
{
	return 0;
}

void ld_view_lock(struct ld_view *v, uint32_t rva, uint32_t len, int locked)
{
}

uint32_t ld_view_lock_run(struct ld_view *v, uint32_t rva, uint32_t max,
			  int *locked)
{
	*locked = 0;
	return max;
}

/* ---- faults: never the loader's -------------------------------------- */

enum ld_fault ld_fault_resolve(void *addr, enum ld_access access, void *pc)
{
	return LD_FAULT_NOT_OURS;
}

size_t ld_fault_describe(const void *addr, char *buf, size_t len)
{
	return 0;
}

size_t ld_fault_section_file(const void *addr, char *buf, size_t len)
{
	return 0;
}

int ld_prepare_write(void *addr, size_t len)
{
	return 0;
}

void ld_record_remove(void)
{
}

/* ---- modules: none, and none can be loaded ---------------------------- */

/* No record: stacks go unrecorded. */
int ld_stack_record_new(uintptr_t lo, uintptr_t hi, uintptr_t limit,
			uintptr_t room)
{
	return -1;
}

void ld_stack_record_commit(int idx, uintptr_t from, uintptr_t to,
			    enum ld_stack_reason why, uintptr_t pc,
			    uintptr_t limit, uintptr_t guard)
{
}

void ld_stack_record_room(int idx, uintptr_t room)
{
}

void ld_stack_record_free(int idx)
{
}

int ld_load_library(const char *name, const struct ld_order *order,
		    unsigned flags, struct ld_module **out,
		    struct ld_error *err)
{
	snprintf(err->msg, sizeof(err->msg), "%s: not found", name);
	err->code = -ENOENT;
	return -ENOENT;
}

/* The loader's standard order, as loader/search.c has it. */
static const struct ld_dir standard_dirs[] = {
	{LD_DIR_PROGRAM, NULL},
	{LD_DIR_CURRENT, NULL},
	{LD_DIR_SYSTEM, NULL},
};
const struct ld_order ld_standard_order = {standard_dirs, 3};

int ld_search_file(const char *name, const struct ld_order *order,
		   char *path, size_t len)
{
	return 0;
}

int ld_free_library(struct ld_module *m)
{
	return -EINVAL;
}

struct ld_module *ld_module_find(const char *name)
{
	return NULL;
}

struct ld_module *ld_module_from_handle(void *handle)
{
	return NULL;
}

void *ld_module_handle(const struct ld_module *m)
{
	return NULL;
}

const char *ld_module_path(const struct ld_module *m)
{
	return NULL;
}

int ld_module_no_thread_calls(struct ld_module *m)
{
	return -EINVAL;
}

void *ld_module_proc(struct ld_module *m, const char *name, uint16_t ordinal,
		     struct ld_error *err)
{
	return NULL;
}

/* ---- threads and the process ----------------------------------------- */

int ld_thread_attach(void)
{
	return 0;
}

void ld_thread_detach(void)
{
}

void ld_process_detach(void)
{
}
