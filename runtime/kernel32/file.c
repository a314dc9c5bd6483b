/*
 * file.c — kernel32: files — CreateFile, ReadFile/WriteFile, the file
 * size and pointer, DeleteFile, MoveFile, hard links, pipes, and a file's
 * attributes and identity (GetFileAttributes*,
 * GetFileInformationByHandle).
 *
 * A file HANDLE holds a Linux file descriptor.  Paths are Windows paths:
 * "Z:\\..." is the Linux root (as in Wine), '\\' separates, and relative
 * paths are relative to the current directory.  Names are case-sensitive
 * (the Linux file system's rule), a known difference from Windows.
 * Attributes are what Wine reports for a Linux file: directory or
 * archive, read-only when no one may write it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

#define FILE_FLAG_WRITE_THROUGH	  0x80000000u
#define FILE_FLAG_OVERLAPPED	  0x40000000u
#define FILE_FLAG_NO_BUFFERING	  0x20000000u
#define FILE_FLAG_RANDOM_ACCESS	  0x10000000u
#define FILE_FLAG_SEQUENTIAL_SCAN 0x08000000u
#define FILE_FLAG_DELETE_ON_CLOSE 0x04000000u
#define FILE_FLAG_BACKUP_SEMANTICS 0x02000000u
#define FILE_FLAG_POSIX_SEMANTICS 0x01000000u
#define FILE_FLAG_OPEN_NO_RECALL  0x00100000u
#define FILE_TYPE_UNKNOWN	  0
#define FILE_TYPE_DISK		  1
#define FILE_TYPE_CHAR		  2
#define FILE_TYPE_PIPE		  3
#define INVALID_FILE_SIZE	  0xffffffffu
#define INVALID_SET_FILE_POINTER  0xffffffffu
#define INVALID_FILE_ATTRIBUTES	  0xffffffffu
#define MOVEFILE_REPLACE_EXISTING 0x1

/* ---- opening ------------------------------------------------------------- */

/* The file functions' A forms take names in UTF-8 here, and there is no
 * SetFileApisToOEM: always TRUE, as for a program that never called it. */
BOOL WINAPI w32_AreFileApisANSI(void)
{
	return TRUE;
}

/* Windows tells a missing file (2) from a missing directory on the way
 * (ERROR_PATH_NOT_FOUND, 3); Linux says ENOENT for both. */
static DWORD open_error(const char *path, int err)
{
	char *dir, *slash;
	struct stat st;
	DWORD e = rt_win32_error(err);

	if (err == EEXIST)
		return ERROR_FILE_EXISTS;
	/* A file named with a separator after it ("f.txt\\"). */
	if (err == ENOTDIR && *path && path[strlen(path) - 1] == '/')
		return ERROR_INVALID_NAME;
	if (err != ENOENT)
		return e;
	dir = strdup(path);
	if (!dir)
		return e;
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = 0;
		if (stat(dir, &st) != 0)
			e = ERROR_PATH_NOT_FOUND;
	}
	free(dir);
	return e;
}

/* The flags and attributes CreateFile implements: the caching hints
 * (random, sequential, temporary, no recall) go to posix_fadvise or need
 * nothing; write-through is O_DSYNC; overlapped handles (overlapped.c),
 * delete-on-close, backup semantics (directories open) and POSIX
 * semantics (names are case-sensitive here anyway) are done; READONLY,
 * ARCHIVE, NORMAL and NOT_CONTENT_INDEXED are what a Linux file can be,
 * HIDDEN and SYSTEM go to user.DOSATTRIB of a file the call creates (a
 * file that was there keeps its own, as in Wine).  The rest (unbuffered
 * I/O, offline and encrypted files, reparse points, pipe and session
 * flags) is refused. */
#define DONE_FLAGS                                                          \
	(FILE_FLAG_WRITE_THROUGH | FILE_FLAG_OVERLAPPED |                    \
	 FILE_FLAG_RANDOM_ACCESS |                                           \
	 FILE_FLAG_SEQUENTIAL_SCAN | FILE_FLAG_DELETE_ON_CLOSE |             \
	 FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_POSIX_SEMANTICS |            \
	 FILE_FLAG_OPEN_NO_RECALL | FILE_ATTRIBUTE_READONLY |                \
	 FILE_ATTRIBUTE_ARCHIVE | FILE_ATTRIBUTE_NORMAL |                    \
	 FILE_ATTRIBUTE_TEMPORARY | FILE_ATTRIBUTE_NOT_CONTENT_INDEXED |     \
	 FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM)

/* TRUE when CreateFile (fn) can do all its arguments ask.  Opening an
 * existing file ignores the attributes and the template, as Windows
 * does. */
static BOOL create_args_ok(const char *fn, void *sa, DWORD disp, DWORD flags,
			   HANDLE template)
{
	if (disp == OPEN_EXISTING || disp == TRUNCATE_EXISTING) {
		flags &= ~0xffffu; /* the FILE_ATTRIBUTE_* bits */
		template = 0;
	}
	if (flags & ~DONE_FLAGS)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "flags and attributes 0x%x",
				 flags & ~DONE_FLAGS);
	if (template)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn, "a template file");
	return rt_k32_sa_ok(fn, sa);
}

