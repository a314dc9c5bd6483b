/*
 * shr_dll.c — the test image for tests/section: one page of each kind.
 *
 *   .text    code (shared, read/execute)
 *   .rdata   constants (shared, read-only)
 *   .data    initialized data (copy-on-write), several pages
 *   .bss     zero data (copy-on-write, no file bytes)
 *   .shr     IMAGE_SCN_MEM_SHARED data: one copy for every process
 */
#include <windows.h>

#define PAGE 4096

__declspec(dllexport) const char shr_rdata[2 * PAGE] = "read-only bytes";
__declspec(dllexport) char shr_data[4 * PAGE] = "copy-on-write bytes";
__declspec(dllexport) char shr_bss[2 * PAGE];
__declspec(dllexport) int shr_shared[16] __attribute__((section(".shr"), shared)) = {
	0x11111111, 0x22222222};

__declspec(dllexport) int shr_get(int i)
{
	return shr_shared[i] + shr_data[i] + shr_bss[i];
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	return TRUE;
}
