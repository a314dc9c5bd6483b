/*
 * cachedir.c — where image sections and process records live.
 *
 * The cache directory is shared by every dllshare process of one user.  A
 * section file there is mapped executable into each of them, so a
 * directory somebody else can write to would let them put code into our
 * processes: we refuse one that is owned by another user, group or world
 * writable, or reached through a symlink (docs/design.md, "Identity and
 * name").  The default directory is in a place others can write to
 * (/dev/shm is sticky and world writable): one somebody else made first
 * must not block our runs, so we fall back to a private one of our own
 * next to it (open_default).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/section.h"

int ld_errf(struct ld_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}

int ld_errf_pe(struct ld_error *err, const char *path,
               const struct pe_error *pe)
{
	return ld_errf(err, -EINVAL, "%s: %s", path, pe->msg);
}

/* Opens name (relative to the directory at, or AT_FDCWD) without
 * following a symlink, mkdir -m 0700 first if it is missing, and checks
 * owner and mode on the opened directory itself, so a swap between the
 * check and the use cannot fool us.  dir is its path, for messages; *stp
 * (when not NULL) receives its stat.  The usual case, a directory that
 * exists, costs an open and an fstat. */
static int open_checked_at(int at, const char *name, const char *dir,
                           struct stat *stp, struct ld_error *err)
{
	const int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	struct stat st;
	uid_t uid;
	int fd = openat(at, name, flags);

	if (fd < 0 && errno == ENOENT) {
		if (mkdirat(at, name, 0700) < 0 && errno != EEXIST)
			return ld_errf(err, -errno, "cache directory %s: cannot "
			               "create: %s", dir, strerror(errno));
		fd = openat(at, name, flags);
	}
	if (fd < 0) {
		int e = errno;

		/* With O_DIRECTORY, a symlink as the last component is
		 * ENOTDIR, like a file; only its lstat tells them apart. */
		if ((e == ELOOP || e == ENOTDIR) &&
		    fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(st.st_mode))
			return ld_errf(err, -ELOOP, "cache directory %s: is a "
			               "symlink; refusing it (point "
			               "DLLSHARE_CACHE at a real directory)", dir);
		if (e == ENOTDIR)
			return ld_errf(err, -ENOTDIR, "cache directory %s: not "
			               "a directory", dir);
		return ld_errf(err, -e, "cache directory %s: %s", dir,
		               strerror(e));
	}
	if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
		close(fd);
		return ld_errf(err, -ENOTDIR,
		               "cache directory %s: not a directory", dir);
	}
	if (st.st_uid != (uid = geteuid())) {
		close(fd);
		return ld_errf(err, -EPERM,
		               "cache directory %s: owned by uid %u, not by us "
		               "(uid %u); refusing it", dir, (unsigned)st.st_uid,
		               (unsigned)uid);
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		close(fd);
		return ld_errf(err, -EPERM,
		               "cache directory %s: mode %03o is group or world "
		               "writable; refusing it (chmod 700 it)", dir,
		               (unsigned)(st.st_mode & 0777));
	}
	if (stp)
		*stp = st;
	return fd;
}

/* open_checked_at of the path dir. */
static int open_checked_st(const char *dir, struct stat *stp,
                           struct ld_error *err)
{
	return open_checked_at(AT_FDCWD, dir, dir, stp, err);
}

/* open_checked_st, for a caller that needs no stat of the directory. */
static int open_checked(const char *dir, struct ld_error *err)
{
	return open_checked_st(dir, NULL, err);
}

/* The fallback for a default directory somebody else made: the first
 * "<dflt>.XXXXXX" next to it, by name, that passes open_checked (only we
 * can make a directory that is ours, so a planted one never passes), or
 * a new one from mkdtemp.  Every process of ours finds the same one.
 * Fills dir (PATH_MAX) and returns its fd, or an error. */
static __attribute__((noinline)) int open_fallback(const char *dflt,
                                                   char *dir,
                                                   struct ld_error *err)
{
	char parent[PATH_MAX], best[NAME_MAX + 1] = "";
	const char *slash = strrchr(dflt, '/');
	size_t plen = slash ? (size_t)(slash - dflt) : 0;
	const char *stem = slash ? slash + 1 : dflt;
	size_t slen = strlen(stem);
	struct dirent *e;
	DIR *d;
	int fd;

