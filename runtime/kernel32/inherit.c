/*
 * inherit.c — kernel32: what a child process gets from CreateProcess
 * besides its command line and environment: the handles it inherits, its
 * standard handles, and STARTUPINFO's lpReserved2 (where a C runtime
 * hands its descriptor table to a child).
 *
 * With bInheritHandles, Windows copies every inheritable handle of the
 * parent into the child's table, at the same value, naming the same
 * object.  The child here is a new dllshare (spawn.c execs it), so only
 * objects that are Linux file descriptors can cross: files, pipes,
 * consoles, file mappings (a mapping holds the file's fd, a memfd or
 * a shared memory object), and events, mutexes and semaphores whose
 * state is shared memory: a named one (the child gets a descriptor of
 * its own, held from before the fork: runtime/core/lifetime.c) or one
 * created inheritable (a memfd, kernel32/named.c).  A duplicate of each object's fds stays open
 * across exec — the same open file description, so the file pointer and
 * the sharing mode are shared as Windows shares the file object — and
 * DLLSHARE_HANDLES tells the child's kernel32 which handle each is
 * (rt_k32_inherit_take, at process attach, before any Windows code runs;
 * it removes the variable from the environment).  An object that lives
 * in this process's memory (thread, process, an unnamed event, mutex or
 * semaphore made inheritable after its creation) cannot cross: an inheritable one makes CreateProcess with
 * bInheritHandles fail with ERROR_NOT_SUPPORTED rather than start a
 * child without it.
 *
 * The standard handles, those of STARTF_USESTDHANDLES or else the
 * parent's current ones, become the child's fds 0, 1, 2; what the
 * child's GetStdHandle returns is Wine's answer: with bInheritHandles the
 * parent's values where those handles are inherited and NULL where not;
 * without, handles of the child's own on them, inheritable as a first
 * process's are.  A standard handle that is no file is NULL in the child
 * (its fd /dev/null).
 *
 * DLLSHARE_HANDLES is a list of words separated by spaces, numbers in
 * decimal:
 *   f<fd>,<share fd>,<overlapped>   a file object (share fd -1: none)
 *   m<fd>,<protection>              a mapping object
 *   h<value>,<attributes>           a handle of the object listed before
 *   s<i>,<value>                    standard handle i (value 0: NULL)
 * DLLSHARE_RESERVED2 is lpReserved2's bytes in hex.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

#define HANDLES_VAR   "DLLSHARE_HANDLES"
#define RESERVED2_VAR "DLLSHARE_RESERVED2"

/* ---- the parent ------------------------------------------------------ */

static const char *type_name(enum rt_htype t)
{
	switch (t) {
	case RT_H_THREAD: return "thread";
	case RT_H_PROCESS: return "process";
	case RT_H_EVENT: return "event";
	case RT_H_MUTEX: return "mutex";
	case RT_H_HEAP: return "heap";
	case RT_H_SEMAPHORE: return "semaphore";
	default: return "object";
	}
}

/* Files and mappings cross as their fds; events, mutexes and semaphores
 * whose state is shared memory (named, or made inheritable) as theirs. */
static int crosses(const struct rt_object *o)
{
	return o->type == RT_H_FILE || o->type == RT_H_MAPPING || o->named;
}

static int by_object(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct rt_handle_ref *)a)->o;
	uintptr_t y = (uintptr_t)((const struct rt_handle_ref *)b)->o;

	return x < y ? -1 : x > y;
}

/* A duplicate of fd for the child to keep: above 0..2, which its standard
 * streams replace, and its own, so that no two objects of the child
 * share an fd (each closes its own).  The fd, or -1 (errno) when out of
 * memory or fds. */
static int keep_fd(struct rt_k32_inherit *ci, int fd)
{
	int *k = realloc(ci->keep, (ci->nkeep + 1) * sizeof(int));
	int *m;

	if (!k)
		return -1;
	ci->keep = k;
	m = realloc(ci->made, (ci->nmade + 1) * sizeof(int));
	if (!m)
		return -1;
	ci->made = m;
	fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	if (fd < 0)
		return -1;
	ci->made[ci->nmade++] = fd;
	ci->keep[ci->nkeep++] = fd;
	return fd;
}

