/*
 * lock.c — kernel32: byte-range locks (LockFile, LockFileEx, UnlockFile,
 * UnlockFileEx) between handles and between processes.
 *
 * Windows' rules (LockFileEx on Microsoft Learn, and Wine's behaviour):
 * a lock belongs to the handle's file object; an exclusive lock may not
 * overlap any lock, a shared one may overlap shared locks and, through
 * the same handle, that handle's exclusive ones; locks never merge or
 * split, and an unlock names exactly the offset and length of one lock.
 *
 * Linux's OFD locks (F_OFD_SETLK) belong to an open file description —
 * what a Windows file object is, and what a second CreateFile of the same
 * file does not share — and the kernel releases them when the last
 * descriptor goes, or the process dies.  But they merge and split.  So the
 * handle keeps its own list of the locks Windows would see, and the
 * kernel's state over a range is recomputed from that list: exclusive
 * where an exclusive lock of the list covers a byte, shared where only
 * shared ones do, unlocked elsewhere.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>

#include "runtime/kernel32/k32int.h"

#define LOCKFILE_FAIL_IMMEDIATELY 0x1
#define LOCKFILE_EXCLUSIVE_LOCK	  0x2
/* No byte at or past 2^63 exists on Linux: ranges are cut there, below
 * the bytes that hold sharing modes (share.c). */
#define RANGE_END_MAX (INT64_MAX - RT_K32_SHARE_BYTES + 1)

struct rt_range_lock {
	int64_t start, end; /* [start, end) */
	int exclusive;
};

/* Guards every handle's list: lock calls are short and never wait
 * holding it. */
static pthread_mutex_t locks_lock = PTHREAD_MUTEX_INITIALIZER;

static int64_t range_end(uint64_t off, uint64_t len)
{
	if (off >= RANGE_END_MAX)
		return RANGE_END_MAX;
	return len > (uint64_t)RANGE_END_MAX - off ? RANGE_END_MAX
						   : (int64_t)(off + len);
}

/* The kernel lock type the list wants over byte b. */
static short wanted_at(const struct rt_object *o, int64_t b)
{
	short t = F_UNLCK;

	for (int i = 0; i < o->nlocks; i++) {
		const struct rt_range_lock *l = &o->locks[i];

		if (b >= l->start && b < l->end) {
			if (l->exclusive)
				return F_WRLCK;
			t = F_RDLCK;
		}
	}
	return t;
}

/* Sets the kernel's locks over [start, end) to what o's list says, one
 * piece per stretch between list boundaries.  0, or -1 with errno
 * (EAGAIN: another file object holds a conflicting lock). */
static int sync_range(struct rt_object *o, int64_t start, int64_t end)
{
	int64_t a = start;

	while (a < end) {
		int64_t b = end;
		struct flock fl = {0};

		for (int i = 0; i < o->nlocks; i++) {
			const struct rt_range_lock *l = &o->locks[i];

			if (l->start > a && l->start < b)
				b = l->start;
			if (l->end > a && l->end < b)
				b = l->end;
		}
		fl.l_type = wanted_at(o, a);
		fl.l_whence = SEEK_SET;
		fl.l_start = a;
		fl.l_len = b - a;
		if (fcntl(o->fd, F_OFD_SETLK, &fl) != 0)
			return -1;
		a = b;
	}
	return 0;
}

/* Whether a new lock conflicts with one this handle already holds:
 * an exclusive lock may overlap none of them. */
static int own_conflict(const struct rt_object *o, int64_t start,
			int64_t end, int exclusive)
{
	if (!exclusive)
		return 0;
	for (int i = 0; i < o->nlocks; i++)
		if (o->locks[i].start < end && start < o->locks[i].end)
			return 1;
	return 0;
}

/* One attempt: 0, or the Win32 error. */
static DWORD try_lock(struct rt_object *o, int64_t start, int64_t end,
		      int exclusive)
{
	struct rt_range_lock *n;
	DWORD err = 0;

	pthread_mutex_lock(&locks_lock);
	if (own_conflict(o, start, end, exclusive)) {
		err = ERROR_LOCK_VIOLATION;
		goto out;
	}
	n = realloc(o->locks, (size_t)(o->nlocks + 1) * sizeof(*n));
	if (!n) {
		err = ERROR_NOT_ENOUGH_MEMORY;
		goto out;
	}
	o->locks = n;
	o->locks[o->nlocks++] = (struct rt_range_lock){start, end, exclusive};
	if (sync_range(o, start, end) != 0) {
		int e = errno;

		/* Back to what the list held: only loosening, cannot fail. */
		o->nlocks--;
		sync_range(o, start, end);
		err = e == EAGAIN || e == EACCES ? ERROR_LOCK_VIOLATION
						 : rt_win32_error(e);
	}
out:
	pthread_mutex_unlock(&locks_lock);
	return err;
}

