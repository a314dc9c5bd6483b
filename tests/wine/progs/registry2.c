/* registry2.c — the registry shared by two processes: the parent sets
 * values and starts itself as a child (CreateProcess), which reads them,
 * sets one of its own and deletes a key the parent holds open; once the
 * child has exited (the only synchronisation), the parent reads what the
 * child wrote through the handle it opened before, and finds its other
 * handle's key deleted (ERROR_KEY_DELETED).  Then both write 50 values
 * each under one key at the same time: none is lost (each change is made
 * on the hive as the other process left it). */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define ROOT "Software\\dllshare-test-registry2"

static int child(void)
{
	HKEY k;
	char buf[64];
	DWORD size = sizeof buf, type, d = 0, one = 1;
	LONG rc;

	rc = RegOpenKeyExA(HKEY_CURRENT_USER, ROOT, 0, KEY_ALL_ACCESS, &k);
	printf("child: open %ld\n", rc);
	if (rc)
		return 1;
	rc = RegQueryValueExA(k, "FromParent", NULL, &type, (BYTE *)buf, &size);
	printf("child: FromParent %ld type %lu '%s'\n", rc, type,
	       rc ? "" : buf);
	size = sizeof d;
	rc = RegGetValueA(k, "Sub", "Count", RRF_RT_DWORD, &type, &d, &size);
	printf("child: Sub\\Count %ld %lu\n", rc, d);
	printf("child: set %ld\n",
	       RegSetValueExA(k, "FromChild", 0, REG_DWORD, (BYTE *)&one, 4));
	printf("child: delete Doomed %ld\n", RegDeleteKeyA(k, "Doomed"));
	RegCloseKey(k);
	return 0;
}

#define WRITES 50

/* Sets WRITES values named PREFIX0.. under ROOT\\Busy. */
static int writer(const char *prefix)
{
	HKEY k;
	char name[16];

	if (RegCreateKeyExA(HKEY_CURRENT_USER, ROOT "\\Busy", 0, NULL, 0,
			    KEY_ALL_ACCESS, NULL, &k, NULL))
		return 1;
	for (DWORD i = 0; i < WRITES; i++) {
		snprintf(name, sizeof name, "%s%lu", prefix, i);
		if (RegSetValueExA(k, name, 0, REG_DWORD, (BYTE *)&i, 4))
			return 2;
	}
	RegCloseKey(k);
	return 0;
}

static HANDLE start(const char *self, const char *arg)
{
	STARTUPINFOA si = {.cb = sizeof si, .dwFlags = STARTF_USESTDHANDLES};
	PROCESS_INFORMATION pi;
	char cmd[64];

	snprintf(cmd, sizeof cmd, "registry2.exe %s", arg);
	si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
	si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
	if (!CreateProcessA(self, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si,
			    &pi)) {
		printf("CreateProcess failed: %lu\n", GetLastError());
		return NULL;
	}
	CloseHandle(pi.hThread);
	return pi.hProcess;
}

int main(int argc, char **argv)
{
	HANDLE proc;
	char self[MAX_PATH];
	HKEY k, sub, doomed;
	DWORD d = 42, size = sizeof d, code = 99, type;
	LONG rc;

	if (argc > 1)
		return strcmp(argv[1], "writer") ? child() : writer("C");
	RegDeleteTreeA(HKEY_CURRENT_USER, ROOT);
	RegDeleteKeyA(HKEY_CURRENT_USER, ROOT);
	rc = RegCreateKeyExA(HKEY_CURRENT_USER, ROOT, 0, NULL, 0,
			     KEY_ALL_ACCESS, NULL, &k, NULL);
	printf("parent: create %ld\n", rc);
	if (rc)
		return 1;
	RegSetValueExA(k, "FromParent", 0, REG_SZ, (const BYTE *)"hello", 6);
	RegCreateKeyExA(k, "Sub", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, NULL);
	RegSetValueExA(sub, "Count", 0, REG_DWORD, (const BYTE *)&d, 4);
	RegCloseKey(sub);
	RegCreateKeyExA(k, "Doomed", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &doomed,
			NULL);
	printf("parent: before the child, FromChild %ld\n",
	       RegQueryValueExA(k, "FromChild", NULL, NULL, NULL, NULL));
	fflush(stdout);

	GetModuleFileNameA(NULL, self, sizeof self);
	if (!(proc = start(self, "child")))
		return 1;
	WaitForSingleObject(proc, INFINITE);
	GetExitCodeProcess(proc, &code);
	CloseHandle(proc);
	printf("parent: child exit %lu\n", code);

	d = 0;
	rc = RegQueryValueExA(k, "FromChild", NULL, &type, (BYTE *)&d, &size);
	printf("parent: FromChild %ld type %lu value %lu\n", rc, type, d);
	printf("parent: value through the deleted key %ld\n",
	       RegSetValueExA(doomed, "x", 0, REG_DWORD, (BYTE *)&d, 4));
	printf("parent: open Doomed %ld\n",
	       RegOpenKeyExA(k, "Doomed", 0, KEY_READ, &sub));
	RegCloseKey(doomed);

	/* two writers at once */
	if (!(proc = start(self, "writer")))
		return 1;
	printf("parent: writer %d\n", writer("P"));
	WaitForSingleObject(proc, INFINITE);
	GetExitCodeProcess(proc, &code);
	CloseHandle(proc);
	printf("parent: child writer exit %lu\n", code);
	{
		DWORD n = 0, sum = 0, v, vs, i;
		char name[16];

		RegOpenKeyExA(k, "Busy", 0, KEY_READ, &sub);
		RegQueryInfoKeyA(sub, 0, 0, 0, 0, 0, 0, &n, 0, 0, 0, 0);
		printf("parent: %lu values\n", n);
		for (i = 0; i < WRITES; i++) {
			snprintf(name, sizeof name, "C%lu", i);
			vs = sizeof v;
			if (!RegQueryValueExA(sub, name, 0, 0, (BYTE *)&v, &vs))
				sum += v;
			snprintf(name, sizeof name, "P%lu", i);
			vs = sizeof v;
			if (!RegQueryValueExA(sub, name, 0, 0, (BYTE *)&v, &vs))
				sum += v;
		}
		printf("parent: sum %lu\n", sum);
		RegCloseKey(sub);
	}
	RegCloseKey(k);
	printf("parent: delete tree %ld\n",
	       RegDeleteTreeA(HKEY_CURRENT_USER, ROOT));
	printf("parent: delete %ld\n", RegDeleteKeyA(HKEY_CURRENT_USER, ROOT));
	return 0;
}
