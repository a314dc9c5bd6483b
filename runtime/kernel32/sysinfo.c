/*
 * sysinfo.c — kernel32: the system — GetSystemInfo, the Windows version,
 * processor features, the computer name.
 *
 * dllshare reports what Wine reports by default: Windows 10 build 19045,
 * an AMD64 processor with the Linux machine's processor count, 4 KiB
 * pages and Windows' 64 KiB allocation granularity.
 */
#include <string.h>
#include <unistd.h>

#include "runtime/kernel32/kernel32.h"

void WINAPI w32_GetSystemInfo(SYSTEM_INFO *si)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	memset(si, 0, sizeof(*si));
	si->wProcessorArchitecture = 9; /* PROCESSOR_ARCHITECTURE_AMD64 */
	si->dwPageSize = 4096;
	si->lpMinimumApplicationAddress = (void *)0x10000;
	si->lpMaximumApplicationAddress = (void *)0x7ffffffeffffull;
	si->dwNumberOfProcessors = n > 0 ? (DWORD)n : 1;
	si->dwActiveProcessorMask = si->dwNumberOfProcessors >= 64
		? ~0ull
		: (1ull << si->dwNumberOfProcessors) - 1;
	si->dwProcessorType = 8664; /* PROCESSOR_AMD_X8664 */
	si->dwAllocationGranularity = 0x10000;
	si->wProcessorLevel = 6;
}

void WINAPI w32_GetNativeSystemInfo(SYSTEM_INFO *si)
{
	w32_GetSystemInfo(si);
}

/* Windows 10, build 19045: what Wine reports by default. */
DWORD WINAPI w32_GetVersion(void)
{
	return 10u | 0u << 8 | 19045u << 16;
}

BOOL WINAPI w32_GetVersionExA(OSVERSIONINFOA *vi)
{
	/* Without a manifest Windows reports 6.2 (Windows 8) here. */
	vi->dwMajorVersion = 6;
	vi->dwMinorVersion = 2;
	vi->dwBuildNumber = 9200;
	vi->dwPlatformId = 2; /* VER_PLATFORM_WIN32_NT */
	vi->szCSDVersion[0] = 0;
	return TRUE;
}

BOOL WINAPI w32_IsProcessorFeaturePresent(DWORD feature)
{
	/* SSE, SSE2, SSE3, CMPXCHG16B, RDTSC, NX: every x86-64 Linux box. */
	switch (feature) {
	case 1:
	case 3:
	case 6:
	case 8:
	case 10:
	case 12:
	case 13:
	case 17: return TRUE;
	default: return FALSE;
	}
}

/* The NetBIOS name: the host name, upper case, at most 15 characters. */
BOOL WINAPI w32_GetComputerNameA(LPSTR buf, DWORD *size)
{
	char host[256];
	size_t n;

	if (gethostname(host, sizeof(host)) != 0)
		strcpy(host, "LOCALHOST");
	host[15] = 0;
	n = strcspn(host, ".");
	host[n] = 0;
	for (size_t i = 0; i < n; i++)
		if (host[i] >= 'a' && host[i] <= 'z')
			host[i] = (char)(host[i] - 32);
	if (n + 1 > *size) {
		*size = (DWORD)(n + 1);
		rt_set_last_error(111); /* ERROR_BUFFER_OVERFLOW */
		return FALSE;
	}
	memcpy(buf, host, n + 1);
	*size = (DWORD)n;
	return TRUE;
}
