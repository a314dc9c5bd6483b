/*
 * shr_dll.c — the test image for tests/section: one page of each kind.
 *
 *   .text    code (shared, read/execute)
 *   .rdata   constants (shared, read-only)
 *   .cow     initialized data (copy-on-write), 7 pages, known bytes
 *   .bss     zero data (copy-on-write, no file bytes)
 *   .shr     IMAGE_SCN_MEM_SHARED data: one copy for every process
 *            (not in keep.dll, built with -DNO_SHR: a view of it is kept
 *            after unmapping, loader/kept.c)
 */
#include <windows.h>

#define PAGE 4096

__declspec(dllexport) const char shr_rdata[2 * PAGE] = "read-only bytes";
/* One object, so the order is fixed: .cow+0 is "copy-on-write bytes",
 * .cow+0x4000 starts three pages of 0xa5 (a page that went missing or came
 * back zeroed would show). */
struct cow {
	char data[4 * PAGE];
	char fill[3 * PAGE];
};
__declspec(dllexport) struct cow shr_cow
	__attribute__((section(".cow"), aligned(PAGE))) = {
		"copy-on-write bytes", {[0 ... 3 * PAGE - 1] = (char)0xa5}};
__declspec(dllexport) char shr_bss[2 * PAGE];
#ifndef NO_SHR
__declspec(dllexport) int shr_shared[16] __attribute__((section(".shr"), shared)) = {
	0x11111111, 0x22222222};
#else
static const int shr_shared[16];
#endif

__declspec(dllexport) int shr_get(int i)
{
	return shr_shared[i] + shr_cow.data[i] + shr_bss[i];
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	return TRUE;
}
