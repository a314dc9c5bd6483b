/*
 * test_search.c — the DLL search order (loader/search.c): the program's
 * directory, the current directory, $DLLSHARE_PATH, or the directories
 * of an order the runtime gives (struct ld_order); names matched
 * ignoring case; paths with backslashes; full paths built lexically, as
 * GetFullPathName builds them (ld_full_path), and the stat each
 * candidate comes with.
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
	ld_search_set_progdir(path, 0);
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
	struct stat st;
	char p[1024];

	out[0] = 0;
	ld_search_begin(&s, name, NULL);
	while (ld_search_next(&s, p, sizeof p, &st)) {
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

/* A DLL in the program's directory is found without asking for the
 * current directory (no getcwd on the usual LoadLibrary); the current
 * directory is filled in when the search gets there. */
CU_TEST(search, cwd_only_when_reached)
{
	struct ld_search s;
	struct stat st;
	char p[1024], want[1024];

	ld_search_begin(&s, "both.dll", NULL);
	CU_ASSERT_EQUAL(ld_search_next(&s, p, sizeof p, &st), 1);
	snprintf(want, sizeof want, "%s/both.dll", prog);
	CU_ASSERT_STRING_EQUAL(p, want);
	CU_ASSERT_PTR_NULL(s.cwd);
	CU_ASSERT_EQUAL(ld_search_next(&s, p, sizeof p, &st), 1);
	CU_ASSERT_PTR_NOT_NULL(s.cwd);
	snprintf(want, sizeof want, "%s/both.dll", cwd);
	CU_ASSERT_STRING_EQUAL(p, want);
	ld_search_end(&s);
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

	struct stat st;

	ld_search_begin(&s, "ghost.dll", NULL);
	CU_ASSERT_EQUAL(ld_search_next(&s, p, sizeof p, &st), 0);
	ld_search_dirs(&s, dirs, sizeof dirs);
	snprintf(want, sizeof want, "%s, %s, /nonexistent, %s, %s", prog, cwd,
	         extra, extra2);
	CU_ASSERT_STRING_EQUAL(dirs, want);
	ld_search_end(&s);
}

CU_TEST(search, backslash_path)
{
	char got[4096], want[4096];

	candidates("sub\\inner.dll", got, sizeof got);
	snprintf(want, sizeof want, "%s/sub/inner.dll", cwd);
	CU_ASSERT_STRING_EQUAL(got, want);
	candidates("sub\\nothere.dll", got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, "");
}

/* ld_full_path(cwd, path) against want; "" when it must fail. */
static int full_is(const char *cwdir, const char *path, const char *want)
{
	char out[64];
	int rc = ld_full_path(cwdir, path, out, sizeof out);

	if (!*want)
		return rc < 0;
	if (rc < 0 || strcmp(out, want)) {
		printf("\n  ld_full_path(%s, %s) = %d '%s', want '%s'", cwdir,
		       path, rc, rc < 0 ? "" : out, want);
		return 0;
	}
	return 1;
}

