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
 * When the cache fills, the record is marked incomplete (LD_REC_F_INCOMPLETE)
 * and the program goes on: the part of each table that has no blocks is
 * replaced by anonymous memory, so the loader and the fault handler keep
 * every entry they need, and the header's counts stop growing, so a
 * reader sees only what the file holds (dllmap takes the rest from the
 * kernel).  One note on stderr says so.
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
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "loader/section.h"

_Static_assert(offsetof(struct ld_rec_header, stacks_off) ==
                       LD_REC_HEADER_V1_SIZE,
               "the stack fields are appended to the version 1 header");

static struct ld_rec_header *hdr;
/* The record file's path, from its open on ("" once it is gone).  On the
 * heap, and the note of a full cache (mark_incomplete) is made from it
 * when needed: PATH_MAX arrays here spread the loader's start-up state
 * over more pages, each a page fault at every start. */
static char *rec_path;
static pid_t rec_pid;
static int program_is_exe;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* Modules whose entry was taken over from an unloaded view of the same
 * section: their sections keep their slots and page-state bytes. */
static uint8_t reused[LD_REC_MAX_MODULES];
/* This thread's id, 0 until its first event. */
static __thread pid_t tid __attribute__((tls_model("initial-exec")));

static int rec_fd = -1; /* the record file, for a fork child (below) */
/* The mapping is the record file's, shared (not a private record nor a
 * fork child's copy): ld_record_put may write the file. */
static int rec_shared;
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
 * *have of them already are: the pages of the first request (the first
 * page, for most tables of most programs), then 64 KiB at a time, so a
 * program pays a few system calls, not one per entry, and a small one
 * does not take (and free at its end) 64 KiB of blocks for each table
 * (async-signal-safe).  0, or <0 when the cache is full. */
static long reserve_table(_Atomic uint64_t *have_p, uint64_t off, uint64_t end)
{
	uint64_t have = atomic_load(have_p);
	uint64_t step = have ? 65536 : LD_PAGE;
	long rc;

	if (end <= have)
		return 0;
	end = (end + step - 1) & ~(step - 1);
	if ((rc = reserve_raw(off + have, end - have)) < 0)
		return rc;
	while (have < end && !atomic_compare_exchange_weak(have_p, &have, end))
		;
	return 0;
}

/* Reserved bytes of the tables that grow (the event ring: the fault
 * handler; the others: under the mutex). */
static _Atomic uint64_t modules_reserved, sections_reserved, pages_reserved;

/* Incomplete-record state (see the top).  The true counts live here;
 * the header's are published only while the file holds everything. */
static int incomplete; /* under the mutex */
static uint32_t n_modules, n_sections, n_pages;
/* Per table, the offset (from the table's start) from which it is
 * anonymous memory, or 0: the event ring's is set by the fault handler
 * (events_state says how far that got). */
static _Atomic uint64_t modules_anon, sections_anon, events_anon, pages_anon;
static _Atomic int events_state; /* 0 file, 1 remapping, 2 done, 3 failed */
static _Atomic int noted;

