/* dllsearch.c — where LoadLibrary(Ex) looks for a DLL and its imports:
 * LoadLibraryEx's search flags, SetDllDirectory, AddDllDirectory,
 * SetDefaultDllDirectories; and loads that do not run the DLL
 * (DONT_RESOLVE_DLL_REFERENCES, data files, image resources).
 *
 * The DLLs are copied from the program's directory into sub\ of the
 * current (fresh) directory under other names, so that only a search
 * that looks in sub\ finds them: dsplain.dll as dsone.dll, dsleaf.dll as
 * dsleag.dll, dsimp.dll as dsimq.dll with its import of dsleaf.dll
 * renamed to dsleag.dll, dsres.dll as dsres2.dll. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static char exedir[MAX_PATH], sub[MAX_PATH];

/* Copies exedir\from to sub\to, each `old` in it replaced by `new` (same
 * length). */
static void copy_dll(const char *from, const char *to, const char *old,
		     const char *new)
{
	char src[MAX_PATH * 2], dst[MAX_PATH * 2];
	FILE *f;
	long n;
	char *buf;

	snprintf(src, sizeof src, "%s\\%s", exedir, from);
	snprintf(dst, sizeof dst, "sub\\%s", to);
	f = fopen(src, "rb");
	if (!f) {
		printf("cannot open %s\n", from);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n);
	if (fread(buf, 1, n, f) != (size_t)n)
		exit(1);
	fclose(f);
	for (long i = 0; old && i + (long)strlen(old) <= n; i++)
		if (!memcmp(buf + i, old, strlen(old)))
			memcpy(buf + i, new, strlen(new));
	f = fopen(dst, "wb");
	fwrite(buf, 1, n, f);
	fclose(f);
	free(buf);
}

/* The file name of module h, or why there is none. */
static const char *module_name(HMODULE h)
{
	static char buf[MAX_PATH];
	char *slash;

	if (!GetModuleFileNameA(h, buf, sizeof buf)) {
		snprintf(buf, sizeof buf, "(no file name, error %lu)",
			 GetLastError());
		return buf;
	}
	slash = strrchr(buf, '\\');
	return slash ? slash + 1 : buf;
}

/* Prints what a load gave; returns the handle. */
static HMODULE show(const char *what, HMODULE h)
{
	DWORD e = GetLastError();

	printf("%-48s ", what);
	if (h)
		printf("loaded %s\n", module_name(h));
	else
		printf("fails, error %lu\n", e);
	return h;
}

static void load_free(const char *what, const char *name, DWORD flags)
{
	HMODULE h;

	SetLastError(0xdead);
	h = show(what, LoadLibraryExA(name, NULL, flags));
	if (h)
		FreeLibrary(h);
}

/* "sub\\name" as a full path. */
static const char *full(const char *name)
{
	static char buf[MAX_PATH * 2];

	snprintf(buf, sizeof buf, "%s\\%s", sub, name);
	return buf;
}

