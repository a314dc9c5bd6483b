/*
 * lifetime.c — objects several processes share through a file name
 * (named events, mutexes, semaphores, named file mappings): the object,
 * name and all, lives while any process holds a handle of it, as a
 * Windows object lives while any handle refers to it.
 *
 * Every holder keeps a shared OFD lock on one byte of the file
 * (LIFE_BYTE), one per open file description.  The holder that closes
 * the last one obtains the exclusive lock and removes the name while it
 * holds it.  An opener takes its shared lock, waiting out a closer that
 * holds the exclusive one, then checks that the name still leads to the
 * file it opened (the closer may have removed it meanwhile) and else
 * starts again.  A process that ends gives up its holds the same way
 * (an exit hook: rt_handles_release_shared).  One that dies without it
 * (a crash, SIGKILL) leaves a name no one holds, since the kernel drops
 * its locks with its descriptors: the next opener finds the exclusive
 * lock free, so it knows the object is gone, and removes the name.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/core/core.h"

/* Far past any data, below the sharing-mode bytes of kernel32/share.c
 * (named objects are never files CreateFile opens, but a DELETE_ON_CLOSE
 * file's lock sits among those of share.c). */
#define LIFE_BYTE ((off_t)(INT64_MAX - 4096))

static int life_lock(int fd, short type, int wait)
{
	struct flock l = {.l_type = type, .l_whence = SEEK_SET,
			  .l_start = LIFE_BYTE, .l_len = 1};
	int r;

	while ((r = fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &l)) != 0 &&
	       errno == EINTR)
		;
	return r;
}

static pthread_once_t hook_once = PTHREAD_ONCE_INIT;

static void add_hook(void)
{
	rt_exit_hook_add(rt_handles_release_shared);
}

void rt_shared_at_exit(void)
{
	pthread_once(&hook_once, add_hook);
}

int rt_shared_hold(int fd)
{
	rt_shared_at_exit();
	return life_lock(fd, F_RDLCK, 1) == 0 ? 0 : -errno;
}

/* Whether path names the file open on fd. */
static int still_named(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int rt_shared_open(const char *path, int flags)
{
	for (;;) {
		int fd = open(path, flags | O_CLOEXEC | O_NOCTTY), e;

		if (fd < 0)
			return -errno;
		if (life_lock(fd, F_WRLCK, 0) == 0) {
			/* No holder: its last one died.  Remove the name
			 * (if it is still this file's) and look again. */
			if (still_named(fd, path))
				unlink(path);
			close(fd);
			continue;
		}
		if (rt_shared_hold(fd) < 0) {
			e = errno;
			close(fd);
			return -e;
		}
		if (still_named(fd, path))
			return fd;
		close(fd); /* its last holder removed it: look again */
	}
}

int rt_shared_publish(const char *tmp, const char *path)
{
	int e = link(tmp, path) == 0 ? 0 : -errno;

	unlink(tmp);
	return e;
}

int rt_shared_last(int fd)
{
	return life_lock(fd, F_WRLCK, 0) == 0;
}

void rt_shared_close(int fd, const char *path)
{
	if (rt_shared_last(fd))
		unlink(path);
	close(fd);
}
