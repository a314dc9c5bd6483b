/*
 * stream.c — the stream layer under msvcrt's FILE functions (stdio.c,
 * chario.c, printf.c, scanf.c): the FILE table, buffered reading and
 * writing, flushing every stream (fflush, _flushall, _fcloseall, the
 * exit hook), and the FILE locks.
 *
 * The FILE objects are msvcrt's 48-byte structures, in one array that
 * __iob_func() returns (mingw's stdout is &__iob_func()[1]); each has a
 * side record here with its buffer and lock.  Text-mode streams write
 * "\r\n" for "\n" and read "\r\n" as "\n"; a stream's mode is its
 * descriptor's, asked at each transfer (so _setmode changes stdio too).
 * On a descriptor in a Unicode mode the buffer holds what the program
 * gave, UTF-16 or bytes, and the descriptor's _read and _write translate
 * (unicode_io.c), as in msvcrt.  Buffering follows msvcrt: files and
 * redirected stdout are fully buffered (4 KiB); stdout on a terminal and
 * stderr are flushed at the end of every call.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

#define MAX_STREAMS 512

/* msvcrt's layout: the first 20 FILEs are the _iob array; the others
 * are "FILEX" records, a FILE followed by its CRITICAL_SECTION.  mingw's
 * own _lock_file depends on it: for a FILE outside _iob it enters the
 * critical section at FILE+0x30. */
#define IOB_ENTRIES 20
struct filex {
	struct w32_file f;
	CRITICAL_SECTION cs;
};
struct w32_file w32__iob[IOB_ENTRIES];
static struct filex fx[MAX_STREAMS - IOB_ENTRIES] LD_LARGE_BSS;
/* Initialised data, not a loop of pthread_mutex_init at the first stdio
 * call: a page of the table is then written (a page fault) only when one
 * of its streams is used, not all 15 at every start. */
static struct rt_stream st[MAX_STREAMS] = {
	[0 ... MAX_STREAMS - 1] = {.lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP,
				   .ungot = -1},
};

static struct w32_file *file_at(int i)
{
	return i < IOB_ENTRIES ? &w32__iob[i] : &fx[i - IOB_ENTRIES].f;
}
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t streams_lock = PTHREAD_MUTEX_INITIALIZER;
/* Streams st[0..nst) have been used; those after never were.  The
 * loops over every stream stop there: reading all 64 KiB of the table
 * at exit (fflush(NULL)) took two page faults in a program that used
 * stdout alone. */
static _Atomic int nst = 3;

static void init_streams(void)
{
	for (int i = 0; i < 3; i++) {
		st[i].used = 1;
		st[i].fd = i;
		st[i].can_read = i == 0;
		st[i].can_write = i != 0;
		w32__iob[i]._file = i;
		w32__iob[i]._flag = i == 0 ? _IOREAD : _IOWRT;
	}
}

/* The side record of f; NULL if f is not one of ours. */
struct rt_stream *rt_stream_of(struct w32_file *f)
{
	pthread_once(&once, init_streams);
	if (f >= w32__iob && f < w32__iob + IOB_ENTRIES)
		return &st[f - w32__iob];
	if ((uintptr_t)f - (uintptr_t)fx < sizeof(fx)) {
		size_t off = (uintptr_t)f - (uintptr_t)fx;

		if (off % sizeof(struct filex) == 0)
			return &st[IOB_ENTRIES + off / sizeof(struct filex)];
	}
	return 0;
}

static void setup_std(struct rt_stream *s, int idx)
{
	if (s->setup)
		return;
	s->setup = 1;
	if (idx == 2) {
		s->bufmode = RT_BUF_CALL;
	} else if (idx == 1) {
		struct rt_crt_fd *d = rt_crt_fd(1);

		s->bufmode = d && isatty(d->fd) ? RT_BUF_CALL : RT_BUF_FULL;
	}
}

int rt_stream_lfd(struct rt_stream *s)
{
	struct rt_crt_fd *d = rt_crt_fd(s->fd);

	return d ? d->fd : -1;
}

/* Hands n bytes of output to s's descriptor: as they are (the stream
 * translated them already), or to the descriptor's Unicode _write.  0,
 * or -1 (errno set by a Unicode _write). */
