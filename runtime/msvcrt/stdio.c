/*
 * stdio.c — msvcrt's FILE streams as a program opens and steers them:
 * fopen, _wfopen, _fdopen, freopen, tmpfile, fclose; setvbuf and setbuf;
 * fseek, ftell, rewind, fgetpos/fsetpos (and the 64-bit _fseeki64,
 * _ftelli64); feof, ferror, clearerr, _fileno.  The stream records and
 * their buffers are stream.c's; reading and writing is chario.c's.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

/* ---- opening and closing ------------------------------------------- */

/* The ", ccs=NAME" that may end an fopen mode, as msvcrt reads it:
 * spaces around "ccs" and '=', the name in any case.  Returns the
 * Unicode mode it asks (UTF-8: _O_U8TEXT, UTF-16LE: _O_U16TEXT,
 * UNICODE: _O_WTEXT), or -1 (EINVAL) for anything else. */
static int parse_ccs(const char *m)
{
	static const struct {
		const char *name;
		int mode;
	} ccs[] = {{"utf-8", _O_U8TEXT},
		   {"utf-16le", _O_U16TEXT},
		   {"unicode", _O_WTEXT}};
	int mode = -1;

	while (*m == ' ')
		m++;
	if (strncmp(m, "ccs", 3))
		goto bad;
	for (m += 3; *m == ' '; m++)
		;
	if (*m++ != '=')
		goto bad;
	while (*m == ' ')
		m++;
	for (size_t i = 0; i < sizeof(ccs) / sizeof(*ccs); i++) {
		size_t n = strlen(ccs[i].name);

		if (!strncasecmp(m, ccs[i].name, n)) {
			mode = ccs[i].mode;
			m += n;
			break;
		}
	}
	while (*m == ' ')
		m++;
	if (mode >= 0 && !*m)
		return mode;
bad:
	*rt_errno_ptr() = W_EINVAL;
	return -1;
}

/* Parses an fopen mode into _open flags and read/write permissions; -1
 * (errno EINVAL) for a mode msvcrt refuses too.  Letters msvcrt takes as
 * hints become _open's: D temporary, T short-lived, N not inherited,
 * S sequential, R random; c and n set *commit (fflush commits to disk)
 * or clear it, which starts as _commode's _IOCOMMIT bit; letters msvcrt
 * does not know are ignored, as by msvcrt.  An encoding (", ccs=UTF-8"
 * and the like) opens the file in a Unicode mode. */
static int parse_mode(const char *m, int *oflags, int *rd, int *wr, int *commit)
{
	int f;

	*commit = (w32__commode & _IOCOMMIT) != 0;

	switch (*m++) {
	case 'r':
		f = _O_RDONLY;
		*rd = 1;
		*wr = 0;
		break;
	case 'w':
		f = _O_WRONLY | _O_CREAT | _O_TRUNC;
		*rd = 0;
		*wr = 1;
		break;
	case 'a':
		f = _O_WRONLY | _O_CREAT | _O_APPEND;
		*rd = 0;
		*wr = 1;
		break;
	default: *rt_errno_ptr() = W_EINVAL; return -1;
	}
	for (; *m && *m != ','; m++) {
		switch (*m) {
		case '+':
			f = (f & ~3) | _O_RDWR;
			*rd = *wr = 1;
			break;
		case 'b': f |= _O_BINARY; break;
		case 't': f |= _O_TEXT; break;
		case 'D': f |= _O_TEMPORARY; break;
		case 'T': f |= _O_SHORT_LIVED; break;
		case 'N': f |= _O_NOINHERIT; break;
		case 'S': f |= _O_SEQUENTIAL; break;
		case 'R': f |= _O_RANDOM; break;
		case 'c': *commit = 1; break;
		case 'n': *commit = 0; break;
		default: break;
		}
	}
	if (*m == ',') {
		int u = parse_ccs(m + 1);

		if (u < 0)
			return -1;
		f |= u;
	}
	*oflags = f;
	return 0;
}

/* Marks stream f (which may be NULL) as committing on fflush, or not. */
static struct w32_file *set_commit(struct w32_file *f, int commit)
{
	struct rt_stream *s = f ? rt_stream_of(f) : 0;

	if (s) {
		s->commit = commit;
		f->_flag = (f->_flag & ~_IOCOMMIT) | (commit ? _IOCOMMIT : 0);
	}
	return f;
}

static struct w32_file *open_stream(const char *name, const char *mode)
{
	int oflags, rd, wr, fd, commit;
	struct w32_file *f;

	if (!name || !mode) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	if (parse_mode(mode, &oflags, &rd, &wr, &commit) < 0)
		return 0;
	fd = rt_crt_open(name, oflags, 0x180, _SH_DENYNO);
	if (fd < 0)
		return 0;
	f = rt_stream_new(fd, rd, wr);
	if (!f)
		w32__close(fd);
	return set_commit(f, commit);
}

