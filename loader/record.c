/*
 * record.c — this process's record, <cache>/proc/<pid> (format: record.h).
 *
 * Created on the first view, at its full (sparse) size, mapped shared so
 * dllmap sees every store as it happens.  Entries are appended under a
 * mutex by ordinary code; the fault handler only updates page-state bytes,
 * counters and the event ring, with atomic or plain stores, never taking
 * the mutex.  The file is removed at exit, and by the fault handler when
 * it ends the process.
 *
 * An event names its thread: each thread asks the kernel once and keeps
 * the answer in initial-exec TLS (a plain load in this executable, safe in
 * the fault handler); a fork child forgets the parent thread's id.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "loader/section.h"

_Static_assert(offsetof(struct ld_rec_header, stacks_off) ==
                       LD_REC_HEADER_V1_SIZE,
               "the stack fields are appended to the version 1 header");

static struct ld_rec_header *hdr;
static char rec_path[PATH_MAX];
static pid_t rec_pid;
static int program_is_exe;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* Modules whose entry was taken over from an unloaded view of the same
 * section: their sections keep their slots and page-state bytes. */
static uint8_t reused[LD_REC_MAX_MODULES];
/* This thread's id, 0 until its first event. */
static __thread pid_t tid __attribute__((tls_model("initial-exec")));

static int rec_fd = -1; /* the record file, for a fork child (below) */
/* Bytes of the event ring whose pages are reserved (reserve_table). */
static _Atomic uint64_t events_reserved;

/* The record is sparse, and a page first stored to on a full tmpfs is
 * SIGBUS: every range is given its blocks before anything is stored in
 * it (fallocate, keeping the size).  0 or -errno; a file system without
 * fallocate is taken as one that does not run out this way. */
static long reserve_raw(uint64_t off, uint64_t len)
{
	uint64_t lo = off & ~(uint64_t)(LD_PAGE - 1);
	uint64_t hi = (off + len + LD_PAGE - 1) & ~(uint64_t)(LD_PAGE - 1);
	register long r10 __asm__("r10") = (long)(hi - lo);
	long ret;

	/* fallocate(rec_fd, FALLOC_FL_KEEP_SIZE, lo, hi - lo), raw: the
	 * fault handler calls this for the event ring. */
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(SYS_fallocate), "D"(rec_fd), "S"(1L), "d"(lo),
			   "r"(r10)
			 : "rcx", "r11", "memory");
	return ret == -EOPNOTSUPP ? 0 : ret;
}

/* Makes sure bytes [0, end) of the table at off are reserved, given
 * *have of them already are: 64 KiB at a time, so a program pays a few
 * system calls, not one per entry (async-signal-safe).  0, or <0 when
 * the cache is full. */
static long reserve_table(_Atomic uint64_t *have_p, uint64_t off, uint64_t end)
{
	uint64_t have = atomic_load(have_p);
	long rc;

	if (end <= have)
		return 0;
	end = (end + 65535) & ~(uint64_t)65535;
	if ((rc = reserve_raw(off + have, end - have)) < 0)
		return rc;
	while (have < end && !atomic_compare_exchange_weak(have_p, &have, end))
		;
	return 0;
}

/* Reserved bytes of the tables that grow (the event ring: the fault
 * handler; the others: under the mutex). */
static _Atomic uint64_t modules_reserved, sections_reserved, pages_reserved;

/* reserve_table for ordinary code: the error said in err. */
static int reserve(_Atomic uint64_t *have, uint64_t off, uint64_t end,
                   struct ld_error *err)
{
	long rc = reserve_table(have, off, end);

	if (rc < 0)
		return ld_errf(err, (int)rc, "process record %s: %s%s", rec_path,
		               strerror((int)-rc),
		               rc == -ENOSPC ? " (the cache is full)" : "");
	return 0;
}

/* In a fork child: only the forking thread goes on, under a new id; and
 * the record is the parent's.  The child keeps its contents but maps
 * them privately (same addresses: the regions' page-state pointers stay
 * good), so what it privatizes from now on never lands in its parent's
 * record.  The child has no record file of its own: dllmap sees it as
 * the kernel does. */
