/*
 * dm_main.c — `dllmap`: which pages of which image are shared, which are
 * private and why, for dllshare processes and any other (Wine) process.
 *
 *	dllmap [--json | --html FILE] [--pages] [--kernel] PID...
 *	dllmap [--json | --html FILE] [--pages] [--kernel] --all
 *	dllmap --watch [--kernel] PID... | --all     (dm_watch.c)
 *
 * Every process is reported on its own: one that cannot be read gets one
 * line on stderr ("dllmap: pid 123: no such process"), the others are
 * still printed, and the exit status says something failed.  So does a
 * process whose dllshare record cannot be read (its kernel view is still
 * printed), unless --kernel said not to read records.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tools/dm.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: dllmap [--json | --html FILE] [--pages] [--kernel] "
		"PID...\n"
		"       dllmap [--json | --html FILE] [--pages] [--kernel] "
		"--all\n"
		"       dllmap --watch [--kernel] PID... | --all\n"
		"  --pages     also one character per page (legend first)\n"
		"  --json      the same as JSON: an object for one pid, an "
		"array for more\n"
		"  --html FILE write a page to open in a browser: one grid per "
		"image,\n"
		"              one column per process, a replay of the records'\n"
		"              events, the physical frames behind the pages\n"
		"  --all       every live dllshare process (from their "
		"records)\n"
		"  --kernel    ignore dllshare's process records: what the "
		"kernel\n"
		"              alone shows (as for a Wine process)\n"
		"  --watch     a live view, redrawn 4 times a second: a row "
		"of page\n"
		"              cells per section, changes highlighted; q "
		"quits\n"
		"  --version   print the version\n");
}

/* A pid is digits only: no sign, no blanks (strtol would take ' 12'). */
static int parse_pid(const char *s, int *pid)
{
	char *end;
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v <= 0 || v > 0x7fffffff)
		return -1;
	*pid = (int)v;
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* What the command line asks for. */
struct args {
	struct dm_opts o;
	const char *html;
	int json, all, kernel, watch;
	int npids, *pids;
};

/* Parses argv into *a; 0, 1 for --help or --version, or 2 on a usage error
 * (said). */
static int parse_args(int argc, char **argv, struct args *a)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			a->json = 1;
		else if (!strcmp(argv[i], "--pages"))
			a->o.pages = 1;
		else if (!strcmp(argv[i], "--all"))
			a->all = 1;
		else if (!strcmp(argv[i], "--kernel"))
			a->kernel = 1;
		else if (!strcmp(argv[i], "--watch"))
			a->watch = 1;
		else if (!strcmp(argv[i], "--html") && i + 1 < argc)
			a->html = argv[++i];
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 1;
		} else if (!strcmp(argv[i], "--version")) {
			printf("dllmap %s\n", DLLSHARE_VERSION);
			return 1;
		} else if (parse_pid(argv[i], &a->pids[a->npids]) == 0) {
			a->npids++;
		} else {
			fprintf(stderr, "dllmap: '%s' is not a pid or an option\n",
			        argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if ((a->json && a->html) || (a->all == (a->npids > 0)) ||
	    (a->watch && (a->json || a->html))) {
		usage(stderr);
		return 2;
	}
	a->o.colour = !a->json && !a->html && isatty(STDOUT_FILENO) &&
	              !getenv("NO_COLOR");
	return 0;
}

/* --all: the pids of every live record, in order. */
static int all_pids(struct args *a)
{
	struct dm_error err;

	free(a->pids);
	a->npids = dm_record_pids(&a->pids, &err);
	if (a->npids < 0) {
		fprintf(stderr, "dllmap: %s\n", err.msg);
		return -1;
	}
	qsort(a->pids, (size_t)a->npids, sizeof *a->pids, cmp_int);
	if (a->npids == 0 && !a->json && !a->html) {
		char dir[400];
		dm_cache_dir(dir, sizeof dir);
		printf("no dllshare process is running (no live record in "
		       "%s/proc)\n", dir);
	}
	return 0;
}

/* JSON: one object for one pid asked for, else an array. */
static void print_json(const struct args *a, const struct dm_proc *procs,
                       int n)
{
	int array = a->all || a->npids > 1;

	if (array)
		printf("[");
	for (int i = 0; i < n; i++) {
		if (i)
			printf(",\n");
		dm_json_print(stdout, &procs[i]);
	}
	if (array)
		printf("]");
	if (array || n)
		printf("\n");
}

int main(int argc, char **argv)
{
	struct args a = { { 0, 0 }, NULL, 0, 0, 0, 0, 0, NULL };
	struct dm_error err;
	struct dm_proc *procs = NULL;
	int bad = 0, n = 0, rc;

	a.pids = calloc((size_t)argc, sizeof *a.pids);
	if (!a.pids)
		return 2;
	if ((rc = parse_args(argc, argv, &a)) != 0) {
		free(a.pids);
		return rc == 1 ? 0 : 2;
	}
	if (a.watch) {
		rc = dm_watch(a.pids, a.npids, a.all, a.kernel, &a.o);
		free(a.pids);
		return rc;
	}
	if (a.all && all_pids(&a) < 0)
		return 1;
	procs = calloc(a.npids ? (size_t)a.npids : 1, sizeof *procs);
	if (!procs) {
		free(a.pids);
		return 2;
	}
	if (a.o.pages && !a.json && !a.html)
		dm_text_legend(stdout, &a.o);
	/* Each process on its own: one that cannot be read is one line on
	 * stderr, and the others are still reported. */
	for (int i = 0; i < a.npids; i++) {
		if (dm_proc_read(a.pids[i], a.kernel, &procs[n], &err) < 0) {
			fflush(stdout);
			fprintf(stderr, "dllmap: %s\n", err.msg);
			bad = 1;
			continue;
		}
		if (procs[n].rec_error[0]) {
			fflush(stdout);
			fprintf(stderr, "dllmap: pid %d: %s\n", a.pids[i],
			        procs[n].rec_error);
			bad = 1;
		}
		if (!a.json && !a.html)
			dm_text_print(stdout, &procs[n], &a.o);
		n++;
	}
	if (a.json)
		print_json(&a, procs, n);
	if (a.html && dm_html_write(a.html, procs, n, &err) < 0) {
		fprintf(stderr, "dllmap: %s\n", err.msg);
		bad = 1;
	} else if (a.html) {
		printf("dllmap: wrote %s (%d process%s)\n", a.html, n,
		       n == 1 ? "" : "es");
	}
	for (int i = 0; i < n; i++)
		dm_proc_free(&procs[i]);
	free(procs);
	free(a.pids);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "dllmap: writing the report: %s\n",
		        strerror(errno));
		return 1;
	}
	return bad;
}
