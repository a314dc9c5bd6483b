/* fwd_c.c — where the forwarders end. */
int real_value(void)
{
	return 42;
}

int seven(void)
{
	return 7;
}
