/* tls_native.c — implicit TLS the way clang (and MSVC) compile it: each
 * access goes through gs:[0x58] (TEB.ThreadLocalStoragePointer) and the
 * image's TLS directory; every thread gets its own copy of the template.
 * wine-test: clang */
#include <stdio.h>
#include <windows.h>
static _Thread_local int counter = 5;
static _Thread_local char name[16] = "main";
static DWORD WINAPI th(LPVOID a)
{
	counter += (int)(INT_PTR)a;
	snprintf(name, sizeof name, "t%d", (int)(INT_PTR)a);
	return counter * 100 + name[1];
}
int main(void)
{
	HANDLE h[3];
	DWORD c;
	for (int i = 0; i < 3; i++)
		h[i] = CreateThread(NULL, 0, th, (LPVOID)(INT_PTR)(i + 1), 0,
				    NULL);
	WaitForMultipleObjects(3, h, TRUE, INFINITE);
	for (int i = 0; i < 3; i++) {
		GetExitCodeThread(h[i], &c);
		printf("thread %d -> %lu\n", i, c);
	}
	counter++;
	printf("main counter %d name %s\n", counter, name);
	return 0;
}
