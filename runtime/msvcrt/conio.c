/*
 * conio.c — msvcrt's console I/O (conio.h): keys without echo or Enter
 * (_getch, _getwch, _getche, _getwche, _kbhit, _ungetch, _ungetwch),
 * characters and strings straight to the screen (_putch, _putwch,
 * _cputs, _cputws, _cprintf, _cwprintf), lines (_cgets, _cgetws) and
 * _cscanf.
 *
 * conio talks to the console, not to the standard streams: input is
 * CONIN$'s key records, output the console's screen, whatever stdin and
 * stdout are redirected to.  A process without a console (under Wine,
 * one whose standard input is no terminal) reads EOF and writes
 * nothing (EOF, -1), as Wine's msvcrt does; a character pushed back by
 * _ungetch is still read.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/kernel32/k32int.h"
#include "runtime/msvcrt/msvcrt.h"

#define KEY_EVENT	  0x1
#define SHIFT_PRESSED	  0x10
#define ALT_PRESSED	  0x3
#define CTRL_PRESSED	  0xc
#define WEOF_		  0xffff
#define GENERIC_READ_	  0x80000000u
#define GENERIC_WRITE_	  0x40000000u
#define OPEN_EXISTING_	  3
#define CONSOLE_LINE_MODE 0x7 /* processed, line and echo input */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int unget = -1;	/* _ungetch's byte, or an extended key's second */
static int ungetw = -1; /* the same for the wide functions */

/* The console input (CONIN$, which is never closed). */
static HANDLE conin(void)
{
	return w32_CreateFileA("CONIN$", GENERIC_READ_ | GENERIC_WRITE_, 3, 0,
			       OPEN_EXISTING_, 0, 0);
}

/* The two codes _getch gives for a key with no character (cursor and
 * function keys): the prefix (0, or 0xe0 for the keys of the grey
 * block), with the second code in *second; -1 for a key it skips
 * (shift, ctrl...).  The codes are DOS's, by the modifier held. */
static int extended(const KEY_EVENT_RECORD *k, int *second)
{
	static const struct {
		BYTE vk, prefix, code[4]; /* plain, shift, ctrl, alt */
	} keys[] = {
		{0x24, 0xe0, {71, 71, 119, 151}},
		{0x26, 0xe0, {72, 72, 141, 152}},
		{0x21, 0xe0, {73, 73, 132, 153}},
		{0x25, 0xe0, {75, 75, 115, 155}},
		{0x27, 0xe0, {77, 77, 116, 157}},
		{0x23, 0xe0, {79, 79, 117, 159}},
		{0x28, 0xe0, {80, 80, 145, 160}},
		{0x22, 0xe0, {81, 81, 118, 161}},
		{0x2d, 0xe0, {82, 82, 146, 162}},
		{0x2e, 0xe0, {83, 83, 147, 163}},
		{0x7a, 0xe0, {133, 135, 137, 139}},
		{0x7b, 0xe0, {134, 136, 138, 140}},
	};
	DWORD st = k->dwControlKeyState;
	int col = st & ALT_PRESSED   ? 3
		: st & CTRL_PRESSED  ? 2
		: st & SHIFT_PRESSED ? 1
				     : 0;
	WORD vk = k->wVirtualKeyCode;

	if (vk >= 0x70 && vk <= 0x79) { /* F1-F10 */
		static const BYTE base[4] = {59, 84, 94, 104};

		*second = base[col] + vk - 0x70;
		return 0;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (keys[i].vk == vk) {
			*second = keys[i].code[col];
			return keys[i].prefix;
		}
	}
	return -1;
}

/* The next key from the console, its input mode 0 meanwhile (Ctrl-C is
 * a key): a character, or an extended key's prefix with its second code
 * kept in *keep; EOF (wide: WEOF) without a console.  lock held. */
