/*
 * mp_test.c — image sections across processes, with `dllshare map`.
 *
 *   mp_test DLLSHARE SHR_DLL LOW_DLL [LIBSTDCXX_DLL]
 *
 * Every case starts real processes (fork + exec of dllshare), talks to
 * them through pipes (each `map --hold` prints "map: holding" and waits
 * for a line), and checks what the kernel says: /proc/PID/pagemap page
 * frames (as root; otherwise "degraded": the exclusive-mapping bit), and
 * the bytes of the section files.  Ends with "N passed, N failed".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loader/record.h"

#define PAGE 4096
#define PM_PRESENT (1ULL << 63)
#define PM_EXCLUSIVE (1ULL << 56)
#define PM_PFN ((1ULL << 55) - 1)

static const char *dllshare, *shr_dll, *low_dll, *cxx_dll;
static char cache[300], work[200], work_bin[512];
static int passed, failed, degraded;
static const char *cow_env; /* "DLLSHARE_COW=uffd" for case_share */

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", ok ? "ok  " : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (ok)
		passed++;
	else
		failed++;
}

struct child {
	pid_t pid;
	int in, out, err;  /* our ends: its stdin, stdout, stderr */
	unsigned long long base, also;
	int rebased, privreloc, nreloc; /* from the "map: base" line, events */
	char secfile[512];
	char last[512];    /* last line read */
};

/* Starts dllshare with args (NULL-terminated), env "K=V" (or NULL);
 * its stdin is stdin_fd when that is >= 0, else a new pipe (c->in). */
static void spawn_in(struct child *c, const char *env,
                     const char *const *args, int stdin_fd)
{
	int pin[2], pout[2], perr[2];
	const char *argv[32];
	int n = 0;

	memset(c, 0, sizeof *c);
	if (pipe(pin) || pipe(pout) || pipe(perr))
		abort();
	if (stdin_fd >= 0) {
		close(pin[0]);
		pin[0] = dup(stdin_fd);
	}
	argv[n++] = dllshare;
	while (*args && n < 30)
		argv[n++] = *args++;
	argv[n] = NULL;
	c->pid = fork();
	if (c->pid == 0) {
		dup2(pin[0], 0);
		dup2(pout[1], 1);
		dup2(perr[1], 2);
		for (int fd = 3; fd < 64; fd++)
			close(fd);
		if (env)
			putenv((char *)env);
		execv(dllshare, (char *const *)argv);
		_exit(127);
	}
	close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	c->in = pin[1];
	c->out = pout[0];
	c->err = perr[0];
}

static void spawn(struct child *c, const char *env, const char *const *args)
{
	spawn_in(c, env, args, -1);
}

/* Reads stdout lines until one starts with prefix; 0 on EOF. */
static int expect(struct child *c, const char *prefix)
{
	for (;;) {
		size_t n = 0;
		char ch;

		while (n < sizeof c->last - 1) {
			if (read(c->out, &ch, 1) != 1)
				return 0;
			if (ch == '\n')
				break;
			c->last[n++] = ch;
		}
		c->last[n] = '\0';
		if (sscanf(c->last, "map: base %llx", &c->base) == 1) {
			c->rebased = strstr(c->last, "(rebased") != NULL;
			c->privreloc = strstr(c->last, "relocated privately") != NULL;
		}
		sscanf(c->last, "map: also %*s at %llx", &c->also);
		if (!strncmp(c->last, "map: privatized", 15) &&
		    strstr(c->last, "(relocation)"))
			c->nreloc++;
		if (strstr(c->last, ": section "))
			sscanf(strstr(c->last, ": section ") + 10, "%511s",
			       c->secfile);
		if (!strncmp(c->last, prefix, strlen(prefix)))
			return 1;
	}
}

/* Sends a line; a child that already ended (EPIPE) is fine. */
static void release(struct child *c)
{
	if (write(c->in, "\n", 1) != 1)
		return;
}

/* Closes our ends and returns the wait status. */
static int finish(struct child *c)
{
	int st = 0;

	close(c->in);
	close(c->out);
	waitpid(c->pid, &st, 0);
	close(c->err);
	return st;
}

static int read_err(struct child *c, char *buf, size_t len)
{
	size_t n = 0;
	ssize_t r;

	while (n < len - 1 && (r = read(c->err, buf + n, len - 1 - n)) > 0)
		n += r;
	buf[n] = '\0';
	return (int)n;
}

