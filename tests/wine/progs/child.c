/* child.c — started by spawn.c: echoes its arguments and exits with 7. */
#include <stdio.h>
#include <windows.h>

int main(int argc, char **argv)
{
	printf("child cmdline [%s]\n", GetCommandLineA());
	for (int i = 1; i < argc; i++)
		printf("child arg <%s>\n", argv[i]);
	fprintf(stderr, "child stderr\n");
	return 7;
}
