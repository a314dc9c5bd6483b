/* registry.c — the registry, compared with Wine: keys and values of every
 * type created under HKCU\Software\dllshare-test-registry, read back
 * through the A and W functions (sizes, ERROR_MORE_DATA, conversions),
 * enumerated, RegQueryInfoKey, RegGetValue's type restrictions and
 * expansion, deletion (a handle whose key went is ERROR_KEY_DELETED),
 * access checks, the error cases, and HKEY_CLASSES_ROOT as
 * HKLM\Software\Classes.  The registry dllshare starts with is empty, so
 * the program reads only what it wrote, and removes it at the end. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define ROOT  "Software\\dllshare-test-registry"
#define WROOT L"Software\\dllshare-test-registry"

static void show(const char *what, LONG rc)
{
	printf("%-40s %ld\n", what, rc);
}

static void hex(const char *what, const void *p, DWORD n)
{
	const unsigned char *b = p;

	printf("%-40s", what);
	for (DWORD i = 0; i < n && i < 48; i++)
		printf(" %02x", b[i]);
	printf("\n");
}

static void set_all(HKEY k)
{
	DWORD d = 0x12345678;
	ULONGLONG q = 0x1122334455667788ull;
	static const char multi[] = "one\0two\0three\0";
	static const WCHAR wmulti[] = L"w1\0w2\0";
	BYTE bin[5] = {1, 2, 0, 0xfe, 0xff};

	show("set sz A",
	     RegSetValueExA(k, "Sz", 0, REG_SZ, (const BYTE *)"hello", 6));
	show("set sz A no nul",
	     RegSetValueExA(k, "SzNoNul", 0, REG_SZ, (const BYTE *)"abc", 3));
	show("set sz W",
	     RegSetValueExW(k, L"WSz", 0, REG_SZ, (const BYTE *)L"wxt", 8));
	show("set expand A",
	     RegSetValueExA(k, "Exp", 0, REG_EXPAND_SZ,
			    (const BYTE *)"%DLLSHARE_TEST_VAR%!", 21));
	show("set multi A",
	     RegSetValueExA(k, "Multi", 0, REG_MULTI_SZ, (const BYTE *)multi,
			    sizeof multi));
	show("set multi W",
	     RegSetValueExW(k, L"WMulti", 0, REG_MULTI_SZ, (const BYTE *)wmulti,
			    sizeof wmulti));
	show("set dword",
	     RegSetValueExA(k, "Dw", 0, REG_DWORD, (const BYTE *)&d, 4));
	show("set dword BE",
	     RegSetValueExA(k, "DwBe", 0, REG_DWORD_BIG_ENDIAN,
			    (const BYTE *)&d, 4));
	show("set qword",
	     RegSetValueExA(k, "Qw", 0, REG_QWORD, (const BYTE *)&q, 8));
	show("set binary", RegSetValueExA(k, "Bin", 0, REG_BINARY, bin, 5));
	show("set none", RegSetValueExA(k, "None", 0, REG_NONE, NULL, 0));
	show("set type 77", RegSetValueExA(k, "Odd", 0, 77, bin, 3));
	show("set default",
	     RegSetValueExA(k, NULL, 0, REG_SZ, (const BYTE *)"dflt", 5));
	show("set dword short",
	     RegSetValueExA(k, "DwShort", 0, REG_DWORD, (const BYTE *)&d, 2));
	show("set Mixed case",
	     RegSetValueExA(k, "MiXeD", 0, REG_DWORD, (const BYTE *)&d, 4));
	show("set reserved 1",
	     RegSetValueExA(k, "R", 1, REG_DWORD, (const BYTE *)&d, 4));
}

static void query_a(HKEY k, const char *name, DWORD bufsize)
{
	BYTE buf[256];
	DWORD type = 0xdead, size = bufsize;
	char what[64];
	LONG rc;

	memset(buf, 0xcc, sizeof buf);
	rc = RegQueryValueExA(k, name, NULL, &type, buf, &size);
	snprintf(what, sizeof what, "A %s (%lu)", name ? name : "@", bufsize);
	printf("%-40s %ld type %lu size %lu\n", what, rc, type, size);
	if (rc == 0)
		hex("  data", buf, size);
	else if (rc == ERROR_MORE_DATA)
		hex("  untouched?", buf, 4);
	type = 0xdead, size = 0xdead;
	rc = RegQueryValueExA(k, name, NULL, &type, NULL, &size);
	printf("%-40s %ld type %lu size %lu\n", "  no buffer", rc, type, size);
}

static void query_w(HKEY k, const WCHAR *name, DWORD bufsize)
{
	BYTE buf[256];
	DWORD type = 0xdead, size = bufsize;
	char what[64];
	LONG rc;

	memset(buf, 0xcc, sizeof buf);
	rc = RegQueryValueExW(k, name, NULL, &type, buf, &size);
	snprintf(what, sizeof what, "W %ls (%lu)", name ? name : L"@", bufsize);
	printf("%-40s %ld type %lu size %lu\n", what, rc, type, size);
	if (rc == 0)
		hex("  data", buf, size);
	type = 0xdead, size = 0xdead;
	rc = RegQueryValueExW(k, name, NULL, &type, NULL, &size);
	printf("%-40s %ld type %lu size %lu\n", "  no buffer", rc, type, size);
}

static void read_all(HKEY k)
{
	static const char *names[] = {
		"Sz", "SzNoNul", "WSz",	  "Exp", "Multi",  "WMulti",
		"Dw", "DwBe",	 "Qw",	  "Bin", "None",   "Odd",
		NULL, "DwShort", "mixed", "R",	 "Missing"};
	static const WCHAR *wnames[] = {
		L"Sz", L"SzNoNul", L"WSz", L"EXP",  L"Multi", L"WMulti",
		L"Dw", L"Qw",	   L"Bin", L"None", L"",      L"Missing"};

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		query_a(k, names[i], 200);
	for (size_t i = 0; i < sizeof wnames / sizeof *wnames; i++)
		query_w(k, wnames[i], 200);
	/* Buffers too small, and exactly right. */
	query_a(k, "Sz", 5);
	query_a(k, "Sz", 6);
	query_a(k, "Sz", 0);
	query_a(k, "WSz", 2);
	query_a(k, "Multi", 10);
	query_a(k, "Dw", 3);
	query_w(k, L"Sz", 11);
	query_w(k, L"Sz", 12);
	query_w(k, L"Multi", 4);
	{
		DWORD size = 100, type;
		LONG rc = RegQueryValueExA(k, "Sz", NULL, &type, NULL, NULL);

		show("A no size no data", rc);
		rc = RegQueryValueExA(k, "Sz", NULL, NULL, NULL, &size);
		printf("%-40s %ld size %lu\n", "A size only", rc, size);
		rc = RegQueryValueExA(k, "Missing", NULL, &type, NULL, &size);
		show("A missing size only", rc);
	}
}

