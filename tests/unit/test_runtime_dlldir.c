/*
 * test_runtime_dlldir.c — the search order kernel32 gives a load
 * (runtime/kernel32/dlldir.c): LoadLibraryEx's flags, SetDllDirectory,
 * AddDllDirectory and SetDefaultDllDirectories turned into the loader's
 * list of directories; the cases Wine does not share with Windows
 * (SetDllDirectory("")) among them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/core/core.h"
#include "runtime/kernel32/k32int.h"
#include "tests/unit/cu.h"

#define SEARCH_DLL_LOAD_DIR 0x100
#define SEARCH_APPLICATION_DIR 0x200
#define SEARCH_USER_DIRS 0x400
#define SEARCH_SYSTEM32 0x800
#define SEARCH_DEFAULT_DIRS 0x1000
#define ALTERED 0x8

static char root[64], d1[80], d2[80];

static int setup(void)
{
	snprintf(root, sizeof root, "/tmp/dllshare-dlldir-XXXXXX");
	if (!mkdtemp(root))
		return -1;
	snprintf(d1, sizeof d1, "%s/one", root);
	snprintf(d2, sizeof d2, "%s/two", root);
	if (mkdir(d1, 0700) < 0 || mkdir(d2, 0700) < 0)
		return -1;
	return rt_thread_init();
}

static int cleanup(void)
{
	rmdir(d1);
	rmdir(d2);
	return rmdir(root);
}

CU_SUITE(dlldir, setup, cleanup)

/* The order of a load of win (Linux form unix) with flags, written as
 * "P C S /dir" (program, current, system, a directory); "error N" when
 * it is refused. */
static void order_of(const char *win, const char *unix_name, DWORD flags,
		     char *out, size_t len)
{
	struct rt_k32_order o;
	DWORD e = rt_k32_load_order(win, unix_name, flags, &o);

	out[0] = 0;
	if (e) {
		snprintf(out, len, "error %u", (unsigned)e);
		return;
	}
	for (size_t i = 0; i < o.order.n; i++) {
		const struct ld_dir *d = &o.order.dirs[i];
		const char *w = d->kind == LD_DIR_PROGRAM   ? "P"
				: d->kind == LD_DIR_CURRENT ? "C"
				: d->kind == LD_DIR_SYSTEM  ? "S"
							    : d->path;
		snprintf(out + strlen(out), len - strlen(out), "%s%s",
			 i ? " " : "", w);
	}
	rt_k32_order_free(&o);
}

static int order_is(const char *win, const char *unix_name, DWORD flags,
		    const char *want)
{
	char got[512];

	order_of(win, unix_name, flags, got, sizeof got);
	if (strcmp(got, want)) {
		printf("\n  order of %s, flags 0x%x: '%s', want '%s'", win,
		       (unsigned)flags, got, want);
		return 0;
	}
	return 1;
}

CU_TEST(dlldir, standard_and_altered)
{
	CU_ASSERT(order_is("x.dll", "x.dll", 0, "P C S"));
	/* The DLL's directory in place of the program's; none for a bare
	 * name (Wine's answer: Windows leaves it undefined). */
	CU_ASSERT(order_is("Z:\\a\\b\\x.dll", "/a/b/x.dll", ALTERED,
			   "/a/b C S"));
	CU_ASSERT(order_is("sub\\x.dll", "sub/x.dll", ALTERED, "sub C S"));
	CU_ASSERT(order_is("x.dll", "x.dll", ALTERED, "C S"));
}

