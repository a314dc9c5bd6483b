/* deep.c — the end of a forwarder chain longer than the loader follows
 * (deep.def: f0 -> f1 -> ... -> f17 -> real). */
__declspec(dllexport) int real(void)
{
	return 18;
}
