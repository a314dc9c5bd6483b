/* wtcounter.dll — shared state for threads.c: a counter in the DLL's
 * copy-on-write .data, guarded by a critical section the DLL owns. */
#include <windows.h>

static CRITICAL_SECTION lock;
static int attached;
int wt_counter = 100; /* .data: written by every thread */

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	if (reason == DLL_PROCESS_ATTACH) {
		InitializeCriticalSection(&lock);
		attached++;
	}
	return TRUE;
}

__declspec(dllexport) int wt_add(int n)
{
	int v;

	EnterCriticalSection(&lock);
	wt_counter += n;
	v = wt_counter;
	LeaveCriticalSection(&lock);
	return v;
}

__declspec(dllexport) int wt_get(void)
{
	return wt_counter;
}

__declspec(dllexport) int wt_attached(void)
{
	return attached;
}
