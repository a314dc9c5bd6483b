/*
 * process.c — msvcrt's threads and process: _beginthreadex and
 * _endthreadex (kernel32 threads), _getpid, _sleep, and the CRT's own
 * numbered locks (_lock/_unlock, recursive, as msvcrt's are).
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

uintptr_t WINAPI w32__beginthreadex(void *sa, unsigned stack, thread_fn fn,
				    void *arg, unsigned flags, unsigned *tid)
{
	HANDLE h = w32_CreateThread(sa, stack, fn, arg, flags, (DWORD *)tid);

	if (!h)
		*rt_errno_ptr() = W_EAGAIN;
	return (uintptr_t)h;
}

void WINAPI w32__endthreadex(unsigned code)
{
	w32_ExitThread(code);
}

int WINAPI w32__getpid(void)
{
	return (int)getpid();
}

/* nanosleep, not usleep(ms * 1000): that product wraps in 32 bits for
 * waits above 71 minutes, and usleep may refuse a second or longer. */
void WINAPI w32__sleep(ULONG ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* ---- the CRT's locks ----------------------------------------------- */

static pthread_mutex_t crt_locks[64];
static pthread_once_t locks_once = PTHREAD_ONCE_INIT;

static void init_locks(void)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	for (int i = 0; i < 64; i++)
		pthread_mutex_init(&crt_locks[i], &a);
	pthread_mutexattr_destroy(&a);
}

void WINAPI w32__lock(int n)
{
	pthread_once(&locks_once, init_locks);
	if (n >= 0 && n < 64)
		pthread_mutex_lock(&crt_locks[n]);
}

void WINAPI w32__unlock(int n)
{
	if (n >= 0 && n < 64)
		pthread_mutex_unlock(&crt_locks[n]);
}