struct w32_file *WINAPI w32_fopen(const char *name, const char *mode)
{
	return open_stream(name, mode);
}

struct w32_file *WINAPI w32__wfopen(const WCHAR *name, const WCHAR *mode)
{
	char *n = rt_utf8_dup(name), *m = rt_utf8_dup(mode);
	struct w32_file *f = n && m ? open_stream(n, m) : 0;

	free(n);
	free(m);
	return f;
}

/* An encoding in the mode is checked, not applied: msvcrt leaves the
 * descriptor's mode as it is. */
struct w32_file *WINAPI w32__fdopen(int fd, const char *mode)
{
	int oflags, rd, wr, commit;
	struct rt_crt_fd *d = rt_crt_fd(fd);

	if (!d || !mode || parse_mode(mode, &oflags, &rd, &wr, &commit) < 0)
		return 0;
	if (oflags & _O_BINARY)
		d->text = 0;
	else if (oflags & _O_TEXT)
		d->text = 1;
	return set_commit(rt_stream_new(fd, rd, wr), commit);
}

int WINAPI w32_fclose(struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);
	int r;

	if (!s || !s->used) {
		*rt_errno_ptr() = W_EINVAL;
		return EOF;
	}
	pthread_mutex_lock(&s->lock);
	r = rt_stream_close(s, f);
	pthread_mutex_unlock(&s->lock);
	return r;
}

struct w32_file *WINAPI w32_freopen(const char *name, const char *mode,
				    struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);
	int oflags, rd, wr, fd, commit;

	if (!s || !mode || parse_mode(mode, &oflags, &rd, &wr, &commit) < 0)
		return 0;
	pthread_mutex_lock(&s->lock);
	if (s->used)
		rt_stream_close(s, f);
	fd = rt_crt_open(name, oflags, 0x180, _SH_DENYNO);
	if (fd < 0) {
		pthread_mutex_unlock(&s->lock);
		return 0;
	}
	s->used = 1;
	s->fd = fd;
	s->can_read = rd;
	s->can_write = wr;
	s->bufmode = RT_BUF_FULL;
	s->setup = 1;
	s->writing = 0;
	s->ungot = -1;
	s->eof = s->err = 0;
	f->_file = fd;
	f->_flag = (rd && wr) ? _IORW : rd ? _IOREAD : _IOWRT;
	set_commit(f, commit);
	pthread_mutex_unlock(&s->lock);
	return f;
}

struct w32_file *WINAPI w32__wfreopen(const WCHAR *name, const WCHAR *mode,
				      struct w32_file *f)
{
	char *n = rt_utf8_dup(name), *m = rt_utf8_dup(mode);
	struct w32_file *r = n && m ? w32_freopen(n, m, f) : 0;

	if (!n || !m)
		*rt_errno_ptr() = W_EINVAL;
	free(n);
	free(m);
	return r;
}

struct w32_file *WINAPI w32_tmpfile(void)
{
	char tmpl[] = "/tmp/dllshare-tmpXXXXXX";
	int lfd = mkostemp(tmpl, O_CLOEXEC), fd;
	struct w32_file *f;

	if (lfd < 0) {
		rt_set_errno_from(errno);
		return 0;
	}
	unlink(tmpl);
	fd = rt_crt_fd_new(lfd, _O_BINARY);
	if (fd < 0)
		return 0;
	f = rt_stream_new(fd, 1, 1);
	if (!f)
		w32__close(fd);
	return f;
}

/* ---- buffering ----------------------------------------------------- */

/* _IONBF writes straight through; _IOFBF and _IOLBF (0x40) both buffer
 * fully in msvcrt, in the program's buffer of size bytes when it gives
 * one (it must live as long as the stream), else in a buffer of the
 * usual size, as Wine's msvcrt does (size is then only checked).  An
 * unknown mode or a size below 2 fails with EINVAL, as in msvcrt. */
int WINAPI w32_setvbuf(struct w32_file *f, char *buf, int mode, size_t size)
{
	struct rt_stream *s;

	if ((mode != _IONBF && mode != W_IOFBF && mode != W_IOLBF) ||
	    (mode != _IONBF && (size < 2 || size > INT_MAX))) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	s = rt_stream_lock_out(f);
	if (!s)
		return -1;
	rt_stream_flush(s);
	s->setup = 1;
	s->bufmode = mode == _IONBF ? RT_BUF_NONE : RT_BUF_FULL;
	if (mode != _IONBF &&
	    rt_stream_set_buffer(s, buf, buf ? size : RT_STREAM_BUFSZ) < 0) {
		rt_stream_unlock(s);
		*rt_errno_ptr() = W_ENOMEM;
		return -1;
	}
	rt_stream_unlock(s);
	return 0;
}

