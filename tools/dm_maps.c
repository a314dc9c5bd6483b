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

const char *dm_denied(int pid)
{
	char fn[32];
	struct stat st;

	snprintf(fn, sizeof fn, "/proc/%d", pid);
	if (stat(fn, &st) == 0 && st.st_uid != geteuid() && geteuid() != 0)
		return "permission denied (another user's process: run "
		       "dllmap as that user or as root)";
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
