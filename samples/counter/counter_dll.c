/*
 * counter.dll — two counters that look alike in C and behave differently
 * once the image is loaded in several processes.
 *
 * shared_count lives in a section marked IMAGE_SCN_MEM_SHARED (GCC's
 * `shared` attribute sets that flag on the named section): every process
 * that loads counter.dll maps the same physical page, so an increment in
 * one process is seen by all of them.  private_count lives in ordinary
 * .data, which is copy-on-write: each process gets its own copy of the page
 * on its first write.
 */
#include <windows.h>

__attribute__((section(".shared"), shared)) volatile LONG shared_count = 0;
LONG private_count = 0;

/* Adds one to both counters; returns the new shared value.  The shared one
 * is bumped with a locked instruction because other processes may be
 * bumping it at the same moment. */
__declspec(dllexport) LONG counter_bump(void)
{
	private_count++;
	return InterlockedIncrement(&shared_count);
}

__declspec(dllexport) LONG counter_shared(void)
{
	return shared_count;
}

__declspec(dllexport) LONG counter_private(void)
{
	return private_count;
}