static void search_flags(void)
{
	HMODULE h;

	printf("-- search flags\n");
	load_free("LoadLibrary dsone.dll", "dsone.dll", 0);
	load_free("LoadLibrary sub\\dsone.dll", "sub\\dsone.dll", 0);
	load_free("LoadLibrary full path", full("dsone.dll"), 0);
	load_free("SEARCH_APPLICATION_DIR dsone.dll", "dsone.dll",
		  LOAD_LIBRARY_SEARCH_APPLICATION_DIR);
	load_free("SEARCH_APPLICATION_DIR sub\\dsone.dll", "sub\\dsone.dll",
		  LOAD_LIBRARY_SEARCH_APPLICATION_DIR);
	load_free("SEARCH_SYSTEM32 sub\\dsone.dll", "sub\\dsone.dll",
		  LOAD_LIBRARY_SEARCH_SYSTEM32);
	load_free("SEARCH_SYSTEM32 full path", full("dsone.dll"),
		  LOAD_LIBRARY_SEARCH_SYSTEM32);
	load_free("SEARCH_SYSTEM32 kernel32", "kernel32",
		  LOAD_LIBRARY_SEARCH_SYSTEM32);
	load_free("SEARCH_DEFAULT_DIRS dsone.dll", "dsone.dll",
		  LOAD_LIBRARY_SEARCH_DEFAULT_DIRS);
	load_free("SEARCH_DLL_LOAD_DIR dsone.dll", "dsone.dll",
		  LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR);
	load_free("SEARCH_DLL_LOAD_DIR sub\\dsone.dll", "sub\\dsone.dll",
		  LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR);
	load_free("SEARCH_DLL_LOAD_DIR full path", full("dsone.dll"),
		  LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR);
	load_free("ALTERED_SEARCH_PATH|SEARCH_APPLICATION_DIR",
		  full("dsone.dll"),
		  LOAD_WITH_ALTERED_SEARCH_PATH |
			  LOAD_LIBRARY_SEARCH_APPLICATION_DIR);
	load_free("ALTERED_SEARCH_PATH|SEARCH_DLL_LOAD_DIR", full("dsone.dll"),
		  LOAD_WITH_ALTERED_SEARCH_PATH |
			  LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR);
	load_free("IGNORE_CODE_AUTHZ_LEVEL sub\\dsone.dll", "sub\\dsone.dll",
		  LOAD_IGNORE_CODE_AUTHZ_LEVEL);
	SetLastError(0xdead);
	h = show("LoadLibraryW sub\\dsone.dll", LoadLibraryW(L"sub\\dsone.dll"));
	FreeLibrary(h);
	SetLastError(0xdead);
	show("LoadLibraryExW SEARCH_APPLICATION_DIR",
	     LoadLibraryExW(L"dsone.dll", NULL,
			    LOAD_LIBRARY_SEARCH_APPLICATION_DIR));
}

/* Where the imports of a DLL in sub\ are looked for. */
static void imports(void)
{
	HMODULE h;

	printf("-- imports\n");
	load_free("LoadLibrary sub\\dsimq.dll", "sub\\dsimq.dll", 0);
	load_free("LoadLibrary full path dsimq.dll", full("dsimq.dll"), 0);
	load_free("ALTERED_SEARCH_PATH full path", full("dsimq.dll"),
		  LOAD_WITH_ALTERED_SEARCH_PATH);
	load_free("ALTERED_SEARCH_PATH sub\\dsimq.dll", "sub\\dsimq.dll",
		  LOAD_WITH_ALTERED_SEARCH_PATH);
	load_free("SEARCH_DLL_LOAD_DIR full path", full("dsimq.dll"),
		  LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR);
	load_free("SEARCH_DLL_LOAD_DIR|SEARCH_SYSTEM32", full("dsimq.dll"),
		  LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR |
			  LOAD_LIBRARY_SEARCH_SYSTEM32);
	load_free("SEARCH_SYSTEM32 full path", full("dsimq.dll"),
		  LOAD_LIBRARY_SEARCH_SYSTEM32);
	SetLastError(0xdead);
	h = show("ALTERED_SEARCH_PATH again", LoadLibraryExA(full("dsimq.dll"),
			 NULL, LOAD_WITH_ALTERED_SEARCH_PATH));
	if (h) {
		int (*f)(void) = (int (*)(void))(void (*)(void))GetProcAddress(
			h, "ds_imp_value");
		printf("ds_imp_value() = %d\n", f ? f() : -1);
		printf("dsleag.dll is %s\n", GetModuleHandleA("dsleag.dll")
						     ? "loaded" : "not loaded");
		FreeLibrary(h);
	}
	printf("after FreeLibrary dsleag.dll is %s\n",
	       GetModuleHandleA("dsleag.dll") ? "loaded" : "not loaded");
}

