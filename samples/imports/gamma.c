/*
 * gamma.dll — exports gamma_greet, which nobody imports from gamma by
 * name: beta.dll forwards its export beta_greet here, so importing
 * beta!beta_greet binds to gamma!gamma_greet and makes the loader load
 * gamma.dll.
 */
#include <windows.h>
#include <stdio.h>
#include "say.h"

__declspec(dllexport) const char *gamma_greet(void)
{
	return "hello from gamma (reached through beta's forwarder)";
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	say_reason("gamma.dll", reason);
	return TRUE;
}