static int emit(struct rt_stream *s, const char *b, size_t n)
{
	struct rt_crt_fd *d = rt_crt_fd(s->fd);

	if (!d)
		return -1;
	if (!d->wide)
		return rt_crt_write_out(d->fd, b, n) < 0 ? -1 : 0;
	for (size_t done = 0; done < n;) {
		/* _write takes an unsigned count: a huge unbuffered write
		 * goes in pieces of an even size. */
		unsigned k = n - done > 0x40000000 ? 0x40000000
						   : (unsigned)(n - done);

		if (rt_crt_write_unicode(d, b + done, k) < 0)
			return -1;
		done += k;
	}
	return 0;
}

/* Writes out the pending output; 0 or EOF. */
int rt_stream_flush(struct rt_stream *s)
{
	if (!s->writing || s->len == 0) {
		s->writing = 0;
		return 0;
	}
	if (emit(s, s->buf, s->len) < 0) {
		s->err = 1;
		s->len = 0;
		s->writing = 0;
		return EOF;
	}
	s->len = 0;
	s->writing = 0;
	return 0;
}

/* Leaves read mode: the unread bytes go back to the file position. */
static void drop_input(struct rt_stream *s)
{
	if (!s->writing && (s->len > s->pos || s->ungot >= 0)) {
		int lfd = rt_stream_lfd(s);
		off_t back = (off_t)(s->len - s->pos) + (s->ungot >= 0);

		if (lfd >= 0)
			lseek(lfd, -back, SEEK_CUR);
	}
	if (!s->writing)
		s->len = s->pos = 0;
	s->ungot = -1;
}

static int ensure_buf(struct rt_stream *s)
{
	if (s->buf)
		return 0;
	s->cap = RT_STREAM_BUFSZ;
	s->buf = malloc(s->cap);
	return s->buf ? 0 : -1;
}

int rt_stream_set_buffer(struct rt_stream *s, char *buf, size_t size)
{
	char *b = buf ? buf : malloc(size);

	if (!b)
		return -1;
	rt_stream_flush(s);
	drop_input(s);
	if (!s->user_buf)
		free(s->buf);
	s->buf = b;
	s->cap = size;
	s->len = s->pos = 0;
	s->user_buf = buf != 0;
	return 0;
}

/* Appends raw bytes to the output buffer, flushing as needed. */
static int out_raw(struct rt_stream *s, const char *b, size_t n)
{
	if (!s->writing) {
		drop_input(s);
		s->writing = 1;
		s->len = 0;
	}
	if (s->bufmode == RT_BUF_NONE || ensure_buf(s) < 0) {
		if (emit(s, b, n) < 0) {
			s->err = 1;
			return EOF;
		}
		return 0;
	}
	while (n) {
		size_t k = s->cap - s->len < n ? s->cap - s->len : n;

		memcpy(s->buf + s->len, b, k);
		s->len += k;
		b += k;
		n -= k;
		if (s->len == s->cap && rt_stream_flush(s) < 0)
			return EOF;
		s->writing = 1;
	}
	return 0;
}

/* The Unicode mode of s's descriptor (_setmode), or 0. */
static int stream_wide(struct rt_stream *s)
{
	struct rt_crt_fd *d = rt_crt_fd(s->fd);

	return d ? d->wide : 0;
}

/* Writes n bytes, translating "\n" in text mode (on a descriptor in a
 * Unicode mode they go as they are, taken as UTF-16 when written out: an
 * odd count then fails there, with EINVAL, as in msvcrt). */
int rt_stream_write(struct rt_stream *s, const char *b, size_t n)
{
	size_t i, start = 0;

	if (!s->can_write) {
		s->err = 1;
		*rt_errno_ptr() = W_EBADF;
		return EOF;
	}
	if (!rt_stream_text(s))
		return out_raw(s, b, n);
	for (i = 0; i < n; i++) {
		if (b[i] != '\n')
			continue;
		if (out_raw(s, b + start, i - start) < 0 ||
		    out_raw(s, "\r\n", 2) < 0)
			return EOF;
		start = i + 1;
	}
	return out_raw(s, b + start, n - start);
}

/* End of a top-level output call: unbuffered-ish streams flush. */
void rt_stream_end_call(struct rt_stream *s)
{
	if (s->bufmode == RT_BUF_CALL)
		rt_stream_flush(s);
}

struct rt_stream *rt_stream_lock_out(struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);

	if (!s || !s->used) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	pthread_mutex_lock(&s->lock);
	if (s - st < 3)
		setup_std(s, (int)(s - st));
	return s;
}