static void get_value(HKEY k, const char *sub, const char *name, DWORD flags,
		      DWORD bufsize)
{
	BYTE buf[256];
	DWORD type = 0xdead, size = bufsize;
	char what[80];
	LONG rc;

	memset(buf, 0xcc, sizeof buf);
	rc = RegGetValueA(k, sub, name, flags, &type, buf, &size);
	snprintf(what, sizeof what, "Get %s %s %#lx (%lu)", sub ? sub : "-",
		 name ? name : "@", flags, bufsize);
	printf("%-40s %ld type %lu size %lu\n", what, rc, type, size);
	if (rc == 0 || (flags & RRF_ZEROONFAILURE))
		hex("  data", buf, size < 64 ? size : 8);
	size = 0xdead;
	rc = RegGetValueA(k, sub, name, flags, NULL, NULL, &size);
	printf("%-40s %ld size %lu\n", "  size only", rc, size);
}

static void get_value_w(HKEY k, const WCHAR *sub, const WCHAR *name,
			DWORD flags, DWORD bufsize)
{
	BYTE buf[256];
	DWORD type = 0xdead, size = bufsize;
	char what[80];
	LONG rc;

	memset(buf, 0xcc, sizeof buf);
	rc = RegGetValueW(k, sub, name, flags, &type, buf, &size);
	snprintf(what, sizeof what, "GetW %ls %ls %#lx (%lu)", sub ? sub : L"-",
		 name ? name : L"@", flags, bufsize);
	printf("%-40s %ld type %lu size %lu\n", what, rc, type, size);
	if (rc == 0)
		hex("  data", buf, size);
}

