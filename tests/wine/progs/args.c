/* args.c — the command line: GetCommandLineA, argc/argv as msvcrt splits
 * it (spaces, quotes, backslashes), and __wgetmainargs' wide view. */
#include <stdio.h>
#include <windows.h>

int main(int argc, char **argv)
{
	printf("cmdline [%s]\n", GetCommandLineA());
	printf("argc %d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d] <%s>\n", i, argv[i]);
	printf("wide [%ls]\n", GetCommandLineW());
	return argc;
}
