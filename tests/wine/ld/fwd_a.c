/* fwd_a.c — a DLL whose exports are all forwarders (fwd_a.def). */
int fwd_a_unused(void)
{
	return 0;
}