	snprintf(parent, sizeof parent, "%.*s", (int)plen, plen ? dflt : ".");
	if ((d = opendir(parent))) {
		while ((e = readdir(d))) {
			struct stat st;

			if (strncmp(e->d_name, stem, slen) ||
			    e->d_name[slen] != '.' ||
			    strlen(e->d_name) != slen + 7 ||
			    fstatat(dirfd(d), e->d_name, &st,
				    AT_SYMLINK_NOFOLLOW) < 0 ||
			    !S_ISDIR(st.st_mode) || st.st_uid != geteuid() ||
			    (st.st_mode & 077))
				continue;
			if (!best[0] || strcmp(e->d_name, best) < 0)
				snprintf(best, sizeof best, "%s", e->d_name);
		}
		closedir(d);
	}
	if (best[0]) {
		if (snprintf(dir, PATH_MAX, "%.3800s/%s", parent, best) <
		            PATH_MAX &&
		    (fd = open_checked(dir, err)) >= 0)
			return fd;
	}
	if (snprintf(dir, PATH_MAX, "%s.XXXXXX", dflt) >= PATH_MAX)
		return ld_errf(err, -ENAMETOOLONG,
			       "cache directory path is too long");
	if (!mkdtemp(dir))
		return ld_errf(err, -errno, "cache directory %s: %s", dir,
			       strerror(errno));
	return open_checked(dir, err);
}

/* The fallback for the default directory dir, which failed its checks
 * (why): said once per process, with how to choose one.  Apart from
 * open_default, and not inlined there: its buffers are no part of a
 * usual start's stack. */
static __attribute__((noinline)) int open_instead(char *dir, struct stat *st,
                                                  const struct ld_error *why,
                                                  struct ld_error *err)
{
	static int said;
	char dflt[PATH_MAX];
	int fd;

	memcpy(dflt, dir, strlen(dir) + 1);
	if ((fd = open_fallback(dflt, dir, err)) >= 0 && fstat(fd, st) < 0) {
		close(fd);
		return ld_errf(err, -errno, "cache directory %s: %s", dir,
		               strerror(errno));
	}
	if (fd >= 0 && !__atomic_exchange_n(&said, 1, __ATOMIC_ACQ_REL))
		ld_note("%s; using %s instead (set DLLSHARE_CACHE to choose "
			"the cache directory)", why->msg, dir);
	return fd;
}

/* The default directory, or the fallback when somebody else made it
 * (owned by another user, group or world writable, a symlink, not a
 * directory). */
static int open_default(char *dir, struct stat *st, struct ld_error *err)
{
	struct ld_error why;
	int fd = open_checked_st(dir, st, &why);

	if (fd >= 0 ||
	    (fd != -EPERM && fd != -ELOOP && fd != -ENOTDIR && fd != -EACCES)) {
		if (fd < 0 && err)
			*err = why;
		return fd;
	}
	return open_instead(dir, st, &why, err);
}

/* The directory the last ld_cache_open chose for a request (key: the
 * path before any fallback), held open.  A process opens it for its EXE's
 * section, then for its record and for each DLL: checking it anew each
 * time (open, fstat) found the same directory.  A later
 * request revalidates with one lstat: the same inode, still a directory,
 * not a symlink, still ours and not group or world writable (the checks
 * open_checked made, on the same inode); anything else drops it and
 * checks from scratch, so a directory removed, replaced or chmodded
 * meanwhile is seen as before.  Small, and zero until used: it shares
 * a page of the loader's other state, and the two paths live on the
 * heap (a fresh page of data is a page fault at every start). */
static struct {
	pthread_mutex_t lock;
	char *key, *dir; /* NULL: nothing held */
	int fd;
	dev_t dev;
	ino_t ino;
} held = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void held_drop(void)
{
	if (held.dir)
		close(held.fd);
	free(held.key);
	free(held.dir);
	held.key = held.dir = NULL;
}

/* Whether the held directory is still the one for key: the same inode,
 * a directory, not a symlink, ours, not group or world writable; drops
 * it when not.  Under the lock. */