/* Locks [off, off+len) of h; waits for other file objects' conflicting
 * locks to go unless fail_now.  A conflict with h's own locks never goes
 * away by waiting, so it fails at once (Windows would wait for ever). */
static BOOL lock_range(HANDLE h, uint64_t off, uint64_t len, int exclusive,
		       int fail_now)
{
	struct rt_object *o = rt_handle_get(h, RT_H_FILE);
	int64_t start = range_end(off, 0), end = range_end(off, len);
	DWORD err;

	if (!o)
		return FALSE;
	for (;;) {
		err = try_lock(o, start, end, exclusive);
		if (err != ERROR_LOCK_VIOLATION || fail_now)
			break;
		pthread_mutex_lock(&locks_lock);
		if (own_conflict(o, start, end, exclusive)) {
			pthread_mutex_unlock(&locks_lock);
			break;
		}
		pthread_mutex_unlock(&locks_lock);
		/* Polled, so no wait holds locks_lock. */
		nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, 0);
	}
	rt_object_put(o);
	if (err) {
		rt_set_last_error(err);
		return FALSE;
	}
	return TRUE;
}

/* Removes the lock of exactly [off, off+len) (the first one, when a
 * shared lock was taken twice); ERROR_NOT_LOCKED when there is none. */
static BOOL unlock_range(HANDLE h, uint64_t off, uint64_t len)
{
	struct rt_object *o = rt_handle_get(h, RT_H_FILE);
	int64_t start = range_end(off, 0), end = range_end(off, len);
	DWORD err = ERROR_NOT_LOCKED;

	if (!o)
		return FALSE;
	pthread_mutex_lock(&locks_lock);
	for (int i = 0; i < o->nlocks; i++) {
		if (o->locks[i].start == start && o->locks[i].end == end) {
			o->locks[i] = o->locks[--o->nlocks];
			err = sync_range(o, start, end) == 0
				      ? 0
				      : rt_win32_error(errno);
			break;
		}
	}
	pthread_mutex_unlock(&locks_lock);
	rt_object_put(o);
	if (err) {
		rt_set_last_error(err);
		return FALSE;
	}
	return TRUE;
}

static uint64_t u64(DWORD lo, DWORD hi)
{
	return (uint64_t)hi << 32 | lo;
}

/* LockFile: an exclusive lock, failing at once on a conflict. */
BOOL WINAPI w32_LockFile(HANDLE h, DWORD off_lo, DWORD off_hi, DWORD len_lo,
			 DWORD len_hi)
{
	return lock_range(h, u64(off_lo, off_hi), u64(len_lo, len_hi), 1, 1);
}

/* LockFileEx: the offset is ov's; flags LOCKFILE_EXCLUSIVE_LOCK and
 * LOCKFILE_FAIL_IMMEDIATELY; reserved must be 0 (else
 * ERROR_INVALID_PARAMETER).  The call completes before it returns, as on
 * a synchronous handle: ov->Internal gets the status, and ov->hEvent is
 * signalled. */
BOOL WINAPI w32_LockFileEx(HANDLE h, DWORD flags, DWORD reserved,
			   DWORD len_lo, DWORD len_hi, OVERLAPPED *ov)
{
	BOOL ok;

	if (reserved || !ov ||
	    (flags & ~(LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK))) {
		if (ld_trace_on)
			ld_trace("LockFileEx: flags 0x%x reserved %u refused",
				 (unsigned)flags, (unsigned)reserved);
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	ok = lock_range(h, u64(ov->Offset, ov->OffsetHigh),
			u64(len_lo, len_hi), !!(flags & LOCKFILE_EXCLUSIVE_LOCK),
			!!(flags & LOCKFILE_FAIL_IMMEDIATELY));
	rt_k32_overlapped_done(ov, ok, 0);
	return ok;
}

/* UnlockFile: removes the lock at exactly this offset and length. */
BOOL WINAPI w32_UnlockFile(HANDLE h, DWORD off_lo, DWORD off_hi, DWORD len_lo,
			   DWORD len_hi)
{
	return unlock_range(h, u64(off_lo, off_hi), u64(len_lo, len_hi));
}

/* UnlockFileEx: UnlockFile with the offset in ov; reserved must be 0. */
BOOL WINAPI w32_UnlockFileEx(HANDLE h, DWORD reserved, DWORD len_lo,
			     DWORD len_hi, OVERLAPPED *ov)
{
	BOOL ok;

	if (reserved || !ov) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	ok = unlock_range(h, u64(ov->Offset, ov->OffsetHigh),
			  u64(len_lo, len_hi));
	rt_k32_overlapped_done(ov, ok, 0);
	return ok;
}
