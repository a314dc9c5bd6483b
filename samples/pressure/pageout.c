/*
 * pageout PID — memory pressure on one process, from outside.
 *
 * Asks the kernel to reclaim every page of PID's memory it can
 * (process_madvise(2) with MADV_PAGEOUT, Linux 5.10 or later, through a
 * pidfd; needs CAP_SYS_NICE and the right to ptrace PID, so: root), then
 * prints the process's resident memory by kind before and after, from
 * /proc/PID/status.  What the kernel may drop: a clean page of a file on
 * disk (it is still in the file: reclaim frees it, a touch reads it back).
 * What it may only move to swap: an anonymous page (a written private copy)
 * and a page of a tmpfs file such as /dev/shm (shmem lives in RAM or swap,
 * nowhere else).  With no swap those stay.  MADV_PAGEOUT leaves alone a
 * page that another process maps too: it reclaims pages on this process's
 * behalf only.
 *
 * A Windows program cannot make this call; it is the Linux side of
 * samples/pressure (see ABOUT.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

/* Resident KiB by kind, from /proc/PID/status. */
struct rss {
	long file, anon, shmem, swap;
};

static int read_rss(int pid, struct rss *r)
{
	char path[64], line[256];
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	r->file = r->anon = r->shmem = r->swap = -1;
	while (fgets(line, sizeof line, f)) {
		sscanf(line, "RssFile: %ld", &r->file);
		sscanf(line, "RssAnon: %ld", &r->anon);
		sscanf(line, "RssShmem: %ld", &r->shmem);
		sscanf(line, "VmSwap: %ld", &r->swap);
	}
	fclose(f);
	return 0;
}

/* MADV_PAGEOUT on one mapping of the process behind pidfd; 0 or errno. */
static int page_out(int pidfd, unsigned long lo, unsigned long hi)
{
	struct iovec iov = { (void *)lo, hi - lo };

	return syscall(SYS_process_madvise, pidfd, &iov, 1UL, MADV_PAGEOUT, 0U) < 0
	       ? errno : 0;
}

/* Adds a mapping the kernel refused to `refused` (its own special
 * mappings, [vvar] and the like, cannot be paged out). */
static void note_refused(char *refused, size_t size, const char *name, int err)
{
	size_t len = strlen(refused);

	snprintf(refused + len, size - len, " %s%s%s", name[0] ? name : "(anonymous)",
	         err == EINVAL ? "" : ": ", err == EINVAL ? "" : strerror(err));
}

/* Every mapping of pid paged out; the ones the kernel refused are named in
 * refused.  Returns how many it took, or -1 (errno set) when the maps
 * cannot be read or the kernel does not let us. */
static int page_out_all(int pid, int pidfd, unsigned long *bytes,
                        char *refused, size_t size)
{
	char path[64], line[512], name[256];
	unsigned long lo, hi;
	int n = 0, err;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/maps", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	*bytes = 0;
	refused[0] = 0;
	while (fgets(line, sizeof line, f)) {
		name[0] = 0;
		if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %255s", &lo, &hi, name) < 2)
			continue;
		if (!strcmp(name, "[vsyscall]"))	/* not in the page tables */
			continue;
		err = page_out(pidfd, lo, hi);
		if (err == EPERM) {	/* no mapping will do: say it once */
			fclose(f);
			errno = EPERM;
			return -1;
		}
		if (err) {
			note_refused(refused, size, name, err);
			continue;
		}
		n++;
		*bytes += hi - lo;
	}
	fclose(f);
	return n;
}

static void print_kind(const char *kind, long before, long after)
{
	printf("pageout:   %-6s %8ld -> %ld\n", kind, before, after);
}

int main(int argc, char **argv)
{
	struct rss before, after;
	unsigned long bytes;
	char refused[512];
	int pid, pidfd, n;
	char *end;

	if (argc != 2 || (pid = strtol(argv[1], &end, 10)) <= 0 || *end) {
		fprintf(stderr, "usage: pageout PID\n");
		return 2;
	}
	pidfd = syscall(SYS_pidfd_open, pid, 0U);
	if (pidfd < 0 || read_rss(pid, &before)) {
		fprintf(stderr, "pageout: pid %d: %s\n", pid, strerror(errno));
		return 1;
	}
	if (page_out(pidfd, 0, 0) == ENOSYS) {
		fprintf(stderr, "pageout: process_madvise: not in this kernel "
		        "(Linux 5.10 or later)\n");
		return 1;
	}
	n = page_out_all(pid, pidfd, &bytes, refused, sizeof refused);
	if (n < 0 || read_rss(pid, &after)) {
		int e = errno;

		fprintf(stderr, "pageout: pid %d: %s%s\n", pid, strerror(e),
		        e == EPERM || e == EACCES ? " (process_madvise needs CAP_SYS_NICE "
		        "and the right to ptrace the process: run as root)" : "");
		return 1;
	}
	printf("pageout: pid %d: MADV_PAGEOUT on %d mappings (%lu KiB); "
	       "resident KiB before -> after:\n", pid, n, bytes >> 10);
	print_kind("file", before.file, after.file);
	print_kind("anon", before.anon, after.anon);
	print_kind("shmem", before.shmem, after.shmem);
	print_kind("swap", before.swap, after.swap);
	if (refused[0])
		printf("pageout: the kernel left alone:%s\n", refused);
	close(pidfd);
	return 0;
}