/* msvcrt's BUFSIZ is 512: the size of the buffer setbuf is given. */
void WINAPI w32_setbuf(struct w32_file *f, char *buf)
{
	w32_setvbuf(f, buf, buf ? W_IOFBF : _IONBF, 512);
}

/* ---- positioning and state ----------------------------------------- */

static int64_t count_nl(const char *b, size_t n)
{
	int64_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += b[i] == '\n';
	return k;
}

/* The position msvcrt reports for a text stream in a Unicode mode, whose
 * buffer holds UTF-16 while the file holds its encoding: the file's
 * position moved by the buffered bytes, a byte more (writing) or less
 * (reading) for each 0x0a byte among them, as msvcrt counts narrow text.
 * The numbers are msvcrt's, not the file's true place. */
static int64_t unicode_tell(struct rt_stream *s, struct rt_crt_fd *d,
			    int64_t pos)
{
	int64_t end;

	if (s->writing)
		return pos + (int64_t)s->len + count_nl(s->buf, s->len);
	if (s->pos >= s->len)
		return pos;
	end = lseek(d->fd, 0, SEEK_END);
	if (end == pos)
		return pos - (int64_t)(s->len - s->pos) -
		       count_nl(s->buf + s->pos, s->len - s->pos);
	lseek(d->fd, pos, SEEK_SET);
	return pos - (int64_t)s->cap + (int64_t)s->pos - d->readnl +
	       count_nl(s->buf, s->pos);
}

int WINAPI w32__fseeki64(struct w32_file *f, int64_t off, int whence)
{
	struct rt_stream *s = rt_stream_of(f);
	struct rt_crt_fd *d;
	int lfd;

	if (!s || !s->used || whence < 0 || whence > 2) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	pthread_mutex_lock(&s->lock);
	d = rt_crt_fd(s->fd);
	if (s->writing) {
		rt_stream_flush(s);
	} else if (whence == 1 && d && d->wide && d->text && s->buf) {
		/* msvcrt seeks from what its ftell says. */
		lfd = rt_stream_lfd(s);
		off += unicode_tell(s, d, lseek(lfd, 0, SEEK_CUR));
		whence = 0;
	} else if (whence == 1) {
		off -= (int64_t)(s->len - s->pos) + (s->ungot >= 0);
	}
	s->len = s->pos = 0;
	s->ungot = -1;
	s->eof = 0;
	/* _lseeki64: a Unicode descriptor's end of input is forgotten. */
	if (w32__lseeki64(s->fd, off, whence) < 0) {
		pthread_mutex_unlock(&s->lock);
		return -1;
	}
	pthread_mutex_unlock(&s->lock);
	return 0;
}

int WINAPI w32_fseek(struct w32_file *f, LONG off, int whence)
{
	return w32__fseeki64(f, off, whence);
}

int64_t WINAPI w32__ftelli64(struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);
	struct rt_crt_fd *d;
	int64_t pos;
	int lfd;

	if (!s || !s->used) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	pthread_mutex_lock(&s->lock);
	lfd = rt_stream_lfd(s);
	pos = lfd >= 0 ? lseek(lfd, 0, SEEK_CUR) : -1;
	d = rt_crt_fd(s->fd);
	if (pos >= 0 && d && d->wide && d->text && s->buf) {
		pos = unicode_tell(s, d, pos);
	} else if (pos >= 0) {
		if (s->writing)
			pos += (int64_t)s->len;
		else
			pos -= (int64_t)(s->len - s->pos) + (s->ungot >= 0);
	} else {
		rt_set_errno_from(errno);
	}
	pthread_mutex_unlock(&s->lock);
	return pos;
}

LONG WINAPI w32_ftell(struct w32_file *f)
{
	return (LONG)w32__ftelli64(f);
}

void WINAPI w32_rewind(struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);

	w32__fseeki64(f, 0, 0);
	if (s)
		s->err = 0;
}

int WINAPI w32_fgetpos(struct w32_file *f, int64_t *pos)
{
	*pos = w32__ftelli64(f);
	return *pos < 0 ? -1 : 0;
}

int WINAPI w32_fsetpos(struct w32_file *f, const int64_t *pos)
{
	return w32__fseeki64(f, *pos, 0);
}

int WINAPI w32_feof(struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);

	return s && s->eof ? _IOEOF : 0;
}

int WINAPI w32_ferror(struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);

	return s && s->err ? _IOERR : 0;
}

void WINAPI w32_clearerr(struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);

	if (s)
		s->eof = s->err = 0;
}

int WINAPI w32__fileno(struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);

	return s && s->used ? s->fd : -1;
}
