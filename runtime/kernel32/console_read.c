/*
 * console_read.c — kernel32: ReadConsoleA and ReadConsoleW, and ReadFile
 * on the console once its input buffer is in use: a line edited here
 * (ENABLE_LINE_INPUT, echoed with ENABLE_ECHO_INPUT) or the characters of
 * the keys pressed, from console_input.c's key records.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/kernel32/console_int.h"

#define VK_END	  0x23
#define VK_HOME	  0x24
#define VK_LEFT	  0x25
#define VK_UP	  0x26
#define VK_RIGHT  0x27
#define VK_DOWN	  0x28
#define VK_DELETE 0x2e

/* The longest line ReadConsole edits: more keys are not taken. */
#define MAX_LINE 8192
/* The lines Up and Down recall: Windows' default history size. */
#define HISTORY 50

/* UTF-16 w[0..n) to the terminal, as UTF-8 (echo of the line typed). */
static void echo(const WCHAR *w, size_t n)
{
	char buf[256];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned c = w[i];

		if (c >= 0xd800 && c < 0xdc00 && i + 1 < n &&
		    w[i + 1] >= 0xdc00 && w[i + 1] < 0xe000)
			c = 0x10000 + ((c - 0xd800) << 10) + (w[++i] - 0xdc00);
		if (k > sizeof(buf) - 4) {
			rt_k32_conout_bytes(buf, k);
			k = 0;
		}
		if (c < 0x80) {
			buf[k++] = (char)c;
		} else if (c < 0x800) {
			buf[k++] = (char)(0xc0 | c >> 6);
			buf[k++] = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			buf[k++] = (char)(0xe0 | c >> 12);
			buf[k++] = (char)(0x80 | (c >> 6 & 0x3f));
			buf[k++] = (char)(0x80 | (c & 0x3f));
		} else {
			buf[k++] = (char)(0xf0 | c >> 18);
			buf[k++] = (char)(0x80 | (c >> 12 & 0x3f));
			buf[k++] = (char)(0x80 | (c >> 6 & 0x3f));
			buf[k++] = (char)(0x80 | (c & 0x3f));
		}
	}
	rt_k32_conout_bytes(buf, k);
}

static void echo_n(WCHAR c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		echo(&c, 1);
}

/* The line being edited: len units, the cursor at pos; at is the
 * history line it shows (nhist: none, the line being typed). */
struct line {
	WCHAR buf[MAX_LINE + 2];
	size_t len, pos, at;
	int show;
	ULONG wake;  /* CONSOLE_READCONSOLE_CONTROL's dwCtrlWakeupMask */
	DWORD state; /* the modifiers of the key that ended the line */
};

/* The lines read, oldest first (rt_conin.lock held). */
static WCHAR *hist[HISTORY];
static size_t hist_len[HISTORY], nhist;

/* Keeps line w[0..n) for Up and Down: not an empty one, nor the last
 * one again. */
static void remember(const WCHAR *w, size_t n)
{
	WCHAR *c;

	if (!n ||
	    (nhist && hist_len[nhist - 1] == n &&
	     !memcmp(hist[nhist - 1], w, n * sizeof(WCHAR))))
		return;
	if (!(c = malloc(n * sizeof(WCHAR))))
		return;
	memcpy(c, w, n * sizeof(WCHAR));
	if (nhist == HISTORY) {
		free(hist[0]);
		memmove(hist, hist + 1, --nhist * sizeof(hist[0]));
		memmove(hist_len, hist_len + 1, nhist * sizeof(hist_len[0]));
	}
	hist[nhist] = c;
	hist_len[nhist++] = n;
}

/* Redraws from the cursor to the end (and over `gone` cells the line
 * lost), then moves back to the cursor at `to`. */
static void redraw_tail(struct line *l, size_t gone, size_t to)
{
	if (!l->show)
		return;
	echo(l->buf + l->pos, l->len - l->pos);
	echo_n(' ', gone);
	echo_n('\b', l->len - to + gone);
}

/* Up (dir -1) or Down (+1): the line becomes the history line before or
 * after the one it shows (after the last: empty), the cursor at its end,
 * as in Windows' console. */
static void recall(struct line *l, int dir)
{
	size_t old = l->len;

	if ((dir < 0 && !l->at) || (dir > 0 && l->at >= nhist))
		return;
	l->at += (size_t)(long)dir;
	if (l->show)
		echo_n('\b', l->pos);
	l->len = l->at < nhist ? hist_len[l->at] : 0;
	memcpy(l->buf, l->at < nhist ? hist[l->at] : l->buf,
	       l->len * sizeof(WCHAR));
	l->pos = 0;
	redraw_tail(l, old > l->len ? old - l->len : 0, l->len);
	l->pos = l->len;
}