static void dll_directory(void)
{
	char buf[MAX_PATH * 2];
	WCHAR wbuf[MAX_PATH * 2];
	DWORD n;

	printf("-- SetDllDirectory\n");
	n = GetDllDirectoryA(sizeof buf, buf);
	printf("GetDllDirectoryA before: %lu [%s]\n", n, buf);
	printf("SetDllDirectoryA(sub): %d\n", SetDllDirectoryA(sub));
	n = GetDllDirectoryA(0, NULL);
	printf("GetDllDirectoryA(0, NULL) is length + 1: %d\n",
	       n == strlen(sub) + 1);
	buf[0] = 'x';
	n = GetDllDirectoryA(strlen(sub), buf);
	printf("GetDllDirectoryA one short: length + 1: %d, buf[0] %d\n",
	       n == strlen(sub) + 1, buf[0]);
	n = GetDllDirectoryA(sizeof buf, buf);
	printf("GetDllDirectoryA: length %d, same: %d\n", n == strlen(sub),
	       !strcmp(buf, sub));
	n = GetDllDirectoryW(MAX_PATH * 2, wbuf);
	printf("GetDllDirectoryW: length %d\n", n == strlen(sub));
	load_free("LoadLibrary dsone.dll", "dsone.dll", 0);
	load_free("LoadLibrary dsimq.dll (import in sub too)", "dsimq.dll", 0);
	load_free("SEARCH_APPLICATION_DIR dsone.dll", "dsone.dll",
		  LOAD_LIBRARY_SEARCH_APPLICATION_DIR);
	load_free("SEARCH_USER_DIRS dsone.dll", "dsone.dll",
		  LOAD_LIBRARY_SEARCH_USER_DIRS);
	load_free("SEARCH_DEFAULT_DIRS dsone.dll", "dsone.dll",
		  LOAD_LIBRARY_SEARCH_DEFAULT_DIRS);
	printf("SetDllDirectoryW(L\"sub\"): %d\n", SetDllDirectoryW(L"sub"));
	n = GetDllDirectoryW(MAX_PATH * 2, wbuf);
	printf("GetDllDirectoryW: %lu [%ls]\n", n, wbuf);
	load_free("relative DLL directory: dsone.dll", "dsone.dll", 0);
	printf("SetDllDirectoryA(NULL): %d\n", SetDllDirectoryA(NULL));
	printf("GetDllDirectoryA(0, NULL): %lu\n", GetDllDirectoryA(0, NULL));
	printf("GetDllDirectoryW(0, NULL): %lu\n", GetDllDirectoryW(0, NULL));
	load_free("LoadLibrary dsone.dll", "dsone.dll", 0);
}

static void add_dll_directory(void)
{
	WCHAR w[MAX_PATH * 2];
	DLL_DIRECTORY_COOKIE c, c2;

	printf("-- AddDllDirectory\n");
	MultiByteToWideChar(CP_ACP, 0, sub, -1, w, MAX_PATH * 2);
	SetLastError(0xdead);
	c = AddDllDirectory(L"sub");
	printf("AddDllDirectory(relative): %s, error %lu\n", c ? "ok" : "fails",
	       GetLastError());
	SetLastError(0xdead);
	c = AddDllDirectory(L"C:\\no\\such\\directory");
	printf("AddDllDirectory(missing): %s, error %lu\n", c ? "ok" : "fails",
	       GetLastError());
	c = AddDllDirectory(w);
	printf("AddDllDirectory(sub): %s\n", c ? "ok" : "fails");
	c2 = AddDllDirectory(w);
	printf("AddDllDirectory(sub) again: %s, %s cookie\n", c2 ? "ok" : "fails",
	       c2 == c ? "same" : "another");
	load_free("LoadLibrary dsone.dll", "dsone.dll", 0);
	load_free("SEARCH_USER_DIRS dsone.dll", "dsone.dll",
		  LOAD_LIBRARY_SEARCH_USER_DIRS);
	load_free("SEARCH_DEFAULT_DIRS dsone.dll", "dsone.dll",
		  LOAD_LIBRARY_SEARCH_DEFAULT_DIRS);
	load_free("SEARCH_USER_DIRS dsimq.dll", "dsimq.dll",
		  LOAD_LIBRARY_SEARCH_USER_DIRS);
	load_free("SEARCH_APPLICATION_DIR dsone.dll", "dsone.dll",
		  LOAD_LIBRARY_SEARCH_APPLICATION_DIR);
	printf("RemoveDllDirectory: %d\n", RemoveDllDirectory(c));
	load_free("SEARCH_USER_DIRS dsone.dll (one left)", "dsone.dll",
		  LOAD_LIBRARY_SEARCH_USER_DIRS);
	printf("RemoveDllDirectory: %d\n", RemoveDllDirectory(c2));
	load_free("SEARCH_DEFAULT_DIRS dsone.dll", "dsone.dll",
		  LOAD_LIBRARY_SEARCH_DEFAULT_DIRS);
}

