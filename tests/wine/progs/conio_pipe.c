/*
 * conio_pipe.c — console input and msvcrt's conio without a console
 * (standard input is a pipe or /dev/null, so Wine gives the process no
 * console): ReadConsole, the input-record calls and SetConsoleMode fail
 * with ERROR_INVALID_HANDLE on the pipe and on a file, and clear the
 * count ReadConsoleA/W and ReadConsoleInputW return while
 * ReadConsoleInputA, Peek and GetNumberOfConsoleInputEvents leave it
 * (Wine's CONIN$, invalid here, is dllshare's standard input: not
 * probed); conio reads EOF (a
 * character pushed back by _ungetch aside) and writes nothing.
 */
#include <conio.h>
#include <stdio.h>
#include <windows.h>

static void show(const char *what, BOOL ok, DWORD n)
{
	printf("%s: %d error %lu count %lu\n", what, ok,
	       ok ? 0 : GetLastError(), n);
}

static void probe(const char *what, HANDLE h)
{
	char buf[16];
	INPUT_RECORD rec;
	DWORD n;
	BOOL ok;

	printf("-- %s\n", what);
	n = 77, ok = ReadConsoleA(h, buf, sizeof buf, &n, 0);
	show("ReadConsoleA", ok, n);
	n = 77, ok = ReadConsoleW(h, buf, 4, &n, 0);
	show("ReadConsoleW", ok, n);
	n = 77, ok = ReadConsoleInputA(h, &rec, 1, &n);
	show("ReadConsoleInputA", ok, n);
	n = 77, ok = ReadConsoleInputW(h, &rec, 1, &n);
	show("ReadConsoleInputW", ok, n);
	n = 77, ok = PeekConsoleInputA(h, &rec, 1, &n);
	show("PeekConsoleInputA", ok, n);
	n = 77, ok = PeekConsoleInputW(h, &rec, 1, &n);
	show("PeekConsoleInputW", ok, n);
	n = 77, ok = GetNumberOfConsoleInputEvents(h, &n);
	show("GetNumberOfConsoleInputEvents", ok, n);
	ok = FlushConsoleInputBuffer(h);
	show("FlushConsoleInputBuffer", ok, 0);
	n = 77, ok = GetConsoleMode(h, &n);
	show("GetConsoleMode", ok, n);
	ok = SetConsoleMode(h, ENABLE_LINE_INPUT);
	show("SetConsoleMode", ok, 0);
}

int main(void)
{
	HANDLE f;
	DWORD n;
	char cg[8] = {4};

	probe("standard input", GetStdHandle(STD_INPUT_HANDLE));
	f = CreateFileA("conio_pipe.tmp", GENERIC_READ | GENERIC_WRITE, 0, 0,
			CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, 0);
	WriteFile(f, "abc\r\n", 5, &n, 0);
	SetFilePointer(f, 0, 0, FILE_BEGIN);
	probe("a file", f);
	CloseHandle(f);
	printf("-- conio\n");
	printf("_kbhit %d\n", _kbhit());
	printf("_ungetch %d\n", _ungetch('x'));
	printf("_ungetch again %d\n", _ungetch('y'));
	printf("_kbhit %d\n", _kbhit());
	printf("_getch %d\n", _getch());
	printf("_getch %d\n", _getch());
	printf("_getche %d\n", _getche());
	printf("_ungetwch %d\n", _ungetwch(L'w'));
	printf("_getwch %d\n", _getwch());
	printf("_getwch %d\n", _getwch());
	printf("_getwche %d\n", _getwche());
	printf("_putch %d\n", _putch('A'));
	printf("_putwch %d\n", _putwch(L'B'));
	printf("_cputs %d\n", _cputs("hi"));
	printf("_cputws %d\n", _cputws(L"hi"));
	printf("_cprintf %d\n", _cprintf("%d", 42));
	printf("_cwprintf %d\n", _cwprintf(L"%d", 42));
	printf("_cgets %s\n", _cgets(cg) ? "a line" : "NULL");
	return 0;
}
