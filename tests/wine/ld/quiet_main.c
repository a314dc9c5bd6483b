/* quiet_main.c — DisableThreadLibraryCalls: refused for a DLL with
 * implicit TLS (quiet_dll, started by the mingw CRT), granted for one
 * without (bare_dll); threads then start and end beside both. */
#include <stdio.h>
#include <windows.h>

__declspec(dllimport) int quiet_value(void);
__declspec(dllimport) int bare_value(void);

static DWORD WINAPI worker(LPVOID arg)
{
	return (DWORD)(quiet_value() + bare_value() + (int)(INT_PTR)arg);
}

int main(void)
{
	for (int i = 0; i < 2; i++) {
		DWORD code = 0;
		HANDLE t = CreateThread(NULL, 0, worker, (LPVOID)(INT_PTR)i, 0,
		                        NULL);

		WaitForSingleObject(t, INFINITE);
		GetExitCodeThread(t, &code);
		CloseHandle(t);
		printf("thread %d: %lu\n", i, code);
		fflush(stdout);
	}
	SetLastError(0);
	printf("bad handle: %d", DisableThreadLibraryCalls(NULL) != 0);
	printf(" (error %lu)\n", GetLastError());
	return 0;
}