/* A DLL mapped without running it: no DllMain, imports not loaded. */
static void dont_resolve(void)
{
	HMODULE h, h2;
	int *attached;

	printf("-- DONT_RESOLVE_DLL_REFERENCES\n");
	SetLastError(0xdead);
	h = show("DONT_RESOLVE sub\\dsone.dll",
		 LoadLibraryExA("sub\\dsone.dll", NULL,
				DONT_RESOLVE_DLL_REFERENCES));
	if (!h)
		return;
	attached = (int *)GetProcAddress(h, "ds_plain_attached");
	printf("GetProcAddress: %s, DllMain ran %d times\n",
	       attached ? "found" : "fails", attached ? *attached : -1);
	printf("GetModuleHandle(dsone.dll) is it: %d\n",
	       GetModuleHandleA("dsone.dll") == h);
	printf("low bits of the handle: %d\n", (int)((UINT_PTR)h & 3));
	printf("FreeLibrary: %d\n", FreeLibrary(h));
	printf("GetModuleHandle(dsone.dll) after: %d\n",
	       GetModuleHandleA("dsone.dll") != NULL);
	h = LoadLibraryA("sub\\dsone.dll");
	attached = (int *)GetProcAddress(h, "ds_plain_attached");
	printf("LoadLibrary afterwards: DllMain ran %d times\n",
	       attached ? *attached : -1);
	FreeLibrary(h);
	/* Its imports are not looked for: the load succeeds. */
	SetLastError(0xdead);
	h = show("DONT_RESOLVE full path dsimq.dll",
		 LoadLibraryExA(full("dsimq.dll"), NULL,
				DONT_RESOLVE_DLL_REFERENCES));
	printf("dsleag.dll is %s\n",
	       GetModuleHandleA("dsleag.dll") ? "loaded" : "not loaded");
	/* Loaded again normally, it stays as it was. */
	h2 = LoadLibraryA(full("dsimq.dll"));
	printf("LoadLibrary again: same module %d, dsleag.dll %s\n", h2 == h,
	       GetModuleHandleA("dsleag.dll") ? "loaded" : "not loaded");
	FreeLibrary(h2);
	FreeLibrary(h);
}

static void resource(HMODULE h)
{
	HRSRC r = FindResourceA(h, "GREETING", (LPCSTR)RT_RCDATA);
	char buf[200];
	DWORD_PTR args[] = {(DWORD_PTR)"one"};
	DWORD n;

	if (!r) {
		printf("  FindResource fails, error %lu\n", GetLastError());
	} else {
		const char *p = LockResource(LoadResource(h, r));
		printf("  RCDATA GREETING: %lu bytes [%s]\n",
		       SizeofResource(h, r), p ? p : "(null)");
	}
	n = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE |
				   FORMAT_MESSAGE_ARGUMENT_ARRAY,
			   h, 1, 0, buf, sizeof buf, (va_list *)args);
	printf("  message 1: %lu [%s]\n", n, n ? buf : "");
	n = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE |
				   FORMAT_MESSAGE_IGNORE_INSERTS,
			   h, 2, 0, buf, sizeof buf, NULL);
	printf("  message 2: %lu [%.*s]\n", n, (int)(n > 2 ? n - 2 : n), buf);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE, h, 3, 0, buf,
			   sizeof buf, NULL);
	printf("  message 3: %lu, error %lu\n", n, n ? 0 : GetLastError());
}