static uint64_t pagemap(pid_t pid, unsigned long long addr)
{
	char path[64];
	uint64_t e = 0;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	if (pread(fd, &e, 8, (addr / PAGE) * 8) != 8)
		e = 0;
	close(fd);
	return e;
}

static uint64_t file_sum(const char *path)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	unsigned char buf[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		for (ssize_t i = 0; i < n; i++)
			h = (h ^ buf[i]) * 0x100000001b3ULL;
	close(fd);
	return h;
}

static void copy_file(const char *from, const char *to)
{
	char buf[65536];
	int a = open(from, O_RDONLY), b = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n;

	while (a >= 0 && b >= 0 && (n = read(a, buf, sizeof buf)) > 0)
		if (write(b, buf, n) != n)
			break;
	close(a);
	close(b);
}

/* Section files (final names) in the cache whose name starts with base,
 * and temporary files. */
static int count_files(const char *base, int tmp)
{
	DIR *d = opendir(cache);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (tmp ? !strncmp(e->d_name, "tmp.", 4) && strstr(e->d_name, base)
		        : !strncmp(e->d_name, base, strlen(base)) && l > 4 &&
		                  !strcmp(e->d_name + l - 4, ".sec"))
			n++;
	}
	if (d)
		closedir(d);
	return n;
}

/* Reads the image's section table to list (rva, size) of its sections,
 * from the PE headers at the start of the section file. */
struct sec { char name[9]; uint32_t rva, size; };

static int sections_of(const char *secfile, struct sec *out, int max)
{
	unsigned char h[4096];
	int fd = open(secfile, O_RDONLY), n;
	uint32_t pe, nsec, opt;

	if (fd < 0 || pread(fd, h, sizeof h, 0) != sizeof h) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	close(fd);
	memcpy(&pe, h + 0x3c, 4);
	nsec = h[pe + 6] | h[pe + 7] << 8;
	opt = h[pe + 20] | h[pe + 21] << 8;
	for (n = 0; n < (int)nsec && n < max; n++) {
		const unsigned char *s = h + pe + 24 + opt + 40 * n;

		memcpy(out[n].name, s, 8);
		out[n].name[8] = '\0';
		memcpy(&out[n].size, s + 8, 4);
		memcpy(&out[n].rva, s + 12, 4);
		out[n].size = (out[n].size + PAGE - 1) & ~(PAGE - 1);
	}
	return n;
}

/* Compares the frames of every page of every section in procs a and b.
 * Returns the number of pages that differ (or are not resident); with
 * only, the one page RVA expected to differ. */
static int compare_frames(struct child *a, struct child *b, struct sec *s,
                          int ns, uint32_t only, int *npages)
{
	int diff = 0;

	*npages = 0;
	for (int i = 0; i < ns; i++)
		for (uint32_t p = s[i].rva; p < s[i].rva + s[i].size; p += PAGE) {
			uint64_t x = pagemap(a->pid, a->base + p);
			uint64_t y = pagemap(b->pid, b->base + p);
			int same;

			if (!strcmp(s[i].name, ".shr"))
				continue; /* shared-writable: checked apart */
			(*npages)++;
			if (!degraded)
				same = (x & PM_PRESENT) && (y & PM_PRESENT) &&
				       (x & PM_PFN) == (y & PM_PFN);
			else
				same = (x & PM_PRESENT) && (y & PM_PRESENT) &&
				       !(x & PM_EXCLUSIVE) && !(y & PM_EXCLUSIVE);
			if (!same && p != only) {
				diff++;
				if (diff < 4)
					printf("  page %s RVA 0x%x: %llx vs %llx\n",
					       s[i].name, p, (unsigned long long)x,
					       (unsigned long long)y);
			}
			if (p == only && same)
				diff += 1000;
		}
	return diff;
}

/* N processes map dll, touch every page, and compare frames; then the
 * first writes one byte of wsec and only that page differs. */
