/* wcrt_files.c — msvcrt's wide file and path functions in a Unicode
 * program (wmain): _waccess, _wstat, _wstati64, _wremove, _wrename,
 * _wrmdir, _wfindfirst/_wfindnext (and the i64 forms), _utime, _wutime,
 * _futime, _futime64, _utime32, _splitpath/_wsplitpath,
 * _makepath/_wmakepath, _mktemp/_wmktemp, _getdcwd/_wgetdcwd, _getdrive,
 * _getdrives, _chdrive, _getdiskfree, each on success and on failure
 * (errno); and their narrow twins where msvcrt lacked them.  Nothing
 * printed depends on the run: absolute paths are cut to their last name,
 * process ids masked.
 * wine-test: unicode */
#define __USE_MINGW_ANSI_STDIO 0
#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utime.h>
#include <wchar.h>

/* A wide string as ASCII (units above 127 as \x..). */
static const char *a(const wchar_t *w)
{
	static char buf[8][600];
	static int k;
	char *o = buf[k++ & 7], *p = o;

	if (!w)
		return "(null)";
	for (; *w && p < o + 590; w++)
		p += *w < 128 ? sprintf(p, "%c", (char)*w)
			      : sprintf(p, "\\x%x", *w);
	*p = 0;
	return o;
}

/* The last name of a path (what does not depend on where the test runs). */
static const wchar_t *tail(const wchar_t *w)
{
	const wchar_t *t = w;

	for (; w && *w; w++)
		if (*w == '\\' || *w == '/')
			t = w + 1;
	return t;
}

static void touch(const wchar_t *name, const char *text)
{
	FILE *f = _wfopen(name, L"wb");

	fputs(text, f);
	fclose(f);
}

static void access_stat(void)
{
	struct _stat st;
	struct _stati64 si;
	int r;

	touch(L"f1.txt", "hello");
	_wmkdir(L"d1");
	for (int m = 0; m <= 6; m += 2) {
		errno = 0;
		r = _waccess(L"f1.txt", m);
		printf("waccess f1 %d: %d errno %d\n", m, r, errno);
	}
	errno = 0;
	r = _waccess(L"nope.txt", 0);
	printf("waccess missing: %d errno %d\n", r, errno);
	errno = 0;
	r = _waccess(L"d1", 0);
	printf("waccess dir: %d errno %d\n", r, errno);
	_wchmod(L"f1.txt", _S_IREAD);
	errno = 0;
	r = _waccess(L"f1.txt", 2);
	printf("waccess read-only for write: %d errno %d\n", r, errno);
	_wchmod(L"f1.txt", _S_IREAD | _S_IWRITE);

	memset(&st, 0x55, sizeof st);
	r = _wstat(L"f1.txt", &st);
	printf("wstat f1: %d size %ld mode %o nlink %d\n", r, (long)st.st_size,
	       st.st_mode, st.st_nlink);
	r = _wstat(L"d1", &st);
	printf("wstat d1: %d mode %o\n", r, st.st_mode);
	errno = 0;
	r = _wstat(L"nope.txt", &st);
	printf("wstat missing: %d errno %d\n", r, errno);
	r = _wstati64(L"F1.TXT", &si);
	printf("wstati64 F1.TXT: %d size %lld mode %o\n", r,
	       (long long)si.st_size, si.st_mode);
	errno = 0;
	r = _wstati64(L"d1\\nope", &si);
	printf("wstati64 missing: %d errno %d\n", r, errno);
	r = _stati64("f1.txt", &si);
	printf("stati64 f1: %d size %lld\n", r, (long long)si.st_size);
}

