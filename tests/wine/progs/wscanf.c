/*
 * wscanf.c — the wide scanf forms (swscanf, _snwscanf, fwscanf, wscanf
 * from stdin) and _snscanf: numbers, words into wide and narrow buffers
 * (%s, %hs, %S, %ls), characters, sets with ranges and negation,
 * literals, %n, suppression, widths, end of input, non-ASCII text.
 * wine-test: both-stdio
 */
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static void show(const char *label, int r, const wchar_t *w, const char *a)
{
	printf("%s: %d [", label, r);
	for (; w && *w; w++)
		printf(*w < 128 ? "%c" : "<%04x>", (unsigned)*w);
	printf("] [%s]\n", a ? a : "");
}

int main(void)
{
	wchar_t w1[32], w2[32];
	char a1[32];
	int i = -1, j = -1, n = -1;
	double d = 0;
	long long ll = 0;
	unsigned x = 0;
	int r;
	FILE *f;

	r = swscanf(L"  42 -7 3.5 word", L"%d %i %lf %ls", &i, &j, &d, w1);
	printf("numbers: %d %d %d %.2f ", r, i, j, d);
	show("word", r, w1, 0);
	r = swscanf(L"caf\x00e9 bar", L"%s %hs", w1, a1);
	show("%s wide, %hs narrow", r, w1, a1);
	r = swscanf(L"abc def", L"%S %ls", a1, w2);
	show("%S narrow, %ls wide", r, w2, a1);
	r = swscanf(L"xyz", L"%c%c", &w1[0], &w1[1]);
	w1[2] = 0;
	show("%c%c", r, w1, 0);
	r = swscanf(L"hello123world", L"%[a-z]%d%[^\n]", w1, &i, w2);
	printf("set: %d %d ", r, i);
	show("sets", r, w1, 0);
	show("  rest", r, w2, 0);
	r = swscanf(L"\x00e9\x00e8z!", L"%[\x00e8\x00e9]", w1);
	show("set of non-ASCII", r, w1, 0);
	r = swscanf(L"key=value; n", L"key=%[^;]; %n", w1, &n);
	printf("literal and %%n: %d n=%d ", r, n);
	show("value", r, w1, 0);
	r = swscanf(L"12345678", L"%3d%*2d%x", &i, &x);
	printf("widths and suppression: %d %d %x\n", r, i, x);
	r = swscanf(L"0x1f 077 -0", L"%i %i %i", &i, &j, &n);
	printf("%%i bases: %d %d %d %d\n", r, i, j, n);
	r = swscanf(L"9223372036854775807", L"%lld", &ll);
	printf("%%lld: %d %lld\n", r, ll);
	r = swscanf(L"", L"%d", &i);
	printf("empty input: %d\n", r);
	r = swscanf(L"  ", L"%d", &i);
	printf("blank input: %d\n", r);
	r = swscanf(L"abc", L"%d", &i);
	printf("no number: %d\n", r);
	r = swscanf(L"5 x", L"%d %d", &i, &j);
	printf("second fails: %d\n", r);
	r = _snwscanf(L"123456", 3, L"%d", &i);
	printf("_snwscanf 3: %d %d\n", r, i);
	r = _snscanf("987654", 2, "%d", &i);
	printf("_snscanf 2: %d %d\n", r, i);
	f = fopen("in.txt", "w");
	fputs("10 twenty\n30\n", f);
	fclose(f);
	f = fopen("in.txt", "r");
	r = fwscanf(f, L"%d %ls %d", &i, w1, &j);
	printf("fwscanf: %d %d %d ", r, i, j);
	show("word", r, w1, 0);
	r = fwscanf(f, L"%d", &i);
	printf("fwscanf at end: %d\n", r);
	fclose(f);
	r = wscanf(L"%d %ls", &i, w1);
	printf("wscanf: %d %d ", r, i);
	show("word", r, w1, 0);
	return 0;
}