static void get_all(HKEY k)
{
	get_value(k, NULL, "Sz", RRF_RT_REG_SZ, 200);
	get_value(k, NULL, "Sz", RRF_RT_REG_DWORD, 200);
	get_value(k, NULL, "Sz", RRF_RT_ANY, 3);
	get_value(k, NULL, "SzNoNul", RRF_RT_REG_SZ, 200);
	get_value(k, NULL, "Dw", RRF_RT_DWORD, 200);
	get_value(k, NULL, "Dw", RRF_RT_QWORD, 200);
	get_value(k, NULL, "Dw", RRF_RT_QWORD | RRF_ZEROONFAILURE, 8);
	get_value(k, NULL, "Qw", RRF_RT_QWORD, 200);
	get_value(k, NULL, "Qw", RRF_RT_QWORD, 4);
	get_value(k, NULL, "DwShort", RRF_RT_DWORD, 200);
	get_value(k, NULL, "Bin", RRF_RT_REG_BINARY, 200);
	get_value(k, NULL, "Bin", RRF_RT_DWORD, 200);
	get_value(k, NULL, "None", RRF_RT_REG_NONE, 200);
	get_value(k, NULL, "Exp", RRF_RT_REG_SZ, 200);
	get_value(k, NULL, "Exp", RRF_RT_REG_EXPAND_SZ, 200);
	get_value(k, NULL, "Exp", RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, 200);
	get_value(k, NULL, "Exp", RRF_RT_ANY | RRF_NOEXPAND, 200);
	get_value(k, NULL, "Exp", RRF_RT_REG_SZ, 5);
	get_value(k, NULL, "Multi", RRF_RT_REG_MULTI_SZ, 200);
	get_value(k, NULL, "Missing", RRF_RT_ANY, 200);
	get_value(k, NULL, NULL, RRF_RT_REG_SZ, 200);
	get_value(k, "Sub1", "In1", RRF_RT_ANY, 200);
	get_value(k, "NoSuch", "In1", RRF_RT_ANY, 200);
	get_value(k, NULL, "Sz", 0, 200);
	get_value(k, NULL, "Sz", RRF_RT_ANY | 0x80000000u, 200);
	get_value_w(k, NULL, L"Exp", RRF_RT_REG_SZ, 200);
	get_value_w(k, NULL, L"WSz", RRF_RT_REG_SZ, 200);
	get_value_w(k, L"Sub1", L"In1", RRF_RT_ANY, 200);
	get_value_w(k, NULL, L"Exp", RRF_RT_REG_SZ, 6);
}

