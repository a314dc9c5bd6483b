/*
 * cow_bench.c — what a first write costs: dllshare's privatization
 * against the kernel's own copy-on-write, on the same memory, in the same
 * run; and how long creating and mapping a section takes.
 *
 *   cow_bench COW_DLL CXX_DLL RESULTS_FILE [REPS]
 *
 * First-write cost: the .cow section of COW_DLL (1024 pages, non-zero
 * bytes) is mapped two ways, alternately, REPS times:
 *   dllshare  a view (ld_view_map): MAP_PRIVATE read-only; the write
 *             faults, the handler mprotects the page, the write retries
 *             and the kernel copies the page;
 *   dllshare, DLLSHARE_COW=uffd  a view mapped the same way with the
 *             variable set: MAP_PRIVATE read/write, userfaultfd
 *             write-protected (WP_ASYNC); the kernel copies the page in
 *             the first write's own fault, no signal;
 *   kernel    the same range of the same section file mapped MAP_PRIVATE
 *             read/write: the write faults once and the kernel copies.
 * Before timing, every page is read once in both, so both start with the
 * page cache's page mapped and the write's cost is the copy-on-write
 * alone.  Each write is timed on its own (CLOCK_MONOTONIC); the result is
 * the ratio of the medians over all pages of all repetitions.
 *
 * Where the time goes, measured alone in the same run: a signal's round
 * trip (raise + empty handler + sigreturn), an mprotect of one page of a
 * read-only mapping to read/write (the mapping splits), and a variant of
 * the bare handler that also breaks copy-on-write itself
 * (MADV_POPULATE_WRITE), so the retried write does not fault again.
 *
 * A prototype not used by dllshare, in the same run: the same range under
 * userfaultfd write protection (asynchronous, where the kernel resolves
 * the first write itself, and synchronous, with a handler thread), timed
 * the same way and checked: written pages private, the file unchanged,
 * no mapping split, and PAGEMAP_SCAN naming exactly the written pages.
 * Rows whose kernel feature is missing are skipped, saying why.
 *
 * The section cache is a directory in /dev/shm, as dllshare's default:
 * the costs are those of tmpfs (shmem) pages.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "loader/section.h"
#include "runtime/core/fault.h"

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp);
	return n ? v[n / 2] : 0;
}

static double pct(double *v, size_t n, double p)
{
	return n ? v[(size_t)(p * (n - 1))] : 0; /* v sorted by median() */
}

/* The lower bound of any scheme that privatizes from a signal handler:
 * a handler that only mprotects the page. */
static void bare_handler(int sig, siginfo_t *si, void *ctx)
{
	mprotect((void *)((uintptr_t)si->si_addr & ~(uintptr_t)4095), 4096,
	         PROT_READ | PROT_WRITE);
}

static void die(const char *what, const struct ld_error *err)
{
	fprintf(stderr, "cow_bench: %s: %s\n", what, err ? err->msg : "");
	exit(1);
}

/* Times the first write to each of npages pages at p. */
static void time_writes(volatile uint8_t *p, size_t npages, double *out)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < npages; i++)
		sum += p[i * 4096 + 100]; /* map the page cache's page */
	for (size_t i = 0; i < npages; i++) {
		double t0 = now_ns();

		p[i * 4096 + 8] = sum | 1;
		out[i] = now_ns() - t0;
	}
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

/* The bare handler, then the copy made here rather than on the retry. */
static void populate_handler(int sig, siginfo_t *si, void *ctx)
{
	void *page = (void *)((uintptr_t)si->si_addr & ~(uintptr_t)4095);

	mprotect(page, 4096, PROT_READ | PROT_WRITE);
	madvise(page, 4096, MADV_POPULATE_WRITE);
}

static void empty_handler(int sig)
{
}

/* Times f over npages pages of a fresh read-only private mapping of fd
 * at off with handler h installed for SIGSEGV (NULL: ours). */
