/*
 * cmd_cache.c — `dllshare cache path|list|gc|verify`: the cache directory.
 *
 *   path   prints the directory (creating and checking it)
 *   list   each image section (the image it was built from, its size,
 *          whether a process maps it, whether the image changed since,
 *          the base it is built for and whether it was rebased),
 *          each shared-data object, leftover temporary files, and each
 *          process record (alive or stale)
 *   gc     removes what no live process uses: sections nobody holds a
 *          lock on, shared-data objects nobody has loaded, temporary
 *          files of dead creators, records of dead processes; and every
 *          entry it cannot validate (a symlink, a truncated or garbage
 *          file, a section whose sum does not match, a directory of
 *          ours with what is in it), in use or not
 *   verify checks every section fully: its sum, and, when its image is
 *          unchanged, its bytes against the image laid out and
 *          relocated again; exits 1 when one is damaged
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
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/cmd.h"
#include "loader/section.h"

static int ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && !strcmp(s + a - b, suf);
}

/* 1 when some process holds a lock on bytes 0-2 of the file, 0 when
 * nobody does, -1 when it cannot be told (byte 0: mapped, or loaded;
 * byte 1: a loader filling a shared-data object; byte 2: a process has
 * the shared-data section in its own memory, and later loaders must know,
 * section.c).  With take, a free file stays locked exclusively by fd
 * (*fdp) so the caller can remove it safely. */
static int in_use(int dirfd, const char *name, int take, int *fdp)
{
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET,
	                   .l_start = 0, .l_len = 3};
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

/* What is wrong with section file name, or NULL when its size, trailer
 * and sum are right (section.c checks the same before mapping one). */
static const char *section_problem(int dirfd, const char *name,
                                   struct ld_sec_trailer *t)
{
	struct stat st;
	uint64_t sum, img;
	off_t size;
	int fd;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return "gone";
	if (S_ISLNK(st.st_mode))
		return "a symlink";
	if (!S_ISREG(st.st_mode))
		return "not a regular file";
	if (read_trailer(dirfd, name, t, &size) < 0)
		return "no section trailer (truncated, garbage, or an older "
		       "dllshare's)";
	img = ((uint64_t)t->size_of_image + LD_PAGE - 1) & ~(uint64_t)(LD_PAGE - 1);
	if ((uint64_t)size != img + ((sizeof *t + LD_PAGE - 1) & ~(LD_PAGE - 1)))
		return "wrong size for its trailer (truncated?)";
	if (!ld_section_names_intact(t))
		return "its section names are damaged";
	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return "unreadable";
	if (ld_section_sum(fd, img, ld_section_seed(&t->id), &sum) < 0 ||
	    sum != t->sum) {
		close(fd);
		return "its bytes are not the ones built (damaged or changed)";
	}
	close(fd);
	return NULL;
}

/* Lays out and relocates the image t names (unchanged since) in memory
 * and compares it with the section file's bytes.  NULL when equal. */
static const char *against_image(int dirfd, const char *name,
                                 const struct ld_sec_trailer *t)
{
	struct pe_image pimg;
	uint64_t len = ((uint64_t)t->size_of_image + LD_PAGE - 1) &
	               ~(uint64_t)(LD_PAGE - 1);
	const char *why = NULL;
	uint8_t *mem = NULL, *file = NULL;
	struct pe_error pe;
	struct ld_error err;
	struct stat st;
	void *img;
	int fd;

	memset(&pimg, 0, sizeof pimg);
	if ((fd = open(t->path, O_RDONLY | O_CLOEXEC)) < 0 ||
	    fstat(fd, &st) < 0 || st.st_size == 0) {
		if (fd >= 0)
			close(fd);
		return NULL; /* image gone: the sum is all there is */
	}
	img = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (img == MAP_FAILED)
		return NULL;
	if (pe_parse(img, st.st_size, &pimg, &pe) < 0) {
		why = "its image no longer parses";
		goto out;
	}
	mem = calloc(1, len);
	file = malloc(len);
	if (!mem || !file) {
		why = "out of memory";
		goto out;
	}
	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || pread(fd, file, len, 0) != (ssize_t)len)
		why = "unreadable";
	if (fd >= 0)
		close(fd);
	if (!why && (ld_layout(&pimg, mem, len, &err) < 0 ||
	             ld_reloc_apply(&pimg, mem, t->size_of_image, t->id.base,
	                            NULL, NULL, &err) < 0))
		why = "its image cannot be laid out again";
	if (!why && memcmp(mem, file, len))
		why = "differs from its image laid out again";
out:
	if (pimg.sections)
		pe_image_free(&pimg);
	free(mem);
	free(file);
	munmap(img, st.st_size);
	return why;
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

