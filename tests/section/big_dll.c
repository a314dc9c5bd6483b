/*
 * big_dll.c — an image with a writable section of almost 1 GiB (.bss: no
 * file bytes, so the DLL is small and the section file sparse).  The
 * section is 1 GiB less 1 MiB so that SizeOfImage stays within the
 * parser's cap (PE_MAX_IMAGE_SIZE, 1 GiB).
 */
#include <windows.h>

#define BIG ((1u << 30) - (1u << 20))

__declspec(dllexport) char big_bss[BIG];

__declspec(dllexport) char big_get(unsigned i)
{
	return big_bss[i % BIG];
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	return TRUE;
}
