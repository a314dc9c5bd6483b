/*
 * path.c — msvcrt's paths as strings and its drives: _splitpath and
 * _makepath, _mktemp, each one implementation for both widths (a string
 * is read and written unit by unit, bytes or UTF-16 units, through the
 * small accessors below); and the drives: _getdrive, _getdrives,
 * _chdrive, _getdcwd/_wgetdcwd and _getdiskfree.
 *
 * Drives are the runtime's (runtime/core/args.c, rt_unix_name): Z: is
 * the Linux root and the only drive, so it is always the current one;
 * another letter is a drive that does not exist.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

#define NO_ATTRIBUTES	     0xffffffffu
#define ERROR_PATH_NOT_FOUND 3
#define DRIVE_Z		     26

/* A string of either width. */
struct units {
	void *p;
	int wide;
};

static unsigned get(struct units s, size_t i)
{
	return s.wide ? ((const WCHAR *)s.p)[i]
		      : (unsigned char)((char *)s.p)[i];
}

static void put(struct units s, size_t i, unsigned c)
{
	if (s.wide)
		((WCHAR *)s.p)[i] = (WCHAR)c;
	else
		((char *)s.p)[i] = (char)c;
}

static size_t len(struct units s)
{
	size_t n = 0;

	while (get(s, n))
		n++;
	return n;
}

/* Copies units [from, to) of s into out (when there is one), NUL after. */
static void copy_part(struct units s, size_t from, size_t to, void *out)
{
	struct units o = {out, s.wide};

	if (!out)
		return;
	for (size_t i = from; i < to; i++)
		put(o, i - from, get(s, i));
	put(o, to - from, 0);
}

/* The four parts of path: drive ("c:"), directory (to its last '\' or
 * '/', included), name, extension (from the name's last '.'). */
static void split(struct units s, void *drive, void *dir, void *name, void *ext)
{
	size_t n = len(s), d = 0, slash, dot;

	if (n >= 2 && get(s, 1) == ':')
		d = 2;
	slash = d;
	for (size_t i = d; i < n; i++)
		if (get(s, i) == '\\' || get(s, i) == '/')
			slash = i + 1;
	dot = n;
	for (size_t i = n; i > slash; i--) {
		if (get(s, i - 1) == '.') {
			dot = i - 1;
			break;
		}
	}
	copy_part(s, 0, d, drive);
	copy_part(s, d, slash, dir);
	copy_part(s, slash, dot, name);
	copy_part(s, dot, n, ext);
}

/* Appends part to out at *k; returns part's length (0 for NULL). */
static size_t append(struct units out, size_t *k, const void *part)
{
	struct units p = {(void *)part, out.wide};
	size_t n = part ? len(p) : 0;

	for (size_t i = 0; i < n; i++)
		put(out, (*k)++, get(p, i));
	return n;
}

/* drive's letter and ':', dir with a separator after it, name, and ext
 * after a '.' (each part that is there and not empty). */
static void make(struct units out, const void *drive, const void *dir,
		 const void *name, const void *ext)
{
	struct units d = {(void *)drive, out.wide}, e = {(void *)ext, out.wide};
	size_t k = 0, n;

	if (drive && get(d, 0)) {
		put(out, k++, get(d, 0));
		put(out, k++, ':');
	}
	if ((n = append(out, &k, dir)) && get(out, k - 1) != '\\' &&
	    get(out, k - 1) != '/')
		put(out, k++, '\\');
	append(out, &k, name);
	if (ext && get(e, 0)) {
		if (get(e, 0) != '.')
			put(out, k++, '.');
		append(out, &k, ext);
	}
	put(out, k, 0);
}

/* _splitpath: the parts of path into the buffers given (NULL: not
 * wanted), which the caller sizes (_MAX_DRIVE, _MAX_DIR, ...). */
void WINAPI w32__splitpath(const char *path, char *drive, char *dir, char *name,
			   char *ext)
{
	struct units s = {(void *)path, 0};

	if (!path) {
		*rt_errno_ptr() = W_EINVAL;
		return;
	}
	split(s, drive, dir, name, ext);
}

void WINAPI w32__wsplitpath(const WCHAR *path, WCHAR *drive, WCHAR *dir,
			    WCHAR *name, WCHAR *ext)
{
	struct units s = {(void *)path, 1};

	if (!path) {
		*rt_errno_ptr() = W_EINVAL;
		return;
	}
	split(s, drive, dir, name, ext);
}

/* _makepath: the path of the parts (any may be NULL) into out. */
void WINAPI w32__makepath(char *out, const char *drive, const char *dir,
			  const char *name, const char *ext)
{
	struct units o = {out, 0};

	make(o, drive, dir, name, ext);
}

