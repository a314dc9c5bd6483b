/*
 * locale.c — kernel32: the locales.  GetLocaleInfoA/W/Ex, the user's and
 * the system's default locale and languages, the thread's locale, the
 * names and LCIDs of locales (LocaleNameToLCID, LCIDToLocaleName,
 * IsValidLocale, IsValidLocaleName) and EnumSystemLocalesA/W/Ex.  The
 * formats (GetDateFormat, GetNumberFormat...) are nlsformat.c's, the
 * character types strtype.c's, the order of strings collate.c's.
 *
 * The locales are the eighteen of msvcrt's table; what GetLocaleInfoW
 * answers in each, for every LCTYPE Wine knows, is measured from Wine
 * (nls_data.h, by runtime/nls/regen.sh), LOCALE_RETURN_NUMBER's numbers
 * and the genitive month names included.  There are no user overrides
 * (Wine's come from the registry, the same as its defaults), so
 * LOCALE_NOUSEROVERRIDE changes nothing.
 *
 * The default locale comes from the Linux locale as Wine takes it: the
 * system's from LC_CTYPE, the user's (and the UI language) from
 * LC_MESSAGES, each overridden by LC_ALL and defaulting to LANG, as the C
 * library reads them; when the C library cannot load the locale they
 * name (it is not installed), only LC_ALL still counts, as under Wine.
 * "ll_CC" is the locale "ll-CC"; "ll" alone the language's first locale;
 * C, POSIX, an unset variable and a name outside the table are
 * English_United States (the last says so under --trace; Wine knows more
 * locales).  msvcrt's setlocale("") reads the same default.
 *
 * Known limits, refused with ERROR_INVALID_PARAMETER: a locale outside the
 * table (Windows knows hundreds: Japanese, German_Austria, the invariant
 * locale, alternative sorts), and neutral locale names.
 */
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/kernel32/k32int.h"

#include "runtime/kernel32/nls_data.h"

#define NLOCALES ((size_t)(sizeof(nls_locales) / sizeof(nls_locales[0])))

#define ERROR_INVALID_FLAGS	   1004
#define LOCALE_NOUSEROVERRIDE	   0x80000000
#define LOCALE_USE_CP_ACP	   0x40000000
#define LOCALE_RETURN_NUMBER	   0x20000000
#define LOCALE_RETURN_GENITIVE	   0x10000000
#define LOCALE_ALLOW_NEUTRAL_NAMES 0x08000000
#define LOCALE_FONTSIGNATURE	   0x0058
#define LOCALE_CUSTOM_DEFAULT	   0x0c00
#define LOCALE_CUSTOM_UNSPECIFIED  0x1000
#define LOCALE_CUSTOM_UI_DEFAULT   0x1400
#define LCID_INSTALLED		   1
#define LCID_SUPPORTED		   2
#define LOCALE_WINDOWS		   0x01
#define LOCALE_SPECIFICDATA	   0x20
#define DEFAULT_LOCALE		   0 /* English_United States */

/* ---- the defaults ------------------------------------------------------- */

static const struct nls_locale *user_locale, *system_locale;
static pthread_once_t defaults_once = PTHREAD_ONCE_INIT;

/* The table's locale of a Linux locale name ("de_DE.UTF-8@euro", "de");
 * NULL for C, POSIX and names outside the table. */
static const struct nls_locale *from_unix(const char *s)
{
	char ll[8], cc[8];
	size_t n = strcspn(s, "_.@"), m = 0;

	if (n == 0 || n >= sizeof(ll))
		return 0;
	memcpy(ll, s, n);
	ll[n] = 0;
	if (s[n] == '_') {
		m = strcspn(s + n + 1, ".@");
		if (m == 0 || m >= sizeof(cc))
			return 0;
		memcpy(cc, s + n + 1, m);
		cc[m] = 0;
	}
	for (size_t i = 0; i < NLOCALES; i++) {
		const WCHAR *w = nls_locales[i].name;
		size_t k = 0;

		while (k < n && w[k] == (WCHAR)ll[k])
			k++;
		if (k < n || w[k] != '-')
			continue;
		if (m == 0 && (nls_locales[i].lcid >> 10) == 1)
			return &nls_locales[i]; /* the language's default */
		for (k = 0; k < m && w[n + 1 + k] == (WCHAR)cc[k]; k++)
			;
		if (m && k == m && !w[n + 1 + m])
			return &nls_locales[i];
	}
	return 0;
}

