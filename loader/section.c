/*
 * section.c — image sections: find, or build aside and publish.
 *
 * An image section is one version of one image file, laid out as in
 * memory (layout.c) in a file of the cache directory (Windows: a SEC_IMAGE
 * section object).  Its name carries the file's identity — device, inode,
 * size, mtime and ctime in nanoseconds, and the base it is built for — so
 * a changed file gets a new section while running processes keep the old
 * one.  A section is built under a temporary name and link()ed into
 * place: link fails if the name exists, so racing creators produce exactly
 * one section, the losers map the winner's, and a creator killed half-way
 * leaves only a temporary file that nobody maps (`cache gc` removes it).
 *
 * A process that maps a section holds a shared OFD lock on byte 0 of it,
 * which is how `cache gc` tells sections in use from the rest.
 *
 * One image can have two sections: the one for its preferred base, and,
 * once some process found that base taken, one for its alternative base
 * (ld_section_alt_base), relocated when built and then shared by every
 * process that maps it there (ld_section_rebase; view.c decides).  Its
 * shared-data objects are named after the first, so both share them.
 *
 * The view files (view.c, kept.c, ...) use sections; this file knows
 * nothing of views.  What is kept at a section's base after its view is
 * unmapped (kept.c) goes when the section leaves that base or is closed:
 * this file calls the function set with ld_section_on_leave then.
 */
#include <dirent.h>
#include <linux/magic.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>

#include "loader/section.h"

static void (*_Atomic leave_hook)(struct ld_section *sec);

void ld_section_on_leave(void (*fn)(struct ld_section *sec))
{
	atomic_store(&leave_hook, fn);
}

/* sec leaves its base, or is closed: whoever keeps something there for
 * it lets go. */
static void leave(struct ld_section *sec)
{
	void (*fn)(struct ld_section *) = atomic_load(&leave_hook);

	if (fn)
		fn(sec);
}

/* The section file holds the image and, a page later, the trailer. */
static uint64_t sec_file_size(uint32_t size_of_image)
{
	uint64_t img = ((uint64_t)size_of_image + LD_PAGE - 1) &
		~(uint64_t)(LD_PAGE - 1);

	return img +
		((sizeof(struct ld_sec_trailer) + LD_PAGE - 1) &
		 ~(uint64_t)(LD_PAGE - 1));
}

/* DLLSHARE_FAULT_INJECT=<stage> kills the creator at that stage, so the
 * tests can check that a half-built section is never used. */
static void inject(const char *stage)
{
	const char *v = getenv("DLLSHARE_FAULT_INJECT");

	if (v && !strcmp(v, stage))
		raise(SIGKILL);
}

/* The file name of path: what notes call an image. */
static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/* Maps the image file read-only while the section is found or built.
 * Mapping, not copying: a 20 MB DLL costs a few pages (headers, import
 * and export tables), not 20 MB of memcpy.  The mapping is dropped as
 * soon as the section file exists: Linux lets anyone rewrite a mapped
 * file in place (Windows refuses), and a later read of new bytes would
 * give wrong answers, or SIGBUS if the file got shorter. */
static int read_file(struct ld_section *sec, struct stat *st, uint8_t **file,
		     size_t *file_len, struct ld_error *err)
{
	int fd = open(sec->path, O_RDONLY | O_CLOEXEC);
	void *p;

	if (fd < 0)
		return ld_errf(err, -errno, "%s: %s", sec->path,
			       strerror(errno));
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode) || st->st_size == 0) {
		close(fd);
		return ld_errf(err, -EINVAL,
			       "%s: not a regular, non-empty file", sec->path);
	}
	*file_len = st->st_size;
	p = mmap(NULL, *file_len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return ld_errf(err, -errno, "%s: %s", sec->path,
			       strerror(errno));
	*file = p;
	return 0;
}

/* The preferred ImageBase when Linux can map it there; otherwise a base
 * below the usual mmap area (relocations make the image fit it). */
static uint64_t choose_base(const struct pe_image *img)
{
	const uint64_t lo = 0x10000, hi = 0x7ff000000000ULL;

	if (img->image_base >= lo && img->image_base + img->size_of_image < hi)
		return img->image_base;
	return 0x7e0000000000ULL;
}

