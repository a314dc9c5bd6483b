/*
 * console.c — kernel32: the console — standard handles, WriteConsole,
 * console modes and code pages, colours and the screen buffer, Ctrl-C
 * handlers.
 *
 * The console is the terminal the process runs on.  The calls that need
 * one (WriteConsole, GetConsoleMode, the screen-buffer calls console
 * programs make for colours) fail with ERROR_INVALID_HANDLE on a pipe or
 * file, as on Windows; colours become ANSI escapes.  The console's code
 * page is UTF-8 (65001), like the process's ANSI code page (codepage.c).
 *
 * Windows runs a console control handler on a new thread when Ctrl-C
 * arrives; if every handler returns FALSE the process ends with
 * STATUS_CONTROL_C_EXIT.  Here SIGINT plays Ctrl-C: the signal handler
 * only writes a byte to a pipe (async-signal-safe); a watcher thread with
 * a TEB reads it and calls the handlers, most recent first.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "runtime/kernel32/kernel32.h"

/* ---- standard handles ---------------------------------------------------- */

#define STD_INPUT_HANDLE  ((DWORD)-10)
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE  ((DWORD)-12)

static int std_index(DWORD which)
{
	switch (which) {
	case STD_INPUT_HANDLE: return 0;
	case STD_OUTPUT_HANDLE: return 1;
	case STD_ERROR_HANDLE: return 2;
	default: return -1;
	}
}

HANDLE WINAPI w32_GetStdHandle(DWORD which)
{
	int i = std_index(which);

	if (i < 0) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return INVALID_HANDLE_VALUE;
	}
	return rt_std_handle(i);
}

BOOL WINAPI w32_SetStdHandle(DWORD which, HANDLE h)
{
	int i = std_index(which);

	if (i < 0) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	rt_set_std_handle(i, h);
	return TRUE;
}

/* ---- writing, modes and code pages --------------------------------------- */

/* WriteConsole works on consoles only: on a pipe or file Windows (and
 * Wine) fail with ERROR_INVALID_HANDLE. */
BOOL WINAPI w32_WriteConsoleA(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			      void *reserved)
{
	if (rt_console_fd(h) < 0)
		return FALSE;
	return w32_WriteFile(h, buf, n, written, 0);
}

BOOL WINAPI w32_WriteConsoleW(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			      void *reserved)
{
	WCHAR *w;
	char *s;
	BOOL ok;
	DWORD dummy;

	/* Not a console: refused before copying n characters. */
	if (rt_console_fd(h) < 0)
		return FALSE;
	/* In size_t: n + 1 in a DWORD wraps to 0 for n = 0xffffffff. */
	w = malloc(((size_t)n + 1) * sizeof(WCHAR));
	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	memcpy(w, buf, n * sizeof(WCHAR));
	w[n] = 0;
	s = rt_utf8_dup(w);
	free(w);
	if (!s) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	ok = w32_WriteConsoleA(h, s, (DWORD)strlen(s), &dummy, 0);
	free(s);
	if (ok && written)
		*written = n;
	return ok;
}

BOOL WINAPI w32_GetConsoleMode(HANDLE h, DWORD *mode)
{
	if (rt_console_fd(h) < 0)
		return FALSE;
	*mode = 3; /* ENABLE_PROCESSED_OUTPUT | ENABLE_WRAP_AT_EOL_OUTPUT */
	return TRUE;
}

BOOL WINAPI w32_SetConsoleMode(HANDLE h, DWORD mode)
{
	DWORD m;

	return w32_GetConsoleMode(h, &m);
}

UINT WINAPI w32_GetConsoleCP(void)
{
	return 65001;
}

UINT WINAPI w32_GetConsoleOutputCP(void)
{
	return 65001;
}

BOOL WINAPI w32_SetConsoleOutputCP(UINT cp)
{
	return TRUE;
}

BOOL WINAPI w32_SetConsoleCP(UINT cp)
{
	return TRUE;
}

/* ---- the screen buffer and colours --------------------------------------- */

static WORD cur_attr = 0x07; /* light grey on black */

int rt_console_fd(HANDLE h)
{
	int fd = rt_handle_fd(h);

	if (fd < 0)
		return -1;
	if (!isatty(fd)) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return -1;
	}
	return fd;
}

BOOL WINAPI w32_GetConsoleScreenBufferInfo(HANDLE h,
					   CONSOLE_SCREEN_BUFFER_INFO *info)
{
	struct winsize ws;
	int fd = rt_console_fd(h);

	if (fd < 0)
		return FALSE;
	if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || !ws.ws_col) {
		ws.ws_col = 80;
		ws.ws_row = 25;
	}
	memset(info, 0, sizeof(*info));
	info->dwSize.X = (int16_t)ws.ws_col;
	info->dwSize.Y = (int16_t)ws.ws_row;
	info->wAttributes = cur_attr;
	info->srWindow.Right = (int16_t)(ws.ws_col - 1);
	info->srWindow.Bottom = (int16_t)(ws.ws_row - 1);
	info->dwMaximumWindowSize = info->dwSize;
	return TRUE; /* the cursor position is not known: (0,0) */
}