static void datafile(const char *what, const char *name, DWORD flags)
{
	HMODULE h;
	char buf[100];
	void *p;
	DWORD n;
	BOOL ok;

	SetLastError(0xdead);
	h = LoadLibraryExA(name, NULL, flags);
	printf("%-48s ", what);
	if (!h) {
		printf("fails, error %lu\n", GetLastError());
		return;
	}
	printf("low bits %d\n", (int)((UINT_PTR)h & 3));
	resource(h);
	SetLastError(0xdead);
	p = (void *)GetProcAddress(h, "DllMain");
	printf("  GetProcAddress: %s, error %lu\n", p ? "found" : "fails",
	       GetLastError());
	SetLastError(0xdead);
	n = GetModuleFileNameA(h, buf, sizeof buf);
	printf("  GetModuleFileName: %lu, error %lu\n", n, GetLastError());
	printf("  GetModuleHandle(dsres2.dll): %p\n",
	       (void *)GetModuleHandleA("dsres2.dll"));
	printf("  DllMain ran: %s\n",
	       GetEnvironmentVariableA("DS_RES_ATTACHED", buf, sizeof buf)
		       ? "yes" : "no");
	if (flags & LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE) {
		HANDLE f = CreateFileA(name, GENERIC_WRITE,
				       FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
				       OPEN_EXISTING, 0, NULL);
		printf("  open for writing: %s, error %lu\n",
		       f != INVALID_HANDLE_VALUE ? "ok" : "fails",
		       f != INVALID_HANDLE_VALUE ? 0 : GetLastError());
		if (f != INVALID_HANDLE_VALUE)
			CloseHandle(f);
	}
	printf("  FreeLibrary: %d\n", FreeLibrary(h));
	SetLastError(0xdead);
	ok = FreeLibrary(h);
	printf("  FreeLibrary again: %d, error %lu\n", ok, GetLastError());
}

static void datafiles(void)
{
	HMODULE h, k;
	FILE *f;
	char path[MAX_PATH];

	printf("-- data files\n");
	datafile("AS_DATAFILE sub\\dsres2.dll", "sub\\dsres2.dll",
		 LOAD_LIBRARY_AS_DATAFILE);
	datafile("AS_DATAFILE_EXCLUSIVE sub\\dsres2.dll", "sub\\dsres2.dll",
		 LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE);
	datafile("AS_IMAGE_RESOURCE sub\\dsres2.dll", "sub\\dsres2.dll",
		 LOAD_LIBRARY_AS_IMAGE_RESOURCE);
	datafile("AS_IMAGE_RESOURCE|AS_DATAFILE", "sub\\dsres2.dll",
		 LOAD_LIBRARY_AS_IMAGE_RESOURCE | LOAD_LIBRARY_AS_DATAFILE);
	datafile("AS_DATAFILE|AS_DATAFILE_EXCLUSIVE", "sub\\dsres2.dll",
		 LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE);
	datafile("AS_DATAFILE dsres2 (no extension)", "sub\\dsres2",
		 LOAD_LIBRARY_AS_DATAFILE);
	datafile("AS_DATAFILE dsres2.dll (not searched)", "dsres2.dll",
		 LOAD_LIBRARY_AS_DATAFILE);
	datafile("AS_DATAFILE|SEARCH_DLL_LOAD_DIR relative", "sub\\dsres2.dll",
		 LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR);
	datafile("AS_DATAFILE missing.dll", "missing.dll",
		 LOAD_LIBRARY_AS_DATAFILE);
	datafile("AS_DATAFILE sub\\missing.dll", "sub\\missing.dll",
		 LOAD_LIBRARY_AS_DATAFILE);
	f = fopen("sub\\text.dll", "w");
	fputs("not an image\n", f);
	fclose(f);
	datafile("AS_DATAFILE a text file", "sub\\text.dll",
		 LOAD_LIBRARY_AS_DATAFILE);
	f = fopen("sub\\empty.dll", "w");
	fclose(f);
	datafile("AS_DATAFILE an empty file", "sub\\empty.dll",
		 LOAD_LIBRARY_AS_DATAFILE);
	/* The W forms. */
	h = LoadLibraryExW(L"sub\\dsres2.dll", NULL,
			   LOAD_LIBRARY_AS_IMAGE_RESOURCE);
	printf("LoadLibraryExW AS_IMAGE_RESOURCE: low bits %d\n",
	       (int)((UINT_PTR)h & 3));
	resource(h);
	FreeLibrary(h);
	SetLastError(0xdead);
	h = LoadLibraryExW(L"dsres2.dll", NULL, LOAD_LIBRARY_AS_DATAFILE);
	printf("LoadLibraryExW AS_DATAFILE dsres2.dll: %p, error %lu\n",
	       (void *)h, GetLastError());
	/* The program itself, by its path, is the module. */
	GetModuleFileNameA(NULL, path, sizeof path);
	h = LoadLibraryExA(path, NULL, LOAD_LIBRARY_AS_DATAFILE);
	printf("AS_DATAFILE the program: the module itself: %d\n",
	       h == GetModuleHandleA(NULL));
	FreeLibrary(h);
	/* A DLL loaded already is the module itself. */
	k = GetModuleHandleA("kernel32.dll");
	h = LoadLibraryExA("kernel32.dll", NULL, LOAD_LIBRARY_AS_DATAFILE);
	printf("AS_DATAFILE kernel32.dll: the module itself: %d\n", h == k);
	FreeLibrary(h);
	h = LoadLibraryA("sub\\dsres2.dll");
	k = LoadLibraryExA("sub\\dsres2.dll", NULL, LOAD_LIBRARY_AS_DATAFILE);
	printf("AS_DATAFILE of a loaded DLL: the module itself: %d\n", h == k);
	FreeLibrary(k);
	FreeLibrary(h);
}

