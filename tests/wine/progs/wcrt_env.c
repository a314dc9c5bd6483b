/* wcrt_env.c — msvcrt's environment and error messages in a Unicode
 * program (wmain, whose envp is _wenviron): _wgetenv, _wputenv and
 * _putenv (set, replace, remove, bad strings), _wenviron and _environ
 * following every change, _searchenv and _wsearchenv (the current
 * directory, a variable's directories, nothing found); _wcserror,
 * _strerror, __wcserror, and _wperror/perror (stderr sent to stdout).
 * wine-test: unicode */
#define __USE_MINGW_ANSI_STDIO 0
#include <direct.h>
#include <errno.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static const char *a(const wchar_t *w)
{
	static char buf[4][300];
	static int k;
	char *o = buf[k++ & 3], *p = o;

	if (!w)
		return "(null)";
	for (; *w && p < o + 290; w++)
		p += *w >= 32 && *w < 127 ? sprintf(p, "%c", (char)*w)
					  : sprintf(p, "\\x%x", *w);
	*p = 0;
	return o;
}

static const wchar_t *tail(const wchar_t *w)
{
	const wchar_t *t = w;

	for (; *w; w++)
		if (*w == '\\' || *w == '/')
			t = w + 1;
	return t;
}

/* Whether table has NAME=value (any case for the name), as its text. */
static const char *in_wtable(wchar_t **t, const wchar_t *name)
{
	size_t n = wcslen(name);

	for (; t && *t; t++)
		if (!_wcsnicmp(*t, name, n) && (*t)[n] == '=')
			return a(*t + n + 1);
	return "-";
}

static const char *in_table(char **t, const char *name)
{
	size_t n = strlen(name);

	for (; t && *t; t++)
		if (!_strnicmp(*t, name, n) && (*t)[n] == '=')
			return *t + n + 1;
	return "-";
}

static void env(void)
{
	int r;

	printf("wgetenv test var <%s>\n", a(_wgetenv(L"DLLSHARE_TEST_VAR")));
	printf("wgetenv any case <%s>\n", a(_wgetenv(L"dllshare_test_var")));
	printf("wgetenv missing %s\n", a(_wgetenv(L"WCRT_NOPE")));
	printf("in _wenviron <%s>\n", in_wtable(_wenviron, L"DLLSHARE_TEST_VAR"));

	r = _wputenv(L"WCRT_A=one");
	printf("wputenv set %d: wgetenv <%s> getenv <%s>\n", r,
	       a(_wgetenv(L"WCRT_A")), getenv("WCRT_A"));
	printf(" _wenviron <%s> _environ <%s>\n", in_wtable(_wenviron, L"WCRT_A"),
	       in_table(_environ, "WCRT_A"));
	r = _putenv("wcrt_a=two=2");
	printf("putenv replace %d: wgetenv <%s> getenv <%s>\n", r,
	       a(_wgetenv(L"WCRT_A")), getenv("WCRT_A"));
	printf(" _wenviron <%s> _environ <%s>\n", in_wtable(_wenviron, L"WCRT_A"),
	       in_table(_environ, "WCRT_A"));
	r = _wputenv(L"WCRT_A=");
	printf("wputenv remove %d: wgetenv %s getenv %s\n", r,
	       a(_wgetenv(L"WCRT_A")), getenv("WCRT_A") ? "set" : "(null)");
	printf(" _wenviron <%s> _environ <%s>\n", in_wtable(_wenviron, L"WCRT_A"),
	       in_table(_environ, "WCRT_A"));
	errno = 0;
	r = _wputenv(L"WCRT_NEVER=");
	printf("wputenv remove missing %d errno %d\n", r, errno);
	errno = 0;
	r = _wputenv(L"NOEQUALS");
	printf("wputenv no = %d errno %d\n", r, errno);
	errno = 0;
	r = _wputenv(L"=x");
	printf("wputenv no name %d errno %d\n", r, errno);
	r = _wputenv(L"WCRT_W=caf\xe9");
	printf("wputenv e-acute %d: units <%s>\n", r, a(_wgetenv(L"WCRT_W")));
}

static void search(void)
{
	char buf[300];
	wchar_t w[300];

	_mkdir("sub1");
	_mkdir("sub2");
	fclose(fopen("sub2\\found.txt", "w"));
	fclose(fopen("here.txt", "w"));
	_putenv("WCRT_PATH=nodir;sub1;;sub2\\;sub1");
	_searchenv("found.txt", "WCRT_PATH", buf);
	printf("searchenv in var <%s>\n", buf);
	_wsearchenv(L"found.txt", L"WCRT_PATH", w);
	printf("wsearchenv in var <%s>\n", a(w));
	_wsearchenv(L"here.txt", L"WCRT_PATH", w);
	printf("wsearchenv here: full %d tail <%s>\n", w[1] == ':',
	       a(tail(w)));
	errno = 0;
	strcpy(buf, "junk");
	_searchenv("absent.txt", "WCRT_PATH", buf);
	printf("searchenv absent <%s> errno %d\n", buf, errno);
	errno = 0;
	_wsearchenv(L"absent.txt", L"WCRT_NO_VAR", w);
	printf("wsearchenv no var <%s> errno %d\n", a(w), errno);
}

static void errors(void)
{
	printf("wcserror 2 <%s>\n", a(_wcserror(2)));
	printf("wcserror 0 <%s>\n", a(_wcserror(0)));
	printf("wcserror 42 <%s>\n", a(_wcserror(42)));
	printf("wcserror 99 <%s>\n", a(_wcserror(99)));
	errno = 13;
	printf("strerror(s) <%s>", _strerror("pfx"));
	errno = 2;
	printf("strerror(NULL) <%s>", _strerror(NULL));
	errno = 17;
	printf("__wcserror <%s>\n", a(__wcserror(L"wide")));
	errno = 22;
	printf("__wcserror empty <%s>\n", a(__wcserror(L"")));
	fflush(stdout);
	_dup2(1, 2);
	errno = 2;
	_wperror(L"wperror");
	errno = 9;
	_wperror(NULL);
	errno = 12;
	_wperror(L"");
	errno = 13;
	perror("perror");
	fflush(stderr);
}

int wmain(int argc, wchar_t **argv, wchar_t **envp)
{
	env();
	search();
	errors();
	return 0;
}