/* Applies one key to the line; 1 when Enter ended it. */
static int edit(struct line *l, const KEY_EVENT_RECORD *k)
{
	WCHAR c = k->uChar.UnicodeChar;
	size_t p = l->pos;

	l->state = k->dwControlKeyState;
	if (c < 32 && (l->wake >> c & 1)) {
		/* A wake-up character: where the cursor is, not echoed, and
		 * the line ends there (no CR LF), as in Windows' console. */
		memmove(l->buf + p + 1, l->buf + p,
			(l->len - p) * sizeof(WCHAR));
		l->buf[p] = c;
		l->len++;
		return 1;
	}
	if (c == '\r') {
		remember(l->buf, l->len);
		l->buf[l->len++] = '\r';
		l->buf[l->len++] = '\n';
		if (l->show)
			echo(u"\r\n", 2);
		return 1;
	}
	if (c == 0x08 || k->wVirtualKeyCode == VK_DELETE) {
		if (c == 0x08) {
			if (!p)
				return 0;
			l->pos = --p;
			if (l->show)
				echo(u"\b", 1);
		}
		if (p == l->len)
			return 0;
		memmove(l->buf + p, l->buf + p + 1,
			(l->len - p - 1) * sizeof(WCHAR));
		l->len--;
		redraw_tail(l, 1, p);
	} else if (c == 0x1b) { /* Esc empties the line */
		size_t old = l->len;

		if (l->show)
			echo_n('\b', p);
		l->pos = l->len = 0;
		redraw_tail(l, old, 0);
	} else if (c) {
		if (l->len == MAX_LINE)
			return 0;
		memmove(l->buf + p + 1, l->buf + p,
			(l->len - p) * sizeof(WCHAR));
		l->buf[p] = c;
		l->len++;
		l->pos++;
		if (l->show)
			echo(&c, 1);
		redraw_tail(l, 0, p + 1);
	} else if (k->wVirtualKeyCode == VK_LEFT && p) {
		l->pos--;
		if (l->show)
			echo(u"\b", 1);
	} else if (k->wVirtualKeyCode == VK_RIGHT && p < l->len) {
		l->pos++;
		if (l->show)
			echo(l->buf + p, 1);
	} else if (k->wVirtualKeyCode == VK_HOME) {
		l->pos = 0;
		if (l->show)
			echo_n('\b', p);
	} else if (k->wVirtualKeyCode == VK_END) {
		l->pos = l->len;
		if (l->show)
			echo(l->buf + p, l->len - p);
	} else if (k->wVirtualKeyCode == VK_UP) {
		recall(l, -1);
	} else if (k->wVirtualKeyCode == VK_DOWN) {
		recall(l, 1);
	}
	return 0;
}

/* A line typed and edited (Enter ends it, kept as "\r\n"), malloc'd in
 * *out: its units, or -1 (ERROR_NOT_ENOUGH_MEMORY, or the terminal gone:
 * 0 units).  ctl, when given, starts the line with its nInitialChars
 * units of init (on the screen already), ends it at a character of its
 * dwCtrlWakeupMask too, and gets the modifiers of the key that ended it.
 * rt_conin.lock held. */
static ssize_t read_line(WCHAR **out, const WCHAR *init, size_t n,
			 CONSOLE_READCONSOLE_CONTROL *ctl)
{
	struct line *l = calloc(1, sizeof(*l));
	INPUT_RECORD r;
	ssize_t len;

	if (!l) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return -1;
	}
	l->show = (rt_conin.mode & ENABLE_ECHO_INPUT) != 0;
	l->at = nhist;
	if (ctl) {
		size_t k = ctl->nInitialChars;

		k = k < n ? k : n;
		k = k < MAX_LINE ? k : MAX_LINE;
		memcpy(l->buf, init, k * sizeof(WCHAR));
		l->len = l->pos = k;
		l->wake = ctl->dwCtrlWakeupMask;
	}
	for (;;) {
		if (rt_con_take(&r) < 0)
			break;
		if (r.EventType == KEY_EVENT && r.Event.KeyEvent.bKeyDown &&
		    edit(l, &r.Event.KeyEvent))
			break;
	}
	if (ctl)
		ctl->dwControlKeyState = l->state;
	len = (ssize_t)l->len;
	memmove(l, l->buf, l->len * sizeof(WCHAR));
	*out = (WCHAR *)l;
	return len;
}

/* Raw input: the characters of the keys pressed, up to n, waiting for
 * the first.  rt_conin.lock held. */
static ssize_t read_raw(WCHAR **out, size_t n)
{
	WCHAR *w = malloc((n ? n : 1) * sizeof(WCHAR));
	INPUT_RECORD r;
	size_t k = 0;

	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return -1;
	}
	while (k < n) {
		if (k && !rt_conin.keys.n)
			rt_con_fill(0);
		if ((k && !rt_conin.keys.n) || rt_con_take(&r) < 0)
			break;
		if (r.EventType == KEY_EVENT && r.Event.KeyEvent.bKeyDown &&
		    r.Event.KeyEvent.uChar.UnicodeChar)
			w[k++] = r.Event.KeyEvent.uChar.UnicodeChar;
	}
	*out = w;
	return (ssize_t)k;
}

/* What the mode asks for: a line (with ctl, from buf), or raw
 * characters (at most n). */
static ssize_t read_input(WCHAR **out, const WCHAR *buf, size_t n,
			  CONSOLE_READCONSOLE_CONTROL *ctl)
{
	return rt_conin.mode & ENABLE_LINE_INPUT ? read_line(out, buf, n, ctl)
						 : read_raw(out, n);
}

