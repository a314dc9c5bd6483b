/* fwd_b.c — forwards mid_value on to fwd_c (fwd_b.def). */
int fwd_b_unused(void)
{
	return 0;
}