static void enumerate(HKEY k)
{
	char name[64], cls[64];
	WCHAR wname[64];
	BYTE data[64];
	FILETIME ft;
	LONG rc;

	for (DWORD i = 0;; i++) {
		DWORD n = sizeof name, c = sizeof cls;

		rc = RegEnumKeyExA(k, i, name, &n, NULL, cls, &c, &ft);
		if (rc) {
			show("enum keys end", rc);
			break;
		}
		printf("key %lu: %s (%lu) class '%s' (%lu)\n", i, name, n, cls,
		       c);
	}
	for (DWORD i = 0;; i++) {
		DWORD n = 64;

		rc = RegEnumKeyExW(k, i, wname, &n, NULL, NULL, NULL, NULL);
		if (rc) {
			show("enum keys W end", rc);
			break;
		}
		printf("keyW %lu: %ls (%lu)\n", i, wname, n);
	}
	for (DWORD i = 0;; i++) {
		DWORD n = sizeof name, d = sizeof data, type;

		rc = RegEnumValueA(k, i, name, &n, NULL, &type, data, &d);
		if (rc) {
			show("enum values end", rc);
			break;
		}
		printf("value %lu: '%s' (%lu) type %lu size %lu\n", i, name, n,
		       type, d);
	}
	for (DWORD i = 0;; i++) {
		DWORD n = 64, d = sizeof data, type;

		rc = RegEnumValueW(k, i, wname, &n, NULL, &type, data, &d);
		if (rc) {
			show("enum values W end", rc);
			break;
		}
		printf("valueW %lu: '%ls' (%lu) type %lu size %lu\n", i, wname,
		       n, type, d);
	}
	{
		DWORD n = 2, d = sizeof data, type;

		rc = RegEnumValueA(k, 1, name, &n, NULL, &type, data, &d);
		printf("%-40s %ld n %lu\n", "enum value small name", rc, n);
		n = sizeof name, d = 1;
		rc = RegEnumValueA(k, 1, name, &n, NULL, &type, data, &d);
		printf("%-40s %ld n %lu d %lu\n", "enum value small data", rc,
		       n, d);
		n = 2;
		rc = RegEnumKeyExA(k, 0, name, &n, NULL, NULL, NULL, NULL);
		printf("%-40s %ld n %lu\n", "enum key small name", rc, n);
		n = 2;
		rc = RegEnumValueW(k, 1, wname, &n, NULL, NULL, NULL, NULL);
		printf("%-40s %ld n %lu\n", "enum value W small name", rc, n);
		rc = RegEnumKeyA(k, 1, name, sizeof name);
		printf("%-40s %ld %s\n", "RegEnumKeyA 1", rc, rc ? "" : name);
		rc = RegEnumKeyA(k, 99, name, sizeof name);
		show("RegEnumKeyA 99", rc);
	}
}

static void info(HKEY k, const char *what)
{
	DWORD subs, maxsub, maxcls, vals, maxvname, maxvlen, sd;
	char cls[32] = "";
	DWORD clen = sizeof cls;
	FILETIME ft = {0, 0};
	LONG rc;

	rc = RegQueryInfoKeyA(k, cls, &clen, NULL, &subs, &maxsub, &maxcls,
			      &vals, &maxvname, &maxvlen, &sd, &ft);
	printf("info %s: %ld class '%s' %lu subs %lu max %lu cls %lu vals %lu "
	       "maxname %lu maxlen %lu time set %d\n",
	       what, rc, cls, clen, subs, maxsub, maxcls, vals, maxvname,
	       maxvlen, ft.dwHighDateTime != 0);
	rc = RegQueryInfoKeyW(k, NULL, NULL, NULL, &subs, &maxsub, &maxcls,
			      &vals, &maxvname, &maxvlen, NULL, NULL);
	printf("infoW %s: %ld subs %lu max %lu cls %lu vals %lu maxname %lu "
	       "maxlen %lu\n",
	       what, rc, subs, maxsub, maxcls, vals, maxvname, maxvlen);
}