static void time_bare(int fd, off_t off, size_t npages,
                      void (*h)(int, siginfo_t *, void *), double *out)
{
	struct sigaction sa = {.sa_sigaction = h, .sa_flags = SA_SIGINFO}, ours;
	uint8_t *k = mmap(NULL, npages * 4096, PROT_READ, MAP_PRIVATE, fd, off);

	if (k == MAP_FAILED)
		return;
	sigaction(SIGSEGV, &sa, &ours);
	time_writes(k, npages, out);
	sigaction(SIGSEGV, &ours, NULL);
	munmap(k, npages * 4096);
}

/* The parts alone: signal round trip, and mprotect of one page. */
static void time_parts(int fd, off_t off, size_t npages, double *sig,
                       double *prot)
{
	uint8_t *k = mmap(NULL, npages * 4096, PROT_READ, MAP_PRIVATE, fd, off);
	volatile uint8_t sum = 0;

	signal(SIGUSR1, empty_handler);
	for (size_t i = 0; i < npages; i++) {
		double t0 = now_ns();

		raise(SIGUSR1);
		sig[i] = now_ns() - t0;
	}
	if (k == MAP_FAILED)
		return;
	for (size_t i = 0; i < npages; i++)
		sum += k[i * 4096];
	for (size_t i = 0; i < npages; i++) {
		double t0 = now_ns();

		mprotect(k + i * 4096, 4096, PROT_READ | PROT_WRITE);
		prot[i] = now_ns() - t0;
	}
	munmap(k, npages * 4096);
}

/*
 * Prototype, not used by dllshare: userfaultfd write protection, which
 * protects pages without splitting mappings (DESIGN.md, Privatization).
 * The view would be mapped MAP_PRIVATE read/write, registered in WP mode
 * and write-protected; a first write then either
 *   async  (UFFD_FEATURE_WP_ASYNC, Linux 6.7): is resolved by the kernel
 *          itself (it drops the protection bit and copies the page in the
 *          same fault), and PAGEMAP_SCAN's PAGE_IS_WRITTEN tells later
 *          which pages were written; nothing reports the instruction or
 *          the thread;
 *   sync   : queues a message that a handler thread reads; it lifts the
 *          protection of the page (UFFDIO_WRITEPROTECT mode 0), which
 *          wakes the writer, whose retried write is a plain copy-on-write.
 * The system headers may predate these, so the numbers are spelled here.
 */
#define UF_FEATURE_WP_HUGETLBFS_SHMEM (1u << 12)
#define UF_FEATURE_WP_UNPOPULATED (1u << 13)
#define UF_FEATURE_WP_ASYNC (1u << 15)
#define UF_USER_MODE_ONLY 1 /* O_ flag of userfaultfd(2), Linux 5.11 */
#define UF_PAGE_IS_WRITTEN (1u << 1)
#define PM_PFN(e) ((e) & ((1ull << 55) - 1))
#define PM_FILE (1ull << 61) /* file page or shared anonymous */
#define PM_PRESENT (1ull << 63)

struct uf_region { /* the kernel's struct page_region */
	uint64_t start, end, categories;
};

struct uf_scan_arg { /* the kernel's struct pm_scan_arg */
	uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
	uint64_t category_inverted, category_mask, category_anyof_mask;
	uint64_t return_mask;
};

#define UF_PAGEMAP_SCAN _IOWR('f', 16, struct uf_scan_arg)

/* Opens a userfaultfd with the features in want (all of them, or fails);
 * user-mode faults only, which unprivileged processes may ask for whatever
 * vm.unprivileged_userfaultfd says.  Writes why it failed to why. */