/* open(2)'s access mode for a Windows access mask: the generic rights
 * and the specific data rights; FILE_APPEND_DATA without the right to
 * write anywhere is O_APPEND.  A handle without data rights (attributes
 * only, access 0) opens read-only. */
static int access_oflags(DWORD access)
{
	int rd = (access & FILE_READ_RIGHTS) != 0;
	int wr = (access & FILE_WRITE_RIGHTS) != 0;
	int append = !wr && (access & FILE_APPEND_DATA);

	if (append)
		return (rd ? O_RDWR : O_WRONLY) | O_APPEND;
	return wr ? (rd ? O_RDWR : O_WRONLY) : O_RDONLY;
}

/* The handle of a CreateFile of path, with the handle attributes hflags
 * (HANDLE_FLAG_INHERIT from its SECURITY_ATTRIBUTES). */
static HANDLE open_unix(const char *path, DWORD access, DWORD share,
			DWORD disp, DWORD flags, DWORD hflags)
{
	int oflags = O_CLOEXEC | access_oflags(access), fd, existed, trunc;
	int share_fd = -1;
	struct rt_object *o;
	struct stat st;
	HANDLE h;

	if (flags & FILE_FLAG_WRITE_THROUGH)
		oflags |= O_DSYNC;
	existed = stat(path, &st) == 0;
	switch (disp) {
	case CREATE_NEW: oflags |= O_CREAT | O_EXCL; break;
	case CREATE_ALWAYS: oflags |= O_CREAT | O_TRUNC; break;
	case OPEN_EXISTING: break;
	case OPEN_ALWAYS: oflags |= O_CREAT; break;
	case TRUNCATE_EXISTING: oflags |= O_TRUNC; break;
	default:
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return INVALID_HANDLE_VALUE;
	}
	if (existed && S_ISDIR(st.st_mode)) {
		/* A directory opens only with backup semantics, and only for
		 * its attributes and times. */
		if (!(flags & FILE_FLAG_BACKUP_SEMANTICS) ||
		    (oflags & O_ACCMODE) != O_RDONLY) {
			rt_set_last_error(ERROR_ACCESS_DENIED);
			return INVALID_HANDLE_VALUE;
		}
		oflags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
	}
	/* An open the sharing modes refuse must not have truncated the
	 * file: the truncation waits for the check. */
	trunc = (oflags & O_TRUNC) && existed;
	if (trunc)
		oflags &= ~O_TRUNC;
	fd = open(path, oflags,
		  flags & FILE_ATTRIBUTE_READONLY ? 0444 : 0666);
	if (fd < 0) {
		rt_set_last_error(open_error(path, errno));
		return INVALID_HANDLE_VALUE;
	}
	/* Deleting on close needs every other handle to share deletion. */
	if (rt_k32_share_enter(path, fd,
			       access | (flags & FILE_FLAG_DELETE_ON_CLOSE
						 ? DELETE
						 : 0),
			       share, &share_fd) < 0) {
		close(fd);
		return INVALID_HANDLE_VALUE;
	}
	if (trunc && ftruncate(fd, 0) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		if (share_fd >= 0)
			close(share_fd);
		close(fd);
		return INVALID_HANDLE_VALUE;
	}
	if (!existed && (flags & DOS_XATTR_BITS)) {
		char v[16];

		/* (A file system without user attributes keeps none: the
		 * file is made all the same, as under Wine.) */
		snprintf(v, sizeof(v), "0x%x",
			 (unsigned)(flags & DOS_XATTR_BITS));
		fsetxattr(fd, DOS_XATTR, v, strlen(v), 0);
	}
	if (flags & (FILE_FLAG_RANDOM_ACCESS | FILE_FLAG_SEQUENTIAL_SCAN))
		posix_fadvise(fd, 0, 0,
			      flags & FILE_FLAG_RANDOM_ACCESS
				      ? POSIX_FADV_RANDOM
				      : POSIX_FADV_SEQUENTIAL);
	o = rt_object_new(RT_H_FILE);
	if (!o) {
		close(fd);
		if (share_fd >= 0)
			close(share_fd);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return INVALID_HANDLE_VALUE;
	}
	o->fd = fd;
	o->share_fd = share_fd;
	o->overlapped = (flags & FILE_FLAG_OVERLAPPED) != 0;
	/* Deleted when the last handle closes (share.c); a file with no
	 * sharing state (not a regular file we can read) at once. */
	o->delete_on_close = (flags & FILE_FLAG_DELETE_ON_CLOSE) != 0;
	if (o->delete_on_close && share_fd < 0)
		unlink(path);
	/* Every file handle may wait and read attributes, as Windows'
	 * CreateFile asks. */
	h = rt_handle_new_access(o, hflags,
				 access | SYNCHRONIZE | FILE_READ_ATTRIBUTES);
	if (!h)
		return INVALID_HANDLE_VALUE;
	/* CREATE_ALWAYS and OPEN_ALWAYS say whether the file was there. */
	rt_set_last_error(
		(existed && (disp == CREATE_ALWAYS || disp == OPEN_ALWAYS))
			? ERROR_ALREADY_EXISTS
			: 0);
	return h;
}

