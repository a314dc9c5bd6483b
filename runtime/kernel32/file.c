/*
 * k32_file.c — kernel32: file handles, the console's standard handles,
 * pipes and the file system.
 *
 * A file HANDLE holds a Linux file descriptor.  Paths are Windows paths:
 * "Z:\\..." is the Linux root (as in Wine), '\\' separates, and relative
 * paths are relative to the current directory.  Names are case-sensitive
 * (the Linux file system's rule), a known difference from Windows.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/kernel32/kernel32.h"

#define STD_INPUT_HANDLE	  ((DWORD)-10)
#define STD_OUTPUT_HANDLE	  ((DWORD)-11)
#define STD_ERROR_HANDLE	  ((DWORD)-12)
#define GENERIC_READ		  0x80000000u
#define GENERIC_WRITE		  0x40000000u
#define GENERIC_ALL		  0x10000000u
#define FILE_APPEND_DATA	  0x4u
#define CREATE_NEW		  1
#define CREATE_ALWAYS		  2
#define OPEN_EXISTING		  3
#define OPEN_ALWAYS		  4
#define TRUNCATE_EXISTING	  5
#define FILE_FLAG_DELETE_ON_CLOSE 0x04000000u
#define FILE_TYPE_UNKNOWN	  0
#define FILE_TYPE_DISK		  1
#define FILE_TYPE_CHAR		  2
#define FILE_TYPE_PIPE		  3
#define INVALID_FILE_SIZE	  0xffffffffu
#define INVALID_SET_FILE_POINTER  0xffffffffu
#define INVALID_FILE_ATTRIBUTES	  0xffffffffu
#define FILE_ATTRIBUTE_READONLY	  0x1
#define FILE_ATTRIBUTE_DIRECTORY  0x10
#define FILE_ATTRIBUTE_NORMAL	  0x80

/* The file functions' A forms take names in UTF-8 here, and there is no
 * SetFileApisToOEM: always TRUE, as for a program that never called it. */
BOOL WINAPI w32_AreFileApisANSI(void)
{
	return TRUE;
}

static int std_index(DWORD which)
{
	switch (which) {
	case STD_INPUT_HANDLE: return 0;
	case STD_OUTPUT_HANDLE: return 1;
	case STD_ERROR_HANDLE: return 2;
	default: return -1;
	}
}

HANDLE WINAPI w32_GetStdHandle(DWORD which)
{
	int i = std_index(which);

	if (i < 0) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return INVALID_HANDLE_VALUE;
	}
	return rt_std_handle(i);
}

BOOL WINAPI w32_SetStdHandle(DWORD which, HANDLE h)
{
	int i = std_index(which);

	if (i < 0) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	rt_set_std_handle(i, h);
	return TRUE;
}

/* The fd behind a file handle, or -1 with the last error set. */
static int handle_fd(HANDLE h, struct rt_object **out)
{
	struct rt_object *o = rt_handle_get(h, RT_H_FILE);

	*out = o;
	return o ? o->fd : -1;
}