/* SetDefaultDllDirectories last: it cannot be undone. */
static void default_dirs(void)
{
	WCHAR w[MAX_PATH * 2];
	DLL_DIRECTORY_COOKIE c;
	static const DWORD bad[] = {0, LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR, 0x10000,
				    LOAD_LIBRARY_SEARCH_USER_DIRS | 1};

	printf("-- SetDefaultDllDirectories\n");
	for (int i = 0; i < 4; i++) {
		BOOL ok;

		SetLastError(0xdead);
		ok = SetDefaultDllDirectories(bad[i]);
		printf("(0x%lx): %d, error %lu\n", bad[i], ok, GetLastError());
	}
	MultiByteToWideChar(CP_ACP, 0, sub, -1, w, MAX_PATH * 2);
	c = AddDllDirectory(w);
	printf("(SEARCH_USER_DIRS): %d\n",
	       SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_USER_DIRS));
	load_free("LoadLibrary dsone.dll", "dsone.dll", 0);
	load_free("LoadLibrary dsimq.dll", "dsimq.dll", 0);
	load_free("LoadLibrary sub\\dsone.dll", "sub\\dsone.dll", 0);
	load_free("SEARCH_APPLICATION_DIR dsone.dll", "dsone.dll",
		  LOAD_LIBRARY_SEARCH_APPLICATION_DIR);
	load_free("ALTERED_SEARCH_PATH dsone.dll", "dsone.dll",
		  LOAD_WITH_ALTERED_SEARCH_PATH);
	load_free("LoadLibrary kernel32", "kernel32", 0);
	RemoveDllDirectory(c);
	printf("(SEARCH_APPLICATION_DIR): %d\n",
	       SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_APPLICATION_DIR));
	load_free("LoadLibrary dsone.dll", "dsone.dll", 0);
	load_free("LoadLibrary full path", full("dsone.dll"), 0);
	load_free("LoadLibrary dsplain.dll (application dir)", "dsplain.dll", 0);
}

int main(void)
{
	char *slash;

	GetModuleFileNameA(NULL, exedir, sizeof exedir);
	slash = strrchr(exedir, '\\');
	*slash = 0;
	CreateDirectoryA("sub", NULL);
	GetFullPathNameA("sub", sizeof sub, sub, NULL);
	copy_dll("dsplain.dll", "dsone.dll", NULL, NULL);
	copy_dll("dsleaf.dll", "dsleag.dll", NULL, NULL);
	copy_dll("dsimp.dll", "dsimq.dll", "dsleaf.dll", "dsleag.dll");
	copy_dll("dsres.dll", "dsres2.dll", NULL, NULL);
	setvbuf(stdout, NULL, _IONBF, 0);
	search_flags();
	imports();
	dll_directory();
	add_dll_directory();
	dont_resolve();
	datafiles();
	default_dirs();
	return 0;
}
