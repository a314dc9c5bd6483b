/*
 * fault_test.c — the fault handler and views inside one process.
 *
 *   fault_test SHR_DLL BIG_DLL KEEP_DLL [ROUNDS]
 *
 * Each case runs in a forked child (a broken handler kills the child,
 * not the test), linked with the loader and runtime/core/fault.c directly.
 * Ends with "N passed, N failed".
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loader/section.h"
#include "runtime/core/fault.h"
#include "tests/section/deny.h"

static const char *shr_dll, *big_dll, *keep_dll;
static long rounds = 100000;
static int passed, failed;

#define FAIL(...)                                                          \
	do {                                                               \
		fprintf(stderr, "  " __VA_ARGS__);                         \
		fprintf(stderr, "\n");                                     \
		return 1;                                                  \
	} while (0)

/* Runs fn in a child; it returns 0 for success. */
static void run(const char *name, int (*fn)(void))
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int rc = fn();

		fflush(stdout);
		_exit(rc);
	}
	waitpid(pid, &st, 0);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		printf("ok  : %s\n", name);
		passed++;
	} else {
		printf("FAIL: %s (status 0x%x)\n", name, st);
		failed++;
	}
	fflush(stdout);
}

static struct ld_view *map_dll(const char *path, struct ld_section **secp)
{
	struct ld_section *sec;
	struct ld_view *v;
	struct ld_error err;

	if (rt_fault_init() < 0 || ld_section_open(path, &sec, &err) < 0 ||
	    ld_view_map(sec, strrchr(path, '/') ? strrchr(path, '/') + 1 : path,
	                &v, &err) < 0) {
		fprintf(stderr, "  map %s: %s\n", path, err.msg);
		exit(1);
	}
	if (secp)
		*secp = sec;
	return v;
}

static const struct pe_section *find(struct ld_view *v, const char *name)
{
	const struct pe_image *img = ld_section_pe(ld_view_section(v));

	for (uint16_t i = 0; i < img->nsections; i++)
		if (!strcmp(img->sections[i].name, name))
			return &img->sections[i];
	fprintf(stderr, "  no section %s\n", name);
	exit(1);
}

/* ---- 8 writers on one fresh COW page, readers on its neighbours ---- */

#define WRITERS 8
#define READERS 2

static pthread_barrier_t start, stop;
static volatile uint8_t *page; /* .cow+0x5000: pattern 0xa5 around it */
static _Atomic int bad;

static void *writer(void *arg)
{
	long id = (long)arg;

	rt_fault_thread_init();
	for (long r = 0; r < rounds; r++) {
		pthread_barrier_wait(&start);
		page[64 * id] = (uint8_t)(r + id + 1);
		if (page[64 * id] != (uint8_t)(r + id + 1) ||
		    page[64 * id + 1] != 0xa5)
			bad++;
		pthread_barrier_wait(&stop);
	}
	return NULL;
}

static void *reader(void *arg)
{
	long id = (long)arg;

	rt_fault_thread_init();
	for (long r = 0; r < rounds; r++) {
		pthread_barrier_wait(&start);
		/* Neighbouring pages and untouched bytes of the page itself
		 * never change while the page is privatized. */
		for (int k = 0; k < 64; k++)
			if (page[-4096 + 61 * k] != 0xa5 ||
			    page[4096 + 59 * k] != 0xa5 ||
			    page[64 * k + 32 + id] != 0xa5)
				bad++;
		pthread_barrier_wait(&stop);
	}
	return NULL;
}

/* Between rounds the main thread gives the page back: it maps the
 * section file's page again (shared, read-only) and clears its state, so
 * the next round faults on a fresh copy-on-write page. */
/* Gives page back its file's bytes; fd: the section file of the view it
 * is in.  (Not its section's fd at that moment: another thread's view of
 * the same section object, with the base taken, makes it the section
 * relocated for the alternative base and closes the first one.) */
static int reshare(int fd, uint32_t rva)
{
	return ld_region_reshare(ld_region_find((uintptr_t)page),
	                         (uintptr_t)page, fd, rva);
}

static int t_threads(void)
{
	struct ld_view *v = map_dll(shr_dll, NULL);
	uint32_t rva = find(v, ".cow")->vaddr + 0x5000;
	pthread_t t[WRITERS + READERS];
	struct ld_region *g;
	long rs = rounds;

	page = ld_view_base(v) + rva;
	pthread_barrier_init(&start, NULL, WRITERS + READERS + 1);
	pthread_barrier_init(&stop, NULL, WRITERS + READERS + 1);
	for (long i = 0; i < WRITERS; i++)
		pthread_create(&t[i], NULL, writer, (void *)i);
	for (long i = 0; i < READERS; i++)
		pthread_create(&t[WRITERS + i], NULL, reader, (void *)i);
	g = ld_region_find((uintptr_t)page);
	for (long r = 0; r < rs; r++) {
		pthread_barrier_wait(&start);
		pthread_barrier_wait(&stop);
		for (int i = 0; i < WRITERS; i++)
			if (page[64 * i] != (uint8_t)(r + i + 1))
				bad++;
		if (g->states[((uintptr_t)page - g->start) / 4096] !=
		    LD_REC_PAGE_WRITE)
			bad++;
		if (r + 1 < rs && reshare(ld_view_section(v)->fd, rva) < 0)
			FAIL("reshare failed");
	}
	for (int i = 0; i < WRITERS + READERS; i++)
		pthread_join(t[i], NULL);
	if (bad)
		FAIL("%d wrong bytes seen", (int)bad);
	/* However many threads faulted on it, each round privatized the page
	 * once: one event, one private page. */
	if (ld_record()->events_total != (uint64_t)rs ||
	    ld_record()->private_pages[LD_REC_PAGE_WRITE] != (uint64_t)rs)
		FAIL("%llu events for %ld rounds",
		     (unsigned long long)ld_record()->events_total, rs);
	printf("  %ld rounds, %d writers, %d readers, %llu write faults, "
	       "%llu privatizations\n", rs, WRITERS, READERS,
	       (unsigned long long)ld_record()->write_faults,
	       (unsigned long long)ld_record()->events_total);
	return 0;
}

