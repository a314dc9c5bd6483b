/*
 * many_dll.c — a tiny DLL without the C runtime; cache.sh copies it to
 * m00.dll ... m63.dll (64 images, 64 sections) for many.exe.
 */
#include <windows.h>

__declspec(dllexport) int many_value(void)
{
	return 3;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	return TRUE;
}
