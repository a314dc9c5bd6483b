/* keep_dep.c — the DLL keep_dll.dll imports from, linked for base
 * 0x6e000000 (keep_main takes that address between loads). */
static int calls; /* .bss: 0 in every fresh view */

__declspec(dllexport) int dep_value(void)
{
	return 40 + ++calls;
}
