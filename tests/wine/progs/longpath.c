/*
 * longpath.c — GetLongPathNameA/W: components that could be short names
 * come back as the file system spells them, others as given; missing
 * components, a buffer too small, relative and absolute names (shown
 * from their last separator, the rest being where the run happens).
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

int main(void)
{
	static const char *in[] = {
		"long directory name\\some long file.txt",
		"short.txt",
		"SHORT.TXT",
		".\\Short.Txt",
		"Long Directory Name\\",
		"LONG DIRECTORY NAME",
		"nonexist.txt",
		"x\\y.txt",
		"sub\\INNER.DAT",
		"sub/inner.dat",
	};
	char b[MAX_PATH], full[MAX_PATH];
	WCHAR w[MAX_PATH];
	DWORD r, e;
	HANDLE h;

	CreateDirectoryA("Long Directory Name", 0);
	CreateDirectoryA("sub", 0);
	h = CreateFileA("Long Directory Name\\Some Long File.txt", GENERIC_WRITE,
			0, 0, CREATE_ALWAYS, 0, 0);
	CloseHandle(h);
	h = CreateFileA("short.txt", GENERIC_WRITE, 0, 0, CREATE_ALWAYS, 0, 0);
	CloseHandle(h);
	h = CreateFileA("sub\\inner.dat", GENERIC_WRITE, 0, 0, CREATE_ALWAYS, 0,
			0);
	CloseHandle(h);
	for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
		SetLastError(0);
		r = GetLongPathNameA(in[i], b, MAX_PATH);
		e = GetLastError();
		printf("[%s] %lu %lu [%s]\n", in[i], r, e, r ? b : "");
	}
	SetLastError(0);
	r = GetLongPathNameA("short.txt", b, 3);
	printf("small: %lu %lu\n", r, GetLastError());
	r = GetLongPathNameW(L"SUB\\INNER.DAT", w, MAX_PATH);
	printf("W: %lu [%ls]\n", r, w);
	GetFullPathNameA("SHORT.TXT", MAX_PATH, full, 0);
	r = GetLongPathNameA(full, b, MAX_PATH);
	printf("absolute: %d [%s]\n", r == strlen(b), strrchr(b, '\\'));
	return 0;
}