static void case_share(const char *label, const char *dll, const char *wsec)
{
	uint32_t wrva_page = 0;
	const char *args[] = {"map", "--touch", "--hold", "--write", wsec,
	                      "--hold", dll, NULL};
	struct child c[3];
	struct sec s[96];
	uint64_t before, after;
	int ns, np, ok = 1, d;

	for (int i = 0; i < 3; i++) {
		spawn(&c[i], cow_env, args);
		ok &= expect(&c[i], "map: holding");
	}
	check(ok, "%s: 3 processes mapped and touched every page", label);
	if (!ok)
		goto out;
	before = file_sum(c[0].secfile);
	ns = sections_of(c[0].secfile, s, 96);
	d = compare_frames(&c[0], &c[1], s, ns, UINT32_MAX, &np) +
	    compare_frames(&c[1], &c[2], s, ns, UINT32_MAX, &np);
	check(d == 0 && np > 0, "%s: all %d pages share one frame in every "
	      "process%s", label, np, degraded ? " (degraded: exclusive bit)" : "");
	release(&c[0]);
	ok = expect(&c[0], "map: write") &&
	     sscanf(strstr(c[0].last, "at RVA "), "at RVA %x", &wrva_page) == 1;
	wrva_page &= ~(uint32_t)(PAGE - 1);
	ok = ok && expect(&c[0], "map: holding");
	d = compare_frames(&c[0], &c[1], s, ns, wrva_page, &np);
	check(ok && d == 0, "%s: after a write to %s only page RVA 0x%x has "
	      "its own frame in the writer", label, wsec, wrva_page);
	d = compare_frames(&c[1], &c[2], s, ns, UINT32_MAX, &np);
	check(d == 0, "%s: the other processes still share every page", label);
	after = file_sum(c[0].secfile);
	check(before == after, "%s: section file unchanged by the write", label);
out:
	for (int i = 0; i < 3; i++) {
		release(&c[i]);
		release(&c[i]);
		finish(&c[i]);
	}
}

/* A write to .shr is seen by another process; after all exit, a new
 * load starts again from the file's contents. */
static void case_shared_section(void)
{
	const char *wa[] = {"map", "--write", ".shr+0=0x5a", "--hold", shr_dll, NULL};
	const char *rb[] = {"map", "--read", ".shr+0", "--hold", shr_dll, NULL};
	const char *rc[] = {"map", "--read", ".shr+0", shr_dll, NULL};
	struct child a, b, c;
	int ok;

	spawn(&a, NULL, wa);
	ok = expect(&a, "map: holding");
	spawn(&b, NULL, rb);
	ok = ok && expect(&b, "map: read .shr+0");
	check(ok && strstr(b.last, "= 0x5a"),
	      "shared section: a write in one process is seen by another (%s)",
	      b.last);
	release(&a);
	release(&b);
	finish(&a);
	finish(&b);
	spawn(&c, NULL, rc);
	ok = expect(&c, "map: read .shr+0");
	check(ok && strstr(c.last, "= 0x11"),
	      "shared section: after the last process exits, a new load sees "
	      "the image's contents again (%s)", c.last);
	finish(&c);
}

