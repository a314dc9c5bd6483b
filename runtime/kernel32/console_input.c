/*
 * console_input.c — kernel32: console input — the terminal's keys as
 * Windows' input records (ReadConsoleInput, PeekConsoleInput,
 * GetNumberOfConsoleInputEvents, FlushConsoleInputBuffer), ReadConsole
 * (a line edited here, or raw characters) and the input handle's mode.
 *
 * Until a program asks for input records or calls ReadConsole, the input
 * mode is the terminal's own (ECHO, ICANON, ISIG) and ReadFile reads the
 * terminal's lines.  From then on the terminal stays raw (ISIG kept for
 * ENABLE_PROCESSED_INPUT: Ctrl-C is the signal console.c's handlers take)
 * and this file is the console's input buffer: it turns bytes into key
 * records, edits lines, echoes them, and serves ReadFile too, as Windows'
 * console serves all three from one buffer.  The terminal comes back as
 * it was when the process ends.
 *
 * Keys are reported the way Wine's console reports a terminal's (measured
 * under tmux): a US keyboard's virtual-key and scan codes, the modifiers
 * a character needs pressed before it and released after it (shift,
 * alt, ctrl, in that order), a character outside ASCII with no key,
 * escape sequences of the cursor and function keys as their keys.  Two
 * differences: a lone Esc gives its character 0x1b (Windows does; Wine
 * gives 0), and ESC [1~ / ESC [4~ (Home and End in tmux and the Linux
 * console) are Home and End (Wine leaves them unknown, virtual key 0).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

#define ENABLE_PROCESSED_INPUT 0x1
#define ENABLE_LINE_INPUT      0x2
#define ENABLE_ECHO_INPUT      0x4
#define KEY_EVENT	       0x1

#define SHIFT_PRESSED	  0x10
#define LEFT_ALT_PRESSED  0x2
#define LEFT_CTRL_PRESSED 0x8

#define VK_BACK	  0x08
#define VK_TAB	  0x09
#define VK_RETURN 0x0d
#define VK_ESCAPE 0x1b
#define VK_END	  0x23
#define VK_HOME	  0x24
#define VK_LEFT	  0x25
#define VK_RIGHT  0x27
#define VK_DELETE 0x2e

/* The longest line ReadConsole edits: more keys are not taken. */
#define MAX_LINE 8192
/* How long a lone ESC (or an unfinished sequence) waits for the rest:
 * a terminal sends a key's sequence in one write. */
#define SEQ_WAIT_MS 30

static struct {
	pthread_mutex_t lock;
	int fd;		  /* the raw terminal, or -1 before first use */
	DWORD mode;	  /* the input mode once fd is raw */
	struct termios base; /* the terminal when it became raw */
	INPUT_RECORD *q;  /* records not yet read */
	size_t nq, cap;
	unsigned char raw[64]; /* bytes not yet a whole key */
	size_t nraw;
	WCHAR *wrest; /* what a ReadConsoleW buffer did not take */
	size_t nwrest;
	char *arest; /* what a ReadConsoleA or ReadFile buffer did not */
	size_t narest;
} in = {.lock = PTHREAD_MUTEX_INITIALIZER, .fd = -1};

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

/* The raw terminal: no line discipline, no echo, Enter as CR; Ctrl-C a
 * signal while input is processed.  in.lock held. */
static void apply_raw(void)
{
	struct termios t = in.base;

	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN | ISIG);
	if (in.mode & ENABLE_PROCESSED_INPUT)
		t.c_lflag |= ISIG;
	t.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | ISTRIP);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	tcsetattr(in.fd, TCSANOW, &t);
}

/* Makes terminal fd the console's input buffer (raw from now on); 0, or
 * -1 with the last error.  in.lock held. */