/* ---- read() into an untouched COW page ---- */

static int t_read_into(void)
{
	struct ld_view *v = map_dll(shr_dll, NULL);
	uint8_t *bss = ld_view_base(v) + find(v, ".bss")->vaddr;
	uint8_t *cow = ld_view_base(v) + find(v, ".cow")->vaddr + 0x1000;
	struct ld_region *g = ld_region_find((uintptr_t)cow);
	int fds[2];

	if (pipe(fds) < 0 || write(fds[1], "0123456789", 10) != 10)
		FAIL("pipe");
	/* Without preparation the kernel refuses to write a read-only
	 * page: this is why the runtime must prepare. */
	if (read(fds[0], cow, 10) != -1 || errno != EFAULT)
		FAIL("read() into an unprepared COW page did not fail with EFAULT");
	if (rt_fault_prepare_write(cow, 10) < 0 || read(fds[0], cow, 10) != 10 ||
	    memcmp(cow, "0123456789", 10))
		FAIL("read() after rt_fault_prepare_write failed: %s",
		     strerror(errno));
	if (g->states[((uintptr_t)cow - g->start) / 4096] != LD_REC_PAGE_SYSCALL)
		FAIL("page state is not 'syscall'");
	/* A range across two pages, one of them in .bss (no file bytes). */
	if (write(fds[1], "abcdefgh", 8) != 8 ||
	    rt_fault_prepare_write(bss + 4092, 8) < 0 ||
	    read(fds[0], bss + 4092, 8) != 8 || memcmp(bss + 4092, "abcdefgh", 8))
		FAIL("read() across two .bss pages failed");
	return 0;
}

/* ---- 1 GiB writable section, every other page written ---- */

static int count_maps(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	int n = 0, c;

	while (f && (c = fgetc(f)) != EOF)
		n += c == '\n';
	if (f)
		fclose(f);
	return n;
}

static int t_big(void)
{
	struct ld_view *v = map_dll(big_dll, NULL);
	const struct pe_section *s = find(v, ".bss");
	volatile uint8_t *p = ld_view_base(v) + s->vaddr;
	size_t pages = s->vsize / 4096, n = 0;
	struct ld_region *g = ld_region_find((uintptr_t)p);

	for (size_t i = 0; i < pages; i += 2, n++)
		p[i * 4096 + (i & 4095)] = (uint8_t)(i | 1);
	for (size_t i = 0; i < pages; i++)
		if (p[i * 4096 + (i & 4095)] != (i & 1 ? 0 : (uint8_t)(i | 1)))
			FAIL("page %zu holds a wrong byte", i);
	if (!(g->rsec->flags & LD_REC_SEC_FRAGMENTED))
		FAIL("section not marked fragmented");
	printf("  %zu of %zu pages written; %llu privatized by the handler, "
	       "then kernel COW; %d mappings in the process\n", n, pages,
	       (unsigned long long)g->rsec->private_pages, count_maps());
	if (count_maps() > 30000)
		FAIL("too many mappings");
	return 0;
}

/* ---- a fault outside our images reaches the previous handler ---- */

static sigjmp_buf jb;
static volatile int prev_called;

static void prev_handler(int sig, siginfo_t *si, void *ctx)
{
	prev_called = 1;
	siglongjmp(jb, 1);
}

