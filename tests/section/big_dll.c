/*
 * big_dll.c — an image with a 1 GiB writable section (.bss: no file
 * bytes, so the DLL is small and the section file sparse).
 */
#include <windows.h>

#define BIG (1u << 30)

__declspec(dllexport) char big_bss[BIG];

__declspec(dllexport) char big_get(unsigned i)
{
	return big_bss[i % BIG];
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	return TRUE;
}
