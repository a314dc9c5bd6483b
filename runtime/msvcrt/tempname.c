/*
 * tempname.c — msvcrt's names for temporary files in a directory of the
 * program's choosing: _tempnam and _wtempnam; and in the root of the
 * current drive: tmpnam and its wide twin _wtmpnam.
 *
 * _tempnam follows Microsoft's documentation of its CRT: the directory
 * is TMP's when TMP names one, else dir's when it names one; when both
 * name something that is not a directory the call fails; otherwise (TMP
 * or dir not given) it is P_tmpdir, "\", the root of the current drive.
 * The name is the directory, a backslash unless it ends with one, the
 * prefix and the next number of a process-wide sequence (the first is
 * 2: "tmp\stq2", then "tmp\stq3"), the first that no file has.  Wine 8
 * differs (tests/wine/progs/tempnam.c and the unit tests say where): it
 * takes TMP even when it is not a directory, fails without TMP or dir,
 * and names as GetTempFileName does ("stqf8e5.tmp", three letters of the
 * prefix).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

#define TMP_MAX_TRIES	32767
#define NO_ATTRIBUTES	0xffffffffu
#define ATTR_DIRECTORY	0x10
#define P_TMPDIR	"\\"

static int is_dir(const char *name)
{
	DWORD a;

	if (!name || !*name)
		return 0;
	a = w32_GetFileAttributesA(name);
	return a != NO_ATTRIBUTES && (a & ATTR_DIRECTORY);
}

/* The directory _tempnam names into; NULL when TMP and dir both name
 * something that is not a directory. */
static const char *temp_dir(const char *dir)
{
	const char *tmp = w32_getenv("TMP");

	if (tmp && !*tmp)
		tmp = 0;
	if (is_dir(tmp))
		return tmp;
	if (is_dir(dir))
		return dir;
	if (tmp && dir)
		return 0;
	return P_TMPDIR;
}

/* _tempnam: a malloc'd name no file has (see the top); NULL with errno
 * ENOENT when there is no directory to use, EEXIST when every number is
 * taken, ENOMEM. */
char *WINAPI w32__tempnam(const char *dir, const char *prefix)
{
	static unsigned counter = 1;
	const char *d = temp_dir(dir);
	size_t dl, pl;
	char *name;

	if (!d) {
		*rt_errno_ptr() = W_ENOENT;
		return 0;
	}
	if (!prefix)
		prefix = "";
	dl = strlen(d);
	pl = strlen(prefix);
	name = malloc(dl + 1 + pl + 12);
	if (!name) {
		*rt_errno_ptr() = W_ENOMEM;
		return 0;
	}
	memcpy(name, d, dl);
	if (dl && d[dl - 1] != '\\' && d[dl - 1] != '/')
		name[dl++] = '\\';
	memcpy(name + dl, prefix, pl);
	for (int i = 0; i < TMP_MAX_TRIES; i++) {
		unsigned n = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);

		w32__ultoa(n, name + dl + pl, 10);
		if (w32_GetFileAttributesA(name) == NO_ATTRIBUTES)
			return name;
	}
	free(name);
	*rt_errno_ptr() = W_EEXIST;
	return 0;
}

/* _wtempnam: _tempnam of the names as UTF-8, dllshare's ANSI code page,
 * the answer widened again. */
WCHAR *WINAPI w32__wtempnam(const WCHAR *dir, const WCHAR *prefix)
{
	char *d = dir ? rt_utf8_dup(dir) : 0, *p = prefix ? rt_utf8_dup(prefix) : 0;
	char *r = 0;
	WCHAR *w = 0;

	if ((dir && !d) || (prefix && !p)) {
		*rt_errno_ptr() = W_ENOMEM;
		goto out;
	}
	r = w32__tempnam(d, p);
	if (r && !(w = rt_utf16_dup(r)))
		*rt_errno_ptr() = W_ENOMEM;
out:
	free(d);
	free(p);
	free(r);
	return w;
}

/* The digits of v in msvcrt's base 32 (0-9, a-v), as tmpnam uses: none
 * for 0, so the first name ends in its dot ("\\s10."). */
static int base32(unsigned v, char *out)
{
	char tmp[8];
	int n = 0, k = 0;

	while (v) {
		tmp[n++] = "0123456789abcdefghijklmnopqrstuv"[v & 31];
		v >>= 5;
	}
	while (n)
		out[k++] = tmp[--n];
	out[k] = 0;
	return k;
}

/* tmpnam: "\s<pid>.<n>" in base 32, in the root of the current drive,
 * the first n for which no file exists (msvcrt's and Wine's scheme); into
 * buf (L_tmpnam, 14 bytes) or a static buffer when buf is NULL. */
char *WINAPI w32_tmpnam(char *buf)
{
	static char own[16];
	static unsigned next;
	char pid[8], num[8], name[32];

	if (!buf)
		buf = own;
	base32((unsigned)getpid(), pid);
	for (int i = 0; i < 32767; i++) {
		base32(__atomic_fetch_add(&next, 1, __ATOMIC_SEQ_CST), num);
		snprintf(name, sizeof(name), "\\s%s.%s", pid, num);
		if (strlen(name) >= 14)
			break;
		if (w32_GetFileAttributesA(name) == 0xffffffffu)
			return strcpy(buf, name);
	}
	*rt_errno_ptr() = W_EEXIST;
	return 0;
}

/* _wtmpnam: tmpnam's name, widened, into buf (L_tmpnam units) or a
 * buffer of the thread's when buf is NULL. */
WCHAR *WINAPI w32__wtmpnam(WCHAR *buf)
{
	static __thread WCHAR own[16];
	char name[16];
	size_t i;

	if (!w32_tmpnam(name))
		return 0;
	if (!buf)
		buf = own;
	for (i = 0; name[i]; i++)
		buf[i] = (unsigned char)name[i];
	buf[i] = 0;
	return buf;
}
