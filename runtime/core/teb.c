/*
 * teb.c — the Thread Environment Block at each thread's gs base, and the
 * Process Environment Block.
 *
 * Windows x64 code reaches its TEB through gs: mingw's CRT startup reads
 * gs:0x30 (NtTib.Self) and then Self->StackBase (0x08) as a per-thread
 * token for its startup lock; GetLastError reads 0x68; TlsGetValue reads
 * 0x1480.  glibc uses fs for its own TLS, so gs is free on Linux x86-64
 * and arch_prctl(ARCH_SET_GS) gives each thread its own base.
 */
#include <asm/prctl.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "runtime/core/core.h"
#include "runtime/core/fault.h"

_Static_assert(offsetof(struct rt_teb, Self) == 0x30, "TEB Self");
_Static_assert(offsetof(struct rt_teb, ClientIdProcess) == 0x40, "ClientId");
_Static_assert(offsetof(struct rt_teb, ThreadLocalStoragePointer) == 0x58,
	       "TEB TLS pointer");
_Static_assert(offsetof(struct rt_teb, Peb) == 0x60, "TEB PEB");
_Static_assert(offsetof(struct rt_teb, LastErrorValue) == 0x68,
	       "TEB LastErrorValue");
_Static_assert(offsetof(struct rt_teb, TlsSlots) == 0x1480, "TEB TlsSlots");
_Static_assert(offsetof(struct rt_teb, TlsExpansionSlots) == 0x1780,
	       "TEB TlsExpansionSlots");
_Static_assert(offsetof(struct rt_peb, ImageBaseAddress) == 0x10,
	       "PEB ImageBaseAddress");
_Static_assert(offsetof(struct rt_peb, ProcessHeap) == 0x30, "PEB heap");
_Static_assert(offsetof(struct rt_peb, OSMajorVersion) == 0x118, "PEB OS");
_Static_assert(offsetof(struct rt_peb, OSCSDVersion) == 0x122, "PEB CSD");

/* The Windows version every version query reports: Windows 7 Service
 * Pack 1, 6.1.7601, what Wine 8 gives a new prefix. */
struct rt_peb rt_peb = {
	.OSMajorVersion = 6,
	.OSMinorVersion = 1,
	.OSBuildNumber = 7601,
	.OSCSDVersion = 0x100,
};

#define TEB_SIZE 0x2000

static __thread struct rt_teb *cur_teb;

/* Every live TEB, for TlsFree (which clears a slot in all threads): a
 * table on the heap that grows with the threads, up to MAX_TEBS (a
 * 32 KiB array in the bss had the lock and the first entry on a page of
 * their own, a page fault at every start).  Under tebs_lock. */
#define MAX_TEBS 4096
static struct rt_teb **tebs;
static int ntebs; /* slots in tebs */
static pthread_mutex_t tebs_lock = PTHREAD_MUTEX_INITIALIZER;

/* A free slot of the table, grown when it is full; NULL when it cannot
 * grow (the TEB then goes unregistered, as a full table left it). */
static struct rt_teb **teb_slot(void)
{
	struct rt_teb **t;
	int n;

	for (int i = 0; i < ntebs; i++)
		if (!tebs[i])
			return &tebs[i];
	n = ntebs ? 2 * ntebs : 16;
	if (n > MAX_TEBS || !(t = realloc(tebs, n * sizeof *t)))
		return NULL;
	memset(t + ntebs, 0, (size_t)(n - ntebs) * sizeof *t);
	tebs = t;
	t += ntebs; /* the first of the new slots */
	ntebs = n;
	return t;
}

static void teb_register(struct rt_teb *t, int add)
{
	struct rt_teb **slot;

	pthread_mutex_lock(&tebs_lock);
	if (add) {
		if ((slot = teb_slot()))
			*slot = t;
	} else {
		for (int i = 0; i < ntebs; i++)
			if (tebs[i] == t) {
				tebs[i] = 0;
				break;
			}
	}
	pthread_mutex_unlock(&tebs_lock);
}

void rt_teb_foreach(void (*fn)(struct rt_teb *, void *), void *arg)
{
	pthread_mutex_lock(&tebs_lock);
	for (int i = 0; i < ntebs; i++)
		if (tebs[i])
			fn(tebs[i], arg);
	pthread_mutex_unlock(&tebs_lock);
}

struct rt_teb *rt_teb(void)
{
	return cur_teb;
}

DWORD rt_tid(void)
{
	return (DWORD)syscall(SYS_gettid);
}

#define STACK_PAGE 4096ul

extern void *__libc_stack_end; /* the initial stack pointer, from glibc */

/* The main thread's stack, [*lo, *lo + *size), as pthread_getattr_np
 * reports it but without what that does for the main thread (read
 * /proc/self/maps: six system calls at every start): the top is the end
 * of the page of the initial stack pointer, the size RLIMIT_STACK's less
 * what lies above that top in the stack's mapping (the arguments and
 * environment), whose end is the end of the page of the program's file
 * name (AT_EXECFN), which exec copies first, to the top of the new stack.
 * -1 if the limit is unlimited (pthread then bounds the size by the
 * mapping below) or the range does not hold the caller's own frame. */
