/*
 * guarantee.c — SetThreadStackGuarantee: a query, a raise, a smaller
 * request ignored, one larger than the stack refused.
 */
#include <stdio.h>
#include <windows.h>
int main(void)
{
	ULONG g = 0;
	BOOL r = SetThreadStackGuarantee(&g);
	printf("query: %d %lu\n", r, g);
	g = 16384;
	r = SetThreadStackGuarantee(&g);
	printf("set 16K: %d previous %lu\n", r, g);
	g = 0;
	r = SetThreadStackGuarantee(&g);
	printf("query: %d %lu\n", r, g);
	g = 8192;
	r = SetThreadStackGuarantee(&g);
	printf("set 8K: %d previous %lu\n", r, g);
	g = 0;
	r = SetThreadStackGuarantee(&g);
	printf("query: %d %lu\n", r, g);
	g = 64u << 20;
	r = SetThreadStackGuarantee(&g);
	printf("set 64M: %d %lu err %lu\n", r, g, GetLastError());
	return 0;
}
