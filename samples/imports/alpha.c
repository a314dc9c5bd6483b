/*
 * alpha.dll — a DLL that imports from another DLL: beta_add by name, and
 * beta_greet, which beta.dll forwards to gamma.dll.  So alpha.dll cannot
 * run its DllMain before beta.dll and gamma.dll have run theirs.
 */
#include <windows.h>
#include <stdio.h>
#include "say.h"

__declspec(dllimport) int beta_add(int a, int b);
__declspec(dllimport) const char *beta_greet(void);

__declspec(dllexport) int alpha_run(void)
{
	printf("alpha_run: beta_add(2, 3) = %d\n", beta_add(2, 3));
	printf("alpha_run: beta_greet() = \"%s\"\n", beta_greet());
	return beta_add(40, 2);
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	say_reason("alpha.dll", reason);
	return TRUE;
}