static int main_stack(void **lo, size_t *size)
{
	const char *name = (const char *)getauxval(AT_EXECFN);
	uintptr_t here = (uintptr_t)__builtin_frame_address(0);
	uintptr_t top = ((uintptr_t)__libc_stack_end & ~(STACK_PAGE - 1)) +
			STACK_PAGE;
	uintptr_t end, above;
	struct rlimit rl;

	if (!name || getrlimit(RLIMIT_STACK, &rl) < 0 ||
	    rl.rlim_cur == RLIM_INFINITY)
		return -1;
	end = ((uintptr_t)name + strlen(name) + 1 + STACK_PAGE - 1) &
	      ~(STACK_PAGE - 1);
	above = end - top;
	if (end < top || rl.rlim_cur <= above ||
	    ((rl.rlim_cur - above) & ~(STACK_PAGE - 1)) > top)
		return -1;
	*size = (rl.rlim_cur - above) & ~(STACK_PAGE - 1);
	*lo = (void *)(top - *size);
	return here < top && here > top - *size ? 0 : -1;
}

/* The calling thread's stack: the main thread's (main: its tid is the
 * pid) as main_stack finds it, any other's (or the main thread's if that
 * fails) from pthread. */
static void thread_stack(int main, void **lo, size_t *size)
{
	pthread_attr_t attr;

	if (main && main_stack(lo, size) == 0)
		return;
	if (pthread_getattr_np(pthread_self(), &attr) == 0) {
		pthread_attr_getstack(&attr, lo, size);
		pthread_attr_destroy(&attr);
	}
}

/* Called on the thread itself: finds its stack, allocates the TEB, sets
 * gs.  Idempotent. */
int rt_thread_init(void)
{
	struct rt_teb *t;
	void *stk = 0;
	size_t size = 0;
	pid_t pid;
	DWORD tid;

	if (cur_teb)
		return 0;
	/* Populated: both of its pages are written below, and two page
	 * faults cost more than the system call that maps them. */
	t = mmap(0, TEB_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (t == MAP_FAILED)
		return -errno;
	pid = getpid();
	tid = rt_tid();
	thread_stack(tid == (DWORD)pid, &stk, &size);
	t->StackLimit = stk;
	t->StackBase = (char *)stk + size;
	t->DeallocationStack = stk;
	t->ExceptionList = 0;
	t->Self = t;
	t->ClientIdProcess = (uint64_t)pid;
	t->ClientIdThread = tid;
	t->Peb = &rt_peb;
	if (syscall(SYS_arch_prctl, ARCH_SET_GS, (unsigned long)t) != 0) {
		int e = errno;
		munmap(t, TEB_SIZE);
		return -e;
	}
	cur_teb = t;
	teb_register(t, 1);
	return rt_fault_thread_init();
}

void rt_thread_fini(void)
{
	struct rt_teb *t = cur_teb;

	if (!t)
		return;
	cur_teb = 0;
	teb_register(t, 0);
	syscall(SYS_arch_prctl, ARCH_SET_GS, 0ul);
	free(t->TlsExpansionSlots);
	munmap(t, TEB_SIZE);
}

void rt_set_last_error(DWORD e)
{
	if (cur_teb)
		cur_teb->LastErrorValue = e;
}

DWORD rt_win32_error(int err)
{
	switch (err) {
	case 0: return ERROR_SUCCESS;
	case ENOENT: return ERROR_FILE_NOT_FOUND;
	case ENOTDIR: return ERROR_PATH_NOT_FOUND;
	case EMFILE:
	case ENFILE: return ERROR_TOO_MANY_OPEN_FILES;
	case EACCES:
	case EPERM:
	case EROFS:
	case EISDIR: return ERROR_ACCESS_DENIED;
	case EBADF: return ERROR_INVALID_HANDLE;
	case ENOMEM: return ERROR_NOT_ENOUGH_MEMORY;
	case EEXIST: return ERROR_FILE_EXISTS;
	case EINVAL: return ERROR_INVALID_PARAMETER;
	case EPIPE: return ERROR_BROKEN_PIPE;
	case ENOTEMPTY: return ERROR_DIR_NOT_EMPTY;
	case EFAULT: return ERROR_NOACCESS;
	case ETIMEDOUT: return ERROR_TIMEOUT;
	case EXDEV: return ERROR_NOT_SAME_DEVICE;
	case ENOSPC: return ERROR_DISK_FULL;
	case ENAMETOOLONG: return ERROR_FILENAME_EXCED_RANGE;
	case ENOSYS:
	case EOPNOTSUPP: return ERROR_NOT_SUPPORTED;
	default: return ERROR_INVALID_FUNCTION;
	}
}
