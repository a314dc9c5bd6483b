/* dirs.c — directories: create, list with FindFirstFile/FindNextFile
 * (patterns, "." and "..", attributes, sizes), attributes, temp names,
 * remove; errors.  In the current (fresh, empty) directory. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void touch(const char *name, int size)
{
	FILE *f = fopen(name, "wb");

	for (int i = 0; i < size; i++)
		fputc('x', f);
	fclose(f);
}

static void list(const char *spec)
{
	WIN32_FIND_DATAA fd;
	HANDLE h = FindFirstFileA(spec, &fd);

	printf("list %s:", spec);
	if (h == INVALID_HANDLE_VALUE) {
		printf(" none (error %lu)\n", GetLastError());
		return;
	}
	do
		printf(" %s%s(%lu)", fd.cFileName,
		       fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY ? "/"
								      : "",
		       fd.nFileSizeLow);
	while (FindNextFileA(h, &fd));
	printf(" end %lu\n", GetLastError());
	FindClose(h);
}

int main(void)
{
	WIN32_FILE_ATTRIBUTE_DATA ad;
	char tmp[MAX_PATH];
	UINT u;

	printf("mkdir %d\n", CreateDirectoryA("d", NULL));
	printf("mkdir again %d err %lu\n", CreateDirectoryA("d", NULL),
	       GetLastError());
	CreateDirectoryA("d\\sub", NULL);
	touch("d\\b.txt", 3);
	touch("d\\a.txt", 10);
	touch("d\\c.dat", 0);
	touch("d\\noext", 1);
	list("d\\*");
	list("d\\*.txt");
	list("d\\?.dat");
	list("d\\*.*");
	list("d\\zz*");
	list("nodir\\*");
	printf("attrs dir %lx file %lx missing %lx err %lu\n",
	       GetFileAttributesA("d"), GetFileAttributesA("d\\a.txt"),
	       GetFileAttributesA("d\\none"), GetLastError());
	GetFileAttributesExA("d\\a.txt", GetFileExInfoStandard, &ad);
	printf("attr ex size %lu dir %d\n", ad.nFileSizeLow,
	       (ad.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0);
	u = GetTempFileNameA("d", "pre", 0x1234, tmp);
	printf("temp name %u %s\n", u, tmp);
	printf("remove non-empty %d err %lu\n", RemoveDirectoryA("d"),
	       GetLastError());
	DeleteFileA("d\\a.txt");
	DeleteFileA("d\\b.txt");
	DeleteFileA("d\\c.dat");
	DeleteFileA("d\\noext");
	RemoveDirectoryA("d\\sub");
	printf("remove %d\n", RemoveDirectoryA("d"));
	return 0;
}
