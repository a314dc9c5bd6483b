/* order_dll.c — built three times (-DNAME=a/b/c): DllMain prints its
 * module's name and the reason; a calls c. */
#include <stdio.h>
#include <windows.h>

#define STR2(x) #x
#define STR(x) STR2(x)
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)

#ifdef NEED_C
__declspec(dllimport) int order_c(void);
#endif

__declspec(dllexport) int CAT(order_, NAME)(void)
{
#ifdef NEED_C
	return 10 + order_c();
#else
	return VALUE;
#endif
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	static const char *const names[] = {"PROCESS_DETACH", "PROCESS_ATTACH",
	                                    "THREAD_ATTACH", "THREAD_DETACH"};
	if (reason == DLL_PROCESS_ATTACH || reason == DLL_PROCESS_DETACH) {
		printf("order_%s: %s (%s load)\n", STR(NAME), names[reason],
		       reserved ? "static" : "dynamic");
		fflush(stdout);
	}
	return TRUE;
}
