/* locale.c — setlocale with the names Wine's msvcrt accepts (language
 * names, abbreviations, ISO forms, ".codepage"), what each category
 * becomes, and what a decimal-comma locale changes: localeconv, printf,
 * strtod/atof/sscanf, the ctype classes and case of bytes above 127.
 * Code pages other than 1252 (".OCP" is 437 or 850) are not tried: dllshare
 * refuses them (its only table of classes is Windows-1252's), Wine accepts.
 * wine-test: both-stdio */
#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void show(const char *name)
{
	const char *r = setlocale(LC_ALL, name);

	printf("setlocale(LC_ALL, \"%s\") = %s\n", name, r ? r : "NULL");
}

static void numbers(void)
{
	struct lconv *lc = localeconv();
	char *end;
	double d = strtod("1,5x", &end);
	float f = 0;
	int n = sscanf("2,25", "%f", &f);

	printf("  decimal_point \"%s\" thousands_sep \"%s\" grouping %d "
	       "currency \"%s\" mon_decimal \"%s\"\n",
	       lc->decimal_point, lc->thousands_sep,
	       lc->grouping[0] ? lc->grouping[0] : -1,
	       lc->currency_symbol, lc->mon_decimal_point);
	printf("  printf %.3f %g %e %5.1f\n", 3.14159, 0.5, 1234.5, -2.25);
	printf("  strtod(\"1,5x\") = %g rest \"%s\"; atof(\"2.5\") = %g; "
	       "sscanf %d %g\n", d, end, atof("2.5"), n, f);
	printf("  ctype 0xe4: alpha %d upper %d lower %d toupper %#x; "
	       "0xc4 tolower %#x\n",
	       !!isalpha(0xe4), !!isupper(0xe4), !!islower(0xe4),
	       toupper(0xe4), tolower(0xc4));
}

int main(void)
{
	const char *names[] = {"C", "German", "german", "German_Germany.1252",
			       "de-DE", "de_DE", "deu", "French_France",
			       "fr-FR", "Portuguese_Brazil.1252", "ptb", "pt_BR",
			       "English_United States.1252", "en-US",
			       "Klingon", "xx_YY", ".1252", ".ACP",
			       "LC_CTYPE=German_Germany.1252;LC_NUMERIC=C"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		show(names[i]);
	setlocale(LC_ALL, "C");
	printf("C:\n");
	numbers();
	printf("German LC_NUMERIC only: %s\n", setlocale(LC_NUMERIC, "German"));
	printf("  LC_ALL now %s\n", setlocale(LC_ALL, NULL));
	printf("  LC_CTYPE %s\n", setlocale(LC_CTYPE, NULL));
	numbers();
	setlocale(LC_ALL, "German_Germany.1252");
	printf("German everything:\n");
	numbers();
	setlocale(LC_ALL, "");
	printf("\"\": %s\n", setlocale(LC_ALL, NULL) ? "a locale" : "NULL");
	setlocale(LC_ALL, "C");
	printf("back to C: %s\n", setlocale(LC_ALL, NULL));
	numbers();
	return 0;
}
