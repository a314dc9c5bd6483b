/* tpool_work.c — thread pools: work objects, private pools and their
 * thread limits, cancelling, TrySubmitThreadpoolCallback, the callback
 * instance functions, cleanup groups with their cancel callback, the
 * finalization callback and callback priorities.  Everything waits on
 * events; nothing depends on timing. */
#include <stdio.h>
#include <windows.h>

static volatile LONG count, running, most, finals, cancels, order_n;
static int order[8];
static HANDLE gate, started, disassociated, done_ev, sem, mutex;
static CRITICAL_SECTION cs;
static PTP_POOL one; /* a pool of one thread */

static void CALLBACK count_cb(PTP_CALLBACK_INSTANCE i, void *ctx, PTP_WORK w)
{
	LONG now = InterlockedIncrement(&running);

	if (now > most)
		most = now;
	InterlockedIncrement(&count);
	InterlockedDecrement(&running);
}

/* Blocks its pool's thread until gate is set. */
static void CALLBACK block_cb(PTP_CALLBACK_INSTANCE i, void *ctx, PTP_WORK w)
{
	SetEvent(started);
	WaitForSingleObject(gate, INFINITE);
}

static void CALLBACK ordered_cb(PTP_CALLBACK_INSTANCE i, void *ctx, PTP_WORK w)
{
	order[InterlockedIncrement(&order_n) - 1] = (int)(INT_PTR)ctx;
}

static void CALLBACK simple_cb(PTP_CALLBACK_INSTANCE i, void *ctx)
{
	InterlockedIncrement(&count);
	SetEventWhenCallbackReturns(i, done_ev);
}

static void CALLBACK final_cb(PTP_CALLBACK_INSTANCE i, void *ctx)
{
	InterlockedIncrement(&finals);
}

static void CALLBACK cancel_cb(void *obj_ctx, void *cleanup_ctx)
{
	printf("  cancel callback: object %d, cleanup %d\n",
	       (int)(INT_PTR)obj_ctx, (int)(INT_PTR)cleanup_ctx);
	InterlockedIncrement(&cancels);
}

static void CALLBACK cleanup_cb(PTP_CALLBACK_INSTANCE i, void *ctx, PTP_WORK w)
{
	switch ((int)(INT_PTR)ctx) {
	case 1: ReleaseSemaphoreWhenCallbackReturns(i, sem, 2); break;
	case 2:
		WaitForSingleObject(mutex, INFINITE);
		ReleaseMutexWhenCallbackReturns(i, mutex);
		break;
	case 3:
		EnterCriticalSection(&cs);
		LeaveCriticalSectionWhenCallbackReturns(i, &cs);
		break;
	case 4:
		FreeLibraryWhenCallbackReturns(i, LoadLibraryA("kernel32.dll"));
		break;
	}
}

static void CALLBACK long_cb(PTP_CALLBACK_INSTANCE i, void *ctx, PTP_WORK w)
{
	*(BOOL *)ctx = CallbackMayRunLong(i);
}

static void CALLBACK disassociate_cb(PTP_CALLBACK_INSTANCE i, void *ctx,
				     PTP_WORK w)
{
	DisassociateCurrentThreadFromCallback(i);
	SetEvent(disassociated);
	WaitForSingleObject(gate, INFINITE);
	SetEventWhenCallbackReturns(i, done_ev);
}

static void env_one(TP_CALLBACK_ENVIRON *env)
{
	InitializeThreadpoolEnvironment(env);
	SetThreadpoolCallbackPool(env, one);
}

static void basics(void)
{
	PTP_WORK w = CreateThreadpoolWork(count_cb, NULL, NULL);

	printf("work created: %d\n", w != NULL);
	for (int k = 0; k < 10; k++)
		SubmitThreadpoolWork(w);
	WaitForThreadpoolWorkCallbacks(w, FALSE);
	printf("default pool: %ld callbacks\n", count);
	CloseThreadpoolWork(w);
}

static void limits(void)
{
	TP_CALLBACK_ENVIRON env;
	PTP_WORK w;

	env_one(&env);
	count = most = 0;
	w = CreateThreadpoolWork(count_cb, NULL, &env);
	for (int k = 0; k < 20; k++)
		SubmitThreadpoolWork(w);
	WaitForThreadpoolWorkCallbacks(w, FALSE);
	printf("one-thread pool: %ld callbacks, at most %ld at once\n", count,
	       most);
	CloseThreadpoolWork(w);
}

