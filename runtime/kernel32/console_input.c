/*
 * console_input.c — kernel32: the console's input buffer — the
 * terminal's keys as Windows' input records (ReadConsoleInput,
 * PeekConsoleInput, GetNumberOfConsoleInputEvents,
 * FlushConsoleInputBuffer) — and the input handle's mode.
 *
 * The input mode is the terminal's own (ECHO, ICANON, ISIG), and
 * ReadFile and msvcrt's _read read the terminal's lines, except while a
 * console input call runs: then the terminal is raw (ISIG kept for
 * ENABLE_PROCESSED_INPUT: Ctrl-C is the signal console.c's handlers
 * take), console_keys.c turns its bytes into key records, and
 * console_read.c edits and echoes lines from them for ReadConsole (and
 * for ReadFile while records wait), as Windows' console serves them all
 * from one buffer.  Keys typed while no call runs are the terminal's line
 * discipline's until the next call (echoed by it with ENABLE_ECHO_INPUT,
 * where Windows' console waits for a read to echo them); msvcrt's _read
 * does not see records already made here.  The terminal comes back as it was
 * when the process ends.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "runtime/kernel32/console_int.h"

/* How long a lone ESC (or an unfinished sequence) waits for the rest:
 * a terminal sends a key's sequence in one write. */
#define SEQ_WAIT_MS 30

struct rt_conin rt_conin = {.lock = PTHREAD_MUTEX_INITIALIZER, .fd = -1};

/* ---- the input mode ---------------------------------------------------- */

#define INPUT_MODES 0x3ff

static DWORD extra_input = 0x1f0; /* input bits termios does not hold */
static struct termios saved_tio;
static int saved_fd = -1;

int rt_k32_is_input(int fd)
{
	return fd == 0 || (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY;
}

static void restore_terminal(void)
{
	if (saved_fd >= 0)
		tcsetattr(saved_fd, TCSANOW, &saved_tio);
}

/* Keeps the terminal's settings for the process's end, once. */
static void save_terminal(int fd, const struct termios *t)
{
	if (saved_fd >= 0)
		return;
	saved_tio = *t;
	saved_fd = fd;
	rt_exit_hook_add(restore_terminal);
}

/* The mode the terminal's settings say: Windows' default (0x1f7) or what
 * SetConsoleMode set, less what the terminal has turned off. */
static DWORD tio_mode(const struct termios *t)
{
	DWORD m = (extra_input & ~(DWORD)0x7) | 0x7;

	if (!(t->c_lflag & ECHO))
		m &= ~(DWORD)ENABLE_ECHO_INPUT;
	if (!(t->c_lflag & ICANON))
		m &= ~(DWORD)ENABLE_LINE_INPUT;
	if (!(t->c_lflag & ISIG))
		m &= ~(DWORD)ENABLE_PROCESSED_INPUT;
	return m;
}

/* The terminal's settings for mode between calls, from the user's own
 * (from): echo, line editing and Ctrl-C as the mode says; Enter as CR
 * without line input (Windows' raw reads give CR), as the user had it
 * with (a line ends at LF). */
static void cooked(const struct termios *from, DWORD mode, struct termios *t)
{
	const tcflag_t nl = ICRNL | INLCR | IGNCR;

	*t = *from;
	t->c_lflag &= ~(tcflag_t)(ECHO | ICANON | ISIG);
	t->c_lflag |= NOFLSH; /* Ctrl-C keeps what was typed, as Windows */
	if (mode & ENABLE_ECHO_INPUT)
		t->c_lflag |= ECHO;
	if (mode & ENABLE_LINE_INPUT)
		t->c_lflag |= ICANON;
	else
		t->c_iflag &= ~nl;
	if (mode & ENABLE_PROCESSED_INPUT)
		t->c_lflag |= ISIG;
}

/* The raw terminal: no line discipline, no echo, Enter as CR; Ctrl-C a
 * signal while input is processed.  rt_conin.lock held. */
static void apply_raw(void)
{
	struct termios t = rt_conin.base;

	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN | ISIG);
	t.c_lflag |= NOFLSH;
	if (rt_conin.mode & ENABLE_PROCESSED_INPUT)
		t.c_lflag |= ISIG;
	t.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | ISTRIP);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	tcsetattr(rt_conin.fd, TCSANOW, &t);
}

static int read_some(int ms);

