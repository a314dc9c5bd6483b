/* bench_small.c — the small DLL bench_ll.exe loads and frees. */
static int calls;

__declspec(dllexport) int small_value(void)
{
	return ++calls;
}
