/* mapping.c — file mappings: a file mapped shared (writes reach the file)
 * and copy-on-write (FILE_MAP_COPY: they do not), an anonymous mapping,
 * and a named one shared with a child process that writes into it. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void child(void)
{
	HANDLE m = OpenFileMappingA(FILE_MAP_WRITE, FALSE, "dllshare-test-map");
	char *p = m ? MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0x1000) : NULL;

	if (!p)
		ExitProcess(2);
	strcpy(p + 100, "written by the child");
	UnmapViewOfFile(p);
	CloseHandle(m);
	ExitProcess(0);
}

int main(int argc, char **argv)
{
	HANDLE f, m, n;
	DWORD done, code;
	char *p, *q, buf[32] = "";
	char self[MAX_PATH], cmd[MAX_PATH + 16];
	STARTUPINFOA si;
	PROCESS_INFORMATION pi;

	if (argc > 1)
		child();
	f = CreateFileA("map.dat", GENERIC_READ | GENERIC_WRITE, 0, NULL,
			CREATE_ALWAYS, 0, NULL);
	WriteFile(f, "0123456789", 10, &done, NULL);
	m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
	p = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0);
	q = MapViewOfFile(m, FILE_MAP_COPY, 0, 0, 0);
	printf("views %d %d, content %.10s\n", p != NULL, q != NULL, p);
	p[0] = 'A';
	printf("shared write seen by the copy view (not yet written): %c\n",
	       q[0]);
	q[1] = 'B';
	printf("copy-on-write stays private: shared view %c, copy %c\n", p[1],
	       q[1]);
	UnmapViewOfFile(p);
	UnmapViewOfFile(q);
	CloseHandle(m);
	SetFilePointer(f, 0, NULL, FILE_BEGIN);
	ReadFile(f, buf, 10, &done, NULL);
	printf("file now %.10s\n", buf);
	CloseHandle(f);
	DeleteFileA("map.dat");

	m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
			       0x10000, NULL);
	p = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0);
	printf("anonymous zero %d\n", p[0] == 0 && p[0xffff] == 0);
	UnmapViewOfFile(p);
	CloseHandle(m);
	printf("unmap twice %d err %lu\n", UnmapViewOfFile(p), GetLastError());

	n = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
			       0x1000, "dllshare-test-map");
	printf("named created, error %lu\n", GetLastError());
	p = MapViewOfFile(n, FILE_MAP_WRITE, 0, 0, 0x1000);
	memset(&si, 0, sizeof(si));
	si.cb = sizeof(si);
	GetModuleFileNameA(NULL, self, sizeof(self));
	snprintf(cmd, sizeof(cmd), "\"%s\" child", self);
	CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	printf("child exit %lu, sees: %s\n", code, p + 100);
	CloseHandle(pi.hProcess);
	CloseHandle(pi.hThread);
	m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
			       0x1000, "dllshare-test-map");
	printf("second create: error %lu\n", GetLastError());
	CloseHandle(m);
	UnmapViewOfFile(p);
	CloseHandle(n);
	return 0;
}
