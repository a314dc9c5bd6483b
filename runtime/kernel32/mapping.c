/*
 * mapping.c — kernel32: file mappings (CreateFileMapping,
 * MapViewOfFile), the Win32 face of the section objects dllshare is
 * about.
 *
 * A mapping object holds a file descriptor: the file's own for a
 * file-backed mapping, or shared memory for a pagefile-backed one — a
 * named one is a file of shared memory ("/dev/shm/dllshare-map-<uid>-<name>"),
 * so dllshare processes that open the same name share its pages, as
 * Windows processes do, and it lives while any process holds a handle
 * of it (runtime/core/lifetime.c).  Views are mmap(MAP_SHARED), or MAP_PRIVATE for
 * FILE_MAP_COPY (copy-on-write, Windows' PAGE_WRITECOPY).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

#define FILE_MAP_COPY	 0x1
#define FILE_MAP_WRITE	 0x2
#define FILE_MAP_READ	 0x4
#define FILE_MAP_EXECUTE 0x20
#define SEC_IMAGE	 0x1000000
#define SEC_COMMIT	 0x8000000
#define SECTION_MAP_EXECUTE 0x8

/* Views, for UnmapViewOfFile (which is given only the address). */
struct view {
	uintptr_t base;
	size_t len;
};
#define MAX_VIEWS 1024
static struct view views[MAX_VIEWS] LD_LARGE_BSS;
static pthread_mutex_t views_lock = PTHREAD_MUTEX_INITIALIZER;

/* The shared memory file of a Windows object name (per user, '/' and
 * '\\' replaced). */
static void shm_path(const char *name, char *out, size_t n)
{
	size_t k = (size_t)snprintf(out, n, "/dev/shm/dllshare-map-%u-",
				    getuid());

	for (; *name && k + 1 < n; name++)
		out[k++] = (*name == '/' || *name == '\\') ? '_' : *name;
	out[k] = 0;
}

/* A handle for the mapping object on fd (taken over) with protection
 * prot and the handle attributes hflags; path, when not NULL, is the
 * shared memory file fd holds (runtime/core/lifetime.c), given up with
 * the object's last handle (or now, on failure). */
static HANDLE mapping_new(int fd, DWORD prot, const char *path, DWORD hflags)
{
	struct rt_object *o = rt_object_new(RT_H_MAPPING);

	if (!o || (path && !(o->path = strdup(path)))) {
		free(o);
		if (path)
			rt_shared_close(fd, path);
		else
			close(fd);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	o->fd = fd;
	o->count = (int)prot; /* the mapping's protection */
	return rt_handle_new_flags(o, hflags);
}

/* The shared memory of the named mapping at path: opened if it exists
 * (*existed set), else created with size bytes, built under a temporary
 * name and linked into place; held either way.  The fd or -errno. */
static int shm_create(const char *path, uint64_t size, int *existed)
{
	static unsigned serial;
	char tmp[300];
	int fd, r;

	for (;;) {
		if ((fd = rt_shared_open(path, O_RDWR)) >= 0 || fd != -ENOENT) {
			*existed = fd >= 0;
			return fd;
		}
		snprintf(tmp, sizeof tmp, "%s.tmp.%d.%u", path, (int)getpid(),
			 __atomic_add_fetch(&serial, 1, __ATOMIC_RELAXED));
		fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0)
			return -errno;
		if (ftruncate(fd, (off_t)size) != 0 || rt_shared_hold(fd) < 0) {
			r = -errno;
			close(fd);
			unlink(tmp);
			return r;
		}
		if ((r = rt_shared_publish(tmp, path)) == 0)
			return fd;
		close(fd);
		if (r != -EEXIST)
			return r;
	}
}

/* The page protections a mapping object may have. */
static int valid_protect(DWORD p)
{
	return p == PAGE_READONLY || p == PAGE_READWRITE ||
	       p == PAGE_WRITECOPY || p == PAGE_EXECUTE_READ ||
	       p == PAGE_EXECUTE_READWRITE || p == PAGE_EXECUTE_WRITECOPY;
}

/* What CreateFileMapping's arguments ask beyond what is implemented:
 * image sections (the loader's business), the section attributes other
 * than SEC_COMMIT (reserve, large pages, no-cache, write-combine), a name
 * for a file-backed mapping (only pagefile-backed ones are shared by
 * name), a security descriptor.  TRUE when the call can go on. */
