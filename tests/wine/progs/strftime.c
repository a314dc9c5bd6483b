/* strftime.c — strftime and wcsftime in LC_TIME's locale: every
 * conversion msvcrt knows, with and without '#', in "C" and in each
 * locale of dllshare's table (names, %c %x %X from the locale's date and
 * time pictures); the conversions msvcrt does not know, fields out of
 * range and buffers too small (errno, what is left in the buffer);
 * _Strftime with _Gettnames' data, _Getdays and _Getmonths; and
 * _wcsftime_l, which Wine 8's msvcrt lacks (it is checked there against
 * wcsftime after setlocale, the same answer by definition).
 * %Z and %z are left out: their zone names are kernel32's (Windows has
 * long names, dllshare the zone's abbreviation). */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include <windows.h>

static const char *const locales[] = {
	"C",
	"English_United States.1252",
	"English_United Kingdom.1252",
	"German_Germany.1252",
	"French_France.1252",
	"Portuguese_Brazil.1252",
	"Portuguese_Portugal.1252",
	"Spanish_Spain.1252",
	"Italian_Italy.1252",
	"Dutch_Netherlands.1252",
};

static const char *const convs[] = {
	"%a", "%A", "%b", "%B", "%c", "%#c", "%d", "%#d", "%H", "%#H",
	"%I", "%#I", "%j", "%#j", "%m", "%#m", "%M", "%#M", "%p", "%S",
	"%#S", "%U", "%#U", "%w", "%W", "%x", "%#x", "%X", "%#X", "%y",
	"%#y", "%Y", "%#Y", "%%", "%#a", "%#p",
};

/* Bytes above 127 as \xNN, so that the output is plain text. */
static void show(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 32 || *p > 126)
			printf("\\x%02x", *p);
		else
			putchar(*p);
}

static void showw(const wchar_t *s)
{
	for (; *s; s++)
		if (*s < 32 || *s > 126)
			printf("\\u%04x", *s);
		else
			putchar(*s);
}

static struct tm at(int y, int mon, int d, int h, int mi, int s, int wday,
		    int yday)
{
	struct tm t = {0};

	t.tm_year = y - 1900;
	t.tm_mon = mon;
	t.tm_mday = d;
	t.tm_hour = h;
	t.tm_min = mi;
	t.tm_sec = s;
	t.tm_wday = wday;
	t.tm_yday = yday;
	return t;
}

static void one(const char *fmt, const struct tm *t)
{
	char buf[256];
	size_t n;

	errno = 0;
	memset(buf, 'Z', sizeof(buf));
	n = strftime(buf, sizeof(buf), fmt, t);
	printf("  %-6s %2d [", fmt, (int)n);
	show(buf);
	printf("] errno %d\n", errno);
}

static void wide(const wchar_t *fmt, const struct tm *t)
{
	wchar_t buf[128];
	size_t n;

	errno = 0;
	n = wcsftime(buf, 128, fmt, t);
	printf("  wcsftime %d [", (int)n);
	showw(buf);
	printf("] errno %d\n", errno);
}

/* The same through _wcsftime_l, when msvcrt has it; else (Wine 8)
 * through wcsftime in that locale. */
static void wide_l(const char *name, const struct tm *t)
{
	typedef size_t(__cdecl * fn_t)(wchar_t *, size_t, const wchar_t *,
				       const struct tm *, _locale_t);
	fn_t fn = (fn_t)(void *)GetProcAddress(GetModuleHandleA("msvcrt.dll"),
					       "_wcsftime_l");
	_locale_t l = _create_locale(LC_ALL, name);
	wchar_t buf[128];
	size_t n;

	if (fn) {
		n = fn(buf, 128, L"%#c|%B|%p", t, l);
	} else {
		char *old = strdup(setlocale(LC_ALL, NULL));

		setlocale(LC_ALL, name);
		n = wcsftime(buf, 128, L"%#c|%B|%p", t);
		setlocale(LC_ALL, old);
		free(old);
	}
	printf("  _wcsftime_l %d [", (int)n);
	showw(buf);
	printf("]\n");
	_free_locale(l);
}

static void per_locale(const char *name)
{
	struct tm am = at(2024, 0, 2, 3, 4, 5, 2, 1);
	struct tm pm = at(1999, 11, 31, 23, 59, 59, 5, 364);
	struct tm noon = at(2005, 6, 14, 12, 0, 9, 4, 194);

	printf("%s: %s\n", name, setlocale(LC_TIME, name));
	for (size_t i = 0; i < sizeof(convs) / sizeof(convs[0]); i++)
		one(convs[i], &am);
	one("%c|%#c|%x|%#x|%X|%p", &pm);
	one("%c|%#c|%x|%#x|%X|%p|%I", &noon);
	one("%a %A %b %B", &noon);
	wide(L"%#c|%A|%B|%p", &pm);
	wide_l(name, &noon);
}

