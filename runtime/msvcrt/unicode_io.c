/*
 * unicode_io.c — msvcrt's Unicode translation modes of a descriptor
 * (_O_WTEXT, _O_U16TEXT, _O_U8TEXT): the byte-order mark an open writes
 * or reads (and the mode it decides), and _read and _write in these
 * modes, where the program's side is UTF-16 and the file's UTF-16LE or
 * UTF-8.  In text mode "\n" is written "\r\n", "\r\n" is read "\n" and
 * a Ctrl-Z ends the input, as in msvcrt's narrow text mode; in binary
 * mode (a Unicode open with _O_BINARY) the units pass as they are, but
 * an odd count is still refused.
 *
 * The mode is the descriptor's only (lowio.c): a stream on it buffers
 * what the program gives, UTF-16 from fputwc or bytes from fputs, and
 * its flush hands them to the write here, as msvcrt's streams do.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

#define CP_UTF8 65001

static const unsigned char bom8[3] = {0xef, 0xbb, 0xbf};
static const unsigned char bom16[2] = {0xff, 0xfe};

/* read() until n bytes or the end; the count, or -1 with errno. */
static ssize_t read_some(int lfd, void *b, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(lfd, (char *)b + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return got ? (ssize_t)got : -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* One read() as ReadFile makes it: what is there, up to n. */
static ssize_t read_once(int lfd, void *b, size_t n)
{
	ssize_t r;

	do
		r = read(lfd, b, n);
	while (r < 0 && errno == EINTR);
	return r;
}

/* The flags a byte-order mark at lfd's position decides: UTF-8's or
 * UTF-16LE's mode instead of the one asked, else the flags unchanged.
 * seek: leave the position just after the mark, or at 0 without one
 * (msvcrt reads three bytes to look, and a UTF-8 mark is all three). */
static int check_bom(int lfd, int flags, int seek)
{
	unsigned char b[3];
	ssize_t r = read_some(lfd, b, 3);

	if (r < 0)
		return flags;
	if (r == 3 && !memcmp(b, bom8, 3))
		return (flags & ~_O_UNICODE_MODES) | _O_U8TEXT;
	if (r >= 2 && !memcmp(b, bom16, 2)) {
		if (seek && r > 2)
			lseek(lfd, 2, SEEK_SET);
		return (flags & ~_O_UNICODE_MODES) | _O_U16TEXT;
	}
	if (seek)
		lseek(lfd, 0, SEEK_SET);
	return flags;
}

/* The open's CreateFile disposition opens an existing file as it is
 * (OPEN_EXISTING, OPEN_ALWAYS): neither truncated nor created anew. */
static int keeps_file(int flags)
{
	return !(flags & _O_TRUNC) &&
		!((flags & _O_CREAT) && (flags & _O_EXCL));
}

int rt_crt_unicode_open(const char *path, int lfd, int flags)
{
	int rd = (flags & 3) != _O_WRONLY, wr = (flags & 3) != _O_RDONLY;
	struct stat st;

	/* Opened for writing only, an existing file still tells its
	 * encoding: msvcrt opens it once more for reading to look. */
	if (keeps_file(flags) && !rd) {
		int rfd = open(path, O_RDONLY | O_CLOEXEC);

		if (rfd >= 0) {
			flags = check_bom(rfd, flags, 0);
			close(rfd);
		}
	}
	if (wr &&
	    (!keeps_file(flags) || (fstat(lfd, &st) == 0 && st.st_size == 0))) {
		/* A new or empty file starts with the mark of its mode:
		 * UTF-8's for _O_U8TEXT, else UTF-16LE's, which makes
		 * _O_WTEXT UTF-16 too. */
		int u8 = (flags & _O_U8TEXT) != 0;

		if (rt_write_all(lfd, u8 ? bom8 : bom16, u8 ? 3 : 2) < 0) {
			rt_set_errno_from(errno);
			return -1;
		}
		if (!u8)
			flags |= _O_U16TEXT;
	} else if (rd) {
		flags = check_bom(lfd, flags, 1);
	}
	/* _O_WTEXT with no mark found is msvcrt's narrow text mode. */
	return flags & _O_U16TEXT   ? _O_U16TEXT
		: flags & _O_U8TEXT ? _O_U8TEXT
				    : 0;
}

/* ---- reading ------------------------------------------------------- */

/* Whether the descriptor's file can seek back over what a read looked
 * ahead at; a pipe or a terminal keeps those bytes instead (f->la). */
static int seekable(struct rt_crt_fd *f)
{
	struct stat st;

	return fstat(f->fd, &st) == 0 &&
		(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode));
}

/* Gives back the n bytes at b that were read past what this read
 * returns. */
static void give_back(struct rt_crt_fd *f, const unsigned char *b, int n)
{
	if (n <= 0)
		return;
	if (seekable(f)) {
		lseek(f->fd, -n, SEEK_CUR);
		return;
	}
	memcpy(f->la, b, (size_t)n);
	f->nla = n;
}

/* Takes the bytes kept from the last read into b; their count. */
static int take_back(struct rt_crt_fd *f, unsigned char *b)
{
	int n = f->nla;

	memcpy(b, f->la, (size_t)n);
	f->nla = 0;
	return n;
}

static unsigned unit_at(const unsigned char *b, size_t i)
{
	return b[i] | (unsigned)b[i + 1] << 8;
}

static void put_unit(unsigned char *b, size_t *j, unsigned c)
{
	b[(*j)++] = (unsigned char)c;
	b[(*j)++] = (unsigned char)(c >> 8);
}

/* UTF-16LE text: "\r\n" becomes "\n", Ctrl-Z ends.  A '\r' at the end
 * of what was read is decided by the unit after it, as msvcrt decides
 * it (a "\r\n" split so is "\n" only when nothing came before). */
static int text16(struct rt_crt_fd *f, unsigned char *b, size_t got)
{
	size_t j = 0;

	for (size_t i = 0; i < got; i += 2) {
		unsigned c = unit_at(b, i);

		if (c == 0x1a) {
			f->ateof = 1;
			break;
		}
		if (c == '\r' && i + 2 == got) {
			unsigned char la[2] = {0, '\n'};
			ssize_t m = read_once(f->fd, la, 2);
			int lf = m > 0 && la[0] == '\n' && la[1] == 0;

			if (m <= 0) {
				put_unit(b, &j, '\r');
			} else if (lf && j == 0) {
				put_unit(b, &j, '\n');
			} else {
				if (!lf)
					put_unit(b, &j, '\r');
				if (seekable(f))
					lseek(f->fd, -2, SEEK_CUR);
				else if (lf)
					put_unit(b, &j, '\n');
				else
					give_back(f, la, (int)m);
			}
		} else if (c != '\r' || unit_at(b, i + 2) != '\n') {
			put_unit(b, &j, c);
		}
	}
	return (int)j;
}

/* UTF-16LE (or, for a binary descriptor in _O_U8TEXT, bytes as they
 * are): an odd byte at the end is dropped, as msvcrt drops it. */
static int read16(struct rt_crt_fd *f, unsigned char *b, unsigned n)
{
	int utf16 = f->wide == _O_U16TEXT;
	size_t got = (size_t)take_back(f, b);
	ssize_t r;

	if (n > got) {
		r = read_once(f->fd, b + got, n - got);
		if (r < 0 && got == 0) {
			rt_set_errno_from(errno);
			return -1;
		}
		got += r > 0 ? (size_t)r : 0;
	}
	if (utf16 && (got & 1))
		got--;
	if (got == 0) {
		f->ateof = 1;
		return 0;
	}
	f->readnl = b[0] == '\n' && (!utf16 || b[1] == 0);
	return f->text ? text16(f, b, got) : (int)got;
}

static size_t utf8_len(unsigned char c)
{
	return (c & 0xf8) == 0xf0    ? 4
		: (c & 0xf0) == 0xe0 ? 3
		: (c & 0xe0) == 0xc0 ? 2
				     : 1;
}

/* UTF-8 bytes b[0..n) as UTF-16 at out, the first max units of them (a
 * one-unit read of a character beyond U+FFFF gets its high surrogate
 * only, as in msvcrt); the count of bytes written, or -1 with errno
 * (nothing to convert is EINVAL, as MultiByteToWideChar fails then). */
static int to_utf16(const unsigned char *b, size_t n, void *out, size_t max)
{
	WCHAR *w;
	int k;

	if (n == 0 || max == 0) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	w = malloc(n * sizeof(WCHAR));
	if (!w) {
		*rt_errno_ptr() = W_ENOMEM;
		return -1;
	}
	k = w32_MultiByteToWideChar(CP_UTF8, 0, (const char *)b, (int)n, w,
				    (int)n);
	if (k <= 0) {
		free(w);
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	if ((size_t)k > max)
		k = (int)max;
	memcpy(out, w, (size_t)k * sizeof(WCHAR));
	free(w);
	return k * 2;
}

/* A '\r' ending the bytes read: looks at the next byte.  Returns what
 * stands for it ('\r', '\n', or 0 for nothing, its "\n" coming next). */
static int utf8_cr(struct rt_crt_fd *f, int first)
{
	unsigned char c;
	ssize_t m = read_once(f->fd, &c, 1);

	if (m <= 0)
		return '\r';
	if (c == '\n' && first)
		return '\n';
	if (seekable(f))
		lseek(f->fd, -1, SEEK_CUR);
	else
		give_back(f, &c, 1);
	return c == '\n' ? 0 : '\r';
}

/* A read of fewer than four units: one character at a time. */
static int read8_small(struct rt_crt_fd *f, unsigned char *b, void *out,
		       size_t max)
{
	size_t pos = (size_t)take_back(f, b);
	ssize_t r;

	if (!pos) {
		r = read_once(f->fd, b, 1);
		if (r < 0) {
			rt_set_errno_from(errno);
			return -1;
		}
		if (r == 0) {
			f->ateof = 1;
			return 0;
		}
		pos = 1;
	}
	if (utf8_len(b[0]) > pos) {
		r = read_some(f->fd, b + pos, utf8_len(b[0]) - pos);
		pos += r > 0 ? (size_t)r : 0;
	}
	if (b[0] == 0x1a) {
		f->ateof = 1;
		return 0;
	}
	if (b[0] == '\r') {
		unsigned char c = '\r';
		int x = utf8_cr(f, 1);

		if (x == '\n')
			c = '\n';
		return to_utf16(&c, 1, out, max);
	}
	return to_utf16(b, pos, out, max);
}

/* UTF-8 text to UTF-16: at most n/2 bytes are read, a character cut at
 * the end waits for the next read, "\r\n" becomes "\n", Ctrl-Z ends. */
static int read8(struct rt_crt_fd *f, void *out, unsigned n)
{
	size_t max = n / 2, size = max < 4 ? 4 : max, pos, i, j, len;
	unsigned char *b = malloc(size + 4);
	ssize_t r;
	int k;

	if (!b) {
		*rt_errno_ptr() = W_ENOMEM;
		return -1;
	}
	if (max < 4) {
		k = read8_small(f, b, out, max);
		free(b);
		return k;
	}
	pos = (size_t)take_back(f, b);
	r = read_once(f->fd, b + pos, size - pos);
	if (r < 0 && !pos) {
		rt_set_errno_from(errno);
		free(b);
		return -1;
	}
	if (r <= 0 && !pos) {
		f->ateof = 1;
		free(b);
		return 0;
	}
	pos += r > 0 ? (size_t)r : 0;
	f->readnl = b[0] == '\n';
	/* The last character's first byte (msvcrt looks back at most three
	 * bytes, and not at all in fewer than four). */
	i = pos - 1;
	while (i > 0 && pos >= 4 && i > pos - 4 && (b[i] & 0xc0) == 0x80)
		i--;
	len = utf8_len(b[i]);
	if (i + len <= pos)
		i += len;
	give_back(f, b + i, (int)(pos - i));
	pos = i;
	for (i = 0, j = 0; i < pos; i++) {
		if (b[i] == 0x1a) {
			f->ateof = 1;
			break;
		}
		if (b[i] == '\r' && i + 1 == pos) {
			int x = f->nla ? '\r' : utf8_cr(f, j == 0);

			if (x)
				b[j++] = (unsigned char)x;
		} else if (b[i] != '\r' || b[i + 1] != '\n') {
			b[j++] = b[i];
		}
	}
	k = to_utf16(b, j, out, max);
	free(b);
	return k;
}

int rt_crt_read_unicode(struct rt_crt_fd *f, void *buf, unsigned n)
{
	if (n == 0 || f->ateof)
		return 0;
	if (n & 1) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	if (rt_prepare_write(buf, n) < 0) {
		*rt_errno_ptr() = W_EFAULT;
		return -1;
	}
	if (f->text && f->wide == _O_U8TEXT)
		return read8(f, buf, n);
	return read16(f, buf, n);
}

/* ---- writing ------------------------------------------------------- */

/* Appends c's UTF-8 bytes at p; returns the end. */
static char *put_utf8(char *p, uint32_t c)
{
	if (c < 0x80) {
		*p++ = (char)c;
	} else if (c < 0x800) {
		*p++ = (char)(0xc0 | c >> 6);
		*p++ = (char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		*p++ = (char)(0xe0 | c >> 12);
		*p++ = (char)(0x80 | (c >> 6 & 0x3f));
		*p++ = (char)(0x80 | (c & 0x3f));
	} else {
		*p++ = (char)(0xf0 | c >> 18);
		*p++ = (char)(0x80 | (c >> 12 & 0x3f));
		*p++ = (char)(0x80 | (c >> 6 & 0x3f));
		*p++ = (char)(0x80 | (c & 0x3f));
	}
	return p;
}

char *rt_crt_wide_bytes(const void *units, size_t n, int wide, int tty,
			size_t *len)
{
	const unsigned char *u = units;
	int utf8 = wide == _O_U8TEXT || tty;
	char *b = malloc(n * 4 + 1), *p = b;

	if (!b)
		return 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = unit_at(u, 2 * i), d;

		if (!utf8) {
			if (c == '\n') {
				*p++ = '\r';
				*p++ = 0;
			}
			*p++ = (char)(c & 0xff);
			*p++ = (char)(c >> 8);
			continue;
		}
		d = i + 1 < n ? unit_at(u, 2 * i + 2) : 0;
		if (c >= 0xd800 && c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
			c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
			i++;
		} else if (c >= 0xd800 && c < 0xe000) {
			c = 0xfffd; /* a lone surrogate, as UTF-8 can't say it
				     */
		}
		if (c == '\n')
			*p++ = '\r';
		p = put_utf8(p, c);
	}
	*len = (size_t)(p - b);
	return b;
}

/* How many of the n units at u msvcrt converts to UTF-8 at once: it
 * gathers them, "\n" as "\r\n", while fewer than 509 bytes are taken,
 * and converts each batch alone, so a surrogate pair split between two
 * batches comes out as two U+FFFD. */
static size_t utf8_batch(const unsigned char *u, size_t n)
{
	size_t i = 0, j = 0;

	while (i < n && j < 509) {
		j += unit_at(u, 2 * i) == '\n' ? 4 : 2;
		i++;
	}
	return i;
}

int rt_crt_write_unicode(struct rt_crt_fd *f, const void *buf, unsigned n)
{
	const unsigned char *u = buf;
	int tty = isatty(f->fd);
	size_t done = 0, len, k;
	char *b;

	if (n & 1) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	if (!f->text) {
		if (rt_write_all(f->fd, buf, n) < 0) {
			rt_set_errno_from(errno);
			return -1;
		}
		return (int)n;
	}
	while (done < n / 2) {
		k = f->wide == _O_U8TEXT && !tty ? utf8_batch(u + 2 * done,
							      n / 2 - done)
						 : n / 2 - done;
		b = rt_crt_wide_bytes(u + 2 * done, k, f->wide, tty, &len);
		if (!b) {
			*rt_errno_ptr() = W_ENOMEM;
			return -1;
		}
		if (rt_write_all(f->fd, b, len) < 0) {
			free(b);
			rt_set_errno_from(errno);
			return -1;
		}
		free(b);
		done += k;
	}
	return (int)n;
}