/* 32 processes start at once on an image without a section. */
static void case_race(void)
{
	char dll[300];
	const char *args[] = {"map", "--sync", "--read", ".cow+0", dll, NULL};
	struct child c[32];
	int barrier[2], ok = 1, st;

	snprintf(dll, sizeof dll, "%s/race.dll", work);
	copy_file(shr_dll, dll);
	if (pipe(barrier))
		abort();
	/* Everyone waits on one pipe: closing it starts them all. */
	for (int i = 0; i < 32; i++)
		spawn_in(&c[i], NULL, args, barrier[0]);
	close(barrier[1]);
	for (int i = 0; i < 32; i++) {
		ok &= expect(&c[i], "map: done");
		st = finish(&c[i]);
		ok &= WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	close(barrier[0]);
	check(ok, "race: 32 processes started at once all mapped the image");
	check(count_files("race.dll.", 0) == 1 && count_files("race.dll.", 1) == 0,
	      "race: exactly one section file, no temporary left (%d, %d)",
	      count_files("race.dll.", 0), count_files("race.dll.", 1));
}

/* A creator killed at each stage never leaves a section that is used. */
static void case_inject(void)
{
	static const char *stages[] = {"create", "truncate", "layout", "reloc",
	                               "trailer", "link"};
	char dll[300], env[64], name[64];
	const char *args[] = {"map", "--read", ".cow+0", dll, NULL};
	const char *gc[] = {"cache", "gc", NULL};
	struct child c;
	int st;

	for (size_t i = 0; i < sizeof stages / sizeof stages[0]; i++) {
		int killed, published, ok;

		snprintf(name, sizeof name, "inject-%s.dll", stages[i]);
		snprintf(dll, sizeof dll, "%s/%s", work, name);
		copy_file(shr_dll, dll);
		snprintf(env, sizeof env, "DLLSHARE_FAULT_INJECT=%s", stages[i]);
		spawn(&c, env, args);
		st = finish(&c);
		killed = WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL;
		strcat(name, ".");
		published = count_files(name, 0);
		spawn(&c, NULL, args);
		ok = expect(&c, "map: read .cow+0");
		ok &= strstr(c.last, "= 0x63") != NULL; /* 'c' */
		st = finish(&c);
		check(killed && published == (i == 5) && ok && WIFEXITED(st) &&
		      WEXITSTATUS(st) == 0,
		      "fault injection at '%s': creator killed, %s, next load "
		      "works", stages[i],
		      i == 5 ? "section complete" : "nothing published");
	}
	/* Killed while initializing a shared-data object (zeroed, not yet
	 * filled): the next load finds nobody alive and starts again. */
	{
		const char *rs[] = {"map", "--read", ".shr+0", shr_dll, NULL};
		int killed;

		spawn(&c, "DLLSHARE_FAULT_INJECT=shared-init", rs);
		st = finish(&c);
		killed = WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL;
		spawn(&c, NULL, rs);
		check(killed && expect(&c, "map: read .shr+0") &&
		      strstr(c.last, "= 0x11"),
		      "fault injection at 'shared-init': next load initializes "
		      "the shared section again (%s)", c.last);
		finish(&c);
	}
	spawn(&c, NULL, gc);
	expect(&c, "zzz");
	finish(&c);
	check(count_files("inject-", 1) == 0,
	      "fault injection: cache gc removes the dead creators' temporaries");
}

/* A write to a read-only section: 0xC0000005, exit status 5 (Wine's). */
static void case_violation(void)
{
	const char *args[] = {"map", "--write", ".rdata+0x10", shr_dll, NULL};
	const char *first[] = {"map", "--read", ".rdata+0", shr_dll, NULL};
	char err[2048], rec[600], secfile[512];
	struct child c;
	uint64_t before;
	int st;

	spawn(&c, NULL, first);
	expect(&c, "map: done");
	finish(&c);
	memcpy(secfile, c.secfile, sizeof secfile);
	before = file_sum(secfile);
	spawn(&c, NULL, args);
	expect(&c, "zzz");
	read_err(&c, err, sizeof err);
	snprintf(rec, sizeof rec, "%s/proc/%d", cache, (int)c.pid);
	st = finish(&c);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "violation: write to .rdata exits with status 5 as under Wine "
	      "(status 0x%x)", st);
	check(strstr(err, "0xC0000005") && strstr(err, "writing") &&
	      strstr(err, "shr.dll!.rdata+0x10"),
	      "violation: report names 0xC0000005, writing, shr.dll!.rdata+0x10");
	check(file_sum(secfile) == before && access(rec, F_OK) != 0,
	      "violation: section file unchanged, process record removed");
}

/* Cache directories we must refuse. */
static void case_cachedir(void)
{
	char dir[300], env[400], err[1024];
	const char *args[] = {"map", shr_dll, NULL};
	struct child c;
	int st;

	struct {
		const char *what, *expect;
		int kind;
	} cases[] = {{"world-writable", "world", 0},
	             {"symlink", "symlink", 1},
	             {"owned by nobody", "owned by uid", 2}};

	for (int i = 0; i < 3; i++) {
		snprintf(dir, sizeof dir, "%s/bad%d", work, i);
		if (cases[i].kind == 2 && geteuid() != 0) {
			check(1, "cache dir %s: skipped (needs root)", cases[i].what);
			continue;
		}
		if (cases[i].kind == 1) {
			char real[320];

			snprintf(real, sizeof real, "%s.real", dir);
			mkdir(real, 0700);
			if (symlink(real, dir))
				perror("symlink");
		} else {
			mkdir(dir, 0700);
			if (cases[i].kind == 0)
				chmod(dir, 0777);
			else if (chown(dir, 65534, 65534))
				perror("chown");
		}
		snprintf(env, sizeof env, "DLLSHARE_CACHE=%s", dir);
		spawn(&c, env, args);
		read_err(&c, err, sizeof err);
		st = finish(&c);
		check(WIFEXITED(st) && WEXITSTATUS(st) == 1 &&
		      strstr(err, cases[i].expect) && strstr(err, dir),
		      "cache dir %s refused: %.*s", cases[i].what,
		      (int)strcspn(err, "\n"), err);
	}
}

