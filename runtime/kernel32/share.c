/*
 * share.c — kernel32: sharing modes, CreateFile's dwShareMode, between
 * every handle of every dllshare process.
 *
 * Windows refuses an open (ERROR_SHARING_VIOLATION) when it asks for an
 * access that an open handle of the file does not share, or denies a
 * sharing that an open handle's access needs: read, write and delete
 * each way.  dllshare keeps that state in the file itself, as advisory
 * OFD locks on a few bytes at the very end of the offset range (which
 * LockFile leaves alone: lock.c stops below them): a handle holding read
 * access holds a shared lock on the byte ACC+read, one that does not
 * share writing holds one on DENY+write, and so on.  An open tests the
 * bytes its access and its sharing conflict with (F_OFD_GETLK) and then
 * takes its own, both under flock(LOCK_EX) on the file so two opens
 * decide one after the other.  The locks live on a second, read-only
 * descriptor of the file owned by the handle's file object: they go when
 * its last handle closes, or the process dies, as a Windows file
 * object's share access does.
 *
 * Only opens for data (read, write, delete) take part, and only on
 * regular files; a file this process cannot open for
 * reading (a write-only file of another user) is opened without the
 * check.  DeleteFile and MoveFile are opens for delete access.
 *
 * FILE_FLAG_DELETE_ON_CLOSE deletes the file when its last handle
 * closes, in whatever process: when the handle that asked it closes
 * while others hold the file (their sharing bytes are held), it marks
 * the file delete-pending with an extended attribute, and every close
 * of a handle of a marked file that finds no other holder deletes it.
 * Meanwhile the file opens as any other (as in Wine; Windows would
 * refuse with STATUS_DELETE_PENDING once the asking handle has closed).
 * A file system without user extended attributes gets the file deleted
 * at the close of the handle that asked (the others keep their open
 * descriptors).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

/* The bytes: ACC + i for access i held, DENY + i for sharing i refused
 * (i: 0 read, 1 write, 2 delete).  RT_K32_SHARE_BYTES of them end the
 * offset range. */
#define ACC  ((off_t)(INT64_MAX - RT_K32_SHARE_BYTES + 1))
#define DENY (ACC + 3)

/* The kinds of access a mask asks (bit i: read, write, delete). */
static unsigned kinds(DWORD access)
{
	unsigned k = 0;

	if (access & FILE_READ_RIGHTS)
		k |= 1;
	if (access & (FILE_WRITE_RIGHTS | FILE_APPEND_DATA))
		k |= 2;
	if (access & (GENERIC_ALL | DELETE))
		k |= 4;
	return k;
}

/* Whether another descriptor holds a lock on byte b. */
static int held(int fd, off_t b)
{
	struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET,
			  .l_start = b, .l_len = 1};

	return fcntl(fd, F_OFD_GETLK, &l) == 0 && l.l_type != F_UNLCK;
}

static int hold(int fd, off_t b)
{
	struct flock l = {.l_type = F_RDLCK, .l_whence = SEEK_SET,
			  .l_start = b, .l_len = 1};

	return fcntl(fd, F_OFD_SETLK, &l);
}

/* With fd flock'ed: ERROR_SHARING_VIOLATION when want (kinds) or deny
 * (kinds not shared) conflicts with a handle of the file, else 0 with
 * this open's bytes taken (or an errno's error). */
static DWORD decide(int fd, unsigned want, unsigned deny)
{
	for (int i = 0; i < 3; i++)
		if (((want >> i & 1) && held(fd, DENY + i)) ||
		    ((deny >> i & 1) && held(fd, ACC + i)))
			return ERROR_SHARING_VIOLATION;
	for (int i = 0; i < 3; i++)
		if (((want >> i & 1) && hold(fd, ACC + i) != 0) ||
		    ((deny >> i & 1) && hold(fd, DENY + i) != 0))
			return rt_win32_error(errno);
	return 0;
}

/* A read-only descriptor of the regular file that of (an open
 * descriptor, or -1) or else path names: reopened through /proc when
 * of is given, so it is that file even if path has been renamed or
 * replaced since; -1 when it is not a regular file or not readable. */
static int reopen(const char *path, int of)
{
	char self[40];
	struct stat st;
	int fd;

	if (of >= 0) {
		if (fstat(of, &st) != 0 || !S_ISREG(st.st_mode))
			return -1;
		snprintf(self, sizeof self, "/proc/self/fd/%d", of);
		path = self;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd >= 0 && of < 0 &&
	    (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
		close(fd);
		fd = -1;
	}
	return fd;
}

int rt_k32_share_enter(const char *path, int of, DWORD access, DWORD share,
		       int *share_fd)
{
	unsigned want = kinds(access), deny = 7u & ~share;
	DWORD e;
	int fd;

	*share_fd = -1;
	if (!want)
		return 0; /* attributes only: no part in sharing */
	if ((fd = reopen(path, of)) < 0)
		return 0; /* not a regular file, or not readable to us */
	if (flock(fd, LOCK_EX) != 0) {
		close(fd);
		return 0;
	}
	e = decide(fd, want, deny);
	flock(fd, LOCK_UN);
	if (e) {
		close(fd);
		rt_set_last_error(e);
		return -1;
	}
	*share_fd = fd;
	rt_file_free_hook = rt_k32_share_leave;
	rt_shared_at_exit();
	return 0;
}

BOOL rt_k32_share_delete_ok(const char *path)
{
	int fd;

	if (rt_k32_share_enter(path, -1, DELETE,
			       FILE_SHARE_READ | FILE_SHARE_WRITE |
				       FILE_SHARE_DELETE,
			       &fd) < 0)
		return FALSE;
	if (fd >= 0)
		close(fd);
	return TRUE;
}

#define PENDING "user.dllshare.delete_pending"

/* Whether a descriptor other than fd's holds a sharing byte: another
 * handle of the file is open. */
static int others(int fd)
{
	struct flock l = {.l_type = F_WRLCK, .l_whence = SEEK_SET,
			  .l_start = ACC, .l_len = RT_K32_SHARE_BYTES};

	return fcntl(fd, F_OFD_GETLK, &l) == 0 && l.l_type != F_UNLCK;
}

/* Deletes the file open on fd by the name it has now (a rename since
 * the open is followed, as Windows deletes the file, not the name). */
static void delete_open_file(int fd)
{
	char self[40], path[4096];
	ssize_t n;

	snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
	n = readlink(self, path, sizeof path - 1);
	if (n <= 0 || n >= (ssize_t)sizeof path - 1)
		return;
	path[n] = 0;
	if (path[0] == '/')
		unlink(path); /* "... (deleted)" names nothing */
}

void rt_k32_share_leave(struct rt_object *o)
{
	int fd = o->share_fd, pending;
	char c;

	if (flock(fd, LOCK_EX) != 0)
		return;
	pending = fgetxattr(fd, PENDING, &c, 1) >= 0;
	if (o->delete_on_close || pending) {
		if (!others(fd))
			delete_open_file(fd);
		else if (!pending && fsetxattr(fd, PENDING, "1", 1, 0) != 0)
			delete_open_file(fd);
	}
	flock(fd, LOCK_UN);
}
