/*
 * test_runtime_conkeys.c — a terminal's bytes as console key records
 * (kernel32/console_keys.c): keys with their modifiers pressed around
 * them, cursor and function keys' sequences, an unfinished sequence kept
 * for its rest or taken as it is at the end, UTF-8 beyond the BMP as a
 * surrogate pair, LF as Enter when the terminal made Enter a LF, and
 * random bytes always taken whole at the end.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/kernel32/console_int.h"
#include "tests/unit/cu.h"

CU_SUITE(conkeys, 0, 0)

static struct rt_con_keys q;

/* Parses s (final or not, LF as Enter or not) into a fresh q; the bytes
 * left unparsed. */
static size_t parse(const char *s, int final, int lf_enter)
{
	unsigned char raw[64];
	size_t n = strlen(s);

	memcpy(raw, s, n);
	free(q.rec);
	memset(&q, 0, sizeof(q));
	rt_con_parse(&q, raw, &n, final, lf_enter);
	return n;
}

/* Record i is a key event: down, vk, scan, char, state. */
static void expect(size_t i, int down, int vk, int scan, int ch, int state)
{
	const KEY_EVENT_RECORD *k = &q.rec[i].Event.KeyEvent;

	CU_ASSERT_FATAL(i < q.n);
	CU_ASSERT_EQUAL(q.rec[i].EventType, KEY_EVENT);
	CU_ASSERT_EQUAL(k->bKeyDown, down);
	CU_ASSERT_EQUAL(k->wRepeatCount, 1);
	CU_ASSERT_EQUAL(k->wVirtualKeyCode, vk);
	CU_ASSERT_EQUAL(k->wVirtualScanCode, scan);
	CU_ASSERT_EQUAL(k->uChar.UnicodeChar, ch);
	CU_ASSERT_EQUAL(k->dwControlKeyState, (DWORD)state);
}

CU_TEST(conkeys, letters_and_shift)
{
	CU_ASSERT_EQUAL(parse("aA", 0, 0), 0);
	CU_ASSERT_EQUAL(q.n, 6);
	expect(0, 1, 0x41, 0x1e, 'a', 0);
	expect(1, 0, 0x41, 0x1e, 'a', 0);
	expect(2, 1, 0x10, 0x2a, 0, 0x10);
	expect(3, 1, 0x41, 0x1e, 'A', 0x10);
	expect(4, 0, 0x41, 0x1e, 'A', 0x10);
	expect(5, 0, 0x10, 0x2a, 0, 0);
}

CU_TEST(conkeys, ctrl_shift_up_in_order)
{
	CU_ASSERT_EQUAL(parse("\x1b[1;6A", 0, 0), 0);
	CU_ASSERT_EQUAL(q.n, 6);
	expect(0, 1, 0x10, 0x2a, 0, 0x10);
	expect(1, 1, 0x11, 0x1d, 0, 0x18);
	expect(2, 1, 0x26, 0x48, 0, 0x18);
	expect(3, 0, 0x26, 0x48, 0, 0x18);
	expect(4, 0, 0x11, 0x1d, 0, 0x10);
	expect(5, 0, 0x10, 0x2a, 0, 0);
}

CU_TEST(conkeys, cursor_and_function_keys)
{
	parse("\x1b[1~\x1b[4~\x1b[3~\x1bOP\x1b[24~\x1b[99~", 0, 0);
	CU_ASSERT_EQUAL(q.n, 12);
	expect(0, 1, 0x24, 0x47, 0, 0); /* Home */
	expect(2, 1, 0x23, 0x4f, 0, 0); /* End */
	expect(4, 1, 0x2e, 0x53, 0, 0); /* Delete */
	expect(6, 1, 0x70, 0x3b, 0, 0); /* F1 */
	expect(8, 1, 0x7b, 0x58, 0, 0); /* F12 */
	expect(10, 1, 0, 0, 0, 0);	/* no such key */
}

CU_TEST(conkeys, escape_waits_for_its_rest)
{
	CU_ASSERT_EQUAL(parse("\x1b", 0, 0), 1);
	CU_ASSERT_EQUAL(q.n, 0);
	CU_ASSERT_EQUAL(parse("\x1b[1;", 0, 0), 4);
	CU_ASSERT_EQUAL(parse("\x1b", 1, 0), 0);
	CU_ASSERT_EQUAL(q.n, 2);
	expect(0, 1, 0x1b, 0x01, 0x1b, 0);
	CU_ASSERT_EQUAL(parse("\x1b"
			      "a",
			      0, 0),
			0);
	CU_ASSERT_EQUAL(q.n, 4);
	expect(0, 1, 0x12, 0x38, 0, 0x2);
	expect(1, 1, 0x41, 0x1e, 'a', 0x2);
}

CU_TEST(conkeys, utf8_and_surrogates)
{
	CU_ASSERT_EQUAL(parse("\xc3", 0, 0), 1);
	CU_ASSERT_EQUAL(parse("\xc3\xa9\xf0\x9f\x98\x80", 0, 0), 0);
	CU_ASSERT_EQUAL(q.n, 6);
	expect(0, 1, 0, 0, 0xe9, 0);
	expect(2, 1, 0, 0, 0xd83d, 0);
	expect(4, 1, 0, 0, 0xde00, 0);
}

CU_TEST(conkeys, control_bytes)
{
	parse("\x7f\x03\n", 0, 0);
	CU_ASSERT_EQUAL(q.n, 10);
	expect(0, 1, 0x08, 0x0e, 0x08, 0);   /* Backspace */
	expect(3, 1, 0x43, 0x2e, 0x03, 0x8); /* Ctrl-C */
	expect(7, 1, 0x0d, 0x1c, 0x0a, 0x8); /* Ctrl-Enter */
	parse("\n", 0, 1);
	CU_ASSERT_EQUAL(q.n, 2);
	expect(0, 1, 0x0d, 0x1c, 0x0d, 0); /* Enter, made a LF */
}

CU_TEST(conkeys, random_bytes_taken_whole_at_the_end)
{
	srand(7);
	for (int round = 0; round < 2000; round++) {
		unsigned char raw[64];
		size_t n = (size_t)(rand() % 64);

		for (size_t i = 0; i < n; i++)
			raw[i] = (unsigned char)(rand() % 4
							 ? rand()
							 : "\x1b[O;~1"[rand() %
								       6]);
		free(q.rec);
		memset(&q, 0, sizeof(q));
		rt_con_parse(&q, raw, &n, 0, 0);
		CU_ASSERT(n < 64);
		rt_con_parse(&q, raw, &n, 1, 0);
		CU_ASSERT_EQUAL(n, 0);
		for (size_t i = 0; i < q.n; i++)
			CU_ASSERT_EQUAL(q.rec[i].EventType, KEY_EVENT);
	}
}
