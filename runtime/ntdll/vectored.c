/*
 * vectored.c — ntdll: the vectored exception and continue handlers, and
 * the top-level filter the dispatcher ends with.
 *
 * Windows keeps both handler lists in ntdll (RtlAddVectoredException-
 * Handler and friends; kernel32's AddVectoredExceptionHandler forwards
 * here).  The dispatcher (dispatch.c) calls the exception handlers before
 * any frame's handler, and the continue handlers when the exception is
 * to continue.  The last step, when no handler takes the exception, is
 * the filter a DLL above sets with RtlSetUnhandledExceptionFilter: on
 * Windows kernel32 gives it UnhandledExceptionFilter, the __except filter
 * of every thread's start; ntdll itself knows nothing of
 * SetUnhandledExceptionFilter.
 */
#include <stdlib.h>

#include "runtime/ntdll/ntdll.h"

#define MAX_CALLED 64 /* handlers called per exception, per list */

struct veh {
	struct veh *next;
	void *fn;
};

/* The two lists (0: exception handlers, 1: continue handlers). */
static struct veh *lists[2];
static pthread_mutex_t lists_lock = PTHREAD_MUTEX_INITIALIZER;
static void *top_filter;

static void *add(int list, ULONG first, void *fn)
{
	struct veh *v = malloc(sizeof(*v)), **p;

	if (!v)
		return NULL;
	v->fn = fn;
	v->next = NULL;
	pthread_mutex_lock(&lists_lock);
	if (first) {
		v->next = lists[list];
		lists[list] = v;
	} else {
		for (p = &lists[list]; *p; p = &(*p)->next)
			;
		*p = v;
	}
	pthread_mutex_unlock(&lists_lock);
	return v;
}

static ULONG remove_handler(int list, void *h)
{
	ULONG found = 0;

	pthread_mutex_lock(&lists_lock);
	for (struct veh **p = &lists[list]; *p; p = &(*p)->next)
		if (*p == h) {
			*p = (*p)->next;
			found = 1;
			break;
		}
	pthread_mutex_unlock(&lists_lock);
	if (found)
		free(h);
	return found;
}

void *WINAPI w32_RtlAddVectoredExceptionHandler(ULONG first, void *fn)
{
	return add(0, first, fn);
}

ULONG WINAPI w32_RtlRemoveVectoredExceptionHandler(void *h)
{
	return remove_handler(0, h);
}

void *WINAPI w32_RtlAddVectoredContinueHandler(ULONG first, void *fn)
{
	return add(1, first, fn);
}

ULONG WINAPI w32_RtlRemoveVectoredContinueHandler(void *h)
{
	return remove_handler(1, h);
}

/* Calls the handlers of one list in order, outside the lock (a handler
 * may add or remove handlers); 1 when one says
 * EXCEPTION_CONTINUE_EXECUTION, which ends the walk. */
static int call_list(int list, W_EXCEPTION_POINTERS *ep)
{
	void *fns[MAX_CALLED];
	int n = 0;

	pthread_mutex_lock(&lists_lock);
	for (struct veh *v = lists[list]; v && n < MAX_CALLED; v = v->next)
		fns[n++] = v->fn;
	pthread_mutex_unlock(&lists_lock);
	for (int i = 0; i < n; i++)
		if (((LONG(WINAPI *)(W_EXCEPTION_POINTERS *))fns[i])(ep) ==
		    EXCEPTION_CONTINUE_EXECUTION)
			return 1;
	return 0;
}

int rt_call_vectored(W_EXCEPTION_POINTERS *ep)
{
	return call_list(0, ep);
}

void rt_call_continue_handlers(W_EXCEPTION_POINTERS *ep)
{
	call_list(1, ep);
}

void WINAPI w32_RtlSetUnhandledExceptionFilter(void *filter)
{
	__atomic_store_n(&top_filter, filter, __ATOMIC_RELEASE);
}

LONG rt_call_top_filter(W_EXCEPTION_POINTERS *ep)
{
	LONG(WINAPI * f)(W_EXCEPTION_POINTERS *) =
		__atomic_load_n(&top_filter, __ATOMIC_ACQUIRE);

	return f ? f(ep) : EXCEPTION_CONTINUE_SEARCH;
}