int ld_section_name(const struct ld_identity *id, const char *path, char *out,
		    size_t len)
{
	const char *base = strrchr(path, '/');
	const uint8_t *p = (const uint8_t *)id;
	uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
	char name[64];
	size_t i;
	int n;

	base = base ? base + 1 : path;
	for (i = 0; base[i] && i < sizeof name - 1; i++) {
		char c = base[i];

		name[i] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				(c >= '0' && c <= '9') || c == '.' ||
				c == '-' || c == '+' || c == '_'
			? c
			: '_';
	}
	name[i] = '\0';
	for (i = 0; i < sizeof *id; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	n = snprintf(out, len, "%s.%016llx.sec", name, (unsigned long long)h);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static void fill_identity(struct ld_identity *id, const struct stat *st,
			  uint64_t base)
{
	memset(id, 0, sizeof *id);
	id->dev = st->st_dev;
	id->ino = st->st_ino;
	id->size = st->st_size;
	id->mtime_ns = st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
	id->ctime_ns = st->st_ctim.tv_sec * 1000000000LL + st->st_ctim.tv_nsec;
	id->base = base;
}

/* The trailer's offset in a section file of size_of_image. */
static uint64_t trailer_off(uint32_t size_of_image)
{
	return sec_file_size(size_of_image) -
		((sizeof(struct ld_sec_trailer) + LD_PAGE - 1) &
		 ~(uint64_t)(LD_PAGE - 1));
}

int ld_section_sum(int fd, uint64_t len, uint64_t seed, uint64_t *sum)
{
	enum { CHUNK = 128 * 1024 };
	uint8_t *buf = malloc(CHUNK);
	struct ld_hash h;
	uint64_t off = 0;

	if (!buf)
		return -ENOMEM;
	ld_hash_init(&h, seed);
	while (off < len) {
		size_t n = len - off < CHUNK ? len - off : CHUNK;
		ssize_t r = pread(fd, buf, n, off);

		if (r <= 0) { /* shorter than it was a moment ago */
			free(buf);
			return r < 0 ? -errno : -EIO;
		}
		ld_hash_update(&h, buf, r);
		off += r;
	}
	free(buf);
	*sum = ld_hash_final(&h);
	return 0;
}

/* Puts the names of img's sections into t (t->id set): none when they
 * do not fit (open_cached then reads the image file for them). */
static void put_names(struct ld_sec_trailer *t, const struct pe_image *img)
{
	size_t used = 0;

	for (uint16_t i = 0; i < img->nsections; i++) {
		size_t n = strlen(img->sections[i].name) + 1;

		if (n > sizeof t->names - used)
			return;
		memcpy(t->names + used, img->sections[i].name, n);
		used += n;
	}
	t->nnames = img->nsections;
	t->names_len = (uint32_t)used;
	t->names_sum = ld_hash(ld_section_seed(&t->id), t->names, used);
}

int ld_section_names_intact(const struct ld_sec_trailer *t)
{
	return !t->nnames ||
		(t->names_len <= sizeof t->names &&
		 ld_hash(ld_section_seed(&t->id), t->names, t->names_len) ==
			 t->names_sum);
}

/* Gives the sections of img (parsed from a section file) the names t
 * holds for them.  0, or -1 when t holds none or not these. */
static int take_names(struct pe_image *img, const struct ld_sec_trailer *t)
{
	const char *p = t->names, *end;

	if (!t->nnames || t->nnames != img->nsections || !ld_section_names_intact(t))
		return -1;
	end = t->names + t->names_len;
	for (uint16_t i = 0; i < img->nsections; i++) {
		const char *nul = memchr(p, 0, (size_t)(end - p));

		if (!nul || nul - p >= (ptrdiff_t)sizeof img->sections[i].name)
			return -1;
		memcpy(img->sections[i].name, p, (size_t)(nul - p) + 1);
		p = nul + 1;
	}
	return 0;
}

/* What is wrong with the bytes of section file fd (st: its fstat, t: its
 * trailer, read and checked against the identity wanted), or NULL when
 * they are the ones its builder summed. */
static const char *bytes_problem(int fd, const struct stat *st,
				 const struct ld_sec_trailer *t)
{
	uint64_t sum;
	int64_t ctime;

#ifdef LD_SECTION_CHECK_OFF
	/* The benchmark's build without the check (bench-integrity
	 * measures what it costs). */
	(void)fd, (void)st, (void)t, (void)sum, (void)ctime;
	return NULL;
#endif
	/* Not written since its builder stamped it: ctime is set by the
	 * kernel on every write, truncate, chmod or rename, never by a
	 * user, so the bytes are the ones summed (docs/design.md,
	 * "Section integrity", says what this does not see). */
	ctime = st->st_ctim.tv_sec * 1000000000LL + st->st_ctim.tv_nsec;
	if (t->stamp_ns && ctime >= t->stamp_ns &&
	    ctime - t->stamp_ns <= LD_SEC_STAMP_NS)
		return NULL;
	if (ld_section_sum(fd, trailer_off(t->size_of_image),
			   ld_section_seed(&t->id), &sum) < 0)
		return "cannot be read";
	if (sum != t->sum)
		return "holds other bytes than were built (damaged or "
		       "changed)";
	return NULL;
}

/* What is wrong with the section file fd for sec, or NULL when it is
 * the one we want: its size, trailer, identity, and the checksum of its
 * image bytes (read with pread, not mapped: a file truncated meanwhile
 * gives a short read, not SIGBUS). */
static const char *entry_problem(const struct ld_section *sec, int fd)
{
	/* On the heap: 8 KiB on the stack would be pages of it touched
	 * for this call alone. */
	struct ld_sec_trailer *t;
	struct stat st;
	const char *why = NULL;

	if (fstat(fd, &st) < 0)
		return "cannot be examined";
	if (S_ISDIR(st.st_mode))
		return "is a directory";
	if (!S_ISREG(st.st_mode))
		return "is not a regular file";
	if ((uint64_t)st.st_size != sec_file_size(sec->pe.size_of_image))
		return "has the wrong size (truncated?)";
	if (!(t = malloc(sizeof *t)))
		return "cannot be examined (out of memory)";
	if (pread(fd, t, sizeof *t, trailer_off(sec->pe.size_of_image)) !=
		    (ssize_t)sizeof *t ||
	    t->magic != LD_SEC_MAGIC)
		why = "has no section trailer (garbage, or an older "
		      "dllshare's)";
	else if (memcmp(&t->id, &sec->id, sizeof t->id) ||
		 t->size_of_image != sec->pe.size_of_image)
		why = "has a trailer naming another image";
	else if (!ld_section_names_intact(t))
		why = "has damaged section names in its trailer";
	else
		why = bytes_problem(fd, &st, t);
	free(t);
	return why;
}

/* Opens the published section named sec->name and checks it is the one
 * we want (entry_problem).  Returns the fd; -ENOENT when there is none;
 * -EUCLEAN when the name holds something else, *why saying what (a
 * symlink, a truncated or garbage file, other bytes): the caller
 * replaces it. */
static int open_existing(struct ld_section *sec, int dirfd, const char **why,
			 struct ld_error *err)
{
	/* O_NONBLOCK: a FIFO planted at the name must not block us. */
	int fd = openat(dirfd, sec->name,
			O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0 && errno == ELOOP) {
		*why = "is a symlink";
		return -EUCLEAN;
	}
	if (fd < 0)
		return errno == ENOENT
			? -ENOENT
			: ld_errf(err, -errno, "%s: %s", sec->file_path,
				  strerror(errno));
	if ((*why = entry_problem(sec, fd))) {
		close(fd);
		return -EUCLEAN;
	}
	return fd;
}

static int build_fail(int dirfd, const char *tmp, int fd, void *map, size_t len,
		      int rc)
{
	if (map && map != MAP_FAILED)
		munmap(map, len);
	if (fd >= 0)
		close(fd);
	unlinkat(dirfd, tmp, 0);
	return rc;
}

/* Gives the file fd its size blocks now, so writing the layout through
 * a mapping cannot fault (a sparse file on a full tmpfs is SIGBUS on the
 * first store).  Where fallocate is not supported, writes the zeros. */
static int reserve(int fd, uint64_t size)
{
	static const uint8_t zero[16384];

	if (fallocate(fd, 0, 0, (off_t)size) == 0)
		return 0;
	if (errno != EOPNOTSUPP && errno != ENOSYS)
		return -errno;
	for (uint64_t off = 0; off < size;) {
		size_t n = size - off < sizeof zero ? size - off : sizeof zero;
		ssize_t w = pwrite(fd, zero, n, (off_t)off);

		if (w < 0)
			return -errno;
		off += (uint64_t)w;
	}
	return 0;
}

static int no_room(int e)
{
	return e == ENOSPC || e == EDQUOT || e == EFBIG;
}

/* pwrite all of n bytes at off, or the negative errno. */
static int pwrite_all(int fd, const uint8_t *p, size_t n, uint64_t off)
{
	while (n) {
		ssize_t w = pwrite(fd, p, n, (off_t)off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		p += w, n -= (size_t)w, off += (uint64_t)w;
	}
	return 0;
}

/* The size of fill's writes to fd: a window at a time on tmpfs (the
 * cache's usual place, and a memfd), a page at a time elsewhere.  On a
 * disk file system a large write makes large page-cache folios, and the
 * kernel's pageout (MADV_PAGEOUT, reclaim) then drops a folio that this
 * process maps twice (its view and the loader's own view of the section
 * file) as if it were mapped once (tests/samples/test_pressure.py). */
static size_t fill_piece(int fd)
{
	struct statfs fs;

	return fstatfs(fd, &fs) == 0 && fs.f_type == TMPFS_MAGIC ? SIZE_MAX
								  : LD_PAGE;
}

/* pwrite_all of p[0..n) at off in pieces of at most piece bytes. */
static int pwrite_pieces(int fd, const uint8_t *p, size_t n, uint64_t off,
			 size_t piece)
{
	for (size_t done = 0; done < n;) {
		size_t k = n - done < piece ? n - done : piece;
		int rc = pwrite_all(fd, p + done, k, off + done);

		if (rc < 0)
			return rc;
		done += k;
	}
	return 0;
}

static int fill_write_error(struct ld_section *sec, uint64_t size,
			    uint64_t off, int rc, struct ld_error *err)
{
	if (no_room(-rc))
		return ld_errf(err, -ENOSPC, "%s: section of %llu bytes: no "
			       "room", sec->path, (unsigned long long)size);
	return ld_errf(err, rc, "%s: writing the section at offset 0x%llx: "
		       "%s", sec->path, (unsigned long long)off,
		       strerror(-rc));
}

/* The window fill lays out, relocates, hashes and writes at a time; 8
 * bytes around it are laid out too, for an entry that straddles its
 * edge. */
#define FILL_WINDOW (256u << 10)
#define FILL_SLACK 8

/* Writes bytes [0, trailer offset) of the section into fd: the image
 * laid out, relocated for sec->id.base, a window at a time through one
 * buffer (the kernel copies each into the file's pages, which are never
 * touched through a mapping: on a virtual machine a first touch of a
 * page through a new mapping costs several microseconds, however it was
 * populated).  Every byte is written, so the file has no holes: a full
 * cache is ENOSPC here, never a SIGBUS later.  The sum of what it wrote
 * goes to *sum. */
static int fill_image(struct ld_section *sec, int fd, uint64_t size,
		      uint8_t *buf, uint64_t *sum, struct ld_error *err)
{
	uint64_t img_len = trailer_off(sec->pe.size_of_image);
	size_t piece = fill_piece(fd);
	struct ld_relocs rl;
	struct ld_hash h;
	long rc;

	rc = ld_relocs_collect(&sec->pe, sec->pe.size_of_image, sec->id.base,
			       &rl, err);
	if (rc < 0)
		return (int)rc;
	ld_hash_init(&h, ld_section_seed(&sec->id));
	for (uint64_t off = 0; off < img_len; off += FILL_WINDOW) {
		uint64_t end = off + FILL_WINDOW < img_len ? off + FILL_WINDOW
							   : img_len;
		uint64_t lo = off >= FILL_SLACK ? off - FILL_SLACK : 0;
		uint64_t hi = end + FILL_SLACK < img_len ? end + FILL_SLACK
							 : img_len;

		if ((rc = ld_layout_window(&sec->pe, buf, lo, hi, err)) < 0)
			break;
		ld_relocs_apply_range(&rl, buf - lo, lo, end);
		ld_hash_update(&h, buf + (off - lo), end - off);
		rc = pwrite_pieces(fd, buf + (off - lo), end - off, off, piece);
		if (rc < 0) {
			rc = fill_write_error(sec, size, off, (int)rc, err);
			break;
		}
	}
	ld_relocs_free(&rl);
	*sum = ld_hash_final(&h);
	return rc < 0 ? (int)rc : 0;
}

/* Lays the image out in fd (size bytes), relocates it for sec->id.base,
 * and writes the trailer with the checksum: every byte of the file. */
static int fill(struct ld_section *sec, int fd, uint64_t size,
		struct ld_error *err)
{
	uint64_t img_len = trailer_off(sec->pe.size_of_image);
	uint8_t *buf = malloc(FILL_WINDOW + 2 * FILL_SLACK);
	struct ld_sec_trailer *t;
	uint64_t sum = 0;
	int rc;

	if (!buf)
		return ld_errf(err, -ENOMEM, "%s: no memory for a %u-byte "
			       "buffer", sec->path, FILL_WINDOW);
	_Static_assert(sizeof *t <= FILL_WINDOW, "trailer fits the buffer");
	if ((rc = fill_image(sec, fd, size, buf, &sum, err)) < 0)
		goto out;
	inject("layout");
	inject("reloc");
	memset(buf, 0, size - img_len);
	t = (struct ld_sec_trailer *)buf;
	t->id = sec->id;
	t->size_of_image = sec->pe.size_of_image;
	snprintf(t->path, sizeof t->path, "%s", sec->path);
	t->image_base = sec->file_base;
	t->sum = sum;
	put_names(t, &sec->pe);
	t->magic = LD_SEC_MAGIC;
	rc = pwrite_pieces(fd, buf, size - img_len, img_len, fill_piece(fd));
	if (rc < 0)
		rc = fill_write_error(sec, size, img_len, rc, err);
out:
	free(buf);
	return rc;
}

/* The builder's last write: the time, then the write that sets the
 * file's ctime (entry_problem).  The coarse clock is the one the kernel
 * stamps files with, so ctime >= stamp_ns.  A builder preempted between
 * the two (ctime beyond LD_SEC_STAMP_NS) stamps again, a few times at
 * most: else every later open would check the whole sum. */
static void stamp(int fd, uint32_t size_of_image)
{
	for (int tries = 0; tries < 4; tries++) {
		struct timespec ts;
		struct stat st;
		int64_t ns, ctime;

		clock_gettime(CLOCK_REALTIME_COARSE, &ts);
		ns = ts.tv_sec * 1000000000LL + ts.tv_nsec;
		if (pwrite(fd, &ns, sizeof ns,
			   trailer_off(size_of_image) +
				   offsetof(struct ld_sec_trailer, stamp_ns)) !=
			    (ssize_t)sizeof ns ||
		    fstat(fd, &st) < 0)
			return; /* no stamp: every open checks the sum */
		ctime = st.st_ctim.tv_sec * 1000000000LL + st.st_ctim.tv_nsec;
		if (ctime >= ns && ctime - ns <= LD_SEC_STAMP_NS)
			return;
	}
}

/* Nonzero when the directory name in dirfd has no entries. */
static int dir_empty(int dirfd, const char *name)
{
	int fd = openat(dirfd, name,
			O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;
	int empty = 1;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	while (empty && (e = readdir(d)))
		empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
	closedir(d);
	return empty;
}

/* Renames the built section tmp over the damaged entry at sec->name:
 * atomic, an opener sees the old entry or the new one.  rename cannot
 * put a file over a directory: one of ours that is empty is exchanged
 * with tmp (atomic too) and removed; any other is refused, saying what
 * to do, since removing what we did not make could lose someone's
 * files. */
static int publish_over(struct ld_section *sec, int dirfd, const char *tmp,
			struct ld_error *err)
{
	struct stat st;

	if (renameat(dirfd, tmp, dirfd, sec->name) == 0)
		return 0;
	if (errno != EISDIR ||
	    fstatat(dirfd, sec->name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    !S_ISDIR(st.st_mode))
		return ld_errf(err, -errno, "%s: replacing %s: %s", sec->path,
			       sec->file_path, strerror(errno));
	if (st.st_uid != geteuid())
		return ld_errf(err, -EEXIST, "%s: %s is a directory of uid %u, "
			       "where the section file goes; dllshare removes "
			       "only its own: remove it as that user or root "
			       "(rm -r '%s')", sec->path, sec->file_path,
			       (unsigned)st.st_uid, sec->file_path);
	if (!dir_empty(dirfd, sec->name))
		return ld_errf(err, -ENOTEMPTY, "%s: %s is a directory with "
			       "files in it, where the section file goes; "
			       "remove it (rm -r '%s') or run `dllshare cache "
			       "gc`", sec->path, sec->file_path,
			       sec->file_path);
	if (renameat2(dirfd, tmp, dirfd, sec->name, RENAME_EXCHANGE) < 0)
		return ld_errf(err, -errno, "%s: replacing the directory %s: "
			       "%s", sec->path, sec->file_path,
			       strerror(errno));
	/* The directory has the temporary name now. */
	if (unlinkat(dirfd, tmp, AT_REMOVEDIR) < 0)
		ld_trace("section %s: the directory moved aside to %s cannot "
			 "be removed (%s): `dllshare cache gc` will",
			 sec->path, tmp, strerror(errno));
	return 0;
}

/* Builds the section under a temporary name and links it into place;
 * with replace, renames it over the damaged entry at the name instead
 * (atomic: an opener sees the old entry or the new one).  Returns 0
 * whether we or a racing creator published it; -ENOSPC (err says so)
 * when the cache has no room for it, the temporary file removed. */
static int build(struct ld_section *sec, int dirfd, int replace,
		 struct ld_error *err)
{
	static unsigned seq;
	uint64_t size = sec_file_size(sec->pe.size_of_image);
	char tmp[NAME_MAX + 1];
	int fd, rc;

	snprintf(tmp, sizeof tmp, "tmp.%d.%u.%.200s", (int)getpid(), seq++,
		 sec->name);
	fd = openat(dirfd, tmp,
		    O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return no_room(errno)
			? ld_errf(err, -ENOSPC, "%s: no room", sec->path)
			: ld_errf(err, -errno, "%s: cannot create %s: %s",
				  sec->path, tmp, strerror(errno));
	inject("create");
	/* No reserve: fill writes every byte, so a full cache fails there. */
	rc = ftruncate(fd, size) < 0 ? -errno : 0;
	if (rc < 0) {
		if (no_room(-rc))
			rc = ld_errf(err, -ENOSPC, "%s: section of %llu bytes: "
				     "no room", sec->path,
				     (unsigned long long)size);
		else
			rc = ld_errf(err, rc, "%s: section of %llu bytes: %s",
				     sec->path, (unsigned long long)size,
				     strerror(-rc));
		return build_fail(dirfd, tmp, fd, NULL, 0, rc);
	}
	inject("truncate");
	if ((rc = fill(sec, fd, size, err)) < 0)
		return build_fail(dirfd, tmp, fd, NULL, 0, rc);
	inject("trailer");
	/* The commit point: link fails with EEXIST when a racing creator
	 * won, and then theirs is as good as ours. */
	if (replace) {
		if ((rc = publish_over(sec, dirfd, tmp, err)) < 0)
			return build_fail(dirfd, tmp, fd, NULL, 0, rc);
		sec->created = 1;
	} else if (linkat(dirfd, tmp, dirfd, sec->name, 0) == 0) {
		sec->created = 1;
	} else if (errno != EEXIST) {
		return build_fail(dirfd, tmp, fd, NULL, 0,
				  ld_errf(err, -errno, "%s: publishing %s: %s",
					  sec->path, sec->file_path,
					  strerror(errno)));
	}
	inject("link");
	if (!replace)
		unlinkat(dirfd, tmp, 0);
	if (sec->created) /* after the link and unlink, which set ctime */
		stamp(fd, sec->pe.size_of_image);
	close(fd);
	return 0;
}

/* The cache has no room for the section: lays it out in an anonymous
 * memory file of this process instead (memfd), which maps as a section
 * file does but is shared with nobody.  Returns its fd or an error. */
static int build_private(struct ld_section *sec, struct ld_error *err)
{
	uint64_t size = sec_file_size(sec->pe.size_of_image);
	int fd = memfd_create(sec->name, MFD_CLOEXEC), rc;

	if (fd < 0)
		return ld_errf(err, -errno, "%s: memfd_create: %s", sec->path,
			       strerror(errno));
	rc = ftruncate(fd, size) < 0 ? -errno : 0;
	if (rc < 0) {
		rc = ld_errf(err, rc, "%s: %llu bytes of memory: %s",
			     sec->path, (unsigned long long)size,
			     strerror(-rc));
		close(fd);
		return rc;
	}
	if ((rc = fill(sec, fd, size, err)) < 0) {
		close(fd);
		return rc;
	}
	sec->unshared = 1;
	sec->created = 1;
	return fd;
}

static int lock_shared(int fd, off_t start, int wait)
{
	struct flock fl = {.l_type = F_RDLCK,
			   .l_whence = SEEK_SET,
			   .l_start = start,
			   .l_len = 1};

	return fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl);
}

static int lock_excl(int fd, off_t start, int wait)
{
	struct flock fl = {.l_type = F_WRLCK,
			   .l_whence = SEEK_SET,
			   .l_start = start,
			   .l_len = 1};

	return fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl);
}

static int unlock(int fd, off_t start)
{
	struct flock fl = {.l_type = F_UNLCK,
			   .l_whence = SEEK_SET,
			   .l_start = start,
			   .l_len = 1};

	return fcntl(fd, F_OFD_SETLK, &fl);
}

/* Maps the section file fd (len bytes, trailer included) read-only and
 * parses it as laid out into *img, which reads *map.  0 or an error. */
static int parse_section_file(const struct ld_section *sec, int fd,
			      size_t len, uint8_t **map, struct pe_image *img,
			      struct ld_error *err)
{
	struct pe_error pe;
	uint8_t *p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);

	if (p == MAP_FAILED)
		return ld_errf(err, -errno, "%s: mapping %s: %s", sec->path,
			       sec->file_path, strerror(errno));
	if (pe_parse_mapped(p, len, img, &pe) < 0) {
		munmap(p, len);
		return ld_errf_pe(err, sec->file_path, &pe);
	}
	*map = p;
	return 0;
}

/* Makes sec->pe the headers of the section file fd: maps it read-only
 * for the section's lifetime (a published section file never changes)
 * and parses it as laid out.  Its section table must be the one sec->pe
 * has (the same image version); the names are taken from sec->pe, since
 * "/N" names need the COFF string table only the image file has.  Its
 * ImageBase field still says the file's, but its bytes are relocated for
 * sec->id.base, and readers turning VAs found in it into RVAs (TLS) or
 * relocating it again must subtract that: pe.image_base is set to it.
 * On failure sec is unchanged. */
static int use_section_file(struct ld_section *sec, int fd,
			    struct ld_error *err)
{
	/* The whole file, trailer included: pe_parse_mapped reads only up
	 * to SizeOfImage, and dllmap --kernel tells this mapping from a
	 * view (which never maps the trailer) by it. */
	size_t len = sec_file_size(sec->pe.size_of_image);
	struct pe_image img;
	uint8_t *p;
	int same, rc;

	if ((rc = parse_section_file(sec, fd, len, &p, &img, err)) < 0)
		return rc;
	same = img.nsections == sec->pe.nsections &&
		img.size_of_image == sec->pe.size_of_image;
	for (uint16_t i = 0; same && i < img.nsections; i++) {
		struct pe_section *a = &img.sections[i];
		const struct pe_section *b = &sec->pe.sections[i];

		same = a->vaddr == b->vaddr && a->vsize == b->vsize &&
			a->raw_size == b->raw_size && a->flags == b->flags;
		memcpy(a->name, b->name, sizeof a->name);
	}
	if (!same) {
		pe_image_free(&img);
		munmap(p, len);
		return ld_errf(
			err, -EEXIST,
			"%s: its section table is not the "
			"one of %s (remove it, or run `dllshare cache gc`)",
			sec->file_path, sec->path);
	}
	img.image_base = sec->id.base;
	pe_image_free(&sec->pe);
	if (sec->image)
		munmap(sec->image, sec->image_len);
	sec->pe = img;
	sec->image = p;
	sec->image_len = len;
	return 0;
}

/* Points sec at the section for base: names it, then opens the published
 * one or builds and publishes it (from sec->pe: the image file's, or the
 * section for the old base, relocated again), takes the shared "in use"
 * lock and parses sec->pe from it.  The caller restores sec's name,
 * base and created flag on failure. */
void (*ld_section_opened_hook)(const char *file_path);

/* Nonzero when fd's file has no name left (removed by `cache gc`). */
static int unlinked(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && st.st_nlink == 0;
}

/* Finds the section in the cache directory dirfd, or builds it: a
 * damaged entry at its name is replaced, and said with --trace.  Returns
 * the fd with the shared "in use" lock held, or an error: -ENOSPC when
 * the cache has no room for it. */
static int find_or_build(struct ld_section *sec, int dirfd,
			 struct ld_error *err)
{
	const char *why = NULL;
	int fd;

	/* `cache gc` removes a section it can lock exclusively, which it
	 * can between our open and our shared lock: a section found
	 * unlinked once locked is given up and looked up again (built
	 * again if need be), or this process would use a file nobody else
	 * can find, and the next one would build a second copy. */
	for (int tries = 0;; tries++) {
		fd = open_existing(sec, dirfd, &why, err);
		if (fd == -EUCLEAN) {
			ld_trace("section %s: %s %s; replacing it",
				 sec->path, sec->file_path, why);
			if ((fd = build(sec, dirfd, 1, err)) == 0)
				fd = open_existing(sec, dirfd, &why, err);
		} else if (fd == -ENOENT && (fd = build(sec, dirfd, 0, err)) == 0) {
			fd = open_existing(sec, dirfd, &why, err);
		}
		if (fd == -EUCLEAN) /* replaced again, by a damaged one */
			fd = ld_errf(err, -EIO, "%s: %s %s", sec->path,
				     sec->file_path, why);
		if (fd < 0)
			return fd;
		if (lock_shared(fd, 0, 1) < 0) {
			close(fd);
			return ld_errf(err, -errno, "%s: lock: %s",
				       sec->file_path, strerror(errno));
		}
		if (ld_section_opened_hook)
			ld_section_opened_hook(sec->file_path);
		if (!unlinked(fd) || tries == 3)
			return fd;
		close(fd);
	}
}

/* Opens the cache directory and names the section sec->id describes in
 * it: sec->name, and sec->file_path (replaced: the directory's path and
 * the name, on the heap at their length).  A section for the image's
 * preferred base is named without the base, so that its name is known
 * from the image file's identity alone, before its headers are read
 * (open_cached); one for another base is named with it.  Returns the
 * directory's descriptor or an error (sec->file_path unchanged). */
static int name_section(struct ld_section *sec, struct ld_error *err)
{
	struct ld_identity id = sec->id;
	char *path = malloc(PATH_MAX), *fit;
	size_t dirlen;
	int dirfd;

	if (!path)
		return ld_errf(err, -ENOMEM, "%s: out of memory", sec->path);
	if (id.base == sec->pref_base)
		id.base = 0;
	if ((dirfd = ld_cache_open(NULL, path, err)) < 0) {
		free(path);
		return dirfd;
	}
	dirlen = strlen(path);
	if (ld_section_name(&id, sec->path, sec->name, sizeof sec->name) < 0 ||
	    snprintf(path + dirlen, PATH_MAX - dirlen, "/%s", sec->name) >=
		    (int)(PATH_MAX - dirlen)) {
		close(dirfd);
		free(path);
		return ld_errf(err, -ENAMETOOLONG, "%s: name too long",
			       sec->path);
	}
	if ((fit = realloc(path, strlen(path) + 1)))
		path = fit;
	free(sec->file_path);
	sec->file_path = path;
	return dirfd;
}

static int attach(struct ld_section *sec, uint64_t base, struct ld_error *err)
{
	int dirfd, fd;

	sec->id.base = base;
	sec->created = 0;
	sec->unshared = 0;
	if ((dirfd = name_section(sec, err)) < 0)
		return dirfd;
	fd = find_or_build(sec, dirfd, err);
	close(dirfd);
	if (fd == -ENOSPC && (fd = build_private(sec, err)) >= 0)
		ld_note("cache full (%.*s): %s runs unshared",
			(int)(strlen(sec->file_path) - strlen(sec->name) - 1),
			sec->file_path, base_name(sec->path));
	if (fd < 0)
		return fd;
	if (use_section_file(sec, fd, err) < 0) {
		close(fd);
		return err->code;
	}
	if (sec->fd >= 0)
		close(sec->fd);
	sec->fd = fd;
	ld_trace("section %s: %s %s (base 0x%llx%s, 0x%x bytes)", sec->path,
		 sec->unshared  ? "laid out in private memory, not"
		 : sec->created ? "created"
				: "reused",
		 sec->file_path, (unsigned long long)base,
		 base == sec->file_base ? "" : ", relocated once for it",
		 sec->pe.size_of_image);
	return 0;
}

/* Reads the trailer at off of section file fd into t, but for the image
 * file's path, and its names only as long as they are: three small
 * reads, where one of the whole 8 KiB writes pages of memory that a
 * start has no other use for.  0, or -1 when it is no trailer. */
static int read_lean(int fd, uint64_t off, struct ld_sec_trailer *t)
{
	const size_t head = offsetof(struct ld_sec_trailer, path);
	const size_t tail = offsetof(struct ld_sec_trailer, image_base);
	const size_t fixed = offsetof(struct ld_sec_trailer, names) - tail;

	t->path[0] = '\0';
	if (pread(fd, t, head, (off_t)off) != (ssize_t)head ||
	    t->magic != LD_SEC_MAGIC ||
	    pread(fd, (char *)t + tail, fixed, (off_t)(off + tail)) !=
		    (ssize_t)fixed ||
	    t->names_len > sizeof t->names)
		return -1;
	return pread(fd, t->names, t->names_len,
		     (off_t)(off + offsetof(struct ld_sec_trailer, names))) ==
			       (ssize_t)t->names_len
		? 0
		: -1;
}

/* What is wrong with section file fd as the one for the image whose
 * identity is id (its base unknown: 0), its trailer read into t; NULL
 * when it is that image's section for some base, intact. */
static const char *cached_problem(int fd, const struct ld_identity *id,
				  struct ld_sec_trailer *t)
{
	const uint64_t room = sec_file_size(0); /* the trailer's pages */
	struct ld_identity want;
	struct stat st;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size <= room)
		return "not a section file";
	if (read_lean(fd, (uint64_t)st.st_size - room, t) < 0 ||
	    sec_file_size(t->size_of_image) != (uint64_t)st.st_size)
		return "no trailer, or not its size";
	want = *id;
	want.base = t->id.base;
	if (!want.base || memcmp(&t->id, &want, sizeof want))
		return "another image's";
	return bytes_problem(fd, &st, t);
}

/*
 * The usual start: the section of the file at sec->path for its
 * preferred base is in the cache and intact.  It is found by the file's
 * identity alone (its name leaves the base out: name_section), and its
 * trailer gives what the image's headers would have — SizeOfImage, the
 * file's ImageBase, the base, the section names — so the image file is
 * not opened, mapped or parsed (its mapping cost a system call each way
 * and a page fault per page read).  The checks are open_existing's and
 * use_section_file's: identity, size, checksum (or the builder's stamp),
 * the headers against the trailer.  0 with sec ready as ld_section_open
 * leaves it; -1 on anything else (no such section, damage, a race with
 * `cache gc`, a trailer without names), and ld_section_open's full path
 * handles that, and says what was wrong.
 */
static int open_cached(struct ld_section *sec)
{
	struct ld_sec_trailer *t = NULL;
	struct ld_error err;
	struct pe_image img;
	struct stat st;
	uint8_t *map;
	size_t len;
	int dirfd, fd;

	if (stat(sec->path, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size == 0)
		return -1;
	fill_identity(&sec->id, &st, 0);
	if ((dirfd = name_section(sec, &err)) < 0)
		return -1;
	/* O_NONBLOCK: a FIFO planted at the name must not block us. */
	fd = openat(dirfd, sec->name,
		    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	close(dirfd);
	if (fd < 0)
		return -1;
	/* The trailer on the heap: 8 KiB of stack is pages of it touched
	 * for this call alone. */
	if (!(t = malloc(sizeof *t)) || cached_problem(fd, &sec->id, t) ||
	    lock_shared(fd, 0, 1) < 0)
		goto fail;
	if (ld_section_opened_hook)
		ld_section_opened_hook(sec->file_path);
	len = sec_file_size(t->size_of_image);
	if (unlinked(fd) || parse_section_file(sec, fd, len, &map, &img, &err))
		goto fail;
	if (img.size_of_image != t->size_of_image ||
	    img.image_base != t->image_base ||
	    choose_base(&img) != t->id.base || take_names(&img, t) < 0) {
		pe_image_free(&img);
		munmap(map, len);
		goto fail;
	}
	img.image_base = t->id.base;
	sec->pe = img;
	sec->image = map;
	sec->image_len = len;
	sec->id = t->id;
	sec->file_base = t->image_base;
	sec->pref_base = t->id.base;
	sec->fd = fd;
	free(t);
	ld_trace("section %s: reused %s (base 0x%llx, 0x%x bytes; found by the "
		 "file's identity, the image itself not read)", sec->path,
		 sec->file_path, (unsigned long long)sec->id.base,
		 sec->pe.size_of_image);
	return 0;
fail:
	free(t);
	close(fd);
	return -1;
}

int ld_section_open(const char *path, struct ld_section **out,
		    struct ld_error *err)
{
	struct ld_section *sec = calloc(1, sizeof *sec);
	struct pe_error pe;
	struct stat st;
	uint8_t *file = NULL;
	size_t file_len = 0;
	int rc;

	if (!sec)
		return ld_errf(err, -ENOMEM, "%s: out of memory", path);
	sec->fd = -1;
	if (!(sec->path = strdup(path))) {
		rc = ld_errf(err, -ENOMEM, "%s: out of memory", path);
		goto fail;
	}
	if (open_cached(sec) < 0) {
		/* Read the image file, and find or build its section. */
		if ((rc = read_file(sec, &st, &file, &file_len, err)) < 0)
			goto fail;
		if ((rc = pe_parse(file, file_len, &sec->pe, &pe)) < 0) {
			rc = ld_errf_pe(err, path, &pe);
			goto fail;
		}
		sec->file_base = sec->pe.image_base;
		sec->pref_base = choose_base(&sec->pe);
		fill_identity(&sec->id, &st, sec->pref_base);
	}
	if (!(sec->shr = malloc((sec->pe.nsections + 1) * sizeof *sec->shr))) {
		rc = ld_errf(err, -ENOMEM, "%s: out of memory", path);
		goto fail;
	}
	for (int i = 0; i <= sec->pe.nsections; i++)
		sec->shr[i] = (struct ld_shared_obj){-1, -1, 0};
	if (file && (rc = attach(sec, sec->pref_base, err)) < 0)
		goto fail;
	if (file)
		munmap(file, file_len); /* sec->pe reads the section file now */
	memcpy(sec->shr_name, sec->name, sizeof sec->shr_name);
	*out = sec;
	return 0;
fail:
	ld_section_close(sec);
	if (file)
		munmap(file, file_len);
	return rc;
}

int ld_section_rebase(struct ld_section *sec, uint64_t base,
		      struct ld_error *err)
{
	char name[sizeof sec->name], *file_path;
	uint64_t old = sec->id.base;
	int created = sec->created, unshared = sec->unshared, rc;

	if (base == old)
		return 0;
	if (!(file_path = strdup(sec->file_path)))
		return ld_errf(err, -ENOMEM, "%s: out of memory", sec->path);
	leave(sec); /* a kept view sits at the old base */
	memcpy(name, sec->name, sizeof name);
	if ((rc = attach(sec, base, err)) < 0) {
		sec->id.base = old;
		sec->created = created;
		sec->unshared = unshared;
		memcpy(sec->name, name, sizeof name);
		free(sec->file_path);
		sec->file_path = file_path;
		return rc;
	}
	free(file_path);
	return rc;
}

uint64_t ld_section_alt_base(const struct ld_section *sec)
{
	const uint64_t gran = 0x10000;
	uint64_t v[5] = {sec->id.dev, sec->id.ino, sec->id.size,
			 (uint64_t)sec->id.mtime_ns,
			 (uint64_t)sec->id.ctime_ns};
	uint64_t len =
		((uint64_t)sec->pe.size_of_image + gran - 1) & ~(gran - 1);
	uint64_t h = 0xcbf29ce484222325ULL, slots;
	const uint8_t *p = (const uint8_t *)v;

	for (size_t i = 0; i < sizeof v; i++) /* FNV-1a */
		h = (h ^ p[i]) * 0x100000001b3ULL;
	h ^= h >> 29; /* FNV's high bits mix poorly; the modulus uses the low */
	slots = (LD_ALT_HI - LD_ALT_LO - len) / gran;
	return LD_ALT_LO + (h % slots) * gran;
}

int ld_section_relocs_shared(const struct ld_section *sec)
{
	const struct pe_image *img = &sec->pe;
	struct pe_reloc_iter it;
	struct pe_reloc r;
	struct pe_error pe;
	int any = 0;

	for (unsigned i = 0; i < img->nsections; i++)
		any |= pe_section_mapping(img, &img->sections[i]) ==
			PE_MAP_SHARED_RW;
	if (!any)
		return 0;
	pe_reloc_begin(img, &it);
	while (pe_reloc_next(&it, &r, &pe) > 0) {
		const struct pe_section *s = pe_section_at(img, r.rva);

		if (s && pe_section_mapping(img, s) == PE_MAP_SHARED_RW)
			return 1;
	}
	return 0;
}

void ld_section_close(struct ld_section *sec)
{
	if (!sec)
		return;
	leave(sec);
	if (sec->fd >= 0)
		close(sec->fd);
	if (sec->shr)
		for (int i = 0; i <= sec->pe.nsections; i++) {
			if (sec->shr[i].fd >= 0)
				close(sec->shr[i].fd);
			if (sec->shr[i].mark >= 0)
				close(sec->shr[i].mark);
		}
	free(sec->shr);
	if (sec->pe.sections)
		pe_image_free(&sec->pe);
	if (sec->image)
		munmap(sec->image, sec->image_len);
	free(sec->path);
	free(sec->file_path);
	free(sec);
}

const struct pe_image *ld_section_pe(const struct ld_section *sec)
{
	return &sec->pe;
}

const char *ld_section_path(const struct ld_section *sec)
{
	return sec->path;
}

/* Copies [off, off+len) of the section file to the start of fd. */
static int copy_range(int from, off_t off, int to, size_t len)
{
	char buf[65536];

	for (size_t done = 0; done < len;) {
		size_t n = len - done < sizeof buf ? len - done : sizeof buf;
		ssize_t r = pread(from, buf, n, off + done);

		if (r <= 0 || pwrite(to, buf, r, done) != r)
			return -EIO;
		done += r;
	}
	return 0;
}

/* Fills a shared-data object with its section's bytes from the section
 * file.  A loader killed half-way leaves it half-filled, and unlocked:
 * the next loader finds nobody alive and fills it again. */
static int init_shared(struct ld_section *sec, const struct pe_section *s,
		       int fd, size_t size)
{
	int rc;

	if (ftruncate(fd, 0) < 0 || ftruncate(fd, size) < 0)
		return -errno;
	/* Its pages are written through MAP_SHARED views: reserved now,
	 * or a full cache would be SIGBUS in the program's first store. */
	if ((rc = reserve(fd, size)) < 0)
		return rc;
	inject("shared-init");
	return copy_range(sec->fd, s->vaddr, fd,
			  s->raw_size < size ? s->raw_size : size);
}

/* Lock byte 2 of a shared-data object: held (shared) by every process
 * that has the section in its own memory instead.  Nonzero when some
 * process holds it. */
static int held_privately(int fd)
{
	struct flock fl = {.l_type = F_WRLCK,
			   .l_whence = SEEK_SET,
			   .l_start = 2,
			   .l_len = 1};

	return fcntl(fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
}

/* Lays shared-data section idx out in a memfd of this process: the
 * object's bytes as a first loader would make them, seen by no other
 * process.  mark (or -1) is the object's file with lock byte 2 held,
 * kept open so later loaders know; why is LD_REC_SEC_SHR_FULL or
 * LD_REC_SEC_SHR_PEER.  Says so on stderr, once per section. */
static int shared_private(struct ld_section *sec, int idx, size_t size,
			  int mark, int why, const char *dir,
			  struct ld_error *err)
{
	const struct pe_section *s = &sec->pe.sections[idx];
	int fd = memfd_create(s->name, MFD_CLOEXEC), rc;

	rc = fd < 0 ? -errno
		    : ftruncate(fd, size) < 0 ? -errno : reserve(fd, size);
	if (rc == 0)
		rc = copy_range(sec->fd, s->vaddr, fd,
				s->raw_size < size ? s->raw_size : size);
	if (rc < 0) {
		if (fd >= 0)
			close(fd);
		if (mark >= 0)
			close(mark);
		return ld_errf(err, rc, "%s: shared section %s: %zu bytes of "
			       "memory: %s", sec->path, s->name, size,
			       strerror(-rc));
	}
	sec->shr[idx] = (struct ld_shared_obj){fd, mark, why};
	if (why == LD_REC_SEC_SHR_FULL)
		ld_note("cache full (%s): %s: shared section %s laid out in "
			"private memory; other processes will not see its "
			"writes", dir, base_name(sec->path), s->name);
	else
		ld_note("%s: shared section %s laid out in private memory: "
			"another process has it so (the cache %s was full "
			"when it started); other processes will not see its "
			"writes", base_name(sec->path), s->name, dir);
	return fd;
}

/*
 * Shared-data objects (IMAGE_SCN_MEM_SHARED + writable): one file per
 * section of the image section, "<section>.shr<index>".  Byte 0's lock
 * says "alive": every process that has the image loaded holds it shared.
 * Byte 1's lock serializes loaders.  A loader that finds nobody alive
 * (it gets byte 0 exclusively) starts again from the image's contents,
 * as Windows and Wine do when the last process using the image exits.
 *
 * A first loader that finds no room for the object lays the section out
 * in its own memory and holds byte 2; a loader that finds byte 2 held
 * does the same, so while any process has it privately nobody shares it
 * (docs/design.md, "Shared-data objects").
 */
int ld_shared_open(struct ld_section *sec, int idx, struct ld_error *err)
{
	const struct pe_section *s = &sec->pe.sections[idx];
	size_t size =
		((uint64_t)s->vsize + LD_PAGE - 1) & ~(uint64_t)(LD_PAGE - 1);
	char name[NAME_MAX + 1], dir[PATH_MAX];
	int dirfd, fd, rc = 0;

	if (sec->shr[idx].fd >= 0)
		return sec->shr[idx].fd;
	if ((dirfd = ld_cache_open(NULL, dir, err)) < 0)
		return dirfd;
	snprintf(name, sizeof name, "%.200s.shr%d", sec->shr_name, idx);
	fd = openat(dirfd, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
		    0600);
	close(dirfd);
	if (fd < 0 && no_room(errno)) /* not even an inode: nobody can know */
		return shared_private(sec, idx, size, -1, LD_REC_SEC_SHR_FULL,
				      dir, err);
	if (fd < 0)
		return ld_errf(err, -errno, "%s/%s: %s", dir, name,
			       strerror(errno));
	if (lock_excl(fd, 1, 1) < 0)
		goto lock_fail;
	if (held_privately(fd)) {
		if (lock_shared(fd, 2, 1) < 0)
			goto lock_fail;
		unlock(fd, 1);
		return shared_private(sec, idx, size, fd, LD_REC_SEC_SHR_PEER,
				      dir, err);
	}
	if (lock_excl(fd, 0, 0) == 0) {
		/* Nobody alive: (re)initialize from the section file. */
		if ((rc = init_shared(sec, s, fd, size)) < 0) {
			unlock(fd, 0);
			if (!no_room(-rc)) {
				rc = ld_errf(err, -EIO, "%s/%s: initializing "
					     "section %s failed: %s", dir,
					     name, s->name, strerror(-rc));
				unlock(fd, 1);
				close(fd);
				return rc;
			}
			/* Give the blocks back: nobody uses them. */
			if (ftruncate(fd, 0) < 0 || lock_shared(fd, 2, 1) < 0)
				goto lock_fail;
			unlock(fd, 1);
			return shared_private(sec, idx, size, fd,
					      LD_REC_SEC_SHR_FULL, dir, err);
		}
		if (lock_shared(fd, 0, 0) < 0) /* atomic downgrade */
			goto lock_fail;
	} else if (lock_shared(fd, 0, 1) < 0) {
		goto lock_fail;
	}
	unlock(fd, 1);
	sec->shr[idx].fd = fd;
	return fd;
lock_fail:
	rc = ld_errf(err, -errno, "%s/%s: lock: %s", dir, name,
		     strerror(errno));
	close(fd);
	return rc;
}

int ld_shared_unshared(const struct ld_section *sec, int idx)
{
	return idx >= 0 && idx < sec->pe.nsections ? sec->shr[idx].unshared
						   : 0;
}
