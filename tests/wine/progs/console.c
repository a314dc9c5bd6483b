/* console.c — the standard handles: stdin read through msvcrt in text
 * mode (CRLF and LF lines, scanf, Ctrl-Z), stdout written both through
 * the buffered FILE and straight through WriteFile (which overtakes the
 * buffer on a pipe), handle types, WriteConsole on a pipe.
 * wine-test: both-stdio */
#include <stdio.h>
#include <string.h>
#include <windows.h>

int main(void)
{
	HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
	char line[64], word[16];
	DWORD n, mode;
	int i, c;
	double d;

	printf("buffered first\n");
	WriteFile(out, "direct\n", 7, &n, NULL);
	printf("WriteFile wrote %lu\n", n);
	printf("stdout type %lu stdin type %lu\n", GetFileType(out),
	       GetFileType(GetStdHandle(STD_INPUT_HANDLE)));
	printf("WriteConsoleA on a pipe %d err %lu\n",
	       WriteConsoleA(out, "x", 1, &n, NULL), GetLastError());
	printf("GetConsoleMode on a pipe %d\n", GetConsoleMode(out, &mode));
	{
		CONSOLE_SCREEN_BUFFER_INFO csbi;
		BOOL ok = GetConsoleScreenBufferInfo(out, &csbi);

		printf("GetConsoleScreenBufferInfo on a pipe %d", ok);
		printf(" err %lu\n", GetLastError());
		ok = SetConsoleTextAttribute(out, FOREGROUND_RED);
		printf("SetConsoleTextAttribute on a pipe %d", ok);
		printf(" err %lu\n", GetLastError());
	}
	fflush(stdout);

	while (fgets(line, sizeof(line), stdin)) {
		printf("line (%u) <%s>\n", (unsigned)strlen(line),
		       strtok(line, "\n"));
		if (!strncmp(line, "second", 6))
			break;
	}
	n = scanf("%d %lf %15s", &i, &d, word);
	printf("scanf %lu: %d %g %s\n", n, i, d, word);
	while ((c = getchar()) != EOF)
		printf("char %d\n", c);
	printf("eof %d\n", feof(stdin) != 0);
	fprintf(stderr, "to stderr\n");
	return 0;
}