static int engage(int fd)
{
	struct termios t;

	if (in.fd >= 0) {
		in.fd = fd; /* another descriptor of the terminal */
		return 0;
	}
	if (tcgetattr(fd, &t) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		return -1;
	}
	save_terminal(fd, &t);
	in.mode = tio_mode(&t);
	in.base = t;
	in.fd = fd;
	apply_raw();
	return 0;
}

DWORD rt_k32_input_mode(int fd)
{
	struct termios t;
	DWORD m;

	pthread_mutex_lock(&in.lock);
	if (in.fd >= 0)
		m = in.mode;
	else if (tcgetattr(fd, &t) == 0)
		m = tio_mode(&t);
	else
		m = extra_input | 0x7;
	pthread_mutex_unlock(&in.lock);
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
	pthread_mutex_lock(&in.lock);
	if (in.fd >= 0) {
		in.mode = mode;
		apply_raw();
		goto done;
	}
	if (tcgetattr(fd, &t) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		ok = FALSE;
		goto done;
	}
	save_terminal(fd, &t);
	t.c_lflag &= ~(tcflag_t)(ECHO | ICANON | ISIG);
	if (mode & ENABLE_ECHO_INPUT)
		t.c_lflag |= ECHO;
	if (mode & ENABLE_LINE_INPUT)
		t.c_lflag |= ICANON;
	if (mode & ENABLE_PROCESSED_INPUT)
		t.c_lflag |= ISIG;
	if (tcsetattr(fd, TCSANOW, &t) != 0) {
		rt_set_last_error(rt_win32_error(errno));
		ok = FALSE;
	}
done:
	if (ok)
		extra_input = mode;
	pthread_mutex_unlock(&in.lock);
	return ok;
}

/* ---- keys -------------------------------------------------------------- */

/* The scan code of a virtual key on a US keyboard (MapVirtualKey). */
static WORD scan_of(WORD vk)
{
	static const char row1[] = "QWERTYUIOP", row2[] = "ASDFGHJKL",
			  row3[] = "ZXCVBNM";
	static const WORD other[][2] = {
		{0x08, 0x0e}, {0x09, 0x0f}, {0x0d, 0x1c}, {0x10, 0x2a},
		{0x11, 0x1d}, {0x12, 0x38}, {0x1b, 0x01}, {0x20, 0x39},
		{0x21, 0x49}, {0x22, 0x51}, {0x23, 0x4f}, {0x24, 0x47},
		{0x25, 0x4b}, {0x26, 0x48}, {0x27, 0x4d}, {0x28, 0x50},
		{0x2d, 0x52}, {0x2e, 0x53}, {0x7a, 0x57}, {0x7b, 0x58},
		{0xba, 0x27}, {0xbb, 0x0d}, {0xbc, 0x33}, {0xbd, 0x0c},
		{0xbe, 0x34}, {0xbf, 0x35}, {0xc0, 0x29}, {0xdb, 0x1a},
		{0xdc, 0x2b}, {0xdd, 0x1b}, {0xde, 0x28},
	};
	const char *p;

	if (vk >= '1' && vk <= '9')
		return (WORD)(vk - '1' + 2);
	if (vk == '0')
		return 0x0b;
	if (vk >= 'A' && vk <= 'Z') {
		if ((p = strchr(row1, vk)))
			return (WORD)(0x10 + (p - row1));
		if ((p = strchr(row2, vk)))
			return (WORD)(0x1e + (p - row2));
		p = strchr(row3, vk);
		return (WORD)(0x2c + (p - row3));
	}
	if (vk >= 0x70 && vk <= 0x79) /* F1-F10 */
		return (WORD)(vk - 0x70 + 0x3b);
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		if (other[i][0] == vk)
			return other[i][1];
	return 0;
}

