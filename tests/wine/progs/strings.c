/* strings.c — code page conversions, number parsing, scanf, sorting,
 * msvcrt's rand, character classes, string helpers, time formatting.
 * wine-test: both-stdio */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <windows.h>

static int cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void hex(const char *what, const void *p, int n)
{
	printf("%s:", what);
	for (int i = 0; i < n; i++)
		printf(" %02x", ((const unsigned char *)p)[i]);
	printf("\n");
}

int main(void)
{
	/* "aé€😀" in UTF-8 */
	const char *u8 = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
	WCHAR w[32];
	char back[64], word[32], rest[32];
	int n, arr[] = {5, -3, 9, 0, 2, 7}, key = 7, *found;
	long l;
	unsigned long ul;
	char *end;
	double d;
	struct tm *tm;
	time_t t = 1000000000;

	n = MultiByteToWideChar(CP_UTF8, 0, u8, -1, NULL, 0);
	printf("MB2WC size %d\n", n);
	n = MultiByteToWideChar(CP_UTF8, 0, u8, -1, w, 32);
	hex("utf16", w, n * 2);
	n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	printf("WC2MB size %d\n", n);
	n = WideCharToMultiByte(CP_UTF8, 0, w, -1, back, sizeof(back), NULL,
				NULL);
	printf("round trip %d same %d\n", n, strcmp(back, u8) == 0);
	n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\xff", 2, w,
				32);
	printf("invalid strict %d err %lu\n", n, GetLastError());
	n = MultiByteToWideChar(CP_UTF8, 0, "a\xff", 2, w, 32);
	printf("invalid lax %d %04x %04x\n", n, w[0], w[1]);
	n = MultiByteToWideChar(CP_UTF8, 0, u8, -1, w, 2);
	printf("too small %d err %lu\n", n, GetLastError());

	l = strtol("  -123xyz", &end, 10);
	printf("strtol %ld rest <%s>\n", l, end);
	errno = 0;
	l = strtol("99999999999", NULL, 10);
	printf("strtol overflow %ld errno %d\n", l, errno);
	ul = strtoul("0xFFFFFFFF", NULL, 16);
	printf("strtoul %lu\n", ul);
	printf("strtol base0 %ld %ld %ld\n", strtol("0x1f", NULL, 0),
	       strtol("017", NULL, 0), strtol("17", NULL, 0));
	d = strtod("3.25e2abc", &end);
	printf("strtod %g rest <%s>\n", d, end);
	printf("atoi %d atol %ld atof %g _atoi64 %I64d\n", atoi("42x"),
	       atol("-7"), atof("0.5"), _atoi64("123456789012"));
	_itoa(-255, back, 16);
	printf("_itoa %s ", back);
	_itoa(255, back, 2);
	printf("%s\n", back);

	n = sscanf("12 abc 3.5 ff rest", "%d %s %lf %x %s", &key, word, &d,
		   (unsigned *)&l, rest);
	printf("sscanf %d: %d %s %g %ld %s\n", n, key, word, d, l, rest);
	n = sscanf("7,8", "%d,%d", &arr[0], &arr[1]);
	printf("sscanf pair %d %d %d\n", n, arr[0], arr[1]);
	n = sscanf("", "%d", &key);
	printf("sscanf empty %d\n", n);

	qsort(arr, 6, sizeof(int), cmp);
	printf("sorted %d %d %d %d %d %d\n", arr[0], arr[1], arr[2], arr[3],
	       arr[4], arr[5]);
	key = 7;
	found = bsearch(&key, arr, 6, sizeof(int), cmp);
	printf("bsearch index %d\n", found ? (int)(found - arr) : -1);

	srand(1);
	printf("rand %d %d %d\n", rand(), rand(), rand());
	srand(12345);
	printf("rand %d %d\n", rand(), rand());

	printf("ctype %d %d %d %d %d\n", isalpha('a') != 0, isdigit('5') != 0,
	       isspace('\t') != 0, isupper('a') != 0, ispunct('!') != 0);
	printf("toupper %c tolower %c\n", toupper('q'), tolower('Q'));
	printf("_stricmp %d %d\n", _stricmp("HeLLo", "hello"),
	       _stricmp("a", "B") < 0);
	strcpy(back, "a,b;;c");
	for (char *tok = strtok(back, ",;"); tok; tok = strtok(NULL, ",;"))
		printf("tok <%s> ", tok);
	printf("\n");
	printf("strstr %s strchr %s strrchr %s\n", strstr("haystack", "st"),
	       strchr("a.b.c", '.'), strrchr("a.b.c", '.'));

	tm = gmtime(&t);
	strftime(back, sizeof(back), "%Y-%m-%d %H:%M:%S", tm);
	printf("gmtime %s wday %d yday %d\n", back, tm->tm_wday, tm->tm_yday);
	return 0;
}
