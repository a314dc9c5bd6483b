/* wmain.c — a Unicode program (-municode): wmain gets UTF-16 arguments
 * from __wgetmainargs; wprintf's %s is wide and %S narrow.
 * wine-test: unicode */
#define __USE_MINGW_ANSI_STDIO 0
#include <stdio.h>
#include <wchar.h>
#include <windows.h>
int wmain(int argc, wchar_t **argv)
{
	wprintf(L"argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		wprintf(L"arg %d <%ls> %d\n", i, argv[i], (int)wcslen(argv[i]));
	wprintf(L"%s|%S|%5.2f|%c\n", L"wide", "narrow", 3.14159, L'x');
	printf("narrow after wide\n");
	return 0;
}
