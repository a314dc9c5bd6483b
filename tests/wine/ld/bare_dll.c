/* bare_dll.c — a DLL without the mingw C runtime (entry point DllMain,
 * no TLS directory): DisableThreadLibraryCalls succeeds for it, and its
 * DllMain must then see no thread notices. */
#include <windows.h>

int __cdecl printf(const char *fmt, ...);
int __cdecl fflush(void *f);

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	switch (reason) {
	case DLL_PROCESS_ATTACH:
		printf("bare: process attach, disable: %d\n",
		       DisableThreadLibraryCalls(h) != 0);
		break;
	case DLL_THREAD_ATTACH: printf("bare: thread attach\n"); break;
	case DLL_THREAD_DETACH: printf("bare: thread detach\n"); break;
	case DLL_PROCESS_DETACH: printf("bare: process detach\n"); break;
	}
	fflush(NULL);
	return TRUE;
}

__declspec(dllexport) int bare_value(void)
{
	return 100;
}
