/*
 * console.c — kernel32: the console — standard handles, WriteConsole,
 * console modes and code pages, colours and the screen buffer, Ctrl-C
 * handlers.
 *
 * The console is the terminal the process runs on.  The calls that need
 * one (WriteConsole, GetConsoleMode, the screen-buffer calls console
 * programs make for colours) fail with ERROR_INVALID_HANDLE on a pipe or
 * file, as on Windows; colours become ANSI escapes.  The console's code
 * pages start as UTF-8 (65001), like the process's ANSI code page
 * (codepage.c); WriteConsoleA converts from another output code page.
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
#include <termios.h>
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

/* The console's code pages (SetConsoleCP, SetConsoleOutputCP): UTF-8 until
 * a program picks another the runtime converts (codepage.c). */
static UINT input_cp = 65001, output_cp = 65001;

/* UTF-8 bytes to the terminal behind console handle h. */
static BOOL write_utf8(HANDLE h, const char *s, DWORD n)
{
	DWORD done;

	return w32_WriteFile(h, s, n, &done, 0);
}

/* Writes the NUL-terminated UTF-16 text w (freed here) to console h, as
 * UTF-8; *written, when asked, is n, the characters the caller gave. */
static BOOL write_wide(HANDLE h, WCHAR *w, DWORD n, DWORD *written)
{
	char *s = rt_utf8_dup(w);
	BOOL ok;

	free(w);
	if (!s) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	ok = write_utf8(h, s, (DWORD)strlen(s));
	free(s);
	if (ok && written)
		*written = n;
	return ok;
}

/* WriteConsole works on consoles only: on a pipe or file Windows (and
 * Wine) fail with ERROR_INVALID_HANDLE.  The bytes are in the console's
 * output code page.  reserved must be NULL and is unused, as on Windows. */
BOOL WINAPI w32_WriteConsoleA(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			      void *reserved)
{
	WCHAR *w;
	int nw;
	BOOL ok;

	(void)reserved;
	if (rt_console_fd(h) < 0)
		return FALSE;
	if (output_cp == 65001 || n == 0) {
		ok = write_utf8(h, buf, n);
		if (ok && written)
			*written = n;
		return ok;
	}
	/* A single-byte code page: one WCHAR a byte. */
	w = malloc(((size_t)n + 1) * sizeof(WCHAR));
	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	nw = w32_MultiByteToWideChar(output_cp, 0, buf, (int)n, w, (int)n);
	w[nw > 0 ? nw : 0] = 0;
	return write_wide(h, w, n, written);
}

BOOL WINAPI w32_WriteConsoleW(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			      void *reserved)
{
	WCHAR *w;

	(void)reserved;
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
	return write_wide(h, w, n, written);
}

/* Console modes.  An input handle's mode is the terminal's: echo
 * (ENABLE_ECHO_INPUT), line editing (ENABLE_LINE_INPUT) and Ctrl-C as a
 * signal (ENABLE_PROCESSED_INPUT) are termios' ECHO, ICANON and ISIG; the
 * other input bits (mouse, insert, quick edit, window and VT input) are
 * kept for GetConsoleMode.  Output modes are kept too: a terminal already
 * does what they ask (escape sequences, wrapping at the end of a line).
 * Bits Windows does not define fail with ERROR_INVALID_PARAMETER.  The
 * terminal's own settings come back when the process ends. */
#define ENABLE_PROCESSED_INPUT 0x1
#define ENABLE_LINE_INPUT      0x2
#define ENABLE_ECHO_INPUT      0x4
#define INPUT_MODES	       0x3ff
#define OUTPUT_MODES	       0x1f

static DWORD output_mode = 0x3;
static DWORD extra_input = 0x1f0; /* input bits termios does not hold */
static struct termios saved_tio;
static int saved_fd = -1;

