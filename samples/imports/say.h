/*
 * say.h — each DLL of the imports sample says when its DllMain runs.
 *
 * The line is flushed at once: at process exit, DllMain(DETACH) runs
 * after the C runtime has flushed stdout for the last time.
 */
#ifndef SAMPLES_IMPORTS_SAY_H
#define SAMPLES_IMPORTS_SAY_H

#include <windows.h>
#include <stdio.h>

static inline void say_reason(const char *who, DWORD reason)
{
	static const char *const names[] = {
		"PROCESS_DETACH", "PROCESS_ATTACH", "THREAD_ATTACH",
		"THREAD_DETACH",
	};

	printf("  %-10s DllMain(%s)\n", who,
	       reason < 4 ? names[reason] : "?");
	fflush(stdout);
}

#endif
