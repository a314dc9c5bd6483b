/*
 * rtl.c — ntdll: the few Rtl and Nt functions Windows programs call
 * directly: RtlGetVersion, the memory fills and moves, NtCurrentTeb.
 */
#include <string.h>

#include "runtime/ntdll/ntdll.h"

/* The true version (no manifest compatibility shim): Windows 10. */
LONG WINAPI w32_RtlGetVersion(RTL_OSVERSIONINFOW *vi)
{
	vi->dwMajorVersion = rt_peb.OSMajorVersion;
	vi->dwMinorVersion = rt_peb.OSMinorVersion;
	vi->dwBuildNumber = rt_peb.OSBuildNumber;
	vi->dwPlatformId = 2;
	vi->szCSDVersion[0] = 0;
	return 0; /* STATUS_SUCCESS */
}

void WINAPI w32_RtlZeroMemory(void *p, SIZE_T n)
{
	memset(p, 0, n);
}

void WINAPI w32_RtlMoveMemory(void *d, const void *s, SIZE_T n)
{
	memmove(d, s, n);
}

void WINAPI w32_RtlFillMemory(void *d, SIZE_T n, BYTE c)
{
	memset(d, c, n);
}

/* NtCurrentTeb is an inline in Windows headers; exported for programs
 * that look it up. */
void *WINAPI w32_NtCurrentTeb(void)
{
	return rt_teb();
}

