/*
 * sysinfo.c — kernel32: the system — GetSystemInfo, the Windows version,
 * processor features, the computer name.
 *
 * dllshare reports what Wine 8 reports in a new prefix: Windows 7 Service
 * Pack 1 (6.1, build 7601, kept in the PEB), an AMD64 processor with the Linux machine's processor count, 4 KiB
 * pages and Windows' 64 KiB allocation granularity.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

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

/* GetVersion: the PEB's version packed (NT: bit 31 clear). */
DWORD WINAPI w32_GetVersion(void)
{
	return rt_peb.OSMajorVersion | rt_peb.OSMinorVersion << 8 |
	       (DWORD)rt_peb.OSBuildNumber << 16;
}

/* The numbers of OSVERSIONINFO (major, minor, build, platform) and, for
 * the EX forms, the service pack and suite (ex: three WORDs), from the
 * PEB; the service pack's name into sp (32 bytes). */
static void version_ex(DWORD *numbers, WORD *ex, char *sp)
{
	numbers[0] = rt_peb.OSMajorVersion;
	numbers[1] = rt_peb.OSMinorVersion;
	numbers[2] = rt_peb.OSBuildNumber;
	numbers[3] = 2; /* dwPlatformId: VER_PLATFORM_WIN32_NT */
	if (ex) {
		ex[0] = rt_peb.OSCSDVersion >> 8;   /* wServicePackMajor */
		ex[1] = rt_peb.OSCSDVersion & 0xff; /* wServicePackMinor */
		ex[2] = 0;			    /* wSuiteMask */
	}
	sp[0] = 0;
	if (rt_peb.OSCSDVersion >> 8)
		snprintf(sp, 32, "Service Pack %u",
			 (unsigned)(rt_peb.OSCSDVersion >> 8));
}

/* GetVersionExA: OSVERSIONINFOA or OSVERSIONINFOEXA by its size field
 * (another size: FALSE). */
BOOL WINAPI w32_GetVersionExA(OSVERSIONINFOA *vi)
{
	DWORD size = vi->dwOSVersionInfoSize;

	if (size != sizeof(OSVERSIONINFOA) && size != sizeof(OSVERSIONINFOEXA))
		return FALSE; /* the last error untouched, as in Wine */
	if (size == sizeof(OSVERSIONINFOEXA)) {
		OSVERSIONINFOEXA *x = (OSVERSIONINFOEXA *)vi;

		version_ex(&x->dwMajorVersion, &x->wServicePackMajor,
			   vi->szCSDVersion);
		x->wProductType = 1; /* VER_NT_WORKSTATION */
		x->wReserved = 0;
	} else {
		version_ex(&vi->dwMajorVersion, 0, vi->szCSDVersion);
	}
	return TRUE;
}