HANDLE WINAPI w32_CreateFileA(LPCSTR name, DWORD access, DWORD share, void *sa,
			      DWORD disp, DWORD flags, HANDLE template)
{
	char *path;
	HANDLE h;

	if (!name) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return INVALID_HANDLE_VALUE;
	}
	if (!create_args_ok("CreateFileA", sa, disp, flags, template))
		return INVALID_HANDLE_VALUE;
	if (!strcmp(name, "CONOUT$"))
		return rt_std_handle(1);
	if (!strcmp(name, "CONIN$"))
		return rt_std_handle(0);
	if (!strcasecmp(name, "NUL"))
		name = "/dev/null";
	path = rt_unix_path(name);
	if (!path) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return INVALID_HANDLE_VALUE;
	}
	h = open_unix(path, access, share, disp, flags, rt_k32_sa_flags(sa));
	free(path);
	return h;
}

HANDLE WINAPI w32_CreateFileW(LPCWSTR name, DWORD access, DWORD share, void *sa,
			      DWORD disp, DWORD flags, HANDLE template)
{
	char *s;
	HANDLE h;

	if (!create_args_ok("CreateFileW", sa, disp, flags, template))
		return INVALID_HANDLE_VALUE;
	if (!(s = rt_utf8_dup(name))) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return INVALID_HANDLE_VALUE;
	}
	h = w32_CreateFileA(s, access, share, sa, disp, flags, 0);
	free(s);
	return h;
}

/* ---- reading and writing ------------------------------------------------- */

/* 1 when file handle h grants one of the rights any (reading:
 * FILE_READ_DATA; writing: FILE_WRITE_DATA or FILE_APPEND_DATA), else 0
 * with ERROR_ACCESS_DENIED, which Windows answers before looking at the
 * descriptor (o released then). */
static int granted(HANDLE h, struct rt_object *o, DWORD any)
{
	DWORD a = 0;

	if (rt_handle_access(h, &a) == 0 && (a & any))
		return 1;
	rt_object_put(o);
	rt_set_last_error(ERROR_ACCESS_DENIED);
	return 0;
}

/* ReadFile and WriteFile with an OVERLAPPED: the transfer at its offset
 * (overlapped.c); a handle opened with FILE_FLAG_OVERLAPPED takes no
 * request without one (ERROR_INVALID_PARAMETER).  1 when the call is
 * decided here (*result its value, o released), 0 to go on at the file
 * pointer. */
static int at_offset(HANDLE h, struct rt_object *o, void *buf, DWORD n,
		     DWORD *count, OVERLAPPED *ov, int wr, BOOL *result)
{
	if (!ov && !o->overlapped)
		return 0;
	rt_object_put(o);
	if (!ov) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		*result = FALSE;
	} else {
		*result = rt_k32_transfer_at(h, buf, n, count, ov, wr);
	}
	return 1;
}

BOOL WINAPI w32_WriteFile(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			  OVERLAPPED *overlapped)
{
	struct rt_object *o;
	int fd = rt_k32_file_fd(h, &o);
	DWORD done = 0;
	BOOL done_at;

	if (written)
		*written = 0;
	if (fd < 0 || !granted(h, o, FILE_WRITE_DATA | FILE_APPEND_DATA))
		return FALSE;
	if (at_offset(h, o, (void *)buf, n, written, overlapped, 1, &done_at))
		return done_at;
	if (rt_k32_console_write(fd, buf, n, written, &done_at)) {
		rt_object_put(o);
		return done_at;
	}
	while (done < n) {
		ssize_t r = write(fd, (const char *)buf + done, n - done);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			rt_set_last_error(rt_win32_error(errno));
			rt_object_put(o);
			return FALSE;
		}
		done += (DWORD)r;
	}
	rt_object_put(o);
	if (written)
		*written = done;
	return TRUE;
}