const struct nls_locale *rt_k32_unix_locale(const char *all,
					    const char *category,
					    const char *lang, int loadable)
{
	const char *s = all;
	const struct nls_locale *l;

	if (!s || !*s) {
		if (!loadable)
			return &nls_locales[DEFAULT_LOCALE];
		s = category;
		if (!s || !*s)
			s = lang;
	}
	if (!s || !*s || !strcmp(s, "C") || !strcmp(s, "POSIX") ||
	    !strncmp(s, "C.", 2))
		return &nls_locales[DEFAULT_LOCALE];
	l = from_unix(s);
	if (!l) {
		rt_refuse_quietly(0, "GetUserDefaultLCID",
				  "the Linux locale is not in the runtime's "
				  "table: English_United States instead");
		return &nls_locales[DEFAULT_LOCALE];
	}
	return l;
}

static void find_defaults(void)
{
	/* Whether the C library can load the locale the variables name
	 * (without changing the process's locale). */
	locale_t t = newlocale(LC_ALL_MASK, "", (locale_t)0);

	if (t)
		freelocale(t);
	user_locale = rt_k32_unix_locale(getenv("LC_ALL"),
					 getenv("LC_MESSAGES"), getenv("LANG"),
					 t != 0);
	system_locale = rt_k32_unix_locale(getenv("LC_ALL"),
					   getenv("LC_CTYPE"), getenv("LANG"),
					   t != 0);
}

static const struct nls_locale *user_default(void)
{
	pthread_once(&defaults_once, find_defaults);
	return user_locale;
}

static const struct nls_locale *system_default(void)
{
	pthread_once(&defaults_once, find_defaults);
	return system_locale;
}

/* ---- finding a locale ----------------------------------------------- */

static const struct nls_locale *by_lcid(LCID lcid)
{
	for (size_t i = 0; i < NLOCALES; i++)
		if (nls_locales[i].lcid == lcid)
			return &nls_locales[i];
	return 0;
}

/* The table's locale for lcid, or NULL: the user's and system's defaults
 * (0, LOCALE_USER_DEFAULT, the custom defaults; LOCALE_SYSTEM_DEFAULT) and
 * a neutral LCID (a language alone) for its default country, as Windows
 * resolves them. */
static const struct nls_locale *resolve(LCID lcid)
{
	if (lcid == LOCALE_NEUTRAL || lcid == LOCALE_USER_DEFAULT ||
	    lcid == LOCALE_CUSTOM_DEFAULT ||
	    lcid == LOCALE_CUSTOM_UNSPECIFIED ||
	    lcid == LOCALE_CUSTOM_UI_DEFAULT)
		return user_default();
	if (lcid == LOCALE_SYSTEM_DEFAULT)
		return system_default();
	if (lcid > 0 && lcid < 0x400)
		lcid |= 0x400; /* SUBLANG_DEFAULT */
	return by_lcid(lcid);
}

const struct nls_locale *rt_k32_locale(const char *fn, LCID lcid)
{
	const struct nls_locale *l = resolve(lcid);

	if (!l)
		rt_refuse(ERROR_INVALID_PARAMETER, fn,
			  "locale 0x%04x (only the locales of msvcrt's table)",
			  lcid);
	return l;
}

static int wide_eq_nocase(const WCHAR *a, const WCHAR *b)
{
	for (;; a++, b++) {
		WCHAR x = *a == '_' ? '-' : *a, y = *b;

		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return 0;
		if (!x)
			return 1;
	}
}

