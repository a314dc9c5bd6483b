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
 * Windows runs the console control handlers on a new thread when Ctrl-C
 * arrives, most recent first, until one returns TRUE; if none does, the
 * process ends (Windows: STATUS_CONTROL_C_EXIT; Wine 8, the reference,
 * exits with 0, and so does this).  Here SIGINT plays Ctrl-C: the signal
 * handler only writes a byte to a pipe (async-signal-safe); a watcher
 * thread with a TEB reads it and starts a Windows thread (CreateThread,
 * so DLLs see it attach) that runs the handlers.  Ctrl-Break has no
 * Linux key: it comes only from GenerateConsoleCtrlEvent.
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

#include "runtime/core/codepage.h"
#include "runtime/kernel32/k32int.h"

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
 * a program picks another (any page codepage.c converts).  The terminal
 * speaks UTF-8 whatever they are: bytes written to the console are read
 * in the output code page and bytes read from it are given in the input
 * one, by WriteConsoleA, and by WriteFile and ReadFile on a console handle
 * (Windows' console holds characters, not bytes). */
static UINT input_cp = 65001, output_cp = 65001;
static pthread_mutex_t input_lock = PTHREAD_MUTEX_INITIALIZER;

/* All n bytes of s to terminal fd; FALSE with the last error. */
static BOOL write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t r = write(fd, s, n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rt_set_last_error(rt_win32_error(errno));
			return FALSE;
		}
		s += r;
		n -= (size_t)r;
	}
	return TRUE;
}

/* Writes the NUL-terminated UTF-16 text w (freed here) to terminal fd, as
 * UTF-8; *written, when asked, is n, the characters the caller gave. */
static BOOL write_wide(int fd, WCHAR *w, DWORD n, DWORD *written)
{
	char *s = rt_utf8_dup(w);
	BOOL ok;

	free(w);
	if (!s) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	ok = write_all(fd, s, strlen(s));
	free(s);
	if (ok && written)
		*written = n;
	return ok;
}

/* A lead byte that ended a write in a double-byte output code page: the
 * next write completes the character, as Windows' console does. */
static pthread_mutex_t output_lock = PTHREAD_MUTEX_INITIALIZER;
static int out_lead = -1;

/* Converts s[0..n) in page p (a lead byte kept from the last write
 * before it) to UTF-16 in w, keeping a lead byte that ends it; returns
 * the units.  output_lock held. */
static size_t decode_cp(const struct rt_codepage *p, const unsigned char *s,
			size_t n, WCHAR *w)
{
	size_t i = 0, k = 0;
	unsigned code;

	if (out_lead >= 0) {
		unsigned char pair[2] = {(unsigned char)out_lead, s[0]};

		out_lead = -1;
		i = rt_cp_next(p, pair, 2, &code) - 1;
		w[k++] = rt_cp_decode(p, code, 0);
	}
	while (i < n) {
		if (i == n - 1 && rt_cp_is_lead(p, s[i])) {
			out_lead = s[i];
			break;
		}
		i += rt_cp_next(p, s + i, n - i, &code);
		w[k++] = rt_cp_decode(p, code, 0);
	}
	return k;
}

/* n bytes in the output code page to terminal fd. */
static BOOL write_cp(int fd, const char *buf, DWORD n, DWORD *written)
{
	const struct rt_codepage *p;
	WCHAR *w;
	size_t nw;

	if (output_cp == 65001 || n == 0) {
		if (!write_all(fd, buf, n))
			return FALSE;
		if (written)
			*written = n;
		return TRUE;
	}
	/* At most one UTF-16 unit a byte, and the kept lead byte's. */
	w = malloc(((size_t)n + 2) * sizeof(WCHAR));
	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	pthread_mutex_lock(&output_lock);
	p = rt_codepage(output_cp);
	/* UTF-7 (no table): each write converts alone, as in Windows. */
	nw = p ? decode_cp(p, (const unsigned char *)buf, n, w)
	       : (size_t)w32_MultiByteToWideChar(output_cp, 0, buf, (int)n, w,
						 (int)n);
	pthread_mutex_unlock(&output_lock);
	w[nw] = 0;
	return write_wide(fd, w, n, written);
}

int rt_k32_console_write(int fd, const void *buf, DWORD n, DWORD *written,
			 BOOL *result)
{
	if (output_cp == 65001 || !isatty(fd))
		return 0;
	*result = write_cp(fd, buf, n, written);
	return 1;
}

/* Converted input waiting for the next read: the bytes of a character
 * that did not fit the caller's buffer (the trail byte of a two-byte
 * character, the second '?' of a surrogate pair). */
static char pending[8];
static size_t npending;

/* How many bytes the UTF-8 character cut at the end of s[0..n) lacks. */
static size_t utf8_missing(const unsigned char *s, size_t n)
{
	for (size_t back = 1; back <= 3 && back <= n; back++) {
		unsigned char c = s[n - back];
		size_t len = c >= 0xc2 && c <= 0xdf   ? 2
			     : c >= 0xe0 && c <= 0xef ? 3
			     : c >= 0xf0 && c <= 0xf4 ? 4
						      : 1;

		if ((c & 0xc0) != 0x80)
			return len > back ? len - back : 0;
	}
	return 0;
}