BOOL WINAPI w32_ReadFile(HANDLE h, LPVOID buf, DWORD n, DWORD *got,
			 OVERLAPPED *overlapped)
{
	struct rt_object *o;
	int fd = rt_k32_file_fd(h, &o);
	ssize_t r;
	BOOL done_at;

	if (got)
		*got = 0;
	if (fd < 0 || !granted(h, o, FILE_READ_DATA))
		return FALSE;
	if (at_offset(h, o, buf, n, got, overlapped, 0, &done_at))
		return done_at;
	if (rt_prepare_write(buf, n) < 0) {
		rt_object_put(o);
		rt_set_last_error(ERROR_NOACCESS);
		return FALSE;
	}
	if (rt_k32_console_read(fd, buf, n, got, &done_at)) {
		rt_object_put(o);
		return done_at;
	}
	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	if (r == 0 && n > 0) {
		/* A pipe whose writers are gone and that is empty: Windows
		 * fails the read (the C runtime takes that as end of file);
		 * a file at its end reads 0 bytes and succeeds. */
		struct stat st;

		if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) {
			rt_object_put(o);
			rt_set_last_error(ERROR_BROKEN_PIPE);
			return FALSE;
		}
	}
	rt_object_put(o);
	if (r < 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	if (got)
		*got = (DWORD)r;
	return TRUE;
}

