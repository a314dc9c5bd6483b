/*
 * named.c — kernel32: the object namespace of named events, mutexes and
 * semaphores, shared by every dllshare process of the user.
 *
 * A named object is one page of shared memory in a file of the
 * namespace directory, /dev/shm/dllshare-obj-UID/, named after the
 * object (struct rt_named: its type, its state, a process-shared robust
 * lock and a futex word that every change bumps, which waiters of any
 * process sleep on: wait.c).  A new object is built under a temporary
 * name and linked into place, so a name always leads to a whole object
 * and of two processes creating one name at once, one creates and the
 * other opens.  The object and its name live while any process holds a
 * handle of it (runtime/core/lifetime.c).
 *
 * Names are compared exactly (Windows: "Name comparison is case
 * sensitive", CreateEvent on Microsoft Learn).  "Local\" names the
 * session's namespace, the same as no prefix; "Global\" the namespace of
 * session 0, another one, since programs run in a later session (on
 * Windows, and in Wine: an event made as "x" is not "Global\x" there);
 * dllshare has one session, so the two are files "L..." and "G...".  Any
 * other backslash names a directory of the object manager that does not
 * exist (ERROR_PATH_NOT_FOUND).  Events, mutexes and
 * semaphores share the namespace (a name of another type:
 * ERROR_INVALID_HANDLE); named file mappings have their own (mapping.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

#define ERROR_FILENAME_EXCED_RANGE 206

_Static_assert(sizeof(struct rt_named) <= RT_NAMED_SIZE, "one page");

/* An encoded name longer than this becomes a hash of it (a Windows name
 * may have 32767 characters, a Linux file name 255 bytes). */
#define NAME_MAX_DIRECT 200

static DWORD namespace_dir(char *out, size_t n)
{
	struct stat st;

	snprintf(out, n, "/dev/shm/dllshare-obj-%u", (unsigned)getuid());
	if (mkdir(out, 0700) != 0 && errno != EEXIST)
		return rt_win32_error(errno);
	/* Someone else's directory would let them see and forge ours. */
	if (lstat(out, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != getuid())
		return ERROR_ACCESS_DENIED;
	return 0;
}

static uint64_t fnv(const char *s, uint64_t h)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

/* The file of a Windows object name: bytes other than letters, digits,
 * '-' and '_' become %XX, so that distinct names stay distinct.  0 or a
 * Windows error. */
static DWORD named_path(const char *name, char *out, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	char enc[NAME_MAX_DIRECT + 4];
	size_t k = 0, dir;
	char space = 'L';
	DWORD e;

	if (!strncmp(name, "Global\\", 7)) {
		name += 7;
		space = 'G';
	} else if (!strncmp(name, "Local\\", 6)) {
		name += 6;
	}
	if (strchr(name, '\\'))
		return ERROR_PATH_NOT_FOUND;
	if (!*name) /* "Local\\" alone: a path ending in '\\' (Wine) */
		return ERROR_INVALID_NAME;
	if ((e = namespace_dir(out, n)) != 0)
		return e;
	for (const char *p = name; *p && k <= NAME_MAX_DIRECT; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_') {
			enc[k++] = (char)c;
		} else {
			enc[k++] = '%';
			enc[k++] = hex[c >> 4];
			enc[k++] = hex[c & 15];
		}
	}
	enc[k < sizeof(enc) ? k : sizeof(enc) - 1] = 0;
	dir = strlen(out);
	if (k > NAME_MAX_DIRECT)
		snprintf(out + dir, n - dir, "/%c#%016llx%016llx", space,
			 (unsigned long long)fnv(name, 0xcbf29ce484222325ull),
			 (unsigned long long)fnv(name, 0x84222325cbf29ce4ull));
	else
		snprintf(out + dir, n - dir, "/%c%s", space, enc);
	return 0;
}

void rt_k32_named_lock(struct rt_named *n)
{
	/* Its holder died inside a change: the state is whole anyway
	 * (every change is a few stores), so carry on. */
	if (pthread_mutex_lock(&n->lock) == EOWNERDEAD)
		pthread_mutex_consistent(&n->lock);
}