/* Appends one record.  in.lock held. */
static void push(BOOL down, WORD vk, WCHAR ch, DWORD state)
{
	INPUT_RECORD *r;

	if (in.nq == in.cap) {
		size_t cap = in.cap ? in.cap * 2 : 64;
		INPUT_RECORD *q = realloc(in.q, cap * sizeof(*q));

		if (!q)
			return; /* out of memory: the key is lost */
		in.q = q;
		in.cap = cap;
	}
	r = &in.q[in.nq++];
	memset(r, 0, sizeof(*r));
	r->EventType = KEY_EVENT;
	r->Event.KeyEvent.bKeyDown = down;
	r->Event.KeyEvent.wRepeatCount = 1;
	r->Event.KeyEvent.wVirtualKeyCode = vk;
	r->Event.KeyEvent.wVirtualScanCode = vk ? scan_of(vk) : 0;
	r->Event.KeyEvent.uChar.UnicodeChar = ch;
	r->Event.KeyEvent.dwControlKeyState = state;
}

/* A key pressed and released with modifiers mods held around it. */
static void key(WORD vk, WCHAR ch, DWORD mods)
{
	static const struct {
		DWORD bit;
		WORD vk;
	} mod[3] = {{SHIFT_PRESSED, 0x10},
		    {LEFT_ALT_PRESSED, 0x12},
		    {LEFT_CTRL_PRESSED, 0x11}};
	DWORD st = 0;

	for (int i = 0; i < 3; i++)
		if (mods & mod[i].bit)
			push(TRUE, mod[i].vk, 0, st |= mod[i].bit);
	push(TRUE, vk, ch, st);
	push(FALSE, vk, ch, st);
	for (int i = 2; i >= 0; i--)
		if (mods & mod[i].bit)
			push(FALSE, mod[i].vk, 0, st &= ~mod[i].bit);
}

/* The key (and shift) that types printable ASCII c on a US keyboard. */
static WORD ascii_vk(unsigned char c, DWORD *mods)
{
	static const char shifted[] = ")!@#$%^&*(";
	static const char plain[] = ";=,-./`[\\]'", shift[] = ":+<_>?~{|}\"";
	static const BYTE oem[] = {0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
				   0xc0, 0xdb, 0xdc, 0xdd, 0xde};
	const char *p;

	if (c >= 'a' && c <= 'z')
		return (WORD)(c - 32);
	if (c >= 'A' && c <= 'Z') {
		*mods |= SHIFT_PRESSED;
		return c;
	}
	if ((c >= '0' && c <= '9') || c == ' ')
		return c;
	if ((p = strchr(shifted, c))) {
		*mods |= SHIFT_PRESSED;
		return (WORD)('0' + (p - shifted));
	}
	if ((p = strchr(plain, c)))
		return oem[p - plain];
	if ((p = strchr(shift, c))) {
		*mods |= SHIFT_PRESSED;
		return oem[p - shift];
	}
	return 0;
}

/* Byte c (below 0x80, not ESC) as its key, with mods held too. */
static void byte_key(unsigned char c, DWORD mods)
{
	static const struct {
		BYTE c, vk;
		DWORD mods;
	} ctl[] = {
		{0x00, '2', SHIFT_PRESSED | LEFT_CTRL_PRESSED},
		{0x08, 'H', LEFT_CTRL_PRESSED},
		{0x09, VK_TAB, 0},
		{0x0a, VK_RETURN, LEFT_CTRL_PRESSED},
		{0x0d, VK_RETURN, 0},
		{0x1c, 0xdc, LEFT_CTRL_PRESSED},
		{0x1d, 0xdd, LEFT_CTRL_PRESSED},
		{0x1e, '6', SHIFT_PRESSED | LEFT_CTRL_PRESSED},
		{0x1f, 0xbd, SHIFT_PRESSED | LEFT_CTRL_PRESSED},
	};

	if (c == 0x7f) {
		key(VK_BACK, 0x08, mods);
		return;
	}
	if (c >= 0x20) {
		WORD vk = ascii_vk(c, &mods);

		key(vk, c, mods);
		return;
	}
	for (size_t i = 0; i < sizeof(ctl) / sizeof(ctl[0]); i++) {
		if (ctl[i].c == c) {
			key(ctl[i].vk, c, mods | ctl[i].mods);
			return;
		}
	}
	key((WORD)('A' + c - 1), c, mods | LEFT_CTRL_PRESSED);
}

