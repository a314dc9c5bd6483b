/* pathnorm.c — Windows normalizes a path before it names a file:
 * '/' and runs of separators, "." and ".." taken lexically, a last
 * segment's trailing dots and spaces dropped, a single trailing dot of
 * any segment dropped; "\\?\" paths are taken as they are. */
#include <io.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void try_open_as(const char *path, const char *shown)
{
	HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL,
			       OPEN_EXISTING, 0, NULL);
	char buf[16] = "";
	DWORD n = 0;

	if (h == INVALID_HANDLE_VALUE) {
		printf("%-28s error %lu\n", shown, GetLastError());
		return;
	}
	ReadFile(h, buf, sizeof buf - 1, &n, NULL);
	buf[n] = 0;
	printf("%-28s opens \"%s\"\n", shown, buf);
	CloseHandle(h);
}

static void try_open(const char *path)
{
	try_open_as(path, path);
}

static void attrs(const char *path)
{
	DWORD a = GetFileAttributesA(path);

	printf("%-28s attributes %lx", path, a);
	if (a == INVALID_FILE_ATTRIBUTES)
		printf(" error %lu", GetLastError());
	printf(", _access %d\n", _access(path, 0));
}

int main(void)
{
	static const char *paths[] = {
		"pn_dir\\f.txt", "pn_dir/f.txt", "pn_dir//f.txt",
		"pn_dir\\\\\\f.txt", "pn_dir\\.\\f.txt", ".\\pn_dir\\f.txt",
		"pn_dir\\f.txt.", "pn_dir\\f.txt...", "pn_dir\\f.txt  ",
		"pn_dir\\f.txt . .", "pn_dir.\\f.txt", "pn_dir..\\f.txt",
		"pn_dir \\f.txt", "nothere\\..\\pn_dir\\f.txt",
		"pn_dir\\nothere\\..\\f.txt", "pn_dir\\f.txt\\",
		"pn_dir\\f.txt\\.", "pn_dir\\..\\pn_dir\\f.txt", "pn_dir\\g",
		"pn_dir\\g.", "pn_dir\\g..", "pn_dir\\g...",
	};
	static const char *fulls[] = {
		"pn_dir\\f.txt. .", "pn_dir.\\x",
		"a\\.\\b\\", "a//b\\\\c", "a\\b...",
	};
	static const char *masks[] = {"pn_dir\\*.", "pn_dir\\*.txt.",
				      "pn_dir\\f*  ", "pn_dir.\\*"};
	char cwd[MAX_PATH], full[MAX_PATH * 2];

	CreateDirectoryA("pn_dir", NULL);
	for (int i = 0; i < 2; i++) {
		static const char *names[] = {"pn_dir\\f.txt", "pn_dir\\g..."};
		HANDLE h = CreateFileA(names[i], GENERIC_WRITE, 0, NULL,
				       CREATE_ALWAYS, 0, NULL);
		DWORD n;

		WriteFile(h, names[i] + 7, strlen(names[i] + 7), &n, NULL);
		CloseHandle(h);
	}
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
		try_open(paths[i]);
	attrs("pn_dir.");
	attrs("pn_dir. ");
	attrs("pn_dir\\f.txt ");
	attrs("nothere\\..\\pn_dir");
	GetCurrentDirectoryA(sizeof cwd, cwd);
	snprintf(full, sizeof full, "\\\\?\\%s\\pn_dir\\f.txt", cwd);
	try_open_as(full, "\\\\?\\CWD\\pn_dir\\f.txt");
	strcat(full, ".");
	try_open_as(full, "\\\\?\\CWD\\pn_dir\\f.txt.");
	for (size_t i = 0; i < sizeof fulls / sizeof fulls[0]; i++) {
		char out[MAX_PATH], *name = NULL;
		DWORD n = GetFullPathNameA(fulls[i], sizeof out, out, &name);

		/* Relative to the current directory: shown without it. */
		printf("full path of %-16s %s (file part %s)\n", fulls[i],
		       n > strlen(cwd) ? out + strlen(cwd) : out,
		       name ? name : "none");
	}
	{
		/* ".." past the start of a relative path: the current
		 * directory's parent, by name. */
		char out[MAX_PATH], want[MAX_PATH * 2];

		GetFullPathNameA("a\\..\\..\\b", sizeof out, out, NULL);
		snprintf(want, sizeof want, "%s", cwd);
		*strrchr(want, '\\') = 0;
		strcat(want, "\\b");
		printf("full path of a\\..\\..\\b is the parent's b: %d\n",
		       !strcmp(out, want));
	}
	for (size_t i = 0; i < sizeof masks / sizeof masks[0]; i++) {
		WIN32_FIND_DATAA fd;
		HANDLE h = FindFirstFileA(masks[i], &fd);

		printf("find %-16s", masks[i]);
		if (h == INVALID_HANDLE_VALUE) {
			printf(" error %lu\n", GetLastError());
			continue;
		}
		do
			printf(" %s", fd.cFileName);
		while (FindNextFileA(h, &fd));
		printf("\n");
		FindClose(h);
	}
	DeleteFileA("pn_dir\\g...");
	printf("delete with dots: %d\n", DeleteFileA("pn_dir\\f.txt.."));
	printf("remove dir: %d\n", RemoveDirectoryA("pn_dir."));
	return 0;
}