/* The table's locale a name gives ("de-DE", "de_de"; "de" when neutral
 * names are not asked for: the language's default), or NULL. */
static const struct nls_locale *by_name(LPCWSTR name, int neutral_ok)
{
	size_t n = rt_wcslen(name);

	for (size_t i = 0; i < NLOCALES; i++)
		if (wide_eq_nocase(name, nls_locales[i].name))
			return &nls_locales[i];
	if (neutral_ok || n < 2 || n > 3)
		return 0;
	for (size_t i = 0; i < NLOCALES; i++) {
		const WCHAR *w = nls_locales[i].name;
		size_t k = 0;

		while (k < n && (name[k] | 0x20) == w[k])
			k++;
		if (k == n && w[n] == '-' && (nls_locales[i].lcid >> 10) == 1)
			return &nls_locales[i];
	}
	return 0;
}

static void refuse_name(const char *fn, LPCWSTR name)
{
	char a[64];
	size_t i;

	for (i = 0; name[i] && i < sizeof(a) - 1; i++)
		a[i] = name[i] < 128 ? (char)name[i] : '?';
	a[i] = 0;
	rt_refuse(ERROR_INVALID_PARAMETER, fn,
		  "locale \"%s\" (only the locales of msvcrt's table; no "
		  "neutral or invariant locale)",
		  a);
}

const struct nls_locale *rt_k32_locale_named(const char *fn, LPCWSTR name)
{
	const struct nls_locale *l;

	if (!name)
		return user_default();
	/* A language alone is a neutral locale here, not its default. */
	l = by_name(name, 1);
	if (!l)
		refuse_name(fn, name);
	return l;
}

