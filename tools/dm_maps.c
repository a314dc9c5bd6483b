/*
 * dm_maps.c — a process's mappings, from /proc/PID/maps.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tools/dm.h"

/* The uid pid runs as that is not ours (real, effective or saved, from
 * /proc/PID/status, which anyone may read), or -1 when all three are
 * ours or it cannot be told.  Not the owner of /proc/PID: the kernel
 * makes that root for a process that made itself non-dumpable. */
static long foreign_uid(int pid)
{
	char fn[40], line[256];
	unsigned long u[3];
	long found = -1;
	FILE *f;

	snprintf(fn, sizeof fn, "/proc/%d/status", pid);
	if (!(f = fopen(fn, "re")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "Uid: %lu %lu %lu", &u[0], &u[1], &u[2]) == 3) {
			for (int i = 0; i < 3 && found < 0; i++)
				if (u[i] != (unsigned long)geteuid())
					found = (long)u[i];
			break;
		}
	fclose(f);
	return found;
}

const char *dm_denied(int pid)
{
	static char msg[160];
	long uid;

	/* Root may read anyone's process unless the kernel says no. */
	if (geteuid() != 0 && (uid = foreign_uid(pid)) >= 0) {
		snprintf(msg, sizeof msg, "permission denied (another user's "
		         "process, uid %ld: run dllmap as that user or as "
		         "root)", uid);
		return msg;
	}
	/* Ours, or we are root: the kernel's ptrace check said no (a
	 * container without CAP_SYS_PTRACE, Yama's ptrace_scope, a
	 * process that made itself non-dumpable). */
	return "permission denied (the kernel does not let this process "
	       "read it: ptrace restrictions, a container without "
	       "CAP_SYS_PTRACE, or a non-dumpable process)";
}

int dm_fail(struct dm_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err) {
		err->code = code;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return code;
}

void dm_copy(char *dst, size_t n, const char *src)
{
	size_t k = strlen(src);

	if (k >= n)
		k = n - 1;
	memcpy(dst, src, k);
	dst[k] = '\0';
}

/* "start-end perms offset major:minor inode   path" */
int dm_maps_parse_line(const char *line, struct dm_map *e)
{
	int pos = 0;

	memset(e, 0, sizeof *e);
	if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %4s %" SCNx64 " %" SCNx64
	                 ":%" SCNx64 " %" SCNu64 "%n",
	           &e->start, &e->end, e->perms, &e->off, &e->dev_major,
	           &e->dev_minor, &e->inode, &pos) != 7)
		return -EINVAL;
	if (e->end < e->start || strlen(e->perms) != 4)
		return -EINVAL;
	line += pos;
	while (*line == ' ' || *line == '\t')
		line++;
	snprintf(e->path, sizeof e->path, "%s", line);
	e->path[strcspn(e->path, "\n")] = '\0';
	return 0;
}

int dm_maps_read(int pid, struct dm_maps *m, struct dm_error *err)
{
	char fn[64], *line = NULL;
	size_t linecap = 0;
	FILE *f;
	int cap = 0, rc;

	memset(m, 0, sizeof *m);
	snprintf(fn, sizeof fn, "/proc/%d/maps", pid);
	f = fopen(fn, "re");
	if (!f) {
		rc = -errno;
		if (rc == -ENOENT)
			return dm_fail(err, -ESRCH, "pid %d: no such process",
			               pid);
		if (rc == -EACCES || rc == -EPERM)
			return dm_fail(err, rc, "pid %d: %s: %s", pid, fn,
			               dm_denied(pid));
		return dm_fail(err, rc, "pid %d: %s: %s", pid, fn,
		               strerror(-rc));
	}
	/* getline: a line holds a path of up to PATH_MAX bytes. */
	while (getline(&line, &linecap, f) > 0) {
		if (m->n == cap) {
			cap = cap ? 2 * cap : 128;
			void *v = realloc(m->v, (size_t)cap * sizeof *m->v);
			if (!v) {
				rc = dm_fail(err, -ENOMEM, "pid %d: out of memory",
				             pid);
				goto fail;
			}
			m->v = v;
		}
		if (dm_maps_parse_line(line, &m->v[m->n]) < 0) {
			rc = dm_fail(err, -EINVAL, "pid %d: %s: bad line \"%.80s\"",
			             pid, fn, line);
			goto fail;
		}
		m->n++;
	}
	if (ferror(f)) {
		rc = -errno;
		rc = dm_fail(err, rc ? rc : -EIO, "pid %d: %s: %s", pid, fn,
		             rc == -EACCES || rc == -EPERM
		                     ? dm_denied(pid)
		                     : strerror(rc ? -rc : EIO));
		goto fail;
	}
	free(line);
	fclose(f);
	if (m->n == 0) /* a zombie, or a process that exited as we read */
		return dm_fail(err, -ESRCH, "pid %d: no mappings (the process "
		                            "exited or is a zombie)", pid);
	return 0;
fail:
	free(line);
	fclose(f);
	dm_maps_free(m);
	return rc;
}

void dm_maps_free(struct dm_maps *m)
{
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

const struct dm_map *dm_maps_find(const struct dm_maps *m, uint64_t va)
{
	int lo = 0, hi = m->n;

	/* maps lists mappings in address order: binary search. */
	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (va < m->v[mid].start)
			hi = mid;
		else if (va >= m->v[mid].end)
			lo = mid + 1;
		else
			return &m->v[mid];
	}
	return NULL;
}