int rt_con_engage(int fd)
{
	struct termios t;

	if (rt_conin.fd >= 0) {
		rt_conin.fd = fd; /* another descriptor of the terminal */
		return 0;
	}
	if (tcgetattr(fd, &t) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return -1;
	}
	save_terminal(fd, &t);
	if (!rt_conin.based) {
		rt_conin.base = t;
		rt_conin.based = 1;
	}
	/* Ctrl-C while the terminal is raw ends the process through
	 * ExitProcess (no handler: STATUS_CONTROL_C_EXIT, as on Windows),
	 * which gives the terminal back, not by the signal. */
	rt_k32_ctrl_start();
	rt_conin.mode = tio_mode(&t);
	rt_conin.fd = fd;
	apply_raw();
	/* Keys typed since the last call went through the terminal's
	 * settings then: Enter may be a LF. */
	while (read_some(0) > 0)
		rt_con_parse(&rt_conin.keys, rt_conin.raw, &rt_conin.nraw, 0,
			     (t.c_iflag & ICRNL) != 0);
	rt_con_parse(&rt_conin.keys, rt_conin.raw, &rt_conin.nraw, 1,
		     (t.c_iflag & ICRNL) != 0);
	return 0;
}

/* The terminal as the mode says (ECHO, ICANON, ISIG) between calls, for
 * msvcrt's _read, which reads it directly (records already made stay
 * here; ReadFile takes them first).  Not while an unfinished sequence
 * waits for its rest.  rt_conin.lock held. */
static void release(void)
{
	struct termios t;

	if (rt_conin.fd < 0 || rt_conin.nraw || rt_conin.waiting)
		return;
	cooked(&rt_conin.base, rt_conin.mode, &t);
	tcsetattr(rt_conin.fd, TCSANOW, &t);
	extra_input = rt_conin.mode;
	rt_conin.fd = -1;
}

void rt_con_unlock(void)
{
	release();
	pthread_mutex_unlock(&rt_conin.lock);
}

DWORD rt_k32_input_mode(int fd)
{
	struct termios t;
	DWORD m;

	pthread_mutex_lock(&rt_conin.lock);
	if (rt_conin.fd >= 0)
		m = rt_conin.mode;
	else if (tcgetattr(fd, &t) == 0)
		m = tio_mode(&t);
	else
		m = extra_input | 0x7;
	pthread_mutex_unlock(&rt_conin.lock);
	return m;
}

BOOL rt_k32_set_input_mode(int fd, DWORD mode)
{
	struct termios t;
	BOOL ok = TRUE;

	if (mode & ~(DWORD)INPUT_MODES) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	pthread_mutex_lock(&rt_conin.lock);
	if (rt_conin.fd >= 0) {
		rt_conin.mode = mode;
		apply_raw();
		goto done;
	}
	if (tcgetattr(fd, &t) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		ok = FALSE;
		goto done;
	}
	save_terminal(fd, &t);
	cooked(rt_conin.based ? &rt_conin.base : &saved_tio, mode, &t);
	if (tcsetattr(fd, TCSANOW, &t) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		ok = FALSE;
	}
done:
	if (ok)
		extra_input = mode;
	pthread_mutex_unlock(&rt_conin.lock);
	return ok;
}

static void parse(int final)
{
	rt_con_parse(&rt_conin.keys, rt_conin.raw, &rt_conin.nraw, final, 0);
}

/* Waits up to ms (-1: for ever) for bytes and reads them; 1 when some
 * came, 0 when none, -1 at the terminal's end or on an error. */
static int read_some(int ms)
{
	struct pollfd p = {rt_conin.fd, POLLIN, 0};
	ssize_t r;
	int k;

	if (rt_conin.nraw == sizeof(rt_conin.raw))
		return 0;
	do
		k = poll(&p, 1, ms);
	while (k < 0 && errno == EINTR);
	if (k <= 0)
		return k;
	do
		r = read(rt_conin.fd, rt_conin.raw + rt_conin.nraw,
			 sizeof(rt_conin.raw) - rt_conin.nraw);
	while (r < 0 && errno == EINTR);
	if (r <= 0)
		return -1;
	rt_conin.nraw += (size_t)r;
	return 1;
}

/* Waits for the terminal to have bytes, rt_conin.lock given up meanwhile: a
 * thread waiting for a key does not hold up another's GetConsoleMode or
 * PeekConsoleInput (the terminal stays raw while one waits). */
static void wait_unlocked(void)
{
	struct pollfd p = {rt_conin.fd, POLLIN, 0};

	rt_conin.waiting++;
	pthread_mutex_unlock(&rt_conin.lock);
	while (poll(&p, 1, -1) < 0 && errno == EINTR)
		;
	pthread_mutex_lock(&rt_conin.lock);
	rt_conin.waiting--;
}

int rt_con_fill(int block)
{
	for (;;) {
		int k;

		if (block && !rt_conin.keys.n && !rt_conin.nraw)
			wait_unlocked();
		k = read_some(0);

		if (k < 0)
			return rt_conin.keys.n ? 0 : -1;
		parse(0);
		/* An unfinished sequence: its rest is on its way, or it was
		 * a key of its own (a lone Esc). */
		while (rt_conin.nraw) {
			if (rt_conin.nraw == sizeof(rt_conin.raw) ||
			    read_some(SEQ_WAIT_MS) <= 0) {
				parse(1);
				break;
			}
			parse(0);
		}
		if (rt_conin.keys.n || !block)
			return 0;
	}
}

