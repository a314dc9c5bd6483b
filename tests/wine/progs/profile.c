/*
 * profile.c — initialization files compared with Wine: reading values,
 * key and section lists, sections, numbers, defaults and buffers too
 * small; writing keys, removing keys and sections, replacing a section,
 * a new file; UTF-16 and UTF-8 files with a byte order mark.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

/* A result and its bytes up to the NUL after it (lists: '|' for a NUL;
 * Windows documents a second NUL after a cut list, which Wine 8 does not
 * write: not shown). */
static void dump(const char *label, const char *b, DWORD n)
{
	printf("%s %lu [", label, n);
	for (DWORD i = 0; i < n + 1 && i < 200; i++)
		putchar(b[i] ? b[i] : '|');
	printf("]\n");
}

static void wdump(const char *label, const WCHAR *b, DWORD n)
{
	printf("%s %lu [", label, n);
	for (DWORD i = 0; i < n + 1 && i < 200; i++)
		putchar(b[i] ? (b[i] < 128 ? (char)b[i] : '?') : '|');
	printf("]\n");
}

static void put(const char *name, const void *text, DWORD len)
{
	HANDLE h = CreateFileA(name, GENERIC_WRITE, 0, 0, CREATE_ALWAYS, 0, 0);
	DWORD w;

	WriteFile(h, text, len, &w, 0);
	CloseHandle(h);
}

static void show_file(const char *name)
{
	char buf[512];
	DWORD n = 0;
	HANDLE h = CreateFileA(name, GENERIC_READ, 0, 0, OPEN_EXISTING, 0, 0);

	ReadFile(h, buf, sizeof buf - 1, &n, 0);
	CloseHandle(h);
	printf("%s, %lu bytes:", name, n);
	for (DWORD i = 0; i < n; i++)
		printf(buf[i] >= 32 && buf[i] < 127 ? "%c" : "<%02x>",
		       (unsigned char)buf[i]);
	printf("\n");
}

static void unicode(void)
{
	static const WCHAR text[] = L"\xfeff[W]\r\nname=caf\x00e9\r\nn=0b101\r\n";
	WCHAR wb[64];
	char b[64];
	DWORD n;

	put("u16.ini", text, sizeof(text) - sizeof(WCHAR));
	n = GetPrivateProfileStringW(L"w", L"NAME", L"d", wb, 64, L".\\u16.ini");
	wdump("u16 name", wb, n);
	printf("u16 int %u\n", GetPrivateProfileIntW(L"W", L"n", 3, L".\\u16.ini"));
	printf("u16 write %d\n", WritePrivateProfileStringW(L"W", L"more", L"x\x00e9", L".\\u16.ini"));
	show_file("u16.ini");
	put("u8.ini", "\xef\xbb\xbf[s]\r\nk=v\r\n", 13);
	n = GetPrivateProfileStringA("s", "k", "d", b, sizeof b, ".\\u8.ini");
	dump("u8 k", b, n);
	printf("u8 write %d\n", WritePrivateProfileStringA("s", "k2", "v2", ".\\u8.ini"));
	show_file("u8.ini");
	n = GetPrivateProfileSectionNamesW(wb, 4, L".\\u16.ini");
	wdump("names W small", wb, n);
	n = GetPrivateProfileSectionW(L"W", wb, 64, L".\\u16.ini");
	wdump("section W", wb, n);
}