void rt_stream_unlock(struct rt_stream *s)
{
	pthread_mutex_unlock(&s->lock);
}

/* Wide characters on a text stream, as code page cp writes them (one
 * byte each; in "C", cp 0, each code unit up to 0xff): a unit the code
 * page has no byte for stops the output there (EILSEQ).  On a binary
 * stream or one in a Unicode mode the units go as they are, as msvcrt's
 * fputwc writes them. */
int rt_stream_write_wide(struct rt_stream *s, const WCHAR *w, size_t n,
			 UINT cp)
{
	char b[256];
	size_t k = 0;

	if (!rt_stream_text(s)) {
		if (!s->can_write) {
			s->err = 1;
			*rt_errno_ptr() = W_EBADF;
			return EOF;
		}
		return out_raw(s, (const char *)w, n * sizeof(WCHAR));
	}
	for (size_t i = 0; i < n; i++) {
		int c = rt_crt_wide_to_byte(cp, w[i]);

		if (c < 0) {
			if (k)
				rt_stream_write(s, b, k);
			*rt_errno_ptr() = W_EILSEQ;
			return -1;
		}
		b[k++] = (char)c;
		if (k == sizeof(b)) {
			if (rt_stream_write(s, b, k) < 0)
				return -1;
			k = 0;
		}
	}
	return k ? rt_stream_write(s, b, k) : 0;
}

/* ---- input --------------------------------------------------------- */

struct rt_stream *rt_stream_lock_in(struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);

	if (!s || !s->used) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	pthread_mutex_lock(&s->lock);
	/* Reading stdin flushes stdout first, so prompts show. */
	if (s == &st[0] && st[1].writing) {
		pthread_mutex_lock(&st[1].lock);
		rt_stream_flush(&st[1]);
		pthread_mutex_unlock(&st[1].lock);
	}
	return s;
}

static int fill(struct rt_stream *s)
{
	int lfd = rt_stream_lfd(s);
	ssize_t r;

	if (ensure_buf(s) < 0 || lfd < 0) {
		s->err = 1;
		return EOF;
	}
	if (rt_prepare_write(s->buf, s->cap) < 0)
		return EOF;
	if (stream_wide(s))
		r = rt_crt_read_unicode(rt_crt_fd(s->fd), s->buf,
					(unsigned)(s->cap & ~(size_t)1));
	else
		do
			r = read(lfd, s->buf, s->cap);
		while (r < 0 && errno == EINTR);
	if (r <= 0) {
		if (r < 0)
			s->err = 1;
		else
			s->eof = 1;
		s->len = s->pos = 0;
		return EOF;
	}
	s->len = (size_t)r;
	s->pos = 0;
	return 0;
}

static int raw_get(struct rt_stream *s)
{
	if (s->pos >= s->len && fill(s) < 0)
		return EOF;
	return (unsigned char)s->buf[s->pos++];
}

int rt_stream_getc(struct rt_stream *s)
{
	int c;

	if (!s->can_read) {
		s->err = 1;
		return EOF;
	}
	if (s->writing) {
		if (rt_stream_flush(s) < 0)
			return EOF;
		s->len = s->pos = 0;
	}
	if (s->ungot >= 0) {
		c = s->ungot;
		s->ungot = -1;
		return c;
	}
	c = raw_get(s);
	if (c == EOF || !rt_stream_text(s))
		return c;
	if (c == 0x1a) {
		/* Ctrl-Z ends a text stream. */
		s->pos--;
		s->eof = 1;
		return EOF;
	}
	if (c == '\r') {
		int d = raw_get(s);

		if (d == '\n')
			return '\n';
		if (d != EOF)
			s->pos--;
	}
	return c;
}

void rt_stream_ungetc(struct rt_stream *s, int c)
{
	if (c != EOF)
		s->ungot = c;
}

struct w32_file *rt_stream_std(int i)
{
	pthread_once(&once, init_streams);
	return &w32__iob[i];
}

/* ---- the table ----------------------------------------------------- */

int rt_stream_text(struct rt_stream *s)
{
	struct rt_crt_fd *d = rt_crt_fd(s->fd);

	return d && d->text && !d->wide;
}

