/* rewrite_dll.c — the DLL rewrite.sh overwrites in place while a program
 * has it loaded.  Built twice: BIG (answers 1, carries 256 KiB of data so
 * its export table lies far beyond the end of the small one) and small
 * (answers 2, one more export). */
#include <windows.h>

#ifdef BIG
#define ANSWER 1
/* Initialized, so it takes room in the file, ahead of .edata. */
__declspec(dllexport) volatile char rewrite_pad[256 * 1024] = {1};
#else
#define ANSWER 2
__declspec(dllexport) int rewrite_new_only(void)
{
	return 42;
}
#endif

__declspec(dllexport) int rewrite_value(void)
{
	return ANSWER;
}