/* mmap, raw (no errno): the fault handler remaps the event ring. */
static long raw_mmap(void *at, uint64_t len, long prot, long flags)
{
	register long r10 __asm__("r10") = flags;
	register long r8 __asm__("r8") = -1;
	register long r9 __asm__("r9") = 0;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(SYS_mmap), "D"(at), "S"(len), "d"(prot),
			   "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* Makes bytes [from, size) of the table at off this process's anonymous
 * memory (from is a multiple of 64 KiB, the tables' offsets and sizes of
 * pages).  Nothing can be there yet: no entry is stored before its
 * blocks are reserved.  0 or -errno. */
static long table_anon(_Atomic uint64_t *anon, uint64_t off, uint64_t from,
                       uint64_t size)
{
	long r;

	if (from >= size)
		return 0;
	r = raw_mmap((char *)hdr + off + from, size - from,
	             PROT_READ | PROT_WRITE,
	             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE);
	if (r < 0 && r > -4096)
		return r;
	atomic_store(anon, from ? from : 1);
	return 0;
}

/* Marks the record incomplete and says so once on stderr (one raw
 * writev of the note's pieces: the fault handler may be the one that
 * found the cache full). */
static void mark_incomplete(void)
{
	static const char pre[] = "dllshare: cache full: process record ";
	static const char post[] = " is incomplete from here on; dllmap "
	                           "shows the kernel's view of what it lacks\n";
	struct iovec iov[3] = {
		{(void *)pre, sizeof pre - 1},
		{rec_path, 0},
		{(void *)post, sizeof post - 1},
	};

	__atomic_fetch_or(&hdr->flags, LD_REC_F_INCOMPLETE, __ATOMIC_RELEASE);
	if (atomic_exchange(&noted, 1) || !rec_path || !rec_path[0])
		return;
	while (((char *)iov[1].iov_base)[iov[1].iov_len])
		iov[1].iov_len++;
	ld_sys(SYS_writev, 2, (long)iov, 3);
}

/* The cache is full: the module, section and page-state tables go on in
 * anonymous memory past what they have reserved, and the header's
 * counts stop where the file's entries stop.  Under the mutex. */
static int go_incomplete(struct ld_error *err)
{
	long rc;

	if (incomplete)
		return 0;
	if ((rc = table_anon(&modules_anon, hdr->modules_off,
	                     atomic_load(&modules_reserved),
	                     (uint64_t)hdr->max_modules *
	                             sizeof(struct ld_rec_module))) < 0 ||
	    (rc = table_anon(&sections_anon, hdr->sections_off,
	                     atomic_load(&sections_reserved),
	                     (uint64_t)hdr->max_sections *
	                             sizeof(struct ld_rec_section))) < 0 ||
	    (rc = table_anon(&pages_anon, hdr->pages_off,
	                     atomic_load(&pages_reserved), hdr->max_pages)) < 0)
		return ld_errf(err, (int)rc, "process record %s: cache full, "
		               "and no memory to go on without it: %s",
		               rec_path, strerror((int)-rc));
	incomplete = 1;
	mark_incomplete();
	return 0;
}

/* The event ring has no room for the next slot: from the fault handler
 * or anywhere, the rest of the ring becomes this process's memory (once;
 * a thread that finds another doing it drops its event).  Nonzero when
 * the slot can be written. */
static int events_anon_ok(void)
{
	int expect = 0;

	if (atomic_compare_exchange_strong(&events_state, &expect, 1)) {
		long rc = table_anon(&events_anon, hdr->events_off,
		                     atomic_load(&events_reserved),
		                     (uint64_t)hdr->max_events *
		                             sizeof(struct ld_rec_event));

		mark_incomplete();
		atomic_store(&events_state, rc < 0 ? 3 : 2);
	}
	return atomic_load(&events_state) == 2;
}

/* Nonzero for the errors of a file system that has no room left. */
static int no_room(long e)
{
	return e == -ENOSPC || e == -EDQUOT || e == -EFBIG;
}

/* reserve_table for ordinary code, under the mutex: a full cache makes
 * the record incomplete and is not an error; another error is said in
 * err. */
static int reserve(_Atomic uint64_t *have, uint64_t off, uint64_t end,
                   struct ld_error *err)
{
	long rc;

	if (incomplete)
		return 0;
	rc = reserve_table(have, off, end);
	if (rc < 0 && no_room(rc))
		return go_incomplete(err);
	if (rc < 0)
		return ld_errf(err, (int)rc, "process record %s: %s", rec_path,
		               strerror((int)-rc));
	return 0;
}

/* Publishes the counts in the header while it describes everything. */
static void publish_counts(void)
{
	if (incomplete)
		return;
	__atomic_store_n(&hdr->npages, n_pages, __ATOMIC_RELEASE);
	__atomic_store_n(&hdr->nsections, n_sections, __ATOMIC_RELEASE);
	__atomic_store_n(&hdr->nmodules, n_modules, __ATOMIC_RELEASE);
}

/* In a fork child: only the forking thread goes on, under a new id; and
 * the record is the parent's.  The child keeps its contents but maps
 * them privately (same addresses: the regions' page-state pointers stay
 * good), so what it privatizes from now on never lands in its parent's
 * record.  The child has no record file of its own: dllmap sees it as
 * the kernel does. */
static void fork_child(void)
{
	/* The parts that are anonymous memory (an incomplete record) are
	 * the child's copy already; only the file's parts are remapped. */
	struct { uint64_t off, size; _Atomic uint64_t *anon; } t[4];
	uint64_t at = 0;

	tid = 0;
	rec_shared = 0;
	if (!hdr || rec_fd < 0)
		return;
	t[0].off = hdr->modules_off;
	t[0].size = (uint64_t)hdr->max_modules * sizeof(struct ld_rec_module);
	t[0].anon = &modules_anon;
	t[1].off = hdr->sections_off;
	t[1].size = (uint64_t)hdr->max_sections * sizeof(struct ld_rec_section);
	t[1].anon = &sections_anon;
	t[2].off = hdr->events_off;
	t[2].size = (uint64_t)hdr->max_events * sizeof(struct ld_rec_event);
	t[2].anon = &events_anon;
	t[3].off = hdr->pages_off;
	t[3].size = hdr->max_pages;
	t[3].anon = &pages_anon;
	for (int i = 0; i <= 4; i++) {
		uint64_t a = i < 4 ? atomic_load(t[i].anon) : 0;
		uint64_t end = i < 4 ? t[i].off + (a & ~(uint64_t)1)
		                     : LD_REC_FILE_SIZE;

		if (i < 4 && !a)
			continue;
		if (end > at &&
		    mmap((char *)hdr + at, end - at, PROT_READ | PROT_WRITE,
		         MAP_PRIVATE | MAP_FIXED, rec_fd, (off_t)at) ==
		            MAP_FAILED)
			hdr = NULL; /* cannot happen: the range is ours */
		if (!hdr)
			return;
		if (i < 4)
			at = t[i].off + t[i].size;
	}
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
	if (rec_path && rec_path[0] && ld_sys(SYS_getpid, 0, 0, 0) == rec_pid)
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
	/* The digits by hand: sscanf's frame is the deepest of a start,
	 * a page of stack touched for this alone. */
	for (p = p ? p + 1 : p; p && *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (unsigned long long)(*p - '0');
	return v;
}

/*
 * The tables in the order a start touches them.  A start writes the
 * header and the first entries of the module, section, stack and event
 * tables, all within the first 1.3 MiB (one 2 MiB region of address
 * space: one page table, the mapping being 2 MiB-aligned, map_aligned),
 * and the first page-state bytes, at 4.3 MiB; a new stack's page bytes
 * go through the file (ld_record_put), so the stack page table, last,
 * is touched only when a stack grows.  Readers find every table by the
 * header's offsets.
 */
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
	off = ld_record_stack_table_at(h, off);
	h->events_off = off;
	h->max_events = LD_REC_MAX_EVENTS;
	off += LD_REC_MAX_EVENTS * sizeof(struct ld_rec_event);
	h->pages_off = off;
	h->max_pages = LD_REC_MAX_PAGES;
	off += LD_REC_MAX_PAGES;
	ld_record_stack_pages_at(h, off);
	_Static_assert(4096 + LD_REC_MAX_MODULES * sizeof(struct ld_rec_module) +
	                       LD_REC_MAX_SECTIONS * sizeof(struct ld_rec_section) +
	                       LD_REC_MAX_STACKS * sizeof(struct ld_rec_stack) +
	                       LD_REC_MAX_EVENTS * sizeof(struct ld_rec_event) +
	                       4096 <= (2u << 20),
	               "the first page of each table a start writes lies in "
	               "the record's first 2 MiB (map_aligned)");
	h->version = LD_REC_VERSION;
	__atomic_store_n(&h->magic, LD_REC_MAGIC, __ATOMIC_RELEASE);
}

/*
 * Maps the record file, shared, at a 2 MiB boundary.  Each 2 MiB of
 * address space a process first touches costs the kernel a page-table
 * page, and on a virtual machine with shadow page tables (this
 * project's) a fault that needs one costs 75 to 100 us more than one
 * that does not, several page faults' worth.  Aligned, the pages a
 * start writes (the header and the first entry of each table) lie in
 * one such region (init_header: the tables before the page states fit
 * in the first 2 MiB); wherever the kernel put the mapping they were
 * spread over five.  The address space is reserved 2 MiB larger and
 * trimmed (the kernel aligns a reservation of whole 2 MiB already:
 * then one munmap, of its tail).  MAP_FAILED or the mapping.
 */
static void *map_aligned(int fd)
{
	const uintptr_t align = 2u << 20;
	const size_t len = LD_REC_FILE_SIZE;
	/* A multiple of 2 MiB: what the kernel aligns by itself. */
	const size_t room = (len + 2 * align - 1) & ~(align - 1);
	uint8_t *r = mmap(NULL, room, PROT_NONE,
	                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uint8_t *a;

	if (r == MAP_FAILED)
		return mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		            0);
	a = (uint8_t *)(((uintptr_t)r + align - 1) & ~(align - 1));
	if (mmap(a, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd,
	         0) == MAP_FAILED) {
		munmap(r, room);
		return MAP_FAILED;
	}
	if (a > r)
		munmap(r, (size_t)(a - r));
	if (a + len < r + room)
		munmap(a + len, (size_t)(r + room - (a + len)));
	return a;
}

/* The cache has no room even for the record's header: the whole record
 * is this process's memory, and the file goes (dllmap finds no record
 * and shows the kernel's view).  Says so. */
static void *private_record(size_t dirlen)
{
	void *map = mmap(NULL, LD_REC_FILE_SIZE, PROT_READ | PROT_WRITE,
	                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (map == MAP_FAILED)
		return map;
	unlinkat(AT_FDCWD, rec_path, 0);
	ld_note("cache full (%.*s): no process record for this process; "
	        "dllmap shows the kernel's view of it", (int)dirlen, rec_path);
	atomic_store(&noted, 1);
	close(rec_fd);
	rec_fd = -1;
	rec_path[0] = '\0';
	return map;
}

/* Maps the record's page at p now, written: a page every run stores
 * to, which would otherwise be a page fault, and a fault costs more than
 * this system call (about 15 us against 2 on a virtual machine).  Only
 * pages whose blocks are reserved; a kernel without MADV_POPULATE_WRITE
 * (before 5.14) refuses, and the page faults in as before. */
static void map_now(void *p)
{
	madvise(p, LD_PAGE, MADV_POPULATE_WRITE);
}

/* Gives the first page of each table its blocks at once, so what a
 * program needs first does not depend on what else fills the cache
 * meanwhile, and maps it (every run writes it).  Under the mutex. */
static int reserve_first(struct ld_error *err)
{
	int rc;

	if ((rc = reserve(&modules_reserved, hdr->modules_off, 1, err)) < 0 ||
	    (rc = reserve(&sections_reserved, hdr->sections_off, 1, err)) < 0 ||
	    (rc = reserve(&pages_reserved, hdr->pages_off, 1, err)) < 0)
		return rc;
	if (incomplete)
		return 0;
	map_now((char *)hdr + hdr->modules_off);
	map_now((char *)hdr + hdr->sections_off);
	map_now((char *)hdr + hdr->pages_off);
	/* Without room the stacks go unrecorded (dllmap shows the kernel's
	 * view of them): no reason to stop the program. */
	if (ld_record_stacks_reserve_first(hdr) >= 0)
		map_now((char *)hdr + hdr->stacks_off);
	rc = (int)reserve_table(&events_reserved, hdr->events_off, 1);
	if (rc >= 0)
		map_now((char *)hdr + hdr->events_off);
	if (rc < 0 && no_room(rc) && !events_anon_ok())
		return ld_errf(err, -ENOMEM, "process record %s: cache full, "
		               "and no memory to go on without it", rec_path);
	return rc < 0 && !no_room(rc)
		? ld_errf(err, rc, "process record %s: %s", rec_path,
		          strerror(-rc))
		: 0;
}

int ld_record_open(struct ld_error *err)
{
	void *map;
	size_t dirlen;
	int dirfd, fd = -1, rc = 0;

	pthread_mutex_lock(&lock);
	if (hdr)
		goto out;
	/* The directory's path straight into rec_path, the pid after it. */
	if (!rec_path && !(rec_path = malloc(PATH_MAX))) {
		rc = ld_errf(err, -ENOMEM, "process record: out of memory");
		goto out;
	}
	if ((dirfd = rc = ld_cache_open("proc", rec_path, err)) < 0) {
		rec_path[0] = '\0';
		goto out;
	}
	dirlen = strlen(rec_path);
	rec_pid = getpid();
	if (snprintf(rec_path + dirlen, PATH_MAX - dirlen, "/%d",
	             (int)rec_pid) >= (int)(PATH_MAX - dirlen)) {
		close(dirfd);
		rc = ld_errf(err, -ENAMETOOLONG, "process record in %.*s: name "
		             "too long", (int)dirlen, rec_path);
		rec_path[0] = '\0'; /* nothing of ours to unlink */
		goto fail;
	}
	if ((map = realloc(rec_path, strlen(rec_path) + 1)))
		rec_path = map; /* what is left of PATH_MAX goes back */
	/* A record left by a dead process with our pid is stale: replace. */
	fd = openat(dirfd, rec_path + dirlen + 1,
	            O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	close(dirfd);
	if (fd < 0 || ftruncate(fd, LD_REC_FILE_SIZE) < 0) {
		rc = ld_errf(err, -errno, "process record %s: %s", rec_path,
		             strerror(errno));
		goto fail;
	}
	rec_fd = fd; /* kept (close-on-exec) for fork_child */
	fd = -1;
	if ((rc = (int)reserve_raw(0, 4096)) < 0 && !no_room(rc)) {
		rc = ld_errf(err, rc, "process record %s: %s", rec_path,
		             strerror(-rc));
		close(rec_fd);
		rec_fd = -1;
		goto fail;
	}
	map = rc < 0 ? private_record(dirlen) : map_aligned(rec_fd);
	if (map == MAP_FAILED) {
		rc = ld_errf(err, -errno, "process record %s: %s", rec_path,
		             strerror(errno));
		close(rec_fd);
		rec_fd = -1;
		goto fail;
	}
	if (rc >= 0)
		map_now(map); /* the header, reserved above */
	init_header(map);
	hdr = map;
	rec_shared = rc >= 0;
	if (rc < 0)
		incomplete = 1, rc = 0; /* private_record */
	else if ((rc = reserve_first(err)) < 0)
		goto fail_mapped;
	atexit(remove_at_exit);
	/* Registered before any event can have cached a thread id. */
	pthread_atfork(NULL, NULL, fork_child);
	goto out;
fail_mapped:
	munmap(hdr, LD_REC_FILE_SIZE);
	hdr = NULL;
	rec_shared = 0;
	close(rec_fd);
	rec_fd = -1;
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
	for (uint32_t i = 0; i < n_modules; i++) {
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
	if (n_modules >= hdr->max_modules ||
	    n_sections + nsec > hdr->max_sections) {
		pthread_mutex_unlock(&lock);
		return ld_errf(err, -ENOSPC, "process record: more than %u "
		               "modules or %u sections", hdr->max_modules,
		               hdr->max_sections);
	}
	idx = n_modules;
	if ((rc = reserve(&modules_reserved, hdr->modules_off,
	                  (uint64_t)(idx + 1) * sizeof *m, err)) < 0 ||
	    (rc = reserve(&sections_reserved, hdr->sections_off,
	                  (uint64_t)(n_sections + nsec) *
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
	m->first_section = n_sections;
	m->nsections = nsec;
	n_sections += nsec;
	n_modules = idx + 1;
	publish_counts();
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
	if (np > hdr->max_pages - n_pages) {
		pthread_mutex_unlock(&lock);
		return ld_errf(err, -ENOSPC, "process record: more than %u "
		               "image pages", hdr->max_pages);
	}
	if ((rc = reserve(&pages_reserved, hdr->pages_off,
	                  (uint64_t)n_pages + np, err)) < 0) {
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
	s->first_page = n_pages;
	__atomic_store_n(&s->npages, np, __ATOMIC_RELEASE);
	n_pages += np;
	publish_counts();
	pthread_mutex_unlock(&lock);
	return (int)gi;
}

void ld_record_put(uint64_t off, const void *src, size_t len)
{
	const uint8_t *p = src;

	while (rec_shared && len) {
		ssize_t w = pwrite(rec_fd, p, len, (off_t)off);

		if (w <= 0)
			break; /* the rest through the mapping */
		p += w, off += (uint64_t)w, len -= (size_t)w;
	}
	memcpy((char *)hdr + off, p, len);
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
	/* The cache is full: the rest of the ring goes on in this
	 * process's memory (a thread that finds that being done loses its
	 * event). */
	if (atomic_load(&events_state) != 2 &&
	    reserve_table(&events_reserved, hdr->events_off,
	                  (n % hdr->max_events + 1) * sizeof *e) < 0 &&
	    !events_anon_ok())
		return;
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
