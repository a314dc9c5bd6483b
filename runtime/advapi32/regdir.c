/*
 * regdir.c — where the registry lives: one directory per user, shared by
 * all of that user's dllshare processes, one text file per hive
 * (regformat.c) and a lock file.
 *
 * The directory is $DLLSHARE_REGISTRY, else $XDG_DATA_HOME/dllshare/
 * registry, else ~/.local/share/dllshare/registry.  It is created 0700
 * and, like the section cache's (loader/cachedir.c), refused when it is a
 * symlink, another user's, or writable by group or others: the checks
 * are made on the opened directory.
 *
 * A change is made under the lock file (flock: writers of every process
 * take turns), on the hive as its file is now, and written whole to a
 * temporary file renamed over the old one, so a reader sees the old file
 * or the new one, never a part.  A process notices another's change by
 * the file's identity (device and inode, with size and times for a hand
 * edit in place): an open and an fstat per call.  It keeps the file it
 * read open, so that its inode cannot come back as a later file's.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/ld.h"
#include "runtime/advapi32/advapi32.h"
#include "runtime/advapi32/regstore.h"

/* A hive file larger than this is refused rather than read into memory:
 * far more than any program's settings. */
#define MAX_HIVE_FILE (256u << 20)

struct rs_hive rs_hives[RS_NHIVES] = {
	[RS_HKCU] = {.file = "HKEY_CURRENT_USER.reg"},
	[RS_HKLM] = {.file = "HKEY_LOCAL_MACHINE.reg"},
};

static pthread_mutex_t store_lock = PTHREAD_MUTEX_INITIALIZER;
static int dir_fd = -1;
static char dir_path[4096] LD_LARGE_BSS;
static int lock_fd = -1;

void rs_lock(void)
{
	pthread_mutex_lock(&store_lock);
}

void rs_unlock(void)
{
	pthread_mutex_unlock(&store_lock);
}

static LONG io_failed(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static LONG io_failed(const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (ld_trace_on)
		ld_trace("registry: %s (error %d)", what,
			 ERROR_REGISTRY_IO_FAILED);
	return ERROR_REGISTRY_IO_FAILED;
}

/* mkdir -p of path's directories above its last component (the
 * default place only: a $DLLSHARE_REGISTRY must have its parent). */
static void make_parents(char *path)
{
	for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		mkdir(path, 0700);
		*s = '/';
	}
}

/* Opens the registry directory once per process, checking it. */
static LONG open_dir(void)
{
	const char *env = getenv("DLLSHARE_REGISTRY");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	struct stat st;
	int fd, n;

	if (dir_fd >= 0)
		return ERROR_SUCCESS;
	if (env && *env)
		n = snprintf(dir_path, sizeof dir_path, "%s", env);
	else if (xdg && *xdg == '/')
		n = snprintf(dir_path, sizeof dir_path, "%s/dllshare/registry",
			     xdg);
	else if (home && *home == '/')
		n = snprintf(dir_path, sizeof dir_path,
			     "%s/.local/share/dllshare/registry", home);
	else
		return io_failed("no directory: neither DLLSHARE_REGISTRY, "
				 "XDG_DATA_HOME nor HOME is set");
	if (n < 0 || (size_t)n >= sizeof dir_path)
		return io_failed("directory name too long");
	if (!(env && *env))
		make_parents(dir_path);
	if (mkdir(dir_path, 0700) < 0 && errno != EEXIST)
		return io_failed("directory %s: cannot create: %s", dir_path,
				 strerror(errno));
	fd = open(dir_path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		if (lstat(dir_path, &st) == 0 && S_ISLNK(st.st_mode))
			return io_failed("directory %s: is a symlink; refusing "
					 "it (point DLLSHARE_REGISTRY at a "
					 "real directory)",
					 dir_path);
		return io_failed("directory %s: %s", dir_path, strerror(e));
	}
	if (fstat(fd, &st) < 0 || st.st_uid != geteuid() ||
	    (st.st_mode & 022)) {
		close(fd);
		return io_failed("directory %s: owned by another user or "
				 "writable by others; refusing it",
				 dir_path);
	}
	dir_fd = fd;
	return ERROR_SUCCESS;
}

/* An empty hive: its root key alone. */
static LONG set_empty(struct rs_hive *h)
{
	struct rs_key *root = rs_key_new(0, 0);

	if (!root)
		return ERROR_OUTOFMEMORY;
	root->id = 1;
	root->time = rs_now();
	rs_key_free(h->root);
	h->root = root;
	h->next_id = 2;
	if (h->held_fd > 0)
		close(h->held_fd - 1);
	h->held_fd = 0;
	h->dev = 0;
	h->ino = 0;
	h->loaded = 1;
	return ERROR_SUCCESS;
}

static int same_file(const struct rs_hive *h, const struct stat *st)
{
	return h->dev == st->st_dev && h->ino == st->st_ino &&
		h->size == st->st_size &&
		h->mtime.tv_sec == st->st_mtim.tv_sec &&
		h->mtime.tv_nsec == st->st_mtim.tv_nsec &&
		h->ctime.tv_sec == st->st_ctim.tv_sec &&
		h->ctime.tv_nsec == st->st_ctim.tv_nsec;
}

