/*
 * handle.c — kernel32: CloseHandle, DuplicateHandle and
 * GetHandleInformation, the Win32 face of the runtime's handle table
 * (core/handle.c).
 *
 * Every kernel object the runtime makes (file, pipe, thread, process,
 * event, mutex, semaphore, mapping) is an entry there.  The handles of
 * GetCurrentProcess and GetCurrentThread are constants, not entries:
 * closing one does nothing, duplicating one makes a real handle, as on
 * Windows.  Handles are never inherited by child processes (spawn.c
 * passes only the standard ones).
 */
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

BOOL WINAPI w32_CloseHandle(HANDLE h)
{
	if (h == PSEUDO_PROCESS || h == PSEUDO_THREAD)
		return TRUE;
	return rt_handle_close(h) == 0;
}

/* A process handle naming this process: the pseudo-handle, or a real
 * handle (OpenProcess, DuplicateHandle) on our own id. */
static int is_self(HANDLE p)
{
	pid_t pid = rt_k32_handle_pid(p);

	return pid == 0 || pid == getpid();
}

#define DUPLICATE_CLOSE_SOURCE 1

/* Within this process only: a handle cannot be put into or taken from
 * another process's table here (ERROR_NOT_SUPPORTED).  The pseudo-handles
 * of the current thread and process become real handles, as Windows does.
 * Handles carry every access right, so access (and DUPLICATE_SAME_ACCESS)
 * asks nothing more; inherit is accepted: only the standard handles
 * reach a child (spawn.c).  dst NULL with DUPLICATE_CLOSE_SOURCE only
 * closes, as on Windows. */
BOOL WINAPI w32_DuplicateHandle(HANDLE sp, HANDLE src, HANDLE tp, HANDLE *dst,
				DWORD access, BOOL inherit, DWORD options)
{
	struct rt_object *o;

	(void)access;
	(void)inherit;
	if (!is_self(sp) || (dst && !is_self(tp)))
		return rt_refuse(ERROR_NOT_SUPPORTED, "DuplicateHandle",
				 "a handle of another process");
	if (src == PSEUDO_THREAD) {
		o = rt_current_thread_object();
	} else if (src == PSEUDO_PROCESS) {
		o = rt_object_new(RT_H_PROCESS);
		if (o) {
			o->pid = getpid();
			o->exit_code = STILL_ACTIVE;
		}
	} else {
		o = rt_handle_get(src, 0);
	}
	if (!o)
		return FALSE;
	if (options & DUPLICATE_CLOSE_SOURCE)
		rt_handle_close(src);
	if (!dst) {
		rt_object_put(o);
		return TRUE;
	}
	*dst = rt_handle_new(o);
	return *dst != 0;
}

BOOL WINAPI w32_GetHandleInformation(HANDLE h, DWORD *flags)
{
	struct rt_object *o = rt_handle_get(h, 0);

	if (!o)
		return FALSE;
	rt_object_put(o);
	*flags = 0;
	return TRUE;
}