static int t_chain(void)
{
	struct sigaction sa = {.sa_sigaction = prev_handler,
	                       .sa_flags = SA_SIGINFO};
	volatile char *hole = mmap(NULL, 4096, PROT_NONE,
	                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	sigaction(SIGSEGV, &sa, NULL);
	map_dll(shr_dll, NULL); /* installs ours on top */
	if (sigsetjmp(jb, 1) == 0)
		hole[0] = 1;
	if (!prev_called)
		FAIL("previous handler not called");
	return 0;
}

/* ---- a second view of the same section is rebased, a third relocated
 * privately ---- */

/* Checks that every DIR64 field of w is v's plus the distance between
 * them, and returns the pages the record says were privatized in w. */
static long check_moved(struct ld_view *v, struct ld_view *w, long *n)
{
	const struct pe_image *img = ld_section_pe(ld_view_section(v));
	uint64_t delta = (uintptr_t)ld_view_base(w) - (uintptr_t)ld_view_base(v);
	struct pe_reloc_iter it;
	struct pe_reloc r;
	struct pe_error pe;
	struct ld_rec_module *m = NULL;
	uint64_t a, b;
	long priv = 0;

	*n = 0;
	pe_reloc_begin(img, &it);
	while (pe_reloc_next(&it, &r, &pe) > 0) {
		if (r.type != PE_REL_DIR64)
			continue;
		memcpy(&a, ld_view_base(v) + r.rva, 8);
		memcpy(&b, ld_view_base(w) + r.rva, 8);
		if (b != a + delta) {
			printf("  RVA 0x%x: 0x%llx is not 0x%llx + delta\n", r.rva,
			       (unsigned long long)b, (unsigned long long)a);
			return -1;
		}
		(*n)++;
	}
	for (uint32_t i = 0; i < ld_record()->nmodules; i++)
		if (ld_record_module_at(i)->base == (uintptr_t)ld_view_base(w))
			m = ld_record_module_at(i);
	if (!m)
		return -1;
	for (uint32_t i = 0; i < m->nsections; i++)
		priv += ld_record_section_at(m->first_section + i)->private_pages;
	return priv;
}

static int t_reloc(void)
{
	struct ld_section *sec, *sec2, *sec3;
	struct ld_view *v = map_dll(shr_dll, &sec), *w, *x;
	struct ld_error err;
	long n = 0, priv;
	uint64_t before = ld_record()->private_pages[LD_REC_PAGE_RELOC];

	/* The preferred base is taken by v: w maps the section relocated
	 * once for the alternative base, and nothing becomes private. */
	if (ld_section_open(shr_dll, &sec2, &err) < 0 ||
	    ld_view_map(sec2, "shr-again.dll", &w, &err) < 0)
		FAIL("second view: %s", err.msg);
	if (!ld_view_rebased(w) || ld_view_relocated(w) ||
	    (uintptr_t)ld_view_base(w) != ld_section_alt_base(sec2) ||
	    sec2->id.base != ld_section_alt_base(sec2))
		FAIL("second view not rebased to the alternative base");
	priv = check_moved(v, w, &n);
	if (priv != 0 || !n ||
	    ld_record()->private_pages[LD_REC_PAGE_RELOC] != before)
		FAIL("rebased view: %ld pages private, %ld entries", priv, n);
	printf("  rebased: %ld DIR64 relocations checked, no page private, "
	       "base 0x%llx\n", n, (unsigned long long)(uintptr_t)ld_view_base(w));
	/* Both bases taken: x is relocated privately. */
	if (ld_section_open(shr_dll, &sec3, &err) < 0 ||
	    ld_view_map(sec3, "shr-third.dll", &x, &err) < 0)
		FAIL("third view: %s", err.msg);
	if (!ld_view_relocated(x) || ld_view_rebased(x) ||
	    ld_view_base(x) == ld_view_base(v) || ld_view_base(x) == ld_view_base(w))
		FAIL("third view not relocated privately");
	priv = check_moved(v, x, &n);
	if (priv <= 0 || !n ||
	    ld_record()->private_pages[LD_REC_PAGE_RELOC] == before)
		FAIL("no relocation recorded (%ld entries, %ld pages)", n, priv);
	printf("  private: %ld DIR64 relocations checked, %ld pages private "
	       "(relocation), base 0x%llx\n", n, priv,
	       (unsigned long long)(uintptr_t)ld_view_base(x));
	/* A section kept after its rebased view is gone (as module.c's
	 * standby list keeps it) goes back to the preferred base once that
	 * is free again. */
	ld_view_unmap(x);
	ld_section_close(sec3);
	ld_view_unmap(w);
	ld_view_unmap(v);
	ld_section_close(sec);
	if (ld_view_map(sec2, "shr-back.dll", &w, &err) < 0)
		FAIL("view again: %s", err.msg);
	if (ld_view_rebased(w) || ld_view_relocated(w) ||
	    sec2->id.base != sec2->pref_base ||
	    (uintptr_t)ld_view_base(w) != sec2->pref_base)
		FAIL("kept section not back at its preferred base (0x%llx)",
		     (unsigned long long)(uintptr_t)ld_view_base(w));
	ld_view_unmap(w);
	ld_section_close(sec2);
	return 0;
}

/* ---- loads and unloads on one thread while another faults ---- */

static _Atomic int stop_loader;

static void *loader_thread(void *arg)
{
	for (int i = 0; i < 200 && !stop_loader; i++) {
		struct ld_section *s;
		struct ld_view *w;
		struct ld_error err;

		if (ld_section_open(shr_dll, &s, &err) < 0 ||
		    ld_view_map(s, "churn.dll", &w, &err) < 0) {
			bad++;
			break;
		}
		ld_view_unmap(w);
		ld_section_close(s);
	}
	return NULL;
}

static int t_churn(void)
{
	struct ld_view *v = map_dll(shr_dll, NULL);
	uint8_t *bss = ld_view_base(v) + find(v, ".bss")->vaddr;
	uint8_t *cow = ld_view_base(v) + find(v, ".cow")->vaddr;
	pthread_t t;

	pthread_create(&t, NULL, loader_thread, NULL);
	for (int i = 0; i < 7; i++)
		cow[i * 4096 + 7] = 0x42;
	for (int i = 0; i < 2; i++)
		bss[i * 4096] = 0x43;
	pthread_join(t, NULL);
	if (bad)
		FAIL("a load failed while faulting");
	for (int i = 0; i < 7; i++)
		if (cow[i * 4096 + 7] != 0x42)
			FAIL("write lost");
	return 0;
}

/* ---- many loads and unloads while another thread takes real faults ---- */

#define CHURN_ROUNDS 600

static _Atomic int churn_done;
static size_t heap_before, heap_contended;

static void *churn_thread(void *arg)
{
	struct ld_section *s = arg;

	for (int i = 0; i < CHURN_ROUNDS; i++) {
		struct ld_view *w;
		struct ld_error err;

		/* The first rounds warm the heap up (record entries, the
		 * section's cache). */
		if (i == 100)
			heap_before = mallinfo2().uordblks;
		if (ld_view_map(s, "churn.dll", &w, &err) < 0) {
			bad++;
			break;
		}
		ld_view_unmap(w);
	}
	heap_contended = mallinfo2().uordblks;
	churn_done = 1;
	return NULL;
}

/* The fault handler looks regions up while views come and go: each of
 * its faults resolves on the right page, and the regions and tables the
 * unloads replace are freed (before, each round kept two tables and
 * every region of the view: 1.7 MB over 500 rounds).  What a writer
 * could not free because the handler was in the table that moment goes
 * at the next quiet load: the heap is flat after it. */
static int t_churn_faults(void)
{
	struct ld_section *sec;
	struct ld_view *v = map_dll(shr_dll, &sec);
	uint32_t rva = find(v, ".cow")->vaddr + 0x5000;
	struct ld_region *g;
	struct ld_view *w;
	struct ld_error err;
	pthread_t t;
	long n = 0, grew;
	int fd = dup(sec->fd), rc;

	page = ld_view_base(v) + rva;
	g = ld_region_find((uintptr_t)page);
	pthread_create(&t, NULL, churn_thread, sec);
	for (; !churn_done || n < 100; n++) {
		page[n % 4096] = (uint8_t)n;
		if (page[n % 4096] != (uint8_t)n ||
		    g->states[((uintptr_t)page - g->start) / 4096] !=
		            LD_REC_PAGE_WRITE)
			bad++;
		if ((rc = reshare(fd, rva)) < 0)
			FAIL("reshare failed: %s", strerror(-rc));
		if (page[n % 4096] != 0xa5)
			FAIL("reshare did not give the file's page back");
	}
	pthread_join(t, NULL);
	if (bad)
		FAIL("%d wrong pages or failed loads", (int)bad);
	if (ld_view_map(sec, "churn.dll", &w, &err) < 0)
		FAIL("map: %s", err.msg);
	ld_view_unmap(w);
	grew = (long)(mallinfo2().uordblks - heap_before);
	printf("  %d loads and unloads, %ld faults resolved meanwhile; heap "
	       "over the last %d: %+ld bytes, %+ld after one quiet load\n",
	       CHURN_ROUNDS, n, CHURN_ROUNDS - 100,
	       (long)(heap_contended - heap_before), grew);
	if (grew > 16384)
		FAIL("the heap grew %ld bytes", grew);
	return 0;
}

/* ---- DLLSHARE_COW=uffd: the kernel resolves first writes ---- */

/* This process's pagemap entry for addr. */
static uint64_t pm_self(const void *addr)
{
	int fd = open("/proc/self/pagemap", O_RDONLY);
	uint64_t e = 0;

	if (fd >= 0 && pread(fd, &e, 8, (off_t)((uintptr_t)addr / 4096 * 8)) != 8)
		e = 0;
	if (fd >= 0)
		close(fd);
	return e;
}

#define PM_PRESENT_BIT (1ull << 63)
#define PM_FILE_BIT (1ull << 61) /* the file's page, not a private copy */

/* Mappings of /proc/self/maps that overlap [a, b). */
static int maps_in(uintptr_t a, uintptr_t b)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long lo, hi;
	char line[512];
	int n = 0;

	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && lo < b && hi > a)
			n++;
	if (f)
		fclose(f);
	return n;
}

