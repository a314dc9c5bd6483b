/*
 * modes.c — console modes and code pages on a terminal (tests/console/
 * run.py runs it on a pseudo-terminal): the input mode is the terminal's
 * echo, line editing and Ctrl-C processing; output modes and undefined
 * bits; the output code page WriteConsoleA, WriteFile and msvcrt's
 * printf and _write convert from and the input code page ReadFile
 * converts to.
 */
#include <io.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

static HANDLE in, out;

static void say(const char *s)
{
	DWORD n;

	WriteFile(out, s, (DWORD)strlen(s), &n, 0);
}

static void show_mode(const char *what, HANDLE h)
{
	char line[80];
	DWORD m = 0;
	BOOL ok = GetConsoleMode(h, &m);

	snprintf(line, sizeof line, "%s mode: %d 0x%lx\n", what, ok, m);
	say(line);
}

static void set_mode(const char *what, HANDLE h, DWORD m)
{
	char line[80];
	BOOL ok;

	SetLastError(0);
	ok = SetConsoleMode(h, m);
	snprintf(line, sizeof line, "set %s 0x%lx: %d error %lu\n", what, m, ok,
		 ok ? 0 : GetLastError());
	say(line);
}

int main(void)
{
	char buf[64], line[128];
	DWORD n = 0;

	in = GetStdHandle(STD_INPUT_HANDLE);
	out = GetStdHandle(STD_OUTPUT_HANDLE);
	show_mode("input", in);
	show_mode("output", out);
	set_mode("input", in, ENABLE_LINE_INPUT | ENABLE_PROCESSED_INPUT);
	show_mode("input", in);
	set_mode("input", in, 0x10000);
	set_mode("output", out, 7);
	show_mode("output", out);
	set_mode("output", out, 0x100);
	say("ready\n");
	ReadFile(in, buf, sizeof buf - 1, &n, 0);
	buf[n] = 0;
	buf[strcspn(buf, "\r\n")] = 0;
	snprintf(line, sizeof line, "got [%s]\n", buf);
	say(line);
	BOOL ok = SetConsoleOutputCP(1252);
	snprintf(line, sizeof line, "SetConsoleOutputCP(1252): %d, now %u\n",
		 ok, GetConsoleOutputCP());
	say(line);
	WriteConsoleA(out, "caf\xe9 \x80\n", 7, &n, 0);
	snprintf(line, sizeof line, "wrote %lu\n", n);
	say(line);
	ok = SetConsoleOutputCP(850);
	snprintf(line, sizeof line, "SetConsoleOutputCP(850): %d\n", ok);
	say(line);
	WriteFile(out, "\x82t\x82 \xb8\n", 6, &n, 0);
	snprintf(line, sizeof line, "WriteFile 850: %lu\n", n);
	say(line);
	/* msvcrt's printf and _write go through WriteFile, so through the
	 * console's code page as well. */
	printf("printf \x82t\x82\n");
	fflush(stdout);
	_write(1, "_write \xb8\n", 9);
	SetLastError(0);
	ok = SetConsoleOutputCP(65000);
	snprintf(line, sizeof line, "SetConsoleOutputCP(65000): %d error %lu\n",
		 ok, GetLastError());
	say(line);
	WriteFile(out, "UTF-7 +AOk-t+AOk-\n", 18, &n, 0);
	/* Shift-JIS, a character cut between two writes. */
	ok = SetConsoleOutputCP(932);
	WriteFile(out, "\x93\xfa\x96", 3, &n, 0);
	WriteFile(out, "\x7b\n", 2, &n, 0);
	snprintf(line, sizeof line, "SetConsoleOutputCP(932): %d\n", ok);
	say(line);
	SetConsoleOutputCP(65001);
	ok = SetConsoleCP(850);
	snprintf(line, sizeof line, "SetConsoleCP(850): %d, now %u\n", ok,
		 GetConsoleCP());
	say(line);
	say("ready2\n");
	/* One byte at a time: the terminal's UTF-8 characters are cut. */
	say("read 850:");
	do {
		n = 0;
		if (!ReadFile(in, buf, 1, &n, 0) || n != 1)
			break;
		snprintf(line, sizeof line, " %02x", (unsigned char)buf[0]);
		say(line);
	} while (buf[0] != '\n');
	say("\n");
	return 0;
}