CU_TEST(search, full_path_lexical)
{
	CU_ASSERT(full_is("/w/d", "x.dll", "/w/d/x.dll"));
	CU_ASSERT(full_is("/w/d", "./x.dll", "/w/d/x.dll"));
	CU_ASSERT(full_is("/w/d", "sub/./x.dll", "/w/d/sub/x.dll"));
	CU_ASSERT(full_is("/w/d", "../x.dll", "/w/x.dll"));
	CU_ASSERT(full_is("/w/d", "sub/../../e/x.dll", "/w/e/x.dll"));
	CU_ASSERT(full_is("/w/d", "../../../../x.dll", "/x.dll"));
	CU_ASSERT(full_is("/w/d", "sub//x.dll", "/w/d/sub/x.dll"));
	CU_ASSERT(full_is("/w/d/", "x.dll", "/w/d/x.dll"));
	CU_ASSERT(full_is("/", "x.dll", "/x.dll"));
	CU_ASSERT(full_is("/", "..", "/"));
	CU_ASSERT(full_is("/w/d", ".", "/w/d"));
	CU_ASSERT(full_is("/w/d", "sub/", "/w/d/sub"));
	/* An absolute path ignores cwd, which may then be unknown. */
	CU_ASSERT(full_is("/w/d", "//a/./b/../c.dll", "/a/c.dll"));
	CU_ASSERT(full_is(NULL, "/a//b.dll", "/a/b.dll"));
	/* A relative path needs an absolute cwd. */
	CU_ASSERT(full_is(NULL, "x.dll", ""));
	CU_ASSERT(full_is("w/d", "x.dll", ""));
	/* Only '/' separates: a backslash is a Linux name's character
	 * (ld_search_next turns a LoadLibrary path's into '/'). */
	CU_ASSERT(full_is("/w", "a\\b", "/w/a\\b"));
	/* The buffer is checked: 64 bytes hold 63 characters. */
	CU_ASSERT(full_is("/", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	                  "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
	CU_ASSERT(full_is("/", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	                  ""));
}

/* A path given to LoadLibrary: made absolute from the current directory,
 * "." and ".." and doubled separators removed without resolving. */
CU_TEST(search, relative_paths_made_full)
{
	char got[4096], want[4096], name[4096];

	snprintf(want, sizeof want, "%s/sub/inner.dll", cwd);
	candidates("sub\\..\\sub\\\\.\\inner.dll", got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, want);
	candidates("./sub/inner.dll", got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, want);
	snprintf(want, sizeof want, "%s/both.dll", cwd);
	candidates(".\\both.dll", got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, want);
	snprintf(want, sizeof want, "%s/both.dll", prog);
	candidates("..\\prog\\both.dll", got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, want);
	/* Absolute, with a doubled slash and "..". */
	snprintf(name, sizeof name, "%s//extra2/../extra2/far.dll", root);
	snprintf(want, sizeof want, "%s/extra2/far.dll", root);
	candidates(name, got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, want);
}

/* Relative $DLLSHARE_PATH entries are searched, and listed, from the
 * current directory. */
CU_TEST(search, relative_dllshare_path)
{
	char *old = strdup(getenv("DLLSHARE_PATH"));
	char got[4096], want[4096], dirs[2048], p[1024];
	struct ld_search s;
	struct stat st;

	setenv("DLLSHARE_PATH", "../extra2/./:.//sub:../cwd/sub/..", 1);
	candidates("far.dll", got, sizeof got);
	snprintf(want, sizeof want, "%s/extra2/far.dll", root);
	CU_ASSERT_STRING_EQUAL(got, want);
	candidates("inner.dll", got, sizeof got);
	snprintf(want, sizeof want, "%s/sub/inner.dll", cwd);
	CU_ASSERT_STRING_EQUAL(got, want);
	/* "../cwd/sub/.." is the current directory: searched once. */
	ld_search_begin(&s, "ghost.dll", NULL);
	CU_ASSERT_EQUAL(ld_search_next(&s, p, sizeof p, &st), 0);
	ld_search_dirs(&s, dirs, sizeof dirs);
	snprintf(want, sizeof want, "%s, %s, %s/extra2, %s/sub", prog, cwd,
	         root, cwd);
	CU_ASSERT_STRING_EQUAL(dirs, want);
	ld_search_end(&s);
	setenv("DLLSHARE_PATH", old, 1);
	free(old);
}

/* The stat a candidate comes with is the file's (through a symlink: its
 * target's), and the symlink is not resolved in the path. */
CU_TEST(search, stat_and_symlink)
{
	struct ld_search s;
	struct stat st, want;
	char p[1024], target[700], link[700];

	snprintf(target, sizeof target, "%s/far.dll", extra2);
	snprintf(link, sizeof link, "%s/alias.dll", cwd);
	CU_ASSERT_EQUAL_FATAL(symlink(target, link), 0);
	CU_ASSERT_EQUAL_FATAL(stat(target, &want), 0);
	memset(&st, 0, sizeof st);
	ld_search_begin(&s, "ALIAS.dll", NULL);
	CU_ASSERT_EQUAL(ld_search_next(&s, p, sizeof p, &st), 1);
	CU_ASSERT_STRING_EQUAL(p, link);
	CU_ASSERT_EQUAL(st.st_ino, want.st_ino);
	CU_ASSERT_EQUAL(st.st_dev, want.st_dev);
	CU_ASSERT(S_ISREG(st.st_mode));
	ld_search_end(&s);
	/* A directory by the name is not a candidate. */
	ld_search_begin(&s, "sub", NULL);
	CU_ASSERT_EQUAL(ld_search_next(&s, p, sizeof p, &st), 0);
	ld_search_end(&s);
	unlink(link);
}

/* Every candidate for name through order, joined by '|'. */
static void candidates_in(const char *name, const struct ld_order *o,
                          char *out, size_t len)
{
	struct ld_search s;
	struct stat st;
	char p[1024];

	out[0] = 0;
	ld_search_begin(&s, name, o);
	while (ld_search_next(&s, p, sizeof p, &st)) {
		if (out[0])
			strncat(out, "|", len - strlen(out) - 1);
		strncat(out, p, len - strlen(out) - 1);
	}
	ld_search_end(&s);
}

/* An order the runtime gives (LoadLibraryEx's flags, the DLL
 * directories): its directories, in its order, and no others. */
CU_TEST(search, given_order)
{
	struct ld_dir d[] = {
		{LD_DIR_PATH, extra2}, {LD_DIR_SYSTEM, NULL},
		{LD_DIR_PROGRAM, NULL}, {LD_DIR_CURRENT, NULL},
	};
	struct ld_order o = {d, 4};
	char got[4096], want[4096];

	candidates_in("both.dll", &o, got, sizeof got);
	snprintf(want, sizeof want, "%s/both.dll|%s/both.dll|%s/both.dll",
	         extra, prog, cwd);
	CU_ASSERT_STRING_EQUAL(got, want);
	/* The program's directory alone (SEARCH_APPLICATION_DIR). */
	o.dirs = d + 2;
	o.n = 1;
	candidates_in("both.dll", &o, got, sizeof got);
	snprintf(want, sizeof want, "%s/both.dll", prog);
	CU_ASSERT_STRING_EQUAL(got, want);
	candidates_in("far.dll", &o, got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, "");
	/* The system alone: $DLLSHARE_PATH. */
	o.dirs = d + 1;
	candidates_in("far.dll", &o, got, sizeof got);
	snprintf(want, sizeof want, "%s/far.dll", extra2);
	CU_ASSERT_STRING_EQUAL(got, want);
}

/* An empty order finds nothing by name; a path is still a path. */
CU_TEST(search, empty_order)
{
	struct ld_order o = {NULL, 0};
	char got[4096], want[4096], name[4096];

	candidates_in("both.dll", &o, got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, "");
	snprintf(name, sizeof name, "%s/far.dll", extra2);
	candidates_in(name, &o, got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, name);
	/* ".\\" and "..\\" paths are the current directory's. */
	snprintf(want, sizeof want, "%s/sub/inner.dll", cwd);
	candidates_in(".\\sub\\inner.dll", &o, got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, want);
	/* Another relative path is looked for under the order's
	 * directories: none here. */
	candidates_in("sub\\inner.dll", &o, got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, "");
}

/* A relative path with a separator under each directory of the order,
 * a relative directory taken from the current one (SetDllDirectory
 * ("sub"), LOAD_WITH_ALTERED_SEARCH_PATH of "sub\\x.dll"). */
CU_TEST(search, relative_path_in_dirs)
{
	struct ld_dir d[] = {
		{LD_DIR_PROGRAM, NULL}, {LD_DIR_PATH, root}, {LD_DIR_PATH, "sub"},
	};
	struct ld_order o = {d, 3};
	char got[4096], want[4096], dirs[2048];
	struct ld_search s;
	struct stat st;

	candidates_in("cwd\\sub\\inner.dll", &o, got, sizeof got);
	snprintf(want, sizeof want, "%s/sub/inner.dll", cwd);
	CU_ASSERT_STRING_EQUAL(got, want);
	candidates_in("inner.dll", &o, got, sizeof got);
	CU_ASSERT_STRING_EQUAL(got, want);
	ld_search_begin(&s, "ghost.dll", &o);
	CU_ASSERT_EQUAL(ld_search_next(&s, dirs, sizeof dirs, &st), 0);
	ld_search_dirs(&s, dirs, sizeof dirs);
	snprintf(want, sizeof want, "%s, %s, %s/sub", prog, root, cwd);
	CU_ASSERT_STRING_EQUAL(dirs, want);
	ld_search_end(&s);
}

/* The standard order is the program's directory, the current one and
 * the system, as NULL gives it. */
CU_TEST(search, standard_order)
{
	char got[4096], want[4096];

	candidates_in("both.dll", &ld_standard_order, got, sizeof got);
	candidates("both.dll", want, sizeof want);
	CU_ASSERT_STRING_EQUAL(got, want);
}
