/*
 * keys.c — console input on a terminal (tests/console/keys.py types at
 * it in tmux, under Wine and under dllshare, and compares what it
 * prints): key records from ReadConsoleInputW, a line edited and read by
 * ReadConsoleA and ReadConsoleW, a line longer than the buffer, raw
 * ReadConsoleA, the lines Up and Down recall, ReadConsoleW's
 * CONSOLE_READCONSOLE_CONTROL, _getch with cursor keys (and with F1 and Ctrl-C
 * at the end, where Wine differs from Windows), _kbhit,
 * GetNumberOfConsoleInputEvents, _cgets, Ctrl-C in a line with a
 * handler, _cscanf and _getche, ReadFile and fgets after _getch, a thread
 * waiting for a key while another asks for the mode.  Each step prints "readyN"
 * and waits for the keys of that step; the output goes to stdout (a file), the
 * console's own output (echo, _cputs) to the terminal.
 */
#include <conio.h>
#include <stdio.h>
#include <windows.h>

static HANDLE in;
static volatile LONG ctrl_c;

static WCHAR thread_char;

static DWORD WINAPI reader(void *arg)
{
	INPUT_RECORD r;
	DWORD n;

	(void)arg;
	if (ReadConsoleInputW(in, &r, 1, &n) && n == 1)
		thread_char = r.Event.KeyEvent.uChar.UnicodeChar;
	return 0;
}

static BOOL WINAPI on_ctrl(DWORD ev)
{
	(void)ev;
	InterlockedIncrement(&ctrl_c);
	return TRUE;
}

static void ready(int n)
{
	printf("ready%d\n", n);
}

static void bytes(const char *what, BOOL ok, const unsigned char *b, DWORD n)
{
	printf("%s: %d %lu:", what, ok, n);
	for (DWORD i = 0; i < n; i++)
		printf(" %02x", b[i]);
	printf("\n");
}

/* ReadConsoleW with a CONSOLE_READCONSOLE_CONTROL: init units of the
 * buffer already typed, the read ending at a character of mask too. */
static void with_control(const char *what, ULONG init, ULONG mask)
{
	WCHAR w[32] = {'a', 'b', 'c', 'd'};
	CONSOLE_READCONSOLE_CONTROL rc = {sizeof rc, init, mask, 0x77};
	DWORD n = 99;
	BOOL ok = ReadConsoleW(in, w, 32, &n, &rc);

	printf("%s: %d %lu state %lx:", what, ok, n, rc.dwControlKeyState);
	for (DWORD i = 0; ok && i < n; i++)
		printf(" %04x", w[i]);
	printf("\n");
}

static void records(void)
{
	INPUT_RECORD r;
	DWORD n;

	for (;;) {
		KEY_EVENT_RECORD *k = &r.Event.KeyEvent;

		if (!ReadConsoleInputW(in, &r, 1, &n) || n != 1) {
			printf("ReadConsoleInputW failed %lu\n",
			       GetLastError());
			return;
		}
		if (r.EventType != KEY_EVENT) {
			printf("event %d\n", r.EventType);
			continue;
		}
		printf("%s vk %02x scan %02x char %04x state %lx\n",
		       k->bKeyDown ? "down" : "up", k->wVirtualKeyCode,
		       k->wVirtualScanCode, k->uChar.UnicodeChar,
		       k->dwControlKeyState);
		if (k->uChar.UnicodeChar == 'q' && !k->bKeyDown)
			return;
	}
}

/* Waits until at least n records are there. */
static DWORD wait_events(DWORD n)
{
	DWORD k = 0;

	for (int i = 0; i < 200; i++) {
		GetNumberOfConsoleInputEvents(in, &k);
		if (k >= n)
			break;
		Sleep(25);
	}
	return k;
}