/* The modifiers of an xterm sequence's parameter m (1 + a bit mask). */
static DWORD seq_mods(int m)
{
	DWORD r = 0;

	if (m < 2)
		return 0;
	m--;
	if (m & 1)
		r |= SHIFT_PRESSED;
	if (m & 2)
		r |= LEFT_ALT_PRESSED;
	if (m & 4)
		r |= LEFT_CTRL_PRESSED;
	return r;
}

/* The key a sequence's final letter names (CSI or SS3): 0 if none. */
static WORD letter_vk(unsigned char f)
{
	static const char letters[] = "ABCDHFPQRS";
	static const BYTE vks[] = {0x26, 0x28, 0x27, 0x25, VK_HOME,
				   VK_END, 0x70, 0x71, 0x72, 0x73};
	const char *p = f ? strchr(letters, f) : 0;

	return p ? vks[p - letters] : 0;
}

/* The key of ESC [ n ~. */
static WORD tilde_vk(int n)
{
	static const BYTE vks[25] = {
		[1] = VK_HOME, [2] = 0x2d, [3] = VK_DELETE, [4] = VK_END,
		[5] = 0x21,    [6] = 0x22, [7] = VK_HOME,   [8] = VK_END,
		[11] = 0x70,   [12] = 0x71, [13] = 0x72,    [14] = 0x73,
		[15] = 0x74,   [17] = 0x75, [18] = 0x76,    [19] = 0x77,
		[20] = 0x78,   [21] = 0x79, [23] = 0x7a,    [24] = 0x7b,
	};

	return n >= 0 && n < 25 ? vks[n] : 0;
}

/* A CSI sequence's key: s[0..n) after ESC [, ending at its final byte. */
static void csi_key(const unsigned char *s, size_t n)
{
	int p[2] = {0, 0}, np = 0;
	unsigned char f = s[n - 1];
	WORD vk;

	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] == ';') {
			if (++np == 2)
				break;
		} else if (s[i] >= '0' && s[i] <= '9' && p[np] < 1000) {
			p[np] = p[np] * 10 + s[i] - '0';
		}
	}
	if (f == 'Z') {
		key(VK_TAB, '\t', SHIFT_PRESSED);
		return;
	}
	vk = f == '~' ? tilde_vk(p[0]) : letter_vk(f);
	if (!vk) {
		key(0, 0, 0); /* a sequence no key sends: Wine's vk 0 */
		return;
	}
	key(vk, 0, seq_mods(p[1]));
}

/* The UTF-16 of one UTF-8 character s[0..len) as keys with no key code
 * (Wine's and Windows' way for characters a US keyboard lacks). */
static void utf8_key(const unsigned char *s, size_t len)
{
	unsigned c = len == 2 ? s[0] & 0x1fu : len == 3 ? s[0] & 0xfu : s[0] & 7u;

	for (size_t i = 1; i < len; i++)
		c = c << 6 | (s[i] & 0x3fu);
	if (c >= 0x10000) {
		c -= 0x10000;
		key(0, (WCHAR)(0xd800 | c >> 10), 0);
		key(0, (WCHAR)(0xdc00 | (c & 0x3ff)), 0);
	} else {
		key(0, (WCHAR)c, 0);
	}
}

static size_t utf8_len(unsigned char c)
{
	return c >= 0xc2 && c <= 0xdf	? 2
	       : c >= 0xe0 && c <= 0xef ? 3
	       : c >= 0xf0 && c <= 0xf4 ? 4
					: 1;
}

/* One key from s[0..n): the bytes it took, or 0 when s is the start of a
 * sequence whose rest may come (never when final). */
