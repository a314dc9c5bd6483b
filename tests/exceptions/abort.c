/*
 * abort.c — msvcrt's abort() raises SIGABRT: a handler set with signal()
 * runs (then the process ends with status 3, the handler having
 * returned), raise(SIGABRT) calls it once and resets it to SIG_DFL, and
 * with no handler abort() ends the process with status 3.
 *
 *   abort.exe          abort() with no handler
 *   abort.exe handler  signal(SIGABRT, h), then abort()
 *   abort.exe raise    signal(SIGABRT, h), raise twice (the second is
 *                      SIG_DFL's: status 3, nothing printed)
 *   abort.exe ignore   SIG_IGN: raise returns, abort() still ends it
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void on_abort(int sig)
{
	printf("abort handler: signal %d\n", sig);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("mode %s\n", *mode ? mode : "none");
	if (!strcmp(mode, "handler")) {
		signal(SIGABRT, on_abort);
	} else if (!strcmp(mode, "raise")) {
		signal(SIGABRT, on_abort);
		printf("raise: %d\n", raise(SIGABRT));
		raise(SIGABRT);
		printf("not reached\n");
	} else if (!strcmp(mode, "ignore")) {
		signal(SIGABRT, SIG_IGN);
		printf("raise: %d\n", raise(SIGABRT));
	}
	abort();
	printf("not reached\n");
	return 0;
}