static int is_input(int fd)
{
	return fd == 0 || (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY;
}

static void restore_terminal(void)
{
	if (saved_fd >= 0)
		tcsetattr(saved_fd, TCSANOW, &saved_tio);
}

/* The input mode: Windows' default (0x1f7) or what SetConsoleMode set,
 * less what the terminal has turned off. */
static DWORD input_mode(int fd)
{
	struct termios t;
	DWORD m = extra_input | 0x7;

	if (tcgetattr(fd, &t) != 0)
		return m;
	if (!(t.c_lflag & ECHO))
		m &= ~(DWORD)ENABLE_ECHO_INPUT;
	if (!(t.c_lflag & ICANON))
		m &= ~(DWORD)ENABLE_LINE_INPUT;
	if (!(t.c_lflag & ISIG))
		m &= ~(DWORD)ENABLE_PROCESSED_INPUT;
	return m;
}

BOOL WINAPI w32_GetConsoleMode(HANDLE h, DWORD *mode)
{
	int fd = rt_console_fd(h);

	if (fd < 0)
		return FALSE;
	*mode = is_input(fd) ? input_mode(fd) : output_mode;
	return TRUE;
}

static BOOL set_input_mode(int fd, DWORD mode)
{
	struct termios t;

	if (tcgetattr(fd, &t) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	if (saved_fd < 0) {
		saved_tio = t;
		saved_fd = fd;
		rt_exit_hook_add(restore_terminal);
	}
	t.c_lflag &= ~(tcflag_t)(ECHO | ICANON | ISIG);
	if (mode & ENABLE_ECHO_INPUT)
		t.c_lflag |= ECHO;
	if (mode & ENABLE_LINE_INPUT)
		t.c_lflag |= ICANON;
	if (mode & ENABLE_PROCESSED_INPUT)
		t.c_lflag |= ISIG;
	if (tcsetattr(fd, TCSANOW, &t) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return FALSE;
	}
	extra_input = mode;
	return TRUE;
}

BOOL WINAPI w32_SetConsoleMode(HANDLE h, DWORD mode)
{
	int fd = rt_console_fd(h);

	if (fd < 0)
		return FALSE;
	if (mode & ~(DWORD)(is_input(fd) ? INPUT_MODES : OUTPUT_MODES)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (is_input(fd))
		return set_input_mode(fd, mode);
	output_mode = mode;
	return TRUE;
}

UINT WINAPI w32_GetConsoleCP(void)
{
	return input_cp;
}

UINT WINAPI w32_GetConsoleOutputCP(void)
{
	return output_cp;
}

/* The code pages the runtime converts (IsValidCodePage); another one,
 * which Windows may have, is refused as Windows refuses one it lacks. */
static BOOL set_cp(UINT *which, UINT cp, const char *fn)
{
	if (!w32_IsValidCodePage(cp) || cp == 0)
		return rt_refuse(ERROR_INVALID_PARAMETER, fn, "code page %u",
				 cp);
	*which = cp;
	return TRUE;
}

BOOL WINAPI w32_SetConsoleOutputCP(UINT cp)
{
	return set_cp(&output_cp, cp, "SetConsoleOutputCP");
}

/* Nothing reads the console through a code page yet (no ReadConsoleA):
 * the input code page is kept for GetConsoleCP. */
BOOL WINAPI w32_SetConsoleCP(UINT cp)
{
	return set_cp(&input_cp, cp, "SetConsoleCP");
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
	(void)sig;
	int e = errno;
	char c = CTRL_C_EVENT;
	ssize_t r = write(wake_pipe[1], &c, 1);

	(void)r;
	errno = e;
}

static void *watcher(void *arg)
{
	(void)arg;
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

/* Ctrl-C or Ctrl-Break, delivered to this process only: group 0
 * (Windows sends it to every process on the console; a Linux process
 * group holds the shell and make too, which must not receive it) or our
 * own id.  Another process group (a child started with
 * CREATE_NEW_PROCESS_GROUP) is refused: its dllshare would take SIGINT
 * for Ctrl-C only, and a new group ignores Ctrl-C. */
BOOL WINAPI w32_GenerateConsoleCtrlEvent(DWORD event, DWORD group)
{
	char c = (char)event;

	if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (group != 0 && group != (DWORD)getpid())
		return rt_refuse(ERROR_NOT_SUPPORTED,
				 "GenerateConsoleCtrlEvent",
				 "another process group (%lu)",
				 (unsigned long)group);
	pthread_mutex_lock(&lock);
	if (start_watcher() < 0) {
		pthread_mutex_unlock(&lock);
		return FALSE;
	}
	pthread_mutex_unlock(&lock);
	return write(wake_pipe[1], &c, 1) == 1;
}
