/*
 * volume.c — kernel32: disk space and volumes.
 *
 * GetDiskFreeSpaceEx answers with statvfs of the directory's file
 * system, and GetDiskFreeSpace the same in clusters.  Volumes (their
 * GUID names, their labels and file systems) are
 * a Windows notion the Linux side has no list of: the enumeration is
 * empty and GetVolumeInformation fails with ERROR_NOT_SUPPORTED.
 * GetDriveType knows one drive, Z:.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "runtime/kernel32/kernel32.h"

/* statvfs of the file system holding the Windows path dir (NULL: the
 * current directory's); FALSE with the last error. */
static BOOL stat_fs(LPCSTR dir, struct statvfs *sv)
{
	char *u = dir ? rt_unix_path(dir) : 0;
	int r;

	if (dir && !u) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	r = statvfs(u ? u : ".", sv);
	free(u);
	if (r != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	return TRUE;
}

BOOL WINAPI w32_GetDiskFreeSpaceExA(LPCSTR dir, ULONGLONG *avail,
				    ULONGLONG *total, ULONGLONG *freeb)
{
	struct statvfs sv;

	if (!stat_fs(dir, &sv))
		return FALSE;
	if (avail)
		*avail = (ULONGLONG)sv.f_bavail * sv.f_frsize;
	if (total)
		*total = (ULONGLONG)sv.f_blocks * sv.f_frsize;
	if (freeb)
		*freeb = (ULONGLONG)sv.f_bfree * sv.f_frsize;
	return TRUE;
}

/* GetDiskFreeSpaceExA with a UTF-16 directory. */
BOOL WINAPI w32_GetDiskFreeSpaceExW(LPCWSTR dir, ULONGLONG *avail,
				    ULONGLONG *total, ULONGLONG *freeb)
{
	char *s = dir ? rt_utf8_dup(dir) : 0;
	BOOL r;

	if (dir && !s) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	r = w32_GetDiskFreeSpaceExA(s, avail, total, freeb);
	free(s);
	return r;
}

#define SECTOR 512u

static DWORD cap32(uint64_t v)
{
	return v > 0xffffffffu ? 0xffffffffu : (DWORD)v;
}

/* GetDiskFreeSpaceA: root NULL is the current directory's file system.
 * A cluster is the file system's fragment size, counted in 512-byte
 * sectors; counts beyond 32 bits are capped (Windows' answer for such
 * volumes is just as meaningless; GetDiskFreeSpaceEx is the real one). */
BOOL WINAPI w32_GetDiskFreeSpaceA(LPCSTR root, DWORD *spc, DWORD *bps,
				  DWORD *nfree, DWORD *ntotal)
{
	struct statvfs sv;
	uint64_t per;

	if (!stat_fs(root, &sv))
		return FALSE;
	per = sv.f_frsize >= SECTOR ? sv.f_frsize / SECTOR : 1;
	if (spc)
		*spc = (DWORD)per;
	if (bps)
		*bps = SECTOR;
	if (nfree)
		*nfree = cap32((uint64_t)sv.f_bavail * sv.f_frsize /
			       (per * SECTOR));
	if (ntotal)
		*ntotal = cap32((uint64_t)sv.f_blocks * sv.f_frsize /
				(per * SECTOR));
	return TRUE;
}

/* GetDiskFreeSpaceA with a UTF-16 root. */
BOOL WINAPI w32_GetDiskFreeSpaceW(LPCWSTR root, DWORD *spc, DWORD *bps,
				  DWORD *nfree, DWORD *ntotal)
{
	char *s = root ? rt_utf8_dup(root) : 0;
	BOOL r;

	if (root && !s) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	r = w32_GetDiskFreeSpaceA(s, spc, bps, nfree, ntotal);
	free(s);
	return r;
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
	return rt_refuse(ERROR_NOT_SUPPORTED, "GetVolumeInformationW",
			 "volume information");
}

#define DRIVE_NO_ROOT_DIR 1
#define DRIVE_FIXED	  3

/* GetDriveTypeA: every directory the runtime can name is on a fixed disk
 * (Z:, the Linux root, as Wine maps it); NULL is the current directory's
 * drive; another drive letter, a network (UNC) name, an empty string or
 * a path that is not a directory has no root: DRIVE_NO_ROOT_DIR. */
UINT WINAPI w32_GetDriveTypeA(LPCSTR root)
{
	struct stat st;
	char *u;
	int dir;

	if (!root)
		root = ".";
	if (!*root || (root[0] == '\\' && root[1] == '\\' &&
		       root[2] != '?' && root[2] != '.'))
		return DRIVE_NO_ROOT_DIR;
	if (root[0] && root[1] == ':' && root[0] != 'Z' && root[0] != 'z')
		return DRIVE_NO_ROOT_DIR;
	/* "Z:" alone is the drive's root, not its current directory. */
	u = rt_unix_path(root[0] && root[1] == ':' && !root[2] ? "Z:\\" : root);
	dir = u && stat(u, &st) == 0 && S_ISDIR(st.st_mode);
	free(u);
	return dir ? DRIVE_FIXED : DRIVE_NO_ROOT_DIR;
}

UINT WINAPI w32_GetDriveTypeW(LPCWSTR root)
{
	char *s = root ? rt_utf8_dup(root) : 0;
	UINT r = root && !s ? DRIVE_NO_ROOT_DIR : w32_GetDriveTypeA(s);

	free(s);
	return r;
}