static void fork_child(void)
{
	tid = 0;
	if (hdr && rec_fd >= 0 &&
	    mmap(hdr, LD_REC_FILE_SIZE, PROT_READ | PROT_WRITE,
	         MAP_PRIVATE | MAP_FIXED, rec_fd, 0) == MAP_FAILED)
		hdr = NULL; /* cannot happen: the range is ours already */
}

static uint32_t this_tid(void)
{
	if (!tid)
		tid = (pid_t)ld_sys(SYS_gettid, 0, 0, 0);
	return (uint32_t)tid;
}

struct ld_rec_header *ld_record(void)
{
	return hdr;
}

void ld_record_remove(void)
{
	/* Only the process that made it (not a forked child). */
	if (rec_path[0] && ld_sys(SYS_getpid, 0, 0, 0) == rec_pid)
		ld_sys(SYS_unlink, (long)rec_path, 0, 0);
}

static void remove_at_exit(void)
{
	ld_record_remove();
}

/* Copies s into dst[n], truncating: paths in the record are for people. */
static void put(char *dst, size_t n, const char *s)
{
	size_t l = strlen(s);

	if (l >= n)
		l = n - 1;
	memcpy(dst, s, l);
	dst[l] = '\0';
}

static uint64_t starttime(void)
{
	char buf[1024], *p;
	unsigned long long v = 0;
	int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	/* One read: the kernel makes the whole line (well under 1 KiB) at
	 * once; stdio would add an fstat and a read that finds the end. */
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n < 0)
		return 0;
	buf[n] = '\0';
	/* Field 2 (comm) may hold spaces; fields restart after its ')'. */
	if (!(p = strrchr(buf, ')')))
		return 0;
	p++;
	for (int field = 3; field < 22 && p; field++)
		p = strchr(p + 1, ' ');
	if (p)
		sscanf(p, " %llu", &v);
	return v;
}

static void init_header(struct ld_rec_header *h)
{
	struct timespec ts;
	uint32_t off = 4096;

	clock_gettime(CLOCK_REALTIME, &ts);
	h->header_size = sizeof *h;
	h->file_size = LD_REC_FILE_SIZE;
	h->pid = rec_pid;
	h->proc_starttime = starttime();
	h->start_time_ns = ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	h->modules_off = off;
	h->max_modules = LD_REC_MAX_MODULES;
	off += LD_REC_MAX_MODULES * sizeof(struct ld_rec_module);
	h->sections_off = off;
	h->max_sections = LD_REC_MAX_SECTIONS;
	off += LD_REC_MAX_SECTIONS * sizeof(struct ld_rec_section);
	h->events_off = off;
	h->max_events = LD_REC_MAX_EVENTS;
	off += LD_REC_MAX_EVENTS * sizeof(struct ld_rec_event);
	h->pages_off = off;
	h->max_pages = LD_REC_MAX_PAGES;
	off += LD_REC_MAX_PAGES;
	ld_record_stacks_layout(h, off);
	h->version = LD_REC_VERSION;
	__atomic_store_n(&h->magic, LD_REC_MAGIC, __ATOMIC_RELEASE);
}

