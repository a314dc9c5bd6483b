/*
 * cachedir.c — where image sections and process records live.
 *
 * The cache directory is shared by every dllshare process of one user.  A
 * section file there is mapped executable into each of them, so a
 * directory somebody else can write to would let them put code into our
 * processes: we refuse one that is owned by another user, group or world
 * writable, or reached through a symlink (DESIGN.md, "The image
 * section").
 */
#include <errno.h>
#include <fcntl.h>
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
static int open_checked(const char *dir, struct ld_error *err)
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
	return fd;
}

int ld_cache_open(const char *sub, char *out, struct ld_error *err)
{
	char dir[PATH_MAX];
	const char *env = getenv("DLLSHARE_CACHE");
	int n, fd;

	if (env && *env)
		n = snprintf(dir, sizeof dir, "%s", env);
	else if ((env = getenv("XDG_RUNTIME_DIR")) && *env)
		n = snprintf(dir, sizeof dir, "%s/dllshare", env);
	else
		n = snprintf(dir, sizeof dir, "/dev/shm/dllshare-%u",
		             (unsigned)geteuid());
	if (n < 0 || (size_t)n >= sizeof dir)
		return ld_errf(err, -ENAMETOOLONG, "cache directory path is too long");
	fd = open_checked(dir, err);
	if (fd < 0 || !sub)
		goto done;
	close(fd);
	n = snprintf(dir + n, sizeof dir - n, "/%s", sub);
	if (n < 0 || strlen(dir) >= sizeof dir - 1)
		return ld_errf(err, -ENAMETOOLONG, "cache directory path is too long");
	fd = open_checked(dir, err);
done:
	if (fd >= 0 && out)
		memcpy(out, dir, strlen(dir) + 1);
	return fd;
}