static BOOL mapping_args_ok(const char *fn, HANDLE file, const void *sa,
			    DWORD protect, const void *name)
{
	DWORD attrs = protect & ~0xffu;

	if (!valid_protect(protect & 0xff)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (attrs & SEC_IMAGE)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn, "SEC_IMAGE");
	if (attrs & ~SEC_COMMIT)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "section attributes 0x%x", attrs & ~SEC_COMMIT);
	if (name && file != INVALID_HANDLE_VALUE)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "a name for a file-backed mapping");
	return rt_k32_sa_ok(fn, sa);
}

static HANDLE create_mapping(HANDLE file, DWORD protect, uint64_t size,
			     LPCSTR name, DWORD hflags)
{
	int fd = -1, existed = 0;
	HANDLE h;
	char n[300] = "";

	if (file != INVALID_HANDLE_VALUE) {
		struct rt_object *f = rt_handle_get(file, RT_H_FILE);
		struct stat st;

		if (!f)
			return 0;
		fd = fcntl(f->fd, F_DUPFD_CLOEXEC, 3);
		rt_object_put(f);
		if (fd < 0 || fstat(fd, &st) != 0)
			goto fail_errno;
		/* A mapping larger than the file grows it, if writable. */
		if (size > (uint64_t)st.st_size &&
		    (protect & 0xff) != PAGE_READONLY &&
		    ftruncate(fd, (off_t)size) != 0)
			goto fail_errno;
		if (!size && !st.st_size) {
			close(fd);
			rt_set_last_error(1006); /* ERROR_FILE_INVALID */
			return 0;
		}
	} else if (name) {

		if (!size) {
			rt_set_last_error(ERROR_INVALID_PARAMETER);
			return 0;
		}
		shm_path(name, n, sizeof(n));
		if ((fd = shm_create(n, size, &existed)) < 0) {
			rt_set_last_error(rt_win32_error(-fd));
			return 0;
		}
	} else {
		if (!size) {
			rt_set_last_error(ERROR_INVALID_PARAMETER);
			return 0;
		}
		fd = memfd_create("dllshare-mapping", MFD_CLOEXEC);
		if (fd < 0 || ftruncate(fd, (off_t)size) != 0)
			goto fail_errno;
	}
	h = mapping_new(fd, protect & 0xff, n[0] ? n : 0, hflags);
	if (h)
		rt_set_last_error(existed ? ERROR_ALREADY_EXISTS : 0);
	return h;
fail_errno:
	rt_set_last_error(rt_win32_error(errno));
	if (fd >= 0)
		close(fd);
	return 0;
}

HANDLE WINAPI w32_CreateFileMappingA(HANDLE file, void *sa, DWORD protect,
				     DWORD size_hi, DWORD size_lo, LPCSTR name)
{
	if (!mapping_args_ok("CreateFileMappingA", file, sa, protect, name))
		return 0;
	return create_mapping(file, protect,
			      (uint64_t)size_hi << 32 | size_lo, name,
			      rt_k32_sa_flags(sa));
}

HANDLE WINAPI w32_CreateFileMappingW(HANDLE file, void *sa, DWORD protect,
				     DWORD size_hi, DWORD size_lo, LPCWSTR name)
{
	char *n = 0;
	HANDLE h;

	if (!mapping_args_ok("CreateFileMappingW", file, sa, protect, name))
		return 0;
	if (name && !(n = rt_utf8_dup(name))) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	h = create_mapping(file, protect, (uint64_t)size_hi << 32 | size_lo,
			   n, rt_k32_sa_flags(sa));
	free(n);
	return h;
}

HANDLE WINAPI w32_OpenFileMappingA(DWORD access, BOOL inherit, LPCSTR name)
{
	char n[300];
	DWORD prot;
	int fd, exec;

	if (!name) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	/* The access asked decides what views the handle may map
	 * (FILE_MAP_ALL_ACCESS includes FILE_MAP_WRITE). */
	exec = (access & (FILE_MAP_EXECUTE | SECTION_MAP_EXECUTE)) != 0;
	if (access & FILE_MAP_WRITE)
		prot = exec ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
	else if (access & FILE_MAP_COPY)
		prot = exec ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY;
	else
		prot = exec ? PAGE_EXECUTE_READ : PAGE_READONLY;
	/* Read-write whatever the access: the views' protection follows
	 * prot, and the last holder needs write access to its lock. */
	shm_path(name, n, sizeof(n));
	fd = rt_shared_open(n, O_RDWR);
	if (fd < 0) {
		rt_set_last_error(fd == -EACCES ? ERROR_ACCESS_DENIED
						: ERROR_FILE_NOT_FOUND);
		return 0;
	}
	return mapping_new(fd, prot, n, inherit ? HANDLE_FLAG_INHERIT : 0);
}

