/*
 * resenum.c — EnumResourceTypes/Names/Languages (A and W) over the
 * program's own resources (resenum.rc): the order the directory has,
 * IDs as integer resources and names as strings, stopping early, and
 * the errors for a type or name that is not there.
 */
#include <stdio.h>
#include <windows.h>

static void show_a(const char *what, LPCSTR s)
{
	if (IS_INTRESOURCE(s))
		printf("%s #%u", what, (unsigned)(ULONG_PTR)s);
	else
		printf("%s \"%s\"", what, s);
}

static void show_w(const char *what, LPCWSTR s)
{
	if (IS_INTRESOURCE(s))
		printf("%s #%u", what, (unsigned)(ULONG_PTR)s);
	else
		printf("%s L\"%ls\"", what, s);
}

static BOOL CALLBACK type_a(HMODULE h, LPSTR type, LONG_PTR p)
{
	show_a("type", type);
	printf(" (%ld)\n", (long)p);
	return TRUE;
}

static BOOL CALLBACK type_w(HMODULE h, LPWSTR type, LONG_PTR p)
{
	show_w("typeW", type);
	printf("\n");
	return TRUE;
}

static BOOL CALLBACK name_a(HMODULE h, LPCSTR type, LPSTR name, LONG_PTR p)
{
	show_a("  name", name);
	show_a(" of", type);
	printf("\n");
	return p == 0 || --*(int *)p > 0;
}

static BOOL CALLBACK name_w(HMODULE h, LPCWSTR type, LPWSTR name, LONG_PTR p)
{
	show_w("  nameW", name);
	printf("\n");
	return TRUE;
}

static BOOL CALLBACK lang_a(HMODULE h, LPCSTR type, LPCSTR name, WORD lang,
			    LONG_PTR p)
{
	show_a("    lang of", name);
	printf(": %04x\n", lang);
	return TRUE;
}

static BOOL CALLBACK lang_w(HMODULE h, LPCWSTR type, LPCWSTR name, WORD lang,
			    LONG_PTR p)
{
	printf("    langW %04x\n", lang);
	return TRUE;
}

int main(void)
{
	int left = 2;
	BOOL r;

	printf("types: %d\n", EnumResourceTypesA(0, type_a, 5));
	printf("typesW: %d\n", EnumResourceTypesW(0, type_w, 0));
	printf("names RCDATA: %d\n",
	       EnumResourceNamesA(0, (LPCSTR)RT_RCDATA, name_a, 0));
	printf("names MYTYPE: %d\n", EnumResourceNamesA(0, "mytype", name_a, 0));
	printf("namesW MYTYPE: %d\n",
	       EnumResourceNamesW(0, L"MYTYPE", name_w, 0));
	r = EnumResourceNamesA(0, (LPCSTR)RT_RCDATA, name_a, (LONG_PTR)&left);
	printf("stopped after two: %d %lu\n", r, GetLastError());
	printf("langs TEXTFILE: %d\n",
	       EnumResourceLanguagesA(0, "MYTYPE", "textfile", lang_a, 0));
	printf("langsW #7: %d\n", EnumResourceLanguagesW(0, (LPCWSTR)RT_RCDATA,
							  MAKEINTRESOURCEW(7),
							  lang_w, 0));
	printf("langs string table: %d\n",
	       EnumResourceLanguagesA(0, (LPCSTR)RT_STRING,
				      MAKEINTRESOURCEA(2), lang_a, 0));
	SetLastError(0);
	r = EnumResourceNamesA(0, "NOTYPE", name_a, 0);
	printf("no such type: %d %lu\n", r, GetLastError());
	SetLastError(0);
	r = EnumResourceLanguagesA(0, "MYTYPE", "NONAME", lang_a, 0);
	printf("no such name: %d %lu\n", r, GetLastError());
	SetLastError(0);
	r = EnumResourceNamesW(NULL,
			       (LPCWSTR)RT_BITMAP, name_w, 0);
	printf("no bitmaps: %d %lu\n", r, GetLastError());
	return 0;
}
