/*
 * handle.c — the process's handle table.
 *
 * A Windows HANDLE names a kernel object (file, thread, process, event,
 * mutex, heap).  Values are small multiples of 4, as Windows hands them
 * out; the pseudo-handles (HANDLE)-1 (current process) and -2 (current
 * thread) are recognised by their callers, not stored here.  Each entry
 * has the attributes of its handle, not of the object: two handles of
 * one object (DuplicateHandle) may differ in whether a child process
 * inherits them (HANDLE_FLAG_INHERIT) and whether CloseHandle may close
 * them (HANDLE_FLAG_PROTECT_FROM_CLOSE), and in the access they grant:
 * the rights asked when the handle was opened or duplicated, the generic
 * ones mapped to the object type's specific rights as Windows maps them
 * (every right for a handle its object's Create* made).
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "runtime/core/core.h"
#include "runtime/core/fault.h"

#define MAX_HANDLES 4096
#define HANDLE_FLAGS (HANDLE_FLAG_INHERIT | HANDLE_FLAG_PROTECT_FROM_CLOSE)

pthread_mutex_t rt_wait_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t rt_wait_cond = PTHREAD_COND_INITIALIZER;
uint32_t rt_wait_seq;

void rt_wait_broadcast(void)
{
	__atomic_add_fetch(&rt_wait_seq, 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, &rt_wait_seq, FUTEX_WAKE_PRIVATE, INT_MAX, 0, 0, 0);
	pthread_cond_broadcast(&rt_wait_cond);
}

struct slot {
	struct rt_object *o; /* NULL: free */
	DWORD flags;	     /* HANDLE_FLAG_* */
	DWORD access;	     /* granted, generic rights mapped */
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot table[MAX_HANDLES] LD_LARGE_BSS;
static HANDLE std_handles[3];
static int std_made[3];

struct rt_object *rt_object_new(enum rt_htype type)
{
	struct rt_object *o = calloc(1, sizeof(*o));

	if (!o)
		return 0;
	o->type = type;
	o->refs = 1;
	o->fd = -1;
	o->share_fd = -1;
	return o;
}

void (*rt_file_free_hook)(struct rt_object *o);

static void object_free(struct rt_object *o)
{
	if (o->type == RT_H_FILE && o->share_fd >= 0 && rt_file_free_hook)
		rt_file_free_hook(o);
	/* A named object goes with the last handle of any process. */
	if (o->named)
		munmap(o->named, RT_NAMED_SIZE);
	if (o->path) {
		if (o->fd >= 0)
			rt_shared_close(o->fd, o->path);
		o->fd = -1;
		free(o->path);
	}
	if ((o->type == RT_H_FILE || o->type == RT_H_PROCESS ||
	     o->type == RT_H_MAPPING || o->named || o->process) &&
	    o->fd >= 0 && !o->std_handle)
		close(o->fd); /* and with it the fd's OFD locks */
	if (o->share_fd >= 0)
		close(o->share_fd); /* its sharing mode */
	free(o->locks);
	free(o->thread);
	free(o->description);
	free(o->key);
	if (o->process)
		rt_object_put(o->process);
	free(o);
}

void rt_object_get(struct rt_object *o)
{
	pthread_mutex_lock(&table_lock);
	o->refs++;
	pthread_mutex_unlock(&table_lock);
}

void rt_object_put(struct rt_object *o)
{
	int last;

	pthread_mutex_lock(&table_lock);
	last = --o->refs == 0;
	pthread_mutex_unlock(&table_lock);
	if (last)
		object_free(o);
}

int rt_handle_fd(HANDLE h)
{
	struct rt_object *o = rt_handle_get(h, RT_H_FILE);
	int fd;

	if (!o)
		return -1;
	fd = o->fd;
	rt_object_put(o);
	return fd;
}

/* What each generic right means for a type, and its every right: the
 * GENERIC_MAPPING of each object type, as Wine's NtQueryObject reports
 * them (a heap is no kernel object: every right, and so for a type
 * missing here).  A query or set right grants its limited form too
 * (Windows since Vista). */
struct generic_map {
	DWORD read, write, execute, all;
	DWORD query, query_limited, set, set_limited;
};

#define MAP(r, w, x, a) .read = r, .write = w, .execute = x, .all = a

static const struct generic_map maps[] = {
	[RT_H_FILE] = {MAP(0x120089, 0x120116, 0x1200a0, 0x1f01ff)},
	[RT_H_THREAD] = {MAP(0x20848, 0x20437, 0x121800, 0x1fffff),
			 .query = 0x40, .query_limited = 0x800, .set = 0x20,
			 .set_limited = 0x400},
	[RT_H_PROCESS] = {MAP(0x21410, 0x22bea, 0x121001, 0x1fffff),
			  .query = 0x400, .query_limited = 0x1000, .set = 0x200,
			  .set_limited = 0x2000},
	[RT_H_EVENT] = {MAP(0x20001, 0x20002, 0x120000, 0x1f0003)},
	[RT_H_MUTEX] = {MAP(0x20001, 0x20000, 0x120000, 0x1f0001)},
	[RT_H_HEAP] = {MAP(0x1fffff, 0x1fffff, 0x1fffff, 0x1fffff)},
	[RT_H_SEMAPHORE] = {MAP(0x20001, 0x20002, 0x120000, 0x1f0003)},
	[RT_H_MAPPING] = {MAP(0x20005, 0x20002, 0x20008, 0xf001f)},
	[RT_H_KEY] = {MAP(0x20019, 0x20006, 0x20039, 0xf003f)},
};

