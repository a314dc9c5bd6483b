/* fwd_main.c — imports through forwarders: fwd_a.dll forwards get_value
 * to fwd_b.dll!mid_value, which forwards to fwd_c.dll!real_value (a
 * chain), and get_seven to fwd_c.dll!#7 (forward by ordinal). */
#include <stdio.h>

__declspec(dllimport) int get_value(void);
__declspec(dllimport) int get_seven(void);

int main(void)
{
	printf("get_value() = %d\n", get_value());
	printf("get_seven() = %d\n", get_seven());
	return 0;
}