/* With an OVERLAPPED, at its offset (kernel32/overlapped.c). */
BOOL WINAPI w32_WriteFile(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			  OVERLAPPED *overlapped)
{
	struct rt_object *o;
	int fd = handle_fd(h, &o);
	DWORD done = 0;

	if (written)
		*written = 0;
	if (fd < 0)
		return FALSE;
	if (overlapped) {
		rt_object_put(o);
		return rt_file_transfer_at(h, (void *)buf, n, written,
					   overlapped, 1);
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
	int fd = handle_fd(h, &o);
	ssize_t r;

	if (got)
		*got = 0;
	if (fd < 0)
		return FALSE;
	if (overlapped) {
		rt_object_put(o);
		return rt_file_transfer_at(h, buf, n, got, overlapped, 0);
	}
	if (rt_prepare_write(buf, n) < 0) {
		rt_object_put(o);
		rt_set_last_error(ERROR_NOACCESS);
		return FALSE;
	}
	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	rt_object_put(o);
	if (r < 0) {
		/* A pipe whose writers are gone reads as end of file. */
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	if (got)
		*got = (DWORD)r;
	return TRUE;
}

/* WriteConsole works on consoles only: on a pipe or file Windows (and
 * Wine) fail with ERROR_INVALID_HANDLE. */
BOOL WINAPI w32_WriteConsoleA(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			      void *reserved)
{
	if (rt_console_fd(h) < 0)
		return FALSE;
	return w32_WriteFile(h, buf, n, written, 0);
}

BOOL WINAPI w32_WriteConsoleW(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			      void *reserved)
{
	WCHAR *w;
	char *s;
	BOOL ok;
	DWORD dummy;

	/* Not a console: refused before copying n characters. */
	if (rt_console_fd(h) < 0)
		return FALSE;
	/* In size_t: n + 1 in a DWORD wraps to 0 for n = 0xffffffff. */
	w = malloc(((size_t)n + 1) * sizeof(WCHAR));
	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	memcpy(w, buf, n * sizeof(WCHAR));
	w[n] = 0;
	s = rt_utf8_dup(w);
	free(w);
	if (!s) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	ok = w32_WriteConsoleA(h, s, (DWORD)strlen(s), &dummy, 0);
	free(s);
	if (ok && written)
		*written = n;
	return ok;
}

BOOL WINAPI w32_GetConsoleMode(HANDLE h, DWORD *mode)
{
	if (rt_console_fd(h) < 0)
		return FALSE;
	*mode = 3; /* ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT */
	return TRUE;
}

BOOL WINAPI w32_SetConsoleMode(HANDLE h, DWORD mode)
{
	DWORD m;

	return w32_GetConsoleMode(h, &m);
}

UINT WINAPI w32_GetConsoleCP(void)
{
	return 65001;
}

UINT WINAPI w32_GetConsoleOutputCP(void)
{
	return 65001;
}

BOOL WINAPI w32_SetConsoleOutputCP(UINT cp)
{
	return TRUE;
}

BOOL WINAPI w32_SetConsoleCP(UINT cp)
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

static HANDLE open_unix(const char *path, DWORD access, DWORD disp, DWORD flags)
{
	int oflags = O_CLOEXEC, fd, existed;
	struct rt_object *o;
	struct stat st;
	HANDLE h;

	if ((access & (GENERIC_READ | GENERIC_ALL)) &&
	    (access & (GENERIC_WRITE | GENERIC_ALL | FILE_APPEND_DATA)))
		oflags |= O_RDWR;
	else if (access & (GENERIC_WRITE | FILE_APPEND_DATA))
		oflags |= O_WRONLY;
	else if (access & GENERIC_ALL)
		oflags |= O_RDWR;
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
		/* Directories open only for their attributes; refuse data
		 * access as Windows does without backup semantics. */
		rt_set_last_error(ERROR_ACCESS_DENIED);
		return INVALID_HANDLE_VALUE;
	}
	fd = open(path, oflags, 0666);
	if (fd < 0) {
		rt_set_last_error(open_error(path, errno));
		return INVALID_HANDLE_VALUE;
	}
	if (flags & FILE_FLAG_DELETE_ON_CLOSE)
		unlink(path);
	o = rt_object_new(RT_H_FILE);
	if (!o) {
		close(fd);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return INVALID_HANDLE_VALUE;
	}
	o->fd = fd;
	h = rt_handle_new(o);
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
	h = open_unix(path, access, disp, flags);
	free(path);
	return h;
}

HANDLE WINAPI w32_CreateFileW(LPCWSTR name, DWORD access, DWORD share, void *sa,
			      DWORD disp, DWORD flags, HANDLE template)
{
	char *s = rt_utf8_dup(name);
	HANDLE h;

	if (!s) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return INVALID_HANDLE_VALUE;
	}
	h = w32_CreateFileA(s, access, share, sa, disp, flags, template);
	free(s);
	return h;
}