#define GENERIC_RIGHTS                                                         \
	(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL)

DWORD rt_access_map(enum rt_htype type, DWORD access)
{
	const struct generic_map *m = &maps[RT_H_HEAP];

	if ((unsigned)type < sizeof(maps) / sizeof(maps[0]) && maps[type].all)
		m = &maps[type];
	/* MAXIMUM_ALLOWED: all there is, no security descriptor denying. */
	if (access & MAXIMUM_ALLOWED)
		return m->all;
	if (access & GENERIC_READ)
		access |= m->read;
	if (access & GENERIC_WRITE)
		access |= m->write;
	if (access & GENERIC_EXECUTE)
		access |= m->execute;
	if (access & GENERIC_ALL)
		access |= m->all;
	if (access & m->query)
		access |= m->query_limited;
	if (access & m->set)
		access |= m->set_limited;
	return access & ~GENERIC_RIGHTS;
}

HANDLE rt_handle_new_access(struct rt_object *o, DWORD flags, DWORD access)
{
	access = rt_access_map(o->type, access);
	pthread_mutex_lock(&table_lock);
	for (int i = 0; i < MAX_HANDLES; i++) {
		if (!table[i].o) {
			table[i].o = o;
			table[i].flags = flags & HANDLE_FLAGS;
			table[i].access = access;
			pthread_mutex_unlock(&table_lock);
			return (HANDLE)(uintptr_t)((i + 1) * 4);
		}
	}
	pthread_mutex_unlock(&table_lock);
	rt_object_put(o);
	rt_set_last_error(ERROR_TOO_MANY_OPEN_FILES);
	return 0;
}

HANDLE rt_handle_new_flags(struct rt_object *o, DWORD flags)
{
	return rt_handle_new_access(o, flags, GENERIC_ALL);
}

HANDLE rt_handle_new(struct rt_object *o)
{
	return rt_handle_new_flags(o, 0);
}

static int handle_index(HANDLE h)
{
	uintptr_t v = (uintptr_t)h;

	if (v == 0 || v % 4 || v / 4 > MAX_HANDLES)
		return -1;
	return (int)(v / 4 - 1);
}

int rt_handle_new_at(HANDLE h, struct rt_object *o, DWORD flags)
{
	int i = handle_index(h), ok = 0;

	pthread_mutex_lock(&table_lock);
	if (i >= 0 && !table[i].o) {
		table[i].o = o;
		table[i].flags = flags & HANDLE_FLAGS;
		table[i].access = rt_access_map(o->type, GENERIC_ALL);
		ok = 1;
	}
	pthread_mutex_unlock(&table_lock);
	if (ok)
		return 0;
	rt_object_put(o);
	return -1;
}

struct rt_object *rt_handle_get(HANDLE h, int type)
{
	struct rt_object *o = 0;
	int i = handle_index(h);

	pthread_mutex_lock(&table_lock);
	if (i >= 0 && table[i].o && (!type || (int)table[i].o->type == type)) {
		o = table[i].o;
		o->refs++;
	}
	pthread_mutex_unlock(&table_lock);
	if (!o)
		rt_set_last_error(ERROR_INVALID_HANDLE);
	return o;
}

struct rt_object *rt_handle_get_access(HANDLE h, int type, DWORD need)
{
	struct rt_object *o = 0;
	int i = handle_index(h), denied = 0;

	pthread_mutex_lock(&table_lock);
	if (i >= 0 && table[i].o && (!type || (int)table[i].o->type == type)) {
		if ((table[i].access & need) == need) {
			o = table[i].o;
			o->refs++;
		} else {
			denied = 1;
		}
	}
	pthread_mutex_unlock(&table_lock);
	if (!o)
		rt_set_last_error(denied ? ERROR_ACCESS_DENIED
					 : ERROR_INVALID_HANDLE);
	return o;
}

/* Handle h's slot, the table lock held, or NULL (the lock released,
 * ERROR_INVALID_HANDLE) when h names nothing. */
static struct slot *locked_slot(HANDLE h)
{
	int i = handle_index(h);

	pthread_mutex_lock(&table_lock);
	if (i >= 0 && table[i].o)
		return &table[i];
	pthread_mutex_unlock(&table_lock);
	rt_set_last_error(ERROR_INVALID_HANDLE);
	return NULL;
}

