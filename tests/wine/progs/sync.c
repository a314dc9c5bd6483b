/* sync.c — slim reader/writer locks, condition variables (a bounded
 * producer/consumer queue), one-time initialization, across threads. */
#include <stdio.h>
#include <windows.h>

#define ITEMS 20000
#define SLOTS 8

static SRWLOCK lock = SRWLOCK_INIT;
static CONDITION_VARIABLE not_empty = CONDITION_VARIABLE_INIT;
static CONDITION_VARIABLE not_full = CONDITION_VARIABLE_INIT;
static CRITICAL_SECTION cs;
static CONDITION_VARIABLE cs_cv = CONDITION_VARIABLE_INIT;
static int queue[SLOTS], head, count, flag;
static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
static LONG once_runs;
static SRWLOCK rw = SRWLOCK_INIT;
static long long shared_total;

static BOOL CALLBACK init_fn(PINIT_ONCE o, PVOID param, PVOID *ctx)
{
	InterlockedIncrement(&once_runs);
	Sleep(10);
	return TRUE;
}

static DWORD WINAPI producer(LPVOID arg)
{
	InitOnceExecuteOnce(&once, init_fn, NULL, NULL);
	for (int i = 1; i <= ITEMS; i++) {
		AcquireSRWLockExclusive(&lock);
		while (count == SLOTS)
			SleepConditionVariableSRW(&not_full, &lock, INFINITE,
						  0);
		queue[(head + count) % SLOTS] = i;
		count++;
		WakeConditionVariable(&not_empty);
		ReleaseSRWLockExclusive(&lock);
	}
	return 0;
}

static DWORD WINAPI consumer(LPVOID arg)
{
	long long sum = 0;

	InitOnceExecuteOnce(&once, init_fn, NULL, NULL);
	for (int i = 0; i < ITEMS / 2; i++) {
		AcquireSRWLockExclusive(&lock);
		while (count == 0)
			SleepConditionVariableSRW(&not_empty, &lock, INFINITE,
						  0);
		sum += queue[head];
		head = (head + 1) % SLOTS;
		count--;
		WakeConditionVariable(&not_full);
		ReleaseSRWLockExclusive(&lock);
	}
	AcquireSRWLockExclusive(&rw);
	shared_total += sum;
	ReleaseSRWLockExclusive(&rw);
	return 0;
}

static DWORD WINAPI reader(LPVOID arg)
{
	long long seen = 0;

	for (int i = 0; i < 1000; i++) {
		AcquireSRWLockShared(&rw);
		seen = shared_total;
		ReleaseSRWLockShared(&rw);
	}
	return seen >= 0;
}

static DWORD WINAPI waker(LPVOID arg)
{
	EnterCriticalSection(&cs);
	flag = 1;
	WakeAllConditionVariable(&cs_cv);
	LeaveCriticalSection(&cs);
	return 0;
}

int main(void)
{
	HANDLE th[5];
	DWORD code;
	BOOL r;

	th[0] = CreateThread(NULL, 0, producer, NULL, 0, NULL);
	th[1] = CreateThread(NULL, 0, consumer, NULL, 0, NULL);
	th[2] = CreateThread(NULL, 0, consumer, NULL, 0, NULL);
	th[3] = CreateThread(NULL, 0, reader, NULL, 0, NULL);
	th[4] = CreateThread(NULL, 0, reader, NULL, 0, NULL);
	WaitForMultipleObjects(5, th, TRUE, INFINITE);
	GetExitCodeThread(th[3], &code);
	printf("total %lld (expected %lld), init ran %ld time(s), reader %lu\n",
	       shared_total, (long long)ITEMS * (ITEMS + 1) / 2, once_runs,
	       code);
	for (int i = 0; i < 5; i++)
		CloseHandle(th[i]);

	InitializeCriticalSection(&cs);
	EnterCriticalSection(&cs);
	r = SleepConditionVariableCS(&cs_cv, &cs, 20);
	printf("timed wait %d err %lu\n", r, GetLastError());
	th[0] = CreateThread(NULL, 0, waker, NULL, 0, NULL);
	while (!flag)
		SleepConditionVariableCS(&cs_cv, &cs, INFINITE);
	LeaveCriticalSection(&cs);
	WaitForSingleObject(th[0], INFINITE);
	CloseHandle(th[0]);
	printf("woken, flag %d\n", flag);
	printf("try exclusive %d", TryAcquireSRWLockExclusive(&lock));
	printf(" again %d\n", TryAcquireSRWLockExclusive(&lock));
	ReleaseSRWLockExclusive(&lock);
	return 0;
}
