/*
 * cow_dll.c — the benchmark image: 4 MiB of initialized writable data
 * (1024 pages, every byte non-zero, so each first write copies a real
 * page of the section file).
 */
#include <windows.h>

#define COW_PAGES 1024

__declspec(dllexport) char cow_data[COW_PAGES * 4096]
	__attribute__((section(".cow"), aligned(4096))) = {
		[0 ... COW_PAGES * 4096 - 1] = 0x3c};

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	return TRUE;
}
