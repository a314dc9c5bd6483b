/*
 * cmd_cache.c — `dllshare cache path|list|gc`: the cache directory.
 *
 *   path   prints the directory (creating and checking it)
 *   list   each image section (the image it was built from, its size,
 *          whether a process maps it, whether the image changed since,
 *          the base it is built for and whether it was rebased),
 *          each shared-data object, leftover temporary files, and each
 *          process record (alive or stale)
 *   gc     removes what no live process uses: sections nobody holds a
 *          lock on, shared-data objects nobody has loaded, temporary
 *          files of dead creators, records of dead processes
 *
 * "In use" is the shared OFD lock every mapping process holds on byte 0
 * of a section file and of a shared-data object (section.c): gc takes the
 * lock exclusively, and only when that succeeds removes the file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/cmd.h"
#include "loader/section.h"

static int ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && !strcmp(s + a - b, suf);
}

/* 1 when some process holds a lock on byte 0 of the file, 0 when nobody
 * does, -1 when it cannot be told.  With take, a free file stays locked
 * exclusively by fd (*fdp) so the caller can remove it safely. */
static int in_use(int dirfd, const char *name, int take, int *fdp)
{
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET,
	                   .l_start = 0, .l_len = 1};
	int fd = openat(dirfd, name, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	int busy;

	*fdp = -1;
	if (fd < 0)
		return -1;
	if (take) {
		busy = fcntl(fd, F_OFD_SETLK, &fl) < 0;
	} else {
		if (fcntl(fd, F_OFD_GETLK, &fl) < 0) {
			close(fd);
			return -1;
		}
		busy = fl.l_type != F_UNLCK;
	}
	if (busy || !take)
		close(fd);
	else
		*fdp = fd;
	return busy;
}

static int read_trailer(int dirfd, const char *name, struct ld_sec_trailer *t,
                        off_t *size)
{
	struct stat st;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	off_t off;
	int ok;

	if (fd < 0)
		return -1;
	ok = fstat(fd, &st) == 0 && st.st_size > (off_t)LD_PAGE;
	off = st.st_size - (off_t)((sizeof *t + LD_PAGE - 1) & ~(LD_PAGE - 1));
	ok = ok && pread(fd, t, sizeof *t, off) == (ssize_t)sizeof *t &&
	     t->magic == LD_SEC_MAGIC;
	*size = st.st_size;
	close(fd);
	t->path[sizeof t->path - 1] = '\0';
	return ok ? 0 : -1;
}

/* Has the image file changed since the section was built? */
static const char *image_state(const struct ld_sec_trailer *t)
{
	struct stat st;

	if (stat(t->path, &st) < 0)
		return "image gone";
	if ((uint64_t)st.st_dev != t->id.dev || (uint64_t)st.st_ino != t->id.ino ||
	    (uint64_t)st.st_size != t->id.size ||
	    st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec != t->id.mtime_ns)
		return "image changed";
	return "current";
}

/* Temporary files are "tmp.<pid>.<seq>.<name>". */
static int tmp_owner_alive(const char *name)
{
	long pid = strtol(name + 4, NULL, 10);

	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* A record is live when its pid runs and started when the record says. */
static int record_alive(int dirfd, const char *name, char *prog, size_t len)
{
	struct ld_rec_header h;
	char path[64], buf[1024], *p;
	unsigned long long st = 0;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	ssize_t n;
	FILE *f;

	prog[0] = '\0';
	if (fd < 0)
		return 0;
	n = pread(fd, &h, sizeof h, 0);
	close(fd);
	if (n != (ssize_t)sizeof h || h.magic != LD_REC_MAGIC)
		return 0;
	snprintf(prog, len, "%.*s", (int)(len - 1), h.program);
	snprintf(path, sizeof path, "/proc/%u/stat", h.pid);
	if (!(f = fopen(path, "re")))
		return 0;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n > 0 ? n : 0] = '\0';
	if (!(p = strrchr(buf, ')')))
		return 0;
	for (int field = 2; field < 22 && p; field++)
		p = strchr(p + 1, ' ');
	if (p)
		sscanf(p, " %llu", &st);
	return st == h.proc_starttime;
}

