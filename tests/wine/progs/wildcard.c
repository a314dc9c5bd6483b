/*
 * wildcard.c — msvcrt's wildcard expansion of the command line, which a
 * program asks for with _dowildcard (mingw's CRT_glob.o): arguments
 * holding * or ? become the files they match, with their directory part;
 * one that matches nothing stays as it is, and [ ] are no wildcards
 * (wildcard.args).
 */
#include <stdio.h>

int _dowildcard = -1;

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		printf("[%s]\n", argv[i]);
	return 0;
}
