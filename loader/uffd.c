/*
 * uffd.c — the userfaultfd copy-on-write backend (DLLSHARE_COW=uffd).
 *
 * Copy-on-write ranges are mapped MAP_PRIVATE read/write and
 * write-protected with userfaultfd in WP_ASYNC mode.  A first write, by
 * the program or by the kernel (read() into the page), is resolved by the
 * kernel in the fault itself: the page is copied, no signal, no mprotect,
 * the mapping stays whole.  What is lost: nobody sees the write, so the
 * record cannot say which instruction or thread made the page private
 * (the section says LD_REC_SEC_UFFD; dllmap asks pagemap).  The default
 * ("signal", or unset) is the fault handler.
 *
 * This file owns the process's one userfaultfd; viewmap.c protects the
 * ranges with it and view.c asks which backend a new view uses.  It knows
 * nothing of views.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "loader/view.h"

/* System headers may predate these, so the numbers are spelled here. */
#define UF_FEATURE_WP_HUGETLBFS_SHMEM (1ull << 12)
#define UF_FEATURE_WP_UNPOPULATED     (1ull << 13)
#define UF_FEATURE_WP_ASYNC	      (1ull << 15)
#define UF_USER_MODE_ONLY	      1 /* flag of userfaultfd(2), Linux 5.11 */
#define UF_WANT                                                                \
	(UF_FEATURE_WP_ASYNC | UF_FEATURE_WP_UNPOPULATED |                     \
	 UF_FEATURE_WP_HUGETLBFS_SHMEM)

static pthread_once_t uf_once = PTHREAD_ONCE_INIT;
static int uf_fd = -1; /* the process's one userfaultfd, or -1 */

/* Opens the userfaultfd with every feature in UF_WANT; says once on
 * stderr why not when it cannot.  The fd is not inherited by exec (it
 * would mean nothing there); a child that maps views opens its own. */
static void uf_open(void)
{
	struct uffdio_api api = {.api = UFFD_API};
	const char *why = NULL;
	char buf[160];
	int fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | UF_USER_MODE_ONLY);

	if (fd < 0) {
		snprintf(buf, sizeof buf, "userfaultfd(): %s", strerror(errno));
		why = buf;
	} else if (ioctl(fd, UFFDIO_API, &api) < 0) {
		snprintf(buf, sizeof buf, "UFFDIO_API: %s", strerror(errno));
		why = buf;
	} else if ((api.features & UF_WANT) != UF_WANT) {
		snprintf(buf, sizeof buf,
			 "the kernel lacks userfaultfd feature "
			 "bits 0x%llx (WP_ASYNC needs Linux 6.7)",
			 (unsigned long long)(UF_WANT & ~api.features));
		why = buf;
	}
	if (fd >= 0) /* features 0 only asked; UFFDIO_API works once per fd */
		close(fd);
	if (!why) {
		fd = (int)syscall(SYS_userfaultfd,
				  O_CLOEXEC | UF_USER_MODE_ONLY);
		api = (struct uffdio_api){.api = UFFD_API, .features = UF_WANT};
		if (fd < 0 || ioctl(fd, UFFDIO_API, &api) < 0) {
			snprintf(buf, sizeof buf, "UFFDIO_API 0x%llx: %s",
				 (unsigned long long)UF_WANT, strerror(errno));
			why = buf;
			if (fd >= 0)
				close(fd);
		} else {
			uf_fd = fd;
		}
	}
	if (why)
		fprintf(stderr,
			"dllshare: DLLSHARE_COW=uffd: %s; using the "
			"fault handler\n",
			why);
}

int ld_uffd_backend(struct ld_error *err)
{
	const char *e = getenv("DLLSHARE_COW");

	if (!e || !*e || !strcmp(e, "signal"))
		return 0;
	if (strcmp(e, "uffd"))
		return ld_errf(err, -EINVAL,
			       "DLLSHARE_COW=%.100s: unknown value "
			       "(accepted: signal, the default, or uffd)",
			       e);
	pthread_once(&uf_once, uf_open);
	return uf_fd >= 0;
}

int ld_uffd_protect(void *p, size_t len)
{
	struct uffdio_register reg = {.range = {(uintptr_t)p, len},
				      .mode = UFFDIO_REGISTER_MODE_WP};
	struct uffdio_writeprotect wp = {.range = {(uintptr_t)p, len},
					 .mode = UFFDIO_WRITEPROTECT_MODE_WP};

	if (ioctl(uf_fd, UFFDIO_REGISTER, &reg) < 0 ||
	    ioctl(uf_fd, UFFDIO_WRITEPROTECT, &wp) < 0)
		return -errno;
	return 0;
}
