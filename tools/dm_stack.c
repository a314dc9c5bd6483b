/*
 * dm_stack.c — Windows thread stacks of a dllshare process, checked
 * against the kernel.
 *
 * The record says where each stack is reserved, where its committed part
 * begins, where its guard page is and why each page was committed
 * (dm_record.c).  Here the kernel says what those pages are: a committed
 * page is read-write in /proc/PID/maps (resident in pagemap once
 * touched), a reserved page or the guard page is ---p and never
 * resident.  A page where the two disagree is counted and drawn '!'.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loader/record.h"
#include "tools/dm.h"

const char *dm_stack_reason_name(int reason)
{
	switch (reason) {
	case LD_REC_STACK_INITIAL: return "initial";
	case LD_REC_STACK_GUARD: return "guard";
	case LD_REC_STACK_FRAME: return "frame";
	case LD_REC_STACK_OVERFLOW: return "overflow";
	case LD_REC_STACK_DISPATCH: return "dispatch";
	default: return "";
	}
}

/* Nonzero when page k of s is what the record says it is, to the
 * kernel: committed and read-write, or reserved (or guard), ---p and
 * not resident. */
static int agrees(const struct dm_stack *s, uint32_t k)
{
	if (s->reason[k])
		return (s->kern[k] & DM_STK_RW) != 0;
	return (s->kern[k] & DM_STK_NONE) &&
	       !(s->kern[k] & (DM_STK_RESIDENT | DM_STK_SWAPPED));
}

char dm_stack_char(const struct dm_stack *s, uint32_t k)
{
	uint64_t va = s->lo + (uint64_t)k * DM_PAGE;

	if (!agrees(s, k))
		return '!';
	if (s->reason[k])
		return s->kern[k] & DM_STK_RESIDENT ? 'C' : 'c';
	return s->guard && va == s->guard ? 'G' : '_';
}

/* Fills s->kern, the counts and the disagreements. */
static int fill_one(int fd, struct dm_stack *s, const struct dm_maps *m)
{
	uint64_t *pme = calloc(s->npages, 8);
	int rc;

	if (!pme)
		return -ENOMEM;
	if ((rc = dm_read_pagemap(fd, s->lo, s->npages, pme)) < 0) {
		free(pme);
		return rc;
	}
	s->committed = s->resident = s->disagree = 0;
	for (uint32_t k = 0; k < s->npages; k++) {
		uint64_t va = s->lo + (uint64_t)k * DM_PAGE;
		const struct dm_map *e = dm_maps_find(m, va);

		s->kern[k] = 0;
		if (pme[k] & DM_PM_PRESENT)
			s->kern[k] |= DM_STK_RESIDENT;
		if (pme[k] & DM_PM_SWAPPED)
			s->kern[k] |= DM_STK_SWAPPED;
		if (e && e->perms[0] == 'r' && e->perms[1] == 'w')
			s->kern[k] |= DM_STK_RW;
		if (e && !strncmp(e->perms, "---", 3))
			s->kern[k] |= DM_STK_NONE;
		s->committed += s->reason[k] != 0;
		s->resident += (s->kern[k] & DM_STK_RESIDENT) != 0;
		s->disagree += !agrees(s, k);
	}
	free(pme);
	return 0;
}

int dm_stacks_fill(struct dm_proc *p, const struct dm_maps *m,
                   struct dm_error *err)
{
	char fn[64];
	int fd, rc = 0;

	if (!p->nstacks)
		return 0;
	snprintf(fn, sizeof fn, "/proc/%d/pagemap", p->pid);
	if ((fd = open(fn, O_RDONLY | O_CLOEXEC)) < 0)
		return dm_fail(err, errno == ENOENT ? -ESRCH : -errno,
		               "pid %d: %s: %s", p->pid, fn, strerror(errno));
	for (int i = 0; i < p->nstacks && rc == 0; i++)
		rc = fill_one(fd, &p->stacks[i], m);
	close(fd);
	if (rc < 0)
		return dm_fail(err, rc, "pid %d: %s", p->pid,
		               rc == -ESRCH ? "exited while being read"
		                            : strerror(-rc));
	return 0;
}