void WINAPI w32__wmakepath(WCHAR *out, const WCHAR *drive, const WCHAR *dir,
			   const WCHAR *name, const WCHAR *ext)
{
	struct units o = {out, 1};

	make(o, drive, dir, name, ext);
}

/* ---- _mktemp ------------------------------------------------------- */

static int name_free(struct units s)
{
	DWORD a;

	if (s.wide) {
		char *n = rt_utf8_dup(s.p);

		a = n ? w32_GetFileAttributesA(n) : 0;
		free(n);
	} else {
		a = w32_GetFileAttributesA(s.p);
	}
	return a == NO_ATTRIBUTES;
}

/* Microsoft's scheme: the template ends in six X (more are kept as
 * they are); the last five become the process id's last digits, the
 * first a letter, 'a' to 'z', the first that makes a name no file has.
 * The template, changed, or NULL (the template short, or every letter
 * taken). */
static void *mktemp_units(struct units s)
{
	size_t n, x = 0;
	unsigned id = (unsigned)getpid();

	if (!s.p)
		return 0;
	n = len(s);
	while (x < n && get(s, n - 1 - x) == 'X')
		x++;
	if (x < 6)
		return 0;
	for (size_t i = n - 1; i > n - 6; i--, id /= 10)
		put(s, i, '0' + id % 10);
	for (unsigned c = 'a'; c <= 'z'; c++) {
		put(s, n - 6, c);
		if (name_free(s))
			return s.p;
	}
	return 0;
}

char *WINAPI w32__mktemp(char *tmpl)
{
	struct units s = {tmpl, 0};

	return mktemp_units(s);
}

WCHAR *WINAPI w32__wmktemp(WCHAR *tmpl)
{
	struct units s = {tmpl, 1};

	return mktemp_units(s);
}

/* ---- drives -------------------------------------------------------- */

/* The current drive, 1 for A: ... 26 for Z: (always Z: here). */
int WINAPI w32__getdrive(void)
{
	return DRIVE_Z;
}

/* The drives there are, bit 0 for A: (Z: alone here). */
ULONG WINAPI w32__getdrives(void)
{
	return 1u << (DRIVE_Z - 1);
}

/* Makes drive (1 for A:) the current one: 0 for Z:, which already is;
 * -1 for another letter (ENOENT: it does not exist) or a number that
 * names no letter (EACCES, msvcrt's invalid argument). */
int WINAPI w32__chdrive(int drive)
{
	if (drive == DRIVE_Z)
		return 0;
	*rt_errno_ptr() = drive >= 1 && drive < DRIVE_Z ? W_ENOENT : W_EACCES;
	return -1;
}

/* The current directory of drive (0: the current drive) as _getcwd
 * gives it; a drive that does not exist is EACCES, as in msvcrt. */
char *WINAPI w32__getdcwd(int drive, char *buf, int size)
{
	if (drive && drive != DRIVE_Z) {
		*rt_errno_ptr() = W_EACCES;
		return 0;
	}
	return w32__getcwd(buf, size);
}

WCHAR *WINAPI w32__wgetdcwd(int drive, WCHAR *buf, int size)
{
	if (drive && drive != DRIVE_Z) {
		*rt_errno_ptr() = W_EACCES;
		return 0;
	}
	return w32__wgetcwd(buf, size);
}

_Static_assert(sizeof(struct diskfree) == 16, "struct _diskfree_t");

/* The free and total space of drive (0: the current one) as kernel32's
 * GetDiskFreeSpace counts it; 0, or the Windows error (and errno): a
 * drive above 26 is ERROR_INVALID_PARAMETER, errno untouched, as msvcrt
 * does. */
unsigned WINAPI w32__getdiskfree(unsigned drive, struct diskfree *d)
{
	DWORD v[4], err;

	if (drive > DRIVE_Z)
		return ERROR_INVALID_PARAMETER;
	if (drive && drive != DRIVE_Z) {
		*rt_errno_ptr() = W_ENOENT;
		return ERROR_PATH_NOT_FOUND;
	}
	if (w32_GetDiskFreeSpaceA(drive ? "Z:\\" : 0, &v[0], &v[1], &v[2],
				  &v[3])) {
		d->sectors_per_cluster = v[0];
		d->bytes_per_sector = v[1];
		d->avail_clusters = v[2];
		d->total_clusters = v[3];
		return 0;
	}
	err = w32_GetLastError();
	*rt_errno_ptr() = err == ERROR_NOT_ENOUGH_MEMORY ? W_ENOMEM : W_EACCES;
	return err;
}