/* A new open file description of the named object on fd, held
 * (runtime/core/lifetime.c), for the child: its hold is the child's
 * from the start, so the object cannot go between the parent's close
 * and the child's start.  Kept as keep_fd keeps; the fd or -1. */
static int keep_held(struct rt_k32_inherit *ci, int of)
{
	char self[40];
	int fd, kept;

	snprintf(self, sizeof self, "/proc/self/fd/%d", of);
	fd = open(self, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (rt_shared_hold(fd) < 0) {
		close(fd);
		return -1;
	}
	kept = keep_fd(ci, fd);
	close(fd); /* kept holds the description, and with it the hold */
	return kept;
}

/* The words of one object (its fds kept for the child). */
static int put_object(struct rt_k32_inherit *ci, FILE *w,
		      const struct rt_object *o)
{
	int fd, share = -1;

	if (o->named) {
		fd = o->path ? keep_held(ci, o->fd) : keep_fd(ci, o->fd);
		if (fd < 0)
			return -1;
		return fprintf(w, "n%d,%d,%d ", fd, (int)o->type,
			       o->path != 0) < 0 ? -1 : 0;
	}
	if ((fd = keep_fd(ci, o->fd)) < 0)
		return -1;
	if (o->type == RT_H_MAPPING)
		return fprintf(w, "m%d,%d ", fd, o->count) < 0 ? -1 : 0;
	if (o->share_fd >= 0 && (share = keep_fd(ci, o->share_fd)) < 0)
		return -1;
	return fprintf(w, "f%d,%d,%d ", fd, share, o->overlapped) < 0 ? -1 : 0;
}

/* The inheritable handles, grouped by object, in w; FALSE with the last
 * error when one cannot cross (or out of memory or fds). */
static BOOL put_handles(const char *fn, struct rt_k32_inherit *ci, FILE *w)
{
	struct rt_handle_ref *hs;
	size_t n, i;
	BOOL ok = TRUE;

	if (rt_handles_inheritable(&hs, &n) < 0) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	for (i = 0; i < n && ok; i++)
		if (!crosses(hs[i].o))
			ok = rt_refuse(ERROR_NOT_SUPPORTED, fn,
				       "bInheritHandles: handle %p (%s) is "
				       "inheritable and cannot leave this "
				       "process",
				       hs[i].h, type_name(hs[i].o->type));
	if (ok)
		qsort(hs, n, sizeof(*hs), by_object);
	for (i = 0; i < n && ok; i++) {
		int first = i == 0 || hs[i].o != hs[i - 1].o;

		if ((first && put_object(ci, w, hs[i].o) < 0) ||
		    fprintf(w, "h%llu,%lu ",
			    (unsigned long long)(uintptr_t)hs[i].h,
			    (unsigned long)hs[i].flags) < 0) {
			rt_set_last_error(errno == EMFILE
						  ? ERROR_TOO_MANY_OPEN_FILES
						  : ERROR_NOT_ENOUGH_MEMORY);
			ok = FALSE;
		}
	}
	if (ok && n && ld_trace_on)
		ld_trace("%s: the child inherits %zu handles", fn, n);
	for (i = 0; i < n; i++)
		rt_object_put(hs[i].o);
	free(hs);
	return ok;
}

/* /dev/null for the child's standard stream that has no file. */
static int null_fd(struct rt_k32_inherit *ci)
{
	int *m, fd;

	if (ci->null_fd >= 0)
		return ci->null_fd;
	m = realloc(ci->made, (ci->nmade + 1) * sizeof(int));
	if (!m)
		return -1;
	ci->made = m;
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0)
		ci->made[ci->nmade++] = ci->null_fd = fd;
	return fd;
}

/* Standard stream i of the child: the fd it is made from and, when its
 * handle is not one of the child's own making, its word. */
