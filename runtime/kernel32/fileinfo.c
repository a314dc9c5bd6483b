/*
 * fileinfo.c — kernel32: an open file's information by class
 * (GetFileInformationByHandleEx, SetFileInformationByHandle) and its
 * final path (GetFinalPathNameByHandleA/W).
 *
 * The handle's Linux descriptor knows its file: /proc/self/fd names its
 * path (the final one, symlinks resolved, as Windows' final path is),
 * fstat its size, times and links.  Classes that describe what Linux
 * files do not have (compression, streams, remote protocols, directory
 * listings through a handle) are refused with ERROR_NOT_SUPPORTED.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

enum {
	FileBasicInfo = 0,
	FileStandardInfo = 1,
	FileNameInfo = 2,
	FileRenameInfo = 3,
	FileDispositionInfo = 4,
	FileAllocationInfo = 5,
	FileEndOfFileInfo = 6,
	FileAttributeTagInfo = 9,
	FileIdInfo = 18,
};

typedef struct {
	int64_t CreationTime, LastAccessTime, LastWriteTime, ChangeTime;
	DWORD FileAttributes;
} FILE_BASIC_INFO;
typedef struct {
	int64_t AllocationSize, EndOfFile;
	DWORD NumberOfLinks;
	BOOLEAN DeletePending, Directory;
} FILE_STANDARD_INFO;
typedef struct {
	DWORD FileNameLength; /* bytes */
	WCHAR FileName[1];
} FILE_NAME_INFO;
typedef struct {
	DWORD FileAttributes, ReparseTag;
} FILE_ATTRIBUTE_TAG_INFO;
typedef struct {
	ULONGLONG VolumeSerialNumber;
	BYTE FileId[16];
} FILE_ID_INFO;
typedef struct {
	BOOLEAN ReplaceIfExists; /* (a union with Flags on newer Windows) */
	HANDLE RootDirectory;
	DWORD FileNameLength; /* bytes */
	WCHAR FileName[1];
} FILE_RENAME_INFO;
_Static_assert(sizeof(FILE_BASIC_INFO) == 40, "FILE_BASIC_INFO");
_Static_assert(sizeof(FILE_STANDARD_INFO) == 24, "FILE_STANDARD_INFO");
_Static_assert(sizeof(FILE_ID_INFO) == 24, "FILE_ID_INFO");
_Static_assert(__builtin_offsetof(FILE_RENAME_INFO, FileName) == 20,
	       "FILE_RENAME_INFO");

#define EPOCH_DIFF 116444736000000000ll /* 1601 to 1970, 100 ns units */

static int64_t ft_of(const struct timespec *t)
{
	return EPOCH_DIFF + (int64_t)t->tv_sec * 10000000 + t->tv_nsec / 100;
}

/* The Linux path of the open file fd, malloc'd; NULL when it has none. */
static char *fd_path(int fd)
{
	char link[64], buf[4096];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, sizeof(buf) - 1);
	if (n <= 0 || buf[0] != '/')
		return 0;
	buf[n] = 0;
	return strdup(buf);
}