/* The first record, taken from the buffer (waiting for one); 0, or -1 at
 * the terminal's end.  rt_conin.lock held. */
int rt_con_take(INPUT_RECORD *r)
{
	if (!rt_conin.keys.n && rt_con_fill(1) < 0)
		return -1;
	*r = rt_conin.keys.rec[0];
	memmove(rt_conin.keys.rec, rt_conin.keys.rec + 1,
		--rt_conin.keys.n * sizeof(*rt_conin.keys.rec));
	return 0;
}

/* The console input terminal behind h, made raw: its fd, or -1 with
 * ERROR_INVALID_HANDLE for anything else.  Takes rt_conin.lock on success. */
int rt_con_lock(HANDLE h)
{
	int fd = rt_console_fd(h);

	if (fd < 0)
		return -1;
	if (!rt_k32_is_input(fd)) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return -1;
	}
	pthread_mutex_lock(&rt_conin.lock);
	if (rt_con_engage(fd) < 0) {
		pthread_mutex_unlock(&rt_conin.lock);
		return -1;
	}
	return fd;
}

/* ---- input records ------------------------------------------------------ */

/* A record's character in the console's input code page: one byte, or
 * '?' for a character that takes more (a Windows A record holds one). */
static void to_ansi(INPUT_RECORD *r)
{
	WCHAR wc = r->Event.KeyEvent.uChar.UnicodeChar;
	char b[8];
	int n;

	if (r->EventType != KEY_EVENT || wc < 0x80)
		return;
	n = w32_WideCharToMultiByte(w32_GetConsoleCP(), 0, &wc, 1, b, sizeof(b),
				    0, 0);
	r->Event.KeyEvent.uChar.UnicodeChar = 0;
	r->Event.KeyEvent.uChar.AsciiChar = n == 1 ? b[0] : '?';
}

/* Read (take: remove what was copied) or peek up to n records. */
static BOOL get_records(HANDLE h, INPUT_RECORD *buf, DWORD n, DWORD *got,
			int take_them, int ansi)
{
	size_t k;

	if (take_them && !ansi && got)
		*got = 0; /* Wine clears it on failure too (not the A form's) */
	if (rt_con_lock(h) < 0)
		return FALSE;
	if (take_them && n)
		rt_con_fill(1);
	else
		rt_con_fill(0);
	k = rt_conin.keys.n < n ? rt_conin.keys.n : n;
	memcpy(buf, rt_conin.keys.rec, k * sizeof(*buf));
	if (take_them) {
		memmove(rt_conin.keys.rec, rt_conin.keys.rec + k,
			(rt_conin.keys.n - k) * sizeof(*rt_conin.keys.rec));
		rt_conin.keys.n -= k;
	}
	rt_con_unlock();
	for (size_t i = 0; ansi && i < k; i++)
		to_ansi(&buf[i]);
	if (got)
		*got = (DWORD)k;
	return TRUE;
}

/* ReadConsoleInput waits for at least one record (none only when the
 * terminal has gone); PeekConsoleInput never waits and leaves them.  The
 * A forms give each character in the console's input code page. */
BOOL WINAPI w32_ReadConsoleInputA(HANDLE h, INPUT_RECORD *buf, DWORD n,
				  DWORD *got)
{
	return get_records(h, buf, n, got, 1, 1);
}

BOOL WINAPI w32_ReadConsoleInputW(HANDLE h, INPUT_RECORD *buf, DWORD n,
				  DWORD *got)
{
	return get_records(h, buf, n, got, 1, 0);
}

BOOL WINAPI w32_PeekConsoleInputA(HANDLE h, INPUT_RECORD *buf, DWORD n,
				  DWORD *got)
{
	return get_records(h, buf, n, got, 0, 1);
}

BOOL WINAPI w32_PeekConsoleInputW(HANDLE h, INPUT_RECORD *buf, DWORD n,
				  DWORD *got)
{
	return get_records(h, buf, n, got, 0, 0);
}

/* The records waiting, with what the terminal has sent meanwhile. */
BOOL WINAPI w32_GetNumberOfConsoleInputEvents(HANDLE h, DWORD *n)
{
	if (rt_con_lock(h) < 0)
		return FALSE;
	rt_con_fill(0);
	*n = (DWORD)rt_conin.keys.n;
	rt_con_unlock();
	return TRUE;
}

/* Drops every record, what the terminal holds unread and the rest of a
 * line ReadConsole has not given yet. */
BOOL WINAPI w32_FlushConsoleInputBuffer(HANDLE h)
{
	int fd = rt_con_lock(h);

	if (fd < 0)
		return FALSE;
	tcflush(fd, TCIFLUSH);
	rt_conin.keys.n = rt_conin.nraw = rt_conin.nwrest = rt_conin.narest = 0;
	rt_con_unlock();
	return TRUE;
}