void rt_k32_named_unlock(struct rt_named *n)
{
	pthread_mutex_unlock(&n->lock);
}

void rt_k32_named_changed(struct rt_named *n)
{
	__atomic_add_fetch(&n->seq, 1, __ATOMIC_RELEASE);
	syscall(SYS_futex, &n->seq, FUTEX_WAKE, INT_MAX, 0, 0, 0);
}

int rt_k32_named_mine(const struct rt_named *n)
{
	return n->count > 0 && n->owner_pid == getpid() &&
	       n->owner_tid == (int32_t)rt_tid();
}

/* At the process's end, every named mutex one of its threads owns is
 * abandoned at once (owner pid 0), so that a waiter of another process
 * need not find out that the owner has gone. */
static void abandon_one(struct rt_object *o, void *arg)
{
	struct rt_named *n = o->named;

	(void)arg;
	if (!n || o->type != RT_H_MUTEX)
		return;
	rt_k32_named_lock(n);
	if (n->count > 0 && n->owner_pid == getpid()) {
		n->owner_pid = 0;
		n->owner_tid = 0;
		rt_k32_named_changed(n);
	}
	rt_k32_named_unlock(n);
}

static void abandon_mine(void)
{
	rt_handles_foreach(abandon_one, 0);
}

static pthread_once_t abandon_once = PTHREAD_ONCE_INIT;

static void add_abandon_hook(void)
{
	rt_exit_hook_add(abandon_mine);
}

/* A thread that is gone (its tid may be reused by a new thread of the
 * same process only after the old one was reaped; a pid reused within
 * the wait would hide an abandonment: not guarded against). */
int rt_k32_named_abandoned(const struct rt_named *n)
{
	if (n->count <= 0 || rt_k32_named_mine(n))
		return 0;
	return n->owner_pid == 0 || /* its process ended: abandon_mine */
	       (syscall(SYS_tgkill, n->owner_pid, n->owner_tid, 0) != 0 &&
		errno == ESRCH);
}

static void give_up(int fd, const char *path)
{
	if (path)
		rt_shared_close(fd, path);
	else
		close(fd);
}

/* A handle for the object held on fd (taken over) at path (NULL: an
 * object without a name, alive while its fd is open), if it is of type;
 * last error err on success (NO_ERROR_CHANGE: untouched). */
#define NO_ERROR_CHANGE ((DWORD)-1)
static HANDLE adopt(int fd, const char *path, enum rt_htype type, DWORD err,
		    DWORD hflags)
{
	struct rt_named *n = mmap(0, RT_NAMED_SIZE, PROT_READ | PROT_WRITE,
				  MAP_SHARED, fd, 0);
	struct rt_object *o;
	struct stat st;
	HANDLE h;

	if (n == MAP_FAILED || fstat(fd, &st) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		if (n != MAP_FAILED)
			munmap(n, RT_NAMED_SIZE);
		give_up(fd, path);
		return 0;
	}
	if (n->magic != RT_NAMED_MAGIC || n->type != (uint32_t)type) {
		munmap(n, RT_NAMED_SIZE);
		give_up(fd, path);
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return 0;
	}
	o = rt_object_new(type);
	if (!o || (path && !(o->path = strdup(path)))) {
		free(o);
		munmap(n, RT_NAMED_SIZE);
		give_up(fd, path);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	if (type == RT_H_MUTEX)
		pthread_once(&abandon_once, add_abandon_hook);
	o->fd = fd;
	o->named = n;
	o->dev = st.st_dev;
	o->ino = st.st_ino;
	h = rt_handle_new_flags(o, hflags);
	if (h && err != NO_ERROR_CHANGE)
		rt_set_last_error(err);
	return h;
}

/* Fills the new page n with init, its lock made, its magic last. */
static void init_state(struct rt_named *n, const struct rt_named *init)
{
	pthread_mutexattr_t a;

	*n = *init;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&n->lock, &a);
	pthread_mutexattr_destroy(&a);
	n->seq = 0;
	n->magic = RT_NAMED_MAGIC;
}

/* A new object from init under a temporary name beside path, held; the
 * fd (tmp its name), or -errno. */