/* Fills buf (size bytes) with class cls of the file o names. */
static BOOL get_info(struct rt_object *o, int cls, void *buf, DWORD size)
{
	struct stat st;
	char *path;

	if (fstat(o->fd, &st) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	switch (cls) {
	case FileBasicInfo: {
		FILE_BASIC_INFO *b = buf;

		if (size < sizeof(*b))
			break;
		b->CreationTime = ft_of(&st.st_mtim); /* as file.c: Wine's */
		b->LastAccessTime = ft_of(&st.st_atim);
		b->LastWriteTime = ft_of(&st.st_mtim);
		b->ChangeTime = ft_of(&st.st_ctim);
		b->FileAttributes = rt_k32_attributes(&st, 0, o->fd);
		return TRUE;
	}
	case FileStandardInfo: {
		FILE_STANDARD_INFO *s = buf;

		if (size < sizeof(*s))
			break;
		s->Directory = S_ISDIR(st.st_mode);
		s->EndOfFile = s->Directory ? 0 : st.st_size;
		s->AllocationSize = s->Directory ? 0 : (int64_t)st.st_blocks * 512;
		s->NumberOfLinks = (DWORD)st.st_nlink;
		s->DeletePending = o->delete_on_close != 0;
		return TRUE;
	}
	case FileNameInfo: {
		/* The path without its drive, "\dir\file", as much as fits
		 * (ERROR_MORE_DATA: the length says how much there is). */
		FILE_NAME_INFO *n = buf;
		WCHAR *w;
		size_t len, room;

		if (size < sizeof(DWORD) + sizeof(WCHAR))
			break;
		path = fd_path(o->fd);
		for (char *p = path; p && *p; p++)
			if (*p == '/')
				*p = '\\';
		w = path ? rt_utf16_dup(path) : 0;
		free(path);
		if (!w) {
			rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return FALSE;
		}
		len = rt_wcslen(w) * sizeof(WCHAR);
		room = size - sizeof(DWORD);
		n->FileNameLength = (DWORD)len;
		memcpy(n->FileName, w, len < room ? len : room);
		free(w);
		if (len > room) {
			rt_set_last_error(ERROR_MORE_DATA);
			return FALSE;
		}
		return TRUE;
	}
	case FileAttributeTagInfo: {
		FILE_ATTRIBUTE_TAG_INFO *t = buf;

		if (size < sizeof(*t))
			break;
		t->FileAttributes = rt_k32_attributes(&st, 0, o->fd);
		t->ReparseTag = 0;
		return TRUE;
	}
	case FileIdInfo: {
		FILE_ID_INFO *id = buf;

		if (size < sizeof(*id))
			break;
		memset(id, 0, sizeof(*id));
		id->VolumeSerialNumber = (ULONGLONG)st.st_dev;
		memcpy(id->FileId, &st.st_ino, sizeof(st.st_ino));
		return TRUE;
	}
	default:
		return rt_refuse(ERROR_NOT_SUPPORTED, "GetFileInformationByHandleEx",
				 "information class %d", cls);
	}
	rt_set_last_error(ERROR_BAD_LENGTH);
	return FALSE;
}

/* GetFileInformationByHandleEx: the basic, standard, name, attribute tag
 * or id information of an open file. */
BOOL WINAPI w32_GetFileInformationByHandleEx(HANDLE h, int cls, LPVOID buf,
					     DWORD size)
{
	struct rt_object *o = rt_handle_get(h, RT_H_FILE);
	BOOL r;

	if (!o)
		return FALSE;
	r = get_info(o, cls, buf, size);
	rt_object_put(o);
	return r;
}

/* The times of FILE_BASIC_INFO to set: 0 leaves one as it is. */
static struct timespec ts_set(int64_t ft)
{
	int64_t t = ft - EPOCH_DIFF;

	if (ft == 0)
		return (struct timespec){0, UTIME_OMIT};
	return (struct timespec){(time_t)(t / 10000000), (long)(t % 10000000) * 100};
}

static BOOL set_basic(struct rt_object *o, const FILE_BASIC_INFO *b)
{
	struct timespec ts[2] = {ts_set(b->LastAccessTime),
				 ts_set(b->LastWriteTime)};
	char *path;
	char *win;
	BOOL ok = TRUE;

	if (b->CreationTime || b->ChangeTime)
		return rt_refuse(ERROR_NOT_SUPPORTED,
				 "SetFileInformationByHandle",
				 "a creation or change time (Linux keeps none "
				 "to set)");
	/* -1 stops the system from updating a time, -2 lets it again:
	 * Linux has no such switch. */
	if (b->LastAccessTime < 0 || b->LastWriteTime < 0)
		return rt_refuse(ERROR_NOT_SUPPORTED,
				 "SetFileInformationByHandle",
				 "a time of -1 or -2 (stop or resume its "
				 "updates)");
	if (futimens(o->fd, ts) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	if (b->FileAttributes) {
		path = fd_path(o->fd);
		win = path ? rt_win_path_of(path) : 0;
		ok = win && w32_SetFileAttributesA(win, b->FileAttributes);
		if (!win)
			rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		free(path);
		free(win);
	}
	return ok;
}

static BOOL set_rename(struct rt_object *o, const FILE_RENAME_INFO *r,
		       DWORD size)
{
	char *from = fd_path(o->fd), *to = 0, *wfrom = 0, *wto;
	WCHAR *name;
	BOOL ok = FALSE;

	if (size < __builtin_offsetof(FILE_RENAME_INFO, FileName) ||
	    r->FileNameLength > size - __builtin_offsetof(FILE_RENAME_INFO,
							   FileName)) {
		free(from);
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (r->RootDirectory) {
		free(from);
		return rt_refuse(ERROR_NOT_SUPPORTED,
				 "SetFileInformationByHandle",
				 "a rename relative to a directory handle");
	}
	name = calloc(r->FileNameLength / 2 + 1, sizeof(WCHAR));
	if (name)
		memcpy(name, r->FileName, r->FileNameLength);
	wto = name ? rt_utf8_dup(name) : 0;
	/* A name without a directory stays in the file's own. */
	if (wto && from && !strpbrk(wto, "\\/:")) {
		char *slash = strrchr(from, '/');

		if (asprintf(&to, "%.*s/%s", (int)(slash - from), from, wto) < 0)
			to = 0;
		free(wto);
		wto = to ? rt_win_path_of(to) : 0;
	}
	wfrom = from ? rt_win_path_of(from) : 0;
	if (wfrom && wto)
		ok = w32_MoveFileExA(wfrom, wto,
				     r->ReplaceIfExists ? 1 /* REPLACE */ : 0);
	else
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	free(name);
	free(from);
	free(to);
	free(wfrom);
	free(wto);
	return ok;
}

/* Blocks for n bytes of fd, its size unchanged (FileAllocationInfo); a
 * file system that cannot reserve ahead is not an error, the
 * allocation being Windows' hint too. */
static int reserve(int fd, int64_t n)
{
	return n == 0 || fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, n) == 0 ||
	       errno == EOPNOTSUPP;
}

/* SetFileInformationByHandle: the basic information (times, attributes),
 * a new name, the delete disposition, the allocation or the end of an
 * open file. */
BOOL WINAPI w32_SetFileInformationByHandle(HANDLE h, int cls, LPVOID buf,
					   DWORD size)
{
	struct rt_object *o = rt_handle_get(h, RT_H_FILE);
	BOOL ok = FALSE;

	if (!o)
		return FALSE;
	switch (cls) {
	case FileBasicInfo:
		if (size < sizeof(FILE_BASIC_INFO))
			goto bad_length;
		ok = set_basic(o, buf);
		break;
	case FileRenameInfo:
		ok = set_rename(o, buf, size);
		break;
	case FileDispositionInfo:
		if (size < 1)
			goto bad_length;
		/* Deleted when the last handle closes (share.c), or not. */
		o->delete_on_close = *(const BOOLEAN *)buf != 0;
		ok = TRUE;
		break;
	case FileAllocationInfo:
	case FileEndOfFileInfo: {
		int64_t n;
		struct stat st;

		if (size < sizeof(int64_t))
			goto bad_length;
		memcpy(&n, buf, sizeof(n));
		/* An allocation shorter than the data cuts the file, a longer
		 * one reserves the blocks; an end of file sets the size. */
		if (cls == FileAllocationInfo)
			ok = n >= 0 && fstat(o->fd, &st) == 0 &&
			     (n < st.st_size ? ftruncate(o->fd, n) == 0
					     : reserve(o->fd, n));
		else
			ok = n >= 0 && ftruncate(o->fd, n) == 0;
		if (!ok)
			rt_set_last_error(n < 0 ? ERROR_INVALID_PARAMETER
						: rt_win32_error(errno));
		break;
	}
	default:
		ok = rt_refuse(ERROR_NOT_SUPPORTED, "SetFileInformationByHandle",
			       "information class %d", cls);
	}
	rt_object_put(o);
	return ok;
bad_length:
	rt_object_put(o);
	rt_set_last_error(ERROR_BAD_LENGTH);
	return FALSE;
}

/* ---- the final path ------------------------------------------------------- */

#define VOLUME_NAME_DOS	 0x0
#define VOLUME_NAME_GUID 0x1
#define VOLUME_NAME_NT	 0x2
#define VOLUME_NAME_NONE 0x4
#define FILE_NAME_OPENED 0x8

/* The final path of the open file h as flags ask: "\\?\Z:\dir\file"
 * (VOLUME_NAME_DOS) or "\dir\file" (VOLUME_NAME_NONE); malloc'd, NULL
 * with the last error. */
static char *final_path(const char *fn, HANDLE h, DWORD flags)
{
	struct rt_object *o;
	char *path, *w = 0;
	DWORD vol = flags & ~FILE_NAME_OPENED;

	if (flags & ~(DWORD)(FILE_NAME_OPENED | 0x7) ||
	    (vol != VOLUME_NAME_DOS && vol != VOLUME_NAME_GUID &&
	     vol != VOLUME_NAME_NT && vol != VOLUME_NAME_NONE)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (vol == VOLUME_NAME_GUID || vol == VOLUME_NAME_NT) {
		rt_refuse(ERROR_NOT_SUPPORTED, fn,
			  "VOLUME_NAME_GUID and VOLUME_NAME_NT (no Windows "
			  "volumes)");
		return 0;
	}
	o = rt_handle_get(h, RT_H_FILE);
	if (!o)
		return 0;
	path = fd_path(o->fd);
	rt_object_put(o);
	if (!path) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	if (vol == VOLUME_NAME_NONE) {
		for (char *p = path; *p; p++)
			if (*p == '/')
				*p = '\\';
		return path;
	}
	if (asprintf(&w, "\\\\?\\Z:%s", path) < 0)
		w = 0;
	for (char *p = w; p && *p; p++)
		if (*p == '/')
			*p = '\\';
	free(path);
	if (!w)
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return w;
}

/* GetFinalPathNameByHandleA: the path in buf (size characters); its
 * length, or the size needed with its NUL when buf is too small. */
DWORD WINAPI w32_GetFinalPathNameByHandleA(HANDLE h, LPSTR buf, DWORD size,
					   DWORD flags)
{
	char *p = final_path("GetFinalPathNameByHandleA", h, flags);
	DWORD r;

	if (!p)
		return 0;
	r = rt_copy_out(buf, size, p);
	free(p);
	return r;
}

DWORD WINAPI w32_GetFinalPathNameByHandleW(HANDLE h, LPWSTR buf, DWORD size,
					   DWORD flags)
{
	char *p = final_path("GetFinalPathNameByHandleW", h, flags);
	DWORD r;

	if (!p)
		return 0;
	r = rt_copy_out_wide(buf, size, p);
	free(p);
	return r;
}
