/* reuse_dll.c — built twice at one preferred base for reuse_main:
 * reuse_a.dll small, reuse_b.dll with PAD bytes of read-only data, so
 * that it covers the whole 64 KiB granule reuse_a.dll ends in. */
#ifdef PAD
__declspec(dllexport) const char reuse_pad[PAD] = {1};
#endif
static int loads; /* .bss: 0 in every fresh view */

__declspec(dllexport) int reuse_count(void)
{
	return ++loads;
}