static int uf_open(uint64_t want, int flags, char *why, size_t whylen)
{
	struct uffdio_api api = {.api = UFFD_API};
	int fd = syscall(SYS_userfaultfd, O_CLOEXEC | UF_USER_MODE_ONLY | flags);

	if (fd < 0) {
		snprintf(why, whylen, "userfaultfd(): %s", strerror(errno));
		return -1;
	}
	/* Features 0 asks what the kernel has; UFFDIO_API works once per fd. */
	if (ioctl(fd, UFFDIO_API, &api) < 0) {
		snprintf(why, whylen, "UFFDIO_API: %s", strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	if ((api.features & want) != want) {
		snprintf(why, whylen, "kernel lacks feature bits 0x%llx "
		         "(has 0x%llx)", (unsigned long long)(want & ~api.features),
		         (unsigned long long)api.features);
		return -1;
	}
	fd = syscall(SYS_userfaultfd, O_CLOEXEC | UF_USER_MODE_ONLY | flags);
	api = (struct uffdio_api){.api = UFFD_API, .features = want};
	if (fd < 0 || ioctl(fd, UFFDIO_API, &api) < 0) {
		snprintf(why, whylen, "UFFDIO_API 0x%llx: %s",
		         (unsigned long long)want, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Registers [p, p+len) in WP mode and write-protects it. */
static int uf_protect(int uffd, void *p, size_t len, char *why, size_t whylen)
{
	struct uffdio_register reg = {
		.range = {(uintptr_t)p, len}, .mode = UFFDIO_REGISTER_MODE_WP};
	struct uffdio_writeprotect wp = {
		.range = {(uintptr_t)p, len}, .mode = UFFDIO_WRITEPROTECT_MODE_WP};

	if (ioctl(uffd, UFFDIO_REGISTER, &reg) < 0) {
		snprintf(why, whylen, "UFFDIO_REGISTER (WP): %s", strerror(errno));
		return -1;
	}
	if (ioctl(uffd, UFFDIO_WRITEPROTECT, &wp) < 0) {
		snprintf(why, whylen, "UFFDIO_WRITEPROTECT: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* The synchronous handler: one message per first write; lifting the
 * protection of its page also wakes the writer. Ends by cancellation. */
static void *uf_serve(void *arg)
{
	int uffd = *(int *)arg;
	struct uffd_msg m;

	for (;;) {
		struct uffdio_writeprotect wp = {.mode = 0};

		if (read(uffd, &m, sizeof m) != sizeof m)
			continue;
		if (m.event != UFFD_EVENT_PAGEFAULT ||
		    !(m.arg.pagefault.flags & UFFD_PAGEFAULT_FLAG_WP))
			continue;
		wp.range.start = m.arg.pagefault.address & ~(uint64_t)4095;
		wp.range.len = 4096;
		ioctl(uffd, UFFDIO_WRITEPROTECT, &wp);
	}
	return NULL;
}

/* A mapping of the section range under userfaultfd write protection.
 * populate: pages are read (mapped, shared with the page cache) before
 * protecting; otherwise the range is protected as mapped, untouched, as
 * the loader would do right after mapping a view (WP_UNPOPULATED keeps
 * pages faulted in later protected). */
struct uf_view {
	uint8_t *p;
	size_t len;
	int uffd;
	pthread_t th;
	int served;
	double setup_ns; /* register + write-protect */
};

static int uf_map(struct uf_view *u, int fd, off_t off, size_t npages,
                  int async, int populate, char *why, size_t whylen)
{
	uint64_t want = async ? UF_FEATURE_WP_ASYNC | UF_FEATURE_WP_UNPOPULATED |
	                                UF_FEATURE_WP_HUGETLBFS_SHMEM
	                      : UF_FEATURE_WP_HUGETLBFS_SHMEM;
	volatile uint8_t sum = 0;
	double t0;

	memset(u, 0, sizeof *u);
	u->len = npages * 4096;
	u->uffd = uf_open(want, 0, why, whylen);
	if (u->uffd < 0)
		return -1;
	u->p = mmap(NULL, u->len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, off);
	if (u->p == MAP_FAILED) {
		snprintf(why, whylen, "mmap: %s", strerror(errno));
		goto fail;
	}
	for (size_t i = 0; populate && i < npages; i++)
		sum += u->p[i * 4096];
	t0 = now_ns();
	if (uf_protect(u->uffd, u->p, u->len, why, whylen) < 0)
		goto fail;
	u->setup_ns = now_ns() - t0;
	if (!async) {
		if (pthread_create(&u->th, NULL, uf_serve, &u->uffd) != 0) {
			snprintf(why, whylen, "pthread_create failed");
			goto fail;
		}
		u->served = 1;
	}
	return 0;
fail:
	if (u->p && u->p != MAP_FAILED)
		munmap(u->p, u->len);
	close(u->uffd);
	return -1;
}

static void uf_unmap(struct uf_view *u)
{
	if (u->served) {
		pthread_cancel(u->th);
		pthread_join(u->th, NULL);
	}
	munmap(u->p, u->len);
	close(u->uffd);
}

/* PAGEMAP_SCAN for written pages in [p, p+len): fills written[i] per page
 * and returns the number of regions, or -1 with why. */
static long uf_scan(int pm, uint8_t *p, size_t len, uint8_t *written,
                    char *why, size_t whylen)
{
	size_t npages = len / 4096;
	struct uf_region *vec = calloc(npages, sizeof *vec);
	struct uf_scan_arg a = {
		.size = sizeof a,
		.start = (uintptr_t)p,
		.end = (uintptr_t)p + len,
		.vec = (uintptr_t)vec,
		.vec_len = npages,
		.category_mask = UF_PAGE_IS_WRITTEN,
		.return_mask = UF_PAGE_IS_WRITTEN,
	};
	long n = vec ? ioctl(pm, UF_PAGEMAP_SCAN, &a) : -1;

	if (n < 0)
		snprintf(why, whylen, "PAGEMAP_SCAN: %s", strerror(errno));
	for (long r = 0; written && r < n; r++)
		for (uint64_t a2 = vec[r].start; a2 < vec[r].end; a2 += 4096)
			written[(a2 - (uintptr_t)p) / 4096] = 1;
	free(vec);
	return n;
}

static uint64_t pm_entry(int pm, const void *addr)
{
	uint64_t e = 0;

	if (pread(pm, &e, sizeof e, (uintptr_t)addr / 4096 * 8) != sizeof e)
		return 0;
	return e;
}

/* How many mappings of /proc/self/maps start inside [p, p+len): one
 * means write protection and the writes split nothing. */
static int maps_in(const uint8_t *p, size_t len)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long lo, hi;
	char line[512];
	int n = 0;

	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 &&
		    lo >= (uintptr_t)p && lo < (uintptr_t)p + len)
			n++;
	if (f)
		fclose(f);
	return n;
}

/* Writes every third page (one of them through read(2), a kernel write
 * on the program's behalf), then checks: the written pages, and only
 * they, are private (pagemap: not a file page, new frame) and hold the
 * write; the range is still one mapping; the others still map the section's frame; the section file is
 * unchanged; in async mode PAGEMAP_SCAN names exactly the written pages.
 * Returns the number of failed checks (printed), or -1 if skipped. */
static int uf_check(int fd, off_t off, size_t npages, int async,
                    char *why, size_t whylen)
{
	struct uf_view u;
	size_t len = npages * 4096;
	uint8_t *before = malloc(len), *after = malloc(len);
	uint8_t *written = calloc(npages, 1), *found = calloc(npages, 1);
	uint64_t *pfn = calloc(npages, sizeof *pfn);
	int pm = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC), fails = 0;
	int pipefd[2] = {-1, -1};
	const char *mode = async ? "WP_ASYNC" : "sync WP";
	long nreg;
	int nmaps;

	if (!before || !after || !written || !found || !pfn || pm < 0 ||
	    pread(fd, before, len, off) != (ssize_t)len) {
		snprintf(why, whylen, "setup (memory, pagemap or pread)");
		fails = -1;
		goto out;
	}
	if (uf_map(&u, fd, off, npages, async, 1, why, whylen) < 0) {
		fails = -1;
		goto out;
	}
	for (size_t i = 0; i < npages; i++)
		pfn[i] = PM_PFN(pm_entry(pm, u.p + i * 4096));
	for (size_t i = 0; i < npages; i += 3) {
		written[i] = 1;
		if (i == 3 && pipe(pipefd) == 0) {
			uint8_t b = 0x5a;

			/* The kernel's own write into a protected page.  Async,
			 * the kernel resolves it; sync, a user-mode-only
			 * userfaultfd does not take kernel faults, so the call
			 * fails with EFAULT, as with dllshare's handler today. */
			ssize_t got = write(pipefd[1], &b, 1) == 1
			                      ? read(pipefd[0], u.p + i * 4096 + 8, 1)
			                      : -1;
			int e = errno;

			if (async ? got != 1 : got != -1 || e != EFAULT) {
				printf("  uffd %s check: read(2) into a protected page: "
				       "%zd (%s)\n", mode, got, strerror(e));
				fails++;
			}
			if (!async) {
				printf("  uffd %s: read(2) into a protected page fails "
				       "with EFAULT (user-mode-only fd)\n", mode);
				u.p[i * 4096 + 8] = 0x5a;
			}
			close(pipefd[0]);
			close(pipefd[1]);
		} else {
			u.p[i * 4096 + 8] = 0x5a;
		}
	}
	if (async) {
		nreg = uf_scan(pm, u.p, len, found, why, whylen);
		if (nreg < 0) {
			printf("  uffd %s check: %s\n", mode, why);
			fails++;
		} else if (memcmp(found, written, npages)) {
			printf("  uffd %s check: PAGEMAP_SCAN's written pages differ "
			       "from those written\n", mode);
			fails++;
		}
	}
	for (size_t i = 0; i < npages; i++) {
		uint64_t e = pm_entry(pm, u.p + i * 4096);
		int priv = (e & PM_PRESENT) && !(e & PM_FILE) &&
		           PM_PFN(e) != pfn[i] && pfn[i] != 0;
		int shared = (e & PM_PRESENT) && (e & PM_FILE) && PM_PFN(e) == pfn[i];
		uint8_t want = written[i] ? 0x5a : before[i * 4096 + 8];

		if (written[i] ? !priv : !shared) {
			printf("  uffd %s check: page %zu (%s) pagemap 0x%016llx, "
			       "frame before 0x%llx\n", mode, i,
			       written[i] ? "written" : "not written",
			       (unsigned long long)e, (unsigned long long)pfn[i]);
			fails++;
		}
		if (u.p[i * 4096 + 8] != want) {
			printf("  uffd %s check: page %zu holds the wrong byte\n",
			       mode, i);
			fails++;
		}
	}
	if ((nmaps = maps_in(u.p, len)) != 1) {
		printf("  uffd %s check: the range is %d mappings, not 1\n", mode,
		       nmaps);
		fails++;
	}
	uf_unmap(&u);
	if (pread(fd, after, len, off) != (ssize_t)len ||
	    memcmp(before, after, len)) {
		printf("  uffd %s check: the section file changed\n", mode);
		fails++;
	}
	printf("  uffd %s check (every 3rd of %zu pages written%s): %s\n",
	       mode, npages, async ? ", one by read(2)" : "",
	       fails ? "FAILED" : "ok");
out:
	if (pm >= 0)
		close(pm);
	free(before);
	free(after);
	free(written);
	free(found);
	free(pfn);
	return fails;
}

/* Times first writes under uffd WP (time_writes reads each page first);
 * gives the setup time (ns per page) and, async, the PAGEMAP_SCAN time
 * over the range in *setup, *scan. */
static int uf_time(int fd, off_t off, size_t npages, int async,
                   int populate, double *out, double *setup, double *scan,
                   char *why, size_t whylen)
{
	struct uf_view u;

	if (uf_map(&u, fd, off, npages, async, populate, why, whylen) < 0)
		return -1;
	*setup = u.setup_ns / npages;
	time_writes(u.p, npages, out);
	if (async) {
		int pm = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
		double t0 = now_ns();
		long n = pm < 0 ? -1 : uf_scan(pm, u.p, u.len, NULL, why, whylen);

		*scan = now_ns() - t0;
		if (pm >= 0)
			close(pm);
		if (n != 1) { /* every page written: one region */
			if (n >= 0)
				snprintf(why, whylen, "PAGEMAP_SCAN gave %ld regions "
				         "for %zu written pages, not 1", n, npages);
			uf_unmap(&u);
			return -1;
		}
	}
	uf_unmap(&u);
	return 0;
}

/* The same question without userfaultfd: after kernel copy-on-write of
 * every page of a plain MAP_PRIVATE read/write mapping, how long reading
 * the range's /proc/self/pagemap entries takes (a private page is one
 * that is no longer a file page, bit 61).  Returns ns, or -1 if the
 * entries do not say every page is private. */
static double pm_time(int fd, off_t off, size_t npages)
{
	size_t len = npages * 4096;
	uint8_t *k = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, off);
	uint64_t *e = calloc(npages, sizeof *e);
	int pm = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	double t0, ns = -1;
	size_t priv = 0;

	if (k != MAP_FAILED && e && pm >= 0) {
		for (size_t i = 0; i < npages; i++)
			k[i * 4096 + 8] = 1;
		t0 = now_ns();
		if (pread(pm, e, npages * 8, (uintptr_t)k / 4096 * 8) ==
		    (ssize_t)(npages * 8))
			for (size_t i = 0; i < npages; i++)
				priv += (e[i] & PM_PRESENT) && !(e[i] & PM_FILE);
		ns = now_ns() - t0;
	}
	if (k != MAP_FAILED)
		munmap(k, len);
	if (pm >= 0)
		close(pm);
	free(e);
	return priv == npages ? ns : -1;
}

int main(int argc, char **argv)
{
	struct ld_section *sec;
	struct ld_view *v;
	struct ld_error err;
	const struct pe_section *s = NULL;
	int reps = argc > 4 ? atoi(argv[4]) : 8;
	double *du, mdu = 0;
	int duok = 1;
	double *ds, *kn, *bs, *ps, *sg, *mp, mds, mkn, mbs, mps, msg, mmp, t[64],
		create_ms, map_us;
	/* userfaultfd prototype rows (async, populated before protecting) */
	static const struct {
		const char *name;
		int async, populate;
	} um[3] = {{"WP_ASYNC (kernel resolves the fault)", 1, 1},
	           {"sync WP (handler thread unprotects)", 0, 1},
	           {"WP_ASYNC, protected before first touch", 1, 0}};
	double *uw[3], muw[3] = {0}, usetup[3] = {0}, uscan[3] = {0}, upm = 0;
	char uwhy[3][160] = {"", "", ""};
	int uok[3] = {1, 1, 1}, uchk[2] = {0, 0}, ucf[2] = {0, 0}, ufails = 0;
	size_t npages, n = 0;
	/* On tmpfs, as dllshare's default cache (/dev/shm/dllshare-<uid>):
	 * sections are shmem files, which is what the copy-on-write costs
	 * and userfaultfd's WP support depend on (/tmp may be a disk). */
	char dir[] = "/dev/shm/dllshare-bench.XXXXXX", cmd[128];
	FILE *out;

	if (argc < 4) {
		fprintf(stderr, "usage: cow_bench COW_DLL CXX_DLL RESULTS [REPS]\n");
		return 2;
	}
	if (!mkdtemp(dir))
		return 1;
	setenv("DLLSHARE_CACHE", dir, 1);
	if (rt_fault_init() < 0)
		die("fault handler", NULL);
	if (ld_section_open(argv[1], &sec, &err) < 0)
		die(argv[1], &err);
	for (uint16_t i = 0; i < sec->pe.nsections; i++)
		if (!strcmp(sec->pe.sections[i].name, ".cow"))
			s = &sec->pe.sections[i];
	if (!s)
		die("no .cow section", NULL);
	npages = s->vsize / 4096;
	ds = calloc(npages * reps, sizeof *ds);
	du = calloc(npages * reps, sizeof *du);
	kn = calloc(npages * reps, sizeof *kn);
	bs = calloc(npages * reps, sizeof *bs);
	ps = calloc(npages * reps, sizeof *ps);
	sg = calloc(npages * reps, sizeof *sg);
	mp = calloc(npages * reps, sizeof *mp);
	for (int a = 0; a < 3; a++)
		uw[a] = calloc(npages * reps, sizeof *uw[a]);
	for (int a = 0; a < 2; a++) {
		int f = uf_check(sec->fd, s->vaddr, npages, !a, uwhy[a],
		                 sizeof uwhy[a]);

		if (f < 0) {
			uok[a] = 0; /* unavailable: uwhy says why */
			continue;
		}
		uchk[a] = 1;
		ucf[a] = f != 0;
		ufails += ucf[a];
	}
	for (int r = 0; r < reps; r++, n += npages) {
		uint8_t *k;

		if (ld_view_map(sec, "cow.dll", &v, &err) < 0)
			die("map", &err);
		time_writes(ld_view_base(v) + s->vaddr, npages, ds + n);
		ld_view_unmap(v);
		/* dllshare's userfaultfd backend, as `DLLSHARE_COW=uffd
		 * dllshare run` maps it. */
		setenv("DLLSHARE_COW", "uffd", 1);
		if (ld_view_map(sec, "cow.dll", &v, &err) < 0)
			die("map (DLLSHARE_COW=uffd)", &err);
		{
			struct ld_region *g = ld_region_find(
				(uintptr_t)(ld_view_base(v) + s->vaddr));

			duok &= g && g->rsec &&
			        (g->rsec->flags & LD_REC_SEC_UFFD) != 0;
		}
		time_writes(ld_view_base(v) + s->vaddr, npages, du + n);
		ld_view_unmap(v);
		unsetenv("DLLSHARE_COW");
		k = mmap(NULL, npages * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE,
		         sec->fd, s->vaddr);
		if (k == MAP_FAILED)
			die("mmap", NULL);
		time_writes(k, npages, kn + n);
		munmap(k, npages * 4096);
		time_bare(sec->fd, s->vaddr, npages, bare_handler, bs + n);
		time_bare(sec->fd, s->vaddr, npages, populate_handler, ps + n);
		time_parts(sec->fd, s->vaddr, npages, sg + n, mp + n);
		for (int a = 0; a < 3; a++) {
			double su = 0, sc = 0;

			if (uok[a] && uf_time(sec->fd, s->vaddr, npages, um[a].async,
			                      um[a].populate, uw[a] + n, &su, &sc,
			                      uwhy[a], sizeof uwhy[a]) < 0)
				uok[a] = 0;
			usetup[a] += su / reps;
			uscan[a] += sc / reps;
		}
		if (upm >= 0) {
			double t1 = pm_time(sec->fd, s->vaddr, npages);

			upm = t1 < 0 ? -1 : upm + t1 / reps;
		}
	}
	for (int a = 0; a < 3; a++)
		muw[a] = uok[a] ? median(uw[a], n) : 0;
	mds = median(ds, n);
	mdu = median(du, n);
	mkn = median(kn, n);
	mbs = median(bs, n);
	mps = median(ps, n);
	msg = median(sg, n);
	mmp = median(mp, n);
	ld_section_close(sec);

	/* Creating the section of a real DLL (cache emptied each time),
	 * and opening + mapping it once it exists. */
	for (int r = 0; r < 5; r++) {
		double t0;

		snprintf(cmd, sizeof cmd, "rm -f %s/*.sec", dir);
		if (system(cmd) != 0)
			die("rm", NULL);
		t0 = now_ns();
		if (ld_section_open(argv[2], &sec, &err) < 0)
			die(argv[2], &err);
		t[r] = (now_ns() - t0) / 1e6;
		ld_section_close(sec);
	}
	create_ms = median(t, 5);
	for (int r = 0; r < 21; r++) {
		double t0 = now_ns();

		if (ld_section_open(argv[2], &sec, &err) < 0 ||
		    ld_view_map(sec, "libstdc++-6.dll", &v, &err) < 0)
			die(argv[2], &err);
		t[r] = (now_ns() - t0) / 1e3;
		ld_view_unmap(v);
		ld_section_close(sec);
	}
	map_us = median(t, 21);

	out = fopen(argv[3], "w");
	for (int pass = 0; pass < 2; pass++) {
		FILE *f = pass ? out : stdout;

		if (!f)
			continue;
		fprintf(f, "first write to a copy-on-write page (%zu pages x %d "
		        "repetitions, pages resident and mapped)\n", npages, reps);
		fprintf(f, "  dllshare (fault handler + mprotect + kernel copy): "
		        "median %.0f ns, p10 %.0f, p90 %.0f\n", mds,
		        pct(ds, n, 0.1), pct(ds, n, 0.9));
		if (duok)
			fprintf(f, "  dllshare DLLSHARE_COW=uffd (WP_ASYNC, the kernel "
			        "resolves): median %.0f ns, p10 %.0f, p90 %.0f; "
			        "%.2fx the kernel's (target <= 2.0x: %s)\n", mdu,
			        pct(du, n, 0.1), pct(du, n, 0.9), mdu / mkn,
			        mdu / mkn <= 2.0 ? "met" : "NOT met");
		else
			fprintf(f, "  dllshare DLLSHARE_COW=uffd: userfaultfd "
			        "unavailable, fell back to the fault handler: "
			        "median %.0f ns\n", mdu);
		fprintf(f, "  kernel MAP_PRIVATE copy-on-write:                  "
		        "median %.0f ns, p10 %.0f, p90 %.0f\n", mkn,
		        pct(kn, n, 0.1), pct(kn, n, 0.9));
		fprintf(f, "  bare handler (only mprotect; the floor of any "
		        "signal-based scheme): median %.0f ns\n", mbs);
		fprintf(f, "  bare handler + MADV_POPULATE_WRITE (no second "
		        "fault):   median %.0f ns\n", mps);
		fprintf(f, "  parts alone: signal round trip %.0f ns, mprotect of "
		        "one page (splits the mapping) %.0f ns\n", msg, mmp);
		fprintf(f, "  ratio of medians dllshare/kernel: %.2fx (target "
		        "<= 2.0x: %s); floor/kernel: %.2fx\n", mds / mkn,
		        mds / mkn <= 2.0 ? "met" : "NOT met", mbs / mkn);
		fprintf(f, "userfaultfd write protection (prototype beside "
		        "dllshare's DLLSHARE_COW=uffd): the same range mapped\n  MAP_PRIVATE read/write, "
		        "pages resident (unless said), registered (WP) and\n"
		        "  write-protected; user-mode-only userfaultfd, as an "
		        "unprivileged process gets\n");
		for (int a = 0; a < 3; a++) {
			if (!uok[a]) {
				fprintf(f, "  %s: skipped: %s\n", um[a].name, uwhy[a]);
				continue;
			}
			fprintf(f, "  %s: median %.0f ns, p10 %.0f, p90 %.0f; "
			        "%.2fx the kernel's\n", um[a].name, muw[a],
			        pct(uw[a], n, 0.1), pct(uw[a], n, 0.9), muw[a] / mkn);
			fprintf(f, "    register+protect %.0f ns/page", usetup[a]);
			if (um[a].async)
				fprintf(f, "; PAGEMAP_SCAN of the %zu written pages "
				        "%.1f us", npages, uscan[a] / 1e3);
			fprintf(f, "\n");
		}
		if (upm >= 0)
			fprintf(f, "  without userfaultfd: plain MAP_PRIVATE read/write "
			        "(the kernel's row), then\n    /proc/self/pagemap "
			        "read for the %zu pages (bit 61 clear = private): "
			        "%.1f us\n", npages, upm / 1e3);
		else
			fprintf(f, "  without userfaultfd: pagemap did not show every "
			        "written page private\n");
		fprintf(f, "  checks (every 3rd page written: those pages private by "
		        "pagemap, the rest the section's\n    frames, file unchanged, "
		        "range still one mapping; async: PAGEMAP_SCAN names exactly\n"
		        "    the written pages, read(2) into a protected page works; "
		        "sync: it gets EFAULT):\n    WP_ASYNC %s, sync WP %s\n",
		        uchk[0] ? (ucf[0] ? "FAILED" : "ok") : "not run",
		        uchk[1] ? (ucf[1] ? "FAILED" : "ok") : "not run");
		fprintf(f, "section of %s\n", argv[2]);
		fprintf(f, "  create (read, lay out, publish): median %.2f ms of 5\n",
		        create_ms);
		fprintf(f, "  open existing + map a view:      median %.1f us of 21\n",
		        map_us);
	}
	if (out)
		fclose(out);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	/* The bench itself, and each userfaultfd check that ran. */
	printf("%d passed, %d failed\n", 1 + uchk[0] + uchk[1] - ufails, ufails);
	return ufails != 0;
}