/* Skips the case (passes, says why) when the kernel cannot. */
static int uffd_unavailable(struct ld_region *g)
{
	if (g && g->rsec && (g->rsec->flags & LD_REC_SEC_UFFD))
		return 0;
	printf("  note: userfaultfd WP_ASYNC unavailable here; the fallback "
	       "is the fault handler\n");
	return 1;
}

static int t_uffd(void)
{
	struct ld_section *sec;
	struct ld_view *v;
	const struct pe_section *s;
	uint8_t *cow, before[7 * 4096], file[7 * 4096];
	struct ld_region *g;
	int fds[2];

	setenv("DLLSHARE_COW", "uffd", 1);
	v = map_dll(shr_dll, &sec);
	s = find(v, ".cow");
	cow = ld_view_base(v) + s->vaddr;
	g = ld_region_find((uintptr_t)cow);
	if (uffd_unavailable(g))
		return 0;
	memcpy(before, cow, sizeof before); /* every page in, shared */
	for (int i = 0; i < 7; i++)
		if (!(pm_self(cow + i * 4096) & PM_FILE_BIT))
			FAIL(".cow page %d private before any write", i);
	cow[0x10] = 'X';
	cow[3 * 4096 + 5] = 'Y';
	for (int i = 0; i < 7; i++) {
		uint64_t e = pm_self(cow + i * 4096);
		int priv = (e & PM_PRESENT_BIT) && !(e & PM_FILE_BIT);

		if (priv != (i == 0 || i == 3))
			FAIL(".cow page %d: pagemap 0x%016llx (%s expected)", i,
			     (unsigned long long)e, i == 0 || i == 3 ? "private"
			                                           : "the file's");
	}
	if (cow[0x10] != 'X' || cow[3 * 4096 + 5] != 'Y' ||
	    memcmp(cow + 0x11, before + 0x11, 4096 - 0x11) ||
	    memcmp(cow + 4096, before + 4096, 2 * 4096))
		FAIL("bytes wrong after the writes");
	/* read() into an untouched page: no rt_fault_prepare_write. */
	if (pipe(fds) < 0 || write(fds[1], "0123456789", 10) != 10 ||
	    read(fds[0], cow + 5 * 4096 + 8, 10) != 10 ||
	    memcmp(cow + 5 * 4096 + 8, "0123456789", 10))
		FAIL("read() into an untouched COW page: %s", strerror(errno));
	if (pm_self(cow + 5 * 4096) & PM_FILE_BIT)
		FAIL("the page read() wrote is not private");
	if (pread(sec->fd, file, sizeof file, s->vaddr) != sizeof file ||
	    memcmp(file, before, sizeof file))
		FAIL("the section file changed");
	if (ld_record()->write_faults || g->rsec->private_pages)
		FAIL("the fault handler saw %llu write faults, the record "
		     "%llu private pages (the kernel should resolve them)",
		     (unsigned long long)ld_record()->write_faults,
		     (unsigned long long)g->rsec->private_pages);
	return 0;
}

