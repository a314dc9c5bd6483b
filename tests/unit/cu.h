/*
 * cu.h — CUnit glue shared by every unit-test binary.
 *
 * A test file declares its suite with CU_SUITE(name, init, clean) and its
 * tests with CU_TEST(suite, name) { ... }; cu_main.c runs them all and ends
 * with the line "N passed, N failed" that tests/run-steps.sh sums.
 */
#ifndef DLLSHARE_TESTS_CU_H
#define DLLSHARE_TESTS_CU_H

#include <CUnit/CUnit.h>

void cu_add_suite(const char *name, int (*init)(void), int (*clean)(void));
void cu_add_test(const char *suite, const char *name, void (*fn)(void));

#define CU_SUITE(sname, init, clean)                                        \
	__attribute__((constructor(101))) static void cu_suite_##sname(void) \
	{                                                                   \
		cu_add_suite(#sname, init, clean);                          \
	}

/* CUnit.h defines CU_TEST(value), an assertion; this name wins here. */
#undef CU_TEST
#define CU_TEST(sname, tname)                                               \
	static void tname(void);                                            \
	__attribute__((constructor(102))) static void cu_reg_##tname(void)   \
	{                                                                   \
		cu_add_test(#sname, #tname, tname);                         \
	}                                                                   \
	static void tname(void)

#endif