/* A changed image gets a new section; a running process keeps its own. */
static void case_changed(void)
{
	char dll[300];
	const char *ha[] = {"map", "--read", ".cow+0", "--hold", "--read",
	                    ".cow+0", dll, NULL};
	const char *rb[] = {"map", "--read", ".cow+0", dll, NULL};
	struct child a, b;
	struct sec s[96];
	int ns, fd, ok;
	uint32_t raw = 0;

	snprintf(dll, sizeof dll, "%s/changed.dll", work);
	copy_file(shr_dll, dll);
	spawn(&a, NULL, ha);
	ok = expect(&a, "map: holding");
	/* Change the first byte of .cow in the file ('c' -> 'X'). */
	ns = sections_of(a.secfile, s, 96);
	for (int i = 0; i < ns; i++)
		if (!strcmp(s[i].name, ".cow")) {
			unsigned char h[4096];
			uint32_t pe, opt;

			fd = open(dll, O_RDONLY);
			if (pread(fd, h, sizeof h, 0) != sizeof h)
				ok = 0;
			close(fd);
			memcpy(&pe, h + 0x3c, 4);
			opt = h[pe + 20] | h[pe + 21] << 8;
			memcpy(&raw, h + pe + 24 + opt + 40 * i + 20, 4);
		}
	fd = open(dll, O_WRONLY);
	ok &= raw && pwrite(fd, "X", 1, raw) == 1;
	close(fd);
	spawn(&b, NULL, rb);
	ok &= expect(&b, "map: read .cow+0");
	check(ok && strstr(b.last, "= 0x58") && strcmp(a.secfile, b.secfile),
	      "changed image: a new load gets a new section with the new bytes");
	finish(&b);
	release(&a);
	ok = expect(&a, "map: read .cow+0");
	check(ok && strstr(a.last, "= 0x63") && count_files("changed.dll.", 0) == 2,
	      "changed image: the running process still sees its own section");
	finish(&a);
}

/* Runs `dllshare cache CMD` and returns its whole stdout in buf. */
static void cache_cmd(const char *cmd, char *buf, size_t len)
{
	const char *args[] = {"cache", cmd, NULL};
	struct child c;
	size_t n = 0;
	ssize_t r;

	spawn(&c, NULL, args);
	while (n < len - 1 && (r = read(c.out, buf + n, len - 1 - n)) > 0)
		n += r;
	buf[n] = '\0';
	finish(&c);
}

/* cache list tells sections in use from unused ones and live records
 * from stale ones; gc removes only what nobody uses. */
static void case_cache_list(void)
{
	const char *ha[] = {"map", "--hold", shr_dll, NULL};
	static char out[65536];
	char want[64], *line;
	struct child a;
	int ok;

	spawn(&a, NULL, ha);
	ok = expect(&a, "map: holding");
	cache_cmd("list", out, sizeof out);
	snprintf(want, sizeof want, "record  pid %-8d alive", (int)a.pid);
	line = strstr(out, "section shr.dll.");
	if (line && strchr(line, '\n'))
		*strchr(line, '\n') = '\0';
	check(ok && line && strstr(line, "in use") && strstr(line + strlen(line) + 1, want),
	      "cache list: the mapped section is in use, the record alive");
	cache_cmd("gc", out, sizeof out);
	check(access(a.secfile, F_OK) == 0, "cache gc keeps a section in use");
	release(&a);
	finish(&a);
	cache_cmd("gc", out, sizeof out);
	check(access(a.secfile, F_OK) != 0 && strstr(out, "files removed"),
	      "cache gc removes the section once nobody maps it");
}

/* The process record of c: pages privatized for relocation, and the
 * flags of its module called name.  -1 when unreadable. */
static long rec_reloc(struct child *c, const char *name, uint32_t *flags)
{
	struct ld_rec_header h;
	struct ld_rec_module m;
	char path[400];
	long n = -1;
	int fd;

	snprintf(path, sizeof path, "%s/proc/%d", cache, (int)c->pid);
	*flags = 0;
	if ((fd = open(path, O_RDONLY)) < 0)
		return -1;
	if (pread(fd, &h, sizeof h, 0) == sizeof h && h.magic == LD_REC_MAGIC) {
		n = (long)h.private_pages[LD_REC_PAGE_RELOC];
		for (uint32_t i = 0; i < h.nmodules && i < h.max_modules; i++)
			if (pread(fd, &m, sizeof m, h.modules_off + i * sizeof m) ==
			            sizeof m &&
			    !strncmp(m.name, name, sizeof m.name))
				*flags = m.flags;
	}
	close(fd);
	return n;
}

