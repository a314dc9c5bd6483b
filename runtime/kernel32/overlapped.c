/*
 * overlapped.c — kernel32: ReadFile and WriteFile with an OVERLAPPED
 * structure on a synchronous handle, and GetOverlappedResult.
 *
 * On a handle opened without FILE_FLAG_OVERLAPPED, the transfer happens
 * at the structure's offset and is complete when the call returns; the
 * file pointer is then left just after the bytes transferred, Internal
 * holds the NTSTATUS and InternalHigh the count, and hEvent is signalled
 * (ReadFile on Microsoft Learn; Wine does the same).  On a handle opened
 * with it, the same, except that such a handle has no file pointer to
 * move, and that an OVERLAPPED is required: Windows lets any request
 * complete before the call returns (TRUE, nothing pending), which is
 * what every request here does.  A read at
 * or past the end of the file fails with ERROR_HANDLE_EOF
 * (STATUS_END_OF_FILE), not the plain read's success with 0 bytes.
 * Offset and OffsetHigh both 0xffffffff on a write mean the end of file.
 */
#include <errno.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

#define STATUS_SUCCESS		0x00000000u
#define STATUS_UNSUCCESSFUL	0xc0000001u
#define STATUS_LOCK_NOT_GRANTED 0xc0000055u
#define STATUS_RANGE_NOT_LOCKED 0xc000007eu

/* The NTSTATUS behind a Win32 error, for OVERLAPPED.Internal, and back. */
static const struct {
	DWORD err, status;
} statuses[] = {
	{ERROR_HANDLE_EOF, STATUS_END_OF_FILE},
	{ERROR_LOCK_VIOLATION, STATUS_LOCK_NOT_GRANTED},
	{ERROR_NOT_LOCKED, STATUS_RANGE_NOT_LOCKED},
};

void rt_k32_overlapped_done(OVERLAPPED *ov, BOOL ok, DWORD bytes)
{
	DWORD st = STATUS_UNSUCCESSFUL, err = w32_GetLastError();

	if (ok)
		st = STATUS_SUCCESS;
	for (size_t i = 0; !ok && i < sizeof(statuses) / sizeof(statuses[0]);
	     i++)
		if (statuses[i].err == err)
			st = statuses[i].status;
	ov->Internal = st;
	ov->InternalHigh = bytes;
	if (ok && ov->hEvent)
		w32_SetEvent(ov->hEvent);
	rt_set_last_error(err);
}

static uint64_t ov_offset(const OVERLAPPED *ov)
{
	return (uint64_t)ov->OffsetHigh << 32 | ov->Offset;
}

/* pread or pwrite of all n bytes (a read stops at the end of file);
 * the count, or -1 with errno. */
static ssize_t transfer_at(int fd, void *buf, size_t n, off_t off, int wr)
{
	size_t done = 0;

	while (done < n) {
		ssize_t r = wr ? pwrite(fd, (char *)buf + done, n - done,
					off + (off_t)done)
			       : pread(fd, (char *)buf + done, n - done,
				       off + (off_t)done);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		done += (size_t)r;
	}
	return (ssize_t)done;
}

