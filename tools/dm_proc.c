/*
 * dm_proc.c — the report of one process: its mappings, its images (from
 * the process record when dllshare started it, else from the kernel's
 * view alone), and the state of every page of every image.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tools/dm.h"

/* argv[0] from /proc/PID/cmdline (Wine shows the Windows program there),
 * else the command name. */
static void read_program(struct dm_proc *p)
{
	char fn[64];
	ssize_t n = -1;
	int fd;

	snprintf(fn, sizeof fn, "/proc/%d/cmdline", p->pid);
	fd = open(fn, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, p->program, sizeof p->program - 1);
		close(fd);
	}
	if (n > 0) {
		p->program[n] = '\0';
		return;
	}
	snprintf(fn, sizeof fn, "/proc/%d/comm", p->pid);
	fd = open(fn, O_RDONLY | O_CLOEXEC);
	n = fd >= 0 ? read(fd, p->program, sizeof p->program - 1) : -1;
	if (fd >= 0)
		close(fd);
	p->program[n > 0 ? n : 0] = '\0';
	p->program[strcspn(p->program, "\n")] = '\0';
}

/* Nonzero when one of p's modules starts at base. */
static int have_base(const struct dm_proc *p, uint64_t base)
{
	for (int i = 0; i < p->nmods; i++)
		if (p->mods[i].base == base)
			return 1;
	return 0;
}

/* An incomplete record (the cache filled): the images the kernel shows
 * that the record lacks are added from the kernel's view. */
static int add_kernel_images(struct dm_proc *p, const struct dm_maps *m,
                             struct dm_error *err)
{
	struct dm_proc k;
	int rc;

	memset(&k, 0, sizeof k);
	k.pid = p->pid;
	if ((rc = dm_kernel_images(&k, m, err)) < 0)
		return rc;
	for (int i = 0; i < k.nmods && rc == 0; i++) {
		struct dm_module *v;

		if (have_base(p, k.mods[i].base))
			continue;
		v = realloc(p->mods, (size_t)(p->nmods + 1) * sizeof *v);
		if (!v) {
			rc = dm_fail(err, -ENOMEM, "pid %d: out of memory",
			             p->pid);
			break;
		}
		p->mods = v;
		v[p->nmods] = k.mods[i];
		snprintf(v[p->nmods].note, sizeof v->note, "not in the record "
		         "(the cache was full): the kernel's view");
		p->nmods++;
		k.mods[i].secs = NULL; /* moved */
		k.mods[i].nsecs = 0;
	}
	dm_proc_free(&k);
	return rc;
}

int dm_proc_read(int pid, int kernel_only, struct dm_proc *p,
                 struct dm_error *err)
{
	struct dm_maps m;
	int rc;

	memset(p, 0, sizeof *p);
	p->pid = pid;
	if ((rc = dm_maps_read(pid, &m, err)) < 0)
		return rc;
	read_program(p);
	rc = kernel_only ? 0 : dm_record_images(p, &m, err);
	if (rc == -EBADMSG) {
		/* A record we cannot read: say so, and show what the
		 * kernel alone shows rather than nothing. */
		snprintf(p->rec_error, sizeof p->rec_error, "%s", err->msg);
		rc = 0;
	}
	if (rc < 0)
		goto fail;
	p->from_record = rc > 0;
	if (!p->from_record && (rc = dm_kernel_images(p, &m, err)) < 0)
		goto fail;
	if (p->rec_incomplete && (rc = add_kernel_images(p, &m, err)) < 0)
		goto fail;
	if ((rc = dm_pages_fill(p, &m, err)) < 0)
		goto fail;
	if (p->from_record)
		dm_record_reasons(p);
	if ((rc = dm_stacks_fill(p, &m, err)) < 0)
		goto fail;
	dm_maps_free(&m);
	return 0;
fail:
	dm_maps_free(&m);
	dm_proc_free(p);
	return rc;
}

void dm_proc_free(struct dm_proc *p)
{
	for (int i = 0; i < p->nmods; i++) {
		for (int s = 0; s < p->mods[i].nsecs; s++)
			free(p->mods[i].secs[s].pages);
		free(p->mods[i].secs);
	}
	for (int i = 0; i < p->nstacks; i++) {
		free(p->stacks[i].reason);
		free(p->stacks[i].kern);
		free(p->stacks[i].event);
	}
	free(p->stacks);
	p->stacks = NULL;
	p->nstacks = 0;
	free(p->mods);
	free(p->events);
	p->mods = NULL;
	p->events = NULL;
	p->nmods = p->nevents = 0;
}