/* GetVersionExW: the same in OSVERSIONINFOW or OSVERSIONINFOEXW. */
BOOL WINAPI w32_GetVersionExW(OSVERSIONINFOW *vi)
{
	DWORD size = vi->dwOSVersionInfoSize;
	char sp[32];

	if (size != sizeof(OSVERSIONINFOW) && size != sizeof(OSVERSIONINFOEXW))
		return FALSE;
	if (size == sizeof(OSVERSIONINFOEXW)) {
		OSVERSIONINFOEXW *x = (OSVERSIONINFOEXW *)vi;

		version_ex(&x->dwMajorVersion, &x->wServicePackMajor, sp);
		x->wProductType = 1; /* VER_NT_WORKSTATION */
		x->wReserved = 0;
	} else {
		version_ex(&vi->dwMajorVersion, 0, sp);
	}
	for (size_t i = 0; i <= strlen(sp); i++)
		vi->szCSDVersion[i] = (unsigned char)sp[i];
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

/* The NetBIOS name into host (256 bytes): the host name, upper case, at
 * most 15 characters. */
static void computer_name(char *host)
{
	size_t n;

	if (gethostname(host, 256) != 0)
		strcpy(host, "LOCALHOST");
	host[15] = 0;
	n = strcspn(host, ".");
	host[n] = 0;
	for (size_t i = 0; i < n; i++)
		if (host[i] >= 'a' && host[i] <= 'z')
			host[i] = (char)(host[i] - 32);
}

BOOL WINAPI w32_GetComputerNameA(LPSTR buf, DWORD *size)
{
	char host[256];
	size_t n;

	computer_name(host);
	n = strlen(host);
	if (n + 1 > *size) {
		*size = (DWORD)(n + 1);
		rt_set_last_error(111); /* ERROR_BUFFER_OVERFLOW */
		return FALSE;
	}
	memcpy(buf, host, n + 1);
	*size = (DWORD)n;
	return TRUE;
}

BOOL WINAPI w32_GetComputerNameW(LPWSTR buf, DWORD *size)
{
	char host[256];
	size_t n;

	computer_name(host); /* ASCII: a host name's characters */
	n = strlen(host);
	if (n + 1 > *size) {
		*size = (DWORD)(n + 1);
		rt_set_last_error(111); /* ERROR_BUFFER_OVERFLOW */
		return FALSE;
	}
	for (size_t i = 0; i <= n; i++)
		buf[i] = (unsigned char)host[i];
	*size = (DWORD)n;
	return TRUE;
}

/* The WOW64 file system redirection belongs to 32-bit processes on
 * 64-bit Windows; for a 64-bit process there is none to turn off:
 * ERROR_INVALID_FUNCTION, as Windows and Wine answer. */
BOOL WINAPI w32_Wow64DisableWow64FsRedirection(void **old)
{
	rt_set_last_error(ERROR_INVALID_FUNCTION);
	return FALSE;
}

BOOL WINAPI w32_Wow64RevertWow64FsRedirection(void *old)
{
	rt_set_last_error(ERROR_INVALID_FUNCTION);
	return FALSE;
}

BOOLEAN WINAPI w32_Wow64EnableWow64FsRedirection(BOOLEAN enable)
{
	rt_set_last_error(ERROR_INVALID_FUNCTION);
	return FALSE;
}

/* GetComputerNameExA: the NetBIOS name (0, 4: the host name upper case,
 * 15 characters), the DNS host name (1, 5: lower case, before the first
 * dot), its domain (2, 6: after it) or both (3, 7); a buffer too small
 * is ERROR_MORE_DATA with *size the size needed. */
BOOL WINAPI w32_GetComputerNameExA(int kind, LPSTR buf, DWORD *size)
{
	char host[256], out[256], *dot;
	size_t n;

	if (kind < 0 || kind > 7) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (kind == 0 || kind == 4) {
		computer_name(out);
	} else {
		if (gethostname(host, sizeof(host)) != 0)
			strcpy(host, "localhost");
		host[sizeof(host) - 1] = 0;
		for (char *p = host; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
		dot = strchr(host, '.');
		if (dot)
			*dot++ = 0;
		snprintf(out, sizeof(out), "%s",
			 kind % 4 == 1	 ? host
			 : kind % 4 == 2 ? (dot ? dot : "")
					 : host);
		if (kind % 4 == 3 && dot)
			snprintf(out, sizeof(out), "%s.%s", host, dot);
	}
	n = strlen(out);
	if (!buf || n + 1 > *size) {
		*size = (DWORD)(n + 1);
		rt_set_last_error(ERROR_MORE_DATA);
		return FALSE;
	}
	memcpy(buf, out, n + 1);
	*size = (DWORD)n;
	return TRUE;
}

BOOL WINAPI w32_GetComputerNameExW(int kind, LPWSTR buf, DWORD *size)
{
	char a[256];
	DWORD n = sizeof(a);

	if (!w32_GetComputerNameExA(kind, a, &n)) {
		if (w32_GetLastError() == ERROR_MORE_DATA)
			*size = n;
		return FALSE;
	}
	if (!buf || n + 1 > *size) { /* ASCII: one unit a character */
		*size = n + 1;
		rt_set_last_error(ERROR_MORE_DATA);
		return FALSE;
	}
	for (DWORD i = 0; i <= n; i++)
		buf[i] = (unsigned char)a[i];
	*size = n;
	return TRUE;
}

/* ---- memory status and system times -------------------------------------- */

/* What the "key: N kB" line of the /proc file path says, in bytes; 0
 * when there is none. */
static uint64_t proc_kb(const char *path, const char *key)
{
	FILE *f = fopen(path, "re");
	char line[128];
	size_t n = strlen(key);
	unsigned long long kb = 0;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':') {
			sscanf(line + n + 1, "%llu", &kb);
			break;
		}
	if (f)
		fclose(f);
	return (uint64_t)kb * 1024;
}

static uint64_t meminfo(const char *key)
{
	return proc_kb("/proc/meminfo", key);
}

/* The user address space a Windows x86-64 process has (128 TiB less the
 * first 64 KiB and the last). */
#define USER_SPACE (0x7ffffffeffffull - 0x10000 + 1)

/* GlobalMemoryStatusEx: physical memory (MemTotal, MemAvailable), the
 * commit limit as Windows counts it (memory and swap), this process's
 * address space; dwLength must be the structure's size
 * (ERROR_INVALID_PARAMETER otherwise). */
BOOL WINAPI w32_GlobalMemoryStatusEx(MEMORYSTATUSEX *m)
{
	uint64_t total, avail, used;

	if (m->dwLength != sizeof(*m)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	total = meminfo("MemTotal");
	avail = meminfo("MemAvailable");
	if (avail > total)
		avail = total;
	used = proc_kb("/proc/self/status", "VmSize"); /* address space used */
	m->dwMemoryLoad = total ? (DWORD)(100 - avail * 100 / total) : 0;
	m->ullTotalPhys = total;
	m->ullAvailPhys = avail;
	m->ullTotalPageFile = total + meminfo("SwapTotal");
	m->ullAvailPageFile = avail + meminfo("SwapFree");
	m->ullTotalVirtual = USER_SPACE;
	m->ullAvailVirtual = used < USER_SPACE ? USER_SPACE - used : 0;
	m->ullAvailExtendedVirtual = 0;
	return TRUE;
}

/* GlobalMemoryStatus: the same in SIZE_T fields (which hold it all on
 * x86-64); it cannot fail. */
void WINAPI w32_GlobalMemoryStatus(MEMORYSTATUS *m)
{
	MEMORYSTATUSEX x = {.dwLength = sizeof(x)};

	w32_GlobalMemoryStatusEx(&x);
	m->dwLength = sizeof(*m);
	m->dwMemoryLoad = x.dwMemoryLoad;
	m->dwTotalPhys = x.ullTotalPhys;
	m->dwAvailPhys = x.ullAvailPhys;
	m->dwTotalPageFile = x.ullTotalPageFile;
	m->dwAvailPageFile = x.ullAvailPageFile;
	m->dwTotalVirtual = x.ullTotalVirtual;
	m->dwAvailVirtual = x.ullAvailVirtual;
}

/* GetSystemTimes: all processors' idle, kernel and user time from
 * /proc/stat; Windows counts idle time in the kernel time too. */
BOOL WINAPI w32_GetSystemTimes(FILETIME *idle, FILETIME *kernel,
			       FILETIME *user)
{
	unsigned long long v[8] = {0};
	uint64_t tick = 10000000u / (uint64_t)sysconf(_SC_CLK_TCK);
	FILE *f = fopen("/proc/stat", "re");
	int n = f ? fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu",
			   &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6],
			   &v[7])
		  : 0;

	if (f)
		fclose(f);
	if (n < 4) {
		rt_set_last_error(ERROR_NOT_SUPPORTED);
		return FALSE;
	}
	/* user nice system idle iowait irq softirq steal */
	if (idle)
		rt_k32_set_ft(idle, (v[3] + v[4]) * tick);
	if (kernel)
		rt_k32_set_ft(kernel, (v[2] + v[3] + v[4] + v[5] + v[6]) * tick);
	if (user)
		rt_k32_set_ft(user, (v[0] + v[1]) * tick);
	return TRUE;
}