CU_TEST(dlldir, search_flags)
{
	CU_ASSERT(order_is("x.dll", "x.dll", SEARCH_SYSTEM32, "S"));
	CU_ASSERT(order_is("x.dll", "x.dll", SEARCH_APPLICATION_DIR, "P"));
	CU_ASSERT(order_is("x.dll", "x.dll", SEARCH_USER_DIRS, ""));
	CU_ASSERT(order_is("x.dll", "x.dll", SEARCH_DEFAULT_DIRS, "P S"));
	CU_ASSERT(order_is("Z:\\a\\x.dll", "/a/x.dll",
			   SEARCH_DLL_LOAD_DIR | SEARCH_SYSTEM32, "/a S"));
	CU_ASSERT(order_is("\\a\\x.dll", "/a/x.dll", SEARCH_DLL_LOAD_DIR,
			   "/a"));
	/* DLL_LOAD_DIR needs a full path; ALTERED goes with no SEARCH flag. */
	CU_ASSERT(order_is("x.dll", "x.dll", SEARCH_DLL_LOAD_DIR, "error 87"));
	CU_ASSERT(order_is("a\\x.dll", "a/x.dll", SEARCH_DLL_LOAD_DIR,
			   "error 87"));
	CU_ASSERT(order_is("Z:\\a\\x.dll", "/a/x.dll",
			   ALTERED | SEARCH_SYSTEM32, "error 87"));
	CU_ASSERT(order_is("Z:\\a\\x.dll", "/a/x.dll",
			   ALTERED | SEARCH_DEFAULT_DIRS, "error 87"));
}

/* SetDllDirectory: a directory in the current one's place; "" leaves
 * the current directory out (Windows; Wine keeps it); NULL undoes. */
CU_TEST(dlldir, set_dll_directory)
{
	char buf[64], want[200];
	WCHAR w[64];

	CU_ASSERT(w32_SetDllDirectoryA(""));
	CU_ASSERT(order_is("x.dll", "x.dll", 0, "P S"));
	CU_ASSERT_EQUAL(w32_GetDllDirectoryA(sizeof buf, buf), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
	CU_ASSERT_EQUAL(w32_GetDllDirectoryA(0, NULL), 1);
	CU_ASSERT(w32_SetDllDirectoryA(d1));
	snprintf(want, sizeof want, "P %s S", d1);
	CU_ASSERT(order_is("x.dll", "x.dll", 0, want));
	/* USER_DIRS includes it. */
	CU_ASSERT(order_is("x.dll", "x.dll", SEARCH_USER_DIRS, d1));
	CU_ASSERT_EQUAL(w32_GetDllDirectoryA(sizeof buf, buf), strlen(d1));
	CU_ASSERT_STRING_EQUAL(buf, d1);
	/* Too small: the size needed, the buffer emptied. */
	buf[0] = 'x';
	CU_ASSERT_EQUAL(w32_GetDllDirectoryA(strlen(d1), buf), strlen(d1) + 1);
	CU_ASSERT_EQUAL(buf[0], 0);
	w[0] = 'x';
	CU_ASSERT_EQUAL(w32_GetDllDirectoryW(strlen(d1), w), strlen(d1) + 1);
	CU_ASSERT_EQUAL(w[0], 0);
	CU_ASSERT_EQUAL(w32_GetDllDirectoryW(64, w), strlen(d1));
	CU_ASSERT_EQUAL(w[0], '/');
	CU_ASSERT(w32_SetDllDirectoryW(NULL));
	CU_ASSERT(order_is("x.dll", "x.dll", 0, "P C S"));
	CU_ASSERT_EQUAL(w32_GetDllDirectoryW(0, NULL), 1);
}

/* AddDllDirectory: full paths of directories that exist; searched by
 * USER_DIRS, the last added first, before the SetDllDirectory one. */
CU_TEST(dlldir, add_remove)
{
	WCHAR w1[100], w2[100];
	void *c1, *c2;
	char want[300];

	for (size_t i = 0; i <= strlen(d1); i++) {
		w1[i] = (WCHAR)d1[i];
		w2[i] = (WCHAR)d2[i];
	}
	CU_ASSERT_PTR_NULL(w32_AddDllDirectory((const WCHAR[]){'o', 'n', 'e', 0}));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INVALID_PARAMETER);
	CU_ASSERT_PTR_NULL(w32_AddDllDirectory(
		(const WCHAR[]){'/', 'n', 'o', '/', 's', 'u', 'c', 'h', 0}));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_PATH_NOT_FOUND);
	c1 = w32_AddDllDirectory(w1);
	c2 = w32_AddDllDirectory(w2);
	CU_ASSERT_PTR_NOT_NULL(c1);
	CU_ASSERT_PTR_NOT_NULL(c2);
	CU_ASSERT(w32_SetDllDirectoryA("/x"));
	snprintf(want, sizeof want, "%s %s /x", d2, d1);
	CU_ASSERT(order_is("x.dll", "x.dll", SEARCH_USER_DIRS, want));
	snprintf(want, sizeof want, "P %s %s /x S", d2, d1);
	CU_ASSERT(order_is("x.dll", "x.dll", SEARCH_DEFAULT_DIRS, want));
	/* The standard order does not see them. */
	CU_ASSERT(order_is("x.dll", "x.dll", 0, "P /x S"));
	CU_ASSERT(w32_RemoveDllDirectory(c2));
	CU_ASSERT(!w32_RemoveDllDirectory(c2)); /* gone: refused */
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INVALID_PARAMETER);
	snprintf(want, sizeof want, "%s /x", d1);
	CU_ASSERT(order_is("x.dll", "x.dll", SEARCH_USER_DIRS, want));
	CU_ASSERT(w32_RemoveDllDirectory(c1));
	CU_ASSERT(w32_SetDllDirectoryA(NULL));
}

