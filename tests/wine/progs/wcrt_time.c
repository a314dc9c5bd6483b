/* wcrt_time.c — msvcrt's dates as text in both widths: asctime and
 * _wasctime of broken-down times (good and out of range), ctime,
 * _ctime32, _ctime64, _wctime, _wctime32, _wctime64 of fixed times (in
 * the host's zone, which Wine and dllshare both take), and
 * _strdate, _wstrdate, _strtime, _wstrtime, whose text depends on the
 * clock: only their shape is printed. */
#define __USE_MINGW_ANSI_STDIO 0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include <windows.h>

/* mingw-w64 does not declare these; msvcrt.dll exports them. */
static char *(__cdecl *ctime32)(const __time32_t *);
static wchar_t *(__cdecl *wctime32)(const __time32_t *);

static void pw(const char *what, const wchar_t *w)
{
	printf("%s ", what);
	if (!w) {
		printf("NULL errno %d\n", errno);
		return;
	}
	printf("<");
	for (; *w; w++)
		printf(*w >= 32 && *w < 127 ? "%c" : "\\x%02x", *w);
	printf(">\n");
}

static void pa(const char *what, const char *s)
{
	printf("%s ", what);
	if (!s) {
		printf("NULL errno %d\n", errno);
		return;
	}
	printf("<");
	for (; *s; s++)
		printf(*s >= 32 && *s < 127 ? "%c" : "\\x%02x", *s);
	printf(">\n");
}

/* Digits as '9': the shape of a clock's text. */
static const char *shape(const char *s)
{
	static char b[32];
	int i;

	for (i = 0; s[i] && i < 31; i++)
		b[i] = s[i] >= '0' && s[i] <= '9' ? '9' : s[i];
	b[i] = 0;
	return b;
}

int main(void)
{
	static const long long times[] = {0, 1, 86399, 951782400, 1234567890,
					  2147483647, 4102444800ll,
					  32535215999ll};
	struct tm tm;
	char buf[32], *r;
	wchar_t wbuf[32];

	HMODULE crt = GetModuleHandleA("msvcrt.dll");

	ctime32 = (void *)GetProcAddress(crt, "_ctime32");
	wctime32 = (void *)GetProcAddress(crt, "_wctime32");
	for (unsigned i = 0; i < sizeof times / sizeof *times; i++) {
		__time64_t t64 = times[i];
		__time32_t t32 = (__time32_t)times[i];

		printf("%lld\n", times[i]);
		errno = 0;
		pa(" ctime", ctime(&t64));
		errno = 0;
		pa(" _ctime64", _ctime64(&t64));
		errno = 0;
		pw(" _wctime", _wctime(&t64));
		errno = 0;
		pw(" _wctime64", _wctime64(&t64));
		if (times[i] <= 2147483647) {
			errno = 0;
			pa(" _ctime32", ctime32(&t32));
			errno = 0;
			pw(" _wctime32", wctime32(&t32));
		}
		pa(" asctime gmtime", asctime(_gmtime64(&t64)));
		pw(" _wasctime gmtime", _wasctime(_gmtime64(&t64)));
	}
	{
		__time64_t neg = -1, big = 32535216000ll;

		errno = 0;
		pa("ctime -1", _ctime64(&neg));
		errno = 0;
		pw("wctime -1", _wctime64(&neg));
		errno = 0;
		pa("ctime past 3000", _ctime64(&big));
		errno = 0;
		pa("ctime NULL", _ctime64(NULL));
	}
	memset(&tm, 0, sizeof tm);
	tm.tm_year = 124, tm.tm_mon = 1, tm.tm_mday = 29, tm.tm_wday = 4;
	tm.tm_hour = 23, tm.tm_min = 5, tm.tm_sec = 9;
	pa("asctime", asctime(&tm));
	pw("wasctime", _wasctime(&tm));
	tm.tm_year = 8099;
	pa("asctime year 9999", asctime(&tm));
	tm.tm_year = -1900;
	errno = 0;
	pa("asctime year 0", asctime(&tm));
	tm.tm_year = 124;
	tm.tm_mon = 12;
	errno = 0;
	pa("asctime month 12", asctime(&tm));
	tm.tm_mon = 1;
	tm.tm_wday = 7;
	errno = 0;
	pa("asctime wday 7", asctime(&tm));
	tm.tm_wday = 4;
	tm.tm_hour = 24;
	errno = 0;
	pw("wasctime hour 24", _wasctime(&tm));
	tm.tm_hour = 0;
	tm.tm_mday = 0;
	errno = 0;
	pa("asctime mday 0", asctime(&tm));
	errno = 0;
	pa("asctime NULL", asctime(NULL));
	errno = 0;
	pw("wasctime NULL", _wasctime(NULL));

	memset(buf, 'x', sizeof buf);
	r = _strdate(buf);
	printf("strdate %s %s len %d\n", r == buf ? "buf" : "?", shape(buf),
	       (int)strlen(buf));
	r = _strtime(buf);
	printf("strtime %s %s len %d\n", r == buf ? "buf" : "?", shape(buf),
	       (int)strlen(buf));
	{
		char n[32];

		wcstombs(n, _wstrdate(wbuf), sizeof n);
		printf("wstrdate %s len %d\n", shape(n), (int)wcslen(wbuf));
		wcstombs(n, _wstrtime(wbuf), sizeof n);
		printf("wstrtime %s len %d\n", shape(n), (int)wcslen(wbuf));
	}
	return 0;
}