/* Scattered writes over 64 MiB of big.dll's .bss: one mapping still. */
static int t_uffd_scatter(void)
{
	struct ld_view *v;
	const struct pe_section *s;
	volatile uint8_t *p;
	struct ld_region *g;
	size_t pages = 16384, n = 0;

	setenv("DLLSHARE_COW", "uffd", 1);
	v = map_dll(big_dll, NULL);
	s = find(v, ".bss");
	p = ld_view_base(v) + s->vaddr;
	g = ld_region_find((uintptr_t)p);
	if (uffd_unavailable(g))
		return 0;
	for (size_t i = 0; i < pages; i += 3, n++)
		p[i * 4096 + (i & 4095)] = (uint8_t)(i | 1);
	for (size_t i = 0; i < pages; i++) {
		uint64_t e = pm_self((const void *)(p + i * 4096));
		int priv = (e & PM_PRESENT_BIT) && !(e & PM_FILE_BIT);

		if (p[i * 4096 + (i & 4095)] != (i % 3 ? 0 : (uint8_t)(i | 1)))
			FAIL("page %zu holds a wrong byte", i);
		if (priv != !(i % 3))
			FAIL("page %zu: pagemap 0x%016llx", i,
			     (unsigned long long)e);
	}
	printf("  %zu of %zu pages written, %d mapping(s) for .bss\n", n,
	       pages, maps_in(g->start, g->end));
	if (maps_in(g->start, g->end) != 1)
		FAIL(".bss is split into %d mappings", maps_in(g->start, g->end));
	return 0;
}

/* A page made read-only (as VirtualProtect does) under uffd: a write is
 * an access violation (exit status 0xC0000005 & 0xff), not a loop. */
static int t_uffd_readonly(void)
{
	struct ld_view *v;
	volatile uint8_t *cow;
	pid_t pid;
	int st;

	setenv("DLLSHARE_COW", "uffd", 1);
	v = map_dll(shr_dll, NULL);
	cow = ld_view_base(v) + find(v, ".cow")->vaddr;
	if (uffd_unavailable(ld_region_find((uintptr_t)cow)))
		return 0;
	cow[0] = 1; /* private, then read-only */
	if (mprotect((void *)cow, 4096, PROT_READ) < 0 ||
	    mprotect((void *)(cow + 4096), 4096, PROT_READ) < 0)
		FAIL("mprotect: %s", strerror(errno));
	for (int i = 0; i < 2; i++) {
		fflush(stdout);
		if ((pid = fork()) == 0) {
			alarm(20); /* a fault loop ends as SIGALRM */
			close(2); /* the report is expected */
			cow[i * 4096 + 8] = 2;
			_exit(0);
		}
		waitpid(pid, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 5)
			FAIL("write to read-only %s page: status 0x%x, not an "
			     "access violation", i ? "untouched" : "private", st);
	}
	return 0;
}

/* ---- the loader's forced writes (ld_view_write) ---- */

/* The protection letters ("r--p") of the mapping that holds addr. */
static void perms_at(const void *addr, char out[5])
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long lo, hi;
	char line[512], pr[5];

	strcpy(out, "????");
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, pr) == 3 &&
		    lo <= (uintptr_t)addr && (uintptr_t)addr < hi)
			strcpy(out, pr);
	if (f)
		fclose(f);
}

static int is_private(const void *addr)
{
	uint64_t e = pm_self(addr);

	return (e & PM_PRESENT_BIT) && !(e & PM_FILE_BIT);
}

/* Writes 8 bytes at rva by ld_view_write and checks what every forced
 * write must give: the bytes, a private page, the section file as it
 * was, the page's state.  want_perms: the mapping's protection after. */
static int forced(struct ld_view *v, struct ld_section *sec, uint32_t rva,
                  const char *want_perms)
{
	uint8_t *p = ld_view_base(v) + rva, file[8], orig[8];
	uint64_t slot = 0x1122334455667788ull;
	struct ld_region *g = ld_region_find((uintptr_t)p);
	struct ld_error err;
	char pr[5];

	memcpy(orig, p, 8);
	if (is_private(p))
		FAIL("RVA 0x%x private before the write", rva);
	if (ld_view_write(v, rva, &slot, 8, LD_REASON_BIND, &err) < 0)
		FAIL("ld_view_write: %s", err.msg);
	if (memcmp(p, &slot, 8))
		FAIL("RVA 0x%x: the bytes are not there", rva);
	if (!is_private(p))
		FAIL("RVA 0x%x: still the section file's page (pagemap 0x%llx)",
		     rva, (unsigned long long)pm_self(p));
	perms_at(p, pr);
	if (strcmp(pr, want_perms))
		FAIL("RVA 0x%x: mapping %s, want %s", rva, pr, want_perms);
	if (pread(sec->fd, file, 8, rva) != 8 || memcmp(file, orig, 8))
		FAIL("RVA 0x%x: the section file changed", rva);
	if (!g || g->states[(rva - g->rva) / 4096] != LD_REC_PAGE_BIND)
		FAIL("RVA 0x%x: page state is not 'import binding'", rva);
	return 0;
}

