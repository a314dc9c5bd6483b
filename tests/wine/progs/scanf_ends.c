/*
 * scanf_ends.c — where sscanf and swscanf stop and what they return at
 * the edges: empty and blank input, input that ends within a
 * conversion or a width, a sign or "0x" with no digits, an exponent
 * with no mantissa, an empty format; every input against every format,
 * narrow and wide.
 * wine-test: both-stdio
 */
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
int main(void)
{
	static const char *in[] = {"", " ", "  ", "a", " a", "5", "5 ", "5 x", "x", "  \n", "e5", "-", "+x", "0x", "ab"};
	static const char *fm[] = {"%d", " %d", "%d%d", "%c", "%s", "x%d", "%f", "%[a-z]", "%n", "", " ", "%d %d", " %c", "%c%c", "%s%s", "%e", "%x", "%[^z]", "%ls", "%5c"};
	for (unsigned i = 0; i < sizeof in / sizeof *in; i++)
		for (unsigned j = 0; j < sizeof fm / sizeof *fm; j++) {
			int a = 0, b = 0; char buf[16]; wchar_t wb[16], wi[16], wf[16]; float f;
			void *p1 = fm[j][1] == 'c' || fm[j][1] == 's' || fm[j][1] == '[' ? (void *)buf : fm[j][1] == 'f' ? (void *)&f : (void *)&a;
			int r = sscanf(in[i], fm[j], p1, &b);
			mbstowcs(wi, in[i], 16); mbstowcs(wf, fm[j], 16);
			void *p2 = fm[j][1] == 'c' || fm[j][1] == 's' || fm[j][1] == '[' ? (void *)wb : p1;
			int w = swscanf(wi, wf, p2, &b);
			printf("[%s] [%s] %d %d\n", in[i], fm[j], r, w);
		}
	return 0;
}