static void times(void)
{
	struct _utimbuf u = {1000000000, 1200000000};
	struct __utimbuf64 u64 = {1300000000, 1400000000};
	struct __utimbuf32 u32 = {1500000000, 1600000000};
	struct _stat64 st;
	int r, fd;

	r = _utime("f1.txt", &u);
	_stat64("f1.txt", &st);
	printf("utime: %d mtime %lld atime %lld\n", r, (long long)st.st_mtime,
	       (long long)st.st_atime);
	u.modtime = 1100000000;
	r = _wutime(L"f1.txt", &u);
	_stat64("f1.txt", &st);
	printf("wutime: %d mtime %lld\n", r, (long long)st.st_mtime);
	errno = 0;
	r = _wutime(L"nope.txt", &u);
	printf("wutime missing: %d errno %d\n", r, errno);
	r = _utime32("f1.txt", &u32);
	_stat64("f1.txt", &st);
	printf("utime32: %d mtime %lld\n", r, (long long)st.st_mtime);
	fd = _wopen(L"f1.txt", _O_RDWR);
	r = _futime(fd, &u);
	_stat64("f1.txt", &st);
	printf("futime: %d mtime %lld\n", r, (long long)st.st_mtime);
	r = _futime64(fd, &u64);
	_stat64("f1.txt", &st);
	printf("futime64: %d mtime %lld atime %lld\n", r,
	       (long long)st.st_mtime, (long long)st.st_atime);
	r = _futime32(fd, &u32);
	_stat64("f1.txt", &st);
	printf("futime32: %d mtime %lld\n", r, (long long)st.st_mtime);
	_close(fd);
	errno = 0;
	r = _futime(fd, &u);
	printf("futime closed: %d errno %d\n", r, errno);
	errno = 0;
	r = _futime(-1, &u);
	printf("futime -1: %d errno %d\n", r, errno);
}

static void names(void)
{
	int r;

	touch(L"f2.txt", "x");
	touch(L"f3.txt", "y");
	errno = 0;
	r = _wrename(L"f2.txt", L"f3.txt");
	printf("wrename onto existing: %d errno %d\n", r, errno);
	r = _wrename(L"f2.txt", L"f4.txt");
	printf("wrename: %d then access %d\n", r, _waccess(L"f4.txt", 0));
	errno = 0;
	r = _wrename(L"nope.txt", L"f5.txt");
	printf("wrename missing: %d errno %d\n", r, errno);
	r = _wremove(L"f4.txt");
	printf("wremove: %d then access %d\n", r, _waccess(L"f4.txt", 0));
	errno = 0;
	r = _wremove(L"f4.txt");
	printf("wremove missing: %d errno %d\n", r, errno);
	_wmkdir(L"d2");
	touch(L"d2\\in.txt", "z");
	errno = 0;
	r = _wrmdir(L"d2");
	printf("wrmdir not empty: %d errno %d\n", r, errno);
	_wremove(L"d2\\in.txt");
	r = _wrmdir(L"d2");
	printf("wrmdir: %d then access %d\n", r, _waccess(L"d2", 0));
	errno = 0;
	r = _wrmdir(L"d2");
	printf("wrmdir missing: %d errno %d\n", r, errno);
	errno = 0;
	r = _wrmdir(L"f3.txt");
	printf("wrmdir of a file: %d errno %d\n", r, errno);
}

static void find(void)
{
	struct _wfinddata_t w;
	struct _wfinddatai64_t wi;
	struct _finddata_t n;
	struct _finddatai64_t ni;
	struct _finddata64i32_t n64;
	struct _wfinddata64i32_t w64;
	intptr_t h;
	int count = 0;

	_wmkdir(L"fd");
	touch(L"fd\\a1.txt", "1");
	touch(L"fd\\a2.txt", "22");
	touch(L"fd\\b.dat", "333");
	h = _wfindfirst(L"fd\\a*.txt", &w);
	printf("wfindfirst: %s\n", h == -1 ? "fail" : "ok");
	if (h != -1) {
		do
			count++;
		while (_wfindnext(h, &w) == 0);
		printf("wfindnext: %d names, errno %d\n", count, errno);
		_findclose(h);
	}
	h = _wfindfirsti64(L"fd\\b.*", &wi);
	printf("wfindfirsti64: %s name %s size %lld attrib %x\n",
	       h == -1 ? "fail" : "ok", a(wi.name), (long long)wi.size,
	       wi.attrib & 0x10);
	errno = 0;
	count = _wfindnexti64(h, &wi);
	printf("wfindnexti64 end: %d errno %d\n", count, errno);
	_findclose(h);
	h = _findfirst("fd\\b.dat", &n);
	printf("findfirst: %s name %s size %lu\n", h == -1 ? "fail" : "ok",
	       n.name, (unsigned long)n.size);
	errno = 0;
	count = _findnext(h, &n);
	printf("findnext end: %d errno %d\n", count, errno);
	_findclose(h);
	h = _findfirsti64("fd\\a2.txt", &ni);
	printf("findfirsti64: %s name %s size %lld\n", h == -1 ? "fail" : "ok",
	       ni.name, (long long)ni.size);
	printf("findnexti64 end: %d\n", _findnexti64(h, &ni));
	_findclose(h);
	h = _findfirst64i32("fd\\a1.txt", &n64);
	printf("findfirst64i32: %s name %s size %lu next %d\n",
	       h == -1 ? "fail" : "ok", n64.name, (unsigned long)n64.size,
	       _findnext64i32(h, &n64));
	_findclose(h);
	h = _wfindfirst64i32(L"fd\\a1.txt", &w64);
	printf("wfindfirst64i32: %s name %s size %lu next %d\n",
	       h == -1 ? "fail" : "ok", a(w64.name), (unsigned long)w64.size,
	       _wfindnext64i32(h, &w64));
	_findclose(h);
	errno = 0;
	h = _wfindfirst(L"fd\\zz*", &w);
	printf("wfindfirst none: %d errno %d\n", (int)h, errno);
	errno = 0;
	h = _wfindfirst(L"nodir\\*", &w);
	printf("wfindfirst no dir: %d errno %d\n", (int)h, errno);
}