struct w32_file *rt_stream_new(int fd, int rd, int wr)
{
	pthread_once(&once, init_streams);
	pthread_mutex_lock(&streams_lock);
	for (int i = 3; i < MAX_STREAMS; i++) {
		struct rt_stream *s = &st[i];

		if (s->used)
			continue;
		s->used = 1;
		if (i >= nst)
			nst = i + 1;
		s->fd = fd;
		s->can_read = rd;
		s->can_write = wr;
		s->bufmode = RT_BUF_FULL;
		s->len = s->pos = 0;
		s->writing = 0;
		s->ungot = -1;
		s->eof = s->err = 0;
		s->commit = 0;
		file_at(i)->_file = fd;
		file_at(i)->_flag = (rd && wr) ? _IORW : rd ? _IOREAD : _IOWRT;
		pthread_mutex_unlock(&streams_lock);
		return file_at(i);
	}
	pthread_mutex_unlock(&streams_lock);
	*rt_errno_ptr() = W_EMFILE;
	return 0;
}

int rt_stream_close(struct rt_stream *s, struct w32_file *f)
{
	int r = rt_stream_flush(s);

	if (s - st >= 3 || s->fd > 2) {
		if (w32__close(s->fd) < 0)
			r = EOF;
	}
	if (!s->user_buf)
		free(s->buf);
	s->buf = 0;
	s->user_buf = 0;
	s->cap = s->len = s->pos = 0;
	s->used = 0;
	s->setup = 0;
	f->_flag = 0;
	f->_file = -1;
	return r;
}

void rt_stdio_flushall(void)
{
	w32_fflush(0);
}

/* Wine's msvcrt flushes its streams when the process detaches it; here
 * the core runs the hook at ExitProcess and at an unhandled exception.
 * A child of an msvcrt program takes the descriptors it was passed. */
void rt_msvcrt_attach(void)
{
	rt_exit_hook_add(rt_stdio_flushall);
	rt_args_hook_set(rt_crt_args_ready);
	rt_crt_inherit_take();
}

/* Flushes locked stream s and, when it commits (_IOCOMMIT), its file to
 * disk (_commit), as msvcrt's fflush does; 0 or EOF. */
static int flush_commit(struct rt_stream *s)
{
	int r = rt_stream_flush(s);

	if (r == 0 && s->commit && w32__commit(s->fd) < 0)
		r = EOF;
	return r;
}

/* fflush(NULL) flushes (and commits) every stream open for writing; a
 * failed commit is not its result, as in msvcrt. */
int WINAPI w32_fflush(struct w32_file *f)
{
	struct rt_stream *s;
	int r = 0;

	if (!f) {
		pthread_once(&once, init_streams);
		for (int i = 0; i < nst; i++) {
			if (!st[i].used || !(st[i].writing || st[i].commit))
				continue;
			pthread_mutex_lock(&st[i].lock);
			if (rt_stream_flush(&st[i]) < 0)
				r = EOF;
			else if (st[i].commit && st[i].can_write)
				w32__commit(st[i].fd);
			pthread_mutex_unlock(&st[i].lock);
		}
		return r;
	}
	s = rt_stream_lock_out(f);
	if (!s)
		return EOF;
	r = flush_commit(s);
	rt_stream_unlock(s);
	return r;
}

/* Every open stream, read or written, is flushed and committed when it
 * commits (a read-only file's refusal leaves errno EACCES); the count of
 * open streams. */
int WINAPI w32__flushall(void)
{
	int n = 0;

	pthread_once(&once, init_streams);
	for (int i = 0; i < nst; i++) {
		if (!st[i].used)
			continue;
		pthread_mutex_lock(&st[i].lock);
		if (st[i].used) {
			flush_commit(&st[i]);
			n++;
		}
		pthread_mutex_unlock(&st[i].lock);
	}
	return n;
}

int WINAPI w32__fcloseall(void)
{
	int n = 0;

	pthread_once(&once, init_streams);
	for (int i = 3; i < nst; i++) {
		if (st[i].used) {
			w32_fclose(file_at(i));
			n++;
		}
	}
	return n;
}

void WINAPI w32__lock_file(struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);

	if (s)
		pthread_mutex_lock(&s->lock);
}

void WINAPI w32__unlock_file(struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);

	if (s)
		pthread_mutex_unlock(&s->lock);
}

struct w32_file *WINAPI w32___iob_func(void)
{
	pthread_once(&once, init_streams);
	return w32__iob;
}