/* Reads len bytes at addr of c's memory. */
static int peek(struct child *c, unsigned long long addr, void *buf, size_t len)
{
	char path[64];
	int fd, ok;

	snprintf(path, sizeof path, "/proc/%d/mem", (int)c->pid);
	if ((fd = open(path, O_RDONLY)) < 0)
		return -1;
	ok = pread(fd, buf, len, (off_t)addr) == (ssize_t)len;
	close(fd);
	return ok ? 0 : -1;
}

/* Nonzero when dllmap's output for pid in format fmt ("--json", or
 * "--html": the page it writes) holds needle. */
static int dllmap_says(pid_t pid, const char *fmt, const char *needle)
{
	char cmd[2000], line[65536], html[600];
	int found = 0;
	FILE *f;

	snprintf(html, sizeof html, "%s/says.html", work);
	if (!strcmp(fmt, "--html"))
		snprintf(cmd, sizeof cmd, "%.500s/dllmap --html %s %d >/dev/null "
		         "&& cat %s", work_bin, html, (int)pid, html);
	else
		snprintf(cmd, sizeof cmd, "%.500s/dllmap %s %d", work_bin, fmt,
		         (int)pid);
	f = popen(cmd, "r");
	while (f && fgets(line, sizeof line, f))
		found |= strstr(line, needle) != NULL;
	if (f)
		pclose(f);
	return found;
}

/*
 * Two DLLs that want the same base (shr.dll and a copy of it), loaded in
 * that order by two processes: the copy is rebased in both, to the same
 * address, onto the one section relocated for that address, so all its
 * pages (relocated ones included) share frames and nothing is private
 * for relocation.  Then the fallbacks: with that address taken too, or
 * with DLLSHARE_REBASE=private, the copy is relocated privately (today's
 * per-process cost) and still reads right.
 */