/* Console colours as ANSI escapes: Windows' BGR bit order to ANSI's RGB,
 * the intensity bit to the bright range. */
BOOL WINAPI w32_SetConsoleTextAttribute(HANDLE h, WORD attr)
{
	static const int ansi[8] = {0, 4, 2, 6, 1, 5, 3, 7};
	char seq[32];
	int fd = rt_console_fd(h), n;

	if (fd < 0)
		return FALSE;
	n = snprintf(seq, sizeof(seq), "\033[0;%d;%dm",
		     (attr & 0x8 ? 90 : 30) + ansi[attr & 7],
		     (attr & 0x80 ? 100 : 40) + ansi[attr >> 4 & 7]);
	cur_attr = attr;
	return write(fd, seq, (size_t)n) == n;
}

void *WINAPI w32_GetConsoleWindow(void)
{
	return 0; /* no window */
}

/* ---- Ctrl-C: console control handlers ------------------------------------ */

#define CTRL_C_EVENT	      0
#define CTRL_BREAK_EVENT      1
#define STATUS_CONTROL_C_EXIT 0xc000013au
#define MAX_HANDLERS	      32

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static ctrl_fn handlers[MAX_HANDLERS];
static int nhandlers, ignore_ctrl_c;
static int wake_pipe[2] = {-1, -1};

static void on_sigint(int sig)
{
	int e = errno;
	char c = CTRL_C_EVENT;
	ssize_t r = write(wake_pipe[1], &c, 1);

	(void)r;
	errno = e;
}

static void *watcher(void *arg)
{
	char ev;

	if (rt_thread_init() < 0)
		return 0;
	while (read(wake_pipe[0], &ev, 1) == 1) {
		ctrl_fn fns[MAX_HANDLERS];
		int n, handled = 0, ignore;

		pthread_mutex_lock(&lock);
		n = nhandlers;
		memcpy(fns, handlers, sizeof(fns));
		ignore = ignore_ctrl_c;
		pthread_mutex_unlock(&lock);
		if (ev == CTRL_C_EVENT && ignore)
			continue;
		for (int i = n - 1; i >= 0 && !handled; i--)
			handled = fns[i]((DWORD)ev) != 0;
		if (!handled)
			w32_ExitProcess(STATUS_CONTROL_C_EXIT);
	}
	return 0;
}

/* Installs the SIGINT plumbing once; 0 or -1. */
static int start_watcher(void)
{
	struct sigaction sa;
	pthread_t th;

	if (wake_pipe[0] >= 0)
		return 0;
	if (pipe2(wake_pipe, O_CLOEXEC) != 0)
		return -1;
	if (pthread_create(&th, 0, watcher, 0) != 0) {
		close(wake_pipe[0]);
		close(wake_pipe[1]);
		wake_pipe[0] = wake_pipe[1] = -1;
		return -1;
	}
	pthread_detach(th);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, 0);
	return 0;
}

/* handler NULL: add TRUE ignores Ctrl-C, FALSE restores it. */
BOOL WINAPI w32_SetConsoleCtrlHandler(ctrl_fn fn, BOOL add)
{
	BOOL ok = TRUE;

	pthread_mutex_lock(&lock);
	if (start_watcher() < 0) {
		pthread_mutex_unlock(&lock);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	if (!fn) {
		ignore_ctrl_c = add != 0;
	} else if (add) {
		if (nhandlers == MAX_HANDLERS)
			ok = FALSE;
		else
			handlers[nhandlers++] = fn;
	} else {
		ok = FALSE;
		for (int i = nhandlers - 1; i >= 0; i--) {
			if (handlers[i] == fn) {
				memmove(handlers + i, handlers + i + 1,
					(size_t)(nhandlers - i - 1) *
						sizeof(handlers[0]));
				nhandlers--;
				ok = TRUE;
				break;
			}
		}
	}
	pthread_mutex_unlock(&lock);
	if (!ok)
		rt_set_last_error(ERROR_INVALID_PARAMETER);
	return ok;
}

/* Ctrl-C or Ctrl-Break, delivered to this process only (Windows sends
 * group 0 to every process on the console; a Linux process group holds
 * the shell and make too, which must not receive it). */
BOOL WINAPI w32_GenerateConsoleCtrlEvent(DWORD event, DWORD group)
{
	char c = (char)event;

	if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	pthread_mutex_lock(&lock);
	if (start_watcher() < 0) {
		pthread_mutex_unlock(&lock);
		return FALSE;
	}
	pthread_mutex_unlock(&lock);
	return write(wake_pipe[1], &c, 1) == 1;
}