int main(void)
{
	unsigned char b[64];
	WCHAR w[32];
	DWORD n, m;
	BOOL ok;

	setvbuf(stdout, 0, _IONBF, 0);
	in = GetStdHandle(STD_INPUT_HANDLE);
	SetConsoleCP(437);
	GetConsoleMode(in, &m);
	printf("mode %lx cp %u\n", m, GetConsoleCP());
	ready(1);
	records();

	ready(2); /* "hix", Backspace, Left, "Z", Enter: "hZi" */
	ok = ReadConsoleA(in, b, sizeof b, &n, 0);
	bytes("ReadConsoleA line", ok, b, n);

	ready(3); /* Home, Delete, End, "é€", Enter */
	ok = ReadConsoleW(in, w, 32, &n, 0);
	printf("ReadConsoleW line: %d %lu:", ok, n);
	for (DWORD i = 0; ok && i < n; i++)
		printf(" %04x", w[i]);
	printf("\n");

	ready(4); /* "abcdef", Enter, into 3 bytes at a time */
	ok = ReadConsoleA(in, b, 3, &n, 0);
	bytes("ReadConsoleA 3", ok, b, n);
	ok = ReadConsoleA(in, b, 3, &n, 0);
	bytes("ReadConsoleA 3 again", ok, b, n);
	ok = ReadConsoleA(in, b, 3, &n, 0);
	bytes("ReadConsoleA 3 last", ok, b, n);

	ready(14); /* Up, Up, Enter; Up, Down, "n", Enter */
	for (int i = 0; i < 2; i++) {
		ok = ReadConsoleW(in, w, 32, &n, 0);
		printf("history %d: %d %lu:", i, ok, n);
		for (DWORD j = 0; ok && j < n; j++)
			printf(" %04x", w[j]);
		printf("\n");
	}

	ready(15); /* "c", Tab; "xy", Left, Tab; "q", Enter; "k", Ctrl-D;
		    * Backspace twice, Tab */
	with_control("2 typed, Tab wakes", 2, 1 << 9);
	with_control("Tab where the cursor is", 0, 1 << 9);
	with_control("2 typed, Enter", 2, 1 << 9);
	with_control("Ctrl-D wakes", 0, 1 << 4);
	with_control("3 typed, Backspace", 3, 1 << 9);
	CONSOLE_READCONSOLE_CONTROL bad = {8, 0, 0, 0};
	SetLastError(0);
	ok = ReadConsoleW(in, w, 8, &n, &bad);
	printf("nLength 8: %d error %lu\n", ok, GetLastError());

	SetConsoleMode(in, ENABLE_PROCESSED_INPUT);
	GetConsoleMode(in, &m);
	printf("raw mode %lx\n", m);
	ready(5); /* "x", then "é" and Enter */
	ok = ReadConsoleA(in, b, sizeof b, &n, 0);
	bytes("ReadConsoleA raw", ok, b, n);
	wait_events(4);
	ok = ReadConsoleA(in, b, sizeof b, &n, 0);
	bytes("ReadConsoleA raw again", ok, b, n);

	SetConsoleMode(in, m | ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT);
	printf("_kbhit with nothing typed: %d\n", _kbhit());
	ready(6); /* "k", Up, Ctrl-Right */
	for (int i = 0; i < 5; i++)
		printf("_getch %d\n", _getch());
	GetConsoleMode(in, &m);
	printf("mode after _getch %lx\n", m);

	FlushConsoleInputBuffer(in); /* Ctrl-Right's key-up records */
	ready(7);		     /* Up, then "z" */
	printf("records %lu\n", wait_events(2));
	printf("_kbhit after Up: %d\n", _kbhit());
	printf("records %lu\n", wait_events(4));
	printf("_kbhit after z: %d\n", _kbhit());
	printf("_getch %d\n", _getch());
	printf("_getch %d\n", _getch());
	printf("_getch %d\n", _getch());
	FlushConsoleInputBuffer(in);
	GetNumberOfConsoleInputEvents(in, &n);
	printf("after flush %lu\n", n);

	ready(8); /* "ab" */
	printf("records %lu\n", wait_events(4));
	printf("_getwch %d\n", _getwch());
	printf("_ungetwch %d\n", _ungetwch(L'W'));
	printf("_getwch %d\n", _getwch());
	printf("_getwch %d\n", _getwch());

	ready(9); /* "lengthy", Enter into _cgets of at most 4 */
	b[0] = 4;
	char *s = _cgets((char *)b);
	printf("_cgets %s [%s] length %d\n", s == (char *)b + 2 ? "buf+2" : "?",
	       s, b[1]);
	ok = ReadConsoleA(in, b, sizeof b, &n, 0);
	bytes("the rest of _cgets's line", ok, b, n);

	ready(16); /* "42 x", "e" */
	int v = 0, got_n = _cscanf("%d", &v);
	printf("_cscanf %d %d\n", got_n, v);
	printf("_getch after it %d\n", _getch());
	printf("_getch %d\n", _getch());
	printf("_getche %d\n", _getche());

	/* Ctrl-C in a line goes to the handler; the line goes on. */
	SetConsoleCtrlHandler(on_ctrl, TRUE);
	ready(11); /* "ab", Ctrl-C, "c", Enter */
	ok = ReadConsoleA(in, b, sizeof b, &n, 0);
	bytes("ReadConsoleA with Ctrl-C", ok, b, n);
	for (int i = 0; i < 100 && !ctrl_c; i++)
		Sleep(10);
	printf("Ctrl-C handled %ld\n", ctrl_c);

	/* After _getch, ReadFile and fgets read lines as before. */
	ready(12); /* "k", then "xy" Enter, then "lm" Enter */
	printf("_getch %d\n", _getch());
	ok = ReadFile(in, b, sizeof b, &n, 0);
	bytes("ReadFile", ok, b, n);
	char line[16] = "";
	printf("fgets [%s]\n", fgets(line, sizeof line, stdin));

	/* A thread waiting for a key holds up no other console call. */
	FlushConsoleInputBuffer(in);
	HANDLE t = CreateThread(0, 0, reader, 0, 0, 0);
	Sleep(300);
	GetConsoleMode(in, &m);
	GetNumberOfConsoleInputEvents(in, &n);
	printf("while a thread waits: mode %lx, records %lu\n", m, n);
	ready(13); /* "r" */
	WaitForSingleObject(t, 20000);
	printf("the thread read %04x\n", thread_char);

	printf("_cputs %d\n", _cputs("cputs\r\n"));
	printf("_cprintf %d\n", _cprintf("%s %d\r\n", "cprintf", 42));
	printf("_putch %d\n", _putch('!'));
	printf("done\n");

	/* Wine 8's _getch skips F1 and lets Ctrl-C end the process; Windows
	 * gives 0 59 and 3 (keys.py checks these on dllshare only). */
	ready(10); /* F1, Ctrl-C */
	for (int i = 0; i < 3; i++)
		printf("_getch %d\n", _getch());
	return 0;
}
