/*
 * handle.c — the process's handle table.
 *
 * A Windows HANDLE names a kernel object (file, thread, process, event,
 * mutex, heap).  Values are small multiples of 4, as Windows hands them
 * out; the pseudo-handles (HANDLE)-1 (current process) and -2 (current
 * thread) are recognised by their callers, not stored here.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runtime/core/core.h"
#include "runtime/core/fault.h"

#define MAX_HANDLES 4096

pthread_mutex_t rt_wait_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t rt_wait_cond = PTHREAD_COND_INITIALIZER;

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct rt_object *table[MAX_HANDLES];
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

static void object_free(struct rt_object *o)
{
	/* A named mapping this process created goes with its last handle
	 * here (Windows keeps it while any process has one: an
	 * approximation — the creator is usually the last user). */
	if (o->shm) {
		shm_unlink(o->shm);
		free(o->shm);
	}
	if ((o->type == RT_H_FILE || o->type == RT_H_PROCESS ||
	     o->type == RT_H_MAPPING) &&
	    o->fd >= 0 && !o->std_handle)
		close(o->fd); /* and with it the fd's OFD locks */
	if (o->share_fd >= 0)
		close(o->share_fd); /* its sharing mode */
	free(o->locks);
	free(o->thread);
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

HANDLE rt_handle_new(struct rt_object *o)
{
	pthread_mutex_lock(&table_lock);
	for (int i = 0; i < MAX_HANDLES; i++) {
		if (!table[i]) {
			table[i] = o;
			pthread_mutex_unlock(&table_lock);
			return (HANDLE)(uintptr_t)((i + 1) * 4);
		}
	}
	pthread_mutex_unlock(&table_lock);
	rt_object_put(o);
	rt_set_last_error(ERROR_TOO_MANY_OPEN_FILES);
	return 0;
}

static int handle_index(HANDLE h)
{
	uintptr_t v = (uintptr_t)h;

	if (v == 0 || v % 4 || v / 4 > MAX_HANDLES)
		return -1;
	return (int)(v / 4 - 1);
}

struct rt_object *rt_handle_get(HANDLE h, int type)
{
	struct rt_object *o = 0;
	int i = handle_index(h);

	pthread_mutex_lock(&table_lock);
	if (i >= 0 && table[i] && (!type || (int)table[i]->type == type)) {
		o = table[i];
		o->refs++;
	}
	pthread_mutex_unlock(&table_lock);
	if (!o)
		rt_set_last_error(ERROR_INVALID_HANDLE);
	return o;
}

int rt_handle_close(HANDLE h)
{
	struct rt_object *o = 0;
	int i = handle_index(h);

	pthread_mutex_lock(&table_lock);
	if (i >= 0) {
		o = table[i];
		table[i] = 0;
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
		h = rt_handle_new(o);
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
	pthread_cond_broadcast(&rt_wait_cond);
	pthread_mutex_unlock(&rt_wait_lock);
}

int rt_prepare_write(void *p, size_t n)
{
	if (!n)
		return 0;
	return rt_fault_prepare_write(p, n);
}
