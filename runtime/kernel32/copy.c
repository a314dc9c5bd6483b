/*
 * copy.c — kernel32: copying a file (CopyFileA/W), and the copy that
 * MoveFileEx's MOVEFILE_COPY_ALLOWED makes between file systems.
 *
 * As on Windows, both files are opened through CreateFile, so a handle
 * that does not share reading (the source) or that holds the target
 * refuses the copy with ERROR_SHARING_VIOLATION; the copy gets the
 * source's data, its read-only, hidden and system attributes and its
 * last write time.  A copy that fails half-way leaves no target behind.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

/* Copies every byte of in to out (both at offset 0): copy_file_range,
 * or read and write where the file systems do not take it.  0 or -1 with
 * errno. */
static int copy_data(int in, int out)
{
	char buf[65536];
	ssize_t n;

	for (;;) {
		n = copy_file_range(in, 0, out, 0, 1 << 30, 0);
		if (n == 0)
			return 0;
		if (n < 0)
			break;
	}
	if (errno != EXDEV && errno != EINVAL && errno != ENOSYS &&
	    errno != EOPNOTSUPP)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));

			if (w < 0)
				return -1;
			done += w;
		}
	return n < 0 ? -1 : 0;
}

/* The hidden and system bits of in onto out. */
static void copy_dos_bits(int in, int out)
{
	char v[32];
	ssize_t n = fgetxattr(in, DOS_XATTR, v, sizeof(v));

	if (n > 0)
		fsetxattr(out, DOS_XATTR, v, (size_t)n, 0);
}

BOOL rt_k32_copy_file(LPCSTR from, LPCSTR to, BOOL fail_if_exists)
{
	struct rt_object *io = 0, *oo = 0;
	HANDLE in, out;
	struct stat st;
	int ifd, ofd, err = 0;

	in = w32_CreateFileA(from, GENERIC_READ,
			     FILE_SHARE_READ | FILE_SHARE_DELETE, 0,
			     OPEN_EXISTING, 0, 0);
	if (in == INVALID_HANDLE_VALUE)
		return FALSE;
	ifd = rt_k32_file_fd(in, &io);
	if (ifd < 0 || fstat(ifd, &st) != 0) {
		rt_object_put(io);
		w32_CloseHandle(in);
		return FALSE;
	}
	if (S_ISDIR(st.st_mode)) {
		rt_object_put(io);
		w32_CloseHandle(in);
		rt_set_last_error(ERROR_ACCESS_DENIED);
		return FALSE;
	}
	out = w32_CreateFileA(to, GENERIC_WRITE, 0, 0,
			      fail_if_exists ? CREATE_NEW : CREATE_ALWAYS,
			      FILE_ATTRIBUTE_NORMAL, 0);
	if (out == INVALID_HANDLE_VALUE) {
		rt_object_put(io);
		w32_CloseHandle(in);
		return FALSE;
	}
	ofd = rt_k32_file_fd(out, &oo);
	if (copy_data(ifd, ofd) != 0) {
		err = errno;
	} else {
		struct timespec t[2] = {st.st_atim, st.st_mtim};

		copy_dos_bits(ifd, ofd);
		if (futimens(ofd, t) != 0 ||
		    ((st.st_mode & 0222) == 0 &&
		     fchmod(ofd, st.st_mode & 07555) != 0))
			err = errno;
	}
	rt_object_put(io);
	rt_object_put(oo);
	w32_CloseHandle(in);
	w32_CloseHandle(out);
	if (err) {
		w32_DeleteFileA(to);
		rt_set_last_error(rt_win32_error(err));
		return FALSE;
	}
	rt_set_last_error(0); /* not CreateFile's ERROR_ALREADY_EXISTS */
	return TRUE;
}

/* CopyFileA: from's data and attributes into to (replaced unless
 * fail_if_exists: then ERROR_FILE_EXISTS). */
BOOL WINAPI w32_CopyFileA(LPCSTR from, LPCSTR to, BOOL fail_if_exists)
{
	if (!from || !to) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	return rt_k32_copy_file(from, to, fail_if_exists);
}

BOOL WINAPI w32_CopyFileW(LPCWSTR from, LPCWSTR to, BOOL fail_if_exists)
{
	char *a = from ? rt_utf8_dup(from) : 0, *b = to ? rt_utf8_dup(to) : 0;
	BOOL r = FALSE;

	if (!from || !to)
		rt_set_last_error(ERROR_INVALID_PARAMETER);
	else if (!a || !b)
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	else
		r = rt_k32_copy_file(a, b, fail_if_exists);
	free(a);
	free(b);
	return r;
}
