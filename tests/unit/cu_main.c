/*
 * cu_main.c — runs every suite registered with CU_SUITE/CU_TEST.
 * Usage: test_X [SUITE [TEST]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "tests/unit/cu.h"

#undef CU_MAX /* CUnit.h's CU_MAX(a, b); ours is a capacity */
#define CU_MAX 512

static struct {
	const char *name;
	int (*init)(void), (*clean)(void);
} suites[CU_MAX];
static int nsuites;

static struct {
	const char *suite, *name;
	void (*fn)(void);
} tests[CU_MAX * 8];
static int ntests;

void cu_add_suite(const char *name, int (*init)(void), int (*clean)(void))
{
	if (nsuites == CU_MAX)
		abort();
	suites[nsuites].name = name;
	suites[nsuites].init = init;
	suites[nsuites].clean = clean;
	nsuites++;
}

void cu_add_test(const char *suite, const char *name, void (*fn)(void))
{
	if (ntests == CU_MAX * 8)
		abort();
	tests[ntests].suite = suite;
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

int main(int argc, char **argv)
{
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (int i = 0; i < nsuites; i++) {
		if (argc > 1 && strcmp(argv[1], suites[i].name))
			continue;
		CU_pSuite s = CU_add_suite(suites[i].name, suites[i].init,
		                           suites[i].clean);
		for (int t = 0; t < ntests; t++) {
			if (strcmp(tests[t].suite, suites[i].name))
				continue;
			if (argc > 2 && strcmp(argv[2], tests[t].name))
				continue;
			CU_add_test(s, tests[t].name, tests[t].fn);
		}
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	unsigned run = CU_get_number_of_tests_run();
	unsigned failed = CU_get_number_of_tests_failed();
	unsigned sfail = CU_get_number_of_suites_failed();
	printf("\n%u passed, %u failed\n", run - failed, failed + sfail);
	CU_cleanup_registry();
	return failed + sfail ? 1 : 0;
}
