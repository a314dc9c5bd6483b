/*
 * test_runtime_exports.c — the built-in DLLs' export tables, as
 * runtime/core/builtins.c makes them from each DLL's exports.h.  The
 * loader finds an export by binary search, so each list must be in
 * strcmp order, and a name listed twice would hide one of its entries.
 */
#include <string.h>

#include "runtime/core/core.h"
#include "runtime/core/rt.h"
#include "tests/unit/cu.h"

CU_SUITE(exports, NULL, NULL)

CU_TEST(exports, each_list_sorted_without_duplicates)
{
	CU_ASSERT_EQUAL(rt_nbuiltins, 4);
	for (size_t m = 0; m < rt_nbuiltins; m++) {
		const struct ld_builtin_module *b = &rt_builtins[m];

		CU_ASSERT(b->nexports > 0);
		for (size_t i = 0; i < b->nexports; i++) {
			CU_ASSERT_PTR_NOT_NULL(ld_export_addr(b, i));
			if (i &&
			    strcmp(ld_export_name(b, i - 1),
				   ld_export_name(b, i)) >= 0) {
				CU_FAIL("export list out of order");
				fprintf(stderr, "%s: %s listed before %s\n",
					b->name, ld_export_name(b, i - 1),
					ld_export_name(b, i));
			}
		}
	}
}

CU_TEST(exports, host_publishes_the_tables)
{
	const struct ld_host *h = rt_host();

	CU_ASSERT_PTR_EQUAL(h->builtins, rt_builtins);
	CU_ASSERT_EQUAL(h->nbuiltins, rt_nbuiltins);
	CU_ASSERT_STRING_EQUAL(h->builtins[0].name, "kernel32.dll");
}

CU_TEST(exports, names_resolve_to_their_functions)
{
	const struct ld_builtin_module *crt = NULL;

	for (size_t m = 0; m < rt_nbuiltins; m++)
		if (!strcmp(rt_builtins[m].name, "msvcrt.dll"))
			crt = &rt_builtins[m];
	CU_ASSERT_PTR_NOT_NULL_FATAL(crt);
	/* An alias names its target: _strcmpi is _stricmp. */
	{
		void *a = NULL, *b = NULL;

		for (size_t i = 0; i < crt->nexports; i++) {
			if (!strcmp(ld_export_name(crt, i), "_strcmpi"))
				a = ld_export_addr(crt, i);
			if (!strcmp(ld_export_name(crt, i), "_stricmp"))
				b = ld_export_addr(crt, i);
		}
		CU_ASSERT_PTR_NOT_NULL(a);
		CU_ASSERT_PTR_EQUAL(a, b);
	}
}
