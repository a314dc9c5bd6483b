/*
 * fvs N K DLLSHARE WORKER_EXE — the same workload two ways, side by side:
 * a table of 256 pages (1 MiB) of initialized data, N workers each
 * writing K pages of it (worker i pages i*K .. i*K+K-1).
 *
 *   fork:    this program's own .data table; the parent reads every page,
 *            then forks N children (Linux copy-on-write, per page).
 *   section: N Windows processes (`DLLSHARE run WORKER_EXE i K`) sharing
 *            fvs.dll's .table section (dllshare's copy-on-write, per page).
 *
 * Every worker holds until all have been looked at; the table's pages are
 * then counted from /proc/PID/pagemap (bit 63: present, bit 56: mapped by
 * this process only, i.e. a private copy), and each worker's memory read
 * from /proc/PID/smaps_rollup.  The lines above "not compared" are the
 * same on every run; the timing and memory below it are not.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGES	    256
#define PAGE	    4096
#define PAGE_INTS   (PAGE / (int)sizeof(int))
#define MAX_WORKERS 16

/* The hold pipes' write ends so far: a new worker closes the others'. */
static int holds[MAX_WORKERS], nholds;

/* The fork side's table: bytes of this program's file, as fvs.dll's are. */
static int table[PAGES * PAGE_INTS]
	__attribute__((aligned(PAGE))) = {[0 ... PAGES * PAGE_INTS - 1] = 7};

struct worker {
	pid_t pid;
	int hold;	     /* write end: closing it lets the worker end */
	uintptr_t addr;	     /* the table in the worker */
	long long write_ns;  /* its K first writes */
	int present, copied; /* table pages: in memory, private copies */
	long pss_kib, dirty_kib;
};

/* Counts the table's pages of pid that are present and that are private
 * copies (mapped only there); -1 when pagemap cannot be read. */
static int count_pages(struct worker *w)
{
	char path[64];
	uint64_t e[PAGES];
	int fd, i;

	snprintf(path, sizeof path, "/proc/%d/pagemap", (int)w->pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	if (pread(fd, e, sizeof e, (off_t)(w->addr / PAGE * 8)) != sizeof e) {
		close(fd);
		return -1;
	}
	close(fd);
	w->present = w->copied = 0;
	for (i = 0; i < PAGES; i++) {
		if (!(e[i] >> 63 & 1))
			continue;
		w->present++;
		if (e[i] >> 56 & 1)
			w->copied++;
	}
	return 0;
}

/* The worker's whole-process Pss and Private_Dirty in KiB. */
static void read_rollup(struct worker *w)
{
	char path[64], line[128];
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)w->pid);
	w->pss_kib = w->dirty_kib = -1;
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		sscanf(line, "Pss: %ld", &w->pss_kib);
		sscanf(line, "Private_Dirty: %ld", &w->dirty_kib);
	}
	fclose(f);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* A forked worker: writes its pages, reports, holds until told. */
static void fork_child(int i, int k, int report, int hold)
{
	char buf[64];
	long long t0 = now_ns(), t;
	int p, n;

	for (p = i * k; p < i * k + k && p < PAGES; p++)
		((volatile int *)table)[p * PAGE_INTS] += 1;
	t = now_ns() - t0;
	n = snprintf(buf, sizeof buf, "ready %p %lld\n", (void *)table, t);
	if (write(report, buf, n) != n)
		_exit(1);
	(void)!read(hold, buf, 1);
	_exit(0);
}

/* Starts worker i with the two pipes; for the section side, execs
 * dllshare.  Returns 0, or -1 with errno. */
static int start(struct worker *w, int i, int k, char *const *cmd)
{
	int report[2], hold[2];
	char line[128];
	FILE *f;

	if (pipe2(report, O_CLOEXEC) < 0 || pipe2(hold, O_CLOEXEC) < 0)
		return -1;
	w->pid = fork();
	if (w->pid < 0)
		return -1;
	if (w->pid == 0) {
		close(report[0]);
		close(hold[1]);
		for (int j = 0; j < nholds; j++)
			close(holds[j]);
		if (!cmd)
			fork_child(i, k, report[1], hold[0]);
		dup2(hold[0], 0);
		dup2(report[1], 1);
		execv(cmd[0], cmd);
		_exit(127);
	}
	close(report[1]);
	close(hold[0]);
	w->hold = holds[nholds++] = hold[1];
	f = fdopen(report[0], "r");
	if (!f || !fgets(line, sizeof line, f) ||
	    sscanf(line, "ready %lx %lld", &w->addr, &w->write_ns) != 2) {
		errno = EPROTO;
		return -1;
	}
	fclose(f);
	return 0;
}

