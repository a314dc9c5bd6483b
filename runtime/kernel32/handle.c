/*
 * handle.c — kernel32: CloseHandle, DuplicateHandle and
 * Get/SetHandleInformation, the Win32 face of the runtime's handle table
 * (core/handle.c).
 *
 * Every kernel object the runtime makes (file, pipe, thread, process,
 * event, mutex, semaphore, mapping) is an entry there, with the
 * attributes of its handle: whether a child process started with
 * bInheritHandles inherits it (HANDLE_FLAG_INHERIT, set by the
 * SECURITY_ATTRIBUTES or the inherit argument of the call that made it;
 * inherit.c passes those on) and whether CloseHandle refuses it
 * (HANDLE_FLAG_PROTECT_FROM_CLOSE).  The handles of GetCurrentProcess and
 * GetCurrentThread are constants, not entries: closing one does nothing,
 * duplicating one makes a real handle, as on Windows.
 */
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

/* A protected handle stays open: FALSE with ERROR_INVALID_HANDLE, what
 * Windows' STATUS_HANDLE_NOT_CLOSABLE becomes (and Wine answers). */
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
#define DUPLICATE_SAME_ACCESS  2

/* Within this process only: a handle cannot be put into or taken from
 * another process's table here (ERROR_NOT_SUPPORTED).  The pseudo-handles
 * of the current thread and process become real handles, as Windows does.
 * The new handle grants access, its generic rights mapped to the
 * object's (GENERIC_READ of a file: FILE_GENERIC_READ), or with
 * DUPLICATE_SAME_ACCESS what the source grants (a pseudo-handle: every
 * right); more than the source grants is granted too, as no object has a
 * security descriptor to deny it (Wine's answer).  A file handle whose
 * Linux descriptor was opened without reading or writing still cannot
 * do it.  The new handle is inheritable when inherit says so
 * and never protected from closing; DUPLICATE_CLOSE_SOURCE leaves a
 * protected source open and the call still succeeds (Wine's answer).
 * dst NULL with DUPLICATE_CLOSE_SOURCE only closes, as on Windows. */
BOOL WINAPI w32_DuplicateHandle(HANDLE sp, HANDLE src, HANDLE tp, HANDLE *dst,
				DWORD access, BOOL inherit, DWORD options)
{
	struct rt_object *o;

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
	if (options & DUPLICATE_SAME_ACCESS) {
		access = GENERIC_ALL;
		if (src != PSEUDO_THREAD && src != PSEUDO_PROCESS)
			rt_handle_access(src, &access);
	}
	if (options & DUPLICATE_CLOSE_SOURCE)
		rt_handle_close(src);
	if (!dst) {
		rt_object_put(o);
		return TRUE;
	}
	*dst = rt_handle_new_access(o, inherit ? HANDLE_FLAG_INHERIT : 0,
				    access);
	return *dst != 0;
}

/* The pseudo-handles have no attributes (0, as in Wine). */
BOOL WINAPI w32_GetHandleInformation(HANDLE h, DWORD *flags)
{
	if (h == PSEUDO_PROCESS || h == PSEUDO_THREAD) {
		*flags = 0;
		return TRUE;
	}
	return rt_handle_flags(h, flags) == 0;
}

/* The attributes of mask (HANDLE_FLAG_INHERIT,
 * HANDLE_FLAG_PROTECT_FROM_CLOSE) become those of flags; other bits are
 * ignored, as by Windows.  A pseudo-handle has none to change
 * (ERROR_ACCESS_DENIED, as in Wine). */
BOOL WINAPI w32_SetHandleInformation(HANDLE h, DWORD mask, DWORD flags)
{
	if (h == PSEUDO_PROCESS || h == PSEUDO_THREAD) {
		rt_set_last_error(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	return rt_handle_set_flags(h, mask, flags) == 0;
}