static void odd(void)
{
	const char *text = "[a]\r\nk=b=c\r\n=empty key\r\n  spaced key  =  v  \r\n"
			   "q=\"mismatched'\r\n[a]\r\nk=second\r\nz=1\r\n[unterminated\r\n"
			   "u=1\r\noct=010\r\nbin=0b11\r\nplus=+5x\r\n";
	char b[128];
	DWORD n;

	put("odd.ini", text, (DWORD)strlen(text));
	n = GetPrivateProfileStringA("a", "k", "d", b, sizeof b, ".\\odd.ini");
	dump("k", b, n);
	n = GetPrivateProfileStringA("a", "", "d", b, sizeof b, ".\\odd.ini");
	dump("empty key", b, n);
	n = GetPrivateProfileStringA("a", "spaced key", "d", b, sizeof b, ".\\odd.ini");
	dump("spaced key", b, n);
	n = GetPrivateProfileStringA("a", "q", "d", b, sizeof b, ".\\odd.ini");
	dump("mismatched", b, n);
	n = GetPrivateProfileStringA("a", "z", "d", b, sizeof b, ".\\odd.ini");
	dump("second a", b, n);
	n = GetPrivateProfileStringA("unterminated", "u", "d", b, sizeof b, ".\\odd.ini");
	dump("unterminated", b, n);
	printf("ints %u %u %u\n", GetPrivateProfileIntA("unterminated", "oct", 9, ".\\odd.ini"),
	       GetPrivateProfileIntA("unterminated", "bin", 9, ".\\odd.ini"),
	       GetPrivateProfileIntA("unterminated", "plus", 9, ".\\odd.ini"));
	n = GetPrivateProfileSectionA("a", b, 12, ".\\odd.ini");
	dump("section small", b, n);
	n = GetPrivateProfileSectionNamesA(b, sizeof b, ".\\odd.ini");
	dump("names", b, n);
}
int main(void)
{
	unicode();
	odd();
	char buf[256];
	DWORD n;
	HANDLE h = CreateFileA("t.ini", GENERIC_WRITE, 0, 0, CREATE_ALWAYS, 0, 0);
	const char *text = "; comment\r\n[Sec1]\r\n  Key1 = value one  \r\nkey2=\"quoted\"\r\nkey3='single'\r\nnoeq\r\nkey4=\r\n[ sec2 ]\r\nA=1\r\nA=2\r\nnum= 42 \r\nneg=-7\r\nhex=0x10\r\n\r\n[empty]\r\n";
	DWORD w; WriteFile(h, text, strlen(text), &w, 0); CloseHandle(h);
	memset(buf, '#', sizeof buf);
	n = GetPrivateProfileStringA("sec1", "KEY1", "def", buf, sizeof buf, ".\\t.ini"); dump("key1", buf, n);
	n = GetPrivateProfileStringA("sec1", "key2", "def", buf, sizeof buf, ".\\t.ini"); dump("key2", buf, n);
	n = GetPrivateProfileStringA("sec1", "key3", "def", buf, sizeof buf, ".\\t.ini"); dump("key3", buf, n);
	n = GetPrivateProfileStringA("sec1", "noeq", "def", buf, sizeof buf, ".\\t.ini"); dump("noeq", buf, n);
	n = GetPrivateProfileStringA("sec1", "key4", "def", buf, sizeof buf, ".\\t.ini"); dump("key4", buf, n);
	n = GetPrivateProfileStringA("sec1", "missing", "def  ", buf, sizeof buf, ".\\t.ini"); dump("missing", buf, n);
	n = GetPrivateProfileStringA("sec1", "missing", NULL, buf, sizeof buf, ".\\t.ini"); dump("missing null", buf, n);
	n = GetPrivateProfileStringA("sec2", "a", "def", buf, sizeof buf, ".\\t.ini"); dump("sec2 a", buf, n);
	n = GetPrivateProfileStringA("sec1", NULL, "def", buf, sizeof buf, ".\\t.ini"); dump("keys", buf, n);
	n = GetPrivateProfileStringA(NULL, NULL, "def", buf, sizeof buf, ".\\t.ini"); dump("sections", buf, n);
	memset(buf, '#', sizeof buf);
	n = GetPrivateProfileStringA("sec1", "key1", "def", buf, 5, ".\\t.ini"); dump("small", buf, n);
	memset(buf, '#', sizeof buf);
	n = GetPrivateProfileStringA("sec1", NULL, "def", buf, 8, ".\\t.ini"); dump("keys small", buf, n);
	memset(buf, '#', sizeof buf);
	n = GetPrivateProfileStringA(NULL, NULL, "def", buf, 8, ".\\t.ini"); dump("sections small", buf, n);
	n = GetPrivateProfileStringA("nosec", "k", "def", buf, sizeof buf, ".\\nofile.ini"); dump("nofile", buf, n);
	printf("errors %lu\n", GetLastError());
	printf("int %u", GetPrivateProfileIntA("sec2", "num", 5, ".\\t.ini"));
	printf(" %u", GetPrivateProfileIntA("sec2", "neg", 5, ".\\t.ini"));
	printf(" %u", GetPrivateProfileIntA("sec2", "hex", 5, ".\\t.ini"));
	printf(" %u", GetPrivateProfileIntA("sec2", "none", 5, ".\\t.ini"));
	printf(" %u\n", GetPrivateProfileIntA("sec1", "key1", 5, ".\\t.ini"));
	n = GetPrivateProfileSectionA("sec2", buf, sizeof buf, ".\\t.ini"); dump("section", buf, n);
	n = GetPrivateProfileSectionA("sec1", buf, sizeof buf, ".\\t.ini"); dump("section1", buf, n);
	n = GetPrivateProfileSectionNamesA(buf, sizeof buf, ".\\t.ini"); dump("names", buf, n);
	printf("write %d\n", WritePrivateProfileStringA("sec1", "key5", "new", ".\\t.ini"));
	printf("write %d\n", WritePrivateProfileStringA("Sec1", "KEY1", "changed", ".\\t.ini"));
	printf("write %d\n", WritePrivateProfileStringA("sec1", "key2", NULL, ".\\t.ini"));
	printf("write %d\n", WritePrivateProfileStringA("new sec", "x", "y", ".\\t.ini"));
	printf("write %d\n", WritePrivateProfileStringA("empty", NULL, NULL, ".\\t.ini"));
	printf("write %d\n", WritePrivateProfileStringA("sec1", "sp", "  padded  ", ".\\t.ini"));
	printf("write new file %d\n", WritePrivateProfileStringA("s", "k", "v", ".\\new.ini"));
	printf("write section %d\n", WritePrivateProfileSectionA("sec2", "p=1\0q=2\0", ".\\t.ini"));
	WritePrivateProfileStringA(NULL, NULL, NULL, ".\\t.ini");
	h = CreateFileA("t.ini", GENERIC_READ, 0, 0, OPEN_EXISTING, 0, 0);
	ReadFile(h, buf, sizeof buf - 1, &n, 0); buf[n] = 0; CloseHandle(h);
	printf("file:\n%s<end>\n", buf);
	h = CreateFileA("new.ini", GENERIC_READ, 0, 0, OPEN_EXISTING, 0, 0);
	ReadFile(h, buf, sizeof buf - 1, &n, 0); buf[n] = 0; CloseHandle(h);
	printf("new:\n%s<end>\n", buf);
	{ WCHAR wb[64]; n = GetPrivateProfileStringW(L"sec1", L"key5", L"d", wb, 64, L".\\t.ini"); printf("W %lu [%ls]\n", n, wb); }
	return 0;
}