static int t_forced_write(void)
{
	struct ld_section *sec;
	struct ld_view *v = map_dll(shr_dll, &sec);
	uint8_t *base = ld_view_base(v);
	uint32_t cow = find(v, ".cow")->vaddr, ro = find(v, ".rdata")->vaddr;
	int maps = maps_in((uintptr_t)base, (uintptr_t)base + ld_view_size(v));
	struct ld_region *g = ld_region_find((uintptr_t)base + cow);
	int fds[2];

	/* Copy-on-write and read-only pages alike stay read-only, in the
	 * mapping they were in: no mprotect, no split. */
	if (forced(v, sec, cow + 0x1008, "r--p") ||
	    forced(v, sec, cow + 0x2010, "r--p") || forced(v, sec, ro + 8, "r--p"))
		return 1;
	/* One write across two pages: both private, still read-only. */
	{
		uint64_t two = 0x0102030405060708ull;
		struct ld_error err;
		char pr[5];

		if (ld_view_write(v, cow + 0x3ffc, &two, 8, LD_REASON_BIND, &err) < 0)
			FAIL("ld_view_write across pages: %s", err.msg);
		if (memcmp(base + cow + 0x3ffc, &two, 8) ||
		    !is_private(base + cow + 0x3000) ||
		    !is_private(base + cow + 0x4000))
			FAIL("a write across two pages: bytes or privacy wrong");
		perms_at(base + cow + 0x4000, pr);
		if (strcmp(pr, "r--p"))
			FAIL("a write across two pages left the mapping %s", pr);
	}
	if (maps_in((uintptr_t)base, (uintptr_t)base + ld_view_size(v)) != maps)
		FAIL("forced writes split the view's mappings (%d -> %d)", maps,
		     maps_in((uintptr_t)base, (uintptr_t)base + ld_view_size(v)));
	if (g->rsec->private_pages != 4)
		FAIL(".cow: %llu private pages recorded, want 4",
		     (unsigned long long)g->rsec->private_pages);
	/* The program may still write such a copy-on-write page (the fault
	 * handler makes it writable; it is private already)... */
	base[cow + 0x1100] = 'W';
	if (base[cow + 0x1100] != 'W' || !ld_record()->write_faults)
		FAIL("a program write to a forced-written page did not go "
		     "through the handler");
	/* ... and the kernel write into one, once prepared. */
	if (pipe(fds) < 0 || write(fds[1], "0123456789", 10) != 10 ||
	    rt_fault_prepare_write(base + cow + 0x2100, 10) < 0 ||
	    read(fds[0], base + cow + 0x2100, 10) != 10 ||
	    memcmp(base + cow + 0x2100, "0123456789", 10))
		FAIL("read() into a forced-written page: %s", strerror(errno));
	/* A read-only page stays read-only: a program write is a violation. */
	if (ld_fault_resolve(base + ro + 8, LD_ACCESS_WRITE, NULL) !=
	    LD_FAULT_VIOLATION)
		FAIL("a write to forced-written .rdata would not be a violation");
	return 0;
}

/* A fork child writes its own memory, not its parent's: /proc/self/mem
 * opened before the fork names the parent. */
static int t_forced_fork(void)
{
	struct ld_section *sec;
	struct ld_view *v = map_dll(shr_dll, &sec);
	uint32_t cow = find(v, ".cow")->vaddr;
	uint8_t *mine = ld_view_base(v) + cow + 0x3000;
	uint64_t one = 1, child_val = 0x4242424242424242ull;
	struct ld_error err;
	int go[2], done[2], st;
	pid_t pid;
	char c;

	if (ld_view_write(v, cow + 0x1000, &one, 8, LD_REASON_BIND, &err) < 0)
		FAIL("ld_view_write: %s", err.msg); /* opens /proc/self/mem */
	if (pipe(go) < 0 || pipe(done) < 0)
		FAIL("pipe");
	pid = fork();
	if (pid == 0) {
		if (read(go[0], &c, 1) != 1 ||
		    ld_view_write(v, cow + 0x3000, &child_val, 8, LD_REASON_BIND,
		                  &err) < 0 ||
		    memcmp(mine, &child_val, 8))
			_exit(1);
		_exit(write(done[1], "x", 1) == 1 ? 0 : 1);
	}
	if (write(go[1], "x", 1) != 1 || read(done[0], &c, 1) != 1)
		FAIL("the child did not write");
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		FAIL("child: status 0x%x", st);
	if (!memcmp(mine, &child_val, 8))
		FAIL("the child's forced write landed in the parent");
	return 0;
}

/* Where /proc/self/mem cannot be opened (here: no descriptor left), the
 * loader makes the page writable instead, and the write still lands. */
static int t_forced_fallback(void)
{
	struct ld_section *sec;
	struct ld_view *v = map_dll(shr_dll, &sec);
	uint32_t cow = find(v, ".cow")->vaddr;
	struct rlimit rl, low;
	uint64_t x = 7;
	struct ld_error err;

	/* The first forced write opens /proc/self/mem: let it fail, then
	 * give the test its descriptors back.  The loader does not try
	 * again: the second write is made the same way. */
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		FAIL("getrlimit: %s", strerror(errno));
	low = (struct rlimit){3, rl.rlim_max};
	if (setrlimit(RLIMIT_NOFILE, &low) < 0)
		FAIL("setrlimit: %s", strerror(errno));
	if (ld_view_write(v, cow + 0x3008, &x, 8, LD_REASON_BIND, &err) < 0)
		FAIL("ld_view_write without /proc/self/mem: %s", err.msg);
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
		FAIL("setrlimit: %s", strerror(errno));
	if (ld_view_base(v)[cow + 0x3008] != 7)
		FAIL("the first write did not land");
	return forced(v, sec, cow + 0x1008, "rw-p");
}

/* A kernel that refuses forced writes (proc_mem.force_override=never:
 * the write fails with EIO): here every pwrite fails so, through a
 * seccomp filter.  The loader makes the page writable instead. */
static int t_forced_refused(void)
{
	struct ld_section *sec;
	struct ld_view *v = map_dll(shr_dll, &sec);
	uint32_t cow = find(v, ".cow")->vaddr;

	if (deny_syscall(SYS_pwrite64, EIO) < 0)
		FAIL("seccomp: %s", strerror(errno));
	return forced(v, sec, cow + 0x1008, "rw-p") ||
	       forced(v, sec, cow + 0x2008, "rw-p");
}

static int t_cow_env(void)
{
	struct ld_section *sec;
	struct ld_view *v;
	struct ld_error err;

	if (ld_section_open(shr_dll, &sec, &err) < 0)
		FAIL("open: %s", err.msg);
	setenv("DLLSHARE_COW", "kernel", 1);
	if (ld_view_map(sec, "shr.dll", &v, &err) == 0)
		FAIL("DLLSHARE_COW=kernel accepted");
	printf("  %s\n", err.msg);
	if (!strstr(err.msg, "DLLSHARE_COW") || !strstr(err.msg, "uffd") ||
	    !strstr(err.msg, "signal"))
		FAIL("the error does not name the variable and its values");
	setenv("DLLSHARE_COW", "signal", 1);
	if (ld_view_map(sec, "shr.dll", &v, &err) < 0)
		FAIL("DLLSHARE_COW=signal refused: %s", err.msg);
	return 0;
}