static void case_rebase(void)
{
	char dll[300], alt[40], want[64];
	const char *args[] = {"map", "--also", shr_dll, "--touch", "--hold", dll, NULL};
	const char *rargs[] = {"map", "--reserve", alt, "--also", shr_dll,
	                       "--touch", "--hold", dll, NULL};
	static char out[65536];
	struct child c[4];
	struct sec s[96];
	uint32_t fl[4];
	long rel[4];
	int ok = 1, ns, np, d;

	snprintf(dll, sizeof dll, "%s/rebase.dll", work);
	copy_file(shr_dll, dll);
	for (int i = 0; i < 2; i++) {
		spawn(&c[i], NULL, args);
		ok &= expect(&c[i], "map: holding");
	}
	check(ok && c[0].rebased && c[1].rebased && c[0].base == c[1].base &&
	      c[0].base != c[0].also && c[0].also == c[1].also,
	      "rebase: the second DLL wanting base 0x%llx is rebased to the "
	      "same address 0x%llx in both processes", c[0].also, c[0].base);
	check(ok && !strcmp(c[0].secfile, c[1].secfile) && c[0].base >= 0x600000000000ULL &&
	      c[0].base < 0x700000000000ULL && (c[0].base & 0xffff) == 0,
	      "rebase: one section file for that base, 64 KiB aligned in the "
	      "alternative range");
	ns = sections_of(c[0].secfile, s, 96);
	d = compare_frames(&c[0], &c[1], s, ns, UINT32_MAX, &np);
	check(ok && d == 0 && np > 0, "rebase: all %d pages, relocated ones "
	      "included, share one frame in both processes%s", np,
	      degraded ? " (degraded: exclusive bit)" : "");
	rel[0] = rec_reloc(&c[0], "rebase.dll", &fl[0]);
	rel[1] = rec_reloc(&c[1], "rebase.dll", &fl[1]);
	check(rel[0] == 0 && rel[1] == 0 && c[0].nreloc == 0 && c[1].nreloc == 0 &&
	      (fl[0] & LD_REC_MOD_REBASED) && !(fl[0] & LD_REC_MOD_RELOCATED) &&
	      (fl[1] & LD_REC_MOD_REBASED),
	      "rebase: zero pages private for relocation; the record says "
	      "rebased (flags 0x%x, 0x%x)", fl[0], fl[1]);
	cache_cmd("list", out, sizeof out);
	{
		char *line = strstr(out, strrchr(c[0].secfile, '/') + 1);

		if (line && strchr(line, '\n'))
			*strchr(line, '\n') = '\0';
		check(line && strstr(line, "in use") && strstr(line, "rebased"),
		      "rebase: cache list says the section is rebased and in use");
	}

	/* The alternative base taken too: private relocation. */
	snprintf(alt, sizeof alt, "0x%llx+0x10000", c[0].base);
	spawn(&c[2], NULL, rargs);
	ok = expect(&c[2], "map: holding");
	rel[2] = rec_reloc(&c[2], "rebase.dll", &fl[2]);
	check(ok && c[2].privreloc && !c[2].rebased && c[2].base != c[0].base &&
	      c[2].nreloc > 0 && rel[2] == c[2].nreloc &&
	      (fl[2] & LD_REC_MOD_RELOCATED) && !(fl[2] & LD_REC_MOD_REBASED),
	      "rebase: with both ranges taken the DLL is relocated privately "
	      "(%d pages private for relocation)", c[2].nreloc);
	check(dllmap_says(c[0].pid, "--json", "\"note\":\"rebased: preferred base") &&
	      dllmap_says(c[2].pid, "--json", "\"note\":\"relocated privately") &&
	      dllmap_says(c[0].pid, "--html", "class=\"note\">rebased: preferred") &&
	      dllmap_says(c[2].pid, "--html", "class=\"note\">relocated privately"),
	      "rebase: dllmap --json and --html say which process's copy is "
	      "rebased and which relocated privately");
	/* Each 8-byte word of the relocated pages is the rebased process's
	 * value, or that value moved by the distance between the views. */
	{
		unsigned char a[PAGE], b[PAGE];
		uint64_t delta = c[2].base - c[0].base, x, y;
		int moved = 0, bad = 0;

		for (int i = 0; i < ns; i++)
			for (uint32_t p = s[i].rva; p < s[i].rva + s[i].size; p += PAGE) {
				if (!strcmp(s[i].name, ".shr"))
					continue;
				if (peek(&c[0], c[0].base + p, a, PAGE) < 0 ||
				    peek(&c[2], c[2].base + p, b, PAGE) < 0) {
					bad++;
					continue;
				}
				for (int k = 0; k + 8 <= PAGE; k += 8) {
					memcpy(&x, a + k, 8);
					memcpy(&y, b + k, 8);
					if (x == y)
						continue;
					if (y - x == delta)
						moved++;
					else
						bad++;
				}
			}
		check(moved > 0 && bad == 0, "rebase: the privately relocated "
		      "view holds the same pointers moved by 0x%llx (%d moved, "
		      "%d wrong)", (unsigned long long)delta, moved, bad);
	}
	snprintf(want, sizeof want, "DLLSHARE_REBASE=private");
	spawn(&c[3], want, args);
	ok = expect(&c[3], "map: holding");
	rel[3] = rec_reloc(&c[3], "rebase.dll", &fl[3]);
	check(ok && c[3].privreloc && c[3].nreloc == c[2].nreloc &&
	      rel[3] == c[3].nreloc && (fl[3] & LD_REC_MOD_RELOCATED),
	      "rebase: DLLSHARE_REBASE=private relocates privately too (%d "
	      "pages)", c[3].nreloc);
	for (int i = 0; i < 4; i++) {
		release(&c[i]);
		finish(&c[i]);
	}
}

/* SectionAlignment below a page: one RWX copy-on-write mapping. */
static void case_low_alignment(void)
{
	const char *wa[] = {"map", "--write", ".cow+0x200=0x41", "--hold", low_dll, NULL};
	const char *rb[] = {"map", "--read", ".cow+0x200", low_dll, NULL};
	struct child a, b;
	uint64_t before;
	int ok, whole = 0;

	spawn(&a, NULL, wa);
	ok = expect(&a, "map: range");
	whole = strstr(a.last, "whole-image-cow") && strstr(a.last, "rwx");
	ok = ok && expect(&a, "map: holding");
	before = file_sum(a.secfile);
	spawn(&b, NULL, rb);
	ok = ok && expect(&b, "map: read .cow+0x200");
	check(ok && whole && strstr(b.last, "= 0x63") && file_sum(a.secfile) == before,
	      "low alignment: whole image one RWX copy-on-write range; a write "
	      "stays private (%s)", b.last);
	finish(&b);
	release(&a);
	finish(&a);
}

/* Mappings in /proc/PID/maps that overlap [a, b). */
static int maps_in(pid_t pid, unsigned long long a, unsigned long long b)
{
	char path[64], line[512];
	unsigned long long lo, hi;
	FILE *f;
	int n = 0;

	snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "%llx-%llx", &lo, &hi) == 2 && lo < b && hi > a)
			n++;
	if (f)
		fclose(f);
	return n;
}

/* DLLSHARE_COW=uffd: scattered writes to .cow leave one mapping, and
 * dllmap says the written pages are private by the kernel's hand; a
 * value dllshare does not know is refused. */
