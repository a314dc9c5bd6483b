/*
 * rtl.c — ntdll: the few Rtl and Nt functions Windows programs call
 * directly: RtlGetVersion, the memory fills and moves, NtCurrentTeb.
 */
#include <stdio.h>
#include <string.h>

#include "runtime/ntdll/ntdll.h"

/* The version the PEB holds (no manifest compatibility shim; the same
 * as GetVersionEx's here, Windows 7 being older than the shim), the
 * service pack named as Windows names it. */
LONG WINAPI w32_RtlGetVersion(RTL_OSVERSIONINFOW *vi)
{
	char sp[32];
	int n = 0;

	vi->dwMajorVersion = rt_peb.OSMajorVersion;
	vi->dwMinorVersion = rt_peb.OSMinorVersion;
	vi->dwBuildNumber = rt_peb.OSBuildNumber;
	vi->dwPlatformId = 2;
	if (rt_peb.OSCSDVersion >> 8)
		n = snprintf(sp, sizeof(sp), "Service Pack %u",
			     (unsigned)(rt_peb.OSCSDVersion >> 8));
	for (int i = 0; i <= n; i++)
		vi->szCSDVersion[i] = i < n ? (unsigned char)sp[i] : 0;
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