static int get_key(int wide, int *keep)
{
	HANDLE h = conin();
	DWORD mode, got;
	INPUT_RECORD r;
	int c = wide ? WEOF_ : EOF, second;

	if (!w32_GetConsoleMode(h, &mode))
		return c;
	w32_SetConsoleMode(h, 0);
	for (;;) {
		BOOL ok = wide ? w32_ReadConsoleInputW(h, &r, 1, &got)
			       : w32_ReadConsoleInputA(h, &r, 1, &got);
		const KEY_EVENT_RECORD *k = &r.Event.KeyEvent;
		int pre;

		if (!ok || !got)
			break;
		if (r.EventType != KEY_EVENT || !k->bKeyDown)
			continue;
		if (wide && k->uChar.UnicodeChar) {
			c = k->uChar.UnicodeChar;
			break;
		}
		if (!wide && k->uChar.AsciiChar) {
			c = (unsigned char)k->uChar.AsciiChar;
			break;
		}
		if ((pre = extended(k, &second)) >= 0) {
			c = pre;
			*keep = second;
			break;
		}
	}
	w32_SetConsoleMode(h, mode);
	return c;
}

/* _getch: the next key without echo, not waiting for Enter; a cursor or
 * function key as two calls' codes (0 or 0xe0, then the key's). */
int WINAPI w32__getch(void)
{
	int c;

	pthread_mutex_lock(&lock);
	if (unget >= 0) {
		c = unget;
		unget = -1;
	} else {
		c = get_key(0, &unget);
	}
	pthread_mutex_unlock(&lock);
	return c;
}

int WINAPI w32__getwch(void)
{
	int c;

	pthread_mutex_lock(&lock);
	if (ungetw >= 0) {
		c = ungetw;
		ungetw = -1;
	} else {
		c = get_key(1, &ungetw);
	}
	pthread_mutex_unlock(&lock);
	return c;
}

/* _putch: byte c, in the console's output code page; c, or EOF. */
int WINAPI w32__putch(int c)
{
	char b = (char)c;

	return rt_k32_conout(&b, 1, 0) ? (unsigned char)c : EOF;
}

int WINAPI w32__putwch(WCHAR c)
{
	return rt_k32_conout(&c, 1, 1) ? c : WEOF_;
}

/* _getche, _getwche: _getch, echoing a character (not an extended
 * key's codes, nor EOF). */
int WINAPI w32__getche(void)
{
	int c = w32__getch();

	if (c != EOF && c != 0 && c != 0xe0)
		w32__putch(c);
	return c;
}

int WINAPI w32__getwche(void)
{
	int c = w32__getwch();

	if (c != WEOF_ && c != 0 && c != 0xe0)
		w32__putwch((WCHAR)c);
	return c;
}

/* _ungetch: c is the next key _getch reads; EOF when one is already
 * waiting (or c is EOF). */
int WINAPI w32__ungetch(int c)
{
	int r = EOF;

	pthread_mutex_lock(&lock);
	if (c != EOF && unget < 0) {
		unget = (unsigned char)c;
		r = unget;
	}
	pthread_mutex_unlock(&lock);
	return r;
}

int WINAPI w32__ungetwch(int c)
{
	int r = WEOF_;

	pthread_mutex_lock(&lock);
	if (c != WEOF_ && ungetw < 0) {
		ungetw = c & 0xffff;
		r = ungetw;
	}
	pthread_mutex_unlock(&lock);
	return r;
}

/* _kbhit: nonzero when a key with a character is waiting (or one pushed
 * back); it does not wait. */
int WINAPI w32__kbhit(void)
{
	HANDLE h = conin();
	DWORD n = 0, got = 0;
	INPUT_RECORD *r;
	int hit = 0;

	pthread_mutex_lock(&lock);
	if (unget >= 0) {
		pthread_mutex_unlock(&lock);
		return 1;
	}
	if (!w32_GetNumberOfConsoleInputEvents(h, &n) || !n ||
	    !(r = malloc(n * sizeof(*r)))) {
		pthread_mutex_unlock(&lock);
		return 0;
	}
	w32_PeekConsoleInputA(h, r, n, &got);
	for (DWORD i = 0; i < got && !hit; i++)
		hit = r[i].EventType == KEY_EVENT &&
			r[i].Event.KeyEvent.bKeyDown &&
			r[i].Event.KeyEvent.uChar.AsciiChar;
	free(r);
	pthread_mutex_unlock(&lock);
	return hit;
}