static size_t parse_one(const unsigned char *s, size_t n, int final)
{
	size_t len, j;

	if (s[0] == 0x1b) {
		if (n == 1) {
			if (!final)
				return 0;
			key(VK_ESCAPE, 0x1b, 0);
			return 1;
		}
		if (s[1] == '[') {
			for (j = 2; j < n && s[j] >= 0x20 && s[j] < 0x40; j++)
				;
			if (j < n && s[j] >= 0x40 && s[j] <= 0x7e) {
				csi_key(s + 2, j - 1);
				return j + 1;
			}
			if (j < n || !final)
				return j < n ? j : 0; /* garbage: dropped */
		} else if (s[1] == 'O') {
			if (n > 2) {
				WORD vk = letter_vk(s[2]);

				key(vk, 0, 0);
				return 3;
			}
			if (!final)
				return 0;
		}
		/* ESC and a key: that key with Alt. */
		len = s[1] < 0x80 ? 1 : utf8_len(s[1]);
		if (len > n - 1 && !final)
			return 0;
		if (s[1] == 0x1b)
			key(VK_ESCAPE, 0x1b, LEFT_ALT_PRESSED);
		else if (s[1] < 0x80)
			byte_key(s[1], LEFT_ALT_PRESSED);
		else if (len <= n - 1)
			utf8_key(s + 1, len);
		return 1 + (len <= n - 1 ? len : n - 1);
	}
	if (s[0] < 0x80) {
		byte_key(s[0], 0);
		return 1;
	}
	len = utf8_len(s[0]);
	if (len == 1)
		return 1; /* not UTF-8: dropped */
	if (len > n)
		return final ? n : 0;
	utf8_key(s, len);
	return len;
}

/* The keys of the bytes in in.raw; an unfinished sequence stays unless
 * final.  in.lock held. */
static void parse(int final)
{
	size_t i = 0, k;

	while (i < in.nraw && (k = parse_one(in.raw + i, in.nraw - i, final)))
		i += k;
	memmove(in.raw, in.raw + i, in.nraw - i);
	in.nraw -= i;
}

/* Waits up to ms (-1: for ever) for bytes and reads them; 1 when some
 * came, 0 when none, -1 at the terminal's end or on an error. */
static int read_some(int ms)
{
	struct pollfd p = {in.fd, POLLIN, 0};
	ssize_t r;
	int k;

	if (in.nraw == sizeof(in.raw))
		return 0;
	do
		k = poll(&p, 1, ms);
	while (k < 0 && errno == EINTR);
	if (k <= 0)
		return k;
	do
		r = read(in.fd, in.raw + in.nraw, sizeof(in.raw) - in.nraw);
	while (r < 0 && errno == EINTR);
	if (r <= 0)
		return -1;
	in.nraw += (size_t)r;
	return 1;
}

/* Turns what the terminal has sent into records; block: until there is
 * at least one.  0, or -1 when the terminal is gone.  in.lock held. */
static int fill(int block)
{
	for (;;) {
		int k = read_some(block && !in.nq ? -1 : 0);

		if (k < 0)
			return in.nq ? 0 : -1;
		parse(0);
		/* An unfinished sequence: its rest is on its way, or it was
		 * a key of its own (a lone Esc). */
		while (in.nraw) {
			if (in.nraw == sizeof(in.raw) ||
			    read_some(SEQ_WAIT_MS) <= 0) {
				parse(1);
				break;
			}
			parse(0);
		}
		if (in.nq || !block)
			return 0;
	}
}

/* The first record, taken from the buffer (waiting for one); 0, or -1 at
 * the terminal's end.  in.lock held. */
static int take(INPUT_RECORD *r)
{
	if (!in.nq && fill(1) < 0)
		return -1;
	*r = in.q[0];
	memmove(in.q, in.q + 1, --in.nq * sizeof(*in.q));
	return 0;
}

/* The console input terminal behind h, made raw: its fd, or -1 with
 * ERROR_INVALID_HANDLE for anything else.  Takes in.lock on success. */