BOOL WINAPI w32_GetFileSizeEx(HANDLE h, LARGE_INTEGER *size)
{
	struct rt_object *o;
	int fd = rt_k32_file_fd(h, &o);
	struct stat st;

	if (fd < 0)
		return FALSE;
	rt_object_put(o);
	if (fstat(fd, &st) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	*size = st.st_size;
	return TRUE;
}

DWORD WINAPI w32_GetFileSize(HANDLE h, DWORD *high)
{
	LARGE_INTEGER s;

	if (!w32_GetFileSizeEx(h, &s))
		return INVALID_FILE_SIZE;
	if (high)
		*high = (DWORD)((uint64_t)s >> 32);
	rt_set_last_error(0);
	return (DWORD)s;
}

BOOL WINAPI w32_SetFilePointerEx(HANDLE h, LARGE_INTEGER dist,
				 LARGE_INTEGER *newpos, DWORD method)
{
	struct rt_object *o;
	int fd = rt_k32_file_fd(h, &o);
	off_t r;

	if (fd < 0)
		return FALSE;
	rt_object_put(o);
	if (method > 2) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	/* FILE_BEGIN, FILE_CURRENT, FILE_END are SEEK_SET, _CUR, _END. */
	r = lseek(fd, dist, (int)method);
	if (r < 0) {
		rt_set_last_error(errno == EINVAL ? ERROR_NEGATIVE_SEEK
						  : rt_win32_error(errno));
		return FALSE;
	}
	if (newpos)
		*newpos = r;
	return TRUE;
}

DWORD WINAPI w32_SetFilePointer(HANDLE h, LONG lo, LONG *hi, DWORD method)
{
	LARGE_INTEGER d, pos;

	d = hi ? (LARGE_INTEGER)((uint64_t)(uint32_t)*hi << 32 | (uint32_t)lo)
	       : lo;
	if (!w32_SetFilePointerEx(h, d, &pos, method))
		return INVALID_SET_FILE_POINTER;
	if (hi)
		*hi = (LONG)((uint64_t)pos >> 32);
	/* Success leaves the last error alone, except when the low part
	 * looks like INVALID_SET_FILE_POINTER: then NO_ERROR tells them
	 * apart (SetFilePointer on Microsoft Learn; Wine does the same). */
	if ((DWORD)pos == INVALID_SET_FILE_POINTER)
		rt_set_last_error(0);
	return (DWORD)pos;
}

BOOL WINAPI w32_SetEndOfFile(HANDLE h)
{
	struct rt_object *o;
	int fd = rt_k32_file_fd(h, &o);
	off_t pos;

	if (fd < 0)
		return FALSE;
	rt_object_put(o);
	pos = lseek(fd, 0, SEEK_CUR);
	if (pos < 0 || ftruncate(fd, pos) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	return TRUE;
}

DWORD WINAPI w32_GetFileType(HANDLE h)
{
	struct rt_object *o;
	int fd = rt_k32_file_fd(h, &o);
	struct stat st;

	if (fd < 0)
		return FILE_TYPE_UNKNOWN;
	rt_object_put(o);
	if (fstat(fd, &st) != 0)
		return FILE_TYPE_UNKNOWN;
	if (S_ISCHR(st.st_mode))
		return FILE_TYPE_CHAR;
	if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
		return FILE_TYPE_PIPE;
	rt_set_last_error(0);
	return FILE_TYPE_DISK;
}

BOOL WINAPI w32_FlushFileBuffers(HANDLE h)
{
	struct rt_object *o;
	int fd = rt_k32_file_fd(h, &o);

	/* Windows wants write access, as for WriteFile. */
	if (fd < 0 || !granted(h, o, FILE_WRITE_DATA | FILE_APPEND_DATA))
		return FALSE;
	rt_object_put(o);
	fsync(fd); /* pipes and terminals: EINVAL, nothing to flush */
	return TRUE;
}

/* ---- pipes --------------------------------------------------------------- */

/* Pipes: both handles inheritable when sa asks it (inherit.c passes them
 * to a child), not otherwise. */
BOOL WINAPI w32_CreatePipe(HANDLE *rd, HANDLE *wr, SECURITY_ATTRIBUTES *sa,
			   DWORD size)
{
	int fds[2];
	struct rt_object *r, *w;

	if (!rt_k32_sa_ok("CreatePipe", sa))
		return FALSE;
	if (pipe2(fds, O_CLOEXEC) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	/* size is a suggestion on Windows; Linux rounds it up to a page
	 * and may refuse more than its limit, which is no error there. */
	if (size)
		fcntl(fds[1], F_SETPIPE_SZ, (int)size);
	r = rt_object_new(RT_H_FILE);
	w = rt_object_new(RT_H_FILE);
	if (!r || !w) {
		free(r);
		free(w);
		close(fds[0]);
		close(fds[1]);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	r->fd = fds[0];
	w->fd = fds[1];
	/* The rights of Windows' pipe ends (Wine's NtQueryObject): the
	 * read end FILE_GENERIC_READ and FILE_WRITE_ATTRIBUTES, the write
	 * end FILE_GENERIC_WRITE and FILE_READ_ATTRIBUTES. */
	*rd = rt_handle_new_access(r, rt_k32_sa_flags(sa),
				   GENERIC_READ | FILE_WRITE_ATTRIBUTES);
	*wr = rt_handle_new_access(w, rt_k32_sa_flags(sa),
				   GENERIC_WRITE | FILE_READ_ATTRIBUTES);
	if (*rd && *wr)
		return TRUE;
	/* The table filled up between the two: give back the one made. */
	if (*rd)
		rt_handle_close(*rd);
	if (*wr)
		rt_handle_close(*wr);
	*rd = *wr = 0;
	rt_set_last_error(ERROR_TOO_MANY_OPEN_FILES);
	return FALSE;
}

/* PeekNamedPipe: what a pipe's read end holds, without taking it: up to
 * size bytes copied into buf (tee() duplicates a pipe's contents into a
 * scratch pipe), the bytes there in *avail; an anonymous pipe has no
 * messages (*left 0).  A pipe whose writers are gone and that is empty
 * is ERROR_BROKEN_PIPE; a handle without read access is
 * ERROR_ACCESS_DENIED, one that is no pipe ERROR_NOT_SUPPORTED, as Wine
 * answers. */
BOOL WINAPI w32_PeekNamedPipe(HANDLE h, LPVOID buf, DWORD size, DWORD *got,
			      DWORD *avail, DWORD *left)
{
	struct rt_object *o;
	int fd = rt_k32_file_fd(h, &o), n = 0, fl;
	struct stat st;
	struct pollfd pf;
	ssize_t copied = 0;

	if (fd < 0)
		return FALSE;
	fl = fcntl(fd, F_GETFL);
	if (fl < 0 || (fl & O_ACCMODE) == O_WRONLY) {
		rt_object_put(o);
		rt_set_last_error(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	if (fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode) ||
	    ioctl(fd, FIONREAD, &n) != 0) {
		rt_object_put(o);
		rt_set_last_error(ERROR_NOT_SUPPORTED);
		return FALSE;
	}
	pf.fd = fd;
	pf.events = POLLIN;
	if (n == 0 && poll(&pf, 1, 0) == 1 && (pf.revents & POLLHUP)) {
		rt_object_put(o);
		rt_set_last_error(ERROR_BROKEN_PIPE);
		return FALSE;
	}
	if (buf && size && n) {
		int scratch[2];

		if (pipe2(scratch, O_CLOEXEC | O_NONBLOCK) == 0) {
			copied = tee(fd, scratch[1], size, SPLICE_F_NONBLOCK);
			if (copied > 0)
				copied = read(scratch[0], buf, (size_t)copied);
			close(scratch[0]);
			close(scratch[1]);
		}
		if (copied < 0)
			copied = 0;
	}
	rt_object_put(o);
	if (got)
		*got = (DWORD)copied;
	if (avail)
		*avail = (DWORD)n;
	if (left)
		*left = 0;
	return TRUE;
}

/* ---- names: delete, move, link ------------------------------------------- */

BOOL rt_k32_path_call(LPCSTR name, int (*fn)(const char *))
{
	char *p = rt_unix_path(name);
	int r;

	if (!p) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	r = fn(p);
	free(p);
	if (r != 0) {
		if (errno) /* 0: fn has set the last error itself */
			rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	return TRUE;
}

/* unlink, unless an open handle does not share deletion. */
static int unlink_shared(const char *path)
{
	if (!rt_k32_share_delete_ok(path)) {
		errno = 0; /* the last error is the violation already */
		return -1;
	}
	return unlink(path);
}

BOOL WINAPI w32_DeleteFileA(LPCSTR name)
{
	return rt_k32_path_call(name, unlink_shared);
}

BOOL WINAPI w32_DeleteFileW(LPCWSTR name)
{
	char *s = rt_utf8_dup(name);
	BOOL r = rt_k32_path_call(s, unlink_shared);

	free(s);
	return r;
}

BOOL WINAPI w32_MoveFileA(LPCSTR from, LPCSTR to)
{
	char *a = rt_unix_path(from), *b = rt_unix_path(to);
	struct stat st;
	BOOL ok = FALSE;

	if (a && b) {
		if (stat(b, &st) == 0)
			rt_set_last_error(ERROR_ALREADY_EXISTS);
		else if (!rt_k32_share_delete_ok(a))
			; /* an open handle does not share deletion */
		else if (rename(a, b) != 0)
			rt_set_last_error(rt_win32_error(errno));
		else
			ok = TRUE;
	}
	free(a);
	free(b);
	return ok;
}

BOOL WINAPI w32_MoveFileW(LPCWSTR from, LPCWSTR to)
{
	return w32_MoveFileExW(from, to, 0);
}

/* MoveFileEx's flags: replacing, and write-through (rename is durable
 * once the directory is synced: done); moving to another file system by
 * copying, and anything at the next reboot, are refused. */
#define MOVEFILE_COPY_ALLOWED	    0x2
#define MOVEFILE_DELAY_UNTIL_REBOOT 0x4
#define MOVEFILE_WRITE_THROUGH	    0x8

/* fsync of the directory holding path (MOVEFILE_WRITE_THROUGH). */
static void sync_dir_of(const char *path)
{
	char *dir = strdup(path), *slash = dir ? strrchr(dir, '/') : 0;
	int fd;

	if (slash)
		*(slash == dir ? slash + 1 : slash) = 0;
	fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

static BOOL move_flags_ok(const char *fn, DWORD flags)
{
	if (flags & MOVEFILE_DELAY_UNTIL_REBOOT)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "MOVEFILE_DELAY_UNTIL_REBOOT");
	if (flags & ~(MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED |
		      MOVEFILE_WRITE_THROUGH))
		return rt_refuse(ERROR_NOT_SUPPORTED, fn, "flags 0x%x",
				 (unsigned)flags);
	return TRUE;
}

BOOL WINAPI w32_MoveFileExA(LPCSTR from, LPCSTR to, DWORD flags)
{
	char *a, *b;
	struct stat st;
	BOOL ok = FALSE;

	if (!move_flags_ok("MoveFileExA", flags))
		return FALSE;
	if (!to) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	a = rt_unix_path(from);
	b = rt_unix_path(to);
	if (!a || !b) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	} else if (!(flags & MOVEFILE_REPLACE_EXISTING) && stat(b, &st) == 0) {
		rt_set_last_error(ERROR_ALREADY_EXISTS);
	} else if (!rt_k32_share_delete_ok(a)) {
		; /* an open handle does not share deletion */
	} else if (rename(a, b) != 0) {
		/* Another file system: a file may be copied, then its
		 * source deleted (kept, the move still done, when that
		 * fails); a directory may not. */
		if (errno == EXDEV && (flags & MOVEFILE_COPY_ALLOWED) &&
		    stat(a, &st) == 0 && !S_ISDIR(st.st_mode)) {
			ok = rt_k32_copy_file(
				from, to, !(flags & MOVEFILE_REPLACE_EXISTING));
			if (ok)
				unlink(a);
		} else {
			rt_set_last_error(rt_win32_error(errno));
		}
	} else {
		ok = TRUE;
		if (flags & MOVEFILE_WRITE_THROUGH)
			sync_dir_of(b);
	}
	free(a);
	free(b);
	return ok;
}

BOOL WINAPI w32_MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags)
{
	char *a, *b;
	BOOL ok;

	if (!move_flags_ok("MoveFileExW", flags))
		return FALSE;
	a = rt_utf8_dup(from);
	b = rt_utf8_dup(to);
	ok = a ? w32_MoveFileExA(a, b, flags) : FALSE;

	free(a);
	free(b);
	return ok;
}

BOOL WINAPI w32_CreateHardLinkW(LPCWSTR newname, LPCWSTR existing, void *sa)
{
	char *a, *b, *ua, *ub;
	BOOL ok = FALSE;

	if (!rt_k32_sa_ok("CreateHardLinkW", sa))
		return FALSE;
	a = rt_utf8_dup(newname);
	b = rt_utf8_dup(existing);
	ua = a ? rt_unix_path(a) : 0;
	ub = b ? rt_unix_path(b) : 0;

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

/* ---- attributes, times and identity -------------------------------------- */

/* CREATION_TIME: a Linux file has no creation time a program can read
 * through stat (the change time is not one: every chmod moves it), so
 * Windows' creation time is the last write time, as Wine reports it. */
static void to_filetime(time_t t, long ns, FILETIME *ft)
{
	uint64_t v = 116444736000000000ull + (uint64_t)t * 10000000u +
		(uint64_t)ns / 100;

	ft->dwLowDateTime = (DWORD)v;
	ft->dwHighDateTime = (DWORD)(v >> 32);
}

/* The hidden and system bits of the file path (Linux path; or the open
 * file fd when path is NULL) keeps in user.DOSATTRIB. */
static DWORD dos_xattr(const char *path, int fd)
{
	char v[32];
	ssize_t n = path ? getxattr(path, DOS_XATTR, v, sizeof(v) - 1)
			 : fgetxattr(fd, DOS_XATTR, v, sizeof(v) - 1);

	if (n <= 0)
		return 0;
	v[n] = 0;
	return (DWORD)strtoul(v, 0, 16) & DOS_XATTR_BITS;
}

/* The attributes Windows reports for the file st describes, whose Linux
 * path is path (NULL: the open file fd, name unknown): a directory, or a
 * file with the archive bit (as Wine reports every file); read-only
 * without write permission (files only); hidden when its name starts
 * with a dot (Wine hides dot files) or user.DOSATTRIB says so. */
DWORD rt_k32_attributes(const struct stat *st, const char *path, int fd)
{
	const char *base = path ? strrchr(path, '/') : 0;
	DWORD a = dos_xattr(path, fd);

	base = base ? base + 1 : path;
	if (S_ISDIR(st->st_mode))
		a |= FILE_ATTRIBUTE_DIRECTORY;
	else
		a |= FILE_ATTRIBUTE_ARCHIVE;
	if (!S_ISDIR(st->st_mode) && !(st->st_mode & 0222))
		a |= FILE_ATTRIBUTE_READONLY;
	if (base && base[0] == '.' && strcmp(base, ".") && strcmp(base, ".."))
		a |= FILE_ATTRIBUTE_HIDDEN;
	return a;
}

/* Fills the fields of WIN32_FIND_DATAA that precede the names. */
void rt_k32_fill_info(const struct stat *st, WIN32_FILE_ATTRIBUTE_DATA *d,
		      const char *path)
{
	d->dwFileAttributes = rt_k32_attributes(st, path, -1);
	to_filetime(st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
		    &d->ftCreationTime); /* see CREATION_TIME */
	to_filetime(st->st_atim.tv_sec, st->st_atim.tv_nsec,
		    &d->ftLastAccessTime);
	to_filetime(st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
		    &d->ftLastWriteTime);
	d->nFileSizeHigh =
		S_ISDIR(st->st_mode) ? 0 : (DWORD)((uint64_t)st->st_size >> 32);
	d->nFileSizeLow = S_ISDIR(st->st_mode) ? 0 : (DWORD)st->st_size;
}

DWORD WINAPI w32_GetFileAttributesA(LPCSTR name)
{
	char *p = rt_unix_path(name);
	struct stat st;
	DWORD a;

	if (!p || stat(p, &st) != 0) {
		rt_set_last_error(p ? rt_win32_error(errno)
				    : ERROR_INVALID_PARAMETER);
		free(p);
		return INVALID_FILE_ATTRIBUTES;
	}
	a = rt_k32_attributes(&st, p, -1);
	free(p);
	return a;
}

DWORD WINAPI w32_GetFileAttributesW(LPCWSTR name)
{
	char *s = rt_utf8_dup(name);
	DWORD r = s ? w32_GetFileAttributesA(s) : INVALID_FILE_ATTRIBUTES;

	free(s);
	return r;
}

BOOL WINAPI w32_GetFileAttributesExA(LPCSTR name, int level,
				     WIN32_FILE_ATTRIBUTE_DATA *d)
{
	char *p;
	struct stat st;

	if (level != 0) { /* GetFileExInfoStandard, the only level */
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	p = rt_unix_path(name);
	if (!p || stat(p, &st) != 0) {
		rt_set_last_error(p ? rt_win32_error(errno)
				    : ERROR_NOT_ENOUGH_MEMORY);
		free(p);
		return FALSE;
	}
	rt_k32_fill_info(&st, d, p);
	free(p);
	return TRUE;
}

/* GetFileAttributesExA with a UTF-16 name; level must be
 * GetFileExInfoStandard (0), as the only level Windows defines. */
BOOL WINAPI w32_GetFileAttributesExW(LPCWSTR name, int level,
				     WIN32_FILE_ATTRIBUTE_DATA *d)
{
	char *s;
	BOOL r;

	if (level != 0) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	s = rt_utf8_dup(name);
	if (!s) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	r = w32_GetFileAttributesExA(s, level, d);
	free(s);
	return r;
}

/* SetFileAttributesA: read-only as the file's write permissions (a
 * directory's are left alone, as Windows ignores the bit there), hidden
 * and system in user.DOSATTRIB; the other bits (archive, normal,
 * temporary, not indexed...) have no Linux counterpart and, as in Wine,
 * change nothing. */
BOOL WINAPI w32_SetFileAttributesA(LPCSTR name, DWORD attrs)
{
	char *p = rt_unix_path(name), v[16];
	struct stat st;
	mode_t mode, mask;
	int r = -1;

	if (!p || stat(p, &st) != 0)
		goto fail;
	if (!S_ISDIR(st.st_mode)) {
		mode = st.st_mode & 07777;
		if (attrs & FILE_ATTRIBUTE_READONLY) {
			mode &= ~0222u;
		} else if (!(mode & 0222)) {
			/* Writable again where it is readable, less the umask. */
			mask = umask(0);
			umask(mask);
			mode |= (0200 | (mode & 044) >> 1) & ~mask;
		}
		if (mode != (st.st_mode & 07777) && chmod(p, mode) != 0)
			goto fail;
	}
	if (attrs & DOS_XATTR_BITS) {
		snprintf(v, sizeof(v), "0x%x", (unsigned)(attrs & DOS_XATTR_BITS));
		r = setxattr(p, DOS_XATTR, v, strlen(v), 0);
	} else {
		r = removexattr(p, DOS_XATTR);
		if (r != 0 && errno == ENODATA)
			r = 0;
	}
	/* A file system without user attributes (some tmpfs) loses hidden
	 * and system, as under Wine; say so rather than fail. */
	if (r != 0 && errno == ENOTSUP) {
		rt_refuse_quietly(0, "SetFileAttributesA",
				  "hidden/system on a file system without "
				  "extended attributes (the call succeeds, "
				  "as in Wine)");
		r = 0;
	}
	if (r != 0)
		goto fail;
	free(p);
	return TRUE;
fail:
	rt_set_last_error(p ? rt_win32_error(errno) : ERROR_NOT_ENOUGH_MEMORY);
	free(p);
	return FALSE;
}

BOOL WINAPI w32_SetFileAttributesW(LPCWSTR name, DWORD attrs)
{
	char *s = rt_utf8_dup(name);
	BOOL r = s ? w32_SetFileAttributesA(s, attrs) : FALSE;

	if (!s)
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	free(s);
	return r;
}

/* GetFileTime: the creation (Linux's status change), access and write
 * times of an open file; a NULL pointer skips one. */
BOOL WINAPI w32_GetFileTime(HANDLE h, FILETIME *created, FILETIME *accessed,
			    FILETIME *written)
{
	struct rt_object *o;
	int fd = rt_k32_file_fd(h, &o);
	struct stat st;
	int r;

	if (fd < 0)
		return FALSE;
	r = fstat(fd, &st);
	rt_object_put(o);
	if (r != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	if (created) /* see CREATION_TIME */
		to_filetime(st.st_mtim.tv_sec, st.st_mtim.tv_nsec, created);
	if (accessed)
		to_filetime(st.st_atim.tv_sec, st.st_atim.tv_nsec, accessed);
	if (written)
		to_filetime(st.st_mtim.tv_sec, st.st_mtim.tv_nsec, written);
	return TRUE;
}

/* FILETIME (100 ns since 1601) to a timespec; NULL, or the
 * 0xffffffff/0xffffffff "stop updating" value, leaves the time as is. */
static struct timespec ts_of(const FILETIME *ft)
{
	uint64_t v, t;

	if (!ft || (ft->dwLowDateTime == 0xffffffffu &&
		    ft->dwHighDateTime == 0xffffffffu))
		return (struct timespec){0, UTIME_OMIT};
	v = rt_k32_ft64(ft);
	t = v / 10000000u;
	return (struct timespec){(time_t)((int64_t)t - 11644473600ll),
				 (long)(v % 10000000u) * 100};
}

/* SetFileTime: the access and write times.  Linux has no settable
 * creation time, so a creation time is refused (ERROR_NOT_SUPPORTED)
 * rather than dropped; NULL leaves a time unchanged. */
BOOL WINAPI w32_SetFileTime(HANDLE h, const FILETIME *created,
			    const FILETIME *accessed, const FILETIME *written)
{
	struct rt_object *o;
	int fd = rt_k32_file_fd(h, &o);
	struct timespec ts[2] = {ts_of(accessed), ts_of(written)};
	int r;

	if (fd < 0)
		return FALSE;
	if (created) {
		rt_object_put(o);
		return rt_refuse(ERROR_NOT_SUPPORTED, "SetFileTime",
				 "a creation time");
	}
	r = futimens(fd, ts);
	rt_object_put(o);
	if (r != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	return TRUE;
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
	if (r == 0) {
		memset(info, 0, sizeof(*info));
		info->dwFileAttributes = rt_k32_attributes(&st, 0, o->fd);
	}
	rt_object_put(o);
	if (r != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	to_filetime(st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
		    &info->ftCreationTime); /* see CREATION_TIME */
	to_filetime(st.st_atim.tv_sec, st.st_atim.tv_nsec,
		    &info->ftLastAccessTime);
	to_filetime(st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
		    &info->ftLastWriteTime);
	info->dwVolumeSerialNumber = (DWORD)st.st_dev;
	info->nFileSizeHigh = (DWORD)((uint64_t)st.st_size >> 32);
	info->nFileSizeLow = (DWORD)st.st_size;
	info->nNumberOfLinks = (DWORD)st.st_nlink;
	info->nFileIndexHigh = (DWORD)((uint64_t)st.st_ino >> 32);
	info->nFileIndexLow = (DWORD)st.st_ino;
	return TRUE;
}
