/* resources.c — FindResource(Ex), LoadResource, SizeofResource and a
 * module's message table through FormatMessage (resources.rc, with a
 * message table from resources.mc). */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void show(const char *what, HRSRC r)
{
	HGLOBAL g;
	const char *p;
	DWORD n;

	printf("%-34s", what);
	if (!r) {
		printf(" not found, error %lu\n", GetLastError());
		return;
	}
	g = LoadResource(NULL, r);
	p = LockResource(g);
	n = SizeofResource(NULL, r);
	printf(" %lu bytes: ", n);
	for (DWORD i = 0; i < n; i++)
		putchar(p[i] >= 32 && p[i] < 127 ? p[i] : '.');
	printf("\n");
}

static void message(const char *what, DWORD flags, DWORD id, DWORD lang,
		    DWORD_PTR *args)
{
	char buf[200];
	DWORD n = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE | flags, NULL, id,
				 lang, buf, sizeof buf, (va_list *)args);

	printf("%-34s", what);
	if (!n)
		printf(" fails, error %lu\n", GetLastError());
	else
		printf(" %lu: [%s]\n", n, buf);
}

int main(void)
{
	DWORD_PTR args[] = {(DWORD_PTR)"Ann", 3};
	WCHAR wbuf[100];
	HMODULE self = GetModuleHandleA(NULL);

	show("GREETING, RCDATA", FindResourceA(NULL, "GREETING", (LPCSTR)RT_RCDATA));
	show("greeting (any case)", FindResourceA(self, "greeting", (LPCSTR)RT_RCDATA));
	show("42, RCDATA", FindResourceA(NULL, MAKEINTRESOURCEA(42), (LPCSTR)RT_RCDATA));
	show("#42, RCDATA", FindResourceA(NULL, "#42", (LPCSTR)RT_RCDATA));
	show("TEXTFILE, MYTYPE", FindResourceA(NULL, "TEXTFILE", "MYTYPE"));
	show("TEXTFILE, MYTYPE, German",
	     FindResourceExA(NULL, "MYTYPE", "TEXTFILE",
			     MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN)));
	show("TEXTFILE, MYTYPE, neutral",
	     FindResourceExA(NULL, "MYTYPE", "TEXTFILE", 0));
	show("TEXTFILE, MYTYPE, Italian",
	     FindResourceExA(NULL, "MYTYPE", "TEXTFILE",
			     MAKELANGID(LANG_ITALIAN, SUBLANG_ITALIAN)));
	show("ONLYFRENCH, MYTYPE", FindResourceA(NULL, "ONLYFRENCH", "MYTYPE"));
	show("TEXTFILE, W", FindResourceW(NULL, L"TEXTFILE", L"MYTYPE"));
	show("missing name", FindResourceA(NULL, "NOPE", (LPCSTR)RT_RCDATA));
	show("missing type", FindResourceA(NULL, "GREETING", "NOTYPE"));
	show("kernel32's own: missing", FindResourceA(GetModuleHandleA("kernel32.dll"), "X", "Y"));
	printf("free: %d\n", FreeResource(LoadResource(NULL, FindResourceA(NULL, "GREETING", (LPCSTR)RT_RCDATA))));

	message("message 1", FORMAT_MESSAGE_ARGUMENT_ARRAY, 1, 0, args);
	message("message 1, German", FORMAT_MESSAGE_ARGUMENT_ARRAY, 1,
		MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN), args);
	message("message 1, French", FORMAT_MESSAGE_ARGUMENT_ARRAY, 1,
		MAKELANGID(LANG_FRENCH, SUBLANG_FRENCH), args);
	message("message 0x100", FORMAT_MESSAGE_IGNORE_INSERTS, 0x100, 0, NULL);
	message("message 7 (none)", FORMAT_MESSAGE_IGNORE_INSERTS, 7, 0, NULL);
	message("message 2 from module or system",
		FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, 2, 0, NULL);
	if (FormatMessageW(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_IGNORE_INSERTS,
			   NULL, 0x100, 0, wbuf, 100, NULL))
		printf("wide: %ls\n", wbuf);
	return 0;
}