static int put_std(struct rt_k32_inherit *ci, FILE *w, int i, HANDLE h,
		   BOOL all)
{
	struct rt_object *o = h ? rt_handle_get(h, RT_H_FILE) : 0, **r;
	DWORD flags = 0;

	if (o && all &&
	    (rt_handle_flags(h, &flags) < 0 || !(flags & HANDLE_FLAG_INHERIT))) {
		rt_object_put(o);
		o = 0;
	}
	if (!o) {
		ci->std_fd[i] = null_fd(ci);
		if (ci->std_fd[i] < 0)
			return -1;
		return fprintf(w, "s%d,0 ", i) < 0 ? -1 : 0;
	}
	r = realloc(ci->refs, (ci->nrefs + 1) * sizeof(*r));
	if (!r) {
		rt_object_put(o);
		return -1;
	}
	ci->refs = r;
	ci->refs[ci->nrefs++] = o;
	ci->std_fd[i] = o->fd;
	if (!all)
		return 0;
	return fprintf(w, "s%d,%llu ", i, (unsigned long long)(uintptr_t)h) < 0
		       ? -1
		       : 0;
}

/* "DLLSHARE_RESERVED2=<hex>", or NULL (errno ENOMEM) */
static char *reserved2_env(const BYTE *p, WORD n)
{
	size_t len = strlen(RESERVED2_VAR) + 1;
	char *s = malloc(len + 2 * (size_t)n + 1);

	if (!s)
		return 0;
	memcpy(s, RESERVED2_VAR "=", len);
	for (WORD i = 0; i < n; i++)
		snprintf(s + len + 2 * i, 3, "%02x", p[i]);
	s[len + 2 * (size_t)n] = 0;
	return s;
}

BOOL rt_k32_inherit_prepare(const char *fn, BOOL all, const STARTUPINFOA *si,
			    struct rt_k32_inherit *ci)
{
	DWORD saved = w32_GetLastError();
	int use = si && (si->dwFlags & STARTF_USESTDHANDLES);
	HANDLE std[3] = {use ? si->hStdInput : rt_std_handle(0),
			 use ? si->hStdOutput : rt_std_handle(1),
			 use ? si->hStdError : rt_std_handle(2)};
	size_t len = 0;
	FILE *w;

	memset(ci, 0, sizeof(*ci));
	ci->null_fd = -1;
	w = open_memstream(&ci->handles_env, &len);
	if (!w || fputs(HANDLES_VAR "=", w) < 0)
		goto nomem;
	if (all && !put_handles(fn, ci, w)) {
		fclose(w);
		goto fail;
	}
	for (int i = 0; i < 3; i++)
		if (put_std(ci, w, i, std[i], all) < 0) {
			fclose(w);
			goto nomem;
		}
	if (fclose(w) != 0)
		goto nomem;
	if (len == strlen(HANDLES_VAR "=")) { /* nothing to say */
		free(ci->handles_env);
		ci->handles_env = 0;
	}
	if (si && si->cbReserved2 && si->lpReserved2 &&
	    !(ci->reserved2_env = reserved2_env(si->lpReserved2,
						 si->cbReserved2)))
		goto nomem;
	rt_set_last_error(saved);
	return TRUE;
nomem:
	rt_set_last_error(errno == EMFILE ? ERROR_TOO_MANY_OPEN_FILES
					  : ERROR_NOT_ENOUGH_MEMORY);
fail:
	rt_k32_inherit_release(ci);
	return FALSE;
}

void rt_k32_inherit_keep(const struct rt_k32_inherit *ci)
{
	for (size_t i = 0; i < ci->nkeep; i++)
		fcntl(ci->keep[i], F_SETFD, 0);
}

void rt_k32_inherit_release(struct rt_k32_inherit *ci)
{
	for (size_t i = 0; i < ci->nmade; i++)
		close(ci->made[i]);
	for (size_t i = 0; i < ci->nrefs; i++)
		rt_object_put(ci->refs[i]);
	free(ci->made);
	free(ci->keep);
	free(ci->refs);
	free(ci->handles_env);
	free(ci->reserved2_env);
	memset(ci, 0, sizeof(*ci));
	ci->null_fd = -1;
}

/* ---- the child ------------------------------------------------------- */

static BYTE *reserved2;
static WORD reserved2_len;

const BYTE *rt_k32_reserved2(WORD *n)
{
	*n = reserved2_len;
	return reserved2;
}

/* An inherited fd: one of ours (above the standard ones, open), made
 * close-on-exec again so that only what a later CreateProcess passes on
 * reaches a grandchild.  0 or -1. */
static int take_fd(long long fd)
{
	if (fd < 3 || fd > 0x7fffffff)
		return -1;
	return fcntl((int)fd, F_SETFD, FD_CLOEXEC);
}

