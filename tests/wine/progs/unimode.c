/*
 * unimode.c — msvcrt's Unicode modes of a descriptor (_setmode): wide
 * output in UTF-16 (_O_U16TEXT, _O_WTEXT) or UTF-8 (_O_U8TEXT) with "\n"
 * as "\r\n", narrow output refused with EINVAL, _write taking UTF-16,
 * the mode _setmode reports, and the modes it does not know.
 */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <wchar.h>

int main(void)
{
	int old, e;

	old = _setmode(1, _O_U16TEXT);
	fwprintf(stdout, L"old %x h\u00e9\u20ac\U0001F600\n", old);
	fflush(stdout);
	errno = 0;
	fputs("narrow\n", stdout);
	fflush(stdout);
	e = errno;
	old = _setmode(1, _O_U8TEXT);
	fwprintf(stdout, L"narrow: errno %d; old %x h\u00e9\u20ac\U0001F600\n",
		 e, old);
	fflush(stdout);
	_write(1, L"w\n", 4);
	errno = 0;
	e = _write(1, "odd", 3);
	fwprintf(stdout, L"odd count: %d errno %d\n", e, errno);
	fflush(stdout);
	old = _setmode(1, _O_WTEXT);
	fwprintf(stdout, L"old %x h\u00e9\n", old);
	fflush(stdout);
	old = _setmode(1, _O_TEXT);
	errno = 0;
	e = _setmode(1, _O_TEXT | _O_BINARY);
	printf("old %x; text|binary: %d errno %d\n", old, e, errno);
	errno = 0;
	e = _setmode(1, 0);
	printf("0: %d errno %d\n", e, errno);
	return 0;
}
