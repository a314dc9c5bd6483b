/* dsres.dll — resources (dsres.rc) that dllsearch.c reads from the DLL
 * loaded as a data file or an image resource; its DllMain leaves a mark
 * in the environment, which such a load must not run. */
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	if (reason == DLL_PROCESS_ATTACH)
		SetEnvironmentVariableA("DS_RES_ATTACHED", "yes");
	return TRUE;
}
