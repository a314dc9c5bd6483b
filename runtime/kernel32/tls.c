/*
 * tls.c — kernel32: thread-local storage slots (TlsAlloc, TlsGetValue,
 * TlsSetValue, TlsFree) and fiber-local storage, which without fibers is
 * the same thing.
 *
 * The slots live where Windows keeps them, in the TEB: TlsSlots at
 * 0x1480 for the first 64, the TlsExpansionSlots array (at 0x1780) for
 * the next 1024, so code that reads the TEB directly sees what
 * TlsSetValue stored.
 */
#include <stdlib.h>

#include "runtime/kernel32/k32int.h"

#define TLS_MAX		   (RT_TLS_SLOTS + RT_TLS_EXPANSION)
#define TLS_OUT_OF_INDEXES 0xffffffffu

static pthread_mutex_t tls_lock = PTHREAD_MUTEX_INITIALIZER;
static uint8_t tls_used[TLS_MAX];
/* FlsAlloc's callback of each slot (NULL for TlsAlloc's). */
typedef void(WINAPI *fls_callback)(void *);
static fls_callback fls_cbs[TLS_MAX] LD_LARGE_BSS;

static void **slot_ptr(DWORD i, int create)
{
	struct rt_teb *t = rt_teb();

	if (!t || i >= TLS_MAX)
		return 0;
	if (i < RT_TLS_SLOTS)
		return &t->TlsSlots[i];
	if (!t->TlsExpansionSlots) {
		if (!create)
			return 0;
		t->TlsExpansionSlots = calloc(RT_TLS_EXPANSION, sizeof(void *));
		if (!t->TlsExpansionSlots)
			return 0;
	}
	return &t->TlsExpansionSlots[i - RT_TLS_SLOTS];
}

DWORD WINAPI w32_TlsAlloc(void)
{
	pthread_mutex_lock(&tls_lock);
	for (DWORD i = 0; i < TLS_MAX; i++) {
		if (!tls_used[i]) {
			void **p;

			tls_used[i] = 1;
			pthread_mutex_unlock(&tls_lock);
			/* A new slot reads as NULL (TlsFree cleared it). */
			p = slot_ptr(i, 0);
			if (p)
				*p = 0;
			return i;
		}
	}
	pthread_mutex_unlock(&tls_lock);
	rt_set_last_error(ERROR_NO_MORE_FILES);
	return TLS_OUT_OF_INDEXES;
}

static void clear_slot(struct rt_teb *t, void *arg)
{
	DWORD i = (DWORD)(uintptr_t)arg;

	if (i < RT_TLS_SLOTS)
		t->TlsSlots[i] = 0;
	else if (t->TlsExpansionSlots)
		t->TlsExpansionSlots[i - RT_TLS_SLOTS] = 0;
}

/* Windows clears the slot in every thread, so a later TlsAlloc that
 * returns the same index starts from NULL everywhere. */
BOOL WINAPI w32_TlsFree(DWORD i)
{
	if (i >= TLS_MAX || !tls_used[i]) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	rt_teb_foreach(clear_slot, (void *)(uintptr_t)i);
	pthread_mutex_lock(&tls_lock);
	tls_used[i] = 0;
	fls_cbs[i] = 0; /* TlsFree of an FLS slot runs no callback */
	pthread_mutex_unlock(&tls_lock);
	return TRUE;
}

/* Windows clears the last error on success: callers test
 * GetLastError() to tell a stored NULL from a failure. */
LPVOID WINAPI w32_TlsGetValue(DWORD i)
{
	void **p;

	if (i >= TLS_MAX) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	p = slot_ptr(i, 0);
	rt_set_last_error(0);
	return p ? *p : 0;
}

BOOL WINAPI w32_TlsSetValue(DWORD i, LPVOID v)
{
	void **p = slot_ptr(i, 1);

	if (!p) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	*p = v;
	return TRUE;
}

/* ---- fiber-local storage -------------------------------------------------- */

/* FLS without fibers is TLS plus a callback per slot, which Windows runs
 * with a thread's non-NULL value when the thread ends and, for every
 * thread's value, when the slot is freed. */

DWORD WINAPI w32_FlsAlloc(void *callback)
{
	DWORD i = w32_TlsAlloc();

	if (i != TLS_OUT_OF_INDEXES)
		fls_cbs[i] = (fls_callback)callback;
	return i;
}

/* Runs slot i's callback on t's value, then clears it. */
static void run_callback(struct rt_teb *t, void *arg)
{
	DWORD i = (DWORD)(uintptr_t)arg;
	void **p = i < RT_TLS_SLOTS ? &t->TlsSlots[i]
		   : t->TlsExpansionSlots
			   ? &t->TlsExpansionSlots[i - RT_TLS_SLOTS]
			   : 0;
	void *v = p ? *p : 0;

	if (!v)
		return;
	*p = 0;
	fls_cbs[i](v);
}

/* The calling thread is ending (thread.c, before DLL_THREAD_DETACH). */
void rt_k32_fls_thread_exit(void)
{
	struct rt_teb *t = rt_teb();

	if (!t)
		return;
	for (DWORD i = 0; i < TLS_MAX; i++)
		if (fls_cbs[i] && tls_used[i])
			run_callback(t, (void *)(uintptr_t)i);
}

LPVOID WINAPI w32_FlsGetValue(DWORD i)
{
	return w32_TlsGetValue(i);
}

BOOL WINAPI w32_FlsSetValue(DWORD i, LPVOID v)
{
	return w32_TlsSetValue(i, v);
}

BOOL WINAPI w32_FlsFree(DWORD i)
{
	if (i < TLS_MAX && tls_used[i] && fls_cbs[i]) {
		rt_teb_foreach(run_callback, (void *)(uintptr_t)i);
		fls_cbs[i] = 0;
	}
	return w32_TlsFree(i);
}
