/*
 * console_keys.c — kernel32: the bytes a terminal sends, as the key
 * records Windows' console gives (console_input.c's buffer).
 *
 * Keys are reported the way Wine's console reports a terminal's (measured
 * under tmux, tests/console/keys.py): a US keyboard's virtual-key and
 * scan codes, the modifiers a character needs pressed before it and
 * released after it (shift, alt, ctrl, in that order), a character
 * outside ASCII with no key, escape sequences of the cursor and function
 * keys (xterm's, with their modifier parameter) as their keys, an
 * unknown sequence as virtual key 0, ESC and a key as that key with Alt.
 * Two differences: a lone Esc gives its character 0x1b (Windows does;
 * Wine gives 0), and ESC [1~ / ESC [4~ (Home and End in tmux and the
 * Linux console) are Home and End (Wine leaves them unknown).
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/kernel32/console_int.h"

#define SHIFT_PRESSED	  0x10
#define LEFT_ALT_PRESSED  0x2
#define LEFT_CTRL_PRESSED 0x8

#define VK_BACK	  0x08
#define VK_TAB	  0x09
#define VK_RETURN 0x0d
#define VK_ESCAPE 0x1b
#define VK_END	  0x23
#define VK_HOME	  0x24
#define VK_DELETE 0x2e

/* Where the keys of the bytes being parsed go (the caller holds the
 * buffer's lock). */
static struct rt_con_keys *out;
/* The bytes were typed while the terminal turned Enter into LF. */
static int lf_is_enter;

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

/* Appends one record to out. */
static void push(BOOL down, WORD vk, WCHAR ch, DWORD state)
{
	INPUT_RECORD *r;

	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 64;
		INPUT_RECORD *q = realloc(out->rec, cap * sizeof(*q));

		if (!q)
			return; /* out of memory: the key is lost */
		out->rec = q;
		out->cap = cap;
	}
	r = &out->rec[out->n++];
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
	if (c == '\n' && lf_is_enter)
		c = '\r';
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
	static const BYTE vks[] = {0x26,   0x28, 0x27, 0x25, VK_HOME,
				   VK_END, 0x70, 0x71, 0x72, 0x73};
	const char *p = f ? strchr(letters, f) : 0;

	return p ? vks[p - letters] : 0;
}

/* The key of ESC [ n ~. */
static WORD tilde_vk(int n)
{
	static const BYTE vks[25] = {
		[1] = VK_HOME, [2] = 0x2d,  [3] = VK_DELETE, [4] = VK_END,
		[5] = 0x21,    [6] = 0x22,  [7] = VK_HOME,   [8] = VK_END,
		[11] = 0x70,   [12] = 0x71, [13] = 0x72,     [14] = 0x73,
		[15] = 0x74,   [17] = 0x75, [18] = 0x76,     [19] = 0x77,
		[20] = 0x78,   [21] = 0x79, [23] = 0x7a,     [24] = 0x7b,
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
	unsigned c = len == 2 ? s[0] & 0x1fu
		: len == 3    ? s[0] & 0xfu
			      : s[0] & 7u;

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
	return c >= 0xc2 && c <= 0xdf	 ? 2
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

void rt_con_parse(struct rt_con_keys *q, unsigned char *raw, size_t *n,
		  int final, int lf_enter)
{
	size_t i = 0, k;

	out = q;
	lf_is_enter = lf_enter;
	while (i < *n && (k = parse_one(raw + i, *n - i, final)))
		i += k;
	memmove(raw, raw + i, *n - i);
	*n -= i;
}