static int lock_input(HANDLE h)
{
	int fd = rt_console_fd(h);

	if (fd < 0)
		return -1;
	if (!rt_k32_is_input(fd)) {
		rt_set_last_error(ERROR_INVALID_HANDLE);
		return -1;
	}
	pthread_mutex_lock(&in.lock);
	if (engage(fd) < 0) {
		pthread_mutex_unlock(&in.lock);
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
	n = w32_WideCharToMultiByte(w32_GetConsoleCP(), 0, &wc, 1, b,
				    sizeof(b), 0, 0);
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
	if (lock_input(h) < 0)
		return FALSE;
	if (take_them && n)
		fill(1);
	else
		fill(0);
	k = in.nq < n ? in.nq : n;
	memcpy(buf, in.q, k * sizeof(*buf));
	if (take_them) {
		memmove(in.q, in.q + k, (in.nq - k) * sizeof(*in.q));
		in.nq -= k;
	}
	pthread_mutex_unlock(&in.lock);
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
	if (lock_input(h) < 0)
		return FALSE;
	fill(0);
	*n = (DWORD)in.nq;
	pthread_mutex_unlock(&in.lock);
	return TRUE;
}

/* Drops every record, what the terminal holds unread and the rest of a
 * line ReadConsole has not given yet. */
BOOL WINAPI w32_FlushConsoleInputBuffer(HANDLE h)
{
	int fd = lock_input(h);

	if (fd < 0)
		return FALSE;
	tcflush(fd, TCIFLUSH);
	in.nq = in.nraw = in.nwrest = in.narest = 0;
	pthread_mutex_unlock(&in.lock);
	return TRUE;
}

/* ---- ReadConsole ------------------------------------------------------- */

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

/* The line being edited: len units, the cursor at pos. */
struct line {
	WCHAR buf[MAX_LINE + 2];
	size_t len, pos;
	int show;
};

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

/* Applies one key to the line; 1 when Enter ended it. */
static int edit(struct line *l, const KEY_EVENT_RECORD *k)
{
	WCHAR c = k->uChar.UnicodeChar;
	size_t p = l->pos;

	if (c == '\r') {
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
		memmove(l->buf + p + 1, l->buf + p, (l->len - p) * sizeof(WCHAR));
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
	}
	return 0;
}

/* A line typed and edited (Enter ends it, kept as "\r\n"), malloc'd in
 * *out: its units, or -1 (ERROR_NOT_ENOUGH_MEMORY, or the terminal gone:
 * 0 units).  in.lock held. */
static ssize_t read_line(WCHAR **out)
{
	struct line *l = calloc(1, sizeof(*l));
	INPUT_RECORD r;
	ssize_t n;

	if (!l) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return -1;
	}
	l->show = (in.mode & ENABLE_ECHO_INPUT) != 0;
	for (;;) {
		if (take(&r) < 0)
			break;
		if (r.EventType == KEY_EVENT && r.Event.KeyEvent.bKeyDown &&
		    edit(l, &r.Event.KeyEvent))
			break;
	}
	n = (ssize_t)l->len;
	memmove(l, l->buf, l->len * sizeof(WCHAR));
	*out = (WCHAR *)l;
	return n;
}

/* Raw input: the characters of the keys pressed, up to n, waiting for
 * the first.  in.lock held. */
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
		if (k && !in.nq)
			fill(0);
		if ((k && !in.nq) || take(&r) < 0)
			break;
		if (r.EventType == KEY_EVENT && r.Event.KeyEvent.bKeyDown &&
		    r.Event.KeyEvent.uChar.UnicodeChar)
			w[k++] = r.Event.KeyEvent.uChar.UnicodeChar;
	}
	*out = w;
	return (ssize_t)k;
}