/* Reads from terminal fd (UTF-8) into buf in code page cp: the bytes
 * read, completed to a whole character, then converted; what does not
 * fit waits in pending.  No character takes more bytes in cp than in
 * UTF-8, so the conversion fits in as many bytes as were read.  -1 with
 * the last error. */
static ssize_t read_cp(int fd, UINT cp, char *buf, DWORD n)
{
	unsigned char *raw = malloc((size_t)n + 4);
	WCHAR *w = 0;
	char *out = 0;
	ssize_t r, k = -1;
	size_t got;
	int nw, nb;

	if (!raw)
		goto nomem;
	do
		r = read(fd, raw, n);
	while (r < 0 && errno == EINTR);
	if (r <= 0) {
		if (r < 0)
			rt_set_last_error(rt_win32_error(errno));
		free(raw);
		return r;
	}
	/* A character the read cut: the terminal has the rest. */
	got = (size_t)r;
	for (size_t m = utf8_missing(raw, got); m && read(fd, raw + got, 1) == 1;
	     m--)
		got++;
	w = malloc(got * sizeof(WCHAR));
	out = malloc(got);
	if (!w || !out)
		goto nomem;
	nw = w32_MultiByteToWideChar(65001, 0, (char *)raw, (int)got, w,
				     (int)got);
	nb = w32_WideCharToMultiByte(cp, 0, w, nw, out, (int)got, 0, 0);
	k = nb < (int)n ? nb : (int)n;
	memcpy(buf, out, (size_t)k);
	npending = (size_t)(nb - k);
	memcpy(pending, out + k, npending);
	goto done;
nomem:
	rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
done:
	free(raw);
	free(w);
	free(out);
	return k;
}

int rt_k32_console_read(int fd, void *buf, DWORD n, DWORD *got, BOOL *result)
{
	UINT cp = input_cp;
	ssize_t r;

	if (n && rt_k32_input_read(fd, buf, n, got, result))
		return 1;
	if (cp == 65001 || n == 0 || !isatty(fd))
		return 0;
	pthread_mutex_lock(&input_lock);
	if (npending) {
		r = (ssize_t)(npending < n ? npending : n);
		memcpy(buf, pending, (size_t)r);
		memmove(pending, pending + r, npending - (size_t)r);
		npending -= (size_t)r;
	} else {
		r = read_cp(fd, cp, buf, n);
	}
	pthread_mutex_unlock(&input_lock);
	*result = r >= 0;
	if (r >= 0 && got)
		*got = (DWORD)r;
	return 1;
}

int rt_k32_conout_fd(void)
{
	int fd = rt_handle_fd(rt_std_handle(0));

	if (fd < 0 || !isatty(fd))
		return -1;
	if ((fcntl(fd, F_GETFL) & O_ACCMODE) != O_RDONLY)
		return fd;
	for (int i = 1; i <= 2; i++) {
		fd = rt_handle_fd(rt_std_handle(i));
		if (fd >= 0 && isatty(fd))
			return fd;
	}
	return -1;
}

void rt_k32_conout_bytes(const char *s, size_t n)
{
	int fd = rt_k32_conout_fd();

	if (fd >= 0)
		write_all(fd, s, n);
}

BOOL rt_k32_conout(const void *buf, DWORD n, int wide)
{
	int fd = rt_k32_conout_fd();
	WCHAR *w;

	if (fd < 0) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return FALSE;
	}
	if (!wide)
		return write_cp(fd, buf, n, 0);
	w = malloc(((size_t)n + 1) * sizeof(WCHAR));
	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	memcpy(w, buf, n * sizeof(WCHAR));
	w[n] = 0;
	return write_wide(fd, w, n, 0);
}

/* WriteConsole works on consoles only: on a pipe or file Windows (and
 * Wine) fail with ERROR_INVALID_HANDLE.  The bytes are in the console's
 * output code page.  reserved must be NULL and is unused, as on Windows. */
BOOL WINAPI w32_WriteConsoleA(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			      void *reserved)
{
	int fd = rt_console_fd(h);

	(void)reserved;
	if (fd < 0)
		return FALSE;
	return write_cp(fd, buf, n, written);
}

BOOL WINAPI w32_WriteConsoleW(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			      void *reserved)
{
	WCHAR *w;
	int fd = rt_console_fd(h);

	(void)reserved;
	/* Not a console: refused before copying n characters. */
	if (fd < 0)
		return FALSE;
	/* In size_t: n + 1 in a DWORD wraps to 0 for n = 0xffffffff. */
	w = malloc(((size_t)n + 1) * sizeof(WCHAR));
	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	memcpy(w, buf, n * sizeof(WCHAR));
	w[n] = 0;
	return write_wide(fd, w, n, written);
}