/* What msvcrt refuses or cannot fit. */
static void limits(void)
{
	struct tm t = at(2024, 0, 2, 3, 4, 5, 2, 1), bad;
	const char *unknown[] = {"%e", "%D", "%T", "%F", "%Q", "%E", "%n",
				 "%C", "%G", "%h", "%r", "%u", "%V", "%"};
	char small[8];
	size_t n;

	printf("limits:\n");
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		one(unknown[i], &t);
	one("abc%", &t);
	one("%#", &t);
	one("%#%", &t);
	bad = t, bad.tm_mday = 0, one("%d", &bad), one("%#x", &bad);
	bad = t, bad.tm_mday = 32, one("%d", &bad);
	bad = t, bad.tm_hour = 24, one("%H", &bad), one("%I", &bad),
	one("%p", &bad), one("%X", &bad);
	bad = t, bad.tm_min = 60, one("%M", &bad);
	bad = t, bad.tm_sec = 60, one("%S", &bad);
	bad = t, bad.tm_sec = 61, one("%S", &bad);
	bad = t, bad.tm_mon = 12, one("%b", &bad), one("%m", &bad),
	one("%x", &bad), one("%#x", &bad);
	bad = t, bad.tm_wday = 7, one("%a", &bad), one("%w", &bad),
	one("%#x", &bad), one("%U", &bad);
	bad = t, bad.tm_yday = 366, one("%j", &bad), one("%W", &bad);
	bad = t, bad.tm_year = -1, one("%y", &bad), one("%Y", &bad),
	one("%x", &bad), one("%c", &bad);
	bad = t, bad.tm_year = 8100, one("%Y", &bad), one("%y", &bad);
	bad = t, bad.tm_year = 1, one("%y", &bad), one("%x", &bad);
	one("plain text only", &t);
	one("", &t);
	errno = 0;
	memset(small, 'Z', sizeof(small));
	n = strftime(small, sizeof(small), "%Y-%m-%d", &t);
	printf("  small %d [%.8s] errno %d\n", (int)n, small, errno);
	errno = 0;
	memset(small, 'Z', sizeof(small));
	n = strftime(small, sizeof(small), "1234567", &t);
	printf("  fits %d [%s] errno %d\n", (int)n, small, errno);
	errno = 0;
	memset(small, 'Z', sizeof(small));
	n = strftime(small, sizeof(small), "12345678", &t);
	printf("  one over %d [%.8s] errno %d\n", (int)n, small, errno);
	errno = 0;
	memset(small, 'Z', sizeof(small));
	n = strftime(small, 0, "%Y", &t);
	printf("  max 0 %d [%.8s] errno %d\n", (int)n, small, errno);
	errno = 0;
	n = strftime(small, sizeof(small), NULL, &t);
	printf("  NULL format %d [%s] errno %d\n", (int)n, small, errno);
	errno = 0;
	n = strftime(small, sizeof(small), "%Y", NULL);
	printf("  NULL tm %d [%s] errno %d\n", (int)n, small, errno);
	errno = 0;
	n = strftime(small, sizeof(small), "abc", NULL);
	printf("  NULL tm, no conversion %d [%s] errno %d\n", (int)n, small,
	       errno);
	{
		wchar_t w[6];

		errno = 0;
		wmemset(w, L'Z', 6);
		n = wcsftime(w, 6, L"%Y-%m-%d", &t);
		printf("  wide small %d [%.6ls] errno %d\n", (int)n, w, errno);
		setlocale(LC_ALL, "German");
		errno = 0;
		n = wcsftime(w, 6, L"\x20ac%Y", &t);
		printf("  wide euro in German %d [", (int)n);
		showw(w);
		printf("] errno %d\n", errno);
		setlocale(LC_ALL, "C");
	}
}

/* _Gettnames, _Strftime with its data, _Getdays, _Getmonths. */
static void names(void)
{
	typedef size_t(__cdecl * strftime_fn)(char *, size_t, const char *,
					     const struct tm *, void *);
	HMODULE crt = GetModuleHandleA("msvcrt.dll");
	strftime_fn strf = (strftime_fn)(void *)GetProcAddress(crt,
							       "_Strftime");
	void *(__cdecl * gettnames)(void) =
		(void *(__cdecl *)(void))(void *)GetProcAddress(crt,
							       "_Gettnames");
	char *(__cdecl * getdays)(void) =
		(char *(__cdecl *)(void))(void *)GetProcAddress(crt,
							       "_Getdays");
	char *(__cdecl * getmonths)(void) =
		(char *(__cdecl *)(void))(void *)GetProcAddress(crt,
							       "_Getmonths");
	struct tm t = at(2024, 8, 9, 15, 4, 5, 1, 252);
	char buf[128], *s;
	void *td;

	setlocale(LC_ALL, "French_France.1252");
	td = gettnames();
	setlocale(LC_ALL, "C");
	printf("_Strftime with French data: %d [", (int)strf(buf, 128,
							      "%A %B %#x", &t,
							      td));
	show(buf);
	printf("]\n_Strftime, NULL data: %d [", (int)strf(buf, 128, "%A %x",
							   &t, NULL));
	show(buf);
	printf("]\n");
	free(td);
	setlocale(LC_TIME, "Italian");
	s = getdays();
	printf("_Getdays: ");
	show(s);
	free(s);
	s = getmonths();
	printf("\n_Getmonths: ");
	show(s);
	printf("\n");
	free(s);
	setlocale(LC_ALL, "C");
}

int main(void)
{
	for (size_t i = 0; i < sizeof(locales) / sizeof(locales[0]); i++)
		per_locale(locales[i]);
	setlocale(LC_ALL, "C");
	limits();
	names();
	/* LC_TIME alone changes strftime; LC_ALL=C after it restores. */
	setlocale(LC_TIME, "German");
	one("%A %#x", &(struct tm){0, 0, 0, 1, 4, 100, 6, 0, 0});
	setlocale(LC_ALL, "C");
	one("%A %#x", &(struct tm){0, 0, 0, 1, 4, 100, 6, 0, 0});
	return 0;
}
