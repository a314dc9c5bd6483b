/*
 * builtins.c — the built-in DLLs' export tables, made at compile time.
 *
 * Each DLL lists its exports once, alphabetically, in its exports.h (as a
 * Windows DLL has one .def/.spec).  This file turns each list into the
 * table the loader binds imports against: no sorting at start-up, and an
 * export cannot be defined without being declared in its DLL's header,
 * since the table takes the address of w32_<name>.
 */
#include <stddef.h>

#include "runtime/advapi32/advapi32.h"
#include "runtime/core/core.h"
#include "runtime/kernel32/kernel32.h"
#include "runtime/msvcrt/msvcrt.h"
#include "runtime/ntdll/ntdll.h"

/* The tables hold no pointer to a name: a static-pie start relocates
 * every pointer of initialized data, dirtying its page.  A DLL's names
 * and what its partial functions refuse are the members of one struct
 * (their offsets fixed at compile time, char arrays needing no padding);
 * its exports hold offsets into it, and the addresses, which must be
 * relocated, are one dense array beside them. */
/* clang-format off */
#define RT_FN(name)        char n_##name[sizeof #name];
#define RT_ALIAS(name, fn) char n_##name[sizeof #name];
#define RT_DATA(name, var) char n_##name[sizeof #name];
#define RT_PARTIAL(name, refuses) char n_##name[sizeof #name]; \
	char p_##name[sizeof refuses];
struct kernel32_strings { char none;
#include "runtime/kernel32/exports.h"
};
struct msvcrt_strings { char none;
#include "runtime/msvcrt/exports.h"
};
struct ntdll_strings { char none;
#include "runtime/ntdll/exports.h"
};
struct advapi32_strings { char none;
#include "runtime/advapi32/exports.h"
};
#undef RT_FN
#undef RT_ALIAS
#undef RT_DATA
#undef RT_PARTIAL

#define RT_FN(name)        #name,
#define RT_ALIAS(name, fn) #name,
#define RT_DATA(name, var) #name,
#define RT_PARTIAL(name, refuses) #name, refuses,
static const struct kernel32_strings kernel32_strings = {0,
#include "runtime/kernel32/exports.h"
};
static const struct msvcrt_strings msvcrt_strings = {0,
#include "runtime/msvcrt/exports.h"
};
static const struct ntdll_strings ntdll_strings = {0,
#include "runtime/ntdll/exports.h"
};
static const struct advapi32_strings advapi32_strings = {0,
#include "runtime/advapi32/exports.h"
};
#undef RT_FN
#undef RT_ALIAS
#undef RT_DATA
#undef RT_PARTIAL

#define RT_FN(name)        {offsetof(STRINGS, n_##name), 0, 0},
#define RT_ALIAS(name, fn) {offsetof(STRINGS, n_##name), 0, 0},
#define RT_DATA(name, var) {offsetof(STRINGS, n_##name), 0, 0},
#define RT_PARTIAL(name, refuses) \
	{offsetof(STRINGS, n_##name), offsetof(STRINGS, p_##name), 0},
#define STRINGS struct kernel32_strings
static const struct ld_builtin_export kernel32[] = {
#include "runtime/kernel32/exports.h"
};
#undef STRINGS
#define STRINGS struct msvcrt_strings
static const struct ld_builtin_export msvcrt[] = {
#include "runtime/msvcrt/exports.h"
};
#undef STRINGS
#define STRINGS struct ntdll_strings
static const struct ld_builtin_export ntdll[] = {
#include "runtime/ntdll/exports.h"
};
#undef STRINGS
#define STRINGS struct advapi32_strings
static const struct ld_builtin_export advapi32[] = {
#include "runtime/advapi32/exports.h"
};
#undef STRINGS
#undef RT_FN
#undef RT_ALIAS
#undef RT_DATA
#undef RT_PARTIAL

#define RT_FN(name)        (void *)w32_##name,
#define RT_ALIAS(name, fn) (void *)w32_##fn,
#define RT_DATA(name, var) (void *)&(var),
#define RT_PARTIAL(name, refuses) (void *)w32_##name,
static void *const kernel32_addrs[] = {
#include "runtime/kernel32/exports.h"
};
static void *const msvcrt_addrs[] = {
#include "runtime/msvcrt/exports.h"
};
static void *const ntdll_addrs[] = {
#include "runtime/ntdll/exports.h"
};
static void *const advapi32_addrs[] = {
#include "runtime/advapi32/exports.h"
};

#define DLL(name, dll)                                                       \
	{name, dll, dll##_addrs, (const char *)&dll##_strings,               \
	 sizeof(dll) / sizeof(dll[0])}
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
