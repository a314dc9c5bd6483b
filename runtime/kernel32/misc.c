/*
 * k32_misc.c — kernel32: the rest of what libstdc++, libwinpthread and
 * libgomp import — times and time zones, affinity, thread priorities,
 * file identity, disk space, hard links, W variants of path functions,
 * vectored exception handlers.
 *
 * Where Linux cannot do what is asked (setting the system clock,
 * suspending or editing another thread), the call fails with a Windows
 * error code rather than pretending: ERROR_PRIVILEGE_NOT_HELD or
 * ERROR_NOT_SUPPORTED.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "runtime/kernel32/kernel32.h"
#include "runtime/ntdll/ntdll.h"

#define ERROR_PRIVILEGE_NOT_HELD 1314
#define PSEUDO_PROCESS		 ((HANDLE)(intptr_t)-1)
#define PSEUDO_THREAD		 ((HANDLE)(intptr_t)-2)
#define EPOCH_1601		 116444736000000000ull

/* ---- time -------------------------------------------------------------- */

static uint64_t ft64(const FILETIME *ft)
{
	return (uint64_t)ft->dwHighDateTime << 32 | ft->dwLowDateTime;
}

static void set_ft(FILETIME *ft, uint64_t v)
{
	ft->dwLowDateTime = (DWORD)v;
	ft->dwHighDateTime = (DWORD)(v >> 32);
}