const struct nls_info *rt_k32_info(const struct nls_locale *l, LCTYPE type)
{
	const struct nls_info *info = rt_k32_infos(l);
	size_t lo = 0, hi = l->ninfo;

	type &= 0xffff;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (info[mid].type == type)
			return &info[mid];
		if (info[mid].type < type)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

const struct nls_info *rt_k32_infos(const struct nls_locale *l)
{
	return nls_infos + l->first;
}

const WCHAR *rt_k32_text(const struct nls_info *i)
{
	return nls_pool + i->text;
}

const WCHAR *rt_k32_genitive(const struct nls_info *i)
{
	return i->genitive ? nls_pool + i->genitive : NULL;
}

const WCHAR *rt_k32_era(const struct nls_locale *l)
{
	return nls_pool + l->era;
}

const struct nls_locale *rt_k32_locales(size_t *n)
{
	*n = NLOCALES;
	return nls_locales;
}

/* ---- GetLocaleInfo ---------------------------------------------------- */

/* GetLocaleInfoW in locale l: the answer's units (the NUL counted), or
 * sizeof(DWORD) / sizeof(WCHAR) with LOCALE_RETURN_NUMBER; 0 with the
 * last error. */
static INT info_w(const struct nls_locale *l, LCTYPE type, LPWSTR buf, INT n)
{
	const struct nls_info *i = rt_k32_info(l, type);
	const WCHAR *text;
	INT len;

	if (!i) {
		rt_set_last_error(ERROR_INVALID_FLAGS);
		return 0;
	}
	if (type & LOCALE_RETURN_NUMBER) {
		if (!i->has_number) {
			rt_set_last_error(ERROR_INVALID_FLAGS);
			return 0;
		}
		if (n == 0)
			return 2;
		if (n < 2) {
			rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
			return 0;
		}
		memcpy(buf, &i->number, sizeof(DWORD));
		return 2;
	}
	text = rt_k32_text(i), len = i->len;
	if ((type & LOCALE_RETURN_GENITIVE) && rt_k32_genitive(i)) {
		text = rt_k32_genitive(i);
		len = (INT)rt_wcslen(text) + 1;
	}
	if (n == 0)
		return len;
	if (n < len) {
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	memcpy(buf, text, (size_t)len * sizeof(WCHAR));
	return len;
}

/* GetLocaleInfoW: what locale lcid says of type (an LCTYPE with the flags
 * LOCALE_NOUSEROVERRIDE, LOCALE_RETURN_NUMBER, LOCALE_RETURN_GENITIVE_NAMES)
 * into buf of n units; n == 0 asks for the size.  The units written (the
 * NUL counted); 0 with ERROR_INVALID_FLAGS for an LCTYPE the locale does
 * not have, ERROR_INSUFFICIENT_BUFFER, ERROR_INVALID_PARAMETER (also a
 * locale outside the table, refused). */
INT WINAPI w32_GetLocaleInfoW(LCID lcid, LCTYPE type, LPWSTR buf, INT n)
{
	const struct nls_locale *l;

	if (n < 0 || (n && !buf)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	l = rt_k32_locale("GetLocaleInfoW", lcid);
	return l ? info_w(l, type, buf, n) : 0;
}

/* GetLocaleInfoEx: GetLocaleInfoW for a locale name (NULL: the user's). */
INT WINAPI w32_GetLocaleInfoEx(LPCWSTR name, LCTYPE type, LPWSTR buf, INT n)
{
	const struct nls_locale *l;

	if (n < 0 || (n && !buf)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	l = rt_k32_locale_named("GetLocaleInfoEx", name);
	return l ? info_w(l, type, buf, n) : 0;
}

/* GetLocaleInfoA: GetLocaleInfoW's answer in the locale's ANSI code page
 * (the process's with LOCALE_USE_CP_ACP), n and the result in bytes; the
 * font signature and LOCALE_RETURN_NUMBER's number as their bytes. */
INT WINAPI w32_GetLocaleInfoA(LCID lcid, LCTYPE type, LPSTR buf, INT n)
{
	const struct nls_locale *l;
	const struct nls_info *i;
	WCHAR w[256];
	INT k;

	if (n < 0 || (n && !buf)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	l = rt_k32_locale("GetLocaleInfoA", lcid);
	if (!l)
		return 0;
	if ((type & LOCALE_RETURN_NUMBER) ||
	    (type & 0xffff) == LOCALE_FONTSIGNATURE) {
		k = info_w(l, type, (LPWSTR)buf, n / 2);
		return k * 2;
	}
	i = rt_k32_info(l, type);
	if (i && i->ansi_error) {
		rt_set_last_error(i->ansi_error);
		return 0;
	}
	if (i && i->len > (INT)(sizeof(w) / sizeof(w[0]))) {
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	k = info_w(l, type, w, (INT)(sizeof(w) / sizeof(w[0])));
	if (!k)
		return 0;
	return w32_WideCharToMultiByte(type & LOCALE_USE_CP_ACP ? w32_GetACP()
								: l->acp,
				       0, w, k, buf, n, 0, 0);
}

/* ---- the defaults, the thread's locale -------------------------------- */

/* GetUserDefaultLCID: the user's locale (see the top). */
LCID WINAPI w32_GetUserDefaultLCID(void)
{
	return user_default()->lcid;
}

/* GetSystemDefaultLCID: the system's locale (see the top). */
LCID WINAPI w32_GetSystemDefaultLCID(void)
{
	return system_default()->lcid;
}

/* GetUserDefaultLangID: the user's locale's language and country. */
LANGID WINAPI w32_GetUserDefaultLangID(void)
{
	return (LANGID)user_default()->lcid;
}

/* GetSystemDefaultLangID: the system's. */
LANGID WINAPI w32_GetSystemDefaultLangID(void)
{
	return (LANGID)system_default()->lcid;
}

/* GetUserDefaultUILanguage: the user's language, as Wine: the locale's. */
LANGID WINAPI w32_GetUserDefaultUILanguage(void)
{
	return (LANGID)user_default()->lcid;
}

/* GetSystemDefaultUILanguage: the system's, the system locale's. */
LANGID WINAPI w32_GetSystemDefaultUILanguage(void)
{
	return (LANGID)system_default()->lcid;
}

static INT copy_name(const struct nls_locale *l, LPWSTR buf, INT n)
{
	INT len = (INT)rt_wcslen(l->name) + 1;

	if (n == 0)
		return len;
	if (n < len || !buf) {
		rt_set_last_error(n < 0 || !buf ? ERROR_INVALID_PARAMETER
						: ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	memcpy(buf, l->name, (size_t)len * sizeof(WCHAR));
	return len;
}

/* GetUserDefaultLocaleName: the user's locale's name ("en-US") into buf
 * of n units; its length with the NUL, 0 with the last error. */
INT WINAPI w32_GetUserDefaultLocaleName(LPWSTR buf, INT n)
{
	return copy_name(user_default(), buf, n);
}

/* GetSystemDefaultLocaleName: the system's. */
INT WINAPI w32_GetSystemDefaultLocaleName(LPWSTR buf, INT n)
{
	return copy_name(system_default(), buf, n);
}

static __thread LCID thread_lcid; /* 0: not set, the user's */

/* GetThreadLocale: the calling thread's locale, the user's until
 * SetThreadLocale. */
LCID WINAPI w32_GetThreadLocale(void)
{
	return thread_lcid ? thread_lcid : user_default()->lcid;
}

/* SetThreadLocale: the calling thread's locale becomes lcid (the defaults
 * resolved); FALSE with ERROR_INVALID_PARAMETER for an invalid one (one
 * outside the table refused). */
BOOL WINAPI w32_SetThreadLocale(LCID lcid)
{
	const struct nls_locale *l = rt_k32_locale("SetThreadLocale", lcid);

	if (!l)
		return FALSE;
	thread_lcid = l->lcid;
	return TRUE;
}

/* ---- names and validity ---------------------------------------------- */

/* IsValidLocale: whether lcid is a locale of the table (installed and
 * supported alike); the defaults' pseudo LCIDs are not, as on Windows.  A
 * locale Windows has but the table has not is FALSE, said under --trace. */
BOOL WINAPI w32_IsValidLocale(LCID lcid, DWORD flags)
{
	(void)flags; /* LCID_INSTALLED, LCID_SUPPORTED: all are installed */
	if (lcid == LOCALE_NEUTRAL || lcid == LOCALE_USER_DEFAULT ||
	    lcid == LOCALE_SYSTEM_DEFAULT)
		return FALSE;
	if (resolve(lcid))
		return TRUE;
	rt_refuse_quietly(0, "IsValidLocale",
			  "a locale outside msvcrt's table is not valid here");
	return FALSE;
}

/* IsValidLocaleName: whether name is a locale of the table ("de-DE"; a
 * language alone names its default). */
BOOL WINAPI w32_IsValidLocaleName(LPCWSTR name)
{
	if (!name)
		return FALSE;
	if (by_name(name, 0))
		return TRUE;
	rt_refuse_quietly(0, "IsValidLocaleName",
			  "a locale outside msvcrt's table is not valid here");
	return FALSE;
}

/* LocaleNameToLCID: the LCID of a locale name (NULL: the user's; a
 * language alone: its default country's); 0 with ERROR_INVALID_PARAMETER
 * for a name outside the table, or a neutral name asked for with
 * LOCALE_ALLOW_NEUTRAL_NAMES (refused). */
LCID WINAPI w32_LocaleNameToLCID(LPCWSTR name, DWORD flags)
{
	const struct nls_locale *l;

	if (!name)
		return user_default()->lcid;
	l = by_name(name, (flags & LOCALE_ALLOW_NEUTRAL_NAMES) != 0);
	if (!l) {
		refuse_name("LocaleNameToLCID", name);
		return 0;
	}
	return l->lcid;
}

/* LCIDToLocaleName: lcid's name into buf of n units (n == 0: the size);
 * its length with the NUL, 0 with the last error.  A neutral LCID asked
 * for as itself (LOCALE_ALLOW_NEUTRAL_NAMES) is refused. */
INT WINAPI w32_LCIDToLocaleName(LCID lcid, LPWSTR buf, INT n, DWORD flags)
{
	const struct nls_locale *l;

	if (n < 0 || (n && !buf)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if ((flags & LOCALE_ALLOW_NEUTRAL_NAMES) && lcid > 0 && lcid < 0x400) {
		rt_refuse(ERROR_INVALID_PARAMETER, "LCIDToLocaleName",
			  "a neutral locale's name (0x%04x)", lcid);
		return 0;
	}
	l = rt_k32_locale("LCIDToLocaleName", lcid);
	return l ? copy_name(l, buf, n) : 0;
}

/* ---- enumeration ------------------------------------------------------ */

/* The table's indexes in LCID order, as Windows enumerates. */
static void lcid_order(size_t order[])
{
	for (size_t i = 0; i < NLOCALES; i++)
		order[i] = i;
	for (size_t i = 1; i < NLOCALES; i++)
		for (size_t j = i; j > 0 && nls_locales[order[j - 1]].lcid >
						    nls_locales[order[j]].lcid;
		     j--) {
			size_t t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
}

/* EnumSystemLocalesA: calls fn with each locale of the table's LCID as
 * eight hex digits ("00000407") until it returns FALSE; TRUE.  (The
 * table's are all installed: LCID_INSTALLED and LCID_SUPPORTED alike.) */
BOOL WINAPI w32_EnumSystemLocalesA(LOCALE_ENUMPROCA fn, DWORD flags)
{
	size_t order[NLOCALES];
	char s[16];

	(void)flags;
	if (!fn) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	lcid_order(order);
	for (size_t i = 0; i < NLOCALES; i++) {
		snprintf(s, sizeof(s), "%08X", nls_locales[order[i]].lcid);
		if (!fn(s))
			break;
	}
	return TRUE;
}

/* EnumSystemLocalesW: the same with wide strings. */
BOOL WINAPI w32_EnumSystemLocalesW(LOCALE_ENUMPROCW fn, DWORD flags)
{
	size_t order[NLOCALES];
	char s[16];
	WCHAR w[16];

	(void)flags;
	if (!fn) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	lcid_order(order);
	for (size_t i = 0; i < NLOCALES; i++) {
		snprintf(s, sizeof(s), "%08X", nls_locales[order[i]].lcid);
		for (int k = 0; k < 9; k++)
			w[k] = (WCHAR)s[k];
		if (!fn(w))
			break;
	}
	return TRUE;
}

/* EnumSystemLocalesEx: calls fn with each locale's name, its kind
 * (LOCALE_WINDOWS | LOCALE_SPECIFICDATA: all the table's are) and param,
 * until it returns FALSE; TRUE.  flags 0 (all), LOCALE_WINDOWS or
 * LOCALE_SPECIFICDATA; the others ask for neutral, supplemental or
 * alternative-sort locales the table has none of (refused). */
BOOL WINAPI w32_EnumSystemLocalesEx(LOCALE_ENUMPROCEX fn, DWORD flags,
				    LONG_PTR param, LPVOID reserved)
{
	size_t order[NLOCALES];

	if (!fn || reserved) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	if (flags & ~(DWORD)(LOCALE_WINDOWS | LOCALE_SPECIFICDATA))
		return rt_refuse(ERROR_INVALID_FLAGS, "EnumSystemLocalesEx",
				 "flags 0x%x (neutral, supplemental and "
				 "alternative-sort locales are not in the "
				 "table)",
				 flags);
	lcid_order(order);
	for (size_t i = 0; i < NLOCALES; i++) {
		WCHAR name[16];

		memcpy(name, nls_locales[order[i]].name,
		       (rt_wcslen(nls_locales[order[i]].name) + 1) *
			       sizeof(WCHAR));
		if (!fn(name, LOCALE_WINDOWS | LOCALE_SPECIFICDATA, param))
			break;
	}
	return TRUE;
}
