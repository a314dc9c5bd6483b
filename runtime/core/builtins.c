/*
 * builtins.c — the built-in DLLs' export tables, made at compile time.
 *
 * Each DLL lists its exports once, alphabetically, in its exports.h (as a
 * Windows DLL has one .def/.spec).  This file turns each list into the
 * table the loader binds imports against: no sorting at start-up, and an
 * export cannot be defined without being declared in its DLL's header,
 * since the table takes the address of w32_<name>.
 */
#include "runtime/advapi32/advapi32.h"
#include "runtime/core/core.h"
#include "runtime/kernel32/kernel32.h"
#include "runtime/msvcrt/msvcrt.h"
#include "runtime/ntdll/ntdll.h"

/* clang-format off */
#define RT_FN(name)        {#name, (void *)w32_##name, 0, 0},
#define RT_ALIAS(name, fn) {#name, (void *)w32_##fn, 0, 0},
#define RT_DATA(name, var) {#name, (void *)&(var), 0, 0},
#define RT_PARTIAL(name, refuses) {#name, (void *)w32_##name, 0, refuses},

static const struct ld_builtin_export kernel32[] = {
#include "runtime/kernel32/exports.h"
};
static const struct ld_builtin_export msvcrt[] = {
#include "runtime/msvcrt/exports.h"
};
static const struct ld_builtin_export ntdll[] = {
#include "runtime/ntdll/exports.h"
};
static const struct ld_builtin_export advapi32[] = {
#include "runtime/advapi32/exports.h"
};

#define DLL(name, table) {name, table, sizeof(table) / sizeof(table[0])}
const struct ld_builtin_module rt_builtins[] = {
	DLL("kernel32.dll", kernel32),
	DLL("msvcrt.dll", msvcrt),
	DLL("ntdll.dll", ntdll),
	DLL("advapi32.dll", advapi32),
};
/* clang-format on */
const size_t rt_nbuiltins = sizeof(rt_builtins) / sizeof(rt_builtins[0]);

void rt_builtins_attach(void)
{
	rt_kernel32_attach();
	rt_msvcrt_attach();
}