/* ---- kept views (loader/kept.c) ---- */

#define PM_PFN(e) ((e) & ((1ull << 55) - 1))

static int t_kept(void)
{
	struct ld_section *sec;
	struct ld_view *v = map_dll(keep_dll, &sec), *w;
	uint8_t *base = ld_view_base(v);
	uint32_t size = ld_view_size(v);
	uint32_t cow = find(v, ".cow")->vaddr, ro = find(v, ".rdata")->vaddr;
	uint64_t slot = 0x1122334455667788ull, other = 0x99, ro_pfn;
	uint64_t faults = ld_record()->write_faults;
	struct ld_region *g;
	struct ld_error err;
	char pr[5];

	base[cow + 5] = 'X'; /* the program writes .cow's first page */
	if (ld_view_write(v, cow + 0x1008, &slot, 8, LD_REASON_BIND, &err) < 0)
		FAIL("ld_view_write: %s", err.msg);
	ro_pfn = PM_PFN(pm_self(base + ro)); /* 0 unless root */
	ld_view_unmap(v);
	/* Kept: all of it inaccessible, outside the region table, free to
	 * VirtualQuery; the written page back to the file's, the bound page
	 * still private. */
	perms_at(base + cow, pr);
	if (strcmp(pr, "---p") || maps_in((uintptr_t)base, (uintptr_t)base + size) < 1)
		FAIL("kept view: .cow mapped %s", pr);
	perms_at(base + 0x1000, pr);
	if (strcmp(pr, "---p"))
		FAIL("kept view: .text mapped %s", pr);
	if (ld_region_find((uintptr_t)base + cow) || ld_view_at(base))
		FAIL("kept view: still in the region table");
	if (!ld_view_kept_at((uintptr_t)base, (uintptr_t)base + size) ||
	    ld_view_kept_at((uintptr_t)base, (uintptr_t)base + size + 0x100000))
		FAIL("ld_view_kept_at is wrong about the kept view");
	if (is_private(base + cow))
		FAIL("kept view: the page the program wrote is still private");
	if (!is_private(base + cow + 0x1000))
		FAIL("kept view: the page binding wrote is no longer private");
	/* Taken again: same base, the file's data, the bound bytes, their
	 * state; unwritten pages the same frames. */
	if (ld_view_map(sec, "keep.dll", &w, &err) < 0)
		FAIL("map again: %s", err.msg);
	if (ld_view_base(w) != base)
		FAIL("map again: at %p, not %p", (void *)ld_view_base(w), (void *)base);
	if (ld_view_kept_at((uintptr_t)base, (uintptr_t)base + size))
		FAIL("map again: still listed as kept");
	perms_at(base + 0x1000, pr);
	if (strcmp(pr, "r-xp"))
		FAIL("map again: .text mapped %s", pr);
	if (memcmp(base + cow, "copy-on-write bytes", 20))
		FAIL("map again: .cow+0 is not the file's");
	if (memcmp(base + cow + 0x1008, &slot, 8))
		FAIL("map again: the bound bytes are gone");
	g = ld_region_find((uintptr_t)base + cow);
	if (!g || g->states[1] != LD_REC_PAGE_BIND || g->states[0] ||
	    atomic_load(ld_page_flags(g, (uintptr_t)base + cow + 0x1000)) !=
	            LD_PF_RO_PRIVATE)
		FAIL("map again: page states %d %d", g ? g->states[0] : -1,
		     g ? g->states[1] : -1);
	if (ro_pfn && PM_PFN(pm_self(base + ro)) != ro_pfn)
		FAIL("map again: .rdata is another frame");
	/* Binding the same bytes writes nothing; other bytes are written. */
	if (ld_view_write(w, cow + 0x1008, &slot, 8, LD_REASON_BIND, &err) != 1)
		FAIL("the same bytes again: not skipped");
	if (ld_view_write(w, cow + 0x1008, &other, 8, LD_REASON_BIND, &err) != 0 ||
	    memcmp(base + cow + 0x1008, &other, 8))
		FAIL("other bytes: not written");
	/* The program's first write goes through the handler again. */
	base[cow + 6] = 'Y';
	if (ld_record()->write_faults != faults + 2 || g->states[0] != LD_REC_PAGE_WRITE)
		FAIL("the first write after taking the view was not handled "
		     "(%llu faults)", (unsigned long long)(ld_record()->write_faults - faults));
	/* Released for an address inside it: nothing left mapped. */
	ld_view_unmap(w);
	if (ld_view_kept_release((uintptr_t)base + cow, 1) != 1 ||
	    maps_in((uintptr_t)base, (uintptr_t)base + size))
		FAIL("release: still mapped");
	/* Mapped anew, kept, then closed with its section. */
	if (ld_view_map(sec, "keep.dll", &w, &err) < 0 || ld_view_base(w) != base)
		FAIL("map after release: %s", err.msg);
	if (base[cow] != 'c')
		FAIL("map after release: .cow+0 is not the file's");
	ld_view_unmap(w);
	if (!maps_in((uintptr_t)base, (uintptr_t)base + size))
		FAIL("not kept the second time");
	ld_section_close(sec);
	if (maps_in((uintptr_t)base, (uintptr_t)base + size))
		FAIL("closing the section left the kept view mapped");
	return 0;
}

