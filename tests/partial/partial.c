/*
 * partial.c — what each built-in marked RT_PARTIAL refuses.
 *
 * One CASE per partial function (tests/partial/check.sh fails when a
 * function marked partial in an exports.h has none): the call with the
 * argument dllshare does not implement, and what it returned.  The
 * expected output (partial.expected) is dllshare's own: Windows and Wine
 * implement these arguments, so the answers differ from theirs by design.
 */
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

int main(void)
{
	fflush(stdout);
	return 0;
}