/* Gives up to n of w[0..k) (malloc'd, taken) to buf, keeping the rest in
 * *rest (unit bytes each); the units given. */
static size_t give(void *buf, size_t n, void *w, size_t k, void **rest,
		   size_t *nrest, size_t unit)
{
	size_t g = k < n ? k : n;

	memcpy(buf, w, g * unit);
	if (g < k) {
		memmove(w, (char *)w + g * unit, (k - g) * unit);
		*rest = w;
		*nrest = k - g;
	} else {
		free(w);
		*rest = 0;
		*nrest = 0;
	}
	return g;
}

/* ReadConsoleA's work, rt_conin.lock held: bytes in the input code page. */
static BOOL read_console_a(char *buf, DWORD n, DWORD *got)
{
	WCHAR *w;
	char *a;
	ssize_t k;
	int nb;

	if (rt_conin.narest) {
		*got = (DWORD)give(buf, n, rt_conin.arest, rt_conin.narest,
				   (void **)&rt_conin.arest, &rt_conin.narest,
				   1);
		return TRUE;
	}
	if ((k = read_input(&w, 0, n, 0)) < 0)
		return FALSE;
	nb = k ? w32_WideCharToMultiByte(w32_GetConsoleCP(), 0, w, (int)k, 0, 0,
					 0, 0)
	       : 0;
	a = malloc(nb ? (size_t)nb : 1);
	if (!a) {
		free(w);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	if (nb)
		w32_WideCharToMultiByte(w32_GetConsoleCP(), 0, w, (int)k, a, nb,
					0, 0);
	free(w);
	*got = (DWORD)give(buf, n, a, (size_t)nb, (void **)&rt_conin.arest,
			   &rt_conin.narest, 1);
	return TRUE;
}

/* ReadConsole reads the console's input the way its mode says: with
 * ENABLE_LINE_INPUT a line edited here (Backspace, Delete, Left, Right,
 * Home, End; Esc empties it; Up and Down recall the lines read before;
 * echoed with ENABLE_ECHO_INPUT) and ended by
 * Enter, given as "...\r\n", what the buffer cannot take kept for the
 * next read; without it the characters of the keys pressed, waiting for
 * the first.  Ctrl-C with ENABLE_PROCESSED_INPUT goes to the control
 * handlers, not into the line.  The A form gives bytes in the console's
 * input code page.  ReadConsoleW's CONSOLE_READCONSOLE_CONTROL (nLength
 * its size, else ERROR_INVALID_PARAMETER) starts the line with the
 * buffer's first nInitialChars units, ends it at a character of
 * dwCtrlWakeupMask too (put where the cursor is, no CR LF after it) and
 * gives back the modifiers of the key that ended it; the A form ignores
 * it, as Wine's does.  A pipe or file fails with ERROR_INVALID_HANDLE,
 * as on Windows. */
BOOL WINAPI w32_ReadConsoleA(HANDLE h, void *buf, DWORD n, DWORD *got,
			     CONSOLE_READCONSOLE_CONTROL *ctl)
{
	DWORD k = 0;
	BOOL ok;

	(void)ctl; /* the W form's only: Wine's A form ignores it */
	if (got)
		*got = 0;
	if (rt_con_lock(h) < 0)
		return FALSE;
	ok = read_console_a(buf, n, &k);
	rt_con_unlock();
	if (ok && got)
		*got = k;
	return ok;
}

BOOL WINAPI w32_ReadConsoleW(HANDLE h, void *buf, DWORD n, DWORD *got,
			     CONSOLE_READCONSOLE_CONTROL *ctl)
{
	WCHAR *w;
	ssize_t k;
	size_t g;

	if (got)
		*got = 0;
	if (ctl && ctl->nLength != sizeof(*ctl)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (rt_con_lock(h) < 0)
		return FALSE;
	if (rt_conin.nwrest) {
		g = give(buf, n, rt_conin.wrest, rt_conin.nwrest,
			 (void **)&rt_conin.wrest, &rt_conin.nwrest, 2);
	} else if ((k = read_input(&w, buf, n, ctl)) >= 0) {
		g = give(buf, n, w, (size_t)k, (void **)&rt_conin.wrest,
			 &rt_conin.nwrest, 2);
	} else {
		rt_con_unlock();
		return FALSE;
	}
	rt_con_unlock();
	if (got)
		*got = (DWORD)g;
	return TRUE;
}

int rt_k32_input_read(int fd, void *buf, DWORD n, DWORD *got, BOOL *result)
{
	DWORD k = 0;

	pthread_mutex_lock(&rt_conin.lock);
	if ((!rt_conin.keys.n && !rt_conin.narest) || !isatty(fd) ||
	    !rt_k32_is_input(fd)) {
		pthread_mutex_unlock(&rt_conin.lock);
		return 0;
	}
	*result = rt_con_engage(fd) == 0 && read_console_a(buf, n, &k);
	rt_con_unlock();
	if (*result && got)
		*got = k;
	return 1;
}
