/*
 * case.h — CASE(name, call) for the programs of tests/partial/: makes the
 * call with the last error and errno cleared, and prints what it returned
 * and both.  check.sh finds each partial function's CASE by its name.
 */
#ifndef PARTIAL_CASE_H
#define PARTIAL_CASE_H

#include <errno.h>
#include <stdio.h>
#include <windows.h>

#define CASE(name, call)                                                   \
	do {                                                               \
		SetLastError(0);                                           \
		errno = 0;                                                 \
		long long r_ = (long long)(call);                          \
		printf("%-26s -> %lld, error %lu, errno %d\n", name, r_,   \
		       GetLastError(), errno);                             \
	} while (0)

#endif