static int walk_records(const char *dir, int gc)
{
	char procdir[PATH_MAX + 8], prog[LD_REC_PATH];
	struct dirent *e;
	int dfd, removed = 0;
	DIR *d;

	snprintf(procdir, sizeof procdir, "%s/proc", dir);
	if (!(d = opendir(procdir)))
		return 0;
	dfd = dirfd(d);
	while ((e = readdir(d))) {
		int alive;

		if (e->d_name[0] == '.')
			continue;
		alive = record_alive(dfd, e->d_name, prog, sizeof prog);
		if (!gc)
			printf("record  pid %-8s %-6s %s\n", e->d_name,
			       alive ? "alive" : "stale", prog);
		else if (!alive && unlinkat(dfd, e->d_name, 0) == 0) {
			printf("removed record of dead process %s\n", e->d_name);
			removed++;
		}
	}
	closedir(d);
	return removed;
}

/* Which base the section is built for, and whether that is the image's
 * own: a section relocated once, for processes whose preferred range was
 * taken (view.c), says "rebased". */
static const char *base_note(const struct ld_sec_trailer *t, char *buf,
                             size_t len)
{
	if (!t->image_base || t->image_base == t->id.base)
		snprintf(buf, len, "base 0x%llx", (unsigned long long)t->id.base);
	else
		snprintf(buf, len, "base 0x%llx (rebased: relocated once from "
		         "0x%llx)", (unsigned long long)t->id.base,
		         (unsigned long long)t->image_base);
	return buf;
}

static int walk(const char *dir, int dfd, int gc)
{
	char note[96];
	struct ld_sec_trailer t;
	struct dirent *e;
	int removed = 0, fd, busy;
	off_t size;
	DIR *d = fdopendir(dup(dfd));

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		const char *n = e->d_name;

		if (n[0] == '.' || !strcmp(n, "proc"))
			continue;
		if (!strncmp(n, "tmp.", 4)) {
			if (!gc)
				printf("temp    %s (%s)\n", n, tmp_owner_alive(n)
				       ? "being built" : "left by a dead creator");
			else if (!tmp_owner_alive(n) && unlinkat(dfd, n, 0) == 0) {
				printf("removed %s\n", n);
				removed++;
			}
			continue;
		}
		if (!ends_with(n, ".sec") && !strstr(n, ".sec.shr"))
			continue;
		busy = in_use(dfd, n, gc, &fd);
		if (gc) {
			if (busy == 0 && unlinkat(dfd, n, 0) == 0) {
				printf("removed %s\n", n);
				removed++;
			}
			if (fd >= 0)
				close(fd);
			continue;
		}
		if (ends_with(n, ".sec") && read_trailer(dfd, n, &t, &size) == 0)
			printf("section %s  %s  %lld bytes  %s  %s  %s\n", n,
			       t.path, (long long)size,
			       busy > 0 ? "in use" : "unused", image_state(&t),
			       base_note(&t, note, sizeof note));
		else if (ends_with(n, ".sec"))
			printf("section %s  (unreadable trailer)\n", n);
		else
			printf("shared  %s  %s\n", n,
			       busy > 0 ? "alive" : "not loaded (reset on next load)");
	}
	closedir(d);
	return removed + walk_records(dir, gc);
}

int ld_cmd_cache(int argc, char **argv, const struct ld_host *host)
{
	char dir[PATH_MAX];
	struct ld_error err;
	int dfd, n;

	if (argc == 2 &&
	    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: dllshare cache path|list|gc\n"
		       "  path  print the cache directory (creating and "
		       "checking it)\n"
		       "  list  each image section, shared-data object, "
		       "temporary file and\n"
		       "        process record, and whether it is in use\n"
		       "  gc    remove what no live process uses\n");
		return 0;
	}
	if (argc != 2 || (strcmp(argv[1], "path") && strcmp(argv[1], "list") &&
	                  strcmp(argv[1], "gc"))) {
		fprintf(stderr, "usage: dllshare cache path|list|gc\n");
		return 2;
	}
	if ((dfd = ld_cache_open(NULL, dir, &err)) < 0) {
		fprintf(stderr, "dllshare: %s\n", err.msg);
		return 1;
	}
	if (!strcmp(argv[1], "path")) {
		printf("%s\n", dir);
		close(dfd);
		return 0;
	}
	n = walk(dir, dfd, !strcmp(argv[1], "gc"));
	close(dfd);
	if (n < 0) {
		fprintf(stderr, "dllshare: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (!strcmp(argv[1], "gc"))
		printf("%d files removed\n", n);
	return 0;
}
