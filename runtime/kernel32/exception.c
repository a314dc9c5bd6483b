/*
 * exception.c — kernel32: vectored exception handlers and the
 * unhandled-exception filter.
 *
 * ntdll's exception dispatch (ntdll/seh.c) calls the vectored handlers
 * before any frame's handler, as Windows does (rt_call_vectored), and the
 * filter SetUnhandledExceptionFilter installed when no frame handles the
 * exception (rt_unhandled_filter).  UnhandledExceptionFilter, the
 * default filter, lets the exception go on to end the process.
 */
#include <stdlib.h>

#include "runtime/kernel32/kernel32.h"
#include "runtime/ntdll/ntdll.h"

struct veh {
	struct veh *next;
	void *fn;
};
static struct veh *veh_list;
static pthread_mutex_t veh_lock = PTHREAD_MUTEX_INITIALIZER;

void *WINAPI w32_AddVectoredExceptionHandler(ULONG first, void *fn)
{
	struct veh *v = malloc(sizeof(*v)), **p;

	if (!v)
		return 0;
	v->fn = fn;
	v->next = 0;
	pthread_mutex_lock(&veh_lock);
	if (first) {
		v->next = veh_list;
		veh_list = v;
	} else {
		for (p = &veh_list; *p; p = &(*p)->next)
			;
		*p = v;
	}
	pthread_mutex_unlock(&veh_lock);
	return v;
}

ULONG WINAPI w32_RemoveVectoredExceptionHandler(void *h)
{
	struct veh **p;
	ULONG found = 0;

	pthread_mutex_lock(&veh_lock);
	for (p = &veh_list; *p; p = &(*p)->next) {
		if (*p == h) {
			*p = (*p)->next;
			found = 1;
			break;
		}
	}
	pthread_mutex_unlock(&veh_lock);
	if (found)
		free(h);
	return found;
}

/* Calls the vectored handlers (before any frame's handler, as Windows
 * does); returns 1 when one of them says EXCEPTION_CONTINUE_EXECUTION. */
int rt_call_vectored(void *pointers)
{
	void *fns[32];
	int n = 0;

	pthread_mutex_lock(&veh_lock);
	for (struct veh *v = veh_list; v && n < 32; v = v->next)
		fns[n++] = v->fn;
	pthread_mutex_unlock(&veh_lock);
	for (int i = 0; i < n; i++)
		if (((LONG(WINAPI *)(void *))fns[i])(pointers) == -1)
			return 1;
	return 0;
}

void *rt_unhandled_filter;

void *WINAPI w32_SetUnhandledExceptionFilter(void *filter)
{
	return __atomic_exchange_n(&rt_unhandled_filter, filter,
				   __ATOMIC_SEQ_CST);
}

LONG WINAPI w32_UnhandledExceptionFilter(void *info)
{
	return 0; /* EXCEPTION_CONTINUE_SEARCH */
}