static int held_valid(const char *key)
{
	struct stat st;

	if (!held.dir || strcmp(key, held.key))
		return 0;
	if (lstat(held.dir, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    st.st_dev != held.dev || st.st_ino != held.ino ||
	    st.st_uid != geteuid() || (st.st_mode & (S_IWGRP | S_IWOTH))) {
		held_drop();
		return 0;
	}
	return 1;
}

/* Copies the held directory for key into dir (PATH_MAX) and returns a
 * new descriptor of it; -1 when none is held for key (or it no longer
 * passes the checks, or the dup failed). */
static int held_take(const char *key, char *dir)
{
	int fd = -1;

	pthread_mutex_lock(&held.lock);
	if (held_valid(key) &&
	    (fd = fcntl(held.fd, F_DUPFD_CLOEXEC, 0)) >= 0)
		memcpy(dir, held.dir, strlen(held.dir) + 1);
	pthread_mutex_unlock(&held.lock);
	return fd;
}

/* Holds fd (checked by open_checked_st, which said st; ours now) as the
 * directory for key; closes it when there is no memory to hold it. */
static void held_put(const char *key, const char *dir, int fd,
                     const struct stat *st)
{
	char *k = strdup(key), *d = strdup(dir);

	pthread_mutex_lock(&held.lock);
	held_drop();
	if (k && d) {
		held.key = k;
		held.dir = d;
		held.fd = fd;
		held.dev = st->st_dev;
		held.ino = st->st_ino;
	} else {
		free(k);
		free(d);
		close(fd);
	}
	pthread_mutex_unlock(&held.lock);
}

/* The cache directory named by the environment, into dir (PATH_MAX):
 * its length, or -1 when too long.  *dflt says whether it is the
 * default one (no $DLLSHARE_CACHE). */
static int cache_path(char *dir, int *dflt)
{
	const char *env = getenv("DLLSHARE_CACHE");
	int n;

	*dflt = !(env && *env);
	if (!*dflt)
		n = snprintf(dir, PATH_MAX, "%s", env);
	else if ((env = getenv("XDG_RUNTIME_DIR")) && *env)
		n = snprintf(dir, PATH_MAX, "%s/dllshare", env);
	else
		n = snprintf(dir, PATH_MAX, "/dev/shm/dllshare-%u",
		             (unsigned)geteuid());
	return n < 0 || n >= PATH_MAX - 8 ? -1 : n;
}

/* The directory at path *dir (its key), opened and checked from scratch
 * and then held; *dir becomes the fallback's path when the default one
 * is somebody else's.  The key is copied aside only then. */
static int open_new(char *dir, int dflt, struct ld_error *err)
{
	struct stat st;
	char *key = dflt ? strdup(dir) : NULL;
	int fd, keep;

	if (dflt && !key)
		return ld_errf(err, -ENOMEM, "cache directory: out of memory");
	fd = dflt ? open_default(dir, &st, err) : open_checked_st(dir, &st, err);
	if (fd >= 0 && (keep = fcntl(fd, F_DUPFD_CLOEXEC, 0)) >= 0)
		held_put(key ? key : dir, dir, keep, &st);
	free(key);
	return fd;
}

/* What held_sub returns when nothing is held for the key. */
#define HELD_NONE INT_MIN

/* Subdirectory sub of the directory held for key, opened and checked as
 * open_checked does, from the held descriptor and under the lock (the
 * descriptor stays open meanwhile); its path goes to dir (PATH_MAX).
 * HELD_NONE when none is held for key. */
static int held_sub(const char *key, const char *sub, char *dir,
                    struct ld_error *err)
{
	int fd = HELD_NONE;

	pthread_mutex_lock(&held.lock);
	if (held_valid(key)) {
		if (snprintf(dir, PATH_MAX, "%s/%s", held.dir, sub) >= PATH_MAX)
			fd = ld_errf(err, -ENAMETOOLONG,
			             "cache directory path is too long");
		else
			fd = open_checked_at(held.fd, sub, dir, NULL, err);
	}
	pthread_mutex_unlock(&held.lock);
	return fd;
}

int ld_cache_open(const char *sub, char *out, struct ld_error *err)
{
	int dflt, fd, sfd;

	if (cache_path(out, &dflt) < 0)
		return ld_errf(err, -ENAMETOOLONG, "cache directory path is too long");
	if (sub && (fd = held_sub(out, sub, out, err)) != HELD_NONE)
		return fd;
	if ((fd = held_take(out, out)) < 0 &&
	    (fd = open_new(out, dflt, err)) < 0)
		return fd;
	if (!sub)
		return fd;
	/* Nothing was held for it: the directory is held now, under the
	 * key (out has become its path, perhaps the fallback's). */
	cache_path(out, &dflt);
	sfd = held_sub(out, sub, out, err);
	close(fd);
	return sfd == HELD_NONE ? ld_errf(err, -ENOENT, "cache directory %s: "
	                                  "gone while opened", out)
	                        : sfd;
}