LPVOID WINAPI w32_MapViewOfFile(HANDLE h, DWORD access, DWORD off_hi,
				DWORD off_lo, SIZE_T len)
{
	struct rt_object *o = rt_handle_get(h, RT_H_MAPPING);
	uint64_t off = (uint64_t)off_hi << 32 | off_lo;
	int prot = PROT_READ, flags = MAP_SHARED;
	struct stat st;
	void *p;

	if (!o)
		return 0;
	if (off % 0x10000) {
		/* Views start at the 64 KiB allocation granularity. */
		rt_object_put(o);
		rt_set_last_error(ERROR_INVALID_ADDRESS);
		return 0;
	}
	/* FILE_MAP_COPY is SECTION_QUERY, part of FILE_MAP_ALL_ACCESS: a
	 * view is copy-on-write only when neither write nor read is asked
	 * (FILE_MAP_ALL_ACCESS maps as FILE_MAP_WRITE, MapViewOfFile on
	 * Microsoft Learn; Wine tests them in that order). */
	if (access & FILE_MAP_WRITE) {
		prot |= PROT_WRITE;
	} else if ((access & FILE_MAP_COPY) && !(access & FILE_MAP_READ)) {
		prot |= PROT_WRITE;
		flags = MAP_PRIVATE;
	}
	if (access & FILE_MAP_EXECUTE)
		prot |= PROT_EXEC;
	if ((prot & PROT_WRITE) && flags == MAP_SHARED &&
	    o->count != PAGE_READWRITE && o->count != PAGE_EXECUTE_READWRITE) {
		rt_object_put(o);
		rt_set_last_error(ERROR_ACCESS_DENIED);
		return 0;
	}
	if (!len) {
		if (fstat(o->fd, &st) != 0 || (uint64_t)st.st_size <= off) {
			rt_object_put(o);
			rt_set_last_error(ERROR_INVALID_PARAMETER);
			return 0;
		}
		len = (SIZE_T)((uint64_t)st.st_size - off);
	}
	p = mmap(0, len, prot, flags, o->fd, (off_t)off);
	rt_object_put(o);
	if (p == MAP_FAILED) {
		rt_set_last_error(errno == EACCES ? ERROR_ACCESS_DENIED
						  : ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	pthread_mutex_lock(&views_lock);
	for (int i = 0; i < MAX_VIEWS; i++) {
		if (!views[i].len) {
			views[i].base = (uintptr_t)p;
			views[i].len = len;
			pthread_mutex_unlock(&views_lock);
			return p;
		}
	}
	pthread_mutex_unlock(&views_lock);
	/* No room to remember it: UnmapViewOfFile could not find it. */
	munmap(p, len);
	rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return 0;
}

BOOL WINAPI w32_UnmapViewOfFile(LPCVOID p)
{
	pthread_mutex_lock(&views_lock);
	for (int i = 0; i < MAX_VIEWS; i++) {
		if (views[i].len && views[i].base == (uintptr_t)p) {
			munmap((void *)views[i].base, views[i].len);
			views[i].len = 0;
			pthread_mutex_unlock(&views_lock);
			return TRUE;
		}
	}
	pthread_mutex_unlock(&views_lock);
	rt_set_last_error(ERROR_INVALID_ADDRESS);
	return FALSE;
}

/* The bytes from p to the end of the view holding it; 0 if none does. */
static size_t view_rest(uintptr_t p)
{
	size_t rest = 0;

	pthread_mutex_lock(&views_lock);
	for (int i = 0; i < MAX_VIEWS; i++)
		if (views[i].len && p >= views[i].base &&
		    p - views[i].base < views[i].len)
			rest = views[i].base + views[i].len - p;
	pthread_mutex_unlock(&views_lock);
	return rest;
}

/* len 0 flushes to the end of the view, as on Windows. */
BOOL WINAPI w32_FlushViewOfFile(LPCVOID p, SIZE_T len)
{
	uintptr_t a = (uintptr_t)p & ~(uintptr_t)0xfff;

	if (!len && !(len = view_rest((uintptr_t)p))) {
		rt_set_last_error(ERROR_INVALID_ADDRESS);
		return FALSE;
	}
	if (msync((void *)a, len + ((uintptr_t)p - a), MS_SYNC)) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	return TRUE;
}

