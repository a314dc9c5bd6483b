/* wcrt_proc.c — msvcrt's wide process functions in a Unicode program:
 * _wspawnv, _wspawnl, _wspawnle, _wspawnvp (through PATH), _wspawnlp
 * with _P_NOWAIT and _cwait, their failures (no such program, a bad
 * mode), _wsystem and _wpopen, and the _exec family's failures.  (A
 * successful _wexecv is left out: under Wine the program that called it
 * ends at once, and whether the new program's lines reach the pipe before
 * the harness stops reading is a race, so Wine's answer varies.)
 * wine-test: unicode */
#define __USE_MINGW_ANSI_STDIO 0
#include <errno.h>
#include <process.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

static wchar_t dir[MAX_PATH], child[MAX_PATH];

int wmain(void)
{
	const wchar_t *args[] = {L"child", L"one", L"two words", NULL};
	const wchar_t *envv[] = {L"WCRT_CHILD=1", NULL};
	wchar_t path[4096], *slash;
	intptr_t r;
	int status = -1;
	FILE *f;
	char line[128];

	GetModuleFileNameW(NULL, dir, MAX_PATH);
	slash = wcsrchr(dir, L'\\');
	slash[1] = 0;
	swprintf(child, MAX_PATH, L"%lschild.exe", dir);

	fflush(stdout);
	r = _wspawnv(_P_WAIT, child, args);
	printf("wspawnv wait: %d\n", (int)r);
	fflush(stdout);
	r = _wspawnl(_P_WAIT, child, L"child", L"listed", L"\"quoted\"", NULL);
	printf("wspawnl wait: %d\n", (int)r);
	fflush(stdout);
	r = _wspawnle(_P_WAIT, child, L"child", L"with env", NULL, envv);
	printf("wspawnle wait: %d\n", (int)r);
	fflush(stdout);
	swprintf(path, 4096, L"PATH=%ls;%ls", dir, _wgetenv(L"PATH"));
	_wputenv(path);
	r = _wspawnvp(_P_WAIT, L"child", args);
	printf("wspawnvp through PATH: %d\n", (int)r);
	fflush(stdout);
	r = _wspawnlp(_P_NOWAIT, L"child.exe", L"child", L"nowait", NULL);
	printf("wspawnlp nowait: %s\n", r > 0 ? "handle" : "fail");
	r = _cwait(&status, r, _WAIT_CHILD);
	printf("cwait: %s status %d\n", r > 0 ? "handle" : "fail", status);
	errno = 0;
	r = _wspawnv(_P_WAIT, L"no_such_program", args);
	printf("wspawnv missing: %d errno %d\n", (int)r, errno);
	errno = 0;
	r = _wspawnv(9, child, args);
	printf("wspawnv bad mode: %d errno %d\n", (int)r, errno);
	errno = 0;
	r = _wspawnvpe(_P_WAIT, L"no_such_program", args, envv);
	printf("wspawnvpe missing: %d errno %d\n", (int)r, errno);

	fflush(stdout);
	r = _wsystem(L"echo from wsystem");
	printf("wsystem echo: %d\n", (int)r);
	r = _wsystem(L"exit 5");
	printf("wsystem exit 5: %d\n", (int)r);
	printf("wsystem NULL: %d\n", _wsystem(NULL));
	f = _wpopen(L"echo from wpopen", L"rt");
	while (f && fgets(line, sizeof line, f))
		printf("wpopen read <%.*s>\n", (int)strcspn(line, "\r\n"), line);
	printf("wpclose: %d\n", f ? _pclose(f) : -99);
	errno = 0;
	f = _wpopen(L"echo x", L"q");
	printf("wpopen bad mode: %s errno %d\n", f ? "stream" : "NULL", errno);

	errno = 0;
	r = _wexecl(L"no_such_program", L"x", NULL);
	printf("wexecl missing: %d errno %d\n", (int)r, errno);
	errno = 0;
	r = _execvp("no_such_program", (const char *const[]){"x", NULL});
	printf("execvp missing: %d errno %d\n", (int)r, errno);
	errno = 0;
	r = _wexecve(L"no_such_program", args, envv);
	printf("wexecve missing: %d errno %d\n", (int)r, errno);
	return 0;
}
