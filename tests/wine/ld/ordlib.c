/* ordlib.c — one export by ordinal only, one by name (ordlib.def). */
int hidden_add(int a, int b)
{
	return a + b;
}

int named_mul(int a, int b)
{
	return a * b;
}