/* Keeps fd, open on the file as read or written (stat st), in place of
 * the one held before.  Holding it open keeps its inode from being
 * reused for a later file: the same device and inode then mean the same
 * file, which changes only by being replaced (hand edits in place aside,
 * which size and times show). */
static void remember(struct rs_hive *h, int fd, const struct stat *st)
{
	if (h->held_fd > 0)
		close(h->held_fd - 1);
	h->held_fd = fd + 1;
	h->dev = st->st_dev;
	h->ino = st->st_ino;
	h->size = st->st_size;
	h->mtime = st->st_mtim;
	h->ctime = st->st_ctim;
}

/* Reads and parses the file open on fd (stat st) into h. */
static LONG load(struct rs_hive *h, int fd, const struct stat *st)
{
	size_t len = (size_t)st->st_size, got = 0;
	char *buf, msg[256];
	struct rs_key *root;
	uint64_t next_id = 0;

	if (!S_ISREG(st->st_mode))
		return io_failed("%s/%s: not a regular file", dir_path,
				 h->file);
	if (st->st_size > (off_t)MAX_HIVE_FILE)
		return io_failed("%s/%s: larger than %u MiB", dir_path, h->file,
				 MAX_HIVE_FILE >> 20);
	if (!(buf = malloc(len + 1)))
		return ERROR_OUTOFMEMORY;
	while (got < len) {
		ssize_t r = read(fd, buf + got, len - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			free(buf);
			return io_failed(
				"%s/%s: cannot read: %s", dir_path, h->file,
				r ? strerror(errno) : "shorter than its size");
		}
		got += (size_t)r;
	}
	if (rs_parse(buf, len, &root, &next_id, msg, sizeof msg)) {
		free(buf);
		h->loaded = 0;
		if (ld_trace_on)
			ld_trace("registry: %s/%s: %s; not read, and left as "
				 "it is (error %d)",
				 dir_path, h->file, msg,
				 ERROR_REGISTRY_CORRUPT);
		return ERROR_REGISTRY_CORRUPT;
	}
	free(buf);
	rs_key_free(h->root);
	h->root = root;
	h->next_id = next_id;
	h->loaded = 1;
	remember(h, fd, st);
	return ERROR_SUCCESS;
}

LONG rs_sync(struct rs_hive *h)
{
	struct stat st;
	LONG r;
	int fd;

	if ((r = open_dir()))
		return r;
	fd = openat(dir_fd, h->file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			return io_failed("%s/%s: %s", dir_path, h->file,
					 strerror(errno));
		/* no file: the hive is empty (until its first change) */
		if (h->loaded && !h->dev)
			return ERROR_SUCCESS;
		return set_empty(h);
	}
	if (fstat(fd, &st) < 0)
		r = io_failed("%s/%s: %s", dir_path, h->file, strerror(errno));
	else if (h->loaded && same_file(h, &st))
		r = ERROR_SUCCESS;
	else if (!(r = load(h, fd, &st)))
		return r; /* fd is held now */
	close(fd);
	return r;
}

LONG rs_begin(struct rs_hive *h)
{
	LONG r;

	if ((r = open_dir()))
		return r;
	lock_fd = openat(dir_fd, ".lock",
			 O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (lock_fd < 0)
		return io_failed("%s/.lock: %s", dir_path, strerror(errno));
	while (flock(lock_fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			r = io_failed("%s/.lock: %s", dir_path,
				      strerror(errno));
			close(lock_fd);
			lock_fd = -1;
			return r;
		}
	}
	if ((r = rs_sync(h))) {
		close(lock_fd);
		lock_fd = -1;
	}
	return r;
}

/* Writes text[0..len) to h's file through a temporary file. */
static LONG write_file(struct rs_hive *h, const char *text, size_t len)
{
	char tmp[64];
	struct stat st;
	size_t done = 0;
	int fd;

	snprintf(tmp, sizeof tmp, ".%s.%d.tmp", h->file, (int)getpid());
	fd = openat(dir_fd, tmp,
		    O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
		    0600);
	if (fd < 0)
		return io_failed("%s/%s: cannot create: %s", dir_path, tmp,
				 strerror(errno));
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (done < len || fsync(fd) < 0) {
		int e = errno;

		close(fd);
		unlinkat(dir_fd, tmp, 0);
		return io_failed("%s/%s: cannot write: %s (the hive is "
				 "unchanged)",
				 dir_path, tmp, strerror(e));
	}
	if (renameat(dir_fd, tmp, dir_fd, h->file) < 0) {
		int e = errno;

		close(fd);
		unlinkat(dir_fd, tmp, 0);
		return io_failed("%s/%s: cannot replace: %s", dir_path, h->file,
				 strerror(e));
	}
	/* stat after the rename, which changes the file's ctime */
	if (fstat(fd, &st) == 0) {
		remember(h, fd, &st);
	} else {
		close(fd);
		h->loaded = 0;
	}
	return ERROR_SUCCESS;
}

LONG rs_commit(struct rs_hive *h, int write)
{
	LONG r = ERROR_SUCCESS;

	if (write) {
		size_t len;
		char *text = rs_format(h, &len);

		r = text ? write_file(h, text, len) : ERROR_OUTOFMEMORY;
		free(text);
		if (r)
			h->loaded = 0; /* the change is lost: read the file */
	}
	close(lock_fd);
	lock_fd = -1;
	return r;
}
