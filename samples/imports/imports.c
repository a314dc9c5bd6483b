/*
 * imports.exe — how a program finds the code it calls.
 *
 * At load time: alpha_run from alpha.dll by name, and beta.dll's ordinal 7
 * (which has no name).  alpha.dll itself imports from beta.dll, and through
 * beta's forwarder from gamma.dll, so the loader must run the DllMains in
 * dependency order: beta and gamma before alpha, all before main.
 * At run time: plugin.dll with LoadLibraryA / GetProcAddress / FreeLibrary.
 * At exit: DllMain(PROCESS_DETACH) in the reverse order.
 */
#include <windows.h>
#include <stdio.h>

__declspec(dllimport) int alpha_run(void);
__declspec(dllimport) int beta_secret(void); /* imported by ordinal 7 */

typedef int (*hello_fn)(int);

int main(void)
{
	HMODULE h, again;
	hello_fn hello;

	printf("main: start\n");
	printf("main: alpha_run() = %d\n", alpha_run());
	printf("main: beta ordinal 7 = %d\n", beta_secret());
	fflush(stdout);

	h = LoadLibraryA("plugin.dll");
	if (!h) {
		printf("main: LoadLibraryA(plugin.dll) failed: %lu\n", GetLastError());
		return 1;
	}
	again = LoadLibraryA("PLUGIN.DLL"); /* same module, one more reference */
	printf("main: second LoadLibraryA gives the same module: %s\n",
	       again == h ? "yes" : "no");
	hello = (hello_fn)(void (*)(void))GetProcAddress(h, "plugin_hello");
	printf("main: GetProcAddress(plugin_hello) %s\n", hello ? "found" : "missing");
	if (hello)
		printf("main: plugin_hello returned %d\n", hello(21));
	printf("main: GetProcAddress(no_such_function) = %s\n",
	       GetProcAddress(h, "no_such_function") ? "found" : "NULL");
	printf("main: GetProcAddress(beta.dll, ordinal 7) %s\n",
	       GetProcAddress(GetModuleHandleA("beta.dll"), MAKEINTRESOURCEA(7))
		       ? "found" : "missing");
	printf("main: first FreeLibrary (plugin stays loaded)\n");
	fflush(stdout);
	FreeLibrary(again);
	printf("main: second FreeLibrary (the last reference)\n");
	fflush(stdout);
	FreeLibrary(h);
	printf("main: plugin.dll still loaded: %s\n",
	       GetModuleHandleA("plugin.dll") ? "yes" : "no");
	printf("main: return 3\n");
	fflush(stdout);
	return 3;
}