static void errors(HKEY k)
{
	HKEY r, x;
	DWORD d = 1, disp;
	char longname[300];
	LONG rc;

	show("open missing", RegOpenKeyExA(k, "Missing", 0, KEY_READ, &x));
	show("open bad handle",
	     RegOpenKeyExA((HKEY)(ULONG_PTR)0x1234, "x", 0, KEY_READ, &x));
	show("query bad handle",
	     RegQueryValueExA((HKEY)(ULONG_PTR)0x1234, "x", 0, 0, 0, 0));
	show("close bad handle", RegCloseKey((HKEY)(ULONG_PTR)0x1234));
	show("open trailing slash",
	     RegOpenKeyExA(k, "Sub1\\", 0, KEY_READ, &x));
	RegCloseKey(x);
	show("open leading slash", RegOpenKeyExA(k, "\\Sub1", 0, KEY_READ, &x));
	show("open double slash",
	     RegOpenKeyExA(k, "Sub1\\\\Deep", 0, KEY_READ, &x));
	memset(longname, 'n', sizeof longname);
	longname[255] = 0;
	rc = RegCreateKeyExA(k, longname, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &x,
			     &disp);
	show("create 255 chars", rc);
	if (!rc) {
		RegCloseKey(x);
		show("delete 255 chars", RegDeleteKeyA(k, longname));
	}
	{
		static char vn[20000];
		memset(vn, 'v', sizeof vn);
		vn[16383] = 0;
		show("set value name 16383",
		     RegSetValueExA(k, vn, 0, REG_DWORD, (BYTE *)&d, 4));
		show("delete value name 16383", RegDeleteValueA(k, vn));
		vn[16383] = 'v';
		vn[16384] = 0;
		show("set value name 16384",
		     RegSetValueExA(k, vn, 0, REG_DWORD, (BYTE *)&d, 4));
		show("query value name 16384",
		     RegQueryValueExA(k, vn, 0, 0, 0, 0));
		vn[16384] = 'v';
		vn[19999] = 0;
		show("set value name 19999",
		     RegSetValueExA(k, vn, 0, REG_DWORD, (BYTE *)&d, 4));
	}
	show("open read-only", RegOpenKeyExA(k, "Sub1", 0, KEY_READ, &r));
	show("set through KEY_READ",
	     RegSetValueExA(r, "v", 0, REG_DWORD, (BYTE *)&d, 4));
	show("open sub through KEY_READ",
	     RegCreateKeyExA(r, "Deep", 0, NULL, 0, KEY_READ, NULL, &x, &disp));
	RegCloseKey(x);
	show("delete value through KEY_READ", RegDeleteValueA(r, "In1"));
	show("query through KEY_READ", RegQueryValueExA(r, "In1", 0, 0, 0, 0));
	RegCloseKey(r);
	show("open write-only", RegOpenKeyExA(k, "Sub1", 0, KEY_SET_VALUE, &r));
	show("query through KEY_SET_VALUE",
	     RegQueryValueExA(r, "In1", 0, 0, 0, 0));
	show("set through KEY_SET_VALUE",
	     RegSetValueExA(r, "In2", 0, REG_DWORD, (BYTE *)&d, 4));
	show("enum through KEY_SET_VALUE",
	     RegEnumKeyA(r, 0, longname, sizeof longname));
	RegCloseKey(r);
	show("open wow64_32",
	     RegOpenKeyExA(k, "Sub1", 0, KEY_READ | KEY_WOW64_32KEY, &r));
	RegCloseKey(r);
	show("open wow64_64",
	     RegOpenKeyExA(k, "Sub1", 0, KEY_READ | KEY_WOW64_64KEY, &r));
	RegCloseKey(r);
	show("open both views",
	     RegOpenKeyExA(k, "Sub1", 0,
			   KEY_READ | KEY_WOW64_32KEY | KEY_WOW64_64KEY, &r));
	RegCloseKey(r);
	show("delete both views",
	     RegDeleteKeyExA(k, "NoSuch", KEY_WOW64_32KEY | KEY_WOW64_64KEY,
			     0));
	show("set dword type bad size",
	     RegSetValueExA(k, "Bad", 0, REG_DWORD, NULL, 4));
	{
		HKEY a, b;

		RegCreateKeyExA(k, "Self", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &a,
				NULL);
		RegOpenKeyExA(k, "Self", 0, KEY_READ, &b);
		show("delete own key through KEY_READ", RegDeleteKeyA(b, ""));
		show("delete own key", RegDeleteKeyA(a, ""));
		show("  then open", RegOpenKeyExA(k, "Self", 0, KEY_READ, &x));
		show("  value through the other",
		     RegQueryValueExA(b, "v", 0, 0, 0, 0));
		RegCloseKey(a);
		RegCloseKey(b);
		show("delete NULL subkey", RegDeleteKeyA(k, NULL));
		show("delete HKCU root", RegDeleteKeyA(HKEY_CURRENT_USER, ""));
	}
	show("delete missing value", RegDeleteValueA(k, "Missing"));
	show("delete missing key", RegDeleteKeyA(k, "Missing"));
	show("delete key with subkeys", RegDeleteKeyA(k, "Sub1"));
}

