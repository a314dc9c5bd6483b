/*
 * beta.dll — what a DLL can export besides plain names (see beta.def):
 *   beta_add      by name
 *   beta_secret   by ordinal 7 only (NONAME): there is no name to look up
 *   beta_greet    forwarded to gamma.gamma_greet: the export table holds
 *                 the string "gamma.gamma_greet" instead of an address
 */
#include <windows.h>
#include <stdio.h>
#include "say.h"

int beta_add(int a, int b)
{
	return a + b;
}

int beta_secret(void)
{
	return 42;
}

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, LPVOID reserved)
{
	say_reason("beta.dll", reason);
	return TRUE;
}