BOOL WINAPI w32_GetFileSizeEx(HANDLE h, LARGE_INTEGER *size)
{
	struct rt_object *o;
	int fd = handle_fd(h, &o);
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
	int fd = handle_fd(h, &o);
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
	int fd = handle_fd(h, &o);
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

/* FILETIME (100 ns since 1601) to a timespec; NULL, or the
 * 0xffffffff/0xffffffff "stop updating" value, leaves the time as is. */
static struct timespec ts_of(const FILETIME *ft)
{
	uint64_t v, t;

	if (!ft || (ft->dwLowDateTime == 0xffffffffu &&
		    ft->dwHighDateTime == 0xffffffffu))
		return (struct timespec){0, UTIME_OMIT};
	v = (uint64_t)ft->dwHighDateTime << 32 | ft->dwLowDateTime;
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
	int fd = handle_fd(h, &o);
	struct timespec ts[2] = {ts_of(accessed), ts_of(written)};
	int r;

	if (fd < 0)
		return FALSE;
	if (created) {
		rt_object_put(o);
		if (ld_trace_on)
			ld_trace("SetFileTime: a creation time is not supported");
		rt_set_last_error(ERROR_NOT_SUPPORTED);
		return FALSE;
	}
	r = futimens(fd, ts);
	rt_object_put(o);
	if (r != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	return TRUE;
}

DWORD WINAPI w32_GetFileType(HANDLE h)
{
	struct rt_object *o;
	int fd = handle_fd(h, &o);
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
	int fd = handle_fd(h, &o);

	if (fd < 0)
		return FALSE;
	rt_object_put(o);
	fsync(fd); /* pipes and terminals: EINVAL, nothing to flush */
	return TRUE;
}

/* Pipes: handles not inheritable unless asked (Linux: O_CLOEXEC). */
BOOL WINAPI w32_CreatePipe(HANDLE *rd, HANDLE *wr, SECURITY_ATTRIBUTES *sa,
			   DWORD size)
{
	int fds[2];
	struct rt_object *r, *w;

	if (pipe2(fds, O_CLOEXEC) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
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
	*rd = rt_handle_new(r);
	*wr = rt_handle_new(w);
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

/* Within this process only; the pseudo-handles of the current thread and
 * process become real handles, as Windows does. */
BOOL WINAPI w32_DuplicateHandle(HANDLE sp, HANDLE src, HANDLE tp, HANDLE *dst,
				DWORD access, BOOL inherit, DWORD options)
{
	struct rt_object *o;

	if (src == (HANDLE)(intptr_t)-2) {
		o = rt_current_thread_object();
	} else if (src == (HANDLE)(intptr_t)-1) {
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
	if (options & 1) /* DUPLICATE_CLOSE_SOURCE */
		rt_handle_close(src);
	*dst = rt_handle_new(o);
	return *dst != 0;
}

/* ---- the file system ---------------------------------------------- */

static BOOL path_call(LPCSTR name, int (*fn)(const char *))
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
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	return TRUE;
}

static int mkdir0777(const char *p)
{
	return mkdir(p, 0777);
}

BOOL WINAPI w32_DeleteFileA(LPCSTR name)
{
	return path_call(name, unlink);
}

BOOL WINAPI w32_DeleteFileW(LPCWSTR name)
{
	char *s = rt_utf8_dup(name);
	BOOL r = path_call(s, unlink);

	free(s);
	return r;
}

BOOL WINAPI w32_CreateDirectoryA(LPCSTR name, void *sa)
{
	if (!path_call(name, mkdir0777)) {
		if (w32_GetLastError() == ERROR_FILE_EXISTS)
			rt_set_last_error(ERROR_ALREADY_EXISTS);
		return FALSE;
	}
	return TRUE;
}

BOOL WINAPI w32_RemoveDirectoryA(LPCSTR name)
{
	return path_call(name, rmdir);
}

BOOL WINAPI w32_SetCurrentDirectoryA(LPCSTR name)
{
	return path_call(name, chdir);
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
	free(p);
	/* Files carry the archive bit, as Wine reports them. */
	a = S_ISDIR(st.st_mode) ? FILE_ATTRIBUTE_DIRECTORY : 0x20;
	if (!(st.st_mode & 0222))
		a |= FILE_ATTRIBUTE_READONLY;
	return a;
}

BOOL WINAPI w32_MoveFileA(LPCSTR from, LPCSTR to)
{
	char *a = rt_unix_path(from), *b = rt_unix_path(to);
	struct stat st;
	BOOL ok = FALSE;

	if (a && b) {
		if (stat(b, &st) == 0)
			rt_set_last_error(ERROR_ALREADY_EXISTS);
		else if (rename(a, b) != 0)
			rt_set_last_error(rt_win32_error(errno));
		else
			ok = TRUE;
	}
	free(a);
	free(b);
	return ok;
}

DWORD WINAPI w32_GetCurrentDirectoryA(DWORD size, LPSTR buf)
{
	char cwd[4096], *w;
	DWORD r;

	if (!getcwd(cwd, sizeof(cwd))) {
		rt_set_last_error(rt_win32_error(errno));
		return 0;
	}
	w = rt_win_path(cwd);
	if (!w)
		return 0;
	r = rt_copy_out(buf, size, w);
	free(w);
	return r;
}

/* The Windows path of $TMPDIR (else /tmp), with a trailing '\\'. */
DWORD WINAPI w32_GetTempPathA(DWORD size, LPSTR buf)
{
	const char *t = getenv("TMPDIR");
	char *w, *s;
	DWORD r;

	w = rt_win_path(t && *t ? t : "/tmp");
	if (!w)
		return 0;
	s = malloc(strlen(w) + 2);
	if (!s) {
		free(w);
		return 0;
	}
	strcpy(s, w);
	if (!*s || s[strlen(s) - 1] != '\\')
		strcat(s, "\\");
	r = rt_copy_out(buf, size, s);
	free(s);
	free(w);
	return r;
}

DWORD WINAPI w32_GetFullPathNameA(LPCSTR name, DWORD size, LPSTR buf,
				  LPSTR *file)
{
	char *u = rt_unix_name(name), *w;
	DWORD r;

	if (!u)
		return 0;
	w = rt_win_path(u);
	free(u);
	if (!w)
		return 0;
	r = rt_copy_out(buf, size, w);
	if (file && r < size) {
		char *slash = strrchr(buf, '\\');

		*file = slash ? slash + 1 : buf;
	}
	free(w);
	return r;
}

