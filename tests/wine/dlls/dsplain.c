/* dsplain.dll — a DLL dllsearch.c copies into a subdirectory under another
 * name and loads through each search flag: its DllMain counts attaches
 * in an export, so a load that must not run it can be checked. */
#include <windows.h>

__declspec(dllexport) int ds_plain_attached;

__declspec(dllexport) int ds_plain_value(void)
{
	return 7;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	if (reason == DLL_PROCESS_ATTACH)
		ds_plain_attached++;
	return TRUE;
}