/* A kept view makes way for a view of its own section that is not
 * mapped whole (userfaultfd, chosen since): that one gets the base.
 * Where the kernel has no WP_ASYNC, "uffd" falls back to the fault
 * handler and the view is taken: the same base. */
static int t_kept_uffd(void)
{
	struct ld_section *sec;
	struct ld_view *v = map_dll(keep_dll, &sec), *w;
	uint8_t *base = ld_view_base(v);
	uint32_t size = ld_view_size(v);
	uintptr_t end = ((uintptr_t)base + size + 0xffff) & ~(uintptr_t)0xffff;
	struct ld_error err;

	ld_view_unmap(v);
	setenv("DLLSHARE_COW", "uffd", 1);
	if (ld_view_map(sec, "keep.dll", &w, &err) < 0)
		FAIL("map under DLLSHARE_COW=uffd: %s", err.msg);
	if (ld_view_base(w) != base || ld_view_rebased(w) || ld_view_relocated(w))
		FAIL("under DLLSHARE_COW=uffd the view went to %p, not to its "
		     "base %p", (void *)ld_view_base(w), (void *)base);
	if (uffd_unavailable(ld_region_find((uintptr_t)base +
	                                    find(w, ".cow")->vaddr)))
		return 0;
	/* Not mapped whole, so not kept: it leaves a guard page in its last
	 * granule.  The next view, kept, takes the guard's place (the list
	 * of kept views would loop on a section linked twice: the alarm
	 * makes that a failure, not a hang). */
	ld_view_unmap(w);
	if (!maps_in((uintptr_t)base + size, end))
		FAIL("no guard page after the uffd view");
	unsetenv("DLLSHARE_COW");
	if (ld_view_map(sec, "keep.dll", &w, &err) < 0 || ld_view_base(w) != base)
		FAIL("map after the uffd view: %s", err.msg);
	ld_view_unmap(w);
	alarm(20);
	if (maps_in((uintptr_t)base + size, end) ||
	    !ld_view_kept_at((uintptr_t)base, (uintptr_t)base + size))
		FAIL("kept view and guard page both there");
	if (ld_view_kept_release((uintptr_t)base, end - (uintptr_t)base) != 1 ||
	    maps_in((uintptr_t)base, end))
		FAIL("releasing the kept view left a mapping");
	return 0;
}

static int t_not_kept(void)
{
	struct ld_section *sec;
	struct ld_view *v = map_dll(shr_dll, &sec);
	uint8_t *base = ld_view_base(v);
	uint32_t size = ld_view_size(v);

	ld_view_unmap(v); /* .shr: unmapped, a guard page at most */
	if (maps_in((uintptr_t)base, (uintptr_t)base + size))
		FAIL("a view with a shared section was kept");
	ld_section_close(sec);
	v = map_dll(keep_dll, &sec);
	base = ld_view_base(v);
	size = ld_view_size(v);
	{
		uint32_t cow = find(v, ".cow")->vaddr;
		struct ld_region *g = ld_region_find((uintptr_t)base + cow);

		atomic_store(&g->fragmented, 1); /* as defragment leaves it */
	}
	ld_view_unmap(v);
	if (maps_in((uintptr_t)base, (uintptr_t)base + size))
		FAIL("a view with a fragmented region was kept");
	return 0;
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/dllshare-fault.XXXXXX";

	if (argc < 4) {
		fprintf(stderr, "usage: fault_test SHR_DLL BIG_DLL KEEP_DLL "
		        "[ROUNDS]\n");
		return 2;
	}
	shr_dll = argv[1];
	big_dll = argv[2];
	keep_dll = argv[3];
	if (argc > 4)
		rounds = atol(argv[4]);
	if (!mkdtemp(dir))
		return 2;
	setenv("DLLSHARE_CACHE", dir, 1);

	run("8 threads write one fresh COW page at once, 2 read around it, "
	    "every round", t_threads);
	run("read() into an untouched COW page works after "
	    "rt_fault_prepare_write (EFAULT without)", t_read_into);
	run("1 GiB writable section, every other page written", t_big);
	run("a fault outside images goes to the previous handler", t_chain);
	run("base taken: second view rebased (shared), third relocated "
	    "privately", t_reloc);
	run("loads and unloads while another thread faults", t_churn);
	run("600 loads and unloads while another thread faults: every fault "
	    "resolves, the heap stays flat", t_churn_faults);
	run("DLLSHARE_COW=uffd: a write privatizes that page only (pagemap), "
	    "read() works unprepared, file unchanged, no fault handled", t_uffd);
	run("DLLSHARE_COW=uffd: scattered writes over 64 MiB leave one "
	    "mapping", t_uffd_scatter);
	run("DLLSHARE_COW=uffd: a write to a page made read-only is an access "
	    "violation", t_uffd_readonly);
	run("DLLSHARE_COW=kernel is refused, naming the accepted values",
	    t_cow_env);
	run("the loader's forced writes: private pages, mappings unsplit and "
	    "read-only, file unchanged; program and read() writes still work, "
	    ".rdata still a violation", t_forced_write);
	run("a fork child's forced write lands in the child only",
	    t_forced_fork);
	run("no /proc/self/mem: the page is made writable instead",
	    t_forced_fallback);
	run("forced writes refused by the kernel (EIO): the page is made "
	    "writable instead", t_forced_refused);
	run("a view kept after unmapping: inaccessible, free to VirtualQuery, "
	    "written pages discarded, bound pages kept; taken again by the "
	    "next map with the file's data and the same frames; released for "
	    "an address or with its section", t_kept);
	run("a view mapped under DLLSHARE_COW=uffd gets its base from its "
	    "section's kept view; its guard page goes when the next view is "
	    "kept", t_kept_uffd);
	run("a view with a shared section, or one a fault made fragmented, is "
	    "not kept", t_not_kept);

	{
		char cmd[200];

		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			printf("note: could not remove %s\n", dir);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