static void deleted(HKEY k)
{
	HKEY a, b, c;
	DWORD disp, d = 5;
	LONG rc;

	RegCreateKeyExA(k, "Gone", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &a, &disp);
	RegCreateKeyExA(a, "Child", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &c,
			&disp);
	RegOpenKeyExA(k, "Gone", 0, KEY_ALL_ACCESS, &b);
	show("delete child", RegDeleteKeyA(a, "Child"));
	show("value on deleted child",
	     RegSetValueExA(c, "v", 0, REG_DWORD, (BYTE *)&d, 4));
	show("query on deleted child", RegQueryValueExA(c, "v", 0, 0, 0, 0));
	show("enum on deleted child",
	     RegEnumValueA(c, 0, NULL, NULL, 0, 0, 0, 0));
	show("close deleted child", RegCloseKey(c));
	show("delete Gone through other", RegDeleteKeyA(k, "Gone"));
	rc = RegSetValueExA(a, "v", 0, REG_DWORD, (BYTE *)&d, 4);
	show("set on deleted key", rc);
	show("open under deleted key", RegOpenKeyExA(a, "x", 0, KEY_READ, &c));
	show("create under deleted key",
	     RegCreateKeyExA(a, "x", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &c,
			     &disp));
	show("info on deleted key",
	     RegQueryInfoKeyA(a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
	RegCreateKeyExA(k, "Gone", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &c, &disp);
	printf("recreated disp %lu\n", disp);
	show("old handle after recreate",
	     RegSetValueExA(a, "v", 0, REG_DWORD, (BYTE *)&d, 4));
	RegCloseKey(a);
	RegCloseKey(b);
	RegCloseKey(c);
	show("delete recreated", RegDeleteKeyA(k, "Gone"));
}

static void classes_root(void)
{
	HKEY a, b;
	DWORD disp;
	char buf[32];
	DWORD size = sizeof buf;

	show("create in HKCR",
	     RegCreateKeyExA(HKEY_CLASSES_ROOT, ".dllshare-test-registry", 0,
			     NULL, 0, KEY_ALL_ACCESS, NULL, &a, &disp));
	RegSetValueExA(a, NULL, 0, REG_SZ, (const BYTE *)"cls", 4);
	RegCloseKey(a);
	show("open via HKLM\\Software\\Classes",
	     RegOpenKeyExA(HKEY_LOCAL_MACHINE,
			   "Software\\Classes\\.dllshare-test-registry", 0,
			   KEY_READ, &b));
	show("  query", RegQueryValueExA(b, NULL, 0, 0, (BYTE *)buf, &size));
	printf("  value %s\n", buf);
	RegCloseKey(b);
	show("RegQueryValueA HKCR",
	     RegQueryValueA(HKEY_CLASSES_ROOT, ".dllshare-test-registry", buf,
			    (LONG *)&size));
	show("delete from HKCR",
	     RegDeleteKeyA(HKEY_CLASSES_ROOT, ".dllshare-test-registry"));
	show("open after delete",
	     RegOpenKeyExA(HKEY_LOCAL_MACHINE,
			   "Software\\Classes\\.dllshare-test-registry", 0,
			   KEY_READ, &b));
}

/* HKEY_CURRENT_CONFIG is a link to HKLM's current hardware profile. */
static void current_config(void)
{
	HKEY a, b;
	DWORD d = 9, size = sizeof d;

	show("create in HKCC",
	     RegCreateKeyExA(HKEY_CURRENT_CONFIG, "dllshare-test-registry", 0,
			     NULL, 0, KEY_ALL_ACCESS, NULL, &a, NULL));
	RegSetValueExA(a, "n", 0, REG_DWORD, (const BYTE *)&d, 4);
	RegCloseKey(a);
	show("open via HKLM",
	     RegOpenKeyExA(HKEY_LOCAL_MACHINE,
			   "System\\CurrentControlSet\\Hardware Profiles\\"
			   "Current\\dllshare-test-registry",
			   0, KEY_READ, &b));
	d = 0;
	show("  query", RegQueryValueExA(b, "n", 0, 0, (BYTE *)&d, &size));
	printf("  value %lu\n", d);
	RegCloseKey(b);
	show("delete from HKCC",
	     RegDeleteKeyA(HKEY_CURRENT_CONFIG, "dllshare-test-registry"));
}

/* A key's last-write time is the time of its last change. */
static void write_time(HKEY k)
{
	FILETIME before, after, ft, ft2;
	ULARGE_INTEGER a, b, t, t2;
	HKEY s;
	DWORD d = 1;

	GetSystemTimeAsFileTime(&before);
	RegCreateKeyExA(k, "Timed", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &s, NULL);
	GetSystemTimeAsFileTime(&after);
	RegQueryInfoKeyA(s, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, &ft);
	a.LowPart = before.dwLowDateTime, a.HighPart = before.dwHighDateTime;
	b.LowPart = after.dwLowDateTime, b.HighPart = after.dwHighDateTime;
	t.LowPart = ft.dwLowDateTime, t.HighPart = ft.dwHighDateTime;
	/* a little slack: the clocks may round differently */
	printf("created within the call: %d\n",
	       t.QuadPart + 20000 >= a.QuadPart &&
		       t.QuadPart <= b.QuadPart + 20000);
	RegSetValueExA(s, "v", 0, REG_DWORD, (const BYTE *)&d, 4);
	RegQueryInfoKeyA(s, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, &ft2);
	t2.LowPart = ft2.dwLowDateTime, t2.HighPart = ft2.dwHighDateTime;
	printf("a value set moves it on: %d\n", t2.QuadPart >= t.QuadPart);
	RegCloseKey(s);
	RegDeleteKeyA(k, "Timed");
}

static void old_functions(HKEY k)
{
	HKEY a;
	char buf[64];
	LONG size = sizeof buf;
	WCHAR wbuf[64];
	LONG wsize = sizeof wbuf;

	show("RegSetValueA", RegSetValueA(k, "Old", REG_SZ, "oldval", 3));
	show("RegQueryValueA", RegQueryValueA(k, "Old", buf, &size));
	printf("  '%s' size %ld\n", buf, size);
	size = 2;
	show("RegQueryValueA small", RegQueryValueA(k, "Old", buf, &size));
	printf("  size %ld\n", size);
	show("RegQueryValueW", RegQueryValueW(k, L"Old", wbuf, &wsize));
	printf("  '%ls' size %ld\n", wbuf, wsize);
	show("RegSetValueA not SZ", RegSetValueA(k, "Old", REG_DWORD, "x", 1));
	show("RegOpenKeyA", RegOpenKeyA(k, "Old", &a));
	RegCloseKey(a);
	show("RegCreateKeyA", RegCreateKeyA(k, "Old2", &a));
	RegCloseKey(a);
	show("RegOpenKeyA NULL sub", RegOpenKeyA(k, NULL, &a));
	printf("  same handle %d\n", a == k);
	if (a != k)
		RegCloseKey(a);
	show("RegSetKeyValueA",
	     RegSetKeyValueA(k, "Old2\\Deeper", "kv", REG_SZ, "kval", 5));
	size = sizeof buf;
	show("  read",
	     RegGetValueA(k, "Old2\\Deeper", "kv", RRF_RT_REG_SZ, NULL, buf,
			  (DWORD *)&size));
	printf("  '%s'\n", buf);
	show("RegSetKeyValueW",
	     RegSetKeyValueW(k, NULL, L"kvw", REG_SZ, L"x", 4));
	show("RegDeleteKeyValueA", RegDeleteKeyValueA(k, "Old2\\Deeper", "kv"));
	show("RegDeleteTreeA Old2", RegDeleteTreeA(k, "Old2"));
	show("RegOpenKeyA Old2", RegOpenKeyA(k, "Old2", &a));
	show("RegDeleteKeyExA Old",
	     RegDeleteKeyExA(k, "Old", KEY_WOW64_64KEY, 0));
	show("RegFlushKey", RegFlushKey(k));
}

static void wide_names(HKEY k)
{
	HKEY a, b;
	DWORD disp;
	WCHAR name[64];
	DWORD n = 64;

	show("create W name",
	     RegCreateKeyExW(k, L"K\x00e9y\x0436", 0, NULL, 0, KEY_ALL_ACCESS,
			     NULL, &a, &disp));
	printf("  disp %lu\n", disp);
	show("open upper",
	     RegOpenKeyExW(k, L"K\x00c9Y\x0416", 0, KEY_READ, &b));
	RegCloseKey(b);
	show("create again upper",
	     RegCreateKeyExW(k, L"KEY\x0416", 0, NULL, 0, KEY_ALL_ACCESS, NULL,
			     &b, &disp));
	printf("  disp %lu\n", disp);
	RegCloseKey(b);
	show("set W name",
	     RegSetValueExW(a, L"V\x00e4l", 0, REG_SZ, (const BYTE *)L"\x20ac",
			    4));
	show("query W upper", RegQueryValueExW(a, L"V\x00c4L", 0, 0, 0, 0));
	show("enum W", RegEnumValueW(a, 0, name, &n, 0, 0, 0, 0));
	printf("  %04x %04x %04x (%lu)\n", name[0], name[1], name[2], n);
	RegCloseKey(a);
	show("delete W key", RegDeleteKeyW(k, L"k\x00c9y\x0436"));
	show("delete W key 2", RegDeleteKeyW(k, L"key\x0436"));
}

int main(void)
{
	HKEY k, s, t;
	DWORD disp = 0xdead;
	LONG rc;

	RegDeleteTreeA(HKEY_CURRENT_USER, ROOT); /* a run that stopped early */
	RegDeleteKeyA(HKEY_CURRENT_USER, ROOT);
	rc = RegCreateKeyExA(HKEY_CURRENT_USER, ROOT, 0, NULL, 0,
			     KEY_ALL_ACCESS, NULL, &k, &disp);
	printf("create root: %ld disp %lu\n", rc, disp);
	if (rc)
		return 1;
	rc = RegCreateKeyExA(HKEY_CURRENT_USER, ROOT, 0, NULL, 0,
			     KEY_ALL_ACCESS, NULL, &t, &disp);
	printf("create root again: %ld disp %lu\n", rc, disp);
	RegCloseKey(t);
	rc = RegCreateKeyExA(k, "Sub1", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &s,
			     &disp);
	printf("create Sub1: %ld disp %lu\n", rc, disp);
	RegSetValueExA(s, "In1", 0, REG_SZ, (const BYTE *)"inside", 7);
	rc = RegCreateKeyExW(s, L"Deep\\Deeper", 0, NULL, 0, KEY_ALL_ACCESS,
			     NULL, &t, &disp);
	printf("create Deep\\Deeper: %ld disp %lu\n", rc, disp);
	RegCloseKey(t);
	RegCloseKey(s);
	rc = RegCreateKeyExW(k, L"Sub2", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &s,
			     &disp);
	printf("create Sub2: %ld disp %lu\n", rc, disp);
	RegCloseKey(s);
	rc = RegCreateKeyExA(k, "sub1", 0, NULL, 0, KEY_READ, NULL, &s, &disp);
	printf("create sub1 (exists): %ld disp %lu\n", rc, disp);
	RegCloseKey(s);
	set_all(k);
	read_all(k);
	get_all(k);
	enumerate(k);
	info(k, "root");
	RegOpenKeyExA(k, "Sub1", 0, KEY_READ, &s);
	info(s, "Sub1");
	RegCloseKey(s);
	errors(k);
	deleted(k);
	classes_root();
	current_config();
	write_time(k);
	old_functions(k);
	wide_names(k);

	show("delete value Sz", RegDeleteValueA(k, "Sz"));
	show("delete value Sz again", RegDeleteValueA(k, "Sz"));
	show("delete value W", RegDeleteValueW(k, L"wsz"));
	show("delete default", RegDeleteValueA(k, NULL));
	info(k, "after deletes");
	show("RegDeleteTreeA sub NULL", RegDeleteTreeA(k, NULL));
	info(k, "emptied");
	RegCloseKey(k);
	show("delete root", RegDeleteKeyA(HKEY_CURRENT_USER, ROOT));
	show("open root after",
	     RegOpenKeyExW(HKEY_CURRENT_USER, WROOT, 0, KEY_READ, &k));
	show("RegOpenCurrentUser", RegOpenCurrentUser(KEY_READ, &k));
	show("  close", RegCloseKey(k));
	show("close HKCU", RegCloseKey(HKEY_CURRENT_USER));
	return 0;
}