/* Runs one side: n workers, looked at while all hold, then ended. */
static int run_side(struct worker *ws, int n, int k, const char *ds,
		    const char *exe)
{
	int i, bad = 0;

	for (i = 0; i < n; i++) {
		char idx[16], kk[16];
		char *cmd[] = {(char *)ds, "run", (char *)exe, idx, kk, NULL};

		snprintf(idx, sizeof idx, "%d", i);
		snprintf(kk, sizeof kk, "%d", k);
		if (start(&ws[i], i, k, ds ? cmd : NULL) < 0) {
			fprintf(stderr, "fvs: worker %d: %s\n", i,
				strerror(errno));
			return -1;
		}
	}
	for (i = 0; i < n; i++) {
		if (count_pages(&ws[i]) < 0)
			bad = -1;
		read_rollup(&ws[i]);
	}
	for (i = 0; i < n; i++) {
		close(ws[i].hold);
		waitpid(ws[i].pid, NULL, 0);
	}
	nholds = 0;
	return bad;
}

static void print_table(struct worker *f, struct worker *s, int n, int k)
{
	int i, fcopied = 0, scopied = 0;

	printf("%-34s %14s %18s\n", "", "fork (Linux)", "section (dllshare)");
	for (i = 0; i < n; i++) {
		printf("worker %-2d table pages in memory   %14d %18d\n", i,
		       f[i].present, s[i].present);
		printf("          shared with the others  %14d %18d\n",
		       f[i].present - f[i].copied, s[i].present - s[i].copied);
		printf("          copied by its writes    %14d %18d\n",
		       f[i].copied, s[i].copied);
		fcopied += f[i].copied;
		scopied += s[i].copied;
	}
	printf("pages holding the table, all told %14d %18d\n", PAGES + fcopied,
	       PAGES + scopied);
	printf("  (one copy of %d, plus each worker's copies; %d workers with "
	       "their own tables: %d)\n",
	       PAGES, n, n * PAGES);
	printf("not compared (varies from run to run):\n");
	for (i = 0; i < n; i++)
		printf("worker %-2d first write, per page   %11lld ns %15lld "
		       "ns\n"
		       "          Pss, Private_Dirty KiB  %7ld %6ld %11ld "
		       "%6ld\n",
		       i, f[i].write_ns / k, s[i].write_ns / k, f[i].pss_kib,
		       f[i].dirty_kib, s[i].pss_kib, s[i].dirty_kib);
}

int main(int argc, char **argv)
{
	struct worker f[MAX_WORKERS], s[MAX_WORKERS];
	long long sum = 0;
	int n, k, p;

	if (argc != 5 || (n = atoi(argv[1])) < 2 || n > MAX_WORKERS ||
	    (k = atoi(argv[2])) < 1 || n * k > PAGES) {
		fprintf(stderr,
			"usage: fvs N K DLLSHARE WORKER_EXE "
			"(2 <= N <= %d, N*K <= %d)\n",
			MAX_WORKERS, PAGES);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* The parent reads every page first, as each Windows worker does:
	 * a page never touched is not in memory, on either side. */
	for (p = 0; p < PAGES; p++)
		sum += ((volatile int *)table)[p * PAGE_INTS];
	printf("fork-vs-section: %d workers, a table of %d pages (%d KiB) of "
	       "initialized data (sum %lld), each worker writes %d pages\n",
	       n, PAGES, PAGES * PAGE / 1024, sum, k);
	fflush(stdout);
	if (run_side(f, n, k, NULL, NULL) < 0 ||
	    run_side(s, n, k, argv[3], argv[4]) < 0) {
		fprintf(stderr, "fvs: cannot read a worker's pagemap\n");
		return 1;
	}
	print_table(f, s, n, k);
	return 0;
}