/* _cputs, _cputws: the string to the screen; 0, or -1. */
int WINAPI w32__cputs(const char *s)
{
	if (!s) {
		*w32__errno() = W_EINVAL;
		return -1;
	}
	return rt_k32_conout(s, (DWORD)strlen(s), 0) ? 0 : -1;
}

int WINAPI w32__cputws(const WCHAR *s)
{
	size_t n = 0;

	if (!s) {
		*w32__errno() = W_EINVAL;
		return -1;
	}
	while (s[n])
		n++;
	return rt_k32_conout(s, (DWORD)n, 1) ? 0 : -1;
}

/* Reads at most max units of a line (echoed, edited, Ctrl-C processed)
 * into buf, as one ReadConsole: the rest of a longer line stays for the
 * next read, as with Wine's _cgets.  The units without the line's
 * "\r\n", or -1 without a console. */
static int get_line(void *buf, int max, int wide)
{
	HANDLE h = conin();
	DWORD mode, got = 0;
	BOOL ok;

	if (!w32_GetConsoleMode(h, &mode))
		return -1;
	w32_SetConsoleMode(h, CONSOLE_LINE_MODE);
	ok = wide ? w32_ReadConsoleW(h, buf, (DWORD)max, &got, 0)
		  : w32_ReadConsoleA(h, buf, (DWORD)max, &got, 0);
	w32_SetConsoleMode(h, mode);
	if (!ok)
		return -1;
	for (int k = 0; k < 2 && got; k++) {
		unsigned c = wide ? ((WCHAR *)buf)[got - 1]
				  : ((unsigned char *)buf)[got - 1];

		if (c != '\n' && c != '\r')
			break;
		got--;
	}
	return (int)got;
}

/* _cgets: buf[0] is the most characters to read; the line read is at
 * buf + 2 (terminated), its length at buf[1]; returns buf + 2 (NULL
 * without a console). */
char *WINAPI w32__cgets(char *buf)
{
	int n;

	pthread_mutex_lock(&lock);
	n = get_line(buf + 2, (unsigned char)buf[0], 0);
	pthread_mutex_unlock(&lock);
	if (n < 0)
		return 0;
	buf[1] = (char)n;
	buf[2 + n] = 0;
	return buf + 2;
}

WCHAR *WINAPI w32__cgetws(WCHAR *buf)
{
	int n;

	pthread_mutex_lock(&lock);
	n = get_line(buf + 2, buf[0], 1);
	pthread_mutex_unlock(&lock);
	if (n < 0)
		return 0;
	buf[1] = (WCHAR)n;
	buf[2 + n] = 0;
	return buf + 2;
}

/* ---- _cprintf, _cwprintf, _cscanf ---------------------------------- */

static int con_put(struct rt_sink *s, const void *u, size_t n)
{
	return rt_k32_conout(u, (DWORD)n, s->wide) ? 0 : -1;
}

/* printf's formats to the screen; the units written, or -1. */
int WINAPI w32__cprintf(const char *fmt, ...)
{
	struct rt_sink s = {con_put, 0, 0, 0, 0};
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = rt_vformat(&s, fmt, 0, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32__cwprintf(const WCHAR *fmt, ...)
{
	struct rt_sink s = {con_put, 0, 1, 0, 0};
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = rt_vformat(&s, fmt, 1, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

static int con_get(struct rt_source *s)
{
	(void)s;
	return w32__getche();
}

static void con_unget(struct rt_source *s, int c)
{
	(void)s;
	w32__ungetch(c);
}

/* scanf's formats over the keys typed, each echoed (_getche). */
int WINAPI w32__cscanf(const char *fmt, ...)
{
	struct rt_source s = {con_get, con_unget, 0};
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = rt_vscan(&s, fmt, &ap);
	__builtin_ms_va_end(ap);
	return r;
}