int ld_record_open(struct ld_error *err)
{
	char dir[PATH_MAX];
	void *map;
	int dirfd, fd = -1, rc = 0;

	pthread_mutex_lock(&lock);
	if (hdr)
		goto out;
	if ((dirfd = rc = ld_cache_open("proc", dir, err)) < 0)
		goto out;
	rec_pid = getpid();
	if (snprintf(rec_path, sizeof rec_path, "%.4000s/%d", dir,
	             (int)rec_pid) < 0)
		goto fail;
	/* A record left by a dead process with our pid is stale: replace. */
	fd = openat(dirfd, rec_path + strlen(dir) + 1,
	            O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	close(dirfd);
	if (fd < 0 || ftruncate(fd, LD_REC_FILE_SIZE) < 0) {
		rc = ld_errf(err, -errno, "process record %s: %s", rec_path,
		             strerror(errno));
		goto fail;
	}
	rec_fd = fd; /* kept (close-on-exec) for fork_child */
	fd = -1;
	if ((rc = (int)reserve_raw(0, 4096)) < 0) {
		rc = ld_errf(err, rc, "process record %s: %s%s", rec_path,
		             strerror(-rc),
		             rc == -ENOSPC ? " (the cache is full)" : "");
		close(rec_fd);
		rec_fd = -1;
		goto fail;
	}
	map = mmap(NULL, LD_REC_FILE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
	           rec_fd, 0);
	if (map == MAP_FAILED) {
		rc = ld_errf(err, -errno, "process record %s: %s", rec_path,
		             strerror(errno));
		close(rec_fd);
		rec_fd = -1;
		goto fail;
	}
	init_header(map);
	atexit(remove_at_exit);
	/* Registered before any event can have cached a thread id. */
	pthread_atfork(NULL, NULL, fork_child);
	hdr = map;
	goto out;
fail:
	if (fd >= 0)
		close(fd);
	unlink(rec_path);
	rec_path[0] = '\0';
out:
	pthread_mutex_unlock(&lock);
	return rc < 0 ? rc : 0;
}

void ld_record_program(const char *path, int is_exe)
{
	if (!hdr || (program_is_exe && !is_exe) ||
	    (hdr->program[0] && !is_exe))
		return;
	put(hdr->program, sizeof hdr->program, path);
	program_is_exe = is_exe;
}

struct ld_rec_module *ld_record_module_at(uint32_t i)
{
	return (struct ld_rec_module *)((char *)hdr + hdr->modules_off) + i;
}

struct ld_rec_section *ld_record_section_at(uint32_t i)
{
	return (struct ld_rec_section *)((char *)hdr + hdr->sections_off) + i;
}

uint8_t *ld_record_states(const struct ld_rec_section *s)
{
	return (uint8_t *)hdr + hdr->pages_off + s->first_page;
}

/* An unloaded entry for the same section file with the same number of
 * sections, or -1.  A program that loads and frees one DLL in a loop then
 * uses one entry, not one per load (the tables never shrink). */
static int find_unloaded(const struct ld_section *sec, uint32_t nsec)
{
	for (uint32_t i = 0; i < hdr->nmodules; i++) {
		struct ld_rec_module *m = ld_record_module_at(i);

		if ((__atomic_load_n(&m->flags, __ATOMIC_ACQUIRE) &
		     LD_REC_MOD_UNLOADED) &&
		    m->nsections == nsec &&
		    !strncmp(m->section_file, sec->file_path,
		             sizeof m->section_file))
			return (int)i;
	}
	return -1;
}

int ld_record_module(const char *name, const struct ld_section *sec,
                     uint64_t base, uint32_t flags, uint32_t nsec,
                     struct ld_error *err)
{
	struct ld_rec_module *m;
	int idx, rc;

	if (!hdr)
		return ld_errf(err, -EINVAL, "process record: not open");
	pthread_mutex_lock(&lock);
	if ((idx = find_unloaded(sec, nsec)) >= 0) {
		m = ld_record_module_at(idx);
		reused[idx] = 1;
		put(m->name, sizeof m->name, name);
		m->base = base;
		__atomic_store_n(&m->flags, flags, __ATOMIC_RELEASE);
		pthread_mutex_unlock(&lock);
		return idx;
	}
	if (hdr->nmodules >= hdr->max_modules ||
	    hdr->nsections + nsec > hdr->max_sections) {
		pthread_mutex_unlock(&lock);
		return ld_errf(err, -ENOSPC, "process record: more than %u "
		               "modules or %u sections", hdr->max_modules,
		               hdr->max_sections);
	}
	idx = hdr->nmodules;
	if ((rc = reserve(&modules_reserved, hdr->modules_off,
	                  (uint64_t)(idx + 1) * sizeof *m, err)) < 0 ||
	    (rc = reserve(&sections_reserved, hdr->sections_off,
	                  (uint64_t)(hdr->nsections + nsec) *
	                          sizeof(struct ld_rec_section), err)) < 0) {
		pthread_mutex_unlock(&lock);
		return rc;
	}
	reused[idx] = 0;
	m = ld_record_module_at(idx);
	put(m->name, sizeof m->name, name);
	put(m->path, sizeof m->path, sec->path);
	put(m->section_file, sizeof m->section_file, sec->file_path);
	m->base = base;
	m->section_base = sec->id.base;
	m->size = sec->pe.size_of_image;
	m->flags = flags;
	m->first_section = hdr->nsections;
	m->nsections = nsec;
	__atomic_store_n(&hdr->nsections, hdr->nsections + nsec,
	                 __ATOMIC_RELEASE);
	__atomic_store_n(&hdr->nmodules, idx + 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&lock);
	return idx;
}

int ld_record_section(int mi, uint32_t i, const char *name, uint32_t rva,
                      uint32_t size, uint32_t chars, int mapping,
                      uint32_t flags, struct ld_error *err)
{
	struct ld_rec_module *m = ld_record_module_at(mi);
	struct ld_rec_section *s;
	uint32_t np = size / LD_PAGE, gi = m->first_section + i;
	int rc;

	pthread_mutex_lock(&lock);
	s = ld_record_section_at(gi);
	if (reused[mi] && s->npages == np) {
		/* Same section file: same ranges.  Start its pages over. */
		memset(ld_record_states(s), LD_REC_PAGE_SHARED, np);
		s->flags = flags;
		s->private_pages = 0;
		s->splits = 0;
		pthread_mutex_unlock(&lock);
		return (int)gi;
	}
	if (np > hdr->max_pages - hdr->npages) {
		pthread_mutex_unlock(&lock);
		return ld_errf(err, -ENOSPC, "process record: more than %u "
		               "image pages", hdr->max_pages);
	}
	if ((rc = reserve(&pages_reserved, hdr->pages_off,
	                  (uint64_t)hdr->npages + np, err)) < 0) {
		pthread_mutex_unlock(&lock);
		return rc;
	}
	put(s->name, sizeof s->name, name);
	s->module = mi;
	s->rva = rva;
	s->size = size;
	s->characteristics = chars;
	s->mapping = mapping;
	s->flags = flags;
	s->first_page = hdr->npages;
	__atomic_store_n(&s->npages, np, __ATOMIC_RELEASE);
	__atomic_store_n(&hdr->npages, hdr->npages + np, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&lock);
	return (int)gi;
}

long ld_record_reserve(_Atomic uint64_t *have, uint64_t off, uint64_t end)
{
	return rec_fd < 0 ? -EBADF : reserve_table(have, off, end);
}

uint32_t ld_record_tid(void)
{
	return this_tid();
}

void ld_record_event(uint16_t module, uint32_t section, uint32_t rva,
                     uint16_t insn_module, uint64_t insn_off, int reason)
{
	ld_record_event_n(module, section, rva, insn_module, insn_off, reason,
	                  0);
}

void ld_record_event_n(uint16_t module, uint32_t section, uint32_t rva,
                       uint16_t insn_module, uint64_t insn_off, int reason,
                       uint32_t npages)
{
	struct ld_rec_event *e;
	struct timespec ts;
	uint64_t n;

	if (!hdr)
		return;
	n = __atomic_fetch_add(&hdr->events_total, 1, __ATOMIC_ACQ_REL);
	if (reserve_table(&events_reserved, hdr->events_off,
	                  (n % hdr->max_events + 1) * sizeof *e) < 0)
		return; /* the cache is full: this event is lost */
	e = (struct ld_rec_event *)((char *)hdr + hdr->events_off) +
	    n % hdr->max_events;
	__atomic_store_n(&e->seq, 0, __ATOMIC_RELAXED);
	clock_gettime(CLOCK_REALTIME, &ts); /* async-signal-safe (vDSO) */
	e->time_ns = ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	e->tid = this_tid();
	e->module = module;
	e->insn_module = insn_module;
	e->section = section;
	e->rva = rva;
	e->insn_offset = insn_off;
	e->reason = reason;
	e->npages = npages;
	__atomic_store_n(&e->seq, n + 1, __ATOMIC_RELEASE);
}
