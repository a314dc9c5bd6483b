/* ctrlc.c — Ctrl-C (SIGINT sent to the process) and the console control
 * handlers, run by tests/console/ctrlc.py under Wine and dllshare.
 *
 * "ctrlc MODE" sets the handlers, says "ready" and reads lines until EOF.
 * A handler the program registers (ctrl) keeps its thread's handle before
 * it prints, so that after the line the harness sends once it has seen
 * the handlers' output, the main thread can wait for the handler thread
 * to end: the rest of the chain has run without ending the process. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

static HANDLE ctrl_thread;
static BOOL take;

static void on_sigint(int sig)
{
	printf("handler got %d\n", sig);
}

static BOOL WINAPI ctrl(DWORD event)
{
	DuplicateHandle(GetCurrentProcess(), GetCurrentThread(),
			GetCurrentProcess(), &ctrl_thread, SYNCHRONIZE, FALSE,
			0);
	printf("ctrl %lu%s\n", event, take ? ", taken" : "");
	return take;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "none";
	char buf[64];
	void *old;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!strcmp(mode, "sig")) { /* ctrl first: msvcrt's handler is older */
		SetConsoleCtrlHandler(ctrl, TRUE);
		signal(SIGINT, on_sigint);
	} else if (!strcmp(mode, "take")) {
		take = TRUE;
		signal(SIGINT, on_sigint);
		SetConsoleCtrlHandler(ctrl, TRUE);
	} else if (!strcmp(mode, "ign")) {
		signal(SIGINT, SIG_IGN);
		SetConsoleCtrlHandler(ctrl, TRUE);
	} else if (!strcmp(mode, "null")) {
		SetConsoleCtrlHandler(NULL, TRUE);
	} else if (!strcmp(mode, "removed")) {
		signal(SIGINT, on_sigint);
		signal(SIGINT, SIG_DFL);
		SetConsoleCtrlHandler(ctrl, TRUE);
		SetConsoleCtrlHandler(ctrl, FALSE);
	} else if (!strcmp(mode, "break")) {
		signal(SIGBREAK, on_sigint); /* not Ctrl-C's */
	}
	printf("ready\n");
	while (fgets(buf, sizeof buf, stdin)) {
		printf("line %s", buf);
		if (ctrl_thread) {
			WaitForSingleObject(ctrl_thread, INFINITE);
			printf("the handler thread ended\n");
		}
	}
	old = (void *)signal(SIGINT, SIG_DFL);
	printf("eof; SIGINT handler %s\n", old == (void *)on_sigint ? "kept"
					   : old == (void *)SIG_IGN ? "SIG_IGN"
					   : old ? "other" : "SIG_DFL");
	return 0;
}
