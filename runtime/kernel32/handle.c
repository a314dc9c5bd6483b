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

/* Within this process only; the pseudo-handles of the current thread and
 * process become real handles, as Windows does. */
BOOL WINAPI w32_DuplicateHandle(HANDLE sp, HANDLE src, HANDLE tp, HANDLE *dst,
				DWORD access, BOOL inherit, DWORD options)
{
	struct rt_object *o;

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
	if (options & 1) /* DUPLICATE_CLOSE_SOURCE */
		rt_handle_close(src);
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