BOOL rt_k32_transfer_at(HANDLE h, void *buf, DWORD n, DWORD *count,
			 OVERLAPPED *ov, int wr)
{
	struct rt_object *o = rt_handle_get(h, RT_H_FILE);
	uint64_t off = ov_offset(ov);
	ssize_t r = 0;
	DWORD err = 0, plain;
	BOOL ok;

	if (count)
		*count = 0;
	if (!o)
		return FALSE;
	if (!wr && rt_prepare_write(buf, n) < 0) {
		err = ERROR_NOACCESS;
		goto out;
	}
	if (wr && off == UINT64_MAX) {
		off_t end = lseek(o->fd, 0, SEEK_END);

		off = end < 0 ? 0 : (uint64_t)end;
	}
	if (off > INT64_MAX) {
		err = ERROR_INVALID_PARAMETER;
		goto out;
	}
	r = transfer_at(o->fd, buf, n, (off_t)off, wr);
	if (r < 0 && errno == ESPIPE) {
		/* A pipe or a terminal has no offset: Windows ignores it. */
		rt_object_put(o);
		ok = wr ? w32_WriteFile(h, buf, n, &plain, 0)
			: w32_ReadFile(h, buf, n, &plain, 0);
		if (count)
			*count = ok ? plain : 0;
		rt_k32_overlapped_done(ov, ok, ok ? plain : 0);
		return ok;
	}
	if (r < 0) {
		err = rt_win32_error(errno);
		goto out;
	}
	if (!wr && r == 0 && n > 0) {
		err = ERROR_HANDLE_EOF;
		if (o->overlapped) {
			/* On an overlapped handle the end of file is the
			 * request's result, not the call's: pending, and
			 * GetOverlappedResult says it (as Wine does). */
			rt_object_put(o);
			rt_set_last_error(err);
			rt_k32_overlapped_done(ov, FALSE, 0);
			if (ov->hEvent)
				w32_SetEvent(ov->hEvent);
			rt_set_last_error(ERROR_IO_PENDING);
			return FALSE;
		}
		goto out;
	}
	if (!o->overlapped)
		lseek(o->fd, (off_t)off + r, SEEK_SET);
	if (count)
		*count = (DWORD)r;
out:
	rt_object_put(o);
	if (err)
		rt_set_last_error(err);
	rt_k32_overlapped_done(ov, !err, err ? 0 : (DWORD)r);
	return !err;
}

/* The result of a request made with ov: the count, and TRUE when it
 * succeeded (else the request's error).  Requests on our handles are
 * complete when their call returns, so there is never anything to wait
 * for. */
BOOL WINAPI w32_GetOverlappedResult(HANDLE h, OVERLAPPED *ov, DWORD *count,
				    BOOL wait)
{
	DWORD st = (DWORD)ov->Internal;

	if (count)
		*count = (DWORD)ov->InternalHigh;
	if (st == STATUS_SUCCESS)
		return TRUE;
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		if (statuses[i].status == st) {
			rt_set_last_error(statuses[i].err);
			return FALSE;
		}
	}
	rt_set_last_error(ERROR_INVALID_FUNCTION);
	return FALSE;
}


/* GetOverlappedResultEx: GetOverlappedResult with a timeout to wait; an
 * operation here has always ended (see the top), so there is nothing to
 * wait for. */
BOOL WINAPI w32_GetOverlappedResultEx(HANDLE h, OVERLAPPED *ov, DWORD *count,
				      DWORD ms, BOOL alertable)
{
	return w32_GetOverlappedResult(h, ov, count, ms != 0);
}

/* The cancels: every read and write here completes before its call
 * returns, so none is ever pending.  CancelIo succeeds with nothing to
 * do; CancelIoEx and CancelSynchronousIo, which Windows documents as
 * failing when they find nothing to cancel, fail with ERROR_NOT_FOUND
 * (Wine's CancelIoEx says TRUE). */
BOOL WINAPI w32_CancelIo(HANDLE h)
{
	struct rt_object *o = rt_handle_get(h, RT_H_FILE);

	if (!o)
		return FALSE;
	rt_object_put(o);
	return TRUE;
}

BOOL WINAPI w32_CancelIoEx(HANDLE h, OVERLAPPED *ov)
{
	struct rt_object *o = rt_handle_get(h, RT_H_FILE);

	if (!o)
		return FALSE;
	rt_object_put(o);
	rt_set_last_error(ERROR_NOT_FOUND);
	return FALSE;
}

BOOL WINAPI w32_CancelSynchronousIo(HANDLE thread)
{
	rt_set_last_error(ERROR_NOT_FOUND);
	return FALSE;
}