/* What the mode asks for: a line, or raw characters (at most n). */
static ssize_t read_input(WCHAR **out, size_t n)
{
	return in.mode & ENABLE_LINE_INPUT ? read_line(out) : read_raw(out, n);
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

/* ReadConsoleA's work, in.lock held: bytes in the input code page. */
static BOOL read_console_a(char *buf, DWORD n, DWORD *got)
{
	WCHAR *w;
	char *a;
	ssize_t k;
	int nb;

	if (in.narest) {
		*got = (DWORD)give(buf, n, in.arest, in.narest,
				   (void **)&in.arest, &in.narest, 1);
		return TRUE;
	}
	if ((k = read_input(&w, n)) < 0)
		return FALSE;
	nb = k ? w32_WideCharToMultiByte(w32_GetConsoleCP(), 0, w, (int)k, 0,
					 0, 0, 0)
	       : 0;
	a = malloc(nb ? (size_t)nb : 1);
	if (!a) {
		free(w);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return FALSE;
	}
	w32_WideCharToMultiByte(w32_GetConsoleCP(), 0, w, (int)k, a, nb, 0, 0);
	free(w);
	*got = (DWORD)give(buf, n, a, (size_t)nb, (void **)&in.arest,
			   &in.narest, 1);
	return TRUE;
}

/* ReadConsole reads the console's input the way its mode says: with
 * ENABLE_LINE_INPUT a line edited here (Backspace, Delete, Left, Right,
 * Home, End; Esc empties it; echoed with ENABLE_ECHO_INPUT) and ended by
 * Enter, given as "...\r\n", what the buffer cannot take kept for the
 * next read; without it the characters of the keys pressed, waiting for
 * the first.  Ctrl-C with ENABLE_PROCESSED_INPUT goes to the control
 * handlers, not into the line.  The A form gives bytes in the console's
 * input code page.  A CONSOLE_READCONSOLE_CONTROL (which Windows honours
 * in the W form only) is refused with ERROR_INVALID_PARAMETER; a pipe or
 * file fails with ERROR_INVALID_HANDLE, as on Windows. */
BOOL WINAPI w32_ReadConsoleA(HANDLE h, void *buf, DWORD n, DWORD *got,
			     CONSOLE_READCONSOLE_CONTROL *ctl)
{
	DWORD k = 0;
	BOOL ok;

	if (got)
		*got = 0;
	if (ctl)
		return rt_refuse(ERROR_INVALID_PARAMETER, "ReadConsoleA",
				 "a CONSOLE_READCONSOLE_CONTROL");
	if (lock_input(h) < 0)
		return FALSE;
	ok = read_console_a(buf, n, &k);
	pthread_mutex_unlock(&in.lock);
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
	if (ctl)
		return rt_refuse(ERROR_INVALID_PARAMETER, "ReadConsoleW",
				 "a CONSOLE_READCONSOLE_CONTROL");
	if (lock_input(h) < 0)
		return FALSE;
	if (in.nwrest) {
		g = give(buf, n, in.wrest, in.nwrest, (void **)&in.wrest,
			 &in.nwrest, 2);
	} else if ((k = read_input(&w, n)) >= 0) {
		g = give(buf, n, w, (size_t)k, (void **)&in.wrest, &in.nwrest,
			 2);
	} else {
		pthread_mutex_unlock(&in.lock);
		return FALSE;
	}
	pthread_mutex_unlock(&in.lock);
	if (got)
		*got = (DWORD)g;
	return TRUE;
}

int rt_k32_input_read(int fd, void *buf, DWORD n, DWORD *got, BOOL *result)
{
	DWORD k = 0;

	pthread_mutex_lock(&in.lock);
	if (in.fd < 0 || !isatty(fd) || !rt_k32_is_input(fd)) {
		pthread_mutex_unlock(&in.lock);
		return 0;
	}
	in.fd = fd;
	*result = read_console_a(buf, n, &k);
	pthread_mutex_unlock(&in.lock);
	if (*result && got)
		*got = k;
	return 1;
}
