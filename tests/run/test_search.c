/*
 * test_search.c — the DLL search order (loader/search.c): the program's
 * directory, the current directory, $DLLSHARE_PATH; names matched
 * ignoring case; paths with backslashes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/module.h"
#include "tests/unit/cu.h"

static char root[256], prog[300], cwd[300], extra[300], extra2[300];

static void touch(const char *dir, const char *name)
{
	char p[600];
	FILE *f;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	f = fopen(p, "w");
	if (f)
		fclose(f);
}

static int setup(void)
{
	snprintf(root, sizeof root, "/tmp/dllshare-search-XXXXXX");
	if (!mkdtemp(root))
		return -1;
	snprintf(prog, sizeof prog, "%s/prog", root);
	snprintf(cwd, sizeof cwd, "%s/cwd", root);
	snprintf(extra, sizeof extra, "%s/extra", root);
	snprintf(extra2, sizeof extra2, "%s/extra2", root);
	mkdir(prog, 0700);
	mkdir(cwd, 0700);
	mkdir(extra, 0700);
	mkdir(extra2, 0700);
	mkdir(strcat(strcpy((char[400]){0}, cwd), "/sub"), 0700);
	touch(prog, "app.exe");
	touch(prog, "both.dll");
	touch(cwd, "both.dll");
	touch(cwd, "Mixed.DLL");
	touch(extra2, "far.dll");
	touch(extra, "both.dll");
	touch(cwd, "sub/inner.dll");
	if (chdir(cwd) < 0)
		return -1;
	char path[700];
	snprintf(path, sizeof path, "/nonexistent:%s:%s", extra, extra2);
	setenv("DLLSHARE_PATH", path, 1);
	snprintf(path, sizeof path, "%s/app.exe", prog);
	ld_search_set_progdir(path);
	return 0;
}

static int cleanup(void)
{
	char cmd[400];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

CU_SUITE(search, setup, cleanup)

/* Every candidate for name, in order, joined by '|'. */
static void candidates(const char *name, char *out, size_t len)
{
	struct ld_search s;
	char p[1024];

	out[0] = 0;
	ld_search_begin(&s, name);
	while (ld_search_next(&s, p, sizeof p)) {
		if (out[0])
			strncat(out, "|", len - strlen(out) - 1);
		strncat(out, p, len - strlen(out) - 1);
	}
	ld_search_end(&s);
}

CU_TEST(search, order_prog_cwd_path)
{
	char got[4096], want[4096];

	candidates("both.dll", got, sizeof got);
	snprintf(want, sizeof want, "%s/both.dll|%s/both.dll|%s/both.dll", prog,
	         cwd, extra);
	CU_ASSERT_STRING_EQUAL(got, want);
}

CU_TEST(search, case_insensitive)
{
	char got[4096], want[4096];

	candidates("MIXED.dll", got, sizeof got);
	snprintf(want, sizeof want, "%s/Mixed.DLL", cwd);
	CU_ASSERT_STRING_EQUAL(got, want);
}

CU_TEST(search, later_path_entry)
{
	char got[4096], want[4096];

	candidates("far.dll", got, sizeof got);
	snprintf(want, sizeof want, "%s/far.dll", extra2);
	CU_ASSERT_STRING_EQUAL(got, want);
}

CU_TEST(search, missing_lists_dirs)
{
	struct ld_search s;
	char p[1024], dirs[2048], want[2048];

	ld_search_begin(&s, "ghost.dll");
	CU_ASSERT_EQUAL(ld_search_next(&s, p, sizeof p), 0);
	ld_search_dirs(&s, dirs, sizeof dirs);
	snprintf(want, sizeof want, "%s, %s, /nonexistent, %s, %s", prog, cwd,
	         extra, extra2);
	CU_ASSERT_STRING_EQUAL(dirs, want);
	ld_search_end(&s);
}

CU_TEST(search, backslash_path)
{
	char got[4096];

	candidates("sub\\inner.dll", got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, "sub/inner.dll");
	candidates("sub\\nothere.dll", got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, "");
}