/* Removes the directory name in dirfd and everything under it, never
 * following a symlink.  0 or -errno. */
static int rm_tree(int dirfd, const char *name)
{
	int fd = openat(dirfd, name,
	                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;
	int rc = 0;

	if (!d) {
		rc = -errno;
		if (fd >= 0)
			close(fd);
		return rc;
	}
	while (rc == 0 && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (unlinkat(fd, e->d_name, 0) < 0)
			rc = errno == EISDIR ? rm_tree(fd, e->d_name) : -errno;
	}
	closedir(d);
	if (rc == 0 && unlinkat(dirfd, name, AT_REMOVEDIR) < 0)
		rc = -errno;
	return rc;
}

/* A directory at an entry's name (planted, or one a healing run moved
 * aside and could not remove): gc removes one of ours with what is in
 * it, and says what to do about another's; list says what it is. */
static int directory_entry(int dfd, const char *n, const struct stat *st,
                           int gc)
{
	int rc;

	if (!gc) {
		printf("junk    %s (a directory, not a section: `dllshare "
		       "cache gc` removes it)\n", n);
		return 0;
	}
	if (st->st_uid != geteuid()) {
		printf("kept    %s: a directory of uid %u, not ours; remove "
		       "it as that user or root\n", n, (unsigned)st->st_uid);
		return 0;
	}
	if ((rc = rm_tree(dfd, n)) < 0) {
		printf("kept    %s: a directory: %s\n", n, strerror(-rc));
		return 0;
	}
	printf("removed %s (a directory)\n", n);
	return 1;
}

static int walk(const char *dir, int dfd, int gc)
{
	char note[96];
	struct ld_sec_trailer t;
	struct dirent *e;
	const char *why;
	struct stat st;
	int removed = 0, fd, busy;
	off_t size;
	DIR *d = fdopendir(dup(dfd));

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		const char *n = e->d_name;

		if (n[0] == '.' || !strcmp(n, "proc"))
			continue;
		if ((!strncmp(n, "tmp.", 4) || strstr(n, ".sec")) &&
		    fstatat(dfd, n, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISDIR(st.st_mode)) {
			removed += directory_entry(dfd, n, &st, gc);
			continue;
		}
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
		/* An entry that is not a valid section goes whoever holds
		 * it: a holder keeps its open file, and the next run
		 * builds a good one (a symlink is never followed). */
		if (gc && ends_with(n, ".sec") &&
		    (why = section_problem(dfd, n, &t))) {
			if (unlinkat(dfd, n, 0) == 0) {
				printf("removed %s (%s)\n", n, why);
				removed++;
			}
			continue;
		}
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

/* `cache verify`: every section, fully.  Returns how many are damaged,
 * or -1. */
static int verify(int dfd)
{
	struct ld_sec_trailer t;
	struct dirent *e;
	const char *why;
	int bad = 0, n = 0;
	DIR *d = fdopendir(dup(dfd));

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (!ends_with(e->d_name, ".sec"))
			continue;
		n++;
		why = section_problem(dfd, e->d_name, &t);
		if (!why && !strcmp(image_state(&t), "current"))
			why = against_image(dfd, e->d_name, &t);
		if (why) {
			printf("damaged %s: %s\n", e->d_name, why);
			bad++;
		} else {
			printf("ok      %s  %s\n", e->d_name, t.path);
		}
	}
	closedir(d);
	printf("%d sections, %d damaged%s\n", n, bad,
	       bad ? " (the next run that needs one rebuilds it; `dllshare "
	             "cache gc` removes them)" : "");
	return bad;
}

int ld_cmd_cache(int argc, char **argv, const struct ld_host *host)
{
	char dir[PATH_MAX];
	struct ld_error err;
	int dfd, n;

	if (argc == 2 &&
	    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: dllshare cache path|list|gc|verify\n"
		       "  path    print the cache directory (creating and "
		       "checking it)\n"
		       "  list    each image section, shared-data object, "
		       "temporary file and\n"
		       "          process record, and whether it is in use\n"
		       "  gc      remove what no live process uses, and every "
		       "entry that is not\n"
		       "          a valid section\n"
		       "  verify  check every section's bytes (its sum, and "
		       "its image laid out\n"
		       "          again); exit 1 when one is damaged\n");
		return 0;
	}
	if (argc != 2 || (strcmp(argv[1], "path") && strcmp(argv[1], "list") &&
	                  strcmp(argv[1], "gc") && strcmp(argv[1], "verify"))) {
		fprintf(stderr, "usage: dllshare cache path|list|gc|verify\n");
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
	if (!strcmp(argv[1], "verify")) {
		n = verify(dfd);
		close(dfd);
		if (n < 0)
			fprintf(stderr, "dllshare: %s: %s\n", dir, strerror(errno));
		return n != 0;
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