static void case_uffd(void)
{
	const char *args[] = {"map", "--write", ".cow+0x10", "--write",
	                      ".cow+0x2010", "--write", ".cow+0x4010",
	                      "--write", ".cow+0x6010", "--hold", shr_dll, NULL};
	const char *bad[] = {"map", shr_dll, NULL};
	char cmd[1200], line[512], err[600];
	unsigned long long lo = 0, hi = 0;
	int ok, kernel = 0, nmap, st;
	struct child c;
	FILE *f;

	spawn(&c, "DLLSHARE_COW=uffd", args);
	ok = expect(&c, "map: range .cow") &&
	     sscanf(c.last, "map: range .cow rva %llx size %llx", &lo, &hi) == 2;
	while (ok && expect(&c, "map: ") && strncmp(c.last, "map: holding", 12))
		kernel += strstr(c.last, "privatized by the kernel") != NULL;
	nmap = maps_in(c.pid, c.base + lo, c.base + lo + hi);
	if (kernel == 0) {
		printf("note: DLLSHARE_COW=uffd unavailable here (no kernel "
		       "privatization reported): skipping its dllmap check\n");
		release(&c);
		finish(&c);
	} else {
		check(ok && kernel == 4 && nmap == 1, "DLLSHARE_COW=uffd: 4 "
		      "scattered writes privatized by the kernel (%d), .cow "
		      "still one mapping (%d)", kernel, nmap);
		snprintf(cmd, sizeof cmd, "%.500s/dllmap %d", work_bin, (int)c.pid);
		f = popen(cmd, "r");
		kernel = 0;
		while (f && fgets(line, sizeof line, f))
			if (strstr(line, "why private: 4 write (kernel, not attributed"))
				kernel++;
		if (f)
			pclose(f);
		check(kernel == 1, "DLLSHARE_COW=uffd: dllmap: .cow's 4 written "
		      "pages private, \"write (kernel, not attributed\"");
		release(&c);
		finish(&c);
	}
	spawn(&c, "DLLSHARE_COW=fast", bad);
	read_err(&c, err, sizeof err);
	st = finish(&c);
	check(WIFEXITED(st) && WEXITSTATUS(st) != 0 &&
	      strstr(err, "DLLSHARE_COW=fast") && strstr(err, "uffd"),
	      "DLLSHARE_COW=fast: refused, exit %d: %.200s",
	      WIFEXITED(st) ? WEXITSTATUS(st) : -1, err);
}

int main(int argc, char **argv)
{
	char env[400];

	if (argc < 4) {
		fprintf(stderr, "usage: mp_test DLLSHARE SHR_DLL LOW_DLL [CXX_DLL]\n");
		return 2;
	}
	dllshare = argv[1];
	snprintf(work_bin, sizeof work_bin, "%s", dllshare);
	if (strrchr(work_bin, '/')) /* dllmap is built beside dllshare */
		*strrchr(work_bin, '/') = '\0';
	shr_dll = argv[2];
	low_dll = argv[3];
	cxx_dll = argc > 4 ? argv[4] : NULL;
	snprintf(work, sizeof work, "/tmp/dllshare-mp.%d", (int)getpid());
	snprintf(cache, sizeof cache, "%s/cache", work);
	mkdir(work, 0700);
	snprintf(env, sizeof env, "DLLSHARE_CACHE=%s", cache);
	putenv(env);
	signal(SIGPIPE, SIG_IGN);
	degraded = geteuid() != 0;
	if (degraded)
		printf("note: not root: pagemap frames hidden, degraded to the "
		       "exclusive-mapping bit\n");

	case_share("shr.dll", shr_dll, ".cow+0x10");
	cow_env = "DLLSHARE_COW=uffd";
	case_share("shr.dll, DLLSHARE_COW=uffd", shr_dll, ".cow+0x10");
	cow_env = NULL;
	case_uffd();
	case_shared_section();
	if (cxx_dll && access(cxx_dll, R_OK) == 0)
		case_share("libstdc++-6.dll", cxx_dll, ".data+0x0");
	case_race();
	case_inject();
	case_violation();
	case_cachedir();
	case_changed();
	case_low_alignment();
	case_cache_list();
	case_rebase();

	if (!failed) {
		char cmd[600];

		snprintf(cmd, sizeof cmd, "rm -rf %s %s.real 2>/dev/null", work, work);
		if (system(cmd) != 0)
			printf("note: could not remove %s\n", work);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