/* The object a word f or m describes, with one reference; NULL when its
 * fds are not ours. */
static struct rt_object *take_object(char kind, const long long *v, int n)
{
	struct rt_object *o;

	if (n < 2 || take_fd(v[0]) < 0)
		return 0;
	o = rt_object_new(kind == 'f' ? RT_H_FILE : RT_H_MAPPING);
	if (!o)
		return 0;
	o->fd = (int)v[0];
	if (kind == 'm') {
		o->count = (int)v[1]; /* the protection */
		return o;
	}
	if (v[1] >= 0 && take_fd(v[1]) == 0) {
		o->share_fd = (int)v[1];
		rt_file_free_hook = rt_k32_share_leave;
	}
	o->overlapped = n > 2 && v[2] != 0;
	return o;
}

/* The event, mutex or semaphore a word n describes (fd, type, named),
 * with one reference; NULL when it is not one.  A named one's fd holds
 * it already (keep_held); its name is the file's. */
static struct rt_object *take_named(const long long *v, int n)
{
	char self[40], path[4096];
	struct rt_object *o;
	ssize_t len = 0;
	HANDLE h;

	if (n < 3 || take_fd(v[0]) < 0 ||
	    (v[1] != RT_H_EVENT && v[1] != RT_H_MUTEX &&
	     v[1] != RT_H_SEMAPHORE))
		return 0;
	if (v[2]) {
		snprintf(self, sizeof self, "/proc/self/fd/%d", (int)v[0]);
		len = readlink(self, path, sizeof path - 1);
		if (len <= 0 || len >= (ssize_t)sizeof path - 1)
			return 0;
		path[len] = 0;
		rt_shared_at_exit();
	}
	/* Entered for a moment to make the object, then taken out: the
	 * h words enter it at the parent's values. */
	h = rt_k32_named_adopt((int)v[0], v[2] ? path : 0,
			       (enum rt_htype)v[1], 0);
	if (!h || !(o = rt_handle_get(h, 0)))
		return 0;
	rt_handle_close(h);
	return o;
}

static void take_handles(const char *s)
{
	struct rt_object *cur = 0;

	while (*s) {
		char kind = *s++, *end;
		long long v[3];
		int n = 0;

		while (n < 3) {
			v[n++] = strtoll(s, &end, 10);
			s = end;
			if (*s != ',')
				break;
			s++;
		}
		if (kind == 'f' || kind == 'm') {
			if (cur)
				rt_object_put(cur);
			cur = take_object(kind, v, n);
		} else if (kind == 'n') {
			if (cur)
				rt_object_put(cur);
			cur = take_named(v, n);
		} else if (kind == 'h' && cur && n == 2) {
			rt_object_get(cur);
			rt_handle_new_at((HANDLE)(uintptr_t)v[0], cur,
					 (DWORD)v[1]);
		} else if (kind == 's' && n == 2 && v[0] >= 0 && v[0] < 3) {
			HANDLE h = (HANDLE)(uintptr_t)v[1];
			DWORD flags;

			/* NULL, or one of those just taken */
			if (h && rt_handle_flags(h, &flags) < 0)
				h = 0;
			rt_set_std_handle((int)v[0], h);
		}
		while (*s && *s != ' ')
			s++;
		while (*s == ' ')
			s++;
	}
	if (cur)
		rt_object_put(cur);
}

static void take_reserved2(const char *s)
{
	size_t n = strlen(s) / 2;

	if (n == 0 || n > 0xffff || !(reserved2 = malloc(n)))
		return;
	for (size_t i = 0; i < n; i++) {
		unsigned b;

		if (sscanf(s + 2 * i, "%2x", &b) != 1) {
			free(reserved2);
			reserved2 = 0;
			return;
		}
		reserved2[i] = (BYTE)b;
	}
	reserved2_len = (WORD)n;
}

void rt_k32_inherit_take(void)
{
	const char *h = getenv(HANDLES_VAR), *r = getenv(RESERVED2_VAR);

	if (h)
		take_handles(h);
	if (r)
		take_reserved2(r);
	unsetenv(HANDLES_VAR);
	unsetenv(RESERVED2_VAR);
}