static void split(void)
{
	static const wchar_t *paths[] = {
		L"c:\\dir\\sub\\file.ext", L"c:file",	  L"\\dir/f.tar.gz",
		L"noext",		   L".hidden",	  L"dir.d\\name",
		L"x:",			   L"",		  L"dir\\",
		L"a.b.c",		   L"\\\\srv\\share\\f.x",
	};
	wchar_t d[8], p[256], f[256], e[256], out[260];
	char nd[8], np[256], nf[256], ne[256], nout[260];

	for (unsigned i = 0; i < sizeof paths / sizeof *paths; i++) {
		char narrow[100];

		_wsplitpath(paths[i], d, p, f, e);
		printf("wsplitpath <%s>: <%s> <%s> <%s> <%s>\n", a(paths[i]),
		       a(d), a(p), a(f), a(e));
		wcstombs(narrow, paths[i], sizeof narrow);
		_splitpath(narrow, nd, np, nf, ne);
		printf(" splitpath: <%s> <%s> <%s> <%s>\n", nd, np, nf, ne);
		_wmakepath(out, d, p, f, e);
		_makepath(nout, nd, np, nf, ne);
		printf(" makepath again <%s> <%s>\n", a(out), nout);
	}
	_wsplitpath(L"c:\\x\\y.z", NULL, p, NULL, e);
	printf("wsplitpath some NULL: <%s> <%s>\n", a(p), a(e));
	_wmakepath(out, L"q", L"dir", L"name", L"txt");
	printf("wmakepath bare parts <%s>\n", a(out));
	_wmakepath(out, L"q:", L"dir/", L"name", L".txt");
	printf("wmakepath full parts <%s>\n", a(out));
	_makepath(nout, NULL, NULL, "name", NULL);
	printf("makepath name only <%s>\n", nout);
	_makepath(nout, "", "\\", "", "e");
	printf("makepath root ext <%s>\n", nout);
}

/* Digits in a name from _mktemp come from the process id: masked. */
static const char *mask(const char *s)
{
	static char b[64];
	int i;

	for (i = 0; s[i] && i < 63; i++)
		b[i] = s[i] >= '0' && s[i] <= '9' ? '#' : s[i];
	b[i] = 0;
	return b;
}

