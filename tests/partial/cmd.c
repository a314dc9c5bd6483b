/*
 * cmd.c — what the command interpreter behind system() and _popen()
 * (runtime/msvcrt/cmd.c, in place of cmd.exe) refuses: commands beyond
 * its subset end with status 1 and one line on stderr naming the command
 * ("dllshare: cmd: not supported: dir"; check.sh looks for each), after
 * what ran before them.  Wine's cmd.exe runs all of these, so the
 * expected output (cmd.expected) is dllshare's own.
 */
#include <stdio.h>
#include <stdlib.h>

#include "case.h"

int main(void)
{
	FILE *p;
	char line[64];

	setvbuf(stdout, NULL, _IONBF, 0);
	CASE("system dir", system("dir"));
	CASE("system echo && mkdir", system("echo before && mkdir x"));
	p = _popen("for %i in (1 2) do echo %i", "r");
	while (p && fgets(line, sizeof line, p))
		printf("popen read: %s", line);
	CASE("_pclose for", p ? _pclose(p) : -5);
	CASE("system exit 3", system("exit 3"));
	return 0;
}
