/*
 * error.c — kernel32: the last error (GetLastError, SetLastError) and
 * the error modes (SetErrorMode, SetThreadErrorMode).
 *
 * The last error lives where Windows keeps it, in the TEB
 * (LastErrorValue), so code that reads the TEB directly agrees.
 * FormatMessage, which turns error codes into text, is message.c.
 */

#include "runtime/kernel32/kernel32.h"

DWORD WINAPI w32_GetLastError(void)
{
	struct rt_teb *t = rt_teb();

	return t ? t->LastErrorValue : 0;
}

void WINAPI w32_SetLastError(DWORD e)
{
	rt_set_last_error(e);
}

/* ---- error modes ---------------------------------------------------------- */

#define SEM_FAILCRITICALERRORS	   0x0001u
#define SEM_NOGPFAULTERRORBOX	   0x0002u
#define SEM_NOALIGNMENTFAULTEXCEPT 0x0004u
#define SEM_NOOPENFILEERRORBOX	   0x8000u

/* The error modes decide which failures Windows reports in a dialog box;
 * dllshare shows none, so the modes are only kept and read back. */
static UINT process_mode;
static __thread DWORD thread_mode;

/* SetErrorMode: the process's mode, the old one returned;
 * SEM_NOALIGNMENTFAULTEXCEPT once set stays set, as on Windows. */
UINT WINAPI w32_SetErrorMode(UINT mode)
{
	UINT old = __atomic_exchange_n(
		&process_mode,
		mode | (process_mode & SEM_NOALIGNMENTFAULTEXCEPT),
		__ATOMIC_SEQ_CST);

	return old;
}

UINT WINAPI w32_GetErrorMode(void)
{
	return __atomic_load_n(&process_mode, __ATOMIC_SEQ_CST);
}

/* SetThreadErrorMode: the calling thread's mode; flags other than the
 * three a thread can have are ERROR_INVALID_PARAMETER. */
BOOL WINAPI w32_SetThreadErrorMode(DWORD mode, DWORD *old)
{
	if (mode & ~(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX |
		     SEM_NOOPENFILEERRORBOX)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (old)
		*old = thread_mode;
	thread_mode = mode;
	return TRUE;
}

DWORD WINAPI w32_GetThreadErrorMode(void)
{
	return thread_mode;
}
