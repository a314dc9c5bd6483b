/*
 * nouffd.c — runs a command where userfaultfd(2) does not exist: a
 * seccomp filter makes the system call fail with ENOSYS, as on a kernel
 * built without it.  For uffd_run.sh: DLLSHARE_COW=uffd must then say so
 * in one line and fall back to the fault handler.
 *
 *   nouffd COMMAND [ARG...]
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tests/section/deny.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: nouffd COMMAND [ARG...]\n");
		return 2;
	}
	if (deny_syscall(SYS_userfaultfd, ENOSYS) < 0) {
		fprintf(stderr, "nouffd: seccomp: %s\n", strerror(errno));
		return 2;
	}
	execvp(argv[1], argv + 1);
	fprintf(stderr, "nouffd: %s: %s\n", argv[1], strerror(errno));
	return 127;
}