int rt_handle_access(HANDLE h, DWORD *access)
{
	struct slot *sl = locked_slot(h);

	if (!sl)
		return -1;
	*access = sl->access;
	pthread_mutex_unlock(&table_lock);
	return 0;
}

int rt_handle_set_access(HANDLE h, DWORD access)
{
	struct slot *sl = locked_slot(h);

	if (!sl)
		return -1;
	sl->access = rt_access_map(sl->o->type, access);
	pthread_mutex_unlock(&table_lock);
	return 0;
}

int rt_handle_flags(HANDLE h, DWORD *flags)
{
	struct slot *sl = locked_slot(h);

	if (!sl)
		return -1;
	*flags = sl->flags;
	pthread_mutex_unlock(&table_lock);
	return 0;
}

int rt_handle_set_flags(HANDLE h, DWORD mask, DWORD flags)
{
	struct slot *sl = locked_slot(h);

	if (!sl)
		return -1;
	mask &= HANDLE_FLAGS;
	sl->flags = (sl->flags & ~mask) | (flags & mask);
	pthread_mutex_unlock(&table_lock);
	return 0;
}

int rt_handles_inheritable(struct rt_handle_ref **out, size_t *n)
{
	size_t k = 0;

	*out = 0;
	*n = 0;
	pthread_mutex_lock(&table_lock);
	for (int i = 0; i < MAX_HANDLES; i++)
		k += table[i].o && (table[i].flags & HANDLE_FLAG_INHERIT);
	if (k && !(*out = malloc(k * sizeof(**out)))) {
		pthread_mutex_unlock(&table_lock);
		return -1;
	}
	for (int i = 0; i < MAX_HANDLES; i++) {
		if (!table[i].o || !(table[i].flags & HANDLE_FLAG_INHERIT))
			continue;
		table[i].o->refs++;
		(*out)[*n].h = (HANDLE)(uintptr_t)((i + 1) * 4);
		(*out)[*n].flags = table[i].flags;
		(*out)[(*n)++].o = table[i].o;
	}
	pthread_mutex_unlock(&table_lock);
	return 0;
}

void rt_handles_foreach(void (*fn)(struct rt_object *, void *), void *arg)
{
	pthread_mutex_lock(&table_lock);
	for (int i = 0; i < MAX_HANDLES; i++)
		if (table[i].o)
			fn(table[i].o, arg);
	pthread_mutex_unlock(&table_lock);
}

void rt_handles_release_shared(void)
{
	pthread_mutex_lock(&table_lock);
	for (int i = 0; i < MAX_HANDLES; i++) {
		struct rt_object *o = table[i].o;

		if (o && o->path && o->fd >= 0) {
			rt_shared_close(o->fd, o->path);
			o->fd = -1;
		}
		if (o && o->type == RT_H_FILE && o->share_fd >= 0 &&
		    rt_file_free_hook) {
			rt_file_free_hook(o);
			close(o->share_fd);
			o->share_fd = -1;
		}
	}
	pthread_mutex_unlock(&table_lock);
}

int rt_handle_close(HANDLE h)
{
	struct rt_object *o = 0;
	int i = handle_index(h);

	pthread_mutex_lock(&table_lock);
	if (i >= 0 && !(table[i].flags & HANDLE_FLAG_PROTECT_FROM_CLOSE)) {
		o = table[i].o;
		table[i].o = 0;
		table[i].flags = 0;
		table[i].access = 0;
	}
	for (int k = 0; k < 3; k++)
		if (o && std_handles[k] == h)
			std_handles[k] = 0;
	pthread_mutex_unlock(&table_lock);
	if (!o) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return -1;
	}
	rt_object_put(o);
	return 0;
}

HANDLE rt_std_handle(int which)
{
	HANDLE h;

	pthread_mutex_lock(&table_lock);
	h = std_handles[which];
	if (!h && !std_made[which]) {
		struct rt_object *o;

		std_made[which] = 1;
		pthread_mutex_unlock(&table_lock);
		o = rt_object_new(RT_H_FILE);
		if (!o)
			return 0;
		o->fd = which;
		o->std_handle = 1;
		h = rt_handle_new_flags(o, HANDLE_FLAG_INHERIT);
		pthread_mutex_lock(&table_lock);
		std_handles[which] = h;
	}
	pthread_mutex_unlock(&table_lock);
	return h;
}

void rt_set_std_handle(int which, HANDLE h)
{
	pthread_mutex_lock(&table_lock);
	std_handles[which] = h;
	std_made[which] = 1;
	pthread_mutex_unlock(&table_lock);
}

void rt_object_signal(struct rt_object *o)
{
	pthread_mutex_lock(&rt_wait_lock);
	o->signaled = 1;
	rt_wait_broadcast();
	pthread_mutex_unlock(&rt_wait_lock);
}

int rt_prepare_write(void *p, size_t n)
{
	if (!n)
		return 0;
	return rt_fault_prepare_write(p, n);
}