/* Console modes.  An input handle's mode is console_input.c's.  Output
 * modes are kept: a terminal already does what they ask (escape
 * sequences, wrapping at the end of a line).  Bits Windows does not
 * define fail with ERROR_INVALID_PARAMETER. */
#define OUTPUT_MODES 0x1f

static DWORD output_mode = 0x3;

BOOL WINAPI w32_GetConsoleMode(HANDLE h, DWORD *mode)
{
	int fd = rt_console_fd(h);

	if (fd < 0)
		return FALSE;
	*mode = rt_k32_is_input(fd) ? rt_k32_input_mode(fd) : output_mode;
	return TRUE;
}

BOOL WINAPI w32_SetConsoleMode(HANDLE h, DWORD mode)
{
	int fd = rt_console_fd(h);

	if (fd < 0)
		return FALSE;
	if (rt_k32_is_input(fd))
		return rt_k32_set_input_mode(fd, mode);
	if (mode & ~(DWORD)OUTPUT_MODES) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
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

/* Any code page the runtime converts (IsValidCodePage); another fails
 * as Windows fails a page it lacks. */
static BOOL set_cp(UINT *which, UINT cp, const char *fn)
{
	if (!w32_IsValidCodePage(cp))
		return rt_refuse(ERROR_INVALID_PARAMETER, fn, "code page %u",
				 cp);
	*which = cp;
	return TRUE;
}

BOOL WINAPI w32_SetConsoleOutputCP(UINT cp)
{
	BOOL ok;

	pthread_mutex_lock(&output_lock);
	ok = set_cp(&output_cp, cp, "SetConsoleOutputCP");
	out_lead = -1;
	pthread_mutex_unlock(&output_lock);
	return ok;
}

BOOL WINAPI w32_SetConsoleCP(UINT cp)
{
	BOOL ok;

	/* Input in UTF-7 would not fit the buffers read_cp keeps. */
	if (cp == 65000)
		return rt_refuse(ERROR_INVALID_PARAMETER, "SetConsoleCP",
				 "code page %u", cp);
	pthread_mutex_lock(&input_lock);
	ok = set_cp(&input_cp, cp, "SetConsoleCP");
	npending = 0;
	pthread_mutex_unlock(&input_lock);
	return ok;
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

/* The handlers for one event, on a thread of its own as on Windows;
 * none taking it ends the process with exit code 0, as Wine 8 does. */
static DWORD WINAPI ctrl_routine(void *arg)
{
	DWORD ev = (DWORD)(uintptr_t)arg;
	ctrl_fn fns[MAX_HANDLERS];
	int n, handled = 0, ignore;

	pthread_mutex_lock(&lock);
	n = nhandlers;
	memcpy(fns, handlers, sizeof(fns));
	ignore = ignore_ctrl_c;
	pthread_mutex_unlock(&lock);
	if (ev == CTRL_C_EVENT && ignore)
		return 0;
	for (int i = n - 1; i >= 0 && !handled; i--)
		handled = fns[i](ev) != 0;
	if (!handled)
		w32_ExitProcess(0);
	return 0;
}

/* Waits for Ctrl-C events; its TEB is made at the first one, not at
 * start-up (msvcrt starts the watcher in every program). */
static void *watcher(void *arg)
{
	(void)arg;
	char ev;
	int ready = 0;

	while (read(wake_pipe[0], &ev, 1) == 1) {
		HANDLE th;

		if (!ready && rt_thread_init() < 0)
			w32_ExitProcess(0); /* the default action */
		ready = 1;
		th = w32_CreateThread(0, 0, ctrl_routine,
				      (void *)(uintptr_t)ev, 0, 0);

		if (th)
			w32_CloseHandle(th);
		else /* no thread for the handlers: the default action */
			w32_ExitProcess(0);
	}
	return 0;
}

/* Installs the SIGINT plumbing once; 0 or -1. */
static int start_watcher(void)
{
	struct sigaction sa;
	pthread_attr_t attr;
	pthread_t th;
	int rc;

	if (wake_pipe[0] >= 0)
		return 0;
	if (pipe2(wake_pipe, O_CLOEXEC) != 0)
		return -1;
	/* A small stack: glibc's default of 8 MiB is a mapping of its own,
	 * and the page the thread starts on a 2 MiB region of address
	 * space the process would not touch otherwise, which costs a start
	 * as much as several page faults on a virtual machine.  The watcher
	 * waits and starts threads; the handlers run on those. */
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	rc = pthread_create(&th, &attr, watcher, 0);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		close(wake_pipe[0]);
		close(wake_pipe[1]);
		wake_pipe[0] = wake_pipe[1] = -1;
		return -1;
	}
	pthread_detach(th);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	/* On the alternate signal stack: Ctrl-C can come while a thread
	 * runs on a Windows stack whose pages below are not committed yet
	 * (a guard page), where the kernel cannot put a signal frame. */
	sa.sa_flags = SA_RESTART | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, 0);
	return 0;
}

void rt_k32_ctrl_start(void)
{
	pthread_mutex_lock(&lock);
	start_watcher();
	pthread_mutex_unlock(&lock);
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
