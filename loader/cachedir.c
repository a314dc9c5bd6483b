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

/* mkdir -m 0700 dir (if missing), then open it without following a
 * symlink and check owner and mode on the opened directory itself, so a
 * swap between the check and the use cannot fool us. */
static int open_checked_st(const char *dir, struct stat *stp,
                           struct ld_error *err)
{
	struct stat st;
	int fd;

	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return ld_errf(err, -errno, "cache directory %s: cannot create: %s",
		               dir, strerror(errno));
	if (lstat(dir, &st) < 0)
		return ld_errf(err, -errno, "cache directory %s: %s", dir,
		               strerror(errno));
	if (S_ISLNK(st.st_mode))
		return ld_errf(err, -ELOOP,
		               "cache directory %s: is a symlink; refusing it "
		               "(point DLLSHARE_CACHE at a real directory)", dir);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return ld_errf(err, -errno, "cache directory %s: %s", dir,
		               strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
		close(fd);
		return ld_errf(err, -ENOTDIR,
		               "cache directory %s: not a directory", dir);
	}
	if (st.st_uid != geteuid()) {
		close(fd);
		return ld_errf(err, -EPERM,
		               "cache directory %s: owned by uid %u, not by us "
		               "(uid %u); refusing it", dir, (unsigned)st.st_uid,
		               (unsigned)geteuid());
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
static int open_fallback(const char *dflt, char *dir, struct ld_error *err)
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

/* The default directory, or the fallback when somebody else made it
 * (owned by another user, group or world writable, a symlink, not a
 * directory): said once per process, with how to choose one. */
static int open_default(char *dir, struct stat *st, struct ld_error *err)
{
	static int said;
	char dflt[PATH_MAX];
	struct ld_error why;
	int fd = open_checked_st(dir, st, &why);

	if (fd >= 0 ||
	    (fd != -EPERM && fd != -ELOOP && fd != -ENOTDIR && fd != -EACCES)) {
		if (fd < 0 && err)
			*err = why;
		return fd;
	}
	memcpy(dflt, dir, strlen(dir) + 1);
	if ((fd = open_fallback(dflt, dir, err)) >= 0 && fstat(fd, st) < 0) {
		close(fd);
		return ld_errf(err, -errno, "cache directory %s: %s", dir,
		               strerror(errno));
	}
	if (fd >= 0 && !__atomic_exchange_n(&said, 1, __ATOMIC_ACQ_REL))
		ld_note("%s; using %s instead (set DLLSHARE_CACHE to choose "
			"the cache directory)", why.msg, dir);
	return fd;
}

/* The directory the last ld_cache_open chose for a request (key: the
 * path before any fallback), held open.  A process opens it for its EXE's
 * section, then for its record and for each DLL: checking it anew each
 * time (mkdir, lstat, open, fstat) found the same directory.  A later
 * request revalidates with one lstat: the same inode, still a directory,
 * not a symlink, still ours and not group or world writable (the checks
 * open_checked made, on the same inode); anything else drops it and
 * checks from scratch, so a directory removed, replaced or chmodded
 * meanwhile is seen as before. */
static struct {
	pthread_mutex_t lock;
	char key[PATH_MAX], dir[PATH_MAX];
	int fd;
	dev_t dev;
	ino_t ino;
} held = {PTHREAD_MUTEX_INITIALIZER, "", "", -1, 0, 0};

/* Copies the held directory for key into dir; with want_fd, returns a
 * new descriptor of it, else 0.  -1 when none is held for key (or it no
 * longer passes the checks, or the dup failed). */
static int held_take(const char *key, char *dir, int want_fd)
{
	struct stat st;
	int fd = -1;

	pthread_mutex_lock(&held.lock);
	if (held.fd < 0 || strcmp(key, held.key))
		goto out;
	if (lstat(held.dir, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    st.st_dev != held.dev || st.st_ino != held.ino ||
	    st.st_uid != geteuid() || (st.st_mode & (S_IWGRP | S_IWOTH))) {
		close(held.fd);
		held.fd = -1;
		goto out;
	}
	fd = want_fd ? fcntl(held.fd, F_DUPFD_CLOEXEC, 0) : 0;
	if (fd >= 0)
		memcpy(dir, held.dir, strlen(held.dir) + 1);
out:
	pthread_mutex_unlock(&held.lock);
	return fd;
}

/* Holds fd (checked by open_checked_st, which said st; ours now) as the
 * directory for key. */
static void held_put(const char *key, const char *dir, int fd,
                     const struct stat *st)
{
	pthread_mutex_lock(&held.lock);
	if (held.fd >= 0)
		close(held.fd);
	memcpy(held.key, key, strlen(key) + 1);
	memcpy(held.dir, dir, strlen(dir) + 1);
	held.fd = fd;
	held.dev = st->st_dev;
	held.ino = st->st_ino;
	pthread_mutex_unlock(&held.lock);
}

int ld_cache_open(const char *sub, char *out, struct ld_error *err)
{
	char dir[PATH_MAX], key[PATH_MAX];
	struct stat st;
	const char *env = getenv("DLLSHARE_CACHE");
	int n, fd, dflt = !(env && *env);

	if (!dflt)
		n = snprintf(dir, sizeof dir, "%s", env);
	else if ((env = getenv("XDG_RUNTIME_DIR")) && *env)
		n = snprintf(dir, sizeof dir, "%s/dllshare", env);
	else
		n = snprintf(dir, sizeof dir, "/dev/shm/dllshare-%u",
		             (unsigned)geteuid());
	if (n < 0 || (size_t)n >= sizeof dir - 8)
		return ld_errf(err, -ENAMETOOLONG, "cache directory path is too long");
	memcpy(key, dir, strlen(dir) + 1);
	if ((fd = held_take(key, dir, !sub)) >= 0) {
		if (!sub)
			goto done;
	} else {
		fd = dflt ? open_default(dir, &st, err)
		          : open_checked_st(dir, &st, err);
		if (fd < 0)
			goto done;
		if (!sub) {
			int keep = fcntl(fd, F_DUPFD_CLOEXEC, 0);

			if (keep >= 0)
				held_put(key, dir, keep, &st);
			goto done;
		}
		held_put(key, dir, fd, &st);
	}
	n = strlen(dir);
	n = snprintf(dir + n, sizeof dir - n, "/%s", sub);
	if (n < 0 || strlen(dir) >= sizeof dir - 1)
		return ld_errf(err, -ENAMETOOLONG, "cache directory path is too long");
	fd = open_checked(dir, err);
done:
	if (fd >= 0 && out)
		memcpy(out, dir, strlen(dir) + 1);
	return fd;
}