BOOL WINAPI w32_FileTimeToSystemTime(const FILETIME *ft, SYSTEMTIME *st)
{
	uint64_t v = ft64(ft);
	time_t secs;
	struct tm tm;

	if (v >> 63) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	/* Days since 1601 work with gmtime's proleptic Gregorian calendar
	 * through the (negative) Unix time. */
	secs = (time_t)((int64_t)(v / 10000000u) - 11644473600ll);
	if (!gmtime_r(&secs, &tm)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	st->wYear = (WORD)(tm.tm_year + 1900);
	st->wMonth = (WORD)(tm.tm_mon + 1);
	st->wDayOfWeek = (WORD)tm.tm_wday;
	st->wDay = (WORD)tm.tm_mday;
	st->wHour = (WORD)tm.tm_hour;
	st->wMinute = (WORD)tm.tm_min;
	st->wSecond = (WORD)tm.tm_sec;
	st->wMilliseconds = (WORD)(v / 10000 % 1000);
	return TRUE;
}

BOOL WINAPI w32_SystemTimeToFileTime(const SYSTEMTIME *st, FILETIME *ft)
{
	struct tm tm = {0};
	time_t secs;

	if (st->wMonth < 1 || st->wMonth > 12 || st->wDay < 1 ||
	    st->wDay > 31 || st->wHour > 23 || st->wMinute > 59 ||
	    st->wSecond > 59 || st->wMilliseconds > 999) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	tm.tm_year = st->wYear - 1900;
	tm.tm_mon = st->wMonth - 1;
	tm.tm_mday = st->wDay;
	tm.tm_hour = st->wHour;
	tm.tm_min = st->wMinute;
	tm.tm_sec = st->wSecond;
	secs = timegm(&tm);
	set_ft(ft,
	       (uint64_t)((int64_t)secs + 11644473600ll) * 10000000u +
		       st->wMilliseconds * 10000u);
	return TRUE;
}

BOOL WINAPI w32_FileTimeToLocalFileTime(const FILETIME *in, FILETIME *out)
{
	time_t now = time(0);
	struct tm tm;

	localtime_r(&now, &tm);
	set_ft(out, ft64(in) + (uint64_t)((int64_t)tm.tm_gmtoff * 10000000));
	return TRUE;
}


/* The current offset of the local zone (no transition rules). */
DWORD WINAPI w32_GetTimeZoneInformation(TIME_ZONE_INFORMATION *tz)
{
	time_t now = time(0);
	struct tm tm;
	WCHAR *n;

	localtime_r(&now, &tm);
	memset(tz, 0, sizeof(*tz));
	tz->Bias = (LONG)(-tm.tm_gmtoff / 60);
	n = rt_utf16_dup(tm.tm_zone ? tm.tm_zone : "UTC");
	if (n) {
		size_t len = rt_wcslen(n);

		if (len > 31)
			len = 31;
		memcpy(tz->StandardName, n, len * sizeof(WCHAR));
		memcpy(tz->DaylightName, n, len * sizeof(WCHAR));
		free(n);
	}
	return 0; /* TIME_ZONE_ID_UNKNOWN: no daylight rules given */
}

BOOL WINAPI w32_GetSystemTimeAdjustment(DWORD *adj, DWORD *inc, BOOL *off)
{
	*adj = 156250; /* 15.625 ms, Windows' default tick */
	*inc = 156250;
	*off = TRUE;
	return TRUE;
}

BOOL WINAPI w32_SetSystemTime(const SYSTEMTIME *st)
{
	rt_set_last_error(ERROR_PRIVILEGE_NOT_HELD);
	return FALSE;
}

static struct timespec proc_start;

__attribute__((constructor)) static void note_start(void)
{
	clock_gettime(CLOCK_REALTIME, &proc_start);
}

static void tv_ft(const struct timeval *tv, FILETIME *ft)
{
	set_ft(ft,
	       (uint64_t)tv->tv_sec * 10000000u + (uint64_t)tv->tv_usec * 10u);
}

BOOL WINAPI w32_GetProcessTimes(HANDLE h, FILETIME *creation, FILETIME *exit,
				FILETIME *kernel, FILETIME *user)
{
	struct rusage ru;

	if (h != PSEUDO_PROCESS) {
		rt_set_last_error(ERROR_NOT_SUPPORTED);
		return FALSE;
	}
	getrusage(RUSAGE_SELF, &ru);
	set_ft(creation,
	       EPOCH_1601 + (uint64_t)proc_start.tv_sec * 10000000u +
		       (uint64_t)proc_start.tv_nsec / 100);
	set_ft(exit, 0);
	tv_ft(&ru.ru_stime, kernel);
	tv_ft(&ru.ru_utime, user);
	return TRUE;
}

BOOL WINAPI w32_GetThreadTimes(HANDLE h, FILETIME *creation, FILETIME *exit,
			       FILETIME *kernel, FILETIME *user)
{
	struct timespec ts;

	if (h != PSEUDO_THREAD) {
		rt_set_last_error(ERROR_NOT_SUPPORTED);
		return FALSE;
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	set_ft(creation, 0);
	set_ft(exit, 0);
	set_ft(kernel, 0);
	set_ft(user,
	       (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100);
	return TRUE;
}

/* ---- processes and threads -------------------------------------------------
 */

BOOL WINAPI w32_GetProcessAffinityMask(HANDLE h, ULONG_PTR *pmask,
				       ULONG_PTR *smask)
{
	cpu_set_t set;
	ULONG_PTR m = 0;

	if (sched_getaffinity(0, sizeof(set), &set) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	for (int i = 0; i < 64; i++)
		if (CPU_ISSET(i, &set))
			m |= 1ull << i;
	*pmask = m;
	*smask = m;
	return TRUE;
}

BOOL WINAPI w32_SetProcessAffinityMask(HANDLE h, ULONG_PTR mask)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	for (int i = 0; i < 64; i++)
		if (mask >> i & 1)
			CPU_SET(i, &set);
	if (h != PSEUDO_PROCESS || sched_setaffinity(0, sizeof(set), &set)) {
		rt_set_last_error(h != PSEUDO_PROCESS
					  ? ERROR_NOT_SUPPORTED
					  : ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return TRUE;
}

/* Priorities are recorded for GetThreadPriority but change nothing:
 * raising a thread's priority needs privileges on Linux. */
int WINAPI w32_GetThreadPriority(HANDLE h)
{
	return 0; /* THREAD_PRIORITY_NORMAL */
}

BOOL WINAPI w32_SetThreadPriority(HANDLE h, int prio)
{
	return TRUE;
}

DWORD WINAPI w32_SuspendThread(HANDLE h)
{
	rt_set_last_error(ERROR_NOT_SUPPORTED);
	return (DWORD)-1;
}


/* The calling thread's own context only. */
BOOL WINAPI w32_GetThreadContext(HANDLE h, void *ctx)
{
	if (h != PSEUDO_THREAD) {
		rt_set_last_error(ERROR_NOT_SUPPORTED);
		return FALSE;
	}
	w32_RtlCaptureContext(ctx);
	return TRUE;
}

BOOL WINAPI w32_SetThreadContext(HANDLE h, const void *ctx)
{
	rt_set_last_error(ERROR_NOT_SUPPORTED);
	return FALSE;
}

/* A handle on a process by id: waitable when it is our child. */
HANDLE WINAPI w32_OpenProcess(DWORD access, BOOL inherit, DWORD pid)
{
	struct rt_object *o;

	if (pid == 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	o = rt_object_new(RT_H_PROCESS);
	if (!o) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	o->pid = (pid_t)pid;
	o->exit_code = STILL_ACTIVE;
	return rt_handle_new(o);
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


static void ts_ft(const struct timespec *ts, FILETIME *ft)
{
	set_ft(ft,
	       EPOCH_1601 + (uint64_t)ts->tv_sec * 10000000u +
		       (uint64_t)ts->tv_nsec / 100);
}

BOOL WINAPI w32_GetFileInformationByHandle(HANDLE h,
					   BY_HANDLE_FILE_INFORMATION *info)
{
	struct rt_object *o = rt_handle_get(h, RT_H_FILE);
	struct stat st;
	int r;

	if (!o)
		return FALSE;
	r = fstat(o->fd, &st);
	rt_object_put(o);
	if (r != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	memset(info, 0, sizeof(*info));
	info->dwFileAttributes = S_ISDIR(st.st_mode) ? 0x10 : 0x20;
	if (!(st.st_mode & 0222))
		info->dwFileAttributes |= 0x1;
	ts_ft(&st.st_ctim, &info->ftCreationTime);
	ts_ft(&st.st_atim, &info->ftLastAccessTime);
	ts_ft(&st.st_mtim, &info->ftLastWriteTime);
	info->dwVolumeSerialNumber = (DWORD)st.st_dev;
	info->nFileSizeHigh = (DWORD)((uint64_t)st.st_size >> 32);
	info->nFileSizeLow = (DWORD)st.st_size;
	info->nNumberOfLinks = (DWORD)st.st_nlink;
	info->nFileIndexHigh = (DWORD)((uint64_t)st.st_ino >> 32);
	info->nFileIndexLow = (DWORD)st.st_ino;
	return TRUE;
}

BOOL WINAPI w32_CreateHardLinkW(LPCWSTR newname, LPCWSTR existing, void *sa)
{
	char *a = rt_utf8_dup(newname), *b = rt_utf8_dup(existing);
	char *ua = a ? rt_unix_path(a) : 0, *ub = b ? rt_unix_path(b) : 0;
	BOOL ok = FALSE;

	if (ua && ub) {
		if (link(ub, ua) == 0)
			ok = TRUE;
		else
			rt_set_last_error(errno == EEXIST
						  ? ERROR_ALREADY_EXISTS
						  : rt_win32_error(errno));
	} else {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	}
	free(a);
	free(b);
	free(ua);
	free(ub);
	return ok;
}

#define MOVEFILE_REPLACE_EXISTING 0x1

BOOL WINAPI w32_MoveFileExA(LPCSTR from, LPCSTR to, DWORD flags)
{
	char *a = rt_unix_path(from), *b = to ? rt_unix_path(to) : 0;
	struct stat st;
	BOOL ok = FALSE;

	if (!a || (to && !b)) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	} else if (!to) {
		/* Delete (at reboot on Windows; now here). */
		ok = unlink(a) == 0;
		if (!ok)
			rt_set_last_error(rt_win32_error(errno));
	} else if (!(flags & MOVEFILE_REPLACE_EXISTING) && stat(b, &st) == 0) {
		rt_set_last_error(ERROR_ALREADY_EXISTS);
	} else if (rename(a, b) != 0) {
		rt_set_last_error(rt_win32_error(errno));
	} else {
		ok = TRUE;
	}
	free(a);
	free(b);
	return ok;
}

BOOL WINAPI w32_MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags)
{
	char *a = rt_utf8_dup(from), *b = rt_utf8_dup(to);
	BOOL ok = a ? w32_MoveFileExA(a, b, flags) : FALSE;

	free(a);
	free(b);
	return ok;
}

BOOL WINAPI w32_MoveFileW(LPCWSTR from, LPCWSTR to)
{
	return w32_MoveFileExW(from, to, 0);
}

BOOL WINAPI w32_GetDiskFreeSpaceExW(LPCWSTR dir, ULONGLONG *avail,
				    ULONGLONG *total, ULONGLONG *freeb)
{
	char *s = dir ? rt_utf8_dup(dir) : 0, *u = s ? rt_unix_path(s) : 0;
	struct statvfs sv;
	int r = statvfs(u ? u : ".", &sv);

	free(s);
	free(u);
	if (r != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	if (avail)
		*avail = (ULONGLONG)sv.f_bavail * sv.f_frsize;
	if (total)
		*total = (ULONGLONG)sv.f_blocks * sv.f_frsize;
	if (freeb)
		*freeb = (ULONGLONG)sv.f_bfree * sv.f_frsize;
	return TRUE;
}

/* Volumes are a Windows notion the Linux side has no list of. */
HANDLE WINAPI w32_FindFirstVolumeW(LPWSTR name, DWORD len)
{
	rt_set_last_error(ERROR_NO_MORE_FILES);
	return INVALID_HANDLE_VALUE;
}

BOOL WINAPI w32_FindNextVolumeW(HANDLE h, LPWSTR name, DWORD len)
{
	rt_set_last_error(ERROR_NO_MORE_FILES);
	return FALSE;
}

BOOL WINAPI w32_FindVolumeClose(HANDLE h)
{
	return TRUE;
}

BOOL WINAPI w32_GetVolumeInformationW(LPCWSTR root, LPWSTR name, DWORD nlen,
				      DWORD *serial, DWORD *maxlen,
				      DWORD *flags, LPWSTR fs, DWORD fslen)
{
	rt_set_last_error(ERROR_NOT_SUPPORTED);
	return FALSE;
}

/* ---- wide forms of path functions ---------------------------------------- */


/* The wide forms convert the narrow result, whatever its length: a
 * fixed buffer would leave the result unset when the narrow form only
 * reports the size it needs. */
DWORD WINAPI w32_GetFullPathNameW(LPCWSTR name, DWORD size, LPWSTR buf,
				  LPWSTR *file)
{
	char *s = rt_utf8_dup(name), *u = s ? rt_unix_name(s) : 0;
	char *w = u ? rt_win_path(u) : 0;
	DWORD r = w ? rt_copy_out_wide(buf, size, w) : 0;

	free(s);
	free(u);
	free(w);
	if (file && r && r < size) {
		LPWSTR p = buf, last = buf;

		for (; *p; p++)
			if (*p == '\\')
				last = p + 1;
		*file = last;
	}
	return r;
}

/* Calls the narrow form a with a buffer of the size it asks for, then
 * converts: the length or the size needed in WCHARs, or 0. */
static DWORD wide_of(DWORD(WINAPI *a)(DWORD, LPSTR), LPWSTR buf, DWORD size)
{
	char *s = 0;
	DWORD n = 0, r;

	/* Again while the result grows between the calls (another thread
	 * changing the directory). */
	while ((r = a(n, s)) >= n) {
		free(s);
		if (!r)
			return 0;
		n = r;
		s = malloc(n);
		if (!s) {
			rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return 0;
		}
	}
	r = r ? rt_copy_out_wide(buf, size, s) : 0;
	free(s);
	return r;
}

DWORD WINAPI w32_GetTempPathW(DWORD size, LPWSTR buf)
{
	return wide_of(w32_GetTempPathA, buf, size);
}

DWORD WINAPI w32_GetCurrentDirectoryW(DWORD size, LPWSTR buf)
{
	return wide_of(w32_GetCurrentDirectoryA, buf, size);
}

BOOL WINAPI w32_SetCurrentDirectoryW(LPCWSTR name)
{
	char *s = rt_utf8_dup(name);
	BOOL r = s ? w32_SetCurrentDirectoryA(s) : FALSE;

	free(s);
	return r;
}

BOOL WINAPI w32_RemoveDirectoryW(LPCWSTR name)
{
	char *s = rt_utf8_dup(name);
	BOOL r = s ? w32_RemoveDirectoryA(s) : FALSE;

	free(s);
	return r;
}

#define GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS 0x4

BOOL WINAPI w32_GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE *out)
{
	char *s;
	BOOL r;

	if (flags & GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS || !name)
		return w32_GetModuleHandleExA(flags, (LPCSTR)name, out);
	s = rt_utf8_dup(name);
	r = s ? w32_GetModuleHandleExA(flags, s, out) : FALSE;
	free(s);
	return r;
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

/* ---- vectored exception handlers
 * ---------------------------------------------- */

struct veh {
	struct veh *next;
	void *fn;
};
static struct veh *veh_list;
static pthread_mutex_t veh_lock = PTHREAD_MUTEX_INITIALIZER;

void *WINAPI w32_AddVectoredExceptionHandler(ULONG first, void *fn)
{
	struct veh *v = malloc(sizeof(*v)), **p;

	if (!v)
		return 0;
	v->fn = fn;
	v->next = 0;
	pthread_mutex_lock(&veh_lock);
	if (first) {
		v->next = veh_list;
		veh_list = v;
	} else {
		for (p = &veh_list; *p; p = &(*p)->next)
			;
		*p = v;
	}
	pthread_mutex_unlock(&veh_lock);
	return v;
}

ULONG WINAPI w32_RemoveVectoredExceptionHandler(void *h)
{
	struct veh **p;
	ULONG found = 0;

	pthread_mutex_lock(&veh_lock);
	for (p = &veh_list; *p; p = &(*p)->next) {
		if (*p == h) {
			*p = (*p)->next;
			found = 1;
			break;
		}
	}
	pthread_mutex_unlock(&veh_lock);
	if (found)
		free(h);
	return found;
}

/* Calls the vectored handlers (before any frame's handler, as Windows
 * does); returns 1 when one of them says EXCEPTION_CONTINUE_EXECUTION. */
int rt_call_vectored(void *pointers)
{
	void *fns[32];
	int n = 0;

	pthread_mutex_lock(&veh_lock);
	for (struct veh *v = veh_list; v && n < 32; v = v->next)
		fns[n++] = v->fn;
	pthread_mutex_unlock(&veh_lock);
	for (int i = 0; i < n; i++)
		if (((LONG(WINAPI *)(void *))fns[i])(pointers) == -1)
			return 1;
	return 0;
}