static void cancelling(void)
{
	TP_CALLBACK_ENVIRON env;
	PTP_WORK a, b;

	env_one(&env);
	count = 0;
	a = CreateThreadpoolWork(block_cb, NULL, &env);
	b = CreateThreadpoolWork(count_cb, NULL, &env);
	SubmitThreadpoolWork(a);
	WaitForSingleObject(started, INFINITE);
	for (int k = 0; k < 4; k++)
		SubmitThreadpoolWork(b);
	WaitForThreadpoolWorkCallbacks(b, TRUE);
	SetEvent(gate);
	WaitForThreadpoolWorkCallbacks(a, FALSE);
	ResetEvent(gate);
	printf("cancelled: %ld of 4 ran\n", count);
	CloseThreadpoolWork(a);
	CloseThreadpoolWork(b);
}

static void priorities(void)
{
	TP_CALLBACK_ENVIRON env, lo, hi;
	PTP_WORK a, l, h, n;

	env_one(&env);
	env_one(&lo);
	env_one(&hi);
	SetThreadpoolCallbackPriority(&lo, TP_CALLBACK_PRIORITY_LOW);
	SetThreadpoolCallbackPriority(&hi, TP_CALLBACK_PRIORITY_HIGH);
	a = CreateThreadpoolWork(block_cb, NULL, &env);
	l = CreateThreadpoolWork(ordered_cb, (void *)3, &lo);
	n = CreateThreadpoolWork(ordered_cb, (void *)2, &env);
	h = CreateThreadpoolWork(ordered_cb, (void *)1, &hi);
	SubmitThreadpoolWork(a);
	WaitForSingleObject(started, INFINITE);
	SubmitThreadpoolWork(l);
	SubmitThreadpoolWork(n);
	SubmitThreadpoolWork(h);
	SetEvent(gate);
	WaitForThreadpoolWorkCallbacks(l, FALSE);
	WaitForThreadpoolWorkCallbacks(n, FALSE);
	WaitForThreadpoolWorkCallbacks(h, FALSE);
	WaitForThreadpoolWorkCallbacks(a, FALSE);
	ResetEvent(gate);
	printf("priorities: order %d %d %d\n", order[0], order[1], order[2]);
	CloseThreadpoolWork(a);
	CloseThreadpoolWork(l);
	CloseThreadpoolWork(n);
	CloseThreadpoolWork(h);
}

static void instance(void)
{
	PTP_WORK w;
	BOOL may = -1;
	TP_CALLBACK_ENVIRON env;

	count = 0;
	printf("TrySubmitThreadpoolCallback: %d\n",
	       TrySubmitThreadpoolCallback(simple_cb, NULL, NULL));
	WaitForSingleObject(done_ev, INFINITE);
	printf("simple callback ran: %ld\n", count);

	for (int k = 1; k <= 4; k++) {
		w = CreateThreadpoolWork(cleanup_cb, (void *)(INT_PTR)k, NULL);
		SubmitThreadpoolWork(w);
		WaitForThreadpoolWorkCallbacks(w, FALSE);
		CloseThreadpoolWork(w);
	}
	for (int k = 0; k < 3; k++) /* two counts, then none */
		printf("semaphore wait %d: %lu\n", k,
		       WaitForSingleObject(sem, 0));
	printf("mutex released: %lu\n", WaitForSingleObject(mutex, 0));
	ReleaseMutex(mutex);
	printf("critical section left: %d\n", TryEnterCriticalSection(&cs));
	LeaveCriticalSection(&cs);

	w = CreateThreadpoolWork(long_cb, &may, NULL);
	SubmitThreadpoolWork(w);
	WaitForThreadpoolWorkCallbacks(w, FALSE);
	CloseThreadpoolWork(w);
	printf("CallbackMayRunLong, default pool: %d\n", may);
	env_one(&env);
	w = CreateThreadpoolWork(long_cb, &may, &env);
	SubmitThreadpoolWork(w);
	WaitForThreadpoolWorkCallbacks(w, FALSE);
	CloseThreadpoolWork(w);
	printf("CallbackMayRunLong, full pool: %d\n", may);

	w = CreateThreadpoolWork(disassociate_cb, NULL, NULL);
	SubmitThreadpoolWork(w);
	WaitForSingleObject(disassociated, INFINITE);
	WaitForThreadpoolWorkCallbacks(w, FALSE);
	printf("disassociated callback not waited for\n");
	SetEvent(gate);
	WaitForSingleObject(done_ev, INFINITE);
	ResetEvent(gate);
	CloseThreadpoolWork(w);
}