static int build(const char *path, const struct rt_named *init, char *tmp,
		 size_t ntmp)
{
	static unsigned serial;
	const char *slash = strrchr(path, '/');
	struct rt_named *n;
	int fd, e;

	snprintf(tmp, ntmp, "%.*s/tmp.%d.%u", (int)(slash - path), path,
		 (int)getpid(), __atomic_add_fetch(&serial, 1, __ATOMIC_RELAXED));
	fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, RT_NAMED_SIZE) != 0 ||
	    (n = mmap(0, RT_NAMED_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		      fd, 0)) == MAP_FAILED)
		goto fail;
	init_state(n, init);
	munmap(n, RT_NAMED_SIZE);
	if (rt_shared_hold(fd) == 0)
		return fd;
fail:
	e = errno;
	close(fd);
	unlink(tmp);
	return -e;
}

HANDLE rt_k32_named_create(enum rt_htype type, const char *name,
			   const struct rt_named *init, DWORD hflags)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	DWORD e = named_path(name, path, sizeof path);
	int fd, r;

	if (e) {
		rt_set_last_error(e);
		return 0;
	}
	for (;;) {
		fd = rt_shared_open(path, O_RDWR);
		if (fd >= 0)
			return adopt(fd, path, type, ERROR_ALREADY_EXISTS,
				     hflags);
		if (fd != -ENOENT)
			break;
		if ((fd = build(path, init, tmp, sizeof tmp)) < 0)
			break;
		if ((r = rt_shared_publish(tmp, path)) == 0)
			return adopt(fd, path, type, 0, hflags);
		close(fd);
		if (r != -EEXIST) { /* else another process was first */
			fd = r;
			break;
		}
	}
	rt_set_last_error(rt_win32_error(-fd));
	return 0;
}

HANDLE rt_k32_named_anon(enum rt_htype type, const struct rt_named *init,
			 DWORD hflags)
{
	int fd = memfd_create("dllshare-object", MFD_CLOEXEC);
	struct rt_named *n;
	HANDLE h;

	if (fd < 0 || ftruncate(fd, RT_NAMED_SIZE) != 0 ||
	    (n = mmap(0, RT_NAMED_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
		      fd, 0)) == MAP_FAILED) {
		rt_set_last_error(rt_win32_error(errno));
		if (fd >= 0)
			close(fd);
		return 0;
	}
	init_state(n, init);
	munmap(n, RT_NAMED_SIZE);
	h = rt_k32_named_adopt(fd, 0, type, hflags);
	if (h)
		rt_set_last_error(0);
	return h;
}

HANDLE rt_k32_named_open(enum rt_htype type, const char *name, DWORD hflags)
{
	char path[PATH_MAX];
	DWORD e;
	int fd;

	if (!name) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if ((e = named_path(name, path, sizeof path)) != 0) {
		rt_set_last_error(e);
		return 0;
	}
	fd = rt_shared_open(path, O_RDWR);
	if (fd < 0) {
		rt_set_last_error(fd == -ENOENT ? ERROR_FILE_NOT_FOUND
						: rt_win32_error(-fd));
		return 0;
	}
	return adopt(fd, path, type, NO_ERROR_CHANGE, hflags);
}

HANDLE rt_k32_named_adopt(int fd, const char *path, enum rt_htype type,
			  DWORD hflags)
{
	return adopt(fd, path, type, NO_ERROR_CHANGE, hflags);
}

char *rt_k32_name_a(const char *name, DWORD *err)
{
	char *s;

	*err = 0;
	if (!name || !*name)
		return 0;
	/* The A functions convert the name into a MAX_PATH buffer. */
	if (strlen(name) >= MAX_PATH) {
		*err = ERROR_FILENAME_EXCED_RANGE;
		return 0;
	}
	if (!(s = strdup(name)))
		*err = ERROR_NOT_ENOUGH_MEMORY;
	return s;
}

char *rt_k32_name_w(const WCHAR *name, DWORD *err)
{
	char *s;

	*err = 0;
	if (!name || !*name)
		return 0;
	if (!(s = rt_utf8_dup(name)))
		*err = ERROR_NOT_ENOUGH_MEMORY;
	return s;
}
