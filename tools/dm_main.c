/*
 * dm_main.c — `dllmap`: which pages of which image are shared, which are
 * private and why, for dllshare processes and any other (Wine) process.
 *
 *	dllmap [--json | --html FILE] [--pages] [--kernel] PID...
 *	dllmap [--json | --html FILE] [--pages] [--kernel] --all
 *
 * Every process is reported on its own: one that cannot be read gets one
 * line on stderr ("dllmap: pid 123: no such process"), the others are
 * still printed, and the exit status says something failed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tools/dm.h"

static void usage(void)
{
	fprintf(stderr,
	        "usage: dllmap [--json | --html FILE] [--pages] [--kernel] PID...\n"
	        "       dllmap [--json | --html FILE] [--pages] [--kernel] --all\n"
	        "  --kernel  ignore dllshare's process records: what the kernel\n"
	        "            alone shows (as for a Wine process)\n");
}

static int parse_pid(const char *s, int *pid)
{
	char *end;
	long v;

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

int main(int argc, char **argv)
{
	struct dm_opts o = { 0, 0 };
	struct dm_error err;
	const char *html = NULL;
	int json = 0, all = 0, kernel = 0, bad = 0, npids = 0, nprocs = 0;
	int *pids;
	struct dm_proc *procs;

	pids = calloc((size_t)argc, sizeof *pids);
	if (!pids)
		return 2;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (!strcmp(argv[i], "--pages"))
			o.pages = 1;
		else if (!strcmp(argv[i], "--all"))
			all = 1;
		else if (!strcmp(argv[i], "--kernel"))
			kernel = 1;
		else if (!strcmp(argv[i], "--html") && i + 1 < argc)
			html = argv[++i];
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage();
			free(pids);
			return 0;
		} else if (parse_pid(argv[i], &pids[npids]) == 0)
			npids++;
		else {
			fprintf(stderr, "dllmap: '%s' is not a pid or an option\n",
			        argv[i]);
			usage();
			free(pids);
			return 2;
		}
	}
	if ((json && html) || (all == (npids > 0))) {
		usage();
		free(pids);
		return 2;
	}
	if (all) {
		free(pids);
		npids = dm_record_pids(&pids, &err);
		if (npids < 0) {
			fprintf(stderr, "dllmap: %s\n", err.msg);
			return 1;
		}
		qsort(pids, (size_t)npids, sizeof *pids, cmp_int);
		if (npids == 0 && !json && !html) {
			char dir[400];
			dm_cache_dir(dir, sizeof dir);
			printf("no dllshare process is running (no live record "
			       "in %s/proc)\n", dir);
		}
	}
	o.colour = !json && !html && isatty(STDOUT_FILENO) &&
	           !getenv("NO_COLOR");

	procs = calloc(npids ? (size_t)npids : 1, sizeof *procs);
	if (!procs) {
		free(pids);
		return 2;
	}
	if (o.pages && !json && !html)
		dm_text_legend(stdout, &o);
	for (int i = 0; i < npids; i++) {
		struct dm_proc *p = &procs[nprocs];

		if (dm_proc_read(pids[i], kernel, p, &err) < 0) {
			fflush(stdout);
			fprintf(stderr, "dllmap: %s\n", err.msg);
			bad = 1;
			continue;
		}
		nprocs++;
		if (!json && !html)
			dm_text_print(stdout, p, &o);
	}
	if (json) {
		int array = all || npids > 1;

		if (array)
			printf("[");
		for (int i = 0; i < nprocs; i++) {
			if (i)
				printf(",\n");
			dm_json_print(stdout, &procs[i]);
		}
		if (array)
			printf("]");
		if (array || nprocs)
			printf("\n");
	}
	if (html) {
		if (dm_html_write(html, procs, nprocs, &err) < 0) {
			fprintf(stderr, "dllmap: %s\n", err.msg);
			bad = 1;
		} else {
			printf("dllmap: wrote %s (%d process%s)\n", html, nprocs,
			       nprocs == 1 ? "" : "es");
		}
	}
	for (int i = 0; i < nprocs; i++)
		dm_proc_free(&procs[i]);
	free(procs);
	free(pids);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "dllmap: writing the report: %s\n",
		        strerror(errno));
		return 1;
	}
	return bad;
}