static void groups(void)
{
	TP_CALLBACK_ENVIRON env, genv;
	PTP_CLEANUP_GROUP g = CreateThreadpoolCleanupGroup();
	PTP_WORK a, b, c;

	printf("cleanup group created: %d\n", g != NULL);
	/* Cancelled: b's queued callbacks and a simple callback, queued
	 * behind a blocked thread. */
	env_one(&env);
	env_one(&genv);
	SetThreadpoolCallbackCleanupGroup(&genv, g, cancel_cb);
	count = cancels = 0;
	a = CreateThreadpoolWork(block_cb, NULL, &env);
	b = CreateThreadpoolWork(count_cb, (void *)7, &genv);
	SubmitThreadpoolWork(a);
	WaitForSingleObject(started, INFINITE);
	SubmitThreadpoolWork(b);
	SubmitThreadpoolWork(b);
	TrySubmitThreadpoolCallback(simple_cb, (void *)8, &genv);
	CloseThreadpoolCleanupGroupMembers(g, TRUE, (void *)42);
	printf("cancelled members: %ld callbacks ran, %ld cancel callbacks\n",
	       count, cancels);
	SetEvent(gate);
	WaitForThreadpoolWorkCallbacks(a, FALSE);
	ResetEvent(gate);
	CloseThreadpoolWork(a);

	/* Not cancelled: every callback runs, the finalization callback
	 * after each; the group closes the members. */
	InitializeThreadpoolEnvironment(&genv);
	SetThreadpoolCallbackCleanupGroup(&genv, g, cancel_cb);
	TpSetCallbackFinalizationCallback(&genv, final_cb);
	count = cancels = finals = 0;
	c = CreateThreadpoolWork(count_cb, (void *)9, &genv);
	for (int k = 0; k < 5; k++)
		SubmitThreadpoolWork(c);
	CloseThreadpoolCleanupGroupMembers(g, FALSE, NULL);
	printf("members run out: %ld callbacks, %ld finalizations, %ld cancel "
	       "callbacks\n",
	       count, finals, cancels);
	CloseThreadpoolCleanupGroup(g);
}

int main(void)
{
	TP_CALLBACK_ENVIRON env;
	PTP_WORK w;

	gate = CreateEventA(NULL, TRUE, FALSE, NULL);
	started = CreateEventA(NULL, FALSE, FALSE, NULL);
	disassociated = CreateEventA(NULL, FALSE, FALSE, NULL);
	done_ev = CreateEventA(NULL, FALSE, FALSE, NULL);
	sem = CreateSemaphoreA(NULL, 0, 10, NULL);
	mutex = CreateMutexA(NULL, FALSE, NULL);
	InitializeCriticalSection(&cs);
	one = CreateThreadpool(NULL);
	printf("pool created: %d\n", one != NULL);
	SetThreadpoolThreadMaximum(one, 1);
	printf("minimum 1: %d\n", SetThreadpoolThreadMinimum(one, 1));

	basics();
	limits();
	cancelling();
	priorities();
	instance();
	groups();

	/* A Version 1 environment (the layout before Windows 7). */
	InitializeThreadpoolEnvironment(&env);
	env.Version = 1;
	count = 0;
	w = CreateThreadpoolWork(count_cb, NULL, &env);
	printf("version 1 environment: %d\n", w != NULL);
	SubmitThreadpoolWork(w);
	WaitForThreadpoolWorkCallbacks(w, FALSE);
	printf("version 1 callbacks: %ld\n", count);
	CloseThreadpoolWork(w);

	/* RaceDll: the pool holds the DLL while the object lives. */
	InitializeThreadpoolEnvironment(&env);
	SetThreadpoolCallbackRunsLong(&env);
	SetThreadpoolCallbackLibrary(&env, LoadLibraryA("msvcrt.dll"));
	count = 0;
	w = CreateThreadpoolWork(count_cb, NULL, &env);
	printf("RaceDll environment: %d\n", w != NULL);
	FreeLibrary((HMODULE)env.RaceDll);
	SubmitThreadpoolWork(w);
	WaitForThreadpoolWorkCallbacks(w, FALSE);
	CloseThreadpoolWork(w);
	printf("RaceDll callbacks: %ld\n", count);

	CloseThreadpool(one);
	printf("done\n");
	return 0;
}
