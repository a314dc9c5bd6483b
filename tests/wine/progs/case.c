/* case.c — file names are case-insensitive, as on Windows: a file or
 * directory created under one spelling is found under any other, by
 * kernel32 and msvcrt alike, and a new file in an existing directory
 * lands in it whatever the directory's spelling. */
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void put(const char *name, const char *text)
{
	HANDLE h = CreateFileA(name, GENERIC_WRITE, 0, 0, CREATE_ALWAYS,
	                       FILE_ATTRIBUTE_NORMAL, 0);
	DWORD n;

	if (h == INVALID_HANDLE_VALUE) {
		printf("create %s: error %lu\n", name, GetLastError());
		return;
	}
	WriteFile(h, text, (DWORD)strlen(text), &n, 0);
	CloseHandle(h);
	printf("create %s: ok\n", name);
}

static void get(const char *name)
{
	char buf[32] = "";
	FILE *f = fopen(name, "rb");
	size_t n;

	if (!f) {
		printf("fopen %s: failed\n", name);
		return;
	}
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = 0;
	fclose(f);
	printf("fopen %s: \"%s\"\n", name, buf);
}

int main(void)
{
	WIN32_FIND_DATAA fd;
	HANDLE h;
	int f;

	put("Mixed.TXT", "first");
	get("mixed.txt");
	get("MIXED.TXT");
	put("mIxEd.txt", "second"); /* the same file, rewritten */
	get("Mixed.TXT");
	f = _open("MIXED.txt", _O_RDONLY);
	printf("_open MIXED.txt: %s\n", f >= 0 ? "ok" : "failed");
	if (f >= 0)
		_close(f);
	printf("attributes of MIXED.TXT: %s\n",
	       GetFileAttributesA("MIXED.TXT") != INVALID_FILE_ATTRIBUTES ? "found"
	                                                                 : "missing");
	h = CreateFileA("mixed.txt", GENERIC_WRITE, 0, 0, CREATE_NEW, 0, 0);
	printf("CREATE_NEW mixed.txt: %s %lu\n",
	       h == INVALID_HANDLE_VALUE ? "refused" : "created", GetLastError());
	if (h != INVALID_HANDLE_VALUE)
		CloseHandle(h);
	printf("CreateDirectory SubDir: %d\n", CreateDirectoryA("SubDir", 0));
	put("subdir\\File.dat", "in the directory");
	get("SUBDIR\\FILE.DAT");
	h = FindFirstFileA("SUBDIR\\*.DAT", &fd);
	printf("FindFirstFile SUBDIR\\*.DAT: %s\n",
	       h != INVALID_HANDLE_VALUE ? fd.cFileName : "nothing");
	if (h != INVALID_HANDLE_VALUE)
		FindClose(h);
	printf("rename: %d\n", MoveFileA("SUBDIR\\file.DAT", "subDIR\\Other.dat"));
	get("subdir\\other.DAT");
	printf("delete SUBDIR\\OTHER.DAT: %d\n", DeleteFileA("SUBDIR\\OTHER.DAT"));
	printf("remove SUBDIR: %d\n", RemoveDirectoryA("SUBDIR"));
	printf("delete MIXED.TXT: %d\n", DeleteFileA("MIXED.TXT"));
	printf("attributes of mixed.txt now: %s\n",
	       GetFileAttributesA("mixed.txt") != INVALID_FILE_ATTRIBUTES ? "found"
	                                                                 : "missing");
	return 0;
}