static void mktemp_(void)
{
	char t1[] = "tmpXXXXXX", t2[] = "XXXXXX", t3[] = "tmpXXXXX",
	     t4[] = "aXXXXXXb", t5[] = "tmpXXXXXXX";
	wchar_t w1[] = L"wtXXXXXX", w2[] = L"wtXXXX";
	char *r;
	wchar_t *wr;
	char n[64];

	errno = 0;
	r = _mktemp(t1);
	printf("mktemp: %s %s errno %d\n", r ? "ok" : "NULL", mask(t1), errno);
	/* The same template again (the file does not exist: same name). */
	strcpy(n, t1);
	touch(L"dummy", "");
	r = _mktemp(t2);
	printf("mktemp 6 X: %s %s\n", r ? "ok" : "NULL", mask(t2));
	errno = 0;
	r = _mktemp(t3);
	printf("mktemp 5 X: %s %s errno %d\n", r ? "ok" : "NULL", t3, errno);
	errno = 0;
	r = _mktemp(t4);
	printf("mktemp X not last: %s %s errno %d\n", r ? "ok" : "NULL", t4,
	       errno);
	r = _mktemp(t5);
	printf("mktemp 7 X: %s %s\n", r ? "ok" : "NULL", mask(t5));
	/* A file with the first name: the next letter. */
	{
		FILE *f = fopen(n, "w");
		char again[] = "tmpXXXXXX";

		fclose(f);
		r = _mktemp(again);
		printf("mktemp taken: %s %s same digits %d\n",
		       r ? "ok" : "NULL", mask(again),
		       !strcmp(again + 4, n + 4));
		_unlink(n);
	}
	/* Wine's _wmktemp differs from its _mktemp (digits in every X, no
	 * letter, five X enough); dllshare's is _mktemp's, as Microsoft
	 * documents both: only what the two agree on is printed. */
	wr = _wmktemp(w1);
	printf("wmktemp: %s length %d X left %d\n", wr ? "ok" : "NULL",
	       (int)wcslen(w1), wcschr(w1, L'X') != NULL);
	errno = 0;
	wr = _wmktemp(w2);
	printf("wmktemp short: %s %s errno %d\n", wr ? "ok" : "NULL", a(w2),
	       errno);
	errno = 0;
	r = _mktemp(NULL);
	printf("mktemp NULL: %s errno %d\n", r ? "ok" : "NULL", errno);
}

static void drives(void)
{
	wchar_t w[300], *wr;
	char n[300], *r;
	struct _diskfree_t df;
	unsigned u;
	int drv = _getdrive();

	printf("getdrive %d, in getdrives %d\n", drv,
	       (int)(_getdrives() >> (drv - 1) & 1));
	for (int i = 0; i < 3; i++) {
		static const int which[] = {26, 17, 0};
		int r;

		errno = 0;
		r = _chdrive(which[i]);
		printf("chdrive %d: %d errno %d\n", which[i], r, errno);
	}
	_wmkdir(L"cwdname");
	_wchdir(L"cwdname");
	wr = _wgetdcwd(0, w, 300);
	printf("wgetdcwd 0: %s tail %s\n", wr == w ? "buf" : "?", a(tail(w)));
	wr = _wgetdcwd(drv, w, 300);
	printf("wgetdcwd cur: %s tail %s\n", wr == w ? "buf" : "?", a(tail(w)));
	wr = _wgetdcwd(drv, NULL, 0);
	printf("wgetdcwd alloc: tail %s\n", a(tail(wr)));
	free(wr);
	errno = 0;
	wr = _wgetdcwd(0, w, 3);
	printf("wgetdcwd small: %s errno %d\n", wr ? "?" : "NULL", errno);
	r = _getdcwd(0, n, 300);
	printf("getdcwd 0: %s tail %s\n", r == n ? "buf" : "?",
	       a(tail(_wgetcwd(w, 300))));
	errno = 0;
	r = _getdcwd(17, n, 300);
	printf("getdcwd Q: %s errno %d\n", r ? "?" : "NULL", errno);
	errno = 0;
	wr = _wgetdcwd(17, w, 300);
	printf("wgetdcwd Q: %s errno %d\n", wr ? "?" : "NULL", errno);
	_wchdir(L"..");
	memset(&df, 0, sizeof df);
	u = _getdiskfree(0, &df);
	printf("getdiskfree 0: %u sane %d\n", u,
	       df.bytes_per_sector > 0 && df.sectors_per_cluster > 0 &&
		       df.total_clusters >= df.avail_clusters);
	u = _getdiskfree(drv, &df);
	printf("getdiskfree cur: %u\n", u);
	errno = 0;
	u = _getdiskfree(27, &df);
	printf("getdiskfree 27: %u errno %d\n", u, errno);
}

int wmain(void)
{
	access_stat();
	times();
	names();
	find();
	split();
	mktemp_();
	drives();
	return 0;
}