/* What LoadLibraryEx refuses before looking for anything: a flag Windows
 * does not define, a file handle (reserved), flags that do not go
 * together. */
CU_TEST(dlldir, load_library_ex_refusals)
{
	w32_SetLastError(0);
	CU_ASSERT_PTR_NULL(w32_LoadLibraryExA("x.dll", NULL, 0x4000));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INVALID_PARAMETER);
	w32_SetLastError(0);
	CU_ASSERT_PTR_NULL(w32_LoadLibraryExA("x.dll", (HANDLE)1, 0));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INVALID_PARAMETER);
	w32_SetLastError(0);
	CU_ASSERT_PTR_NULL(w32_LoadLibraryExA("x.dll", NULL,
					      ALTERED | SEARCH_USER_DIRS));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INVALID_PARAMETER);
	w32_SetLastError(0);
	CU_ASSERT_PTR_NULL(w32_LoadLibraryExA("x.dll", NULL, 0x80));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_NOT_SUPPORTED);
	/* A handle with a low bit that no data-file load gave. */
	w32_SetLastError(0);
	CU_ASSERT(!w32_FreeLibrary((HMODULE)(uintptr_t)0x10001));
	CU_ASSERT_EQUAL(w32_GetLastError(), 193);
}

/* Last: SetDefaultDllDirectories cannot be undone. */
CU_TEST(dlldir, zz_default_directories)
{
	CU_ASSERT(!w32_SetDefaultDllDirectories(0));
	CU_ASSERT(!w32_SetDefaultDllDirectories(SEARCH_DLL_LOAD_DIR));
	CU_ASSERT(!w32_SetDefaultDllDirectories(SEARCH_SYSTEM32 | ALTERED));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INVALID_PARAMETER);
	CU_ASSERT(order_is("x.dll", "x.dll", 0, "P C S"));
	CU_ASSERT(w32_SetDefaultDllDirectories(SEARCH_APPLICATION_DIR));
	/* A load without SEARCH flags takes the defaults; with some, its
	 * own. */
	CU_ASSERT(order_is("x.dll", "x.dll", 0, "P"));
	CU_ASSERT(order_is("x.dll", "x.dll", SEARCH_SYSTEM32, "S"));
	/* ALTERED then adds the DLL's directory, which needs a full path. */
	CU_ASSERT(order_is("Z:\\a\\x.dll", "/a/x.dll", ALTERED, "/a P"));
	CU_ASSERT(order_is("x.dll", "x.dll", ALTERED, "error 87"));
}
